/*
** cmd_init.c — `junheng init DB`: create a database, or bring an existing
** one to the current schema.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

int cmd_init(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_code rc;

	if ((r = dbopts_parse(argc, argv, "", &o, cli)) || o.nrest) {
		free(o.rest);
		return dbopts_usage(cli, r == 1,
		                    "用法:junheng init 数据库",
		                    "usage: junheng init DB");
	}
	rc = jh_store_init(o.db, &s, &d);
	if (rc) {
		cli_fail(cli, rc, &d);
	} else {
		printf(strcmp(cli->lang, "en") ? "已初始化 %s(数据结构版本 %d)\n"
		                               : "initialised %s (schema version %d)\n",
		       o.db, jh_store_schema_version(s));
	}
	jh_store_close(s);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
