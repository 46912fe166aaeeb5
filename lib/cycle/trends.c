/*
** trends.c — progress over the years (GET /counties/{code}/trends,
** /cities/{code}/trends, `junheng plan DB trends`).
**
** Every year the store holds for the county (each county of a city),
** evaluated as stored now with the caller's standard: the verdict and its
** items' status, per stage the coefficients, the student-weighted means
** and the failing school stages, and the plan's counted measures
** (measures.c: large schools, oversized classes, what the schools still
** lack).  A city's years sum the counted measures over its counties and
** count the counties whose verdict passes.  The plan's milestones come
** judged (creation_status.c) so that a chart draws them on the lines.
**
** Schools improved or fell back (a county): each school stage evaluated
** in both years, base and year (default: the last two years with data),
** compared by indicators met (of 7); improved when more are met, fell
** back when fewer, and whether it passes the 6-of-7 / 85% rule in each.
*/
#include "cycle_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *verdict_key(jh_verdict_code v)
{
	return v == JH_VERDICT_PASS ? "pass" : v == JH_VERDICT_FAIL ? "fail" : "incomplete";
}

static const char *verdict_name(jh_verdict_code v, int en)
{
	if (en)
		return v == JH_VERDICT_PASS ? "pass" : v == JH_VERDICT_FAIL ? "fail" : "incomplete";
	return v == JH_VERDICT_PASS ? "达标" : v == JH_VERDICT_FAIL ? "未达标" : "数据不全";
}

/* One county's years, evaluated. */
struct county_years {
	const jh_area *area;
	jhLoaded L;
	jhMeasureSet *m;     /* per county-year of L.res */
	size_t n;
};

static jh_code load_county(jh_store *s, const jh_area *a, const jh_standard *std,
                           struct county_years *cy, jh_diags *d)
{
	jh_query q = {0};
	jh_code rc;

	memset(cy, 0, sizeof *cy);
	cy->area = a;
	q.county = a->code;
	q.std = std;
	rc = jhServiceLoad(s, &q, JH_LOAD_ITEMS, 0, &cy->L, d);
	if (rc == JH_ERR_NOTFOUND)
		return JH_OK;
	if (rc)
		return rc;
	cy->m = calloc(cy->L.res->ncounties ? cy->L.res->ncounties : 1, sizeof *cy->m);
	if (!cy->m)
		return JH_ERR_NOMEM;
	for (size_t c = 0; c < cy->L.res->ncounties; c++) {
		if ((rc = jhMeasuresCompute(cy->L.res, c, cy->L.items, &cy->m[c], d)))
			return rc;
		cy->n++;
	}
	return JH_OK;
}

static void free_county(struct county_years *cy)
{
	for (size_t i = 0; i < cy->n; i++)
		jhMeasuresFree(&cy->m[i]);
	free(cy->m);
	jhLoadedFree(&cy->L);
}

static void json_counts(jhJson *j, const double *fixed)
{
	jhJsonKey(j, "counts");
	jhJsonOpen(j, '{');
	for (int k = 0; k < JH_M__COUNT; k++)
		jhJsonFieldNum(j, jhMeasureKey(k), fixed[k]);
	jhJsonClose(j, '}');
}

static void json_year(jhJson *j, const jhMeasureSet *m)
{
	jhJsonOpen(j, '{');
	jhJsonFieldInt(j, "year", m->year);
	jhJsonFieldStr(j, "verdict", verdict_key(m->verdict.verdict));
	json_counts(j, m->fixed);
	jhJsonKey(j, "stages");
	jhJsonOpen(j, '{');
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		if (!m->has_stage[st])
			continue;
		jhJsonKey(j, jh_stage_key((jh_stage)st));
		jhJsonOpen(j, '{');
		jhJsonFieldInt(j, "school_stages", (long long)m->units[st]);
		jhJsonKey(j, "cv");
		jhJsonOpen(j, '{');
		for (int i = 0; i < JH_IND__COUNT; i++)
			jhJsonFieldNum(j, jh_indicator_key((jh_indicator)i), m->cv[st][i]);
		jhJsonClose(j, '}');
		jhJsonKey(j, "mean");
		jhJsonOpen(j, '{');
		for (int i = 0; i < JH_IND__COUNT; i++)
			jhJsonFieldNum(j, jh_indicator_key((jh_indicator)i), m->mean[st][i]);
		jhJsonClose(j, '}');
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, '}');
	jhJsonKey(j, "items");
	jhJsonOpen(j, '{');
	for (size_t k = 0; k < m->verdict.count; k++) {
		const jh_verdict_item *it = &m->verdict.items[k];
		/* Per-school items are in "schools" below; the county's own here. */
		if (!strncmp(it->id, "resource.school.", 16))
			continue;
		jhJsonFieldStr(j, it->id, it->status == JH_ITEM_PASS ? "pass" :
		               it->status == JH_ITEM_FAIL ? "fail" : "missing");
	}
	jhJsonClose(j, '}');
	jhJsonClose(j, '}');
}

