/*
** cmd_verdict.c — `junheng verdict DB [--county C] --year Y
**                   [--format text|json|csv] [--ids] [--standard F]
**                   [--as-of R]`:
** the whole standard for one county and year, every shortfall named; with
** no --county, one line per county of the year (text) or every item of
** every county (JSON, CSV).  Counties are named from the stored areas;
** item ids appear in text and CSV only with --ids.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

/* Load the schools, county-year records and areas selected by o (county
 * may be NULL: every county of the year) from the store and evaluate
 * them; the result names counties from *areas. */
static jh_code load_and_eval(struct dbopts *o, const char *std_path,
                             jh_result **res, jh_dataset **ds,
                             jh_county_items **items, jh_areas **areas,
                             jh_standard *std, jh_diags *d)
{
	jh_store *s = NULL;
	jh_filter f = {o->county, o->year, NULL};
	long rev = 0;
	jh_code rc;

	if ((rc = cli_load_standard(std_path, std, d)))
		return rc;
	if ((rc = jh_store_open_readonly(o->db, &s, d)))
		return rc;
	if (o->as_of)
		rc = jh_store_resolve_as_of(s, o->as_of, &rev, d);
	if (!rc)
		rc = jh_store_load(s, &f, rev, ds, d);
	if (!rc)
		rc = jh_store_county_items(s, &f, rev, items, d);
	if (!rc)
		rc = jh_store_areas(s, areas, d);
	jh_store_close(s);
	if (!rc)
		rc = jh_eval(*ds, std, &f, res, d);
	if (!rc)
		jh_result_set_areas(*res, *areas);
	if (rc == JH_ERR_NOTFOUND)
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL,
		             o->county ? o->county : "", NULL);
	return rc;
}

jh_code cli_county_verdict(struct dbopts *o, const char *std_path, jh_verdict *v,
                           jh_result **res, jh_dataset **ds,
                           jh_county_items **items, jh_areas **areas,
                           jh_standard *std, jh_diags *d)
{
	jh_code rc = load_and_eval(o, std_path, res, ds, items, areas, std, d);

	if (!rc)
		rc = jh_verdict_county(*res, 0, *items, v, d);
	return rc;
}

/* Every county of a year: one line each (text), an array (JSON), or
 * every item under one header (CSV). */
