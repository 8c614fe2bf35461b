/* test_template.c — the INI layer (ini.h) and question templates
 * (template.h): the shipped templates, the built-in copies, lookup, listing,
 * and every kind of broken file with its exact FILE:LINE message.
 *
 * Run from the repository top (tests/run.sh does; $EXITVIEW_TOP is used if
 * set).  Whatever iniparser might print is captured: the last test checks
 * that nothing reached stderr. */
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exitview/builtin.h"
#include "exitview/config.h"
#include "exitview/fsutil.h"
#include "exitview/ini.h"
#include "exitview/interview.h"
#include "exitview/template.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

#define TD "tests/data/templates/"

static char tmp[256];          /* a scratch directory, removed at the end */

static char *tmp_path(const char *name)
{
	return fs_join(tmp, name);
}

static void write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
		printf("FAIL setup: cannot write %s\n", path);
		exit(1);
	}
	close(fd);
}

/* A file in the scratch directory; returns its path (malloc'd). */
static char *scratch(const char *name, const char *data, size_t len)
{
	char *p = tmp_path(name);
	write_file(p, data, len);
	return p;
}

static char *slurp(const char *path, size_t *len)
{
	char *s = fs_read_file(path, len);
	if (!s) {
		printf("FAIL setup: %s\n", ev_lasterr());
		exit(1);
	}
	return s;
}

/* template_load_file(path) must fail with exactly msg. */
#define EXPECT_TPL_ERROR(path, msg) do { \
	template *t_ = template_load_file(path); \
	if (t_) { template_free(t_); CHECK(!"template loaded but should not"); } \
	CHECK_STR(ev_lasterr(), msg); } while (0)

/* ---- the shipped templates ------------------------------------------------ */

static void check_shape(const template *t, int *ok)
{
	*ok = 0;
	if (!t->title[0] || !t->language[0] || t->ncategories < 2 || t->nquestions < 1)
		return;
	for (int i = 0; i < TPL_SCALE; i++)
		if (!t->scale[i] || !t->scale[i][0])
			return;
	for (int i = 0; i < t->nquestions; i++) {
		const tpl_question *q = &t->questions[i];
		if (!q->title[0] || !q->prompt[0] || !q->hint[0] || q->nfollowups < 1)
			return;
		if (utf8_width(q->title, strlen(q->title)) > 30)
			return;
		for (int k = 0; k < q->nfollowups; k++)
			if (!q->followups[k][0])
				return;
	}
	*ok = 1;
}

TEST(shipped_standard)
{
	template *t = template_load_file("config/templates/standard.ini");
	CHECK(t != NULL);
	int ok;
	check_shape(t, &ok);
	CHECK(ok);
	CHECK_STR(t->name, "standard");
	CHECK_STR(t->source, "config/templates/standard.ini");
	CHECK_STR(t->language, "en");
	CHECK_INT(t->nquestions, 7);
	CHECK_STR(t->questions[0].title, "Reason for leaving");
	CHECK_STR(t->questions[0].prompt, "Why have you decided to leave?");
	CHECK_STR(t->scale[0], "Very poor");
	CHECK_STR(t->scale[4], "Excellent");
	CHECK_STR(t->categories[0].key, "compensation");
	CHECK_STR(t->categories[t->ncategories - 1].key, "other");
	template_free(t);
}

TEST(shipped_leader)
{
	template *t = template_load_file("config/templates/leader.ini");
	CHECK(t != NULL);
	int ok;
	check_shape(t, &ok);
	CHECK(ok);
	CHECK_STR(t->name, "leader");
	CHECK(t->nquestions >= 8 && t->nquestions <= 10);
	template_free(t);
}

/* The Swedish set is a translation: same categories in the same order, same
 * number of questions and follow-ups, Swedish text. */
TEST(shipped_swedish_matches_standard)
{
	template *en = template_load_file("config/templates/standard.ini");
	template *sv = template_load_file("config/templates/standard-sv.ini");
	CHECK(en && sv);
	int ok;
	check_shape(sv, &ok);
	CHECK(ok);
	CHECK_STR(sv->name, "standard-sv");
	CHECK_STR(sv->language, "sv");
	CHECK_INT(sv->nquestions, en->nquestions);
	CHECK_INT(sv->ncategories, en->ncategories);
	for (int i = 0; i < en->ncategories; i++)
		CHECK_STR(sv->categories[i].key, en->categories[i].key);
	for (int i = 0; i < en->nquestions; i++)
		CHECK_INT(sv->questions[i].nfollowups, en->questions[i].nfollowups);
	CHECK_STR(sv->scale[4], "Utmärkt");
	CHECK(strstr(sv->questions[0].prompt, "sluta") != NULL);
	template_free(en);
	template_free(sv);
}

/* The guide's cycle in every built-in template: opening and closing
 * checklists, no rating for the reason and the next job, {reason} in the
 * question that asks whether they would reconsider. */
TEST(shipped_guide_cycle)
{
	static const char *const files[] = { "config/templates/standard.ini",
		"config/templates/standard-sv.ini", "config/templates/leader.ini" };
	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		template *t = template_load_file(files[f]);
		CHECK(t != NULL);
		if (!t)
			continue;
		CHECK(t->opening.nitems >= 3 && t->closing.nitems >= 3);
		CHECK(t->question_norating[0]);
		CHECK(!t->question_norating[1]);
		bool reason = false;
		for (int i = 0; i < t->nquestions; i++)
			reason |= strstr(t->questions[i].prompt, "{reason}") != NULL;
		CHECK(reason);
		template_free(t);
	}
	template *en = template_load_file("config/templates/standard.ini");
	template *sv = template_load_file("config/templates/standard-sv.ini");
	CHECK(en && sv);
	if (en && sv) {
		CHECK_STR(en->opening.title, "Opening");
		CHECK_STR(sv->closing.title, "Avslutning");
		CHECK_INT(sv->opening.nitems, en->opening.nitems);
		CHECK_INT(sv->closing.nitems, en->closing.nitems);
		for (int i = 0; i < en->nquestions; i++)
			CHECK(sv->question_norating[i] == en->question_norating[i]);
		CHECK(en->question_norating[5] && strstr(en->questions[5].title, "next job"));
	}
	template_free(en);
	template_free(sv);
}

