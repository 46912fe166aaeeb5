/*
** store.c — the versioned, audited store: the rules, not the SQL.
**
** Every write is one transaction and, when it changes anything, one
** revision saying who, when, why and from which files (with their
** SHA-256).  An import is checked against what is stored — a county must
** be known, a school keeps its county and type across years — and any
** problem aborts it with nothing written.  Rows equal to what is stored
** record nothing; a changed row gets a new version, and each changed field
** a change record (old → new), which is what `junheng history` shows.
**
** The database itself is behind struct jhStoreOps (store.h).
*/
#include "store_int.h"

#include <ctype.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


static jh_code open_store(const char *path, int create, jh_store **out,
                          jh_diags *d)
{
	jh_store *s = calloc(1, sizeof *s);
	jh_code rc;

	*out = NULL;
	if (!s)
		return JH_ERR_NOMEM;
	if ((rc = jhSqliteOpen(path, create, s, d))) {
		free(s);
		return rc;
	}
	*out = s;
	return JH_OK;
}

jh_code jh_store_init(const char *path, jh_store **out, jh_diags *d)
{
	return open_store(path, 1, out, d);
}

jh_code jh_store_open(const char *path, jh_store **out, jh_diags *d)
{
	return open_store(path, 0, out, d);
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

jh_code jh_store_resolve_as_of(jh_store *s, const char *spec, long *rev,
                               jh_diags *d)
{
	size_t n = strlen(spec), i;
	int digits = n > 0;
	long last;
	jh_code rc;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)spec[i]))
			digits = 0;
	if ((rc = s->ops->last_revision(s->db, &last, d)))
		return rc;
	if (digits && n < 10) {
		*rev = atol(spec);
		if (*rev < 1 || *rev > last) {
			jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, spec, NULL);
			return JH_ERR_NOTFOUND;
		}
		return JH_OK;
	}
	/* YYYY-MM-DD means the end of that day; a time is taken as given. */
	{
		int y, mo, dd, h = 23, mi = 59, se = 59;
		char iso[96], tail;
		int k = sscanf(spec, "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &dd, &tail,
		               &h, &mi, &se);
		if (!(k == 3 || (k == 7 && (tail == 'T' || tail == ' '))) ||
		    mo < 1 || mo > 12 || dd < 1 || dd > 31 || h > 23 || mi > 59 || se > 60) {
			jh_diags_add(d, JH_P_OTHER, NULL, NULL, 0, 0, NULL,
			             "--as-of takes a revision number or a date (YYYY-MM-DD[THH:MM:SS])",
			             NULL);
			return JH_ERR_ARG;
		}
		snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, dd, h, mi, se);
		if ((rc = s->ops->revision_at(s->db, iso, rev, d)))
			return rc;
		if (*rev == 0) {
			jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, spec, NULL);
			return JH_ERR_NOTFOUND;
		}
	}
	return JH_OK;
}

/* --- writing -------------------------------------------------------------- */

/* School identities (code → county, type), stored and incoming. */
struct ident {
	char code[24];
	char county[8];
	jh_school_type type;
	const jh_school_year *first;   /* incoming row that set it, or NULL */
};

