/*
** xls.c — old Excel workbooks (.xls, BIFF 2–8 in an OLE2 container) into
** tables, through Debian's libfreexl.
**
** Many offices still save "Excel 97-2003 工作簿".  libfreexl reads every
** BIFF version and converts text from the workbook's code page (GBK for
** Chinese Excel 5/95 files) to UTF-8.  It opens files by path only, so
** the bytes the caller hands in are written to a private temporary file
** (mkstemp in $TMPDIR or /tmp, mode 0600, unlinked once opened by
** libfreexl and removed in every case) — the one place in lib/io that
** touches the file system, kept here so that callers pass bytes to every
** reader alike.
**
** Cells become text as jh_xlsx_read gives them: text as is, integers in
** decimal, doubles in their shortest round-trip form (jh_format_number),
** dates as YYYY-MM-DD; a blank cell is "".  Rows are numbered as Excel
** shows them (1-based); wholly blank rows are kept empty, as the loaders
** skip them.  A password-protected workbook, or one libfreexl cannot
** parse, is JH_ERR_FORMAT with one JH_P_XLS diagnostic naming the reason.
*/
#include "io_int.h"

#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Limits: what a school-year workbook could ever hold, and far less than
 * a hostile file could claim. */
#define XLS_MAX_ROWS 1048576u
#define XLS_MAX_COLS 256u

static jh_code fail(jh_diags *diags, const char *file, const char *zh_en)
{
	if (diags)
		jh_diags_add(diags, JH_P_XLS, file, NULL, 0, 0, NULL, zh_en, NULL);
	return JH_ERR_FORMAT;
}

/* The cell's text into b (reset first). */
static void cell_text(const FreeXL_CellValue *v, jh_buf *b)
{
	char num[64];

	jh_buf_reset(b);
	switch (v->type) {
	case FREEXL_CELL_INT:
		jh_buf_addf(b, "%d", v->value.int_value);
		break;
	case FREEXL_CELL_DOUBLE:
		jh_format_number(v->value.double_value, num, sizeof num);
		jh_buf_adds(b, num);
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		if (v->value.text_value)
			jh_buf_adds(b, v->value.text_value);
		break;
	default:
		break;
	}
	jh_buf_adds(b, "");
}

static jh_code read_sheet(const void *xh, unsigned short k, const char *file,
                          jh_table **out, jh_diags *diags)
{
	const char *name = NULL;
	unsigned int rows = 0;
	unsigned short cols = 0;
	jh_table *t;
	jh_buf b = JH_BUF_INIT;
	jh_code rc = JH_OK;

	*out = NULL;
	if (freexl_select_active_worksheet(xh, k) != FREEXL_OK ||
	    freexl_worksheet_dimensions(xh, &rows, &cols) != FREEXL_OK)
		return fail(diags, file, "worksheet");
	if (freexl_get_worksheet_name(xh, k, &name) != FREEXL_OK || !name)
		name = "";
	if (rows > XLS_MAX_ROWS || cols > XLS_MAX_COLS)
		return fail(diags, file, "too many rows or columns");
	if (!(t = jh_table_new(file, name)))
		return JH_ERR_NOMEM;
	for (unsigned int r = 0; r < rows && !rc; r++) {
		unsigned short last = 0;
		FreeXL_CellValue v;

		if ((rc = jh_table_begin_row(t, (long)r + 1)))
			break;
		/* Up to the last non-blank cell, as the XLSX reader does. */
		for (unsigned short c = 0; c < cols; c++)
			if (freexl_get_cell_value(xh, r, c, &v) == FREEXL_OK &&
			    v.type != FREEXL_CELL_NULL)
				last = (unsigned short)(c + 1);
		for (unsigned short c = 0; c < last && !rc; c++) {
			if (freexl_get_cell_value(xh, r, c, &v) != FREEXL_OK)
				v.type = FREEXL_CELL_NULL;
			cell_text(&v, &b);
			if (b.oom)
				rc = JH_ERR_NOMEM;
			else
				rc = jh_table_add_cell(t, b.data, b.len);
		}
	}
	jh_buf_free(&b);
	if (rc) {
		jh_table_free(t);
		return rc;
	}
	*out = t;
	return JH_OK;
}

jh_code jh_xls_read(const void *data, size_t len, const char *file,
                    jh_table ***tables, size_t *ntables, jh_diags *diags)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	const void *xh = NULL;
	unsigned int nsheets = 0, pw = 0;
	jh_table **tabs = NULL;
	jh_code rc = JH_OK;
	int fd, ok;

	*tables = NULL;
	*ntables = 0;
	snprintf(path, sizeof path, "%s/junheng-xls-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		return JH_ERR_IO;
	ok = 1;
	for (size_t off = 0; off < len && ok;) {
		ssize_t w = write(fd, (const char *)data + off, len - off);
		if (w <= 0)
			ok = 0;
		else
			off += (size_t)w;
	}
	close(fd);
	if (!ok) {
		unlink(path);
		return JH_ERR_IO;
	}
	ok = freexl_open(path, &xh);
	unlink(path);
	if (ok != FREEXL_OK) {
		if (xh)
			freexl_close(xh);
		return ok == FREEXL_INSUFFICIENT_MEMORY ? JH_ERR_NOMEM :
		       fail(diags, file, "BIFF/OLE2");
	}
	if (freexl_get_info(xh, FREEXL_BIFF_PASSWORD, &pw) == FREEXL_OK &&
	    pw == FREEXL_BIFF_OBFUSCATED) {
		freexl_close(xh);
		return fail(diags, file, "password / 密码");
	}
	if (freexl_get_info(xh, FREEXL_BIFF_SHEET_COUNT, &nsheets) != FREEXL_OK) {
		freexl_close(xh);
		return fail(diags, file, "BIFF");
	}
	if (nsheets && !(tabs = calloc(nsheets, sizeof *tabs))) {
		freexl_close(xh);
		return JH_ERR_NOMEM;
	}
	for (unsigned int k = 0; k < nsheets && !rc; k++)
		if (!(rc = read_sheet(xh, (unsigned short)k, file, &tabs[*ntables], diags)))
			(*ntables)++;
	freexl_close(xh);
	if (rc) {
		for (size_t k = 0; k < *ntables; k++)
			jh_table_free(tabs[k]);
		free(tabs);
		*ntables = 0;
		return rc;
	}
	*tables = tabs;
	return JH_OK;
}
