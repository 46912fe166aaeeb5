/*
** gen_office.c — the sample school-year file as an office keeps it.
**
**   build/gen_office data/sample/schools-2024.csv data/sample/schools-2024-office.xlsx
**
** Reads the template CSV and writes the same data laid out the way county
** offices keep their workbooks (issue 9): a title merged across the table,
** a line naming the office, Chinese headers with their units in
** full-width brackets (（人）, alternately （平方米） and （㎡）, （元）,
** （间）), every number stored as text (money grouped: 7,848,432), the
** year as 2024年, school types as offices write them (完全小学, 初级中学,
** 九年一贯制, 完中…), locations as 城区/镇区/乡村, "/" where a school does
** not offer a stage, a 合计 row under the table and a 制表人…审核人 footer.
** junheng must read it as exactly the CSV: `make demo` imports it over the
** CSV-loaded database and records no change (tests/e2e/cli.sh checks it).
*/
#include "junheng.h"
#include "core/core_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static char *slurp(const char *path, size_t *len)
{
	char *data = NULL;
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1)) &&
	    fread(data, 1, (size_t)n, f) == (size_t)n) {
		data[n] = '\0';
		*len = (size_t)n;
	} else {
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

/* The office's name for a school type key. */
static const char *office_type(const char *key)
{
	static const char *const m[][2] = {
		{"primary", "完全小学"}, {"junior", "初级中学"},
		{"nine_year", "九年一贯制"}, {"twelve_year", "十二年一贯制学校"},
		{"complete_middle", "完中"}, {"teaching_point", "教学点"},
	};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (!strcmp(key, m[i][0]))
			return m[i][1];
	return key;
}

static const char *office_location(const char *key)
{
	return !strcmp(key, "urban") ? "城区" : !strcmp(key, "town") ? "镇区" :
	       !strcmp(key, "rural") ? "乡村" : key;
}

/* 7848432 as 7,848,432 (whole numbers only; others as they are). */
static void grouped(const char *s, char *out, size_t cap)
{
	size_t n = strlen(s), o = 0;

	if (!n || strspn(s, "0123456789") != n || n + n / 3 + 1 > cap) {
		snprintf(out, cap, "%s", s);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = s[i];
	}
	out[o] = '\0';
}

/* The stage bit a field of template column c belongs to, 0 for none. */
static unsigned col_stage(int c)
{
	const char *k = jhSchoolYear.cols[c].key;

	if (strstr(k, "primary"))
		return JH_HAS_PRIMARY;
	if (strstr(k, "junior"))
		return JH_HAS_JUNIOR;
	if (strstr(k, "senior"))
		return JH_HAS_SENIOR;
	return 0;
}

int main(int argc, char **argv)
{
	size_t len;
	char *text;
	jh_table *t = NULL;
	jh_diags d = JH_DIAGS_INIT;
	int tc[64];                 /* table column -> template column */
	double sum[64] = {0};
	size_t ncol, r;
	int m2 = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: gen_office SCHOOLS.csv OUT.xlsx\n");
		return 2;
	}
	if (!(text = slurp(argv[1], &len)) ||
	    jh_csv_parse(text, len, argv[1], &t, &d) || t->nrows < 2) {
		fprintf(stderr, "gen_office: cannot read %s\n", argv[1]);
		return 1;
	}
	ncol = t->rows[0].ncells;
	if (ncol > 64)
		return 1;
	lxw_workbook *wb = workbook_new(argv[2]);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "学校基本情况");
	lxw_format *title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 16);
	format_set_align(title, LXW_ALIGN_CENTER);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_border(head, LXW_BORDER_THIN);

	worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(ncol - 1),
	                      "江州市2024年义务教育学校基本情况统计表", title);
	worksheet_write_string(ws, 1, 0, "填报单位:江州市教育局(公章)", NULL);
	for (size_t j = 0; j < ncol; j++) {
		const char *key = jh_table_cell(t, 0, j);
		char h[256];
		int c = jhTemplateCol(&jhSchoolYear, key);
		const jhColSpec *cs;

		tc[j] = c;
		if (c < 0) {
			worksheet_write_string(ws, 2, (lxw_col_t)j, key, head);
			continue;
		}
		cs = &jhSchoolYear.cols[c];
		switch (cs->unit) {
		case JH_UNIT_PERSON: snprintf(h, sizeof h, "%s（人）", cs->zh); break;
		case JH_UNIT_M2:     snprintf(h, sizeof h, "%s%s", cs->zh, m2++ % 2 ? "（㎡）" : "（平方米）"); break;
		case JH_UNIT_YUAN:   snprintf(h, sizeof h, "%s（元）", cs->zh); break;
		case JH_UNIT_ROOM:   snprintf(h, sizeof h, "%s（间）", cs->zh); break;
		case JH_UNIT_CLASS:  snprintf(h, sizeof h, "%s（个）", cs->zh); break;
		default:             snprintf(h, sizeof h, "%s", cs->zh); break;
		}
		worksheet_write_string(ws, 2, (lxw_col_t)j, h, head);
		worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, c == JH_SY_SCHOOL_NAME ? 22 : 12, NULL);
	}
	for (r = 1; r < t->nrows; r++) {
		unsigned stages = 0;
		int type_col = -1;
		for (size_t j = 0; j < ncol; j++)
			if (tc[j] == JH_SY_SCHOOL_TYPE)
				type_col = (int)j;
		if (type_col >= 0) {
			int ty = jh_school_type_parse(jh_table_cell(t, r, (size_t)type_col));
			stages = ty >= 0 ? jhTypeStages((jh_school_type)ty) : 0;
		}
		for (size_t j = 0; j < ncol; j++) {
			const char *v = jh_table_cell(t, r, j);
			char buf[128];
			int c = tc[j];

			if (c == JH_SY_YEAR) {
				snprintf(buf, sizeof buf, "%s年", v);
				v = buf;
			} else if (c == JH_SY_SCHOOL_TYPE) {
				v = office_type(v);
			} else if (c == JH_SY_LOCATION) {
				v = office_location(v);
			} else if (c >= JH_SY_IDCOLS) {
				if (*v)
					sum[j] += atof(v);
				if (!strcmp(v, "0") && col_stage(c) && !(stages & col_stage(c)))
					v = "/";
				else if (jhSchoolYear.cols[c].unit == JH_UNIT_YUAN) {
					grouped(v, buf, sizeof buf);
					v = buf;
				}
			}
			if (*v)
				worksheet_write_string(ws, (lxw_row_t)(r + 2), (lxw_col_t)j, v, NULL);
		}
	}
	/* The total row and the footer. */
	for (size_t j = 0; j < ncol; j++) {
		char buf[64];
		if (tc[j] == JH_SY_SCHOOL_NAME) {
			worksheet_write_string(ws, (lxw_row_t)(r + 2), (lxw_col_t)j, "合计", head);
		} else if (tc[j] >= JH_SY_IDCOLS) {
			snprintf(buf, sizeof buf, "%.10g", sum[j]);
			worksheet_write_string(ws, (lxw_row_t)(r + 2), (lxw_col_t)j, buf, head);
		}
	}
	worksheet_write_string(ws, (lxw_row_t)(r + 4), 0,
	                       "制表人:王明    审核人:李华    填报日期:2024年9月30日", NULL);
	jh_table_free(t);
	jh_diags_free(&d);
	free(text);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
