/* store.c — the SQLite database; the only file that speaks SQL.
 *
 * Layout (schema version SCHEMA_VERSION, kept in PRAGMA user_version; the
 * file is marked as ours with PRAGMA application_id):
 *
 *   interviews   one row per interview: details, template copy (title,
 *                language, scale1..5), elapsed, timestamps, closed flag,
 *                position, report text, and `day` (the interview date, else
 *                the local date of creation) for date-range queries
 *   questions    (interview_id, idx): title, prompt, hint, notes, rating,
 *                skipped
 *   followups    (interview_id, q_idx, idx): text, asked
 *   categories   (interview_id, idx): key, label
 *
 * A new database is built by running every migration from version 0, so a
 * fresh file and an upgraded old one are the same by construction.
 *
 * Journal mode DELETE, not WAL: WAL does not work on network file systems
 * (home directories on shared servers are often NFS), and it keeps deleted
 * or overwritten confidential notes in the -wal file until the last
 * connection closes, even with secure_delete.  A rollback journal with a
 * busy timeout, BEGIN IMMEDIATE for every write and one small transaction
 * per write serves the few interviewers that share a database.
 *
 * Opening never writes before the file has been validated, and refusing
 * leaves it byte-for-byte as it was.
 */
#include "exitview/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "exitview/date.h"
#include "exitview/fsutil.h"
#include "exitview/util.h"

/* The schema this code writes. */
#define SCHEMA_VERSION STORE_SCHEMA_VERSION

/* Databases up to this size get a full PRAGMA quick_check on every open
 * (it reads every page: a few milliseconds per megabyte); larger ones get
 * only the header checks, and damage shows up as SQLITE_CORRUPT when the
 * damaged page is read. */
#define QUICK_CHECK_MAX_BYTES (16L * 1024 * 1024)

#define BUSY_TIMEOUT_MS 5000
#define BUSY_RETRIES 3          /* extra attempts after a busy timeout */

/* ---- schema and migrations ---- */

/* Version 0 -> 1: the original schema. */
static const char migrate_v1[] =
	"CREATE TABLE interviews ("
	" id INTEGER PRIMARY KEY,"
	" employee TEXT NOT NULL DEFAULT '',"
	" role TEXT NOT NULL DEFAULT '',"
	" department TEXT NOT NULL DEFAULT '',"
	" manager TEXT NOT NULL DEFAULT '',"
	" interviewer TEXT NOT NULL DEFAULT '',"
	" start_date TEXT NOT NULL DEFAULT '',"
	" last_day TEXT NOT NULL DEFAULT '',"
	" interview_date TEXT NOT NULL DEFAULT '',"
	" template_name TEXT NOT NULL DEFAULT '',"
	" template_title TEXT NOT NULL DEFAULT '',"
	" language TEXT NOT NULL DEFAULT '',"
	" separation INTEGER NOT NULL DEFAULT 0,"
	" reason_primary TEXT NOT NULL DEFAULT '',"
	" reason_secondary TEXT NOT NULL DEFAULT '',"
	" reason_assessed TEXT NOT NULL DEFAULT '',"
	" regrettable INTEGER NOT NULL DEFAULT 0,"
	" rehire INTEGER NOT NULL DEFAULT 0,"
	" would_return INTEGER NOT NULL DEFAULT 0,"
	" return_conditions TEXT NOT NULL DEFAULT '',"
	" observations TEXT NOT NULL DEFAULT '',"
	" actions TEXT NOT NULL DEFAULT '',"
	" scale1 TEXT NOT NULL DEFAULT '',"
	" scale2 TEXT NOT NULL DEFAULT '',"
	" scale3 TEXT NOT NULL DEFAULT '',"
	" scale4 TEXT NOT NULL DEFAULT '',"
	" scale5 TEXT NOT NULL DEFAULT '',"
	" elapsed INTEGER NOT NULL DEFAULT 0,"
	" created INTEGER NOT NULL DEFAULT 0,"
	" updated INTEGER NOT NULL DEFAULT 0,"
	" closed INTEGER NOT NULL DEFAULT 0,"
	" closed_at INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE questions ("
	" interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,"
	" idx INTEGER NOT NULL,"
	" title TEXT NOT NULL DEFAULT '',"
	" prompt TEXT NOT NULL DEFAULT '',"
	" hint TEXT NOT NULL DEFAULT '',"
	" notes TEXT NOT NULL DEFAULT '',"
	" rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),"
	" skipped INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (interview_id, idx)"
	");"
	"CREATE TABLE followups ("
	" interview_id INTEGER NOT NULL,"
	" q_idx INTEGER NOT NULL,"
	" idx INTEGER NOT NULL,"
	" text TEXT NOT NULL DEFAULT '',"
	" asked INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (interview_id, q_idx, idx),"
	" FOREIGN KEY (interview_id, q_idx) REFERENCES questions(interview_id, idx)"
	"  ON DELETE CASCADE"
	");"
	"CREATE TABLE categories ("
	" interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,"
	" idx INTEGER NOT NULL,"
	" key TEXT NOT NULL,"
	" label TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (interview_id, idx)"
	");"
	"CREATE INDEX interviews_updated ON interviews(updated DESC, id DESC);"
	"CREATE INDEX interviews_closed ON interviews(closed, updated DESC, id DESC);"
	"CREATE INDEX interviews_date ON interviews(interview_date);";

/* Version 1 -> 2: where the interviewer left off, the reopen time, the
 * report kept at close, and an indexed effective date for ranges. */
static const char migrate_v2[] =
	"ALTER TABLE interviews ADD COLUMN reopened_at INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE interviews ADD COLUMN cur_slot INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE interviews ADD COLUMN cur_offset INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE interviews ADD COLUMN report TEXT;"
	"ALTER TABLE interviews ADD COLUMN day TEXT NOT NULL DEFAULT '';"
	"UPDATE interviews SET day = CASE WHEN interview_date <> '' THEN interview_date"
	" ELSE date(created, 'unixepoch', 'localtime') END;"
	"DROP INDEX IF EXISTS interviews_date;"
	"CREATE INDEX interviews_day ON interviews(day, id);";

/* migrations[v] brings a database from version v to v + 1. */
static const char *const migrations[SCHEMA_VERSION] = { migrate_v1, migrate_v2 };

/* The tables a valid exitview database has. */
static const char our_tables_sql[] =
	"SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
	" AND name IN ('interviews', 'questions', 'followups', 'categories')";

/* ---- interview columns: one list for INSERT and SELECT ---- */

enum ckind { C_STR, C_INT, C_BOOL, C_I64 };

