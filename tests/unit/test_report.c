/* test_report.c — wrapping and the plain-text report. */
#include "exitview/report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exitview/fsutil.h"
#include "exitview/utf8.h"
#include "unit.h"

static char *wrap(const char *text, int width, const char *indent)
{
	strbuf sb = STRBUF_INIT;
	wrap_text(&sb, text, width, indent);
	return sb_detach(&sb);
}

/* Every line of s at most max columns; returns the first bad line number or 0. */
static int widest_ok(const char *s, size_t max)
{
	int line = 1;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		if (utf8_width(s, n) > max)
			return line;
		if (!nl)
			break;
		s = nl + 1;
		line++;
	}
	return 0;
}

/* No byte below 0x20 but newline, no DEL, no C1 control (U+0080..U+009F). */
static bool no_controls(const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0))
			return false;
	}
	return true;
}

/* s with every newline and line-start indent removed and spaces dropped:
 * the characters a wrap must keep. */
static char *letters(const char *s)
{
	strbuf sb = STRBUF_INIT;
	for (; *s; s++)
		if (*s != ' ' && *s != '\n')
			sb_putc(&sb, *s);
	return sb_detach(&sb);
}

TEST(wrap_long_word)
{
	char *w = wrap("aaaa bbbbbbbbbbbb c", 6, "");
	CHECK_STR(w, "aaaa\nbbbbbb\nbbbbbb\nc\n");
	free(w);
	w = wrap("x https://example.com/a/very/long/path/that/does/not/fit/anywhere/at/all end",
		 20, "  ");
	CHECK_STR(w, "  x\n  https://example.co\n  m/a/very/long/path\n  /that/does/not/fit\n"
		     "  /anywhere/at/all\n  end\n");
	CHECK(widest_ok(w, 20) == 0);
	free(w);
}

TEST(wrap_paragraphs)
{
	char *w = wrap("one two\n\nthree\nfour", 72, "  ");
	CHECK_STR(w, "  one two\n\n  three\n  four\n");
	free(w);
	w = wrap("", 72, "  ");
	CHECK_STR(w, "\n");
	free(w);
	/* runs of spaces fold; no trailing spaces */
	w = wrap("a    b   ", 72, "");
	CHECK_STR(w, "a b\n");
	free(w);
}

TEST(wrap_fills_to_width)
{
	/* exactly 10 columns fit in 10 */
	char *w = wrap("12345 7890 x", 10, "");
	CHECK_STR(w, "12345 7890\nx\n");
	free(w);
}

