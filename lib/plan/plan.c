/*
** plan.c — what it takes to pass, in real units, at least cost.
**
** Three things live here:
**
**   jh_gaps_schools   for each school failing the per-school rule (at
**                     least 6 of 7 indicators met, none under 85% of its
**                     threshold), the cheapest whole additions after which
**                     every stage of the school passes;
**   jh_plan_county    for one county-year, the cheapest additions to any of
**                     its schools after which every school passes the rule
**                     AND every difference coefficient is within its limit,
**                     with a proven lower bound and the relative gap;
**   jh_dataset_apply  additions written into a copy of the data, so that
**                     callers (and the tests) can evaluate the result.
**
** THE MODEL.  An addition goes to a column of a school's row: qualified,
** key and PE/art teachers of a stage (whole teachers; each is one new
** hire, so teachers_<stage> grows by their sum), teaching and sports area
** (whole m²), equipment (whole yuan) and multimedia rooms (whole rooms).
** Indicator i of a unit u (one stage of a school, eval.c) after adding a
** to its column is
**
**     x_ui(a) = ((own + a)·share + other) · scale / students
**
** with share the unit's part of a shared resource (1 for teachers; the
** 1 : 1.1 : 1.32 student-weighted split for the areas, equipment and
** rooms of multi-stage schools, reference §3), `other` what merged
** teaching points bring, scale 100 for per-100 indicators.  It is affine
** in a, and each indicator of a unit depends on one column only, so for a
** target t (the threshold, or the 85% floor) the least whole addition
** need(u, i, t) is found exactly, by the same arithmetic and the same
** tolerance (jh_at_least) that eval.c uses — not a copy of it: the share,
** the indicator value and the per-school rule are core's functions
** (jhStageShares, jhIndicatorValue, jhUnitRule in core_int.h), which
** jh_eval calls too — so whatever passes here passes there.  Additions go to the schools that are evaluated units (for the
** merge policy, to the central school); teaching points left out of the
** evaluation are ignored.
**
** GAPS (exact by enumeration).  A unit passes iff every indicator is at
** least at its floor and at most K = 7 − min_met (1 nationally) are under
** their thresholds.  For each stage we enumerate which K indicators may
** stay at their floor (7 choices); the others must reach the threshold.
** Given that choice the cheapest additions are the per-column needs; a
** shared column of a multi-stage school must satisfy both stages, so it
** takes the larger of the two needs.  All 7 × 7 combinations (7 for a
** single-stage school) are priced and the cheapest kept.  Costs are linear
** and every indicator rises with its column, so this is the optimum.
** When every combination needs the impossible — an indicator whose
** column does not reach the unit (a merged teaching point's central
** school without pupils of that stage: its share is 0), or an addition
** beyond 1e15 — the school is still listed, marked unreachable, with the
** stage and the indicators that no addition lifts enough.
**
** PLANS (mixed-integer programme with outer approximation).  Variables are
** the additions to every evaluated school (integer teachers per stage and
** kind, integer rooms, continuous m² and yuan ≥ 0) and, for each failing
** unit, binaries y_ui = "unit u meets indicator i":
**
**     a_col ≥ need(u,i,floor) + (need(u,i,thr) − need(u,i,floor))·y_ui
**     Σ_i y_ui ≥ min_met − (indicators already met)
**
** minimising Σ price·a.  Because the needs are the exact whole amounts,
** these rows are the per-school rule itself, not an approximation.  The
** coefficient limit of a stage and indicator, CV ≤ L, is
**
**     sqrt(Σ_u (p_u/P)(x_u − x̄)²) ≤ L·x̄,   x̄ = Σ p_u x_u / P,
**
** i.e. ||v(a)||₂ ≤ L·x̄(a) with v_u = sqrt(p_u/P)(x_u(a) − x̄(a)): a
** second-order cone, both sides affine in a, so the feasible set is
** convex in the continuous additions.  GLPK takes no cones, so the cone is
** approached from outside by linear cuts valid for every plan.  Cutting
** the cone as a whole (g·v(a) ≤ L·x̄(a), g = v(a*)/||v(a*)||, Kelley)
** converges far too slowly with a hundred schools in a stage: hundreds of
** rounds.  So it is lifted first (Vielma, Dunning, Huchette and Lubin,
** "Extended formulations in mixed integer conic quadratic programming",
** 2017): with a column m = x̄(a) and one z_u ≥ 0 per unit,
**
**     Σ_u z_u ≤ L·m   and   v_u(a)² ≤ z_u·(L·m)   for every unit u
**
** is exactly ||v|| ≤ L·m (take z_u = v_u²/(L·m)); each small cone is
** three-dimensional and its tangent cuts 2·|v_u| ≤ t·z_u + L·m/t (t > 0,
** by AM–GM) approximate it well after a few, so a stage converges in a
** dozen rounds.  The solve then goes:
**
**   0. a first plan: every school's own gap, coefficients repaired (see
**      below) — an upper bound from the start, so that a plan exists even
**      if GLPK finds none in the time given;
**   1. root rounds: the LP relaxation, cuts where a small cone is
**      violated, again, until every coefficient is within 1e-6 of its
**      limit (milliseconds; builds the approximation before any
**      branching);
**   2. the MILP (GLPK's branch and cut, presolve on, GLPK's stopping gap
**      a quarter of rel_gap); cuts at its solution; then the usual OA
**      subproblem: its binaries fixed, LP rounds with cuts until the
**      coefficients converge, rounded up into a plan;
**   3. again from 2. until the gap is met, the cuts have converged or the
**      time is up.
**
** Why the numbers mean what they say.  Every LP and MILP of steps 1–2
** (not the subproblems, whose binaries are fixed) is a relaxation of the
** true problem — its rows are exact, its cuts valid, its m² and yuan may
** be fractional — so its optimum, or GLPK's proven best bound when the
** search is cut short, is a lower bound on the cost of every plan:
** lower_bound.  A plan is only ever reported after it was made whole (m²
** and yuan rounded UP, teachers and rooms whole, the cost recomputed) and
** checked: the school rule and every coefficient with jh_at_least /
** jh_at_most, then again by jh_eval on this county's rows with the
** additions applied.  So cost is the cost of a plan that truly passes,
** and gap = (cost − lower_bound)/cost brackets the optimum: no plan costs
** less than lower_bound, and ours costs at most gap more than the best
** there is.  What gap remains comes from rounding m² and yuan up (the
** relaxation may spread fractions of a m² over many schools), from
** GLPK's stopping gap, and — when the time limit stops the branch and
** bound — from coefficients of whole teachers or rooms, where fractional
** teachers make the relaxation's bound weak; such a gap is typically less
** than the price of one teacher.
**
** Outer approximation approaches each cone from outside, so the MILP's
** solution may overshoot a limit by a hair.  Rounding up usually lands
** inside; when it does not, the coefficients still over their limit are
** repaired by raising their lowest schools to a common level (least by
** bisection) — an upper-bound heuristic, its cost judged against the same
** bound.  Should no passing plan come of that, cuts are made at a
** slightly tightened limit L(1 − δ), δ = 1e-6 (×10 while needed), on the
** sum row; those are not valid for the true problem, so bounds are taken
** only from the untightened relaxations.
**
** iterations counts the relaxations solved (root LP rounds and MILPs).
** The whole plan respects opt->time_limit: each MILP gets what is left
** less a twentieth for the subproblem after it (half, while the cuts are
** still far off).
**
** Why there is no plan, when there is none (jh_plan.status, and a coded
** problem in diags): JH_PLAN_INFEASIBLE when a school can be made to pass
** by no addition (found while building, before any solving) or when GLPK
** proves the untightened relaxation — every row exact, every cut valid —
** has no feasible point; JH_PLAN_TIME_LIMIT when the budget runs out
** first (building counts: a budget spent by then ends the search before
** it starts); JH_PLAN_SOLVER_FAILED when GLPK fails, including an
** internal error, caught by its error hook instead of the abort() GLPK
** would call (see guarded).
**
** GLPK prints to the terminal unless told not to: glp_term_out(GLP_OFF)
** is a GLPK-wide (per thread) setting, not one of this problem, so it is
** switched off while we solve and restored afterwards; a terminal hook
** swallows what GLPK prints even so (glp_error turns the terminal back
** on before its message).  Both hooks, terminal and error, are GLPK-wide
** too: set while we solve, unset after (GLPK cannot tell us a caller's
** own, to restore it).
**
** Ownership: jh_gaps_schools returns a malloc'd array (free() it);
** jh_plan.add is freed by jh_plan_free; jh_dataset_apply returns a new
** dataset (jh_dataset_free).  No globals.
*/
#include "plan_int.h"

