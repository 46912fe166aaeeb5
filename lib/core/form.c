/*
** form.c — the forms offices fill: vertical sheets, one item a row.
**
** Data-collection platforms hand schools (and county offices) a form
** rather than a wide template: one sheet per school, rows
**
**     序号 | 类别 | 填报项目 | 单位 | 填报值 | 是否必填 | 备注说明
**
** (English: No. | Category | Item | Unit | Value | Required | Notes), a
** title above the header, 类别 merged over the rows of a category (the
** XLSX reader gives its text in the first row only: it is carried down).
**
** The school form has a row for every column of the school-year template
** (the identity columns and every field, the raw figures of issue 14
** included) and the county form one for every county-year record an
** office fills (jhItemKeys, jhFactKeys, jhCountKeys: the counts rather
** than the ratios the verdict computes from them; yes/no items, grades,
** monitoring levels).  Both tables below are the one definition: the
** reader and the blank forms (lib/report/form_blank.c) use them.
**
** Reading never re-implements a template's checks.  The sheet is read
** into rows (item, unit, value), each item matched to its definition
** (any of its names, in either language; a stage named only by the
** category — 类别 小学, 填报项目 在校生数 — is tried too), the unit checked
** against the item's (万元 and 千元 scale to 元), and then a one-row
** template table is built (header: the template's keys, one data row) and
** handed to jh_dataset_add_table — or, for the county form, a table of
** county-year records to jh_county_items_add_table.  Their problems come
** back in the built table's coordinates and are mapped to the form's:
** its sheet, the item's row and the 填报值 column, named by the item.
**
** What the built school table names: every row the form gives (a blank
** 填报值 is a blank cell: not given, or an error when required), and a
** blank cell for each required column the form lacks, so that the
** template's own check says it is empty — reported as the form's missing
** row (JH_P_FORM_MISSING_ROW) at the row it belongs after.  Two
** exceptions: a required ready-made column that the raw figures the form
** gives would derive (jhDeriveExcused says so) is left out when blank, so
** that lib/core/derive.c derives it; and the year, when the import gives
** it (--year).  A form's required rows of a stage the school does not
** teach may be blank or absent (read as 0, as the template reads them).
**
** All or nothing: a sheet with any problem adds nothing.
*/
#include "core_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- units ------------------------------------------------------------- */

enum ukind { U_NONE, U_PERSON, U_M2, U_MONEY, U_YUAN, U_ROOM, U_CLASS,
             U_YEAR, U_PCT, U_SCHOOL, U_WANREN, U_COUNT, U__COUNT };

/* What the blank form prints (zh, en), and the spellings a filled form
 * may use with their factor into the record's unit.  U_MONEY is an amount
 * the form asks in 万元 (the template keeps 元); U_YUAN one it asks in 元
 * (per-pupil figures). */
static const struct {
	const char *zh, *en;
	struct { const char *s; double f; } spell[12];
} units[U__COUNT] = {
	[U_NONE]   = {"", "", {{"-", 1}, {"/", 1}, {"无", 1}, {"是/否", 1}, {"是或否", 1},
	                       {"yes/no", 1}, {"n/a", 1}}},
	[U_PERSON] = {"人", "persons", {{"人", 1}, {"名", 1}, {"persons", 1}, {"person", 1},
	                               {"people", 1}}},
	[U_M2]     = {"平方米", "m²", {{"平方米", 1}, {"m2", 1}, {"m²", 1}, {"㎡", 1},
	                             {"平米", 1}, {"sq m", 1}, {"square metres", 1},
	                             {"square meters", 1}}},
	[U_MONEY]  = {"万元", "10,000 yuan", {{"元", 1}, {"yuan", 1}, {"万元", 1e4},
	                                     {"10,000 yuan", 1e4}, {"10000 yuan", 1e4},
	                                     {"10k yuan", 1e4}, {"ten thousand yuan", 1e4},
	                                     {"千元", 1e3}, {"1,000 yuan", 1e3},
	                                     {"1000 yuan", 1e3}}},
	[U_YUAN]   = {"元", "yuan", {{"元", 1}, {"yuan", 1}, {"元/生", 1}, {"元/人", 1},
	                            {"yuan per pupil", 1}, {"万元", 1e4}, {"10,000 yuan", 1e4},
	                            {"10000 yuan", 1e4}, {"千元", 1e3}}},
	[U_ROOM]   = {"间", "rooms", {{"间", 1}, {"个", 1}, {"rooms", 1}, {"room", 1}}},
	[U_CLASS]  = {"个", "classes", {{"个", 1}, {"班", 1}, {"classes", 1}, {"class", 1}}},
	[U_YEAR]   = {"年", "year", {{"年", 1}, {"年份", 1}, {"year", 1}}},
	[U_PCT]    = {"%", "%", {{"%", 1}, {"％", 1}, {"percent", 1}, {"百分比", 1}}},
	[U_SCHOOL] = {"所", "schools", {{"所", 1}, {"个", 1}, {"schools", 1}, {"school", 1}}},
	[U_WANREN] = {"万人", "10,000 people", {{"万人", 1}, {"10,000 people", 1},
	                                       {"10000 people", 1}}},
	[U_COUNT]  = {"个", "count", {{"个", 1}, {"项", 1}, {"count", 1}, {"number", 1}}},
};

/* The factor of unit text s for kind u: 1 or the scale; 0 when it is not
 * a unit of the item.  A blank unit is the item's own, except for money:
 * 元 and 万元 differ by ten thousand, so the form must say which. */
static double unit_factor(enum ukind u, const char *s)
{
	if (jhBlank(s))
		return u == U_MONEY || u == U_YUAN ? 0 : 1;
	for (int k = 0; k < 12 && units[u].spell[k].s; k++)
		if (jhNameEq(s, units[u].spell[k].s))
			return units[u].spell[k].f;
	return 0;
}

/* --- the school form ------------------------------------------------------- */

#define SY(c) (c)
#define FLD(f) (JH_SY_IDCOLS + (f))

static const char *const school_cats[][2] = {
	{"基本信息", "Basic information"},
	{"办学条件认定", "Conditions"},
	{"学生", "Pupils"},
	{"班级", "Classes"},
	{"教师", "Teachers"},
	{"校舍与场地", "Buildings and grounds"},
	{"设备与经费", "Equipment and funds"},
};

