/*
** test_plan.c — costs files, per-school gaps, county plans, applying them.
**
** Every expected figure is worked out by hand in the comment above its
** test, from the thresholds of the national standard (reference §1–§3:
** primary 4.2, 1, 0.9, 4.5 m², 7.5 m², 2000 yuan, 2.3 rooms; junior 5.3,
** 1, 0.9, 5.8, 10.2, 2500, 2.4; floors at 85%; CV ≤ 0.50 / 0.45; split
** weights 1 : 1.1) and the default costs (qualified or PE/art teacher
** 120,000, key teacher 60,000, teaching m² 3,500, sports m² 800,
** equipment 1 yuan a yuan, multimedia room 60,000).  And every test checks
** by re-evaluation: after applying a school's gap the school passes;
** after applying a plan the county's resource part passes.
*/
#include "testutil.h"
#include "plan/plan_int.h"

#include <jansson.h>   /* core's per-stage arithmetic (jhUnitRule, ...) */

#define HDR TEST_TEMPLATE_HEADER

/* A primary school of 100 pupils meeting every threshold: 5 qualified, 2
 * key, 1 PE/art teacher per 100; 5 m², 8 m², 2100 yuan; 3 rooms per 100. */
#define GOOD_P(code) code ",好小学,110101,2024,primary,,100,0,0," \
	"5,0,2,0,1,0,8,0,500,800,210000,3\n"
/* A junior school of 100 pupils meeting every threshold but sports area,
 * given per pupil: 6 qualified, 2 key, 1 PE/art per 100; 6 m²; 2600 yuan;
 * 3 rooms per 100. */
#define JUNIOR(code, sports) code ",初中,110101,2024,junior,,0,100,0," \
	"0,6,0,2,0,1,0,9,600," sports ",260000,3\n"

struct fx {
	jh_dataset *ds;
	jh_standard std;
	jh_costs costs;
	jh_result *res;
	jh_diags diags;
};

