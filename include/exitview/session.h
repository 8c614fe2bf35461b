/* session.h — one interview being held, without a terminal: the notes of
 * the current part in a text buffer, and the "never lose a word" policy
 * (what is unsaved, when it is saved, what happens when a save fails or
 * another writer saved first, where text goes when the database refuses).
 * The screen (ui_interview.c) draws it and turns keys into these calls;
 * tests drive it with a fake clock.
 *
 * Saving: the notes are saved after settings.autosave_seconds without an
 * edit, and at the latest that long after the first unsaved edit (steady
 * typing is saved too); on every switch of part, a rating, a paste, the
 * external editor, leaving and closing.  A failed save keeps everything
 * in memory, is reported as the state SESSION_ERROR with the reason, and
 * is retried every SESSION_RETRY_MS.  The position (part, cursor, elapsed
 * minutes) is saved at most every SESSION_POSITION_MS, when it moved.
 * Another writer's text is never overwritten: both are kept (see
 * session_flush).  The interview's claim is renewed every
 * SESSION_HEARTBEAT_MS, and a newly seen other screen is reported.
 *
 * Memory: a note is held once.  While a part is in the text buffer its
 * string in the interview is a stand-in of at most one character (""
 * empty, " " blank, "x" noted), which is what interview_qstate() and the
 * list's marks ask; session_close() gives every text back.
 *
 * Parts ("rows") are numbered 0..nrows-1: the questions, then the
 * observations, then the action items; slots are the interview's
 * (interview.h). */
#ifndef EXITVIEW_SESSION_H
#define EXITVIEW_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exitview/config.h"
#include "exitview/interview.h"
#include "exitview/recovery.h"
#include "exitview/store.h"
#include "exitview/textbuf.h"
#include "exitview/util.h"

#define SESSION_RETRY_MS     1000    /* a failed save is tried again */
#define SESSION_POSITION_MS  10000   /* the position is saved at most this often */
/* The claim is renewed each minute: well within the two minutes after
 * which another screen takes a silent claim for a hung session's. */
#define SESSION_HEARTBEAT_MS 60000

enum session_state { SESSION_SAVED, SESSION_PENDING, SESSION_ERROR, SESSION_READONLY };

/* What the status line shows of the saving (session_shown): calm while
 * typing goes on as planned, so that typing changes nothing on screen
 * but the text.
 *   SHOWN_QUIET     nothing: edits are on their way to the next autosave
 *                   (typing goes on; the notes were saved by the steady
 *                   autosave at most a second ago, or are due within it)
 *   SHOWN_SAVED     "saved": everything is saved and typing has paused
 *                   (or a part switch, rating, paste... saved it)
 *   SHOWN_LATE      "saving…": unsaved edits older than the autosave
 *                   interval plus SESSION_LATE_MS (a save that is late)
 *   SHOWN_ERROR     "NOT SAVED" (session_state SESSION_ERROR)
 *   SHOWN_READONLY  "read-only"
 * Nothing says "saved" that is not: SHOWN_SAVED only in SESSION_SAVED. */
enum session_shown { SHOWN_QUIET, SHOWN_SAVED, SHOWN_LATE, SHOWN_ERROR, SHOWN_READONLY };
#define SESSION_LATE_MS 1000

/* What changed for the screen since it last asked (session_take_changes). */
enum {
	SESSION_CH_MARKS = 1,    /* a part's state mark or notes (the list) */
	SESSION_CH_TEXT = 2,     /* the text buffer was replaced (a merge, a restore) */
	SESSION_CH_ANSWER = 4,   /* a rating, skip or follow-up (list, prompt, bar) */
	SESSION_CH_STATE = 8,    /* the save state or its reason */
};

/* Milliseconds of a monotonic clock; arg is the clock's own. */
typedef long long (*session_clock)(void *arg);
/* A word for the interviewer: error true for what must be read (a
 * conflict, another screen), false for a remark. */
typedef void (*session_notice)(void *arg, bool error, const char *msg);

