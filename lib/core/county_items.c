/*
** county_items.c — county-year records: one value per county, year and
** item, with its evidence note.
**
** The government-guarantee and education-quality parts of the standard
** are judged on county-level figures (teacher pay against civil servants,
** training completion, enrolment rates…) and on evidence an office keeps.
** They arrive as a narrow table, one row per item, and are kept here as
** text exactly as given; the evaluation reads and judges them.
*/
#include "core_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

enum { I_COUNTY, I_YEAR, I_ITEM, I_VALUE, I_NOTE, I__COUNT };

static const char *const item_cols[I__COUNT][5] = {
	[I_COUNTY] = {"county_code", "县(市、区)代码", "县代码", "区县代码", NULL},
	[I_YEAR]   = {"year", "年度", "统计年度", NULL},
	[I_ITEM]   = {"item", "指标", "指标代码", "项目", NULL},
	[I_VALUE]  = {"value", "值", "指标值", "数值", NULL},
	[I_NOTE]   = {"note", "说明", "佐证材料", "备注", NULL},
};

static int item_col(const char *s)
{
	return jhMatchNames(s, &item_cols[0][0], I__COUNT, 5);
}

jh_county_items *jh_county_items_new(void)
{
	jh_county_items *c = calloc(1, sizeof *c);

	if (c && !(c->arena = jhArenaNew())) {
		free(c);
		return NULL;
	}
	return c;
}

void jh_county_items_free(jh_county_items *c)
{
	if (!c)
		return;
	free(c->slot);
	free(c->items);
	jhArenaFree(c->arena);
	free(c);
}

/* An open-addressing index on (county, year, item): a verdict looks up
 * sixty records per county, a nation has thousands of counties. */
static uint64_t item_hash(const char *county, int year, const char *item)
{
	uint64_t h = 1469598103934665603ull;

	for (; *county; county++)
		h = (h ^ (unsigned char)*county) * 1099511628211ull;
	h = (h ^ (unsigned)year) * 1099511628211ull;
	for (; *item; item++)
		h = (h ^ (unsigned char)*item) * 1099511628211ull;
	return h ^ (h >> 31);
}

static int same(const jh_county_item *it, const char *county, int year, const char *item)
{
	return it->year == year && !strcmp(it->county_code, county) && !strcmp(it->item, item);
}

const jh_county_item *jh_county_items_find(const jh_county_items *c,
                                           const char *county, int year,
                                           const char *item)
{
	if (!c || !c->nslot)
		return NULL;
	for (size_t i = item_hash(county, year, item) & (c->nslot - 1); c->slot[i];
	     i = (i + 1) & (c->nslot - 1))
		if (same(&c->items[c->slot[i] - 1], county, year, item))
			return &c->items[c->slot[i] - 1];
	return NULL;
}

/* Rebuild the index for the first c->count records (also after a
 * rollback shortened the list). */
static jh_code reindex(jh_county_items *c, size_t want)
{
	size_t n = 64;

	while (n < want * 2)
		n *= 2;
	if (n != c->nslot) {
		size_t *s = calloc(n, sizeof *s);
		if (!s)
			return JH_ERR_NOMEM;
		free(c->slot);
		c->slot = s;
		c->nslot = n;
	} else {
		memset(c->slot, 0, n * sizeof *c->slot);
	}
	for (size_t k = 0; k < c->count; k++) {
		const jh_county_item *it = &c->items[k];
		size_t i = item_hash(it->county_code, it->year, it->item) & (n - 1);
		while (c->slot[i])
			i = (i + 1) & (n - 1);
		c->slot[i] = k + 1;
	}
	return JH_OK;
}

jh_code jhCountyItemsTruncate(jh_county_items *c, size_t n)
{
	if (n < c->count)
		c->count = n;
	return reindex(c, c->count + 1);
}

jh_code jh_county_items_put(jh_county_items *c, const jh_county_item *it)
{
	jh_county_item *dst;
	size_t i;

	if (c->count == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		jh_county_item *n = realloc(c->items, cap * sizeof *n);
		if (!n)
			return JH_ERR_NOMEM;
		c->items = n;
		c->cap = cap;
	}
	dst = &c->items[c->count];
	*dst = *it;
	dst->item = jhArenaStrdup(c->arena, it->item ? it->item : "");
	dst->value = jhArenaStrdup(c->arena, it->value ? it->value : "");
	dst->note = jhArenaStrdup(c->arena, it->note ? it->note : "");
	dst->file = it->file ? jhArenaStrdup(c->arena, it->file) : NULL;
	if (!dst->item || !dst->value || !dst->note || (it->file && !dst->file))
		return JH_ERR_NOMEM;
	c->count++;
	if ((c->count + 1) * 2 > c->nslot)
		return reindex(c, c->count + 1);
	for (i = item_hash(dst->county_code, dst->year, dst->item) & (c->nslot - 1);
	     c->slot[i]; i = (i + 1) & (c->nslot - 1))
		;
	c->slot[i] = c->count;
	return JH_OK;
}

static long find_header(const jh_table *t, int *pos)
{
	for (size_t r = 0; r < t->nrows && r < 30; r++) {
		for (int c = 0; c < I__COUNT; c++)
			pos[c] = -1;
		for (size_t j = 0; j < t->rows[r].ncells; j++) {
			int c = item_col(jh_table_cell(t, r, j));
			if (c >= 0 && pos[c] < 0)
				pos[c] = (int)j;
		}
		if (pos[I_COUNTY] >= 0 && pos[I_ITEM] >= 0 && pos[I_VALUE] >= 0)
			return (long)r;
	}
	return -1;
}

