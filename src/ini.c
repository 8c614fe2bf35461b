/* ini.c — reading INI files safely on top of iniparser 4.1.
 *
 * iniparser reads a file by path, prints its errors to stderr, keeps the
 * last of two duplicate keys silently, cuts an unquoted value at ';' or '#'
 * without a word and knows no line numbers.  So the raw text is read here
 * first, line by line, splitting it into sections, keys and values the way
 * iniparser_load() does (trailing "\" joins the next physical line; a line
 * is a comment, a [section], a key = value, or an error), refusing what
 * iniparser would take silently in another sense than the author meant.
 * Because of those refusals every value is simple to take: an unquoted one
 * is the text after '=' without surrounding white space, a quoted one the
 * text between the quotes.
 *
 * A file (ini_load_file) is then also parsed by iniparser, through a memory
 * file (/proc/self/fd/N) holding the checked text, with its error messages
 * captured and turned into ours, and every value must come out the same.
 * The built-in config and templates (ini_load_mem) are not: they are our
 * own text, checked by the tests against iniparser in the same way, and
 * they must load where /proc is not mounted.
 */
#define _GNU_SOURCE   /* memfd_create */
#include "exitview/ini.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <iniparser.h>

#include "exitview/fsutil.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

#define INI_MAX_SIZE (8u << 20)   /* a config or template is a few KiB */

struct ini_key {
	char *name;
	int line;
	char *value;
};

struct ini_sec {
	char *name;
	int line;
	struct ini_key *keys;
	int nkeys, cap;
};

/* Open-addressing set of section names and (section, key) pairs, to find
 * duplicates without a quadratic search in a large file. */
struct ini_slot {
	int sec;     /* section index; -1 = empty slot */
	int key;     /* key index, or -1 for the section itself */
};

struct ini {
	char *label;
	struct ini_sec *secs;
	int nsecs, cap;
	int nlines;
	struct ini_slot *slots;
	size_t nslots, used;
};

/* ---- names and the duplicate set -------------------------------------- */

static const char *slot_name(const ini *f, const struct ini_slot *s)
{
	return s->key < 0 ? f->secs[s->sec].name : f->secs[s->sec].keys[s->key].name;
}