/* Every template column once, in the form's order, with its category. */
static const struct { unsigned char col, cat; } school_rows[] = {
	{SY(JH_SY_SCHOOL_NAME), 0}, {SY(JH_SY_SCHOOL_CODE), 0},
	{SY(JH_SY_COUNTY_CODE), 0}, {SY(JH_SY_YEAR), 0}, {SY(JH_SY_SCHOOL_TYPE), 0},
	{SY(JH_SY_PARENT_CODE), 0}, {SY(JH_SY_LOCATION), 0}, {FLD(JH_F_ORGANISER), 0},
	{FLD(JH_F_GRADES), 0}, {FLD(JH_F_BUILD_YEAR), 0}, {SY(JH_SY_BOARDING), 0},
	{FLD(JH_F_RURAL_SMALL), 1}, {FLD(JH_F_SMALL_CLASSES), 1}, {FLD(JH_F_DENSE_CENTRAL), 1},
	{FLD(JH_F_STUDENTS_PRIMARY), 2}, {FLD(JH_F_STUDENTS_JUNIOR), 2},
	{FLD(JH_F_STUDENTS_SENIOR), 2}, {FLD(JH_F_MIGRANT_STUDENTS), 2},
	{FLD(JH_F_CATCHMENT_PRIMARY), 2}, {FLD(JH_F_CATCHMENT_JUNIOR), 2},
	{FLD(JH_F_CLASSES_PRIMARY), 3}, {FLD(JH_F_LARGEST_CLASS_PRIMARY), 3},
	{FLD(JH_F_BANDS_PRIMARY + 0), 3}, {FLD(JH_F_BANDS_PRIMARY + 1), 3},
	{FLD(JH_F_BANDS_PRIMARY + 2), 3}, {FLD(JH_F_BANDS_PRIMARY + 3), 3},
	{FLD(JH_F_BANDS_PRIMARY + 4), 3}, {FLD(JH_F_BANDS_PRIMARY + 5), 3},
	{FLD(JH_F_BANDS_PRIMARY + 6), 3}, {FLD(JH_F_BANDS_PRIMARY + 7), 3},
	{FLD(JH_F_BANDS_PRIMARY + 8), 3}, {FLD(JH_F_BANDS_PRIMARY + 9), 3},
	{FLD(JH_F_CLASSES_JUNIOR), 3}, {FLD(JH_F_LARGEST_CLASS_JUNIOR), 3},
	{FLD(JH_F_BANDS_JUNIOR + 0), 3}, {FLD(JH_F_BANDS_JUNIOR + 1), 3},
	{FLD(JH_F_BANDS_JUNIOR + 2), 3}, {FLD(JH_F_BANDS_JUNIOR + 3), 3},
	{FLD(JH_F_BANDS_JUNIOR + 4), 3}, {FLD(JH_F_BANDS_JUNIOR + 5), 3},
	{FLD(JH_F_BANDS_JUNIOR + 6), 3}, {FLD(JH_F_BANDS_JUNIOR + 7), 3},
	{FLD(JH_F_BANDS_JUNIOR + 8), 3}, {FLD(JH_F_BANDS_JUNIOR + 9), 3},
	{FLD(JH_F_TEACHERS_PRIMARY), 4}, {FLD(JH_F_TEACHERS_ASSOCIATE_PRIMARY), 4},
	{FLD(JH_F_TEACHERS_BACHELOR_PRIMARY), 4}, {FLD(JH_F_TEACHERS_MASTER_PRIMARY), 4},
	{FLD(JH_F_TEACHERS_DOCTOR_PRIMARY), 4}, {FLD(JH_F_QUALIFIED_PRIMARY), 4},
	{FLD(JH_F_KEY_PRIMARY), 4}, {FLD(JH_F_PE_TEACHERS_PRIMARY), 4},
	{FLD(JH_F_MUSIC_TEACHERS_PRIMARY), 4}, {FLD(JH_F_FINE_ART_TEACHERS_PRIMARY), 4},
	{FLD(JH_F_OTHER_ART_TEACHERS_PRIMARY), 4}, {FLD(JH_F_PE_ART_PRIMARY), 4},
	{FLD(JH_F_ROTATING_PE_ART_PRIMARY), 4},
	{FLD(JH_F_TEACHERS_JUNIOR), 4}, {FLD(JH_F_TEACHERS_ASSOCIATE_JUNIOR), 4},
	{FLD(JH_F_TEACHERS_BACHELOR_JUNIOR), 4}, {FLD(JH_F_TEACHERS_MASTER_JUNIOR), 4},
	{FLD(JH_F_TEACHERS_DOCTOR_JUNIOR), 4}, {FLD(JH_F_QUALIFIED_JUNIOR), 4},
	{FLD(JH_F_KEY_JUNIOR), 4}, {FLD(JH_F_PE_TEACHERS_JUNIOR), 4},
	{FLD(JH_F_MUSIC_TEACHERS_JUNIOR), 4}, {FLD(JH_F_FINE_ART_TEACHERS_JUNIOR), 4},
	{FLD(JH_F_OTHER_ART_TEACHERS_JUNIOR), 4}, {FLD(JH_F_PE_ART_JUNIOR), 4},
	{FLD(JH_F_ROTATING_PE_ART_JUNIOR), 4},
	{FLD(JH_F_CERTIFIED_TEACHERS), 4}, {FLD(JH_F_TEACHERS_360H), 4},
	{FLD(JH_F_TEACHING_AUX_TOTAL), 5}, {FLD(JH_F_INDOOR_SPORTS_AREA), 5},
	{FLD(JH_F_TEACHING_AREA), 5}, {FLD(JH_F_OUTDOOR_SPORTS_AREA), 5},
	{FLD(JH_F_SPORTS_AREA), 5}, {FLD(JH_F_ROOFTOP_SPORTS_AREA), 5},
	{FLD(JH_F_LEASED_SPORTS_AREA), 5}, {FLD(JH_F_MUSIC_ROOMS), 5},
	{FLD(JH_F_MUSIC_ROOM_MIN_AREA), 5}, {FLD(JH_F_ART_ROOMS), 5},
	{FLD(JH_F_ART_ROOM_MIN_AREA), 5}, {FLD(JH_F_MULTIMEDIA_ROOMS), 5},
	{FLD(JH_F_EQUIPMENT_VALUE), 6}, {FLD(JH_F_PUBLIC_FUNDS), 6},
	{FLD(JH_F_TRAINING_FUNDS), 6},
};
#define NSCHOOL (sizeof school_rows / sizeof school_rows[0])
_Static_assert(NSCHOOL == JH_SY_IDCOLS + JH_F__COUNT,
               "the school form has every template column once");

/* Labels the form words differently from the template's column names. */
static const char *school_label(int col, int en)
{
	switch (col) {
	case JH_SY_YEAR:        return en ? "statistics year" : "统计年度";
	case JH_SY_SCHOOL_TYPE: return en ? "school type" : "学校类型";
	case JH_SY_PARENT_CODE: return en ? "central school code" : "所属中心校标识码";
	case JH_SY_COUNTY_CODE: return en ? "county code" : "所在县(市、区)代码";
	case FLD(JH_F_BUILD_YEAR): return en ? "year the school was built" : "建校时间";
	}
	return en ? jhSchoolYear.cols[col].en : jhSchoolYear.cols[col].zh;
}

static enum ukind school_unit(int col)
{
	const jhColSpec *c = &jhSchoolYear.cols[col];

	if (col == FLD(JH_F_BUILD_YEAR))
		return U_YEAR;
	switch (c->unit) {
	case JH_UNIT_PERSON: return U_PERSON;
	case JH_UNIT_M2:     return U_M2;
	case JH_UNIT_YUAN:   return U_MONEY;
	case JH_UNIT_ROOM:   return U_ROOM;
	case JH_UNIT_CLASS:  return U_CLASS;
	default:             return U_NONE;
	}
}

