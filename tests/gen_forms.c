/*
** gen_forms.c — the fixtures of tests/data/forms: forms as offices fill them.
**
**   build/gen_forms tests/data/forms          write the fixtures (make forms-fixtures)
**   build/gen_forms fill BLANK.xlsx OUT.xlsx  fill a blank school form (from
**                                             `junheng template school`) with
**                                             school A's figures (tests/e2e/forms.sh)
**
** The fixtures are written here by hand, row by row, the way a platform's
** form looks once filled — never from lib/core/form.c's own tables, so
** that the tests read them as an office's file:
**
**   school-forms.xlsx          two schools, one sheet each: a title and a
**                              line above the header, 类别 merged over its
**                              rows, money in 万元 (one sheet's public funds
**                              in 元), sheet B naming the stage only in
**                              the category (类别 初中, 填报项目 在校生数)
**                              and leaving out the primary rows, a footer
**                              (填表人 …) under each.
**   county-form.xlsx           one county-year (369901, 2024): pay and
**                              special-education funds in 万元, counts,
**                              yes/no items, a grade, a level, a rate in %.
**   school-form-bad-unit.xlsx  sheet A as above and sheet B with 教学仪器
**                              设备值 in 平方米 (all or nothing: nothing of
**                              either sheet is imported).
**   school-form-missing-row.xlsx  sheet A without 网络多媒体教室数.
**
** The figures, and the indicators they give, are worked by hand in
** tests/test_forms.c and tests/e2e/forms.sh.
*/
#include "junheng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

struct r { const char *cat, *item, *unit, *value, *req; };

/* School A: 江州市实验小学, a primary school of 900 pupils. */
static const struct r school_a[] = {
	{"基本信息", "学校名称", "", "江州市实验小学", "是"},
	{NULL, "学校标识码", "", "2136990191", "是"},
	{NULL, "所在县(市、区)代码", "", "369901", "是"},
	{NULL, "统计年度", "", "2024", "是"},
	{NULL, "学校类型", "", "小学", "是"},
	{NULL, "城乡类型", "", "城区", "否"},
	{NULL, "举办者类型", "", "县级教育部门", "否"},
	{NULL, "年级数", "", "6", "否"},
	{NULL, "建校时间", "年", "1998年9月", "否"},
	{NULL, "是否寄宿制学校", "", "否", "否"},
	{"办学条件认定", "是否乡村小规模学校", "是/否", "否", "否"},
	{NULL, "最大班额是否不足30人", "是/否", "否", "否"},
	{NULL, "是否中心城区人口密集学校", "是/否", "否", "否"},
	{"学生", "小学在校生数", "人", "900", "是"},
	{NULL, "初中在校生数", "人", "", "是"},
	{NULL, "高中在校生数", "人", "", "是"},
	{NULL, "随迁子女在校生数", "人", "120", "否"},
	{NULL, "小学划片范围内在校生数", "人", "850", "否"},
	{"班级", "小学班级数", "个", "20", "否"},
	{NULL, "小学最大班额", "人", "48", "否"},
	{NULL, "小学25人及以下班级数", "个", "0", "否"},
	{NULL, "小学26-30人班级数", "个", "0", "否"},
	{NULL, "小学31-35人班级数", "个", "0", "否"},
	{NULL, "小学36-40人班级数", "个", "0", "否"},
	{NULL, "小学41-45人班级数", "个", "12", "否"},
	{NULL, "小学46-50人班级数", "个", "8", "否"},
	{NULL, "小学51-55人班级数", "个", "0", "否"},
	{NULL, "小学56-60人班级数", "个", "0", "否"},
	{NULL, "小学61-65人班级数", "个", "0", "否"},
	{NULL, "小学66人及以上班级数", "个", "0", "否"},
	{"教师", "小学专任教师数", "人", "60", "是"},
	{NULL, "小学专科学历专任教师数", "人", "10", "否"},
	{NULL, "小学本科学历专任教师数", "人", "45", "否"},
	{NULL, "小学硕士研究生学历专任教师数", "人", "3", "否"},
	{NULL, "小学博士研究生学历专任教师数", "人", "0", "否"},
	{NULL, "小学高于规定学历教师数", "人", "58", "是"},
	{NULL, "小学县级及以上骨干教师数", "人", "12", "是"},
	{NULL, "小学体育专任教师数", "人", "4", "否"},
	{NULL, "小学音乐专任教师数", "人", "3", "否"},
	{NULL, "小学美术专任教师数", "人", "2", "否"},
	{NULL, "小学其他艺术专任教师数", "人", "1", "否"},
	{NULL, "小学体育、艺术(美术、音乐)专任教师数", "人", "10", "是"},
	{NULL, "初中专任教师数", "人", "", "是"},
	{NULL, "初中高于规定学历教师数", "人", "", "是"},
	{NULL, "初中县级及以上骨干教师数", "人", "", "是"},
	{NULL, "初中体育、艺术(美术、音乐)专任教师数", "人", "", "是"},
	{NULL, "持证专任教师数", "人", "60", "否"},
	{NULL, "5年内完成360学时培训的专任教师数", "人", "55", "否"},
	{"校舍与场地", "教学及辅助用房总面积", "平方米", "5000", "否"},
	{NULL, "室内体育用房面积", "平方米", "500", "否"},
	{NULL, "教学及辅助用房面积", "平方米", "4500", "是"},
	{NULL, "室外体育运动场地面积", "平方米", "8000", "否"},
	{NULL, "体育运动场馆面积", "㎡", "8500", "是"},
	{NULL, "音乐专用教室数", "间", "2", "否"},
	{NULL, "最小音乐专用教室面积", "平方米", "96", "否"},
	{NULL, "美术专用教室数", "间", "2", "否"},
	{NULL, "最小美术专用教室面积", "平方米", "90", "否"},
	{NULL, "网络多媒体教室数", "间", "20", "是"},
	{"设备与经费", "教学仪器设备值", "万元", "180", "是"},
	{NULL, "公用经费预算总额", "万元", "72", "否"},
	{NULL, "教师培训经费", "万元", "3.6", "否"},
	{NULL, NULL, NULL, NULL, NULL},
};

