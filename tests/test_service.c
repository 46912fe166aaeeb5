/*
** test_service.c — the service layer (lib/service): problems as JSON,
** import files read from memory (CSV, XLSX), the import's summary, and
** the operations over a store against figures worked out by hand.
*/
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define AREAS_CSV \
	"province_code,province_name,city_code,city_name,county_code,county_name\n" \
	"110000,北京市,110100,市辖区,110101,东城区\n"

/* A primary school of 1000 pupils meeting every resource threshold (see
 * test_verdict.c: 50 qualified = 5.0 ≥ 4.2 per 100, …). */
#define ROW_OK "1101010001,甲小学,110101,2024,primary,,1000,0,0,50,0,20,0,10,0,60,0,5000,8000,2100000,30\n"
/* Line 3: students_primary (the 7th column, G) is 四百. */
#define ROW_BAD "1101010002,乙小学,110101,2024,primary,,四百,0,0,50,0,20,0,10,0,60,0,5000,8000,2100000,30\n"

static void fail_diags(const char *what, jh_code rc, const jh_diags *d)
{
	jh_buf b = JH_BUF_INIT;
	jh_diags_format(d, "en", &b);
	fail_msg("%s: %s\n%s", what, jh_code_str(rc, "en"), b.data ? b.data : "");
}

/* --- problems as JSON ------------------------------------------------ */

static void test_diags_json_escaping(void **state)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;

	(void)state;
	/* A quote and a backslash in the file name; a tab and a newline in
	 * the sheet's; control byte 0x01 and a quote in the argument; CJK as
	 * is.  Column 28 = 26 + 2 → "AB". */
	jh_diags_add(&d, JH_P_NOT_NUMBER, "a\"b\\c.csv", "表\t1\n", 12, 28,
	             "小学在校生数", "x\x01\"y", NULL);
	/* No place at all: every place field null; a notice. */
	jh_diags_note(&d, JH_P_EMPTY_FILE, NULL, NULL, 0, 0, NULL, NULL, NULL);
	jh_diags_json(&d, &out);
	assert_false(out.oom);
	assert_string_equal(out.data,
		"[{\"file\":\"a\\\"b\\\\c.csv\",\"sheet\":\"表\\t1\\n\",\"line\":12,"
		"\"column\":\"AB\",\"column_number\":28,\"column_name\":\"小学在校生数\","
		"\"message_zh\":\"“x\\u0001\\\"y”不是数字\","
		"\"message_en\":\"'x\\u0001\\\"y' is not a number\",\"note\":false},"
		"{\"file\":null,\"sheet\":null,\"line\":null,\"column\":null,"
		"\"column_number\":null,\"column_name\":null,"
		"\"message_zh\":\"文件为空\",\"message_en\":\"the file is empty\",\"note\":true}]");
	jh_buf_free(&out);
	jh_diags_free(&d);
}

static void test_diags_json_letters_and_dropped(void **state)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;

	(void)state;
	d.limit = 2;
	/* Columns 26 → Z, 27 → AA, 702 = 26·26 + 26 → ZZ, 703 → AAA. */
	jh_diags_add(&d, JH_P_EMPTY_VALUE, "f", NULL, 1, 26, NULL, NULL, NULL);
	jh_diags_add(&d, JH_P_EMPTY_VALUE, "f", NULL, 1, 27, NULL, NULL, NULL);
	jh_diags_add(&d, JH_P_EMPTY_VALUE, "f", NULL, 1, 702, NULL, NULL, NULL);
	jh_diags_json(&d, &out);
	assert_non_null(strstr(out.data, "\"column\":\"Z\",\"column_number\":26"));
	assert_non_null(strstr(out.data, "\"column\":\"AA\",\"column_number\":27"));
	/* The third was dropped at the limit of 2: one closing entry says so. */
	assert_null(strstr(out.data, "\"column_number\":702"));
	assert_non_null(strstr(out.data, "\"message_zh\":\"……另有 1 个问题未列出\","
	                                 "\"message_en\":\"... and 1 more problems\""));
	jh_buf_reset(&out);
	jh_diags_free(&d);
	jh_diags_add(&d, JH_P_EMPTY_VALUE, "f", NULL, 1, 702, NULL, NULL, NULL);
	jh_diags_add(&d, JH_P_EMPTY_VALUE, "f", NULL, 1, 703, NULL, NULL, NULL);
	jh_diags_json(&d, &out);
	assert_non_null(strstr(out.data, "\"column\":\"ZZ\",\"column_number\":702"));
	assert_non_null(strstr(out.data, "\"column\":\"AAA\",\"column_number\":703"));
	jh_buf_free(&out);
	jh_diags_free(&d);
	/* No problem: an empty array. */
	jh_diags_json(&d, &out);
	assert_string_equal(out.data, "[]");
	jh_buf_free(&out);
}