static const char guide_head[] =
	"[template]\ntitle = T\n[scale]\n1 = a\n2 = b\n3 = c\n4 = d\n5 = e\n"
	"[categories]\nx = X\ny = Y\n[question 1]\ntitle = Q\nprompt = P\n";

/* A template made of guide_head and more, loaded from memory. */
static template *guide_template(const char *more)
{
	char text[1024];
	snprintf(text, sizeof text, "%s%s", guide_head, more);
	return template_load_mem("g", "g.ini", text, strlen(text));
}

TEST(guide_sections)
{
	template *t = guide_template("rating = no\n[opening]\nitem2 = two\nitem1 = one\n"
				     "[closing]\ntitle = Slut\nitem1 = thanks\n");
	CHECK(t != NULL);
	if (t) {
		CHECK(t->question_norating[0]);
		CHECK_INT(t->opening.nitems, 2);
		CHECK_STR(t->opening.items[0], "one");
		CHECK_STR(t->opening.title, "Opening");
		CHECK_STR(t->closing.title, "Slut");
		template_free(t);
	}
	t = guide_template("");
	CHECK(t && t->opening.nitems == 0 && t->closing.nitems == 0 && !t->question_norating[0]);
	template_free(t);
	struct { const char *more, *err; } bad[] = {
		{ "rating = sometimes\n", "g.ini:15: rating must be yes or no" },
		{ "[opening]\n", "g.ini:15: [opening] has no items (item1, item2 ...)" },
		{ "[opening]\nitem2 = b\n", "g.ini:16: item1 is missing: items must be numbered" },
		{ "[closing]\nitem1 =\n", "g.ini:16: item1 is empty" },
		{ "[closing]\nitem21 = x\n", "g.ini:16: too many items: item21 (at most 20)" },
		{ "[closing]\ntitle = A title far too long for the question list\nitem1 = x\n",
		  "g.ini:16: title is 42 columns wide, at most 30" },
		{ "[opening]\nnote = x\n", "g.ini:16: unknown key 'note' in [opening]" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		t = guide_template(bad[i].more);
		CHECK(t == NULL);
		template_free(t);
		if (strncmp(ev_lasterr(), bad[i].err, strlen(bad[i].err)) != 0)
			CHECK_STR(ev_lasterr(), bad[i].err);
	}
}

/* Every built-in template is the file in config/ byte for byte, and loads. */
TEST(builtin_copies)
{
	int n = 0;
	for (const struct builtin_file *b = builtin_files; b->name; b++) {
		if (strncmp(b->name, "templates/", 10) != 0)
			continue;
		n++;
		char *path = fs_join("config", b->name);
		size_t len;
		char *disk = slurp(path, &len);
		CHECK_INT(b->len, len);
		CHECK(memcmp(b->data, disk, len) == 0);
		free(disk);
		free(path);
		char *name = xstrndup(b->name + 10, strlen(b->name) - 14);
		char *label = xasprintf("built-in %s", b->name);
		template *t = template_load_mem(name, label, b->data, b->len);
		free(label);
		CHECK(t != NULL);
		CHECK_STR(t->name, name);
		free(name);
		CHECK(t->nquestions >= 7);
		template_free(t);
	}
	CHECK_INT(n, 3);
}

/* ---- the INI layer --------------------------------------------------------- */

TEST(ini_values_lines_order)
{
	ini *f = ini_load_file(TD "valid.ini");
	CHECK(f != NULL);
	CHECK_STR(ini_label(f), TD "valid.ini");
	CHECK_INT(ini_nsections(f), 5);
	CHECK_STR(ini_section_name(f, 0), "template");
	CHECK_STR(ini_section_name(f, 3), "question 2");
	CHECK_STR(ini_section_name(f, 4), "question 1");
	CHECK_INT(ini_find_section(f, "QUESTION 1"), 4);
	CHECK_INT(ini_find_section(f, "nope"), -1);
	/* quotes keep ';' and '#'; a comment may follow a quoted value */
	CHECK_STR(ini_get(f, "template", "title"), "Quoted; title # kept");
	CHECK_STR(ini_get(f, "TEMPLATE", "Title"), "Quoted; title # kept");
	CHECK_STR(ini_get(f, "scale", "2"), "Dåligt");
	CHECK_STR(ini_get(f, "question 2", "prompt"), "Andra frågan?");
	CHECK_STR(ini_get(f, "question 1", "hint"), "");
	CHECK(ini_get(f, "question 1", "nope") == NULL);
	CHECK(ini_get(f, "nope", "title") == NULL);
	CHECK_INT(ini_line(f, "template", NULL), 3);
	CHECK_INT(ini_line(f, "template", "title"), 4);
	CHECK_INT(ini_line(f, "question 2", "prompt"), 21);
	CHECK_INT(ini_line(f, "question 1", NULL), 24);
	CHECK_INT(ini_line(f, "question 1", "nope"), 0);
	/* keys in file order */
	int q1 = 4;
	CHECK_INT(ini_nkeys(f, q1), 5);
	CHECK_STR(ini_key_name(f, q1, 3), "followup2");
	CHECK_STR(ini_key_value(f, q1, 3), "b");
	CHECK_INT(ini_key_line(f, q1, 3), 28);
	CHECK_STR(ini_key_name(f, 2, 1), "other");
	CHECK(ini_key_name(f, q1, 5) == NULL);
	CHECK_INT(ini_nlines(f), 29);
	ini_free(f);
}

TEST(ini_crlf_same_as_lf)
{
	ini *a = ini_load_file(TD "valid.ini");
	ini *b = ini_load_file(TD "crlf.ini");
	CHECK(a && b);
	CHECK_INT(ini_nsections(a), ini_nsections(b));
	for (int s = 0; s < ini_nsections(a); s++) {
		CHECK_INT(ini_nkeys(a, s), ini_nkeys(b, s));
		CHECK_INT(ini_section_line(a, s), ini_section_line(b, s));
		for (int k = 0; k < ini_nkeys(a, s); k++) {
			CHECK_STR(ini_key_value(a, s, k), ini_key_value(b, s, k));
			CHECK_INT(ini_key_line(a, s, k), ini_key_line(b, s, k));
		}
	}
	ini_free(a);
	ini_free(b);
}

TEST(ini_empty_file)
{
	ini *f = ini_load_mem("empty", "", 0);
	CHECK(f != NULL);
	CHECK_INT(ini_nsections(f), 0);
	CHECK(ini_get(f, "a", "b") == NULL);
	CHECK_INT(ini_line(f, "a", NULL), 0);
	ini_free(f);
}

TEST(ini_key_outside_section)
{
	CHECK(ini_load_file(TD "outside.ini") == NULL);
	CHECK_STR(ev_lasterr(), TD "outside.ini:1: key 'title' is outside any section "
	          "(put a [section] line before it)");
}

/* Continuation lines: the line of a key is where it starts; a syntax error
 * after a joined line is counted in physical lines. */
TEST(ini_continuation_lines)
{
	const char *text = "[a]\nk = one \\\ntwo \\\nthree\nj = x\nnot ini\n";
	CHECK(ini_load_mem("cont.ini", text, strlen(text)) == NULL);
	CHECK_STR(ev_lasterr(), "cont.ini:6: syntax error (expected [section], key = value, "
	          "or a comment)");
	const char *ok = "[a]\nk = one \\\ntwo \\\nthree\nj = x\n; comment \\\nnot ini\n";
	ini *f = ini_load_mem("cont.ini", ok, strlen(ok));
	CHECK(f != NULL);
	CHECK_STR(ini_get(f, "a", "k"), "one two three");
	CHECK_INT(ini_line(f, "a", "k"), 2);
	CHECK_INT(ini_line(f, "a", "j"), 5);
	CHECK_INT(ini_nkeys(f, 0), 2);
	ini_free(f);
}

/* Quotes keep ';' and '#'; text after a closing quote, or a missing closing
 * quote, would lose words silently in iniparser: refused. */
TEST(ini_quotes)
{
	const char *ok = "[a]\nk = \"a;b # c\" ; comment\nj = ''\nl = \"\"\nm = 'x y'\n"
	                 "n = say \"hi\" there\n";
	ini *f = ini_load_mem("q.ini", ok, strlen(ok));
	CHECK(f != NULL);
	CHECK_STR(ini_get(f, "a", "k"), "a;b # c");
	CHECK_STR(ini_get(f, "a", "j"), "");
	CHECK_STR(ini_get(f, "a", "l"), "");
	CHECK_STR(ini_get(f, "a", "m"), "x y");
	CHECK_STR(ini_get(f, "a", "n"), "say \"hi\" there");
	ini_free(f);
	const char *after = "[a]\nk = 1\nprompt = \"Why?\" (ask gently)\n";
	CHECK(ini_load_mem("q.ini", after, strlen(after)) == NULL);
	CHECK_STR(ev_lasterr(), "q.ini:3: text after the closing quote (\") would be lost: "
	          "quote the whole value");
	const char *open_q = "[a]\nk = 'unterminated\n";
	CHECK(ini_load_mem("q.ini", open_q, strlen(open_q)) == NULL);
	CHECK_STR(ev_lasterr(), "q.ini:2: missing closing quote (')");
}

/* An unquoted ';' or '#' would begin a comment inside the value and cut it
 * short without a word ("Was it #1 for you; or not?" became "Was it"):
 * refused with FILE:LINE and what to do; quoted, it is kept. */
TEST(ini_unquoted_comment_chars)
{
	const char *cut = "[template]\ntitle = T\n[question 1]\nprompt = Was it #1 for you; or not?\n";
	CHECK(ini_load_mem("q.ini", cut, strlen(cut)) == NULL);
	CHECK_STR(ev_lasterr(), "q.ini:4: the value of 'prompt' holds '#', where a comment would "
	          "begin and cut the value short: put the whole value in double quotes (\"...\")");
	char *path = scratch("cut.ini", cut, strlen(cut));
	CHECK(ini_load_file(path) == NULL);
	char *want = xasprintf("%s:4: the value of 'prompt' holds '#'", path);
	CHECK(strncmp(ev_lasterr(), want, strlen(want)) == 0);
	free(want);
	CHECK(template_load_file(path) == NULL);
	free(path);
	const char *cases[][2] = {
		{ "[a]\nk = 1 ; the default\n", "q.ini:2: the value of 'k' holds ';'" },
		{ "[a]\nk = ; nothing\n", "q.ini:2: the value of 'k' holds ';'" },
		{ "[a]\nk = #\n", "q.ini:2: the value of 'k' holds '#'" },
		{ "[a]\nj = x\nk = one \\\ntwo; three\n", "q.ini:3: the value of 'k' holds ';'" },
		{ "[a]\nk = say \"a;b\"\n", "q.ini:2: the value of 'k' holds ';'" },
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(cases); i++) {
		CHECK(ini_load_mem("q.ini", cases[i][0], strlen(cases[i][0])) == NULL);
		if (strncmp(ev_lasterr(), cases[i][1], strlen(cases[i][1])) != 0)
			printf("# case %zu: %s\n", i, ev_lasterr());
		CHECK(strncmp(ev_lasterr(), cases[i][1], strlen(cases[i][1])) == 0);
	}
	const char *quoted = "[a]\nk = \"Was it #1 for you; or not?\" ; a comment\n"
	                     "j = 'it''s' \n";
	CHECK(ini_load_mem("q.ini", quoted, strlen(quoted)) == NULL);   /* text after ' */
	quoted = "[a]\nk = \"Was it #1 for you; or not?\" ; a comment\nj = \"\" # empty\n";
	ini *f = ini_load_mem("q.ini", quoted, strlen(quoted));
	CHECK(f != NULL);
	CHECK_STR(ini_get(f, "a", "k"), "Was it #1 for you; or not?");
	CHECK_STR(ini_get(f, "a", "j"), "");
	ini_free(f);
}

/* Two loads of the same text agree: ini_load_mem (ini.c alone, how the
 * built-in files are read, needing no /proc) and ini_load_file (iniparser
 * as well, which must read every value alike or the load fails). */
static const char *ini_agree(const char *name, const char *text, size_t len)
{
	static char why[512];
	char *path = scratch(name, text, len);
	ini *a = ini_load_mem(path, text, len);
	char *err_a = xstrdup(a ? "" : ev_lasterr());
	ini *b = ini_load_file(path);
	char *err_b = xstrdup(b ? "" : ev_lasterr());
	const char *bad = NULL;
	if (!a != !b || strcmp(err_a, err_b) != 0) {
		snprintf(why, sizeof why, "mem: '%s', file: '%s'", err_a, err_b);
		bad = why;
	} else if (a) {
		if (ini_nsections(a) != ini_nsections(b))
			bad = "sections differ";
		for (int s = 0; !bad && s < ini_nsections(a); s++) {
			if (strcmp(ini_section_name(a, s), ini_section_name(b, s)) != 0 ||
			    ini_nkeys(a, s) != ini_nkeys(b, s))
				bad = "a section differs";
			for (int k = 0; !bad && k < ini_nkeys(a, s); k++)
				if (strcmp(ini_key_name(a, s, k), ini_key_name(b, s, k)) != 0 ||
				    strcmp(ini_key_value(a, s, k), ini_key_value(b, s, k)) != 0 ||
				    ini_key_line(a, s, k) != ini_key_line(b, s, k)) {
					snprintf(why, sizeof why, "[%s] %s: '%s' / '%s'",
						 ini_section_name(a, s), ini_key_name(a, s, k),
						 ini_key_value(a, s, k), ini_key_value(b, s, k));
					bad = why;
				}
		}
	}
	ini_free(a);
	ini_free(b);
	free(err_a);
	free(err_b);
	unlink(path);
	free(path);
	return bad;
}

TEST(ini_mem_reads_as_iniparser)
{
	int n = 0;
	for (const struct builtin_file *b = builtin_files; b->name; b++, n++) {
		const char *bad = ini_agree("builtin.ini", b->data, b->len);
		if (bad)
			printf("# %s: %s\n", b->name, bad);
		CHECK(bad == NULL);
	}
	CHECK_INT(n, 4);   /* config.ini and three templates */
	static const char *const texts[] = {
		"[a]\nk = \"a;b # c\" ; comment\nj = ''\nl = \"\"\nm = 'x y'\nn = say \"hi\" there\n",
		"[a]\nk = one \\\ntwo \\\nthree\nj = x\n; comment \\\nnot ini\n",
		"[A B]\n  Key  =   spaced value   \t\r\nempty =\nq = \" kept \"\nr = 'it\"s'\n",
		"[a]\nk = åäö 漢字 😀\n[b]\nk = = two = signs\n",
		"\xEF\xBB\xBF[a]\nk = v\n",
		"[a]\nk = \"unterminated\n",
		"[a]\nnot ini\n",
		"[a]\nk = \"x\" tail\n",
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(texts); i++) {
		const char *bad = ini_agree("snippet.ini", texts[i], strlen(texts[i]));
		if (bad)
			printf("# snippet %zu: %s\n", i, bad);
		CHECK(bad == NULL);
	}
}

TEST(ini_bad_section_names)
{
	const char *t1 = "[a]\nk = 1\n[ ]\n";
	CHECK(ini_load_mem("s.ini", t1, strlen(t1)) == NULL);
	CHECK_STR(ev_lasterr(), "s.ini:3: empty section name []");
	const char *t2 = "[a:b]\n";
	CHECK(ini_load_mem("s.ini", t2, strlen(t2)) == NULL);
	CHECK_STR(ev_lasterr(), "s.ini:1: section name [a:b] contains ':'");
	const char *t3 = "[a]\nx\ty = 1\nb\x1b[2J = 2\n";
	CHECK(ini_load_mem("s.ini", t3, strlen(t3)) == NULL);
	CHECK_STR(ev_lasterr(), "s.ini:3: control character (byte 0x1b) not allowed");
}

/* ---- broken templates: one exact message each ----------------------------- */

TEST(error_missing_prompt)
{
	EXPECT_TPL_ERROR(TD "missing-prompt.ini",
	                 TD "missing-prompt.ini:20: [question 2] has no prompt");
}

TEST(error_empty_prompt)
{
	EXPECT_TPL_ERROR(TD "empty-prompt.ini", TD "empty-prompt.ini:18: prompt is empty");
}

TEST(error_gap_in_numbering)
{
	EXPECT_TPL_ERROR(TD "gap.ini", TD "gap.ini:24: question 3 is missing: questions must "
	                 "be numbered 1, 2, 3 ... without gaps");
}

TEST(error_empty_template)
{
	EXPECT_TPL_ERROR(TD "empty.ini", TD "empty.ini:1: empty template: no questions "
	                 "(add [question 1], [question 2] ...)");
}

TEST(error_duplicate_section)
{
	EXPECT_TPL_ERROR(TD "dup-section.ini", TD "dup-section.ini:20: duplicate section "
	                 "[question 1] (first at line 16)");
}

TEST(error_duplicate_key)
{
	EXPECT_TPL_ERROR(TD "dup-key.ini", TD "dup-key.ini:19: duplicate key 'title' in "
	                 "[question 1] (first at line 17)");
}

TEST(error_syntax)
{
	EXPECT_TPL_ERROR(TD "syntax.ini", TD "syntax.ini:18: syntax error (expected "
	                 "[section], key = value, or a comment)");
}

TEST(error_unknown_key)
{
	EXPECT_TPL_ERROR(TD "unknown-key.ini", TD "unknown-key.ini:19: unknown key 'colour' "
	                 "in [question 1] (expected title, prompt, hint, private, rating, followup1, followup2 ...)");
}

TEST(error_unknown_section)
{
	EXPECT_TPL_ERROR(TD "unknown-section.ini", TD "unknown-section.ini:20: unknown "
	                 "section [questions] (expected [template], [scale], [categories], "
	                 "[opening], [closing] or [question N])");
}

TEST(error_long_title)
{
	EXPECT_TPL_ERROR(TD "long-title.ini", TD "long-title.ini:17: title is 48 columns "
	                 "wide, at most 30 (it must fit the question list)");
}

TEST(error_followups)
{
	EXPECT_TPL_ERROR(TD "followup-gap.ini", TD "followup-gap.ini:20: followup2 is "
	                 "missing: follow-ups must be numbered 1, 2, 3 ... without gaps");
	EXPECT_TPL_ERROR(TD "followup-many.ini", TD "followup-many.ini:19: too many "
	                 "follow-ups: followup21 (at most 20)");
}

TEST(error_scale_and_categories)
{
	EXPECT_TPL_ERROR(TD "scale-missing.ini", TD "scale-missing.ini:4: [scale] has no "
	                 "label for rating 3 (all of 1 to 5 are needed)");
	EXPECT_TPL_ERROR(TD "one-category.ini", TD "one-category.ini:11: [categories] needs "
	                 "at least 2 categories, it has 1");
	EXPECT_TPL_ERROR(TD "bad-category.ini", TD "bad-category.ini:13: bad category key "
	                 "'work life': use a-z, 0-9, '-' and '_' (at most 32)");
	EXPECT_TPL_ERROR(TD "no-template.ini", TD "no-template.ini:1: no [template] section "
	                 "(it gives the template a title)");
}

TEST(valid_fixture_semantics)
{
	template *t = template_load_file(TD "valid.ini");
	CHECK(t != NULL);
	CHECK_STR(t->name, "valid");
	CHECK_STR(t->title, "Quoted; title # kept");
	CHECK_STR(t->language, "sv");
	CHECK_INT(t->nquestions, 2);
	/* ordered by number, not by position in the file */
	CHECK_STR(t->questions[0].title, "日本語のタイトル");
	CHECK_STR(t->questions[1].prompt, "Andra frågan?");
	CHECK_INT(t->questions[0].nfollowups, 2);
	CHECK_STR(t->questions[0].followups[0], "a");
	CHECK_STR(t->questions[0].followups[1], "b");
	CHECK_STR(t->questions[0].hint, "");
	CHECK_STR(t->questions[1].hint, "");
	CHECK_INT(t->questions[1].nfollowups, 0);
	CHECK_STR(t->categories[1].key, "other");
	CHECK_STR(t->categories[1].label, "Annat");
	template_free(t);
}

/* ---- private = yes: kept out of the manager's report ------------------------ */

static const char private_tpl[] =
	"[template]\ntitle = T\n"
	"[scale]\n1 = a\n2 = b\n3 = c\n4 = d\n5 = e\n"
	"[categories]\nx = X\ny = Y\n"
	"[question 1]\ntitle = One\nprompt = P1\nprivate = yes\n"
	"[question 2]\ntitle = Two\nprompt = P2\nPrivate = No\n"
	"[question 3]\ntitle = Three\nprompt = P3\n"
	"[question 4]\ntitle = Four\nprompt = P4\nprivate = ON\n";

TEST(private_key)
{
	char *p = scratch("private.ini", private_tpl, sizeof private_tpl - 1);
	template *t = template_load_file(p);
	CHECK(t != NULL);
	if (t) {
		CHECK_INT(t->nquestions, 4);
		CHECK(t->question_private[0]);
		CHECK(!t->question_private[1]);
		CHECK(!t->question_private[2]);
		CHECK(t->question_private[3]);
		/* copied into the interview with the rest of the text */
		interview *iv = interview_new(t);
		CHECK(iv->q[0].private && !iv->q[1].private && !iv->q[2].private &&
		      iv->q[3].private);
		interview_free(iv);
		template_free(t);
	}
	free(p);
}

/* A value that is not yes or no is refused at its line, like other keys. */
TEST(private_key_bad_values)
{
	static const char *const bad[] = { "maybe", "", "yes please", "2" };
	for (size_t i = 0; i < EV_ARRAY_LEN(bad); i++) {
		char *text = xasprintf("[template]\ntitle = T\n[scale]\n1 = a\n2 = b\n3 = c\n"
				       "4 = d\n5 = e\n[categories]\nx = X\ny = Y\n"
				       "[question 1]\ntitle = One\nprompt = P1\nprivate = %s\n",
				       bad[i]);
		char *p = scratch("private-bad.ini", text, strlen(text));
		char *msg = xasprintf("%s:15: private must be yes or no (or true/false, on/off, "
				      "1/0), not '%s'", p, bad[i]);
		EXPECT_TPL_ERROR(p, msg);
		free(msg);
		free(p);
		free(text);
	}
}

/* The built-in sets keep the question about the leaver's own manager out
 * of the manager's report, and nothing else. */
TEST(shipped_private_questions)
{
	static const struct { const char *file; int q; } marked[] = {
		{ "config/templates/standard.ini", 4 },
		{ "config/templates/standard-sv.ini", 4 },
		{ "config/templates/leader.ini", 2 },
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(marked); i++) {
		template *t = template_load_file(marked[i].file);
		CHECK(t != NULL);
		if (!t)
			continue;
		for (int k = 0; k < t->nquestions; k++)
			CHECK(t->question_private[k] == (k + 1 == marked[i].q));
		template_free(t);
	}
}

/* ---- broken files made at run time ------------------------------------------ */

TEST(bom_is_stripped)
{
	size_t len;
	char *text = slurp(TD "valid.ini", &len);
	char *with = xmalloc(len + 3);
	memcpy(with, "\xEF\xBB\xBF", 3);
	memcpy(with + 3, text, len);
	char *p = scratch("bom.ini", with, len + 3);
	template *t = template_load_file(p);
	CHECK(t != NULL);
	CHECK_STR(t->title, "Quoted; title # kept");
	template_free(t);
	/* line numbers are unchanged by the mark */
	ini *f = ini_load_file(p);
	CHECK(f != NULL);
	CHECK_INT(ini_line(f, "template", "title"), 4);
	ini_free(f);
	free(p);
	free(with);
	free(text);
}

TEST(nul_byte)
{
	const char text[] = "[template]\ntitle = a\0b\n";
	char *p = scratch("nul.ini", text, sizeof text - 1);
	char *want = xasprintf("%s:2: NUL byte", p);
	EXPECT_TPL_ERROR(p, want);
	free(want);
	free(p);
}

TEST(invalid_utf8)
{
	const char *text = "[template]\ntitle = ok\n\n[scale]\n1 = caf\xe9\n";
	char *p = scratch("latin1.ini", text, strlen(text));
	char *want = xasprintf("%s:5: invalid UTF-8", p);
	EXPECT_TPL_ERROR(p, want);
	free(want);
	free(p);
}

TEST(line_too_long)
{
	/* "x = " + value: 1022 bytes is the limit, 1023 is refused */
	char line[1100];
	memset(line, 'v', sizeof line);
	memcpy(line, "[a]\nx = ", 8);
	ini *f = ini_load_mem("long.ini", line, 4 + 1022);
	CHECK(f != NULL);
	CHECK_INT(strlen(ini_get(f, "a", "x")), 1022 - 4);
	ini_free(f);
	CHECK(ini_load_mem("long.ini", line, 4 + 1023) == NULL);
	CHECK_STR(ev_lasterr(), "long.ini:2: line too long (1023 bytes, at most 1022)");
	/* with a newline after it, and with a joined line */
	line[4 + 1023] = '\n';
	char *p = scratch("long.ini", line, 4 + 1024);
	char *want = xasprintf("%s:2: line too long (1023 bytes, at most 1022)", p);
	EXPECT_TPL_ERROR(p, want);
	free(want);
	free(p);
	const char *joined_head = "[a]\nx = \\\n";
	strbuf sb = STRBUF_INIT;
	sb_puts(&sb, joined_head);
	sb_pad(&sb, 'w', 1019);
	sb_puts(&sb, "\n");
	CHECK(ini_load_mem("j.ini", sb.s, sb.len) == NULL);
	CHECK_STR(ev_lasterr(), "j.ini:3: line too long (1023 bytes joined with the lines "
	          "before it by '\\', at most 1022)");
	sb_free(&sb);
}

TEST(truncated_files)
{
	size_t len;
	char *text = slurp("config/templates/standard-sv.ini", &len);
	/* cut inside "Dåligt": the last line ends in half a character */
	const char *cut = strstr(text, "2 = Då");
	CHECK(cut != NULL);
	size_t n = (size_t)(cut - text) + strlen("2 = D") + 1;
	char *p = scratch("standard-sv.ini", text, n);
	int line = 1;
	for (size_t i = 0; i < n; i++)
		line += text[i] == '\n';
	char *want = xasprintf("%s:%d: invalid UTF-8", p, line);
	EXPECT_TPL_ERROR(p, want);
	free(want);
	/* cut inside a section header */
	cut = strstr(text, "[question 3]");
	n = (size_t)(cut - text) + 6;
	write_file(p, text, n);
	line = 1;
	for (size_t i = 0; i < n; i++)
		line += text[i] == '\n';
	want = xasprintf("%s:%d: syntax error (expected [section], key = value, or a comment)",
	                 p, line);
	EXPECT_TPL_ERROR(p, want);
	free(want);
	/* cut after a whole question: the file is a shorter, valid template */
	cut = strstr(text, "[question 3]");
	write_file(p, text, (size_t)(cut - text));
	template *t = template_load_file(p);
	CHECK(t != NULL);
	CHECK_INT(t->nquestions, 2);
	template_free(t);
	/* cut between a question header and its keys */
	write_file(p, text, (size_t)(cut - text) + strlen("[question 3]\n"));
	line = 1;
	for (const char *c = text; c < cut; c++)
		line += *c == '\n';
	want = xasprintf("%s:%d: [question 3] has no title", p, line);
	EXPECT_TPL_ERROR(p, want);
	free(want);
	free(p);
	free(text);
}

TEST(ten_thousand_questions)
{
	strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "[template]\ntitle = Huge\n[scale]\n1 = a\n2 = b\n3 = c\n4 = d\n5 = e\n"
	        "[categories]\na = A\nb = B\n");
	int line101 = 0, line = 11;
	for (int i = 1; i <= 10000; i++) {
		if (i == 101)
			line101 = line + 1;
		sb_printf(&sb, "[question %d]\ntitle = Q%d\nprompt = Question %d?\n", i, i, i);
		line += 3;
	}
	char *p = scratch("huge.ini", sb.s, sb.len);
	char *want = xasprintf("%s:%d: too many questions: [question 101] (at most %d)", p,
	                       line101, TPL_MAX_QUESTIONS);
	EXPECT_TPL_ERROR(p, want);
	free(want);
	free(p);
	sb_free(&sb);
}

