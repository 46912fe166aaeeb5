/*
** creation_status.c — where a plan stands: each milestone met, missed or
** due, computed from the evaluated data of its year; counties behind
** schedule; the city's timeline (GET /plans).
**
** A milestone of year Y is judged on county-year Y's data as stored now
** (the latest revision: corrections count), evaluated with the caller's
** standard:
**
**   data of Y in and every target holding       → met
**   otherwise, today ≤ the milestone's deadline → due (there is still
**                                                 time: the year's data
**                                                 may come, or change)
**   otherwise, data of Y in                      → missed
**   otherwise                                    → no_data
**
** The deadline is the milestone's own, else December 31 of Y (the yearly
** self-evaluation's day).  A milestone whose targets are all entered by
** hand needs no data.  A city's city-wide targets sum the measures over
** the city's counties that have data of Y (none: no data).
**
** A county is behind schedule when a milestone is missed or has no data,
** or when its target year is over (today after December 31 of it) and no
** yearly cycle of it has been assessed and forwarded to the province.
**
** Each county's data is loaded once for all its years (jhServiceLoad with
** year 0) and each milestone year's measures computed once.
*/
#include "cycle_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jh_milestones_free(jh_milestone_result *m, size_t n)
{
	for (size_t i = 0; m && i < n; i++)
		free(m[i].targets);
	free(m);
}

static jh_day today_or(jh_store *s, const jh_day *today)
{
	return today && today->s[0] ? *today : jh_day_today(s);
}

/* The measures of every county-year of `county` whose year is one of the
 * milestones', into sets[i] for milestone i (has[i] 0 when no data). */
static jh_code county_measures(jh_store *s, const char *county,
                               const jh_standard *std,
                               const jh_creation_doc *doc, jhMeasureSet *sets,
                               int *has, jh_diags *d)
{
	jh_query q = {0};
	jhLoaded L = JH_LOADED_INIT;
	jh_code rc;

	q.county = county;
	q.std = std;
	rc = jhServiceLoad(s, &q, JH_LOAD_ITEMS, 0, &L, d);
	if (rc == JH_ERR_NOTFOUND) {
		jhLoadedFree(&L);
		return JH_OK;
	}
	for (size_t i = 0; !rc && i < doc->nmilestones; i++)
		for (size_t c = 0; !rc && c < L.res->ncounties; c++)
			if (L.res->counties[c].year == doc->milestones[i].year &&
			    !strcmp(L.res->counties[c].county_code, county)) {
				rc = jhMeasuresCompute(L.res, c, L.items, &sets[i], d);
				has[i] = !rc;
			}
	jhLoadedFree(&L);
	return rc;
}

static int needs_data(const jh_plan_milestone *m)
{
	for (size_t k = 0; k < m->ntargets; k++)
		if (m->targets[k].kind != JH_TARGET_DONE)
			return 1;
	return 0;
}

