/* store_schema.c — the schema: migrations from every older version, the
 * checks of what a file holds, and the views a reader of an old file reads. */
#include "store_priv.h"

#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/util.h"

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

static int migrate_v3_forms(store *st);

/* Version 4 -> 5 (issue 12): a template's question may be private (its
 * notes and rating stay out of the manager's report).  One column with a
 * constant default: no row is rewritten.  Only a private question's row
 * sets it (S_FORM_SET_PRIVATE), so the forms code of the earlier
 * migrations never names it. */
static const char migrate_v5[] =
	"ALTER TABLE form_questions ADD COLUMN private INTEGER NOT NULL DEFAULT 0;";

/* Version 5 -> 6 (issue 12): the audit log, who did what to which
 * interview.  It holds the interview's ID, never a name or a note, and has
 * no foreign key: it outlives the interviews it tells of. */
static const char migrate_v6[] =
	"CREATE TABLE audit ("
	" seq INTEGER PRIMARY KEY,"
	" at INTEGER NOT NULL,"
	" login TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" interview_id INTEGER,"
	" detail TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX audit_at ON audit(at);";

/* Version 6 -> 7 (issue 13, the whole cycle of
 * the guide).  A question may take no rating (template: rating = no): one
 * column with a constant default, set only by S_FORM_SET_NORATING.  The
 * opening and closing checklists need no table of their own: a form keeps
 * them as parts at their slots (form_questions and form_followups rows
 * with idx IV_SLOT_OPENING and IV_SLOT_CLOSING), an interview keeps their
 * done flags as a questions row at that idx (asked = the items done) and
 * their notes, like the preparation's, in `notes` at their slots.  Older
 * interviews have no such rows: nothing is rewritten. */
static const char migrate_v7[] =
	"ALTER TABLE form_questions ADD COLUMN no_rating INTEGER NOT NULL DEFAULT 0;";

/* Version 7 -> 8 (issue 13, "Document and act"): action items as
 * records.  The table, its indexes (an interview's actions; the listing
 * across interviews by state and due date), then store_actions_migrate
 * turns the free-text action notes into actions (store_actions.c).  The
 * notes slot IV_SLOT_ACTIONS stays, for notes about the action items. */
static const char migrate_v8[] =
	"CREATE TABLE actions ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,"
	" text TEXT NOT NULL,"
	" owner TEXT NOT NULL DEFAULT '',"
	" due TEXT NOT NULL DEFAULT '',"
	" done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),"
	" question INTEGER,"                  /* the question's index, NULL: none */
	" created INTEGER NOT NULL DEFAULT 0,"
	" done_at INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX actions_interview ON actions(interview_id, id);"
	"CREATE INDEX actions_state ON actions(done, due, id);";

/* Version 8 -> 9 (issues 14 and 15): notes in chunks, and the full-text
 * index.  The typed text moves from `notes` (a row a slot) to
 * `note_chunks` (rows of at most a few KB, cut at line breaks: a save
 * rewrites the chunks that changed, not the whole note; store_notes.c),
 * by store_notes_migrate; `notes` is dropped (secure_delete zeroes its
 * pages).  Then three FTS5 indexes over text that stays where it is
 * (external content: the index holds the words, not a second copy):
 * notes_fts over the chunks, actions_fts over the action items' text,
 * people_fts over the names, roles, departments and managers (and IDs)
 * of interviews for the start screen's filter (prefix indexes of 1 to 8
 * characters: a typed key costs the same at any size).  unicode61 folds
 * case for every letter, remove_diacritics 0 keeps å ä ö apart from a and
 * o.  The index is built once here ('rebuild'), and kept up to date by the
 * triggers of schema_triggers, which exitview creates and recognises by
 * their exact text (our_object). */
static const char migrate_v9_chunks[] =
	"CREATE TABLE note_chunks ("
	" id INTEGER PRIMARY KEY,"            /* store_note_id(interview, slot, seq) */
	" interview_id INTEGER NOT NULL,"
	" slot INTEGER NOT NULL,"
	" text TEXT NOT NULL"
	");";
