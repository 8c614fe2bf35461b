/* ui_start.c — the start screen.  Only the rows on screen are read from
 * the store (store_list with offset and limit), so a large database opens
 * as fast as a small one; a page up or down reads on from the rows shown
 * (store_list_next), so it costs the same at any depth; a filter is looked up in the names' index, so a
 * key costs the same at any size.  Above the list, while no filter is
 * typed, the next upcoming interviews (store_list_upcoming): when, and the
 * days left to the last working day.  '/' searches the notes of every
 * interview (store_search.h): Enter lists the hits, Enter on one opens its
 * interview. */
#include "exitview/ui_start.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/date.h"
#include "exitview/i18n.h"
#include "exitview/store_erase.h"
#include "exitview/store.h"
#include "exitview/store_search.h"
#include "exitview/ui_keys.h"
#include "exitview/ui_loop.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

typedef struct start {
	ui_view v;          /* first: the loop's handle */
	ui_ctx *ctx;
	int64_t *chosen;    /* where the choice goes */
	strbuf filter;
	int sel;            /* 0 = New interview, i = interview at offset i-1 */
	int top;
	int count;          /* interviews matching the filter */
	store_row *rows;    /* the page shown */
	int nrows, page_off;
	store_row *up;      /* the next upcoming interviews shown above */
	int nup;
	bool stale;         /* count and page must be read again */
	bool up_stale;      /* and the upcoming ones (not on a filter change) */
	/* '/': a search of the notes instead of the list */
	bool searching;
	strbuf query;       /* what is typed */
	char *searched;     /* the query the hits are of, NULL before the first */
	store_hit *hits;
	int nhits, hsel, htop;
	bool more;          /* more hits than shown */
	ui_msg msg;
	WINDOW *w;
} start;

static start st_state;   /* filter and selection survive an interview */

/* How many upcoming interviews the screen has room for. */
static int upcoming_max(void)
{
	return LINES >= 20 ? 3 : LINES >= 15 ? 1 : 0;
}

/* The lines the upcoming block takes (its title and rows), 0 when none
 * is shown (none upcoming, or a filter typed). */
static int upcoming_lines(const start *s)
{
	return s->nup > 0 && !s->filter.len && !s->searching ? s->nup + 1 : 0;
}

static int list_rows(const start *s)
{
	return LINES - 6 - upcoming_lines(s);
}

static void load_upcoming(start *s)
{
	store_rows_free(s->up, s->nup);
	s->up = NULL;
	s->nup = 0;
	char today[11];
	date_today(today);
	int n = upcoming_max() > 0 ? store_list_upcoming(s->ctx->st, today, upcoming_max(), &s->up) : 0;
	if (n < 0) {
		ui_msg_set(&s->msg, true, "%s", ev_lasterr());
		s->up = NULL;
		n = 0;
	}
	s->nup = n;
}

static const char *match(start *s)
{
	return s->filter.len ? sb_str(&s->filter) : NULL;
}

/* The page at off when the one shown is next to it (moved by less than a
 * page): the rows the two share kept, the others read on from the edge
 * (store_list_next), so that a page down costs the same at any depth.
 * The old page is given up.  Returns the rows in *out, -1 on an error,
 * -2 when the page must be read at its offset (store_list). */
static int page_next(start *s, int off, int h, store_row **out)
{
	*out = NULL;
	int d = off - s->page_off, n = s->nrows;
	if (n == 0 || d == 0 || d > n || -d > h)
		return -2;
	/* down: the rows after the last one shown; up: -d rows before the first */
	int keep_from = d > 0 ? d : 0, keep_to = d > 0 ? n : n < h + d ? n : h + d;
	store_row *more;
	int m = store_list_next(s->ctx->st, match(s), d > 0 ? &s->rows[n - 1] : &s->rows[0], d < 0,
				d > 0 ? h - (n - d) : -d, &more);
	if (m < 0)
		return m;
	if (d < 0 && m != -d) {   /* the list changed meanwhile */
		store_rows_free(more, m);
		return -2;
	}
	int k = keep_to - keep_from, at = 0;
	store_row *page = xcalloc((size_t)(k + m > 0 ? k + m : 1), sizeof *page);
	for (int i = 0; d < 0 && i < m; i++)
		page[at++] = more[i];
	for (int i = keep_from; i < keep_to; i++) {
		page[at++] = s->rows[i];
		s->rows[i] = (store_row){ 0 };   /* now the new page's */
	}
	for (int i = 0; d > 0 && i < m; i++)
		page[at++] = more[i];
	free(more);
	store_rows_free(s->rows, n);   /* what fell off the page */
	s->rows = NULL;
	s->nrows = 0;
	*out = page;
	return at;
}

