/*
** application.c — the national application form 申报表 as a workbook:
** 表Ⅰ 基本情况, 表Ⅱ-1 资源配置基本情况, 表Ⅱ-2 the same per school, 表Ⅲ
** 校际均衡情况, 表Ⅳ 政府保障程度, 表Ⅴ 教育质量, 表Ⅵ 社会认可度调查情况
** (layout and wording: reference §10, the form's copy S24).
**
** Every figure comes from what `junheng verdict` reads for the
** county-year (jhCountyDataLoad): the evaluation's units and stages, the
** verdict's items, the county-year records and the school-year rows.
** Nothing is decided here that the evaluation or the verdict has not
** decided: a cell is failing when its indicator is under its threshold
** or its coefficient over its limit, 是否达标 is the verdict item's
** status (both parts of an item judged as two, 11 and 11.key, 13.primary
** and 13.junior, 15 and 15.care: 否 when either fails, blank when either
** is missing and none fails).
**
** What junheng does not hold stays visibly blank for the office to fill:
** pale-yellow empty cells in the tables (fmt_blank), "＿" inside the
** form's sentences of 表Ⅳ and 表Ⅴ.  A figure is filled only when it is
** held or follows from held figures by arithmetic the form states (sums
** of the school-year rows; "0 classes over 45" only when every school's
** largest class is known and none is over).
**
** The sentences' figures come from the county-year counts (jhCountKeys,
** items.c: the county form's rotation, training, certification, quota,
** migrant, retention, disabled and special-education counts) when they
** are held, and their ratios are the verdict's values, which the verdict
** computes from the same counts (or takes from the ratio record when no
** counts are given).  Item 5's classes over the maxima are counted from
** the schools' class-size bands where the rows give them.
**
** Numbers are written whole and formatted with the form's decimals (表Ⅲ
** means 2, coefficients 3, 表Ⅱ-2 indicators 2, percentages 1, counts 0),
** so the reader sees the form's rounding and the cell keeps the exact
** value.  In sentences ratios have 1 decimal and other figures none
** (reference §10's note), monitoring difference rates 3 as the verdict
** shows them.
**
** Layout of every sheet: row 1 the form's title merged across the
** table, row 2 the county, year and 生成日期, then the merged header rows
** with the form's column numbers (L1 …) where the form has them; panes
** frozen below the headers, which repeat on every printed A4 landscape
** page.  One language per workbook (rq->lang); school names, notes and
** other data stay as they were entered.
*/
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLANK "＿"

typedef struct app {
	jhBook b;
	jhCountyData cd;
	const jh_report_request *rq;
	const char *lang;
	const jh_result *r;
	const jh_county_result *cr;
	const jh_standard *std;
	char sub[400];       /* row 2 */
	char footer[240];
} app;

/* --- small helpers ------------------------------------------------------- */

static int en(const app *a)
{
	return a->lang[0] == 'e';
}

/* The county-year record `key`, or NULL. */
static const jh_county_item *record(const app *a, const char *key)
{
	if (!a->cd.L.items)
		return NULL;
	return jh_county_items_find(a->cd.L.items, a->rq->area, a->rq->year, key);
}

/* A numeric record (a rate when `rate`: 95% or 0.95 → 0.95); NaN when
 * not held or unreadable. */
static double rec_num(const app *a, const char *key, int rate)
{
	const jh_county_item *it = record(a, key);
	double v;

	if (!it || !it->value || jhValueNumber(it->value, rate, &v))
		return NAN;
	return v;
}

static const jh_verdict_item *vitem(const app *a, const char *id)
{
	for (size_t i = 0; i < a->cd.verdict.count; i++)
		if (!strcmp(a->cd.verdict.items[i].id, id))
			return &a->cd.verdict.items[i];
	return NULL;
}

/* The status of items ids[0..n): fail when one fails, missing when one
 * is missing (or absent), pass otherwise. */
static jh_item_status status_of(const app *a, const char *const *ids, size_t n)
{
	int missing = 0;

	for (size_t i = 0; i < n; i++) {
		const jh_verdict_item *it = vitem(a, ids[i]);
		if (it && it->status == JH_ITEM_FAIL)
			return JH_ITEM_FAIL;
		missing |= !it || it->status == JH_ITEM_MISSING;
	}
	return missing ? JH_ITEM_MISSING : JH_ITEM_PASS;
}

/* The value of a verdict item when it has one, else NaN. */
static double vvalue(const app *a, const char *id)
{
	const jh_verdict_item *it = vitem(a, id);

	return it && it->has_value ? it->value : NAN;
}

/* A figure for a sentence: "＿" when NaN, else v with k decimals (a rate
 * when pct: 0.955 → 95.5). */
static const char *fig(char out[48], double v, int k, int pct)
{
	if (!isfinite(v))
		return strcpy(out, BLANK);
	snprintf(out, 48, "%.*f", k, pct ? v * 100 : v);
	return out;
}

/* part ÷ whole, NaN unless both are held and the whole is positive. */
static double share(double part, double whole)
{
	return isfinite(part) && isfinite(whole) && whole > 0 ? part / whole : NAN;
}

/* An amount in 元 written in 万元 for a sentence: up to 2 decimals,
 * trailing zeros dropped (540,000 元 → 54; 585,000 → 58.5); "＿" when NaN. */
static const char *wan(char out[48], double yuan)
{
	char *e;

	if (!isfinite(yuan))
		return strcpy(out, BLANK);
	snprintf(out, 48, "%.2f", yuan / 10000);
	e = out + strlen(out);
	while (e[-1] == '0')
		*--e = '\0';
	if (e[-1] == '.')
		e[-1] = '\0';
	return out;
}

static void head(app *a, lxw_worksheet *ws, int r1, int c1, int r2, int c2,
                 const char *text)
{
	if (r1 == r2 && c1 == c2)
		worksheet_write_string(ws, (lxw_row_t)r1, (lxw_col_t)c1, text, a->b.fmt_head);
	else
		worksheet_merge_range(ws, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2,
		                      (lxw_col_t)c2, text, a->b.fmt_head);
}

/* The form's column numbers L<first> … in row `row` from column c0. */
static void numbering(app *a, lxw_worksheet *ws, int row, int c0, int n, int first)
{
	char l[16];

	for (int i = 0; i < n; i++) {
		snprintf(l, sizeof l, "L%d", first + i);
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(c0 + i), l, a->b.fmt_head);
	}
}

/* A new sheet with the title (row 1) and the county line (row 2) merged
 * over ncols columns; header rows up to hrows-1 repeat on print. */
static lxw_worksheet *sheet(app *a, const char *name, const char *title, int ncols,
                            int hrows)
{
	lxw_worksheet *ws = jhBookSheet(&a->b, name, 1, hrows, a->footer);

	if (!ws)
		return NULL;
	jhBookHead(&a->b, ws, ncols - 1, title, a->sub);
	worksheet_freeze_panes(ws, (lxw_row_t)hrows, 0);
	return ws;
}

/* Spreadsheets do not grow a row to its wrapped text when the file does
 * not say its height, so rows of long text are given one: the text's
 * width in column units (a CJK or full-width character about 2, other
 * characters 1) over the column's, a line of about 13.5 points each. */
static int text_lines(const char *s, double col_width)
{
	double w = 0, line = col_width > 4 ? col_width - 2 : 2;
	int lines = 1;

	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (*p < 0x80)
			w += 1;
		else if (*p >= 0xE0)
			w += 1.9;          /* a three-byte (CJK) character: its lead byte */
		if (w > line) {
			lines++;
			w -= line;
		}
	}
	return lines;
}

