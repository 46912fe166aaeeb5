/*
** test_relax_eval.c — the provincial relaxations that add to an
** indicator's numerator in the evaluation (issue 14, part B):
**
**   relax.small_rural_teachers  a 乡村小规模学校 whose stage has 50–99
**                               pupils counts its 交流轮岗、兼职、走教 PE
**                               and art teachers in indicator 3;
**   relax.dense_central_sports  a 中心城区人口密集学校 adds its rooftop and
**                               underground areas and leased venues to
**                               indicator 5, before a multi-stage split.
**
** Each is judged with the rule off (the national standard) and on (a local
** standards text: base = national-2017, relax.KEY = on), on the same rows.
** The figures are worked out by hand from the national thresholds
** (reference §1: primary PE/art 0.9 per 100 pupils, sports 7.5 m²; junior
** sports 10.2 m²; floors at 85%: 0.765, 6.375 and 8.67; split weights
** 1 : 1.1, reference §3) and the default costs (sports m² 800 yuan).  The
** gaps and plans of lib/plan are checked against the relaxed figures: their
** additions, applied and re-evaluated under the same standard, pass.
*/
#include "testutil.h"

#define HDR TEST_TEMPLATE_HEADER ",rural_small,rotating_pe_art_teachers_primary," \
	"rotating_pe_art_teachers_junior,dense_central,rooftop_underground_sports_m2," \
	"leased_sports_area_m2\n"

/* Primary schools of N pupils, rural_small R, 1 rotating PE/art teacher
 * (ROT), no full-time PE/art teacher; every other indicator met:
 *   SMALL (49–60 pupils): 3 qualified, 1 key, 300 m², 600 m², 150,000
 *     yuan, 2 rooms — at 60 pupils 5, 1.67, 5, 10, 2,500, 3.33; at 49
 *     6.12, 2.04, 6.12, 12.24, 3,061, 4.08; at 50 6, 2, 6, 12, 3,000, 4;
 *   BIG (99–100 pupils): 5 qualified, 1 key, 500 m², 800 m², 210,000
 *     yuan, 3 rooms — at 100 5, 1, 5, 8, 2,100, 3; at 99 5.05, 1.01,
 *     5.05, 8.08, 2,121, 3.03. */
#define SMALL(code, n, r, rot) code ",村小" code ",110101,2024,primary,," n ",0,0," \
	"3,0,1,0,0,0,6,0,300,600,150000,2," r "," rot ",,,,\n"
#define BIG(code, n, r, rot) code ",村小" code ",110101,2024,primary,," n ",0,0," \
	"5,0,1,0,0,0,8,0,500,800,210000,3," r "," rot ",,,,\n"

static const char *const TEACHERS_CSV =
	HDR
	SMALL("1101010060", "60", "是", "1")
	SMALL("1101010049", "49", "是", "1")
	SMALL("1101010050", "50", "是", "1")
	BIG("1101010099", "99", "是", "1")
	BIG("1101010100", "100", "是", "1")
	SMALL("1101010061", "60", "否", "1")     /* not a rural small school */
	SMALL("1101010062", "60", "", "1")       /* not said */
	SMALL("1101010063", "60", "是", "0")     /* no rotating teacher */
	/* A nine-year rural small school: 60 primary and 40 junior pupils,
	 * one rotating PE/art teacher in each stage, none full-time.  Only
	 * the primary stage is within 50–99. */
	"1101010090,九年制村校,110101,2024,nine_year,,60,40,0,"
	"3,3,1,1,0,0,6,6,600,1200,300000,4,是,1,1,,,\n";

