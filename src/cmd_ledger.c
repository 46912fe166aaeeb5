/*
** cmd_ledger.c — `junheng ledger DB SUBCOMMAND …`: rectification ledgers
** (工作台账) on a database file, for batch work and scripts.
**
**   list      [--area CODE] [--status S] [--overdue] [--school X]
**             [--supervised 0|1] [--year Y] [--format text|json]
**   generate  --county C --year Y [--standard F] [--format text|json]
**   add       --county C [--school X] --what TEXT [--what-en TEXT]
**             [--measure T] [--unit T] [--person T] [--deadline D] [--year Y]
**   update    --id N [--version V] [--status S] [--measure T] [--unit T]
**             [--person T] [--deadline D] [--supervised 0|1] [--note T]
**   signoff   --id N [--version V] [--override REASON] [--standard F]
**   evidence  --id N FILE [--type CONTENT-TYPE]
**   show      --id N [--format text|json]
**
** The command line acts as the administrator, recorded under the name
** --who gives (default "cli").  Every rule — who may, the data check of a
** sign-off, the text limits — is lib/cycle's, so that the API and this
** command refuse the same things with the same problems; JSON output is
** the same bytes as the API's.  --version defaults to the item's current
** version (a script acting on what it just read).
*/
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lopts {
	const char *db, *sub, *area, *status, *school, *format, *county, *what, *what_en;
	const char *measure, *unit, *person, *deadline, *id, *version, *override, *standard;
	const char *supervised, *note, *type, *who, *file;
	int overdue, year, help;
};

static int parse(int argc, char **argv, struct lopts *o, const struct cli *cli)
{
	static const struct { const char *flag; size_t off; } opts[] = {
		{"area", offsetof(struct lopts, area)}, {"status", offsetof(struct lopts, status)},
		{"school", offsetof(struct lopts, school)}, {"format", offsetof(struct lopts, format)},
		{"county", offsetof(struct lopts, county)}, {"what", offsetof(struct lopts, what)},
		{"what-en", offsetof(struct lopts, what_en)}, {"measure", offsetof(struct lopts, measure)},
		{"unit", offsetof(struct lopts, unit)}, {"person", offsetof(struct lopts, person)},
		{"deadline", offsetof(struct lopts, deadline)}, {"id", offsetof(struct lopts, id)},
		{"version", offsetof(struct lopts, version)},
		{"override", offsetof(struct lopts, override)},
		{"standard", offsetof(struct lopts, standard)},
		{"supervised", offsetof(struct lopts, supervised)},
		{"note", offsetof(struct lopts, note)}, {"type", offsetof(struct lopts, type)},
		{"who", offsetof(struct lopts, who)},
	};

	memset(o, 0, sizeof *o);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		size_t k;
		if (!strcmp(a, "--lang")) {
			i++;
			continue;
		}
		if (!strncmp(a, "--lang=", 7))
			continue;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			o->help = 1;
			continue;
		}
		if (!strcmp(a, "--overdue")) {
			o->overdue = 1;
			continue;
		}
		if (a[0] != '-') {
			if (!o->db)
				o->db = a;
			else if (!o->sub)
				o->sub = a;
			else if (!o->file)
				o->file = a;
			else
				goto bad;
			continue;
		}
		if (i + 1 >= argc)
			goto bad;
		if (!strcmp(a, "--year")) {
			char *end;
			long y = strtol(argv[i + 1], &end, 10);
			if (*end || !cli_year_ok(y)) {
				cli_error(cli, "年度“%s”无效", "invalid year '%s'", argv[i + 1]);
				return -1;
			}
			o->year = (int)y;
			i++;
			continue;
		}
		for (k = 0; k < sizeof opts / sizeof opts[0]; k++)
			if (!strncmp(a, "--", 2) && !strcmp(a + 2, opts[k].flag)) {
				*(const char **)((char *)o + opts[k].off) = argv[++i];
				break;
			}
		if (k < sizeof opts / sizeof opts[0])
			continue;
bad:
		cli_error(cli, "未知或缺少参数的选项“%s”", "unknown option or missing argument '%s'", a);
		return -1;
	}
	return 0;
}

