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


static const char *const KEY_Q = "resource.school.2136990410.primary#qualified_teachers_per100";
static const char *const KEY_PE = "resource.school.2136990410.primary#pe_art_teachers_per100";

static jh_ledger_item find_key(struct fx *f, const char *county, const char *key)
{
	jh_ledger_item it;

	memset(&it, 0, sizeof it);
	assert_int_equal(jh_store_ledger_find(f->s, county, key, &it, &f->d), JH_OK);
	return it;
}

static size_t count_kind(const jh_ledger_item *v, size_t n, const char *kind)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += !strcmp(v[i].kind, kind);
	return k;
}

/* Generation from 云岭县 (369904) 2023, then again: no duplicate. */
static void test_generate(void **state)
{
	struct fx *f = *state;
	jh_ledger_gen_stats st;
	jh_ledger_item *v, it;
	jh_ledger_filter flt = JH_LEDGER_FILTER_INIT;
	size_t n;
	jh_code rc;

	if ((rc = jh_ledger_generate(f->s, &U_COUNTY, "369904", 2023, NULL, &st, &f->d)))
		fail_diags("generate", rc, &f->d);
	/* The verdict of 369904/2023 (data/sample/README.md, `junheng
	 * verdict`): two primary stages fail on 2 indicators each
	 * (2136990410: qualified 3.12 < 4.2, P.E./art 0.62 < 0.9;
	 * 2136990417 the same two), five junior stages on 5 each
	 * (2136990409, 416, 423, 429, 436: qualified, key, P.E./art,
	 * equipment, multimedia): 2 × 2 + 5 × 5 = 29 school_indicator items;
	 * rooms fail at 2136990442 and 2136990409 and class size at
	 * 2136990407: 3 school_rule items; the junior key-teacher
	 * coefficient 0.666 > 0.45: 1; rotation (guarantee.11) 8.5% < 10%: 1
	 * county item.  34 in all. */
	assert_int_equal(st.created, 34);
	assert_int_equal(st.refreshed + st.reopened + st.unchanged, 0);
	flt.area = "369904";
	assert_int_equal(jh_ledger_list(f->s, &U_CITY, &flt, &v, &n, &f->d), JH_OK);
	assert_int_equal(n, 34);
	assert_int_equal(count_kind(v, n, "school_indicator"), 29);
	assert_int_equal(count_kind(v, n, "school_rule"), 3);
	assert_int_equal(count_kind(v, n, "coefficient"), 1);
	assert_int_equal(count_kind(v, n, "county_item"), 1);
	free(v);
	/* 10 qualified teachers for 321 pupils: 10 / 321 × 100 = 3.115 →
	 * "3.12"; the threshold 4.2 and its 85% floor 3.57. */
	it = find_key(f, "369904", KEY_Q);
	assert_string_equal(it.figure, "3.12");
	assert_string_equal(it.requirement, "≥ 4.2 (85%: 3.57)");
	assert_string_equal(it.school, "2136990410");
	assert_string_equal(it.source, "generated");
	assert_int_equal(it.year, 2023);
	assert_non_null(strstr(it.what_zh, "高坪乡乌石小学"));
	assert_null(strstr(it.what_en, "小学(")); /* English words only … */
	it = find_key(f, "369904", "guarantee.5@2136990407");
	/* … largest junior class 52 against 45 / 50. */
	assert_string_equal(it.requirement, "≤ 45 / 50");
	assert_non_null(strstr(it.figure, "52"));
	it = find_key(f, "369904", "guarantee.11");
	assert_string_equal(it.kind, "county_item");
	assert_string_equal(it.figure, "8.50%");
	/* Again: nothing new, nothing changed. */
	assert_int_equal(jh_ledger_generate(f->s, &U_CITY, "369904", 2023, NULL, &st, &f->d), JH_OK);
	assert_int_equal(st.created, 0);
	assert_int_equal(st.unchanged, 34);
	assert_int_equal(jh_ledger_list(f->s, &U_ADMIN, &flt, &v, &n, &f->d), JH_OK);
	assert_int_equal(n, 34);
	free(v);
	/* Who may not generate: a school, an inspector, another county. */
	assert_int_equal(jh_ledger_generate(f->s, &U_SCHOOL, "369904", 2023, NULL, &st, &f->d),
	                 JH_ERR_DENIED);
	assert_int_equal(jh_ledger_generate(f->s, &U_INSP, "369904", 2023, NULL, &st, &f->d),
	                 JH_ERR_DENIED);
	assert_int_equal(jh_ledger_generate(f->s, &U_OTHER, "369904", 2023, NULL, &st, &f->d),
	                 JH_ERR_DENIED);
	/* A year without data. */
	jh_diags_free(&f->d);
	assert_int_equal(jh_ledger_generate(f->s, &U_COUNTY, "369904", 2020, NULL, &st, &f->d),
	                 JH_ERR_NOTFOUND);
	assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_NO_DATA);
	jh_diags_free(&f->d);
}

