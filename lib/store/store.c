/*
** store.c — the versioned, audited store: the rules, not the SQL.
**
** Every write is one transaction and, when it changes anything, one
** revision saying who, when, why and from which files (with their
** SHA-256).  An import is checked against what is stored — a county must
** be known, a school keeps its county and type across years — and any
** problem aborts it with nothing written.  Rows equal to what is stored
** record nothing; a changed row gets a new version, and history is
** derived from the versions (old → new of each field).
**
** Time: the store sets each revision's time itself, from its clock
** (jh_store_set_clock; the system clock by default), inside the write
** transaction and never earlier than the last revision's, so that times
** are non-decreasing in revision order even when the clock steps back.
** That is what makes "the last revision at or before DATE" well defined.
**
** Concurrency: every read that a write depends on happens inside the
** write's transaction (the backend's begin takes the write lock first),
** so two writers are serialised and neither can overwrite what the other
** did without having read it.  A caller that showed a row to a person can
** also say which revision that view was (jh_store_set's base_revision):
** the edit is refused with a conflict if the row changed since.
**
** The database itself is behind struct jhStoreOps (store_int.h), chosen
** from the URI by backends.c; rows go to it in batches.
*/
#include "store_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>


/* $JUNHENG_TODAY=YYYY-MM-DD stops the clock of every store the process
 * opens at noon of that local day: the cycle's deadlines and overdue
 * items can then be shown and tested on a chosen day (the browser and API
 * tests, a demonstration).  Never set it for real work: every revision
 * would carry that time.  The time is kept in the clock's context. */
static long long env_clock(void *ctx)
{
	return (long long)(intptr_t)ctx;
}

static void clock_from_env(jh_store *s)
{
	const char *v = getenv("JUNHENG_TODAY");
	int y, mo, dd, used = 0;
	long long t;

	if (!v || sscanf(v, "%4d-%2d-%2d%n", &y, &mo, &dd, &used) != 3 ||
	    used != 10 || v[10] || (t = jhLocalSeconds(y, mo, dd, 12, 0, 0)) < 0)
		return;
	jh_store_set_clock(s, env_clock, (void *)(intptr_t)t);
}

static jh_code open_store(const char *uri, int mode, jh_store **out,
                          jh_diags *d)
{
	const jhBackend *b;
	const char *target;
	jh_store *s;
	jh_code rc;

	*out = NULL;
	if ((rc = jhBackendFor(uri, &b, &target, d)))
		return rc;
	if (!(s = calloc(1, sizeof *s)))
		return JH_ERR_NOMEM;
	if ((rc = b->open(target, mode, s, d))) {
		free(s);
		return rc;
	}
	clock_from_env(s);
	*out = s;
	return JH_OK;
}

jh_code jh_store_init(const char *uri, jh_store **out, jh_diags *d)
{
	return open_store(uri, JH_OPEN_CREATE, out, d);
}

jh_code jh_store_open(const char *uri, jh_store **out, jh_diags *d)
{
	return open_store(uri, JH_OPEN_WRITE, out, d);
}

jh_code jh_store_open_readonly(const char *uri, jh_store **out, jh_diags *d)
{
	return open_store(uri, JH_OPEN_READONLY, out, d);
}

void jh_store_close(jh_store *s)
{
	if (!s)
		return;
	s->ops->close(s->db);
	free(s);
}

int jh_store_schema_version(jh_store *s)
{
	return s->ops->schema_version(s->db);
}

void jh_store_set_clock(jh_store *s, jh_clock_fn fn, void *ctx)
{
	s->clock = fn;
	s->clock_ctx = fn ? ctx : NULL;
}

long long jh_store_now(const jh_store *s)
{
	return s->clock ? s->clock(s->clock_ctx) : (long long)time(NULL);
}

/* A new revision, inside the open transaction, at the clock's time or
 * the last revision's when the clock is behind it. */
static jh_code new_revision(jh_store *s, const jh_revision_info *info,
                            long *rev, jh_diags *d)
{
	long last;
	long long last_at, t;
	jh_code rc;

	if ((rc = s->ops->last_revision(s->db, &last, &last_at, d)))
		return rc;
	t = s->clock ? s->clock(s->clock_ctx) : (long long)time(NULL);
	if (t < last_at)
		t = last_at;
	return s->ops->new_revision(s->db, info, t, rev, d);
}

/* --- history -------------------------------------------------------------- */

/* --- reading -------------------------------------------------------------- */

jh_code jh_store_load(jh_store *s, const jh_filter *f, long as_of,
                      jh_dataset **out, jh_diags *d)
{
	jh_dataset *ds = jh_dataset_new();
	jh_code rc;

	*out = NULL;
	if (!ds)
		return JH_ERR_NOMEM;
	if ((rc = s->ops->load_rows(s->db, f, as_of, ds, d))) {
		jh_dataset_free(ds);
		return rc;
	}
	*out = ds;
	return JH_OK;
}

jh_code jh_store_areas(jh_store *s, jh_areas **out, jh_diags *d)
{
	jh_areas *a = jh_areas_new();
	jh_code rc;

	*out = NULL;
	if (!a)
		return JH_ERR_NOMEM;
	if ((rc = s->ops->load_areas(s->db, a, d))) {
		jh_areas_free(a);
		return rc;
	}
	*out = a;
	return JH_OK;
}

/* Seconds since 1970 of a UTC calendar time; -1 when it is not a real
 * date (2024-02-30) or time. */
static long long utc_seconds(int y, int mo, int dd, int h, int mi, int se)
{
	struct tm tm, back;
	time_t t;

	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || dd < 1 || dd > 31 ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59)
		return -1;
	jhTmSet(&tm, y, mo, dd, h, mi, se);
	t = timegm(&tm);
	if (!gmtime_r(&t, &back) || back.tm_mday != dd || back.tm_mon != mo - 1)
		return -1;
	return (long long)t;
}

jh_code jh_store_resolve_as_of(jh_store *s, const char *spec, long *rev,
                               jh_diags *d)
{
	size_t n = strlen(spec), i;
	int digits = n > 0;
	long last;
	long long last_at, t = -1;
	jh_code rc;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)spec[i]))
			digits = 0;
	if ((rc = s->ops->last_revision(s->db, &last, &last_at, d)))
		return rc;
	if (digits && n < 10) {
		*rev = atol(spec);
		if (*rev < 1 || *rev > last) {
			char lastn[24];
			snprintf(lastn, sizeof lastn, "%ld", last);
			jh_diags_add(d, JH_P_AS_OF_NO_REVISION, NULL, NULL, 0, 0, NULL, spec, lastn);
			return JH_ERR_NOTFOUND;
		}
		return JH_OK;
	}
	/* YYYY-MM-DD means the end of that day, local time (localtime.c:
	 * Beijing time unless configured); a time is local too, or UTC with
	 * a final Z (the stored form). */
	{
		int y, mo, dd, h = 23, mi = 59, se = 59, used = 0;
		char sep;
		if (sscanf(spec, "%4d-%2d-%2d%n", &y, &mo, &dd, &used) == 3 &&
		    (size_t)used == n && n == 10) {
			if (utc_seconds(y, mo, dd, h, mi, se) >= 0)
				t = jhLocalSeconds(y, mo, dd, h, mi, se);
		} else if (sscanf(spec, "%4d-%2d-%2d%c%2d:%2d:%2d%n", &y, &mo, &dd, &sep,
		                  &h, &mi, &se, &used) == 7 && (sep == 'T' || sep == ' ') &&
		           ((size_t)used == n || (spec[used] == 'Z' && (size_t)used + 1 == n)) &&
		           used == 19) {
			t = utc_seconds(y, mo, dd, h, mi, se);
			if (t >= 0 && (size_t)used == n)
				t = jhLocalSeconds(y, mo, dd, h, mi, se);
		}
	}
	if (t < 0) {
		jh_diags_add(d, JH_P_AS_OF_SPEC, NULL, NULL, 0, 0, NULL, spec, NULL);
		return JH_ERR_ARG;
	}
	if ((rc = s->ops->revision_at(s->db, t, rev, d)))
		return rc;
	if (*rev == 0) {
		jh_diags_add(d, JH_P_AS_OF_BEFORE, NULL, NULL, 0, 0, NULL, spec, NULL);
		return JH_ERR_NOTFOUND;
	}
	return JH_OK;
}