/* School B: 江州市第二中学, a junior school of 1,200 pupils; the stage
 * named by the category only, no primary rows. */
static const struct r school_b[] = {
	{"基本信息", "学校名称", "", "江州市第二中学", "是"},
	{NULL, "学校标识码", "", "2136990192", "是"},
	{NULL, "所在县(市、区)代码", "", "369901", "是"},
	{NULL, "统计年度", "", "2024年", "是"},
	{NULL, "学校类型", "", "初级中学", "是"},
	{NULL, "建校时间", "年", "2009", "否"},
	{"初中", "在校生数", "人", "1200", "是"},
	{NULL, "班级数", "个", "26", "否"},
	{NULL, "最大班额", "人", "50", "否"},
	{NULL, "25人及以下班级数", "个", "0", "否"},
	{NULL, "26-30人班级数", "个", "0", "否"},
	{NULL, "31-35人班级数", "个", "0", "否"},
	{NULL, "36-40人班级数", "个", "0", "否"},
	{NULL, "41-45人班级数", "个", "10", "否"},
	{NULL, "46-50人班级数", "个", "16", "否"},
	{NULL, "51-55人班级数", "个", "0", "否"},
	{NULL, "56-60人班级数", "个", "0", "否"},
	{NULL, "61-65人班级数", "个", "0", "否"},
	{NULL, "66人及以上班级数", "个", "0", "否"},
	{NULL, "专任教师数", "人", "100", "是"},
	{NULL, "专科学历专任教师数", "人", "5", "否"},
	{NULL, "本科学历专任教师数", "人", "85", "否"},
	{NULL, "硕士研究生学历专任教师数", "人", "8", "否"},
	{NULL, "博士研究生学历专任教师数", "人", "0", "否"},
	{NULL, "高于规定学历教师数", "人", "93", "是"},
	{NULL, "县级及以上骨干教师数", "人", "20", "是"},
	{NULL, "体育、艺术(美术、音乐)专任教师数", "人", "12", "是"},
	{"高中", "高中在校生数", "人", "0", "是"},
	{"校舍与场地", "教学及辅助用房面积", "平方米", "6200", "是"},
	{NULL, "体育运动场馆面积", "平方米", "10800", "是"},
	{NULL, "网络多媒体教室数", "间", "30", "是"},
	{"设备与经费", "教学仪器设备值", "万元", "360", "是"},
	{NULL, "公用经费预算总额", "元", "960000", "否"},
	{NULL, NULL, NULL, NULL, NULL},
};