static void load(struct fx *f, const char *csv)
{
	memset(f, 0, sizeof *f);
	assert_int_equal(jh_standard_national(&f->std, &f->diags), JH_OK);
	assert_int_equal(jh_costs_default(&f->costs, &f->diags), JH_OK);
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

/* The gaps of every failing school; each, applied on its own, makes its
 * school pass on re-evaluation.  *n additions returned (free()). */
static jh_addition *gaps_checked(struct fx *f, size_t *n)
{
	jh_addition *g = NULL;

	assert_int_equal(jh_gaps_schools(f->res, &f->costs, &g, n, &f->diags), JH_OK);
	for (size_t k = 0; k < *n; k++) {
		jh_dataset *d2 = NULL;
		jh_result *r2 = NULL;
		int seen = 0;
		assert_int_equal(jh_dataset_apply(f->ds, &g[k], 1, &d2), JH_OK);
		assert_int_equal(jh_eval(d2, &f->std, NULL, &r2, &f->diags), JH_OK);
		for (size_t u = 0; u < r2->nunits; u++) {
			if (strcmp(r2->units[u].school->school_code,
			           g[k].school->school_code) ||
			    r2->units[u].status != JH_UNIT_EVALUATED)
				continue;
			seen++;
			if (!r2->units[u].passes)
				fail_msg("school %s still fails after its gap",
				         g[k].school->school_code);
		}
		assert_true(seen > 0);
		/* Teachers hired: every one added is a new teacher. */
		assert_near(g[k].add[JH_F_TEACHERS_PRIMARY],
		            g[k].add[JH_F_QUALIFIED_PRIMARY] + g[k].add[JH_F_KEY_PRIMARY] +
		            g[k].add[JH_F_PE_ART_PRIMARY], 0);
		assert_near(g[k].add[JH_F_TEACHERS_JUNIOR],
		            g[k].add[JH_F_QUALIFIED_JUNIOR] + g[k].add[JH_F_KEY_JUNIOR] +
		            g[k].add[JH_F_PE_ART_JUNIOR], 0);
		jh_result_free(r2);
		jh_dataset_free(d2);
	}
	return g;
}

/* The plan of county 0; applied, the county's resource part passes on
 * re-evaluation. */
static void plan_checked(struct fx *f, jh_plan *p)
{
	jh_plan_options opt = {20, 1e-6};
	jh_dataset *d2 = NULL;
	jh_result *r2 = NULL;

	assert_int_equal(jh_plan_county(f->res, 0, &f->costs, &opt, p, &f->diags), JH_OK);
	assert_true(p->solved);
	assert_true(p->lower_bound <= p->cost + 1e-6);
	assert_true(p->gap >= 0);
	double sum = 0;
	for (size_t k = 0; k < p->nadd; k++)
		sum += p->add[k].cost;
	assert_near(sum, p->cost, 1e-6);
	assert_int_equal(jh_dataset_apply(f->ds, p->add, p->nadd, &d2), JH_OK);
	assert_int_equal(jh_eval(d2, &f->std, NULL, &r2, &f->diags), JH_OK);
	assert_true(r2->counties[0].passes);
	jh_result_free(r2);
	jh_dataset_free(d2);
}

/* Nothing added to any column but these (index, amount) pairs. */
static void assert_only(const jh_addition *a, int n, const int *f, const double *v)
{
	for (int k = 0; k < JH_F__COUNT; k++) {
		double want = 0;
		for (int j = 0; j < n; j++)
			if (f[j] == k)
				want = v[j];
		if (a->add[k] != want)
			fail_msg("%s: %s added %.9g, expected %.9g", a->school->school_code,
			         jh_field_key((jh_field)k), a->add[k], want);
	}
}

/* --- costs ------------------------------------------------------------ */

/* The embedded default and data/costs/default.cost are the same text:
 * parsing the file gives exactly the default, and the file sets all nine
 * keys (so it is not merely falling back on the default). */
static void test_costs_default_matches_file(void **state)
{
	(void)state;
	jh_costs def, file;
	jh_diags d = JH_DIAGS_INIT;
	FILE *fp = fopen("data/costs/default.cost", "rb");
	char buf[8192];
	size_t n;
	int keys = 0;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	assert_int_equal(jh_costs_default(&def, &d), JH_OK);
	memset(&file, 0xff, sizeof file);
	assert_int_equal(jh_costs_parse(buf, n, "default.cost", &file, &d), JH_OK);
	assert_int_equal(d.count, 0);
	assert_memory_equal(&def, &file, sizeof def);
	{
		char *save = NULL;
		for (char *line = strtok_r(buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			if (line[0] != '#' && strchr(line, '='))
				keys++;
	}
	assert_int_equal(keys, 9);
	/* The figures of the file. */
	assert_near(def.qualified_teacher, 120000, 0);
	assert_near(def.key_teacher, 60000, 0);
	assert_near(def.pe_art_teacher, 120000, 0);
	assert_near(def.teaching_m2, 3500, 0);
	assert_near(def.sports_m2, 800, 0);
	assert_near(def.equipment_yuan, 1, 0);
	assert_near(def.multimedia_room, 60000, 0);
	assert_near(def.music_room, 400000, 0);
	assert_near(def.art_room, 380000, 0);
	jh_diags_free(&d);
}

/* A local file sets only what it changes; comments anywhere. */
static void test_costs_parse_local(void **state)
{
	(void)state;
	const char *t = "# local prices\n\nkey_teacher = 50000\n"
	                "sports_m2 = 900   # cheaper ground\r\n";
	jh_costs c;
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jh_costs_parse(t, strlen(t), "local.cost", &c, &d), JH_OK);
	assert_near(c.key_teacher, 50000, 0);
	assert_near(c.sports_m2, 900, 0);
	assert_near(c.qualified_teacher, 120000, 0);   /* default kept */
	assert_near(c.equipment_yuan, 1, 0);
	jh_diags_free(&d);
}

/* Unknown key, bad number, negative price: each reported with file and
 * line, JH_ERR_STANDARD, *out untouched. */
static void test_costs_parse_errors(void **state)
{
	(void)state;
	const char *t = "teaching_m2 = 3000\n"
	                "gold_m2 = 1\n"            /* line 2: unknown */
	                "sports_m2 = cheap\n"      /* line 3: not a number */
	                "# fine\n"
	                "multimedia_room = -5\n"   /* line 5: negative */
	                "teaching_m2 = 3100\n";    /* line 6: set twice */
	jh_costs c;
	jh_diags d = JH_DIAGS_INIT;

	memset(&c, 0, sizeof c);
	c.sports_m2 = 42;
	assert_int_equal(jh_costs_parse(t, strlen(t), "bad.cost", &c, &d),
	                 JH_ERR_STANDARD);
	assert_near(c.sports_m2, 42, 0);
	assert_int_equal(d.count, 4);
	assert_int_equal(d.items[0].problem, JH_P_STD_UNKNOWN_KEY);
	assert_string_equal(d.items[0].file, "bad.cost");
	assert_int_equal(d.items[0].line, 2);
	assert_string_equal(d.items[0].arg, "gold_m2");
	assert_int_equal(d.items[1].problem, JH_P_STD_BAD_VALUE);
	assert_int_equal(d.items[1].line, 3);
	assert_string_equal(d.items[1].arg, "sports_m2");
	assert_string_equal(d.items[1].arg2, "cheap");
	assert_int_equal(d.items[2].problem, JH_P_STD_BAD_VALUE);
	assert_int_equal(d.items[2].line, 5);
	assert_string_equal(d.items[2].arg2, "-5");
	assert_int_equal(d.items[3].problem, JH_P_STD_KEY_TWICE);
	assert_int_equal(d.items[3].line, 6);
	assert_string_equal(d.items[3].arg, "teaching_m2");
	{
		/* Said in one language each: no English words in the Chinese. */
		jh_buf b = JH_BUF_INIT;
		jh_diag_format(&d.items[3], "zh", &b);
		assert_non_null(strstr(b.data, "“teaching_m2”在同一文件中设置了两次"));
		assert_null(strstr(b.data, "set twice"));
		jh_buf_free(&b);
	}
	jh_diags_free(&d);
}

/* --- gaps ------------------------------------------------------------- */

/* A county of two primary schools, one 5,000 yuan of equipment short of
 * its floor (test_gap_equipment_to_floor). */
#define EQUIPMENT_SHORT HDR "\n" GOOD_P("1101010001") \
	"1101010002,差小学,110101,2024,primary,,100,0,0," \
	"5,0,2,0,1,0,8,0,500,800,165000,3\n"

/* 100 pupils, equipment 165,000 yuan = 1650 a pupil, under the floor
 * 2000 × 0.85 = 1700; the six others are met.  Reaching the floor leaves
 * 6 met and none under the floor: +170,000 − 165,000 = +5,000 yuan, at 1
 * yuan a yuan = 5,000.  (The threshold would take +35,000.) */
static void test_gap_equipment_to_floor(void **state)
{
	(void)state;
	struct fx f;
	size_t n;

	load(&f, EQUIPMENT_SHORT);
	jh_addition *g = gaps_checked(&f, &n);
	assert_int_equal(n, 1);
	assert_string_equal(g[0].school->school_code, "1101010002");
	assert_only(&g[0], 1, (int[]){JH_F_EQUIPMENT_VALUE}, (double[]){5000});
	assert_near(g[0].cost, 5000, 0);
	free(g);

	/* The plan adds the same: the equipment CV after it is
	 * (2100 − 1700)/2 / 1900 = 0.105, far within 0.50.  The bound is the
	 * same 5,000 (the column's lower bound), so the gap is 0. */
	jh_plan p;
	plan_checked(&f, &p);
	assert_int_equal(p.nadd, 1);
	assert_near(p.cost, 5000, 0);
	assert_near(p.lower_bound, 5000, 1e-6);
	assert_near(p.gap, 0, 1e-9);
	jh_plan_free(&p);
	done(&f);
}

/* 5 of 7: teaching area 4.0 m² (< 4.5, ≥ floor 3.825) and sports area
 * 7.0 m² (< 7.5, ≥ floor 6.375), 100 pupils.  One more must reach its
 * threshold.  The weaker one relative to its threshold is teaching area
 * (4.0/4.5 = 0.889 against 7.0/7.5 = 0.933), but lifting it costs
 * 50 m² × 3,500 = 175,000, while sports area takes 50 m² × 800 = 40,000.
 * Cheapest: +50 m² of sports ground, 40,000. */
static void test_gap_other_indicator_cheaper(void **state)
{
	(void)state;
	struct fx f;
	size_t n;

	load(&f, HDR "\n1101010003,五项小学,110101,2024,primary,,100,0,0,"
	         "5,0,2,0,1,0,8,0,400,700,210000,3\n");
	jh_addition *g = gaps_checked(&f, &n);
	assert_int_equal(n, 1);
	assert_only(&g[0], 1, (int[]){JH_F_SPORTS_AREA}, (double[]){50});
	assert_near(g[0].cost, 40000, 0);
	free(g);
	done(&f);
}

/* Two shortfalls: equipment 1650 (under the floor) and sports 7.4 m² (under
 * the threshold, over the floor).  Equipment must reach at least 1700.
 *   (a) equipment to 2000 (+35,000 yuan), sports stays: 35,000;
 *   (b) equipment to 1700 (+5,000) and sports to 7.5 (+10 m² × 800 =
 *       8,000): 13,000.
 * Cheapest (b), 13,000. */
static void test_gap_floor_plus_threshold(void **state)
{
	(void)state;
	struct fx f;
	size_t n;

	load(&f, HDR "\n1101010004,两项小学,110101,2024,primary,,100,0,0,"
	         "5,0,2,0,1,0,8,0,500,740,165000,3\n");
	jh_addition *g = gaps_checked(&f, &n);
	assert_int_equal(n, 1);
	assert_only(&g[0], 2, (int[]){JH_F_EQUIPMENT_VALUE, JH_F_SPORTS_AREA},
	            (double[]){5000, 10});
	assert_near(g[0].cost, 13000, 0);
	free(g);
	done(&f);
}

/* Whole teachers.  333 pupils, 11 qualified teachers: 11/333 × 100 =
 * 3.303 per 100, under the floor 3.57.  Teaching area 1,332 m² = 4.0 m²
 * (under 4.5, over 3.825).  Everything else met (4 key = 1.201; 3 PE/art
 * = 0.9009; 2,664 m² = 8.0; 699,300 yuan = 2100; 8 rooms = 2.402).
 *   Qualified to the floor: 3.57 × 3.33 = 11.888 → 12 teachers (+1);
 *   to the threshold: 4.2 × 3.33 = 13.986 → 14 (+3; 13 gives 3.904).
 *   (a) +1 qualified and teaching area to 4.5: 0.5 × 333 = 166.5 → 167 m²:
 *       120,000 + 167 × 3,500 = 704,500;
 *   (b) +3 qualified: 360,000.
 * Cheapest (b): 3 teachers, teachers_primary +3, 360,000. */
static void test_gap_whole_teachers(void **state)
{
	(void)state;
	struct fx f;
	size_t n;

	load(&f, HDR "\n1101010005,教师小学,110101,2024,primary,,333,0,0,"
	         "11,0,4,0,3,0,20,0,1332,2664,699300,8\n");
	jh_addition *g = gaps_checked(&f, &n);
	assert_int_equal(n, 1);
	assert_only(&g[0], 2, (int[]){JH_F_QUALIFIED_PRIMARY, JH_F_TEACHERS_PRIMARY},
	            (double[]){3, 3});
	assert_near(g[0].cost, 360000, 0);
	free(g);
	done(&f);
}

/* A nine-year school, 100 primary and 100 junior pupils: weighted total
 * 100 + 1.1 × 100 = 210, primary share 100/210, junior 110/210.  Sports
 * ground 1,260 m²: primary 1260 × 100/210 / 100 = 6.0 m² (floor 6.375),
 * junior 1260 × 110/210 / 100 = 6.6 m² (floor 8.67): both under their
 * floors; everything else is met in both stages (teaching 1,260 m²: 6.0 and
 * 6.6; equipment 546,000: 2600 and 2860; 6 rooms: 2.857 and 3.143).
 * Adding A m² gives the primary A × 100/210 and the junior A × 110/210.
 *   Primary floor: S/210 ≥ 6.375 → S ≥ 1338.75 → +79 m²;
 *   junior floor: 1.1 S/210 ≥ 8.67 → S ≥ 1655.18 → S = 1656, +396 m²
 *   (1655 gives 8.6690 < 8.67; 1656 gives 8.6743).
 * The shared ground must satisfy both: max(79, 396) = 396 m², 316,800;
 * the primary then has 1656/210 = 7.886 ≥ 7.5. */
static void test_gap_nine_year_shared(void **state)
{
	(void)state;
	struct fx f;
	size_t n;

	load(&f, HDR "\n1101010006,九年制,110101,2024,nine_year,,100,100,0,"
	         "5,6,2,2,1,1,8,9,1260,1260,546000,6\n");
	const jh_unit *p = &f.res->units[0], *j = &f.res->units[1];
	assert_near(p->value[JH_IND_SPORTS_AREA], 6.0, 1e-9);
	assert_near(j->value[JH_IND_SPORTS_AREA], 6.6, 1e-9);
	assert_false(p->passes);
	assert_false(j->passes);
	jh_addition *g = gaps_checked(&f, &n);
	assert_int_equal(n, 1);
	assert_only(&g[0], 1, (int[]){JH_F_SPORTS_AREA}, (double[]){396});
	assert_near(g[0].cost, 316800, 0);
	free(g);

	/* One school, so no coefficient binds: the plan is the gap. */
	jh_plan pl;
	plan_checked(&f, &pl);
	assert_int_equal(pl.nadd, 1);
	assert_near(pl.add[0].add[JH_F_SPORTS_AREA], 396, 0);
	assert_near(pl.cost, 316800, 0);
	assert_near(pl.gap, 0, 1e-9);
	jh_plan_free(&pl);
	done(&f);
}

/* Units not evaluated are ignored: a 30-pupil teaching point (left out,
 * under 50) with no equipment at all has no gap; its central school
 * passes. */
static void test_gap_ignores_small_teaching_point(void **state)
{
	(void)state;
	struct fx f;
	size_t n;

	load(&f, HDR "\n" GOOD_P("1101010010")
	         "1101010011,教学点,110101,2024,teaching_point,1101010010,30,0,0,"
	         "1,0,0,0,0,0,2,0,60,100,0,0\n");
	jh_addition *g = gaps_checked(&f, &n);
	assert_int_equal(n, 0);
	assert_null(g);
	done(&f);
}

/* --- plans -------------------------------------------------------------- */

/* A county that already passes: the empty plan, cost 0, gap 0. */
static void test_plan_county_passes(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;

	load(&f, HDR "\n" GOOD_P("1101010020") GOOD_P("1101010021"));
	assert_true(f.res->counties[0].passes);
	plan_checked(&f, &p);
	assert_int_equal(p.nadd, 0);
	assert_null(p.add);
	assert_near(p.cost, 0, 0);
	assert_near(p.lower_bound, 0, 0);
	assert_near(p.gap, 0, 0);
	assert_string_equal(p.county_code, "110101");
	assert_int_equal(p.year, 2024);
	jh_plan_free(&p);
	done(&f);
}

/* Only a coefficient fails.  Two primaries that pass everything, and two
 * junior schools of 100 pupils, equal in everything but sports ground:
 * 9 and 25 m² a pupil (9 < 10.2 but ≥ the floor 8.67, so both pass the
 * school rule).  Junior sports: x̄ = 17, S = 8, CV = 8/17 = 0.4706 > 0.45.
 * Adding a m² to the first school (x = 9 + a/100) and nothing to the
 * second — adding there only widens the spread — gives, with equal
 * weights, x̄ = (x + 25)/2 and S = (25 − x)/2, so
 *   CV = (25 − x)/(25 + x) ≤ 0.45  ⇔  13.75 ≤ 1.45 x  ⇔  x ≥ 9.482759,
 *   a ≥ 48.2759 m² → 49 whole m², 49 × 800 = 39,200 yuan.
 * The continuous optimum 48.2759 × 800 = 38,620.69 is the best possible
 * bound; the gap is the rounding, (39,200 − 38,620.69)/39,200 = 1.48%. */
static void test_plan_cv_only(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;
	size_t n;

	load(&f, HDR "\n" GOOD_P("1101010030") GOOD_P("1101010031")
	         JUNIOR("1101010032", "900") JUNIOR("1101010033", "2500"));
	const jh_stage_result *j = &f.res->counties[0].stage[JH_STAGE_JUNIOR];
	assert_near(j->cv[JH_IND_SPORTS_AREA], 8.0 / 17, 1e-12);
	assert_false(j->cv_pass[JH_IND_SPORTS_AREA]);
	assert_int_equal(j->schools_failing, 0);
	jh_addition *g = gaps_checked(&f, &n);
	assert_int_equal(n, 0);      /* no school fails */
	free(g);

	plan_checked(&f, &p);
	assert_int_equal(p.nadd, 1);
	assert_string_equal(p.add[0].school->school_code, "1101010032");
	assert_only(&p.add[0], 1, (int[]){JH_F_SPORTS_AREA}, (double[]){49});
	assert_near(p.cost, 39200, 0);
	/* Within 1 m² of the analytic optimum. */
	assert_true(p.cost - 48.275862 * 800 <= 800);
	assert_true(p.lower_bound <= 48.275862 * 800 + 1e-3);
	assert_true(p.lower_bound >= 48.275862 * 800 * (1 - 1e-4));
	assert_near(p.gap, (39200 - 48.275862 * 800) / 39200, 1e-4);
	assert_true(p.gap < 0.02);
	jh_plan_free(&p);
	done(&f);
}

/* The reference example (sports 5 and 15 m² for junior, CV 0.5 > 0.45)
 * also fails a school: 5 m² is under the floor 8.67, so that school must
 * get 8.67 × 100 − 500 = 367 m² whatever happens; then CV = (15 −
 * 8.67)/(15 + 8.67) = 0.2674 ≤ 0.45 and the plan is the gap: 367 × 800 =
 * 293,600, gap 0. */
static void test_plan_gap_fixes_cv(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;
	size_t n;

	load(&f, HDR "\n" JUNIOR("1101010040", "500") JUNIOR("1101010041", "1500"));
	assert_near(f.res->counties[0].stage[JH_STAGE_JUNIOR].cv[JH_IND_SPORTS_AREA],
	            0.5, 1e-12);
	jh_addition *g = gaps_checked(&f, &n);
	assert_int_equal(n, 1);
	assert_only(&g[0], 1, (int[]){JH_F_SPORTS_AREA}, (double[]){367});
	free(g);
	plan_checked(&f, &p);
	assert_int_equal(p.nadd, 1);
	assert_only(&p.add[0], 1, (int[]){JH_F_SPORTS_AREA}, (double[]){367});
	assert_near(p.cost, 293600, 0);
	assert_near(p.gap, 0, 1e-9);
	jh_plan_free(&p);
	done(&f);
}

/* A coefficient of whole teachers.  Two junior schools of 100 pupils with
 * 1 and 3 key teachers (1 and 3 per 100, both ≥ 1): CV = (3 − 1)/(3 + 1)
 * = 0.5 > 0.45.  k more at the first: (2 − k)/(4 + k) ≤ 0.45 ⇔ k ≥
 * 0.138, so k = 1 (CV 0.2): one key teacher, 60,000.  All variables are
 * whole, so the bound is 60,000 too and the gap 0. */
static void test_plan_cv_whole_teachers(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;

	load(&f, HDR "\n"
	         "1101010050,初中甲,110101,2024,junior,,0,100,0,0,6,0,1,0,1,0,9,600,1100,260000,3\n"
	         "1101010051,初中乙,110101,2024,junior,,0,100,0,0,6,0,3,0,1,0,9,600,1100,260000,3\n");
	assert_near(f.res->counties[0].stage[JH_STAGE_JUNIOR].cv[JH_IND_KEY], 0.5, 1e-12);
	plan_checked(&f, &p);
	assert_int_equal(p.nadd, 1);
	assert_string_equal(p.add[0].school->school_code, "1101010050");
	assert_only(&p.add[0], 2, (int[]){JH_F_KEY_JUNIOR, JH_F_TEACHERS_JUNIOR},
	            (double[]){1, 1});
	assert_near(p.cost, 60000, 0);
	assert_near(p.lower_bound, 60000, 1e-6);
	assert_near(p.gap, 0, 1e-9);
	jh_plan_free(&p);
	done(&f);
}

/* School rule and coefficient together, where the coefficient changes
 * which indicator a school should lift.  Junior schools of 100 pupils:
 *   甲: sports 9 m² (under 10.2, over 8.67) and equipment 2400 (under
 *       2500, over 2125): 5 of 7, one must reach its threshold;
 *   乙: sports 25 m², equipment 2600: passes.
 * Alone (gaps): sports to 10.2 costs 120 m² × 800 = 96,000; equipment to
 * 2500 costs 10,000 yuan — the gap lifts equipment.  But sports CV is
 * 8/17 > 0.45 and needs sports ≥ 9.482759 (48.28 m², see test_plan_cv_only),
 * so the county's best is: equipment +10,000 and sports +49 m² (39,200),
 * 49,200 in all — cheaper than sports to the threshold (96,000, which
 * also fixes the CV).  Bound 10,000 + 38,620.69 = 48,620.69. */
static void test_plan_rule_and_cv(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;
	size_t n;

	load(&f, HDR "\n"
	         "1101010060,初中甲,110101,2024,junior,,0,100,0,0,6,0,2,0,1,0,9,600,900,240000,3\n"
	         "1101010061,初中乙,110101,2024,junior,,0,100,0,0,6,0,2,0,1,0,9,600,2500,260000,3\n");
	jh_addition *g = gaps_checked(&f, &n);
	assert_int_equal(n, 1);
	assert_only(&g[0], 1, (int[]){JH_F_EQUIPMENT_VALUE}, (double[]){10000});
	free(g);
	plan_checked(&f, &p);
	assert_int_equal(p.nadd, 1);
	assert_only(&p.add[0], 2, (int[]){JH_F_EQUIPMENT_VALUE, JH_F_SPORTS_AREA},
	            (double[]){10000, 49});
	assert_near(p.cost, 49200, 0);
	assert_true(p.lower_bound <= 48620.69 + 1e-2);
	assert_true(p.lower_bound >= 48620.69 * (1 - 1e-4));
	jh_plan_free(&p);
	done(&f);
}

/* Three junior schools of 100 pupils, sports 9, 9 and 25 m² a pupil (all
 * pass the school rule): x̄ = 43/3, S² = (2·(16/3)² + (32/3)²)/3 = 56.89,
 * CV = 7.542/14.333 = 0.5262 > 0.45.  By symmetry and convexity the two
 * low schools are raised alike, to x each: deviations (x − 25)/3 twice
 * and 2(25 − x)/3, so S = √2·(25 − x)/3 and
 *   CV = √2·(25 − x)/(2x + 25) ≤ 0.45  ⇔  x ≥ (25√2 − 11.25)/(0.9 + √2)
 *      = 10.416212,
 * i.e. 141.6212 m² each, 283.2424 m² in all: 226,593.92 yuan, the bound.
 * Whole m²: any split of 284 m² that passes, e.g. 142 + 142 (CV
 * 0.449809) or 141 + 143 (0.449809); 141 + 142 = 283 fails (0.450061).
 * So the plan is 284 m², 227,200 yuan, gap (227,200 − 226,593.92)/227,200
 * = 0.267%. */
static void test_plan_cv_three_schools(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;
	double total = 0;

	load(&f, HDR "\n" JUNIOR("1101010090", "900") JUNIOR("1101010091", "900")
	         JUNIOR("1101010092", "2500"));
	assert_near(f.res->counties[0].stage[JH_STAGE_JUNIOR].cv[JH_IND_SPORTS_AREA],
	            0.526219, 1e-6);
	plan_checked(&f, &p);
	assert_int_equal(p.nadd, 2);
	for (size_t k = 0; k < p.nadd; k++) {
		assert_true(strcmp(p.add[k].school->school_code, "1101010092"));
		total += p.add[k].add[JH_F_SPORTS_AREA];
	}
	assert_near(total, 284, 0);
	assert_near(p.cost, 227200, 0);
	assert_true(p.lower_bound <= 226593.92 + 1e-2);
	assert_true(p.lower_bound >= 226593.92 * (1 - 1e-4));
	assert_near(p.gap, (227200 - 226593.92) / 227200, 1e-4);
	jh_plan_free(&p);
	done(&f);
}

/* Merge policy: a 30-pupil teaching point joins its central school, and
 * the additions go to the central school.  Central: 100 pupils, 165,000
 * yuan; point: 30 pupils, 30,000 yuan.  Merged unit: 130 pupils, 195,000
 * yuan = 1500 a pupil, under the floor 1700 (everything else is met:
 * (5+2)/130 = 5.38, (2+1)/130 = 2.31, (1+1)/130 = 1.54 per 100; 650 m² =
 * 5.0; 1040 m² = 8.0; 4 rooms = 3.08 per 100).  Floor: 1700 × 130 =
 * 221,000, so +26,000 yuan to the central school; 26,000. */
static void test_gap_merged_teaching_point(void **state)
{
	(void)state;
	struct fx f;
	size_t n;
	jh_plan p;

	load(&f, HDR "\n"
	         "1101010010,中心小学,110101,2024,primary,,100,0,0,"
	         "5,0,2,0,1,0,8,0,500,800,165000,3\n"
	         "1101010011,甲教学点,110101,2024,teaching_point,1101010010,30,0,0,"
	         "2,0,1,0,1,0,2,0,150,240,30000,1\n");
	/* The policy is definitional (no local file may change it): set. */
	f.std.tp_policy = JH_TP_MERGE;
	jh_result_free(f.res);
	assert_int_equal(jh_eval(f.ds, &f.std, NULL, &f.res, &f.diags), JH_OK);
	jh_addition *g = gaps_checked(&f, &n);
	assert_int_equal(n, 1);
	assert_string_equal(g[0].school->school_code, "1101010010");
	assert_only(&g[0], 1, (int[]){JH_F_EQUIPMENT_VALUE}, (double[]){26000});
	free(g);
	plan_checked(&f, &p);
	assert_int_equal(p.nadd, 1);
	assert_near(p.cost, 26000, 0);
	assert_near(p.gap, 0, 1e-9);
	jh_plan_free(&p);
	done(&f);
}

/* Bad arguments. */
static void test_plan_args(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;

	load(&f, HDR "\n" GOOD_P("1101010070"));
	assert_int_equal(jh_plan_county(f.res, 1, &f.costs, NULL, &p, &f.diags),
	                 JH_ERR_ARG);
	assert_int_equal(jh_plan_county(NULL, 0, &f.costs, NULL, &p, &f.diags),
	                 JH_ERR_ARG);
	jh_plan_free(&p);
	jh_plan_free(NULL);
	done(&f);
}


/* --- no plan, and why ------------------------------------------------- */

/* Under the merge policy (set on the standard itself), a teaching point of
 * 30 primary pupils joins the primary unit of its central school, a
 * nine-year school with junior pupils only.  Additions go to the central
 * school; its primary share of a shared resource is 1 × 0 / (1 × 0 + 1.1
 * × 100) = 0, so no m² added there reaches the merged primary unit.  The
 * point has no sports ground: 0 m² a pupil, under the floor 7.5 × 0.85 =
 * 6.375, and nothing can lift it.  Its teachers (2, 1, 1 for 30 pupils:
 * 6.67, 3.33, 3.33 per 100), teaching area (150 m² = 5.0), equipment
 * (63,000 = 2100) and rooms (1 = 3.33 per 100) are met; the central
 * school's junior stage (6, 2, 1 per 100; 6 m², 11 m², 2600 yuan, 3 rooms
 * per 100) passes. */
#define MERGE_CENTRAL "1101010100,中心学校,110101,2024,nine_year,,0,100,0," \
	"0,6,0,2,0,1,0,9,600,1100,260000,3\n"
#define MERGE_POINT(sports) "1101010101,甲教学点,110101,2024,teaching_point,1101010100,30,0,0," \
	"2,0,1,0,1,0,3,0,150," sports ",63000,1\n"

static void load_merged(struct fx *f, const char *csv)
{
	load(f, csv);
	f->std.tp_policy = JH_TP_MERGE;
	jh_result_free(f->res);
	assert_int_equal(jh_eval(f->ds, &f->std, NULL, &f->res, &f->diags), JH_OK);
}

/* The county above has no plan: JH_PLAN_INFEASIBLE, the central school
 * named, a coded problem, JH_OK (the question was answered). */
static void test_plan_infeasible_school(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;

	load_merged(&f, HDR "\n" MERGE_CENTRAL MERGE_POINT("0"));
	assert_false(f.res->counties[0].passes);
	assert_int_equal(jh_plan_county(f.res, 0, &f.costs, NULL, &p, &f.diags), JH_OK);
	assert_int_equal(p.status, JH_PLAN_INFEASIBLE);
	assert_false(p.solved);
	assert_true(isnan(p.cost));
	assert_null(p.add);
	assert_non_null(p.unreachable);
	assert_string_equal(p.unreachable->school_code, "1101010100");
	assert_int_equal(f.diags.count, 1);
	assert_int_equal(f.diags.items[0].problem, JH_P_PLAN_SCHOOL_UNREACHABLE);
	assert_string_equal(f.diags.items[0].arg, "1101010100");
	assert_string_equal(jh_plan_status_key(p.status), "infeasible");
	jh_plan_free(&p);
	done(&f);
}

/* A budget of a nanosecond is spent before the search begins: no plan,
 * JH_PLAN_TIME_LIMIT, and the problem quotes the budget.  (The county:
 * one school 5,000 yuan of equipment short, test_gap_equipment_to_floor;
 * with the default budget it has a plan.) */
static void test_plan_time_limit(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;
	jh_plan_options opt = {1e-9, 0};

	load(&f, EQUIPMENT_SHORT);
	assert_int_equal(jh_plan_county(f.res, 0, &f.costs, &opt, &p, &f.diags), JH_OK);
	assert_int_equal(p.status, JH_PLAN_TIME_LIMIT);
	assert_false(p.solved);
	assert_true(isnan(p.cost));
	assert_true(isnan(p.gap));
	assert_int_equal(p.nadd, 0);
	assert_int_equal(f.diags.count, 1);
	assert_int_equal(f.diags.items[0].problem, JH_P_PLAN_TIME_LIMIT);
	assert_string_equal(f.diags.items[0].arg, "1e-09");
	jh_plan_free(&p);
	plan_checked(&f, &p);           /* and with time, the plan */
	assert_int_equal(p.status, JH_PLAN_FOUND);
	assert_near(p.cost, 5000, 0);
	jh_plan_free(&p);
	done(&f);
}

/* A GLPK internal error (an invalid call injected mid-search: a column
 * that does not exist) does not abort the process: the plan ends as
 * JH_PLAN_SOLVER_FAILED with its coded problem, nothing leaks (ASan), and
 * GLPK works again afterwards: the same county then gets its plan, the
 * 5,000 yuan of test_gap_equipment_to_floor. */
static void test_plan_glpk_error(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;

	load(&f, EQUIPMENT_SHORT);
	assert_int_equal(jhPlanCounty(f.res, 0, &f.costs, NULL,
	                              JH_PLAN_FAULT_GLPK_ERROR, &p, &f.diags), JH_OK);
	assert_int_equal(p.status, JH_PLAN_SOLVER_FAILED);
	assert_false(p.solved);
	assert_true(isnan(p.cost));
	assert_null(p.add);
	assert_int_equal(f.diags.count, 1);
	assert_int_equal(f.diags.items[0].problem, JH_P_PLAN_SOLVER_FAILED);
	jh_plan_free(&p);
	plan_checked(&f, &p);
	assert_near(p.cost, 5000, 0);
	jh_plan_free(&p);
	done(&f);
}

/* The merged unit's sports ground is fixed at 210 m² / 30 = 7.0 a pupil
 * (over the floor 6.375, so the school rule holds with 6 of 7), and a
 * second primary school of 30 pupils has 900 m² = 30.0 (it passes
 * everything: 2, 1, 1 teachers = 6.67, 3.33, 3.33 per 100; 150 m² = 5.0;
 * 63,000 = 2100; 1 room = 3.33).  Primary sports, equal weights: CV =
 * (30 − 7)/(30 + 7) = 0.62 > 0.50, and additions can only raise the
 * second school (the first cannot move), which widens the spread: CV =
 * (x − 7)/(x + 7) grows with x.  No plan exists, and the solver proves it
 * (the school rule alone is satisfiable, so it is the coefficient). */
static void test_plan_infeasible_coefficient(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;
	jh_plan_options opt = {20, 0};

	load_merged(&f, HDR "\n" MERGE_CENTRAL MERGE_POINT("210")
	            "1101010102,乙小学,110101,2024,primary,,30,0,0,"
	            "2,0,1,0,1,0,3,0,150,900,63000,1\n");
	assert_near(f.res->counties[0].stage[JH_STAGE_PRIMARY].cv[JH_IND_SPORTS_AREA],
	            23.0 / 37, 1e-12);
	assert_int_equal(f.res->counties[0].stage[JH_STAGE_PRIMARY].schools_failing, 0);
	assert_int_equal(jh_plan_county(f.res, 0, &f.costs, &opt, &p, &f.diags), JH_OK);
	assert_int_equal(p.status, JH_PLAN_INFEASIBLE);
	assert_null(p.unreachable);
	assert_int_equal(f.diags.count, 1);
	assert_int_equal(f.diags.items[0].problem, JH_P_PLAN_INFEASIBLE);
	jh_plan_free(&p);
	done(&f);
}

/* --- gaps that no addition closes, and the rendering -------------------- */

/* The merged county of test_plan_infeasible_school: the central school's
 * primary stage cannot be made to pass (its sports ground is 0 a pupil,
 * under the floor, and no m² added to the central school reaches that
 * stage).  It is listed, not dropped: unreachable, stage primary, the one
 * indicator sports area, nothing added, cost 0. */
static void test_gaps_unreachable_school(void **state)
{
	(void)state;
	struct fx f;
	size_t n;
	jh_addition *g = NULL;

	load_merged(&f, HDR "\n" MERGE_CENTRAL MERGE_POINT("0"));
	assert_int_equal(jh_gaps_schools(f.res, &f.costs, &g, &n, &f.diags), JH_OK);
	assert_int_equal(n, 1);
	assert_string_equal(g[0].school->school_code, "1101010100");
	assert_true(g[0].unreachable);
	assert_int_equal(g[0].stage, JH_STAGE_PRIMARY);
	assert_int_equal(g[0].indicators, 1u << JH_IND_SPORTS_AREA);
	assert_only(&g[0], 0, NULL, NULL);
	assert_near(g[0].cost, 0, 0);
	assert_int_equal(f.diags.count, 0);
	free(g);
	/* jh_gaps_county lists it too. */
	assert_int_equal(jh_gaps_county(f.res, 0, &f.costs, &g, &n, &f.diags), JH_OK);
	assert_int_equal(n, 1);
	assert_true(g[0].unreachable);
	free(g);
	done(&f);
}

static char *render(const jh_plan *p, const jh_addition *g, size_t n,
                    jh_format fmt, const char *lang)
{
	jh_buf b = JH_BUF_INIT;

	assert_int_equal(jh_gaps_report(p, g, n, fmt, lang, &b), JH_OK);
	return jh_buf_detach(&b, NULL);
}

/* The same county rendered: the school with its reason, and why there is
 * no plan, in Chinese, English, JSON and CSV. */
static void test_gaps_report_unreachable(void **state)
{
	(void)state;
	struct fx f;
	size_t n;
	jh_addition *g = NULL;
	jh_plan p;
	char *t;
	json_t *js;

	load_merged(&f, HDR "\n" MERGE_CENTRAL MERGE_POINT("0"));
	assert_int_equal(jh_gaps_county(f.res, 0, &f.costs, &g, &n, &f.diags), JH_OK);
	assert_int_equal(jh_plan_county(f.res, 0, &f.costs, NULL, &p, &f.diags), JH_OK);
	t = render(&p, g, n, JH_FMT_TEXT, "zh");
	assert_string_equal(t,
	    "县(市、区) 110101 · 2024 年度\n\n未达标学校单独补足所需(1 所):\n"
	    "  1101010100 中心学校:无论增加多少资源都无法达标(小学学段:生均体育运动场馆面积)\n"
	    "\n没有可使全县达标的方案:1101010100 中心学校 无论增加多少资源都无法达标。\n");
	free(t);
	t = render(&p, g, n, JH_FMT_TEXT, "en");
	assert_string_equal(t,
	    "County 110101 · 2024\n\nFailing schools, each on its own (1):\n"
	    "  1101010100 中心学校: no addition makes it pass (primary stage: "
	    "sports ground and hall area per student)\n"
	    "\nNo plan exists: no addition makes 1101010100 中心学校 pass.\n");
	free(t);
	t = render(&p, g, n, JH_FMT_JSON, "en");
	js = json_loads(t, 0, NULL);
	assert_non_null(js);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    json_array_get(json_object_get(js, "schools"), 0), "unreachable"), "stage")),
	    "primary");
	assert_string_equal(json_string_value(json_array_get(json_object_get(json_object_get(
	    json_array_get(json_object_get(js, "schools"), 0), "unreachable"), "indicators"), 0)),
	    "sports_area_per_student");
	assert_string_equal(json_string_value(json_object_get(json_object_get(js, "plan"),
	                                                      "status")), "infeasible");
	assert_true(json_is_false(json_object_get(json_object_get(js, "plan"), "solved")));
	/* No plan, no cost: null, not a missing key. */
	assert_true(json_is_null(json_object_get(json_object_get(js, "plan"), "cost")));
	assert_true(json_is_null(json_object_get(json_object_get(js, "plan"), "gap")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(js, "plan"),
	                                                      "unreachable_school")), "1101010100");
	json_decref(js);
	free(t);
	t = render(&p, g, n, JH_FMT_CSV, "en");
	assert_string_equal(t, JH_UTF8_BOM
	    "record,county_code,year,school_code,school_name,field,amount,cost,"
	    "status,lower_bound,gap,unreachable,county_name,unit,limit\n"
	    "gap,110101,2024,1101010100,中心学校,,,0,unreachable,,,primary:sports_area_per_student,,yuan,\n"
	    "plan,110101,2024,,,,,,infeasible,0,,1101010100,,yuan,\n");
	free(t);
	jh_plan_free(&p);
	free(g);
	done(&f);
}

