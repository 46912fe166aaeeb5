/*
** cmd_gaps.c — `junheng gaps DB --county C --year Y [--format text|json]
**                 [--costs F] [--standard F]`: every shortfall in real
** units — what each failing school lacks, and the cheapest plan of
** additions after which the whole county passes the resource part.
*/
#include "cmd_store.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static json_t *add_object(const jh_addition *a)
{
	json_t *o = json_object();

	for (int f = 0; f < JH_F__COUNT; f++)
		if (a->add[f] != 0)
			json_object_set_new(o, jh_field_key((jh_field)f), json_real(a->add[f]));
	return o;
}

static void text_add(jh_buf *out, const jh_addition *a, const char *lang)
{
	for (int f = 0; f < JH_F__COUNT; f++) {
		char n[40];
		if (a->add[f] == 0)
			continue;
		jh_format_number(a->add[f], n, sizeof n);
		jh_buf_addf(out, "      + %s %s\n", n, jh_field_name((jh_field)f, lang));
	}
}

/* A school short of music or art rooms is short of them whatever else it
 * lacks: the rooms join its entry, or make a new one. */
static jh_code merge_rooms(const jh_result *res, const jh_costs *costs,
                           jh_addition **gaps, size_t *ngaps, jh_diags *d)
{
	jh_addition *rooms = NULL, *all;
	size_t nrooms = 0, n = *ngaps;
	jh_code rc = jh_gaps_rooms(res, 0, costs, &rooms, &nrooms, d);

	if (rc || !nrooms)
		return rc;
	all = realloc(*gaps, (n + nrooms) * sizeof *all);
	if (!all) {
		free(rooms);
		return JH_ERR_NOMEM;
	}
	for (size_t i = 0; i < nrooms; i++) {
		size_t k;
		for (k = 0; k < n; k++)
			if (all[k].school == rooms[i].school)
				break;
		if (k == n)
			all[n++] = rooms[i];
		else {
			for (int f = 0; f < JH_F__COUNT; f++)
				all[k].add[f] += rooms[i].add[f];
			all[k].cost += rooms[i].cost;
		}
	}
	free(rooms);
	*gaps = all;
	*ngaps = n;
	return JH_OK;
}

static jh_code load_costs(const char *path, jh_costs *c, jh_diags *d)
{
	char *text = NULL;
	size_t len;
	jh_code rc;

	if ((rc = jh_costs_default(c, d)) || !path)
		return rc;
	if ((rc = cli_read_file(path, &text, &len))) {
		jh_diags_add(d, JH_P_OTHER, path, NULL, 0, 0, NULL, "cannot read the costs file", NULL);
		return JH_ERR_STANDARD;
	}
	rc = jh_costs_parse(text, len, path, c, d);
	free(text);
	return rc;
}

