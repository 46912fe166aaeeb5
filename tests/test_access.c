/*
** test_access.c — lib/access: the policy table cell by cell, passwords,
** accounts and their rules, sign-in and its audit, sessions, the throttle.
**
** The areas are data/sample/areas.csv's — province 360000 示例省, city
** 369900 江州市, counties 369901–369907 — plus a second city 369800 with
** one county 369801 (the sibling city).  Three stored schools: S in
** 369904 (the county office's own), T in 369901 (a sibling county of the
** same city) and U in 369801 (the other city).  Each expected answer is
** read off the table in DESIGN10.md (and lib/access/policy.c's comment),
** not off the code.
*/
#include "testutil.h"

#include <dirent.h>
#include <pthread.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#define AREAS_CSV \
	"province_code,province_name,city_code,city_name,county_code,county_name\n" \
	"360000,示例省,369900,江州市,369901,江城区\n" \
	"360000,示例省,369900,江州市,369902,安平县\n" \
	"360000,示例省,369900,江州市,369903,清溪县\n" \
	"360000,示例省,369900,江州市,369904,云岭县\n" \
	"360000,示例省,369900,江州市,369905,柳河县\n" \
	"360000,示例省,369900,江州市,369906,梅山县\n" \
	"360000,示例省,369900,江州市,369907,新丰县\n" \
	"360000,示例省,369800,河西市,369801,河西区\n"

#define S_CODE "3699040001"
#define T_CODE "3699010001"
#define U_CODE "3698010001"

/* A primary school row of the required columns (values are not what is
 * tested here, only that they load). */
#define ROW(code, county) code ",学校" code "," county ",2024,primary,," \
	"500,0,0,30,0,5,0,3,0,35,0,3000,5000,1000000,10\n"
#define SCHOOLS_CSV TEST_TEMPLATE_HEADER "\n" ROW(S_CODE, "369904") \
	ROW(T_CODE, "369901") ROW(U_CODE, "369801")

struct fx {
	char dir[64], path[96];
	jh_store *s;
	jh_areas *areas;
	jh_diags d;
};

static void fail_diags(const char *what, jh_code rc, const jh_diags *d)
{
	jh_buf b = JH_BUF_INIT;

	jh_diags_format(d, "en", &b);
	fail_msg("%s: %s\n%s", what, jh_code_str(rc, "en"), b.data ? b.data : "");
}

static jh_table *parse_table(const char *csv, const char *file)
{
	jh_table *t = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc = jh_csv_parse(csv, strlen(csv), file, &t, &d);

	if (rc)
		fail_diags(file, rc, &d);
	jh_diags_free(&d);
	return t;
}

static jh_areas *parse_areas(const char *csv, const char *file)
{
	jh_table *t = parse_table(csv, file);
	jh_areas *a = jh_areas_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc = jh_areas_add_table(a, t, &d);

	if (rc)
		fail_diags(file, rc, &d);
	jh_table_free(t);
	jh_diags_free(&d);
	return a;
}

static jh_dataset *parse_rows(const char *csv, const char *file)
{
	jh_table *t = parse_table(csv, file);
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc = jh_dataset_add_table(ds, t, &d);

	if (rc)
		fail_diags(file, rc, &d);
	jh_table_free(t);
	jh_diags_free(&d);
	return ds;
}

static long long g_now = 1700000000;

static long long test_clock(void *ctx)
{
	(void)ctx;
	return g_now;
}

/* A database with the areas and the three schools. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	jh_areas *a;
	jh_dataset *ds;
	jh_revision_info info = {"测试", "准备", "import", 0, NULL, NULL};
	jh_code rc;

	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/jh_test_access.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/j.db", f->dir);
	jh_diags_init(&f->d);
	if ((rc = jh_store_init(f->path, &f->s, &f->d)))
		fail_diags("init", rc, &f->d);
	jh_store_set_clock(f->s, test_clock, NULL);
	a = parse_areas(AREAS_CSV, "areas.csv");
	ds = parse_rows(SCHOOLS_CSV, "schools.csv");
	if ((rc = jh_store_import(f->s, a, ds, NULL, &info, NULL, &f->d)))
		fail_diags("import", rc, &f->d);
	jh_areas_free(a);
	jh_dataset_free(ds);
	if ((rc = jh_store_areas(f->s, &f->areas, &f->d)))
		fail_diags("areas", rc, &f->d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	jh_areas_free(f->areas);
	jh_store_close(f->s);
	jh_diags_free(&f->d);
	rm_rf(f->dir);
	free(f);
	return 0;
}

static jh_user user(jh_role role, const char *area)
{
	jh_user u;

	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "u-%s", jh_role_key(role));
	u.role = role;
	snprintf(u.area, sizeof u.area, "%s", area);
	return u;
}

#define OK JH_OK
#define NO JH_ERR_DENIED
#define NF JH_ERR_NOTFOUND

/* --- the policy, cell by cell ------------------------------------------- */

static void test_within(void **state)
{
	struct fx *f = *state;
	const jh_areas *a = f->areas;

	assert_true(jh_area_within(a, "369904", "369904"));    /* itself */
	assert_true(jh_area_within(a, "369904", "369900"));    /* its city */
	assert_true(jh_area_within(a, "369904", "360000"));    /* its province */
	assert_true(jh_area_within(a, "369801", "360000"));
	assert_false(jh_area_within(a, "369904", "369901"));   /* a sibling */
	assert_false(jh_area_within(a, "369900", "369904"));   /* the parent is not within a child */
	assert_false(jh_area_within(a, "369801", "369900"));   /* the other city's county */
	assert_false(jh_area_within(a, "369999", "360000"));   /* unknown */
	assert_false(jh_area_within(a, "369904", ""));
}

/* Areas: X in the columns, for each caller: READ then WRITE. */
static const char *const X[] = {"360000", "369900", "369904", "369901", "369800",
                                "369801", "369999"};
