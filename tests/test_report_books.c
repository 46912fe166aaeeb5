/*
** test_report_books.c — the workbooks of lib/report part B: the county
** evaluation workbook (book_county.c), the city summary (book_city.c),
** the ledger (book_ledger.c) and the school-year import template
** (book_template.c), each built through jh_report_build and read back
** with the project's own reader (tests/reportutil.h): sheet names,
** headings, numbers against values worked out by hand below, failing
** cells' fill, print settings, autofilter, data validations, the chart
** parts; the template filled in and imported back, and refused unfilled.
**
** The store: tests/fixtures/small.csv (2024: county 110101 with 东关小学
** 500 pupils, 西关小学 400, 第一中学 600 junior, 实验学校 nine-year
** 166 + 210, 下湾教学点 30; county 110102 with two primary schools of
** 100), the same rows as 2023 except that 东关小学's sports ground is
** 16000 m² instead of 4000, and the areas 测试省 110000 › 测试市 110100 ›
** 东城县 110101, 西城县 110102.  No county-year records: every
** guarantee, quality and recognition item is missing.  The store's
** clock stands at 2024-06-15 noon, Beijing.
**
** The arithmetic all tests share (national standard, split weights
** primary 1 : junior 1.1): 实验学校 weighs 166 × 1 = 166 primary and
** 210 × 1.1 = 231 junior of 397, so its primary stage gets 166/397 =
** 0.418136 of its shared resources and its junior 231/397 = 0.581864.
**   junior teaching area  2000 × 0.581864 / 210 = 5.54156 m² < 5.8
**   junior sports area    3500 × 0.581864 / 210 = 9.69773 m² < 10.2
**   junior equipment      900000 × 0.581864 / 210 = 2493.70 ¥ < 2500
**   junior multimedia     9 × 0.581864 / 210 × 100 = 2.4937 ≥ 2.4
**   → 4 of 7 met: the junior stage fails the school rule;
**   primary multimedia    9 × 0.418136 / 166 × 100 = 2.2670 < 2.3, the
**   other six met → 6 of 7, none under 85 %: passes.
** 下湾教学点 has 30 pupils, under the 50 a teaching point needs to be
** evaluated: listed, not judged.
*/
#include "testutil.h"
#include "reportutil.h"
#include "report/report_int.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[64], path[96];
static jh_store *S;
static jh_user ADMIN, CITY;

static long long clock_at;
static long long fixed_clock(void *ctx)
{
	(void)ctx;
	return clock_at;
}

static const char AREAS[] =
	"province_code,province_name,city_code,city_name,county_code,county_name\n"
	"110000,测试省,110100,测试市,110101,东城县\n"
	"110000,测试省,110100,测试市,110102,西城县\n";

/* small.csv as 2023, 东关小学's sports ground 16000 m². */
static const char Y2023[] =
	"school_code,school_name,county_code,year,school_type,parent_code,students_primary,"
	"students_junior,students_senior,qualified_teachers_primary,qualified_teachers_junior,"
	"key_teachers_primary,key_teachers_junior,pe_art_teachers_primary,pe_art_teachers_junior,"
	"teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2,equipment_value_yuan,"
	"multimedia_rooms,location\n"
	"1101010001,东关小学,110101,2023,primary,,500,0,0,25,0,6,0,5,0,30,0,2500,16000,1100000,13,城区\n"
	"1101010002,西关小学,110101,2023,小学,,400,0,0,20,0,5,0,4,0,24,0,2000,3200,800000,10,城区\n"
	"1101010003,第一中学,110101,2023,junior,,0,600,0,0,35,0,7,0,6,0,40,3600,6500,1600000,15,城区\n"
	"1101010004,实验学校,110101,2023,nine_year,,166,210,0,9,12,2,3,2,2,10,13,2000,3500,900000,9,镇区\n"
	"1101010005,下湾教学点,110101,2023,teaching_point,1101010001,30,0,0,2,0,0,0,0,0,2,0,100,200,50000,1,乡村\n"
	"1101020001,南山小学,110102,2023,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,170000,3,乡村\n"
	"1101020002,北山小学,110102,2023,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,169900,3,乡村\n";

