/* fuzz_report.c — fuzz target: wrap_text() and report_render().
 *
 * The input is split at NUL bytes: the first piece gives parameters (one
 * byte each: widths, indents, counts, ratings, flags), the others are
 * strings.  Every string is wrapped with wrap_text() at a width of 1..200
 * under one of a few indents; then an interview is made from a template
 * built here (1..6 questions, follow-ups, categories, scale) with every
 * text taken from the strings, its fields set with interview_set_field(),
 * and rendered.  Checked: output valid UTF-8 without control characters
 * but '\n'; every line starts with the indent and is no wider than the
 * width (unless the indent leaves less than 2 columns); wrapping keeps every
 * visible character of plain input in order; the report's lines at most
 * REPORT_WIDTH columns; report_file_name() one safe file name (no '/');
 * the times shown (date_format_time) terminated printable text whatever the
 * stored value.
 * See fuzz_check.h for how the file is built and replayed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/date.h"
#include "exitview/interview.h"
#include "exitview/report.h"
#include "exitview/template.h"
#include "exitview/utf8.h"
#include "exitview/util.h"
#include "fuzz_check.h"

#define FR_MAX_STRINGS 64

static const char *const fr_indents[] = {
	"", "  ", "    ", "      ", "> ", "\xe2\x80\xa2 ",           /* "• " */
	"\xe6\x97\xa5\xe6\x9c\xac ",                                 /* "日本 " */
	"                                        ",                  /* 40 */
	"                                                                      ", /* 70 */
	"                                                                                ", /* 80 */
};

static const char *const fr_keys[] = { "compensation", "career", "manager", "other-1" };

/* The strings of the input, handed out in turn (cycling). */
typedef struct fr_strings {
	char *s[FR_MAX_STRINGS];
	int n, next;
} fr_strings;

static const char *fr_str(fr_strings *st)
{
	if (st->n == 0)
		return "";
	const char *s = st->s[st->next % st->n];
	st->next++;
	return s;
}

/* True if s has no invalid byte and nothing but TEXT, '\n' and '\t' by the
 * text rule (report.c drops the rest): its visible characters must all be
 * kept by wrap_text. */
static bool fr_plain(const char *s)
{
	size_t n = strlen(s), i = 0;
	if (!utf8_valid(s, n, NULL))
		return false;
	while (i < n) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (fz_is_control(cp, true))
			return false;
	}
	return true;
}

/* Append s without blanks and newlines to sb. */
static void fr_visible(strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			sb_putc(sb, s[i]);
}

/* Output must be UTF-8 without controls but '\n', end in '\n' if not empty. */
static void fr_check_clean(const char *out, size_t n, const char *what)
{
	size_t bad = 0;
	FUZZ_ASSERT(utf8_valid(out, n, &bad), "%s: invalid UTF-8 at byte %zu", what, bad);
	size_t c = fz_find_control(out, n, false);
	FUZZ_ASSERT(c == n, "%s: control character 0x%02x at byte %zu", what,
		    (unsigned char)out[c], c);
	FUZZ_ASSERT(n == 0 || out[n - 1] == '\n', "%s: the last line has no newline", what);
}