static void row_lines(lxw_worksheet *ws, int row, int lines, int points)
{
	if (lines > 1)
		worksheet_set_row(ws, (lxw_row_t)row, lines * points * 1.0 + 2, NULL);
}

/* A footnote merged across the table at `row`, `width` its columns' width. */
static void footnote(app *a, lxw_worksheet *ws, int row, int ncols, const char *text,
                     double width)
{
	worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, (lxw_col_t)(ncols - 1),
	                      text, a->b.fmt_note);
	/* 9-point text: a tenth more fits a line, 12 points a line. */
	row_lines(ws, row, text_lines(text, width * 1.1), 12);
}

static int is_row(const app *a, const jh_school_year *sy)
{
	return sy->year == a->rq->year && !strcmp(sy->county_code, a->rq->area);
}

#define FOR_ROWS(a, sy) \
	for (size_t i_ = 0, n_ = jh_dataset_count((a)->cd.L.ds); i_ < n_; i_++) \
		for (const jh_school_year *sy = jh_dataset_row((a)->cd.L.ds, i_); sy; sy = NULL) \
			if (is_row(a, sy))

#define FOR_UNITS(a, u) \
	for (size_t k_ = 0; k_ < (a)->cr->nunits; k_++) \
		for (const jh_unit *u = &(a)->r->units[(a)->cr->first_unit + k_]; u; u = NULL)

static double val(const jh_school_year *sy, jh_field f)
{
	return isnan(sy->v[f]) ? 0 : sy->v[f];
}

/* --- 表Ⅰ 基本情况 -------------------------------------------------------- */

static jh_code table1(app *a)
{
	const char *L = a->lang;
	lxw_worksheet *ws = sheet(a, JH_L(L, "表Ⅰ", "Table I"),
	                          JH_L(L, "表Ⅰ 义务教育优质均衡发展县(市、区)基本情况",
	                               "Table I  Basic facts of the county applying for high-quality balanced compulsory education"),
	                          24, 6);
	static const jh_school_type types[5] = {JH_TYPE_PRIMARY, JH_TYPE_NINE_YEAR, JH_TYPE_JUNIOR,
	                                        JH_TYPE_COMPLETE_MIDDLE, JH_TYPE_TWELVE_YEAR};
	static const char *const facts[8] = {
		"basic_population_10k", "basic_agri_population_10k", "basic_towns", "basic_villages",
		"basic_gdp_per_capita", "basic_revenue_per_capita", "basic_rural_income",
		"basic_urban_income"};
	double schools[5] = {0}, tp = 0, tp50 = 0, cls[2] = {0}, pupils[2] = {0}, teachers[2] = {0};
	int cls_missing[2] = {0};

	if (!ws)
		return JH_ERR_NOMEM;
	worksheet_set_column(ws, 0, 23, 9, NULL);
	worksheet_set_row(ws, 3, 42, NULL);
	head(a, ws, 2, 0, 2, 3, JH_L(L, "自然情况", "Natural facts"));
	head(a, ws, 3, 0, 4, 0, JH_L(L, "人口总数(万人)", "Population (10,000)"));
	head(a, ws, 3, 1, 4, 1, JH_L(L, "农业人口数(万人)", "Agricultural population (10,000)"));
	head(a, ws, 3, 2, 4, 2, JH_L(L, "乡镇数(个)", "Towns"));
	head(a, ws, 3, 3, 4, 3, JH_L(L, "行政村数(个)", "Administrative villages"));
	head(a, ws, 2, 4, 2, 7, JH_L(L, "经济情况(元)", "Economy (yuan)"));
	head(a, ws, 3, 4, 4, 4, JH_L(L, "年人均国内生产总值", "GDP per person"));
	head(a, ws, 3, 5, 4, 5, JH_L(L, "年人均地方财政收入", "Local revenue per person"));
	head(a, ws, 3, 6, 4, 6, JH_L(L, "农民年人均纯收入", "Rural net income per person"));
	head(a, ws, 3, 7, 4, 7, JH_L(L, "城镇居民年人均可支配收入", "Urban disposable income per person"));
	head(a, ws, 2, 8, 2, 12, JH_L(L, "普通中小学校数(所)", "Primary and secondary schools"));
	head(a, ws, 3, 8, 4, 8, JH_L(L, "小学", "Primary"));
	head(a, ws, 3, 9, 4, 9, JH_L(L, "九年一贯制学校", "Nine-year schools"));
	head(a, ws, 3, 10, 4, 10, JH_L(L, "初中", "Junior"));
	head(a, ws, 3, 11, 4, 11, JH_L(L, "完全中学", "Complete middle schools"));
	head(a, ws, 3, 12, 4, 12, JH_L(L, "十二年一贯制学校", "Twelve-year schools"));
	head(a, ws, 2, 13, 4, 13, JH_L(L, "特殊教育学校(所)", "Special-education schools"));
	head(a, ws, 2, 14, 2, 15, JH_L(L, "小学教学点数(个)", "Primary teaching points"));
	head(a, ws, 3, 14, 4, 14, JH_L(L, "计", "Total"));
	head(a, ws, 3, 15, 4, 15, JH_L(L, "其中50人及以上", "Of which 50 pupils or more"));
	head(a, ws, 2, 16, 2, 17, JH_L(L, "教学班数(个)", "Classes"));
	head(a, ws, 3, 16, 4, 16, JH_L(L, "小学", "Primary"));
	head(a, ws, 3, 17, 4, 17, JH_L(L, "初中", "Junior"));
	head(a, ws, 2, 18, 2, 19, JH_L(L, "在校学生数(人)", "Pupils"));
	head(a, ws, 3, 18, 4, 18, JH_L(L, "小学", "Primary"));
	head(a, ws, 3, 19, 4, 19, JH_L(L, "初中", "Junior"));
	head(a, ws, 2, 20, 2, 23, JH_L(L, "教职工数(人)", "Staff"));
	head(a, ws, 3, 20, 3, 21, JH_L(L, "小学", "Primary"));
	head(a, ws, 3, 22, 3, 23, JH_L(L, "初中", "Junior"));
	for (int s = 0; s < 2; s++) {
		head(a, ws, 4, 20 + 2 * s, 4, 20 + 2 * s, JH_L(L, "合计", "Total"));
		head(a, ws, 4, 21 + 2 * s, 4, 21 + 2 * s, JH_L(L, "其中专任教师", "Of which full-time teachers"));
	}
	numbering(a, ws, 5, 0, 24, 1);

	FOR_ROWS(a, sy) {
		static const jh_field fs[2] = {JH_F_STUDENTS_PRIMARY, JH_F_STUDENTS_JUNIOR};
		static const jh_field fc[2] = {JH_F_CLASSES_PRIMARY, JH_F_CLASSES_JUNIOR};
		static const jh_field ft[2] = {JH_F_TEACHERS_PRIMARY, JH_F_TEACHERS_JUNIOR};
		for (int t = 0; t < 5; t++)
			schools[t] += sy->type == types[t];
		if (sy->type == JH_TYPE_TEACHING_POINT) {
			tp++;
			tp50 += val(sy, JH_F_STUDENTS_PRIMARY) + val(sy, JH_F_STUDENTS_JUNIOR) >=
			        a->std->tp_min_students;
		}
		for (int s = 0; s < 2; s++) {
			pupils[s] += val(sy, fs[s]);
			teachers[s] += val(sy, ft[s]);
			if (isnan(sy->v[fc[s]]))
				cls_missing[s] |= val(sy, fs[s]) > 0;
			else
				cls[s] += sy->v[fc[s]];
		}
	}
	for (int i = 0; i < 8; i++)
		jhBookNum(&a->b, ws, 6, i, rec_num(a, facts[i], 0), i < 2 ? 2 : 0, 0);
	for (int t = 0; t < 5; t++)
		jhBookNum(&a->b, ws, 6, 8 + t, schools[t], 0, 0);
	jhBookNum(&a->b, ws, 6, 13, rec_num(a, "basic_special_schools", 0), 0, 0);
	jhBookNum(&a->b, ws, 6, 14, tp, 0, 0);
	jhBookNum(&a->b, ws, 6, 15, tp50, 0, 0);
	for (int s = 0; s < 2; s++) {
		jhBookNum(&a->b, ws, 6, 16 + s, cls_missing[s] ? NAN : cls[s], 0, 0);
		jhBookNum(&a->b, ws, 6, 18 + s, pupils[s], 0, 0);
		jhBookNum(&a->b, ws, 6, 20 + 2 * s,
		          rec_num(a, s ? "basic_staff_junior" : "basic_staff_primary", 0), 0, 0);
		jhBookNum(&a->b, ws, 6, 21 + 2 * s, teachers[s], 0, 0);
	}
	footnote(a, ws, 7, 24, JH_L(L,
		"注:L1、L2 为常住人口,保留两位小数;其余为整数。学校数、教学点数、班级数、学生数和专任教师数由学校年度数据汇总;"
		"黄色单元格为本系统未掌握的数据,请填报单位补充。",
		"Note: L1 and L2 are the resident population to two decimals; the rest are whole numbers. Schools, teaching "
		"points, classes, pupils and full-time teachers are summed from the school-year rows; yellow cells are "
		"figures this system does not hold, for the office to fill in."), 216);
	return JH_OK;
}

