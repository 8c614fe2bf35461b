/* ui_loop.h — the one event loop under every screen (interview, start
 * screen, forms, help).  A screen is a ui_view: handlers for a key, a
 * paste, a new size, drawing and its own timers, each returning what it
 * damaged.  The loop reads the keys (ui_term_getkey), handles what is the
 * same everywhere — SIGHUP/SIGTERM and a dead terminal, resize and
 * "terminal too small", bracketed paste, F1 help, Ctrl-L, Ctrl-Z — and
 * draws once when the keys waiting have all been handled, so a burst of
 * input costs one screen update.
 *
 * While the terminal is too small the loop shows so, and keys still go to
 * the view (typing is kept); layout and draw wait until it is big enough.
 */
#ifndef EXITVIEW_UI_LOOP_H
#define EXITVIEW_UI_LOOP_H

#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>

#include "exitview/ui_term.h"
#include "exitview/util.h"

/* A handler's "everything": the loop lays the view out again and redraws
 * all of it (after a nested view, or the terminal was left). */
#define UI_DAMAGE_ALL (~0u)

typedef struct ui_view ui_view;
struct ui_view {
	/* one key (a character, KD_*, KD_ALT(...)); returns the damage */
	unsigned (*key)(ui_view *v, int key);
	/* pasted text (valid UTF-8 as kd_text() gives it; NULL: pasted text is
	 * typed key by key) */
	unsigned (*paste)(ui_view *v, const char *text, size_t len);
	/* the terminal is big enough at a new size (or for the first time):
	 * make or place the windows */
	void (*layout)(ui_view *v);
	/* draw what damage says (wnoutrefresh); the loop calls doupdate() */
	void (*draw)(ui_view *v, unsigned damage);
	/* optional: milliseconds until tick() is due (-1: none), and the tick */
	int (*until_tick)(ui_view *v);
	unsigned (*tick)(ui_view *v);
	/* optional: save everything before the terminal is left (Ctrl-Z) */
	void (*save)(ui_view *v);
	/* SIGHUP, SIGTERM or a dead terminal (why: UI_R_HANGUP / UI_R_TERM):
	 * save what can be saved and set done; the loop then returns */
	void (*hangup)(ui_view *v, enum ui_result why);
	unsigned pane;          /* where the key table is looked up (P_*) */
	bool done;              /* set by a handler: the loop returns result */
	enum ui_result result;
};

/* Run v until a handler sets v->done; returns v->result.  Runs nested
 * too: a handler may run another view (a form, the help) and then see a
 * hang-up it met in the result (the nested view has saved its part). */
enum ui_result ui_loop_run(ui_view *v);

/* The latest word for the interviewer on a screen's status line: error
 * true for what must be read (shown as an error), false for a remark. */
typedef struct ui_msg {
	char text[400];
	bool error;
} ui_msg;

void ui_msg_set(ui_msg *m, bool error, const char *fmt, ...) EV_PRINTF(3, 4);
void ui_msg_vset(ui_msg *m, bool error, const char *fmt, va_list ap);

#endif
