/* util.h — memory helpers, a growing string buffer, the last-error slot.
 *
 * Errors travel up as a return value (-1 or NULL) after the failing function
 * has recorded a one-line message with ev_seterr(); the caller that tells the
 * user prints ev_lasterr() after "exitview: ".  The model never prints.
 */
#ifndef EXITVIEW_UTIL_H
#define EXITVIEW_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__)
#define EV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define EV_PRINTF(f, a)
#endif

#define EV_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Milliseconds of the monotonic clock (for timeouts and intervals). */
long long ev_clock_ms(void);

/* Allocation that cannot fail: on exhaustion the handler set last (if
 * any) runs once — it must not allocate: restore the terminal, write what
 * can be written — and the program exits with a message. */
void ev_set_oom_handler(void (*fn)(void));
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);          /* xstrdup(NULL) == NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) EV_PRINTF(1, 2);

/* Replace *dst with a copy of src (NULL allowed), freeing the old value. */
void str_set(char **dst, const char *src);
/* True if s is NULL or "".  Inline, so that a static analyzer sees that
 * !str_empty(s) means s is not NULL. */
static inline int str_empty(const char *s)
{
	return !s || !*s;
}
/* True if s (NULL allowed) holds anything but blanks: space, tab, CR, LF. */
bool str_has_text(const char *s);
/* yes/no, true/false, on/off, 1/0 (any case): 1 or 0; -1 if none of them. */
int str_parse_bool(const char *v);

/* Record the last error (one line, no "exitview: " prefix, cleaned by
 * ev_clean_message); returns -1. */
int ev_seterr(const char *fmt, ...) EV_PRINTF(1, 2);
const char *ev_lasterr(void);

/* What kind of error the last one was, for a caller that acts on it (a
 * usage error or not) instead of reading its words.  ev_seterr records
 * EV_E_OTHER; ev_seterr_code records the code with the message. */
enum ev_errcode {
	EV_E_OTHER = 0,
	EV_E_NOTFOUND,      /* no such thing: "no interview with ID 7", "unknown template 'x'" */
	EV_E_BADNAME,       /* a name that cannot name one: "invalid template name 'x/y'" */
	EV_E_BADQUERY,      /* a search query that is not one: "bad query: ..." */
};
int ev_seterr_code(enum ev_errcode code, const char *fmt, ...) EV_PRINTF(2, 3);
enum ev_errcode ev_lastcode(void);

/* A growing NUL-terminated byte string. */
typedef struct strbuf {
	char *s;      /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }
void sb_add(strbuf *sb, const char *p, size_t n);
void sb_puts(strbuf *sb, const char *s);
void sb_putc(strbuf *sb, char c);
/* printf formatting with numbers as in the C locale ("3.50"), whatever
 * LC_NUMERIC says: reports, exports and summaries are the same bytes for
 * every reader.  xasprintf formats the same way. */
void sb_printf(strbuf *sb, const char *fmt, ...) EV_PRINTF(2, 3);
void sb_vprintf(strbuf *sb, const char *fmt, va_list ap);
void sb_pad(strbuf *sb, char c, size_t n);   /* append c n times */
void sb_clear(strbuf *sb);                   /* len = 0, keeps memory */
const char *sb_str(const strbuf *sb);        /* "" when empty */
char *sb_detach(strbuf *sb);                 /* caller frees; never NULL */
void sb_free(strbuf *sb);

/* Append msg as a message may show it (the text rule of utf8.h,
 * UTF8_MESSAGE): one line, what it echoes visible, control and bidi
 * characters as U+FFFD, never sent raw to a terminal. */
void ev_clean_message(strbuf *out, const char *msg);

#endif
