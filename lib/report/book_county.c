/*
** book_county.c — the county evaluation workbook (县域评估工作簿) of a
** county-year: what `junheng eval` and `junheng verdict` say, laid out
** as an office files it.  Three sheets:
**
**   学校指标 / Schools        every school unit (a school's stage; a
**        multi-stage school has one row per stage) with its pupils, the
**        seven indicators, how many it meets and whether it passes the
**        per-school rule (6 of 7, none under 85%).  Above the units, one
**        row of thresholds per stage (标准值), so that each value stands
**        under the figure it is judged against; a value under its
**        threshold is a failing cell.  Units the evaluation leaves out
**        (small teaching points, merged ones, a stage without pupils) are
**        listed with their status and no judgement.
**   差异系数 / Coefficients   per stage with schools: each indicator's
**        student-weighted county mean (2 decimals), difference
**        coefficient (3 decimals) against the stage's limit (≤ 0.50 /
**        0.45), and the 综合 row (the plain mean of the seven, shown, not
**        judged — reference §2).
**   评估结论 / Verdict        the verdict in words at the top, then every
**        item of the four parts (part, item, value, requirement, status,
**        detail) in the request's language, then the recognition rate of
**        each respondent group.
**
** Every sheet: title, the county / year / date line, headers repeated on
** each printed page, frozen under the header, A4 landscape (jhBookSheet).
** Numbers are the evaluation's doubles; only the cell's format rounds.
*/
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Columns of the schools sheet. */
enum { SC_NO, SC_CODE, SC_NAME, SC_TYPE, SC_STAGE, SC_STATUS, SC_STUDENTS,
       SC_IND, SC_MET = SC_IND + JH_IND__COUNT, SC_FLOOR, SC_PASS, SC__N };

/* Decimals of an indicator as 表Ⅱ-2 prints them (reference §10). */
#define IND_DEC 2

static void schools_sheet(jhBook *b, const jhCountyData *cd, const char *sub,
                          const char *lang)
{
	const jh_result *r = cd->L.res;
	const jh_county_result *c = &r->counties[cd->county];
	const jh_standard *std = r->standard;
	lxw_worksheet *ws = jhBookSheet(b, JH_L(lang, "学校指标", "Schools"), 1, 5, sub);
	char head[160];
	int row;

	jhBookHead(b, ws, SC__N - 1,
	           JH_L(lang, "义务教育学校资源配置指标(分学校)",
	                "Resource indicators of each school"), sub);
	{
		const char *heads[SC__N] = {
			[SC_NO] = JH_L(lang, "序号", "No."),
			[SC_CODE] = JH_L(lang, "学校标识码", "School code"),
			[SC_NAME] = JH_L(lang, "学校名称", "School"),
			[SC_TYPE] = JH_L(lang, "办学类型", "Type"),
			[SC_STAGE] = JH_L(lang, "学段", "Stage"),
			[SC_STATUS] = JH_L(lang, "参评情况", "Status"),
			[SC_STUDENTS] = JH_L(lang, "在校生数(人)", "Students"),
			[SC_MET] = JH_L(lang, "达标项数", "Indicators met"),
			[SC_FLOOR] = JH_L(lang, "低于85%项数", "Under 85%"),
			[SC_PASS] = JH_L(lang, "该校(学段)是否达标", "School stage passes"),
		};
		for (int k = 0; k < SC__N; k++) {
			if (k >= SC_IND && k < SC_MET) {
				jh_indicator i = (jh_indicator)(k - SC_IND);
				snprintf(head, sizeof head, "%s(%s)", jh_indicator_short(i, lang),
				         jh_indicator_unit(i, lang));
				worksheet_write_string(ws, 2, (lxw_col_t)k, head, b->fmt_head);
			} else {
				worksheet_write_string(ws, 2, (lxw_col_t)k, heads[k], b->fmt_head);
			}
		}
	}
	worksheet_set_row(ws, 2, 42, NULL);
	/* One row of thresholds per stage (标准值), under the header. */
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		snprintf(head, sizeof head, JH_L(lang, "%s标准值", "Threshold, %s"),
		         jh_stage_name((jh_stage)st, lang));
		worksheet_merge_range(ws, (lxw_row_t)(3 + st), 0, (lxw_row_t)(3 + st),
		                      SC_STUDENTS, head, b->fmt_head);
		for (int i = 0; i < JH_IND__COUNT; i++)
			jhBookNum(b, ws, 3 + st, SC_IND + i, std->threshold[st][i], IND_DEC, 0);
		for (int k = SC_MET; k < SC__N; k++)
			worksheet_write_blank(ws, (lxw_row_t)(3 + st), (lxw_col_t)k, b->fmt_head);
	}
	row = 5;
	for (size_t k = 0; k < c->nunits; k++) {
		const jh_unit *u = &r->units[c->first_unit + k];
		int eval = u->status == JH_UNIT_EVALUATED;

		jhBookNum(b, ws, row, SC_NO, (double)(k + 1), 0, 0);
		jhBookText(b, ws, row, SC_CODE, u->school->school_code, 0);
		jhBookText(b, ws, row, SC_NAME, u->school->school_name, 0);
		jhBookText(b, ws, row, SC_TYPE, jh_school_type_name(u->school->type, lang), 0);
		jhBookText(b, ws, row, SC_STAGE, jh_stage_name(u->stage, lang), 0);
		jhBookText(b, ws, row, SC_STATUS, jhUnitStatusName(u->status, lang), 0);
		jhBookNum(b, ws, row, SC_STUDENTS, u->students, 0, 0);
		for (int i = 0; i < JH_IND__COUNT; i++) {
			double v = u->value[i];
			int fail = eval && !jh_at_least(std, v, std->threshold[u->stage][i]);
			if (isfinite(v))
				jhBookNum(b, ws, row, SC_IND + i, v, IND_DEC, fail);
			else
				jhBookText(b, ws, row, SC_IND + i, "", 0);
		}
		if (eval) {
			jhBookNum(b, ws, row, SC_MET, u->met, 0, u->met < std->school_min_met);
			jhBookNum(b, ws, row, SC_FLOOR, u->below_floor, 0, u->below_floor > 0);
			jhBookText(b, ws, row, SC_PASS, jhBookYes(lang, u->passes), !u->passes);
		} else {
			for (int col = SC_MET; col <= SC_PASS; col++)
				jhBookText(b, ws, row, col, "—", 0);
		}
		row++;
	}
	worksheet_freeze_panes(ws, 5, SC_STAGE + 1);
	worksheet_set_column(ws, SC_NO, SC_NO, 5, NULL);
	worksheet_set_column(ws, SC_CODE, SC_CODE, 12, NULL);
	worksheet_set_column(ws, SC_NAME, SC_NAME, 22, NULL);
	worksheet_set_column(ws, SC_TYPE, SC_TYPE, 14, NULL);
	worksheet_set_column(ws, SC_STAGE, SC_STAGE, 6, NULL);
	worksheet_set_column(ws, SC_STATUS, SC_STATUS, 14, NULL);
	worksheet_set_column(ws, SC_STUDENTS, SC_PASS, 10, NULL);
}