/* --- 表Ⅱ-1 资源配置基本情况 ---------------------------------------------- */

/* The indicator heads: name and unit. */
static void ind_head(app *a, jh_indicator i, char *out, size_t cap)
{
	snprintf(out, cap, en(a) ? "%s (%s)" : "%s(%s)", jh_indicator_name(i, a->lang),
	         jh_indicator_unit(i, a->lang));
}

static const char *stage_name(const app *a, int s)
{
	return JH_L(a->lang, s ? "初中" : "小学", s ? "Junior" : "Primary");
}

/* 表Ⅱ-1 and 表Ⅲ: 学段 | 项目 | the seven indicators L1–L7 | `last` L8,
 * two rows per stage below. */
static lxw_worksheet *stage_sheet(app *a, const char *name, const char *title,
                                  const char *last)
{
	const char *L = a->lang;
	lxw_worksheet *ws = sheet(a, name, title, 10, 4);
	char h[200];

	if (!ws)
		return NULL;
	worksheet_set_column(ws, 0, 0, 8, NULL);
	worksheet_set_column(ws, 1, 1, 16, NULL);
	worksheet_set_column(ws, 2, 9, 14, NULL);
	worksheet_set_row(ws, 2, 60, NULL);
	head(a, ws, 2, 0, 3, 0, JH_L(L, "学段", "Stage"));
	head(a, ws, 2, 1, 3, 1, JH_L(L, "项目", "Item"));
	for (int i = 0; i < JH_IND__COUNT; i++) {
		ind_head(a, (jh_indicator)i, h, sizeof h);
		head(a, ws, 2, 2 + i, 2, 2 + i, h);
	}
	head(a, ws, 2, 9, 2, 9, last);
	numbering(a, ws, 3, 2, 8, 1);
	return ws;
}

static jh_code table2_1(app *a)
{
	const char *L = a->lang;
	lxw_worksheet *ws = stage_sheet(a, JH_L(L, "表Ⅱ-1", "Table II-1"),
	                                JH_L(L, "表Ⅱ-1 小学、初中资源配置基本情况",
	                                     "Table II-1  Resource allocation of primary and junior schools"),
	                                JH_L(L, "综合评估", "Overall"));
	char h[200];

	if (!ws)
		return JH_ERR_NOMEM;
	for (int s = 0; s < 2; s++) {
		double met[JH_IND__COUNT] = {0}, pass = 0, n = 0;
		int row = 4 + 2 * s;
		FOR_UNITS(a, u) {
			if (u->stage != (jh_stage)s || u->status != JH_UNIT_EVALUATED)
				continue;
			n++;
			pass += u->passes != 0;
			for (int i = 0; i < JH_IND__COUNT; i++)
				met[i] += jh_at_least(a->std, u->value[i], a->std->threshold[s][i]);
		}
		worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row + 1, 0, stage_name(a, s),
		                      a->b.fmt_text);
		jhBookText(&a->b, ws, row, 1, JH_L(L, "达标学校总数(所)", "Schools meeting it"), 0);
		jhBookText(&a->b, ws, row + 1, 1, JH_L(L, "达标学校比例(%)", "Share meeting it (%)"), 0);
		for (int i = 0; i <= JH_IND__COUNT; i++) {
			double m = i < JH_IND__COUNT ? met[i] : pass;
			jhBookNum(&a->b, ws, row, 2 + i, n ? m : NAN, 0, 0);
			/* 综合评估 under 100%: a school fails the 6-of-7 rule. */
			jhBookPct(&a->b, ws, row + 1, 2 + i, n ? m / n : NAN, 1,
			          i == JH_IND__COUNT && m < n);
		}
	}
	snprintf(h, sizeof h, JH_L(L,
		"注:达标指单项指标达到标准值;综合评估达标指至少%d项指标达到标准值、其余指标不低于标准值的%.0f%%。",
		"Note: an indicator is met at its standard value; a school meets the overall rule with at least %d "
		"indicators met and none under %.0f%% of its value."),
		a->std->school_min_met, a->std->school_floor_ratio * 100);
	footnote(a, ws, 8, 10, h, 136);
	return JH_OK;
}

/* --- 表Ⅱ-2 分学校 ------------------------------------------------------ */

static void list_add(jh_buf *b, const char *s, const char *sep)
{
	if (b->len)
		jh_buf_adds(b, sep);
	jh_buf_adds(b, s);
}

/* 备注: the indicators met, those at 85% only, those under 85%. */
static void remark(const app *a, const jh_unit *u, jh_buf *out)
{
	const char *sep = JH_L(a->lang, "、", ", ");
	jh_buf met = JH_BUF_INIT, floor = JH_BUF_INIT, under = JH_BUF_INIT;
	int nm = 0;

	for (int i = 0; i < JH_IND__COUNT; i++) {
		double thr = a->std->threshold[u->stage][i];
		const char *nm_i = jh_indicator_short((jh_indicator)i, a->lang);
		if (jh_at_least(a->std, u->value[i], thr)) {
			list_add(&met, nm_i, sep);
			nm++;
		} else if (jh_at_least(a->std, u->value[i], thr * a->std->school_floor_ratio)) {
			list_add(&floor, nm_i, sep);
		} else {
			list_add(&under, nm_i, sep);
		}
	}
	if (nm == JH_IND__COUNT) {
		jh_buf_addf(out, JH_L(a->lang, "%d项指标均达标", "all %d met"), nm);
	} else if (en(a)) {
		jh_buf_addf(out, "met (%d): %s", nm, met.len ? met.data : "none");
		if (floor.len)
			jh_buf_addf(out, "; at %.0f%% only: %s", a->std->school_floor_ratio * 100, floor.data);
		if (under.len)
			jh_buf_addf(out, "; under %.0f%%: %s", a->std->school_floor_ratio * 100, under.data);
	} else {
		jh_buf_addf(out, "达标(%d项):%s", nm, met.len ? met.data : "无");
		if (floor.len)
			jh_buf_addf(out, ";达到%.0f%%:%s", a->std->school_floor_ratio * 100, floor.data);
		if (under.len)
			jh_buf_addf(out, ";低于%.0f%%:%s", a->std->school_floor_ratio * 100, under.data);
	}
	jh_buf_free(&met);
	jh_buf_free(&floor);
	jh_buf_free(&under);
}

