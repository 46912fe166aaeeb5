/*
** survey.c — social-recognition survey answers, one row per respondent,
** counted into survey.GROUP.satisfied and survey.GROUP.answers county-year
** records, so that they are stored, versioned and audited like every other
** county-year figure.
**
** Survey platforms (问卷星, 腾讯问卷…) export one row per submission with
** their own columns beside the questions: 序号, 提交答卷时间, 所用时间,
** 来源, 来源详情, 来自IP, 学校…  A column is a question when its header
** says so — q1, 1., 1、, 第1题, (1), or a text holding 满意 or ending in a
** question mark; every other column is ignored with a notice naming it.
** Respondent groups are read by their names and the synonyms offices and
** platforms use (群众 and 社会人士 are other residents, 老师 teachers…);
** an unknown group's message lists the groups.
*/
#include "core_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- survey answers ---------------------------------------------------- */

enum { S_COUNTY, S_YEAR, S_GROUP, S__ID };

/* h.map value of a column that is not a question (survey.c's own). */
#define JH_HDR_NOT_QUESTION (-100)

#define ID (JH_COL_REQUIRED | JH_COL_IDENTIFIES)
static const jhColSpec survey_cols[S__ID] = {
	[S_COUNTY] = {"county_code", "县(市、区)代码", "county code", {"县代码"},
		JH_COL_CODE, 0, ID},
	/* Required unless the caller gives the year (default_year). */
	[S_YEAR]   = {"year", "年度", "year", {NULL}, JH_COL_YEAR, 0, JH_COL_REQUIRED},
	[S_GROUP]  = {"group", "调查对象", "respondent group",
		{"respondent_group", "群体", "您的身份", "您的身份是", "身份"}, JH_COL_CHOICE, 0, ID},
};
#undef ID

/* Every other column with a header is a question: its cells are answers
 * (JH_COL_ANSWER). */
static const jhTemplate survey_tpl = {"survey", survey_cols, S__ID, 2, 0};

int jh_survey_table_is(const jh_table *t)
{
	return jhHeaderFind(&survey_tpl, t) >= 0;
}

/* What offices and survey platforms call the groups (jhGroups order:
 * students, parents, teachers, principals, deputies, others). */
static const char *const group_synonyms[JH_GROUPS][8] = {
	{"在校学生", "中小学生", "学生代表", NULL},
	{"学生家长", "家长代表", NULL},
	{"老师", "教职工", "教职员工", "教师代表", NULL},
	{"学校负责人", "校长(园长)", NULL},
	{"政协委员", "人大代表或政协委员", "人大代表和政协委员", "人大代表/政协委员", NULL},
	{"群众", "社会人士", "社会各界", "社会各界人士", "居民", "社区居民", "其他", NULL},
};

static int group_parse(const char *s)
{
	for (int i = 0; i < JH_GROUPS; i++)
		for (int k = 0; k < 4; k++)
			if (jhGroups[i][k] && jhNameEq(s, jhGroups[i][k]))
				return i;
	for (int i = 0; i < JH_GROUPS; i++)
		if (jhNameIn(s, group_synonyms[i]))
			return i;
	return -1;
}

/* 1 when a header names a question (see the top of this file). */
static int is_question(const char *h)
{
	size_t n;
	const unsigned char *p = (const unsigned char *)jhTrim(h, &n);
	const char *e = (const char *)p + n;

	if (!n)
		return 0;
	if ((*p == 'q' || *p == 'Q') && p[1] >= '0' && p[1] <= '9')
		return 1;
	if (*p >= '0' && *p <= '9')
		return 1;
	if (!strncmp((const char *)p, "第", 3) && p[3] >= '0' && p[3] <= '9')
		return 1;
	if ((*p == '(' || !strncmp((const char *)p, "（", 3)) &&
	    p[*p == '(' ? 1 : 3] >= '0' && p[*p == '(' ? 1 : 3] <= '9')
		return 1;
	if (strstr((const char *)p, "满意"))
		return 1;
	return (n >= 1 && e[-1] == '?') ||
	       (n >= 3 && !memcmp(e - 3, "？", 3));
}

