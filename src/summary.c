/* summary.c — patterns across many interviews, with anonymity.
 *
 * summary_add() keeps a small record of each interview (its month, group,
 * reasons, regrettable, ratings); summary_render() computes the figures for
 * the whole set, or for each group with --by, as plain-text tables aligned
 * by display width.
 *
 * Anonymity (threshold T): every figure comes from at least T interviews.
 *  - The unit of time is the quarter: a quarter with fewer than T
 *    interviews counts in no summary; a period that covers only part of a
 *    quarter counts that part only if each of the quarter's months has T
 *    or more (or none).  So the difference of any two summaries is made of
 *    whole months and quarters of T or more.
 *  - A set (or group) of fewer than T shows no figures; with --by the
 *    groups left out hold T or more together (the smallest groups shown
 *    are left out with them), so that neither the whole set minus the
 *    groups shown nor a second summary gives a small group away; the
 *    figures of the whole set are not shown beside the groups.
 *  - Counts under T are merged ("Other reasons") or shown as "-", with one
 *    more where the others would give it away; averages of fewer than T
 *    ratings, and templates used by fewer than T interviews in the set,
 *    show no figures.
 * exitview(1), PRIVACY, says what this does not protect against.
 */
#include "exitview/summary.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/date.h"
#include "exitview/period.h"
#include "exitview/utf8.h"

#define CELL_MAX 40       /* widest text cell, in columns */
#define TOP_PAIRS 5       /* differing stated -> assessed pairs listed */

typedef struct qkey {
	char *tpl_name, *tpl_title;
	int number;             /* 1-based */
	char *title;
} qkey;

typedef struct rec {
	int month;              /* period.h's month index; -1: no date */
	char *group;            /* group key ("" = none) */
	char *glabel;           /* group as shown */
	char *primary, *primary_label;
	char *assessed, *assessed_label;
	int regrettable;
	int nq;
	int *qidx;              /* into summary.keys, per question */
	int *rating;            /* 0 = none (or skipped); -1: takes none (rating = no) */
} rec;

struct summary {
	enum summary_by by;
	int threshold;
	int first, last;        /* the period's months; -1: open-ended */
	rec *recs;
	int nrecs, caprecs;
	qkey *keys;
	int nkeys, capkeys;
};

summary *summary_new(enum summary_by by, int threshold, int first_month, int last_month)
{
	summary *s = xcalloc(1, sizeof *s);
	s->by = by;
	s->threshold = threshold < 1 ? 1 : threshold;
	s->first = first_month;
	s->last = last_month;
	return s;
}

void summary_fetch_range(const summary *s, char since[11], char until[11])
{
	since[0] = until[0] = '\0';
	if (s->first >= 0)
		period_first_day(s->first / 3 * 3, since);
	if (s->last >= 0)
		period_last_day(s->last / 3 * 3 + 2, until);
}

static int key_index(summary *s, const interview *iv, int i)
{
	const char *name = iv->template_name ? iv->template_name : "";
	for (int k = 0; k < s->nkeys; k++)
		if (s->keys[k].number == i + 1 && strcmp(s->keys[k].tpl_name, name) == 0)
			return k;
	if (s->nkeys == s->capkeys) {
		s->capkeys = s->capkeys ? 2 * s->capkeys : 16;
		s->keys = xrealloc(s->keys, (size_t)s->capkeys * sizeof *s->keys);
	}
	qkey *k = &s->keys[s->nkeys];
	k->tpl_name = xstrdup(name);
	k->tpl_title = xstrdup(iv->template_title ? iv->template_title : "");
	k->number = i + 1;
	k->title = xstrdup(iv->q[i].title ? iv->q[i].title : "");
	return s->nkeys++;
}

