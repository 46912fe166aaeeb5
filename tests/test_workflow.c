/*
** test_workflow.c — the yearly workflow (lib/cycle/workflow.c,
** snapshot.c, notice.c, steps.c; lib/store/cycle.c):
**   every allowed step by every role allowed to take it, every refused
**   one (wrong role, wrong area, wrong state, stale version, bad input,
**   the deadline and target-year rules); the compare-and-set under two
**   connections; deadlines from data/cycle/deadlines.conf and late
**   flags; a snapshot byte-identical after later edits of the data and
**   the standard, and the diff naming those edits; the notice's late
**   steps and the counties to be summoned.
**
** The store holds data/sample's 2024 (areas, schools, county-year
** records, survey): 江州市 369900 of 示例省 360000 with counties
** 369901…369907; 369901 江城区 passes in 2024, 369904 云岭县 fails
** (10 items, `junheng verdict --year 2024`).  Accounts are jh_user
** values (the library checks roles and areas itself; no sign-in here).
*/
#include "testutil.h"
#include "cycle/cycle_int.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static long long clock_at;
static long long fixed_clock(void *ctx)
{
	(void)ctx;
	return clock_at;
}

/* Noon of that day in Beijing (the office's calendar). */
static void today_is(int y, int mo, int d)
{
	clock_at = jhLocalSeconds(y, mo, d, 12, 0, 0);
}

static char dir[64], path[96];
static jh_store *S;

static jh_user user(jh_role role, const char *area, const char *name)
{
	jh_user u;

	memset(&u, 0, sizeof u);
	u.role = role;
	snprintf(u.area, sizeof u.area, "%s", area);
	snprintf(u.name, sizeof u.name, "%s", name);
	return u;
}

static jh_user ADMIN, PROVINCE, CITY, OTHER_CITY, COUNTY, OTHER_COUNTY, INSPECTOR,
	SCHOOL;

static void print_diags(const jh_diags *d)
{
	jh_buf b = JH_BUF_INIT;
	jh_diags_format(d, "en", &b);
	if (b.len)
		fprintf(stderr, "%s\n", b.data);
	jh_buf_free(&b);
}

static int group_setup(void **state)
{
	static const char *const files[] = {
		"data/sample/areas.csv", "data/sample/schools-2024.csv",
		"data/sample/county-2024.csv", "data/sample/survey-2024.csv",
	};
	jh_import_set *is = jh_import_set_new(0, 0, 0);
	jh_import_stats st;
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc = JH_OK;

	(void)state;
	setenv("JUNHENG_TZ", "Asia/Shanghai", 1);
	unsetenv("JUNHENG_TODAY");
	snprintf(dir, sizeof dir, "/tmp/jh_test_workflow.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/w.db", dir);
	for (size_t i = 0; i < 4 && !rc; i++) {
		size_t len;
		unsigned char *data = test_read_file(files[i], &len);
		rc = jh_import_set_add(is, files[i], data, len, &d);
		free(data);
	}
	if (!rc)
		rc = jh_store_init(path, &S, &d);
	if (!rc) {
		jh_store_set_clock(S, fixed_clock, NULL);
		today_is(2025, 1, 10);
		rc = jh_import_set_store(S, is, NULL, "测试", "示例数据", &st, &d);
	}
	jh_import_set_free(is);
	if (rc)
		print_diags(&d);
	jh_diags_free(&d);
	ADMIN = user(JH_ROLE_ADMIN, "", "admin");
	PROVINCE = user(JH_ROLE_PROVINCE, "360000", "sheng");
	CITY = user(JH_ROLE_CITY, "369900", "jiangzhou");
	OTHER_CITY = user(JH_ROLE_CITY, "369800", "biecheng");
	COUNTY = user(JH_ROLE_COUNTY, "369904", "yunling");
	OTHER_COUNTY = user(JH_ROLE_COUNTY, "369901", "jiangcheng");
	INSPECTOR = user(JH_ROLE_INSPECTOR, "369904", "duxue");
	SCHOOL = user(JH_ROLE_SCHOOL, "2136990409", "gaoping");
	return rc ? -1 : 0;
}

static int group_teardown(void **state)
{
	(void)state;
	jh_store_close(S);
	rm_rf(dir);
	return 0;
}

/* ------------------------------------------------------------------ */

/* The current version of a county-year. */
static long version_of(const char *county, int year)
{
	jh_cycle_row r;
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jh_store_cycle_get(S, county, year, &r, &d), JH_OK);
	jh_diags_free(&d);
	return r.version;
}

static const char *state_of(const char *county, int year)
{
	static jh_cycle_row r;
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jh_store_cycle_get(S, county, year, &r, &d), JH_OK);
	jh_diags_free(&d);
	return r.state;
}

/* Take a step with the version read now; the code, and the first
 * problem in *p (JH_P__COUNT when none). */
static jh_code act(const jh_user *u, const char *county, int year, jh_cycle_step st,
                   jh_cycle_input *in, jh_problem *p)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;
	jh_code rc;

	in->version = version_of(county, year);
	rc = jh_cycle_act(S, u, county, year, st, in, &out, &d);
	if (p)
		*p = d.count ? d.items[0].problem : JH_P__COUNT;
	if (!rc) {
		/* The answer is the county-year after the step. */
		json_t *v = json_loadb(out.data, out.len, 0, NULL);
		assert_non_null(v);
		assert_string_equal(json_string_value(json_object_get(v, "state")),
		                    state_of(county, year));
		json_decref(v);
	}
	jh_buf_free(&out);
	jh_diags_free(&d);
	return rc;
}

static jh_cycle_input submit_in(void)
{
	jh_cycle_input in;
	memset(&in, 0, sizeof in);
	in.explanation = "高坪乡乌石小学等 8 所学校未达标:教师编制未补齐,2025 年秋季补充";
	return in;
}