static jh_code table2_2(app *a)
{
	const char *L = a->lang;
	lxw_worksheet *ws = sheet(a, JH_L(L, "表Ⅱ-2", "Table II-2"),
	                          JH_L(L, "表Ⅱ-2 小学、初中资源配置基本情况(分学校)",
	                               "Table II-2  Resource allocation of primary and junior schools, by school"),
	                          15, 4);
	static const jh_field fc[2] = {JH_F_CLASSES_PRIMARY, JH_F_CLASSES_JUNIOR};
	size_t count[2] = {0}, multi[2] = {0}, tp = 0, complete = 0;
	int row = 4;
	char h[600];
	jh_code rc = JH_OK;

	if (!ws)
		return JH_ERR_NOMEM;
	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 1, 26, NULL);
	worksheet_set_column(ws, 2, 2, 12, NULL);
	worksheet_set_column(ws, 3, 5, 8, NULL);
	worksheet_set_column(ws, 6, 12, 11, NULL);
	worksheet_set_column(ws, 13, 13, 10, NULL);
	worksheet_set_column(ws, 14, 14, 46, NULL);
	worksheet_set_row(ws, 2, 72, NULL);
	head(a, ws, 2, 0, 2, 0, JH_L(L, "序号", "No."));
	head(a, ws, 2, 1, 2, 1, JH_L(L, "学校名称", "School"));
	head(a, ws, 2, 2, 2, 2, JH_L(L, "举办者类型", "Organiser"));
	head(a, ws, 2, 3, 2, 3, JH_L(L, "在校生数(人)", "Pupils"));
	head(a, ws, 2, 4, 2, 4, JH_L(L, "年级数(个)", "Grades"));
	head(a, ws, 2, 5, 2, 5, JH_L(L, "班级数(个)", "Classes"));
	for (int i = 0; i < JH_IND__COUNT; i++) {
		ind_head(a, (jh_indicator)i, h, sizeof h);
		head(a, ws, 2, 6 + i, 2, 6 + i, h);
	}
	head(a, ws, 2, 13, 2, 13, JH_L(L, "该校综合评估是否达标", "School meets the overall rule"));
	head(a, ws, 2, 14, 2, 14, JH_L(L, "备注", "Remarks"));
	numbering(a, ws, 3, 0, 15, 1);

	for (int s = 0; s < 2; s++) {
		int no = 0;
		worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, 14, stage_name(a, s),
		                      a->b.fmt_head);
		row++;
		FOR_UNITS(a, u) {
			const jh_school_year *sy = u->school;
			jh_buf note = JH_BUF_INIT;
			int org;
			if (u->stage != (jh_stage)s || u->status != JH_UNIT_EVALUATED)
				continue;
			count[s]++;
			multi[s] += sy->type == JH_TYPE_NINE_YEAR || sy->type == JH_TYPE_TWELVE_YEAR;
			tp += sy->type == JH_TYPE_TEACHING_POINT;
			complete += s == 1 && sy->type == JH_TYPE_COMPLETE_MIDDLE;
			jhBookNum(&a->b, ws, row, 0, ++no, 0, 0);
			jhBookText(&a->b, ws, row, 1, sy->school_name, 0);
			org = isnan(sy->v[JH_F_ORGANISER]) ? 0 : (int)sy->v[JH_F_ORGANISER];
			if (org)
				jhBookText(&a->b, ws, row, 2, jh_organiser_name(org, L), 0);
			else
				worksheet_write_blank(ws, (lxw_row_t)row, 2, a->b.fmt_blank);
			jhBookNum(&a->b, ws, row, 3, u->students, 0, 0);
			jhBookNum(&a->b, ws, row, 4, sy->v[JH_F_GRADES], 0, 0);
			jhBookNum(&a->b, ws, row, 5, sy->v[fc[s]], 0, 0);
			for (int i = 0; i < JH_IND__COUNT; i++)
				jhBookNum(&a->b, ws, row, 6 + i, u->value[i], 2,
				          !jh_at_least(a->std, u->value[i], a->std->threshold[s][i]));
			jhBookText(&a->b, ws, row, 13, jhBookYes(L, u->passes),
			           !u->passes);
			remark(a, u, &note);
			if (note.oom)
				rc = JH_ERR_NOMEM;
			worksheet_write_string(ws, (lxw_row_t)row, 14, note.data ? note.data : "", a->b.fmt_wrap);
			row_lines(ws, row, text_lines(note.data, 46), 13);
			jh_buf_free(&note);
			row++;
		}
	}
	snprintf(h, sizeof h, JH_L(L,
		"注:小学学校总数 %zu 所(其中一贯制学校的小学部 %zu 所,%g人及以上教学点 %zu 个),"
		"初中学校总数 %zu 所(其中一贯制学校的初中部 %zu 所,完全中学的初中部 %zu 所)。"
		"多学段学校的小学部、初中部各列一行;不足%g人的教学点不参加资源配置评估。黄色单元格请填报单位补充。",
		"Note: %zu primary schools (of which %zu primary sections of multi-stage schools and teaching points of "
		"%g pupils or more: %zu), %zu junior schools (of which %zu junior sections of multi-stage schools and "
		"%zu of complete middle schools). A multi-stage school has a row per section; teaching points under "
		"%g pupils are not evaluated. Yellow cells are for the office to fill in."),
		count[0], multi[0], a->std->tp_min_students, tp, count[1], multi[1], complete,
		a->std->tp_min_students);
	footnote(a, ws, row, 15, h, 201);
	return rc;
}

/* --- 表Ⅲ 校际均衡情况 -------------------------------------------------- */

static jh_code table3(app *a)
{
	const char *L = a->lang;
	lxw_worksheet *ws = stage_sheet(a, JH_L(L, "表Ⅲ", "Table III"),
	                                JH_L(L, "表Ⅲ 县域义务教育校际均衡情况",
	                                     "Table III  Balance between the county's schools"),
	                                JH_L(L, "综合", "Overall"));
	char h[300];

	if (!ws)
		return JH_ERR_NOMEM;
	for (int s = 0; s < 2; s++) {
		const jh_stage_result *sr = &a->cr->stage[s];
		int row = 4 + 2 * s, any = sr->schools > 0;
		worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row + 1, 0, stage_name(a, s),
		                      a->b.fmt_text);
		jhBookText(&a->b, ws, row, 1, JH_L(L, "全县平均值", "County mean"), 0);
		jhBookText(&a->b, ws, row + 1, 1, JH_L(L, "差异系数", "Coefficient"), 0);
		for (int i = 0; i < JH_IND__COUNT; i++) {
			jhBookNum(&a->b, ws, row, 2 + i, any ? sr->mean[i] : NAN, 2, 0);
			jhBookNum(&a->b, ws, row + 1, 2 + i, any ? sr->cv[i] : NAN, 3,
			          any && !sr->cv_pass[i]);
		}
		/* 综合 has no mean: a plain empty cell, not one to fill. */
		worksheet_write_blank(ws, (lxw_row_t)row, 9, a->b.fmt_text);
		jhBookNum(&a->b, ws, row + 1, 9, any ? sr->cv_mean : NAN, 3, 0);
	}
	snprintf(h, sizeof h, JH_L(L,
		"注:全县平均值按在校生数加权;差异系数 = 标准差 ÷ 全县平均值,小学不超过 %.2f、初中不超过 %.2f;"
		"综合为七项差异系数的平均值,仅作参考。",
		"Note: county means are weighted by pupils; coefficient = standard deviation ÷ county mean, at most "
		"%.2f (primary) and %.2f (junior); overall is the mean of the seven coefficients, shown only."),
		a->std->cv_limit[0], a->std->cv_limit[1]);
	footnote(a, ws, 8, 10, h, 136);
	return JH_OK;
}

