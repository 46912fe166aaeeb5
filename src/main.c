/*
** main.c — the junheng command: dispatch to cmd_* by subcommand.
*/
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int, char **, struct cli *);
	const char *help_zh, *help_en;
} commands[] = {
	{"eval", cmd_eval, "评估资源配置:各校七项指标与县域差异系数",
	 "evaluate resource allocation: seven indicators and county coefficients"},
	{"init", cmd_init, "创建或升级数据库", "create or upgrade a database"},
	{"import", cmd_import, "导入学校年度数据和行政区划表(CSV、XLSX),整批生效",
	 "import school-year and area tables (CSV, XLSX), all or nothing"},
	{"set", cmd_set, "修改某校某年度的字段(留痕)", "change fields of a school-year (audited)"},
	{"delete", cmd_delete, "删除学校年度记录(留痕)", "delete school-years (audited)"},
	{"history", cmd_history, "查看学校或县的变更记录", "show the changes to a school or county"},
	{"verdict", cmd_verdict, "县域优质均衡综合结论:四个方面全部指标", "verdict on all four parts of the standard"},
	{"gaps", cmd_gaps, "各校缺口(实物量)与全县最低成本达标方案", "each school's shortfall in real units, and the county's cheapest plan"},
	{"whatif", cmd_whatif, "模拟计划变更(增加、撤并、转移学生)前后的结论,不改动数据",
	 "verdict before and after planned changes, on a copy"},
	{"export", cmd_export, "导出数据模板(CSV、XLSX)", "export the template (CSV, XLSX)"},
	{"user", cmd_user, "管理网页账号:添加、列出、改密码、停用(本机即管理员)",
	 "manage web accounts: add, list, change password, disable (as administrator)"},
	{"serve", cmd_serve, "网络服务:账号、权限与 JSON 接口", "the web server: accounts, access and the JSON API"},
	/* --- issue 12: plan (cmd_plan.c) --- */
	{"plan", cmd_plan, "创建方案:目标年度、阶段目标、完成情况与历年趋势",
	 "creation plans: target years, milestones, their status, trends"},

	/* --- issue 12: ledger (cmd_ledger.c) --- */
	{"ledger", cmd_ledger, "工作台账:由结论生成整改事项、推进、按数据核验销号",
	 "rectification ledgers: items from the verdict, progress, sign-off checked on the data"},

	/* --- issue 12: cycle (cmd_cycle.c) --- */
	{"cycle", cmd_cycle, "年度流程:自评上报、市级复核、整改、申报、评估;快照与通报",
	 "the yearly workflow: submit, review, rectify, apply, assess; snapshots and notices"},

	/* --- issue 13: report (cmd_report.c) --- */
	{"report", cmd_report, "生成报送文件:申报表、评估工作簿、台账、自评报告、意见书、通报(xlsx、pdf)",
	 "documents offices file: application form, workbooks, ledger, reports, notices (xlsx, pdf)"},

	/* --- issue 14: template (cmd_template.c) --- */
	{"template", cmd_template, "空白填报表(学校、县级,竖排):发给学校填写,填好后导入",
	 "blank forms (school, county; vertical) to hand out, imported back once filled"},
};

static void usage(FILE *f, const struct cli *cli)
{
	int en = !strcmp(cli->lang, "en");

	fprintf(f, en ? "usage: junheng [--lang zh|en] COMMAND [ARGS]\n\ncommands:\n"
	              : "用法:junheng [--lang zh|en] 命令 [参数]\n\n命令:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name,
		        en ? commands[i].help_en : commands[i].help_zh);
	fprintf(f, en ? "\n'junheng COMMAND --help' describes a command.\n"
	              : "\n“junheng 命令 --help”查看命令说明。\n");
}

int main(int argc, char **argv)
{
	struct cli cli = {"zh"};
	int i = 1;

	/* --lang may come first or anywhere after the command. */
	for (int k = 1; k < argc; k++)
		if (!strcmp(argv[k], "--lang") && k + 1 < argc)
			cli.lang = !strcmp(argv[k + 1], "en") ? "en" : "zh";
		else if (!strncmp(argv[k], "--lang=", 7))
			cli.lang = !strcmp(argv[k] + 7, "en") ? "en" : "zh";
	while (i < argc && !strcmp(argv[i], "--lang"))
		i += 2;
	while (i < argc && !strncmp(argv[i], "--lang=", 7))
		i++;
	if (i >= argc) {
		usage(stderr, &cli);
		return EXIT_INPUT;
	}
	if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") ||
	    !strcmp(argv[i], "help")) {
		usage(stdout, &cli);
		return EXIT_OK;
	}
	if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "version")) {
		printf("junheng %s\n", JH_VERSION);
		return EXIT_OK;
	}
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (!strcmp(argv[i], commands[c].name))
			return commands[c].fn(argc - i, argv + i, &cli);
	cli_error(&cli, "未知命令“%s”", "unknown command '%s'", argv[i]);
	usage(stderr, &cli);
	return EXIT_INPUT;
}