/* Dense central-city schools; every indicator but sports met:
 *   D1 primary, 1000 pupils: 50 qualified (5 per 100), 15 key (1.5), 10
 *     PE/art (1), 5000 m² teaching (5), 5000 m² sports (5), 2,100,000
 *     yuan (2,100), 30 rooms (3); rooftop 1200 m², leased 1800 m²;
 *   D2 the same with rooftop 500, leased 0;
 *   D0 the same as D1, but not a dense central-city school;
 *   D9 nine-year, 1000 primary and 500 junior pupils: primary 50, 15, 10
 *     teachers (5, 1.5, 1 per 100), junior 30, 10, 5 (6, 2, 1); shared
 *     9000 m² teaching, 6000 m² sports, 4,000,000 yuan, 40 rooms;
 *     rooftop 1000, leased 2000.  Primary share 1000 / (1000 + 1.1 × 500)
 *     = 1000/1550, junior 550/1550: teaching 9000/1550 = 5.81 ≥ 4.5 and
 *     9900/1550 = 6.39 ≥ 5.8; equipment 4,000,000/1550 = 2,581 ≥ 2,000 and
 *     4,400,000/1550 = 2,839 ≥ 2,500; rooms 40 × 100/1550 = 2.58 ≥ 2.3
 *     and 40 × 110/1550 = 2.84 ≥ 2.4. */
#define DENSE_IN(county, code, sports, d, roof, lease) code ",城区小学" code "," county \
	",2024,primary,,1000,0,0,50,0,15,0,10,0,80,0,5000," sports ",2100000,30,,,," \
	d "," roof "," lease "\n"
#define DENSE(code, d, roof, lease) DENSE_IN("110102", code, "5000", d, roof, lease)
static const char *const SPORTS_CSV =
	HDR
	DENSE("1101020001", "是", "1200", "1800")
	DENSE("1101020002", "是", "500", "0")
	DENSE("1101020000", "否", "1200", "1800")
	"1101020009,城区九年制,110102,2024,nine_year,,1000,500,0,"
	"50,30,15,10,10,5,80,50,9000,6000,4000000,40,,,,是,1000,2000\n";

struct fx {
	jh_dataset *ds;
	jh_standard std;
	jh_result *res;
	jh_diags diags;
};

/* Load csv and evaluate it under the national standard (local NULL) or
 * the local standards text. */
static void load(struct fx *f, const char *csv, const char *local)
{
	memset(f, 0, sizeof *f);
	if (local) {
		if (jh_standard_parse(local, strlen(local), "local.std", NULL,
		                      &f->std, &f->diags) != JH_OK) {
			jh_buf b = JH_BUF_INIT;
			jh_diags_format(&f->diags, "en", &b);
			fail_msg("standard refused: %s", b.data ? b.data : "?");
		}
	} else {
		assert_int_equal(jh_standard_national(&f->std, &f->diags), JH_OK);
	}
	f->ds = jh_dataset_new();
	assert_non_null(f->ds);
	test_load_csv(f->ds, csv, &f->diags);
	assert_int_equal(jh_eval(f->ds, &f->std, NULL, &f->res, &f->diags), JH_OK);
}

static void done(struct fx *f)
{
	jh_result_free(f->res);
	jh_dataset_free(f->ds);
	jh_diags_free(&f->diags);
}

static char *render(const jh_result *r, jh_format fmt, const char *lang);

static const jh_unit *unit(const jh_result *r, const char *code, jh_stage st)
{
	for (size_t k = 0; k < r->nunits; k++)
		if (!strcmp(r->units[k].school->school_code, code) &&
		    r->units[k].stage == st)
			return &r->units[k];
	fail_msg("no unit %s", code);
	return NULL;
}

/* A unit judged on indicator i: value v; met, below its floor, passes;
 * the relaxations named. */
static void expect_unit(const jh_unit *u, int i, double v, int met, int below,
                        int passes, unsigned relaxed)
{
	assert_near(u->value[i], v, 1e-12);
	assert_int_equal(u->met, met);
	assert_int_equal(u->below_floor, below);
	assert_int_equal(u->passes, passes);
	assert_int_equal(u->relaxed, relaxed);
}