jh_code jh_store_revisions(jh_store *s, long from, size_t limit,
                           jh_revisions **out, jh_diags *d)
{
	jh_revisions *r = calloc(1, sizeof *r);
	jh_code rc;

	*out = NULL;
	if (!r)
		return JH_ERR_NOMEM;
	if ((rc = s->ops->revisions(s->db, from < 1 ? 1 : from, limit, r, d))) {
		jh_revisions_free(r);
		return rc;
	}
	*out = r;
	return JH_OK;
}

/* --- writing -------------------------------------------------------------- */

/* What a revision changed, for the cache keys and the revisions of an
 * area (jhTouch, store_int.h): each county-year and area once. */
struct touches {
	jhTouch *t;
	size_t n, cap;
};

static jh_code touch_add(struct touches *T, const char *county, int year)
{
	/* Rows come grouped by county and year: skip repeats cheaply; the
	 * rest are sorted out in touch_write. */
	if (T->n && T->t[T->n - 1].year == year && !strcmp(T->t[T->n - 1].county, county))
		return JH_OK;
	if (T->n == T->cap) {
		size_t ncap = T->cap ? T->cap * 2 : 64;
		jhTouch *p = realloc(T->t, ncap * sizeof *p);
		if (!p)
			return JH_ERR_NOMEM;
		T->t = p;
		T->cap = ncap;
	}
	snprintf(T->t[T->n].county, sizeof T->t[T->n].county, "%s", county);
	T->t[T->n++].year = year;
	return JH_OK;
}

static int touch_cmp(const void *a, const void *b)
{
	const jhTouch *x = a, *y = b;
	int c = strcmp(x->county, y->county);

	return c ? c : (x->year > y->year) - (x->year < y->year);
}

/* Record them (sorted, each once) for revision rev; frees T. */
static jh_code touch_write(jh_store *s, struct touches *T, long rev, jh_diags *d)
{
	size_t k = 0;
	jh_code rc = JH_OK;

	if (T->n) {
		qsort(T->t, T->n, sizeof *T->t, touch_cmp);
		for (size_t i = 0; i < T->n; i++)
			if (!k || touch_cmp(&T->t[k - 1], &T->t[i]))
				T->t[k++] = T->t[i];
		rc = s->ops->touch(s->db, T->t, k, rev, d);
	}
	free(T->t);
	memset(T, 0, sizeof *T);
	return rc;
}

/* School identities (code → county, type), stored and incoming: the
 * stored ones as the backend loaded them, then those the import brings,
 * each with the incoming row that set it; found through the library's
 * one hash index. */
struct idmap {
	jhSchool *items;
	const jh_school_year **first;   /* per item: incoming row, or NULL */
	size_t count, cap;
	jhIndex ix;
};

static uint64_t code_hash(const char *code)
{
	return jhHashStr(JH_HASH_SEED, code);
}

/* A few rows (an edit, a small import) look their schools up one by one;
 * more load every identity at once. */
#define FEW_ROWS 256

static jh_code id_load(jh_store *s, const jh_dataset *ds, struct idmap *m,
                       jh_diags *d)
{
	jhSchools stored = {NULL, 0};
	const jh_school_year **rows = NULL;
	size_t n = ds ? ds->nrows : 0;
	jh_code rc;

	memset(m, 0, sizeof *m);
	if (n <= FEW_ROWS) {
		if (!(rows = malloc((n ? n : 1) * sizeof *rows)))
			return JH_ERR_NOMEM;
		for (size_t i = 0; i < n; i++)
			rows[i] = &ds->rows[i];
	}
	/* A school named by several rows is listed once per row: the index
	 * keeps the first and the rest are never found. */
	rc = s->ops->load_schools(s->db, rows, n, &stored, d);
	free(rows);
	if (rc)
		return rc;
	m->items = stored.items;
	m->count = m->cap = stored.count;
	if (!(m->first = calloc(m->cap ? m->cap : 1, sizeof *m->first)) ||
	    jhIndexReserve(&m->ix, m->count))
		return JH_ERR_NOMEM;
	for (size_t i = 0; i < m->count; i++)
		if (jhIndexAdd(&m->ix, code_hash(m->items[i].code), i))
			return JH_ERR_NOMEM;
	return JH_OK;
}

static jhSchool *id_find(const struct idmap *m, const char *code, size_t *at)
{
	uint64_t h = code_hash(code);
	size_t pos = 0, item;

	while (jhIndexNext(&m->ix, h, &pos, &item))
		if (!strcmp(m->items[item].code, code)) {
			if (at)
				*at = item;
			return &m->items[item];
		}
	return NULL;
}

static jh_code id_add(struct idmap *m, const jh_school_year *sy)
{
	jhSchool *id;

	if (m->count == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		jhSchool *it = realloc(m->items, cap * sizeof *it);
		const jh_school_year **f;
		if (!it)
			return JH_ERR_NOMEM;
		m->items = it;
		if (!(f = realloc(m->first, cap * sizeof *f)))
			return JH_ERR_NOMEM;
		m->first = f;
		m->cap = cap;
	}
	id = &m->items[m->count];
	/* Same sizes as the row's fields, NUL-terminated there. */
	_Static_assert(sizeof id->code == sizeof sy->school_code &&
	               sizeof id->county == sizeof sy->county_code, "code sizes");
	memcpy(id->code, sy->school_code, sizeof id->code);
	memcpy(id->county, sy->county_code, sizeof id->county);
	id->type = sy->type;
	m->first[m->count] = sy;
	if (jhIndexAdd(&m->ix, code_hash(id->code), m->count))
		return JH_ERR_NOMEM;
	m->count++;
	return JH_OK;
}

static void id_free(struct idmap *m)
{
	free(m->items);
	free(m->first);
	jhIndexFree(&m->ix);
}

/* A field's value as text for change records; NULL when empty. */
static const char *field_text(const jh_school_year *sy, int f, char *buf, size_t cap)
{
	if (isnan(sy->v[f]))
		return NULL;
	jh_format_number(sy->v[f], buf, cap);
	return buf;
}

