/* test_actions.c — action items: the rules (actions.h), the store
 * (store_actions.h: add, done, reopen, edit, delete, closed interviews
 * refused, the listing, the counts for the summary, delete and anonymise),
 * the migration of schema 7's free-text action notes, the report's
 * section and the anonymous export's silence. */
#include "exitview/store_actions.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitview/date.h"
#include "exitview/export_anon.h"
#include "exitview/report.h"
#include "exitview/store_erase.h"
#include "exitview/utf8.h"
#include "exitview/util.h"
#include "schema8.h"
#include "unit.h"

static char tmpdir[64];
static int counter;

static store *fresh(char **path)
{
	*path = xasprintf("%s/%d.db", tmpdir, ++counter);
	return store_open(*path, STORE_CREATE, false);
}

static interview *make(const char *employee, const char *day)
{
	tpl_question qs[] = { { "Pay", "How was it?", "", NULL, 0 }, { "Team", "And the team?", "", NULL, 0 } };
	tpl_category cats[] = { { "comp", "Compensation" } };
	template t = {
		.name = "std", .title = "T", .language = "en", .description = "", .source = "test",
		.questions = qs, .nquestions = 2, .categories = cats, .ncategories = 1,
		.scale = { "1", "2", "3", "4", "5" },
	};
	interview *iv = interview_new(&t);
	str_set(&iv->employee, employee);
	str_set(&iv->interview_date, day);
	str_set(&iv->reason_primary, "comp");
	return iv;
}

/* Add an action; its number, or -1. */
static int64_t add(store *st, int64_t iv, const char *text, const char *owner, const char *due, int q)
{
	iv_action a = { .interview_id = iv, .question = q };
	a.text = xstrdup(text);
	a.owner = xstrdup(owner);
	snprintf(a.due, sizeof a.due, "%s", due);
	int rc = store_action_add(st, &a);
	int64_t id = a.id;
	action_clear(&a);
	return rc == 0 ? id : -1;
}

static int sh(const char *db, const char *sql)
{
	char *cmd = xasprintf("sqlite3 '%s' \"%s\" >/dev/null 2>&1", db, sql);
	int rc = system(cmd);
	free(cmd);
	chmod(db, 0600);
	return rc;
}

TEST(rules)
{
	CHECK_INT(action_check_text("Review pay bands"), 0);
	CHECK_INT(action_check_text("   "), -1);
	CHECK_INT(action_check_text("two\nlines"), -1);
	CHECK_INT(action_check_text("a\x1b[31m"), -1);
	strbuf big = STRBUF_INIT;
	sb_pad(&big, 'x', ACTION_MAX_TEXT);
	CHECK_INT(action_check_text(sb_str(&big)), 0);
	sb_putc(&big, 'x');
	CHECK_INT(action_check_text(sb_str(&big)), -1);
	sb_free(&big);
	CHECK_INT(action_check_owner(""), 0);
	CHECK_INT(action_check_owner("Lena\tLönn"), -1);
	CHECK_INT(action_check_due(""), 0);
	CHECK_INT(action_check_due("2026-02-28"), 0);
	CHECK_INT(action_check_due("2026-02-30"), -1);
	CHECK(strstr(ev_lasterr(), "bad due date '2026-02-30'") != NULL);
	iv_action a = { .status = ACTION_OPEN, .due = "2026-03-01" };
	CHECK(action_overdue(&a, "2026-03-02"));
	CHECK(!action_overdue(&a, "2026-03-01"));   /* due today is not overdue */
	CHECK_STR(action_status_name(&a, "2026-03-02"), "overdue");
	a.status = ACTION_DONE;
	CHECK(!action_overdue(&a, "2027-01-01"));
	CHECK_STR(action_status_name(&a, "2027-01-01"), "done");
	a = (iv_action){ .status = ACTION_OPEN };
	CHECK(!action_overdue(&a, "2027-01-01"));   /* no due date: never overdue */
}

TEST(from_line)
{
	const struct { const char *in, *out; } cases[] = {
		{ "  - Review pay  ", "Review pay" }, { "* Call back\r", "Call back" },
		{ "[ ] Ring tillbaka", "Ring tillbaka" }, { "-dash kept", "-dash kept" },
		{ "1. numbered", "1. numbered" }, { " \t ", NULL }, { "- ", NULL },
		{ "[x] done box kept", "[x] done box kept" },
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(cases); i++) {
		char *got = action_from_line(cases[i].in, strlen(cases[i].in));
		if (!cases[i].out)
			CHECK(got == NULL);
		else
			CHECK_STR(got, cases[i].out);
		free(got);
	}
}