TEST(directory_fifo_symlink_missing)
{
	char *d = tmp_path("dir.ini");
	CHECK(mkdir(d, 0700) == 0);
	char *want = xasprintf("%s is not a regular file", d);
	EXPECT_TPL_ERROR(d, want);
	free(want);

	char *fifo = tmp_path("fifo.ini");
	CHECK(mkfifo(fifo, 0600) == 0);
	want = xasprintf("%s is not a regular file", fifo);
	EXPECT_TPL_ERROR(fifo, want);   /* and does not hang */
	free(want);

	char *link = tmp_path("link.ini");
	char *target = realpath("config/templates/standard.ini", NULL);
	CHECK(target && symlink(target, link) == 0);
	want = xasprintf("%s is a symbolic link: refusing to follow it", link);
	EXPECT_TPL_ERROR(link, want);
	free(want);

	EXPECT_TPL_ERROR(TD "no-such-file.ini", "cannot open " TD "no-such-file.ini: No such "
	                 "file or directory");
	free(target);
	free(link);
	free(fifo);
	free(d);
}

TEST(unreadable_file)
{
	size_t len;
	char *text = slurp(TD "valid.ini", &len);
	char *p = scratch("secret.ini", text, len);
	CHECK(chmod(p, 0) == 0);
	char *want = xasprintf("cannot open %s: Permission denied", p);
	if (geteuid() == 0) {
		/* root reads it anyway: the load is made as nobody, in a child */
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
				_exit(3);
			template *t = template_load_file(p);
			_exit(t ? 1 : strcmp(ev_lasterr(), want) == 0 ? 0 : 2);
		}
		int status = -1;
		CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status));
		if (WEXITSTATUS(status) == 3) {
			free(want);
			free(p);
			free(text);
			SKIP("running as root and cannot become nobody to be refused");
		}
		CHECK_INT(WEXITSTATUS(status), 0);   /* 1: loaded; 2: another message */
	} else {
		EXPECT_TPL_ERROR(p, want);
	}
	free(want);
	free(p);
	free(text);
}