static const struct ivcol {
	enum ckind kind;
	size_t off;
} iv_cols[] = {
	{ C_STR, offsetof(interview, employee) },
	{ C_STR, offsetof(interview, role) },
	{ C_STR, offsetof(interview, department) },
	{ C_STR, offsetof(interview, manager) },
	{ C_STR, offsetof(interview, interviewer) },
	{ C_STR, offsetof(interview, start_date) },
	{ C_STR, offsetof(interview, last_day) },
	{ C_STR, offsetof(interview, interview_date) },     /* ?8 */
	{ C_STR, offsetof(interview, template_name) },
	{ C_STR, offsetof(interview, template_title) },
	{ C_STR, offsetof(interview, language) },
	{ C_INT, offsetof(interview, separation) },
	{ C_STR, offsetof(interview, reason_primary) },
	{ C_STR, offsetof(interview, reason_secondary) },
	{ C_STR, offsetof(interview, reason_assessed) },
	{ C_INT, offsetof(interview, regrettable) },
	{ C_INT, offsetof(interview, rehire) },
	{ C_INT, offsetof(interview, would_return) },
	{ C_STR, offsetof(interview, return_conditions) },
	{ C_STR, offsetof(interview, observations) },
	{ C_STR, offsetof(interview, actions) },
	{ C_STR, offsetof(interview, scale[0]) },
	{ C_STR, offsetof(interview, scale[1]) },
	{ C_STR, offsetof(interview, scale[2]) },
	{ C_STR, offsetof(interview, scale[3]) },
	{ C_STR, offsetof(interview, scale[4]) },
	{ C_I64, offsetof(interview, elapsed) },
	{ C_I64, offsetof(interview, created) },            /* ?28 */
	{ C_I64, offsetof(interview, updated) },
	{ C_BOOL, offsetof(interview, closed) },
	{ C_I64, offsetof(interview, closed_at) },
	{ C_I64, offsetof(interview, reopened_at) },
	{ C_INT, offsetof(interview, cur_slot) },
	{ C_I64, offsetof(interview, cur_offset) },
};

#define IV_COLS \
	"employee, role, department, manager, interviewer, start_date, last_day," \
	" interview_date, template_name, template_title, language, separation," \
	" reason_primary, reason_secondary, reason_assessed, regrettable, rehire," \
	" would_return, return_conditions, observations, actions, scale1, scale2," \
	" scale3, scale4, scale5, elapsed, created, updated, closed, closed_at," \
	" reopened_at, cur_slot, cur_offset"

#define DAY_OF(date, created) \
	"CASE WHEN " date " <> '' THEN " date \
	" ELSE date(" created ", 'unixepoch', 'localtime') END"

/* Questions with notes (not only white space) or a rating. */
#define HAS_ANSWER "(trim(q.notes, ' ' || char(9, 10, 13)) <> '' OR q.rating > 0)"

#define LIST_WHERE \
	" WHERE (?1 < 0 OR closed = ?1) AND (?2 IS NULL" \
	" OR instr(lower(employee), ?2) > 0 OR instr(lower(role), ?2) > 0" \
	" OR instr(lower(department), ?2) > 0 OR instr(CAST(id AS TEXT), ?2) > 0)"

#define RANGE_WHERE " WHERE i.day >= ?1 AND i.day <= ?2"

/* ---- prepared statements, made once per connection ---- */

enum sid {
	S_INSERT, S_INS_Q, S_INS_F, S_INS_C,
	S_LOAD_IV, S_LOAD_Q, S_LOAD_F, S_LOAD_C,
	S_STATE, S_DETAILS, S_NOTES_OBS, S_NOTES_ACT, S_TOUCH, S_NOTES_Q,
	S_ANSWER, S_ASKED, S_POSITION, S_CLOSE, S_REOPEN, S_REPORT,
	S_LIST, S_COUNT,
	S_EACH_IV, S_EACH_Q, S_EACH_F, S_EACH_C,
	S_COUNT_
};

static const char *const sql_text[S_COUNT_] = {
	[S_INSERT] = "INSERT INTO interviews (" IV_COLS ", day) VALUES (?1, ?2, ?3, ?4,"
		" ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,"
		" ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, "
		DAY_OF("?8", "?28") ")",
	[S_INS_Q] = "INSERT INTO questions (interview_id, idx, title, prompt, hint, notes,"
		" rating, skipped) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_INS_F] = "INSERT INTO followups (interview_id, q_idx, idx, text, asked)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_INS_C] = "INSERT INTO categories (interview_id, idx, key, label)"
		" VALUES (?1, ?2, ?3, ?4)",
	[S_LOAD_IV] = "SELECT id, " IV_COLS " FROM interviews WHERE id = ?1",
	[S_LOAD_Q] = "SELECT interview_id, idx, title, prompt, hint, notes, rating, skipped"
		" FROM questions WHERE interview_id = ?1 ORDER BY idx",
	[S_LOAD_F] = "SELECT interview_id, q_idx, idx, text, asked FROM followups"
		" WHERE interview_id = ?1 ORDER BY q_idx, idx",
	[S_LOAD_C] = "SELECT interview_id, idx, key, label FROM categories"
		" WHERE interview_id = ?1 ORDER BY idx",
	[S_STATE] = "SELECT closed FROM interviews WHERE id = ?1",
	[S_DETAILS] = "UPDATE interviews SET employee = ?2, role = ?3, department = ?4,"
		" manager = ?5, interviewer = ?6, start_date = ?7, last_day = ?8,"
		" interview_date = ?9, separation = ?10, reason_primary = ?11,"
		" reason_secondary = ?12, reason_assessed = ?13, regrettable = ?14,"
		" rehire = ?15, would_return = ?16, return_conditions = ?17, updated = ?18,"
		" day = " DAY_OF("?9", "created") " WHERE id = ?1 AND closed = 0",
	[S_NOTES_OBS] = "UPDATE interviews SET observations = ?2, updated = ?3"
		" WHERE id = ?1 AND closed = 0",
	[S_NOTES_ACT] = "UPDATE interviews SET actions = ?2, updated = ?3"
		" WHERE id = ?1 AND closed = 0",
	[S_TOUCH] = "UPDATE interviews SET updated = ?2 WHERE id = ?1 AND closed = 0",
	[S_NOTES_Q] = "UPDATE questions SET notes = ?3 WHERE interview_id = ?1 AND idx = ?2",
	[S_ANSWER] = "UPDATE questions SET rating = ?3, skipped = ?4"
		" WHERE interview_id = ?1 AND idx = ?2",
	[S_ASKED] = "UPDATE followups SET asked = ?4"
		" WHERE interview_id = ?1 AND q_idx = ?2 AND idx = ?3",
	[S_POSITION] = "UPDATE interviews SET cur_slot = ?2, cur_offset = ?3, elapsed = ?4"
		" WHERE id = ?1 AND closed = 0",
	[S_CLOSE] = "UPDATE interviews SET closed = 1, closed_at = ?2, updated = ?2,"
		" report = ?3 WHERE id = ?1 AND closed = 0",
	[S_REOPEN] = "UPDATE interviews SET closed = 0, reopened_at = ?2, updated = ?2"
		" WHERE id = ?1 AND closed = 1",
	[S_REPORT] = "SELECT report FROM interviews WHERE id = ?1",
	[S_LIST] = "SELECT id, employee, role, department, interviewer, template_name,"
		" interview_date, last_day, closed, created, updated,"
		" (SELECT count(*) FROM questions q WHERE q.interview_id = i.id AND " HAS_ANSWER "),"
		" (SELECT count(*) FROM questions q WHERE q.interview_id = i.id)"
		" FROM interviews i" LIST_WHERE
		" ORDER BY updated DESC, id DESC LIMIT ?3 OFFSET ?4",
	[S_COUNT] = "SELECT count(*) FROM interviews" LIST_WHERE,
	[S_EACH_IV] = "SELECT id, " IV_COLS " FROM interviews i" RANGE_WHERE
		" ORDER BY i.day, i.id",
	[S_EACH_Q] = "SELECT q.interview_id, q.idx, q.title, q.prompt, q.hint,"
		" CASE WHEN ?3 THEN q.notes ELSE '' END, q.rating, q.skipped"
		" FROM interviews i JOIN questions q ON q.interview_id = i.id" RANGE_WHERE
		" ORDER BY i.day, i.id, q.idx",
	[S_EACH_F] = "SELECT f.interview_id, f.q_idx, f.idx, f.text, f.asked"
		" FROM interviews i JOIN followups f ON f.interview_id = i.id" RANGE_WHERE
		" ORDER BY i.day, i.id, f.q_idx, f.idx",
	[S_EACH_C] = "SELECT c.interview_id, c.idx, c.key, c.label"
		" FROM interviews i JOIN categories c ON c.interview_id = i.id" RANGE_WHERE
		" ORDER BY i.day, i.id, c.idx",
};