/* --- import sets from memory ----------------------------------------- */

static void test_import_set_csv_error(void **state)
{
	const char *csv = TEST_TEMPLATE_HEADER "\n" ROW_OK ROW_BAD;
	jh_import_set *is = jh_import_set_new(0, 0, 0);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;
	jh_import_stats st;

	(void)state;
	assert_non_null(is);
	assert_int_equal(jh_import_set_add(is, "学校.csv", csv, strlen(csv), &d), JH_ERR_INPUT);
	assert_int_equal(d.count, 1);
	jh_diags_json(&d, &out);
	/* The header is line 1, ROW_OK line 2, ROW_BAD line 3. */
	assert_string_equal(out.data,
		"[{\"file\":\"学校.csv\",\"sheet\":null,\"line\":3,\"column\":\"G\","
		"\"column_number\":7,\"column_name\":\"students_primary\","
		"\"message_zh\":\"“四百”不是数字\",\"message_en\":\"'四百' is not a number\","
		"\"note\":false}]");
	/* A set with a problem is never stored: refused before the store is
	 * touched (NULL would crash). */
	assert_int_equal(jh_import_set_store(NULL, is, NULL, "t", "w", &st, &d), JH_ERR_INPUT);
	jh_buf_free(&out);
	jh_diags_free(&d);
	jh_import_set_free(is);
}

/* Sheet 说明 (notes, no template), sheet 学校 with the header in row 1,
 * a good row 2 and row 3 whose G cell is 四百. */
static void build_book(lxw_workbook *wb)
{
	lxw_worksheet *notes = workbook_add_worksheet(wb, "说明");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "学校");
	const char *hdr = TEST_TEMPLATE_HEADER;
	const char *rows[2] = {ROW_OK, ROW_BAD};
	char cell[128];
	int c = 0;

	worksheet_write_string(notes, 0, 0, "本表由学校填写", NULL);
	for (const char *p = hdr; *p; c++) {
		size_t n = strcspn(p, ",");
		snprintf(cell, sizeof cell, "%.*s", (int)n, p);
		worksheet_write_string(ws, 0, (lxw_col_t)c, cell, NULL);
		p += n + (p[n] == ',');
	}
	for (int r = 0; r < 2; r++) {
		const char *p = rows[r];
		for (c = 0; *p && *p != '\n'; c++) {
			size_t n = strcspn(p, ",\n");
			snprintf(cell, sizeof cell, "%.*s", (int)n, p);
			if (n)
				worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, cell, NULL);
			p += n + (p[n] == ',');
		}
	}
}

static unsigned char *book_bytes(size_t *len)
{
	char path[] = "/tmp/jh_test_service_XXXXXX";
	int fd = mkstemp(path);
	lxw_workbook *wb;
	unsigned char *p;
	FILE *f;
	long n;

	assert_true(fd >= 0);
	close(fd);
	wb = workbook_new(path);
	assert_non_null(wb);
	build_book(wb);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	p = malloc((size_t)n);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	*len = (size_t)n;
	return p;
}

