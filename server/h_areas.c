/*
** h_areas.c — GET /areas, /years, /overview, /revisions: what a caller
** sees of the areas it is bound to.
**
** /areas lists the caller's area, everything within it, and its
** ancestors (names only, "ancestor": true) — never a sibling.  A school
** account sees its county's chain (as ancestors) and its school.
** /overview and /revisions take ?area= (default: the caller's own area;
** every area for admin) and are checked with lib/access's READ policy.
**
** /overview is {"year","area","labels","counties"}: each county's row is
** codes and numbers only (jh_service_county_summary), the labels of
** verdicts, stages and indicators come once (jh_service_summary_labels),
** so that a province's 200 counties stay under 200 kB.  Nothing in it
** depends on ?lang=, so its caches (whole answer, per county) are shared
** by both languages.
*/
#include "server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *level_key(jh_area_level l)
{
	return l == JH_AREA_PROVINCE ? "province" : l == JH_AREA_CITY ? "city" : "county";
}

static json_t *area_json(const jh_area *a, int ancestor)
{
	return json_pack("{s:s,s:s,s:s,s:s?,s:b}", "code", a->code,
	                 "name", a->name ? a->name : "", "level", level_key(a->level),
	                 "parent", a->parent[0] ? a->parent : NULL,
	                 "ancestor", ancestor);
}

/* The area the caller is bound to ("" admin; a school's county). */
static int caller_area(struct req *r, char area[24])
{
	if (r->user.role == JH_ROLE_SCHOOL) {
		struct srv_thread *t = srv_thread(r);
		jh_diags d = JH_DIAGS_INIT;
		char county[8];
		jh_code rc;
		if (!t)
			return -1;
		rc = jh_store_school_county(t->store, r->user.area, county, &d);
		jh_diags_free(&d);
		if (rc) {
			srv_fail(r, rc, NULL);
			return -1;
		}
		strcpy(area, county);
		return 0;
	}
	strcpy(area, r->user.area);
	return 0;
}

void h_areas(struct req *r)
{
	const jh_areas *a = srv_areas(r);
	char own[24];
	json_t *list;

	if (!a || caller_area(r, own))
		return;
	list = json_array();
	/* Ancestors, top first. */
	if (own[0]) {
		const jh_area *chain[4];
		size_t n = 0;
		const jh_area *x = jh_areas_find(a, own);
		if (x && r->user.role != JH_ROLE_SCHOOL)
			x = x->parent[0] ? jh_areas_find(a, x->parent) : NULL;
		while (x && n < 4) {
			chain[n++] = x;
			x = x->parent[0] ? jh_areas_find(a, x->parent) : NULL;
		}
		while (n)
			json_array_append_new(list, area_json(chain[--n], 1));
	}
	if (r->user.role != JH_ROLE_SCHOOL)
		for (size_t i = 0; i < jh_areas_count(a); i++) {
			const jh_area *x = jh_areas_at(a, i);
			if (!own[0] || jh_area_within(a, x->code, own))
				json_array_append_new(list, area_json(x, 0));
		}
	srv_json_obj(r, 200, r->user.role == JH_ROLE_SCHOOL
	             ? json_pack("{s:o,s:{s:s,s:s}}", "areas", list, "school",
	                         "code", r->user.area, "county", own)
	             : json_pack("{s:o}", "areas", list));
}

/* The counties within area (every one when area is ""): codes into a
 * malloc'd array the caller frees. */
static const char **counties_within(const jh_areas *a, const char *area, size_t *n)
{
	const char **c = malloc((jh_areas_count(a) + 1) * sizeof *c);

	*n = 0;
	for (size_t i = 0; c && i < jh_areas_count(a); i++) {
		const jh_area *x = jh_areas_at(a, i);
		if (x->level == JH_AREA_COUNTY && (!area[0] || jh_area_within(a, x->code, area)))
			c[(*n)++] = x->code;
	}
	return c;
}

/* ?area= or the caller's own, checked for READ.  0, or answered. */
static int read_area(struct req *r, char area[24])
{
	if (r->user.role == JH_ROLE_SCHOOL) {
		srv_error(r, 403, "forbidden", "学校账号不能查看地区数据",
		          "a school account may not read area data");
		return -1;
	}
	if (r->area[0]) {
		strcpy(area, r->area);
		return srv_check_area(r, JH_OP_READ, area);
	}
	strcpy(area, r->user.area);
	return 0;
}

/* Filling the per-county summary cache from one walk of the year
 * (jh_service_county_summaries): each county's bytes under the revision
 * read before the walk. */