static jh_code move(struct fx *f, const jh_user *u, jh_ledger_item *it, jh_ledger_status to)
{
	jh_ledger_change ch = JH_LEDGER_CHANGE_NONE;
	jh_ledger_item out;
	jh_code rc;

	ch.status = to;
	jh_diags_free(&f->d);
	rc = jh_ledger_update(f->s, u, it->id, it->version, &ch, &out, &f->d);
	if (!rc)
		*it = out;
	return rc;
}

/* Every status move by every role, on a school's item and on a county
 * item. */
static void test_moves(void **state)
{
	struct fx *f = *state;
	const jh_user *all[] = {&U_ADMIN, &U_PROV, &U_CITY, &U_COUNTY, &U_INSP, &U_SCHOOL, &U_OTHER};
	/* May work on a school's item: the school and every office above it;
	 * on a county item: not the school. */
	const int school_item[] = {1, 1, 1, 1, 0, 1, 0};
	const int county_item[] = {1, 1, 1, 1, 0, 0, 0};
	jh_ledger_gen_stats st;

	assert_int_equal(jh_ledger_generate(f->s, &U_COUNTY, "369904", 2023, NULL, &st, &f->d), JH_OK);
	for (int which = 0; which < 2; which++) {
		const char *key = which ? "guarantee.11" : KEY_Q;
		const int *may = which ? county_item : school_item;
		for (size_t r = 0; r < 7; r++) {
			jh_ledger_item it = find_key(f, "369904", key);
			jh_code want = may[r] ? JH_OK : JH_ERR_DENIED;
			/* Bring the item back to open through the store (the test's
			 * own reset, not a move anyone may make). */
			if (it.status != JH_LEDGER_OPEN) {
				long v = it.version;
				it.status = JH_LEDGER_OPEN;
				assert_int_equal(jh_store_ledger_update(f->s, &it, v, &f->d), JH_OK);
			}
			/* Not allowed from open: straight to awaiting sign-off. */
			if (may[r])
				assert_int_equal(move(f, all[r], &it, JH_LEDGER_AWAITING_SIGNOFF),
				                 JH_ERR_INPUT);
			assert_int_equal(move(f, all[r], &it, JH_LEDGER_IN_PROGRESS), want);
			if (!may[r])
				continue;
			assert_int_equal(it.status, JH_LEDGER_IN_PROGRESS);
			assert_int_equal(move(f, all[r], &it, JH_LEDGER_AWAITING_SIGNOFF), JH_OK);
			assert_int_equal(move(f, all[r], &it, JH_LEDGER_IN_PROGRESS), JH_OK);
			assert_int_equal(move(f, all[r], &it, JH_LEDGER_AWAITING_SIGNOFF), JH_OK);
			/* Signing off is not a move of the status. */
			assert_int_equal(move(f, all[r], &it, JH_LEDGER_SIGNED_OFF), JH_ERR_INPUT);
			assert_int_equal(move(f, all[r], &it, JH_LEDGER_REOPENED), JH_ERR_INPUT);
			/* A stale version: refused, naming the current one. */
			{
				jh_ledger_item stale = it;
				stale.version--;
				assert_int_equal(move(f, all[r], &stale, JH_LEDGER_IN_PROGRESS),
				                 JH_ERR_CONFLICT);
				assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_VERSION);
			}
		}
	}
	/* Named supervision: city and above only. */
	{
		jh_ledger_item it = find_key(f, "369904", "guarantee.11"), out;
		jh_ledger_change ch = JH_LEDGER_CHANGE_NONE;
		ch.supervised = 1;
		ch.supervised_note = "市政府挂牌督办";
		assert_int_equal(jh_ledger_update(f->s, &U_COUNTY, it.id, it.version, &ch, &out, &f->d),
		                 JH_ERR_DENIED);
		assert_int_equal(jh_ledger_update(f->s, &U_CITY, it.id, it.version, &ch, &out, &f->d),
		                 JH_OK);
		assert_true(out.supervised);
		assert_string_equal(out.supervised_note, "市政府挂牌督办");
		/* The owner edits measure, unit, person and deadline. */
		ch = (jh_ledger_change)JH_LEDGER_CHANGE_NONE;
		ch.measure = "补充交流轮岗教师";
		ch.unit = "县教育局";
		ch.person = "李四";
		ch.deadline = "2024-12-31";
		assert_int_equal(jh_ledger_update(f->s, &U_COUNTY, out.id, out.version, &ch, &out, &f->d),
		                 JH_OK);
		assert_string_equal(out.measure, "补充交流轮岗教师");
		assert_string_equal(out.deadline.s, "2024-12-31");
		ch.deadline = "2024-13-01";
		jh_diags_free(&f->d);
		assert_int_equal(jh_ledger_update(f->s, &U_COUNTY, out.id, out.version, &ch, &out, &f->d),
		                 JH_ERR_INPUT);
		assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_DEADLINE);
	}
	jh_diags_free(&f->d);
}

