/*
** report.c — the one door to the documents.
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

static const struct builder {
	unsigned needs;
	jhReportFn build;
} builders[JH_RK__COUNT] = {
	[JH_RK_APPLICATION] = {0, jhReportApplication},
	[JH_RK_COUNTY] = {0, jhReportCounty},
	[JH_RK_CITY] = {0, jhReportCity},
	[JH_RK_LEDGER] = {0, jhReportLedger},
	[JH_RK_TEMPLATE] = {0, jhReportTemplate},
	[JH_RK_SELF_EVALUATION] = {0, jhReportSelfEvaluation},
	[JH_RK_REVIEW] = {0, jhReportReview},
	[JH_RK_NOTICE] = {0, jhReportNotice},
	[JH_RK_SCHOOL] = {N_SCHOOL, jhReportSchool},
};

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
	const struct builder *k;
	const char *key;
	jh_code rc;

	if (!s || !rq || !out)
		return JH_ERR_ARG;
	if ((unsigned)rq->kind >= JH_RK__COUNT) {
		jh_diags_add(d, JH_P_REPORT_KIND, NULL, NULL, 0, 0, NULL, "", NULL);
		return JH_ERR_ARG;
	}
	k = &builders[rq->kind];
	key = jh_report_kind_key(rq->kind);
	if (!rq->area || !*rq->area) {
		jh_diags_add(d, JH_P_REPORT_NEEDS, NULL, NULL, 0, 0, NULL, key, "area");
		return JH_ERR_ARG;
	}
	if (rq->year <= 0) {
		jh_diags_add(d, JH_P_REPORT_NEEDS, NULL, NULL, 0, 0, NULL, key, "year");
		return JH_ERR_ARG;
	}
	if ((k->needs & N_SCHOOL) && (!rq->school || !*rq->school)) {
		jh_diags_add(d, JH_P_REPORT_NEEDS, NULL, NULL, 0, 0, NULL, key, "school");
		return JH_ERR_ARG;
	}
	if (!(k->needs & N_SCHOOL) && rq->school && *rq->school) {
		jh_diags_add(d, JH_P_REPORT_TAKES_NOT, NULL, NULL, 0, 0, NULL, key, "school");
		return JH_ERR_ARG;
	}
	if ((rc = check_access(s, who, rq, d)))
		return rc;
	return k->build(s, who, rq, out, d);
}
