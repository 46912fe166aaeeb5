/*
** cmd_whatif.c — `junheng whatif DB --county C --year Y --change FILE
**                  [--format text|json] [--ids] [--standard F]`: the
** verdict before and after planned changes, computed on a copy; the
** database is only read.  Text names the county and each item that moved
** in words (schools by code and name); ids only with --ids, and in JSON.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

static const char *status_mark(jh_item_status s, int en)
{
	return s == JH_ITEM_PASS ? "✔" : s == JH_ITEM_FAIL ? "✘" : en ? "?" : "？";
}

static const char *verdict_name(jh_verdict_code v, int en)
{
	if (en)
		return v == JH_VERDICT_PASS ? "pass" : v == JH_VERDICT_FAIL ? "fail" : "incomplete";
	return v == JH_VERDICT_PASS ? "达到" : v == JH_VERDICT_FAIL ? "未达到" : "数据不全";
}

int cmd_whatif(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_verdict before, after;
	jh_result *res = NULL, *res2 = NULL;
	jh_dataset *ds = NULL, *ds2 = NULL;
	jh_county_items *items = NULL;
	jh_areas *areas = NULL;
	jh_table *t = NULL;
	jh_standard std;
	jh_buf out = JH_BUF_INIT;
	char *data = NULL, *text = NULL;
	size_t len, tlen;
	int fmt = JH_FMT_TEXT, en = !strcmp(cli->lang, "en");
	jh_code rc;

	memset(&before, 0, sizeof before);
	memset(&after, 0, sizeof after);
	if ((r = dbopts_parse(argc, argv, "county year change format standard ids", &o, cli)) ||
	    !o.county || !o.year || !o.change || o.nrest ||
	    (o.format && (fmt = jh_format_parse(o.format)) != JH_FMT_TEXT && fmt != JH_FMT_JSON)) {
		free(o.rest);
		return cli_usage(cli, "whatif", r == 1);
	}
	/* The change file first, so a bad one is reported before any work. */
	if ((rc = cli_read_file(o.change, &data, &len))) {
		cli_error(cli, "无法读取 %s", "cannot read %s", o.change);
		goto out;
	}
	if ((rc = jh_to_utf8(data, len, &text, &tlen, NULL))) {
		jh_diags_add(&d, JH_P_ENCODING, o.change, NULL, 0, 0, NULL, NULL, NULL);
		goto fail;
	}
	if ((rc = jh_csv_parse(text, tlen, o.change, &t, &d)))
		goto fail;
	if ((rc = cli_county_verdict(&o, o.standard, &before, &res, &ds, &items, &areas,
	                             &std, &d)))
		goto fail;
	if ((rc = jh_whatif_apply(ds, o.year, t, &ds2, &d)))
		goto fail;
	{
		/* The same county-year records: the changes are to schools. */
		jh_filter f = {o.county, o.year, NULL};
		if ((rc = jh_eval(ds2, &std, &f, &res2, &d)))
			goto fail;
		jh_result_set_areas(res2, areas);
		if ((rc = jh_verdict_county(res2, 0, items, &after, &d)))
			goto fail;
	}
	if (fmt == JH_FMT_JSON) {
		jh_buf_adds(&out, "{\"county_code\": \"");
		jh_buf_adds(&out, before.county_code);
		jh_buf_addf(&out, "\", \"year\": %d, \"before\": ", before.year);
		/* county_name (added) comes last. */
		if ((rc = jh_verdict_report(&before, JH_FMT_JSON, cli->lang, &out)))
			goto fail;
		jh_buf_adds(&out, ", \"after\": ");
		if ((rc = jh_verdict_report(&after, JH_FMT_JSON, cli->lang, &out)))
			goto fail;
		jh_buf_adds(&out, ", \"county_name\": \"");
		/* A name is the office's text: escaped as JSON strings are. */
		for (const unsigned char *c = (const unsigned char *)before.county_name; *c; c++)
			if (*c == '"' || *c == '\\')
				jh_buf_addf(&out, "\\%c", *c);
			else if (*c < 0x20)
				jh_buf_addf(&out, "\\u%04x", *c);
			else
				jh_buf_addc(&out, (char)*c);
		jh_buf_adds(&out, "\"}\n");
	} else {
		size_t changed = 0;
		char title[192];
		jh_county_title(before.county_code, before.county_name, cli->lang, title,
		                sizeof title);
		jh_buf_addf(&out, en ? "%s · %d: before %s, after %s\n"
		                     : "%s · %d 年度:变更前 %s,变更后 %s\n",
		            title, before.year, verdict_name(before.verdict, en),
		            verdict_name(after.verdict, en));
		/* Items whose status or value moved, matched by id. */
		for (size_t i = 0; i < after.count; i++) {
			const jh_verdict_item *a = &after.items[i], *b = NULL;
			for (size_t k = 0; k < before.count && !b; k++)
				if (!strcmp(before.items[k].id, a->id))
					b = &before.items[k];
			if (b && b->status == a->status && !strcmp(b->value_text, a->value_text))
				continue;
			changed++;
			jh_buf_addf(&out, "  %s → %s ", b ? status_mark(b->status, en) : "·",
			            status_mark(a->status, en));
			jh_buf_addpad(&out, o.ids ? a->id : en ? a->label_en : a->label_zh, 40, 0);
			jh_buf_addf(&out, " %s → %s\n", b ? jh_verdict_item_value(b, cli->lang) : "-",
			            jh_verdict_item_value(a, cli->lang));
		}
		for (size_t k = 0; k < before.count; k++) {
			int found = 0;
			for (size_t i = 0; i < after.count && !found; i++)
				found = !strcmp(before.items[k].id, after.items[i].id);
			if (!found) {
				changed++;
				const jh_verdict_item *b = &before.items[k];
				jh_buf_addf(&out, "  %s → · ", status_mark(b->status, en));
				jh_buf_addpad(&out, o.ids ? b->id : en ? b->label_en : b->label_zh, 40, 0);
				jh_buf_adds(&out, en ? " (school gone)\n" : "(学校已撤并)\n");
			}
		}
		if (!changed)
			jh_buf_adds(&out, en ? "  no item changes\n" : "  各项结果均无变化\n");
		jh_buf_adds(&out, en ? "The database was not changed.\n" : "数据库未作任何改动。\n");
	}
	fwrite(out.data, 1, out.len, stdout);
	goto out;
fail:
	cli_fail(cli, rc, &d);
out:
	jh_buf_free(&out);
	jh_verdict_free(&before);
	jh_verdict_free(&after);
	jh_result_free(res);
	jh_result_free(res2);
	jh_dataset_free(ds);
	jh_dataset_free(ds2);
	jh_county_items_free(items);
	jh_areas_free(areas);
	jh_table_free(t);
	free(data);
	free(text);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
