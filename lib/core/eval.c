/*
** eval.c — the resource-allocation evaluation of the 2017 standard.
**
** Given school-year rows and a standard, this file
**   1. turns each school into units, one per compulsory stage it offers
**      (reference §3): single-stage schools are one unit; 九年一贯制,
**      十二年一贯制 and 完全中学 are split, teachers by their per-stage
**      columns and shared resources (floor areas, equipment, multimedia
**      rooms) by student weights 1 : 1.1 : 1.32; teaching points follow
**      the standard's policy (own unit at 50+ students by default);
**   2. computes the seven indicators of each unit and the per-school rule
**      (at least 6 of 7 met, none under 85% of its threshold; §1);
**   3. computes, per county, year and stage, the student-weighted mean,
**      standard deviation and difference coefficient of each indicator
**      and judges each against its limit (§2).
**
** No I/O and no globals: everything is in the arguments and the result.
*/
#include "core_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double jh_cv(const double *x, const double *p, size_t n, double *mean,
             double *sd)
{
	/* Reference §2 (S10, S11):
	 *   P = Σ Pi,  X̄ = Σ Pi·Xi / P,
	 *   S = sqrt( Σ (Pi/P)·(Xi − X̄)² )   (population form),
	 *   CV = S / X̄.
	 * Two passes, so the variance is a sum of squares of deviations
	 * rather than a difference of large numbers. */
	double P = 0, sum = 0, m, var = 0, s;
	size_t i;

	for (i = 0; i < n; i++) {
		P += p[i];
		sum += p[i] * x[i];
	}
	if (P <= 0) {
		if (mean)
			*mean = NAN;
		if (sd)
			*sd = NAN;
		return NAN;
	}
	m = sum / P;
	for (i = 0; i < n; i++) {
		double d = x[i] - m;
		var += (p[i] / P) * d * d;
	}
	s = sqrt(var);
	if (mean)
		*mean = m;
	if (sd)
		*sd = s;
	return m > 0 ? s / m : NAN;
}

/* --- the per-stage arithmetic ---------------------------------------------
 *
 * One copy, used by the evaluation below and by the planner
 * (lib/plan/plan.c), which inverts it to find the least addition after
 * which an indicator reaches a target.  Because both call these very
 * functions, with the same operations in the same order, a plan judged to
 * pass there passes here, bit for bit.  Declared in core_int.h. */

jh_field jhIndicatorField(int i, jh_stage st)
{
	static const jh_field teacher[3][2] = {
		{JH_F_QUALIFIED_PRIMARY, JH_F_QUALIFIED_JUNIOR},
		{JH_F_KEY_PRIMARY, JH_F_KEY_JUNIOR},
		{JH_F_PE_ART_PRIMARY, JH_F_PE_ART_JUNIOR},
	};
	static const jh_field shared[JH_IND__COUNT] = {
		[JH_IND_TEACHING_AREA] = JH_F_TEACHING_AREA,
		[JH_IND_SPORTS_AREA] = JH_F_SPORTS_AREA,
		[JH_IND_EQUIPMENT] = JH_F_EQUIPMENT_VALUE,
		[JH_IND_MULTIMEDIA] = JH_F_MULTIMEDIA_ROOMS,
	};
	return jhIndicatorIsTeacher(i) ? teacher[i][st] : shared[i];
}

int jhIndicatorIsTeacher(int i)
{
	return i <= JH_IND_PE_ART;
}

int jhIndicatorPer100(int i)
{
	return i == JH_IND_QUALIFIED || i == JH_IND_KEY || i == JH_IND_PE_ART ||
	       i == JH_IND_MULTIMEDIA;
}