static int group_setup(void **state)
{
	jh_import_set *is = jh_import_set_new(0, 0, 0);
	jh_import_stats st;
	jh_diags d = JH_DIAGS_INIT;
	size_t len;
	unsigned char *small = test_read_file("tests/fixtures/small.csv", &len);
	jh_code rc;

	(void)state;
	setenv("JUNHENG_TZ", "Asia/Shanghai", 1);
	unsetenv("JUNHENG_TODAY");
	snprintf(dir, sizeof dir, "/tmp/jh_test_books.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/b.db", dir);
	rc = jh_import_set_add(is, "areas.csv", AREAS, sizeof AREAS - 1, &d);
	if (!rc)
		rc = jh_import_set_add(is, "small.csv", small, len, &d);
	if (!rc)
		rc = jh_import_set_add(is, "y2023.csv", Y2023, sizeof Y2023 - 1, &d);
	free(small);
	if (!rc)
		rc = jh_store_init(path, &S, &d);
	if (!rc) {
		jh_store_set_clock(S, fixed_clock, NULL);
		clock_at = jhLocalSeconds(2024, 6, 15, 12, 0, 0);
		rc = jh_import_set_store(S, is, NULL, "测试", "测试数据", &st, &d);
	}
	jh_import_set_free(is);
	if (rc)
		rpt_print_diags(&d);
	jh_diags_free(&d);
	ADMIN = rpt_user(JH_ROLE_ADMIN, "", "admin");
	CITY = rpt_user(JH_ROLE_CITY, "110100", "shi");
	return rc ? -1 : 0;
}

static int group_teardown(void **state)
{
	(void)state;
	jh_store_close(S);
	rm_rf(dir);
	return 0;
}

/* Build kind for area/year in lang into out (fails the test on error). */
static void build(jh_report_kind kind, const char *area, int year, const char *lang,
                  jh_buf *out)
{
	jh_report_request rq;
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc;

	memset(&rq, 0, sizeof rq);
	rq.kind = kind;
	rq.area = area;
	rq.year = year;
	rq.lang = lang;
	rc = jh_report_build(S, &ADMIN, &rq, out, &d);
	if (rc)
		rpt_print_diags(&d);
	assert_int_equal(rc, JH_OK);
	jh_diags_free(&d);
	assert_true(out->len > 1000);
	assert_memory_equal(out->data, "PK\3\4", 4);
}

static void assert_has(const char *hay, const char *needle)
{
	if (!hay || !strstr(hay, needle))
		fail_msg("\"%s\" not found", needle);
}

/* A4 landscape and the header rows repeated when printed. */
static void assert_print(const jh_buf *x, const char *sheet, const char *titles)
{
	jh_buf sh = JH_BUF_INIT, wb = JH_BUF_INIT;

	rpt_sheet_xml(x, sheet, &sh);
	assert_has(sh.data, "paperSize=\"9\"");
	assert_has(sh.data, "orientation=\"landscape\"");
	assert_has(sh.data, "<pane ");
	assert_int_equal(rpt_part(x, "xl/workbook.xml", &wb), 0);
	assert_has(wb.data, "_xlnm.Print_Titles");
	assert_has(wb.data, titles);
	jh_buf_free(&sh);
	jh_buf_free(&wb);
}

/* ------------------------------------------------------------------ */

