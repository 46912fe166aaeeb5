/*
** test_relax_verdict.c — the provincial relaxations and extra vetoes in
** the verdict (issue 14, part C), and the example provincial standards
** file.
**
** Each case is judged twice, under the national standard (every
** relaxation and extra veto off) and under a standard that switches the
** rule on — data/standards/example-province.std, loaded from disk as the
** CLI's --standard does — with the figures worked by hand in comments:
** guarantee item 3 (music and art rooms: 96/90 m² nationally, 73/67 for
** schools built by 2016, 54/61 for rural small schools whose largest
** class is under 30), item 4 (school size: 2000/2500 nationally,
** 2400/3000 for schools built by 2010 or mostly migrant pupils), item 5
** judged from the class-size bands, the four extra vetoes, and the
** evaluation's relaxations named in a school's item.
*/
#include "testutil.h"
#include "verdictutil.h"
#include "core/core_int.h"

/* Rooms and size: the school rows carry the columns the relaxations use. */
#define H TEST_TEMPLATE_HEADER ",classes_primary,classes_junior," \
	"largest_class_primary,largest_class_junior,music_rooms,music_room_min_area_m2," \
	"art_rooms,art_room_min_area_m2,build_year,migrant_students,rural_small," \
	"largest_class_under_30\n"

/* Class size from bands: ≤25, 26–30, 31–35, 36–40, 41–45, 46–50, 51–55,
 * 56–60, 61–65, ≥66 per stage. */
#define HB TEST_TEMPLATE_HEADER ",classes_primary,classes_junior," \
	"largest_class_primary,largest_class_junior," \
	"classes_le25_primary,classes_26_30_primary,classes_31_35_primary," \
	"classes_36_40_primary,classes_41_45_primary,classes_46_50_primary," \
	"classes_51_55_primary,classes_56_60_primary,classes_61_65_primary," \
	"classes_ge66_primary,classes_le25_junior,classes_26_30_junior," \
	"classes_31_35_junior,classes_36_40_junior,classes_41_45_junior," \
	"classes_46_50_junior,classes_51_55_junior,classes_56_60_junior," \
	"classes_61_65_junior,classes_ge66_junior\n"

#define EXAMPLE "data/standards/example-province.std"


/* Read a file whole (NUL-terminated, into b). */
static void slurp(const char *path, jh_buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t got;

	assert_non_null(f);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		jh_buf_add(b, chunk, got);
	fclose(f);
	jh_buf_addc(b, '\0');
}

/* The example provincial standard, read from disk. */
static void example(jh_standard *out)
{
	jh_buf b = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;

	slurp(EXAMPLE, &b);
	if (jh_standard_parse(b.data, b.len - 1, EXAMPLE, NULL, out, &d) != JH_OK) {
		jh_buf m = JH_BUF_INIT;
		jh_diags_format(&d, "en", &m);
		fail_msg("%s refused: %s", EXAMPLE, m.data);
	}
	jh_diags_free(&d);
	jh_buf_free(&b);
}

/* A school row: the 21 template columns with plausible resources (not
 * judged here), then `tail`, the columns after the template's. */
static void school(jh_buf *b, const char *code, const char *name, const char *type,
                   int sp, int sj, const char *tail)
{
	jh_buf_addf(b, "%s,%s,110101,2024,%s,,%d,%d,0,%d,%d,%d,%d,%d,%d,%d,%d,"
	            "5000,8000,2100000,30,%s\n", code, name, type, sp, sj,
	            sp ? 50 : 0, sj ? 50 : 0, sp ? 20 : 0, sj ? 20 : 0, sp ? 10 : 0,
	            sj ? 10 : 0, sp ? 60 : 0, sj ? 60 : 0, tail);
}

/* Judge the schools (and county items, may be NULL) under std (NULL:
 * the national standard). */
static void judge(struct fx *f, const jh_standard *std, const char *schools, const char *items)
{
	memset(f, 0, sizeof *f);
	if (std)
		f->std = *std;
	else
		assert_int_equal(jh_standard_national(&f->std, &f->d), JH_OK);
	f->ds = jh_dataset_new();
	f->items = jh_county_items_new();
	jh_dataset_set_standard(f->ds, &f->std);
	test_load_csv(f->ds, schools, &f->d);
	if (items) {
		jh_table *t = NULL;
		assert_int_equal(jh_csv_parse(items, strlen(items), "c.csv", &t, &f->d), JH_OK);
		assert_true(jh_county_items_table_is(t));
		assert_int_equal(jh_county_items_add_table(f->items, t, 0, &f->d), JH_OK);
		jh_table_free(t);
	}
	assert_int_equal(jh_eval(f->ds, &f->std, NULL, &f->res, &f->d), JH_OK);
	assert_int_equal(jh_verdict_county(f->res, 0, f->items, &f->v, &f->d), JH_OK);
}

