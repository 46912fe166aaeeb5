/*
** ledger_check.c — ledger items from a verdict, and the data check that
** sign-off and reopening rest on.
**
** One function reads a county-year's current data and lists its
** shortfalls as keyed findings (jhLedgerFindings); everything else is
** built on it, so that generation, sign-off and reopening cannot disagree
** about what a shortfall is:
**
**   school_indicator  resource.school.<code>.<stage>#<indicator>: a school
**                     stage failing the 6-of-7 / 85% rule, one per
**                     indicator under its threshold (figure the value,
**                     requirement the threshold and the 85% floor);
**   school_rule       <item>@<school>: the per-school guarantee items —
**                     music and art rooms (guarantee.3), school size (.4),
**                     class size (.5), certification (.12) — judged by
**                     core's verdict on a dataset holding only the school
**                     (what GET /schools/{code}/guarantee shows);
**   coefficient       resource.cv.<stage>.<indicator> failing;
**   county_item       every other failing item of the guarantee, quality,
**                     recognition and veto parts (a per-school item only
**                     when no school is named for it: the county's record
**                     decided it).
**
** A shortfall is closed in year Y when its key is not among Y's findings
** (a school no longer in Y's data: closed, "学校已不在数据中").  Figures
** and requirements are language-neutral (numbers and ≥ ≤); the words are
** in what_zh / what_en.
*/
#include "cycle_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 when s holds CJK text (then it is not a language-neutral figure). */
static int has_cjk(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0xe3 && (unsigned char)*s <= 0xe9)
			return 1;
	return 0;
}

/* Copy into a field of cap bytes, cut at a character boundary with "…"
 * when it does not fit (generated text from the verdict only; people's
 * text is refused instead, jhLedgerText). */
static void put(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n < cap) {
		memcpy(dst, src, n + 1);
		return;
	}
	n = cap - 4;
	while (n && ((unsigned char)src[n] & 0xc0) == 0x80)
		n--;
	memcpy(dst, src, n);
	memcpy(dst + n, "…", 4);
}

static void neutral(char *dst, size_t cap, const char *src)
{
	put(dst, cap, src && !has_cjk(src) ? src : "");
}

static jh_code push(jhFindings *f, const jhLedgerFinding *x)
{
	if (f->n == f->cap) {
		size_t nc = f->cap ? 2 * f->cap : 32;
		jhLedgerFinding *nv = realloc(f->v, nc * sizeof *nv);
		if (!nv)
			return JH_ERR_NOMEM;
		f->v = nv;
		f->cap = nc;
	}
	f->v[f->n++] = *x;
	return JH_OK;
}

void jhFindingsFree(jhFindings *f)
{
	free(f->v);
	memset(f, 0, sizeof *f);
}

const jhLedgerFinding *jhFindingsGet(const jhFindings *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].key, key))
			return &f->v[i];
	return NULL;
}

/* The school a key names ("" for county keys). */
static void key_school(const char *key, char out[24])
{
	const char *p;

	out[0] = '\0';
	if (!strncmp(key, "resource.school.", 16)) {
		p = key + 16;
		size_t n = strcspn(p, ".");
		if (n < 24) {
			memcpy(out, p, n);
			out[n] = '\0';
		}
	} else if ((p = strchr(key, '@'))) {
		snprintf(out, 24, "%s", p + 1);
	}
}

static const char *const school_rule_ids[] = {
	"guarantee.3", "guarantee.4", "guarantee.5", "guarantee.12", NULL,
};

static int is_school_rule(const char *id)
{
	for (const char *const *p = school_rule_ids; *p; p++)
		if (!strcmp(*p, id))
			return 1;
	return 0;
}

/* --- school stages ------------------------------------------------------ */

