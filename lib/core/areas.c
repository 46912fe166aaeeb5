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

static const char *const area_cols[A__COUNT][5] = {
	[A_PROV_CODE]   = {"province_code", "省代码", "省级代码", "省(自治区、直辖市)代码", NULL},
	[A_PROV_NAME]   = {"province_name", "省名称", "省份", "省(自治区、直辖市)", NULL},
	[A_CITY_CODE]   = {"city_code", "市代码", "地市代码", "市(地、州、盟)代码", NULL},
	[A_CITY_NAME]   = {"city_name", "市名称", "地市", "市(地、州、盟)", NULL},
	[A_COUNTY_CODE] = {"county_code", "县代码", "县(市、区)代码", "区县代码", NULL},
	[A_COUNTY_NAME] = {"county_name", "县名称", "县(市、区)名称", "县(市、区)", NULL},
};

static int area_col(const char *s)
{
	return jhMatchNames(s, &area_cols[0][0], A__COUNT, 5);
}

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

static long find_header(const jh_table *t, int *pos)
{
	for (size_t r = 0; r < t->nrows && r < 30; r++) {
		int found = 0;
		for (int c = 0; c < A__COUNT; c++)
			pos[c] = -1;
		for (size_t j = 0; j < t->rows[r].ncells; j++) {
			int c = area_col(jh_table_cell(t, r, j));
			if (c >= 0 && pos[c] < 0) {
				pos[c] = (int)j;
				found++;
			}
		}
		if (pos[A_COUNTY_CODE] >= 0 && pos[A_COUNTY_NAME] >= 0 && found >= 4)
			return (long)r;
	}
	return -1;
}

int jh_areas_table_is(const jh_table *t)
{
	int pos[A__COUNT];

	return find_header(t, pos) >= 0;
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
	int pos[A__COUNT];
	long hdr = find_header(t, pos);
	size_t first = a->count, errors = 0;
	jh_areas *tmp;
	jh_code rc = JH_OK;

	if (hdr < 0) {
		jh_diags_add(diags, JH_P_NO_HEADER, t->file, t->sheet, 0, 0, NULL,
		             NULL, NULL);
		return JH_ERR_INPUT;
	}
	for (int c = 0; c < A__COUNT; c++)
		if (pos[c] < 0) {
			jh_diags_add(diags, JH_P_MISSING_COLUMN, t->file, t->sheet,
			             t->rows[hdr].line, 0, NULL, area_cols[c][0], NULL);
			errors++;
		}
	if (errors)
		return JH_ERR_INPUT;
	/* Rows go to a scratch list first: all or nothing. */
	if (!(tmp = jh_areas_new()))
		return JH_ERR_NOMEM;
	(void)first;
	for (size_t r = (size_t)hdr + 1; r < t->nrows; r++) {
		char code[3][32], name[3][256];
		long line = t->rows[r].line;
		int empty = 1, bad = 0;
		static const int cc[3] = {A_PROV_CODE, A_CITY_CODE, A_COUNTY_CODE};
		static const int cn[3] = {A_PROV_NAME, A_CITY_NAME, A_COUNTY_NAME};

		for (int k = 0; k < 3; k++) {
			jhTrimCopy(jh_table_cell(t, r, (size_t)pos[cc[k]]), code[k], sizeof code[k]);
			jhTrimCopy(jh_table_cell(t, r, (size_t)pos[cn[k]]), name[k], sizeof name[k]);
			if (*code[k] || *name[k])
				empty = 0;
		}
		if (empty)
			continue;
		for (int k = 0; k < 3; k++) {
			const char *hc = jh_table_cell(t, (size_t)hdr, (size_t)pos[cc[k]]);
			const char *hn = jh_table_cell(t, (size_t)hdr, (size_t)pos[cn[k]]);
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
			             jh_table_cell(t, (size_t)hdr, (size_t)pos[A_COUNTY_CODE]),
			             code[2], "its prefix does not match its city or province");
			bad = 1;
		}
		for (int k = 0; !bad && k < 3; k++) {
			const jh_area *prev = jh_areas_find(tmp, code[k]);
			if (prev && strcmp(prev->name, name[k])) {
				jh_diags_add(diags, JH_P_BAD_AREA, t->file, t->sheet, line,
				             pos[cn[k]] + 1,
				             jh_table_cell(t, (size_t)hdr, (size_t)pos[cn[k]]),
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
