/*
** cmd_cycle.c — `junheng cycle DB SUBCOMMAND …`: the yearly workflow of
** a county-year from the command line, for batch work and scripts.
**
**   show     --county C --year Y            state, steps with their days, events
**   submit   --county C --year Y --explanation TEXT
**   review   --county C --year Y --opinion TEXT [--findings FILE.json]
**   rectify  --county C --year Y [--note TEXT]
**   apply    --county C --year Y [--note TEXT]
**   assess   --county C --year Y --decision forwarded|returned [--reasons TEXT]
**   snapshot ID                             the frozen document, as stored
**   diff     ID                             what changed since, against today
**   notice   --area CODE [--date D]         the city's notice (JSON or CSV)
**
** Every step and every rule is the library's (jh_cycle_act, lib/cycle):
** the command acts as the administrator, named by --who (default "cli"),
** and may give --version (the version it read); without it the current
** version is taken, as a script that runs alone means.  Output: text for
** people (--lang), or --format json (the API's bytes).
*/
#include "cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help_zh[] =
	"用法:junheng cycle 数据库 show|submit|review|rectify|apply|assess --county 代码 --year 年度 [选项]\n"
	"      junheng cycle 数据库 snapshot|diff 快照编号 [--format json]\n"
	"      junheng cycle 数据库 notice --area 代码 [--date YYYY-MM-DD] [--format json|csv]\n"
	"\n"
	"县域年度流程:自评 → 上报 → 市级复核 → 整改 → 目标年份申报 → 市级评估。\n"
	"命令行以系统管理员身份操作,--who 记录操作人(默认 cli)。\n"
	"\n"
	"子命令:\n"
	"  show      当前状态、各环节期限、办理记录和快照\n"
	"  submit    上报自评(冻结数据、结论、台账快照),--explanation 未完成事项及原因\n"
	"  review    市级复核,--opinion 意见书,--findings 问题清单(JSON 数组,每项\n"
	"            what_zh、what_en、school、measure、deadline),每项转为台账事项\n"
	"  rectify   整改完成(复核问题须全部销号)\n"
	"  apply     申报评估(仅目标年份前一年度,且当前结论须达到;冻结快照)\n"
	"  assess    市级评估,--decision forwarded(报省)或 returned(退回),--reasons 理由\n"
	"  snapshot  输出快照原文   diff  快照与当前数据的差异\n"
	"  notice    通报:各县里程碑、台账、逾期环节及约谈名单\n"
	"\n"
	"选项:\n"
	"  --county 代码  --year 年度  --area 代码  --date 日期\n"
	"  --version N            读取时的版本(缺省取当前版本)\n"
	"  --format text|json|csv 输出格式(csv 仅 notice)\n"
	"  --who 名称             记录的操作人\n"
	"  --standard 文件        结论所依据的标准(缺省国家标准)\n";

static const char help_en[] =
	"usage: junheng cycle DB show|submit|review|rectify|apply|assess --county CODE --year YEAR [options]\n"
	"       junheng cycle DB snapshot|diff ID [--format json]\n"
	"       junheng cycle DB notice --area CODE [--date YYYY-MM-DD] [--format json|csv]\n"
	"\n"
	"The yearly workflow of a county: self-evaluation -> submitted -> city review\n"
	"-> rectified -> application in the target year -> city assessment.  The\n"
	"command acts as the administrator; --who names who is recorded (default cli).\n"
	"\n"
	"subcommands:\n"
	"  show      the state, each step's day, the events and snapshots\n"
	"  submit    submit the self-evaluation (freezes data, verdict, ledger);\n"
	"            --explanation what was not done and why\n"
	"  review    the city's review: --opinion, --findings FILE (a JSON array of\n"
	"            {what_zh, what_en, school, measure, deadline}), each a ledger item\n"
	"  rectify   rectified (every finding of the review signed off)\n"
	"  apply     apply (only the cycle of the target year - 1, while the current\n"
	"            verdict passes; freezes a snapshot)\n"
	"  assess    the city's assessment: --decision forwarded|returned, --reasons\n"
	"  snapshot  print a snapshot as stored   diff  what changed since it\n"
	"  notice    the city's notice: milestones, ledgers, late steps, summoned\n"
	"\n"
	"options:\n"
	"  --county CODE  --year YEAR  --area CODE  --date DAY\n"
	"  --version N            the version read (default: the current one)\n"
	"  --format text|json|csv output (csv: notice only)\n"
	"  --who NAME             who is recorded\n"
	"  --standard FILE        the standard verdicts use (default: national)\n";

