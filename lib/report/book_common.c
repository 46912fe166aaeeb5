/*
** book_common.c — what the county, city, ledger and template workbooks
** (book_*.c) write alike: the two lines above every table (the title
** merged across it, then the area, the year and the day generated), the
** same words in the printed footer, yes/no in the document's language,
** sheet-qualified cell ranges for charts and validation lists, and the
** problems of a trial load passed on when they matter.
**
** Kept apart from book.c (the house formats, shared with the application
** form) so that each workbook's file holds only its own table.
*/
#include "report_int.h"

#include <stdio.h>
#include <string.h>

void jhBookSubline(const char *lang, const char *title, int year,
                   const char *generated, char *out, size_t cap)
{
	if (year > 0)
		snprintf(out, cap, JH_L(lang, "%s  %d年度  生成日期 %s",
		                        "%s · %d · generated %s"), title, year, generated);
	else
		snprintf(out, cap, JH_L(lang, "%s  生成日期 %s", "%s · generated %s"),
		         title, generated);
}

void jhBookHead(jhBook *b, lxw_worksheet *ws, int lastcol, const char *title,
                const char *sub)
{
	if (lastcol > 0) {
		worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)lastcol, title, b->fmt_title);
		worksheet_merge_range(ws, 1, 0, 1, (lxw_col_t)lastcol, sub, b->fmt_sub);
	} else {
		worksheet_write_string(ws, 0, 0, title, b->fmt_title);
		worksheet_write_string(ws, 1, 0, sub, b->fmt_sub);
	}
	worksheet_set_row(ws, 0, 28, NULL);
}

const char *jhBookYes(const char *lang, int yes)
{
	return yes ? JH_L(lang, "是", "yes") : JH_L(lang, "否", "no");
}

/* A sheet's name as a formula names it: always quoted ('表 1'!), a '
 * inside doubled. */
void jhBookRange(const char *sheet, int r1, int c1, int r2, int c2,
                 char *out, size_t cap)
{
	char a[16], z[16];
	size_t i = 0;

	lxw_rowcol_to_cell_abs(a, (lxw_row_t)r1, (lxw_col_t)c1, 1, 1);
	lxw_rowcol_to_cell_abs(z, (lxw_row_t)r2, (lxw_col_t)c2, 1, 1);
	if (cap < 4)
		return;
	out[i++] = '=';
	out[i++] = '\'';
	for (; *sheet && i + 3 < cap; sheet++) {
		if (*sheet == '\'')
			out[i++] = '\'';
		out[i++] = *sheet;
	}
	out[i] = 0;
	snprintf(out + i, cap - i, "'!%s:%s", a, z);
}

void jhDiagsCopy(jh_diags *d, const jh_diags *from)
{
	for (size_t i = 0; i < from->count; i++) {
		const jh_diag *g = &from->items[i];
		(g->note ? jh_diags_note : jh_diags_add)(d, g->problem, g->file, g->sheet,
		        g->line, g->column, g->column_name, g->arg, g->arg2);
	}
}