static int load(start *s)
{
	if (s->up_stale)
		load_upcoming(s);
	s->up_stale = false;
	int h = list_rows(s);
	if (s->stale) {
		int n = store_count(s->ctx->st, STORE_ALL, match(s));
		if (n < 0) {
			ui_msg_set(&s->msg, true, "%s", ev_lasterr());
			n = 0;
		}
		s->count = n;
	}
	if (s->sel > s->count)
		s->sel = s->count;
	if (s->sel < 0)
		s->sel = 0;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + h)
		s->top = s->sel - h + 1;
	int off = s->top > 0 ? s->top - 1 : 0;
	if (!s->stale && s->rows && off == s->page_off)
		return 0;
	store_row *rows = NULL;
	int n = s->stale ? -2 : page_next(s, off, h, &rows);
	if (n < 0) {   /* page_next gives the old page up only when it succeeds */
		store_rows_free(s->rows, s->nrows);
		s->rows = NULL;
		s->nrows = 0;
	}
	if (n == -2)
		n = store_list(s->ctx->st, STORE_ALL, match(s), off, h, &rows);
	if (n < 0) {
		ui_msg_set(&s->msg, true, "%s", ev_lasterr());
		rows = NULL;
		n = 0;
	}
	s->rows = rows;
	s->nrows = n;
	s->page_off = off;
	s->stale = false;
	return 0;
}

static const store_row *row_at(start *s, int i)
{
	int k = i - 1 - s->page_off;
	if (i < 1 || k < 0 || k >= s->nrows)
		return NULL;
	return &s->rows[k];
}

/* The upcoming block under the filter line: a title, then one row each
 * in the list's columns (cx, cw), the days left where its state is. */
static void draw_upcoming(start *s, const int *cx, const int *cw)
{
	WINDOW *w = s->w;
	char today[11];
	date_today(today);
	ui_putz(w, 2, 1, _("Upcoming (interview date, days to the last working day):"), COLS - 2, ui_attr(US_TITLE));
	for (int k = 0; k < s->nup; k++) {
		const store_row *row = &s->up[k];
		int y = 3 + k;
		char id[24], left[32] = "";
		snprintf(id, sizeof id, "%5lld", (long long)row->id);
		if (date_valid(row->last_day)) {
			long d = date_diff_days(today, row->last_day);
			snprintf(left, sizeof left, ngettext("%ld day", "%ld days", (unsigned long)(d < 0 ? -d : d)), d);
		}
		ui_putz(w, y, cx[0], id, cw[0], A_NORMAL);
		ui_put_trunc(w, y, cx[1], str_empty(row->employee) ? _("(no name)") : row->employee, cw[1], A_NORMAL);
		ui_put_trunc(w, y, cx[2], row->role, cw[2], A_NORMAL);
		ui_put_trunc(w, y, cx[3], row->department, cw[3], A_NORMAL);
		ui_put_trunc(w, y, cx[4], row->interview_date, cw[4], A_BOLD);
		ui_put_trunc(w, y, cx[5], left, cw[5] + 1 + cw[6], A_NORMAL);
	}
}

/* The most hits a search on the screen lists. */
#define SEARCH_LIMIT 200

static void hits_clear(start *s)
{
	store_hits_free(s->hits, s->nhits);
	s->hits = NULL;
	s->nhits = s->hsel = s->htop = 0;
	s->more = false;
	free(s->searched);
	s->searched = NULL;
}

/* Search the notes for what is typed (Enter). */
static void run_search(start *s)
{
	hits_clear(s);
	/* a snippet of about the words the screen has room for */
	int words = (COLS - 43) / 6;
	store_search_opts o = { STORE_ALL, NULL, NULL, SEARCH_LIMIT, "[", "]",
				ui_term_utf8() ? "\xe2\x80\xa6" : "...", words < 4 ? 4 : words };
	int n = store_search(s->ctx->st, sb_str(&s->query), &o, &s->hits, &s->more);
	if (n < 0) {
		ui_msg_set(&s->msg, true, "%s", ev_lasterr());
		s->hits = NULL;
		return;
	}
	s->nhits = n;
	s->searched = xstrdup(sb_str(&s->query));
}

