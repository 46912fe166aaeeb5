/*
** test_xlsx.c — unit tests for jh_xlsx_read.
**
** Real workbooks are written at test time with libxlsxwriter (to a temp
** file that is read back and removed); odd ones are put together by hand
** from XML strings with libzip, in memory.  Every broken input must give
** JH_ERR_FORMAT with exactly one JH_P_XLSX diagnostic and no tables.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "junheng.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#define FILE_NAME "t.xlsx"

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

typedef void (*build_fn)(lxw_workbook *wb);

/* Write a workbook with libxlsxwriter and return its bytes. */
static unsigned char *xlsxwriter_bytes(build_fn build, size_t *len)
{
	char path[] = "/tmp/jh_test_xlsx_XXXXXX";
	lxw_workbook *wb;
	unsigned char *p;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	wb = workbook_new(path);
	assert_non_null(wb);
	build(wb);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	p = test_read_file(path, len);
	assert_true(*len > 0);
	unlink(path);
	return p;
}

/* A zip of n (name, text) entries built in memory; stored uncompressed
 * when store != 0 so that tests can patch its headers. */
static unsigned char *zip_bytes(const char *const *names,
                                const char *const *texts, size_t n,
                                int store, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_stat_t st;
	zip_t *za;
	unsigned char *p;
	size_t i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	zip_source_keep(src);
	for (i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, texts[i],
		                                    strlen(texts[i]), 0);
		zip_int64_t idx;

		assert_non_null(s);
		idx = zip_file_add(za, names[i], s, ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		if (store)
			assert_int_equal(zip_set_file_compression(za,
			                 (zip_uint64_t)idx, ZIP_CM_STORE, 0),
			                 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	p = malloc(st.size ? st.size : 1);
	assert_non_null(p);
	assert_int_equal(zip_source_read(src, p, st.size),
	                 (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = (size_t)st.size;
	return p;
}

#define REL_WS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
#define REL_SST "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
#define WS_OPEN "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"

/* A one-sheet workbook ("S1") whose sheet part and shared strings (may
 * be NULL) are given. */
static unsigned char *one_sheet(const char *sheet_xml, const char *sst_xml,
                                size_t *len)
{
	static const char wb[] =
		"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
		"<sheets><sheet name=\"S1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"" REL_WS "\" Target=\"worksheets/sheet1.xml\"/>"
		"<Relationship Id=\"rId2\" Type=\"" REL_SST "\" Target=\"sharedStrings.xml\"/>"
		"</Relationships>";
	const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
	                       "xl/worksheets/sheet1.xml",
	                       "xl/sharedStrings.xml"};
	const char *texts[] = {wb, rels, sheet_xml, sst_xml};

	return zip_bytes(names, texts, sst_xml ? 4 : 3, 0, len);
}

static void free_tables(jh_table **t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		jh_table_free(t[i]);
	free(t);
}

/* Read must fail with JH_ERR_FORMAT, one JH_P_XLSX diagnostic naming the
 * file, no tables; the reason must contain `want` (when not NULL). */
static void expect_format_error(const void *data, size_t len,
                                const char *want)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_table **t = (jh_table **)&d;	/* must be reset to NULL */
	size_t n = 99;

	assert_int_equal(jh_xlsx_read(data, len, FILE_NAME, &t, &n, &d),
	                 JH_ERR_FORMAT);
	assert_null(t);
	assert_int_equal(n, 0);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_XLSX);
	assert_string_equal(d.items[0].file, FILE_NAME);
	assert_non_null(d.items[0].arg);
	if (want && !strstr(d.items[0].arg, want))
		fail_msg("reason '%s' lacks '%s'", d.items[0].arg, want);
	jh_diags_free(&d);
}

static void assert_row(const jh_table *t, size_t r, long line,
                       size_t ncells, const char *const *cells)
{
	size_t i;

	assert_true(r < t->nrows);
	assert_int_equal(t->rows[r].line, line);
	assert_int_equal(t->rows[r].ncells, ncells);
	for (i = 0; i < ncells; i++)
		assert_string_equal(jh_table_cell(t, r, i), cells[i]);
}

/* ------------------------------------------------------------------ */
/* Workbooks written by libxlsxwriter                                   */
/* ------------------------------------------------------------------ */

static void build_school(lxw_workbook *wb)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "学校数据");
	lxw_chartsheet *cs;
	lxw_worksheet *ws3;
	lxw_chart *chart;
	static const char *const head[] = {
		"学校标识码", "学校名称", "年度", "小学在校生数",
		"体育艺术教师比例", "教学仪器设备值(元)"
	};
	lxw_col_t c;

	worksheet_merge_range(ws, 0, 0, 0, 5, "某县2023年义务教育学校办学条件",
	                      NULL);
	for (c = 0; c < 6; c++)
		worksheet_write_string(ws, 1, c, head[c], NULL);
	worksheet_write_string(ws, 2, 0, "3101010001", NULL);
	worksheet_write_string(ws, 2, 1, "第一小学", NULL);
	worksheet_write_number(ws, 2, 2, 2023, NULL);
	worksheet_write_string(ws, 2, 3, "1200", NULL);	/* number as text */
	worksheet_write_number(ws, 2, 4, 0.85, NULL);
	worksheet_write_number(ws, 2, 5, 1234567.5, NULL);
	/* Row 4: A and C filled, B empty. */
	worksheet_write_string(ws, 3, 0, "3101010002", NULL);
	worksheet_write_number(ws, 3, 2, 2023, NULL);
	/* Empty trailing rows 6 and 7 (formatted, no cells). */
	worksheet_set_row(ws, 5, 30, NULL);
	worksheet_set_row(ws, 6, 30, NULL);

	cs = workbook_add_chartsheet(wb, "图表");
	ws3 = workbook_add_worksheet(wb, "Sheet3");
	worksheet_write_number(ws3, 0, 0, 1e-3, NULL);
	worksheet_write_number(ws3, 1, 0, 2, NULL);
	worksheet_write_boolean(ws3, 0, 1, 1, NULL);
	worksheet_write_boolean(ws3, 0, 2, 0, NULL);
	worksheet_write_formula_str(ws3, 0, 3, "=\"a\"&\"b\"", NULL, "ab");
	chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
	chart_add_series(chart, NULL, "=Sheet3!$A$1:$A$2");
	chartsheet_set_chart(cs, chart);
	workbook_add_worksheet(wb, "空表");
}

