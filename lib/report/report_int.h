/*
** report_int.h — the report layer's internal interface (lib/report).
**
** What the builders of lib/report share: the data of a county-year or of
** an area's counties, loaded and judged (load.c); workbooks with the
** house formats (book.c, libxlsxwriter); the PDF document engine (pdf.c,
** chart.c: cairo + pango); and one builder function per kind, called by
** jh_report_build (report.c) once the request and the caller's access
** have been checked.
**
** A builder appends the whole document to out or nothing: it builds into
** its own jh_buf and appends only on success (jhBookClose and jhPdfFinish
** do this).  Builders read through the layers below; they decide nothing
** the evaluation, the verdict or the cycle has not decided.
*/
#ifndef JH_REPORT_INT_H
#define JH_REPORT_INT_H

#include "junheng/report.h"
#include "cycle/cycle_int.h"

#include <xlsxwriter.h>

/* --- the request's language ------------------------------------------- */

/* rq->lang as the renderers take it: "en" or "zh". */
const char *jhReportLang(const jh_report_request *rq);
/* s in zh or en by lang (for the many two-language literals). */
#define JH_L(lang, zh, en) ((lang)[0] == 'e' ? (en) : (zh))

/* --- data (load.c) ------------------------------------------------------ */

/* One county-year, evaluated and judged.  Everything is owned by the
 * struct (jhCountyDataFree); pointers into L stay valid while it lives. */
typedef struct jhCountyData {
	jhLoaded L;               /* rows of the county-year, its records, areas */
	size_t county;            /* index into L.res->counties */
	jh_verdict verdict;       /* the four parts, all items */
	char county_name[128];    /* 云岭县 ("" when not named) */
	char full_name[160];      /* 江州市云岭县 */
	char city_code[8], city_name[128];
	char title[200];          /* jh_county_title: "369904 江州市云岭县" */
	char generated[16];       /* the store's today, YYYY-MM-DD */
} jhCountyData;
/* Load county-year rq->area, rq->year as after rq->as_of with rq->std.
 * JH_ERR_NOTFOUND (JH_P_NOT_FOUND naming the county) when it has no
 * school.  On error *cd is still the caller's to free. */
jh_code jhCountyDataLoad(jh_store *s, const jh_report_request *rq,
                         jhCountyData *cd, jh_diags *d);
void jhCountyDataFree(jhCountyData *cd);

/* Every county of year `year` within area `area` (a city or province; a
 * county gives itself): L holds the year's rows of all counties, and
 * counties[] the indexes into L.res->counties of those within the area,
 * by county code.  JH_ERR_NOTFOUND (JH_P_NOT_FOUND naming the area and
 * year) when none has schools. */
typedef struct jhAreaData {
	jhLoaded L;
	size_t *counties, n;
	char area_name[160];      /* 江州市 */
	char title[200];          /* "369900 江州市" */
	char generated[16];
} jhAreaData;
jh_code jhAreaDataLoad(jh_store *s, const jh_report_request *rq,
                       jhAreaData *ad, jh_diags *d);
void jhAreaDataFree(jhAreaData *ad);

/* The store's today as YYYY-MM-DD (JUNHENG_TODAY in tests). */
void jhReportToday(jh_store *s, char out[16]);

/* --- workbooks (book.c) -------------------------------------------------- */

/* A workbook being written with the house formats.  libxlsxwriter writes
 * to a file: the book is written to a private temporary file, read back
 * into out by jhBookClose and removed, whatever happens.
 *
 *   fmt_title     the form's title: bold, 16 pt, centred
 *   fmt_sub       the line under the title (county, year, date): 10 pt
 *   fmt_head      a header cell: bold, centred, wrapped, bordered, grey
 *   fmt_text      a bordered text cell; fmt_wrap the same, wrapped
 *   fmt_num[k]    a bordered number with k decimals (k = 0..3)
 *   fmt_pct[k]    a bordered percentage with k decimals (0.953 → 95.3%)
 *   fmt_*_fail    the same highlighted as failing (Excel's "bad": fill
 *                 FFC7CE, font 9C0006), for cells the standard fails
 *   fmt_blank     a bordered empty cell the office must fill (pale
 *                 yellow FFF2CC), never a made-up value
 *   fmt_note      a footnote: wrapped, 9 pt, no border
 */