static void test_county(void **state)
{
	jh_buf x = JH_BUF_INIT;
	jh_table *t;
	long found = 0;

	(void)state;
	build(JH_RK_COUNTY, "110101", 2024, NULL, &x);

	/* The verdict first: 实验学校's junior stage fails (above), the one
	 * failing item (every coefficient and every school size passes);
	 * no county-year records, so the other parts' items are missing —
	 * a failing item decides: the county fails. */
	t = rpt_sheet(&x, "评估结论");
	assert_string_equal(rpt_cell(t, 1, 1), "县域义务教育优质均衡发展评估结论");
	assert_string_equal(rpt_cell(t, 2, 1), "110101 测试市东城县  2024年度  生成日期 2024-06-15");
	assert_has(rpt_cell(t, 3, 1), "评估结论:未达到优质均衡(不达标 1 项,");
	assert_string_equal(rpt_cell(t, 4, 3), "项目");
	assert_string_equal(rpt_cell(t, 4, 6), "结果");
	/* 实验学校's junior stage: 4 of 7 met (above), a failing item. */
	for (long r = 5; r < 200 && !found; r++)
		if (strstr(rpt_cell(t, r, 3), "1101010004") && strstr(rpt_cell(t, r, 3), "初中"))
			found = r;
	assert_true(found > 0);
	assert_string_equal(rpt_cell(t, found, 2), "资源配置");
	assert_string_equal(rpt_cell(t, found, 4), "4/7");
	assert_string_equal(rpt_cell(t, found, 6), "不达标");
	{
		char ref[32];
		snprintf(ref, sizeof ref, "F%ld", found);
		rpt_assert_fill(&x, "评估结论", ref, "FFFFC7CE");
	}
	jh_table_free(t);
	assert_print(&x, "评估结论", "$1:$4");

	/* Schools: row 3 the header, 4 and 5 the thresholds, then the units
	 * by stage and code: 6 东关, 7 西关, 8 实验(小学), 9 下湾, 10 第一中学,
	 * 11 实验(初中). */
	t = rpt_sheet(&x, "学校指标");
	assert_string_equal(rpt_cell(t, 3, 8), "高学历教师(人/百生)");
	assert_string_equal(rpt_cell(t, 4, 1), "小学标准值");
	assert_near(rpt_num(t, 4, 8), 4.2, 1e-12);
	assert_near(rpt_num(t, 5, 11), 5.8, 1e-12);
	assert_string_equal(rpt_cell(t, 6, 3), "东关小学");
	/* 东关: 25 qualified teachers for 500 pupils = 5 per 100; 2500 m²
	 * / 500 = 5 m²; 7 of 7. */
	assert_near(rpt_num(t, 6, 7), 500, 0);
	assert_near(rpt_num(t, 6, 8), 5.0, 1e-12);
	assert_near(rpt_num(t, 6, 11), 5.0, 1e-12);
	assert_near(rpt_num(t, 6, 15), 7, 0);
	assert_string_equal(rpt_cell(t, 6, 17), "是");
	/* 实验学校, primary: multimedia 2.2670 < 2.3 failing, passes 6 of 7. */
	assert_string_equal(rpt_cell(t, 8, 2), "1101010004");
	assert_string_equal(rpt_cell(t, 8, 5), "小学");
	assert_near(rpt_num(t, 8, 14), 9 * (166.0 / 397) / 166 * 100, 1e-9);
	rpt_assert_fill(&x, "学校指标", "N8", "FFFFC7CE");
	rpt_assert_fill(&x, "学校指标", "M8", "");
	assert_near(rpt_num(t, 8, 15), 6, 0);
	assert_string_equal(rpt_cell(t, 8, 17), "是");
	/* 下湾教学点: listed, not judged. */
	assert_string_equal(rpt_cell(t, 9, 3), "下湾教学点");
	assert_string_equal(rpt_cell(t, 9, 17), "—");
	/* 实验学校, junior: teaching area 5.54156 < 5.8 failing, 4 of 7. */
	assert_string_equal(rpt_cell(t, 11, 5), "初中");
	assert_near(rpt_num(t, 11, 11), 2000 * (231.0 / 397) / 210, 1e-9);
	rpt_assert_fill(&x, "学校指标", "K11", "FFFFC7CE");
	rpt_assert_fill(&x, "学校指标", "L11", "FFFFC7CE");
	rpt_assert_fill(&x, "学校指标", "M11", "FFFFC7CE");
	rpt_assert_fill(&x, "学校指标", "N11", "");
	assert_near(rpt_num(t, 11, 15), 4, 0);
	assert_string_equal(rpt_cell(t, 11, 17), "否");
	rpt_assert_fill(&x, "学校指标", "Q11", "FFFFC7CE");
	jh_table_free(t);
	assert_print(&x, "学校指标", "$1:$5");

	/* Coefficients: primary qualified teachers over 东关 5, 西关 5 and
	 * 实验 9/166×100 = 5.42169 with weights 500, 400, 166: mean 54/1066
	 * ×100 = 5.06567, variance (900 × 0.0657² + 166 × 0.35603²) / 1066
	 * = 0.023378, CV = 0.152899 / 5.06567 = 0.0301836.  The 综合 row is
	 * the mean of the seven primary coefficients, 0.0366408. */
	t = rpt_sheet(&x, "差异系数");
	assert_string_equal(rpt_cell(t, 4, 1), "小学");
	assert_string_equal(rpt_cell(t, 4, 2), "每百名学生拥有高于规定学历教师数");
	assert_near(rpt_num(t, 4, 4), 3, 0);
	assert_near(rpt_num(t, 4, 5), 54.0 / 1066 * 100, 1e-9);
	assert_near(rpt_num(t, 4, 6), 0.0301836, 1e-6);
	assert_near(rpt_num(t, 4, 7), 0.5, 0);
	assert_string_equal(rpt_cell(t, 4, 8), "是");
	assert_string_equal(rpt_cell(t, 11, 2), "综合差异系数(七项平均)");
	assert_near(rpt_num(t, 11, 6), 0.0366408, 1e-6);
	/* The primary stage passes: every coefficient and every school (实验
	 * passes 6 of 7); the junior stage fails (实验's junior section). */
	assert_string_equal(rpt_cell(t, 12, 8), "是");
	assert_string_equal(rpt_cell(t, 13, 1), "初中");
	assert_near(rpt_num(t, 13, 7), 0.45, 0);
	assert_string_equal(rpt_cell(t, 21, 8), "否");
	rpt_assert_fill(&x, "差异系数", "H21", "FFFFC7CE");
	jh_table_free(t);
	jh_buf_free(&x);

	/* English: one language in the whole workbook. */
	build(JH_RK_COUNTY, "110101", 2024, "en", &x);
	t = rpt_sheet(&x, "Verdict");
	assert_has(rpt_cell(t, 3, 1), "Verdict: fails (items failing: 1, ");
	assert_string_equal(rpt_cell(t, 4, 2), "Part");
	jh_table_free(t);
	t = rpt_sheet(&x, "Schools");
	assert_string_equal(rpt_cell(t, 4, 1), "Threshold, primary");
	assert_string_equal(rpt_cell(t, 11, 17), "no");
	jh_table_free(t);
	t = rpt_sheet(&x, "Coefficients");
	assert_string_equal(rpt_cell(t, 11, 2), "Overall (mean of the seven)");
	jh_table_free(t);
	jh_buf_free(&x);
}

