/*
** test_forms.c — the forms offices fill (lib/core/form.c), read from the
** fixtures of tests/data/forms (written by tests/gen_forms.c) and from
** small forms as CSV text; the blank forms (lib/report/form_blank.c)
** filled and read back.
**
** The fixtures' figures, worked by hand:
**
**   江州市实验小学 2136990191 (primary, 900 pupils), money in 万元:
**     教学仪器设备值 180 万元 = 180 × 10,000 = 1,800,000 元 → 2,000 元/生
**     公用经费预算总额 72 万元 = 720,000 元; 教师培训经费 3.6 万元 = 36,000 元
**     建校时间 "1998年9月" → 1998; 41–45: 12 classes, 46–50: 8 (20 classes)
**     初中/高中 rows blank: a stage it does not teach → 0
**     高于规定学历 58 / 900 × 100 = 6.444; 多媒体 20 / 900 × 100 = 2.222
**   江州市第二中学 2136990192 (junior, 1,200 pupils), items named by their
**   category (类别 初中, 填报项目 在校生数), no primary rows at all:
**     教学仪器设备值 360 万元 = 3,600,000 元 → 3,000 元/生
**     公用经费预算总额 960000 元 (the row says 元: as given)
**     教学及辅助用房 6,200 / 1,200 = 5.167 < 5.8; 体育场馆 10,800 / 1,200
**     = 9.0 < 10.2: 5 of 7 met, the school fails
**   county form 369901 2024: 教师 12.6 万元 = 126,000 元, 公务员 12 万元 =
**     120,000 元; 特殊教育公用经费 96 万元 = 960,000 元; 培训经费比例 "5"
**     with unit % → "5%".
*/
#include "testutil.h"

#define FORMS "tests/data/forms/"

static jh_table **read_book(const char *path, size_t *n)
{
	size_t len;
	unsigned char *data = test_read_file(path, &len);
	jh_table **tabs = NULL;
	jh_diags d = JH_DIAGS_INIT;

	assert_int_equal(jh_xlsx_read(data, len, path, &tabs, n, &d), JH_OK);
	free(data);
	jh_diags_free(&d);
	return tabs;
}

static void free_book(jh_table **tabs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		jh_table_free(tabs[i]);
	free(tabs);
}

static const jh_diag *find_problem(const jh_diags *d, jh_problem p)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].problem == p)
			return &d->items[i];
	return NULL;
}

static void show(const jh_diags *d)
{
	jh_buf b = JH_BUF_INIT;
	jh_diags_format(d, "en", &b);
	print_message("%s", b.data ? b.data : "");
	jh_buf_free(&b);
}

/* Every template column is a row of the school form, once; the county
 * form offers every count the verdict computes ratios from and none of
 * those ratios. */