struct store {
	sqlite3 *db;
	char *path;
	enum store_mode mode;
	int rc;                          /* SQLite code of the last failure */
	sqlite3_stmt *stmt[S_COUNT_];
};

/* ---- errors ---- */

/* SQLite's (possibly multi-line) message as one line, in buf. */
static const char *one_line(const char *msg, char *buf, size_t size)
{
	const char *noise = "*** in database main ***";
	size_t n = 0;
	for (const char *p = msg ? msg : ""; *p && n + 3 < size; p++) {
		if (strncmp(p, noise, strlen(noise)) == 0) {
			p += strlen(noise) - 1;
			continue;
		}
		if (*p == '\n' || *p == '\r') {
			if (n > 0 && buf[n - 1] != ' ' && p[1])
				buf[n++] = ';', buf[n++] = ' ';
			continue;
		}
		buf[n++] = *p;
	}
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == ';'))
		n--;
	buf[n] = '\0';
	return buf;
}

/* Record a failure of SQLite result rc in words that name the file. */
static int fail_rc(store *st, int rc, const char *what)
{
	st->rc = rc;
	char buf[256];
	const char *msg = one_line(st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc),
				   buf, sizeof buf);
	switch (rc & 0xff) {
	case SQLITE_CORRUPT:
		return ev_seterr("%s is damaged (%s)", st->path, msg);
	case SQLITE_NOTADB:
		return ev_seterr("%s is not an exitview database (not SQLite)", st->path);
	case SQLITE_READONLY:
		return ev_seterr("%s is read-only", st->path);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ev_seterr("%s is busy: another exitview kept it locked too long; try again",
				 st->path);
	case SQLITE_FULL:
		return ev_seterr("cannot write %s: the disk is full", st->path);
	case SQLITE_CANTOPEN:
		return ev_seterr("cannot open %s (%s)", st->path, msg);
	case SQLITE_IOERR:
		return ev_seterr("%s: input/output error while %s (%s)", st->path, what, msg);
	default:
		return ev_seterr("%s: %s failed (%s)", st->path, what, msg);
	}
}

static int fail(store *st, const char *what)
{
	return fail_rc(st, sqlite3_extended_errcode(st->db), what);
}

static bool is_busy(const store *st)
{
	int p = st->rc & 0xff;
	return p == SQLITE_BUSY || p == SQLITE_LOCKED;
}

/* ---- statement helpers ---- */

/* The cached statement, reset and with bindings cleared; NULL on error. */
static sqlite3_stmt *stmt_get(store *st, enum sid id)
{
	sqlite3_stmt *s = st->stmt[id];
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return s;
	}
	int rc = sqlite3_prepare_v3(st->db, sql_text[id], -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if (rc != SQLITE_OK) {
		fail_rc(st, rc, "preparing a query");
		return NULL;
	}
	st->stmt[id] = s;
	return s;
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_STATIC);
}

static void bind_i64(sqlite3_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(s, i, (sqlite3_int64)v);
}

static char *col_str(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return xstrdup(t ? (const char *)t : "");
}

/* Step once; SQLITE_ROW or SQLITE_DONE, or -1 after recording the error. */
static int step(store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	fail_rc(st, sqlite3_extended_errcode(st->db), what);
	sqlite3_reset(s);
	return -1;
}

/* Run a statement that returns no rows; 0 or -1. */
static int run(store *st, sqlite3_stmt *s, const char *what)
{
	int rc = step(st, s, what);
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* Execute constant SQL (never built from user text). */
static int exec(store *st, const char *sql, const char *what)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return fail_rc(st, sqlite3_extended_errcode(st->db), what);
	return 0;
}

/* A single integer from constant SQL; -1 on error. */
static int query_int(store *st, const char *sql, int64_t *out, const char *what)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return fail_rc(st, sqlite3_extended_errcode(st->db), what);
	rc = step(st, s, what);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	else if (rc == SQLITE_DONE)
		*out = 0;
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

/* ---- transactions ---- */