void summary_add(summary *s, const interview *iv)
{
	if (s->nrecs == s->caprecs) {
		s->caprecs = s->caprecs ? 2 * s->caprecs : 32;
		s->recs = xrealloc(s->recs, (size_t)s->caprecs * sizeof *s->recs);
	}
	rec *r = &s->recs[s->nrecs++];
	memset(r, 0, sizeof *r);
	/* the day date ranges use (store.h): the interview date, else the
	 * day it was created */
	r->month = !str_empty(iv->interview_date) ? period_month_of(iv->interview_date)
						   : period_month_of_time(iv->created);
	switch (s->by) {
	case SUMMARY_DEPARTMENT:
		r->group = xstrdup(iv->department ? iv->department : "");
		r->glabel = xstrdup(str_empty(r->group) ? "(none)" : r->group);
		break;
	case SUMMARY_ROLE:
		r->group = xstrdup(iv->role ? iv->role : "");
		r->glabel = xstrdup(str_empty(r->group) ? "(none)" : r->group);
		break;
	case SUMMARY_MANAGER:
		r->group = xstrdup(iv->manager ? iv->manager : "");
		r->glabel = xstrdup(str_empty(r->group) ? "(none)" : r->group);
		break;
	case SUMMARY_QUARTER:   /* "2026-Q1" sorts as time does */
		if (r->month >= 0)
			r->group = xasprintf("%04d-Q%d", (r->month / 12) % 10000, r->month % 12 / 3 + 1);
		else
			r->group = xstrdup("");
		r->glabel = xstrdup(str_empty(r->group) ? "(no date)" : r->group);
		break;
	case SUMMARY_TEMPLATE:
		r->group = xstrdup(iv->template_name ? iv->template_name : "");
		if (str_empty(r->group))
			r->glabel = xstrdup("(none)");
		else if (str_empty(iv->template_title))
			r->glabel = xstrdup(r->group);
		else
			r->glabel = xasprintf("%s (%s)", iv->template_title, r->group);
		break;
	default:
		r->group = xstrdup("");
		r->glabel = xstrdup("");
		break;
	}
	r->primary = xstrdup(iv->reason_primary ? iv->reason_primary : "");
	r->primary_label = xstrdup(interview_category_label(iv, r->primary));
	r->assessed = xstrdup(iv->reason_assessed ? iv->reason_assessed : "");
	r->assessed_label = xstrdup(interview_category_label(iv, r->assessed));
	r->regrettable = iv->regrettable;
	r->nq = iv->nquestions > 0 ? iv->nquestions : 0;
	r->qidx = xcalloc((size_t)(r->nq ? r->nq : 1), sizeof *r->qidx);
	r->rating = xcalloc((size_t)(r->nq ? r->nq : 1), sizeof *r->rating);
	for (int i = 0; i < r->nq; i++) {
		r->qidx[i] = key_index(s, iv, i);
		const iv_question *q = &iv->q[i];
		r->rating[i] = q->no_rating ? -1
			       : !q->skipped && q->rating >= 1 && q->rating <= TPL_SCALE ? q->rating : 0;
	}
}

void summary_free(summary *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nrecs; i++) {
		rec *r = &s->recs[i];
		free(r->group);
		free(r->glabel);
		free(r->primary);
		free(r->primary_label);
		free(r->assessed);
		free(r->assessed_label);
		free(r->qidx);
		free(r->rating);
	}
	free(s->recs);
	for (int k = 0; k < s->nkeys; k++) {
		free(s->keys[k].tpl_name);
		free(s->keys[k].tpl_title);
		free(s->keys[k].title);
	}
	free(s->keys);
	free(s);
}

/* ---- text cells and tables ---------------------------------------------- */

/* s on one line by the text rule (utf8.h, UTF8_ONELINE): newlines and tabs
 * -> space, controls, bidi controls and BOMs dropped, invalid bytes ->
 * U+FFFD; cut to CELL_MAX columns with "…". malloc'd. */
static char *cell_text(const char *s)
{
	strbuf clean = STRBUF_INIT;
	utf8_clean(&clean, s, strlen(s), UTF8_ONELINE);
	if (utf8_width(sb_str(&clean), clean.len) > CELL_MAX) {
		clean.len = utf8_fit(clean.s, clean.len, CELL_MAX - 1);
		sb_puts(&clean, "\xe2\x80\xa6");
	}
	return sb_detach(&clean);
}

typedef struct table {
	int ncols;
	const char *align;      /* 'l' or 'r' per column */
	char **cells;           /* rows * ncols, malloc'd strings */
	int nrows, cap;
} table;