/* Judge doc's milestones; for a city the sums over `counties`. */
static jh_code judge(jh_store *s, const jh_creation_doc *doc,
                     const char *const *counties, size_t ncounties,
                     const jh_day *today, const jh_standard *std,
                     jh_milestone_result **out, size_t *n, jh_diags *d)
{
	size_t nm = doc->nmilestones;
	jhMeasureSet *sets = calloc(nm ? nm : 1, sizeof *sets);
	jhMeasureSet *sum = calloc(nm ? nm : 1, sizeof *sum);
	int *has = calloc(nm ? nm : 1, sizeof *has), *any = calloc(nm ? nm : 1, sizeof *any);
	jh_milestone_result *res = calloc(nm ? nm : 1, sizeof *res);
	jh_code rc = JH_OK;

	if (!sets || !sum || !has || !any || !res)
		rc = JH_ERR_NOMEM;
	for (size_t c = 0; !rc && c < ncounties; c++) {
		memset(has, 0, nm * sizeof *has);
		rc = county_measures(s, counties[c], std, doc, sets, has, d);
		for (size_t i = 0; i < nm; i++) {
			if (has[i]) {
				if (ncounties == 1 && !doc->city) {
					sum[i] = sets[i];   /* the verdict moves over */
					memset(&sets[i], 0, sizeof sets[i]);
				} else {
					for (int k = 0; k < JH_M__COUNT; k++)
						sum[i].fixed[k] += sets[i].fixed[k];
					jhMeasuresFree(&sets[i]);
					memset(&sets[i], 0, sizeof sets[i]);
				}
				any[i] = 1;
			}
		}
	}
	for (size_t i = 0; !rc && i < nm; i++) {
		const jh_plan_milestone *m = &doc->milestones[i];
		jh_milestone_result *r = &res[i];
		int all = 1;

		snprintf(r->area, sizeof r->area, "%s", doc->area);
		r->year = m->year;
		r->deadline = m->deadline.s[0] ? m->deadline : jh_day_make(m->year, 12, 31);
		r->has_data = any[i] || !needs_data(m);
		r->targets = calloc(m->ntargets ? m->ntargets : 1, sizeof *r->targets);
		if (!r->targets) {
			rc = JH_ERR_NOMEM;
			break;
		}
		r->ntargets = m->ntargets;
		for (size_t k = 0; k < m->ntargets; k++) {
			jh_target_result *t = &r->targets[k];
			t->target = m->targets[k];
			if (t->target.kind == JH_TARGET_DONE) {
				t->has_value = 1;
				t->value = t->target.done;
				t->holds = t->target.done;
			} else if (any[i] && jhMeasureValue(&sum[i], t->target.measure, &t->value)) {
				t->has_value = 1;
				t->holds = jhTargetHolds(&t->target, t->value);
			} else {
				t->holds = -1;
			}
			if (t->holds == 1)
				r->nheld++;
			else
				all = 0;
		}
		if (r->has_data && all)
			r->status = JH_MILESTONE_MET;
		else if (jh_day_cmp(today, &r->deadline) <= 0)
			r->status = JH_MILESTONE_DUE;
		else if (r->has_data)
			r->status = JH_MILESTONE_MISSED;
		else
			r->status = JH_MILESTONE_NO_DATA;
	}
	for (size_t i = 0; sets && sum && i < nm; i++) {
		jhMeasuresFree(&sets[i]);
		jhMeasuresFree(&sum[i]);
	}
	free(sets);
	free(sum);
	free(has);
	free(any);
	if (rc) {
		jh_milestones_free(res, nm);
		return rc;
	}
	*out = res;
	*n = nm;
	return JH_OK;
}

/* The counties of a city, by code; *out malloc'd (pointers into areas). */
static jh_code city_counties(const jh_areas *areas, const char *city,
                             const char ***out, size_t *n)
{
	size_t cnt = jh_areas_count(areas), k = 0;
	const char **v = calloc(cnt ? cnt : 1, sizeof *v);

	if (!v)
		return JH_ERR_NOMEM;
	for (size_t i = 0; i < cnt; i++) {
		const jh_area *a = jh_areas_at(areas, i);
		if (a->level == JH_AREA_COUNTY && !strcmp(a->parent, city))
			v[k++] = a->code;
	}
	*out = v;
	*n = k;
	return JH_OK;
}

static jh_code doc_milestones(jh_store *s, const jh_areas *areas,
                              const jh_creation_doc *doc, const jh_day *today,
                              const jh_standard *std, jh_milestone_result **out,
                              size_t *n, jh_diags *d)
{
	const char **counties = NULL;
	const char *one = doc->area;
	size_t nc = 1;
	jh_code rc;

	if (doc->city && (rc = city_counties(areas, doc->area, &counties, &nc)))
		return rc;
	rc = judge(s, doc, doc->city ? counties : &one, nc, today, std, out, n, d);
	free(counties);
	return rc;
}

jh_code jh_creation_milestones(jh_store *s, const jh_user *who,
                               const char *area, const jh_day *today,
                               const jh_standard *std,
                               jh_milestone_result **out, size_t *n,
                               jh_diags *d)
{
	jh_creation_doc *doc = NULL;
	jh_areas *areas = NULL;
	jh_day t = today_or(s, today);
	jh_code rc;

	*out = NULL;
	*n = 0;
	if ((rc = jh_creation_get(s, who, area, &doc, d)) || !doc)
		return rc;
	if (!(rc = jhCreationAreas(s, &areas, d)))
		rc = doc_milestones(s, areas, doc, &t, std, out, n, d);
	jh_areas_free(areas);
	jh_creation_doc_free(doc);
	return rc;
}

/* Why a county is behind (bits), from its judged milestones. */
enum { BEHIND_MILESTONE = 1, BEHIND_TARGET_YEAR = 2 };