/* The index of year y among cy's county-years, or -1. */
static int year_index(const struct county_years *cy, int y)
{
	for (size_t i = 0; i < cy->n; i++)
		if (cy->m[i].year == y)
			return (int)i;
	return -1;
}

struct change {
	const jh_unit *a, *b;
};

/* School stages of both years, improved (dir 1) or fallen back (-1). */
static size_t changes(const struct county_years *cy, int ia, int ib, int dir,
                      struct change *out, size_t cap)
{
	const jh_result *r = cy->L.res;
	const jh_county_result *ca = &r->counties[ia], *cb = &r->counties[ib];
	size_t n = 0;

	for (size_t k = cb->first_unit; k < cb->first_unit + cb->nunits; k++) {
		const jh_unit *ub = &r->units[k];
		if (ub->status != JH_UNIT_EVALUATED)
			continue;
		for (size_t h = ca->first_unit; h < ca->first_unit + ca->nunits; h++) {
			const jh_unit *ua = &r->units[h];
			if (ua->status != JH_UNIT_EVALUATED || ua->stage != ub->stage ||
			    strcmp(ua->school->school_code, ub->school->school_code))
				continue;
			if ((dir > 0 && ub->met > ua->met) || (dir < 0 && ub->met < ua->met) ||
			    (dir > 0 && ub->met == ua->met && ub->passes > ua->passes) ||
			    (dir < 0 && ub->met == ua->met && ub->passes < ua->passes)) {
				if (n < cap)
					out[n] = (struct change){ua, ub};
				n++;
			}
			break;
		}
	}
	return n;
}

static void json_changes(jhJson *j, const char *key, const struct change *c, size_t n)
{
	jhJsonKey(j, key);
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < n; i++) {
		jhJsonOpen(j, '{');
		jhJsonFieldStr(j, "school", c[i].b->school->school_code);
		jhJsonFieldStr(j, "name", c[i].b->school->school_name ? c[i].b->school->school_name : "");
		jhJsonFieldStr(j, "stage", jh_stage_key(c[i].b->stage));
		jhJsonFieldInt(j, "met_base", c[i].a->met);
		jhJsonFieldInt(j, "met_year", c[i].b->met);
		jhJsonFieldBool(j, "passes_base", c[i].a->passes);
		jhJsonFieldBool(j, "passes_year", c[i].b->passes);
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
}

static void text_changes(jh_buf *out, const char *title, const struct change *c,
                         size_t n, const char *lang)
{
	int en = !strcmp(lang, "en");

	jh_buf_addf(out, "%s%s%zu\n", title, en ? ": " : ":", n);
	for (size_t i = 0; i < n; i++)
		jh_buf_addf(out, en ? "  %s %s (%s): %d → %d of 7 met\n" :
		                      "  %s %s(%s):达标指标 %d → %d 项\n",
		            c[i].b->school->school_code,
		            c[i].b->school->school_name ? c[i].b->school->school_name : "",
		            jh_stage_name(c[i].b->stage, lang), c[i].a->met, c[i].b->met);
}

