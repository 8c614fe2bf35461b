/* ui_editor.h — drawing the notes editor's text (textbuf) in a window. */
#ifndef EXITVIEW_UI_EDITOR_H
#define EXITVIEW_UI_EDITOR_H

#include <stdbool.h>

#include "exitview/textbuf.h"
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

#endif
