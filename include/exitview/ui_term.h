/* ui_term.h — the terminal under the screens: setup and teardown, the
 * input layer (bytes read by exitview and decoded by keydecode.h, so that
 * neither the locale nor terminfo can swallow or misread a key), signals,
 * colours and safe text drawing.
 *
 * Keys are keydecode.h's: a character is its code point, function keys
 * are KD_*, Alt is KD_ALT(key); a few values (< 0) say why no key came.
 */
#ifndef EXITVIEW_UI_TERM_H
#define EXITVIEW_UI_TERM_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "exitview/config.h"
#include "exitview/keydecode.h"
#include "exitview/util.h"

#define UI_CTRL(c) KD_CTRL(c)
#define UI_ESC KD_ESC

#define UI_KEY_TIMEOUT (-1)   /* nothing within the timeout */
#define UI_KEY_HANGUP (-2)    /* SIGHUP, or the terminal is gone */
#define UI_KEY_TERM (-3)      /* SIGTERM or SIGINT from outside */
#define UI_KEY_RESIZE (-4)    /* the terminal has a new size (LINES, COLS set) */

/* The smallest terminal every screen works in: the interview screen's
 * prompt (4 rows), notes bar and notes (8 rows) above two status rows, in
 * the columns the start screen's table needs. */
#define UI_MIN_COLS 80
#define UI_MIN_LINES 15

/* How a screen ended. */
enum ui_result {
	UI_R_LEAVE = 0,   /* the user left; everything saved */
	UI_R_CLOSED,      /* interview closed, report written */
	UI_R_CANCEL,      /* a form was cancelled */
	UI_R_QUIT,        /* leave the screen below too (Ctrl-X/Ctrl-Q in a form) */
	UI_R_HANGUP,      /* SIGHUP / terminal gone: saved, exit now */
	UI_R_TERM,        /* SIGTERM / SIGINT: saved, exit now */
	UI_R_ERROR,       /* ev_lasterr() says why */
};

enum ui_style {
	US_NORMAL = 0,
	US_TITLE,       /* pane titles, the prompt */
	US_SELECTED,    /* the selected row of the focused pane */
	US_CURRENT,     /* the selected row of an unfocused pane */
	US_DIM,         /* hints, secondary text */
	US_STATUS,      /* the status line */
	US_ERROR,       /* NOT SAVED, refusals */
	US_OK,          /* "saved" */
	US_MARK,        /* state marks, ratings */
	US_BORDER,
	US_HINT,        /* the interviewer's hint under a prompt (italic) */
	US_COUNT
};

/* Set the locale, check the terminal, install the signal flags, start
 * curses.  Returns 0, or -1 with ev_seterr() (nothing left changed). */
int ui_term_init(const settings *cfg);
/* Restore the terminal (clears the screen for privacy first). Idempotent. */
void ui_term_end(void);
bool ui_term_active(void);

/* The locale's character set is UTF-8.  When it is not (a C/POSIX locale)
 * keys are still read as UTF-8, but letters outside ASCII are drawn '?'. */
bool ui_term_utf8(void);
attr_t ui_attr(enum ui_style s);

/* Read one key, waiting at most timeout_ms (-1: no limit).  Returns a
 * key or one of the UI_KEY_* values above.  Only a real hang-up is
 * UI_KEY_HANGUP: SIGHUP, EIO/ENXIO from the terminal, POLLHUP, or an end of
 * file; bytes that make no key (an unknown escape sequence) are KD_UNKNOWN
 * once, and an invalid UTF-8 byte is a character (its Latin-1 meaning). */
int ui_term_getkey(int timeout_ms);
/* After ui_term_getkey() returned KD_PASTE_BEGIN: append the pasted text
 * (as kd_text() reads bytes) to out up to the paste-end mark, reading the
 * terminal in large chunks; what followed the mark is left for
 * ui_term_getkey().  Returns 0 at the end mark; UI_KEY_TIMEOUT when idle_ms
 * pass without a byte; UI_KEY_HANGUP / UI_KEY_TERM (out then holds what
 * came so far). */
int ui_term_read_paste(strbuf *out, int idle_ms);
/* A pending signal as UI_KEY_HANGUP / UI_KEY_TERM, or 0. */
int ui_term_pending_signal(void);

/* Ctrl-Z: leave curses, stop, come back; the caller redraws everything. */
void ui_term_suspend(void);
/* Run $VISUAL, $EDITOR, else the first of sensible-editor, editor and vi
 * found in PATH, on text in a private temporary file and read it back
 * (*out malloc'd).  Ctrl-C and Ctrl-\\ meanwhile are the editor's, not
 * ours.  After a hang-up meanwhile, what the editor wrote (or nano's
 * emergency FILE.save) is still returned.  *workdir (malloc'd) is the
 * private directory that still holds the editor's copy: pass it to
 * fs_remove_dir() (fsutil.h) once the text is safe.  Returns 0, or -1 with
 * ev_seterr() (the directory then already removed). */
int ui_term_edit_external(const char *text, char **out, char **workdir);

/* newwin() for a screen's window: a full-screen window of curses clears
 * the whole terminal at its first refresh, which costs a full repaint;
 * this one is sent as the difference like any (ui_update.h).  NULL when
 * curses has no memory. */
WINDOW *ui_newwin(int nlines, int ncols, int y, int x);

/* The terminal is smaller than UI_MIN_COLS x UI_MIN_LINES. */
bool ui_term_too_small(void);
/* Draw the "too small" message (wnoutrefresh; the caller updates). */
void ui_term_draw_too_small(void);

/* Drawing that never sends a raw control byte to the terminal: controls
 * and (outside a UTF-8 locale) non-ASCII characters are drawn as '?' in
 * the columns utf8_cpwidth() gives them; a tab is one blank, as the
 * editor's layout counts it.  Draws at most maxcols columns
 * from (y, x) and returns the columns used. */
int ui_put(WINDOW *w, int y, int x, const char *s, size_t len, int maxcols, attr_t a);
int ui_putz(WINDOW *w, int y, int x, const char *s, int maxcols, attr_t a);
/* Like ui_putz, but an over-long text ends in "…" ("~" in ASCII). */
int ui_put_trunc(WINDOW *w, int y, int x, const char *s, int maxcols, attr_t a);
/* Fill n cells from (y, x) with blanks. */
void ui_blank(WINDOW *w, int y, int x, int n, attr_t a);
/* Line drawing: box characters, or - | + outside a UTF-8 locale. */
void ui_hline(WINDOW *w, int y, int x, int n, attr_t a);
void ui_vline(WINDOW *w, int y, int x, int n, attr_t a);

/* Word-wrap s to width columns: calls fn(start, end, arg) per row (byte
 * offsets into s, end excluding the newline).  Returns the row count. */
int ui_wrap(const char *s, int width, void (*fn)(size_t start, size_t end, void *arg), void *arg);

/* The code point typed as UTF-8 (out gets 1..4 bytes); returns the length
 * (0 for a key that is not a character). */
size_t ui_key_utf8(int key, char *out);
/* True for a key that is a printable character (inserted as text). */
bool ui_key_printable(int key);

#endif