static void rollback(store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Run fn inside BEGIN IMMEDIATE ... COMMIT.  SQLite's busy handler waits
 * up to BUSY_TIMEOUT_MS for another writer; if that is not enough, the
 * whole transaction is rolled back and tried again a few times. */
static int write_tx(store *st, int (*fn)(store *, void *), void *arg)
{
	if (st->mode == STORE_READ)
		return ev_seterr("%s was opened for reading only", st->path);
	for (int attempt = 0; ; attempt++) {
		st->rc = SQLITE_OK;
		int rc = exec(st, "BEGIN IMMEDIATE", "starting a transaction");
		if (rc == 0)
			rc = fn(st, arg);
		if (rc == 0)
			rc = exec(st, "COMMIT", "saving");
		if (rc == 0)
			return 0;
		rollback(st);
		if (!is_busy(st) || attempt >= BUSY_RETRIES)
			return -1;
		usleep(10000u * (unsigned)(attempt + 1));
	}
}

/* The state of interview id: 0 no such interview, 1 open, 2 closed; -1 on
 * error. */
static int iv_state(store *st, int64_t id)
{
	sqlite3_stmt *s = stmt_get(st, S_STATE);
	if (!s)
		return -1;
	bind_i64(s, 1, id);
	int rc = step(st, s, "reading an interview");
	int state = rc < 0 ? -1 : rc == SQLITE_DONE ? 0 : sqlite3_column_int(s, 0) ? 2 : 1;
	sqlite3_reset(s);
	return state;
}

/* After an UPDATE ... WHERE id = ? AND closed = 0 changed nothing: why. */
static int explain_refusal(store *st, int64_t id)
{
	switch (iv_state(st, id)) {
	case -1:
		return -1;
	case 0:
		return ev_seterr("no interview with ID %lld", (long long)id);
	case 2:
		return ev_seterr("interview %lld is closed; reopen it first", (long long)id);
	default:
		return ev_seterr("interview %lld could not be updated", (long long)id);
	}
}

/* ---- opening ---- */

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Create the missing database file 0600 (its directory 0700).  Returns 0,
 * 1 if someone else created it meanwhile, -1 on error. */
static int create_file(const char *path)
{
	char *dir = dir_of(path);
	int rc = fs_mkdir_private(dir);
	free(dir);
	if (rc != 0)
		return -1;
	mode_t old = umask(077);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int e = errno;
	umask(old);
	if (fd < 0) {
		if (e == EEXIST)
			return 1;
		return ev_seterr("cannot create %s: %s", path, strerror(e));
	}
	close(fd);
	return 0;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Look at the file header ourselves before SQLite opens the file: the magic
 * string and whether the file is as long as the header says.  *size gets
 * the file's size.  0 or -1. */
static int check_header(const char *path, const struct stat *lsb, off_t *size)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		if (e == ELOOP)
			return ev_seterr("%s is a symbolic link", path);
		return ev_seterr("cannot open %s: %s", path, strerror(e));
	}
	struct stat fsb;
	unsigned char h[100];
	ssize_t n = -1;
	bool same = fstat(fd, &fsb) == 0 && fsb.st_dev == lsb->st_dev && fsb.st_ino == lsb->st_ino;
	if (same)
		n = pread(fd, h, sizeof h, 0);
	int e = errno;
	close(fd);
	if (!same)
		return ev_seterr("%s changed while it was being opened; try again", path);
	if (n < 0)
		return ev_seterr("cannot read %s: %s", path, strerror(e));
	*size = fsb.st_size;
	if (fsb.st_size == 0)
		return 0;
	if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return ev_seterr("%s is not an exitview database (not SQLite)", path);
	uint32_t pagesize = (uint32_t)h[16] << 8 | h[17];
	if (pagesize == 1)
		pagesize = 65536;
	if (pagesize < 512 || (pagesize & (pagesize - 1)) != 0)
		return ev_seterr("%s is damaged (bad page size in its header)", path);
	uint32_t pages = be32(h + 28);
	/* The page count is only meaningful when the header says it is, and a
	 * hot journal (left by a crash) may still be rolled back by SQLite. */
	char *journal = xasprintf("%s-journal", path);
	struct stat jsb;
	bool hot = lstat(journal, &jsb) == 0;
	free(journal);
	if (!hot && pages > 0 && be32(h + 24) == be32(h + 92) &&
	    (uint64_t)fsb.st_size < (uint64_t)pages * pagesize)
		return ev_seterr("%s is damaged (truncated: %lld bytes where its header says %llu)",
				 path, (long long)fsb.st_size,
				 (unsigned long long)pages * pagesize);
	return 0;
}

/* Check permissions and type with lstat, before SQLite sees the file. */
static int check_file(const char *path, const struct stat *sb, enum store_mode mode,
		      bool allow_shared)
{
	if (S_ISLNK(sb->st_mode))
		return ev_seterr("%s is a symbolic link", path);
	if (!S_ISREG(sb->st_mode))
		return ev_seterr("%s is not a regular file", path);
	if (!allow_shared) {
		if (sb->st_mode & 044)
			return ev_seterr("%s is readable by other users; chmod 600 it, "
					 "or set shared_database = yes in the config", path);
		if (sb->st_mode & 022)
			return ev_seterr("%s is writable by other users; chmod 600 it, "
					 "or set shared_database = yes in the config", path);
		if (sb->st_uid != geteuid())
			return ev_seterr("%s belongs to another user; "
					 "set shared_database = yes in the config to use it", path);
	}
	if (access(path, R_OK) != 0)
		return ev_seterr("cannot read %s: %s", path, strerror(errno));
	if (mode != STORE_READ) {
		if (access(path, W_OK) != 0)
			return ev_seterr("%s is read-only", path);
		/* the rollback journal is created beside the file */
		char *dir = dir_of(path);
		int rc = access(dir, W_OK | X_OK);
		if (rc != 0)
			ev_seterr("%s is read-only (its directory %s is not writable)", path, dir);
		free(dir);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int set_version(store *st)
{
	char sql[128];
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
		 (int)STORE_APPLICATION_ID, SCHEMA_VERSION);
	return exec(st, sql, "marking the database");
}

/* What the file holds: its application_id, user_version and how many of
 * our tables (and of any tables) it has. */
struct dbinfo {
	int64_t app, version, ours, tables;
};

static int read_info(store *st, struct dbinfo *di)
{
	if (query_int(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
		      " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", &di->tables,
		      "reading the schema") != 0 ||
	    query_int(st, our_tables_sql, &di->ours, "reading the schema") != 0 ||
	    query_int(st, "PRAGMA application_id", &di->app, "reading the header") != 0 ||
	    query_int(st, "PRAGMA user_version", &di->version, "reading the header") != 0)
		return -1;
	di->app = (int64_t)(uint32_t)di->app;
	return 0;
}

/* Refusals that depend on the contents.  *fresh is set for a database that
 * is empty and needs the schema. */
static int judge(store *st, const struct dbinfo *di, bool *fresh)
{
	*fresh = false;
	if (di->app != 0 && di->app != STORE_APPLICATION_ID)
		return ev_seterr("%s belongs to another application (application_id 0x%08llx)",
				 st->path, (unsigned long long)di->app);
	if (di->app == 0) {
		if (di->tables > 0 || di->version != 0)
			return ev_seterr("%s belongs to another application "
					 "(an SQLite database without exitview's mark)", st->path);
		*fresh = true;
		return 0;
	}
	if (di->version > SCHEMA_VERSION)
		return ev_seterr("%s was written by a newer exitview (schema %lld, this one knows %d)",
				 st->path, (long long)di->version, SCHEMA_VERSION);
	if (di->version < 1 || di->ours != 4)
		return ev_seterr("%s is damaged (exitview's tables are missing)", st->path);
	return 0;
}

static int quick_check(store *st)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return fail(st, "checking the database");
	rc = step(st, s, "checking the database");
	int ret = 0;
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(s, 0);
		char buf[256];
		if (!r || strcmp(r, "ok") != 0)
			ret = ev_seterr("%s is damaged (%s)", st->path,
					one_line(r ? r : "quick_check failed", buf, sizeof buf));
	} else {
		ret = -1;
	}
	sqlite3_finalize(s);
	return ret;
}

