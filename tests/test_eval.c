/*
** test_eval.c — the 2017 resource evaluation against hand-worked figures.
**
** Every expected number is derived in a comment from the standard as
** recorded in shared/reference/national-2017.md, never from the code.
*/
#include "testutil.h"
#include "core/core_int.h"      /* jhStandardKeys: every key and its rule */

#define HDR TEST_TEMPLATE_HEADER "\n"

/* A primary school of 100 students meeting every threshold comfortably:
 * 5 qualified, 2 key, 1 PE/art teacher per 100; 5 m², 8 m², 2100 yuan;
 * 3 rooms per 100. */
#define GOOD_P(code, name) code "," name ",110101,2024,primary,,100,0,0," \
	"5,0,2,0,1,0,8,0,500,800,210000,3\n"

struct fx {
	jh_dataset *ds;
	jh_standard std;
	jh_result *res;
	jh_diags diags;
};

static void load(struct fx *f, const char *csv)
{
	memset(f, 0, sizeof *f);
	assert_int_equal(jh_standard_national(&f->std, &f->diags), JH_OK);
	f->ds = jh_dataset_new();
	assert_non_null(f->ds);
	test_load_csv(f->ds, csv, &f->diags);
}

static void run(struct fx *f)
{
	assert_int_equal(jh_eval(f->ds, &f->std, NULL, &f->res, &f->diags), JH_OK);
}

static void done(struct fx *f)
{
	jh_result_free(f->res);
	jh_dataset_free(f->ds);
	jh_diags_free(&f->diags);
}

static const jh_unit *unit(const jh_result *r, const char *code, jh_stage st)
{
	for (size_t i = 0; i < r->nunits; i++)
		if (!strcmp(r->units[i].school->school_code, code) &&
		    r->units[i].stage == st)
			return &r->units[i];
	fail_msg("no unit %s/%d", code, st);
	return NULL;
}

/* Reference §8 A (S11): five primary schools, books per student.
 * X̄ = 1913/302 = 6.334437; Σ (Pi/P)(Xi − X̄)² = 10.65279; S = 3.263861;
 * CV = 3.263861 / 6.334437 = 0.515257 (the source rounds it to 0.52). */
static void test_cv_worked_example(void **state)
{
	(void)state;
	double p[] = {45, 37, 89, 76, 55};
	double x[] = {279.0 / 45, 137.0 / 37, 935.0 / 89, 160.0 / 76, 402.0 / 55};
	double mean, sd, cv = jh_cv(x, p, 5, &mean, &sd);

	assert_near(mean, 6.334437, 1e-6);
	assert_near(sd, 3.263861, 1e-6);
	assert_near(cv, 0.515257, 1e-6);
}

/* The mean is the county ratio Σ resource / Σ students (reference §2), and
 * an unweighted CV would differ: x = {1, 3}, p = {1, 3}: X̄ = (1+9)/4 = 2.5,
 * S² = ¼(1.5)² + ¾(0.5)² = 0.5625 + 0.1875 = 0.75, CV = √0.75/2.5 =
 * 0.346410; unweighted it would be 1/2 = 0.5. */
static void test_cv_is_student_weighted(void **state)
{
	(void)state;
	double p[] = {1, 3}, x[] = {1, 3};
	assert_near(jh_cv(x, p, 2, NULL, NULL), sqrt(0.75) / 2.5, 1e-12);
	assert_near(jh_cv(x, p, 2, NULL, NULL), 0.346410, 1e-6);
	/* No students, or a zero mean: undefined. */
	double z[] = {0, 0};
	assert_true(isnan(jh_cv(z, p, 2, NULL, NULL)));
	assert_true(isnan(jh_cv(x, z, 2, NULL, NULL)));
}

/* Reference §8 C (S12, 鸠江区 2023): a published primary CV of 0.501787
 * fails the ≤ 0.50 limit although it shows as "0.50" to 2 decimals; and
 * CV = SD / mean holds for the published L1: 1.643162 / 5.515273 =
 * 0.297929. */
static void test_cv_boundary_0501787(void **state)
{
	(void)state;
	jh_standard std;
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jh_standard_national(&std, &d), JH_OK);
	assert_false(jh_at_most(&std, 0.501787, std.cv_limit[JH_STAGE_PRIMARY]));
	assert_true(jh_at_most(&std, 0.50, std.cv_limit[JH_STAGE_PRIMARY]));
	assert_true(jh_at_most(&std, 0.499999, std.cv_limit[JH_STAGE_PRIMARY]));
	assert_false(jh_at_most(&std, 0.4501, std.cv_limit[JH_STAGE_JUNIOR]));
	assert_near(1.643162 / 5.515273, 0.297929, 1e-6);
	jh_diags_free(&d);
}

