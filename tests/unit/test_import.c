/* test_import.c — the CSV list of leavers: the reader, the checks that name FILE:LINE, and the store's all-or-nothing insert. */
#include "exitview/import.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/store.h"
#include "exitview/util.h"
#include "unit.h"

#define HEAD "employee,role,department,manager,last_day,interview_date"

static char tmpdir[64];
static settings cfg;   /* no config: the built-in templates, "standard" by default */

static int parse(const char *text, import_row **rows, int *n)
{
	return import_parse("l.csv", text, strlen(text), rows, n);
}

TEST(plain_rows)
{
	import_row *r;
	int n;
	CHECK_INT(parse(HEAD "\nÅsa Öberg,Engineer,Platform,Kim Lee,2027-01-10,2027-01-05\n"
			"Bo,,,,2027-02-01,\n", &r, &n), 0);
	CHECK_INT(n, 2);
	CHECK_STR(r[0].value[IMP_EMPLOYEE], "Åsa Öberg");
	CHECK_STR(r[0].value[IMP_MANAGER], "Kim Lee");
	CHECK_STR(r[0].value[IMP_INTERVIEW_DATE], "2027-01-05");
	CHECK_STR(r[0].value[IMP_TEMPLATE], "");        /* no such column: "" */
	CHECK_INT(r[0].line, 2);
	CHECK_STR(r[1].value[IMP_INTERVIEW_DATE], "");  /* an empty last field */
	CHECK_INT(r[1].line, 3);
	import_rows_free(r, n);
}

TEST(quoting)
{
	import_row *r;
	int n;
	CHECK_INT(parse(HEAD "\n\"Öberg, Åsa\",\"Lead \"\"Ops\"\"\",\"\",\"two\nlines\",2027-01-10,2027-01-05\n"
			"Bo,,,,2027-02-01,\n", &r, &n), 0);
	CHECK_INT(n, 2);
	CHECK_STR(r[0].value[IMP_EMPLOYEE], "Öberg, Åsa");
	CHECK_STR(r[0].value[IMP_ROLE], "Lead \"Ops\"");
	CHECK_STR(r[0].value[IMP_DEPARTMENT], "");
	CHECK_STR(r[0].value[IMP_MANAGER], "two\nlines");
	CHECK_INT(r[1].line, 4);                       /* the quoted line break counts */
	import_rows_free(r, n);
}

TEST(crlf_bom_empty_lines_any_order)
{
	import_row *r;
	int n;
	CHECK_INT(parse("\xEF\xBB\xBF" "Template,last_day, Employee ,role,department,manager,interview_date\r\n"
			"\r\n"
			"leader,2027-01-10,Åsa,,,,2027-01-05\r\n"
			"\r\n\r\n"
			",2027-02-01,Bo,,,,\r\n", &r, &n), 0);
	CHECK_INT(n, 2);
	CHECK_STR(r[0].value[IMP_TEMPLATE], "leader");
	CHECK_STR(r[0].value[IMP_EMPLOYEE], "Åsa");
	CHECK_STR(r[0].value[IMP_LAST_DAY], "2027-01-10");
	CHECK_STR(r[0].value[IMP_INTERVIEW_DATE], "2027-01-05");   /* no CR kept */
	CHECK_INT(r[0].line, 3);
	CHECK_INT(r[1].line, 6);
	CHECK_STR(r[1].value[IMP_EMPLOYEE], "Bo");
	import_rows_free(r, n);
	/* no line break at the end, and a header alone */
	CHECK_INT(parse(HEAD "\nBo,,,,2027-02-01,2027-01-30", &r, &n), 0);
	CHECK_INT(n, 1);
	CHECK_STR(r[0].value[IMP_INTERVIEW_DATE], "2027-01-30");
	import_rows_free(r, n);
	CHECK_INT(parse(HEAD "\r\n", &r, &n), 0);
	CHECK_INT(n, 0);
	import_rows_free(r, n);
}

