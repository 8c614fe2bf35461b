/* test_summary.c — figures of a known data set, anonymity thresholds,
 * grouping, alignment. */
#include "exitview/summary.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/utf8.h"
#include "unit.h"

static tpl_category cats[] = {
	{ "comp", "Compensation" }, { "career", "Career growth" }, { "mgmt", "Management" },
};

static interview *make(const char *dept, const char *role, const char *tpl, const char *primary,
		       const char *assessed, int regrettable, int r1, int r2, bool skip2)
{
	bool std = strcmp(tpl, "std") == 0;
	tpl_question qs[] = {
		{ std ? "Lön och förmåner" : "研修", "p1", "", NULL, 0 },
		{ std ? "Manager" : "Vision", "p2", "", NULL, 0 },
	};
	template t = {
		.name = (char *)tpl, .title = std ? "Standard" : "Leaders", .language = "en",
		.description = "", .source = "test", .questions = qs, .nquestions = 2,
		.categories = cats, .ncategories = 3,
		.scale = { "Very poor", "Poor", "Fair", "Good", "Excellent" },
	};
	interview *iv = interview_new(&t);
	str_set(&iv->department, dept);
	str_set(&iv->role, role);
	str_set(&iv->reason_primary, primary);
	str_set(&iv->reason_assessed, assessed);
	iv->regrettable = regrettable;
	iv->q[0].rating = r1;
	iv->q[1].rating = r2;
	iv->q[1].skipped = skip2;
	return iv;
}

/* The known data set: 6 in Eng, 4 in Sälj; 5 Dev and 5 without a role;
 * 5 on template std, 5 on lead. */
static summary *known(enum summary_by by, int threshold)
{
	interview *ivs[] = {
		make("Eng", "Dev", "std", "comp", "comp", TRI_YES, 4, 5, false),
		make("Eng", "Dev", "std", "comp", "mgmt", TRI_YES, 3, 0, false),
		make("Eng", "Dev", "std", "career", "mgmt", TRI_NO, 5, 4, false),
		make("Eng", "Dev", "std", "comp", "mgmt", TRI_UNKNOWN, 2, 2, false),
		make("Eng", "Dev", "std", "", "mgmt", TRI_NO, 4, 3, true),
		make("Eng", "", "lead", "career", "career", TRI_YES, 0, 1, false),
		make("Sälj", "", "lead", "comp", "career", TRI_NO, 1, 1, false),
		make("Sälj", "", "lead", "mgmt", "mgmt", TRI_NO, 2, 2, false),
		make("Sälj", "", "lead", "comp", "career", TRI_YES, 3, 3, false),
		make("Sälj", "", "lead", "career", "", TRI_UNKNOWN, 4, 4, false),
	};
	summary *s = summary_new(by, threshold, -1, -1);
	for (size_t i = 0; i < EV_ARRAY_LEN(ivs); i++) {
		summary_add(s, ivs[i]);
		interview_free(ivs[i]);
	}
	return s;
}

static char *render(const summary *s, const char *since, const char *until)
{
	strbuf sb = STRBUF_INIT;
	summary_render(s, since, until, &sb);
	return sb_detach(&sb);
}

/* Runs of spaces folded to one, indentation dropped: "\nCompensation 5 50.0%\n". */
static char *norm(const char *s)
{
	strbuf sb = STRBUF_INIT;
	sb_putc(&sb, '\n');
	bool bol = true;
	for (; *s; s++) {
		if (*s == ' ') {
			if (bol || s[1] == ' ' || s[1] == '\n' || s[1] == '\0')
				continue;
		}
		sb_putc(&sb, *s);
		bol = *s == '\n';
	}
	return sb_detach(&sb);
}

/* The part of normalised text n from the line "head" to the next group
 * heading (or the end); malloc'd, or NULL. */
