/*
** test_report_pdf.c — the PDF engine (lib/report/pdf.c, chart.c) and the
** self-evaluation report (lib/report/self_evaluation.c).
**
** The engine on its own: a table of 120 rows breaks over pages with its
** header row on every page; the page numbers "第 N 页，共 M 页" on every
** page but the title page; a heading at the foot of a page moves to the
** next page with its paragraph; a chart's labels and values are text in
** the PDF; the Noto CJK fonts are embedded; the first error is kept.
** The PDFs are read back with poppler-utils (pdftotext, pdfinfo,
** pdffonts) and kept under tests/out/ for a person to look at.
*/
#include "testutil.h"
#include "reportutil.h"
#include "report/pdf_int.h"

/* Whole stacks for every allocation: tests/lsan.supp names cairo's own
 * leak by the function it happens in (cairo_surface_finish), which the
 * fast unwinder cannot see through libcairo's frames; a leak of our
 * cairo or pango objects still shows with our functions in it. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

/* --- poppler --------------------------------------------------------- */

/* Save the bytes as tests/out/NAME; the path (static buffer). */
static const char *save(const jh_buf *pdf, const char *name)
{
	static char path[256];

	rpt_save(pdf, name, path);
	return path;
}

/* The output of a shell command (malloc'd; the test fails when it does
 * not exit 0). */
static char *run(const char *cmd)
{
	jh_buf b = JH_BUF_INIT;

	if (rpt_run(cmd, &b))
		fail_msg("'%s' failed", cmd);
	jh_buf_adds(&b, "");
	return b.data;
}

/* The text of page `page` (0: all) of a saved PDF, pdftotext -layout. */
static char *page_text(const char *path, int page)
{
	char cmd[512];

	if (page)
		snprintf(cmd, sizeof cmd, "pdftotext -layout -f %d -l %d '%s' -", page, page, path);
	else
		snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
	return run(cmd);
}

static int pages_of(const char *path)
{
	char cmd[512], *out, *pg;
	int n = -1;

	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
	out = run(cmd);
	if ((pg = strstr(out, "Pages:")))
		n = atoi(pg + 6);
	free(out);
	return n;
}

/* How many times needle occurs in hay. */
static int count_of(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *s = hay; (s = strstr(s, needle)); s += strlen(needle))
		n++;
	return n;
}

#define assert_has(hay, needle) do { \
		if (!strstr((hay), (needle))) \
			fail_msg("'%s' not found in:\n%s", (needle), (hay)); \
	} while (0)
#define assert_has_not(hay, needle) do { \
		if (strstr((hay), (needle))) \
			fail_msg("'%s' found in:\n%s", (needle), (hay)); \
	} while (0)

/* pdffonts: every font embedded, and the Noto CJK ones among them. */
static void assert_fonts_embedded(const char *path)
{
	char cmd[512], *out, *line;
	int cjk = 0;

	snprintf(cmd, sizeof cmd, "pdffonts '%s'", path);
	out = run(cmd);
	/* name type encoding emb sub uni object ID: the header's two lines,
	 * then one per font with "yes" in the emb column. */
	line = strchr(out, '\n');
	assert_non_null(line);
	line = strchr(line + 1, '\n');
	assert_non_null(line);
	for (line++; *line; ) {
		char *end = strchr(line, '\n'), name[128], type[64], enc[64], emb[8];

		if (end)
			*end = 0;
		if (sscanf(line, "%127s %63s %63s %7s", name, type, enc, emb) == 4) {
			/* "CID Type 0C" is three words: the emb column moves */
			char *yes = strstr(line, " yes ");
			if (!yes)
				fail_msg("font not embedded: %s", line);
			cjk += strstr(name, "NotoSansCJK") || strstr(name, "NotoSerifCJK");
		}
		if (!end)
			break;
		line = end + 1;
	}
	if (!cjk)
		fail_msg("no Noto CJK font in:\n%s", out);
	free(out);
}

/* --- the engine ------------------------------------------------------ */

/* 120 rows of a three-column table after a title page: the rows fill
 * several pages, each page repeats the header row, every row is there
 * once, and each body page says "第 N 页，共 M 页". */
