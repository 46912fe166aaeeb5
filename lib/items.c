/*
** items.c — the county-year items the standard judges, and their values.
**
** Each key a county-year record may carry is listed here with the kind of
** value it takes.  Values arrive as officials write them — 是/否, 95% or
** 0.95, 良好, Ⅲ — and are read by the functions below, which both the
** importer (to refuse a bad value with its place) and the verdict use.
**
** Survey answers (social recognition) are a table of their own, one row
** per respondent; they are counted into survey.GROUP.satisfied and
** survey.GROUP.answers records, so that they are stored, versioned and
** audited like every other county-year figure.
*/
#include "internal.h"
#include "items.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const struct jh_item_key jh_item_keys[] = {
	{"basic_balance_year", V_YEAR, "通过国家义务教育基本均衡发展认定的年份",
	 "year of national basic-balance recognition"},
	{"layout_plan", V_YESNO, "学校规划布局合理,符合国家规定要求",
	 "school layout planned as national rules require"},
	{"unified_standards", V_YESNO, "城乡学校建设标准、教师编制标准、生均公用经费基准定额、基本装备配置标准统一",
	 "urban and rural standards unified (building, staffing, funding, equipment)"},
	{"small_school_funding", V_YESNO, "不足100名学生的村小学和教学点按100名学生核定公用经费",
	 "schools under 100 pupils funded as 100"},
	{"special_ed_funds_per_student", V_NUMBER, "特殊教育学校生均公用经费(元)",
	 "special-education public funds per student (yuan)"},
	{"teacher_pay_ratio", V_NUMBER, "教师平均工资收入 ÷ 当地公务员平均工资收入",
	 "teachers' average pay ÷ local civil servants' average pay"},
	{"training_360_rate", V_RATE, "教师5年360学时培训完成率",
	 "5-year 360-hour training completion rate"},
	{"staffing_coordination", V_YESNO, "县级统筹分配各校教职工编制和岗位数量",
	 "staffing and posts allocated across schools by the county"},
	{"rotation_rate", V_RATE, "交流轮岗教师占符合交流条件教师的比例",
	 "rotated teachers ÷ teachers eligible to rotate"},
	{"rotation_key_rate", V_RATE, "骨干教师占交流轮岗教师的比例",
	 "key teachers ÷ rotated teachers"},
	{"certification_rate", V_RATE, "专任教师持证上岗率", "certified full-time teachers"},
	{"nearby_enrolment_primary", V_RATE, "城区和镇区公办小学就近划片入学比例",
	 "urban and town public primary schools: nearby enrolment"},
	{"nearby_enrolment_junior", V_RATE, "城区和镇区公办初中就近划片入学比例",
	 "urban and town public junior schools: nearby enrolment"},
	{"hs_quota_rate", V_RATE, "优质高中招生名额分配比例", "quality high-school places allocated"},
	{"left_behind_care", V_YESNO, "留守儿童关爱体系健全", "care system for left-behind children"},
	{"migrant_public_rate", V_RATE, "符合条件的随迁子女在公办学校和政府购买服务的民办学校就读比例",
	 "eligible migrant children in public or publicly funded schools"},
	{"junior_retention_rate", V_RATE, "初中三年巩固率", "junior three-year retention rate"},
	{"disabled_enrolment_rate", V_RATE, "残疾儿童少年入学率", "enrolment of disabled children"},
	{"charter_informatization", V_YESNO, "所有学校制定章程,实现学校管理与教学信息化",
	 "every school has a charter; management and teaching informatised"},
	{"training_funds_share_min", V_RATE, "各校教师培训经费占公用经费预算的最低比例",
	 "lowest share of public funds any school spends on teacher training"},
	{"it_teaching", V_YESNO, "教师熟练运用信息化手段组织教学,设施设备利用率达到较高水平",
	 "teachers use IT well; equipment well used"},
	{"moral_culture", V_GRADE, "所有学校德育工作、校园文化建设水平", "moral education and school culture (grade)"},
	{"curriculum", V_YESNO, "课程开齐开足,教学秩序规范,综合实践活动有效开展",
	 "full curriculum, orderly teaching, practical activities"},
	{"no_excess_burden", V_YESNO, "无过重课业负担", "no excessive homework burden"},
	{"exam_admission", V_YESNO, "存在以考试方式招生", "admission by examination (一票否决)"},
	{"illegal_school_choice", V_YESNO, "存在违规择校", "illegal school choice (一票否决)"},
	{"key_schools", V_YESNO, "存在重点校", "designated key schools (一票否决)"},
	{"key_classes", V_YESNO, "存在重点班", "designated key classes (一票否决)"},
	{NULL, 0, NULL, NULL},
};