/* ---- lookup and listing ------------------------------------------------------ */

static void set_env_dirs(void)
{
	char *conf = tmp_path("xdg");
	setenv("XDG_CONFIG_HOME", conf, 1);
	free(conf);
}

TEST(find_builtin_and_unknown)
{
	set_env_dirs();
	template *t = template_find(NULL, "standard");
	CHECK(t != NULL);
	CHECK_STR(t->name, "standard");
	CHECK_INT(t->nquestions, 7);
	CHECK(strstr(t->source, "templates/standard.ini") != NULL);
	template_free(t);
	t = template_find(NULL, "standard-sv");
	CHECK(t != NULL);
	CHECK_STR(t->language, "sv");
	template_free(t);
	CHECK(template_find(NULL, "nosuch") == NULL);
	CHECK_STR(ev_lasterr(), "unknown template 'nosuch'");
	CHECK(template_find(NULL, "../standard") == NULL);
	CHECK_STR(ev_lasterr(), "invalid template name '../standard': use letters, digits, "
	          "'-' and '_'");
	CHECK(template_find(NULL, "templates/standard") == NULL);
	CHECK_STR(ev_lasterr(), "invalid template name 'templates/standard': use letters, "
	          "digits, '-' and '_'");
	CHECK(template_find(NULL, "") == NULL);
	CHECK(strncmp(ev_lasterr(), "invalid template name", 21) == 0);
}

