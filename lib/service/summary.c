/*
** summary.c — what the pages show of a county-year: its overview row
** (jh_service_county_summary), the labels those rows are read with
** (jh_service_summary_labels) and its schools (jh_service_schools), as
** JSON objects for programs.
**
** Everything is read off core's evaluation and verdict of the county-year
** (jhServiceLoad, jh_verdict_county): the verdict and its failing and
** missing items, each stage's seven difference coefficients against their
** limits, and each school's units (one per stage) with the indicators
** met and those short of their thresholds.  Keys are English snake_case;
** a label people read comes in both languages (name_zh, name_en); area
** and school names are as stored.  Numbers are the library's (jhJson:
** shortest round trip, null when not finite).
**
** The overview row is small on purpose: a province's overview is 200 of
** them, and the labels of the verdicts, stages and indicators were most
** of its bytes (842 kB for 200 counties).  A row carries codes and
** numbers only — a stage's coefficients as an array of seven values in
** the indicators' order, with a parallel array of pass/fail — and the
** labels come once per response from jh_service_summary_labels, whose
** arrays are in the same order (the stage's and verdict's codes name
** their entries).  A row is therefore the same in both languages.
*/
#include "service_int.h"

#include <stdlib.h>
#include <string.h>

static const char *verdict_key(jh_verdict_code v)
{
	return v == JH_VERDICT_PASS ? "pass" : v == JH_VERDICT_FAIL ? "fail" : "incomplete";
}

static const char *verdict_zh(jh_verdict_code v)
{
	return v == JH_VERDICT_PASS ? "达到" : v == JH_VERDICT_FAIL ? "未达到" : "数据不全";
}

/* The county's own name, its city's code and name, from the areas. */
static void area_fields(jhJson *j, const jh_areas *areas, const char *county)
{
	const jh_area *a = areas ? jh_areas_find(areas, county) : NULL;
	const jh_area *city = a ? jh_areas_find(areas, a->parent) : NULL;
	char full[256];

	jh_areas_county_fullname(areas, county, full, sizeof full);
	jhJsonFieldStr(j, "name", a ? a->name : NULL);
	jhJsonFieldStr(j, "full_name", *full ? full : NULL);
	jhJsonFieldStr(j, "city_code", city ? city->code : NULL);
	jhJsonFieldStr(j, "city_name", city ? city->name : NULL);
}

static void label_fields(jhJson *j, const char *zh, const char *en)
{
	jhJsonFieldStr(j, "name_zh", zh);
	jhJsonFieldStr(j, "name_en", en);
}

/* Distinct schools of county-year c with an evaluated unit, and of those
 * with a unit failing the per-school rule (a school of two stages counts
 * once).  Units of a county are grouped by stage, then school code. */
static void count_schools(const jh_result *r, size_t c, size_t *all, size_t *failing)
{
	const jh_county_result *cr = &r->counties[c];
	const jh_school_year **seen = malloc((cr->nunits ? cr->nunits : 1) * sizeof *seen);
	unsigned char *bad = calloc(cr->nunits ? cr->nunits : 1, 1);
	size_t n = 0;

	*all = *failing = 0;
	if (!seen || !bad) {
		free(seen);
		free(bad);
		return;
	}
	for (size_t i = 0; i < cr->nunits; i++) {
		const jh_unit *u = &r->units[cr->first_unit + i];
		size_t k;
		if (u->status != JH_UNIT_EVALUATED)
			continue;
		for (k = 0; k < n && seen[k] != u->school; k++)
			;
		if (k == n)
			seen[n++] = u->school;
		bad[k] |= !u->passes;
	}
	*all = n;
	for (size_t k = 0; k < n; k++)
		*failing += bad[k];
	free(seen);
	free(bad);
}

/* The summary of county-year c of L (evaluated, with its records) into
 * out. */