#define FTS_TOKENIZE "tokenize = 'unicode61 remove_diacritics 0'"
static const char migrate_v9_index[] =
	"DROP TABLE notes;"
	"CREATE VIRTUAL TABLE notes_fts USING fts5(text, content = 'note_chunks',"
	" content_rowid = 'id', " FTS_TOKENIZE ", columnsize = 0);"
	"CREATE VIRTUAL TABLE actions_fts USING fts5(text, content = 'actions',"
	" content_rowid = 'id', " FTS_TOKENIZE ", columnsize = 0);"
	"CREATE VIRTUAL TABLE people_fts USING fts5(id, employee, role, department, manager,"
	" content = 'interviews', content_rowid = 'id', " FTS_TOKENIZE ", prefix = '1 2 3 4 5 6 7 8',"
	" columnsize = 0);"
	"INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');"
	"INSERT INTO actions_fts (actions_fts) VALUES ('rebuild');"
	"INSERT INTO people_fts (people_fts) VALUES ('rebuild');";

/* The triggers that keep the indexes up to date: their names and exact
 * text, as sqlite_schema keeps it (a trigger of the same name but other
 * text is refused like any other).  Deleting an interview deletes its
 * chunks (the id range of the interview) and, by the foreign key, its
 * actions: every delete takes its words out of the index. */
#define PEOPLE_COLS "id, employee, role, department, manager"
#define PEOPLE_OLD "old.id, old.id, old.employee, old.role, old.department, old.manager"
#define PEOPLE_NEW "new.id, new.id, new.employee, new.role, new.department, new.manager"
#define PEOPLE_DEL "INSERT INTO people_fts (people_fts, rowid, " PEOPLE_COLS ")" \
	" VALUES ('delete', " PEOPLE_OLD ");"
#define PEOPLE_INS "INSERT INTO people_fts (rowid, " PEOPLE_COLS ") VALUES (" PEOPLE_NEW ");"
#define TEXT_DEL(t) "INSERT INTO " t " (" t ", rowid, text) VALUES ('delete', old.id, old.text);"
#define TEXT_INS(t) "INSERT INTO " t " (rowid, text) VALUES (new.id, new.text);"
static const struct schema_object {
	const char *name, *sql;
} schema_triggers[] = {
	{ "note_chunks_ai", "CREATE TRIGGER note_chunks_ai AFTER INSERT ON note_chunks BEGIN "
	  TEXT_INS("notes_fts") " END" },
	{ "note_chunks_ad", "CREATE TRIGGER note_chunks_ad AFTER DELETE ON note_chunks BEGIN "
	  TEXT_DEL("notes_fts") " END" },
	{ "note_chunks_au", "CREATE TRIGGER note_chunks_au AFTER UPDATE ON note_chunks BEGIN "
	  TEXT_DEL("notes_fts") " " TEXT_INS("notes_fts") " END" },
	{ "actions_ai", "CREATE TRIGGER actions_ai AFTER INSERT ON actions BEGIN "
	  TEXT_INS("actions_fts") " END" },
	{ "actions_ad", "CREATE TRIGGER actions_ad AFTER DELETE ON actions BEGIN "
	  TEXT_DEL("actions_fts") " END" },
	{ "actions_au", "CREATE TRIGGER actions_au AFTER UPDATE OF text ON actions"
	  " WHEN old.text IS NOT new.text BEGIN " TEXT_DEL("actions_fts") " " TEXT_INS("actions_fts")
	  " END" },
	{ "interviews_ai", "CREATE TRIGGER interviews_ai AFTER INSERT ON interviews BEGIN "
	  PEOPLE_INS " END" },
	{ "interviews_ad", "CREATE TRIGGER interviews_ad AFTER DELETE ON interviews BEGIN "
	  PEOPLE_DEL " DELETE FROM note_chunks WHERE id BETWEEN (old.id << 32)"
	  " AND (old.id << 32 | 4294967295); END" },
	{ "interviews_au", "CREATE TRIGGER interviews_au AFTER UPDATE OF employee, role, department,"
	  " manager ON interviews WHEN old.employee IS NOT new.employee OR old.role IS NOT new.role"
	  " OR old.department IS NOT new.department OR old.manager IS NOT new.manager BEGIN "
	  PEOPLE_DEL " " PEOPLE_INS " END" },
};