struct opts {
	const char *db, *sub, *id;
	const char *county, *area, *date, *format, *who, *standard;
	const char *explanation, *opinion, *findings, *note, *decision, *reasons;
	long version;
	int year, has_version;
};

static int parse(int argc, char **argv, struct opts *o, const struct cli *cli)
{
	static const char *const names[] = {
		"county", "area", "date", "format", "who", "standard", "explanation",
		"opinion", "findings", "note", "decision", "reasons", "year", "version",
		"lang", NULL};
	int npos = 0;

	memset(o, 0, sizeof *o);
	o->who = "cli";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		int k;
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return 1;
		if (strncmp(a, "--", 2)) {
			if (npos == 0)
				o->db = a;
			else if (npos == 1)
				o->sub = a;
			else if (npos == 2)
				o->id = a;
			else
				return -1;
			npos++;
			continue;
		}
		for (k = 0; names[k]; k++) {
			size_t n = strlen(names[k]);
			if (!strncmp(a + 2, names[k], n) && (a[2 + n] == 0 || a[2 + n] == '=')) {
				v = a[2 + n] == '=' ? a + 3 + n : (i + 1 < argc ? argv[++i] : NULL);
				break;
			}
		}
		if (!names[k] || !v) {
			cli_error(cli, "未知或缺少值的选项:%s", "unknown option or missing value: %s", a);
			return -1;
		}
		switch (k) {
		case 0: o->county = v; break;
		case 1: o->area = v; break;
		case 2: o->date = v; break;
		case 3: o->format = v; break;
		case 4: o->who = v; break;
		case 5: o->standard = v; break;
		case 6: o->explanation = v; break;
		case 7: o->opinion = v; break;
		case 8: o->findings = v; break;
		case 9: o->note = v; break;
		case 10: o->decision = v; break;
		case 11: o->reasons = v; break;
		case 12: {
			char *end;
			long y = strtol(v, &end, 10);
			if (*end || !cli_year_ok(y))
				return -1;
			o->year = (int)y;
			break;
		}
		case 13: {
			char *end;
			o->version = strtol(v, &end, 10);
			if (*end || o->version < 1)
				return -1;
			o->has_version = 1;
			break;
		}
		default: break;   /* --lang: main.c read it */
		}
	}
	return o->db && o->sub ? 0 : -1;
}

static int usage(const struct cli *cli, int asked)
{
	fputs(strcmp(cli->lang, "en") ? help_zh : help_en, asked ? stdout : stderr);
	return asked ? EXIT_OK : EXIT_INPUT;
}

/* The findings file: a JSON array of objects; its strings live in *root
 * (json_decref by the caller). */
static jh_code load_findings(const char *path, json_t **root, jh_cycle_finding **out,
                             size_t *n, jh_diags *d)
{
	json_error_t err;
	size_t i;

	*out = NULL;
	*n = 0;
	if (!(*root = json_load_file(path, 0, &err))) {
		char what[200];
		snprintf(what, sizeof what, "findings (%s)", err.text);
		jh_diags_add(d, JH_P_CYCLE_FIELD, path, NULL, err.line > 0 ? err.line : 0, 0,
		             NULL, what, NULL);
		return JH_ERR_INPUT;
	}
	if (!json_is_array(*root)) {
		jh_diags_add(d, JH_P_CYCLE_FIELD, path, NULL, 0, 0, NULL, "findings", NULL);
		return JH_ERR_INPUT;
	}
	if (!(*out = calloc(json_array_size(*root) + 1, sizeof **out)))
		return JH_ERR_NOMEM;
	for (i = 0; i < json_array_size(*root); i++) {
		json_t *f = json_array_get(*root, i);
		jh_cycle_finding *x = &(*out)[i];
		x->what_zh = json_string_value(json_object_get(f, "what_zh"));
		x->what_en = json_string_value(json_object_get(f, "what_en"));
		x->school = json_string_value(json_object_get(f, "school"));
		x->measure = json_string_value(json_object_get(f, "measure"));
		x->deadline = json_string_value(json_object_get(f, "deadline"));
	}
	*n = i;
	return JH_OK;
}

