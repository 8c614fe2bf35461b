/* date.c — ISO 8601 dates and timestamps. */
#include "exitview/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/period.h"

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

static bool parse(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return *y >= 1900 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

bool date_valid(const char *s)
{
	int y, m, d;
	return parse(s, &y, &m, &d);
}

void date_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		snprintf(out, 11, "1970-01-01");
}

void date_format_time(int64_t t, char out[17])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm) || strftime(out, 17, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(out, 17, "(bad time)");
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long date_diff_days(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;
	if (!parse(a, &ya, &ma, &da) || !parse(b, &yb, &mb, &db))
		return 0;
	return days_from_civil(yb, mb, db) - days_from_civil(ya, ma, da);
}

void date_format_duration(int64_t s, char out[32])
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		snprintf(out, 32, "%lld h %02lld min", (long long)(s / 3600), (long long)(s % 3600 / 60));
	else if (s >= 60)
		snprintf(out, 32, "%lld min", (long long)(s / 60));
	else
		snprintf(out, 32, "%lld s", (long long)s);
}

void date_months_ago(int months, char out[11])
{
	char today[11], last[11];
	date_today(today);
	int month = period_month_of(today) - months;
	period_last_day(month < 0 ? 0 : month, last);
	int day = atoi(today + 8);
	if (day < atoi(last + 8))
		snprintf(last + 8, 3, "%02u", (unsigned)day % 100);
	memcpy(out, last, 11);
}
