/* fuzz_check.h — helpers shared by the fuzz targets (tests/fuzz/fuzz_*.c).
 *
 * Each target file defines a static fuzz_NAME_one(data, size) and, unless
 * FUZZ_REPLAY is defined, the libFuzzer entry point calling it.
 * tests/unit/test_fuzz_regress.c includes the target files with FUZZ_REPLAY
 * and replays the saved inputs through the same code.  A broken invariant
 * prints what and where on stderr and aborts: libFuzzer saves the input as
 * a crash, the replay test reports the file.
 */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/utf8.h"

#define FUZZ_ASSERT(cond, ...) do { if (!(cond)) { \
	fprintf(stderr, "fuzz invariant broken at %s:%d: %s: ", __FILE__, __LINE__, #cond); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); } } while (0)

/* The input read front to back; past the end every byte is 0. */
typedef struct fz_in {
	const uint8_t *p;
	size_t n;
} fz_in;

static inline unsigned fz_byte(fz_in *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

/* Up to k bytes from the input; returns how many *out holds. */
static inline size_t fz_take(fz_in *in, size_t k, const char **out)
{
	if (k > in->n)
		k = in->n;
	*out = (const char *)in->p;
	in->p += k;
	in->n -= k;
	return k;
}

/* A character the program must never show, by the text rule of utf8.h:
 * anything not TEXT but '\n' (and '\t' when tab_ok) — C0, DEL, C1, bidi
 * controls, line separators, BOM. */
static inline bool fz_is_control(uint32_t cp, bool tab_ok)
{
	enum utf8_class c = utf8_class(cp);
	return c != UTF8_TEXT && c != UTF8_NEWLINE && !(tab_ok && c == UTF8_TAB);
}

/* Offset of the first control character in s[0..n) (see fz_is_control), or
 * n if there is none.  Invalid bytes are skipped one at a time. */
static inline size_t fz_find_control(const char *s, size_t n, bool tab_ok)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (fz_is_control(cp, tab_ok))
			return i;
		i += k;
	}
	return n;
}

/* An error message as ev_lasterr() must give it: one non-empty line,
 * valid UTF-8, no control characters (a tab from the file may stay). */
static inline void fz_check_error(const char *msg, const char *label)
{
	FUZZ_ASSERT(msg != NULL, "no error message");
	size_t n = strlen(msg);
	FUZZ_ASSERT(n > 0, "empty error message");
	FUZZ_ASSERT(strchr(msg, '\n') == NULL, "error message of several lines: %s", msg);
	FUZZ_ASSERT(utf8_valid(msg, n, NULL), "error message is not UTF-8: %s", msg);
	FUZZ_ASSERT(fz_find_control(msg, n, true) == n, "control character in error: %s", msg);
	if (label)
		FUZZ_ASSERT(strncmp(msg, label, strlen(label)) == 0,
			    "error does not name the file %s: %s", label, msg);
}

#endif
