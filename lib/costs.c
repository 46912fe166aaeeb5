/*
** costs.c — unit costs that price the additions of gaps and plans.
**
** A costs file has the format of a standards file (data/costs/README.md):
** `key = value` lines, `#` comments, blank lines ignored.  The values are
** yuan per unit: per teacher, per m², per yuan of equipment, per room.
**
** The built-in default is data/costs/default.cost.  The Makefile embeds
** only the standard at build time (scripts/embed.sh), so the default text
** is mirrored here byte for byte; tests/test_plan.c parses the file on
** disk and checks that it gives exactly jh_costs_default, so the two
** cannot drift apart unnoticed.
**
** No I/O and no globals.
*/
#include "junheng.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* data/costs/default.cost, embedded at build time (scripts/embed.sh). */
extern const char jh_costs_default_data[];
#define default_cost_text jh_costs_default_data

static const struct {
	const char *name;
	size_t off;
} cost_keys[] = {
	{"qualified_teacher", offsetof(jh_costs, qualified_teacher)},
	{"key_teacher", offsetof(jh_costs, key_teacher)},
	{"pe_art_teacher", offsetof(jh_costs, pe_art_teacher)},
	{"teaching_m2", offsetof(jh_costs, teaching_m2)},
	{"sports_m2", offsetof(jh_costs, sports_m2)},
	{"equipment_yuan", offsetof(jh_costs, equipment_yuan)},
	{"multimedia_room", offsetof(jh_costs, multimedia_room)},
	{"music_room", offsetof(jh_costs, music_room)},
	{"art_room", offsetof(jh_costs, art_room)},
};

#define NKEYS (sizeof cost_keys / sizeof cost_keys[0])

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Strict decimal: the whole text must be a finite number. */
static int parse_num(const char *s, double *out)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return -1;
	*out = strtod(s, &end);
	if (*end || !isfinite(*out))
		return -1;
	return 0;
}

/* Apply the lines of text to *c; `seen` (NKEYS flags) records the keys
 * set.  Every problem is recorded; returns the number of problems, or -1
 * when out of memory. */
static int parse_into(const char *text, size_t len, const char *file,
                      jh_costs *c, int *seen, jh_diags *diags)
{
	const char *p = text, *e = text + len;
	long lineno = 0;
	int errors = 0;

	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(e - p);
		char *line, *k, *v, *eq, *hash;
		size_t i;
		double d;

		lineno++;
		if (!(line = malloc(n + 1)))
			return -1;
		memcpy(line, p, n);
		line[n] = '\0';
		p += n + 1;
		k = trim(line);
		if (!*k || *k == '#') {
			free(line);
			continue;
		}
		if (!(eq = strchr(k, '='))) {
			jh_diags_add(diags, JH_P_STD_SYNTAX, file, NULL, lineno, 0,
			             NULL, "expected `key = value`", NULL);
			errors++;
			free(line);
			continue;
		}
		*eq = '\0';
		v = eq + 1;
		if ((hash = strchr(v, '#')))
			*hash = '\0';
		k = trim(k);
		v = trim(v);
		for (i = 0; i < NKEYS; i++)
			if (!strcmp(cost_keys[i].name, k))
				break;
		if (i == NKEYS) {
			jh_diags_add(diags, JH_P_STD_UNKNOWN_KEY, file, NULL, lineno,
			             0, NULL, k, NULL);
			errors++;
		} else if (seen[i]) {
			jh_diags_add(diags, JH_P_STD_SYNTAX, file, NULL, lineno, 0,
			             NULL, "key set twice", NULL);
			errors++;
		} else if (parse_num(v, &d) || d < 0) {
			/* A cost is a price: a number, never negative. */
			seen[i] = 1;
			jh_diags_add(diags, JH_P_STD_BAD_VALUE, file, NULL, lineno,
			             0, NULL, k, v);
			errors++;
		} else {
			seen[i] = 1;
			*(double *)((char *)c + cost_keys[i].off) = d;
		}
		free(line);
	}
	return errors;
}

jh_code jh_costs_default(jh_costs *out, jh_diags *diags)
{
	jh_costs c;
	int seen[NKEYS] = {0}, errors;

	if (!out)
		return JH_ERR_ARG;
	memset(&c, 0, sizeof c);
	errors = parse_into(default_cost_text, strlen(default_cost_text),
	                    "default.cost", &c, seen, diags);
	if (errors < 0)
		return JH_ERR_NOMEM;
	/* The default sets every key: it is what other files fall back on. */
	for (size_t i = 0; i < NKEYS; i++)
		if (!seen[i]) {
			jh_diags_add(diags, JH_P_STD_MISSING_KEY, "default.cost",
			             NULL, 0, 0, NULL, cost_keys[i].name, NULL);
			errors++;
		}
	if (errors)
		return JH_ERR_STANDARD;
	*out = c;
	return JH_OK;
}

jh_code jh_costs_parse(const char *text, size_t len, const char *file,
                       jh_costs *out, jh_diags *diags)
{
	jh_costs c;
	int seen[NKEYS] = {0}, errors;
	jh_code rc;

	if (!out || (!text && len))
		return JH_ERR_ARG;
	if ((rc = jh_costs_default(&c, diags)))
		return rc;
	errors = parse_into(text ? text : "", len, file, &c, seen, diags);
	if (errors < 0)
		return JH_ERR_NOMEM;
	if (errors)
		return JH_ERR_STANDARD;   /* *out is left as it was */
	*out = c;
	return JH_OK;
}
