/*
** cmd_eval.c — `junheng eval`: evaluate template files against a standard.
**
**   junheng eval FILE... [--standard F] [--county C] [--year Y]
**                [--format text|json|csv] [--pretty] [--lang zh|en]
**   junheng eval DB [--as-of REVISION|DATE] [same options]
**
** FILE is a school-year template (CSV or XLSX); DB a junheng database, read
** as it is now or as it was after a revision or at a date.  The report is
** written to standard output as it is produced (cli_stdout), JSON compact
** unless --pretty.  Counties are named from the areas: the database's, or
** an area table among the files (other tables, such as county-year
** records, are skipped).  Reading the files, loading, evaluating and
** rendering are the library's (jh_import_set, jh_service_eval_write).
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

int cmd_eval(int argc, char **argv, struct cli *cli)
{
	const char *std_path = NULL, *county = NULL, *as_of = NULL, *headers = NULL;
	const char *extra_columns = NULL;
	int allow_extra = 0;
	int year = 0, fmt = JH_FMT_TEXT, nfiles = 0, status = EXIT_OK;
	unsigned flags = 0;
	char **files = calloc((size_t)argc, sizeof *files);
	jh_diags diags = JH_DIAGS_INIT;
	jh_import_set *is = NULL;
	jh_store *db = NULL;
	jh_standard std;
	jh_out *out = NULL;
	jh_code rc;

	if (!files)
		return EXIT_FAIL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			free(files);
			return cli_usage(cli, "eval", 1);
		} else if (!strcmp(a, "--lang")) {
			i++;
		} else if (!strncmp(a, "--lang=", 7)) {
			continue;
		} else if (!strcmp(a, "--pretty")) {
			flags |= JH_REPORT_PRETTY;
		} else if (!strcmp(a, "--extra-columns") && v) {
			extra_columns = v;
			i++;
		} else if (!strcmp(a, "--allow-extra")) {
			allow_extra = 1;
		} else if (!strcmp(a, "--headers") && v) {
			if (strcmp(v, "zh") && strcmp(v, "en")) {
				cli_error(cli, "--headers 只能是 zh 或 en,而不是“%s”",
				          "--headers takes zh or en, not '%s'", v);
				status = EXIT_INPUT;
				goto out;
			}
			headers = v;
			i++;
		} else if (!strcmp(a, "--standard") && v) {
			std_path = v;
			i++;
		} else if (!strcmp(a, "--as-of") && v) {
			as_of = v;
			i++;
		} else if (!strcmp(a, "--county") && v) {
			county = v;
			i++;
		} else if (!strcmp(a, "--year") && v) {
			char *end;
			long y = strtol(v, &end, 10);
			if (*end || !cli_year_ok(y)) {
				cli_error(cli, "年度“%s”无效", "invalid year '%s'", v);
				status = EXIT_INPUT;
				goto out;
			}
			year = (int)y;
			i++;
		} else if (!strcmp(a, "--format") && v) {
			if ((fmt = jh_format_parse(v)) < 0) {
				cli_error(cli, "未知的输出格式“%s”(可选 text、json、csv)",
				          "unknown format '%s' (text, json or csv)", v);
				status = EXIT_INPUT;
				goto out;
			}
			i++;
		} else if (a[0] == '-' && a[1]) {
			cli_error(cli, "未知或缺少参数的选项“%s”",
			          "unknown option or missing argument '%s'", a);
			cli_usage(cli, "eval", 0);
			status = EXIT_INPUT;
			goto out;
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (!nfiles) {
		cli_usage(cli, "eval", 0);
		status = EXIT_INPUT;
		goto out;
	}
	rc = cli_load_standard(std_path, &std, &diags);
	if (rc) {
		cli_print_diags(&diags, cli);
		cli_error(cli, "%s", "%s", jh_code_str(rc, cli->lang));
		status = rc == JH_ERR_NOMEM ? EXIT_FAIL : EXIT_INPUT;
		goto out;
	}
	/* CSV: the column names and values in --headers' language. */
	jh_query q = {county, year, 0, &std, NULL,
	              fmt == JH_FMT_CSV && headers ? headers : cli->lang, flags, 0};
	if (nfiles == 1 && cli_is_database(files[0])) {
		struct dbopts o = {.db = files[0], .as_of = as_of};
		if ((rc = dbopts_open_read(&o, &db, &q, &diags))) {
			cli_fail(cli, rc, &diags);
			status = cli_exit_status(rc);
			goto out;
		}
	} else if (as_of) {
		cli_error(cli, "--as-of 只能用于数据库", "--as-of applies to a database only");
		status = EXIT_INPUT;
		goto out;
	} else if (!(is = jh_import_set_new(0, std.year_min, std.year_max))) {
		status = EXIT_FAIL;
		goto out;
	} else if ((jh_import_set_standard(is, &std),
	            jh_import_set_skip_county_years(is),
	            rc = jh_import_set_allow_extras(is, extra_columns, allow_extra)) ||
	           (rc = cli_load_files(is, files, nfiles, &diags))) {
		cli_print_diags(&diags, cli);
		cli_error(cli, "输入有错误,未进行评估", "the input has errors; nothing was evaluated");
		status = rc == JH_ERR_NOMEM ? EXIT_FAIL : EXIT_INPUT;
		goto out;
	}
	cli_print_notes(&diags, cli);
	if (!(out = cli_stdout())) {
		status = EXIT_FAIL;
		goto out;
	}
	/* Written as it is produced; nothing is written unless the
	 * evaluation succeeded, so an error of the writer is the writer's. */
	rc = db ? jh_service_eval_write(db, &q, (jh_format)fmt, out, &diags)
	        : jh_service_eval_import(is, &q, (jh_format)fmt, out, &diags);
	if (rc && jh_out_error(out) == JH_OK) {
		cli_close_out(cli, out, JH_OK);
		if (rc == JH_ERR_NOTFOUND) {
			cli_error(cli, "没有符合条件的学校数据", "no school data matches the selection");
			status = EXIT_INPUT;
		} else {
			cli_fail(cli, rc, &diags);
			status = cli_exit_status(rc);
		}
		goto out;
	}
	if (cli_close_out(cli, out, rc))
		status = EXIT_FAIL;
out:
	jh_store_close(db);
	jh_import_set_free(is);
	jh_diags_free(&diags);
	free(files);
	return status;
}
