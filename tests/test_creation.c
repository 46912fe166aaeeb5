/*
** test_creation.c — creation plans (lib/cycle/creation*.c, measures.c,
** trends.c): the measures of a small county worked out by hand, each
** milestone met / due / missed / no_data around its deadline with the day
** fixed, counties behind schedule, the plan's validation (a coded problem
** naming each bad field), versions and their compare-and-set, and the
** role rules of the design's table (who may read, edit, set the target
** year, set city-wide targets).
**
** The data: province 360000, city 369900, counties 369904 and 369905;
** county 369904 has two primary schools:
**
**   school       year pupils qualified key pe_art teachers teach m² sports m² equipment multimedia largest class
**   3699040001   2024 2100   100       21  21     120      10500    16800     4620000   50         50
**   3699040002   2024  400    20        2   2      25       2000     3200      880000   10         40
**   3699040001   2023 1900   100       21  21     120      10500    16800     4620000   50         44
**   3699040002   2023  400    20        2   2      25       2000     3200      880000   10         40
**
** Per 100 pupils in 2024: school 1 has 100/21 = 4.76 qualified (≥ 4.2),
** 1.0 key (≥ 1.0), 1.0 PE/art (≥ 0.9), 5.0 m² teaching (≥ 4.5), 8.0 m²
** sports (≥ 7.5), 2,200 yuan (≥ 2,000), 50/21 = 2.38 multimedia (≥ 2.3):
** all 7 met.  School 2: 5.0 qualified, 0.5 key (< 1.0, and under the
** floor 0.85), 0.5 PE/art (< 0.9, under 0.765), 5.0, 8.0, 2,200, 2.5:
** 5 met, fails the 6-of-7 rule.
*/
#include "testutil.h"
#include "cycle/cycle_int.h"

#include <stdlib.h>
#include <unistd.h>

#define AREAS \
	"province_code,province_name,city_code,city_name,county_code,county_name\n" \
	"360000,示例省,369900,江州市,369904,云岭县\n" \
	"360000,示例省,369900,江州市,369905,柳河县\n"

#define HEAD TEST_TEMPLATE_HEADER ",largest_class_primary\n"
#define S1_2024 "3699040001,甲小学,369904,2024,primary,,2100,0,0,100,0,21,0,21,0,120,0,10500,16800,4620000,50,50\n"
#define S2_2024 "3699040002,乙小学,369904,2024,primary,,400,0,0,20,0,2,0,2,0,25,0,2000,3200,880000,10,40\n"
#define S1_2023 "3699040001,甲小学,369904,2023,primary,,1900,0,0,100,0,21,0,21,0,120,0,10500,16800,4620000,50,44\n"
#define S2_2023 "3699040002,乙小学,369904,2023,primary,,400,0,0,20,0,2,0,2,0,25,0,2000,3200,880000,10,40\n"
/* County 369905: one school, 2024, passing everything, not large. */
#define T1_2024 "3699050001,丙小学,369905,2024,primary,,500,0,0,25,0,5,0,5,0,30,0,2500,4000,1100000,12,40\n"

struct fx {
	char dir[64], path[96];
	jh_store *s;
	jh_diags d;
	jh_user admin, city, county, other_county, inspector, school, province,
	        other_city;
};

static void fail_diags(const char *what, jh_code rc, const jh_diags *d)
{
	static char msg[4096];
	jh_buf b = JH_BUF_INIT;
	jh_diags_format(d, "en", &b);
	snprintf(msg, sizeof msg, "%s", b.data ? b.data : "");
	jh_buf_free(&b);
	fail_msg("%s: %s\n%s", what, jh_code_str(rc, "en"), msg);
}

