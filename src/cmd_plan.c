/*
** cmd_plan.c — `junheng plan`: creation plans on a database file, for
** batch work and scripts.  The command line acts as the administrator
** (recorded under --who NAME, default "cli"); the rules of what a plan
** holds are the library's (lib/cycle/creation.c), the same as the API's:
**
**   junheng plan DB show AREA [--format text|json]
**       a county's plan or a city's city-wide targets (JSON: exactly
**       GET /counties/{code}/plan's bytes); text: the target year and
**       each milestone with its status as of --date (default today)
**   junheng plan DB set AREA FILE|- [--who NAME] [--why TEXT]
**       store a new version of the plan from a JSON file (stdin for -);
**       without "version" in the file the current one is taken (a script
**       replaces the plan); prints the stored plan as JSON
**   junheng plan DB timeline [AREA] [--date D] [--format text|json]
**       every county of the area with its target year, milestones and
**       their status, behind schedule or not (GET /plans)
**   junheng plan DB trends AREA [--base Y1] [--year Y2] [--format text|json]
**       progress over every year in the store (GET /…/trends)
**   junheng plan measures [--format text|json]
**       the catalogue of measures a target may name
**
** Options: --standard FILE (a local standard for the measures), --lang.
*/
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char HELP_ZH[] =
	"用法:junheng plan 数据库 show 区划代码 [--format text|json] [--date 日期]\n"
	"      junheng plan 数据库 set 区划代码 文件|- [--who 姓名] [--why 原因]\n"
	"      junheng plan 数据库 timeline [区划代码] [--date 日期] [--format text|json]\n"
	"      junheng plan 数据库 trends 区划代码 [--base 年度] [--year 年度] [--format text|json]\n"
	"      junheng plan measures [--format text|json]\n"
	"\n"
	"创建方案:县的创建目标年度、逐年阶段目标(时间表、路线图)、责任单位与一校一策;\n"
	"市的全市目标(如逐年消除大规模学校)。命令行以管理员身份操作,--who 记录操作人。\n"
	"\n"
	"  show      查看方案(json 与接口 GET /counties/{code}/plan 相同)\n"
	"  set       以 JSON 文件保存新版本(文件中无 version 时取当前版本);每个版本都保留\n"
	"  timeline  区划内各县的目标年度、阶段目标完成情况(已完成、未完成、未到期、无数据)与落后县\n"
	"  trends    各年度差异系数、指标均值、评估项与计数的变化;两年间进步与退步的学校\n"
	"  measures  目标可用的测量项\n"
	"\n"
	"选项:\n"
	"  --date YYYY-MM-DD     按该日判断是否到期(默认今天;也可设 JUNHENG_TODAY)\n"
	"  --standard 标准文件   地方标准\n"
	"  --format text|json    输出格式,默认 text\n"
	"\n"
	"示例:\n"
	"  junheng plan j.db set 369904 plan.json --who 张三 --why 市定创建年度\n"
	"  junheng plan j.db timeline 369900 --date 2025-03-31\n";

static const char HELP_EN[] =
	"usage: junheng plan DB show AREA [--format text|json] [--date DAY]\n"
	"       junheng plan DB set AREA FILE|- [--who NAME] [--why TEXT]\n"
	"       junheng plan DB timeline [AREA] [--date DAY] [--format text|json]\n"
	"       junheng plan DB trends AREA [--base YEAR] [--year YEAR] [--format text|json]\n"
	"       junheng plan measures [--format text|json]\n"
	"\n"
	"Creation plans: a county's target year, yearly milestones, responsible units\n"
	"and per-school measures; a city's city-wide targets (large schools eliminated\n"
	"year by year).  The command line acts as the administrator; --who is recorded.\n"
	"\n"
	"  show      the plan (JSON: the bytes of GET /counties/{code}/plan)\n"
	"  set       store a new version from a JSON file (without \"version\" in it,\n"
	"            the current one is taken); every version is kept\n"
	"  timeline  every county of the area: target year, milestones met, missed, due\n"
	"            or without data, and the counties behind schedule\n"
	"  trends    coefficients, indicator means, items and counts year by year;\n"
	"            the schools that improved or fell back between two years\n"
	"  measures  the measures a target may name\n"
	"\n"
	"options:\n"
	"  --date YYYY-MM-DD     the day deadlines are judged on (default today, or\n"
	"                        $JUNHENG_TODAY)\n"
	"  --standard FILE       a local standard\n"
	"  --format text|json    output format, default text\n"
	"\n"
	"example:\n"
	"  junheng plan j.db set 369904 plan.json --who zhang --why 'target year set'\n"
	"  junheng plan j.db timeline 369900 --date 2025-03-31\n";

