/*
** test_template.c — the one template engine (lib/io/template.c) and the
** loaders built on it; the hash index (lib/util/hash.c); the year range
** from the standards file.
**
** Each bug the engine fixed has its regression test here: full-width
** brackets and blanks in the survey and what-if tables, answers right of
** the header, numeric cells cut at 255 bytes, a BOM hiding NUL bytes.
*/
#include "testutil.h"
#include "core/core_int.h"

#define HDR TEST_TEMPLATE_HEADER "\n"
#define HDR_NOTE TEST_TEMPLATE_HEADER ",备注\n"
#define ROW "1101010001,甲小学,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3\n"

static jh_table *csv(const char *text)
{
	jh_table *t = NULL;
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jh_csv_parse(text, strlen(text), "t.csv", &t, &d), JH_OK);
	jh_diags_free(&d);
	return t;
}

/* --- cells ------------------------------------------------------------- */

static void test_trim(void **state)
{
	(void)state;
	size_t n;
	/* ASCII space, U+3000, U+00A0 around "ab c". */
	const char *s = " \xE3\x80\x80\xC2\xA0" "ab c" "\xC2\xA0\xE3\x80\x80\t";
	const char *p = jhTrim(s, &n);
	char out[8];

	assert_int_equal(n, 4);
	assert_memory_equal(p, "ab c", 4);
	assert_true(jhBlank("\xE3\x80\x80 \xC2\xA0"));
	assert_false(jhBlank(" x "));
	assert_int_equal(jhCellCopy(" 12345 ", out, sizeof out), 0);
	assert_string_equal(out, "12345");
	/* Too long: refused, never silently cut. */
	assert_int_equal(jhCellCopy("123456789", out, sizeof out), -1);
}

static void test_number_parser(void **state)
{
	(void)state;
	double d;
	char big[300];

	assert_int_equal(jhParseNumber("1,200.5", &d), 0);
	assert_true(d == 1200.5);
	assert_int_equal(jhParseNumber("\xE3\x80\x80 42\xC2\xA0", &d), 0);
	assert_true(d == 42);
	assert_int_equal(jhParseNumber("-0.25", &d), 0);
	assert_true(d == -0.25);
	assert_int_equal(jhParseNumber("1e3", &d), 0);
	assert_true(d == 1000);
	/* The fast path gives strtod's double exactly. */
	static const char *const exact[] = {"0.1", "4.2", "0.9", "2.3", "12345.678",
	                                    "123456789012345", "1.7976931348623157e308",
	                                    "5e-324", "0.30000000000000004", NULL};
	for (int i = 0; exact[i]; i++) {
		assert_int_equal(jhParseNumber(exact[i], &d), 0);
		assert_true(d == strtod(exact[i], NULL));
	}
	/* And on 100,000 decimals of every shape the templates hold: 1 to
	 * 17 significant digits, 0 to 6 decimals (a fixed-seed LCG). */
	{
		uint64_t r = 12345;
		char buf[64];
		for (int i = 0; i < 100000; i++) {
			r = r * 6364136223846793005ull + 1442695040888963407ull;
			int dec = (int)(r >> 60) % 7, dig = 1 + (int)((r >> 40) % 17);
			uint64_t m = (r >> 3) % 100000000000000000ull;
			for (int k = dig; k < 17; k++)
				m /= 10;
			snprintf(buf, sizeof buf, "%.*f", dec, (double)m / (dec ? pow(10, dec) : 1));
			assert_int_equal(jhParseNumber(buf, &d), 0);
			if (d != strtod(buf, NULL))
				fail_msg("'%s' read as %.17g, strtod %.17g", buf, d, strtod(buf, NULL));
		}
	}
	static const char *const bad[] = {"", "abc", "1,20", "12,00", "1,2345", "5e",
	                                  "inf", "nan", "0x10", "1.2.3", "1 2", "--1",
	                                  "1e999", "１２", NULL};
	for (int i = 0; bad[i]; i++)
		if (!jhParseNumber(bad[i], &d))
			fail_msg("'%s' read as %g", bad[i], d);
	/* "100" + 253 spaces + "x": 257 bytes, the x beyond the old 255-byte
	 * cut, where it used to be read as 100. */
	memset(big, ' ', sizeof big);
	memcpy(big, "100", 3);
	big[256] = 'x';
	big[257] = '\0';
	assert_int_equal(jhParseNumber(big, &d), -1);
	big[256] = ' ';
	assert_int_equal(jhParseNumber(big, &d), 0);    /* only blanks after */
	assert_true(d == 100);
}

