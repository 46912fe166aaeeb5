/*
** test_county_counts.c — the ratios the standard judges computed from the
** county-year counts behind them (issue 14, part D): the verdict's value
** with the counts beside it, the counts named in the detail, a ratio
** record that disagrees with its counts (refused at import, named by the
** verdict when the two were stored apart), a part over its whole
** (refused at import naming the rows; not judged by the verdict), and
** how precisely a written rate must agree.  Every figure is worked by
** hand in the comments.
*/
#include "testutil.h"
#include "verdictutil.h"
#include "core/core_int.h"      /* jhRatioAgrees */

#define HDR TEST_TEMPLATE_HEADER ",classes_primary,classes_junior," \
	"largest_class_primary,largest_class_junior,music_rooms,music_room_min_area_m2," \
	"art_rooms,art_room_min_area_m2,certified_teachers,public_funds_yuan,training_funds_yuan\n"

/* A primary school of 1000 pupils and 60 full-time teachers whose
 * certified teachers are not given (so certification comes from the
 * county's counts or record). */
#define P1 "1101010001,甲小学,110101,2024,primary,,1000,0,0,50,0,20,0,10,0,60,0,5000,8000,2100000,30," \
	"25,0,42,,3,96,3,90,,100000,5000\n"

#define ITEMS_HDR "county_code,year,item,value,note\n"


static jh_code add_items(jh_county_items *items, const char *csv, jh_diags *d)
{
	jh_table *t = NULL;
	jh_code rc;

	assert_int_equal(jh_csv_parse(csv, strlen(csv), "c.csv", &t, d), JH_OK);
	assert_true(jh_county_items_table_is(t));
	rc = jh_county_items_add_table(items, t, 0, d);
	jh_table_free(t);
	return rc;
}

/* Records as a store holds them after separate imports: put one by one,
 * past the import's checks.  "key=value;key=value". */
