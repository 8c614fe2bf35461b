/* util.c — memory helpers, strbuf, the last-error slot. */
#include "exitview/util.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <threads.h>
#include <time.h>

#include "exitview/i18n.h"
#include "exitview/utf8.h"

static void (*oom_handler)(void);

void ev_set_oom_handler(void (*fn)(void))
{
	oom_handler = fn;
}

static void oom(void)
{
	static int once;
	if (oom_handler && !once) {
		once = 1;
		oom_handler();
	}
	fputs("exitview: out of memory\n", stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = xmalloc(len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *xasprintf(const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	return sb_detach(&sb);
}

void str_set(char **dst, const char *src)
{
	char *copy = xstrdup(src);
	free(*dst);
	*dst = copy;
}

bool str_has_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return true;
	return false;
}

int str_parse_bool(const char *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	for (size_t i = 0; i < EV_ARRAY_LEN(yes); i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

static char lasterr[1024];
static enum ev_errcode lastcode;

static void seterr_v(enum ev_errcode code, const char *fmt, va_list ap)
{
	/* Formatted apart first: an argument may be the last message itself. */
	char raw[sizeof lasterr];
	vsnprintf(raw, sizeof raw, fmt, ap);
	strbuf clean = STRBUF_INIT;
	ev_clean_message(&clean, raw);
	size_t n = clean.len;
	while (n >= sizeof lasterr)   /* cut on a character boundary */
		n = utf8_prev(clean.s, n);
	memcpy(lasterr, sb_str(&clean), n);
	lasterr[n] = '\0';
	lastcode = code;
	sb_free(&clean);
}

int ev_seterr(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	seterr_v(EV_E_OTHER, _(fmt), ap);
	va_end(ap);
	return -1;
}

int ev_seterr_code(enum ev_errcode code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	seterr_v(code, _(fmt), ap);
	va_end(ap);
	return -1;
}

enum ev_errcode ev_lastcode(void)
{
	return lastcode;
}

void ev_clean_message(strbuf *out, const char *msg)
{
	utf8_clean(out, msg, strlen(msg), UTF8_MESSAGE);
}

const char *ev_lasterr(void)
{
	return lasterr[0] ? lasterr : "unknown error";
}

static void sb_grow(strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + extra + 1)
		cap *= 2;
	sb->s = xrealloc(sb->s, cap);
	sb->cap = cap;
}

void sb_add(strbuf *sb, const char *p, size_t n)
{
	sb_grow(sb, n);
	if (n)
		memcpy(sb->s + sb->len, p, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_puts(strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_putc(strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

/* The locale text is formatted in: the program's, but with LC_NUMERIC
 * "C", so that the bytes of a report, an export or a summary do not depend
 * on who makes them ("3.00", never the Swedish "3,00"), whatever
 * setlocale() was called with and by whom.  Made at the first use, from
 * the locale in force then; (locale_t)0 if it cannot be made. */
static locale_t numeric_c_loc;

/* call_once body of numeric_c. */
static void numeric_c_make(void)
{
	locale_t base = duplocale(LC_GLOBAL_LOCALE);
	if (base && !(numeric_c_loc = newlocale(LC_NUMERIC_MASK, "C", base)))
		freelocale(base);
}

static locale_t numeric_c(void)
{
	static once_flag once = ONCE_FLAG_INIT;
	call_once(&once, numeric_c_make);
	return numeric_c_loc;
}

void sb_vprintf(strbuf *sb, const char *fmt, va_list ap)
{
	locale_t c = numeric_c();
	locale_t old = c ? uselocale(c) : (locale_t)0;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n >= 0) {
		sb_grow(sb, (size_t)n);
		vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
		sb->len += (size_t)n;
	}
	if (c)
		uselocale(old);
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

void sb_pad(strbuf *sb, char c, size_t n)
{
	sb_grow(sb, n);
	memset(sb->s + sb->len, c, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_clear(strbuf *sb)
{
	sb->len = 0;
	if (sb->s)
		sb->s[0] = '\0';
}

const char *sb_str(const strbuf *sb)
{
	return sb->s ? sb->s : "";
}

char *sb_detach(strbuf *sb)
{
	char *s = sb->s ? sb->s : xstrdup("");
	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sb_free(strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

long long ev_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
