/* test_interview.c — the interview model: copy from template, states,
 * detail fields by name. */
#include "exitview/interview.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/util.h"
#include "unit.h"

/* A template built by hand (no template loader needed). */
static template *make_template(void)
{
	template *t = xcalloc(1, sizeof *t);
	t->name = xstrdup("standard");
	t->title = xstrdup("Standard exit interview");
	t->language = xstrdup("en");
	t->description = xstrdup("");
	t->source = xstrdup("test");
	t->nquestions = 2;
	t->questions = xcalloc(2, sizeof *t->questions);
	t->questions[0].title = xstrdup("Why leave");
	t->questions[0].prompt = xstrdup("What made you decide to leave?");
	t->questions[0].hint = xstrdup("Listen first.");
	t->questions[0].nfollowups = 2;
	t->questions[0].followups = xcalloc(2, sizeof(char *));
	t->questions[0].followups[0] = xstrdup("When did you start looking?");
	t->questions[0].followups[1] = xstrdup("Could we have changed it?");
	t->questions[1].title = xstrdup("Manager");
	t->questions[1].prompt = xstrdup("How was your manager?");
	t->questions[1].hint = NULL;   /* a NULL must become "" */
	t->ncategories = 3;
	t->categories = xcalloc(3, sizeof *t->categories);
	const char *keys[] = { "compensation", "manager", "growth" };
	const char *labels[] = { "Compensation and benefits", "Manager", "Growth" };
	for (int i = 0; i < 3; i++) {
		t->categories[i].key = xstrdup(keys[i]);
		t->categories[i].label = xstrdup(labels[i]);
	}
	const char *scale[] = { "Very poor", "Poor", "OK", "Good", "Very good" };
	for (int i = 0; i < TPL_SCALE; i++)
		t->scale[i] = xstrdup(scale[i]);
	return t;
}


TEST(new_copies_template)
{
	template *t = make_template();
	interview *iv = interview_new(t);
	/* later template edits must not show in the interview */
	str_set(&t->questions[0].prompt, "CHANGED");
	str_set(&t->categories[0].label, "CHANGED");
	str_set(&t->scale[2], "CHANGED");
	str_set(&t->title, "CHANGED");
	str_set(&t->questions[0].followups[1], "CHANGED");
	CHECK_STR(iv->template_name, "standard");
	CHECK_STR(iv->template_title, "Standard exit interview");
	CHECK_STR(iv->language, "en");
	CHECK_INT(iv->nquestions, 2);
	CHECK_STR(iv->q[0].prompt, "What made you decide to leave?");
	CHECK_STR(iv->q[0].title, "Why leave");
	CHECK_STR(iv->q[0].hint, "Listen first.");
	CHECK_STR(iv->q[1].hint, "");
	CHECK_INT(iv->q[0].nfollowups, 2);
	CHECK_STR(iv->q[0].followups[1], "Could we have changed it?");
	CHECK(!iv->q[0].asked[0] && !iv->q[0].asked[1]);
	CHECK_INT(iv->q[1].nfollowups, 0);
	CHECK_STR(iv->q[1].notes, "");
	CHECK_INT(iv->ncategories, 3);
	CHECK_STR(iv->categories[0].label, "Compensation and benefits");
	CHECK_STR(iv->scale[2], "OK");
	CHECK_STR(iv->employee, "");
	CHECK_STR(iv->last_day, "");
	CHECK_STR(iv->observations, "");
	CHECK_INT(iv->id, 0);
	CHECK(!iv->closed);
	template_free(t);
	interview_free(iv);
}

TEST(blank_has_no_null_strings)
{
	interview *iv = interview_blank();
	for (int i = 0; interview_field_names[i]; i++) {
		char *v = interview_get_field(iv, interview_field_names[i]);
		CHECK(v != NULL);
		free(v);
	}
	CHECK_STR(iv->template_name, "");
	CHECK_STR(iv->actions, "");
	CHECK_STR(iv->scale[4], "");
	CHECK_INT(iv->nquestions, 0);
	interview_free(iv);
	interview_free(NULL);
}

