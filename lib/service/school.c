/*
** school.c — one school-year as the school's page shows it
** (jh_service_school): every stored field with its name in both
** languages, its indicators per stage against the thresholds, the rule
** they are judged by, and the revision it was read at.
**
** The revision is what an edit (PATCH, jh_store_set) sends back as its
** base_revision: the store refuses the edit when the school-year got a
** version after it (its row revision > base).  So the revision is read
** first and the row after: a change landing between the two makes the
** row newer than the revision given, and the edit based on it is refused
** (409) rather than silently overwriting what the reader never saw.
**
** The school is judged inside its county-year (a central school takes in
** its teaching points; resources of a multi-stage school are split), so
** the whole county-year is loaded and evaluated, as the verdict does.
*/
#include "service_int.h"

#include <stdio.h>
#include <string.h>

/* Template column k of a school-year as a JSON value (numbers as
 * numbers, null when the row has none); also the snapshot's rows
 * (lib/cycle/snapshot.c). */
void jhServiceFieldValue(jhJson *j, const jh_school_year *sy, int k)
{
	switch (k) {
	case JH_SY_SCHOOL_CODE: jhJsonStr(j, sy->school_code); break;
	case JH_SY_SCHOOL_NAME: jhJsonStr(j, sy->school_name ? sy->school_name : ""); break;
	case JH_SY_COUNTY_CODE: jhJsonStr(j, sy->county_code); break;
	case JH_SY_YEAR:        jhJsonInt(j, sy->year); break;
	case JH_SY_SCHOOL_TYPE: jhJsonStr(j, jh_school_type_key(sy->type)); break;
	case JH_SY_PARENT_CODE: jhJsonStr(j, *sy->parent_code ? sy->parent_code : NULL); break;
	case JH_SY_LOCATION:
		jhJsonStr(j, sy->location ? jh_location_key(sy->location) : NULL);
		break;
	case JH_SY_BOARDING:
		if (sy->boarding >= 0)
			jhJsonBool(j, sy->boarding);
		else
			jhJsonNull(j);
		break;
	default:
		jhJsonNum(j, sy->v[k - JH_SY_IDCOLS]);
	}
}

/* Every column of the template with the row's value (numbers as numbers,
 * null when the row has none), then the extra columns as stored. */
static void fields_json(jhJson *j, const jh_dataset *ds, const jh_school_year *sy)
{
	const jhColSpec *c = jhSchoolYear.cols;

	jhJsonKey(j, "fields");
	jhJsonOpen(j, '[');
	for (int k = 0; k < jhSchoolYear.ncols; k++) {
		jhJsonOpen(j, '{');
		jhJsonFieldStr(j, "key", c[k].key);
		jhJsonFieldStr(j, "name_zh", c[k].zh);
		jhJsonFieldStr(j, "name_en", c[k].en);
		jhJsonKey(j, "value");
		jhServiceFieldValue(j, sy, k);
		jhJsonFieldBool(j, "required", (c[k].flags & JH_COL_REQUIRED) != 0);
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
	jhJsonKey(j, "extras");
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < sy->extra_count; i++) {
		const jh_extra *e = &ds->extras[sy->extra_first + i];
		jhJsonOpen(j, '{');
		jhJsonFieldStr(j, "name", ds->extra_names[e->name]);
		jhJsonFieldStr(j, "value", e->value);
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
}

/* The per-school rule of the standard, in figures and in words. */
static void rules_json(jhJson *j, const jh_standard *std)
{
	char zh[160], en[160], pct[16];

	snprintf(pct, sizeof pct, "%g%%", std->school_floor_ratio * 100);
	snprintf(zh, sizeof zh, "%d 项指标中至少 %d 项达到规定标准,其余不低于标准的 %s",
	         JH_IND__COUNT, std->school_min_met, pct);
	snprintf(en, sizeof en, "at least %d of the %d indicators meet their thresholds, "
	         "none under %s of its threshold", std->school_min_met, JH_IND__COUNT, pct);
	jhJsonKey(j, "rules");
	jhJsonOpen(j, '{');
	jhJsonFieldInt(j, "min_met", std->school_min_met);
	jhJsonFieldInt(j, "indicators", JH_IND__COUNT);
	jhJsonFieldNum(j, "floor_ratio", std->school_floor_ratio);
	jhJsonFieldStr(j, "text_zh", zh);
	jhJsonFieldStr(j, "text_en", en);
	jhJsonClose(j, '}');
}

jh_code jh_service_school(jh_store *s, const char *school, int year,
                          const jh_standard *std, const char *lang, jh_buf *out,
                          jh_diags *d)
{
	jh_filter one = {NULL, year, school};
	jh_dataset *row = NULL;
	jhLoaded L = JH_LOADED_INIT;
	jh_query q = {NULL, year, 0, std, NULL, lang, 0, 0};
	const jh_school_year *sy;
	char county[8], full[256], what[64];
	long rev = 0;
	jhJson j;
	jh_out *o = NULL;
	int evaluated = 0, passes = 1;
	jh_code rc;

	if (!school || !year)
		return JH_ERR_ARG;
	if ((rc = jh_store_last_revision(s, &rev, d)) ||
	    (rc = jh_store_load(s, &one, 0, &row, d)))
		goto out;
	if (!jh_dataset_count(row)) {
		snprintf(what, sizeof what, "%s/%d", school, year);
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, what, NULL);
		rc = JH_ERR_NOTFOUND;
		goto out;
	}
	memcpy(county, jh_dataset_row(row, 0)->county_code, sizeof county);
	q.county = county;
	if ((rc = jhServiceLoad(s, &q, 0, 1, &L, d)))
		goto out;
	if (!(sy = jh_dataset_find(L.ds, school, year))) {
		/* Deleted between the two reads. */
		snprintf(what, sizeof what, "%s/%d", school, year);
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, what, NULL);
		rc = JH_ERR_NOTFOUND;
		goto out;
	}
	if (!(o = jhServiceJsonBegin(out, &j))) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < L.res->counties[0].nunits; i++) {
		const jh_unit *u = &L.res->units[L.res->counties[0].first_unit + i];
		if (u->school == sy && u->status == JH_UNIT_EVALUATED) {
			evaluated = 1;
			passes &= u->passes;
		}
	}
	jh_areas_county_fullname(L.areas, county, full, sizeof full);
	jhJsonOpen(&j, '{');
	jhServiceSchoolHead(&j, sy);
	jhJsonFieldStr(&j, "county_code", county);
	jhJsonFieldStr(&j, "county_name", *full ? full : NULL);
	jhJsonFieldInt(&j, "year", year);
	jhJsonFieldInt(&j, "revision", rev);
	jhJsonKey(&j, "passes");
	if (evaluated)
		jhJsonBool(&j, passes);
	else
		jhJsonNull(&j);
	fields_json(&j, L.ds, sy);
	jhServiceUnits(&j, L.res, 0, sy, 1);
	rules_json(&j, &L.std);
	jhJsonClose(&j, '}');
out:
	if (o && jhServiceJsonEnd(o) && !rc)
		rc = JH_ERR_NOMEM;
	jh_dataset_free(row);
	jhLoadedFree(&L);
	return rc;
}
