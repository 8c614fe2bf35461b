/* unit.h — a tiny unit-test runner.  Each test file is one program:
 *
 *   TEST(name) { CHECK(expr); CHECK_STR(a, b); ... }
 *   int main(void) { RUN(name); ...; return unit_done(); }
 *
 * Prints "ok NAME" or "FAIL NAME: file:line: what" per test; tests/run.sh
 * counts those lines.  SKIP(why) ends a test that cannot be made here (a
 * privilege or a tool missing): "skip NAME: why", counted as a skip, never
 * as a pass.
 */
#ifndef UNIT_H
#define UNIT_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int unit_failed_now, unit_skipped_now, unit_passed, unit_failed;

#define TEST(name) static void test_##name(void)
#define CHECK(expr) do { if (!(expr)) { \
	printf("FAIL %s: %s:%d: %s\n", unit_current, __FILE__, __LINE__, #expr); \
	unit_failed_now = 1; return; } } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
	if (!a_ || !b_ || strcmp(a_, b_) != 0) { \
	printf("FAIL %s: %s:%d: \"%s\" != \"%s\"\n", unit_current, __FILE__, __LINE__, \
	       a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	unit_failed_now = 1; return; } } while (0)
#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) { \
	printf("FAIL %s: %s:%d: %s == %lld, expected %lld\n", unit_current, __FILE__, __LINE__, #a, a_, b_); \
	unit_failed_now = 1; return; } } while (0)

#define SKIP(why) do { printf("skip %s: %s\n", unit_current, (why)); \
	unit_skipped_now = 1; return; } while (0)

static const char *unit_current = "";

#define RUN(name) do { unit_current = #name; unit_failed_now = unit_skipped_now = 0; \
	test_##name(); \
	if (unit_failed_now) unit_failed++; \
	else if (!unit_skipped_now) { unit_passed++; printf("ok %s\n", #name); } \
	fflush(stdout); } while (0)

/* unit_stderr(DIR) sends stderr to DIR/stderr.txt; unit_stderr(NULL) puts
 * it back and returns what was written there (malloc'd, "" if nothing). */
static inline char *unit_stderr(const char *dir)
{
	static char path[4096];
	static int saved = -1;
	fflush(stderr);
	if (dir) {
		snprintf(path, sizeof path, "%s/stderr.txt", dir);
		saved = dup(2);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (saved < 0 || fd < 0 || dup2(fd, 2) < 0) {
			printf("FAIL setup: cannot capture stderr\n");
			exit(1);
		}
		close(fd);
		return NULL;
	}
	dup2(saved, 2);
	close(saved);
	FILE *f = fopen(path, "r");
	size_t cap = 4096, len = 0;
	char *text = malloc(cap);
	if (!text)
		exit(1);
	while (f && !feof(f)) {
		len += fread(text + len, 1, cap - len - 1, f);
		if (len + 1 == cap && !(text = realloc(text, cap *= 2)))
			exit(1);
	}
	text[len] = '\0';
	if (f)
		fclose(f);
	return text;
}

static inline int unit_done(void)
{
	return unit_failed ? 1 : 0;
}

#endif