static void table_init(table *t, int ncols, const char *align)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->align = align;
}

/* Add a row of ncols strings (copied, cleaned). */
static void table_row(table *t, const char *const *cols)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 8;
		t->cells = xrealloc(t->cells, (size_t)t->cap * (size_t)t->ncols * sizeof *t->cells);
	}
	for (int c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = cell_text(cols[c] ? cols[c] : "");
	t->nrows++;
}

/* Write the table, first row as header underlined with dashes. */
static void table_render(table *t, const char *indent, strbuf *out)
{
	size_t *w = xcalloc((size_t)t->ncols, sizeof *w);
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			size_t cw = utf8_width(s, strlen(s));
			if (cw > w[c])
				w[c] = cw;
		}
	size_t total = 0;
	for (int c = 0; c < t->ncols; c++)
		total += w[c] + (c ? 2 : 0);
	for (int r = 0; r < t->nrows; r++) {
		size_t start = out->len;
		sb_puts(out, indent);
		for (int c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			size_t cw = utf8_width(s, strlen(s));
			if (c)
				sb_puts(out, "  ");
			if (t->align[c] == 'r')
				sb_pad(out, ' ', w[c] - cw);
			sb_puts(out, s);
			if (t->align[c] != 'r')
				sb_pad(out, ' ', w[c] - cw);
		}
		while (out->len > start && out->s[out->len - 1] == ' ')
			out->len--;
		sb_putc(out, '\n');
		if (r == 0) {
			sb_puts(out, indent);
			sb_pad(out, '-', total);
			sb_putc(out, '\n');
		}
	}
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(w);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}

static void heading(strbuf *out, const char *title, char under)
{
	char *t = cell_text(title);
	sb_puts(out, t);
	sb_putc(out, '\n');
	sb_pad(out, under, utf8_width(t, strlen(t)));
	sb_putc(out, '\n');
	free(t);
}

static char *pct(int n, int of)
{
	return xasprintf("%.1f%%", of > 0 ? 100.0 * n / of : 0.0);
}

/* ---- small counts ------------------------------------------------------- */

/* Which of n counts (of a set whose total is shown) must not be shown:
 * those under t (but not 0), and then, while only one is hidden or the
 * hidden ones hold fewer than t together, the smallest shown one too: no
 * hidden count can be worked out from the total and the others.  Returns
 * how many are hidden. */
static int suppress(const int *count, bool *hide, int n, int t)
{
	int nhidden = 0, sum = 0;
	for (int i = 0; i < n; i++) {
		hide[i] = count[i] > 0 && count[i] < t;
		if (hide[i]) {
			nhidden++;
			sum += count[i];
		}
	}
	while (nhidden > 0 && (nhidden == 1 || sum < t)) {
		int k = -1;   /* the smallest; of equals the last (shown last) */
		for (int i = 0; i < n; i++)
			if (!hide[i] && count[i] > 0 && (k < 0 || count[i] <= count[k]))
				k = i;
		if (k < 0)
			break;
		hide[k] = true;
		nhidden++;
		sum += count[k];
	}
	return nhidden;
}

/* ---- figures of one set of interviews ------------------------------------ */

typedef struct tally {
	const char *key, *label, *key2, *label2;
	int count;
} tally;

static void tally_add(tally **t, int *n, const char *key, const char *label,
		      const char *key2, const char *label2)
{
	for (int i = 0; i < *n; i++)
		if (strcmp((*t)[i].key, key) == 0 && strcmp((*t)[i].key2, key2) == 0) {
			(*t)[i].count++;
			return;
		}
	*t = xrealloc(*t, (size_t)(*n + 1) * sizeof **t);
	(*t)[*n] = (tally){ key, label, key2, label2, 1 };
	(*n)++;
}

/* Most first; ties by label, then second label. */
static int tally_cmp(const void *a, const void *b)
{
	const tally *x = a, *y = b;
	if (x->count != y->count)
		return y->count - x->count;
	int c = strcmp(x->label, y->label);
	return c ? c : strcmp(x->label2, y->label2);
}

static void tally_sort(tally *t, int n)
{
	if (n > 1)
		qsort(t, (size_t)n, sizeof *t, tally_cmp);
}