typedef struct jhBook {
	lxw_workbook *wb;
	char path[64];
	const char *lang;
	lxw_format *fmt_title, *fmt_sub, *fmt_head, *fmt_text, *fmt_wrap;
	lxw_format *fmt_num[4], *fmt_num_fail[4], *fmt_pct[4], *fmt_pct_fail[4];
	lxw_format *fmt_text_fail, *fmt_blank, *fmt_note, *fmt_date;
} jhBook;
/* Create the workbook in a temporary file (JH_ERR_IO with
 * JH_P_REPORT_WRITE when it cannot be created). */
jh_code jhBookOpen(jhBook *b, const char *lang, jh_diags *d);
/* A new sheet named `name` (as the form names it: 表Ⅰ …), A4, landscape
 * when `landscape`, fitted to the page's width, rows 0 .. repeat_rows-1
 * repeated on every printed page (0: none), the header/footer giving
 * `footer` (the county, year and date generated) and the page number. */
lxw_worksheet *jhBookSheet(jhBook *b, const char *name, int landscape,
                           int repeat_rows, const char *footer);
/* Finish the workbook, append its bytes to out and remove the file.
 * JH_ERR_IO (JH_P_REPORT_WRITE naming libxlsxwriter's reason) when it
 * cannot be written. */
jh_code jhBookClose(jhBook *b, jh_buf *out, jh_diags *d);
/* Give up a workbook (after an error): nothing is kept. */
void jhBookAbort(jhBook *b);
/* Write v with k decimals (fmt_num[k] or its fail form); NaN writes the
 * blank cell (fmt_blank). */
void jhBookNum(jhBook *b, lxw_worksheet *ws, int row, int col, double v,
               int k, int fail);
/* A percentage of a fraction v (0.953 → 95.3%) with k decimals. */
void jhBookPct(jhBook *b, lxw_worksheet *ws, int row, int col, double v,
               int k, int fail);
/* Text (always as a string, never a formula), fmt_text or fail. */
void jhBookText(jhBook *b, lxw_worksheet *ws, int row, int col,
                const char *s, int fail);

/* book_common.c: what the county, city, ledger and template workbooks
 * share.  The line under a title and in the footer: "369904 江州市云岭县
 * 2024年度 生成日期 2025-06-10" (year 0: without the year). */
void jhBookSubline(const char *lang, const char *title, int year,
                   const char *generated, char *out, size_t cap);
/* Rows 0 and 1 of a sheet: the title and the subline, merged over
 * columns 0 .. lastcol. */
void jhBookHead(jhBook *b, lxw_worksheet *ws, int lastcol, const char *title,
                const char *sub);
/* 是/否, yes/no. */
const char *jhBookYes(const char *lang, int yes);
/* "='Sheet'!$A$1:$B$2": rows and columns 0-based, for chart series and
 * list validations. */
void jhBookRange(const char *sheet, int r1, int c1, int r2, int c2,
                 char *out, size_t cap);
/* Every problem (and notice) of `from` recorded in d too. */
void jhDiagsCopy(jh_diags *d, const jh_diags *from);

/* --- PDF documents (pdf.c, chart.c) -------------------------------------- */

/* A document drawn with cairo on A4 pages, text set with pango in Noto
 * CJK (embedded in the PDF).  Calls add content at the current position
 * and break pages as needed; the first error is kept and returned by
 * jhPdfFinish (calls after it do nothing).  Every page but the title
 * page carries the running header (`header`) and its page number
 * (第 N 页 / Page N) at the foot. */
typedef struct jhPdf jhPdf;
/* NULL when out of memory.  lang chooses the page-number words. */
jhPdf *jhPdfNew(const char *lang, const char *header);
/* The PDF's bytes appended to out (JH_ERR_IO with JH_P_REPORT_WRITE when
 * cairo failed); p is freed either way. */
jh_code jhPdfFinish(jhPdf *p, jh_buf *out, jh_diags *d);
void jhPdfFree(jhPdf *p);
/* A title page: title (large, centred), subtitle, then lines (issuing
 * office, date …) centred below; the next content starts a new page. */