static jh_user user(const char *name, jh_role role, const char *area)
{
	jh_user u;
	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "%s", name);
	u.role = role;
	snprintf(u.area, sizeof u.area, "%s", area);
	return u;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	const char *schools = HEAD S1_2024 S2_2024 S1_2023 S2_2023 T1_2024;
	const char *areas = AREAS;
	jh_import_set *is = jh_import_set_new(0, 0, 0);
	jh_import_stats st;
	jh_code rc;

	snprintf(f->dir, sizeof f->dir, "/tmp/jh_test_creation.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/j.db", f->dir);
	jh_diags_init(&f->d);
	setenv("JUNHENG_TZ", "Asia/Shanghai", 1);
	unsetenv("JUNHENG_TODAY");
	assert_int_equal(jh_store_init(f->path, &f->s, &f->d), JH_OK);
	assert_int_equal(jh_import_set_add(is, "areas.csv", areas, strlen(areas), &f->d), JH_OK);
	assert_int_equal(jh_import_set_add(is, "s.csv", schools, strlen(schools), &f->d), JH_OK);
	if ((rc = jh_import_set_store(f->s, is, NULL, "t", "test", &st, &f->d)))
		fail_diags("import", rc, &f->d);
	jh_import_set_free(is);
	f->admin = user("admin", JH_ROLE_ADMIN, "");
	f->province = user("prov", JH_ROLE_PROVINCE, "360000");
	f->city = user("city", JH_ROLE_CITY, "369900");
	f->other_city = user("city2", JH_ROLE_CITY, "369800");
	f->county = user("yl", JH_ROLE_COUNTY, "369904");
	f->other_county = user("lh", JH_ROLE_COUNTY, "369905");
	f->inspector = user("insp", JH_ROLE_INSPECTOR, "369900");
	f->school = user("s1", JH_ROLE_SCHOOL, "3699040001");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	jh_store_close(f->s);
	jh_diags_free(&f->d);
	rm_rf(f->dir);
	free(f);
	return 0;
}

static void put_ok(struct fx *f, const jh_user *who, const char *area,
                   const char *json)
{
	jh_buf out = JH_BUF_INIT;
	jh_code rc;

	jh_diags_free(&f->d);
	jh_diags_init(&f->d);
	if ((rc = jh_creation_put(f->s, who, area, json, strlen(json), &out, &f->d)))
		fail_diags("put", rc, &f->d);
	jh_buf_free(&out);
}

static jh_code put(struct fx *f, const jh_user *who, const char *area,
                   const char *json)
{
	jh_buf out = JH_BUF_INIT;
	jh_code rc;

	jh_diags_free(&f->d);
	jh_diags_init(&f->d);
	rc = jh_creation_put(f->s, who, area, json, strlen(json), &out, &f->d);
	jh_buf_free(&out);
	return rc;
}

/* --- measures ------------------------------------------------------- */

static void test_measures_by_hand(void **state)
{
	struct fx *f = *state;
	jh_query q = {0};
	jhLoaded L = JH_LOADED_INIT;
	jhMeasureSet m;
	double v;

	q.county = "369904";
	q.year = 2024;
	assert_int_equal(jhServiceLoad(f->s, &q, JH_LOAD_ITEMS, 0, &L, &f->d), JH_OK);
	assert_int_equal(jhMeasuresCompute(L.res, 0, L.items, &m, &f->d), JH_OK);
	/* School 1: 2,100 pupils > 2,000 — one large school; its largest
	 * class 50 > 45 — one stage with an oversized class; school 2 at 400
	 * and 40 is neither. */
	assert_true(jhMeasureValue(&m, "large_schools", &v));
	assert_near(v, 1, 0);
	assert_true(jhMeasureValue(&m, "large_class_stages", &v));
	assert_near(v, 1, 0);
	/* School 2 meets 5 of 7: one failing school stage. */
	assert_true(jhMeasureValue(&m, "failing_school_stages", &v));
	assert_near(v, 1, 0);
	/* The key-teacher coefficient: x = 1.0 (2,100 pupils), 0.5 (400).
	 * P = 2,500; mean = (2,100 × 1.0 + 400 × 0.5) / 2,500 = 0.92;
	 * variance = 0.84 × 0.08² + 0.16 × 0.42² = 0.005376 + 0.028224 =
	 * 0.0336; sd = 0.183303; CV = 0.183303 / 0.92 = 0.199243. */
	assert_true(jhMeasureValue(&m, "cv.primary.key_teachers_per100", &v));
	assert_near(v, 0.199243, 1e-6);
	/* The multimedia coefficient: 50/2,100 × 100 = 2.380952 and 2.5;
	 * mean = (50 + 10) / 2,500 × 100 = 2.4; variance = 0.84 × 0.019048²
	 * + 0.16 × 0.1² = 0.000304762 + 0.0016 = 0.001904762; sd = 0.043644;
	 * CV = 0.018185. */
	assert_true(jhMeasureValue(&m, "cv.primary.multimedia_rooms_per100", &v));
	assert_near(v, 0.018185, 1e-6);
	/* No junior stage: no figure. */
	assert_false(jhMeasureValue(&m, "cv.junior.key_teachers_per100", &v));
	/* Verdict item guarantee.4 (school size) fails with school 1;
	 * guarantee.5 (class size) too. */
	assert_true(jhMeasureValue(&m, "item.guarantee.4", &v));
	assert_near(v, 0, 0);
	assert_true(jhMeasureValue(&m, "item.guarantee.5", &v));
	assert_near(v, 0, 0);
	/* School 2's gap needs key or PE/art teachers: at least one of them
	 * must reach its threshold and the other its floor.  Key: 1.0 × 4 =
	 * 4 teachers for the threshold (2 more), 0.85 × 4 = 3.4 → 4 for the
	 * floor (2 more): key teachers are added in any case, 2 of them. */
	assert_true(jhMeasureValue(&m, "teachers.key", &v));
	assert_near(v, 2, 0);
	assert_false(jhMeasureValue(&m, "manual", &v));
	jhMeasuresFree(&m);
	jhLoadedFree(&L);
}

