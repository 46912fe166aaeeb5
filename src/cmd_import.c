/*
** cmd_import.c — `junheng import DB FILE... [--year Y] [--who W] [--why R]`
**
** Reads every file (CSV in UTF-8 or GB18030, or XLSX; school-year and area
** templates), and imports them as one transaction and one revision.  Any
** problem in any file, or against what is stored, imports nothing.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

static void print_stats(const struct cli *cli, const jh_import_stats *st)
{
	int en = !strcmp(cli->lang, "en");

	if (!st->revision) {
		printf(en ? "no changes: %zu rows already stored as given\n"
		          : "无变化:%zu 行与库中数据相同\n", st->unchanged);
		return;
	}
	printf(en ? "revision %ld: %zu rows (%zu new, %zu changed, %zu unchanged), "
	            "%zu field changes, %zu areas added or renamed\n"
	          : "修订 %ld:%zu 行(新增 %zu,变更 %zu,未变 %zu),"
	            "%zu 个字段变更,%zu 个行政区划新增或更名\n",
	       st->revision, st->rows, st->added, st->changed, st->unchanged,
	       st->fields_changed, st->areas_changed);
	if (st->items_changed)
		printf(en ? "  %zu county-year records added or changed\n"
		          : "  %zu 条县级年度指标新增或变更\n", st->items_changed);
}

int cmd_import(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_dataset *ds = NULL;
	jh_areas *areas = NULL;
	jh_county_items *items = NULL;
	char (*sha)[65] = NULL;
	const char **shas = NULL;
	jh_import_stats st;
	jh_buf why = JH_BUF_INIT;
	jh_code rc = JH_ERR_NOMEM;
	int status;

	if ((r = dbopts_parse(argc, argv, "who why year", &o, cli)) || !o.nrest) {
		free(o.rest);
		return dbopts_usage(cli, r == 1,
		                    "用法:junheng import 数据库 文件... [--year 年度] [--who 姓名] [--why 原因]",
		                    "usage: junheng import DB FILE... [--year Y] [--who NAME] [--why REASON]");
	}
	ds = jh_dataset_new();
	areas = jh_areas_new();
	items = jh_county_items_new();
	sha = calloc((size_t)o.nrest, sizeof *sha);
	shas = calloc((size_t)o.nrest, sizeof *shas);
	if (!ds || !areas || !items || !sha || !shas)
		goto out;
	jh_dataset_set_default_year(ds, o.year);
	/* Files first: nothing touches the database unless they are clean. */
	if ((rc = cli_load_files(ds, areas, items, o.rest, o.nrest, sha, &d))) {
		cli_print_diags(&d, cli);
		cli_error(cli, "输入有错误,未导入任何数据", "the input has errors; nothing was imported");
		goto out;
	}
	for (int i = 0; i < o.nrest; i++)
		shas[i] = sha[i];
	if (o.why) {
		jh_buf_adds(&why, o.why);
	} else {
		jh_buf_adds(&why, "import");
		for (int i = 0; i < o.nrest; i++)
			jh_buf_addf(&why, " %s", o.rest[i]);
	}
	{
		jh_revision_info info = {cli_who(o.who), why.data, "import",
		                         (size_t)o.nrest, (const char *const *)o.rest,
		                         shas};
		if ((rc = jh_store_open(o.db, &s, &d)) ||
		    (rc = jh_store_import(s, areas, ds, items, &info, &st, &d))) {
			cli_print_diags(&d, cli);
			cli_error(cli, "导入失败,数据库未改变", "import failed; the database is unchanged");
			goto out;
		}
	}
	print_stats(cli, &st);
out:
	status = cli_exit_status(rc);
	jh_store_close(s);
	jh_dataset_free(ds);
	jh_areas_free(areas);
	jh_county_items_free(items);
	jh_buf_free(&why);
	jh_diags_free(&d);
	free(sha);
	free(shas);
	free(o.rest);
	return status;
}