const char *const jh_subjects[JH_SUBJECTS][3] = {
	{"chinese", "语文", "Chinese"},
	{"math", "数学", "mathematics"},
	{"science", "科学", "science"},
	{"pe", "体育", "PE"},
	{"art", "艺术", "art"},
	{"moral", "德育", "moral education"},
};

const char *const jh_groups[JH_GROUPS][4] = {
	/* key, zh, en, extra zh alias */
	{"students", "学生", "students", NULL},
	{"parents", "家长", "parents", NULL},
	{"teachers", "教师", "teachers", NULL},
	{"principals", "校长", "principals", NULL},
	{"deputies", "人大代表、政协委员", "deputies and CPPCC members", "人大代表"},
	{"others", "其他群众", "other residents", "社会人士"},
};

static int eq_any(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcasecmp(s, *list))
			return 1;
	return 0;
}

int jh_value_yesno(const char *s)
{
	static const char *const yes[] = {"是", "yes", "y", "true", "1", "有", "达标", NULL};
	static const char *const no[] = {"否", "no", "n", "false", "0", "无", "未达标", NULL};

	if (eq_any(s, yes))
		return 1;
	if (eq_any(s, no))
		return 0;
	return -1;
}

/* "95%" → 0.95; "0.95" → 0.95; a rate beyond [0, 1] without % is an
 * error rather than a guess at percent. */
int jh_value_number(const char *s, int rate, double *out)
{
	char buf[64];
	size_t n = strlen(s);
	int pct = 0;

	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, s, n + 1);
	if (n && buf[n - 1] == '%') {
		buf[--n] = '\0';
		pct = 1;
	} else if (n >= 3 && !strcmp(buf + n - 3, "\xEF\xBC\x85")) {   /* ％ */
		buf[n - 3] = '\0';
		pct = 1;
	}
	if (jh_parse_number(buf, out))
		return -1;
	if (pct)
		*out /= 100;
	if (*out < 0 || (rate && *out > 1))
		return -1;
	return 0;
}

int jh_value_grade(const char *s)
{
	static const char *const g[4][4] = {
		{"不合格", "fail", "poor", NULL},
		{"合格", "pass", "fair", NULL},
		{"良好", "good", NULL, NULL},
		{"优秀", "excellent", NULL, NULL},
	};
	for (int i = 0; i < 4; i++)
		if (eq_any(s, g[i]))
			return i + 1;
	return -1;
}

int jh_value_level(const char *s)
{
	static const char *const lv[4][5] = {
		{"Ⅰ", "I", "1", "一", NULL},
		{"Ⅱ", "II", "2", "二", NULL},
		{"Ⅲ", "III", "3", "三", NULL},
		{"Ⅳ", "IV", "4", "四", NULL},
	};
	char buf[32];
	size_t n = strlen(s);

	/* "Ⅲ级" is common. */
	if (n >= 3 && n < sizeof buf && !strcmp(s + n - 3, "级")) {
		memcpy(buf, s, n - 3);
		buf[n - 3] = '\0';
		s = buf;
	}
	for (int i = 0; i < 4; i++)
		if (eq_any(s, lv[i]))
			return i + 1;
	return -1;
}

const struct jh_item_key *jh_item_key_find(const char *key)
{
	for (int i = 0; jh_item_keys[i].key; i++)
		if (!strcmp(jh_item_keys[i].key, key))
			return &jh_item_keys[i];
	return NULL;
}

/* The problem with a county-year record, or JH_P__COUNT when it is fine;
 * *arg is the text the message quotes. */
