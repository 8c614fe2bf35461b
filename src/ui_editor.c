/* ui_editor.c — draw a textbuf: the notes pane and the form's text fields.
 * Only the window's contents are rewritten; curses sends the difference,
 * so typing one character costs about one character on the wire. */
#include "exitview/ui_editor.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/utf8.h"
#include "exitview/util.h"

int ui_editor_width(int cols)
{
	return cols > 2 ? cols - 1 : 1;
}

void ui_editor_draw(WINDOW *w, textbuf *tb, const char *placeholder)
{
	int rows, cols;
	getmaxyx(w, rows, cols);
	(void)cols;
	int width = ui_editor_width(getmaxx(w));
	tb_row view[512];
	if (rows > 512)
		rows = 512;
	int cr = 0, cc = 0;
	int n = tb_layout(tb, width, rows, view, &cr, &cc);
	werase(w);
	if (tb_len(tb) == 0 && placeholder)
		ui_putz(w, 0, 0, placeholder, width, ui_attr(US_DIM));
	char small[1024];
	for (int i = 0; i < n; i++) {
		size_t len = view[i].end - view[i].start;
		char *buf = len < sizeof small ? small : xmalloc(len + 1);
		tb_copy(tb, view[i].start, view[i].end, buf);
		ui_put(w, i, 0, buf, len, width, A_NORMAL);
		if (buf != small)
			free(buf);
	}
	if (cc > width)
		cc = width;
	if (cr < 0)
		cr = 0;
	if (cr >= rows)
		cr = rows - 1;
	wmove(w, cr, cc);
}

void ui_editor_draw_line(WINDOW *w, int y, int x, int cols, textbuf *tb, attr_t a)
{
	size_t len;
	char *text = tb_text(tb, &len);
	size_t cur = tb_cursor(tb);
	size_t start = 0;
	/* scroll right until the cursor fits, keeping one column for it */
	while (start < cur && (int)utf8_width(text + start, cur - start) > cols - 1)
		start = utf8_next(text, len, start);
	ui_blank(w, y, x, cols, a);
	ui_put(w, y, x, text + start, len - start, cols, a);
	int cc = (int)utf8_width(text + start, cur - start);
	if (cc >= cols)
		cc = cols - 1;
	wmove(w, y, x + cc);
	free(text);
}