TEST(add_done_edit_delete)
{
	char *path;
	store *st = fresh(&path);
	CHECK(st);
	interview *iv = make("Åsa Öberg", "2026-01-10");
	CHECK_INT(store_create(st, iv), 0);
	int64_t n1 = add(st, iv->id, "Review pay bands", "Lena", "2026-02-01", 1);
	int64_t n2 = add(st, iv->id, "Call back", "", "", ACTION_NO_QUESTION);
	CHECK(n1 > 0 && n2 == n1 + 1);
	CHECK_INT(add(st, iv->id, "bad", "", "2026-13-01", ACTION_NO_QUESTION), -1);
	CHECK_INT(add(st, iv->id, "bad", "", "", 2), -1);            /* no question 3 */
	CHECK(strstr(ev_lasterr(), "has no question 3") != NULL);
	CHECK_INT(add(st, 99, "bad", "", "", ACTION_NO_QUESTION), -1);
	CHECK_INT(ev_lastcode(), EV_E_NOTFOUND);

	interview *back = store_load(st, iv->id);
	CHECK(back && back->nacts == 2);
	CHECK_STR(back->acts[0].text, "Review pay bands");
	CHECK_STR(back->acts[0].owner, "Lena");
	CHECK_STR(back->acts[0].due, "2026-02-01");
	CHECK_INT(back->acts[0].question, 1);
	CHECK_INT(back->acts[1].question, ACTION_NO_QUESTION);
	CHECK(back->acts[0].created > 0 && back->acts[0].done_at == 0);
	interview_free(back);

	CHECK_INT(store_action_set_done(st, n1, true), 0);
	CHECK_INT(store_action_set_done(st, n1, true), 0);   /* again: no error */
	iv_action a;
	CHECK_INT(store_action_get(st, n1, &a), 0);
	CHECK(a.status == ACTION_DONE && a.done_at > 0);
	action_clear(&a);
	CHECK_INT(store_action_set_done(st, n1, false), 0);
	CHECK_INT(store_action_get(st, n1, &a), 0);
	CHECK(a.status == ACTION_OPEN && a.done_at == 0);
	action_clear(&a);

	CHECK_INT(store_action_edit(st, n2, NULL, "Bo", "2026-03-01"), 0);
	CHECK_INT(store_action_get(st, n2, &a), 0);
	CHECK_STR(a.text, "Call back");
	CHECK_STR(a.owner, "Bo");
	CHECK_STR(a.due, "2026-03-01");
	action_clear(&a);
	CHECK_INT(store_action_edit(st, n2, "Call back soon", "", NULL), 0);
	CHECK_INT(store_action_get(st, n2, &a), 0);
	CHECK_STR(a.text, "Call back soon");
	CHECK_STR(a.owner, "");
	CHECK_STR(a.due, "2026-03-01");
	action_clear(&a);
	CHECK_INT(store_action_edit(st, n2, "", NULL, NULL), -1);

	/* closed: every write refused, nothing changed */
	CHECK_INT(store_close_interview(st, iv->id, 1767225600, "R"), 0);
	CHECK_INT(add(st, iv->id, "late", "", "", ACTION_NO_QUESTION), -1);
	CHECK(strstr(ev_lasterr(), "is closed; reopen it first") != NULL);
	CHECK_INT(store_action_set_done(st, n1, true), -1);
	CHECK(strstr(ev_lasterr(), "is closed") != NULL);
	CHECK_INT(store_action_edit(st, n2, "x", NULL, NULL), -1);
	CHECK_INT(store_action_delete(st, n2), -1);
	CHECK_INT(store_action_get(st, n1, &a), 0);
	CHECK(a.status == ACTION_OPEN);
	action_clear(&a);
	CHECK_INT(store_reopen_interview(st, iv->id), 0);

	CHECK_INT(store_action_delete(st, n2), 0);
	CHECK_INT(store_action_get(st, n2, &a), -1);
	CHECK_INT(ev_lastcode(), EV_E_NOTFOUND);
	CHECK(strstr(ev_lasterr(), "no action number") != NULL);
	CHECK_INT(store_action_delete(st, n2), -1);
	/* numbers are never reused */
	CHECK(add(st, iv->id, "next", "", "", ACTION_NO_QUESTION) == n2 + 1);
	interview_free(iv);
	store_close(st);
	free(path);
}

