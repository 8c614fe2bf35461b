/* test_export_anon.c — the anonymous export: nothing that names anyone
 * (names, notes, IDs, exact dates), small groups merged, rare rows made
 * coarser or left out, fewer than the threshold refused. */
#include "exitview/export_anon.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/util.h"
#include "unit.h"

static interview *make(int64_t id, const char *dept, const char *role, const char *tpl, const char *day)
{
	tpl_question qs[] = { { "Pay", "How was the pay?", "", NULL, 0 } };
	template t = {
		.name = (char *)tpl, .title = "T", .language = "en", .description = "", .source = "test",
		.questions = qs, .nquestions = 1,
		.scale = { "1", "2", "3", "4", "5" },
	};
	interview *iv = interview_new(&t);
	iv->id = id;
	str_set(&iv->employee, "Greta Garbosson");
	str_set(&iv->manager, "Manne Chefsson");
	str_set(&iv->interviewer, "Ingrid Frågvis");
	str_set(&iv->department, dept);
	str_set(&iv->role, role);
	str_set(&iv->interview_date, day);
	str_set(&iv->start_date, "2018-02-03");
	str_set(&iv->last_day, day);
	str_set(&iv->reason_primary, "comp");
	str_set(&iv->return_conditions, "if Sven Svensson leaves");
	str_set(&iv->observations, "nervous about Lisa");
	str_set(&iv->q[0].notes, "Karin in payroll said no");
	iv->q[0].rating = 2;
	return iv;
}

/* Write n interviews made by mk(i) as f; returns the output (malloc'd) or
 * NULL, with the row count and left_out. */
static char *run(int threshold, int n, interview *(*mk)(int), enum export_format f, int *rows, bool *left_out)
{
	/* both passes, oldest first (store_stream's order) */
	interview **ivs = xcalloc((size_t)n + 1, sizeof *ivs);
	for (int i = 0; i < n; i++)
		ivs[i] = mk(i);
	for (int i = 1; i < n; i++)   /* by day, as the store hands them */
		for (int j = i; j > 0 && strcmp(ivs[j - 1]->interview_date, ivs[j]->interview_date) > 0; j--) {
			interview *t = ivs[j];
			ivs[j] = ivs[j - 1];
			ivs[j - 1] = t;
		}
	anon_export *ax = anon_export_new(threshold, f);
	for (int i = 0; i < n; i++)
		anon_export_count(ax, ivs[i]);
	strbuf out = STRBUF_INIT;
	*rows = anon_export_plan(ax, &out, left_out);
	for (int i = 0; i < n && *rows >= 0; i++)
		if (anon_export_add(ax, ivs[i], &out) != 0) {
			printf("# pass 2 did not see interview %d as pass 1 did\n", i);
			*rows = -2;
		}
	if (*rows >= 0 && anon_export_end(ax, &out) != *rows) {
		printf("# anon_export_end: %s\n", ev_lasterr());
		*rows = -2;
	}
	anon_export_free(ax);
	for (int i = 0; i < n; i++)
		interview_free(ivs[i]);
	free(ivs);
	if (*rows < 0) {
		sb_free(&out);
		return NULL;
	}
	return sb_detach(&out);
}