static jh_code behind_of(jh_store *s, const jh_creation_doc *doc,
                         const jh_milestone_result *m, size_t n,
                         const jh_day *today, unsigned *why, jh_diags *d)
{
	*why = 0;
	for (size_t i = 0; i < n; i++)
		if (m[i].status == JH_MILESTONE_MISSED || m[i].status == JH_MILESTONE_NO_DATA)
			*why |= BEHIND_MILESTONE;
	if (doc->target_year) {
		jh_day end = jh_day_make(doc->target_year, 12, 31);
		int fwd = 0;
		jh_code rc;
		if (jh_day_cmp(today, &end) > 0) {
			if ((rc = jh_store_plandoc_forwarded(s, doc->area, &fwd, d)))
				return rc;
			if (!fwd)
				*why |= BEHIND_TARGET_YEAR;
		}
	}
	return JH_OK;
}

jh_code jh_creation_behind(jh_store *s, const jh_user *who, const char *county,
                           const jh_day *today, const jh_standard *std,
                           int *behind, jh_diags *d)
{
	jh_creation_doc *doc = NULL;
	jh_areas *areas = NULL;
	jh_milestone_result *m = NULL;
	jh_day t = today_or(s, today);
	size_t n = 0;
	unsigned why = 0;
	jh_code rc;

	*behind = 0;
	if ((rc = jh_creation_get(s, who, county, &doc, d)) || !doc)
		return rc;
	if (!(rc = jhCreationAreas(s, &areas, d)))
		rc = doc_milestones(s, areas, doc, &t, std, &m, &n, d);
	if (!rc)
		rc = behind_of(s, doc, m, n, &t, &why, d);
	*behind = why != 0;
	jh_milestones_free(m, n);
	jh_areas_free(areas);
	jh_creation_doc_free(doc);
	return rc;
}

/* ---------------------------------------------------------------- */
/* Renderings.                                                        */
/* ---------------------------------------------------------------- */

static const char *kind_key(jh_target_kind k)
{
	static const char *const keys[] = {"max", "min", "pass", "done"};
	return (unsigned)k < 4 ? keys[k] : "?";
}

void jhMilestonesJson(jhJson *j, const jh_milestone_result *m, size_t n)
{
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < n; i++) {
		jhJsonOpen(j, '{');
		jhJsonFieldInt(j, "year", m[i].year);
		jhJsonFieldStr(j, "deadline", m[i].deadline.s);
		jhJsonFieldStr(j, "status", jh_milestone_status_key(m[i].status));
		jhJsonFieldStr(j, "status_zh", jh_milestone_status_name(m[i].status, "zh"));
		jhJsonFieldStr(j, "status_en", jh_milestone_status_name(m[i].status, "en"));
		jhJsonFieldBool(j, "has_data", m[i].has_data);
		jhJsonFieldInt(j, "targets_held", (long long)m[i].nheld);
		jhJsonKey(j, "targets");
		jhJsonOpen(j, '[');
		for (size_t k = 0; k < m[i].ntargets; k++) {
			const jh_target_result *t = &m[i].targets[k];
			char zh[256], en[256], uzh[32], uen[32];
			jh_measure_name(t->target.measure, "zh", zh, sizeof zh, uzh, sizeof uzh);
			jh_measure_name(t->target.measure, "en", en, sizeof en, uen, sizeof uen);
			jhJsonOpen(j, '{');
			jhJsonFieldStr(j, "measure", t->target.measure);
			jhJsonFieldStr(j, "name_zh", t->target.label_zh[0] ? t->target.label_zh : zh);
			jhJsonFieldStr(j, "name_en", t->target.label_en[0] ? t->target.label_en : en);
			jhJsonFieldStr(j, "unit_zh", t->target.unit[0] ? t->target.unit : uzh);
			jhJsonFieldStr(j, "unit_en", t->target.unit[0] ? t->target.unit : uen);
			jhJsonFieldStr(j, "kind", kind_key(t->target.kind));
			jhJsonKey(j, "bound");
			if (t->target.kind <= JH_TARGET_MIN)
				jhJsonNum(j, t->target.bound);
			else
				jhJsonNull(j);
			jhJsonKey(j, "value");
			if (t->has_value)
				jhJsonNum(j, t->value);
			else
				jhJsonNull(j);
			jhJsonKey(j, "holds");
			if (t->holds < 0)
				jhJsonNull(j);
			else
				jhJsonBool(j, t->holds);
			jhJsonClose(j, '}');
		}
		jhJsonClose(j, ']');
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
}

/* A figure as people read it: whole numbers plainly, else 2..4 places. */
static void figure(double v, char *out, size_t cap)
{
	if (isnan(v))
		snprintf(out, cap, "-");
	else if (fabs(v - floor(v + 0.5)) < 1e-9)
		snprintf(out, cap, "%.0f", v);
	else
		snprintf(out, cap, "%.4g", v);
}