/* --- the example file ---------------------------------------------------- */

/* It loads over the national standard: every relaxation and veto on, the
 * shipped figures, special education raised to 8000 — and the verdict's
 * item 7 renders the new figure. */
static void test_example_loads(void **state)
{
	(void)state;
	jh_standard s;
	struct fx f;
	jh_buf b = JH_BUF_INIT;

	example(&s);
	assert_string_equal(s.id, "example-province");
	assert_string_equal(s.base, "national-2017");
	assert_true(s.relax_old_rooms && s.relax_small_rooms && s.relax_size &&
	            s.relax_small_teachers && s.relax_dense_sports);
	assert_true(s.veto_unfilled_posts && s.veto_safety_incident && s.veto_falsified_data &&
	            s.veto_off_campus_tutoring);
	assert_true(s.special_ed_funds_min == 8000);
	assert_true(s.old_rooms_music_m2 == 73 && s.old_rooms_art_m2 == 67 &&
	            s.old_rooms_built_by == 2016);
	assert_true(s.small_rooms_m2[0] == 54 && s.small_rooms_m2[1] == 61);
	assert_true(s.size_relaxed_single_max == 2400 && s.size_relaxed_multi_max == 3000 &&
	            s.size_built_by == 2010 && s.size_migrant_share == 0.5);
	assert_true(s.small_teachers_min == 50 && s.small_teachers_max == 99);
	/* Everything else is the national standard's. */
	assert_true(s.music_room_min_m2 == 96 && s.size_multi_max == 2500 &&
	            s.class_max[0] == 45);

	jh_buf_adds(&b, H);
	school(&b, "1101010001", "甲小学", "primary", 1000, 0, "25,0,42,,3,96,3,90,2018,0,否,否");
	judge(&f, &s, b.data, NULL);
	assert_string_equal(item(&f.v, "guarantee.7")->threshold_text_zh, "≥ 8,000 元");
	assert_string_equal(item(&f.v, "guarantee.7")->threshold_text_en, "≥ 8,000 yuan");
	assert_true(item(&f.v, "guarantee.7")->threshold == 8000);
	done(&f);
	jh_buf_free(&b);
}

/* The line holding `key = ` in text (1-based). */
static long line_of(const char *text, const char *key)
{
	const char *p = strstr(text, key);
	long line = 1;

	assert_non_null(p);
	for (const char *q = text; q < p; q++)
		line += *q == '\n';
	return line;
}

/* The example file with one line changed: refused, the line and key
 * named with the base's value. */
static void expect_refused(const char *from, const char *to, const char *key,
                           const char *was)
{
	jh_buf b = JH_BUF_INIT, t = JH_BUF_INIT, m = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	jh_standard s;
	const char *p;
	char want[200];

	slurp(EXAMPLE, &b);
	p = strstr(b.data, from);
	assert_non_null(p);
	jh_buf_add(&t, b.data, (size_t)(p - b.data));
	jh_buf_adds(&t, to);
	jh_buf_adds(&t, p + strlen(from));
	assert_int_equal(jh_standard_parse(t.data, t.len, EXAMPLE, NULL, &s, &d), JH_ERR_STANDARD);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_STD_LOOSER);
	assert_int_equal(d.items[0].line, line_of(t.data, to));
	jh_diag_format(&d.items[0], "en", &m);
	snprintf(want, sizeof want, "'%s' is looser than the base standard (%s)", key, was);
	if (!strstr(m.data, want))
		fail_msg("%s does not say %s", m.data, want);
	jh_buf_free(&b);
	jh_buf_free(&t);
	jh_buf_free(&m);
	jh_diags_free(&d);
}

/* A relaxation may be switched on, but its figures only tightened: a
 * music room of 70 m² (< 73), a nine-year maximum of 3200 (> 3000), a
 * later build year (2018 > 2016) and a lower migrant share (0.4 < 0.5)
 * each loosen the recorded practice and are refused with the file's own
 * line.  A veto may not be switched off again over a base that has it on;
 * a relaxation may. */