/* Reference §8 B (S8): a nine-year school with 166 primary and 210 junior
 * students splits shared resources 1 : 1.1: primary share 166/(166 +
 * 1.1×210) = 166/397 = 0.418136, junior 231/397 = 0.581864.  With 23,226
 * yuan of equipment: primary 23226 × 166/397 = 9711.63 yuan, i.e. 58.5038
 * yuan per primary student; junior 23226 × 231/397 = 13514.37, i.e.
 * 64.3541 per junior student.  Teachers are not split: 9 qualified primary
 * teachers for 166 pupils give 9/166×100 = 5.421687 per 100. */
static void test_split_nine_year(void **state)
{
	(void)state;
	struct fx f;

	load(&f, HDR "1101010001,九年制,110101,2024,nine_year,,166,210,0,"
	              "9,12,2,3,2,2,10,13,2000,3500,23226,9\n");
	run(&f);
	const jh_unit *p = unit(f.res, "1101010001", JH_STAGE_PRIMARY);
	const jh_unit *j = unit(f.res, "1101010001", JH_STAGE_JUNIOR);
	assert_near(p->share, 0.418136, 1e-6);
	assert_near(j->share, 0.581864, 1e-6);
	assert_near(p->resource[JH_IND_EQUIPMENT], 9711.63, 0.005);
	assert_near(p->value[JH_IND_EQUIPMENT], 58.5038, 1e-4);
	assert_near(j->value[JH_IND_EQUIPMENT], 64.3541, 1e-4);
	assert_near(p->value[JH_IND_QUALIFIED], 5.421687, 1e-6);
	/* Junior: 12 qualified of 210 pupils = 5.714286 per 100. */
	assert_near(j->value[JH_IND_QUALIFIED], 5.714286, 1e-6);
	/* Multimedia rooms split too: 9 × 166/397 = 3.763224 rooms for 166
	 * pupils = 2.267003 per 100. */
	assert_near(p->value[JH_IND_MULTIMEDIA], 2.267003, 1e-6);
	done(&f);
}

/* 十二年一贯制, weights 1 : 1.1 : 1.32 (reference §3): A = 600, B = 300,
 * C = 200 → weighted total 600 + 330 + 264 = 1194.  Primary share
 * 600/1194, junior 330/1194.  Teaching area 11,940 m² → primary 6,000 m²
 * = 10 m² per pupil; junior 3,300 m² = 11 m² per pupil (senior keeps
 * 2,640 m², outside compulsory education). */
static void test_split_twelve_year(void **state)
{
	(void)state;
	struct fx f;

	load(&f, HDR "1101010002,十二年制,110101,2024,twelve_year,,600,300,200,"
	              "30,20,7,4,6,3,35,22,11940,10000,1500000,20\n");
	run(&f);
	const jh_unit *p = unit(f.res, "1101010002", JH_STAGE_PRIMARY);
	const jh_unit *j = unit(f.res, "1101010002", JH_STAGE_JUNIOR);
	assert_near(p->share, 600.0 / 1194, 1e-12);
	assert_near(j->share, 330.0 / 1194, 1e-12);
	assert_near(p->value[JH_IND_TEACHING_AREA], 10.0, 1e-9);
	assert_near(j->value[JH_IND_TEACHING_AREA], 11.0, 1e-9);
	assert_near(p->students, 600, 0);
	assert_near(j->students, 300, 0);
	done(&f);
}

/* 完全中学, junior : senior = 1 : 1.2 (reference §3): B = 500, C = 400 →
 * junior share B/(B + 1.2C) = 500/980 = 0.510204 (the same as 1.1B/(1.1B +
 * 1.32C) = 550/1078).  Sports area 9,800 m² → 5,000 m² = 10 m² per junior
 * student, under the 10.2 threshold but over its 85% floor 8.67. */
static void test_split_complete_middle(void **state)
{
	(void)state;
	struct fx f;

	load(&f, HDR "1101010003,完中,110101,2024,complete_middle,,0,500,400,"
	              "0,30,0,6,0,5,0,33,6000,9800,2600000,13\n");
	run(&f);
	const jh_unit *j = unit(f.res, "1101010003", JH_STAGE_JUNIOR);
	assert_near(j->share, 500.0 / 980, 1e-12);
	assert_near(j->share, 0.510204, 1e-6);
	assert_near(j->value[JH_IND_SPORTS_AREA], 10.0, 1e-9);
	/* Junior: qualified 30/500×100 = 6 ≥ 5.3; key 1.2 ≥ 1; PE/art 1.0 ≥
	 * 0.9; teaching area 6000×0.510204/500 = 6.122 ≥ 5.8; sports 10 <
	 * 10.2; equipment 2600000×0.510204/500 = 2653.06 ≥ 2500; rooms
	 * 13×0.510204/500×100 = 1.3265 < 2.4 and under its floor 2.04.
	 * So 5 of 7 met and one below the floor: fails. */
	assert_int_equal(j->met, 5);
	assert_int_equal(j->below_floor, 1);
	assert_false(j->passes);
	/* A complete middle school has no primary unit. */
	for (size_t i = 0; i < f.res->nunits; i++)
		assert_int_equal(f.res->units[i].stage, JH_STAGE_JUNIOR);
	done(&f);
}

