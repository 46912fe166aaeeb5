/*
** test_input.c — CSV reading, encodings, template checks, standards files.
**
** One regression test per parser behaviour: what is accepted, and for
** each kind of bad input the exact problem, line and column reported.
*/
#include "testutil.h"

#define HDR TEST_TEMPLATE_HEADER "\n"
#define ROW "1101010001,甲小学,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3\n"

/* --- CSV ----------------------------------------------------------------- */

static void test_csv_quotes_and_lines(void **state)
{
	(void)state;
	const char *s = "a,\"b,1\",\"say \"\"hi\"\"\"\r\n"
	                "\"multi\nline\",,x\n"
	                "last";
	jh_table *t = NULL;
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jh_csv_parse(s, strlen(s), "q.csv", &t, &d), JH_OK);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(jh_table_cell(t, 0, 1), "b,1");
	assert_string_equal(jh_table_cell(t, 0, 2), "say \"hi\"");
	assert_string_equal(jh_table_cell(t, 1, 0), "multi\nline");
	assert_string_equal(jh_table_cell(t, 1, 1), "");
	assert_int_equal(t->rows[1].line, 2);
	/* The record after a two-line field starts on line 4. */
	assert_int_equal(t->rows[2].line, 4);
	assert_string_equal(jh_table_cell(t, 2, 0), "last");
	assert_string_equal(jh_table_cell(t, 2, 5), "");   /* beyond the row */
	jh_table_free(t);
	jh_diags_free(&d);
}

static void test_csv_bad_quotes(void **state)
{
	(void)state;
	jh_table *t = NULL;
	jh_diags d = JH_DIAGS_INIT;
	const char *a = "a,b\nc,\"open\n";
	const char *b = "a,\"x\"y,z\n";

	assert_int_equal(jh_csv_parse(a, strlen(a), "a.csv", &t, &d), JH_ERR_INPUT);
	assert_null(t);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_UNTERMINATED_QUOTE);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 2);
	jh_diags_free(&d);
	assert_int_equal(jh_csv_parse(b, strlen(b), "b.csv", &t, &d), JH_ERR_INPUT);
	assert_int_equal(d.items[0].problem, JH_P_BAD_QUOTE);
	assert_int_equal(d.items[0].column, 2);
	jh_diags_free(&d);
}

/* --- encodings ----------------------------------------------------------- */

