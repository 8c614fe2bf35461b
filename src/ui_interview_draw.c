/* ui_interview_draw.c — the interview screen's layout and drawing: the
 * question list (left), the prompt with its follow-ups and hint (top
 * right), the notes bar and editor, the status line and key hints.
 *
 * Layout: the list is as wide as the template's longest title allows
 * (the right side keeps 46 columns at 80); the prompt pane is as tall as
 * its question, follow-ups and hint, up to about half the screen (the
 * notes keep 8 rows at 80x24).  Text that still does not fit scrolls in
 * the prompt pane (Up/Down; the question itself stays), with "more"
 * marks above and below.  The panes are placed again only when a
 * question's text needs another height. */
#include "ui_interview_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/i18n.h"
#include "exitview/ui_editor.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

char *ivd_short_paths(const ivscreen *s, const char *msg)
{
	char *rdir = settings_report_dir(s->ctx->cfg);
	const char *paths[] = { store_path(s->ctx->st), rdir };
	char *out = xstrdup(msg);
	for (size_t k = 0; k < EV_ARRAY_LEN(paths); k++) {
		const char *p = paths[k];
		const char *base = p ? strrchr(p, '/') : NULL;
		if (!base || !base[1])
			continue;
		size_t plen = strlen(p), blen = strlen(base + 1);
		char *at;
		while ((at = strstr(out, p)) != NULL) {   /* each pass shortens out */
			memmove(at, base + 1, blen);
			memmove(at + blen, at + plen, strlen(at + plen) + 1);
		}
	}
	free(rdir);
	return out;
}

/* Why the last save failed, for the status line: short paths, and
 * "cannot write exitview.db: the disk is full" as the reason that counts.
 * malloc'd. */
static char *save_reason(const ivscreen *s)
{
	char *shortened = ivd_short_paths(s, s->ss->save_err ? s->ss->save_err : "");
	const char *err = shortened;
	const char *db = store_path(s->ctx->st);
	const char *dbname = db && strrchr(db, '/') ? strrchr(db, '/') + 1 : db;
	if (dbname && *dbname) {
		const char *at = strstr(err, dbname);
		size_t n = strlen(dbname);
		/* the store's "cannot write %s: ..." in the reader's language */
		const char *cw = _("cannot write %s: the disk is full");
		size_t cwn = strcspn(cw, "%");
		if (at && strncmp(err, cw, cwn) == 0 && at[n] == ':' && at[n + 1] == ' ')
			err = at + n + 2;
	}
	char *why = xstrdup(err);
	free(shortened);
	return why;
}


static void free_windows(ivscreen *s)
{
	WINDOW **ws[] = { &s->wlist, &s->wprompt, &s->wbar, &s->wed, &s->wstatus, &s->whints };
	for (size_t i = 0; i < EV_ARRAY_LEN(ws); i++) {
		if (*ws[i])
			delwin(*ws[i]);
		*ws[i] = NULL;
	}
}

/* The list fits the template's longest title when the terminal allows:
 * marker, number, state mark and blanks take 6 columns before the title,
 * a blank and the rating 2 after it; the panes on the right keep at least
 * RIGHT_MIN columns (46 of 80). */
enum { LIST_MIN = 22, LIST_MAX = 40, RIGHT_MIN = 46, ED_MIN = 8, PROMPT_MIN = 4 };

static int list_width(const ivscreen *s)
{
	int longest = 12;   /* "Observations", "Action items" (or the reader's words) */
	static const char *const own[] = { N_("Preparation"), N_("Observations"), N_("Action items") };
	for (size_t k = 0; k < EV_ARRAY_LEN(own); k++) {
		int w = (int)utf8_width(_(own[k]), strlen(_(own[k])));
		if (w > longest)
			longest = w;
	}
	for (int i = IV_SLOT_MIN; i < s->ss->iv->nquestions; i++) {
		const iv_question *q = interview_part(s->ss->iv, i);
		const char *t = q && (i >= 0 || q->nfollowups > 0) ? q->title : NULL;
		int w = t ? (int)utf8_width(t, strlen(t)) : 0;
		if (w > longest)
			longest = w;
	}
	int lw = longest + 8;
	if (lw > COLS - 1 - RIGHT_MIN)
		lw = COLS - 1 - RIGHT_MIN;
	if (lw > LIST_MAX)
		lw = LIST_MAX;
	if (lw < LIST_MIN)
		lw = LIST_MIN;
	return lw;
}

