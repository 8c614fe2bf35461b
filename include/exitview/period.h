/* period.h — whole months and quarters: the periods of summaries and
 * anonymous exports (a day would single out an interview).
 *
 * A month is an index: year * 12 + (month - 1); its quarter is month / 3.
 */
#ifndef EXITVIEW_PERIOD_H
#define EXITVIEW_PERIOD_H

#include <stdint.h>

/* "YYYY-MM" or "YYYY-Qn" into its first and last month.  Returns 0, or -1
 * with ev_seterr() saying what a period is (a date YYYY-MM-DD is refused
 * as a day). */
int period_parse(const char *s, int *first, int *last);
/* The month of a date "YYYY-MM-DD" (or a longer timestamp), or -1. */
int period_month_of(const char *date);
/* The month of a Unix time in local time, or -1. */
int period_month_of_time(int64_t t);
/* "YYYY-MM" into out[8]. */
void period_month_name(int month, char out[8]);
/* The first and the last day of a month as YYYY-MM-DD into out[11]. */
void period_first_day(int month, char out[11]);
void period_last_day(int month, char out[11]);

#endif