static void test_encodings(void **state)
{
	(void)state;
	char *out = NULL;
	size_t n;
	const char *enc;
	/* "学校" in GB18030: D1A7 D0A3. */
	const char gb[] = "\xD1\xA7\xD0\xA3,1\n";
	const char bom[] = "\xEF\xBB\xBF\xE5\xAD\xA6\xE6\xA0\xA1";

	assert_int_equal(jh_to_utf8(gb, strlen(gb), &out, &n, &enc), JH_OK);
	assert_string_equal(enc, "GB18030");
	assert_string_equal(out, "学校,1\n");
	free(out);
	assert_int_equal(jh_to_utf8(bom, strlen(bom), &out, &n, &enc), JH_OK);
	assert_string_equal(enc, "UTF-8");
	assert_string_equal(out, "学校");
	assert_int_equal(n, 6);
	free(out);
	/* A truncated GB18030 pair and binary junk decode as neither. */
	assert_int_equal(jh_to_utf8("\xD1", 1, &out, &n, &enc), JH_ERR_ENCODING);
	assert_int_equal(jh_to_utf8("a\0b", 3, &out, &n, &enc), JH_ERR_ENCODING);
	assert_int_equal(jh_to_utf8("\x81\x30\x81", 3, &out, &n, &enc), JH_ERR_ENCODING);
	assert_false(jh_utf8_valid("\xC0\xAF", 2));          /* overlong */
	assert_false(jh_utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
	assert_true(jh_utf8_valid("✔学", strlen("✔学")));
	assert_int_equal(jh_display_width("学校ab"), 6);
}

/* --- template ------------------------------------------------------------ */

static jh_code add(jh_dataset *ds, const char *csv, jh_diags *d)
{
	jh_table *t = NULL;
	jh_code rc = jh_csv_parse(csv, strlen(csv), "s.csv", &t, d);

	if (rc)
		return rc;
	rc = jh_dataset_add_table(ds, t, d);
	jh_table_free(t);
	return rc;
}

static void test_template_chinese_headers_title_rows_extras(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const char *csv =
		"江州市2024年义务教育学校基本情况表,,,\n"
		"\n"
		"学校标识码,学校名称,县(市、区)代码,年度,办学类型,所属中心校,"
		"小学在校生数,初中在校生数,高中在校生数,小学高于规定学历教师数,"
		"初中高于规定学历教师数,小学县级及以上骨干教师数,初中县级及以上骨干教师数,"
		"小学体育、艺术(美术、音乐)专任教师数,初中体育、艺术(美术、音乐)专任教师数,"
		"小学专任教师数,初中专任教师数,教学及辅助用房面积,体育运动场馆面积,"
		"教学仪器设备值,网络多媒体教室数,城乡类型,备注\n"
		"1101010001,实验学校,110101,2024,九年一贯制学校,,\"1,200\",800,0,60,50,"
		"13,9,11,8,70,60,12000.5,20000,5600000,40,城区,新建校区\n";

	assert_int_equal(add(ds, csv, &d), JH_OK);
	assert_int_equal(ds->nrows, 1);
	const jh_school_year *r = jh_dataset_find(ds, "1101010001", 2024);
	assert_non_null(r);
	assert_int_equal(r->type, JH_TYPE_NINE_YEAR);
	assert_near(r->v[JH_F_STUDENTS_PRIMARY], 1200, 0);
	assert_near(r->v[JH_F_TEACHING_AREA], 12000.5, 0);
	assert_int_equal(r->line, 4);
	/* Optional columns: location read, boarding and classes absent. */
	assert_int_equal(r->location, JH_LOC_URBAN);
	assert_int_equal(r->boarding, -1);
	assert_true(isnan(r->v[JH_F_CLASSES_PRIMARY]));
	/* The extra column is kept. */
	assert_int_equal(r->extra_count, 1);
	assert_string_equal(ds->extra_names[ds->extras[r->extra_first].name], "备注");
	assert_string_equal(ds->extras[r->extra_first].value, "新建校区");
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

/* One problem per bad cell, each with its line and column; nothing added. */
static void test_template_errors(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const char *csv = HDR ROW
		/* line 3: non-numeric students, negative area */
		"1101010002,乙,110101,2024,primary,,abc,0,0,5,0,2,0,1,0,8,0,-5,800,210000,3\n"
		/* line 4: 1.5 teachers, junior students in a primary school */
		"1101010003,丙,110101,2024,primary,,100,7,0,1.5,0,2,0,1,0,8,0,500,800,210000,3\n"
		/* line 5: duplicate of line 2 */
		ROW
		/* line 6: short row */
		"1101010004,丁,110101,2024\n"
		/* line 7: bad county, bad type; 9 qualified > 8 teachers */
		"1101010005,戊,11010,2024,college,,100,0,0,9,0,2,0,1,0,8,0,500,800,210000,3\n"
		/* line 8: bad code, empty name, bad year; 9 > 8 again */
		"123,,110101,24,primary,,100,0,0,9,0,2,0,1,0,8,0,500,800,210000,3\n"
		/* line 9: more qualified teachers than teachers */
		"1101010006,己,110101,2024,primary,,100,0,0,9,0,2,0,1,0,8,0,500,800,210000,3\n";

	assert_int_equal(add(ds, csv, &d), JH_ERR_INPUT);
	assert_int_equal(ds->nrows, 0);
	struct { jh_problem p; long line; int col; } want[] = {
		{JH_P_NOT_NUMBER, 3, 7},
		{JH_P_NEGATIVE, 3, 18},
		{JH_P_NOT_INTEGER, 4, 10},
		{JH_P_STAGE_NOT_OFFERED, 4, 8},
		{JH_P_DUPLICATE_SCHOOL, 5, 1},   /* then line 6 */
		{JH_P_SHORT_ROW, 6, 0},
		{JH_P_BAD_COUNTY_CODE, 7, 3},
		{JH_P_BAD_SCHOOL_TYPE, 7, 5},
		{JH_P_TEACHERS_EXCEED, 7, 10},
		{JH_P_BAD_SCHOOL_CODE, 8, 1},
		{JH_P_EMPTY_VALUE, 8, 2},
		{JH_P_BAD_YEAR, 8, 4},
		{JH_P_TEACHERS_EXCEED, 8, 10},
		{JH_P_TEACHERS_EXCEED, 9, 10},
	};
	size_t nwant = sizeof want / sizeof want[0];
	jh_buf b = JH_BUF_INIT;
	jh_diags_format(&d, "en", &b);
	if (d.count != nwant)
		fail_msg("got %zu problems, want %zu:\n%s", d.count, nwant, b.data);
	for (size_t i = 0; i < nwant; i++) {
		if (d.items[i].problem != want[i].p || d.items[i].line != want[i].line ||
		    d.items[i].column != want[i].col)
			fail_msg("problem %zu: got %d at %ld:%d, want %d at %ld:%d\n%s", i,
			         d.items[i].problem, d.items[i].line, d.items[i].column,
			         want[i].p, want[i].line, want[i].col, b.data);
	}
	/* The rendered message names file, line, column and reason. */
	jh_buf_reset(&b);
	jh_diag_format(&d.items[0], "en", &b);
	assert_string_equal(b.data, "s.csv:line 3:column 7(students_primary): 'abc' is not a number");
	jh_buf_reset(&b);
	jh_diag_format(&d.items[0], "zh", &b);
	assert_string_equal(b.data, "s.csv:第3行:第7列(students_primary): “abc”不是数字");
	jh_buf_reset(&b);
	jh_diag_format(&d.items[4], "en", &b);
	assert_string_equal(b.data, "s.csv:line 5:column 1(school_code): school 1101010001 appears twice in the same year (see also s.csv:2)");
	jh_buf_free(&b);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

static void test_template_missing_and_duplicate_columns(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	/* multimedia_rooms missing, year twice (as 年度). */
	const char *csv = "school_code,school_name,county_code,year,年度,school_type,parent_code,"
		"students_primary,students_junior,students_senior,"
		"qualified_teachers_primary,qualified_teachers_junior,"
		"key_teachers_primary,key_teachers_junior,"
		"pe_art_teachers_primary,pe_art_teachers_junior,"
		"teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2,"
		"equipment_value_yuan\n";

	assert_int_equal(add(ds, csv, &d), JH_ERR_INPUT);
	assert_int_equal(d.count, 2);
	assert_int_equal(d.items[0].problem, JH_P_DUPLICATE_COLUMN);
	assert_int_equal(d.items[0].column, 5);
	assert_int_equal(d.items[1].problem, JH_P_MISSING_COLUMN);
	assert_string_equal(d.items[1].arg, "multimedia_rooms");
	jh_diags_free(&d);
	assert_int_equal(add(ds, "just,some,words\n1,2,3\n", &d), JH_ERR_INPUT);
	assert_int_equal(d.items[0].problem, JH_P_NO_HEADER);
	jh_diags_free(&d);
	assert_int_equal(add(ds, "", &d), JH_ERR_INPUT);
	assert_int_equal(d.items[0].problem, JH_P_EMPTY_FILE);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

/* Duplicates across files; a failed file leaves earlier ones intact. */
static void test_template_across_files(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(add(ds, HDR ROW, &d), JH_OK);
	assert_int_equal(add(ds, HDR "1101010009,新,110101,2024,primary,,1,0,0,0,0,0,0,0,0,1,0,1,1,1,0\n" ROW, &d),
	                 JH_ERR_INPUT);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_DUPLICATE_SCHOOL);
	assert_int_equal(ds->nrows, 1);
	assert_null(jh_dataset_find(ds, "1101010009", 2024));
	assert_non_null(jh_dataset_find(ds, "1101010001", 2024));
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

static void test_numbers(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const char *bad = HDR
		"1101010001,甲,110101,2024,primary,,\"1,20\",0,0,5,0,2,0,1,0,8,0,500,800,210000,3\n"
		"1101010002,乙,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,5e,800,210000,3\n"
		"1101010003,丙,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,inf,800,210000,3\n";

	assert_int_equal(add(ds, bad, &d), JH_ERR_INPUT);
	assert_int_equal(d.count, 3);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(d.items[i].problem, JH_P_NOT_NUMBER);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

/* Implausible values are refused with the reason: 1,000 pupils in one
 * class, pupils in no class, 2,000 m² of classrooms per pupil. */
static void test_absurd_values(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const char *csv = "school_code,school_name,county_code,year,school_type,parent_code,"
		"students_primary,students_junior,students_senior,"
		"qualified_teachers_primary,qualified_teachers_junior,"
		"key_teachers_primary,key_teachers_junior,"
		"pe_art_teachers_primary,pe_art_teachers_junior,"
		"teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2,"
		"equipment_value_yuan,multimedia_rooms,classes_primary,boarding\n"
		"1101010001,甲,110101,2024,primary,,1000,0,0,5,0,2,0,1,0,8,0,5000,8000,2100000,30,1,否\n"
		"1101010002,乙,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,200000,800,210000,3,0,是\n"
		"1101010003,丙,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,4,maybe\n";

	assert_int_equal(add(ds, csv, &d), JH_ERR_INPUT);
	jh_buf b = JH_BUF_INIT;
	jh_diags_format(&d, "en", &b);
	assert_int_equal(d.count, 4);
	assert_string_equal(b.data,
		"s.csv:line 2:column 22(classes_primary): value of 'classes_primary' is implausible: 1000 students per class (more than 100)\n"
		"s.csv:line 3:column 22(classes_primary): value of 'classes_primary' is implausible: 100 students in 0 classes\n"
		"s.csv:line 3:column 18(teaching_area_m2): value of 'teaching_area_m2' is implausible: 2000 m² per student (more than 1000)\n"
		"s.csv:line 4:column 23(boarding): 'maybe' should be yes or no\n");
	jh_buf_free(&b);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

/* --- standards files ------------------------------------------------------ */

static void test_standard_national(void **state)
{
	(void)state;
	jh_standard s;
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jh_standard_national(&s, &d), JH_OK);
	/* Reference §1 table, §1 limits, §3 weights. */
	assert_near(s.threshold[JH_STAGE_PRIMARY][JH_IND_QUALIFIED], 4.2, 0);
	assert_near(s.threshold[JH_STAGE_JUNIOR][JH_IND_QUALIFIED], 5.3, 0);
	assert_near(s.threshold[JH_STAGE_JUNIOR][JH_IND_SPORTS_AREA], 10.2, 0);
	assert_near(s.threshold[JH_STAGE_PRIMARY][JH_IND_EQUIPMENT], 2000, 0);
	assert_near(s.threshold[JH_STAGE_JUNIOR][JH_IND_MULTIMEDIA], 2.4, 0);
	assert_near(s.cv_limit[JH_STAGE_PRIMARY], 0.50, 0);
	assert_near(s.cv_limit[JH_STAGE_JUNIOR], 0.45, 0);
	assert_int_equal(s.school_min_met, 6);
	assert_near(s.school_floor_ratio, 0.85, 0);
	assert_near(s.stage_weight[1], 1.1, 0);
	assert_near(s.stage_weight[2], 1.32, 0);
	assert_int_equal(s.split[JH_IND_QUALIFIED], 0);
	assert_int_equal(s.split[JH_IND_MULTIMEDIA], 1);
	assert_int_equal(s.tp_policy, JH_TP_OWN_UNIT);
	assert_near(s.tp_min_students, 50, 0);
	assert_string_equal(s.id, "national-2017");
}

/* The library carries data/standards/national-2017.std byte for byte. */
static void test_standard_embedded_is_the_file(void **state)
{
	(void)state;
	FILE *f = fopen("data/standards/national-2017.std", "rb");
	jh_buf b = JH_BUF_INIT;
	char chunk[4096];
	size_t n;

	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		jh_buf_add(&b, chunk, n);
	fclose(f);
	assert_string_equal(jh_standard_national_text(), b.data);
	jh_buf_free(&b);
}

static void test_standard_local(void **state)
{
	(void)state;
	jh_standard s;
	jh_diags d = JH_DIAGS_INIT;
	const char *ok = "# stricter\nbase = national-2017\nid = prov-x\n"
	                 "threshold.primary.equipment_value_per_student = 2200 # yuan\n"
	                 "cv_limit.junior = 0.40\n";
	const char *bad = "base = national-2017\nid = prov-y\n"
	                  "threshold.primary.equipment_value_per_student = 1800\n"
	                  "cv_limit.junior = 0.5\n"
	                  "colour = blue\n"
	                  "school.min_met = six\n"
	                  "no equals sign\n"
	                  "teaching_point.policy = sometimes\n";

	assert_int_equal(jh_standard_parse(ok, strlen(ok), "ok.std", NULL, &s, &d), JH_OK);
	assert_near(s.threshold[JH_STAGE_PRIMARY][JH_IND_EQUIPMENT], 2200, 0);
	assert_near(s.threshold[JH_STAGE_JUNIOR][JH_IND_EQUIPMENT], 2500, 0); /* inherited */
	assert_near(s.cv_limit[JH_STAGE_JUNIOR], 0.40, 0);
	assert_string_equal(s.base, "national-2017");
	assert_string_equal(s.id, "prov-x");

	assert_int_equal(jh_standard_parse(bad, strlen(bad), "bad.std", NULL, &s, &d),
	                 JH_ERR_STANDARD);
	assert_int_equal(d.count, 6);
	assert_int_equal(d.items[0].problem, JH_P_STD_LOOSER);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[1].problem, JH_P_STD_LOOSER);
	assert_int_equal(d.items[2].problem, JH_P_STD_UNKNOWN_KEY);
	assert_int_equal(d.items[3].problem, JH_P_STD_BAD_VALUE);
	assert_int_equal(d.items[4].problem, JH_P_STD_NO_EQUALS);   /* "no equals sign" */
	assert_int_equal(d.items[4].line, 7);
	assert_int_equal(d.items[5].problem, JH_P_STD_BAD_VALUE);
	jh_buf b = JH_BUF_INIT;
	jh_diag_format(&d.items[0], "en", &b);
	assert_string_equal(b.data, "bad.std:line 3: 'threshold.primary.equipment_value_per_student' is looser than the base standard (2000); a local standard may only tighten it");
	jh_buf_reset(&b);
	jh_diag_format(&d.items[3], "en", &b);
	assert_string_equal(b.data, "bad.std:line 6: invalid value 'six' for key 'school.min_met'");
	jh_buf_free(&b);
	jh_diags_free(&d);

	/* A root file must set every key; an unknown base is refused. */
	assert_int_equal(jh_standard_parse("id = x\n", 7, "r.std", NULL, &s, &d), JH_ERR_STANDARD);
	assert_true(d.count > 20);
	assert_int_equal(d.items[0].problem, JH_P_STD_MISSING_KEY);
	jh_diags_free(&d);
	assert_int_equal(jh_standard_parse("base = mars\n", 12, "m.std", NULL, &s, &d), JH_ERR_STANDARD);
	assert_int_equal(d.items[0].problem, JH_P_STD_BAD_BASE);
	jh_diags_free(&d);
}

/* --- the spreadsheets offices really have (issue 9) ---------------------- */

/* A fixture file into a malloc'd, NUL-terminated buffer. */
static char *fixture(const char *name, size_t *len)
{
	char path[256];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "tests/fixtures/%s", name);
	if (!(f = fopen(path, "rb")))
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Load a fixture (any encoding jh_to_utf8 reads) into ds; diags keeps
 * what the load said. */
static jh_code load_fixture(jh_dataset *ds, const char *name, jh_diags *d)
{
	size_t len, tlen;
	char *raw = fixture(name, &len), *text = NULL;
	const char *enc = NULL;
	jh_table *t = NULL;
	jh_code rc = jh_to_utf8(raw, len, &text, &tlen, &enc);

	free(raw);
	if (rc)
		return rc;
	rc = jh_csv_parse_sep(text, tlen, name,
	                      enc && !strncmp(enc, "UTF-16", 6) ? '\t' : ',', &t, d);
	free(text);
	if (rc == JH_OK)
		rc = jh_dataset_add_table(ds, t, d);
	jh_table_free(t);
	return rc;
}

static size_t count_problem(const jh_diags *d, jh_problem p)
{
	size_t n = 0;
	for (size_t i = 0; i < d->count; i++)
		n += d->items[i].problem == p;
	return n;
}

/* Every field of every row of a equals b's (NaN equals NaN). */
static void assert_same_rows(const jh_dataset *a, const jh_dataset *b)
{
	assert_int_equal(jh_dataset_count(a), jh_dataset_count(b));
	for (size_t i = 0; i < jh_dataset_count(a); i++) {
		const jh_school_year *x = jh_dataset_row(a, i);
		const jh_school_year *y = jh_dataset_find(b, x->school_code, x->year);
		assert_non_null(y);
		assert_string_equal(x->school_name, y->school_name);
		assert_string_equal(x->county_code, y->county_code);
		assert_int_equal(x->type, y->type);
		assert_string_equal(x->parent_code, y->parent_code);
		for (int f = 0; f < JH_F__COUNT; f++)
			if (!(isnan(x->v[f]) && isnan(y->v[f])) && x->v[f] != y->v[f])
				fail_msg("%s %s: %g, expected %g", x->school_code,
				         jh_field_key((jh_field)f), x->v[f], y->v[f]);
	}
}

/* tests/fixtures/office.csv is small.csv as an office keeps it: two title
 * rows, Chinese headers with units (人, 平方米, ㎡, 元), 2024年 and
 * 2024年度 and ２０２４ as years, ５００ and 1００ in full-width digits,
 * ￥1,100,000.00 and 800000元 as money, 2,000 grouped, / — - ／ and blanks
 * for stages a school does not offer, names padded with ASCII, no-break
 * and ideographic spaces, type names 完全小学 中心小学 初级中学 九年一贯制
 * 村教学点 村小 完小, a 合计 row, a 制表人…审核人 footer and a note two
 * columns right of the table.  It must read as exactly small.csv. */
static void test_office_csv_reads_as_template(void **state)
{
	(void)state;
	jh_dataset *office = jh_dataset_new(), *plain = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT, e = JH_DIAGS_INIT;

	if (load_fixture(office, "office.csv", &d)) {
		jh_buf b = JH_BUF_INIT;
		jh_diags_format(&d, "en", &b);
		fail_msg("office.csv: %s", b.data);
	}
	assert_int_equal(load_fixture(plain, "small.csv", &e), JH_OK);
	/* 7 schools, not 8: the 合计 row is not a school. */
	assert_int_equal(jh_dataset_count(office), 7);
	assert_same_rows(office, plain);
	/* By hand: ￥1,100,000.00 = 1100000; ５００ = 500; "/" for the junior
	 * stage of a primary school = 0; 1００ = 100. */
	assert_true(jh_dataset_find(office, "1101010001", 2024)->v[JH_F_EQUIPMENT_VALUE] == 1100000);
	assert_true(jh_dataset_find(office, "1101010001", 2024)->v[JH_F_STUDENTS_PRIMARY] == 500);
	assert_true(jh_dataset_find(office, "1101010001", 2024)->v[JH_F_TEACHERS_JUNIOR] == 0);
	assert_true(jh_dataset_find(office, "1101020002", 2024)->v[JH_F_STUDENTS_PRIMARY] == 100);
	assert_string_equal(jh_dataset_find(office, "1101020002", 2024)->school_name, "北山小学");
	/* Notices, not errors: the total row (line 11), the footer (line 12),
	 * the note in column 24 (line 4). */
	assert_int_equal(jh_diags_errors(&d), 0);
	assert_int_equal(count_problem(&d, JH_P_NOTE_TOTAL_ROW), 1);
	assert_int_equal(count_problem(&d, JH_P_NOTE_FOOTER), 1);
	assert_int_equal(count_problem(&d, JH_P_NOTE_RIGHT_NOTES), 1);
	for (size_t i = 0; i < d.count; i++) {
		assert_true(d.items[i].note);
		if (d.items[i].problem == JH_P_NOTE_TOTAL_ROW)
			assert_int_equal(d.items[i].line, 11);
		if (d.items[i].problem == JH_P_NOTE_FOOTER)
			assert_int_equal(d.items[i].line, 12);
		if (d.items[i].problem == JH_P_NOTE_RIGHT_NOTES) {
			assert_int_equal(d.items[i].line, 4);
			assert_int_equal(d.items[i].column, 24);
		}
	}
	{
		jh_buf b = JH_BUF_INIT;
		jh_diags_format(&d, "zh", &b);
		assert_non_null(strstr(b.data, "提示:“合计”行是合计行,已跳过"));
		jh_buf_reset(&b);
		jh_diags_format(&d, "en", &b);
		assert_non_null(strstr(b.data, "note: '合计' is a total row"));
		jh_buf_free(&b);
	}
	jh_dataset_free(office);
	jh_dataset_free(plain);
	jh_diags_free(&d);
	jh_diags_free(&e);
}

/* What is refused, and how the message says to fix it. */
static void test_office_csv_refusals(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;

	assert_int_equal(load_fixture(ds, "office-bad.csv", &d), JH_ERR_INPUT);
	assert_int_equal(jh_dataset_count(ds), 0);
	/* Line 2: a note in the column right next to the table is an error
	 * (only past a blank column is it a note); "/" for primary pupils of a
	 * primary school.  Line 3: 一贯制学校 (nine or twelve years?).  Line 4:
	 * a blank for junior pupils of a junior school. */
	assert_int_equal(count_problem(&d, JH_P_LONG_ROW), 1);
	assert_int_equal(count_problem(&d, JH_P_DASH_OFFERED), 2);
	assert_int_equal(count_problem(&d, JH_P_BAD_SCHOOL_TYPE), 1);
	assert_int_equal(jh_diags_errors(&d), 4);
	jh_diags_format(&d, "zh", &b);
	assert_non_null(strstr(b.data, "第2行:第7列(小学在校生数（人）): 该校办学类型有这个学段,此格不能为空或填“/”:请填写 0 或实际数字"));
	assert_non_null(strstr(b.data, "办学类型“一贯制学校”无法识别(可填:小学、初级中学、九年一贯制学校、十二年一贯制学校、完全中学、教学点)"));
	jh_buf_reset(&b);
	jh_diags_format(&d, "en", &b);
	assert_non_null(strstr(b.data, "enter 0 or the number"));
	jh_buf_free(&b);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

/* Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated
 * (tests/fixtures/office-utf16.txt: small.csv's first two rows, made with
 * tr ',' '\t' | iconv -t UTF-16).  Big5 (tests/fixtures/big5.csv: 臺灣學校
 * made with iconv -t BIG5) is refused as Big5, never read as GB18030
 * nonsense; the sample's GB18030 file still reads as GB18030. */
static void test_unicode_text_and_big5(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	size_t len, tlen;
	char *raw, *text = NULL;
	const char *enc = NULL;

	if (load_fixture(ds, "office-utf16.txt", &d)) {
		jh_buf b = JH_BUF_INIT;
		jh_diags_format(&d, "en", &b);
		fail_msg("utf16: %s", b.data);
	}
	assert_int_equal(jh_dataset_count(ds), 2);
	assert_string_equal(jh_dataset_find(ds, "1101010002", 2024)->school_name, "西关小学");
	assert_true(jh_dataset_find(ds, "1101010002", 2024)->v[JH_F_EQUIPMENT_VALUE] == 800000);

	raw = fixture("big5.csv", &len);
	assert_int_equal(jh_to_utf8(raw, len, &text, &tlen, &enc), JH_ERR_ENCODING);
	assert_string_equal(enc, "BIG5");
	assert_null(text);
	free(raw);

	enc = NULL;
	raw = malloc(1 << 20);
	{
		FILE *f = fopen("data/sample/gb18030/schools-2024.csv", "rb");
		assert_non_null(f);
		len = fread(raw, 1, 1 << 20, f);
		fclose(f);
	}
	assert_int_equal(jh_to_utf8(raw, len, &text, &tlen, &enc), JH_OK);
	assert_string_equal(enc, "GB18030");
	assert_non_null(strstr(text, "学校"));
	free(text);
	free(raw);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

/* An old .xls workbook (tests/fixtures/schools.xls, written by
 * tools/make_xls_fixture.py: BIFF8 in OLE2 by hand) read through
 * libfreexl: numbers as numbers come out as their shortest text, the
 * title row and the 合计 row are skipped, and the two schools are
 * small.csv's first two.  Bytes that are not a workbook are refused. */
static void test_xls_workbook(void **state)
{
	(void)state;
	size_t len, ntabs = 0;
	char *raw = fixture("schools.xls", &len);
	jh_table **tabs = NULL;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jh_xls_read(raw, len, "schools.xls", &tabs, &ntabs, &d), JH_OK);
	assert_int_equal(ntabs, 1);
	assert_string_equal(tabs[0]->sheet, "学校基本情况");
	/* Row 4 of the sheet (line 4): 1101010001 as text, 2024 and
	 * 1100000 as numbers. */
	assert_int_equal(tabs[0]->rows[3].line, 4);
	assert_string_equal(jh_table_cell(tabs[0], 3, 0), "1101010001");
	assert_string_equal(jh_table_cell(tabs[0], 3, 3), "2024");
	assert_string_equal(jh_table_cell(tabs[0], 3, 19), "1100000");
	assert_string_equal(jh_table_cell(tabs[0], 4, 3), "2024年");
	assert_int_equal(jh_dataset_add_table(ds, tabs[0], &d), JH_OK);
	assert_int_equal(jh_dataset_count(ds), 2);
	assert_true(jh_dataset_find(ds, "1101010001", 2024)->v[JH_F_EQUIPMENT_VALUE] == 1100000);
	assert_true(jh_dataset_find(ds, "1101010001", 2024)->v[JH_F_STUDENTS_JUNIOR] == 0);
	assert_true(jh_dataset_find(ds, "1101010002", 2024)->v[JH_F_TEACHING_AREA] == 2000);
	assert_int_equal(count_problem(&d, JH_P_NOTE_TOTAL_ROW), 1);
	assert_int_equal(jh_diags_errors(&d), 0);
	jh_table_free(tabs[0]);
	free(tabs);
	free(raw);
	jh_diags_free(&d);

	assert_int_equal(jh_xls_read("not a workbook", 14, "x.xls", &tabs, &ntabs, &d),
	                 JH_ERR_FORMAT);
	assert_int_equal(ntabs, 0);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_XLS);
	jh_dataset_free(ds);
	jh_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quotes_and_lines),
		cmocka_unit_test(test_csv_bad_quotes),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_template_chinese_headers_title_rows_extras),
		cmocka_unit_test(test_template_errors),
		cmocka_unit_test(test_template_missing_and_duplicate_columns),
		cmocka_unit_test(test_template_across_files),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_absurd_values),
		cmocka_unit_test(test_standard_national),
		cmocka_unit_test(test_standard_embedded_is_the_file),
		cmocka_unit_test(test_standard_local),
		cmocka_unit_test(test_office_csv_reads_as_template),
		cmocka_unit_test(test_office_csv_refusals),
		cmocka_unit_test(test_unicode_text_and_big5),
		cmocka_unit_test(test_xls_workbook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