static const char *const usage_zh =
	"用法:junheng ledger 数据库 子命令 [选项] [--who 姓名]\n"
	"  list      [--area 代码] [--status 状态] [--overdue] [--school 学校] [--supervised 0|1]\n"
	"            [--year 年度] [--format text|json]\n"
	"  generate  --county 县 --year 年度 [--standard 文件] [--format text|json]\n"
	"  add       --county 县 [--school 学校] --what 问题 [--what-en 英文] [--measure 措施]\n"
	"            [--unit 责任单位] [--person 责任人] [--deadline YYYY-MM-DD] [--year 年度]\n"
	"  update    --id 编号 [--version 版本] [--status 状态] [--measure …] [--unit …]\n"
	"            [--person …] [--deadline …] [--supervised 0|1] [--note 督办说明]\n"
	"  signoff   --id 编号 [--version 版本] [--override 理由] [--standard 文件]\n"
	"  evidence  --id 编号 文件 [--type 内容类型]\n"
	"  show      --id 编号 [--format text|json]\n"
	"\n"
	"工作台账:由县域结论生成整改事项(不重复)、手工添加、修改措施和期限、推进状态\n"
	"(open → in_progress → awaiting_signoff),销号时按当前数据核验,问题仍在则拒绝并给出现值;\n"
	"市级可说明理由直接销号。命令行以管理员身份操作,--who 记录操作人(默认 cli)。\n";
static const char *const usage_en =
	"usage: junheng ledger DB SUBCOMMAND [OPTIONS] [--who NAME]\n"
	"  list      [--area CODE] [--status S] [--overdue] [--school X] [--supervised 0|1]\n"
	"            [--year Y] [--format text|json]\n"
	"  generate  --county C --year Y [--standard FILE] [--format text|json]\n"
	"  add       --county C [--school X] --what TEXT [--what-en TEXT] [--measure T]\n"
	"            [--unit T] [--person T] [--deadline YYYY-MM-DD] [--year Y]\n"
	"  update    --id N [--version V] [--status S] [--measure …] [--unit …]\n"
	"            [--person …] [--deadline …] [--supervised 0|1] [--note TEXT]\n"
	"  signoff   --id N [--version V] [--override REASON] [--standard FILE]\n"
	"  evidence  --id N FILE [--type CONTENT-TYPE]\n"
	"  show      --id N [--format text|json]\n"
	"\n"
	"Rectification ledgers: items generated from a county's verdict (never twice), added by\n"
	"hand, their measures and deadlines edited, moved open → in_progress → awaiting_signoff;\n"
	"sign-off re-checks the current data and refuses with the figure while the shortfall\n"
	"remains; the city may sign off with a reason.  The command acts as the administrator;\n"
	"--who names who did it (default cli).\n";

static int usage(const struct cli *cli, int asked)
{
	return cli_usage_text(cli, usage_zh, usage_en, asked);
}

static int number(const struct cli *cli, const char *flag, const char *text, long min,
                  long *out)
{
	char *end;
	long v;

	if (!text)
		return 0;
	v = strtol(text, &end, 10);
	if (!*text || *end || v < min) {
		cli_error(cli, "选项 --%s 的值“%s”应为不小于 %ld 的整数",
		          "--%s: '%s' is not a whole number of at least %ld", flag, text, min);
		return -1;
	}
	*out = v;
	return 0;
}

static void too_long(const char *field, int max, jh_diags *d)
{
	char lim[16];

	snprintf(lim, sizeof lim, "%d", max);
	jh_diags_add(d, JH_P_LEDGER_TEXT_LONG, NULL, NULL, 0, 0, NULL, field, lim);
}

static const char *what_of(const jh_ledger_item *it, int en)
{
	return en && it->what_en[0] ? it->what_en : it->what_zh;
}

static void print_item(const jh_ledger_item *it, const jh_day *today, int en)
{
	printf("#%ld  %s%s  %s  %s%s%s  %s", it->id, jh_ledger_status_name(it->status, en ? "en" : "zh"),
	       jh_ledger_overdue(it, today) ? (en ? " (overdue)" : "(逾期)") : "",
	       it->deadline.s[0] ? it->deadline.s : "-", it->county, it->school[0] ? " " : "",
	       it->school, what_of(it, en));
	if (it->figure[0])
		printf(en ? "  [now %s; required %s]" : "  [现值 %s;要求 %s]", it->figure, it->requirement);
	if (it->supervised)
		fputs(en ? "  [named supervision]" : "  [挂牌督办]", stdout);
	putchar('\n');
}