int jh_county_items_table_is(const jh_table *t)
{
	int pos[I__COUNT];

	return find_header(t, pos) >= 0;
}

static int item_key_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) ||
		      *s == '_' || *s == '.'))
			return 0;
	return 1;
}

jh_code jh_county_items_add_table(jh_county_items *c, const jh_table *t,
                                  int default_year, jh_diags *diags)
{
	int pos[I__COUNT];
	long hdr = find_header(t, pos);
	size_t first = c->count, errors = 0;
	jh_code rc = JH_OK;

	if (hdr < 0) {
		jh_diags_add(diags, JH_P_NO_HEADER, t->file, t->sheet, 0, 0, NULL, NULL, NULL);
		return JH_ERR_INPUT;
	}
	if (pos[I_YEAR] < 0 && !default_year) {
		jh_diags_add(diags, JH_P_MISSING_COLUMN, t->file, t->sheet,
		             t->rows[hdr].line, 0, NULL, "year", NULL);
		return JH_ERR_INPUT;
	}
#define HDR(col) jh_table_cell(t, (size_t)hdr, (size_t)pos[col])
	for (size_t r = (size_t)hdr + 1; r < t->nrows; r++) {
		char county[32], year[32], item[128], value[512], note[1024];
		long line = t->rows[r].line;
		jh_county_item it;
		double y = default_year;
		size_t before = errors;

		jhTrimCopy(jh_table_cell(t, r, (size_t)pos[I_COUNTY]), county, sizeof county);
		jhTrimCopy(jh_table_cell(t, r, (size_t)pos[I_ITEM]), item, sizeof item);
		jhTrimCopy(jh_table_cell(t, r, (size_t)pos[I_VALUE]), value, sizeof value);
		year[0] = note[0] = '\0';
		if (pos[I_YEAR] >= 0)
			jhTrimCopy(jh_table_cell(t, r, (size_t)pos[I_YEAR]), year, sizeof year);
		if (pos[I_NOTE] >= 0)
			jhTrimCopy(jh_table_cell(t, r, (size_t)pos[I_NOTE]), note, sizeof note);
		if (!*county && !*item && !*value && !*year && !*note)
			continue;
		if (strlen(county) != 6 || strspn(county, "0123456789") != 6) {
			jh_diags_add(diags, JH_P_BAD_COUNTY_CODE, t->file, t->sheet, line,
			             pos[I_COUNTY] + 1, HDR(I_COUNTY), county, NULL);
			errors++;
		}
		if (pos[I_YEAR] >= 0) {
			if (jhParseNumber(year, &y) || y != floor(y) || y < 1990 || y > 2100) {
				jh_diags_add(diags, JH_P_BAD_YEAR, t->file, t->sheet, line,
				             pos[I_YEAR] + 1, HDR(I_YEAR), year, NULL);
				errors++;
			} else if (default_year && (int)y != default_year) {
				char want[16];
				snprintf(want, sizeof want, "%d", default_year);
				jh_diags_add(diags, JH_P_YEAR_MISMATCH, t->file, t->sheet, line,
				             pos[I_YEAR] + 1, HDR(I_YEAR), year, want);
				errors++;
			}
		}
		if (!item_key_ok(item)) {
			jh_diags_add(diags, *item ? JH_P_STD_UNKNOWN_KEY : JH_P_EMPTY_VALUE,
			             t->file, t->sheet, line, pos[I_ITEM] + 1, HDR(I_ITEM),
			             item, NULL);
			errors++;
		}
		if (!*value) {
			jh_diags_add(diags, JH_P_EMPTY_VALUE, t->file, t->sheet, line,
			             pos[I_VALUE] + 1, HDR(I_VALUE), NULL, NULL);
			errors++;
		} else if (item_key_ok(item)) {
			const char *arg;
			jh_problem p = jhItemProblem(item, value, &arg);
			if (p != JH_P__COUNT) {
				int on_item = p == JH_P_ITEM_UNKNOWN || p == JH_P_ITEM_SUBJECT ||
				              p == JH_P_ITEM_SURVEY_KEY || p == JH_P_ITEM_GROUP;
				jh_diags_add(diags, p, t->file, t->sheet, line,
				             on_item ? pos[I_ITEM] + 1 : pos[I_VALUE] + 1,
				             on_item ? HDR(I_ITEM) : HDR(I_VALUE), arg, NULL);
				errors++;
			}
		}
		if (errors != before)
			continue;
		memset(&it, 0, sizeof it);
		memcpy(it.county_code, county, 7);
		it.year = (int)y;
		it.item = item;
		it.value = value;
		it.note = note;
		it.file = t->file;
		it.line = line;
		{
			const jh_county_item *prev = jh_county_items_find(c, county, it.year, item);
			if (prev) {
				char what[200], where[300];
				snprintf(what, sizeof what, "%s/%d/%s", county, it.year, item);
				snprintf(where, sizeof where, "%s:%ld", prev->file ? prev->file : "?",
				         prev->line);
				jh_diags_add(diags, JH_P_DUPLICATE_ITEM, t->file, t->sheet, line,
				             pos[I_ITEM] + 1, HDR(I_ITEM), what, where);
				errors++;
				continue;
			}
		}
		if ((rc = jh_county_items_put(c, &it)))
			break;
	}
#undef HDR
	if (errors || rc) {
		if (jhCountyItemsTruncate(c, first))   /* all or nothing */
			return JH_ERR_NOMEM;
		return rc ? rc : JH_ERR_INPUT;
	}
	return JH_OK;
}

size_t jh_county_items_count(const jh_county_items *c)
{
	return c->count;
}

const jh_county_item *jh_county_items_at(const jh_county_items *c, size_t i)
{
	return i < c->count ? &c->items[i] : NULL;
}
