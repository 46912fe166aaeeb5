/*
** book_template.c — the school-year import template (学校年度数据导入模板)
** of a county and year, as a workbook an office fills and imports back
** with `junheng import` (or the import page).
**
**   学校年度数据 / School-years   the template's columns in template order
**        (lib/core's jhSchoolYear: the identity columns, then every field)
**        with the export's header names in the request's language (zh:
**        学校标识码 …; en: the keys school_code … — lib/core/export.c's
**        two forms, both read back by the loader).  Row 1 the title, row
**        2 the county, year and date, row 3 the header: the loader finds
**        the header under title rows.  Required columns have a red header;
**        every header carries a note (a cell comment) saying whether it is
**        required, its unit and how to fill it.  The county's schools of
**        rq->year, when it has any, are pre-filled in the identity columns
**        (code, name, county, year, type, central school, location,
**        boarding) with each row's required numbers to fill in pale yellow
**        — only those of the stages the school teaches: a stage it does
**        not teach may stay empty (read as 0).  No number is pre-filled:
**        the office enters this year's figures.
**        Data validation on the data rows (and 500 more for new schools):
**        school type, location, boarding and organiser type from lists,
**        the county code 6 characters, the year in the standard's range,
**        counts whole numbers ≥ 0 (grades 1–12), areas and money ≥ 0.
**   填表说明 / Instructions   how to fill each column, with its unit.
**   代码表 / Lists            the lists' values (type names, locations,
**        是/否, the organiser codes 1–10 with their names) for the reader;
**        the validations hold their lists themselves (Excel allows 255
**        characters: the English organiser list is the codes alone).
**
** A filled template imports as it is: the import reads every sheet that
** holds a template and passes over the two others; an unfilled one is
** refused with a problem per empty required cell (JH_P_EMPTY_VALUE or, for
** a stage the school teaches, JH_P_DASH_OFFERED), each naming its sheet,
** row and column.
*/
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define NCOLS (JH_SY_IDCOLS + JH_F__COUNT)
#define HEAD_ROW 2
#define SPARE_ROWS 500

/* The stage a field belongs to (JH_HAS_*), 0 for a whole-school field. */
static unsigned field_stage(int f)
{
	switch (f) {
	case JH_F_STUDENTS_PRIMARY: case JH_F_QUALIFIED_PRIMARY: case JH_F_KEY_PRIMARY:
	case JH_F_PE_ART_PRIMARY: case JH_F_TEACHERS_PRIMARY: case JH_F_CLASSES_PRIMARY:
	case JH_F_LARGEST_CLASS_PRIMARY:
		return JH_HAS_PRIMARY;
	case JH_F_STUDENTS_JUNIOR: case JH_F_QUALIFIED_JUNIOR: case JH_F_KEY_JUNIOR:
	case JH_F_PE_ART_JUNIOR: case JH_F_TEACHERS_JUNIOR: case JH_F_CLASSES_JUNIOR:
	case JH_F_LARGEST_CLASS_JUNIOR:
		return JH_HAS_JUNIOR;
	case JH_F_STUDENTS_SENIOR:
		return JH_HAS_SENIOR;
	}
	return 0;
}

static const char *unit_name(int u, const char *lang)
{
	static const char *const names[JH_UNIT__COUNT][2] = {
		[JH_UNIT_NONE] = {"", ""},
		[JH_UNIT_PERSON] = {"人", "persons"},
		[JH_UNIT_M2] = {"平方米", "m²"},
		[JH_UNIT_YUAN] = {"元", "yuan"},
		[JH_UNIT_ROOM] = {"间", "rooms"},
		[JH_UNIT_CLASS] = {"个", "classes"},
	};
	return u >= 0 && u < JH_UNIT__COUNT ? names[u][lang[0] == 'e'] : "";
}