static jh_form_value school_value(int col)
{
	const jhColSpec *c = &jhSchoolYear.cols[col];

	if (col == JH_SY_SCHOOL_TYPE)
		return JH_FV_SCHOOL_TYPE;
	if (col == JH_SY_LOCATION)
		return JH_FV_LOCATION;
	if (col == FLD(JH_F_ORGANISER))
		return JH_FV_ORGANISER;
	if (col == JH_SY_YEAR || col == FLD(JH_F_BUILD_YEAR))
		return JH_FV_YEAR;
	if (c->type == JH_COL_YESNO)
		return JH_FV_YESNO;
	if (c->type == JH_COL_TEXT || c->type == JH_COL_CODE || c->type == JH_COL_CHOICE)
		return JH_FV_TEXT;
	return JH_FV_NUMBER;
}

static int school_required(int col)
{
	return col != JH_SY_PARENT_CODE &&
	       (jhSchoolYear.cols[col].flags & JH_COL_REQUIRED);
}

/* The stage of a template column by its key (…_primary, …_junior,
 * …_senior): JH_HAS_*, 0 for a whole-school column. */
static unsigned col_stage(int col)
{
	const char *k = jhSchoolYear.cols[col].key;
	size_t n = strlen(k);

	if (n > 8 && !strcmp(k + n - 8, "_primary"))
		return JH_HAS_PRIMARY;
	if (n > 7 && !strcmp(k + n - 7, "_junior"))
		return JH_HAS_JUNIOR;
	if (n > 7 && !strcmp(k + n - 7, "_senior"))
		return JH_HAS_SENIOR;
	return 0;
}

static const char *school_note(int col, int en)
{
	switch (col) {
	case JH_SY_SCHOOL_NAME: return en ? "the full registered name" : "填写学校全称";
	case JH_SY_SCHOOL_CODE: return en ? "the 10-digit school code (or 18-character credit code)"
	                                  : "10位学校标识码(或18位统一社会信用代码)";
	case JH_SY_COUNTY_CODE: return en ? "6-digit area code" : "6位行政区划代码";
	case JH_SY_YEAR:        return en ? "e.g. 2024; may be left blank when the import gives --year"
	                                  : "如2024;导入时以 --year 指定年度的可不填";
	case JH_SY_SCHOOL_TYPE: return en ? "choose from the list" : "从下拉列表选择";
	case JH_SY_PARENT_CODE: return en ? "teaching points only: the central school's code"
	                                  : "仅教学点填写所属中心校的标识码";
	case JH_SY_LOCATION:    return en ? "urban, town or rural" : "城区、镇区或乡村";
	case JH_SY_BOARDING:    return en ? "yes or no" : "填“是”或“否”";
	case FLD(JH_F_ORGANISER): return en ? "choose from the list (or the code 1-10)"
	                                    : "从下拉列表选择(或填代码1-10)";
	case FLD(JH_F_GRADES):  return en ? "1-12" : "1-12的整数";
	case FLD(JH_F_BUILD_YEAR): return en ? "four digits, e.g. 1998" : "四位年份,如1998";
	case FLD(JH_F_RURAL_SMALL): return en ? "yes for a rural school or teaching point under 100 pupils"
	                                      : "不足100人的村小学和教学点填“是”";
	case FLD(JH_F_SMALL_CLASSES): return en ? "yes when every class has fewer than 30 pupils"
	                                        : "所有班级均不足30人填“是”";
	case FLD(JH_F_DENSE_CENTRAL): return en ? "yes for a school in a very dense central-city area"
	                                        : "中心城区人口密集、用地紧张的学校填“是”";
	case FLD(JH_F_QUALIFIED_PRIMARY): return en ? "college diploma (associate) or above"
	                                            : "专科及以上学历";
	case FLD(JH_F_QUALIFIED_JUNIOR): return en ? "bachelor degree or above" : "本科及以上学历";
	case FLD(JH_F_PE_ART_PRIMARY):
	case FLD(JH_F_PE_ART_JUNIOR): return en ? "PE, music, fine-art and other art teachers together"
	                                        : "体育、音乐、美术及其他艺术专任教师之和";
	case FLD(JH_F_TEACHING_AUX_TOTAL): return en ? "indoor sports rooms included"
	                                             : "含室内体育用房";
	case FLD(JH_F_TEACHING_AREA): return en ? "indoor sports rooms not included"
	                                        : "不含室内体育用房";
	case FLD(JH_F_SPORTS_AREA): return en ? "outdoor grounds and indoor sports rooms"
	                                      : "室外场地与室内体育用房之和";
	case FLD(JH_F_LEASED_SPORTS_AREA): return en ? "off-site venues leased within 10 minutes' walk"
	                                             : "步行10分钟内租借的校外体育场馆";
	}
	switch (school_unit(col)) {
	case U_MONEY: return en ? "in 10,000 yuan, up to 2 decimals" : "单位万元,可保留两位小数";
	case U_M2:    return en ? "square metres" : "平方米,可有小数";
	case U_NONE:  return school_value(col) == JH_FV_YESNO ? (en ? "yes or no" : "填“是”或“否”") : "";
	default:
		if (school_required(col) && col_stage(col))
			return en ? "a whole number; 0 when the school has no such stage"
			          : "整数;无该学段的填0";
		return en ? "a whole number" : "整数";
	}
}

/* --- the county form -------------------------------------------------------- */

/* Special keys of the county form: who and when, not records. */
#define K_COUNTY "county_code"
#define K_YEAR   "year"
#define K_NAME   "county_name"

static const char *const county_cats[][2] = {
	{"基本信息", "Basic information"},
	{"县域基本情况", "The county"},
	{"政府保障程度", "Government guarantee"},
	{"教育质量", "Education quality"},
	{"一票否决", "One-vote vetoes"},
	{"其他项目", "Other items"},
};

struct cdef {
	const char *key;
	unsigned char cat, unit;
	const char *zh, *en;       /* NULL: the record key's names, unit cut off */
	const char *note_zh, *note_en;
};