TEST(list_and_counts)
{
	char *path;
	store *st = fresh(&path);
	CHECK(st);
	interview *a = make("Anna", "2026-01-10"), *b = make("Bo", "2026-02-10");
	CHECK_INT(store_create(st, a), 0);
	CHECK_INT(store_create(st, b), 0);
	int64_t late = add(st, a->id, "late one", "Lena", "2001-01-01", ACTION_NO_QUESTION);
	int64_t later = add(st, b->id, "future one", "lena", "2999-01-01", ACTION_NO_QUESTION);
	int64_t none = add(st, b->id, "no date", "", "", ACTION_NO_QUESTION);
	int64_t done = add(st, a->id, "done one", "Kim", "2000-06-01", ACTION_NO_QUESTION);
	CHECK(late > 0 && later > 0 && none > 0 && done > 0);
	CHECK_INT(store_action_set_done(st, done, true), 0);

	store_action_row *rows;
	int n = store_action_list(st, NULL, &rows);
	CHECK_INT(n, 4);
	/* by due date, those without one last */
	CHECK(rows[0].a.id == done && rows[1].a.id == late && rows[2].a.id == later &&
	      rows[3].a.id == none);
	CHECK_STR(rows[1].employee, "Anna");
	store_action_rows_free(rows, n);
	store_action_filter f = { ACTION_OPEN, NULL, NULL };
	CHECK_INT(n = store_action_list(st, &f, &rows), 3);
	store_action_rows_free(rows, n);
	f = (store_action_filter){ -1, "LENA", NULL };
	CHECK_INT(n = store_action_list(st, &f, &rows), 2);
	store_action_rows_free(rows, n);
	f = (store_action_filter){ -1, NULL, "2026-06-01" };
	CHECK_INT(n = store_action_list(st, &f, &rows), 1);
	CHECK(n == 1 && rows[0].a.id == late);
	store_action_rows_free(rows, n);
	f = (store_action_filter){ ACTION_DONE, NULL, NULL };
	CHECK_INT(n = store_action_list(st, &f, &rows), 1);
	store_action_rows_free(rows, n);

	int64_t open, overdue;
	CHECK_INT(store_action_counts(st, NULL, NULL, &open, &overdue), 0);
	CHECK_INT(open, 3);
	CHECK_INT(overdue, 1);
	CHECK_INT(store_action_counts(st, "2026-02-01", "2026-02-28", &open, &overdue), 0);
	CHECK_INT(open, 2);
	CHECK_INT(overdue, 0);
	CHECK_INT(store_action_counts(st, "2026-01-01", "2026-01-31", &open, &overdue), 0);
	CHECK_INT(open, 1);
	CHECK_INT(overdue, 1);
	CHECK_INT(store_action_counts(st, "2026-13-01", NULL, &open, &overdue), -1);

	/* delete takes its actions with it */
	CHECK_INT(store_delete_interview(st, a->id), 0);
	CHECK_INT(n = store_action_list(st, NULL, &rows), 2);
	store_action_rows_free(rows, n);
	iv_action x;
	CHECK_INT(store_action_get(st, late, &x), -1);
	interview_free(a);
	interview_free(b);
	store_close(st);
	free(path);
}

TEST(anonymise_keeps_counts)
{
	char *path;
	store *st = fresh(&path);
	CHECK(st);
	interview *a = make("Anna Anonym", "2025-03-14");
	CHECK_INT(store_create(st, a), 0);
	CHECK(add(st, a->id, "HEMLIG-ATGARD", "Owner Ohlsson", "2025-04-17", 0) > 0);
	CHECK_INT(store_close_interview(st, a->id, 1741946400, "R"), 0);
	CHECK_INT(store_anonymise_interview(st, a->id), 0);
	interview *iv = store_load(st, a->id);
	CHECK(iv && iv->nacts == 1);
	CHECK_STR(iv->acts[0].text, "");
	CHECK_STR(iv->acts[0].owner, "");
	CHECK_STR(iv->acts[0].due, "2025-04-01");
	interview_free(iv);
	store_close(st);
	char *cmd = xasprintf("grep -c -a -e HEMLIG-ATGARD -e 'Owner Ohlsson' '%s' >/dev/null", path);
	CHECK(system(cmd) != 0);   /* not a byte left in the file */
	free(cmd);
	interview_free(a);
	free(path);
}