static void test_year_parser(void **state)
{
	(void)state;
	int y = 0;

	assert_int_equal(jhParseYear("1990", 1990, 2100, &y), 0);
	assert_int_equal(y, 1990);
	assert_int_equal(jhParseYear(" 2100 ", 1990, 2100, &y), 0);
	assert_int_equal(y, 2100);
	assert_int_equal(jhParseYear("1989", 1990, 2100, &y), -1);
	assert_int_equal(jhParseYear("2101", 1990, 2100, &y), -1);
	assert_int_equal(jhParseYear("2024.5", 1990, 2100, &y), -1);
	assert_int_equal(jhParseYear("24", 1990, 2100, &y), -1);
}

/* The numeric cell of the regression, through the school-year loader:
 * an error at its cell, not 100 pupils. */
static void test_long_numeric_cell_refused(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_table *t;

	jh_buf_adds(&b, HDR "1101010001,甲小学,110101,2024,primary,,100");
	for (int i = 0; i < 253; i++)
		jh_buf_addc(&b, ' ');
	jh_buf_adds(&b, "x,0,0,5,0,2,0,1,0,8,0,500,800,210000,3\n");
	t = csv(b.data);
	assert_int_equal(jh_dataset_add_table(ds, t, &d), JH_ERR_INPUT);
	assert_int_equal(ds->nrows, 0);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_NOT_NUMBER);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 7);       /* students_primary */
	jh_table_free(t);
	jh_buf_free(&b);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

/* --- names and headers ------------------------------------------------ */

static void test_names_and_units(void **state)
{
	(void)state;
	const jhColSpec *area = &jhSchoolYear.cols[JH_SY_IDCOLS + JH_F_TEACHING_AREA];
	const jhColSpec *county = &jhSchoolYear.cols[JH_SY_COUNTY_CODE];

	assert_true(jhNameEq("县（市、区）代码", "县(市、区)代码"));
	assert_true(jhNameEq("\xEF\xBB\xBF" "County_Code ", "county_code"));
	assert_true(jhNameEq("学校\xE3\x80\x80名称", "学校名称"));
	assert_false(jhNameEq("学校名", "学校名称"));
	assert_true(jhColMatch(county, "县（市、区）代码"));
	/* A unit in brackets, half- or full-width, in any of its spellings. */
	assert_true(jhColMatch(area, "教学及辅助用房面积(平方米)"));
	assert_true(jhColMatch(area, "教学及辅助用房面积（㎡）"));
	assert_true(jhColMatch(area, "教学及辅助用房面积 (m2)"));
	/* Another unit is not this column: 亩 is not m². */
	assert_false(jhColMatch(area, "教学及辅助用房面积(亩)"));
	/* 万元 is this column with a factor (issue 9): 1 万元 = 10,000 元;
	 * but `set` and what-if field names take no factor. */
	{
		double f = 0;
		assert_true(jhColMatchScale(&jhSchoolYear.cols[JH_SY_IDCOLS + JH_F_EQUIPMENT_VALUE],
		                            "教学仪器设备值（万元）", &f));
		assert_true(f == 10000);
		assert_true(jhColMatchScale(&jhSchoolYear.cols[JH_SY_IDCOLS + JH_F_EQUIPMENT_VALUE],
		                            "教学仪器设备值（元）", &f));
		assert_true(f == 1);
		assert_int_equal(jh_field_parse("教学仪器设备值(万元)"), -1);
	}
	/* A question number before a name and a colon after it. */
	assert_true(jhColMatch(county, "1. 县(市、区)代码:"));
	assert_true(jhColMatch(county, "Q2、县（市、区）代码"));
	assert_false(jhColMatch(county, "12县代码x"));
	assert_true(jhColMatch(&jhSchoolYear.cols[JH_SY_IDCOLS + JH_F_EQUIPMENT_VALUE],
	                        "教学仪器设备值（元）"));
	assert_int_equal(jh_field_parse("体育运动场馆面积（平方米）"), JH_F_SPORTS_AREA);
}