#define YN "填“是”或“否”", "yes or no"
static const struct cdef county_rows[] = {
	{K_COUNTY, 0, U_NONE, "县(市、区)代码", "county code", "6位行政区划代码", "6-digit area code"},
	{K_NAME, 0, U_NONE, "县(市、区)名称", "county name", "仅供核对,不导入", "for reference; not imported"},
	{K_YEAR, 0, U_NONE, "统计年度", "statistics year",
	 "如2024;导入时以 --year 指定年度的可不填", "e.g. 2024; may be blank when the import gives --year"},
	{"basic_population_10k", 1, U_WANREN, "人口总数", "population", NULL, NULL},
	{"basic_agri_population_10k", 1, U_WANREN, "农业人口数", "agricultural population", NULL, NULL},
	{"basic_towns", 1, U_COUNT, NULL, NULL, NULL, NULL},
	{"basic_villages", 1, U_COUNT, NULL, NULL, NULL, NULL},
	{"basic_gdp_per_capita", 1, U_YUAN, "年人均国内生产总值", "GDP per person a year", NULL, NULL},
	{"basic_revenue_per_capita", 1, U_YUAN, "年人均地方财政收入", "local fiscal revenue per person a year", NULL, NULL},
	{"basic_rural_income", 1, U_YUAN, "农民年人均纯收入", "rural net income per person a year", NULL, NULL},
	{"basic_urban_income", 1, U_YUAN, "城镇居民年人均可支配收入", "urban disposable income per person a year", NULL, NULL},
	{"basic_special_schools", 1, U_SCHOOL, NULL, NULL, NULL, NULL},
	{"basic_staff_primary", 1, U_PERSON, NULL, NULL, NULL, NULL},
	{"basic_staff_junior", 1, U_PERSON, NULL, NULL, NULL, NULL},
	{"basic_balance_year", 1, U_YEAR, NULL, NULL, "四位年份", "four digits"},
	{"layout_plan", 2, U_NONE, NULL, NULL, YN},
	{"unified_standards", 2, U_NONE, NULL, NULL, YN},
	{"public_funds_standard_primary", 2, U_YUAN, "规定的小学生均公用经费标准",
	 "set public funds per primary pupil", "元/生", "yuan per pupil"},
	{"public_funds_standard_junior", 2, U_YUAN, "规定的初中生均公用经费标准",
	 "set public funds per junior pupil", "元/生", "yuan per pupil"},
	{"small_school_funding", 2, U_NONE, NULL, NULL, YN},
	{"small_school_students", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"small_school_funds_yuan", 2, U_MONEY, "不足100人的规模较小学校公用经费",
	 "public funds of schools under 100 pupils", "单位万元", "in 10,000 yuan"},
	{"special_ed_funds_yuan", 2, U_MONEY, "特殊教育学校公用经费",
	 "special-education schools' public funds", "单位万元", "in 10,000 yuan"},
	{"special_ed_students", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"teacher_avg_pay_yuan", 2, U_MONEY, "义务教育教师年平均工资收入",
	 "teachers' average yearly pay", "单位万元", "in 10,000 yuan"},
	{"civil_servant_avg_pay_yuan", 2, U_MONEY, "当地公务员年平均工资收入",
	 "local civil servants' average yearly pay", "单位万元", "in 10,000 yuan"},
	{"training_360_teachers", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"training_360_done", 2, U_PERSON, NULL, NULL, "5年内完成360学时培训", "360 hours within 5 years"},
	{"staffing_coordination", 2, U_NONE, NULL, NULL, YN},
	{"rotation_eligible", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"rotation_rotated", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"rotation_key", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"certification_teachers", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"certification_certified", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"nearby_students_primary", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"nearby_catchment_primary", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"nearby_students_junior", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"nearby_catchment_junior", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"hs_quota_total", 2, U_COUNT, NULL, NULL, NULL, NULL},
	{"hs_quota_allocated", 2, U_COUNT, NULL, NULL, NULL, NULL},
	{"hs_quota_rural", 2, U_COUNT, NULL, NULL, NULL, NULL},
	{"left_behind_care", 2, U_NONE, NULL, NULL, YN},
	{"migrant_eligible", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"migrant_public", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"migrant_bought", 2, U_PERSON, NULL, NULL, NULL, NULL},
	{"retention_entrants", 3, U_PERSON, NULL, NULL, NULL, NULL},
	{"retention_graduates", 3, U_PERSON, NULL, NULL, NULL, NULL},
	{"retention_transfer_in", 3, U_PERSON, NULL, NULL, NULL, NULL},
	{"retention_transfer_out", 3, U_PERSON, NULL, NULL, NULL, NULL},
	{"retention_deaths", 3, U_PERSON, NULL, NULL, NULL, NULL},
	{"disabled_children", 3, U_PERSON, NULL, NULL, NULL, NULL},
	{"disabled_enrolled", 3, U_PERSON, NULL, NULL, NULL, NULL},
	{"disabled_special_school", 3, U_PERSON, NULL, NULL, NULL, NULL},
	{"charter_informatization", 3, U_NONE, NULL, NULL, YN},
	{"training_funds_share_min", 3, U_PCT, NULL, NULL, "如5或5%", "e.g. 5 or 5%"},
	{"it_teaching", 3, U_NONE, NULL, NULL, YN},
	{"moral_culture", 3, U_NONE, NULL, NULL, "优秀、良好、合格或不合格",
	 "excellent, good, pass or fail"},
	{"curriculum", 3, U_NONE, NULL, NULL, YN},
	{"no_excess_burden", 3, U_NONE, NULL, NULL, YN},
	{"monitoring_level.chinese", 3, U_NONE, "质量监测语文学业水平等级",
	 "national monitoring level: Chinese", "Ⅰ、Ⅱ、Ⅲ或Ⅳ", "I, II, III or IV"},
	{"monitoring_diff.chinese", 3, U_PCT, "质量监测语文校际差异率",
	 "national monitoring difference: Chinese", NULL, NULL},
	{"monitoring_level.math", 3, U_NONE, "质量监测数学学业水平等级",
	 "national monitoring level: mathematics", "Ⅰ、Ⅱ、Ⅲ或Ⅳ", "I, II, III or IV"},
	{"monitoring_diff.math", 3, U_PCT, "质量监测数学校际差异率",
	 "national monitoring difference: mathematics", NULL, NULL},
	{"monitoring_level.science", 3, U_NONE, "质量监测科学学业水平等级",
	 "national monitoring level: science", "Ⅰ、Ⅱ、Ⅲ或Ⅳ", "I, II, III or IV"},
	{"monitoring_diff.science", 3, U_PCT, "质量监测科学校际差异率",
	 "national monitoring difference: science", NULL, NULL},
	{"monitoring_level.pe", 3, U_NONE, "质量监测体育学业水平等级",
	 "national monitoring level: PE", "Ⅰ、Ⅱ、Ⅲ或Ⅳ", "I, II, III or IV"},
	{"monitoring_diff.pe", 3, U_PCT, "质量监测体育校际差异率",
	 "national monitoring difference: PE", NULL, NULL},
	{"monitoring_level.art", 3, U_NONE, "质量监测艺术学业水平等级",
	 "national monitoring level: art", "Ⅰ、Ⅱ、Ⅲ或Ⅳ", "I, II, III or IV"},
	{"monitoring_diff.art", 3, U_PCT, "质量监测艺术校际差异率",
	 "national monitoring difference: art", NULL, NULL},
	{"monitoring_level.moral", 3, U_NONE, "质量监测德育学业水平等级",
	 "national monitoring level: moral education", "Ⅰ、Ⅱ、Ⅲ或Ⅳ", "I, II, III or IV"},
	{"monitoring_diff.moral", 3, U_PCT, "质量监测德育校际差异率",
	 "national monitoring difference: moral education", NULL, NULL},
	{"exam_admission", 4, U_NONE, NULL, NULL, "存在填“是”", "yes when it happens"},
	{"illegal_school_choice", 4, U_NONE, NULL, NULL, "存在填“是”", "yes when it happens"},
	{"key_schools", 4, U_NONE, NULL, NULL, "存在填“是”", "yes when it happens"},
	{"key_classes", 4, U_NONE, NULL, NULL, "存在填“是”", "yes when it happens"},
	/* Provincial vetoes: judged only when a local standard switches
	 * them on (veto.*); asked always, as provinces' forms do. */
	{"unfilled_posts", 4, U_NONE, NULL, NULL, "存在填“是”", "yes when it happens"},
	{"safety_incident", 4, U_NONE, NULL, NULL, "发生填“是”", "yes when it happens"},
	{"falsified_data", 4, U_NONE, NULL, NULL, "存在填“是”", "yes when it happens"},
	{"off_campus_tutoring", 4, U_NONE, NULL, NULL, "治理不力填“是”", "yes when it happens"},
};
#undef YN
#define NCOUNTY_STATIC (sizeof county_rows / sizeof county_rows[0])

