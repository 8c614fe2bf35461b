/* store.c — the store's statement cache, errors, transactions and writes.
 *
 * The store is split by job (store_priv.h is their shared, private header):
 * store_open.c opens and checks the file, store_schema.c migrates it,
 * store_forms.c keeps the template copies, store_query.c reads, store_save.c
 * saves with versions, store_claims.c records which screens are open.
 *
 * The SQLite database; only the store_*.c files speak SQL.
 *
 * Layout (schema version SCHEMA_VERSION, kept in PRAGMA user_version; the
 * file is marked as ours with PRAGMA application_id):
 *
 *   interviews   one row per interview: the small columns first (state,
 *                times, its form, `nquestions` and `answered` (questions
 *                answered by interview_answered's rule, kept up to date in
 *                the transaction of every write that can change it:
 *                ANSWERED_OF, S_RECOUNT), `day` = the interview
 *                date, else the local date of creation, for date ranges;
 *                the list's columns), then details, template name, title,
 *                language and scale, position, and return_conditions last
 *   forms        a template's text as copied into interviews (questions
 *                with their follow-ups and whether each is private to the
 *                manager's report, categories), stored once however
 *                many interviews share it: form_questions, form_followups,
 *                form_categories; forms.key finds an identical copy
 *   questions    (interview_id, idx): the answers: rating, skipped, asked
 *                (bit j = follow-up j was asked), has_notes, version
 *   notes        (interview_id, slot): the typed text of a question (slot =
 *                its index) or of the observations (-1) and action items
 *                (-2); no row when the text is empty
 *   note_versions (interview_id, slot): the version of each notes slot
 *                ever written (none: version 0)
 *   reports      (interview_id): the report kept at close
 *   claims       (interview_id, token): the screens that have an interview
 *                open (host, pid, user, started, heartbeat); advisory
 *
 * Versions (schema 4, issue 10): every notes slot, each question's answer
 * and the details row (interviews.details_version) count their writes.  A
 * versioned save names the version it was based on and the UPDATE checks
 * it; when another writer saved in between, nothing is written and the
 * caller gets the other text to keep both (see store.h, "Other writers").
 * A slot's version lives in note_versions, not beside its text: reading it
 * never reads through a long note, and it survives the text being emptied
 * (the notes row is deleted then), so a version never goes back.
 *
 * Why (schema 3, issue 6): SQLite reads a row's columns in order, and a
 * column after a long text means reading through that text (and its
 * overflow pages) first.  With the typed text and the reports in tables of
 * their own, and the template text once instead of once per interview, a
 * list or a summary of 10,000 interviews reads about 5 MB of small rows
 * instead of 200 MB, and "how many questions are answered" is a column,
 * not a scan of the notes.  The small child tables are WITHOUT ROWID: an
 * interview's rows sit together in key order, one b-tree search each.
 *
 * Files of schema 1, 2 and 3 are migrated by the first open for writing; a
 * read-only open reads them where they are, through temporary views
 * (store_schema_read_legacy), and never writes them.
 *
 * A new database is built by running every migration from version 0, so a
 * fresh file and an upgraded old one are the same by construction.
 *
 * Journal mode DELETE, not WAL: WAL does not work on network file systems
 * (home directories on shared servers are often NFS), and it keeps deleted
 * or overwritten confidential notes in the -wal file until the last
 * connection closes, even with secure_delete.  A rollback journal with a
 * busy timeout, BEGIN IMMEDIATE for every write and one small transaction
 * per write serves the few interviewers that share a database.  Its cost:
 * a reader's shared lock keeps every writer from committing, so no read
 * may wait on anything while it holds one.  What is read to be written
 * out (export, list) is read first — in short chunks (store_stream), or
 * whole when small (store_list) — and written after the read has ended:
 * a slow reader (an export piped to less) blocks no one.
 *
 * Opening never writes before the file has been validated, and refusing
 * leaves it byte-for-byte as it was.
 */
#include "store_priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#include "exitview/fsutil.h"
#include "exitview/util.h"

#define BUSY_RETRIES 3          /* extra attempts after a busy timeout */

/* "employee, role, ..., cur_offset, ": the interview's own columns
 * (IV_COLUMNS in interview.h), each followed by ", ". */
#define IV_COL_NAME_(col, member, type, field, check) #col ", "
#define IV_COLS_ IV_COLUMNS(IV_COL_NAME_)

/* The columns of a list row (read_rows, store_query.c). */
#define LIST_COLS "id, employee, role, department, interviewer, template_name," \
	" interview_date, last_day, closed, created, updated, answered, nquestions"
