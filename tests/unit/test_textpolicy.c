/* test_textpolicy.c — the text rule of utf8.h: the classification of every
 * code point (each class boundary), the helpers that apply it, and every
 * place that takes text in or puts it out agreeing on it. */
#include <stdlib.h>
#include <string.h>

#include "exitview/export.h"
#include "exitview/ini.h"
#include "exitview/interview.h"
#include "exitview/report.h"
#include "exitview/summary.h"
#include "exitview/textbuf.h"
#include "exitview/utf8.h"
#include "exitview/util.h"
#include "unit.h"

#define FFFD "\xef\xbf\xbd"

/* Everything the rule knows, between letters:
 * a TAB b LF c CR LF d CR e ESC[1m f DEL g C1(CSI) h RLO i LRI j LRM k ALM l
 * LS m BOM n <invalid byte> o U+FFFD p */
#define EVIL "a\tb\nc\r\nd\re\x1b[1mf\x7fg\xc2\x9bh\xe2\x80\xaei\xe2\x81\xa6j" \
	     "\xe2\x80\x8ek\xd8\x9cl\xe2\x80\xa8m\xef\xbb\xbfn\xffo" FFFD "p"

TEST(class_boundaries)
{
	static const struct { uint32_t cp; enum utf8_class c; } t[] = {
		{ 0x00, UTF8_CONTROL }, { 0x08, UTF8_CONTROL }, { 0x09, UTF8_TAB },
		{ 0x0A, UTF8_NEWLINE }, { 0x0B, UTF8_CONTROL }, { 0x0D, UTF8_CONTROL },
		{ 0x1B, UTF8_CONTROL }, { 0x1F, UTF8_CONTROL }, { 0x20, UTF8_TEXT },
		{ 0x7E, UTF8_TEXT }, { 0x7F, UTF8_CONTROL }, { 0x80, UTF8_CONTROL },
		{ 0x85, UTF8_CONTROL }, { 0x9B, UTF8_CONTROL }, { 0x9F, UTF8_CONTROL },
		{ 0xA0, UTF8_TEXT }, { 0xE5, UTF8_TEXT }, { 0x061B, UTF8_TEXT },
		{ 0x061C, UTF8_BIDI }, { 0x061D, UTF8_TEXT }, { 0x200B, UTF8_TEXT },
		{ 0x200D, UTF8_TEXT }, { 0x200E, UTF8_BIDI }, { 0x200F, UTF8_BIDI },
		{ 0x2010, UTF8_TEXT }, { 0x2027, UTF8_TEXT }, { 0x2028, UTF8_LINESEP },
		{ 0x2029, UTF8_LINESEP }, { 0x202A, UTF8_BIDI }, { 0x202E, UTF8_BIDI },
		{ 0x202F, UTF8_TEXT }, { 0x2065, UTF8_TEXT }, { 0x2066, UTF8_BIDI },
		{ 0x2069, UTF8_BIDI }, { 0x206A, UTF8_TEXT }, { 0xD7FF, UTF8_TEXT },
		{ 0xD800, UTF8_INVALID }, { 0xDFFF, UTF8_INVALID }, { 0xE000, UTF8_TEXT },
		{ 0xFEFE, UTF8_TEXT }, { 0xFEFF, UTF8_BOM }, { 0xFF00, UTF8_TEXT },
		{ 0xFFFD, UTF8_TEXT }, { 0x1F600, UTF8_TEXT }, { 0x10FFFF, UTF8_TEXT },
		{ 0x110000, UTF8_INVALID },
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(t); i++) {
		if (utf8_class(t[i].cp) != t[i].c)
			printf("# U+%04X\n", (unsigned)t[i].cp);
		CHECK_INT(utf8_class(t[i].cp), t[i].c);
	}
}

TEST(decode_class)
{
	static const struct { const char *s; size_t n; enum utf8_class c; uint32_t cp; } t[] = {
		{ "A", 1, UTF8_TEXT, 'A' },
		{ FFFD, 3, UTF8_TEXT, 0xFFFD },           /* a real U+FFFD is text */
		{ "\xff", 1, UTF8_INVALID, 0xFFFD },
		{ "\x9b", 1, UTF8_INVALID, 0xFFFD },      /* a raw 8-bit CSI: invalid */
		{ "\xc2\x9b", 2, UTF8_CONTROL, 0x9B },    /* U+009B CSI */
		{ "\xc2\xa0", 2, UTF8_TEXT, 0xA0 },
		{ "\xc2", 1, UTF8_INVALID, 0xFFFD },      /* truncated */
		{ "\xc0\xaf", 1, UTF8_INVALID, 0xFFFD },  /* overlong */
		{ "\xed\xa0\x80", 1, UTF8_INVALID, 0xFFFD },  /* surrogate */
		{ "\xe2\x80\xae", 3, UTF8_BIDI, 0x202E },
		{ "\xef\xbb\xbf", 3, UTF8_BOM, 0xFEFF },
		{ "\xe2\x80\xa9", 3, UTF8_LINESEP, 0x2029 },
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(t); i++) {
		uint32_t cp;
		enum utf8_class c;
		CHECK_INT(utf8_decode_class(t[i].s, strlen(t[i].s), &cp, &c), t[i].n);
		CHECK_INT(c, t[i].c);
		CHECK_INT(cp, t[i].cp);
	}
}

