/*
** bench/plan.c — how long verdicts, gaps and county plans take for a
** province.
**
**   build/bench_plan [N [SECONDS]]   (default N = 30000 schools; make bench)
**
** Generates a province of N school rows (default 30,000, about Henan's
** size: 21,100 schools and 8,900 teaching points in some 170 counties of
** 100 to 260 rows each), with a third of the counties comfortably passing
** and the rest with schools under thresholds or floors and some widely
** spread indicators (coefficients over their limits).  The rows carry the
** optional columns the guarantee part reads (classes, rooms, funds), and
** every county gets county-year records with a passing value for every
** item (lib/items.c), monitoring and survey.  Then it times
**
**   eval      jh_eval                  the whole province
**   gaps      jh_gaps_schools          every failing school
**   verdicts  jh_verdict_county        every county, all four parts
**   JSON      jh_verdict_report        every verdict as JSON
**   plans     jh_plan_county           every failing county, one by one
**
** and prints counties a second and the verdicts (pass, fail, incomplete;
** the parts and items that fail), the plan times per county (min /
** median / max), the time of a typical county of about 150 schools, the
** total, and the plans' cost, proven lower bound and gap.  SECONDS is
** each plan's time limit (default 10).  Nothing is asserted about the
** times: this is a measuring tool.
**
** Deterministic: splitmix64 with a fixed seed.
*/
#include "junheng.h"
#include "benchutil.h"
#include "core/core_int.h"          /* jhItemKeys: every county-year item */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED 0x62656E63685F706Cull     /* "bench_pl" */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* --- generating the province ------------------------------------------ */