/* A county with a plan (test_gap_equipment_to_floor: 5,000 yuan of
 * equipment at 1 yuan a yuan, gap and plan alike, bound 5,000, gap 0),
 * rendered in Chinese and CSV; and the text for each kind of no plan. */
static void test_gaps_report_plan(void **state)
{
	(void)state;
	struct fx f;
	size_t n;
	jh_addition *g = NULL;
	jh_plan p;
	char *t;

	load(&f, EQUIPMENT_SHORT);
	assert_int_equal(jh_gaps_county(f.res, 0, &f.costs, &g, &n, &f.diags), JH_OK);
	plan_checked(&f, &p);
	t = render(&p, g, n, JH_FMT_TEXT, "zh");
	assert_string_equal(t,
	    "县(市、区) 110101 · 2024 年度\n\n未达标学校单独补足所需(1 所):\n"
	    "  1101010002 差小学:5,000 元\n"
	    "      教学仪器设备 5,000 元\n"
	    "\n全县最低成本方案(各校达标、各项差异系数达标、音乐美术专用教室补足):\n"
	    "  总成本 5,000 元,已证明的下界 5,000 元,相对差距 0.0000%\n"
	    "  1101010002 差小学:5,000 元\n"
	    "      教学仪器设备 5,000 元\n");
	free(t);
	t = render(&p, g, n, JH_FMT_CSV, "en");
	assert_string_equal(t, JH_UTF8_BOM
	    "record,county_code,year,school_code,school_name,field,amount,cost,"
	    "status,lower_bound,gap,unreachable,county_name,unit,limit\n"
	    "gap,110101,2024,1101010002,差小学,,,5000,,,,,,yuan,\n"
	    "gap_add,110101,2024,1101010002,差小学,equipment_value_yuan,5000,,,,,,,yuan,\n"
	    "plan,110101,2024,,,,,5000,found,5000,0,,,yuan,\n"
	    "plan_school,110101,2024,1101010002,差小学,,,5000,,,,,,yuan,\n"
	    "plan_add,110101,2024,1101010002,差小学,equipment_value_yuan,5000,,,,,,,yuan,\n");
	free(t);
	jh_plan_free(&p);

	/* No plan: each reason its own line (a plan made by hand). */
	memset(&p, 0, sizeof p);
	strcpy(p.county_code, "110101");
	p.year = 2024;
	p.cost = p.gap = NAN;
	p.status = JH_PLAN_TIME_LIMIT;
	t = render(&p, NULL, 0, JH_FMT_TEXT, "en");
	assert_non_null(strstr(t, "\nNo plan found within the time limit.\n"));
	free(t);
	p.status = JH_PLAN_SOLVER_FAILED;
	t = render(&p, NULL, 0, JH_FMT_TEXT, "zh");
	assert_non_null(strstr(t, "\n求解器(GLPK)出错,未求得方案。\n"));
	free(t);
	p.status = JH_PLAN_INFEASIBLE;
	t = render(&p, NULL, 0, JH_FMT_TEXT, "en");
	assert_non_null(strstr(t, "\nNo plan exists: no additions bring every "
	                          "difference coefficient within its limit.\n"));
	free(t);
	t = render(&p, NULL, 0, JH_FMT_CSV, "en");
	assert_non_null(strstr(t, "\nplan,110101,2024,,,,,,infeasible,0,,,,yuan,\n"));
	free(t);
	{
		jh_buf b = JH_BUF_INIT;
		assert_int_equal(jh_gaps_report(&p, NULL, 0, (jh_format)7, "en", &b), JH_ERR_ARG);
		assert_int_equal(jh_gaps_report(NULL, NULL, 0, JH_FMT_TEXT, "en", &b), JH_ERR_ARG);
		jh_buf_free(&b);
	}
	free(g);
	done(&f);
}

