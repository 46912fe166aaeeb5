/*
** areas.c — provinces, cities and counties (行政区划) with their codes.
**
** The area table is the second template an office imports: one row per
** county with its city and province.  Codes are the official 6-digit
** administrative codes, whose prefixes carry the hierarchy (a county's
** first four digits are its city's, a city's first two its province's),
** so a row whose codes disagree is refused rather than filed wrongly.
*/
#include "core_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_PROV_CODE, A_PROV_NAME, A_CITY_CODE, A_CITY_NAME, A_COUNTY_CODE,
       A_COUNTY_NAME, A__COUNT };

#define REQ JH_COL_REQUIRED
#define ID (JH_COL_REQUIRED | JH_COL_IDENTIFIES)
static const jhColSpec area_cols[A__COUNT] = {
	[A_PROV_CODE]   = {"province_code", "省(自治区、直辖市)代码", "province code",
		{"省代码", "省级代码"}, JH_COL_CODE, 0, REQ},
	[A_PROV_NAME]   = {"province_name", "省(自治区、直辖市)", "province",
		{"省名称", "省份"}, JH_COL_TEXT, 0, REQ},
	[A_CITY_CODE]   = {"city_code", "市(地、州、盟)代码", "city code",
		{"市代码", "地市代码"}, JH_COL_CODE, 0, REQ},
	[A_CITY_NAME]   = {"city_name", "市(地、州、盟)", "city",
		{"市名称", "地市"}, JH_COL_TEXT, 0, REQ},
	[A_COUNTY_CODE] = {"county_code", "县(市、区)代码", "county code",
		{"县代码", "区县代码"}, JH_COL_CODE, 0, ID},
	[A_COUNTY_NAME] = {"county_name", "县(市、区)名称", "county",
		{"县名称", "县(市、区)"}, JH_COL_TEXT, 0, ID},
};
#undef ID
#undef REQ

/* A header names the county's code and name and at least four columns. */
static const jhTemplate areas_tpl = {"areas", area_cols, A__COUNT, 4, 0};

jh_areas *jh_areas_new(void)
{
	jh_areas *a = calloc(1, sizeof *a);

	if (a && !(a->arena = jhArenaNew())) {
		free(a);
		return NULL;
	}
	return a;
}

void jh_areas_free(jh_areas *a)
{
	if (!a)
		return;
	free(a->items);
	jhArenaFree(a->arena);
	free(a);
}

const jh_area *jh_areas_find(const jh_areas *a, const char *code)
{
	/* Areas number in the thousands for a nation; a linear scan from
	 * the end (recent additions first) is fast enough for imports. */
	for (size_t i = a->count; i-- > 0;)
		if (!strcmp(a->items[i].code, code))
			return &a->items[i];
	return NULL;
}

jh_code jh_areas_put(jh_areas *a, const jh_area *area)
{
	jh_area *dst = (jh_area *)jh_areas_find(a, area->code);

	if (!dst) {
		if (a->count == a->cap) {
			size_t cap = a->cap ? a->cap * 2 : 64;
			jh_area *n = realloc(a->items, cap * sizeof *n);
			if (!n)
				return JH_ERR_NOMEM;
			a->items = n;
			a->cap = cap;
		}
		dst = &a->items[a->count++];
	}
	*dst = *area;
	dst->name = jhArenaStrdup(a->arena, area->name ? area->name : "");
	dst->file = area->file ? jhArenaStrdup(a->arena, area->file) : NULL;
	if (!dst->name || (area->file && !dst->file))
		return JH_ERR_NOMEM;
	return JH_OK;
}

int jh_areas_table_is(const jh_table *t)
{
	return jhHeaderFind(&areas_tpl, t) >= 0;
}