#define NX (sizeof X / sizeof X[0])

static void check_area_row(struct fx *f, jh_user u, const jh_code *rd,
                           const jh_code *wr)
{
	for (size_t i = 0; i < NX; i++) {
		jh_code r = jh_access_area(f->areas, &u, JH_OP_READ, X[i]);
		jh_code w = jh_access_area(f->areas, &u, JH_OP_WRITE, X[i]);
		if (r != rd[i] || w != wr[i])
			fail_msg("%s of %s on %s: read %d write %d, expected %d %d",
			         jh_role_key(u.role), u.area, X[i], r, w, rd[i], wr[i]);
	}
}

static void test_policy_area(void **state)
{
	struct fx *f = *state;
	/*                         360000 369900 369904 369901 369800 369801 369999 */
	static const jh_code all[]   = {OK, OK, OK, OK, OK, OK, NF};
	static const jh_code city[]  = {NO, OK, OK, OK, NO, NO, NF};
	static const jh_code cnty[]  = {NO, NO, OK, NO, NO, NO, NF};
	static const jh_code none[]  = {NO, NO, NO, NO, NO, NO, NF};

	check_area_row(f, user(JH_ROLE_ADMIN, ""), all, all);
	check_area_row(f, user(JH_ROLE_PROVINCE, "360000"), all, all);
	/* The city office: itself and its counties; not its province (the
	 * parent), not the other city nor its county (siblings). */
	check_area_row(f, user(JH_ROLE_CITY, "369900"), city, city);
	check_area_row(f, user(JH_ROLE_COUNTY, "369904"), cnty, cnty);
	/* Inspectors read as the office of their area does, write nothing. */
	check_area_row(f, user(JH_ROLE_INSPECTOR, "369904"), cnty, none);
	check_area_row(f, user(JH_ROLE_INSPECTOR, "369900"), city, none);
	check_area_row(f, user(JH_ROLE_INSPECTOR, "360000"), all, none);
	/* A school reads no area, not even its own county. */
	check_area_row(f, user(JH_ROLE_SCHOOL, S_CODE), none, none);
	/* A disabled account nothing. */
	{
		jh_user u = user(JH_ROLE_ADMIN, "");
		u.disabled = 1;
		check_area_row(f, u, none, none);
	}
}

static const struct { const char *code, *county; } SCH[] = {
	{S_CODE, "369904"}, {T_CODE, "369901"}, {U_CODE, "369801"},
	{"9999999999", NULL},           /* not stored: no county */
};
#define NSCH (sizeof SCH / sizeof SCH[0])

static void check_school_row(struct fx *f, jh_user u, const jh_code *rd,
                             const jh_code *wr)
{
	for (size_t i = 0; i < NSCH; i++) {
		jh_code r = jh_access_school(f->areas, &u, JH_OP_READ, SCH[i].code, SCH[i].county);
		jh_code w = jh_access_school(f->areas, &u, JH_OP_WRITE, SCH[i].code, SCH[i].county);
		if (r != rd[i] || w != wr[i])
			fail_msg("%s of %s on school %s: read %d write %d, expected %d %d",
			         jh_role_key(u.role), u.area, SCH[i].code, r, w, rd[i], wr[i]);
	}
}

static void test_policy_school(void **state)
{
	struct fx *f = *state;
	/*                           S (369904) T (369901) U (369801) unknown */
	static const jh_code all[]  = {OK, OK, OK, NF};
	static const jh_code city[] = {OK, OK, NO, NF};
	static const jh_code own[]  = {OK, NO, NO, NF};
	static const jh_code none[] = {NO, NO, NO, NF};

	check_school_row(f, user(JH_ROLE_ADMIN, ""), all, all);
	check_school_row(f, user(JH_ROLE_PROVINCE, "360000"), all, all);
	check_school_row(f, user(JH_ROLE_CITY, "369900"), city, city);
	check_school_row(f, user(JH_ROLE_COUNTY, "369904"), own, own);
	check_school_row(f, user(JH_ROLE_INSPECTOR, "369904"), own, none);
	check_school_row(f, user(JH_ROLE_INSPECTOR, "369900"), city, none);
	/* A school: its own row, read and write; no other. */
	check_school_row(f, user(JH_ROLE_SCHOOL, S_CODE), own, own);
	check_school_row(f, user(JH_ROLE_SCHOOL, T_CODE),
	                 (const jh_code[]){NO, OK, NO, NF}, (const jh_code[]){NO, OK, NO, NF});
	/* A county not stored is as unknown as a school not stored. */
	assert_int_equal(jh_access_school(f->areas, &(jh_user){.role = JH_ROLE_ADMIN},
	                                  JH_OP_READ, S_CODE, "369999"), NF);
}