static int usage(const struct cli *cli, int asked)
{
	return cli_usage_text(cli, HELP_ZH, HELP_EN, asked);
}

struct opts {
	const char *db, *sub, *area, *file;
	const char *who, *why, *date, *format, *standard;
	int base, year;
};

static int parse(int argc, char **argv, struct opts *o, const struct cli *cli)
{
	const char *pos[4];
	int np = 0;

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
		if (!strcmp(a, "--who"))
			slot = &o->who;
		else if (!strcmp(a, "--why"))
			slot = &o->why;
		else if (!strcmp(a, "--date"))
			slot = &o->date;
		else if (!strcmp(a, "--format"))
			slot = &o->format;
		else if (!strcmp(a, "--standard"))
			slot = &o->standard;
		else if (!strcmp(a, "--base") || !strcmp(a, "--year")) {
			char *end;
			long y;
			if (i + 1 >= argc)
				return -1;
			y = strtol(argv[++i], &end, 10);
			if (*end || !cli_year_ok(y)) {
				cli_error(cli, "年度无效:%s", "not a year: %s", argv[i]);
				return -1;
			}
			if (!strcmp(a, "--base"))
				o->base = (int)y;
			else
				o->year = (int)y;
			continue;
		} else if (a[0] == '-' && a[1]) {
			cli_error(cli, "未知选项:%s", "unknown option: %s", a);
			return -1;
		}
		if (slot) {
			if (i + 1 >= argc)
				return -1;
			*slot = argv[++i];
			continue;
		}
		if (np == 4)
			return -1;
		pos[np++] = a;
	}
	if (np >= 1 && !strcmp(pos[0], "measures")) {
		o->sub = pos[0];
		return np == 1 ? 0 : -1;
	}
	if (np < 2)
		return -1;
	o->db = pos[0];
	o->sub = pos[1];
	o->area = np > 2 ? pos[2] : NULL;
	o->file = np > 3 ? pos[3] : NULL;
	if (!strcmp(o->sub, "set"))
		return np == 4 ? 0 : -1;
	if (!strcmp(o->sub, "show") || !strcmp(o->sub, "trends"))
		return np == 3 ? 0 : -1;
	if (!strcmp(o->sub, "timeline"))
		return np <= 3 ? 0 : -1;
	return -1;
}

/* The plan file with "version" set to the current one when it has none
 * (malloc'd JSON text), or the file's own bytes. */
static jh_code with_version(jh_store *s, const jh_user *admin, const char *area,
                            const char *data, size_t len, char **out,
                            jh_diags *d)
{
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, NULL);
	jh_creation_doc *doc = NULL;
	jh_code rc = JH_OK;

	*out = NULL;
	if (root && json_is_object(root) && !json_object_get(root, "version")) {
		if (!(rc = jh_creation_get(s, admin, area, &doc, d))) {
			json_object_set_new(root, "version", json_integer(doc ? doc->version : 0));
			*out = json_dumps(root, JSON_COMPACT);
			if (!*out)
				rc = JH_ERR_NOMEM;
		}
		jh_creation_doc_free(doc);
	}
	json_decref(root);
	return rc;
}

