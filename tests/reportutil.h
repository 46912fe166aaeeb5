/*
** reportutil.h — reading back what lib/report writes, for the tests.
**
** Workbooks are read with the project's own reader (jh_xlsx_read) for
** their text and numbers, and opened as the zip they are (libzip) for
** what a reader of values does not see: fills of highlighted cells,
** merged ranges, print settings.  PDFs are read with poppler-utils
** (pdftotext, pdffonts, pdftoppm), run on a file under tests/out/.
** Include after testutil.h; link with -lzip (in LIBS already).
*/
#pragma once
#include <zip.h>
#include <sys/stat.h>

/* A test that makes PDFs defines RPT_PDF_STACKS before including this:
 * ASan then records whole allocation stacks for that binary, which
 * tests/lsan.supp needs to tell cairo's own leak (cairo_surface_finish)
 * from ours (see the file). */
#ifdef RPT_PDF_STACKS
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}
#endif

/* The sheet named `name` of the workbook in x (jh_xlsx_read); the caller
 * frees it with jh_table_free.  Fails the test when absent. */
static inline jh_table *rpt_sheet(const jh_buf *x, const char *name)
{
	jh_table **t = NULL, *found = NULL;
	size_t n = 0;
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jh_xlsx_read(x->data, x->len, "report.xlsx", &t, &n, &d), JH_OK);
	for (size_t i = 0; i < n; i++) {
		if (!found && t[i]->sheet && !strcmp(t[i]->sheet, name))
			found = t[i];
		else
			jh_table_free(t[i]);
	}
	free(t);
	jh_diags_free(&d);
	if (!found)
		fail_msg("no sheet named %s", name);
	return found;
}

/* Cell at spreadsheet row `row` (1-based, as Excel numbers it) and
 * column `col` (1-based), "" when empty. */
static inline const char *rpt_cell(const jh_table *t, long row, size_t col)
{
	for (size_t r = 0; r < t->nrows; r++)
		if (t->rows[r].line == row)
			return jh_table_cell(t, r, col - 1);
	return "";
}

/* The zip part `name` (e.g. "xl/styles.xml") of x into out (NUL-ended);
 * 0, or -1 when absent. */
static inline int rpt_part(const jh_buf *x, const char *name, jh_buf *out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	zip_file_t *f;
	char chunk[8192];
	zip_int64_t n;

	zip_error_init(&ze);
	src = zip_source_buffer_create(x->data, x->len, 0, &ze);
	assert_non_null(src);
	z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(z);
	if (!(f = zip_fopen(z, name, 0))) {
		zip_close(z);
		return -1;
	}
	while ((n = zip_fread(f, chunk, sizeof chunk)) > 0)
		jh_buf_add(out, chunk, (size_t)n);
	jh_buf_addc(out, 0);
	out->len--;
	zip_fclose(f);
	zip_discard(z);
	return 0;
}

/* The XML of sheet `name`: libxlsxwriter writes the sheets as
 * xl/worksheets/sheetN.xml in the order of xl/workbook.xml. */
static inline void rpt_sheet_xml(const jh_buf *x, const char *name, jh_buf *out)
{
	jh_buf wb = JH_BUF_INIT;
	char want[256], part[64];
	const char *p;
	int n = 0;

	assert_int_equal(rpt_part(x, "xl/workbook.xml", &wb), 0);
	snprintf(want, sizeof want, "<sheet name=\"%s\"", name);
	for (p = wb.data; (p = strstr(p, "<sheet ")); p++) {
		n++;
		if (!strncmp(p, want, strlen(want)))
			break;
	}
	if (!p)
		fail_msg("no sheet named %s in workbook.xml", name);
	snprintf(part, sizeof part, "xl/worksheets/sheet%d.xml", n);
	assert_int_equal(rpt_part(x, part, out), 0);
	jh_buf_free(&wb);
}

/* The fill colour (e.g. "FFFFC7CE") of cell `ref` ("C5") of sheet
 * `name`, or "" when it has none. */