static jh_code school_indicators(const jh_result *r, const jh_county_result *cr,
                                 const jh_standard *std, const char *only,
                                 jhFindings *out)
{
	for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
		const jh_unit *u = &r->units[k];
		const char *name = u->school->school_name ? u->school->school_name : "";
		if (u->status != JH_UNIT_EVALUATED)
			continue;
		for (int i = 0; i < JH_IND__COUNT; i++) {
			jhLedgerFinding x;
			double th = std->threshold[u->stage][i], fl = jhIndicatorFloor(std, u->stage, i);
			int below = !jh_at_least(std, u->value[i], th), under;
			char v[JH_NUMBER_MAX], t[JH_NUMBER_MAX], fv[JH_NUMBER_MAX], buf[1024];
			memset(&x, 0, sizeof x);
			snprintf(x.key, sizeof x.key, "resource.school.%s.%s#%s", u->school->school_code,
			         jh_stage_key(u->stage), jh_indicator_key((jh_indicator)i));
			if (only && strcmp(only, x.key))
				continue;
			x.shortfall = !u->passes && below;
			if (!x.shortfall && !only)
				continue;
			under = !jh_at_least(std, u->value[i], fl);
			snprintf(x.kind, sizeof x.kind, "school_indicator");
			snprintf(x.school, sizeof x.school, "%s", u->school->school_code);
			jhFixed(u->value[i], 2, v);
			jhNumber(th, t);
			jhNumber(round(fl * 10000) / 10000, fv);
			snprintf(x.figure, sizeof x.figure, "%s", v);
			snprintf(x.requirement, sizeof x.requirement, "≥ %s (85%%: %s)", t, fv);
			snprintf(buf, sizeof buf, "%s %s(%s)%s %s %s,低于标准 %s%s%s", u->school->school_code,
			         name, jh_stage_name(u->stage, "zh"), jh_indicator_name((jh_indicator)i, "zh"),
			         v, jh_indicator_unit((jh_indicator)i, "zh"), t,
			         under ? ",且低于 85% 下限 " : "", under ? fv : "");
			put(x.what_zh, sizeof x.what_zh, buf);
			snprintf(buf, sizeof buf, "%s %s (%s): %s %s %s, under the standard %s%s%s",
			         u->school->school_code, name, jh_stage_name(u->stage, "en"),
			         jh_indicator_name((jh_indicator)i, "en"), v,
			         jh_indicator_unit((jh_indicator)i, "en"), t,
			         under ? ", and under the 85% floor " : "", under ? fv : "");
			put(x.what_en, sizeof x.what_en, buf);
			if (push(out, &x))
				return JH_ERR_NOMEM;
		}
	}
	return JH_OK;
}

/* --- per-school guarantee rules --------------------------------------- */

/* The school's figure and the requirement of a per-school rule. */
static void rule_figures(const jh_standard *std, const jh_school_year *sy, const char *id,
                         jhLedgerFinding *x)
{
	const double *v = sy->v;
#define Z(f) (isnan(v[f]) ? 0 : v[f])
	if (!strcmp(id, "guarantee.3")) {
		double cls = Z(JH_F_CLASSES_PRIMARY) + Z(JH_F_CLASSES_JUNIOR);
		double need = ceil(cls / std->classes_per_room - 1e-9);
		if (need < 1)
			need = 1;
		snprintf(x->figure, sizeof x->figure, "%g / %g", Z(JH_F_MUSIC_ROOMS), Z(JH_F_ART_ROOMS));
		snprintf(x->requirement, sizeof x->requirement, "≥ %g / %g; ≥ %g / %g m²", need, need,
		         std->music_room_min_m2, std->art_room_min_m2);
	} else if (!strcmp(id, "guarantee.4")) {
		int multi = sy->type == JH_TYPE_NINE_YEAR || sy->type == JH_TYPE_TWELVE_YEAR;
		snprintf(x->figure, sizeof x->figure, "%g",
		         Z(JH_F_STUDENTS_PRIMARY) + Z(JH_F_STUDENTS_JUNIOR));
		snprintf(x->requirement, sizeof x->requirement, "≤ %g",
		         multi ? std->size_multi_max : std->size_single_max);
	} else if (!strcmp(id, "guarantee.5")) {
		snprintf(x->figure, sizeof x->figure, "%g / %g", Z(JH_F_LARGEST_CLASS_PRIMARY),
		         Z(JH_F_LARGEST_CLASS_JUNIOR));
		snprintf(x->requirement, sizeof x->requirement, "≤ %g / %g",
		         std->class_max[JH_STAGE_PRIMARY], std->class_max[JH_STAGE_JUNIOR]);
	} else {
		double t = Z(JH_F_TEACHERS_PRIMARY) + Z(JH_F_TEACHERS_JUNIOR);
		snprintf(x->figure, sizeof x->figure, "%g / %g", Z(JH_F_CERTIFIED_TEACHERS), t);
		snprintf(x->requirement, sizeof x->requirement, "≥ %g%%", std->certification_min * 100);
	}
#undef Z
}

