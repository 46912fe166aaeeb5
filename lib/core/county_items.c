/*
** county_items.c — county-year records: one value per county, year and
** item, with its evidence note.
**
** The government-guarantee and education-quality parts of the standard
** are judged on county-level figures (teacher pay against civil servants,
** training completion, enrolment rates…) and on evidence an office keeps.
** They arrive as a narrow table, one row per item, and are kept here as
** text exactly as given; the evaluation reads and judges them.
**
** The counts behind the judged ratios (jhCountKeys, issue 14) are
** checked here too, for the records an import brings together: a part
** over its whole (rotated teachers over those eligible, key teachers
** over those rotated, …) is JH_P_PART_EXCEEDS at the part's row, and a
** ratio record given beside its counts that disagrees with them (to the
** precision it is written in) is JH_P_DERIVED_DISAGREES at the ratio's
** row — the same rule as a school-year row's raw figures (derive.c):
** nothing contradictory is stored.  Records an import cannot see
** together (a rate stored last year, its counts imported today) are the
** verdict's to notice: it judges the counts and says so (verdict.c).
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

/* --- the counts behind the judged ratios ------------------------------ */

/* Formulas: reference §4 notes (S17's, third-party) and the companion
 * calculation notes of §10 (巩固率, 交流轮岗比例, 就近划片入学比例);
 * rotation_key_rate over the teachers rotated (S17's denominator). */
const struct jhRatio jhRatios[] = {
	{"special_ed_funds_per_student", 0, {"special_ed_funds_yuan"}, {"special_ed_students"}},
	{"teacher_pay_ratio", 0, {"teacher_avg_pay_yuan"}, {"civil_servant_avg_pay_yuan"}},
	{"training_360_rate", 1, {"training_360_done"}, {"training_360_teachers"}},
	{"rotation_rate", 1, {"rotation_rotated"}, {"rotation_eligible"}},
	{"rotation_key_rate", 1, {"rotation_key"}, {"rotation_rotated"}},
	{"certification_rate", 1, {"certification_certified"}, {"certification_teachers"}},
	{"nearby_enrolment_primary", 1, {"nearby_catchment_primary"}, {"nearby_students_primary"}},
	{"nearby_enrolment_junior", 1, {"nearby_catchment_junior"}, {"nearby_students_junior"}},
	{"hs_quota_rate", 1, {"hs_quota_allocated"}, {"hs_quota_total"}},
	{"migrant_public_rate", 1, {"migrant_public", "migrant_bought"}, {"migrant_eligible"}},
	{"junior_retention_rate", 1,
	 {"retention_graduates", "-retention_transfer_in", "retention_transfer_out"},
	 {"retention_entrants", "-retention_deaths"}},
	{"disabled_enrolment_rate", 1, {"disabled_enrolled"}, {"disabled_children"}},
	{NULL, 0, {NULL}, {NULL}},
};

/* Parts that are not the numerator of a judged rate (those are checked
 * as their rate's numerator against its denominator). */
static const struct {
	const char *part, *whole;
} parts[] = {
	{"hs_quota_rural", "hs_quota_allocated"},
	{"disabled_special_school", "disabled_enrolled"},
	{"retention_deaths", "retention_entrants"},
};

const struct jhRatio *jhRatioFind(const char *record)
{
	for (int i = 0; jhRatios[i].record; i++)
		if (!strcmp(jhRatios[i].record, record))
			return &jhRatios[i];
	return NULL;
}

static const jh_county_item *term_record(const jh_county_items *c, const char *county,
                                         int year, const char *term)
{
	return jh_county_items_find(c, county, year, term[0] == '-' ? term + 1 : term);
}

/* The terms' sum; the number of terms given and of terms in *given, *n. */
static double terms_sum(const jh_county_items *c, const char *county, int year,
                        const char *const *terms, int *given, int *n)
{
	double sum = 0, v;

	for (*n = 0; *n < JH_RATIO_TERMS && terms[*n]; (*n)++) {
		const jh_county_item *it = term_record(c, county, year, terms[*n]);
		if (!it || jhValueNumber(it->value, 0, &v))
			continue;
		(*given)++;
		sum += terms[*n][0] == '-' ? -v : v;
	}
	return sum;
}