static void test_table_breaks(void **state)
{
	static const jhPdfCol cols[] = {
		{"序号", 15, JH_PDF_RIGHT},
		{"学校名称(跨页表头)", 90, JH_PDF_LEFT},
		{"生均教学及辅助用房面积(平方米)", 50, JH_PDF_RIGHT},
	};
	static const char *const lines[] = {"某某县人民政府教育督导室", "2025年6月10日"};
	jhPdf *p = jhPdfNew("zh", "页眉:测试文件");
	jh_buf out = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	const char *path;
	char *all;
	int pages;

	(void)state;
	assert_non_null(p);
	jhPdfTitlePage(p, "表格测试", "副标题", lines, 2);
	jhPdfHeading(p, 1, "一、长表格");
	jhPdfTableBegin(p, cols, 3);
	for (int i = 1; i <= 120; i++) {
		char no[16], name[64], v[32];
		const char *cells[3] = {no, name, v};

		snprintf(no, sizeof no, "%d", i);
		snprintf(name, sizeof name, "第%03d号学校", i);
		snprintf(v, sizeof v, "%d.50", i);
		/* every tenth row fails in its third cell */
		jhPdfTableRow(p, cells, i % 10 == 0 ? 4u : 0u, 0);
	}
	jhPdfTableEnd(p);
	jhPdfPara(p, "表后的段落。");
	assert_int_equal(jhPdfFinish(p, &out, &d), JH_OK);
	assert_true(out.len > 1000);
	assert_memory_equal(out.data, "%PDF-", 5);
	path = save(&out, "engine-table.pdf");

	/* 120 rows of about 17 pt (9 pt text: a line of ~13 pt + 5 pt of
	 * padding) on pages with ~697 pt of room: three pages at least, and
	 * with the title page four or more. */
	pages = pages_of(path);
	assert_true(pages >= 4);
	all = page_text(path, 0);
	for (int i = 1; i <= 120; i++) {
		char name[64];
		snprintf(name, sizeof name, "第%03d号学校", i);
		assert_int_equal(count_of(all, name), 1);
	}
	free(all);
	for (int pg = 1; pg <= pages; pg++) {
		char *t = page_text(path, pg), num[64];

		if (pg == 1) {
			/* the title page: title, lines, no header, no number */
			assert_has(t, "表格测试");
			assert_has(t, "某某县人民政府教育督导室");
			assert_has_not(t, "页眉");
			assert_has_not(t, "第 1 页");
		} else {
			assert_has(t, "学校名称(跨页表头)");
			assert_has(t, "页眉:测试文件");
			snprintf(num, sizeof num, "第 %d 页，共 %d 页", pg - 1, pages - 1);
			assert_has(t, num);
		}
		free(t);
	}
	jh_buf_free(&out);
	jh_diags_free(&d);
}

/* A heading that would end a page goes to the next one with its
 * paragraph. */