TEST(wrap_swedish_and_cjk)
{
	const char *sv = "Jag började söka efter ett nytt jobb när lönerevisionen uteblev för "
			 "andra året i rad, och min närmaste chef kunde inte förklara varför. "
			 "Överlag trivdes jag väldigt bra med kollegorna på avdelningen.";
	char *w = wrap(sv, 30, "    ");
	CHECK(widest_ok(w, 30) == 0);
	CHECK(utf8_valid(w, strlen(w), NULL));
	char *a = letters(sv), *b = letters(w);
	CHECK_STR(b, a);
	free(a);
	free(b);
	free(w);

	/* CJK: two columns each and no spaces: broken between characters */
	strbuf cjk = STRBUF_INIT;
	for (int i = 0; i < 60; i++)
		sb_puts(&cjk, i % 3 == 0 ? "漢" : i % 3 == 1 ? "字" : "給");
	for (int width = 5; width <= 72; width += 7) {
		w = wrap(cjk.s, width, "  ");
		CHECK(widest_ok(w, (size_t)width) == 0);
		CHECK(utf8_valid(w, strlen(w), NULL));
		a = letters(cjk.s);
		b = letters(w);
		CHECK_STR(b, a);
		free(a);
		free(b);
		free(w);
	}
	/* odd width: a line of 7 holds three wide characters */
	w = wrap("漢字漢字漢字漢字", 7, "");
	CHECK_STR(w, "漢字漢\n字漢字\n漢字\n");
	free(w);
	/* a combining mark stays with its letter */
	w = wrap("abcde\xcc\x81" "fgh", 5, "");
	CHECK_STR(w, "abcde\xcc\x81\nfgh\n");
	free(w);
	/* emoji are wide */
	w = wrap("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 5, "");
	CHECK_STR(w, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\n\xf0\x9f\x98\x80\n");
	free(w);
	sb_free(&cjk);
}

TEST(wrap_controls)
{
	char *w = wrap("a\x1b[31mred\x1b[0m\tb\rc\x7f" "d\xc2\x9b" "e", 72, "");
	CHECK_STR(w, "a[31mred[0m bcde\n");
	free(w);
	/* invalid UTF-8 becomes U+FFFD (one per bad byte), never a broken sequence */
	w = wrap("x\xff y\xe2\x82", 72, "");
	CHECK_STR(w, "x\xef\xbf\xbd y\xef\xbf\xbd\xef\xbf\xbd\n");
	CHECK(utf8_valid(w, strlen(w), NULL));
	free(w);
	/* bidi overrides would reorder what the reader sees: dropped */
	w = wrap("ab\xe2\x80\xae" "cd", 72, "");
	CHECK_STR(w, "abcd\n");
	free(w);
}

/* ---- a whole interview -------------------------------------------------- */

static interview *sample(void)
{
	char *f1[] = { "What made you start looking?", "Would any scenario have changed your mind?" };
	char *f2[] = { "Can you give an example?" };
	tpl_question qs[] = {
		{ "Reason for leaving", "Why are you leaving us? Take your time; we want the "
					"whole story, including what happened before you decided.",
		  "Listen.", f1, 2 },
		{ "Vad är vi bra på?", "Vad gör vi bra som organisation?", "", f2, 1 },
		{ "研修と能力開発", "Did you get the training and development you needed?", "",
		  NULL, 0 },
		{ "Manager support", "Did you feel supported by your manager?", "", NULL, 0 },
		{ "Next job", "What are you looking for in your next job?", "", NULL, 0 },
	};
	tpl_category cats[] = {
		{ "comp_x", "Compensation and benefits" },
		{ "career_x", "Career growth and development" },
		{ "mgr_x", "Relationship with manager" },
	};
	template t = {
		.name = "standard", .title = "Standard exit interview", .language = "en",
		.description = "", .source = "test",
		.questions = qs, .nquestions = 5, .categories = cats, .ncategories = 3,
		.scale = { "Very poor", "Poor", "Fair", "Good", "Excellent" },
	};
	interview *iv = interview_new(&t);
	iv->id = 42;
	str_set(&iv->employee, "Åsa Öberg-Lindqvist");
	str_set(&iv->role, "Senior utvecklare");
	str_set(&iv->department, "Plattform & drift");
	str_set(&iv->manager, "Kim Lee");
	str_set(&iv->interviewer, "Per Hansson");
	str_set(&iv->start_date, "2019-03-01");
	str_set(&iv->last_day, "2024-05-31");
	str_set(&iv->interview_date, "2024-05-27");
	iv->separation = SEP_VOLUNTARY;
	str_set(&iv->reason_primary, "comp_x");
	str_set(&iv->reason_secondary, "career_x");
	str_set(&iv->reason_assessed, "mgr_x");
	iv->regrettable = TRI_YES;
	iv->rehire = TRI_YES;
	iv->would_return = TRI_YES;
	str_set(&iv->return_conditions, "If the team got a new manager and a clear path to staff engineer.");
	iv->elapsed = 3900;
	iv->created = 1716800000;
	iv->updated = 1716803900;
	iv->closed = true;
	iv->closed_at = 1716804000;

	iv->q[0].rating = 4;
	iv->q[0].asked[0] = true;
	str_set(&iv->q[0].notes,
		"The salary review was skipped two years in a row. Nobody could explain why.\n"
		"\n"
		"She said: \"I loved the team\" \xe2\x80\x94 but felt stuck.\n"
		"Link: https://intranet.example.com/hr/compensation/reviews/2023/platform-and-operations/summary");
	iv->q[1].rating = 5;
	iv->q[1].asked[0] = true;
	str_set(&iv->q[1].notes, "Kollegorna, kaffet och friheten att välja verktyg. Vi är bra på "
				 "att släppa ofta och på att ta hand om varandra när det brinner.");
	str_set(&iv->q[2].notes,
		"研修の機会はほとんどありませんでした。上司は忙しすぎて、キャリアについて話し合う時間が一度もなかったと言っていました。"
		"\x1b[31mred\x1b[0m \xf0\x9f\x98\x80");
	iv->q[2].rating = 2;
	iv->q[3].skipped = true;
	/* q[4] untouched */
	str_set(&iv->observations, "Calm, but hesitated a long time before answering question 4.");
	str_set(&iv->actions, "Review the salary process for the platform team.\n"
			      "Talk to the manager about career conversations.");
	return iv;
}

TEST(report_content)
{
	interview *iv = sample();
	char *r = report_render(iv);
	CHECK(strncmp(r, "Exit interview report\n=====================\n", 44) == 0);
	CHECK(strstr(r, "Employee:            Åsa Öberg-Lindqvist\n"));
	CHECK(strstr(r, "Template:            Standard exit interview (standard)\n"));
	CHECK(strstr(r, "Stated reason:       Compensation and benefits\n"));
	CHECK(strstr(r, "Second reason:       Career growth and development\n"));
	CHECK(strstr(r, "Assessed reason:     Relationship with manager\n"));
	CHECK(!strstr(r, "comp_x") && !strstr(r, "mgr_x"));   /* labels, not keys */
	CHECK(strstr(r, "Separation:          Voluntary\n"));
	CHECK(strstr(r, "Regrettable loss:    Yes\n"));
	CHECK(strstr(r, "Eligible for rehire: Yes\n"));
	CHECK(strstr(r, "Interview time:      1 h 05 min\n"));
	CHECK(strstr(r, "Status:              Closed at "));
	CHECK(strstr(r, "Conditions:          If the team got a new manager"));
	CHECK(strstr(r, "1.  Reason for leaving\n    Why are you leaving us?"));
	CHECK(strstr(r, "    Rating: 4/5 \xe2\x80\x94 Good\n"));
	CHECK(strstr(r, "      [x] What made you start looking?\n"));
	CHECK(strstr(r, "      [ ] Would any scenario have changed your mind?\n"));
	/* paragraphs kept: the blank line between the two notes paragraphs */
	CHECK(strstr(r, "explain why.\n\n      She said:"));
	CHECK(strstr(r, "4.  Manager support\n    Did you feel supported by your manager?\n\n"
			"    Skipped.\n"));
	CHECK(strstr(r, "5.  Next job\n"));
	CHECK(strstr(r, "    Rating: not rated\n    Notes:\n      (no notes)\n"));
	CHECK(strstr(r, "\nObservations (non-verbal)\n-------------------------\n\n  Calm,"));
	CHECK(strstr(r, "\nAction items\n------------\n\n  Review the salary"));
	CHECK(strstr(r, "  Average rating: 3.67 (3 of 5 questions rated)\n"));
	/* the ESC bytes are gone, the rest of the sequence is plain text */
	CHECK(strstr(r, "[31mred[0m"));
	CHECK(strchr(r, '\x1b') == NULL);
	free(r);
	interview_free(iv);
}

TEST(report_safe_everywhere)
{
	interview *iv = sample();
	/* controls and long words in every field that is printed */
	str_set(&iv->employee, "Bad\x1b]0;title\x07Name\tX");
	str_set(&iv->department, "Avdelningen för långa namn som aldrig tar slut och fortsätter och fortsätter");
	str_set(&iv->q[4].title, "En väldigt lång frågetitel som inte får plats i poängtabellen utan att kortas av");
	str_set(&iv->q[4].notes, "Supercalifragilisticexpialidocious-Antidisestablishmentarianism-"
				 "Pneumonoultramicroscopicsilicovolcanoconiosis\r\nnext\x9b" "line\xff");
	char *r = report_render(iv);
	int bad = widest_ok(r, REPORT_WIDTH);
	if (bad)
		printf("# line %d too wide\n", bad);
	CHECK(bad == 0);
	CHECK(utf8_valid(r, strlen(r), NULL));
	CHECK(no_controls(r));
	CHECK(strstr(r, "Employee:            Bad]0;titleName X\n"));
	/* no trailing spaces */
	CHECK(strstr(r, " \n") == NULL);
	free(r);
	interview_free(iv);
}

TEST(report_scorecard_aligned)
{
	interview *iv = sample();
	char *r = report_render(iv);
	const char *sc = strstr(r, "\nScorecard\n---------\n\n");
	CHECK(sc);
	/* rating cells start at one display column on every row */
	const char *cells[] = { "Rating", "4/5 \xe2\x80\x94 Good", "5/5 \xe2\x80\x94 Excellent",
				"2/5 \xe2\x80\x94 Poor", "skipped", "\xe2\x80\x94" };
	const char *line = sc + strlen("\nScorecard\n---------\n\n");
	size_t col = 0;
	int rows = 0;
	while (*line && strncmp(line, "  Average", 9) != 0) {
		const char *nl = strchr(line, '\n');
		CHECK(nl);
		if (line[2] != '-' && nl > line) {
			const char *hit = NULL;
			for (size_t k = 0; k < EV_ARRAY_LEN(cells) && !hit; k++) {
				const char *h = strstr(line, cells[k]);
				if (h && h < nl && h[strlen(cells[k])] == '\n')
					hit = h;
			}
			CHECK(hit);
			size_t c = utf8_width(line, (size_t)(hit - line));
			if (rows == 0)
				col = c;
			CHECK_INT(c, col);
			rows++;
		}
		line = nl + 1;
	}
	CHECK_INT(rows, 6);   /* header + 5 questions */
	CHECK(strstr(r, "  1  Reason for leaving"));
	CHECK(strstr(r, "  3  研修と能力開発"));
	free(r);
	interview_free(iv);
}

TEST(report_empty_interview)
{
	interview *iv = interview_blank();
	char *r = report_render(iv);
	CHECK(strstr(r, "Employee:            \xe2\x80\x94\n"));
	CHECK(strstr(r, "Status:              Open\n"));
	CHECK(strstr(r, "Average rating: \xe2\x80\x94 (no ratings)") || strstr(r, "(no questions)"));
	CHECK(strstr(r, "\nObservations (non-verbal)\n-------------------------\n\n  (no notes)\n"));
	CHECK(widest_ok(r, REPORT_WIDTH) == 0);
	free(r);
	interview_free(iv);
}

TEST(report_deterministic)
{
	interview *iv = sample();
	char *a = report_render(iv);
	struct timespec ts = { 1, 100000000 };
	nanosleep(&ts, NULL);
	char *b = report_render(iv);
	CHECK_STR(a, b);
	free(a);
	free(b);
	interview_free(iv);
}

/* The whole report of the sample, byte for byte (TZ=UTC). */
TEST(report_golden)
{
	const char *top = getenv("EXITVIEW_TOP");
	char *path = xasprintf("%s/tests/data/report/sample.txt", top ? top : ".");
	size_t len;
	char *want = fs_read_file(path, &len);
	if (!want)
		printf("# %s\n", ev_lasterr());
	CHECK(want);
	interview *iv = sample();
	char *got = report_render(iv);
	if (getenv("EXITVIEW_UPDATE_GOLDEN") && strcmp(got, want) != 0)
		fs_write_atomic(path, got, strlen(got));
	CHECK_STR(got, want);
	free(got);
	free(want);
	free(path);
	interview_free(iv);
}

/* The manager's version: what is the interviewer's own and what the
 * template marks private is left out, the rest is as in the full report. */
TEST(report_for_manager)
{
	interview *iv = sample();
	iv->q[0].private = true;          /* rated, notes, a follow-up asked */
	iv->q[3].private = true;          /* skipped */
	char *full = report_render(iv);
	char *r = report_render_for_manager(iv);
	const char *top = "Exit interview report for the manager\n"
		      "=====================================\n\n"
		      "The manager's version: it leaves out the interviewer's observations and\n"
		      "assessment (assessed reason, regrettable loss, eligible for rehire) and\n"
		      "the answers to 2 questions the template marks private.\n\n"
		      "Interview:           42\n";
	CHECK(strncmp(r, top, strlen(top)) == 0);
	/* left out */
	CHECK(!strstr(r, "Observations (non-verbal)"));
	CHECK(!strstr(r, "Calm, but hesitated"));
	CHECK(!strstr(r, "Assessed reason"));
	CHECK(!strstr(r, "Relationship with manager"));
	CHECK(!strstr(r, "Regrettable loss"));
	CHECK(!strstr(r, "Eligible for rehire"));
	CHECK(!strstr(r, "salary review"));
	CHECK(!strstr(r, "Rating: 4/5"));
	CHECK(!strstr(r, "4/5 \xe2\x80\x94 Good"));
	CHECK(!strstr(r, "[x] What made you start looking?"));
	CHECK(!strstr(r, "Skipped."));
	CHECK(!strstr(r, "skipped"));
	/* a private question is named, its answer is not */
	CHECK(strstr(r, "1.  Reason for leaving\n    Why are you leaving us?"));
	CHECK(strstr(r, "\n\n    Private: its answer is not in the manager's version.\n\n2.  "));
	CHECK(strstr(r, "4.  Manager support\n    Did you feel supported by your manager?\n\n"
			"    Private: its answer is not in the manager's version.\n\n5.  "));
	/* kept */
	CHECK(strstr(r, "Employee:            Åsa Öberg-Lindqvist\n"));
	CHECK(strstr(r, "Manager:             Kim Lee\n"));
	CHECK(strstr(r, "Stated reason:       Compensation and benefits\n"));
	CHECK(strstr(r, "Second reason:       Career growth and development\n"));
	CHECK(strstr(r, "Separation:          Voluntary\n"));
	CHECK(strstr(r, "Would return:        Yes\n"));
	CHECK(strstr(r, "Conditions:          If the team got a new manager"));
	CHECK(strstr(r, "Status:              Closed at "));
	CHECK(strstr(r, "    Rating: 5/5 \xe2\x80\x94 Excellent\n"));
	CHECK(strstr(r, "Kollegorna, kaffet"));
	CHECK(strstr(r, "\nAction items\n------------\n\n  Review the salary"));
	CHECK(strstr(r, "  1  Reason for leaving"));
	CHECK(strstr(r, "  private\n"));
	CHECK(strstr(r, "  Average rating: 3.50 (2 of 3 questions rated)\n"));
	CHECK(widest_ok(r, REPORT_WIDTH) == 0);
	CHECK(no_controls(r));
	/* deterministic, and the full report does not depend on the marks */
	char *again = report_render_for_manager(iv);
	CHECK_STR(again, r);
	iv->q[0].private = iv->q[3].private = false;
	char *unmarked = report_render(iv);
	CHECK_STR(unmarked, full);
	free(unmarked);
	free(again);
	free(r);
	free(full);
	interview_free(iv);
}

/* Without a private question the heading says only what is always left out. */
TEST(report_for_manager_nothing_private)
{
	interview *iv = sample();
	char *r = report_render_for_manager(iv);
	CHECK(strstr(r, "observations and\nassessment (assessed reason, regrettable loss, eligible for rehire).\n\n"));
	CHECK(!strstr(r, "private"));
	CHECK(strstr(r, "salary review"));
	CHECK(strstr(r, "4.  Manager support\n    Did you feel supported by your manager?\n\n"
			"    Skipped.\n"));
	CHECK(strstr(r, "  Average rating: 3.67 (3 of 5 questions rated)\n"));
	free(r);
	interview_free(iv);
}

TEST(file_name)
{
	interview *iv = interview_blank();
	iv->id = 7;
	str_set(&iv->employee, "Åsa Öberg-Lind");
	char *n = report_file_name(iv);
	CHECK_STR(n, "exitview-7-Asa-Oberg-Lind.txt");
	free(n);
	str_set(&iv->employee, "../../etc/passwd");
	n = report_file_name(iv);
	CHECK_STR(n, "exitview-7-etc-passwd.txt");
	free(n);
	str_set(&iv->employee, "李明");
	n = report_file_name(iv);
	CHECK_STR(n, "exitview-7.txt");
	free(n);
	str_set(&iv->employee, "");
	n = report_file_name(iv);
	CHECK_STR(n, "exitview-7.txt");
	free(n);
	str_set(&iv->employee, "J. R. R. Tolkien.");
	n = report_file_name(iv);
	CHECK_STR(n, "exitview-7-J.-R.-R.-Tolkien.txt");
	free(n);
	/* the manager's version never has the full report's name */
	n = report_manager_file_name(iv);
	CHECK_STR(n, "exitview-7-J.-R.-R.-Tolkien-manager.txt");
	free(n);
	str_set(&iv->employee, "李明");
	n = report_manager_file_name(iv);
	CHECK_STR(n, "exitview-7-manager.txt");
	free(n);
	interview_free(iv);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	RUN(wrap_long_word);
	RUN(wrap_paragraphs);
	RUN(wrap_fills_to_width);
	RUN(wrap_swedish_and_cjk);
	RUN(wrap_controls);
	RUN(report_content);
	RUN(report_safe_everywhere);
	RUN(report_scorecard_aligned);
	RUN(report_empty_interview);
	RUN(report_deterministic);
	RUN(report_golden);
	RUN(report_for_manager);
	RUN(report_for_manager_nothing_private);
	RUN(file_name);
	return unit_done();
}