/* A county-year without schools: refused, nothing written. */
static void test_county_missing(void **state)
{
	jh_report_request rq;
	jh_buf x = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;

	(void)state;
	memset(&rq, 0, sizeof rq);
	rq.kind = JH_RK_COUNTY;
	rq.area = "110101";
	rq.year = 2022;
	assert_int_equal(jh_report_build(S, &ADMIN, &rq, &x, &d), JH_ERR_NOTFOUND);
	assert_int_equal(x.len, 0);
	assert_int_equal(d.items[0].problem, JH_P_NOT_FOUND);
	jh_diags_free(&d);
	rq.kind = JH_RK_CITY;
	rq.area = "110100";
	assert_int_equal(jh_report_build(S, &ADMIN, &rq, &x, &d), JH_ERR_NOTFOUND);
	assert_int_equal(x.len, 0);
	jh_diags_free(&d);
}

static void test_city(void **state)
{
	jh_buf x = JH_BUF_INIT, part = JH_BUF_INIT;
	jh_table *t;

	(void)state;
	build(JH_RK_CITY, "110100", 2024, NULL, &x);
	t = rpt_sheet(&x, "汇总");
	assert_string_equal(rpt_cell(t, 1, 1), "测试市义务教育优质均衡发展汇总表");
	assert_string_equal(rpt_cell(t, 3, 6), "小学差异系数(≤0.50)");
	assert_string_equal(rpt_cell(t, 3, 14), "初中差异系数(≤0.45)");
	assert_string_equal(rpt_cell(t, 4, 10), "体育场馆");
	/* One row per county and year, by county then year. */
	assert_string_equal(rpt_cell(t, 5, 1), "110101");
	assert_string_equal(rpt_cell(t, 5, 2), "东城县");
	assert_near(rpt_num(t, 5, 3), 2023, 0);
	assert_near(rpt_num(t, 6, 3), 2024, 0);
	assert_string_equal(rpt_cell(t, 7, 1), "110102");
	assert_near(rpt_num(t, 8, 3), 2024, 0);
	assert_string_equal(rpt_cell(t, 9, 1), "");
	/* 110101 has 5 schools (下湾 listed too); 实验学校 fails (its junior
	 * stage) in both years. */
	assert_near(rpt_num(t, 5, 4), 5, 0);
	assert_near(rpt_num(t, 5, 5), 1, 0);
	/* 2023's primary sports areas: 东关 16000/500 = 32, 西关 3200/400 = 8,
	 * 实验 3500 × 0.418136 / 166 = 8.81612; weights 500, 400, 166: mean
	 * 20663.48 / 1066 = 19.3841, variance (500 × 12.6159² + 400 ×
	 * 11.3841² + 166 × 10.5680²) / 1066 = 140.68, CV = 11.861 / 19.384
	 * = 0.611873 > 0.50: failing, and the primary stage fails. */
	assert_near(rpt_num(t, 5, 10), 0.611873, 1e-6);
	rpt_assert_fill(&x, "汇总", "J5", "FFFFC7CE");
	assert_string_equal(rpt_cell(t, 5, 13), "否");
	/* 2024: 东关 4000/500 = 8: CV 0.0364114, passing. */
	assert_near(rpt_num(t, 6, 10), 0.0364114, 1e-6);
	rpt_assert_fill(&x, "汇总", "J6", "");
	/* 110102: 南山 1700 ¥ per pupil, at the 85% floor (0.85 × 2000):
	 * 6 of 7, passes; 北山 1699 < 1700: fails.  No junior stage. */
	assert_near(rpt_num(t, 8, 4), 2, 0);
	assert_near(rpt_num(t, 8, 5), 1, 0);
	assert_string_equal(rpt_cell(t, 8, 14), "");
	assert_string_equal(rpt_cell(t, 8, 24), "未达到");
	jh_table_free(t);
	assert_print(&x, "汇总", "$1:$4");

	/* The charts: the latest year's coefficients per county, one column
	 * chart per stage, the limit a red dashed line. */
	t = rpt_sheet(&x, "图表");
	assert_string_equal(rpt_cell(t, 5, 1), "东城县");
	assert_string_equal(rpt_cell(t, 6, 1), "西城县");
	assert_near(rpt_num(t, 5, 6), 0.0364114, 1e-6);
	assert_near(rpt_num(t, 5, 9), 0.5, 0);
	assert_near(rpt_num(t, 5, 17), 0.45, 0);
	jh_table_free(t);
	assert_int_equal(rpt_part(&x, "xl/charts/chart1.xml", &part), 0);
	{
		/* Seven column series (the indicators) in the bar chart, the
		 * limit the one series of a line chart on the same axes. */
		const char *bar = strstr(part.data, "<c:barChart>");
		const char *bar_end = strstr(part.data, "</c:barChart>");
		const char *line = strstr(part.data, "<c:lineChart>");
		const char *line_end = strstr(part.data, "</c:lineChart>");
		int nbar = 0, nline = 0;
		assert_non_null(bar);
		assert_non_null(line);
		assert_true(bar_end < line && line < line_end);
		for (const char *p = bar; (p = strstr(p + 1, "<c:ser>")) && p < bar_end;)
			nbar++;
		for (const char *p = line; (p = strstr(p + 1, "<c:ser>")) && p < line_end;)
			nline++;
		assert_int_equal(nbar, 7);
		assert_int_equal(nline, 1);
		assert_has(line, "<c:v>限值 0.50</c:v>");
		assert_has(line, "<a:prstDash val=\"dash\"/>");
		assert_has(line, "'图表'!$I$5:$I$6");
		assert_has(bar, "'图表'!$A$5:$A$6");
	}
	jh_buf_free(&part);
	assert_int_equal(rpt_part(&x, "xl/charts/chart2.xml", &part), 0);
	assert_has(strstr(part.data, "<c:lineChart>"), "限值 0.45");
	jh_buf_free(&part);
	jh_buf_free(&x);

	/* The city's own office may build it; English. */
	{
		jh_report_request rq;
		jh_diags d = JH_DIAGS_INIT;
		memset(&rq, 0, sizeof rq);
		rq.kind = JH_RK_CITY;
		rq.area = "110100";
		rq.year = 2024;
		rq.lang = "en";
		assert_int_equal(jh_report_build(S, &CITY, &rq, &x, &d), JH_OK);
		jh_diags_free(&d);
	}
	t = rpt_sheet(&x, "Summary");
	assert_string_equal(rpt_cell(t, 3, 6), "primary difference coefficients (≤ 0.50)");
	assert_string_equal(rpt_cell(t, 5, 13), "no");
	assert_string_equal(rpt_cell(t, 8, 24), "fail");
	jh_table_free(t);
	t = rpt_sheet(&x, "Charts");
	assert_string_equal(rpt_cell(t, 4, 9), "Limit");
	jh_table_free(t);
	jh_buf_free(&x);
}

