/*
** cmd_gaps.c — `junheng gaps DB --county C --year Y [--format text|json|csv]
**                 [--costs F] [--standard F] [--time-limit SECONDS]`: every shortfall in real
** units — what each failing school lacks, and the cheapest plan of
** additions after which the whole county passes the resource part.  The
** loading, gathering and rendering are the library's (jh_service_gaps);
** this file reads the options and the costs file and opens the store.
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
	jh_standard std;
	jh_costs costs;
	jh_buf out = JH_BUF_INIT;
	double time_limit = 0;      /* the library's default */
	int fmt = JH_FMT_TEXT;
	char *end = NULL;
	jh_code rc;

	if ((r = dbopts_parse(argc, argv, "county year format costs standard time-limit headers", &o, cli)) ||
	    !o.county || !o.year || o.nrest ||
	    (o.format && (fmt = jh_format_parse(o.format)) < 0) ||
	    (o.headers && strcmp(o.headers, "zh") && strcmp(o.headers, "en")) ||
	    (o.time_limit && (time_limit = strtod(o.time_limit, &end),
	                      *end || !(time_limit > 0 && time_limit <= 86400)))) {
		free(o.rest);
		return cli_usage(cli, "gaps", r == 1);
	}
	/* CSV: the column names and values in --headers' language. */
	jh_query q = {o.county, o.year, 0, &std, &costs,
	              fmt == JH_FMT_CSV && o.headers ? o.headers : cli->lang, 0, time_limit};
	if ((rc = cli_load_standard(o.standard, &std, &d)) ||
	    (rc = load_costs(cli, o.costs, &costs, &d)) ||
	    (rc = jh_store_open_readonly(o.db, &s, &d)) ||
	    (rc = jh_service_gaps(s, &q, (jh_format)fmt, &out, &d)))
		cli_fail(cli, rc, &d);
	else
		fwrite(out.data, 1, out.len, stdout);
	jh_buf_free(&out);
	jh_store_close(s);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
