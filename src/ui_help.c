/* ui_help.c — the F1 help overlay: every row of the key table, by section. */
#include "exitview/ui_help.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/ui_keys.h"
#include "exitview/util.h"

typedef struct helpline {
	const char *section;   /* a heading line, or NULL */
	const char *keys;      /* keys column (first line of a row only) */
	const char *text;      /* help text of the row */
	size_t start, end;     /* the part of text on this line */
} helpline;

typedef struct helplines {
	helpline *v;
	int n, cap;
	const ui_keyrow *row;
	bool first;
} helplines;

static void push(helplines *h, helpline l)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->v = xrealloc(h->v, (size_t)h->cap * sizeof *h->v);
	}
	h->v[h->n++] = l;
}

static void on_row(size_t start, size_t end, void *arg)
{
	helplines *h = arg;
	helpline l = { NULL, h->first ? h->row->keys : NULL, h->row->help, start, end };
	h->first = false;
	push(h, l);
}

enum { KEYCOL = 26 };

static void build(helplines *h, int width)
{
	const char *prev = NULL;
	h->n = 0;
	for (size_t i = 0; i < ui_keytab_len; i++) {
		const ui_keyrow *r = &ui_keytab[i];
		if (!prev || strcmp(prev, r->section) != 0) {
			if (prev)
				push(h, (helpline){ NULL, NULL, NULL, 0, 0 });
			push(h, (helpline){ r->section, NULL, NULL, 0, 0 });
			prev = r->section;
		}
		h->row = r;
		h->first = true;
		ui_wrap(r->help, width - KEYCOL - 2, on_row, h);
	}
}

static void draw(WINDOW *w, helplines *h, int top)
{
	int rows = LINES - 2;
	werase(w);
	ui_blank(w, 0, 0, COLS, ui_attr(US_STATUS));
	ui_putz(w, 0, 1, "exitview keys", COLS - 2, ui_attr(US_STATUS) | A_BOLD);
	for (int i = 0; i < rows && top + i < h->n; i++) {
		const helpline *l = &h->v[top + i];
		int y = i + 1;
		if (l->section) {
			ui_putz(w, y, 1, l->section, COLS - 2, ui_attr(US_TITLE));
			continue;
		}
		if (l->keys)
			ui_putz(w, y, 3, l->keys, KEYCOL - 4, ui_attr(US_MARK));
		if (l->text)
			ui_put(w, y, KEYCOL, l->text + l->start, l->end - l->start, COLS - KEYCOL - 1, A_NORMAL);
	}
	char foot[96];
	int more = h->n - top - rows;
	snprintf(foot, sizeof foot, "Up/Down/PgUp/PgDn scroll  Esc close%s",
		 more > 0 ? "  (more below)" : "");
	ui_blank(w, LINES - 1, 0, COLS, ui_attr(US_STATUS));
	ui_putz(w, LINES - 1, 1, foot, COLS - 2, ui_attr(US_STATUS));
	wnoutrefresh(w);
	doupdate();
}

enum ui_result ui_help_show(void)
{
	helplines h = { 0 };
	WINDOW *w = newwin(LINES, COLS, 0, 0);
	enum ui_result res = UI_R_LEAVE;
	if (!w)
		return res;
	keypad(w, TRUE);
	curs_set(0);
	build(&h, COLS);
	int top = 0;
	bool done = false;
	while (!done) {
		int rows = LINES - 2;
		int maxtop = h.n - rows > 0 ? h.n - rows : 0;
		if (top > maxtop)
			top = maxtop;
		if (top < 0)
			top = 0;
		if (ui_term_too_small())
			ui_term_draw_too_small();
		else
			draw(w, &h, top);
		int key = ui_term_getkey(w, -1);
		switch (key) {
		case UI_KEY_HANGUP: res = UI_R_HANGUP; done = true; continue;
		case UI_KEY_TERM: res = UI_R_TERM; done = true; continue;
		case UI_KEY_TIMEOUT: case UI_KEY_AGAIN: continue;
		case UI_KEY_RESIZE:
			wresize(w, LINES, COLS);
			build(&h, COLS);
			continue;
		default: break;
		}
		switch (ui_keys_action(P_HELP, key)) {
		case A_UP: top--; break;
		case A_DOWN: top++; break;
		case A_PGUP: top -= rows - 1; break;
		case A_PGDN: top += rows - 1; break;
		case A_REDRAW: clearok(curscr, TRUE); break;
		default: done = true; break;   /* any other key closes */
		}
	}
	delwin(w);
	free(h.v);
	return res;
}