/* A file at schema 7 as this code's predecessor wrote it: made at schema
 * 8, its actions table dropped, the action notes put back, marked 7. */
TEST(migrate_from_7)
{
	char *path;
	store *st = fresh(&path);
	CHECK(st);
	interview *a = make("Anna", "2026-01-10"), *b = make("Bo", "2026-01-11");
	CHECK_INT(store_create(st, a), 0);
	CHECK_INT(store_create(st, b), 0);
	CHECK_INT(store_save_notes(st, a->id, IV_SLOT_ACTIONS,
				   "- Review pay bands\n\n  * Talk to Kim  \n[ ] Ring tillbaka\nplain line"), 0);
	CHECK_INT(store_save_notes(st, b->id, IV_SLOT_ACTIONS, " \n\t\n"), 0);
	CHECK_INT(store_close_interview(st, b->id, 1767225600, "R"), 0);
	store_close(st);
	CHECK_INT(sh(path, SCHEMA9_TO_8 " DROP TABLE actions; PRAGMA user_version = 7"), 0);

	/* read in place: the same as migrated, the file unchanged */
	st = store_open(path, STORE_READ, false);
	CHECK(st);
	interview *iv = store_load(st, a->id);
	CHECK(iv && iv->nacts == 4);
	CHECK_STR(iv->acts[0].text, "Review pay bands");
	CHECK_STR(iv->acts[3].text, "plain line");
	CHECK_STR(iv->actions, "");
	interview_free(iv);
	store_close(st);

	st = store_open(path, STORE_WRITE, false);
	CHECK(st);
	iv = store_load(st, a->id);
	CHECK(iv && iv->nacts == 4);
	CHECK_STR(iv->acts[0].text, "Review pay bands");
	CHECK_STR(iv->acts[1].text, "Talk to Kim");
	CHECK_STR(iv->acts[2].text, "Ring tillbaka");
	CHECK_STR(iv->acts[3].text, "plain line");
	CHECK(iv->acts[0].status == ACTION_OPEN && iv->acts[0].owner[0] == '\0' &&
	      iv->acts[0].due[0] == '\0' && iv->acts[0].question == ACTION_NO_QUESTION);
	CHECK_STR(iv->actions, "");   /* the slot is emptied: its words are the actions */
	interview_free(iv);
	iv = store_load(st, b->id);   /* only blank lines: no action, closed or not */
	CHECK(iv && iv->nacts == 0);
	interview_free(iv);
	/* the slot stays for notes about the actions */
	CHECK_INT(store_save_notes(st, a->id, IV_SLOT_ACTIONS, "ask HR first"), 0);
	store_close(st);
	/* a file of schema 8 without its actions table is damaged, not migrated */
	CHECK_INT(sh(path, "DROP TABLE actions"), 0);
	CHECK(store_open(path, STORE_WRITE, false) == NULL);
	CHECK(strstr(ev_lasterr(), "is damaged (exitview's tables are missing)") != NULL);
	interview_free(a);
	interview_free(b);
	free(path);
}

