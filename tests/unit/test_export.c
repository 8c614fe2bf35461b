/* test_export.c — CSV and JSON, read back with Python's csv and json
 * modules (a real parser, not ours). */
#include "exitview/export.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitview/fsutil.h"
#include "exitview/utf8.h"
#include "unit.h"

/* Python prints every value as "path=kind:hex" so any byte can be compared. */
static const char *const py_csv =
	"import csv,sys\n"
	"rows=list(csv.reader(open(sys.argv[1],newline='',encoding='utf-8',errors='strict'),strict=True))\n"
	"print('rows=%d'%len(rows))\n"
	"h=rows[0]\n"
	"print('header='+','.join(h))\n"
	"for i,r in enumerate(rows[1:]):\n"
	"  print('%d.ncols=%d'%(i,len(r)))\n"
	"  for k,v in zip(h,r): print('%d.%s=s:%s'%(i,k,v.encode().hex()))\n";

static const char *const py_json =
	"import json,sys\n"
	"d=json.load(open(sys.argv[1],encoding='utf-8',errors='strict'))\n"
	"def w(p,v):\n"
	"  if isinstance(v,dict):\n"
	"    print(p+'{'+','.join(v.keys()))\n"
	"    for k,x in v.items(): w(p+'.'+k,x)\n"
	"  elif isinstance(v,list):\n"
	"    print(p+'#%d'%len(v))\n"
	"    for i,x in enumerate(v): w(p+'.%d'%i,x)\n"
	"  elif isinstance(v,str): print(p+'=s:'+v.encode().hex())\n"
	"  elif v is None: print(p+'=null')\n"
	"  elif isinstance(v,bool): print(p+'=b:'+str(v).lower())\n"
	"  else: print(p+'=n:'+repr(v))\n"
	"w('',d)\n";

/* Write data to a temp file, run python3 -c script on it, return its output. */
static char *python(const char *script, const char *data)
{
	char path[] = "/tmp/exitview-test-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	size_t len = strlen(data);
	if (write(fd, data, len) != (ssize_t)len) {
		close(fd);
		unlink(path);
		return NULL;
	}
	close(fd);
	char spath[] = "/tmp/exitview-test-py-XXXXXX";
	fd = mkstemp(spath);
	if (fd < 0 || write(fd, script, strlen(script)) != (ssize_t)strlen(script)) {
		unlink(path);
		return NULL;
	}
	close(fd);
	char *cmd = xasprintf("python3 %s %s 2>&1", spath, path);
	FILE *p = popen(cmd, "r");
	free(cmd);
	strbuf out = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while (p && (n = fread(buf, 1, sizeof buf, p)) > 0)
		sb_add(&out, buf, n);
	int rc = p ? pclose(p) : -1;
	unlink(path);
	unlink(spath);
	if (rc != 0) {
		printf("# python: %s\n", sb_str(&out));
		sb_free(&out);
		return NULL;
	}
	return sb_detach(&out);
}

/* Does the python output hold the line "key=s:<hex of value>"? */
static bool has_str(const char *out, const char *key, const char *value)
{
	strbuf line = STRBUF_INIT;
	sb_printf(&line, "\n%s=s:", key);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		sb_printf(&line, "%02x", *p);
	sb_putc(&line, '\n');
	bool ok = strstr(out, line.s) != NULL ||
		  strncmp(out, line.s + 1, line.len - 1) == 0;
	if (!ok)
		printf("# missing %s = \"%s\"\n", key, value);
	sb_free(&line);
	return ok;
}

static bool has_line(const char *out, const char *line)
{
	char *l = xasprintf("\n%s\n", line);
	bool ok = strstr(out, l) != NULL || strncmp(out, l + 1, strlen(l) - 1) == 0;
	if (!ok)
		printf("# missing line %s\n", line);
	free(l);
	return ok;
}

#define NOTES1 "Commas, \"quotes\", and\nnew lines;\r\nCRLF too.\n\nSkål för kollegorna! 😀 漢字"
#define NOTES2 "ESC: \x1b[31mred\x1b[0m and tab\there, bell\x07"

