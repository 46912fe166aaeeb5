/*
** policy.c — who may read, write or manage what: the one place that
** decides (DESIGN10's table).  Every handler of the server and every
** command that acts for an account asks here; nothing else compares
** roles or areas.
**
**   op                      admin  office of A      inspector of A  school S
**   read area X             yes    X within A       X within A      no
**   read school T           yes    T within A       T within A      T == S
**   write school-year of T  yes    T within A       no              T == S
**   write area X (records,  yes    X within A       no              no
**     areas)
**   manage (role r, at B)   yes    rank r < rank    no              no
**                                  caller, B within A
**
** "Within" follows the stored areas' parent chain (a school by its
** county).  An unknown area or school is JH_ERR_NOTFOUND for everyone —
** codes are not secrets, and a 404 for what does not exist and a 403 for
** what exists elsewhere is the simplest rule to hold everywhere.  A
** disabled account may do nothing.
*/
#include "access_int.h"

#include <string.h>

/* Province → city → county is 3 levels; a chain longer than this is a
 * loop in bad data, not a deeper tree. */
#define MAX_DEPTH 8

/* The parent of `code` as the stored areas say, else as the incoming
 * ones do (a new county with its schools in one import); NULL when
 * neither knows it. */
static const jh_area *area_of(const jh_areas *a, const jh_areas *in,
                              const char *code)
{
	const jh_area *x = a ? jh_areas_find(a, code) : NULL;

	if (!x && in)
		x = jh_areas_find(in, code);
	return x;
}

static int within2(const jh_areas *a, const jh_areas *in, const char *code,
                   const char *ancestor)
{
	const jh_area *x;

	if (!code || !ancestor || !*code || !*ancestor)
		return 0;
	for (int depth = 0; depth < MAX_DEPTH; depth++) {
		if (!(x = area_of(a, in, code)))
			return 0;
		if (!strcmp(x->code, ancestor))
			return 1;
		if (!x->parent[0])
			return 0;
		code = x->parent;
	}
	return 0;
}

int jh_area_within(const jh_areas *a, const char *code, const char *ancestor)
{
	return within2(a, NULL, code, ancestor);
}

static int is_office(jh_role r)
{
	return r == JH_ROLE_PROVINCE || r == JH_ROLE_CITY || r == JH_ROLE_COUNTY;
}

jh_code jh_access_area(const jh_areas *a, const jh_user *u, jh_op op,
                       const char *area)
{
	if (!area || !*area || !jh_areas_find(a, area))
		return JH_ERR_NOTFOUND;
	if (!u || u->disabled)
		return JH_ERR_DENIED;
	switch (u->role) {
	case JH_ROLE_ADMIN:
		return JH_OK;
	case JH_ROLE_PROVINCE:
	case JH_ROLE_CITY:
	case JH_ROLE_COUNTY:
		return jh_area_within(a, area, u->area) ? JH_OK : JH_ERR_DENIED;
	case JH_ROLE_INSPECTOR:
		return op == JH_OP_READ && jh_area_within(a, area, u->area) ?
		       JH_OK : JH_ERR_DENIED;
	default:
		return JH_ERR_DENIED;
	}
}

jh_code jh_access_school(const jh_areas *a, const jh_user *u, jh_op op,
                         const char *school, const char *county)
{
	if (!school || !*school || !county || !*county)
		return JH_ERR_NOTFOUND;
	/* A school's own row, read or written; for everyone else a school
	 * is as its county. */
	if (u && !u->disabled && u->role == JH_ROLE_SCHOOL && jh_areas_find(a, county))
		return !strcmp(school, u->area) ? JH_OK : JH_ERR_DENIED;
	return jh_access_area(a, u, op, county);
}

jh_code jh_access_manage(const jh_areas *a, const jh_user *caller, jh_role role,
                         const char *area, const char *county_of_school)
{
	const char *where;

	if ((int)role < 0 || role >= JH_ROLE__COUNT)
		return JH_ERR_DENIED;
	/* What the account would be bound to must exist: its area, or for
	 * a school account its school's county; an administrator none. */
	if (role == JH_ROLE_SCHOOL) {
		if (!area || !*area || !county_of_school || !*county_of_school ||
		    !jh_areas_find(a, county_of_school))
			return JH_ERR_NOTFOUND;
		where = county_of_school;
	} else if (role == JH_ROLE_ADMIN) {
		where = NULL;
	} else {
		if (!area || !*area || !jh_areas_find(a, area))
			return JH_ERR_NOTFOUND;
		where = area;
	}
	if (!caller || caller->disabled)
		return JH_ERR_DENIED;
	if (caller->role == JH_ROLE_ADMIN)
		return JH_OK;
	if (!is_office(caller->role) || !where ||
	    jh_role_rank(role) >= jh_role_rank(caller->role))
		return JH_ERR_DENIED;
	return jh_area_within(a, where, caller->area) ? JH_OK : JH_ERR_DENIED;
}