TEST(report_and_anonymous_export)
{
	interview *iv = make("Anna", "2026-01-10");
	iv->q[1].private = true;
	iv->acts = xcalloc(3, sizeof *iv->acts);
	iv->nacts = 3;
	iv->acts[0] = (iv_action){ .id = 1, .text = xstrdup("Review pay bands"), .owner = xstrdup("Lena"),
				   .due = "2026-02-01", .status = ACTION_DONE, .question = 0 };
	iv->acts[1] = (iv_action){ .id = 2, .text = xstrdup("Call back"), .owner = xstrdup(""),
				   .status = ACTION_OPEN, .question = ACTION_NO_QUESTION };
	iv->acts[2] = (iv_action){ .id = 3, .text = xstrdup("PRIVAT-ATGARD"), .owner = xstrdup("Kim"),
				   .status = ACTION_OPEN, .question = 1 };
	str_set(&iv->actions, "Ask HR first.");
	char *r = report_render(iv);
	CHECK(strstr(r, "Action items\n------------\n\n"
		      "  [x] Review pay bands\n"
		      "      Owner: Lena; Due: 2026-02-01; From question 1, Pay\n"
		      "  [ ] Call back\n"
		      "  [ ] PRIVAT-ATGARD\n"
		      "      Owner: Kim; From question 2, Team\n"
		      "\n  Ask HR first.\n") != NULL);
	free(r);
	r = report_render_for_manager(iv);
	CHECK(strstr(r, "  [x] Review pay bands\n      Owner: Lena;") != NULL);
	CHECK(strstr(r, "PRIVAT-ATGARD") == NULL);
	CHECK(strstr(r, "  1 action item from private questions is not in the manager's version.\n") != NULL);
	for (const char *l = r; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l))
		CHECK(utf8_width(l, strcspn(l, "\n")) <= REPORT_WIDTH);
	free(r);

	strbuf out = STRBUF_INIT;
	for (int f = 0; f < 2; f++) {
		anon_export *ax = anon_export_new(1, f ? EXPORT_CSV : EXPORT_JSON);
		bool left;
		for (int i = 0; i < 3; i++)
			anon_export_count(ax, iv);
		CHECK(anon_export_plan(ax, &out, &left) >= 0);
		for (int i = 0; i < 3; i++)
			CHECK_INT(anon_export_add(ax, iv, &out), 0);
		CHECK_INT(anon_export_end(ax, &out), 3);
		CHECK(strstr(sb_str(&out), "Review") == NULL && strstr(sb_str(&out), "Lena") == NULL &&
		      strstr(sb_str(&out), "Call back") == NULL && strstr(sb_str(&out), "Ask HR") == NULL);
		sb_clear(&out);
		anon_export_free(ax);
	}
	sb_free(&out);

	interview *none = make("Bo", "2026-01-10");
	r = report_render(none);
	CHECK(strstr(r, "Action items\n------------\n\n  (none)\n") != NULL);
	free(r);
	interview_free(none);
	interview_free(iv);
}

/* What store_stream handed over: each interview's actions. */
struct streamed {
	int n;
	int nacts[8];
	char first[8][32];
};

static int took(const interview *iv, void *arg)
{
	struct streamed *s = arg;
	if (s->n < 8) {
		s->nacts[s->n] = iv->nacts;
		snprintf(s->first[s->n], sizeof s->first[s->n], "%s", iv->nacts ? iv->acts[0].text : "");
	}
	s->n++;
	return 0;
}

/* An export reads every interview's actions with one statement, made
 * once (store_actions_read): each interview gets its own and no other's,
 * none left over from the one before, and nothing stays locked after. */
TEST(stream_reads_each_interviews_actions)
{
	char *path;
	store *st = fresh(&path);
	CHECK(st != NULL);
	interview *a = make("Anna", "2026-01-10"), *b = make("Bo", "2026-01-11"), *c = make("Cai", "2026-01-12");
	CHECK_INT(store_create(st, a), 0);
	CHECK_INT(store_create(st, b), 0);
	CHECK_INT(store_create(st, c), 0);
	CHECK(add(st, a->id, "A one", "", "", -1) > 0);
	CHECK(add(st, a->id, "A two", "", "", 0) > 0);
	CHECK(add(st, c->id, "C one", "Lena", "2026-03-01", -1) > 0);
	for (int round = 0; round < 2; round++) {   /* the statement made, then reused */
		struct streamed s = { 0 };
		CHECK_INT(store_stream(st, NULL, NULL, true, NULL, took, &s), 0);
		CHECK_INT(s.n, 3);
		CHECK_INT(s.nacts[0], 2);
		CHECK_STR(s.first[0], "A one");
		CHECK_INT(s.nacts[1], 0);
		CHECK_INT(s.nacts[2], round ? 2 : 1);
		CHECK_STR(s.first[2], "C one");
		CHECK(add(st, c->id, "C two", "", "", -1) > 0);   /* a write after: nothing locked */
	}
	interview *back = store_load(st, c->id);
	CHECK(back && back->nacts == 3);
	interview_free(back);
	interview_free(a);
	interview_free(b);
	interview_free(c);
	store_close(st);
	free(path);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/exitview-actions-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	RUN(rules);
	RUN(from_line);
	RUN(add_done_edit_delete);
	RUN(list_and_counts);
	RUN(anonymise_keeps_counts);
	RUN(migrate_from_7);
	RUN(report_and_anonymous_export);
	RUN(stream_reads_each_interviews_actions);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return unit_done();
}
