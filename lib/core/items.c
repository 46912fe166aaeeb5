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
**
** The county's basic facts (人口, 乡镇, 经济, 教职工) are a second list,
** jhFactKeys: the national application form's 表Ⅰ reports them, the
** standard never judges them, so they are optional and no verdict item
** names them (the verdict's test checks that every key of jhItemKeys is
** judged).  Field visits of the social-recognition check (表Ⅵ: 实地走访)
** are records visit.GROUP.people and visit.GROUP.satisfied, groups as the
** survey's, likewise never judged.
**
** This is the county-year template's dictionary (what each record holds);
** how a record is judged, and against which figure of the standard, is
** the verdict's table of items (verdict.c), which names these keys.  The
** descriptions carry no figure of the standard, which a local standard
** may change.
*/
#include "core_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct jhItemKey jhItemKeys[] = {
	{"basic_balance_year", V_YEAR, "通过国家义务教育基本均衡发展认定的年份",
	 "year of national basic-balance recognition"},
	{"layout_plan", V_YESNO, "学校规划布局合理,符合国家规定要求",
	 "school layout planned as national rules require"},
	{"unified_standards", V_YESNO, "城乡学校建设标准、教师编制标准、生均公用经费基准定额、基本装备配置标准统一",
	 "urban and rural standards unified (building, staffing, funding, equipment)"},
	{"small_school_funding", V_YESNO, "规模较小的村小学和教学点按标准规定的最低人数核定公用经费",
	 "small schools funded as the standard's minimum number of pupils"},
	{"special_ed_funds_per_student", V_NUMBER, "特殊教育学校生均公用经费(元)",
	 "special-education public funds per student (yuan)"},
	{"teacher_pay_ratio", V_NUMBER, "教师平均工资收入 ÷ 当地公务员平均工资收入",
	 "teachers' average pay ÷ local civil servants' average pay"},
	{"teacher_avg_pay_yuan", V_NUMBER, "义务教育教师年平均工资收入(元)",
	 "teachers' average yearly pay (yuan)"},
	{"civil_servant_avg_pay_yuan", V_NUMBER, "当地公务员年平均工资收入(元)",
	 "local civil servants' average yearly pay (yuan)"},
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
	{"exam_admission", V_YESNO, "存在以考试方式招生", "admission by examination (one-vote veto)"},
	{"illegal_school_choice", V_YESNO, "存在违规择校", "illegal school choice (one-vote veto)"},
	{"key_schools", V_YESNO, "存在重点校", "designated key schools (one-vote veto)"},
	{"key_classes", V_YESNO, "存在重点班", "designated key classes (one-vote veto)"},
	/* Extra vetoes some provinces add (reference §9), judged only when
	 * the standard switches veto.KEY on (verdict.c). */
	{"unfilled_posts", V_YESNO, "存在有编不补或长期超编制外聘教师",
	 "posts left unfilled or long-term hiring outside the staffing quota (provincial one-vote veto)"},
	{"safety_incident", V_YESNO, "发生重大安全责任事故或严重违规事件",
	 "major safety incident or serious violation (provincial one-vote veto)"},
	{"falsified_data", V_YESNO, "存在弄虚作假", "falsified data (provincial one-vote veto)"},
	{"off_campus_tutoring", V_YESNO, "校外培训机构治理不力",
	 "off-campus tutoring not regulated (provincial one-vote veto)"},
	{NULL, 0, NULL, NULL},
};

/* The application form's 表Ⅰ (reference §10): optional, never judged. */
const struct jhItemKey jhFactKeys[] = {
	{"basic_population_10k", V_NUMBER, "人口总数(万人)", "population (10,000 people)"},
	{"basic_agri_population_10k", V_NUMBER, "农业人口数(万人)",
	 "agricultural population (10,000 people)"},
	{"basic_towns", V_COUNT, "乡镇数", "towns and townships"},
	{"basic_villages", V_COUNT, "行政村数", "administrative villages"},
	{"basic_gdp_per_capita", V_NUMBER, "年人均国内生产总值(元)", "GDP per person a year (yuan)"},
	{"basic_revenue_per_capita", V_NUMBER, "年人均地方财政收入(元)",
	 "local fiscal revenue per person a year (yuan)"},
	{"basic_rural_income", V_NUMBER, "农民年人均纯收入(元)",
	 "rural net income per person a year (yuan)"},
	{"basic_urban_income", V_NUMBER, "城镇居民年人均可支配收入(元)",
	 "urban disposable income per person a year (yuan)"},
	{"basic_special_schools", V_COUNT, "特殊教育学校数", "special-education schools"},
	{"basic_staff_primary", V_COUNT, "小学教职工数", "primary staff"},
	{"basic_staff_junior", V_COUNT, "初中教职工数", "junior staff"},
	{NULL, 0, NULL, NULL},
};

