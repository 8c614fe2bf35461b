/* benchutil.h — what every bench program measures with: a monotonic clock
 * in milliseconds and the order for taking medians of a run's times. */
#ifndef EXITVIEW_BENCHUTIL_H
#define EXITVIEW_BENCHUTIL_H

#include <time.h>

static inline double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* qsort order of doubles, smallest first */
static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

#endif