static uint32_t name_hash(int sec, const char *name)
{
	uint32_t h = 2166136261u ^ (uint32_t)(sec + 1);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* The slot holding (sec, name) — sec = -1 for a section name — or the empty
 * slot where it would go. */
static struct ini_slot *set_find(const ini *f, int sec, const char *name)
{
	size_t i = name_hash(sec, name) & (f->nslots - 1);
	for (;; i = (i + 1) & (f->nslots - 1)) {
		struct ini_slot *s = &f->slots[i];
		if (s->sec < 0)
			return s;
		bool is_sec = s->key < 0;
		if (sec < 0 ? is_sec : (!is_sec && s->sec == sec))
			if (strcmp(slot_name(f, s), name) == 0)
				return s;
	}
}

static void set_grow(ini *f)
{
	struct ini_slot *old = f->slots;
	size_t oldn = f->nslots;
	f->nslots = oldn ? oldn * 2 : 256;
	f->slots = xmalloc(f->nslots * sizeof *f->slots);
	for (size_t i = 0; i < f->nslots; i++)
		f->slots[i].sec = -1;
	for (size_t i = 0; i < oldn; i++) {
		if (old[i].sec < 0)
			continue;
		int sec = old[i].key < 0 ? -1 : old[i].sec;
		*set_find(f, sec, slot_name(f, &old[i])) = old[i];
	}
	free(old);
}

static struct ini_slot *set_lookup(ini *f, int sec, const char *name)
{
	if ((f->used + 1) * 2 > f->nslots)
		set_grow(f);
	return set_find(f, sec, name);
}

static void ascii_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Copy of p[0..n) without surrounding white space, folded to lower case. */
static char *name_dup(const char *p, size_t n)
{
	while (n && is_space(*p)) {
		p++;
		n--;
	}
	while (n && is_space(p[n - 1]))
		n--;
	char *s = xstrndup(p, n);
	ascii_lower(s);
	return s;
}

/* ---- the pre-scan ------------------------------------------------------- */

static int add_section(ini *f, char *name, int line)
{
	if (!*name) {
		free(name);
		return ev_seterr("%s:%d: empty section name []", f->label, line);
	}
	if (strchr(name, ':')) {
		ev_seterr("%s:%d: section name [%s] contains ':'", f->label, line, name);
		free(name);
		return -1;
	}
	struct ini_slot *s = set_lookup(f, -1, name);
	if (s->sec >= 0) {
		ev_seterr("%s:%d: duplicate section [%s] (first at line %d)", f->label, line,
		          name, f->secs[s->sec].line);
		free(name);
		return -1;
	}
	if (f->nsecs == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->secs = xrealloc(f->secs, (size_t)f->cap * sizeof *f->secs);
	}
	struct ini_sec *sec = &f->secs[f->nsecs];
	memset(sec, 0, sizeof *sec);
	sec->name = name;
	sec->line = line;
	s->sec = f->nsecs++;
	s->key = -1;
	f->used++;
	return 0;
}

/* Add key name (with its value) to the last section; both are taken. */
static int add_key(ini *f, char *name, char *value, int line)
{
	int rc = 0;
	if (f->nsecs == 0)
		rc = ev_seterr("%s:%d: key '%s' is outside any section (put a [section] line "
			       "before it)", f->label, line, name);
	else if (strchr(name, ':'))
		rc = ev_seterr("%s:%d: key name '%s' contains ':'", f->label, line, name);
	if (rc != 0) {
		free(name);
		free(value);
		return -1;
	}
	int si = f->nsecs - 1;
	struct ini_sec *sec = &f->secs[si];
	struct ini_slot *s = set_lookup(f, si, name);
	if (s->sec >= 0) {
		ev_seterr("%s:%d: duplicate key '%s' in [%s] (first at line %d)", f->label, line,
		          name, sec->name, sec->keys[s->key].line);
		free(name);
		free(value);
		return -1;
	}
	if (sec->nkeys == sec->cap) {
		sec->cap = sec->cap ? sec->cap * 2 : 8;
		sec->keys = xrealloc(sec->keys, (size_t)sec->cap * sizeof *sec->keys);
	}
	sec->keys[sec->nkeys].name = name;
	sec->keys[sec->nkeys].line = line;
	sec->keys[sec->nkeys].value = value;
	s->sec = si;
	s->key = sec->nkeys++;
	f->used++;
	return 0;
}

/* Check one physical line's bytes: no NUL, valid UTF-8, nothing but TEXT by
 * the text rule of utf8.h (a tab, and a carriage return before the newline,
 * are fine; C0/C1 controls, bidi controls, line separators, BOMs are not). */
static int check_bytes(const ini *f, int ln, const char *p, size_t n)
{
	if (memchr(p, '\0', n))
		return ev_seterr("%s:%d: NUL byte", f->label, ln);
	if (!utf8_valid(p, n, NULL))
		return ev_seterr("%s:%d: invalid UTF-8", f->label, ln);
	size_t bad;
	enum utf8_class c = utf8_check(p, n, UTF8_BIT(UTF8_TAB), &bad);
	if (c == UTF8_TEXT || (p[bad] == '\r' && bad + 1 == n))
		return 0;
	if ((unsigned char)p[bad] < 0x80)
		return ev_seterr("%s:%d: control character (byte 0x%02x) not allowed",
		                 f->label, ln, (unsigned char)p[bad]);
	uint32_t cp;
	utf8_decode(p + bad, n - bad, &cp);
	return ev_seterr("%s:%d: %s (U+%04X) not allowed", f->label, ln, utf8_class_name(c),
	                 (unsigned)cp);
}

/* The value v[0..n) of key (the text after '='), as iniparser takes it,
 * in *out (malloc'd); or -1 for a value iniparser would take otherwise
 * than it reads.  A quoted value keeps ';' and '#', but iniparser silently
 * drops whatever follows the closing quote and takes a missing one as the
 * end of the line; an unquoted value ends at ';' or '#' ("Was it #1 for
 * you; or not?" would be "Was it"): refuse all three rather than lose
 * words.  A comment may follow a quoted value only. */
static int key_value(const ini *f, int line, const char *key, const char *v, size_t n,
		     char **out)
{
	while (n && is_space(*v)) {
		v++;
		n--;
	}
	while (n && is_space(v[n - 1]))
		n--;
	if (n > 0 && (*v == '"' || *v == '\'')) {
		const char *close = memchr(v + 1, *v, n - 1);
		if (!close)
			return ev_seterr("%s:%d: missing closing quote (%c)", f->label, line, *v);
		const char *rest = close + 1, *end = v + n;
		while (rest < end && is_space(*rest))
			rest++;
		if (rest < end && *rest != ';' && *rest != '#')
			return ev_seterr("%s:%d: text after the closing quote (%c) would be lost: "
			                 "quote the whole value", f->label, line, *v);
		*out = xstrndup(v + 1, (size_t)(close - v - 1));
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (v[i] == ';' || v[i] == '#')
			return ev_seterr("%s:%d: the value of '%s' holds '%c', where a comment "
			                 "would begin and cut the value short: put the whole "
			                 "value in double quotes (\"...\")", f->label, line, key, v[i]);
	*out = xstrndup(v, n);
	return 0;
}

/* Split text into sections and keys as iniparser_load() will.  Returns 0,
 * -1 (error set), or 1 when iniparser will call line *syntax_line a syntax
 * error (it is asked, to word the message). */
static int prescan(ini *f, const char *text, size_t len, int *syntax_line)
{
	strbuf joined = STRBUF_INIT;
	bool cont = false;
	int start = 0, ln = 0, rc = 0;
	size_t pos = 0;
	while (pos < len) {
		const char *p = text + pos;
		const char *nl = memchr(p, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - p) : len - pos;
		pos += n + (nl ? 1 : 0);
		ln++;
		if (check_bytes(f, ln, p, n) != 0) {
			rc = -1;
			break;
		}
		if (!cont) {
			sb_clear(&joined);
			start = ln;
		}
		if (joined.len + n > INI_MAX_LINE) {
			if (cont)
				ev_seterr("%s:%d: line too long (%zu bytes joined with the lines "
				          "before it by '\\', at most %d)",
				          f->label, ln, joined.len + n, INI_MAX_LINE);
			else
				ev_seterr("%s:%d: line too long (%zu bytes, at most %d)",
				          f->label, ln, n, INI_MAX_LINE);
			rc = -1;
			break;
		}
		/* iniparser skips a line of at most one byte counting its newline. */
		if (joined.len + n + (nl ? 1 : 0) <= 1)
			continue;
		sb_add(&joined, p, n);
		while (joined.len && is_space(joined.s[joined.len - 1]))
			joined.len--;
		if (joined.len && joined.s[joined.len - 1] == '\\') {
			joined.len--;   /* the next line is written over the '\' */
			cont = joined.len > 0;   /* a lone '\' joins nothing */
			continue;
		}
		cont = false;

		const char *s = joined.s ? joined.s : "";
		size_t m = joined.len;
		while (m && is_space(*s)) {
			s++;
			m--;
		}
		if (m == 0 || *s == '#' || *s == ';')
			continue;
		if (s[0] == '[' && s[m - 1] == ']') {
			const char *close = memchr(s + 1, ']', m - 1);
			if (add_section(f, name_dup(s + 1, (size_t)(close - s - 1)), start) != 0) {
				rc = -1;
				break;
			}
			continue;
		}
		const char *eq = memchr(s, '=', m);
		if (eq && eq != s) {
			char *name = name_dup(s, (size_t)(eq - s));
			char *value = NULL;
			if (key_value(f, start, name, eq + 1, m - (size_t)(eq + 1 - s), &value) != 0) {
				free(name);
				rc = -1;
				break;
			}
			if (add_key(f, name, value, start) != 0) {
				rc = -1;
				break;
			}
			continue;
		}
		*syntax_line = ln;
		rc = 1;
		break;
	}
	if (rc == 0)
		f->nlines = ln;
	sb_free(&joined);
	return rc;
}

/* ---- iniparser ---------------------------------------------------------- */

static char errback_msg[1024];
static int errback_count;

static int ini_errback(const char *fmt, ...)
{
	if (errback_count++ == 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(errback_msg, sizeof errback_msg, fmt, ap);
		va_end(ap);
	}
	return 0;
}

/* A private unnamed file holding text, or -1. */
static int mem_file(const char *text, size_t len)
{
	int fd = memfd_create("exitview-ini", MFD_CLOEXEC);
	if (fd < 0) {
		const char *tmp = getenv("TMPDIR");
		char *path = fs_join(str_empty(tmp) ? "/tmp" : tmp, "exitview-ini-XXXXXX");
		fd = mkstemp(path);
		if (fd >= 0)
			unlink(path);
		free(path);
		if (fd < 0)
			return -1;
	}
	if (fs_write_all(fd, text, len) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The line number in iniparser's "... in PATH (N)" message, or 0. */
static int errback_line(const char *what, const char *path)
{
	char *prefix = xasprintf("iniparser: %s in %s (", what, path);
	int line = 0;
	if (strncmp(errback_msg, prefix, strlen(prefix)) == 0)
		line = atoi(errback_msg + strlen(prefix));
	free(prefix);
	return line;
}

/* Parse text with iniparser too and check that it reads every section,
 * key and value as the pre-scan did (iniparser is given the checked text
 * through /proc/self/fd/N, never the path again).  0 or -1. */
static int verify_with_iniparser(ini *f, const char *text, size_t len)
{
	int fd = mem_file(text, len);
	if (fd < 0)
		return ev_seterr("%s: cannot make a temporary copy to parse: %s", f->label,
		                 strerror(errno));
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	errback_msg[0] = '\0';
	errback_count = 0;
	iniparser_set_error_callback(ini_errback);
	dictionary *dict = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	bool no_proc = !dict && access(path, R_OK) != 0;
	close(fd);
	if (!dict) {
		int line;
		if (no_proc)
			return ev_seterr("%s: cannot be parsed: /proc is not mounted (iniparser "
			                 "reads the checked copy through %s)", f->label, path);
		if ((line = errback_line("syntax error", path)) > 0)
			return ev_seterr("%s:%d: syntax error (expected [section], key = value, "
			                 "or a comment)", f->label, line);
		if ((line = errback_line("input line too long", path)) > 0)
			return ev_seterr("%s:%d: line too long (at most %d bytes)", f->label, line,
			                 INI_MAX_LINE);
		char *nl = strchr(errback_msg, '\n');
		if (nl)
			*nl = '\0';
		return ev_seterr("%s: cannot be parsed (%s)", f->label,
		                 errback_msg[0] ? errback_msg : "iniparser failed");
	}
	int entries = f->nsecs, rc = 0;
	for (int i = 0; i < f->nsecs; i++)
		entries += f->secs[i].nkeys;
	if (iniparser_getnsec(dict) != f->nsecs || dict->n != entries)
		rc = ev_seterr("%s: sections could not be read consistently", f->label);
	for (int i = 0; rc == 0 && i < f->nsecs; i++) {
		struct ini_sec *sec = &f->secs[i];
		for (int k = 0; rc == 0 && k < sec->nkeys; k++) {
			char *full = xasprintf("%s:%s", sec->name, sec->keys[k].name);
			const char *v = iniparser_getstring(dict, full, NULL);
			free(full);
			if (!v || strcmp(v, sec->keys[k].value) != 0)
				rc = ev_seterr("%s:%d: the value of '%s' could not be read "
				               "consistently: put it in double quotes", f->label,
				               sec->keys[k].line, sec->keys[k].name);
		}
	}
	iniparser_freedict(dict);
	return rc;
}

/* Read text[0..len) into a new ini labelled label; verify: with iniparser
 * as well.  NULL on error. */
static ini *load(const char *label, const char *text, size_t len, bool verify)
{
	ini *f = xcalloc(1, sizeof *f);
	f->label = xstrdup(label);
	if (len > INI_MAX_SIZE) {
		ev_seterr("%s: file too large (%zu bytes, at most %u)", label, len, INI_MAX_SIZE);
		ini_free(f);
		return NULL;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;   /* a UTF-8 byte-order mark: harmless, dropped */
		len -= 3;
	}
	int syntax_line = 0;
	int rc = prescan(f, text, len, &syntax_line);
	if (rc == 1)
		ev_seterr("%s:%d: syntax error (expected [section], key = value, or a comment)",
		          f->label, syntax_line);
	if (rc != 0 || (verify && verify_with_iniparser(f, text, len) != 0)) {
		ini_free(f);
		return NULL;
	}
	return f;
}

/* ---- public API ---------------------------------------------------------- */

ini *ini_load_mem(const char *label, const char *text, size_t len)
{
	return load(label, text, len, false);
}

ini *ini_load_file(const char *path)
{
	size_t len;
	char *text = fs_read_file(path, &len);
	if (!text)
		return NULL;
	ini *f = load(path, text, len, true);
	free(text);
	return f;
}

void ini_free(ini *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->nsecs; i++) {
		for (int k = 0; k < f->secs[i].nkeys; k++) {
			free(f->secs[i].keys[k].name);
			free(f->secs[i].keys[k].value);
		}
		free(f->secs[i].keys);
		free(f->secs[i].name);
	}
	free(f->secs);
	free(f->slots);
	free(f->label);
	free(f);
}

const char *ini_label(const ini *f)
{
	return f->label;
}

int ini_nlines(const ini *f)
{
	return f->nlines;
}

int ini_find_section(const ini *f, const char *section)
{
	if (!f->nslots)
		return -1;
	char *lc = xstrdup(section);
	ascii_lower(lc);
	const struct ini_slot *s = set_find(f, -1, lc);
	free(lc);
	return s->sec;
}

static int find_key(const ini *f, int sec, const char *key)
{
	char *lc = xstrdup(key);
	ascii_lower(lc);
	const struct ini_slot *s = set_find(f, sec, lc);
	free(lc);
	return s->sec >= 0 ? s->key : -1;
}

const char *ini_get(const ini *f, const char *section, const char *key)
{
	int sec = ini_find_section(f, section);
	int k = sec >= 0 ? find_key(f, sec, key) : -1;
	return k >= 0 ? f->secs[sec].keys[k].value : NULL;
}

int ini_line(const ini *f, const char *section, const char *key)
{
	int sec = ini_find_section(f, section);
	if (sec < 0)
		return 0;
	if (!key)
		return f->secs[sec].line;
	int k = find_key(f, sec, key);
	return k >= 0 ? f->secs[sec].keys[k].line : 0;
}

int ini_nsections(const ini *f)
{
	return f->nsecs;
}

const char *ini_section_name(const ini *f, int sec)
{
	return sec >= 0 && sec < f->nsecs ? f->secs[sec].name : NULL;
}

int ini_section_line(const ini *f, int sec)
{
	return sec >= 0 && sec < f->nsecs ? f->secs[sec].line : 0;
}

int ini_nkeys(const ini *f, int sec)
{
	return sec >= 0 && sec < f->nsecs ? f->secs[sec].nkeys : 0;
}

static const struct ini_key *key_at(const ini *f, int sec, int key)
{
	if (sec < 0 || sec >= f->nsecs || key < 0 || key >= f->secs[sec].nkeys)
		return NULL;
	return &f->secs[sec].keys[key];
}

const char *ini_key_name(const ini *f, int sec, int key)
{
	const struct ini_key *k = key_at(f, sec, key);
	return k ? k->name : NULL;
}

int ini_key_line(const ini *f, int sec, int key)
{
	const struct ini_key *k = key_at(f, sec, key);
	return k ? k->line : 0;
}

const char *ini_key_value(const ini *f, int sec, int key)
{
	const struct ini_key *k = key_at(f, sec, key);
	return k ? k->value : NULL;
}
