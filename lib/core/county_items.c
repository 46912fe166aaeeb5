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

#define ID (JH_COL_REQUIRED | JH_COL_IDENTIFIES)
static const jhColSpec item_cols[I__COUNT] = {
	[I_COUNTY] = {"county_code", "县(市、区)代码", "county code",
		{"县代码", "区县代码"}, JH_COL_CODE, 0, ID},
	/* Required unless the caller gives the year (default_year). */
	[I_YEAR]   = {"year", "年度", "year", {"统计年度"}, JH_COL_YEAR, 0,
		JH_COL_REQUIRED},
	[I_ITEM]   = {"item", "指标", "item", {"指标代码", "项目"}, JH_COL_CODE, 0, ID},
	[I_VALUE]  = {"value", "值", "value", {"指标值", "数值"}, JH_COL_TEXT, 0, ID},
	[I_NOTE]   = {"note", "说明", "note", {"佐证材料", "备注"}, JH_COL_TEXT, 0, 0},
};
#undef ID

static const jhTemplate items_tpl = {"county_year", item_cols, I__COUNT, 3, 0};

jh_county_items *jh_county_items_new(void)
{
	jh_county_items *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	if (!(c->arena = jhArenaNew()) || !(c->index = calloc(1, sizeof *c->index))) {
		jh_county_items_free(c);
		return NULL;
	}
	return c;
}

void jh_county_items_free(jh_county_items *c)
{
	if (!c)
		return;
	if (c->index)
		jhIndexFree(c->index);
	free(c->index);
	free(c->items);
	jhArenaFree(c->arena);
	free(c);
}

/* The index on (county, year, item): a verdict looks up sixty records
 * per county, a nation has thousands of counties. */
static uint64_t item_hash(const char *county, int year, const char *item)
{
	return jhHashStr(jhHashInt(jhHashStr(JH_HASH_SEED, county), year), item);
}

static int same(const jh_county_item *it, const char *county, int year, const char *item)
{
	return it->year == year && !strcmp(it->county_code, county) && !strcmp(it->item, item);
}

const jh_county_item *jh_county_items_find(const jh_county_items *c,
                                           const char *county, int year,
                                           const char *item)
{
	uint64_t h;
	size_t pos = 0, i;

	if (!c || !c->index)
		return NULL;
	h = item_hash(county, year, item);
	while (jhIndexNext(c->index, h, &pos, &i))
		if (same(&c->items[i], county, year, item))
			return &c->items[i];
	return NULL;
}

static int index_put(jh_county_items *c, size_t k)
{
	const jh_county_item *it = &c->items[k];

	return jhIndexAdd(c->index, item_hash(it->county_code, it->year, it->item), k);
}

jh_code jhCountyItemsTruncate(jh_county_items *c, size_t n)
{
	if (n >= c->count)
		return JH_OK;
	c->count = n;
	jhIndexClear(c->index);
	for (size_t k = 0; k < c->count; k++)
		index_put(c, k);        /* cannot grow: fewer records */
	return JH_OK;
}

jh_code jh_county_items_put(jh_county_items *c, const jh_county_item *it)
{
	jh_county_item *dst;

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
	if (index_put(c, c->count))
		return JH_ERR_NOMEM;
	c->count++;
	return JH_OK;
}

