/* export_anon.c — the anonymous export: rows that name no one, made
 * coarse until each is like at least threshold - 1 others (see
 * export_anon.h). */
#include "exitview/export_anon.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "exitview/date.h"
#include "exitview/period.h"
#include "exitview/utf8.h"

/* What can single a row out when known from elsewhere: its quasi-identifiers. */
enum { QI_ROLE, QI_DEPARTMENT, QI_TEMPLATE, QI_MONTH, QI_TENURE, NQI };
static const char *const qi_names[NQI] = { "role", "department", "template", "month", "tenure" };

#define OTHER "(other)"
#define ANY "(any)"

typedef struct aquestion {
	char *title;
	int rating;             /* 0: none */
	bool skipped;
	char *asked;            /* "1;3" */
} aquestion;

typedef struct arow {
	char key[17];           /* random, this export's only */
	bool closed;
	char *qi[NQI];
	int month;              /* period.h's month index, or -1 */
	char *separation, *primary, *secondary, *assessed;
	int regrettable, rehire, would_return;
	int nq;
	aquestion *q;
	bool left_out;
} arow;

struct anon_export {
	int threshold;
	arow *rows;
	int n, cap;
	int maxq;
};

anon_export *anon_export_new(int threshold)
{
	anon_export *ax = xcalloc(1, sizeof *ax);
	ax->threshold = threshold < 1 ? 1 : threshold;
	return ax;
}

/* A random key of 16 hex digits: nothing in it relates to the interview. */
static void random_key(char key[17])
{
	unsigned char b[8];
	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) {
		static unsigned long long mix = 0x9e3779b97f4a7c15ULL;
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		mix ^= (unsigned long long)ts.tv_nsec * 0xbf58476d1ce4e5b9ULL + (unsigned long long)getpid();
		mix = (mix ^ (mix >> 31)) * 0x94d049bb133111ebULL;
		memcpy(b, &mix, sizeof b);
	}
	for (int i = 0; i < 8; i++)
		snprintf(key + 2 * i, 3, "%02x", b[i]);
}

/* One line of text by the text rule, "(none)" when empty. */
static char *group_value(const char *s)
{
	strbuf sb = STRBUF_INIT;
	utf8_clean(&sb, s ? s : "", s ? strlen(s) : 0, UTF8_ONELINE);
	if (sb.len == 0)
		sb_puts(&sb, "(none)");
	return sb_detach(&sb);
}

/* Years from the start date to the last day (else the interview day), in
 * bands too wide to name anyone. */
static const char *tenure_band(const interview *iv)
{
	const char *end = !str_empty(iv->last_day) ? iv->last_day : iv->interview_date;
	if (!date_valid(iv->start_date) || !date_valid(end))
		return "unknown";
	long days = date_diff_days(iv->start_date, end);
	if (days < 0)
		return "unknown";
	if (days < 365)
		return "under 1 year";
	if (days < 3 * 365)
		return "1-3 years";
	if (days < 3652)
		return "3-10 years";
	return "10 years or more";
}

void anon_export_add(anon_export *ax, const interview *iv)
{
	if (ax->n == ax->cap) {
		ax->cap = ax->cap ? 2 * ax->cap : 64;
		ax->rows = xrealloc(ax->rows, (size_t)ax->cap * sizeof *ax->rows);
	}
	arow *r = &ax->rows[ax->n++];
	memset(r, 0, sizeof *r);
	random_key(r->key);
	r->closed = iv->closed;
	r->qi[QI_ROLE] = group_value(iv->role);
	r->qi[QI_DEPARTMENT] = group_value(iv->department);
	r->qi[QI_TEMPLATE] = group_value(iv->template_name);
	/* the day date ranges use: the interview date, else the day made */
	r->month = !str_empty(iv->interview_date) ? period_month_of(iv->interview_date)
						   : period_month_of_time(iv->created);
	char m[8] = "unknown";
	if (r->month >= 0)
		period_month_name(r->month, m);
	r->qi[QI_MONTH] = xstrdup(m);
	r->qi[QI_TENURE] = xstrdup(tenure_band(iv));
	r->separation = xstrdup(separation_name(iv->separation));
	r->primary = xstrdup(iv->reason_primary ? iv->reason_primary : "");
	r->secondary = xstrdup(iv->reason_secondary ? iv->reason_secondary : "");
	r->assessed = xstrdup(iv->reason_assessed ? iv->reason_assessed : "");
	r->regrettable = iv->regrettable;
	r->rehire = iv->rehire;
	r->would_return = iv->would_return;
	r->nq = iv->nquestions;
	r->q = xcalloc((size_t)(r->nq ? r->nq : 1), sizeof *r->q);
	for (int i = 0; i < r->nq; i++) {
		const iv_question *q = &iv->q[i];
		r->q[i].title = group_value(q->title);
		r->q[i].rating = !q->skipped && q->rating >= 1 && q->rating <= TPL_SCALE ? q->rating : 0;
		r->q[i].skipped = q->skipped;
		strbuf asked = STRBUF_INIT;
		for (int j = 0; j < q->nfollowups; j++)
			if (q->asked && q->asked[j])
				sb_printf(&asked, "%s%d", asked.len ? ";" : "", j + 1);
		r->q[i].asked = sb_detach(&asked);
	}
	if (r->nq > ax->maxq)
		ax->maxq = r->nq;
}

