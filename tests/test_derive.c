/*
** test_derive.c — the ready-made fields derived from the raw figures
** schools report (lib/core/derive.c), the refusals, the class-size bands,
** the store's re-check of a merged row and the export of the new fields.
**
** Every expected figure is worked out by hand in the comment above it.
*/
#include "testutil.h"

/* The identity columns and the required columns the raw figures do not
 * replace (columns 1–15). */
#define ID_HDR "school_code,school_name,county_code,year,school_type,parent_code," \
	"students_primary,students_junior,students_senior," \
	"key_teachers_primary,key_teachers_junior,teachers_primary,teachers_junior," \
	"equipment_value_yuan,multimedia_rooms"
/* Teachers by degree (columns 16–23). */
#define DEG_HDR "teachers_associate_primary,teachers_bachelor_primary," \
	"teachers_master_primary,teachers_doctor_primary," \
	"teachers_associate_junior,teachers_bachelor_junior," \
	"teachers_master_junior,teachers_doctor_junior"
/* PE and art teachers (columns 24–31). */
#define PEART_HDR "pe_teachers_primary,music_teachers_primary," \
	"fine_art_teachers_primary,other_art_teachers_primary," \
	"pe_teachers_junior,music_teachers_junior," \
	"fine_art_teachers_junior,other_art_teachers_junior"
/* Areas (columns 32–34). */
#define AREA_HDR "teaching_aux_total_m2,indoor_sports_area_m2,outdoor_sports_area_m2"
#define RAW_HDR ID_HDR "," DEG_HDR "," PEART_HDR "," AREA_HDR

/* A nine-year school with raw figures only:
 *   pupils 900 primary, 600 junior; teachers 45 primary, 36 junior;
 *   degrees primary 专科 10, 本科 30, 硕士 2, 博士 0;
 *           junior  专科 6,  本科 25, 硕士 3, 博士 1;
 *   PE, music, fine art, other art: primary 3, 2, 2, 1; junior 2, 1, 1, 0;
 *   教学及辅助用房 6,000 m² of which 室内体育用房 800, outdoor field 9,000. */
#define NINE_ID "3601020001,九年制学校,360102,2024,nine_year,,900,600,0,10,8,45,36,3000000,30"
#define NINE_RAW "10,30,2,0,6,25,3,1,3,2,2,1,2,1,1,0,6000,800,9000"
#define NINE NINE_ID "," NINE_RAW

static jh_code load_csv(jh_dataset *ds, const char *csv, jh_diags *d)
{
	jh_table *t = NULL;
	jh_code rc = jh_csv_parse(csv, strlen(csv), "t.csv", &t, d);

	if (rc == JH_OK)
		rc = jh_dataset_add_table(ds, t, d);
	jh_table_free(t);
	return rc;
}

/* The one error of d on line `line`; the test fails unless exactly one. */
static const jh_diag *error_on(const jh_diags *d, long line)
{
	const jh_diag *found = NULL;

	for (size_t i = 0; i < d->count; i++) {
		if (d->items[i].note || d->items[i].line != line)
			continue;
		if (found)
			fail_msg("two problems on line %ld", line);
		found = &d->items[i];
	}
	if (!found)
		fail_msg("no problem on line %ld", line);
	return found;
}

static void assert_diag(const jh_diag *g, jh_problem p, int col,
                        const char *arg, const char *arg2)
{
	assert_int_equal(g->problem, p);
	assert_string_equal(g->file, "t.csv");
	assert_int_equal(g->column, col);
	assert_string_equal(g->arg, arg);
	if (arg2)
		assert_string_equal(g->arg2, arg2);
}

/* --- derivation ---------------------------------------------------------- */