/* 1 recognises (满意, 比较满意), 0 does not, -1 unreadable. */
static int answer_parse(const char *s)
{
	static const char *const yes[] = {"满意", "比较满意", "非常满意", "satisfied",
	                                  "fairly satisfied", "very satisfied", NULL};
	static const char *const no[] = {"一般", "不满意", "很不满意", "非常不满意",
	                                 "neutral", "dissatisfied", "very dissatisfied", NULL};
	if (jhNameIn(s, yes))
		return 1;
	if (jhNameIn(s, no))
		return 0;
	return -1;
}

jh_code jh_survey_add_table(jh_county_items *c, const jh_table *t,
                            int default_year, jh_diags *diags)
{
	jhHeader h;
	const int *pos = h.pos;
	size_t errors = 0, first = c->count, hdr;
	/* Counts per (county, year, group): small, so a linear list. */
	struct cnt { char county[8]; int year, group; long sat, ans; } *cnt = NULL;
	size_t ncnt = 0, capcnt = 0;
	int year_min, year_max;
	jh_code rc;

	jhColSet excused = {{0}};
	if (default_year)
		jhColSetAdd(&excused, S_YEAR);
	rc = jhHeaderRead(&survey_tpl, t, &excused, &h,
	                  diags, &errors);
	if (rc)
		return rc;
	if (errors) {
		rc = JH_ERR_INPUT;
		goto out;
	}
	hdr = h.row;
	jhYearRange(c->year_min, c->year_max, &year_min, &year_max);
	/* Columns beside the questions: ignored, each with a notice. */
	for (size_t j = 0; j < h.width; j++)
		if (h.map[j] == JH_HDR_OTHER && !is_question(jh_table_cell(t, hdr, j))) {
			jh_diags_note(diags, JH_P_NOTE_COLUMN_IGNORED, t->file, t->sheet,
			              h.line, (int)j + 1, NULL, jh_table_cell(t, hdr, j), NULL);
			h.map[j] = JH_HDR_NOT_QUESTION;
		}
	for (size_t r = hdr + 1; r < t->nrows; r++) {
		char county[32], gs[64];
		long line = t->rows[r].line;
		int g, y = default_year;
		size_t k, before = errors;

		if (jhRowBlank(t, r) || jhRowSkip(t, &h, r, diags))
			continue;
		errors += jhRowCheck(&survey_tpl, &h, t, r, diags);
		jhCellCopy(jh_table_cell(t, r, (size_t)pos[S_COUNTY]), county, sizeof county);
		jhCellCopy(jh_table_cell(t, r, (size_t)pos[S_GROUP]), gs, sizeof gs);
		if (!jhCountyCodeOk(county)) {
			jh_diags_add(diags, JH_P_BAD_COUNTY_CODE, t->file, t->sheet, line,
			             pos[S_COUNTY] + 1, jhHeaderName(t, &h, pos[S_COUNTY]),
			             county, NULL);
			errors++;
		}
		if (pos[S_YEAR] >= 0)
			errors += (size_t)jhCellYear(t, &h, r, pos[S_YEAR], year_min, year_max,
			                             default_year, &y, diags);
		if ((g = group_parse(gs)) < 0) {
			jh_diags_add(diags, JH_P_ITEM_GROUP, t->file, t->sheet, line,
			             pos[S_GROUP] + 1, jhHeaderName(t, &h, pos[S_GROUP]),
			             gs, NULL);
			errors++;
		}
		if (errors != before)
			continue;
		for (k = 0; k < ncnt; k++)
			if (cnt[k].year == y && cnt[k].group == g && !strcmp(cnt[k].county, county))
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
			cnt[ncnt].year = y;
			cnt[ncnt].group = g;
			ncnt++;
		}
		/* Every other column with a header is a question; a blank
		 * cell is a question not answered. */
		for (size_t j = 0; j < h.width; j++) {
			char a[64];
			int v;
			if (h.map[j] != JH_HDR_OTHER)
				continue;
			jhCellCopy(jh_table_cell(t, r, j), a, sizeof a);
			if (!*a)
				continue;
			if ((v = answer_parse(a)) < 0) {
				jh_diags_add(diags, JH_P_SURVEY_ANSWER, t->file, t->sheet, line, (int)j + 1,
				             jh_table_cell(t, hdr, j), a, NULL);
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
	jhHeaderFree(&h);
	free(cnt);
	if (rc && c->count > first && jhCountyItemsTruncate(c, first))
		return JH_ERR_NOMEM;     /* all or nothing */
	return rc;
}