static void test_heading_kept(void **state)
{
	jhPdf *p = jhPdfNew("en", "Running header");
	jh_buf out = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	const char *path;
	char *t1, *t2;

	(void)state;
	assert_non_null(p);
	while (p->npages < 1 || p->y < JH_PDF_BOTTOM - 30)
		jhPdfPara(p, "Filler text of the first page.");
	assert_int_equal(p->npages, 1);
	jhPdfHeading(p, 2, "Kept heading");
	jhPdfPara(p, "The paragraph under the kept heading, long enough to wrap over "
	          "more than one line of the column so that it takes some room on "
	          "the page and cannot sit under the heading in thirty points.");
	assert_int_equal(p->npages, 2);
	assert_int_equal(jhPdfFinish(p, &out, &d), JH_OK);
	path = save(&out, "engine-heading.pdf");
	assert_int_equal(pages_of(path), 2);
	t1 = page_text(path, 1);
	t2 = page_text(path, 2);
	assert_has_not(t1, "Kept heading");
	assert_has(t2, "Kept heading");
	assert_has(t2, "The paragraph under");
	assert_has(t1, "Page 1 of 2");
	assert_has(t2, "Page 2 of 2");
	free(t1);
	free(t2);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

/* Charts: the bar chart's labels, values (three decimals for values
 * under 1) and legend; the line chart's x labels and series names. */
static void test_charts(void **state)
{
	static const jhPdfBar bars[] = {
		{"生均教学及辅助用房面积", 0.425, 0.50, 0},
		{"生均体育运动场馆面积", 0.612, 0.50, 1},
		{"生均教学仪器设备值", 0.318, 0.50, 0},
	};
	static const double a[] = {0.61, 0.55, 0.48}, b[] = {0.40, NAN, 0.36};
	static const char *const years[] = {"2022", "2023", "2024"};
	const jhPdfSeries series[] = {{"小学综合差异系数", a}, {"初中综合差异系数", b}};
	jhPdf *p = jhPdfNew("zh", "图表");
	jh_buf out = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	const char *path;
	char *t;

	(void)state;
	assert_non_null(p);
	jhPdfHeading(p, 1, "一、柱状图");
	jhPdfBarChart(p, "差异系数与限值", bars, 3, 80);
	jhPdfHeading(p, 1, "二、折线图");
	jhPdfLineChart(p, "综合差异系数的变化", years, 3, series, 2, 0.50, 70);
	assert_int_equal(jhPdfFinish(p, &out, &d), JH_OK);
	path = save(&out, "engine-charts.pdf");
	assert_fonts_embedded(path);
	t = page_text(path, 0);
	assert_has(t, "差异系数与限值");
	assert_has(t, "0.425");
	assert_has(t, "0.612");
	assert_has(t, "0.318");
	assert_has(t, "限值");
	assert_has(t, "未达标");
	assert_has(t, "2023");
	assert_has(t, "小学综合差异系数");
	assert_has(t, "初中综合差异系数");
	free(t);
	/* wrapped labels: pdftotext -raw reads each label's words in order */
	{
		char cmd[512];
		snprintf(cmd, sizeof cmd, "pdftotext -raw '%s' - | tr -d ' \\n'", path);
		t = run(cmd);
		assert_has(t, "生均教学及辅助用房面积");
		assert_has(t, "生均体育运动场馆面积");
		free(t);
	}
	jh_buf_free(&out);
	jh_diags_free(&d);
}

/* The first error is kept and reported; out stays as it was. */
static void test_errors(void **state)
{
	jhPdf *p = jhPdfNew("zh", "x");
	jh_buf out = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;

	(void)state;
	jh_buf_adds(&out, "keep");
	jhPdfPara(p, "before");
	jhPdfFail(p, JH_ERR_IO, "first");
	jhPdfFail(p, JH_ERR_NOMEM, "second");
	jhPdfPara(p, "after");
	assert_int_equal(jhPdfFinish(p, &out, &d), JH_ERR_IO);
	assert_int_equal(out.len, 4);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_REPORT_WRITE);
	assert_string_equal(d.items[0].arg2, "first");
	jh_diags_free(&d);
	/* no document at all (jhPdfNew out of memory) */
	assert_int_equal(jhPdfFinish(NULL, &out, &d), JH_ERR_NOMEM);
	assert_int_equal(out.len, 4);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

/* Text is never markup: what looks like pango markup is printed as is. */
static void test_plain_text(void **state)
{
	static const jhPdfCol cols[] = {{"<b>名称</b>", 60, JH_PDF_LEFT}};
	const char *cell[] = {"<span foreground=\"red\">学校&amp;</span>"};
	jhPdf *p = jhPdfNew("zh", "<i>x</i>");
	jh_buf out = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	const char *path;
	char *t;

	(void)state;
	jhPdfHeading(p, 1, "<b>标题</b>");
	jhPdfPara(p, "a <b>b</b> & c");
	jhPdfTableBegin(p, cols, 1);
	jhPdfTableRow(p, cell, 0, 0);
	jhPdfTableEnd(p);
	assert_int_equal(jhPdfFinish(p, &out, &d), JH_OK);
	path = save(&out, "engine-plain.pdf");
	t = page_text(path, 0);
	assert_has(t, "<b>标题</b>");
	assert_has(t, "a <b>b</b> & c");
	assert_has(t, "<b>名称</b>");
	assert_has(t, "&amp;");
	free(t);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_breaks),
		cmocka_unit_test(test_heading_kept),
		cmocka_unit_test(test_charts),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_plain_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