static void test_example_refusals(void **state)
{
	(void)state;
	jh_standard prov, s;
	jh_diags d = JH_DIAGS_INIT;
	const char *child;

	expect_refused("relax.old_rooms.music_m2 = 73", "relax.old_rooms.music_m2 = 70",
	               "relax.old_rooms.music_m2", "73");
	expect_refused("relax.school_size.multi_max          = 3000",
	               "relax.school_size.multi_max = 3200", "relax.school_size.multi_max", "3000");
	expect_refused("relax.old_rooms.built_by = 2016", "relax.old_rooms.built_by = 2018",
	               "relax.old_rooms.built_by", "2016");
	expect_refused("relax.school_size.migrant_share_over = 0.5",
	               "relax.school_size.migrant_share_over = 0.4",
	               "relax.school_size.migrant_share_over", "0.5");
	expect_refused("relax.small_rural_rooms.junior_m2  = 61",
	               "relax.small_rural_rooms.junior_m2 = 60",
	               "relax.small_rural_rooms.junior_m2", "61");
	/* A city's file over the province's (the CLI resolves the base). */
	example(&prov);
	child = "base = example-province\nid = city\nveto.falsified_data = off\n";
	assert_int_equal(jh_standard_parse(child, strlen(child), "c.std", &prov, &s, &d),
	                 JH_ERR_STANDARD);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_STD_LOOSER);
	assert_int_equal(d.items[0].line, 3);
	jh_diags_free(&d);
	child = "base = example-province\nid = city\nrelax.old_rooms = off\n"
	        "relax.school_size.multi_max = 2800\n";
	assert_int_equal(jh_standard_parse(child, strlen(child), "c.std", &prov, &s, &d), JH_OK);
	assert_false(s.relax_old_rooms);
	assert_true(s.size_relaxed_multi_max == 2800 && s.relax_size);
	jh_diags_free(&d);
}

/* --- item 4: school size -------------------------------------------------- */

/* The case: a nine-year school of 1,700 + 900 = 2,600 pupils built
 * in 2009.  Nationally 2,600 > 2,500 (九年一贯制) fails; the province's
 * rule: built 2009 ≤ 2010, so at most 3,000, and 2,600 ≤ 3,000 passes —
 * the school named as judged under the relaxation. */
static void test_size_nine_year_2009(void **state)
{
	(void)state;
	jh_standard prov;
	jh_buf b = JH_BUF_INIT;
	struct fx f;
	const jh_verdict_item *it;

	/* 40 primary classes of at most 45 (45 × 40 = 1800 ≥ 1700), 18
	 * junior of at most 50 (900); 5 rooms each ≥ ceil(58/12) = 5. */
	jh_buf_adds(&b, H);
	school(&b, "1101010002", "乙学校", "nine_year", 1700, 900,
	       "40,18,45,50,5,96,5,90,2009,0,否,否");

	judge(&f, NULL, b.data, NULL);
	it = item(&f.v, "guarantee.4");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_true(it->value == 1);
	assert_string_equal(it->detail_zh, "1101010002 乙学校(2600 人 > 2500 人)");
	assert_string_equal(it->detail, "1101010002 2600人 > 2500");
	done(&f);

	example(&prov);
	judge(&f, &prov, b.data, NULL);
	it = item(&f.v, "guarantee.4");
	assert_int_equal(it->status, JH_ITEM_PASS);
	assert_true(it->value == 0);
	assert_string_equal(it->value_zh, "0 所学校不达标");
	assert_string_equal(it->detail_zh, "按省级放宽规则判定:1101010002 乙学校"
	                    "(2010年及以前建校,规模不超过3000人)");
	assert_string_equal(it->detail_en, "judged under provincial relaxations: 1101010002 乙学校 "
	                    "(built in 2010 or earlier: at most 3000 pupils)");
	assert_string_equal(it->detail, "relaxed: 1101010002 relax.school_size");
	/* The requirement stays the national text: the relaxation is the
	 * exception named in the detail. */
	assert_string_equal(it->threshold_text_zh, "≤ 2000 / 2500 人");
	done(&f);
	jh_buf_free(&b);
}

/* Migrant pupils: primary schools of 2,300 built in 2015 (not old).
 * 甲: 1,200 migrant, 1200/2300 = 0.522 > 0.5 → at most 2,400: passes.
 * 乙: 1,150 migrant, 1150/2300 = 0.5, not more than half → 2,000:
 *     2,300 > 2,000 fails.
 * 丙: 2,500 pupils built 2005 → at most 2,400: 2,500 > 2,400 fails even
 *     relaxed, listed with the relaxed maximum and named.
 * 丁: 1,900 pupils built 2005: under 2,000 anyway, not named. */