void jhPdfTitlePage(jhPdf *p, const char *title, const char *subtitle,
                    const char *const *lines, size_t n);
/* Heading of level 1 (一、…) or 2; kept with what follows it. */
void jhPdfHeading(jhPdf *p, int level, const char *text);
/* A paragraph of plain text (not markup), wrapped to the page. */
void jhPdfPara(jhPdf *p, const char *text);
void jhPdfPageBreak(jhPdf *p);
/* A conditional page break: a new page unless mm millimetres are left
 * below the current position (call it before a heading whose section
 * should start with more than the heading's keep-with-next block, e.g. a
 * paragraph and the first rows of a table). */
void jhPdfNeed(jhPdf *p, double mm);
/* Tables: columns with widths in millimetres and alignment; rows break
 * across pages and the header row is repeated on every page.  Cells are
 * plain text, wrapped within their column. */
enum { JH_PDF_LEFT = 0, JH_PDF_RIGHT, JH_PDF_CENTER };
typedef struct jhPdfCol {
	const char *head;
	double width_mm;
	int align;
} jhPdfCol;
#define JH_PDF_ROW_FAIL 1u    /* the row's failing cells: red text */
#define JH_PDF_ROW_BOLD 2u    /* a total row */
void jhPdfTableBegin(jhPdf *p, const jhPdfCol *cols, size_t n);
/* cells[n]; fail_mask bit i marks cell i as failing (red), flags as above. */
void jhPdfTableRow(jhPdf *p, const char *const *cells, unsigned fail_mask,
                   unsigned flags);
void jhPdfTableEnd(jhPdf *p);
/* A bar chart drawn as vectors: one bar per entry with its value written
 * above it, a dashed line at each entry's limit (limit NaN: none), bars
 * over their limit (when fail) in red; y from 0.  height in mm. */
typedef struct jhPdfBar {
	const char *label;
	double value, limit;
	int fail;
} jhPdfBar;
void jhPdfBarChart(jhPdf *p, const char *title, const jhPdfBar *bars,
                   size_t n, double height_mm);
/* A line chart (trends): x labels, series of nx values each (NaN: a gap),
 * an optional dashed limit line (NaN: none). */
typedef struct jhPdfSeries {
	const char *name;
	const double *y;
} jhPdfSeries;
void jhPdfLineChart(jhPdf *p, const char *title, const char *const *xlabels,
                    size_t nx, const jhPdfSeries *series, size_t ns,
                    double limit, double height_mm);

/* --- the builders, one per kind (called by report.c) --------------------- */

typedef jh_code (*jhReportFn)(jh_store *s, const jh_user *who,
                              const jh_report_request *rq, jh_buf *out,
                              jh_diags *d);
jh_code jhReportApplication(jh_store *s, const jh_user *who,
                            const jh_report_request *rq, jh_buf *out, jh_diags *d);
jh_code jhReportCounty(jh_store *s, const jh_user *who,
                       const jh_report_request *rq, jh_buf *out, jh_diags *d);
jh_code jhReportCity(jh_store *s, const jh_user *who,
                     const jh_report_request *rq, jh_buf *out, jh_diags *d);
jh_code jhReportLedger(jh_store *s, const jh_user *who,
                       const jh_report_request *rq, jh_buf *out, jh_diags *d);
jh_code jhReportTemplate(jh_store *s, const jh_user *who,
                         const jh_report_request *rq, jh_buf *out, jh_diags *d);
jh_code jhReportSelfEvaluation(jh_store *s, const jh_user *who,
                               const jh_report_request *rq, jh_buf *out, jh_diags *d);
jh_code jhReportReview(jh_store *s, const jh_user *who,
                       const jh_report_request *rq, jh_buf *out, jh_diags *d);
jh_code jhReportNotice(jh_store *s, const jh_user *who,
                       const jh_report_request *rq, jh_buf *out, jh_diags *d);
jh_code jhReportSchool(jh_store *s, const jh_user *who,
                       const jh_report_request *rq, jh_buf *out, jh_diags *d);

#endif
