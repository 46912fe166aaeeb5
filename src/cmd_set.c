/*
** cmd_set.c — `junheng set DB --school X --year Y FIELD=VALUE... --why R
**               [--base-revision N]`:
** an audited edit of one school-year; every value is checked like an
** imported cell.  With --base-revision N (the revision the editor's view
** was read at) the edit is refused if the school-year changed after N.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

int cmd_set(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	const char **fields = NULL, **values = NULL;
	char **copies = NULL;
	jh_import_stats st;
	jh_code rc = JH_ERR_NOMEM;
	long base = 0;
	int status;

	if ((r = dbopts_parse(argc, argv, "who why school year base-revision", &o, cli)) ||
	    !o.school || !o.year || !o.why || !o.nrest) {
		free(o.rest);
		return cli_usage(cli, "set", r == 1);
	}
	if (o.base_revision && dbopts_number(cli, "base-revision", o.base_revision, 1, &base)) {
		free(o.rest);
		return EXIT_INPUT;
	}
	fields = calloc((size_t)o.nrest, sizeof *fields);
	values = calloc((size_t)o.nrest, sizeof *values);
	copies = calloc((size_t)o.nrest, sizeof *copies);
	if (!fields || !values || !copies)
		goto out;
	for (int i = 0; i < o.nrest; i++) {
		char *eq;
		if (!(copies[i] = strdup(o.rest[i])))
			goto out;
		if (!(eq = strchr(copies[i], '='))) {
			cli_error(cli, "“%s”应为 字段=值", "'%s' should be FIELD=VALUE", o.rest[i]);
			rc = JH_ERR_ARG;
			goto out;
		}
		*eq = '\0';
		fields[i] = copies[i];
		values[i] = eq + 1;
	}
	{
		jh_revision_info info = {cli_who(o.who), o.why, "edit", 0, NULL, NULL};
		if ((rc = jh_store_open(o.db, &s, &d)) ||
		    (rc = jh_store_set(s, o.school, o.year, base, (size_t)o.nrest, fields,
		                       values, &info, &st, &d))) {
			cli_fail(cli, rc, &d);
			goto out;
		}
	}
	/* --- issue 12: ledger items whose shortfall is back are reopened --- */
	if (st.revision)
		cli_ledger_refresh(cli, s, cli_who(o.who), NULL, o.school, o.year);
	if (st.revision)
		printf(strcmp(cli->lang, "en") ? "修订 %ld:%zu 个字段变更\n"
		                               : "revision %ld: %zu field changes\n",
		       st.revision, st.fields_changed);
	else
		printf(strcmp(cli->lang, "en") ? "无变化\n" : "no changes\n");
out:
	status = cli_exit_status(rc);
	for (int i = 0; copies && i < o.nrest; i++)
		free(copies[i]);
	free(copies);
	free(fields);
	free(values);
	jh_store_close(s);
	jh_diags_free(&d);
	free(o.rest);
	return status;
}
