/* export_anon.c — the anonymous export: rows that name no one, made
 * coarse until each is like at least threshold - 1 others (see
 * export_anon.h). */
#include "exitview/export_anon.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
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

/* ---- open addressing over indices --------------------------------------- */

/* The slots of a map whose keys live in the map's own array, by index:
 * a slot holds index + 1 (0: free); cap is a power of two, at most half
 * full.  Each map below hashes and compares its own keys. */
typedef struct slots {
	int *slot;
	int cap;
} slots;

/* Where a key of hash h is or would go: the first slot, from its
 * place on, that is free or holds index k for which same(m, k, key). */
static uint32_t slots_probe(const slots *t, uint32_t h, bool (*same)(const void *m, int k, const void *key),
			    const void *m, const void *key)
{
	uint32_t i = h & (uint32_t)(t->cap - 1);
	while (t->slot[i] && !same(m, t->slot[i] - 1, key))
		i = (i + 1) & (uint32_t)(t->cap - 1);
	return i;
}

static bool never_same(const void *m, int k, const void *key)
{
	(void)m, (void)k, (void)key;
	return false;
}

/* Room for key number n (0-based): doubled and every key placed again
 * when more than half full.  The new capacity, or 0 when unchanged. */
static int slots_fit(slots *t, int n, uint32_t (*hash_of)(const void *m, int k), const void *m)
{
	if (2 * (n + 1) <= t->cap)
		return 0;
	slots grown = { xcalloc((size_t)(t->cap ? 2 * t->cap : 64), sizeof *grown.slot),
			t->cap ? 2 * t->cap : 64 };
	for (int k = 0; k < n; k++)
		grown.slot[slots_probe(&grown, hash_of(m, k), never_same, NULL, NULL)] = k + 1;
	free(t->slot);
	*t = grown;
	return t->cap;
}

/* ---- a small string map (value -> index) --------------------------------- */

typedef struct strmap {
	char **keys;
	slots at;
	int n;
} strmap;