static void test_policy_manage(void **state)
{
	struct fx *f = *state;
	const jh_areas *a = f->areas;
	jh_user admin = user(JH_ROLE_ADMIN, ""), prov = user(JH_ROLE_PROVINCE, "360000");
	jh_user city = user(JH_ROLE_CITY, "369900"), cnty = user(JH_ROLE_COUNTY, "369904");
	jh_user insp = user(JH_ROLE_INSPECTOR, "369900"), sch = user(JH_ROLE_SCHOOL, S_CODE);

	/* admin: everything, another admin too. */
	assert_int_equal(jh_access_manage(a, &admin, JH_ROLE_ADMIN, "", NULL), OK);
	assert_int_equal(jh_access_manage(a, &admin, JH_ROLE_CITY, "369800", NULL), OK);
	/* province 4: below it (rank < 4) and within 360000. */
	assert_int_equal(jh_access_manage(a, &prov, JH_ROLE_CITY, "369900", NULL), OK);
	assert_int_equal(jh_access_manage(a, &prov, JH_ROLE_CITY, "369800", NULL), OK);
	assert_int_equal(jh_access_manage(a, &prov, JH_ROLE_PROVINCE, "360000", NULL), NO);
	assert_int_equal(jh_access_manage(a, &prov, JH_ROLE_ADMIN, "", NULL), NO);
	/* city 3: its counties (2), inspectors (1) of itself or below,
	 * schools (0) of its counties; not a city (3), not the other city's. */
	assert_int_equal(jh_access_manage(a, &city, JH_ROLE_COUNTY, "369904", NULL), OK);
	assert_int_equal(jh_access_manage(a, &city, JH_ROLE_INSPECTOR, "369900", NULL), OK);
	assert_int_equal(jh_access_manage(a, &city, JH_ROLE_SCHOOL, T_CODE, "369901"), OK);
	assert_int_equal(jh_access_manage(a, &city, JH_ROLE_CITY, "369900", NULL), NO);
	assert_int_equal(jh_access_manage(a, &city, JH_ROLE_COUNTY, "369801", NULL), NO);
	assert_int_equal(jh_access_manage(a, &city, JH_ROLE_INSPECTOR, "360000", NULL), NO);
	assert_int_equal(jh_access_manage(a, &city, JH_ROLE_SCHOOL, U_CODE, "369801"), NO);
	/* county 2: inspectors of itself, its schools; no county office
	 * (same rank), nothing of the sibling county. */
	assert_int_equal(jh_access_manage(a, &cnty, JH_ROLE_INSPECTOR, "369904", NULL), OK);
	assert_int_equal(jh_access_manage(a, &cnty, JH_ROLE_SCHOOL, S_CODE, "369904"), OK);
	assert_int_equal(jh_access_manage(a, &cnty, JH_ROLE_COUNTY, "369904", NULL), NO);
	assert_int_equal(jh_access_manage(a, &cnty, JH_ROLE_INSPECTOR, "369901", NULL), NO);
	assert_int_equal(jh_access_manage(a, &cnty, JH_ROLE_SCHOOL, T_CODE, "369901"), NO);
	assert_int_equal(jh_access_manage(a, &cnty, JH_ROLE_INSPECTOR, "369900", NULL), NO);
	/* inspector and school: nothing, not even below them. */
	assert_int_equal(jh_access_manage(a, &insp, JH_ROLE_SCHOOL, S_CODE, "369904"), NO);
	assert_int_equal(jh_access_manage(a, &sch, JH_ROLE_SCHOOL, S_CODE, "369904"), NO);
	/* Unknown places are not found, whoever asks. */
	assert_int_equal(jh_access_manage(a, &city, JH_ROLE_COUNTY, "369999", NULL), NF);
	assert_int_equal(jh_access_manage(a, &admin, JH_ROLE_SCHOOL, "9999999999", NULL), NF);
}

/* An import is checked whole: each offending row is named by file, line
 * and column, and one is enough to refuse all. */
