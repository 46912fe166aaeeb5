/*
** cmd_report.c — `junheng report`: the documents an office files, built
** from a database file (lib/report).  The command line acts as the
** administrator; the document is the library's, byte for byte the one
** GET /api/v1/counties/{code}/reports/{kind} sends.
**
**   junheng report DB --county C --year Y --kind KIND [--school S]
**                  --out FILE.xlsx|FILE.pdf|- [--standard FILE] [--lang en]
**
** The file is written whole or not at all: into FILE.tmp-PID first, then
** renamed over FILE.
*/
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char HELP_ZH[] =
	"用法:junheng report 数据库 --county 县代码 --year 年度 --kind 种类 --out 文件 [选项]\n"
	"\n"
	"生成督导部门报送、存档的文件(文件整体生成,失败时不留半个文件)。种类:\n"
	"  application      义务教育优质均衡发展县申报表(表Ⅰ—表Ⅵ),xlsx\n"
	"  county           县域评估工作簿(各校指标、差异系数、各项结论),xlsx\n"
	"  city             市级汇总表(各县各年度,差异系数图表;--county 填市代码),xlsx\n"
	"  ledger           整改工作台账(筛选、逾期标示、状态列校验),xlsx\n"
	"  template         学校年度数据导入模板(数据校验、填表说明),xlsx\n"
	"  self-evaluation  县级自评报告,pdf\n"
	"  review           市级督导评估意见书,pdf\n"
	"  notice           市级督导通报(--county 填市代码),pdf\n"
	"  school           学校概况(一页,需 --school),pdf\n"
	"\n"
	"选项:\n"
	"  --county 代码         县(市、区)代码;city、notice 为市(或省)代码\n"
	"  --year 年度           统计年度\n"
	"  --kind 种类           见上\n"
	"  --school 学校标识码   school 种类所需\n"
	"  --out 文件            输出文件(.xlsx 或 .pdf,须与种类相符;- 为标准输出)\n"
	"  --format xlsx|pdf     可省略;给出时须与种类相符\n"
	"  --standard 标准文件   地方标准\n"
	"  --lang en             英文版\n"
	"\n"
	"示例:\n"
	"  junheng report j.db --county 369904 --year 2024 --kind application --out 申报表.xlsx\n"
	"  junheng report j.db --county 369900 --year 2024 --kind notice --out 通报.pdf\n";

static const char HELP_EN[] =
	"usage: junheng report DB --county C --year Y --kind KIND --out FILE [options]\n"
	"\n"
	"The documents supervision offices file, each made whole (no half file is\n"
	"left on failure).  Kinds:\n"
	"  application      the national application form (tables I-VI), xlsx\n"
	"  county           the county evaluation workbook, xlsx\n"
	"  city             the city summary across counties and years (--county\n"
	"                   takes the city's code), xlsx\n"
	"  ledger           the rectification ledger, xlsx\n"
	"  template         the school-year import template with validation, xlsx\n"
	"  self-evaluation  the county's self-evaluation report, pdf\n"
	"  review           the city's review opinion for the county, pdf\n"
	"  notice           the city's progress notice (--county takes the city's\n"
	"                   code), pdf\n"
	"  school           a one-page school profile (needs --school), pdf\n"
	"\n"
	"options:\n"
	"  --county CODE         the county; the city (or province) for city, notice\n"
	"  --year YEAR           the statistics' year\n"
	"  --kind KIND           as above\n"
	"  --school CODE         for the school kind\n"
	"  --out FILE            .xlsx or .pdf as the kind makes (- for stdout)\n"
	"  --format xlsx|pdf     optional; must match the kind when given\n"
	"  --standard FILE       a local standard\n"
	"  --lang en             the English version\n"
	"\n"
	"example:\n"
	"  junheng report j.db --county 369904 --year 2024 --kind application --out form.xlsx\n";

static int usage(const struct cli *cli, int asked)
{
	return cli_usage_text(cli, HELP_ZH, HELP_EN, asked);
}

struct opts {
	const char *db, *county, *kind, *school, *out, *format, *standard;
	int year;
};