static char *section(const char *n, const char *head)
{
	char *h = xasprintf("\n%s\n", head);
	const char *b = strstr(n, h);
	free(h);
	if (!b)
		return NULL;
	const char *e = strstr(b + 1, "\n\n\n");
	return e ? xstrndup(b, (size_t)(e - b + 1)) : xstrdup(b);
}

static bool has(const char *text, const char *line)
{
	char *l = xasprintf("\n%s\n", line);
	bool ok = strstr(text, l) != NULL;
	if (!ok)
		printf("# missing line: %s\n", line);
	free(l);
	return ok;
}

/* a appears before b in text */
static bool before(const char *text, const char *a, const char *b)
{
	const char *pa = strstr(text, a), *pb = strstr(text, b);
	return pa && pb && pa < pb;
}

/* Every table (a line of dashes and the lines around it up to a blank line)
 * has rows as wide as its rule: columns aligned by display width. */
static bool tables_aligned(const char *s)
{
	const char *prev = NULL, *line = s;
	int tables = 0;
	while (*line) {
		const char *nl = strchr(line, '\n');
		if (!nl)
			break;
		const char *p = line;
		while (*p == ' ')
			p++;
		if (p > line && *p == '-' && prev) {   /* tables are indented, headings not */
			const char *q = p;
			while (*q == '-')
				q++;
			if (q == nl) {
				size_t w = utf8_width(line, (size_t)(nl - line));
				const char *pn = strchr(prev, '\n');
				if (utf8_width(prev, (size_t)(pn - prev)) != w) {
					printf("# header not aligned: %.*s\n", (int)(pn - prev), prev);
					return false;
				}
				const char *r = nl + 1;
				while (*r && *r != '\n') {
					const char *rn = strchr(r, '\n');
					if (!rn)
						break;
					if (utf8_width(r, (size_t)(rn - r)) != w) {
						printf("# row not aligned: %.*s\n", (int)(rn - r), r);
						return false;
					}
					r = rn + 1;
				}
				tables++;
			}
		}
		prev = line;
		line = nl + 1;
	}
	return tables > 0;
}

TEST(overall_figures)
{
	/* threshold 2: most counts show; the two reasons of one interview each
	 * are merged, and of the three differing pairs only the one that gives
	 * nothing away is listed */
	summary *s = known(SUMMARY_ALL, 2);
	char *r = render(s, "2024-Q1", "2024-Q2");
	char *n = norm(r);
	CHECK(strncmp(r, "Exit interview summary\n", 23) == 0);
	CHECK(has(n, "Period: 2024-Q1 to 2024-Q2"));
	CHECK(has(n, "Interviews: 10"));
	/* reasons, most first, then by label */
	CHECK(has(n, "Reason Interviews Share"));
	CHECK(has(n, "Compensation 5 50.0%"));
	CHECK(has(n, "Career growth 3 30.0%"));
	CHECK(has(n, "Other reasons (merged) 2 20.0%"));
	CHECK(before(n, "\nCompensation 5", "\nCareer growth 3"));
	CHECK(strstr(n, "(not recorded)") == NULL);
	CHECK(has(n, "Reasons of fewer than 2 interviews are merged into \"Other reasons\"."));
	/* stated vs assessed */
	CHECK(has(n, "They differ in 5 of 8 interviews with both recorded (62.5%)."));
	CHECK(has(n, "Stated Assessed Interviews"));
	CHECK(has(n, "Compensation Career growth 2"));
	CHECK(strstr(n, "\nCompensation Management") == NULL);   /* hidden beside the 1 */
	CHECK(strstr(n, "\nCareer growth Management") == NULL);
	CHECK(has(n, "Pairs of fewer than 2 interviews are not listed."));
	CHECK(!strstr(n, "\nCareer growth Career growth"));   /* agreeing pairs are not listed */
	/* ratings per template and question; skipped and unrated not counted */
	CHECK(has(n, "Leaders (lead)"));
	CHECK(has(n, "Standard (std)"));
	CHECK(has(n, "# Question Average Ratings"));
	CHECK(has(n, "1 研修 2.50 4"));
	CHECK(has(n, "2 Vision 2.20 5"));
	CHECK(has(n, "1 Lön och förmåner 3.60 5"));
	CHECK(has(n, "2 Manager 3.67 3"));
	CHECK(before(n, "Leaders (lead)", "Standard (std)"));
	/* regrettable */
	CHECK(has(n, "Regrettable Interviews Share"));
	CHECK(has(n, "Yes 4 40.0%"));
	CHECK(has(n, "No 4 40.0%"));
	CHECK(has(n, "Unknown 2 20.0%"));
	CHECK(tables_aligned(r));
	free(n);
	free(r);
	summary_free(s);
}