/* --- what the county plan covers besides the resource part ------------ */

/* Three primary schools with the room and class columns:
 *   1101010001 meets everything: 12 classes need ceil(12/12) = 1 room of
 *     each, it has 1 music room of 100 m² (≥ 96) and 1 art room of 90 m²
 *     (≥ 90); largest class 40 ≤ 45;
 *   1101010002 is EQUIPMENT_SHORT's: +5,000 yuan of equipment; 13 classes
 *     need ceil(13/12) = 2 rooms of each, it has 1 and 1: +1 music room
 *     (400,000) +1 art room (380,000), and its art room of 80 m² is
 *     enlarged by 90 − 80 = 10 m² × 3,500 = 35,000; rooms 815,000 in
 *     all, the school 820,000.  Its largest class, 48 > 45, no addition
 *     fixes;
 *   1101010003 is 1101010001 × 21 without the room columns: 2,100 pupils
 *     > 2,000, a school too large, every indicator the same.
 * The per-school list asks 820,000; the county plan must cover the same:
 * 5,000 (the resource part, as test_gap_equipment_to_floor) + 815,000
 * rooms = 820,000, bound alike, gap 0; and name the two sizes. */
#define ROOMS_HDR HDR ",classes_primary,largest_class_primary,music_rooms," \
	"music_room_min_area_m2,art_rooms,art_room_min_area_m2\n"