double jhStageShares(const jh_school_year *sy, jh_stage st,
                     const jh_standard *std, double coef[JH_IND__COUNT])
{
	double s[3] = {sy->v[JH_F_STUDENTS_PRIMARY], sy->v[JH_F_STUDENTS_JUNIOR],
	               sy->v[JH_F_STUDENTS_SENIOR]};
	double wsum = 0, psum = s[0] + s[1] + s[2];
	double wshare, pshare;

	/* Shares of shared resources (reference §3, S8): with A, B, C the
	 * primary, junior and senior students and weights 1, 1.1, 1.32,
	 * the junior share of a 九年一贯制 school is 1.1B / (A + 1.1B) and
	 * of a 完全中学 1.1B / (1.1B + 1.32C) = B / (B + 1.2C). */
	for (int k = 0; k < 3; k++)
		wsum += std->stage_weight[k] * s[k];
	wshare = wsum > 0 ? std->stage_weight[st] * s[st] / wsum : 0;
	/* A resource a local standard chooses not to weight is shared by
	 * plain head count, so nothing is ever counted in two stages. */
	pshare = psum > 0 ? s[st] / psum : 0;
	for (int i = 0; i < JH_IND__COUNT; i++)
		coef[i] = jhIndicatorIsTeacher(i) ? 1 :
		          std->split[i] ? wshare : pshare;
	return wshare;
}

double jhIndicatorValue(int i, double resource, double students)
{
	double v = students > 0 ? resource / students : 0;

	return jhIndicatorPer100(i) ? v * 100 : v;
}

double jhIndicatorFloor(const jh_standard *std, jh_stage st, int i)
{
	return std->threshold[st][i] * std->school_floor_ratio;
}

int jhUnitRule(const jh_standard *std, jh_stage st,
               const double value[JH_IND__COUNT], int *met, int *below)
{
	const double *th = std->threshold[st];
	int m = 0, b = 0;

	for (int i = 0; i < JH_IND__COUNT; i++) {
		if (jh_at_least(std, value[i], th[i]))
			m++;
		else if (!jh_at_least(std, value[i], jhIndicatorFloor(std, st, i)))
			b++;
	}
	if (met)
		*met = m;
	if (below)
		*below = b;
	return m >= std->school_min_met && b == 0;
}

/* A count or area a row may leave blank (NaN): 0 then. */
static double given_or_0(double v)
{
	return isnan(v) ? 0 : v;
}

/* --- provincial relaxations that add to a numerator -----------------------
 *
 * Two of the relaxations found in provincial practice (reference §4 notes,
 * §9; S17, [U]) count resources the national definitions leave out.  Each
 * is off in the national standard (so no value changes unless a local
 * standards file switches it on) and applies only to the schools it
 * concerns:
 *
 *   relax.small_rural_teachers: a 乡村小规模学校 (rural_small = 是) whose
 *     stage has students_min..students_max pupils (50–99, both counted)
 *     counts its 交流轮岗、兼职、走教 PE and art teachers of that stage
 *     (rotating_pe_art_teachers_STAGE) in indicator 3, per 100 pupils;
 *     the bounds are the stage's own pupils, as the indicator's are;
 *   relax.dense_central_sports: a 中心城区人口密集学校 (dense_central = 是)
 *     adds its rooftop and underground areas and the venues it leases
 *     within 10 minutes' walk (rooftop_underground_sports_m2 +
 *     leased_sports_area_m2) to indicator 5's area before a multi-stage
 *     school's area is split, so each stage gets its share of them.
 *
 * A relaxation that adds nothing (no such teachers or areas, or blank) is
 * not applied and not named; when it adds something its bit is set in
 * jh_unit.relaxed, and the outputs name it.  The unit's resource is all
 * the planner (lib/plan/plan.c) reads of it: its `other` (resource − own
 * column × share) carries the addition, so gaps and plans are judged on
 * the relaxed figure, as jh_eval judges them after the additions. */
