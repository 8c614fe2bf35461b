/* test_summary.c — figures of a known data set, anonymity thresholds,
 * grouping, alignment. */
#include "exitview/summary.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/period.h"
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

/* Both passes over ivs, which are freed. */
static void feed(summary *s, interview **ivs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		summary_count(s, ivs[i]);
	for (size_t i = 0; i < n; i++) {
		summary_add(s, ivs[i]);
		interview_free(ivs[i]);
	}
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
	feed(s, ivs, EV_ARRAY_LEN(ivs));
	return s;
}

static char *render(const summary *s, const char *since, const char *until)
{
	strbuf sb = STRBUF_INIT;
	summary_render(s, since, until, SUMMARY_TEXT, &sb);
	return sb_detach(&sb);
}

/* The length of the row r..e without its bar (block elements or '#',
 * right of the rule, after two spaces). */
static size_t bar_cut(const char *r, const char *e)
{
	const char *p = e;
	for (;;) {
		if (p - r >= 3 && memcmp(p - 3, "\xe2\x96\x88", 3) == 0)
			p -= 3;
		else if (p > r && p[-1] == '#')
			p--;
		else
			break;
	}
	if (p != e)
		while (p > r && p[-1] == ' ')
			p--;
	return (size_t)(p - r);
}

/* Runs of spaces folded to one, indentation and bars dropped:
 * "\nCompensation 5 50.0%\n". */
