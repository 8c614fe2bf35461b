/* store.c — the SQLite database; the only file that speaks SQL.
 *
 * Layout (schema version SCHEMA_VERSION, kept in PRAGMA user_version; the
 * file is marked as ours with PRAGMA application_id):
 *
 *   interviews   one row per interview: the small columns first (state,
 *                times, its form, `nquestions` and `answered` (questions
 *                with notes or a rating, kept up to date in the transaction
 *                of every write that can change it), `day` = the interview
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
 * (read_legacy), and never writes them.
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
#include "exitview/store.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "exitview/date.h"
#include "exitview/fsutil.h"
#include "exitview/util.h"

/* The schema this code writes. */
#define SCHEMA_VERSION STORE_SCHEMA_VERSION

/* Databases up to this size get a full PRAGMA quick_check on every open;
 * larger ones get only the header checks (check_header) and the schema
 * read (judge), and damage in them shows up as SQLITE_CORRUPT, reported as
 * "FILE is damaged (...)", when the damaged page is read, by the command
 * that reads it; SQLite does not write through a page it finds corrupt.
 * quick_check reads every page, so its cost grows with the file: measured
 * here, 6 ms for a 0.75 MB file, 55 ms for 15 MB, 0.6 s for 218 MB (10,000
 * interviews), paid by every command and the start screen.  256 KB (a dozen
 * interviews) keeps it to about 2 ms: a small file is still checked whole,
 * and opening any other costs the same (a few ms) whatever its size. */
#define QUICK_CHECK_MAX_BYTES (256L * 1024)

#define BUSY_TIMEOUT_MS 5000
#define BUSY_RETRIES 3          /* extra attempts after a busy timeout */

/* The page cache of a writing connection, as PRAGMA cache_size (negative:
 * KiB; see open_checked). */
#define WRITE_CACHE_KIB "-128"

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

/* Text that is not only white space (the definition of "has notes"). */
#define HAS_TEXT(x) "(trim(" x ", ' ' || char(9, 10, 13)) <> '')"

/* Version 2 -> 3 (issue 6): the same data, laid out for speed.  The old
 * tables are renamed, the new ones filled from them (the forms by
 * migrate_v3_forms, in C, with the code store_create uses) and the old ones
 * dropped (secure_delete zeroes their pages), all in the one migration
 * transaction; foreign keys are not yet enforced on the connection then
 * (see open_checked), so renaming and dropping cascade nothing. */
static const char migrate_v3_tables[] =
	"ALTER TABLE interviews RENAME TO v2_interviews;"
	"ALTER TABLE questions RENAME TO v2_questions;"
	"ALTER TABLE followups RENAME TO v2_followups;"
	"ALTER TABLE categories RENAME TO v2_categories;"
	"DROP INDEX interviews_updated;"
	"DROP INDEX interviews_closed;"
	"DROP INDEX interviews_day;"
	/* a template as copied into interviews, stored once however many
	 * interviews use it; key is form_key() of its text */
	"CREATE TABLE forms ("
	" id INTEGER PRIMARY KEY,"
	" key BLOB NOT NULL UNIQUE"
	");"
	"CREATE TABLE form_questions ("
	" form INTEGER NOT NULL REFERENCES forms(id),"
	" idx INTEGER NOT NULL,"
	" title TEXT NOT NULL DEFAULT '',"
	" prompt TEXT NOT NULL DEFAULT '',"
	" hint TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (form, idx)"
	") WITHOUT ROWID;"
	"CREATE TABLE form_followups ("
	" form INTEGER NOT NULL,"
	" q_idx INTEGER NOT NULL,"
	" idx INTEGER NOT NULL CHECK (idx BETWEEN 0 AND 62),"   /* bits of questions.asked */
	" text TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (form, q_idx, idx),"
	" FOREIGN KEY (form, q_idx) REFERENCES form_questions(form, idx)"
	") WITHOUT ROWID;"
	"CREATE TABLE form_categories ("
	" form INTEGER NOT NULL REFERENCES forms(id),"
	" idx INTEGER NOT NULL,"
	" key TEXT NOT NULL,"
	" label TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (form, idx)"
	") WITHOUT ROWID;"
	"CREATE TABLE interviews ("
	" id INTEGER PRIMARY KEY,"
	" closed INTEGER NOT NULL DEFAULT 0,"
	" updated INTEGER NOT NULL DEFAULT 0,"
	" created INTEGER NOT NULL DEFAULT 0,"
	" form INTEGER NOT NULL REFERENCES forms(id),"
	" nquestions INTEGER NOT NULL DEFAULT 0,"
	" answered INTEGER NOT NULL DEFAULT 0,"
	" day TEXT NOT NULL DEFAULT '',"
	" interview_date TEXT NOT NULL DEFAULT '',"
	" last_day TEXT NOT NULL DEFAULT '',"
	" employee TEXT NOT NULL DEFAULT '',"
	" role TEXT NOT NULL DEFAULT '',"
	" department TEXT NOT NULL DEFAULT '',"
	" interviewer TEXT NOT NULL DEFAULT '',"
	" template_name TEXT NOT NULL DEFAULT '',"
	" manager TEXT NOT NULL DEFAULT '',"
	" start_date TEXT NOT NULL DEFAULT '',"
	" separation INTEGER NOT NULL DEFAULT 0,"
	" reason_primary TEXT NOT NULL DEFAULT '',"
	" reason_secondary TEXT NOT NULL DEFAULT '',"
	" reason_assessed TEXT NOT NULL DEFAULT '',"
	" regrettable INTEGER NOT NULL DEFAULT 0,"
	" rehire INTEGER NOT NULL DEFAULT 0,"
	" would_return INTEGER NOT NULL DEFAULT 0,"
	" elapsed INTEGER NOT NULL DEFAULT 0,"
	" closed_at INTEGER NOT NULL DEFAULT 0,"
	" reopened_at INTEGER NOT NULL DEFAULT 0,"
	" cur_slot INTEGER NOT NULL DEFAULT 0,"
	" cur_offset INTEGER NOT NULL DEFAULT 0,"
	" language TEXT NOT NULL DEFAULT '',"
	" template_title TEXT NOT NULL DEFAULT '',"
	" scale1 TEXT NOT NULL DEFAULT '',"
	" scale2 TEXT NOT NULL DEFAULT '',"
	" scale3 TEXT NOT NULL DEFAULT '',"
	" scale4 TEXT NOT NULL DEFAULT '',"
	" scale5 TEXT NOT NULL DEFAULT '',"
	" return_conditions TEXT NOT NULL DEFAULT ''"
	");"
	/* the answers; asked has bit j set when follow-up j was asked */
	"CREATE TABLE questions ("
	" interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,"
	" idx INTEGER NOT NULL,"
	" rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),"
	" skipped INTEGER NOT NULL DEFAULT 0,"
	" asked INTEGER NOT NULL DEFAULT 0,"
	" has_notes INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (interview_id, idx)"
	") WITHOUT ROWID;"
	"CREATE TABLE notes ("
	" interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,"
	" slot INTEGER NOT NULL,"
	" text TEXT NOT NULL,"
	" PRIMARY KEY (interview_id, slot)"
	");"
	"CREATE TABLE reports ("
	" interview_id INTEGER PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,"
	" text TEXT NOT NULL"
	");";
static const char migrate_v3_copy[] =
	"INSERT INTO interviews (id, closed, updated, created, form, nquestions, answered, day,"
	" interview_date, last_day, employee, role, department, interviewer, template_name,"
	" manager, start_date, separation, reason_primary, reason_secondary, reason_assessed,"
	" regrettable, rehire, would_return, elapsed, closed_at, reopened_at, cur_slot,"
	" cur_offset, language, template_title, scale1, scale2, scale3, scale4, scale5,"
	" return_conditions)"
	" SELECT id, closed, updated, created, 0,"
	" (SELECT count(*) FROM v2_questions q WHERE q.interview_id = o.id),"
	" (SELECT count(*) FROM v2_questions q WHERE q.interview_id = o.id"
	"  AND (" HAS_TEXT("q.notes") " OR q.rating > 0)), day,"
	" interview_date, last_day, employee, role, department, interviewer, template_name,"
	" manager, start_date, separation, reason_primary, reason_secondary, reason_assessed,"
	" regrettable, rehire, would_return, elapsed, closed_at, reopened_at, cur_slot,"
	" cur_offset, language, template_title, scale1, scale2, scale3, scale4, scale5,"
	" return_conditions FROM v2_interviews o ORDER BY id;"
	"INSERT INTO questions (interview_id, idx, rating, skipped, asked, has_notes)"
	" SELECT interview_id, idx, rating, skipped, 0, " HAS_TEXT("notes")
	" FROM v2_questions ORDER BY interview_id, idx;"
	"INSERT INTO notes (interview_id, slot, text)"
	" SELECT id, -2, actions FROM v2_interviews WHERE actions <> ''"
	" UNION ALL SELECT id, -1, observations FROM v2_interviews WHERE observations <> ''"
	" UNION ALL SELECT interview_id, idx, notes FROM v2_questions WHERE notes <> ''"
	" ORDER BY 1, 2;"
	"INSERT INTO reports (interview_id, text)"
	" SELECT id, report FROM v2_interviews WHERE report IS NOT NULL ORDER BY id;";
static const char migrate_v3_finish[] =
	"DROP TABLE v2_followups;"
	"DROP TABLE v2_categories;"
	"DROP TABLE v2_questions;"
	"DROP TABLE v2_interviews;"
	"CREATE INDEX interviews_updated ON interviews(updated DESC, id DESC);"
	"CREATE INDEX interviews_closed ON interviews(closed, updated DESC, id DESC);"
	"CREATE INDEX interviews_day ON interviews(day, id);";

static int migrate_v3_forms(store *st);

/* Version 3 -> 4 (issue 10): versions for optimistic saves and the claims
 * of screens.  Only columns with a constant default and new tables: no
 * row is rewritten, every text stays where it is.  details_version comes
 * after return_conditions (ALTER TABLE can only append); no list or
 * summary reads it, only loading and saving one interview. */
static const char migrate_v4[] =
	"ALTER TABLE interviews ADD COLUMN details_version INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE questions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE note_versions ("
	" interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,"
	" slot INTEGER NOT NULL,"
	" version INTEGER NOT NULL,"
	" PRIMARY KEY (interview_id, slot)"
	") WITHOUT ROWID;"
	"CREATE TABLE claims ("
	" interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,"
	" token TEXT NOT NULL,"
	" host TEXT NOT NULL DEFAULT '',"
	" pid INTEGER NOT NULL DEFAULT 0,"
	" user TEXT NOT NULL DEFAULT '',"
	" started INTEGER NOT NULL DEFAULT 0,"
	" heartbeat INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (interview_id, token)"
	") WITHOUT ROWID;";

/* Version 4 -> 5 (issue 12): a template's question may be private (its
 * notes and rating stay out of the manager's report).  One column with a
 * constant default: no row is rewritten.  Only a private question's row
 * sets it (S_FORM_SET_PRIVATE), so the forms code of the earlier
 * migrations never names it. */
static const char migrate_v5[] =
	"ALTER TABLE form_questions ADD COLUMN private INTEGER NOT NULL DEFAULT 0;";

/* migrations[v] brings a database from version v to v + 1: its steps (SQL
 * or a function) run in order, up to the first empty one. */
static const struct mstep {
	const char *sql;
	int (*fn)(store *st);
} migrations[SCHEMA_VERSION][5] = {
	{ { migrate_v1, NULL } },
	{ { migrate_v2, NULL } },
	{ { migrate_v3_tables, NULL }, { migrate_v3_copy, NULL }, { NULL, migrate_v3_forms },
	  { migrate_v3_finish, NULL } },
	{ { migrate_v4, NULL } },
	{ { migrate_v5, NULL } },
};