static void stage_relax(const jh_school_year *sy, jh_stage st,
                        const jh_standard *std, const double coef[],
                        jh_unit *u)
{
	if (std->relax_small_teachers && sy->v[JH_F_RURAL_SMALL] == 1 &&
	    u->students >= std->small_teachers_min &&
	    u->students <= std->small_teachers_max) {
		double rot = given_or_0(sy->v[st == JH_STAGE_PRIMARY ?
		                              JH_F_ROTATING_PE_ART_PRIMARY :
		                              JH_F_ROTATING_PE_ART_JUNIOR]);
		if (rot > 0) {
			/* A teacher column's share is 1. */
			u->resource[JH_IND_PE_ART] =
				sy->v[jhIndicatorField(JH_IND_PE_ART, st)] + rot;
			u->relaxed |= JH_RELAX_SMALL_TEACHERS;
		}
	}
	if (std->relax_dense_sports && sy->v[JH_F_DENSE_CENTRAL] == 1) {
		double add = given_or_0(sy->v[JH_F_ROOFTOP_SPORTS_AREA]) +
		             given_or_0(sy->v[JH_F_LEASED_SPORTS_AREA]);
		if (add > 0) {
			u->resource[JH_IND_SPORTS_AREA] =
				(sy->v[JH_F_SPORTS_AREA] + add) *
				coef[JH_IND_SPORTS_AREA];
			u->relaxed |= JH_RELAX_DENSE_SPORTS;
		}
	}
}

/* Resources of one stage of a school before any merge.  A teacher column
 * is multiplied by its share 1, which changes no value. */
static void stage_resources(const jh_school_year *sy, jh_stage st,
                            const jh_standard *std, jh_unit *u)
{
	double coef[JH_IND__COUNT];

	u->students = sy->v[st == JH_STAGE_PRIMARY ? JH_F_STUDENTS_PRIMARY :
	                                             JH_F_STUDENTS_JUNIOR];
	u->share = jhStageShares(sy, st, std, coef);
	for (int i = 0; i < JH_IND__COUNT; i++)
		u->resource[i] = sy->v[jhIndicatorField(i, st)] * coef[i];
	stage_relax(sy, st, std, coef, u);
}

static void unit_values(jh_unit *u, const jh_standard *std)
{
	for (int i = 0; i < JH_IND__COUNT; i++)
		u->value[i] = jhIndicatorValue(i, u->resource[i], u->students);
	u->passes = jhUnitRule(std, u->stage, u->value, &u->met, &u->below_floor);
}

static int cmp_row(const void *a, const void *b)
{
	const jh_school_year *x = *(const jh_school_year *const *)a;
	const jh_school_year *y = *(const jh_school_year *const *)b;
	int c = strcmp(x->county_code, y->county_code);

	if (c)
		return c;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return strcmp(x->school_code, y->school_code);
}

/* Binary search a stage's units (sorted by school code) for a school. */
static jh_unit *find_unit(jh_unit *u, size_t n, const char *code)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(u[mid].school->school_code, code);
		if (!c)
			return &u[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void stage_stats(jh_result *r, jh_county_result *cr, jh_stage st,
                        const jh_standard *std, double *xs, double *ps)
{
	jh_stage_result *sr = &cr->stage[st];
	size_t n = 0;

	memset(sr, 0, sizeof *sr);
	for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
		const jh_unit *u = &r->units[k];
		if (u->stage != st || u->status != JH_UNIT_EVALUATED)
			continue;
		sr->students += u->students;
		sr->schools++;
		if (!u->passes)
			sr->schools_failing++;
	}
	sr->all_cv_pass = 1;
	sr->cv_mean = 0;
	for (int i = 0; i < JH_IND__COUNT; i++) {
		n = 0;
		for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
			const jh_unit *u = &r->units[k];
			if (u->stage != st || u->status != JH_UNIT_EVALUATED)
				continue;
			xs[n] = u->value[i];
			ps[n] = u->students;
			n++;
		}
		if (!n) {
			sr->mean[i] = sr->sd[i] = sr->cv[i] = NAN;
			sr->cv_pass[i] = 1;     /* no schools: nothing to judge */
			continue;
		}
		sr->cv[i] = jh_cv(xs, ps, n, &sr->mean[i], &sr->sd[i]);
		/* A mean of 0 (no school has the resource) leaves the CV
		 * undefined; that can never be balanced, so it fails. */
		sr->cv_pass[i] = !isnan(sr->cv[i]) &&
		                 jh_at_most(std, sr->cv[i], std->cv_limit[st]);
		if (!sr->cv_pass[i])
			sr->all_cv_pass = 0;
		sr->cv_mean += sr->cv[i];
	}
	/* 综合差异系数: the plain mean of the seven, shown but not judged
	 * in 2017 (reference §2). */
	sr->cv_mean = sr->schools ? sr->cv_mean / JH_IND__COUNT : NAN;
	sr->passes = sr->all_cv_pass && sr->schools_failing == 0;
}