/* Ratios the verdict computes from the counts above (jhCountKeys): the
 * county form asks the counts, not these. */
static const char *const from_counts[] = {
	"special_ed_funds_per_student", "teacher_pay_ratio", "training_360_rate",
	"rotation_rate", "rotation_key_rate", "certification_rate",
	"nearby_enrolment_primary", "nearby_enrolment_junior", "hs_quota_rate",
	"migrant_public_rate", "junior_retention_rate", "disabled_enrolment_rate",
	NULL,
};

static int listed(const char *key)
{
	for (size_t i = 0; i < NCOUNTY_STATIC; i++)
		if (!strcmp(county_rows[i].key, key))
			return 1;
	for (int i = 0; from_counts[i]; i++)
		if (!strcmp(from_counts[i], key))
			return 1;
	return 0;
}

/* Row i of the county form: the static rows, then every judged item the
 * list above does not name (items a later standard adds, such as the
 * provincial vetoes), under 其他项目. */
static int county_def(size_t i, struct cdef *out)
{
	if (i < NCOUNTY_STATIC) {
		*out = county_rows[i];
		return 1;
	}
	i -= NCOUNTY_STATIC;
	for (int k = 0; jhItemKeys[k].key; k++) {
		if (listed(jhItemKeys[k].key))
			continue;
		if (i-- == 0) {
			memset(out, 0, sizeof *out);
			out->key = jhItemKeys[k].key;
			out->cat = 5;
			out->unit = jhItemKeys[k].kind == V_RATE ? U_PCT :
			            jhItemKeys[k].kind == V_YEAR ? U_YEAR : U_NONE;
			if (jhItemKeys[k].kind == V_YESNO) {
				out->note_zh = "填“是”或“否”";
				out->note_en = "yes or no";
			}
			return 1;
		}
	}
	return 0;
}

static size_t county_count(void)
{
	size_t n = NCOUNTY_STATIC;

	for (int k = 0; jhItemKeys[k].key; k++)
		n += !listed(jhItemKeys[k].key);
	return n;
}

/* The county form's label of def d: its own, or the record key's name
 * (whose unit, if any, the form's labels above word without brackets). */
static const char *county_label(const struct cdef *d, int en)
{
	const struct jhItemKey *k;

	if (en ? d->en : d->zh)
		return en ? d->en : d->zh;
	if (!(k = jhItemKeyFind(d->key)))
		return d->key;
	return en ? k->en : k->zh;
}

static jh_form_value county_value(const struct cdef *d)
{
	const struct jhItemKey *k = jhItemKeyFind(d->key);

	if (!strcmp(d->key, K_YEAR) || d->unit == U_YEAR)
		return JH_FV_YEAR;
	if (!strncmp(d->key, "monitoring_level.", 17))
		return JH_FV_LEVEL;
	if (!k)
		return JH_FV_TEXT;
	switch (k->kind) {
	case V_YESNO: return JH_FV_YESNO;
	case V_GRADE: return JH_FV_GRADE;
	case V_LEVEL: return JH_FV_LEVEL;
	default:      return JH_FV_NUMBER;
	}
}

/* --- rows, both forms ----------------------------------------------------------- */

size_t jh_form_count(jh_form_kind k)
{
	return k == JH_FORM_SCHOOL ? NSCHOOL : county_count();
}

void jh_form_row_get(jh_form_kind k, size_t i, const char *lang, jh_form_row *out)
{
	int en = lang && !strcmp(lang, "en");

	memset(out, 0, sizeof *out);
	if (k == JH_FORM_SCHOOL) {
		int col;
		if (i >= NSCHOOL)
			return;
		col = school_rows[i].col;
		out->key = jhSchoolYear.cols[col].key;
		out->category = school_cats[school_rows[i].cat][en];
		out->item = school_label(col, en);
		out->unit = en ? units[school_unit(col)].en : units[school_unit(col)].zh;
		out->note = school_note(col, en);
		out->required = school_required(col);
		out->value = school_value(col);
		return;
	}
	{
		struct cdef d;
		if (!county_def(i, &d))
			return;
		out->key = d.key;
		out->category = county_cats[d.cat][en];
		out->item = county_label(&d, en);
		out->unit = en ? units[d.unit].en : units[d.unit].zh;
		out->note = (en ? d.note_en : d.note_zh) ? (en ? d.note_en : d.note_zh) : "";
		out->required = !strcmp(d.key, K_COUNTY) || !strcmp(d.key, K_YEAR);
		out->value = county_value(&d);
	}
}

/* --- reading a sheet ------------------------------------------------------------ */

/* One item row of a sheet. */
struct frow {
	size_t r;              /* table row */
	long line;
	int def;               /* the form's row (jh_form_row_get's i) */
	const char *item, *unit, *value;
	double factor;         /* the unit's factor */
};

struct form {
	const jh_table *t;
	jh_form_kind kind;
	size_t hdr;
	long hline;
	int en;                /* the sheet's headers are English */
	int c_cat, c_item, c_unit, c_value;    /* 0-based columns */
	struct frow *rows;
	size_t n;
	int *at;               /* def -> index into rows, -1 */
	size_t ndefs;
};

static const char *const h_item[] = {"填报项目", "项目名称", "项目", "指标名称", "Item", NULL};
static const char *const h_value[] = {"填报值", "填报数值", "填报内容", "数值", "数据", "Value", NULL};
static const char *const h_unit[] = {"单位", "计量单位", "Unit", NULL};
static const char *const h_cat[] = {"类别", "分类", "项目类别", "Category", NULL};

/* The header row: item, value and unit columns named.  0 when found. */
static int find_header(const jh_table *t, struct form *f)
{
	for (size_t r = 0; r < t->nrows && r < 15; r++) {
		int ci = -1, cv = -1, cu = -1, cc = -1;
		for (size_t j = 0; j < t->rows[r].ncells; j++) {
			const char *s = jhCell(t, r, j);
			if (ci < 0 && jhNameIn(s, h_item))
				ci = (int)j;
			else if (cv < 0 && jhNameIn(s, h_value))
				cv = (int)j;
			else if (cu < 0 && jhNameIn(s, h_unit))
				cu = (int)j;
			else if (cc < 0 && jhNameIn(s, h_cat))
				cc = (int)j;
		}
		if (ci >= 0 && cv >= 0 && cu >= 0) {
			f->hdr = r;
			f->hline = t->rows[r].line;
			f->c_item = ci;
			f->c_value = cv;
			f->c_unit = cu;
			f->c_cat = cc;
			f->en = jhNameEq(jhCell(t, r, (size_t)ci), "Item");
			return 0;
		}
	}
	return -1;
}