/* The UI reads these fields; only session_*() change them. */
typedef struct session {
	store *st;
	const settings *cfg;
	interview *iv;
	bool ro;                 /* closed: nothing is written */
	int nrows;               /* questions + observations + action items */
	int row;                 /* the part in the text buffer */
	textbuf *tb;             /* row's notes */
	char *save_err;          /* why the last save failed; NULL: it did not */
	recovery_file *recov;    /* recovery files of this interview, offered */
	int nrecov;
	strbuf exit_note;        /* where unsaved text went, for after the screen */

	/* the rest is the session's own */
	session_clock clock;
	void *clock_arg;
	session_notice notice;
	void *notice_arg;
	unsigned changes;
	uint64_t saved_gen;      /* tb_generation() last taken for saving */
	size_t *cursor;          /* per row: where the cursor was */
	bool *notes_unsaved;     /* per row */
	bool *answer_unsaved;    /* per question */
	bool pos_unsaved;
	bool details_unsaved;
	long long t_open, last_edit, first_edit, last_retry, last_pos, last_heartbeat;
	bool steady_save;        /* the notes were last saved while typing went on */
	int64_t elapsed0;        /* seconds the interview had run when opened */
	int pos_row;             /* the position last saved */
	size_t pos_cursor;
	int64_t pos_minute;
	int others_seen;         /* other screens on it at the last look */
	char *editor_dir;        /* the external editor's copy, kept until saved */
} session;

/* Open iv (loaded from st, not closed or closed: read-only) at its saved
 * part and cursor.  clock NULL: the real monotonic clock.  An open one
 * also finds its recovery files (recov).  Never fails (memory aborts). */
session *session_open(store *st, const settings *cfg, interview *iv, session_clock clock, void *clock_arg);
void session_on_notice(session *s, session_notice fn, void *arg);
/* Claim the interview for this screen (store_claim); another screen on it
 * is reported as a notice.  No-op when read-only. */
void session_claim(session *s);
/* The end: a final save (unless closed), the claim released, every text
 * back in the interview (which the caller keeps), and the session freed.
 * *exit_note (malloc'd or NULL): where unsaved text went. */
void session_close(session *s, bool save, char **exit_note);

/* Rows and slots. */
int session_slot_of(const session *s, int row);
int session_row_of(const session *s, int slot);
bool session_is_question(const session *s, int row);
/* Row r in words: "question 3", "observations", "action items". */
const char *session_row_noun(const session *s, int r, char *buf, size_t size);
/* Row r's notes as the interview holds them (the stand-in for s->row). */
const char *session_row_notes(const session *s, int r);

long long session_now(const session *s);
/* Seconds the interview has run (stands still when closed). */
int64_t session_elapsed(const session *s);
enum session_state session_state(const session *s);
/* What the status line shows now (see enum session_shown); it changes
 * by itself at most at the times session_due() includes. */
enum session_shown session_shown(const session *s);
unsigned session_take_changes(session *s);

/* After the caller changed s->tb (typing, a cut, an undo). */
void session_edited(session *s);
/* Move to another part: the current one is saved first. */
void session_switch_row(session *s, int row);
/* Question q's rating, skip or follow-ups changed (in s->iv): saved now. */
void session_answer_changed(session *s, int q);
/* The details form could not save the details: they are retried here. */
void session_details_unsaved(session *s);
/* Replace the current part's notes with what the external editor left
 * (its directory editor_dir is removed once the text is saved, else kept
 * and named if the text must go to a recovery file).  Saved at once. */
void session_from_editor(session *s, const char *text, size_t len, char *editor_dir);

/* Save everything unsaved; 0, or -1 with s->save_err set.  On a conflict
 * (another writer saved first) notes keep both texts — what is stored, a
 * line saying so, then this screen's — and ratings keep this screen's,
 * follow-ups asked anywhere stay asked; a notice says so. */
int session_flush(session *s);
/* The same, the position included (leaving, closing, hang-up). */
int session_flush_all(session *s);
/* Autosave, retries, the position, the heartbeat, as due now. */
void session_tick(session *s);
/* Milliseconds until the next of those is due; -1: none (read-only). */
long long session_due(const session *s);

/* Save everything, then write the report and close (finish.h).  0, or
 * -1 with ev_lasterr() (it says whether it closed). */
int session_finish(session *s, char **report_path);
/* The database refuses and we must go: everything unsaved goes to
 * recovery files (recovery.h), never overwriting one; s->exit_note says
 * where.  0 if all of it is on disk. */
int session_write_recovery(session *s);
/* F5: the recovery files' notes go back into their parts (after what is
 * there, unless it is there already) and, once saved, the files are
 * marked restored; a notice says what happened. */
void session_restore_recovered(session *s);
/* Out of memory (nothing may allocate): the unsaved notes into emergency
 * files in dir; *kept and *lost count the parts, first names the first
 * file written. */
void session_oom_keep(session *s, const char *dir, char *first, size_t size, int *kept, int *lost);

#endif