static void test_xlsxwriter_workbook(void **state)
{
	static const char *const title[] = {"某县2023年义务教育学校办学条件"};
	static const char *const head[] = {
		"学校标识码", "学校名称", "年度", "小学在校生数",
		"体育艺术教师比例", "教学仪器设备值(元)"
	};
	static const char *const r3[] = {
		"3101010001", "第一小学", "2023", "1200", "0.85", "1234567.5"
	};
	static const char *const r4[] = {"3101010002", "", "2023"};
	static const char *const s3r1[] = {"0.001", "TRUE", "FALSE", "ab"};
	static const char *const s3r2[] = {"2"};
	jh_diags d = JH_DIAGS_INIT;
	jh_table **t = NULL;
	size_t n = 0, len;
	unsigned char *p = xlsxwriter_bytes(build_school, &len);

	(void)state;
	assert_int_equal(jh_xlsx_read(p, len, FILE_NAME, &t, &n, &d), JH_OK);
	assert_int_equal(d.count, 0);
	assert_int_equal(n, 3);	/* the chartsheet is skipped */

	assert_string_equal(t[0]->file, FILE_NAME);
	assert_string_equal(t[0]->sheet, "学校数据");
	assert_int_equal(t[0]->nrows, 6);
	assert_row(t[0], 0, 1, 1, title);	/* merged title */
	assert_row(t[0], 1, 2, 6, head);
	assert_row(t[0], 2, 3, 6, r3);
	assert_row(t[0], 3, 4, 3, r4);
	assert_row(t[0], 4, 6, 0, NULL);	/* row 5 is absent */
	assert_row(t[0], 5, 7, 0, NULL);

	assert_string_equal(t[1]->sheet, "Sheet3");
	assert_int_equal(t[1]->nrows, 2);
	assert_row(t[1], 0, 1, 4, s3r1);
	assert_row(t[1], 1, 2, 1, s3r2);

	assert_string_equal(t[2]->sheet, "空表");
	assert_int_equal(t[2]->nrows, 0);

	free_tables(t, n);
	jh_diags_free(&d);
	free(p);
}