/* A value under a blank header cell is an error naming the cell. */
static void test_unnamed_cell(void **state)
{
	(void)state;
	jh_county_items *c = jh_county_items_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t = csv("county_code,year,item,value,,note\n"
	                  "369901,2024,layout_plan,是,遗漏,\n");

	assert_int_equal(jh_county_items_add_table(c, t, 0, &d), JH_ERR_INPUT);
	assert_int_equal(c->count, 0);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_UNNAMED_CELL);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 5);
	assert_string_equal(d.items[0].arg, "遗漏");
	jh_table_free(t);
	jh_county_items_free(c);
	jh_diags_free(&d);
}

/* --- survey ------------------------------------------------------------ */

static const char *value_of(const jh_county_items *c, const char *item)
{
	const jh_county_item *it = jh_county_items_find(c, "369901", 2024, item);

	return it ? it->value : NULL;
}

/* Full-width brackets in the header, blanks (ASCII, U+3000, U+00A0)
 * around the cells: read, not refused. */
static void test_survey_fullwidth_and_blanks(void **state)
{
	(void)state;
	jh_county_items *c = jh_county_items_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t = csv("县（市、区）代码,年度 ,调查对象,q1,q2\n"
	                  " 369901 ,2024\xC2\xA0,学生\xE3\x80\x80,满意 ,不满意\n"
	                  "369901, 2024,学生,\xE3\x80\x80比较满意,\n");

	assert_true(jh_survey_table_is(t));
	if (jh_survey_add_table(c, t, 0, &d)) {
		jh_buf b = JH_BUF_INIT;
		jh_diags_format(&d, "en", &b);
		fail_msg("%s", b.data);
	}
	/* 满意 and 比较满意 recognise, 不满意 does not; the blank q2 on line 3
	 * is not an answer: 2 satisfied of 3 answers. */
	assert_string_equal(value_of(c, "survey.students.satisfied"), "2");
	assert_string_equal(value_of(c, "survey.students.answers"), "3");
	jh_table_free(t);
	jh_county_items_free(c);
	jh_diags_free(&d);
}

/* The regression: two answers right of a one-question header used to be
 * dropped (1 satisfied of 1).  Now an error naming the first such cell,
 * and nothing is added. */
static void test_survey_answers_right_of_header(void **state)
{
	(void)state;
	jh_county_items *c = jh_county_items_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t = csv("county_code,year,group,q1\n"
	                  "369901,2024,学生,满意,不满意,不满意\n");

	assert_int_equal(jh_survey_add_table(c, t, 0, &d), JH_ERR_INPUT);
	assert_int_equal(c->count, 0);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_LONG_ROW);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 5);
	assert_string_equal(d.items[0].arg, "6");     /* cells in the row */
	assert_string_equal(d.items[0].arg2, "4");    /* cells in the header */
	jh_table_free(t);
	jh_county_items_free(c);
	jh_diags_free(&d);
}

/* --- what-if ------------------------------------------------------------ */