static void fr_check_wrap(const char *text, int width, const char *indent)
{
	static const char before[] = "earlier text\n";
	strbuf out = STRBUF_INIT;
	sb_puts(&out, before);
	wrap_text(&out, text, width, indent);
	const char *o = sb_str(&out);
	FUZZ_ASSERT(strncmp(o, before, strlen(before)) == 0, "wrap_text changed what was there");
	o += strlen(before);
	size_t n = strlen(o);
	FUZZ_ASSERT(n == out.len - strlen(before), "wrap_text wrote a NUL byte");
	fr_check_clean(o, n, "wrap_text");

	size_t ilen = strlen(indent), iw = utf8_width(indent, ilen);
	size_t ilen_trim = ilen;
	while (ilen_trim > 0 && indent[ilen_trim - 1] == ' ')
		ilen_trim--;
	size_t maxw = iw + 2 > (size_t)width ? iw + 2 : (size_t)width;
	strbuf vis = STRBUF_INIT;
	int lineno = 0;
	for (const char *l = o; *l; lineno++) {
		const char *nl = strchr(l, '\n');
		size_t ln = (size_t)(nl - l);
		size_t w = utf8_width(l, ln);
		FUZZ_ASSERT(w <= maxw, "wrap_text line %d is %zu columns at width %d, indent %zu: %.*s",
			    lineno, w, width, iw, (int)ln, l);
		size_t skip;
		if (ln >= ilen && memcmp(l, indent, ilen) == 0)
			skip = ilen;
		else {
			FUZZ_ASSERT(ln == ilen_trim && memcmp(l, indent, ilen_trim) == 0,
				    "wrap_text line %d does not start with the indent: %.*s", lineno,
				    (int)ln, l);
			skip = ln;
		}
		FUZZ_ASSERT(ln == 0 || l[ln - 1] != ' ' || ln == skip,
			    "wrap_text line %d ends in a space", lineno);
		fr_visible(&vis, l + skip, ln - skip);
		l = nl + 1;
	}
	if (fr_plain(text)) {
		strbuf want = STRBUF_INIT;
		fr_visible(&want, text, strlen(text));
		FUZZ_ASSERT(strcmp(sb_str(&want), sb_str(&vis)) == 0,
			    "wrap_text lost or changed text: in \"%s\", out \"%s\"", sb_str(&want),
			    sb_str(&vis));
		sb_free(&want);
	}
	sb_free(&vis);
	sb_free(&out);
}