#define TEACHERS_ON "base = national-2017\nid = t\nrelax.small_rural_teachers = on\n"
#define SPORTS_ON "base = national-2017\nid = t\nrelax.dense_central_sports = on\n"

/* --- relax.small_rural_teachers ------------------------------------------ */

/* Off (national): 1101010060 has no full-time PE/art teacher: 0 per 100,
 * under the floor 0.9 × 0.85 = 0.765, so it fails the school rule with
 * 6 of 7 met and 1 under its floor; its rotating teacher is not counted.
 * On: (0 + 1) / 60 × 100 = 1.6667 per 100 ≥ 0.9: 7 of 7, it passes.
 * 50 and 99 pupils are within 50–99: 1/50 × 100 = 2 and 1/99 × 100 =
 * 1.0101, both ≥ 0.9 and passing; 49 and 100 are not: still 0. */
static void test_small_teachers(void **state)
{
	(void)state;
	struct fx off, on;
	const jh_unit *u;

	load(&off, TEACHERS_CSV, NULL);
	load(&on, TEACHERS_CSV, TEACHERS_ON);
	assert_int_equal(off.std.relax_small_teachers, 0);
	assert_int_equal(on.std.relax_small_teachers, 1);

	expect_unit(unit(off.res, "1101010060", JH_STAGE_PRIMARY), JH_IND_PE_ART,
	            0, 6, 1, 0, 0);
	u = unit(on.res, "1101010060", JH_STAGE_PRIMARY);
	assert_near(u->resource[JH_IND_PE_ART], 1, 0);
	expect_unit(u, JH_IND_PE_ART, 100.0 / 60, 7, 0, 1,      /* 1.6667 */
	            JH_RELAX_SMALL_TEACHERS);

	/* The bounds, both counted. */
	u = unit(on.res, "1101010050", JH_STAGE_PRIMARY);
	assert_near(u->value[JH_IND_PE_ART], 2, 1e-12);
	assert_true(u->passes);
	assert_int_equal(u->relaxed, JH_RELAX_SMALL_TEACHERS);
	u = unit(on.res, "1101010099", JH_STAGE_PRIMARY);
	assert_near(u->value[JH_IND_PE_ART], 100.0 / 99, 1e-12); /* 1.0101 */
	assert_true(u->passes);
	assert_int_equal(u->relaxed, JH_RELAX_SMALL_TEACHERS);
	u = unit(off.res, "1101010099", JH_STAGE_PRIMARY);
	assert_near(u->value[JH_IND_PE_ART], 0, 0);
	assert_false(u->passes);

	/* Outside 50–99, not a rural small school, not said, none to count:
	 * 0 per 100 and failing, on as off, nothing named. */
	static const char *const not_counted[] = {"1101010049", "1101010100",
	                                          "1101010061", "1101010062",
	                                          "1101010063"};
	for (size_t k = 0; k < sizeof not_counted / sizeof *not_counted; k++) {
		u = unit(on.res, not_counted[k], JH_STAGE_PRIMARY);
		assert_near(u->value[JH_IND_PE_ART], 0, 0);
		assert_false(u->passes);
		assert_int_equal(u->relaxed, 0);
	}

	/* The nine-year school: its primary stage (60) counts its rotating
	 * teacher, 1/60 × 100 = 1.6667; its junior stage (40 < 50) does not:
	 * 0.  Teachers are not split, so nothing else moves. */
	u = unit(on.res, "1101010090", JH_STAGE_PRIMARY);
	assert_near(u->value[JH_IND_PE_ART], 100.0 / 60, 1e-12);
	assert_int_equal(u->relaxed, JH_RELAX_SMALL_TEACHERS);
	u = unit(on.res, "1101010090", JH_STAGE_JUNIOR);
	assert_near(u->value[JH_IND_PE_ART], 0, 0);
	assert_int_equal(u->relaxed, 0);

	/* The county's primary mean follows the units: off, every primary
	 * unit has 0 PE/art teachers, so the mean is 0; on, the four counted
	 * (60 + 50 + 99 + 60 pupils, one teacher each) give
	 * Σ p·x / Σ p = 4 × 100 / (60 + 49 + 50 + 99 + 100 + 3 × 60 + 60)
	 * = 400 / 598 = 0.66890 per 100. */
	assert_near(off.res->counties[0].stage[JH_STAGE_PRIMARY].mean[JH_IND_PE_ART], 0, 0);
	assert_near(on.res->counties[0].stage[JH_STAGE_PRIMARY].mean[JH_IND_PE_ART],
	            400.0 / 598, 1e-12);
	done(&off);
	done(&on);
}

