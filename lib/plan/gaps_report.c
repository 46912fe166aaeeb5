/*
** gaps_report.c — a county's gaps and plan, gathered and rendered.
**
**   jh_gaps_county   what `junheng gaps` shows of one county-year: each
**                    failing school's own gap (jh_gaps_schools, that
**                    county's schools only) with the music and art rooms
**                    it lacks (jh_gaps_rooms) joined in — a school short
**                    of rooms is short of them whatever else it lacks;
**   jh_gaps_report   those gaps and the county plan (jh_plan_county) as
**                    text for people (Chinese, or English with lang
**                    "en"), JSON or CSV for programs, so that the command
**                    and a web server print the same thing.
**
** Text: amounts as jh_format_number writes them (shortest exact form),
** yuan rounded to whole yuan, the plan's gap to 4 decimals of a percent.
** JSON (the library's JSON writer, one value a line): every figure
** unrounded, in its shortest exact form.  CSV: one row per school and
** per column added, for spreadsheets; the columns are
**   record,county_code,year,school_code,school_name,field,amount,cost,
**   status,lower_bound,gap,unreachable
** with record one of gap (a school's own gap: its cost, "unreachable" in
** status when no addition makes it pass, then stage:indicator;... in
** unreachable), gap_add (one column of it: field, amount), plan (the
** county plan: cost, status, lower_bound, gap, the unreachable school),
** plan_school (a school of the plan: its cost) and plan_add.
**
** Nothing here owns what it renders; jh_gaps_county's array is the
** caller's (free()).
*/
#include "plan_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

jh_code jh_gaps_county(const jh_result *r, size_t county,
                       const jh_costs *costs, jh_addition **out, size_t *n,
                       jh_diags *diags)
{
	jh_addition *all = NULL, *rooms = NULL, *grown;
	size_t nall = 0, nrooms = 0, k = 0;
	const jh_county_result *cr;
	jh_code rc;

	if (out)
		*out = NULL;
	if (n)
		*n = 0;
	if (!r || !costs || !out || !n || county >= r->ncounties)
		return JH_ERR_ARG;
	cr = &r->counties[county];
	if ((rc = jh_gaps_schools(r, costs, &all, &nall, diags)))
		return rc;
	/* This county-year's schools only (the result may hold others). */
	for (size_t i = 0; i < nall; i++)
		if (!strcmp(all[i].school->county_code, cr->county_code) &&
		    all[i].school->year == cr->year)
			all[k++] = all[i];
	nall = k;
	if ((rc = jh_gaps_rooms(r, county, costs, &rooms, &nrooms, diags))) {
		free(all);
		return rc;
	}
	if (nrooms) {
		if (!(grown = realloc(all, (nall + nrooms) * sizeof *grown))) {
			free(all);
			free(rooms);
			return JH_ERR_NOMEM;
		}
		all = grown;
	}
	for (size_t i = 0; i < nrooms; i++) {
		for (k = 0; k < nall; k++)
			if (all[k].school == rooms[i].school)
				break;
		if (k == nall)
			all[nall++] = rooms[i];
		else {
			for (int f = 0; f < JH_F__COUNT; f++)
				all[k].add[f] += rooms[i].add[f];
			all[k].cost += rooms[i].cost;
		}
	}
	free(rooms);
	if (!nall) {
		free(all);
		all = NULL;
	}
	*out = all;
	*n = nall;
	return JH_OK;
}

static int is_en(const char *lang)
{
	return lang && !strcmp(lang, "en");
}

/* --- text -------------------------------------------------------------- */

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

/* "小学学段:生均体育运动场馆面积、……" / "primary stage: sports ..., ..." */
static void text_unreachable(jh_buf *out, const jh_addition *a, const char *lang)
{
	int en = is_en(lang), first = 1;

	jh_buf_addf(out, en ? "  %s %s: no addition makes it pass (%s stage: "
	                    : "  %s %s:无论增加多少资源都无法达标(%s学段:",
	            a->school->school_code, a->school->school_name,
	            jh_stage_name(a->stage, lang));
	for (int i = 0; i < JH_IND__COUNT; i++)
		if (a->indicators & (1u << i)) {
			jh_buf_addf(out, "%s%s", first ? "" : en ? ", " : "、",
			            jh_indicator_name((jh_indicator)i, lang));
			first = 0;
		}
	jh_buf_adds(out, ")\n");
}