static int migrate_v9_triggers(store *st)
{
	for (size_t i = 0; i < EV_ARRAY_LEN(schema_triggers); i++)
		if (store_exec(st, schema_triggers[i].sql, "upgrading the schema to version 9") != 0)
			return -1;
	return 0;
}

/* Version 9 -> 10 (issue 14): `answered` by the one rule of
 * interview_answered (ev_answered, store_priv.h ANSWERED_OF), the rule the
 * screen's marks follow: not skipped, notes, and a rating unless the
 * question takes none.  Before, it counted questions with notes or a
 * rating.  Nothing but the count changes. */
static const char migrate_answered[] =
	"UPDATE interviews SET answered = " ANSWERED_OF("interviews") ";";

/* Version 10 -> 11 (issue 15): how many interviews there are, open and
 * closed, kept in interview_counts by the triggers of count_triggers, so
 * that the start screen's "N interviews" reads one row instead of walking
 * an index of every interview (4 ms at 100,000, most of its start-up).
 * A row a value of `closed`, made by the first interview with it. */
static const char migrate_v11_counts[] =
	"CREATE TABLE interview_counts ("
	" closed INTEGER PRIMARY KEY,"
	" n INTEGER NOT NULL"
	");"
	"INSERT INTO interview_counts (closed, n)"
	" SELECT closed, count(*) FROM interviews GROUP BY closed;";
#define COUNT_ADD(v) "INSERT INTO interview_counts (closed, n) VALUES (" v ", 1)" \
	" ON CONFLICT (closed) DO UPDATE SET n = n + 1;"
#define COUNT_SUB(v) "UPDATE interview_counts SET n = n - 1 WHERE closed = " v ";"
static const struct schema_object count_triggers[] = {
	{ "interviews_count_ai", "CREATE TRIGGER interviews_count_ai AFTER INSERT ON interviews BEGIN "
	  COUNT_ADD("new.closed") " END" },
	{ "interviews_count_ad", "CREATE TRIGGER interviews_count_ad AFTER DELETE ON interviews BEGIN "
	  COUNT_SUB("old.closed") " END" },
	{ "interviews_count_au", "CREATE TRIGGER interviews_count_au AFTER UPDATE OF closed ON interviews"
	  " WHEN old.closed IS NOT new.closed BEGIN " COUNT_SUB("old.closed") " " COUNT_ADD("new.closed")
	  " END" },
};

static int migrate_v11_triggers(store *st)
{
	for (size_t i = 0; i < EV_ARRAY_LEN(count_triggers); i++)
		if (store_exec(st, count_triggers[i].sql, "upgrading the schema to version 11") != 0)
			return -1;
	return 0;
}

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
	{ { migrate_v6, NULL } },
	{ { migrate_v7, NULL } },
	{ { migrate_v8, NULL }, { NULL, store_actions_migrate } },
	{ { migrate_v9_chunks, NULL }, { NULL, store_notes_migrate }, { migrate_v9_index, NULL },
	  { NULL, migrate_v9_triggers } },
	{ { migrate_answered, NULL } },
	{ { migrate_v11_counts, NULL }, { NULL, migrate_v11_triggers } },
};

/* The tables of each schema, counted by store_schema_read: those of
 * schema 1 and 2, of 3, of 4, of 8, of 9 and of 11. */
static const char *const our_tables[] = { "interviews", "questions", "followups", "categories", NULL };
#define OUR_TABLES 4
static const char *const our_v3_tables[] = { "interviews", "questions", "notes", "reports", "forms",
	"form_questions", "form_followups", "form_categories", NULL };
#define OUR_V3_TABLES 8
static const char *const our_v4_tables[] = { "note_versions", "claims", NULL };
#define OUR_V4_TABLES 2
static const char *const our_v8_tables[] = { "actions", NULL };
static const char *const our_v9_tables[] = { "note_chunks", "notes_fts", "actions_fts", "people_fts", NULL };
#define OUR_V9_TABLES 4
static const char *const our_v11_tables[] = { "interview_counts", NULL };