static void test_policy_import(void **state)
{
	struct fx *f = *state;
	jh_user cnty = user(JH_ROLE_COUNTY, "369904"), city = user(JH_ROLE_CITY, "369900");
	jh_user admin = user(JH_ROLE_ADMIN, ""), insp = user(JH_ROLE_INSPECTOR, "369904");
	jh_user sch = user(JH_ROLE_SCHOOL, S_CODE);
	jh_dataset *own = parse_rows(TEST_TEMPLATE_HEADER "\n" ROW(S_CODE, "369904"), "own.csv");
	/* Line 2 is the county's own school, line 3 the sibling county's. */
	jh_dataset *mixed = parse_rows(TEST_TEMPLATE_HEADER "\n" ROW(S_CODE, "369904")
	                               ROW(T_CODE, "369901"), "mixed.csv");
	/* The whole areas.csv again, unchanged. */
	jh_areas *same = parse_areas(AREAS_CSV, "areas.csv");
	/* The sibling county renamed on line 2, the county's own on line 3. */
	jh_areas *renamed = parse_areas(
	        "province_code,province_name,city_code,city_name,county_code,county_name\n"
	        "360000,示例省,369900,江州市,369901,江城新区\n"
	        "360000,示例省,369900,江州市,369904,云岭新县\n", "rename.csv");
	/* A new county of the city, with a school of it. */
	jh_areas *newc = parse_areas(
	        "province_code,province_name,city_code,city_name,county_code,county_name\n"
	        "360000,示例省,369900,江州市,369908,新设县\n", "new.csv");
	jh_dataset *newrows = parse_rows(TEST_TEMPLATE_HEADER "\n" ROW("3699080001", "369908"),
	                                 "new-schools.csv");
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jh_access_import(f->areas, &admin, f->s, renamed, mixed, NULL, &d), OK);
	assert_int_equal(jh_access_import(f->areas, &cnty, f->s, same, own, NULL, &d), OK);
	assert_int_equal(d.count, 0);

	assert_int_equal(jh_access_import(f->areas, &cnty, f->s, NULL, mixed, NULL, &d), NO);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_IMPORT_OUTSIDE);
	assert_string_equal(d.items[0].file, "mixed.csv");
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].column, 3);          /* county_code is column C */
	assert_string_equal(d.items[0].arg, "369901");
	assert_string_equal(d.items[0].arg2, "369904");
	jh_diags_free(&d);

	/* Renaming the sibling county: refused (line 2); its own: fine. */
	assert_int_equal(jh_access_import(f->areas, &cnty, f->s, renamed, NULL, NULL, &d), NO);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_IMPORT_AREA_OUTSIDE);
	assert_int_equal(d.items[0].line, 2);
	assert_string_equal(d.items[0].arg, "369901");
	jh_diags_free(&d);
	/* The city office may rename both, and add a county with schools. */
	assert_int_equal(jh_access_import(f->areas, &city, f->s, renamed, mixed, NULL, &d), OK);
	assert_int_equal(jh_access_import(f->areas, &city, f->s, newc, newrows, NULL, &d), OK);
	/* The county office may not add a county beside it. */
	assert_int_equal(jh_access_import(f->areas, &cnty, f->s, newc, newrows, NULL, &d), NO);
	assert_int_equal(d.count, 2);                    /* the area and the row */
	jh_diags_free(&d);

	/* A row naming the caller's county for a school stored in another:
	 * out of reach by the school (column A), when the store is asked. */
	{
		jh_dataset *moved = parse_rows(TEST_TEMPLATE_HEADER "\n" ROW(T_CODE, "369904"),
		                               "moved.csv");
		assert_int_equal(jh_access_import(f->areas, &cnty, NULL, NULL, moved, NULL, &d), OK);
		assert_int_equal(jh_access_import(f->areas, &cnty, f->s, NULL, moved, NULL, &d), NO);
		assert_int_equal(d.count, 1);
		assert_int_equal(d.items[0].line, 2);
		assert_int_equal(d.items[0].column, 1);
		assert_string_equal(d.items[0].arg, T_CODE);
		jh_diags_free(&d);
		/* T is in 369901, within the city: the city office may. */
		assert_int_equal(jh_access_import(f->areas, &city, f->s, NULL, moved, NULL, &d), OK);
		jh_dataset_free(moved);
	}
	/* A school: its own row only; an inspector: none. */
	assert_int_equal(jh_access_import(f->areas, &sch, f->s, same, own, NULL, &d), OK);
	assert_int_equal(jh_access_import(f->areas, &sch, f->s, NULL, mixed, NULL, &d), NO);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].column, 1);          /* school_code is column A */
	jh_diags_free(&d);
	assert_int_equal(jh_access_import(f->areas, &insp, f->s, NULL, own, NULL, &d), NO);
	jh_diags_free(&d);

	/* County-year records: the office's own county only. */
	{
		jh_county_items *it = jh_county_items_new();
		jh_county_item a = {"369904", 2024, "teacher_pay_ratio", "1.05", "", "county.csv", 2};
		jh_county_item b = {"369901", 2024, "teacher_pay_ratio", "1.05", "", "county.csv", 3};
		assert_int_equal(jh_county_items_put(it, &a), JH_OK);
		assert_int_equal(jh_access_import(f->areas, &cnty, f->s, NULL, NULL, it, &d), OK);
		assert_int_equal(jh_county_items_put(it, &b), JH_OK);
		assert_int_equal(jh_access_import(f->areas, &cnty, f->s, NULL, NULL, it, &d), NO);
		assert_int_equal(d.count, 1);
		assert_int_equal(d.items[0].line, 3);
		assert_string_equal(d.items[0].column_name, "county_code");
		jh_diags_free(&d);
		assert_int_equal(jh_access_import(f->areas, &sch, f->s, NULL, NULL, it, &d), NO);
		assert_int_equal(d.count, 2);
		jh_diags_free(&d);
		jh_county_items_free(it);
	}
	jh_dataset_free(own);
	jh_dataset_free(mixed);
	jh_dataset_free(newrows);
	jh_areas_free(same);
	jh_areas_free(renamed);
	jh_areas_free(newc);
}

/* --- passwords ---------------------------------------------------------- */

static void test_password(void **state)
{
	char h[JH_PWHASH_MAX], long_pw[258];
	jh_diags d = JH_DIAGS_INIT;

	(void)state;
	assert_int_equal(jh_password_hash("均衡发展督导", h, &d), JH_OK);   /* 18 bytes */
	assert_memory_equal(h, "$argon2id$", 10);
	assert_true(jh_password_verify(h, "均衡发展督导"));
	assert_false(jh_password_verify(h, "均衡发展督导 "));
	assert_false(jh_password_verify(h, ""));
	assert_false(jh_password_verify("not a hash", "均衡发展督导"));

	/* 7 bytes too short, 8 enough; 256 enough, 257 too long. */
	assert_int_equal(jh_password_check("1234567", &d), JH_ERR_INPUT);
	assert_int_equal(d.items[0].problem, JH_P_PASSWORD_SHORT);
	assert_string_equal(d.items[0].arg, "8");
	jh_diags_free(&d);
	assert_int_equal(jh_password_check("12345678", &d), JH_OK);
	memset(long_pw, 'x', 256);
	long_pw[256] = '\0';
	assert_int_equal(jh_password_check(long_pw, &d), JH_OK);
	long_pw[256] = 'x';
	long_pw[257] = '\0';
	assert_int_equal(jh_password_check(long_pw, &d), JH_ERR_INPUT);
	assert_int_equal(d.items[0].problem, JH_P_PASSWORD_LONG);
	assert_string_equal(d.items[0].arg, "256");
	jh_diags_free(&d);
	/* Latin-1 bytes are not UTF-8. */
	assert_int_equal(jh_password_check("p\xe4ssw\xf6rd!", &d), JH_ERR_INPUT);
	assert_int_equal(d.items[0].problem, JH_P_PASSWORD_UTF8);
	jh_diags_free(&d);
	assert_int_equal(jh_password_hash("short", h, &d), JH_ERR_INPUT);
	assert_string_equal(h, "");
	jh_diags_free(&d);
}

/* --- accounts ----------------------------------------------------------- */

static void expect_add(struct fx *f, const char *name, jh_role role, const char *area,
                       const char *pw, jh_code rc, jh_problem p)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_code got = jh_account_add(f->s, f->areas, name, role, area, pw, "", &d);

	if (got != rc || (rc && (d.count != 1 || d.items[0].problem != p)))
		fail_msg("add %s (%s %s): %d with %zu problems (first %d), expected %d and %d",
		         name, jh_role_key(role), area, got, d.count,
		         d.count ? (int)d.items[0].problem : -1, rc, p);
	jh_diags_free(&d);
}