static void test_measure_catalogue(void **state)
{
	unsigned kinds;
	int add;
	char name[128], unit[32];

	(void)state;
	assert_true(jh_measure_known("large_schools", &kinds, &add));
	assert_int_equal(kinds, (1u << JH_TARGET_MAX) | (1u << JH_TARGET_MIN));
	assert_int_equal(add, 1);
	assert_true(jh_measure_known("cv.junior.equipment_value_per_student", &kinds, &add));
	assert_int_equal(kinds, 1u << JH_TARGET_MAX);
	assert_int_equal(add, 0);
	assert_true(jh_measure_known("item.guarantee.3", &kinds, NULL));
	assert_int_equal(kinds, 1u << JH_TARGET_PASS);
	assert_true(jh_measure_known("manual", &kinds, NULL));
	assert_int_equal(kinds, 1u << JH_TARGET_DONE);
	assert_false(jh_measure_known("cv.senior.key_teachers_per100", NULL, NULL));
	assert_false(jh_measure_known("cv.primary.nothing", NULL, NULL));
	assert_false(jh_measure_known("item.DROP TABLE", NULL, NULL));
	assert_false(jh_measure_known("big_schools", NULL, NULL));
	jh_measure_name("large_schools", "zh", name, sizeof name, unit, sizeof unit);
	assert_string_equal(name, "大规模学校数");
	assert_string_equal(unit, "所");
	jh_measure_name("large_schools", "en", name, sizeof name, unit, sizeof unit);
	assert_string_equal(name, "schools over the size limit");
	assert_string_equal(unit, "schools");
	jh_measure_name("cv.junior.key_teachers_per100", "zh", name, sizeof name, NULL, 0);
	assert_non_null(strstr(name, "初中"));
	assert_non_null(strstr(name, "差异系数"));
}

/* --- milestones ------------------------------------------------------ */

/* 2023: no large school (1,900 ≤ 2,000: holds) and at most one failing
 * school stage (1: holds) → met.  2024: no large school (1: fails).
 * 2025: none either (no data of 2025).  A manual target in 2024 done. */
#define PLAN \
	"{\"target_year\":2025,\"responsible\":{\"zh\":\"云岭县人民政府\"}," \
	"\"filed\":\"2023-06-28\",\"milestones\":[" \
	"{\"year\":2024,\"targets\":[{\"measure\":\"large_schools\",\"max\":0}," \
	"{\"measure\":\"manual\",\"done\":true,\"label_zh\":\"每个教室配备多媒体设备\"}]}," \
	"{\"year\":2023,\"targets\":[{\"measure\":\"large_schools\",\"max\":0}," \
	"{\"measure\":\"failing_school_stages\",\"max\":1}]}," \
	"{\"year\":2025,\"deadline\":\"2025-09-30\",\"targets\":[{\"measure\":\"large_schools\",\"max\":0}]}]}"

