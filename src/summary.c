/* summary.c — patterns across many interviews, with anonymity.
 *
 * summary_add() keeps a small record of each interview (group, reasons,
 * regrettable, ratings); summary_render() computes the figures for the
 * whole set, or for each group with --by, as plain-text tables aligned by
 * display width.
 *
 * Anonymity: a set or group with fewer interviews than the threshold is
 * named, with "fewer than N interviews", and nothing else.  With --by, the
 * figures of the whole set are not shown (they minus the groups shown
 * would give a hidden group's figures), and the total count is not shown
 * when exactly one group is hidden (it would give that group's count).
 */
#include "exitview/summary.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/utf8.h"

#define CELL_MAX 40       /* widest text cell, in columns */
#define TOP_PAIRS 5       /* differing stated -> assessed pairs listed */

typedef struct qkey {
	char *tpl_name, *tpl_title;
	int number;             /* 1-based */
	char *title;
} qkey;

typedef struct rec {
	char *group;            /* group key ("" = none) */
	char *glabel;           /* group as shown */
	char *primary, *primary_label;
	char *assessed, *assessed_label;
	int regrettable;
	int nq;
	int *qidx;              /* into summary.keys, per question */
	int *rating;            /* 0 = none (or skipped) */
} rec;

struct summary {
	enum summary_by by;
	int threshold;
	rec *recs;
	int nrecs, caprecs;
	qkey *keys;
	int nkeys, capkeys;
};

