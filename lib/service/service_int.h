/*
** service_int.h — the service layer's internal interface (lib/service).
**
** What the operations of lib/service share: loading one query's data
** from a store and evaluating it (load.c).  Public operations are in
** include/junheng/service.h.
*/
#ifndef JH_SERVICE_INT_H
#define JH_SERVICE_INT_H

#include "junheng/service.h"
#include "plan/plan_int.h"
#include "store/store_int.h"

/* What jhServiceLoad reads besides the school-years and the areas. */
#define JH_LOAD_ITEMS 1u      /* the county-year records of the query */

/* One query's data, evaluated.  Every pointer is owned by the struct and
 * freed by jhLoadedFree (res points into ds, std and areas: the struct
 * must not be copied once loaded). */
typedef struct jhLoaded {
	jh_standard std;          /* the query's standard, or the national */
	jh_filter filter;         /* county and year of the query */
	jh_dataset *ds;
	jh_county_items *items;   /* NULL unless JH_LOAD_ITEMS */
	jh_areas *areas;
	jh_result *res;           /* names counties from areas */
} jhLoaded;

#define JH_LOADED_INIT {0}

/* Load the rows of q (county may be NULL, year 0) as after q->as_of, the
 * county-year records when `what` says so, the areas, and evaluate the
 * rows with q's standard.  JH_ERR_NOTFOUND when no school is selected:
 * with JH_P_NOT_FOUND naming the county (or "") when `name_missing`.  On
 * error *L is still the caller's to free. */
jh_code jhServiceLoad(jh_store *s, const jh_query *q, unsigned what,
                      int name_missing, jhLoaded *L, jh_diags *d);
void jhLoadedFree(jhLoaded *L);
/* q->lang as the library's renderers take it: "en" or "zh". */
const char *jhServiceLang(const jh_query *q);

/* json.c: a JSON writer (compact) appending to out; jhServiceJsonEnd
 * closes the writer and returns its error (JH_ERR_NOMEM).  NULL from
 * Begin when out of memory. */
jh_out *jhServiceJsonBegin(jh_buf *out, jhJson *j);
jh_code jhServiceJsonEnd(jh_out *o);

/* summary.c: a school's identity and pupils as JSON fields (code, name,
 * type, location, parent_code, students), and its units in county-year
 * c of r as "stages": status, indicators met, the rule's answer, and the
 * indicators short of their thresholds ("lacks") or, full, all seven
 * ("indicators") with the unit's share of split resources. */
void jhServiceSchoolHead(jhJson *j, const jh_school_year *sy);
void jhServiceUnits(jhJson *j, const jh_result *r, size_t c,
                    const jh_school_year *sy, int full);
/* school.c: template column k of sy as a JSON value (numbers as numbers,
 * null when not given), as GET /schools/{code} shows it. */
void jhServiceFieldValue(jhJson *j, const jh_school_year *sy, int k);

#endif