static const struct r county[] = {
	{"基本信息", "县(市、区)代码", "", "369901", "是"},
	{NULL, "县(市、区)名称", "", "江城区", "否"},
	{NULL, "统计年度", "", "2024", "是"},
	{"政府保障程度", "学校规划布局合理,符合国家规定要求", "是/否", "是", "否"},
	{NULL, "规定的小学生均公用经费标准", "元", "720", "否"},
	{NULL, "规定的初中生均公用经费标准", "元", "940", "否"},
	{NULL, "特殊教育学校公用经费", "万元", "96", "否"},
	{NULL, "特殊教育学生数", "人", "120", "否"},
	{NULL, "义务教育教师年平均工资收入", "万元", "12.6", "否"},
	{NULL, "当地公务员年平均工资收入", "万元", "12", "否"},
	{NULL, "符合交流轮岗条件教师总数", "人", "200", "否"},
	{NULL, "上一年度交流轮岗教师数", "人", "32", "否"},
	{NULL, "交流轮岗的骨干教师数", "人", "12", "否"},
	{"教育质量", "全县残疾儿童少年数", "人", "50", "否"},
	{NULL, "入学的残疾儿童少年数", "人", "48", "否"},
	{NULL, "各校教师培训经费占公用经费预算的最低比例", "%", "5", "否"},
	{NULL, "所有学校德育工作、校园文化建设水平", "", "良好", "否"},
	{NULL, "质量监测语文学业水平等级", "", "Ⅲ", "否"},
	{"一票否决", "存在以考试方式招生", "是/否", "否", "否"},
	{NULL, NULL, NULL, NULL, NULL},
};

static lxw_format *f_title, *f_head, *f_cell, *f_cat;

static void sheet(lxw_workbook *wb, const char *name, const char *title,
                  const struct r *rows, const char *skip_item,
                  const char *bad_unit_item)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	static const char *const head[] = {"序号", "类别", "填报项目", "单位", "填报值",
	                                   "是否必填", "备注说明"};
	int row = 3, no = 0, cat_start = -1;
	const char *cat = NULL;

	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 1, 14, NULL);
	worksheet_set_column(ws, 2, 2, 40, NULL);
	worksheet_set_column(ws, 4, 4, 18, NULL);
	worksheet_merge_range(ws, 0, 0, 0, 6, title, f_title);
	worksheet_merge_range(ws, 1, 0, 1, 6, "填报单位(盖章):              填报日期:2025年1月6日", NULL);
	for (int c = 0; c < 7; c++)
		worksheet_write_string(ws, 2, c, head[c], f_head);
	for (const struct r *p = rows; p->item; p++) {
		if (skip_item && !strcmp(p->item, skip_item))
			continue;
		if (p->cat) {
			/* Merge the previous category over its rows. */
			if (cat && row - 1 > cat_start)
				worksheet_merge_range(ws, cat_start, 1, row - 1, 1, cat, f_cat);
			else if (cat)
				worksheet_write_string(ws, cat_start, 1, cat, f_cat);
			cat = p->cat;
			cat_start = row;
		}
		worksheet_write_number(ws, row, 0, ++no, f_cell);
		worksheet_write_string(ws, row, 2, p->item, f_cell);
		worksheet_write_string(ws, row, 3, bad_unit_item && !strcmp(p->item, bad_unit_item)
		                       ? "平方米" : p->unit, f_cell);
		if (*p->value)
			worksheet_write_string(ws, row, 4, p->value, f_cell);
		else
			worksheet_write_blank(ws, row, 4, f_cell);
		worksheet_write_string(ws, row, 5, p->req, f_cell);
		row++;
	}
	if (cat && row - 1 > cat_start)
		worksheet_merge_range(ws, cat_start, 1, row - 1, 1, cat, f_cat);
	else if (cat)
		worksheet_write_string(ws, cat_start, 1, cat, f_cat);
	worksheet_write_string(ws, row + 1, 0, "填表人:李明    联系电话:0799-1234567", NULL);
}

