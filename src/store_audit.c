/* store_audit.c — the audit log's table: a line per action, read back in
 * order (see store_audit.h). */
#include "exitview/store_audit.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store_priv.h"

#define AUDIT_INSERT \
	"INSERT INTO audit (at, login, action, interview_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)"

static void my_login(char *buf, size_t size)
{
	const struct passwd *pw = getpwuid(getuid());
	const char *name = pw && !str_empty(pw->pw_name) ? pw->pw_name : getenv("USER");
	if (!str_empty(name))
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "uid %ld", (long)getuid());
}

/* Insert the line on db; 0, or the SQLite result. */
static int insert(sqlite3 *db, const char *action, int64_t id, const char *detail)
{
	char login[256];
	my_login(login, sizeof login);
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(db, AUDIT_INSERT, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	bind_i64(s, 1, (int64_t)time(NULL));
	bind_str(s, 2, login);
	bind_str(s, 3, action);
	if (id > 0)
		bind_i64(s, 4, id);
	else
		sqlite3_bind_null(s, 4);
	bind_str(s, 5, detail);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A read-only handle writes the line through its own short connection. */
static int audit_beside(store *st, const char *action, int64_t id, const char *detail)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(st->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		rc = sqlite3_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL", NULL, NULL, NULL);
	}
	if (rc == SQLITE_OK)
		rc = insert(db, action, id, detail);
	char buf[256];
	if (rc != SQLITE_OK)
		ev_seterr("not recorded in the audit log of %s: %s", st->path,
			  store_one_line(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc), buf, sizeof buf));
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

int store_audit(store *st, const char *action, int64_t id, const char *detail)
{
	int64_t version = 0;
	if (store_query_int(st, "PRAGMA user_version", &version, "reading the schema") != 0)
		return -1;
	if (version < 6)
		return ev_seterr("not recorded in the audit log: %s is of an older schema, opened read-only "
				 "(any change by exitview upgrades it)", st->path);
	if (st->mode == STORE_READ)
		return audit_beside(st, action, id, detail);
	int rc = insert(st->db, action, id, detail);
	return rc == SQLITE_OK ? 0 : store_fail_rc(st, rc, "writing the audit log");
}

int store_audit_foreach(store *st, int64_t since, int (*fn)(const audit_entry *e, void *arg), void *arg)
{
	int64_t version = 0;
	if (store_query_int(st, "PRAGMA user_version", &version, "reading the schema") != 0)
		return -1;
	if (version < 6)
		return 0;   /* no log yet */
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db,
				    "SELECT seq, at, login, action, coalesce(interview_id, 0), detail FROM audit"
				    " WHERE at >= ?1 ORDER BY seq", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail_rc(st, rc, "reading the audit log");
	bind_i64(s, 1, since);
	int n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		audit_entry e = {
			.seq = sqlite3_column_int64(s, 0),
			.at = sqlite3_column_int64(s, 1),
			.login = (const char *)sqlite3_column_text(s, 2),
			.action = (const char *)sqlite3_column_text(s, 3),
			.interview_id = sqlite3_column_int64(s, 4),
			.detail = (const char *)sqlite3_column_text(s, 5),
		};
		n++;
		if (fn(&e, arg) != 0)
			break;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail_rc(st, rc, "reading the audit log");
	return n;
}
