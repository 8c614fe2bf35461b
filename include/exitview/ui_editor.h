/* ui_editor.h — a textbuf on screen: the notes editor's text drawn in a
 * window, and the one-line text fields of the forms (drawn, and their
 * editing keys). */
#ifndef EXITVIEW_UI_EDITOR_H
#define EXITVIEW_UI_EDITOR_H

#include <stdbool.h>

#include "exitview/textbuf.h"
#include "exitview/ui_keys.h"
#include "exitview/ui_loop.h"
#include "exitview/ui_term.h"

/* The wrap width used for a window of cols columns (one column is kept
 * for the cursor at the end of a full row). */
int ui_editor_width(int cols);
/* Draw the visible rows of tb in w (all of w), leave w's cursor at the
 * text cursor.  placeholder (or NULL) is shown dimmed when tb is empty. */
void ui_editor_draw(WINDOW *w, textbuf *tb, const char *placeholder);
/* A one-line field: text of tb in cols columns from (y, x), scrolled
 * sideways to show the cursor; the window's cursor is left there. */
void ui_editor_draw_line(WINDOW *w, int y, int x, int cols, textbuf *tb, attr_t a);

/* How a field takes text (typed, pasted, the last cut): its own checks
 * and limits, then tb_insert. */
typedef void (*ui_field_insert_fn)(void *ctx, const char *text, size_t len);

/* The editing key a (ui_keys_action of key in P_FORM) on the field tb:
 * moves, deletes, cuts, undo/redo, the last cut and typed characters
 * through insert; what the key did not do is said in msg.  False when a
 * is not a field's key (the form's own: next field, done...). */
bool ui_field_key(textbuf *tb, enum ui_action a, int key, ui_msg *msg,
		  ui_field_insert_fn insert, void *ctx);

/* How many bytes of text (whole characters) fit in a field holding at
 * most max characters that now holds tb's text. */
size_t ui_field_fit(textbuf *tb, const char *text, size_t len, size_t max);

#endif
