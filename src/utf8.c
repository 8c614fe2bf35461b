/* utf8.c — UTF-8 decoding, validation and locale-independent widths. */
#include "exitview/utf8.h"

#include <locale.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[0];
	size_t n;
	uint32_t min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len < n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return n;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			cp = 0xFFFD;
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	} else if (cp <= 0x10FFFF) {
		o[0] = (unsigned char)(0xF0 | (cp >> 18));
		o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (unsigned char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return utf8_encode(0xFFFD, out);
}

bool utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1 && (unsigned char)s[i] >= 0x80) {
			/* a real U+FFFD is 3 bytes; n == 1 means invalid */
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

/* Widths come from glibc's tables for C.UTF-8, looked up through a locale
 * object so the process locale does not matter; a small fallback table
 * serves where that locale is missing. */
static locale_t utf8_locale(void)
{
	static int tried;
	static locale_t loc;
	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

static int fallback_width(uint32_t cp)
{
	if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x20D0 && cp <= 0x20FF))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	    (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

int utf8_cpwidth(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x7F)
		return 1;
	locale_t loc = utf8_locale();
	if (loc) {
		locale_t old = uselocale(loc);
		int w = wcwidth((wchar_t)cp);
		uselocale(old);
		if (w >= 0)
			return w > 2 ? 2 : w;
		return 1;   /* unassigned or private use: one column */
	}
	return fallback_width(cp);
}

size_t utf8_width(const char *s, size_t len)
{
	size_t w = 0, i = 0;
	while (i < len) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		w += (size_t)utf8_cpwidth(cp);
	}
	return w;
}

size_t utf8_next(const char *s, size_t len, size_t pos)
{
	if (pos >= len)
		return len;
	uint32_t cp;
	return pos + utf8_decode(s + pos, len - pos, &cp);
}

size_t utf8_prev(const char *s, size_t pos)
{
	if (pos == 0)
		return 0;
	size_t p = pos - 1;
	/* step back over at most 3 continuation bytes to a lead byte */
	size_t k = 0;
	while (p > 0 && k < 3 && ((unsigned char)s[p] & 0xC0) == 0x80) {
		p--;
		k++;
	}
	uint32_t cp;
	if (p + utf8_decode(s + p, pos - p, &cp) == pos)
		return p;
	return pos - 1;   /* invalid byte: it stands alone */
}

size_t utf8_fit(const char *s, size_t len, size_t cols)
{
	size_t w = 0, i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		size_t cw = (size_t)utf8_cpwidth(cp);
		if (w + cw > cols)
			break;
		w += cw;
		i += n;
	}
	return i;
}

size_t utf8_length(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; n++) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
	}
	return n;
}

/* ---- the text rule ---- */

enum utf8_class utf8_class(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\n' ? UTF8_NEWLINE : cp == '\t' ? UTF8_TAB : UTF8_CONTROL;
	if (cp < 0x7F)
		return UTF8_TEXT;
	if (cp < 0xA0)
		return UTF8_CONTROL;
	if (cp < 0x061C)
		return UTF8_TEXT;
	if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return UTF8_BIDI;
	if (cp == 0x2028 || cp == 0x2029)
		return UTF8_LINESEP;
	if (cp == 0xFEFF)
		return UTF8_BOM;
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return UTF8_INVALID;
	return UTF8_TEXT;
}

size_t utf8_decode_class(const char *s, size_t len, uint32_t *cp, enum utf8_class *cls)
{
	size_t n = utf8_decode(s, len, cp);
	if (*cp == 0xFFFD && n == 1 && (unsigned char)s[0] >= 0x80)
		*cls = UTF8_INVALID;   /* a real U+FFFD takes 3 bytes */
	else
		*cls = utf8_class(*cp);
	return n;
}

size_t utf8_clean_char(const char *s, size_t len, unsigned keep, char rep[4], size_t *rn)
{
	uint32_t cp;
	enum utf8_class c;
	size_t n = utf8_decode_class(s, len, &cp, &c);
	bool line_in = (keep & UTF8_INPUT) && (keep & UTF8_BIT(UTF8_NEWLINE));

	*rn = 0;
	if (c == UTF8_TEXT || (c != UTF8_INVALID && (keep & UTF8_BIT(c)))) {
		memcpy(rep, s, n);
		*rn = n;
	} else if (c == UTF8_INVALID) {
		*rn = utf8_encode(0xFFFD, rep);
	} else if (line_in && (c == UTF8_LINESEP || cp == '\r')) {
		rep[0] = '\n';
		*rn = 1;
		if (cp == '\r' && len > 1 && s[1] == '\n')
			n = 2;
	} else if ((keep & UTF8_SPACE) &&
		   (c == UTF8_NEWLINE || c == UTF8_TAB || c == UTF8_LINESEP)) {
		rep[0] = ' ';
		*rn = 1;
	} else if (keep & UTF8_SHOW) {
		*rn = utf8_encode(0xFFFD, rep);
	}
	return n;
}

size_t utf8_clean(strbuf *out, const char *s, size_t len, unsigned keep)
{
	size_t i = 0, run = 0, changed = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if (b >= 0x20 && b < 0x7F) {   /* printable ASCII: copied in runs */
			i++;
			continue;
		}
		char rep[4];
		size_t rn, k = utf8_clean_char(s + i, len - i, keep, rep, &rn);
		if (rn == k && memcmp(rep, s + i, k) == 0) {
			i += k;
			continue;
		}
		sb_add(out, s + run, i - run);
		sb_add(out, rep, rn);
		if (rn == 0 || (rn == 3 && memcmp(rep, "\xEF\xBF\xBD", 3) == 0))
			changed++;   /* a newline or space instead keeps the meaning */
		i += k;
		run = i;
	}
	sb_add(out, s + run, len - run);
	return changed;
}

enum utf8_class utf8_check(const char *s, size_t len, unsigned allow, size_t *bad)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		enum utf8_class c;
		size_t n = utf8_decode_class(s + i, len - i, &cp, &c);
		if (c != UTF8_TEXT && (c == UTF8_INVALID || !(allow & UTF8_BIT(c)))) {
			if (bad)
				*bad = i;
			return c;
		}
		i += n;
	}
	return UTF8_TEXT;
}

const char *utf8_class_name(enum utf8_class c)
{
	switch (c) {
	case UTF8_TEXT: return "text";
	case UTF8_NEWLINE: return "a newline";
	case UTF8_TAB: return "a tab";
	case UTF8_CONTROL: return "a control character";
	case UTF8_BIDI: return "a bidirectional control character";
	case UTF8_LINESEP: return "a line separator";
	case UTF8_BOM: return "a byte-order mark";
	case UTF8_INVALID: return "invalid UTF-8";
	}
	return "text";
}

void utf8_fold(strbuf *out, const char *s, size_t len)
{
	locale_t loc = utf8_locale();
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		else if (cp >= 0x80 && loc)
			cp = (uint32_t)towlower_l((wint_t)cp, loc);
		char b[4];
		sb_add(out, b, utf8_encode(cp, b));
	}
}