/* utf8_clean of s under keep, as a malloc'd string; *n the count. */
static char *clean(const char *s, unsigned keep, size_t *n)
{
	strbuf sb = STRBUF_INIT;
	size_t k = utf8_clean(&sb, s, strlen(s), keep);
	if (n)
		*n = k;
	return sb_detach(&sb);
}

TEST(clean_masks)
{
	size_t n;
	char *c = clean(EVIL, UTF8_NOTES, &n);
	CHECK_STR(c, "a\tb\nc\nd\ne[1mfghijkl\nmn" FFFD "o" FFFD "p");
	CHECK_INT(n, 9);       /* 8 dropped, 1 invalid byte; line ends not counted */
	free(c);
	c = clean(EVIL, UTF8_ONELINE, &n);
	CHECK_STR(c, "a b c de[1mfghijkl mn" FFFD "o" FFFD "p");
	free(c);
	c = clean(EVIL, UTF8_LINES, NULL);
	CHECK_STR(c, "a b\nc\nde[1mfghijkl mn" FFFD "o" FFFD "p");
	free(c);
	c = clean(EVIL, UTF8_MESSAGE, NULL);
	CHECK_STR(c, "a b c" FFFD " d" FFFD "e" FFFD "[1mf" FFFD "g" FFFD "h" FFFD "i" FFFD
		  "j" FFFD "k" FFFD "l m" FFFD "n" FFFD "o" FFFD "p");
	free(c);
	c = clean(EVIL, UTF8_DISPLAY, NULL);
	CHECK_STR(c, "a\tb\nc" FFFD "\nd" FFFD "e" FFFD "[1mf" FFFD "g" FFFD "h" FFFD "i" FFFD
		  "j" FFFD "k" FFFD "l" FFFD "m" FFFD "n" FFFD "o" FFFD "p");
	free(c);
	/* text is untouched, whatever the mask */
	c = clean("Åsa Öberg, 漢字 😀 e\xcc\x81 👩\xe2\x80\x8d💻", 0, &n);
	CHECK_STR(c, "Åsa Öberg, 漢字 😀 e\xcc\x81 👩\xe2\x80\x8d💻");
	CHECK_INT(n, 0);
	free(c);
	/* appends, and a CR at the very end is a newline too */
	strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "x");
	utf8_clean(&sb, "y\r", 2, UTF8_NOTES);
	CHECK_STR(sb_str(&sb), "xy\n");
	sb_free(&sb);
}

TEST(clean_char)
{
	char rep[4];
	size_t rn;
	CHECK_INT(utf8_clean_char("\r\nx", 3, UTF8_NOTES, rep, &rn), 2);
	CHECK(rn == 1 && rep[0] == '\n');
	CHECK_INT(utf8_clean_char("\r\nx", 3, UTF8_ONELINE, rep, &rn), 1);   /* CR dropped */
	CHECK_INT(rn, 0);
	CHECK_INT(utf8_clean_char("\xe2\x80\xae", 3, UTF8_NOTES, rep, &rn), 3);
	CHECK_INT(rn, 0);
	CHECK_INT(utf8_clean_char("\xe2\x80\xae", 3, UTF8_BIT(UTF8_BIDI), rep, &rn), 3);
	CHECK(rn == 3 && memcmp(rep, "\xe2\x80\xae", 3) == 0);   /* kept when asked */
	CHECK_INT(utf8_clean_char("\xff", 1, 0xFFFFu, rep, &rn), 1);   /* invalid: never kept */
	CHECK(rn == 3 && memcmp(rep, FFFD, 3) == 0);
	CHECK_INT(utf8_clean_char("\xe2\x80\xa8", 3, UTF8_SHOW, rep, &rn), 3);
	CHECK(rn == 3 && memcmp(rep, FFFD, 3) == 0);
}

