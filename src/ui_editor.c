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
	/* Only the bytes that can be on screen are looked at, so a key costs
	 * the same in a long field as in a short one: at most `span` bytes
	 * either side of the cursor (a column is at most 4 bytes, a few more
	 * with combining marks). */
	size_t len = tb_len(tb), cur = tb_cursor(tb);
	size_t span = (size_t)(cols > 0 ? cols : 1) * 8 + 16;
	size_t from = cur > span ? cur - span : 0;
	while (from < cur && (tb_byte(tb, from) & 0xC0) == 0x80)
		from++;
	size_t to = len - cur > span ? cur + span : len;
	while (to > cur && to < len && (tb_byte(tb, to) & 0xC0) == 0x80)
		to--;
	char small[2048];
	char *buf = to - from < sizeof small ? small : xmalloc(to - from + 1);
	tb_copy(tb, from, to, buf);
	size_t n = to - from, c = cur - from;
	/* scroll right just enough that the cursor fits, keeping one column
	 * for it: walk back from the cursor while the columns fit */
	size_t start = c;
	int width = 0;
	while (start > 0) {
		size_t p = utf8_prev(buf, start);
		int cw = (int)utf8_width(buf + p, start - p);
		if (width + cw > cols - 1)
			break;
		width += cw;
		start = p;
	}
	ui_blank(w, y, x, cols, a);
	ui_put(w, y, x, buf + start, n - start, cols, a);
	int cc = width >= cols ? cols - 1 : width;
	wmove(w, y, x + cc);
	if (buf != small)
		free(buf);
}