/* Teaching points (reference §3 and the adopted default): fewer than 50
 * students are left out; 50 or more form a primary unit of their own. */
static void test_teaching_points_50(void **state)
{
	(void)state;
	struct fx f;

	load(&f, HDR GOOD_P("1101010010", "中心小学")
	         "1101010011,甲教学点,110101,2024,teaching_point,1101010010,49,0,0,"
	         "3,0,1,0,1,0,3,0,245,392,102900,2\n"
	         "1101010012,乙教学点,110101,2024,teaching_point,1101010010,50,0,0,"
	         "3,0,1,0,1,0,3,0,250,400,105000,2\n");
	run(&f);
	assert_int_equal(unit(f.res, "1101010011", JH_STAGE_PRIMARY)->status,
	                 JH_UNIT_EXCLUDED_SMALL_TP);
	assert_int_equal(unit(f.res, "1101010012", JH_STAGE_PRIMARY)->status,
	                 JH_UNIT_EVALUATED);
	/* Evaluated: 100 + 50 students; the 49 are not counted. */
	assert_near(f.res->counties[0].stage[JH_STAGE_PRIMARY].students, 150, 0);
	assert_int_equal(f.res->counties[0].stage[JH_STAGE_PRIMARY].schools, 2);
	done(&f);
}

/* Merge policy: a 30-pupil teaching point joins its central school.
 * Central: 100 pupils, 800 m² sports; point: 30 pupils, 240 m² → merged
 * unit 130 pupils, 1040 m² = 8 m² per pupil; 5+2 = 7 qualified teachers
 * per 130 pupils = 5.384615 per 100. */
static void test_teaching_point_merge(void **state)
{
	(void)state;
	struct fx f;

	/* The policy defines the evaluation: a local file may not change it
	 * (test_standard_rules), so the test sets it directly. */
	load(&f, HDR GOOD_P("1101010010", "中心小学")
	         "1101010011,甲教学点,110101,2024,teaching_point,1101010010,30,0,0,"
	         "2,0,1,0,1,0,2,0,150,240,63000,1\n");
	f.std.tp_policy = JH_TP_MERGE;
	run(&f);
	const jh_unit *c = unit(f.res, "1101010010", JH_STAGE_PRIMARY);
	assert_int_equal(unit(f.res, "1101010011", JH_STAGE_PRIMARY)->status,
	                 JH_UNIT_MERGED);
	assert_near(c->students, 130, 0);
	assert_near(c->value[JH_IND_SPORTS_AREA], 8.0, 1e-9);
	assert_near(c->value[JH_IND_QUALIFIED], 700.0 / 130, 1e-9);
	assert_near(f.res->counties[0].stage[JH_STAGE_PRIMARY].students, 130, 0);
	done(&f);

	/* A point whose central school is absent cannot be merged. */
	load(&f, HDR "1101010011,甲教学点,110101,2024,teaching_point,1101010099,30,0,0,"
	         "2,0,1,0,1,0,2,0,150,240,63000,1\n");
	f.std.tp_policy = JH_TP_MERGE;
	assert_int_equal(jh_eval(f.ds, &f.std, NULL, &f.res, &f.diags), JH_ERR_INPUT);
	assert_int_equal(f.diags.count, 1);
	assert_int_equal(f.diags.items[0].problem, JH_P_NO_PARENT);
	assert_string_equal(f.diags.items[0].arg, "1101010099");
	done(&f);
}

/* Exact thresholds pass ("X以上" is ≥ X): 500 pupils with 21 qualified
 * teachers = 4.2 per 100, 5 key = 1.0, 4.5 PE/art... (teachers are whole:
 * 1000 pupils, 9 PE/art = 0.9); 4,500 m² / 1000 = 4.5; 7,500 m² = 7.5;
 * 2,000,000 yuan = 2000; 23 rooms = 2.3.  All seven exactly at the
 * threshold: 7 met. */
static void test_exact_thresholds(void **state)
{
	(void)state;
	struct fx f;

	load(&f, HDR "1101010020,恰好小学,110101,2024,primary,,1000,0,0,"
	              "42,0,10,0,9,0,60,0,4500,7500,2000000,23\n");
	run(&f);
	const jh_unit *u = unit(f.res, "1101010020", JH_STAGE_PRIMARY);
	assert_int_equal(u->met, 7);
	assert_true(u->passes);
	done(&f);
}

/* The 85% floor (reference §8 D): 2000 × 0.85 = 1700 yuan.  A school at
 * exactly 1700 (170,000 yuan / 100 pupils) is at the floor: 6 met, 1 under
 * threshold but not under the floor → passes.  1699 is under the floor →
 * fails although 6 of 7 are met. */