TEST(check)
{
	size_t bad = 99;
	CHECK_INT(utf8_check("", 0, 0, &bad), UTF8_TEXT);
	CHECK_INT(utf8_check("Åsa Öberg", strlen("Åsa Öberg"), 0, &bad), UTF8_TEXT);
	CHECK_INT(bad, 99);
	CHECK_INT(utf8_check("a\tb", 3, 0, &bad), UTF8_TAB);
	CHECK_INT(bad, 1);
	CHECK_INT(utf8_check("a\tb", 3, UTF8_BIT(UTF8_TAB), NULL), UTF8_TEXT);
	CHECK_INT(utf8_check("a\nb", 3, UTF8_BIT(UTF8_NEWLINE), NULL), UTF8_TEXT);
	CHECK_INT(utf8_check("a\nb\r", 4, UTF8_BIT(UTF8_NEWLINE), &bad), UTF8_CONTROL);
	CHECK_INT(bad, 3);
	CHECK_INT(utf8_check("ab\xe2\x80\xae" "cd", 7, 0, &bad), UTF8_BIDI);
	CHECK_INT(bad, 2);
	CHECK_INT(utf8_check("x\xe2\x81\xa9", 4, 0, NULL), UTF8_BIDI);
	CHECK_INT(utf8_check("\xef\xbb\xbfx", 4, 0, NULL), UTF8_BOM);
	CHECK_INT(utf8_check("x\xc2\x85", 3, 0, NULL), UTF8_CONTROL);
	CHECK_INT(utf8_check("x\xe2\x80\xa8", 4, 0, NULL), UTF8_LINESEP);
	CHECK_INT(utf8_check("x\x9by", 3, 0xFFFFu, &bad), UTF8_INVALID);   /* never allowed */
	CHECK_INT(bad, 1);
	CHECK_STR(utf8_class_name(UTF8_BIDI), "a bidirectional control character");
	CHECK_STR(utf8_class_name(UTF8_INVALID), "invalid UTF-8");
}

/* True if s has nothing but TEXT and the classes in allow. */
static bool only(const char *s, unsigned allow)
{
	size_t bad = 0;
	enum utf8_class c = utf8_check(s, strlen(s), allow, &bad);
	if (c != UTF8_TEXT)
		printf("# %s at byte %zu of \"%.40s\"\n", utf8_class_name(c), bad, s);
	return c == UTF8_TEXT;
}

static interview *sample(void)
{
	char *f[] = { "Follow\xe2\x80\xae" "up" };
	tpl_question qs[] = { { "Reason\x1b[2J", "Why?\xc2\x9b", "", f, 1 } };
	tpl_category cats[] = { { "comp", "Comp\xe2\x81\xa6" } };
	template t = {
		.name = "standard", .title = "Standard", .language = "en", .description = "",
		.source = "test", .questions = qs, .nquestions = 1, .categories = cats,
		.ncategories = 1, .scale = { "1", "2", "3", "4", "5" },
	};
	interview *iv = interview_new(&t);
	iv->id = 1;
	/* as an old or planted database may hold them: set directly */
	str_set(&iv->employee, "Eve\xe2\x80\xae" "gnp.exe\xc2\x9b\x9b");
	str_set(&iv->department, "Dept\x1b]52;c;eA==\x07");
	str_set(&iv->role, "Role\xe2\x80\x8f");
	str_set(&iv->reason_primary, "comp");
	str_set(&iv->q[0].notes, EVIL);
	str_set(&iv->observations, EVIL);
	return iv;
}

TEST(set_refuses_what_is_not_text)
{
	interview *iv = sample();
	str_set(&iv->employee, "Åsa");
	static const char *const bad[] = {
		"Eve\xe2\x80\xae" "gnp",      /* RLO */
		"A\xe2\x81\xa6" "B",          /* LRI */
		"A\xe2\x81\xa9",              /* PDI */
		"A\xe2\x80\x8e",              /* LRM */
		"A\xe2\x80\x8f",              /* RLM */
		"A\xd8\x9c",                  /* ALM */
		"A\xe2\x80\xaa",              /* LRE */
		"A\xef\xbb\xbf",              /* BOM */
		"A\xc2\x9b" "2J",             /* C1 CSI */
		"A\x1b[2J",
		"A\x7f",
		"A\x9b",                      /* invalid */
		"A\tB",
		"A\nB",
		"A\xe2\x80\xa8" "B",
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(bad); i++) {
		CHECK_INT(interview_set_field(iv, "employee", bad[i]), -1);
		CHECK_STR(iv->employee, "Åsa");
		CHECK(only(ev_lasterr(), 0));
		CHECK(strstr(ev_lasterr(), "employee") != NULL);
	}
	CHECK_INT(interview_set_field(iv, "employee", "Eve\xe2\x80\xae" "gnp"), -1);
	CHECK_STR(ev_lasterr(), "employee must not contain a bidirectional control character (U+202E)");
	CHECK_INT(interview_set_field(iv, "role", "a\nb"), -1);
	CHECK_STR(ev_lasterr(), "role must be one line");
	/* multi-line fields take newlines and tabs, nothing else */
	CHECK_INT(interview_set_field(iv, "conditions", "a\n\tb"), 0);
	CHECK_INT(interview_set_field(iv, "conditions", "a\r\nb"), -1);
	CHECK_INT(interview_set_field(iv, "conditions", "a\xe2\x80\xae"), -1);
	CHECK_STR(iv->return_conditions, "a\n\tb");
	/* an unknown field name is never echoed raw */
	CHECK_INT(interview_set_field(iv, "x\x1b]0;t\x07", "1"), -1);
	CHECK(only(ev_lasterr(), 0));
	interview_free(iv);
}