static jh_code set_field(struct fx *f, const char *school, int year, const char *field,
                         const char *value)
{
	jh_revision_info info = {"测试", "更正", "edit", 0, NULL, NULL};
	jh_import_stats st;
	const char *fields[] = {field}, *values[] = {value};

	return jh_store_set(f->s, school, year, 0, 1, fields, values, &info, &st, &f->d);
}

/* Sign-off: refused while the data shows the shortfall, allowed once it
 * is corrected; by whom; the override; reopening in a later year. */
static void test_signoff(void **state)
{
	struct fx *f = *state;
	static const char *const y2024[] = {"data/sample/schools-2024.csv",
	                                    "data/sample/county-2024.csv"};
	jh_ledger_gen_stats st;
	jh_ledger_item it, out;
	jh_ledger_check c;
	size_t reopened;
	jh_code rc;

	assert_int_equal(jh_ledger_generate(f->s, &U_COUNTY, "369904", 2023, NULL, &st, &f->d), JH_OK);
	it = find_key(f, "369904", KEY_Q);
	assert_int_equal(move(f, &U_SCHOOL, &it, JH_LEDGER_IN_PROGRESS), JH_OK);
	/* Not from in_progress. */
	jh_diags_free(&f->d);
	assert_int_equal(jh_ledger_signoff(f->s, &U_COUNTY, it.id, it.version, NULL, NULL, &c,
	                                   &out, &f->d), JH_ERR_CONFLICT);
	assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_MOVE);
	assert_int_equal(move(f, &U_SCHOOL, &it, JH_LEDGER_AWAITING_SIGNOFF), JH_OK);
	/* The school is the owner: it may not sign its own item off. */
	jh_diags_free(&f->d);
	assert_int_equal(jh_ledger_signoff(f->s, &U_SCHOOL, it.id, it.version, NULL, NULL, &c,
	                                   &out, &f->d), JH_ERR_DENIED);
	assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_SIGNOFF_ROLE);
	assert_int_equal(jh_ledger_signoff(f->s, &U_INSP, it.id, it.version, NULL, NULL, &c,
	                                   &out, &f->d), JH_ERR_DENIED);
	/* The county: refused, the data still shows 3.12 in 2023. */
	jh_diags_free(&f->d);
	assert_int_equal(jh_ledger_signoff(f->s, &U_COUNTY, it.id, it.version, NULL, NULL, &c,
	                                   &out, &f->d), JH_ERR_CONFLICT);
	assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_SHORTFALL);
	assert_int_equal(c.checked, 1);
	assert_int_equal(c.closed, 0);
	assert_int_equal(c.year, 2023);
	assert_string_equal(c.figure, "3.12");
	assert_string_equal(f->d.items[0].arg, "3.12");
	/* Corrected: 14 qualified teachers, 14 / 321 × 100 = 4.36 ≥ 4.2. */
	assert_int_equal(set_field(f, "2136990410", 2023, "qualified_teachers_primary", "14"), JH_OK);
	jh_diags_free(&f->d);
	if ((rc = jh_ledger_signoff(f->s, &U_COUNTY, it.id, it.version, NULL, NULL, &c, &out, &f->d)))
		fail_diags("signoff", rc, &f->d);
	assert_int_equal(out.status, JH_LEDGER_SIGNED_OFF);
	assert_int_equal(c.closed, 1);
	assert_string_equal(c.figure, "4.36");
	assert_string_equal(out.figure, "4.36");
	/* Signed off: again refused. */
	jh_diags_free(&f->d);
	assert_int_equal(jh_ledger_signoff(f->s, &U_CITY, out.id, out.version, "x", NULL, &c, NULL,
	                                   &f->d), JH_ERR_CONFLICT);
	assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_SIGNED);

	/* A county-level item: the county may not sign it off; the city
	 * may (rotation is still 8.5%: refused on the data). */
	it = find_key(f, "369904", "guarantee.11");
	assert_int_equal(move(f, &U_COUNTY, &it, JH_LEDGER_IN_PROGRESS), JH_OK);
	assert_int_equal(move(f, &U_COUNTY, &it, JH_LEDGER_AWAITING_SIGNOFF), JH_OK);
	jh_diags_free(&f->d);
	assert_int_equal(jh_ledger_signoff(f->s, &U_COUNTY, it.id, it.version, NULL, NULL, &c,
	                                   &out, &f->d), JH_ERR_DENIED);
	assert_int_equal(jh_ledger_signoff(f->s, &U_CITY, it.id, it.version, NULL, NULL, &c,
	                                   &out, &f->d), JH_ERR_CONFLICT);
	assert_string_equal(c.figure, "8.50%");

	/* The override: not the county, not without a reason; the city with
	 * one, whatever the data shows, from any status. */
	it = find_key(f, "369904", KEY_PE);
	jh_diags_free(&f->d);
	assert_int_equal(jh_ledger_signoff(f->s, &U_COUNTY, it.id, it.version, "理由", NULL, &c,
	                                   &out, &f->d), JH_ERR_DENIED);
	assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_OVERRIDE_ROLE);
	assert_int_equal(jh_ledger_signoff(f->s, &U_CITY, it.id, it.version, "", NULL, &c,
	                                   &out, &f->d), JH_ERR_INPUT);
	assert_int_equal(jh_ledger_signoff(f->s, &U_CITY, it.id, it.version, "已列入2024年招聘计划",
	                                   NULL, &c, &out, &f->d), JH_OK);
	assert_int_equal(out.status, JH_LEDGER_SIGNED_OFF);
	assert_string_equal(out.override_reason, "已列入2024年招聘计划");
	assert_int_equal(c.closed, 0);   /* judged, and still short: recorded */

	/* 2024's data: the school's qualified teachers are short again
	 * (3.28 < 4.2) and so is P.E./art (0.66 < 0.9): both reopened. */
	assert_int_equal(import_files(f->s, y2024, 2, &f->d), JH_OK);
	assert_int_equal(jh_ledger_refresh(f->s, "测试", "369904", 2024, NULL, &reopened, &f->d),
	                 JH_OK);
	assert_int_equal(reopened, 2);
	it = find_key(f, "369904", KEY_Q);
	assert_int_equal(it.status, JH_LEDGER_REOPENED);
	assert_int_equal(it.year, 2024);
	assert_string_equal(it.figure, "3.28");
	/* Reopened → in progress by the school. */
	assert_int_equal(move(f, &U_SCHOOL, &it, JH_LEDGER_IN_PROGRESS), JH_OK);
	/* Refreshing again reopens nothing more. */
	assert_int_equal(jh_ledger_refresh(f->s, "测试", "369904", 2024, NULL, &reopened, &f->d),
	                 JH_OK);
	assert_int_equal(reopened, 0);
	jh_diags_free(&f->d);
}