#include <glpk.h>
#include <limits.h>
#include <setjmp.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --- indicators as functions of one addition ---------------------------- */

/* The arithmetic of a unit (which column feeds an indicator, the share of
 * it that reaches a stage, per 100 pupils, the per-school rule) is
 * core's, the very functions jh_eval uses (lib/core/eval.c). */

/* Teachers and rooms are whole; m² and yuan are whole too once rounded,
 * but continuous in the MILP. */
static int integral_field(jh_field f)
{
	return f != JH_F_TEACHING_AREA && f != JH_F_SPORTS_AREA &&
	       f != JH_F_EQUIPMENT_VALUE;
}

/* Indicator i of a unit as a function of the addition a to its column:
 * ((own + a)·coef + other) / students, × 100 for per-100 indicators. */
struct lin {
	double own;       /* the school's column before any addition */
	double coef;      /* share of an addition that reaches the unit */
	double other;     /* from elsewhere: merged teaching points */
	double students;
	int ind;          /* the indicator */
};

static void lin_init(struct lin *l, const jh_unit *u, int i,
                     const double *coef)
{
	l->own = u->school->v[jhIndicatorField(i, u->stage)];
	l->coef = coef[i];
	/* 0 exactly unless teaching points were merged into the unit. */
	l->other = u->resource[i] - l->own * l->coef;
	l->students = u->students;
	l->ind = i;
}

static double lin_value(const struct lin *l, double a)
{
	return jhIndicatorValue(l->ind, (l->own + a) * l->coef + l->other,
	                        l->students);
}

/* d value / d a */
static double lin_slope(const struct lin *l)
{
	return l->students > 0 ?
	       l->coef * (jhIndicatorPer100(l->ind) ? 100 : 1) / l->students : 0;
}

static int reaches(const jh_standard *std, const struct lin *l, double a,
                   double t)
{
	return jh_at_least(std, lin_value(l, a), t);
}

/* The least whole a ≥ 0 after which the indicator is at least t under the
 * standard's tolerance; INFINITY when no addition can do it. */