static void statuses(struct fx *f, const char *day, jh_milestone_status s23,
                     jh_milestone_status s24, jh_milestone_status s25, int behind)
{
	jh_milestone_result *m = NULL;
	size_t n = 0;
	jh_day t;
	int b = -1;
	jh_code rc;

	assert_true(jh_day_parse(day, &t));
	if ((rc = jh_creation_milestones(f->s, &f->county, "369904", &t, NULL, &m, &n, &f->d)))
		fail_diags("milestones", rc, &f->d);
	assert_int_equal(n, 3);
	/* Sorted by year whatever the document's order. */
	assert_int_equal(m[0].year, 2023);
	assert_int_equal(m[1].year, 2024);
	assert_int_equal(m[2].year, 2025);
	assert_string_equal(m[1].deadline.s, "2024-12-31");
	assert_string_equal(m[2].deadline.s, "2025-09-30");
	assert_int_equal(m[0].status, s23);
	assert_int_equal(m[1].status, s24);
	assert_int_equal(m[2].status, s25);
	jh_milestones_free(m, n);
	assert_int_equal(jh_creation_behind(f->s, &f->county, "369904", &t, NULL, &b, &f->d), JH_OK);
	assert_int_equal(b, behind);
}

static void test_milestones_around_deadlines(void **state)
{
	struct fx *f = *state;
	jh_milestone_result *m = NULL;
	size_t n = 0;
	jh_day t;

	put_ok(f, &f->city, "369904", PLAN);
	/* 2024-12-31 is 2024's deadline: still due; 2025 due. */
	statuses(f, "2024-12-31", JH_MILESTONE_MET, JH_MILESTONE_DUE, JH_MILESTONE_DUE, 0);
	/* The day after: 2024 missed (its data is in, a target fails). */
	statuses(f, "2025-01-01", JH_MILESTONE_MET, JH_MILESTONE_MISSED, JH_MILESTONE_DUE, 1);
	/* 2025-09-30 is 2025's own deadline: due; the day after, no data of
	 * 2025: no_data. */
	statuses(f, "2025-09-30", JH_MILESTONE_MET, JH_MILESTONE_MISSED, JH_MILESTONE_DUE, 1);
	statuses(f, "2025-10-01", JH_MILESTONE_MET, JH_MILESTONE_MISSED, JH_MILESTONE_NO_DATA, 1);
	/* The figures behind 2024's status: large_schools 1 > 0, the manual
	 * target done. */
	assert_true(jh_day_parse("2025-01-01", &t));
	assert_int_equal(jh_creation_milestones(f->s, &f->admin, "369904", &t, NULL, &m, &n, &f->d), JH_OK);
	assert_int_equal(m[1].ntargets, 2);
	assert_int_equal(m[1].nheld, 1);
	assert_near(m[1].targets[0].value, 1, 0);
	assert_int_equal(m[1].targets[0].holds, 0);
	assert_int_equal(m[1].targets[1].holds, 1);
	assert_int_equal(m[2].targets[0].holds, -1);
	jh_milestones_free(m, n);
}

static void test_behind_target_year(void **state)
{
	struct fx *f = *state;
	jh_day t;
	int b = -1;

	/* Only a 2023 milestone, met; target year 2024.  During 2024 and on
	 * its last day: not behind.  From 2025-01-01 without a cycle assessed
	 * and forwarded: behind. */
	put_ok(f, &f->city, "369904",
	       "{\"target_year\":2024,\"milestones\":[{\"year\":2023,\"targets\":"
	       "[{\"measure\":\"large_schools\",\"max\":0}]}]}");
	assert_true(jh_day_parse("2024-12-31", &t));
	assert_int_equal(jh_creation_behind(f->s, &f->admin, "369904", &t, NULL, &b, &f->d), JH_OK);
	assert_int_equal(b, 0);
	assert_true(jh_day_parse("2025-01-01", &t));
	assert_int_equal(jh_creation_behind(f->s, &f->admin, "369904", &t, NULL, &b, &f->d), JH_OK);
	assert_int_equal(b, 1);
	/* A county without a plan is not behind. */
	assert_int_equal(jh_creation_behind(f->s, &f->admin, "369905", &t, NULL, &b, &f->d), JH_OK);
	assert_int_equal(b, 0);
}