static bool named(const char *const *names, const char *name)
{
	for (; *names; names++)
		if (strcmp(*names, name) == 0)
			return true;
	return false;
}

static int set_version(store *st)
{
	char sql[128];
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
		 (int)STORE_APPLICATION_ID, SCHEMA_VERSION);
	return store_exec(st, sql, "marking the database");
}

/* Triggers and views exitview makes in the file itself: the triggers of
 * schema 9 and 11 (the views of a file of schema 1 or 2 are TEMP views of
 * one connection, not in it). */
static bool our_object(const char *type, const char *name, const char *sql)
{
	if (!type || !name || !sql || strcmp(type, "trigger") != 0)
		return false;
	for (size_t i = 0; i < EV_ARRAY_LEN(schema_triggers); i++)
		if (strcmp(schema_triggers[i].name, name) == 0)
			return strcmp(schema_triggers[i].sql, sql) == 0;
	for (size_t i = 0; i < EV_ARRAY_LEN(count_triggers); i++)
		if (strcmp(count_triggers[i].name, name) == 0)
			return strcmp(count_triggers[i].sql, sql) == 0;
	return false;
}

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

/* What the file holds, read in one pass over its schema (a statement
 * per count cost a third of a millisecond on every start): its
 * application_id and user_version, how many of our tables (and of any
 * tables) it has, and the first trigger or view exitview did not create.
 * A trigger runs on every write (one that copies old notes elsewhere
 * defeats secure_delete), a view can stand in for what we read: judged
 * by store_schema_judge.  Reads only. */