#define LIST_COLS_I "i.id, i.employee, i.role, i.department, i.interviewer, i.template_name," \
	" i.interview_date, i.last_day, i.closed, i.created, i.updated, i.answered, i.nquestions"
#define LIST_WHERE \
	" WHERE (?1 < 0 OR closed = ?1) AND (?2 IS NULL" \
	" OR instr(lower(employee), ?2) > 0 OR instr(lower(role), ?2) > 0" \
	" OR instr(lower(department), ?2) > 0 OR instr(CAST(id AS TEXT), ?2) > 0)"

#define RANGE_WHERE " WHERE i.day >= ?1 AND i.day <= ?2"

/* ---- prepared statements, made once per connection ---- */

static const char *const sql_text[S_COUNT_] = {
	/* S_INSERT and S_DETAILS: made by build_sql, numbered by IV_COLUMNS */
	[S_INS_Q] = "INSERT INTO questions (interview_id, idx, rating, skipped, asked, has_notes)"
		" VALUES (?1, ?2, ?3, ?4, ?5, " HAS_TEXT("?6") ")",
	[S_FORM_FIND] = "SELECT id FROM forms WHERE key = ?1",
	[S_FORM_ADD] = "INSERT INTO forms (key) VALUES (?1)",
	[S_FORM_ADD_Q] = "INSERT INTO form_questions (form, idx, title, prompt, hint)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_FORM_SET_PRIVATE] = "UPDATE form_questions SET private = 1 WHERE form = ?1 AND idx = ?2",
	[S_FORM_SET_NORATING] = "UPDATE form_questions SET no_rating = 1 WHERE form = ?1 AND idx = ?2",
	[S_FORM_ADD_F] = "INSERT INTO form_followups (form, q_idx, idx, text)"
		" VALUES (?1, ?2, ?3, ?4)",
	[S_FORM_ADD_C] = "INSERT INTO form_categories (form, idx, key, label)"
		" VALUES (?1, ?2, ?3, ?4)",
	[S_FORM_Q] = "SELECT idx, title, prompt, hint, private, no_rating FROM form_questions"
		" WHERE form = ?1 ORDER BY idx",
	[S_FORM_F] = "SELECT q_idx, idx, text FROM form_followups"
		" WHERE form = ?1 ORDER BY q_idx, idx",
	[S_FORM_C] = "SELECT idx, key, label FROM form_categories"
		" WHERE form = ?1 ORDER BY idx",
	[S_LOAD_IV] = "SELECT id, " IV_COLS_ "form, details_version FROM interviews WHERE id = ?1",
	[S_LOAD_Q] = "SELECT interview_id, idx, rating, skipped, asked, version FROM questions"
		" WHERE interview_id = ?1 ORDER BY idx",
	/* the chunks of an interview's notes, slot by slot, in order
	 * (store_notes.c); S_LOAD_N_WHOLE and S_EACH_N_WHOLE read a file
	 * before schema 9 in place, a row a slot */
	[S_LOAD_N] = "SELECT interview_id, slot, text FROM note_chunks"
		" WHERE id BETWEEN " NOTE_IV_FIRST("?1") " AND " NOTE_IV_LAST("?1") " ORDER BY id",
	[S_LOAD_NV] = "SELECT slot, version FROM note_versions WHERE interview_id = ?1",
	[S_STATE] = "SELECT closed FROM interviews WHERE id = ?1",
	[S_TOUCH] = "UPDATE interviews SET updated = ?2 WHERE id = ?1 AND closed = 0",
	/* ?3: str_has_text of the notes, the rule of HAS_TEXT (SQL's trim()
	 * would make a copy of a 1 MB note to find it out) */
	[S_HAS_NOTES] = "UPDATE questions SET has_notes = ?3 WHERE interview_id = ?1 AND idx = ?2",
	[S_NOTE_VER] = "SELECT version FROM note_versions WHERE interview_id = ?1 AND slot = ?2",
	/* the next version of a slot, only from version ?3 (no row: 0, read
	 * in the same transaction) */
	[S_BUMP_NOTE] = "INSERT INTO note_versions (interview_id, slot, version)"
		" VALUES (?1, ?2, ?3 + 1)"
		" ON CONFLICT (interview_id, slot) DO UPDATE SET version = version + 1"
		" WHERE version = ?3",
	[S_ANSWER_GET] = "SELECT rating, skipped, asked, version FROM questions"
		" WHERE interview_id = ?1 AND idx = ?2",
	/* the one place `answered` is computed: questions with notes or a rating */
	[S_RECOUNT] = "UPDATE interviews SET answered = " ANSWERED_OF("interviews") " WHERE id = ?1",
	[S_ANSWER] = "UPDATE questions SET rating = ?3, skipped = ?4, asked = ?5,"
		" version = version + 1 WHERE interview_id = ?1 AND idx = ?2 AND version = ?6",
	[S_POSITION] = "UPDATE interviews SET cur_slot = ?2, cur_offset = ?3, elapsed = ?4"
		" WHERE id = ?1 AND closed = 0",
	[S_CLOSE] = "UPDATE interviews SET closed = 1, closed_at = ?2, updated = ?2"
		" WHERE id = ?1 AND closed = 0",
	[S_SET_REPORT] = "INSERT OR REPLACE INTO reports (interview_id, text) VALUES (?1, ?2)",
	[S_DEL_REPORT] = "DELETE FROM reports WHERE interview_id = ?1",
	[S_REOPEN] = "UPDATE interviews SET closed = 0, reopened_at = ?2, updated = ?2"
		" WHERE id = ?1 AND closed = 1",
	[S_REPORT] = "SELECT r.text FROM interviews i LEFT JOIN reports r"
		" ON r.interview_id = i.id WHERE i.id = ?1",
	[S_LIST] = "SELECT id, employee, role, department, interviewer, template_name,"
		" interview_date, last_day, closed, created, updated, answered, nquestions"
		" FROM interviews" LIST_WHERE
		" ORDER BY updated DESC, id DESC LIMIT ?3 OFFSET ?4",
	/* open, with an interview date ?1 (today) or later, soonest first.
	 * Such a row's day is its interview date: read in the (day, id)
	 * index from today on, with no sort and no scan of the past (+closed:
	 * not by the closed index, which would read every open interview) */
	[S_UPCOMING] = "SELECT id, employee, role, department, interviewer, template_name,"
		" interview_date, last_day, closed, created, updated, answered, nquestions"
		" FROM interviews WHERE day >= ?1 AND interview_date >= ?1 AND +closed = 0"
		" ORDER BY day, id LIMIT ?2",
	/* an interview of the same employee and last working day (import) */
	[S_SAME_LEAVER] = "SELECT id FROM interviews WHERE employee = ?1 AND last_day = ?2"
		" ORDER BY id LIMIT 1",
	[S_COUNT] = "SELECT count(*) FROM interviews" LIST_WHERE,
	/* without a text filter: the counts the triggers keep (schema 11),
	 * one row read at any size, where S_COUNT's optional parameters would
	 * scan the table and even count(*) walks an index of every interview */
	[S_COUNT_ALL] = "SELECT coalesce(sum(n), 0) FROM interview_counts",
	[S_COUNT_STATE] = "SELECT coalesce((SELECT n FROM interview_counts WHERE closed = ?1), 0)",
	/* the start screen's filter on a file of schema 9: ?2 a query of
	 * people_fts (store_search_filter_query), whose prefix indexes make
	 * a key cost the same at any size */
	/* newest first: the order the index gives, so that a page costs the
	 * same however many match (sorting them by update would read them all) */
	[S_LIST_FTS] = "SELECT i.id, i.employee, i.role, i.department, i.interviewer, i.template_name,"
		" i.interview_date, i.last_day, i.closed, i.created, i.updated, i.answered, i.nquestions"
		" FROM people_fts f CROSS JOIN interviews i ON i.id = f.rowid"
		" WHERE people_fts MATCH ?2 AND (?1 < 0 OR i.closed = ?1)"
		" ORDER BY f.rowid DESC LIMIT ?3 OFFSET ?4",
	[S_COUNT_FTS] = "SELECT count(*) FROM people_fts f CROSS JOIN interviews i ON i.id = f.rowid"
		" WHERE people_fts MATCH ?2 AND (?1 < 0 OR i.closed = ?1)",
	[S_COUNT_FTS_ALL] = "SELECT count(*) FROM people_fts WHERE people_fts MATCH ?2",
	/* the start screen's next and previous pages (store_list_next): read
	 * on from the row at the page's edge, in the index, so that a page
	 * costs the same at any depth (an OFFSET walks every row before it) */
	[S_LIST_AFTER] = "SELECT " LIST_COLS " FROM interviews WHERE (updated, id) < (?1, ?2)"
		" ORDER BY updated DESC, id DESC LIMIT ?3",
	[S_LIST_BEFORE] = "SELECT " LIST_COLS " FROM interviews WHERE (updated, id) > (?1, ?2)"
		" ORDER BY updated, id LIMIT ?3",
	[S_LIST_FTS_AFTER] = "SELECT " LIST_COLS_I " FROM people_fts f CROSS JOIN interviews i"
		" ON i.id = f.rowid WHERE people_fts MATCH ?4 AND f.rowid < ?2 ORDER BY f.rowid DESC LIMIT ?3",
	[S_LIST_FTS_BEFORE] = "SELECT " LIST_COLS_I " FROM people_fts f CROSS JOIN interviews i"
		" ON i.id = f.rowid WHERE people_fts MATCH ?4 AND f.rowid > ?2 ORDER BY f.rowid LIMIT ?3",
	[S_EACH_IV] = "SELECT id, " IV_COLS_ "form FROM interviews i" RANGE_WHERE
		" ORDER BY i.day, i.id",
	[S_EACH_Q] = "SELECT q.interview_id, q.idx, q.rating, q.skipped, q.asked"
		" FROM interviews i JOIN questions q ON q.interview_id = i.id" RANGE_WHERE
		" ORDER BY i.day, i.id, q.idx",
	[S_EACH_N] = "SELECT n.interview_id, n.slot, n.text FROM interviews i JOIN note_chunks n"
		" ON n.id BETWEEN " NOTE_IV_FIRST("i.id") " AND " NOTE_IV_LAST("i.id") RANGE_WHERE
		" ORDER BY i.day, i.id, n.id",
	[S_CLAIMS] = "SELECT token, host, pid, user, started, heartbeat FROM claims"
		" WHERE interview_id = ?1 ORDER BY started, token",
	[S_CLAIM_SET] = "INSERT INTO claims (interview_id, token, host, pid, user, started, heartbeat)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT (interview_id, token)"
		" DO UPDATE SET heartbeat = excluded.heartbeat",
	[S_CLAIM_DEL] = "DELETE FROM claims WHERE interview_id = ?1 AND token = ?2",
	/* store_stream: the selection, then each interview by its ID, if its
	 * day is still in the range */
	[S_PICK] = "SELECT i.id, i.nquestions FROM interviews i" RANGE_WHERE
		" ORDER BY i.day, i.id",
	[S_PICK_IV] = "SELECT id, " IV_COLS_ "form FROM interviews i" RANGE_WHERE
		" AND i.id = ?3",
	/* an interview's action items (store_actions_read) */
	[S_ACTIONS_OF] = "SELECT " ACTION_COLS " FROM actions a WHERE a.interview_id = ?1 ORDER BY a.id",
};