TEST(templates_refuse_what_is_not_text)
{
	static const char *const bad[] = {
		"[a]\nx = A\xe2\x80\xae" "B\n", "[a]\nx = A\xc2\x9b" "B\n",
		"[a]\nx = A\xef\xbb\xbf" "B\n", "[a]\nx = A\xe2\x80\xa8" "B\n",
		"[a]\nx = A\x1b" "B\n",
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(bad); i++) {
		ini *f = ini_load_mem("t.ini", bad[i], strlen(bad[i]));
		CHECK(f == NULL);
		CHECK(strncmp(ev_lasterr(), "t.ini:2: ", 9) == 0);
		CHECK(only(ev_lasterr(), 0));
	}
	CHECK_STR(ev_lasterr(), "t.ini:2: control character (byte 0x1b) not allowed");
	ini *f = ini_load_mem("t.ini", bad[0], strlen(bad[0]));
	CHECK(f == NULL);
	CHECK_STR(ev_lasterr(), "t.ini:2: a bidirectional control character (U+202E) not allowed");
	/* a tab, a CR before the newline, a leading BOM and text are fine */
	const char *good = "\xef\xbb\xbf[a]\r\nx = Å\tö 漢\r\n";
	f = ini_load_mem("t.ini", good, strlen(good));
	CHECK(f != NULL);
	ini_free(f);
}

TEST(messages_are_clean)
{
	ev_seterr("'%s' is not an interview ID", "1\x1b]52;c;eA==\x07\xe2\x80\xae\n\xc2\x9b\xff");
	CHECK_STR(ev_lasterr(), "'1" FFFD "]52;c;eA==" FFFD FFFD " " FFFD FFFD "' is not an interview ID");
	/* the last message as an argument of the next */
	ev_seterr("outer: %s", ev_lasterr());
	CHECK(strncmp(ev_lasterr(), "outer: '1" FFFD, 12) == 0);
	/* a long one is cut on a character boundary */
	char *big = malloc(3000);
	memset(big, 'x', 3000);
	for (int i = 0; i < 300; i++)
		big[i * 10] = '\x1b';
	big[2999] = '\0';
	ev_seterr("%s", big);
	CHECK(strlen(ev_lasterr()) < 1024);
	CHECK(utf8_valid(ev_lasterr(), strlen(ev_lasterr()), NULL));
	CHECK(only(ev_lasterr(), 0));
	free(big);
	strbuf sb = STRBUF_INIT;
	ev_clean_message(&sb, "a\tb\x07");
	CHECK_STR(sb_str(&sb), "a b" FFFD);
	sb_free(&sb);
}

TEST(notes_typed_as_from_stdin)
{
	/* the screen's editor cleans a paste exactly as `note` cleans stdin */
	textbuf *tb = tb_new();
	tb_insert(tb, EVIL, strlen(EVIL));
	char *t = tb_text(tb, NULL);
	char *c = clean(EVIL, UTF8_NOTES, NULL);
	CHECK_STR(t, c);
	free(t);
	tb_set_text(tb, EVIL, strlen(EVIL), 0);
	t = tb_text(tb, NULL);
	CHECK_STR(t, c);
	free(t);
	free(c);
	/* one character at a time, as typed */
	tb_set_text(tb, "", 0, 0);
	const char *p = "x\xe2\x80\xae" "y\xef\xbb\xbfz\xe2\x80\xa9w";
	for (size_t i = 0; p[i];) {
		size_t n = utf8_next(p, strlen(p), i);
		tb_insert(tb, p + i, n - i);
		i = n;
	}
	t = tb_text(tb, NULL);
	CHECK_STR(t, "xyz\nw");
	free(t);
	tb_free(tb);
}

