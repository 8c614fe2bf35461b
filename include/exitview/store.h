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

#define STORE_SCHEMA_VERSION 11
#define STORE_APPLICATION_ID 0x45584954   /* "EXIT" */

store *store_open(const char *path, enum store_mode mode, bool allow_shared);
void store_close(store *st);
const char *store_path(const store *st);

/* Insert iv (a new interview from interview_new) and set iv->id and the
 * created/updated times.  Returns 0 or -1. */
int store_create(store *st, interview *iv);
/* Insert many new interviews in one transaction: all or none.  One of
 * the same employee and last working day as an interview already stored
 * (or as one before it in iv) is not inserted: existing[i] gets that
 * interview's ID (iv[i]->id stays 0); else existing[i] = 0 and iv[i] is
 * stored as by store_create.  Returns 0, or -1 with nothing stored. */
int store_create_many(store *st, interview **iv, int n, int64_t *existing);
/* The whole interview, NULL if no such ID ("no interview with ID 7", with
 * ev_lastcode() EV_E_NOTFOUND, as every refusal of a missing ID). */
interview *store_load(store *st, int64_t id);

/* ---- Other writers (issue 10) ----
 *
 * Versions.  Every notes slot (a question's notes, the observations, the
 * action items), each question's answer (rating, skipped and asked
 * together) and the details row (every field of interview_set_field
 * together) carry a version that each write that changes them raises by
 * one.  store_load returns them in the interview: iv->q[i].notes_version,
 * iv->q[i].answer_version, iv->observations_version, iv->actions_version,
 * iv->details_version (store_notes_version finds a slot's); store_create
 * sets them all to 0.  Loading is one read transaction, so the texts and
 * versions are of one moment.
 *
 * A versioned save names the version it was based on (what the caller
 * loaded or last saved).  It is one BEGIN IMMEDIATE transaction and the
 * UPDATE checks the version.  Returns:
 *    0  saved, or nothing to save (the rules below: then nothing is
 *       written and the version stays); out->version is the version now
 *       stored, the caller's next base;
 *    1  conflict: another writer saved since base; NOTHING was written.
 *       out->version is the stored version, and
 *         notes:   out->other_text = the text now stored;
 *         details: out->fields = the names of the fields whose stored
 *                  value differs from iv's ("role last-day"), and
 *                  out->other = the interview as stored now;
 *         answers: out->fields = which of "rating skipped asked" differ,
 *                  out->other = the interview as stored now.
 *       (fields compares the stored values with the given ones; which
 *       of them the caller changed itself only the caller knows.)
 *       To keep both, merge and save again with base = out->version.
 *   -1  error (ev_seterr): closed interview, no such interview/question,
 *       I/O; nothing written.
 * A notes save is not a conflict when the stored text is empty or equal
 * to the one given: no word would be lost.  Details and answers are never
 * a conflict when every stored value already equals the one given.
 * base = STORE_ANY_VERSION writes whatever is stored (and still raises the
 * version, so every screen holding the old one sees a conflict).
 * out may be NULL; it is cleared on entry; free it with
 * store_conflict_free after every call that was given one. */
#define STORE_ANY_VERSION (-1)

typedef struct store_conflict {
	int64_t version;
	char *other_text;     /* notes conflict: the stored text */
	char *fields;         /* details/answer conflict: what differs, space-separated */
	interview *other;     /* details/answer conflict: the interview as stored */
} store_conflict;

int store_save_notes_v(store *st, int64_t id, int slot, const char *text, int64_t base,
		       store_conflict *out);
int store_save_details_v(store *st, const interview *iv, int64_t base, store_conflict *out);
int store_save_answer_v(store *st, int64_t id, int qindex, const iv_question *q, int64_t base,
			store_conflict *out);
void store_conflict_free(store_conflict *c);
/* The version field of a notes slot in iv (question index or IV_SLOT_*),
 * NULL if no such slot. */
int64_t *store_notes_version(interview *iv, int slot);

/* Add text to a slot in one transaction, after whatever is stored then
 * (on a new line unless that is empty or ends in one); raises the version,
 * so a screen's next save of the slot is a conflict, not an overwrite.
 * *version (may be NULL) gets the new version.  0 or -1. */
int store_append_notes(store *st, int64_t id, int slot, const char *text, int64_t *version);

/* One transaction: load interview id, let fn change its details and
 * answers, save every detail field and answer that differs from what is
 * stored (raising those versions).  Notes fn changes are not saved.  fn
 * returns 0 to save, or a positive value that writes nothing and is
 * returned as is (a negative one gives -1); fn may run again on a fresh
 * copy when the database was busy.  Returns 0, fn's value or -1 (closed,
 * no such interview, an error: nothing written). */
int store_update(store *st, int64_t id, int (*fn)(interview *iv, void *arg), void *arg);

/* The unversioned writes (base = STORE_ANY_VERSION): 0 or -1, as above.
 * All refuse (-1, "interview 7 is closed") on a closed interview. */
