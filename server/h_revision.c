/*
** h_revision.c — one revision's changes within the caller's area:
** GET /api/v1/revisions/{revision}[?area=CODE][&from=K][&limit=N].
**
** The revisions list (GET /revisions) says who, when, why and from which
** files; this says what: the changes the revision made to the school-
** years, county-year records and areas of the counties within `area`
** (the caller's own by default, which it must be allowed to read; school
** accounts are refused as for the list), with counts, and a page of the
** changes themselves (`from` is here the 1-based index of the first
** change, `limit` 1–1000, default 200).
**
** The store reads the revision's changes by revision
** (jh_store_revision_changes): the county-years it touched, and there
** only the versions it opened or closed and those they replaced — not
** each touched county's whole history, which for a province-wide import
** meant every version of every school.  The area is given as its codes
** (itself and every area below it; none for admin's everything), so that
** an area the revision added or renamed within it counts too.  A
** revision that touched nothing within the area is a 404, as for an
** unknown revision: what the caller may not read does not exist for it.
*/
#include "server.h"

#include <stdlib.h>
#include <string.h>

#define PAGE_DEFAULT 200

/* Distinct strings (school codes, "code/year" keys): a small sorted set. */
struct set {
	char **s;
	size_t n, cap;
	int oom;
};

static void set_add(struct set *x, const char *v)
{
	size_t lo = 0, hi = x->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(x->s[mid], v);
		if (!c)
			return;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (x->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 64;
		char **p = realloc(x->s, cap * sizeof *p);
		if (!p) {
			x->oom = 1;
			return;
		}
		x->s = p;
		x->cap = cap;
	}
	char *copy = strdup(v);
	if (!copy) {
		x->oom = 1;
		return;
	}
	memmove(x->s + lo + 1, x->s + lo, (x->n - lo) * sizeof *x->s);
	x->s[lo] = copy;
	x->n++;
}

static void set_free(struct set *x)
{
	for (size_t i = 0; i < x->n; i++)
		free(x->s[i]);
	free(x->s);
}

struct tally {
	json_int_t changes, added, deleted, county_records, areas;
	struct set schools, school_years;
	json_t *page;
	long from, limit;
	json_t *meta;        /* the revision's at, who, why, kind, sources */
	const jh_change *last;  /* the change counted before */
};

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void count(struct tally *t, const jh_change *c)
{
	t->changes++;
	if (!strcmp(c->entity, "school_year")) {
		/* A school-year's changes come together: counted once. */
		if (!t->last || strcmp(t->last->entity, "school_year") ||
		    strcmp(t->last->school_code, c->school_code) || t->last->year != c->year) {
			char key[96];
			snprintf(key, sizeof key, "%s/%d", c->school_code, c->year);
			set_add(&t->schools, c->school_code);
			set_add(&t->school_years, key);
		}
		if (!strcmp(c->field, "*"))
			t->deleted++;
		else if (!strcmp(c->field, "school_name") && !c->old_value)
			t->added++;
	} else if (!strcmp(c->entity, "county_year")) {
		t->county_records++;
	} else {
		t->areas++;
	}
	if (!t->meta)
		t->meta = json_pack("{s:o,s:o,s:o,s:o,s:o}", "at", str_or_null(c->at),
		                    "who", str_or_null(c->who), "why", str_or_null(c->why),
		                    "kind", str_or_null(c->kind), "sources", str_or_null(c->sources));
	if (t->changes >= t->from && (long)json_array_size(t->page) < t->limit) {
		int f = jh_field_parse(c->field);
		json_array_append_new(t->page, json_pack(
			"{s:s,s:s,s:o,s:i,s:s,s:o,s:o,s:o,s:o}",
			"entity", c->entity, "code", c->school_code,
			"county_code", str_or_null(c->county_code), "year", c->year,
			"field", c->field,
			"field_zh", f >= 0 ? json_string(jh_field_name((jh_field)f, "zh")) : json_null(),
			"field_en", f >= 0 ? json_string(jh_field_name((jh_field)f, "en")) : json_null(),
			"old", str_or_null(c->old_value), "new", str_or_null(c->new_value)));
	}
	t->last = c;
}

void h_revision(struct req *r)
{
	const jh_areas *a = srv_areas(r);
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	struct tally tl;
	char area[24];
	long rev = atol(r->param[0]), last = 0;
	jh_code rc = JH_OK;

	if (!a || !t)
		return;
	if (r->user.role == JH_ROLE_SCHOOL) {
		srv_error(r, 403, "forbidden", "学校账号不能查看地区数据",
		          "a school account may not read area data");
		return;
	}
	if (r->area[0]) {
		strcpy(area, r->area);
		if (srv_check_area(r, JH_OP_READ, area))
			return;
	} else {
		strcpy(area, r->user.area);
	}
	if ((rc = jh_store_last_revision(t->store, &last, &d)) || rev > last) {
		if (rc)
			srv_fail(r, rc, &d);
		else
			srv_not_found(r);
		jh_diags_free(&d);
		return;
	}
	memset(&tl, 0, sizeof tl);
	tl.from = r->from ? r->from : 1;
	tl.limit = r->limit ? r->limit : PAGE_DEFAULT;
	tl.page = json_array();
	{
		const char **codes = NULL;
		size_t n = 0;
		jh_history *h = NULL;
		/* The area and everything below it (admin without ?area=: all). */
		if (area[0]) {
			if (!(codes = malloc((jh_areas_count(a) + 1) * sizeof *codes)))
				rc = JH_ERR_NOMEM;
			for (size_t i = 0; codes && i < jh_areas_count(a); i++) {
				const jh_area *x = jh_areas_at(a, i);
				if (jh_area_within(a, x->code, area))
					codes[n++] = x->code;
			}
		}
		if (!rc && (!area[0] || n))
			rc = jh_store_revision_changes(t->store, rev, codes, n, &h, &d);
		for (size_t k = 0; !rc && h && k < jh_history_count(h); k++)
			count(&tl, jh_history_at(h, k));
		jh_history_free(h);
		free(codes);
	}
	if (!rc && (tl.schools.oom || tl.school_years.oom || !tl.page))
		rc = JH_ERR_NOMEM;
	if (rc) {
		srv_fail(r, rc, &d);
	} else if (!tl.meta) {
		srv_not_found(r);
	} else {
		json_t *o = tl.meta;
		json_object_set_new(o, "revision", json_integer(rev));
		json_object_set_new(o, "counts", json_pack(
			"{s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "changes", tl.changes,
			"schools", (json_int_t)tl.schools.n,
			"school_years", (json_int_t)tl.school_years.n,
			"added", tl.added, "deleted", tl.deleted,
			"county_records", tl.county_records, "areas", tl.areas));
		json_object_set_new(o, "from", json_integer(tl.from));
		json_object_set_new(o, "limit", json_integer(tl.limit));
		json_object_set(o, "changes", tl.page);
		tl.meta = NULL;
		srv_json_obj(r, 200, o);
	}
	json_decref(tl.meta);
	json_decref(tl.page);
	set_free(&tl.schools);
	set_free(&tl.school_years);
	jh_diags_free(&d);
}
