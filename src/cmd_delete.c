/*
** cmd_delete.c — `junheng delete DB --school X [--year Y] --why R`: an
** audited deletion; the rows stay in the history and in --as-of views.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

int cmd_delete(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_import_stats st;
	jh_code rc;

	if ((r = dbopts_parse(argc, argv, "who why school year", &o, cli)) ||
	    !o.school || !o.why || o.nrest) {
		free(o.rest);
		return cli_usage(cli, "delete", r == 1);
	}
	jh_revision_info info = {cli_who(o.who), o.why, "delete", 0, NULL, NULL};
	if ((rc = jh_store_open(o.db, &s, &d)) ||
	    (rc = jh_store_delete(s, o.school, o.year, &info, &st, &d)))
		cli_fail(cli, rc, &d);
	else
		printf(strcmp(cli->lang, "en") ? "修订 %ld:删除 %zu 条学校年度记录\n"
		                               : "revision %ld: %zu school-years deleted\n",
		       st.revision, st.deleted);
	/* --- issue 12: ledger items whose shortfall is back are reopened
	 * (a deletion can fail a coefficient); every year: only the one named --- */
	if (!rc && st.revision && o.year)
		cli_ledger_refresh(cli, s, cli_who(o.who), NULL, o.school, o.year);
	jh_store_close(s);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