/* The notes of a file before schema 9, read in place (st->notes_whole). */
static const char load_n_whole[] = "SELECT interview_id, slot, text FROM notes"
	" WHERE interview_id = ?1 ORDER BY slot";
static const char each_n_whole[] = "SELECT n.interview_id, n.slot, n.text"
	" FROM interviews i JOIN notes n ON n.interview_id = i.id" RANGE_WHERE
	" ORDER BY i.day, i.id, n.slot";

/* S_INSERT: every column of IV_COLUMNS from ?1 (then the day, made from
 * the interview date and the creation time, nquestions and form), and
 * S_DETAILS: every detail field from ?2 (?1 the ID, then the update time
 * and the version saved over).  Made once. */
static char insert_sql[2048], details_sql[1024];

static const char *const detail_cols[IV_NDETAILS] = {
#define DETAIL_COL_(col, member, type, field, check) IV_DETAIL(check, #col,)
	IV_COLUMNS(DETAIL_COL_)
#undef DETAIL_COL_
};

/* snprintf at buf + *n, moving *n on (never past the end). */
static void sql_add(char *buf, size_t size, size_t *n, const char *fmt, ...) EV_PRINTF(4, 5);
static void sql_add(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n = *n + (size_t)k < size ? *n + (size_t)k : size - 1;
}