/* Columns of the coefficients sheet. */
enum { CV_STAGE, CV_IND, CV_UNIT, CV_SCHOOLS, CV_MEAN, CV_CV, CV_LIMIT, CV_PASS, CV__N };

static void coefficients_sheet(jhBook *b, const jhCountyData *cd, const char *sub,
                               const char *lang)
{
	const jh_result *r = cd->L.res;
	const jh_county_result *c = &r->counties[cd->county];
	const jh_standard *std = r->standard;
	lxw_worksheet *ws = jhBookSheet(b, JH_L(lang, "差异系数", "Coefficients"), 1, 3, sub);
	const char *heads[CV__N] = {
		JH_L(lang, "学段", "Stage"), JH_L(lang, "指标", "Indicator"),
		JH_L(lang, "单位", "Unit"), JH_L(lang, "参评学校数", "Schools"),
		JH_L(lang, "全县平均值", "County mean"), JH_L(lang, "差异系数", "Coefficient"),
		JH_L(lang, "标准(≤)", "Limit (≤)"), JH_L(lang, "是否达标", "Passes"),
	};
	int row = 3;

	jhBookHead(b, ws, CV__N - 1,
	           JH_L(lang, "县域义务教育校际均衡情况(差异系数)",
	                "Balance between schools: difference coefficients"), sub);
	for (int k = 0; k < CV__N; k++)
		worksheet_write_string(ws, 2, (lxw_col_t)k, heads[k], b->fmt_head);
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		const jh_stage_result *sr = &c->stage[st];
		const char *stage = jh_stage_name((jh_stage)st, lang);

		if (!sr->schools)
			continue;
		for (int i = 0; i < JH_IND__COUNT; i++, row++) {
			jhBookText(b, ws, row, CV_STAGE, stage, 0);
			jhBookText(b, ws, row, CV_IND, jh_indicator_name((jh_indicator)i, lang), 0);
			jhBookText(b, ws, row, CV_UNIT, jh_indicator_unit((jh_indicator)i, lang), 0);
			jhBookNum(b, ws, row, CV_SCHOOLS, (double)sr->schools, 0, 0);
			jhBookNum(b, ws, row, CV_MEAN, sr->mean[i], 2, 0);
			if (isfinite(sr->cv[i]))
				jhBookNum(b, ws, row, CV_CV, sr->cv[i], 3, !sr->cv_pass[i]);
			else
				jhBookText(b, ws, row, CV_CV, "—", 1);
			jhBookNum(b, ws, row, CV_LIMIT, std->cv_limit[st], 2, 0);
			jhBookText(b, ws, row, CV_PASS, jhBookYes(lang, sr->cv_pass[i]),
			           !sr->cv_pass[i]);
		}
		/* 综合: the plain mean of the seven, shown and not judged. */
		jhBookText(b, ws, row, CV_STAGE, stage, 0);
		jhBookText(b, ws, row, CV_IND, JH_L(lang, "综合差异系数(七项平均)",
		                                     "Overall (mean of the seven)"), 0);
		jhBookText(b, ws, row, CV_UNIT, "", 0);
		jhBookNum(b, ws, row, CV_SCHOOLS, (double)sr->schools, 0, 0);
		jhBookText(b, ws, row, CV_MEAN, "", 0);
		jhBookNum(b, ws, row, CV_CV, sr->cv_mean, 3, 0);
		jhBookText(b, ws, row, CV_LIMIT, "", 0);
		jhBookText(b, ws, row, CV_PASS, "—", 0);
		row++;
		/* The stage as a whole: every coefficient and every school. */
		jhBookText(b, ws, row, CV_STAGE, stage, 0);
		jhBookText(b, ws, row, CV_IND,
		           JH_L(lang, "该学段(差异系数全部达标且每所学校达标)",
		                "The stage (every coefficient and every school passes)"), 0);
		jhBookText(b, ws, row, CV_UNIT, "", 0);
		jhBookNum(b, ws, row, CV_SCHOOLS, (double)sr->schools, 0, 0);
		jhBookText(b, ws, row, CV_MEAN, "", 0);
		jhBookText(b, ws, row, CV_CV, "", 0);
		jhBookText(b, ws, row, CV_LIMIT, "", 0);
		jhBookText(b, ws, row, CV_PASS, jhBookYes(lang, sr->passes), !sr->passes);
		row++;
	}
	worksheet_freeze_panes(ws, 3, 0);
	worksheet_set_column(ws, CV_STAGE, CV_STAGE, 8, NULL);
	worksheet_set_column(ws, CV_IND, CV_IND, 46, NULL);
	worksheet_set_column(ws, CV_UNIT, CV_PASS, 11, NULL);
}