TEST(find_lookup_order)
{
	set_env_dirs();
	size_t len;
	char *valid = slurp(TD "valid.ini", &len);
	char *xdg = tmp_path("xdg/exitview/templates");
	CHECK(fs_mkdir_private(xdg) == 0);
	char *user = fs_join(xdg, "standard.ini");
	write_file(user, valid, len);
	char *own = tmp_path("own");
	CHECK(mkdir(own, 0700) == 0);
	char *ownfile = fs_join(own, "standard.ini");
	const char *mine = "[template]\ntitle = Mine\n[scale]\n1=a\n2=b\n3=c\n4=d\n5=e\n"
	                   "[categories]\na=A\nb=B\n[question 1]\ntitle=T\nprompt=P\n";
	write_file(ownfile, mine, strlen(mine));

	settings cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.template_dir = own;
	template *t = template_find(&cfg, "standard");
	CHECK(t != NULL);
	CHECK_STR(t->title, "Mine");
	CHECK_STR(t->source, ownfile);
	template_free(t);
	/* without the config's directory, the user's one is next */
	t = template_find(NULL, "standard");
	CHECK(t != NULL);
	CHECK_STR(t->title, "Quoted; title # kept");
	CHECK_STR(t->source, user);
	template_free(t);
	/* a broken first match is an error, not a silent fall-back */
	write_file(ownfile, "[template]\n", 11);
	CHECK(template_find(&cfg, "standard") == NULL);
	char *want = xasprintf("%s:1: [template] has no title", ownfile);
	CHECK_STR(ev_lasterr(), want);
	free(want);
	/* a symlink in a template directory is refused */
	CHECK(unlink(ownfile) == 0);
	CHECK(symlink(user, ownfile) == 0);
	CHECK(template_find(&cfg, "standard") == NULL);
	want = xasprintf("%s is a symbolic link: refusing to follow it", ownfile);
	CHECK_STR(ev_lasterr(), want);
	free(want);
	CHECK(unlink(ownfile) == 0);
	CHECK(unlink(user) == 0);
	free(ownfile);
	free(own);
	free(user);
	free(xdg);
	free(valid);
}