static jh_code summary_json(const jhLoaded *L, size_t c, jh_buf *out, jh_diags *d)
{
	const jh_county_result *cr = &L->res->counties[c];
	jh_verdict v;
	jhJson j;
	jh_out *o;
	size_t nf = 0, nm = 0, nschools, nfailing;
	jh_code rc;

	if ((rc = jh_verdict_county(L->res, c, L->items, &v, d)))
		return rc;
	if (!(o = jhServiceJsonBegin(out, &j))) {
		jh_verdict_free(&v);
		return JH_ERR_NOMEM;
	}
	for (size_t i = 0; i < v.count; i++) {
		nf += v.items[i].status == JH_ITEM_FAIL;
		nm += v.items[i].status == JH_ITEM_MISSING;
	}
	count_schools(L->res, c, &nschools, &nfailing);
	jhJsonOpen(&j, '{');
	jhJsonFieldStr(&j, "code", v.county_code);
	jhJsonFieldInt(&j, "year", v.year);
	area_fields(&j, L->areas, v.county_code);
	jhJsonFieldStr(&j, "verdict", verdict_key(v.verdict));
	jhJsonFieldInt(&j, "failing_items", (long long)nf);
	jhJsonFieldInt(&j, "missing_items", (long long)nm);
	jhJsonFieldInt(&j, "schools", (long long)nschools);
	jhJsonFieldInt(&j, "failing_schools", (long long)nfailing);
	jhJsonKey(&j, "stages");
	jhJsonOpen(&j, '[');
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		const jh_stage_result *sr = &cr->stage[st];
		jhJsonOpen(&j, '{');
		jhJsonFieldStr(&j, "stage", jh_stage_key((jh_stage)st));
		jhJsonFieldInt(&j, "schools", (long long)sr->schools);
		jhJsonFieldInt(&j, "failing_schools", (long long)sr->schools_failing);
		jhJsonFieldNum(&j, "students", sr->students);
		/* A stage without schools is not judged: null, not pass. */
		jhJsonKey(&j, "passes");
		if (sr->schools)
			jhJsonBool(&j, sr->passes);
		else
			jhJsonNull(&j);
		jhJsonFieldNum(&j, "cv_mean", sr->cv_mean);
		jhJsonFieldNum(&j, "limit", L->std.cv_limit[st]);
		/* The seven in the order of the labels' "indicators". */
		jhJsonKey(&j, "coefficients");
		jhJsonOpen(&j, '[');
		for (int i = 0; i < JH_IND__COUNT; i++)
			jhJsonNum(&j, sr->cv[i]);
		jhJsonClose(&j, ']');
		jhJsonKey(&j, "pass");
		jhJsonOpen(&j, '[');
		for (int i = 0; i < JH_IND__COUNT; i++)
			if (sr->schools)
				jhJsonBool(&j, sr->cv_pass[i]);
			else
				jhJsonNull(&j);
		jhJsonClose(&j, ']');
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonClose(&j, '}');
	jh_verdict_free(&v);
	return jhServiceJsonEnd(o) ? JH_ERR_NOMEM : JH_OK;
}

