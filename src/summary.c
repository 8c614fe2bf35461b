/* summary.c — patterns across many interviews, with anonymity.
 *
 * Two passes (summary.h): the months' interview counts first, then each
 * interview once, added to its group's tallies (reasons stated, second
 * and assessed, stated/assessed pairs, regrettable, rehire, would return,
 * templates, ratings per question) and forgotten: memory is the groups'
 * tallies, whatever the number of interviews.  summary_render computes
 * the figures for the whole set, or for each group with --by, as
 * plain-text tables aligned by display width with a bar per count, as TSV
 * or as JSON; the three formats show the same figures and hide the same.
 *
 * Reasons are counted by category key (the identity across templates);
 * a key's label is the one of the reader's language where an interview
 * or template of that language has it, else an English one, else the
 * first seen.
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
 *  - Action items are counted over the interviews that count (the runs of
 *    months summary_each_run gives), for the whole set and per quarter.
 * exitview(1), PRIVACY, says what this does not protect against.
 */
#include "exitview/summary.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/date.h"
#include "exitview/export.h"
#include "exitview/i18n.h"
#include "exitview/period.h"
#include "exitview/utf8.h"

#define CELL_MAX 40       /* widest text cell, in columns */
#define TOP_PAIRS 5       /* differing stated -> assessed pairs listed */
#define BAR_WIDTH 20      /* the longest bar, in columns */
#define DASH "\xe2\x80\x94"

/* A message of the summary's own context (msgctxt "summary", Makefile:
 * NC_ is a keyword): "(none)" is "(ingen)" here, "(inga)" in a report. */
#define NC_(ctx, s) s

/* ---- what is kept ------------------------------------------------------- */

typedef struct reason {
	char *key, *label;
	int rank;               /* of label: 0 reader's language, 1 English, 2 other */
	char *mlabel;           /* TSV and JSON: English where one is known (the same under every locale) */
	int mrank;              /* of mlabel: 0 English, 2 other */
} reason;

typedef struct tplinfo {
	char *name, *title;
	int *q;                 /* qkey index of question i */
	int nq;
} tplinfo;

typedef struct qkey {
	int tpl, number;        /* number 1-based */
	char *title;
} qkey;

typedef struct pair {
	int a, b;               /* reason indexes */
	int n;
} pair;

enum { R_PRIMARY, R_SECOND, R_ASSESSED, R_KINDS };
enum { T_REGRET, T_REHIRE, T_RETURN, T_KINDS };

/* One group's tallies; arrays indexed by reason + 1 (0: not recorded),
 * template and question key, grown as they are met. */
typedef struct agg {
	int n;
	int *reasons[R_KINDS];
	int nreasons;
	int tri[T_KINDS][3];    /* yes, no, unknown */
	pair *pairs;
	int npairs, cappairs;
	int compared, differ;
	int *tpl;
	int ntpl;
	int64_t *rsum;
	int *rcnt;
	unsigned char *rseen;   /* 1: asked, 2: takes no rating */
	int nkeys;
	int64_t act_open, act_overdue;
} agg;

typedef struct group {
	char *key, *label;
	agg a;
} group;

typedef struct month {
	int m;
	int64_t n;
} month;

struct summary {
	enum summary_by by;
	int threshold;
	int first, last;        /* the period's months; -1: open-ended */
	char lang[8];
	bool utf8;
	month *months;          /* pass 1, sorted by month */
	int nmonths, capmonths;
	bool prepared;
	bool *counts;           /* per months[]: its interviews count */
	reason *reasons;
	int nreasons;
	tplinfo *tpls;
	int ntpls;
	qkey *keys;
	int nkeys;
	group *groups;
	int ngroups;
	int *hash;              /* open addressing: group index + 1, 0 free */
	int hcap;
	int last_group;
	agg all;                /* the whole set: only its action items */
	void (*flush)(strbuf *out, void *arg);
	void *flush_arg;
};

summary *summary_new(enum summary_by by, int threshold, int first_month, int last_month)
{
	summary *s = xcalloc(1, sizeof *s);
	s->by = by;
	s->threshold = threshold < 1 ? 1 : threshold;
	s->first = first_month;
	s->last = last_month;
	snprintf(s->lang, sizeof s->lang, "en");
	s->last_group = -1;
	return s;
}

void summary_set_language(summary *s, const char *code)
{
	snprintf(s->lang, sizeof s->lang, "%.2s", str_empty(code) ? "en" : code);
}

void summary_set_utf8(summary *s, bool utf8)
{
	s->utf8 = utf8;
}

void summary_set_flush(summary *s, void (*fn)(strbuf *out, void *arg), void *arg)
{
	s->flush = fn;
	s->flush_arg = arg;
}

void summary_fetch_range(const summary *s, char since[11], char until[11])
{
	since[0] = until[0] = '\0';
	if (s->first >= 0)
		period_first_day(s->first / 3 * 3, since);
	if (s->last >= 0)
		period_last_day(s->last / 3 * 3 + 2, until);
}

static void agg_free(agg *a)
{
	for (int k = 0; k < R_KINDS; k++)
		free(a->reasons[k]);
	free(a->pairs);
	free(a->tpl);
	free(a->rsum);
	free(a->rcnt);
	free(a->rseen);
}

void summary_free(summary *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nreasons; i++) {
		free(s->reasons[i].key);
		free(s->reasons[i].label);
		free(s->reasons[i].mlabel);
	}
	free(s->reasons);
	for (int i = 0; i < s->ntpls; i++) {
		free(s->tpls[i].name);
		free(s->tpls[i].title);
		free(s->tpls[i].q);
	}
	free(s->tpls);
	for (int i = 0; i < s->nkeys; i++)
		free(s->keys[i].title);
	free(s->keys);
	for (int i = 0; i < s->ngroups; i++) {
		free(s->groups[i].key);
		free(s->groups[i].label);
		agg_free(&s->groups[i].a);
	}
	free(s->groups);
	free(s->hash);
	free(s->months);
	free(s->counts);
	agg_free(&s->all);
	free(s);
}

/* ---- pass 1: months ------------------------------------------------------ */