static void test_account_rules(void **state)
{
	struct fx *f = *state;
	const char *pw = "secret-pw-1";
	jh_user u;
	jh_diags d = JH_DIAGS_INIT;

	assert_true(jh_account_name_ok("admin"));
	assert_true(jh_account_name_ok("云岭县督导室"));
	assert_true(jh_account_name_ok("li.si_2@jx"));
	assert_false(jh_account_name_ok(""));
	assert_false(jh_account_name_ok(".hidden"));
	assert_false(jh_account_name_ok("-x"));
	assert_false(jh_account_name_ok("a b"));
	assert_false(jh_account_name_ok("a/b"));
	assert_false(jh_account_name_ok("x\xff"));
	assert_true(jh_account_name_ok("123456789012345678901234567890123456789012345678901234567890123"));
	assert_false(jh_account_name_ok("1234567890123456789012345678901234567890123456789012345678901234"));

	expect_add(f, "root", JH_ROLE_ADMIN, "", pw, OK, 0);
	expect_add(f, "yunling", JH_ROLE_COUNTY, "369904", pw, OK, 0);
	expect_add(f, "jiangzhou", JH_ROLE_CITY, "369900", pw, OK, 0);
	expect_add(f, "sheng", JH_ROLE_PROVINCE, "360000", pw, OK, 0);
	expect_add(f, "dx", JH_ROLE_INSPECTOR, "369900", pw, OK, 0);
	expect_add(f, "school-s", JH_ROLE_SCHOOL, S_CODE, pw, OK, 0);
	/* Wrong kinds and levels of codes. */
	expect_add(f, "x1", JH_ROLE_ADMIN, "369904", pw, JH_ERR_INPUT, JH_P_ROLE_AREA);
	expect_add(f, "x2", JH_ROLE_COUNTY, "369900", pw, JH_ERR_INPUT, JH_P_ROLE_AREA);
	expect_add(f, "x3", JH_ROLE_CITY, "369904", pw, JH_ERR_INPUT, JH_P_ROLE_AREA);
	expect_add(f, "x4", JH_ROLE_PROVINCE, "369900", pw, JH_ERR_INPUT, JH_P_ROLE_AREA);
	expect_add(f, "x5", JH_ROLE_COUNTY, "", pw, JH_ERR_INPUT, JH_P_ROLE_AREA);
	expect_add(f, "x6", JH_ROLE_SCHOOL, "369904", pw, JH_ERR_INPUT, JH_P_ROLE_AREA);
	expect_add(f, "x7", JH_ROLE_COUNTY, S_CODE, pw, JH_ERR_INPUT, JH_P_ROLE_AREA);
	/* Unknown codes. */
	expect_add(f, "x8", JH_ROLE_COUNTY, "369999", pw, JH_ERR_INPUT, JH_P_ACCOUNT_AREA_UNKNOWN);
	expect_add(f, "x9", JH_ROLE_SCHOOL, "9999999999", pw, JH_ERR_INPUT,
	           JH_P_ACCOUNT_SCHOOL_UNKNOWN);
	/* Names and passwords. */
	expect_add(f, "a b", JH_ROLE_ADMIN, "", pw, JH_ERR_INPUT, JH_P_ACCOUNT_NAME);
	expect_add(f, "x10", JH_ROLE_ADMIN, "", "", JH_ERR_INPUT, JH_P_PASSWORD_SHORT);
	expect_add(f, "yunling", JH_ROLE_COUNTY, "369904", pw, JH_ERR_CONFLICT,
	           JH_P_ACCOUNT_EXISTS);

	/* What was stored. */
	assert_int_equal(jh_store_account_get(f->s, "school-s", &u, NULL, &d), JH_OK);
	assert_int_equal(u.role, JH_ROLE_SCHOOL);
	assert_string_equal(u.area, S_CODE);
	assert_int_equal(u.disabled, 0);
	assert_int_equal(u.created, 1700000000);
	{
		jh_user *all = NULL;
		size_t n = 0;
		assert_int_equal(jh_store_accounts(f->s, &all, &n, &d), JH_OK);
		assert_int_equal(n, 6);     /* by name: dx jiangzhou root school-s sheng yunling */
		assert_string_equal(all[0].name, "dx");
		assert_string_equal(all[5].name, "yunling");
		free(all);
	}
	/* Roles by key and Chinese name. */
	assert_int_equal(jh_role_parse("inspector"), JH_ROLE_INSPECTOR);
	assert_int_equal(jh_role_parse("督学"), JH_ROLE_INSPECTOR);
	assert_int_equal(jh_role_parse("boss"), -1);
	assert_string_equal(jh_role_name(JH_ROLE_COUNTY, "zh"), "县级督导室");
	assert_string_equal(jh_role_name(JH_ROLE_COUNTY, "en"), "county office");
	jh_diags_free(&d);
}