static void build_big(lxw_workbook *wb)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "big");
	char s[32];
	lxw_row_t r;
	lxw_col_t c;

	for (r = 0; r < 3000; r++)
		for (c = 0; c < 12; c++) {
			if (c % 2) {
				snprintf(s, sizeof s, "s%u-%u", (unsigned)r,
				         (unsigned)c);
				worksheet_write_string(ws, r, c, s, NULL);
			} else {
				worksheet_write_number(ws, r, c,
				                       r * 100.0 + c + 0.25,
				                       NULL);
			}
		}
}

static void test_many_rows(void **state)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_table **t = NULL;
	size_t n = 0, len;
	unsigned char *p = xlsxwriter_bytes(build_big, &len);

	(void)state;
	assert_int_equal(jh_xlsx_read(p, len, FILE_NAME, &t, &n, &d), JH_OK);
	assert_int_equal(n, 1);
	assert_int_equal(t[0]->nrows, 3000);
	assert_int_equal(t[0]->ncells, 3000 * 12);
	assert_int_equal(t[0]->rows[2999].line, 3000);
	assert_string_equal(jh_table_cell(t[0], 2999, 0), "299900.25");
	assert_string_equal(jh_table_cell(t[0], 2999, 11), "s2999-11");
	assert_string_equal(jh_table_cell(t[0], 17, 4), "1704.25");
	free_tables(t, n);
	jh_diags_free(&d);
	free(p);
}

/* ------------------------------------------------------------------ */
/* Hand-made workbooks                                                  */
/* ------------------------------------------------------------------ */

static void test_handmade(void **state)
{
	static const char wb[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
		"<x:sheets>"
		"<x:sheet name=\"甲\" sheetId=\"1\" r:id=\"rId7\"/>"
		"<x:sheet name=\"missing\" sheetId=\"2\" r:id=\"rId8\"/>"
		"<x:sheet name=\"乙\" sheetId=\"3\" r:id=\"rId9\"/>"
		"<x:sheet name=\"norel\" sheetId=\"4\" r:id=\"rId99\"/>"
		"</x:sheets></x:workbook>";
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId9\" Type=\"" REL_WS "\" Target=\"./worksheets/../worksheets/b.xml\"/>"
		"<Relationship Id=\"rId7\" Type=\"" REL_WS "\" Target=\"/xl/worksheets/a.xml\"/>"
		"<Relationship Id=\"rId8\" Type=\"" REL_WS "\" Target=\"worksheets/nothere.xml\"/>"
		"<Relationship Id=\"rId1\" Type=\"" REL_SST "\" Target=\"/xl/strings.xml\"/>"
		"</Relationships>";
	static const char sst[] =
		"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\" uniqueCount=\"3\">"
		"<si><t>plain</t></si>"
		"<si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space=\"preserve\">文 本</t></r>"
		"<rPh sb=\"0\" eb=\"1\"><t>ふ</t></rPh><phoneticPr fontId=\"1\"/></si>"
		"<si><t>a&amp;b&lt;c</t></si>"
		"</sst>";
	static const char a[] =
		WS_OPEN "<sheetData>"
		"<row r=\"2\">"
		"<c r=\"A2\" t=\"inlineStr\"><is><t>内联</t></is></c>"
		"<c r=\"B2\" t=\"s\"><v>1</v></c>"
		"<c r=\"C2\" t=\"b\"><v>1</v></c>"
		"<c r=\"D2\" t=\"b\"><v>0</v></c>"
		"<c r=\"E2\" t=\"e\"><v>#DIV/0!</v></c>"
		"<c r=\"F2\" t=\"str\"><f>A1&amp;\"c\"</f><v>abc</v></c>"
		"<c r=\"G2\"><v>1.2E-3</v></c>"
		"<c r=\"H2\" t=\"s\"><v>2</v></c>"
		"<c r=\"I2\" s=\"3\"/>"
		"<c r=\"J2\" t=\"inlineStr\"><is><t></t></is></c>"
		"</row>"
		/* no r anywhere: row 3, cells A, B (empty), C */
		"<row><c t=\"s\"><v>0</v></c><c/><c><v>7</v></c></row>"
		/* row 10 from the first cell's reference */
		"<row><c r=\"B10\"><v>1</v></c><c><v>2</v></c></row>"
		/* out of order, and C twice: the last wins */
		"<row r=\"12\"><c r=\"C12\"><v>3</v></c><c r=\"A12\"><v>1</v></c>"
		"<c r=\"C12\"><v>33</v></c></row>"
		"<row r=\"13\"><c r=\"A13\" t=\"inlineStr\"><is><r><t>x</t></r>"
		"<r><t>y</t></r><rPh><t>z</t></rPh></is></c></row>"
		"</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:C1\"/></mergeCells>"
		"</worksheet>";
	static const char b[] =
		"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<x:sheetData><x:row r=\"1\"><x:c r=\"XFD1\"><x:v>far</x:v></x:c></x:row>"
		"</x:sheetData></x:worksheet>";
	const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
	                       "xl/strings.xml", "xl/worksheets/a.xml",
	                       "xl/worksheets/b.xml"};
	const char *texts[] = {wb, rels, sst, a, b};
	static const char *const r2[] = {
		"内联", "富文 本", "TRUE", "FALSE", "#DIV/0!", "abc", "1.2E-3",
		"a&b<c"
	};
	static const char *const r3[] = {"plain", "", "7"};
	static const char *const r10[] = {"", "1", "2"};
	static const char *const r12[] = {"1", "", "33"};
	static const char *const r13[] = {"xy"};
	jh_diags d = JH_DIAGS_INIT;
	jh_table **t = NULL;
	size_t n = 0, len;
	unsigned char *p = zip_bytes(names, texts, 5, 0, &len);

	(void)state;
	assert_int_equal(jh_xlsx_read(p, len, FILE_NAME, &t, &n, &d), JH_OK);
	assert_int_equal(d.count, 0);
	assert_int_equal(n, 2);
	assert_string_equal(t[0]->sheet, "甲");
	assert_int_equal(t[0]->nrows, 5);
	assert_row(t[0], 0, 2, 8, r2);
	assert_row(t[0], 1, 3, 3, r3);
	assert_row(t[0], 2, 10, 3, r10);
	assert_row(t[0], 3, 12, 3, r12);
	assert_row(t[0], 4, 13, 1, r13);
	assert_string_equal(t[1]->sheet, "乙");
	assert_int_equal(t[1]->nrows, 1);
	assert_int_equal(t[1]->rows[0].ncells, 16384);
	assert_string_equal(jh_table_cell(t[1], 0, 16383), "far");
	assert_string_equal(jh_table_cell(t[1], 0, 100), "");
	free_tables(t, n);
	jh_diags_free(&d);
	free(p);
}