struct fill {
	const jh_county_rev *revs;
	size_t n;
	unsigned char *seen;
	int year;
};

static int rev_cmp(const void *key, const void *el)
{
	return strcmp(key, ((const jh_county_rev *)el)->county);
}

static void summary_key(char *key, size_t cap, const char *county, int year)
{
	snprintf(key, cap, "summary:%s:%d", county, year);
}

static jh_code fill_one(void *ctx, const char *county, const char *json, size_t len)
{
	struct fill *f = ctx;
	const jh_county_rev *cr = bsearch(county, f->revs, f->n, sizeof *f->revs, rev_cmp);
	char key[64];

	if (cr) {
		summary_key(key, sizeof key, county, f->year);
		srv_cache_put(key, cr->revision, json, len);
		f->seen[cr - f->revs] = 1;
	}
	return JH_OK;
}

/* When more than a few counties of the area miss the cache, every
 * county's summary of the year comes from one load (the cold overview
 * of a province: one evaluation instead of 200); counties without schools
 * are cached as empty.  A failure here only leaves the cache as it was. */
static void fill_summaries(jh_store *s, const jh_query *q, const jh_areas *a,
                           const char *area, const jh_county_rev *revs, size_t n)
{
	struct fill f = {revs, n, NULL, q->year};
	jh_diags d = JH_DIAGS_INIT;
	size_t miss = 0;
	char key[64];

	for (size_t i = 0; i < n && miss <= 4; i++) {
		if (area[0] && !jh_area_within(a, revs[i].county, area))
			continue;
		summary_key(key, sizeof key, revs[i].county, q->year);
		miss += !srv_cache_has(key, revs[i].revision);
	}
	if (miss <= 4 || !(f.seen = calloc(n ? n : 1, 1)))
		return;
	if (!jh_service_county_summaries(s, q, fill_one, &f, &d))
		for (size_t i = 0; i < n; i++)
			if (!f.seen[i]) {
				summary_key(key, sizeof key, revs[i].county, q->year);
				srv_cache_put(key, revs[i].revision, "", 0);
			}
	free(f.seen);
	jh_diags_free(&d);
}

void h_overview(struct req *r)
{
	const jh_areas *a = srv_areas(r);
	struct srv_thread *t = srv_thread(r);
	jh_county_rev *revs = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_query q = {.year = r->year, .std = r->srv->cfg->std, .costs = r->srv->cfg->costs,
	             .lang = r->lang};
	const jh_area *ar;
	size_t nrev = 0, k = 0;
	char area[24], wkey[64];
	long whole;
	jh_code rc;

	if (!a || !t || read_area(r, area))
		return;
	/* The whole answer is cached under the store's last revision (which
	 * srv_areas has just read): any change makes a new one.  A miss
	 * builds it again from the per-county summaries, each cached under
	 * its own county's revision, so a change re-renders only the
	 * counties it touched. */
	whole = t->areas_rev;
	snprintf(wkey, sizeof wkey, "overview:%s:%d", area, r->year);
	if (srv_cache_get(wkey, whole, &b)) {
		srv_cache_mark(r, wkey, whole);
		srv_answer(r, JH_OK, &b, &d);
		goto out;
	}
	if ((rc = jh_store_county_revisions(t->store, r->year, &revs, &nrev, &d))) {
		srv_fail(r, rc, &d);
		goto out;
	}
	fill_summaries(t->store, &q, a, area, revs, nrev);
	ar = area[0] ? jh_areas_find(a, area) : NULL;
	jh_buf_addf(&b, "{\"year\":%d,\"area\":", r->year);
	if (ar) {
		json_t *o = area_json(ar, 0);
		char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
		jh_buf_adds(&b, s ? s : "null");
		free(s);
		json_decref(o);
	} else
		jh_buf_adds(&b, "null");
	jh_buf_adds(&b, ",\"labels\":");
	if ((rc = jh_service_summary_labels(&b))) {
		srv_fail(r, rc, NULL);
		goto out;
	}
	jh_buf_adds(&b, ",\"counties\":[");
	for (size_t i = 0; i < nrev; i++) {
		char key[64];
		jh_buf one = JH_BUF_INIT;
		if (area[0] && !jh_area_within(a, revs[i].county, area))
			continue;
		summary_key(key, sizeof key, revs[i].county, r->year);
		if (!srv_cache_get(key, revs[i].revision, &one)) {
			q.county = revs[i].county;
			rc = jh_service_county_summary(t->store, &q, &one, &d);
			if (rc == JH_ERR_NOTFOUND) {
				/* No data that year: cached as empty, left out. */
				jh_buf_reset(&one);
				jh_diags_free(&d);
			} else if (rc) {
				jh_buf_free(&one);
				srv_fail(r, rc, &d);
				goto out;
			}
			srv_cache_put(key, revs[i].revision, one.data ? one.data : "", one.len);
		}
		if (!one.len) {
			jh_buf_free(&one);
			continue;
		}
		if (k++)
			jh_buf_addc(&b, ',');
		jh_buf_add(&b, one.data, one.len);
		jh_buf_free(&one);
	}
	jh_buf_adds(&b, "]}");
	if (!b.oom) {
		srv_cache_put(wkey, whole, b.data, b.len);
		srv_cache_mark(r, wkey, whole);
	}
	srv_answer(r, JH_OK, &b, &d);
out:
	free(revs);
	jh_buf_free(&b);
	jh_diags_free(&d);
}

