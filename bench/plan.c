/*
** bench/plan.c — how long gaps and county plans take for a province.
**
**   build/bench_plan [N [SECONDS]]   (default N = 30000 schools; make bench)
**
** Generates a province of N school rows (default 30,000, about Henan's
** size: 21,100 schools and 8,900 teaching points in some 170 counties of
** 100 to 260 rows each), with a third of the counties comfortably passing
** and the rest with schools under thresholds or floors and some widely
** spread indicators (coefficients over their limits).  Then it times
**
**   eval    jh_eval                  the whole province
**   gaps    jh_gaps_schools          every failing school
**   plans   jh_plan_county           every failing county, one by one
**
** and prints the plan times per county (min / median / max), the time of
** a typical county of about 150 schools, the total, and the plans' cost,
** proven lower bound and gap.  SECONDS is each plan's time limit (default
** 10).  Nothing is asserted about the times: this is a measuring tool.
**
** Deterministic: splitmix64 with a fixed seed.
*/
#include "junheng.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SEED 0x62656E63685F706Cull     /* "bench_pl" */

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static double uniform(uint64_t *s, double lo, double hi)
{
	return lo + (hi - lo) * (double)(splitmix64(s) >> 11) * 0x1.0p-53;
}

static int uniform_int(uint64_t *s, int lo, int hi)
{
	return lo + (int)(splitmix64(s) % (uint64_t)(hi - lo + 1));
}