enum jhRatioState jhRatioCompute(const jh_county_items *c, const char *county,
                                 int year, const struct jhRatio *r, double *num,
                                 double *den, double *value)
{
	int given = 0, nn, nd;

	*num = terms_sum(c, county, year, r->num, &given, &nn);
	*den = terms_sum(c, county, year, r->den, &given, &nd);
	if (!given)
		return JH_RATIO_NONE;
	if (given < nn + nd)
		return JH_RATIO_PARTIAL;
	if (*den <= 0)
		return JH_RATIO_ZERO;
	*value = *num / *den;
	/* A rate over 1 by more than rounding: a part over its whole. */
	if (r->rate && *value > 1 + 1e-12)
		return JH_RATIO_OVER;
	return JH_RATIO_OK;
}

int jhRatioAgrees(const char *written, int rate, double computed)
{
	const char *dot = strchr(written, '.'), *end;
	int decimals = 0, pct = strstr(written, "%") || strstr(written, "\xEF\xBC\x85");
	double given, half;

	if (jhValueNumber(written, rate, &given))
		return 0;
	if (dot)
		for (end = dot + 1; isdigit((unsigned char)*end); end++)
			decimals++;
	/* Rates in percent: 0.125 is 12.5% (one decimal), 1 is 100%. */
	if (rate && !pct)
		decimals = decimals > 2 ? decimals - 2 : 0;
	half = 0.5 * pow(10, -decimals) * (rate ? 0.01 : 1);
	return fabs(given - computed) <= half + 1e-9;
}

/* The terms as written, "migrant_public + migrant_bought" (in brackets
 * when a sum and `brackets`), then " = SUM" when `sum` is not NaN. */
static void terms_text(const char *const *terms, int brackets, double sum, char *out,
                       size_t cap)
{
	size_t n = 0;
	int many = terms[1] != NULL;
	char g[JH_NUMBER_MAX];

	out[0] = '\0';
	if (many && brackets)
		n += (size_t)snprintf(out + n, cap - n, "(");
	for (int i = 0; i < JH_RATIO_TERMS && terms[i] && n < cap; i++)
		n += (size_t)snprintf(out + n, cap - n, "%s%s",
		                      i ? (terms[i][0] == '-' ? " − " : " + ") : "",
		                      terms[i][0] == '-' ? terms[i] + 1 : terms[i]);
	if (many && brackets && n < cap)
		n += (size_t)snprintf(out + n, cap - n, ")");
	if (!isnan(sum) && n < cap) {
		jhFixed(sum, sum == floor(sum) ? 0 : 2, g);
		snprintf(out + n, cap - n, " = %s", g);
	}
}

/* Where records are, " (county.csv:4, 5)" appended to out, leaving out
 * `skip` (the row the problem is placed at). */
static void where_text(const jh_county_item *const *recs, int n, const jh_county_item *skip,
                       char *out, size_t cap)
{
	size_t len = strlen(out), start = len;
	const char *file = NULL;

	for (int i = 0; i < n; i++) {
		const char *f = recs[i]->file ? recs[i]->file : "";
		if (recs[i] == skip || len + 1 >= cap)
			continue;
		if (file && !strcmp(file, f))
			len += (size_t)snprintf(out + len, cap - len, ", %ld", recs[i]->line);
		else
			len += (size_t)snprintf(out + len, cap - len, "%s%s:%ld",
			                        len > start ? ", " : " (", f, recs[i]->line);
		file = f;
	}
	if (len > start && len + 2 < cap)
		snprintf(out + len, cap - len, ")");
}

struct check {
	jh_county_items *c;
	const jh_table *t;
	const int *pos;
	size_t hdr;             /* the header row */
	size_t first;           /* the records of this table: [first, count) */
	jh_diags *diags;
	size_t errors;
};

/* A problem at record `at`: with its column when this table holds it. */
static void check_add(struct check *k, const jh_county_item *at, jh_problem p,
                      const char *arg, const char *arg2)
{
	const jh_table *t = k->t;

	if ((size_t)(at - k->c->items) >= k->first)
		jh_diags_add(k->diags, p, t->file, t->sheet, at->line, k->pos[I_VALUE] + 1,
		             jh_table_cell(t, k->hdr, (size_t)k->pos[I_VALUE]), arg, arg2);
	else
		jh_diags_add(k->diags, p, at->file, NULL, at->line, 0, NULL, arg, arg2);
	k->errors++;
}

/* The records of terms into recs[*n..] and their sum (1), or 0 when one
 * is not given; *last: the highest record index seen. */
static int gather(const struct check *k, const jh_county_item *it, const char *const *terms,
                  const jh_county_item **recs, int *n, size_t *last, double *sum)
{
	*sum = 0;
	for (int i = 0; i < JH_RATIO_TERMS && terms[i]; i++) {
		const jh_county_item *r = term_record(k->c, it->county_code, it->year, terms[i]);
		double v;
		if (!r || jhValueNumber(r->value, 0, &v))
			return 0;
		recs[(*n)++] = r;
		*sum += terms[i][0] == '-' ? -v : v;
		if ((size_t)(r - k->c->items) > *last)
			*last = (size_t)(r - k->c->items);
	}
	return 1;
}