/* --- 表Ⅳ, 表Ⅴ: the form's sentences ----------------------------------- */

/* The conclusion of a 是/否 or grade record: its value in words, then its
 * note; "＿" when not held. */
static void conclusion(const app *a, const char *key, jh_buf *out)
{
	static const char *const grade[4][2] = {
		{"不合格", "fail"}, {"合格", "pass"}, {"良好", "good"}, {"优秀", "excellent"},
	};
	const jh_county_item *it = record(a, key);
	int v;

	if (!it || !it->value) {
		jh_buf_adds(out, BLANK);
		return;
	}
	if ((v = jhValueYesno(it->value)) >= 0)
		jh_buf_adds(out, jhBookYes(a->lang, v));
	else if ((v = jhValueGrade(it->value)) > 0)
		jh_buf_adds(out, grade[v - 1][en(a)]);
	else
		jh_buf_adds(out, it->value);
	if (it->note && it->note[0])
		jh_buf_addf(out, JH_L(a->lang, "。%s", ". %s"), it->note);
}

/* Item 4: schools over the size maxima, by kind of school. */
static void sentence_size(const app *a, jh_buf *out)
{
	double primary = 0, junior = 0, multi = 0;
	char f1[48], f2[48], f3[48];

	FOR_ROWS(a, sy) {
		double n = val(sy, JH_F_STUDENTS_PRIMARY) + val(sy, JH_F_STUDENTS_JUNIOR);
		if (sy->type == JH_TYPE_NINE_YEAR || sy->type == JH_TYPE_TWELVE_YEAR)
			multi += n > a->std->size_multi_max;
		else if (sy->type == JH_TYPE_JUNIOR || sy->type == JH_TYPE_COMPLETE_MIDDLE)
			junior += n > a->std->size_single_max;
		else
			primary += n > a->std->size_single_max;
	}
	jh_buf_addf(out, JH_L(a->lang, "超过%g人的小学%s所,初中%s所,超过%g人的一贯制学校%s所",
	                      "Primary schools over %g pupils: %s; junior: %s; multi-stage schools over %g: %s"),
	            a->std->size_single_max, fig(f1, primary, 0, 0), fig(f2, junior, 0, 0),
	            a->std->size_multi_max, fig(f3, multi, 0, 0));
}

/* Item 5: the classes over the maxima, from each school's class-size
 * bands (jh_school_classes_over: the maximum must be a band's, as 45 and
 * 50 are); a school without bands counts 0 when its largest class is
 * within the maximum, and leaves the figure unknown otherwise (its
 * largest class says one class is over, not how many). */
static void sentence_class(const app *a, jh_buf *out)
{
	static const jh_field fs[2] = {JH_F_STUDENTS_PRIMARY, JH_F_STUDENTS_JUNIOR};
	static const jh_field fl[2] = {JH_F_LARGEST_CLASS_PRIMARY, JH_F_LARGEST_CLASS_JUNIOR};
	double over[2] = {0, 0};
	char f[2][48];

	FOR_ROWS(a, sy)
		for (int s = 0; s < 2; s++) {
			double n;
			if (!(val(sy, fs[s]) > 0))
				continue;
			n = a->std->class_max[s] == floor(a->std->class_max[s]) ?
			    jh_school_classes_over(sy, (jh_stage)s, (int)a->std->class_max[s]) : NAN;
			if (isnan(n) && !isnan(sy->v[fl[s]]) && sy->v[fl[s]] <= a->std->class_max[s])
				n = 0;
			over[s] += n;      /* NaN stays NaN */
		}
	jh_buf_addf(out, JH_L(a->lang, "超过%g人的小学班级%s个,超过%g人的初中班级%s个",
	                      "Primary classes over %g pupils: %s; junior classes over %g: %s"),
	            a->std->class_max[0], fig(f[0], over[0], 0, 0),
	            a->std->class_max[1], fig(f[1], over[1], 0, 0));
}

/* Item 6: pupils and public funds of the schools under the funded
 * minimum (100 pupils): the county's counts when held, else summed from
 * the rows. */
static void sentence_small(const app *a, jh_buf *out)
{
	double pupils = 0, funds = 0;
	int funds_missing = 0;
	char f1[48], f2[48];

	FOR_ROWS(a, sy) {
		double n = val(sy, JH_F_STUDENTS_PRIMARY) + val(sy, JH_F_STUDENTS_JUNIOR);
		if (n >= a->std->small_school_funded_students)
			continue;
		pupils += n;
		if (isnan(sy->v[JH_F_PUBLIC_FUNDS]))
			funds_missing = 1;
		else
			funds += sy->v[JH_F_PUBLIC_FUNDS];
	}
	if (isfinite(rec_num(a, "small_school_students", 0)))
		pupils = rec_num(a, "small_school_students", 0);
	if (isfinite(rec_num(a, "small_school_funds_yuan", 0))) {
		funds = rec_num(a, "small_school_funds_yuan", 0);
		funds_missing = 0;
	}
	jh_buf_addf(out, JH_L(a->lang, "不足%g人的规模较小学校学生数%s人,公用经费%s元",
	                      "Small schools under %g pupils: %s pupils, public funds %s yuan"),
	            a->std->small_school_funded_students, fig(f1, pupils, 0, 0),
	            fig(f2, funds_missing ? NAN : funds, 0, 0));
}

/* Item 12: full-time and certified teachers, from the rows when every
 * school gives its certified teachers (as the verdict counts them), else
 * the county's counts when held; the rate is the verdict's. */
static void sentence_certified(const app *a, jh_buf *out)
{
	double all = 0, cert = 0, rate;
	int missing = 0;
	char f1[48], f2[48], f3[48];

	FOR_ROWS(a, sy) {
		all += val(sy, JH_F_TEACHERS_PRIMARY) + val(sy, JH_F_TEACHERS_JUNIOR);
		if (isnan(sy->v[JH_F_CERTIFIED_TEACHERS]))
			missing = 1;
		else
			cert += sy->v[JH_F_CERTIFIED_TEACHERS];
	}
	if (missing && isfinite(rec_num(a, "certification_certified", 0)) &&
	    isfinite(rec_num(a, "certification_teachers", 0))) {
		all = rec_num(a, "certification_teachers", 0);
		cert = rec_num(a, "certification_certified", 0);
		missing = 0;
	}
	rate = vvalue(a, "guarantee.12");
	jh_buf_addf(out, JH_L(a->lang, "全县在岗专任教师%s人,其中持有教师资格证的专任教师%s人,占比%s%%",
	                      "Full-time teachers in post: %s; of whom certified: %s, %s%%"),
	            fig(f1, all, 0, 0), fig(f2, missing ? NAN : cert, 0, 0), fig(f3, rate, 1, 1));
}

/* Quality item 4: the schools' budgets and training funds, and the
 * lowest share (the verdict's value). */