/* The counts behind the judged ratios (issue 14): what the county form
 * (the vertical form offices fill, lib/core/form.c) and the application
 * form's 表Ⅳ/表Ⅴ fill-in sentences ask for (reference §10).  When a
 * county-year gives the counts, the verdict computes the ratio the
 * standard judges from them and shows the counts beside it; a ratio
 * record given as well must agree.  Amounts are in 元 (the county form
 * asks 万元 and converts).  Never judged on their own, so not in
 * jhItemKeys (whose every key the verdict judges). */
const struct jhItemKey jhCountKeys[] = {
	/* 4 item 6: 不足100人的规模较小学校 */
	{"small_school_students", V_COUNT, "不足100人的规模较小学校学生数", "pupils of schools under 100"},
	{"small_school_funds_yuan", V_NUMBER, "不足100人的规模较小学校公用经费(元)",
	 "public funds of schools under 100 pupils (yuan)"},
	/* 4 item 7: special_ed_funds_per_student = funds ÷ students */
	{"special_ed_funds_yuan", V_NUMBER, "特殊教育学校公用经费(元)", "special-education schools' public funds (yuan)"},
	{"special_ed_students", V_COUNT, "特殊教育学生数", "special-education students"},
	/* 4 item 9: training_360_rate = done ÷ teachers */
	{"training_360_done", V_COUNT, "完成360学时培训的教师数", "teachers who completed 360 hours"},
	{"training_360_teachers", V_COUNT, "全县教师数(360学时培训)", "teachers in the county (360-hour training)"},
	/* 4 item 11: rotation_rate = rotated ÷ eligible; rotation_key_rate =
	 * key ÷ rotated (S17's denominator, reference §4 notes) */
	{"rotation_eligible", V_COUNT, "符合交流轮岗条件教师总数", "teachers eligible to rotate"},
	{"rotation_rotated", V_COUNT, "上一年度交流轮岗教师数", "teachers rotated last year"},
	{"rotation_key", V_COUNT, "交流轮岗的骨干教师数", "key teachers among those rotated"},
	/* 4 item 12: certification_rate = certified ÷ teachers */
	{"certification_teachers", V_COUNT, "全县在岗专任教师数", "full-time teachers at work in the county"},
	{"certification_certified", V_COUNT, "持有教师资格证的专任教师数", "of whom certified"},
	/* 4 item 13: nearby_enrolment_STAGE = catchment ÷ students */
	{"nearby_students_primary", V_COUNT, "城区和镇区公办小学在校生数", "urban and town public primary pupils"},
	{"nearby_catchment_primary", V_COUNT, "其中划片范围内在校生数(小学)", "of whom inside the catchment (primary)"},
	{"nearby_students_junior", V_COUNT, "城区和镇区公办初中在校生数", "urban and town public junior pupils"},
	{"nearby_catchment_junior", V_COUNT, "其中划片范围内在校生数(初中)", "of whom inside the catchment (junior)"},
	/* 4 item 14: hs_quota_rate = allocated ÷ total */
	{"hs_quota_total", V_COUNT, "优质高中招生名额总数", "quality high-school places"},
	{"hs_quota_allocated", V_COUNT, "分配到初中学校的名额数", "places allocated to junior schools"},
	{"hs_quota_rural", V_COUNT, "其中分配农村学校的名额数", "of which to rural schools"},
	/* 4 item 15: migrant_public_rate = (public + bought) ÷ eligible */
	{"migrant_eligible", V_COUNT, "符合条件的随迁子女数", "eligible migrant children"},
	{"migrant_public", V_COUNT, "在公办学校就读的随迁子女数", "in public schools"},
	{"migrant_bought", V_COUNT, "在政府购买服务的民办学校就读的随迁子女数", "in publicly funded private schools"},
	/* 5 item 1: junior_retention_rate = (graduates − in + out) ÷
	 * (entrants − deaths) (reference §10's companion notes, [B]) */
	{"retention_graduates", V_COUNT, "初中毕业班学生数", "junior graduating pupils"},
	{"retention_entrants", V_COUNT, "三年前该年级入学学生数", "entrants of that grade three years before"},
	{"retention_transfer_in", V_COUNT, "毕业年级三年转入学生数", "transferred in over three years"},
	{"retention_transfer_out", V_COUNT, "毕业年级三年转出学生数", "transferred out over three years"},
	{"retention_deaths", V_COUNT, "毕业年级三年死亡学生数", "deaths over three years"},
	/* 5 item 2: disabled_enrolment_rate = enrolled ÷ children */
	{"disabled_children", V_COUNT, "全县残疾儿童少年数", "disabled children in the county"},
	{"disabled_enrolled", V_COUNT, "入学的残疾儿童少年数", "of whom enrolled"},
	{"disabled_special_school", V_COUNT, "在特殊教育学校就读的残疾儿童少年数", "of whom in special schools"},
	/* The county form's funding standards (规定的生均公用经费标准): shown,
	 * not judged. */
	{"public_funds_standard_primary", V_NUMBER, "规定的小学生均公用经费标准(元)",
	 "set public funds per primary pupil (yuan)"},
	{"public_funds_standard_junior", V_NUMBER, "规定的初中生均公用经费标准(元)",
	 "set public funds per junior pupil (yuan)"},
	{NULL, 0, NULL, NULL},
};