/* Prompt pane lines: the prompt, its follow-ups, the hint, and blank
 * spacers between them that go first when room is short. */
typedef struct pline {
	const char *text;
	size_t start, end;
	int fu;                /* follow-up index, or -1 */
	bool first;            /* first line of its follow-up / of the hint */
	bool hint;             /* a line of the hint */
	bool spacer;           /* a blank line */
	enum ui_style style;
	int indent;
} pline;

struct prompt_lines {
	pline *v;              /* every line: a long prompt is never cut */
	int n, cap;
	const char *text;
	int fu;
	enum ui_style style;
	int indent;
	bool first, hint;
	strbuf texts[TPL_MAX_FOLLOWUPS + 2];   /* the texts with {reason} filled in */
	int ntexts;
	strbuf acts;           /* the action items' lines, NUL-separated */
};
typedef struct prompt_lines plines;

/* Template text for the prompt pane, {reason} filled in; kept in p until
 * the pane is built again. */
static const char *expanded(plines *p, const interview *iv, const char *text)
{
	if (p->ntexts >= (int)EV_ARRAY_LEN(p->texts))
		return text;
	strbuf *sb = &p->texts[p->ntexts++];
	char *e = interview_expand(iv, text);
	sb_clear(sb);
	sb_puts(sb, e);
	free(e);
	return sb_str(sb);
}

static void texts_free(plines *p)
{
	for (size_t i = 0; i < EV_ARRAY_LEN(p->texts); i++)
		sb_free(&p->texts[i]);
	sb_free(&p->acts);
}


static void pline_push(plines *p, pline l)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = xrealloc(p->v, (size_t)p->cap * sizeof *p->v);
	}
	p->v[p->n++] = l;
}

static void on_pline(size_t start, size_t end, void *arg)
{
	plines *p = arg;
	pline_push(p, (pline){ p->text, start, end, p->fu, p->first, p->hint, false, p->style, p->indent });
	p->first = false;
}

static void add_text(plines *p, const char *text, int width, int fu, enum ui_style st, int indent, bool hint)
{
	p->text = text;
	p->fu = fu;
	p->style = st;
	p->indent = indent;
	p->first = true;
	p->hint = hint;
	ui_wrap(text, width - indent, on_pline, p);
}

static void add_spacer(plines *p)
{
	if (p->n > 0)
		pline_push(p, (pline){ "", 0, 0, -1, false, false, true, US_NORMAL, 0 });
}

/* The action items as lines of the prompt pane: the text, then owner,
 * due date and question; NUL-separated in p->acts, built whole before
 * any line points into it. */
static void action_lines(plines *p, const interview *iv, int pw)
{
	sb_clear(&p->acts);
	size_t *off = iv->nacts ? xmalloc((size_t)iv->nacts * sizeof *off) : NULL;
	for (int i = 0; i < iv->nacts; i++) {
		const iv_action *a = &iv->acts[i];
		off[i] = p->acts.len;
		sb_puts(&p->acts, a->text[0] ? a->text : _("(text removed)"));
		const char *sep = " \xe2\x80\x94 ";
		if (a->owner[0]) {
			sb_printf(&p->acts, "%s%s", sep, a->owner);
			sep = ", ";
		}
		if (a->due[0]) {
			sb_puts(&p->acts, sep);
			sb_printf(&p->acts, _("due %s"), a->due);
			sep = ", ";
		}
		if (a->question >= 0) {
			sb_puts(&p->acts, sep);
			sb_printf(&p->acts, _("question %d"), a->question + 1);
		}
		sb_putc(&p->acts, '\0');
	}
	for (int i = 0; i < iv->nacts; i++)
		add_text(p, p->acts.s + off[i], pw, i, US_NORMAL, 6, false);
	free(off);
}

/* The text width inside the prompt pane (one blank column each side). */
static int prompt_text_width(const ivscreen *s)
{
	return COLS - (s->list_w + 1) - 1;
}