/* Bring the schema to SCHEMA_VERSION inside one write transaction.  The
 * state is read again under the write lock: another process may have done
 * the work meanwhile. */
static int migrate_tx(store *st, void *arg)
{
	(void)arg;
	struct dbinfo di;
	bool fresh;
	if (read_info(st, &di) != 0 || judge(st, &di, &fresh) != 0)
		return -1;
	int64_t from = fresh ? 0 : di.version;
	for (int64_t v = from; v < SCHEMA_VERSION; v++) {
		char what[64];
		snprintf(what, sizeof what, "upgrading the schema to version %lld", (long long)v + 1);
		if (exec(st, migrations[v], what) != 0)
			return -1;
	}
	if (from < SCHEMA_VERSION)
		return set_version(st);
	return 0;
}

/* A read-only connection to an older schema: copy the file into memory and
 * upgrade the copy, so reading never writes the file. */
static int upgrade_in_memory(store *st)
{
	sqlite3 *mem = NULL;
	int rc = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close(mem);
		return fail_rc(st, rc, "opening a memory copy");
	}
	sqlite3_backup *b = sqlite3_backup_init(mem, "main", st->db, "main");
	if (!b) {
		sqlite3_close(mem);
		return fail(st, "copying the database");
	}
	sqlite3_busy_timeout(mem, BUSY_TIMEOUT_MS);
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		sqlite3_close(mem);
		return fail_rc(st, rc, "copying the database");
	}
	sqlite3_close(st->db);
	st->db = mem;
	enum store_mode m = st->mode;
	st->mode = STORE_WRITE;   /* the copy only */
	rc = write_tx(st, migrate_tx, NULL);
	st->mode = m;
	if (rc == 0)
		rc = exec(st, "PRAGMA query_only = 1", "opening the memory copy");
	return rc;
}

static store *open_checked(const char *path, const struct stat *lsb, enum store_mode mode,
			   bool allow_shared);

store *store_open(const char *path, enum store_mode mode, bool allow_shared)
{
	if (str_empty(path)) {
		ev_seterr("no database file given");
		return NULL;
	}
	/* lstat first: nothing is created or opened when we refuse. */
	struct stat sb;
	bool created = false;
	for (int tries = 0; ; tries++) {
		if (lstat(path, &sb) == 0)
			break;
		int e = errno;
		if (e != ENOENT) {
			ev_seterr("cannot open %s: %s", path, strerror(e));
			return NULL;
		}
		if (mode != STORE_CREATE) {
			ev_seterr("%s does not exist", path);
			return NULL;
		}
		int rc = create_file(path);
		if (rc < 0 || (rc == 1 && tries > 2))
			return NULL;
		created = rc == 0;
	}
	store *st = open_checked(path, &sb, mode, allow_shared);
	if (!st && created) {
		/* leave nothing behind but what was there: remove the empty
		 * file made above (not if someone has written to it since) */
		struct stat now;
		if (lstat(path, &now) == 0 && S_ISREG(now.st_mode) && now.st_size == 0 &&
		    now.st_ino == sb.st_ino && now.st_dev == sb.st_dev)
			unlink(path);
	}
	return st;
}

/* store_open once the file exists: check it, open it, validate it, then
 * set the connection up and bring the schema up to date. */
