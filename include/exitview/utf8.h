/* utf8.h — UTF-8 decoding, validation, display width, and the text rule.
 *
 * Widths do not depend on the process locale: they are measured as in a
 * UTF-8 locale (combining marks 0, East Asian wide and emoji 2, controls 0),
 * so a report written from a C-locale cron job wraps like one written on
 * screen.
 *
 * THE TEXT RULE — the one control-character and bidi policy of exitview.
 * Every character is of one class (utf8_class): TEXT, or NEWLINE (U+000A),
 * TAB (U+0009), CONTROL (every other C0 control, CR and ESC included, DEL,
 * and the C1 controls U+0080..U+009F), BIDI (U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069), LINESEP (U+2028, U+2029), BOM (U+FEFF),
 * or INVALID (a byte that does not begin valid UTF-8).  Only TEXT reaches a
 * terminal or a report as it is, with newlines where the output has lines:
 *  - One-line fields (names, role, department, dates, categories, field
 *    names) hold TEXT only: anything else is refused, never cleaned (`new`,
 *    `set`, interview_set_field; in the details form the editor has
 *    cleaned what was typed as for notes, and a tab or newline left is
 *    refused).  Multi-line fields set from the command line (`set
 *    conditions=`) may also hold newlines and tabs.  Config and template
 *    lines hold TEXT and tabs only (refused with file:line).
 *  - Notes (typed, pasted, from $EDITOR, read by `note` from standard
 *    input) are cleaned the same way (UTF8_NOTES): newlines and tabs kept;
 *    CR LF, a lone CR and U+2028/U+2029 become a newline; other controls,
 *    bidi controls and BOMs are dropped; an invalid byte becomes U+FFFD.
 *  - Text shown to people (the screen, reports and `show`, `list`,
 *    `summary`) drops controls, bidi controls and BOMs; where the output is
 *    one line a newline, tab or line separator becomes a space
 *    (UTF8_ONELINE); an invalid byte becomes U+FFFD.
 *  - Error messages (ev_seterr, cmd_error) are one line and show what they
 *    echo: a control, bidi control or BOM becomes U+FFFD (UTF8_MESSAGE).
 *  - Data: exports to a file or a pipe are exact (only an invalid byte
 *    becomes U+FFFD, so the output is UTF-8); JSON writes every character
 *    that is not TEXT as \uXXXX; CSV written to a terminal shows controls,
 *    bidi controls, BOMs and line separators as U+FFFD (UTF8_DISPLAY).
 */
#ifndef EXITVIEW_UTF8_H
#define EXITVIEW_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exitview/util.h"

/* Decode one character at s[0..len). Returns the bytes used (1..4); an
 * invalid or truncated sequence yields *cp = 0xFFFD and 1. len must be > 0. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (at least 4 bytes); returns bytes written. */
size_t utf8_encode(uint32_t cp, char *out);
/* True if s[0..len) is valid UTF-8; otherwise *bad (if not NULL) is the
 * offset of the first bad byte. */
bool utf8_valid(const char *s, size_t len, size_t *bad);
/* Display columns of one code point: 0, 1 or 2 (controls count 0). */
int utf8_cpwidth(uint32_t cp);
/* Characters (code points, an invalid byte counting one) in s[0..len). */
size_t utf8_length(const char *s, size_t len);
/* Display columns of s[0..len). */
size_t utf8_width(const char *s, size_t len);
/* Offset of the next / previous character boundary. */
size_t utf8_next(const char *s, size_t len, size_t pos);
size_t utf8_prev(const char *s, size_t pos);
/* s[0..len) with case folded, beyond ASCII ('Å' -> 'å', 'Ö' -> 'ö';
 * glibc's C.UTF-8 tables, whatever the process locale), appended to out:
 * two texts that differ only in case fold to the same bytes. */
void utf8_fold(strbuf *out, const char *s, size_t len);
/* Longest prefix of s[0..len) that fits in cols columns, never cutting a
 * character; returns its byte length. */
size_t utf8_fit(const char *s, size_t len, size_t cols);

/* ---- the text rule (see the top of this file) ---- */

enum utf8_class {
	UTF8_TEXT = 0,   /* everything not below: printable, combining, ZWJ ... */
	UTF8_NEWLINE,    /* U+000A */
	UTF8_TAB,        /* U+0009 */
	UTF8_CONTROL,    /* U+0000..U+001F but tab and newline, U+007F..U+009F */
	UTF8_BIDI,       /* U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069 */
	UTF8_LINESEP,    /* U+2028, U+2029 */
	UTF8_BOM,        /* U+FEFF (zero width no-break space) */
	UTF8_INVALID,    /* not a Unicode scalar value / a byte not valid UTF-8 */
};

/* A class's bit in a keep / allow mask (TEXT is always kept). */
#define UTF8_BIT(c) (1u << (c))
/* utf8_clean() options, or'ed with the bits of the classes kept: */
#define UTF8_SPACE 0x100u  /* a newline, tab, line separator not kept: a space */
#define UTF8_SHOW  0x200u  /* anything else not kept: U+FFFD instead of nothing */
#define UTF8_INPUT 0x400u  /* with newlines kept: CR LF, CR, U+2028/9 -> newline */

/* The masks the program uses (the rule, above). */
#define UTF8_NOTES   (UTF8_BIT(UTF8_NEWLINE) | UTF8_BIT(UTF8_TAB) | UTF8_INPUT)
#define UTF8_ONELINE UTF8_SPACE
#define UTF8_LINES   (UTF8_BIT(UTF8_NEWLINE) | UTF8_SPACE)
#define UTF8_MESSAGE (UTF8_SPACE | UTF8_SHOW)
#define UTF8_DISPLAY (UTF8_BIT(UTF8_NEWLINE) | UTF8_BIT(UTF8_TAB) | UTF8_SHOW)

/* The class of code point cp (surrogates and cp > U+10FFFF: INVALID). */
enum utf8_class utf8_class(uint32_t cp);
/* Decode one character at s[0..len) (len > 0) like utf8_decode and give its
 * class (an invalid byte: INVALID, *cp = 0xFFFD); returns the bytes used. */
size_t utf8_decode_class(const char *s, size_t len, uint32_t *cp, enum utf8_class *cls);
/* What the rule makes of the character at s[0..len) (len > 0) under keep:
 * its replacement (0..4 bytes, "" when dropped) in rep, its length in *rn;
 * returns the bytes of s used (2 for a CR LF under UTF8_INPUT). */
size_t utf8_clean_char(const char *s, size_t len, unsigned keep, char rep[4], size_t *rn);
/* Append s[0..len) to out with every character not kept dropped or
 * replaced (see the UTF8_ options); an invalid byte becomes U+FFFD.
 * Returns how many characters were dropped or became U+FFFD (not those
 * that became a newline or a space). */
size_t utf8_clean(strbuf *out, const char *s, size_t len, unsigned keep);
/* UTF8_TEXT if every character of s[0..len) is TEXT or of a class in
 * allow; else the class of the first that is not, at offset *bad. */
enum utf8_class utf8_check(const char *s, size_t len, unsigned allow, size_t *bad);
/* A class as a message says it: "a control character", "invalid UTF-8" ... */
const char *utf8_class_name(enum utf8_class c);

#endif
