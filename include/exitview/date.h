/* date.h — ISO 8601 calendar dates (YYYY-MM-DD) and timestamps. */
#ifndef EXITVIEW_DATE_H
#define EXITVIEW_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* True if s is exactly YYYY-MM-DD and a real calendar date (1900..9999). */
bool date_valid(const char *s);
/* Today in local time as YYYY-MM-DD into out[11]. */
void date_today(char out[11]);
/* A Unix time as local "YYYY-MM-DD HH:MM" into out[17]. */
void date_format_time(int64_t t, char out[17]);
/* Today months months ago (local), as YYYY-MM-DD into out[11]: the same
 * day of that month, or its last day. */
void date_months_ago(int months, char out[11]);
/* Days from a to b (both valid dates); b - a. */
long date_diff_days(const char *a, const char *b);
/* Seconds as "1 h 05 min" / "12 min" / "45 s" into out[32]. */
void date_format_duration(int64_t seconds, char out[32]);

#endif
