/*
** county.c — the four commands over a county-year: verdict, eval, gaps
** and whatif, loaded from a store and rendered exactly as
** `junheng verdict|eval|gaps|whatif` print them (the commands call these
** and print the bytes; the server sends the same bytes).
**
** The judging is core's (jh_eval, jh_verdict_county, jh_whatif_apply) and
** plan's (jh_gaps_county, jh_plan_county); what is here is the order of
** the calls and the few lines the commands add around the library's
** renderings (the one-line-per-county verdict of a year, the what-if
** comparison).
*/
#include "service_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* GLPK keeps per-thread environments but is not known to be safe when
 * several threads solve at once (lib/plan/plan.c sets its hooks while
 * solving): one plan at a time in the process.  The only state of the
 * layer, and it holds no data.  (A caller that plans outside the service
 * while the server runs should take no other GLPK path: jh_service_gaps
 * is the one door.) */
static pthread_mutex_t plan_lock = PTHREAD_MUTEX_INITIALIZER;

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

/* Every county of a year: one line each (text), an array (JSON), or
 * every item under one header (CSV). */
static jh_code all_counties(const jhLoaded *L, const jh_query *q, jh_format fmt,
                            jh_buf *out, jh_diags *d)
{
	const char *lang = jhServiceLang(q);
	int en = !strcmp(lang, "en");
	int ids = (q->flags & JH_VERDICT_IDS) != 0;
	size_t counts[3] = {0};
	const jh_result *res = L->res;
	jh_code rc = JH_OK;

	if (fmt == JH_FMT_JSON)
		jh_buf_adds(out, "[\n");
	else if (fmt == JH_FMT_TEXT)
		jh_buf_addf(out, en ? "%d · verdict per county (all four parts)\n"
		                    : "%d 年度 · 各县优质均衡综合结论(四个方面)\n", q->year);
	for (size_t c = 0; c < res->ncounties; c++) {
		jh_verdict v;
		size_t nf = 0, nm = 0;
		char title[192];
		if ((rc = jh_verdict_county(res, c, L->items, &v, d)))
			return rc;
		counts[v.verdict]++;
		if (fmt == JH_FMT_JSON) {
			if (c)
				jh_buf_adds(out, ",\n");
			rc = jh_verdict_report(&v, JH_FMT_JSON, lang, out);
		} else if (fmt == JH_FMT_CSV) {
			rc = jh_verdict_report_ex(&v, JH_FMT_CSV, lang,
			                          (ids ? JH_VERDICT_IDS : 0) |
			                          (c ? 0 : JH_VERDICT_CSV_HEADER), out);
		} else {
			jh_county_title(v.county_code, v.county_name, lang, title, sizeof title);
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
				jh_buf_adds(out, ids ? it->id : en ? it->label_en : it->label_zh);
				if (it->status == JH_ITEM_MISSING)
					jh_buf_adds(out, en ? " (missing)" : "(缺数据)");
			}
			jh_buf_addc(out, '\n');
		}
		jh_verdict_free(&v);
		if (rc)
			return rc;
	}
	if (fmt == JH_FMT_JSON)
		jh_buf_adds(out, "\n]\n");
	else if (fmt == JH_FMT_TEXT)
		jh_buf_addf(out, en ? "  %zu counties: %zu pass, %zu fail, %zu incomplete\n"
		                    : "  共 %zu 个县:达到 %zu 个,未达到 %zu 个,数据不全 %zu 个\n",
		            res->ncounties, counts[0], counts[1], counts[2]);
	return JH_OK;
}

jh_code jh_service_verdict(jh_store *s, const jh_query *q, jh_format fmt,
                           jh_buf *out, jh_diags *d)
{
	jhLoaded L;
	jh_verdict v;
	jh_code rc;

	memset(&v, 0, sizeof v);
	if (!q->year)
		return JH_ERR_ARG;
	rc = jhServiceLoad(s, q, JH_LOAD_ITEMS, 1, &L, d);
	if (!rc && !q->county)
		rc = all_counties(&L, q, fmt, out, d);
	else if (!rc && !(rc = jh_verdict_county(L.res, 0, L.items, &v, d)))
		rc = jh_verdict_report_ex(&v, fmt, jhServiceLang(q),
		                          JH_VERDICT_CSV_HEADER | (q->flags & JH_VERDICT_IDS), out);
	jh_verdict_free(&v);
	jhLoadedFree(&L);
	return rc;
}