static jh_ledger_item manual(const char *school, const char *what, const char *deadline)
{
	jh_ledger_item it;

	memset(&it, 0, sizeof it);
	snprintf(it.county, sizeof it.county, "110101");
	snprintf(it.school, sizeof it.school, "%s", school);
	snprintf(it.what_zh, sizeof it.what_zh, "%s", what);
	snprintf(it.what_en, sizeof it.what_en, "en: %s", school);
	snprintf(it.deadline.s, sizeof it.deadline.s, "%s", deadline);
	snprintf(it.unit, sizeof it.unit, "县教育局");
	snprintf(it.person, sizeof it.person, "张三");
	return it;
}

static void test_ledger(void **state)
{
	/* Three items on 2024-06-15: the first due 2024-05-01 (overdue), the
	 * second 2024-12-31 and moved to 整改中, the third without a deadline. */
	jh_ledger_item a = manual("1101010004", "补齐初中教学用房", "2024-05-01");
	jh_ledger_item b = manual("", "完善教师交流轮岗制度", "2024-12-31");
	jh_ledger_item c = manual("1101010002", "补充多媒体教室", "");
	jh_ledger_change ch = JH_LEDGER_CHANGE_NONE;
	jh_diags d = JH_DIAGS_INIT;
	jh_buf x = JH_BUF_INIT, sh = JH_BUF_INIT;
	jh_table *t;

	(void)state;
	assert_int_equal(jh_ledger_add(S, &ADMIN, &a, &d), JH_OK);
	assert_int_equal(jh_ledger_add(S, &ADMIN, &b, &d), JH_OK);
	assert_int_equal(jh_ledger_add(S, &ADMIN, &c, &d), JH_OK);
	ch.status = JH_LEDGER_IN_PROGRESS;
	assert_int_equal(jh_ledger_update(S, &ADMIN, b.id, b.version, &ch, NULL, &d), JH_OK);
	jh_diags_free(&d);

	build(JH_RK_LEDGER, "110101", 2024, NULL, &x);
	t = rpt_sheet(&x, "整改台账");
	assert_string_equal(rpt_cell(t, 1, 1), "义务教育优质均衡发展整改工作台账");
	assert_string_equal(rpt_cell(t, 2, 1), "110101 测试市东城县  生成日期 2024-06-15");
	assert_string_equal(rpt_cell(t, 3, 1), "编号");
	assert_string_equal(rpt_cell(t, 3, 10), "状态");
	assert_near(rpt_num(t, 4, 1), (double)a.id, 0);
	assert_string_equal(rpt_cell(t, 4, 2), "手工录入");
	assert_string_equal(rpt_cell(t, 4, 3), "1101010004 实验学校");
	assert_string_equal(rpt_cell(t, 4, 4), "补齐初中教学用房");
	assert_string_equal(rpt_cell(t, 4, 7), "县教育局");
	assert_string_equal(rpt_cell(t, 4, 9), "2024-05-01");
	assert_string_equal(rpt_cell(t, 4, 10), "待整改");
	assert_string_equal(rpt_cell(t, 4, 12), "是");
	/* Created at 2024-06-15 12:00 Beijing time. */
	assert_string_equal(rpt_cell(t, 4, 13), "2024-06-15 12:00");
	assert_string_equal(rpt_cell(t, 5, 3), "县级");
	assert_string_equal(rpt_cell(t, 5, 10), "整改中");
	assert_string_equal(rpt_cell(t, 5, 12), "否");
	assert_string_equal(rpt_cell(t, 6, 9), "");
	/* 3 items: open 2 (a, c), in progress 1 (b); 1 overdue. */
	assert_string_equal(rpt_cell(t, 8, 1),
	                    "共 3 项:待整改 2,整改中 1,待销号 0,已销号 0,已重开 0;"
	                    "逾期 1 项(以红色标示,截至 2024-06-15)。");
	jh_table_free(t);
	/* The overdue row in the failing colours, the others not. */
	rpt_assert_fill(&x, "整改台账", "A4", "FFFFC7CE");
	rpt_assert_fill(&x, "整改台账", "D4", "FFFFC7CE");
	rpt_assert_fill(&x, "整改台账", "D5", "");
	/* The autofilter over header and rows; the status column's list. */
	rpt_sheet_xml(&x, "整改台账", &sh);
	assert_has(sh.data, "<autoFilter ref=\"A3:M6\"/>");
	assert_has(sh.data, "<dataValidation type=\"list\"");
	assert_has(sh.data, "sqref=\"J4:J106\"");
	assert_has(sh.data, "<formula1>\"待整改,整改中,待销号,已销号,已重开\"</formula1>");
	jh_buf_free(&sh);
	assert_print(&x, "整改台账", "$1:$3");
	jh_buf_free(&x);

	build(JH_RK_LEDGER, "110101", 2024, "en", &x);
	t = rpt_sheet(&x, "Ledger");
	assert_string_equal(rpt_cell(t, 4, 2), "added by hand");
	assert_string_equal(rpt_cell(t, 4, 4), "en: 1101010004");
	assert_string_equal(rpt_cell(t, 5, 10), "in progress");
	assert_string_equal(rpt_cell(t, 5, 3), "county level");
	jh_table_free(t);
	rpt_sheet_xml(&x, "Ledger", &sh);
	assert_has(sh.data, "<formula1>\"open,in progress,awaiting sign-off,signed off,"
	                    "reopened\"</formula1>");
	jh_buf_free(&sh);
	jh_buf_free(&x);
}