static void text_year(jh_buf *out, const jhMeasureSet *m, const char *lang)
{
	int en = !strcmp(lang, "en");

	jh_buf_addf(out, en ? "%d: verdict %s, %.0f items failing, %.0f failing school stages, "
	                      "%.0f large schools, %.0f oversized-class stages\n" :
	                      "%d 年:结论%s,未达标评估项 %.0f 项,未达标学校(学段)%.0f 个,"
	                      "大规模学校 %.0f 所,大班额学段 %.0f 个\n",
	            m->year, verdict_name(m->verdict.verdict, en), m->fixed[JH_M_FAILING_ITEMS],
	            m->fixed[JH_M_FAILING_SCHOOL_STAGES], m->fixed[JH_M_LARGE_SCHOOLS],
	            m->fixed[JH_M_LARGE_CLASS_STAGES]);
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		if (!m->has_stage[st])
			continue;
		jh_buf_addf(out, en ? "  %s coefficients:" : "  %s差异系数:", jh_stage_name((jh_stage)st, lang));
		for (int i = 0; i < JH_IND__COUNT; i++)
			jh_buf_addf(out, isnan(m->cv[st][i]) ? " -" : " %.3f", m->cv[st][i]);
		jh_buf_addf(out, "\n");
	}
}

static jh_code trends_county(jh_store *s, const jh_user *who, const jh_area *a,
                             int base, int year, const jh_standard *std,
                             jh_format fmt, const char *lang, jh_buf *out,
                             jh_diags *d)
{
	struct county_years cy;
	jh_milestone_result *ms = NULL;
	size_t nms = 0, nup = 0, ndown = 0;
	struct change *up = NULL, *down = NULL;
	int ia = -1, ib = -1;
	jh_code rc = load_county(s, a, std, &cy, d);

	if (!rc)
		rc = jh_creation_milestones(s, who, a->code, NULL, std, &ms, &nms, d);
	if (!rc && cy.n >= 2) {
		if (!year)
			year = cy.m[cy.n - 1].year;
		if (!base) {
			for (size_t i = 0; i < cy.n; i++)
				if (cy.m[i].year < year)
					base = cy.m[i].year;
		}
	}
	if (!rc && base && year && base >= year) {
		char b[16], y[16];
		snprintf(b, sizeof b, "%d", base);
		snprintf(y, sizeof y, "%d", year);
		jh_diags_add(d, JH_P_TRENDS_YEARS, NULL, NULL, 0, 0, NULL, b, y);
		rc = JH_ERR_INPUT;
	}
	if (!rc && base && year) {
		ia = year_index(&cy, base);
		ib = year_index(&cy, year);
	}
	if (!rc && ia >= 0 && ib >= 0) {
		size_t cap = cy.L.res->nunits ? cy.L.res->nunits : 1;
		up = calloc(cap, sizeof *up);
		down = calloc(cap, sizeof *down);
		if (!up || !down) {
			rc = JH_ERR_NOMEM;
		} else {
			nup = changes(&cy, ia, ib, 1, up, cap);
			ndown = changes(&cy, ia, ib, -1, down, cap);
		}
	}
	if (!rc && fmt == JH_FMT_JSON) {
		jhJson j;
		jh_out *o = jhServiceJsonBegin(out, &j);
		if (!o) {
			rc = JH_ERR_NOMEM;
		} else {
			jhJsonOpen(&j, '{');
			jhJsonFieldStr(&j, "area", a->code);
			jhJsonFieldStr(&j, "level", "county");
			jhJsonFieldStr(&j, "name", a->name ? a->name : "");
			jhJsonKey(&j, "years");
			jhJsonOpen(&j, '[');
			for (size_t i = 0; i < cy.n; i++)
				json_year(&j, &cy.m[i]);
			jhJsonClose(&j, ']');
			jhJsonKey(&j, "milestones");
			jhMilestonesJson(&j, ms, nms);
			jhJsonKey(&j, "schools");
			if (ia >= 0 && ib >= 0) {
				jhJsonOpen(&j, '{');
				jhJsonFieldInt(&j, "base", base);
				jhJsonFieldInt(&j, "year", year);
				json_changes(&j, "improved", up, nup);
				json_changes(&j, "fell_back", down, ndown);
				jhJsonClose(&j, '}');
			} else {
				jhJsonNull(&j);
			}
			jhJsonClose(&j, '}');
			rc = jhServiceJsonEnd(o);
		}
	} else if (!rc) {
		int en = !strcmp(lang, "en");
		jh_buf_addf(out, en ? "Progress of %s %s over the years\n" : "%s %s 历年进展\n",
		            a->code, a->name ? a->name : "");
		for (size_t i = 0; i < cy.n; i++)
			text_year(out, &cy.m[i], lang);
		if (nms) {
			jh_buf_addf(out, en ? "Milestones:\n" : "阶段目标:\n");
			for (size_t i = 0; i < nms; i++)
				jh_buf_addf(out, "  %d: %s\n", ms[i].year,
				            jh_milestone_status_name(ms[i].status, lang));
		}
		if (ia >= 0 && ib >= 0) {
			char t[96];
			snprintf(t, sizeof t, en ? "Improved from %d to %d" : "%d 至 %d 年进步的学校", base, year);
			text_changes(out, t, up, nup, lang);
			snprintf(t, sizeof t, en ? "Fell back from %d to %d" : "%d 至 %d 年退步的学校", base, year);
			text_changes(out, t, down, ndown, lang);
		}
		rc = out->oom ? JH_ERR_NOMEM : JH_OK;
	}
	free(up);
	free(down);
	jh_milestones_free(ms, nms);
	free_county(&cy);
	return rc;
}