static void test_form_rows(void **state)
{
	int seen[JH_SY_IDCOLS + JH_F__COUNT] = {0};
	size_t n = jh_form_count(JH_FORM_SCHOOL);
	jh_form_row row;

	(void)state;
	assert_int_equal(n, JH_SY_IDCOLS + JH_F__COUNT);
	for (size_t i = 0; i < n; i++) {
		jh_form_row_get(JH_FORM_SCHOOL, i, "zh", &row);
		int c = jhTemplateCol(&jhSchoolYear, row.key);
		assert_true(c >= 0);
		seen[c]++;
		assert_true(*row.item && *row.category);
		jh_form_row_get(JH_FORM_SCHOOL, i, "en", &row);
		assert_true(*row.item && *row.category);
		if (!strcmp(row.key, "equipment_value_yuan")) {
			assert_string_equal(row.unit, "10,000 yuan");
			assert_true(row.required);
		}
		if (!strcmp(row.key, "parent_code"))
			assert_false(row.required);
		if (!strcmp(row.key, "rural_small"))
			assert_int_equal(row.value, JH_FV_YESNO);
	}
	for (int c = 0; c < JH_SY_IDCOLS + JH_F__COUNT; c++)
		assert_int_equal(seen[c], 1);

	n = jh_form_count(JH_FORM_COUNTY);
	for (int k = 0; jhCountKeys[k].key; k++) {
		int found = 0;
		for (size_t i = 0; i < n; i++) {
			jh_form_row_get(JH_FORM_COUNTY, i, "zh", &row);
			found |= !strcmp(row.key, jhCountKeys[k].key);
		}
		if (!found)
			fail_msg("the county form lacks %s", jhCountKeys[k].key);
	}
	for (size_t i = 0; i < n; i++) {
		jh_form_row_get(JH_FORM_COUNTY, i, "zh", &row);
		assert_true(strcmp(row.key, "teacher_pay_ratio") && strcmp(row.key, "rotation_rate"));
		if (!strcmp(row.key, "special_ed_funds_yuan"))
			assert_string_equal(row.unit, "万元");
		/* Every record key is one the county-year loader takes. */
		if (strcmp(row.key, "county_code") && strcmp(row.key, "year") &&
		    strcmp(row.key, "county_name")) {
			const char *arg;
			jh_problem p = jhItemProblem(row.key, "1", 1990, 2100, &arg);
			assert_true(p != JH_P_ITEM_UNKNOWN && p != JH_P_ITEM_SUBJECT);
		}
	}
}

/* Two schools' forms: merged categories, 万元, a stage named by the
 * category, rows of a stage the school does not teach blank or absent. */
static void test_school_forms(void **state)
{
	size_t n;
	jh_table **tabs = read_book(FORMS "school-forms.xlsx", &n);
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const jh_school_year *a, *b;

	(void)state;
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(jh_form_table_kind(tabs[i]), JH_FORM_SCHOOL);
		if (jh_form_add_school(ds, tabs[i], &d)) {
			show(&d);
			fail();
		}
	}
	assert_int_equal(jh_diags_errors(&d), 0);
	assert_int_equal(jh_dataset_count(ds), 2);
	a = jh_dataset_find(ds, "2136990191", 2024);
	b = jh_dataset_find(ds, "2136990192", 2024);
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a->school_name, "江州市实验小学");
	assert_string_equal(a->county_code, "369901");
	assert_int_equal(a->type, JH_TYPE_PRIMARY);
	assert_int_equal(a->location, JH_LOC_URBAN);
	assert_int_equal(a->boarding, 0);
	assert_near(a->v[JH_F_EQUIPMENT_VALUE], 1800000, 0);     /* 180 万元 */
	assert_near(a->v[JH_F_PUBLIC_FUNDS], 720000, 0);         /* 72 万元 */
	assert_near(a->v[JH_F_TRAINING_FUNDS], 36000, 0);        /* 3.6 万元 */
	assert_near(a->v[JH_F_BUILD_YEAR], 1998, 0);             /* 1998年9月 */
	assert_near(a->v[JH_F_ORGANISER], 7, 0);                 /* 县级教育部门 */
	assert_near(a->v[JH_F_STUDENTS_JUNIOR], 0, 0);           /* blank, not taught */
	assert_near(a->v[JH_F_BANDS_PRIMARY + 4], 12, 0);        /* 41-45 */
	assert_near(a->v[JH_F_BANDS_PRIMARY + 5], 8, 0);         /* 46-50 */
	assert_near(a->v[JH_F_BANDS_PRIMARY + 0], 0, 0);         /* ≤25: 0 */
	assert_near(a->v[JH_F_TEACHERS_ASSOCIATE_PRIMARY], 10, 0);
	assert_near(a->v[JH_F_INDOOR_SPORTS_AREA], 500, 0);
	assert_near(a->v[JH_F_RURAL_SMALL], 0, 0);
	/* The row's place is the form's 学校标识码 row (line 5), 填报值. */
	assert_string_equal(a->sheet, "实验小学");
	assert_int_equal(a->line, 5);
	assert_int_equal(a->col_code, 5);

	assert_int_equal(b->type, JH_TYPE_JUNIOR);
	assert_near(b->v[JH_F_STUDENTS_JUNIOR], 1200, 0);        /* 类别 初中 */
	assert_near(b->v[JH_F_STUDENTS_PRIMARY], 0, 0);          /* absent, not taught */
	assert_near(b->v[JH_F_QUALIFIED_JUNIOR], 93, 0);
	assert_near(b->v[JH_F_TEACHERS_ASSOCIATE_JUNIOR], 5, 0);
	assert_near(b->v[JH_F_EQUIPMENT_VALUE], 3600000, 0);     /* 360 万元 */
	assert_near(b->v[JH_F_PUBLIC_FUNDS], 960000, 0);         /* 元 as given */
	assert_near(b->v[JH_F_BUILD_YEAR], 2009, 0);
	assert_near(b->v[JH_F_BANDS_JUNIOR + 5], 16, 0);

	/* Evaluated: the indicators worked by hand above. */
	{
		jh_standard std;
		jh_result *r = NULL;
		assert_int_equal(jh_standard_national(&std, &d), JH_OK);
		assert_int_equal(jh_eval(ds, &std, NULL, &r, &d), JH_OK);
		assert_int_equal(r->nunits, 2);
		for (size_t u = 0; u < r->nunits; u++) {
			const jh_unit *un = &r->units[u];
			if (un->stage == JH_STAGE_PRIMARY) {
				assert_near(un->value[JH_IND_QUALIFIED], 58.0 / 9, 1e-9);
				assert_near(un->value[JH_IND_EQUIPMENT], 2000, 1e-9);
				assert_near(un->value[JH_IND_MULTIMEDIA], 20.0 / 9, 1e-9);
				assert_int_equal(un->met, 6);
				assert_true(un->passes);
			} else {
				assert_near(un->value[JH_IND_TEACHING_AREA], 6200.0 / 1200, 1e-9);
				assert_near(un->value[JH_IND_SPORTS_AREA], 9, 1e-9);
				assert_near(un->value[JH_IND_EQUIPMENT], 3000, 1e-9);
				assert_int_equal(un->met, 5);
				assert_false(un->passes);
			}
		}
		jh_result_free(r);
	}
	jh_diags_free(&d);
	jh_dataset_free(ds);
	free_book(tabs, n);
}