static double need(const jh_standard *std, const struct lin *l, double t)
{
	double a, lo, hi, step;

	if (reaches(std, l, 0, t))
		return 0;
	if (!(l->coef > 0) || !(l->students > 0))
		return INFINITY;
	/* Solve the affine equation, then make the answer exact on whole
	 * numbers against the very comparison jh_eval makes: hi reaches t,
	 * lo does not. */
	a = (t * l->students / (jhIndicatorPer100(l->ind) ? 100 : 1) - l->other) / l->coef -
	    l->own;
	a = ceil(a - 1e-9 * fmax(1, fabs(a)));
	if (!(a >= 1))
		a = 1;
	hi = a;
	for (step = 1; !reaches(std, l, hi, t); step *= 2) {
		hi += step;
		if (hi > 1e15)
			return INFINITY;
	}
	lo = hi - 1;
	for (step = 1; lo > 0 && reaches(std, l, lo, t); step *= 2) {
		hi = lo;
		lo = fmax(0, lo - step);
	}
	while (hi - lo > 1) {
		double mid = floor(lo + (hi - lo) / 2);
		if (reaches(std, l, mid, t))
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/* --- a unit as the planner sees it ------------------------------------- */

struct punit {
	const jh_unit *u;
	size_t school;                   /* index into the plan's schools */
	struct lin lin[JH_IND__COUNT];
	double nthr[JH_IND__COUNT];      /* need to reach the threshold */
	double nfloor[JH_IND__COUNT];    /* need to reach the 85% floor */
};

static void punit_init(struct punit *p, const jh_unit *u,
                       const jh_standard *std)
{
	const double *th = std->threshold[u->stage];
	double coef[JH_IND__COUNT];

	p->u = u;
	p->school = 0;
	jhStageShares(u->school, u->stage, std, coef);
	for (int i = 0; i < JH_IND__COUNT; i++) {
		lin_init(&p->lin[i], u, i, coef);
		p->nthr[i] = need(std, &p->lin[i], th[i]);
		p->nfloor[i] = need(std, &p->lin[i],
		                    jhIndicatorFloor(std, u->stage, i));
	}
}

/* The per-school rule after adding a[i] to the column of indicator i,
 * judged by jh_eval's own rule. */
static int punit_passes(const jh_standard *std, const struct punit *p,
                        const double *a)
{
	double v[JH_IND__COUNT];

	for (int i = 0; i < JH_IND__COUNT; i++)
		v[i] = lin_value(&p->lin[i], a[i]);
	return jhUnitRule(std, p->u->stage, v, NULL, NULL);
}

/* Teachers hired: every qualified, key or PE/art teacher added is one new
 * teacher of the stage.  Then the cost. */
static void finish_addition(jh_addition *a, const jh_costs *c)
{
	a->add[JH_F_TEACHERS_PRIMARY] = a->add[JH_F_QUALIFIED_PRIMARY] +
	                                a->add[JH_F_KEY_PRIMARY] +
	                                a->add[JH_F_PE_ART_PRIMARY];
	a->add[JH_F_TEACHERS_JUNIOR] = a->add[JH_F_QUALIFIED_JUNIOR] +
	                               a->add[JH_F_KEY_JUNIOR] +
	                               a->add[JH_F_PE_ART_JUNIOR];
	a->cost = 0;
	for (int f = 0; f < JH_F__COUNT; f++)
		if (a->add[f] != 0)
			a->cost += jhPlanPrice(c, (jh_field)f) * a->add[f];
}

/* --- gaps ------------------------------------------------------------- */

static int popcount(unsigned m)
{
	int n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}

/* Sets of indicators allowed to stay at their floor: all those of size
 * K = 7 − min_met (a smaller set is never cheaper: floor ≤ threshold). */
static int floor_masks(const jh_standard *std, unsigned *masks)
{
	int k = JH_IND__COUNT - std->school_min_met, n = 0;

	if (k < 0)
		k = 0;
	if (k > JH_IND__COUNT)
		k = JH_IND__COUNT;
	for (unsigned m = 0; m < (1u << JH_IND__COUNT); m++)
		if (popcount(m) == k)
			masks[n++] = m;
	return n;
}

/* The cheapest additions after which every unit p[0..np) of one school
 * passes.  0, or -1 when no addition can make it pass. */
static int school_gap(const jh_standard *std, const jh_costs *c,
                      const struct punit *p, int np, jh_addition *out)
{
	unsigned masks[128];
	int nm = floor_masks(std, masks), idx[2] = {0, 0}, best_idx[2] = {-1, -1};
	double best = INFINITY;

	if (np < 1 || np > 2)
		return -1;
	/* Every combination of one mask per stage: at most 7 × 7. */
	for (;;) {
		double cost = 0, shared[JH_IND__COUNT] = {0};
		for (int j = 0; j < np; j++) {
			unsigned m = masks[idx[j]];
			for (int i = 0; i < JH_IND__COUNT; i++) {
				double a = (m >> i) & 1 ? p[j].nfloor[i] : p[j].nthr[i];
				if (jhIndicatorIsTeacher(i))
					cost += a * jhPlanPrice(c, jhIndicatorField(i, p[j].u->stage));
				else if (a > shared[i])
					shared[i] = a;   /* both stages: the larger */
			}
		}
		for (int i = JH_IND_TEACHING_AREA; i < JH_IND__COUNT; i++)
			cost += shared[i] * jhPlanPrice(c, jhIndicatorField(i, JH_STAGE_PRIMARY));
		if (!isnan(cost) && (best_idx[0] < 0 || cost < best)) {
			best = cost;
			best_idx[0] = idx[0];
			best_idx[1] = idx[1];
		}
		/* Next combination. */
		int j = 0;
		while (j < np && ++idx[j] == nm)
			idx[j++] = 0;
		if (j == np)
			break;
	}
	if (best_idx[0] < 0 || !isfinite(best))
		return -1;
	memset(out, 0, sizeof *out);
	out->school = p[0].u->school;
	for (int j = 0; j < np; j++) {
		unsigned m = masks[best_idx[j]];
		for (int i = 0; i < JH_IND__COUNT; i++) {
			double a = (m >> i) & 1 ? p[j].nfloor[i] : p[j].nthr[i];
			jh_field f = jhIndicatorField(i, p[j].u->stage);
			if (jhIndicatorIsTeacher(i))
				out->add[f] = a;
			else if (a > out->add[f])
				out->add[f] = a;
		}
	}
	finish_addition(out, c);
	return 0;
}

/* Why no addition makes a school pass (school_gap failed): the first
 * stage where an indicator cannot reach its floor, or where more cannot
 * reach their thresholds than the rule lets stay under (7 − min_met). */
static void unreachable(const jh_standard *std, const struct punit *p, int np,
                        jh_addition *out)
{
	memset(out, 0, sizeof *out);
	out->school = p[0].u->school;
	out->unreachable = 1;
	out->stage = p[0].u->stage;
	for (int j = 0; j < np; j++) {
		unsigned floor = 0, thr = 0;
		int nthr = 0;
		for (int i = 0; i < JH_IND__COUNT; i++) {
			if (!isfinite(p[j].nfloor[i]))
				floor |= 1u << i;
			if (!isfinite(p[j].nthr[i])) {
				thr |= 1u << i;
				nthr++;
			}
		}
		if (floor || nthr > JH_IND__COUNT - std->school_min_met) {
			out->stage = p[j].u->stage;
			out->indicators = floor ? floor : thr;
			return;
		}
	}
}

jh_code jh_gaps_schools(const jh_result *r, const jh_costs *costs,
                        jh_addition **out, size_t *n, jh_diags *diags)
{
	unsigned char *done = NULL;
	jh_addition *list = NULL;
	size_t cap = 0, cnt = 0;

	(void)diags;   /* nothing to report: an unreachable school is listed */
	if (out)
		*out = NULL;
	if (n)
		*n = 0;
	if (!r || !costs || !out || !n || !r->standard)
		return JH_ERR_ARG;
	if (!(done = calloc(r->nunits ? r->nunits : 1, 1)))
		return JH_ERR_NOMEM;
	for (size_t k = 0; k < r->nunits; k++) {
		const jh_unit *u = &r->units[k];
		const jh_county_result *cr;
		struct punit p[2];
		int np = 0;

		if (done[k] || u->status != JH_UNIT_EVALUATED || u->passes)
			continue;
		/* Every evaluated unit of this school (one per stage), all in
		 * its county's block. */
		cr = &r->counties[u->county_index];
		for (size_t q = cr->first_unit; q < cr->first_unit + cr->nunits; q++) {
			const jh_unit *w = &r->units[q];
			if (w->school != u->school)
				continue;
			done[q] = 1;
			if (w->status == JH_UNIT_EVALUATED && np < 2)
				punit_init(&p[np++], w, r->standard);
		}
		if (cnt == cap) {
			size_t c = cap ? cap * 2 : 64;
			jh_addition *nl = realloc(list, c * sizeof *nl);
			if (!nl) {
				free(list);
				free(done);
				return JH_ERR_NOMEM;
			}
			list = nl;
			cap = c;
		}
		if (school_gap(r->standard, costs, p, np, &list[cnt]))
			unreachable(r->standard, p, np, &list[cnt]);
		cnt++;
	}
	free(done);
	if (!cnt) {
		free(list);
		list = NULL;
	}
	*out = list;
	*n = cnt;
	return JH_OK;
}

/* --- applying additions ------------------------------------------------ */

/* Append a copy of row sy of src to out with add[] added (add may be
 * NULL); extras too when with_extras. */
static jh_code copy_row(jh_dataset *out, const jh_dataset *src,
                        const jh_school_year *sy, const double *add,
                        int with_extras)
{
	jh_school_year row = *sy;
	jh_code rc;

	if (add)
		for (int f = 0; f < JH_F__COUNT; f++)
			if (add[f] != 0)
				row.v[f] = isnan(row.v[f]) ? add[f] : row.v[f] + add[f];
	if ((rc = jh_dataset_add(out, &row)))
		return rc;
	if (!with_extras)
		return JH_OK;
	for (size_t e = sy->extra_first; e < sy->extra_first + sy->extra_count; e++)
		if ((rc = jh_dataset_add_extra(out, &out->rows[out->nrows - 1],
		                               src->extra_names[src->extras[e].name],
		                               src->extras[e].value)))
			return rc;
	return JH_OK;
}

jh_code jh_dataset_apply(const jh_dataset *ds, const jh_addition *add,
                         size_t n, jh_dataset **out)
{
	size_t *slot = NULL, nsum = 0;
	double (*sum)[JH_F__COUNT] = NULL;
	jh_dataset *d = NULL;
	jh_code rc = JH_OK;

	if (out)
		*out = NULL;
	if (!ds || !out || (n && !add))
		return JH_ERR_ARG;
	slot = malloc((ds->nrows ? ds->nrows : 1) * sizeof *slot);
	sum = calloc(n ? n : 1, sizeof *sum);
	if (!slot || !sum) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	for (size_t i = 0; i < ds->nrows; i++)
		slot[i] = SIZE_MAX;
	/* A school is matched by its code and year, which also finds the row
	 * a pointer into ds names; several additions to one school add up. */
	for (size_t k = 0; k < n; k++) {
		const jh_school_year *sy;
		size_t row;
		if (!add[k].school) {
			rc = JH_ERR_ARG;
			goto done;
		}
		sy = jh_dataset_find(ds, add[k].school->school_code,
		                     add[k].school->year);
		if (!sy) {
			rc = JH_ERR_NOTFOUND;
			goto done;
		}
		row = (size_t)(sy - ds->rows);
		if (slot[row] == SIZE_MAX)
			slot[row] = nsum++;
		for (int f = 0; f < JH_F__COUNT; f++)
			sum[slot[row]][f] += add[k].add[f];
	}
	if (!(d = jh_dataset_new())) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	d->default_year = ds->default_year;
	for (size_t i = 0; i < ds->nrows; i++)
		if ((rc = copy_row(d, ds, &ds->rows[i],
		                   slot[i] == SIZE_MAX ? NULL : sum[slot[i]], 1)))
			goto done;
	*out = d;
	d = NULL;
done:
	jh_dataset_free(d);
	free(slot);
	free(sum);
	return rc;
}

/* --- the county plan --------------------------------------------------- */

/* Kinds of GLPK columns besides additions (which carry their jh_field). */
#define COL_BINARY (-1)
#define COL_AUX    (-2)

/* A coefficient over its limit by less than this (relative) counts as
 * converged: GLPK's own tolerances are about 1e-7, and what is left is
 * absorbed by rounding up or the repair, then checked exactly. */
#define CONVERGED 1e-6

struct pcol {                 /* one GLPK column (1-based index) */
	int field;                /* jh_field, COL_BINARY or COL_AUX */
	size_t school;
	double lb;
	double price;
	int kind;                 /* GLP_CV, GLP_IV or GLP_BV */
	size_t unit;              /* binaries: the unit ... */
	int ind;                  /* ... and indicator */
};

/* The coefficient limit of one stage and indicator, lifted:
 *   m = x̄(a),  Σ_k z_k ≤ L·m,  v_k(a)² ≤ z_k·(L·m)  for every unit k,
 * with tangent cuts for each small cone.  Built when first violated. */
struct cone {
	jh_stage stage;
	int ind;
	size_t *unit;             /* indices into ctx.pu */
	size_t n;
	double limit;
	double P;                 /* students of the stage */
	int mcol;                 /* column m, 0 until the cone is built */
	int *zcol;                /* columns z_k */
	int sumrow;
};

struct ctx {
	const jh_result *r;
	const jh_standard *std;
	const jh_costs *costs;
	const jh_county_result *cr;
	struct punit *pu;
	size_t npu;
	const jh_school_year **school;  /* evaluated schools, code order */
	size_t nschool;
	int (*ucol)[JH_IND__COUNT];     /* column feeding unit u, indicator i */
	int (*ycol)[JH_IND__COUNT];     /* binary y_ui, 0 when none */
	int (*shcol)[JH_IND__COUNT];    /* shared column of a school, building */
	struct pcol *col;               /* col[1..ncol] */
	int ncol, capcol;
	double *x, *xr, *xbest;         /* column values, capcol each */
	struct cone cone[JH_STAGE__COUNT * JH_IND__COUNT];
	int ncone;
	glp_prob *lp;                   /* NULL once GLPK's environment is gone */
	jmp_buf on_error;               /* where a GLPK error lands (guarded) */
	int fault;                      /* enum jhPlanFault, for the tests */
	const jh_school_year *unreachable; /* a school no addition makes pass */
	/* scratch, npu + 8 each */
	double *v, *p, *xt;
	int *ind;
	double *val;
};

static int cmp_school(const void *a, const void *b)
{
	const jh_school_year *x = *(const jh_school_year *const *)a;
	const jh_school_year *y = *(const jh_school_year *const *)b;

	return strcmp(x->school_code, y->school_code);
}

static size_t school_index(const struct ctx *c, const jh_school_year *sy)
{
	size_t lo = 0, hi = c->nschool;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int k = strcmp(c->school[mid]->school_code, sy->school_code);
		if (!k)
			return mid;
		if (k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

/* A new column, in our tables and in the GLPK problem; 0 on oom. */
static int new_col(struct ctx *c, int f, size_t school, double lb, int kind)
{
	struct pcol *pc;
	int j;

	if (c->ncol + 1 >= c->capcol) {
		int cap = c->capcol ? c->capcol * 2 : 256;
		struct pcol *n = realloc(c->col, (size_t)cap * sizeof *n);
		if (!n)
			return 0;
		c->col = n;
		double **arr[3] = {&c->x, &c->xr, &c->xbest};
		for (int k = 0; k < 3; k++) {
			double *d = realloc(*arr[k], (size_t)cap * sizeof *d);
			if (!d)
				return 0;
			memset(d + c->capcol, 0, (size_t)(cap - c->capcol) * sizeof *d);
			*arr[k] = d;
		}
		c->capcol = cap;
	}
	pc = &c->col[++c->ncol];
	memset(pc, 0, sizeof *pc);
	pc->field = f;
	pc->school = school;
	pc->lb = lb;
	pc->kind = kind;
	pc->price = f >= 0 ? jhPlanPrice(c->costs, (jh_field)f) : 0;
	j = glp_add_cols(c->lp, 1);
	glp_set_col_kind(c->lp, j, kind);
	if (kind != GLP_BV)
		glp_set_col_bnds(c->lp, j, GLP_LO, lb, 0.0);
	glp_set_obj_coef(c->lp, j, pc->price);
	return c->ncol;
}

/* A new row ind[1..len], val[1..len] with bounds; when its largest
 * coefficient is far from 1 it is scaled to 1 (the bounds with it), which
 * helps GLPK's tolerances. */
static void new_row(struct ctx *c, int len, int *ind, double *val, int type,
                    double lo, double hi)
{
	double big = 0;
	int row;

	for (int k = 1; k <= len; k++)
		if (fabs(val[k]) > big)
			big = fabs(val[k]);
	if (big > 0 && (big > 1e3 || big < 1e-3)) {
		for (int k = 1; k <= len; k++)
			val[k] /= big;
		lo /= big;
		hi /= big;
	}
	row = glp_add_rows(c->lp, 1);
	glp_set_mat_row(c->lp, row, len, ind, val);
	glp_set_row_bnds(c->lp, row, type, lo, hi);
}

static void ctx_free(struct ctx *c)
{
	if (c->lp)
		glp_delete_prob(c->lp);
	for (int k = 0; k < c->ncone; k++) {
		free(c->cone[k].unit);
		free(c->cone[k].zcol);
	}
	free(c->pu);
	free(c->school);
	free(c->ucol);
	free(c->ycol);
	free(c->shcol);
	free(c->col);
	free(c->x);
	free(c->xr);
	free(c->xbest);
	free(c->v);
	free(c->p);
	free(c->xt);
	free(c->ind);
	free(c->val);
}

/* Units, schools, columns and the per-school rows.  0, -1 on oom, -2
 * when some unit cannot be made to pass by any addition. */
static int ctx_build(struct ctx *c)
{
	const jh_county_result *cr = c->cr;
	size_t n = 0, sz;

	for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++)
		n += c->r->units[k].status == JH_UNIT_EVALUATED;
	/* Scratch rows hold a cone's units (plus one) or a unit's seven
	 * binaries. */
	sz = n + JH_IND__COUNT + 2;
	c->pu = calloc(sz, sizeof *c->pu);
	c->school = calloc(sz, sizeof *c->school);
	c->ucol = calloc(sz, sizeof *c->ucol);
	c->ycol = calloc(sz, sizeof *c->ycol);
	c->v = malloc(sz * sizeof *c->v);
	c->p = malloc(sz * sizeof *c->p);
	c->xt = malloc(sz * sizeof *c->xt);
	c->ind = malloc(sz * sizeof *c->ind);
	c->val = malloc(sz * sizeof *c->val);
	c->lp = glp_create_prob();
	if (!c->pu || !c->school || !c->ucol || !c->ycol || !c->v || !c->p ||
	    !c->xt || !c->ind || !c->val)
		return -1;
	glp_set_obj_dir(c->lp, GLP_MIN);
	for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
		const jh_unit *u = &c->r->units[k];
		struct punit *p = &c->pu[c->npu];
		int reachable = 0;
		if (u->status != JH_UNIT_EVALUATED)
			continue;
		punit_init(p, u, c->std);
		c->school[c->npu] = u->school;
		c->npu++;
		/* Only a school with no share of a resource could need the
		 * impossible; then no plan exists. */
		for (int i = 0; i < JH_IND__COUNT; i++) {
			if (!isfinite(p->nfloor[i])) {
				c->unreachable = u->school;
				return -2;
			}
			reachable += isfinite(p->nthr[i]);
		}
		if (reachable < c->std->school_min_met) {
			c->unreachable = u->school;
			return -2;
		}
	}
	/* Distinct schools in code order (a school has one unit a stage). */
	qsort(c->school, c->npu, sizeof *c->school, cmp_school);
	for (size_t k = 0; k < c->npu; k++)
		if (!c->nschool || c->school[c->nschool - 1] != c->school[k])
			c->school[c->nschool++] = c->school[k];
	for (size_t k = 0; k < c->npu; k++)
		c->pu[k].school = school_index(c, c->pu[k].u->school);

	/* Columns.  Shared resources: one a school, its lower bound the
	 * larger floor need of its stages.  Teachers: one a unit. */
	/* In the context, not here: a GLPK error while building must not
	 * lose it (see guarded). */
	c->shcol = calloc(c->nschool ? c->nschool : 1, sizeof *c->shcol);
	if (!c->shcol)
		return -1;
	for (size_t k = 0; k < c->npu; k++) {
		struct punit *p = &c->pu[k];
		for (int i = 0; i < JH_IND__COUNT; i++) {
			jh_field f = jhIndicatorField(i, p->u->stage);
			int j;
			if (jhIndicatorIsTeacher(i)) {
				j = new_col(c, f, p->school, p->nfloor[i], GLP_IV);
			} else if (!(j = c->shcol[p->school][i])) {
				j = new_col(c, f, p->school, p->nfloor[i],
				            integral_field(f) ? GLP_IV : GLP_CV);
				c->shcol[p->school][i] = j;
			} else if (p->nfloor[i] > c->col[j].lb) {
				c->col[j].lb = p->nfloor[i];
				glp_set_col_bnds(c->lp, j, GLP_LO, p->nfloor[i], 0.0);
			}
			if (!j)
				return -1;
			c->ucol[k][i] = j;
		}
	}
	/* Binaries for units that do not meet enough thresholds at their
	 * floors:  a_col − (nthr − lb)·y ≥ lb,  Σ y ≥ min_met − met. */
	for (size_t k = 0; k < c->npu; k++) {
		struct punit *p = &c->pu[k];
		int met = 0, len = 0;
		for (int i = 0; i < JH_IND__COUNT; i++)
			met += p->nthr[i] <= c->col[c->ucol[k][i]].lb;
		if (met >= c->std->school_min_met)
			continue;
		for (int i = 0; i < JH_IND__COUNT; i++) {
			int a = c->ucol[k][i], y;
			double lb = c->col[a].lb;
			if (p->nthr[i] <= lb || !isfinite(p->nthr[i]))
				continue;
			if (!(y = new_col(c, COL_BINARY, p->school, 0, GLP_BV)))
				return -1;
			c->col[y].unit = k;
			c->col[y].ind = i;
			c->ycol[k][i] = y;
			int ind[3] = {0, a, y};
			double val[3] = {0, 1, -(p->nthr[i] - lb)};
			new_row(c, 2, ind, val, GLP_LO, lb, 0.0);
		}
		for (int i = 0; i < JH_IND__COUNT; i++)
			if (c->ycol[k][i]) {
				c->ind[++len] = c->ycol[k][i];
				c->val[len] = 1;
			}
		new_row(c, len, c->ind, c->val, GLP_LO,
		        (double)(c->std->school_min_met - met), 0.0);
	}

	/* The coefficient limits, one a stage and indicator with two or more
	 * units (one unit has a coefficient of 0). */
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		size_t m = 0;
		for (size_t k = 0; k < c->npu; k++)
			m += c->pu[k].u->stage == (jh_stage)st;
		if (m < 2)
			continue;
		for (int i = 0; i < JH_IND__COUNT; i++) {
			struct cone *cn = &c->cone[c->ncone];
			memset(cn, 0, sizeof *cn);
			if (!(cn->unit = malloc(m * sizeof *cn->unit)))
				return -1;
			c->ncone++;
			cn->stage = (jh_stage)st;
			cn->ind = i;
			cn->limit = c->std->cv_limit[st];
			for (size_t k = 0; k < c->npu; k++)
				if (c->pu[k].u->stage == (jh_stage)st) {
					cn->unit[cn->n++] = k;
					cn->P += c->pu[k].u->students;
				}
		}
	}
	return 0;
}

/* Values of a cone's units at column values col[] into c->v (weights into
 * c->p). */
static void cone_values(struct ctx *c, const struct cone *cn, const double *col)
{
	for (size_t k = 0; k < cn->n; k++) {
		size_t u = cn->unit[k];
		c->v[k] = lin_value(&c->pu[u].lin[cn->ind], col[c->ucol[u][cn->ind]]);
		c->p[k] = c->pu[u].u->students;
	}
}

/* The coefficient of a cone at column values col[], as jh_eval has it. */
static double cone_cv(struct ctx *c, const struct cone *cn, const double *col)
{
	cone_values(c, cn, col);
	return jh_cv(c->v, c->p, cn->n, NULL, NULL);
}

/* Σ z_k − L(1 − δ)·m ≤ 0 (replaced when δ changes). */
static void cone_sum_row(struct ctx *c, const struct cone *cn, double delta)
{
	for (size_t k = 0; k < cn->n; k++) {
		c->ind[k + 1] = cn->zcol[k];
		c->val[k + 1] = 1;
	}
	c->ind[cn->n + 1] = cn->mcol;
	c->val[cn->n + 1] = -cn->limit * (1 - delta);
	glp_set_mat_row(c->lp, cn->sumrow, (int)cn->n + 1, c->ind, c->val);
	glp_set_row_bnds(c->lp, cn->sumrow, GLP_UP, 0.0, 0.0);
}

/* Build the lifted cone: m, the z_k and their rows.  0, -1 on oom. */
static int cone_build(struct ctx *c, struct cone *cn, double delta)
{
	double rhs = 0;
	int len = 0;

	if (!(cn->zcol = malloc(cn->n * sizeof *cn->zcol)))
		return -1;
	if (!(cn->mcol = new_col(c, COL_AUX, 0, 0, GLP_CV)))
		return -1;
	for (size_t k = 0; k < cn->n; k++)
		if (!(cn->zcol[k] = new_col(c, COL_AUX, 0, 0, GLP_CV)))
			return -1;
	/* m − Σ (p_k/P)·slope_k·a_k = Σ (p_k/P)·x_k(0) */
	c->ind[++len] = cn->mcol;
	c->val[len] = 1;
	for (size_t k = 0; k < cn->n; k++) {
		size_t u = cn->unit[k];
		const struct lin *l = &c->pu[u].lin[cn->ind];
		double w = c->pu[u].u->students / cn->P, s = lin_slope(l);
		rhs += w * lin_value(l, 0);
		if (s != 0) {
			c->ind[++len] = c->ucol[u][cn->ind];
			c->val[len] = -w * s;
		}
	}
	new_row(c, len, c->ind, c->val, GLP_FX, rhs, rhs);
	cn->sumrow = glp_add_rows(c->lp, 1);
	cone_sum_row(c, cn, delta);
	return 0;
}

/* Tangent cuts of the small cones v_k² ≤ z_k·(L·m) violated at the
 * solution: v²/r is convex for r > 0, and its gradient cut at (v̂, r̂),
 * z ≥ 2·v̂·v/r̂ − v̂²·r/r̂², times r̂/|v̂| reads
 *   2·s·c_k·(x_k(0) + slope_k·a_k − m) ≤ t·z_k + L·m/t,  t = r̂/|v̂|,
 * s the sign of v̂_k, c_k = sqrt(p_k/P), r = L·m.  It holds for every
 * plan (by AM–GM, 2|v| ≤ t·z + r/t on the cone for any t > 0) and is
 * violated at the solution exactly when its small cone is.  The true L:
 * tightening only touches the sum row.  Returns the number of cuts. */
static int cone_cuts(struct ctx *c, const struct cone *cn)
{
	const double *x = c->x;
	double m = 0, r;
	int added = 0;

	cone_values(c, cn, x);
	for (size_t k = 0; k < cn->n; k++)
		m += c->p[k] * c->v[k];
	m /= cn->P;
	r = cn->limit * m;
	if (!(r > 0))
		return 0;
	for (size_t k = 0; k < cn->n; k++) {
		size_t u = cn->unit[k];
		const struct lin *l = &c->pu[u].lin[cn->ind];
		double ck = sqrt(c->p[k] / cn->P), v = ck * (c->v[k] - m);
		double z = fmax(0, x[cn->zcol[k]]), t, sgn = v < 0 ? -1 : 1;
		/* Violations this small change no coefficient's 7th digit. */
		if (!(v * v - z * r > 1e-9 * r * r) || fabs(v) < 1e-9 * r)
			continue;
		t = r / fabs(v);
		int ind[4] = {0, c->ucol[u][cn->ind], cn->mcol, cn->zcol[k]};
		double val[4] = {0, 2 * sgn * ck * lin_slope(l),
		                 -2 * sgn * ck - cn->limit / t, -t};
		double rhs = -2 * sgn * ck * lin_value(l, 0);
		if (val[1] == 0) {
			ind[1] = ind[3];
			val[1] = val[3];
			new_row(c, 2, ind, val, GLP_UP, 0.0, rhs);
		} else {
			new_row(c, 3, ind, val, GLP_UP, 0.0, rhs);
		}
		added++;
	}
	return added;
}

/* Cuts for a cone over L·sqrt(1 − δ) at the solution c->x (the limit in
 * effect: the sum row holds L(1 − δ), the small cones L).  Builds the
 * cone first if needed (which may move c->x).  Returns > 0 when the
 * solution is cut off, -1 on oom. */
static int cone_separate(struct ctx *c, struct cone *cn, double delta)
{
	const double *x;
	int n;

	if (!cn->mcol) {
		if (cone_build(c, cn, delta))
			return -1;
		/* x has no values for the new columns yet: z = 0. */
		for (size_t k = 0; k < cn->n; k++)
			c->x[cn->zcol[k]] = 0;
	}
	x = c->x;
	n = cone_cuts(c, cn);
	if (!n && delta > 0) {
		/* Tightening the sum row alone may be what cuts x off. */
		double s = 0, m = 0;
		cone_values(c, cn, x);
		for (size_t k = 0; k < cn->n; k++) {
			s += fmax(0, x[cn->zcol[k]]);
			m += c->p[k] * c->v[k];
		}
		n = s > cn->limit * (1 - delta) * m / cn->P;
	}
	return n;
}

/* GLPK's best bound, recorded as the search goes. */
struct bound_info {
	double bound;
	int have;
};

static void on_tree(glp_tree *T, void *info)
{
	struct bound_info *b = info;
	int p = glp_ios_best_node(T);

	if (p) {
		double v = glp_ios_node_bound(T, p);
		if (isfinite(v) && v > -1e300 && (!b->have || v > b->bound)) {
			b->bound = v;
			b->have = 1;
		}
	}
}

enum { SOLVE_OK, SOLVE_TIME, SOLVE_FAIL, SOLVE_INFEASIBLE };

/* Solve the MILP within `seconds`; column values into c->x[1..ncol].
 * *bound is a proven lower bound of this MILP (−inf when unknown). */
static int solve(struct ctx *c, double seconds, double gap, double *obj,
                 double *bound)
{
	glp_iocp parm;
	struct bound_info b = {0, 0};
	int ret, st;

	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	parm.mip_gap = gap;
	parm.tm_lim = seconds * 1000 >= INT_MAX ? INT_MAX :
	              (int)(seconds * 1000) > 0 ? (int)(seconds * 1000) : 1;
	parm.cb_func = on_tree;
	parm.cb_info = &b;
	ret = glp_intopt(c->lp, &parm);
	st = glp_mip_status(c->lp);
	if (st != GLP_OPT && st != GLP_FEAS && ret != GLP_ETMLIM) {
		/* GLPK's MIP presolver can misjudge a badly scaled problem
		 * infeasible; the problem here never is (more can always be
		 * added).  Again without it, from an LP optimum. */
		glp_smcp sp;
		glp_init_smcp(&sp);
		sp.msg_lev = GLP_MSG_OFF;
		sp.presolve = GLP_ON;
		sp.tm_lim = parm.tm_lim;
		if (glp_simplex(c->lp, &sp) == 0 && glp_get_status(c->lp) == GLP_OPT) {
			parm.presolve = GLP_OFF;
			b.have = 0;
			ret = glp_intopt(c->lp, &parm);
			st = glp_mip_status(c->lp);
		}
	}
	if (st != GLP_OPT && st != GLP_FEAS) {
		if (ret == GLP_ETMLIM)
			return SOLVE_TIME;
		/* Proven only by GLPK itself: the MIP status, or the LP
		 * relaxation without a feasible point. */
		if (st == GLP_NOFEAS || glp_get_status(c->lp) == GLP_NOFEAS)
			return SOLVE_INFEASIBLE;
		return SOLVE_FAIL;
	}
	*obj = glp_mip_obj_val(c->lp);
	for (int j = 1; j <= c->ncol; j++)
		c->x[j] = glp_mip_col_val(c->lp, j);
	if (ret == 0 && st == GLP_OPT)
		*bound = *obj;                 /* the search finished */
	else if (b.have)
		*bound = fmin(b.bound, *obj);
	else if (ret == GLP_EMIPGAP)
		*bound = *obj - gap * fabs(*obj);
	else
		*bound = -INFINITY;
	return SOLVE_OK;
}

/* Solve the LP relaxation (integrality ignored) within `seconds`,
 * warm-started by the dual simplex from the last basis; column values
 * into c->x.  0, or -1 when no optimum was found. */
static int solve_lp(struct ctx *c, double seconds, double *obj)
{
	glp_smcp parm;
	int ret;

	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.meth = GLP_DUALP;
	parm.tm_lim = seconds * 1000 >= INT_MAX ? INT_MAX :
	              (int)(seconds * 1000) > 0 ? (int)(seconds * 1000) : 1;
	ret = glp_simplex(c->lp, &parm);
	if (ret != 0 && ret != GLP_ETMLIM) {
		/* A basis gone bad: start afresh. */
		glp_adv_basis(c->lp, 0);
		parm.meth = GLP_PRIMAL;
		ret = glp_simplex(c->lp, &parm);
	}
	if (ret != 0 || glp_get_status(c->lp) != GLP_OPT)
		return -1;
	*obj = glp_get_obj_val(c->lp);
	for (int j = 1; j <= c->ncol; j++)
		c->x[j] = glp_get_col_prim(c->lp, j);
	return 0;
}

/* 1 when cone cn passes its limit at column values xr. */
static int cone_passes(struct ctx *c, const struct cone *cn, const double *xr)
{
	double cv = cone_cv(c, cn, xr);

	return !isnan(cv) && jh_at_most(c->std, cv, cn->limit);
}

/* Raise the units of a failing cone that are under a level h to h (whole
 * additions), h the least, by bisection, at which the cone passes.  A
 * repair, used only to turn a MILP solution that rounding pushed over a
 * limit into a plan that passes; its cost is judged by the bound like any
 * other. */
static void waterfill(struct ctx *c, const struct cone *cn, double *xr)
{
	double lo, hi;

	cone_values(c, cn, xr);
	lo = hi = c->v[0];
	for (size_t k = 1; k < cn->n; k++) {
		lo = fmin(lo, c->v[k]);
		hi = fmax(hi, c->v[k]);
	}
	for (int it = 0; it < 60 && hi - lo > 1e-12 * fmax(1, hi); it++) {
		double h = (lo + hi) / 2;
		for (size_t k = 0; k < cn->n; k++) {
			size_t u = cn->unit[k];
			double a = xr[c->ucol[u][cn->ind]];
			c->xt[k] = fmax(a, need(c->std, &c->pu[u].lin[cn->ind], h));
			c->v[k] = lin_value(&c->pu[u].lin[cn->ind], c->xt[k]);
		}
		double cv = jh_cv(c->v, c->p, cn->n, NULL, NULL);
		if (!isnan(cv) && jh_at_most(c->std, cv, cn->limit))
			hi = h;
		else
			lo = h;
	}
	for (size_t k = 0; k < cn->n; k++) {
		size_t u = cn->unit[k];
		int j = c->ucol[u][cn->ind];
		xr[j] = fmax(xr[j], need(c->std, &c->pu[u].lin[cn->ind], hi));
	}
}

/* Whole additions from a solution c->x into c->xr: m² and yuan up, and
 * teachers and rooms to the nearest integer for a MILP solution (`up` 0)
 * or up for an LP solution (`up` 1); binaries to the nearest.  The MILP's
 * rows are enforced again on the whole numbers (a safety net against
 * solver tolerances), and coefficients that rounding pushed over their
 * limit repaired.  1 when the result passes everything. */
static int candidate(struct ctx *c, int up)
{
	const double *x = c->x;
	double *xr = c->xr;

	for (int j = 1; j <= c->ncol; j++) {
		const struct pcol *pc = &c->col[j];
		double v = pc->kind == GLP_BV || (pc->kind == GLP_IV && !up) ?
		           floor(x[j] + 0.5) : ceil(x[j] - 1e-9 * fmax(1, fabs(x[j])));
		xr[j] = v < pc->lb ? pc->lb : v;
	}
	for (int j = 1; j <= c->ncol; j++) {
		const struct pcol *pc = &c->col[j];
		if (pc->kind == GLP_BV && xr[j] > 0.5) {
			int a = c->ucol[pc->unit][pc->ind];
			if (xr[a] < c->pu[pc->unit].nthr[pc->ind])
				xr[a] = c->pu[pc->unit].nthr[pc->ind];
		}
	}
	/* A shared column lifts both stages, so repair until all pass. */
	for (int pass = 0; pass < 8; pass++) {
		int ok = 1;
		for (int k = 0; k < c->ncone; k++)
			if (!cone_passes(c, &c->cone[k], xr)) {
				waterfill(c, &c->cone[k], xr);
				ok = 0;
			}
		if (ok)
			break;
	}
	for (size_t k = 0; k < c->npu; k++) {
		double a[JH_IND__COUNT];
		for (int i = 0; i < JH_IND__COUNT; i++)
			a[i] = xr[c->ucol[k][i]];
		if (!punit_passes(c->std, &c->pu[k], a))
			return 0;
	}
	for (int k = 0; k < c->ncone; k++)
		if (!cone_passes(c, &c->cone[k], xr))
			return 0;
	return 1;
}

static double plan_cost(const struct ctx *c, const double *xr)
{
	double s = 0;

	for (int j = 1; j <= c->ncol; j++)
		if (c->col[j].field >= 0)
			s += c->col[j].price * xr[j];
	return s;
}

/* The additions per school from whole column values; *out is a malloc'd
 * array of the schools with any addition, in code order. */
static jh_code plan_additions(const struct ctx *c, const double *xr,
                              jh_addition **out, size_t *nout)
{
	jh_addition *a = calloc(c->nschool ? c->nschool : 1, sizeof *a);
	size_t n = 0;

	*out = NULL;
	*nout = 0;
	if (!a)
		return JH_ERR_NOMEM;
	for (size_t s = 0; s < c->nschool; s++)
		a[s].school = c->school[s];
	for (int j = 1; j <= c->ncol; j++)
		if (c->col[j].field >= 0 && xr[j] != 0)
			a[c->col[j].school].add[c->col[j].field] = xr[j];
	for (size_t s = 0; s < c->nschool; s++) {
		int any = 0;
		for (int f = 0; f < JH_F__COUNT; f++)
			any |= a[s].add[f] != 0;
		if (!any)
			continue;
		finish_addition(&a[s], c->costs);
		a[n++] = a[s];
	}
	if (!n) {
		free(a);
		a = NULL;
	}
	*out = a;
	*nout = n;
	return JH_OK;
}

/* The final word: this county's rows with the additions applied,
 * evaluated by jh_eval.  1 passes, 0 fails, -1 out of memory. */
static int verify(const struct ctx *c, const jh_addition *add, size_t nadd)
{
	const jh_county_result *cr = c->cr;
	const jh_school_year **rows = malloc((cr->nunits ? cr->nunits : 1) *
	                                     sizeof *rows);
	jh_dataset *ds = jh_dataset_new();
	jh_result *res = NULL;
	jh_diags dg = JH_DIAGS_INIT;
	size_t n = 0, a = 0;
	int ok = -1;

	if (!rows || !ds)
		goto done;
	/* Every row of the county the result saw, evaluated or not (merged
	 * teaching points count in their central school). */
	for (size_t k = 0; k < cr->nunits; k++)
		rows[n++] = c->r->units[cr->first_unit + k].school;
	qsort(rows, n, sizeof *rows, cmp_school);
	for (size_t k = 0; k < n; k++) {
		const double *add_v = NULL;
		if (k && rows[k] == rows[k - 1])
			continue;
		while (a < nadd && strcmp(add[a].school->school_code,
		                          rows[k]->school_code) < 0)
			a++;
		if (a < nadd && add[a].school == rows[k])
			add_v = add[a].add;
		if (copy_row(ds, c->r->dataset, rows[k], add_v, 0))
			goto done;
	}
	if (jh_eval(ds, c->std, NULL, &res, &dg))
		ok = 0;
	else
		ok = res->ncounties == 1 && res->counties[0].passes;
done:
	jh_result_free(res);
	jh_dataset_free(ds);
	jh_diags_free(&dg);
	free(rows);
	return ok;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

const char *jh_plan_status_key(jh_plan_status s)
{
	switch (s) {
	case JH_PLAN_FOUND:         return "found";
	case JH_PLAN_INFEASIBLE:    return "infeasible";
	case JH_PLAN_TIME_LIMIT:    return "time_limit";
	case JH_PLAN_SOLVER_FAILED: return "solver_failed";
	}
	return "?";
}

void jh_plan_free(jh_plan *p)
{
	if (!p)
		return;
	free(p->add);
	p->add = NULL;
	p->nadd = 0;
	free(p->beyond);
	p->beyond = NULL;
	p->nbeyond = 0;
	free(p->county_name);
	p->county_name = NULL;
}

/* Separate every cone over its limit in effect at c->x.  Returns the
 * number of cones cut, -1 on oom; *maxviol gets the largest (CV − L)/L. */
static int separate(struct ctx *c, double delta, double *maxviol)
{
	int cut = 0;

	*maxviol = 0;
	for (int k = 0; k < c->ncone; k++) {
		struct cone *cn = &c->cone[k];
		double cv = cone_cv(c, cn, c->x);
		int n;
		if (!(cv > cn->limit * sqrt(1 - delta)))
			continue;
		if ((cv - cn->limit) / cn->limit > *maxviol)
			*maxviol = (cv - cn->limit) / cn->limit;
		if ((n = cone_separate(c, cn, delta)) < 0)
			return -1;
		cut += n > 0;
	}
	return cut;
}

static void tighten(struct ctx *c, double delta)
{
	for (int k = 0; k < c->ncone; k++)
		if (c->cone[k].mcol)
			cone_sum_row(c, &c->cone[k], delta);
}

/* Make c->x whole (see candidate), and keep it as the best plan when it
 * passes, is cheaper, and jh_eval agrees.  0, or -1 on oom. */
static int try_plan(struct ctx *c, int up, double *best)
{
	jh_addition *add;
	size_t nadd;
	double cost;
	int ok;

	if (!candidate(c, up) || (cost = plan_cost(c, c->xr)) >= *best)
		return 0;
	if (plan_additions(c, c->xr, &add, &nadd))
		return -1;
	ok = verify(c, add, nadd);
	free(add);
	if (ok < 0)
		return -1;
	if (ok) {
		*best = cost;
		memcpy(c->xbest, c->xr, (size_t)(c->ncol + 1) * sizeof *c->xr);
	}
	return 0;
}

/* The OA subproblem: the MILP's choices (which indicators each failing
 * unit lifts to the threshold) fixed, the additions free and continuous,
 * LP rounds with cuts until every coefficient is within its limit; then
 * rounded up into a plan.  Gives an upper bound, never a lower one.
 * 0, or -1 on oom. */
static int subproblem(struct ctx *c, double deadline, double delta,
                      double *best)
{
	double obj, prev = 0, maxviol;
	int cut = 0, ok = 0;

	for (int j = 1; j <= c->ncol; j++)
		if (c->col[j].kind == GLP_BV) {
			double v = c->x[j] > 0.5;
			glp_set_col_bnds(c->lp, j, GLP_FX, v, v);
		}
	for (int k = 0, stall = 0; k < 100 && now() < deadline; k++) {
		if (solve_lp(c, deadline - now(), &obj))
			break;
		if ((cut = separate(c, delta, &maxviol)) < 0)
			break;
		/* Converged, or stuck at the solver's tolerances: what is
		 * left, rounding up and the repair take care of. */
		stall = k && obj <= prev * (1 + 1e-9) ? stall + 1 : 0;
		if (!cut || maxviol <= CONVERGED || stall >= 2) {
			ok = 1;
			break;
		}
		prev = obj;
	}
	for (int j = 1; j <= c->ncol; j++)
		if (c->col[j].kind == GLP_BV)
			glp_set_col_bnds(c->lp, j, GLP_DB, 0.0, 1.0);
	if (cut < 0)
		return -1;
	return ok ? try_plan(c, 1, best) : 0;
}

/* A first plan before any MILP: every school's own gap (exact, cheap),
 * coefficients then repaired.  An upper bound from the start, so that a
 * plan exists even when GLPK finds none in the time given.  0, or -1 on
 * oom. */
static int initial_plan(struct ctx *c, double *best)
{
	for (int j = 1; j <= c->ncol; j++)
		c->x[j] = c->col[j].kind == GLP_BV ? 0 : c->col[j].lb;
	for (size_t s = 0; s < c->nschool; s++) {
		struct punit p[2];
		size_t idx[2];
		jh_addition a;
		int np = 0;
		for (size_t k = 0; k < c->npu && np < 2; k++)
			if (c->pu[k].school == s) {
				idx[np] = k;
				p[np++] = c->pu[k];
			}
		if (school_gap(c->std, c->costs, p, np, &a))
			return 0;
		for (int j = 0; j < np; j++)
			for (int i = 0; i < JH_IND__COUNT; i++) {
				int col = c->ucol[idx[j]][i];
				double v = a.add[jhIndicatorField(i, p[j].u->stage)];
				if (v > c->x[col])
					c->x[col] = v;
			}
	}
	return try_plan(c, 1, best);
}

/* No plan, and why: out->status, NaN cost and gap, the bound found so
 * far, and the coded reason in diags. */
static jh_code no_plan(jh_plan *out, jh_plan_status why, double lb,
                       const jh_school_year *unreachable, double limit,
                       jh_diags *diags)
{
	char secs[40];

	out->status = why;
	out->solved = 0;
	out->cost = NAN;
	out->gap = NAN;
	out->lower_bound = lb;
	out->unreachable = unreachable;
	switch (why) {
	case JH_PLAN_INFEASIBLE:
		if (unreachable)
			return jh_diags_add(diags, JH_P_PLAN_SCHOOL_UNREACHABLE,
			                    unreachable->file, NULL, unreachable->line,
			                    0, NULL, unreachable->school_code, NULL);
		return jh_diags_add(diags, JH_P_PLAN_INFEASIBLE, NULL, NULL, 0, 0,
		                    NULL, NULL, NULL);
	case JH_PLAN_TIME_LIMIT:
		jh_format_number(limit, secs, sizeof secs);
		return jh_diags_add(diags, JH_P_PLAN_TIME_LIMIT, NULL, NULL, 0, 0,
		                    NULL, secs, NULL);
	default:
		return jh_diags_add(diags, JH_P_PLAN_SOLVER_FAILED, NULL, NULL, 0,
		                    0, NULL, NULL, NULL);
	}
}

/* The search itself, steps 0–3 of the header, inside guarded.  The
 * outcome goes to out->status (a diagnostic says why when no plan);
 * returns JH_OK or JH_ERR_NOMEM. */
static jh_code search(struct ctx *c, double limit, double rel_gap,
                      double deadline, jh_plan *out, jh_diags *diags)
{
	double obj, lb = 0, best = INFINITY, delta = 0, maxviol = 0;
	jh_plan_status why = JH_PLAN_TIME_LIMIT;   /* when no plan comes */
	int cut;

	if ((cut = ctx_build(c)) == -1)
		return JH_ERR_NOMEM;
	if (cut) {
		why = JH_PLAN_INFEASIBLE;
		goto report;
	}
	/* The budget covers building too: spent already, no plan. */
	if (now() >= deadline)
		goto report;
	if (initial_plan(c, &best) < 0)
		return JH_ERR_NOMEM;
	if (c->fault == JH_PLAN_FAULT_GLPK_ERROR)
		/* An invalid call, as a bug would make one: a column that
		 * does not exist.  GLPK calls glp_error, which must not
		 * abort the process (guarded). */
		glp_set_col_bnds(c->lp, c->ncol + 1, GLP_LO, 0.0, 0.0);
	/* Root rounds: the LP relaxation and cuts at its solutions, cheap,
	 * until the coefficient limits are well approximated; each LP
	 * optimum is a lower bound too.  Starts with cuts at the floors-only
	 * point. */
	for (int j = 1; j <= c->ncol; j++)
		c->x[j] = c->col[j].lb;
	cut = separate(c, 0, &maxviol);
	for (int k = 0; cut > 0 && k < 200 && now() < deadline; k++) {
		if (solve_lp(c, deadline - now(), &obj))
			break;
		out->iterations++;
		if (obj > lb)
			lb = obj;
		cut = separate(c, 0, &maxviol);
		if (maxviol <= CONVERGED)
			break;
	}
	if (cut < 0)
		return JH_ERR_NOMEM;

	for (;;) {
		double bound, slice, left = deadline - now();
		int st;

		if (left <= 0)
			break;
		/* GLPK's own stopping gap, under ours so ours can be met.  A
		 * MILP whose cones are still far off gets half the time left,
		 * and the subproblem after it always gets a twentieth. */
		slice = maxviol > 1e-4 ? left / 2 : left - fmin(left / 2, limit / 20);
		st = solve(c, slice, rel_gap / 4, &obj, &bound);
		out->iterations++;
		if (st == SOLVE_TIME)
			break;
		if (st == SOLVE_INFEASIBLE || st == SOLVE_FAIL) {
			/* Infeasible is a proof only for the true relaxation;
			 * with tightened cuts (delta > 0) it only means this
			 * method found nothing. */
			why = st == SOLVE_INFEASIBLE && delta == 0 ?
			      JH_PLAN_INFEASIBLE : JH_PLAN_SOLVER_FAILED;
			break;
		}
		/* Only untightened relaxations give bounds. */
		if (delta == 0 && bound > lb)
			lb = bound;
		if (try_plan(c, 0, &best) < 0)
			return JH_ERR_NOMEM;
		if (best < INFINITY && best - lb <= rel_gap * best)
			break;
		if ((cut = separate(c, delta, &maxviol)) < 0 ||
		    ((cut > 0 || best == INFINITY) &&
		     subproblem(c, deadline, delta, &best) < 0))
			return JH_ERR_NOMEM;
		if (best < INFINITY && best - lb <= rel_gap * best)
			break;
		if (delta > 0 && best < INFINITY)
			break;   /* tightening further only costs more */
		if (delta == 0 && (cut == 0 || maxviol <= CONVERGED)) {
			/* The relaxation has converged: its bound stands, and
			 * what is left of the gap is rounding.  Without a
			 * passing plan yet, look for one just inside the
			 * limits. */
			if (best < INFINITY)
				break;
			delta = 1e-6;
			tighten(c, delta);
			cut = separate(c, delta, &maxviol);
		}
		while (cut == 0 && delta > 0 && delta < 0.05) {
			delta *= 10;
			tighten(c, delta);
			cut = separate(c, delta, &maxviol);
		}
		if (cut < 0)
			return JH_ERR_NOMEM;
		if (!cut) {
			/* Nothing left to cut and still no plan: should not
			 * happen; give up rather than loop. */
			why = JH_PLAN_SOLVER_FAILED;
			break;
		}
	}

report:
	if (best < INFINITY) {
		jh_code rc = plan_additions(c, c->xbest, &out->add, &out->nadd);
		if (rc)
			return rc;
		out->status = JH_PLAN_FOUND;
		out->solved = 1;
		out->cost = 0;
		for (size_t k = 0; k < out->nadd; k++)
			out->cost += out->add[k].cost;
		out->lower_bound = lb < out->cost ? lb : out->cost;
		out->gap = out->cost > 0 ?
		           (out->cost - out->lower_bound) / out->cost : 0;
		return JH_OK;
	}
	return no_plan(out, why, lb, c->unreachable, limit, diags);
}

static void on_glpk_error(void *info)
{
	struct ctx *c = info;

	longjmp(c->on_error, 1);
}

/* GLPK's terminal output, error messages included (glp_error switches
 * the terminal on before it prints), goes nowhere while we solve. */
static int on_glpk_term(void *info, const char *s)
{
	(void)info;
	(void)s;
	return 1;
}

/* The search with GLPK's error hook set.  GLPK's answer to an internal
 * error (a bug of ours or of GLPK: an invalid argument, a broken
 * invariant) is glp_error, which prints, calls the hook and then calls
 * abort().  So the hook does not return: it jumps back here.  GLPK's
 * manual (glp_error_hook) then requires glp_free_env() and that no GLPK
 * object made before be used again: everything GLPK allocated in this
 * thread is freed with its environment, our problem object c->lp
 * included (so it is forgotten, not deleted), and the plan ends as
 * JH_PLAN_SOLVER_FAILED.  What we allocated ourselves all hangs off c
 * (never off a local of a function GLPK was called from), so ctx_free
 * releases it whichever way we come back.
 *
 * setjmp's rule: locals of this function changed after setjmp are
 * indeterminate after the jump; none is (c, out, diags and the options
 * are parameters, never assigned), and the context lives in the
 * caller's frame. */
static jh_code guarded(struct ctx *c, double limit, double rel_gap,
                       double deadline, jh_plan *out, jh_diags *diags)
{
	jh_code rc;
	int term_was;

	if (setjmp(c->on_error)) {
		c->lp = NULL;
		glp_free_env();
		jh_plan_free(out);
		return no_plan(out, JH_PLAN_SOLVER_FAILED, 0, NULL, limit, diags);
	}
	term_was = glp_term_out(GLP_OFF);
	glp_term_hook(on_glpk_term, c);
	glp_error_hook(on_glpk_error, c);
	rc = search(c, limit, rel_gap, deadline, out, diags);
	glp_error_hook(NULL, NULL);
	glp_term_hook(NULL, NULL);
	glp_term_out(term_was);
	return rc;
}

jh_code jhPlanCounty(const jh_result *r, size_t county, const jh_costs *costs,
                     const jh_plan_options *opt, int fault, jh_plan *out,
                     jh_diags *diags)
{
	struct ctx c;
	double limit, rel_gap, deadline;
	jh_code rc;

	if (out)
		memset(out, 0, sizeof *out);
	if (!r || !costs || !out || !r->standard || county >= r->ncounties)
		return JH_ERR_ARG;
	limit = opt && opt->time_limit > 0 ? opt->time_limit : 10;
	rel_gap = opt && opt->rel_gap > 0 ? opt->rel_gap : 1e-4;
	deadline = now() + limit;

	memset(&c, 0, sizeof c);
	c.r = r;
	c.std = r->standard;
	c.costs = costs;
	c.cr = &r->counties[county];
	c.fault = fault;
	memcpy(out->county_code, c.cr->county_code, sizeof out->county_code);
	out->year = c.cr->year;
	if (c.cr->passes) {
		/* Nothing to add for the resource part: the empty plan,
		 * proven optimal. */
		out->status = JH_PLAN_FOUND;
		out->solved = 1;
	} else {
		rc = guarded(&c, limit, rel_gap, deadline, out, diags);
		ctx_free(&c);
		if (rc) {
			jh_plan_free(out);
			return rc;
		}
	}
	/* The rooms and what no addition fixes (rooms.c). */
	if ((rc = jhPlanComplete(r, county, costs, out, diags)))
		jh_plan_free(out);
	return rc;
}

void jh_plan_thread_done(void)
{
	glp_free_env();
}

jh_code jh_plan_county(const jh_result *r, size_t county,
                       const jh_costs *costs, const jh_plan_options *opt,
                       jh_plan *out, jh_diags *diags)
{
	return jhPlanCounty(r, county, costs, opt, JH_PLAN_FAULT_NONE, out, diags);
}
