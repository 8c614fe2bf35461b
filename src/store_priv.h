/* store_priv.h — private to the store modules (src/store*.c): the handle,
 * the statement ids, and the helpers they share.  Nothing outside the store
 * includes it; the store's contract is include/exitview/store.h. */
#ifndef EXITVIEW_STORE_PRIV_H
#define EXITVIEW_STORE_PRIV_H

#include "exitview/store.h"

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "exitview/interview.h"
#include "exitview/util.h"

/* The schema this code writes. */
#define SCHEMA_VERSION STORE_SCHEMA_VERSION

/* Text that is not only white space (the definition of "has notes"; in C
 * str_has_text, the same rule). */
#define HAS_TEXT(x) "(trim(" x ", ' ' || char(9, 10, 13)) <> '')"

/* The effective day of an interview: its date, else the local date of its
 * creation. */
#define DAY_OF(date, created) \
	"CASE WHEN " date " <> '' THEN " date \
	" ELSE date(" created ", 'unixepoch', 'localtime') END"

/* The questions of interview row i (a table name or alias) answered by
 * the rule of interview_answered (ev_answered, registered on every
 * connection): what the lists' Done column counts, the same as the
 * screen marks answered; kept in interviews.answered by every write that
 * can change it (S_RECOUNT) and by the migration that brought the rule
 * (store_schema.c, migrate_answered). */
#define ANSWERED_OF(i) \
	"(SELECT count(*) FROM questions q LEFT JOIN form_questions f" \
	" ON f.form = " i ".form AND f.idx = q.idx WHERE q.interview_id = " i ".id AND q.idx >= 0" \
	" AND ev_answered(q.skipped, q.has_notes, q.rating, coalesce(f.no_rating, 0)))"

/* The statements store_notes.c keeps (its C_N). */
#define NOTE_NSTMT 6

/* Follow-ups "asked" are the bits of an integer (the template limit,
 * TPL_MAX_FOLLOWUPS, is far below). */
#define MAX_FOLLOWUPS 63

/* ---- prepared statements, made once per connection (store.c) ---- */

enum sid {
	S_INSERT, S_INS_Q,
	S_FORM_FIND, S_FORM_ADD, S_FORM_ADD_Q, S_FORM_SET_PRIVATE, S_FORM_SET_NORATING, S_FORM_ADD_F, S_FORM_ADD_C,
	S_FORM_Q, S_FORM_F, S_FORM_C,
	S_LOAD_IV, S_LOAD_Q, S_LOAD_N, S_LOAD_NV,
	S_STATE, S_DETAILS, S_TOUCH, S_HAS_NOTES, S_RECOUNT,
	S_NOTE_VER, S_BUMP_NOTE, S_ANSWER_GET,
	S_ANSWER, S_POSITION, S_CLOSE, S_SET_REPORT, S_DEL_REPORT, S_REOPEN,
	S_REPORT, S_LIST, S_UPCOMING, S_SAME_LEAVER, S_COUNT, S_COUNT_ALL, S_COUNT_STATE,
	S_LIST_FTS, S_COUNT_FTS, S_COUNT_FTS_ALL,
	S_LIST_AFTER, S_LIST_BEFORE, S_LIST_FTS_AFTER, S_LIST_FTS_BEFORE,
	S_EACH_IV, S_EACH_Q, S_EACH_N,
	S_CLAIMS, S_CLAIM_SET, S_CLAIM_DEL,
	S_PICK, S_PICK_IV, S_ACTIONS_OF,
	S_COUNT_
};

enum ckind { C_STR, C_INT, C_BOOL, C_I64 };

/* The parameters after the interview's own columns (IV_COLUMNS, from ?1)
 * in S_INSERT, and the columns after them (after the id) in S_LOAD_IV,
 * S_EACH_IV and S_PICK_IV rows. */
#define INS_NQUESTIONS (IV_NCOLS + 1)
#define INS_FORM (IV_NCOLS + 2)
#define FORM_COL (IV_NCOLS + 1)
#define DVER_COL (FORM_COL + 1)          /* details_version in S_LOAD_IV */

/* The parameters of S_DETAILS: ?1 the ID, ?2.. the detail fields (the
 * detail fields of IV_COLUMNS), then: */
#define DETAILS_UPDATED (IV_NDETAILS + 2)   /* the update time */
#define DETAILS_BASE (IV_NDETAILS + 3)      /* the version saved over */