TEST(list_templates)
{
	set_env_dirs();
	char *own = tmp_path("listdir");
	CHECK(mkdir(own, 0700) == 0);
	char *broken = fs_join(own, "broken.ini");
	const char *btext = "[template]\ntitle = x\n[question 2]\n";
	write_file(broken, btext, strlen(btext));
	size_t len;
	char *valid = slurp(TD "valid.ini", &len);
	char *shadow = fs_join(own, "leader.ini");
	write_file(shadow, valid, len);
	char *ignored = fs_join(own, "bad name.ini");
	write_file(ignored, valid, len);
	char *notini = fs_join(own, "readme.txt");
	write_file(notini, "hello\n", 6);

	settings cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.template_dir = own;
	tpl_entry *v;
	int n;
	CHECK(template_list(&cfg, &v, &n) == 0);
	CHECK_INT(n, 4);
	CHECK_STR(v[0].name, "broken");
	CHECK_INT(v[0].nquestions, -1);
	CHECK(v[0].error != NULL);
	char *want = xasprintf("%s:3: [question 2] has no title", broken);
	CHECK_STR(v[0].error, want);
	free(want);
	CHECK_STR(v[1].name, "leader");
	CHECK_STR(v[1].source, shadow);
	CHECK_STR(v[1].title, "Quoted; title # kept");
	CHECK_INT(v[1].nquestions, 2);
	CHECK(v[1].error == NULL);
	CHECK_STR(v[2].name, "standard");
	CHECK_INT(v[2].nquestions, 7);
	CHECK_STR(v[3].name, "standard-sv");
	CHECK_STR(v[3].title, "Avgångssamtal, standard");
	template_list_free(v, n);

	/* without a config: just the three built-in ones */
	CHECK(template_list(NULL, &v, &n) == 0);
	CHECK_INT(n, 3);
	CHECK_STR(v[0].name, "leader");
	CHECK(v[0].error == NULL);
	template_list_free(v, n);
	free(notini);
	free(ignored);
	free(shadow);
	free(broken);
	free(own);
	free(valid);
}