/* The county-years that hold rows, for /years: asked of the store once
 * per store revision (jh_store_county_years: one query over the index of
 * current school-years, no row read), each county-year once (h_years
 * walks the list with jh_area_within on every call), shared by all
 * threads. */
static struct {
	pthread_mutex_t lock;
	long rev;           /* -1: not read */
	jh_county_year_key *cy;
	size_t n;
} years_cache = {PTHREAD_MUTEX_INITIALIZER, -1, NULL, 0};

void srv_years_free(void)
{
	free(years_cache.cy);
	years_cache.cy = NULL;
	years_cache.rev = -1;
}

/* Refresh the list for revision rev (lock held). */
static jh_code years_load(jh_store *s, long rev, jh_diags *d)
{
	jh_county_year_key *cy = NULL;
	size_t n = 0;
	jh_code rc;

	if (years_cache.rev == rev)
		return JH_OK;
	if ((rc = jh_store_county_years(s, &cy, &n, d)))
		return rc;
	free(years_cache.cy);
	years_cache.cy = cy;
	years_cache.n = n;
	years_cache.rev = rev;
	return JH_OK;
}

void h_years(struct req *r)
{
	const jh_areas *a = srv_areas(r);
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	char area[24];
	json_t *years;
	unsigned char seen[2101 - 1990] = {0};
	long rev = 0;
	jh_code rc;

	if (!a || !t)
		return;
	if (r->user.role == JH_ROLE_SCHOOL) {
		if (caller_area(r, area))
			return;
	} else if (read_area(r, area))
		return;
	if ((rc = jh_store_last_revision(t->store, &rev, &d))) {
		srv_fail(r, rc, &d);
		jh_diags_free(&d);
		return;
	}
	pthread_mutex_lock(&years_cache.lock);
	rc = years_load(t->store, rev, &d);
	for (size_t i = 0; !rc && i < years_cache.n; i++) {
		const jh_county_year_key *c = &years_cache.cy[i];
		if (c->year >= 1990 && c->year <= 2100 &&
		    (!area[0] || jh_area_within(a, c->county, area)))
			seen[c->year - 1990] = 1;
	}
	pthread_mutex_unlock(&years_cache.lock);
	if (rc) {
		srv_fail(r, rc, &d);
		jh_diags_free(&d);
		return;
	}
	years = json_array();
	for (int y = 1990; y <= 2100; y++)
		if (seen[y - 1990])
			json_array_append_new(years, json_integer(y));
	srv_json_obj(r, 200, json_pack("{s:o}", "years", years));
	jh_diags_free(&d);
}

void h_revisions(struct req *r)
{
	const jh_areas *a = srv_areas(r);
	struct srv_thread *t = srv_thread(r);
	jh_revisions *revs = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	const char **c = NULL;
	size_t n = 0;
	char area[24];
	jh_code rc;

	if (!a || !t || read_area(r, area))
		return;
	if (area[0] && !(c = counties_within(a, area, &n))) {
		srv_fail(r, JH_ERR_NOMEM, NULL);
		return;
	}
	if (area[0] && !n) {
		srv_json(r, 200, "[]", 2);
		free(c);
		return;
	}
	rc = jh_store_revisions_of(t->store, c, area[0] ? n : 0, r->from ? r->from : 1,
	                           (size_t)r->limit, &revs, &d);
	if (!rc)
		rc = jh_revisions_report(revs, JH_FMT_JSON, r->lang, &b);
	srv_answer(r, rc, &b, &d);
	jh_revisions_free(revs);
	jh_buf_free(&b);
	jh_diags_free(&d);
	free(c);
}