/* The bounds are data: a local file may narrow them (min rises to 55,
 * max falls to 80); then 50 and 99 are outside and not counted, 60 still
 * is (1/60 × 100 = 1.6667). */
static void test_small_teachers_bounds(void **state)
{
	(void)state;
	struct fx f;

	load(&f, TEACHERS_CSV, TEACHERS_ON
	     "relax.small_rural_teachers.students_min = 55\n"
	     "relax.small_rural_teachers.students_max = 80\n");
	assert_near(unit(f.res, "1101010050", JH_STAGE_PRIMARY)->value[JH_IND_PE_ART], 0, 0);
	assert_near(unit(f.res, "1101010099", JH_STAGE_PRIMARY)->value[JH_IND_PE_ART], 0, 0);
	assert_int_equal(unit(f.res, "1101010050", JH_STAGE_PRIMARY)->relaxed, 0);
	assert_near(unit(f.res, "1101010060", JH_STAGE_PRIMARY)->value[JH_IND_PE_ART],
	            100.0 / 60, 1e-12);
	done(&f);
}

/* --- relax.dense_central_sports ------------------------------------------ */

/* D1 off: 5000 / 1000 = 5 m², under the floor 7.5 × 0.85 = 6.375: fails
 * (6 met, 1 under its floor).  On: (5000 + 1200 + 1800) / 1000 = 8 ≥ 7.5:
 * passes 7 of 7.  D2 on: (5000 + 500 + 0) / 1000 = 5.5, still under its
 * floor.  D0 (not dense) on: 5, nothing counted.
 * D9, split before: off, primary 6000 × (1000/1550) / 1000 = 6000/1550 =
 * 3.870968, junior 6000 × (550/1550) / 500 = 6600/1550 = 4.258065; on,
 * the area is 6000 + 1000 + 2000 = 9000: primary 9000/1550 = 5.806452,
 * junior 9900/1550 = 6.387097.  Every other indicator is the same. */
static void test_dense_sports(void **state)
{
	(void)state;
	struct fx off, on;
	const jh_unit *u, *v;

	load(&off, SPORTS_CSV, NULL);
	load(&on, SPORTS_CSV, SPORTS_ON);

	expect_unit(unit(off.res, "1101020001", JH_STAGE_PRIMARY),
	            JH_IND_SPORTS_AREA, 5, 6, 1, 0, 0);
	expect_unit(unit(on.res, "1101020001", JH_STAGE_PRIMARY),
	            JH_IND_SPORTS_AREA, 8, 7, 0, 1, JH_RELAX_DENSE_SPORTS);
	expect_unit(unit(on.res, "1101020002", JH_STAGE_PRIMARY),
	            JH_IND_SPORTS_AREA, 5.5, 6, 1, 0, JH_RELAX_DENSE_SPORTS);

	u = unit(on.res, "1101020000", JH_STAGE_PRIMARY);
	assert_near(u->value[JH_IND_SPORTS_AREA], 5, 0);
	assert_int_equal(u->relaxed, 0);

	u = unit(off.res, "1101020009", JH_STAGE_PRIMARY);
	v = unit(off.res, "1101020009", JH_STAGE_JUNIOR);
	assert_near(u->value[JH_IND_SPORTS_AREA], 6000.0 / 1550, 1e-12);
	assert_near(v->value[JH_IND_SPORTS_AREA], 6600.0 / 1550, 1e-12);
	u = unit(on.res, "1101020009", JH_STAGE_PRIMARY);
	v = unit(on.res, "1101020009", JH_STAGE_JUNIOR);
	assert_near(u->value[JH_IND_SPORTS_AREA], 9000.0 / 1550, 1e-12);
	assert_near(v->value[JH_IND_SPORTS_AREA], 9900.0 / 1550, 1e-12);
	assert_int_equal(u->relaxed, JH_RELAX_DENSE_SPORTS);
	assert_int_equal(v->relaxed, JH_RELAX_DENSE_SPORTS);
	/* Its teaching area is not touched: 9000/1550 both ways. */
	assert_near(u->value[JH_IND_TEACHING_AREA], 9000.0 / 1550, 1e-12);

	/* The other rule is off in each file: the teachers' rule changes
	 * nothing here, nor the sports rule there. */
	assert_int_equal(on.std.relax_small_teachers, 0);
	done(&off);
	done(&on);
}