/* The tallies that may be shown as they are first; the others are
 * merged into *other (their count).  Returns how many are shown. */
static int tally_suppress(tally *t, int n, int threshold, int *other)
{
	int *count = xcalloc((size_t)n + 1, sizeof *count);
	bool *hide = xcalloc((size_t)n + 1, sizeof *hide);
	for (int i = 0; i < n; i++)
		count[i] = t[i].count;
	suppress(count, hide, n, threshold);
	int shown = 0;
	*other = 0;
	for (int i = 0; i < n; i++) {
		if (hide[i])
			*other += t[i].count;
		else
			t[shown++] = t[i];
	}
	free(count);
	free(hide);
	return shown;
}

/* qsort has no context argument: the summary whose keys are being sorted. */
static const summary *sort_keys_of;

static int qidx_cmp(const void *a, const void *b)
{
	const qkey *x = &sort_keys_of->keys[*(const int *)a];
	const qkey *y = &sort_keys_of->keys[*(const int *)b];
	int c = strcmp(x->tpl_name, y->tpl_name);
	return c ? c : x->number - y->number;
}

static void render_reasons(const summary *s, strbuf *out, rec **rs, int n)
{
	tally *t = NULL;
	int nt = 0;
	for (int i = 0; i < n; i++) {
		const char *k = rs[i]->primary;     /* "" when not recorded, never NULL */
		tally_add(&t, &nt, k, k[0] == '\0' ? "(not recorded)" : rs[i]->primary_label, "", "");
	}
	tally_sort(t, nt);
	int other;
	int shown = tally_suppress(t, nt, s->threshold, &other);
	sb_puts(out, "\nReason for leaving (primary, as stated)\n\n");
	table tb;
	table_init(&tb, 3, "lrr");
	table_row(&tb, (const char *const[]){ "Reason", "Interviews", "Share" });
	for (int i = 0; i < shown; i++) {
		char *c = xasprintf("%d", t[i].count), *p = pct(t[i].count, n);
		table_row(&tb, (const char *const[]){ t[i].label, c, p });
		free(c);
		free(p);
	}
	if (other > 0) {
		char *c = xasprintf("%d", other), *p = pct(other, n);
		table_row(&tb, (const char *const[]){ "Other reasons (merged)", c, p });
		free(c);
		free(p);
	}
	table_render(&tb, "  ", out);
	if (other > 0)
		sb_printf(out, "\n  Reasons of fewer than %d interviews are merged into \"Other reasons\".\n",
			  s->threshold);
	free(t);
}

static void render_assessed(const summary *s, strbuf *out, rec **rs, int n)
{
	tally *t = NULL;
	int nt = 0, compared = 0, differ = 0, th = s->threshold;
	for (int i = 0; i < n; i++) {
		const rec *r = rs[i];
		if (str_empty(r->primary) || str_empty(r->assessed))
			continue;
		compared++;
		if (strcmp(r->primary, r->assessed) != 0) {
			differ++;
			tally_add(&t, &nt, r->primary, r->primary_label, r->assessed, r->assessed_label);
		}
	}
	sb_puts(out, "\nStated and assessed reason\n\n");
	if (compared == 0) {
		sb_puts(out, "  No interview has both a stated and an assessed reason.\n");
	} else if (compared < th) {
		sb_printf(out, "  Fewer than %d interviews have both a stated and an assessed reason: no figures.\n",
			  th);
	} else if ((differ > 0 && differ < th) || (compared - differ > 0 && compared - differ < th)) {
		sb_printf(out, "  %d interviews have both recorded; how many differ is not shown "
			  "(fewer than %d either way).\n", compared, th);
	} else {
		char *p = pct(differ, compared);
		sb_printf(out, "  They differ in %d of %d interview%s with both recorded (%s).\n",
			  differ, compared, compared == 1 ? "" : "s", p);
		free(p);
		tally_sort(t, nt);
		int other;
		int shown = tally_suppress(t, nt, th, &other);
		if (shown > 0) {
			sb_puts(out, "\n");
			table tb;
			table_init(&tb, 3, "llr");
			table_row(&tb, (const char *const[]){ "Stated", "Assessed", "Interviews" });
			for (int i = 0; i < shown && i < TOP_PAIRS; i++) {
				char *c = xasprintf("%d", t[i].count);
				table_row(&tb, (const char *const[]){ t[i].label, t[i].label2, c });
				free(c);
			}
			table_render(&tb, "  ", out);
		}
		if (other > 0)
			sb_printf(out, "\n  Pairs of fewer than %d interviews are not listed.\n", th);
	}
	free(t);
}