struct idmap {
	struct ident *slot;
	size_t cap, used;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct ident *id_find(struct idmap *m, const char *code, int add)
{
	size_t i;

	if (add && (m->used + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 4096;
		struct ident *n = calloc(cap, sizeof *n);
		if (!n)
			return NULL;
		for (size_t k = 0; k < m->cap; k++) {
			if (!m->slot[k].code[0])
				continue;
			for (i = hash_str(m->slot[k].code) & (cap - 1); n[i].code[0];
			     i = (i + 1) & (cap - 1))
				;
			n[i] = m->slot[k];
		}
		free(m->slot);
		m->slot = n;
		m->cap = cap;
	}
	if (!m->cap)
		return NULL;
	for (i = hash_str(code) & (m->cap - 1); m->slot[i].code[0];
	     i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->slot[i].code, code))
			return &m->slot[i];
	if (!add)
		return NULL;
	snprintf(m->slot[i].code, sizeof m->slot[i].code, "%s", code);
	m->used++;
	return &m->slot[i];
}

static int put_ident(void *ctx, const char *code, const char *county,
                     jh_school_type type)
{
	struct ident *id = id_find(ctx, code, 1);

	if (!id)
		return -1;
	snprintf(id->county, sizeof id->county, "%s", county);
	id->type = type;
	return 0;
}

static void now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
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

struct writer {
	jh_store *s;
	long rev;
	jh_diags *d;
	size_t fields;
	jh_history *h;      /* derived history: changes go here, not the db */
};

static jh_code record(struct writer *w, const char *entity, const char *code,
                      const char *county, int year, const char *field,
                      const char *old, const char *new_)
{
	jh_change c;

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
	if (w->h)
		return jhHistoryPush(w->h, &c);
	if (w->s)
		return w->s->ops->insert_change(w->s->db, &c, w->d);
	return JH_OK;
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
	if (!old)
		REC("school_type", NULL, jh_school_type_key(sy->type));
	if (!old || strcmp(old->parent_code, sy->parent_code))
		if (old || *sy->parent_code)
			REC("parent_code", old ? old->parent_code : NULL, sy->parent_code);
	if ((!old && sy->location) || (old && old->location != sy->location))
		REC("location", old ? jh_location_key(old->location) : NULL,
		    jh_location_key(sy->location));
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
 * field = the item, old → new value (with the note when it changed). */
static jh_code item_history(jh_store *s, const char *county, struct writer *w)
{
	jh_county_items *v = jh_county_items_new();
	long *revs = NULL;
	jh_code rc;

	if (!v)
		return JH_ERR_NOMEM;
	if ((rc = s->ops->load_item_versions(s->db, county, v, &revs, w->d)))
		goto out;
	for (size_t i = 0; i < v->count; i++) {
		const jh_county_item *it = &v->items[i];
		const jh_county_item *prev = NULL;
		if (i && revs[2 * (i - 1) + 1] == revs[2 * i] &&
		    v->items[i - 1].year == it->year && !strcmp(v->items[i - 1].item, it->item))
			prev = &v->items[i - 1];
		w->rev = revs[2 * i];
		if ((rc = record(w, "county_year", it->county_code, it->county_code, it->year,
		                 it->item, prev ? prev->value : NULL, it->value)))
			goto out;
		if (prev && strcmp(prev->note, it->note)) {
			char field[160];
			snprintf(field, sizeof field, "%s.note", it->item);
			if ((rc = record(w, "county_year", it->county_code, it->county_code,
			                 it->year, field, prev->note, it->note)))
				goto out;
		}
	}
out:
	free(revs);
	jh_county_items_free(v);
	return rc;
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
	struct writer w = {NULL, 0, d, 0, NULL};
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
	if ((rc = s->ops->load_versions(s->db, school, county, v, &revs, d)))
		goto fail;
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
		w.rev = revs[2 * i];
		if (diff_row(&w, v, prev, v, sy) < 0)
			goto fail;
		/* Closed and not continued at the same revision: deleted. */
		if (revs[2 * i + 1] && !(same_next && revs[2 * (i + 1)] == revs[2 * i + 1])) {
			w.rev = revs[2 * i + 1];
			if ((rc = record(&w, "school_year", sy->school_code, sy->county_code,
			                 sy->year, "*", sy->school_name, NULL)))
				goto fail;
		}
	}
	if (county && !school && (rc = item_history(s, county, &w)))
		goto fail;
	if ((rc = sort_history(h)))
		goto fail;
	for (size_t i = 0; i < h->count; i++) {
		jh_change *c = &h->items[i];
		if (i && h->items[i - 1].revision == c->revision) {
			c->at = h->items[i - 1].at;
			c->who = h->items[i - 1].who;
			c->why = h->items[i - 1].why;
			c->kind = h->items[i - 1].kind;
			c->sources = h->items[i - 1].sources;
		} else if ((rc = s->ops->revision_meta(s->db, c->revision, h, c, d))) {
			goto fail;
		}
	}
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

static int item_same(const jh_county_item *a, const jh_county_item *b)
{
	return !strcmp(a->value, b->value) && !strcmp(a->note, b->note);
}

jh_code jh_store_import(jh_store *s, const jh_areas *areas,
                        const jh_dataset *ds, const jh_county_items *items,
                        const jh_revision_info *info,
                        jh_import_stats *st, jh_diags *d)
{
	jh_county_items *cur_items = NULL;
	jh_areas *stored = NULL;
	jh_dataset *cur = NULL;
	struct idmap ids = {NULL, 0, 0};
	struct writer w = {s, 0, d, 0, NULL};
	unsigned char *area_new = NULL;
	size_t errors = 0, nchanged_areas = 0;
	char at[32];
	jh_code rc;
	jh_import_stats local;

	if (!st)
		st = &local;
	memset(st, 0, sizeof *st);
	if ((rc = s->ops->begin(s->db, d)))
		return rc;
	if (!(stored = jh_areas_new())) {
		rc = JH_ERR_NOMEM;
		goto fail;
	}
	if ((rc = s->ops->load_areas(s->db, stored, d)))
		goto fail;

	/* Areas: new ones and renamed ones are changes; a parent must exist. */
	if (areas && areas->count) {
		if (!(area_new = calloc(areas->count, 1))) {
			rc = JH_ERR_NOMEM;
			goto fail;
		}
		for (size_t i = 0; i < areas->count; i++) {
			const jh_area *a = &areas->items[i];
			const jh_area *o = jh_areas_find(stored, a->code);
			if (o && o->level != a->level) {
				jh_diags_add(d, JH_P_BAD_AREA, a->file, NULL, a->line, 0, NULL,
				             a->code, "stored at another level");
				errors++;
			} else if (!o || strcmp(o->name, a->name)) {
				area_new[i] = o ? 2 : 1;
				nchanged_areas++;
			}
		}
	}
	/* Schools: known counties, one county and one type per school. */
	const jh_area *last_area = NULL;
	if ((rc = s->ops->load_schools(s->db, put_ident, &ids, d)))
		goto fail;
	for (size_t i = 0; ds && i < ds->nrows; i++) {
		const jh_school_year *sy = &ds->rows[i];
		const jh_area *a;
		struct ident *id;

		/* Rows come grouped by county: remember the last lookup rather
		 * than scan the area list for each of 200,000 rows. */
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
		id = id_find(&ids, sy->school_code, 0);
		if (!id) {
			if (!(id = id_find(&ids, sy->school_code, 1))) {
				rc = JH_ERR_NOMEM;
				goto fail;
			}
			snprintf(id->county, sizeof id->county, "%s", sy->county_code);
			id->type = sy->type;
			id->first = sy;
			continue;
		}
		if (strcmp(id->county, sy->county_code)) {
			add_place(d, sy, JH_P_SCHOOL_MOVED, sy->col_county, "county_code", sy->school_code,
			          id->county);
			errors++;
		}
		if (id->type != sy->type) {
			add_place(d, sy, JH_P_TYPE_CHANGED, sy->col_type, "school_type", sy->school_code,
			          jh_school_type_key(id->type));
			errors++;
		}
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
		goto fail;
	}
	if (items && items->count) {
		if (!(cur_items = jh_county_items_new())) {
			rc = JH_ERR_NOMEM;
			goto fail;
		}
		if ((rc = s->ops->load_items(s->db, NULL, 0, cur_items, d)))
			goto fail;
		for (size_t i = 0; i < items->count; i++) {
			const jh_county_item *it = &items->items[i];
			const jh_county_item *o = jh_county_items_find(cur_items, it->county_code,
			                                               it->year, it->item);
			if (!o || !item_same(o, it))
				st->items_changed++;
		}
	}

	/* What is stored now for the rows offered. */
	if (ds && ds->nrows) {
		jh_filter f = {NULL, 0, NULL};
		int one_year = 1;
		for (size_t i = 1; i < ds->nrows; i++)
			if (ds->rows[i].year != ds->rows[0].year)
				one_year = 0;
		if (one_year)
			f.year = ds->rows[0].year;
		if (ds->nrows == 1)
			f.school_code = ds->rows[0].school_code;
		if ((rc = jh_store_load(s, &f, 0, &cur, d)))
			goto fail;
	}
	st->rows = ds ? ds->nrows : 0;
	for (size_t i = 0; ds && i < ds->nrows; i++) {
		const jh_school_year *sy = &ds->rows[i];
		const jh_school_year *old = jh_dataset_find(cur, sy->school_code, sy->year);
		long n = diff_row(NULL, cur, old, ds, sy);
		if (!old)
			st->added++;
		else if (n)
			st->changed++;
		else
			st->unchanged++;
	}
	if (!st->added && !st->changed && !nchanged_areas && !st->items_changed) {
		/* Nothing to record: no revision. */
		s->ops->rollback(s->db);
		goto done;
	}

	if (info->at)
		snprintf(at, sizeof at, "%s", info->at);
	else
		now_iso(at);
	if ((rc = s->ops->new_revision(s->db, info, at, &w.rev, d)))
		goto fail;
	/* Areas in level order so parents exist first. */
	for (int lv = JH_AREA_PROVINCE; areas && lv <= JH_AREA_COUNTY; lv++)
		for (size_t i = 0; i < areas->count; i++) {
			const jh_area *a = &areas->items[i];
			const jh_area *o;
			if (!area_new[i] || (int)a->level != lv)
				continue;
			if (a->level != JH_AREA_PROVINCE &&
			    !jh_areas_find(areas, a->parent) &&
			    !jh_areas_find(stored, a->parent)) {
				jh_diags_add(d, JH_P_BAD_AREA, a->file, NULL, a->line, 0,
				             NULL, a->code, "its parent area is unknown");
				rc = JH_ERR_INPUT;
				goto fail;
			}
			o = jh_areas_find(stored, a->code);
			if ((rc = s->ops->put_area(s->db, a, d)) ||
			    (rc = record(&w, "area", a->code,
			                 a->level == JH_AREA_COUNTY ? a->code : NULL, 0,
			                 "name", o ? o->name : NULL, a->name)))
				goto fail;
			st->areas_changed++;
		}
	for (size_t i = 0; ds && i < ds->nrows; i++) {
		const jh_school_year *sy = &ds->rows[i];
		const jh_school_year *old = jh_dataset_find(cur, sy->school_code, sy->year);
		struct ident *id = id_find(&ids, sy->school_code, 0);
		long n;

		if (old && diff_row(NULL, cur, old, ds, sy) == 0)
			continue;
		if (id && id->first == sy &&
		    (rc = s->ops->put_school(s->db, sy->school_code, sy->county_code,
		                             sy->type, d)))
			goto fail;
		if (old && (rc = s->ops->close_row(s->db, sy->school_code, sy->year,
		                                   w.rev, d)))
			goto fail;
		if ((rc = s->ops->insert_row(s->db, ds, sy, w.rev, d)))
			goto fail;
		/* Field changes are derived from the versions when history is
		 * asked for, so they are only counted here. */
		if ((n = diff_row(NULL, cur, old, ds, sy)) < 0) {
			rc = JH_ERR_DB;
			goto fail;
		}
		w.fields += (size_t)n;
	}
	for (size_t i = 0; items && i < items->count; i++) {
		const jh_county_item *it = &items->items[i];
		const jh_county_item *o = jh_county_items_find(cur_items, it->county_code,
		                                               it->year, it->item);
		if (o && item_same(o, it))
			continue;
		if ((o && (rc = s->ops->close_item(s->db, it, w.rev, d))) ||
		    (rc = s->ops->insert_item(s->db, it, w.rev, d)))
			goto fail;
	}
	if ((rc = s->ops->commit(s->db, d)))
		goto fail;
	st->revision = w.rev;
	st->fields_changed = w.fields;
done:
	free(ids.slot);
	free(area_new);
	jh_areas_free(stored);
	jh_dataset_free(cur);
	jh_county_items_free(cur_items);
	return JH_OK;
fail:
	s->ops->rollback(s->db);
	free(ids.slot);
	free(area_new);
	jh_areas_free(stored);
	jh_dataset_free(cur);
	jh_county_items_free(cur_items);
	return rc;
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

/* `set` writes the stored row back out as a one-row template table with
 * the new cells in place and imports that: every value goes through the
 * same checks as an imported cell, with the same messages. */
jh_code jh_store_set(jh_store *s, const char *school, int year, size_t n,
                     const char *const *fields, const char *const *values,
                     const jh_revision_info *info, jh_import_stats *st,
                     jh_diags *d)
{
	jh_filter f = {NULL, year, school};
	jh_dataset *cur = NULL, *upd = NULL;
	jh_buf csv = JH_BUF_INIT;
	jh_table *t = NULL;
	jh_code rc;

	if ((rc = jh_store_load(s, &f, 0, &cur, d)))
		return rc;
	if (cur->nrows != 1) {
		char what[64];
		snprintf(what, sizeof what, "%s/%d", school, year);
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, what, NULL);
		jh_dataset_free(cur);
		return JH_ERR_NOTFOUND;
	}
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
			jh_diags_add(d, JH_P_OTHER, NULL, NULL, 0, 0, NULL,
			             "unknown or unchangeable field", NULL);
			jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, fields[i], NULL);
			rc = JH_ERR_INPUT;
			goto out;
		}
		/* Cells live in the table's arena; append the new text. */
		size_t off = t->text.len;
		jh_buf_adds(&t->text, values[i]);
		jh_buf_addc(&t->text, '\0');
		if (t->text.oom) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		if (c < t->rows[1].ncells)
			t->cells[t->rows[1].first + c] = off;
	}
	if (!(upd = jh_dataset_new())) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	if ((rc = jh_dataset_add_table(upd, t, d)))
		goto out;
	rc = jh_store_import(s, NULL, upd, NULL, info, st, d);