static const char *item_value(const jh_county_items *c, const char *key)
{
	const jh_county_item *it = jh_county_items_find(c, "369901", 2024, key);
	return it ? it->value : NULL;
}

static void test_county_form(void **state)
{
	size_t n;
	jh_table **tabs = read_book(FORMS "county-form.xlsx", &n);
	jh_county_items *c = jh_county_items_new();
	jh_diags d = JH_DIAGS_INIT;

	(void)state;
	assert_int_equal(n, 1);
	assert_int_equal(jh_form_table_kind(tabs[0]), JH_FORM_COUNTY);
	if (jh_form_add_county(c, tabs[0], 0, &d)) {
		show(&d);
		fail();
	}
	/* 16 records: every item row but 代码, 名称 and 年度. */
	assert_int_equal(jh_county_items_count(c), 16);
	assert_string_equal(item_value(c, "teacher_avg_pay_yuan"), "126000");
	assert_string_equal(item_value(c, "civil_servant_avg_pay_yuan"), "120000");
	assert_string_equal(item_value(c, "special_ed_funds_yuan"), "960000");
	assert_string_equal(item_value(c, "special_ed_students"), "120");
	assert_string_equal(item_value(c, "public_funds_standard_primary"), "720");
	assert_string_equal(item_value(c, "training_funds_share_min"), "5%");
	assert_string_equal(item_value(c, "moral_culture"), "良好");
	assert_string_equal(item_value(c, "monitoring_level.chinese"), "Ⅲ");
	assert_string_equal(item_value(c, "layout_plan"), "是");
	assert_string_equal(item_value(c, "exam_admission"), "否");
	assert_null(item_value(c, "county_name"));
	/* The records point at the form's own rows. */
	assert_int_equal(jh_county_items_find(c, "369901", 2024, "layout_plan")->line, 7);

	/* Again with another --year: the form's 2024 disagrees, at its row. */
	{
		jh_county_items *c2 = jh_county_items_new();
		jh_diags d2 = JH_DIAGS_INIT;
		const jh_diag *g;
		assert_int_equal(jh_form_add_county(c2, tabs[0], 2023, &d2), JH_ERR_INPUT);
		assert_non_null(g = find_problem(&d2, JH_P_YEAR_MISMATCH));
		assert_int_equal(g->line, 6);        /* 统计年度 */
		assert_int_equal(g->column, 5);      /* 填报值 */
		assert_string_equal(g->column_name, "统计年度");
		assert_int_equal(jh_county_items_count(c2), 0);
		jh_diags_free(&d2);
		jh_county_items_free(c2);
	}
	jh_diags_free(&d);
	jh_county_items_free(c);
	free_book(tabs, n);
}