static store *open_checked(const char *path, const struct stat *lsb, enum store_mode mode,
			   bool allow_shared)
{
	struct stat sb = *lsb;
	if (check_file(path, &sb, mode, allow_shared) != 0)
		return NULL;
	off_t size = 0;
	if (check_header(path, &sb, &size) != 0)
		return NULL;
	/* An empty (0-byte) file is either the one create_file just made or
	 * one someone prepared (e.g. touch + chmod 600): it holds nothing to
	 * lose, so opening it for writing initialises it; reading refuses. */
	if (size == 0 && mode == STORE_READ) {
		ev_seterr("%s is empty: it holds no exitview database yet", path);
		return NULL;
	}

	store *st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->mode = mode;
	int flags = (mode == STORE_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		    SQLITE_OPEN_NOFOLLOW;
	int rc = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (rc != SQLITE_OK) {
		fail_rc(st, rc, "opening");
		store_close(st);
		return NULL;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	if (mode != STORE_READ && sqlite3_db_readonly(st->db, "main") == 1) {
		ev_seterr("%s is read-only", path);
		store_close(st);
		return NULL;
	}
	if (mode == STORE_READ && exec(st, "PRAGMA query_only = 1", "opening") != 0) {
		store_close(st);
		return NULL;
	}

	/* Validate: reads only. */
	struct dbinfo di;
	bool fresh;
	if (read_info(st, &di) != 0 || judge(st, &di, &fresh) != 0 ||
	    (!fresh && size <= QUICK_CHECK_MAX_BYTES && quick_check(st) != 0)) {
		store_close(st);
		return NULL;
	}
	if (fresh && mode == STORE_READ) {
		ev_seterr("%s is empty: it holds no exitview database yet", path);
		store_close(st);
		return NULL;
	}

	if (mode == STORE_READ) {
		if (di.version < SCHEMA_VERSION && upgrade_in_memory(st) != 0) {
			store_close(st);
			return NULL;
		}
		return st;
	}
	/* Validated: now the connection settings and, if needed, the schema. */
	if (exec(st, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;"
		 " PRAGMA synchronous = FULL; PRAGMA journal_mode = DELETE",
		 "setting up the connection") != 0 ||
	    ((fresh || di.version < SCHEMA_VERSION) && write_tx(st, migrate_tx, NULL) != 0)) {
		store_close(st);
		return NULL;
	}
	return st;
}

void store_close(store *st)
{
	if (!st)
		return;
	for (int i = 0; i < S_COUNT_; i++)
		sqlite3_finalize(st->stmt[i]);
	if (st->db)
		sqlite3_close(st->db);
	free(st->path);
	free(st);
}

const char *store_path(const store *st)
{
	return st ? st->path : "";
}

/* ---- creating ---- */

static void bind_iv(sqlite3_stmt *s, const interview *iv)
{
	const char *base = (const char *)iv;
	for (size_t i = 0; i < EV_ARRAY_LEN(iv_cols); i++) {
		const void *p = base + iv_cols[i].off;
		int at = (int)i + 1;
		switch (iv_cols[i].kind) {
		case C_STR: bind_str(s, at, *(char *const *)p); break;
		case C_INT: bind_i64(s, at, *(const int *)p); break;
		case C_BOOL: bind_i64(s, at, *(const bool *)p ? 1 : 0); break;
		case C_I64: bind_i64(s, at, *(const int64_t *)p); break;
		}
	}
}

/* Fill iv's own columns from a row "id, IV_COLS". */
static void read_iv(sqlite3_stmt *s, interview *iv)
{
	char *base = (char *)iv;
	iv->id = sqlite3_column_int64(s, 0);
	for (size_t i = 0; i < EV_ARRAY_LEN(iv_cols); i++) {
		void *p = base + iv_cols[i].off;
		int at = (int)i + 1;
		switch (iv_cols[i].kind) {
		case C_STR: free(*(char **)p); *(char **)p = col_str(s, at); break;
		case C_INT: *(int *)p = sqlite3_column_int(s, at); break;
		case C_BOOL: *(bool *)p = sqlite3_column_int(s, at) != 0; break;
		case C_I64: *(int64_t *)p = sqlite3_column_int64(s, at); break;
		}
	}
}

static int check_ratings(const interview *iv)
{
	for (int i = 0; i < iv->nquestions; i++)
		if (iv->q[i].rating < 0 || iv->q[i].rating > TPL_SCALE)
			return ev_seterr("rating %d of question %d is out of range (0-%d)",
					 iv->q[i].rating, i + 1, TPL_SCALE);
	return 0;
}

struct create_arg {
	interview *iv;
	int64_t now;
};

static int create_tx(store *st, void *arg)
{
	struct create_arg *a = arg;
	interview *iv = a->iv;
	int64_t created = iv->created, updated = iv->updated;
	iv->created = iv->updated = a->now;
	sqlite3_stmt *s = stmt_get(st, S_INSERT);
	if (s)
		bind_iv(s, iv);
	iv->created = created;
	iv->updated = updated;
	if (!s || run(st, s, "saving a new interview") != 0)
		return -1;
	int64_t id = sqlite3_last_insert_rowid(st->db);
	for (int i = 0; i < iv->nquestions; i++) {
		const iv_question *q = &iv->q[i];
		if (!(s = stmt_get(st, S_INS_Q)))
			return -1;
		bind_i64(s, 1, id);
		bind_i64(s, 2, i);
		bind_str(s, 3, q->title);
		bind_str(s, 4, q->prompt);
		bind_str(s, 5, q->hint);
		bind_str(s, 6, q->notes);
		bind_i64(s, 7, q->rating);
		bind_i64(s, 8, q->skipped);
		if (run(st, s, "saving a question") != 0)
			return -1;
		for (int j = 0; j < q->nfollowups; j++) {
			if (!(s = stmt_get(st, S_INS_F)))
				return -1;
			bind_i64(s, 1, id);
			bind_i64(s, 2, i);
			bind_i64(s, 3, j);
			bind_str(s, 4, q->followups[j]);
			bind_i64(s, 5, q->asked && q->asked[j]);
			if (run(st, s, "saving a follow-up") != 0)
				return -1;
		}
	}
	for (int i = 0; i < iv->ncategories; i++) {
		if (!(s = stmt_get(st, S_INS_C)))
			return -1;
		bind_i64(s, 1, id);
		bind_i64(s, 2, i);
		bind_str(s, 3, iv->categories[i].key);
		bind_str(s, 4, iv->categories[i].label);
		if (run(st, s, "saving a category") != 0)
			return -1;
	}
	iv->id = id;
	return 0;
}

int store_create(store *st, interview *iv)
{
	if (check_ratings(iv) != 0)
		return -1;
	struct create_arg a = { iv, (int64_t)time(NULL) };
	int64_t old_id = iv->id;
	if (write_tx(st, create_tx, &a) != 0) {
		iv->id = old_id;
		return -1;
	}
	iv->created = iv->updated = a.now;
	return 0;
}

/* ---- loading ---- */

/* Rows of one child query, read alongside the interviews in the same order. */
typedef struct cursor {
	sqlite3_stmt *s;
	int rc;          /* SQLITE_ROW, SQLITE_DONE or -1 */
} cursor;

static void cursor_next(store *st, cursor *c)
{
	c->rc = step(st, c->s, "reading interviews");
}

static bool cursor_at(const cursor *c, int64_t id)
{
	return c->rc == SQLITE_ROW && sqlite3_column_int64(c->s, 0) == id;
}

/* Add to iv the question, follow-up and category rows of interview id. */
static int read_children(store *st, interview *iv, cursor *qc, cursor *fc, cursor *cc)
{
	int cap = 0;
	for (; cursor_at(qc, iv->id); cursor_next(st, qc)) {
		if (iv->nquestions == cap) {
			cap = cap ? cap * 2 : 16;
			iv->q = xrealloc(iv->q, (size_t)cap * sizeof *iv->q);
		}
		iv_question *q = &iv->q[iv->nquestions++];
		memset(q, 0, sizeof *q);
		q->title = col_str(qc->s, 2);
		q->prompt = col_str(qc->s, 3);
		q->hint = col_str(qc->s, 4);
		q->notes = col_str(qc->s, 5);
		q->rating = sqlite3_column_int(qc->s, 6);
		q->skipped = sqlite3_column_int(qc->s, 7) != 0;
	}
	for (; cursor_at(fc, iv->id); cursor_next(st, fc)) {
		int64_t qi = sqlite3_column_int64(fc->s, 1);
		if (qi < 0 || qi >= iv->nquestions)
			continue;
		iv_question *q = &iv->q[qi];
		q->followups = xrealloc(q->followups, (size_t)(q->nfollowups + 1) * sizeof *q->followups);
		q->asked = xrealloc(q->asked, (size_t)(q->nfollowups + 1) * sizeof *q->asked);
		q->followups[q->nfollowups] = col_str(fc->s, 3);
		q->asked[q->nfollowups] = sqlite3_column_int(fc->s, 4) != 0;
		q->nfollowups++;
	}
	for (; cursor_at(cc, iv->id); cursor_next(st, cc)) {
		iv->categories = xrealloc(iv->categories,
					  (size_t)(iv->ncategories + 1) * sizeof *iv->categories);
		tpl_category *c = &iv->categories[iv->ncategories++];
		c->key = col_str(cc->s, 2);
		c->label = col_str(cc->s, 3);
	}
	if (qc->rc < 0 || fc->rc < 0 || cc->rc < 0)
		return -1;
	return 0;
}

static void reset_all(cursor *c, int n)
{
	for (int i = 0; i < n; i++)
		if (c[i].s)
			sqlite3_reset(c[i].s);
}

interview *store_load(store *st, int64_t id)
{
	sqlite3_stmt *s = stmt_get(st, S_LOAD_IV);
	if (!s)
		return NULL;
	bind_i64(s, 1, id);
	int rc = step(st, s, "reading an interview");
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc == SQLITE_DONE)
			ev_seterr("no interview with ID %lld", (long long)id);
		return NULL;
	}
	interview *iv = interview_blank();
	read_iv(s, iv);
	sqlite3_reset(s);

	cursor c[3] = { { NULL, 0 }, { NULL, 0 }, { NULL, 0 } };
	enum sid ids[3] = { S_LOAD_Q, S_LOAD_F, S_LOAD_C };
	for (int i = 0; i < 3; i++) {
		if (!(c[i].s = stmt_get(st, ids[i]))) {
			reset_all(c, 3);
			interview_free(iv);
			return NULL;
		}
		bind_i64(c[i].s, 1, id);
		cursor_next(st, &c[i]);
	}
	rc = read_children(st, iv, &c[0], &c[1], &c[2]);
	reset_all(c, 3);
	if (rc != 0) {
		interview_free(iv);
		return NULL;
	}
	return iv;
}