static jh_cycle_input review_in(void)
{
	jh_cycle_input in;
	memset(&in, 0, sizeof in);
	in.opinion = "资源配置仍有短板,限期整改";
	return in;
}

static jh_cycle_input assess_in(const char *decision, const char *reasons)
{
	jh_cycle_input in;
	memset(&in, 0, sizeof in);
	in.decision = decision;
	in.reasons = reasons;
	return in;
}

/* ------------------------------------------------------------------ */
/* Deadlines as data.                                                    */
/* ------------------------------------------------------------------ */

static void test_deadlines(void **state)
{
	jh_diags d = JH_DIAGS_INIT;

	(void)state;
	assert_int_equal(jh_cycle_deadlines_check(NULL, &d), JH_OK);
	/* Cycle of data year 2024: plan June 30 2024; self-evaluation Dec 31
	 * 2024; submission by February's end 2025 (not a leap year: 28);
	 * review by Sep 30 2025; application March 31 of the target year. */
	assert_string_equal(jh_cycle_deadline(JH_STEP_PLAN, 2024, 0).s, "2024-06-30");
	assert_string_equal(jh_cycle_deadline(JH_STEP_SELF_EVALUATION, 2024, 0).s, "2024-12-31");
	assert_string_equal(jh_cycle_deadline(JH_STEP_SUBMIT, 2024, 0).s, "2025-02-28");
	/* 2023's submission falls in 2024, a leap year: the 29th. */
	assert_string_equal(jh_cycle_deadline(JH_STEP_SUBMIT, 2023, 0).s, "2024-02-29");
	assert_string_equal(jh_cycle_deadline(JH_STEP_REVIEW, 2024, 0).s, "2025-09-30");
	assert_string_equal(jh_cycle_deadline(JH_STEP_APPLY, 2024, 2025).s, "2025-03-31");
	/* No target year, no application day; rectify and assess have none. */
	assert_string_equal(jh_cycle_deadline(JH_STEP_APPLY, 2024, 0).s, "");
	assert_string_equal(jh_cycle_deadline(JH_STEP_RECTIFY, 2024, 2025).s, "");
	assert_string_equal(jh_cycle_deadline(JH_STEP_ASSESS, 2024, 2025).s, "");
	/* A bad file is refused line by line. */
	assert_int_equal(jh_cycle_deadlines_check("submit = +1-02-30\nreview = 13-01\n"
	                                          "nothing = 01-01\napply = target-03-31\n",
	                                          &d), JH_ERR_FORMAT);
	assert_int_equal(d.count, 3);
	assert_int_equal(d.items[0].problem, JH_P_CYCLE_DEADLINES_CONF);
	jh_diags_free(&d);
	assert_string_equal(jh_cycle_step_key(JH_STEP_REVIEW), "review");
	assert_int_equal(jh_cycle_step_parse("assess"), JH_STEP_ASSESS);
	assert_int_equal(jh_cycle_step_parse("close"), -1);
	assert_string_equal(jh_cycle_step_name(JH_STEP_SUBMIT, "en"), "submit the self-evaluation");
}

/* ------------------------------------------------------------------ */
/* Reading.                                                              */
/* ------------------------------------------------------------------ */

static void test_show_readers(void **state)
{
	const jh_user *ok[] = {&ADMIN, &PROVINCE, &CITY, &COUNTY, &INSPECTOR};
	const jh_user *no[] = {&OTHER_CITY, &OTHER_COUNTY, &SCHOOL};
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;
	json_t *v;

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		jh_buf_reset(&out);
		assert_int_equal(jh_cycle_show(S, ok[i], "369904", 2024, &out, &d), JH_OK);
	}
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_int_equal(jh_cycle_show(S, no[i], "369904", 2024, &out, &d), JH_ERR_DENIED);
	/* A city code or an unknown code is no county. */
	assert_int_equal(jh_cycle_show(S, &ADMIN, "369900", 2024, &out, &d), JH_ERR_NOTFOUND);
	assert_int_equal(jh_cycle_show(S, &ADMIN, "369999", 2024, &out, &d), JH_ERR_NOTFOUND);
	jh_diags_free(&d);
	/* A county-year never touched: self_evaluation, version 1, nothing
	 * written.  The county office may submit it; the city nothing yet. */
	jh_buf_reset(&out);
	assert_int_equal(jh_cycle_show(S, &COUNTY, "369904", 2023, &out, &d), JH_OK);
	v = json_loadb(out.data, out.len, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(v, "state")), "self_evaluation");
	assert_int_equal(json_integer_value(json_object_get(v, "version")), 1);
	assert_int_equal(json_array_size(json_object_get(v, "next")), 1);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(json_object_get(v, "next"), 0), "action")), "submit");
	json_decref(v);
	jh_buf_reset(&out);
	assert_int_equal(jh_cycle_show(S, &CITY, "369904", 2023, &out, &d), JH_OK);
	v = json_loadb(out.data, out.len, 0, NULL);
	assert_int_equal(json_array_size(json_object_get(v, "next")), 0);
	json_decref(v);
	jh_buf_reset(&out);
	assert_int_equal(jh_cycle_show(S, &INSPECTOR, "369904", 2023, &out, &d), JH_OK);
	v = json_loadb(out.data, out.len, 0, NULL);
	assert_int_equal(json_array_size(json_object_get(v, "next")), 0);
	json_decref(v);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

/* ------------------------------------------------------------------ */
/* The steps, by role.                                                   */
/* ------------------------------------------------------------------ */