/* 1 when text s names school-form row i. */
static int school_match(size_t i, const char *s)
{
	int col = school_rows[i].col;
	const jhColSpec *c = &jhSchoolYear.cols[col];

	return jhColMatch(c, s) || jhNameEq(s, c->en) ||
	       jhNameEq(s, school_label(col, 0)) || jhNameEq(s, school_label(col, 1));
}

static int county_match(size_t i, const char *s)
{
	struct cdef d;
	const struct jhItemKey *k;

	if (!county_def(i, &d))
		return 0;
	if (jhNameEq(s, d.key) || jhNameEq(s, county_label(&d, 0)) ||
	    jhNameEq(s, county_label(&d, 1)))
		return 1;
	if ((k = jhItemKeyFind(d.key)) && (jhNameEq(s, k->zh) || jhNameEq(s, k->en)))
		return 1;
	return 0;
}

/* The form row item text s names, trying it as written, without a unit
 * in brackets at its end, and with the stage its category names. */
static int match_item(jh_form_kind kind, const char *s, const char *cat)
{
	size_t n = jh_form_count(kind);
	char buf[512];

	for (int pass = 0; pass < 3; pass++) {
		const char *q = s;
		if (pass == 1) {
			size_t len;
			const char *p = jhTrim(s, &len);
			snprintf(buf, sizeof buf, "%.*s", (int)len, p);
			if (!len || (buf[len - 1] != ')' && strcmp(buf + (len >= 3 ? len - 3 : 0), "）")))
				continue;
			{
				char *o = strrchr(buf, '(');
				char *o2 = strstr(buf, "（");
				if (o2 && (!o || o2 > o))
					o = o2;
				if (!o || o == buf)
					continue;
				*o = '\0';
			}
			q = buf;
		} else if (pass == 2) {
			const char *stage = NULL;
			if (!cat)
				continue;
			if (strstr(cat, "小学"))
				stage = "小学";
			else if (strstr(cat, "初中"))
				stage = "初中";
			else if (jhNameEq(cat, "primary") || strstr(cat, "Primary") || strstr(cat, "primary"))
				stage = "primary ";
			else if (strstr(cat, "Junior") || strstr(cat, "junior"))
				stage = "junior ";
			if (!stage)
				continue;
			snprintf(buf, sizeof buf, "%s%s", stage, jhTrim(s, &(size_t){0}));
			q = buf;
		}
		for (size_t i = 0; i < n; i++)
			if (kind == JH_FORM_SCHOOL ? school_match(i, q) : county_match(i, q))
				return (int)i;
	}
	return -1;
}

static enum ukind def_unit(jh_form_kind kind, int i)
{
	struct cdef d;

	if (kind == JH_FORM_SCHOOL)
		return school_unit(school_rows[i].col);
	return county_def((size_t)i, &d) ? (enum ukind)d.unit : U_NONE;
}

static void form_free(struct form *f)
{
	free(f->rows);
	free(f->at);
}

#define FDIAG(p, line, col, name, a, b) do { \
		jh_diags_add(diags, p, t->file, t->sheet, line, col, name, a, b); \
		errors++; } while (0)

/* Read the sheet's item rows against the form: unknown items, items
 * twice and wrong units are problems (counted in the return value). */
static size_t form_read(const jh_table *t, jh_form_kind kind, struct form *f,
                        jh_diags *diags, jh_code *rc)
{
	size_t errors = 0;
	const char *cat = NULL;

	memset(f, 0, sizeof *f);
	f->t = t;
	f->kind = kind;
	*rc = JH_OK;
	if (find_header(t, f)) {
		FDIAG(JH_P_FORM_LAYOUT, 0, 0, NULL, NULL, NULL);
		return errors;
	}
	f->ndefs = jh_form_count(kind);
	f->rows = calloc(t->nrows ? t->nrows : 1, sizeof *f->rows);
	f->at = malloc(f->ndefs * sizeof *f->at);
	if (!f->rows || !f->at) {
		*rc = JH_ERR_NOMEM;
		return errors;
	}
	for (size_t i = 0; i < f->ndefs; i++)
		f->at[i] = -1;
	for (size_t r = f->hdr + 1; r < t->nrows; r++) {
		const char *item = jhCell(t, r, (size_t)f->c_item);
		const char *value = jhCell(t, r, (size_t)f->c_value);
		const char *unit = jhCell(t, r, (size_t)f->c_unit);
		long line = t->rows[r].line;
		struct frow *fr;
		char text[256];
		double factor;
		int d;

		if (jhRowBlank(t, r))
			continue;
		/* 类别 merged over its rows: the text is in the first. */
		if (f->c_cat >= 0 && !jhBlank(jhCell(t, r, (size_t)f->c_cat)))
			cat = jhCell(t, r, (size_t)f->c_cat);
		if (jhBlank(item)) {
			/* A category's title row, or a footer (填表人 …). */
			if (!jhBlank(value))
				FDIAG(JH_P_FORM_UNKNOWN_ROW, line, f->c_value + 1,
				      jhCell(t, f->hdr, (size_t)f->c_item), "", NULL);
			continue;
		}
		jhCellCopy(item, text, sizeof text);
		if ((d = match_item(kind, item, cat)) < 0) {
			FDIAG(JH_P_FORM_UNKNOWN_ROW, line, f->c_item + 1,
			      jhCell(t, f->hdr, (size_t)f->c_item), text, NULL);
			continue;
		}
		if (f->at[d] >= 0) {
			char first[24];
			snprintf(first, sizeof first, "%ld", f->rows[f->at[d]].line);
			FDIAG(JH_P_FORM_ROW_TWICE, line, f->c_item + 1,
			      jhCell(t, f->hdr, (size_t)f->c_item), text, first);
			continue;
		}
		if (!(factor = unit_factor(def_unit(kind, d), unit))) {
			char u[64];
			enum ukind want = def_unit(kind, d);
			jhCellCopy(unit, u, sizeof u);
			FDIAG(JH_P_FORM_BAD_UNIT, line, f->c_unit + 1, text, u,
			      f->en ? units[want].en : units[want].zh);
			continue;
		}
		fr = &f->rows[f->n];
		fr->r = r;
		fr->line = line;
		fr->def = d;
		fr->item = item;
		fr->unit = unit;
		fr->value = value;
		fr->factor = factor;
		f->at[d] = (int)f->n++;
	}
	if (!errors && !f->n)
		FDIAG(JH_P_FORM_LAYOUT, f->hline, 0, NULL, NULL, NULL);
	return errors;
}

int jh_form_table_kind(const jh_table *t)
{
	struct form f;
	size_t hits[2] = {0, 0};
	const char *cat = NULL;

	memset(&f, 0, sizeof f);
	if (find_header(t, &f))
		return -1;
	for (size_t r = f.hdr + 1; r < t->nrows && hits[0] + hits[1] < 12; r++) {
		const char *item = jhCell(t, r, (size_t)f.c_item);
		if (f.c_cat >= 0 && !jhBlank(jhCell(t, r, (size_t)f.c_cat)))
			cat = jhCell(t, r, (size_t)f.c_cat);
		if (jhBlank(item))
			continue;
		/* Items both forms have (统计年度) count for neither. */
		int s = match_item(JH_FORM_SCHOOL, item, cat) >= 0;
		int c = match_item(JH_FORM_COUNTY, item, cat) >= 0;
		if (s != c)
			hits[c]++;
	}
	return hits[1] > hits[0] ? JH_FORM_COUNTY : JH_FORM_SCHOOL;
}