struct store {
	sqlite3 *db;
	char *path;
	enum store_mode mode;
	int rc;                          /* SQLite code of the last failure */
	sqlite3_stmt *stmt[S_COUNT_];
	char *legacy_each_n;             /* S_EACH_N on a file of schema 1 or 2 */
	int64_t now;                     /* the claims' clock (store_set_now); 0: time() */
	char *token;                     /* this handle's claims, made at the first */
	bool actions_from_notes;         /* a file before schema 8 read in place: its
	                                  * action notes read as actions */
	bool notes_whole;                /* a file before schema 9 read in place: each
	                                  * note one row of `notes`, no search index */
	bool no_counts;                  /* a file before schema 11 read in place: no
	                                  * interview_counts, interviews counted */
	sqlite3_stmt *chunk_stmt[NOTE_NSTMT];   /* store_notes.c's statements */
};

static inline void bind_str(sqlite3_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_STATIC);
}

static inline void bind_i64(sqlite3_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(s, i, (sqlite3_int64)v);
}

static inline char *col_str(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return xstrdup(t ? (const char *)t : "");
}

/* ---- errors (store.c) ---- */

/* Install SQLite's log callback once, before SQLite initialises. */
void store_sqlite_setup(void);
/* SQLite's (possibly multi-line) message as one line, in buf. */
const char *store_one_line(const char *msg, char *buf, size_t size);
/* Record a failure of SQLite result rc in words that name the file; -1. */
int store_fail_rc(store *st, int rc, const char *what);
/* The same for the connection's last error; -1. */
int store_fail(store *st, const char *what);

/* ---- statements and transactions (store.c) ---- */

/* The cached statement, reset and with bindings cleared; NULL on error. */
sqlite3_stmt *store_stmt(store *st, enum sid id);
/* The same with ?1 bound to id (an interview's or a form's). */
sqlite3_stmt *store_stmt_id(store *st, enum sid sid, int64_t id);
/* Step once; SQLITE_ROW or SQLITE_DONE, or -1 after recording the error. */
int store_step(store *st, sqlite3_stmt *s, const char *what);
/* Run a statement that returns no rows; 0 or -1. */
int store_run(store *st, sqlite3_stmt *s, const char *what);
/* Execute constant SQL (never built from user text); 0 or -1. */
int store_exec(store *st, const char *sql, const char *what);
/* A single integer from constant SQL (0 when no row); 0 or -1. */
int store_query_int(store *st, const char *sql, int64_t *out, const char *what);
/* Roll back the open transaction, if any. */
void store_rollback(store *st);
/* A read transaction (one snapshot): begin (0 or -1), and end it (a
 * read: ending it cannot lose anything, so it cannot fail). */
int store_read_begin(store *st, const char *what);
void store_read_end(store *st);
/* Run fn inside BEGIN IMMEDIATE ... COMMIT, retried when busy (fn may run
 * more than once).  fn returns 0 to commit, -1 on error, or a positive
 * value that rolls back and is returned. */
int store_write_tx(store *st, int (*fn)(store *, void *), void *arg);

/* ---- interviews (store.c) ---- */

/* 0 no such interview, 1 open, 2 closed; -1 on error. */
int store_iv_state(store *st, int64_t id);
/* 0 if interview id exists and is open, else -1 saying why. */
int store_check_open(store *st, int64_t id);
/* Run an UPDATE of one interview row that refuses closed interviews. */
int store_update_open(store *st, sqlite3_stmt *s, int64_t id, const char *what);
/* ---- notes in chunks (store_notes.c) ---- */

/* A chunk's id holds its interview, slot + NOTE_SLOT_BIAS and its place
 * (seq) in the slot: store_note_id. */
#define NOTE_SLOT_BIAS 128
/* Chunk sizes in bytes: a chunk is at most NOTE_CHUNK_MAX (it fits in a
 * 4 KB page), and a longer text is cut at a line break between
 * NOTE_CHUNK_MIN and NOTE_CHUNK_TARGET; a change smaller than
 * NOTE_CHUNK_SMALL is written with a neighbouring chunk. */
#define NOTE_CHUNK_MIN 1024
#define NOTE_CHUNK_TARGET 2048
#define NOTE_CHUNK_MAX 3072
#define NOTE_CHUNK_SMALL 256
/* The columns every read of an action takes, in store_actions.c's
 * action_read order (S_ACTIONS_OF and the reads of store_actions.c). */
#define ACTION_COLS "a.id, a.interview_id, a.text, a.owner, a.due, a.done, " \
	"coalesce(a.question, -1), a.created, a.done_at"
#define ACTION_NCOLS 9

/* "the first id of interview ?N's chunks" and "its last", in SQL */
#define NOTE_IV_FIRST(x) "((" x ") << 32)"
#define NOTE_IV_LAST(x) "((" x ") << 32 | 4294967295)"

int64_t store_note_id(int64_t iv, int slot, int64_t seq);
/* Store the text of a notes slot, rewriting only the chunks that changed
 * (none when empty); within the caller's write transaction.  0 or -1. */