static interview *sample(int64_t id, const char *employee)
{
	char *f1[] = { "What made you start looking?", "Any scenario?", "Third, with \"quotes\"" };
	tpl_question qs[] = {
		{ "Reason, for leaving", "Why are you leaving?", "", f1, 3 },
		{ "Vad är vi bra på?", "Vad gör vi bra?", "", NULL, 0 },
		{ "Manager", "Supported?", "", NULL, 0 },
	};
	tpl_category cats[] = { { "comp", "Compensation" }, { "mgr", "Manager relationship" } };
	template t = {
		.name = "standard", .title = "Standard", .language = "en", .description = "",
		.source = "test", .questions = qs, .nquestions = 3, .categories = cats,
		.ncategories = 2, .scale = { "Very poor", "Poor", "Fair", "Good", "Excellent" },
	};
	interview *iv = interview_new(&t);
	iv->id = id;
	str_set(&iv->employee, employee);
	str_set(&iv->role, "Utvecklare");
	str_set(&iv->department, "Drift, \"Ops\"");
	str_set(&iv->manager, "Kim Lee");
	str_set(&iv->interviewer, "Per Hansson");
	str_set(&iv->start_date, "2019-03-01");
	str_set(&iv->last_day, "2024-05-31");
	iv->separation = SEP_VOLUNTARY;
	str_set(&iv->reason_primary, "comp");
	str_set(&iv->reason_assessed, "mgr");
	iv->regrettable = TRI_YES;
	iv->rehire = TRI_NO;
	str_set(&iv->return_conditions, "Better pay");
	iv->elapsed = 3725;
	iv->created = 1716800000;     /* 2024-05-27T08:53:20Z */
	iv->updated = 1716803900;
	iv->closed = true;
	iv->closed_at = 1716804000;   /* 2024-05-27T10:00:00Z */
	str_set(&iv->observations, "Calm.");
	str_set(&iv->actions, "Fix pay, now");
	iv->acts = xcalloc(2, sizeof *iv->acts);
	iv->nacts = 2;
	iv->acts[0] = (iv_action){ .id = 11, .interview_id = iv->id, .text = xstrdup("Review pay, bands"),
				   .owner = xstrdup("Lena Lönn"), .due = "2024-06-30",
				   .status = ACTION_OPEN, .question = 1 };
	iv->acts[1] = (iv_action){ .id = 12, .interview_id = iv->id, .text = xstrdup("Call back"),
				   .owner = xstrdup(""), .status = ACTION_DONE,
				   .question = ACTION_NO_QUESTION };
	iv->opening.nfollowups = 2;
	iv->opening.followups = xcalloc(2, sizeof *iv->opening.followups);
	iv->opening.asked = xcalloc(2, sizeof *iv->opening.asked);
	iv->opening.followups[0] = xstrdup("Purpose");
	iv->opening.followups[1] = xstrdup("Confidentiality");
	iv->opening.asked[1] = true;
	iv->q[0].rating = 4;
	iv->q[0].asked[0] = true;
	iv->q[0].asked[2] = true;
	str_set(&iv->q[0].notes, NOTES1);
	str_set(&iv->q[1].notes, NOTES2);
	iv->q[2].skipped = true;
	return iv;
}

static char *export_two(enum export_format f, bool anonymous)
{
	strbuf out = STRBUF_INIT;
	interview *a = sample(7, "Åsa Öberg, Jr.");
	interview *b = interview_blank();   /* no questions at all */
	b->id = 8;
	str_set(&b->employee, "Bo \"Bosse\" Ek");
	exporter *ex = export_begin(f, anonymous, 3, &out);
	export_add(ex, a);
	export_add(ex, b);
	export_end(ex);
	interview_free(a);
	interview_free(b);
	return sb_detach(&out);
}

TEST(csv_field_quoting)
{
	strbuf sb = STRBUF_INIT;
	csv_field(&sb, "plain");
	sb_putc(&sb, '|');
	csv_field(&sb, "a,b");
	sb_putc(&sb, '|');
	csv_field(&sb, "say \"hi\"");
	sb_putc(&sb, '|');
	csv_field(&sb, "two\nlines");
	sb_putc(&sb, '|');
	csv_field(&sb, "cr\r");
	sb_putc(&sb, '|');
	csv_field(&sb, "");
	sb_putc(&sb, '|');
	csv_field(&sb, "bad\xff");
	CHECK_STR(sb_str(&sb), "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\r\"||bad\xef\xbf\xbd");
	sb_free(&sb);
}

TEST(json_string_escapes)
{
	strbuf sb = STRBUF_INIT;
	json_string(&sb, "a\"b\\c\x1b\n\x01/å😀");
	CHECK_STR(sb_str(&sb), "\"a\\\"b\\\\c\\u001b\\u000a\\u0001/å😀\"");
	sb_clear(&sb);
	json_string(&sb, "x\xc3(\xed\xa0\x80y");   /* truncated, then a surrogate */
	CHECK(utf8_valid(sb.s, sb.len, NULL));
	CHECK_STR(sb_str(&sb), "\"x\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdy\"");
	sb_free(&sb);
}

