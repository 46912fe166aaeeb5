/*
** test_report_app.c — the national application form 申报表 (lib/report/
** application.c): 表Ⅰ … 表Ⅵ read back with the project's own reader and
** as the zip they are (tests/reportutil.h).
**
** Two stores:
**   - a fixture county 119901 测试县 of 2024 written below, small enough
**     that every figure is derived by hand in the comments: three
**     primary schools (甲 400 pupils, 乙 and 丙 100 each), one junior
**     school 丁 (500), one teaching point of 30 pupils under 甲 (below 50:
**     counted in 表Ⅰ, left out of the resource evaluation), and a few
**     county-year records;
**   - data/sample (areas, schools, county-year records, survey, and the
**     application's basic facts application-2024.csv) for 369904 云岭县.
** Numbers are compared with what the form must show: the cell's value
** rounded as its number format says (0.00 means, 0.000 coefficients,
** 0.0% shares), both checked.
*/
#include "testutil.h"
#include "reportutil.h"
#include "report/report_int.h"

#include <sys/stat.h>

static char dir[64];
static jh_store *FX, *SAMPLE;
static jh_user ADMIN;

static long long fixed_clock(void *ctx)
{
	(void)ctx;
	return jhLocalSeconds(2025, 6, 10, 12, 0, 0);
}

/* The fixture.  Resource columns per school (hand-derived values in the
 * tests below):
 *   甲 1199010001 primary 400: qualified 20, key 5, PE/art 4, area 2000,
 *      sports 3200, equipment 900000, media 10; classes 10, grades 6,
 *      organiser 7 (县级教育部门)
 *   乙 1199010002 primary 100: 3, 1, 1, 500, 800, 210000, 3; classes 6,
 *      no organiser
 *   丙 1199010003 primary 100: 4, 1, 1, 500, 800, 210000, 3; classes 6
 *   丁 1199010004 junior 500: 30, 6, 5, 3000, 5500, 1300000, 13;
 *      classes 10, grades 3, organiser 10 (民办), largest class 52
 *   point 1199010005 teaching point 30 under 甲: classes 2, funds 75000 */
static const char fx_schools[] =
	TEST_TEMPLATE_HEADER ",classes_primary,classes_junior,largest_class_primary,"
	"largest_class_junior,public_funds_yuan,organiser_type,grades\n"
	"1199010001,甲小学,119901,2024,primary,,400,0,0,20,0,5,0,4,0,24,0,2000,3200,900000,10,"
	"10,0,42,,300000,7,6\n"
	"1199010002,乙小学,119901,2024,primary,,100,0,0,3,0,1,0,1,0,6,0,500,800,210000,3,"
	"6,0,20,,100000,,6\n"
	"1199010003,丙小学,119901,2024,primary,,100,0,0,4,0,1,0,1,0,6,0,500,800,210000,3,"
	"6,0,20,,100000,7,6\n"
	"1199010004,丁中学,119901,2024,junior,,0,500,0,0,30,0,6,0,5,0,40,3000,5500,1300000,13,"
	"0,10,,52,500000,10,3\n"
	"1199010005,甲小学某教学点,119901,2024,teaching_point,1199010001,30,0,0,2,0,0,0,0,0,2,0,"
	"150,300,60000,1,2,0,15,,75000,7,2\n";
static const char fx_areas[] =
	"province_code,province_name,city_code,city_name,county_code,county_name\n"
	"110000,测试省,119900,测试市,119901,测试县\n";
static const char fx_county[] =
	"county_code,year,item,value,note\n"
	"119901,2024,layout_plan,是,布局规划经县政府批准\n"
	"119901,2024,rotation_rate,12.5%,\n"
	"119901,2024,rotation_key_rate,0.25,\n"
	"119901,2024,teacher_avg_pay_yuan,98000,\n"
	"119901,2024,civil_servant_avg_pay_yuan,96500,\n"
	"119901,2024,junior_retention_rate,0.957,\n"
	"119901,2024,survey.students.answers,100,\n"
	"119901,2024,survey.students.satisfied,90,\n"
	"119901,2024,survey.parents.answers,200,\n"
	"119901,2024,survey.parents.satisfied,170,\n"
	"119901,2024,visit.students.people,10,\n"
	"119901,2024,visit.students.satisfied,9,\n"
	"119901,2024,basic_population_10k,12.345,\n"
	"119901,2024,basic_towns,8,\n"
	"119901,2024,basic_staff_primary,41,\n";

static int open_store(const char *name, const char *const *files, const char *const *texts,
                      size_t n, jh_store **out)
{
	jh_import_set *is = jh_import_set_new(0, 0, 0);
	jh_import_stats st;
	jh_diags d = JH_DIAGS_INIT;
	char path[128];
	jh_code rc = JH_OK;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	for (size_t i = 0; i < n && !rc; i++) {
		size_t len;
		unsigned char *data = texts ? (unsigned char *)strdup(texts[i]) :
		                      test_read_file(files[i], &len);
		if (texts)
			len = strlen(texts[i]);
		rc = jh_import_set_add(is, files[i], data, len, &d);
		free(data);
	}
	if (!rc)
		rc = jh_store_init(path, out, &d);
	if (!rc) {
		jh_store_set_clock(*out, fixed_clock, NULL);
		rc = jh_import_set_store(*out, is, NULL, "测试", "申报表", &st, &d);
	}
	jh_import_set_free(is);
	if (rc)
		rpt_print_diags(&d);
	jh_diags_free(&d);
	return rc ? -1 : 0;
}

