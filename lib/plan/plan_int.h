/*
** plan_int.h — the planning layer's internal interface (lib/plan).
*/
#ifndef JH_PLAN_INT_H
#define JH_PLAN_INT_H

#include "junheng/plan.h"
#include "core/core_int.h"

/* plan.c: jh_plan_county with a fault injected, so that the tests can
 * reach what good data never does. */
enum jhPlanFault {
	JH_PLAN_FAULT_NONE = 0,
	JH_PLAN_FAULT_GLPK_ERROR    /* an invalid GLPK call mid-search */
};
jh_code jhPlanCounty(const jh_result *r, size_t county, const jh_costs *costs,
                     const jh_plan_options *opt, int fault, jh_plan *out,
                     jh_diags *diags);

/* costs.c: yuan per unit added to column f (teachers, m², equipment
 * yuan, rooms; 0 for a column never added to). */
double jhPlanPrice(const jh_costs *c, jh_field f);

/* rooms.c: what jhPlanCounty adds to a plan it found, so that the plan
 * covers all the per-school list does: the rooms of jh_gaps_rooms joined
 * into p->add (code order kept) and counted in p->cost, p->lower_bound,
 * p->rooms_cost (with no plan but for time or solver: in lower_bound and
 * rooms_cost only); and, whatever the status, p->beyond (jh_gaps_beyond)
 * and p->county_name.  JH_ERR_NOMEM leaves p as it was but for
 * what was already joined (the caller frees it with jh_plan_free). */
jh_code jhPlanComplete(const jh_result *r, size_t county,
                       const jh_costs *costs, jh_plan *p, jh_diags *diags);

#endif