static void fr_check_report(const interview *iv)
{
	char *r = report_render(iv);
	FUZZ_ASSERT(r != NULL, "report_render returned NULL");
	size_t n = strlen(r);
	fr_check_clean(r, n, "report");
	int lineno = 1;
	for (const char *l = r; *l; lineno++) {
		const char *nl = strchr(l, '\n');
		size_t ln = (size_t)(nl - l);
		size_t w = utf8_width(l, ln);
		FUZZ_ASSERT(w <= REPORT_WIDTH, "report line %d is %zu columns: %.*s", lineno, w,
			    (int)ln, l);
		l = nl + 1;
	}
	free(r);

	char *name = report_file_name(iv);
	FUZZ_ASSERT(name != NULL, "report_file_name returned NULL");
	FUZZ_ASSERT(strncmp(name, "exitview-", 9) == 0, "report file name '%s'", name);
	size_t nl = strlen(name);
	FUZZ_ASSERT(nl > 4 && strcmp(name + nl - 4, ".txt") == 0, "report file name '%s'", name);
	for (const char *p = name; *p; p++)
		FUZZ_ASSERT((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-',
			    "report file name '%s' has byte 0x%02x", name, (unsigned char)*p);
	free(name);
}

/* A time as the report shows it: a NUL-terminated, printable ASCII line
 * in the 17 bytes date_format_time() is given, whatever the time. */
static void fr_check_time(int64_t t)
{
	char out[17];
	memset(out, 0xAA, sizeof out);
	date_format_time(t, out);
	const char *nul = memchr(out, '\0', sizeof out);
	FUZZ_ASSERT(nul != NULL, "date_format_time(%lld) left its buffer unterminated",
		    (long long)t);
	for (const char *p = out; p < nul; p++)
		FUZZ_ASSERT(*p >= 0x20 && *p < 0x7F, "date_format_time(%lld) wrote byte 0x%02x",
			    (long long)t, (unsigned char)*p);
}

static int64_t fr_time(fz_in *par)
{
	unsigned mode = fz_byte(par) % 3;
	if (mode == 0)
		return 0;
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | fz_byte(par);
	int64_t t = (int64_t)v;
	if (mode == 1)   /* 2001 .. 2038, what a real interview holds */
		t = 1000000000 + (int64_t)(v % 1100000000u);
	fr_check_time(t);
	return t;
}

static int fuzz_report_one(const uint8_t *data, size_t size)
{
	/* split at NUL: the parameters, then the strings */
	char *buf = malloc(size + 1);
	if (size)
		memcpy(buf, data, size);
	buf[size] = '\0';
	size_t plen = strlen(buf);
	fz_in par = { (const uint8_t *)buf, plen };
	fr_strings st = { .n = 0, .next = 0 };
	for (size_t i = plen; i < size && st.n < FR_MAX_STRINGS; i += strlen(buf + i + 1) + 1)
		st.s[st.n++] = buf + i + 1;

	for (int i = 0; i < st.n; i++) {
		int width = 1 + (int)(fz_byte(&par) % 200);
		const char *indent = fr_indents[fz_byte(&par) % EV_ARRAY_LEN(fr_indents)];
		fr_check_wrap(st.s[i], width, indent);
	}

	/* a template built here, texts from the input */
	template t;
	memset(&t, 0, sizeof t);
	t.name = (char *)fr_str(&st);
	t.title = (char *)fr_str(&st);
	t.language = (char *)fr_str(&st);
	t.description = (char *)"";
	t.source = (char *)"fuzz";
	t.nquestions = 1 + (int)(fz_byte(&par) % 6);
	t.questions = calloc((size_t)t.nquestions, sizeof *t.questions);
	for (int i = 0; i < t.nquestions; i++) {
		tpl_question *q = &t.questions[i];
		q->title = (char *)fr_str(&st);
		q->prompt = (char *)fr_str(&st);
		q->hint = (char *)fr_str(&st);
		q->nfollowups = (int)(fz_byte(&par) % 4);
		q->followups = calloc((size_t)q->nfollowups + 1, sizeof *q->followups);
		for (int j = 0; j < q->nfollowups; j++)
			q->followups[j] = (char *)fr_str(&st);
	}
	t.ncategories = (int)(fz_byte(&par) % (EV_ARRAY_LEN(fr_keys) + 1));
	t.categories = calloc((size_t)t.ncategories + 1, sizeof *t.categories);
	for (int i = 0; i < t.ncategories; i++) {
		t.categories[i].key = (char *)fr_keys[i];
		t.categories[i].label = (char *)fr_str(&st);
	}
	for (int i = 0; i < TPL_SCALE; i++)
		t.scale[i] = (char *)fr_str(&st);

	interview *iv = interview_new(&t);
	for (int i = 0; i < t.nquestions; i++)
		free(t.questions[i].followups);
	free(t.questions);
	free(t.categories);

	/* the details: through interview_set_field, as the command line does */
	for (int i = 0; interview_field_names[i]; i++) {
		const char *field = interview_field_names[i];
		const char *v = fr_str(&st);
		if (fz_byte(&par) & 1) {
			if (strcmp(field, "reason") == 0 || strcmp(field, "reason2") == 0 ||
			    strcmp(field, "assessed") == 0)
				v = fr_keys[fz_byte(&par) % EV_ARRAY_LEN(fr_keys)];
			else if (strcmp(field, "separation") == 0)
				v = "voluntary";
		}
		if (interview_set_field(iv, field, v) != 0)
			fz_check_error(ev_lasterr(), NULL);
		char *got = interview_get_field(iv, field);
		FUZZ_ASSERT(got != NULL, "interview_get_field(%s) is NULL", field);
		free(got);
	}
	/* what only the store sets: anything a database may hold */
	str_set(&iv->observations, fr_str(&st));
	str_set(&iv->actions, fr_str(&st));
	if (fz_byte(&par) & 1)
		str_set(&iv->employee, fr_str(&st));
	for (int i = 0; i < iv->nquestions; i++) {
		iv_question *q = &iv->q[i];
		str_set(&q->notes, fr_str(&st));
		q->rating = (int)(fz_byte(&par) % (TPL_SCALE + 1));
		unsigned flags = fz_byte(&par);
		q->skipped = flags & 1;
		for (int j = 0; j < q->nfollowups; j++)
			q->asked[j] = (flags >> (j + 1)) & 1;
	}
	iv->id = (int64_t)fz_byte(&par) << 8;
	iv->id |= fz_byte(&par);
	iv->elapsed = fr_time(&par);
	iv->closed = fz_byte(&par) & 1;
	iv->closed_at = fr_time(&par);
	iv->reopened_at = fr_time(&par);

	fr_check_report(iv);
	interview_free(iv);
	free(buf);
	return 0;
}

#ifndef FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_report_one(data, size);
}
#endif