static void test_city_targets_sum(void **state)
{
	struct fx *f = *state;
	jh_milestone_result *m = NULL;
	size_t n = 0;
	jh_day t;

	/* 2024: 369904 has 1 large school, 369905 none: 1 in the city; at
	 * most 1 holds.  2023: only 369904 has data, 0 large schools; a max
	 * of 0 holds. */
	put_ok(f, &f->city, "369900",
	       "{\"milestones\":[{\"year\":2023,\"targets\":[{\"measure\":\"large_schools\",\"max\":0}]},"
	       "{\"year\":2024,\"targets\":[{\"measure\":\"large_schools\",\"max\":1},"
	       "{\"measure\":\"large_class_stages\",\"max\":0}]}]}");
	assert_true(jh_day_parse("2025-03-01", &t));
	assert_int_equal(jh_creation_milestones(f->s, &f->city, "369900", &t, NULL, &m, &n, &f->d), JH_OK);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].status, JH_MILESTONE_MET);
	assert_near(m[1].targets[0].value, 1, 0);
	assert_int_equal(m[1].targets[0].holds, 1);
	/* Stages with a class over the limit: 369904's school 1 (50 > 45);
	 * 369905's largest class is 40: 1 > 0, missed. */
	assert_near(m[1].targets[1].value, 1, 0);
	assert_int_equal(m[1].status, JH_MILESTONE_MISSED);
	jh_milestones_free(m, n);
	/* A coefficient cannot be a city-wide target. */
	assert_int_equal(put(f, &f->city, "369900",
	       "{\"milestones\":[{\"year\":2023,\"targets\":[{\"measure\":\"cv.primary.key_teachers_per100\",\"max\":0.5}]}]}"),
	       JH_ERR_INPUT);
	assert_int_equal(f->d.items[0].problem, JH_P_PLAN_CITY_MEASURE);
	assert_string_equal(f->d.items[0].column_name, "milestones[0].targets[0].measure");
}

/* --- validation ------------------------------------------------------- */

static void expect_problem(struct fx *f, const char *json, jh_code code,
                           jh_problem p, const char *path)
{
	jh_code rc = put(f, &f->admin, "369904", json);

	if (rc != code)
		fail_diags(json, rc, &f->d);
	assert_true(f->d.count >= 1);
	assert_int_equal(f->d.items[0].problem, p);
	if (path)
		assert_string_equal(f->d.items[0].column_name, path);
}