static void test_size_migrant(void **state)
{
	(void)state;
	jh_standard prov;
	jh_buf b = JH_BUF_INIT;
	struct fx f;
	const jh_verdict_item *it;

	jh_buf_adds(&b, H);
	school(&b, "1101010001", "甲小学", "primary", 2300, 0, "48,,48,,4,96,4,90,2015,1200,否,否");
	school(&b, "1101010002", "乙小学", "primary", 2300, 0, "48,,48,,4,96,4,90,2015,1150,否,否");
	school(&b, "1101010003", "丙小学", "primary", 2500, 0, "56,,45,,5,96,5,90,2005,0,否,否");
	school(&b, "1101010004", "丁小学", "primary", 1900, 0, "40,,48,,4,96,4,90,2005,0,否,否");

	judge(&f, NULL, b.data, NULL);
	it = item(&f.v, "guarantee.4");
	assert_true(it->value == 3);
	assert_string_equal(it->detail_zh, "1101010001 甲小学(2300 人 > 2000 人);"
	                    "1101010002 乙小学(2300 人 > 2000 人);1101010003 丙小学(2500 人 > 2000 人)");
	done(&f);

	example(&prov);
	judge(&f, &prov, b.data, NULL);
	it = item(&f.v, "guarantee.4");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_true(it->value == 2);
	assert_string_equal(it->detail_zh,
	                    "1101010002 乙小学(2300 人 > 2000 人);1101010003 丙小学(2500 人 > 2400 人);"
	                    "按省级放宽规则判定:1101010001 甲小学(随迁子女超过50%,规模不超过2400人);"
	                    "1101010003 丙小学(2010年及以前建校,规模不超过2400人)");
	assert_string_equal(it->detail_en,
	                    "1101010002 乙小学 (2300 pupils > 2000); 1101010003 丙小学 (2500 pupils > 2400); "
	                    "judged under provincial relaxations: 1101010001 甲小学 (migrant pupils over "
	                    "50%: at most 2400 pupils); 1101010003 丙小学 (built in 2010 or earlier: "
	                    "at most 2400 pupils)");
	done(&f);
	jh_buf_free(&b);
}

/* --- item 3: music and art rooms ----------------------------------------- */

/* The 1998 school: 24 classes need ceil(24/12) = 2 rooms of each
 * (it has 2); its smallest music room is 75 m², art 90 m².  Nationally
 * 75 < 96 fails.  Built 1998 ≤ 2016: music ≥ 73, art ≥ 67 — 75 ≥ 73 and
 * 90 ≥ 67 pass, named under relax.old_rooms.  A school built in 2018 with
 * the same rooms is not old: 75 < 96 fails under both. */
static void test_rooms_old_school(void **state)
{
	(void)state;
	jh_standard prov;
	jh_buf b = JH_BUF_INIT;
	struct fx f;
	const jh_verdict_item *it;

	jh_buf_adds(&b, H);
	school(&b, "1101010001", "甲小学", "primary", 1000, 0, "24,,42,,2,75,2,90,1998,0,否,否");
	judge(&f, NULL, b.data, NULL);
	it = item(&f.v, "guarantee.3");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_string_equal(it->detail_zh, "1101010001 甲小学(24 个班:音乐教室 2 间、美术教室 2 间,"
	                    "各需 2 间;音乐教室 75 ㎡ < 96 ㎡)");
	done(&f);

	example(&prov);
	judge(&f, &prov, b.data, NULL);
	it = item(&f.v, "guarantee.3");
	assert_int_equal(it->status, JH_ITEM_PASS);
	assert_string_equal(it->detail_zh, "按省级放宽规则判定:1101010001 甲小学"
	                    "(2016年及以前建校,音乐教室不小于73㎡、美术教室不小于67㎡)");
	assert_string_equal(it->detail_en, "judged under provincial relaxations: 1101010001 甲小学 "
	                    "(built in 2016 or earlier: music room ≥ 73 m², art room ≥ 67 m²)");
	assert_string_equal(it->detail, "relaxed: 1101010001 relax.old_rooms");
	done(&f);

	/* Built 2018 > 2016: not old; the relaxed figure is not used. */
	jh_buf_free(&b);
	jh_buf_adds(&b, H);
	school(&b, "1101010001", "甲小学", "primary", 1000, 0, "24,,42,,2,75,2,90,2018,0,否,否");
	judge(&f, &prov, b.data, NULL);
	it = item(&f.v, "guarantee.3");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_string_equal(it->detail_en, "1101010001 甲小学 (24 classes: 2 music and 2 art rooms, "
	                    "2 of each needed; music room 75 m² < 96 m²)");
	done(&f);
	jh_buf_free(&b);
}

