/*
** cmd_verdict.c — `junheng verdict DB --county C --year Y
**                   [--format text|json] [--standard F] [--as-of R]`:
** the whole standard for one county and year, every shortfall named.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

/* Load the county-year's schools and records from the store and judge. */
int cli_county_verdict(struct dbopts *o, struct cli *cli, const char *std_path,
                       jh_verdict *v, jh_result **res, jh_dataset **ds,
                       jh_standard *std, jh_diags *d);

int cli_county_verdict(struct dbopts *o, struct cli *cli, const char *std_path,
                       jh_verdict *v, jh_result **res, jh_dataset **ds,
                       jh_standard *std, jh_diags *d)
{
	jh_store *s = NULL;
	jh_county_items *items = NULL;
	jh_filter f = {o->county, o->year, NULL};
	long rev = 0;
	jh_code rc;

	(void)cli;
	if ((rc = cli_load_standard(std_path, std, d)))
		return rc;
	if ((rc = jh_store_open(o->db, &s, d)))
		return rc;
	if (o->as_of)
		rc = jh_store_resolve_as_of(s, o->as_of, &rev, d);
	if (!rc)
		rc = jh_store_load(s, &f, rev, ds, d);
	if (!rc)
		rc = jh_store_county_items(s, &f, rev, &items, d);
	jh_store_close(s);
	if (!rc)
		rc = jh_eval(*ds, std, &f, res, d);
	if (rc == JH_ERR_NOTFOUND)
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, o->county, NULL);
	if (!rc)
		rc = jh_verdict_county(*res, 0, items, v, d);
	jh_county_items_free(items);
	return rc;
}

int cmd_verdict(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	jh_diags d = JH_DIAGS_INIT;
	jh_verdict v;
	jh_result *res = NULL;
	jh_dataset *ds = NULL;
	jh_standard std;
	jh_buf out = JH_BUF_INIT;
	const char *std_path = NULL;
	int fmt = JH_FMT_TEXT;
	jh_code rc;

	memset(&v, 0, sizeof v);
	if (dbopts_parse(argc, argv, "county year format standard as-of", &o, cli) ||
	    !o.county || !o.year || o.nrest ||
	    (o.format && (fmt = jh_format_parse(o.format)) != JH_FMT_TEXT && fmt != JH_FMT_JSON)) {
		cli_error(cli, "用法:junheng verdict 数据库 --county 县代码 --year 年度 [--format text|json] [--standard 标准文件] [--as-of 修订]",
		          "usage: junheng verdict DB --county CODE --year YEAR [--format text|json] [--standard FILE] [--as-of REV]");
		free(o.rest);
		return EXIT_INPUT;
	}
	std_path = o.standard;
	rc = cli_county_verdict(&o, cli, std_path, &v, &res, &ds, &std, &d);
	if (!rc)
		rc = jh_verdict_report(&v, (jh_format)fmt, cli->lang, &out);
	if (rc)
		cli_fail(cli, rc, &d);
	else
		fwrite(out.data, 1, out.len, stdout);
	jh_buf_free(&out);
	jh_verdict_free(&v);
	jh_result_free(res);
	jh_dataset_free(ds);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
