/* ui_help.c — the F1 help overlay: every row of the key table, by section,
 * then the guide's six steps and where each lives in exitview. */
#include "exitview/ui_help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/i18n.h"
#include "exitview/ui_keys.h"
#include "exitview/ui_loop.h"
#include "exitview/utf8.h"
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
	const char *keys, *text;   /* the row being wrapped */
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
	helpline l = { NULL, h->first ? h->keys : NULL, h->text, start, end };
	h->first = false;
	push(h, l);
}

/* The exit interview as the guide has it, step by step, and where each
 * step lives in exitview (man page: THE INTERVIEW, STEP BY STEP). */
static const struct { const char *step, *text; } steps[] = {
	{ N_("1 Prepare"), N_("F2: the details and the interview date; Preparation: what you read "
	  "beforehand (resignation letter, job description, reviews, earlier feedback). "
	  "exitview list --upcoming: who is next.") },
	{ N_("2 Open"), N_("Opening, first in the question list: purpose, confidentiality, how the "
	  "notes are used, the structure of the talk. Space ticks an item.") },
	{ N_("3 Ask and listen"), N_("Ctrl-N/Ctrl-P through the questions; the prompt pane holds the "
	  "follow-ups (Space: asked) and the hint; Alt-1..5 rates. Typing always writes the notes.") },
	{ N_("4 The real reason"), N_("F2: the reason as stated, a secondary one, and your own "
	  "assessment; Observations: what was not said in words.") },
	{ N_("5 Close"), N_("Closing, last in the list: thanks, what happens with the feedback, the "
	  "door left open. F10 closes the interview and writes the report.") },
	{ N_("6 Document and act"), N_("F3 makes a notes line an action item; Action items: Space "
	  "done, F4 edit, Delete. Afterwards: exitview actions, summary and search.") },
};

/* The help text's column: 26, or further right when the keys as the
 * reader's language names them are longer ("Ctrl-Vänster, Ctrl-Höger"). */
static int keycol = 26;

static void widen_keycol(const char *keys)
{
	int w = (int)utf8_width(keys, strlen(keys)) + 4;
	if (w > keycol)
		keycol = w;
}

static void set_keycol(void)
{
	keycol = 26;
	for (size_t i = 0; i < ui_keytab_len; i++)
		widen_keycol(_(ui_keytab[i].keys));
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		widen_keycol(_(steps[i].step));
}

static void push_row(helplines *h, const char *keys, const char *text, int width)
{
	h->keys = keys;
	h->text = text;
	h->first = true;
	ui_wrap(text, width - keycol - 2, on_row, h);
}

static void build(helplines *h, int width)
{
	const char *prev = NULL;
	h->n = 0;
	set_keycol();
	for (size_t i = 0; i < ui_keytab_len; i++) {
		const ui_keyrow *r = &ui_keytab[i];
		if (!prev || strcmp(prev, r->section) != 0) {
			if (prev)
				push(h, (helpline){ NULL, NULL, NULL, 0, 0 });
			push(h, (helpline){ _(r->section), NULL, NULL, 0, 0 });
			prev = r->section;
		}
		push_row(h, _(r->keys), _(r->help), width);
	}
	push(h, (helpline){ NULL, NULL, NULL, 0, 0 });
	push(h, (helpline){ _("The interview, step by step"), NULL, NULL, 0, 0 });
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		push_row(h, _(steps[i].step), _(steps[i].text), width);
}

typedef struct help {
	ui_view v;              /* first: the loop's handle */
	helplines lines;
	int top;
	WINDOW *w;
} help;

static void help_clamp(help *hp)
{
	int rows = LINES - 2;
	int maxtop = hp->lines.n - rows > 0 ? hp->lines.n - rows : 0;
	if (hp->top > maxtop)
		hp->top = maxtop;
	if (hp->top < 0)
		hp->top = 0;
}

static void help_draw(ui_view *v, unsigned damage)
{
	(void)damage;
	help *hp = (help *)v;
	helplines *h = &hp->lines;
	WINDOW *w = hp->w;
	int rows = LINES - 2;
	help_clamp(hp);
	werase(w);
	ui_blank(w, 0, 0, COLS, ui_attr(US_STATUS));
	ui_putz(w, 0, 1, _("exitview keys"), COLS - 2, ui_attr(US_STATUS) | A_BOLD);
	for (int i = 0; i < rows && hp->top + i < h->n; i++) {
		const helpline *l = &h->v[hp->top + i];
		int y = i + 1;
		if (l->section) {
			ui_putz(w, y, 1, l->section, COLS - 2, ui_attr(US_TITLE));
			continue;
		}
		if (l->keys)
			ui_putz(w, y, 3, l->keys, keycol - 4, ui_attr(US_MARK));
		if (l->text)
			ui_put(w, y, keycol, l->text + l->start, l->end - l->start, COLS - keycol - 1, A_NORMAL);
	}
	char foot[192];
	int more = h->n - hp->top - rows;
	snprintf(foot, sizeof foot, "%s%s", _("Up/Down/PgUp/PgDn scroll  Esc close"),
		 more > 0 ? _("  (more below)") : "");
	ui_blank(w, LINES - 1, 0, COLS, ui_attr(US_STATUS));
	ui_putz(w, LINES - 1, 1, foot, COLS - 2, ui_attr(US_STATUS));
	/* the cursor stays as the screen below has it (shown or not), at the
	 * end of the footer: hiding and showing it again would cost bytes */
	wnoutrefresh(w);
}

static void help_layout(ui_view *v)
{
	help *hp = (help *)v;
	if (hp->w)
		delwin(hp->w);
	hp->w = ui_newwin(LINES, COLS, 0, 0);
	build(&hp->lines, COLS);
}

static unsigned help_key(ui_view *v, int key)
{
	help *hp = (help *)v;
	int rows = LINES - 2;
	switch (ui_keys_action(P_HELP, key)) {
	case A_UP: hp->top--; break;
	case A_DOWN: hp->top++; break;
	case A_PGUP: hp->top -= rows - 1; break;
	case A_PGDN: hp->top += rows - 1; break;
	default: v->done = true; break;   /* any other key closes */
	}
	return 1;
}

static void help_hangup(ui_view *v, enum ui_result why)
{
	(void)v;
	(void)why;   /* nothing of the help to save */
}

enum ui_result ui_help_show(void)
{
	help hp = { 0 };
	hp.v.key = help_key;
	hp.v.layout = help_layout;
	hp.v.draw = help_draw;
	hp.v.hangup = help_hangup;
	hp.v.pane = P_HELP;
	hp.v.result = UI_R_LEAVE;
	enum ui_result r = ui_loop_run(&hp.v);
	if (hp.w)
		delwin(hp.w);
	free(hp.lines.v);
	return r;
}