out:
	jh_table_free(t);
	jh_buf_free(&csv);
	jh_dataset_free(cur);
	jh_dataset_free(upd);
	return rc;
}

jh_code jh_store_delete(jh_store *s, const char *school, int year,
                        const jh_revision_info *info, jh_import_stats *st,
                        jh_diags *d)
{
	jh_filter f = {NULL, year, school};
	jh_dataset *cur = NULL;
	struct writer w = {s, 0, d, 0, NULL};
	jh_import_stats local;
	char at[32];
	jh_code rc;

	if (!st)
		st = &local;
	memset(st, 0, sizeof *st);
	if ((rc = s->ops->begin(s->db, d)))
		return rc;
	if ((rc = jh_store_load(s, &f, 0, &cur, d)))
		goto fail;
	if (!cur->nrows) {
		char what[64];
		snprintf(what, sizeof what, year ? "%s/%d" : "%s", school, year);
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, what, NULL);
		rc = JH_ERR_NOTFOUND;
		goto fail;
	}
	if (info->at)
		snprintf(at, sizeof at, "%s", info->at);
	else
		now_iso(at);
	if ((rc = s->ops->new_revision(s->db, info, at, &w.rev, d)))
		goto fail;
	for (size_t i = 0; i < cur->nrows; i++) {
		const jh_school_year *sy = &cur->rows[i];
		if ((rc = s->ops->close_row(s->db, sy->school_code, sy->year, w.rev, d)))
			goto fail;
		st->deleted++;
	}
	if ((rc = s->ops->commit(s->db, d)))
		goto fail;
	st->revision = w.rev;
	st->fields_changed = w.fields;
	jh_dataset_free(cur);
	return JH_OK;
fail:
	s->ops->rollback(s->db);
	jh_dataset_free(cur);
	return rc;
}