static void put_items(jh_county_items *items, const char *list)
{
	char buf[1024], *save = NULL;

	snprintf(buf, sizeof buf, "%s", list);
	for (char *kv = strtok_r(buf, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(kv, '=');
		jh_county_item it;
		memset(&it, 0, sizeof it);
		*eq = '\0';
		memcpy(it.county_code, "110101", 7);
		it.year = 2024;
		it.item = kv;
		it.value = eq + 1;
		it.note = "";
		it.file = "stored";
		it.line = 1;
		assert_int_equal(jh_county_items_put(items, &it), JH_OK);
	}
}

/* Judge the county on the records of csv (imported) and of put (stored
 * apart); either may be NULL. */
static void judge(struct fx *f, const char *csv, const char *put)
{
	memset(f, 0, sizeof *f);
	assert_int_equal(jh_standard_national(&f->std, &f->d), JH_OK);
	f->ds = jh_dataset_new();
	f->items = jh_county_items_new();
	test_load_csv(f->ds, HDR P1, &f->d);
	if (csv)
		assert_int_equal(add_items(f->items, csv, &f->d), JH_OK);
	if (put)
		put_items(f->items, put);
	assert_int_equal(jh_eval(f->ds, &f->std, NULL, &f->res, &f->d), JH_OK);
	assert_int_equal(jh_verdict_county(f->res, 0, f->items, &f->v, &f->d), JH_OK);
}

/* Item 11 from its counts: 150 of 1,200 eligible teachers rotated →
 * 150 ÷ 1200 = 0.125 = 12.5% ≥ 10% passes; 25 key teachers of the 150
 * rotated → 25 ÷ 150 = 0.16667 = 16.67% < 20% fails (S17's denominator,
 * the teachers rotated). */
static void test_rotation(void **state)
{
	(void)state;
	struct fx f;
	const jh_verdict_item *it;

	judge(&f, ITEMS_HDR
	      "110101,2024,rotation_eligible,1200,\n"
	      "110101,2024,rotation_rotated,150,\n"
	      "110101,2024,rotation_key,25,\n", NULL);
	it = item(&f.v, "guarantee.11");
	assert_int_equal(it->status, JH_ITEM_PASS);
	assert_near(it->value, 0.125, 1e-12);
	assert_string_equal(it->value_text, "12.50% (150/1,200)");
	assert_string_equal(it->value_zh, "12.50%(150/1,200)");
	assert_string_equal(it->value_en, "12.50% (150 of 1,200)");
	assert_string_equal(it->detail_zh, "上一年度交流轮岗教师数 150;符合交流轮岗条件教师总数 1,200");
	assert_string_equal(it->detail_en, "teachers rotated last year 150; teachers eligible to rotate 1,200");
	assert_string_equal(it->detail, "rotation_rotated=150; rotation_eligible=1200");
	it = item(&f.v, "guarantee.11.key");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_near(it->value, 25.0 / 150, 1e-12);
	assert_string_equal(it->value_zh, "16.67%(25/150)");
	assert_string_equal(it->detail_zh, "交流轮岗的骨干教师数 25;上一年度交流轮岗教师数 150");
	/* Nothing else changes: the other rate items have neither record
	 * nor counts and are missing, as before. */
	assert_int_equal(item(&f.v, "guarantee.9")->status, JH_ITEM_MISSING);
	assert_string_equal(item(&f.v, "guarantee.9")->detail_zh, "县级年度数据“教师5年360学时培训完成率”");
	done(&f);
}

/* The other ratios, each by hand:
 *   9   360 hours: 588 of 600 teachers → 0.98 < 100% fails;
 *   12  certified: 59 of 60 → 98.33% < 100% fails (the school gives no
 *       certified teachers, so the county's counts decide);
 *   13  nearby: primary 3,000 of 3,000 → 100% passes; junior 1,880 of
 *       2,000 → 94% < 95% fails;
 *   14  places: 520 of 1,000 → 52% ≥ 50% passes;
 *   15  migrant: (1,500 public + 180 bought) ÷ 2,000 = 84% < 85% fails;
 *   Q1  retention: (940 − 20 in + 30 out) ÷ (1,000 − 2 deaths) = 950 ÷ 998
 *       = 0.95190 ≥ 95% passes;
 *   Q2  disabled: 96 of 100 → 96% ≥ 95% passes;
 *   7   special education: 540,000 yuan ÷ 90 pupils = 6,000 ≥ 6,000. */
static void test_every_ratio(void **state)
{
	(void)state;
	struct fx f;
	const jh_verdict_item *it;

	judge(&f, ITEMS_HDR
	      "110101,2024,training_360_done,588,\n"
	      "110101,2024,training_360_teachers,600,\n"
	      "110101,2024,certification_teachers,60,\n"
	      "110101,2024,certification_certified,59,\n"
	      "110101,2024,nearby_students_primary,3000,\n"
	      "110101,2024,nearby_catchment_primary,3000,\n"
	      "110101,2024,nearby_students_junior,2000,\n"
	      "110101,2024,nearby_catchment_junior,1880,\n"
	      "110101,2024,hs_quota_total,1000,\n"
	      "110101,2024,hs_quota_allocated,520,\n"
	      "110101,2024,hs_quota_rural,300,\n"
	      "110101,2024,migrant_eligible,2000,\n"
	      "110101,2024,migrant_public,1500,\n"
	      "110101,2024,migrant_bought,180,\n"
	      "110101,2024,retention_graduates,940,\n"
	      "110101,2024,retention_entrants,1000,\n"
	      "110101,2024,retention_transfer_in,20,\n"
	      "110101,2024,retention_transfer_out,30,\n"
	      "110101,2024,retention_deaths,2,\n"
	      "110101,2024,disabled_children,100,\n"
	      "110101,2024,disabled_enrolled,96,\n"
	      "110101,2024,disabled_special_school,30,\n"
	      "110101,2024,special_ed_funds_yuan,540000,\n"
	      "110101,2024,special_ed_students,90,\n", NULL);
	it = item(&f.v, "guarantee.9");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_string_equal(it->value_zh, "98.00%(588/600)");
	it = item(&f.v, "guarantee.12");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_near(it->value, 59.0 / 60, 1e-12);
	assert_string_equal(it->value_en, "98.33% (59 of 60)");
	assert_int_equal(item(&f.v, "guarantee.13.primary")->status, JH_ITEM_PASS);
	assert_string_equal(item(&f.v, "guarantee.13.primary")->value_zh, "100.00%(3,000/3,000)");
	assert_int_equal(item(&f.v, "guarantee.13.junior")->status, JH_ITEM_FAIL);
	assert_near(item(&f.v, "guarantee.13.junior")->value, 0.94, 1e-12);
	assert_int_equal(item(&f.v, "guarantee.14")->status, JH_ITEM_PASS);
	assert_near(item(&f.v, "guarantee.14")->value, 0.52, 1e-12);
	it = item(&f.v, "guarantee.15");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_near(it->value, 0.84, 1e-12);
	assert_string_equal(it->value_zh, "84.00%(1,680/2,000)");
	assert_string_equal(it->detail_zh, "在公办学校就读的随迁子女数 1,500;在政府购买服务的民办学校就读的随迁子女数 180;"
	                    "符合条件的随迁子女数 2,000");
	it = item(&f.v, "quality.1");
	assert_int_equal(it->status, JH_ITEM_PASS);
	assert_near(it->value, 950.0 / 998, 1e-12);
	assert_string_equal(it->value_zh, "95.19%(950/998)");
	assert_string_equal(it->detail_en, "junior graduating pupils 940; transferred in over three years 20; "
	                    "transferred out over three years 30; entrants of that grade three years before 1,000; "
	                    "deaths over three years 2");
	assert_int_equal(item(&f.v, "quality.2")->status, JH_ITEM_PASS);
	assert_near(item(&f.v, "quality.2")->value, 0.96, 1e-12);
	it = item(&f.v, "guarantee.7");
	assert_int_equal(it->status, JH_ITEM_PASS);
	assert_near(it->value, 6000, 1e-9);
	assert_string_equal(it->value_zh, "6,000 元(540,000 元 ÷ 90 人)");
	assert_string_equal(it->value_en, "6,000 yuan (540,000 yuan ÷ 90)");
	done(&f);
}

/* A ratio record and its counts stored apart (imported at different
 * times) that disagree: the counts are judged and the record named.
 * rotation_rate 10% given, 150 ÷ 1,200 = 12.5% computed: passes on
 * 12.5%.  Teachers' pay: ratio 1.05 given, 98,000 ÷ 100,000 = 0.98
 * computed → fails on 0.98. */
static void test_disagreeing_records_stored_apart(void **state)
{
	(void)state;
	struct fx f;
	const jh_verdict_item *it;

	judge(&f, NULL, "rotation_rate=10%;rotation_eligible=1200;rotation_rotated=150;"
	      "teacher_pay_ratio=1.05;teacher_avg_pay_yuan=98000;civil_servant_avg_pay_yuan=100000");
	it = item(&f.v, "guarantee.11");
	assert_int_equal(it->status, JH_ITEM_PASS);
	assert_near(it->value, 0.125, 1e-12);
	assert_string_equal(it->detail_zh, "上一年度交流轮岗教师数 150;符合交流轮岗条件教师总数 1,200。"
	                    "县级年度数据“交流轮岗教师占符合交流条件教师的比例”填写为 10%,与由人数算得的 12.50% 不一致,"
	                    "按人数判定");
	assert_string_equal(it->detail_en, "teachers rotated last year 150; teachers eligible to rotate 1,200. "
	                    "The county-year record 'rotated teachers ÷ teachers eligible to rotate' gives 10%, "
	                    "which disagrees with 12.50% computed from the counts; the counts are judged");
	assert_non_null(strstr(it->detail, "rotation_rate=10% disagrees"));
	it = item(&f.v, "guarantee.8");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_near(it->value, 0.98, 1e-12);
	assert_string_equal(it->value_zh, "教师 98,000 元,公务员 100,000 元,比值 0.98");
	assert_string_equal(it->detail_zh, "填写的比值 1.05 与由平均工资收入算得的 0.98 不一致,按平均工资收入判定");
	done(&f);

	/* Agreeing to the precision written: 12.5% is 150 ÷ 1,200 and 0.98
	 * is 98,000 ÷ 100,000: no word of disagreement. */
	judge(&f, NULL, "rotation_rate=12.5%;rotation_eligible=1200;rotation_rotated=150;"
	      "teacher_pay_ratio=0.98;teacher_avg_pay_yuan=98000;civil_servant_avg_pay_yuan=100000");
	assert_null(strstr(item(&f.v, "guarantee.11")->detail_zh, "不一致"));
	assert_string_equal(item(&f.v, "guarantee.8")->detail_zh, "");
	done(&f);
}

/* Counts the verdict cannot use.  Some given, no record: missing, the
 * counts still needed named.  Some given beside a record: the record
 * is judged as before (10% ≥ 10%).  A part over its whole stored apart
 * (200 key teachers of 150 rotated): missing, the contradiction named,
 * even beside a record. */
static void test_partial_and_contradictory(void **state)
{
	(void)state;
	struct fx f;
	const jh_verdict_item *it;

	judge(&f, NULL, "rotation_eligible=1200;migrant_eligible=2000;migrant_public=1500;"
	      "hs_quota_total=1000;hs_quota_rate=50%");
	it = item(&f.v, "guarantee.11");
	assert_int_equal(it->status, JH_ITEM_MISSING);
	assert_string_equal(it->detail_zh, "县级年度数据“交流轮岗教师占符合交流条件教师的比例”,"
	                    "或由人数计算所缺的:上一年度交流轮岗教师数");
	assert_string_equal(it->detail_en, "county-year record 'rotated teachers ÷ teachers eligible to rotate', "
	                    "or for computing it from the counts: teachers rotated last year");
	assert_string_equal(item(&f.v, "guarantee.15")->detail_en,
	                    "county-year record 'eligible migrant children in public or publicly funded schools', "
	                    "or for computing it from the counts: in publicly funded private schools");
	it = item(&f.v, "guarantee.14");
	assert_int_equal(it->status, JH_ITEM_PASS);
	assert_string_equal(it->value_text, "50.00%");
	done(&f);

	judge(&f, NULL, "rotation_rotated=150;rotation_key=200;rotation_key_rate=25%");
	it = item(&f.v, "guarantee.11.key");
	assert_int_equal(it->status, JH_ITEM_MISSING);
	assert_int_equal(it->has_value, 0);
	assert_string_equal(it->detail_zh, "数据矛盾,无法判定:交流轮岗的骨干教师数(200)大于 上一年度交流轮岗教师数(150)");
	assert_string_equal(it->detail_en, "the figures contradict each other and are not judged: key teachers "
	                    "among those rotated (200) is more than teachers rotated last year (150)");
	done(&f);
}

/* How precisely a written figure must agree with its counts: within half
 * a unit of its last digit, rates counted in percent.
 *   "12.5%" vs 0.125: equal;  "0.125" is 12.5% too.
 *   "95.0%" vs 950/998 = 95.19%: off by 0.19 > 0.05 → disagrees;
 *   "0.95" (a whole 95%) vs 95.19%: 0.19 ≤ 0.5 → agrees;
 *   "1" (100%) vs 59/60 = 98.33%: 1.67 > 0.5 → disagrees;
 *   "6000" vs 5,999.6 yuan: 0.4 ≤ 0.5 → agrees; vs 5,999.4: 0.6 → not;
 *   "1.05" vs 0.98: disagrees. */
static void test_agreement(void **state)
{
	(void)state;
	assert_true(jhRatioAgrees("12.5%", 1, 0.125));
	assert_true(jhRatioAgrees("0.125", 1, 0.125));
	assert_false(jhRatioAgrees("95.0%", 1, 950.0 / 998));
	assert_true(jhRatioAgrees("0.95", 1, 950.0 / 998));
	assert_false(jhRatioAgrees("1", 1, 59.0 / 60));
	assert_true(jhRatioAgrees("6000", 0, 5999.6));
	assert_false(jhRatioAgrees("6000", 0, 5999.4));
	assert_false(jhRatioAgrees("1.05", 0, 0.98));
	assert_false(jhRatioAgrees("不详", 1, 0.5));
}

static const jh_diag *problem(const jh_diags *d, jh_problem p)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].problem == p)
			return &d->items[i];
	fail_msg("no problem %d", (int)p);
	return NULL;
}