/* ---- stderr ---------------------------------------------------------------- */

/* Nothing iniparser (or anyone) printed may reach the user's terminal. */
TEST(nothing_on_stderr)
{
	char *s = unit_stderr(NULL);
	if (*s) {
		printf("FAIL nothing_on_stderr: got: %s\n", s);
		unit_failed_now = 1;
	}
	free(s);
}

int main(void)
{
	const char *top = getenv("EXITVIEW_TOP");
	if (top && chdir(top) != 0) {
		printf("FAIL setup: cannot cd to %s\n", top);
		return 1;
	}
	snprintf(tmp, sizeof tmp, "%s/exitview-test-template-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp)) {
		printf("FAIL setup: mkdtemp\n");
		return 1;
	}
	unsetenv("XDG_CONFIG_HOME");
	unit_stderr(tmp);

	RUN(shipped_standard);
	RUN(shipped_leader);
	RUN(shipped_swedish_matches_standard);
	RUN(builtin_copies);
	RUN(ini_values_lines_order);
	RUN(ini_crlf_same_as_lf);
	RUN(ini_empty_file);
	RUN(ini_key_outside_section);
	RUN(ini_continuation_lines);
	RUN(ini_quotes);
	RUN(ini_unquoted_comment_chars);
	RUN(ini_mem_reads_as_iniparser);
	RUN(ini_bad_section_names);
	RUN(error_missing_prompt);
	RUN(error_empty_prompt);
	RUN(error_gap_in_numbering);
	RUN(error_empty_template);
	RUN(error_duplicate_section);
	RUN(error_duplicate_key);
	RUN(error_syntax);
	RUN(error_unknown_key);
	RUN(error_unknown_section);
	RUN(error_long_title);
	RUN(error_followups);
	RUN(error_scale_and_categories);
	RUN(valid_fixture_semantics);
	RUN(private_key);
	RUN(private_key_bad_values);
	RUN(shipped_private_questions);
	RUN(bom_is_stripped);
	RUN(nul_byte);
	RUN(invalid_utf8);
	RUN(line_too_long);
	RUN(truncated_files);
	RUN(ten_thousand_questions);
	RUN(directory_fifo_symlink_missing);
	RUN(shipped_guide_cycle);
	RUN(guide_sections);
	RUN(unreadable_file);
	RUN(find_builtin_and_unknown);
	RUN(find_lookup_order);
	RUN(list_templates);
	RUN(nothing_on_stderr);

	char *cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		printf("FAIL cleanup: %s\n", cmd);
	free(cmd);
	return unit_done();
}