/* --- mapping the built table's problems back to the form ----------------------- */

/* Copy problem g into diags at the form's line and column, named name. */
static void put(jh_diags *diags, const jh_diag *g, jh_problem p, long line, int col,
                const char *name, const char *arg)
{
	(g->note ? jh_diags_note : jh_diags_add)(diags, p, g->file, g->sheet, line, col,
	                                        name, arg, g->arg2);
}

/* The line a missing row of def d belongs after: the nearest row before
 * it in the form's order that the sheet gives, else the header. */
static long line_before(const struct form *f, int d)
{
	for (int i = d - 1; i >= 0; i--)
		if (f->at[i] >= 0)
			return f->rows[f->at[i]].line;
	return f->hline;
}

/* --- the school form ----------------------------------------------------------- */

/* 建校时间 as offices write it: 1998, 1998年, 1998-09-01, 1998年9月. */
static const char *year_text(const char *s, char *buf, size_t cap)
{
	size_t n;
	const char *p = jhTrim(s, &n);

	if (n > 4 && p[0] >= '1' && p[0] <= '2' && strspn(p, "0123456789") == 4 &&
	    (p[4] == '-' || p[4] == '.' || p[4] == '/' || !strncmp(p + 4, "年", 3))) {
		snprintf(buf, cap, "%.4s", p);
		return buf;
	}
	return s;
}

jh_code jh_form_add_school(jh_dataset *ds, const jh_table *t, jh_diags *diags)
{
	struct form f;
	jh_diags local = JH_DIAGS_INIT;
	jh_table *bt = NULL, *probe = NULL;
	jhColSet excused = {{0}};
	int map[JH_SY_IDCOLS + JH_F__COUNT];   /* built column -> template column */
	int nb = 0;
	size_t first = ds->nrows, errors;
	jh_code rc;

	errors = form_read(t, JH_FORM_SCHOOL, &f, diags, &rc);
	if (rc || errors) {
		form_free(&f);
		return rc ? rc : JH_ERR_INPUT;
	}
	/* The template column of each form row is school_rows[def].col; the
	 * form row of template column c: */
	int row_of[JH_SY_IDCOLS + JH_F__COUNT];
	for (size_t c = 0; c < NSCHOOL; c++)
		row_of[c] = -1;
	for (size_t i = 0; i < NSCHOOL; i++)
		row_of[school_rows[i].col] = f.at[i];
	/* A form handed back unfilled: the template would pass over its
	 * blank row; it is refused at each required row instead. */
	{
		size_t given = 0;
		for (size_t i = 0; i < f.n; i++)
			given += !jhBlank(f.rows[i].value);
		if (!given) {
			for (size_t i = 0; i < NSCHOOL; i++) {
				int c = school_rows[i].col;
				char name[256];
				if (!school_required(c) || (c == JH_SY_YEAR && ds->default_year) ||
				    col_stage(c))
					continue;
				if (f.at[i] < 0) {
					jh_diags_add(diags, JH_P_FORM_MISSING_ROW, t->file, t->sheet,
					             line_before(&f, (int)i), f.c_item + 1, NULL,
					             school_label(c, f.en), NULL);
					continue;
				}
				jhCellCopy(f.rows[f.at[i]].item, name, sizeof name);
				jh_diags_add(diags, JH_P_EMPTY_VALUE, t->file, t->sheet,
				             f.rows[f.at[i]].line, f.c_value + 1, name, NULL, NULL);
			}
			rc = JH_ERR_INPUT;
			goto out;
		}
	}
	/* Which blank required ready-made columns the raw figures given
	 * would derive: the header of everything given, to jhDeriveExcused. */
	if (!(probe = jh_table_new(t->file, t->sheet)) || jh_table_begin_row(probe, f.hline)) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	for (int c = 0; c < (int)NSCHOOL; c++) {
		int ri = row_of[c];
		const char *k = jhSchoolYear.cols[c].key;
		if (ri >= 0 && !(jhBlank(f.rows[ri].value) && school_required(c)) &&
		    jh_table_add_cell(probe, k, strlen(k))) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
	}
	jhDeriveExcused(probe, 0, &excused);
	if (ds->default_year)
		jhColSetAdd(&excused, JH_SY_YEAR);

	/* The built table: header and one data row. */
	if (!(bt = jh_table_new(t->file, t->sheet)) || jh_table_begin_row(bt, f.hline)) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && jh_table_begin_row(bt, f.hline)) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		nb = 0;
		for (int c = 0; c < (int)NSCHOOL; c++) {
			int ri = row_of[c];
			int blank = ri < 0 || jhBlank(f.rows[ri].value);
			const jhColSpec *cs = &jhSchoolYear.cols[c];
			char head[160], vbuf[16];
			const char *cell;

			if (ri < 0 && !(cs->flags & JH_COL_REQUIRED))
				continue;       /* optional and absent: not given */
			if (blank && (cs->flags & JH_COL_REQUIRED) && jhColSetHas(&excused, c))
				continue;       /* derived, or the import's year */
			if (pass == 0) {
				double fac = ri >= 0 ? f.rows[ri].factor : 1;
				snprintf(head, sizeof head, "%s%s", cs->key,
				         fac == 1e4 ? "(万元)" : fac == 1e3 ? "(千元)" : "");
				cell = head;
			} else if (ri < 0) {
				cell = "";
			} else if (c == FLD(JH_F_BUILD_YEAR)) {
				cell = year_text(f.rows[ri].value, vbuf, sizeof vbuf);
			} else {
				cell = f.rows[ri].value;
			}
			if (jh_table_add_cell(bt, cell, strlen(cell))) {
				rc = JH_ERR_NOMEM;
				goto out;
			}
			map[nb++] = c;
		}
	}
	rc = jh_dataset_add_table(ds, bt, &local);

	/* Every problem back in the form's coordinates. */
	for (size_t i = 0; i < local.count; i++) {
		const jh_diag *g = &local.items[i];
		int c = g->column > 0 && g->column <= nb ? map[g->column - 1] : -1;
		int ri = c >= 0 ? row_of[c] : -1;

		if (g->problem == JH_P_MISSING_COLUMN && g->arg) {
			for (int k = 0; k < (int)NSCHOOL; k++)
				if (!strcmp(jhSchoolYear.cols[k].key, g->arg))
					c = k;
			ri = -1;
		}
		if (ri >= 0) {
			const struct frow *fr = &f.rows[ri];
			char name[256];
			jhCellCopy(fr->item, name, sizeof name);
			put(diags, g, g->problem, fr->line,
			    (g->problem == JH_P_NOTE_UNIT_SCALED ? f.c_unit : f.c_value) + 1,
			    name, g->arg);
		} else if (c >= 0 && (g->problem == JH_P_EMPTY_VALUE ||
		                      g->problem == JH_P_DASH_OFFERED ||
		                      g->problem == JH_P_MISSING_COLUMN)) {
			/* A required row the sheet lacks. */
			int d = 0;
			for (size_t k = 0; k < NSCHOOL; k++)
				if (school_rows[k].col == c)
					d = (int)k;
			jh_diags_add(diags, JH_P_FORM_MISSING_ROW, g->file, g->sheet,
			             line_before(&f, d), f.c_item + 1, NULL,
			             school_label(c, f.en), NULL);
		} else {
			put(diags, g, g->problem, f.hline, 0, NULL, g->arg);
		}
	}
	/* Later messages about the row (a school in two counties) point at
	 * the form's 学校标识码. */
	if (rc == JH_OK && row_of[JH_SY_SCHOOL_CODE] >= 0)
		for (size_t i = first; i < ds->nrows; i++) {
			ds->rows[i].line = f.rows[row_of[JH_SY_SCHOOL_CODE]].line;
			ds->rows[i].col_code = ds->rows[i].col_county = ds->rows[i].col_type =
			        (short)(f.c_value + 1);
		}