/* The rows of ds evaluated under q and written to o; areas name the
 * counties (may be NULL). */
static jh_code eval_write(const jh_dataset *ds, const jh_areas *areas,
                          const jh_query *q, jh_format fmt, jh_out *o,
                          jh_diags *d)
{
	jh_standard std;
	jh_filter f = {q->county, q->year, NULL};
	jh_result *res = NULL;
	jh_code rc;

	if (q->std)
		std = *q->std;
	else if ((rc = jh_standard_national(&std, d)))
		return rc;
	if ((rc = jh_eval(ds, &std, &f, &res, d)))
		return rc;
	jh_result_set_areas(res, areas);
	rc = jh_report_write(res, fmt, jhServiceLang(q), q->flags & JH_REPORT_PRETTY, o);
	jh_result_free(res);
	return rc;
}

jh_code jh_service_eval_write(jh_store *s, const jh_query *q, jh_format fmt,
                              jh_out *o, jh_diags *d)
{
	jh_filter f = {q->county, q->year, NULL};
	jh_dataset *ds = NULL;
	jh_areas *areas = NULL;
	jh_code rc;

	if (!(rc = jh_store_load(s, &f, q->as_of, &ds, d)) &&
	    !(rc = jh_store_areas(s, &areas, d)))
		rc = eval_write(ds, areas, q, fmt, o, d);
	jh_dataset_free(ds);
	jh_areas_free(areas);
	return rc;
}

jh_code jh_service_eval(jh_store *s, const jh_query *q, jh_format fmt,
                        jh_buf *out, jh_diags *d)
{
	jh_out *o = jh_out_new_buf(out);
	jh_code rc, crc;

	if (!o)
		return JH_ERR_NOMEM;
	rc = jh_service_eval_write(s, q, fmt, o, d);
	crc = jh_out_close(o);
	return rc ? rc : crc;
}

jh_code jh_service_eval_import(const jh_import_set *is, const jh_query *q,
                               jh_format fmt, jh_out *o, jh_diags *d)
{
	return eval_write(jh_import_set_rows(is), jh_import_set_areas(is), q, fmt, o, d);
}

jh_code jh_service_gaps(jh_store *s, const jh_query *q, jh_format fmt,
                        jh_buf *out, jh_diags *d)
{
	jhLoaded L;
	jh_costs costs;
	jh_addition *gaps = NULL;
	size_t ngaps = 0;
	jh_plan plan;
	jh_plan_options popt = {q->time_limit, 0};
	jh_code rc;

	memset(&plan, 0, sizeof plan);
	if (!q->county || !q->year)
		return JH_ERR_ARG;
	if (q->costs)
		costs = *q->costs;
	else if ((rc = jh_costs_default(&costs, d)))
		return rc;
	if ((rc = jhServiceLoad(s, q, 0, 1, &L, d)) ||
	    (rc = jh_gaps_county(L.res, 0, &costs, &gaps, &ngaps, d)))
		goto out;
	pthread_mutex_lock(&plan_lock);
	rc = jh_plan_county(L.res, 0, &costs, &popt, &plan, d);
	/* The thread's GLPK environment goes with the plan: a server's
	 * threads come and go, and the layer holds no GLPK object. */
	jh_plan_thread_done();
	pthread_mutex_unlock(&plan_lock);
	if (!rc)
		rc = jh_gaps_report(&plan, gaps, ngaps, fmt, jhServiceLang(q), out);
out:
	jh_plan_free(&plan);
	free(gaps);
	jhLoadedFree(&L);
	return rc;
}

/* The JSON of whatif: the two verdicts, county_name (added later) last. */
static jh_code whatif_json(const jh_verdict *before, const jh_verdict *after,
                           const char *lang, jh_buf *out)
{
	jh_code rc;

	jh_buf_adds(out, "{\"county_code\": \"");
	jh_buf_adds(out, before->county_code);
	jh_buf_addf(out, "\", \"year\": %d, \"before\": ", before->year);
	if ((rc = jh_verdict_report(before, JH_FMT_JSON, lang, out)))
		return rc;
	jh_buf_adds(out, ", \"after\": ");
	if ((rc = jh_verdict_report(after, JH_FMT_JSON, lang, out)))
		return rc;
	jh_buf_adds(out, ", \"county_name\": \"");
	/* A name is the office's text: escaped as JSON strings are (every
	 * control character as \u00XX, as this output always had it). */
	for (const unsigned char *c = (const unsigned char *)before->county_name; *c; c++)
		if (*c == '"' || *c == '\\')
			jh_buf_addf(out, "\\%c", *c);
		else if (*c < 0x20)
			jh_buf_addf(out, "\\u%04x", *c);
		else
			jh_buf_addc(out, (char)*c);
	jh_buf_adds(out, "\"}\n");
	return JH_OK;
}