/* "结论:未达到优质均衡(不达标 10 项,缺少数据 0 项)" */
static void verdict_words(const jh_verdict *v, const char *lang, char *out, size_t cap)
{
	size_t fail = 0, miss = 0;

	for (size_t i = 0; i < v->count; i++) {
		fail += v->items[i].status == JH_ITEM_FAIL;
		miss += v->items[i].status == JH_ITEM_MISSING;
	}
	snprintf(out, cap, JH_L(lang, "评估结论:%s(不达标 %zu 项,缺少数据 %zu 项)",
	                        "Verdict: %s (items failing: %zu, lacking data: %zu)"),
	         v->verdict == JH_VERDICT_PASS ? JH_L(lang, "达到优质均衡", "passes") :
	         v->verdict == JH_VERDICT_FAIL ? JH_L(lang, "未达到优质均衡", "fails") :
	         JH_L(lang, "数据不全,无法认定", "incomplete, data missing"), fail, miss);
}

enum { VI_NO, VI_PART, VI_ITEM, VI_VALUE, VI_REQ, VI_STATUS, VI_DETAIL, VI__N };

static void verdict_sheet(jhBook *b, const jhCountyData *cd, const char *sub,
                          const char *lang)
{
	const jh_verdict *v = &cd->verdict;
	int en = lang[0] == 'e';
	lxw_worksheet *ws = jhBookSheet(b, JH_L(lang, "评估结论", "Verdict"), 1, 4, sub);
	const char *heads[VI__N] = {
		JH_L(lang, "序号", "No."), JH_L(lang, "方面", "Part"),
		JH_L(lang, "项目", "Item"), JH_L(lang, "实际", "Value"),
		JH_L(lang, "要求", "Requirement"), JH_L(lang, "结果", "Status"),
		JH_L(lang, "说明", "Detail"),
	};
	lxw_format *big = workbook_add_format(b->wb);
	char words[200];
	int row = 4;

	jhBookHead(b, ws, VI__N - 1,
	           JH_L(lang, "县域义务教育优质均衡发展评估结论",
	                "High-quality balanced compulsory education: the verdict"), sub);
	format_set_bold(big);
	format_set_font_size(big, 12);
	format_set_font_name(big, JH_L(lang, "宋体", "Calibri"));
	if (v->verdict != JH_VERDICT_PASS)
		format_set_font_color(big, 0x9C0006);
	verdict_words(v, lang, words, sizeof words);
	worksheet_merge_range(ws, 2, 0, 2, VI__N - 1, words, big);
	worksheet_set_row(ws, 2, 22, NULL);
	for (int k = 0; k < VI__N; k++)
		worksheet_write_string(ws, 3, (lxw_col_t)k, heads[k], b->fmt_head);
	for (size_t i = 0; i < v->count; i++, row++) {
		const jh_verdict_item *it = &v->items[i];
		const char *label = en ? it->label_en : it->label_zh;

		if (!*label)
			label = en ? it->name_en : it->name_zh;
		jhBookNum(b, ws, row, VI_NO, (double)(i + 1), 0, 0);
		jhBookText(b, ws, row, VI_PART, jhVerdictPartName(it->part, lang), 0);
		worksheet_write_string(ws, (lxw_row_t)row, VI_ITEM, label, b->fmt_wrap);
		jhBookText(b, ws, row, VI_VALUE, it->status == JH_ITEM_MISSING ? "" :
		           jh_verdict_item_value(it, lang), 0);
		worksheet_write_string(ws, (lxw_row_t)row, VI_REQ,
		                       en ? it->threshold_text_en : it->threshold_text_zh,
		                       b->fmt_wrap);
		if (it->status == JH_ITEM_MISSING)
			worksheet_write_string(ws, (lxw_row_t)row, VI_STATUS,
			                       jhItemStatusName(it->status, lang), b->fmt_blank);
		else
			jhBookText(b, ws, row, VI_STATUS, jhItemStatusName(it->status, lang),
			           it->status == JH_ITEM_FAIL);
		worksheet_write_string(ws, (lxw_row_t)row, VI_DETAIL,
		                       en ? it->detail_en : it->detail_zh, b->fmt_wrap);
	}
	/* Recognition by respondent group (社会认可度, reference §6). */
	row++;
	worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, 2,
	                      JH_L(lang, "社会认可度(分群体满意度)",
	                           "Social recognition by respondent group"), b->fmt_head);
	worksheet_write_string(ws, (lxw_row_t)row, 3, JH_L(lang, "满意度", "Satisfied"),
	                       b->fmt_head);
	row++;
	for (int g = 0; g < JH_GROUPS; g++, row++) {
		double rate = v->recognition_rate[g];
		worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, 2,
		                      jhGroups[g][en ? 2 : 1], b->fmt_text);
		jhBookPct(b, ws, row, 3, rate, 1,
		          isfinite(rate) && !jh_at_least(cd->L.res->standard, rate,
		                                         cd->L.res->standard->recognition_min));
	}
	worksheet_freeze_panes(ws, 4, 0);
	worksheet_set_column(ws, VI_NO, VI_NO, 5, NULL);
	worksheet_set_column(ws, VI_PART, VI_PART, 12, NULL);
	worksheet_set_column(ws, VI_ITEM, VI_ITEM, 40, NULL);
	worksheet_set_column(ws, VI_VALUE, VI_VALUE, 14, NULL);
	worksheet_set_column(ws, VI_REQ, VI_REQ, 24, NULL);
	worksheet_set_column(ws, VI_STATUS, VI_STATUS, 9, NULL);
	worksheet_set_column(ws, VI_DETAIL, VI_DETAIL, 50, NULL);
}

jh_code jhReportCounty(jh_store *s, const jh_user *who, const jh_report_request *rq,
                       jh_buf *out, jh_diags *d)
{
	const char *lang = jhReportLang(rq);
	jhCountyData cd;
	jhBook b;
	char sub[300];
	jh_code rc;

	(void)who;
	if ((rc = jhCountyDataLoad(s, rq, &cd, d))) {
		jhCountyDataFree(&cd);
		return rc;
	}
	if ((rc = jhBookOpen(&b, lang, d))) {
		jhCountyDataFree(&cd);
		return rc;
	}
	jhBookSubline(lang, cd.title, rq->year, cd.generated, sub, sizeof sub);
	verdict_sheet(&b, &cd, sub, lang);
	schools_sheet(&b, &cd, sub, lang);
	coefficients_sheet(&b, &cd, sub, lang);
	rc = jhBookClose(&b, out, d);
	jhCountyDataFree(&cd);
	return rc;
}