/* A row that repeats a column tens of thousands of times keeps one cell
 * per column (the last value) and bounded memory. */
static void test_repeated_cells(void **state)
{
	jh_buf xml = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	jh_table **t = NULL;
	size_t n = 0, len, i;
	unsigned char *p;

	(void)state;
	jh_buf_adds(&xml, WS_OPEN "<sheetData><row r=\"3\">");
	for (i = 0; i < 100000; i++)
		jh_buf_addf(&xml, "<c r=\"%c3\"><v>%zu</v></c>",
		            i % 2 ? 'A' : 'C', i);
	jh_buf_adds(&xml, "</row></sheetData></worksheet>");
	assert_false(xml.oom);
	p = one_sheet(xml.data, NULL, &len);
	assert_int_equal(jh_xlsx_read(p, len, FILE_NAME, &t, &n, &d), JH_OK);
	assert_int_equal(n, 1);
	assert_int_equal(t[0]->nrows, 1);
	assert_int_equal(t[0]->rows[0].line, 3);
	assert_int_equal(t[0]->rows[0].ncells, 3);
	assert_string_equal(jh_table_cell(t[0], 0, 0), "99999");
	assert_string_equal(jh_table_cell(t[0], 0, 1), "");
	assert_string_equal(jh_table_cell(t[0], 0, 2), "99998");
	free_tables(t, n);
	jh_diags_free(&d);
	jh_buf_free(&xml);
	free(p);
}

/* ------------------------------------------------------------------ */
/* Broken input                                                         */
/* ------------------------------------------------------------------ */

static void test_not_zip(void **state)
{
	(void)state;
	expect_format_error("hello", 5, "not a zip archive");
}

static void test_empty(void **state)
{
	(void)state;
	expect_format_error("", 0, "empty");
	expect_format_error(NULL, 0, "empty");
}

static void test_truncated(void **state)
{
	size_t len;
	unsigned char *p = xlsxwriter_bytes(build_school, &len);

	(void)state;
	expect_format_error(p, len / 2, NULL);
	/* The end of the archive (central directory) without the rest. */
	expect_format_error(p + len / 2, len - len / 2, NULL);
	free(p);
}

