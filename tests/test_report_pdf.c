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
/* whole stacks: see tests/lsan.supp */
#define RPT_PDF_STACKS
#include "reportutil.h"
#include "report/pdf_int.h"

#include <pthread.h>

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
		if (!strstr((hay), (needle))) { \
			fprintf(stderr, "%s\n", (hay)); \
			fail_msg("'%s' not found in the text above", (needle)); \
		} \
	} while (0)
#define assert_has_not(hay, needle) do { \
		if (strstr((hay), (needle))) { \
			fprintf(stderr, "%s\n", (hay)); \
			fail_msg("'%s' found in the text above", (needle)); \
		} \
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

/* Counts (every value whole): no decimals on the bars or the axis (a
 * regression: items overdue per county were written 1.00, with ticks at
 * 0.5).  Values 2, 0, 5: the scale's top 5 × 1.1 = 5.5 gives steps of 2
 * (ticks 0 2 4 6); nothing in the text has a decimal point. */
static void test_chart_counts(void **state)
{
	static const jhPdfBar bars[] = {
		{"甲县", 2, NAN, 0}, {"乙县", 0, NAN, 0}, {"丙县", 5, NAN, 1},
	};
	jhPdf *p = jhPdfNew("zh", "计数");
	jh_buf out = JH_BUF_INIT, text = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;

	(void)state;
	jhPdfBarChart(p, "逾期事项数", bars, 3, 60);
	assert_int_equal(jhPdfFinish(p, &out, &d), JH_OK);
	rpt_pdftext(&out, "engine-counts.pdf", &text);
	assert_has(text.data, "逾期事项数");
	assert_has(text.data, "丙县");
	assert_has(text.data, "6");
	assert_has_not(text.data, ".");
	jh_buf_free(&out);
	jh_buf_free(&text);
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

/* Documents made in several threads at once (the server's workers):
 * each thread has its own pango font map, and every document comes out
 * whole with its page count. */
static void *thread_doc(void *arg)
{
	static const jhPdfCol cols[] = {{"学校", 80, JH_PDF_LEFT}, {"数值", 30, JH_PDF_RIGHT}};
	static const jhPdfBar bars[] = {{"甲", 0.3, 0.5, 0}, {"乙", 0.6, 0.5, 1}};
	jh_buf *out = arg;
	jh_diags d = JH_DIAGS_INIT;
	jhPdf *p = jhPdfNew("zh", "线程");

	jhPdfHeading(p, 1, "并发");
	jhPdfTableBegin(p, cols, 2);
	for (int i = 0; i < 60; i++) {
		const char *cells[2] = {"某某学校", "1.00"};
		jhPdfTableRow(p, cells, 0, 0);
	}
	jhPdfTableEnd(p);
	jhPdfBarChart(p, "图", bars, 2, 60);
	if (jhPdfFinish(p, out, &d))
		out->len = 0;
	jh_diags_free(&d);
	return NULL;
}

static void test_threads(void **state)
{
	pthread_t th[4];
	jh_buf out[4];

	(void)state;
	for (int i = 0; i < 4; i++) {
		jh_buf_init(&out[i]);
		assert_int_equal(pthread_create(&th[i], NULL, thread_doc, &out[i]), 0);
	}
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	for (int i = 0; i < 4; i++) {
		char name[32];
		const char *path;

		assert_true(out[i].len > 1000);
		snprintf(name, sizeof name, "engine-thread-%d.pdf", i);
		path = save(&out[i], name);
		/* A row is a 9 pt line of Noto Sans CJK (1.448 em = 13.0 pt)
		 * and 5 pt of padding: 18.0 pt; a page holds 697.3 pt.  Page 1:
		 * the heading (21.7 + 7) and the header row leave room for
		 * (697.3 − 28.7 − 18.0) / 18.0 = 36 rows; page 2 the other 24
		 * (+ header: 451 pt) and the 60 mm (170 pt) chart: 2 pages. */
		assert_int_equal(pages_of(path), 2);
		jh_buf_free(&out[i]);
	}
}

/* --- the self-evaluation report ------------------------------------- */

/*
** The store holds data/sample's 2024 (areas, schools, county-year
** records, survey), imported on 2025-01-10; the report is made on
** 2025-06-10.  369904 江州市云岭县 fails in 2024 (`junheng verdict
** --county 369904 --year 2024`):
**   资源配置 8 items: seven schools under the per-school rule (乌石小学
**     and 牛角小学 5/7; 高坪乡中学, 竹山乡中学, 岩口乡中学, 大石乡中学 3/7;
**     石门乡中学 2/7) and the junior key teachers' coefficient 0.650 over
**     its limit 0.45 (0.650 − 0.45 = 0.200 over);
**   政府保障程度 2 items: music and art rooms (guarantee.3: 云溪镇中心小学,
**     高坪乡中学), class size (guarantee.5: 云岭县第二中学, 52 > 50);
**   so 8 + 2 = 10 items fail; 46 school stages evaluated, 46 − 7 = 39
**     meet the rule; recognition 88.73%.
*/
static long long clock_at;
static long long fixed_clock(void *ctx)
{
	(void)ctx;
	return clock_at;
}

static char dir[64], dbpath[96];
static jh_store *S;
static jh_user ADMIN, CITY, COUNTY, OTHER_COUNTY;

static int store_setup(void **state)
{
	static const char *const files[] = {
		"data/sample/areas.csv", "data/sample/schools-2024.csv",
		"data/sample/county-2024.csv", "data/sample/survey-2024.csv",
	};
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc;

	(void)state;
	setenv("JUNHENG_TZ", "Asia/Shanghai", 1);
	unsetenv("JUNHENG_TODAY");
	snprintf(dir, sizeof dir, "/tmp/jh_test_report_pdf.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/r.db", dir);
	if ((rc = jh_store_init(dbpath, &S, &d)))
		rpt_print_diags(&d);
	jh_diags_free(&d);
	if (!rc) {
		jh_store_set_clock(S, fixed_clock, NULL);
		clock_at = jhLocalSeconds(2025, 1, 10, 12, 0, 0);
		rc = rpt_import_files(S, files, 4, "示例数据");
		clock_at = jhLocalSeconds(2025, 6, 10, 12, 0, 0);
	}
	ADMIN = rpt_user(JH_ROLE_ADMIN, "", "admin");
	CITY = rpt_user(JH_ROLE_CITY, "369900", "jiangzhou");
	COUNTY = rpt_user(JH_ROLE_COUNTY, "369904", "yunling");
	OTHER_COUNTY = rpt_user(JH_ROLE_COUNTY, "369901", "jiangcheng");
	return rc ? -1 : 0;
}

static int store_teardown(void **state)
{
	(void)state;
	jh_store_close(S);
	rm_rf(dir);
	return 0;
}

/* hay without any white space (pdftotext breaks lines where the PDF
 * wraps them, and -layout pads columns with spaces). */
static char *squeeze(const char *hay)
{
	char *o = malloc(strlen(hay) + 1), *w = o;

	assert_non_null(o);
	for (; *hay; hay++)
		if (*hay != ' ' && *hay != '\n' && *hay != '\f' && *hay != '\t')
			*w++ = *hay;
	*w = 0;
	return o;
}

/* The self-evaluation of county-year (area, year) by `who` in lang, saved
 * as tests/out/NAME.pdf, rendered to tests/out/NAME-N.png at 50 dpi;
 * its text squeezed (free it). */
static char *self_evaluation_std(const jh_user *who, const char *area, int year,
                                 const char *lang, const jh_standard *std,
                                 const char *name)
{
	jh_report_request rq;
	jh_buf out = JH_BUF_INIT, text = JH_BUF_INIT, cmd = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	char file[64], *sq;
	jh_code rc;

	memset(&rq, 0, sizeof rq);
	rq.kind = JH_RK_SELF_EVALUATION;
	rq.area = area;
	rq.year = year;
	rq.lang = lang;
	rq.std = std;
	if ((rc = jh_report_build(S, who, &rq, &out, &d))) {
		rpt_print_diags(&d);
		fail_msg("self-evaluation %s %d: %s", area, year, jh_code_str(rc, "en"));
	}
	snprintf(file, sizeof file, "%s.pdf", name);
	rpt_pdftext(&out, file, &text);
	assert_fonts_embedded(save(&out, file));
	jh_buf_addf(&cmd, "pdftoppm -png -r 50 'tests/out/%s' 'tests/out/%s'", file, name);
	free(run(cmd.data));
	sq = squeeze(text.data);
	jh_buf_free(&out);
	jh_buf_free(&text);
	jh_buf_free(&cmd);
	jh_diags_free(&d);
	return sq;
}

static char *self_evaluation(const jh_user *who, const char *area, int year,
                             const char *lang, const char *name)
{
	return self_evaluation_std(who, area, year, lang, NULL, name);
}

/* a occurs in t before b. */
static void assert_order(const char *t, const char *a, const char *b)
{
	const char *pa = strstr(t, a), *pb = strstr(t, b);

	if (!pa || !pb || pa > pb)
		fail_msg("'%s' is not before '%s'", a, b);
}

static void test_self_evaluation_zh(void **state)
{
	char *t;

	(void)state;
	t = self_evaluation(&COUNTY, "369904", 2024, NULL, "self-evaluation-369904");
	/* the title page */
	assert_has(t, "义务教育优质均衡发展自评报告");
	assert_has(t, "江州市云岭县2024年度");
	assert_has(t, "云岭县人民政府教育督导室");
	assert_has(t, "2025年6月10日");
	/* the verdict in plain words: 8 + 2 = 10 */
	assert_has(t, "按国家标准，本县2024年度尚未达到县域义务教育优质均衡发展要求，"
	              "共有10项未达标(资源配置8项、政府保障程度2项)。");
	/* the sections in the standard's order */
	assert_order(t, "自评结论", "一、资源配置");
	assert_order(t, "一、资源配置", "二、政府保障程度");
	assert_order(t, "二、政府保障程度", "三、教育质量");
	assert_order(t, "三、教育质量", "四、社会认可度");
	assert_order(t, "四、社会认可度", "五、创建规划完成情况");
	assert_order(t, "五、创建规划完成情况", "六、整改台账进展");
	assert_order(t, "六、整改台账进展", "七、存在的问题与整改措施");
	/* resource allocation: the coefficients, the chart, the schools */
	assert_has(t, "（一）小学校际差异系数");
	assert_has(t, "（二）初中校际差异系数");
	assert_has(t, "七项指标校际差异系数中有1项高于限值0.45：每百名学生拥有县级及以上骨干教师数0.650");
	assert_has(t, "初中各项指标校际差异系数与限值");
	/* one year in the store: no trend to draw */
	if (strstr(t, "差异系数变化"))
		fail_msg("a trend chart drawn from one year");
	assert_has(t, "全县参评学校(学段)46个，其中39个达到单校要求");
	assert_has(t, "2136990436石门乡中学");
	assert_has(t, "2/7");
	/* government guarantee: the standard's 15 items as the verdict
	 * judges them, 18 (nearby enrolment per stage, rotation and its key
	 * teachers, certification apart), 2 failing: 18 − 2 = 16 pass */
	assert_has(t, "政府保障程度共18项，达标16项，未达标2项。");
	assert_has(t, "88.73%");
	/* no plan, no ledger: said plainly */
	assert_has(t, "本县尚未录入创建规划(创建方案)，没有可以对照的年度目标。");
	assert_has(t, "本县整改工作台账中尚无事项。");
	/* problems: the coefficient 0.650 − 0.45 = 0.200 over, not in the ledger */
	assert_has(t, "高出限值0.200。");
	assert_has(t, "整改措施：尚未列入整改台账。");
	/* page numbers on the body pages */
	assert_has(t, "第1页，共");
	free(t);
}

/* A plan with two milestones and the ledger generated from the verdict:
 * section 五 counts the milestones, 六 the ledger, 七 shows a measure. */
static void test_self_evaluation_plan_ledger(void **state)
{
	static const char plan[] =
		"{\"version\":0,\"target_year\":2026,\"milestones\":["
		"{\"year\":2024,\"targets\":["
		"{\"measure\":\"cv.junior.key_teachers_per100\",\"max\":0.45},"
		"{\"measure\":\"large_schools\",\"max\":0}]},"
		"{\"year\":2026,\"targets\":[{\"measure\":\"item.guarantee.3\",\"pass\":true}]}]}";
	jh_buf out = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	jh_ledger_gen_stats st;
	jh_ledger_filter f = JH_LEDGER_FILTER_INIT;
	jh_ledger_item *items = NULL;
	size_t n = 0;
	char *t;

	(void)state;
	if (jh_creation_put(S, &CITY, "369904", plan, strlen(plan), &out, &d)) {
		rpt_print_diags(&d);
		fail_msg("plan refused");
	}
	/* 29 items: the seven schools' indicators under threshold (2 + 2 + 4 × 4
	 * + 5 = 25), the rooms at 2 schools and the class size at 1 (3), the
	 * junior key teachers' coefficient (1): 25 + 3 + 1 = 29. */
	assert_int_equal(jh_ledger_generate(S, &COUNTY, "369904", 2024, NULL, &st, &d), JH_OK);
	assert_int_equal(st.created, 29);
	f.area = "369904";
	assert_int_equal(jh_ledger_list(S, &COUNTY, &f, &items, &n, &d), JH_OK);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(items[i].key, "resource.cv.junior.key_teachers_per100")) {
			jh_ledger_change ch = JH_LEDGER_CHANGE_NONE;

			ch.measure = "县域内统筹调配骨干教师到农村初中任教";
			ch.unit = "县教育局";
			ch.deadline = "2025-03-31";   /* before today: overdue */
			assert_int_equal(jh_ledger_update(S, &COUNTY, items[i].id, items[i].version,
			                                  &ch, NULL, &d), JH_OK);
		}
	free(items);

	t = self_evaluation(&COUNTY, "369904", 2024, "zh", "self-evaluation-369904-plan");
	/* 2024's milestone: the coefficient 0.650 > 0.45 misses it; 2026 is
	 * not yet due on 2025-06-10. */
	assert_has(t, "本县创建规划确定的创建目标年度为2026年。");
	assert_has(t, "规划共设年度目标2个：已完成0个，未完成1个，未到期1个，已到期但无数据0个");
	assert_has(t, "1/2");
	assert_has(t, "整改工作台账共有事项29项，已销号0项。截至2025-06-10，逾期未销号1项");
	assert_has(t, "逾期未销号的事项：");
	assert_has(t, "2025-03-31");
	assert_has(t, "整改措施：县域内统筹调配骨干教师到农村初中任教(责任单位：县教育局；完成时限：2025-03-31；进展：");
	free(t);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

static void test_self_evaluation_en(void **state)
{
	char *t;

	(void)state;
	t = self_evaluation(&ADMIN, "369904", 2024, "en", "self-evaluation-369904-en");
	assert_has(t, "Self-evaluationreportonhigh-qualitybalancedcompulsoryeducation");
	assert_has(t, "EducationSupervisionOfficeofthePeople'sGovernmentof云岭县");
	assert_has(t, "Generatedon2025-06-10");
	assert_has(t, "Underthenationalstandard,thecountyhasnotyetreachedhigh-qualitybalanced"
	              "compulsoryeducationin2024:10itemsfail(Resourceallocation8,"
	              "Governmentguarantee2).");
	assert_has(t, "1.Resourceallocation");
	assert_has(t, "7.Problemsandmeasures");
	assert_has(t, "Page1of");
	/* one language: none of the Chinese words of the report */
	assert_has_not(t, "自评结论");
	assert_has_not(t, "资源配置");
	assert_has_not(t, "达标");
	assert_has_not(t, "第1页");
	free(t);
}

/* 369901 江城区 passes in 2024. */
static void test_self_evaluation_pass(void **state)
{
	char *t;

	(void)state;
	t = self_evaluation(&CITY, "369901", 2024, NULL, "self-evaluation-369901");
	assert_has(t, "按国家标准，本县2024年度达到县域义务教育优质均衡发展要求，评估的");
	assert_has(t, "项全部达标。");
	assert_has(t, "按本年度数据，各项评估内容均未发现不达标的问题。");
	free(t);
}

/* The standard named: the national one passed explicitly (as the server
 * does) is still "按国家标准" — a regression: it said the standard's full
 * name — and a local one is named. */
static void test_self_evaluation_standard(void **state)
{
	jh_standard nat, local;
	jh_diags d = JH_DIAGS_INIT;
	size_t len;
	unsigned char *text = test_read_file("tests/fixtures/strict.std", &len);
	char *t;

	(void)state;
	assert_int_equal(jh_standard_national(&nat, &d), JH_OK);
	assert_int_equal(jh_standard_parse((const char *)text, len, "strict.std", NULL, &local, &d),
	                 JH_OK);
	free(text);
	t = self_evaluation_std(&ADMIN, "369904", 2024, NULL, &nat, "self-evaluation-369904-nat");
	assert_has(t, "按国家标准，本县2024年度尚未达到");
	free(t);
	t = self_evaluation_std(&ADMIN, "369904", 2024, NULL, &local, "self-evaluation-369904-local");
	assert_has(t, "按测试省标准，本县2024年度");
	free(t);
	t = self_evaluation_std(&ADMIN, "369904", 2024, "en", &local, "self-evaluation-369904-local-en");
	assert_has(t, "UnderthestandardTestprovincestandard,");
	free(t);
	jh_diags_free(&d);
}

/* Refused: another county's office; a year without schools. */
static void test_self_evaluation_refused(void **state)
{
	jh_report_request rq;
	jh_buf out = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;

	(void)state;
	memset(&rq, 0, sizeof rq);
	rq.kind = JH_RK_SELF_EVALUATION;
	rq.area = "369904";
	rq.year = 2024;
	assert_int_equal(jh_report_build(S, &OTHER_COUNTY, &rq, &out, &d), JH_ERR_DENIED);
	assert_int_equal(out.len, 0);
	jh_diags_free(&d);
	rq.year = 2019;
	assert_int_equal(jh_report_build(S, &ADMIN, &rq, &out, &d), JH_ERR_NOTFOUND);
	assert_int_equal(out.len, 0);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

/* With 2023 imported too, each stage's coefficients are drawn over the
 * two years under its table (the line chart's title and its x labels);
 * the 2024 figures and the verdict do not change. */
static void test_self_evaluation_trend(void **state)
{
	static const char *const y2023[] = {"data/sample/schools-2023.csv"};
	char *t;

	(void)state;
	assert_int_equal(rpt_import_files(S, y2023, 1, "2023 年数据"), JH_OK);
	t = self_evaluation(&COUNTY, "369904", 2024, NULL, "self-evaluation-369904-trend");
	assert_has(t, "小学各项指标校际差异系数变化(2023—2024年)");
	assert_has(t, "初中各项指标校际差异系数变化(2023—2024年)");
	assert_order(t, "初中各项指标校际差异系数与限值", "初中各项指标校际差异系数变化");
	assert_has(t, "共有10项未达标");
	free(t);
	t = self_evaluation(&COUNTY, "369904", 2024, "en", "self-evaluation-369904-trend-en");
	assert_has(t, "Primary:coefficientsofvariation,2023-2024");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_breaks),
		cmocka_unit_test(test_heading_kept),
		cmocka_unit_test(test_charts),
		cmocka_unit_test(test_chart_counts),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_threads),
	};
	/* test_self_evaluation_zh runs before the plan and the ledger exist */
	const struct CMUnitTest reports[] = {
		cmocka_unit_test(test_self_evaluation_zh),
		cmocka_unit_test(test_self_evaluation_en),
		cmocka_unit_test(test_self_evaluation_pass),
		cmocka_unit_test(test_self_evaluation_standard),
		cmocka_unit_test(test_self_evaluation_refused),
		cmocka_unit_test(test_self_evaluation_plan_ledger),
		cmocka_unit_test(test_self_evaluation_trend),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	return failed + cmocka_run_group_tests(reports, store_setup, store_teardown);
}