static void text_milestones(jh_buf *out, const jh_milestone_result *m, size_t n,
                            const char *lang)
{
	int en = !strcmp(lang, "en");

	for (size_t i = 0; i < n; i++) {
		jh_buf_addf(out, en ? "  %d (by %s): %s, %zu of %zu targets held\n" :
		                      "  %d 年(截至 %s):%s,%zu/%zu 项目标达成\n",
		            m[i].year, m[i].deadline.s,
		            jh_milestone_status_name(m[i].status, lang), m[i].nheld,
		            m[i].ntargets);
		for (size_t k = 0; k < m[i].ntargets; k++) {
			const jh_target_result *t = &m[i].targets[k];
			char name[4 * JH_PLAN_LABEL_MAX + 1], unit[32], v[32], b[32];
			jh_measure_name(t->target.measure, lang, name, sizeof name, unit, sizeof unit);
			if (t->target.label_zh[0] && !en)
				snprintf(name, sizeof name, "%s", t->target.label_zh);
			if (t->target.label_en[0] && en)
				snprintf(name, sizeof name, "%s", t->target.label_en);
			figure(t->has_value ? t->value : NAN, v, sizeof v);
			figure(t->target.bound, b, sizeof b);
			switch (t->target.kind) {
			case JH_TARGET_MAX:
			case JH_TARGET_MIN:
				jh_buf_addf(out, "    %s %s: %s %s %s%s%s\n",
				            t->holds == 1 ? "✓" : t->holds == 0 ? "✗" : "?", name, v,
				            t->target.kind == JH_TARGET_MAX ? "≤" : "≥", b,
				            *unit ? " " : "", unit);
				break;
			default:
				jh_buf_addf(out, "    %s %s\n",
				            t->holds == 1 ? "✓" : t->holds == 0 ? "✗" : "?", name);
			}
		}
	}
}

struct tl_county {
	const jh_area *area;
	jh_creation_doc *doc;
	jh_milestone_result *m;
	size_t n;
	unsigned behind;
};