static void sentence_training_funds(const app *a, jh_buf *out)
{
	double pf = 0, tf = 0;
	int missing = 0;
	char f1[48], f2[48], f3[48];

	FOR_ROWS(a, sy) {
		if (isnan(sy->v[JH_F_PUBLIC_FUNDS]) || isnan(sy->v[JH_F_TRAINING_FUNDS]))
			missing = 1;
		else
			pf += sy->v[JH_F_PUBLIC_FUNDS], tf += sy->v[JH_F_TRAINING_FUNDS];
	}
	jh_buf_addf(out, JH_L(a->lang,
		"全县义务教育学校年度公用经费预算总额%s元,安排教师培训经费%s元;各校教师培训经费占公用经费预算的比例最低为%s%%",
		"Public-funds budgets of the schools: %s yuan; teacher training funds: %s yuan; the lowest share of "
		"any school: %s%%"),
		fig(f1, missing ? NAN : pf, 0, 0), fig(f2, missing ? NAN : tf, 0, 0),
		fig(f3, vvalue(a, "quality.4"), 1, 1));
}

static void sentence_monitoring(const app *a, jh_buf *out)
{
	static const char *const roman[] = {"Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"};

	for (int sj = 0; sj < JH_SUBJECTS; sj++) {
		char kl[48], kd[48], f[48];
		const jh_county_item *l;
		int lv = -1;
		snprintf(kl, sizeof kl, "monitoring_level.%s", jhSubjects[sj][0]);
		snprintf(kd, sizeof kd, "monitoring_diff.%s", jhSubjects[sj][0]);
		if ((l = record(a, kl)) && l->value)
			lv = jhValueLevel(l->value);
		if (en(a))
			jh_buf_addf(out, "%s%s: level %s, difference between schools %s", sj ? "; " : "",
			            jhSubjects[sj][2], lv > 0 ? roman[lv - 1] : BLANK,
			            fig(f, rec_num(a, kd, 1), 3, 0));
		else
			jh_buf_addf(out, "%s%s%s级、校际差异率%s", sj ? ";" : "", jhSubjects[sj][1],
			            lv > 0 ? roman[lv - 1] : BLANK, fig(f, rec_num(a, kd, 1), 3, 0));
	}
}

/* One numbered item of 表Ⅳ or 表Ⅴ: its number, the names of its verdict
 * items, the sentence and 是否达标. */
static void item_row(app *a, lxw_worksheet *ws, int row, int no, const char *const *ids,
                     size_t n, const jh_buf *text)
{
	jh_buf name = JH_BUF_INIT;
	jh_item_status st = status_of(a, ids, n);
	int lines, lt;

	for (size_t i = 0; i < n; i++) {
		const jh_verdict_item *it = vitem(a, ids[i]);
		if (it)
			list_add(&name, en(a) ? it->name_en : it->name_zh, JH_L(a->lang, ";", "; "));
	}
	jhBookNum(&a->b, ws, row, 0, no, 0, 0);
	lines = text_lines(name.data, 44);
	lt = text_lines(text->data, 70);
	row_lines(ws, row, lines > lt ? lines : lt, 13);
	worksheet_write_string(ws, (lxw_row_t)row, 1, name.data ? name.data : "", a->b.fmt_wrap);
	worksheet_write_string(ws, (lxw_row_t)row, 2, text->data ? text->data : BLANK,
	                       st == JH_ITEM_FAIL ? a->b.fmt_text_fail : a->b.fmt_wrap);
	if (st == JH_ITEM_MISSING)
		worksheet_write_blank(ws, (lxw_row_t)row, 3, a->b.fmt_blank);
	else
		jhBookText(&a->b, ws, row, 3, jhBookYes(a->lang, st == JH_ITEM_PASS), st == JH_ITEM_FAIL);
	jh_buf_free(&name);
}

static lxw_worksheet *items_sheet(app *a, const char *name, const char *title)
{
	const char *L = a->lang;
	lxw_worksheet *ws = sheet(a, name, title, 4, 3);

	if (!ws)
		return NULL;
	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 1, 44, NULL);
	worksheet_set_column(ws, 2, 2, 70, NULL);
	worksheet_set_column(ws, 3, 3, 10, NULL);
	head(a, ws, 2, 0, 2, 0, JH_L(L, "序号", "No."));
	head(a, ws, 2, 1, 2, 1, JH_L(L, "名称", "Item"));
	head(a, ws, 2, 2, 2, 2, JH_L(L, "指标值或简要结论", "Value or brief conclusion"));
	head(a, ws, 2, 3, 2, 3, JH_L(L, "是否达标", "Met"));
	return ws;
}