static void test_submit_roles(void **state)
{
	const jh_user *denied[] = {&PROVINCE, &CITY, &OTHER_CITY, &OTHER_COUNTY,
	                           &INSPECTOR, &SCHOOL};
	jh_cycle_input in = submit_in();
	jh_problem p;

	(void)state;
	today_is(2025, 2, 20);
	for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
		assert_int_equal(act(denied[i], "369904", 2024, JH_STEP_SUBMIT, &in, &p),
		                 JH_ERR_DENIED);
		assert_string_equal(state_of("369904", 2024), "self_evaluation");
	}
	/* The role is named when the role is wrong (a city may not submit). */
	act(&CITY, "369904", 2024, JH_STEP_SUBMIT, &in, &p);
	assert_int_equal(p, JH_P_CYCLE_ROLE);
	/* Another county's office: its area, not its role. */
	act(&OTHER_COUNTY, "369904", 2024, JH_STEP_SUBMIT, &in, &p);
	assert_int_equal(p, JH_P_DENIED);
	assert_int_equal(act(&COUNTY, "369904", 2024, JH_STEP_SUBMIT, &in, &p), JH_OK);
	assert_string_equal(state_of("369904", 2024), "submitted");
	assert_int_equal(version_of("369904", 2024), 2);
	/* The administrator too (another county). */
	assert_int_equal(act(&ADMIN, "369903", 2024, JH_STEP_SUBMIT, &in, &p), JH_OK);
	assert_string_equal(state_of("369903", 2024), "submitted");
	/* Submitting again: the state refuses it. */
	assert_int_equal(act(&COUNTY, "369904", 2024, JH_STEP_SUBMIT, &in, &p),
	                 JH_ERR_CONFLICT);
	assert_int_equal(p, JH_P_CYCLE_STATE);
}

static void test_review_roles(void **state)
{
	const jh_user *denied[] = {&COUNTY, &OTHER_CITY, &OTHER_COUNTY, &INSPECTOR, &SCHOOL};
	jh_cycle_input in = review_in();
	jh_problem p;

	(void)state;
	today_is(2025, 6, 1);
	for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++)
		assert_int_equal(act(denied[i], "369904", 2024, JH_STEP_REVIEW, &in, &p),
		                 JH_ERR_DENIED);
	assert_string_equal(state_of("369904", 2024), "submitted");
	/* Reviewing a county-year not submitted: the state. */
	assert_int_equal(act(&CITY, "369905", 2024, JH_STEP_REVIEW, &in, &p), JH_ERR_CONFLICT);
	assert_int_equal(p, JH_P_CYCLE_STATE);
	assert_int_equal(act(&CITY, "369904", 2024, JH_STEP_REVIEW, &in, &p), JH_OK);
	assert_string_equal(state_of("369904", 2024), "reviewed");
	/* The province reviews another county. */
	assert_int_equal(act(&PROVINCE, "369903", 2024, JH_STEP_REVIEW, &in, &p), JH_OK);
	assert_string_equal(state_of("369903", 2024), "reviewed");
}

static void test_rectify_roles(void **state)
{
	const jh_user *denied[] = {&PROVINCE, &CITY, &OTHER_COUNTY, &INSPECTOR, &SCHOOL};
	jh_cycle_input in;
	jh_problem p;

	(void)state;
	memset(&in, 0, sizeof in);
	in.note = "复核问题已整改";
	for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++)
		assert_int_equal(act(denied[i], "369904", 2024, JH_STEP_RECTIFY, &in, &p),
		                 JH_ERR_DENIED);
	/* Rectifying a county-year only submitted: the state. */
	assert_int_equal(act(&ADMIN, "369904", 2023, JH_STEP_RECTIFY, &in, &p), JH_ERR_CONFLICT);
	assert_int_equal(p, JH_P_CYCLE_STATE);
	assert_int_equal(act(&COUNTY, "369904", 2024, JH_STEP_RECTIFY, &in, &p), JH_OK);
	assert_string_equal(state_of("369904", 2024), "rectified");
	assert_int_equal(act(&ADMIN, "369903", 2024, JH_STEP_RECTIFY, &in, &p), JH_OK);
}

static void test_apply_needs_target(void **state)
{
	jh_cycle_input in;
	jh_problem p;

	(void)state;
	memset(&in, 0, sizeof in);
	/* No creation plan gives 369904 a target year: the application is
	 * refused, naming the cycle's year. */
	assert_int_equal(act(&COUNTY, "369904", 2024, JH_STEP_APPLY, &in, &p), JH_ERR_CONFLICT);
	assert_int_equal(p, JH_P_CYCLE_NOT_TARGET);
	assert_string_equal(state_of("369904", 2024), "rectified");
	/* Roles first: the city may not apply for a county. */
	assert_int_equal(act(&CITY, "369904", 2024, JH_STEP_APPLY, &in, &p), JH_ERR_DENIED);
	/* Assess from rectified: the state. */
	in = assess_in("forwarded", NULL);
	assert_int_equal(act(&CITY, "369904", 2024, JH_STEP_ASSESS, &in, &p), JH_ERR_CONFLICT);
	assert_int_equal(p, JH_P_CYCLE_STATE);
	assert_int_equal(act(&COUNTY, "369904", 2024, JH_STEP_ASSESS, &in, &p), JH_ERR_DENIED);
	assert_int_equal(act(&INSPECTOR, "369904", 2024, JH_STEP_ASSESS, &in, &p), JH_ERR_DENIED);
}

/* ------------------------------------------------------------------ */
/* Input, version, concurrency.                                          */
/* ------------------------------------------------------------------ */