static const char *extra_value(const jh_dataset *ds, const jh_school_year *sy,
                               const char *name)
{
	for (size_t i = 0; i < sy->extra_count; i++) {
		const jh_extra *e = &ds->extras[sy->extra_first + i];
		if (!strcmp(ds->extra_names[e->name], name))
			return e->value;
	}
	return NULL;
}

/* Where derived history goes (diff_row with a writer).  only: when not
 * 0, changes of other revisions are passed over (the versions read to
 * show one revision include those it replaced). */
struct writer {
	long rev;
	jh_diags *d;
	size_t fields;
	jh_history *h;
	long only;
};

static jh_code record(struct writer *w, const char *entity, const char *code,
                      const char *county, int year, const char *field,
                      const char *old, const char *new_)
{
	jh_change c;

	if (w->only && w->rev != w->only)
		return JH_OK;
	memset(&c, 0, sizeof c);
	c.revision = w->rev;
	c.entity = entity;
	c.school_code = code;
	c.county_code = county;
	c.year = year;
	c.field = field;
	c.old_value = old;
	c.new_value = new_;
	if (!strcmp(entity, "school_year"))
		w->fields++;          /* areas are counted on their own */
	return w->h ? jhHistoryPush(w->h, &c) : JH_OK;
}

static int str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Compare a stored row (old, may be NULL) with an incoming one and, when
 * w is not NULL, record each difference.  Returns the number of
 * differences, or -1 on a write error. */
static long diff_row(struct writer *w, const jh_dataset *ods,
                     const jh_school_year *old, const jh_dataset *nds,
                     const jh_school_year *sy)
{
	char a[40], b[40];
	long n = 0;
	const char *code = sy->school_code, *county = sy->county_code;

#define REC(field, o, nw) do { n++; \
		if (w && record(w, "school_year", code, county, sy->year, field, o, nw)) \
			return -1; } while (0)

	if (!old || !str_eq(old->school_name, sy->school_name))
		REC("school_name", old ? old->school_name : NULL, sy->school_name);
	if (!old || old->type != sy->type)
		REC("school_type", old ? jh_school_type_key(old->type) : NULL,
		    jh_school_type_key(sy->type));
	/* No parent and no location are "no value" (∅), as a cleared one. */
	if (!old || strcmp(old->parent_code, sy->parent_code))
		if (old || *sy->parent_code)
			REC("parent_code", old && *old->parent_code ? old->parent_code : NULL,
			    *sy->parent_code ? sy->parent_code : NULL);
	if ((!old && sy->location) || (old && old->location != sy->location))
		REC("location", old && old->location ? jh_location_key(old->location) : NULL,
		    sy->location ? jh_location_key(sy->location) : NULL);
	if ((!old && sy->boarding >= 0) || (old && old->boarding != sy->boarding)) {
		snprintf(a, sizeof a, "%d", old ? old->boarding : -1);
		snprintf(b, sizeof b, "%d", sy->boarding);
		REC("boarding", old && old->boarding >= 0 ? a : NULL,
		    sy->boarding >= 0 ? b : NULL);
	}
	for (int f = 0; f < JH_F__COUNT; f++) {
		double ov = old ? old->v[f] : NAN, nv = sy->v[f];
		if ((isnan(ov) && isnan(nv)) || ov == nv)
			continue;
		REC(jh_field_key((jh_field)f), old ? field_text(old, f, a, sizeof a) : NULL,
		    field_text(sy, f, b, sizeof b));
	}
	/* Extra columns, compared by name both ways. */
	for (size_t i = 0; i < sy->extra_count; i++) {
		const jh_extra *e = &nds->extras[sy->extra_first + i];
		const char *name = nds->extra_names[e->name];
		const char *ov = old ? extra_value(ods, old, name) : NULL;
		if (!str_eq(ov, e->value)) {
			char field[300];
			snprintf(field, sizeof field, "extra:%s", name);
			REC(field, ov, e->value);
		}
	}
	for (size_t i = 0; old && i < old->extra_count; i++) {
		const jh_extra *e = &ods->extras[old->extra_first + i];
		const char *name = ods->extra_names[e->name];
		if (!extra_value(nds, sy, name)) {
			char field[300];
			snprintf(field, sizeof field, "extra:%s", name);
			REC(field, e->value, NULL);
		}
	}
#undef REC
	return n;
}

static void add_place(jh_diags *d, const jh_school_year *sy, jh_problem p,
                      int column, const char *col, const char *arg,
                      const char *arg2)
{
	jh_diags_add(d, p, sy->file, sy->sheet, sy->line, column, col, arg, arg2);
}

/* Sort by revision, keeping the derived order within one (qsort is not
 * stable, so the original position breaks ties). */
struct ordered {
	long revision;
	size_t pos;
};