static int six_digits(const char *s)
{
	if (strlen(s) != 6)
		return 0;
	for (int i = 0; i < 6; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

jh_code jh_areas_add_table(jh_areas *a, const jh_table *t, jh_diags *diags)
{
	jhHeader h;
	const int *pos = h.pos;
	size_t errors = 0, hdr;
	jh_areas *tmp = NULL;
	jh_code rc;

	if ((rc = jhHeaderRead(&areas_tpl, t, NULL, &h, diags, &errors)))
		return rc;
	hdr = h.row;
	if (errors) {
		rc = JH_ERR_INPUT;
		goto out;
	}
	/* Rows go to a scratch list first: all or nothing. */
	if (!(tmp = jh_areas_new())) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	for (size_t r = hdr + 1; r < t->nrows; r++) {
		char code[3][32], name[3][256];
		long line = t->rows[r].line;
		int bad = 0;
		static const int cc[3] = {A_PROV_CODE, A_CITY_CODE, A_COUNTY_CODE};
		static const int cn[3] = {A_PROV_NAME, A_CITY_NAME, A_COUNTY_NAME};

		if (jhRowBlank(t, r))
			continue;
		if (jhRowCheck(&areas_tpl, &h, t, r, diags))
			bad = 1;
		for (int k = 0; k < 3; k++) {
			jhCellCopy(jh_table_cell(t, r, (size_t)pos[cc[k]]), code[k], sizeof code[k]);
			if (jhCellCopy(jh_table_cell(t, r, (size_t)pos[cn[k]]), name[k], sizeof name[k])) {
				char most[24];
				snprintf(most, sizeof most, "%zu", sizeof name[k] - 1);
				jh_diags_add(diags, JH_P_TOO_LONG, t->file, t->sheet, line,
				             pos[cn[k]] + 1, jhHeaderName(t, &h, pos[cn[k]]),
				             area_cols[cn[k]].key, most);
				bad = 1;
			}
		}
		for (int k = 0; k < 3; k++) {
			const char *hc = jh_table_cell(t, hdr, (size_t)pos[cc[k]]);
			const char *hn = jh_table_cell(t, hdr, (size_t)pos[cn[k]]);
			if (!six_digits(code[k])) {
				jh_diags_add(diags, JH_P_BAD_AREA, t->file, t->sheet, line,
				             pos[cc[k]] + 1, hc, code[k], "not 6 digits");
				bad = 1;
			}
			if (!*name[k]) {
				jh_diags_add(diags, JH_P_EMPTY_VALUE, t->file, t->sheet, line,
				             pos[cn[k]] + 1, hn, NULL, NULL);
				bad = 1;
			}
		}
		if (!bad && (strncmp(code[1], code[0], 2) || strncmp(code[2], code[1], 4))) {
			jh_diags_add(diags, JH_P_BAD_AREA, t->file, t->sheet, line,
			             pos[A_COUNTY_CODE] + 1,
			             jh_table_cell(t, hdr, (size_t)pos[A_COUNTY_CODE]),
			             code[2], "its prefix does not match its city or province");
			bad = 1;
		}
		for (int k = 0; !bad && k < 3; k++) {
			const jh_area *prev = jh_areas_find(tmp, code[k]);
			if (prev && strcmp(prev->name, name[k])) {
				jh_diags_add(diags, JH_P_BAD_AREA, t->file, t->sheet, line,
				             pos[cn[k]] + 1,
				             jh_table_cell(t, hdr, (size_t)pos[cn[k]]),
				             code[k], "named differently on another row");
				bad = 1;
			}
		}
		if (bad) {
			errors++;
			continue;
		}
		for (int k = 0; k < 3; k++) {
			jh_area ar;
			memset(&ar, 0, sizeof ar);
			memcpy(ar.code, code[k], 7);
			if (k)
				memcpy(ar.parent, code[k - 1], 7);
			ar.level = (jh_area_level)k;
			ar.name = name[k];
			ar.file = t->file;
			ar.line = line;
			if ((rc = jh_areas_put(tmp, &ar)))
				goto out;
		}
	}
	if (errors) {
		rc = JH_ERR_INPUT;
		goto out;
	}
	for (size_t i = 0; i < tmp->count; i++)
		if ((rc = jh_areas_put(a, &tmp->items[i])))
			goto out;
out:
	jhHeaderFree(&h);
	jh_areas_free(tmp);
	return rc;
}

size_t jh_areas_count(const jh_areas *a)
{
	return a->count;
}

const jh_area *jh_areas_at(const jh_areas *a, size_t i)
{
	return i < a->count ? &a->items[i] : NULL;
}