/* How many interviews of the set rs[0..n) have template tpl. */
static int on_template(const summary *s, rec **rs, int n, const char *tpl)
{
	int c = 0;
	for (int i = 0; i < n; i++)
		if (rs[i]->nq > 0 && strcmp(s->keys[rs[i]->qidx[0]].tpl_name, tpl) == 0)
			c++;
	return c;
}

static void render_ratings(const summary *s, strbuf *out, rec **rs, int n)
{
	int *sum = xcalloc((size_t)(s->nkeys + 1), sizeof *sum);
	int *cnt = xcalloc((size_t)(s->nkeys + 1), sizeof *cnt);
	char *seen = xcalloc((size_t)(s->nkeys + 1), 1);
	for (int i = 0; i < n; i++)
		for (int q = 0; q < rs[i]->nq; q++) {
			int k = rs[i]->qidx[q];
			seen[k] |= rs[i]->rating[q] < 0 ? 2 : 1;
			if (rs[i]->rating[q] > 0) {
				sum[k] += rs[i]->rating[q];
				cnt[k]++;
			}
		}
	int *order = xcalloc((size_t)(s->nkeys + 1), sizeof *order);
	int no = 0;
	for (int k = 0; k < s->nkeys; k++)
		if (seen[k])
			order[no++] = k;
	sort_keys_of = s;
	if (no > 1)
		qsort(order, (size_t)no, sizeof *order, qidx_cmp);

	sb_puts(out, "\nAverage rating per question\n");
	if (no == 0)
		sb_puts(out, "\n  No questions.\n");
	table tb;
	table_init(&tb, 4, "rlrr");
	bool block_shown = false;
	char *few = xasprintf("fewer than %d", s->threshold);
	for (int i = 0; i < no; i++) {
		const qkey *k = &s->keys[order[i]];
		if (i == 0 || strcmp(k->tpl_name, s->keys[order[i - 1]].tpl_name) != 0) {
			if (block_shown)
				table_render(&tb, "    ", out);
			char *h;
			if (str_empty(k->tpl_title))
				h = xstrdup(str_empty(k->tpl_name) ? "(no template)" : k->tpl_name);
			else
				h = xasprintf("%s (%s)", k->tpl_title, k->tpl_name);
			char *hc = cell_text(h);
			sb_printf(out, "\n  %s\n\n", hc);
			free(hc);
			free(h);
			block_shown = on_template(s, rs, n, k->tpl_name) >= s->threshold;
			if (!block_shown) {
				sb_printf(out, "    Fewer than %d interviews on this template: no figures.\n",
					  s->threshold);
				continue;
			}
			table_row(&tb, (const char *const[]){ "#", "Question", "Average", "Ratings" });
		}
		if (!block_shown)
			continue;
		int c = cnt[order[i]];
		char *num = xasprintf("%d", k->number);
		char *avg = (seen[order[i]] & 2) && c == 0 ? xstrdup("(no rating)")
			    : c >= s->threshold ? xasprintf("%.2f", (double)sum[order[i]] / c)
			    : c > 0	      ? xstrdup(few)
					      : xstrdup("\xe2\x80\x94");
		char *cs = c >= s->threshold || c == 0 ? xasprintf("%d", c) : xstrdup("\xe2\x80\x94");
		table_row(&tb, (const char *const[]){ num, k->title, avg, cs });
		free(num);
		free(avg);
		free(cs);
	}
	if (block_shown)
		table_render(&tb, "    ", out);
	free(few);
	free(order);
	free(seen);
	free(sum);
	free(cnt);
}