static int group_setup(void **state)
{
	static const char *const fx_names[] = {"areas.csv", "schools.csv", "county.csv"};
	const char *const fx_texts[] = {fx_areas, fx_schools, fx_county};
	static const char *const sample[] = {
		"data/sample/areas.csv", "data/sample/schools-2024.csv",
		"data/sample/county-2024.csv", "data/sample/survey-2024.csv",
		"data/sample/application-2024.csv",
	};

	(void)state;
	setenv("JUNHENG_TZ", "Asia/Shanghai", 1);
	unsetenv("JUNHENG_TODAY");
	snprintf(dir, sizeof dir, "/tmp/jh_test_report_app.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	memset(&ADMIN, 0, sizeof ADMIN);
	ADMIN.role = JH_ROLE_ADMIN;
	snprintf(ADMIN.name, sizeof ADMIN.name, "admin");
	if (open_store("fx.db", fx_names, fx_texts, 3, &FX))
		return -1;
	return open_store("sample.db", sample, NULL, 5, &SAMPLE);
}

static int group_teardown(void **state)
{
	(void)state;
	jh_store_close(FX);
	jh_store_close(SAMPLE);
	rm_rf(dir);
	return 0;
}

static void build(jh_store *s, const char *county, const char *lang, jh_buf *x)
{
	jh_report_request rq;
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc;

	memset(&rq, 0, sizeof rq);
	rq.kind = JH_RK_APPLICATION;
	rq.area = county;
	rq.year = 2024;
	rq.lang = lang;
	rc = jh_report_build(s, &ADMIN, &rq, x, &d);
	if (rc)
		rpt_print_diags(&d);
	assert_int_equal(rc, JH_OK);
	jh_diags_free(&d);
	assert_true(x->len > 1000);
}

/* The number format (formatCode) of cell `ref` of sheet `name`; "" for
 * the general format.  Built-in ids 1, 2, 9, 10 are 0, 0.00, 0%, 0.00%. */
static void numfmt(const jh_buf *x, const char *name, const char *ref, char out[32])
{
	jh_buf sh = JH_BUF_INIT, st = JH_BUF_INIT;
	char want[32];
	const char *p, *c;
	long s = 0, id = 0;

	out[0] = 0;
	rpt_sheet_xml(x, name, &sh);
	snprintf(want, sizeof want, "<c r=\"%s\"", ref);
	assert_non_null(c = strstr(sh.data, want));
	if ((p = strstr(c, " s=\"")) && p < strchr(c, '>'))
		s = strtol(p + 4, NULL, 10);
	assert_int_equal(rpt_part(x, "xl/styles.xml", &st), 0);
	p = strstr(st.data, "<cellXfs");
	for (long i = 0; i <= s && p; i++)
		p = strstr(p + 1, "<xf ");
	assert_non_null(p);
	if ((c = strstr(p, "numFmtId=\"")) && c < strchr(p, '>'))
		id = strtol(c + 10, NULL, 10);
	if (id == 1 || id == 2 || id == 9 || id == 10) {
		snprintf(out, 32, "%s", id == 1 ? "0" : id == 2 ? "0.00" : id == 9 ? "0%" : "0.00%");
	} else if (id) {
		snprintf(want, sizeof want, "numFmtId=\"%ld\" formatCode=\"", id);
		assert_non_null(c = strstr(st.data, want));
		c += strlen(want);
		snprintf(out, 32, "%.*s", (int)(strchr(c, '"') - c), c);
	}
	jh_buf_free(&sh);
	jh_buf_free(&st);
}

static void assert_fmt(const jh_buf *x, const char *sheet, const char *ref, const char *want)
{
	char f[32];

	numfmt(x, sheet, ref, f);
	if (strcmp(f, want))
		fail_msg("%s!%s: number format '%s', expected '%s'", sheet, ref, f, want);
}

#define BAD "FFFFC7CE"
#define PALE "FFFFF2CC"

/* ------------------------------------------------------------------ */

static void test_fixture_sheets_and_print(void **state)
{
	(void)state;
	jh_buf x = JH_BUF_INIT, wb = JH_BUF_INIT, sh = JH_BUF_INIT;
	static const char *const names[] = {"表Ⅰ", "表Ⅱ-1", "表Ⅱ-2", "表Ⅲ", "表Ⅳ", "表Ⅴ", "表Ⅵ"};
	static const int header_rows[] = {6, 4, 4, 4, 3, 3, 6};

	build(FX, "119901", NULL, &x);
	assert_int_equal(rpt_part(&x, "xl/workbook.xml", &wb), 0);
	for (int i = 0; i < 7; i++) {
		char want[128];
		jh_table *t = rpt_sheet(&x, names[i]);
		/* Row 1 the form's title, row 2 the county, year and day
		 * (the store's clock: 2025-06-10). */
		assert_non_null(strstr(rpt_cell(t, 1, 1), names[i]));
		assert_string_equal(rpt_cell(t, 2, 1),
		                    "县(市、区):119901 测试市测试县    年度:2024    生成日期:2025-06-10");
		jh_table_free(t);
		/* A4 landscape, title and headers repeated, panes frozen below
		 * the headers, the title merged across the table. */
		sh.len = 0;
		rpt_sheet_xml(&x, names[i], &sh);
		assert_non_null(strstr(sh.data, "paperSize=\"9\""));
		assert_non_null(strstr(sh.data, "orientation=\"landscape\""));
		snprintf(want, sizeof want, "<pane ySplit=\"%d\" topLeftCell=\"A%d\" activePane=\"bottomLeft\" "
		         "state=\"frozen\"/>", header_rows[i], header_rows[i] + 1);
		assert_non_null(strstr(sh.data, want));
		assert_non_null(strstr(sh.data, "<mergeCell ref=\"A1:"));
		snprintf(want, sizeof want, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"%d\">'%s'!$1:$%d"
		         "</definedName>", i, names[i], header_rows[i]);
		assert_non_null(strstr(wb.data, want));
	}
	/* 表Ⅰ's merged headers as printed: 教职工数 over four columns, 小学
	 * over its two. */
	sh.len = 0;
	rpt_sheet_xml(&x, "表Ⅰ", &sh);
	assert_non_null(strstr(sh.data, "<mergeCell ref=\"U3:X3\"/>"));
	assert_non_null(strstr(sh.data, "<mergeCell ref=\"U4:V4\"/>"));
	assert_non_null(strstr(sh.data, "<mergeCell ref=\"A4:A5\"/>"));
	jh_buf_free(&sh);
	jh_buf_free(&wb);
	jh_buf_free(&x);
}

static void test_fixture_table1(void **state)
{
	(void)state;
	jh_buf x = JH_BUF_INIT;
	jh_table *t;

	build(FX, "119901", NULL, &x);
	t = rpt_sheet(&x, "表Ⅰ");
	assert_string_equal(rpt_cell(t, 3, 1), "自然情况");
	assert_string_equal(rpt_cell(t, 4, 1), "人口总数(万人)");
	assert_string_equal(rpt_cell(t, 5, 22), "其中专任教师");
	assert_string_equal(rpt_cell(t, 6, 1), "L1");
	assert_string_equal(rpt_cell(t, 6, 24), "L24");
	/* L1 the record 12.345, shown to 2 decimals; L2 not held: blank. */
	assert_near(rpt_num(t, 7, 1), 12.345, 1e-9);
	assert_fmt(&x, "表Ⅰ", "A7", "0.00");
	assert_string_equal(rpt_cell(t, 7, 2), "");
	rpt_assert_fill(&x, "表Ⅰ", "B7", PALE);
	assert_near(rpt_num(t, 7, 3), 8, 0);                 /* L3 basic_towns */
	/* L9–L13 schools by type: 甲乙丙 primary 3, no nine-year, 丁 junior
	 * 1; L15 one teaching point, L16 none of 50 or more (30 pupils). */
	assert_near(rpt_num(t, 7, 9), 3, 0);
	assert_near(rpt_num(t, 7, 10), 0, 0);
	assert_near(rpt_num(t, 7, 11), 1, 0);
	assert_near(rpt_num(t, 7, 15), 1, 0);
	assert_near(rpt_num(t, 7, 16), 0, 0);
	/* L17 classes: 10 + 6 + 6 + 2 (the point) = 24; L18 丁's 10.
	 * L19 pupils 400 + 100 + 100 + 30 = 630; L20 500.
	 * L21 the record 41; L22 full-time teachers 24 + 6 + 6 + 2 = 38;
	 * L23 not held; L24 丁's 40. */
	assert_near(rpt_num(t, 7, 17), 24, 0);
	assert_near(rpt_num(t, 7, 18), 10, 0);
	assert_near(rpt_num(t, 7, 19), 630, 0);
	assert_near(rpt_num(t, 7, 20), 500, 0);
	assert_near(rpt_num(t, 7, 21), 41, 0);
	assert_near(rpt_num(t, 7, 22), 38, 0);
	assert_string_equal(rpt_cell(t, 7, 23), "");
	rpt_assert_fill(&x, "表Ⅰ", "W7", PALE);
	assert_near(rpt_num(t, 7, 24), 40, 0);
	assert_fmt(&x, "表Ⅰ", "S7", "0");
	jh_table_free(t);
	jh_buf_free(&x);
}

static void test_fixture_table2(void **state)
{
	(void)state;
	jh_buf x = JH_BUF_INIT;
	jh_table *t;

	build(FX, "119901", NULL, &x);
	/* 表Ⅱ-1.  Primary L1 (qualified per 100): 甲 20/400×100 = 5.00,
	 * 乙 3/100×100 = 3.00, 丙 4.00 against 4.2: one school of three,
	 * 33.3%.  综合评估: 乙 fails (3.00 < 85% × 4.2 = 3.57), 甲 and 丙
	 * pass (丙 misses only L1, at 4.00 ≥ 3.57): 2 of 3, 66.7%, failing.
	 * Junior: 丁 alone meets everything (L1 30/500×100 = 6.0 ≥ 5.3 …). */
	t = rpt_sheet(&x, "表Ⅱ-1");
	assert_string_equal(rpt_cell(t, 3, 3), "每百名学生拥有高于规定学历教师数(人/百生)");
	assert_string_equal(rpt_cell(t, 3, 10), "综合评估");
	assert_string_equal(rpt_cell(t, 4, 10), "L8");
	assert_string_equal(rpt_cell(t, 5, 1), "小学");
	assert_string_equal(rpt_cell(t, 5, 2), "达标学校总数(所)");
	assert_near(rpt_num(t, 5, 3), 1, 0);
	assert_near(rpt_num(t, 6, 3), 1.0 / 3, 1e-12);
	assert_fmt(&x, "表Ⅱ-1", "C6", "0.0%");
	assert_near(rpt_num(t, 5, 10), 2, 0);
	assert_near(rpt_num(t, 6, 10), 2.0 / 3, 1e-12);
	rpt_assert_fill(&x, "表Ⅱ-1", "J6", BAD);
	rpt_assert_fill(&x, "表Ⅱ-1", "C6", "");
	assert_near(rpt_num(t, 7, 3), 1, 0);
	assert_near(rpt_num(t, 8, 10), 1, 0);
	jh_table_free(t);

	/* 表Ⅱ-2: the stage row, then 甲 乙 丙 by code, then 初中 and 丁; the
	 * point (30 < 50) is not evaluated. */
	t = rpt_sheet(&x, "表Ⅱ-2");
	assert_string_equal(rpt_cell(t, 3, 3), "举办者类型");
	assert_string_equal(rpt_cell(t, 3, 14), "该校综合评估是否达标");
	assert_string_equal(rpt_cell(t, 4, 7), "L7");
	assert_string_equal(rpt_cell(t, 4, 13), "L13");
	assert_string_equal(rpt_cell(t, 5, 1), "小学");
	assert_string_equal(rpt_cell(t, 6, 2), "甲小学");
	assert_string_equal(rpt_cell(t, 6, 3), "县级教育部门");
	assert_near(rpt_num(t, 6, 4), 400, 0);
	assert_near(rpt_num(t, 6, 5), 6, 0);
	assert_near(rpt_num(t, 6, 6), 10, 0);
	/* 甲 L12 equipment 900000/400 = 2250.00; L8 key 5/400×100 = 1.25. */
	assert_near(rpt_num(t, 6, 12), 2250, 1e-9);
	assert_near(rpt_num(t, 6, 8), 1.25, 1e-12);
	assert_fmt(&x, "表Ⅱ-2", "L6", "0.00");
	assert_string_equal(rpt_cell(t, 6, 14), "是");
	/* 乙: no organiser (blank to fill), L7 3.00 failing, 否. */
	assert_string_equal(rpt_cell(t, 7, 2), "乙小学");
	assert_string_equal(rpt_cell(t, 7, 3), "");
	rpt_assert_fill(&x, "表Ⅱ-2", "C7", PALE);
	assert_near(rpt_num(t, 7, 7), 3, 1e-12);
	rpt_assert_fill(&x, "表Ⅱ-2", "G7", BAD);
	rpt_assert_fill(&x, "表Ⅱ-2", "H7", "");
	assert_string_equal(rpt_cell(t, 7, 14), "否");
	rpt_assert_fill(&x, "表Ⅱ-2", "N7", BAD);
	assert_string_equal(rpt_cell(t, 7, 15), "达标(6项):骨干教师、体艺教师、教学用房、体育场馆、仪器设备、多媒体室;"
	                    "低于85%:高学历教师");
	/* 丙: L7 4.00 under 4.2 (failing cell) but at 85%: the school passes. */
	rpt_assert_fill(&x, "表Ⅱ-2", "G8", BAD);
	assert_string_equal(rpt_cell(t, 8, 14), "是");
	assert_string_equal(rpt_cell(t, 8, 15), "达标(6项):骨干教师、体艺教师、教学用房、体育场馆、仪器设备、多媒体室;"
	                    "达到85%:高学历教师");
	assert_string_equal(rpt_cell(t, 9, 1), "初中");
	assert_near(rpt_num(t, 10, 1), 1, 0);
	assert_string_equal(rpt_cell(t, 10, 2), "丁中学");
	assert_string_equal(rpt_cell(t, 10, 3), "民办");
	assert_near(rpt_num(t, 10, 6), 10, 0);
	/* 丁 L13 media 13/500×100 = 2.60. */
	assert_near(rpt_num(t, 10, 13), 2.6, 1e-12);
	assert_non_null(strstr(rpt_cell(t, 11, 1), "小学学校总数 3 所(其中一贯制学校的小学部 0 所,50人及以上教学点 0 个),"
	                       "初中学校总数 1 所"));
	jh_table_free(t);
	jh_buf_free(&x);
}

static void test_fixture_table3(void **state)
{
	(void)state;
	jh_buf x = JH_BUF_INIT;
	jh_table *t;
	char s[32];

	build(FX, "119901", NULL, &x);
	t = rpt_sheet(&x, "表Ⅲ");
	assert_string_equal(rpt_cell(t, 5, 2), "全县平均值");
	assert_string_equal(rpt_cell(t, 6, 2), "差异系数");
	/* Primary L1, weights 400 : 100 : 100 of 600, values 5, 3, 4:
	 *   mean = (20 + 3 + 4) / 600 × 100 = 4.50
	 *   var  = 4/6 × 0.5² + 1/6 × 1.5² + 1/6 × 0.5² = 0.583333
	 *   CV   = sqrt(0.583333) / 4.5 = 0.763763 / 4.5 = 0.169725 → 0.170 */
	assert_near(rpt_num(t, 5, 3), 4.5, 1e-9);
	assert_fmt(&x, "表Ⅲ", "C5", "0.00");
	assert_near(rpt_num(t, 6, 3), 0.169725, 1e-6);
	snprintf(s, sizeof s, "%.3f", rpt_num(t, 6, 3));
	assert_string_equal(s, "0.170");
	assert_fmt(&x, "表Ⅲ", "C6", "0.000");
	rpt_assert_fill(&x, "表Ⅲ", "C6", "");
	/* L6 equipment: 2250, 2100, 2100; mean 1320000/600 = 2200.00;
	 * var = 4/6 × 50² + 2/6 × 100² = 5000; CV = 70.7107/2200 = 0.032141. */
	assert_near(rpt_num(t, 5, 8), 2200, 1e-9);
	assert_near(rpt_num(t, 6, 8), 0.0321412, 1e-6);
	/* L2 key 1.25, 1, 1: mean 7/600×100 = 1.166667, var = 4/6 × (1/12)²
	 * + 2/6 × (1/6)² = 0.0138889, CV = 0.117851/1.166667 = 0.101015;
	 * L7 media 2.5, 3, 3: mean 2.666667, var 0.0555556, CV 0.0883883;
	 * L3, L4, L5 equal everywhere: 0.  综合 = (0.169725 + 0.101015 +
	 * 0.032141 + 0.088388) / 7 = 0.391270 / 7 = 0.055896. */
	assert_near(rpt_num(t, 6, 4), 0.101015, 1e-6);
	assert_near(rpt_num(t, 6, 5), 0, 1e-12);
	assert_near(rpt_num(t, 6, 10), 0.055896, 1e-6);
	assert_fmt(&x, "表Ⅲ", "J6", "0.000");
	/* Junior: 丁 alone, mean L1 30/500×100 = 6.00, CV 0. */
	assert_near(rpt_num(t, 7, 3), 6, 1e-9);
	assert_near(rpt_num(t, 8, 3), 0, 1e-12);
	jh_table_free(t);
	jh_buf_free(&x);
}

static void test_fixture_tables_4_to_6(void **state)
{
	(void)state;
	jh_buf x = JH_BUF_INIT;
	jh_table *t;

	build(FX, "119901", NULL, &x);
	t = rpt_sheet(&x, "表Ⅳ");
	assert_string_equal(rpt_cell(t, 3, 3), "指标值或简要结论");
	/* Item 1: the record 是 and its note. */
	assert_string_equal(rpt_cell(t, 4, 3), "是。布局规划经县政府批准");
	assert_string_equal(rpt_cell(t, 4, 4), "是");
	/* Item 4: nobody over 2000 / 2500. */
	assert_string_equal(rpt_cell(t, 7, 3), "超过2000人的小学0所,初中0所,超过2500人的一贯制学校0所");
	assert_string_equal(rpt_cell(t, 7, 4), "是");
	/* Item 5: every primary's largest class ≤ 45, so 0 classes over; 丁's
	 * largest is 52 > 50: how many classes are over is not known. */
	assert_string_equal(rpt_cell(t, 8, 3), "超过45人的小学班级0个,超过50人的初中班级＿个");
	assert_string_equal(rpt_cell(t, 8, 4), "否");
	rpt_assert_fill(&x, "表Ⅳ", "D8", BAD);
	/* Item 6: the point (30 < 100 pupils) with its 75000 yuan; 乙 and 丙
	 * have 100 exactly. */
	assert_string_equal(rpt_cell(t, 9, 3), "不足100人的规模较小学校学生数30人,公用经费75000元");
	/* Item 8: both averages; 98000/96500 = 1.0155 → 1.02. */
	assert_string_equal(rpt_cell(t, 11, 3), "全县义务教育学校教师年平均工资收入为98000元,当地公务员年平均工资收入"
	                    "96500元(教师为公务员的1.02倍)");
	assert_string_equal(rpt_cell(t, 11, 4), "是");
	/* Item 10 has no record: "＿" and a blank to fill. */
	assert_string_equal(rpt_cell(t, 13, 3), "＿");
	assert_string_equal(rpt_cell(t, 13, 4), "");
	rpt_assert_fill(&x, "表Ⅳ", "D13", PALE);
	/* Item 11: 12.5% and 0.25 as ratios to one decimal. */
	assert_non_null(strstr(rpt_cell(t, 14, 3), "占符合交流轮岗条件教师总数的比例12.5%;"));
	assert_non_null(strstr(rpt_cell(t, 14, 3), "占交流轮岗教师总数的比例25.0%"));
	assert_string_equal(rpt_cell(t, 14, 4), "是");
	/* Item 12: full-time teachers 24 + 6 + 6 + 40 + 2 = 78; no school
	 * gives its certified teachers. */
	assert_string_equal(rpt_cell(t, 15, 3), "全县在岗专任教师78人,其中持有教师资格证的专任教师＿人,占比＿%");
	jh_table_free(t);

	t = rpt_sheet(&x, "表Ⅴ");
	assert_string_equal(rpt_cell(t, 4, 3), "全县初中毕业班学生数为＿人,三年前该年级入学学生数为＿人,毕业年级三年转入"
	                    "学生数为＿人,死亡学生数为＿人,转出学生数为＿人,全县初中三年巩固率为95.7%");
	assert_string_equal(rpt_cell(t, 4, 4), "是");
	assert_string_equal(rpt_cell(t, 12, 3), "语文＿级、校际差异率＿;数学＿级、校际差异率＿;科学＿级、校际差异率＿;"
	                    "体育＿级、校际差异率＿;艺术＿级、校际差异率＿;德育＿级、校际差异率＿");
	jh_table_free(t);

	/* 表Ⅵ: students 90/100 = 90.0%, parents 170/200 = 85.0%; the total
	 * as the national rule combines groups, their mean (0.9 + 0.85)/2 =
	 * 87.5%; answers 100 + 200 = 300, satisfied 260.  Visits: students
	 * 9 of 10, 90.0%; questionnaires issued are not held. */
	t = rpt_sheet(&x, "表Ⅵ");
	assert_string_equal(rpt_cell(t, 6, 2), "L1");
	assert_string_equal(rpt_cell(t, 7, 1), "计");
	assert_string_equal(rpt_cell(t, 7, 2), "");
	rpt_assert_fill(&x, "表Ⅵ", "B7", PALE);
	assert_near(rpt_num(t, 7, 3), 300, 0);
	assert_near(rpt_num(t, 7, 4), 260, 0);
	assert_near(rpt_num(t, 7, 5), 0.875, 1e-12);
	assert_fmt(&x, "表Ⅵ", "E7", "0.0%");
	assert_near(rpt_num(t, 7, 6), 10, 0);
	assert_near(rpt_num(t, 7, 8), 0.9, 1e-12);
	assert_string_equal(rpt_cell(t, 8, 1), "其中:学生");
	assert_near(rpt_num(t, 8, 5), 0.9, 1e-12);
	assert_near(rpt_num(t, 9, 5), 0.85, 1e-12);
	assert_string_equal(rpt_cell(t, 9, 6), "");
	jh_table_free(t);
	jh_buf_free(&x);
}

/* The sample's 云岭县 2024: totals summed by hand from data/sample
 * (awk over schools-2024.csv's rows of 369904: students_primary 19796,
 * students_junior 7719, teachers_primary 1372, teachers_junior 681),
 * the facts of application-2024.csv, and a failing coefficient. */
static void test_sample_yunling(void **state)
{
	(void)state;
	jh_buf x = JH_BUF_INIT;
	jh_report_request rq;
	jh_diags d = JH_DIAGS_INIT;
	jh_verdict_item *cv = NULL;
	jhCountyData cd;
	jh_table *t;

	build(SAMPLE, "369904", NULL, &x);
	t = rpt_sheet(&x, "表Ⅰ");
	assert_near(rpt_num(t, 7, 1), 42.93, 1e-9);
	assert_near(rpt_num(t, 7, 2), 28.33, 1e-9);
	assert_near(rpt_num(t, 7, 5), 48700, 0);
	assert_near(rpt_num(t, 7, 19), 19796, 0);
	assert_near(rpt_num(t, 7, 20), 7719, 0);
	assert_near(rpt_num(t, 7, 21), 1468, 0);
	assert_near(rpt_num(t, 7, 22), 1372, 0);
	assert_near(rpt_num(t, 7, 24), 681, 0);
	jh_table_free(t);

	/* 表Ⅲ junior L2 (key teachers) is the verdict's failing coefficient
	 * (> 0.45): the same value, highlighted, to three decimals. */
	memset(&rq, 0, sizeof rq);
	rq.kind = JH_RK_APPLICATION;
	rq.area = "369904";
	rq.year = 2024;
	assert_int_equal(jhCountyDataLoad(SAMPLE, &rq, &cd, &d), JH_OK);
	for (size_t i = 0; i < cd.verdict.count; i++)
		if (!strcmp(cd.verdict.items[i].id, "resource.cv.junior.key_teachers_per100"))
			cv = &cd.verdict.items[i];
	assert_non_null(cv);
	assert_int_equal(cv->status, JH_ITEM_FAIL);
	t = rpt_sheet(&x, "表Ⅲ");
	assert_near(rpt_num(t, 8, 4), cv->value, 1e-9);
	assert_true(rpt_num(t, 8, 4) > 0.45);
	rpt_assert_fill(&x, "表Ⅲ", "D8", BAD);
	rpt_assert_fill(&x, "表Ⅲ", "C8", "");
	jh_table_free(t);
	jhCountyDataFree(&cd);
	jh_diags_free(&d);

	/* 表Ⅵ visits (application-2024.csv): people 13+15+17+18+14+13 = 90,
	 * satisfied 13+13+16+17+12+11 = 82, 82/90 = 91.1%. */
	t = rpt_sheet(&x, "表Ⅵ");
	assert_near(rpt_num(t, 7, 6), 90, 0);
	assert_near(rpt_num(t, 7, 7), 82, 0);
	assert_near(rpt_num(t, 7, 8), 82.0 / 90, 1e-12);
	jh_table_free(t);

	/* 表Ⅰ and 表Ⅱ-2 by school type (awk over schools-2024.csv's rows of
	 * 369904): 30 primary, 1 nine-year (云岭县实验学校), 8 junior, 1
	 * complete middle school, 14 teaching points of which 5 have 50
	 * pupils or more.  Primary units: 30 + 1 section + 5 points = 36;
	 * junior: 8 + 1 + 1 = 10; the nine-year school has a row in each. */
	t = rpt_sheet(&x, "表Ⅰ");
	assert_near(rpt_num(t, 7, 9), 30, 0);
	assert_near(rpt_num(t, 7, 10), 1, 0);
	assert_near(rpt_num(t, 7, 11), 8, 0);
	assert_near(rpt_num(t, 7, 12), 1, 0);
	assert_near(rpt_num(t, 7, 15), 14, 0);
	assert_near(rpt_num(t, 7, 16), 5, 0);
	jh_table_free(t);
	t = rpt_sheet(&x, "表Ⅱ-2");
	{
		int rows = 0;
		const char *foot = NULL;
		for (size_t r = 0; r < t->nrows; r++) {
			rows += !strcmp(jh_table_cell(t, r, 1), "云岭县实验学校");
			if (strstr(jh_table_cell(t, r, 0), "小学学校总数"))
				foot = jh_table_cell(t, r, 0);
		}
		assert_int_equal(rows, 2);
		assert_non_null(foot);
		assert_non_null(strstr(foot, "小学学校总数 36 所(其中一贯制学校的小学部 1 所,50人及以上教学点 5 个),"
		                       "初中学校总数 10 所(其中一贯制学校的初中部 1 所,完全中学的初中部 1 所)"));
	}
	jh_table_free(t);

	/* 表Ⅳ item 5: 云岭县第二中学's largest junior class is 52 (the
	 * sample's README): 否, highlighted. */
	t = rpt_sheet(&x, "表Ⅳ");
	assert_string_equal(rpt_cell(t, 8, 4), "否");
	jh_table_free(t);
	jh_buf_free(&x);
}

/* The English workbook: every heading in English, sheets named so. */
static void test_english(void **state)
{
	(void)state;
	jh_buf x = JH_BUF_INIT, wb = JH_BUF_INIT;
	jh_table *t;

	build(FX, "119901", "en", &x);
	assert_int_equal(rpt_part(&x, "xl/workbook.xml", &wb), 0);
	assert_null(strstr(wb.data, "表"));
	t = rpt_sheet(&x, "Table III");
	assert_non_null(strstr(rpt_cell(t, 1, 1), "Table III"));
	assert_string_equal(rpt_cell(t, 5, 2), "County mean");
	assert_string_equal(rpt_cell(t, 6, 2), "Coefficient");
	assert_near(rpt_num(t, 5, 3), 4.5, 1e-9);
	jh_table_free(t);
	t = rpt_sheet(&x, "Table II-2");
	assert_string_equal(rpt_cell(t, 6, 3), "county education department");
	assert_string_equal(rpt_cell(t, 7, 14), "no");
	assert_string_equal(rpt_cell(t, 7, 15), "met (6): Key, PE/art, Teach m², Sport m², Equip ¥, Media; "
	                    "under 85%: Qualified");
	jh_table_free(t);
	t = rpt_sheet(&x, "Table IV");
	assert_string_equal(rpt_cell(t, 7, 3), "Primary schools over 2000 pupils: 0; junior: 0; multi-stage "
	                    "schools over 2500: 0");
	assert_string_equal(rpt_cell(t, 4, 4), "yes");
	jh_table_free(t);
	jh_buf_free(&wb);
	jh_buf_free(&x);
}

/* A county-year without schools is refused and nothing is written. */
static void test_not_found(void **state)
{
	(void)state;
	jh_buf x = JH_BUF_INIT;
	jh_report_request rq;
	jh_diags d = JH_DIAGS_INIT;

	memset(&rq, 0, sizeof rq);
	rq.kind = JH_RK_APPLICATION;
	rq.area = "119901";
	rq.year = 2023;
	assert_int_equal(jh_report_build(FX, &ADMIN, &rq, &x, &d), JH_ERR_NOTFOUND);
	assert_int_equal(x.len, 0);
	jh_diags_free(&d);
}

/* The facts and visits are records like any other: a bad value is
 * refused with its reason, and the verdict does not judge them. */
static void test_fact_keys(void **state)
{
	(void)state;
	char why[200];

	assert_int_equal(jh_item_check("basic_population_10k", "42.93", why, sizeof why), 0);
	assert_int_equal(jh_item_check("basic_towns", "12", why, sizeof why), 0);
	assert_int_equal(jh_item_check("basic_towns", "12.5", why, sizeof why), -1);
	assert_int_equal(jh_item_check("visit.parents.people", "15", why, sizeof why), 0);
	assert_int_equal(jh_item_check("visit.parents.answers", "15", why, sizeof why), -1);
	assert_string_equal(why, "field-visit item 'visit.parents.answers' should be visit.GROUP.people or "
	                    "visit.GROUP.satisfied");
	assert_int_equal(jh_item_check("visit.pupils.people", "15", why, sizeof why), -1);
}

/* 表Ⅳ/表Ⅴ's blanks filled from the county-year counts (issue 14), and
 * item 5 from the schools' class-size bands.  Hand-worked:
 *   5   甲's primary bands: 1 class of 46–50 and 1 of 51–55 → 2 over 45;
 *       乙 gives no bands but its largest class is 40 ≤ 45 → 0; so 2.
 *       丁's junior bands: 2 of 51–55 and 1 of 56–60 → 3 over 50 (its
 *       4 classes of 46–50 are not over).
 *   6   the counts 60 pupils and 150,000 yuan win over the rows (which
 *       have no school under 100 pupils);
 *   7   585,000 yuan = 58.5 万元; 90 pupils; 585,000 ÷ 90 = 6,500 yuan;
 *   9   588 of 600 → 98.0%;
 *   11  160 of 1,280 eligible → 12.5%; 40 key of 160 → 25.0%;
 *   12  no school gives certified teachers: the counts, 59 of 60 →
 *       98.33 → 98.3%;
 *   13  3,000 of 3,000 → 100.0%; 1,880 of 2,000 → 94.0%;
 *   14  520 of 1,000 → 52.0%; 300 rural of 520 → 57.69 → 57.7%;
 *   15  1,500 + 180 = 1,680 of 2,000 → 84.0%;
 *   Ⅴ1  (940 − 20 + 30) ÷ (1,000 − 2) = 950 ÷ 998 = 95.19 → 95.2%;
 *   Ⅴ2  96 of 100 → 96.0%; 32 in special schools of 96 → 33.3%. */
static const char counts_schools[] =
	TEST_TEMPLATE_HEADER ",classes_primary,classes_junior,largest_class_primary,largest_class_junior,"
	"classes_le25_primary,classes_26_30_primary,classes_31_35_primary,classes_36_40_primary,"
	"classes_41_45_primary,classes_46_50_primary,classes_51_55_primary,classes_56_60_primary,"
	"classes_61_65_primary,classes_ge66_primary,"
	"classes_le25_junior,classes_26_30_junior,classes_31_35_junior,classes_36_40_junior,"
	"classes_41_45_junior,classes_46_50_junior,classes_51_55_junior,classes_56_60_junior,"
	"classes_61_65_junior,classes_ge66_junior\n"
	"1199010001,甲小学,119901,2024,primary,,400,0,0,20,0,5,0,4,0,24,0,2000,3200,900000,10,"
	"10,0,52,,0,0,2,4,2,1,1,0,0,0,,,,,,,,,,\n"
	"1199010002,乙小学,119901,2024,primary,,100,0,0,3,0,1,0,1,0,6,0,500,800,210000,3,"
	"6,0,40,,,,,,,,,,,,,,,,,,,,,\n"
	"1199010004,丁中学,119901,2024,junior,,0,500,0,0,30,0,6,0,5,0,40,3000,5500,1300000,13,"
	"0,10,,58,,,,,,,,,,,0,0,0,0,3,4,2,1,0,0\n";
static const char counts_county[] =
	"county_code,year,item,value,note\n"
	"119901,2024,small_school_students,60,\n"
	"119901,2024,small_school_funds_yuan,150000,\n"
	"119901,2024,special_ed_funds_yuan,585000,\n"
	"119901,2024,special_ed_students,90,\n"
	"119901,2024,training_360_done,588,\n"
	"119901,2024,training_360_teachers,600,\n"
	"119901,2024,rotation_eligible,1280,\n"
	"119901,2024,rotation_rotated,160,\n"
	"119901,2024,rotation_key,40,\n"
	"119901,2024,certification_teachers,60,\n"
	"119901,2024,certification_certified,59,\n"
	"119901,2024,nearby_students_primary,3000,\n"
	"119901,2024,nearby_catchment_primary,3000,\n"
	"119901,2024,nearby_students_junior,2000,\n"
	"119901,2024,nearby_catchment_junior,1880,\n"
	"119901,2024,hs_quota_total,1000,\n"
	"119901,2024,hs_quota_allocated,520,\n"
	"119901,2024,hs_quota_rural,300,\n"
	"119901,2024,migrant_eligible,2000,\n"
	"119901,2024,migrant_public,1500,\n"
	"119901,2024,migrant_bought,180,\n"
	"119901,2024,retention_graduates,940,\n"
	"119901,2024,retention_entrants,1000,\n"
	"119901,2024,retention_transfer_in,20,\n"
	"119901,2024,retention_transfer_out,30,\n"
	"119901,2024,retention_deaths,2,\n"
	"119901,2024,disabled_children,100,\n"
	"119901,2024,disabled_enrolled,96,\n"
	"119901,2024,disabled_special_school,32,\n";

static void test_counts_fill_blanks(void **state)
{
	(void)state;
	static const char *const names[] = {"areas.csv", "schools.csv", "county.csv"};
	const char *const texts[] = {fx_areas, counts_schools, counts_county};
	jh_store *s;
	jh_buf x = JH_BUF_INIT, xe = JH_BUF_INIT;
	jh_table *t;

	assert_int_equal(open_store("counts.db", names, texts, 3, &s), 0);
	build(s, "119901", NULL, &x);
	t = rpt_sheet(&x, "表Ⅳ");
	assert_string_equal(rpt_cell(t, 8, 3), "超过45人的小学班级2个,超过50人的初中班级3个");
	assert_string_equal(rpt_cell(t, 9, 3), "不足100人的规模较小学校学生数60人,公用经费150000元");
	assert_string_equal(rpt_cell(t, 10, 3), "特殊教育学校公用经费为58.5万元,特殊教育学生数为90人,"
	                    "特殊教育学校生均公用经费为6500元");
	assert_string_equal(rpt_cell(t, 10, 4), "是");
	assert_string_equal(rpt_cell(t, 12, 3), "完成360学时培训的教师588人,全县教师600人,教师培训完成率98.0%");
	assert_string_equal(rpt_cell(t, 12, 4), "否");
	assert_string_equal(rpt_cell(t, 14, 3), "全县符合交流轮岗条件教师总数1280名,上一年度交流轮岗教师160名,"
	                    "交流轮岗教师占符合交流轮岗条件教师总数的比例12.5%;交流轮岗的骨干教师40名,"
	                    "占交流轮岗教师总数的比例25.0%");
	assert_string_equal(rpt_cell(t, 14, 4), "是");
	assert_string_equal(rpt_cell(t, 15, 3), "全县在岗专任教师60人,其中持有教师资格证的专任教师59人,占比98.3%");
	assert_string_equal(rpt_cell(t, 16, 3), "城区和镇区公办小学、初中(均不含寄宿制学校)就近划片入学比例分别为"
	                    "100.0%、94.0%");
	assert_string_equal(rpt_cell(t, 17, 3), "全县优质高中招生名额总数1000人,分配名额520人,占比52.0%。"
	                    "其中分配农村学校的名额300人,占分配名额总数的57.7%");
	assert_string_equal(rpt_cell(t, 18, 3), "留守儿童关爱体系健全:＿。全县符合条件的随迁子女数2000人,"
	                    "在公办学校就读1500人,在政府购买服务的民办学校就读180人,合计1680人,占比84.0%");
	assert_string_equal(rpt_cell(t, 18, 4), "否");
	jh_table_free(t);
	t = rpt_sheet(&x, "表Ⅴ");
	assert_string_equal(rpt_cell(t, 4, 3), "全县初中毕业班学生数为940人,三年前该年级入学学生数为1000人,"
	                    "毕业年级三年转入学生数为20人,死亡学生数为2人,转出学生数为30人,全县初中三年巩固率为95.2%");
	assert_string_equal(rpt_cell(t, 4, 4), "是");
	assert_string_equal(rpt_cell(t, 5, 3), "全县残疾儿童少年为100人,入学96人,入学率为96.0%。"
	                    "其中,在特殊教育学校就读32人,占比33.3%");
	jh_table_free(t);

	build(s, "119901", "en", &xe);
	t = rpt_sheet(&xe, "Table IV");
	assert_string_equal(rpt_cell(t, 8, 3), "Primary classes over 45 pupils: 2; junior classes over 50: 3");
	assert_string_equal(rpt_cell(t, 10, 3), "Special-education public funds: 58.5 (10,000 yuan); "
	                    "special-education pupils: 90; per pupil: 6500 yuan");
	jh_table_free(t);
	jh_buf_free(&x);
	jh_buf_free(&xe);
	jh_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_sheets_and_print),
		cmocka_unit_test(test_fixture_table1),
		cmocka_unit_test(test_fixture_table2),
		cmocka_unit_test(test_fixture_table3),
		cmocka_unit_test(test_fixture_tables_4_to_6),
		cmocka_unit_test(test_sample_yunling),
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_fact_keys),
		cmocka_unit_test(test_counts_fill_blanks),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