int jh_county_items_table_is(const jh_table *t)
{
	return jhHeaderFind(&items_tpl, t) >= 0;
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
	jhHeader h;
	const int *pos = h.pos;
	size_t first = c->count, errors = 0, hdr;
	int year_min, year_max;
	char range[32];
	jh_code rc;

	jhColSet excused = {{0}};
	if (default_year)
		jhColSetAdd(&excused, I_YEAR);
	rc = jhHeaderRead(&items_tpl, t, &excused, &h,
	                  diags, &errors);
	if (rc)
		return rc;
	if (errors) {
		jhHeaderFree(&h);
		return JH_ERR_INPUT;
	}
	hdr = h.row;
	jhYearRange(c->year_min, c->year_max, &year_min, &year_max);
	snprintf(range, sizeof range, "%d–%d", year_min, year_max);
#define HDR(col) jh_table_cell(t, hdr, (size_t)pos[col])
	for (size_t r = hdr + 1; r < t->nrows; r++) {
		char county[32], item[128], value[512], note[1024];
		long line = t->rows[r].line;
		jh_county_item it;
		int y = default_year;
		size_t before = errors;

		if (jhRowBlank(t, r))
			continue;
		errors += jhRowCheck(&items_tpl, &h, t, r, diags);
		jhCellCopy(jh_table_cell(t, r, (size_t)pos[I_COUNTY]), county, sizeof county);
		note[0] = '\0';
		if (!jhCountyCodeOk(county)) {
			jh_diags_add(diags, JH_P_BAD_COUNTY_CODE, t->file, t->sheet, line,
			             pos[I_COUNTY] + 1, HDR(I_COUNTY), county, NULL);
			errors++;
		}
		if (pos[I_YEAR] >= 0)
			errors += (size_t)jhCellYear(t, &h, r, pos[I_YEAR], year_min, year_max,
			                             default_year, &y, diags);
		if (jhCellCopy(jh_table_cell(t, r, (size_t)pos[I_ITEM]), item, sizeof item) ||
		    !item_key_ok(item)) {
			jh_diags_add(diags, *item ? JH_P_STD_UNKNOWN_KEY : JH_P_EMPTY_VALUE,
			             t->file, t->sheet, line, pos[I_ITEM] + 1, HDR(I_ITEM),
			             item, NULL);
			errors++;
			item[0] = '\0';
		}
		if (jhCellCopy(jh_table_cell(t, r, (size_t)pos[I_VALUE]), value, sizeof value)) {
			char most[24];
			snprintf(most, sizeof most, "%zu", sizeof value - 1);
			jh_diags_add(diags, JH_P_TOO_LONG, t->file, t->sheet, line,
			             pos[I_VALUE] + 1, HDR(I_VALUE), "value", most);
			errors++;
		} else if (!*value) {
			jh_diags_add(diags, JH_P_EMPTY_VALUE, t->file, t->sheet, line,
			             pos[I_VALUE] + 1, HDR(I_VALUE), NULL, NULL);
			errors++;
		} else if (*item) {
			const char *arg;
			jh_problem p = jhItemProblem(item, value, year_min, year_max, &arg);
			if (p != JH_P__COUNT) {
				int on_item = p == JH_P_ITEM_UNKNOWN || p == JH_P_ITEM_SUBJECT ||
				              p == JH_P_ITEM_SURVEY_KEY || p == JH_P_ITEM_GROUP;
				jh_diags_add(diags, p, t->file, t->sheet, line,
				             on_item ? pos[I_ITEM] + 1 : pos[I_VALUE] + 1,
				             on_item ? HDR(I_ITEM) : HDR(I_VALUE), arg,
				             p == JH_P_ITEM_YEAR ? range : NULL);
				errors++;
			}
		}
		if (pos[I_NOTE] >= 0 &&
		    jhCellCopy(jh_table_cell(t, r, (size_t)pos[I_NOTE]), note, sizeof note)) {
			char most[24];
			snprintf(most, sizeof most, "%zu", sizeof note - 1);
			jh_diags_add(diags, JH_P_TOO_LONG, t->file, t->sheet, line,
			             pos[I_NOTE] + 1, HDR(I_NOTE), "note", most);
			errors++;
		}
		if (errors != before)
			continue;
		memset(&it, 0, sizeof it);
		memcpy(it.county_code, county, 7);
		it.year = y;
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
	jhHeaderFree(&h);
	if (errors || rc) {
		jhCountyItemsTruncate(c, first);   /* all or nothing */
		return rc ? rc : JH_ERR_INPUT;
	}
	return JH_OK;
}

size_t jh_county_items_count(const jh_county_items *c)
{
	return c->count;
}

void jh_county_items_set_years(jh_county_items *c, int year_min, int year_max)
{
	c->year_min = year_min;
	c->year_max = year_max;
}

const jh_county_item *jh_county_items_at(const jh_county_items *c, size_t i)
{
	return i < c->count ? &c->items[i] : NULL;
}