/* Standard normal, clipped to ±2.5 (Box–Muller). */
static double normal(uint64_t *s)
{
	double u = uniform(s, 1e-12, 1), v = uniform(s, 0, 1);
	double z = sqrt(-2 * log(u)) * cos(2 * M_PI * v);

	return z < -2.5 ? -2.5 : z > 2.5 ? 2.5 : z;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* --- generating the province ------------------------------------------ */

/* A county's profile: per indicator a mean level (× threshold) and a
 * spread (≈ the coefficient it will have). */
struct profile {
	double level[JH_IND__COUNT];
	double spread[JH_IND__COUNT];
};

static void draw_profile(uint64_t *r, int good, struct profile *pr)
{
	for (int i = 0; i < JH_IND__COUNT; i++) {
		pr->level[i] = good ? uniform(r, 1.4, 1.8) : uniform(r, 1.2, 1.5);
		pr->spread[i] = good ? uniform(r, 0.04, 0.10) : uniform(r, 0.06, 0.16);
	}
	/* Half the others have one widely spread indicator: a coefficient
	 * a little over its limit. */
	if (!good && uniform_int(r, 0, 1))
		pr->spread[uniform_int(r, 0, JH_IND__COUNT - 1)] = uniform(r, 0.40, 0.52);
}

static double level_of(uint64_t *r, const struct profile *pr, int i)
{
	double l = pr->level[i] * exp(pr->spread[i] * normal(r) -
	                              pr->spread[i] * pr->spread[i] / 2);

	return l < 0.6 ? 0.6 : l;
}

static jh_school_type draw_type(uint64_t *r, int k)
{
	int x;

	if (k == 0)
		return JH_TYPE_PRIMARY;           /* the central school */
	x = uniform_int(r, 0, 999);
	if (x < 297)
		return JH_TYPE_TEACHING_POINT;    /* 8,900 of 30,000 */
	if (x < 297 + 450)
		return JH_TYPE_PRIMARY;
	if (x < 297 + 450 + 160)
		return JH_TYPE_JUNIOR;
	if (x < 297 + 450 + 160 + 60)
		return JH_TYPE_NINE_YEAR;
	if (x < 297 + 450 + 160 + 60 + 25)
		return JH_TYPE_COMPLETE_MIDDLE;
	return JH_TYPE_TWELVE_YEAR;
}

static jh_code gen_row(jh_dataset *ds, const jh_standard *std, uint64_t *r,
                       const struct profile *pr, size_t county, int k,
                       size_t code, size_t central)
{
	static const jh_field teacher[3][2] = {
		{JH_F_QUALIFIED_PRIMARY, JH_F_QUALIFIED_JUNIOR},
		{JH_F_KEY_PRIMARY, JH_F_KEY_JUNIOR},
		{JH_F_PE_ART_PRIMARY, JH_F_PE_ART_JUNIOR},
	};
	static const jh_field shared[4] = {JH_F_TEACHING_AREA, JH_F_SPORTS_AREA,
	                                   JH_F_EQUIPMENT_VALUE, JH_F_MULTIMEDIA_ROOMS};
	jh_school_year sy;
	double s[3] = {0, 0, 0}, w;
	char name[32];

	memset(&sy, 0, sizeof sy);
	for (int f = JH_F__REQUIRED; f < JH_F__COUNT; f++)
		sy.v[f] = NAN;
	sy.type = draw_type(r, k);
	switch (sy.type) {
	case JH_TYPE_PRIMARY:
		s[0] = uniform_int(r, 80, 2400);
		break;
	case JH_TYPE_TEACHING_POINT:
		s[0] = uniform_int(r, 5, 120);
		break;
	case JH_TYPE_JUNIOR:
		s[1] = uniform_int(r, 300, 2000);
		break;
	case JH_TYPE_NINE_YEAR:
		s[0] = uniform_int(r, 300, 1300);
		s[1] = uniform_int(r, 150, 700);
		break;
	case JH_TYPE_TWELVE_YEAR:
		s[0] = uniform_int(r, 400, 900);
		s[1] = uniform_int(r, 400, 800);
		s[2] = uniform_int(r, 400, 1000);
		break;
	default:   /* complete middle school */
		s[1] = uniform_int(r, 600, 1600);
		s[2] = uniform_int(r, 900, 2400);
		break;
	}
	snprintf(sy.school_code, sizeof sy.school_code, "41%08zu", code);
	snprintf(sy.county_code, sizeof sy.county_code, "%06zu", 410100 + county);
	if (sy.type == JH_TYPE_TEACHING_POINT)
		snprintf(sy.parent_code, sizeof sy.parent_code, "41%08zu", central);
	sy.year = 2024;
	sy.location = JH_LOC_RURAL;
	sy.boarding = -1;
	snprintf(name, sizeof name, "学校%zu", code);
	sy.school_name = name;
	sy.file = "bench";
	sy.line = (long)code + 2;
	sy.v[JH_F_STUDENTS_PRIMARY] = s[0];
	sy.v[JH_F_STUDENTS_JUNIOR] = s[1];
	sy.v[JH_F_STUDENTS_SENIOR] = s[2];
	/* Teachers per stage: whole numbers around level × threshold. */
	for (int st = 0; st < 2; st++) {
		double most = 0;
		if (s[st] <= 0)
			continue;
		for (int i = 0; i < 3; i++) {
			double t = floor(level_of(r, pr, i) * std->threshold[st][i] *
			                 s[st] / 100 + 0.5);
			sy.v[teacher[i][st]] = t;
			most = t > most ? t : most;
		}
		sy.v[st ? JH_F_TEACHERS_JUNIOR : JH_F_TEACHERS_PRIMARY] =
			floor(most + s[st] * uniform(r, 0.01, 0.03));
	}
	/* Shared resources: enough for the stage needing most per weighted
	 * pupil, times a level. */
	w = std->stage_weight[0] * s[0] + std->stage_weight[1] * s[1] +
	    std->stage_weight[2] * s[2];
	for (int j = 0; j < 4; j++) {
		int i = JH_IND_TEACHING_AREA + j;
		double per = 0, v;
		for (int st = 0; st < 2; st++)
			if (s[st] > 0 && std->threshold[st][i] / std->stage_weight[st] > per)
				per = std->threshold[st][i] / std->stage_weight[st];
		v = level_of(r, pr, i) * per * w;
		if (i == JH_IND_MULTIMEDIA)
			v = floor(v / 100 + 0.5);
		else
			v = floor(v + 0.5);
		sy.v[shared[j]] = v;
	}
	return jh_dataset_add(ds, &sy);
}

static jh_dataset *gen_province(size_t rows, const jh_standard *std,
                                size_t *ncounties)
{
	jh_dataset *ds = jh_dataset_new();
	uint64_t r = SEED;
	size_t code = 0, county = 0;

	if (!ds)
		return NULL;
	while (code < rows) {
		int n = uniform_int(&r, 100, 260);
		size_t central = code;
		struct profile pr;
		draw_profile(&r, uniform_int(&r, 0, 1) == 0, &pr);
		for (int k = 0; k < n && code < rows; k++, code++)
			if (gen_row(ds, std, &r, &pr, county, k, code, central)) {
				jh_dataset_free(ds);
				return NULL;
			}
		county++;
	}
	*ncounties = county;
	return ds;
}

/* --- main --------------------------------------------------------------- */

struct county_run {
	size_t county;
	size_t schools;         /* evaluated units */
	int cv_fails;
	double sec;
	jh_plan plan;
};

int main(int argc, char **argv)
{
	size_t n = 30000, ncounties = 0, nfail = 0, ngaps = 0, nrun = 0;
	double limit = 10, t0, t_eval, t_gaps, t_plans = 0;
	jh_standard std;
	jh_costs costs;
	jh_diags d = JH_DIAGS_INIT;
	jh_dataset *ds;
	jh_result *res = NULL;
	jh_addition *gaps = NULL;
	struct county_run *runs;
	double gaps_cost = 0;

	if (argc > 3 || (argc >= 2 && (n = strtoul(argv[1], NULL, 10)) < 10) ||
	    (argc == 3 && !((limit = atof(argv[2])) > 0))) {
		fprintf(stderr, "usage: bench_plan [N [SECONDS]]   (N >= 10 school rows)\n");
		return 2;
	}
	if (jh_standard_national(&std, &d) || jh_costs_default(&costs, &d)) {
		fprintf(stderr, "bench_plan: no built-in standard or costs\n");
		return 1;
	}
	t0 = now();
	if (!(ds = gen_province(n, &std, &ncounties))) {
		fprintf(stderr, "bench_plan: out of memory\n");
		return 1;
	}
	printf("bench_plan: %zu school rows in %zu counties, generated in %.3f s\n",
	       ds->nrows, ncounties, now() - t0);

	t0 = now();
	if (jh_eval(ds, &std, NULL, &res, &d)) {
		fprintf(stderr, "bench_plan: eval failed\n");
		return 1;
	}
	t_eval = now() - t0;

	t0 = now();
	if (jh_gaps_schools(res, &costs, &gaps, &ngaps, &d)) {
		fprintf(stderr, "bench_plan: gaps failed\n");
		return 1;
	}
	t_gaps = now() - t0;
	for (size_t k = 0; k < ngaps; k++)
		gaps_cost += gaps[k].cost;

	runs = calloc(res->ncounties, sizeof *runs);
	if (!runs)
		return 1;
	for (size_t c = 0; c < res->ncounties; c++) {
		const jh_county_result *cr = &res->counties[c];
		struct county_run *cr_run;
		jh_plan_options opt = {limit, 0};
		if (cr->passes)
			continue;
		nfail++;
		cr_run = &runs[nrun++];
		cr_run->county = c;
		for (int st = 0; st < JH_STAGE__COUNT; st++) {
			cr_run->schools += cr->stage[st].schools;
			cr_run->cv_fails += cr->stage[st].schools && !cr->stage[st].all_cv_pass;
		}
		t0 = now();
		if (jh_plan_county(res, c, &costs, &opt, &cr_run->plan, &d)) {
			fprintf(stderr, "bench_plan: plan of county %s failed\n",
			        cr->county_code);
			return 1;
		}
		cr_run->sec = now() - t0;
		t_plans += cr_run->sec;
	}

	printf("\n%-34s %10s\n", "phase", "seconds");
	printf("%-34s %10.3f\n", "eval (jh_eval, whole province)", t_eval);
	printf("%-34s %10.3f   (%zu failing schools, %.1f M yuan)\n",
	       "gaps (jh_gaps_schools, all)", t_gaps, ngaps, gaps_cost / 1e6);
	printf("%-34s %10.3f   (%zu of %zu counties fail)\n",
	       "plans (jh_plan_county, failing)", t_plans, nfail, res->ncounties);

	if (nrun) {
		double *sec = malloc(nrun * sizeof *sec), *gap = malloc(nrun * sizeof *gap);
		double cost = 0, lb = 0, maxgap = 0, typical = -1;
		size_t best = 0, unsolved = 0, with_cv = 0, ng = 0;
		long iters = 0;
		int maxit = 0;
		for (size_t k = 0; k < nrun; k++) {
			const struct county_run *c = &runs[k];
			sec[k] = c->sec;
			iters += c->plan.iterations;
			if (c->plan.iterations > maxit)
				maxit = c->plan.iterations;
			with_cv += c->cv_fails > 0;
			if (!c->plan.solved) {
				unsolved++;
				continue;
			}
			cost += c->plan.cost;
			lb += c->plan.lower_bound;
			gap[ng++] = c->plan.gap;
			if (c->plan.gap > maxgap)
				maxgap = c->plan.gap;
			if (labs((long)c->schools - 150) < labs((long)runs[best].schools - 150))
				best = k;
		}
		typical = runs[best].sec;
		qsort(sec, nrun, sizeof *sec, cmp_double);
		qsort(gap, ng, sizeof *gap, cmp_double);
		printf("\nPlans per failing county (time limit %.0f s each; %zu with a "
		       "coefficient over its limit):\n", limit, with_cv);
		printf("  time min / median / max      %.3f / %.3f / %.3f s\n",
		       sec[0], sec[nrun / 2], sec[nrun - 1]);
		printf("  typical county (%s, %zu evaluated schools, %s): %.3f s,"
		       " %d rounds, gap %.2e\n",
		       res->counties[runs[best].county].county_code, runs[best].schools,
		       runs[best].cv_fails ? "coefficient over its limit" : "coefficients within",
		       typical, runs[best].plan.iterations, runs[best].plan.gap);
		{
			/* Counties of about 150 schools, and those with a
			 * coefficient over its limit (the MILPs with cones). */
			double t150[256], tcv[256], hit = 0;
			size_t n150 = 0, ncv = 0;
			for (size_t k = 0; k < nrun; k++) {
				const struct county_run *c = &runs[k];
				if (c->schools >= 130 && c->schools <= 170 && n150 < 256)
					t150[n150++] = c->sec;
				if (c->cv_fails && ncv < 256)
					tcv[ncv++] = c->sec;
				hit += c->sec >= 0.9 * limit;
			}
			qsort(t150, n150, sizeof *t150, cmp_double);
			qsort(tcv, ncv, sizeof *tcv, cmp_double);
			if (n150)
				printf("  130-170 schools (%zu counties) median / max  %.3f / %.3f s\n",
				       n150, t150[n150 / 2], t150[n150 - 1]);
			if (ncv)
				printf("  coefficient over limit (%zu) median / max    %.3f / %.3f s\n",
				       ncv, tcv[ncv / 2], tcv[ncv - 1]);
			printf("  stopped by the time limit     %.0f\n", hit);
		}
		printf("  cutting-plane rounds          mean %.1f, max %d\n",
		       (double)iters / (double)nrun, maxit);
		printf("  solved                        %zu of %zu\n", nrun - unsolved, nrun);
		if (ng) {
			printf("  cost of all plans             %.1f M yuan (gaps alone: %.1f M)\n",
			       cost / 1e6, gaps_cost / 1e6);
			printf("  proven lower bound            %.1f M yuan\n", lb / 1e6);
			printf("  gap median / 90%% / max        %.2e / %.2e / %.2e\n",
			       gap[ng / 2], gap[(size_t)(0.9 * (double)(ng - 1))], maxgap);
		}
		printf("\nTotal: eval + gaps + plans = %.3f s\n", t_eval + t_gaps + t_plans);
		free(sec);
		free(gap);
	}
	for (size_t k = 0; k < nrun; k++)
		jh_plan_free(&runs[k].plan);
	free(runs);
	free(gaps);
	jh_result_free(res);
	jh_dataset_free(ds);
	jh_diags_free(&d);
	return 0;
}
