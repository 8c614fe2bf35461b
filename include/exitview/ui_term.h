/* ui_term.h — the terminal under the screens: setup and teardown, keys as
 * plain integers, signals, colours and safe text drawing.
 *
 * Keys: a character is its code point; a curses key code (KEY_UP, KEY_F(1))
 * is UI_FN(code); a few special values (< 0) say why no key came.
 */
#ifndef EXITVIEW_UI_TERM_H
#define EXITVIEW_UI_TERM_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "exitview/config.h"
#include "exitview/util.h"

#define UI_KEY_FN 0x40000000
#define UI_FN(k) (UI_KEY_FN | (k))
#define UI_CTRL(c) ((c) & 0x1f)
#define UI_ESC 27

/* Key codes we teach ncurses ourselves (beyond KEY_MAX). */
#define UI_RAW_CLEFT (KEY_MAX + 101)
#define UI_RAW_CRIGHT (KEY_MAX + 102)
#define UI_RAW_PASTE_BEGIN (KEY_MAX + 103)
#define UI_RAW_PASTE_END (KEY_MAX + 104)
#define UI_KEY_CLEFT UI_FN(UI_RAW_CLEFT)
#define UI_KEY_CRIGHT UI_FN(UI_RAW_CRIGHT)
#define UI_KEY_PASTE_BEGIN UI_FN(UI_RAW_PASTE_BEGIN)
#define UI_KEY_PASTE_END UI_FN(UI_RAW_PASTE_END)
#define UI_KEY_RESIZE UI_FN(KEY_RESIZE)

#define UI_KEY_TIMEOUT (-1)   /* nothing within the timeout */
#define UI_KEY_HANGUP (-2)    /* SIGHUP, or the terminal is gone */
#define UI_KEY_TERM (-3)      /* SIGTERM or SIGINT from outside */
#define UI_KEY_AGAIN (-4)     /* interrupted: look at the flags, read again */

/* How a screen ended. */
enum ui_result {
	UI_R_LEAVE = 0,   /* the user left; everything saved */
	UI_R_CLOSED,      /* interview closed, report written */
	UI_R_CANCEL,      /* a form was cancelled */
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

bool ui_term_utf8(void);
attr_t ui_attr(enum ui_style s);

/* Read one key from w (keypad on) waiting at most timeout_ms (-1: no
 * limit).  Returns a key or one of the UI_KEY_* values above. */
int ui_term_getkey(WINDOW *w, int timeout_ms);
/* After ui_term_getkey() returned UI_KEY_PASTE_BEGIN: append the pasted
 * bytes, as the terminal sent them, to out up to the paste-end mark (not
 * included).  Keys ncurses had already taken in come first; the rest is
 * read from the terminal in large chunks, and whatever followed the end
 * mark in the last chunk is handed back to ui_term_getkey() in order.
 * Returns 0 at the end mark; UI_KEY_TIMEOUT when idle_ms pass without a
 * byte and without the end mark; UI_KEY_HANGUP / UI_KEY_TERM (out then
 * holds what came so far). */
int ui_term_read_paste(WINDOW *w, strbuf *out, int idle_ms);
/* A pending signal as UI_KEY_HANGUP / UI_KEY_TERM, or 0. */
int ui_term_pending_signal(void);

/* Ctrl-Z: leave curses, stop, come back; the caller redraws everything. */
void ui_term_suspend(void);
/* Run $VISUAL / $EDITOR / vi on text in a private temporary file and read
 * it back (*out malloc'd).  Returns 0, or -1 with ev_seterr(). */
int ui_term_edit_external(const char *text, char **out);

/* The terminal is smaller than a screen needs (80x24). */
bool ui_term_too_small(void);
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

/* The code point typed as UTF-8 (out gets 1..4 bytes); returns the length. */
size_t ui_key_utf8(int key, char *out);
/* True for a key that is a printable character (inserted as text). */
bool ui_key_printable(int key);

#endif
