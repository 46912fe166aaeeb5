/*
** cmd_import.c — `junheng import DB FILE... [--year Y] [--who W] [--why R]
**                 [--replace] [--extra-columns A,B | --allow-extra]
**                 [--standard F]`
**
** Reads every file (CSV in UTF-8 or GB18030, or XLSX; school-year and area
** templates, the forms offices fill) or every file of a folder, and
** imports them as one transaction and one revision.  Any
** problem in any file, or against what is stored, imports nothing.
**
** A re-import never loses data silently: a column the files lack, or a
** blank cell, leaves the stored value (清空 clears it); a header that looks
** like a template column is refused unless declared; and the schools
** stored for a county-year the files cover but missing from them are
** listed with the command that deletes each — or, with --replace, deleted
** in the import's revision.
**
** --standard F: a local standard's definitions apply to the raw figures
** the files give (which degrees count as 高于规定学历, and the years a row
** may have); the figures derived from them are stored.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

/* s as one shell word: as it is when it needs no quoting, else in single
 * quotes. */
static void print_shell_word(const char *s)
{
	if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                    "0123456789_./:-+=,@") == strlen(s)) {
		fputs(s, stdout);
		return;
	}
	putchar('\'');
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	putchar('\'');
}

/* The stored school-years of the covered county-years that the files
 * lack: kept, each with the command that deletes it; or deleted. */
static void print_missing(const struct cli *cli, const char *db,
                          const jh_dataset *miss, int replaced)
{
	int en = !strcmp(cli->lang, "en");
	size_t n = jh_dataset_count(miss);

	if (!n)
		return;
	if (replaced)
		printf(en ? "deleted (--replace): %zu stored school-year(s) of the county-years "
		            "these files cover but not in them:\n"
		          : "已删除(--replace):本次文件所涵盖的县(市、区)年度中,"
		            "库中有而文件中没有的 %zu 个学校年度:\n", n);
	else
		printf(en ? "note: %zu stored school-year(s) of the county-years these files "
		            "cover are not in them; they are kept and still evaluated:\n"
		          : "注意:本次文件所涵盖的县(市、区)年度中,库中有 %zu 个学校年度"
		            "不在文件中,已保留,仍参与评估:\n", n);
	for (size_t i = 0; i < n; i++) {
		const jh_school_year *sy = jh_dataset_row(miss, i);
		printf("  %s %d %s %s\n", sy->county_code, sy->year, sy->school_code,
		       sy->school_name ? sy->school_name : "");
		if (replaced)
			continue;
		fputs(en ? "    to delete it: junheng delete " : "    如应删除:junheng delete ",
		      stdout);
		print_shell_word(db);
		printf(" --school %s --year %d --why \"%s\"\n", sy->school_code, sy->year,
		       en ? "not in the corrected file" : "不在更正后的文件中");
	}
	if (!replaced)
		puts(en ? "To take the files as complete for these county-years, import them "
		          "again with --replace: the schools above are then deleted in the same revision."
		        : "如文件即为这些县(市、区)年度的全部学校,请加 --replace 重新导入:"
		          "以上学校将在同一修订中删除。");
}

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
	if (st->deleted)
		printf(en ? "  %zu school-years deleted\n" : "  %zu 个学校年度已删除\n",
		       st->deleted);
}

int cmd_import(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_import_set *is = NULL;
	jh_dataset *missing = NULL;
	jh_import_stats st;
	jh_buf why = JH_BUF_INIT;
	jh_code rc = JH_ERR_NOMEM;
	jh_standard std;
	int status;

	if ((r = dbopts_parse(argc, argv, "who why year replace allow-extra extra-columns standard",
	                      &o, cli)) || !o.nrest) {
		free(o.rest);
		return cli_usage(cli, "import", r == 1);
	}
	if (o.standard && (rc = cli_load_standard(o.standard, &std, &d))) {
		cli_print_diags(&d, cli);
		goto out;
	}
	rc = JH_ERR_NOMEM;
	is = jh_import_set_new(o.year, 0, 0);
	missing = jh_dataset_new();
	if (!is || !missing || jh_import_set_allow_extras(is, o.extra_columns, o.allow_extra))
		goto out;
	if (o.standard)
		jh_import_set_standard(is, &std);
	/* Files first: nothing touches the database unless they are clean. */
	if ((rc = cli_load_folders(is, o.rest, o.nrest, &d))) {
		cli_print_diags(&d, cli);
		cli_error(cli, "输入有错误,未导入任何数据", "the input has errors; nothing was imported");
		goto out;
	}
	cli_print_notes(&d, cli);
	if (o.why) {
		jh_buf_adds(&why, o.why);
	} else {
		jh_buf_adds(&why, strcmp(cli->lang, "en") ? "导入" : "import");
		for (int i = 0; i < o.nrest; i++)
			jh_buf_addf(&why, " %s", o.rest[i]);
	}
	{
		jh_import_opts io = {o.replace, missing};
		if ((rc = jh_store_open(o.db, &s, &d)) ||
		    (rc = jh_import_set_store(s, is, &io, cli_who(o.who), why.data, &st, &d))) {
			cli_print_diags(&d, cli);
			cli_error(cli, "导入失败,数据库未改变", "import failed; the database is unchanged");
			goto out;
		}
	}
	print_stats(cli, &st);
	print_missing(cli, o.db, missing, o.replace);
	/* --- issue 12: ledger items whose shortfall is back are reopened --- */
	if (st.revision)
		cli_ledger_refresh(cli, s, cli_who(o.who), is, NULL, 0);
out:
	status = cli_exit_status(rc);
	jh_store_close(s);
	jh_import_set_free(is);
	jh_dataset_free(missing);
	jh_buf_free(&why);
	jh_diags_free(&d);
	free(o.rest);
	return status;
}