summary *summary_new(enum summary_by by, int threshold)
{
	summary *s = xcalloc(1, sizeof *s);
	s->by = by;
	s->threshold = threshold < 1 ? 1 : threshold;
	return s;
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
	switch (s->by) {
	case SUMMARY_DEPARTMENT:
		r->group = xstrdup(iv->department ? iv->department : "");
		r->glabel = xstrdup(str_empty(r->group) ? "(none)" : r->group);
		break;
	case SUMMARY_ROLE:
		r->group = xstrdup(iv->role ? iv->role : "");
		r->glabel = xstrdup(str_empty(r->group) ? "(none)" : r->group);
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
		r->rating[i] = !q->skipped && q->rating >= 1 && q->rating <= TPL_SCALE ? q->rating : 0;
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

/* qsort has no context argument: the summary whose keys are being sorted. */
static const summary *sort_keys_of;

static int qidx_cmp(const void *a, const void *b)
{
	const qkey *x = &sort_keys_of->keys[*(const int *)a];
	const qkey *y = &sort_keys_of->keys[*(const int *)b];
	int c = strcmp(x->tpl_name, y->tpl_name);
	return c ? c : x->number - y->number;
}

static void render_reasons(strbuf *out, rec **rs, int n)
{
	tally *t = NULL;
	int nt = 0;
	for (int i = 0; i < n; i++) {
		const char *k = rs[i]->primary;     /* "" when not recorded, never NULL */
		tally_add(&t, &nt, k, k[0] == '\0' ? "(not recorded)" : rs[i]->primary_label, "", "");
	}
	if (nt > 0)     /* no interview, no tally (qsort wants an array) */
		qsort(t, (size_t)nt, sizeof *t, tally_cmp);
	sb_puts(out, "\nReason for leaving (primary, as stated)\n\n");
	table tb;
	table_init(&tb, 3, "lrr");
	table_row(&tb, (const char *const[]){ "Reason", "Interviews", "Share" });
	for (int i = 0; i < nt; i++) {
		char *c = xasprintf("%d", t[i].count), *p = pct(t[i].count, n);
		table_row(&tb, (const char *const[]){ t[i].label, c, p });
		free(c);
		free(p);
	}
	table_render(&tb, "  ", out);
	free(t);
}

static void render_assessed(strbuf *out, rec **rs, int n)
{
	tally *t = NULL;
	int nt = 0, compared = 0, differ = 0;
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
		free(t);
		return;
	}
	char *p = pct(differ, compared);
	sb_printf(out, "  They differ in %d of %d interview%s with both recorded (%s).\n",
		  differ, compared, compared == 1 ? "" : "s", p);
	free(p);
	if (nt == 0) {
		free(t);
		return;
	}
	qsort(t, (size_t)nt, sizeof *t, tally_cmp);
	sb_puts(out, "\n");
	table tb;
	table_init(&tb, 3, "llr");
	table_row(&tb, (const char *const[]){ "Stated", "Assessed", "Interviews" });
	for (int i = 0; i < nt && i < TOP_PAIRS; i++) {
		char *c = xasprintf("%d", t[i].count);
		table_row(&tb, (const char *const[]){ t[i].label, t[i].label2, c });
		free(c);
	}
	table_render(&tb, "  ", out);
	free(t);
}

static void render_ratings(const summary *s, strbuf *out, rec **rs, int n)
{
	int *sum = xcalloc((size_t)(s->nkeys + 1), sizeof *sum);
	int *cnt = xcalloc((size_t)(s->nkeys + 1), sizeof *cnt);
	char *seen = xcalloc((size_t)(s->nkeys + 1), 1);
	for (int i = 0; i < n; i++)
		for (int q = 0; q < rs[i]->nq; q++) {
			int k = rs[i]->qidx[q];
			seen[k] = 1;
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
	qsort(order, (size_t)no, sizeof *order, qidx_cmp);

	sb_puts(out, "\nAverage rating per question\n");
	if (no == 0)
		sb_puts(out, "\n  No questions.\n");
	table tb;
	table_init(&tb, 4, "rlrr");
	for (int i = 0; i < no; i++) {
		const qkey *k = &s->keys[order[i]];
		if (i == 0 || strcmp(k->tpl_name, s->keys[order[i - 1]].tpl_name) != 0) {
			if (i > 0)
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
			table_row(&tb, (const char *const[]){ "#", "Question", "Average", "Ratings" });
		}
		char *num = xasprintf("%d", k->number);
		char *avg = cnt[order[i]] > 0 ? xasprintf("%.2f", (double)sum[order[i]] / cnt[order[i]])
					      : xstrdup("\xe2\x80\x94");
		char *c = xasprintf("%d", cnt[order[i]]);
		table_row(&tb, (const char *const[]){ num, k->title, avg, c });
		free(num);
		free(avg);
		free(c);
	}
	if (no > 0)
		table_render(&tb, "    ", out);
	free(order);
	free(seen);
	free(sum);
	free(cnt);
}

static void render_regrettable(strbuf *out, rec **rs, int n)
{
	int c[3] = { 0, 0, 0 };
	for (int i = 0; i < n; i++) {
		int v = rs[i]->regrettable;
		c[v == TRI_YES ? 0 : v == TRI_NO ? 1 : 2]++;
	}
	static const char *const names[] = { "Yes", "No", "Unknown" };
	sb_puts(out, "\nRegrettable loss\n\n");
	table tb;
	table_init(&tb, 3, "lrr");
	table_row(&tb, (const char *const[]){ "Regrettable", "Interviews", "Share" });
	for (int i = 0; i < 3; i++) {
		char *cs = xasprintf("%d", c[i]), *p = pct(c[i], n);
		table_row(&tb, (const char *const[]){ names[i], cs, p });
		free(cs);
		free(p);
	}
	table_render(&tb, "  ", out);
}

static void render_figures(const summary *s, strbuf *out, rec **rs, int n)
{
	sb_printf(out, "Interviews: %d\n", n);
	render_reasons(out, rs, n);
	render_assessed(out, rs, n);
	render_ratings(s, out, rs, n);
	render_regrettable(out, rs, n);
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
	default: return "";
	}
}

void summary_render(const summary *s, const char *since, const char *until, strbuf *out)
{
	heading(out, "Exit interview summary", '=');
	sb_puts(out, "\n");
	char *f = str_empty(since) ? NULL : cell_text(since);
	char *u = str_empty(until) ? NULL : cell_text(until);
	if (f && u)
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
		sb_printf(out, "Figures are shown only for %d or more interviews.\n", s->threshold);
	sb_puts(out, "\n");

	if (s->nrecs == 0) {
		sb_puts(out, "No interviews in the period.\n");
		return;
	}
	if (s->nrecs < s->threshold) {
		sb_printf(out, "Fewer than %d interviews in the period: no figures are shown.\n",
			  s->threshold);
		return;
	}
	rec **rs = xcalloc((size_t)s->nrecs, sizeof *rs);
	for (int i = 0; i < s->nrecs; i++)
		rs[i] = &s->recs[i];
	if (s->by == SUMMARY_ALL) {
		render_figures(s, out, rs, s->nrecs);
		free(rs);
		return;
	}
	/* group by sorting; the order inside a group does not change any figure */
	qsort(rs, (size_t)s->nrecs, sizeof *rs, group_cmp);
	int hidden = 0, ngroups = 0;
	for (int i = 0; i < s->nrecs;) {
		int j = i;
		while (j < s->nrecs && strcmp(rs[j]->group, rs[i]->group) == 0)
			j++;
		ngroups++;
		if (j - i < s->threshold)
			hidden++;
		i = j;
	}
	if (hidden == 1) {
		int shown = 0;
		for (int i = 0; i < s->nrecs;) {
			int j = i;
			while (j < s->nrecs && strcmp(rs[j]->group, rs[i]->group) == 0)
				j++;
			if (j - i >= s->threshold)
				shown += j - i;
			i = j;
		}
		sb_printf(out, "Interviews in the period: %d in the groups shown\n", shown);
	} else {
		sb_printf(out, "Interviews in the period: %d\n", s->nrecs);
	}
	sb_printf(out, "Groups: %d\n", ngroups);
	for (int i = 0; i < s->nrecs;) {
		int j = i;
		while (j < s->nrecs && strcmp(rs[j]->group, rs[i]->group) == 0)
			j++;
		sb_puts(out, "\n\n");
		char *h = xasprintf("%s: %s", by_name(s->by), rs[i]->glabel);
		heading(out, h, '-');
		free(h);
		if (j - i < s->threshold)
			sb_printf(out, "Fewer than %d interviews: no figures are shown.\n", s->threshold);
		else
			render_figures(s, out, rs + i, j - i);
		i = j;
	}
	free(rs);
}