TEST(qstates)
{
	template *t = make_template();
	interview *iv = interview_new(t);
	CHECK_INT(interview_qstate(iv, 0), Q_UNTOUCHED);
	str_set(&iv->q[0].notes, "  \n ");
	CHECK_INT(interview_qstate(iv, 0), Q_UNTOUCHED);
	iv->q[0].asked[1] = true;
	CHECK_INT(interview_qstate(iv, 0), Q_IN_PROGRESS);
	iv->q[0].asked[1] = false;
	str_set(&iv->q[0].notes, "Pay.");
	CHECK_INT(interview_qstate(iv, 0), Q_IN_PROGRESS);
	iv->q[0].rating = 2;
	CHECK_INT(interview_qstate(iv, 0), Q_ANSWERED);
	iv->q[1].rating = 4;
	CHECK_INT(interview_qstate(iv, 1), Q_IN_PROGRESS);
	iv->q[1].skipped = true;
	CHECK_INT(interview_qstate(iv, 1), Q_SKIPPED);
	CHECK_INT(interview_qstate(iv, 7), Q_UNTOUCHED);
	CHECK_STR(qstate_name(Q_UNTOUCHED), "untouched");
	CHECK_STR(qstate_name(Q_IN_PROGRESS), "in progress");
	CHECK_STR(qstate_name(Q_ANSWERED), "answered");
	CHECK_STR(qstate_name(Q_SKIPPED), "skipped");
	template_free(t);
	interview_free(iv);
}

TEST(expand_reason)
{
	template *t = make_template();
	interview *iv = interview_new(t);
	char *e = interview_expand(iv, "Would {reason} change it? {reason}!");
	CHECK_STR(e, "Would the reason you gave change it? the reason you gave!");
	free(e);
	str_set(&iv->reason_primary, "compensation");
	e = interview_expand(iv, "Would {reason} change it?");
	CHECK_STR(e, "Would Compensation and benefits change it?");
	free(e);
	str_set(&iv->language, "sv");
	str_set(&iv->reason_primary, "");
	e = interview_expand(iv, "{reason}{reaso");
	CHECK_STR(e, "det skäl du angav{reaso");
	free(e);
	CHECK(interview_part(iv, IV_SLOT_OPENING) == &iv->opening);
	CHECK(interview_part(iv, IV_SLOT_PREPARATION) == NULL);
	CHECK(interview_slot_notes(iv, IV_SLOT_PREPARATION) == &iv->preparation);
	CHECK(interview_slot_notes(iv, IV_SLOT_CLOSING) == &iv->closing.notes);
	CHECK(!interview_has_checklist(iv, IV_SLOT_OPENING));
	CHECK(iv->opening.no_rating);
	interview_free(iv);
	template_free(t);
}

TEST(slots_and_categories)
{
	template *t = make_template();
	interview *iv = interview_new(t);
	CHECK(interview_slot_notes(iv, 0) == &iv->q[0].notes);
	CHECK(interview_slot_notes(iv, 1) == &iv->q[1].notes);
	CHECK(interview_slot_notes(iv, IV_SLOT_OBSERVATIONS) == &iv->observations);
	CHECK(interview_slot_notes(iv, IV_SLOT_ACTIONS) == &iv->actions);
	CHECK(interview_slot_notes(iv, 2) == NULL);
	CHECK(interview_slot_notes(iv, IV_SLOT_MIN - 1) == NULL);
	CHECK_STR(interview_category_label(iv, "compensation"), "Compensation and benefits");
	CHECK_STR(interview_category_label(iv, ""), "");
	CHECK_STR(interview_category_label(iv, "gone"), "gone");
	CHECK(interview_has_category(iv, "growth"));
	CHECK(!interview_has_category(iv, "Growth"));
	CHECK(!interview_has_category(iv, ""));
	template_free(t);
	interview_free(iv);
}