/* How many of the tables of schema 1 and 2, and of schema 3, the file has. */
static const char our_tables_sql[] =
	"SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
	" AND name IN ('interviews', 'questions', 'followups', 'categories')";
#define OUR_TABLES 4
static const char our_v3_tables_sql[] =
	"SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
	" AND name IN ('interviews', 'questions', 'notes', 'reports', 'forms',"
	" 'form_questions', 'form_followups', 'form_categories')";
#define OUR_V3_TABLES 8
static const char our_v4_tables_sql[] =
	"SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
	" AND name IN ('note_versions', 'claims')";
#define OUR_V4_TABLES 2

/* Follow-ups "asked" are the bits of an integer (the template limit,
 * TPL_MAX_FOLLOWUPS, is far below). */
#define MAX_FOLLOWUPS 63

/* ---- interview columns: one list for INSERT and SELECT ---- */

enum ckind { C_STR, C_INT, C_BOOL, C_I64 };

/* The interview's own columns; observations and actions live in `notes`. */
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
	{ C_STR, offsetof(interview, scale[0]) },
	{ C_STR, offsetof(interview, scale[1]) },
	{ C_STR, offsetof(interview, scale[2]) },
	{ C_STR, offsetof(interview, scale[3]) },
	{ C_STR, offsetof(interview, scale[4]) },
	{ C_I64, offsetof(interview, elapsed) },
	{ C_I64, offsetof(interview, created) },            /* ?26 */
	{ C_I64, offsetof(interview, updated) },
	{ C_BOOL, offsetof(interview, closed) },
	{ C_I64, offsetof(interview, closed_at) },
	{ C_I64, offsetof(interview, reopened_at) },
	{ C_INT, offsetof(interview, cur_slot) },
	{ C_I64, offsetof(interview, cur_offset) },         /* ?32 */
};

#define IV_COLS \
	"employee, role, department, manager, interviewer, start_date, last_day," \
	" interview_date, template_name, template_title, language, separation," \
	" reason_primary, reason_secondary, reason_assessed, regrettable, rehire," \
	" would_return, return_conditions, scale1, scale2, scale3, scale4, scale5," \
	" elapsed, created, updated, closed, closed_at, reopened_at, cur_slot, cur_offset"

#define DAY_OF(date, created) \
	"CASE WHEN " date " <> '' THEN " date \
	" ELSE date(" created ", 'unixepoch', 'localtime') END"

#define LIST_WHERE \
	" WHERE (?1 < 0 OR closed = ?1) AND (?2 IS NULL" \
	" OR instr(lower(employee), ?2) > 0 OR instr(lower(role), ?2) > 0" \
	" OR instr(lower(department), ?2) > 0 OR instr(CAST(id AS TEXT), ?2) > 0)"

#define RANGE_WHERE " WHERE i.day >= ?1 AND i.day <= ?2"

/* ---- prepared statements, made once per connection ---- */

enum sid {
	S_INSERT, S_INS_Q,
	S_FORM_FIND, S_FORM_ADD, S_FORM_ADD_Q, S_FORM_SET_PRIVATE, S_FORM_ADD_F, S_FORM_ADD_C,
	S_FORM_Q, S_FORM_F, S_FORM_C,
	S_LOAD_IV, S_LOAD_Q, S_LOAD_N, S_LOAD_NV,
	S_STATE, S_DETAILS, S_TOUCH, S_HAS_NOTES, S_SET_NOTE, S_DEL_NOTE, S_RECOUNT,
	S_GET_NOTE, S_NOTE_VER, S_BUMP_NOTE, S_ANSWER_GET,
	S_ANSWER, S_POSITION, S_CLOSE, S_SET_REPORT, S_DEL_REPORT, S_REOPEN,
	S_REPORT, S_LIST, S_COUNT, S_COUNT_ALL, S_COUNT_STATE,
	S_EACH_IV, S_EACH_Q, S_EACH_N,
	S_CLAIMS, S_CLAIM_SET, S_CLAIM_DEL,
	S_PICK, S_PICK_IV,
	S_COUNT_
};

static const char *const sql_text[S_COUNT_] = {
	[S_INSERT] = "INSERT INTO interviews (" IV_COLS ", day, nquestions, form) VALUES (?1, ?2,"
		" ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
		" ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, "
		DAY_OF("?8", "?26") ", ?33, ?34)",
	[S_INS_Q] = "INSERT INTO questions (interview_id, idx, rating, skipped, asked, has_notes)"
		" VALUES (?1, ?2, ?3, ?4, ?5, " HAS_TEXT("?6") ")",
	[S_FORM_FIND] = "SELECT id FROM forms WHERE key = ?1",
	[S_FORM_ADD] = "INSERT INTO forms (key) VALUES (?1)",
	[S_FORM_ADD_Q] = "INSERT INTO form_questions (form, idx, title, prompt, hint)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_FORM_SET_PRIVATE] = "UPDATE form_questions SET private = 1 WHERE form = ?1 AND idx = ?2",
	[S_FORM_ADD_F] = "INSERT INTO form_followups (form, q_idx, idx, text)"
		" VALUES (?1, ?2, ?3, ?4)",
	[S_FORM_ADD_C] = "INSERT INTO form_categories (form, idx, key, label)"
		" VALUES (?1, ?2, ?3, ?4)",
	[S_FORM_Q] = "SELECT idx, title, prompt, hint, private FROM form_questions"
		" WHERE form = ?1 ORDER BY idx",
	[S_FORM_F] = "SELECT q_idx, idx, text FROM form_followups"
		" WHERE form = ?1 ORDER BY q_idx, idx",
	[S_FORM_C] = "SELECT idx, key, label FROM form_categories"
		" WHERE form = ?1 ORDER BY idx",
	[S_LOAD_IV] = "SELECT id, " IV_COLS ", form, details_version FROM interviews WHERE id = ?1",
	[S_LOAD_Q] = "SELECT interview_id, idx, rating, skipped, asked, version FROM questions"
		" WHERE interview_id = ?1 ORDER BY idx",
	[S_LOAD_N] = "SELECT interview_id, slot, text FROM notes"
		" WHERE interview_id = ?1 ORDER BY slot",
	[S_LOAD_NV] = "SELECT slot, version FROM note_versions WHERE interview_id = ?1",
	[S_STATE] = "SELECT closed FROM interviews WHERE id = ?1",
	[S_DETAILS] = "UPDATE interviews SET employee = ?2, role = ?3, department = ?4,"
		" manager = ?5, interviewer = ?6, start_date = ?7, last_day = ?8,"
		" interview_date = ?9, separation = ?10, reason_primary = ?11,"
		" reason_secondary = ?12, reason_assessed = ?13, regrettable = ?14,"
		" rehire = ?15, would_return = ?16, return_conditions = ?17, updated = ?18,"
		" day = " DAY_OF("?9", "created") ", details_version = details_version + 1"
		" WHERE id = ?1 AND closed = 0 AND details_version = ?19",
	[S_TOUCH] = "UPDATE interviews SET updated = ?2 WHERE id = ?1 AND closed = 0",
	[S_HAS_NOTES] = "UPDATE questions SET has_notes = " HAS_TEXT("?3")
		" WHERE interview_id = ?1 AND idx = ?2",
	[S_SET_NOTE] = "INSERT INTO notes (interview_id, slot, text) VALUES (?1, ?2, ?3)"
		" ON CONFLICT (interview_id, slot) DO UPDATE SET text = excluded.text",
	[S_DEL_NOTE] = "DELETE FROM notes WHERE interview_id = ?1 AND slot = ?2",
	[S_GET_NOTE] = "SELECT text FROM notes WHERE interview_id = ?1 AND slot = ?2",
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
	[S_RECOUNT] = "UPDATE interviews SET answered = (SELECT count(*) FROM questions q"
		" WHERE q.interview_id = ?1 AND (q.has_notes OR q.rating > 0)) WHERE id = ?1",
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
	[S_COUNT] = "SELECT count(*) FROM interviews" LIST_WHERE,
	/* without a text filter: counts over the small (closed, ...) index,
	 * where S_COUNT's optional parameters would scan the table */
	[S_COUNT_ALL] = "SELECT count(*) FROM interviews",
	[S_COUNT_STATE] = "SELECT count(*) FROM interviews WHERE closed = ?1",
	[S_EACH_IV] = "SELECT id, " IV_COLS ", form FROM interviews i" RANGE_WHERE
		" ORDER BY i.day, i.id",
	[S_EACH_Q] = "SELECT q.interview_id, q.idx, q.rating, q.skipped, q.asked"
		" FROM interviews i JOIN questions q ON q.interview_id = i.id" RANGE_WHERE
		" ORDER BY i.day, i.id, q.idx",
	[S_EACH_N] = "SELECT n.interview_id, n.slot, n.text"
		" FROM interviews i JOIN notes n ON n.interview_id = i.id" RANGE_WHERE
		" ORDER BY i.day, i.id, n.slot",
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
	[S_PICK_IV] = "SELECT id, " IV_COLS ", form FROM interviews i" RANGE_WHERE
		" AND i.id = ?3",
};

/* The column of `form` in S_LOAD_IV and S_EACH_IV rows; the parameters
 * of nquestions and form in S_INSERT. */
#define FORM_COL ((int)EV_ARRAY_LEN(iv_cols) + 1)
#define DVER_COL (FORM_COL + 1)          /* details_version in S_LOAD_IV */
#define INS_NQUESTIONS ((int)EV_ARRAY_LEN(iv_cols) + 1)
#define INS_FORM ((int)EV_ARRAY_LEN(iv_cols) + 2)