/* Rural small schools whose largest class is under 30: rooms ≥ 54 m²
 * (primary), ≥ 61 m² (junior).  Each school has 6 classes: one room of
 * each needed (ceil(6/12) = 1), both rooms 55 m², built 2018 (not old).
 * 甲 (primary, 80 pupils, 是/是): 55 ≥ 54 passes relaxed, 55 < 96 and
 *    55 < 90 nationally.
 * 乙 (junior, 90 pupils, 是/是): 55 < 61 fails even relaxed.
 * 丙 (primary, 是, the largest-class answer not given but its largest
 *    class 28 < 30): relaxed as 甲.
 * 丁 (primary, 是, largest class 否): not relaxed, 55 < 96 fails.
 * 戊 (primary, 否 rural small): not relaxed.
 * 己 (primary, 是/是, built 2000): old (73/67) and small (54): the
 *    looser, 54, for both rooms: 55 passes, named under the small rule. */
static void test_rooms_rural_small(void **state)
{
	(void)state;
	jh_standard prov;
	jh_buf b = JH_BUF_INIT;
	struct fx f;
	const jh_verdict_item *it;

	jh_buf_adds(&b, H);
	school(&b, "1101010001", "甲小学", "primary", 80, 0, "6,,18,,1,55,1,55,2018,0,是,是");
	school(&b, "1101010002", "乙中学", "junior", 0, 90, ",6,,18,1,55,1,55,2018,0,是,是");
	school(&b, "1101010003", "丙小学", "primary", 80, 0, "6,,28,,1,55,1,55,2018,0,是,");
	school(&b, "1101010004", "丁小学", "primary", 80, 0, "6,,18,,1,55,1,55,2018,0,是,否");
	school(&b, "1101010005", "戊小学", "primary", 80, 0, "6,,18,,1,55,1,55,2018,0,否,是");
	school(&b, "1101010006", "己小学", "primary", 80, 0, "6,,18,,1,55,1,55,2000,0,是,是");

	judge(&f, NULL, b.data, NULL);
	it = item(&f.v, "guarantee.3");
	assert_true(it->value == 6);
	assert_non_null(strstr(it->detail_zh, "1101010001 甲小学(6 个班:音乐教室 1 间、美术教室 1 间,"
	                       "各需 1 间;音乐教室 55 ㎡ < 96 ㎡;美术教室 55 ㎡ < 90 ㎡)"));
	done(&f);

	example(&prov);
	judge(&f, &prov, b.data, NULL);
	it = item(&f.v, "guarantee.3");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_true(it->value == 3);
	/* Schools in the evaluation's order: primary units, then junior. */
	assert_string_equal(it->detail, "1101010004 (6班: 音乐1 美术1, 需1; 音乐教室55m² < 96; "
	                    "美术教室55m² < 90); 1101010005 (6班: 音乐1 美术1, 需1; 音乐教室55m² < 96; "
	                    "美术教室55m² < 90); 1101010002 (6班: 音乐1 美术1, 需1; 音乐教室55m² < 61; "
	                    "美术教室55m² < 61); relaxed: 1101010001 relax.small_rural_rooms; "
	                    "1101010003 relax.small_rural_rooms; 1101010006 relax.small_rural_rooms; "
	                    "1101010002 relax.small_rural_rooms");
	assert_non_null(strstr(it->detail_zh, "按省级放宽规则判定:1101010001 甲小学(乡村小规模学校,"
	                       "最大班额不足30人,专用教室不小于54㎡);1101010003 丙小学"));
	assert_non_null(strstr(it->detail_zh, "1101010002 乙中学(乡村小规模学校,"
	                       "最大班额不足30人,专用教室不小于61㎡)"));
	assert_non_null(strstr(it->detail_en, "1101010006 己小学 (rural small school, largest class "
	                       "under 30: rooms ≥ 54 m²)"));
	done(&f);
	jh_buf_free(&b);
}

/* A rural small nine-year school (40 + 30 pupils, largest classes 12 and
 * 15): the junior figure, 61, since its rooms serve junior classes too:
 * 60 m² < 61 fails, 61 m² passes. */
static void test_rooms_nine_year_small(void **state)
{
	(void)state;
	jh_standard prov;
	jh_buf b = JH_BUF_INIT;
	struct fx f;

	example(&prov);
	jh_buf_adds(&b, H);
	school(&b, "1101010001", "甲学校", "nine_year", 40, 30, "6,3,12,15,1,60,1,61,2018,0,是,");
	judge(&f, &prov, b.data, NULL);
	assert_int_equal(item(&f.v, "guarantee.3")->status, JH_ITEM_FAIL);
	assert_string_equal(item(&f.v, "guarantee.3")->detail_en,
	                    "1101010001 甲学校 (9 classes: 1 music and 1 art rooms, 1 of each needed; "
	                    "music room 60 m² < 61 m²); judged under provincial relaxations: "
	                    "1101010001 甲学校 (rural small school, largest class under 30: rooms ≥ 61 m²)");
	done(&f);
	jh_buf_free(&b);
}

