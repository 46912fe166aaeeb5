/*
** book_ledger.c — the county's rectification ledger (整改工作台账) as a
** workbook: every item the caller may read (jh_ledger_list: a school
** account sees its own school's only), as of the store's today, one row
** each, by id.
**
** Columns: id, kind, school (code and name; 县级 for a county-level
** item), the shortfall in the request's language, the data year, the
** measure, the responsible unit and person, the deadline, the status (by
** its name), 挂牌督办, overdue, the last change (local time).  An
** autofilter over the table lets the office sort and filter in Excel;
** overdue rows (jh_ledger_overdue on the store's today) are in the
** failing colours; the status column — and 100 spare rows under the
** table for items added by hand — accepts only the statuses' names (a
** list validation), so a filled-in copy keeps the ledger's words.  A
** footnote counts the items by status and the overdue ones.
*/
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *key, *zh, *en;
} kinds[] = {
	{"school_indicator", "学校指标", "school indicator"},
	{"school_rule", "学校综合达标", "school rule"},
	{"coefficient", "差异系数", "coefficient"},
	{"county_item", "县级指标", "county item"},
	{"manual", "手工录入", "added by hand"},
	{"finding", "复核发现问题", "review finding"},
};

static const char *kind_name(const char *key, const char *lang)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kinds[i].key, key))
			return JH_L(lang, kinds[i].zh, kinds[i].en);
	return key;
}

enum { LG_ID, LG_KIND, LG_SCHOOL, LG_WHAT, LG_YEAR, LG_MEASURE, LG_UNIT,
       LG_PERSON, LG_DEADLINE, LG_STATUS, LG_SUPERVISED, LG_OVERDUE,
       LG_CHANGED, LG__N };

#define SPARE_ROWS 100

static int by_id(const void *a, const void *b)
{
	long x = ((const jh_ledger_item *)a)->id, y = ((const jh_ledger_item *)b)->id;

	return (x > y) - (x < y);
}