int cmd_plan(int argc, char **argv, struct cli *cli)
{
	struct opts o;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_standard std;
	jh_buf out = JH_BUF_INIT;
	jh_user admin;
	jh_day day = {""};
	jh_format fmt = JH_FMT_TEXT;
	jh_code rc = JH_OK;
	int r = parse(argc, argv, &o, cli);

	if (r)
		return usage(cli, r == 1);
	if (o.format) {
		int f = jh_format_parse(o.format);
		if (f != JH_FMT_TEXT && f != JH_FMT_JSON)
			return usage(cli, 0);
		fmt = (jh_format)f;
	}
	if (o.date && !jh_day_parse(o.date, &day)) {
		cli_error(cli, "日期无效:%s(应为 YYYY-MM-DD)", "not a day: %s (YYYY-MM-DD)", o.date);
		return EXIT_INPUT;
	}
	if (!strcmp(o.sub, "measures")) {
		rc = jh_measure_catalogue(fmt, cli->lang, &out);
		if (!rc)
			fwrite(out.data, 1, out.len, stdout);
		jh_buf_free(&out);
		return cli_exit_status(rc);
	}
	memset(&admin, 0, sizeof admin);
	admin.role = JH_ROLE_ADMIN;
	snprintf(admin.name, sizeof admin.name, "%s", o.who && *o.who ? o.who : "cli");
	rc = cli_load_standard(o.standard, &std, &d);
	if (!rc && !strcmp(o.sub, "set")) {
		char *data = NULL, *fixed = NULL;
		size_t len = 0;
		if (!strcmp(o.file, "-")) {
			jh_buf in = JH_BUF_INIT;
			char chunk[65536];
			size_t n;
			while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
				jh_buf_add(&in, chunk, n);
			data = in.data ? in.data : strdup("");
			len = in.len;
		} else if (cli_read_file(o.file, &data, &len)) {
			cli_file_problem(&d, o.file, errno);
			rc = JH_ERR_IO;
		}
		if (!rc)
			rc = jh_store_open(o.db, &s, &d);
		if (!rc)
			rc = with_version(s, &admin, o.area, data, len, &fixed, &d);
		if (!rc) {
			/* --why goes into the document's own field. */
			if (o.why) {
				json_t *root = json_loads(fixed ? fixed : data, 0, NULL);
				if (root && json_is_object(root)) {
					json_object_set_new(root, "why", json_string(o.why));
					free(fixed);
					fixed = json_dumps(root, JSON_COMPACT);
				}
				json_decref(root);
			}
			rc = jh_creation_put(s, &admin, o.area, fixed ? fixed : data,
			                     fixed ? strlen(fixed) : len, &out, &d);
		}
		free(fixed);
		free(data);
		if (!rc)
			jh_buf_add(&out, "\n", 1);
	} else if (!rc) {
		rc = jh_store_open_readonly(o.db, &s, &d);
		if (!rc && !strcmp(o.sub, "show") && fmt == JH_FMT_JSON) {
			rc = jh_creation_show(s, &admin, o.area, &out, &d);
			if (!rc)
				jh_buf_add(&out, "\n", 1);
		} else if (!rc && (!strcmp(o.sub, "show") || !strcmp(o.sub, "timeline"))) {
			rc = jh_creation_timeline(s, &admin, o.area, day.s[0] ? &day : NULL, &std,
			                          fmt, cli->lang, &out, &d);
			if (!rc && fmt == JH_FMT_JSON)
				jh_buf_add(&out, "\n", 1);
		} else if (!rc) {
			rc = jh_trends(s, &admin, o.area, o.base, o.year, &std, fmt, cli->lang,
			               &out, &d);
			if (!rc && fmt == JH_FMT_JSON)
				jh_buf_add(&out, "\n", 1);
		}
	}
	jh_store_close(s);
	if (rc)
		cli_fail(cli, rc, &d);
	else
		fwrite(out.data, 1, out.len, stdout);
	jh_buf_free(&out);
	jh_diags_free(&d);
	return cli_exit_status(rc);
}
