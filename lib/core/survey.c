/*
** survey.c — social-recognition survey answers, one row per respondent,
** counted into survey.GROUP.satisfied and survey.GROUP.answers county-year
** records, so that they are stored, versioned and audited like every other
** county-year figure.
*/
#include "core_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- survey answers ---------------------------------------------------- */

enum { S_COUNTY, S_YEAR, S_GROUP, S__ID };

static const char *const survey_cols[S__ID][4] = {
	[S_COUNTY] = {"county_code", "县(市、区)代码", "县代码", NULL},
	[S_YEAR]   = {"year", "年度", NULL, NULL},
	[S_GROUP]  = {"group", "respondent_group", "群体", "调查对象"},
};

static int survey_col(const char *h)
{
	for (int c = 0; c < S__ID; c++)
		for (int k = 0; k < 4 && survey_cols[c][k]; k++)
			if (!strcmp(h, survey_cols[c][k]))
				return c;
	return -1;
}

static long survey_header(const jh_table *t, int *pos)
{
	for (size_t r = 0; r < t->nrows && r < 30; r++) {
		for (int c = 0; c < S__ID; c++)
			pos[c] = -1;
		for (size_t j = 0; j < t->rows[r].ncells; j++) {
			int c = survey_col(jh_table_cell(t, r, j));
			if (c >= 0 && pos[c] < 0)
				pos[c] = (int)j;
		}
		if (pos[S_COUNTY] >= 0 && pos[S_GROUP] >= 0)
			return (long)r;
	}
	return -1;
}

int jh_survey_table_is(const jh_table *t)
{
	int pos[S__ID];

	return survey_header(t, pos) >= 0;
}

static int group_parse(const char *s)
{
	for (int i = 0; i < JH_GROUPS; i++)
		for (int k = 0; k < 4; k++)
			if (jhGroups[i][k] && !strcmp(s, jhGroups[i][k]))
				return i;
	if (!strcmp(s, "政协委员"))
		return 4;
	return -1;
}

/* 1 recognises (满意, 比较满意), 0 does not, -1 unreadable. */
static int answer_parse(const char *s)
{
	static const char *const yes[] = {"满意", "比较满意", "非常满意", "satisfied",
	                                  "fairly satisfied", "very satisfied", NULL};
	static const char *const no[] = {"一般", "不满意", "很不满意", "非常不满意",
	                                 "neutral", "dissatisfied", "very dissatisfied", NULL};
	if (jhEqAny(s, yes))
		return 1;
	if (jhEqAny(s, no))
		return 0;
	return -1;
}