static void test_input_refused(void **state)
{
	jh_cycle_input in = submit_in();
	jh_cycle_finding f[2];
	char *big = malloc(4 * 4001 + 1);
	jh_problem p;

	(void)state;
	today_is(2025, 2, 1);
	in.explanation = "";
	assert_int_equal(act(&COUNTY, "369904", 2025, JH_STEP_SUBMIT, &in, &p), JH_ERR_INPUT);
	assert_int_equal(p, JH_P_CYCLE_TEXT);
	in.explanation = NULL;
	assert_int_equal(act(&COUNTY, "369904", 2025, JH_STEP_SUBMIT, &in, &p), JH_ERR_INPUT);
	/* 4001 characters (each 说, 3 bytes) are one too many; 4000 pass the
	 * text check (and then 2025 has no data to freeze: 409). */
	for (int i = 0; i < 4001; i++)
		memcpy(big + (size_t)i * 3, "说", 3);
	big[4001 * 3] = 0;
	in.explanation = big;
	assert_int_equal(act(&COUNTY, "369904", 2025, JH_STEP_SUBMIT, &in, &p), JH_ERR_INPUT);
	big[4000 * 3] = 0;
	assert_int_equal(act(&COUNTY, "369904", 2025, JH_STEP_SUBMIT, &in, &p), JH_ERR_CONFLICT);
	assert_int_equal(p, JH_P_NOT_FOUND);
	assert_string_equal(state_of("369904", 2025), "self_evaluation");
	free(big);

	/* Findings: a day that does not exist, a day before today, a school
	 * of another county (2136990101 is 江城区's). */
	in = submit_in();
	assert_int_equal(act(&ADMIN, "369906", 2024, JH_STEP_SUBMIT, &in, &p), JH_OK);
	in = review_in();
	memset(f, 0, sizeof f);
	f[0].what_zh = "音乐教室不足";
	f[0].deadline = "2025-02-30";
	in.findings = f;
	in.nfindings = 1;
	assert_int_equal(act(&CITY, "369906", 2024, JH_STEP_REVIEW, &in, &p), JH_ERR_INPUT);
	assert_int_equal(p, JH_P_CYCLE_DEADLINE);
	f[0].deadline = "2025-01-31";
	assert_int_equal(act(&CITY, "369906", 2024, JH_STEP_REVIEW, &in, &p), JH_ERR_INPUT);
	f[0].deadline = "2025-02-01";   /* today is fine */
	f[0].school = "2136990101";
	assert_int_equal(act(&CITY, "369906", 2024, JH_STEP_REVIEW, &in, &p), JH_ERR_INPUT);
	assert_int_equal(p, JH_P_CYCLE_FINDING_SCHOOL);
	f[0].school = NULL;
	f[0].what_zh = "";
	assert_int_equal(act(&CITY, "369906", 2024, JH_STEP_REVIEW, &in, &p), JH_ERR_INPUT);
	assert_int_equal(p, JH_P_CYCLE_TEXT);
	in.opinion = "";
	f[0].what_zh = "音乐教室不足";
	assert_int_equal(act(&CITY, "369906", 2024, JH_STEP_REVIEW, &in, &p), JH_ERR_INPUT);
	assert_string_equal(state_of("369906", 2024), "submitted");

	/* Assess: the decision is one of two; a return needs its reasons. */
	in = assess_in("maybe", "x");
	assert_int_equal(act(&CITY, "369906", 2024, JH_STEP_ASSESS, &in, &p), JH_ERR_INPUT);
	assert_int_equal(p, JH_P_CYCLE_DECISION);
	in = assess_in("returned", NULL);
	assert_int_equal(act(&CITY, "369906", 2024, JH_STEP_ASSESS, &in, &p), JH_ERR_INPUT);
	assert_int_equal(p, JH_P_CYCLE_TEXT);
}

static void test_version_and_concurrency(void **state)
{
	jh_cycle_input in = submit_in();
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;
	jh_store *s2;
	jh_cycle_event e;
	jh_cycle_row row;

	(void)state;
	today_is(2025, 2, 10);
	/* A stale version is refused before anything is written. */
	in.version = 7;
	assert_int_equal(jh_cycle_act(S, &ADMIN, "369905", 2024, JH_STEP_SUBMIT, &in, &out, &d),
	                 JH_ERR_CONFLICT);
	assert_int_equal(d.items[0].problem, JH_P_CYCLE_VERSION);
	jh_diags_free(&d);
	/* Two connections read version 1; the first step wins, the second
	 * one's compare-and-set matches no row. */
	assert_int_equal(jh_store_open(path, &s2, &d), JH_OK);
	memset(&e, 0, sizeof e);
	snprintf(e.who, sizeof e.who, "a");
	snprintf(e.action, sizeof e.action, "submit");
	assert_int_equal(jh_store_cycle_step(S, "369905", 2024, 1, "self_evaluation",
	                                     "submitted", "", &e, NULL, 0, NULL, &row, &d),
	                 JH_OK);
	assert_int_equal(row.version, 2);
	assert_int_equal(jh_store_cycle_step(s2, "369905", 2024, 1, "self_evaluation",
	                                     "submitted", "", &e, NULL, 0, NULL, &row, &d),
	                 JH_ERR_CONFLICT);
	assert_int_equal(d.items[0].problem, JH_P_CYCLE_VERSION);
	assert_string_equal(d.items[0].arg, "2");
	jh_store_close(s2);
	jh_diags_free(&d);
	jh_buf_free(&out);
}

/* ------------------------------------------------------------------ */
/* Late steps.                                                           */
/* ------------------------------------------------------------------ */

static void test_late_flags(void **state)
{
	jh_cycle_input in = submit_in();
	jh_cycle_event *ev = NULL;
	size_t n = 0;
	jh_diags d = JH_DIAGS_INIT;

	(void)state;
	jh_user xinfeng = user(JH_ROLE_COUNTY, "369907", "xinfeng");

	/* 369907 submits on March 1 2025, the day after February's end. */
	today_is(2025, 3, 1);
	assert_int_equal(act(&xinfeng, "369907", 2024, JH_STEP_SUBMIT, &in, NULL), JH_OK);
	assert_int_equal(jh_store_cycle_events(S, "369907", 2024, &ev, &n, &d), JH_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].late, 1);
	assert_string_equal(ev[0].role, "county");
	assert_string_equal(ev[0].who, "xinfeng");
	assert_string_equal(ev[0].from_state, "self_evaluation");
	assert_string_equal(ev[0].to_state, "submitted");
	assert_true(ev[0].snapshot > 0);
	free(ev);
	/* 369904's was on Feb 20: on time. */
	assert_int_equal(jh_store_cycle_events(S, "369904", 2024, &ev, &n, &d), JH_OK);
	assert_int_equal(ev[0].late, 0);
	free(ev);
	jh_diags_free(&d);
}