/* Column number of a school-year row's county (or code) for messages. */
static void row_problem(jh_diags *d, const jh_school_year *sy, int col,
                        const char *colname, const char *what, const char *mine)
{
	jh_diags_add(d, JH_P_IMPORT_OUTSIDE, sy->file, sy->sheet, sy->line, col,
	             colname, what, mine);
}

static const char *level_col(jh_area_level l)
{
	return l == JH_AREA_PROVINCE ? "province_code" :
	       l == JH_AREA_CITY ? "city_code" : "county_code";
}

jh_code jh_access_import(const jh_areas *stored, const jh_user *u, jh_store *s,
                         const jh_areas *in_areas, const jh_dataset *in_rows,
                         const jh_county_items *in_items, jh_diags *d)
{
	size_t bad = 0;
	int office, school;

	if (!u || u->disabled) {
		jh_diags_add(d, JH_P_IMPORT_DENIED, NULL, NULL, 0, 0, NULL, NULL, NULL);
		return JH_ERR_DENIED;
	}
	if (u->role == JH_ROLE_ADMIN)
		return JH_OK;
	office = is_office(u->role);
	school = u->role == JH_ROLE_SCHOOL;
	/* Areas: within the caller's area (an office), or exactly as
	 * stored — a county office re-importing its province's and city's
	 * lines of areas.csv changes nothing. */
	for (size_t i = 0; in_areas && i < in_areas->count; i++) {
		const jh_area *x = &in_areas->items[i];
		const jh_area *o = stored ? jh_areas_find(stored, x->code) : NULL;
		if (o && o->level == x->level && !strcmp(o->parent, x->parent) &&
		    !strcmp(o->name, x->name))
			continue;
		if (office && within2(stored, in_areas, x->code, u->area))
			continue;
		jh_diags_add(d, JH_P_IMPORT_AREA_OUTSIDE, x->file, NULL, x->line, 0,
		             level_col(x->level), x->code, u->area);
		bad++;
	}
	/* School-years: an office's rows in its area, both by the county
	 * the row names and by the county the school is stored in (a row
	 * that moves a school of another county into the caller's would be
	 * refused by the store too, but as bad input: here it is what it
	 * is, out of reach); a school's rows its own only. */
	for (size_t i = 0; in_rows && i < in_rows->nrows; i++) {
		const jh_school_year *sy = &in_rows->rows[i];
		if (office) {
			char county[8];
			jh_code rc;
			if (!within2(stored, in_areas, sy->county_code, u->area)) {
				row_problem(d, sy, sy->col_county, "county_code", sy->county_code,
				            u->area);
				bad++;
				continue;
			}
			if (!s)
				continue;
			rc = jh_store_school_county(s, sy->school_code, county, d);
			if (rc == JH_ERR_NOTFOUND || (rc == JH_OK && !strcmp(county, sy->county_code)))
				continue;
			if (rc)
				return rc;
			if (!jh_area_within(stored, county, u->area)) {
				row_problem(d, sy, sy->col_code, "school_code", sy->school_code,
				            u->area);
				bad++;
			}
		} else if (school) {
			if (strcmp(sy->school_code, u->area)) {
				row_problem(d, sy, sy->col_code, "school_code", sy->school_code,
				            u->area);
				bad++;
			}
		} else {
			row_problem(d, sy, sy->col_county, "county_code", sy->county_code,
			            u->area);
			bad++;
		}
	}
	for (size_t i = 0; in_items && i < in_items->count; i++) {
		const jh_county_item *it = &in_items->items[i];
		if (office && within2(stored, in_areas, it->county_code, u->area))
			continue;
		jh_diags_add(d, JH_P_IMPORT_OUTSIDE, it->file, NULL, it->line, 0,
		             "county_code", it->county_code, u->area);
		bad++;
	}
	return bad ? JH_ERR_DENIED : JH_OK;
}