/* How to fill column c, in one language. */
static void how_to_fill(int c, const char *lang, char *out, size_t cap)
{
	const jhColSpec *cs = &jhSchoolYear.cols[c];
	int f = c - JH_SY_IDCOLS;

	switch (c) {
	case JH_SY_SCHOOL_CODE:
		snprintf(out, cap, "%s", JH_L(lang, "学校标识码(10位),作为文本填写",
		                              "the school's 10-digit code, as text"));
		return;
	case JH_SY_SCHOOL_NAME:
		snprintf(out, cap, "%s", JH_L(lang, "学校全称", "the school's full name"));
		return;
	case JH_SY_COUNTY_CODE:
		snprintf(out, cap, "%s", JH_L(lang, "县(市、区)行政区划代码(6位)",
		                              "the county's 6-digit area code"));
		return;
	case JH_SY_YEAR:
		snprintf(out, cap, "%s", JH_L(lang, "统计年度,如 2024", "the statistics' year, e.g. 2024"));
		return;
	case JH_SY_SCHOOL_TYPE:
		snprintf(out, cap, "%s", JH_L(lang, "从下拉列表选择(见“代码表”)",
		                              "choose from the list (see Lists)"));
		return;
	case JH_SY_PARENT_CODE:
		snprintf(out, cap, "%s", JH_L(lang, "教学点填写所属中心校的学校标识码,其他学校留空",
		                              "teaching points: the central school's code; "
		                              "other schools: leave empty"));
		return;
	case JH_SY_LOCATION:
		snprintf(out, cap, "%s", JH_L(lang, "城区、镇区或乡村,从下拉列表选择",
		                              "urban, town or rural, from the list"));
		return;
	case JH_SY_BOARDING:
		snprintf(out, cap, "%s", JH_L(lang, "是或否", "yes or no"));
		return;
	}
	if (f == JH_F_ORGANISER) {
		snprintf(out, cap, "%s", JH_L(lang, "国家统计代码 1–10,从下拉列表选择(见“代码表”)",
		                              "the national code 1-10, from the list (see Lists)"));
		return;
	}
	if (f == JH_F_GRADES) {
		snprintf(out, cap, "%s", JH_L(lang, "整数 1–12", "a whole number 1-12"));
		return;
	}
	if (jh_field_is_yesno((jh_field)f)) {
		snprintf(out, cap, "%s", JH_L(lang, "是或否", "yes or no"));
		return;
	}
	if (f == JH_F_BUILD_YEAR) {
		snprintf(out, cap, "%s", JH_L(lang, "建校的年份,如 1998", "the year the school was built, e.g. 1998"));
		return;
	}
	snprintf(out, cap, "%s%s", cs->type == JH_COL_COUNT ?
	         JH_L(lang, "整数,不小于 0", "a whole number, 0 or more") :
	         JH_L(lang, "数值,不小于 0,可有小数", "a number, 0 or more, decimals allowed"),
	         field_stage(f) && (cs->flags & JH_COL_REQUIRED) ?
	         JH_L(lang, ";学校不设该学段时填 0 或留空", "; 0 or empty for a stage the "
	              "school does not teach") : "");
}

/* The lists' values, one column each on the lists sheet. */
enum { LS_TYPE, LS_LOCATION, LS_YESNO, LS_ORGANISER, LS__N };

static void lists_sheet(jhBook *b, lxw_worksheet *ws, const char *lang)
{
	const char *heads[LS__N] = {
		JH_L(lang, "办学类型", "School type"), JH_L(lang, "城乡类型", "Location"),
		JH_L(lang, "是否", "Yes/no"), JH_L(lang, "举办者类型", "Organiser type"),
	};
	char org[160];

	for (int k = 0; k < LS__N; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, heads[k], b->fmt_head);
	for (int t = 0; t < JH_TYPE__COUNT; t++)
		jhBookText(b, ws, 1 + t, LS_TYPE, jh_school_type_name((jh_school_type)t, lang), 0);
	for (int l = JH_LOC_URBAN; l <= JH_LOC_RURAL; l++)
		jhBookText(b, ws, l, LS_LOCATION, jh_location_name((jh_location)l, lang), 0);
	jhBookText(b, ws, 1, LS_YESNO, jhBookYes(lang, 1), 0);
	jhBookText(b, ws, 2, LS_YESNO, jhBookYes(lang, 0), 0);
	for (int c = 1; c <= JH_ORGANISER_MAX; c++) {
		snprintf(org, sizeof org, "%d %s", c, jh_organiser_name(c, lang));
		jhBookText(b, ws, c, LS_ORGANISER, org, 0);
	}
	worksheet_set_column(ws, 0, LS__N - 1, 28, NULL);
}

