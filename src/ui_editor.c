/* ui_editor.c — draw a textbuf: the notes pane and the form's text fields.
 * Only the window's contents are rewritten; curses sends the difference,
 * so typing one character costs about one character on the wire. */
#include "exitview/ui_editor.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/keydecode.h"
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

bool ui_field_key(textbuf *tb, enum ui_action a, int key, ui_msg *msg,
		  ui_field_insert_fn insert, void *ctx)
{
	switch (a) {
	case A_ED_LEFT: tb_left(tb); break;
	case A_ED_RIGHT: tb_right(tb); break;
	case A_ED_WORD_LEFT: tb_word_left(tb); break;
	case A_ED_WORD_RIGHT: tb_word_right(tb); break;
	case A_ED_HOME: case A_ED_LINE_START: tb_line_start(tb); break;
	case A_ED_END: case A_ED_LINE_END: tb_line_end(tb); break;
	case A_ED_BACKSPACE: tb_backspace(tb); break;
	case A_ED_DELETE: tb_delete(tb); break;
	case A_ED_CUT_EOL: tb_cut_to_eol(tb); break;
	case A_ED_CUT_BOL: tb_cut_to_bol(tb); break;
	case A_ED_CUT_WORD: tb_cut_word_back(tb); break;
	case A_ED_YANK: insert(ctx, tb_kill_text(tb), strlen(tb_kill_text(tb))); break;
	case A_UNDO: if (!tb_undo(tb)) ui_msg_set(msg, false, "nothing to undo"); break;
	case A_REDO: if (!tb_redo(tb)) ui_msg_set(msg, false, "nothing to redo"); break;
	case A_CHOICE_NEXT: insert(ctx, " ", 1); break;   /* Space in a text field */
	case A_NONE:
		if (ui_key_printable(key)) {
			char u[4];
			insert(ctx, u, ui_key_utf8(key, u));
		} else if (key == KD_UNKNOWN) {
			ui_msg_set(msg, false, "an unknown key sequence was ignored (F1 lists the keys)");
		} else {
			ui_msg_set(msg, false, "that key does nothing here (F1 lists the keys)");
		}
		break;
	default:
		return false;
	}
	return true;
}

size_t ui_field_fit(textbuf *tb, const char *text, size_t len, size_t max)
{
	size_t have_len;
	char *have = tb_text(tb, &have_len);
	size_t have_n = utf8_length(have, have_len);
	free(have);
	size_t room = have_n < max ? max - have_n : 0, fit = 0;
	for (size_t n = 0; n < room && fit < len; n++)
		fit = utf8_next(text, len, fit);
	return fit;
}