struct store {
	sqlite3 *db;
	char *path;
	enum store_mode mode;
	int rc;                          /* SQLite code of the last failure */
	sqlite3_stmt *stmt[S_COUNT_];
	char *legacy_each_n;             /* S_EACH_N on a file of schema 1 or 2 */
	int64_t now;                     /* the claims' clock (store_set_now); 0: time() */
	char *token;                     /* this handle's claims, made at the first */
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
static void sqlite_setup(void)
{
	static once_flag once = ONCE_FLAG_INIT;
	call_once(&once, sqlite_setup_once);
}

/* Record a failure of SQLite result rc in words that name the file. */
static int fail_rc(store *st, int rc, const char *what)
{
	st->rc = rc;
	char buf[256];
	const char *msg = one_line(st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc),
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
	const char *sql = id == S_EACH_N && st->legacy_each_n ? st->legacy_each_n : sql_text[id];
	int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
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
 * whole transaction is rolled back and tried again a few times (fn may
 * run more than once).  fn returns 0 to commit, -1 on error, or a positive
 * value (a conflict: nothing to write) that rolls back and is returned. */
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
		if (rc > 0)
			return rc;
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

/* Create the missing database file 0600 (its directory 0700).  Returns 0,
 * 1 if someone else created it meanwhile, -1 on error. */
static int create_file(const char *path)
{
	char *dir = fs_dirname(path);
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

/* The directory of the database: SQLite creates the rollback journal there
 * and rolls back any hot journal it finds there into the database, so a
 * directory others can write (or whose owner is someone else; root aside,
 * who can do anything anyway) lets them rewrite every interview.  Refused
 * unless the database is declared shared.  A missing directory is fine: it
 * is created 0700.  0 or -1. */
static int check_dir(const char *path, bool allow_shared)
{
	if (allow_shared)
		return 0;
	char *dir = fs_dirname(path);
	struct stat sb;
	int rc = 0;
	if (stat(dir, &sb) != 0) {
		if (errno != ENOENT)
			rc = ev_seterr("cannot open %s: %s: %s", path, dir, strerror(errno));
	} else if (!S_ISDIR(sb.st_mode)) {
		rc = ev_seterr("cannot open %s: %s is not a directory", path, dir);
	} else if (sb.st_mode & 022) {
		rc = ev_seterr("%s is in %s, a directory other users can write (a journal "
			       "they put there would be rolled into the database); move it to "
			       "a private directory, or set shared_database = yes in the config",
			       path, dir);
	} else if (sb.st_uid != geteuid() && sb.st_uid != 0) {
		rc = ev_seterr("%s is in %s, a directory that belongs to another user; move it "
			       "to a private directory, or set shared_database = yes in the config",
			       path, dir);
	}
	free(dir);
	return rc;
}

/* The files SQLite keeps beside the database (the rollback journal, and a
 * WAL and its index should one exist) are read into the database when
 * found.  One that is a symbolic link, not a regular file, writable by
 * other users or not the user's own (shared: not the user's, the
 * database owner's or of the database's group, or writable by everyone)
 * was not left by exitview: refused, naming it.  0 or -1. */
static int check_sidecars(const char *path, const struct stat *db, bool allow_shared)
{
	static const char *const suffix[] = { "-journal", "-wal", "-shm" };
	for (size_t i = 0; i < EV_ARRAY_LEN(suffix); i++) {
		char *side = xasprintf("%s%s", path, suffix[i]);
		struct stat sb;
		const char *why = NULL;
		int rc = 0;
		if (lstat(side, &sb) != 0) {
			if (errno != ENOENT)
				rc = ev_seterr("cannot open %s: %s: %s", path, side, strerror(errno));
		} else if (S_ISLNK(sb.st_mode)) {
			why = "is a symbolic link";
		} else if (!S_ISREG(sb.st_mode)) {
			why = "is not a regular file";
		} else if (!allow_shared && (sb.st_mode & 022)) {
			why = "is writable by other users";
		} else if (allow_shared && (sb.st_mode & 002)) {
			why = "is writable by everyone";
		} else if (!allow_shared && sb.st_uid != geteuid()) {
			why = "belongs to another user";
		} else if (allow_shared && sb.st_uid != geteuid() && sb.st_uid != db->st_uid &&
			   sb.st_gid != db->st_gid) {
			why = "belongs to a user and group other than the database's";
		}
		if (why)
			rc = ev_seterr("refusing to open %s: %s beside it %s, and SQLite would "
				       "read it into the database (check it, then remove it or fix "
				       "its owner and mode)", path, side, why);
		free(side);
		if (rc != 0)
			return -1;
	}
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
	if (check_dir(path, allow_shared) != 0 || check_sidecars(path, sb, allow_shared) != 0)
		return -1;
	if (access(path, R_OK) != 0)
		return ev_seterr("cannot read %s: %s", path, strerror(errno));
	if (mode != STORE_READ) {
		if (access(path, W_OK) != 0)
			return ev_seterr("%s is read-only", path);
		/* the rollback journal is created beside the file */
		char *dir = fs_dirname(path);
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
	int64_t app, version, ours, ours_v3, ours_v4, tables;
};

static int read_info(store *st, struct dbinfo *di)
{
	if (query_int(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
		      " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", &di->tables,
		      "reading the schema") != 0 ||
	    query_int(st, our_tables_sql, &di->ours, "reading the schema") != 0 ||
	    query_int(st, our_v3_tables_sql, &di->ours_v3, "reading the schema") != 0 ||
	    query_int(st, our_v4_tables_sql, &di->ours_v4, "reading the schema") != 0 ||
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
	if (di->version < 1 || (di->version < 3 ? di->ours != OUR_TABLES
					     : di->ours_v3 != OUR_V3_TABLES) ||
	    (di->version >= 4 && di->ours_v4 != OUR_V4_TABLES))
		return ev_seterr("%s is damaged (exitview's tables are missing)", st->path);
	return 0;
}

/* Triggers and views exitview makes in the file itself (the views of a
 * file of schema 1 or 2 are TEMP views of one connection, not in it). */
static const char *const our_objects[] = { NULL };

/* A name from the file, for a message: printable ASCII, at most 64 bytes,
 * anything else as '?' (the name is someone else's text). */
static void plain_name(const unsigned char *name, char *out, size_t size)
{
	size_t n = 0;
	for (const unsigned char *p = name ? name : (const unsigned char *)""; *p; p++) {
		if (n + 4 >= size || n >= 64) {
			memcpy(out + n, "...", 3);
			n += 3;
			break;
		}
		out[n++] = *p >= 0x20 && *p < 0x7f ? (char)*p : '?';
	}
	out[n] = '\0';
}

/* A trigger runs on every write (one that copies old notes elsewhere
 * defeats secure_delete), a view can stand in for what we read: refuse a
 * file holding one exitview did not create, naming it.  Reads only. */
static int check_objects(store *st)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, "SELECT type, name FROM main.sqlite_schema"
				    " WHERE type IN ('trigger', 'view') ORDER BY rowid", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return fail_rc(st, sqlite3_extended_errcode(st->db), "reading the schema");
	int ret = 0;
	while (ret == 0 && (rc = step(st, s, "reading the schema")) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(s, 0);
		const char *name = (const char *)sqlite3_column_text(s, 1);
		bool ours = false;
		for (const char *const *o = our_objects; *o && name; o++)
			ours = ours || strcmp(*o, name) == 0;
		if (ours)
			continue;
		char shown[80];
		plain_name((const unsigned char *)name, shown, sizeof shown);
		ret = ev_seterr("%s has a %s '%s' that exitview did not create: refusing to open",
				st->path, type && strcmp(type, "view") == 0 ? "view" : "trigger", shown);
	}
	sqlite3_finalize(s);
	return ret != 0 || rc < 0 ? -1 : 0;
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
	if (read_info(st, &di) != 0 || judge(st, &di, &fresh) != 0 || check_objects(st) != 0)
		return -1;
	int64_t from = fresh ? 0 : di.version;
	for (int64_t v = from; v < SCHEMA_VERSION; v++) {
		char what[64];
		snprintf(what, sizeof what, "upgrading the schema to version %lld", (long long)v + 1);
		for (const struct mstep *m = migrations[v]; m->sql || m->fn; m++)
			if (m->sql ? exec(st, m->sql, what) != 0 : m->fn(st) != 0)
				return -1;
	}
	if (from < SCHEMA_VERSION)
		return set_version(st);
	return 0;
}

/* Files before schema 4 have no versions: every version reads as 0 (what
 * the migration gives them). */
#define NO_NOTE_VERSIONS \
	"CREATE TEMP VIEW note_versions AS SELECT 0 AS interview_id, 0 AS slot, 0 AS version" \
	" WHERE 0;"

/* A read-only connection to a file of schema 1 to 4 reads it where it
 * is, never writing it: temporary views (in this connection only) present
 * the old tables as the current ones, so every reading query works
 * unchanged.  On schema 1 and 2 each interview is its own form (form = its
 * ID).  Slower than the current layout, but nothing is copied: the first
 * write-mode open (the start screen, any command that changes something)
 * migrates the file for good.  (Copying a 200 MB file into memory to
 * migrate it there took 5 s and 600 MB.) */
static const char legacy_views[] =
	"CREATE TEMP VIEW form_questions AS SELECT interview_id AS form, idx, title, prompt, hint,"
	" 0 AS private FROM main.questions;"
	"CREATE TEMP VIEW form_followups AS SELECT interview_id AS form, q_idx, idx, text"
	" FROM main.followups;"
	"CREATE TEMP VIEW form_categories AS SELECT interview_id AS form, idx, key, label"
	" FROM main.categories;"
	"CREATE TEMP VIEW questions AS SELECT interview_id, idx, rating, skipped,"
	" (SELECT coalesce(sum(1 << f.idx), 0) FROM main.followups f"
	"  WHERE f.interview_id = q.interview_id AND f.q_idx = q.idx AND f.asked"
	"  AND f.idx BETWEEN 0 AND 62) AS asked,"
	" " HAS_TEXT("notes") " AS has_notes, 0 AS version FROM main.questions q;"
	"CREATE TEMP VIEW notes AS"
	" SELECT id AS interview_id, -2 AS slot, actions AS text FROM main.interviews"
	" WHERE actions <> ''"
	" UNION ALL SELECT id, -1, observations FROM main.interviews WHERE observations <> ''"
	" UNION ALL SELECT interview_id, idx, notes FROM main.questions WHERE notes <> '';"
	NO_NOTE_VERSIONS;

/* The interviews view; the columns schema 1 lacks get their defaults (and
 * the day its definition) as migrate_v2 gives them. */
static const char legacy_interviews[] =
	"CREATE TEMP VIEW interviews AS SELECT id, closed, updated, created, id AS form,"
	" (SELECT count(*) FROM main.questions q WHERE q.interview_id = o.id) AS nquestions,"
	" (SELECT count(*) FROM main.questions q WHERE q.interview_id = o.id"
	"  AND (" HAS_TEXT("q.notes") " OR q.rating > 0)) AS answered,"
	" %s AS day, interview_date, last_day, employee, role, department, interviewer,"
	" template_name, manager, start_date, separation, reason_primary, reason_secondary,"
	" reason_assessed, regrettable, rehire, would_return, elapsed, closed_at,"
	" %s AS reopened_at, %s AS cur_slot, %s AS cur_offset, language, template_title,"
	" scale1, scale2, scale3, scale4, scale5, return_conditions, 0 AS details_version"
	" FROM main.interviews o;"
	"CREATE TEMP VIEW reports AS SELECT id AS interview_id, %s AS text FROM main.interviews"
	" WHERE %s IS NOT NULL;";

/* The notes of a range of interviews on the old layout: three streams,
 * each in (day, id, slot) order, which SQLite merges (a join with the notes
 * view would first gather every note ever typed in a temporary table). */
static const char legacy_each_n[] =
	"SELECT i.id, -2, i.actions, %s FROM main.interviews i"
	" WHERE %s >= ?1 AND %s <= ?2 AND i.actions <> ''"
	" UNION ALL SELECT i.id, -1, i.observations, %s FROM main.interviews i"
	" WHERE %s >= ?1 AND %s <= ?2 AND i.observations <> ''"
	" UNION ALL SELECT q.interview_id, q.idx, q.notes, %s FROM main.interviews i"
	" JOIN main.questions q ON q.interview_id = i.id"
	" WHERE %s >= ?1 AND %s <= ?2 AND q.notes <> ''"
	" ORDER BY 4, 1, 2";

/* Schema 3 has today's tables without the versions. */
static const char legacy_v3_views[] =
	"CREATE TEMP VIEW interviews AS SELECT *, 0 AS details_version FROM main.interviews;"
	"CREATE TEMP VIEW questions AS SELECT *, 0 AS version FROM main.questions;"
	NO_NOTE_VERSIONS;
/* Files of schema 3 and 4 have no private questions. */
static const char legacy_v4_views[] =
	"CREATE TEMP VIEW form_questions AS SELECT *, 0 AS private FROM main.form_questions;";

static int read_legacy(store *st, int64_t version)
{
	if (version == 3 || version == 4) {
		if (exec(st, "PRAGMA query_only = 0; PRAGMA temp_store = MEMORY", "opening") != 0 ||
		    (version == 3 && exec(st, legacy_v3_views, "reading an older database") != 0) ||
		    exec(st, legacy_v4_views, "reading an older database") != 0)
			return -1;
		return exec(st, "PRAGMA query_only = 1", "opening");
	}
	bool v1 = version < 2;
	char sql[2048];
	snprintf(sql, sizeof sql, legacy_interviews,
		 v1 ? DAY_OF("interview_date", "created") : "day",
		 v1 ? "0" : "reopened_at", v1 ? "0" : "cur_slot", v1 ? "0" : "cur_offset",
		 v1 ? "NULL" : "report", v1 ? "NULL" : "report");
	const char *d = v1 ? DAY_OF("i.interview_date", "i.created") : "i.day";
	st->legacy_each_n = xasprintf(legacy_each_n, d, d, d, d, d, d, d, d, d);
	/* the views live in the connection's temporary schema: no file */
	if (exec(st, "PRAGMA query_only = 0; PRAGMA temp_store = MEMORY", "opening") != 0 ||
	    exec(st, legacy_views, "reading an older database") != 0 ||
	    exec(st, sql, "reading an older database") != 0)
		return -1;
	return exec(st, "PRAGMA query_only = 1", "opening");
}

static store *open_checked(const char *path, const struct stat *lsb, enum store_mode mode,
			   bool allow_shared);

store *store_open(const char *path, enum store_mode mode, bool allow_shared)
{
	sqlite_setup();
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
		if (check_dir(path, allow_shared) != 0)
			return NULL;
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

/* Whether a reader should open path read-write: a journal is beside it
 * (checked by check_sidecars) and the user may write the file and its
 * directory.  A hot journal, left by a writer that was killed, must be
 * rolled back before anyone can read the file, and a read-only connection
 * cannot do it ("read-only" until some writer came along).  Rolling it
 * back restores what the last committed transaction left, which is what
 * the next writer would do; the connection is still query_only, so the
 * reader writes nothing else. */
static bool may_roll_back(const char *path)
{
	char *journal = xasprintf("%s-journal", path);
	struct stat sb;
	bool present = lstat(journal, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
	free(journal);
	if (!present || access(path, W_OK) != 0)
		return false;
	char *dir = fs_dirname(path);
	bool ok = access(dir, W_OK | X_OK) == 0;
	free(dir);
	return ok;
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
	int flags = (mode == STORE_READ && !may_roll_back(path) ? SQLITE_OPEN_READONLY
							       : SQLITE_OPEN_READWRITE) |
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
	if (read_info(st, &di) != 0 || judge(st, &di, &fresh) != 0 || check_objects(st) != 0 ||
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
		if (di.version < SCHEMA_VERSION && read_legacy(st, di.version) != 0) {
			store_close(st);
			return NULL;
		}
		return st;
	}
	/* Validated: now the connection settings and, if needed, the schema.
	 * Foreign keys are enforced only after the migrations, which rebuild
	 * tables (PRAGMA foreign_keys is a no-op inside a transaction).
	 * The page cache of a writing connection (the screen's) is kept small:
	 * SQLite's default lets it grow to 2 MB while a large note is read or
	 * saved, and the screen keeps that for as long as it runs (issue 6:
	 * the screen with a 1 MB note stays under 8 MB).  The hot b-tree pages
	 * fit in it, and a save of a large note spills to the file instead. */
	if (exec(st, "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL;"
		 " PRAGMA journal_mode = DELETE; PRAGMA cache_size = " WRITE_CACHE_KIB,
		 "setting up the connection") != 0 ||
	    ((fresh || di.version < SCHEMA_VERSION) && write_tx(st, migrate_tx, NULL) != 0) ||
	    exec(st, "PRAGMA foreign_keys = ON", "setting up the connection") != 0) {
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
	free(st->legacy_each_n);
	free(st->token);
	free(st);
}

const char *store_path(const store *st)
{
	return st ? st->path : "";
}

/* ---- interview rows ---- */

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

/* Fill iv's own columns from a row "id, IV_COLS".  A string equal to the
 * one iv already has is kept (store_foreach reuses one interview). */
static void read_iv(sqlite3_stmt *s, interview *iv)
{
	char *base = (char *)iv;
	iv->id = sqlite3_column_int64(s, 0);
	for (size_t i = 0; i < EV_ARRAY_LEN(iv_cols); i++) {
		void *p = base + iv_cols[i].off;
		int at = (int)i + 1;
		switch (iv_cols[i].kind) {
		case C_STR: {
			const unsigned char *t = sqlite3_column_text(s, at);
			const char *v = t ? (const char *)t : "";
			char **dst = p;
			if (strcmp(*dst, v) != 0) {
				free(*dst);
				*dst = xstrdup(v);
			}
			break;
		}
		case C_INT: *(int *)p = sqlite3_column_int(s, at); break;
		case C_BOOL: *(bool *)p = sqlite3_column_int(s, at) != 0; break;
		case C_I64: *(int64_t *)p = sqlite3_column_int64(s, at); break;
		}
	}
}

static int check_copy(const interview *iv)
{
	for (int i = 0; i < iv->nquestions; i++) {
		if (iv->q[i].rating < 0 || iv->q[i].rating > TPL_SCALE)
			return ev_seterr("rating %d of question %d is out of range (0-%d)",
					 iv->q[i].rating, i + 1, TPL_SCALE);
		if (iv->q[i].nfollowups > MAX_FOLLOWUPS)
			return ev_seterr("question %d has %d follow-ups (at most %d)",
					 i + 1, iv->q[i].nfollowups, MAX_FOLLOWUPS);
	}
	return 0;
}

/* The asked flags of q as the bits of questions.asked. */
static int64_t asked_mask(const iv_question *q)
{
	int64_t mask = 0;
	for (int j = 0; j < q->nfollowups && j < MAX_FOLLOWUPS; j++)
		if (q->asked && q->asked[j])
			mask |= (int64_t)1 << j;
	return mask;
}

/* Store the text of a notes slot: a row in `notes`, none when empty. */
static int set_note(store *st, int64_t id, int slot, const char *text)
{
	bool empty = str_empty(text);
	sqlite3_stmt *s = stmt_get(st, empty ? S_DEL_NOTE : S_SET_NOTE);
	if (!s)
		return -1;
	bind_i64(s, 1, id);
	bind_i64(s, 2, slot);
	if (!empty)
		bind_str(s, 3, text);
	return run(st, s, "saving notes");
}

/* Bring interviews.answered up to date after its questions changed. */
static int recount(store *st, int64_t id)
{
	sqlite3_stmt *s = stmt_get(st, S_RECOUNT);
	if (!s)
		return -1;
	bind_i64(s, 1, id);
	return run(st, s, "counting answers");
}

/* ---- forms: the template text copied into interviews, stored once ---- */

static void key_str(strbuf *sb, const char *v)
{
	const char *t = v ? v : "";
	sb_printf(sb, "%zu:", strlen(t));
	sb_puts(sb, t);
}

/* The private questions' numbers ("P1,4\n"), nothing when none is: the key
 * of a form without one stays what it was before schema 5. */
static void form_key_private(const interview *iv, strbuf *sb)
{
	const char *sep = "P";
	for (int i = 0; i < iv->nquestions; i++) {
		if (iv->q[i].private) {
			sb_printf(sb, "%s%d", sep, i + 1);
			sep = ",";
		}
	}
	if (*sep == ',')
		sb_putc(sb, '\n');
}

/* Everything an interview copied from its template besides the name, title,
 * language and scale (kept in the interview's row): the questions with
 * their follow-ups, and the categories; each string length-prefixed, so
 * two copies have the same key exactly when they are the same text. */
static void form_key(const interview *iv, strbuf *sb)
{
	sb_printf(sb, "exitview form 1\nQ%d\n", iv->nquestions);
	for (int i = 0; i < iv->nquestions; i++) {
		const iv_question *q = &iv->q[i];
		key_str(sb, q->title);
		key_str(sb, q->prompt);
		key_str(sb, q->hint);
		sb_printf(sb, "F%d\n", q->nfollowups);
		for (int j = 0; j < q->nfollowups; j++)
			key_str(sb, q->followups[j]);
	}
	form_key_private(iv, sb);
	sb_printf(sb, "C%d\n", iv->ncategories);
	for (int i = 0; i < iv->ncategories; i++) {
		key_str(sb, iv->categories[i].key);
		key_str(sb, iv->categories[i].label);
	}
}

/* Mark question idx of form id private. */
static int form_set_private(store *st, int64_t id, int idx)
{
	sqlite3_stmt *s = stmt_get(st, S_FORM_SET_PRIVATE);
	if (!s)
		return -1;
	bind_i64(s, 1, id);
	bind_i64(s, 2, idx);
	return run(st, s, "saving the template");
}

/* The form holding iv's template text, added if new; its ID or -1.
 * Within the caller's write transaction. */
static int64_t form_get(store *st, const interview *iv)
{
	strbuf key = STRBUF_INIT;
	form_key(iv, &key);
	int64_t id = -1;
	bool added = false;
	sqlite3_stmt *s = stmt_get(st, S_FORM_FIND);
	if (s) {
		sqlite3_bind_blob(s, 1, key.s, (int)key.len, SQLITE_STATIC);
		int rc = step(st, s, "looking up the template");
		if (rc == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (rc == SQLITE_DONE && (s = stmt_get(st, S_FORM_ADD))) {
			sqlite3_bind_blob(s, 1, key.s, (int)key.len, SQLITE_STATIC);
			if (run(st, s, "saving the template") == 0) {
				id = sqlite3_last_insert_rowid(st->db);
				added = true;
			}
		}
	}
	sb_free(&key);
	if (!added)
		return id;
	/* a new form: its rows */
	for (int i = 0; i < iv->nquestions; i++) {
		const iv_question *q = &iv->q[i];
		if (!(s = stmt_get(st, S_FORM_ADD_Q)))
			return -1;
		bind_i64(s, 1, id);
		bind_i64(s, 2, i);
		bind_str(s, 3, q->title);
		bind_str(s, 4, q->prompt);
		bind_str(s, 5, q->hint);
		if (run(st, s, "saving the template") != 0 ||
		    (q->private && form_set_private(st, id, i) != 0))
			return -1;
		for (int j = 0; j < q->nfollowups; j++) {
			if (!(s = stmt_get(st, S_FORM_ADD_F)))
				return -1;
			bind_i64(s, 1, id);
			bind_i64(s, 2, i);
			bind_i64(s, 3, j);
			bind_str(s, 4, q->followups[j]);
			if (run(st, s, "saving the template") != 0)
				return -1;
		}
	}
	for (int i = 0; i < iv->ncategories; i++) {
		if (!(s = stmt_get(st, S_FORM_ADD_C)))
			return -1;
		bind_i64(s, 1, id);
		bind_i64(s, 2, i);
		bind_str(s, 3, iv->categories[i].key);
		bind_str(s, 4, iv->categories[i].label);
		if (run(st, s, "saving the template") != 0)
			return -1;
	}
	return id;
}

/* Form id as an interview holding only the template text (questions with
 * empty notes and no asked flags, categories); NULL on error. */
static interview *form_load(store *st, int64_t id)
{
	interview *f = interview_blank();
	sqlite3_stmt *s = stmt_get(st, S_FORM_Q);
	int rc = -1, cap = 0;
	if (s) {
		bind_i64(s, 1, id);
		while ((rc = step(st, s, "reading the template")) == SQLITE_ROW) {
			if (f->nquestions == cap) {
				cap = cap ? cap * 2 : 16;
				f->q = xrealloc(f->q, (size_t)cap * sizeof *f->q);
			}
			iv_question *q = &f->q[f->nquestions++];
			memset(q, 0, sizeof *q);
			q->title = col_str(s, 1);
			q->prompt = col_str(s, 2);
			q->hint = col_str(s, 3);
			q->private = sqlite3_column_int(s, 4) != 0;
			q->notes = xstrdup("");
		}
		sqlite3_reset(s);
	}
	if (rc == SQLITE_DONE && (s = stmt_get(st, S_FORM_F))) {
		bind_i64(s, 1, id);
		while ((rc = step(st, s, "reading the template")) == SQLITE_ROW) {
			int64_t qi = sqlite3_column_int64(s, 0);
			if (qi < 0 || qi >= f->nquestions)
				continue;
			iv_question *q = &f->q[qi];
			q->followups = xrealloc(q->followups,
						(size_t)(q->nfollowups + 1) * sizeof *q->followups);
			q->followups[q->nfollowups++] = col_str(s, 2);
		}
		sqlite3_reset(s);
	}
	if (rc == SQLITE_DONE && (s = stmt_get(st, S_FORM_C))) {
		bind_i64(s, 1, id);
		while ((rc = step(st, s, "reading the template")) == SQLITE_ROW) {
			f->categories = xrealloc(f->categories,
						 (size_t)(f->ncategories + 1) * sizeof *f->categories);
			tpl_category *c = &f->categories[f->ncategories++];
			c->key = col_str(s, 1);
			c->label = col_str(s, 2);
		}
		sqlite3_reset(s);
	}
	if (rc != SQLITE_DONE) {
		interview_free(f);
		return NULL;
	}
	return f;
}

/* Give iv (which has no questions or categories yet) a copy of form f. */
static void form_apply(interview *iv, const interview *f)
{
	iv->nquestions = f->nquestions;
	iv->q = f->nquestions ? xcalloc((size_t)f->nquestions, sizeof *iv->q) : NULL;
	for (int i = 0; i < f->nquestions; i++) {
		const iv_question *from = &f->q[i];
		iv_question *q = &iv->q[i];
		q->title = xstrdup(from->title);
		q->prompt = xstrdup(from->prompt);
		q->hint = xstrdup(from->hint);
		q->private = from->private;
		q->notes = xstrdup("");
		q->nfollowups = from->nfollowups;
		if (from->nfollowups > 0) {
			q->followups = xmalloc((size_t)from->nfollowups * sizeof *q->followups);
			q->asked = xcalloc((size_t)from->nfollowups, sizeof *q->asked);
			for (int j = 0; j < from->nfollowups; j++)
				q->followups[j] = xstrdup(from->followups[j]);
		}
	}
	iv->ncategories = f->ncategories;
	iv->categories = f->ncategories
		? xmalloc((size_t)f->ncategories * sizeof *iv->categories) : NULL;
	for (int i = 0; i < f->ncategories; i++) {
		iv->categories[i].key = xstrdup(f->categories[i].key);
		iv->categories[i].label = xstrdup(f->categories[i].label);
	}
}

/* For store_foreach: give iv form f's text without copying it (the
 * interview is const to the callback and freed by us right after it).  Only
 * the question array, one block of asked flags and the notes are iv's own;
 * form_unlend takes the rest back before interview_free. */
static char lent_empty[1];

static void form_lend(interview *iv, const interview *f)
{
	int nf = 0;
	for (int i = 0; i < f->nquestions; i++)
		nf += f->q[i].nfollowups;
	iv->nquestions = f->nquestions;
	iv->q = f->nquestions ? xmalloc((size_t)f->nquestions * sizeof *iv->q) : NULL;
	bool *asked = nf ? xcalloc((size_t)nf, sizeof *asked) : NULL;
	for (int i = 0; i < f->nquestions; i++) {
		iv->q[i] = f->q[i];
		iv->q[i].notes = lent_empty;
		iv->q[i].asked = asked;
		asked += f->q[i].nfollowups;
	}
	iv->categories = f->categories;
	iv->ncategories = f->ncategories;
}

static void form_unlend(interview *iv)
{
	if (iv->nquestions > 0)
		free(iv->q[0].asked);   /* the start of the one block */
	for (int i = 0; i < iv->nquestions; i++)
		if (iv->q[i].notes != lent_empty)
			free(iv->q[i].notes);
	free(iv->q);
	iv->q = NULL;
	iv->nquestions = 0;
	iv->categories = NULL;
	iv->ncategories = 0;
}

/* A few forms read during one call (a database rarely has more than a
 * handful of template versions); the oldest entry makes room. */
#define FORM_CACHE 8

typedef struct form_cache {
	int64_t id[FORM_CACHE];
	interview *form[FORM_CACHE];
	int next;
} form_cache;

static const interview *form_cached(store *st, form_cache *fc, int64_t id)
{
	for (int i = 0; i < FORM_CACHE; i++)
		if (fc->form[i] && fc->id[i] == id)
			return fc->form[i];
	interview *f = form_load(st, id);
	if (!f)
		return NULL;
	int at = fc->next;
	fc->next = (fc->next + 1) % FORM_CACHE;
	interview_free(fc->form[at]);
	fc->form[at] = f;
	fc->id[at] = id;
	return f;
}

static void form_cache_free(form_cache *fc)
{
	for (int i = 0; i < FORM_CACHE; i++)
		interview_free(fc->form[i]);
}

/* ---- creating ---- */

struct create_arg {
	interview *iv;
	int64_t now;
};

static int create_tx(store *st, void *arg)
{
	struct create_arg *a = arg;
	interview *iv = a->iv;
	int64_t form = form_get(st, iv);
	if (form < 0)
		return -1;
	int64_t created = iv->created, updated = iv->updated;
	iv->created = iv->updated = a->now;
	sqlite3_stmt *s = stmt_get(st, S_INSERT);
	if (s) {
		bind_iv(s, iv);
		bind_i64(s, INS_NQUESTIONS, iv->nquestions);
		bind_i64(s, INS_FORM, form);
	}
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
		bind_i64(s, 3, q->rating);
		bind_i64(s, 4, q->skipped);
		bind_i64(s, 5, asked_mask(q));
		bind_str(s, 6, q->notes);
		if (run(st, s, "saving a question") != 0 || set_note(st, id, i, q->notes) != 0)
			return -1;
	}
	if (set_note(st, id, IV_SLOT_OBSERVATIONS, iv->observations) != 0 ||
	    set_note(st, id, IV_SLOT_ACTIONS, iv->actions) != 0 || recount(st, id) != 0)
		return -1;
	iv->id = id;
	return 0;
}

int store_create(store *st, interview *iv)
{
	if (check_copy(iv) != 0)
		return -1;
	struct create_arg a = { iv, (int64_t)time(NULL) };
	int64_t old_id = iv->id;
	if (write_tx(st, create_tx, &a) != 0) {
		iv->id = old_id;
		return -1;
	}
	iv->created = iv->updated = a.now;
	/* what was stored is every thing's first version */
	iv->details_version = iv->observations_version = iv->actions_version = 0;
	for (int i = 0; i < iv->nquestions; i++)
		iv->q[i].notes_version = iv->q[i].answer_version = 0;
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

/* Add to iv (with its form applied) the answers of interview id and, when
 * nc is not NULL, its notes; with versions, qc's rows carry the answers'
 * versions (S_LOAD_Q). */
static int read_children(store *st, interview *iv, cursor *qc, cursor *nc, bool versions)
{
	for (; cursor_at(qc, iv->id); cursor_next(st, qc)) {
		int64_t qi = sqlite3_column_int64(qc->s, 1);
		if (qi < 0 || qi >= iv->nquestions)
			continue;
		iv_question *q = &iv->q[qi];
		q->rating = sqlite3_column_int(qc->s, 2);
		q->skipped = sqlite3_column_int(qc->s, 3) != 0;
		int64_t mask = sqlite3_column_int64(qc->s, 4);
		for (int j = 0; j < q->nfollowups && j < MAX_FOLLOWUPS; j++)
			q->asked[j] = (mask >> j) & 1;
		if (versions)
			q->answer_version = sqlite3_column_int64(qc->s, 5);
	}
	for (; nc && cursor_at(nc, iv->id); cursor_next(st, nc)) {
		int64_t slot = sqlite3_column_int64(nc->s, 1);
		char **dst = slot >= IV_SLOT_ACTIONS && slot < iv->nquestions
			? interview_slot_notes(iv, (int)slot) : NULL;
		if (dst) {
			if (*dst != lent_empty)
				free(*dst);
			*dst = col_str(nc->s, 2);
		}
	}
	if (qc->rc < 0 || (nc && nc->rc < 0))
		return -1;
	return 0;
}

static void reset_all(cursor *c, int n)
{
	for (int i = 0; i < n; i++)
		if (c[i].s)
			sqlite3_reset(c[i].s);
}

/* store_load without a transaction of its own (the caller's, or none). */
static interview *load_in(store *st, int64_t id)
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
	int64_t form = sqlite3_column_int64(s, FORM_COL);
	iv->details_version = sqlite3_column_int64(s, DVER_COL);
	sqlite3_reset(s);
	interview *f = form_load(st, form);
	if (!f) {
		interview_free(iv);
		return NULL;
	}
	form_apply(iv, f);
	interview_free(f);

	cursor c[2] = { { NULL, 0 }, { NULL, 0 } };
	enum sid ids[2] = { S_LOAD_Q, S_LOAD_N };
	for (int i = 0; i < 2; i++) {
		if (!(c[i].s = stmt_get(st, ids[i]))) {
			reset_all(c, 2);
			interview_free(iv);
			return NULL;
		}
		bind_i64(c[i].s, 1, id);
		cursor_next(st, &c[i]);
	}
	rc = read_children(st, iv, &c[0], &c[1], true);
	reset_all(c, 2);
	if (rc == 0 && (s = stmt_get(st, S_LOAD_NV))) {
		bind_i64(s, 1, id);
		while ((rc = step(st, s, "reading an interview")) == SQLITE_ROW) {
			int64_t *v = store_notes_version(iv, sqlite3_column_int(s, 0));
			if (v)
				*v = sqlite3_column_int64(s, 1);
		}
		sqlite3_reset(s);
		rc = rc == SQLITE_DONE ? 0 : -1;
	} else if (rc == 0) {
		rc = -1;
	}
	if (rc != 0) {
		interview_free(iv);
		return NULL;
	}
	return iv;
}

/* One read transaction: the texts and their versions are of one moment
 * (a version read after another writer's save, with the text from before
 * it, would let the next save overwrite that writer's words). */
interview *store_load(store *st, int64_t id)
{
	bool own = sqlite3_get_autocommit(st->db) != 0;
	if (own && exec(st, "BEGIN", "reading an interview") != 0)
		return NULL;
	interview *iv = load_in(st, id);
	/* a read transaction: ending it cannot lose anything */
	if (own && sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rollback(st);
	return iv;
}

int64_t *store_notes_version(interview *iv, int slot)
{
	if (slot == IV_SLOT_OBSERVATIONS)
		return &iv->observations_version;
	if (slot == IV_SLOT_ACTIONS)
		return &iv->actions_version;
	if (slot >= 0 && slot < iv->nquestions)
		return &iv->q[slot].notes_version;
	return NULL;
}

/* ---- the forms of a database of schema 2 (a migration step) ---- */

/* Queries over the renamed tables of schema 2, made for the one migration
 * and finalized after it. */
enum { V2_IV, V2_Q, V2_F, V2_C, V2_SET_FORM, V2_SET_ASKED, V2_N };
static const char *const v2_sql[V2_N] = {
	[V2_IV] = "SELECT id FROM v2_interviews ORDER BY id",
	[V2_Q] = "SELECT interview_id, idx, title, prompt, hint FROM v2_questions"
		" ORDER BY interview_id, idx",
	[V2_F] = "SELECT interview_id, q_idx, idx, text, asked FROM v2_followups"
		" ORDER BY interview_id, q_idx, idx",
	[V2_C] = "SELECT interview_id, idx, key, label FROM v2_categories"
		" ORDER BY interview_id, idx",
	[V2_SET_FORM] = "UPDATE interviews SET form = ?2 WHERE id = ?1",
	[V2_SET_ASKED] = "UPDATE questions SET asked = ?3 WHERE interview_id = ?1 AND idx = ?2",
};

/* The template text of one schema-2 interview, read the way schema 2 was
 * read (follow-ups attached by question index, in order). */
static int v2_read_copy(store *st, interview *iv, cursor *qc, cursor *fc, cursor *cc)
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
		q->notes = xstrdup("");
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
	return qc->rc < 0 || fc->rc < 0 || cc->rc < 0 ? -1 : 0;
}

/* Every schema-2 interview gets the form of its template copy (shared with
 * the others of the same text, as store_create does) and its asked flags. */
static int migrate_v3_forms(store *st)
{
	const char *what = "upgrading the schema to version 3";
	sqlite3_stmt *s[V2_N] = { NULL };
	int ret = 0;
	for (int i = 0; i < V2_N && ret == 0; i++)
		if (sqlite3_prepare_v2(st->db, v2_sql[i], -1, &s[i], NULL) != SQLITE_OK)
			ret = fail(st, what);
	cursor iv_c = { s[V2_IV], 0 }, c[3] = { { s[V2_Q], 0 }, { s[V2_F], 0 }, { s[V2_C], 0 } };
	if (ret == 0) {
		cursor_next(st, &iv_c);
		for (int i = 0; i < 3; i++)
			cursor_next(st, &c[i]);
	}
	while (ret == 0 && iv_c.rc == SQLITE_ROW) {
		interview *iv = interview_blank();
		iv->id = sqlite3_column_int64(iv_c.s, 0);
		int64_t form = -1;
		if (v2_read_copy(st, iv, &c[0], &c[1], &c[2]) == 0) {
			if (check_copy(iv) == 0) {
				form = form_get(st, iv);
			} else {
				char *why = xstrdup(ev_lasterr());
				ev_seterr("%s: %s failed (interview %lld: %s)", st->path, what,
					  (long long)iv->id, why);
				free(why);
			}
		}
		if (form < 0) {
			ret = -1;
		} else {
			sqlite3_reset(s[V2_SET_FORM]);
			bind_i64(s[V2_SET_FORM], 1, iv->id);
			bind_i64(s[V2_SET_FORM], 2, form);
			ret = run(st, s[V2_SET_FORM], what);
		}
		for (int i = 0; i < iv->nquestions && ret == 0; i++) {
			int64_t mask = asked_mask(&iv->q[i]);
			if (mask == 0)
				continue;
			sqlite3_reset(s[V2_SET_ASKED]);
			bind_i64(s[V2_SET_ASKED], 1, iv->id);
			bind_i64(s[V2_SET_ASKED], 2, i);
			bind_i64(s[V2_SET_ASKED], 3, mask);
			ret = run(st, s[V2_SET_ASKED], what);
		}
		interview_free(iv);
		if (ret == 0)
			cursor_next(st, &iv_c);
		if (iv_c.rc < 0)
			ret = -1;
	}
	for (int i = 0; i < V2_N; i++)
		sqlite3_finalize(s[i]);
	return ret;
}

/* ---- small writes ---- */

struct notes_arg {
	int64_t id;
	int slot;
	int64_t offset, elapsed;
	const char *report;
	int64_t when;       /* the close time */
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

/* 0 if interview id exists and is open, else -1 saying why. */
static int check_open(store *st, int64_t id)
{
	int state = iv_state(st, id);
	return state == 1 ? 0 : state < 0 ? -1 : explain_refusal(st, id);
}

/* ---- versioned writes (store.h, "Other writers") ---- */

/* A versioned save: what to write, the version it was based on, and what
 * the caller is told. */
struct save_arg {
	int64_t id;
	int slot;                /* notes slot, or question index of an answer */
	const char *text;        /* notes */
	bool append;             /* notes: added after the stored text */
	const iv_question *q;    /* an answer */
	const interview *iv;     /* details */
	int64_t base;            /* STORE_ANY_VERSION: whatever is stored */
	/* out */
	int64_t version;         /* saved: the new one; conflict: the stored one */
	char *other_text;        /* a notes conflict: the stored text */
	char *fields;            /* a details or answer conflict: what differs */
	interview *other;        /* a details or answer conflict: as stored */
};

static void save_arg_clear(struct save_arg *a)
{
	free(a->other_text);
	free(a->fields);
	interview_free(a->other);
	a->other_text = a->fields = NULL;
	a->other = NULL;
}

/* Hand the outcome of a save to the caller (out may be NULL). */
static int save_result(int rc, struct save_arg *a, store_conflict *out)
{
	if (out && rc >= 0) {
		out->version = a->version;
		out->other_text = a->other_text;
		out->fields = a->fields;
		out->other = a->other;
		a->other_text = a->fields = NULL;
		a->other = NULL;
	}
	save_arg_clear(a);
	return rc < 0 ? -1 : rc;
}

void store_conflict_free(store_conflict *c)
{
	if (!c)
		return;
	free(c->other_text);
	free(c->fields);
	interview_free(c->other);
	memset(c, 0, sizeof *c);
}

/* The version of a notes slot (0: never written). */
static int note_version(store *st, int64_t id, int slot, int64_t *version)
{
	sqlite3_stmt *s = stmt_get(st, S_NOTE_VER);
	if (!s)
		return -1;
	bind_i64(s, 1, id);
	bind_i64(s, 2, slot);
	int rc = step(st, s, "reading notes");
	*version = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc < 0 ? -1 : 0;
}

/* The stored text of a notes slot, malloc'd ("" when none); NULL on error. */
static char *note_text(store *st, int64_t id, int slot)
{
	sqlite3_stmt *s = stmt_get(st, S_GET_NOTE);
	if (!s)
		return NULL;
	bind_i64(s, 1, id);
	bind_i64(s, 2, slot);
	int rc = step(st, s, "reading notes");
	char *text = rc == SQLITE_ROW ? col_str(s, 0) : rc == SQLITE_DONE ? xstrdup("") : NULL;
	sqlite3_reset(s);
	return text;
}

/* Write the text of a slot that is at version cur, making it cur + 1, with
 * interviews.updated, questions.has_notes and interviews.answered. */
static int write_note(store *st, int64_t id, int slot, const char *text, int64_t cur)
{
	sqlite3_stmt *s = stmt_get(st, S_TOUCH);
	if (!s)
		return -1;
	bind_i64(s, 1, id);
	bind_i64(s, 2, time(NULL));
	if (update_open(st, s, id, "saving notes") != 0)
		return -1;
	if (slot >= 0) {
		if (!(s = stmt_get(st, S_HAS_NOTES)))
			return -1;
		bind_i64(s, 1, id);
		bind_i64(s, 2, slot);
		bind_str(s, 3, text);
		if (run(st, s, "saving notes") != 0)
			return -1;
		if (sqlite3_changes(st->db) == 0)
			return ev_seterr("interview %lld has no question %d", (long long)id, slot + 1);
	}
	if (set_note(st, id, slot, text) != 0 || !(s = stmt_get(st, S_BUMP_NOTE)))
		return -1;
	bind_i64(s, 1, id);
	bind_i64(s, 2, slot);
	bind_i64(s, 3, cur);
	if (run(st, s, "saving notes") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)   /* not while we hold the write lock */
		return ev_seterr("the notes of interview %lld changed while being saved",
				 (long long)id);
	return slot >= 0 ? recount(st, id) : 0;
}

/* Notes: a conflict when the slot moved on from the base version and the
 * text now stored is neither empty nor the one given (no word of it would
 * be lost otherwise); an append adds to whatever is stored. */
static int notes_tx(store *st, void *arg)
{
	struct save_arg *a = arg;
	save_arg_clear(a);
	int64_t cur;
	if (check_open(st, a->id) != 0 || note_version(st, a->id, a->slot, &cur) != 0)
		return -1;
	bool moved = a->base >= 0 && cur != a->base;
	char *stored = NULL;
	if (a->append || moved) {
		if (!(stored = note_text(st, a->id, a->slot)))
			return -1;
	}
	const char *text = a->text;
	strbuf joined = STRBUF_INIT;
	if (a->append) {
		/* on a line of its own */
		sb_puts(&joined, stored);
		if (*stored && stored[strlen(stored) - 1] != '\n')
			sb_putc(&joined, '\n');
		sb_puts(&joined, a->text);
		text = sb_str(&joined);
	} else if (moved && strcmp(stored, a->text) == 0) {
		free(stored);
		a->version = cur;     /* already stored: nothing to write */
		return 0;
	} else if (moved && *stored) {
		a->version = cur;
		a->other_text = stored;
		return 1;
	}
	free(stored);
	int rc = write_note(st, a->id, a->slot, text, cur);
	sb_free(&joined);
	if (rc == 0)
		a->version = cur + 1;
	return rc;
}

static int check_slot(int64_t id, int slot)
{
	if (slot < 0 && slot != IV_SLOT_OBSERVATIONS && slot != IV_SLOT_ACTIONS)
		return ev_seterr("interview %lld has no notes slot %d", (long long)id, slot);
	return 0;
}

int store_save_notes_v(store *st, int64_t id, int slot, const char *text, int64_t base,
		       store_conflict *out)
{
	if (out)
		memset(out, 0, sizeof *out);
	if (check_slot(id, slot) != 0)
		return -1;
	struct save_arg a = { .id = id, .slot = slot, .text = text ? text : "", .base = base };
	return save_result(write_tx(st, notes_tx, &a), &a, out);
}

int store_save_notes(store *st, int64_t id, int slot, const char *notes)
{
	return store_save_notes_v(st, id, slot, notes, STORE_ANY_VERSION, NULL) == 0 ? 0 : -1;
}

int store_append_notes(store *st, int64_t id, int slot, const char *text, int64_t *version)
{
	if (check_slot(id, slot) != 0)
		return -1;
	struct save_arg a = { .id = id, .slot = slot, .text = text ? text : "", .append = true,
			      .base = STORE_ANY_VERSION };
	int rc = write_tx(st, notes_tx, &a);
	if (rc == 0 && version)
		*version = a.version;
	save_arg_clear(&a);
	return rc == 0 ? 0 : -1;
}

/* The detail fields (the columns S_DETAILS writes), by their names in
 * interview_set_field. */
static const struct dfield {
	const char *name;
	enum ckind kind;
	size_t off;
} detail_fields[] = {
	{ "employee", C_STR, offsetof(interview, employee) },
	{ "role", C_STR, offsetof(interview, role) },
	{ "department", C_STR, offsetof(interview, department) },
	{ "manager", C_STR, offsetof(interview, manager) },
	{ "interviewer", C_STR, offsetof(interview, interviewer) },
	{ "start-date", C_STR, offsetof(interview, start_date) },
	{ "last-day", C_STR, offsetof(interview, last_day) },
	{ "interview-date", C_STR, offsetof(interview, interview_date) },
	{ "separation", C_INT, offsetof(interview, separation) },
	{ "reason", C_STR, offsetof(interview, reason_primary) },
	{ "reason2", C_STR, offsetof(interview, reason_secondary) },
	{ "assessed", C_STR, offsetof(interview, reason_assessed) },
	{ "regrettable", C_INT, offsetof(interview, regrettable) },
	{ "rehire", C_INT, offsetof(interview, rehire) },
	{ "would-return", C_INT, offsetof(interview, would_return) },
	{ "conditions", C_STR, offsetof(interview, return_conditions) },
};

/* The names of the detail fields a and b hold differently, space-separated
 * ("" if none), malloc'd. */
static char *details_differ(const interview *a, const interview *b)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < EV_ARRAY_LEN(detail_fields); i++) {
		const void *pa = (const char *)a + detail_fields[i].off;
		const void *pb = (const char *)b + detail_fields[i].off;
		bool same = detail_fields[i].kind == C_STR
			? strcmp(*(char *const *)pa ? *(char *const *)pa : "",
				 *(char *const *)pb ? *(char *const *)pb : "") == 0
			: *(const int *)pa == *(const int *)pb;
		if (!same)
			sb_printf(&sb, "%s%s", sb.len ? " " : "", detail_fields[i].name);
	}
	return sb_detach(&sb);
}

/* The stored row of interview id (no questions), with its details
 * version; NULL after saying why (no such interview, closed, an error). */
static interview *read_details(store *st, int64_t id, int64_t *version)
{
	sqlite3_stmt *s = stmt_get(st, S_LOAD_IV);
	if (!s)
		return NULL;
	bind_i64(s, 1, id);
	int rc = step(st, s, "reading an interview");
	interview *iv = NULL;
	if (rc == SQLITE_ROW) {
		iv = interview_blank();
		read_iv(s, iv);
		*version = sqlite3_column_int64(s, DVER_COL);
	} else if (rc == SQLITE_DONE) {
		ev_seterr("no interview with ID %lld", (long long)id);
	}
	sqlite3_reset(s);
	if (iv && iv->closed) {
		interview_free(iv);
		ev_seterr("interview %lld is closed; reopen it first", (long long)id);
		return NULL;
	}
	return iv;
}

/* Details: nothing is written when every field already holds the value
 * given; a conflict when the row moved on from the base version. */
static int details_tx(store *st, void *arg)
{
	struct save_arg *a = arg;
	const interview *iv = a->iv;
	save_arg_clear(a);
	int64_t cur;
	interview *now = read_details(st, iv->id, &cur);
	if (!now)
		return -1;
	char *diff = details_differ(now, iv);
	interview_free(now);
	a->version = cur;
	if (!*diff) {
		free(diff);
		return 0;
	}
	if (a->base >= 0 && cur != a->base) {
		a->fields = diff;
		return (a->other = load_in(st, iv->id)) ? 1 : -1;
	}
	free(diff);
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
	bind_i64(s, 19, cur);
	if (update_open(st, s, iv->id, "saving the details") != 0)
		return -1;
	a->version = cur + 1;
	return 0;
}

int store_save_details_v(store *st, const interview *iv, int64_t base, store_conflict *out)
{
	if (out)
		memset(out, 0, sizeof *out);
	struct save_arg a = { .iv = iv, .base = base };
	return save_result(write_tx(st, details_tx, &a), &a, out);
}

int store_save_details(store *st, const interview *iv)
{
	return store_save_details_v(st, iv, STORE_ANY_VERSION, NULL) == 0 ? 0 : -1;
}

/* An answer the questions table can hold. */
static int check_answer(int64_t id, int qindex, const iv_question *q)
{
	if (qindex < 0)
		return ev_seterr("interview %lld has no question %d", (long long)id, qindex + 1);
	if (q->rating < 0 || q->rating > TPL_SCALE)
		return ev_seterr("rating %d is out of range (0-%d)", q->rating, TPL_SCALE);
	if (q->nfollowups > MAX_FOLLOWUPS)
		return ev_seterr("question %d has %d follow-ups (at most %d)",
				 qindex + 1, q->nfollowups, MAX_FOLLOWUPS);
	return 0;
}

/* An answer (rating, skipped, asked): as details_tx, for one question. */
static int answer_tx(store *st, void *arg)
{
	struct save_arg *a = arg;
	save_arg_clear(a);
	if (check_answer(a->id, a->slot, a->q) != 0 || check_open(st, a->id) != 0)
		return -1;
	sqlite3_stmt *s = stmt_get(st, S_ANSWER_GET);
	if (!s)
		return -1;
	bind_i64(s, 1, a->id);
	bind_i64(s, 2, a->slot);
	int rc = step(st, s, "saving an answer");
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc < 0 ? -1 : ev_seterr("interview %lld has no question %d",
						(long long)a->id, a->slot + 1);
	}
	int64_t mask = asked_mask(a->q), cur = sqlite3_column_int64(s, 3);
	strbuf diff = STRBUF_INIT;
	if (sqlite3_column_int(s, 0) != a->q->rating)
		sb_puts(&diff, "rating");
	if ((sqlite3_column_int(s, 1) != 0) != a->q->skipped)
		sb_printf(&diff, "%sskipped", diff.len ? " " : "");
	if (sqlite3_column_int64(s, 2) != mask)
		sb_printf(&diff, "%sasked", diff.len ? " " : "");
	sqlite3_reset(s);
	a->version = cur;
	if (diff.len == 0) {
		sb_free(&diff);
		return 0;
	}
	if (a->base >= 0 && cur != a->base) {
		a->fields = sb_detach(&diff);
		return (a->other = load_in(st, a->id)) ? 1 : -1;
	}
	sb_free(&diff);
	if (!(s = stmt_get(st, S_TOUCH)))
		return -1;
	bind_i64(s, 1, a->id);
	bind_i64(s, 2, time(NULL));
	if (update_open(st, s, a->id, "saving an answer") != 0 || !(s = stmt_get(st, S_ANSWER)))
		return -1;
	bind_i64(s, 1, a->id);
	bind_i64(s, 2, a->slot);
	bind_i64(s, 3, a->q->rating);
	bind_i64(s, 4, a->q->skipped);
	bind_i64(s, 5, mask);
	bind_i64(s, 6, cur);
	if (run(st, s, "saving an answer") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)   /* not while we hold the write lock */
		return ev_seterr("the answers of interview %lld changed while being saved",
				 (long long)a->id);
	a->version = cur + 1;
	return recount(st, a->id);
}

int store_save_answer_v(store *st, int64_t id, int qindex, const iv_question *q, int64_t base,
			store_conflict *out)
{
	if (out)
		memset(out, 0, sizeof *out);
	if (check_answer(id, qindex, q) != 0)
		return -1;
	struct save_arg a = { .id = id, .slot = qindex, .q = q, .base = base };
	return save_result(write_tx(st, answer_tx, &a), &a, out);
}

int store_save_answer(store *st, int64_t id, int qindex, const iv_question *q)
{
	return store_save_answer_v(st, id, qindex, q, STORE_ANY_VERSION, NULL) == 0 ? 0 : -1;
}

struct update_arg {
	int64_t id;
	int (*fn)(interview *iv, void *arg);
	void *arg;
};

/* Load, let fn change, save what changed: one transaction. */
static int update_tx(store *st, void *arg)
{
	struct update_arg *u = arg;
	interview *iv = load_in(st, u->id);
	if (!iv)
		return -1;
	int rc = iv->closed ? ev_seterr("interview %lld is closed; reopen it first", (long long)u->id)
			    : u->fn(iv, u->arg);
	if (rc == 0) {
		struct save_arg d = { .iv = iv, .base = STORE_ANY_VERSION };
		rc = details_tx(st, &d);
		save_arg_clear(&d);
	}
	for (int i = 0; rc == 0 && i < iv->nquestions; i++) {
		struct save_arg q = { .id = u->id, .slot = i, .q = &iv->q[i], .base = STORE_ANY_VERSION };
		rc = answer_tx(st, &q);
		save_arg_clear(&q);
	}
	interview_free(iv);
	return rc < 0 ? -1 : rc;
}

int store_update(store *st, int64_t id, int (*fn)(interview *iv, void *arg), void *arg)
{
	struct update_arg u = { id, fn, arg };
	return write_tx(st, update_tx, &u);
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
	bind_i64(s, 2, a->when);
	if (run(st, s, "closing the interview") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		if (iv_state(st, a->id) == 2)
			return ev_seterr("interview %lld is already closed", (long long)a->id);
		return explain_refusal(st, a->id);
	}
	/* the report of an earlier close (before a reopen) is replaced */
	if (!(s = stmt_get(st, a->report ? S_SET_REPORT : S_DEL_REPORT)))
		return -1;
	bind_i64(s, 1, a->id);
	if (a->report)
		bind_str(s, 2, a->report);
	return run(st, s, "keeping the report");
}

int store_close_interview(store *st, int64_t id, int64_t closed_at, const char *report)
{
	struct notes_arg a = { .id = id, .when = closed_at, .report = report };
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

/* ---- claims: which screens have an interview open ---- */

/* A claim whose heartbeat is older than this is stale (a hung SSH session
 * whose process is still alive). */
#define CLAIM_STALE_SECONDS 120

void store_set_now(store *st, int64_t now)
{
	st->now = now;
}

static int64_t claim_now(const store *st)
{
	return st->now ? st->now : (int64_t)time(NULL);
}

static void my_host(char *buf, size_t size)
{
	if (gethostname(buf, size) != 0)
		buf[0] = '\0';
	buf[size - 1] = '\0';
}

static void my_user(char *buf, size_t size)
{
	const struct passwd *pw = getpwuid(geteuid());
	const char *name = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : getenv("USER");
	if (name && *name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "uid %ld", (long)geteuid());
}

/* This handle's name in the claims table, made once: the pid and 64
 * random bits (two handles of one process are two screens). */
static const char *claim_token(store *st)
{
	if (st->token)
		return st->token;
	uint64_t r = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (read(fd, &r, sizeof r) != (ssize_t)sizeof r)
			r = 0;
		close(fd);
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	r ^= (uint64_t)ts.tv_nsec << 24 ^ (uint64_t)ts.tv_sec ^ (uint64_t)(uintptr_t)st;
	st->token = xasprintf("%ld-%016llx", (long)getpid(), (unsigned long long)r);
	return st->token;
}

/* Stale: no heartbeat for CLAIM_STALE_SECONDS, or made on this host by a
 * process that no longer exists. */
static bool claim_stale(const char *host, int64_t pid, int64_t heartbeat, int64_t now,
			const char *here)
{
	if (now - heartbeat > CLAIM_STALE_SECONDS)
		return true;
	return strcmp(host, here) == 0 && pid > 0 && pid <= INT_MAX &&
	       kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

struct claim_arg {
	int64_t id;
	store_claim_info other;
	bool release;
};

/* Take stale claims over, then claim (or refresh) ours; a.other is the
 * earliest live claim of another screen, others = 0 when there is none. */
static int claim_tx(store *st, void *arg)
{
	struct claim_arg *a = arg;
	memset(&a->other, 0, sizeof a->other);
	const char *mine = claim_token(st);
	sqlite3_stmt *s;
	if (a->release) {
		if (!(s = stmt_get(st, S_CLAIM_DEL)))
			return -1;
		bind_i64(s, 1, a->id);
		bind_str(s, 2, mine);
		return run(st, s, "releasing the interview");
	}
	int state = iv_state(st, a->id);
	if (state <= 0)
		return state < 0 ? -1 : ev_seterr("no interview with ID %lld", (long long)a->id);
	char host[256], user[256];
	my_host(host, sizeof host);
	my_user(user, sizeof user);
	int64_t now = claim_now(st);
	if (!(s = stmt_get(st, S_CLAIMS)))
		return -1;
	bind_i64(s, 1, a->id);
	char **stale = NULL;
	int nstale = 0, rc;
	while ((rc = step(st, s, "reading the claims")) == SQLITE_ROW) {
		const char *tok = (const char *)sqlite3_column_text(s, 0);
		const char *h = (const char *)sqlite3_column_text(s, 1);
		if (!tok || strcmp(tok, mine) == 0)
			continue;
		if (claim_stale(h ? h : "", sqlite3_column_int64(s, 2),
				sqlite3_column_int64(s, 5), now, host)) {
			stale = xrealloc(stale, (size_t)(nstale + 1) * sizeof *stale);
			stale[nstale++] = xstrdup(tok);
			continue;
		}
		if (a->other.others++ == 0) {
			const char *u = (const char *)sqlite3_column_text(s, 3);
			snprintf(a->other.host, sizeof a->other.host, "%s", h ? h : "");
			snprintf(a->other.user, sizeof a->other.user, "%s", u ? u : "");
			a->other.pid = sqlite3_column_int64(s, 2);
			a->other.since = sqlite3_column_int64(s, 4);
			a->other.heartbeat = sqlite3_column_int64(s, 5);
		}
	}
	sqlite3_reset(s);
	int ret = rc == SQLITE_DONE ? 0 : -1;
	for (int i = 0; i < nstale; i++) {
		if (ret == 0 && (s = stmt_get(st, S_CLAIM_DEL))) {
			bind_i64(s, 1, a->id);
			bind_str(s, 2, stale[i]);
			ret = run(st, s, "taking over a stale claim");
		} else {
			ret = -1;
		}
		free(stale[i]);
	}
	free(stale);
	if (ret != 0 || !(s = stmt_get(st, S_CLAIM_SET)))
		return -1;
	bind_i64(s, 1, a->id);
	bind_str(s, 2, mine);
	bind_str(s, 3, host);
	bind_i64(s, 4, (int64_t)getpid());
	bind_str(s, 5, user);
	bind_i64(s, 6, now);
	return run(st, s, "claiming the interview");
}

int store_claim(store *st, int64_t id, store_claim_info *other)
{
	struct claim_arg a = { .id = id };
	if (write_tx(st, claim_tx, &a) != 0)
		return -1;
	if (other)
		*other = a.other;
	return a.other.others > 0 ? 1 : 0;
}

int store_heartbeat(store *st, int64_t id, store_claim_info *other)
{
	return store_claim(st, id, other);
}

int store_release(store *st, int64_t id)
{
	if (!st->token)
		return 0;
	struct claim_arg a = { .id = id, .release = true };
	return write_tx(st, claim_tx, &a);
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
	bool plain = str_empty(match);
	sqlite3_stmt *s = stmt_get(st, !plain ? S_COUNT : f == STORE_ALL ? S_COUNT_ALL : S_COUNT_STATE);
	if (!s)
		return -1;
	char *low = NULL;
	if (!plain)
		low = bind_filter(s, f, match);
	else if (f != STORE_ALL)
		bind_i64(s, 1, f == STORE_CLOSED ? 1 : 0);
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

/* Two or three queries in all, whatever the number of interviews: the
 * interviews, and their answers and (with_notes) notes in the same order,
 * read side by side; the template text comes from the few forms, each read
 * once.  One read transaction keeps them consistent. */
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
	enum sid ids[3] = { S_EACH_IV, S_EACH_Q, S_EACH_N };
	cursor c[3] = { { NULL, 0 }, { NULL, 0 }, { NULL, 0 } };
	int nc = with_notes ? 3 : 2;   /* without notes, the notes table is never read */
	form_cache forms = { .next = 0 };
	int ret = 0;
	for (int i = 0; i < nc && ret == 0; i++) {
		if (!(c[i].s = stmt_get(st, ids[i]))) {
			ret = -1;
			break;
		}
		bind_str(c[i].s, 1, lo);
		bind_str(c[i].s, 2, hi);
		cursor_next(st, &c[i]);
		if (c[i].rc < 0)
			ret = -1;
	}
	/* one interview, refilled for each row: fn sees it const and cannot
	 * keep it past its return */
	interview *iv = interview_blank();
	while (ret == 0 && c[0].rc == SQLITE_ROW) {
		const interview *f = form_cached(st, &forms, sqlite3_column_int64(c[0].s, FORM_COL));
		if (!f) {
			ret = -1;
			break;
		}
		read_iv(c[0].s, iv);
		form_lend(iv, f);
		if (read_children(st, iv, &c[1], with_notes ? &c[2] : NULL, false) == 0)
			ret = fn(iv, arg);
		else
			ret = -1;
		form_unlend(iv);
		if (iv->observations[0])
			str_set(&iv->observations, "");
		if (iv->actions[0])
			str_set(&iv->actions, "");
		if (ret != 0)
			break;
		cursor_next(st, &c[0]);
		if (c[0].rc < 0)
			ret = -1;
	}
	interview_free(iv);
	form_cache_free(&forms);
	reset_all(c, 3);
	/* a read transaction: ending it cannot lose anything */
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rollback(st);
	return ret;
}

/* The forms a store_stream chunk's interviews borrow their text from
 * (form_lend): unlike form_cache, nothing is dropped while a chunk is
 * alive, only between chunks (stream_forms_trim). */
typedef struct stream_forms {
	int64_t *id;
	interview **form;
	int n, cap;
} stream_forms;

static const interview *stream_form(store *st, stream_forms *sf, int64_t id)
{
	for (int i = sf->n - 1; i >= 0; i--)
		if (sf->id[i] == id)
			return sf->form[i];
	interview *f = form_load(st, id);
	if (!f)
		return NULL;
	if (sf->n == sf->cap) {
		sf->cap = sf->cap ? sf->cap * 2 : 8;
		sf->id = xrealloc(sf->id, (size_t)sf->cap * sizeof *sf->id);
		sf->form = xrealloc(sf->form, (size_t)sf->cap * sizeof *sf->form);
	}
	sf->id[sf->n] = id;
	sf->form[sf->n++] = f;
	return f;
}

/* Between chunks (nothing lent): a database rarely has more than a few
 * forms, but one of schema 1 or 2 has one per interview: forget them all
 * when there are many. */
static void stream_forms_trim(stream_forms *sf, int keep)
{
	if (sf->n <= keep)
		return;
	for (int i = 0; i < sf->n; i++)
		interview_free(sf->form[i]);
	sf->n = 0;
	if (keep == 0) {
		free(sf->id);
		free(sf->form);
		sf->id = NULL;
		sf->form = NULL;
		sf->cap = 0;
	}
}

static void stream_free(interview *iv)
{
	form_unlend(iv);
	interview_free(iv);
}

/* For store_stream, inside a chunk's read transaction: interview id,
 * whole (answers and, with_notes, notes), if it still exists and its day
 * is in [lo, hi].  1 with *out set (free it with stream_free), 0 when it
 * is not there (any more), -1 on error. */
static int stream_one(store *st, stream_forms *forms, int64_t id, const char *lo, const char *hi,
		      bool with_notes, interview **out)
{
	*out = NULL;
	sqlite3_stmt *s = stmt_get(st, S_PICK_IV);
	if (!s)
		return -1;
	bind_str(s, 1, lo);
	bind_str(s, 2, hi);
	bind_i64(s, 3, id);
	int rc = step(st, s, "reading interviews");
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	interview *iv = interview_blank();
	read_iv(s, iv);
	int64_t form = sqlite3_column_int64(s, FORM_COL);
	sqlite3_reset(s);
	const interview *f = stream_form(st, forms, form);
	if (!f) {
		interview_free(iv);
		return -1;
	}
	form_lend(iv, f);
	cursor c[2] = { { NULL, 0 }, { NULL, 0 } };
	enum sid ids[2] = { S_LOAD_Q, S_LOAD_N };
	int nc = with_notes ? 2 : 1;
	for (int i = 0; i < nc; i++) {
		if (!(c[i].s = stmt_get(st, ids[i]))) {
			reset_all(c, 2);
			stream_free(iv);
			return -1;
		}
		bind_i64(c[i].s, 1, id);
		cursor_next(st, &c[i]);
	}
	rc = read_children(st, iv, &c[0], with_notes ? &c[1] : NULL, true);
	reset_all(c, 2);
	if (rc != 0) {
		stream_free(iv);
		return -1;
	}
	*out = iv;
	return 1;
}

/* The bytes of typed text iv holds (what makes a chunk big). */
static size_t text_bytes(const interview *iv)
{
	size_t n = strlen(iv->observations) + strlen(iv->actions) + strlen(iv->return_conditions);
	for (int i = 0; i < iv->nquestions; i++)
		n += strlen(iv->q[i].notes);
	return n;
}

/* Paging over a list of IDs fixed at the start (not a cursor held open,
 * not OFFSET, which a writer's change would shift): the read transaction
 * of a chunk ends before fn sees its first interview, so nothing fn waits
 * for (a pipe, a terminal) holds a lock.  Why not WAL, whose readers never
 * block a writer: see the top of this file (NFS, secure_delete).
 * Chunks rather than a transaction per interview: each transaction takes
 * and drops the file lock and rereads the header (system calls), and a
 * chunk is still short: a writer that comes while one is read waits a few
 * milliseconds (its PENDING lock keeps the next chunk from starting). */
int store_stream(store *st, const char *since, const char *until, bool with_notes,
		 int *max_questions, int (*fn)(const interview *iv, void *arg), void *arg)
{
	if (!str_empty(since) && !date_valid(since))
		return ev_seterr("bad date '%s': use YYYY-MM-DD", since);
	if (!str_empty(until) && !date_valid(until))
		return ev_seterr("bad date '%s': use YYYY-MM-DD", until);
	const char *lo = str_empty(since) ? "" : since;
	const char *hi = str_empty(until) ? "~" : until;   /* '~' sorts after digits */

	/* the selection: one statement, one consistent read of small rows */
	sqlite3_stmt *s = stmt_get(st, S_PICK);
	if (!s)
		return -1;
	bind_str(s, 1, lo);
	bind_str(s, 2, hi);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int maxq = 0, rc;
	while ((rc = step(st, s, "reading interviews")) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[n++] = sqlite3_column_int64(s, 0);
		int nq = sqlite3_column_int(s, 1);
		if (nq > maxq)
			maxq = nq;
	}
	sqlite3_reset(s);
	if (rc < 0) {
		free(ids);
		return -1;
	}
	if (max_questions)
		*max_questions = maxq;

	stream_forms forms = { NULL, NULL, 0, 0 };
	interview *chunk[STORE_STREAM_CHUNK];
	size_t at = 0;
	int ret = 0;
	while (ret == 0 && at < n) {
		int got = 0;
		size_t bytes = 0;
		if (exec(st, "BEGIN", "reading interviews") != 0) {
			ret = -1;
			break;
		}
		while (at < n && got < STORE_STREAM_CHUNK && bytes < STORE_STREAM_CHUNK_BYTES) {
			interview *iv;
			int r = stream_one(st, &forms, ids[at], lo, hi, with_notes, &iv);
			if (r < 0) {
				ret = -1;
				break;
			}
			at++;
			if (r == 0)
				continue;
			bytes += text_bytes(iv);
			chunk[got++] = iv;
		}
		/* a read transaction: ending it cannot lose anything */
		if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			rollback(st);
		/* no lock held from here on: fn may wait as long as it likes */
		for (int i = 0; i < got; i++) {
			if (ret == 0)
				ret = fn(chunk[i], arg);
			stream_free(chunk[i]);
		}
		stream_forms_trim(&forms, FORM_CACHE);
	}
	stream_forms_trim(&forms, 0);
	free(ids);
	return ret;
}