static void test_legacy_xls(void **state)
{
	static const unsigned char cfb[16] = {
		0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
	};

	(void)state;
	expect_format_error(cfb, sizeof cfb, ".xls");
}

static void test_no_workbook(void **state)
{
	const char *names[] = {"hello.txt", "xl/worksheets/sheet1.xml"};
	const char *texts[] = {"hello", WS_OPEN "<sheetData/></worksheet>"};
	size_t len;
	unsigned char *p = zip_bytes(names, texts, 2, 0, &len);

	(void)state;
	expect_format_error(p, len, "xl/workbook.xml is missing");
	free(p);
}

static void test_malformed_xml(void **state)
{
	static const char ws[] =
		"<?xml version=\"1.0\"?>\n" WS_OPEN "<sheetData>\n"
		"<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\n"
		"<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>\n"
		"<row r=\"3\"><c r=\"A3\"><v>1<</v></c></row>\n"
		"</sheetData></worksheet>";
	jh_diags d = JH_DIAGS_INIT;
	jh_table **t = NULL;
	size_t n = 0, len;
	unsigned char *p = one_sheet(ws, NULL, &len);

	(void)state;
	expect_format_error(p, len,
	                    "xl/worksheets/sheet1.xml line 5: not well-formed");
	/* The diagnostic names the sheet. */
	assert_int_equal(jh_xlsx_read(p, len, FILE_NAME, &t, &n, &d),
	                 JH_ERR_FORMAT);
	assert_string_equal(d.items[0].sheet, "S1");
	jh_diags_free(&d);
	free(p);

	p = one_sheet(WS_OPEN "<sheetData/></worksheet>", "<sst><si><t>x</si></sst>",
	              &len);
	expect_format_error(p, len, "xl/sharedStrings.xml line 1: mismatched tag");
	free(p);
}

static void test_sst_index(void **state)
{
	static const char ws[] =
		WS_OPEN "<sheetData><row r=\"4\"><c r=\"B4\" t=\"s\"><v>2</v></c>"
		"</row></sheetData></worksheet>";
	static const char sst[] = "<sst><si><t>a</t></si><si><t>b</t></si></sst>";
	jh_diags d = JH_DIAGS_INIT;
	jh_table **t = NULL;
	size_t n = 0, len;
	unsigned char *p = one_sheet(ws, sst, &len);

	(void)state;
	expect_format_error(p, len, "shared string index 2 out of range");
	assert_int_equal(jh_xlsx_read(p, len, FILE_NAME, &t, &n, &d),
	                 JH_ERR_FORMAT);
	assert_string_equal(d.items[0].sheet, "S1");
	assert_int_equal(d.items[0].line, 4);
	assert_int_equal(d.items[0].column, 2);
	jh_diags_free(&d);
	free(p);

	/* No shared strings at all. */
	p = one_sheet(ws, NULL, &len);
	expect_format_error(p, len, "out of range (0 strings)");
	free(p);
}

static void test_absurd_refs(void **state)
{
	static const char *const bad[] = {
		"<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>",
		"<row r=\"1\"><c r=\"A1048577\"><v>1</v></c></row>",
		"<row r=\"1\"><c r=\"AAAAAAAAAAAAAAAAAAAAAA1\"><v>1</v></c></row>",
		"<row r=\"1\"><c r=\"A99999999999999999999999\"><v>1</v></c></row>",
		"<row r=\"1048577\"><c><v>1</v></c></row>",
		"<row r=\"-1\"><c><v>1</v></c></row>",
		"<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>",
		"<row r=\"1\"><c r=\"A0\"><v>1</v></c></row>",
		"<row r=\"1\"><c r=\"\"><v>1</v></c></row>",
		"<row r=\"1048576\"/><row/>",
		"<row r=\"1\"><c r=\"一二三四五六七八九十一二三四五六七八九十\"/></row>",
	};
	char xml[512];
	size_t i, len;
	unsigned char *p;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		snprintf(xml, sizeof xml, WS_OPEN "<sheetData>%s</sheetData>"
		         "</worksheet>", bad[i]);
		p = one_sheet(xml, NULL, &len);
		expect_format_error(p, len, "xl/worksheets/sheet1.xml line 1: ");
		free(p);
	}
	/* Long text is quoted clipped, at a character boundary. */
	p = one_sheet(WS_OPEN "<sheetData>" "<row r=\"1\"><c r=\"一二三四五"
	              "六七八九十一二三四五六七八九十\"/></row></sheetData>"
	              "</worksheet>", NULL, &len);
	expect_format_error(p, len, "reference '一二三四五六七八九十一二三...'");
	free(p);
}

