/*
** kinds.c — which documents there are: their keys, names, formats and
** file names, and the request's language.  What every builder may use;
** the dispatch to the builders is report.c's (which uses this file, so
** that no two files of the layer depend on each other).
*/
#include "report_int.h"

#include <stdio.h>
#include <string.h>

static const struct kind {
	const char *key, *zh, *en;
	jh_report_format format;
} kinds[JH_RK__COUNT] = {
	[JH_RK_APPLICATION] = {"application", "义务教育优质均衡发展县申报表",
		"application form", JH_RF_XLSX},
	[JH_RK_COUNTY] = {"county", "县域评估工作簿", "county evaluation workbook", JH_RF_XLSX},
	[JH_RK_CITY] = {"city", "市级汇总表", "city summary workbook", JH_RF_XLSX},
	[JH_RK_LEDGER] = {"ledger", "整改工作台账", "rectification ledger", JH_RF_XLSX},
	[JH_RK_TEMPLATE] = {"template", "学校年度数据导入模板", "school-year import template",
		JH_RF_XLSX},
	[JH_RK_SELF_EVALUATION] = {"self-evaluation", "自评报告", "self-evaluation report",
		JH_RF_PDF},
	[JH_RK_REVIEW] = {"review", "督导评估意见书", "review opinion", JH_RF_PDF},
	[JH_RK_NOTICE] = {"notice", "督导通报", "progress notice", JH_RF_PDF},
	[JH_RK_SCHOOL] = {"school", "学校概况", "school profile", JH_RF_PDF},
};

const char *jh_report_kind_key(jh_report_kind k)
{
	return (unsigned)k < JH_RK__COUNT ? kinds[k].key : "";
}

int jh_report_kind_parse(const char *key)
{
	for (int k = 0; key && k < JH_RK__COUNT; k++)
		if (!strcmp(key, kinds[k].key))
			return k;
	return -1;
}

const char *jh_report_kind_name(jh_report_kind k, const char *lang)
{
	if ((unsigned)k >= JH_RK__COUNT)
		return "";
	return lang && !strcmp(lang, "en") ? kinds[k].en : kinds[k].zh;
}

jh_report_format jh_report_kind_format(jh_report_kind k)
{
	return (unsigned)k < JH_RK__COUNT ? kinds[k].format : JH_RF_XLSX;
}

const char *jh_report_format_key(jh_report_format f)
{
	return f == JH_RF_PDF ? "pdf" : "xlsx";
}

int jh_report_format_parse(const char *key)
{
	if (key && !strcmp(key, "xlsx"))
		return JH_RF_XLSX;
	if (key && !strcmp(key, "pdf"))
		return JH_RF_PDF;
	return -1;
}

const char *jh_report_format_mime(jh_report_format f)
{
	return f == JH_RF_PDF ? "application/pdf" :
	       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/* Codes are digits and letters; anything else becomes '_' so that the
 * name is safe in a Content-Disposition header and a shell. */
static void safe(const char *s, char *out, size_t cap)
{
	size_t i = 0;

	for (; s && *s && i + 1 < cap; s++)
		out[i++] = ((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') ||
		            (*s >= 'a' && *s <= 'z') || *s == '-') ? *s : '_';
	out[i] = 0;
}

void jh_report_file_name(jh_report_kind k, const char *area, int year,
                         const char *school, char *out, size_t cap)
{
	char a[32], sc[32];

	safe(area, a, sizeof a);
	safe(school, sc, sizeof sc);
	if (*sc)
		snprintf(out, cap, "%s-%d-%s.%s", sc, year, jh_report_kind_key(k),
		         jh_report_format_key(jh_report_kind_format(k)));
	else
		snprintf(out, cap, "%s-%d-%s.%s", a, year, jh_report_kind_key(k),
		         jh_report_format_key(jh_report_kind_format(k)));
}

const char *jhReportLang(const jh_report_request *rq)
{
	return rq->lang && !strcmp(rq->lang, "en") ? "en" : "zh";
}