int store_save_details(store *st, const interview *iv);       /* every detail field */
int store_save_notes(store *st, int64_t id, int slot, const char *notes);
int store_save_answer(store *st, int64_t id, int qindex, const iv_question *q); /* rating, skipped, asked */
/* Where the screen is and its elapsed time: not versioned (each screen's
 * own; the last writer's stands). */
int store_save_position(store *st, int64_t id, int slot, int64_t offset, int64_t elapsed);

/* Claims: which screens have an interview open; advisory (a second screen
 * may still open it, and versions keep both texts).  Each store handle is
 * one claimant.  A claim is stale when its heartbeat is older than 2
 * minutes (a hung SSH session), or at once when it was made on this host
 * (gethostname) by a process that no longer exists; stale claims are
 * deleted when seen.
 * store_claim: claim id for this handle (or refresh its claim).  Returns 0
 * when no other live screen holds it, 1 when another does (the claim is
 * still made; *other, if given, describes the earliest other, with
 * others = how many), -1 on error (no such interview, read-only, I/O).
 * store_heartbeat: the same, every ~30 s while the screen is open; a claim
 * lost meanwhile (taken over as stale) is made again.
 * store_release: drop this handle's claim; 0 or -1. */
typedef struct store_claim_info {
	char host[256];
	char user[256];       /* login name */
	int64_t pid;
	int64_t since;        /* when that screen claimed it (Unix time) */
	int64_t heartbeat;    /* its last heartbeat (Unix time) */
	int others;           /* other live screens, 0 if none */
} store_claim_info;

int store_claim(store *st, int64_t id, store_claim_info *other);
int store_heartbeat(store *st, int64_t id, store_claim_info *other);
int store_release(store *st, int64_t id);
/* Tests: the time claims use and judge staleness by (0: the real clock). */
void store_set_now(store *st, int64_t now);

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
	int answered, nquestions;   /* questions answered (interview_answered) */
} store_row;

/* One page of interviews, most recently updated first.  match (or NULL)
 * keeps the rows it matches, newest (highest ID) first: every word of it
 * (split at white space) begins a word of the employee, role, department
 * or manager, or the ID, in any case (Unicode: 'åkesson' finds
 * 'Åkesson'; å ä ö are not a and o); a match with no letter or digit
 * keeps every row.  The names' index (schema 9) makes a page cost the
 * same however many interviews there are or match.  (On a file before
 * schema 9 read in place: the rows whose employee, role, department or ID
 * contain match, ASCII case-insensitive, most recently updated first.)
 * Returns the number of rows (<= limit) or -1. */
int store_list(store *st, enum store_filter f, const char *match,
	       int offset, int limit, store_row **rows);
/* Keyset paging in store_list's order (most recently updated first, then
 * by ID), for lists of any size: each page reads from the cursor on in
 * the index (no OFFSET, which re-reads every row before it).  A page
 * holds at most limit rows with id <= max_id and, unless min_updated is
 * INT64_MIN, updated >= min_updated, coming after the row (after_updated,
 * after_id) in that order (after_id 0: from the top).  Returns the number
 * of rows or -1. */
typedef struct store_page {
	enum store_filter filter;
	int64_t min_updated, max_id;
	int64_t after_updated, after_id;
	int limit;
} store_page;
int store_list_page(store *st, const store_page *p, store_row **rows);
/* The rows of store_list(STORE_ALL, match) next to edge, a row of that
 * list: at most limit after it, or (before) before it, in list order.
 * Read on in the index from edge, so that a page costs the same however
 * deep in the list it is.  Returns the number of rows, -1 on an error, or
 * -2 for a match on a file before schema 9 read in place (no index to
 * read on in: use store_list). */
int store_list_next(store *st, const char *match, const store_row *edge, bool before, int limit,
		    store_row **rows);
/* The largest `updated` and ID now (0 for none): where a paged listing
 * begins.  0 or -1. */
int store_list_bounds(store *st, int64_t *max_updated, int64_t *max_id);
/* The upcoming interviews: open ones whose interview date is today (a
 * YYYY-MM-DD) or later, soonest first (then by ID); at most limit (-1:
 * all).  Returns the number of rows or -1. */
int store_list_upcoming(store *st, const char *today, int limit, store_row **rows);
int store_count(store *st, enum store_filter f, const char *match);
void store_rows_free(store_row *rows, int n);
/* The interviews whose employee is name, case folded beyond ASCII
 * (utf8_fold) and blanks around it ignored: their IDs, lowest first,
 * into ids[0..max); returns how many there are (possibly more than max;
 * 0: none), or -1. */
int store_find_employee(store *st, const char *name, int64_t *ids, int max);

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

/* For summaries: in the same read transaction, first month_fn(ym, n,
 * arg) for each month ("YYYY-MM", or "" for no day) with the number n of
 * interviews of the range whose day is in it, then fn for each of them as
 * store_foreach does without notes: the two passes of summary.h see one
 * snapshot. */
int store_foreach_counted(store *st, const char *since, const char *until,
			  void (*month_fn)(const char *ym, int64_t n, void *arg),
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