#define ROOMS_CSV ROOMS_HDR \
	"1101010001,好小学,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,12,40,1,100,1,90\n" \
	"1101010002,差小学,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,165000,3,13,48,1,96,1,80\n" \
	"1101010003,大小学,110101,2024,primary,,2100,0,0,105,0,42,0,21,0,168,0,10500,16800,4410000,63,,,,,,\n"

static void test_plan_covers_rooms_and_sizes(void **state)
{
	(void)state;
	struct fx f;
	size_t n;
	jh_addition *g = NULL;
	jh_plan p;
	char *t;
	static const int fields[4] = {JH_F_EQUIPMENT_VALUE, JH_F_MUSIC_ROOMS,
	                              JH_F_ART_ROOMS, JH_F_ART_ROOM_MIN_AREA};
	static const double amounts[4] = {5000, 1, 1, 10};

	load(&f, ROOMS_CSV);
	assert_int_equal(jh_gaps_county(f.res, 0, &f.costs, &g, &n, &f.diags), JH_OK);
	assert_int_equal(n, 1);
	assert_only(&g[0], 4, fields, amounts);
	assert_near(g[0].cost, 820000, 0);
	plan_checked(&f, &p);
	assert_int_equal(p.nadd, 1);
	assert_only(&p.add[0], 4, fields, amounts);
	assert_near(p.cost, 820000, 1e-6);
	assert_near(p.lower_bound, 820000, 1e-6);
	assert_near(p.rooms_cost, 815000, 1e-6);
	assert_near(p.gap, 0, 1e-12);
	assert_true(p.cost >= g[0].cost);
	/* Class 48 > 45 (primary); 2,100 pupils > 2,000. */
	assert_int_equal(p.nbeyond, 2);
	assert_string_equal(p.beyond[0].school->school_code, "1101010002");
	assert_int_equal(p.beyond[0].kind, JH_BEYOND_CLASS_SIZE);
	assert_int_equal(p.beyond[0].stage, JH_STAGE_PRIMARY);
	assert_near(p.beyond[0].value, 48, 0);
	assert_near(p.beyond[0].limit, 45, 0);
	assert_string_equal(p.beyond[1].school->school_code, "1101010003");
	assert_int_equal(p.beyond[1].kind, JH_BEYOND_SCHOOL_SIZE);
	assert_near(p.beyond[1].value, 2100, 0);
	assert_near(p.beyond[1].limit, 2000, 0);

	t = render(&p, g, n, JH_FMT_TEXT, "zh");
	assert_string_equal(t,
	    "县(市、区) 110101 · 2024 年度\n\n未达标学校单独补足所需(1 所):\n"
	    "  1101010002 差小学:820,000 元\n"
	    "      教学仪器设备 5,000 元\n"
	    "      音乐专用教室 1 间 × 400,000 元 = 400,000 元\n"
	    "      美术专用教室 1 间 × 380,000 元 = 380,000 元\n"
	    "      最小美术专用教室扩大面积 10 ㎡ × 3,500 元 = 35,000 元\n"
	    "\n增加资源无法解决的问题(2 项,须分班、分流学生或调整学校布局):\n"
	    "  1101010002 差小学:小学最大班额 48 人,超过上限 45 人\n"
	    "  1101010003 大小学:义务教育阶段在校生 2,100 人,超过上限 2,000 人\n"
	    "\n全县最低成本方案(各校达标、各项差异系数达标、音乐美术专用教室补足;不含上列班额、规模问题):\n"
	    "  总成本 820,000 元,已证明的下界 820,000 元,相对差距 0.0000%\n"
	    "  其中音乐、美术专用教室 815,000 元(任何方案都须补足)\n"
	    "  1101010002 差小学:820,000 元\n"
	    "      教学仪器设备 5,000 元\n"
	    "      音乐专用教室 1 间 × 400,000 元 = 400,000 元\n"
	    "      美术专用教室 1 间 × 380,000 元 = 380,000 元\n"
	    "      最小美术专用教室扩大面积 10 ㎡ × 3,500 元 = 35,000 元\n");
	free(t);
	t = render(&p, g, n, JH_FMT_TEXT, "en");
	assert_non_null(strstr(t, "\nNot fixed by adding resources (2): classes must be split, "
	                          "pupils placed elsewhere or schools re-planned:\n"
	                          "  1101010002 差小学: largest primary class 48 pupils, over the maximum of 45\n"
	                          "  1101010003 大小学: 2,100 pupils in the compulsory stages, over the maximum of 2,000\n"));
	assert_non_null(strstr(t, "  of which music and art rooms 815,000 yuan (needed in every plan)\n"));
	free(t);
	t = render(&p, g, n, JH_FMT_CSV, "en");
	assert_non_null(strstr(t, "\nbeyond,110101,2024,1101010002,差小学,largest_class_primary,48,,class_size,,,,,pupils,45\n"
	                          "beyond,110101,2024,1101010003,大小学,students_compulsory,2100,,school_size,,,,,pupils,2000\n"
	                          "plan,110101,2024,,,,,820000,found,820000,0,,,yuan,\n"));
	free(t);
	/* In Chinese: headers, records, items, statuses and units. */
	t = render(&p, g, n, JH_FMT_CSV, "zh");
	assert_non_null(strstr(t, JH_UTF8_BOM "记录,县(市、区)代码,年度,学校标识码,学校名称,项目,"
	                          "增加数量,费用(元),状态,下界(元),相对差距,无法达标的学段与指标,"
	                          "县(市、区)名称,单位,上限\n"
	                          "单校补足,110101,2024,1101010002,差小学,,,820000,,,,,,元,\n"
	                          "单校补足项,110101,2024,1101010002,差小学,教学仪器设备值,5000,,,,,,,元,\n"));
	assert_non_null(strstr(t, "\n增加资源无法解决,110101,2024,1101010002,差小学,小学最大班额,48,,班额超过上限,,,,,人,45\n"
	                          "增加资源无法解决,110101,2024,1101010003,大小学,义务教育阶段在校生数,2100,,学校规模超过上限,,,,,人,2000\n"
	                          "全县方案,110101,2024,,,,,820000,已求得,820000,0,,,元,\n"));
	assert_non_null(strstr(t, "\n方案补足项,110101,2024,1101010002,差小学,音乐专用教室数,1,,,,,,,间,\n"));
	free(t);
	jh_plan_free(&p);
	/* No time: no plan, but every plan needs the rooms, so the bound is
	 * 0 (nothing solved) + 815,000; the sizes are named all the same. */
	{
		jh_plan_options none = {1e-9, 0};
		assert_int_equal(jh_plan_county(f.res, 0, &f.costs, &none, &p, &f.diags), JH_OK);
		assert_int_equal(p.status, JH_PLAN_TIME_LIMIT);
		assert_true(isnan(p.cost));
		assert_int_equal(p.nadd, 0);
		assert_near(p.lower_bound, 815000, 1e-6);
		assert_near(p.rooms_cost, 815000, 1e-6);
		assert_int_equal(p.nbeyond, 2);
		jh_plan_free(&p);
	}
	free(g);
	done(&f);
}