/* Every empty cell the template marks to fill (pale yellow, written as
 * <c r="I4" s="N"/>) given the number v: what an office does in Excel.
 * The workbook's sheet1.xml (the data sheet) is replaced in memory. */
static void fill_template(const jh_buf *x, double v, jh_buf *out)
{
	jh_buf sh = JH_BUF_INIT, st = JH_BUF_INIT, nx = JH_BUF_INIT;
	zip_error_t ze;
	zip_source_t *src, *part;
	zip_t *z;
	const char *p, *q;
	long blank = -1;
	char want[32];

	/* The style index of the blank format: the xf with the fill
	 * FFF2CC, as the template's cell I4 (东关's pupils) has it. */
	{
		char fill[16];
		rpt_cell_fill(x, "学校年度数据", "I4", fill);
		assert_string_equal(fill, "FFFFF2CC");
	}
	rpt_sheet_xml(x, "学校年度数据", &sh);
	p = strstr(sh.data, "<c r=\"I4\" s=\"");
	assert_non_null(p);
	blank = strtol(p + 13, NULL, 10);
	snprintf(want, sizeof want, "\" s=\"%ld\"/>", blank);
	for (p = sh.data; (q = strstr(p, want)); p = q + strlen(want)) {
		jh_buf_add(&nx, p, (size_t)(q - p));
		jh_buf_addf(&nx, "\" s=\"%ld\"><v>%g</v></c>", blank, v);
	}
	jh_buf_adds(&nx, p);
	zip_error_init(&ze);
	src = zip_source_buffer_create(x->data, x->len, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	z = zip_open_from_source(src, 0, &ze);
	assert_non_null(z);
	part = zip_source_buffer(z, nx.data, nx.len, 0);
	assert_non_null(part);
	assert_true(zip_file_replace(z, (zip_uint64_t)zip_name_locate(z, "xl/worksheets/sheet1.xml", 0),
	                             part, 0) == 0);
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_open(src), 0);
	{
		char chunk[8192];
		zip_int64_t n;
		while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0)
			jh_buf_add(out, chunk, (size_t)n);
	}
	zip_source_close(src);
	zip_source_free(src);
	jh_buf_free(&sh);
	jh_buf_free(&st);
	jh_buf_free(&nx);
}