TEST(small_counts_hidden)
{
	/* threshold 5 over the same 10: no figure of fewer than 5 */
	summary *s = known(SUMMARY_ALL, 5);
	char *r = render(s, NULL, NULL);
	char *n = norm(r);
	CHECK(has(n, "Figures are shown only for 5 or more interviews; quarters with fewer, and"));
	CHECK(has(n, "Interviews: 10"));
	CHECK(has(n, "Compensation 5 50.0%"));
	CHECK(has(n, "Other reasons (merged) 5 50.0%"));
	CHECK(strstr(n, "Career growth") == NULL && strstr(n, "Management") == NULL);
	/* 5 differ, 3 agree: the 3 would show */
	CHECK(has(n, "8 interviews have both recorded; how many differ is not shown (fewer than 5 either way)."));
	CHECK(strstr(n, "They differ") == NULL);
	CHECK(has(n, "1 研修 fewer than 5 \xe2\x80\x94"));
	CHECK(has(n, "2 Vision 2.20 5"));
	CHECK(has(n, "2 Manager fewer than 5 \xe2\x80\x94"));
	CHECK(has(n, "Yes \xe2\x80\x94 \xe2\x80\x94"));
	CHECK(has(n, "No \xe2\x80\x94 \xe2\x80\x94"));
	CHECK(has(n, "Unknown \xe2\x80\x94 \xe2\x80\x94"));
	CHECK(strstr(n, "40.0%") == NULL && strstr(n, "20.0%") == NULL);
	CHECK(tables_aligned(r));
	free(n);
	free(r);
	summary_free(s);
}

TEST(whole_set_below_threshold)
{
	summary *s = known(SUMMARY_ALL, 11);
	char *r = render(s, NULL, NULL);
	CHECK(strstr(r, "Period: all interviews\n"));
	CHECK(strstr(r, "Fewer than 11 interviews in the period: no figures are shown.\n"));
	CHECK(strstr(r, "Interviews:") == NULL);
	CHECK(strchr(r, '%') == NULL);
	CHECK(strstr(r, "Compensation") == NULL);
	free(r);
	summary_free(s);
	/* the same with --by: no groups either */
	s = known(SUMMARY_DEPARTMENT, 11);
	r = render(s, NULL, "2024-06");
	CHECK(strstr(r, "Period: until 2024-06\n"));
	CHECK(strstr(r, "Fewer than 11 interviews in the period"));
	CHECK(strstr(r, "Eng") == NULL && strstr(r, "Sälj") == NULL);
	free(r);
	summary_free(s);
}

TEST(by_department_shows_groups)
{
	summary *s = known(SUMMARY_DEPARTMENT, 4);   /* Eng 6, Sälj 4: both shown */
	char *r = render(s, "2024-01", NULL);
	char *n = norm(r);
	CHECK(has(n, "Period: from 2024-01"));
	CHECK(has(n, "Grouped by: department"));
	CHECK(has(n, "Interviews in the period: 10"));
	char *eng = section(n, "Department: Eng");
	char *salj = section(n, "Department: Sälj");
	CHECK(eng && salj);
	CHECK(has(eng, "Interviews: 6"));
	/* 3, 2 and 1: the 2 and the 1 hold 3 together, so the 3 goes too */
	CHECK(has(eng, "Other reasons (merged) 6 100.0%"));
	CHECK(has(eng, "1 Lön och förmåner 3.60 5"));
	CHECK(has(eng, "2 Manager fewer than 4 \xe2\x80\x94"));
	CHECK(has(eng, "Fewer than 4 interviews on this template: no figures."));
	CHECK(has(salj, "Interviews: 4"));
	CHECK(has(salj, "1 研修 2.50 4"));
	CHECK(tables_aligned(r));
	free(eng);
	free(salj);
	free(n);
	free(r);
	summary_free(s);
}