/* part ≤ whole, checked once: when `it` is the last of their records.
 * Placed at the part's (first) row; the other rows named. */
static void check_part(struct check *k, const jh_county_item *it, const char *const *part,
                       const char *const *whole)
{
	const jh_county_item *recs[2 * JH_RATIO_TERMS];
	int n = 0, np;
	size_t last = 0;
	double p, w;
	char a1[240], a2[240];

	if (!gather(k, it, part, recs, &n, &last, &p))
		return;
	np = n;
	if (!gather(k, it, whole, recs, &n, &last, &w) || last != (size_t)(it - k->c->items) ||
	    p <= w)
		return;
	terms_text(part, 0, p, a1, sizeof a1);
	where_text(recs, np, recs[0], a1, sizeof a1);
	terms_text(whole, 0, w, a2, sizeof a2);
	where_text(recs + np, n - np, NULL, a2, sizeof a2);
	check_add(k, recs[0], JH_P_PART_EXCEEDS, a1, a2);
}

/* A ratio record beside its counts must agree with them: placed at the
 * ratio's row, "rotation_rotated ÷ rotation_eligible = 12.50% (rows)". */
static void check_ratio(struct check *k, const jh_county_item *it, const struct jhRatio *r)
{
	const jh_county_item *recs[2 * JH_RATIO_TERMS], *rec;
	int n = 0;
	size_t last, len;
	double num, den, v;
	char a1[160], a2[400], g[JH_NUMBER_MAX];

	rec = jh_county_items_find(k->c, it->county_code, it->year, r->record);
	if (!rec)
		return;
	last = (size_t)(rec - k->c->items);
	if (!gather(k, it, r->num, recs, &n, &last, &num) ||
	    !gather(k, it, r->den, recs, &n, &last, &den) || last != (size_t)(it - k->c->items))
		return;
	/* A rate over 1 is a part over its whole, which check_part says. */
	if (jhRatioCompute(k->c, it->county_code, it->year, r, &num, &den, &v) != JH_RATIO_OK ||
	    jhRatioAgrees(rec->value, r->rate, v))
		return;
	snprintf(a1, sizeof a1, "%s = %s", r->record, rec->value);
	terms_text(r->num, 1, NAN, a2, sizeof a2);
	len = strlen(a2);
	snprintf(a2 + len, sizeof a2 - len, " ÷ ");
	len = strlen(a2);
	terms_text(r->den, 1, NAN, a2 + len, sizeof a2 - len);
	if (r->rate)
		snprintf(g, sizeof g, "%.2f%%", v * 100);
	else
		jhFixed(v, 2, g);
	len = strlen(a2);
	snprintf(a2 + len, sizeof a2 - len, " = %s", g);
	where_text(recs, n, NULL, a2, sizeof a2);
	check_add(k, rec, JH_P_DERIVED_DISAGREES, a1, a2);
}

static int has_term(const char *const *terms, const char *key)
{
	for (int i = 0; i < JH_RATIO_TERMS && terms[i]; i++)
		if (!strcmp(terms[i][0] == '-' ? terms[i] + 1 : terms[i], key))
			return 1;
	return 0;
}

/* Every rule a record of this table takes part in, each checked once
 * (by its last record). */
static void check_counts(struct check *k)
{
	for (size_t i = k->first; i < k->c->count; i++) {
		const jh_county_item *it = &k->c->items[i];
		for (int j = 0; jhRatios[j].record; j++) {
			const struct jhRatio *r = &jhRatios[j];
			int term = has_term(r->num, it->item) || has_term(r->den, it->item);
			if (r->rate && term)
				check_part(k, it, r->num, r->den);
			if (term || !strcmp(r->record, it->item))
				check_ratio(k, it, r);
		}
		for (size_t j = 0; j < sizeof parts / sizeof parts[0]; j++)
			if (!strcmp(parts[j].part, it->item) || !strcmp(parts[j].whole, it->item)) {
				const char *p[2] = {parts[j].part, NULL}, *w[2] = {parts[j].whole, NULL};
				check_part(k, it, p, w);
			}
	}
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
	if (!errors && !rc) {
		struct check k = {c, t, pos, hdr, first, diags, 0};
		check_counts(&k);
		errors += k.errors;
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
