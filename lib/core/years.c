/*
** years.c — the years a template row may carry.
**
** They are data (data.year_min, data.year_max in the standards file); a
** caller that loaded a standard passes its range to the loaders through
** jh_dataset / jh_county_items, and a loader given none falls back on the
** built-in national standard's.  Reading two keys of the embedded file
** here, apart from standard.c, keeps the loaders from depending on the
** whole standard parser (and the object files free of cycles).
*/
#include "core_int.h"

#include <string.h>

extern const char jh_standard_national_data[];

/* jhKvEach callback: pick the two keys. */
static int year_line(void *ctx, long lineno, const char *k, const char *v)
{
	int *y = ctx;
	double d;

	(void)lineno;
	if (v && !jhKvNumber(v, &d)) {
		if (!strcmp(k, "data.year_min"))
			y[0] = (int)d;
		else if (!strcmp(k, "data.year_max"))
			y[1] = (int)d;
	}
	return 0;
}

void jhYearRange(int set_min, int set_max, int *min, int *max)
{
	int y[2] = {0, 0};

	if (!set_min || !set_max) {
		const char *t = jh_standard_national_data;
		jhKvEach(t, strlen(t), year_line, y);
	}
	*min = set_min ? set_min : y[0];
	*max = set_max ? set_max : y[1];
}