/* ---- small writes ---- */

struct notes_arg {
	int64_t id;
	int slot;
	const char *notes;
	const iv_question *q;
	int64_t offset, elapsed;
	const interview *iv;
	const char *report;
};

/* Run an UPDATE of one interview row that refuses closed interviews. */
static int update_open(store *st, sqlite3_stmt *s, int64_t id, const char *what)
{
	if (run(st, s, what) != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return explain_refusal(st, id);
	return 0;
}

static int notes_tx(store *st, void *arg)
{
	struct notes_arg *a = arg;
	int64_t now = time(NULL);
	sqlite3_stmt *s;
	if (a->slot == IV_SLOT_OBSERVATIONS || a->slot == IV_SLOT_ACTIONS) {
		s = stmt_get(st, a->slot == IV_SLOT_OBSERVATIONS ? S_NOTES_OBS : S_NOTES_ACT);
		if (!s)
			return -1;
		bind_i64(s, 1, a->id);
		bind_str(s, 2, a->notes);
		bind_i64(s, 3, now);
		return update_open(st, s, a->id, "saving notes");
	}
	if (!(s = stmt_get(st, S_TOUCH)))
		return -1;
	bind_i64(s, 1, a->id);
	bind_i64(s, 2, now);
	if (update_open(st, s, a->id, "saving notes") != 0)
		return -1;
	if (!(s = stmt_get(st, S_NOTES_Q)))
		return -1;
	bind_i64(s, 1, a->id);
	bind_i64(s, 2, a->slot);
	bind_str(s, 3, a->notes);
	if (run(st, s, "saving notes") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return ev_seterr("interview %lld has no question %d", (long long)a->id, a->slot + 1);
	return 0;
}

int store_save_notes(store *st, int64_t id, int slot, const char *notes)
{
	if (slot < 0 && slot != IV_SLOT_OBSERVATIONS && slot != IV_SLOT_ACTIONS)
		return ev_seterr("no notes slot %d", slot);
	struct notes_arg a = { .id = id, .slot = slot, .notes = notes };
	return write_tx(st, notes_tx, &a);
}

static int details_tx(store *st, void *arg)
{
	const interview *iv = ((struct notes_arg *)arg)->iv;
	sqlite3_stmt *s = stmt_get(st, S_DETAILS);
	if (!s)
		return -1;
	bind_i64(s, 1, iv->id);
	bind_str(s, 2, iv->employee);
	bind_str(s, 3, iv->role);
	bind_str(s, 4, iv->department);
	bind_str(s, 5, iv->manager);
	bind_str(s, 6, iv->interviewer);
	bind_str(s, 7, iv->start_date);
	bind_str(s, 8, iv->last_day);
	bind_str(s, 9, iv->interview_date);
	bind_i64(s, 10, iv->separation);
	bind_str(s, 11, iv->reason_primary);
	bind_str(s, 12, iv->reason_secondary);
	bind_str(s, 13, iv->reason_assessed);
	bind_i64(s, 14, iv->regrettable);
	bind_i64(s, 15, iv->rehire);
	bind_i64(s, 16, iv->would_return);
	bind_str(s, 17, iv->return_conditions);
	bind_i64(s, 18, time(NULL));
	return update_open(st, s, iv->id, "saving the details");
}

int store_save_details(store *st, const interview *iv)
{
	struct notes_arg a = { .iv = iv };
	return write_tx(st, details_tx, &a);
}

static int answer_tx(store *st, void *arg)
{
	struct notes_arg *a = arg;
	sqlite3_stmt *s = stmt_get(st, S_TOUCH);
	if (!s)
		return -1;
	bind_i64(s, 1, a->id);
	bind_i64(s, 2, time(NULL));
	if (update_open(st, s, a->id, "saving an answer") != 0)
		return -1;
	if (!(s = stmt_get(st, S_ANSWER)))
		return -1;
	bind_i64(s, 1, a->id);
	bind_i64(s, 2, a->slot);
	bind_i64(s, 3, a->q->rating);
	bind_i64(s, 4, a->q->skipped);
	if (run(st, s, "saving an answer") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return ev_seterr("interview %lld has no question %d", (long long)a->id, a->slot + 1);
	for (int j = 0; j < a->q->nfollowups; j++) {
		if (!(s = stmt_get(st, S_ASKED)))
			return -1;
		bind_i64(s, 1, a->id);
		bind_i64(s, 2, a->slot);
		bind_i64(s, 3, j);
		bind_i64(s, 4, a->q->asked && a->q->asked[j]);
		if (run(st, s, "saving an answer") != 0)
			return -1;
	}
	return 0;
}

int store_save_answer(store *st, int64_t id, int qindex, const iv_question *q)
{
	if (qindex < 0)
		return ev_seterr("interview %lld has no question %d", (long long)id, qindex + 1);
	if (q->rating < 0 || q->rating > TPL_SCALE)
		return ev_seterr("rating %d is out of range (0-%d)", q->rating, TPL_SCALE);
	struct notes_arg a = { .id = id, .slot = qindex, .q = q };
	return write_tx(st, answer_tx, &a);
}

static int position_tx(store *st, void *arg)
{
	struct notes_arg *a = arg;
	sqlite3_stmt *s = stmt_get(st, S_POSITION);
	if (!s)
		return -1;
	bind_i64(s, 1, a->id);
	bind_i64(s, 2, a->slot);
	bind_i64(s, 3, a->offset);
	bind_i64(s, 4, a->elapsed);
	return update_open(st, s, a->id, "saving the position");
}

/* The position is not an edit: it leaves `updated` alone. */
int store_save_position(store *st, int64_t id, int slot, int64_t offset, int64_t elapsed)
{
	struct notes_arg a = { .id = id, .slot = slot, .offset = offset, .elapsed = elapsed };
	return write_tx(st, position_tx, &a);
}

static int close_tx(store *st, void *arg)
{
	struct notes_arg *a = arg;
	sqlite3_stmt *s = stmt_get(st, S_CLOSE);
	if (!s)
		return -1;
	bind_i64(s, 1, a->id);
	bind_i64(s, 2, time(NULL));
	if (a->report)
		bind_str(s, 3, a->report);
	else
		sqlite3_bind_null(s, 3);
	if (run(st, s, "closing the interview") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		if (iv_state(st, a->id) == 2)
			return ev_seterr("interview %lld is already closed", (long long)a->id);
		return explain_refusal(st, a->id);
	}
	return 0;
}

int store_close_interview(store *st, int64_t id, const char *report)
{
	struct notes_arg a = { .id = id, .report = report };
	return write_tx(st, close_tx, &a);
}

static int reopen_tx(store *st, void *arg)
{
	struct notes_arg *a = arg;
	sqlite3_stmt *s = stmt_get(st, S_REOPEN);
	if (!s)
		return -1;
	bind_i64(s, 1, a->id);
	bind_i64(s, 2, time(NULL));
	if (run(st, s, "reopening the interview") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		int state = iv_state(st, a->id);
		if (state == 1)
			return ev_seterr("interview %lld is not closed", (long long)a->id);
		return state < 0 ? -1 : ev_seterr("no interview with ID %lld", (long long)a->id);
	}
	return 0;
}

int store_reopen_interview(store *st, int64_t id)
{
	struct notes_arg a = { .id = id };
	return write_tx(st, reopen_tx, &a);
}

char *store_get_report(store *st, int64_t id)
{
	sqlite3_stmt *s = stmt_get(st, S_REPORT);
	if (!s)
		return NULL;
	bind_i64(s, 1, id);
	int rc = step(st, s, "reading the report");
	char *text = NULL;
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		text = col_str(s, 0);
	else if (rc == SQLITE_DONE)
		ev_seterr("no interview with ID %lld", (long long)id);
	sqlite3_reset(s);
	return text;
}

/* ---- lists ---- */

/* Bind the filter (?1) and the match (?2, lowered ASCII; NULL = all). */
static char *bind_filter(sqlite3_stmt *s, enum store_filter f, const char *match)
{
	bind_i64(s, 1, f == STORE_OPEN ? 0 : f == STORE_CLOSED ? 1 : -1);
	if (str_empty(match)) {
		sqlite3_bind_null(s, 2);
		return NULL;
	}
	char *low = xstrdup(match);
	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	sqlite3_bind_text(s, 2, low, -1, SQLITE_STATIC);
	return low;
}

int store_list(store *st, enum store_filter f, const char *match,
	       int offset, int limit, store_row **rows)
{
	*rows = NULL;
	sqlite3_stmt *s = stmt_get(st, S_LIST);
	if (!s)
		return -1;
	char *low = bind_filter(s, f, match);
	bind_i64(s, 3, limit < 0 ? -1 : limit);
	bind_i64(s, 4, offset < 0 ? 0 : offset);
	store_row *out = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = step(st, s, "listing interviews")) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			out = xrealloc(out, (size_t)cap * sizeof *out);
		}
		store_row *r = &out[n++];
		r->id = sqlite3_column_int64(s, 0);
		r->employee = col_str(s, 1);
		r->role = col_str(s, 2);
		r->department = col_str(s, 3);
		r->interviewer = col_str(s, 4);
		r->template_name = col_str(s, 5);
		r->interview_date = col_str(s, 6);
		r->last_day = col_str(s, 7);
		r->closed = sqlite3_column_int(s, 8) != 0;
		r->created = sqlite3_column_int64(s, 9);
		r->updated = sqlite3_column_int64(s, 10);
		r->answered = sqlite3_column_int(s, 11);
		r->nquestions = sqlite3_column_int(s, 12);
	}
	sqlite3_reset(s);
	free(low);
	if (rc < 0) {
		store_rows_free(out, n);
		return -1;
	}
	*rows = out;
	return n;
}