/* A wrong unit in the second sheet: named by sheet, row and the 单位
 * column; the first sheet, fine on its own, is imported with nothing
 * else by the import set (all or nothing across sheets). */
static void test_bad_unit(void **state)
{
	size_t n, len;
	jh_table **tabs = read_book(FORMS "school-form-bad-unit.xlsx", &n);
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const jh_diag *g;
	unsigned char *data;
	jh_import_set *is;

	(void)state;
	assert_int_equal(n, 2);
	assert_int_equal(jh_form_add_school(ds, tabs[1], &d), JH_ERR_INPUT);
	assert_non_null(g = find_problem(&d, JH_P_FORM_BAD_UNIT));
	assert_string_equal(g->sheet, "第二中学");
	/* 教学仪器设备值 is the 32nd item under the header on line 3. */
	assert_int_equal(g->line, 35);
	assert_int_equal(g->column, 4);
	assert_string_equal(g->column_name, "教学仪器设备值");
	assert_string_equal(g->arg, "平方米");
	assert_string_equal(g->arg2, "万元");
	assert_int_equal(jh_dataset_count(ds), 0);
	jh_diags_free(&d);

	is = jh_import_set_new(0, 0, 0);
	data = test_read_file(FORMS "school-form-bad-unit.xlsx", &len);
	assert_int_equal(jh_import_set_add(is, "bad.xlsx", data, len, &d), JH_ERR_INPUT);
	free(data);
	jh_import_set_free(is);
	jh_diags_free(&d);
	jh_dataset_free(ds);
	free_book(tabs, n);
}

/* A required row left out: named at the row it belongs after. */
static void test_missing_row(void **state)
{
	size_t n;
	jh_table **tabs = read_book(FORMS "school-form-missing-row.xlsx", &n);
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const jh_diag *g;

	(void)state;
	assert_int_equal(jh_form_add_school(ds, tabs[0], &d), JH_ERR_INPUT);
	assert_int_equal(jh_diags_errors(&d), 1);
	assert_non_null(g = find_problem(&d, JH_P_FORM_MISSING_ROW));
	assert_string_equal(g->sheet, "实验小学");
	/* After 最小美术专用教室面积, the 57th item: line 3 + 57. */
	assert_int_equal(g->line, 60);
	assert_int_equal(g->column, 3);
	assert_string_equal(g->arg, "网络多媒体教室数");
	assert_int_equal(jh_dataset_count(ds), 0);
	jh_diags_free(&d);
	jh_dataset_free(ds);
	free_book(tabs, n);
}

/* A form as CSV text: unknown items, an item twice, a value the template
 * refuses — each at the form's own row, named by its item. */
