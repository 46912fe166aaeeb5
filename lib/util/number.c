/*
** number.c — numbers as officials write them and as we write them back.
**
** jhParseNumber reads a template cell strictly (optional 3-digit comma
** grouping, nothing else); jh_format_number writes the shortest decimal
** text that reads back as exactly the same double, so that import →
** export → import changes nothing.
*/
#include "util_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int jhParseNumber(const char *s, double *out)
{
	char buf[64];
	size_t o = 0, digits = 0, group = 0;
	int commas = 0, seen_point = 0;
	char *end;
	const char *p = s;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '+' || *p == '-')
		buf[o++] = *p++;
	for (; *p && o < sizeof buf - 1; p++) {
		if (*p == ',' && !seen_point) {
			/* Thousands separators must group by three. */
			if (!digits || (commas && group != 3) || (!commas && group > 3))
				return -1;
			commas = 1;
			group = 0;
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			digits++;
			if (!seen_point)
				group++;
		} else if (*p == '.') {
			if (commas && group != 3)
				return -1;
			seen_point = 1;
		} else if (*p == ' ' || *p == '\t') {
			const char *q = p;
			while (*q == ' ' || *q == '\t')
				q++;
			if (*q)
				return -1;
			break;
		} else if (*p != 'e' && *p != 'E' && *p != '+' && *p != '-') {
			return -1;
		}
		buf[o++] = *p;
	}
	if (*p && *p != ' ' && *p != '\t')
		return -1;                              /* too long */
	if (commas && !seen_point && group != 3)
		return -1;
	buf[o] = '\0';
	if (!digits)
		return -1;
	*out = strtod(buf, &end);
	if (*end || !isfinite(*out))
		return -1;
	return 0;
}

void jh_format_number(double v, char *out, size_t cap)
{
	/* The shortest of %.15g … %.17g that reads back exactly. */
	for (int p = 15; p <= 17; p++) {
		snprintf(out, cap, "%.*g", p, v);
		if (strtod(out, NULL) == v)
			return;
	}
}