/* Wrap the current row's prompt, follow-ups and hint into s->prompt. */
static void prompt_build(ivscreen *s, int pw)
{
	plines *p = s->prompt;
	p->n = 0;
	p->ntexts = 0;
	const char *prompt, *hint = "";
	int nf = 0;
	const iv_question *q = NULL;
	int slot = cur_slot(s);
	if (on_question(s)) {
		q = cur_part(s);
		prompt = expanded(p, s->ss->iv, q->prompt);
		hint = expanded(p, s->ss->iv, q->hint);
		nf = q->nfollowups;
	} else if (slot == IV_SLOT_OPENING || slot == IV_SLOT_CLOSING) {
		q = cur_part(s);
		prompt = _("Tick each item as it is done: Up/Down to choose, Space to mark.");
		nf = q->nfollowups;
	} else if (slot == IV_SLOT_PREPARATION) {
		prompt = _("What was read beforehand: the resignation letter, the job description, "
			   "performance records, earlier feedback.");
	} else if (slot == IV_SLOT_OBSERVATIONS) {
		prompt = _("Non-verbal signals: tone, hesitation, what was not said.");
	} else {
		prompt = s->ss->iv->nacts
			? _("What should be done after this interview. Up/Down to choose, Space marks "
			    "done; F3 in the notes makes a line an action item.")
			: _("What should be done after this interview: what, who, by when. F3 makes "
			    "the notes line under the cursor an action item (from a question's notes "
			    "too).");
	}
	add_text(p, prompt, pw, -1, US_TITLE, 1, false);
	if (slot == IV_SLOT_ACTIONS)
		action_lines(p, s->ss->iv, pw);
	for (int i = 0; i < nf; i++)
		add_text(p, expanded(p, s->ss->iv, q->followups[i]), pw, i, US_NORMAL, 6, false);
	if (!str_empty(hint)) {
		const char *fmt = _("Hint: %s");
		size_t n = strlen(hint) + strlen(fmt) + 1;
		s->hintbuf = xrealloc(s->hintbuf, n);
		snprintf(s->hintbuf, n, fmt, hint);
		add_spacer(p);
		add_text(p, s->hintbuf, pw, -1, US_HINT, 1, true);
	}
}

static void prompt_drop_spacers(plines *p)
{
	int k = 0;
	for (int i = 0; i < p->n; i++)
		if (!p->v[i].spacer)
			p->v[k++] = p->v[i];
	p->n = k;
}

/* The tallest the prompt pane may be: about half the screen, leaving the
 * notes at least ED_MIN rows (body = the rows above the status line). */
static int prompt_max(int body)
{
	int m = LINES / 2 + 1;
	if (m > body - 1 - ED_MIN)
		m = body - 1 - ED_MIN;
	return m < PROMPT_MIN ? PROMPT_MIN : m;
}

/* The rows that scroll: under the heading and the question itself,
 * which stays in view while the follow-ups and the hint scroll. */
static int prompt_rows(const ivscreen *s)
{
	return s->prompt_h - 1 - s->prompt_pinned;
}

static int prompt_scroll_n(const ivscreen *s)
{
	return s->prompt->n - s->prompt_pinned;
}

static void prompt_clamp(ivscreen *s)
{
	int over = prompt_scroll_n(s) - prompt_rows(s);
	if (s->prompt_top > over)
		s->prompt_top = over;
	if (s->prompt_top < 0)
		s->prompt_top = 0;
}

/* Size and place the prompt, the notes bar and the editor for the current
 * row's text; the windows are made again only when the size changes. */
void ivd_place_right(ivscreen *s)
{
	if (!s->wlist)
		return;   /* not laid out yet (too small) */
	int body = LINES - 2, W = COLS;
	int pw = prompt_text_width(s);
	prompt_build(s, pw);
	int max = prompt_max(body);
	if (1 + s->prompt->n > max)
		prompt_drop_spacers(s->prompt);
	int ph = 1 + s->prompt->n;
	if (ph > max)
		ph = max;
	if (ph < PROMPT_MIN)
		ph = PROMPT_MIN;
	/* a pane that scrolls keeps the question itself in view (when that
	 * leaves at least three rows to scroll) */
	s->prompt_pinned = 0;
	if (1 + s->prompt->n > ph) {
		int q = 0;
		while (q < s->prompt->n && s->prompt->v[q].fu < 0 && !s->prompt->v[q].hint && !s->prompt->v[q].spacer)
			q++;
		if (ph - 1 - q >= 3)
			s->prompt_pinned = q;
	}
	s->dirty |= D_PROMPT | D_BAR;
	if (s->wprompt && ph == s->prompt_h) {
		prompt_clamp(s);
		return;
	}
	s->prompt_h = ph;
	prompt_clamp(s);
	WINDOW **ws[] = { &s->wprompt, &s->wbar, &s->wed };
	for (size_t i = 0; i < EV_ARRAY_LEN(ws); i++) {
		if (*ws[i])
			delwin(*ws[i]);
	}
	int rx = s->list_w + 1;
	s->wprompt = newwin(ph, W - rx, 0, rx);
	s->wbar = newwin(1, W - rx, ph, rx);
	/* the notes keep a blank column after the line, like the prompt */
	s->wed = newwin(body - ph - 1, W - rx - 1, ph + 1, rx + 1);
	s->ed_width = ui_editor_width(getmaxx(s->wed));
	s->ed_rows = getmaxy(s->wed);
	/* the frame's blank column beside the notes moved too */
	s->dirty |= D_ALL;
}