/* --- item 5: class size from the bands ------------------------------------ */

/* No largest class, bands instead.
 * 甲 (primary, 1,000 pupils in 25 classes): ≤25 2, 26–30 4, 31–35 6,
 *    36–40 6, 41–45 4, 46–50 2, 51–55 1 (2+4+6+6+4+2+1 = 25): over 45 =
 *    46–50 + 51–55 = 2 + 1 = 3 classes → fails.
 * 乙 (junior, 500 pupils in 12 classes): 36–40 4, 41–45 6, 46–50 2: none
 *    over 50 → passes.
 * 丙 (primary, largest class 44 given, bands claiming a 46–50 class): the
 *    largest class decides: 44 ≤ 45 passes.
 * A local maximum of 40 (a band bound): 甲's over 40 = 4+2+1 = 7; a
 * maximum of 42 is inside the 41–45 band: the bands cannot tell, so 甲
 * is missing (乙's junior maximum, 50, still judged; 丙's 44 > 42). */
static void test_class_size_bands(void **state)
{
	(void)state;
	jh_buf b = JH_BUF_INIT;
	jh_standard s;
	struct fx f;
	const jh_verdict_item *it;

	jh_buf_adds(&b, HB);
	school(&b, "1101010001", "甲小学", "primary", 1000, 0,
	       "25,,,,2,4,6,6,4,2,1,0,0,0,,,,,,,,,,");
	school(&b, "1101010002", "乙中学", "junior", 0, 500,
	       ",12,,,,,,,,,,,,,0,0,0,4,6,2,0,0,0,0");
	school(&b, "1101010003", "丙小学", "primary", 1000, 0,
	       "25,,44,,2,4,6,6,6,1,0,0,0,0,,,,,,,,,,");

	judge(&f, NULL, b.data, NULL);
	it = item(&f.v, "guarantee.5");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_true(it->value == 1);
	assert_string_equal(it->detail, "1101010001 小学超45人班级3");
	assert_string_equal(it->detail_zh, "1101010001 甲小学(小学 3 个班超过 45 人(按班额分段))");
	assert_string_equal(it->detail_en, "1101010001 甲小学 (3 primary classes over 45 (size bands))");
	done(&f);

	assert_int_equal(jh_standard_national(&s, &f.d), JH_OK);
	s.class_max[0] = 40;
	judge(&f, &s, b.data, NULL);
	/* 丙's largest class, 44 > 40, fails too. */
	assert_string_equal(item(&f.v, "guarantee.5")->detail_en,
	                    "1101010001 甲小学 (7 primary classes over 40 (size bands)); "
	                    "1101010003 丙小学 (largest primary class 44 > 40)");
	done(&f);

	s.class_max[0] = 42;
	judge(&f, &s, b.data, NULL);
	it = item(&f.v, "guarantee.5");
	assert_int_equal(it->status, JH_ITEM_MISSING);
	assert_string_equal(it->detail_zh, "1 所学校缺少最大班额");
	done(&f);
	jh_buf_free(&b);
}

/* --- the extra vetoes ------------------------------------------------------ */

static const char *const vetoes[4] = {"unfilled_posts", "safety_incident", "falsified_data",
                                      "off_campus_tutoring"};

static int *veto_switch(jh_standard *s, int i)
{
	int *sw[4] = {&s->veto_unfilled_posts, &s->veto_safety_incident, &s->veto_falsified_data,
	              &s->veto_off_campus_tutoring};
	return sw[i];
}

/* Each veto off (national): no item, whatever the record says, so that
 * the national verdict does not change.  On: 否 passes, 是 fails the
 * county (a one-vote veto), no record is missing. */