/* Both relaxations at once switch on independently: the teachers' rows
 * under a file with both on give the same units as under the teachers'
 * file alone (no school there is dense). */
static void test_both_on(void **state)
{
	(void)state;
	struct fx a, b;

	load(&a, TEACHERS_CSV, TEACHERS_ON);
	load(&b, TEACHERS_CSV, TEACHERS_ON "relax.dense_central_sports = on\n");
	assert_int_equal(a.res->nunits, b.res->nunits);
	for (size_t k = 0; k < a.res->nunits; k++) {
		assert_int_equal(a.res->units[k].relaxed, b.res->units[k].relaxed);
		for (int i = 0; i < JH_IND__COUNT; i++)
			assert_true(a.res->units[k].value[i] == b.res->units[k].value[i]);
	}
	done(&a);
	done(&b);
}

/* A teaching point merged into its central school (a root standards file:
 * the national text with teaching_point.policy = merge, which a file
 * based on national-2017 may not change, and the teachers' rule on).
 * Central school 1101040001: 300 primary pupils, 2 PE/art teachers; its
 * teaching point 1101040002: rural small, 60 pupils, none full-time, 1
 * itinerant.  Merged: 360 pupils; off 2 / 360 × 100 = 0.5556 per 100, on
 * (2 + 0 + 1) / 360 × 100 = 0.8333 — the point's teacher counted, since
 * the point itself has 60 pupils, and the central unit names the rule. */