static void test_sign_in_and_audit(void **state)
{
	struct fx *f = *state;
	jh_user u;
	jh_diags d = JH_DIAGS_INIT;
	jh_audit_entry *a = NULL;
	size_t n = 0;
	jh_account_change ch = JH_ACCOUNT_CHANGE_NONE;

	expect_add(f, "yunling", JH_ROLE_COUNTY, "369904", "right-pw-1", OK, 0);
	assert_int_equal(jh_account_authenticate(f->s, "yunling", "right-pw-1", "10.0.0.1",
	                                         &u, &d), JH_OK);
	assert_string_equal(u.name, "yunling");
	assert_string_equal(u.area, "369904");
	/* Wrong password, unknown name, disabled: one answer. */
	assert_int_equal(jh_account_authenticate(f->s, "yunling", "wrong-pw-1", "10.0.0.2",
	                                         &u, &d), JH_ERR_AUTH);
	assert_int_equal(d.items[0].problem, JH_P_SIGN_IN_FAILED);
	assert_string_equal(u.name, "");
	assert_int_equal(jh_account_authenticate(f->s, "nobody", "right-pw-1", "10.0.0.3",
	                                         &u, &d), JH_ERR_AUTH);
	assert_int_equal(d.items[1].problem, JH_P_SIGN_IN_FAILED);
	ch.disabled = 1;
	assert_int_equal(jh_account_change_apply(f->s, f->areas, "yunling", &ch, "root", &d),
	                 JH_OK);
	assert_int_equal(jh_account_authenticate(f->s, "yunling", "right-pw-1", "10.0.0.4",
	                                         &u, &d), JH_ERR_AUTH);
	assert_int_equal(d.count, 3);
	jh_diags_free(&d);

	assert_int_equal(jh_store_audit(f->s, 0, &a, &n, &d), JH_OK);
	assert_int_equal(n, 6);
	assert_string_equal(a[0].event, "account_add");
	assert_string_equal(a[0].account, "");
	assert_string_equal(a[0].detail, "county 369904");
	assert_string_equal(a[1].event, "sign_in");
	assert_string_equal(a[1].address, "10.0.0.1");
	assert_string_equal(a[1].at, "2023-11-14T22:13:20Z");   /* 1700000000 */
	assert_string_equal(a[2].event, "sign_in_failed");
	assert_string_equal(a[2].account, "yunling");
	assert_string_equal(a[3].event, "sign_in_failed");
	assert_string_equal(a[3].account, "nobody");
	assert_string_equal(a[4].event, "account_change");
	assert_string_equal(a[4].account, "root");
	assert_string_equal(a[4].detail, "disabled");
	assert_string_equal(a[5].event, "sign_in_failed");
	assert_string_equal(a[5].address, "10.0.0.4");
	jh_audit_free(a, n);
	/* No password anywhere in the audit (the hash neither). */
	{
		jh_buf b = JH_BUF_INIT;
		assert_int_equal(jh_store_audit(f->s, 0, &a, &n, &d), JH_OK);
		for (size_t i = 0; i < n; i++)
			jh_buf_addf(&b, "%s|%s|%s|%s\n", a[i].account, a[i].event, a[i].address,
			            a[i].detail);
		assert_null(strstr(b.data, "pw-1"));
		assert_null(strstr(b.data, "argon"));
		jh_buf_free(&b);
		jh_audit_free(a, n);
	}
	/* Enabled again with a new password: the old one no longer works. */
	ch.disabled = 0;
	ch.password = "new-pw-22";
	assert_int_equal(jh_account_change_apply(f->s, f->areas, "yunling", &ch, "root", &d),
	                 JH_OK);
	assert_int_equal(jh_account_authenticate(f->s, "yunling", "right-pw-1", "", &u, &d),
	                 JH_ERR_AUTH);
	assert_int_equal(jh_account_authenticate(f->s, "yunling", "new-pw-22", "", &u, &d),
	                 JH_OK);
	jh_diags_free(&d);
	/* A role change must still fit the area: a city office of a county
	 * code is refused, with the area changed too it is fine. */
	ch = (jh_account_change)JH_ACCOUNT_CHANGE_NONE;
	ch.role = JH_ROLE_CITY;
	assert_int_equal(jh_account_change_apply(f->s, f->areas, "yunling", &ch, "root", &d),
	                 JH_ERR_INPUT);
	assert_int_equal(d.items[0].problem, JH_P_ROLE_AREA);
	jh_diags_free(&d);
	ch.area = "369900";
	assert_int_equal(jh_account_change_apply(f->s, f->areas, "yunling", &ch, "root", &d),
	                 JH_OK);
	assert_int_equal(jh_store_account_get(f->s, "yunling", &u, NULL, &d), JH_OK);
	assert_int_equal(u.role, JH_ROLE_CITY);
	assert_string_equal(u.area, "369900");
	assert_int_equal(jh_account_change_apply(f->s, f->areas, "nobody", &ch, "root", &d),
	                 JH_ERR_NOTFOUND);
	jh_diags_free(&d);

	/* A hash of weaker limits (an older version's, say) is made again
	 * at the next sign-in, and still verifies. */
	{
		char weak[JH_PWHASH_MAX], now[JH_PWHASH_MAX];
		jh_user w;
		memset(&w, 0, sizeof w);
		snprintf(w.name, sizeof w.name, "old");
		w.role = JH_ROLE_ADMIN;
		assert_int_equal(crypto_pwhash_str(weak, "old-pass-1", 10, crypto_pwhash_OPSLIMIT_MIN,
		                                   crypto_pwhash_MEMLIMIT_MIN), 0);
		assert_int_equal(jh_store_account_add(f->s, &w, weak, &d), JH_OK);
		assert_int_equal(jh_account_authenticate(f->s, "old", "old-pass-1", "", &u, &d), JH_OK);
		assert_int_equal(jh_store_account_get(f->s, "old", &w, now, &d), JH_OK);
		assert_string_not_equal(now, weak);
		assert_int_equal(crypto_pwhash_str_needs_rehash(now, crypto_pwhash_OPSLIMIT_INTERACTIVE,
		                                                crypto_pwhash_MEMLIMIT_INTERACTIVE), 0);
		assert_int_equal(jh_account_authenticate(f->s, "old", "old-pass-1", "", &u, &d), JH_OK);
	}
}

/* --- sessions ----------------------------------------------------------- */

static int is_hex64(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return 0;
	return i == 64;
}