static void test_whatif_fullwidth_and_blanks(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new(), *out = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t;

	test_load_csv(ds, HDR ROW, &d);
	/* A county column (full-width brackets) beside the template's; cells
	 * padded with ASCII, ideographic and no-break spaces; the field
	 * named in Chinese with its unit in full-width brackets. */
	t = csv("县（市、区）代码,操作\xE3\x80\x80,学校标识码,字段,值\n"
	        "110101, 增加 ,\xC2\xA0" "1101010001 ,教学及辅助用房面积（平方米）,\xE3\x80\x80" "100\n");
	if (jh_whatif_apply(ds, 2024, t, &out, &d)) {
		jh_buf b = JH_BUF_INIT;
		jh_diags_format(&d, "en", &b);
		fail_msg("%s", b.data);
	}
	/* 500 m² + 100 m² = 600 m². */
	assert_true(jh_dataset_find(out, "1101010001", 2024)->v[JH_F_TEACHING_AREA] == 600);
	jh_table_free(t);
	jh_dataset_free(out);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

static void test_whatif_long_row(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new(), *out = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t;

	test_load_csv(ds, HDR ROW, &d);
	t = csv("action,school_code,field,value\n"
	        "add,1101010001,teaching_area_m2,100,1101010002\n");
	assert_int_equal(jh_whatif_apply(ds, 2024, t, &out, &d), JH_ERR_INPUT);
	assert_null(out);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_LONG_ROW);
	assert_int_equal(d.items[0].column, 5);
	jh_table_free(t);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

/* --- encodings --------------------------------------------------------- */

/* A BOM used to skip the NUL-byte check. */
static void test_bom_with_nul(void **state)
{
	(void)state;
	char *out = NULL;
	size_t n;
	const char text[] = "\xEF\xBB\xBF" "a,b\n1\0,2\n";

	assert_int_equal(jh_to_utf8(text, sizeof text - 1, &out, &n, NULL), JH_ERR_ENCODING);
	assert_null(out);
	assert_int_equal(jh_to_utf8(text, 7, &out, &n, NULL), JH_OK);   /* up to the NUL */
	assert_string_equal(out, "a,b\n");
	free(out);
}

/* --- the year range ---------------------------------------------------- */

static void test_year_range_from_standard(void **state)
{
	(void)state;
	jh_standard std;
	jh_diags d = JH_DIAGS_INIT;
	jh_dataset *ds = jh_dataset_new();
	jh_county_items *c = jh_county_items_new();
	jh_table *t;
	int lo, hi;

	assert_int_equal(jh_standard_national(&std, &d), JH_OK);
	assert_int_equal(std.year_min, 1990);
	assert_int_equal(std.year_max, 2100);
	jhYearRange(0, 0, &lo, &hi);
	assert_int_equal(lo, 1990);
	assert_int_equal(hi, 2100);

	/* A caller's range replaces the national one: 2024 is outside
	 * 2000–2020, and the message gives the range. */
	ds->year_min = 2000;
	ds->year_max = 2020;
	t = csv(HDR ROW);
	assert_int_equal(jh_dataset_add_table(ds, t, &d), JH_ERR_INPUT);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_BAD_YEAR);
	assert_string_equal(d.items[0].arg2, "2000–2020");
	jh_table_free(t);
	jh_diags_free(&d);

	c->year_min = 2025;
	c->year_max = 2030;
	t = csv("county_code,year,item,value\n"
	        "369901,2024,layout_plan,是\n"
	        "369901,2026,basic_balance_year,2019\n");
	assert_int_equal(jh_county_items_add_table(c, t, 0, &d), JH_ERR_INPUT);
	assert_int_equal(d.count, 2);
	assert_int_equal(d.items[0].problem, JH_P_BAD_YEAR);
	assert_int_equal(d.items[0].line, 2);
	/* A year value is held to the same range. */
	assert_int_equal(d.items[1].problem, JH_P_ITEM_YEAR);
	assert_int_equal(d.items[1].line, 3);
	assert_string_equal(d.items[1].arg2, "2025–2030");
	jh_table_free(t);

	/* The keys are definitional: a local standard may repeat them but
	 * not change them. */
	jh_diags_free(&d);
	{
		const char *same = "base = national-2017\nid = same\n"
		                   "data.year_min = 1990\ndata.year_max = 2100\n";
		const char *other = "base = national-2017\nid = narrow\n"
		                    "data.year_min = 2000\n";
		jh_standard ls;
		assert_int_equal(jh_standard_parse(same, strlen(same), "s.std", NULL,
		                                   &ls, &d), JH_OK);
		assert_int_equal(ls.year_min, 1990);
		assert_int_equal(jh_standard_parse(other, strlen(other), "l.std", NULL,
		                                   &ls, &d), JH_ERR_STANDARD);
		assert_int_equal(d.count, 1);
		assert_int_equal(d.items[0].problem, JH_P_STD_DEFINITIONAL);
		assert_int_equal(d.items[0].line, 3);
	}
	jh_dataset_free(ds);
	jh_county_items_free(c);
	jh_diags_free(&d);
}

/* --- the hash index ---------------------------------------------------- */