static lxw_workbook *book(const char *dir, const char *file)
{
	char path[1024];
	lxw_workbook *wb;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	wb = workbook_new(path);
	if (!wb) {
		fprintf(stderr, "gen_forms: cannot write %s\n", path);
		exit(1);
	}
	f_title = workbook_add_format(wb);
	format_set_bold(f_title);
	format_set_font_size(f_title, 16);
	format_set_align(f_title, LXW_ALIGN_CENTER);
	f_head = workbook_add_format(wb);
	format_set_bold(f_head);
	format_set_border(f_head, LXW_BORDER_THIN);
	f_cell = workbook_add_format(wb);
	format_set_border(f_cell, LXW_BORDER_THIN);
	f_cat = workbook_add_format(wb);
	format_set_border(f_cat, LXW_BORDER_THIN);
	format_set_align(f_cat, LXW_ALIGN_VERTICAL_CENTER);
	return wb;
}

static void close_book(lxw_workbook *wb)
{
	if (workbook_close(wb) != LXW_NO_ERROR) {
		fprintf(stderr, "gen_forms: workbook_close failed\n");
		exit(1);
	}
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET) &&
	    (data = malloc((size_t)n + 1)) && fread(data, 1, (size_t)n, f) == (size_t)n)
		*len = (size_t)n;
	else {
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

/* Fill the blank school form's 填报值 column (column E under the header
 * row 填报项目) with school A's figures, by item; every other cell as it
 * was.  The blank form's own rows, units and notes stay. */
static int fill(const char *blank, const char *out)
{
	size_t len = 0, n = 0;
	char *data = slurp(blank, &len);
	jh_table **tabs = NULL;
	lxw_workbook *wb;

	if (!data || jh_xlsx_read(data, len, blank, &tabs, &n, NULL) || !n) {
		fprintf(stderr, "gen_forms: cannot read %s\n", blank);
		return 1;
	}
	wb = workbook_new(out);
	for (size_t k = 0; k < n; k++) {
		jh_table *t = tabs[k];
		lxw_worksheet *ws = workbook_add_worksheet(wb, t->sheet);
		long hdr = -1;
		for (size_t r = 0; r < t->nrows; r++) {
			const jh_row *row = &t->rows[r];
			const char *item = jh_table_cell(t, r, 2);
			if (hdr < 0 && (!strcmp(item, "填报项目") || !strcmp(item, "Item")))
				hdr = (long)r;
			for (size_t c = 0; c < row->ncells; c++)
				worksheet_write_string(ws, (lxw_row_t)(row->line - 1), (lxw_col_t)c,
				                       jh_table_cell(t, r, c), NULL);
			if (hdr < 0 || (long)r == hdr)
				continue;
			for (const struct r *p = school_a; p->item; p++)
				if (!strcmp(p->item, item) && *p->value) {
					/* The blank form asks money in 万元, as school A gives it. */
					worksheet_write_string(ws, (lxw_row_t)(row->line - 1), 4,
					                       p->value, NULL);
					break;
				}
		}
		jh_table_free(t);
	}
	free(tabs);
	free(data);
	close_book(wb);
	return 0;
}

int main(int argc, char **argv)
{
	lxw_workbook *wb;
	const char *dir;

	if (argc == 4 && !strcmp(argv[1], "fill"))
		return fill(argv[2], argv[3]);
	if (argc != 2) {
		fprintf(stderr, "usage: gen_forms DIR | gen_forms fill BLANK.xlsx OUT.xlsx\n");
		return 2;
	}
	dir = argv[1];
	wb = book(dir, "school-forms.xlsx");
	sheet(wb, "实验小学", "义务教育学校办学条件填报表(2024年度)", school_a, NULL, NULL);
	sheet(wb, "第二中学", "义务教育学校办学条件填报表(2024年度)", school_b, NULL, NULL);
	close_book(wb);

	wb = book(dir, "county-form.xlsx");
	sheet(wb, "县级填报表", "县域义务教育优质均衡发展县级填报表(2024年度)", county, NULL, NULL);
	close_book(wb);

	wb = book(dir, "school-form-bad-unit.xlsx");
	sheet(wb, "实验小学", "义务教育学校办学条件填报表(2024年度)", school_a, NULL, NULL);
	sheet(wb, "第二中学", "义务教育学校办学条件填报表(2024年度)", school_b, NULL, "教学仪器设备值");
	close_book(wb);

	wb = book(dir, "school-form-missing-row.xlsx");
	sheet(wb, "实验小学", "义务教育学校办学条件填报表(2024年度)", school_a, "网络多媒体教室数", NULL);
	close_book(wb);
	return 0;
}