TEST(by_department_hides_small_group_and_its_complement)
{
	summary *s = known(SUMMARY_DEPARTMENT, 5);
	char *r = render(s, NULL, NULL);
	char *n = norm(r);
	/* the total shows: the groups left out hold 10 together */
	CHECK(has(n, "Interviews in the period: 10"));
	char *eng = section(n, "Department: Eng");
	char *salj = section(n, "Department: Sälj");
	CHECK(eng && salj);
	/* Eng (6) would give Sälj (4) away: the total minus Eng */
	CHECK(strstr(eng, "Interviews:") == NULL);
	CHECK(strstr(eng, "No figures are shown: the groups left out would otherwise hold fewer than 5"));
	CHECK(has(salj, "Fewer than 5 interviews: no figures are shown."));
	CHECK(strstr(salj, "Interviews:") == NULL);
	CHECK(strchr(r, '%') == NULL);
	free(eng);
	free(salj);
	free(n);
	free(r);
	summary_free(s);
}

TEST(by_department_all_hidden)
{
	/* threshold 7: both groups hidden, the whole set (10) is not */
	summary *s = known(SUMMARY_DEPARTMENT, 7);
	char *r = render(s, NULL, NULL);
	char *n = norm(r);
	CHECK(has(n, "Interviews in the period: 10"));
	CHECK(has(n, "Groups: 2"));
	CHECK(strchr(r, '%') == NULL);
	char *eng = section(n, "Department: Eng");
	CHECK(eng && has(eng, "Fewer than 7 interviews: no figures are shown."));
	free(eng);
	free(n);
	free(r);
	summary_free(s);
}

TEST(by_role)
{
	summary *s = known(SUMMARY_ROLE, 2);
	char *r = render(s, NULL, NULL);
	char *n = norm(r);
	CHECK(has(n, "Grouped by: role"));
	CHECK(has(n, "Interviews in the period: 10"));
	char *dev = section(n, "Role: Dev");
	char *none = section(n, "Role: (none)");
	CHECK(dev && none);
	CHECK(before(n, "Role: Dev", "Role: (none)"));   /* "(none)" last */
	CHECK(has(dev, "Interviews: 5"));
	CHECK(has(dev, "Compensation 3 60.0%"));
	CHECK(has(dev, "Other reasons (merged) 2 40.0%"));
	CHECK(has(dev, "4 interviews have both recorded; how many differ is not shown (fewer than 2 either way)."));
	CHECK(has(dev, "Yes 2 40.0%"));
	CHECK(strstr(dev, "Leaders") == NULL);   /* only questions of its interviews */
	CHECK(has(none, "Interviews: 5"));
	CHECK(has(none, "Career growth 2 40.0%"));
	/* Management (1) alone would show as the rest: one of the two 2s goes
	 * with it (of equals, the one listed last) */
	CHECK(has(none, "Other reasons (merged) 3 60.0%"));
	CHECK(strstr(none, "Compensation 2") == NULL && strstr(none, "Management 1") == NULL);
	CHECK(has(none, "They differ in 2 of 4 interviews with both recorded (50.0%)."));
	CHECK(has(none, "1 研修 2.50 4"));
	CHECK(tables_aligned(r));
	free(dev);
	free(none);
	free(n);
	free(r);
	summary_free(s);
}