static int cmp_ordered(const void *a, const void *b)
{
	const struct ordered *x = a, *y = b;

	if (x->revision != y->revision)
		return x->revision < y->revision ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static jh_code sort_history(jh_history *h)
{
	struct ordered *o = malloc((h->count ? h->count : 1) * sizeof *o);
	jh_change *sorted = malloc((h->count ? h->count : 1) * sizeof *sorted);

	if (!o || !sorted) {
		free(o);
		free(sorted);
		return JH_ERR_NOMEM;
	}
	for (size_t i = 0; i < h->count; i++) {
		o[i].revision = h->items[i].revision;
		o[i].pos = i;
	}
	qsort(o, h->count, sizeof *o, cmp_ordered);
	for (size_t i = 0; i < h->count; i++)
		sorted[i] = h->items[o[i].pos];
	free(o);
	free(h->items);
	h->items = sorted;
	h->cap = h->count ? h->count : 1;
	return JH_OK;
}

/* County-year records' history, derived from their versions the same way:
 * field = the item, old → new value (with the note when it changed).  v
 * ordered by county, year, item, rev_from; revs as load_item_versions. */
static jh_code items_history(struct writer *w, const jh_county_items *v,
                             const long *revs)
{
	jh_code rc;

	for (size_t i = 0; i < v->count; i++) {
		const jh_county_item *it = &v->items[i];
		const jh_county_item *prev = NULL;
		if (i && revs[2 * (i - 1) + 1] == revs[2 * i] &&
		    v->items[i - 1].year == it->year && !strcmp(v->items[i - 1].item, it->item) &&
		    !strcmp(v->items[i - 1].county_code, it->county_code))
			prev = &v->items[i - 1];
		w->rev = revs[2 * i];
		if ((rc = record(w, "county_year", it->county_code, it->county_code, it->year,
		                 it->item, prev ? prev->value : NULL, it->value)))
			return rc;
		if (prev && strcmp(prev->note, it->note)) {
			char field[160];
			snprintf(field, sizeof field, "%s.note", it->item);
			if ((rc = record(w, "county_year", it->county_code, it->county_code,
			                 it->year, field, prev->note, it->note)))
				return rc;
		}
	}
	return JH_OK;
}

static jh_code item_history(jh_store *s, const char *county, struct writer *w)
{
	jh_county_items *v = jh_county_items_new();
	long *revs = NULL;
	jh_code rc;

	if (!v)
		return JH_ERR_NOMEM;
	if (!(rc = s->ops->load_item_versions(s->db, county, v, &revs, w->d)))
		rc = items_history(w, v, revs);
	free(revs);
	jh_county_items_free(v);
	return rc;
}

/* School-years' history from their versions v (ordered by school, year,
 * rev_from; revs: rev_from and rev_to of each, 0 = current): each version
 * differs from the one it replaced (closed at its rev_from) by exactly
 * the changes its revision made; one closed with no successor at that
 * revision was deleted. */
static jh_code versions_history(struct writer *w, const jh_dataset *v,
                                const long *revs)
{
	jh_code rc;

	for (size_t i = 0; i < v->nrows; i++) {
		const jh_school_year *sy = &v->rows[i];
		const jh_school_year *prev = NULL;
		int same_prev = i > 0 && !strcmp(v->rows[i - 1].school_code, sy->school_code) &&
		                v->rows[i - 1].year == sy->year;
		int same_next = i + 1 < v->nrows &&
		                !strcmp(v->rows[i + 1].school_code, sy->school_code) &&
		                v->rows[i + 1].year == sy->year;

		if (same_prev && revs[2 * (i - 1) + 1] == revs[2 * i])
			prev = &v->rows[i - 1];
		w->rev = revs[2 * i];
		if (diff_row(w, v, prev, v, sy) < 0)
			return JH_ERR_NOMEM;
		if (revs[2 * i + 1] && !(same_next && revs[2 * (i + 1)] == revs[2 * i + 1])) {
			w->rev = revs[2 * i + 1];
			if ((rc = record(w, "school_year", sy->school_code, sy->county_code,
			                 sy->year, "*", sy->school_name, NULL)))
				return rc;
		}
	}
	return JH_OK;
}

/* Who, when, why and sources of each change's revision (read once per
 * run of changes of one revision). */
static jh_code history_meta(jh_store *s, jh_history *h, jh_diags *d)
{
	jh_code rc;

	for (size_t i = 0; i < h->count; i++) {
		jh_change *c = &h->items[i];
		if (i && h->items[i - 1].revision == c->revision) {
			c->at = h->items[i - 1].at;
			c->who = h->items[i - 1].who;
			c->why = h->items[i - 1].why;
			c->kind = h->items[i - 1].kind;
			c->sources = h->items[i - 1].sources;
		} else if ((rc = s->ops->revision_meta(s->db, c->revision, h, c, d))) {
			return rc;
		}
	}
	return JH_OK;
}

/* History is derived: each version of a school-year differs from the one
 * before it by exactly the changes its revision made; a version closed
 * with no successor was deleted.  Area renames are stored as changes. */
jh_code jh_store_history(jh_store *s, const char *school, const char *county,
                         jh_history **out, jh_diags *d)
{
	jh_history *h = calloc(1, sizeof *h);
	jh_dataset *v = NULL;
	long *revs = NULL;
	struct writer w = {0, d, 0, NULL, 0};
	jh_code rc = JH_ERR_NOMEM;

	*out = NULL;
	if (!h)
		return JH_ERR_NOMEM;
	if (!school && !county) {
		free(h);
		return JH_ERR_ARG;
	}
	w.h = h;
	if (county && !school && (rc = s->ops->area_history(s->db, county, h, d)))
		goto fail;
	if (!(v = jh_dataset_new()))
		goto fail;
	if ((rc = s->ops->load_versions(s->db, school, county, v, &revs, d)) ||
	    (rc = versions_history(&w, v, revs)))
		goto fail;
	if (county && !school && (rc = item_history(s, county, &w)))
		goto fail;
	if ((rc = sort_history(h)) || (rc = history_meta(s, h, d)))
		goto fail;
	jh_dataset_free(v);
	free(revs);
	*out = h;
	return JH_OK;
fail:
	jh_dataset_free(v);
	free(revs);
	jh_history_free(h);
	return rc ? rc : JH_ERR_NOMEM;
}

/* One revision's changes grouped by county.  They come in three runs,
 * each already ordered by its county: the area changes (by code), the
 * school-years' (by county, school, year), the records' (by county, year,
 * item); merged here, stable, an area's own change keyed by its code. */
static const char *county_key(const jh_change *c)
{
	return !strcmp(c->entity, "area") || !c->county_code ? c->school_code
	                                                     : c->county_code;
}

static jh_code merge_by_county(jh_history *h, size_t end_areas, size_t end_rows)
{
	jh_change *out = malloc((h->count ? h->count : 1) * sizeof *out);
	size_t i[3] = {0, end_areas, end_rows}, stop[3] = {end_areas, end_rows, h->count};

	if (!out)
		return JH_ERR_NOMEM;
	for (size_t k = 0; k < h->count; k++) {
		int best = -1;
		for (int r = 0; r < 3; r++)
			if (i[r] < stop[r] && (best < 0 || strcmp(county_key(&h->items[i[r]]),
			                                          county_key(&h->items[i[best]])) < 0))
				best = r;
		out[k] = h->items[i[best]++];
	}
	free(h->items);
	h->items = out;
	h->cap = h->count ? h->count : 1;
	return JH_OK;
}

jh_code jh_store_revision_changes(jh_store *s, long revision,
                                  const char *const *codes, size_t n,
                                  jh_history **out, jh_diags *d)
{
	jh_history *h = calloc(1, sizeof *h);
	jh_dataset *v = jh_dataset_new();
	jh_county_items *it = jh_county_items_new();
	long *revs = NULL, *irevs = NULL;
	struct writer w = {0, d, 0, NULL, revision};
	size_t end_areas, end_rows;
	jh_code rc = JH_ERR_NOMEM;

	*out = NULL;
	if (!h || !v || !it)
		goto fail;
	w.h = h;
	if (revision < 1) {
		rc = JH_ERR_ARG;
		goto fail;
	}
	if ((rc = s->ops->revision_versions(s->db, revision, n ? codes : NULL, n, h, v,
	                                    &revs, it, &irevs, d)))
		goto fail;
	end_areas = h->count;
	if ((rc = versions_history(&w, v, revs)))
		goto fail;
	end_rows = h->count;
	if ((rc = items_history(&w, it, irevs)) ||
	    (rc = merge_by_county(h, end_areas, end_rows)) || (rc = history_meta(s, h, d)))
		goto fail;
	jh_dataset_free(v);
	jh_county_items_free(it);
	free(revs);
	free(irevs);
	*out = h;
	return JH_OK;
fail:
	jh_dataset_free(v);
	jh_county_items_free(it);
	free(revs);
	free(irevs);
	jh_history_free(h);
	return rc ? rc : JH_ERR_NOMEM;
}

static int item_same(const jh_county_item *a, const jh_county_item *b)
{
	return !strcmp(a->value, b->value) && !strcmp(a->note, b->note);
}

/* A row (or county-year record) of an import against what is stored. */
enum { ROW_SAME, ROW_NEW, ROW_CHANGED };

/* Absent is not empty.  An incoming row (sy, of nds) gives only some
 * values (sy->not_given); what it does not give stays as stored (old, of
 * ods), extra columns included, and an extra column it clears (value "")
 * is dropped.  1 when the version to write differs from sy for that. */
static int needs_merge(const jh_dataset *ods, const jh_school_year *old,
                       const jh_dataset *nds, const jh_school_year *sy)
{
	for (size_t i = 0; i < sy->extra_count; i++)
		if (!*nds->extras[sy->extra_first + i].value)
			return 1;
	if (!old)
		return 0;
	for (int f = 0; !jh_sy_all_given(sy) && f < JH_F__COUNT; f++)
		if (jh_sy_not_given(sy, f) && !isnan(old->v[f]))
			return 1;
	if ((jh_sy_not_given(sy, JH_NG_PARENT) && *old->parent_code) ||
	    (jh_sy_not_given(sy, JH_NG_LOCATION) && old->location != JH_LOC_UNKNOWN) ||
	    (jh_sy_not_given(sy, JH_NG_BOARDING) && old->boarding >= 0))
		return 1;
	for (size_t i = 0; i < old->extra_count; i++) {
		const jh_extra *e = &ods->extras[old->extra_first + i];
		if (!extra_value(nds, sy, ods->extra_names[e->name]))
			return 1;
	}
	return 0;
}

/* The version to write for sy over old, appended to mds (needs_merge). */
static jh_code merge_row(jh_dataset *mds, const jh_dataset *ods,
                         const jh_school_year *old, const jh_dataset *nds,
                         const jh_school_year *sy)
{
	jh_school_year m = *sy;
	jh_school_year *row;
	jh_code rc;

	if (old) {
		for (int f = 0; f < JH_F__COUNT; f++)
			if (jh_sy_not_given(sy, f))
				m.v[f] = old->v[f];
		if (jh_sy_not_given(sy, JH_NG_PARENT))
			memcpy(m.parent_code, old->parent_code, sizeof m.parent_code);
		if (jh_sy_not_given(sy, JH_NG_LOCATION))
			m.location = old->location;
		if (jh_sy_not_given(sy, JH_NG_BOARDING))
			m.boarding = old->boarding;
	}
	memset(m.not_given, 0, sizeof m.not_given);
	if ((rc = jh_dataset_add(mds, &m)))
		return rc;
	row = &mds->rows[mds->nrows - 1];
	for (size_t i = 0; i < sy->extra_count; i++) {
		const jh_extra *e = &nds->extras[sy->extra_first + i];
		if (*e->value &&
		    (rc = jh_dataset_add_extra(mds, row, nds->extra_names[e->name], e->value)))
			return rc;
	}
	for (size_t i = 0; old && i < old->extra_count; i++) {
		const jh_extra *e = &ods->extras[old->extra_first + i];
		const char *name = ods->extra_names[e->name];
		if (!extra_value(nds, sy, name) &&
		    (rc = jh_dataset_add_extra(mds, row, name, e->value)))
			return rc;
	}
	return JH_OK;
}

static uint64_t county_year_hash(const char *county, int year)
{
	return jhHashInt(jhHashStr(JH_HASH_SEED, county), year);
}

/* 1 when cov (county-year hash -> a row of ds) holds county-year. */
static int covers(const jhIndex *cov, const jh_dataset *ds, const char *county,
                  int year)
{
	size_t pos = 0, item;

	while (jhIndexNext(cov, county_year_hash(county, year), &pos, &item))
		if (ds->rows[item].year == year && !strcmp(ds->rows[item].county_code, county))
			return 1;
	return 0;
}

/* The stored school-years (of cur) of the county-years ds covers that ds
 * does not contain, into *out (malloc'd, the caller frees) and *n. */
static jh_code find_missing(const jh_dataset *cur, const jh_dataset *ds,
                            const jh_school_year ***out, size_t *n)
{
	jhIndex cov;
	const jh_school_year **miss = NULL;
	size_t k = 0;
	jh_code rc = JH_ERR_NOMEM;

	memset(&cov, 0, sizeof cov);
	*out = NULL;
	*n = 0;
	/* One entry per county-year: the first row of it. */
	for (size_t i = 0; i < ds->nrows; i++) {
		const jh_school_year *sy = &ds->rows[i];
		if (!covers(&cov, ds, sy->county_code, sy->year) &&
		    jhIndexAdd(&cov, county_year_hash(sy->county_code, sy->year), i))
			goto out;
	}
	if (!(miss = malloc((cur->nrows ? cur->nrows : 1) * sizeof *miss)))
		goto out;
	for (size_t i = 0; i < cur->nrows; i++) {
		const jh_school_year *c = &cur->rows[i];
		if (covers(&cov, ds, c->county_code, c->year) &&
		    !jh_dataset_find(ds, c->school_code, c->year))
			miss[k++] = c;
	}
	*out = miss;
	*n = k;
	miss = NULL;
	rc = JH_OK;
out:
	free(miss);
	jhIndexFree(&cov);
	return rc;
}

/* An import inside the transaction the caller opened; the caller commits
 * when st->revision is set, and rolls back otherwise (nothing to record,
 * or an error). */
static jh_code import_tx(jh_store *s, const jh_areas *areas,
                         const jh_dataset *ds, const jh_county_items *items,
                         const jh_import_opts *opts,
                         const jh_revision_info *info, jh_import_stats *st,
                         jh_diags *d)
{
	jh_county_items *cur_items = NULL;
	jh_areas *stored = NULL;
	jh_dataset *cur = NULL, *mds = NULL;
	/* Per incoming row: its merged version in mds, or -1 (as given). */
	long *merged = NULL;
	const jh_school_year **missing = NULL;
	size_t nmissing = 0;
	int want_missing = opts && (opts->replace || opts->missing);
	struct idmap ids;
	unsigned char *area_new = NULL, *row_state = NULL, *item_state = NULL;
	const jh_school_year **batch = NULL;
	const jh_county_item **ibatch = NULL;
	const jh_area **abatch = NULL;
	jh_change *achanges = NULL;
	size_t errors = 0, nchanged_areas = 0, nb;
	long rev = 0;
	jh_code rc;

	memset(st, 0, sizeof *st);
	if ((rc = id_load(s, ds, &ids, d)))
		goto out;
	if (!(stored = jh_areas_new())) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	if ((rc = s->ops->load_areas(s->db, stored, d)))
		goto out;

	/* Areas: new ones and renamed ones are changes; a parent must exist. */
	if (areas && areas->count) {
		if (!(area_new = calloc(areas->count, 1))) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		for (size_t i = 0; i < areas->count; i++) {
			const jh_area *a = &areas->items[i];
			const jh_area *o = jh_areas_find(stored, a->code);
			if (o && o->level != a->level) {
				jh_diags_add(d, JH_P_AREA_LEVEL, a->file, NULL, a->line, 0, NULL,
				             a->code, NULL);
				errors++;
			} else if (!o || strcmp(o->name, a->name)) {
				area_new[i] = o ? 2 : 1;
				nchanged_areas++;
				if (a->level != JH_AREA_PROVINCE &&
				    !jh_areas_find(areas, a->parent) &&
				    !jh_areas_find(stored, a->parent)) {
					jh_diags_add(d, JH_P_AREA_PARENT, a->file, NULL, a->line, 0,
					             NULL, a->code, a->parent);
					errors++;
				}
			}
		}
	}
	/* Schools: known counties, one county and one type per school. */
	const jh_area *last_area = NULL;
	for (size_t i = 0; ds && i < ds->nrows; i++) {
		const jh_school_year *sy = &ds->rows[i];
		const jh_area *a;
		jhSchool *id;

		/* Rows come grouped by county: remember the last lookup rather
		 * than look the county up for each of 200,000 rows. */
		if (last_area && !strcmp(last_area->code, sy->county_code)) {
			a = last_area;
		} else {
			a = areas ? jh_areas_find(areas, sy->county_code) : NULL;
			if (!a)
				a = jh_areas_find(stored, sy->county_code);
			last_area = a;
		}
		if (!a || a->level != JH_AREA_COUNTY) {
			add_place(d, sy, JH_P_UNKNOWN_COUNTY, sy->col_county, "county_code", sy->county_code, NULL);
			errors++;
			continue;
		}
		if (!(id = id_find(&ids, sy->school_code, NULL))) {
			if ((rc = id_add(&ids, sy)))
				goto out;
			continue;
		}
		if (strcmp(id->county, sy->county_code)) {
			add_place(d, sy, JH_P_SCHOOL_MOVED, sy->col_county, "county_code", sy->school_code,
			          id->county);
			errors++;
		}
		/* The type may change between years (a primary school becomes
		 * a nine-year school); within a stored year see below. */
	}
	/* County-year records: known counties only. */
	for (size_t i = 0; items && i < items->count; i++) {
		const jh_county_item *it = &items->items[i];
		const jh_area *a = areas ? jh_areas_find(areas, it->county_code) : NULL;
		if (!a)
			a = jh_areas_find(stored, it->county_code);
		if (!a || a->level != JH_AREA_COUNTY) {
			jh_diags_add(d, JH_P_UNKNOWN_COUNTY, it->file, NULL, it->line, 0,
			             "county_code", it->county_code, NULL);
			errors++;
		}
	}
	if (errors) {
		rc = JH_ERR_INPUT;
		goto out;
	}
	if (items && items->count) {
		if (!(cur_items = jh_county_items_new())) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		if ((rc = s->ops->load_items(s->db, NULL, 0, cur_items, d)))
			goto out;
		if (!(item_state = malloc(items->count))) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		for (size_t i = 0; i < items->count; i++) {
			const jh_county_item *it = &items->items[i];
			const jh_county_item *o = jh_county_items_find(cur_items, it->county_code,
			                                               it->year, it->item);
			item_state[i] = !o ? ROW_NEW : item_same(o, it) ? ROW_SAME : ROW_CHANGED;
			if (item_state[i] != ROW_SAME)
				st->items_changed++;
		}
	}

	/* What is stored now for the rows offered, compared once. */
	st->rows = ds ? ds->nrows : 0;
	if (ds && ds->nrows) {
		/* As narrow as the rows allow: one county's file in a nation's
		 * database reads that county only. */
		jh_filter f = {NULL, 0, NULL};
		int one_year = 1, one_county = 1;
		for (size_t i = 1; i < ds->nrows; i++) {
			if (ds->rows[i].year != ds->rows[0].year)
				one_year = 0;
			if (strcmp(ds->rows[i].county_code, ds->rows[0].county_code))
				one_county = 0;
		}
		if (one_year)
			f.year = ds->rows[0].year;
		if (one_county)
			f.county_code = ds->rows[0].county_code;
		if (ds->nrows == 1 && !want_missing)
			f.school_code = ds->rows[0].school_code;
		if ((rc = jh_store_load(s, &f, 0, &cur, d)))
			goto out;
		if (!(row_state = malloc(ds->nrows)) ||
		    !(merged = malloc(ds->nrows * sizeof *merged)) ||
		    !(mds = jh_dataset_new())) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
	}
	for (size_t i = 0; ds && i < ds->nrows; i++) {
		const jh_school_year *sy = &ds->rows[i];
		const jh_school_year *old = cur->nrows ?
		        jh_dataset_find(cur, sy->school_code, sy->year) : NULL;
		const jh_dataset *sds = ds;
		long n;

		merged[i] = -1;
		/* An import never changes the type a stored school-year has:
		 * a file that disagrees is more likely wrong than the store, so
		 * that correction is an explicit `set` (info->kind "edit"). */
		if (old && old->type != sy->type && strcmp(info->kind ? info->kind : "", "edit")) {
			char year[16];
			snprintf(year, sizeof year, "%d", sy->year);
			add_place(d, sy, JH_P_TYPE_CHANGED, sy->col_type, "school_type",
			          sy->school_code, year);
			errors++;
			continue;
		}
		if (needs_merge(cur, old, ds, sy)) {
			if ((rc = merge_row(mds, cur, old, ds, sy)))
				goto out;
			merged[i] = (long)mds->nrows - 1;
			sy = &mds->rows[merged[i]];
			sds = mds;
			/* The file's raw figures over stored ready-made values,
			 * or the reverse: they must still agree (derive.c). */
			if (jhDeriveCheck(ds, sy, d)) {
				errors++;
				continue;
			}
		}
		n = diff_row(NULL, cur, old, sds, sy);
		row_state[i] = !old ? ROW_NEW : n ? ROW_CHANGED : ROW_SAME;
		if (!old)
			st->added++;
		else if (n)
			st->changed++;
		else
			st->unchanged++;
		st->fields_changed += (size_t)n;     /* a new row: all its fields */
	}
	if (errors) {
		rc = JH_ERR_INPUT;
		goto out;
	}
	if (want_missing && ds && ds->nrows) {
		if ((rc = find_missing(cur, ds, &missing, &nmissing)))
			goto out;
		st->missing = nmissing;
		for (size_t i = 0; opts->missing && i < nmissing; i++)
			if ((rc = jh_dataset_add(opts->missing, missing[i])))
				goto out;
		if (!opts->replace)
			nmissing = 0;        /* kept: nothing to delete */
		st->deleted = nmissing;
	}
	if (!st->added && !st->changed && !nchanged_areas && !st->items_changed &&
	    !nmissing) {
		st->fields_changed = 0;
		goto out;                /* nothing to record: no revision */
	}

	if ((rc = new_revision(s, info, &rev, d)))
		goto out;
	/* Areas in level order so parents exist first, each with its change. */
	if (nchanged_areas) {
		size_t k = 0;
		abatch = malloc(nchanged_areas * sizeof *abatch);
		achanges = calloc(nchanged_areas, sizeof *achanges);
		if (!abatch || !achanges) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		for (int lv = JH_AREA_PROVINCE; lv <= JH_AREA_COUNTY; lv++)
			for (size_t i = 0; i < areas->count; i++) {
				const jh_area *a = &areas->items[i];
				const jh_area *o;
				jh_change *c = &achanges[k];
				if (!area_new[i] || (int)a->level != lv)
					continue;
				o = jh_areas_find(stored, a->code);
				abatch[k++] = a;
				c->revision = rev;
				c->entity = "area";
				c->school_code = a->code;
				c->county_code = a->level == JH_AREA_COUNTY ? a->code : NULL;
				c->field = "name";
				c->old_value = o ? o->name : NULL;
				c->new_value = a->name;
			}
		if ((rc = s->ops->put_areas(s->db, abatch, k, d)) ||
		    (rc = s->ops->insert_changes(s->db, achanges, k, d)))
			goto out;
		st->areas_changed = k;
	}
	/* School-years in three batches: new schools, the versions a change
	 * ends, the new versions. */
	if (ds && ds->nrows) {
		if (!(batch = malloc(ds->nrows * sizeof *batch))) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		nb = 0;
		for (size_t i = 0; i < ids.count; i++)
			if (ids.first[i])
				batch[nb++] = ids.first[i];
		if ((rc = s->ops->put_schools(s->db, batch, nb, d)))
			goto out;
		nb = 0;
		for (size_t i = 0; i < ds->nrows; i++)
			if (row_state[i] == ROW_CHANGED)
				batch[nb++] = &ds->rows[i];
		if ((rc = s->ops->close_rows(s->db, batch, nb, rev, d)) ||
		    (nmissing && (rc = s->ops->close_rows(s->db, missing, nmissing, rev, d))))
			goto out;
		/* New versions as given, then the merged ones (their extras
		 * are in mds). */
		nb = 0;
		for (size_t i = 0; i < ds->nrows; i++)
			if (row_state[i] != ROW_SAME && merged[i] < 0)
				batch[nb++] = &ds->rows[i];
		if ((rc = s->ops->insert_rows(s->db, ds, batch, nb, rev, d)))
			goto out;
		nb = 0;
		for (size_t i = 0; i < ds->nrows; i++)
			if (row_state[i] != ROW_SAME && merged[i] >= 0)
				batch[nb++] = &mds->rows[merged[i]];
		if (nb && (rc = s->ops->insert_rows(s->db, mds, batch, nb, rev, d)))
			goto out;
	}
	if (st->items_changed) {
		if (!(ibatch = malloc(items->count * sizeof *ibatch))) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		nb = 0;
		for (size_t i = 0; i < items->count; i++)
			if (item_state[i] == ROW_CHANGED)
				ibatch[nb++] = &items->items[i];
		if ((rc = s->ops->close_items(s->db, ibatch, nb, rev, d)))
			goto out;
		nb = 0;
		for (size_t i = 0; i < items->count; i++)
			if (item_state[i] != ROW_SAME)
				ibatch[nb++] = &items->items[i];
		if ((rc = s->ops->insert_items(s->db, ibatch, nb, rev, d)))
			goto out;
	}
	/* What this revision changed: the county-years of its rows and
	 * records, and its areas. */
	{
		struct touches T = {NULL, 0, 0};
		for (size_t i = 0; ds && i < ds->nrows && !rc; i++)
			if (row_state[i] != ROW_SAME)
				rc = touch_add(&T, ds->rows[i].county_code, ds->rows[i].year);
		for (size_t i = 0; i < nmissing && !rc; i++)
			rc = touch_add(&T, missing[i]->county_code, missing[i]->year);
		for (size_t i = 0; st->items_changed && i < items->count && !rc; i++)
			if (item_state[i] != ROW_SAME)
				rc = touch_add(&T, items->items[i].county_code, items->items[i].year);
		for (size_t i = 0; i < st->areas_changed && !rc; i++)
			if (!(rc = touch_add(&T, abatch[i]->code, 0)))
				rc = touch_add(&T, "", 0);
		if (rc) {
			free(T.t);
			goto out;
		}
		if ((rc = touch_write(s, &T, rev, d)))
			goto out;
	}
	st->revision = rev;
out:
	id_free(&ids);
	free(area_new);
	free(row_state);
	free(item_state);
	free(batch);
	free(ibatch);
	free(abatch);
	free(achanges);
	jh_areas_free(stored);
	jh_dataset_free(cur);
	jh_dataset_free(mds);
	free(merged);
	free(missing);
	jh_county_items_free(cur_items);
	if (rc)
		st->revision = 0;
	return rc;
}

/* Commit what import_tx (or a caller's transaction) did when it made a
 * revision, roll back otherwise. */
static jh_code finish(jh_store *s, jh_code rc, jh_import_stats *st, jh_diags *d)
{
	if (rc == JH_OK && st->revision && (rc = s->ops->commit(s->db, d)) == JH_OK)
		return JH_OK;
	s->ops->rollback(s->db);
	if (rc)
		st->revision = 0;
	return rc;
}

/* The start of every write: stats zeroed (the caller's or a local one)
 * and the write transaction begun. */
static jh_code begin_write(jh_store *s, size_t rows, jh_import_stats **st,
                           jh_import_stats *local, jh_diags *d)
{
	if (!*st)
		*st = local;
	memset(*st, 0, sizeof **st);
	return s->ops->begin(s->db, rows, d);
}

jh_code jh_store_import_opts(jh_store *s, const jh_areas *areas,
                             const jh_dataset *ds, const jh_county_items *items,
                             const jh_import_opts *opts,
                             const jh_revision_info *info,
                             jh_import_stats *st, jh_diags *d)
{
	jh_import_stats local;
	jh_code rc;

	if ((rc = begin_write(s, ds ? ds->nrows : 0, &st, &local, d)))
		return rc;
	rc = import_tx(s, areas, ds, items, opts, info, st, d);
	return finish(s, rc, st, d);
}

jh_code jh_store_import(jh_store *s, const jh_areas *areas,
                        const jh_dataset *ds, const jh_county_items *items,
                        const jh_revision_info *info,
                        jh_import_stats *st, jh_diags *d)
{
	return jh_store_import_opts(s, areas, ds, items, NULL, info, st, d);
}

jh_code jh_store_county_items(jh_store *s, const jh_filter *f, long as_of,
                              jh_county_items **out, jh_diags *d)
{
	jh_county_items *c = jh_county_items_new();
	jh_code rc;

	*out = NULL;
	if (!c)
		return JH_ERR_NOMEM;
	if ((rc = s->ops->load_items(s->db, f, as_of, c, d))) {
		jh_county_items_free(c);
		return rc;
	}
	*out = c;
	return JH_OK;
}

/* The stored row (cur, one row) with the named cells replaced, as a
 * dataset read from a one-row template table: every value goes through
 * the same checks as an imported cell, with the same messages.  *out
 * owned by the caller. */
static jh_code edited_row(const jh_dataset *cur, size_t n,
                          const char *const *fields, const char *const *values,
                          jh_dataset **out, jh_diags *d)
{
	jh_buf csv = JH_BUF_INIT;
	jh_table *t = NULL;
	jh_dataset *upd = NULL;
	jh_code rc;

	*out = NULL;
	/* A field may be named as a header may (the key, the Chinese name,
	 * a synonym): each is turned into its key.  keys[] lives as long as
	 * this call. */
	const char **keys = calloc(n ? n : 1, sizeof *keys);
	if (!keys)
		return JH_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		int c = jhTemplateCol(&jhSchoolYear, fields[i]);
		keys[i] = c >= 0 ? jhSchoolYear.cols[c].key : fields[i];
	}
	fields = keys;
	if ((rc = jh_export_csv(cur, NULL, &csv)))
		goto out;
	/* Columns the export left out (optional or extra columns the row has
	 * no value for) are appended, so that they can be set too. */
	{
		char *nl = memchr(csv.data, '\n', csv.len);
		jh_buf hdr = JH_BUF_INIT, row = JH_BUF_INIT;
		size_t hl = nl ? (size_t)(nl - csv.data) : csv.len;
		jh_buf_add(&hdr, csv.data, hl);
		jh_buf_add(&row, csv.data + hl + 1, csv.len - hl - 2);  /* no final \n */
		for (size_t i = 0; i < n; i++) {
			int present = 0;
			const char *p = hdr.data;
			size_t fl = strlen(fields[i]);
			while (p && *p) {
				const char *e = strchr(p, ',');
				size_t len = e ? (size_t)(e - p) : strlen(p);
				if (len == fl && !strncmp(p, fields[i], fl))
					present = 1;
				p = e ? e + 1 : NULL;
			}
			/* Only template columns can be added: a mistyped name
			 * must not become a new extra column. */
			if (present || (jh_field_parse(fields[i]) < 0 &&
			                strcmp(fields[i], "location") && strcmp(fields[i], "boarding")))
				continue;
			jh_buf_addc(&hdr, ',');
			jh_buf_addcsv(&hdr, fields[i]);
			jh_buf_addc(&row, ',');
		}
		jh_buf_reset(&csv);
		jh_buf_add(&csv, hdr.data, hdr.len);
		jh_buf_addc(&csv, '\n');
		jh_buf_add(&csv, row.data, row.len);
		jh_buf_addc(&csv, '\n');
		jh_buf_free(&hdr);
		jh_buf_free(&row);
		if (csv.oom) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
	}
	if ((rc = jh_csv_parse(csv.data, csv.len, "junheng set", &t, d)))
		goto out;
	/* Replace the cells named; the school and year cannot change. */
	for (size_t i = 0; i < n; i++) {
		size_t c, ncols = t->rows[0].ncells;
		for (c = 0; c < ncols; c++)
			if (!strcmp(jh_table_cell(t, 0, c), fields[i]))
				break;
		if (c == ncols || !strcmp(fields[i], "school_code") ||
		    !strcmp(fields[i], "year")) {
			jh_diags_add(d, JH_P_SET_FIELD, NULL, NULL, 0, 0, NULL, fields[i], NULL);
			rc = JH_ERR_INPUT;
			goto out;
		}
		/* Cells live in the table's arena; append the new text.  A
		 * blank cell gives nothing (the stored value stays): an empty
		 * value is the explicit clear. */
		size_t off = t->text.len;
		jh_buf_adds(&t->text, jhBlank(values[i]) ? JH_CLEAR_MARK : values[i]);
		jh_buf_addc(&t->text, '\0');
		if (t->text.oom) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		if (c < t->rows[1].ncells)
			t->cells[t->rows[1].first + c] = off;
	}
	/* A raw figure changed alone (teachers by degree, indoor sports
	 * rooms, a size band): the ready-made values its group gives are
	 * blanked, so that they are derived again (derive.c) rather than
	 * left as stored to disagree with it. */
	{
		size_t ncols = t->rows[0].ncells, blank = t->text.len;
		jhColSet named = {{0}};
		jh_buf_addc(&t->text, '\0');
		if (t->text.oom) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		for (size_t c = 0; c < ncols; c++) {
			int k = jhTemplateCol(&jhSchoolYear, jh_table_cell(t, 0, c));
			if (k >= 0)
				jhColSetAdd(&named, k);
		}
		for (size_t i = 0; i < n; i++) {
			jh_field to[2];
			int f = jh_field_parse(fields[i]);
			int m = f < 0 ? 0 : jhDeriveFrom((jh_field)f, &named, to);
			for (int k = 0; k < m; k++) {
				const char *key = jh_field_key(to[k]);
				size_t j;
				for (j = 0; j < n && strcmp(fields[j], key); j++)
					;
				if (j < n)
					continue;       /* set too: as given */
				for (size_t c = 0; c < ncols && c < t->rows[1].ncells; c++)
					if (!strcmp(jh_table_cell(t, 0, c), key))
						t->cells[t->rows[1].first + c] = blank;
			}
		}
	}
	/* The row's stored extra columns are its own, whatever their names. */
	if (!(upd = jh_dataset_new()) || jh_dataset_allow_extras(upd, NULL, 1)) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	if ((rc = jh_dataset_add_table(upd, t, d)))
		goto out;
	*out = upd;
	upd = NULL;
out:
	free(keys);
	jh_table_free(t);
	jh_buf_free(&csv);
	jh_dataset_free(upd);
	return rc;
}