static void test_nine_year_raw_only(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const jh_school_year *sy;

	/* The table names no ready-made column the raw ones replace:
	 * qualified, PE/art, teaching and sports areas are excused. */
	test_load_csv(ds, RAW_HDR "\n" NINE "\n", &d);
	assert_int_equal(jh_dataset_count(ds), 1);
	sy = jh_dataset_row(ds, 0);
	/* 高于规定学历: primary counts 专科 and above: 10 + 30 + 2 + 0 = 42;
	 * junior counts 本科 and above: 25 + 3 + 1 = 29 — its 6 专科
	 * teachers do not count. */
	assert_near(sy->v[JH_F_QUALIFIED_PRIMARY], 42, 0);
	assert_near(sy->v[JH_F_QUALIFIED_JUNIOR], 29, 0);
	/* PE/art: 3 + 2 + 2 + 1 = 8; 2 + 1 + 1 + 0 = 4. */
	assert_near(sy->v[JH_F_PE_ART_PRIMARY], 8, 0);
	assert_near(sy->v[JH_F_PE_ART_JUNIOR], 4, 0);
	/* Indoor sports rooms out of one, into the other:
	 * teaching 6,000 − 800 = 5,200; sports 9,000 + 800 = 9,800. */
	assert_near(sy->v[JH_F_TEACHING_AREA], 5200, 0);
	assert_near(sy->v[JH_F_SPORTS_AREA], 9800, 0);
	/* The derived values are given: a store keeps them. */
	assert_false(jh_sy_not_given(sy, JH_F_QUALIFIED_JUNIOR));
	assert_false(jh_sy_not_given(sy, JH_F_TEACHING_AREA));
	assert_false(jh_sy_not_given(sy, JH_F_SPORTS_AREA));
	/* No bands: no classes invented, no class counts. */
	assert_true(isnan(sy->v[JH_F_CLASSES_PRIMARY]));
	assert_true(isnan(jh_school_classes_over(sy, JH_STAGE_PRIMARY, 45)));
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

/* The degree rule is the standard's: a local standard that counts only
 * 本科 and above in primary and 硕士 and above in junior. */
static void test_degree_rule_from_standard(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_standard std;
	const jh_school_year *sy;

	assert_int_equal(jh_standard_national(&std, &d), JH_OK);
	assert_int_equal(std.qualified_degree[0], JH_DEGREE_ASSOCIATE);
	assert_int_equal(std.qualified_degree[1], JH_DEGREE_BACHELOR);
	std.qualified_degree[0] = JH_DEGREE_BACHELOR;
	std.qualified_degree[1] = JH_DEGREE_MASTER;
	jh_dataset_set_standard(ds, &std);
	test_load_csv(ds, RAW_HDR "\n" NINE "\n", &d);
	sy = jh_dataset_row(ds, 0);
	/* primary 本科 30 + 硕士 2 + 博士 0 = 32; junior 硕士 3 + 博士 1 = 4. */
	assert_near(sy->v[JH_F_QUALIFIED_PRIMARY], 32, 0);
	assert_near(sy->v[JH_F_QUALIFIED_JUNIOR], 4, 0);
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

/* A school with 室内体育用房 that also gives the ready-made areas. */
static void test_indoor_sports_rooms(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	/* Columns 1–21 the template's required ones (teaching_area_m2 is
	 * column 18, sports_area_m2 19), then 22–24 the raw areas. */
	const char *hdr = TEST_TEMPLATE_HEADER "," AREA_HDR "\n";
	char csv[1024];

	/* 6,000 − 800 = 5,200 and 9,000 + 800 = 9,800, as given: loads. */
	snprintf(csv, sizeof csv, "%s%s", hdr,
	         "3601020002,城区小学,360102,2024,primary,,1000,0,0,60,0,20,0,8,0,65,0,"
	         "5200,9800,2000000,24,6000,800,9000\n");
	test_load_csv(ds, csv, &d);
	assert_near(jh_dataset_row(ds, 0)->v[JH_F_TEACHING_AREA], 5200, 0);

	/* The total typed as the teaching area: 6,000 ≠ 5,200, refused at
	 * the ready-made column 18; and the outdoor field alone typed as
	 * the sports area: 9,000 ≠ 9,800, at column 19. */
	snprintf(csv, sizeof csv, "%s%s", hdr,
	         "3601020003,城区二小,360102,2024,primary,,1000,0,0,60,0,20,0,8,0,65,0,"
	         "6000,9000,2000000,24,6000,800,9000\n");
	assert_int_equal(load_csv(ds, csv, &d), JH_ERR_INPUT);
	assert_int_equal(jh_diags_errors(&d), 2);
	assert_diag(&d.items[0], JH_P_DERIVED_DISAGREES, 18, "teaching_area_m2 = 6000",
	            "teaching_aux_total_m2 - indoor_sports_area_m2 = 5200");
	assert_int_equal(d.items[0].line, 2);
	assert_string_equal(d.items[0].column_name, "teaching_area_m2");
	assert_diag(&d.items[1], JH_P_DERIVED_DISAGREES, 19, "sports_area_m2 = 9000",
	            "outdoor_sports_area_m2 + indoor_sports_area_m2 = 9800");
	assert_int_equal(jh_dataset_count(ds), 1);       /* nothing added */
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

/* The junior 专科 teachers counted by the school: refused with the sum
 * the standard's rule gives. */
static void test_junior_associate_not_counted(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	/* qualified_teachers_junior is column 36: 6 + 25 + 3 + 1 = 35 as the
	 * school counted, 25 + 3 + 1 = 29 by the rule. */
	const char *csv = RAW_HDR ",qualified_teachers_primary,qualified_teachers_junior\n"
	                  NINE ",42,35\n";

	assert_int_equal(load_csv(ds, csv, &d), JH_ERR_INPUT);
	assert_diag(error_on(&d, 2), JH_P_DERIVED_DISAGREES, 36,
	            "qualified_teachers_junior = 35",
	            "teachers_bachelor_junior + teachers_master_junior + teachers_doctor_junior = 29");
	assert_int_equal(jh_dataset_count(ds), 0);
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

/* A primary school's junior raw cells left blank: the stage is not
 * offered, so its excused ready-made values are 0, as a blank cell of a
 * ready-made junior column is. */
static void test_stage_not_offered(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const jh_school_year *sy;

	test_load_csv(ds, RAW_HDR "\n"
	              "3601020004,村小,360102,2024,primary,,300,0,0,3,0,18,0,600000,6,"
	              "4,12,0,0,,,,,1,1,1,0,,,,,1500,0,3000\n", &d);
	sy = jh_dataset_row(ds, 0);
	/* primary 4 + 12 + 0 + 0 = 16; junior 0; PE/art 1 + 1 + 1 + 0 = 3;
	 * teaching 1,500 − 0; sports 3,000 + 0. */
	assert_near(sy->v[JH_F_QUALIFIED_PRIMARY], 16, 0);
	assert_near(sy->v[JH_F_QUALIFIED_JUNIOR], 0, 0);
	assert_near(sy->v[JH_F_PE_ART_PRIMARY], 3, 0);
	assert_near(sy->v[JH_F_PE_ART_JUNIOR], 0, 0);
	assert_near(sy->v[JH_F_TEACHING_AREA], 1500, 0);
	assert_near(sy->v[JH_F_SPORTS_AREA], 3000, 0);
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

/* --- class-size bands ------------------------------------------------------ */

/* The header with the primary bands after the template's columns
 * (columns 22–31), and optionally classes_primary (column 32). */
static void band_header(char *out, size_t cap, int with_classes)
{
	size_t n = (size_t)snprintf(out, cap, "%s", TEST_TEMPLATE_HEADER);
	for (int b = 0; b < JH_BANDS; b++)
		n += (size_t)snprintf(out + n, cap - n, ",%s",
		                      jh_field_key(JH_F_BANDS_PRIMARY + b));
	snprintf(out + n, cap - n, "%s\n", with_classes ? ",classes_primary" : "");
}

#define PRIMARY_ROW "3601020005,大班额小学,360102,2024,primary,,1300,0,0,70,0,25,0,10,0,75,0," \
	"9000,15000,3000000,30,"
/* ≤25: 2, 26–30: 3, 31–35: 4, 36–40: 5, 41–45: 6, 46–50: 3, 51–55: 2,
 * 56–60: 2, 61–65: 1, ≥66: 1. */
#define BANDS "2,3,4,5,6,3,2,2,1,1"

static void test_bands(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const jh_school_year *sy;
	char csv[2048], hdr[1024];

	band_header(hdr, sizeof hdr, 0);
	snprintf(csv, sizeof csv, "%s" PRIMARY_ROW BANDS "\n", hdr);
	test_load_csv(ds, csv, &d);
	sy = jh_dataset_row(ds, 0);
	/* classes 2 + 3 + 4 + 5 + 6 + 3 + 2 + 2 + 1 + 1 = 29. */
	assert_near(sy->v[JH_F_CLASSES_PRIMARY], 29, 0);
	assert_false(jh_sy_not_given(sy, JH_F_CLASSES_PRIMARY));
	/* over 45 (the primary maximum): 3 + 2 + 2 + 1 + 1 = 9;
	 * over 50: 2 + 2 + 1 + 1 = 6;
	 * 大班额 (56 and more): 2 + 1 + 1 = 4; 超大班额 (66 and more): 1;
	 * over 25: 29 − 2 = 27. */
	assert_near(jh_school_classes_over(sy, JH_STAGE_PRIMARY, 45), 9, 0);
	assert_near(jh_school_classes_over(sy, JH_STAGE_PRIMARY, 50), 6, 0);
	assert_near(jh_school_classes_over(sy, JH_STAGE_PRIMARY, JH_LARGE_CLASS_OVER), 4, 0);
	assert_near(jh_school_classes_over(sy, JH_STAGE_PRIMARY, JH_HUGE_CLASS_OVER), 1, 0);
	assert_near(jh_school_classes_over(sy, JH_STAGE_PRIMARY, 25), 27, 0);
	/* 44 is inside the band 41–45: unknown; no junior bands: unknown. */
	assert_true(isnan(jh_school_classes_over(sy, JH_STAGE_PRIMARY, 44)));
	assert_true(isnan(jh_school_classes_over(sy, JH_STAGE_PRIMARY, 66)));
	assert_true(isnan(jh_school_classes_over(sy, JH_STAGE_JUNIOR, 50)));
	/* Not invented: the junior stage gives no bands. */
	assert_true(isnan(sy->v[JH_F_CLASSES_JUNIOR]));

	/* Given beside the bands: 29 agrees; 28 is fewer than the bands'
	 * 29 (a part over its whole, at the first band's column 22); 31
	 * disagrees (at classes_primary, column 32). */
	band_header(hdr, sizeof hdr, 1);
	snprintf(csv, sizeof csv, "%s"
	         PRIMARY_ROW BANDS ",29\n"
	         "3601020006,二小,360102,2024,primary,,1300,0,0,70,0,25,0,10,0,75,0,"
	         "9000,15000,3000000,30," BANDS ",28\n"
	         "3601020007,三小,360102,2024,primary,,1300,0,0,70,0,25,0,10,0,75,0,"
	         "9000,15000,3000000,30," BANDS ",31\n", hdr);
	jh_dataset_free(ds);
	ds = jh_dataset_new();
	assert_int_equal(load_csv(ds, csv, &d), JH_ERR_INPUT);
	assert_int_equal(jh_diags_errors(&d), 2);
	assert_diag(error_on(&d, 3), JH_P_PART_EXCEEDS, 22,
	            "classes_le25_primary + … + classes_ge66_primary = 29",
	            "classes_primary = 28");
	assert_diag(error_on(&d, 4), JH_P_DERIVED_DISAGREES, 32, "classes_primary = 31",
	            "classes_le25_primary + … + classes_ge66_primary = 29");
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

/* --- refusals -------------------------------------------------------------- */

/* One refusal a line; columns 35–37 are migrant_students,
 * students_catchment_primary and teachers_360h.  All or nothing: no row
 * is added. */
static void test_refusals(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const char *csv =
		RAW_HDR ",migrant_students,students_catchment_primary,teachers_360h\n"
		/* line 2: valid (migrant 100 ≤ 1,500; catchment 850 ≤ 900;
		 * 360 h 70 ≤ 45 + 36 = 81) */
		NINE ",100,850,70\n"
		/* line 3: 博士 primary blank: the group is given, incomplete */
		"3601020011,甲,360102,2024,nine_year,,900,600,0,10,8,45,36,3000000,30,"
		"10,30,2,,6,25,3,1,3,2,2,1,2,1,1,0,6000,800,9000,100,850,70\n"
		/* line 4: 40 primary teachers, degrees 10 + 30 + 2 + 0 = 42 */
		"3601020012,乙,360102,2024,nine_year,,900,600,0,10,8,40,36,3000000,30,"
		NINE_RAW ",100,850,70\n"
		/* line 5: indoor 900 over the total 800 */
		"3601020013,丙,360102,2024,nine_year,,900,600,0,10,8,45,36,3000000,30,"
		"10,30,2,0,6,25,3,1,3,2,2,1,2,1,1,0,800,900,9000,100,850,70\n"
		/* line 6: migrant 1,600 over 900 + 600 = 1,500 */
		"3601020014,丁,360102,2024,nine_year,,900,600,0,10,8,45,36,3000000,30,"
		NINE_RAW ",1600,850,70\n"
		/* line 7: catchment 950 over 900 primary pupils */
		"3601020015,戊,360102,2024,nine_year,,900,600,0,10,8,45,36,3000000,30,"
		NINE_RAW ",100,950,70\n"
		/* line 8: 82 teachers with 360 hours, over 45 + 36 = 81 */
		"3601020016,己,360102,2024,nine_year,,900,600,0,10,8,45,36,3000000,30,"
		NINE_RAW ",100,850,82\n"
		/* line 9: the primary degrees all blank: qualified_teachers_primary
		 * is excused, so it has nothing to come from */
		"3601020017,庚,360102,2024,nine_year,,900,600,0,10,8,45,36,3000000,30,"
		",,,,6,25,3,1,3,2,2,1,2,1,1,0,6000,800,9000,100,850,70\n"
		/* line 10: PE 40 + music 1 + fine art 1 + other 0 = 42 junior
		 * PE/art teachers, over the 36 junior teachers */
		"3601020018,辛,360102,2024,nine_year,,900,600,0,10,8,45,36,3000000,30,"
		"10,30,2,0,6,25,3,1,3,2,2,1,40,1,1,0,6000,800,9000,100,850,70\n";

	assert_int_equal(load_csv(ds, csv, &d), JH_ERR_INPUT);
	assert_int_equal(jh_dataset_count(ds), 0);
	assert_int_equal(jh_diags_errors(&d), 8);
	assert_diag(error_on(&d, 3), JH_P_RAW_INCOMPLETE, 19,
	            "qualified_teachers_primary", "teachers_doctor_primary");
	assert_diag(error_on(&d, 4), JH_P_DEGREES_EXCEED, 16, "42", "40");
	assert_diag(error_on(&d, 5), JH_P_PART_EXCEEDS, 33,
	            "indoor_sports_area_m2 = 900", "teaching_aux_total_m2 = 800");
	assert_diag(error_on(&d, 6), JH_P_PART_EXCEEDS, 35,
	            "migrant_students = 1600", "students_primary + students_junior = 1500");
	assert_diag(error_on(&d, 7), JH_P_PART_EXCEEDS, 36,
	            "students_catchment_primary = 950", "students_primary = 900");
	assert_diag(error_on(&d, 8), JH_P_PART_EXCEEDS, 37,
	            "teachers_360h = 82", "teachers_primary + teachers_junior = 81");
	assert_diag(error_on(&d, 9), JH_P_RAW_INCOMPLETE, 16, "qualified_teachers_primary",
	            "teachers_associate_primary, teachers_bachelor_primary, "
	            "teachers_master_primary, teachers_doctor_primary");
	assert_diag(error_on(&d, 10), JH_P_PART_EXCEEDS, 28,
	            "pe_teachers_junior + music_teachers_junior + fine_art_teachers_junior + "
	            "other_art_teachers_junior = 42", "teachers_junior = 36");
	/* The message names both sides, in either language. */
	{
		jh_buf b = JH_BUF_INIT;
		jh_diag_format(error_on(&d, 4), "zh", &b);
		assert_non_null(strstr(b.data, "各学历专任教师数之和 42 超过专任教师数 40"));
		assert_non_null(strstr(b.data, "t.csv"));
		jh_buf_reset(&b);
		jh_diag_format(error_on(&d, 9), "en", &b);
		assert_non_null(strstr(b.data, "to compute 'qualified_teachers_primary' from the raw figures"));
		jh_buf_free(&b);
	}
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

/* The ready-made column named beside its raw group (column 35): a blank
 * cell is derived when the raw cells give the figures, and is the
 * loader's blank cell, as without raw columns, when they are blank too;
 * 清空 in a raw cell leaves the group incomplete. */
static void test_blank_ready_made(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const char *hdr = RAW_HDR ",qualified_teachers_primary\n";
	char csv[2048];

	/* 10 + 30 + 2 + 0 = 42 into the blank cell. */
	snprintf(csv, sizeof csv, "%s" NINE ",\n", hdr);
	test_load_csv(ds, csv, &d);
	assert_near(jh_dataset_row(ds, 0)->v[JH_F_QUALIFIED_PRIMARY], 42, 0);

	snprintf(csv, sizeof csv, "%s"
	         /* line 2: the primary degrees and the ready-made cell blank:
	          * the stage is taught, fill it ("/" is refused there) */
	         "3601020021,甲,360102,2024,nine_year,,900,600,0,10,8,45,36,3000000,30,"
	         ",,,,6,25,3,1,3,2,2,1,2,1,1,0,6000,800,9000,\n"
	         /* line 3: 博士 cleared, the others given */
	         "3601020022,乙,360102,2024,nine_year,,900,600,0,10,8,45,36,3000000,30,"
	         "10,30,2,清空,6,25,3,1,3,2,2,1,2,1,1,0,6000,800,9000,\n", hdr);
	jh_dataset_free(ds);
	ds = jh_dataset_new();
	assert_int_equal(load_csv(ds, csv, &d), JH_ERR_INPUT);
	assert_int_equal(error_on(&d, 2)->problem, JH_P_DASH_OFFERED);
	assert_int_equal(error_on(&d, 2)->column, 35);
	assert_diag(error_on(&d, 3), JH_P_RAW_INCOMPLETE, 19, "qualified_teachers_primary",
	            "teachers_doctor_primary");
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

/* A table that names only some degree columns does not excuse the
 * ready-made column: it is required as before. */
static void test_partial_header_not_excused(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const char *csv = ID_HDR ",teachers_associate_primary,teachers_bachelor_primary,"
	                  "teachers_master_primary," PEART_HDR "," AREA_HDR "\n"
	                  NINE_ID ",10,30,2,3,2,2,1,2,1,1,0,6000,800,9000\n";
	int missing = 0;

	assert_int_equal(load_csv(ds, csv, &d), JH_ERR_INPUT);
	for (size_t i = 0; i < d.count; i++)
		if (d.items[i].problem == JH_P_MISSING_COLUMN)
			missing++;
	/* qualified_teachers_primary and _junior: neither group is named
	 * in full. */
	assert_int_equal(missing, 2);
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

/* --- the store: a merged row must still agree ------------------------------ */

#define AREAS_CSV "province_code,province_name,city_code,city_name,county_code,county_name\n" \
	"360000,江西省,360100,南昌市,360102,东湖区\n"

static void test_store_merge(void **state)
{
	(void)state;
	char dir[] = "/tmp/jh_test_derive.XXXXXX", path[64];
	jh_store *s = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_revision_info info = {"test", "derive", "import", 0, NULL, NULL};
	jh_import_stats st;
	jh_areas *areas = jh_areas_new();
	jh_dataset *ds = jh_dataset_new(), *cur = NULL;
	jh_table *t = NULL;
	/* The ready-made columns only, over the stored raw figures: the
	 * junior 专科 teachers counted (35 where the rule gives 29). */
	const char *ready = TEST_TEMPLATE_HEADER "\n"
	        "3601020001,九年制学校,360102,2024,nine_year,,900,600,0,42,%d,10,8,8,4,"
	        "45,36,5200,9800,3000000,30\n";
	char csv[1024];

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/j.db", dir);
	assert_int_equal(jh_store_init(path, &s, &d), JH_OK);
	assert_int_equal(jh_csv_parse(AREAS_CSV, strlen(AREAS_CSV), "areas.csv", &t, &d), JH_OK);
	assert_int_equal(jh_areas_add_table(areas, t, &d), JH_OK);
	jh_table_free(t);
	test_load_csv(ds, RAW_HDR "\n" NINE "\n", &d);
	assert_int_equal(jh_store_import(s, areas, ds, NULL, &info, &st, &d), JH_OK);

	/* 35 ≠ 25 + 3 + 1 = 29 stored: refused, the file's line named. */
	jh_dataset_free(ds);
	ds = jh_dataset_new();
	snprintf(csv, sizeof csv, ready, 35);
	test_load_csv(ds, csv, &d);
	assert_int_equal(jh_store_import(s, NULL, ds, NULL, &info, &st, &d), JH_ERR_INPUT);
	assert_int_equal(jh_diags_errors(&d), 1);
	assert_int_equal(d.items[0].problem, JH_P_DERIVED_DISAGREES);
	assert_int_equal(d.items[0].line, 2);
	assert_string_equal(d.items[0].arg, "qualified_teachers_junior = 35");
	assert_string_equal(d.items[0].arg2, "teachers_bachelor_junior + "
	                    "teachers_master_junior + teachers_doctor_junior = 29");
	jh_diags_free(&d);

	/* 29 agrees: nothing changes. */
	jh_dataset_free(ds);
	ds = jh_dataset_new();
	snprintf(csv, sizeof csv, ready, 29);
	test_load_csv(ds, csv, &d);
	assert_int_equal(jh_store_import(s, NULL, ds, NULL, &info, &st, &d), JH_OK);
	assert_int_equal(st.unchanged, 1);

	/* New degrees with the other ready-made columns (本科 junior 25 →
	 * 26; 6 + 26 + 3 + 1 = 36, all 36 junior teachers): the derived
	 * value follows, 26 + 3 + 1 = 30; the stored raw
	 * PE/art teachers and areas stay and agree with the file's 8, 4,
	 * 5,200 and 9,800. */
	jh_dataset_free(ds);
	ds = jh_dataset_new();
	test_load_csv(ds, ID_HDR "," DEG_HDR ",pe_art_teachers_primary,pe_art_teachers_junior,"
	              "teaching_area_m2,sports_area_m2\n"
	              NINE_ID ",10,30,2,0,6,26,3,1,8,4,5200,9800\n", &d);
	assert_int_equal(jh_store_import(s, NULL, ds, NULL, &info, &st, &d), JH_OK);
	assert_int_equal(jh_store_load(s, NULL, 0, &cur, &d), JH_OK);
	assert_near(cur->rows[0].v[JH_F_QUALIFIED_JUNIOR], 30, 0);
	assert_near(cur->rows[0].v[JH_F_TEACHERS_BACHELOR_JUNIOR], 26, 0);
	assert_near(cur->rows[0].v[JH_F_TEACHING_AREA], 5200, 0);
	assert_near(cur->rows[0].v[JH_F_INDOOR_SPORTS_AREA], 800, 0);
	jh_dataset_free(cur);
	cur = NULL;

	/* `set` one raw figure: the values it gives are derived again.
	 * 本科 junior 26 → 24: 24 + 3 + 1 = 28; indoor 800 → 1,000:
	 * teaching 6,000 − 1,000 = 5,000, sports 9,000 + 1,000 = 10,000. */
	{
		const char *fields[] = {"teachers_bachelor_junior", "室内体育用房面积"};
		const char *values[] = {"24", "1000"};
		jh_revision_info edit = {"test", "set", "edit", 0, NULL, NULL};
		assert_int_equal(jh_store_set(s, "3601020001", 2024, 0, 2, fields, values,
		                              &edit, &st, &d), JH_OK);
	}
	assert_int_equal(jh_store_load(s, NULL, 0, &cur, &d), JH_OK);
	assert_near(cur->rows[0].v[JH_F_QUALIFIED_JUNIOR], 28, 0);
	assert_near(cur->rows[0].v[JH_F_TEACHING_AREA], 5000, 0);
	assert_near(cur->rows[0].v[JH_F_SPORTS_AREA], 10000, 0);
	/* Set beside a raw figure, a ready-made value must agree: 29 ≠ 28. */
	{
		const char *fields[] = {"teachers_bachelor_junior", "qualified_teachers_junior"};
		const char *values[] = {"24", "29"};
		jh_revision_info edit = {"test", "set", "edit", 0, NULL, NULL};
		assert_int_equal(jh_store_set(s, "3601020001", 2024, 0, 2, fields, values,
		                              &edit, &st, &d), JH_ERR_INPUT);
		assert_int_equal(d.items[d.count - 1].problem, JH_P_DERIVED_DISAGREES);
	}

	jh_dataset_free(cur);
	jh_dataset_free(ds);
	jh_areas_free(areas);
	jh_store_close(s);
	jh_diags_free(&d);
	rm_rf(dir);
}

/* --- export ------------------------------------------------------------------ */

/* The raw columns in template order beside the derived ones, yes/no
 * fields as 是/否 (yes/no in English), and the export imports back. */
static void test_export_round_trip(void **state)
{
	(void)state;
	jh_dataset *ds = jh_dataset_new(), *back = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_buf zh = JH_BUF_INIT, en = JH_BUF_INIT;

	test_load_csv(ds, RAW_HDR ",rural_small,dense_central\n" NINE ",是,0\n", &d);
	assert_int_equal(jh_export_csv_lang(ds, NULL, "zh", &zh), JH_OK);
	assert_int_equal(jh_export_csv(ds, NULL, &en), JH_OK);
	/* 高于规定学历 29 derived, 专科 6 kept; yes/no as words. */
	assert_non_null(strstr(en.data, ",teachers_associate_primary,teachers_associate_junior,"));
	assert_non_null(strstr(en.data, ",rural_small,dense_central\n"));
	assert_non_null(strstr(en.data, ",yes,no\n"));
	assert_non_null(strstr(zh.data, ",是,否\n"));
	/* The English form reads back as the same row. */
	test_load_csv(back, en.data, &d);
	assert_int_equal(jh_dataset_count(back), 1);
	for (int f = 0; f < JH_F__COUNT; f++) {
		double a = ds->rows[0].v[f], b = back->rows[0].v[f];
		if (!(isnan(a) && isnan(b)))
			assert_near(a, b, 0);
	}
	jh_buf_free(&zh);
	jh_buf_free(&en);
	jh_diags_free(&d);
	jh_dataset_free(ds);
	jh_dataset_free(back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nine_year_raw_only),
		cmocka_unit_test(test_degree_rule_from_standard),
		cmocka_unit_test(test_indoor_sports_rooms),
		cmocka_unit_test(test_junior_associate_not_counted),
		cmocka_unit_test(test_stage_not_offered),
		cmocka_unit_test(test_bands),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_blank_ready_made),
		cmocka_unit_test(test_partial_header_not_excused),
		cmocka_unit_test(test_store_merge),
		cmocka_unit_test(test_export_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