static void build_sql_once(void)
{
	size_t n = 0;
	sql_add(insert_sql, sizeof insert_sql, &n,
		"INSERT INTO interviews (" IV_COLS_ "day, nquestions, form) VALUES (");
	for (int i = 1; i <= IV_NCOLS; i++)
		sql_add(insert_sql, sizeof insert_sql, &n, "?%d, ", i);
	sql_add(insert_sql, sizeof insert_sql, &n, DAY_OF("?%d", "?%d") ", ?%d, ?%d)",
		IV_COL_interview_date + 1, IV_COL_interview_date + 1, IV_COL_created + 1,
		INS_NQUESTIONS, INS_FORM);
	n = 0;
	sql_add(details_sql, sizeof details_sql, &n, "UPDATE interviews SET ");
	for (int i = 0; i < IV_NDETAILS; i++)
		sql_add(details_sql, sizeof details_sql, &n, "%s = ?%d, ", detail_cols[i], i + 2);
	sql_add(details_sql, sizeof details_sql, &n, "updated = ?%d, day = " DAY_OF("?%d", "created")
		", details_version = details_version + 1"
		" WHERE id = ?1 AND closed = 0 AND details_version = ?%d",
		DETAILS_UPDATED, IV_FIELD_interview_date + 2, IV_FIELD_interview_date + 2,
		DETAILS_BASE);
}