/* ------------------------------------------------------------------ */
/* With the ledger: the review's findings.                               */
/* ------------------------------------------------------------------ */

/* The findings of cycle `year` of the county, as the ledger lists them. */
static size_t findings_of(const char *county, int year, jh_ledger_item **items)
{
	jh_ledger_filter f;
	jh_ledger_item *all = NULL;
	size_t n = 0, k = 0;
	jh_diags d = JH_DIAGS_INIT;

	memset(&f, 0, sizeof f);
	f.area = county;
	f.status = -1;
	f.supervised = -1;
	assert_int_equal(jh_ledger_list(S, &ADMIN, &f, &all, &n, &d), JH_OK);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(all[i].source, "finding") && all[i].cycle_year == year)
			all[k++] = all[i];
	*items = all;
	jh_diags_free(&d);
	return k;
}

/* A review and its findings are one transaction: when the second
 * finding cannot be stored (a trigger on this connection refuses it, as
 * a full disk or a broken file would), the review does not stand either —
 * the county-year stays submitted at its version, with no finding and no
 * review event — and the same review then succeeds whole. */
static void test_review_all_or_nothing(void **state)
{
	jh_cycle_input in;
	jh_cycle_finding f[2];
	jh_ledger_item *items = NULL;
	jh_cycle_event *ev = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_problem p;
	sqlite3 *db = jhSqliteHandle(S->db);
	size_t nev = 0;
	long v;

	(void)state;
	/* 369905's 2024 was submitted by test_version_and_concurrency. */
	assert_string_equal(state_of("369905", 2024), "submitted");
	v = version_of("369905", 2024);
	today_is(2025, 6, 1);
	in = review_in();
	memset(f, 0, sizeof f);
	f[0].what_zh = "第一项";
	f[0].deadline = "2025-12-31";
	f[1].what_zh = "第二项";
	f[1].deadline = "2025-12-31";
	in.findings = f;
	in.nfindings = 2;
	assert_int_equal(sqlite3_exec(db, "CREATE TEMP TRIGGER refuse_second BEFORE INSERT"
	                              " ON ledger_item WHEN NEW.what_zh = '第二项'"
	                              " BEGIN SELECT RAISE(ABORT, 'refused'); END",
	                              NULL, NULL, NULL), SQLITE_OK);
	/* Refused (the ledger reports the refused insert as a conflict). */
	assert_int_not_equal(act(&CITY, "369905", 2024, JH_STEP_REVIEW, &in, &p), JH_OK);
	assert_string_equal(state_of("369905", 2024), "submitted");
	assert_int_equal(version_of("369905", 2024), v);
	assert_int_equal(findings_of("369905", 2024, &items), 0);
	free(items);
	items = NULL;
	assert_int_equal(jh_store_cycle_events(S, "369905", 2024, &ev, &nev, &d), JH_OK);
	for (size_t i = 0; i < nev; i++)
		assert_string_not_equal(ev[i].action, "review");
	free(ev);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER refuse_second", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(act(&CITY, "369905", 2024, JH_STEP_REVIEW, &in, &p), JH_OK);
	assert_string_equal(state_of("369905", 2024), "reviewed");
	assert_int_equal(findings_of("369905", 2024, &items), 2);
	free(items);
	jh_diags_free(&d);
}

static void test_findings_and_rectify(void **state)
{
	jh_cycle_input in = submit_in();
	jh_cycle_finding f[2];
	jh_ledger_item *items = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_problem p;
	size_t n;

	(void)state;
	today_is(2025, 2, 20);
	assert_int_equal(act(&ADMIN, "369902", 2024, JH_STEP_SUBMIT, &in, &p), JH_OK);
	today_is(2025, 6, 1);
	in = review_in();
	memset(f, 0, sizeof f);
	f[0].what_zh = "县域教师交流轮岗比例不足";
	f[0].deadline = "2025-12-31";
	f[1].what_zh = "石桥镇中心小学音乐教室不足";
	f[1].what_en = "Not enough music rooms";
	f[1].school = "2136990212";
	f[1].measure = "秋季学期前改建 1 间";
	f[1].deadline = "2025-10-31";
	in.findings = f;
	in.nfindings = 2;
	assert_int_equal(act(&CITY, "369902", 2024, JH_STEP_REVIEW, &in, &p), JH_OK);
	/* Each finding is a ledger item of the county: source finding, the
	 * cycle's year, its deadline, open. */
	n = findings_of("369902", 2024, &items);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(items[i].status, JH_LEDGER_OPEN);
		if (items[i].school[0]) {
			assert_string_equal(items[i].school, "2136990212");
			assert_string_equal(items[i].deadline.s, "2025-10-31");
			assert_string_equal(items[i].measure, "秋季学期前改建 1 间");
		} else {
			assert_string_equal(items[i].what_zh, "县域教师交流轮岗比例不足");
			assert_string_equal(items[i].deadline.s, "2025-12-31");
		}
	}
	/* Rectified is refused while a finding is open: both named. */
	memset(&in, 0, sizeof in);
	assert_int_equal(act(&ADMIN, "369902", 2024, JH_STEP_RECTIFY, &in, &p), JH_ERR_CONFLICT);
	assert_int_equal(p, JH_P_CYCLE_FINDINGS_OPEN);
	/* The city signs the first off (findings have no data check: judged
	 * by people, with the reason); one left. */
	assert_int_equal(jh_ledger_signoff(S, &CITY, items[0].id, items[0].version, "现场核查已整改",
	                                   NULL, NULL, NULL, &d), JH_OK);
	assert_int_equal(act(&ADMIN, "369902", 2024, JH_STEP_RECTIFY, &in, &p), JH_ERR_CONFLICT);
	{
		jh_diags d2 = JH_DIAGS_INIT;
		jh_buf out = JH_BUF_INIT;
		in.version = version_of("369902", 2024);
		assert_int_equal(jh_cycle_act(S, &ADMIN, "369902", 2024, JH_STEP_RECTIFY, &in, &out, &d2),
		                 JH_ERR_CONFLICT);
		assert_string_equal(d2.items[0].arg, "1");
		jh_buf_free(&out);
		jh_diags_free(&d2);
	}
	assert_int_equal(jh_ledger_signoff(S, &CITY, items[1].id, items[1].version, "现场核查已整改",
	                                   NULL, NULL, NULL, &d), JH_OK);
	assert_int_equal(act(&ADMIN, "369902", 2024, JH_STEP_RECTIFY, &in, &p), JH_OK);
	assert_string_equal(state_of("369902", 2024), "rectified");
	free(items);
	jh_diags_free(&d);
}