/* Where a hit is, as the list shows it. */
static void hit_where(const store_hit *h, char *buf, size_t size)
{
	switch (h->slot) {
	case STORE_HIT_ACTION: snprintf(buf, size, _("action %lld"), (long long)h->action); break;
	case IV_SLOT_PREPARATION: snprintf(buf, size, "%s", _("preparation")); break;
	case IV_SLOT_OPENING: snprintf(buf, size, "%s", _("opening notes")); break;
	case IV_SLOT_CLOSING: snprintf(buf, size, "%s", _("closing notes")); break;
	case IV_SLOT_OBSERVATIONS: snprintf(buf, size, "%s", _("observations")); break;
	case IV_SLOT_ACTIONS: snprintf(buf, size, "%s", _("notes on the action items")); break;
	default: snprintf(buf, size, _("question %d"), h->slot + 1); break;
	}
}

/* snip shown in cols columns so that its first match is seen: words cut
 * from its start (an ellipsis in their place) while the match would end
 * past the edge. */
static const char *fit_snippet(const char *snip, int cols, strbuf *out)
{
	const char *close = strchr(snip, ']');
	const char *from = snip;
	const char *ell = ui_term_utf8() ? "\xe2\x80\xa6" : "~";
	while (close && (int)utf8_width(from, (size_t)(close + 1 - from)) + 1 > cols) {
		const char *sp = strchr(from, ' ');
		if (!sp || sp >= close)
			break;
		from = sp + 1;
	}
	sb_clear(out);
	if (from != snip)
		sb_puts(out, ell);
	sb_puts(out, from);
	return sb_str(out);
}

static void search_draw(start *s)
{
	strbuf fit = STRBUF_INIT;
	WINDOW *w = s->w;
	int W = COLS, H = LINES;
	werase(w);
	attr_t sa = ui_attr(US_STATUS);
	ui_blank(w, 0, 0, W, sa);
	ui_putz(w, 0, 1, _("exitview: search the notes"), W - 2, sa | A_BOLD);
	char cnt[64] = "";
	if (s->searched)
		snprintf(cnt, sizeof cnt, s->more ? _("%d+ hits") : ngettext("%d hit", "%d hits", (unsigned long)s->nhits),
			 s->nhits);
	int cntw = (int)utf8_width(cnt, strlen(cnt));
	ui_putz(w, 0, W - cntw - 1, cnt, cntw, sa);
	const char *label = _("Search:");
	int lw = (int)utf8_width(label, strlen(label));
	ui_putz(w, 1, 1, label, lw + 1, ui_attr(US_TITLE));
	int fx = lw + 2 + ui_put_trunc(w, 1, lw + 2, sb_str(&s->query), W - lw - 5, A_NORMAL);
	if (!s->query.len)
		ui_putz(w, 1, lw + 2, _("(words, \"a phrase\", word*; Enter searches, Esc goes back)"), W - lw - 3,
			ui_attr(US_DIM));
	int h = LINES - 5;
	if (s->hsel < s->htop)
		s->htop = s->hsel;
	if (s->hsel >= s->htop + h)
		s->htop = s->hsel - h + 1;
	for (int r = 0; r < h && s->htop + r < s->nhits; r++) {
		int i = s->htop + r, y = 3 + r;
		const store_hit *hit = &s->hits[i];
		bool cur = i == s->hsel;
		attr_t a = cur ? ui_attr(US_SELECTED) : A_NORMAL;
		ui_blank(w, y, 0, W, a);
		ui_putz(w, y, 0, cur ? ">" : " ", 1, a);
		char id[24], where[96];
		snprintf(id, sizeof id, "%5lld", (long long)hit->id);
		hit_where(hit, where, sizeof where);
		ui_putz(w, y, 1, id, 5, a);
		ui_put_trunc(w, y, 8, str_empty(hit->employee) ? _("(no name)") : hit->employee, 18, a);
		ui_put_trunc(w, y, 27, where, 14, a);
		ui_put_trunc(w, y, 42, fit_snippet(hit->snippet, W - 43, &fit), W - 43, a);
	}
	if (s->searched && s->nhits == 0 && h > 2) {
		char empty[300];
		snprintf(empty, sizeof empty, _("Nothing found for %s."), s->searched);
		ui_put_trunc(w, 5, 8, empty, W - 9, ui_attr(US_DIM));
	}
	if (s->msg.text[0])
		ui_put_trunc(w, H - 2, 1, s->msg.text, W - 2, s->msg.error ? ui_attr(US_ERROR) : A_BOLD);
	ui_put_trunc(w, H - 1, 1, _("Enter search / open  Up/Down choose  Esc back to the list  F1 help"), W - 2,
		     ui_attr(US_DIM));
	curs_set(1);
	wmove(w, 1, fx < W - 1 ? fx : W - 1);
	wnoutrefresh(w);
	sb_free(&fit);
}

