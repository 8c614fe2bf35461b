/* ui_update.c — the screen update that sends the least (ui_update.h).
 *
 * When more than half the lines changed, the screen is weighed whole:
 * the difference of every changed line against a clear and a paint of
 * every line; a clear (clearok) is taken when it is cheaper.  Fewer
 * changed lines are always sent as their difference.
 *
 * The estimate, per changed line, in bytes: a cell written costs one, a
 * run of cells the cursor can jump costs at most a cursor move (MOVE), a
 * change of attributes between cells written costs SGR, clearing to the
 * end of the line EL.  As curses sends a difference: from the first cell
 * that differs to the last, the equal runs inside jumped, and an end of
 * the line that becomes blank cleared.  As a clear and paint: EL, then
 * the non-blank cells, the blank runs between them jumped (a line that
 * did not change is painted again after a clear).  The changed lines are
 * counted first (is_linetouched on newscr), so typing a key costs no
 * look at the cells.  Both screens are read with mvwin_wch, and their
 * cursors put back where they were. */
#include "exitview/ui_update.h"

#include <curses.h>
#include <stdbool.h>
#include <stdlib.h>
#include <wchar.h>

#include "exitview/util.h"

enum { MOVE = 6, SGR = 8, EL = 3, CLEAR = 7, MARGIN = 16 };

typedef struct cell {
	wchar_t ch;        /* the first character of the cell (0: none) */
	attr_t attrs;
	short pair;
} cell;

static void read_line(WINDOW *w, int y, int cols, cell *out)
{
	for (int x = 0; x < cols; x++) {
		cchar_t c;
		wchar_t wch[CCHARW_MAX + 1] = { 0 };
		attr_t a = 0;
		short pair = 0;
		out[x] = (cell){ 0, 0, 0 };
		if (mvwin_wch(w, y, x, &c) == OK && getcchar(&c, wch, &a, &pair, NULL) != ERR)
			out[x] = (cell){ wch[0], a & ~A_CHARTEXT, pair };
	}
}

static bool same(const cell *a, const cell *b)
{
	return a->ch == b->ch && a->attrs == b->attrs && a->pair == b->pair;
}

static bool blank(const cell *c)
{
	return (c->ch == L' ' || c->ch == 0) && (c->attrs & ~A_CHARTEXT) == 0 && c->pair == 0;
}

static bool same_look(const cell *a, const cell *b)
{
	return a->attrs == b->attrs && a->pair == b->pair;
}

/* Bytes to write the cells [from, to] of nw that differ from old (diff)
 * or are not blank (a paint after a clear), the others between them
 * jumped. */
static long paint_cost(const cell *nw, const cell *old, int from, int to, bool diff)
{
	long cost = 0;
	int run = 0;
	const cell *prev = NULL;
	for (int x = from; x <= to; x++) {
		bool write = diff ? !same(&nw[x], &old[x]) : !blank(&nw[x]);
		if (!write) {
			run++;
			continue;
		}
		cost += run < MOVE ? run : MOVE;
		run = 0;
		if (prev && !same_look(prev, &nw[x]))
			cost += SGR;
		prev = &nw[x];
		cost += 1;
	}
	return cost;
}

/* The two estimates for one line; false when it did not change. */
static bool weigh(const cell *old, const cell *nw, int cols, long *as_diff, long *as_clear)
{
	int first = -1, last = -1, nb_first = -1, nb_last = -1;
	bool old_tail = false;   /* old text right of the new line's last non-blank */
	for (int x = 0; x < cols; x++) {
		if (!same(&old[x], &nw[x])) {
			if (first < 0)
				first = x;
			last = x;
		}
		if (!blank(&nw[x])) {
			if (nb_first < 0)
				nb_first = x;
			nb_last = x;
		}
	}
	if (first < 0)
		return false;
	for (int x = nb_last + 1; x < cols; x++)
		old_tail |= !blank(&old[x]);
	long d = MOVE;
	int end = last;
	if (old_tail && last > nb_last) {
		end = nb_last;   /* curses clears the end of the line */
		d += EL;
	}
	if (end >= first)
		d += paint_cost(nw, old, first, end, true);
	long c = MOVE + EL;
	if (nb_first >= 0)
		c += paint_cost(nw, old, nb_first, nb_last, false);
	*as_diff = d;
	*as_clear = c;
	return true;
}

void ui_update(void)
{
	static bool first = true;   /* curses clears the terminal at its first update */
	int rows = getmaxy(newscr), cols = getmaxx(newscr);
	if (first || rows <= 0 || cols <= 0 || is_cleared(curscr) || is_cleared(newscr)) {
		first = false;
		doupdate();   /* a full repaint asked for (Ctrl-L), or the first */
		return;
	}
	int touched = 0;
	for (int y = 0; y < rows; y++)
		touched += is_linetouched(newscr, y) == TRUE;
	if (touched * 2 < rows) {
		doupdate();   /* a few lines: their difference is the least */
		return;
	}
	int ny, nx, cy, cx;
	getyx(newscr, ny, nx);
	getyx(curscr, cy, cx);
	cell *old = xcalloc((size_t)cols, sizeof *old), *nw = xcalloc((size_t)cols, sizeof *nw);
	long as_diff = 0, as_clear = CLEAR;
	for (int y = 0; y < rows; y++) {
		long d = 0, c;
		read_line(curscr, y, cols, old);
		read_line(newscr, y, cols, nw);
		if (!weigh(old, nw, cols, &d, &c))
			c = MOVE + paint_cost(nw, old, 0, cols - 1, false);   /* unchanged: painted again */
		as_diff += d;
		as_clear += c - EL;   /* the screen is cleared once */
	}
	free(old);
	free(nw);
	wmove(curscr, cy, cx);
	wmove(newscr, ny, nx);
	if (as_clear + MARGIN < as_diff)
		clearok(curscr, TRUE);
	doupdate();
}