static jh_code sub_list(jh_store *s, const jh_user *who, const struct lopts *o,
                        const struct cli *cli, jh_diags *d)
{
	jh_ledger_filter f = JH_LEDGER_FILTER_INIT;
	jh_day today = jh_day_today(s);
	int en = !strcmp(cli->lang, "en");
	long sup = -1;
	jh_code rc;

	f.area = o->area;
	f.school = o->school;
	f.year = o->year;
	if (o->overdue)
		f.overdue_on = today.s;
	if (o->status && (f.status = jh_ledger_status_parse(o->status)) < 0) {
		cli_error(cli, "未知状态“%s”", "unknown status '%s'", o->status);
		return JH_ERR_ARG;
	}
	if (number(cli, "supervised", o->supervised, 0, &sup) || sup > 1)
		return JH_ERR_ARG;
	f.supervised = (int)sup;
	if (o->format && !strcmp(o->format, "json")) {
		jh_buf out = JH_BUF_INIT;
		if (!(rc = jh_ledger_list_json(s, who, &f, cli->lang, &out, d)))
			printf("%s\n", out.data);
		jh_buf_free(&out);
		return rc;
	} else {
		jh_ledger_item *v;
		size_t n;
		if ((rc = jh_ledger_list(s, who, &f, &v, &n, d)))
			return rc;
		for (size_t i = 0; i < n; i++)
			print_item(&v[i], &today, en);
		printf(en ? "%zu items\n" : "共 %zu 项\n", n);
		free(v);
	}
	return JH_OK;
}

static jh_code show_json(jh_store *s, const jh_user *who, long id, const struct cli *cli,
                         jh_diags *d)
{
	jh_buf out = JH_BUF_INIT;
	jh_code rc = jh_ledger_show_json(s, who, id, cli->lang, &out, d);

	if (!rc)
		printf("%s\n", out.data);
	jh_buf_free(&out);
	return rc;
}

static jh_code sub_show(jh_store *s, const jh_user *who, long id, const struct lopts *o,
                        const struct cli *cli, jh_diags *d)
{
	jh_ledger_item it;
	jh_ledger_event *ev;
	jh_day today = jh_day_today(s);
	int en = !strcmp(cli->lang, "en");
	size_t n;
	jh_code rc;

	if (o->format && !strcmp(o->format, "json"))
		return show_json(s, who, id, cli, d);
	if ((rc = jh_ledger_get(s, who, id, &it, d)))
		return rc;
	print_item(&it, &today, en);
	printf(en ? "  version %ld; measure: %s; unit: %s; person: %s\n"
	          : "  版本 %ld;措施:%s;责任单位:%s;责任人:%s\n", it.version,
	       it.measure[0] ? it.measure : "-", it.unit[0] ? it.unit : "-",
	       it.person[0] ? it.person : "-");
	if (it.override_reason[0])
		printf(en ? "  override: %s\n" : "  说明理由销号:%s\n", it.override_reason);
	if ((rc = jh_store_ledger_events(s, id, &ev, &n, d)))
		return rc;
	for (size_t i = 0; i < n; i++)
		printf("  %s  %s  %s%s%s%s%s  %s\n", ev[i].at, ev[i].who[0] ? ev[i].who : "-",
		       ev[i].action, ev[i].to_status[0] ? " " : "", ev[i].from_status,
		       ev[i].from_status[0] && ev[i].to_status[0] ? " → " : "", ev[i].to_status,
		       ev[i].detail);
	jh_ledger_events_free(ev, n);
	return JH_OK;
}

