/*
** cmd_gaps.c — `junheng gaps DB --county C --year Y [--format text|json|csv]
**                 [--costs F] [--standard F] [--time-limit SECONDS]`: every shortfall in real
** units — what each failing school lacks, and the cheapest plan of
** additions after which the whole county passes the resource part.  The
** gathering and the rendering are the library's (jh_gaps_county,
** jh_plan_county, jh_gaps_report); this file reads the options, the
** costs file and the store (rows, and areas for the county's name).
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

static jh_code load_costs(const struct cli *cli, const char *path, jh_costs *c,
                          jh_diags *d)
{
	char *text = NULL;
	size_t len;
	jh_code rc;

	if ((rc = jh_costs_default(c, d)) || !path)
		return rc;
	if ((rc = cli_read_file(path, &text, &len))) {
		/* In the user's language (a JH_P_OTHER text would be English). */
		cli_error(cli, "无法读取单价文件 %s", "cannot read the costs file %s", path);
		return JH_ERR_INPUT;
	}
	rc = jh_costs_parse(text, len, path, c, d);
	free(text);
	return rc;
}

int cmd_gaps(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_dataset *ds = NULL;
	jh_result *res = NULL;
	jh_areas *areas = NULL;
	jh_standard std;
	jh_costs costs;
	jh_addition *gaps = NULL;
	size_t ngaps = 0;
	jh_plan plan;
	jh_buf out = JH_BUF_INIT;
	jh_plan_options popt = {0, 0};   /* the library's defaults */
	int fmt = JH_FMT_TEXT;
	char *end = NULL;
	jh_code rc;

	memset(&plan, 0, sizeof plan);
	if ((r = dbopts_parse(argc, argv, "county year format costs standard time-limit headers", &o, cli)) ||
	    !o.county || !o.year || o.nrest ||
	    (o.format && (fmt = jh_format_parse(o.format)) < 0) ||
	    (o.headers && strcmp(o.headers, "zh") && strcmp(o.headers, "en")) ||
	    (o.time_limit && (popt.time_limit = strtod(o.time_limit, &end),
	                      *end || !(popt.time_limit > 0 && popt.time_limit <= 86400)))) {
		free(o.rest);
		return cli_usage(cli, "gaps", r == 1);
	}
	jh_filter f = {o.county, o.year, NULL};
	if ((rc = cli_load_standard(o.standard, &std, &d)) ||
	    (rc = load_costs(cli, o.costs, &costs, &d)) ||
	    (rc = jh_store_open_readonly(o.db, &s, &d)) ||
	    (rc = jh_store_load(s, &f, 0, &ds, &d)))
		goto fail;
	if ((rc = jh_eval(ds, &std, &f, &res, &d))) {
		if (rc == JH_ERR_NOTFOUND)
			jh_diags_add(&d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, o.county, NULL);
		goto fail;
	}
	/* County names for the report: the areas as stored (res keeps a
	 * pointer, so they live until res is freed). */
	if ((rc = cli_attach_areas(s, res, &areas, &d)))
		goto fail;
	if ((rc = jh_gaps_county(res, 0, &costs, &gaps, &ngaps, &d)) ||
	    (rc = jh_plan_county(res, 0, &costs, &popt, &plan, &d)) ||
	    (rc = jh_gaps_report(&plan, gaps, ngaps, (jh_format)fmt,
	                         fmt == JH_FMT_CSV && o.headers ? o.headers : cli->lang, &out)))
		goto fail;
	fwrite(out.data, 1, out.len, stdout);
	goto out;
fail:
	cli_fail(cli, rc, &d);
out:
	jh_buf_free(&out);
	jh_plan_free(&plan);
	free(gaps);
	jh_result_free(res);
	jh_areas_free(areas);
	jh_dataset_free(ds);
	jh_store_close(s);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