static char *subst(const char *text, const char *from, const char *to)
{
	const char *p = strstr(text, from);
	size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
	char *out = malloc(n);

	assert_non_null(p);
	assert_non_null(out);
	snprintf(out, n, "%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
	return out;
}

static void test_merged_point(void **state)
{
	(void)state;
	static const char *const csv = HDR
		"1101040001,中心小学,110104,2024,primary,,300,0,0,"
		"15,0,3,0,2,0,20,0,1500,3000,700000,9,否,0,,,,\n"
		"1101040002,村教学点,110104,2024,teaching_point,1101040001,60,0,0,"
		"0,0,0,0,0,0,3,0,200,300,100000,1,是,1,,,,\n";
	char *merge = subst(jh_standard_national_text(),
	                    "teaching_point.policy       = own_unit",
	                    "teaching_point.policy       = merge");
	char *both = subst(merge, "relax.small_rural_teachers              = off",
	                   "relax.small_rural_teachers              = on");
	struct fx off, on;
	const jh_unit *u;

	load(&off, csv, merge);
	load(&on, csv, both);
	u = unit(off.res, "1101040001", JH_STAGE_PRIMARY);
	assert_near(u->students, 360, 0);
	assert_near(u->value[JH_IND_PE_ART], 200.0 / 360, 1e-12);
	assert_int_equal(u->relaxed, 0);
	u = unit(on.res, "1101040001", JH_STAGE_PRIMARY);
	assert_near(u->value[JH_IND_PE_ART], 300.0 / 360, 1e-12);
	assert_int_equal(u->relaxed, JH_RELAX_SMALL_TEACHERS);
	assert_int_equal(unit(on.res, "1101040002", JH_STAGE_PRIMARY)->status,
	                 JH_UNIT_MERGED);
	{
		/* The text names the central school only. */
		char *s = render(on.res, JH_FMT_TEXT, "en");
		assert_non_null(strstr(s, "  Provincial relaxations applied (1):\n"
		                          "    [primary] 1101040001 中心小学: "));
		free(s);
	}
	done(&off);
	done(&on);
	free(merge);
	free(both);
}

/* --- the plan follows ---------------------------------------------------- */

/* One dense school G in a county of its own: 1000 pupils, sports 4000 m²,
 * rooftop 1000, leased 1000; every other indicator met (as D1).
 * On: (4000 + 1000 + 1000) / 1000 = 6 m² < floor 6.375: fails.  Its gap:
 * every other indicator is met, so sports may stay under the threshold
 * but must reach the floor: 6.375 × 1000 − 6000 = 375 m² (× 800 yuan =
 * 300,000); reaching the threshold would take 7500 − 6000 = 1500.  Off:
 * 6375 − 4000 = 2375 m² (1,900,000 yuan).  The county plan of a single
 * school (its CV is 0) is the same addition.  Applied and re-evaluated
 * under the same standard: (4375 + 2000) / 1000 = 6.375, at the floor:
 * passes; off, 6375 / 1000 likewise. */
#define G_CSV HDR DENSE_IN("110103", "1101030001", "4000", "是", "1000", "1000")
static void check_gap(const char *local, double want_m2)
{
	struct fx f;
	jh_costs costs;
	jh_addition *g = NULL;
	size_t n = 0;
	jh_dataset *d2 = NULL;
	jh_result *r2 = NULL;

	load(&f, G_CSV, local);
	assert_int_equal(jh_costs_default(&costs, &f.diags), JH_OK);
	assert_false(f.res->units[0].passes);
	assert_int_equal(jh_gaps_schools(f.res, &costs, &g, &n, &f.diags), JH_OK);
	assert_int_equal(n, 1);
	assert_near(g[0].add[JH_F_SPORTS_AREA], want_m2, 0);
	assert_near(g[0].cost, want_m2 * 800, 0);
	assert_int_equal(jh_dataset_apply(f.ds, g, n, &d2), JH_OK);
	assert_int_equal(jh_eval(d2, &f.std, NULL, &r2, &f.diags), JH_OK);
	assert_true(r2->units[0].passes);
	assert_int_equal(r2->units[0].below_floor, 0);
	jh_result_free(r2);
	jh_dataset_free(d2);
	free(g);

	{
		jh_plan p;
		jh_plan_options opt = {20, 1e-6};
		assert_int_equal(jh_plan_county(f.res, 0, &costs, &opt, &p, &f.diags), JH_OK);
		assert_true(p.solved);
		assert_int_equal(p.nadd, 1);
		assert_near(p.add[0].add[JH_F_SPORTS_AREA], want_m2, 0);
		assert_near(p.cost, want_m2 * 800, 1e-6);
		assert_int_equal(jh_dataset_apply(f.ds, p.add, p.nadd, &d2), JH_OK);
		assert_int_equal(jh_eval(d2, &f.std, NULL, &r2, &f.diags), JH_OK);
		assert_true(r2->counties[0].passes);
		jh_result_free(r2);
		jh_dataset_free(d2);
		jh_plan_free(&p);
	}
	done(&f);
}

static void test_gap_dense(void **state)
{
	(void)state;
	check_gap(SPORTS_ON, 375);
	check_gap(NULL, 2375);
}

/* D9's gap, where the relaxed area is split: the shared sports column
 * must lift both stages to their floors (every other indicator met).
 * On, with a m² added: primary (9000 + a)/1550 ≥ 6.375 → a ≥ 9881.25 −
 * 9000 = 881.25; junior 1.1 (9000 + a)/1550 ≥ 10.2 × 0.85 = 8.67 →
 * 9000 + a ≥ 8.67 × 1550 / 1.1 = 12216.82 → a ≥ 3216.82.  The larger,
 * whole: 3217 m².  Off: 6000 + a ≥ 12216.82 → 6217 m². */
static void test_gap_dense_split(void **state)
{
	(void)state;
	const char *locals[2] = {SPORTS_ON, NULL};
	const double want[2] = {3217, 6217};

	for (int k = 0; k < 2; k++) {
		struct fx f;
		jh_costs costs;
		jh_addition *g = NULL;
		size_t n = 0;
		jh_dataset *d2 = NULL;
		jh_result *r2 = NULL;

		load(&f, SPORTS_CSV, locals[k]);
		assert_int_equal(jh_costs_default(&costs, &f.diags), JH_OK);
		assert_int_equal(jh_gaps_schools(f.res, &costs, &g, &n, &f.diags), JH_OK);
		for (size_t j = 0; j < n; j++) {
			if (strcmp(g[j].school->school_code, "1101020009"))
				continue;
			assert_near(g[j].add[JH_F_SPORTS_AREA], want[k], 0);
			assert_int_equal(jh_dataset_apply(f.ds, &g[j], 1, &d2), JH_OK);
			assert_int_equal(jh_eval(d2, &f.std, NULL, &r2, &f.diags), JH_OK);
			assert_true(unit(r2, "1101020009", JH_STAGE_PRIMARY)->passes);
			assert_true(unit(r2, "1101020009", JH_STAGE_JUNIOR)->passes);
			/* Junior just over its floor, the same area both
			 * ways: on 6000 + 3217 + 3000 = off 6000 + 6217 =
			 * 12217; 1.1 × 12217 / 1550 = 8.67019 ≥ 8.67. */
			assert_near(unit(r2, "1101020009", JH_STAGE_JUNIOR)->value[JH_IND_SPORTS_AREA],
			            1.1 * 12217 / 1550, 1e-12);
			jh_result_free(r2);
			jh_dataset_free(d2);
			r2 = NULL;
			d2 = NULL;
		}
		free(g);
		done(&f);
	}
}

/* --- the outputs ---------------------------------------------------------- */

static char *render(const jh_result *r, jh_format fmt, const char *lang)
{
	jh_buf b = JH_BUF_INIT;

	assert_int_equal(jh_report(r, fmt, lang, &b), JH_OK);
	return b.data;           /* the test frees it */
}

/* On: the JSON unit names its relaxation, the text lists the school in a
 * note, the CSV has a last column.  Off: none of them (as today's
 * outputs, which tests/e2e guard byte for byte for data/sample). */
static void test_outputs(void **state)
{
	(void)state;
	struct fx off, on;
	char *s;

	load(&off, TEACHERS_CSV, NULL);
	load(&on, TEACHERS_CSV, TEACHERS_ON);

	s = render(on.res, JH_FMT_JSON, "zh");
	assert_non_null(strstr(s, "\"school_code\":\"1101010060\""));
	/* Four units counted: 60, 50, 99 and the nine-year school's primary. */
	{
		int n = 0;
		for (const char *p = s; (p = strstr(p, "\"relaxations\":[\"small_rural_teachers\"]")); p++)
			n++;
		assert_int_equal(n, 4);
	}
	free(s);
	s = render(off.res, JH_FMT_JSON, "zh");
	assert_null(strstr(s, "relaxations"));
	free(s);

	s = render(on.res, JH_FMT_TEXT, "zh");
	assert_non_null(strstr(s, "  适用省级放宽规则(4):\n"
		"    [小学] 1101010050 村小1101010050:乡村小规模学校计入交流轮岗、兼职、走教体育艺术教师\n"
		"    [小学] 1101010060 村小1101010060:乡村小规模学校计入交流轮岗、兼职、走教体育艺术教师\n"
		"    [小学] 1101010090 九年制村校:乡村小规模学校计入交流轮岗、兼职、走教体育艺术教师\n"
		"    [小学] 1101010099 村小1101010099:乡村小规模学校计入交流轮岗、兼职、走教体育艺术教师\n"));
	free(s);
	s = render(on.res, JH_FMT_TEXT, "en");
	assert_non_null(strstr(s, "  Provincial relaxations applied (4):\n"
		"    [primary] 1101010050 村小1101010050: rural small school: rotating, "
		"part-time and itinerant PE and art teachers counted\n"));
	free(s);
	s = render(off.res, JH_FMT_TEXT, "zh");
	assert_null(strstr(s, "放宽"));
	free(s);

	s = render(on.res, JH_FMT_CSV, "en");
	assert_non_null(strstr(s, ",county_name,relaxations\n"));
	/* The 60-pupil school's row ends with the key; the 49-pupil one's
	 * with an empty cell. */
	{
		const char *p = strstr(s, "\nschool,110101,2024,primary,1101010060,");
		assert_non_null(p);
		const char *e = strchr(p + 1, '\n');
		assert_true(e - p > 22);
		assert_memory_equal(e + 1 - 22, ",small_rural_teachers\n", 22);
		p = strstr(s, "\nschool,110101,2024,primary,1101010049,");
		assert_non_null(p);
		e = strchr(p + 1, '\n');
		assert_memory_equal(e + 1 - 2, ",\n", 2);
	}
	free(s);
	s = render(on.res, JH_FMT_CSV, "zh");
	assert_non_null(strstr(s, ",县(市、区)名称,适用放宽规则\n"));
	free(s);
	s = render(off.res, JH_FMT_CSV, "en");
	assert_null(strstr(s, "relaxations"));
	assert_non_null(strstr(s, ",county_name\n"));
	free(s);
	done(&off);
	done(&on);
}

/* The dense schools: the JSON names the sports rule; the text lists the
 * four units it was applied to (D1, D2, both stages of D9; not D0, which
 * is not a dense central-city school), the junior one of D9 among them. */
static void test_outputs_dense(void **state)
{
	(void)state;
	struct fx on;
	char *s;

	load(&on, SPORTS_CSV, SPORTS_ON);
	s = render(on.res, JH_FMT_JSON, "en");
	assert_non_null(strstr(s, "\"relaxations\":[\"dense_central_sports\"]"));
	free(s);
	s = render(on.res, JH_FMT_TEXT, "en");
	assert_non_null(strstr(s, "  Provincial relaxations applied (4):\n"));
	assert_non_null(strstr(s, "    [junior] 1101020009 城区九年制: dense central-city school: "
	                          "rooftop and underground areas and venues leased within "
	                          "10 minutes' walk counted\n"));
	free(s);
	assert_string_equal(jhRelaxKey(JH_RELAX_DENSE_SPORTS), "dense_central_sports");
	assert_string_equal(jhRelaxKey(JH_RELAX_SMALL_TEACHERS), "small_rural_teachers");
	done(&on);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_teachers),
		cmocka_unit_test(test_small_teachers_bounds),
		cmocka_unit_test(test_dense_sports),
		cmocka_unit_test(test_both_on),
		cmocka_unit_test(test_merged_point),
		cmocka_unit_test(test_gap_dense),
		cmocka_unit_test(test_gap_dense_split),
		cmocka_unit_test(test_outputs),
		cmocka_unit_test(test_outputs_dense),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