static jh_code school_rules(const jh_dataset *ds, const char *county, int year,
                            const jh_standard *std, const char *only, jhFindings *out)
{
	char only_school[24] = "";

	if (only)
		key_school(only, only_school);
	for (size_t i = 0; i < jh_dataset_count(ds); i++) {
		const jh_school_year *sy = jh_dataset_row(ds, i);
		jh_dataset *one;
		jh_result *res = NULL;
		jh_filter f;
		jh_verdict v;
		jh_diags quiet = JH_DIAGS_INIT;
		jh_code rc;

		if (sy->year != year || strcmp(sy->county_code, county) ||
		    (only && strcmp(sy->school_code, only_school)))
			continue;
		if (!(one = jh_dataset_new()))
			return JH_ERR_NOMEM;
		memset(&f, 0, sizeof f);
		f.school_code = sy->school_code;
		f.year = year;
		rc = jh_dataset_add(one, sy);
		if (!rc)
			rc = jh_eval(one, std, &f, &res, &quiet);
		/* A school core cannot judge alone (a teaching point without its
		 * central school) has no per-school items. */
		if (rc == JH_ERR_INPUT || rc == JH_ERR_NOTFOUND || (!rc && !res->ncounties)) {
			jh_result_free(res);
			jh_dataset_free(one);
			jh_diags_free(&quiet);
			continue;
		}
		if (!rc)
			rc = jh_verdict_county(res, 0, NULL, &v, &quiet);
		jh_diags_free(&quiet);
		if (rc) {
			jh_result_free(res);
			jh_dataset_free(one);
			return rc;
		}
		for (size_t k = 0; k < v.count && !rc; k++) {
			const jh_verdict_item *it = &v.items[k];
			jhLedgerFinding x;
			char buf[1400];
			if (!is_school_rule(it->id))
				continue;
			memset(&x, 0, sizeof x);
			snprintf(x.key, sizeof x.key, "%s@%s", it->id, sy->school_code);
			if (only && strcmp(only, x.key))
				continue;
			x.shortfall = it->status == JH_ITEM_FAIL;
			if (!x.shortfall && !only)
				continue;
			snprintf(x.kind, sizeof x.kind, "school_rule");
			snprintf(x.school, sizeof x.school, "%s", sy->school_code);
			rule_figures(std, sy, it->id, &x);
			snprintf(buf, sizeof buf, "%s:%s", it->label_zh,
			         x.shortfall && it->detail_zh[0] ? it->detail_zh : sy->school_code);
			put(x.what_zh, sizeof x.what_zh, buf);
			snprintf(buf, sizeof buf, "%s: %s", it->label_en,
			         x.shortfall && it->detail_en[0] ? it->detail_en : sy->school_code);
			put(x.what_en, sizeof x.what_en, buf);
			rc = push(out, &x);
		}
		jh_verdict_free(&v);
		jh_result_free(res);
		jh_dataset_free(one);
		if (rc)
			return rc;
	}
	return JH_OK;
}

/* --- coefficients and county items ----------------------------------- */

static jh_code county_items(const jh_verdict *v, const jhFindings *sofar, const char *only,
                            jhFindings *out)
{
	for (size_t k = 0; k < v->count; k++) {
		const jh_verdict_item *it = &v->items[k];
		int cv = !strncmp(it->id, "resource.cv.", 12);
		jhLedgerFinding x;
		char buf[1400];
		const char *vz, *ve;

		if (!cv && strcmp(it->part, "guarantee") && strcmp(it->part, "quality") &&
		    strcmp(it->part, "recognition") && strcmp(it->part, "veto"))
			continue;
		if (only && strcmp(only, it->id))
			continue;
		if (it->status != JH_ITEM_FAIL && !only)
			continue;
		/* A per-school rule is the schools' items when any is named. */
		if (is_school_rule(it->id) && !only) {
			int named = 0;
			for (size_t i = 0; i < sofar->n && !named; i++) {
				size_t n = strlen(it->id);
				named = !strncmp(sofar->v[i].key, it->id, n) && sofar->v[i].key[n] == '@';
			}
			if (named)
				continue;
		}
		memset(&x, 0, sizeof x);
		snprintf(x.key, sizeof x.key, "%s", it->id);
		x.shortfall = it->status == JH_ITEM_FAIL;
		snprintf(x.kind, sizeof x.kind, cv ? "coefficient" : "county_item");
		neutral(x.figure, sizeof x.figure, it->value_text);
		neutral(x.requirement, sizeof x.requirement,
		        it->threshold_text_en[0] ? it->threshold_text_en : it->threshold_text);
		vz = jh_verdict_item_value(it, "zh");
		ve = jh_verdict_item_value(it, "en");
		snprintf(buf, sizeof buf, "%s:%s(要求 %s)", it->label_zh[0] ? it->label_zh : it->name_zh,
		         vz, it->threshold_text_zh[0] ? it->threshold_text_zh : it->threshold_text);
		put(x.what_zh, sizeof x.what_zh, buf);
		snprintf(buf, sizeof buf, "%s: %s (required %s)",
		         it->label_en[0] ? it->label_en : it->name_en, ve,
		         it->threshold_text_en[0] ? it->threshold_text_en : it->threshold_text);
		put(x.what_en, sizeof x.what_en, buf);
		if (push(out, &x))
			return JH_ERR_NOMEM;
	}
	return JH_OK;
}