/* One pass over the value (export.c): every class of the text rule
 * where it is, runs between them kept whole. */
TEST(json_string_text_rule)
{
	strbuf sb = STRBUF_INIT;
	/* C1 NEL, RLO, LINE SEPARATOR, BOM, DEL: \uXXXX; U+FFFD typed, € and ö: as they are */
	json_string(&sb, "a\xc2\x85" "b\xe2\x80\xae" "c\xe2\x80\xa8" "d\xef\xbb\xbf" "e\x7f" "f\xef\xbf\xbd" "€ö");
	CHECK_STR(sb_str(&sb), "\"a\\u0085b\\u202ec\\u2028d\\ufeffe\\u007ff\xef\xbf\xbd€ö\"");
	sb_clear(&sb);
	json_string(&sb, "\"\"\\\xff\xfe\t");   /* escapes side by side, invalid bytes at the end */
	CHECK_STR(sb_str(&sb), "\"\\\"\\\"\\\\\xef\xbf\xbd\xef\xbf\xbd\\u0009\"");
	sb_clear(&sb);
	json_string(&sb, NULL);
	json_string(&sb, "");
	CHECK_STR(sb_str(&sb), "\"\"\"\"");
	sb_free(&sb);
}

TEST(csv_field_quotes_and_invalid_bytes)
{
	strbuf sb = STRBUF_INIT;
	csv_field(&sb, "\"a\"\xff,\"\"");   /* quotes first, last, doubled, an invalid byte among them */
	CHECK_STR(sb_str(&sb), "\"\"\"a\"\"\xef\xbf\xbd,\"\"\"\"\"");
	sb_clear(&sb);
	csv_field(&sb, "\xe2\x82\xac\n\xc3");   /* € kept, a truncated sequence at the end */
	CHECK_STR(sb_str(&sb), "\"€\n\xef\xbf\xbd\"");
	sb_clear(&sb);
	csv_field(&sb, NULL);
	CHECK_STR(sb_str(&sb), "");
	sb_free(&sb);
}

TEST(csv_round_trip)
{
	char *csv = export_two(EXPORT_CSV, false);
	/* CRLF line ends: the header line, and the output ends in one */
	const char *hdr_end = strchr(csv, '\n');
	CHECK(hdr_end && hdr_end[-1] == '\r');
	CHECK(strlen(csv) > 2 && strcmp(csv + strlen(csv) - 2, "\r\n") == 0);
	char *out = python(py_csv, csv);
	CHECK(out);
	CHECK(has_line(out, "rows=3"));
	CHECK(has_line(out, "header=id,status,employee,role,department,manager,interviewer,"
			    "start_date,last_day,interview_date,template,separation,reason_primary,"
			    "reason_secondary,reason_assessed,regrettable,rehire,would_return,"
			    "return_conditions,elapsed_seconds,created,updated,closed_at,observations,"
			    "actions,actions_open,actions_done,action_notes,preparation,opening_done,"
			    "opening_items,closing_done,closing_items,q1_title,q1_rating,q1_skipped,q1_asked,q1_notes,q2_title,q2_rating,"
			    "q2_skipped,q2_asked,q2_notes,q3_title,q3_rating,q3_skipped,q3_asked,q3_notes"));
	CHECK(has_line(out, "0.ncols=48"));
	CHECK(has_line(out, "1.ncols=48"));
	CHECK(has_str(out, "0.actions", "[ ] Review pay, bands (owner: Lena Lönn; due: 2024-06-30;"
		      " question: 2)\n[x] Call back"));
	CHECK(has_str(out, "0.actions_open", "1"));
	CHECK(has_str(out, "0.actions_done", "1"));
	CHECK(has_str(out, "0.opening_done", "1"));
	CHECK(has_str(out, "0.opening_items", "2"));
	CHECK(has_str(out, "0.closing_items", "0"));
	CHECK(has_str(out, "1.actions", ""));
	CHECK(has_str(out, "1.actions_open", "0"));
	CHECK(has_str(out, "0.id", "7"));
	CHECK(has_str(out, "0.status", "closed"));
	CHECK(has_str(out, "0.employee", "Åsa Öberg, Jr."));
	CHECK(has_str(out, "0.department", "Drift, \"Ops\""));
	CHECK(has_str(out, "0.template", "standard"));
	CHECK(has_str(out, "0.separation", "voluntary"));
	CHECK(has_str(out, "0.reason_primary", "comp"));
	CHECK(has_str(out, "0.reason_secondary", ""));
	CHECK(has_str(out, "0.reason_assessed", "mgr"));
	CHECK(has_str(out, "0.regrettable", "yes"));
	CHECK(has_str(out, "0.rehire", "no"));
	CHECK(has_str(out, "0.would_return", "unknown"));
	CHECK(has_str(out, "0.elapsed_seconds", "3725"));
	CHECK(has_str(out, "0.created", "2024-05-27T08:53:20Z"));
	CHECK(has_str(out, "0.closed_at", "2024-05-27T10:00:00Z"));
	CHECK(has_str(out, "0.interview_date", ""));
	CHECK(has_str(out, "0.action_notes", "Fix pay, now"));
	CHECK(has_str(out, "0.q1_title", "Reason, for leaving"));
	CHECK(has_str(out, "0.q1_rating", "4"));
	CHECK(has_str(out, "0.q1_skipped", "no"));
	CHECK(has_str(out, "0.q1_asked", "1;3"));
	CHECK(has_str(out, "0.q1_notes", NOTES1));
	CHECK(has_str(out, "0.q2_rating", ""));
	CHECK(has_str(out, "0.q2_notes", NOTES2));
	CHECK(has_str(out, "0.q3_skipped", "yes"));
	CHECK(has_str(out, "0.q3_asked", ""));
	CHECK(has_str(out, "1.id", "8"));
	CHECK(has_str(out, "1.status", "open"));
	CHECK(has_str(out, "1.employee", "Bo \"Bosse\" Ek"));
	CHECK(has_str(out, "1.closed_at", ""));
	CHECK(has_str(out, "1.q1_title", ""));
	free(out);
	free(csv);
}

