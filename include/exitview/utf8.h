/* utf8.h — UTF-8 decoding, validation and display width.
 *
 * Widths do not depend on the process locale: they are measured as in a
 * UTF-8 locale (combining marks 0, East Asian wide and emoji 2, controls 0),
 * so a report written from a C-locale cron job wraps like one written on
 * screen.
 */
#ifndef EXITVIEW_UTF8_H
#define EXITVIEW_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
/* Longest prefix of s[0..len) that fits in cols columns, never cutting a
 * character; returns its byte length. */
size_t utf8_fit(const char *s, size_t len, size_t cols);

#endif