static char *norm(const char *text)
{
	strbuf sb = STRBUF_INIT;
	sb_putc(&sb, '\n');
	while (*text) {
		const char *e = strchr(text, '\n');
		if (!e)
			e = text + strlen(text);
		const char *end = text + bar_cut(text, e);
		bool bol = true;
		for (const char *s = text; s < end; s++) {
			if (*s == ' ' && (bol || s + 1 == end || s[1] == ' '))
				continue;
			sb_putc(&sb, *s);
			bol = false;
		}
		if (*e)
			sb_putc(&sb, '\n');
		text = *e ? e + 1 : e;
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

/* The part of text from a up to b; malloc'd, or NULL. */
static char *between(const char *text, const char *a, const char *b)
{
	const char *pa = strstr(text, a);
	const char *pb = pa ? strstr(pa, b) : NULL;
	return pa && pb ? xstrndup(pa, (size_t)(pb - pa)) : NULL;
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
					if (utf8_width(r, bar_cut(r, rn)) != w) {
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
	char *primary = between(n, "Reason for leaving (primary", "Secondary reason");
	CHECK(primary && strstr(primary, "Career growth") == NULL && strstr(primary, "Management") == NULL);
	free(primary);
	/* the assessed reasons: Management 5, the rest (3, 1 and 1) merged */
	char *assessed = between(n, "Reason as assessed by the interviewer", "Stated and assessed");
	CHECK(assessed && has(assessed, "Management 5 50.0%"));
	CHECK(assessed && has(assessed, "Other reasons (merged) 5 50.0%"));
	free(assessed);
	/* no second reason anywhere */
	char *second = between(n, "Secondary reason", "Reason as assessed");
	CHECK(second && has(second, "(none) 10 100.0%"));
	free(second);
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
	interview *ivs[64];
	size_t k = 0;
	for (int m = 0; m < 4; m++)
		for (int i = 0; i < n[m]; i++)
			ivs[k++] = on_day(days[m]);
	feed(s, ivs, k);
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
	interview *ivs[16];
	size_t k = 0;
	for (int d = 0; d < 4; d++)
		for (int i = 0; i < n[d]; i++)
			ivs[k++] = on_day(days[d]);
	feed(s, ivs, k);
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
	interview *ivs[4];
	for (int i = 0; i < 4; i++) {
		ivs[i] = make("Eng", "Dev", "std", "mgmt", "mgmt", TRI_YES, 2, 2, false);
		str_set(&ivs[i]->manager, mgr[i]);
	}
	feed(s, ivs, 4);
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
	feed(s, &iv, 1);
	r = render(s, NULL, NULL);
	CHECK(strstr(r, "Department: [2JEvil Dept\n"));
	CHECK(strchr(r, '\x1b') == NULL);
	CHECK(strstr(r, "No interview has both a stated and an assessed reason."));
	CHECK(strstr(r, "(not recorded)"));
	free(r);
	summary_free(s);
}

static char *render_fmt(const summary *s, enum summary_format fmt)
{
	strbuf sb = STRBUF_INIT;
	summary_render(s, NULL, NULL, fmt, &sb);
	return sb_detach(&sb);
}

/* An interview on template tpl of language lang whose one category
 * "comp" is labelled label. */
static interview *in_language(const char *tpl, const char *lang, const char *label, const char *day)
{
	tpl_category c[] = { { "comp", (char *)label }, { "other", lang[0] == 's' ? "Annat" : "Other" } };
	tpl_question qs[] = { { "Q", "p", "", NULL, 0 } };
	template t = {
		.name = (char *)tpl, .title = (char *)tpl, .language = (char *)lang,
		.description = "", .source = "test", .questions = qs, .nquestions = 1,
		.categories = c, .ncategories = 2,
		.scale = { "1", "2", "3", "4", "5" },
	};
	interview *iv = interview_new(&t);
	str_set(&iv->reason_primary, "comp");
	str_set(&iv->reason_assessed, "comp");
	str_set(&iv->interview_date, day);
	return iv;
}

static summary *bilingual(const char *reader, int nsv, int nen)
{
	summary *s = summary_new(SUMMARY_ALL, 2, -1, -1);
	summary_set_language(s, reader);
	interview *ivs[32];
	size_t k = 0;
	for (int i = 0; i < nen; i++)
		ivs[k++] = in_language("std", "en", "Pay and benefits", "2026-01-10");
	for (int i = 0; i < nsv; i++)
		ivs[k++] = in_language("std-sv", "sv", "Lön och förmåner", "2026-01-10");
	feed(s, ivs, k);
	return s;
}

TEST(reason_labels_in_the_readers_language)
{
	/* one row per key across templates, labelled in the reader's language */
	summary *s = bilingual("sv", 3, 4);
	char *r = render(s, NULL, NULL);
	char *n = norm(r);
	CHECK(has(n, "Lön och förmåner 7 100.0%"));
	CHECK(strstr(n, "Pay and benefits") == NULL);
	free(n);
	free(r);
	summary_free(s);
	s = bilingual("en", 3, 4);
	r = render(s, NULL, NULL);
	n = norm(r);
	CHECK(has(n, "Pay and benefits 7 100.0%"));
	CHECK(strstr(n, "Lön och förmåner") == NULL);
	free(n);
	free(r);
	summary_free(s);
	/* a Swedish reader, only English interviews: the label of a Swedish
	 * template (summary_label) where one has the key; English else */
	s = summary_new(SUMMARY_ALL, 2, -1, -1);
	summary_set_language(s, "sv");
	summary_label(s, "comp", "Lön och förmåner", "sv");
	summary_label(s, "comp", "Compensation", "en");
	interview *ivs[3];
	for (int i = 0; i < 3; i++)
		ivs[i] = in_language("std", "en", "Pay and benefits", "2026-01-10");
	feed(s, ivs, 3);
	r = render(s, NULL, NULL);
	n = norm(r);
	CHECK(has(n, "Lön och förmåner 3 100.0%"));
	free(n);
	free(r);
	summary_free(s);
	/* the reader speaks neither: English */
	s = bilingual("de", 4, 0);
	summary_label(s, "comp", "Compensation", "en");
	r = render(s, NULL, NULL);
	CHECK(strstr(r, "Compensation"));
	free(r);
	summary_free(s);
}

TEST(second_reason_rehire_return_shares)
{
	summary *s = summary_new(SUMMARY_ALL, 2, -1, -1);
	interview *ivs[6];
	for (int i = 0; i < 6; i++) {
		ivs[i] = make("Eng", "Dev", "std", "comp", "career", TRI_YES, 3, 3, false);
		str_set(&ivs[i]->reason_secondary, i < 4 ? "mgmt" : "");
		ivs[i]->rehire = i < 3 ? TRI_YES : TRI_NO;
		ivs[i]->would_return = i < 2 ? TRI_YES : i < 4 ? TRI_NO : TRI_UNKNOWN;
	}
	feed(s, ivs, 6);
	char *r = render(s, NULL, NULL);
	char *n = norm(r);
	char *second = between(n, "Secondary reason (as stated)", "Reason as assessed");
	CHECK(second && has(second, "Management 4 66.7%"));
	CHECK(second && has(second, "(none) 2 33.3%"));
	free(second);
	char *assessed = between(n, "Reason as assessed by the interviewer", "Stated and assessed");
	CHECK(assessed && has(assessed, "Career growth 6 100.0%"));
	free(assessed);
	char *rehire = between(n, "Eligible for rehire", "Would consider returning");
	CHECK(rehire && has(rehire, "Yes 3 50.0%") && has(rehire, "No 3 50.0%"));
	free(rehire);
	char *ret = strstr(n, "Would consider returning");
	CHECK(ret && has(ret, "Yes 2 33.3%") && has(ret, "No 2 33.3%") && has(ret, "Unknown 2 33.3%"));
	CHECK(has(n, "Regrettable Interviews Share"));
	CHECK(has(n, "Yes 6 100.0%"));
	CHECK(tables_aligned(r));
	free(n);
	free(r);
	summary_free(s);
}

/* The bar of the row that begins with label in text, in cells. */
static int bar_of(const char *text, const char *label, const char *cell)
{
	const char *p = strstr(text, label);
	if (!p)
		return -1;
	const char *e = strchr(p, '\n');
	int n = 0;
	size_t cl = strlen(cell);
	for (const char *q = p; q + cl <= e; q++)
		if (memcmp(q, cell, cl) == 0) {
			n++;
			q += cl - 1;
		}
	return n;
}

TEST(bars_scaled_to_the_largest_row)
{
	summary *s = known(SUMMARY_ALL, 2);
	summary_set_utf8(s, true);
	char *r = render(s, NULL, NULL);
	/* Compensation 5 of 5 at most: the whole bar; Career growth 3: 12 */
	CHECK(bar_of(r, "  Compensation  ", "\xe2\x96\x88") == 20);
	CHECK(bar_of(r, "  Career growth  ", "\xe2\x96\x88") == 12);
	CHECK(strchr(strstr(r, "Reason for leaving"), '#') == strstr(r, "#  Question"));
	free(r);
	summary_free(s);
	/* not a UTF-8 locale: '#' */
	s = known(SUMMARY_ALL, 2);
	summary_set_utf8(s, false);
	r = render(s, NULL, NULL);
	CHECK(bar_of(r, "  Compensation  ", "#") == 20);
	CHECK(strstr(r, "\xe2\x96\x88") == NULL);
	CHECK(tables_aligned(r));
	free(r);
	summary_free(s);
}

TEST(tsv_and_json_same_figures)
{
	summary *s = known(SUMMARY_ALL, 5);
	summary_add_actions(s, M(1), 7, 2);
	char *t = render_fmt(s, SUMMARY_TSV);
	CHECK(strncmp(t, "group\ttable\tkey\tlabel\tcount\tshare_pct\taverage\n", 46) == 0);
	CHECK(strstr(t, "\ninterviews\t\t\t10\t\t\n") == NULL);
	CHECK(strstr(t, "\n\tinterviews\t\t\t10\t\t\n"));
	CHECK(strstr(t, "\n\treason\tcomp\tCompensation\t5\t50.0\t\n"));
	CHECK(strstr(t, "\n\treason\t*\tOther reasons (merged)\t5\t50.0\t\n"));
	CHECK(strstr(t, "\n\treason\tcareer") == NULL);   /* merged, as in the text */
	CHECK(strstr(t, "\n\tregrettable\tyes\tYes\t\t\t\n"));   /* hidden: empty */
	CHECK(strstr(t, "\n\trating\tlead#2\tVision\t5\t\t2.20\n"));
	CHECK(strstr(t, "\n\trating\tstd#2\tManager\t\t\t\n"));
	CHECK(strstr(t, "\n\tactions\topen\tOpen\t7\t\t\n"));
	CHECK(strstr(t, "\n\tactions\toverdue\tof them overdue\t2\t\t\n"));
	free(t);
	char *j = render_fmt(s, SUMMARY_JSON);
	CHECK(j[0] == '{' && j[strlen(j) - 2] == '}' && j[strlen(j) - 1] == '\n');
	CHECK(strstr(j, "\"threshold\":5"));
	CHECK(strstr(j, "{\"key\":\"comp\",\"label\":\"Compensation\",\"count\":5,\"share_pct\":50.0}"));
	CHECK(strstr(j, "{\"key\":null,\"merged\":true,\"label\":\"Other reasons (merged)\",\"count\":5,\"share_pct\":50.0}"));
	CHECK(strstr(j, "{\"key\":\"yes\",\"label\":\"Yes\",\"count\":null,\"share_pct\":null}"));
	CHECK(strstr(j, "\"actions\":{\"open\":7,\"overdue\":2}"));
	CHECK(strstr(j, "\"title\":\"Vision\",\"takes_rating\":true,\"average\":2.20,\"ratings\":5"));
	free(j);
	summary_free(s);
	/* grouped: a hidden group is named, with no figures */
	s = known(SUMMARY_DEPARTMENT, 5);
	t = render_fmt(s, SUMMARY_TSV);
	CHECK(strstr(t, "\nEng\tinterviews\t\t\t\t\t\n"));
	CHECK(strstr(t, "\nSälj\tinterviews\t\t\t\t\t\n"));
	CHECK(strstr(t, "\nEng\treason") == NULL);
	free(t);
	j = render_fmt(s, SUMMARY_JSON);
	CHECK(strstr(j, "{\"key\":\"Eng\",\"label\":\"Eng\",\"interviews\":null}"));
	CHECK(strstr(j, "\"by\":\"department\""));
	free(j);
	summary_free(s);
	/* too few: no figures in any format */
	s = known(SUMMARY_ALL, 11);
	j = render_fmt(s, SUMMARY_JSON);
	CHECK(strstr(j, "\"interviews\":null}"));
	CHECK(strstr(j, "figures") == NULL);
	free(j);
	t = render_fmt(s, SUMMARY_TSV);
	CHECK(strstr(t, "\n\tinterviews\t\t\t\t\t\n"));
	CHECK(strstr(t, "reason") == NULL);
	free(t);
	summary_free(s);
}

static void runs_into(int first, int last, void *arg)
{
	strbuf *sb = arg;
	char a[8], b[8];
	period_month_name(first, a);
	period_month_name(last, b);
	sb_printf(sb, "%s..%s ", a, b);
}

TEST(actions_over_the_months_that_count)
{
	/* Q1: 3, 3 and 1 (whole: counts); Q2: 2 (fewer than 3: left out);
	 * 2025-Q4: 3 in November */
	summary *s = summary_new(SUMMARY_QUARTER, 3, -1, -1);
	static const char *const days[] = { "2026-01-15", "2026-02-15", "2026-03-15", "2026-04-15", "2025-11-02" };
	static const int n[] = { 3, 3, 1, 2, 3 };
	interview *ivs[16];
	size_t k = 0;
	for (int d = 0; d < 5; d++)
		for (int i = 0; i < n[d]; i++)
			ivs[k++] = on_day(days[d]);
	feed(s, ivs, k);
	strbuf runs = STRBUF_INIT;
	summary_each_run(s, runs_into, &runs);
	CHECK_STR(sb_str(&runs), "2025-11..2025-11 2026-01..2026-03 ");
	sb_free(&runs);
	summary_add_actions(s, M(1), 4, 1);
	summary_add_actions(s, 2025 * 12 + 10, 2, 0);
	char *r = render(s, NULL, NULL);
	char *nr = norm(r);
	char *q1 = section(nr, "Quarter: 2026-Q1");
	CHECK(q1 && has(q1, "Interviews: 7") && has(q1, "Open 4") && has(q1, "of them overdue 1"));
	free(q1);
	char *q4 = section(nr, "Quarter: 2025-Q4");
	CHECK(q4 && has(q4, "Open 2") && has(q4, "of them overdue 0"));
	free(q4);
	CHECK(strstr(nr, "2026-Q2") == NULL);
	/* the trend at the top, oldest first */
	CHECK(has(nr, "Quarter Interviews Share"));
	CHECK(before(nr, "\n2025-Q4 3 30.0%", "\n2026-Q1 7 70.0%"));
	free(nr);
	free(r);
	summary_free(s);
	/* a part of a quarter whose months are too small: no run */
	s = summary_new(SUMMARY_ALL, 3, M(1), M(2));
	k = 0;
	for (int d = 0; d < 3; d++)
		for (int i = 0; i < n[d]; i++)
			ivs[k++] = on_day(days[d]);
	feed(s, ivs, k);
	strbuf none = STRBUF_INIT;
	summary_each_run(s, runs_into, &none);
	CHECK_STR(sb_str(&none), "");
	sb_free(&none);
	summary_free(s);
}

TEST(by_manager_shows_the_pattern)
{
	/* five under one manager citing the manager, five under others */
	summary *s = summary_new(SUMMARY_MANAGER, 5, -1, -1);
	interview *ivs[15];
	for (int i = 0; i < 15; i++) {
		ivs[i] = make("Eng", "Dev", "std", i < 5 ? "mgmt" : "comp", "mgmt", TRI_YES, 2, 2, false);
		str_set(&ivs[i]->manager, i < 5 ? "Maja Chef" : i < 10 ? "Olle Chef" : "Pia Chef");
	}
	feed(s, ivs, 15);
	char *r = render(s, NULL, NULL);
	char *nr = norm(r);
	char *maja = section(nr, "Manager: Maja Chef");
	CHECK(maja && has(maja, "Interviews: 5") && has(maja, "Management 5 100.0%"));
	free(maja);
	CHECK(has(nr, "Maja Chef 5 33.3%"));
	free(nr);
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
	RUN(reason_labels_in_the_readers_language);
	RUN(second_reason_rehire_return_shares);
	RUN(bars_scaled_to_the_largest_row);
	RUN(tsv_and_json_same_figures);
	RUN(actions_over_the_months_that_count);
	RUN(by_manager_shows_the_pattern);
	return unit_done();
}
