/*
** form_blank.c — the blank forms offices hand out: the school form (one
** sheet per school) and the county form, as the importer reads them back
** (lib/core/form.c holds their rows; this file only lays them out).
**
**   row 1   the title, merged over the columns
**   row 2   how to fill it in, merged
**   row 3   序号 | 类别 | 填报项目 | 单位 | 填报值 | 是否必填 | 备注说明
**           (No. | Category | Item | Unit | Value | Required | Notes)
**   rows    one per item, in the form's order: 类别 merged over the rows
**           of its category (the reader carries it down), the unit the
**           item is asked in (万元 for money: the import converts), the
**           填报值 cell pale yellow (fmt_blank) with a list validation for
**           是/否, the school type, the location, the organiser, a grade
**           or a level, whole numbers ≥ 0 for counts, years in range;
**           是否必填 in red when required.
**
** The English form (lang "en") is the same in English: its header,
** items and units are names the importer knows, so a filled English form
** imports as the Chinese one does.  One language per file.
*/
#include "report_int.h"

#include <stdio.h>
#include <string.h>

#define HEAD_ROW 2

static void validate_list(lxw_worksheet *ws, int row, const char *const *items,
                          const char *lang)
{
	lxw_data_validation dv;

	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)items;
	dv.error_message = (char *)JH_L(lang, "请从下拉列表中选择。", "Choose a value from the list.");
	worksheet_data_validation_cell(ws, (lxw_row_t)row, 4, &dv);
}

static void validate_number(lxw_worksheet *ws, int row, int whole, double lo, double hi,
                            const char *lang)
{
	lxw_data_validation dv;

	memset(&dv, 0, sizeof dv);
	dv.validate = whole ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
	if (hi > lo) {
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_number = lo;
		dv.maximum_number = hi;
	} else {
		dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		dv.value_number = lo;
	}
	dv.error_message = (char *)(whole ? JH_L(lang, "请填写不小于0的整数。",
	                                         "Enter a whole number of 0 or more.")
	                                  : JH_L(lang, "请填写不小于0的数。",
	                                         "Enter a number of 0 or more."));
	worksheet_data_validation_cell(ws, (lxw_row_t)row, 4, &dv);
}

/* The validation of row `row` for form row fr. */
static void validate(lxw_worksheet *ws, int row, const jh_form_row *fr, const char *lang)
{
	static const char *const grades_zh[] = {"优秀", "良好", "合格", "不合格", NULL};
	static const char *const grades_en[] = {"excellent", "good", "pass", "fail", NULL};
	static const char *const levels[] = {"Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", NULL};
	const char *list[16];
	char org[JH_ORGANISER_MAX][96];
	int ymin, ymax, n = 0;

	switch (fr->value) {
	case JH_FV_YESNO:
		list[n++] = jhBookYes(lang, 1);
		list[n++] = jhBookYes(lang, 0);
		break;
	case JH_FV_SCHOOL_TYPE:
		for (int t = 0; t < JH_TYPE__COUNT; t++)
			list[n++] = jh_school_type_name((jh_school_type)t, lang);
		break;
	case JH_FV_LOCATION:
		for (int l = JH_LOC_URBAN; l <= JH_LOC_RURAL; l++)
			list[n++] = jh_location_name((jh_location)l, lang);
		break;
	case JH_FV_ORGANISER:
		/* The names (Chinese), or the codes alone where the names
		 * would pass Excel's 255 characters (English); both import. */
		for (int c = 1; c <= JH_ORGANISER_MAX; c++) {
			if (lang[0] == 'e')
				snprintf(org[c - 1], sizeof org[c - 1], "%d", c);
			else
				snprintf(org[c - 1], sizeof org[c - 1], "%s", jh_organiser_name(c, lang));
			list[n++] = org[c - 1];
		}
		break;
	case JH_FV_GRADE:
		for (int g = 0; g < 4; g++)
			list[n++] = (lang[0] == 'e' ? grades_en : grades_zh)[g];
		break;
	case JH_FV_LEVEL:
		for (int l = 0; l < 4; l++)
			list[n++] = levels[l];
		break;
	case JH_FV_YEAR:
		jhYearRange(0, 0, &ymin, &ymax);
		/* A build year may be long before the statistics'. */
		validate_number(ws, row, 1, strcmp(fr->key, "year") ? 1800 : ymin, ymax, lang);
		return;
	case JH_FV_NUMBER:
		validate_number(ws, row, !strcmp(fr->unit, JH_L(lang, "人", "persons")) ||
		                !strcmp(fr->unit, JH_L(lang, "间", "rooms")) ||
		                !strcmp(fr->unit, JH_L(lang, "个", "classes")), 0, 0, lang);
		return;
	default:
		return;
	}
	list[n] = NULL;
	validate_list(ws, row, list, lang);
}