jh_code jhLedgerFindings(jh_store *s, const char *county, int year,
                         const jh_standard *std, const char *only,
                         jhFindings *out, jh_diags *d)
{
	jhLoaded L = JH_LOADED_INIT;
	jh_query q;
	jh_verdict v;
	size_t ci;
	jh_code rc;

	memset(&q, 0, sizeof q);
	q.county = county;
	q.year = year;
	q.std = std;
	if ((rc = jhServiceLoad(s, &q, JH_LOAD_ITEMS, 0, &L, d)))
		goto out;
	for (ci = 0; ci < L.res->ncounties; ci++)
		if (!strcmp(L.res->counties[ci].county_code, county) && L.res->counties[ci].year == year)
			break;
	if (ci == L.res->ncounties) {
		rc = JH_ERR_NOTFOUND;
		goto out;
	}
	if (!only || !strncmp(only, "resource.school.", 16))
		rc = school_indicators(L.res, &L.res->counties[ci], &L.std, only, out);
	if (!rc && (!only || strchr(only, '@')))
		rc = school_rules(L.ds, county, year, &L.std, only, out);
	if (!rc && (!only || (strncmp(only, "resource.school.", 16) && !strchr(only, '@')))) {
		if (!(rc = jh_verdict_county(L.res, ci, L.items, &v, d))) {
			rc = county_items(&v, out, only, out);
			jh_verdict_free(&v);
		}
	}
out:
	jhLoadedFree(&L);
	return rc;
}

/* The latest year ≥ from with data for the county (0: none), looking
 * back from next year (the store's clock). */
static jh_code latest_year(jh_store *s, const char *county, int from, int *year, jh_diags *d)
{
	int top = atoi(jh_day_today(s).s) + 1;
	jh_code rc;

	*year = 0;
	for (int y = top; y >= from && y > 0; y--) {
		long rev = 0;
		if ((rc = jh_store_county_revision(s, county, y, &rev, d)))
			return rc;
		if (rev) {
			*year = y;
			return JH_OK;
		}
	}
	return JH_OK;
}

jh_code jhLedgerCheck(jh_store *s, const jh_ledger_item *it, const jh_standard *std,
                      jh_ledger_check *c, jh_diags *d)
{
	jhFindings f = {0};
	const jhLedgerFinding *x;
	int y;
	jh_code rc;

	memset(c, 0, sizeof *c);
	if (strcmp(it->source, "generated"))
		return JH_OK;
	c->checked = 1;
	if ((rc = latest_year(s, it->county, it->year, &y, d)))
		return rc;
	/* A county-year whose rows are all gone reads as no data: look
	 * further back, never before the item's year. */
	for (; y >= it->year && y > 0; y--) {
		jh_diags quiet = JH_DIAGS_INIT;
		rc = jhLedgerFindings(s, it->county, y, std, it->key, &f, &quiet);
		jh_diags_free(&quiet);
		if (rc != JH_ERR_NOTFOUND)
			break;
	}
	if (rc == JH_ERR_NOTFOUND || y < it->year || y <= 0)
		return JH_ERR_NOTFOUND;
	if (rc)
		return rc;
	c->year = y;
	snprintf(c->requirement, sizeof c->requirement, "%s", it->requirement);
	if ((x = jhFindingsGet(&f, it->key))) {
		c->closed = !x->shortfall;
		snprintf(c->figure, sizeof c->figure, "%s", x->figure);
		if (x->requirement[0])
			snprintf(c->requirement, sizeof c->requirement, "%s", x->requirement);
	} else {
		char school[24];
		key_school(it->key, school);
		c->closed = 1;
		if (school[0]) {
			snprintf(c->note_zh, sizeof c->note_zh, "学校已不在数据中");
			snprintf(c->note_en, sizeof c->note_en, "the school is no longer in the data");
		}
	}
	jhFindingsFree(&f);
	return JH_OK;
}