static void test_exact_floor(void **state)
{
	(void)state;
	struct fx f;

	load(&f, HDR "1101010030,达线小学,110101,2024,primary,,100,0,0,"
	              "5,0,2,0,1,0,8,0,500,800,170000,3\n"
	              "1101010031,差一元小学,110101,2024,primary,,100,0,0,"
	              "5,0,2,0,1,0,8,0,500,800,169900,3\n");
	run(&f);
	const jh_unit *a = unit(f.res, "1101010030", JH_STAGE_PRIMARY);
	const jh_unit *b = unit(f.res, "1101010031", JH_STAGE_PRIMARY);
	assert_near(a->value[JH_IND_EQUIPMENT], 1700, 1e-9);
	assert_int_equal(a->met, 6);
	assert_int_equal(a->below_floor, 0);
	assert_true(a->passes);
	assert_near(b->value[JH_IND_EQUIPMENT], 1699, 1e-9);
	assert_int_equal(b->met, 6);
	assert_int_equal(b->below_floor, 1);
	assert_false(b->passes);
	assert_false(f.res->counties[0].passes);
	assert_int_equal(f.res->counties[0].stage[JH_STAGE_PRIMARY].schools_failing, 1);
	done(&f);
}

/* 6 of 7 rule: two indicators under threshold but over the floor → 5 met
 * → fails.  Equipment 1800 (≥ 1700 floor) and sports 7.0 (≥ 6.375). */
static void test_five_of_seven_fails(void **state)
{
	(void)state;
	struct fx f;

	load(&f, HDR "1101010040,五项小学,110101,2024,primary,,100,0,0,"
	              "5,0,2,0,1,0,8,0,500,700,180000,3\n");
	run(&f);
	const jh_unit *u = unit(f.res, "1101010040", JH_STAGE_PRIMARY);
	assert_int_equal(u->met, 5);
	assert_int_equal(u->below_floor, 0);
	assert_false(u->passes);
	done(&f);
}

/* County coefficients: two primary schools of 100 pupils with 5 and 15 m²
 * of sports ground per pupil: X̄ = 10, S = sqrt(½·25 + ½·25) = 5, CV =
 * 0.5 exactly — within the primary limit (≤ 0.50).  The same figures in
 * junior schools fail the 0.45 limit.  Every other indicator is equal in
 * both schools, so its CV is 0. */
static void test_county_cv_limit(void **state)
{
	(void)state;
	struct fx f;

	load(&f, HDR "1101010050,甲小学,110101,2024,primary,,100,0,0,"
	              "5,0,2,0,1,0,8,0,500,500,210000,3\n"
	              "1101010051,乙小学,110101,2024,primary,,100,0,0,"
	              "5,0,2,0,1,0,8,0,500,1500,210000,3\n"
	              "1101010052,甲初中,110101,2024,junior,,0,100,0,"
	              "0,6,0,2,0,1,0,8,600,500,260000,3\n"
	              "1101010053,乙初中,110101,2024,junior,,0,100,0,"
	              "0,6,0,2,0,1,0,8,600,1500,260000,3\n");
	run(&f);
	const jh_stage_result *p = &f.res->counties[0].stage[JH_STAGE_PRIMARY];
	const jh_stage_result *j = &f.res->counties[0].stage[JH_STAGE_JUNIOR];
	assert_near(p->mean[JH_IND_SPORTS_AREA], 10, 1e-12);
	assert_near(p->sd[JH_IND_SPORTS_AREA], 5, 1e-12);
	assert_near(p->cv[JH_IND_SPORTS_AREA], 0.5, 1e-12);
	assert_true(p->cv_pass[JH_IND_SPORTS_AREA]);
	assert_near(p->cv[JH_IND_EQUIPMENT], 0, 1e-12);
	assert_near(j->cv[JH_IND_SPORTS_AREA], 0.5, 1e-12);
	assert_false(j->cv_pass[JH_IND_SPORTS_AREA]);
	assert_false(j->all_cv_pass);
	/* Junior school 甲: 5 m² < 10.2 and under its floor 8.67 → fails;
	 * 乙 passes. */
	assert_int_equal(j->schools_failing, 1);
	/* 综合: mean of seven CVs, six of them 0: 0.5/7. */
	assert_near(p->cv_mean, 0.5 / 7, 1e-12);
	assert_false(f.res->counties[0].passes);
	done(&f);
}

/* Filters and grouping: two counties, two years. */
static void test_filter(void **state)
{
	(void)state;
	struct fx f;
	jh_filter flt = {"110102", 2023, NULL};

	load(&f, HDR GOOD_P("1101010060", "甲")
	         "1101020061,乙,110102,2023,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3\n"
	         "1101020062,丙,110102,2024,primary,,100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3\n");
	assert_int_equal(jh_eval(f.ds, &f.std, &flt, &f.res, &f.diags), JH_OK);
	assert_int_equal(f.res->ncounties, 1);
	assert_string_equal(f.res->counties[0].county_code, "110102");
	assert_int_equal(f.res->counties[0].year, 2023);
	assert_true(f.res->counties[0].passes);
	jh_result_free(f.res);
	f.res = NULL;
	flt.year = 2020;
	assert_int_equal(jh_eval(f.ds, &f.std, &flt, &f.res, &f.diags), JH_ERR_NOTFOUND);
	run(&f);
	assert_int_equal(f.res->ncounties, 3);
	done(&f);
}

