/*
** test_cycle_base.c — the cycle layer's shared base: calendar days
** (today from the store's clock in Beijing time, month ends, leap years,
** refusing days that do not exist), the names of the states in both
** languages, and schema 7's frozen snapshots (the store refuses to change
** or delete one, whoever asks).
*/
#include "testutil.h"
#include "store/store_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static long long clock_at;
static long long fixed_clock(void *ctx)
{
	(void)ctx;
	return clock_at;
}

static void test_day_make(void **state)
{
	(void)state;
	/* February's end: 2024 is a leap year (divisible by 4, not by 100),
	 * 2025 is not, 1900 is not (by 100, not by 400), 2000 is (by 400). */
	assert_string_equal(jh_day_make(2024, 2, 0).s, "2024-02-29");
	assert_string_equal(jh_day_make(2025, 2, 0).s, "2025-02-28");
	assert_string_equal(jh_day_make(1900, 2, 0).s, "1900-02-28");
	assert_string_equal(jh_day_make(2000, 2, 0).s, "2000-02-29");
	assert_string_equal(jh_day_make(2025, 12, 31).s, "2025-12-31");
	assert_string_equal(jh_day_make(2025, 9, 0).s, "2025-09-30");
	assert_string_equal(jh_day_make(2025, 2, 29).s, "");
	assert_string_equal(jh_day_make(2025, 13, 1).s, "");
}

static void test_day_parse(void **state)
{
	jh_day d, e;

	(void)state;
	assert_int_equal(jh_day_parse("2025-06-30", &d), 1);
	assert_string_equal(d.s, "2025-06-30");
	assert_int_equal(jh_day_parse("2025-02-29", NULL), 0);
	assert_int_equal(jh_day_parse("2024-02-29", NULL), 1);
	assert_int_equal(jh_day_parse("2025-6-30", NULL), 0);
	assert_int_equal(jh_day_parse("2025-06-30 ", NULL), 0);
	assert_int_equal(jh_day_parse("2025-06-00", NULL), 0);
	assert_int_equal(jh_day_parse("", NULL), 0);
	assert_int_equal(jh_day_parse(NULL, NULL), 0);
	assert_int_equal(jh_day_parse("2025-07-01", &e), 1);
	assert_true(jh_day_cmp(&d, &e) < 0);
}

static void test_today_beijing(void **state)
{
	char dir[] = "/tmp/jh_test_cycle.XXXXXX", path[64];
	jh_store *s;
	jh_diags d;

	(void)state;
	setenv("JUNHENG_TZ", "Asia/Shanghai", 1);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/j.db", dir);
	jh_diags_init(&d);
	assert_int_equal(jh_store_init(path, &s, &d), JH_OK);
	jh_store_set_clock(s, fixed_clock, NULL);
	/* 1735660800 is 2024-12-31T16:00:00Z: 2024-12-31 is day 20088 since
	 * 1970-01-01 (54 years of 365 days = 19710, + 13 leap days 1972…2020
	 * = 19723 for 2024-01-01, + 365 for the leap year's 366th day's eve =
	 * 20088), 20088 × 86400 = 1735603200, + 16 × 3600 = 1735660800.  That
	 * is midnight in Beijing (UTC+8): already 2025-01-01 there; one second
	 * earlier it is still 2024-12-31. */
	clock_at = 1735660800;
	assert_string_equal(jh_day_today(s).s, "2025-01-01");
	clock_at = 1735660799;
	assert_string_equal(jh_day_today(s).s, "2024-12-31");
	jh_store_close(s);
	/* JUNHENG_TODAY stops the clock at noon of that day in Beijing:
	 * 2025-03-31 12:00 +08:00 = 04:00Z; 2025-03-31 is day 20178 since
	 * 1970 (20088 for 2024-12-31 + 31 + 28 + 31 = 20178), × 86400 =
	 * 1743379200, + 4 × 3600 = 1743393600. */
	setenv("JUNHENG_TODAY", "2025-03-31", 1);
	assert_int_equal(jh_store_open(path, &s, &d), JH_OK);
	assert_int_equal(jh_store_now(s), 1743393600LL);
	assert_string_equal(jh_day_today(s).s, "2025-03-31");
	jh_store_close(s);
	/* Not a day: ignored, the system clock runs. */
	setenv("JUNHENG_TODAY", "2025-02-30", 1);
	assert_int_equal(jh_store_open(path, &s, &d), JH_OK);
	assert_true(jh_store_now(s) > 1743393600LL);
	jh_store_close(s);
	unsetenv("JUNHENG_TODAY");
	jh_diags_free(&d);
	rm_rf(dir);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(jh_ledger_status_key(JH_LEDGER_AWAITING_SIGNOFF), "awaiting_signoff");
	assert_string_equal(jh_ledger_status_name(JH_LEDGER_SIGNED_OFF, "zh"), "已销号");
	assert_string_equal(jh_ledger_status_name(JH_LEDGER_SIGNED_OFF, "en"), "signed off");
	assert_int_equal(jh_ledger_status_parse("reopened"), JH_LEDGER_REOPENED);
	assert_int_equal(jh_ledger_status_parse("closed"), -1);
	assert_int_equal(jh_cycle_state_parse("applied"), JH_CYCLE_APPLIED);
	assert_string_equal(jh_cycle_state_name(JH_CYCLE_REVIEWED, "zh"), "已复核");
	assert_string_equal(jh_milestone_status_key(JH_MILESTONE_NO_DATA), "no_data");
	assert_string_equal(jh_milestone_status_name(JH_MILESTONE_MISSED, "en"), "missed");
	assert_string_equal(jh_ledger_status_key((jh_ledger_status)99), "?");
}

static void test_snapshot_frozen(void **state)
{
	char dir[] = "/tmp/jh_test_cycle.XXXXXX", path[64];
	jh_store *s;
	jh_diags d;
	sqlite3 *db;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/j.db", dir);
	jh_diags_init(&d);
	assert_int_equal(jh_store_init(path, &s, &d), JH_OK);
	assert_int_equal(jh_store_schema_version(s), 9);
	db = jhSqliteHandle(s->db);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO snapshot(county, year, at, who,"
	    " kind, revision, sha256, body) VALUES ('369904', 2024,"
	    " '2025-02-20T08:00:00Z', 'yunling', 'submission', 3,"
	    " printf('%064d', 0), '{}')", NULL, NULL, NULL), SQLITE_OK);
	/* The store's connection reports extended codes: the trigger's. */
	assert_int_equal(sqlite3_exec(db, "UPDATE snapshot SET body = '{\"x\":1}'",
	                              NULL, NULL, NULL), SQLITE_CONSTRAINT_TRIGGER);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM snapshot", NULL, NULL, NULL),
	                 SQLITE_CONSTRAINT_TRIGGER);
	jh_store_close(s);
	jh_diags_free(&d);
	rm_rf(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_make),
		cmocka_unit_test(test_day_parse),
		cmocka_unit_test(test_today_beijing),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_snapshot_frozen),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
