/*
** cmd_whatif.c — `junheng whatif DB --county C --year Y --change FILE
**                  [--format text|json] [--ids] [--standard F]`: the
** verdict before and after planned changes, computed on a copy; the
** database is only read.  Text names the county and each item that moved
** in words (schools by code and name); ids only with --ids, and in JSON.
** The comparison and its rendering are the library's (jh_service_whatif);
** this file reads the change file into a table and opens the store.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

int cmd_whatif(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_table *t = NULL;
	jh_standard std;
	jh_buf out = JH_BUF_INIT;
	char *data = NULL, *text = NULL;
	size_t len, tlen;
	int fmt = JH_FMT_TEXT;
	jh_code rc;

	if ((r = dbopts_parse(argc, argv, "county year change format standard ids", &o, cli)) ||
	    !o.county || !o.year || !o.change || o.nrest ||
	    (o.format && (fmt = jh_format_parse(o.format)) != JH_FMT_TEXT && fmt != JH_FMT_JSON)) {
		free(o.rest);
		return cli_usage(cli, "whatif", r == 1);
	}
	jh_query q = {o.county, o.year, 0, &std, NULL, cli->lang,
	              o.ids ? JH_VERDICT_IDS : 0, 0};
	/* The change file first, so a bad one is reported before any work. */
	if ((rc = cli_read_file(o.change, &data, &len))) {
		cli_error(cli, "无法读取 %s", "cannot read %s", o.change);
		goto out;
	}
	if ((rc = jh_to_utf8(data, len, &text, &tlen, NULL))) {
		jh_diags_add(&d, JH_P_ENCODING, o.change, NULL, 0, 0, NULL, NULL, NULL);
		goto fail;
	}
	if ((rc = jh_csv_parse(text, tlen, o.change, &t, &d)) ||
	    (rc = cli_load_standard(o.standard, &std, &d)) ||
	    (rc = jh_store_open_readonly(o.db, &s, &d)) ||
	    (rc = jh_service_whatif(s, &q, t, (jh_format)fmt, &out, &d)))
		goto fail;
	fwrite(out.data, 1, out.len, stdout);
	goto out;
fail:
	cli_fail(cli, rc, &d);
out:
	jh_buf_free(&out);
	jh_store_close(s);
	jh_table_free(t);
	free(data);
	free(text);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