TEST(header_errors)
{
	import_row *r = NULL;
	int n = 5;
	CHECK_INT(parse("employee,role,department,manager,last_day\nBo,,,,2027-01-01\n", &r, &n), -1);
	CHECK(strstr(ev_lasterr(), "l.csv:1: missing column interview_date") == ev_lasterr());
	CHECK(r == NULL && n == 0);
	CHECK_INT(parse(HEAD ",salary,Shoe size\n", &r, &n), -1);
	CHECK(strstr(ev_lasterr(), "l.csv:1: unknown columns 'salary', 'Shoe size'") == ev_lasterr());
	CHECK_INT(parse("salary,employee,role,department,manager,interview_date\n", &r, &n), -1);
	CHECK(strstr(ev_lasterr(), "unknown column 'salary'; missing column last_day") != NULL);
	CHECK_INT(parse(HEAD ",employee\n", &r, &n), -1);
	CHECK_STR(ev_lasterr(), "l.csv:1: the column employee is named twice in the header");
	CHECK_INT(parse("", &r, &n), -1);
	CHECK(strstr(ev_lasterr(), "l.csv: empty") == ev_lasterr());
	CHECK_INT(parse("\n\n", &r, &n), -1);
}

TEST(bad_rows_name_their_line)
{
	import_row *r = NULL;
	int n = 5;
	CHECK_INT(parse(HEAD "\nBo,,,,2027-02-01,\n\nAl,,,2027-02-01,\n", &r, &n), -1);
	CHECK_STR(ev_lasterr(), "l.csv:4: 5 fields, but the header has 6");
	CHECK(r == NULL && n == 0);
	CHECK_INT(parse(HEAD "\nBo,,,,2027-02-01,\n\"Al,,,,2027-02-01,\n", &r, &n), -1);
	CHECK_STR(ev_lasterr(), "l.csv:3: a quoted field is not closed (a \" is missing)");
	CHECK_INT(parse(HEAD "\nB\"o,,,,2027-02-01,\n", &r, &n), -1);
	CHECK(strstr(ev_lasterr(), "l.csv:2: a quote inside an unquoted field") == ev_lasterr());
	CHECK_INT(parse(HEAD "\n\"Bo\"x,,,,2027-02-01,\n", &r, &n), -1);
	CHECK(strstr(ev_lasterr(), "l.csv:2: text after a closing quote") == ev_lasterr());
	const char nul[] = HEAD "\nB\0o,,,,2027-02-01,\n";
	CHECK_INT(import_parse("l.csv", nul, sizeof nul - 1, &r, &n), -1);
	CHECK(strstr(ev_lasterr(), "l.csv:2: a NUL byte") == ev_lasterr());
}

static int plan(const char *text, import_plan *p)
{
	return import_plan_text(&cfg, "l.csv", text, strlen(text), "Ina Intervjuare", p);
}

TEST(plan_checks_values)
{
	import_plan p;
	CHECK_INT(plan(HEAD ",template\nÅsa,Engineer,Platform,Kim,2027-01-10,2027-01-05,leader\n"
		       "Bo,,,,2027-02-01,2027-02-01,\n", &p), 0);
	CHECK_INT(p.n, 2);
	CHECK_STR(p.iv[0]->template_name, "leader");
	CHECK_STR(p.iv[0]->employee, "Åsa");
	CHECK_STR(p.iv[0]->interviewer, "Ina Intervjuare");
	CHECK_STR(p.iv[0]->last_day, "2027-01-10");
	CHECK(p.iv[0]->nquestions > 0);
	CHECK(p.warning[0] == NULL);
	CHECK_STR(p.iv[1]->template_name, "standard");   /* the default */
	CHECK(p.warning[1] != NULL && strstr(p.warning[1], "on the last working day") != NULL);
	CHECK_INT(p.line[1], 3);
	import_plan_free(&p);

	CHECK_INT(plan(HEAD "\nBo,,,,2027-02-01,\nAl,,,,2027-02-30,\n", &p), -1);
	CHECK_STR(ev_lasterr(), "l.csv:3: bad date '2027-02-30' for last-day: use YYYY-MM-DD");
	CHECK(p.n == 0 && p.iv == NULL);
	CHECK_INT(plan(HEAD ",template\nBo,,,,2027-02-01,,nope\n", &p), -1);
	CHECK(strstr(ev_lasterr(), "l.csv:2: ") == ev_lasterr() && strstr(ev_lasterr(), "nope") != NULL);
	CHECK_INT(plan(HEAD "\n\"B\no\",,,,2027-02-01,\n", &p), -1);
	CHECK_STR(ev_lasterr(), "l.csv:2: employee must be one line");
	CHECK_INT(plan(HEAD "\nBo\xe2\x80\xae,,,,2027-02-01,\n", &p), -1);   /* a bidi override */
	CHECK(strstr(ev_lasterr(), "l.csv:2: employee must not contain") == ev_lasterr());
	CHECK_INT(plan(HEAD "\n,,,,2027-02-01,\n", &p), -1);
	CHECK_STR(ev_lasterr(), "l.csv:2: employee is empty");
	CHECK_INT(plan(HEAD "\nBo,,,,,\n", &p), -1);
	CHECK_STR(ev_lasterr(), "l.csv:2: last_day is empty");
}