static void test_import_set_xlsx_error(void **state)
{
	size_t len;
	unsigned char *book = book_bytes(&len);
	jh_import_set *is = jh_import_set_new(0, 0, 0);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;

	(void)state;
	/* Recognised by content: the name says nothing of XLSX. */
	assert_int_equal(jh_import_set_add(is, "upload", book, len, &d), JH_ERR_INPUT);
	jh_diags_json(&d, &out);
	/* Only the sheet with the template speaks; its row 3, column G. */
	assert_string_equal(out.data,
		"[{\"file\":\"upload\",\"sheet\":\"学校\",\"line\":3,\"column\":\"G\","
		"\"column_number\":7,\"column_name\":\"students_primary\","
		"\"message_zh\":\"“四百”不是数字\",\"message_en\":\"'四百' is not a number\","
		"\"note\":false}]");
	jh_buf_free(&out);
	jh_diags_free(&d);
	jh_import_set_free(is);
	free(book);
}

/* --- a store ---------------------------------------------------------- */

struct fx {
	char dir[64], path[96];
	jh_store *s;
	jh_diags d;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/jh_test_service.XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/j.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char p[128];

	jh_store_close(f->s);
	jh_diags_free(&f->d);
	for (const char *const *e = (const char *const[]){"", "-wal", "-shm", "-journal", NULL}; *e; e++) {
		snprintf(p, sizeof p, "%s%s", f->path, *e);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static void test_import_set_store(void **state)
{
	struct fx *f = *state;
	const char *areas = AREAS_CSV;
	const char *schools = TEST_TEMPLATE_HEADER "\n" ROW_OK;
	jh_import_set *is = jh_import_set_new(0, 0, 0);
	jh_revisions *revs = NULL;
	jh_import_stats st;
	jh_buf out = JH_BUF_INIT;
	char sha[65];
	jh_code rc;

	assert_int_equal(jh_store_init(f->path, &f->s, &f->d), JH_OK);
	assert_int_equal(jh_import_set_add(is, "areas.csv", areas, strlen(areas), &f->d), JH_OK);
	assert_int_equal(jh_import_set_add(is, "s.csv", schools, strlen(schools), &f->d), JH_OK);
	assert_int_equal(jh_import_set_files(is), 2);
	jh_sha256_hex(schools, strlen(schools), sha);
	assert_string_equal(jh_import_set_file_sha256(is, 1), sha);
	if ((rc = jh_import_set_store(f->s, is, NULL, "张三", "首次导入", &st, &f->d)))
		fail_diags("store", rc, &f->d);
	jh_import_stats_json(&st, NULL, &out);
	/* One school-year, new: each value it gives is a change — its name,
	 * its type and the 15 numbers of the required columns, 2 + 15 = 17
	 * (school_code, county_code and year are its key; parent_code is
	 * blank and location and boarding absent: nothing to record); and
	 * the province, city and county: 3 areas. */
	assert_string_equal(out.data,
		"{\"revision\":1,\"rows\":1,\"added\":1,\"changed\":0,\"unchanged\":0,"
		"\"deleted\":0,\"fields_changed\":17,\"areas_changed\":3,\"items_changed\":0,"
		"\"missing\":[]}");
	/* The revision names both files with their SHA-256, who and why. */
	assert_int_equal(jh_store_revisions(f->s, 1, 0, &revs, &f->d), JH_OK);
	assert_int_equal(jh_revisions_count(revs), 1);
	assert_string_equal(jh_revisions_at(revs, 0)->who, "张三");
	assert_string_equal(jh_revisions_at(revs, 0)->why, "首次导入");
	assert_string_equal(jh_revisions_at(revs, 0)->kind, "import");
	assert_non_null(strstr(jh_revisions_at(revs, 0)->sources, "s.csv"));
	assert_non_null(strstr(jh_revisions_at(revs, 0)->sources, sha));
	jh_revisions_free(revs);
	jh_buf_free(&out);
	jh_import_set_free(is);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diags_json_escaping),
		cmocka_unit_test(test_diags_json_letters_and_dropped),
		cmocka_unit_test(test_import_set_csv_error),
		cmocka_unit_test(test_import_set_xlsx_error),
		cmocka_unit_test_setup_teardown(test_import_set_store, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