int cmd_ledger(int argc, char **argv, struct cli *cli)
{
	struct lopts o;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_standard std;
	jh_user who;
	int en = !strcmp(cli->lang, "en"), r;
	long id = 0, version = 0;
	jh_code rc = JH_OK;

	if ((r = parse(argc, argv, &o, cli)))
		return usage(cli, 0);
	if (o.help)
		return usage(cli, 1);
	if (!o.db || !o.sub)
		return usage(cli, 0);
	if (number(cli, "id", o.id, 1, &id) || number(cli, "version", o.version, 1, &version))
		return EXIT_INPUT;
	memset(&who, 0, sizeof who);
	who.role = JH_ROLE_ADMIN;
	snprintf(who.name, sizeof who.name, "%s", o.who && *o.who ? o.who : "cli");
	if ((strcmp(o.sub, "list") && strcmp(o.sub, "generate") && strcmp(o.sub, "add") && !id) ||
	    (o.file && strcmp(o.sub, "evidence"))) {
		return usage(cli, 0);
	}
	if ((rc = cli_load_standard(o.standard, &std, &d)))
		goto out;
	if ((rc = jh_store_open(o.db, &s, &d)))
		goto out;
	if (id && !version && strcmp(o.sub, "show") && strcmp(o.sub, "evidence")) {
		jh_ledger_item it;
		if ((rc = jh_ledger_get(s, &who, id, &it, &d)))
			goto out;
		version = it.version;
	}
	if (!strcmp(o.sub, "list")) {
		rc = sub_list(s, &who, &o, cli, &d);
	} else if (!strcmp(o.sub, "generate")) {
		if (!o.county || !o.year) {
			rc = JH_ERR_ARG;
			r = usage(cli, 0);
			goto out;
		}
		if (o.format && !strcmp(o.format, "json")) {
			jh_buf out = JH_BUF_INIT;
			if (!(rc = jh_ledger_generate_json(s, &who, o.county, o.year, &std, cli->lang,
			                                   &out, &d)))
				printf("%s\n", out.data);
			jh_buf_free(&out);
		} else {
			jh_ledger_gen_stats st;
			if (!(rc = jh_ledger_generate(s, &who, o.county, o.year, &std, &st, &d)))
				printf(en ? "%s %d: %zu new, %zu refreshed, %zu reopened, %zu unchanged\n"
				          : "%s %d:新增 %zu 项,更新 %zu 项,重开 %zu 项,未变 %zu 项\n",
				       o.county, o.year, st.created, st.refreshed, st.reopened, st.unchanged);
		}
	} else if (!strcmp(o.sub, "add")) {
		jh_ledger_item it;
		memset(&it, 0, sizeof it);
		if (!o.county) {
			rc = JH_ERR_ARG;
			r = usage(cli, 0);
			goto out;
		}
		/* Over-long text is refused by the library, never cut: copy
		 * what fits the field plus one byte, which it then refuses. */
#define SET(f, name, max, v) do { if ((v) && strlen(v) >= sizeof it.f) { \
			too_long(name, max, &d); rc = JH_ERR_INPUT; goto out; } \
			snprintf(it.f, sizeof it.f, "%s", (v) ? (v) : ""); } while (0)
		SET(county, "county", 6, o.county);
		SET(school, "school", 23, o.school);
		SET(what_zh, "what_zh", JH_LEDGER_WHAT_MAX, o.what);
		SET(what_en, "what_en", JH_LEDGER_WHAT_MAX, o.what_en);
		SET(measure, "measure", JH_LEDGER_MEASURE_MAX, o.measure);
		SET(unit, "unit", JH_LEDGER_UNIT_MAX, o.unit);
		SET(person, "person", JH_LEDGER_PERSON_MAX, o.person);
		if (o.deadline && !jh_day_parse(o.deadline, &it.deadline)) {
			jh_diags_add(&d, JH_P_LEDGER_DEADLINE, NULL, NULL, 0, 0, NULL, o.deadline, NULL);
			rc = JH_ERR_INPUT;
			goto out;
		}
