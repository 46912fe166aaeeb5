/*
** cmd_export.c — `junheng export DB --year Y [--county C] [--format csv|xlsx]
**                  [--headers zh|en] [-o FILE]`: the template written back
**                  from the database.
**
** Headers and values follow --headers, by default the output language
** (--lang): Chinese names and values (小学, 城区, 是) or the English keys.
** CSV starts with a UTF-8 BOM so that Chinese Excel reads it; either form
** imports back as the same data.  A file that cannot be written whole is
** removed: no partial export is left behind.
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
	const char *lang;

	if ((r = dbopts_parse(argc, argv, "year county format output headers", &o, cli)) ||
	    !o.year || o.nrest ||
	    (o.format && strcmp(o.format, "csv") && strcmp(o.format, "xlsx")) ||
	    (o.headers && strcmp(o.headers, "zh") && strcmp(o.headers, "en"))) {
		free(o.rest);
		return cli_usage(cli, "export", r == 1);
	}
	lang = o.headers ? o.headers : cli->lang;
	xlsx = o.format ? !strcmp(o.format, "xlsx") :
	       (o.output && strlen(o.output) > 5 &&
	        !strcmp(o.output + strlen(o.output) - 5, ".xlsx"));
	if (xlsx && !o.output) {
		cli_error(cli, "XLSX 导出需要 -o 文件名", "XLSX export needs -o FILE");
		free(o.rest);
		return EXIT_INPUT;
	}
	jh_filter f = {o.county, o.year, NULL};
	if ((rc = jh_store_open_readonly(o.db, &s, &d)) ||
	    (rc = jh_store_load(s, &f, 0, &ds, &d))) {
		cli_fail(cli, rc, &d);
		goto out;
	}
	if (xlsx) {
		rc = jh_export_xlsx(ds, NULL, lang, o.output, &d);
		if (rc == JH_ERR_IO) {
			cli_error(cli, "无法写入 %s", "cannot write %s", o.output);
		} else if (rc == JH_ERR_INPUT) {
			cli_print_diags(&d, cli);
			cli_error(cli, "未写入 %s:以上的值 XLSX 存不下", "%s not written: XLSX cannot hold the values above", o.output);
		} else if (rc) {
			cli_fail(cli, rc, &d);
		}
		goto out;
	}
	if ((rc = jh_export_csv_lang(ds, NULL, lang, &out)))
		goto out;
	if (o.output) {
		FILE *fp = fopen(o.output, "wb");
		int bad = !fp || fwrite(out.data, 1, out.len, fp) != out.len;
		if (fp && fclose(fp))
			bad = 1;
		if (bad) {
			if (fp)
				remove(o.output);
			cli_error(cli, "无法写入 %s", "cannot write %s", o.output);
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
