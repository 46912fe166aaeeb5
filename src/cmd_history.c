/*
** cmd_history.c — `junheng history DB --school X | --county C
**                   [--format text|json]`: who changed what, when and why;
** `junheng history DB --revisions [--from N] [--limit N] [--format ...]`:
** the revisions themselves.  The library renders both.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

int cmd_history(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_history *h = NULL;
	jh_revisions *revs = NULL;
	jh_buf out = JH_BUF_INIT;
	jh_format fmt;
	long from = 1, limit = 0;
	jh_code rc;

	if ((r = dbopts_parse(argc, argv, "school county format revisions from limit",
	                      &o, cli)) ||
	    (!o.revisions && !o.school && !o.county) ||
	    (o.revisions && (o.school || o.county)) ||
	    (!o.revisions && (o.from || o.limit)) || o.nrest ||
	    (o.format && strcmp(o.format, "text") && strcmp(o.format, "json"))) {
		free(o.rest);
		return cli_usage(cli, "history", r == 1);
	}
	if ((o.from && dbopts_number(cli, "from", o.from, 1, &from)) ||
	    (o.limit && dbopts_number(cli, "limit", o.limit, 1, &limit))) {
		free(o.rest);
		return EXIT_INPUT;
	}
	fmt = o.format && !strcmp(o.format, "json") ? JH_FMT_JSON : JH_FMT_TEXT;
	if ((rc = jh_store_open_readonly(o.db, &s, &d)))
		cli_fail(cli, rc, &d);
	else if (o.revisions) {
		if ((rc = jh_store_revisions(s, from, (size_t)limit, &revs, &d)))
			cli_fail(cli, rc, &d);
		else
			rc = jh_revisions_report(revs, fmt, cli->lang, &out);
	} else if ((rc = jh_store_history(s, o.school, o.county, &h, &d))) {
		cli_fail(cli, rc, &d);
	} else {
		rc = jh_history_report(h, fmt, cli->lang, &out);
	}
	if (rc == JH_OK && out.len)
		fwrite(out.data, 1, out.len, stdout);
	jh_buf_free(&out);
	jh_revisions_free(revs);
	jh_history_free(h);
	jh_store_close(s);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