/* ------------------------------------------------------------------ */
/* With the creation plans: the target year.                            */
/* ------------------------------------------------------------------ */

static jh_code set_target(const char *county, int year)
{
	char body[64];
	jh_buf out = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	jh_buf cur = JH_BUF_INIT;
	jh_creation_doc *doc = NULL;
	jh_code rc;

	assert_int_equal(jh_creation_get(S, &ADMIN, county, &doc, &d), JH_OK);
	snprintf(body, sizeof body, "{\"version\":%ld,\"target_year\":%d}", doc ? doc->version : 0L,
	         year);
	jh_creation_doc_free(doc);
	rc = jh_creation_put(S, &CITY, county, body, strlen(body), &out, &d);
	if (rc)
		print_diags(&d);
	jh_buf_free(&out);
	jh_buf_free(&cur);
	jh_diags_free(&d);
	return rc;
}

static void test_apply_and_assess(void **state)
{
	jh_cycle_input in = submit_in();
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;
	jh_cycle_event *ev = NULL;
	size_t n = 0;
	jh_problem p;

	(void)state;
	/* 369904 (rectified above) with target year 2025 applies from its
	 * 2024 cycle, but its verdict fails: 10 items fail, none lacks data
	 * (`junheng verdict --year 2024` on the same files). */
	today_is(2025, 3, 20);
	assert_int_equal(set_target("369904", 2025), JH_OK);
	memset(&in, 0, sizeof in);
	in.version = version_of("369904", 2024);
	assert_int_equal(jh_cycle_act(S, &COUNTY, "369904", 2024, JH_STEP_APPLY, &in, &out, &d),
	                 JH_ERR_CONFLICT);
	assert_int_equal(d.items[0].problem, JH_P_CYCLE_VERDICT_FAILS);
	assert_string_equal(d.items[0].arg, "10");
	assert_string_equal(d.items[0].arg2, "0");
	jh_diags_free(&d);
	assert_string_equal(state_of("369904", 2024), "rectified");

	/* 369901 passes in 2024.  Target year 2026: the 2024 cycle is not the
	 * application's (that is 2025's). */
	today_is(2025, 2, 20);
	in = submit_in();
	assert_int_equal(act(&OTHER_COUNTY, "369901", 2024, JH_STEP_SUBMIT, &in, &p), JH_OK);
	assert_int_equal(set_target("369901", 2026), JH_OK);
	memset(&in, 0, sizeof in);
	assert_int_equal(act(&OTHER_COUNTY, "369901", 2024, JH_STEP_APPLY, &in, &p), JH_ERR_CONFLICT);
	assert_int_equal(p, JH_P_CYCLE_NOT_TARGET);
	/* Target year 2025: applied straight from submitted (the March
	 * application comes before September's review), on time. */
	assert_int_equal(set_target("369901", 2025), JH_OK);
	assert_int_equal(act(&CITY, "369901", 2024, JH_STEP_APPLY, &in, &p), JH_ERR_DENIED);
	assert_int_equal(act(&OTHER_COUNTY, "369901", 2024, JH_STEP_APPLY, &in, &p), JH_OK);
	assert_string_equal(state_of("369901", 2024), "applied");
	/* Assess: not the county, not the inspector, not another city. */
	in = assess_in("returned", "佐证材料不全");
	assert_int_equal(act(&OTHER_COUNTY, "369901", 2024, JH_STEP_ASSESS, &in, &p), JH_ERR_DENIED);
	assert_int_equal(act(&OTHER_CITY, "369901", 2024, JH_STEP_ASSESS, &in, &p), JH_ERR_DENIED);
	assert_int_equal(act(&CITY, "369901", 2024, JH_STEP_ASSESS, &in, &p), JH_OK);
	/* Returned: the county may apply again (now after March 31: late). */
	today_is(2025, 4, 5);
	memset(&in, 0, sizeof in);
	assert_int_equal(act(&OTHER_COUNTY, "369901", 2024, JH_STEP_APPLY, &in, &p), JH_OK);
	in = assess_in("forwarded", NULL);
	assert_int_equal(act(&PROVINCE, "369901", 2024, JH_STEP_ASSESS, &in, &p), JH_OK);
	/* Forwarded: no further application. */
	memset(&in, 0, sizeof in);
	assert_int_equal(act(&OTHER_COUNTY, "369901", 2024, JH_STEP_APPLY, &in, &p), JH_ERR_CONFLICT);
	assert_int_equal(p, JH_P_CYCLE_STATE);
	/* The events: submit, apply (on time, a snapshot of kind
	 * application), assess returned, apply (late), assess forwarded. */
	assert_int_equal(jh_store_cycle_events(S, "369901", 2024, &ev, &n, &d), JH_OK);
	assert_int_equal(n, 5);
	assert_string_equal(ev[1].action, "apply");
	assert_int_equal(ev[1].late, 0);
	assert_true(ev[1].snapshot > ev[0].snapshot);
	assert_string_equal(ev[2].note, "佐证材料不全");
	assert_int_equal(ev[3].late, 1);
	assert_string_equal(ev[4].role, "province");
	{
		jh_snapshot_meta m;
		assert_int_equal(jh_store_snapshot_get(S, ev[1].snapshot, &m, NULL, NULL, &d), JH_OK);
		assert_string_equal(m.kind, "application");
	}
	{
		jh_cycle_row r;
		assert_int_equal(jh_store_cycle_get(S, "369901", 2024, &r, &d), JH_OK);
		assert_string_equal(r.decision, "forwarded");
	}
	free(ev);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

/* ------------------------------------------------------------------ */
/* Snapshots.                                                            */
/* ------------------------------------------------------------------ */

/* The snapshot frozen by the first event of a county-year. */
static long snapshot_of(const char *county, int year)
{
	jh_cycle_event *ev = NULL;
	size_t n = 0;
	jh_diags d = JH_DIAGS_INIT;
	long id;

	assert_int_equal(jh_store_cycle_events(S, county, year, &ev, &n, &d), JH_OK);
	assert_true(n >= 1);
	id = ev[0].snapshot;
	free(ev);
	jh_diags_free(&d);
	return id;
}

static json_t *parse(const jh_buf *b)
{
	json_error_t e;
	json_t *v = json_loadb(b->data, b->len, 0, &e);
	if (!v)
		fail_msg("bad JSON: %s", e.text);
	return v;
}

static void test_snapshot_frozen_and_diff(void **state)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_buf before = JH_BUF_INIT, after = JH_BUF_INIT, diff = JH_BUF_INIT;
	jh_snapshot_meta m;
	char *body = NULL, sha[65];
	size_t len = 0;
	long id = snapshot_of("369904", 2024);
	const char *fields[] = {"multimedia_rooms"};
	const char *values[] = {"99"};
	jh_revision_info info = {"测试", "更正", "edit", 0, NULL, NULL};
	jh_import_stats st;
	jh_standard std;
	json_t *snap, *v, *schools, *items;
	int found = 0;

	(void)state;
	assert_true(id > 0);
	assert_int_equal(jh_snapshot_show(S, &COUNTY, id, &before, &d), JH_OK);
	/* Readers as the county-year's: a school account and another county
	 * are refused. */
	assert_int_equal(jh_snapshot_show(S, &SCHOOL, id, &after, &d), JH_ERR_DENIED);
	assert_int_equal(jh_snapshot_show(S, &OTHER_COUNTY, id, &after, &d), JH_ERR_DENIED);
	assert_int_equal(jh_snapshot_show(S, &ADMIN, 999999, &after, &d), JH_ERR_NOTFOUND);
	jh_diags_free(&d);
	/* What it holds: the county-year, the explanation, 369904's schools
	 * of 2024 (33 rows in schools-2024.csv with county 369904), the
	 * verdict as `junheng verdict` gives it (fail), its sha256 stored. */
	assert_int_equal(jh_store_snapshot_get(S, id, &m, &body, &len, &d), JH_OK);
	jh_sha256_hex(body, len, sha);
	assert_string_equal(m.sha256, sha);
	assert_string_equal(m.kind, "submission");
	assert_string_equal(m.who, "yunling");
	free(body);
	snap = parse(&before);
	assert_string_equal(json_string_value(json_object_get(snap, "county")), "369904");
	assert_int_equal(json_integer_value(json_object_get(snap, "year")), 2024);
	assert_string_equal(json_string_value(json_object_get(snap, "explanation")),
	                    submit_in().explanation);
	assert_string_equal(json_string_value(json_object_get(json_object_get(snap, "verdict"),
	                                                      "verdict")), "fail");
	schools = json_object_get(snap, "schools");
	for (size_t i = 0; i < json_array_size(schools); i++) {
		json_t *sc = json_array_get(schools, i);
		if (!strcmp(json_string_value(json_object_get(sc, "code")), "2136990409")) {
			/* schools-2024.csv: 高坪乡中学 has 13 multimedia rooms. */
			assert_int_equal((int)json_number_value(json_object_get(
				json_object_get(sc, "fields"), "multimedia_rooms")), 13);
			found = 1;
		}
	}
	assert_true(found);
	json_decref(snap);

	/* Later edits: a school's field, then the standard the diff uses. */
	today_is(2025, 7, 1);
	assert_int_equal(jh_store_set(S, "2136990409", 2024, 0, 1, fields, values, &info, &st,
	                              &d), JH_OK);
	assert_int_equal(jh_standard_national(&std, &d), JH_OK);
	snprintf(std.id, sizeof std.id, "stricter");
	std.cv_limit[JH_STAGE_PRIMARY] = 0.0001;   /* every primary coefficient fails */
	/* The snapshot is byte for byte what it was. */
	assert_int_equal(jh_snapshot_show(S, &ADMIN, id, &after, &d), JH_OK);
	assert_int_equal(after.len, before.len);
	assert_memory_equal(after.data, before.data, before.len);
	/* Even the store refuses to change it. */
	{
		sqlite3 *db = jhSqliteHandle(S->db);
		assert_int_not_equal(sqlite3_exec(db, "UPDATE snapshot SET body = '{}'", NULL, NULL,
		                                  NULL), SQLITE_OK);
	}

	/* The diff names the edits. */
	assert_int_equal(jh_snapshot_diff(S, &CITY, id, &std, &diff, &d), JH_OK);
	v = parse(&diff);
	assert_int_equal(json_integer_value(json_object_get(v, "snapshot")), id);
	assert_string_equal(json_string_value(json_object_get(json_object_get(v, "standard_now"),
	                                                      "id")), "stricter");
	schools = json_object_get(v, "schools");
	assert_int_equal(json_array_size(schools), 1);
	{
		json_t *sc = json_array_get(schools, 0), *fl = json_object_get(sc, "fields");
		assert_string_equal(json_string_value(json_object_get(sc, "code")), "2136990409");
		assert_string_equal(json_string_value(json_object_get(sc, "change")), "changed");
		assert_int_equal(json_array_size(fl), 1);
		assert_string_equal(json_string_value(json_object_get(json_array_get(fl, 0), "key")),
		                    "multimedia_rooms");
		assert_int_equal((int)json_number_value(json_object_get(json_array_get(fl, 0),
		                                                        "then")), 13);
		assert_int_equal((int)json_number_value(json_object_get(json_array_get(fl, 0),
		                                                        "now")), 99);
	}
	/* The stricter limit makes the primary coefficients fail now. */
	items = json_object_get(json_object_get(v, "verdict"), "items");
	found = 0;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		const char *iid = json_string_value(json_object_get(it, "id"));
		if (iid && strstr(iid, "primary") && strstr(iid, "cv")) {
			assert_string_equal(json_string_value(json_object_get(json_object_get(it, "then"),
			                                                      "status")), "pass");
			assert_string_equal(json_string_value(json_object_get(json_object_get(it, "now"),
			                                                      "status")), "fail");
			found++;
		}
	}
	assert_true(found >= 1);
	json_decref(v);
	jh_buf_free(&before);
	jh_buf_free(&after);
	jh_buf_free(&diff);
	jh_diags_free(&d);
}