const char *const jhSubjects[JH_SUBJECTS][3] = {
	{"chinese", "语文", "Chinese"},
	{"math", "数学", "mathematics"},
	{"science", "科学", "science"},
	{"pe", "体育", "PE"},
	{"art", "艺术", "art"},
	{"moral", "德育", "moral education"},
};

const char *const jhGroups[JH_GROUPS][4] = {
	/* key, zh, en, extra zh alias */
	{"students", "学生", "students", NULL},
	{"parents", "家长", "parents", NULL},
	{"teachers", "教师", "teachers", NULL},
	{"principals", "校长", "principals", NULL},
	{"deputies", "人大代表、政协委员", "deputies and CPPCC members", "人大代表"},
	{"others", "其他群众", "other residents", "社会人士"},
};

int jhValueYesno(const char *s)
{
	static const char *const yes[] = {"是", "yes", "y", "true", "1", "有", "达标", NULL};
	static const char *const no[] = {"否", "no", "n", "false", "0", "无", "未达标", NULL};

	if (jhNameIn(s, yes))
		return 1;
	if (jhNameIn(s, no))
		return 0;
	return -1;
}

/* "95%" → 0.95; "0.95" → 0.95; a rate beyond [0, 1] without % is an
 * error rather than a guess at percent. */
int jhValueNumber(const char *s, int rate, double *out)
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
	if (jhParseNumber(buf, out))
		return -1;
	if (pct)
		*out /= 100;
	if (*out < 0 || (rate && *out > 1))
		return -1;
	return 0;
}

int jhValueGrade(const char *s)
{
	static const char *const g[4][4] = {
		{"不合格", "fail", "poor", NULL},
		{"合格", "pass", "fair", NULL},
		{"良好", "good", NULL, NULL},
		{"优秀", "excellent", NULL, NULL},
	};
	for (int i = 0; i < 4; i++)
		if (jhNameIn(s, g[i]))
			return i + 1;
	return -1;
}

int jhValueLevel(const char *s)
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
		if (jhNameIn(s, lv[i]))
			return i + 1;
	return -1;
}

const struct jhItemKey *jhItemKeyFind(const char *key)
{
	for (int i = 0; jhItemKeys[i].key; i++)
		if (!strcmp(jhItemKeys[i].key, key))
			return &jhItemKeys[i];
	for (int i = 0; jhFactKeys[i].key; i++)
		if (!strcmp(jhFactKeys[i].key, key))
			return &jhFactKeys[i];
	for (int i = 0; jhCountKeys[i].key; i++)
		if (!strcmp(jhCountKeys[i].key, key))
			return &jhCountKeys[i];
	return NULL;
}