static jh_code all_counties(struct dbopts *o, struct cli *cli, int fmt, jh_buf *out,
                            jh_diags *d)
{
	jh_county_items *items = NULL;
	jh_result *res = NULL;
	jh_dataset *ds = NULL;
	jh_areas *areas = NULL;
	jh_standard std;
	int en = !strcmp(cli->lang, "en");
	unsigned flags = o->ids ? JH_VERDICT_IDS : 0;
	size_t counts[3] = {0};
	jh_code rc = load_and_eval(o, o->standard, &res, &ds, &items, &areas, &std, d);

	if (rc)
		goto out;
	if (fmt == JH_FMT_JSON)
		jh_buf_adds(out, "[\n");
	else if (fmt == JH_FMT_TEXT)
		jh_buf_addf(out, en ? "%d · verdict per county (all four parts)\n"
		                    : "%d 年度 · 各县优质均衡综合结论(四个方面)\n", o->year);
	for (size_t c = 0; c < res->ncounties; c++) {
		jh_verdict v;
		size_t nf = 0, nm = 0;
		char title[192];
		if ((rc = jh_verdict_county(res, c, items, &v, d)))
			goto out;
		counts[v.verdict]++;
		if (fmt == JH_FMT_JSON) {
			if (c)
				jh_buf_adds(out, ",\n");
			rc = jh_verdict_report(&v, JH_FMT_JSON, cli->lang, out);
		} else if (fmt == JH_FMT_CSV) {
			rc = jh_verdict_report_ex(&v, JH_FMT_CSV, cli->lang,
			                          flags | (c ? 0 : JH_VERDICT_CSV_HEADER), out);
		} else {
			jh_county_title(v.county_code, v.county_name, cli->lang, title, sizeof title);
			jh_buf_adds(out, "  ");
			jh_buf_addpad(out, title, 24, 0);
			jh_buf_adds(out, v.verdict == JH_VERDICT_PASS ? (en ? "  pass      " : "  达到      ") :
			                 v.verdict == JH_VERDICT_FAIL ? (en ? "  fail      " : "  未达到    ") :
			                 (en ? "  incomplete" : "  数据不全  "));
			for (size_t i = 0; i < v.count; i++) {
				nf += v.items[i].status == JH_ITEM_FAIL;
				nm += v.items[i].status == JH_ITEM_MISSING;
			}
			jh_buf_addf(out, en ? "  %zu failing, %zu missing" : "  不达标 %zu 项,缺数据 %zu 项",
			            nf, nm);
			for (size_t i = 0, shown = 0; i < v.count; i++) {
				const jh_verdict_item *it = &v.items[i];
				if (it->status == JH_ITEM_PASS)
					continue;
				if (++shown > 6) {
					jh_buf_adds(out, en ? "; …" : ";…");
					break;
				}
				jh_buf_adds(out, shown > 1 ? (en ? "; " : ";") : (en ? ": " : ":"));
				jh_buf_adds(out, o->ids ? it->id : en ? it->label_en : it->label_zh);
				if (it->status == JH_ITEM_MISSING)
					jh_buf_adds(out, en ? " (missing)" : "(缺数据)");
			}
			jh_buf_addc(out, '\n');
		}
		jh_verdict_free(&v);
		if (rc)
			goto out;
	}
	if (fmt == JH_FMT_JSON)
		jh_buf_adds(out, "\n]\n");
	else if (fmt == JH_FMT_TEXT)
		jh_buf_addf(out, en ? "  %zu counties: %zu pass, %zu fail, %zu incomplete\n"
		                    : "  共 %zu 个县:达到 %zu 个,未达到 %zu 个,数据不全 %zu 个\n",
		            res->ncounties, counts[0], counts[1], counts[2]);
out:
	jh_county_items_free(items);
	jh_result_free(res);
	jh_dataset_free(ds);
	jh_areas_free(areas);
	return rc;
}

int cmd_verdict(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_verdict v;
	jh_result *res = NULL;
	jh_dataset *ds = NULL;
	jh_county_items *items = NULL;
	jh_areas *areas = NULL;
	jh_standard std;
	jh_buf out = JH_BUF_INIT;
	const char *std_path = NULL;
	int fmt = JH_FMT_TEXT;
	jh_code rc;

	memset(&v, 0, sizeof v);
	if ((r = dbopts_parse(argc, argv, "county year format standard as-of ids", &o, cli)) ||
	    !o.year || o.nrest ||
	    (o.format && (fmt = jh_format_parse(o.format)) != JH_FMT_TEXT && fmt != JH_FMT_JSON &&
	     fmt != JH_FMT_CSV)) {
		free(o.rest);
		return cli_usage(cli, "verdict", r == 1);
	}
	std_path = o.standard;
	if (!o.county) {
		rc = all_counties(&o, cli, fmt, &out, &d);
	} else {
		rc = cli_county_verdict(&o, std_path, &v, &res, &ds, &items, &areas, &std, &d);
		if (!rc)
			rc = jh_verdict_report_ex(&v, (jh_format)fmt, cli->lang,
			                          JH_VERDICT_CSV_HEADER | (o.ids ? JH_VERDICT_IDS : 0),
			                          &out);
	}
	if (rc)
		cli_fail(cli, rc, &d);
	else
		fwrite(out.data, 1, out.len, stdout);
	jh_buf_free(&out);
	jh_verdict_free(&v);
	jh_result_free(res);
	jh_dataset_free(ds);
	jh_county_items_free(items);
	jh_areas_free(areas);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