void ivd_layout(ui_view *v)
{
	ivscreen *s = (ivscreen *)v;
	free_windows(s);
	s->dirty = D_ALL;
	int H = LINES, W = COLS;
	s->list_w = list_width(s);
	s->prompt_h = 0;
	s->wlist = newwin(H - 2, s->list_w, 0, 0);
	s->wstatus = newwin(1, W, H - 2, 0);
	s->whints = newwin(1, W, H - 1, 0);
	ivd_place_right(s);
}

static char state_mark_ascii(enum qstate q)
{
	switch (q) {
	case Q_IN_PROGRESS: return '~';
	case Q_ANSWERED: return '*';
	case Q_SKIPPED: return '-';
	default: return ' ';
	}
}

/* The title of a part without one of its own. */
static const char *slot_title(int slot)
{
	switch (slot) {
	case IV_SLOT_PREPARATION: return _("Preparation");
	case IV_SLOT_OBSERVATIONS: return _("Observations");
	default: return _("Action items");
	}
}

/* How many of a checklist's items are done (0 for NULL). */
static int checklist_done(const iv_question *c)
{
	int n = 0;
	for (int j = 0; c && j < c->nfollowups; j++)
		n += c->asked[j];
	return n;
}

static int actions_done(const interview *iv)
{
	int n = 0;
	for (int i = 0; i < iv->nacts; i++)
		n += iv->acts[i].status == ACTION_DONE;
	return n;
}

static void draw_list(ivscreen *s)
{
	WINDOW *w = s->wlist;
	int h = getmaxy(w), lw = getmaxx(w);
	if (s->ss->row < s->list_top)
		s->list_top = s->ss->row;
	if (s->ss->row >= s->list_top + h)
		s->list_top = s->ss->row - h + 1;
	werase(w);
	for (int i = 0; i < h && s->list_top + i < s->ss->nrows; i++) {
		int r = s->list_top + i;
		bool cur = r == s->ss->row;
		/* the current row: selected when the list has the focus, else
		 * only its ">" (the prompt's heading names it too): another
		 * question then changes two cells here, not two rows */
		attr_t a = cur && s->pane == P_LIST ? ui_attr(US_SELECTED) : A_NORMAL;
		ui_blank(w, i, 0, lw, a);
		ui_putz(w, i, 0, cur ? ">" : " ", 1, a);
		const char *title;
		char num[16] = "  ";
		char mark[8] = " ";
		char rating[16] = "";
		int slot = session_slot_of(s->ss, r);
		const iv_question *part = interview_part(s->ss->iv, slot);
		if (slot >= 0) {
			const iv_question *q = part;
			snprintf(num, sizeof num, "%2d", slot + 1);
			enum qstate st = interview_qstate(s->ss->iv, slot);
			if (st == Q_ANSWERED && ui_term_utf8())
				snprintf(mark, sizeof mark, "\xe2\x9c\x93");
			else
				mark[0] = state_mark_ascii(st);
			if (q->rating > 0)
				snprintf(rating, sizeof rating, "%d", q->rating);
			title = q->title;
		} else {
			const char *notes = session_row_notes(s->ss, r);
			mark[0] = str_empty(notes) && !checklist_done(part) &&
				  !(slot == IV_SLOT_ACTIONS && s->ss->iv->nacts > 0) ? ' ' : '*';
			title = part ? part->title : slot_title(slot);
		}
		ui_putz(w, i, 1, num, 2, a);
		ui_putz(w, i, 4, mark, 1, cur ? a : (a | ui_attr(US_MARK)));
		ui_put_trunc(w, i, 6, title, lw - 6 - 2, a);
		if (rating[0])
			ui_putz(w, i, lw - 1, rating, 1, cur ? a : (a | ui_attr(US_MARK)));
	}
	wnoutrefresh(w);
}