static void test_template(void **state)
{
	jh_buf x = JH_BUF_INIT, sh = JH_BUF_INIT, filled = JH_BUF_INIT;
	jh_import_set *is;
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t;

	(void)state;
	build(JH_RK_TEMPLATE, "110101", 2024, NULL, &x);
	t = rpt_sheet(&x, "学校年度数据");
	assert_string_equal(rpt_cell(t, 1, 1), "义务教育学校年度数据导入模板");
	/* The export's Chinese headers in template order. */
	assert_string_equal(rpt_cell(t, 3, 1), "学校标识码");
	assert_string_equal(rpt_cell(t, 3, 5), "办学类型");
	assert_string_equal(rpt_cell(t, 3, 9), "小学在校生数");
	assert_string_equal(rpt_cell(t, 3, 35), "举办者类型");
	assert_string_equal(rpt_cell(t, 3, 36), "年级数");
	/* The county's five schools of 2024, identity columns pre-filled. */
	assert_string_equal(rpt_cell(t, 4, 1), "1101010001");
	assert_string_equal(rpt_cell(t, 4, 2), "东关小学");
	assert_string_equal(rpt_cell(t, 4, 3), "110101");
	assert_near(rpt_num(t, 4, 4), 2024, 0);
	assert_string_equal(rpt_cell(t, 4, 5), "小学");
	assert_string_equal(rpt_cell(t, 7, 5), "九年一贯制学校");
	assert_string_equal(rpt_cell(t, 8, 2), "下湾教学点");
	assert_string_equal(rpt_cell(t, 8, 6), "1101010001");
	assert_string_equal(rpt_cell(t, 9, 1), "");
	/* No figure is pre-filled. */
	assert_string_equal(rpt_cell(t, 4, 9), "");
	jh_table_free(t);
	/* Required headers red on grey, optional ones grey; the cells to
	 * fill pale yellow (东关 teaches no junior stage: J4 not marked). */
	rpt_assert_fill(&x, "学校年度数据", "A3", "FFD9D9D9");
	rpt_assert_fill(&x, "学校年度数据", "I4", "FFFFF2CC");
	rpt_assert_fill(&x, "学校年度数据", "J4", "");
	rpt_assert_fill(&x, "学校年度数据", "J7", "FFFFF2CC");
	rpt_sheet_xml(&x, "学校年度数据", &sh);
	/* 5 rows + 500 spare under the header: rows 4 … 508. */
	assert_has(sh.data, "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" "
	                    "showErrorMessage=\"1\" errorTitle=\"办学类型\"");
	assert_has(sh.data, "sqref=\"E4:E508\"><formula1>\"小学,初级中学,九年一贯制学校,"
	                    "十二年一贯制学校,完全中学,教学点\"</formula1>");
	assert_has(sh.data, "sqref=\"G4:G508\"><formula1>\"城区,镇区,乡村\"</formula1>");
	assert_has(sh.data, "sqref=\"AI4:AI508\"><formula1>\"1 中央教育部门,2 中央其他部门,"
	                    "3 省级教育部门,4 省级其他部门,5 地级教育部门,6 地级其他部门,"
	                    "7 县级教育部门,8 县级其他部门,9 地方企业,10 民办\"</formula1>");
	assert_has(sh.data, "<dataValidation type=\"whole\" operator=\"greaterThanOrEqual\"");
	assert_has(sh.data, "sqref=\"I4:I508\"><formula1>0</formula1>");
	assert_has(sh.data, "<dataValidation type=\"decimal\" operator=\"greaterThanOrEqual\"");
	assert_has(sh.data, "sqref=\"T4:T508\"><formula1>0</formula1>");
	assert_has(sh.data, "sqref=\"AJ4:AJ508\"><formula1>1</formula1><formula2>12</formula2>");
	/* Issue 14's columns: 8 identity columns + field 76 (rural_small) is
	 * the 85th column, CG (A–Z 26, AA–AZ 52, BA–BZ 78, CA 79 … CG 85), a
	 * 是/否 list; build_year (field 73) the 82nd, CD, a year 1800–2100. */
	assert_has(sh.data, "sqref=\"CG4:CG508\"><formula1>\"是,否\"</formula1>");
	assert_has(sh.data, "sqref=\"CD4:CD508\"><formula1>1800</formula1><formula2>2100</formula2>");
	jh_buf_free(&sh);
	/* The notes on the headers. */
	{
		jh_buf c = JH_BUF_INIT;
		assert_int_equal(rpt_part(&x, "xl/comments1.xml", &c), 0);
		assert_has(c.data, "必填,单位:平方米。数值,不小于 0,可有小数");
		jh_buf_free(&c);
	}
	t = rpt_sheet(&x, "代码表");
	assert_string_equal(rpt_cell(t, 2, 1), "小学");
	assert_string_equal(rpt_cell(t, 8, 4), "7 县级教育部门");
	jh_table_free(t);
	t = rpt_sheet(&x, "填表说明");
	assert_string_equal(rpt_cell(t, 9, 6), "填写说明");
	/* Column T (the 20th): teaching area, required, in m². */
	assert_string_equal(rpt_cell(t, 29, 1), "T");
	assert_string_equal(rpt_cell(t, 29, 2), "教学及辅助用房面积");
	assert_string_equal(rpt_cell(t, 29, 4), "必填");
	assert_string_equal(rpt_cell(t, 29, 5), "平方米");
	jh_table_free(t);
	assert_print(&x, "学校年度数据", "$1:$3");

	/* Unfilled: refused, a problem per empty required cell of a taught
	 * stage or of the school: primary and junior schools and the
	 * teaching point 5 stage + 4 school cells = 9 each (东关, 西关,
	 * 第一中学, 下湾), 实验学校 10 + 4 = 14: 50. */
	is = jh_import_set_new(0, 0, 0);
	assert_int_equal(jh_import_set_add(is, "模板.xlsx", x.data, x.len, &d), JH_ERR_INPUT);
	assert_int_equal(jh_diags_errors(&d), 50);
	assert_string_equal(d.items[0].sheet, "学校年度数据");
	assert_int_equal(d.items[0].line, 4);
	assert_int_equal(d.items[0].column, 9);
	assert_int_equal(d.items[0].problem, JH_P_DASH_OFFERED);
	assert_int_equal(d.items[5].column, 20);
	assert_int_equal(d.items[5].problem, JH_P_EMPTY_VALUE);
	jh_import_set_free(is);
	jh_diags_free(&d);

	/* Filled with 5 in every marked cell: imported without a problem,
	 * the other two sheets passed over. */
	fill_template(&x, 5, &filled);
	is = jh_import_set_new(0, 0, 0);
	if (jh_import_set_add(is, "模板.xlsx", filled.data, filled.len, &d))
		rpt_print_diags(&d);
	assert_int_equal(d.count, 0);
	{
		const jh_dataset *ds = jh_import_set_rows(is);
		const jh_school_year *sy = jh_dataset_find(ds, "1101010004", 2024);
		assert_int_equal(jh_dataset_count(ds), 5);
		assert_non_null(sy);
		assert_int_equal(sy->type, JH_TYPE_NINE_YEAR);
		assert_near(sy->v[JH_F_STUDENTS_JUNIOR], 5, 0);
		assert_near(sy->v[JH_F_TEACHING_AREA], 5, 0);
		sy = jh_dataset_find(ds, "1101010001", 2024);
		/* A stage the school does not teach, left empty: 0. */
		assert_near(sy->v[JH_F_STUDENTS_JUNIOR], 0, 0);
		assert_int_equal(sy->location, JH_LOC_URBAN);
		sy = jh_dataset_find(ds, "1101010005", 2024);
		assert_string_equal(sy->parent_code, "1101010001");
	}
	jh_import_set_free(is);
	jh_diags_free(&d);
	jh_buf_free(&filled);
	jh_buf_free(&x);

	/* English: the export's keys as headers; filled, it imports too. */
	build(JH_RK_TEMPLATE, "110101", 2024, "en", &x);
	t = rpt_sheet(&x, "School-years");
	assert_string_equal(rpt_cell(t, 3, 1), "school_code");
	assert_string_equal(rpt_cell(t, 3, 20), "teaching_area_m2");
	assert_string_equal(rpt_cell(t, 7, 5), "nine-year school");
	jh_table_free(t);
	t = rpt_sheet(&x, "Instructions");
	assert_string_equal(rpt_cell(t, 29, 5), "m²");
	jh_table_free(t);
	rpt_sheet_xml(&x, "School-years", &sh);
	assert_has(sh.data, "<formula1>\"primary school,junior secondary school,nine-year school,"
	                    "twelve-year school,complete secondary school,teaching point\"</formula1>");
	/* The organiser names are over Excel's 255 characters in English:
	 * the codes alone (the Lists sheet names them). */
	assert_has(sh.data, "<formula1>\"1,2,3,4,5,6,7,8,9,10\"</formula1>");
	jh_buf_free(&sh);
	jh_buf_free(&x);

	/* A county without schools that year: an empty template. */
	build(JH_RK_TEMPLATE, "110102", 2022, NULL, &x);
	t = rpt_sheet(&x, "学校年度数据");
	assert_string_equal(rpt_cell(t, 3, 1), "学校标识码");
	assert_string_equal(rpt_cell(t, 4, 1), "");
	jh_table_free(t);
	jh_buf_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_county),
		cmocka_unit_test(test_county_missing),
		cmocka_unit_test(test_city),
		cmocka_unit_test(test_ledger),
		cmocka_unit_test(test_template),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