static void start_draw(ui_view *v, unsigned damage)
{
	(void)damage;
	start *s = (start *)v;
	if (s->searching) {
		search_draw(s);
		return;
	}
	load(s);
	if (s->filter.len && s->sel == 0 && s->count > 0)
		s->sel = 1;
	WINDOW *w = s->w;
	int W = COLS, H = LINES;
	werase(w);
	attr_t sa = ui_attr(US_STATUS);
	ui_blank(w, 0, 0, W, sa);
	ui_putz(w, 0, 1, _("exitview: exit interviews"), W - 2, sa | A_BOLD);
	char cnt[64];
	snprintf(cnt, sizeof cnt,
		 s->filter.len ? ngettext("%d interview matches", "%d interviews match", (unsigned long)s->count)
			       : ngettext("%d interview", "%d interviews", (unsigned long)s->count),
		 s->count);
	int cntw = (int)utf8_width(cnt, strlen(cnt));
	ui_putz(w, 0, W - cntw - 1, cnt, cntw, sa);
	ui_putz(w, 1, 1, _("Filter:"), 8, ui_attr(US_TITLE));
	int fx = 9 + ui_put_trunc(w, 1, 9, sb_str(&s->filter), W - 12, A_NORMAL);
	if (!s->filter.len)
		ui_putz(w, 1, 9, _("(type to filter by name, role, department, manager or ID; / searches notes)"), W - 10, ui_attr(US_DIM));
	/* columns: ID, employee, role, department, date, state, done; the
	 * three text columns share what is wider than 80 columns (2:1:1) */
	int extra = W - 80 > 0 ? W - 80 : 0;
	int cw[] = { 5, 20 + extra / 2, 14 + extra / 4, 12 + extra - extra / 2 - extra / 4, 10, 6, 5 };
	/* the state column as wide as its words in the reader's language
	 * ("avslutad"), taken from the employee column */
	const char *states[] = { _("State"), _("open"), _("closed") };
	for (int k = 0; k < 3; k++) {
		int sw = (int)utf8_width(states[k], strlen(states[k]));
		if (sw > cw[5] && sw <= 10) {
			cw[1] -= sw - cw[5];
			cw[5] = sw;
		}
	}
	int cx[7];
	cx[0] = 1;
	cx[1] = 8;
	for (int c = 2; c < 7; c++)
		cx[c] = cx[c - 1] + cw[c - 1] + 1;
	int top_y = 2 + upcoming_lines(s);
	if (upcoming_lines(s))
		draw_upcoming(s, cx, cw);
	static const char *const heads[] = { N_("   ID"), N_("Employee"), N_("Role"), N_("Department"),
					     N_("Date"), N_("State"), N_("Done") };
	for (int c = 0; c < 7; c++)
		ui_putz(w, top_y, cx[c], _(heads[c]), cw[c], ui_attr(US_DIM));
	int h = list_rows(s);
	for (int r = 0; r < h; r++) {
		int i = s->top + r;
		if (i > s->count)
			break;
		int y = top_y + 1 + r;
		bool cur = i == s->sel;
		attr_t a = cur ? ui_attr(US_SELECTED) : A_NORMAL;
		ui_blank(w, y, 0, W, a);
		ui_putz(w, y, 0, cur ? ">" : " ", 1, a);
		if (i == 0) {
			ui_putz(w, y, cx[1], _("New interview"), W - cx[1] - 1, a | A_BOLD);
			continue;
		}
		const store_row *row = row_at(s, i);
		if (!row)
			continue;
		char id[24], done[24];
		snprintf(id, sizeof id, "%5lld", (long long)row->id);
		snprintf(done, sizeof done, "%d/%d", row->answered, row->nquestions);
		ui_putz(w, y, cx[0], id, cw[0], a);
		ui_put_trunc(w, y, cx[1], str_empty(row->employee) ? _("(no name)") : row->employee, cw[1], a);
		ui_put_trunc(w, y, cx[2], row->role, cw[2], a);
		ui_put_trunc(w, y, cx[3], row->department, cw[3], a);
		ui_put_trunc(w, y, cx[4], row->interview_date, cw[4], a);
		ui_putz(w, y, cx[5], row->closed ? _("closed") : _("open"), cw[5], a);
		ui_putz(w, y, cx[6], done, cw[6], a);
	}
	/* empty states: say what there is and what to do */
	if (s->count == 0 && h > 2) {
		char empty[300];
		if (s->filter.len)
			snprintf(empty, sizeof empty, _("No interview matches \"%s\": Backspace or Esc clears the filter."),
				 sb_str(&s->filter));
		else
			snprintf(empty, sizeof empty, "%s", _("No interviews yet: Enter begins one."));
		ui_put_trunc(w, top_y + 3, cx[1], empty, W - cx[1] - 1, ui_attr(US_DIM));
	}
	if (s->msg.text[0])
		ui_put_trunc(w, H - 2, 1, s->msg.text, W - 2, s->msg.error ? ui_attr(US_ERROR) : A_BOLD);
	char hints[512];
	ui_keys_hints(P_START, W - 2, hints, sizeof hints);
	ui_put_trunc(w, H - 1, 1, hints, W - 2, ui_attr(US_DIM));
	curs_set(1);
	wmove(w, 1, fx < W - 1 ? fx : W - 1);
	wnoutrefresh(w);
}