static void draw_prompt(ivscreen *s)
{
	WINDOW *w = s->wprompt;
	int pw = getmaxx(w) - 1;
	const plines *p = s->prompt;
	char head[160];
	const iv_question *q = cur_part(s);
	if (on_question(s))
		snprintf(head, sizeof head, _("Question %d of %d"), cur_slot(s) + 1, s->ss->iv->nquestions);
	else if (q)
		snprintf(head, sizeof head, _("%s: %d of %d done"), q->title, checklist_done(q),
			 q->nfollowups);
	else if (on_actions(s))
		snprintf(head, sizeof head, _("Action items: %d of %d done"), actions_done(s->ss->iv),
			 s->ss->iv->nacts);
	else
		snprintf(head, sizeof head, "%s", slot_title(cur_slot(s)));
	werase(w);
	ui_putz(w, 0, 1, head, pw, ui_attr(US_DIM));
	int rows = prompt_rows(s);
	prompt_clamp(s);
	if (s->prompt_top > 0) {
		char up[64];
		snprintf(up, sizeof up, "%s %s", ui_term_utf8() ? "\xe2\x96\xb2" : "^", _("more"));
		int uw = (int)utf8_width(up, strlen(up));
		ui_putz(w, 0, pw - uw, up, uw, ui_attr(US_MARK));
	}
	for (int i = 0; i < s->prompt_pinned + rows; i++) {
		int k = i < s->prompt_pinned ? i : s->prompt_top + i;
		if (k >= p->n)
			break;
		const pline *l = &p->v[k];
		int y = i + 1;
		if (l->spacer)
			continue;
		attr_t a = ui_attr(l->style);
		if (l->fu >= 0) {
			bool sel = l->fu == s->fu_sel;
			if (sel)
				a = ui_attr(s->pane == P_PROMPT ? US_SELECTED : US_CURRENT);
			bool acts = on_actions(s) && l->fu < s->ss->iv->nacts;
			if (l->first && (q || acts)) {   /* follow-ups, checklist items, action items */
				/* the selected one in its style up to its text, a ticked
				 * box marked, an empty one plain: every change of
				 * attributes costs bytes on the wire */
				bool done = acts ? s->ss->iv->acts[l->fu].status == ACTION_DONE : q->asked[l->fu];
				char box[8];
				snprintf(box, sizeof box, "%s[%c]%s", sel ? ">" : " ", done ? 'x' : ' ', sel ? " " : "");
				ui_putz(w, y, 1, box, 5, sel ? a : done ? ui_attr(US_MARK) : A_NORMAL);
			}
		}
		const char *t = l->text + l->start;
		size_t len = l->end - l->start;
		int x = l->indent;
		/* the hint, its label "Hint:" included, in one style: a change of
		 * attributes costs bytes at every question */
		ui_put(w, y, x, t, len, pw - x, a);
	}
	wnoutrefresh(w);
}

/* More prompt text below what the pane shows. */
bool ivd_prompt_more_below(const ivscreen *s)
{
	return s->prompt_top + prompt_rows(s) < prompt_scroll_n(s);
}

/* Keep the selected follow-up in view. */
/* The scrolled rows (from 0) of the selected follow-up; false if none. */
static bool selected_span(const ivscreen *s, int *first, int *last)
{
	*first = *last = -1;
	for (int i = s->prompt_pinned; i < s->prompt->n; i++) {
		if (s->prompt->v[i].fu == s->fu_sel) {
			if (*first < 0)
				*first = i - s->prompt_pinned;
			*last = i - s->prompt_pinned;
		}
	}
	return *first >= 0;
}

/* The selected follow-up goes on below / above what the pane shows (one
 * taller than the pane is read by scrolling through it). */
bool ivd_selected_more_below(const ivscreen *s)
{
	int first, last;
	return selected_span(s, &first, &last) && last >= s->prompt_top + prompt_rows(s);
}

bool ivd_selected_more_above(const ivscreen *s)
{
	int first, last;
	return selected_span(s, &first, &last) && first < s->prompt_top;
}