jh_code jh_creation_timeline(jh_store *s, const jh_user *who, const char *area,
                             const jh_day *today, const jh_standard *std,
                             jh_format fmt, const char *lang, jh_buf *out,
                             jh_diags *d)
{
	jh_areas *areas = NULL;
	jh_day t = today_or(s, today);
	struct tl_county *cs = NULL, *cities = NULL;
	size_t nc = 0, ncity = 0, cnt, nbehind = 0;
	const char *l = lang && !strcmp(lang, "en") ? "en" : "zh";
	int en = !strcmp(l, "en");
	jh_code rc;

	if ((rc = jhCreationAreas(s, &areas, d)))
		return rc;
	if (area && *area) {
		if ((rc = jhCreationCanRead(s, areas, who, area, d))) {
			jh_areas_free(areas);
			return rc;
		}
	} else if (!who || who->disabled || who->role != JH_ROLE_ADMIN) {
		/* Without an area: the caller's own. */
		area = who && who->role != JH_ROLE_SCHOOL ? who->area : "";
		if (!*area) {
			jh_diags_add(d, JH_P_DENIED, NULL, NULL, 0, 0, NULL, "", NULL);
			jh_areas_free(areas);
			return JH_ERR_DENIED;
		}
	}
	cnt = jh_areas_count(areas);
	cs = calloc(cnt ? cnt : 1, sizeof *cs);
	cities = calloc(cnt ? cnt : 1, sizeof *cities);
	if (!cs || !cities)
		rc = JH_ERR_NOMEM;
	for (size_t i = 0; !rc && i < cnt; i++) {
		const jh_area *a = jh_areas_at(areas, i);
		struct tl_county *c;
		jh_diags scratch;
		if (a->level == JH_AREA_PROVINCE)
			continue;
		if (area && *area && !jh_area_within(areas, a->code, area))
			continue;
		/* What the caller may read of it (a school: its county only). */
		jh_diags_init(&scratch);
		if (jhCreationCanRead(s, areas, who, a->code, &scratch)) {
			jh_diags_free(&scratch);
			continue;
		}
		jh_diags_free(&scratch);
		c = a->level == JH_AREA_COUNTY ? &cs[nc++] : &cities[ncity++];
		c->area = a;
		if ((rc = jh_creation_get(s, who, a->code, &c->doc, d)) || !c->doc)
			continue;
		if ((rc = doc_milestones(s, areas, c->doc, &t, std, &c->m, &c->n, d)))
			break;
		if (!c->doc->city && (rc = behind_of(s, c->doc, c->m, c->n, &t, &c->behind, d)))
			break;
		nbehind += c->behind != 0;
	}
	if (!rc && fmt == JH_FMT_JSON) {
		jhJson j;
		jh_out *o = jhServiceJsonBegin(out, &j);
		if (!o) {
			rc = JH_ERR_NOMEM;
			goto done;
		}
		jhJsonOpen(&j, '{');
		jhJsonFieldStr(&j, "area", area ? area : "");
		jhJsonFieldStr(&j, "date", t.s);
		jhJsonFieldInt(&j, "counties_behind", (long long)nbehind);
		jhJsonKey(&j, "counties");
		jhJsonOpen(&j, '[');
		for (size_t i = 0; i < nc; i++) {
			const struct tl_county *c = &cs[i];
			jhJsonOpen(&j, '{');
			jhJsonFieldStr(&j, "county", c->area->code);
			jhJsonFieldStr(&j, "name", c->area->name ? c->area->name : "");
			jhJsonFieldStr(&j, "city", c->area->parent);
			jhJsonFieldInt(&j, "version", c->doc ? c->doc->version : 0);
			jhJsonKey(&j, "target_year");
			if (c->doc && c->doc->target_year)
				jhJsonInt(&j, c->doc->target_year);
			else
				jhJsonNull(&j);
			jhJsonFieldBool(&j, "behind", c->behind != 0);
			jhJsonKey(&j, "behind_reasons");
			jhJsonOpen(&j, '[');
			if (c->behind & BEHIND_MILESTONE)
				jhJsonStr(&j, "milestone");
			if (c->behind & BEHIND_TARGET_YEAR)
				jhJsonStr(&j, "target_year_passed");
			jhJsonClose(&j, ']');
			jhJsonKey(&j, "milestones");
			jhMilestonesJson(&j, c->m, c->n);
			jhJsonClose(&j, '}');
		}
		jhJsonClose(&j, ']');
		jhJsonKey(&j, "cities");
		jhJsonOpen(&j, '[');
		for (size_t i = 0; i < ncity; i++) {
			const struct tl_county *c = &cities[i];
			jhJsonOpen(&j, '{');
			jhJsonFieldStr(&j, "city", c->area->code);
			jhJsonFieldStr(&j, "name", c->area->name ? c->area->name : "");
			jhJsonFieldInt(&j, "version", c->doc ? c->doc->version : 0);
			jhJsonKey(&j, "milestones");
			jhMilestonesJson(&j, c->m, c->n);
			jhJsonClose(&j, '}');
		}
		jhJsonClose(&j, ']');
		jhJsonClose(&j, '}');
		rc = jhServiceJsonEnd(o);
	} else if (!rc) {
		jh_buf_addf(out, en ? "Creation timeline as of %s: %zu counties, %zu behind schedule\n" :
		                      "创建进度(截至 %s):%zu 个县,%zu 个落后于计划\n",
		            t.s, nc, nbehind);
		for (size_t i = 0; i < ncity; i++) {
			if (!cities[i].doc)
				continue;
			jh_buf_addf(out, en ? "%s %s, city-wide targets\n" : "%s %s 全市目标\n",
			            cities[i].area->code, cities[i].area->name ? cities[i].area->name : "");
			text_milestones(out, cities[i].m, cities[i].n, l);
		}
		for (size_t i = 0; i < nc; i++) {
			const struct tl_county *c = &cs[i];
			char ty[32];
			if (c->doc && c->doc->target_year)
				snprintf(ty, sizeof ty, "%d", c->doc->target_year);
			else
				snprintf(ty, sizeof ty, "%s", en ? "not set" : "未定");
			jh_buf_addf(out, en ? "%s %s: target year %s%s%s\n" : "%s %s:创建目标年度 %s%s%s\n",
			            c->area->code, c->area->name ? c->area->name : "", ty,
			            c->behind ? (en ? ", BEHIND SCHEDULE" : ",落后于计划") : "",
			            !c->doc ? (en ? " (no plan filed)" : "(未报送创建方案)") : "");
			text_milestones(out, c->m, c->n, l);
		}
		rc = out->oom ? JH_ERR_NOMEM : JH_OK;
	}
done:
	for (size_t i = 0; cs && i < nc; i++) {
		jh_creation_doc_free(cs[i].doc);
		jh_milestones_free(cs[i].m, cs[i].n);
	}
	for (size_t i = 0; cities && i < ncity; i++) {
		jh_creation_doc_free(cities[i].doc);
		jh_milestones_free(cities[i].m, cities[i].n);
	}
	free(cs);
	free(cities);
	jh_areas_free(areas);
	return rc;
}