static void test_dtd_refused(void **state)
{
	static const char ws[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n"
		WS_OPEN "<sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is>"
		"</c></row></sheetData></worksheet>";
	size_t len;
	unsigned char *p = one_sheet(ws, NULL, &len);

	(void)state;
	expect_format_error(p, len, "document type declarations");
	free(p);
}

/* Patch the uncompressed size of every entry named `name` in a stored
 * zip, in both its local and its central header. */
static void patch_size(unsigned char *p, size_t len, const char *name,
                       uint32_t size)
{
	size_t i, nl = strlen(name);
	int patched = 0;

	for (i = 0; i + 46 + nl <= len; i++) {
		size_t off, nlen;

		if (!memcmp(p + i, "PK\3\4", 4)) {
			off = 22;
			nlen = (size_t)p[i + 26] | (size_t)p[i + 27] << 8;
			if (nlen != nl || memcmp(p + i + 30, name, nl))
				continue;
		} else if (!memcmp(p + i, "PK\1\2", 4)) {
			off = 24;
			nlen = (size_t)p[i + 28] | (size_t)p[i + 29] << 8;
			if (nlen != nl || memcmp(p + i + 46, name, nl))
				continue;
		} else {
			continue;
		}
		p[i + off] = size & 0xFF;
		p[i + off + 1] = size >> 8 & 0xFF;
		p[i + off + 2] = size >> 16 & 0xFF;
		p[i + off + 3] = size >> 24 & 0xFF;
		patched++;
	}
	assert_int_equal(patched, 2);
}

static void test_entry_too_large(void **state)
{
	static const char wb[] =
		"<workbook xmlns:r=\"r\"><sheets><sheet name=\"S1\" r:id=\"rId1\"/>"
		"</sheets></workbook>";
	static const char rels[] =
		"<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
		"</Relationships>";
	const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
	                       "xl/worksheets/sheet1.xml"};
	const char *texts[] = {wb, rels, WS_OPEN "<sheetData/></worksheet>"};
	jh_diags d = JH_DIAGS_INIT;
	jh_table **t = NULL;
	size_t n = 0, len;
	unsigned char *p = zip_bytes(names, texts, 3, 1, &len);

	(void)state;
	/* As built it reads fine (and a rel without Type is accepted). */
	assert_int_equal(jh_xlsx_read(p, len, FILE_NAME, &t, &n, &d), JH_OK);
	assert_int_equal(n, 1);
	free_tables(t, n);
	patch_size(p, len, "xl/worksheets/sheet1.xml", (512u << 20) + 1);
	expect_format_error(p, len, "entry too large");
	free(p);
}

static void test_bad_args(void **state)
{
	jh_table **t;
	size_t n;

	(void)state;
	assert_int_equal(jh_xlsx_read("x", 1, FILE_NAME, NULL, &n, NULL),
	                 JH_ERR_ARG);
	assert_int_equal(jh_xlsx_read("x", 1, FILE_NAME, &t, NULL, NULL),
	                 JH_ERR_ARG);
	assert_int_equal(jh_xlsx_read(NULL, 3, FILE_NAME, &t, &n, NULL),
	                 JH_ERR_ARG);
	/* diags may be NULL: the error code alone is returned. */
	assert_int_equal(jh_xlsx_read("hello", 5, FILE_NAME, &t, &n, NULL),
	                 JH_ERR_FORMAT);
	assert_null(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsxwriter_workbook),
		cmocka_unit_test(test_many_rows),
		cmocka_unit_test(test_handmade),
		cmocka_unit_test(test_repeated_cells),
		cmocka_unit_test(test_not_zip),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_legacy_xls),
		cmocka_unit_test(test_no_workbook),
		cmocka_unit_test(test_malformed_xml),
		cmocka_unit_test(test_sst_index),
		cmocka_unit_test(test_absurd_refs),
		cmocka_unit_test(test_dtd_refused),
		cmocka_unit_test(test_entry_too_large),
		cmocka_unit_test(test_bad_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