static jh_code table4(app *a)
{
	const char *L = a->lang;
	lxw_worksheet *ws = items_sheet(a, JH_L(L, "表Ⅳ", "Table IV"),
	                                JH_L(L, "表Ⅳ 政府保障程度", "Table IV  Government guarantee"));
	jh_buf t = JH_BUF_INIT;
	char f1[48], f2[48], f3[48], f4[48], f5[48];
	jh_code rc = JH_OK;

	if (!ws)
		return JH_ERR_NOMEM;
	for (int no = 1; no <= 15; no++) {
		const char *ids[2] = {NULL, NULL};
		size_t n = 1;
		char id[32];
		snprintf(id, sizeof id, "guarantee.%d", no);
		ids[0] = id;
		t.len = 0;
		if (t.data)
			t.data[0] = 0;
		switch (no) {
		case 1:
			conclusion(a, "layout_plan", &t);
			break;
		case 2:
			conclusion(a, "unified_standards", &t);
			break;
		case 3:
			jh_buf_addf(&t, JH_L(L, "音乐、美术专用教室配备不达标的学校%s所",
			                     "Schools short of music or art rooms: %s"),
			            fig(f1, vvalue(a, "guarantee.3"), 0, 0));
			break;
		case 4:
			sentence_size(a, &t);
			break;
		case 5:
			sentence_class(a, &t);
			break;
		case 6:
			sentence_small(a, &t);
			break;
		case 7:
			jh_buf_addf(&t, JH_L(L, "特殊教育学校公用经费为%s万元,特殊教育学生数为%s人,特殊教育学校生均公用经费为%s元",
			                     "Special-education public funds: %s (10,000 yuan); special-education pupils: %s; "
			                     "per pupil: %s yuan"),
			            wan(f1, rec_num(a, "special_ed_funds_yuan", 0)),
			            fig(f2, rec_num(a, "special_ed_students", 0), 0, 0),
			            fig(f3, vvalue(a, "guarantee.7"), 0, 0));
			break;
		case 8: {
			double ratio = vvalue(a, "guarantee.8");
			jh_buf_addf(&t, JH_L(L, "全县义务教育学校教师年平均工资收入为%s元,当地公务员年平均工资收入%s元",
			                     "Teachers' average yearly pay: %s yuan; local civil servants': %s yuan"),
			            fig(f1, rec_num(a, "teacher_avg_pay_yuan", 0), 0, 0),
			            fig(f2, rec_num(a, "civil_servant_avg_pay_yuan", 0), 0, 0));
			if (isfinite(ratio))
				jh_buf_addf(&t, JH_L(L, "(教师为公务员的%.2f倍)", " (teachers: %.2f × civil servants')"),
				            ratio);
			break;
		}
		case 9:
			jh_buf_addf(&t, JH_L(L, "完成360学时培训的教师%s人,全县教师%s人,教师培训完成率%s%%",
			                     "Teachers who completed 360 hours: %s; all teachers: %s; completion %s%%"),
			            fig(f1, rec_num(a, "training_360_done", 0), 0, 0),
			            fig(f2, rec_num(a, "training_360_teachers", 0), 0, 0),
			            fig(f3, vvalue(a, "guarantee.9"), 1, 1));
			break;
		case 10:
			conclusion(a, "staffing_coordination", &t);
			break;
		case 11:
			ids[1] = "guarantee.11.key";
			n = 2;
			jh_buf_addf(&t, JH_L(L,
				"全县符合交流轮岗条件教师总数%s名,上一年度交流轮岗教师%s名,交流轮岗教师占符合交流轮岗条件教师总数的比例%s%%;"
				"交流轮岗的骨干教师%s名,占交流轮岗教师总数的比例%s%%",
				"Teachers eligible to rotate: %s; rotated last year: %s, %s%% of those eligible; key teachers "
				"rotated: %s, %s%% of those rotated"),
				fig(f1, rec_num(a, "rotation_eligible", 0), 0, 0),
				fig(f2, rec_num(a, "rotation_rotated", 0), 0, 0),
				fig(f3, vvalue(a, "guarantee.11"), 1, 1),
				fig(f4, rec_num(a, "rotation_key", 0), 0, 0),
				fig(f5, vvalue(a, "guarantee.11.key"), 1, 1));
			break;
		case 12:
			sentence_certified(a, &t);
			break;
		case 13:
			ids[0] = "guarantee.13.primary";
			ids[1] = "guarantee.13.junior";
			n = 2;
			jh_buf_addf(&t, JH_L(L, "城区和镇区公办小学、初中(均不含寄宿制学校)就近划片入学比例分别为%s%%、%s%%",
			                     "Urban and town public primary and junior schools (boarding schools aside): "
			                     "nearby enrolment %s%% and %s%%"),
			            fig(f1, vvalue(a, "guarantee.13.primary"), 1, 1),
			            fig(f2, vvalue(a, "guarantee.13.junior"), 1, 1));
			break;
		case 14:
			jh_buf_addf(&t, JH_L(L, "全县优质高中招生名额总数%s人,分配名额%s人,占比%s%%。其中分配农村学校的名额%s人,占分配名额总数的%s%%",
			                     "Quality high-school places: %s; allocated to junior schools: %s, %s%%; of which "
			                     "to rural schools: %s, %s%% of those allocated"),
			            fig(f1, rec_num(a, "hs_quota_total", 0), 0, 0),
			            fig(f2, rec_num(a, "hs_quota_allocated", 0), 0, 0),
			            fig(f3, vvalue(a, "guarantee.14"), 1, 1),
			            fig(f4, rec_num(a, "hs_quota_rural", 0), 0, 0),
			            fig(f5, share(rec_num(a, "hs_quota_rural", 0),
			                          rec_num(a, "hs_quota_allocated", 0)), 1, 1));
			break;
		case 15:
			ids[0] = "guarantee.15.care";
			ids[1] = "guarantee.15";
			n = 2;
			jh_buf_adds(&t, JH_L(L, "留守儿童关爱体系健全:", "Care system for left-behind children: "));
			conclusion(a, "left_behind_care", &t);
			jh_buf_addf(&t, JH_L(L, "。全县符合条件的随迁子女数%s人,在公办学校就读%s人,在政府购买服务的民办学校就读%s人,合计%s人,占比%s%%",
			                     ". Eligible migrant children: %s; in public schools: %s; in publicly funded "
			                     "private schools: %s; together: %s, %s%%"),
			            fig(f1, rec_num(a, "migrant_eligible", 0), 0, 0),
			            fig(f2, rec_num(a, "migrant_public", 0), 0, 0),
			            fig(f3, rec_num(a, "migrant_bought", 0), 0, 0),
			            fig(f4, rec_num(a, "migrant_public", 0) + rec_num(a, "migrant_bought", 0), 0, 0),
			            fig(f5, vvalue(a, "guarantee.15"), 1, 1));
			break;
		}
		item_row(a, ws, 2 + no, no, ids, n, &t);
	}
	if (t.oom)
		rc = JH_ERR_NOMEM;
	jh_buf_free(&t);
	footnote(a, ws, 18, 4, JH_L(L,
		"注:比例保留一位小数,其他数值取整数;“＿”为本系统未掌握的数据,黄色单元格为尚缺数据、无法判定的项目,请填报单位补充。",
		"Note: ratios to one decimal, other figures whole; \"＿\" marks figures this system does not hold, yellow "
		"cells items that lack data to be judged, for the office to fill in."), 130);
	return rc;
}

static jh_code table5(app *a)
{
	const char *L = a->lang;
	lxw_worksheet *ws = items_sheet(a, JH_L(L, "表Ⅴ", "Table V"),
	                                JH_L(L, "表Ⅴ 教育质量", "Table V  Education quality"));
	static const char *const yesno[10] = {NULL, NULL, NULL, "charter_informatization", NULL,
	                                      "it_teaching", "moral_culture", "curriculum",
	                                      "no_excess_burden", NULL};
	jh_buf t = JH_BUF_INIT;
	char f1[48], f2[48], f3[48], f4[48], f5[48], f6[48];
	jh_code rc = JH_OK;

	if (!ws)
		return JH_ERR_NOMEM;
	for (int no = 1; no <= 9; no++) {
		char id[32];
		const char *ids[1] = {id};
		snprintf(id, sizeof id, "quality.%d", no);
		t.len = 0;
		if (t.data)
			t.data[0] = 0;
		if (yesno[no])
			conclusion(a, yesno[no], &t);
		else if (no == 1)
			jh_buf_addf(&t, JH_L(L,
				"全县初中毕业班学生数为%s人,三年前该年级入学学生数为%s人,毕业年级三年转入学生数为%s人,"
				"死亡学生数为%s人,转出学生数为%s人,全县初中三年巩固率为%s%%",
				"Pupils in the county's final junior year: %s; entering that year three years before: %s; "
				"transferred in over three years: %s; deceased: %s; transferred out: %s; three-year "
				"retention: %s%%"),
				fig(f1, rec_num(a, "retention_graduates", 0), 0, 0),
				fig(f2, rec_num(a, "retention_entrants", 0), 0, 0),
				fig(f3, rec_num(a, "retention_transfer_in", 0), 0, 0),
				fig(f4, rec_num(a, "retention_deaths", 0), 0, 0),
				fig(f5, rec_num(a, "retention_transfer_out", 0), 0, 0),
				fig(f6, vvalue(a, "quality.1"), 1, 1));
		else if (no == 2)
			jh_buf_addf(&t, JH_L(L, "全县残疾儿童少年为%s人,入学%s人,入学率为%s%%。其中,在特殊教育学校就读%s人,占比%s%%",
			                     "Disabled children: %s; enrolled: %s, %s%%; of whom in special-education "
			                     "schools: %s, %s%%"),
			            fig(f1, rec_num(a, "disabled_children", 0), 0, 0),
			            fig(f2, rec_num(a, "disabled_enrolled", 0), 0, 0),
			            fig(f3, vvalue(a, "quality.2"), 1, 1),
			            fig(f4, rec_num(a, "disabled_special_school", 0), 0, 0),
			            fig(f5, share(rec_num(a, "disabled_special_school", 0),
			                          rec_num(a, "disabled_enrolled", 0)), 1, 1));
		else if (no == 4)
			sentence_training_funds(a, &t);
		else
			sentence_monitoring(a, &t);
		item_row(a, ws, 2 + no, no, ids, 1, &t);
	}
	if (t.oom)
		rc = JH_ERR_NOMEM;
	jh_buf_free(&t);
	footnote(a, ws, 12, 4, JH_L(L,
		"注:比例保留一位小数,其他数值取整数,校际差异率保留三位小数;“＿”为本系统未掌握的数据,请填报单位补充。",
		"Note: ratios to one decimal, other figures whole, differences between schools to three decimals; "
		"\"＿\" marks figures this system does not hold, for the office to fill in."), 130);
	return rc;
}

/* --- 表Ⅵ 社会认可度调查情况 -------------------------------------------- */