static interview *six_alike(int i)
{
	return make(1000 + i, "Eng", "Dev", "std", i % 2 ? "2026-01-15" : "2026-01-20");
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

TEST(nothing_that_names_anyone)
{
	static const char *const words[] = {
		"Greta", "Manne", "Ingrid", "Sven", "Lisa", "Karin", "How was the pay",
		"1000", "1001", "1005", "2026-01-15", "2026-01-20", "2018-02-03", "\"id\"",
	};
	for (int f = 0; f < 2; f++) {
		int rows;
		bool left_out;
		char *out = run(5, 6, six_alike, f ? EXPORT_JSON : EXPORT_CSV, &rows, &left_out);
		CHECK(out);
		CHECK_INT(rows, 6);
		CHECK(!left_out);
		for (size_t w = 0; w < EV_ARRAY_LEN(words); w++) {
			if (strstr(out, words[w]))
				printf("# found %s\n", words[w]);
			CHECK(strstr(out, words[w]) == NULL);
		}
		CHECK(strstr(out, "2026-01"));       /* the month stays */
		CHECK(strstr(out, "3-10 years"));    /* a tenure band, not dates */
		CHECK(strstr(out, "Pay"));           /* the question's title */
		if (f == 0) {
			const char *head = "key,status,role,department,template,month,tenure,";
			CHECK(strncmp(out, head, strlen(head)) == 0);
			CHECK_INT(count_lines(out), 7);
		}
		free(out);
	}
}

TEST(fewer_than_threshold_refused)
{
	int rows;
	bool left_out;
	char *out = run(7, 6, six_alike, EXPORT_CSV, &rows, &left_out);
	CHECK(out == NULL);
	CHECK_INT(rows, -1);
	CHECK_STR(ev_lasterr(), "fewer than 7 interviews to export: an anonymous export needs at least 7");
}

/* 5 in Eng/Dev in January; the sixth: another department, role and month */
static interview *one_apart(int i)
{
	if (i == 5)
		return make(99, "Styrelsen", "VD", "std", "2026-03-02");
	return make(i, "Eng", "Dev", "std", "2026-01-15");
}

TEST(rare_row_left_out)
{
	int rows;
	bool left_out;
	char *out = run(5, 6, one_apart, EXPORT_CSV, &rows, &left_out);
	CHECK(out);
	CHECK_INT(rows, 5);
	CHECK(left_out);
	CHECK(strstr(out, "Styrelsen") == NULL && strstr(out, "VD") == NULL);
	CHECK(strstr(out, "(other)") == NULL);   /* it was not kept under another name */
	free(out);
}

/* 3 in January, 3 in February, 1 in March (all Eng/Dev) */
static interview *small_month(int i)
{
	return make(i, "Eng", "Dev", "std", i < 3 ? "2026-01-15" : i < 6 ? "2026-02-15" : "2026-03-15");
}

TEST(rare_month_shows_its_quarter)
{
	int rows;
	bool left_out;
	char *out = run(3, 7, small_month, EXPORT_CSV, &rows, &left_out);
	CHECK(out);
	CHECK_INT(rows, 7);
	CHECK(!left_out);
	CHECK(strstr(out, ",2026-01,") == NULL && strstr(out, ",2026-03,") == NULL);
	char *p = out;
	int q1 = 0;
	while ((p = strstr(p, ",2026-Q1,")) != NULL) {
		q1++;
		p++;
	}
	CHECK_INT(q1, 7);
	free(out);
}

/* 6 in Eng, 2 in Sälj, 2 in Ops, all Dev in January */
static interview *small_groups(int i)
{
	return make(i, i < 6 ? "Eng" : i < 8 ? "Sälj" : "Ops", "Dev", "std", "2026-01-15");
}

TEST(small_groups_merged)
{
	int rows;
	bool left_out;
	char *out = run(3, 10, small_groups, EXPORT_JSON, &rows, &left_out);
	CHECK(out);
	CHECK_INT(rows, 10);
	CHECK(strstr(out, "Sälj") == NULL && strstr(out, "Ops") == NULL);
	CHECK(strstr(out, "\"department\": \"(other)\""));
	CHECK(strstr(out, "\"department\": \"Eng\""));
	free(out);
}

/* Pass 2 must see what pass 1 counted: a change between them (a new
 * combination, a row missing) is caught, the output to be thrown away. */
TEST(changed_between_passes_caught)
{
	anon_export *ax = anon_export_new(2, EXPORT_CSV);
	interview *a = make(1, "Eng", "Dev", "std", "2026-01-15");
	interview *b = make(2, "Eng", "Dev", "std", "2026-01-16");
	interview *c = make(3, "Sales", "Rep", "std", "2026-01-17");
	anon_export_count(ax, a);
	anon_export_count(ax, b);
	strbuf out = STRBUF_INIT;
	bool left;
	CHECK_INT(anon_export_plan(ax, &out, &left), 2);
	CHECK_INT(anon_export_add(ax, a, &out), 0);
	CHECK_INT(anon_export_add(ax, c, &out), 1);   /* not counted */
	CHECK_INT(anon_export_end(ax, &out), -1);
	anon_export_free(ax);
	/* a row counted but not seen again */
	ax = anon_export_new(2, EXPORT_CSV);
	anon_export_count(ax, a);
	anon_export_count(ax, b);
	sb_clear(&out);
	CHECK_INT(anon_export_plan(ax, &out, &left), 2);
	CHECK_INT(anon_export_add(ax, a, &out), 0);
	CHECK_INT(anon_export_end(ax, &out), -1);
	CHECK(strstr(ev_lasterr(), "changed") != NULL);
	anon_export_free(ax);
	sb_free(&out);
	interview_free(a);
	interview_free(b);
	interview_free(c);
}

/* The flush callback: what is handed over, and how big out was then. */
struct flushed {
	strbuf all;
	int calls;
	size_t biggest;
};

static void take(strbuf *out, void *arg)
{
	struct flushed *f = arg;
	f->calls++;
	if (out->len > f->biggest)
		f->biggest = out->len;
	sb_add(&f->all, out->s, out->len);
	sb_clear(out);
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* CROWD rows, 70% in January, the rest in February, in one department:
 * more rows in a period than fit in 64 KB of output */
#define CROWD 2000
static interview *crowd(int i)
{
	return make(i, "Eng", "Dev", "std", i < CROWD * 7 / 10 ? "2026-01-15" : "2026-02-15");
}

/* A period's rows wait in a temporary file, not in memory, and reach out
 * through the flush callback 64 KB at a time: every row once, each with
 * a key of its own, the periods in order, the JSON whole. */
TEST(big_period_spooled_and_flushed)
{
	for (int f = 0; f < 2; f++) {
		interview **ivs = xcalloc(CROWD, sizeof *ivs);
		for (int i = 0; i < CROWD; i++)
			ivs[i] = crowd(i);
		anon_export *ax = anon_export_new(5, f ? EXPORT_JSON : EXPORT_CSV);
		struct flushed fl = { STRBUF_INIT, 0, 0 };
		anon_export_set_flush(ax, take, &fl);
		for (int i = 0; i < CROWD; i++)
			anon_export_count(ax, ivs[i]);
		strbuf out = STRBUF_INIT;
		bool left;
		CHECK_INT(anon_export_plan(ax, &out, &left), CROWD);
		CHECK(!left);
		for (int i = 0; i < CROWD; i++)
			CHECK_INT(anon_export_add(ax, ivs[i], &out), 0);
		CHECK_INT(anon_export_end(ax, &out), CROWD);
		sb_add(&fl.all, sb_str(&out), out.len);
		CHECK(fl.calls >= 2);
		CHECK(fl.biggest < 65536 + 4096);   /* never a period at once */
		const char *all = sb_str(&fl.all);
		/* the keys: CROWD, all different */
		const char *key = f ? "\"key\": \"" : "\r\n";
		char (*keys)[17] = xcalloc(CROWD, sizeof *keys);
		int nkeys = 0;
		for (const char *p = all; (p = strstr(p, key)) != NULL && nkeys < CROWD + 1; p++) {
			const char *k = p + strlen(key);
			if (strlen(k) < 16 || strspn(k, "0123456789abcdef") < 16)
				continue;   /* the CSV's last line end */
			if (nkeys < CROWD)
				memcpy(keys[nkeys], k, 16);
			nkeys++;
		}
		CHECK_INT(nkeys, CROWD);
		qsort(keys, CROWD, sizeof *keys, key_cmp);
		int dup = 0;
		for (int i = 1; i < CROWD; i++)
			dup += strcmp(keys[i - 1], keys[i]) == 0;
		CHECK_INT(dup, 0);
		free(keys);
		/* January's rows, then February's */
		const char *last_jan = NULL, *first_feb = strstr(all, "2026-02");
		for (const char *p = all; (p = strstr(p, "2026-01")) != NULL; p++)
			last_jan = p;
		CHECK(last_jan && first_feb && last_jan < first_feb);
		if (f) {
			CHECK(strncmp(all, "[\n  {", 5) == 0);
			CHECK_INT(fl.all.len > 4 && strcmp(all + fl.all.len - 4, "}\n]\n") == 0, 1);
			int seps = 0;
			for (const char *p = all; (p = strstr(p, "},\n  {")) != NULL; p++)
				seps++;
			CHECK_INT(seps, CROWD - 1);
		} else {
			CHECK_INT(count_lines(all), CROWD + 1);
		}
		sb_free(&out);
		sb_free(&fl.all);
		anon_export_free(ax);
		for (int i = 0; i < CROWD; i++)
			interview_free(ivs[i]);
		free(ivs);
	}
}

/* The threshold T=4 at its edge: 4 Eng rows and 3 of another department
 * and role (both rare: "(other)"); the 3 stay too few however coarse
 * they are made, and are left out.  With a fourth they are enough, and
 * their department and role are shown. */
static int nops;
static interview *edge(int i)
{
	if (i < 4)
		return make(i, "Eng", "Dev", "std", "2026-01-15");
	return make(i, "Ops", "Lead", "std", i - 4 < nops ? "2026-01-20" : "2026-01-21");
}

TEST(threshold_edge)
{
	int rows;
	bool left_out;
	nops = 3;
	char *out = run(4, 7, edge, EXPORT_CSV, &rows, &left_out);
	CHECK(out);
	CHECK_INT(rows, 4);
	CHECK(left_out);
	CHECK(strstr(out, "Ops") == NULL && strstr(out, "Lead") == NULL && strstr(out, "(other)") == NULL);
	CHECK_INT(count_lines(out), 5);
	free(out);
	nops = 4;
	out = run(4, 8, edge, EXPORT_CSV, &rows, &left_out);
	CHECK(out);
	CHECK_INT(rows, 8);
	CHECK(!left_out);
	CHECK(strstr(out, ",Lead,Ops,") != NULL && strstr(out, ",Dev,Eng,") != NULL);
	free(out);
	/* 3 alike of 7 at T=4 with nothing else to hide among: too few in all */
	nops = 3;
	out = run(4, 3, edge, EXPORT_CSV, &rows, &left_out);
	CHECK(out == NULL);
	CHECK_INT(rows, -1);
}

int main(void)
{
	RUN(nothing_that_names_anyone);
	RUN(fewer_than_threshold_refused);
	RUN(rare_row_left_out);
	RUN(rare_month_shows_its_quarter);
	RUN(small_groups_merged);
	RUN(changed_between_passes_caught);
	RUN(big_period_spooled_and_flushed);
	RUN(threshold_edge);
	return unit_done();
}