TEST(csv_anonymous)
{
	char *csv = export_two(EXPORT_CSV, true);
	CHECK(strstr(csv, "Åsa") == NULL && strstr(csv, "Bosse") == NULL);
	CHECK(strstr(csv, "Kim Lee") == NULL && strstr(csv, "Per Hansson") == NULL);
	char *out = python(py_csv, csv);
	CHECK(out);
	CHECK(has_line(out, "0.ncols=45"));
	CHECK(strstr(csv, "Lena") == NULL);   /* an owner is a name */
	CHECK(has_str(out, "0.actions", "[ ] Review pay, bands (due: 2024-06-30; question: 2)\n"
		      "[x] Call back"));
	CHECK(strstr(out, "header=id,status,role,department,start_date,") != NULL);
	CHECK(strstr(out, "employee") == NULL && strstr(out, "manager") == NULL &&
	      strstr(out, "interviewer") == NULL);
	CHECK(has_str(out, "0.role", "Utvecklare"));
	CHECK(has_str(out, "0.q1_notes", NOTES1));
	free(out);
	free(csv);
}

TEST(csv_empty)
{
	strbuf sb = STRBUF_INIT;
	exporter *ex = export_begin(EXPORT_CSV, false, 0, &sb);
	export_end(ex);
	CHECK(strncmp(sb_str(&sb), "id,status,employee,", 19) == 0);
	CHECK(strcmp(sb_str(&sb) + sb.len - 16, ",closing_items\r\n") == 0);
	sb_free(&sb);
}