static void test_validation(void **state)
{
	struct fx *f = *state;
	jh_plandoc pd;

	expect_problem(f, "[1]", JH_ERR_INPUT, JH_P_PLAN_JSON, NULL);
	expect_problem(f, "{\"target_year\":2025", JH_ERR_INPUT, JH_P_PLAN_JSON, NULL);
	expect_problem(f, "{\"targetyear\":2025}", JH_ERR_INPUT, JH_P_PLAN_FIELD_UNKNOWN, "targetyear");
	expect_problem(f, "{\"target_year\":\"2025\"}", JH_ERR_INPUT, JH_P_PLAN_FIELD_TYPE, "target_year");
	expect_problem(f, "{\"target_year\":1800}", JH_ERR_INPUT, JH_P_PLAN_YEAR, "target_year");
	expect_problem(f, "{\"filed\":\"2025-02-30\"}", JH_ERR_INPUT, JH_P_PLAN_DAY, "filed");
	expect_problem(f, "{\"milestones\":[{\"year\":2024}]}", JH_ERR_INPUT,
	               JH_P_PLAN_FIELD_MISSING, "milestones[0].targets");
	expect_problem(f, "{\"milestones\":[{\"year\":2024,\"targets\":[{\"measure\":\"big\",\"max\":1}]}]}",
	               JH_ERR_INPUT, JH_P_PLAN_MEASURE, "milestones[0].targets[0].measure");
	expect_problem(f, "{\"milestones\":[{\"year\":2024,\"targets\":[{\"measure\":\"large_schools\",\"pass\":true}]}]}",
	               JH_ERR_INPUT, JH_P_PLAN_BOUND, "milestones[0].targets[0].pass");
	expect_problem(f, "{\"milestones\":[{\"year\":2024,\"targets\":[{\"measure\":\"large_schools\",\"max\":1,\"min\":0}]}]}",
	               JH_ERR_INPUT, JH_P_PLAN_BOUND, NULL);
	expect_problem(f, "{\"milestones\":[{\"year\":2024,\"targets\":[{\"measure\":\"large_schools\",\"max\":\"1\"}]}]}",
	               JH_ERR_INPUT, JH_P_PLAN_FIELD_TYPE, "milestones[0].targets[0].max");
	expect_problem(f, "{\"milestones\":[{\"year\":2024,\"targets\":[{\"measure\":\"manual\",\"done\":true}]}]}",
	               JH_ERR_INPUT, JH_P_PLAN_FIELD_MISSING, "milestones[0].targets[0].label_zh");
	expect_problem(f, "{\"milestones\":[{\"year\":2024,\"targets\":[{\"measure\":\"large_schools\",\"max\":0}]},"
	                  "{\"year\":2024,\"targets\":[{\"measure\":\"large_schools\",\"max\":0}]}]}",
	               JH_ERR_INPUT, JH_P_PLAN_YEAR_TWICE, "milestones[1].year");
	expect_problem(f, "{\"school_measures\":[{\"school\":\"3699050001\",\"measure\":\"扩建\"}]}",
	               JH_ERR_INPUT, JH_P_PLAN_SCHOOL, "school_measures[0].school");
	{
		/* 201 characters of Chinese (603 bytes) in a label of 200 at most. */
		char big[1024] = "{\"responsible\":{\"zh\":\"";
		for (int i = 0; i < 201; i++)
			strcat(big, "县");
		strcat(big, "\"}}");
		expect_problem(f, big, JH_ERR_INPUT, JH_P_PLAN_TEXT_LONG, "responsible.zh");
	}
	/* Several problems at once: every one reported. */
	assert_int_equal(put(f, &f->admin, "369904", "{\"target_year\":1,\"filed\":\"x\",\"extra\":1}"),
	                 JH_ERR_INPUT);
	assert_int_equal(f->d.count, 3);
	/* Nothing was stored. */
	assert_int_equal(jh_store_plandoc_get(f->s, "369904", 0, &pd, &f->d), JH_ERR_NOTFOUND);
	/* A city is not a county's plan: the city's document takes milestones only. */
	assert_int_equal(put(f, &f->admin, "369900", "{\"target_year\":2025}"), JH_ERR_INPUT);
	assert_int_equal(f->d.items[0].problem, JH_P_PLAN_FIELD_UNKNOWN);
	/* A province has no plan. */
	assert_int_equal(put(f, &f->admin, "360000", "{}"), JH_ERR_NOTFOUND);
	assert_int_equal(put(f, &f->admin, "999999", "{}"), JH_ERR_NOTFOUND);
}

/* --- versions and roles ----------------------------------------------- */

static void test_versions(void **state)
{
	struct fx *f = *state;
	jh_creation_doc *doc = NULL;
	jh_plandoc *vs = NULL;
	size_t nv = 0;

	put_ok(f, &f->city, "369904", "{\"target_year\":2025,\"why\":\"市定创建年度\"}");
	/* The county adds milestones, naming version 1 it read. */
	put_ok(f, &f->county, "369904",
	       "{\"version\":1,\"why\":\"阶段目标\",\"target_year\":2025,\"milestones\":"
	       "[{\"year\":2024,\"targets\":[{\"measure\":\"large_schools\",\"max\":0}]}]}");
	/* A second write naming version 1 again: another was first. */
	assert_int_equal(put(f, &f->county, "369904", "{\"version\":1,\"target_year\":2025}"),
	                 JH_ERR_CONFLICT);
	assert_int_equal(f->d.items[0].problem, JH_P_PLAN_VERSION);
	assert_string_equal(f->d.items[0].arg2, "2");
	assert_int_equal(jh_creation_get(f->s, &f->county, "369904", &doc, &f->d), JH_OK);
	assert_non_null(doc);
	assert_int_equal(doc->version, 2);
	assert_int_equal(doc->target_year, 2025);
	assert_int_equal(doc->nmilestones, 1);
	assert_string_equal(doc->who, "yl");
	assert_string_equal(doc->why, "阶段目标");
	jh_creation_doc_free(doc);
	assert_int_equal(jh_store_plandoc_versions(f->s, "369904", &vs, &nv, &f->d), JH_OK);
	assert_int_equal(nv, 2);
	assert_string_equal(vs[0].who, "city");
	assert_string_equal(vs[0].why, "市定创建年度");
	assert_null(vs[0].body);
	jh_plandocs_free(vs, nv);
	/* A county without a plan: JH_OK and no document. */
	assert_int_equal(jh_creation_get(f->s, &f->admin, "369905", &doc, &f->d), JH_OK);
	assert_null(doc);
}