static void test_index(void **state)
{
	(void)state;
	jhIndex ix = JH_INDEX_INIT;
	size_t pos, item, n;
	uint64_t h;

	assert_int_equal(jhIndexNext(&ix, 1, &(size_t){0}, &item), 0);
	/* 10,000 items under 5,000 hashes, two each; the index grows. */
	for (size_t i = 0; i < 10000; i++)
		assert_int_equal(jhIndexAdd(&ix, jhHashInt(JH_HASH_SEED, (long)(i % 5000)), i), 0);
	assert_int_equal(ix.used, 10000);
	assert_true(ix.cap >= 20000);        /* at most half full */
	for (size_t k = 0; k < 5000; k += 499) {
		int lo = 0, hi = 0;
		h = jhHashInt(JH_HASH_SEED, (long)k);
		pos = 0;
		while (jhIndexNext(&ix, h, &pos, &item)) {
			lo += item == k;
			hi += item == k + 5000;
		}
		assert_int_equal(lo, 1);         /* k and k + 5000, once each */
		assert_int_equal(hi, 1);
	}
	/* Keys: the caller's hash separates "ab","c" from "a","bc". */
	assert_true(jhHashStr(jhHashStr(JH_HASH_SEED, "ab"), "c") !=
	            jhHashStr(jhHashStr(JH_HASH_SEED, "a"), "bc"));
	jhIndexClear(&ix);
	assert_int_equal(ix.used, 0);
	pos = 0;
	assert_int_equal(jhIndexNext(&ix, jhHashInt(JH_HASH_SEED, 7), &pos, &item), 0);
	n = ix.cap;
	assert_int_equal(jhIndexReserve(&ix, 100), 0);
	assert_int_equal(ix.cap, n);         /* never shrinks */
	jhIndexFree(&ix);
	assert_null(ix.slot);
}

/* --- cells as offices type them (issue 9) -------------------------------- */

static void test_office_cells(void **state)
{
	(void)state;
	double d = -1;
	int y = 0;

	/* Full-width digits, point and comma: ５００ = 500, １，２００．５ = 1200.5. */
	assert_int_equal(jhParseCellNumber("５００", JH_UNIT_PERSON, &d), 0);
	assert_true(d == 500);
	assert_int_equal(jhParseCellNumber("１，２００．５", JH_UNIT_M2, &d), 0);
	assert_true(d == 1200.5);
	/* Money: ￥1,150,000.00 and 1150000元 and ¥ 20 are 1150000, 1150000, 20. */
	assert_int_equal(jhParseCellNumber("￥1,150,000.00", JH_UNIT_YUAN, &d), 0);
	assert_true(d == 1150000);
	assert_int_equal(jhParseCellNumber("1150000元", JH_UNIT_YUAN, &d), 0);
	assert_true(d == 1150000);
	assert_int_equal(jhParseCellNumber("\xC2\xA5 20", JH_UNIT_YUAN, &d), 0);
	assert_true(d == 20);
	/* The column's own unit after a number: 3200平方米, 500人, 12间. */
	assert_int_equal(jhParseCellNumber("3200平方米", JH_UNIT_M2, &d), 0);
	assert_true(d == 3200);
	assert_int_equal(jhParseCellNumber("500 人", JH_UNIT_PERSON, &d), 0);
	assert_true(d == 500);
	/* Refused: another unit, 万 in a cell, ￥ on a count, text after. */
	assert_int_equal(jhParseCellNumber("3200元", JH_UNIT_M2, &d), -1);
	assert_int_equal(jhParseCellNumber("115万", JH_UNIT_YUAN, &d), -1);
	assert_int_equal(jhParseCellNumber("￥500", JH_UNIT_PERSON, &d), -1);
	assert_int_equal(jhParseCellNumber("500人左右", JH_UNIT_PERSON, &d), -1);
	assert_int_equal(jhParseCellNumber("元", JH_UNIT_YUAN, &d), -1);
	/* Years: 2024年, 2024年度, ２０２４; not 24年 (out of range) or 2024年5月. */
	assert_int_equal(jhParseYear("2024年", 1990, 2100, &y), 0);
	assert_int_equal(y, 2024);
	assert_int_equal(jhParseYear(" 2023年度 ", 1990, 2100, &y), 0);
	assert_int_equal(y, 2023);
	assert_int_equal(jhParseYear("２０２２", 1990, 2100, &y), 0);
	assert_int_equal(y, 2022);
	assert_int_equal(jhParseYear("24年", 1990, 2100, &y), -1);
	assert_int_equal(jhParseYear("2024年5月", 1990, 2100, &y), -1);
	/* Dashes for "none". */
	assert_true(jhCellDash("/"));
	assert_true(jhCellDash(" — "));
	assert_true(jhCellDash("——"));
	assert_true(jhCellDash("－"));
	assert_true(jhCellDash("-"));
	assert_false(jhCellDash(""));
	assert_false(jhCellDash("-1"));
	assert_false(jhCellDash("无此学段"));
}

/* A header in 万元: values × 10,000 into yuan, with a notice.  By hand:
 * 21 万元 = 210,000 元; 16.99 万元 = 169,900 元 (rounded to the fen, so
 * the binary error of 16.99 × 10000 is gone). */