static void text_report(const jh_plan *p, const jh_addition *g, size_t n,
                        const char *lang, jh_buf *out)
{
	int en = is_en(lang);

	jh_buf_addf(out, en ? "County %s · %d\n\nFailing schools, each on its own (%zu):\n"
	                    : "县(市、区) %s · %d 年度\n\n未达标学校单独补足所需(%zu 所):\n",
	            p->county_code, p->year, n);
	for (size_t i = 0; i < n; i++) {
		if (g[i].unreachable)
			text_unreachable(out, &g[i], lang);
		else
			jh_buf_addf(out, en ? "  %s %s: %.0f yuan\n" : "  %s %s:%.0f 元\n",
			            g[i].school->school_code, g[i].school->school_name,
			            g[i].cost);
		text_add(out, &g[i], lang);
	}
	switch (p->status) {
	case JH_PLAN_FOUND:
		break;
	case JH_PLAN_INFEASIBLE:
		if (p->unreachable)
			jh_buf_addf(out, en ? "\nNo plan exists: no addition makes %s %s pass.\n"
			                    : "\n没有可使全县达标的方案:%s %s 无论增加多少资源都无法达标。\n",
			            p->unreachable->school_code, p->unreachable->school_name);
		else
			jh_buf_adds(out, en ? "\nNo plan exists: no additions bring every "
			                      "difference coefficient within its limit.\n"
			                    : "\n没有可使全县达标的方案:增加资源无法使各项差异系数全部达标。\n");
		return;
	case JH_PLAN_TIME_LIMIT:
		jh_buf_adds(out, en ? "\nNo plan found within the time limit.\n"
		                    : "\n在时限内未求得方案。\n");
		return;
	case JH_PLAN_SOLVER_FAILED:
		jh_buf_adds(out, en ? "\nThe solver (GLPK) failed: no plan.\n"
		                    : "\n求解器(GLPK)出错,未求得方案。\n");
		return;
	}
	if (p->nadd == 0) {
		jh_buf_adds(out, en ? "\nThe county already passes the resource part: nothing to add.\n"
		                    : "\n该县资源配置已达标,无需补充。\n");
		return;
	}
	jh_buf_addf(out, en ? "\nCheapest plan for the whole county (every school passes, every coefficient within its limit):\n"
	                      "  cost %.0f yuan, proven lower bound %.0f yuan, gap %.4f%%\n"
	                    : "\n全县最低成本方案(各校达标、各项差异系数达标):\n"
	                      "  总成本 %.0f 元,已证明的下界 %.0f 元,相对差距 %.4f%%\n",
	            p->cost, p->lower_bound, p->gap * 100);
	for (size_t i = 0; i < p->nadd; i++) {
		jh_buf_addf(out, en ? "  %s %s: %.0f yuan\n" : "  %s %s:%.0f 元\n",
		            p->add[i].school->school_code, p->add[i].school->school_name,
		            p->add[i].cost);
		text_add(out, &p->add[i], lang);
	}
}

/* --- JSON -------------------------------------------------------------- */

/* Through the library's one JSON writer (jhJson, lib/util/out.c): one
 * value a line, indented by one space, numbers in shortest round-trip
 * form, null for a figure that does not exist (the cost of no plan). */

static void json_add(jhJson *j, const jh_addition *a)
{
	jhJsonKey(j, "add");
	jhJsonOpen(j, '{');
	for (int f = 0; f < JH_F__COUNT; f++)
		if (a->add[f] != 0) {
			jhJsonKey(j, jh_field_key((jh_field)f));
			jhJsonNum(j, a->add[f]);
		}
	jhJsonClose(j, '}');
}

static void json_unreachable(jhJson *j, const jh_addition *a)
{
	jhJsonKey(j, "unreachable");
	jhJsonOpen(j, '{');
	jhJsonKey(j, "stage");
	jhJsonStr(j, jh_stage_key(a->stage));
	jhJsonKey(j, "indicators");
	jhJsonOpen(j, '[');
	for (int i = 0; i < JH_IND__COUNT; i++)
		if (a->indicators & (1u << i))
			jhJsonStr(j, jh_indicator_key((jh_indicator)i));
	jhJsonClose(j, ']');
	jhJsonClose(j, '}');
}

static jh_code json_report(const jh_plan *p, const jh_addition *g, size_t n,
                           jh_buf *out)
{
	jh_out *o = jh_out_new_buf(out);
	jhJson j;

	if (!o)
		return JH_ERR_NOMEM;
	jhJsonInit(&j, o, 1);
	jhJsonOpen(&j, '{');
	jhJsonKey(&j, "schools");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < n; i++) {
		jhJsonOpen(&j, '{');
		jhJsonKey(&j, "school_code");
		jhJsonStr(&j, g[i].school->school_code);
		jhJsonKey(&j, "school_name");
		jhJsonStr(&j, g[i].school->school_name);
		jhJsonKey(&j, "cost");
		jhJsonNum(&j, g[i].cost);
		json_add(&j, &g[i]);
		if (g[i].unreachable)
			json_unreachable(&j, &g[i]);
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonKey(&j, "plan");
	jhJsonOpen(&j, '{');
	jhJsonKey(&j, "county_code");
	jhJsonStr(&j, p->county_code);
	jhJsonKey(&j, "year");
	jhJsonInt(&j, p->year);
	jhJsonKey(&j, "solved");
	jhJsonBool(&j, p->solved);
	jhJsonKey(&j, "status");
	jhJsonStr(&j, jh_plan_status_key(p->status));
	jhJsonKey(&j, "cost");
	jhJsonNum(&j, p->cost);
	jhJsonKey(&j, "lower_bound");
	jhJsonNum(&j, p->lower_bound);
	jhJsonKey(&j, "gap");
	jhJsonNum(&j, p->gap);
	jhJsonKey(&j, "iterations");
	jhJsonInt(&j, p->iterations);
	if (p->unreachable) {
		jhJsonKey(&j, "unreachable_school");
		jhJsonStr(&j, p->unreachable->school_code);
	}
	jhJsonKey(&j, "add");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < p->nadd; i++) {
		jhJsonOpen(&j, '{');
		jhJsonKey(&j, "school_code");
		jhJsonStr(&j, p->add[i].school->school_code);
		jhJsonKey(&j, "cost");
		jhJsonNum(&j, p->add[i].cost);
		json_add(&j, &p->add[i]);
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonClose(&j, '}');
	jhJsonClose(&j, '}');
	jh_out_addc(o, '\n');
	return jh_out_close(o);
}