void ivd_prompt_show_selected(ivscreen *s)
{
	int first, last;
	if (!selected_span(s, &first, &last))
		return;
	int rows = prompt_rows(s);
	if (last >= s->prompt_top + rows)
		s->prompt_top = last - rows + 1;
	if (s->prompt_top > first)
		s->prompt_top = first;
	prompt_clamp(s);
}

/* Before a rating is given, the scale it is given on: " Alt-1 Very poor
 * ... Alt-5 Excellent " (the ends of the template's scale). */
static void scale_labels(const ivscreen *s, char *t, size_t size)
{
	const char *lo = s->ss->iv->scale[0], *hi = s->ss->iv->scale[TPL_SCALE - 1];
	if (str_empty(lo) || str_empty(hi))
		return;
	snprintf(t, size, " Alt-1 %s %s Alt-%d %s ", lo, ui_term_utf8() ? "\xe2\x80\xa6" : "...",
		 TPL_SCALE, hi);
}

static void draw_bar(ivscreen *s)
{
	WINDOW *w = s->wbar;
	int bw = getmaxx(w);
	werase(w);
	ui_hline(w, 0, 0, bw, ui_attr(US_BORDER));
	char t[200];
	s->bar_scrolled = tb_scrolled(s->ss->tb);
	int n = snprintf(t, sizeof t, " %s%s%s ", s->ss->ro ? _("Notes (read-only: closed)") : _("Notes"),
			 !s->bar_scrolled ? "" : ui_term_utf8() ? " \xe2\x96\xb2 " : " ^ ",
			 !s->bar_scrolled ? "" : _("more"));
	if (on_question(s)) {
		const iv_question *q = cur_part(s);
		if (q->rating > 0) {
			const char *label = s->ss->iv->scale[q->rating - 1];
			n += snprintf(t + n, sizeof t - (size_t)n, " ");
			if (str_empty(label))
				n += snprintf(t + n, sizeof t - (size_t)n, _("rating %d"), q->rating);
			else
				n += snprintf(t + n, sizeof t - (size_t)n, _("rating %d (%s)"), q->rating, label);
			n += snprintf(t + n, sizeof t - (size_t)n, " ");
		}
		if (q->skipped)
			snprintf(t + n, sizeof t - (size_t)n, " %s ", _("skipped"));
		else if (q->rating == 0 && !q->no_rating)
			scale_labels(s, t + n, sizeof t - (size_t)n);
	}
	int more_w = 0;
	if (ivd_prompt_more_below(s)) {
		char more[64];
		snprintf(more, sizeof more, " %s %s ", ui_term_utf8() ? "\xe2\x96\xbc" : "v", _("more"));
		more_w = (int)utf8_width(more, strlen(more));
		ui_putz(w, 0, bw - more_w - 2, more, more_w, ui_attr(US_MARK));
	}
	ui_put_trunc(w, 0, 2, t, bw - 4 - more_w, ui_attr(s->pane == P_EDITOR ? US_TITLE : US_NORMAL));
	wnoutrefresh(w);
}

static void draw_editor(ivscreen *s)
{
	ui_editor_draw(s->wed, s->ss->tb, s->ss->ro ? _("(no notes)") : NULL);
	wnoutrefresh(s->wed);
}

static void draw_hints(ivscreen *s);

/* The columns the save state keeps: its longest word, at least 9. */
static int state_width(void)
{
	const char *words[] = { _("saved"), _("saving..."), _("read-only"), _("NOT SAVED") };
	int w = 9;
	for (size_t k = 0; k < EV_ARRAY_LEN(words); k++) {
		int n = (int)utf8_width(words[k], strlen(words[k]));
		if (n > w)
			w = n;
	}
	return w;
}