/* A list validation written into the sheet (Excel's own limit: 255
 * characters for the whole list).  Not a range of the lists sheet:
 * libxlsxwriter 1.1.4 leaks the formula of a range-list validation. */
static void validate_list(lxw_worksheet *ws, int col, int last, const char *const *items,
                          const char *title, const char *lang)
{
	lxw_data_validation dv;

	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)items;
	dv.error_title = (char *)title;
	dv.error_message = (char *)JH_L(lang, "请从下拉列表中选择。", "Choose a value from the list.");
	worksheet_data_validation_range(ws, HEAD_ROW + 1, (lxw_col_t)col, (lxw_row_t)last,
	                                (lxw_col_t)col, &dv);
}

/* Characters of s (UTF-8). */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void validate_number(lxw_worksheet *ws, int col, int last, int whole,
                            double min, double max, const char *title, const char *lang)
{
	lxw_data_validation dv;
	char msg[160];

	memset(&dv, 0, sizeof dv);
	dv.validate = whole ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
	if (isfinite(max)) {
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_number = min;
		dv.maximum_number = max;
		snprintf(msg, sizeof msg, JH_L(lang, "请填写 %g–%g 的整数。",
		                               "Enter a whole number from %g to %g."), min, max);
	} else {
		dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		dv.value_number = min;
		snprintf(msg, sizeof msg, "%s", whole ?
		         JH_L(lang, "请填写不小于 0 的整数。", "Enter a whole number, 0 or more.") :
		         JH_L(lang, "请填写不小于 0 的数值。", "Enter a number, 0 or more."));
	}
	dv.error_title = (char *)title;
	dv.error_message = msg;
	worksheet_data_validation_range(ws, HEAD_ROW + 1, (lxw_col_t)col, (lxw_row_t)last,
	                                (lxw_col_t)col, &dv);
}

/* The pre-filled identity cells of school-year sy at row. */
static void prefill(jhBook *b, lxw_worksheet *ws, int row, const jh_school_year *sy,
                    const char *lang)
{
	unsigned stages = jhTypeStages(sy->type);

	jhBookText(b, ws, row, JH_SY_SCHOOL_CODE, sy->school_code, 0);
	jhBookText(b, ws, row, JH_SY_SCHOOL_NAME, sy->school_name, 0);
	jhBookText(b, ws, row, JH_SY_COUNTY_CODE, sy->county_code, 0);
	jhBookNum(b, ws, row, JH_SY_YEAR, sy->year, 0, 0);
	jhBookText(b, ws, row, JH_SY_SCHOOL_TYPE, jh_school_type_name(sy->type, lang), 0);
	if (*sy->parent_code)
		jhBookText(b, ws, row, JH_SY_PARENT_CODE, sy->parent_code, 0);
	if (sy->location)
		jhBookText(b, ws, row, JH_SY_LOCATION, jh_location_name(sy->location, lang), 0);
	if (sy->boarding >= 0)
		jhBookText(b, ws, row, JH_SY_BOARDING, jhBookYes(lang, sy->boarding), 0);
	for (int f = 0; f < JH_F__REQUIRED; f++) {
		unsigned st = field_stage(f);
		if (!st || (stages & st))
			worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)(JH_SY_IDCOLS + f),
			                      b->fmt_blank);
	}
}