/* The SQL of statement id. */
static const char *statement_sql(const store *st, enum sid id)
{
	static once_flag once = ONCE_FLAG_INIT;
	switch (id) {
	case S_INSERT:
		call_once(&once, build_sql_once);
		return insert_sql;
	case S_DETAILS:
		call_once(&once, build_sql_once);
		return details_sql;
	case S_EACH_N:
		return st->legacy_each_n ? st->legacy_each_n : st->notes_whole ? each_n_whole : sql_text[id];
	case S_LOAD_N:
		return st->notes_whole ? load_n_whole : sql_text[id];
	case S_COUNT_ALL:
		return st->no_counts ? "SELECT count(*) FROM interviews" : sql_text[id];
	case S_COUNT_STATE:
		return st->no_counts ? "SELECT count(*) FROM interviews WHERE closed = ?1" : sql_text[id];
	default:
		return sql_text[id];
	}
}

/* ---- errors ---- */

/* SQLite's (possibly multi-line) message as one line, in buf. */
const char *store_one_line(const char *msg, char *buf, size_t size)
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

/* SQLite does not always keep the errno of a failed write (a short write
 * leaves none): tell a full disk and (when fsize) a file size limit apart
 * ourselves. */
static int write_failure_cause(const char *path, bool fsize)
{
	char *dir = fs_dirname(path);
	struct statvfs vfs;
	int full = statvfs(dir, &vfs) == 0 && (unsigned long long)vfs.f_bavail * vfs.f_frsize < 65536;
	free(dir);
	if (full)
		return ENOSPC;
	struct rlimit rl;
	if (fsize && getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		return EFBIG;
	return 0;
}

/* sqlite3_system_errno() is the errno when SQLite records the error, by
 * then often overwritten (a failed fdatasync is followed by the rollback's
 * own calls: ENOSPC became 0 and "disk I/O error").  The unix VFS logs the
 * errno of the failing call itself ("os_unix.c:N: (ERRNO) fdatasync(...)
 * - ..."), so the log callback keeps the last one with its result code. */
static _Thread_local int vfs_errno, vfs_errcode;

/* SQLITE_CONFIG_LOG callback: remember the errno of a failed system call. */
static void vfs_log(void *arg, int code, const char *msg)
{
	(void)arg;
	const char *p = msg ? strstr(msg, ": (") : NULL;
	if (!p || strncmp(msg, "os_unix.c:", 10) != 0)
		return;
	vfs_errcode = code;
	vfs_errno = atoi(p + 3);
}

/* call_once body of sqlite_setup. */
static void sqlite_setup_once(void)
{
	sqlite3_config(SQLITE_CONFIG_LOG, vfs_log, NULL);
}

/* Install vfs_log once, before SQLite initialises (later it cannot be). */
void store_sqlite_setup(void)
{
	static once_flag once = ONCE_FLAG_INIT;
	call_once(&once, sqlite_setup_once);
}

/* Record a failure of SQLite result rc in words that name the file. */
int store_fail_rc(store *st, int rc, const char *what)
{
	st->rc = rc;
	char buf[256];
	const char *msg = store_one_line(st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc),
				   buf, sizeof buf);
	/* The system's reason, when there is one, says more than SQLite's. */
	int sys = st->db ? sqlite3_system_errno(st->db) : 0;
	int prim = rc & 0xff;
	if (rc == SQLITE_READONLY_ROLLBACK)
		return ev_seterr("%s needs recovery: a write that was interrupted left %s-journal, "
				 "which only a user who may write %s and its directory can roll back "
				 "(any exitview command they run does)", st->path, st->path, st->path);
	if (prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN || prim == SQLITE_FULL) {
		if (vfs_errcode == rc && vfs_errno != 0)
			sys = vfs_errno;   /* the errno of the failed call itself */
		vfs_errcode = 0;
		if (sys == 0 && (rc == SQLITE_IOERR_WRITE || prim == SQLITE_FULL))
			sys = write_failure_cause(st->path, true);
		if (sys == 0 && (rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE))
			sys = write_failure_cause(st->path, false);
		if (prim == SQLITE_CANTOPEN) {
			/* e.g. no journal can be made: is the directory writable? */
			char *dir = fs_dirname(st->path);
			if (access(dir, W_OK | X_OK) != 0)
				sys = errno;
			free(dir);
		}
		if (sys == ENOSPC || sys == EDQUOT)
			return ev_seterr("cannot write %s: the disk is full", st->path);
		if (sys == EFBIG)
			return ev_seterr("cannot write %s: the file size limit was reached", st->path);
		if (sys == EROFS || sys == EACCES || sys == EPERM)
			return ev_seterr("cannot write %s: %s (read-only)", st->path, strerror(sys));
	}
	switch (prim) {
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
		return ev_seterr("cannot write %s: input/output error while %s (%s)", st->path, what, msg);
	default:
		return ev_seterr("%s: %s failed (%s)", st->path, what, msg);
	}
}