/* Year y of a city's counties: the counted measures summed into sum,
 * the counties passing into *passing; the number of counties with data
 * of y. */
static int city_year(const struct county_years *cs, size_t nc, int y,
                     double sum[JH_M__COUNT], int *passing)
{
	int counties = 0;

	memset(sum, 0, JH_M__COUNT * sizeof *sum);
	*passing = 0;
	for (size_t c = 0; c < nc; c++) {
		int k = year_index(&cs[c], y);
		if (k < 0)
			continue;
		counties++;
		*passing += cs[c].m[k].verdict.verdict == JH_VERDICT_PASS;
		for (int f = 0; f < JH_M__COUNT; f++)
			sum[f] += cs[c].m[k].fixed[f];
	}
	return counties;
}

/* A city: each county's years, and the city's per year. */
static jh_code trends_city(jh_store *s, const jh_user *who, const jh_areas *areas,
                           const jh_area *city, const jh_standard *std,
                           jh_format fmt, const char *lang, jh_buf *out,
                           jh_diags *d)
{
	size_t cnt = jh_areas_count(areas), nc = 0;
	struct county_years *cs = calloc(cnt ? cnt : 1, sizeof *cs);
	jh_milestone_result *ms = NULL;
	size_t nms = 0;
	int ymin = 9999, ymax = 0;
	jh_code rc = cs ? JH_OK : JH_ERR_NOMEM;
	int en = !strcmp(lang, "en");

	for (size_t i = 0; !rc && i < cnt; i++) {
		const jh_area *a = jh_areas_at(areas, i);
		if (a->level != JH_AREA_COUNTY || strcmp(a->parent, city->code))
			continue;
		rc = load_county(s, a, std, &cs[nc++], d);
		for (size_t k = 0; !rc && k < cs[nc - 1].n; k++) {
			if (cs[nc - 1].m[k].year < ymin)
				ymin = cs[nc - 1].m[k].year;
			if (cs[nc - 1].m[k].year > ymax)
				ymax = cs[nc - 1].m[k].year;
		}
	}
	if (!rc)
		rc = jh_creation_milestones(s, who, city->code, NULL, std, &ms, &nms, d);
	if (!rc && fmt == JH_FMT_JSON) {
		jhJson j;
		jh_out *o = jhServiceJsonBegin(out, &j);
		if (!o) {
			rc = JH_ERR_NOMEM;
			goto done;
		}
		jhJsonOpen(&j, '{');
		jhJsonFieldStr(&j, "area", city->code);
		jhJsonFieldStr(&j, "level", "city");
		jhJsonFieldStr(&j, "name", city->name ? city->name : "");
		jhJsonKey(&j, "years");
		jhJsonOpen(&j, '[');
		for (int y = ymin; y <= ymax; y++) {
			double sum[JH_M__COUNT];
			int passing, counties = city_year(cs, nc, y, sum, &passing);
			if (!counties)
				continue;
			jhJsonOpen(&j, '{');
			jhJsonFieldInt(&j, "year", y);
			jhJsonFieldInt(&j, "counties", counties);
			jhJsonFieldInt(&j, "counties_passing", passing);
			json_counts(&j, sum);
			jhJsonClose(&j, '}');
		}
		jhJsonClose(&j, ']');
		jhJsonKey(&j, "counties");
		jhJsonOpen(&j, '[');
		for (size_t c = 0; c < nc; c++) {
			jhJsonOpen(&j, '{');
			jhJsonFieldStr(&j, "county", cs[c].area->code);
			jhJsonFieldStr(&j, "name", cs[c].area->name ? cs[c].area->name : "");
			jhJsonKey(&j, "years");
			jhJsonOpen(&j, '[');
			for (size_t k = 0; k < cs[c].n; k++)
				json_year(&j, &cs[c].m[k]);
			jhJsonClose(&j, ']');
			jhJsonClose(&j, '}');
		}
		jhJsonClose(&j, ']');
		jhJsonKey(&j, "milestones");
		jhMilestonesJson(&j, ms, nms);
		jhJsonClose(&j, '}');
		rc = jhServiceJsonEnd(o);
	} else if (!rc) {
		jh_buf_addf(out, en ? "Progress of %s %s over the years\n" : "%s %s 历年进展\n",
		            city->code, city->name ? city->name : "");
		for (int y = ymin; y <= ymax; y++) {
			double sum[JH_M__COUNT];
			int passing, counties = city_year(cs, nc, y, sum, &passing);
			if (!counties)
				continue;
			jh_buf_addf(out, en ? "%d: %d of %d counties pass, %.0f large schools, "
			                      "%.0f failing school stages\n" :
			                      "%d 年:%d/%d 个县达标,大规模学校 %.0f 所,未达标学校(学段)%.0f 个\n",
			            y, passing, counties, sum[JH_M_LARGE_SCHOOLS],
			            sum[JH_M_FAILING_SCHOOL_STAGES]);
		}
		for (size_t i = 0; i < nms; i++)
			jh_buf_addf(out, en ? "  city-wide milestone %d: %s\n" : "  全市阶段目标 %d 年:%s\n",
			            ms[i].year, jh_milestone_status_name(ms[i].status, lang));
		rc = out->oom ? JH_ERR_NOMEM : JH_OK;
	}
done:
	for (size_t c = 0; cs && c < nc; c++)
		free_county(&cs[c]);
	free(cs);
	jh_milestones_free(ms, nms);
	return rc;
}

