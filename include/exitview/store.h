/* store.h — the SQLite database; the only module that speaks SQL.
 *
 * Every write is one short transaction with prepared statements.  Opening
 * refuses, and leaves byte-for-byte unchanged: a file that is not an SQLite
 * database, a corrupt one, one from a newer exitview (user_version), one of
 * another application (application_id), a symlink, one other users can read
 * or write (unless the config allows a shared database), and a read-only
 * one when writing is asked for.  Errors: -1/NULL with ev_seterr() naming
 * the file.
 */
#ifndef EXITVIEW_STORE_H
#define EXITVIEW_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "exitview/interview.h"

typedef struct store store;

enum store_mode {
	STORE_READ = 0,      /* must exist; never written */
	STORE_WRITE = 1,     /* must exist */
	STORE_CREATE = 2,    /* created (0600, in a 0700 directory) when missing */
};

#define STORE_SCHEMA_VERSION 3
#define STORE_APPLICATION_ID 0x45584954   /* "EXIT" */

store *store_open(const char *path, enum store_mode mode, bool allow_shared);
void store_close(store *st);
const char *store_path(const store *st);

/* Insert iv (a new interview from interview_new) and set iv->id and the
 * created/updated times.  Returns 0 or -1. */
int store_create(store *st, interview *iv);
/* The whole interview, NULL if no such ID ("no interview with ID 7"). */
interview *store_load(store *st, int64_t id);

/* Small writes the screen calls while someone types.  All refuse (-1,
 * "interview 7 is closed") on a closed interview. */
int store_save_details(store *st, const interview *iv);       /* every detail field */
int store_save_notes(store *st, int64_t id, int slot, const char *notes);
int store_save_answer(store *st, int64_t id, int qindex, const iv_question *q); /* rating, skipped, asked */
int store_save_position(store *st, int64_t id, int slot, int64_t offset, int64_t elapsed);

/* Close: mark closed at closed_at (Unix time; the time the report shows),
 * keep the report text.  Reopen: editable again, the time recorded. */
int store_close_interview(store *st, int64_t id, int64_t closed_at, const char *report);
int store_reopen_interview(store *st, int64_t id);
/* The report stored at close, malloc'd, or NULL (no error) if none. */
char *store_get_report(store *st, int64_t id);

enum store_filter { STORE_ALL = 0, STORE_OPEN, STORE_CLOSED };

typedef struct store_row {
	int64_t id;
	char *employee, *role, *department, *interviewer, *template_name;
	char *interview_date, *last_day;
	bool closed;
	int64_t created, updated;
	int answered, nquestions;   /* questions with notes or a rating */
} store_row;

/* One page of interviews, most recently updated first.  match (or NULL)
 * keeps rows whose employee, role, department or ID contain it (case-
 * insensitive for ASCII).  Returns the number of rows (<= limit) or -1. */
int store_list(store *st, enum store_filter f, const char *match,
	       int offset, int limit, store_row **rows);
int store_count(store *st, enum store_filter f, const char *match);
void store_rows_free(store_row *rows, int n);

/* Call fn for every interview whose interview date (or, if empty, created
 * date) is within [since, until] (each "" or NULL = open), oldest first.
 * with_notes=false leaves every notes field "" (faster for summaries).
 * fn returns 0 to go on, non-zero to stop (returned as is).  The interview
 * passed is freed after fn returns.
 *
 * One read transaction from the first interview to the last: one
 * consistent snapshot, but no writer can commit until it ends (they wait,
 * up to the busy timeout).  fn must therefore never wait on anything —
 * no output: it is for aggregates (summary).  To write what is read, use
 * store_stream. */
int store_foreach(store *st, const char *since, const char *until, bool with_notes,
		  int (*fn)(const interview *iv, void *arg), void *arg);

/* As store_foreach, but fn is called with no transaction open, so it may
 * block as long as it likes (an export written to a pipe nobody reads)
 * while writers go on committing.  Which interviews, and in what order, is
 * fixed by one short read when the call begins: those in the range then,
 * oldest first.  They are then read in chunks (STORE_STREAM_CHUNK
 * interviews, fewer when their text passes STORE_STREAM_CHUNK_BYTES), each
 * chunk in one short read transaction, and handed to fn once it has ended.
 *
 * Consistency: each interview is read whole in one transaction (its
 * details, answers and notes agree with each other), but the whole is not
 * one snapshot: a change a writer commits during the call shows in the
 * interviews read after it; an interview created during the call is not
 * passed; one deleted, or whose date leaves the range, before its chunk is
 * read is left out.  Memory: one chunk.  When max_questions is not NULL it
 * is set, before fn is first called, to the most questions any interview
 * of the selection has (the columns of a CSV). */
#define STORE_STREAM_CHUNK 16
#define STORE_STREAM_CHUNK_BYTES (256 * 1024)
int store_stream(store *st, const char *since, const char *until, bool with_notes,
		 int *max_questions, int (*fn)(const interview *iv, void *arg), void *arg);

#endif