static uint32_t str_hash(const char *p)
{
	uint32_t h = 2166136261u;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

static uint32_t strmap_hash_of(const void *m, int k)
{
	return str_hash(((const strmap *)m)->keys[k]);
}

static bool strmap_same(const void *m, int k, const void *key)
{
	return strcmp(((const strmap *)m)->keys[k], key) == 0;
}

/* The index of key (add: made when missing; else -1 when missing). */
static int strmap_get(strmap *m, const char *key, bool add)
{
	uint32_t h = str_hash(key);
	if (m->at.cap) {
		uint32_t i = slots_probe(&m->at, h, strmap_same, m, key);
		if (m->at.slot[i])
			return m->at.slot[i] - 1;
	}
	if (!add)
		return -1;
	int cap = slots_fit(&m->at, m->n, strmap_hash_of, m);
	if (cap)
		m->keys = xrealloc(m->keys, (size_t)(cap / 2) * sizeof *m->keys);
	m->keys[m->n] = xstrdup(key);
	m->at.slot[slots_probe(&m->at, h, never_same, NULL, NULL)] = m->n + 1;
	return m->n++;
}

static void strmap_free(strmap *m)
{
	for (int k = 0; k < m->n; k++)
		free(m->keys[k]);
	free(m->keys);
	free(m->at.slot);
	memset(m, 0, sizeof *m);
}

/* A combination's values by index (its role, department and template
 * among the values seen, its month, its tenure band): 20 bytes, where a
 * combination as text took ~100.  Kept in a cmap (below). */
typedef struct tuple {
	int v[5];
} tuple;

static uint32_t tuple_hash(const tuple *t)
{
	uint32_t h = 2166136261u;
	for (int i = 0; i < 5; i++)
		h = (h ^ (uint32_t)t->v[i]) * 16777619u;
	return h ^ (h >> 15);
}

/* Grow an int array *a of *cap to hold index i (zeroed). */
static void ints_fit(int **a, int *cap, int i)
{
	if (i < *cap)
		return;
	int n = *cap ? *cap : 64;
	while (n <= i)
		n *= 2;
	*a = xrealloc(*a, (size_t)n * sizeof **a);
	memset(*a + *cap, 0, (size_t)(n - *cap) * sizeof **a);
	*cap = n;
}

/* ---- what is kept: counts of combinations, never rows -------------------- */

/* A combination of quasi-identifiers, counted in pass 1: role,
 * department, template, month and tenure; every row of one combination
 * is shown alike.  32 bytes, its key and its state, and no strings: what
 * it shows is made from the key (combo_shown: a value of fewer than T
 * rows shows "(other)").  Combinations that show the same count
 * together (count_alike), so that two of them differing only in values
 * that show "(other)" are made coarse, and left out, together. */
typedef struct combo {
	tuple key;              /* value_names indexes, month (-1: none),
	                         * tenure_names index */
	int count, seen;        /* rows in pass 1, in pass 2 */
	unsigned char coarse;   /* COARSE(QI_ROLE) ...: shown "(other)", or for
	                         * QI_TENURE "(any)" */
	bool left_out;
} combo;

#define COARSE(q) (1u << (q))

/* The combinations, found by their key (the map's keys are the
 * combinations themselves: nothing is held twice). */
typedef struct cmap {
	combo *c;
	slots at;
	int n;
} cmap;

static uint32_t cmap_hash_of(const void *m, int k)
{
	return tuple_hash(&((const cmap *)m)->c[k].key);
}

static bool cmap_same(const void *m, int k, const void *key)
{
	return memcmp(&((const cmap *)m)->c[k].key, key, sizeof(tuple)) == 0;
}

/* The index of the combination of key (add: made, counting none, when
 * missing; else -1 when missing). */
static int cmap_get(cmap *m, const tuple *key, bool add)
{
	uint32_t h = tuple_hash(key);
	if (m->at.cap) {
		uint32_t i = slots_probe(&m->at, h, cmap_same, m, key);
		if (m->at.slot[i])
			return m->at.slot[i] - 1;
	}
	if (!add)
		return -1;
	int cap = slots_fit(&m->at, m->n, cmap_hash_of, m);
	if (cap)
		m->c = xrealloc(m->c, (size_t)(cap / 2) * sizeof *m->c);
	memset(&m->c[m->n], 0, sizeof *m->c);
	m->c[m->n].key = *key;
	m->at.slot[slots_probe(&m->at, h, never_same, NULL, NULL)] = m->n + 1;
	return m->n++;
}

static void cmap_free(cmap *m)
{
	free(m->c);
	free(m->at.slot);
	memset(m, 0, sizeof *m);
}

/* The rows of pass 2 waiting for the end of their period, to be written
 * in random order: each written out already (as CSV or JSON) into a
 * temporary file, and only its place there and its random order kept
 * in memory, 24 bytes a row however long it is. */
typedef struct spooled {
	uint64_t order;         /* random: its place in the period, and its key */
	uint64_t off;           /* in the file */
	size_t len;
} spooled;

typedef struct row_spool {
	FILE *f;                /* made when first needed, emptied when flushed */
	uint64_t end;
	spooled *rows;
	int n, cap;
	size_t longest;
} row_spool;

struct anon_export {
	int threshold;
	enum export_format format;
	int maxq;
	/* pass 1 */
	strmap value_names[3];   /* role, department, template values */
	int *value_count[3], value_cap[3];
	cmap combos;             /* by role, department, template, month, tenure */
	int nrows;
	/* the plan */
	strmap values;           /* interned strings shown */
	strmap quarters_coarse;  /* "q" -> any: quarters shown whole */
	bool planned;
	/* pass 2 */
	row_spool period;        /* the rows of the period being read */
	char period_name[16];    /* its name */
	row_spool unknown;       /* rows of no month: written last */
	strbuf row;              /* one row as it is written */
	char *back;              /* a row read back, room for the longest */
	size_t back_cap;
	int written;
	bool changed;
	void (*flush)(strbuf *out, void *arg);   /* anon_export_set_flush */
	void *flush_arg;
};

anon_export *anon_export_new(int threshold, enum export_format f)
{
	anon_export *ax = xcalloc(1, sizeof *ax);
	ax->threshold = threshold < 1 ? 1 : threshold;
	ax->format = f;
	return ax;
}

void anon_export_set_flush(anon_export *ax, void (*flush)(strbuf *out, void *arg), void *arg)
{
	ax->flush = flush;
	ax->flush_arg = arg;
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

static void json_row(strbuf *out, const arow *r)
{
	sb_puts(out, "  {\n    \"key\": ");
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


/* The row's group values and month, tenure (pass 1 and 2 alike). */
struct rowkey {
	char *group[3];
	int month;
	const char *tenure;
};

static void rowkey_of(const interview *iv, struct rowkey *k)
{
	k->group[0] = group_value(iv->role);
	k->group[1] = group_value(iv->department);
	k->group[2] = group_value(iv->template_name);
	/* the day date ranges use: the interview date, else the day made */
	k->month = !str_empty(iv->interview_date) ? period_month_of(iv->interview_date)
						   : period_month_of_time(iv->created);
	k->tenure = tenure_band(iv);
}

static void rowkey_free(struct rowkey *k)
{
	for (int g = 0; g < 3; g++)
		free(k->group[g]);
}

static const char *const tenure_names[] = { "unknown", "under 1 year", "1-3 years", "3-10 years",
					     "10 years or more" };

static int tenure_index(const char *t)
{
	for (int i = 0; i < (int)EV_ARRAY_LEN(tenure_names); i++)
		if (strcmp(tenure_names[i], t) == 0)
			return i;
	return 0;
}

/* The tuple of a row: its values' indexes (-1: not known), month, tenure. */
static tuple raw_tuple(anon_export *ax, const struct rowkey *k, bool add)
{
	tuple t;
	memset(&t, 0, sizeof t);
	for (int g = 0; g < 3; g++)
		t.v[g] = strmap_get(&ax->value_names[g], k->group[g], add);
	t.v[3] = k->month;
	t.v[4] = tenure_index(k->tenure);
	return t;
}

void anon_export_count(anon_export *ax, const interview *iv)
{
	struct rowkey k;
	rowkey_of(iv, &k);
	tuple t = raw_tuple(ax, &k, true);
	for (int g = 0; g < 3; g++) {
		ints_fit(&ax->value_count[g], &ax->value_cap[g], t.v[g]);
		ax->value_count[g][t.v[g]]++;
	}
	int c = cmap_get(&ax->combos, &t, true);   /* may move combos.c */
	ax->combos.c[c].count++;
	rowkey_free(&k);
	ax->nrows++;
	if (iv->nquestions > ax->maxq)
		ax->maxq = iv->nquestions;
}

static const char *intern(anon_export *ax, const char *s)
{
	int i = strmap_get(&ax->values, s, true);   /* may move keys */
	return ax->values.keys[i];
}

/* The month as a combination shows it: the month, its quarter when the
 * quarter is shown whole, or "unknown". */
static void month_shown(const anon_export *ax, int month, char out[16])
{
	if (month < 0) {
		snprintf(out, 16, "unknown");
		return;
	}
	char q[16];
	snprintf(q, sizeof q, "%04d-Q%d", (month / 12) % 10000, month % 12 / 3 + 1);
	if (strmap_get((strmap *)&ax->quarters_coarse, q, false) >= 0)
		snprintf(out, 16, "%s", q);
	else
		period_month_name(month, out);
}

/* What combination x shows for quasi-identifier q (not QI_MONTH:
 * month_shown): its value, or "(other)" ("(any)" for the tenure) when rare
 * or made coarse.  The strings live as long as ax. */
static const char *combo_shown(const anon_export *ax, const combo *x, int q)
{
	if (q == QI_TENURE)
		return x->coarse & COARSE(QI_TENURE) ? ANY : tenure_names[x->key.v[4]];
	int v = x->key.v[q];   /* QI_ROLE, QI_DEPARTMENT, QI_TEMPLATE: v[0..2] */
	bool rare = v < 0 || ax->value_count[q][v] < ax->threshold;   /* the group: "(other)" */
	return (x->coarse & COARSE(q)) || rare ? OTHER : ax->value_names[q].keys[v];
}

/* A combination still in, by what it shows (count_alike). */
typedef struct shown_at {
	tuple shown;
	int c;
} shown_at;

static int shown_cmp(const void *a, const void *b)
{
	const shown_at *x = a, *y = b;
	int d = memcmp(&x->shown, &y->shown, sizeof x->shown);
	return d ? d : (x->c > y->c) - (x->c < y->c);
}

/* For each combination still in, how many rows share all it shows: the
 * shown values as a tuple of their indexes among the strings shown
 * (ax->values), so that two combinations that show the same text count
 * together, whatever made them show it; sorted, so that those alike are
 * side by side (24 bytes a combination, no table). */
static void count_alike(anon_export *ax, int *count)
{
	shown_at *by = xcalloc((size_t)ax->combos.n + 1, sizeof *by);
	int n = 0;
	for (int c = 0; c < ax->combos.n; c++) {
		combo *x = &ax->combos.c[c];
		count[c] = 0;
		if (x->left_out)
			continue;
		char m[16];
		month_shown(ax, x->key.v[3], m);
		by[n].shown = (tuple){ { strmap_get(&ax->values, combo_shown(ax, x, QI_ROLE), true),
					 strmap_get(&ax->values, combo_shown(ax, x, QI_DEPARTMENT), true),
					 strmap_get(&ax->values, combo_shown(ax, x, QI_TEMPLATE), true),
					 strmap_get(&ax->values, m, true),
					 strmap_get(&ax->values, combo_shown(ax, x, QI_TENURE), true) } };
		by[n++].c = c;
	}
	qsort(by, (size_t)n, sizeof *by, shown_cmp);
	for (int i = 0, j; i < n; i = j) {
		int sum = 0;
		for (j = i; j < n && memcmp(&by[j].shown, &by[i].shown, sizeof by[i].shown) == 0; j++)
			sum += ax->combos.c[by[j].c].count;
		for (int k = i; k < j; k++)
			count[by[k].c] = sum;
	}
	free(by);
}

/* Made alike (export_anon.h), on the combinations: every row of one is
 * rare or not together, so the rules of the rows apply to them. */
static void make_alike(anon_export *ax)
{
	int t = ax->threshold;
	int *count = xcalloc((size_t)ax->combos.n + 1, sizeof *count);
	static const int steps[] = { QI_MONTH, QI_TENURE, QI_ROLE, QI_DEPARTMENT, QI_TEMPLATE };
	for (size_t s = 0; s <= EV_ARRAY_LEN(steps); s++) {
		count_alike(ax, count);
		bool rare = false;
		for (int c = 0; c < ax->combos.n; c++) {
			combo *x = &ax->combos.c[c];
			if (x->left_out || count[c] >= t)
				continue;
			rare = true;
			if (s == EV_ARRAY_LEN(steps)) {
				x->left_out = true;
			} else if (steps[s] == QI_MONTH) {
				int month = x->key.v[3];
				if (month >= 0) {   /* every row of its quarter shows the quarter */
					char q[16];
					snprintf(q, sizeof q, "%04d-Q%d", (month / 12) % 10000, month % 12 / 3 + 1);
					strmap_get(&ax->quarters_coarse, q, true);
				}
			} else {
				x->coarse |= (unsigned char)COARSE(steps[s]);
			}
		}
		if (!rare)
			break;
	}
	free(count);
}

int anon_export_plan(anon_export *ax, strbuf *out, bool *left_out)
{
	*left_out = false;
	ax->planned = true;
	if (ax->nrows < ax->threshold)
		return ev_seterr("fewer than %d interviews to export: an anonymous export needs at least %d",
				 ax->threshold, ax->threshold);
	/* no combination is added after pass 1: its room is only what it holds */
	if (ax->combos.n > 0)
		ax->combos.c = xrealloc(ax->combos.c, (size_t)ax->combos.n * sizeof *ax->combos.c);
	make_alike(ax);
	int kept = 0;
	for (int c = 0; c < ax->combos.n; c++) {
		if (ax->combos.c[c].left_out)
			*left_out = true;
		else
			kept += ax->combos.c[c].count;
	}
	if (kept < ax->threshold)
		return ev_seterr("fewer than %d interviews alike enough to export anonymously", ax->threshold);
	if (ax->format == EXPORT_CSV)
		csv_header(out, ax->maxq);
	else
		sb_putc(out, '[');
	return kept;
}

static int spooled_cmp(const void *a, const void *b)
{
	uint64_t x = ((const spooled *)a)->order, y = ((const spooled *)b)->order;
	return x < y ? -1 : x > y;
}

/* Keep the row written in ax->row, of random order, in sp; 0 or -1. */
static int spool_add(row_spool *sp, uint64_t order, const strbuf *row)
{
	if (!sp->f && !(sp->f = tmpfile()))
		return ev_seterr("cannot make a temporary file for the export: %s", strerror(errno));
	if (row->len && fwrite(row->s, 1, row->len, sp->f) != row->len)
		return ev_seterr("cannot write the temporary file of the export");
	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? 2 * sp->cap : 64;
		sp->rows = xrealloc(sp->rows, (size_t)sp->cap * sizeof *sp->rows);
	}
	sp->rows[sp->n++] = (spooled){ order, sp->end, row->len };
	sp->end += row->len;
	if (row->len > sp->longest)
		sp->longest = row->len;
	return 0;
}

/* The rows of sp, in random order, into out (handed to the flush
 * callback as it fills), and sp emptied; 0 or -1. */
static int spool_flush(anon_export *ax, row_spool *sp, strbuf *out)
{
	if (sp->n == 0)
		return 0;
	if (fflush(sp->f) != 0)
		return ev_seterr("cannot write the temporary file of the export");
	if (sp->longest > ax->back_cap) {
		ax->back_cap = sp->longest;
		ax->back = xrealloc(ax->back, ax->back_cap);
	}
	if (sp->n > 1)
		qsort(sp->rows, (size_t)sp->n, sizeof *sp->rows, spooled_cmp);
	int fd = fileno(sp->f);
	for (int i = 0; i < sp->n; i++) {
		const spooled *r = &sp->rows[i];
		size_t got = 0;
		while (got < r->len) {
			ssize_t k = pread(fd, ax->back + got, r->len - got, (off_t)(r->off + got));
			if (k <= 0)
				return ev_seterr("cannot read the temporary file of the export");
			got += (size_t)k;
		}
		if (ax->format == EXPORT_JSON)
			sb_puts(out, ax->written ? ",\n" : "\n");
		sb_add(out, ax->back, r->len);
		ax->written++;
		if (ax->flush && out->len >= 65536)   /* a period's rows never all in out */
			ax->flush(out, ax->flush_arg);
	}
	sp->n = 0;
	sp->end = 0;
	sp->longest = 0;
	if (ftruncate(fd, 0) != 0 || fseek(sp->f, 0, SEEK_SET) != 0)
		return ev_seterr("cannot write the temporary file of the export");
	return 0;
}

static void spool_free(row_spool *sp)
{
	if (sp->f)
		fclose(sp->f);
	free(sp->rows);
	memset(sp, 0, sizeof *sp);
}

int anon_export_add(anon_export *ax, const interview *iv, strbuf *out)
{
	struct rowkey k;
	rowkey_of(iv, &k);
	tuple t = raw_tuple(ax, &k, false);
	int c = t.v[0] < 0 || t.v[1] < 0 || t.v[2] < 0 ? -1 : cmap_get(&ax->combos, &t, false);
	if (c < 0) {   /* not as pass 1 saw it: the interviews changed between the passes */
		ax->changed = true;
		rowkey_free(&k);
		return 1;
	}
	combo *x = &ax->combos.c[c];
	x->seen++;
	if (x->left_out) {
		rowkey_free(&k);
		return 0;
	}
	arow row;
	memset(&row, 0, sizeof row);
	arow *r = &row;
	random_key(r->key);
	uint64_t order = strtoull(r->key, NULL, 16);   /* the key, as a number */
	r->closed = iv->closed;
	char m[16];
	month_shown(ax, x->key.v[3], m);
	r->qi[QI_ROLE] = (char *)combo_shown(ax, x, QI_ROLE);
	r->qi[QI_DEPARTMENT] = (char *)combo_shown(ax, x, QI_DEPARTMENT);
	r->qi[QI_TEMPLATE] = (char *)combo_shown(ax, x, QI_TEMPLATE);
	r->qi[QI_MONTH] = (char *)intern(ax, m);
	r->qi[QI_TENURE] = (char *)combo_shown(ax, x, QI_TENURE);
	r->month = x->key.v[3];
	r->separation = (char *)intern(ax, separation_name(iv->separation));
	r->primary = (char *)intern(ax, iv->reason_primary ? iv->reason_primary : "");
	r->secondary = (char *)intern(ax, iv->reason_secondary ? iv->reason_secondary : "");
	r->assessed = (char *)intern(ax, iv->reason_assessed ? iv->reason_assessed : "");
	r->regrettable = iv->regrettable;
	r->rehire = iv->rehire;
	r->would_return = iv->would_return;
	r->nq = iv->nquestions;
	r->q = xcalloc((size_t)(r->nq ? r->nq : 1), sizeof *r->q);
	strbuf tmp = STRBUF_INIT;
	for (int i = 0; i < r->nq; i++) {
		const iv_question *q = &iv->q[i];
		char *title = group_value(q->title);
		r->q[i].title = (char *)intern(ax, title);
		free(title);
		r->q[i].rating = !q->skipped && q->rating >= 1 && q->rating <= TPL_SCALE ? q->rating : 0;
		r->q[i].skipped = q->skipped;
		sb_clear(&tmp);
		for (int j = 0; j < q->nfollowups; j++)
			if (q->asked && q->asked[j])
				sb_printf(&tmp, "%s%d", tmp.len ? ";" : "", j + 1);
		r->q[i].asked = (char *)intern(ax, sb_str(&tmp));
	}
	sb_free(&tmp);
	rowkey_free(&k);
	sb_clear(&ax->row);
	if (ax->format == EXPORT_JSON)
		json_row(&ax->row, r);
	else
		csv_row(&ax->row, r, ax->maxq);
	free(r->q);
	if (r->month < 0)
		return spool_add(&ax->unknown, order, &ax->row);
	/* rows come oldest first (store_stream): a period ends where the next begins */
	if (strcmp(m, ax->period_name) != 0) {
		if (spool_flush(ax, &ax->period, out) != 0)
			return -1;
		snprintf(ax->period_name, sizeof ax->period_name, "%s", m);
	}
	return spool_add(&ax->period, order, &ax->row);
}

int anon_export_end(anon_export *ax, strbuf *out)
{
	if (spool_flush(ax, &ax->period, out) != 0 || spool_flush(ax, &ax->unknown, out) != 0)
		return -2;
	if (ax->format == EXPORT_JSON)
		sb_puts(out, ax->written ? "\n]\n" : "]\n");
	for (int c = 0; c < ax->combos.n; c++)
		if (ax->combos.c[c].seen != ax->combos.c[c].count)
			ax->changed = true;
	if (ax->changed)
		return ev_seterr("the interviews changed while the anonymous export was made");
	return ax->written;
}

void anon_export_free(anon_export *ax)
{
	if (!ax)
		return;
	for (int g = 0; g < 3; g++) {
		strmap_free(&ax->value_names[g]);
		free(ax->value_count[g]);
	}
	strmap_free(&ax->values);
	cmap_free(&ax->combos);
	strmap_free(&ax->quarters_coarse);
	spool_free(&ax->period);
	spool_free(&ax->unknown);
	sb_free(&ax->row);
	free(ax->back);
	free(ax);
}
