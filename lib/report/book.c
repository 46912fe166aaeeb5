/*
** book.c — workbooks with the house formats (libxlsxwriter).
**
** Every workbook a report writes looks the same: the form's title, a
** line naming the county, the year and the day it was generated, grey
** bordered headers, numbers with the form's decimals, failing cells in
** Excel's own "bad" colours, blank cells the office must fill in pale
** yellow, A4 with the header rows repeated on every printed page and the
** page number in the footer.
**
** libxlsxwriter writes to a path, so a book lives in a private file made
** by mkstemp (mode 0600) under $TMPDIR (or /tmp) from jhBookOpen until
** jhBookClose reads it into the caller's buffer; the file is removed on
** every path out (close or abort).
*/
#include "report_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GREY 0xD9D9D9
#define BAD_FILL 0xFFC7CE
#define BAD_FONT 0x9C0006
#define BLANK_FILL 0xFFF2CC

static lxw_format *cell(jhBook *b, const char *num, int fail)
{
	lxw_format *f = workbook_add_format(b->wb);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_font_name(f, JH_L(b->lang, "宋体", "Calibri"));
	format_set_font_size(f, 10);
	if (num)
		format_set_num_format(f, num);
	if (fail) {
		format_set_bg_color(f, BAD_FILL);
		format_set_font_color(f, BAD_FONT);
	}
	return f;
}

jh_code jhBookOpen(jhBook *b, const char *lang, jh_diags *d)
{
	static const char *const nums[4] = {"0", "0.0", "0.00", "0.000"};
	static const char *const pcts[4] = {"0%", "0.0%", "0.00%", "0.000%"};
	const char *dir = getenv("TMPDIR");
	int fd;

	memset(b, 0, sizeof *b);
	b->lang = lang && !strcmp(lang, "en") ? "en" : "zh";
	if (!dir || !*dir || strlen(dir) > sizeof b->path - 24)
		dir = "/tmp";
	snprintf(b->path, sizeof b->path, "%s/junheng-book-XXXXXX", dir);
	if ((fd = mkstemp(b->path)) < 0) {
		jh_diags_add(d, JH_P_REPORT_WRITE, NULL, NULL, 0, 0, NULL, "xlsx", strerror(errno));
		b->path[0] = 0;
		return JH_ERR_IO;
	}
	close(fd);
	if (!(b->wb = workbook_new(b->path))) {
		jh_diags_add(d, JH_P_REPORT_WRITE, NULL, NULL, 0, 0, NULL, "xlsx", "workbook_new");
		unlink(b->path);
		b->path[0] = 0;
		return JH_ERR_IO;
	}
	b->fmt_title = workbook_add_format(b->wb);
	format_set_bold(b->fmt_title);
	format_set_font_size(b->fmt_title, 16);
	format_set_align(b->fmt_title, LXW_ALIGN_CENTER);
	format_set_align(b->fmt_title, LXW_ALIGN_VERTICAL_CENTER);
	format_set_font_name(b->fmt_title, JH_L(b->lang, "黑体", "Calibri"));
	b->fmt_sub = workbook_add_format(b->wb);
	format_set_font_size(b->fmt_sub, 10);
	format_set_font_name(b->fmt_sub, JH_L(b->lang, "宋体", "Calibri"));
	b->fmt_head = cell(b, NULL, 0);
	format_set_bold(b->fmt_head);
	format_set_align(b->fmt_head, LXW_ALIGN_CENTER);
	format_set_text_wrap(b->fmt_head);
	format_set_bg_color(b->fmt_head, GREY);
	b->fmt_text = cell(b, NULL, 0);
	b->fmt_wrap = cell(b, NULL, 0);
	format_set_text_wrap(b->fmt_wrap);
	b->fmt_text_fail = cell(b, NULL, 1);
	format_set_text_wrap(b->fmt_text_fail);
	for (int k = 0; k < 4; k++) {
		b->fmt_num[k] = cell(b, nums[k], 0);
		b->fmt_num_fail[k] = cell(b, nums[k], 1);
		b->fmt_pct[k] = cell(b, pcts[k], 0);
		b->fmt_pct_fail[k] = cell(b, pcts[k], 1);
	}
	b->fmt_blank = cell(b, NULL, 0);
	format_set_bg_color(b->fmt_blank, BLANK_FILL);
	b->fmt_note = workbook_add_format(b->wb);
	format_set_font_size(b->fmt_note, 9);
	format_set_text_wrap(b->fmt_note);
	format_set_align(b->fmt_note, LXW_ALIGN_VERTICAL_TOP);
	format_set_font_name(b->fmt_note, JH_L(b->lang, "宋体", "Calibri"));
	b->fmt_date = cell(b, "yyyy-mm-dd", 0);
	return JH_OK;
}