int store_set_note(store *st, int64_t id, int slot, const char *text);
/* The stored text of a slot, malloc'd ("" when none); NULL on error. */
char *store_note_read(store *st, int64_t id, int slot);
/* Replace *dst (freed unless store_form_empty) by the text gathered in acc
 * (the chunks of a slot, read in order); acc is left empty. */
void store_note_take(char **dst, strbuf *acc);
/* Migration step 8 -> 9: the rows of `notes` become chunks. */
int store_notes_migrate(store *st);
void store_notes_finalize(store *st);
/* Bring interviews.answered up to date after its questions changed. */
int store_recount(store *st, int64_t id);

/* ---- the schema (store_schema.c) ---- */

/* What the file holds: its application_id, user_version and how many of
 * our tables (and of any tables) it has. */
struct dbinfo {
	int64_t app, version, ours, ours_v3, ours_v4, ours_v8, ours_v9, ours_v11, tables;
	bool foreign, foreign_view;   /* a trigger or view exitview did not create */
	char foreign_name[80];        /* its name, printable (for the message) */
};

int store_schema_read(store *st, struct dbinfo *di);
/* Refusals that depend on the contents.  *fresh is set for a database that
 * is empty and needs the schema. */
int store_schema_judge(store *st, const struct dbinfo *di, bool *fresh);
/* store_write_tx body: bring the schema to SCHEMA_VERSION. */
int store_schema_migrate_tx(store *st, void *arg);
/* A read-only connection to a file of schema 1, 2 or 3: the views. */
int store_schema_read_legacy(store *st, int64_t version);

/* ---- the full-text index (store_search.c) ---- */

/* After a delete or an anonymisation, within its transaction: merge the
 * full-text indexes into one segment each, so that the words taken out
 * of them (FTS5 first only marks them deleted) leave the file too
 * (secure_delete zeroes the pages freed).  Costs a rewrite of the
 * indexes (about 0.3 s at 10,000 interviews).  0 or -1. */
int store_index_compact(store *st);

/* ---- action items (store_actions.c) ---- */

/* iv->acts and iv->nacts of interview iv->id (which has none yet), oldest
 * first; 0 or -1. */
int store_actions_read(store *st, interview *iv);
/* On a file before schema 8 read in place (st->actions_from_notes): iv's
 * action notes as the migration would make them, actions (numbered 0)
 * and an emptied slot, so reading in place and migrating agree.  Else
 * nothing. */
void store_actions_from_notes(store *st, interview *iv);
/* Migration step 7 -> 8: the free-text action notes become actions. */
int store_actions_migrate(store *st);

/* ---- forms: template copies (store_forms.c) ---- */

/* A copy of a template the tables can hold (ratings, follow-ups); 0 or -1. */
int store_check_copy(const interview *iv);
/* The asked flags of q as the bits of questions.asked. */
int64_t store_asked_mask(const iv_question *q);
/* The form holding iv's template text, added if new; its ID or -1.
 * Within the caller's write transaction. */
int64_t store_form_get(store *st, const interview *iv);
/* Form id as an interview holding only the template text; NULL on error. */
interview *store_form_load(store *st, int64_t id);
/* Give iv (which has no questions or categories yet) a copy of form f. */
void store_form_apply(interview *iv, const interview *f);
/* Lend f's text to iv, without copying; store_form_unlend takes it back
 * before interview_free.  Lent notes are store_form_empty. */
void store_form_lend(interview *iv, const interview *f);
void store_form_unlend(interview *iv);
extern char store_form_empty[1];

/* A few forms read during one call; the oldest entry makes room. */
#define FORM_CACHE 8

typedef struct form_cache {
	int64_t id[FORM_CACHE];
	interview *form[FORM_CACHE];
	int next;
} form_cache;

const interview *store_form_cached(store *st, form_cache *fc, int64_t id);
void store_form_cache_free(form_cache *fc);

/* ---- reading (store_query.c) ---- */

/* Rows of one child query, read alongside the interviews in the same order. */
typedef struct cursor {
	sqlite3_stmt *s;
	int rc;          /* SQLITE_ROW, SQLITE_DONE or -1 */
} cursor;

void store_cursor_next(store *st, cursor *c);
/* Whether c is at a row of interview id. */
bool store_cursor_at(const cursor *c, int64_t id);
/* Bind iv's own columns (IV_COLUMNS) to ?1 .. ?IV_NCOLS. */
void store_bind_iv(sqlite3_stmt *s, const interview *iv);
/* Fill iv's own columns from a row "id, columns of IV_COLUMNS". */
void store_read_iv(sqlite3_stmt *s, interview *iv);
/* The row of interview id (no questions), with its form and details
 * version; NULL after saying why (no such interview, an error). */
interview *store_read_row(store *st, int64_t id, int64_t *form, int64_t *version);
/* store_load without a transaction of its own (the caller's, or none). */
interview *store_load_in(store *st, int64_t id);

#endif
