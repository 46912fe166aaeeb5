/*
** localtime.c — the time zone people read revision times in.
**
** Revision times are stored in UTC ("2024-05-01T10:30:00Z") and stay so in
** JSON.  People read them in local time: the zone named by $JUNHENG_TZ,
** else $TZ, else Asia/Shanghai (an office in China whose server runs on
** UTC still reads Beijing time).  `--as-of 2024-05-01` is the end of that
** local day.
**
** China Standard Time is UTC+8 without daylight saving (since 1991, long
** before any revision), so Asia/Shanghai and its aliases are a fixed
** offset and need no time-zone database nor any change to the process's
** environment.  Any other zone goes through the C library: TZ is set to it
** (once, when it differs) and localtime_r / mktime do the rest, so a
** program using the store with another zone must not rely on TZ being
** left as it was.
*/
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *zone_name(void)
{
	const char *z = getenv("JUNHENG_TZ");

	if (!z || !*z)
		z = getenv("TZ");
	if (!z || !*z)
		z = "Asia/Shanghai";
	return *z == ':' ? z + 1 : z;
}

static int is_beijing(const char *z)
{
	static const char *const cn[] = {"Asia/Shanghai", "PRC", "Asia/Chongqing",
		"Asia/Chungking", "Asia/Harbin", "CST-8", "UTC-8", NULL};
	for (int i = 0; cn[i]; i++)
		if (!strcmp(z, cn[i]))
			return 1;
	return 0;
}

/* Another zone: TZ set to it for the C library. */
static void use_zone(const char *z)
{
	const char *tz = getenv("TZ");

	if (!tz || strcmp(tz, z))
		setenv("TZ", z, 1);
	tzset();
}

void jhTmSet(struct tm *tm, int y, int mo, int d, int h, int mi, int s)
{
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = s;
}

/* Seconds since 1970 (UTC) of "YYYY-MM-DDTHH:MM:SSZ"; -1 when not so. */
static long long parse_utc(const char *s)
{
	struct tm tm;
	int y, mo, d, h, mi, se, used = 0;

	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &se,
	                 &used) != 6 || used != 20)
		return -1;
	jhTmSet(&tm, y, mo, d, h, mi, se);
	return (long long)timegm(&tm);
}

const char *jhLocalTime(const char *utc, const char *lang, char *out, size_t cap)
{
	int en = lang && !strcmp(lang, "en");
	const char *z = zone_name();
	long long t = parse_utc(utc);
	time_t tt;
	struct tm tm;
	char label[48];

	if (t < 0) {
		snprintf(out, cap, "%s", utc ? utc : "");
		return out;
	}
	if (is_beijing(z)) {
		tt = (time_t)(t + 8 * 3600);
		gmtime_r(&tt, &tm);
		snprintf(label, sizeof label, "%s", en ? "Beijing time" : "北京时间");
	} else {
		tt = (time_t)t;
		use_zone(z);
		localtime_r(&tt, &tm);
		const char *abbr = tm.tm_zone && *tm.tm_zone ? tm.tm_zone : z;
		/* UTC in Chinese words, so that a Chinese line has none. */
		snprintf(label, sizeof label, "%s", !en && (!strcmp(abbr, "UTC") ||
		         !strcmp(abbr, "GMT")) ? "协调世界时" : abbr);
	}
	snprintf(out, cap, "%04d-%02d-%02d %02d:%02d:%02d (%s)", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, label);
	return out;
}

void jhLocalTm(long long t, struct tm *out)
{
	time_t tt;
	const char *z = zone_name();

	if (is_beijing(z)) {
		tt = (time_t)(t + 8 * 3600);
		gmtime_r(&tt, out);
		return;
	}
	tt = (time_t)t;
	use_zone(z);
	localtime_r(&tt, out);
}

long long jhLocalSeconds(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm, back;
	time_t t;

	jhTmSet(&tm, y, mo, d, h, mi, s);
	if (is_beijing(zone_name())) {
		t = timegm(&tm);
		if (!gmtime_r(&t, &back) || back.tm_mday != d || back.tm_mon != mo - 1)
			return -1;
		return (long long)t - 8 * 3600;
	}
	use_zone(zone_name());
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d || tm.tm_mon != mo - 1)
		return -1;
	return (long long)t;
}
