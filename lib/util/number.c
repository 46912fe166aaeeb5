/*
** number.c — numbers as officials write them and as we write them back.
**
** jh_format_number writes the shortest decimal text that reads back as
** exactly the same double, so that import → export → import changes
** nothing.  (Cells are read by jhParseNumber in lib/io/template.c.)
*/
#include "util_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jh_format_number(double v, char *out, size_t cap)
{
	/* The shortest of %.15g … %.17g that reads back exactly. */
	for (int p = 15; p <= 17; p++) {
		snprintf(out, cap, "%.*g", p, v);
		if (strtod(out, NULL) == v)
			return;
	}
}