static void test_form_problems(void **state)
{
	static const char csv[] =
		"学校办学条件填报表\n"
		"序号,类别,填报项目,单位,填报值,是否必填,备注说明\n"
		"1,基本信息,学校名称,,江州市实验小学,是,\n"                 /* line 3 */
		"2,,学校标识码,,2136990191,是,\n"
		"3,,所在县(市、区)代码,,369901,是,\n"
		"4,,统计年度,,2024,是,\n"
		"5,,学校类型,,小学,是,\n"
		"6,,校长姓名,,王芳,否,\n"                                  /* line 8: unknown */
		"7,学生,小学在校生数,人,九百,是,\n"                         /* line 9: not a number */
		"8,,初中在校生数,人,,是,\n"
		"9,,高中在校生数,人,,是,\n"
		"10,教师,小学专任教师数,人,60,是,\n"
		"11,,小学高于规定学历教师数,人,58,是,\n"
		"12,,小学县级及以上骨干教师数,人,12,是,\n"
		"13,,小学体育、艺术(美术、音乐)专任教师数,人,10,是,\n"
		"14,,小学专任教师数,人,61,是,\n"                           /* line 16: twice */
		"15,校舍,教学及辅助用房面积,平方米,4500,是,\n"
		"16,,体育运动场馆面积,平方米,8500,是,\n"
		"17,,网络多媒体教室数,间,20,是,\n"
		"18,设备,教学仪器设备值,万元,180,是,\n";
	jh_table *t = NULL;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const jh_diag *g;

	(void)state;
	assert_int_equal(jh_csv_parse(csv, strlen(csv), "form.csv", &t, &d), JH_OK);
	assert_int_equal(jh_form_table_kind(t), JH_FORM_SCHOOL);
	assert_int_equal(jh_form_add_school(ds, t, &d), JH_ERR_INPUT);
	assert_non_null(g = find_problem(&d, JH_P_FORM_UNKNOWN_ROW));
	assert_int_equal(g->line, 8);
	assert_int_equal(g->column, 3);
	assert_string_equal(g->arg, "校长姓名");
	assert_non_null(g = find_problem(&d, JH_P_FORM_ROW_TWICE));
	assert_int_equal(g->line, 16);
	assert_string_equal(g->arg2, "12");
	jh_diags_free(&d);

	/* Without the two, the value problem: at its row, 填报值. */
	{
		static const char *const drop[] = {"6,,校长姓名", "14,,小学专任教师数"};
		jh_buf b = JH_BUF_INIT;
		const char *p = csv;
		while (*p) {
			const char *e = strchr(p, '\n') + 1;
			int skip = 0;
			for (int k = 0; k < 2; k++)
				skip |= !strncmp(p, drop[k], strlen(drop[k]));
			if (!skip)
				jh_buf_add(&b, p, (size_t)(e - p));
			p = e;
		}
		jh_table_free(t);
		t = NULL;
		assert_int_equal(jh_csv_parse(b.data, b.len, "form.csv", &t, &d), JH_OK);
		jh_buf_free(&b);
	}
	assert_int_equal(jh_form_add_school(ds, t, &d), JH_ERR_INPUT);
	assert_int_equal(jh_diags_errors(&d), 1);
	assert_non_null(g = find_problem(&d, JH_P_NOT_NUMBER));
	assert_int_equal(g->line, 8);          /* one line up: 校长姓名 dropped */
	assert_int_equal(g->column, 5);
	assert_string_equal(g->column_name, "小学在校生数");
	assert_string_equal(g->arg, "九百");
	assert_int_equal(jh_dataset_count(ds), 0);
	jh_diags_free(&d);
	jh_table_free(t);
	jh_dataset_free(ds);
}