/* ------------------------------------------------------------------ */
/* Notices.                                                              */
/* ------------------------------------------------------------------ */

static json_t *county_in(json_t *notice, const char *code)
{
	json_t *cs = json_object_get(notice, "counties");
	for (size_t i = 0; i < json_array_size(cs); i++)
		if (!strcmp(json_string_value(json_object_get(json_array_get(cs, i), "county")),
		            code))
			return json_array_get(cs, i);
	return NULL;
}

static void test_notice(void **state)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;
	json_t *v, *c;

	(void)state;
	/* On 2025-03-10, cycle 2024's submission was due 2025-02-28: every
	 * county submitted by then, 369907 on March 1 (late), the others by
	 * February 20 (on time); 369901's and 369904's applications (target
	 * year 2025) are due March 31, not late yet. */
	assert_int_equal(jh_cycle_notice(S, &CITY, "369900", "2025-03-10", NULL, JH_FMT_JSON, "zh",
	                                 &out, &d), JH_OK);
	v = parse(&out);
	assert_int_equal(json_array_size(json_object_get(v, "counties")), 7);
	assert_int_equal(json_integer_value(json_object_get(v, "cycle_year")), 2024);
	c = county_in(v, "369901");
	assert_int_equal(json_array_size(json_object_get(c, "late_steps")), 0);
	assert_int_equal(json_integer_value(json_object_get(c, "target_year")), 2025);
	assert_int_equal(json_array_size(json_object_get(v, "summoned")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(v, "summoned"), 0)),
	                    "369907");
	/* 369902's findings: two items, both signed off, none open. */
	c = county_in(v, "369902");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(c, "ledger"), "open")), 0);
	c = county_in(v, "369907");
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(c, "late_steps"),
	                                                        0), "taken")));
	c = county_in(v, "369904");
	assert_int_equal(json_array_size(json_object_get(c, "late_steps")), 0);
	assert_true(json_is_false(json_object_get(c, "summoned")));
	json_decref(v);
	/* On 2025-02-28 nobody is late yet (the day itself is in time). */
	jh_buf_reset(&out);
	assert_int_equal(jh_cycle_notice(S, &CITY, "369900", "2025-02-28", NULL, JH_FMT_JSON, "zh",
	                                 &out, &d), JH_OK);
	v = parse(&out);
	assert_int_equal(json_array_size(json_object_get(v, "summoned")), 0);
	json_decref(v);
	/* CSV in English: a header and one line per county (8 lines). */
	jh_buf_reset(&out);
	assert_int_equal(jh_cycle_notice(S, &PROVINCE, "360000", "2025-03-10", NULL, JH_FMT_CSV, "en",
	                                 &out, &d), JH_OK);
	{
		int lines = 0;
		for (size_t i = 0; i < out.len; i++)
			lines += out.data[i] == '\n';
		assert_int_equal(lines, 8);
		assert_memory_equal(out.data, "county_code,county_name,", 24);
		assert_null(strstr(out.data, "县代码"));
	}
	/* Who may read: no school, no other area; a bad date. */
	assert_int_equal(jh_cycle_notice(S, &SCHOOL, "369904", "", NULL, JH_FMT_JSON, "zh", &out, &d),
	                 JH_ERR_DENIED);
	assert_int_equal(jh_cycle_notice(S, &OTHER_COUNTY, "369904", "", NULL, JH_FMT_JSON, "zh", &out,
	                                 &d), JH_ERR_DENIED);
	assert_int_equal(jh_cycle_notice(S, &CITY, "369900", "2025-13-01", NULL, JH_FMT_JSON, "zh", &out,
	                                 &d), JH_ERR_INPUT);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_show_readers),
		cmocka_unit_test(test_submit_roles),
		cmocka_unit_test(test_review_roles),
		cmocka_unit_test(test_rectify_roles),
		cmocka_unit_test(test_apply_needs_target),
		cmocka_unit_test(test_input_refused),
		cmocka_unit_test(test_version_and_concurrency),
		cmocka_unit_test(test_late_flags),
		cmocka_unit_test(test_review_all_or_nothing),
		cmocka_unit_test(test_findings_and_rectify),
		cmocka_unit_test(test_apply_and_assess),
		cmocka_unit_test(test_snapshot_frozen_and_diff),
		cmocka_unit_test(test_notice),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