TEST(enum_names)
{
	CHECK_STR(separation_name(SEP_VOLUNTARY), "voluntary");
	CHECK_STR(separation_name(SEP_INVOLUNTARY), "involuntary");
	CHECK_STR(separation_name(SEP_OTHER), "other");
	CHECK_STR(separation_name(SEP_UNSET), "");
	CHECK_STR(separation_name(42), "");
	CHECK_INT(separation_parse("involuntary"), SEP_INVOLUNTARY);
	CHECK_INT(separation_parse("Voluntary"), SEP_VOLUNTARY);
	CHECK_INT(separation_parse(""), SEP_UNSET);
	CHECK_INT(separation_parse("fired"), -1);
	CHECK_STR(tristate_name(TRI_YES), "yes");
	CHECK_STR(tristate_name(TRI_NO), "no");
	CHECK_STR(tristate_name(TRI_UNKNOWN), "unknown");
	CHECK_INT(tristate_parse("y"), TRI_YES);
	CHECK_INT(tristate_parse("N"), TRI_NO);
	CHECK_INT(tristate_parse(""), TRI_UNKNOWN);
	CHECK_INT(tristate_parse("unknown"), TRI_UNKNOWN);
	CHECK_INT(tristate_parse("maybe"), -1);
}

TEST(set_get_every_field)
{
	template *t = make_template();
	interview *iv = interview_new(t);
	struct { const char *f, *v, *back; } cases[] = {
		{ "employee", "Åsa Öberg", NULL },
		{ "role", "Engineer", NULL },
		{ "department", "研究開発", NULL },
		{ "manager", "Bo O'Brien", NULL },
		{ "interviewer", "HR Person", NULL },
		{ "start-date", "2019-02-28", NULL },
		{ "last-day", "2024-02-29", NULL },
		{ "interview-date", "2024-02-20", NULL },
		{ "separation", "involuntary", NULL },
		{ "reason", "compensation", NULL },
		{ "reason2", "growth", NULL },
		{ "assessed", "manager", NULL },
		{ "regrettable", "yes", NULL },
		{ "rehire", "n", "no" },
		{ "would-return", "unknown", NULL },
		{ "conditions", "Better pay\nand remote work", NULL },
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(cases); i++) {
		CHECK_INT(interview_set_field(iv, cases[i].f, cases[i].v), 0);
		char *v = interview_get_field(iv, cases[i].f);
		CHECK_STR(v, cases[i].back ? cases[i].back : cases[i].v);
		free(v);
	}
	/* every name in the list is covered above */
	int n = 0;
	while (interview_field_names[n])
		n++;
	CHECK_INT(n, (int)EV_ARRAY_LEN(cases));
	CHECK_STR(iv->employee, "Åsa Öberg");
	CHECK_INT(iv->separation, SEP_INVOLUNTARY);
	CHECK_STR(iv->reason_primary, "compensation");
	CHECK_STR(iv->reason_secondary, "growth");
	CHECK_STR(iv->reason_assessed, "manager");
	CHECK_INT(iv->regrettable, TRI_YES);
	CHECK_INT(iv->rehire, TRI_NO);
	CHECK_INT(iv->would_return, TRI_UNKNOWN);
	/* clearing */
	CHECK_INT(interview_set_field(iv, "reason2", ""), 0);
	CHECK_STR(iv->reason_secondary, "");
	CHECK_INT(interview_set_field(iv, "last-day", ""), 0);
	CHECK_STR(iv->last_day, "");
	CHECK_INT(interview_set_field(iv, "separation", ""), 0);
	CHECK_INT(iv->separation, SEP_UNSET);
	template_free(t);
	interview_free(iv);
}