/* The read, the check against base_revision and the write are one
 * transaction: no other writer can come between them. */
jh_code jh_store_set(jh_store *s, const char *school, int year,
                     long base_revision, size_t n,
                     const char *const *fields, const char *const *values,
                     const jh_revision_info *info, jh_import_stats *st,
                     jh_diags *d)
{
	jh_filter f = {NULL, year, school};
	jh_dataset *cur = NULL, *upd = NULL;
	jh_import_stats local;
	char what[64];
	jh_code rc;

	snprintf(what, sizeof what, "%s/%d", school, year);
	if ((rc = begin_write(s, 0, &st, &local, d)))
		return rc;
	if ((rc = jh_store_load(s, &f, 0, &cur, d)))
		goto out;
	if (cur->nrows != 1) {
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, what, NULL);
		rc = JH_ERR_NOTFOUND;
		goto out;
	}
	if (base_revision) {
		long last, made;
		long long last_at;
		char num[24];
		if ((rc = s->ops->last_revision(s->db, &last, &last_at, d)) ||
		    (rc = s->ops->row_revision(s->db, school, year, &made, d)))
			goto out;
		if (base_revision < 0 || base_revision > last) {
			snprintf(num, sizeof num, "%ld", base_revision);
			jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, num, NULL);
			rc = JH_ERR_NOTFOUND;
			goto out;
		}
		if (made > base_revision) {
			snprintf(num, sizeof num, "%ld", made);
			jh_diags_add(d, JH_P_CONFLICT, NULL, NULL, 0, 0, NULL, what, num);
			rc = JH_ERR_CONFLICT;
			goto out;
		}
	}
	if ((rc = edited_row(cur, n, fields, values, &upd, d)))
		goto out;
	rc = import_tx(s, NULL, upd, NULL, NULL, info, st, d);