jh_code jh_service_summary_labels(jh_buf *out)
{
	static const jh_verdict_code verdicts[] = {JH_VERDICT_PASS, JH_VERDICT_FAIL,
	                                           JH_VERDICT_INCOMPLETE};
	jhJson j;
	jh_out *o;

	if (!(o = jhServiceJsonBegin(out, &j)))
		return JH_ERR_NOMEM;
	jhJsonOpen(&j, '{');
	jhJsonKey(&j, "verdicts");
	jhJsonOpen(&j, '[');
	for (size_t k = 0; k < sizeof verdicts / sizeof *verdicts; k++) {
		jhJsonOpen(&j, '{');
		jhJsonFieldStr(&j, "verdict", verdict_key(verdicts[k]));
		label_fields(&j, verdict_zh(verdicts[k]), verdict_key(verdicts[k]));
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonKey(&j, "stages");
	jhJsonOpen(&j, '[');
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		jhJsonOpen(&j, '{');
		jhJsonFieldStr(&j, "stage", jh_stage_key((jh_stage)st));
		label_fields(&j, jh_stage_name((jh_stage)st, "zh"), jh_stage_name((jh_stage)st, "en"));
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonKey(&j, "indicators");
	jhJsonOpen(&j, '[');
	for (int i = 0; i < JH_IND__COUNT; i++) {
		jhJsonOpen(&j, '{');
		jhJsonFieldStr(&j, "indicator", jh_indicator_key((jh_indicator)i));
		label_fields(&j, jh_indicator_name((jh_indicator)i, "zh"),
		             jh_indicator_name((jh_indicator)i, "en"));
		jhJsonFieldStr(&j, "short_zh", jh_indicator_short((jh_indicator)i, "zh"));
		jhJsonFieldStr(&j, "short_en", jh_indicator_short((jh_indicator)i, "en"));
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonClose(&j, '}');
	return jhServiceJsonEnd(o) ? JH_ERR_NOMEM : JH_OK;
}

jh_code jh_service_county_summary(jh_store *s, const jh_query *q, jh_buf *out,
                                  jh_diags *d)
{
	jhLoaded L;
	jh_code rc;

	if (!q->county || !q->year)
		return JH_ERR_ARG;
	if (!(rc = jhServiceLoad(s, q, JH_LOAD_ITEMS, 1, &L, d)))
		rc = summary_json(&L, 0, out, d);
	jhLoadedFree(&L);
	return rc;
}

jh_code jh_service_county_summaries(jh_store *s, const jh_query *q,
                                    jh_summary_fn each, void *ctx, jh_diags *d)
{
	jhLoaded L;
	jh_query all = *q;
	jh_buf one = JH_BUF_INIT;
	jh_code rc;

	if (!q->year)
		return JH_ERR_ARG;
	all.county = NULL;
	if (!(rc = jhServiceLoad(s, &all, JH_LOAD_ITEMS, 0, &L, d)))
		for (size_t c = 0; c < L.res->ncounties && !rc; c++) {
			jh_buf_reset(&one);
			if (!(rc = summary_json(&L, c, &one, d)))
				rc = each(ctx, L.res->counties[c].county_code, one.data, one.len);
		}
	if (rc == JH_ERR_NOTFOUND && !L.res)
		rc = JH_OK;      /* no school that year: nothing to call */
	jh_buf_free(&one);
	jhLoadedFree(&L);
	return rc;
}

/* One unit of a school: its status, and when evaluated the indicators
 * met of the seven, the rule's answer and each indicator short of its
 * threshold with the value, the threshold and whether it is under the
 * floor (85%). */
static void unit_json(jhJson *j, const jh_standard *std, const jh_unit *u, int full)
{
	jhJsonOpen(j, '{');
	jhJsonFieldStr(j, "stage", jh_stage_key(u->stage));
	label_fields(j, jh_stage_name(u->stage, "zh"), jh_stage_name(u->stage, "en"));
	jhJsonFieldStr(j, "status", jhUnitStatusKey(u->status));
	jhJsonFieldStr(j, "status_zh", jhUnitStatusName(u->status, "zh"));
	jhJsonFieldStr(j, "status_en", jhUnitStatusName(u->status, "en"));
	jhJsonFieldNum(j, "students", u->students);
	if (u->status != JH_UNIT_EVALUATED) {
		jhJsonClose(j, '}');
		return;
	}
	jhJsonFieldInt(j, "met", u->met);
	jhJsonFieldInt(j, "total", JH_IND__COUNT);
	jhJsonFieldInt(j, "below_floor", u->below_floor);
	jhJsonFieldBool(j, "passes", u->passes);
	if (full)
		jhJsonFieldNum(j, "share", u->share);
	jhJsonKey(j, full ? "indicators" : "lacks");
	jhJsonOpen(j, '[');
	for (int i = 0; i < JH_IND__COUNT; i++) {
		double th = std->threshold[u->stage][i];
		int pass = jh_at_least(std, u->value[i], th);
		if (pass && !full)
			continue;
		jhJsonOpen(j, '{');
		jhJsonFieldStr(j, "indicator", jh_indicator_key((jh_indicator)i));
		label_fields(j, jh_indicator_name((jh_indicator)i, "zh"),
		             jh_indicator_name((jh_indicator)i, "en"));
		jhJsonFieldStr(j, "unit_zh", jh_indicator_unit((jh_indicator)i, "zh"));
		jhJsonFieldStr(j, "unit_en", jh_indicator_unit((jh_indicator)i, "en"));
		jhJsonFieldNum(j, "value", u->value[i]);
		jhJsonFieldNum(j, "threshold", th);
		jhJsonFieldNum(j, "floor", jhIndicatorFloor(std, u->stage, i));
		jhJsonFieldBool(j, "pass", pass);
		jhJsonFieldBool(j, "below_floor",
		                !pass && !jh_at_least(std, u->value[i], jhIndicatorFloor(std, u->stage, i)));
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
	jhJsonClose(j, '}');
}

void jhServiceSchoolHead(jhJson *j, const jh_school_year *sy)
{
	jhJsonFieldStr(j, "code", sy->school_code);
	jhJsonFieldStr(j, "name", sy->school_name ? sy->school_name : "");
	jhJsonFieldStr(j, "type", jh_school_type_key(sy->type));
	jhJsonFieldStr(j, "type_zh", jh_school_type_name(sy->type, "zh"));
	jhJsonFieldStr(j, "type_en", jh_school_type_name(sy->type, "en"));
	jhJsonFieldStr(j, "location", sy->location ? jh_location_key(sy->location) : NULL);
	jhJsonFieldStr(j, "location_zh", sy->location ? jh_location_name(sy->location, "zh") : NULL);
	jhJsonFieldStr(j, "location_en", sy->location ? jh_location_name(sy->location, "en") : NULL);
	jhJsonFieldStr(j, "parent_code", *sy->parent_code ? sy->parent_code : NULL);
	jhJsonKey(j, "students");
	jhJsonOpen(j, '{');
	jhJsonFieldNum(j, "primary", sy->v[JH_F_STUDENTS_PRIMARY]);
	jhJsonFieldNum(j, "junior", sy->v[JH_F_STUDENTS_JUNIOR]);
	jhJsonFieldNum(j, "senior", sy->v[JH_F_STUDENTS_SENIOR]);
	jhJsonClose(j, '}');
}

void jhServiceUnits(jhJson *j, const jh_result *r, size_t c, const jh_school_year *sy,
                    int full)
{
	const jh_county_result *cr = &r->counties[c];

	jhJsonKey(j, "stages");
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < cr->nunits; i++) {
		const jh_unit *u = &r->units[cr->first_unit + i];
		if (u->school == sy)
			unit_json(j, r->standard, u, full);
	}
	jhJsonClose(j, ']');
}

static int cmp_code(const void *a, const void *b)
{
	const jh_school_year *x = *(const jh_school_year *const *)a;
	const jh_school_year *y = *(const jh_school_year *const *)b;
	return strcmp(x->school_code, y->school_code);
}

jh_code jh_service_schools(jh_store *s, const jh_query *q, jh_buf *out, jh_diags *d)
{
	jhLoaded L;
	const jh_school_year **rows = NULL;
	jhJson j;
	jh_out *o = NULL;
	size_t n;
	jh_code rc;

	if (!q->county || !q->year)
		return JH_ERR_ARG;
	if ((rc = jhServiceLoad(s, q, 0, 1, &L, d)))
		goto out;
	n = jh_dataset_count(L.ds);
	rows = malloc((n ? n : 1) * sizeof *rows);
	if (!rows || !(o = jhServiceJsonBegin(out, &j))) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		rows[i] = jh_dataset_row(L.ds, i);
	qsort(rows, n, sizeof *rows, cmp_code);
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < n; i++) {
		jhJsonOpen(&j, '{');
		jhServiceSchoolHead(&j, rows[i]);
		jhServiceUnits(&j, L.res, 0, rows[i], 0);
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
out:
	if (o && jhServiceJsonEnd(o) && !rc)
		rc = JH_ERR_NOMEM;
	free(rows);
	jhLoadedFree(&L);
	return rc;
}
