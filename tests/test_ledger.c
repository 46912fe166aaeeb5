/*
** test_ledger.c — rectification ledgers (lib/cycle/ledger*.c, schema 7's
** ledger tables): adding by hand, listing by area and role, one item as
** JSON, generation from a verdict without duplicates, every status move by
** every role, sign-off refused while the data shows the shortfall and
** allowed once it is corrected, the city's override, reopening when the
** shortfall returns in a later year, and two concurrent sign-offs of one
** item (two store handles: exactly one succeeds).
**
** The data: data/sample's areas, schools and county-year records of 2023
** (江州市 3699, counties 369901 … 369907), imported as revision 1 into a
** fresh store whose clock is stopped at 2024-06-15 noon (Beijing).
*/
#include "testutil.h"
#include "util/util_int.h"
#include "cycle/cycle_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct fx {
	char dir[64], path[96];
	jh_store *s;
	jh_diags d;
};

static void fail_diags(const char *what, jh_code rc, jh_diags *d)
{
	jh_buf b = JH_BUF_INIT;

	jh_diags_format(d, "en", &b);
	fail_msg("%s: %s: %s", what, jh_code_str(rc, "en"), b.data ? b.data : "");
}

static jh_user user(jh_role role, const char *area, const char *name)
{
	jh_user u;

	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "%s", name);
	u.role = role;
	snprintf(u.area, sizeof u.area, "%s", area);
	return u;
}

/* The accounts of the tests: one per role (a county office of 云岭县
 * 369904, its city 3699, the province 36; a school of 369904; an
 * inspector of the city), and another county's office. */
static jh_user U_ADMIN, U_PROV, U_CITY, U_COUNTY, U_OTHER, U_INSP, U_SCHOOL;

static void users(void)
{
	U_ADMIN = user(JH_ROLE_ADMIN, "", "admin");
	U_PROV = user(JH_ROLE_PROVINCE, "360000", "prov");
	U_CITY = user(JH_ROLE_CITY, "369900", "city");
	U_COUNTY = user(JH_ROLE_COUNTY, "369904", "yunling");
	U_OTHER = user(JH_ROLE_COUNTY, "369901", "jiangcheng");
	U_INSP = user(JH_ROLE_INSPECTOR, "369900", "insp");
	U_SCHOOL = user(JH_ROLE_SCHOOL, "2136990410", "wushi");
}

static int import_files(jh_store *s, const char *const *files, size_t n, jh_diags *d)
{
	jh_import_set *is = jh_import_set_new(0, 0, 0);
	jh_import_stats st;
	jh_code rc = is ? JH_OK : JH_ERR_NOMEM;

	for (size_t i = 0; i < n && !rc; i++) {
		size_t len;
		unsigned char *data = test_read_file(files[i], &len);
		rc = data ? jh_import_set_add(is, files[i], data, len, d) : JH_ERR_IO;
		free(data);
	}
	if (!rc)
		rc = jh_import_set_store(s, is, NULL, "测试", "示例数据", &st, d);
	jh_import_set_free(is);
	return rc;
}

static int setup(void **state)
{
	static const char *const files[] = {
		"data/sample/areas.csv", "data/sample/schools-2023.csv",
		"data/sample/county-2023.csv", "data/sample/survey-2023.csv",
	};
	struct fx *f = calloc(1, sizeof *f);
	jh_code rc;

	if (!f)
		return -1;
	users();
	snprintf(f->dir, sizeof f->dir, "/tmp/jh_test_ledger.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/l.db", f->dir);
	jh_diags_init(&f->d);
	/* 2024-06-15 noon in Beijing. */
	setenv("JUNHENG_TODAY", "2024-06-15", 1);
	rc = jh_store_init(f->path, &f->s, &f->d);
	if (!rc)
		rc = import_files(f->s, files, 4, &f->d);
	if (rc) {
		jh_buf b = JH_BUF_INIT;
		jh_diags_format(&f->d, "en", &b);
		fprintf(stderr, "setup: %s\n", b.data ? b.data : jh_code_str(rc, "en"));
		jh_buf_free(&b);
		return -1;
	}
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
	unsetenv("JUNHENG_TODAY");
	return 0;
}

