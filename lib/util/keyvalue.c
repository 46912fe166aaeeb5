/*
** keyvalue.c — the line reader of `key = value` files.
**
** Standards files (data/standards/README.md) and costs files
** (data/costs/README.md) share one format: UTF-8 text, one `key = value`
** per line, `#` starts a comment, blank lines are ignored.  This file
** splits such text into numbered lines, trims them and cuts them at `=`
** and `#`; what a key means, and every message about it, stays with the
** parser that owns the key (standard.c, costs.c).  The contract is in
** internal.h.
**
** No I/O and no globals.
*/
#include "util_int.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

char *jhKvTrim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int jhKvNumber(const char *s, double *out)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return -1;
	*out = strtod(s, &end);
	if (*end || !isfinite(*out))
		return -1;
	return 0;
}

int jhKvEach(const char *text, size_t len,
               int (*fn)(void *ctx, long lineno, const char *key,
                         const char *value),
               void *ctx)
{
	const char *p = text, *e = text + len;
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	int rc = 0;

	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(e - p);
		char *k, *v, *eq, *hash;

		lineno++;
		/* One buffer serves every line; it only ever grows. */
		if (n + 1 > cap) {
			char *grown = realloc(line, n + 1);
			if (!grown) {
				rc = -1;
				break;
			}
			line = grown;
			cap = n + 1;
		}
		memcpy(line, p, n);
		line[n] = '\0';     /* a NUL inside the line ends it early */
		p += n + 1;
		k = jhKvTrim(line);
		if (!*k || *k == '#')
			continue;
		if (!(eq = strchr(k, '='))) {
			if ((rc = fn(ctx, lineno, k, NULL)))
				break;
			continue;
		}
		*eq = '\0';
		v = eq + 1;
		if ((hash = strchr(v, '#')))
			*hash = '\0';
		if ((rc = fn(ctx, lineno, jhKvTrim(k), jhKvTrim(v))))
			break;
	}
	free(line);
	return rc;
}