static int parse(int argc, char **argv, struct opts *o, const struct cli *cli)
{
	memset(o, 0, sizeof *o);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return 1;
		if (!strcmp(a, "--lang")) {
			i++;
			continue;
		}
		if (!strncmp(a, "--lang=", 7))
			continue;
		if (!strcmp(a, "--county") || !strcmp(a, "--area"))
			slot = &o->county;
		else if (!strcmp(a, "--kind"))
			slot = &o->kind;
		else if (!strcmp(a, "--school"))
			slot = &o->school;
		else if (!strcmp(a, "--out") || !strcmp(a, "-o"))
			slot = &o->out;
		else if (!strcmp(a, "--format"))
			slot = &o->format;
		else if (!strcmp(a, "--standard"))
			slot = &o->standard;
		else if (!strcmp(a, "--year")) {
			char *end;
			long y;
			if (i + 1 >= argc)
				return -1;
			y = strtol(argv[++i], &end, 10);
			if (*end || !cli_year_ok(y)) {
				cli_error(cli, "年度无效:%s", "not a year: %s", argv[i]);
				return -1;
			}
			o->year = (int)y;
			continue;
		} else if (a[0] == '-' && a[1]) {
			cli_error(cli, "未知选项:%s", "unknown option: %s", a);
			return -1;
		} else if (!o->db) {
			o->db = a;
			continue;
		} else {
			return -1;
		}
		if (i + 1 >= argc)
			return -1;
		*slot = argv[++i];
	}
	return o->db && o->county && o->year && o->kind && o->out ? 0 : -1;
}

static const char *ext_of(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	return dot && (!slash || dot > slash) ? dot + 1 : "";
}

int cmd_report(int argc, char **argv, struct cli *cli)
{
	struct opts o;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_standard std;
	jh_report_request rq;
	jh_user who;
	jh_buf out = JH_BUF_INIT;
	jh_code rc;
	int r, kind, status = EXIT_OK;
	const char *want;

	if ((r = parse(argc, argv, &o, cli)))
		return usage(cli, r > 0);
	if ((kind = jh_report_kind_parse(o.kind)) < 0) {
		jh_diags_add(&d, JH_P_REPORT_KIND, NULL, NULL, 0, 0, NULL, o.kind, NULL);
		cli_fail(cli, JH_ERR_ARG, &d);
		jh_diags_free(&d);
		return EXIT_INPUT;
	}
	want = jh_report_format_key(jh_report_kind_format((jh_report_kind)kind));
	if ((o.format && strcmp(o.format, want)) ||
	    (strcmp(o.out, "-") && strcasecmp(ext_of(o.out), want))) {
		jh_diags_add(&d, JH_P_REPORT_FORMAT, NULL, NULL, 0, 0, NULL,
		             o.format ? o.format : ext_of(o.out), want);
		cli_fail(cli, JH_ERR_ARG, &d);
		jh_diags_free(&d);
		return EXIT_INPUT;
	}
	if (o.standard && (rc = cli_load_standard(o.standard, &std, &d)))
		goto fail;
	if ((rc = jh_store_open_readonly(o.db, &s, &d)))
		goto fail;
	memset(&who, 0, sizeof who);
	who.role = JH_ROLE_ADMIN;
	snprintf(who.name, sizeof who.name, "cli");
	memset(&rq, 0, sizeof rq);
	rq.kind = (jh_report_kind)kind;
	rq.area = o.county;
	rq.year = o.year;
	rq.school = o.school;
	rq.lang = cli->lang;
	rq.std = o.standard ? &std : NULL;
	if ((rc = jh_report_build(s, &who, &rq, &out, &d)))
		goto fail;
	if (cli_write_whole(cli, o.out, out.data, out.len))
		status = EXIT_FAIL;
	goto done;
fail:
	cli_fail(cli, rc, &d);
	status = cli_exit_status(rc);
done:
	jh_buf_free(&out);
	jh_store_close(s);
	jh_diags_free(&d);
	return status;
}