static void instructions_sheet(jhBook *b, lxw_worksheet *ws, const char *lang)
{
	const char *heads[] = {
		JH_L(lang, "列", "Column"), JH_L(lang, "表头", "Header"),
		JH_L(lang, "名称", "Name"), JH_L(lang, "是否必填", "Required"),
		JH_L(lang, "单位", "Unit"), JH_L(lang, "填写说明", "How to fill"),
	};
	const char *notes[] = {
		JH_L(lang, "1. 每行填写一所学校一个年度的数据;请勿修改、删除或移动表头(第 3 行)。",
		     "1. One row per school and year; do not change, delete or move the header (row 3)."),
		JH_L(lang, "2. 红色表头为必填列;黄色单元格是已列出学校待填写的数据。",
		     "2. Red headers are required columns; yellow cells are the listed schools' "
		     "figures still to fill."),
		JH_L(lang, "3. 数值只填数字,不带单位;人数、间数、班级数为整数,面积、金额可有小数。",
		     "3. Numbers only, without units; counts are whole numbers, areas and money "
		     "may have decimals."),
		JH_L(lang, "4. 学校不设的学段,其在校生、教师等列填 0 或留空。",
		     "4. For a stage the school does not teach, enter 0 or leave its columns empty."),
		JH_L(lang, "5. 下拉列表的取值见“代码表”。填好后用“junheng import”或导入页面导入。",
		     "5. The lists' values are on the Lists sheet.  Import the filled file with "
		     "\"junheng import\" or the import page."),
	};
	char cell[16], how[300];
	int row = 2 + (int)(sizeof notes / sizeof notes[0]) + 1;

	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
		worksheet_merge_range(ws, (lxw_row_t)(2 + i), 0, (lxw_row_t)(2 + i), 5, notes[i],
		                      b->fmt_note);
	for (int k = 0; k < 6; k++)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)k, heads[k], b->fmt_head);
	for (int c = 0; c < NCOLS; c++) {
		const jhColSpec *cs = &jhSchoolYear.cols[c];
		int r = row + 1 + c;

		lxw_col_to_name(cell, (lxw_col_t)c, 0);
		jhBookText(b, ws, r, 0, cell, 0);
		jhBookText(b, ws, r, 1, lang[0] == 'e' ? cs->key : cs->zh, 0);
		jhBookText(b, ws, r, 2, lang[0] == 'e' ? cs->en : cs->zh, 0);
		jhBookText(b, ws, r, 3, cs->flags & JH_COL_REQUIRED ?
		           JH_L(lang, "必填", "required") : JH_L(lang, "选填", "optional"), 0);
		jhBookText(b, ws, r, 4, unit_name(cs->unit, lang), 0);
		how_to_fill(c, lang, how, sizeof how);
		worksheet_write_string(ws, (lxw_row_t)r, 5, how, b->fmt_wrap);
	}
	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 2, 30, NULL);
	worksheet_set_column(ws, 3, 4, 9, NULL);
	worksheet_set_column(ws, 5, 5, 56, NULL);
}