static void draw_status(ivscreen *s)
{
	WINDOW *w = s->wstatus;
	int W = getmaxx(w);
	attr_t a = ui_attr(US_STATUS);
	werase(w);
	ui_blank(w, 0, 0, W, a);
	const char *emp = str_empty(s->ss->iv->employee) ? _("(no name)") : s->ss->iv->employee;
	int x = 1 + ui_put_trunc(w, 0, 1, emp, W / 3 > 20 ? W / 3 : 20, a | A_BOLD) + 2;
	/* whole minutes: what an interviewer needs, and one change a minute */
	long long min = (long long)(session_elapsed(s->ss) / 60);
	char clock[40];
	if (min < 1)
		snprintf(clock, sizeof clock, "%s", _("elapsed <1 min"));
	else if (min < 60)
		snprintf(clock, sizeof clock, _("elapsed %lld min"), min);
	else
		snprintf(clock, sizeof clock, _("elapsed %lld h %02lld min"), min / 60, min % 60);
	x += ui_putz(w, 0, x, clock, 24, a) + 2;
	s->shown_minute = min;
	/* the save state as session_shown() has it: nothing while typing
	 * goes on as planned, so that typing changes nothing here */
	enum session_shown st = session_shown(s->ss);
	s->shown_state = (int)st;
	const char *word = "";
	attr_t sa = a;
	switch (st) {
	case SHOWN_QUIET: break;
	case SHOWN_SAVED: word = _("saved"); sa = ui_attr(US_OK); break;
	case SHOWN_LATE: word = ui_term_utf8() ? _("saving\xe2\x80\xa6") : _("saving..."); break;
	case SHOWN_READONLY: word = _("read-only"); break;
	case SHOWN_ERROR: word = _("NOT SAVED"); sa = ui_attr(US_ERROR); break;
	}
	/* a message to show gets the room it needs; the save state keeps its
	 * STATE_W columns, so that a message never moves when it changes.
	 * Errors (and why a save failed) go on the second row, whole. */
	/* 9: "NOT SAVED", "read-only", "saving..." (or the reader's words) */
	int STATE_W = state_width();
	bool msg_here = s->msg.text[0] && !s->msg.error;
	ui_put_trunc(w, 0, x, word, W - x - 1 < STATE_W ? W - x - 1 : STATE_W, sa);
	x += STATE_W;
	if (msg_here) {
		x += 2;
		if (x < W - 1)
			ui_put_trunc(w, 0, x, s->msg.text, W - x - 1, a | A_BOLD);
	}
	wnoutrefresh(w);
	draw_hints(s);
}

/* The second row: key hints, or the error the interviewer must read (a
 * failed save, a refused close) with the width of the whole row. */
static void draw_hints(ivscreen *s)
{
	char h[640];
	attr_t a = ui_attr(US_DIM);
	if (s->msg.text[0] && s->msg.error) {   /* the latest word first */
		snprintf(h, sizeof h, "%s", s->msg.text);
		a = ui_attr(US_ERROR);
	} else if (session_state(s->ss) == SESSION_ERROR) {
		char *why = save_reason(s);
		snprintf(h, sizeof h, _("NOT SAVED: %s (retrying; nothing typed is lost)"), why);
		free(why);
		a = ui_attr(US_ERROR);
	} else {
		ui_keys_hints(s->pane, getmaxx(s->whints) - 2, h, sizeof h);
	}
	werase(s->whints);
	ui_put_trunc(s->whints, 0, 1, h, getmaxx(s->whints) - 2, a);
	wnoutrefresh(s->whints);
}

void ivd_draw(ui_view *v, unsigned damage)
{
	ivscreen *s = (ivscreen *)v;
	unsigned d = damage | s->dirty;
	s->dirty = 0;
	if (d & D_FRAME) {
		werase(stdscr);
		ui_vline(stdscr, 0, s->list_w, LINES - 2, ui_attr(US_BORDER));
		wnoutrefresh(stdscr);
	}
	/* the notes before the bar: whether they are scrolled shows on it */
	if (d & D_EDITOR) {
		draw_editor(s);
		if (tb_scrolled(s->ss->tb) != s->bar_scrolled)
			d |= D_BAR;
	}
	if (d & D_LIST)
		draw_list(s);
	if (d & D_PROMPT)
		draw_prompt(s);
	if (d & D_BAR)
		draw_bar(s);
	if (d & D_STATUS)
		draw_status(s);
	if (d & D_HINTS)
		draw_hints(s);
	/* the editor last: its cursor is the one the terminal shows */
	wnoutrefresh(s->wed);
	curs_set(s->pane == P_EDITOR ? 1 : 0);
}

void ivd_init(ivscreen *s)
{
	s->prompt = xcalloc(1, sizeof *s->prompt);
}

void ivd_free(ivscreen *s)
{
	free_windows(s);
	if (s->prompt) {
		free(s->prompt->v);
		texts_free(s->prompt);
	}
	free(s->prompt);
	s->prompt = NULL;
	free(s->hintbuf);
	s->hintbuf = NULL;
}