int cmd_gaps(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_dataset *ds = NULL;
	jh_result *res = NULL;
	jh_standard std;
	jh_costs costs;
	jh_addition *gaps = NULL;
	size_t ngaps = 0;
	jh_plan plan;
	jh_buf out = JH_BUF_INIT;
	int fmt = JH_FMT_TEXT, en = !strcmp(cli->lang, "en");
	jh_code rc;

	memset(&plan, 0, sizeof plan);
	if ((r = dbopts_parse(argc, argv, "county year format costs standard", &o, cli)) ||
	    !o.county || !o.year || o.nrest ||
	    (o.format && (fmt = jh_format_parse(o.format)) != JH_FMT_TEXT && fmt != JH_FMT_JSON)) {
		free(o.rest);
		return dbopts_usage(cli, r == 1,
		                    "用法:junheng gaps 数据库 --county 县代码 --year 年度 [--format text|json] [--costs 单价文件]",
		                    "usage: junheng gaps DB --county CODE --year YEAR [--format text|json] [--costs FILE]");
	}
	jh_filter f = {o.county, o.year, NULL};
	if ((rc = cli_load_standard(o.standard, &std, &d)) ||
	    (rc = load_costs(o.costs, &costs, &d)) ||
	    (rc = jh_store_open(o.db, &s, &d)) ||
	    (rc = jh_store_load(s, &f, 0, &ds, &d)))
		goto fail;
	if ((rc = jh_eval(ds, &std, &f, &res, &d))) {
		if (rc == JH_ERR_NOTFOUND)
			jh_diags_add(&d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, o.county, NULL);
		goto fail;
	}
	if ((rc = jh_gaps_schools(res, &costs, &gaps, &ngaps, &d)) ||
	    (rc = merge_rooms(res, &costs, &gaps, &ngaps, &d)) ||
	    (rc = jh_plan_county(res, 0, &costs, NULL, &plan, &d)))
		goto fail;
	if (fmt == JH_FMT_JSON) {
		json_t *root = json_object(), *sch = json_array(), *p = json_object(), *pa = json_array();
		char *js;
		for (size_t i = 0; i < ngaps; i++) {
			json_t *g = json_object();
			json_object_set_new(g, "school_code", json_string(gaps[i].school->school_code));
			json_object_set_new(g, "school_name", json_string(gaps[i].school->school_name));
			json_object_set_new(g, "cost", json_real(gaps[i].cost));
			json_object_set_new(g, "add", add_object(&gaps[i]));
			json_array_append_new(sch, g);
		}
		json_object_set_new(p, "county_code", json_string(plan.county_code));
		json_object_set_new(p, "year", json_integer(plan.year));
		json_object_set_new(p, "solved", json_boolean(plan.solved));
		json_object_set_new(p, "cost", json_real(plan.cost));
		json_object_set_new(p, "lower_bound", json_real(plan.lower_bound));
		json_object_set_new(p, "gap", json_real(plan.gap));
		json_object_set_new(p, "iterations", json_integer(plan.iterations));
		for (size_t i = 0; i < plan.nadd; i++) {
			json_t *g = json_object();
			json_object_set_new(g, "school_code", json_string(plan.add[i].school->school_code));
			json_object_set_new(g, "cost", json_real(plan.add[i].cost));
			json_object_set_new(g, "add", add_object(&plan.add[i]));
			json_array_append_new(pa, g);
		}
		json_object_set_new(p, "add", pa);
		json_object_set_new(root, "schools", sch);
		json_object_set_new(root, "plan", p);
		js = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
		json_decref(root);
		if (!js) {
			rc = JH_ERR_NOMEM;
			goto fail;
		}
		jh_buf_adds(&out, js);
		jh_buf_addc(&out, '\n');
		free(js);
	} else {
		jh_buf_addf(&out, en ? "County %s · %d\n\nFailing schools, each on its own (%zu):\n"
		                     : "县(市、区) %s · %d 年度\n\n未达标学校单独补足所需(%zu 所):\n",
		            o.county, o.year, ngaps);
		for (size_t i = 0; i < ngaps; i++) {
			jh_buf_addf(&out, en ? "  %s %s: %.0f yuan\n" : "  %s %s:%.0f 元\n",
			            gaps[i].school->school_code, gaps[i].school->school_name, gaps[i].cost);
			text_add(&out, &gaps[i], cli->lang);
		}
		if (!plan.solved)
			jh_buf_adds(&out, en ? "\nNo plan found within the time limit.\n"
			                     : "\n在时限内未求得方案。\n");
		else if (plan.nadd == 0)
			jh_buf_adds(&out, en ? "\nThe county already passes the resource part: nothing to add.\n"
			                     : "\n该县资源配置已达标,无需补充。\n");
		else {
			jh_buf_addf(&out, en ? "\nCheapest plan for the whole county (every school passes, every coefficient within its limit):\n"
			                       "  cost %.0f yuan, proven lower bound %.0f yuan, gap %.4f%%\n"
			                     : "\n全县最低成本方案(各校达标、各项差异系数达标):\n"
			                       "  总成本 %.0f 元,已证明的下界 %.0f 元,相对差距 %.4f%%\n",
			            plan.cost, plan.lower_bound, plan.gap * 100);
			for (size_t i = 0; i < plan.nadd; i++) {
				jh_buf_addf(&out, en ? "  %s %s: %.0f yuan\n" : "  %s %s:%.0f 元\n",
				            plan.add[i].school->school_code, plan.add[i].school->school_name,
				            plan.add[i].cost);
				text_add(&out, &plan.add[i], cli->lang);
			}
		}
	}
	fwrite(out.data, 1, out.len, stdout);
	goto out;
fail:
	cli_fail(cli, rc, &d);
out:
	jh_buf_free(&out);
	jh_plan_free(&plan);
	free(gaps);
	jh_result_free(res);
	jh_dataset_free(ds);
	jh_store_close(s);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
