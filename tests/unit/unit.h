/* unit.h — a tiny unit-test runner.  Each test file is one program:
 *
 *   TEST(name) { CHECK(expr); CHECK_STR(a, b); ... }
 *   int main(void) { RUN(name); ...; return unit_done(); }
 *
 * Prints "ok NAME" or "FAIL NAME: file:line: what" per test; tests/run.sh
 * counts those lines.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed_now, unit_passed, unit_failed;

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

static const char *unit_current = "";

#define RUN(name) do { unit_current = #name; unit_failed_now = 0; test_##name(); \
	if (unit_failed_now) unit_failed++; else { unit_passed++; printf("ok %s\n", #name); } \
	fflush(stdout); } while (0)

static inline int unit_done(void)
{
	return unit_failed ? 1 : 0;
}

#endif