static void arow_free(arow *r)
{
	for (int k = 0; k < NQI; k++)
		free(r->qi[k]);
	free(r->separation);
	free(r->primary);
	free(r->secondary);
	free(r->assessed);
	for (int q = 0; q < r->nq; q++) {
		free(r->q[q].title);
		free(r->q[q].asked);
	}
	free(r->q);
}

void anon_export_free(anon_export *ax)
{
	if (!ax)
		return;
	for (int i = 0; i < ax->n; i++)
		arow_free(&ax->rows[i]);
	free(ax->rows);
	free(ax);
}

/* ---- making rows alike ---------------------------------------------------- */

typedef struct keyed {
	char *key;              /* the values compared */
	int row;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
	return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key);
}

/* For each row still in, how many rows share its values of the columns
 * in mask (bit per QI) into count[]. */
static void count_alike(const anon_export *ax, unsigned mask, int *count)
{
	keyed *k = xcalloc((size_t)ax->n + 1, sizeof *k);
	int n = 0;
	for (int i = 0; i < ax->n; i++) {
		if (ax->rows[i].left_out)
			continue;
		strbuf sb = STRBUF_INIT;
		for (int c = 0; c < NQI; c++)
			if (mask & (1u << c)) {
				sb_puts(&sb, ax->rows[i].qi[c]);
				sb_putc(&sb, '\x1f');
			}
		k[n].key = sb_detach(&sb);
		k[n].row = i;
		n++;
	}
	if (n > 1)
		qsort(k, (size_t)n, sizeof *k, keyed_cmp);
	for (int i = 0; i < n;) {
		int j = i;
		while (j < n && strcmp(k[j].key, k[i].key) == 0)
			j++;
		for (int m = i; m < j; m++)
			count[k[m].row] = j - i;
		i = j;
	}
	for (int i = 0; i < n; i++)
		free(k[i].key);
	free(k);
}

/* Make column c of row r coarser: the month becomes its quarter, the
 * tenure "(any)", a group "(other)". */
static void coarsen(arow *r, int c)
{
	const char *v = c == QI_TENURE ? ANY : OTHER;
	char q[8];
	if (c == QI_MONTH) {
		if (r->month < 0)
			return;
		snprintf(q, sizeof q, "%04d-Q%d", (r->month / 12) % 10000, r->month % 12 / 3 + 1);
		v = q;
	}
	str_set(&r->qi[c], v);
}

/* A rare month: every row of its quarter shows the quarter, so that the
 * quarter's rows are alike in it (and months of other quarters stay). */
static void whole_quarter(anon_export *ax, int month)
{
	if (month < 0)
		return;
	for (int i = 0; i < ax->n; i++) {
		arow *r = &ax->rows[i];
		if (!r->left_out && r->month >= 0 && r->month / 3 == month / 3)
			coarsen(r, QI_MONTH);
	}
}

static void make_alike(anon_export *ax)
{
	int t = ax->threshold;
	int *count = xcalloc((size_t)ax->n + 1, sizeof *count);
	/* groups too small on their own */
	static const int groups[] = { QI_ROLE, QI_DEPARTMENT, QI_TEMPLATE };
	for (size_t g = 0; g < EV_ARRAY_LEN(groups); g++) {
		count_alike(ax, 1u << groups[g], count);
		for (int i = 0; i < ax->n; i++)
			if (count[i] < t)
				coarsen(&ax->rows[i], groups[g]);
	}
	/* then the rows too rare in all of them together, coarser step by step */
	static const int steps[] = { QI_MONTH, QI_TENURE, QI_ROLE, QI_DEPARTMENT, QI_TEMPLATE };
	unsigned all = (1u << NQI) - 1;
	for (size_t s = 0; s <= EV_ARRAY_LEN(steps); s++) {
		count_alike(ax, all, count);
		bool rare = false;
		for (int i = 0; i < ax->n; i++) {
			arow *r = &ax->rows[i];
			if (r->left_out || count[i] >= t)
				continue;
			rare = true;
			if (s == EV_ARRAY_LEN(steps))
				r->left_out = true;
			else if (steps[s] == QI_MONTH)
				whole_quarter(ax, r->month);
			else
				coarsen(r, steps[s]);
		}
		if (!rare)
			break;
	}
	free(count);
}

/* By month (as shown), then by the random key. */
static int row_cmp(const void *a, const void *b)
{
	const arow *x = a, *y = b;
	int c = strcmp(x->qi[QI_MONTH], y->qi[QI_MONTH]);
	return c ? c : strcmp(x->key, y->key);
}

/* ---- writing ------------------------------------------------------------- */