TEST(store_many_all_or_nothing)
{
	char *path = xasprintf("%s/many.db", tmpdir);
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	import_plan p;
	CHECK_INT(plan(HEAD "\nÅsa,,,,2027-01-10,2027-01-05\nBo,,,,2027-02-01,\nÅsa,,,,2027-01-10,\n", &p), 0);
	int64_t existing[3];
	CHECK_INT(store_create_many(st, p.iv, p.n, existing), 0);
	CHECK_INT(p.iv[0]->id, 1);
	CHECK_INT(p.iv[1]->id, 2);
	CHECK_INT(existing[0], 0);
	CHECK_INT(existing[2], 1);      /* the same leaver twice in one file */
	CHECK_INT(p.iv[2]->id, 0);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 2);
	/* again: nothing new */
	CHECK_INT(store_create_many(st, p.iv, p.n, existing), 0);
	CHECK(existing[0] == 1 && existing[1] == 2 && existing[2] == 1);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 2);
	import_plan_free(&p);
	/* one that the store refuses: none of them */
	CHECK_INT(plan(HEAD "\nCy,,,,2027-01-10,\nDi,,,,2027-01-11,\n", &p), 0);
	p.iv[1]->q[0].rating = 9;       /* not a rating the tables hold */
	CHECK_INT(store_create_many(st, p.iv, p.n, existing), -1);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 2);
	CHECK_INT(p.iv[0]->id, 0);
	import_plan_free(&p);
	/* one the database refuses in the middle of the transaction (a
	 * trigger made behind the store's back): none of them either */
	sqlite3 *db;
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "CREATE TRIGGER no_di BEFORE INSERT ON interviews"
			       " WHEN NEW.employee = 'Di' BEGIN SELECT RAISE(ABORT, 'no Di'); END", NULL, NULL,
			       NULL), SQLITE_OK);
	CHECK_INT(plan(HEAD "\nCy,,,,2027-01-10,\nDi,,,,2027-01-11,\nEd,,,,2027-01-12,\n", &p), 0);
	CHECK_INT(store_create_many(st, p.iv, p.n, existing), -1);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 2);
	CHECK(p.iv[0]->id == 0 && existing[0] == 0);
	import_plan_free(&p);
	CHECK_INT(sqlite3_exec(db, "DROP TRIGGER no_di", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	store_close(st);
	free(path);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/exitview-import-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		printf("FAIL setup: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	/* no user templates: the built-in ones */
	char *home = xasprintf("%s/home", tmpdir);
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	memset(&cfg, 0, sizeof cfg);
	RUN(plain_rows);
	RUN(quoting);
	RUN(crlf_bom_empty_lines_any_order);
	RUN(header_errors);
	RUN(bad_rows_name_their_line);
	RUN(plan_checks_values);
	RUN(store_many_all_or_nothing);
	free(home);
	char *rm = xasprintf("rm -rf '%s'", tmpdir);
	if (system(rm) != 0)
		printf("FAIL cleanup: %s\n", rm);
	free(rm);
	return unit_done();
}