#undef SET
		it.year = o.year;
		if (!(rc = jh_ledger_add(s, &who, &it, &d)))
			printf(en ? "item #%ld added (%s)\n" : "已添加事项 #%ld(%s)\n", it.id, it.key);
	} else if (!strcmp(o.sub, "update")) {
		jh_ledger_change ch = JH_LEDGER_CHANGE_NONE;
		jh_ledger_item it;
		long sup = -1;
		ch.measure = o.measure;
		ch.unit = o.unit;
		ch.person = o.person;
		ch.deadline = o.deadline;
		ch.supervised_note = o.note;
		if (o.status && (ch.status = jh_ledger_status_parse(o.status)) < 0) {
			cli_error(cli, "未知状态“%s”", "unknown status '%s'", o.status);
			rc = JH_ERR_ARG;
			goto out;
		}
		if (number(cli, "supervised", o.supervised, 0, &sup) || sup > 1) {
			rc = JH_ERR_ARG;
			goto out;
		}
		ch.supervised = (int)sup;
		if (!(rc = jh_ledger_update(s, &who, id, version, &ch, &it, &d)))
			printf(en ? "item #%ld: %s, version %ld\n" : "事项 #%ld:%s,版本 %ld\n", it.id,
			       jh_ledger_status_name(it.status, cli->lang), it.version);
	} else if (!strcmp(o.sub, "signoff")) {
		jh_ledger_check c;
		jh_ledger_item it;
		rc = jh_ledger_signoff(s, &who, id, version, o.override, &std, &c, &it, &d);
		if (!rc) {
			printf(en ? "item #%ld signed off" : "事项 #%ld 已销号", it.id);
			if (c.checked)
				printf(en ? " (%d data: %s%s%s)" : "(%d 年数据:%s%s%s)", c.year,
				       c.figure[0] ? c.figure : "-", c.note_zh[0] ? "; " : "",
				       en ? c.note_en : c.note_zh);
			putchar('\n');
		}
	} else if (!strcmp(o.sub, "evidence")) {
		char *data = NULL, *base;
		size_t len = 0;
		jh_ledger_evidence e;
		if (!o.file) {
			rc = JH_ERR_ARG;
			r = usage(cli, 0);
			goto out;
		}
		if ((rc = cli_read_file(o.file, &data, &len))) {
			cli_file_problem(&d, o.file, errno);
			rc = JH_ERR_INPUT;
			goto out;
		}
		base = strrchr(o.file, '/');
		rc = jh_ledger_evidence_add(s, &who, id, base ? base + 1 : o.file, o.type, data, len,
		                            &e, &d);
		free(data);
		if (!rc)
			printf(en ? "evidence #%ld: %s, %lld bytes, SHA-256 %s\n"
			          : "佐证材料 #%ld:%s,%lld 字节,SHA-256 %s\n", e.id, e.name, e.size,
			       e.sha256);
	} else if (!strcmp(o.sub, "show")) {
		rc = sub_show(s, &who, id, &o, cli, &d);
	} else {
		cli_error(cli, "未知子命令“%s”", "unknown subcommand '%s'", o.sub);
		rc = JH_ERR_ARG;
		r = usage(cli, 0);
	}
out:
	if (rc && rc != JH_ERR_ARG)
		cli_fail(cli, rc, &d);
	jh_store_close(s);
	jh_diags_free(&d);
	return rc == JH_ERR_ARG ? EXIT_INPUT : cli_exit_status(rc);
}

void cli_ledger_refresh(const struct cli *cli, jh_store *s, const char *who,
                        const jh_import_set *is, const char *school, int year)
{
	jh_diags d = JH_DIAGS_INIT;
	size_t n = 0;
	char county[8];
	jh_code rc;

	if (is)
		rc = jh_ledger_refresh_import(s, who, is, NULL, &n, &d);
	else if (!(rc = jh_store_school_county(s, school, county, &d)))
		rc = jh_ledger_refresh(s, who, county, year, NULL, &n, &d);
	else if (rc == JH_ERR_NOTFOUND)
		rc = JH_OK;
	if (rc) {
		cli_print_diags(&d, cli);
		cli_error(cli, "警告:未能核对工作台账(数据已保存)",
		          "warning: the ledgers were not checked (the data is stored)");
	} else if (n) {
		printf(strcmp(cli->lang, "en") ? "工作台账:%zu 项已销号事项问题重现,已重开\n"
		                               : "ledger: %zu signed-off items reopened (the shortfall is back)\n", n);
	}
	jh_diags_free(&d);
}