static void csv_header(strbuf *out, int maxq)
{
	sb_puts(out, "key,status");
	for (int c = 0; c < NQI; c++)
		sb_printf(out, ",%s", qi_names[c]);
	sb_puts(out, ",separation,reason_primary,reason_secondary,reason_assessed,regrettable,rehire,would_return");
	for (int q = 1; q <= maxq; q++)
		sb_printf(out, ",q%d_title,q%d_rating,q%d_skipped,q%d_asked", q, q, q, q);
	sb_puts(out, "\r\n");
}

static void csv_next(strbuf *out, const char *s)
{
	sb_putc(out, ',');
	csv_field(out, s);
}

static void csv_row(strbuf *out, const arow *r, int maxq)
{
	sb_puts(out, r->key);
	csv_next(out, r->closed ? "closed" : "open");
	for (int c = 0; c < NQI; c++)
		csv_next(out, r->qi[c]);
	csv_next(out, r->separation);
	csv_next(out, r->primary);
	csv_next(out, r->secondary);
	csv_next(out, r->assessed);
	csv_next(out, tristate_name(r->regrettable));
	csv_next(out, tristate_name(r->rehire));
	csv_next(out, tristate_name(r->would_return));
	for (int i = 0; i < maxq; i++) {
		if (i >= r->nq) {
			sb_puts(out, ",,,,");
			continue;
		}
		char rating[8] = "";
		if (r->q[i].rating)
			snprintf(rating, sizeof rating, "%d", r->q[i].rating);
		csv_next(out, r->q[i].title);
		csv_next(out, rating);
		csv_next(out, r->q[i].skipped ? "yes" : "no");
		csv_next(out, r->q[i].asked);
	}
	sb_puts(out, "\r\n");
}

static void json_pair(strbuf *out, const char *key, const char *v, bool null_if_empty)
{
	sb_puts(out, ",\n    ");
	json_string(out, key);
	sb_puts(out, ": ");
	if (null_if_empty && str_empty(v))
		sb_puts(out, "null");
	else
		json_string(out, v);
}

static void json_row(strbuf *out, const arow *r, bool first)
{
	sb_puts(out, first ? "\n  {\n    \"key\": " : ",\n  {\n    \"key\": ");
	json_string(out, r->key);
	json_pair(out, "status", r->closed ? "closed" : "open", false);
	for (int c = 0; c < NQI; c++)
		json_pair(out, qi_names[c], r->qi[c], false);
	json_pair(out, "separation", r->separation, true);
	json_pair(out, "reason_primary", r->primary, true);
	json_pair(out, "reason_secondary", r->secondary, true);
	json_pair(out, "reason_assessed", r->assessed, true);
	json_pair(out, "regrettable", tristate_name(r->regrettable), false);
	json_pair(out, "rehire", tristate_name(r->rehire), false);
	json_pair(out, "would_return", tristate_name(r->would_return), false);
	sb_puts(out, ",\n    \"questions\": [");
	for (int i = 0; i < r->nq; i++) {
		const aquestion *q = &r->q[i];
		sb_printf(out, "%s\n      {\"number\": %d, \"title\": ", i ? "," : "", i + 1);
		json_string(out, q->title);
		if (q->rating)
			sb_printf(out, ", \"rating\": %d", q->rating);
		else
			sb_puts(out, ", \"rating\": null");
		sb_printf(out, ", \"skipped\": %s, \"asked\": [", q->skipped ? "true" : "false");
		for (const char *a = q->asked; *a; a++)   /* "1;3": digits and ';' */
			sb_puts(out, *a == ';' ? ", " : (char[]){ *a, '\0' });
		sb_puts(out, "]}");
	}
	sb_puts(out, r->nq ? "\n    ]\n  }" : "]\n  }");
}

int anon_export_write(anon_export *ax, enum export_format f, strbuf *out, bool *left_out)
{
	*left_out = false;
	if (ax->n < ax->threshold)
		return ev_seterr("fewer than %d interviews to export: an anonymous export needs at least %d",
				 ax->threshold, ax->threshold);
	make_alike(ax);
	int kept = 0;
	for (int i = 0; i < ax->n; i++) {
		if (ax->rows[i].left_out) {
			*left_out = true;
			arow_free(&ax->rows[i]);
		} else {
			ax->rows[kept++] = ax->rows[i];
		}
	}
	ax->n = kept;
	if (kept > 1)
		qsort(ax->rows, (size_t)kept, sizeof *ax->rows, row_cmp);
	if (kept < ax->threshold)
		return ev_seterr("fewer than %d interviews alike enough to export anonymously", ax->threshold);
	if (f == EXPORT_CSV) {
		csv_header(out, ax->maxq);
		for (int i = 0; i < kept; i++)
			csv_row(out, &ax->rows[i], ax->maxq);
	} else {
		sb_putc(out, '[');
		for (int i = 0; i < kept; i++)
			json_row(out, &ax->rows[i], i == 0);
		sb_puts(out, kept ? "\n]\n" : "]\n");
	}
	return kept;
}