static void test_roles(void **state)
{
	struct fx *f = *state;
	jh_creation_doc *doc = NULL;
	jh_buf out = JH_BUF_INIT;

	/* The target year: the county office may not set it … */
	assert_int_equal(put(f, &f->county, "369904", "{\"target_year\":2025}"), JH_ERR_DENIED);
	assert_int_equal(f->d.items[0].problem, JH_P_PLAN_TARGET_YEAR_DENIED);
	assert_string_equal(f->d.items[0].column_name, "target_year");
	/* … but may file a plan without one. */
	put_ok(f, &f->county, "369904", "{\"responsible\":{\"zh\":\"云岭县人民政府\"}}");
	/* The city sets it (its county), as may the province and admin. */
	put_ok(f, &f->city, "369904", "{\"version\":1,\"target_year\":2026}");
	put_ok(f, &f->province, "369904", "{\"version\":2,\"target_year\":2025}");
	put_ok(f, &f->admin, "369904", "{\"version\":3,\"target_year\":2025}");
	/* The county keeps the year and edits the rest: fine; changing it: no. */
	put_ok(f, &f->county, "369904", "{\"version\":4,\"target_year\":2025,\"filed\":\"2024-06-30\"}");
	assert_int_equal(put(f, &f->county, "369904", "{\"version\":5,\"target_year\":2027}"), JH_ERR_DENIED);
	assert_int_equal(put(f, &f->county, "369904", "{\"version\":5}"), JH_ERR_DENIED);
	/* Another county, another city, an inspector, a school: refused. */
	assert_int_equal(put(f, &f->other_county, "369904", "{\"version\":5,\"target_year\":2025}"), JH_ERR_DENIED);
	assert_int_equal(put(f, &f->other_city, "369904", "{\"version\":5,\"target_year\":2025}"), JH_ERR_DENIED);
	assert_int_equal(put(f, &f->inspector, "369904", "{\"version\":5,\"target_year\":2025}"), JH_ERR_DENIED);
	assert_int_equal(put(f, &f->school, "369904", "{\"version\":5,\"target_year\":2025}"), JH_ERR_DENIED);
	/* City-wide targets: the city itself, province, admin; not a county. */
	put_ok(f, &f->city, "369900", "{\"milestones\":[]}");
	put_ok(f, &f->province, "369900", "{\"version\":1}");
	put_ok(f, &f->admin, "369900", "{\"version\":2}");
	assert_int_equal(put(f, &f->county, "369900", "{\"version\":3}"), JH_ERR_DENIED);
	assert_int_equal(put(f, &f->other_city, "369900", "{\"version\":3}"), JH_ERR_DENIED);
	assert_int_equal(put(f, &f->inspector, "369900", "{\"version\":3}"), JH_ERR_DENIED);
	/* Reading: the inspector of the city, the school of the county, the
	 * county itself; not the other county, not another city. */
	assert_int_equal(jh_creation_get(f->s, &f->inspector, "369904", &doc, &f->d), JH_OK);
	jh_creation_doc_free(doc);
	assert_int_equal(jh_creation_get(f->s, &f->school, "369904", &doc, &f->d), JH_OK);
	assert_non_null(doc);
	jh_creation_doc_free(doc);
	assert_int_equal(jh_creation_get(f->s, &f->school, "369905", &doc, &f->d), JH_ERR_DENIED);
	assert_int_equal(jh_creation_get(f->s, &f->other_county, "369904", &doc, &f->d), JH_ERR_DENIED);
	assert_int_equal(jh_creation_get(f->s, &f->other_city, "369904", &doc, &f->d), JH_ERR_DENIED);
	assert_int_equal(jh_creation_show(f->s, &f->county, "369904", &out, &f->d), JH_OK);
	assert_non_null(strstr(out.data, "\"version\":5,"));
	assert_non_null(strstr(out.data, "\"target_year\":2025,"));
	jh_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_measures_by_hand, setup, teardown),
		cmocka_unit_test(test_measure_catalogue),
		cmocka_unit_test_setup_teardown(test_milestones_around_deadlines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_behind_target_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_city_targets_sum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_validation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