/* A school of 100 pupils 1 yuan a pupil short of 1700, the 85% floor of
 * 2000: 169900 / 100 = 1699 yuan.  The per-100 figures are whole: 5 / 100
 * · 100 = 5 (0.05 is stored as 0.05000000000000000278, times 100 rounds
 * back to 5), and so 2, 1 and 3 rooms; 500 / 100 = 5 m², 800 / 100 = 8. */
#define SHORT_ONE HDR "1101010031,差一元小学,110101,2024,primary,,100,0,0," \
	"5,0,2,0,1,0,8,0,500,800,169900,3\n"

/* JSON carries the documented keys and unrounded values, compact, with
 * numbers in their shortest form (4.2, not 4.2000000000000002). */
static void test_json_report(void **state)
{
	(void)state;
	struct fx f;
	jh_buf out = JH_BUF_INIT;

	load(&f, SHORT_ONE);
	run(&f);
	assert_int_equal(jh_report(f.res, JH_FMT_JSON, "en", &out), JH_OK);
	assert_non_null(strstr(out.data, "\"county_code\":\"110101\""));
	/* A real stays a real: 1699.0, as jansson wrote it before. */
	assert_non_null(strstr(out.data, "\"equipment_value_per_student\":1699.0"));
	assert_non_null(strstr(out.data, "\"kind\":\"below_floor\""));
	assert_non_null(strstr(out.data, "\"cv_limit\":0.5"));
	assert_non_null(strstr(out.data, "\"met\":6"));
	assert_non_null(strstr(out.data, "\"passes\":false"));
	/* The national thresholds 4.2 and 0.9 per 100 pupils (primary). */
	assert_non_null(strstr(out.data, "{\"qualified_teachers_per100\":4.2,"
	                                 "\"key_teachers_per100\":1.0,"
	                                 "\"pe_art_teachers_per100\":0.9,"));
	/* One line: the only new line ends the document. */
	assert_ptr_equal(strchr(out.data, '\n'), out.data + out.len - 1);
	jh_buf_free(&out);
	done(&f);
}

/* --pretty: the same document, one value a line, two spaces a level. */
static void test_json_report_pretty(void **state)
{
	(void)state;
	struct fx f;
	jh_buf out = JH_BUF_INIT;
	jh_out *o;

	load(&f, SHORT_ONE);
	run(&f);
	o = jh_out_new_buf(&out);
	assert_non_null(o);
	assert_int_equal(jh_report_write(f.res, JH_FMT_JSON, "en",
	                                 JH_REPORT_PRETTY, o), JH_OK);
	assert_int_equal(jh_out_close(o), JH_OK);
	{
		static const char head[] =
			"{\n  \"standard\": {\n    \"id\": \"national-2017\",\n";
		assert_memory_equal(out.data, head, sizeof head - 1);
	}
	assert_non_null(strstr(out.data, "\n      \"schools\": [\n        {\n"
	                                 "          \"school_code\": \"1101010031\",\n"));
	assert_non_null(strstr(out.data, "\"kind\": \"below_floor\"\n"));
	assert_string_equal(out.data + out.len - 7, "\n  ]\n}\n");
	jh_buf_free(&out);
	done(&f);
}

/* CSV: the school row with the figures above, shortest numbers, the 8
 * empty coefficient columns, met 6 of 7, the shortfall named, and last
 * the county's name (empty: no areas given). */
static void test_csv_report(void **state)
{
	(void)state;
	struct fx f;
	jh_buf out = JH_BUF_INIT;

	load(&f, SHORT_ONE);
	run(&f);
	assert_int_equal(jh_report(f.res, JH_FMT_CSV, "en", &out), JH_OK);
	assert_memory_equal(out.data, JH_UTF8_BOM "record,county_code,",
	                    strlen(JH_UTF8_BOM "record,county_code,"));
	assert_non_null(strstr(out.data, ",shortfalls,county_name\n"));
	assert_non_null(strstr(out.data,
		"\nschool,110101,2024,primary,1101010031,差一元小学,primary,"
		"evaluated,100,,5,2,1,5,8,1699,3,,,,,,,,,6,false,"
		"equipment_value_per_student,\n"));
	/* One school: every coefficient 0 (no spread), the mean of them 0. */
	assert_non_null(strstr(out.data,
		"\ncounty,110101,2024,primary,,,,,100,1,5,2,1,5,8,1699,3,"
		"0,0,0,0,0,0,0,0,,false,,\n"));
	jh_buf_free(&out);
	done(&f);
}

