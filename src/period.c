/* period.c — months and quarters as periods (see period.h). */
#include "exitview/period.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "exitview/date.h"
#include "exitview/util.h"

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static int year_of(const char *s)
{
	return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

int period_parse(const char *s, int *first, int *last)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 7 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2)) {
		int y = year_of(s), m = (s[5] - '0') * 10 + (s[6] - '0');
		if (y >= 1900 && m >= 1 && m <= 12) {
			*first = *last = y * 12 + m - 1;
			return 0;
		}
	}
	if (n == 7 && digits(s, 4) && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') && s[6] >= '1' &&
	    s[6] <= '4' && year_of(s) >= 1900) {
		*first = year_of(s) * 12 + (s[6] - '1') * 3;
		*last = *first + 2;
		return 0;
	}
	if (s && date_valid(s))
		return ev_seterr("'%s' is a day: a period is a month (YYYY-MM) or a quarter (YYYY-Qn), "
				 "so that no figure singles out an interview", s);
	return ev_seterr("bad period '%s': use a month (YYYY-MM) or a quarter (YYYY-Qn)", s ? s : "");
}

int period_month_of(const char *date)
{
	if (!date || strlen(date) < 10)
		return -1;
	char day[11];
	memcpy(day, date, 10);
	day[10] = '\0';
	if (!date_valid(day))
		return -1;
	return year_of(day) * 12 + (day[5] - '0') * 10 + (day[6] - '0') - 1;
}

int period_month_of_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (t <= 0 || !localtime_r(&tt, &tm))
		return -1;
	return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

/* A month's year (0..9999) and month (1..12). */
static void split(int month, unsigned *y, unsigned *m)
{
	unsigned u = month < 0 ? 0 : (unsigned)month;
	*y = u / 12 % 10000;
	*m = u % 12 + 1;
}

void period_month_name(int month, char out[8])
{
	unsigned y, m;
	split(month, &y, &m);
	snprintf(out, 8, "%04u-%02u", y, m);
}

void period_first_day(int month, char out[11])
{
	unsigned y, m;
	split(month, &y, &m);
	snprintf(out, 11, "%04u-%02u-01", y, m);
}

void period_last_day(int month, char out[11])
{
	static const unsigned days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y, m;
	split(month, &y, &m);
	unsigned d = days[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		d = 29;
	snprintf(out, 11, "%04u-%02u-%02u", y, m, d);
}