int store_fail(store *st, const char *what)
{
	return store_fail_rc(st, sqlite3_extended_errcode(st->db), what);
}

static bool is_busy(const store *st)
{
	int p = st->rc & 0xff;
	return p == SQLITE_BUSY || p == SQLITE_LOCKED;
}

/* ---- statement helpers ---- */

sqlite3_stmt *store_stmt(store *st, enum sid id)
{
	sqlite3_stmt *s = st->stmt[id];
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return s;
	}
	const char *sql = statement_sql(st, id);
	int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if (rc != SQLITE_OK) {
		store_fail_rc(st, rc, "preparing a query");
		return NULL;
	}
	st->stmt[id] = s;
	return s;
}

/* The cached statement with ?1 bound to id (an interview's or a form's). */
sqlite3_stmt *store_stmt_id(store *st, enum sid sid, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st, sid);
	if (s)
		bind_i64(s, 1, id);
	return s;
}

/* Step once; SQLITE_ROW or SQLITE_DONE, or -1 after recording the error. */
int store_step(store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	store_fail_rc(st, sqlite3_extended_errcode(st->db), what);
	sqlite3_reset(s);
	return -1;
}

/* Run a statement that returns no rows; 0 or -1. */
int store_run(store *st, sqlite3_stmt *s, const char *what)
{
	int rc = store_step(st, s, what);
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* Execute constant SQL (never built from user text). */
int store_exec(store *st, const char *sql, const char *what)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail_rc(st, sqlite3_extended_errcode(st->db), what);
	return 0;
}

/* A single integer from constant SQL; -1 on error. */
int store_query_int(store *st, const char *sql, int64_t *out, const char *what)
{
	*out = 0;
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK) {
		store_fail_rc(st, sqlite3_extended_errcode(st->db), what);
		return -1;
	}
	rc = store_step(st, s, what);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

/* ---- transactions ---- */