jh_code jh_survey_add_table(jh_county_items *c, const jh_table *t,
                            int default_year, jh_diags *diags)
{
	int pos[S__ID];
	long hdr = survey_header(t, pos);
	size_t errors = 0, ncols, first = c->count;
	/* Counts per (county, year, group): small, so a linear list. */
	struct cnt { char county[8]; int year, group; long sat, ans; } *cnt = NULL;
	size_t ncnt = 0, capcnt = 0;
	jh_code rc = JH_OK;

	if (hdr < 0) {
		jh_diags_add(diags, JH_P_NO_HEADER, t->file, t->sheet, 0, 0, NULL, NULL, NULL);
		return JH_ERR_INPUT;
	}
	if (pos[S_YEAR] < 0 && !default_year) {
		jh_diags_add(diags, JH_P_MISSING_COLUMN, t->file, t->sheet,
		             t->rows[hdr].line, 0, NULL, "year", NULL);
		return JH_ERR_INPUT;
	}
	ncols = t->rows[hdr].ncells;
	for (size_t r = (size_t)hdr + 1; r < t->nrows; r++) {
		const char *county = jh_table_cell(t, r, (size_t)pos[S_COUNTY]);
		const char *gs = jh_table_cell(t, r, (size_t)pos[S_GROUP]);
		long line = t->rows[r].line;
		double y = default_year;
		int g, empty = 1;
		size_t k, before = errors;

		for (k = 0; k < t->rows[r].ncells; k++)
			if (*jh_table_cell(t, r, k))
				empty = 0;
		if (empty)
			continue;
		if (strlen(county) != 6 || strspn(county, "0123456789") != 6) {
			jh_diags_add(diags, JH_P_BAD_COUNTY_CODE, t->file, t->sheet, line,
			             pos[S_COUNTY] + 1, jh_table_cell(t, (size_t)hdr, (size_t)pos[S_COUNTY]),
			             county, NULL);
			errors++;
		}
		if (pos[S_YEAR] >= 0) {
			const char *ys = jh_table_cell(t, r, (size_t)pos[S_YEAR]);
			if (jhParseNumber(ys, &y) || y != floor(y) || y < 1990 || y > 2100) {
				jh_diags_add(diags, JH_P_BAD_YEAR, t->file, t->sheet, line,
				             pos[S_YEAR] + 1, "year", ys, NULL);
				errors++;
			}
		}
		if ((g = group_parse(gs)) < 0) {
			jh_diags_add(diags, JH_P_ITEM_GROUP, t->file, t->sheet, line,
			             pos[S_GROUP] + 1, "group", gs, NULL);
			errors++;
		}
		if (errors != before)
			continue;
		for (k = 0; k < capcnt && k < ncnt; k++)
			if (cnt[k].year == (int)y && cnt[k].group == g && !strcmp(cnt[k].county, county))
				break;
		if (k == ncnt) {
			if (ncnt == capcnt) {
				size_t cap = capcnt ? capcnt * 2 : 16;
				struct cnt *n = realloc(cnt, cap * sizeof *n);
				if (!n) {
					rc = JH_ERR_NOMEM;
					goto out;
				}
				cnt = n;
				capcnt = cap;
			}
			memset(&cnt[ncnt], 0, sizeof cnt[ncnt]);
			memcpy(cnt[ncnt].county, county, 7);
			cnt[ncnt].year = (int)y;
			cnt[ncnt].group = g;
			ncnt++;
		}
		/* Every other non-empty cell is an answer. */
		for (size_t j = 0; j < ncols; j++) {
			const char *a;
			int v;
			if ((int)j == pos[S_COUNTY] || (int)j == pos[S_YEAR] || (int)j == pos[S_GROUP])
				continue;
			a = jh_table_cell(t, r, j);
			if (!*a || !*jh_table_cell(t, (size_t)hdr, j))
				continue;
			if ((v = answer_parse(a)) < 0) {
				jh_diags_add(diags, JH_P_SURVEY_ANSWER, t->file, t->sheet, line, (int)j + 1,
				             jh_table_cell(t, (size_t)hdr, j), a, NULL);
				errors++;
				continue;
			}
			cnt[k].sat += v;
			cnt[k].ans++;
		}
	}
	if (errors) {
		rc = JH_ERR_INPUT;
		goto out;
	}
	for (size_t k = 0; k < ncnt; k++) {
		char key[64], val[32];
		jh_county_item it;
		memset(&it, 0, sizeof it);
		memcpy(it.county_code, cnt[k].county, 7);
		it.year = cnt[k].year;
		it.file = t->file;
		it.note = "";
		snprintf(key, sizeof key, "survey.%s.satisfied", jhGroups[cnt[k].group][0]);
		snprintf(val, sizeof val, "%ld", cnt[k].sat);
		it.item = key;
		it.value = val;
		if (jh_county_items_find(c, it.county_code, it.year, key)) {
			char what[128];
			snprintf(what, sizeof what, "%s/%d/%s", it.county_code, it.year, key);
			jh_diags_add(diags, JH_P_DUPLICATE_ITEM, t->file, t->sheet, 0, 0, NULL,
			             what, "an earlier table");
			rc = JH_ERR_INPUT;
			goto out;
		}
		if ((rc = jh_county_items_put(c, &it)))
			goto out;
		snprintf(key, sizeof key, "survey.%s.answers", jhGroups[cnt[k].group][0]);
		snprintf(val, sizeof val, "%ld", cnt[k].ans);
		if ((rc = jh_county_items_put(c, &it)))
			goto out;
	}
out:
	free(cnt);
	if (rc && c->count > first && jhCountyItemsTruncate(c, first))
		return JH_ERR_NOMEM;     /* all or nothing */
	return rc;
}