static void render_regrettable(const summary *s, strbuf *out, rec **rs, int n)
{
	int c[3] = { 0, 0, 0 };
	bool hide[3];
	for (int i = 0; i < n; i++) {
		int v = rs[i]->regrettable;
		c[v == TRI_YES ? 0 : v == TRI_NO ? 1 : 2]++;
	}
	int nhidden = suppress(c, hide, 3, s->threshold);
	static const char *const names[] = { "Yes", "No", "Unknown" };
	sb_puts(out, "\nRegrettable loss\n\n");
	table tb;
	table_init(&tb, 3, "lrr");
	table_row(&tb, (const char *const[]){ "Regrettable", "Interviews", "Share" });
	for (int i = 0; i < 3; i++) {
		char *cs = hide[i] ? xstrdup("\xe2\x80\x94") : xasprintf("%d", c[i]);
		char *p = hide[i] ? xstrdup("\xe2\x80\x94") : pct(c[i], n);
		table_row(&tb, (const char *const[]){ names[i], cs, p });
		free(cs);
		free(p);
	}
	table_render(&tb, "  ", out);
	if (nhidden)
		sb_printf(out, "\n  \xe2\x80\x94 : fewer than %d, or not shown so that it cannot be worked out "
			  "from the others.\n", s->threshold);
}

static void render_figures(const summary *s, strbuf *out, rec **rs, int n)
{
	sb_printf(out, "Interviews: %d\n", n);
	render_reasons(s, out, rs, n);
	render_assessed(s, out, rs, n);
	render_ratings(s, out, rs, n);
	render_regrettable(s, out, rs, n);
}

/* ---- which interviews count ---------------------------------------------- */

typedef struct quarter {
	int q;                  /* month / 3 */
	int total, month[3];
} quarter;

static quarter *quarter_of(quarter **qs, int *n, int q)
{
	for (int i = 0; i < *n; i++)
		if ((*qs)[i].q == q)
			return &(*qs)[i];
	*qs = xrealloc(*qs, (size_t)(*n + 1) * sizeof **qs);
	quarter *x = &(*qs)[(*n)++];
	memset(x, 0, sizeof *x);
	x->q = q;
	return x;
}

static bool in_period(const summary *s, int month)
{
	if (month < 0)   /* no date: only an open-ended period has it */
		return s->first < 0 && s->last < 0;
	return (s->first < 0 || month >= s->first) && (s->last < 0 || month <= s->last);
}

/* The records that count (see the top of the file) into rs; returns how
 * many. */
static int counted(const summary *s, rec **rs)
{
	quarter *qs = NULL;
	int nq = 0;
	for (int i = 0; i < s->nrecs; i++) {
		int m = s->recs[i].month;
		quarter *x = quarter_of(&qs, &nq, m < 0 ? -1 : m / 3);
		x->total++;
		if (m >= 0)
			x->month[m % 3]++;
	}
	int n = 0;
	for (int i = 0; i < s->nrecs; i++) {
		int m = s->recs[i].month;
		if (!in_period(s, m))
			continue;
		const quarter *x = quarter_of(&qs, &nq, m < 0 ? -1 : m / 3);
		if (x->total < s->threshold)
			continue;
		bool whole = m < 0 || ((s->first < 0 || x->q * 3 >= s->first) &&
				       (s->last < 0 || x->q * 3 + 2 <= s->last));
		bool months_big = true;
		for (int k = 0; k < 3; k++)
			if (x->month[k] > 0 && x->month[k] < s->threshold)
				months_big = false;
		if (whole || months_big)
			rs[n++] = &s->recs[i];
	}
	free(qs);
	return n;
}

/* ---- the whole summary -------------------------------------------------- */

static int group_cmp(const void *a, const void *b)
{
	const rec *x = *(rec *const *)a, *y = *(rec *const *)b;
	bool ex = str_empty(x->group), ey = str_empty(y->group);
	if (ex != ey)
		return ex ? 1 : -1;   /* "(none)" last */
	return strcmp(x->group, y->group);
}

static const char *by_name(enum summary_by by)
{
	switch (by) {
	case SUMMARY_DEPARTMENT: return "Department";
	case SUMMARY_ROLE: return "Role";
	case SUMMARY_TEMPLATE: return "Template";
	case SUMMARY_MANAGER: return "Manager";
	case SUMMARY_QUARTER: return "Quarter";
	default: return "";
	}
}