/* Excel's header and footer codes start with &: a literal & is &&. */
static void footer_text(const char *s, char *out, size_t cap)
{
	size_t i = 0;

	for (; s && *s && i + 2 < cap; s++) {
		if (*s == '&')
			out[i++] = '&';
		out[i++] = *s;
	}
	out[i] = 0;
}

lxw_worksheet *jhBookSheet(jhBook *b, const char *name, int landscape,
                           int repeat_rows, const char *footer)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	char esc[200], hf[255];

	if (!ws)
		return NULL;
	worksheet_set_paper(ws, 9);            /* A4 */
	if (landscape)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_fit_to_pages(ws, 1, 0);      /* one page wide, as long as needed */
	worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
	if (repeat_rows > 0)
		worksheet_repeat_rows(ws, 0, (lxw_row_t)(repeat_rows - 1));
	footer_text(footer, esc, sizeof esc);
	snprintf(hf, sizeof hf, "%s%s%s", "&L", esc,
	         JH_L(b->lang, "&R第 &P 页,共 &N 页", "&RPage &P of &N"));
	worksheet_set_footer(ws, hf);
	return ws;
}

void jhBookAbort(jhBook *b)
{
	if (b->wb) {
		/* libxlsxwriter frees a workbook only by closing it: it is
		 * written to the private file and removed below. */
		workbook_close(b->wb);
		b->wb = NULL;
	}
	if (b->path[0])
		unlink(b->path);
	b->path[0] = 0;
}

jh_code jhBookClose(jhBook *b, jh_buf *out, jh_diags *d)
{
	lxw_error e = workbook_close(b->wb);
	jh_code rc = JH_OK;
	jh_buf tmp = JH_BUF_INIT;
	FILE *f = NULL;
	char chunk[65536];
	size_t n;

	b->wb = NULL;
	if (e != LXW_NO_ERROR) {
		jh_diags_add(d, JH_P_REPORT_WRITE, NULL, NULL, 0, 0, NULL, "xlsx", lxw_strerror(e));
		rc = JH_ERR_IO;
		goto done;
	}
	if (!(f = fopen(b->path, "rb"))) {
		jh_diags_add(d, JH_P_REPORT_WRITE, NULL, NULL, 0, 0, NULL, "xlsx", strerror(errno));
		rc = JH_ERR_IO;
		goto done;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		jh_buf_add(&tmp, chunk, n);
	if (ferror(f)) {
		jh_diags_add(d, JH_P_REPORT_WRITE, NULL, NULL, 0, 0, NULL, "xlsx", strerror(errno));
		rc = JH_ERR_IO;
		goto done;
	}
	if (tmp.oom) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	jh_buf_add(out, tmp.data, tmp.len);
	rc = out->oom ? JH_ERR_NOMEM : JH_OK;
done:
	if (f)
		fclose(f);
	jh_buf_free(&tmp);
	unlink(b->path);
	b->path[0] = 0;
	return rc;
}

/* v with k decimals (0..3) in fmt[k], a blank to fill when not finite. */
static void number(jhBook *b, lxw_worksheet *ws, int row, int col, double v,
                   int k, lxw_format *const *fmt)
{
	k = k < 0 ? 0 : k > 3 ? 3 : k;
	if (!isfinite(v))
		worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, b->fmt_blank);
	else
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, fmt[k]);
}

void jhBookNum(jhBook *b, lxw_worksheet *ws, int row, int col, double v,
               int k, int fail)
{
	number(b, ws, row, col, v, k, fail ? b->fmt_num_fail : b->fmt_num);
}

void jhBookPct(jhBook *b, lxw_worksheet *ws, int row, int col, double v,
               int k, int fail)
{
	number(b, ws, row, col, v, k, fail ? b->fmt_pct_fail : b->fmt_pct);
}

void jhBookText(jhBook *b, lxw_worksheet *ws, int row, int col,
                const char *s, int fail)
{
	worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s ? s : "",
	                       fail ? b->fmt_text_fail : b->fmt_text);
}