jh_code jh_trends(jh_store *s, const jh_user *who, const char *area,
                  int base, int year, const jh_standard *std, jh_format fmt,
                  const char *lang, jh_buf *out, jh_diags *d)
{
	jh_areas *areas = NULL;
	const jh_area *a;
	const char *l = lang && !strcmp(lang, "en") ? "en" : "zh";
	jh_code rc;

	if ((rc = jhCreationAreas(s, &areas, d)))
		return rc;
	a = area ? jh_areas_find(areas, area) : NULL;
	if (!a) {
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, area ? area : "", NULL);
		rc = JH_ERR_NOTFOUND;
	} else if (who && who->role == JH_ROLE_SCHOOL) {
		/* A school reads its county's plan, not the trends. */
		jh_diags_add(d, JH_P_DENIED, NULL, NULL, 0, 0, NULL, area, NULL);
		rc = JH_ERR_DENIED;
	} else if ((rc = jh_access_area(areas, who, JH_OP_READ, area))) {
		if (rc == JH_ERR_DENIED)
			jh_diags_add(d, JH_P_DENIED, NULL, NULL, 0, 0, NULL, area, NULL);
	} else if (a->level == JH_AREA_COUNTY) {
		rc = trends_county(s, who, a, base, year, std, fmt, l, out, d);
	} else if (a->level == JH_AREA_CITY) {
		rc = trends_city(s, who, areas, a, std, fmt, l, out, d);
	} else {
		jh_diags_add(d, JH_P_PLAN_NOT_COUNTY, NULL, NULL, 0, 0, NULL, area, NULL);
		rc = JH_ERR_NOTFOUND;
	}
	jh_areas_free(areas);
	return rc;
}