jh_code jhReportLedger(jh_store *s, const jh_user *who, const jh_report_request *rq,
                       jh_buf *out, jh_diags *d)
{
	const char *lang = jhReportLang(rq);
	jh_ledger_filter f = JH_LEDGER_FILTER_INIT;
	jh_ledger_item *items = NULL;
	jh_areas *areas = NULL;
	size_t n = 0, by_status[JH_LEDGER__COUNT] = {0}, overdue = 0;
	jh_day today = jh_day_today(s);
	char full[160] = "", title[200], sub[300], generated[16], text[1024];
	const char *names[JH_LEDGER__COUNT + 1];
	const char *heads[LG__N] = {
		JH_L(lang, "编号", "Id"), JH_L(lang, "类别", "Kind"),
		JH_L(lang, "学校", "School"), JH_L(lang, "问题", "Shortfall"),
		JH_L(lang, "数据年度", "Data year"), JH_L(lang, "整改措施", "Measure"),
		JH_L(lang, "责任单位", "Responsible unit"), JH_L(lang, "责任人", "Responsible"),
		JH_L(lang, "整改时限", "Deadline"), JH_L(lang, "状态", "Status"),
		JH_L(lang, "挂牌督办", "Supervised"), JH_L(lang, "逾期", "Overdue"),
		JH_L(lang, "最后更新", "Last update"),
	};
	lxw_data_validation dv;
	lxw_worksheet *ws;
	jhBook b;
	jh_code rc;
	int row;

	f.area = rq->area;
	if ((rc = jh_ledger_list(s, who, &f, &items, &n, d)))
		return rc;
	if (n)
		qsort(items, n, sizeof *items, by_id);
	if ((rc = jh_store_areas(s, &areas, d))) {
		free(items);
		return rc;
	}
	jh_areas_county_fullname(areas, rq->area, full, sizeof full);
	jh_areas_free(areas);
	jh_county_title(rq->area, full, lang, title, sizeof title);
	jhReportToday(s, generated);
	if ((rc = jhBookOpen(&b, lang, d))) {
		free(items);
		return rc;
	}
	jhBookSubline(lang, title, 0, generated, sub, sizeof sub);
	ws = jhBookSheet(&b, JH_L(lang, "整改台账", "Ledger"), 1, 3, sub);
	jhBookHead(&b, ws, LG__N - 1, JH_L(lang, "义务教育优质均衡发展整改工作台账",
	                                   "Rectification ledger"), sub);
	for (int k = 0; k < LG__N; k++)
		worksheet_write_string(ws, 2, (lxw_col_t)k, heads[k], b.fmt_head);
	row = 3;
	for (size_t i = 0; i < n; i++, row++) {
		const jh_ledger_item *it = &items[i];
		int late = jh_ledger_overdue(it, &today);
		char school[200];

		overdue += (size_t)late;
		if ((unsigned)it->status < JH_LEDGER__COUNT)
			by_status[it->status]++;
		jhBookNum(&b, ws, row, LG_ID, (double)it->id, 0, late);
		jhBookText(&b, ws, row, LG_KIND, kind_name(it->kind, lang), late);
		if (*it->school) {
			char name[128] = "";
			jh_diags quiet = JH_DIAGS_INIT;
			jh_store_school_name(s, it->school, name, sizeof name, &quiet);
			jh_diags_free(&quiet);
			snprintf(school, sizeof school, "%s %s", it->school, name);
		} else {
			snprintf(school, sizeof school, "%s", JH_L(lang, "县级", "county level"));
		}
		jhBookText(&b, ws, row, LG_SCHOOL, school, late);
		snprintf(text, sizeof text, "%s", lang[0] == 'e' && *it->what_en ? it->what_en
		                                                               : it->what_zh);
		jhBookText(&b, ws, row, LG_WHAT, text, late);
		jhBookNum(&b, ws, row, LG_YEAR, it->year, 0, late);
		jhBookText(&b, ws, row, LG_MEASURE, it->measure, late);
		jhBookText(&b, ws, row, LG_UNIT, it->unit, late);
		jhBookText(&b, ws, row, LG_PERSON, it->person, late);
		jhBookText(&b, ws, row, LG_DEADLINE, it->deadline.s, late);
		jhBookText(&b, ws, row, LG_STATUS, jh_ledger_status_name(it->status, lang), late);
		jhBookText(&b, ws, row, LG_SUPERVISED, jhBookYes(lang, it->supervised), late);
		jhBookText(&b, ws, row, LG_OVERDUE, jhBookYes(lang, late), late);
		jhLocalTime(it->changed, lang, text, sizeof text);
		text[16] = 0;   /* "YYYY-MM-DD HH:MM" of the local time */
		jhBookText(&b, ws, row, LG_CHANGED, text, late);
	}
	worksheet_autofilter(ws, 2, 0, (lxw_row_t)(2 + n), LG__N - 1);
	/* The status column takes the statuses' names only. */
	for (int st = 0; st < JH_LEDGER__COUNT; st++)
		names[st] = jh_ledger_status_name((jh_ledger_status)st, lang);
	names[JH_LEDGER__COUNT] = NULL;
	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)names;
	dv.input_title = (char *)JH_L(lang, "状态", "Status");
	dv.error_title = (char *)JH_L(lang, "状态", "Status");
	dv.error_message = (char *)JH_L(lang, "请从列表中选择台账状态。",
	                                "Choose one of the ledger's statuses.");
	worksheet_data_validation_range(ws, 3, LG_STATUS, (lxw_row_t)(2 + n + SPARE_ROWS),
	                                LG_STATUS, &dv);
	/* The footnote: items by status, overdue. */
	{
		size_t len;
		snprintf(text, sizeof text, JH_L(lang, "共 %zu 项:", "%zu items: "), n);
		for (int st = 0; st < JH_LEDGER__COUNT; st++) {
			len = strlen(text);
			snprintf(text + len, sizeof text - len, JH_L(lang, "%s%s %zu", "%s%s %zu"),
			         st ? JH_L(lang, ",", ", ") : "",
			         jh_ledger_status_name((jh_ledger_status)st, lang), by_status[st]);
		}
		len = strlen(text);
		snprintf(text + len, sizeof text - len,
		         JH_L(lang, ";逾期 %zu 项(以红色标示,截至 %s)。",
		              "; %zu overdue (in red, as of %s)."), overdue, today.s);
		worksheet_merge_range(ws, (lxw_row_t)(row + 1), 0, (lxw_row_t)(row + 1),
		                      LG__N - 1, text, b.fmt_note);
	}
	worksheet_freeze_panes(ws, 3, 0);
	worksheet_set_column(ws, LG_ID, LG_ID, 6, NULL);
	worksheet_set_column(ws, LG_KIND, LG_KIND, 11, NULL);
	worksheet_set_column(ws, LG_SCHOOL, LG_SCHOOL, 24, NULL);
	worksheet_set_column(ws, LG_WHAT, LG_WHAT, 44, NULL);
	worksheet_set_column(ws, LG_YEAR, LG_YEAR, 7, NULL);
	worksheet_set_column(ws, LG_MEASURE, LG_MEASURE, 30, NULL);
	worksheet_set_column(ws, LG_UNIT, LG_PERSON, 12, NULL);
	worksheet_set_column(ws, LG_DEADLINE, LG_DEADLINE, 11, NULL);
	worksheet_set_column(ws, LG_STATUS, LG_STATUS, 11, NULL);
	worksheet_set_column(ws, LG_SUPERVISED, LG_OVERDUE, 8, NULL);
	worksheet_set_column(ws, LG_CHANGED, LG_CHANGED, 16, NULL);
	free(items);
	return jhBookClose(&b, out, d);
}
