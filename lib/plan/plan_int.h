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

#endif