static void test_vetoes(void **state)
{
	(void)state;
	jh_buf b = JH_BUF_INIT, c = JH_BUF_INIT;
	jh_standard s;
	jh_diags d = JH_DIAGS_INIT;
	struct fx f;
	char id[64];

	jh_buf_adds(&b, H);
	school(&b, "1101010001", "甲小学", "primary", 1000, 0, "25,,42,,3,96,3,90,2018,0,否,否");
	assert_int_equal(jh_standard_national(&s, &d), JH_OK);
	for (int i = 0; i < 4; i++) {
		const jh_verdict_item *it;
		snprintf(id, sizeof id, "veto.%s", vetoes[i]);
		for (int yes = 0; yes < 2; yes++) {
			jh_buf_free(&c);
			jh_buf_addf(&c, "county_code,year,item,value,note\n110101,2024,%s,%s,\n",
			            vetoes[i], yes ? "是" : "否");
			*veto_switch(&s, i) = 0;
			judge(&f, &s, b.data, c.data);
			assert_null(find(&f.v, id));
			done(&f);
			*veto_switch(&s, i) = 1;
			judge(&f, &s, b.data, c.data);
			it = item(&f.v, id);
			assert_string_equal(it->part, "veto");
			assert_int_equal(it->status, yes ? JH_ITEM_FAIL : JH_ITEM_PASS);
			assert_string_equal(it->value_text, yes ? "是" : "否");
			assert_string_equal(it->threshold_text_en, "no");
			/* 是 fails the county; 否 leaves it incomplete (no other
			 * county record given). */
			assert_int_equal(f.v.verdict, yes ? JH_VERDICT_FAIL : JH_VERDICT_INCOMPLETE);
			/* Only this extra veto is an item. */
			for (int j = 0; j < 4; j++) {
				char other[64];
				snprintf(other, sizeof other, "veto.%s", vetoes[j]);
				if (j != i)
					assert_null(find(&f.v, other));
			}
			done(&f);
		}
		/* On, no record: missing, naming the record in words. */
		judge(&f, &s, b.data, NULL);
		assert_int_equal(item(&f.v, id)->status, JH_ITEM_MISSING);
		assert_string_equal(item(&f.v, id)->detail, vetoes[i]);
		done(&f);
		*veto_switch(&s, i) = 0;
	}
	/* The names, in each language. */
	s.veto_falsified_data = 1;
	judge(&f, &s, b.data, NULL);
	assert_string_equal(item(&f.v, "veto.falsified_data")->name_zh, "弄虚作假(一票否决)");
	assert_string_equal(item(&f.v, "veto.falsified_data")->name_en, "Falsified data (veto)");
	assert_string_equal(item(&f.v, "veto.falsified_data")->detail_zh,
	                    "县级年度数据“存在弄虚作假”");
	done(&f);
	jh_buf_free(&b);
	jh_buf_free(&c);
	jh_diags_free(&d);
}

/* --- the evaluation's relaxations, named in the school's item -------------- */

/* The evaluation marks a unit (jh_unit.relaxed, part B); the school's
 * resource item names each relaxation in both languages. */
static void test_unit_relaxations_named(void **state)
{
	(void)state;
	jh_buf b = JH_BUF_INIT;
	struct fx f;
	const jh_verdict_item *it;

	jh_buf_adds(&b, H);
	school(&b, "1101010001", "甲小学", "primary", 1000, 0, "25,,42,,3,96,3,90,2018,0,否,否");
	judge(&f, NULL, b.data, NULL);
	it = item(&f.v, "resource.school.1101010001.primary");
	assert_string_equal(it->detail_zh, "");     /* nothing relaxed */
	jh_verdict_free(&f.v);
	f.res->units[0].relaxed = JH_RELAX_SMALL_TEACHERS | JH_RELAX_DENSE_SPORTS;
	assert_int_equal(jh_verdict_county(f.res, 0, f.items, &f.v, &f.d), JH_OK);
	it = item(&f.v, "resource.school.1101010001.primary");
	assert_string_equal(it->detail_zh, "按省级放宽规则:乡村小规模学校计入交流轮岗、兼职、走教体育艺术教师;"
	                    "按省级放宽规则:中心城区人口密集学校计入屋顶、地下体育场地和步行10分钟内租借的场馆");
	assert_string_equal(it->detail_en, "provincial relaxation: rural small school: rotating, "
	                    "part-time and itinerant PE and art teachers counted; provincial relaxation: "
	                    "dense central-city school: rooftop and underground areas and venues leased "
	                    "within 10 minutes' walk counted");
	assert_string_equal(it->detail, "relaxed: relax.small_rural_teachers; "
	                    "relaxed: relax.dense_central_sports");
	done(&f);
	jh_buf_free(&b);
}

/* The same through the evaluation (part B sets jh_unit.relaxed): a rural
 * small primary school of 60 pupils with no PE/art teacher of its own and
 * one itinerant (走教) art teacher.  Nationally indicator 3 is 0/60 = 0
 * per 100, under 0.9 and under its floor 0.9 × 0.85 = 0.765: the school
 * fails.  The province (50 ≤ 60 ≤ 99): (0 + 1)/60 × 100 = 1.67 ≥ 0.9,
 * and the six others are met (3/60 × 100 = 5.0 ≥ 4.2; 1.67 ≥ 1; 300/60 =
 * 5.0 ≥ 4.5; 480/60 = 8.0 ≥ 7.5; 130,000/60 = 2,166.67 ≥ 2,000; 2/60 ×
 * 100 = 3.33 ≥ 2.3): 7 of 7, and its item names the relaxation. */
