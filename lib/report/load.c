/*
** load.c — what a report is about: a county-year evaluated and judged,
** or the counties of a city (or province) in a year.
**
** Both start from the service layer's one load (jhServiceLoad): the
** same rows, records and standard the verdict command reads, so a
** document never says something `junheng verdict` would not.
*/
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jhReportToday(jh_store *s, char out[16])
{
	jh_day t = jh_day_today(s);

	snprintf(out, 16, "%s", t.s);
}

static jh_query query_of(const jh_report_request *rq, const char *county)
{
	jh_query q;

	memset(&q, 0, sizeof q);
	q.county = county;
	q.year = rq->year;
	q.as_of = rq->as_of;
	q.std = rq->std;
	q.lang = jhReportLang(rq);
	return q;
}

jh_code jhCountyDataLoad(jh_store *s, const jh_report_request *rq,
                         jhCountyData *cd, jh_diags *d)
{
	jh_query q = query_of(rq, rq->area);
	const jh_area *county, *city;
	jh_code rc;
	size_t i;

	memset(cd, 0, sizeof *cd);
	if ((rc = jhServiceLoad(s, &q, JH_LOAD_ITEMS, 1, &cd->L, d)))
		return rc;
	for (i = 0; i < cd->L.res->ncounties; i++)
		if (!strcmp(cd->L.res->counties[i].county_code, rq->area) &&
		    cd->L.res->counties[i].year == rq->year)
			break;
	if (i == cd->L.res->ncounties) {
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, rq->area, NULL);
		return JH_ERR_NOTFOUND;
	}
	cd->county = i;
	if ((rc = jh_verdict_county(cd->L.res, i, cd->L.items, &cd->verdict, d)))
		return rc;
	county = jh_areas_find(cd->L.areas, rq->area);
	city = county && county->parent[0] ? jh_areas_find(cd->L.areas, county->parent) : NULL;
	snprintf(cd->county_name, sizeof cd->county_name, "%s",
	         county && county->name ? county->name : "");
	if (city) {
		snprintf(cd->city_code, sizeof cd->city_code, "%s", city->code);
		snprintf(cd->city_name, sizeof cd->city_name, "%s", city->name ? city->name : "");
	}
	jh_areas_county_fullname(cd->L.areas, rq->area, cd->full_name, sizeof cd->full_name);
	jh_county_title(rq->area, cd->full_name, jhReportLang(rq), cd->title, sizeof cd->title);
	jhReportToday(s, cd->generated);
	return JH_OK;
}

void jhCountyDataFree(jhCountyData *cd)
{
	jh_verdict_free(&cd->verdict);
	jhLoadedFree(&cd->L);
	memset(cd, 0, sizeof *cd);
}

jh_code jhAreaDataLoad(jh_store *s, const jh_report_request *rq,
                       jhAreaData *ad, jh_diags *d)
{
	jh_query q = query_of(rq, NULL);
	const jh_area *area;
	const jh_result *r;
	jh_code rc;

	memset(ad, 0, sizeof *ad);
	rc = jhServiceLoad(s, &q, JH_LOAD_ITEMS, 0, &ad->L, d);
	if (rc && rc != JH_ERR_NOTFOUND)
		return rc;
	r = ad->L.res;
	if (!rc && r->ncounties && !(ad->counties = malloc(r->ncounties * sizeof *ad->counties)))
		return JH_ERR_NOMEM;
	for (size_t i = 0; !rc && i < r->ncounties; i++)
		if (r->counties[i].year == rq->year &&
		    jh_area_within(ad->L.areas, r->counties[i].county_code, rq->area))
			ad->counties[ad->n++] = i;
	if (!ad->n) {
		char what[64];
		snprintf(what, sizeof what, "%s/%d", rq->area, rq->year);
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, what, NULL);
		return JH_ERR_NOTFOUND;
	}
	area = jh_areas_find(ad->L.areas, rq->area);
	snprintf(ad->area_name, sizeof ad->area_name, "%s", area && area->name ? area->name : "");
	if (area && area->level == JH_AREA_COUNTY)
		jh_areas_county_fullname(ad->L.areas, rq->area, ad->area_name, sizeof ad->area_name);
	jh_county_title(rq->area, ad->area_name, jhReportLang(rq), ad->title, sizeof ad->title);
	jhReportToday(s, ad->generated);
	return JH_OK;
}

void jhAreaDataFree(jhAreaData *ad)
{
	free(ad->counties);
	jhLoadedFree(&ad->L);
	memset(ad, 0, sizeof *ad);
}