/* The same CSV in Chinese: Chinese column names and values (县/学校,
 * 小学, 参评, 是/否, the short name of the indicator short of its
 * threshold) and the county's name from the areas, city before county. */
static void test_csv_report_zh(void **state)
{
	(void)state;
	struct fx f;
	jh_buf out = JH_BUF_INIT;
	jh_areas *a = jh_areas_new();
	jh_area city = {"110100", "110000", JH_AREA_CITY, "示例市", NULL, 0};
	jh_area county = {"110101", "110100", JH_AREA_COUNTY, "东城区", NULL, 0};
	jh_area prov = {"110000", "", JH_AREA_PROVINCE, "示例省", NULL, 0};

	assert_non_null(a);
	assert_int_equal(jh_areas_put(a, &prov), JH_OK);
	assert_int_equal(jh_areas_put(a, &city), JH_OK);
	assert_int_equal(jh_areas_put(a, &county), JH_OK);
	load(&f, SHORT_ONE);
	run(&f);
	jh_result_set_areas(f.res, a);
	assert_int_equal(jh_report(f.res, JH_FMT_CSV, "zh", &out), JH_OK);
	assert_memory_equal(out.data, JH_UTF8_BOM "记录,县(市、区)代码,年度,学段,",
	                    strlen(JH_UTF8_BOM "记录,县(市、区)代码,年度,学段,"));
	assert_non_null(strstr(out.data, ",未达标指标,县(市、区)名称\n"));
	assert_null(strstr(out.data, "primary"));
	assert_non_null(strstr(out.data,
		"\n学校,110101,2024,小学,1101010031,差一元小学,小学,"
		"参评,100,,5,2,1,5,8,1699,3,,,,,,,,,6,否,"
		"仪器设备,示例市东城区\n"));
	assert_non_null(strstr(out.data,
		"\n县,110101,2024,小学,,,,,100,1,5,2,1,5,8,1699,3,"
		"0,0,0,0,0,0,0,0,,否,,示例市东城区\n"));
	jh_buf_free(&out);
	jh_areas_free(a);
	done(&f);
}

/* --- standards that can only tighten ----------------------------------- */

/* Parse a local file over the national standard; the problems it has. */
static jh_code local_std(const char *text, jh_standard *out, jh_diags *d)
{
	jh_diags_free(d);
	return jh_standard_parse(text, strlen(text), "l.std", NULL, out, d);
}

static void expect_problem(const char *text, jh_problem p, long line, const char *en)
{
	jh_standard s;
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;

	assert_int_equal(local_std(text, &s, &d), JH_ERR_STANDARD);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, p);
	assert_int_equal(d.items[0].line, line);
	if (en) {
		jh_diag_format(&d.items[0], "en", &b);
		assert_string_equal(b.data, en);
	}
	jh_buf_free(&b);
	jh_diags_free(&d);
}

static void expect_ok(const char *text)
{
	jh_standard s;
	jh_diags d = JH_DIAGS_INIT;

	if (local_std(text, &s, &d) != JH_OK) {
		jh_buf b = JH_BUF_INIT;
		jh_diags_format(&d, "en", &b);
		fail_msg("refused: %s", b.data);
	}
	jh_diags_free(&d);
}

/* Each class of key, with the two loosenings: a teaching-point
 * minimum of 100000 (every point dropped) and an epsilon of 1e-3. */