static void test_header_in_wan_yuan(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	char text[2048];
	jh_table *t;

	snprintf(text, sizeof text, "%s\n%s%s",
	         "school_code,school_name,county_code,year,school_type,parent_code,"
	         "students_primary,students_junior,students_senior,"
	         "qualified_teachers_primary,qualified_teachers_junior,"
	         "key_teachers_primary,key_teachers_junior,"
	         "pe_art_teachers_primary,pe_art_teachers_junior,"
	         "teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2,"
	         "教学仪器设备值（万元）,multimedia_rooms",
	         "1101010001,甲小学,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,21,3\n",
	         "1101010002,乙小学,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,16.99,3\n");
	t = csv(text);
	assert_int_equal(jh_dataset_add_table(ds, t, &d), JH_OK);
	assert_true(jh_dataset_find(ds, "1101010001", 2024)->v[JH_F_EQUIPMENT_VALUE] == 210000);
	assert_true(jh_dataset_find(ds, "1101010002", 2024)->v[JH_F_EQUIPMENT_VALUE] == 169900);
	assert_int_equal(d.count, 1);
	assert_true(d.items[0].note);
	assert_int_equal(d.items[0].problem, JH_P_NOTE_UNIT_SCALED);
	assert_int_equal(d.items[0].column, 20);
	assert_string_equal(d.items[0].arg2, "10000");
	jh_table_free(t);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

/* School types as offices write them; ambiguous ones refused. */
static void test_school_type_variants(void **state)
{
	(void)state;
	assert_int_equal(jh_school_type_parse("完全小学"), JH_TYPE_PRIMARY);
	assert_int_equal(jh_school_type_parse("中心小学"), JH_TYPE_PRIMARY);
	assert_int_equal(jh_school_type_parse("村小"), JH_TYPE_PRIMARY);
	assert_int_equal(jh_school_type_parse("九年一贯制"), JH_TYPE_NINE_YEAR);
	assert_int_equal(jh_school_type_parse("初级中学"), JH_TYPE_JUNIOR);
	assert_int_equal(jh_school_type_parse("独立初中"), JH_TYPE_JUNIOR);
	assert_int_equal(jh_school_type_parse("完中"), JH_TYPE_COMPLETE_MIDDLE);
	assert_int_equal(jh_school_type_parse("十二年一贯制"), JH_TYPE_TWELVE_YEAR);
	assert_int_equal(jh_school_type_parse("村教学点"), JH_TYPE_TEACHING_POINT);
	assert_int_equal(jh_school_type_parse("一贯制学校"), -1);
	assert_int_equal(jh_school_type_parse("中心校"), -1);
}

/* A survey platform's export (tests/fixtures/survey-platform.csv): its
 * own columns (序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP, 学校)
 * ignored with a notice each, questions found by their numbered headers,
 * the group column 1、您的身份是： and groups by synonyms.  By hand:
 *   parents (家长, 学生家长): 满意 比较满意 一般 满意 → 3 of 4;
 *   others (群众, 社会人士): 满意 不满意 比较满意 满意 → 3 of 4;
 *   teachers (老师): 满意 满意 → 2 of 2. */
static void test_survey_platform_export(void **state)
{
	(void)state;
	jh_county_items *c = jh_county_items_new();
	jh_diags d = JH_DIAGS_INIT;
	FILE *f = fopen("tests/fixtures/survey-platform.csv", "rb");
	char text[8192];
	size_t n;
	jh_table *t;

	assert_non_null(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	t = csv(text);
	assert_true(jh_survey_table_is(t));
	if (jh_survey_add_table(c, t, 0, &d)) {
		jh_buf b = JH_BUF_INIT;
		jh_diags_format(&d, "en", &b);
		fail_msg("%s", b.data);
	}
	assert_string_equal(value_of(c, "survey.parents.satisfied"), "3");
	assert_string_equal(value_of(c, "survey.parents.answers"), "4");
	assert_string_equal(value_of(c, "survey.others.satisfied"), "3");
	assert_string_equal(value_of(c, "survey.others.answers"), "4");
	assert_string_equal(value_of(c, "survey.teachers.satisfied"), "2");
	assert_string_equal(value_of(c, "survey.teachers.answers"), "2");
	assert_null(value_of(c, "survey.students.answers"));
	/* Seven notices, one per column beside the questions, no errors. */
	assert_int_equal(jh_diags_errors(&d), 0);
	assert_int_equal(d.count, 7);
	assert_int_equal(d.items[0].problem, JH_P_NOTE_COLUMN_IGNORED);
	assert_string_equal(d.items[0].arg, "序号");
	assert_string_equal(d.items[6].arg, "学校");
	jh_table_free(t);
	jh_county_items_free(c);
	jh_diags_free(&d);
}

/* An unknown group: refused, and the message lists the groups. */
static void test_survey_unknown_group(void **state)
{
	(void)state;
	jh_county_items *c = jh_county_items_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_table *t = csv("county_code,year,group,q1\n369901,2024,领导,满意\n");

	assert_int_equal(jh_survey_add_table(c, t, 0, &d), JH_ERR_INPUT);
	assert_int_equal(c->count, 0);
	jh_diags_format(&d, "zh", &b);
	assert_non_null(strstr(b.data, "未知的调查对象群体“领导”(可填:学生、家长、教师、校长、人大代表或政协委员、其他群众)"));
	jh_buf_reset(&b);
	jh_diags_format(&d, "en", &b);
	assert_non_null(strstr(b.data, "(accepted: students, parents, teachers, principals, deputies, others)"));
	jh_buf_free(&b);
	jh_table_free(t);
	jh_county_items_free(c);
	jh_diags_free(&d);
}

/* A total row is recognised by a template column or the first two; a
 * school's note 含小计 in an extra column is data, not a total.  Footers
 * are recognised by their first cell. */
static void test_total_rows_and_footers(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t = csv(HDR_NOTE
	                  "1101010001,甲小学,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,含小计\n"
	                  ",总 计,,,,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,\n"
	                  "全县合计,,,,,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,\n"
	                  "审核人:李四,,,,,,,,,,,,,,,,,,,,,\n");

	assert_int_equal(jh_dataset_add_table(ds, t, &d), JH_OK);
	assert_int_equal(jh_dataset_count(ds), 1);
	assert_int_equal(d.count, 3);
	assert_int_equal(d.items[0].problem, JH_P_NOTE_TOTAL_ROW);
	assert_int_equal(d.items[0].line, 3);
	assert_string_equal(d.items[0].arg, "总 计");
	assert_int_equal(d.items[1].problem, JH_P_NOTE_TOTAL_ROW);
	assert_int_equal(d.items[1].line, 4);
	assert_int_equal(d.items[2].problem, JH_P_NOTE_FOOTER);
	assert_int_equal(d.items[2].line, 5);
	jh_table_free(t);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

/* Codes typed in full-width mode: １１０１０１ is the county 110101. */
static void test_fullwidth_codes(void **state)
{
	(void)state;
	char out[64];
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jhCellCode(" １１０１０１ ", out, sizeof out), 0);
	assert_string_equal(out, "110101");
	assert_int_equal(jhCellCode("９１３６０１００ＭＡ３５Ｘ１２３４５", out, sizeof out), 0);
	assert_string_equal(out, "91360100MA35X12345");
	assert_int_equal(jhCellCode("１１０１：", out, sizeof out), 0);
	assert_string_equal(out, "1101：");        /* ： is not a digit */
	test_load_csv(ds, HDR "１１０１０１０００１,甲小学,１１０１０１,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3\n", &d);
	assert_non_null(jh_dataset_find(ds, "1101010001", 2024));
	assert_string_equal(jh_dataset_find(ds, "1101010001", 2024)->county_code, "110101");
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_number_parser),
		cmocka_unit_test(test_year_parser),
		cmocka_unit_test(test_long_numeric_cell_refused),
		cmocka_unit_test(test_names_and_units),
		cmocka_unit_test(test_unnamed_cell),
		cmocka_unit_test(test_survey_fullwidth_and_blanks),
		cmocka_unit_test(test_survey_answers_right_of_header),
		cmocka_unit_test(test_whatif_fullwidth_and_blanks),
		cmocka_unit_test(test_whatif_long_row),
		cmocka_unit_test(test_bom_with_nul),
		cmocka_unit_test(test_year_range_from_standard),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_office_cells),
		cmocka_unit_test(test_header_in_wan_yuan),
		cmocka_unit_test(test_school_type_variants),
		cmocka_unit_test(test_survey_platform_export),
		cmocka_unit_test(test_survey_unknown_group),
		cmocka_unit_test(test_total_rows_and_footers),
		cmocka_unit_test(test_fullwidth_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