static jh_code gen_row(jh_dataset *ds, const jh_standard *std, uint64_t *r,
                       const struct profile *pr, size_t county, int k,
                       size_t code, size_t central)
{
	jh_school_year sy;
	char name[32];

	draw_province_school(r, std, pr, k, &sy);
	snprintf(sy.school_code, sizeof sy.school_code, "41%08zu", code);
	snprintf(sy.county_code, sizeof sy.county_code, "%06zu", 410100 + county);
	if (sy.type == JH_TYPE_TEACHING_POINT)
		snprintf(sy.parent_code, sizeof sy.parent_code, "41%08zu", central);
	sy.year = 2024;
	snprintf(name, sizeof name, "学校%zu", code);
	sy.school_name = name;
	sy.file = "bench";
	sy.line = (long)code + 2;
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

/* --- county-year records and verdicts ----------------------------------- */

static jh_code put_item(jh_county_items *items, const jh_county_result *cr,
                        const char *key, const char *value)
{
	jh_county_item it;
	char why[160];

	if (!value || jh_item_check(key, value, why, sizeof why)) {
		fprintf(stderr, "bench_plan: no good value for item %s: %s\n", key,
		        value ? why : "none given");
		return JH_ERR_ARG;
	}
	memset(&it, 0, sizeof it);
	memcpy(it.county_code, cr->county_code, sizeof it.county_code);
	it.year = cr->year;
	it.item = key;
	it.value = value;
	it.note = "";
	it.file = "bench";
	return jh_county_items_put(items, &it);
}

/* The records of one subject or group: key1 = v1 and key2 = v2, each
 * key a format of the subject's or group's key. */
static jh_code put_two(jh_county_items *items, const jh_county_result *cr,
                       const char *name, const char *key1, const char *v1,
                       const char *key2, const char *v2)
{
	char key[64];
	jh_code rc;

	snprintf(key, sizeof key, key1, name);
	if ((rc = put_item(items, cr, key, v1)))
		return rc;
	snprintf(key, sizeof key, key2, name);
	return put_item(items, cr, key, v2);
}

/* Every county's records: each item key of the standard (jhItemKeys),
 * national monitoring of the six subjects at level Ⅲ with a difference
 * rate of 0.10, and a survey of 200 answers per group, 186 of them
 * satisfied (93%). */
static jh_county_items *gen_records(const jh_result *res)
{
	jh_county_items *items = jh_county_items_new();

	if (!items)
		return NULL;
	for (size_t c = 0; c < res->ncounties; c++) {
		const jh_county_result *cr = &res->counties[c];
		jh_code rc = JH_OK;
		for (int i = 0; jhItemKeys[i].key && !rc; i++)
			rc = put_item(items, cr, jhItemKeys[i].key, item_value(&jhItemKeys[i]));
		for (int sj = 0; sj < JH_SUBJECTS && !rc; sj++)
			rc = put_two(items, cr, jhSubjects[sj][0], "monitoring_level.%s", "Ⅲ",
			             "monitoring_diff.%s", "0.10");
		for (int g = 0; g < JH_GROUPS && !rc; g++)
			rc = put_two(items, cr, jhGroups[g][0], "survey.%s.satisfied", "186",
			             "survey.%s.answers", "200");
		if (rc) {
			jh_county_items_free(items);
			return NULL;
		}
	}
	return items;
}

/* How the verdicts came out: counties per verdict, counties failing each
 * part, and the items (other than the schools' resource items) failing
 * in most counties. */
struct verdict_stats {
	size_t verdict[3];
	size_t part[6];
	struct { char id[64]; size_t n; } fail[32];
	size_t nfail;
};

static const char *const part_key[6] = {
	"prerequisite", "resource", "guarantee", "quality", "recognition", "veto",
};

static void count_verdict(struct verdict_stats *vs, const jh_verdict *v)
{
	int part[6] = {0};

	vs->verdict[v->verdict]++;
	for (size_t i = 0; i < v->count; i++) {
		const jh_verdict_item *it = &v->items[i];
		size_t k;
		if (it->status != JH_ITEM_FAIL)
			continue;
		for (int p = 0; p < 6; p++)
			part[p] |= !strcmp(it->part, part_key[p]);
		if (!strncmp(it->id, "resource.", 9))
			continue;
		for (k = 0; k < vs->nfail && strcmp(vs->fail[k].id, it->id); k++)
			;
		if (k == vs->nfail) {
			if (k == sizeof vs->fail / sizeof vs->fail[0])
				continue;
			snprintf(vs->fail[k].id, sizeof vs->fail[k].id, "%s", it->id);
			vs->nfail++;
		}
		vs->fail[k].n++;
	}
	for (int p = 0; p < 6; p++)
		vs->part[p] += (size_t)part[p];
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
	double limit = 10, t0, t_eval, t_gaps, t_verdicts, t_json, t_plans = 0;
	jh_standard std;
	jh_costs costs;
	jh_diags d = JH_DIAGS_INIT;
	jh_dataset *ds;
	jh_result *res = NULL;
	jh_addition *gaps = NULL;
	size_t nunreachable = 0;
	struct county_run *runs;
	double gaps_cost = 0;
	jh_county_items *items;
	jh_verdict *verdicts;
	struct verdict_stats vs;
	jh_buf json = JH_BUF_INIT;

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
	for (size_t k = 0; k < ngaps; k++) {
		gaps_cost += gaps[k].cost;
		nunreachable += gaps[k].unreachable;
	}

	/* The full verdict of every county (all four parts), then each as
	 * JSON, as `junheng verdict DB --year Y --format json` gives them. */
	t0 = now();
	if (!(items = gen_records(res))) {
		fprintf(stderr, "bench_plan: county-year records failed\n");
		return 1;
	}
	printf("county-year records: %zu for %zu counties, made in %.3f s\n",
	       items->count, res->ncounties, now() - t0);
	if (!(verdicts = calloc(res->ncounties, sizeof *verdicts)))
		return 1;
	t0 = now();
	for (size_t c = 0; c < res->ncounties; c++)
		if (jh_verdict_county(res, c, items, &verdicts[c], &d)) {
			fprintf(stderr, "bench_plan: verdict of county %s failed\n",
			        res->counties[c].county_code);
			return 1;
		}
	t_verdicts = now() - t0;
	t0 = now();
	jh_buf_adds(&json, "[\n");
	for (size_t c = 0; c < res->ncounties; c++) {
		if (c)
			jh_buf_adds(&json, ",\n");
		if (jh_verdict_report(&verdicts[c], JH_FMT_JSON, "en", &json)) {
			fprintf(stderr, "bench_plan: verdict JSON failed\n");
			return 1;
		}
	}
	jh_buf_adds(&json, "\n]\n");
	t_json = now() - t0;
	memset(&vs, 0, sizeof vs);
	for (size_t c = 0; c < res->ncounties; c++) {
		count_verdict(&vs, &verdicts[c]);
		jh_verdict_free(&verdicts[c]);
	}
	free(verdicts);

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
	printf("%-34s %10.3f   (%zu failing schools, %zu of them unreachable, "
	       "%.1f M yuan)\n", "gaps (jh_gaps_schools, all)", t_gaps, ngaps,
	       nunreachable, gaps_cost / 1e6);
	printf("%-34s %10.3f   (%zu counties, %.0f a second: %zu pass, %zu fail, "
	       "%zu incomplete)\n", "verdicts (jh_verdict_county, all)", t_verdicts,
	       res->ncounties, (double)res->ncounties / t_verdicts,
	       vs.verdict[JH_VERDICT_PASS], vs.verdict[JH_VERDICT_FAIL],
	       vs.verdict[JH_VERDICT_INCOMPLETE]);
	printf("%-34s %10.3f   (%zu counties, %.0f a second, %.1f MB)\n",
	       "verdict JSON (jh_verdict_report)", t_json, res->ncounties,
	       (double)res->ncounties / t_json, (double)json.len / 1048576.0);
	printf("%-34s %10.3f   (%zu of %zu counties fail)\n",
	       "plans (jh_plan_county, failing)", t_plans, nfail, res->ncounties);

	printf("\nVerdicts (every county-year record given, each value passing):\n");
	printf("  counties failing a part       ");
	for (int p = 0; p < 6; p++)
		printf("%s%s %zu", p ? ", " : "", part_key[p], vs.part[p]);
	printf("\n  failing items (not resource)  ");
	for (size_t k = 0; k < vs.nfail; k++)
		printf("%s%s in %zu", k ? ", " : "", vs.fail[k].id, vs.fail[k].n);
	printf("%s\n", vs.nfail ? "" : "none");

	if (nrun) {
		double *sec = malloc(nrun * sizeof *sec), *gap = malloc(nrun * sizeof *gap);
		double cost = 0, lb = 0, maxgap = 0, typical = -1;
		size_t best = 0, unsolved = 0, with_cv = 0, ng = 0, why[4] = {0};
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
				why[c->plan.status & 3]++;
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
		printf("  solved                        %zu of %zu", nrun - unsolved, nrun);
		if (unsolved)
			printf(" (no plan: %zu infeasible, %zu time limit, %zu solver failed)",
			       why[JH_PLAN_INFEASIBLE], why[JH_PLAN_TIME_LIMIT],
			       why[JH_PLAN_SOLVER_FAILED]);
		printf("\n");
		if (ng) {
			printf("  cost of all plans             %.1f M yuan (gaps alone: %.1f M)\n",
			       cost / 1e6, gaps_cost / 1e6);
			printf("  proven lower bound            %.1f M yuan\n", lb / 1e6);
			printf("  gap median / 90%% / max        %.2e / %.2e / %.2e\n",
			       gap[ng / 2], gap[(size_t)(0.9 * (double)(ng - 1))], maxgap);
		}
		printf("\nTotal: eval + gaps + verdicts + JSON + plans = %.3f s\n",
		       t_eval + t_gaps + t_verdicts + t_json + t_plans);
		free(sec);
		free(gap);
	}
	for (size_t k = 0; k < nrun; k++)
		jh_plan_free(&runs[k].plan);
	free(runs);
	free(gaps);
	jh_buf_free(&json);
	jh_county_items_free(items);
	jh_result_free(res);
	jh_dataset_free(ds);
	jh_diags_free(&d);
	return 0;
}