static void filter_changed(start *s)
{
	s->stale = true;
	s->sel = s->filter.len ? 1 : 0;   /* filtering: the first match */
	s->top = 0;
}

/* A paste filters once, by its first line (not once per character). */
static unsigned start_paste(ui_view *v, const char *text, size_t len)
{
	start *s = (start *)v;
	strbuf *into = s->searching ? &s->query : &s->filter;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (cp == '\r' || cp == '\n')
			break;
		char u[4];
		if (ui_key_printable((int)cp))
			sb_add(into, u, utf8_encode(cp, u));
		i += n;
	}
	if (!s->searching)
		filter_changed(s);
	return 1;
}

/* A key while searching: typing (any printable key, '/' too) edits the
 * query; Enter searches it, or opens the hit chosen when the hits are of
 * it; Esc goes back to the list. */
/* Backspace in a line of text typed (the filter, the query): its last
 * character goes.  False when it was empty. */
static bool drop_last(strbuf *sb)
{
	if (!sb->len)
		return false;
	sb->len = utf8_prev(sb->s, sb->len);
	sb->s[sb->len] = '\0';
	return true;
}

static unsigned search_key(start *s, int key)
{
	ui_view *v = &s->v;
	if (ui_key_printable(key)) {
		char u[4];
		sb_add(&s->query, u, ui_key_utf8(key, u));
		return 1;
	}
	int h = LINES - 5;
	switch (ui_keys_action(P_START, key)) {
	case A_UP: s->hsel--; break;
	case A_DOWN: s->hsel++; break;
	case A_PGUP: s->hsel -= h; break;
	case A_PGDN: s->hsel += h; break;
	case A_ED_BACKSPACE:
		drop_last(&s->query);
		break;
	case A_FILTER_CLEAR:
		sb_clear(&s->query);
		break;
	case A_QUIT:
		if (key == UI_ESC) {
			s->searching = false;
			s->stale = s->up_stale = true;
		} else {
			v->result = UI_R_CANCEL;
			v->done = true;
		}
		break;
	case A_OPEN:
		if (!s->searched || strcmp(s->searched, sb_str(&s->query)) != 0) {
			run_search(s);
		} else if (s->hsel >= 0 && s->hsel < s->nhits) {
			*s->chosen = s->hits[s->hsel].id;
			v->result = UI_R_LEAVE;
			v->done = true;
		}
		break;
	default:
		if (key == KD_UNKNOWN)
			ui_msg_set(&s->msg, false, "an unknown key sequence was ignored (F1 lists the keys)");
		else
			ui_msg_set(&s->msg, false, "not a key here: Enter searches, Esc goes back to the list");
		break;
	}
	if (s->hsel >= s->nhits)
		s->hsel = s->nhits - 1;
	if (s->hsel < 0)
		s->hsel = 0;
	return 1;
}