jh_code jhReportTemplate(jh_store *s, const jh_user *who, const jh_report_request *rq,
                         jh_buf *out, jh_diags *d)
{
	const char *lang = jhReportLang(rq);
	const char *data_name = JH_L(lang, "学校年度数据", "School-years");
	jhLoaded L = JH_LOADED_INIT;
	jh_query q;
	jh_diags quiet = JH_DIAGS_INIT;
	jh_areas *areas = NULL;
	lxw_worksheet *ws, *wl, *wi;
	lxw_format *req;
	size_t nrows = 0;
	char full[160] = "", title[200], sub[300], generated[16], note[400], how[300];
	int last, ymin, ymax;
	jhBook b;
	jh_code rc;

	(void)who;
	/* The county's schools of the year; none is fine (an empty form). */
	memset(&q, 0, sizeof q);
	q.county = rq->area;
	q.year = rq->year;
	q.as_of = rq->as_of;
	q.std = rq->std;
	q.lang = lang;
	rc = jhServiceLoad(s, &q, 0, 0, &L, &quiet);
	if (rc && rc != JH_ERR_NOTFOUND)
		jhDiagsCopy(d, &quiet);
	jh_diags_free(&quiet);
	if (rc && rc != JH_ERR_NOTFOUND) {
		jhLoadedFree(&L);
		return rc;
	}
	if (!rc)
		nrows = jh_dataset_count(L.ds);
	if ((rc = jh_store_areas(s, &areas, d))) {
		jhLoadedFree(&L);
		return rc;
	}
	jh_areas_county_fullname(areas, rq->area, full, sizeof full);
	jh_areas_free(areas);
	jh_county_title(rq->area, full, lang, title, sizeof title);
	jhReportToday(s, generated);
	if ((rc = jhBookOpen(&b, lang, d))) {
		jhLoadedFree(&L);
		return rc;
	}
	jhBookSubline(lang, title, rq->year, generated, sub, sizeof sub);
	ws = jhBookSheet(&b, data_name, 1, HEAD_ROW + 1, sub);
	wi = jhBookSheet(&b, JH_L(lang, "填表说明", "Instructions"), 0, 0, sub);
	wl = jhBookSheet(&b, JH_L(lang, "代码表", "Lists"), 0, 1, sub);
	jhBookHead(&b, ws, 12, JH_L(lang, "义务教育学校年度数据导入模板",
	                            "School-year data: import template"), sub);
	jhBookHead(&b, wi, 5, JH_L(lang, "填表说明", "Instructions"), sub);
	lists_sheet(&b, wl, lang);
	instructions_sheet(&b, wi, lang);
	/* Required columns: a red header. */
	req = workbook_add_format(b.wb);
	format_set_bold(req);
	format_set_border(req, LXW_BORDER_THIN);
	format_set_align(req, LXW_ALIGN_CENTER);
	format_set_align(req, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(req);
	format_set_bg_color(req, 0xD9D9D9);
	format_set_font_color(req, 0xC00000);
	format_set_font_name(req, JH_L(lang, "宋体", "Calibri"));
	format_set_font_size(req, 10);
	for (int c = 0; c < NCOLS; c++) {
		const jhColSpec *cs = &jhSchoolYear.cols[c];
		int required = cs->flags & JH_COL_REQUIRED;
		const char *unit = unit_name(cs->unit, lang);

		worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c, lang[0] == 'e' ? cs->key : cs->zh,
		                       required ? req : b.fmt_head);
		how_to_fill(c, lang, how, sizeof how);
		snprintf(note, sizeof note, JH_L(lang, "%s%s%s。%s", "%s%s%s. %s"),
		         required ? JH_L(lang, "必填", "Required") : JH_L(lang, "选填", "Optional"),
		         *unit ? JH_L(lang, ",单位:", "; unit: ") : "", unit, how);
		worksheet_write_comment(ws, HEAD_ROW, (lxw_col_t)c, note);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		                     c == JH_SY_SCHOOL_NAME ? 22 : c < JH_SY_IDCOLS ? 12 : 11, NULL);
	}
	worksheet_set_row(ws, HEAD_ROW, 48, NULL);
	for (size_t i = 0; i < nrows; i++)
		prefill(&b, ws, HEAD_ROW + 1 + (int)i, jh_dataset_row(L.ds, i), lang);
	/* Validation over the rows and room for new schools. */
	last = HEAD_ROW + (int)nrows + SPARE_ROWS;
	jhYearRange(rq->std ? rq->std->year_min : 0, rq->std ? rq->std->year_max : 0,
	            &ymin, &ymax);
	{
		lxw_data_validation dv;
		memset(&dv, 0, sizeof dv);
		dv.validate = LXW_VALIDATION_TYPE_LENGTH;
		dv.criteria = LXW_VALIDATION_CRITERIA_EQUAL_TO;
		dv.value_number = 6;
		dv.error_message = (char *)JH_L(lang, "县(市、区)代码为 6 位。",
		                                "The county code has 6 digits.");
		worksheet_data_validation_range(ws, HEAD_ROW + 1, JH_SY_COUNTY_CODE,
		                                (lxw_row_t)last, JH_SY_COUNTY_CODE, &dv);
	}
	validate_number(ws, JH_SY_YEAR, last, 1, ymin, ymax, JH_L(lang, "年度", "year"), lang);
	{
		const char *types[JH_TYPE__COUNT + 1], *locs[4], *yesno[3];
		for (int t = 0; t < JH_TYPE__COUNT; t++)
			types[t] = jh_school_type_name((jh_school_type)t, lang);
		types[JH_TYPE__COUNT] = NULL;
		for (int l = JH_LOC_URBAN; l <= JH_LOC_RURAL; l++)
			locs[l - 1] = jh_location_name((jh_location)l, lang);
		locs[3] = NULL;
		yesno[0] = jhBookYes(lang, 1);
		yesno[1] = jhBookYes(lang, 0);
		yesno[2] = NULL;
		validate_list(ws, JH_SY_SCHOOL_TYPE, last, types, JH_L(lang, "办学类型", "school type"),
		              lang);
		validate_list(ws, JH_SY_LOCATION, last, locs, JH_L(lang, "城乡类型", "location"), lang);
		validate_list(ws, JH_SY_BOARDING, last, yesno, JH_L(lang, "是否寄宿制学校", "boarding"),
		              lang);
		for (int f = 0; f < JH_F__COUNT; f++)
			if (jh_field_is_yesno((jh_field)f))
				validate_list(ws, JH_SY_IDCOLS + f, last, yesno,
				              jh_field_name((jh_field)f, lang), lang);
	}
	/* 举办者类型: "7 县级教育部门" …, or the codes alone when the names
	 * are over Excel's 255 characters (English); the loader reads
	 * both, and the lists sheet names every code. */
	{
		char org[JH_ORGANISER_MAX][96];
		const char *orgs[JH_ORGANISER_MAX + 1];
		size_t len = 0;
		for (int c = 1; c <= JH_ORGANISER_MAX; c++) {
			snprintf(org[c - 1], sizeof org[c - 1], "%d %s", c, jh_organiser_name(c, lang));
			len += chars(org[c - 1]) + 1;
		}
		for (int c = 1; c <= JH_ORGANISER_MAX; c++) {
			if (len > 256)
				snprintf(org[c - 1], sizeof org[c - 1], "%d", c);
			orgs[c - 1] = org[c - 1];
		}
		orgs[JH_ORGANISER_MAX] = NULL;
		validate_list(ws, JH_SY_IDCOLS + JH_F_ORGANISER, last, orgs,
		              JH_L(lang, "举办者类型", "organiser type"), lang);
	}
	for (int f = 0; f < JH_F__COUNT; f++) {
		const jhColSpec *cs = &jhSchoolYear.cols[JH_SY_IDCOLS + f];
		if (f == JH_F_ORGANISER || jh_field_is_yesno((jh_field)f))
			continue;
		if (f == JH_F_BUILD_YEAR)
			validate_number(ws, JH_SY_IDCOLS + f, last, 1, 1800, ymax,
			                JH_L(lang, "建校年份", "year built"), lang);
		else if (f == JH_F_GRADES)
			validate_number(ws, JH_SY_IDCOLS + f, last, 1, 1, 12,
			                JH_L(lang, "年级数", "grades"), lang);
		else
			validate_number(ws, JH_SY_IDCOLS + f, last, cs->type == JH_COL_COUNT, 0,
			                INFINITY, JH_L(lang, "数值", "number"), lang);
	}
	worksheet_freeze_panes(ws, HEAD_ROW + 1, JH_SY_SCHOOL_NAME + 1);
	jhLoadedFree(&L);
	return jhBookClose(&b, out, d);
}
