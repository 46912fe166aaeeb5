/*
** cmd_verdict.c — `junheng verdict DB [--county C] --year Y
**                   [--format text|json|csv] [--ids] [--standard F]
**                   [--as-of R]`:
** the whole standard for one county and year, every shortfall named; with
** no --county, one line per county of the year (text) or every item of
** every county (JSON, CSV).  Counties are named from the stored areas;
** item ids appear in text and CSV only with --ids.  Loading, judging and
** rendering are the service layer's (jh_service_verdict), so that the
** server answers with the same bytes.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

int cmd_verdict(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_standard std;
	jh_buf out = JH_BUF_INIT;
	int fmt = JH_FMT_TEXT;
	jh_code rc;

	if ((r = dbopts_parse(argc, argv, "county year format standard as-of ids", &o, cli)) ||
	    !o.year || o.nrest ||
	    (o.format && (fmt = jh_format_parse(o.format)) != JH_FMT_TEXT && fmt != JH_FMT_JSON &&
	     fmt != JH_FMT_CSV)) {
		free(o.rest);
		return cli_usage(cli, "verdict", r == 1);
	}
	jh_query q = {o.county, o.year, 0, &std, NULL, cli->lang,
	              o.ids ? JH_VERDICT_IDS : 0, 0};
	if (!(rc = cli_load_standard(o.standard, &std, &d)) &&
	    !(rc = jh_store_open_readonly(o.db, &s, &d))) {
		if (o.as_of && (rc = jh_store_resolve_as_of(s, o.as_of, &q.as_of, &d)) ==
		               JH_ERR_NOTFOUND)
			/* No such revision: the county is named too, as this
			 * command always did. */
			jh_diags_add(&d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL,
			             o.county ? o.county : "", NULL);
		if (!rc)
			rc = jh_service_verdict(s, &q, (jh_format)fmt, &out, &d);
	}
	jh_store_close(s);
	if (rc)
		cli_fail(cli, rc, &d);
	else
		fwrite(out.data, 1, out.len, stdout);
	jh_buf_free(&out);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