TEST(json_round_trip)
{
	char *js = export_two(EXPORT_JSON, false);
	char *out = python(py_json, js);
	CHECK(out);
	CHECK(has_line(out, "#2"));
	CHECK(has_line(out, ".0.id=n:7"));
	CHECK(has_str(out, ".0.employee", "Åsa Öberg, Jr."));
	CHECK(has_str(out, ".0.department", "Drift, \"Ops\""));
	CHECK(has_str(out, ".0.manager", "Kim Lee"));
	CHECK(has_str(out, ".0.reason_primary", "comp"));
	CHECK(has_str(out, ".0.reason_primary_label", "Compensation"));
	CHECK(has_line(out, ".0.reason_secondary=null"));
	CHECK(has_line(out, ".0.interview_date=null"));
	CHECK(has_str(out, ".0.start_date", "2019-03-01"));
	CHECK(has_str(out, ".0.created", "2024-05-27T08:53:20Z"));
	CHECK(has_str(out, ".0.closed_at", "2024-05-27T10:00:00Z"));
	CHECK(has_line(out, ".0.elapsed_seconds=n:3725"));
	CHECK(has_line(out, ".0.questions#3"));
	CHECK(has_line(out, ".0.actions#2"));
	CHECK(has_line(out, ".0.actions.0.number=n:11"));
	CHECK(has_str(out, ".0.actions.0.text", "Review pay, bands"));
	CHECK(has_str(out, ".0.actions.0.owner", "Lena Lönn"));
	CHECK(has_str(out, ".0.actions.0.due", "2024-06-30"));
	CHECK(has_str(out, ".0.actions.0.status", "open"));
	CHECK(has_line(out, ".0.actions.0.question=n:2"));
	CHECK(has_line(out, ".0.actions.1.owner=null"));
	CHECK(has_line(out, ".0.actions.1.due=null"));
	CHECK(has_str(out, ".0.actions.1.status", "done"));
	CHECK(has_line(out, ".0.actions.1.question=null"));
	CHECK(has_str(out, ".0.action_notes", "Fix pay, now"));
	CHECK(has_line(out, ".0.opening_checklist.done=n:1"));
	CHECK(has_line(out, ".0.opening_checklist.items=n:2"));
	CHECK(has_line(out, ".1.actions#0"));
	CHECK(has_line(out, ".0.questions.0{number,title,prompt,rating,rating_label,skipped,followups,notes"));
	CHECK(has_line(out, ".0.questions.0.number=n:1"));
	CHECK(has_line(out, ".0.questions.0.rating=n:4"));
	CHECK(has_str(out, ".0.questions.0.rating_label", "Good"));
	CHECK(has_line(out, ".0.questions.0.skipped=b:false"));
	CHECK(has_line(out, ".0.questions.0.followups#3"));
	CHECK(has_str(out, ".0.questions.0.followups.2.text", "Third, with \"quotes\""));
	CHECK(has_line(out, ".0.questions.0.followups.0.asked=b:true"));
	CHECK(has_line(out, ".0.questions.0.followups.1.asked=b:false"));
	CHECK(has_str(out, ".0.questions.0.notes", NOTES1));
	CHECK(has_str(out, ".0.questions.1.title", "Vad är vi bra på?"));
	CHECK(has_line(out, ".0.questions.1.rating=null"));
	CHECK(has_line(out, ".0.questions.1.rating_label=null"));
	CHECK(has_str(out, ".0.questions.1.notes", NOTES2));
	CHECK(has_line(out, ".0.questions.1.followups#0"));
	CHECK(has_line(out, ".0.questions.2.skipped=b:true"));
	CHECK(has_line(out, ".1.id=n:8"));
	CHECK(has_str(out, ".1.status", "open"));
	CHECK(has_line(out, ".1.closed_at=null"));
	CHECK(has_line(out, ".1.questions#0"));
	CHECK(has_str(out, ".1.employee", "Bo \"Bosse\" Ek"));
	/* raw output: no control byte but newline, one interview per object */
	for (const char *p = js; *p; p++)
		CHECK((unsigned char)*p >= 0x20 || *p == '\n');
	CHECK(strncmp(js, "[\n  {\n    \"id\": 7,\n    \"status\": \"closed\",\n", 42) == 0);
	free(out);
	free(js);
}

TEST(json_anonymous_and_invalid_utf8)
{
	strbuf sb = STRBUF_INIT;
	interview *a = sample(3, "Åsa");
	str_set(&a->q[0].notes, "bad \xff\xfe bytes \xc3");
	exporter *ex = export_begin(EXPORT_JSON, true, 3, &sb);
	export_add(ex, a);
	export_end(ex);
	interview_free(a);
	CHECK(utf8_valid(sb.s, sb.len, NULL));
	CHECK(strstr(sb.s, "Åsa") == NULL && strstr(sb.s, "Kim Lee") == NULL &&
	      strstr(sb.s, "Per Hansson") == NULL);
	char *out = python(py_json, sb.s);
	CHECK(out);
	CHECK(strstr(out, ".employee") == NULL && strstr(out, ".manager") == NULL &&
	      strstr(out, ".interviewer") == NULL);
	CHECK(has_str(out, ".0.role", "Utvecklare"));
	CHECK(has_str(out, ".0.questions.0.notes", "bad \xef\xbf\xbd\xef\xbf\xbd bytes \xef\xbf\xbd"));
	free(out);
	sb_free(&sb);
}

TEST(json_empty)
{
	strbuf sb = STRBUF_INIT;
	exporter *ex = export_begin(EXPORT_JSON, false, 0, &sb);
	export_end(ex);
	CHECK_STR(sb_str(&sb), "[]\n");
	char *out = python(py_json, sb.s);
	CHECK(out);
	CHECK(has_line(out, "#0"));
	free(out);
	sb_free(&sb);
}

int main(void)
{
	RUN(csv_field_quoting);
	RUN(json_string_escapes);
	RUN(json_string_text_rule);
	RUN(csv_field_quotes_and_invalid_bytes);
	RUN(csv_round_trip);
	RUN(csv_anonymous);
	RUN(csv_empty);
	RUN(json_round_trip);
	RUN(json_anonymous_and_invalid_utf8);
	RUN(json_empty);
	return unit_done();
}