jh_problem jh_item_problem(const char *key, const char *value, const char **arg)
{
	const struct jh_item_key *k = jh_item_key_find(key);
	enum jh_vkind kind;
	double d;

	*arg = value;
	if (k) {
		kind = k->kind;
	} else if (!strncmp(key, "monitoring_level.", 17) || !strncmp(key, "monitoring_diff.", 16)) {
		const char *subj = strchr(key, '.') + 1;
		int found = 0;
		for (int i = 0; i < JH_SUBJECTS; i++)
			found |= !strcmp(subj, jh_subjects[i][0]);
		if (!found) {
			*arg = subj;
			return JH_P_ITEM_SUBJECT;
		}
		kind = key[11] == 'l' ? V_LEVEL : V_RATE;
	} else if (!strncmp(key, "survey.", 7)) {
		char g[32];
		const char *dot = strchr(key + 7, '.');
		int found = 0;
		*arg = key;
		if (!dot || (size_t)(dot - key - 7) >= sizeof g ||
		    (strcmp(dot, ".satisfied") && strcmp(dot, ".answers")))
			return JH_P_ITEM_SURVEY_KEY;
		memcpy(g, key + 7, (size_t)(dot - key - 7));
		g[dot - key - 7] = '\0';
		for (int i = 0; i < JH_GROUPS; i++)
			found |= !strcmp(g, jh_groups[i][0]);
		if (!found)
			return JH_P_ITEM_GROUP;
		kind = V_COUNT;
	} else {
		*arg = key;
		return JH_P_ITEM_UNKNOWN;
	}
	switch (kind) {
	case V_YESNO:
		return jh_value_yesno(value) < 0 ? JH_P_ITEM_YESNO : JH_P__COUNT;
	case V_RATE:
		return jh_value_number(value, 1, &d) ? JH_P_ITEM_RATE : JH_P__COUNT;
	case V_NUMBER:
		return jh_value_number(value, 0, &d) ? JH_P_ITEM_NUMBER : JH_P__COUNT;
	case V_COUNT:
		return jh_parse_number(value, &d) || d < 0 || d != floor(d) ?
		       JH_P_ITEM_WHOLE : JH_P__COUNT;
	case V_YEAR:
		return jh_parse_number(value, &d) || d != floor(d) || d < 1990 || d > 2100 ?
		       JH_P_ITEM_YEAR : JH_P__COUNT;
	case V_GRADE:
		return jh_value_grade(value) < 0 ? JH_P_ITEM_GRADE : JH_P__COUNT;
	case V_LEVEL:
		return jh_value_level(value) < 0 ? JH_P_ITEM_LEVEL : JH_P__COUNT;
	}
	return JH_P__COUNT;
}

int jh_item_check(const char *key, const char *value, char *why, size_t cap)
{
	const char *arg;
	jh_problem p = jh_item_problem(key, value, &arg);
	jh_diag dg;
	jh_buf b = JH_BUF_INIT;

	if (p == JH_P__COUNT)
		return 0;
	memset(&dg, 0, sizeof dg);
	dg.problem = p;
	dg.arg = (char *)arg;
	jh_diag_format(&dg, "en", &b);
	snprintf(why, cap, "%s", b.data ? b.data : "");
	jh_buf_free(&b);
	return -1;
}

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
			if (jh_groups[i][k] && !strcmp(s, jh_groups[i][k]))
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
	if (eq_any(s, yes))
		return 1;
	if (eq_any(s, no))
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
			if (jh_parse_number(ys, &y) || y != floor(y) || y < 1990 || y > 2100) {
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
		snprintf(key, sizeof key, "survey.%s.satisfied", jh_groups[cnt[k].group][0]);
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
		snprintf(key, sizeof key, "survey.%s.answers", jh_groups[cnt[k].group][0]);
		snprintf(val, sizeof val, "%ld", cnt[k].ans);
		if ((rc = jh_county_items_put(c, &it)))
			goto out;
	}
out:
	free(cnt);
	if (rc && c->count > first && jh_county_items_truncate(c, first))
		return JH_ERR_NOMEM;     /* all or nothing */
	return rc;
}