TEST(by_template)
{
	summary *s = known(SUMMARY_TEMPLATE, 3);
	char *r = render(s, NULL, NULL);
	char *n = norm(r);
	CHECK(has(n, "Grouped by: template"));
	char *lead = section(n, "Template: Leaders (lead)");
	char *std = section(n, "Template: Standard (std)");
	CHECK(lead && std);
	CHECK(before(n, "Template: Leaders", "Template: Standard"));
	CHECK(has(std, "Interviews: 5"));
	CHECK(has(std, "2 Manager 3.67 3"));
	CHECK(strstr(std, "Vision") == NULL);
	CHECK(has(lead, "2 Vision 2.20 5"));
	free(lead);
	free(std);
	free(n);
	free(r);
	summary_free(s);
}

/* An interview on day (YYYY-MM-DD), for the period rules. */
static interview *on_day(const char *day)
{
	interview *iv = make("Eng", "Dev", "std", "comp", "comp", TRI_YES, 4, 4, false);
	str_set(&iv->interview_date, day);
	return iv;
}

/* The summary of months first..last (-1 open) of: n[0] interviews in
 * 2026-01, n[1] in 02, n[2] in 03, n[3] in 04, with threshold 3. */
static char *by_months(const int n[4], int first, int last)
{
	summary *s = summary_new(SUMMARY_ALL, 3, first, last);
	static const char *const days[] = { "2026-01-15", "2026-02-15", "2026-03-15", "2026-04-15" };
	for (int m = 0; m < 4; m++)
		for (int i = 0; i < n[m]; i++) {
			interview *iv = on_day(days[m]);
			summary_add(s, iv);
			interview_free(iv);
		}
	char *r = render(s, NULL, NULL);
	summary_free(s);
	return r;
}

#define M(mon) (2026 * 12 + (mon) - 1)

TEST(periods_whole_quarters)
{
	/* Q1: 3 + 3 + 1; Q2: 2 (fewer than 3: in no summary) */
	static const int n[4] = { 3, 3, 1, 2 };
	char *r = by_months(n, -1, -1);
	CHECK(strstr(r, "Interviews: 7\n"));   /* Q1 whole, Q2 left out */
	free(r);
	r = by_months(n, M(1), M(3));
	CHECK(strstr(r, "Interviews: 7\n"));
	free(r);
	r = by_months(n, M(4), M(6));   /* Q2 alone: its 2 never show */
	CHECK(strstr(r, "Fewer than 3 interviews in the period: no figures are shown.\n"));
	free(r);
	/* January and February without March would give March (1) away
	 * against the quarter: a part of Q1 counts only if each of its
	 * months has 3 or more */
	r = by_months(n, M(1), M(2));
	CHECK(strstr(r, "Fewer than 3 interviews in the period"));
	CHECK(strstr(r, "Interviews:") == NULL);
	free(r);
	/* with 3 in March, months of Q1 show on their own */
	static const int big[4] = { 3, 3, 3, 0 };
	r = by_months(big, M(1), M(2));
	CHECK(strstr(r, "Interviews: 6\n"));
	free(r);
	r = by_months(big, M(3), M(3));
	CHECK(strstr(r, "Interviews: 3\n"));
	free(r);
	/* nothing in the period at all says so */
	r = by_months(big, M(7), M(9));
	CHECK(strstr(r, "No interviews in the period.\n"));
	free(r);
}