/* The text of whatif: the verdicts, then every item whose status or value
 * moved (matched by id), and the items of schools gone. */
static void whatif_text(const jh_verdict *before, const jh_verdict *after,
                        const char *lang, int ids, jh_buf *out)
{
	int en = !strcmp(lang, "en");
	size_t changed = 0;
	char title[192];

	jh_county_title(before->county_code, before->county_name, lang, title, sizeof title);
	jh_buf_addf(out, en ? "%s · %d: before %s, after %s\n"
	                    : "%s · %d 年度:变更前 %s,变更后 %s\n",
	            title, before->year, verdict_name(before->verdict, en),
	            verdict_name(after->verdict, en));
	for (size_t i = 0; i < after->count; i++) {
		const jh_verdict_item *a = &after->items[i], *b = NULL;
		for (size_t k = 0; k < before->count && !b; k++)
			if (!strcmp(before->items[k].id, a->id))
				b = &before->items[k];
		if (b && b->status == a->status && !strcmp(b->value_text, a->value_text))
			continue;
		changed++;
		jh_buf_addf(out, "  %s → %s ", b ? status_mark(b->status, en) : "·",
		            status_mark(a->status, en));
		jh_buf_addpad(out, ids ? a->id : en ? a->label_en : a->label_zh, 40, 0);
		jh_buf_addf(out, " %s → %s\n", b ? jh_verdict_item_value(b, lang) : "-",
		            jh_verdict_item_value(a, lang));
	}
	for (size_t k = 0; k < before->count; k++) {
		int found = 0;
		for (size_t i = 0; i < after->count && !found; i++)
			found = !strcmp(before->items[k].id, after->items[i].id);
		if (!found) {
			const jh_verdict_item *b = &before->items[k];
			changed++;
			jh_buf_addf(out, "  %s → · ", status_mark(b->status, en));
			jh_buf_addpad(out, ids ? b->id : en ? b->label_en : b->label_zh, 40, 0);
			jh_buf_adds(out, en ? " (school gone)\n" : "(学校已撤并)\n");
		}
	}
	if (!changed)
		jh_buf_adds(out, en ? "  no item changes\n" : "  各项结果均无变化\n");
	jh_buf_adds(out, en ? "The database was not changed.\n" : "数据库未作任何改动。\n");
}

jh_code jh_service_whatif(jh_store *s, const jh_query *q,
                          const jh_table *changes, jh_format fmt, jh_buf *out,
                          jh_diags *d)
{
	jhLoaded L;
	jh_verdict before, after;
	jh_dataset *ds2 = NULL;
	jh_result *res2 = NULL;
	const char *lang = jhServiceLang(q);
	jh_code rc;

	memset(&before, 0, sizeof before);
	memset(&after, 0, sizeof after);
	if (!q->county || !q->year || (fmt != JH_FMT_TEXT && fmt != JH_FMT_JSON))
		return JH_ERR_ARG;
	if ((rc = jhServiceLoad(s, q, JH_LOAD_ITEMS, 1, &L, d)) ||
	    (rc = jh_verdict_county(L.res, 0, L.items, &before, d)) ||
	    (rc = jh_whatif_apply(L.ds, q->year, changes, &ds2, d)) ||
	    /* The same county-year records: the changes are to schools. */
	    (rc = jh_eval(ds2, &L.std, &L.filter, &res2, d)))
		goto out;
	jh_result_set_areas(res2, L.areas);
	if ((rc = jh_verdict_county(res2, 0, L.items, &after, d)))
		goto out;
	if (fmt == JH_FMT_JSON)
		rc = whatif_json(&before, &after, lang, out);
	else
		whatif_text(&before, &after, lang, (q->flags & JH_VERDICT_IDS) != 0, out);
out:
	jh_verdict_free(&before);
	jh_verdict_free(&after);
	jh_result_free(res2);
	jh_dataset_free(ds2);
	jhLoadedFree(&L);
	return rc;
}