TEST(set_field_errors)
{
	template *t = make_template();
	interview *iv = interview_new(t);
	interview_set_field(iv, "last-day", "2024-01-31");

	CHECK_INT(interview_set_field(iv, "last-day", "2024-13-01"), -1);
	CHECK_STR(ev_lasterr(), "bad date '2024-13-01' for last-day: use YYYY-MM-DD");
	CHECK_STR(iv->last_day, "2024-01-31");   /* unchanged on error */
	CHECK_INT(interview_set_field(iv, "start-date", "2023-02-29"), -1);
	CHECK_INT(interview_set_field(iv, "interview-date", "24-01-01"), -1);

	CHECK_INT(interview_set_field(iv, "separation", "fired"), -1);
	CHECK(strstr(ev_lasterr(), "voluntary, involuntary or other") != NULL);

	CHECK_INT(interview_set_field(iv, "reason", "money"), -1);
	CHECK_STR(ev_lasterr(), "unknown category 'money' for reason: use one of compensation, manager, growth");
	CHECK_INT(interview_set_field(iv, "assessed", "Growth"), -1);
	CHECK_STR(iv->reason_assessed, "");

	CHECK_INT(interview_set_field(iv, "rehire", "maybe"), -1);
	CHECK_STR(ev_lasterr(), "bad value 'maybe' for rehire: use yes, no or unknown");

	CHECK_INT(interview_set_field(iv, "salary", "1"), -1);
	CHECK(strstr(ev_lasterr(), "unknown field 'salary'") != NULL);
	CHECK(interview_get_field(iv, "salary") == NULL);

	CHECK_INT(interview_set_field(iv, "employee", "a\nb"), -1);
	CHECK_INT(interview_set_field(iv, "employee", "bad \xff utf8"), -1);
	CHECK_STR(iv->employee, "");
	template_free(t);
	interview_free(iv);

	/* no categories at all */
	interview *b = interview_blank();
	CHECK_INT(interview_set_field(b, "reason", "pay"), -1);
	CHECK(strstr(ev_lasterr(), "no categories") != NULL);
	CHECK_INT(interview_set_field(b, "reason", ""), 0);
	interview_free(b);
}

/* The guide's date rule: near, not on, the last day; a start date after
 * it is an error. */
TEST(date_rule)
{
	interview *iv = interview_blank();
	const char *w = "x";
	CHECK_INT(interview_check_dates(iv, &w), 0);     /* nothing to judge */
	CHECK(w == NULL);
	str_set(&iv->interview_date, "2025-06-30");
	CHECK_INT(interview_check_dates(iv, &w), 0);     /* no last day */
	CHECK(w == NULL);
	str_set(&iv->last_day, "2025-06-30");
	CHECK_INT(interview_check_dates(iv, &w), 0);
	CHECK_STR(w, "the interview date is on the last working day; a few days before is better");
	str_set(&iv->interview_date, "2025-07-01");
	CHECK_INT(interview_check_dates(iv, &w), 0);
	CHECK(w != NULL && strstr(w, "after the last working day") != NULL);
	str_set(&iv->interview_date, "2025-06-27");
	CHECK_INT(interview_check_dates(iv, &w), 0);
	CHECK(w == NULL);
	str_set(&iv->start_date, "2025-06-30");          /* started on the last day: allowed */
	CHECK_INT(interview_check_dates(iv, &w), 0);
	str_set(&iv->start_date, "2025-07-01");
	CHECK_INT(interview_check_dates(iv, &w), -1);
	CHECK_STR(ev_lasterr(), "the start date 2025-07-01 is after the last working day 2025-06-30");
	CHECK_INT(interview_check_dates(iv, NULL), -1);
	str_set(&iv->last_day, "");                       /* no last day: nothing to judge */
	CHECK_INT(interview_check_dates(iv, &w), 0);
	CHECK(interview_is_date_field("start-date") && interview_is_date_field("interview-date"));
	CHECK(!interview_is_date_field("employee") && !interview_is_date_field("nope"));
	interview_free(iv);
}

int main(void)
{
	RUN(new_copies_template);
	RUN(blank_has_no_null_strings);
	RUN(qstates);
	RUN(slots_and_categories);
	RUN(enum_names);
	RUN(expand_reason);
	RUN(set_get_every_field);
	RUN(set_field_errors);
	RUN(date_rule);
	return unit_done();
}