static unsigned start_key(ui_view *v, int key)
{
	start *s = (start *)v;
	s->msg.text[0] = '\0';
	if (s->searching)
		return search_key(s, key);
	int h = list_rows(s);
	switch (ui_keys_action(P_START, key)) {
	case A_SEARCH:
		s->searching = true;
		break;
	case A_UP: s->sel--; break;
	case A_DOWN: s->sel++; break;
	case A_PGUP: s->sel -= h; break;
	case A_PGDN: s->sel += h; break;
	case A_ED_BACKSPACE:
		if (drop_last(&s->filter))
			filter_changed(s);
		break;
	case A_FILTER_CLEAR:
		sb_clear(&s->filter);
		filter_changed(s);
		break;
	case A_QUIT:
		if (s->filter.len && key == UI_ESC) {
			sb_clear(&s->filter);
			filter_changed(s);
		} else {
			v->result = UI_R_CANCEL;
			v->done = true;
		}
		break;
	case A_OPEN:
		if (s->sel == 0) {
			*s->chosen = 0;
			v->result = UI_R_LEAVE;
			v->done = true;
		} else {
			const store_row *row = row_at(s, s->sel);
			if (row) {
				*s->chosen = row->id;
				v->result = UI_R_LEAVE;
				v->done = true;
			}
		}
		break;
	default:
		if (ui_key_printable(key)) {
			char u[4];
			sb_add(&s->filter, u, ui_key_utf8(key, u));
			filter_changed(s);
		} else if (key == KD_UNKNOWN) {
			ui_msg_set(&s->msg, false, "an unknown key sequence was ignored (F1 lists the keys)");
		} else {
			ui_msg_set(&s->msg, false, "not a key here: Enter opens, F1 lists the keys");
		}
		break;
	}
	return 1;
}

static void start_layout(ui_view *v)
{
	start *s = (start *)v;
	if (s->w)
		delwin(s->w);
	s->w = ui_newwin(LINES, COLS, 0, 0);
	s->stale = s->up_stale = true;
}

static void start_hangup(ui_view *v, enum ui_result why)
{
	(void)v;
	(void)why;   /* the start screen holds nothing unsaved */
}

/* Closed interviews kept longer than the retention (config): said once,
 * at the start, with what removes them. */
static void retention_notice(start *s)
{
	int months = s->ctx->cfg->retention_months;
	if (months <= 0)
		return;
	char before[11];
	date_months_ago(months, before);
	store_aged *aged;
	int n = store_aged_list(s->ctx->st, before, &aged), closed = 0;
	for (int i = 0; i < n; i++)
		closed += aged[i].closed;
	free(aged);
	if (closed > 0)
		ui_msg_set(&s->msg, true,
			   ngettext("%d closed interview is past the %d-month retention: run exitview purge",
				    "%d closed interviews are past the %d-month retention: run exitview purge",
				    (unsigned long)closed),
			   closed, months);
}

enum ui_result ui_start_choose(ui_ctx *ctx, const char *msg, int64_t *id)
{
	start *s = &st_state;
	s->ctx = ctx;
	s->chosen = id;
	s->stale = s->up_stale = true;
	s->msg.text[0] = '\0';
	if (msg)
		ui_msg_set(&s->msg, false, "%s", msg);
	else
		retention_notice(s);
	memset(&s->v, 0, sizeof s->v);
	s->v.key = start_key;
	s->v.paste = start_paste;
	s->v.layout = start_layout;
	s->v.draw = start_draw;
	s->v.hangup = start_hangup;
	s->v.pane = P_START;
	s->v.result = UI_R_CANCEL;
	enum ui_result res = ui_loop_run(&s->v);
	store_rows_free(s->rows, s->nrows);
	s->rows = NULL;
	s->nrows = 0;
	store_rows_free(s->up, s->nup);
	s->up = NULL;
	s->nup = 0;
	if (s->w)
		delwin(s->w);
	s->w = NULL;
	curs_set(0);
	if (res != UI_R_LEAVE) {
		sb_free(&s->filter);
		sb_free(&s->query);
		hits_clear(s);
		s->searching = false;
	}
	return res;
}