static void test_standard_rules(void **state)
{
	(void)state;
	jh_standard s;
	jh_diags d = JH_DIAGS_INIT;
	const char *B = "base = national-2017\nid = t\n";
	char t[512];

	/* Definitional: refused when changed, line 3 named, in both languages. */
	snprintf(t, sizeof t, "%s%s", B, "teaching_point.min_students = 100000\n");
	expect_problem(t, JH_P_STD_DEFINITIONAL, 3,
	               "l.std:line 3: 'teaching_point.min_students' defines the evaluation itself; "
	               "a local standard cannot change it (the base standard has 50)");
	assert_int_equal(local_std(t, &s, &d), JH_ERR_STANDARD);
	{
		jh_buf b = JH_BUF_INIT;
		jh_diag_format(&d.items[0], "zh", &b);
		assert_string_equal(b.data, "l.std:第3行: “teaching_point.min_students”定义评估本身,"
		                    "地方标准不能更改(基础标准为 50)");
		jh_buf_free(&b);
	}
	jh_diags_free(&d);
	snprintf(t, sizeof t, "%s%s", B, "compare.epsilon = 1e-3\n");
	expect_problem(t, JH_P_STD_DEFINITIONAL, 3,
	               "l.std:line 3: 'compare.epsilon' defines the evaluation itself; "
	               "a local standard cannot change it (the base standard has 1e-09)");
	/* Even a smaller epsilon: it is not a threshold in either direction
	 * (item 9's strict "< 0.15" subtracts it). */
	snprintf(t, sizeof t, "%s%s", B, "compare.epsilon = 1e-12\n");
	expect_problem(t, JH_P_STD_DEFINITIONAL, 3, NULL);
	snprintf(t, sizeof t, "%s%s", B, "teaching_point.policy = exclude\n");
	expect_problem(t, JH_P_STD_DEFINITIONAL, 3,
	               "l.std:line 3: 'teaching_point.policy' defines the evaluation itself; "
	               "a local standard cannot change it (the base standard has own_unit)");
	snprintf(t, sizeof t, "%s%s", B, "split.weight.junior = 1.2\n");
	expect_problem(t, JH_P_STD_DEFINITIONAL, 3, NULL);
	snprintf(t, sizeof t, "%s%s", B, "split.indicators = teaching_area_per_student\n");
	expect_problem(t, JH_P_STD_DEFINITIONAL, 3,
	               "l.std:line 3: 'split.indicators' defines the evaluation itself; "
	               "a local standard cannot change it (the base standard has "
	               "teaching_area_per_student, sports_area_per_student, "
	               "equipment_value_per_student, multimedia_rooms_per100)");
	/* Repeating the base's value changes nothing and is accepted. */
	snprintf(t, sizeof t, "%s%s", B, "teaching_point.min_students = 50\ncompare.epsilon = 1e-9\n"
	         "split.indicators = multimedia_rooms_per100, teaching_area_per_student, "
	         "sports_area_per_student, equipment_value_per_student\n"
	         "teaching_point.policy = own_unit\nsplit.weight.senior = 1.32\n");
	expect_ok(t);

	/* A minimum may only rise: 4.1 < 4.2 refused, 4.3 accepted; the
	 * grade 合格 < 良好 refused, 优秀 accepted; the years 2 < 3 refused. */
	snprintf(t, sizeof t, "%s%s", B, "threshold.primary.qualified_teachers_per100 = 4.1\n");
	expect_problem(t, JH_P_STD_LOOSER, 3, NULL);
	snprintf(t, sizeof t, "%s%s", B, "threshold.primary.qualified_teachers_per100 = 4.3\n");
	expect_ok(t);
	snprintf(t, sizeof t, "%s%s", B, "\nquality.moral_culture_min = 合格\n");
	expect_problem(t, JH_P_STD_LOOSER, 4,
	               "l.std:line 4: 'quality.moral_culture_min' is looser than the base "
	               "standard (良好); a local standard may only tighten it");
	snprintf(t, sizeof t, "%s%s", B, "quality.moral_culture_min = 优秀\n");
	expect_ok(t);
	assert_int_equal(local_std(t, &s, &d), JH_OK);
	assert_int_equal(s.moral_culture_min, 4);
	snprintf(t, sizeof t, "%s%s", B, "prerequisite.basic_balance_years = 2\n");
	expect_problem(t, JH_P_STD_LOOSER, 3, NULL);

	/* A maximum may only fall: the 1800 pupils accepted, 2100
	 * (> 2000) refused. */
	snprintf(t, sizeof t, "%s%s", B, "guarantee.school_size_max = 1800\n");
	expect_ok(t);
	assert_int_equal(local_std(t, &s, &d), JH_OK);
	assert_near(s.size_single_max, 1800, 0);
	snprintf(t, sizeof t, "%s%s", B, "guarantee.school_size_max = 2100\n");
	expect_problem(t, JH_P_STD_LOOSER, 3,
	               "l.std:line 3: 'guarantee.school_size_max' is looser than the base "
	               "standard (2000); a local standard may only tighten it");

	/* The recognition rule: only every_group (each group ≥ the minimum
	 * implies every mean of the groups is) may replace the base's. */
	snprintf(t, sizeof t, "%s%s", B, "recognition.rule = every_group\n");
	expect_ok(t);
	snprintf(t, sizeof t, "%s%s", B, "recognition.rule = all_respondents\n");
	expect_problem(t, JH_P_STD_STRICTER_ONLY, 3,
	               "l.std:line 3: 'recognition.rule' may only be changed to the stricter "
	               "'every_group' in a local standard");

	/* Identity: free. */
	expect_ok("base = national-2017\nid = other\nname_zh = 某省\nname_en = A province\n");
	jh_diags_free(&d);
}

/* Every key has a rule, and each rule holds for every key of its class:
 * each minimum refuses half its national value (or one less when whole)
 * and accepts the value itself; each maximum refuses 1.5 times its value
 * (or one more); each definitional key refuses 1.5 times its value or
 * another choice.  And data/standards/README.md names every key. */