void store_rollback(store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_read_begin(store *st, const char *what)
{
	return store_exec(st, "BEGIN", what);
}

void store_read_end(store *st)
{
	/* a read transaction: ending it cannot lose anything */
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		store_rollback(st);
}

/* Run fn inside BEGIN IMMEDIATE ... COMMIT.  SQLite's busy handler waits
 * up to BUSY_TIMEOUT_MS for another writer; if that is not enough, the
 * whole transaction is rolled back and tried again a few times (fn may
 * run more than once).  fn returns 0 to commit, -1 on error, or a positive
 * value (a conflict: nothing to write) that rolls back and is returned. */
int store_write_tx(store *st, int (*fn)(store *, void *), void *arg)
{
	if (st->mode == STORE_READ)
		return ev_seterr("%s was opened for reading only", st->path);
	for (int attempt = 0; ; attempt++) {
		st->rc = SQLITE_OK;
		int rc = store_exec(st, "BEGIN IMMEDIATE", "starting a transaction");
		if (rc == 0)
			rc = fn(st, arg);
		if (rc == 0)
			rc = store_exec(st, "COMMIT", "saving");
		if (rc == 0)
			return 0;
		store_rollback(st);
		if (rc > 0)
			return rc;
		if (!is_busy(st) || attempt >= BUSY_RETRIES)
			return -1;
		usleep(10000u * (unsigned)(attempt + 1));
	}
}

/* The state of interview id: 0 no such interview, 1 open, 2 closed; -1 on
 * error. */
int store_iv_state(store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt_id(st, S_STATE, id);
	if (!s)
		return -1;
	int rc = store_step(st, s, "reading an interview");
	int state = rc < 0 ? -1 : rc == SQLITE_DONE ? 0 : sqlite3_column_int(s, 0) ? 2 : 1;
	sqlite3_reset(s);
	return state;
}

/* After an UPDATE ... WHERE id = ? AND closed = 0 changed nothing: why. */
static int explain_refusal(store *st, int64_t id)
{
	switch (store_iv_state(st, id)) {
	case -1:
		return -1;
	case 0:
		return ev_seterr_code(EV_E_NOTFOUND, "no interview with ID %lld", (long long)id);
	case 2:
		return ev_seterr("interview %lld is closed; reopen it first", (long long)id);
	default:
		return ev_seterr("interview %lld could not be updated", (long long)id);
	}
}

/* Bring interviews.answered up to date after its questions changed. */
int store_recount(store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt_id(st, S_RECOUNT, id);
	if (!s)
		return -1;
	return store_run(st, s, "counting answers");
}

/* ---- creating ---- */

struct create_arg {
	interview *iv;
	int64_t now;
};

/* The row and notes of part slot of a new interview (a question, or a
 * checklist it has; nothing for any other slot). */
static int create_part(store *st, interview *iv, int64_t id, int slot)
{
	const iv_question *q = interview_part(iv, slot);
	if (!q || (slot < 0 && !interview_has_checklist(iv, slot)))
		return 0;
	sqlite3_stmt *s = store_stmt_id(st, S_INS_Q, id);
	if (!s)
		return -1;
	bind_i64(s, 2, slot);
	bind_i64(s, 3, q->rating);
	bind_i64(s, 4, q->skipped);
	bind_i64(s, 5, store_asked_mask(q));
	bind_str(s, 6, q->notes);
	if (store_run(st, s, "saving a question") != 0)
		return -1;
	return store_set_note(st, id, slot, q->notes);
}

/* Insert iv (created and updated at now) and set iv->id; within the
 * caller's write transaction.  0 or -1. */
static int insert_iv(store *st, interview *iv, int64_t now)
{
	int64_t form = store_form_get(st, iv);
	if (form < 0)
		return -1;
	int64_t created = iv->created, updated = iv->updated;
	iv->created = iv->updated = now;
	sqlite3_stmt *s = store_stmt(st, S_INSERT);
	if (s) {
		store_bind_iv(s, iv);
		bind_i64(s, INS_NQUESTIONS, iv->nquestions);
		bind_i64(s, INS_FORM, form);
	}
	iv->created = created;
	iv->updated = updated;
	if (!s || store_run(st, s, "saving a new interview") != 0)
		return -1;
	int64_t id = sqlite3_last_insert_rowid(st->db);
	for (int i = IV_SLOT_MIN; i < iv->nquestions; i++) {
		if (create_part(st, iv, id, i) != 0)
			return -1;
	}
	if (store_set_note(st, id, IV_SLOT_OBSERVATIONS, iv->observations) != 0 ||
	    store_set_note(st, id, IV_SLOT_ACTIONS, iv->actions) != 0 ||
	    store_set_note(st, id, IV_SLOT_PREPARATION, iv->preparation) != 0 ||
	    store_recount(st, id) != 0)
		return -1;
	iv->id = id;
	return 0;
}

static int create_tx(store *st, void *arg)
{
	struct create_arg *a = arg;
	return insert_iv(st, a->iv, a->now);
}

/* After iv was stored at now: its times, and every thing's first version. */
static void mark_created(interview *iv, int64_t now)
{
	iv->created = iv->updated = now;
	iv->details_version = iv->observations_version = iv->actions_version = 0;
	iv->preparation_version = 0;
	for (int i = IV_SLOT_MIN; i < iv->nquestions; i++) {
		iv_question *q = interview_part(iv, i);
		if (q)
			q->notes_version = q->answer_version = 0;
	}
}

int store_create(store *st, interview *iv)
{
	if (store_check_copy(iv) != 0)
		return -1;
	struct create_arg a = { iv, (int64_t)time(NULL) };
	int64_t old_id = iv->id;
	if (store_write_tx(st, create_tx, &a) != 0) {
		iv->id = old_id;
		return -1;
	}
	mark_created(iv, a.now);
	return 0;
}

/* The ID of an interview of iv's employee and last working day, 0 if
 * none, -1 on error. */
static int64_t same_leaver(store *st, const interview *iv)
{
	sqlite3_stmt *s = store_stmt(st, S_SAME_LEAVER);
	if (!s)
		return -1;
	bind_str(s, 1, iv->employee);
	bind_str(s, 2, iv->last_day);
	int rc = store_step(st, s, "looking for an interview");
	int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : rc < 0 ? -1 : 0;
	sqlite3_reset(s);
	return id;
}

struct create_many_arg {
	interview **iv;
	int n;
	int64_t *existing;
	int64_t now;
};

static int create_many_tx(store *st, void *arg)
{
	struct create_many_arg *a = arg;
	for (int i = 0; i < a->n; i++) {
		a->iv[i]->id = 0;
		a->existing[i] = same_leaver(st, a->iv[i]);
		if (a->existing[i] < 0)
			return -1;
		if (a->existing[i] == 0 && insert_iv(st, a->iv[i], a->now) != 0)
			return -1;
	}
	return 0;
}

int store_create_many(store *st, interview **iv, int n, int64_t *existing)
{
	for (int i = 0; i < n; i++)
		if (store_check_copy(iv[i]) != 0)
			return -1;
	struct create_many_arg a = { iv, n, existing, (int64_t)time(NULL) };
	if (store_write_tx(st, create_many_tx, &a) != 0) {
		for (int i = 0; i < n; i++)
			iv[i]->id = existing[i] = 0;
		return -1;
	}
	for (int i = 0; i < n; i++)
		if (!existing[i])
			mark_created(iv[i], a.now);
	return 0;
}

/* ---- small writes ---- */

/* Run an UPDATE of one interview row that refuses closed interviews. */
int store_update_open(store *st, sqlite3_stmt *s, int64_t id, const char *what)
{
	if (store_run(st, s, what) != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return explain_refusal(st, id);
	return 0;
}

/* 0 if interview id exists and is open, else -1 saying why. */
int store_check_open(store *st, int64_t id)
{
	int state = store_iv_state(st, id);
	return state == 1 ? 0 : state < 0 ? -1 : explain_refusal(st, id);
}

/* Where a screen is (store_save_position). */
struct position_arg {
	int64_t id;
	int slot;
	int64_t offset, elapsed;
};

static int position_tx(store *st, void *arg)
{
	struct position_arg *a = arg;
	sqlite3_stmt *s = store_stmt_id(st, S_POSITION, a->id);
	if (!s)
		return -1;
	bind_i64(s, 2, a->slot);
	bind_i64(s, 3, a->offset);
	bind_i64(s, 4, a->elapsed);
	return store_update_open(st, s, a->id, "saving the position");
}

/* The position is not an edit: it leaves `updated` alone. */
int store_save_position(store *st, int64_t id, int slot, int64_t offset, int64_t elapsed)
{
	struct position_arg a = { .id = id, .slot = slot, .offset = offset, .elapsed = elapsed };
	return store_write_tx(st, position_tx, &a);
}

/* A close (store_close_interview): when, and the report kept (NULL: none). */
struct close_arg {
	int64_t id;
	int64_t closed_at;
	const char *report;
};

static int close_tx(store *st, void *arg)
{
	struct close_arg *a = arg;
	sqlite3_stmt *s = store_stmt_id(st, S_CLOSE, a->id);
	if (!s)
		return -1;
	bind_i64(s, 2, a->closed_at);
	if (store_run(st, s, "closing the interview") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		if (store_iv_state(st, a->id) == 2)
			return ev_seterr("interview %lld is already closed", (long long)a->id);
		return explain_refusal(st, a->id);
	}
	/* the report of an earlier close (before a reopen) is replaced */
	if (!(s = store_stmt_id(st, a->report ? S_SET_REPORT : S_DEL_REPORT, a->id)))
		return -1;
	if (a->report)
		bind_str(s, 2, a->report);
	return store_run(st, s, "keeping the report");
}

int store_close_interview(store *st, int64_t id, int64_t closed_at, const char *report)
{
	struct close_arg a = { .id = id, .closed_at = closed_at, .report = report };
	return store_write_tx(st, close_tx, &a);
}

/* arg: the ID of the interview to reopen (int64_t *). */
static int reopen_tx(store *st, void *arg)
{
	const int64_t id = *(const int64_t *)arg;
	sqlite3_stmt *s = store_stmt_id(st, S_REOPEN, id);
	if (!s)
		return -1;
	bind_i64(s, 2, time(NULL));
	if (store_run(st, s, "reopening the interview") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		int state = store_iv_state(st, id);
		if (state == 1)
			return ev_seterr("interview %lld is not closed", (long long)id);
		return state < 0 ? -1 : ev_seterr_code(EV_E_NOTFOUND, "no interview with ID %lld", (long long)id);
	}
	return 0;
}

int store_reopen_interview(store *st, int64_t id)
{
	return store_write_tx(st, reopen_tx, &id);
}