out:
	jh_dataset_free(cur);
	jh_dataset_free(upd);
	return finish(s, rc, st, d);
}

jh_code jh_store_delete(jh_store *s, const char *school, int year,
                        const jh_revision_info *info, jh_import_stats *st,
                        jh_diags *d)
{
	jh_filter f = {NULL, year, school};
	jh_dataset *cur = NULL;
	const jh_school_year **rows = NULL;
	jh_import_stats local;
	long rev;
	jh_code rc;

	if ((rc = begin_write(s, 0, &st, &local, d)))
		return rc;
	if ((rc = jh_store_load(s, &f, 0, &cur, d)))
		goto out;
	if (!cur->nrows) {
		char what[64];
		snprintf(what, sizeof what, year ? "%s/%d" : "%s", school, year);
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, what, NULL);
		rc = JH_ERR_NOTFOUND;
		goto out;
	}
	if (!(rows = malloc(cur->nrows * sizeof *rows))) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < cur->nrows; i++)
		rows[i] = &cur->rows[i];
	if ((rc = new_revision(s, info, &rev, d)) ||
	    (rc = s->ops->close_rows(s->db, rows, cur->nrows, rev, d)))
		goto out;
	{
		struct touches T = {NULL, 0, 0};
		for (size_t i = 0; i < cur->nrows && !rc; i++)
			rc = touch_add(&T, cur->rows[i].county_code, cur->rows[i].year);
		if (rc)
			free(T.t);
		else
			rc = touch_write(s, &T, rev, d);
		if (rc)
			goto out;
	}
	st->deleted = cur->nrows;
	st->revision = rev;
out:
	free(rows);
	jh_dataset_free(cur);
	return finish(s, rc, st, d);
}