int store_count(store *st, enum store_filter f, const char *match)
{
	sqlite3_stmt *s = stmt_get(st, S_COUNT);
	if (!s)
		return -1;
	char *low = bind_filter(s, f, match);
	int rc = step(st, s, "counting interviews");
	int n = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_reset(s);
	free(low);
	return n;
}

void store_rows_free(store_row *rows, int n)
{
	if (!rows)
		return;
	for (int i = 0; i < n; i++) {
		free(rows[i].employee);
		free(rows[i].role);
		free(rows[i].department);
		free(rows[i].interviewer);
		free(rows[i].template_name);
		free(rows[i].interview_date);
		free(rows[i].last_day);
	}
	free(rows);
}

/* ---- export and summary ---- */

/* Four queries in all, whatever the number of interviews: the interviews,
 * and their questions, follow-ups and categories in the same order, read
 * side by side.  One read transaction keeps them consistent. */
int store_foreach(store *st, const char *since, const char *until, bool with_notes,
		  int (*fn)(const interview *iv, void *arg), void *arg)
{
	if (!str_empty(since) && !date_valid(since))
		return ev_seterr("bad date '%s': use YYYY-MM-DD", since);
	if (!str_empty(until) && !date_valid(until))
		return ev_seterr("bad date '%s': use YYYY-MM-DD", until);
	const char *lo = str_empty(since) ? "" : since;
	const char *hi = str_empty(until) ? "~" : until;   /* '~' sorts after digits */
	if (exec(st, "BEGIN", "reading interviews") != 0)
		return -1;
	enum sid ids[4] = { S_EACH_IV, S_EACH_Q, S_EACH_F, S_EACH_C };
	cursor c[4] = { { NULL, 0 }, { NULL, 0 }, { NULL, 0 }, { NULL, 0 } };
	int ret = 0;
	for (int i = 0; i < 4 && ret == 0; i++) {
		if (!(c[i].s = stmt_get(st, ids[i]))) {
			ret = -1;
			break;
		}
		bind_str(c[i].s, 1, lo);
		bind_str(c[i].s, 2, hi);
		if (ids[i] == S_EACH_Q)
			bind_i64(c[i].s, 3, with_notes);
		cursor_next(st, &c[i]);
		if (c[i].rc < 0)
			ret = -1;
	}
	while (ret == 0 && c[0].rc == SQLITE_ROW) {
		interview *iv = interview_blank();
		read_iv(c[0].s, iv);
		if (!with_notes) {
			str_set(&iv->observations, "");
			str_set(&iv->actions, "");
		}
		if (read_children(st, iv, &c[1], &c[2], &c[3]) != 0) {
			interview_free(iv);
			ret = -1;
			break;
		}
		ret = fn(iv, arg);
		interview_free(iv);
		if (ret != 0)
			break;
		cursor_next(st, &c[0]);
		if (c[0].rc < 0)
			ret = -1;
	}
	reset_all(c, 4);
	/* a read transaction: ending it cannot lose anything */
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rollback(st);
	return ret;
}
