/*
** cmd_init.c — `junheng init DB`: create a database, or bring an existing
** one to the current schema; a current one is left untouched.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

int cmd_init(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r, en = !strcmp(cli->lang, "en");
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_code rc;

	if ((r = dbopts_parse(argc, argv, "", &o, cli)) || o.nrest) {
		free(o.rest);
		return cli_usage(cli, "init", r == 1);
	}
	/* An existing database is looked at without writing to it: a
	 * current one is left exactly as it is, an older one is upgraded,
	 * anything else (another program's file, a damaged one) refused. */
	rc = jh_store_open_readonly(o.db, &s, &d);
	if (rc == JH_OK) {
		printf(en ? "%s already exists (schema version %d); nothing was changed\n"
		          : "数据库 %s 已存在(数据结构版本 %d),未作任何改动\n",
		       o.db, jh_store_schema_version(s));
		goto out;
	}
	if (d.count == 1 && (d.items[0].problem == JH_P_DB_MISSING ||
	                     d.items[0].problem == JH_P_DB_OLD_SCHEMA)) {
		int upgrade = d.items[0].problem == JH_P_DB_OLD_SCHEMA;
		jh_diags_free(&d);
		if ((rc = jh_store_init(o.db, &s, &d)) == JH_OK) {
			if (upgrade)
				printf(en ? "upgraded %s to schema version %d\n"
				          : "已将 %s 升级到数据结构版本 %d\n",
				       o.db, jh_store_schema_version(s));
			else
				printf(en ? "initialised %s (schema version %d)\n"
				          : "已初始化 %s(数据结构版本 %d)\n",
				       o.db, jh_store_schema_version(s));
			goto out;
		}
	}
	cli_fail(cli, rc, &d);
out:
	jh_store_close(s);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