static void test_standard_every_key(void **state)
{
	(void)state;
	size_t n;
	const struct jhStdKey *k = jhStandardKeys(&n);
	jh_standard nat;
	jh_diags d = JH_DIAGS_INIT;
	FILE *f = fopen("data/standards/README.md", "rb");
	jh_buf readme = JH_BUF_INIT;
	char chunk[4096], t[600];
	size_t got;

	assert_non_null(f);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		jh_buf_add(&readme, chunk, got);
	fclose(f);
	jh_buf_addc(&readme, '\0');
	assert_int_equal(jh_standard_national(&nat, &d), JH_OK);
	assert_true(n > 50);
	for (size_t i = 0; i < n; i++) {
		double v;
		const char *changed = NULL;
		char num[64];
		jh_problem want = JH_P_STD_DEFINITIONAL;

		if (!strstr(readme.data, k[i].name) && strncmp(k[i].name, "threshold.", 10) &&
		    strncmp(k[i].name, "cv_limit.", 9))
			fail_msg("data/standards/README.md does not name %s", k[i].name);
		if (k[i].rule == JH_RULE_IDENTITY) {
			assert_int_equal(k[i].kind, K_STR);
			continue;
		}
		if (k[i].kind == K_SWITCH) {
			/* A relaxation may be switched on and off; a veto (min
			 * rises) only on: off in the national standard, so both
			 * are accepted, and only on/off (or 是/否) are values. */
			assert_true(k[i].rule == JH_RULE_RELAXATION ||
			            k[i].rule == JH_RULE_MIN_RISES);
			assert_int_equal(jhStandardNumber(&nat, k[i].name, &v), 0);
			assert_true(v == 0);
			snprintf(t, sizeof t, "base = national-2017\nid = t\n%s = on\n", k[i].name);
			expect_ok(t);
			snprintf(t, sizeof t, "base = national-2017\nid = t\n%s = maybe\n", k[i].name);
			expect_problem(t, JH_P_STD_BAD_VALUE, 3, NULL);
			continue;
		}
		if (k[i].kind == K_DEGREE) {
			/* Min rises: primary associate (1) cannot fall; junior
			 * bachelor (2) refuses associate. */
			assert_int_equal(k[i].rule, JH_RULE_MIN_RISES);
			assert_int_equal(jhStandardNumber(&nat, k[i].name, &v), 0);
			snprintf(t, sizeof t, "base = national-2017\nid = t\n%s = %s\n", k[i].name,
			         v > 1 ? "associate" : "secondary");
			expect_problem(t, v > 1 ? JH_P_STD_LOOSER : JH_P_STD_BAD_VALUE, 3, NULL);
			snprintf(t, sizeof t, "base = national-2017\nid = t\n%s = doctor\n", k[i].name);
			expect_ok(t);
			continue;
		}
		if (k[i].kind == K_NUM || k[i].kind == K_INT || k[i].kind == K_GRADE) {
			int whole = k[i].kind != K_NUM;
			assert_int_equal(jhStandardNumber(&nat, k[i].name, &v), 0);
			if (k[i].rule == JH_RULE_MIN_RISES) {
				want = JH_P_STD_LOOSER;
				v = whole ? v - 1 : v / 2;
			} else if (k[i].rule == JH_RULE_MAX_FALLS) {
				want = JH_P_STD_LOOSER;
				v = whole ? v + 1 : v * 1.5;
			} else {
				assert_int_equal(k[i].rule, JH_RULE_DEFINITIONAL);
				v = whole ? v + 1 : v * 1.5;
			}
			snprintf(num, sizeof num, "%.17g", v);
			changed = num;
		} else if (k[i].kind == K_POLICY) {
			assert_int_equal(k[i].rule, JH_RULE_DEFINITIONAL);
			changed = "merge";
		} else if (k[i].kind == K_SPLIT) {
			assert_int_equal(k[i].rule, JH_RULE_DEFINITIONAL);
			changed = "teaching_area_per_student";
		} else {
			assert_int_equal(k[i].kind, K_RULE);
			assert_int_equal(k[i].rule, JH_RULE_STRICTER_CHOICE);
			changed = "mean_of_groups, all_respondents";   /* not a rule: bad value */
			want = JH_P_STD_BAD_VALUE;
		}
		if (k[i].kind == K_GRADE)
			changed = "合格";
		snprintf(t, sizeof t, "base = national-2017\nid = t\n%s = %s\n", k[i].name, changed);
		expect_problem(t, want, 3, NULL);
	}
	jh_buf_free(&readme);
	jh_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cv_worked_example),
		cmocka_unit_test(test_cv_is_student_weighted),
		cmocka_unit_test(test_cv_boundary_0501787),
		cmocka_unit_test(test_split_nine_year),
		cmocka_unit_test(test_split_twelve_year),
		cmocka_unit_test(test_split_complete_middle),
		cmocka_unit_test(test_teaching_points_50),
		cmocka_unit_test(test_teaching_point_merge),
		cmocka_unit_test(test_exact_thresholds),
		cmocka_unit_test(test_exact_floor),
		cmocka_unit_test(test_five_of_seven_fails),
		cmocka_unit_test(test_county_cv_limit),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_json_report),
		cmocka_unit_test(test_standard_rules),
		cmocka_unit_test(test_standard_every_key),
		cmocka_unit_test(test_json_report_pretty),
		cmocka_unit_test(test_csv_report),
		cmocka_unit_test(test_csv_report_zh),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