jh_code jh_report_blank_form(jh_form_kind kind, const char *lang, jh_buf *out,
                             jh_diags *d)
{
	jh_form_kind k = kind == JH_FORM_COUNTY ? JH_FORM_COUNTY : JH_FORM_SCHOOL;
	size_t n = jh_form_count(k);
	const char *sheet_name, *title, *how;
	lxw_worksheet *ws;
	lxw_format *req, *cat_fmt;
	jhBook b;
	jh_code rc;
	int row = HEAD_ROW + 1, cat_row = -1;
	const char *cat = NULL;

	lang = lang && !strcmp(lang, "en") ? "en" : "zh";
	if (k == JH_FORM_SCHOOL) {
		sheet_name = JH_L(lang, "学校填报表", "School form");
		title = JH_L(lang, "义务教育学校办学条件填报表", "School form: a compulsory-education school");
		how = JH_L(lang, "每所学校填一张表(可将本表复制为多张,每张一所学校);在淡黄色的“填报值”"
		                 "一栏按“单位”填写,一格一个数,没有的学段留空;填好后用 junheng import "
		                 "导入(可一次导入一个工作簿的多张表或一个文件夹)。",
		           "One sheet per school (copy the sheet for more schools).  Fill in the pale "
		           "yellow Value column in the unit given, one figure a cell; leave a stage the "
		           "school does not teach blank.  Import with junheng import (a workbook of many "
		           "sheets, or a folder, at once).");
	} else {
		sheet_name = JH_L(lang, "县级填报表", "County form");
		title = JH_L(lang, "县域义务教育优质均衡发展县级填报表",
		             "County form: high-quality balanced compulsory education");
		how = JH_L(lang, "每个县(市、区)每个年度填一张表;在淡黄色的“填报值”一栏按“单位”填写"
		                 "(金额以万元计,导入时换算为元);比例由所填人数算出;没有的数据留空。",
		           "One sheet per county and year.  Fill in the pale yellow Value column in "
		           "the unit given (money in 10,000 yuan, converted on import); the ratios are "
		           "computed from the counts; leave what is not known blank.");
	}
	if ((rc = jhBookOpen(&b, lang, d)))
		return rc;
	ws = jhBookSheet(&b, sheet_name, 0, HEAD_ROW + 1, title);
	jhBookHead(&b, ws, 6, title, how);
	worksheet_set_row(ws, 1, 48, NULL);
	{
		static const char *const head[2][7] = {
			{"序号", "类别", "填报项目", "单位", "填报值", "是否必填", "备注说明"},
			{"No.", "Category", "Item", "Unit", "Value", "Required", "Notes"},
		};
		static const double width[7] = {6, 14, 42, 10, 20, 9, 44};
		for (int c = 0; c < 7; c++) {
			worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c, head[lang[0] == 'e'][c],
			                       b.fmt_head);
			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL);
		}
	}
	worksheet_freeze_panes(ws, HEAD_ROW + 1, 0);
	req = workbook_add_format(b.wb);
	format_set_border(req, LXW_BORDER_THIN);
	format_set_align(req, LXW_ALIGN_CENTER);
	format_set_font_color(req, 0xC00000);
	format_set_bold(req);
	cat_fmt = workbook_add_format(b.wb);
	format_set_border(cat_fmt, LXW_BORDER_THIN);
	format_set_align(cat_fmt, LXW_ALIGN_CENTER);
	format_set_align(cat_fmt, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(cat_fmt);
	format_set_bold(cat_fmt);
	for (size_t i = 0; i < n; i++, row++) {
		jh_form_row fr;
		jh_form_row_get(k, i, lang, &fr);
		if (!cat || strcmp(cat, fr.category)) {
			/* The previous category merged over its rows. */
			if (cat && row - 1 > cat_row)
				worksheet_merge_range(ws, (lxw_row_t)cat_row, 1, (lxw_row_t)(row - 1), 1,
				                      cat, cat_fmt);
			else if (cat)
				worksheet_write_string(ws, (lxw_row_t)cat_row, 1, cat, cat_fmt);
			cat = fr.category;
			cat_row = row;
		}
		worksheet_write_number(ws, (lxw_row_t)row, 0, (double)(i + 1), b.fmt_num[0]);
		jhBookText(&b, ws, row, 2, fr.item, 0);
		jhBookText(&b, ws, row, 3, fr.unit, 0);
		worksheet_write_blank(ws, (lxw_row_t)row, 4, b.fmt_blank);
		worksheet_write_string(ws, (lxw_row_t)row, 5, jhBookYes(lang, fr.required),
		                       fr.required ? req : b.fmt_text);
		worksheet_write_string(ws, (lxw_row_t)row, 6, fr.note, b.fmt_wrap);
		validate(ws, row, &fr, lang);
	}
	if (cat && row - 1 > cat_row)
		worksheet_merge_range(ws, (lxw_row_t)cat_row, 1, (lxw_row_t)(row - 1), 1, cat, cat_fmt);
	else if (cat)
		worksheet_write_string(ws, (lxw_row_t)cat_row, 1, cat, cat_fmt);
	worksheet_write_string(ws, (lxw_row_t)(row + 1), 0,
	                       JH_L(lang, "填表人:            联系电话:            填报日期:",
	                            "Filled in by:            Telephone:            Date:"), NULL);
	return jhBookClose(&b, out, d);
}