/* --- CSV --------------------------------------------------------------- */

static void csv_num(jh_buf *o, double v)
{
	char n[40];

	jh_buf_addc(o, ',');
	if (!isnan(v)) {
		jh_format_number(v, n, sizeof n);
		jh_buf_adds(o, n);
	}
}

/* record,county_code,year,school_code,school_name */
static void csv_head(jh_buf *o, const char *record, const jh_plan *p,
                     const jh_school_year *sy)
{
	jh_buf_addf(o, "%s,%s,%d,", record, p->county_code, p->year);
	if (sy) {
		jh_buf_addcsv(o, sy->school_code);
		jh_buf_addc(o, ',');
		jh_buf_addcsv(o, sy->school_name ? sy->school_name : "");
	} else {
		jh_buf_addc(o, ',');
	}
}

static void csv_adds(jh_buf *o, const char *record, const jh_plan *p,
                     const jh_addition *a)
{
	for (int f = 0; f < JH_F__COUNT; f++) {
		if (a->add[f] == 0)
			continue;
		csv_head(o, record, p, a->school);
		jh_buf_addf(o, ",%s", jh_field_key((jh_field)f));
		csv_num(o, a->add[f]);
		jh_buf_adds(o, ",,,,,\n");
	}
}

static void csv_report(const jh_plan *p, const jh_addition *g, size_t n,
                       jh_buf *o)
{
	jh_buf_adds(o, "record,county_code,year,school_code,school_name,field,"
	               "amount,cost,status,lower_bound,gap,unreachable\n");
	for (size_t i = 0; i < n; i++) {
		int first = 1;
		csv_head(o, "gap", p, g[i].school);
		jh_buf_adds(o, ",,");
		csv_num(o, g[i].cost);
		jh_buf_addf(o, ",%s,,,", g[i].unreachable ? "unreachable" : "");
		if (g[i].unreachable) {
			jh_buf_addf(o, "%s:", jh_stage_key(g[i].stage));
			for (int k = 0; k < JH_IND__COUNT; k++)
				if (g[i].indicators & (1u << k)) {
					jh_buf_addf(o, "%s%s", first ? "" : ";",
					            jh_indicator_key((jh_indicator)k));
					first = 0;
				}
		}
		jh_buf_addc(o, '\n');
		csv_adds(o, "gap_add", p, &g[i]);
	}
	csv_head(o, "plan", p, NULL);
	jh_buf_adds(o, ",,");
	csv_num(o, p->cost);
	jh_buf_addf(o, ",%s", jh_plan_status_key(p->status));
	csv_num(o, p->lower_bound);
	csv_num(o, p->gap);
	jh_buf_addc(o, ',');
	if (p->unreachable)
		jh_buf_addcsv(o, p->unreachable->school_code);
	jh_buf_addc(o, '\n');
	for (size_t i = 0; i < p->nadd; i++) {
		csv_head(o, "plan_school", p, p->add[i].school);
		jh_buf_adds(o, ",,");
		csv_num(o, p->add[i].cost);
		jh_buf_adds(o, ",,,,\n");
		csv_adds(o, "plan_add", p, &p->add[i]);
	}
}

jh_code jh_gaps_report(const jh_plan *plan, const jh_addition *gaps,
                       size_t ngaps, jh_format fmt, const char *lang,
                       jh_buf *out)
{
	jh_code rc = JH_OK;

	if (!plan || !out || (ngaps && !gaps))
		return JH_ERR_ARG;
	switch (fmt) {
	case JH_FMT_TEXT:
		text_report(plan, gaps, ngaps, lang, out);
		break;
	case JH_FMT_JSON:
		rc = json_report(plan, gaps, ngaps, out);
		break;
	case JH_FMT_CSV:
		csv_report(plan, gaps, ngaps, out);
		break;
	default:
		return JH_ERR_ARG;
	}
	if (rc == JH_OK && out->oom)
		rc = JH_ERR_NOMEM;
	return rc;
}