static void test_sessions(void **state)
{
	struct fx *f = *state;
	char tok[65], csrf[65], tok2[65], csrf2[65], ch[65], th[65], acct[64];
	long long last;
	jh_user u;
	jh_diags d = JH_DIAGS_INIT;
	jh_account_change c = JH_ACCOUNT_CHANGE_NONE;
	const long idle = 1800;

	expect_add(f, "yunling", JH_ROLE_COUNTY, "369904", "right-pw-1", OK, 0);
	assert_int_equal(jh_session_start(f->s, "yunling", 1000, tok, csrf, &d), JH_OK);
	assert_true(is_hex64(tok));
	assert_true(is_hex64(csrf));
	assert_string_not_equal(tok, csrf);
	assert_int_equal(jh_session_start(f->s, "yunling", 1000, tok2, csrf2, &d), JH_OK);
	assert_string_not_equal(tok, tok2);
	/* The CSRF token is the one derived from the session token (GET /me
	 * gives it back from the cookie): HMAC-SHA-256 keyed with the token's
	 * 64 hex digits of "junheng csrf v1".  Known answer, from Python's
	 * hmac.new(b"0123456789abcdef" * 4, b"junheng csrf v1", sha256). */
	{
		char again[65];
		assert_int_equal(jh_session_csrf(tok, again), 0);
		assert_string_equal(again, csrf);
		assert_int_equal(jh_session_csrf(tok2, again), 0);
		assert_string_equal(again, csrf2);
		assert_int_equal(jh_session_csrf("0123456789abcdef0123456789abcdef"
		                                 "0123456789abcdef0123456789abcdef", again), 0);
		assert_string_equal(again, "57934d00a7dc83322f690b093925ad1ec8b33b67"
		                           "197a1be2beb3f4d268eb3493");
		/* Not a token: upper case, short, NULL. */
		assert_int_equal(jh_session_csrf("0123456789ABCDEF0123456789abcdef"
		                                 "0123456789abcdef0123456789abcdef", again), -1);
		assert_string_equal(again, "");
		assert_int_equal(jh_session_csrf("0123", again), -1);
		assert_int_equal(jh_session_csrf(NULL, again), -1);
	}
	/* Only the hash is stored: the token itself finds nothing. */
	assert_int_equal(jh_store_session_get(f->s, tok, acct, ch, &last, &d), JH_ERR_NOTFOUND);
	jh_sha256_hex(tok, 64, th);
	assert_int_equal(jh_store_session_get(f->s, th, acct, ch, &last, &d), JH_OK);
	assert_string_equal(acct, "yunling");
	assert_int_equal(last, 1000);

	/* 30 s later: live, last_seen not written (less than a minute). */
	assert_int_equal(jh_session_resume(f->s, tok, 1030, idle, &u, ch, &d), JH_OK);
	assert_string_equal(u.name, "yunling");
	assert_true(jh_session_csrf_ok(ch, csrf));
	assert_false(jh_session_csrf_ok(ch, csrf2));
	assert_false(jh_session_csrf_ok(ch, NULL));
	assert_false(jh_session_csrf_ok(ch, ""));
	{
		char near[65];
		memcpy(near, csrf, 65);
		near[63] = near[63] == '0' ? '1' : '0';
		assert_false(jh_session_csrf_ok(ch, near));
	}
	assert_int_equal(jh_store_session_get(f->s, th, acct, ch, &last, &d), JH_OK);
	assert_int_equal(last, 1000);
	/* 60 s after it was last seen: touched. */
	assert_int_equal(jh_session_resume(f->s, tok, 1060, idle, &u, NULL, &d), JH_OK);
	assert_int_equal(jh_store_session_get(f->s, th, acct, ch, &last, &d), JH_OK);
	assert_int_equal(last, 1060);
	/* Idle exactly 1800 s (1060 + 1800 = 2860): still live; the other
	 * session, last seen at 1000, is idle 1860 s there: gone. */
	assert_int_equal(jh_session_resume(f->s, tok, 2860, idle, &u, NULL, &d), JH_OK);
	assert_int_equal(jh_session_resume(f->s, tok2, 2860, idle, &u, NULL, &d), JH_ERR_AUTH);
	assert_int_equal(d.items[d.count - 1].problem, JH_P_SIGN_IN_REQUIRED);
	jh_sha256_hex(tok2, 64, th);
	assert_int_equal(jh_store_session_get(f->s, th, acct, ch, &last, &d), JH_ERR_NOTFOUND);
	/* 1801 s after 2860: expired, and deleted, so an earlier clock does
	 * not bring it back. */
	assert_int_equal(jh_session_resume(f->s, tok, 2860 + 1801, idle, &u, NULL, &d),
	                 JH_ERR_AUTH);
	assert_int_equal(jh_session_resume(f->s, tok, 2860, idle, &u, NULL, &d), JH_ERR_AUTH);
	/* Unknown and malformed tokens. */
	assert_int_equal(jh_session_resume(f->s, "0123456789abcdef0123456789abcdef"
	                                   "0123456789abcdef0123456789abcdef", 1000, idle,
	                                   &u, NULL, &d), JH_ERR_AUTH);
	assert_int_equal(jh_session_resume(f->s, "' OR 1=1 --", 1000, idle, &u, NULL, &d),
	                 JH_ERR_AUTH);
	assert_int_equal(jh_session_resume(f->s, NULL, 1000, idle, &u, NULL, &d), JH_ERR_AUTH);
	jh_diags_free(&d);

	/* Sign-out ends it; disabling the account ends the others. */
	assert_int_equal(jh_session_start(f->s, "yunling", 5000, tok, csrf, &d), JH_OK);
	assert_int_equal(jh_session_start(f->s, "yunling", 5000, tok2, csrf2, &d), JH_OK);
	assert_int_equal(jh_session_end(f->s, tok, &d), JH_OK);
	assert_int_equal(jh_session_resume(f->s, tok, 5001, idle, &u, NULL, &d), JH_ERR_AUTH);
	assert_int_equal(jh_session_resume(f->s, tok2, 5001, idle, &u, NULL, &d), JH_OK);
	c.disabled = 1;
	assert_int_equal(jh_account_change_apply(f->s, f->areas, "yunling", &c, "", &d), JH_OK);
	assert_int_equal(jh_session_resume(f->s, tok2, 5002, idle, &u, NULL, &d), JH_ERR_AUTH);
	/* Expiry of everything idle since before a time. */
	c.disabled = 0;
	assert_int_equal(jh_account_change_apply(f->s, f->areas, "yunling", &c, "", &d), JH_OK);
	assert_int_equal(jh_session_start(f->s, "yunling", 6000, tok, csrf, &d), JH_OK);
	assert_int_equal(jh_store_sessions_expire(f->s, 6001, &d), JH_OK);
	assert_int_equal(jh_session_resume(f->s, tok, 6002, idle, &u, NULL, &d), JH_ERR_AUTH);
	jh_diags_free(&d);
}