static jh_ledger_item manual(const char *county, const char *school, const char *what)
{
	jh_ledger_item it;

	memset(&it, 0, sizeof it);
	snprintf(it.county, sizeof it.county, "%s", county);
	snprintf(it.school, sizeof it.school, "%s", school);
	snprintf(it.what_zh, sizeof it.what_zh, "%s", what);
	snprintf(it.deadline.s, sizeof it.deadline.s, "2024-06-30");
	return it;
}

/* Adding by hand: who may, what is stored, the key and the event. */
static void test_add(void **state)
{
	struct fx *f = *state;
	jh_ledger_item it = manual("369904", "2136990410", "围墙破损");
	jh_ledger_event *ev;
	size_t n;
	jh_code rc;

	if ((rc = jh_ledger_add(f->s, &U_COUNTY, &it, &f->d)))
		fail_diags("add", rc, &f->d);
	assert_true(it.id > 0);
	assert_string_equal(it.source, "manual");
	assert_string_equal(it.kind, "manual");
	/* The key is "manual." and the id. */
	{
		char key[32];
		snprintf(key, sizeof key, "manual.%ld", it.id);
		assert_string_equal(it.key, key);
	}
	assert_int_equal(it.status, JH_LEDGER_OPEN);
	assert_int_equal(it.version, 1);
	assert_int_equal(it.year, 2024);          /* today's year */
	assert_string_equal(it.created_by, "yunling");
	/* 2024-06-15 12:00 +08:00 = 04:00Z. */
	assert_string_equal(it.created, "2024-06-15T04:00:00Z");
	assert_int_equal(jh_store_ledger_events(f->s, it.id, &ev, &n, &f->d), JH_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].action, "created");
	assert_string_equal(ev[0].to_status, "open");
	assert_string_equal(ev[0].who, "yunling");
	jh_ledger_events_free(ev, n);

	/* Who may not: a school, an inspector, another county's office. */
	{
		const jh_user *no[] = {&U_SCHOOL, &U_INSP, &U_OTHER};
		for (size_t i = 0; i < 3; i++) {
			jh_ledger_item x = manual("369904", "", "x");
			jh_diags_free(&f->d);
			assert_int_equal(jh_ledger_add(f->s, no[i], &x, &f->d), JH_ERR_DENIED);
		}
	}
	/* City, province, admin may. */
	{
		const jh_user *yes[] = {&U_CITY, &U_PROV, &U_ADMIN};
		for (size_t i = 0; i < 3; i++) {
			jh_ledger_item x = manual("369904", "", "县级事项");
			assert_int_equal(jh_ledger_add(f->s, yes[i], &x, &f->d), JH_OK);
		}
	}
	/* Bad input: a school of another county, a day that does not exist,
	 * an empty what, a measure over 300 characters; nothing stored. */
	{
		jh_ledger_item x = manual("369904", "2136990101", "x");
		jh_diags_free(&f->d);
		assert_int_equal(jh_ledger_add(f->s, &U_CITY, &x, &f->d), JH_ERR_INPUT);
		assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_SCHOOL);
		x = manual("369904", "", "x");
		snprintf(x.deadline.s, sizeof x.deadline.s, "2024-02-30");
		jh_diags_free(&f->d);
		assert_int_equal(jh_ledger_add(f->s, &U_CITY, &x, &f->d), JH_ERR_INPUT);
		assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_DEADLINE);
		x = manual("369904", "", "");
		jh_diags_free(&f->d);
		assert_int_equal(jh_ledger_add(f->s, &U_CITY, &x, &f->d), JH_ERR_INPUT);
		assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_TEXT_EMPTY);
		x = manual("369904", "", "x");
		/* 301 × "整" (3 bytes each = 903 bytes, under the 1024-byte
		 * field): refused by the character limit of 300. */
		for (int i = 0; i < 301; i++)
			memcpy(x.measure + 3 * i, "整", 3);
		x.measure[903] = '\0';
		jh_diags_free(&f->d);
		assert_int_equal(jh_ledger_add(f->s, &U_CITY, &x, &f->d), JH_ERR_INPUT);
		assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_TEXT_LONG);
		assert_string_equal(f->d.items[0].arg2, "300");
		/* A county office may not put an item under supervision. */
		x = manual("369904", "", "x");
		x.supervised = 1;
		jh_diags_free(&f->d);
		assert_int_equal(jh_ledger_add(f->s, &U_COUNTY, &x, &f->d), JH_ERR_DENIED);
	}
	jh_diags_free(&f->d);
}