/* Two sign-offs of one item at once, each through its own store handle
 * on its own thread: exactly one succeeds. */
struct racer {
	const char *path;
	long id, version;
	jh_code rc;
	pthread_barrier_t *bar;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	jh_store *s;
	jh_diags d = JH_DIAGS_INIT;

	r->rc = jh_store_open(r->path, &s, &d);
	pthread_barrier_wait(r->bar);
	if (!r->rc) {
		r->rc = jh_ledger_signoff(s, &U_CITY, r->id, r->version, "两个人同时销号", NULL,
		                          NULL, NULL, &d);
		jh_store_close(s);
	}
	jh_diags_free(&d);
	return NULL;
}

static void test_concurrent_signoff(void **state)
{
	struct fx *f = *state;
	jh_ledger_item it = manual("369904", "", "并发销号");
	pthread_barrier_t bar;
	pthread_t th[2];
	struct racer r[2];
	jh_ledger_event *ev;
	size_t n, signed_off = 0;

	assert_int_equal(jh_ledger_add(f->s, &U_COUNTY, &it, &f->d), JH_OK);
	pthread_barrier_init(&bar, NULL, 2);
	for (int i = 0; i < 2; i++) {
		r[i] = (struct racer){f->path, it.id, it.version, JH_ERR_ARG, &bar};
		pthread_create(&th[i], NULL, race, &r[i]);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&bar);
	assert_true((r[0].rc == JH_OK && r[1].rc == JH_ERR_CONFLICT) ||
	            (r[1].rc == JH_OK && r[0].rc == JH_ERR_CONFLICT));
	/* One sign-off event, version 2. */
	assert_int_equal(jh_store_ledger_events(f->s, it.id, &ev, &n, &f->d), JH_OK);
	for (size_t i = 0; i < n; i++)
		signed_off += !strcmp(ev[i].action, "signed_off");
	assert_int_equal(signed_off, 1);
	jh_ledger_events_free(ev, n);
	assert_int_equal(jh_store_ledger_get(f->s, it.id, &it, &f->d), JH_OK);
	assert_int_equal(it.version, 2);
	assert_int_equal(it.status, JH_LEDGER_SIGNED_OFF);
}

