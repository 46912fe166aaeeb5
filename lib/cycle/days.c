/*
** days.c — calendar days as the cycle counts them.
**
** Deadlines, sign-off dates and notices are days of the office's calendar
** ("YYYY-MM-DD"), not instants: an item due on 2025-06-30 is overdue from
** 2025-07-01 in Beijing, whatever zone the server runs in.  Today is the
** store clock's instant (jh_store_now, which tests set) in the zone the
** store reads revision times in ($JUNHENG_TZ, $TZ, else Asia/Shanghai).
*/
#include "cycle_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int mo)
{
	static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return mo == 2 && leap(y) ? 29 : n[mo - 1];
}

jh_day jh_day_make(int y, int mo, int d)
{
	jh_day out = {""};

	if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 0 ||
	    d > month_days(y, mo))
		return out;
	{
		char t[32];   /* the ranges checked above make it 10 bytes */
		snprintf(t, sizeof t, "%04d-%02d-%02d", y, mo, d ? d : month_days(y, mo));
		memcpy(out.s, t, sizeof out.s - 1);
	}
	return out;
}

jh_day jh_day_today(const jh_store *s)
{
	struct tm tm;

	jhLocalTm(jh_store_now(s), &tm);
	return jh_day_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int jh_day_parse(const char *s, jh_day *out)
{
	int y, mo, d, used = 0;
	jh_day day;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10 ||
	    d < 1)
		return 0;
	day = jh_day_make(y, mo, d);
	if (!day.s[0])
		return 0;
	if (out)
		*out = day;
	return 1;
}

int jh_day_cmp(const jh_day *a, const jh_day *b)
{
	return strcmp(a->s, b->s);
}