/* The English form, its rows' own names and units: a primary school. */
static void test_english_form(void **state)
{
	jh_buf b = JH_BUF_INIT;
	jh_table *t = NULL;
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const jh_school_year *sy;
	size_t n = jh_form_count(JH_FORM_SCHOOL);

	(void)state;
	jh_buf_adds(&b, "No.,Category,Item,Unit,Value,Required,Notes\n");
	for (size_t i = 0; i < n; i++) {
		jh_form_row row;
		const char *v = "";
		jh_form_row_get(JH_FORM_SCHOOL, i, "en", &row);
		if (!strcmp(row.key, "school_code")) v = "2136990191";
		else if (!strcmp(row.key, "school_name")) v = "Jiangzhou Primary";
		else if (!strcmp(row.key, "county_code")) v = "369901";
		else if (!strcmp(row.key, "year")) v = "2024";
		else if (!strcmp(row.key, "school_type")) v = "primary school";
		else if (!strcmp(row.key, "students_primary")) v = "900";
		else if (!strcmp(row.key, "teachers_primary")) v = "60";
		else if (!strcmp(row.key, "qualified_teachers_primary")) v = "58";
		else if (!strcmp(row.key, "key_teachers_primary")) v = "12";
		else if (!strcmp(row.key, "pe_art_teachers_primary")) v = "10";
		else if (!strcmp(row.key, "teaching_area_m2")) v = "4500";
		else if (!strcmp(row.key, "sports_area_m2")) v = "8500";
		else if (!strcmp(row.key, "multimedia_rooms")) v = "20";
		else if (!strcmp(row.key, "equipment_value_yuan")) v = "180";
		else if (!strcmp(row.key, "rural_small")) v = "no";
		jh_buf_addf(&b, "%zu,\"%s\",\"%s\",\"%s\",%s,%s,\n", i + 1, row.category,
		            row.item, row.unit, v, row.required ? "yes" : "no");
	}
	assert_int_equal(jh_csv_parse(b.data, b.len, "form-en.csv", &t, &d), JH_OK);
	assert_int_equal(jh_form_table_kind(t), JH_FORM_SCHOOL);
	if (jh_form_add_school(ds, t, &d)) {
		show(&d);
		fail();
	}
	assert_non_null(sy = jh_dataset_find(ds, "2136990191", 2024));
	/* 180 in "10,000 yuan" = 1,800,000 yuan. */
	assert_near(sy->v[JH_F_EQUIPMENT_VALUE], 1800000, 0);
	assert_near(sy->v[JH_F_RURAL_SMALL], 0, 0);
	assert_true(jh_sy_not_given(sy, JH_F_BUILD_YEAR));
	jh_buf_free(&b);
	jh_table_free(t);
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

/* The blank school form, filled by item and read back; unfilled, it is
 * refused at its first required row. */
static const char *fill_value(const char *key)
{
	static const char *const v[][2] = {
		{"school_name", "江州市实验小学"}, {"school_code", "2136990191"},
		{"county_code", "369901"}, {"year", "2024"}, {"school_type", "小学"},
		{"organiser_type", "县级教育部门"}, {"build_year", "1998"},
		{"rural_small", "否"}, {"students_primary", "900"},
		{"teachers_primary", "60"}, {"qualified_teachers_primary", "58"},
		{"key_teachers_primary", "12"}, {"pe_art_teachers_primary", "10"},
		{"teaching_area_m2", "4500"}, {"sports_area_m2", "8500"},
		{"multimedia_rooms", "20"}, {"equipment_value_yuan", "180"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (!strcmp(v[i][0], key))
			return v[i][1];
	return NULL;
}

static jh_table *filled(const jh_table *t, int fill)
{
	jh_table *o = jh_table_new(t->file, t->sheet);
	size_t form_row = 0;
	int past_header = 0;

	for (size_t r = 0; r < t->nrows; r++) {
		const char *item = jh_table_cell(t, r, 2);
		jh_form_row fr;
		jh_table_begin_row(o, t->rows[r].line);
		if (past_header && *item)
			jh_form_row_get(JH_FORM_SCHOOL, form_row++, "zh", &fr);
		for (size_t c = 0; c < t->rows[r].ncells || c < 5; c++) {
			const char *v = jh_table_cell(t, r, c);
			if (c == 4 && past_header && *item && fill) {
				assert_string_equal(item, fr.item);
				v = fill_value(fr.key) ? fill_value(fr.key) : "";
			}
			jh_table_add_cell(o, v, strlen(v));
		}
		if (!strcmp(item, "填报项目"))
			past_header = 1;
	}
	assert_int_equal(form_row, jh_form_count(JH_FORM_SCHOOL));
	return o;
}

static void test_blank_school_form(void **state)
{
	jh_buf b = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	jh_table **tabs = NULL, *t;
	size_t n = 0;
	jh_dataset *ds = jh_dataset_new();
	const jh_school_year *sy;
	const jh_diag *g;

	(void)state;
	assert_int_equal(jh_report_blank_form(JH_FORM_SCHOOL, "zh", &b, &d), JH_OK);
	assert_int_equal(jh_xlsx_read(b.data, b.len, "blank.xlsx", &tabs, &n, &d), JH_OK);
	assert_int_equal(n, 1);
	assert_string_equal(tabs[0]->sheet, "学校填报表");
	assert_int_equal(jh_form_table_kind(tabs[0]), JH_FORM_SCHOOL);

	/* As handed out: the first required row, 学校名称 (line 4), is empty. */
	t = filled(tabs[0], 0);
	assert_int_equal(jh_form_add_school(ds, t, &d), JH_ERR_INPUT);
	assert_non_null(g = find_problem(&d, JH_P_EMPTY_VALUE));
	assert_int_equal(g->line, 4);
	assert_int_equal(g->column, 5);
	assert_string_equal(g->column_name, "学校名称");
	jh_table_free(t);
	jh_diags_free(&d);

	/* Filled: 180 万元 → 1,800,000 元, as the fixture. */
	t = filled(tabs[0], 1);
	if (jh_form_add_school(ds, t, &d)) {
		show(&d);
		fail();
	}
	assert_non_null(sy = jh_dataset_find(ds, "2136990191", 2024));
	assert_near(sy->v[JH_F_EQUIPMENT_VALUE], 1800000, 0);
	assert_near(sy->v[JH_F_ORGANISER], 7, 0);
	assert_near(sy->v[JH_F_STUDENTS_JUNIOR], 0, 0);
	assert_true(jh_sy_not_given(sy, JH_F_TEACHERS_ASSOCIATE_PRIMARY));
	jh_table_free(t);
	jh_diags_free(&d);

	free_book(tabs, n);
	jh_buf_reset(&b);
	/* The county form and the English forms are forms too. */
	assert_int_equal(jh_report_blank_form(JH_FORM_COUNTY, "en", &b, &d), JH_OK);
	assert_int_equal(jh_xlsx_read(b.data, b.len, "blank-en.xlsx", &tabs, &n, &d), JH_OK);
	assert_string_equal(tabs[0]->sheet, "County form");
	assert_int_equal(jh_form_table_kind(tabs[0]), JH_FORM_COUNTY);
	free_book(tabs, n);
	jh_buf_free(&b);
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

/* The raw figures alone (lib/core/derive.c): a primary school's form
 * gives its teachers by degree, its PE/music/art teachers and its floor
 * areas with the indoor sports rooms, and no ready-made figure (its row
 * blank or left out); a junior school's 专科 teachers do not count.
 * By hand:
 *   primary 高于规定学历 = 专科 10 + 本科 45 + 硕士 3 + 博士 0 = 58
 *   体育艺术 = 体育 4 + 音乐 3 + 美术 2 + 其他艺术 1 = 10
 *   教学及辅助用房 = 5,000 − 室内体育用房 500 = 4,500
 *   体育运动场馆 = 室外 8,000 + 室内 500 = 8,500
 *   junior 高于规定学历 = 本科 85 + 硕士 8 + 博士 0 = 93 (专科 5 left out) */
static void test_raw_only_form(void **state)
{
	static const char primary[] =
		"序号,类别,填报项目,单位,填报值,是否必填,备注说明\n"
		"1,基本信息,学校名称,,江州市实验小学,是,\n"
		"2,,学校标识码,,2136990191,是,\n"
		"3,,所在县(市、区)代码,,369901,是,\n"
		"4,,统计年度,,2024,是,\n"
		"5,,学校类型,,小学,是,\n"
		"6,学生,小学在校生数,人,900,是,\n"
		"7,教师,小学专任教师数,人,60,是,\n"
		"8,,小学专科学历专任教师数,人,10,否,\n"
		"9,,小学本科学历专任教师数,人,45,否,\n"
		"10,,小学硕士研究生学历专任教师数,人,3,否,\n"
		"11,,小学博士研究生学历专任教师数,人,0,否,\n"
		"12,,小学高于规定学历教师数,人,,是,\n"
		"13,,小学县级及以上骨干教师数,人,12,是,\n"
		"14,,小学体育专任教师数,人,4,否,\n"
		"15,,小学音乐专任教师数,人,3,否,\n"
		"16,,小学美术专任教师数,人,2,否,\n"
		"17,,小学其他艺术专任教师数,人,1,否,\n"
		"18,校舍,教学及辅助用房总面积,平方米,5000,否,\n"
		"19,,室内体育用房面积,平方米,500,否,\n"
		"20,,室外体育运动场地面积,平方米,8000,否,\n"
		"21,,网络多媒体教室数,间,20,是,\n"
		"22,设备,教学仪器设备值,万元,180,是,\n";
	static const char junior[] =
		"序号,类别,填报项目,单位,填报值,是否必填,备注说明\n"
		"1,基本信息,学校名称,,江州市第二中学,是,\n"
		"2,,学校标识码,,2136990192,是,\n"
		"3,,所在县(市、区)代码,,369901,是,\n"
		"4,,统计年度,,2024,是,\n"
		"5,,学校类型,,初级中学,是,\n"
		"6,初中,在校生数,人,1200,是,\n"
		"7,,专任教师数,人,100,是,\n"
		"8,,专科学历专任教师数,人,5,否,\n"
		"9,,本科学历专任教师数,人,85,否,\n"
		"10,,硕士研究生学历专任教师数,人,8,否,\n"
		"11,,博士研究生学历专任教师数,人,0,否,\n"
		"12,,县级及以上骨干教师数,人,20,是,\n"
		"13,,体育、艺术(美术、音乐)专任教师数,人,12,是,\n"
		"14,校舍,教学及辅助用房面积,平方米,6200,是,\n"
		"15,,体育运动场馆面积,平方米,10800,是,\n"
		"16,,网络多媒体教室数,间,30,是,\n"
		"17,设备,教学仪器设备值,万元,360,是,\n";
	const char *const forms[2] = {primary, junior};
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	const jh_school_year *a, *b;

	(void)state;
	for (int k = 0; k < 2; k++) {
		jh_table *t = NULL;
		assert_int_equal(jh_csv_parse(forms[k], strlen(forms[k]), "raw.csv", &t, &d), JH_OK);
		if (jh_form_add_school(ds, t, &d)) {
			show(&d);
			fail();
		}
		jh_table_free(t);
	}
	assert_non_null(a = jh_dataset_find(ds, "2136990191", 2024));
	assert_non_null(b = jh_dataset_find(ds, "2136990192", 2024));
	assert_near(a->v[JH_F_QUALIFIED_PRIMARY], 58, 0);
	assert_near(a->v[JH_F_PE_ART_PRIMARY], 10, 0);
	assert_near(a->v[JH_F_TEACHING_AREA], 4500, 0);
	assert_near(a->v[JH_F_SPORTS_AREA], 8500, 0);
	assert_near(b->v[JH_F_QUALIFIED_JUNIOR], 93, 0);
	jh_diags_free(&d);
	jh_dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_rows),
		cmocka_unit_test(test_school_forms),
		cmocka_unit_test(test_county_form),
		cmocka_unit_test(test_bad_unit),
		cmocka_unit_test(test_missing_row),
		cmocka_unit_test(test_form_problems),
		cmocka_unit_test(test_english_form),
		cmocka_unit_test(test_blank_school_form),
		cmocka_unit_test(test_raw_only_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