out:
	jh_table_free(probe);
	jh_table_free(bt);
	jh_diags_free(&local);
	form_free(&f);
	return rc;
}

/* --- the county form ------------------------------------------------------------ */

/* Value v of a county record as the loader takes it: money in the form's
 * 万元 as 元, a rate with its %, a count without its unit.  Anything
 * unreadable goes as written, for the loader to refuse with its reason. */
static const char *county_text(const struct cdef *d, const struct frow *fr,
                               char *buf, size_t cap)
{
	const struct jhItemKey *k = jhItemKeyFind(d->key);
	const char *v = fr->value;
	double x;

	if (!k)
		return v;
	if ((d->unit == U_MONEY || d->unit == U_YUAN) &&
	    !jhParseCellNumber(v, JH_UNIT_YUAN, &x)) {
		jh_format_number(round(x * fr->factor * 100) / 100, buf, cap);
		return buf;
	}
	if (d->unit == U_PCT && !jhParseNumber(v, &x)) {
		size_t n;
		const char *p = jhTrim(v, &n);
		snprintf(buf, cap, "%.*s%%", (int)n, p);
		return buf;
	}
	if (k->kind == V_COUNT && !jhParseCellNumber(v, JH_UNIT_PERSON, &x)) {
		jh_format_number(x, buf, cap);
		return buf;
	}
	return v;
}

jh_code jh_form_add_county(jh_county_items *ci, const jh_table *t,
                           int default_year, jh_diags *diags)
{
	struct form f;
	jh_diags local = JH_DIAGS_INIT;
	jh_table *bt = NULL;
	size_t errors;
	char county[32] = "";
	int year = default_year, ymin, ymax;
	long cline = 0;
	jh_code rc;
	int dc = -1, dy = -1;

	errors = form_read(t, JH_FORM_COUNTY, &f, diags, &rc);
	if (rc || errors) {
		form_free(&f);
		return rc ? rc : JH_ERR_INPUT;
	}
	for (size_t i = 0; i < NCOUNTY_STATIC; i++) {
		if (!strcmp(county_rows[i].key, K_COUNTY))
			dc = (int)i;
		if (!strcmp(county_rows[i].key, K_YEAR))
			dy = (int)i;
	}
	jhYearRange(ci->year_min, ci->year_max, &ymin, &ymax);
	/* Who and when, once for the whole sheet. */
	if (f.at[dc] < 0) {
		FDIAG(JH_P_FORM_MISSING_ROW, line_before(&f, dc), f.c_item + 1, NULL,
		      f.en ? county_rows[dc].en : county_rows[dc].zh, NULL);
	} else {
		const struct frow *fr = &f.rows[f.at[dc]];
		char name[256];
		jhCellCopy(fr->item, name, sizeof name);
		cline = fr->line;
		jhCellCode(fr->value, county, sizeof county);
		if (!*county)
			FDIAG(JH_P_EMPTY_VALUE, fr->line, f.c_value + 1, name, NULL, NULL);
		else if (!jhCountyCodeOk(county))
			FDIAG(JH_P_BAD_COUNTY_CODE, fr->line, f.c_value + 1, name, county, NULL);
	}
	if (f.at[dy] >= 0 && !jhBlank(f.rows[f.at[dy]].value)) {
		jhHeader h;
		memset(&h, 0, sizeof h);
		h.row = f.hdr;              /* named by its item below */
		if (jhCellYear(t, &h, f.rows[f.at[dy]].r, f.c_value, ymin, ymax,
		               default_year, &year, &local))
			errors++;
		for (size_t i = 0; i < local.count; i++) {
			const jh_diag *g = &local.items[i];
			char name[256];
			jhCellCopy(f.rows[f.at[dy]].item, name, sizeof name);
			put(diags, g, g->problem, g->line, g->column, name, g->arg);
		}
		jh_diags_free(&local);
	} else if (!default_year) {
		if (f.at[dy] >= 0)
			FDIAG(JH_P_EMPTY_VALUE, f.rows[f.at[dy]].line, f.c_value + 1,
			      NULL, NULL, NULL);
		else
			FDIAG(JH_P_FORM_MISSING_ROW, line_before(&f, dy), f.c_item + 1, NULL,
			      f.en ? county_rows[dy].en : county_rows[dy].zh, NULL);
	}
	if (errors) {
		rc = JH_ERR_INPUT;
		goto out;
	}
	/* The records, one row each at the form's own line. */
	if (!(bt = jh_table_new(t->file, t->sheet)) || jh_table_begin_row(bt, f.hline) ||
	    jh_table_add_cell(bt, "county_code", 11) || jh_table_add_cell(bt, "item", 4) ||
	    jh_table_add_cell(bt, "value", 5)) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < f.n; i++) {
		const struct frow *fr = &f.rows[i];
		struct cdef d;
		char buf[64];
		const char *v;
		if (!county_def((size_t)fr->def, &d) || !strcmp(d.key, K_COUNTY) ||
		    !strcmp(d.key, K_YEAR) || !strcmp(d.key, K_NAME) || jhBlank(fr->value))
			continue;
		v = county_text(&d, fr, buf, sizeof buf);
		if (jh_table_begin_row(bt, fr->line) ||
		    jh_table_add_cell(bt, county, strlen(county)) ||
		    jh_table_add_cell(bt, d.key, strlen(d.key)) ||
		    jh_table_add_cell(bt, v, strlen(v))) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
	}
	if (bt->nrows < 2)
		goto out;               /* nothing but who and when */
	rc = jh_county_items_add_table(ci, bt, year, &local);
	for (size_t i = 0; i < local.count; i++) {
		const jh_diag *g = &local.items[i];
		const struct frow *fr = NULL;
		char name[256] = "";
		for (size_t k = 0; k < f.n && !fr; k++)
			if (f.rows[k].line == g->line)
				fr = &f.rows[k];
		if (!fr) {
			put(diags, g, g->problem, g->line, 0, NULL, g->arg);
			continue;
		}
		jhCellCopy(fr->item, name, sizeof name);
		put(diags, g, g->problem, g->line,
		    g->column == 1 ? 0 : (g->column == 2 ? f.c_item : f.c_value) + 1, name,
		    g->column == 2 ? name : g->arg);
	}
	(void)cline;
out:
	jh_table_free(bt);
	jh_diags_free(&local);
	form_free(&f);
	return rc;
}