static inline void rpt_cell_fill(const jh_buf *x, const char *name,
                                 const char *ref, char out[16])
{
	jh_buf sh = JH_BUF_INIT, st = JH_BUF_INIT;
	char want[32];
	const char *p, *xfs;
	long s = 0, fill = 0;

	out[0] = 0;
	rpt_sheet_xml(x, name, &sh);
	snprintf(want, sizeof want, "<c r=\"%s\"", ref);
	if ((p = strstr(sh.data, want)) && (p = strstr(p, " s=\"")) &&
	    p < strchr(strstr(sh.data, want), '>'))
		s = strtol(p + 4, NULL, 10);
	assert_int_equal(rpt_part(x, "xl/styles.xml", &st), 0);
	xfs = strstr(st.data, "<cellXfs");
	assert_non_null(xfs);
	p = xfs;
	for (long i = 0; i <= s && p; i++)
		p = strstr(p + 1, "<xf ");
	if (p && (p = strstr(p, "fillId=\"")) && p < strchr(p, '>'))
		fill = strtol(p + 8, NULL, 10);
	if (fill > 1) {
		p = strstr(st.data, "<fills");
		for (long i = 0; i <= fill && p; i++)
			p = strstr(p + 1, "<fill>");
		if (p && (p = strstr(p, "rgb=\"")))
			snprintf(out, 16, "%.8s", p + 5);
	}
	jh_buf_free(&sh);
	jh_buf_free(&st);
}

/* Write b to tests/out/NAME (the folder made when missing); the path in
 * path. */
static inline void rpt_save(const jh_buf *b, const char *name, char path[256])
{
	FILE *f;

	mkdir("tests/out", 0777);
	snprintf(path, 256, "tests/out/%s", name);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	fclose(f);
}

/* The output of a shell command into out; its exit status. */
static inline int rpt_run(const char *cmd, jh_buf *out)
{
	FILE *p = popen(cmd, "r");
	char chunk[8192];
	size_t n;

	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		jh_buf_add(out, chunk, n);
	jh_buf_addc(out, 0);
	out->len--;
	return pclose(p);
}

/* pdftotext -layout of the PDF in b (saved as tests/out/NAME) into text. */
static inline void rpt_pdftext(const jh_buf *b, const char *name, jh_buf *text)
{
	char path[256], cmd[600];

	rpt_save(b, name, path);
	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
	assert_int_equal(rpt_run(cmd, text), 0);
}

/* --- what the report tests share ------------------------------------- */

/* Problems on stderr (in English), for a set-up that failed. */
static inline void rpt_print_diags(const jh_diags *d)
{
	jh_buf b = JH_BUF_INIT;

	jh_diags_format(d, "en", &b);
	if (b.len)
		fprintf(stderr, "%s\n", b.data);
	jh_buf_free(&b);
}

/* A signed-in user of `role` bound to `area`. */
static inline jh_user rpt_user(jh_role role, const char *area, const char *name)
{
	jh_user u;

	memset(&u, 0, sizeof u);
	u.role = role;
	snprintf(u.area, sizeof u.area, "%s", area);
	snprintf(u.name, sizeof u.name, "%s", name);
	return u;
}

/* The number in a cell, failing the test when it holds none. */
static inline double rpt_num(const jh_table *t, long row, size_t col)
{
	const char *s = rpt_cell(t, row, col);
	char *end;
	double v = strtod(s, &end);

	if (!*s || *end)
		fail_msg("row %ld column %zu: '%s' is not a number", row, col, s);
	return v;
}

/* Cell `ref` of `sheet` has the fill `want` ("FFFFC7CE", "" for none). */
static inline void rpt_assert_fill(const jh_buf *x, const char *sheet,
                                   const char *ref, const char *want)
{
	char f[16];

	rpt_cell_fill(x, sheet, ref, f);
	if (strcmp(f, want))
		fail_msg("%s!%s: fill '%s', expected '%s'", sheet, ref, f, want);
}

/* The files read into one import set and stored in s as one revision
 * (by 测试, why), at the store's clock as the caller set it; problems
 * printed.  JH_OK or the first error. */
static inline jh_code rpt_import_files(jh_store *s, const char *const *files,
                                       size_t n, const char *why)
{
	jh_import_set *is = jh_import_set_new(0, 0, 0);
	jh_import_stats st;
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc = is ? JH_OK : JH_ERR_NOMEM;

	for (size_t i = 0; i < n && !rc; i++) {
		size_t len;
		unsigned char *data = test_read_file(files[i], &len);
		rc = jh_import_set_add(is, files[i], data, len, &d);
		free(data);
	}
	if (!rc)
		rc = jh_import_set_store(s, is, NULL, "测试", why, &st, &d);
	jh_import_set_free(is);
	if (rc)
		rpt_print_diags(&d);
	jh_diags_free(&d);
	return rc;
}