/* Evidence: stored with its SHA-256, listed with the item, read back. */
static void test_evidence(void **state)
{
	struct fx *f = *state;
	jh_ledger_item it = manual("369904", "2136990410", "佐证");
	jh_ledger_evidence e, m;
	jh_buf out = JH_BUF_INIT;
	void *body;
	size_t size;

	assert_int_equal(jh_ledger_add(f->s, &U_COUNTY, &it, &f->d), JH_OK);
	/* SHA-256("abc") is the FIPS 180-2 example:
	 * ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad. */
	assert_int_equal(jh_ledger_evidence_add(f->s, &U_SCHOOL, it.id, "照片.txt", "text/plain",
	                                        "abc", 3, &e, &f->d), JH_OK);
	assert_string_equal(e.sha256,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(e.size, 3);
	assert_int_equal(jh_ledger_evidence_add(f->s, &U_INSP, it.id, "x", "text/plain", "a", 1,
	                                        &e, &f->d), JH_ERR_DENIED);
	assert_int_equal(jh_ledger_evidence_get(f->s, &U_INSP, it.id, e.id, &m, &body, &size,
	                                        &f->d), JH_OK);
	assert_int_equal(size, 3);
	assert_memory_equal(body, "abc", 3);
	free(body);
	assert_int_equal(jh_ledger_evidence_get(f->s, &U_OTHER, it.id, e.id, &m, &body, &size,
	                                        &f->d), JH_ERR_DENIED);
	jh_diags_free(&f->d);
	assert_int_equal(jh_ledger_evidence_add(f->s, &U_SCHOOL, it.id, "big", "", "x",
	                                        JH_LEDGER_EVIDENCE_MAX + 1u, &e, &f->d),
	                 JH_ERR_INPUT);
	assert_int_equal(f->d.items[0].problem, JH_P_LEDGER_EVIDENCE_BIG);
	assert_int_equal(jh_ledger_show_json(f->s, &U_SCHOOL, it.id, "zh", &out, &f->d), JH_OK);
	assert_non_null(strstr(out.data, "\"evidence\":[{\"id\":"));
	assert_non_null(strstr(out.data, "\"name\":\"照片.txt\""));
	assert_non_null(strstr(out.data, "\"action\":\"evidence\""));
	assert_non_null(strstr(out.data, "\"action\":\"created\""));
	jh_buf_free(&out);
	jh_diags_free(&f->d);
}

/* The city's notice counts the ledger: on 2024-07-01, of 云岭县's three
 * items made on 2024-06-15, one is signed off (not counted), one is due
 * 2024-06-30 and under named supervision (open, overdue, supervised,
 * overdue and supervised: the county is to be summoned), one is due
 * 2024-07-31 (open only): open 2, overdue 1, supervised 1. */
static void test_notice_counts(void **state)
{
	struct fx *f = *state;
	jh_ledger_item a = manual("369904", "", "甲"), b = manual("369904", "", "乙"),
	               c = manual("369904", "", "丙"), out;
	jh_ledger_change ch = JH_LEDGER_CHANGE_NONE;
	jh_buf buf = JH_BUF_INIT;
	jh_code rc;

	snprintf(c.deadline.s, sizeof c.deadline.s, "2024-07-31");
	assert_int_equal(jh_ledger_add(f->s, &U_COUNTY, &a, &f->d), JH_OK);
	assert_int_equal(jh_ledger_add(f->s, &U_COUNTY, &b, &f->d), JH_OK);
	assert_int_equal(jh_ledger_add(f->s, &U_COUNTY, &c, &f->d), JH_OK);
	assert_int_equal(jh_ledger_signoff(f->s, &U_CITY, a.id, a.version, "已完成", NULL, NULL,
	                                   NULL, &f->d), JH_OK);
	ch.supervised = 1;
	assert_int_equal(jh_ledger_update(f->s, &U_CITY, b.id, b.version, &ch, &out, &f->d), JH_OK);
	if ((rc = jh_cycle_notice(f->s, &U_CITY, "369904", "2024-07-01", NULL, JH_FMT_JSON, "zh",
	                          &buf, &f->d)))
		fail_diags("notice", rc, &f->d);
	assert_non_null(strstr(buf.data, "\"open\":2,\"overdue\":1,\"supervised\":1,"
	                                 "\"overdue_supervised\":1"));
	assert_non_null(strstr(buf.data, "\"summoned\":true"));
	jh_buf_free(&buf);
	jh_diags_free(&f->d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_generate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signoff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_signoff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notice_counts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