TEST(outputs_agree)
{
	interview *iv = sample();
	/* the report: lines of TEXT */
	char *r = report_render(iv);
	CHECK(only(r, UTF8_BIT(UTF8_NEWLINE)));
	CHECK(strstr(r, "Evegnp.exe" FFFD) != NULL);
	CHECK(strstr(r, "Dept]52;c;eA==") != NULL);
	free(r);
	strbuf sb = STRBUF_INIT;
	wrap_text(&sb, EVIL, 72, "  ");
	CHECK(only(sb_str(&sb), UTF8_BIT(UTF8_NEWLINE)));
	sb_free(&sb);
	/* the summary */
	summary *s = summary_new(SUMMARY_DEPARTMENT, 1, -1, -1);
	summary_count(s, iv);
	summary_add(s, iv);
	summary_render(s, NULL, NULL, SUMMARY_TEXT, &sb);
	CHECK(only(sb_str(&sb), UTF8_BIT(UTF8_NEWLINE)));
	CHECK(strstr(sb_str(&sb), "Dept]52;c;eA==") != NULL);
	sb_clear(&sb);
	/* its TSV: one line a figure, tabs only between fields */
	summary_render(s, NULL, NULL, SUMMARY_TSV, &sb);
	CHECK(only(sb_str(&sb), UTF8_BIT(UTF8_NEWLINE) | UTF8_BIT(UTF8_TAB)));
	CHECK(strstr(sb_str(&sb), "Dept]52;c;eA==") != NULL);
	sb_clear(&sb);
	summary_render(s, NULL, NULL, SUMMARY_JSON, &sb);
	CHECK(only(sb_str(&sb), UTF8_BIT(UTF8_NEWLINE)));   /* the last byte */
	CHECK(strchr(sb_str(&sb), '\n') == sb_str(&sb) + sb.len - 1);
	summary_free(s);
	sb_free(&sb);
	/* JSON: exact, every character that is not TEXT escaped */
	exporter *ex = export_begin(EXPORT_JSON, false, 1, &sb);
	export_add(ex, iv);
	export_end(ex);
	CHECK(only(sb_str(&sb), UTF8_BIT(UTF8_NEWLINE)));
	CHECK(strstr(sb_str(&sb), "Eve\\u202egnp.exe\\u009b" FFFD) != NULL);
	CHECK(strstr(sb_str(&sb), "i\\u2066j\\u200ek\\u061cl\\u2028m\\ufeffn") != NULL);
	sb_free(&sb);
	/* CSV: exact to a file, shown on a terminal */
	ex = export_begin(EXPORT_CSV, false, 1, &sb);
	export_add(ex, iv);
	export_end(ex);
	CHECK(strstr(sb_str(&sb), "\"" EVIL "\"") == NULL);          /* invalid byte -> FFFD */
	CHECK(strstr(sb_str(&sb), "\x1b[1mf\x7fg\xc2\x9bh") != NULL);
	CHECK(strstr(sb_str(&sb), "Dept\x1b]52;c;eA==\x07") != NULL);
	sb_clear(&sb);
	ex = export_begin(EXPORT_CSV, false, 1, &sb);
	export_for_terminal(ex);
	export_add(ex, iv);
	export_end(ex);
	/* the record ends in CR LF; no other CR, no ESC, BEL, C1 or bidi */
	const char *out = sb_str(&sb);
	for (const char *q = strchr(out, '\r'); q; q = strchr(q + 1, '\r'))
		CHECK(q[1] == '\n' && (q[2] == '\0' || q == strstr(out, "\r\n")));
	CHECK(only(out, UTF8_BIT(UTF8_NEWLINE) | UTF8_BIT(UTF8_TAB) | UTF8_BIT(UTF8_CONTROL)));
	CHECK(strchr(out, '\x1b') == NULL && strchr(out, '\x07') == NULL &&
	      strchr(out, '\x7f') == NULL && strstr(out, "\xc2\x9b") == NULL);
	CHECK(strstr(out, "Dept" FFFD "]52;c;eA==" FFFD) != NULL);
	sb_free(&sb);
	interview_free(iv);
}

int main(void)
{
	RUN(class_boundaries);
	RUN(decode_class);
	RUN(clean_masks);
	RUN(clean_char);
	RUN(check);
	RUN(set_refuses_what_is_not_text);
	RUN(templates_refuse_what_is_not_text);
	RUN(messages_are_clean);
	RUN(notes_typed_as_from_stdin);
	RUN(outputs_agree);
	return unit_done();
}
