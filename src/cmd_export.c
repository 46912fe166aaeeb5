/*
** cmd_export.c — `junheng export DB --year Y [--county C] [--format csv|xlsx]
**                  [-o FILE]`: the template written back from the database.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

int cmd_export(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_dataset *ds = NULL;
	jh_buf out = JH_BUF_INIT;
	jh_code rc;
	int xlsx;

	if ((r = dbopts_parse(argc, argv, "year county format output", &o, cli)) ||
	    !o.year || o.nrest ||
	    (o.format && strcmp(o.format, "csv") && strcmp(o.format, "xlsx"))) {
		free(o.rest);
		return dbopts_usage(cli, r == 1,
		                    "用法:junheng export 数据库 --year 年度 [--county 县代码] [--format csv|xlsx] [-o 文件]",
		                    "usage: junheng export DB --year YEAR [--county CODE] [--format csv|xlsx] [-o FILE]");
	}
	xlsx = o.format ? !strcmp(o.format, "xlsx") :
	       (o.output && strlen(o.output) > 5 &&
	        !strcmp(o.output + strlen(o.output) - 5, ".xlsx"));
	if (xlsx && !o.output) {
		cli_error(cli, "XLSX 导出需要 -o 文件名", "XLSX export needs -o FILE");
		free(o.rest);
		return EXIT_INPUT;
	}
	jh_filter f = {o.county, o.year, NULL};
	if ((rc = jh_store_open(o.db, &s, &d)) ||
	    (rc = jh_store_load(s, &f, 0, &ds, &d))) {
		cli_fail(cli, rc, &d);
		goto out;
	}
	if (xlsx) {
		if ((rc = jh_export_xlsx(ds, NULL, o.output, &d)))
			cli_fail(cli, rc, &d);
		goto out;
	}
	if ((rc = jh_export_csv(ds, NULL, &out)))
		goto out;
	if (o.output) {
		FILE *fp = fopen(o.output, "wb");
		if (!fp || fwrite(out.data, 1, out.len, fp) != out.len) {
			if (fp)
				fclose(fp);
			cli_error(cli, "无法写入 %s", "cannot write %s", o.output);
			rc = JH_ERR_IO;
			goto out;
		}
		if (fclose(fp)) {
			rc = JH_ERR_IO;
			goto out;
		}
	} else {
		fwrite(out.data, 1, out.len, stdout);
	}
out:
	jh_buf_free(&out);
	jh_dataset_free(ds);
	jh_store_close(s);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