static jh_code table6(app *a)
{
	const char *L = a->lang;
	lxw_worksheet *ws = sheet(a, JH_L(L, "表Ⅵ", "Table VI"),
	                          JH_L(L, "表Ⅵ 社会认可度调查情况", "Table VI  Social recognition survey"),
	                          8, 6);
	double ans[JH_GROUPS], sat[JH_GROUPS], vp[JH_GROUPS], vs[JH_GROUPS];
	double tans = 0, tsat = 0, tvp = 0, tvs = 0;
	int any_ans = 0, any_visit = 0;
	const jh_verdict_item *rec = vitem(a, "recognition");
	double min = a->std->recognition_min;

	if (!ws)
		return JH_ERR_NOMEM;
	worksheet_set_column(ws, 0, 0, 24, NULL);
	worksheet_set_column(ws, 1, 7, 13, NULL);
	head(a, ws, 2, 0, 5, 0, JH_L(L, "调查对象", "Respondents"));
	head(a, ws, 2, 1, 2, 3, JH_L(L, "问卷总数(份)", "Questionnaires"));
	head(a, ws, 3, 1, 4, 1, JH_L(L, "计", "Total"));
	head(a, ws, 3, 2, 3, 3, JH_L(L, "其中:回收有效问卷数", "Of which valid, returned"));
	head(a, ws, 4, 2, 4, 2, JH_L(L, "计", "Total"));
	head(a, ws, 4, 3, 4, 3, JH_L(L, "其中满意问卷数", "Of which satisfied"));
	head(a, ws, 2, 4, 4, 4, JH_L(L, "问卷调查综合满意度(%)", "Survey satisfaction (%)"));
	head(a, ws, 2, 5, 2, 6, JH_L(L, "实地走访人数(人)", "People visited"));
	head(a, ws, 3, 5, 4, 5, JH_L(L, "计", "Total"));
	head(a, ws, 3, 6, 4, 6, JH_L(L, "其中满意人数", "Of whom satisfied"));
	head(a, ws, 2, 7, 4, 7, JH_L(L, "实地走访满意度(%)", "Field-visit satisfaction (%)"));
	numbering(a, ws, 5, 1, 7, 1);
	for (int g = 0; g < JH_GROUPS; g++) {
		char k[64];
		snprintf(k, sizeof k, "survey.%s.answers", jhGroups[g][0]);
		ans[g] = rec_num(a, k, 0);
		snprintf(k, sizeof k, "survey.%s.satisfied", jhGroups[g][0]);
		sat[g] = rec_num(a, k, 0);
		if (isnan(ans[g]) || isnan(sat[g]))
			ans[g] = sat[g] = NAN;
		else
			tans += ans[g], tsat += sat[g], any_ans = 1;
		snprintf(k, sizeof k, "visit.%s.people", jhGroups[g][0]);
		vp[g] = rec_num(a, k, 0);
		snprintf(k, sizeof k, "visit.%s.satisfied", jhGroups[g][0]);
		vs[g] = rec_num(a, k, 0);
		if (isnan(vp[g]) || isnan(vs[g]))
			vp[g] = vs[g] = NAN;
		else
			tvp += vp[g], tvs += vs[g], any_visit = 1;
	}
	/* Row 计: the survey's rate as the verdict combines the groups
	 * (recognition.rule), the visits' over all people visited. */
	jhBookText(&a->b, ws, 6, 0, JH_L(L, "计", "Total"), 0);
	worksheet_write_blank(ws, 6, 1, a->b.fmt_blank);
	jhBookNum(&a->b, ws, 6, 2, any_ans ? tans : NAN, 0, 0);
	jhBookNum(&a->b, ws, 6, 3, any_ans ? tsat : NAN, 0, 0);
	jhBookPct(&a->b, ws, 6, 4, rec && rec->has_value ? rec->value : NAN, 1,
	          rec && rec->status == JH_ITEM_FAIL);
	jhBookNum(&a->b, ws, 6, 5, any_visit ? tvp : NAN, 0, 0);
	jhBookNum(&a->b, ws, 6, 6, any_visit ? tvs : NAN, 0, 0);
	jhBookPct(&a->b, ws, 6, 7, any_visit && tvp > 0 ? tvs / tvp : NAN, 1,
	          any_visit && tvp > 0 && !jh_at_least(a->std, tvs / tvp, min));
	for (int g = 0; g < JH_GROUPS; g++) {
		int row = 7 + g;
		char name[96];
		double rate = ans[g] > 0 ? sat[g] / ans[g] : NAN;
		snprintf(name, sizeof name, JH_L(L, "%s%s", "%s%s"), g ? "" : JH_L(L, "其中:", "Of which: "),
		         jhGroups[g][en(a) ? 2 : 1]);
		jhBookText(&a->b, ws, row, 0, name, 0);
		worksheet_write_blank(ws, (lxw_row_t)row, 1, a->b.fmt_blank);
		jhBookNum(&a->b, ws, row, 2, ans[g], 0, 0);
		jhBookNum(&a->b, ws, row, 3, sat[g], 0, 0);
		/* A group under the minimum fails only when every group must pass. */
		jhBookPct(&a->b, ws, row, 4, rate, 1, a->std->recognition_rule == 2 && isfinite(rate) &&
		          !jh_at_least(a->std, rate, min));
		jhBookNum(&a->b, ws, row, 5, vp[g], 0, 0);
		jhBookNum(&a->b, ws, row, 6, vs[g], 0, 0);
		jhBookPct(&a->b, ws, row, 7, vp[g] > 0 ? vs[g] / vp[g] : NAN, 1, 0);
	}
	footnote(a, ws, 7 + JH_GROUPS, 8, JH_L(L,
		"注:L2、L3 按答题计(每位受访者每题计一次),“满意”或“比较满意”计为满意;计行的问卷调查综合满意度为各类群体满意度的"
		"综合(按评估标准的规则);实地走访人数与满意人数取自各类群体的实地走访记录。黄色单元格请填报单位补充。",
		"Note: L2 and L3 count answers (each respondent once per question), satisfied meaning satisfied or "
		"fairly satisfied; the total satisfaction combines the groups' as the standard's rule says; field visits "
		"and the visitors satisfied come from each group's field-visit records. Yellow cells are for the office "
		"to fill in."), 115);
	return JH_OK;
}

/* --- the builder ------------------------------------------------------- */

jh_code jhReportApplication(jh_store *s, const jh_user *who, const jh_report_request *rq,
                            jh_buf *out, jh_diags *d)
{
	static jh_code (*const tables[])(app *) = {table1, table2_1, table2_2, table3, table4,
	                                           table5, table6};
	app *a = calloc(1, sizeof *a);
	jh_code rc;

	(void)who;   /* access was checked by jh_report_build */
	if (!a)
		return JH_ERR_NOMEM;
	a->rq = rq;
	a->lang = jhReportLang(rq);
	if ((rc = jhCountyDataLoad(s, rq, &a->cd, d)))
		goto done;
	a->r = a->cd.L.res;
	a->cr = &a->r->counties[a->cd.county];
	a->std = a->r->standard;
	snprintf(a->sub, sizeof a->sub,
	         JH_L(a->lang, "县(市、区):%s    年度:%d    生成日期:%s",
	              "County: %s    Year: %d    Generated: %s"),
	         a->cd.title, rq->year, a->cd.generated);
	snprintf(a->footer, sizeof a->footer, "%s  %d  %s", a->cd.title, rq->year, a->cd.generated);
	if ((rc = jhBookOpen(&a->b, a->lang, d)))
		goto done;
	for (size_t i = 0; i < sizeof tables / sizeof tables[0] && !rc; i++)
		rc = tables[i](a);
	if (rc)
		jhBookAbort(&a->b);
	else
		rc = jhBookClose(&a->b, out, d);
done:
	jhCountyDataFree(&a->cd);
	free(a);
	return rc;
}