/* The problem with a county-year record, or JH_P__COUNT when it is fine;
 * *arg is the text the message quotes. */
jh_problem jhItemProblem(const char *key, const char *value, int year_min,
                         int year_max, const char **arg)
{
	const struct jhItemKey *k = jhItemKeyFind(key);
	enum jhValueKind kind;
	double d;

	*arg = value;
	if (k) {
		kind = k->kind;
	} else if (!strncmp(key, "monitoring_level.", 17) || !strncmp(key, "monitoring_diff.", 16)) {
		const char *subj = strchr(key, '.') + 1;
		int found = 0;
		for (int i = 0; i < JH_SUBJECTS; i++)
			found |= !strcmp(subj, jhSubjects[i][0]);
		if (!found) {
			*arg = subj;
			return JH_P_ITEM_SUBJECT;
		}
		kind = key[11] == 'l' ? V_LEVEL : V_RATE;
	} else if (!strncmp(key, "survey.", 7) || !strncmp(key, "visit.", 6)) {
		/* survey.GROUP.satisfied|answers, visit.GROUP.satisfied|people */
		char g[32];
		size_t at = key[0] == 's' ? 7 : 6;
		const char *dot = strchr(key + at, '.');
		int found = 0;
		*arg = key;
		if (!dot || (size_t)(dot - key - at) >= sizeof g ||
		    (strcmp(dot, ".satisfied") && strcmp(dot, at == 7 ? ".answers" : ".people")))
			return at == 7 ? JH_P_ITEM_SURVEY_KEY : JH_P_ITEM_VISIT_KEY;
		memcpy(g, key + at, (size_t)(dot - key - at));
		g[dot - key - at] = '\0';
		for (int i = 0; i < JH_GROUPS; i++)
			found |= !strcmp(g, jhGroups[i][0]);
		if (!found)
			return JH_P_ITEM_GROUP;
		kind = V_COUNT;
	} else {
		*arg = key;
		return JH_P_ITEM_UNKNOWN;
	}
	switch (kind) {
	case V_YESNO:
		return jhValueYesno(value) < 0 ? JH_P_ITEM_YESNO : JH_P__COUNT;
	case V_RATE:
		return jhValueNumber(value, 1, &d) ? JH_P_ITEM_RATE : JH_P__COUNT;
	case V_NUMBER:
		return jhValueNumber(value, 0, &d) ? JH_P_ITEM_NUMBER : JH_P__COUNT;
	case V_COUNT:
		return jhParseNumber(value, &d) || d < 0 || d != floor(d) ?
		       JH_P_ITEM_WHOLE : JH_P__COUNT;
	case V_YEAR: {
		int y;
		return jhParseYear(value, year_min, year_max, &y) ?
		       JH_P_ITEM_YEAR : JH_P__COUNT;
	}
	case V_GRADE:
		return jhValueGrade(value) < 0 ? JH_P_ITEM_GRADE : JH_P__COUNT;
	case V_LEVEL:
		return jhValueLevel(value) < 0 ? JH_P_ITEM_LEVEL : JH_P__COUNT;
	}
	return JH_P__COUNT;
}

int jh_item_check(const char *key, const char *value, char *why, size_t cap)
{
	const char *arg;
	int ymin, ymax;
	jh_problem p;
	jh_diag dg;
	jh_buf b = JH_BUF_INIT;
	char range[32];

	jhYearRange(0, 0, &ymin, &ymax);
	p = jhItemProblem(key, value, ymin, ymax, &arg);
	if (p == JH_P__COUNT)
		return 0;
	snprintf(range, sizeof range, "%d–%d", ymin, ymax);
	memset(&dg, 0, sizeof dg);
	dg.problem = p;
	dg.arg = (char *)arg;
	dg.arg2 = range;
	jh_diag_format(&dg, "en", &b);
	snprintf(why, cap, "%s", b.data ? b.data : "");
	jh_buf_free(&b);
	return -1;
}
