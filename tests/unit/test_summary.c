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
	summary *s = summary_new(by, threshold);
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
	summary *s = known(SUMMARY_ALL, 5);
	char *r = render(s, "2024-01-01", "2024-06-30");
	char *n = norm(r);
	CHECK(strncmp(r, "Exit interview summary\n", 23) == 0);
	CHECK(has(n, "Period: 2024-01-01 to 2024-06-30"));
	CHECK(has(n, "Interviews: 10"));
	/* reasons, most first, then by label */
	CHECK(has(n, "Reason Interviews Share"));
	CHECK(has(n, "Compensation 5 50.0%"));
	CHECK(has(n, "Career growth 3 30.0%"));
	CHECK(has(n, "(not recorded) 1 10.0%"));
	CHECK(has(n, "Management 1 10.0%"));
	CHECK(before(n, "\nCompensation 5", "\nCareer growth 3"));
	CHECK(before(n, "\nCareer growth 3", "\n(not recorded) 1"));
	CHECK(before(n, "\n(not recorded) 1", "\nManagement 1"));
	/* stated vs assessed */
	CHECK(has(n, "They differ in 5 of 8 interviews with both recorded (62.5%)."));
	CHECK(has(n, "Stated Assessed Interviews"));
	CHECK(has(n, "Compensation Career growth 2"));
	CHECK(has(n, "Compensation Management 2"));
	CHECK(has(n, "Career growth Management 1"));
	CHECK(before(n, "\nCompensation Career growth 2", "\nCompensation Management 2"));
	CHECK(before(n, "\nCompensation Management 2", "\nCareer growth Management 1"));
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
	r = render(s, NULL, "2024-06-30");
	CHECK(strstr(r, "Period: until 2024-06-30\n"));
	CHECK(strstr(r, "Fewer than 11 interviews in the period"));
	CHECK(strstr(r, "Eng") == NULL && strstr(r, "Sälj") == NULL);
	free(r);
	summary_free(s);
}

TEST(by_department_hides_small_group)
{
	summary *s = known(SUMMARY_DEPARTMENT, 5);
	char *r = render(s, "2024-01-01", NULL);
	char *n = norm(r);
	CHECK(has(n, "Period: from 2024-01-01"));
	CHECK(has(n, "Grouped by: department"));
	/* the total would give away the hidden group's size */
	CHECK(has(n, "Interviews in the period: 6 in the groups shown"));
	CHECK(strstr(n, "10") == NULL);
	char *eng = section(n, "Department: Eng");
	char *salj = section(n, "Department: Sälj");
	CHECK(eng && salj);
	CHECK(has(eng, "Interviews: 6"));
	CHECK(has(eng, "Compensation 3 50.0%"));
	CHECK(has(eng, "Career growth 2 33.3%"));
	CHECK(has(eng, "(not recorded) 1 16.7%"));
	CHECK(has(eng, "They differ in 3 of 5 interviews with both recorded (60.0%)."));
	CHECK(has(eng, "Compensation Management 2"));
	CHECK(has(eng, "Career growth Management 1"));
	CHECK(has(eng, "1 Lön och förmåner 3.60 5"));
	CHECK(has(eng, "2 Manager 3.67 3"));
	CHECK(has(eng, "1 研修 \xe2\x80\x94 0"));
	CHECK(has(eng, "2 Vision 1.00 1"));
	CHECK(has(eng, "Yes 3 50.0%"));
	CHECK(has(eng, "No 2 33.3%"));
	CHECK(has(eng, "Unknown 1 16.7%"));
	/* the group of 4: named, no figures at all */
	CHECK(has(salj, "Fewer than 5 interviews: no figures are shown."));
	CHECK(strstr(salj, "Interviews:") == NULL);
	CHECK(strchr(salj, '%') == NULL);
	CHECK(strstr(salj, "Compensation") == NULL && strstr(salj, "Yes") == NULL);
	CHECK(tables_aligned(r));
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
	summary *s = known(SUMMARY_ROLE, 5);
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
	CHECK(has(dev, "They differ in 3 of 4 interviews with both recorded (75.0%)."));
	CHECK(has(dev, "Yes 2 40.0%"));
	CHECK(strstr(dev, "Leaders") == NULL);   /* only questions of its interviews */
	CHECK(has(none, "Interviews: 5"));
	CHECK(has(none, "Career growth 2 40.0%"));
	CHECK(has(none, "Compensation 2 40.0%"));
	CHECK(has(none, "Management 1 20.0%"));
	CHECK(before(none, "\nCareer growth 2", "\nCompensation 2"));
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
	summary *s = known(SUMMARY_TEMPLATE, 5);
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
	CHECK(has(lead, "Unknown 1 20.0%"));
	free(lead);
	free(std);
	free(n);
	free(r);
	summary_free(s);
}

TEST(no_interviews_and_no_reasons)
{
	summary *s = summary_new(SUMMARY_ALL, 1);
	char *r = render(s, NULL, NULL);
	CHECK(strstr(r, "\nNo interviews in the period.\n"));
	CHECK(strchr(r, '%') == NULL);
	free(r);
	summary_free(s);

	s = summary_new(SUMMARY_DEPARTMENT, 1);
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
	RUN(whole_set_below_threshold);
	RUN(by_department_hides_small_group);
	RUN(by_department_all_hidden);
	RUN(by_role);
	RUN(by_template);
	RUN(no_interviews_and_no_reasons);
	return unit_done();
}