int store_schema_read(store *st, struct dbinfo *di)
{
	memset(di, 0, sizeof *di);
	if (store_query_int(st, "PRAGMA application_id", &di->app, "reading the header") != 0 ||
	    store_query_int(st, "PRAGMA user_version", &di->version, "reading the header") != 0)
		return -1;
	di->app = (int64_t)(uint32_t)di->app;
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, "SELECT type, name, sql FROM main.sqlite_schema ORDER BY rowid",
				    -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail_rc(st, sqlite3_extended_errcode(st->db), "reading the schema");
	while ((rc = store_step(st, s, "reading the schema")) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(s, 0);
		const char *name = (const char *)sqlite3_column_text(s, 1);
		if (!type || !name)
			continue;
		if (strcmp(type, "table") == 0) {
			/* as LIKE 'sqlite\_%' does: SQLite's own, in any case */
			di->tables += strncasecmp(name, "sqlite_", 7) != 0;
			di->ours += named(our_tables, name);
			di->ours_v3 += named(our_v3_tables, name);
			di->ours_v4 += named(our_v4_tables, name);
			di->ours_v8 += named(our_v8_tables, name);
			di->ours_v9 += named(our_v9_tables, name);
			di->ours_v11 += named(our_v11_tables, name);
		} else if (!di->foreign && (strcmp(type, "trigger") == 0 || strcmp(type, "view") == 0) &&
			   !our_object(type, name, (const char *)sqlite3_column_text(s, 2))) {
			di->foreign = true;
			di->foreign_view = strcmp(type, "view") == 0;
			plain_name((const unsigned char *)name, di->foreign_name, sizeof di->foreign_name);
		}
	}
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

static int foreign_object(store *st, const struct dbinfo *di)
{
	return ev_seterr("%s has a %s '%s' that exitview did not create: refusing to open",
			 st->path, di->foreign_view ? "view" : "trigger", di->foreign_name);
}

/* Refusals that depend on the contents.  *fresh is set for a database that
 * is empty and needs the schema. */
int store_schema_judge(store *st, const struct dbinfo *di, bool *fresh)
{
	*fresh = false;
	if (di->app != 0 && di->app != STORE_APPLICATION_ID)
		return ev_seterr("%s belongs to another application (application_id 0x%08llx)",
				 st->path, (unsigned long long)di->app);
	if (di->app == 0) {
		if (di->tables > 0 || di->version != 0)
			return ev_seterr("%s belongs to another application "
					 "(an SQLite database without exitview's mark)", st->path);
		if (di->foreign)
			return foreign_object(st, di);
		*fresh = true;
		return 0;
	}
	if (di->version > SCHEMA_VERSION)
		return ev_seterr("%s was written by a newer exitview (schema %lld, this one knows %d)",
				 st->path, (long long)di->version, SCHEMA_VERSION);
	/* schema 9 moved `notes` into note_chunks */
	int64_t v3_tables = di->version >= 9 ? OUR_V3_TABLES - 1 : OUR_V3_TABLES;
	if (di->version < 1 || (di->version < 3 ? di->ours != OUR_TABLES
					     : di->ours_v3 != v3_tables) ||
	    (di->version >= 4 && di->ours_v4 != OUR_V4_TABLES) ||
	    (di->version >= 8 && di->ours_v8 != 1) ||
	    (di->version >= 9 && di->ours_v9 != OUR_V9_TABLES) ||
	    (di->version >= 11 && di->ours_v11 != 1))
		return ev_seterr("%s is damaged (exitview's tables are missing)", st->path);
	return di->foreign ? foreign_object(st, di) : 0;
}

/* Bring the schema to SCHEMA_VERSION inside one write transaction.  The
 * state is read again under the write lock: another process may have done
 * the work meanwhile. */
int store_schema_migrate_tx(store *st, void *arg)
{
	(void)arg;
	struct dbinfo di;
	bool fresh;
	if (store_schema_read(st, &di) != 0 || store_schema_judge(st, &di, &fresh) != 0)
		return -1;
	int64_t from = fresh ? 0 : di.version;
	for (int64_t v = from; v < SCHEMA_VERSION; v++) {
		char what[64];
		snprintf(what, sizeof what, "upgrading the schema to version %lld", (long long)v + 1);
		for (const struct mstep *m = migrations[v]; m->sql || m->fn; m++)
			if (m->sql ? store_exec(st, m->sql, what) != 0 : m->fn(st) != 0)
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

/* A read-only connection to a file of schema 1, 2 or 3 reads it where it
 * is, never writing it: temporary views (in this connection only) present
 * the old tables as the current ones, so every reading query works
 * unchanged.  On schema 1 and 2 each interview is its own form (form = its
 * ID).  Slower than the current layout, but nothing is copied: the first
 * write-mode open (the start screen, any command that changes something)
 * migrates the file for good.  (Copying a 200 MB file into memory to
 * migrate it there took 5 s and 600 MB.) */
static const char legacy_views[] =
	"CREATE TEMP VIEW form_questions AS SELECT interview_id AS form, idx, title, prompt, hint,"
	" 0 AS private, 0 AS no_rating FROM main.questions;"
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
	"  AND q.skipped = 0 AND " HAS_TEXT("q.notes") " AND q.rating > 0) AS answered,"
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
	"CREATE TEMP VIEW questions AS SELECT *, 0 AS version FROM main.questions;"
	NO_NOTE_VERSIONS;
/* Files of schema 3 to 9 counted `answered` by an older rule
 * (migrate_answered): read in place, it is counted when read.  %s: the
 * details_version (schema 3 has none). */
static const char legacy_answered_view[] =
	"CREATE TEMP VIEW interviews AS SELECT id, closed, updated, created, form, nquestions,"
	" " ANSWERED_OF("o") " AS answered, day, interview_date, last_day, employee, role,"
	" department, interviewer, template_name, manager, start_date, separation, reason_primary,"
	" reason_secondary, reason_assessed, regrettable, rehire, would_return, elapsed, closed_at,"
	" reopened_at, cur_slot, cur_offset, language, template_title, scale1, scale2, scale3, scale4,"
	" scale5, return_conditions, %s AS details_version FROM main.interviews o;";
/* Files of schema 3 and 4 have no private questions, and files before
 * migrate_v7 no questions without a rating. */
static const char legacy_v4_views[] =
	"CREATE TEMP VIEW form_questions AS SELECT *, 0 AS private, 0 AS no_rating"
	" FROM main.form_questions;";
static const char legacy_v5_views[] =
	"CREATE TEMP VIEW form_questions AS SELECT *, 0 AS no_rating FROM main.form_questions;";

/* Files before migrate_v8 have no action records (their action items are
 * the free text of the notes slot, shown as it is). */
static const char legacy_v7_views[] =
	"CREATE TEMP VIEW actions AS SELECT 0 AS id, 0 AS interview_id, '' AS text, '' AS owner,"
	" '' AS due, 0 AS done, NULL AS question, 0 AS created, 0 AS done_at WHERE 0;";

int store_schema_read_legacy(store *st, int64_t version)
{
	st->actions_from_notes = version < 8;
	st->notes_whole = version < 9;
	st->no_counts = version < 11;
	if (version >= 10)   /* 10 differs only by interview_counts: counted when read */
		return 0;
	if (version < 8 && (store_exec(st, "PRAGMA query_only = 0; PRAGMA temp_store = MEMORY", "opening") != 0 ||
			    store_exec(st, legacy_v7_views, "reading an older database") != 0))
		return -1;
	if (version >= 3) {
		char view[2048];
		snprintf(view, sizeof view, legacy_answered_view, version == 3 ? "0" : "details_version");
		const char *forms = version >= 7 ? "" : version >= 5 ? legacy_v5_views : legacy_v4_views;
		if (store_exec(st, "PRAGMA query_only = 0; PRAGMA temp_store = MEMORY", "opening") != 0 ||
		    (version == 3 && store_exec(st, legacy_v3_views, "reading an older database") != 0) ||
		    (*forms && store_exec(st, forms, "reading an older database") != 0) ||
		    store_exec(st, view, "reading an older database") != 0)
			return -1;
		return store_exec(st, "PRAGMA query_only = 1", "opening");
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
	if (store_exec(st, "PRAGMA query_only = 0; PRAGMA temp_store = MEMORY", "opening") != 0 ||
	    store_exec(st, legacy_views, "reading an older database") != 0 ||
	    store_exec(st, sql, "reading an older database") != 0)
		return -1;
	return store_exec(st, "PRAGMA query_only = 1", "opening");
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
	for (; store_cursor_at(qc, iv->id); store_cursor_next(st, qc)) {
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
	for (; store_cursor_at(fc, iv->id); store_cursor_next(st, fc)) {
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
	for (; store_cursor_at(cc, iv->id); store_cursor_next(st, cc)) {
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
			ret = store_fail(st, what);
	cursor iv_c = { s[V2_IV], 0 }, c[3] = { { s[V2_Q], 0 }, { s[V2_F], 0 }, { s[V2_C], 0 } };
	if (ret == 0) {
		store_cursor_next(st, &iv_c);
		for (int i = 0; i < 3; i++)
			store_cursor_next(st, &c[i]);
	}
	while (ret == 0 && iv_c.rc == SQLITE_ROW) {
		interview *iv = interview_blank();
		iv->id = sqlite3_column_int64(iv_c.s, 0);
		int64_t form = -1;
		if (v2_read_copy(st, iv, &c[0], &c[1], &c[2]) == 0) {
			if (store_check_copy(iv) == 0) {
				form = store_form_get(st, iv);
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
			ret = store_run(st, s[V2_SET_FORM], what);
		}
		for (int i = 0; i < iv->nquestions && ret == 0; i++) {
			int64_t mask = store_asked_mask(&iv->q[i]);
			if (mask == 0)
				continue;
			sqlite3_reset(s[V2_SET_ASKED]);
			bind_i64(s[V2_SET_ASKED], 1, iv->id);
			bind_i64(s[V2_SET_ASKED], 2, i);
			bind_i64(s[V2_SET_ASKED], 3, mask);
			ret = store_run(st, s[V2_SET_ASKED], what);
		}
		interview_free(iv);
		if (ret == 0)
			store_cursor_next(st, &iv_c);
		if (iv_c.rc < 0)
			ret = -1;
	}
	for (int i = 0; i < V2_N; i++)
		sqlite3_finalize(s[i]);
	return ret;
}

