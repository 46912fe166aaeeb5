/*
** report.c — which documents there are, and the one door to them.
**
** jh_report_build checks the request against its kind (what the kind
** needs and does not take), checks that the caller may read the area (and
** the school) the document is about, and hands the request to the kind's
** builder.  The builders trust what is checked here and nothing else.
*/
#include "report_int.h"

#include <stdio.h>
#include <string.h>

/* What a kind needs besides area and year. */
enum { N_SCHOOL = 1 };

static const struct kind {
	const char *key, *zh, *en;
	jh_report_format format;
	unsigned needs;
	jhReportFn build;
} kinds[JH_RK__COUNT] = {
	[JH_RK_APPLICATION] = {"application", "义务教育优质均衡发展县申报表",
		"application form", JH_RF_XLSX, 0, jhReportApplication},
	[JH_RK_COUNTY] = {"county", "县域评估工作簿", "county evaluation workbook",
		JH_RF_XLSX, 0, jhReportCounty},
	[JH_RK_CITY] = {"city", "市级汇总表", "city summary workbook",
		JH_RF_XLSX, 0, jhReportCity},
	[JH_RK_LEDGER] = {"ledger", "整改工作台账", "rectification ledger",
		JH_RF_XLSX, 0, jhReportLedger},
	[JH_RK_TEMPLATE] = {"template", "学校年度数据导入模板", "school-year import template",
		JH_RF_XLSX, 0, jhReportTemplate},
	[JH_RK_SELF_EVALUATION] = {"self-evaluation", "自评报告", "self-evaluation report",
		JH_RF_PDF, 0, jhReportSelfEvaluation},
	[JH_RK_REVIEW] = {"review", "督导评估意见书", "review opinion",
		JH_RF_PDF, 0, jhReportReview},
	[JH_RK_NOTICE] = {"notice", "督导通报", "progress notice",
		JH_RF_PDF, 0, jhReportNotice},
	[JH_RK_SCHOOL] = {"school", "学校概况", "school profile",
		JH_RF_PDF, N_SCHOOL, jhReportSchool},
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

/* The caller may read the area (and the school). */
static jh_code check_access(jh_store *s, const jh_user *who,
                            const jh_report_request *rq, jh_diags *d)
{
	jh_areas *areas = NULL;
	jh_code rc;
	char county[8] = "";
	const char *what = rq->area;

	if ((rc = jh_store_areas(s, &areas, d)))
		return rc;
	if (rq->school && *rq->school) {
		what = rq->school;
		if ((rc = jh_store_school_county(s, rq->school, county, d)))
			goto out;
		if (!*county || strcmp(county, rq->area))
			rc = JH_ERR_NOTFOUND;
		else
			rc = jh_access_school(areas, who, JH_OP_READ, rq->school, county);
	} else {
		rc = jh_access_area(areas, who, JH_OP_READ, rq->area);
	}
	if (rc == JH_ERR_NOTFOUND)
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, what, NULL);
	else if (rc == JH_ERR_DENIED)
		jh_diags_add(d, JH_P_DENIED, NULL, NULL, 0, 0, NULL, what, NULL);
out:
	jh_areas_free(areas);
	return rc;
}

jh_code jh_report_build(jh_store *s, const jh_user *who,
                        const jh_report_request *rq, jh_buf *out,
                        jh_diags *d)
{
	const struct kind *k;
	jh_code rc;

	if (!s || !rq || !out)
		return JH_ERR_ARG;
	if ((unsigned)rq->kind >= JH_RK__COUNT) {
		jh_diags_add(d, JH_P_REPORT_KIND, NULL, NULL, 0, 0, NULL, "", NULL);
		return JH_ERR_ARG;
	}
	k = &kinds[rq->kind];
	if (!rq->area || !*rq->area) {
		jh_diags_add(d, JH_P_REPORT_NEEDS, NULL, NULL, 0, 0, NULL, k->key, "area");
		return JH_ERR_ARG;
	}
	if (rq->year <= 0) {
		jh_diags_add(d, JH_P_REPORT_NEEDS, NULL, NULL, 0, 0, NULL, k->key, "year");
		return JH_ERR_ARG;
	}
	if ((k->needs & N_SCHOOL) && (!rq->school || !*rq->school)) {
		jh_diags_add(d, JH_P_REPORT_NEEDS, NULL, NULL, 0, 0, NULL, k->key, "school");
		return JH_ERR_ARG;
	}
	if (!(k->needs & N_SCHOOL) && rq->school && *rq->school) {
		jh_diags_add(d, JH_P_REPORT_TAKES_NOT, NULL, NULL, 0, 0, NULL, k->key, "school");
		return JH_ERR_ARG;
	}
	if ((rc = check_access(s, who, rq, d)))
		return rc;
	return k->build(s, who, rq, out, d);
}