int cmd_cycle(int argc, char **argv, struct cli *cli)
{
	struct opts o;
	int r = parse(argc, argv, &o, cli), fmt = JH_FMT_TEXT, act;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_buf out = JH_BUF_INIT;
	jh_standard std;
	jh_user admin;
	jh_cycle_input in;
	jh_cycle_finding *findings = NULL;
	json_t *froot = NULL;
	jh_code rc = JH_OK;
	int reading;

	if (r)
		return usage(cli, r == 1);
	if (o.format && (fmt = jh_format_parse(o.format)) < 0)
		return usage(cli, 0);
	act = jh_cycle_step_parse(o.sub);
	reading = !strcmp(o.sub, "show") || !strcmp(o.sub, "snapshot") ||
	          !strcmp(o.sub, "diff") || !strcmp(o.sub, "notice");
	if (!reading && (act < JH_STEP_SUBMIT || act > JH_STEP_ASSESS))
		return usage(cli, 0);
	if ((!strcmp(o.sub, "snapshot") || !strcmp(o.sub, "diff")) ? !o.id :
	    !strcmp(o.sub, "notice") ? !o.area : (!o.county || !o.year || o.id))
		return usage(cli, 0);
	if (fmt == JH_FMT_CSV && strcmp(o.sub, "notice"))
		return usage(cli, 0);

	memset(&admin, 0, sizeof admin);
	admin.role = JH_ROLE_ADMIN;
	snprintf(admin.name, sizeof admin.name, "%s", o.who);
	memset(&in, 0, sizeof in);
	in.std = &std;
	if ((rc = cli_load_standard(o.standard, &std, &d)))
		goto done;
	if ((rc = reading ? jh_store_open_readonly(o.db, &s, &d) : jh_store_open(o.db, &s, &d)))
		goto done;
	if (!strcmp(o.sub, "show")) {
		rc = fmt == JH_FMT_JSON ? jh_cycle_show(s, &admin, o.county, o.year, &out, &d)
		                        : jh_cycle_show_text(s, &admin, o.county, o.year,
		                                             cli->lang, &out, &d);
	} else if (!strcmp(o.sub, "snapshot") || !strcmp(o.sub, "diff")) {
		char *end;
		long id = strtol(o.id, &end, 10);
		if (*end || id < 1) {
			jh_store_close(s);
			return usage(cli, 0);
		}
		rc = !strcmp(o.sub, "snapshot") ? jh_snapshot_show(s, &admin, id, &out, &d)
		                                : jh_snapshot_diff(s, &admin, id, &std, &out, &d);
	} else if (!strcmp(o.sub, "notice")) {
		rc = jh_cycle_notice(s, &admin, o.area, o.date, &std, fmt == JH_FMT_CSV ? JH_FMT_CSV
		                                                                   : JH_FMT_JSON,
		                     cli->lang, &out, &d);
	} else {
		if (o.has_version)
			in.version = o.version;
		else {
			jh_cycle_row row;
			if ((rc = jh_store_cycle_get(s, o.county, o.year, &row, &d)))
				goto done;
			in.version = row.version;
		}
		in.explanation = o.explanation;
		in.opinion = o.opinion;
		in.note = o.note;
		in.decision = o.decision;
		in.reasons = o.reasons;
		if (o.findings &&
		    (rc = load_findings(o.findings, &froot, &findings, &in.nfindings, &d)))
			goto done;
		in.findings = findings;
		rc = jh_cycle_act(s, &admin, o.county, o.year, (jh_cycle_step)act, &in, &out, &d);
		if (!rc && fmt != JH_FMT_JSON) {
			jh_buf_reset(&out);
			rc = jh_cycle_show_text(s, &admin, o.county, o.year, cli->lang, &out, &d);
		}
	}
done:
	jh_store_close(s);
	if (rc)
		cli_fail(cli, rc, &d);
	else {
		fwrite(out.data, 1, out.len, stdout);
		if (out.len && out.data[out.len - 1] != '\n')
			fputc('\n', stdout);
	}
	json_decref(froot);
	free(findings);
	jh_buf_free(&out);
	jh_diags_free(&d);
	return cli_exit_status(rc);
}