/* A county that passes the resource part but lacks a room still gets a
 * plan: the room (1101010002 of ROOMS_CSV with enough equipment, 200,000
 * yuan = 2,000 a pupil: 815,000 of rooms, nothing else). */
static void test_plan_rooms_only(void **state)
{
	(void)state;
	struct fx f;
	jh_plan p;

	load(&f, ROOMS_HDR
	     "1101010001,好小学,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,12,40,1,100,1,90\n"
	     "1101010002,差小学,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,200000,3,13,40,1,96,1,80\n");
	assert_true(f.res->counties[0].passes);
	plan_checked(&f, &p);
	assert_int_equal(p.nadd, 1);
	assert_near(p.cost, 815000, 1e-6);
	assert_near(p.rooms_cost, 815000, 1e-6);
	assert_int_equal(p.nbeyond, 0);
	jh_plan_free(&p);
	done(&f);
}

/* Teachers: each new teacher is of one kind (plan.c), so a school adding
 * 1 qualified and 1 PE/art teacher hires 2, not 4: one count with its
 * kinds under it, each priced: 1 × 120,000 + 1 × 120,000 = 240,000, the
 * school's cost. */
static void test_gaps_report_teachers(void **state)
{
	(void)state;
	struct fx f;
	jh_addition a;
	jh_plan p;
	char *t;

	load(&f, EQUIPMENT_SHORT);
	memset(&a, 0, sizeof a);
	a.school = jh_dataset_find(f.ds, "1101010002", 2024);
	a.add[JH_F_QUALIFIED_PRIMARY] = 1;
	a.add[JH_F_PE_ART_PRIMARY] = 1;
	a.add[JH_F_TEACHERS_PRIMARY] = 2;
	a.cost = 240000;
	memset(&p, 0, sizeof p);
	strcpy(p.county_code, "110101");
	p.year = 2024;
	p.status = JH_PLAN_TIME_LIMIT;
	p.costs = f.costs;
	t = render(&p, &a, 1, JH_FMT_TEXT, "zh");
	assert_string_equal(t,
	    "县(市、区) 110101 · 2024 年度\n\n未达标学校单独补足所需(1 所):\n"
	    "  1101010002 差小学:240,000 元\n"
	    "      新增小学专任教师 2 名,共 240,000 元,其中:\n"
	    "        高于规定学历教师 1 名 × 120,000 元\n"
	    "        体育、艺术(美术、音乐)专任教师 1 名 × 120,000 元\n"
	    "\n在时限内未求得方案。\n");
	free(t);
	t = render(&p, &a, 1, JH_FMT_TEXT, "en");
	assert_non_null(strstr(t,
	    "  1101010002 差小学: 240,000 yuan\n"
	    "      2 new primary teachers, 240,000 yuan in all, of whom:\n"
	    "        1 above the required qualification × 120,000 yuan\n"
	    "        1 PE or art (music, fine art) teachers × 120,000 yuan\n"));
	free(t);
	/* With the county's name (as jh_plan_county copies it from the
	 * result's areas). */
	p.county_name = "示例县";
	t = render(&p, &a, 1, JH_FMT_TEXT, "zh");
	assert_true(!strncmp(t, "示例县(110101)· 2024 年度\n", strlen("示例县(110101)· 2024 年度\n")));
	free(t);
	t = render(&p, &a, 1, JH_FMT_TEXT, "en");
	assert_true(!strncmp(t, "示例县 (county 110101) · 2024\n", strlen("示例县 (county 110101) · 2024\n")));
	free(t);
	done(&f);
}

