/* store.h — the SQLite database; the only module that speaks SQL.
 *
 * Every write is one short transaction with prepared statements.  Opening
 * refuses, and leaves byte-for-byte unchanged: a file that is not an SQLite
 * database, a corrupt one, one from a newer exitview (user_version), one of
 * another application (application_id), a symlink, one other users can read
 * or write or in a directory others can write or that is another user's
 * (unless the config allows a shared database), one beside a journal
 * (-journal, -wal, -shm) exitview did not leave, one holding a trigger or a
 * view exitview did not create, and a read-only one when writing is asked
 * for.  Errors: -1/NULL with ev_seterr() naming
 * the file.
 */
#ifndef EXITVIEW_STORE_H
#define EXITVIEW_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "exitview/interview.h"

typedef struct store store;

enum store_mode {
	STORE_READ = 0,      /* must exist; never written, but for rolling back
	                      * the hot journal of a killed writer when the user
	                      * may write the file (what any next opener does) */
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
 * passed is freed after fn returns. */
int store_foreach(store *st, const char *since, const char *until, bool with_notes,
		  int (*fn)(const interview *iv, void *arg), void *arg);

#endif