/* Where month m is or would go in s->months (sorted). */
static int month_slot(const summary *s, int m)
{
	int lo = 0, hi = s->nmonths;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (s->months[mid].m < m)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The index of month m in s->months (inserted with 0 when missing). */
static int month_at(summary *s, int m)
{
	int lo = month_slot(s, m);
	if (lo < s->nmonths && s->months[lo].m == m)
		return lo;
	if (s->nmonths == s->capmonths) {
		s->capmonths = s->capmonths ? 2 * s->capmonths : 32;
		s->months = xrealloc(s->months, (size_t)s->capmonths * sizeof *s->months);
	}
	memmove(&s->months[lo + 1], &s->months[lo], (size_t)(s->nmonths - lo) * sizeof *s->months);
	s->months[lo] = (month){ m, 0 };
	s->nmonths++;
	return lo;
}

static int find_month(const summary *s, int m)
{
	int lo = month_slot(s, m);
	return lo < s->nmonths && s->months[lo].m == m ? lo : -1;
}

/* The month an interview counts in (the day date ranges use, store.h:
 * the interview date, else the day it was created); -1: none. */
static int month_of(const interview *iv)
{
	return !str_empty(iv->interview_date) ? period_month_of(iv->interview_date)
					      : period_month_of_time(iv->created);
}

void summary_count_month(summary *s, int m, int64_t n)
{
	if (m < -1)
		m = -1;
	int i = month_at(s, m);   /* may move s->months */
	s->months[i].n += n;
}

void summary_count(summary *s, const interview *iv)
{
	summary_count_month(s, month_of(iv), 1);
}

static bool in_period(const summary *s, int m)
{
	if (m < 0)   /* no date: only an open-ended period has it */
		return s->first < 0 && s->last < 0;
	return (s->first < 0 || m >= s->first) && (s->last < 0 || m <= s->last);
}

static int64_t month_n(const summary *s, int m)
{
	int i = find_month(s, m);
	return i < 0 ? 0 : s->months[i].n;
}

/* Which months count (the top of the file), once pass 1 is done. */
static void prepare(summary *s)
{
	if (s->prepared)
		return;
	s->prepared = true;
	s->counts = xcalloc((size_t)s->nmonths + 1, sizeof *s->counts);
	int64_t t = s->threshold;
	for (int i = 0; i < s->nmonths; i++) {
		int m = s->months[i].m;
		if (!in_period(s, m) || s->months[i].n == 0)
			continue;
		if (m < 0) {
			s->counts[i] = s->months[i].n >= t;
			continue;
		}
		int q = m / 3;
		int64_t mn[3], total = 0;
		for (int k = 0; k < 3; k++)
			total += mn[k] = month_n(s, q * 3 + k);
		if (total < t)
			continue;
		bool whole = (s->first < 0 || q * 3 >= s->first) && (s->last < 0 || q * 3 + 2 <= s->last);
		bool months_big = true;
		for (int k = 0; k < 3; k++)
			if (mn[k] > 0 && mn[k] < t)
				months_big = false;
		s->counts[i] = whole || months_big;
	}
}

void summary_each_run(const summary *s, void (*fn)(int first, int last, void *arg), void *arg)
{
	prepare((summary *)s);
	for (int i = 0; i < s->nmonths;) {
		if (!s->counts[i] || s->months[i].m < 0) {
			i++;
			continue;
		}
		int j = i;
		while (j + 1 < s->nmonths && s->counts[j + 1] && s->months[j + 1].m == s->months[j].m + 1 &&
		       s->months[j + 1].m / 3 == s->months[i].m / 3)
			j++;
		fn(s->months[i].m, s->months[j].m, arg);
		i = j + 1;
	}
}

/* ---- pass 2: groups and tallies ----------------------------------------- */

static uint32_t hash_str(const char *p)
{
	uint32_t h = 2166136261u;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

static void hash_put(summary *s, int g)
{
	uint32_t i = hash_str(s->groups[g].key) & (uint32_t)(s->hcap - 1);
	while (s->hash[i])
		i = (i + 1) & (uint32_t)(s->hcap - 1);
	s->hash[i] = g + 1;
}

/* The group of key (made with label when new). */
static agg *group_of(summary *s, const char *key, const char *label)
{
	if (s->last_group >= 0 && strcmp(s->groups[s->last_group].key, key) == 0)
		return &s->groups[s->last_group].a;
	if (s->hcap) {
		uint32_t i = hash_str(key) & (uint32_t)(s->hcap - 1);
		for (; s->hash[i]; i = (i + 1) & (uint32_t)(s->hcap - 1))
			if (strcmp(s->groups[s->hash[i] - 1].key, key) == 0) {
				s->last_group = s->hash[i] - 1;
				return &s->groups[s->last_group].a;
			}
	}
	if (2 * (s->ngroups + 1) > s->hcap) {
		s->hcap = s->hcap ? 2 * s->hcap : 64;
		free(s->hash);
		s->hash = xcalloc((size_t)s->hcap, sizeof *s->hash);
		s->groups = xrealloc(s->groups, (size_t)(s->hcap / 2) * sizeof *s->groups);
		for (int g = 0; g < s->ngroups; g++)
			hash_put(s, g);
	}
	group *g = &s->groups[s->ngroups];
	memset(g, 0, sizeof *g);
	g->key = xstrdup(key);
	g->label = xstrdup(label);
	hash_put(s, s->ngroups);
	s->last_group = s->ngroups++;
	return &g->a;
}

static int lang_rank(const summary *s, const char *lang)
{
	if (lang && strncmp(lang, s->lang, 2) == 0)
		return 0;
	return lang && strncmp(lang, "en", 2) == 0 ? 1 : 2;
}

/* The index of reason key; label (of language lang) replaces a label of
 * a language further from the reader's. */
static int reason_of(summary *s, const char *key, const char *label, const char *lang)
{
	int rank = lang_rank(s, lang);
	int mrank = lang && strncmp(lang, "en", 2) == 0 ? 0 : 2;
	for (int i = 0; i < s->nreasons; i++)
		if (strcmp(s->reasons[i].key, key) == 0) {
			if (rank < s->reasons[i].rank && !str_empty(label)) {
				str_set(&s->reasons[i].label, label);
				s->reasons[i].rank = rank;
			}
			if (mrank < s->reasons[i].mrank && !str_empty(label)) {
				str_set(&s->reasons[i].mlabel, label);
				s->reasons[i].mrank = mrank;
			}
			return i;
		}
	s->reasons = xrealloc(s->reasons, (size_t)(s->nreasons + 1) * sizeof *s->reasons);
	s->reasons[s->nreasons] = (reason){ xstrdup(key), xstrdup(str_empty(label) ? key : label),
					    str_empty(label) ? 3 : rank, xstrdup(str_empty(label) ? key : label),
					    str_empty(label) ? 3 : mrank };
	return s->nreasons++;
}

void summary_label(summary *s, const char *key, const char *label, const char *lang)
{
	if (!str_empty(key))
		reason_of(s, key, label, lang);
}

/* The template of iv (its question keys made as needed). */
static tplinfo *tpl_of(summary *s, const interview *iv, int *index)
{
	const char *name = iv->template_name ? iv->template_name : "";
	int t = 0;
	while (t < s->ntpls && strcmp(s->tpls[t].name, name) != 0)
		t++;
	if (t == s->ntpls) {
		s->tpls = xrealloc(s->tpls, (size_t)(s->ntpls + 1) * sizeof *s->tpls);
		s->tpls[t] = (tplinfo){ xstrdup(name), xstrdup(iv->template_title ? iv->template_title : ""),
					NULL, 0 };
		s->ntpls++;
	}
	tplinfo *ti = &s->tpls[t];
	if (iv->nquestions > ti->nq) {
		ti->q = xrealloc(ti->q, (size_t)iv->nquestions * sizeof *ti->q);
		for (int i = ti->nq; i < iv->nquestions; i++) {
			s->keys = xrealloc(s->keys, (size_t)(s->nkeys + 1) * sizeof *s->keys);
			s->keys[s->nkeys] = (qkey){ t, i + 1, xstrdup(iv->q[i].title ? iv->q[i].title : "") };
			ti->q[i] = s->nkeys++;
		}
		ti->nq = iv->nquestions;
	}
	*index = t;
	return ti;
}

/* Grow an int array of *n to at least want (zeroed). */
static void *grow(void *p, int *n, int want, size_t size)
{
	if (want <= *n)
		return p;
	int cap = *n ? *n : 8;
	while (cap < want)
		cap *= 2;
	p = xrealloc(p, (size_t)cap * size);
	memset((char *)p + (size_t)*n * size, 0, (size_t)(cap - *n) * size);
	*n = cap;
	return p;
}

static void agg_reason(agg *a, int kind, int r)
{
	if (r + 1 >= a->nreasons) {
		int n = a->nreasons;
		for (int k = 0; k < R_KINDS; k++) {
			n = a->nreasons;
			a->reasons[k] = grow(a->reasons[k], &n, r + 2, sizeof(int));
		}
		a->nreasons = n;
	}
	a->reasons[kind][r + 1]++;
}

static void agg_pair(agg *a, int x, int y)
{
	for (int i = 0; i < a->npairs; i++)
		if (a->pairs[i].a == x && a->pairs[i].b == y) {
			a->pairs[i].n++;
			return;
		}
	if (a->npairs == a->cappairs) {
		a->cappairs = a->cappairs ? 2 * a->cappairs : 16;
		a->pairs = xrealloc(a->pairs, (size_t)a->cappairs * sizeof *a->pairs);
	}
	a->pairs[a->npairs++] = (pair){ x, y, 1 };
}

static int tri_index(int v)
{
	return v == TRI_YES ? 0 : v == TRI_NO ? 1 : 2;
}

/* The group an interview of month m belongs to: key and label into the
 * buffers (label may point at one of iv's strings). */
static const char *group_key(const summary *s, const interview *iv, int m, char qbuf[16],
			     const char **label, char **made)
{
	const char *k = "";
	*made = NULL;
	switch (s->by) {
	case SUMMARY_DEPARTMENT: k = iv->department; break;
	case SUMMARY_ROLE: k = iv->role; break;
	case SUMMARY_MANAGER: k = iv->manager; break;
	case SUMMARY_TEMPLATE:
		k = iv->template_name;
		if (!str_empty(k) && !str_empty(iv->template_title))
			*made = xasprintf("%s (%s)", iv->template_title, k);
		break;
	case SUMMARY_QUARTER:   /* "2026-Q1" sorts as time does */
		if (m >= 0) {
			snprintf(qbuf, 16, "%04d-Q%d", (m / 12) % 10000, m % 12 / 3 + 1);
			k = qbuf;
		}
		*label = str_empty(k) ? N_("(no date)") : k;
		return k;
	default:
		*label = "";
		return "";
	}
	k = k ? k : "";
	*label = *made ? *made : str_empty(k) ? NC_("summary", "(none)") : k;
	return k;
}

void summary_add(summary *s, const interview *iv)
{
	prepare(s);
	int m = month_of(iv);
	int mi = find_month(s, m < 0 ? -1 : m);
	if (mi < 0 || !s->counts[mi])
		return;
	char qbuf[16];
	const char *label;
	char *made;
	const char *key = group_key(s, iv, m, qbuf, &label, &made);
	agg *a = group_of(s, key, label);
	free(made);
	a->n++;

	const char *lang = iv->language;
	const char *pk = iv->reason_primary ? iv->reason_primary : "";
	const char *sk = iv->reason_secondary ? iv->reason_secondary : "";
	const char *ak = iv->reason_assessed ? iv->reason_assessed : "";
	int pr = str_empty(pk) ? -1 : reason_of(s, pk, interview_category_label(iv, pk), lang);
	int sr = str_empty(sk) ? -1 : reason_of(s, sk, interview_category_label(iv, sk), lang);
	int ar = str_empty(ak) ? -1 : reason_of(s, ak, interview_category_label(iv, ak), lang);
	agg_reason(a, R_PRIMARY, pr);
	agg_reason(a, R_SECOND, sr);
	agg_reason(a, R_ASSESSED, ar);
	if (pr >= 0 && ar >= 0) {
		a->compared++;
		if (pr != ar) {
			a->differ++;
			agg_pair(a, pr, ar);
		}
	}
	a->tri[T_REGRET][tri_index(iv->regrettable)]++;
	a->tri[T_REHIRE][tri_index(iv->rehire)]++;
	a->tri[T_RETURN][tri_index(iv->would_return)]++;

	if (iv->nquestions <= 0)
		return;
	int t;
	const tplinfo *ti = tpl_of(s, iv, &t);
	a->tpl = grow(a->tpl, &a->ntpl, t + 1, sizeof(int));
	a->tpl[t]++;
	for (int i = 0; i < iv->nquestions; i++) {
		int k = ti->q[i];
		if (k >= a->nkeys) {
			int n = a->nkeys;
			a->rsum = grow(a->rsum, &n, k + 1, sizeof *a->rsum);
			n = a->nkeys;
			a->rcnt = grow(a->rcnt, &n, k + 1, sizeof *a->rcnt);
			n = a->nkeys;
			a->rseen = grow(a->rseen, &n, k + 1, 1);
			a->nkeys = n;
		}
		const iv_question *q = &iv->q[i];
		a->rseen[k] |= q->no_rating ? 2 : 1;
		if (!q->no_rating && !q->skipped && q->rating >= 1 && q->rating <= TPL_SCALE) {
			a->rsum[k] += q->rating;
			a->rcnt[k]++;
		}
	}
}

void summary_add_actions(summary *s, int m, int64_t open, int64_t overdue)
{
	s->all.act_open += open;
	s->all.act_overdue += overdue;
	if (s->by != SUMMARY_QUARTER || m < 0)
		return;
	char qbuf[16];
	snprintf(qbuf, sizeof qbuf, "%04d-Q%d", (m / 12) % 10000, m % 12 / 3 + 1);
	for (int g = 0; g < s->ngroups; g++)
		if (strcmp(s->groups[g].key, qbuf) == 0) {
			s->groups[g].a.act_open += open;
			s->groups[g].a.act_overdue += overdue;
		}
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

/* ---- the figures, as rows ------------------------------------------------ */

/* One row of a count table: a label (two for pairs), its count, hidden
 * ("—"), or the merged rest (key "*"). */
typedef struct crow {
	const char *key, *label, *key2, *label2;
	int count;
	bool hidden;
	bool fixed;               /* label is a message: translated in the text form only */
	const char *mlabel, *mlabel2;   /* TSV, JSON and the order: NULL: label, label2 */
} crow;

#define MLABEL(r) ((r)->mlabel ? (r)->mlabel : (r)->label)
#define MLABEL2(r) ((r)->mlabel2 ? (r)->mlabel2 : (r)->label2)

typedef struct ctable {
	const char *id;           /* TSV and JSON name */
	const char *title;        /* text heading */
	const char *head, *head2; /* first column(s) */
	int of;                   /* total of the shares; 0: no share column */
	crow *rows;
	int n;
	const char *note;         /* text after the table, or NULL */
} ctable;

/* Most first; ties by label, then second label. */
static int crow_cmp(const void *a, const void *b)
{
	const crow *x = a, *y = b;
	if (x->count != y->count)
		return y->count - x->count;
	int c = strcmp(MLABEL(x), MLABEL(y));   /* the same order under every locale */
	return c ? c : strcmp(MLABEL2(x) ? MLABEL2(x) : "", MLABEL2(y) ? MLABEL2(y) : "");
}

/* Sorted, the rows under the threshold (with the complementary ones)
 * merged into one last row labelled other; returns the merged count. */
static int rows_merge(crow *rows, int *n, int t, const char *other)
{
	if (*n > 1)
		qsort(rows, (size_t)*n, sizeof *rows, crow_cmp);
	int *count = xcalloc((size_t)*n + 1, sizeof *count);
	bool *hide = xcalloc((size_t)*n + 1, sizeof *hide);
	for (int i = 0; i < *n; i++)
		count[i] = rows[i].count;
	suppress(count, hide, *n, t);
	int shown = 0, merged = 0;
	for (int i = 0; i < *n; i++) {
		if (hide[i])
			merged += rows[i].count;
		else
			rows[shown++] = rows[i];
	}
	if (merged > 0 && other)
		rows[shown++] = (crow){ "*", other, NULL, NULL, merged, false, true, NULL, NULL };
	*n = shown;
	free(count);
	free(hide);
	return merged;
}

/* The table of one reason kind of a group (rows malloc'd). */
static int reason_rows(const summary *s, const agg *a, int kind, crow **out)
{
	crow *rows = xcalloc((size_t)a->nreasons + 2, sizeof *rows);
	int n = 0;
	for (int r = 0; r < a->nreasons; r++) {
		int c = a->reasons[kind][r];
		if (c == 0)
			continue;
		if (r == 0)
			rows[n++] = (crow){ "", kind == R_SECOND ? NC_("summary", "(none)") : N_("(not recorded)"),
					    NULL, NULL, c, false, true, NULL, NULL };
		else
			rows[n++] = (crow){ s->reasons[r - 1].key, s->reasons[r - 1].label, NULL, NULL, c, false, false,
					    s->reasons[r - 1].mlabel, NULL };
	}
	*out = rows;
	return n;
}

/* ---- output: the three formats ------------------------------------------ */

typedef struct emit {
	const summary *s;
	enum summary_format fmt;
	strbuf *out;
	const char *group;        /* TSV: the group's label ("" for the whole set) */
	bool jcomma;
} emit;

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

static void tsv_value(strbuf *out, const char *s)
{
	utf8_clean(out, s ? s : "", strlen(s ? s : ""), UTF8_ONELINE);
}

typedef struct table {
	int ncols;
	const char *align;      /* 'l', 'r', or 'b' (a bar: last, outside the rule) */
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
		t->cells[t->nrows * t->ncols + c] = t->align[c] == 'b' ? xstrdup(cols[c] ? cols[c] : "")
									  : cell_text(cols[c] ? cols[c] : "");
	t->nrows++;
}

/* Write the table, first row as header underlined with dashes; a bar
 * column hangs off the right of the rule. */
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
		if (t->align[c] != 'b')
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
			if (t->align[c] == 'l')
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

/* x with places decimals as the reader's language writes them in prose:
 * "3.50" in English, "3,50" in Swedish (TSV and JSON keep '.'). */
static char *decimal(double x, int places)
{
	char *t = xasprintf("%.*f", places, x);
	if (strcmp(i18n_language(), "sv") == 0)
		for (char *p = t; *p; p++)
			if (*p == '.')
				*p = ',';
	return t;
}

/* A label that is a message, as the reader reads it: the summary's own
 * translation first (NC_), else the common one. */
static const char *label_text(const char *msgid)
{
	char *ctx = xasprintf("summary\004%s", msgid);
	const char *t = gettext(ctx);
	t = t == ctx ? gettext(msgid) : t;
	free(ctx);
	return t;
}

/* A share of the text form: "12.5%" in English, "12,5 %" in Swedish. */
static char *pct(int n, int of)
{
	char *d = decimal(of > 0 ? 100.0 * n / of : 0.0, 1);
	/* TRANSLATORS: a share in percent, %s the number ("12.5"); Swedish puts a space before %. */
	char *t = xasprintf(_("%s%%"), d);
	free(d);
	return t;
}

/* A bar of n scaled to max (at least one cell for a count above 0). */
static char *bar(const summary *s, int n, int max)
{
	strbuf b = STRBUF_INIT;
	int w = max > 0 && n > 0 ? (int)(((int64_t)n * BAR_WIDTH + max / 2) / max) : 0;
	if (n > 0 && w < 1)
		w = 1;
	for (int i = 0; i < w; i++)
		sb_puts(&b, s->utf8 ? "\xe2\x96\x88" : "#");
	return sb_detach(&b);
}

/* JSON: a member name (or, name NULL, an array element), comma first when due. */
static void jkey(emit *e, const char *name)
{
	if (e->jcomma)
		sb_putc(e->out, ',');
	e->jcomma = true;
	if (name) {
		json_string(e->out, name);
		sb_putc(e->out, ':');
	}
}

static void jopen(emit *e, const char *name, char brace)
{
	jkey(e, name);
	sb_putc(e->out, brace);
	e->jcomma = false;
}

static void jclose(emit *e, char brace)
{
	sb_putc(e->out, brace);
	e->jcomma = true;
}

static void jstr(emit *e, const char *name, const char *v)
{
	jkey(e, name);
	if (v)
		json_string(e->out, v);
	else
		sb_puts(e->out, "null");
}

static void jint(emit *e, const char *name, int64_t v, bool null)
{
	jkey(e, name);
	if (null)
		sb_puts(e->out, "null");
	else
		sb_printf(e->out, "%lld", (long long)v);
}

static void jnum(emit *e, const char *name, double v, bool null, const char *fmt)
{
	jkey(e, name);
	if (null)
		sb_puts(e->out, "null");
	else
		sb_printf(e->out, fmt, v);
}

/* TSV: one line: group, table, key, label, count, share, average. */
static void tsv_line(emit *e, const char *table_id, const char *key, const char *label,
		     const char *count, const char *share, const char *avg)
{
	strbuf *o = e->out;
	tsv_value(o, e->group);
	sb_putc(o, '\t');
	sb_puts(o, table_id);
	sb_putc(o, '\t');
	tsv_value(o, key);
	sb_putc(o, '\t');
	tsv_value(o, label);
	sb_printf(o, "\t%s\t%s\t%s\n", count ? count : "", share ? share : "", avg ? avg : "");
}

static void emit_ctable(emit *e, const ctable *t)
{
	const summary *s = e->s;
	if (e->fmt == SUMMARY_TEXT) {
		if (t->title)
			sb_printf(e->out, "\n%s\n\n", _(t->title));
		else
			sb_puts(e->out, "\n");
		int max = 0;
		for (int i = 0; i < t->n; i++)
			if (!t->rows[i].hidden && t->rows[i].count > max)
				max = t->rows[i].count;
		bool two = t->head2 != NULL;
		table tb;
		table_init(&tb, two ? 4 : t->of ? 4 : 3, two ? "llrb" : t->of ? "lrrb" : "lrb");
		const char *head = _(t->head), *iv = _("Interviews");
		if (two)
			table_row(&tb, (const char *const[]){ head, _(t->head2), iv, "" });
		else if (t->of)
			table_row(&tb, (const char *const[]){ head, iv, _("Share"), "" });
		else
			table_row(&tb, (const char *const[]){ head, iv, "" });
		for (int i = 0; i < t->n; i++) {
			const crow *r = &t->rows[i];
			char *c = r->hidden ? xstrdup(DASH) : xasprintf("%d", r->count);
			char *p = r->hidden ? xstrdup(DASH) : pct(r->count, t->of);
			char *b = r->hidden ? xstrdup("") : bar(s, r->count, max);
			const char *label = r->fixed ? label_text(r->label) : r->label;
			if (two)
				table_row(&tb, (const char *const[]){ label, r->label2, c, b });
			else if (t->of)
				table_row(&tb, (const char *const[]){ label, c, p, b });
			else
				table_row(&tb, (const char *const[]){ label, c, b });
			free(c);
			free(p);
			free(b);
		}
		table_render(&tb, "  ", e->out);
		if (t->note)
			sb_printf(e->out, "\n  %s\n", t->note);
		return;
	}
	if (e->fmt == SUMMARY_TSV) {
		for (int i = 0; i < t->n; i++) {
			const crow *r = &t->rows[i];
			char *key = r->key2 ? xasprintf("%s>%s", r->key, r->key2) : xstrdup(r->key);
			char *label = r->label2 ? xasprintf("%s \xe2\x86\x92 %s", MLABEL(r), MLABEL2(r))
						: xstrdup(MLABEL(r));
			char *c = r->hidden ? xstrdup("") : xasprintf("%d", r->count);
			char *p = r->hidden || !t->of ? xstrdup("")
				  : xasprintf("%.1f", 100.0 * r->count / t->of);
			tsv_line(e, t->id, key, label, c, p, NULL);
			free(key);
			free(label);
			free(c);
			free(p);
		}
		return;
	}
	jopen(e, t->id, '[');
	for (int i = 0; i < t->n; i++) {
		const crow *r = &t->rows[i];
		jopen(e, NULL, '{');
		if (strcmp(r->key, "*") == 0) {
			jstr(e, "key", NULL);
			jkey(e, "merged");
			sb_puts(e->out, "true");
		} else {
			jstr(e, r->key2 ? "stated" : "key", r->key);
			if (r->key2)
				jstr(e, "assessed", r->key2);
		}
		jstr(e, r->label2 ? "stated_label" : "label", MLABEL(r));
		if (r->label2)
			jstr(e, "assessed_label", MLABEL2(r));
		jint(e, "count", r->count, r->hidden);
		if (t->of)
			jnum(e, "share_pct", 100.0 * r->count / t->of, r->hidden, "%.1f");
		jclose(e, '}');
	}
	jclose(e, ']');
}

static void emit_reasons(emit *e, const agg *a, int kind)
{
	static const char *const ids[] = { "reason", "secondary_reason", "assessed_reason" };
	static const char *const titles[] = { N_("Reason for leaving (primary, as stated)"),
					      N_("Secondary reason (as stated)"),
					      N_("Reason as assessed by the interviewer") };
	crow *rows;
	int n = reason_rows(e->s, a, kind, &rows);
	int merged = rows_merge(rows, &n, e->s->threshold, N_("Other reasons (merged)"));
	char *note = merged ? xasprintf(_("Reasons of fewer than %d interviews are merged into \"Other reasons\"."),
					e->s->threshold) : NULL;
	ctable t = { ids[kind], titles[kind], N_("Reason"), NULL, a->n, rows, n, note };
	emit_ctable(e, &t);
	free(note);
	free(rows);
}

static void emit_pairs(emit *e, const agg *a)
{
	int th = e->s->threshold, compared = a->compared, differ = a->differ;
	bool hide_differ = (differ > 0 && differ < th) || (compared - differ > 0 && compared - differ < th);
	bool shown = compared >= th && !hide_differ;
	if (e->fmt == SUMMARY_TEXT) {
		sb_printf(e->out, "\n%s\n\n", _("Stated and assessed reason"));
		if (compared == 0)
			sb_printf(e->out, "  %s\n", _("No interview has both a stated and an assessed reason."));
		else if (compared < th)
			sb_printf(e->out, _("  Fewer than %d interviews have both a stated and an assessed reason: "
					    "no figures.\n"), th);
		else if (hide_differ)
			sb_printf(e->out, ngettext("  %d interview has both recorded; how many differ is not shown "
						   "(fewer than %d either way).\n",
						   "  %d interviews have both recorded; how many differ is not shown "
						   "(fewer than %d either way).\n", compared), compared, th);
		else {
			char *p = pct(differ, compared);
			sb_printf(e->out, ngettext("  They differ in %d of %d interview with both recorded (%s).\n",
						   "  They differ in %d of %d interviews with both recorded (%s).\n",
						   compared), differ, compared, p);
			free(p);
		}
	} else if (e->fmt == SUMMARY_TSV) {
		char *c = compared >= th ? xasprintf("%d", compared) : xstrdup("");
		char *d = shown ? xasprintf("%d", differ) : xstrdup("");
		char *p = shown ? xasprintf("%.1f", compared ? 100.0 * differ / compared : 0.0) : xstrdup("");
		tsv_line(e, "both_reasons", "", "interviews with a stated and an assessed reason", c, "", NULL);
		tsv_line(e, "differ", "", "stated and assessed reason differ", d, p, NULL);
		free(c);
		free(d);
		free(p);
	} else {
		jopen(e, "stated_vs_assessed", '{');
		jint(e, "compared", compared, compared < th);
		jint(e, "differ", differ, !shown);
		jnum(e, "differ_pct", compared ? 100.0 * differ / compared : 0.0, !shown, "%.1f");
	}
	if (shown) {
		crow *rows = xcalloc((size_t)a->npairs + 1, sizeof *rows);
		for (int i = 0; i < a->npairs; i++) {
			const reason *x = &e->s->reasons[a->pairs[i].a], *y = &e->s->reasons[a->pairs[i].b];
			rows[i] = (crow){ x->key, x->label, y->key, y->label, a->pairs[i].n, false, false, x->mlabel,
					  y->mlabel };
		}
		int n = a->npairs;
		int merged = rows_merge(rows, &n, th, NULL);
		if (n > TOP_PAIRS)
			n = TOP_PAIRS;
		char *note = merged ? xasprintf(_("Pairs of fewer than %d interviews are not listed."), th) : NULL;
		ctable t = { "pairs", NULL, N_("Stated"), N_("Assessed"), 0, rows, n, note };
		if (e->fmt != SUMMARY_TEXT || n > 0)
			emit_ctable(e, &t);
		else if (note)
			sb_printf(e->out, "\n  %s\n", note);
		free(note);
		free(rows);
	}
	if (e->fmt == SUMMARY_JSON)
		jclose(e, '}');
}

static const summary *sort_keys_of;   /* qsort has no context argument */

static int qidx_cmp(const void *a, const void *b)
{
	const qkey *x = &sort_keys_of->keys[*(const int *)a];
	const qkey *y = &sort_keys_of->keys[*(const int *)b];
	int c = strcmp(sort_keys_of->tpls[x->tpl].name, sort_keys_of->tpls[y->tpl].name);
	return c ? c : x->number - y->number;
}

static void emit_ratings(emit *e, const agg *a)
{
	const summary *s = e->s;
	int *order = xcalloc((size_t)a->nkeys + 1, sizeof *order);
	int no = 0;
	for (int k = 0; k < a->nkeys && k < s->nkeys; k++)
		if (a->rseen[k])
			order[no++] = k;
	sort_keys_of = s;
	if (no > 1)
		qsort(order, (size_t)no, sizeof *order, qidx_cmp);

	if (e->fmt == SUMMARY_TEXT) {
		sb_printf(e->out, "\n%s\n", _("Average rating per question"));
		if (no == 0)
			sb_printf(e->out, "\n  %s\n", _("No questions."));
	} else if (e->fmt == SUMMARY_JSON) {
		jopen(e, "ratings", '[');
	}
	table tb;
	table_init(&tb, 4, "rlrr");
	bool block_shown = false, in_block = false;
	char *few = xasprintf(_("fewer than %d"), s->threshold);
	for (int i = 0; i < no; i++) {
		const qkey *k = &s->keys[order[i]];
		const tplinfo *ti = &s->tpls[k->tpl];
		if (i == 0 || k->tpl != s->keys[order[i - 1]].tpl) {
			if (e->fmt == SUMMARY_TEXT && block_shown)
				table_render(&tb, "    ", e->out);
			if (e->fmt == SUMMARY_JSON && in_block) {
				jclose(e, ']');
				jclose(e, '}');
			}
			in_block = true;
			int used = k->tpl < a->ntpl ? a->tpl[k->tpl] : 0;
			block_shown = used >= s->threshold;
			if (e->fmt == SUMMARY_TEXT) {
				char *h;
				if (str_empty(ti->title))
					h = xstrdup(str_empty(ti->name) ? _("(no template)") : ti->name);
				else
					h = xasprintf("%s (%s)", ti->title, ti->name);
				char *hc = cell_text(h);
				sb_printf(e->out, "\n  %s\n\n", hc);
				free(hc);
				free(h);
				if (!block_shown)
					sb_printf(e->out, _("    Fewer than %d interviews on this template: no figures.\n"),
						  s->threshold);
				else
					table_row(&tb, (const char *const[]){ "#", _("Question"), _("Average"),
									      _("Ratings") });
			} else if (e->fmt == SUMMARY_JSON) {
				jopen(e, NULL, '{');
				jstr(e, "template", ti->name);
				jstr(e, "title", ti->title);
				jint(e, "interviews", used, !block_shown);
				jopen(e, "questions", '[');
			}
		}
		if (!block_shown)
			continue;
		int c = a->rcnt[order[i]];
		bool takes_none = (a->rseen[order[i]] & 2) && c == 0;
		bool avg_ok = c >= s->threshold;
		double avg = c ? (double)a->rsum[order[i]] / c : 0.0;
		if (e->fmt == SUMMARY_TEXT) {
			char *num = xasprintf("%d", k->number);
			char *av = takes_none ? xstrdup(_("(no rating)"))
				   : avg_ok ? decimal(avg, 2)
				   : c > 0 ? xstrdup(few)
					   : xstrdup(DASH);
			char *cs = avg_ok || c == 0 ? xasprintf("%d", c) : xstrdup(DASH);
			table_row(&tb, (const char *const[]){ num, k->title, av, cs });
			free(num);
			free(av);
			free(cs);
		} else if (e->fmt == SUMMARY_TSV) {
			char *key = xasprintf("%s#%d", ti->name, k->number);
			char *cs = avg_ok || c == 0 ? xasprintf("%d", c) : xstrdup("");
			char *av = avg_ok ? xasprintf("%.2f", avg) : xstrdup("");
			tsv_line(e, "rating", key, k->title, cs, "", av);
			free(key);
			free(cs);
			free(av);
		} else {
			jopen(e, NULL, '{');
			jint(e, "number", k->number, false);
			jstr(e, "title", k->title);
			jkey(e, "takes_rating");
			sb_puts(e->out, takes_none ? "false" : "true");
			jnum(e, "average", avg, !avg_ok, "%.2f");
			jint(e, "ratings", c, !(avg_ok || c == 0));
			jclose(e, '}');
		}
	}
	if (e->fmt == SUMMARY_TEXT && block_shown)
		table_render(&tb, "    ", e->out);
	if (e->fmt == SUMMARY_JSON) {
		if (in_block) {
			jclose(e, ']');
			jclose(e, '}');
		}
		jclose(e, ']');
	}
	free(few);
	free(order);
}

static void emit_tri(emit *e, const agg *a, int kind)
{
	static const char *const ids[] = { "regrettable", "rehire", "would_return" };
	static const char *const titles[] = { N_("Regrettable loss"), N_("Eligible for rehire"),
					      N_("Would consider returning") };
	static const char *const heads[] = { N_("Regrettable"), N_("Eligible"), N_("Would return") };
	static const char *const keys[] = { "yes", "no", "unknown" };
	static const char *const names[] = { N_("Yes"), N_("No"), N_("Unknown") };
	bool hide[3];
	int nhidden = suppress(a->tri[kind], hide, 3, e->s->threshold);
	crow rows[3];
	for (int i = 0; i < 3; i++)
		rows[i] = (crow){ keys[i], names[i], NULL, NULL, a->tri[kind][i], hide[i], true, NULL, NULL };
	char *note = nhidden ? xasprintf(_("%s : fewer than %d, or not shown so that it cannot be worked "
					   "out from the others."), DASH, e->s->threshold) : NULL;
	ctable t = { ids[kind], titles[kind], heads[kind], NULL, a->n, rows, 3, note };
	emit_ctable(e, &t);
	free(note);
}

static void emit_actions(emit *e, const agg *a)
{
	if (e->fmt == SUMMARY_TEXT) {
		sb_printf(e->out, "\n%s\n\n", _("Action items"));
		table tb;
		table_init(&tb, 3, "lrb");
		table_row(&tb, (const char *const[]){ _("Action items"), _("Count"), "" });
		int64_t max = a->act_open;
		char *o = xasprintf("%lld", (long long)a->act_open);
		char *d = xasprintf("%lld", (long long)a->act_overdue);
		char *bo = bar(e->s, max ? BAR_WIDTH : 0, BAR_WIDTH);
		char *bd = bar(e->s, max ? (int)((a->act_overdue * BAR_WIDTH + max / 2) / max) : 0, BAR_WIDTH);
		table_row(&tb, (const char *const[]){ _("Open"), o, bo });
		table_row(&tb, (const char *const[]){ _("of them overdue"), d, bd });
		table_render(&tb, "  ", e->out);
		free(o);
		free(d);
		free(bo);
		free(bd);
	} else if (e->fmt == SUMMARY_TSV) {
		char o[24], d[24];
		snprintf(o, sizeof o, "%lld", (long long)a->act_open);
		snprintf(d, sizeof d, "%lld", (long long)a->act_overdue);
		tsv_line(e, "actions", "open", "Open", o, "", NULL);
		tsv_line(e, "actions", "overdue", "of them overdue", d, "", NULL);
	} else {
		jopen(e, "actions", '{');
		jint(e, "open", a->act_open, false);
		jint(e, "overdue", a->act_overdue, false);
		jclose(e, '}');
	}
}

/* The figures of one set (the whole, or a group shown): acts gives its
 * action items (NULL: not counted for such a group). */
static void emit_figures(emit *e, const agg *a, const agg *acts)
{
	if (e->fmt == SUMMARY_TEXT) {
		sb_printf(e->out, _("Interviews: %d\n"), a->n);
	} else if (e->fmt == SUMMARY_TSV) {
		char n[24];
		snprintf(n, sizeof n, "%d", a->n);
		tsv_line(e, "interviews", "", "", n, "", NULL);
	} else {
		jopen(e, "figures", '{');
		jint(e, "interviews", a->n, false);
	}
	emit_reasons(e, a, R_PRIMARY);
	emit_reasons(e, a, R_SECOND);
	emit_reasons(e, a, R_ASSESSED);
	emit_pairs(e, a);
	emit_ratings(e, a);
	for (int k = 0; k < T_KINDS; k++)
		emit_tri(e, a, k);
	if (acts)
		emit_actions(e, acts);
	if (e->fmt == SUMMARY_JSON)
		jclose(e, '}');
}

/* ---- the whole summary -------------------------------------------------- */

static const summary *sort_groups_of;

static int group_cmp(const void *a, const void *b)
{
	const group *x = &sort_groups_of->groups[*(const int *)a];
	const group *y = &sort_groups_of->groups[*(const int *)b];
	bool ex = str_empty(x->key), ey = str_empty(y->key);
	if (ex != ey)
		return ex ? 1 : -1;   /* "(none)" last */
	return strcmp(x->key, y->key);
}

static const char *by_name(enum summary_by by)
{
	switch (by) {
	case SUMMARY_DEPARTMENT: return N_("Department");
	case SUMMARY_ROLE: return N_("Role");
	case SUMMARY_TEMPLATE: return N_("Template");
	case SUMMARY_MANAGER: return N_("Manager");
	case SUMMARY_QUARTER: return N_("Quarter");
	default: return "";
	}
}

static const char *by_id(enum summary_by by)
{
	switch (by) {
	case SUMMARY_DEPARTMENT: return "department";
	case SUMMARY_ROLE: return "role";
	case SUMMARY_TEMPLATE: return "template";
	case SUMMARY_MANAGER: return "manager";
	case SUMMARY_QUARTER: return "quarter";
	default: return NULL;
	}
}

/* The title of the table of groups (a message, translated where shown). */
static const char *by_title(enum summary_by by)
{
	switch (by) {
	case SUMMARY_DEPARTMENT: return N_("Interviews by department");
	case SUMMARY_ROLE: return N_("Interviews by role");
	case SUMMARY_TEMPLATE: return N_("Interviews by template");
	case SUMMARY_MANAGER: return N_("Interviews by manager");
	case SUMMARY_QUARTER: return N_("Interviews by quarter");
	default: return "";
	}
}

/* What the set is grouped by, as the reader reads it (--by takes the English word). */
static const char *by_word(enum summary_by by)
{
	switch (by) {
	/* TRANSLATORS: after "Grouped by:" in a summary. */
	case SUMMARY_DEPARTMENT: return _("department");
	case SUMMARY_ROLE: return _("role");
	case SUMMARY_TEMPLATE: return _("template");
	case SUMMARY_MANAGER: return _("manager");
	case SUMMARY_QUARTER: return _("quarter");
	default: return "";
	}
}

static void render_heading(const summary *s, const char *since, const char *until, strbuf *out)
{
	heading(out, _("Exit interview summary"), '=');
	sb_puts(out, "\n");
	char *f = str_empty(since) ? NULL : cell_text(since);
	char *u = str_empty(until) ? NULL : cell_text(until);
	if (f && u && strcmp(f, u) == 0)
		sb_printf(out, _("Period: %s\n"), f);
	else if (f && u)
		sb_printf(out, _("Period: %s to %s\n"), f, u);
	else if (f)
		sb_printf(out, _("Period: from %s\n"), f);
	else if (u)
		sb_printf(out, _("Period: until %s\n"), u);
	else
		sb_puts(out, _("Period: all interviews\n"));
	free(f);
	free(u);
	if (s->by != SUMMARY_ALL)
		sb_printf(out, _("Grouped by: %s\n"), by_word(s->by));
	if (s->threshold > 1)
		sb_printf(out, _("Figures are shown only for %d or more interviews; quarters with fewer, and\n"
				 "months with fewer in a quarter the period covers only in part, are left out.\n"),
			  s->threshold);
	sb_puts(out, "\n");
}

void summary_render(const summary *s, const char *since, const char *until,
		    enum summary_format fmt, strbuf *out)
{
	prepare((summary *)s);
	emit e = { s, fmt, out, "", false };
	int64_t in_period_n = 0;
	for (int i = 0; i < s->nmonths; i++)
		if (in_period(s, s->months[i].m))
			in_period_n += s->months[i].n;
	int n = 0;
	for (int g = 0; g < s->ngroups; g++)
		n += s->groups[g].a.n;
	bool none = in_period_n == 0, few = !none && n < s->threshold;

	if (fmt == SUMMARY_TEXT) {
		render_heading(s, since, until, out);
		if (none) {
			sb_puts(out, _("No interviews in the period.\n"));
			return;
		}
		if (few) {
			sb_printf(out, _("Fewer than %d interviews in the period: no figures are shown.\n"),
				  s->threshold);
			return;
		}
	} else if (fmt == SUMMARY_TSV) {
		sb_puts(out, "group\ttable\tkey\tlabel\tcount\tshare_pct\taverage\n");
		if (none || few) {
			char c[24];
			snprintf(c, sizeof c, "%lld", (long long)in_period_n);
			tsv_line(&e, "interviews", "", "", none ? c : "", "", NULL);
			return;
		}
	} else {
		jopen(&e, NULL, '{');
		jopen(&e, "period", '{');
		jstr(&e, "since", str_empty(since) ? NULL : since);
		jstr(&e, "until", str_empty(until) ? NULL : until);
		jclose(&e, '}');
		jint(&e, "threshold", s->threshold, false);
		jstr(&e, "by", by_id(s->by));
		jint(&e, "interviews", none ? 0 : n, few);
		if (none || few) {
			jclose(&e, '}');
			sb_putc(out, '\n');
			return;
		}
	}

	if (s->by == SUMMARY_ALL) {
		emit_figures(&e, &s->groups[0].a, &s->all);
		if (fmt == SUMMARY_JSON) {
			jclose(&e, '}');
			sb_putc(out, '\n');
		}
		return;
	}

	int ng = s->ngroups;
	int *order = xcalloc((size_t)ng + 1, sizeof *order);
	for (int g = 0; g < ng; g++)
		order[g] = g;
	sort_groups_of = s;
	if (ng > 1)
		qsort(order, (size_t)ng, sizeof *order, group_cmp);
	int *sizes = xcalloc((size_t)ng + 1, sizeof *sizes);
	bool *hidden = xcalloc((size_t)ng + 1, sizeof *hidden);
	for (int g = 0; g < ng; g++)
		sizes[g] = s->groups[order[g]].a.n;
	suppress(sizes, hidden, ng, s->threshold);

	/* the groups side by side: a pattern is seen before it is read */
	crow *rows = xcalloc((size_t)ng + 1, sizeof *rows);
	for (int g = 0; g < ng; g++) {
		const group *gr = &s->groups[order[g]];
		rows[g] = (crow){ gr->key, gr->label, NULL, NULL, sizes[g], hidden[g], str_empty(gr->key), NULL, NULL };
	}
	if (fmt == SUMMARY_TEXT) {
		sb_printf(out, _("Interviews in the period: %d\n"), n);
		sb_printf(out, _("Groups: %d\n"), ng);
	} else if (fmt == SUMMARY_JSON) {
		jint(&e, "groups_count", ng, false);
	}
	ctable t = { "groups", by_title(s->by), by_name(s->by), NULL, n, rows, ng, NULL };
	bool anyhidden = false;
	for (int g = 0; g < ng; g++)
		anyhidden |= hidden[g];
	char *note = anyhidden ? xasprintf(_("%s : a group of fewer than %d, or one left out with them so "
					     "that none can be worked out."), DASH, s->threshold) : NULL;
	t.note = note;
	if (fmt != SUMMARY_TSV)
		emit_ctable(&e, &t);
	free(note);
	free(rows);
	if (fmt == SUMMARY_TEXT && s->by == SUMMARY_QUARTER)
		sb_printf(out, "\n  %s\n", _("(oldest first)"));
	if (fmt == SUMMARY_JSON)
		jopen(&e, "groups", '[');

	for (int g = 0; g < ng; g++) {
		const group *gr = &s->groups[order[g]];
		const agg *acts = s->by == SUMMARY_QUARTER ? &gr->a : NULL;
		if (fmt == SUMMARY_TEXT) {
			sb_puts(out, "\n\n");
			char *h = xasprintf("%s: %s", _(by_name(s->by)),
					    str_empty(gr->key) ? label_text(gr->label) : gr->label);
			heading(out, h, '-');
			free(h);
			if (sizes[g] < s->threshold)
				sb_printf(out, _("Fewer than %d interviews: no figures are shown.\n"), s->threshold);
			else if (hidden[g])
				sb_printf(out, _("No figures are shown: the groups left out would otherwise hold fewer "
						 "than %d\ninterviews together, or one of them could be worked out.\n"),
					  s->threshold);
			else
				emit_figures(&e, &gr->a, acts);
		} else if (fmt == SUMMARY_TSV) {
			e.group = gr->label;
			if (hidden[g])
				tsv_line(&e, "interviews", "", "", "", "", NULL);
			else
				emit_figures(&e, &gr->a, acts);
		} else {
			jopen(&e, NULL, '{');
			jstr(&e, "key", gr->key);
			jstr(&e, "label", gr->label);
			jint(&e, "interviews", sizes[g], hidden[g]);
			if (!hidden[g])
				emit_figures(&e, &gr->a, acts);
			jclose(&e, '}');
		}
		if (s->flush && out->len >= 65536)
			s->flush(out, s->flush_arg);
	}
	if (fmt == SUMMARY_TSV) {
		/* the whole set's action items */
		e.group = "";
		char o[24], d[24];
		snprintf(o, sizeof o, "%lld", (long long)s->all.act_open);
		snprintf(d, sizeof d, "%lld", (long long)s->all.act_overdue);
		if (s->by != SUMMARY_QUARTER) {
			tsv_line(&e, "actions", "open", "Open", o, "", NULL);
			tsv_line(&e, "actions", "overdue", "of them overdue", d, "", NULL);
		}
	} else if (fmt == SUMMARY_JSON) {
		jclose(&e, ']');
		if (s->by != SUMMARY_QUARTER)
			emit_actions(&e, &s->all);
		jclose(&e, '}');
		sb_putc(out, '\n');
	} else if (s->by != SUMMARY_QUARTER) {
		sb_puts(out, "\n\n");
		heading(out, _("All groups"), '-');
		emit_actions(&e, &s->all);
	}
	free(order);
	free(sizes);
	free(hidden);
}
