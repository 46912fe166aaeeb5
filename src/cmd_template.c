/*
** cmd_template.c — `junheng template school|county --out F.xlsx [--lang en]`:
** the blank forms offices hand to schools and county offices
** (lib/report/form_blank.c), which `junheng import` reads back once
** filled (lib/core/form.c).  No database: the forms are the same for
** everyone.  The file is written whole or not at all.
*/
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char HELP_ZH[] =
	"用法:junheng template school|county --out 文件.xlsx [--lang en]\n"
	"\n"
	"生成空白填报表(竖排:序号、类别、填报项目、单位、填报值、是否必填、备注说明),\n"
	"供学校或县级督导部门填写,填好后用 junheng import 导入:\n"
	"  school   学校填报表:一所学校一张表,学校年度模板的全部项目(含原始数据:\n"
	"           各学历教师数、体育艺术教师数、班额分段、室内体育用房等)\n"
	"  county   县级填报表:一个县一个年度一张表,县级年度指标(经费标准、特殊教育\n"
	"           经费与学生数、教师与公务员工资(万元)、交流轮岗、优质高中名额、\n"
	"           随迁子女、残疾儿童等人数,是否类项目)\n"
	"金额以万元填写,导入时换算为元;单位不对、项目不认识、必填项目缺失或重复的\n"
	"表不予导入,并指出工作表、行和列。\n"
	"\n"
	"选项:\n"
	"  --out 文件       输出文件(.xlsx;- 为标准输出)\n"
	"  --lang en        英文版(一个文件只用一种语言)\n"
	"\n"
	"示例:\n"
	"  junheng template school --out 学校填报表.xlsx\n"
	"  junheng import j.db 各校填报表/ --year 2024\n";

static const char HELP_EN[] =
	"usage: junheng template school|county --out FILE.xlsx [--lang en]\n"
	"\n"
	"Writes a blank form laid out vertically (No., Category, Item, Unit, Value,\n"
	"Required, Notes) for schools or county offices to fill in; junheng import\n"
	"reads it back once filled:\n"
	"  school   the school form: one sheet per school, every item of the\n"
	"           school-year template (raw figures included: teachers by degree,\n"
	"           PE and art teachers, classes in size bands, indoor sports rooms)\n"
	"  county   the county form: one sheet per county and year, the county-year\n"
	"           items (funding standards, special-education funds and pupils,\n"
	"           teachers' and civil servants' pay in 10,000 yuan, rotation,\n"
	"           high-school places, migrant and disabled children, yes/no items)\n"
	"Money is asked in 10,000 yuan and converted on import; a wrong unit, an\n"
	"unknown item, a required item missing or given twice is refused with its\n"
	"sheet, row and column.\n"
	"\n"
	"options:\n"
	"  --out FILE       the output file (.xlsx; - for standard output)\n"
	"  --lang en        the English form (one language per file)\n"
	"\n"
	"examples:\n"
	"  junheng template school --out school-form.xlsx\n"
	"  junheng import j.db forms/ --year 2024\n";

int cmd_template(int argc, char **argv, struct cli *cli)
{
	const char *kind = NULL, *out = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_code rc;
	int status = EXIT_OK;
	size_t n;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return cli_usage_text(cli, HELP_ZH, HELP_EN, 1);
		if (!strcmp(a, "--lang") && i + 1 < argc) {
			i++;
		} else if (!strncmp(a, "--lang=", 7)) {
			continue;
		} else if ((!strcmp(a, "--out") || !strcmp(a, "-o")) && i + 1 < argc && !out) {
			out = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			cli_error(cli, "未知选项:%s", "unknown option: %s", a);
			return cli_usage_text(cli, HELP_ZH, HELP_EN, 0);
		} else if (!kind) {
			kind = a;
		} else {
			return cli_usage_text(cli, HELP_ZH, HELP_EN, 0);
		}
	}
	if (!kind || !out)
		return cli_usage_text(cli, HELP_ZH, HELP_EN, 0);
	if (strcmp(kind, "school") && strcmp(kind, "county")) {
		cli_error(cli, "未知的填报表“%s”(应为 school 或 county)",
		          "unknown form '%s' (school or county)", kind);
		return cli_usage_text(cli, HELP_ZH, HELP_EN, 0);
	}
	n = strlen(out);
	if (strcmp(out, "-") && (n < 5 || strcasecmp(out + n - 5, ".xlsx"))) {
		jh_diags_add(&d, JH_P_REPORT_FORMAT, NULL, NULL, 0, 0, NULL, out, "xlsx");
		cli_fail(cli, JH_ERR_ARG, &d);
		jh_diags_free(&d);
		return EXIT_INPUT;
	}
	rc = jh_report_blank_form(strcmp(kind, "county") ? JH_FORM_SCHOOL : JH_FORM_COUNTY,
	                          cli->lang, &b, &d);
	if (rc) {
		cli_fail(cli, rc, &d);
		status = cli_exit_status(rc);
	} else if (cli_write_whole(cli, out, b.data, b.len)) {
		status = EXIT_FAIL;
	}
	jh_buf_free(&b);
	jh_diags_free(&d);
	return status;
}