TEST(by_quarter_oldest_first)
{
	summary *s = summary_new(SUMMARY_QUARTER, 3, -1, -1);
	static const char *const days[] = { "2026-04-15", "2025-11-03", "2026-01-15", "2026-02-15" };
	static const int n[] = { 3, 3, 2, 1 };   /* Q2 3, 2025-Q4 3, Q1 2 + 1 */
	for (int d = 0; d < 4; d++)
		for (int i = 0; i < n[d]; i++) {
			interview *iv = on_day(days[d]);
			summary_add(s, iv);
			interview_free(iv);
		}
	char *r = render(s, NULL, NULL);
	char *nr = norm(r);
	CHECK(has(nr, "Grouped by: quarter"));
	CHECK(has(nr, "Interviews in the period: 9"));
	CHECK(before(nr, "Quarter: 2025-Q4", "Quarter: 2026-Q1"));
	CHECK(before(nr, "Quarter: 2026-Q1", "Quarter: 2026-Q2"));
	char *q4 = section(nr, "Quarter: 2025-Q4");
	CHECK(q4 && has(q4, "Interviews: 3"));
	free(q4);
	free(nr);
	free(r);
	summary_free(s);
}

TEST(by_manager)
{
	summary *s = summary_new(SUMMARY_MANAGER, 2, -1, -1);
	static const char *const mgr[] = { "Maja Chef", "Maja Chef", "Maja Chef", "Olle Ensam" };
	for (int i = 0; i < 4; i++) {
		interview *iv = make("Eng", "Dev", "std", "mgmt", "mgmt", TRI_YES, 2, 2, false);
		str_set(&iv->manager, mgr[i]);
		summary_add(s, iv);
		interview_free(iv);
	}
	char *r = render(s, NULL, NULL);
	char *nr = norm(r);
	CHECK(has(nr, "Grouped by: manager"));
	/* Olle's one would show as the total minus Maja's: both left out */
	char *maja = section(nr, "Manager: Maja Chef");
	char *olle = section(nr, "Manager: Olle Ensam");
	CHECK(maja && olle);
	CHECK(strstr(maja, "No figures are shown: the groups left out"));
	CHECK(has(olle, "Fewer than 2 interviews: no figures are shown."));
	free(maja);
	free(olle);
	free(nr);
	free(r);
	summary_free(s);
}

TEST(periods_fetch_whole_quarters)
{
	summary *s = summary_new(SUMMARY_ALL, 5, M(2), M(5));
	char lo[11], hi[11];
	summary_fetch_range(s, lo, hi);
	CHECK_STR(lo, "2026-01-01");
	CHECK_STR(hi, "2026-06-30");
	summary_free(s);
	s = summary_new(SUMMARY_ALL, 5, -1, M(2));
	summary_fetch_range(s, lo, hi);
	CHECK_STR(lo, "");
	CHECK_STR(hi, "2026-03-31");
	summary_free(s);
}

TEST(no_interviews_and_no_reasons)
{
	summary *s = summary_new(SUMMARY_ALL, 1, -1, -1);
	char *r = render(s, NULL, NULL);
	CHECK(strstr(r, "\nNo interviews in the period.\n"));
	CHECK(strchr(r, '%') == NULL);
	free(r);
	summary_free(s);

	s = summary_new(SUMMARY_DEPARTMENT, 1, -1, -1);
	interview *iv = make("", "", "std", "", "", TRI_UNKNOWN, 0, 0, false);
	str_set(&iv->department, "\x1b[2JEvil\nDept");
	summary_add(s, iv);
	interview_free(iv);
	r = render(s, NULL, NULL);
	CHECK(strstr(r, "Department: [2JEvil Dept\n"));
	CHECK(strchr(r, '\x1b') == NULL);
	CHECK(strstr(r, "No interview has both a stated and an assessed reason."));
	CHECK(strstr(r, "(not recorded)"));
	free(r);
	summary_free(s);
}

int main(void)
{
	RUN(overall_figures);
	RUN(small_counts_hidden);
	RUN(whole_set_below_threshold);
	RUN(by_department_shows_groups);
	RUN(by_department_hides_small_group_and_its_complement);
	RUN(by_department_all_hidden);
	RUN(by_role);
	RUN(by_template);
	RUN(periods_whole_quarters);
	RUN(periods_fetch_whole_quarters);
	RUN(by_quarter_oldest_first);
	RUN(by_manager);
	RUN(no_interviews_and_no_reasons);
	return unit_done();
}