/* Import refusals, all or nothing.  A part over its whole: 150 teachers
 * rotated of 100 eligible (lines 2 and 3 of c.csv: the part's row is
 * the place, the whole's named); 1,500 + 600 = 2,100 migrant children in
 * schools of 2,000 eligible (lines 4–6); 40 rural places of 30
 * allocated.  A rate beside agreeing counts imports. */
static void test_import_part_exceeds(void **state)
{
	(void)state;
	jh_county_items *items = jh_county_items_new();
	jh_diags d = JH_DIAGS_INIT;
	const jh_diag *dg;
	jh_buf msg = JH_BUF_INIT;

	assert_int_equal(add_items(items, ITEMS_HDR
	                           "110101,2024,rotation_eligible,100,\n"
	                           "110101,2024,rotation_rotated,150,\n"
	                           "110101,2024,migrant_public,1500,\n"
	                           "110101,2024,migrant_eligible,2000,\n"
	                           "110101,2024,migrant_bought,600,\n"
	                           "110101,2024,hs_quota_allocated,30,\n"
	                           "110101,2024,hs_quota_rural,40,\n", &d), JH_ERR_INPUT);
	assert_int_equal(jh_county_items_count(items), 0);
	assert_int_equal(d.count, 3);
	dg = &d.items[0];
	assert_int_equal(dg->problem, JH_P_PART_EXCEEDS);
	assert_int_equal(dg->line, 3);
	assert_int_equal(dg->column, 4);
	assert_string_equal(dg->arg, "rotation_rotated = 150");
	assert_string_equal(dg->arg2, "rotation_eligible = 100 (c.csv:2)");
	jh_diag_format(dg, "zh", &msg);
	assert_string_equal(msg.data, "c.csv:第3行:第4列(value): rotation_rotated = 150 大于 "
	                    "rotation_eligible = 100 (c.csv:2)");
	dg = &d.items[1];
	assert_int_equal(dg->line, 4);
	assert_string_equal(dg->arg, "migrant_public + migrant_bought = 2100 (c.csv:6)");
	assert_string_equal(dg->arg2, "migrant_eligible = 2000 (c.csv:5)");
	dg = &d.items[2];
	assert_int_equal(dg->line, 8);
	assert_string_equal(dg->arg, "hs_quota_rural = 40");
	assert_string_equal(dg->arg2, "hs_quota_allocated = 30 (c.csv:7)");
	jh_buf_free(&msg);
	jh_diags_free(&d);

	assert_int_equal(add_items(items, ITEMS_HDR
	                           "110101,2024,rotation_eligible,1200,\n"
	                           "110101,2024,rotation_rotated,150,\n"
	                           "110101,2024,rotation_rate,12.5%,\n", &d), JH_OK);
	assert_int_equal(jh_county_items_count(items), 3);
	jh_diags_free(&d);
	jh_county_items_free(items);
}

