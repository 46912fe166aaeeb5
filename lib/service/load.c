/*
** load.c — one query's data from a store, evaluated.
**
** Every operation of the layer starts here: the standard (the caller's
** or the national), the school-years of a county-year (or of a year, or
** all) as they were after a revision, the county-year records when the
** operation judges the whole standard, and the areas that name counties
** and cities.  The order is the commands' own (rows, records, areas, then
** the evaluation), so that a failure reports what it always reported.
*/
#include "service_int.h"

#include <string.h>

const char *jhServiceLang(const jh_query *q)
{
	return q->lang && !strcmp(q->lang, "en") ? "en" : "zh";
}

jh_code jhServiceLoad(jh_store *s, const jh_query *q, unsigned what,
                      int name_missing, jhLoaded *L, jh_diags *d)
{
	jh_code rc;

	memset(L, 0, sizeof *L);
	L->filter.county_code = q->county;
	L->filter.year = q->year;
	if (q->std)
		L->std = *q->std;
	else if ((rc = jh_standard_national(&L->std, d)))
		return rc;
	rc = jh_store_load(s, &L->filter, q->as_of, &L->ds, d);
	if (!rc && (what & JH_LOAD_ITEMS))
		rc = jh_store_county_items(s, &L->filter, q->as_of, &L->items, d);
	if (!rc)
		rc = jh_store_areas(s, &L->areas, d);
	if (!rc)
		rc = jh_eval(L->ds, &L->std, &L->filter, &L->res, d);
	if (!rc)
		jh_result_set_areas(L->res, L->areas);
	if (rc == JH_ERR_NOTFOUND && name_missing)
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL,
		             q->county ? q->county : "", NULL);
	return rc;
}

void jhLoadedFree(jhLoaded *L)
{
	jh_result_free(L->res);
	jh_dataset_free(L->ds);
	jh_county_items_free(L->items);
	jh_areas_free(L->areas);
	memset(L, 0, sizeof *L);
}