static jh_code grow_units(jh_result *r, size_t *cap, size_t need)
{
	if (need <= *cap)
		return JH_OK;
	size_t c = *cap ? *cap : 1024;
	while (c < need)
		c *= 2;
	jh_unit *u = realloc(r->units, c * sizeof *u);
	if (!u)
		return JH_ERR_NOMEM;
	r->units = u;
	*cap = c;
	return JH_OK;
}

jh_code jh_eval(const jh_dataset *ds, const jh_standard *std,
                const jh_filter *filter, jh_result **out, jh_diags *diags)
{
	const jh_school_year **sel = NULL;
	jh_result *r = NULL;
	size_t nsel = 0, ucap = 0, ccap = 0, i, j;
	double *xs = NULL, *ps = NULL;
	size_t maxunits = 0;
	int errors = 0;
	jh_code rc = JH_OK;

	*out = NULL;
	if (!ds || !std)
		return JH_ERR_ARG;
	r = calloc(1, sizeof *r);
	sel = malloc((ds->nrows ? ds->nrows : 1) * sizeof *sel);
	if (!r || !sel) {
		rc = JH_ERR_NOMEM;
		goto fail;
	}
	r->standard = std;
	r->dataset = ds;
	for (i = 0; i < ds->nrows; i++) {
		const jh_school_year *sy = &ds->rows[i];
		if (filter && filter->county_code && *filter->county_code &&
		    strcmp(filter->county_code, sy->county_code))
			continue;
		if (filter && filter->year && filter->year != sy->year)
			continue;
		if (filter && filter->school_code && *filter->school_code &&
		    strcmp(filter->school_code, sy->school_code))
			continue;
		sel[nsel++] = sy;
	}
	if (!nsel) {
		rc = JH_ERR_NOTFOUND;
		goto fail;
	}
	qsort(sel, nsel, sizeof *sel, cmp_row);

	for (i = 0; i < nsel; i = j) {
		jh_county_result *cr;
		size_t first;

		for (j = i + 1; j < nsel && !strcmp(sel[j]->county_code,
		                                    sel[i]->county_code) &&
		                sel[j]->year == sel[i]->year; j++)
			;
		if (r->ncounties == ccap) {
			size_t c = ccap ? ccap * 2 : 16;
			jh_county_result *n = realloc(r->counties, c * sizeof *n);
			if (!n) {
				rc = JH_ERR_NOMEM;
				goto fail;
			}
			r->counties = n;
			ccap = c;
		}
		cr = &r->counties[r->ncounties];
		memset(cr, 0, sizeof *cr);
		memcpy(cr->county_code, sel[i]->county_code, sizeof cr->county_code);
		cr->year = sel[i]->year;
		first = r->nunits;
		cr->first_unit = first;

		/* Units, stage by stage, in school-code order. */
		for (int st = 0; st < JH_STAGE__COUNT; st++) {
			size_t stage_first = r->nunits;

			for (size_t k = i; k < j; k++) {
				const jh_school_year *sy = sel[k];
				unsigned has = jhTypeStages(sy->type);
				jh_unit *u;

				if (!(has & (st == JH_STAGE_PRIMARY ? JH_HAS_PRIMARY :
				                                      JH_HAS_JUNIOR)))
					continue;
				if ((rc = grow_units(r, &ucap, r->nunits + 1)))
					goto fail;
				u = &r->units[r->nunits++];
				memset(u, 0, sizeof *u);
				u->school = sy;
				u->stage = (jh_stage)st;
				u->county_index = r->ncounties;
				stage_resources(sy, (jh_stage)st, std, u);
				if (sy->type == JH_TYPE_TEACHING_POINT) {
					if (std->tp_policy == JH_TP_EXCLUDE)
						u->status = JH_UNIT_EXCLUDED_TP;
					else if (std->tp_policy == JH_TP_MERGE)
						u->status = JH_UNIT_MERGED;
					else if (!jh_at_least(std, u->students,
					                      std->tp_min_students))
						u->status = JH_UNIT_EXCLUDED_SMALL_TP;
				}
				if (u->status == JH_UNIT_EVALUATED && u->students <= 0)
					u->status = JH_UNIT_NO_STUDENTS;
			}
			/* Merge policy: a teaching point's students and resources
			 * join its central school's unit of the same stage. */
			if (std->tp_policy == JH_TP_MERGE && st == JH_STAGE_PRIMARY) {
				size_t n = r->nunits - stage_first;
				for (size_t k = stage_first; k < r->nunits; k++) {
					jh_unit *u = &r->units[k], *p;
					if (u->status != JH_UNIT_MERGED)
						continue;
					p = find_unit(&r->units[stage_first], n,
					              u->school->parent_code);
					if (!p || p->school->type == JH_TYPE_TEACHING_POINT) {
						jh_diags_add(diags, JH_P_NO_PARENT,
						             u->school->file, NULL,
						             u->school->line, 0, NULL,
						             *u->school->parent_code ?
						             u->school->parent_code : "-",
						             NULL);
						errors++;
						continue;
					}
					p->students += u->students;
					for (int ind = 0; ind < JH_IND__COUNT; ind++)
						p->resource[ind] += u->resource[ind];
					/* What a teaching point counted under a
					 * relaxation is now in its central school's
					 * figure. */
					p->relaxed |= u->relaxed;
					if (p->status == JH_UNIT_NO_STUDENTS &&
					    p->students > 0)
						p->status = JH_UNIT_EVALUATED;
				}
			}
			for (size_t k = stage_first; k < r->nunits; k++)
				unit_values(&r->units[k], std);
		}
		cr->nunits = r->nunits - first;
		if (cr->nunits > maxunits)
			maxunits = cr->nunits;
		r->ncounties++;
	}
	if (errors) {
		rc = JH_ERR_INPUT;
		goto fail;
	}

	xs = malloc((maxunits ? maxunits : 1) * sizeof *xs);
	ps = malloc((maxunits ? maxunits : 1) * sizeof *ps);
	if (!xs || !ps) {
		rc = JH_ERR_NOMEM;
		goto fail;
	}
	for (i = 0; i < r->ncounties; i++) {
		jh_county_result *cr = &r->counties[i];
		cr->passes = 1;
		for (int st = 0; st < JH_STAGE__COUNT; st++) {
			stage_stats(r, cr, (jh_stage)st, std, xs, ps);
			if (cr->stage[st].schools && !cr->stage[st].passes)
				cr->passes = 0;
		}
	}
	free(xs);
	free(ps);
	free(sel);
	*out = r;
	return JH_OK;
fail:
	free(xs);
	free(ps);
	free(sel);
	jh_result_free(r);
	return rc;
}

void jh_result_free(jh_result *r)
{
	if (!r)
		return;
	free(r->counties);
	free(r->units);
	free(r);
}

void jh_result_set_areas(jh_result *r, const jh_areas *a)
{
	r->areas = a;
}

const char *jh_result_county_name(const jh_result *r, size_t county)
{
	const jh_area *a;

	if (!r->areas || county >= r->ncounties)
		return NULL;
	a = jh_areas_find(r->areas, r->counties[county].county_code);
	return a && a->name && *a->name ? a->name : NULL;
}