/* --- the per-stage arithmetic, shared with jh_eval --------------------- */

/* A nine-year school of 100 primary and 100 junior pupils: weighted total
 * 100 + 1.1 × 100 = 210, so a shared column reaches the primary stage by
 * 100/210 and the junior by 110/210; teacher columns by 1.  Values: 5
 * qualified teachers for 100 pupils = 5 per 100; 450 m² for 100 = 4.5.
 * The rule (primary thresholds 4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3; floors
 * 85%): all seven met passes; one at 3.6 (≥ 4.2 × 0.85 = 3.57) still
 * passes (6 met); one at 3.5 (< 3.57) fails; two at 4.0 (< 4.2 and
 * < 4.5, both over their floors) fail (5 met). */
static void test_stage_arithmetic(void **state)
{
	(void)state;
	struct fx f;
	double coef[JH_IND__COUNT], v[JH_IND__COUNT] = {4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3};
	int met, below;

	load(&f, HDR "\n1101010006,九年制,110101,2024,nine_year,,100,100,0,"
	         "5,6,2,2,1,1,8,9,1260,1260,546000,6\n");
	assert_near(jhStageShares(&f.ds->rows[0], JH_STAGE_PRIMARY, &f.std, coef),
	            100.0 / 210, 1e-15);
	assert_near(coef[JH_IND_QUALIFIED], 1, 0);
	assert_near(coef[JH_IND_SPORTS_AREA], 100.0 / 210, 1e-15);
	assert_near(jhStageShares(&f.ds->rows[0], JH_STAGE_JUNIOR, &f.std, coef),
	            110.0 / 210, 1e-15);
	assert_near(coef[JH_IND_EQUIPMENT], 110.0 / 210, 1e-15);
	assert_int_equal(jhIndicatorField(JH_IND_KEY, JH_STAGE_JUNIOR), JH_F_KEY_JUNIOR);
	assert_int_equal(jhIndicatorField(JH_IND_SPORTS_AREA, JH_STAGE_JUNIOR), JH_F_SPORTS_AREA);
	assert_near(jhIndicatorValue(JH_IND_QUALIFIED, 5, 100), 5, 1e-12);
	assert_near(jhIndicatorValue(JH_IND_TEACHING_AREA, 450, 100), 4.5, 1e-12);
	assert_near(jhIndicatorValue(JH_IND_TEACHING_AREA, 450, 0), 0, 0);
	assert_near(jhIndicatorFloor(&f.std, JH_STAGE_PRIMARY, JH_IND_QUALIFIED), 3.57, 1e-12);
	assert_true(jhUnitRule(&f.std, JH_STAGE_PRIMARY, v, &met, &below));
	assert_int_equal(met, 7);
	v[JH_IND_QUALIFIED] = 3.6;
	assert_true(jhUnitRule(&f.std, JH_STAGE_PRIMARY, v, &met, &below));
	assert_int_equal(met, 6);
	assert_int_equal(below, 0);
	v[JH_IND_QUALIFIED] = 3.5;
	assert_false(jhUnitRule(&f.std, JH_STAGE_PRIMARY, v, &met, &below));
	assert_int_equal(below, 1);
	v[JH_IND_QUALIFIED] = 4.0;
	v[JH_IND_TEACHING_AREA] = 4.0;
	assert_false(jhUnitRule(&f.std, JH_STAGE_PRIMARY, v, &met, &below));
	assert_int_equal(met, 5);
	assert_int_equal(below, 0);
	/* And jh_eval's units are what these functions say. */
	assert_near(f.res->units[0].share, 100.0 / 210, 1e-15);
	assert_near(f.res->units[1].value[JH_IND_SPORTS_AREA],
	            jhIndicatorValue(JH_IND_SPORTS_AREA, 1260 * (110.0 / 210), 100), 0);
	done(&f);
}