/* Listing: by area and role, with the filters; the JSON of an item. */
static void test_list(void **state)
{
	struct fx *f = *state;
	jh_ledger_item a = manual("369904", "2136990410", "学校事项"),
	               b = manual("369904", "", "县级事项"),
	               c = manual("369901", "", "江城区事项"), *v;
	jh_ledger_filter flt = JH_LEDGER_FILTER_INIT;
	jh_buf out = JH_BUF_INIT;
	size_t n;

	snprintf(b.deadline.s, sizeof b.deadline.s, "2024-07-31");
	assert_int_equal(jh_ledger_add(f->s, &U_COUNTY, &a, &f->d), JH_OK);
	assert_int_equal(jh_ledger_add(f->s, &U_COUNTY, &b, &f->d), JH_OK);
	assert_int_equal(jh_ledger_add(f->s, &U_OTHER, &c, &f->d), JH_OK);
	/* The county sees its 2, the city all 3, the school its 1; another
	 * county's office sees only its own. */
	assert_int_equal(jh_ledger_list(f->s, &U_COUNTY, NULL, &v, &n, &f->d), JH_OK);
	assert_int_equal(n, 2);
	free(v);
	assert_int_equal(jh_ledger_list(f->s, &U_CITY, NULL, &v, &n, &f->d), JH_OK);
	assert_int_equal(n, 3);
	free(v);
	assert_int_equal(jh_ledger_list(f->s, &U_SCHOOL, NULL, &v, &n, &f->d), JH_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, a.id);
	free(v);
	flt.area = "369904";
	assert_int_equal(jh_ledger_list(f->s, &U_OTHER, &flt, &v, &n, &f->d), JH_ERR_DENIED);
	flt.area = "369999";
	assert_int_equal(jh_ledger_list(f->s, &U_ADMIN, &flt, &v, &n, &f->d), JH_ERR_NOTFOUND);
	/* Overdue on 2024-07-01: a's deadline 2024-06-30 passed, b's
	 * 2024-07-31 not; c (369901) is outside the area. */
	flt.area = "369900";
	flt.overdue_on = "2024-07-01";
	assert_int_equal(jh_ledger_list(f->s, &U_CITY, &flt, &v, &n, &f->d), JH_OK);
	assert_int_equal(n, 2);   /* a and c, both due 2024-06-30 */
	free(v);
	flt.area = "369904";
	assert_int_equal(jh_ledger_list(f->s, &U_CITY, &flt, &v, &n, &f->d), JH_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, a.id);
	assert_true(jh_ledger_overdue(&v[0], &(jh_day){"2024-07-01"}));
	assert_false(jh_ledger_overdue(&v[0], &(jh_day){"2024-06-30"}));
	free(v);
	/* JSON of b, in English; today is 2024-06-15: not overdue. */
	{
		jhJson j;
		jh_out *o = jhServiceJsonBegin(&out, &j);
		jh_day today = {"2024-06-15"};
		char want[1024];
		jh_ledger_item_json(&j, &b, &today, "en");
		assert_int_equal(jhServiceJsonEnd(o), JH_OK);
		snprintf(want, sizeof want,
		         "{\"id\":%ld,\"county\":\"369904\",\"school\":\"\",\"year\":2024,"
		         "\"source\":\"manual\",\"key\":\"manual.%ld\",\"kind\":\"manual\","
		         "\"what_zh\":\"县级事项\",\"what_en\":\"\",\"figure\":\"\",\"requirement\":\"\","
		         "\"measure\":\"\",\"unit\":\"\",\"person\":\"\",\"deadline\":\"2024-07-31\","
		         "\"status\":\"open\",\"status_name\":\"open\",\"overdue\":false,"
		         "\"supervised\":false,\"supervised_note\":\"\",\"override_reason\":\"\","
		         "\"cycle_year\":null,\"created\":\"2024-06-15T04:00:00Z\","
		         "\"created_by\":\"yunling\",\"changed\":\"2024-06-15T04:00:00Z\",\"version\":1}",
		         b.id, b.id);
		assert_string_equal(out.data, want);
	}
	jh_buf_free(&out);
	jh_diags_free(&f->d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
