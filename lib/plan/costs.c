/*
** costs.c — unit costs that price the additions of gaps and plans.
**
** A costs file has the format of a standards file (data/costs/README.md):
** `key = value` lines, `#` comments, blank lines ignored; keyvalue.c reads
** the lines, this file gives the keys their meaning: a spec table (the
** template engine's jhColSpec, lib/io) with each key's names and the unit
** it prices.  The values are yuan per unit: per teacher, per m², per yuan
** of equipment, per room, read by the templates' number parser.
** jhPlanPrice maps each column an addition goes to onto its price.
**
** The built-in default is data/costs/default.cost, embedded at build time
** by scripts/embed.sh as jh_costs_default_data; tests/test_plan.c also
** parses the file on disk and checks it gives exactly jh_costs_default.
**
** No I/O and no globals.
*/
#include "plan_int.h"

#include <stddef.h>
#include <string.h>

/* data/costs/default.cost, embedded at build time (scripts/embed.sh). */
extern const char jh_costs_default_data[];
#define default_cost_text jh_costs_default_data

/* The keys as a template: what each prices, in yuan per unit.  The
 * values are read by the one number parser of the templates. */
#define MONEY(k, zh, en, u) {k, zh, en, {NULL}, JH_COL_MONEY, u, 0}
static const jhColSpec cost_keys[] = {
	MONEY("qualified_teacher", "高于规定学历教师(元/人)",
	      "teacher above the required qualification (yuan each)", JH_UNIT_PERSON),
	MONEY("key_teacher", "县级及以上骨干教师(元/人)",
	      "county-level key teacher (yuan each)", JH_UNIT_PERSON),
	MONEY("pe_art_teacher", "体育、艺术专任教师(元/人)",
	      "PE or art teacher (yuan each)", JH_UNIT_PERSON),
	MONEY("teaching_m2", "教学及辅助用房(元/平方米)",
	      "teaching and auxiliary space (yuan per m²)", JH_UNIT_M2),
	MONEY("sports_m2", "体育运动场馆(元/平方米)",
	      "sports ground or hall (yuan per m²)", JH_UNIT_M2),
	MONEY("equipment_yuan", "教学仪器设备(元/元)",
	      "teaching equipment (yuan per yuan)", JH_UNIT_YUAN),
	MONEY("multimedia_room", "网络多媒体教室(元/间)",
	      "networked multimedia room (yuan each)", JH_UNIT_ROOM),
	MONEY("music_room", "音乐专用教室(元/间)", "music room (yuan each)", JH_UNIT_ROOM),
	MONEY("art_room", "美术专用教室(元/间)", "art room (yuan each)", JH_UNIT_ROOM),
};
#undef MONEY

/* Where each key's value goes, in the order of cost_keys. */
static const size_t cost_off[] = {
	offsetof(jh_costs, qualified_teacher),
	offsetof(jh_costs, key_teacher),
	offsetof(jh_costs, pe_art_teacher),
	offsetof(jh_costs, teaching_m2),
	offsetof(jh_costs, sports_m2),
	offsetof(jh_costs, equipment_yuan),
	offsetof(jh_costs, multimedia_room),
	offsetof(jh_costs, music_room),
	offsetof(jh_costs, art_room),
};

#define NKEYS (sizeof cost_keys / sizeof cost_keys[0])
_Static_assert(sizeof cost_off / sizeof cost_off[0] == NKEYS, "cost_off");

/* What parse_into carries from line to line. */
struct parse {
	const char *file;
	jh_costs *c;
	int *seen;
	jh_diags *diags;
	int errors;
};

/* jhKvEach callback: apply one line to p->c. */
static int set_line(void *ctx, long lineno, const char *k, const char *v)
{
	struct parse *p = ctx;
	size_t i;
	double d;

	if (!v) {
		jh_diags_add(p->diags, JH_P_STD_NO_EQUALS, p->file, NULL, lineno, 0,
		             NULL, NULL, NULL);
		p->errors++;
		return 0;
	}
	for (i = 0; i < NKEYS; i++)
		if (!strcmp(cost_keys[i].key, k))
			break;
	if (i == NKEYS) {
		jh_diags_add(p->diags, JH_P_STD_UNKNOWN_KEY, p->file, NULL, lineno,
		             0, NULL, k, NULL);
		p->errors++;
	} else if (p->seen[i]) {
		jh_diags_add(p->diags, JH_P_STD_KEY_TWICE, p->file, NULL, lineno, 0,
		             NULL, k, NULL);
		p->errors++;
	} else if (jhParseNumber(v, &d) || d < 0) {
		/* A cost is a price: a number, never negative. */
		p->seen[i] = 1;
		jh_diags_add(p->diags, JH_P_STD_BAD_VALUE, p->file, NULL, lineno,
		             0, NULL, k, v);
		p->errors++;
	} else {
		p->seen[i] = 1;
		*(double *)((char *)p->c + cost_off[i]) = d;
	}
	return 0;
}

/* Apply the lines of text to *c; `seen` (NKEYS flags) records the keys
 * set.  Every problem is recorded; returns the number of problems, or -1
 * when out of memory. */
static int parse_into(const char *text, size_t len, const char *file,
                      jh_costs *c, int *seen, jh_diags *diags)
{
	struct parse p = {file, c, seen, diags, 0};

	if (jhKvEach(text, len, set_line, &p) < 0)
		return -1;
	return p.errors;
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
			             NULL, 0, 0, NULL, cost_keys[i].key, NULL);
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

/* Yuan per unit of a column; 0 for columns that are never priced.  The
 * room columns (rooms.c) are never columns of the programme: they are
 * priced here for the additions' costs and the report. */
double jhPlanPrice(const jh_costs *c, jh_field f)
{
	switch (f) {
	case JH_F_QUALIFIED_PRIMARY:
	case JH_F_QUALIFIED_JUNIOR:
		return c->qualified_teacher;
	case JH_F_KEY_PRIMARY:
	case JH_F_KEY_JUNIOR:
		return c->key_teacher;
	case JH_F_PE_ART_PRIMARY:
	case JH_F_PE_ART_JUNIOR:
		return c->pe_art_teacher;
	case JH_F_TEACHING_AREA:
	case JH_F_MUSIC_ROOM_MIN_AREA:   /* a room enlarged: building space */
	case JH_F_ART_ROOM_MIN_AREA:
		return c->teaching_m2;
	case JH_F_SPORTS_AREA:
		return c->sports_m2;
	case JH_F_EQUIPMENT_VALUE:
		return c->equipment_yuan;
	case JH_F_MULTIMEDIA_ROOMS:
		return c->multimedia_room;
	case JH_F_MUSIC_ROOMS:
		return c->music_room;
	case JH_F_ART_ROOMS:
		return c->art_room;
	default:
		return 0;
	}
}