/* --- applying --------------------------------------------------------- */

/* Every row is copied (extras, names, file and line included), additions
 * matched by code and year even through a row of another dataset, and
 * two additions to one school add up. */
static void test_dataset_apply(void **state)
{
	(void)state;
	struct fx f;
	jh_dataset *d2 = NULL, *other;
	jh_addition a[2];

	load(&f, HDR ",note\n"
	         "1101010080,甲小学,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,备注一\n"
	         "1101010081,乙小学,110101,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,165000,3,\n");
	other = jh_dataset_new();
	jh_school_year sy = f.ds->rows[1];
	assert_int_equal(jh_dataset_add(other, &sy), JH_OK);
	memset(a, 0, sizeof a);
	a[0].school = &other->rows[0];          /* a row of another dataset */
	a[0].add[JH_F_EQUIPMENT_VALUE] = 3000;
	a[1].school = &f.ds->rows[1];
	a[1].add[JH_F_EQUIPMENT_VALUE] = 2000;
	a[1].add[JH_F_KEY_PRIMARY] = 1;
	assert_int_equal(jh_dataset_apply(f.ds, a, 2, &d2), JH_OK);
	assert_int_equal(d2->nrows, 2);
	assert_string_equal(d2->rows[0].school_name, "甲小学");
	assert_string_equal(d2->rows[0].file, "t.csv");
	assert_int_equal(d2->rows[0].line, f.ds->rows[0].line);
	assert_near(d2->rows[0].v[JH_F_EQUIPMENT_VALUE], 210000, 0);
	assert_near(d2->rows[1].v[JH_F_EQUIPMENT_VALUE], 170000, 0);
	assert_near(d2->rows[1].v[JH_F_KEY_PRIMARY], 3, 0);
	assert_int_equal(d2->rows[0].extra_count, f.ds->rows[0].extra_count);
	assert_true(d2->rows[0].extra_count >= 1);
	assert_string_equal(d2->extra_names[d2->extras[d2->rows[0].extra_first].name],
	                    "note");
	assert_string_equal(d2->extras[d2->rows[0].extra_first].value, "备注一");
	assert_ptr_equal(jh_dataset_find(d2, "1101010081", 2024), &d2->rows[1]);
	jh_dataset_free(d2);

	/* A school the dataset does not hold. */
	snprintf(other->rows[0].school_code, sizeof other->rows[0].school_code,
	         "%s", "1101019999");
	assert_int_equal(jh_dataset_apply(f.ds, a, 1, &d2), JH_ERR_NOTFOUND);
	assert_null(d2);
	jh_dataset_free(other);
	done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_costs_default_matches_file),
		cmocka_unit_test(test_costs_parse_local),
		cmocka_unit_test(test_costs_parse_errors),
		cmocka_unit_test(test_gap_equipment_to_floor),
		cmocka_unit_test(test_gap_other_indicator_cheaper),
		cmocka_unit_test(test_gap_floor_plus_threshold),
		cmocka_unit_test(test_gap_whole_teachers),
		cmocka_unit_test(test_gap_nine_year_shared),
		cmocka_unit_test(test_gap_ignores_small_teaching_point),
		cmocka_unit_test(test_plan_county_passes),
		cmocka_unit_test(test_plan_cv_only),
		cmocka_unit_test(test_plan_gap_fixes_cv),
		cmocka_unit_test(test_plan_cv_whole_teachers),
		cmocka_unit_test(test_plan_rule_and_cv),
		cmocka_unit_test(test_plan_cv_three_schools),
		cmocka_unit_test(test_gap_merged_teaching_point),
		cmocka_unit_test(test_plan_args),
		cmocka_unit_test(test_dataset_apply),
		cmocka_unit_test(test_stage_arithmetic),
		cmocka_unit_test(test_plan_infeasible_school),
		cmocka_unit_test(test_plan_time_limit),
		cmocka_unit_test(test_plan_glpk_error),
		cmocka_unit_test(test_plan_infeasible_coefficient),
		cmocka_unit_test(test_gaps_unreachable_school),
		cmocka_unit_test(test_gaps_report_unreachable),
		cmocka_unit_test(test_gaps_report_plan),
		cmocka_unit_test(test_plan_covers_rooms_and_sizes),
		cmocka_unit_test(test_plan_rooms_only),
		cmocka_unit_test(test_gaps_report_teachers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