/* --- the throttle ------------------------------------------------------- */

static void test_throttle(void **state)
{
	jh_throttle *t = jh_throttle_new(NULL);    /* 5 a name, 20 an address, 900 s, 60 s, 3600 s */
	char name[16];

	(void)state;
	assert_non_null(t);
	/* Four failures: may still try. */
	for (int i = 0; i < 4; i++)
		jh_throttle_record(t, "yunling", "10.0.0.1", 0, 1000);
	assert_int_equal(jh_throttle_wait(t, "yunling", "10.0.0.1", 1000), 0);
	/* The fifth locks the name for 60 s: 60 left at 1000, 30 at 1030,
	 * none at 1060.  Another name from the same address is not locked
	 * (5 of the address's 20). */
	jh_throttle_record(t, "yunling", "10.0.0.1", 0, 1000);
	assert_int_equal(jh_throttle_wait(t, "yunling", "10.0.0.1", 1000), 60);
	assert_int_equal(jh_throttle_wait(t, "yunling", NULL, 1030), 30);
	assert_int_equal(jh_throttle_wait(t, "yunling", "10.0.0.9", 1060), 0);
	assert_int_equal(jh_throttle_wait(t, "other", "10.0.0.1", 1000), 0);
	/* The sixth in the window doubles the lock: 1060 + 120 = 1180; the
	 * seventh 240: 1180 + 240 = 1420. */
	jh_throttle_record(t, "yunling", "10.0.0.1", 0, 1060);
	assert_int_equal(jh_throttle_wait(t, "yunling", NULL, 1060), 120);
	jh_throttle_record(t, "yunling", "10.0.0.1", 0, 1180);
	assert_int_equal(jh_throttle_wait(t, "yunling", NULL, 1180), 240);
	/* A success clears the name: one failure after it locks nothing. */
	jh_throttle_record(t, "yunling", "10.0.0.1", 1, 1420);
	jh_throttle_record(t, "yunling", "10.0.0.1", 0, 1421);
	assert_int_equal(jh_throttle_wait(t, "yunling", NULL, 1421), 0);
	/* The window: 4 failures at 3000, the fifth 901 s later starts a new
	 * window (count 1): no lock. */
	for (int i = 0; i < 4; i++)
		jh_throttle_record(t, "wang", NULL, 0, 3000);
	jh_throttle_record(t, "wang", NULL, 0, 3901);
	assert_int_equal(jh_throttle_wait(t, "wang", NULL, 3901), 0);
	/* The cap: failures 5, 6, … lock 60, 120, 240, 480, 960, 1920, then
	 * 3840 capped at 3600 (the 11th). */
	for (int i = 0; i < 11; i++)
		jh_throttle_record(t, "zhao", NULL, 0, 5000);
	assert_int_equal(jh_throttle_wait(t, "zhao", NULL, 5000), 3600);
	/* An address: 20 failures of 20 different names lock it for 60 s,
	 * for any name; the names themselves (one failure each) are not. */
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof name, "n%d", i);
		jh_throttle_record(t, name, "10.9.9.9", 0, 8000);
	}
	assert_int_equal(jh_throttle_wait(t, "anyone", "10.9.9.9", 8000), 60);
	assert_int_equal(jh_throttle_wait(t, "n3", "10.1.1.1", 8000), 0);
	/* A success does not clear an address. */
	jh_throttle_record(t, "n3", "10.9.9.9", 1, 8001);
	assert_int_equal(jh_throttle_wait(t, "n3", "10.9.9.9", 8001), 59);
	jh_throttle_free(t);

	/* Own limits: 2 a name, lock 10 s. */
	{
		jh_throttle_limits l = {2, 100, 60, 10, 40};
		t = jh_throttle_new(&l);
		jh_throttle_record(t, "a", NULL, 0, 0);
		jh_throttle_record(t, "a", NULL, 0, 0);
		assert_int_equal(jh_throttle_wait(t, "a", NULL, 0), 10);
		jh_throttle_free(t);
	}
}

/* Four threads fail one name 250 times each at once: with the limit at
 * exactly 1000, the name is locked only if no failure was lost. */
struct hammer { jh_throttle *t; };

static void *hammer(void *arg)
{
	struct hammer *h = arg;

	for (int i = 0; i < 250; i++)
		jh_throttle_record(h->t, "shared", "10.0.0.1", 0, 100);
	return NULL;
}

static void test_throttle_threads(void **state)
{
	jh_throttle_limits l = {1000, 100000, 900, 10, 40};
	struct hammer h;
	pthread_t th[4];

	(void)state;
	h.t = jh_throttle_new(&l);
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, hammer, &h), 0);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	assert_int_equal(jh_throttle_wait(h.t, "shared", NULL, 100), 10);
	jh_throttle_free(h.t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_within, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_area, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_school, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_manage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_import, setup, teardown),
		cmocka_unit_test(test_password),
		cmocka_unit_test_setup_teardown(test_account_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_in_and_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
		cmocka_unit_test(test_throttle),
		cmocka_unit_test(test_throttle_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