/* A rate given beside counts that disagree: refused at the rate's row
 * naming the counts' rows, also when the counts came in an earlier table
 * of the same import (which stays: only the later table is refused).
 * 10% against 150 ÷ 1,200 = 12.50%; retention 95.0% against
 * (940 − 20 + 30) ÷ (1,000 − 2) = 95.19%. */
static void test_import_disagrees(void **state)
{
	(void)state;
	jh_county_items *items = jh_county_items_new();
	jh_diags d = JH_DIAGS_INIT;
	const jh_diag *dg;

	assert_int_equal(add_items(items, ITEMS_HDR
	                           "110101,2024,rotation_rate,10%,\n"
	                           "110101,2024,rotation_eligible,1200,\n"
	                           "110101,2024,rotation_rotated,150,\n", &d), JH_ERR_INPUT);
	assert_int_equal(jh_county_items_count(items), 0);
	assert_int_equal(d.count, 1);
	dg = problem(&d, JH_P_DERIVED_DISAGREES);
	assert_int_equal(dg->line, 2);
	assert_string_equal(dg->arg, "rotation_rate = 10%");
	assert_string_equal(dg->arg2, "rotation_rotated ÷ rotation_eligible = 12.50% (c.csv:4, 3)");
	jh_diags_free(&d);

	assert_int_equal(add_items(items, ITEMS_HDR
	                           "110101,2024,retention_graduates,940,\n"
	                           "110101,2024,retention_entrants,1000,\n"
	                           "110101,2024,retention_transfer_in,20,\n"
	                           "110101,2024,retention_transfer_out,30,\n"
	                           "110101,2024,retention_deaths,2,\n", &d), JH_OK);
	assert_int_equal(add_items(items, ITEMS_HDR
	                           "110101,2024,junior_retention_rate,95.0%,\n", &d), JH_ERR_INPUT);
	assert_int_equal(jh_county_items_count(items), 5);
	dg = problem(&d, JH_P_DERIVED_DISAGREES);
	assert_int_equal(dg->line, 2);
	assert_string_equal(dg->arg, "junior_retention_rate = 95.0%");
	assert_string_equal(dg->arg2, "(retention_graduates − retention_transfer_in + retention_transfer_out) ÷ "
	                    "(retention_entrants − retention_deaths) = 95.19% (c.csv:2, 4, 5, 3, 6)");
	jh_diags_free(&d);
	/* Written as a whole percent it agrees: 95% ≈ 95.19%. */
	assert_int_equal(add_items(items, ITEMS_HDR
	                           "110101,2024,junior_retention_rate,95%,\n", &d), JH_OK);
	jh_diags_free(&d);
	jh_county_items_free(items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rotation),
		cmocka_unit_test(test_every_ratio),
		cmocka_unit_test(test_disagreeing_records_stored_apart),
		cmocka_unit_test(test_partial_and_contradictory),
		cmocka_unit_test(test_agreement),
		cmocka_unit_test(test_import_part_exceeds),
		cmocka_unit_test(test_import_disagrees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