static void render_heading(const summary *s, const char *since, const char *until, strbuf *out)
{
	heading(out, "Exit interview summary", '=');
	sb_puts(out, "\n");
	char *f = str_empty(since) ? NULL : cell_text(since);
	char *u = str_empty(until) ? NULL : cell_text(until);
	if (f && u && strcmp(f, u) == 0)
		sb_printf(out, "Period: %s\n", f);
	else if (f && u)
		sb_printf(out, "Period: %s to %s\n", f, u);
	else if (f)
		sb_printf(out, "Period: from %s\n", f);
	else if (u)
		sb_printf(out, "Period: until %s\n", u);
	else
		sb_puts(out, "Period: all interviews\n");
	free(f);
	free(u);
	if (s->by != SUMMARY_ALL) {
		char *b = xstrdup(by_name(s->by));
		b[0] = (char)(b[0] - 'A' + 'a');
		sb_printf(out, "Grouped by: %s\n", b);
		free(b);
	}
	if (s->threshold > 1)
		sb_printf(out, "Figures are shown only for %d or more interviews; quarters with fewer, and\n"
			  "months with fewer in a quarter the period covers only in part, are left out.\n",
			  s->threshold);
	sb_puts(out, "\n");
}

/* The groups of rs[0..n) (sorted by group): their sizes into *sizes, and
 * which show no figures into *hidden (suppress: the hidden ones hold T or
 * more together).  Returns the number of groups. */
static int groups_of(const summary *s, rec **rs, int n, int **sizes, bool **hidden)
{
	int ng = 0;
	*sizes = xcalloc((size_t)n + 1, sizeof **sizes);
	for (int i = 0; i < n;) {
		int j = i;
		while (j < n && strcmp(rs[j]->group, rs[i]->group) == 0)
			j++;
		(*sizes)[ng++] = j - i;
		i = j;
	}
	*hidden = xcalloc((size_t)ng + 1, sizeof **hidden);
	suppress(*sizes, *hidden, ng, s->threshold);
	return ng;
}

void summary_render(const summary *s, const char *since, const char *until, strbuf *out)
{
	render_heading(s, since, until, out);
	rec **rs = xcalloc((size_t)s->nrecs + 1, sizeof *rs);
	int n = counted(s, rs), in_period_n = 0;
	for (int i = 0; i < s->nrecs; i++)
		in_period_n += in_period(s, s->recs[i].month);
	if (in_period_n == 0) {
		sb_puts(out, "No interviews in the period.\n");
		free(rs);
		return;
	}
	if (n < s->threshold) {
		sb_printf(out, "Fewer than %d interviews in the period: no figures are shown.\n",
			  s->threshold);
		free(rs);
		return;
	}
	if (s->by == SUMMARY_ALL) {
		render_figures(s, out, rs, n);
		free(rs);
		return;
	}
	/* group by sorting; the order inside a group does not change any figure */
	qsort(rs, (size_t)n, sizeof *rs, group_cmp);
	int *sizes;
	bool *hidden;
	int ng = groups_of(s, rs, n, &sizes, &hidden);
	sb_printf(out, "Interviews in the period: %d\n", n);
	sb_printf(out, "Groups: %d\n", ng);
	for (int i = 0, g = 0; i < n; g++) {
		int j = i + sizes[g];
		sb_puts(out, "\n\n");
		char *h = xasprintf("%s: %s", by_name(s->by), rs[i]->glabel);
		heading(out, h, '-');
		free(h);
		if (sizes[g] < s->threshold)
			sb_printf(out, "Fewer than %d interviews: no figures are shown.\n", s->threshold);
		else if (hidden[g])
			sb_printf(out, "No figures are shown: the groups left out would otherwise hold fewer "
				  "than %d\ninterviews together, or one of them could be worked out.\n",
				  s->threshold);
		else
			render_figures(s, out, rs + i, sizes[g]);
		i = j;
	}
	free(sizes);
	free(hidden);
	free(rs);
}