static void test_itinerant_teacher_named(void **state)
{
	(void)state;
	jh_standard prov;
	struct fx f;
	const jh_verdict_item *it;
	const char *csv = TEST_TEMPLATE_HEADER ",rotating_pe_art_teachers_primary,rural_small\n"
		"1101010001,甲小学,110101,2024,primary,,60,0,0,3,0,1,0,0,0,6,0,300,480,130000,2,1,是\n";

	judge(&f, NULL, csv, NULL);
	it = item(&f.v, "resource.school.1101010001.primary");
	assert_int_equal(it->status, JH_ITEM_FAIL);
	assert_null(strstr(it->detail_zh, "放宽"));
	done(&f);

	example(&prov);
	judge(&f, &prov, csv, NULL);
	it = item(&f.v, "resource.school.1101010001.primary");
	assert_int_equal(it->status, JH_ITEM_PASS);
	assert_string_equal(it->value_text, "7/7");
	assert_string_equal(it->detail_zh, "按省级放宽规则:乡村小规模学校计入交流轮岗、兼职、走教体育艺术教师");
	assert_string_equal(it->detail, "relaxed: relax.small_rural_teachers");
	done(&f);
}

/* --- gaps judge as the verdict does ------------------------------------------ */

/* `gaps` (lib/plan/rooms.c) holds each school to the same figures.  The
 * 1998 school's 75 m² music room: nationally the room is enlarged by
 * ceil(96 − 75) = 21 m²; under the province (73 m²) nothing is needed.
 * The nine-year school of 2,600 built in 2009: beyond any addition
 * nationally (2,600 > 2,500), not under the province (≤ 3,000). */
static void test_gaps_follow(void **state)
{
	(void)state;
	jh_standard prov;
	jh_costs costs;
	jh_buf b = JH_BUF_INIT;
	jh_addition *add;
	jh_beyond *bey;
	size_t n;
	struct fx f;

	assert_int_equal(jh_costs_default(&costs, NULL), JH_OK);
	example(&prov);
	jh_buf_adds(&b, H);
	school(&b, "1101010001", "甲小学", "primary", 1000, 0, "24,,42,,2,75,2,90,1998,0,否,否");
	school(&b, "1101010002", "乙学校", "nine_year", 1700, 900,
	       "40,18,45,50,5,96,5,90,2009,0,否,否");

	judge(&f, NULL, b.data, NULL);
	assert_int_equal(jh_gaps_rooms(f.res, 0, &costs, &add, &n, &f.d), JH_OK);
	assert_int_equal(n, 1);
	assert_string_equal(add[0].school->school_code, "1101010001");
	assert_true(add[0].add[JH_F_MUSIC_ROOM_MIN_AREA] == 21);
	assert_true(add[0].add[JH_F_ART_ROOM_MIN_AREA] == 0);
	free(add);
	assert_int_equal(jh_gaps_beyond(f.res, 0, &bey, &n), JH_OK);
	assert_int_equal(n, 1);
	assert_int_equal(bey[0].kind, JH_BEYOND_SCHOOL_SIZE);
	assert_true(bey[0].value == 2600 && bey[0].limit == 2500);
	free(bey);
	done(&f);

	judge(&f, &prov, b.data, NULL);
	assert_int_equal(jh_gaps_rooms(f.res, 0, &costs, &add, &n, &f.d), JH_OK);
	assert_int_equal(n, 0);
	assert_int_equal(jh_gaps_beyond(f.res, 0, &bey, &n), JH_OK);
	assert_int_equal(n, 0);
	done(&f);
	jh_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_loads),
		cmocka_unit_test(test_example_refusals),
		cmocka_unit_test(test_size_nine_year_2009),
		cmocka_unit_test(test_size_migrant),
		cmocka_unit_test(test_rooms_old_school),
		cmocka_unit_test(test_rooms_rural_small),
		cmocka_unit_test(test_rooms_nine_year_small),
		cmocka_unit_test(test_class_size_bands),
		cmocka_unit_test(test_vetoes),
		cmocka_unit_test(test_unit_relaxations_named),
		cmocka_unit_test(test_itinerant_teacher_named),
		cmocka_unit_test(test_gaps_follow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
