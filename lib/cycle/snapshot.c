/*
** snapshot.c — frozen snapshots of a county-year and what changed since.
**
** At submission and at application the workflow freezes one document:
**
**   {"format":1,"kind","county","county_name","year","revision",
**    "frozen_at","who","standard":{"id","name_zh","name_en"},
**    "explanation",
**    "schools":[{"code","name","fields":{KEY:value…},"extras":{NAME:value…}}],
**    "county_records":[{"item","value","note"}],
**    "verdict":<the verdict's JSON, exactly jh_service_verdict's bytes>,
**    "ledger":[<ledger items as the ledger part renders them>],
**    "milestones":[<the plan's milestones with their status>]}
**
** It is stored as text (schema 7's snapshot table, whose triggers refuse
** any UPDATE or DELETE) and served as stored: later edits of the data,
** of the standard or of the ledger never reach it, since nothing is ever
** recomputed from it.
**
** The diff builds the same document again from today's data (kind
** "current", same builder, so the two have one shape) and compares the
** two as JSON trees (jansson): school-years field by field, county-year
** records, verdict items by id (status, value), ledger items by id
** (status), milestones by year and measure (status).  Values are
** compared with json_equal, so 12 and 12.0 differ only when the stored
** text differed.
*/
#include "cycle_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The document.                                                        */
/* ------------------------------------------------------------------ */

static void school_json(jhJson *j, const jh_dataset *ds, const jh_school_year *sy)
{
	const jhColSpec *c = jhSchoolYear.cols;

	jhJsonOpen(j, '{');
	jhJsonFieldStr(j, "code", sy->school_code);
	jhJsonFieldStr(j, "name", sy->school_name ? sy->school_name : "");
	jhJsonKey(j, "fields");
	jhJsonOpen(j, '{');
	for (int k = 0; k < jhSchoolYear.ncols; k++) {
		jhJsonKey(j, c[k].key);
		jhServiceFieldValue(j, sy, k);
	}
	jhJsonClose(j, '}');
	jhJsonKey(j, "extras");
	jhJsonOpen(j, '{');
	for (size_t i = 0; i < sy->extra_count; i++) {
		const jh_extra *e = &ds->extras[sy->extra_first + i];
		jhJsonFieldStr(j, ds->extra_names[e->name], e->value);
	}
	jhJsonClose(j, '}');
	jhJsonClose(j, '}');
}

/* The county's ledger items as the ledger part renders them
 * (jh_ledger_item_json, `overdue` as of the day it is frozen). */
static jh_code ledger_json(jhJson *j, jh_store *s, const jh_user *who,
                           const char *county, jh_diags *d)
{
	jh_ledger_filter f = JH_LEDGER_FILTER_INIT;
	jh_ledger_item *items = NULL;
	size_t n = 0;
	jh_day today = jh_day_today(s);
	jh_code rc;

	f.area = county;
	if ((rc = jh_ledger_list(s, who, &f, &items, &n, d)))
		return rc;
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < n; i++)
		jh_ledger_item_json(j, &items[i], &today, "zh");
	jhJsonClose(j, ']');
	free(items);
	return JH_OK;
}

/* The plan's milestones judged now, as the creation part renders them
 * (jhMilestonesJson: year, deadline, status, targets with their figures). */
static jh_code milestones_json(jhJson *j, jh_store *s, const jh_user *who,
                               const char *county, const jh_standard *std,
                               jh_diags *d)
{
	jh_milestone_result *m = NULL;
	size_t n = 0;
	jh_day today = jh_day_today(s);
	jh_code rc;

	if ((rc = jh_creation_milestones(s, who, county, &today, std, &m, &n, d)))
		return rc;
	jhMilestonesJson(j, m, n);
	jh_milestones_free(m, n);
	return JH_OK;
}

jh_code jhCycleSnapshotBuild(jh_store *s, const jh_user *who, const char *county,
                             int year, const char *kind, const char *explanation,
                             const jh_standard *std, jh_buf *out, long *revision,
                             jh_diags *d)
{
	jhLoaded L = JH_LOADED_INIT;
	jh_query q = {0};
	jh_buf verdict = JH_BUF_INIT;
	jhJson j;
	jh_out *o = NULL;
	const jh_area *a;
	char at[21];
	jh_code rc;

	q.county = county;
	q.year = year;
	q.std = std;
	if ((rc = jh_store_county_revision(s, county, year, revision, d)) ||
	    (rc = jhServiceLoad(s, &q, JH_LOAD_ITEMS, 1, &L, d)) ||
	    (rc = jh_service_verdict(s, &q, JH_FMT_JSON, &verdict, d)))
		goto done;
	while (verdict.len && (verdict.data[verdict.len - 1] == '\n' ||
	                       verdict.data[verdict.len - 1] == ' '))
		verdict.len--;
	if (!(o = jhServiceJsonBegin(out, &j))) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	jhStoreUtc(jh_store_now(s), at);
	a = jh_areas_find(L.areas, county);
	jhJsonOpen(&j, '{');
	jhJsonFieldInt(&j, "format", 1);
	jhJsonFieldStr(&j, "kind", kind);
	jhJsonFieldStr(&j, "county", county);
	jhJsonFieldStr(&j, "county_name", a && a->name ? a->name : "");
	jhJsonFieldInt(&j, "year", year);
	jhJsonFieldInt(&j, "revision", *revision);
	jhJsonFieldStr(&j, "frozen_at", at);
	jhJsonFieldStr(&j, "who", who ? who->name : "");
	jhJsonKey(&j, "standard");
	jhJsonOpen(&j, '{');
	jhJsonFieldStr(&j, "id", L.std.id);
	jhJsonFieldStr(&j, "name_zh", L.std.name_zh);
	jhJsonFieldStr(&j, "name_en", L.std.name_en);
	jhJsonClose(&j, '}');
	jhJsonFieldStr(&j, "explanation", explanation);
	jhJsonKey(&j, "schools");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < jh_dataset_count(L.ds); i++) {
		const jh_school_year *sy = jh_dataset_row(L.ds, i);
		if (!strcmp(sy->county_code, county) && sy->year == year)
			school_json(&j, L.ds, sy);
	}
	jhJsonClose(&j, ']');
	jhJsonKey(&j, "county_records");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; L.items && i < jh_county_items_count(L.items); i++) {
		const jh_county_item *it = jh_county_items_at(L.items, i);
		if (strcmp(it->county_code, county) || it->year != year)
			continue;
		jhJsonOpen(&j, '{');
		jhJsonFieldStr(&j, "item", it->item);
		jhJsonFieldStr(&j, "value", it->value);
		jhJsonFieldStr(&j, "note", it->note ? it->note : "");
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonKey(&j, "verdict");
	jhCycleJsonRaw(&j, verdict.data, verdict.len);
	jhJsonKey(&j, "ledger");
	if ((rc = ledger_json(&j, s, who, county, d)))
		goto done;
	jhJsonKey(&j, "milestones");
	if ((rc = milestones_json(&j, s, who, county, std, d)))
		goto done;
	jhJsonClose(&j, '}');
done:
	if (o) {
		jh_code e = jhServiceJsonEnd(o);
		if (!rc)
			rc = e;
	}
	jh_buf_free(&verdict);
	jhLoadedFree(&L);
	return rc;
}

jh_code jhCycleVerdict(jh_store *s, const char *county, int year,
                       const jh_standard *std, int *pass, long *fails,
                       long *missing, jh_diags *d)
{
	jh_query q = {0};
	jh_buf b = JH_BUF_INIT;
	json_t *v, *items;
	jh_code rc;
	size_t i;

	q.county = county;
	q.year = year;
	q.std = std;
	*pass = 0;
	*fails = *missing = 0;
	if ((rc = jh_service_verdict(s, &q, JH_FMT_JSON, &b, d)))
		goto done;
	if (!(v = json_loadb(b.data, b.len, 0, NULL))) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	*pass = !strcmp(json_string_value(json_object_get(v, "verdict")) ?
	                json_string_value(json_object_get(v, "verdict")) : "", "pass");
	items = json_object_get(v, "items");
	for (i = 0; i < json_array_size(items); i++) {
		const char *st = json_string_value(json_object_get(json_array_get(items, i),
		                                                   "status"));
		if (st && !strcmp(st, "fail"))
			(*fails)++;
		else if (st && !strcmp(st, "missing"))
			(*missing)++;
	}
	json_decref(v);
done:
	jh_buf_free(&b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Reading one.                                                          */
/* ------------------------------------------------------------------ */

/* The snapshot's description, and whether who may read its county. */
static jh_code open_snapshot(jh_store *s, const jh_user *who, long id,
                             jh_snapshot_meta *m, char **body, size_t *len,
                             jh_diags *d)
{
	jh_areas *areas = NULL;
	jh_code rc;

	if ((rc = jh_store_snapshot_get(s, id, m, body, len, d)))
		return rc;
	rc = jhCycleAreas(s, who, m->county, JH_OP_READ, &areas, d);
	jh_areas_free(areas);
	if (rc) {
		free(*body);
		*body = NULL;
	}
	return rc;
}

jh_code jh_snapshot_show(jh_store *s, const jh_user *who, long id,
                         jh_buf *out, jh_diags *d)
{
	jh_snapshot_meta m;
	char *body = NULL;
	size_t len = 0;
	jh_code rc;

	if ((rc = open_snapshot(s, who, id, &m, &body, &len, d)))
		return rc;
	jh_buf_add(out, body, len);
	free(body);
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}

/* ------------------------------------------------------------------ */
/* What changed.                                                        */
/* ------------------------------------------------------------------ */

static void value(jhJson *j, const json_t *v)
{
	char *t;

	if (!v) {
		jhJsonNull(j);
		return;
	}
	t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	if (t) {
		jhCycleJsonRaw(j, t, strlen(t));
		free(t);
	} else
		jhJsonNull(j);
}

static int same(const json_t *a, const json_t *b)
{
	if (!a || !b)
		return a == b;
	return json_equal((json_t *)a, (json_t *)b);
}

/* The member of array `arr` whose `key` equals v (a string). */
static json_t *find_by(const json_t *arr, const char *key, const json_t *v)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *e = json_array_get(arr, i);
		if (same(json_object_get(e, key), v))
			return e;
	}
	return NULL;
}

/* Field changes between two objects (either may be NULL), each key once. */
static void object_changes(jhJson *j, const json_t *a, const json_t *b,
                           const char *prefix)
{
	const char *k;
	json_t *v;
	char key[256];

	json_object_foreach((json_t *)a, k, v) {
		json_t *w = b ? json_object_get(b, k) : NULL;
		if (same(v, w))
			continue;
		snprintf(key, sizeof key, "%s%s", prefix, k);
		jhJsonOpen(j, '{');
		jhJsonFieldStr(j, "key", key);
		jhJsonKey(j, "then");
		value(j, v);
		jhJsonKey(j, "now");
		value(j, w);
		jhJsonClose(j, '}');
	}
	json_object_foreach((json_t *)b, k, v) {
		if (a && json_object_get(a, k))
			continue;
		snprintf(key, sizeof key, "%s%s", prefix, k);
		jhJsonOpen(j, '{');
		jhJsonFieldStr(j, "key", key);
		jhJsonKey(j, "then");
		jhJsonNull(j);
		jhJsonKey(j, "now");
		value(j, v);
		jhJsonClose(j, '}');
	}
}

static void schools_diff(jhJson *j, const json_t *then, const json_t *now)
{
	const json_t *a = json_object_get(then, "schools"), *b = json_object_get(now, "schools");

	jhJsonOpen(j, '[');
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *x = json_array_get(a, i), *y = find_by(b, "code", json_object_get(x, "code"));
		if (y && same(x, y))
			continue;
		jhJsonOpen(j, '{');
		jhJsonKey(j, "code");
		value(j, json_object_get(x, "code"));
		jhJsonKey(j, "name");
		value(j, json_object_get(y ? y : x, "name"));
		jhJsonFieldStr(j, "change", y ? "changed" : "removed");
		jhJsonKey(j, "fields");
		jhJsonOpen(j, '[');
		if (y) {
			object_changes(j, json_object_get(x, "fields"), json_object_get(y, "fields"), "");
			object_changes(j, json_object_get(x, "extras"), json_object_get(y, "extras"),
			               "extra.");
		}
		jhJsonClose(j, ']');
		jhJsonClose(j, '}');
	}
	for (size_t i = 0; i < json_array_size(b); i++) {
		json_t *y = json_array_get(b, i);
		if (find_by(a, "code", json_object_get(y, "code")))
			continue;
		jhJsonOpen(j, '{');
		jhJsonKey(j, "code");
		value(j, json_object_get(y, "code"));
		jhJsonKey(j, "name");
		value(j, json_object_get(y, "name"));
		jhJsonFieldStr(j, "change", "added");
		jhJsonKey(j, "fields");
		jhJsonOpen(j, '[');
		jhJsonClose(j, ']');
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
}

/* The named fields of entry e as an object; null without an entry. */
static void picked(jhJson *j, const json_t *e, const char *const *fields)
{
	if (!e) {
		jhJsonNull(j);
		return;
	}
	jhJsonOpen(j, '{');
	for (int f = 0; fields[f]; f++) {
		jhJsonKey(j, fields[f]);
		value(j, json_object_get(e, fields[f]));
	}
	jhJsonClose(j, '}');
}

/* Entries of two arrays matched by `key`, written when `field` (NULL:
 * the whole entry) differs: {key, extra labels…, then, now}. */
static void list_diff(jhJson *j, const json_t *a, const json_t *b, const char *key,
                      const char *const *labels, const char *const *fields)
{
	jhJsonOpen(j, '[');
	for (int pass = 0; pass < 2; pass++) {
		const json_t *xs = pass ? b : a, *ys = pass ? a : b;
		for (size_t i = 0; i < json_array_size(xs); i++) {
			json_t *x = json_array_get(xs, i), *y = find_by(ys, key, json_object_get(x, key));
			json_t *then = pass ? y : x, *now = pass ? x : y;
			int differs = 0;
			if (pass && y)
				continue;   /* matched ones were written in the first pass */
			if (!y)
				differs = 1;
			for (int f = 0; !differs && fields[f]; f++)
				differs = !same(json_object_get(x, fields[f]), json_object_get(y, fields[f]));
			if (!differs)
				continue;
			jhJsonOpen(j, '{');
			jhJsonKey(j, key);
			value(j, json_object_get(x, key));
			for (int l = 0; labels[l]; l++) {
				jhJsonKey(j, labels[l]);
				value(j, json_object_get(now ? now : then, labels[l]));
			}
			jhJsonKey(j, "then");
			picked(j, then, fields);
			jhJsonKey(j, "now");
			picked(j, now, fields);
			jhJsonClose(j, '}');
		}
	}
	jhJsonClose(j, ']');
}

/* Milestones have no id of their own: each target of each milestone is
 * one entry keyed "year measure", with the milestone's status and
 * whether the target held. */
static json_t *keyed_milestones(const json_t *arr)
{
	json_t *out = json_array();

	for (size_t i = 0; out && i < json_array_size(arr); i++) {
		json_t *m = json_array_get(arr, i), *ts = json_object_get(m, "targets");
		json_int_t y = json_integer_value(json_object_get(m, "year"));
		for (size_t k = 0; k < json_array_size(ts); k++) {
			json_t *t = json_array_get(ts, k);
			const char *ms = json_string_value(json_object_get(t, "measure"));
			char key[160];
			snprintf(key, sizeof key, "%lld %s", (long long)y, ms ? ms : "");
			json_array_append_new(out, json_pack("{s:s,s:I,s:s,s:O?,s:O?,s:O?}", "milestone", key,
			                                     "year", y, "measure", ms ? ms : "",
			                                     "status", json_object_get(m, "status"),
			                                     "holds", json_object_get(t, "holds"),
			                                     "value", json_object_get(t, "value")));
		}
	}
	return out;
}

jh_code jh_snapshot_diff(jh_store *s, const jh_user *who, long id,
                         const jh_standard *std, jh_buf *out, jh_diags *d)
{
	static const char *const none[] = {NULL};
	static const char *const rec_fields[] = {"value", "note", NULL};
	static const char *const verdict_labels[] = {"name_zh", "name_en", NULL};
	static const char *const verdict_fields[] = {"status", "value", NULL};
	static const char *const ledger_labels[] = {"key", "what_zh", "what_en", NULL};
	static const char *const ledger_fields[] = {"status", NULL};
	static const char *const ms_labels[] = {"year", "measure", NULL};
	static const char *const ms_fields[] = {"status", "holds", NULL};
	jh_snapshot_meta m;
	char *body = NULL;
	size_t len = 0;
	jh_buf cur = JH_BUF_INIT;
	json_t *then = NULL, *now = NULL, *mt = NULL, *mn = NULL;
	long rev = 0;
	jhJson j;
	jh_out *o;
	jh_code rc;

	if ((rc = open_snapshot(s, who, id, &m, &body, &len, d)))
		return rc;
	if ((rc = jhCycleSnapshotBuild(s, who, m.county, m.year, "current", NULL, std,
	                               &cur, &rev, d)))
		goto done;
	then = json_loadb(body, len, 0, NULL);
	now = json_loadb(cur.data, cur.len, 0, NULL);
	if (!then || !now) {
		jh_diags_add(d, JH_P_STORE, NULL, NULL, 0, 0, NULL, "snapshot", NULL);
		rc = then ? JH_ERR_NOMEM : JH_ERR_DB;
		goto done;
	}
	mt = keyed_milestones(json_object_get(then, "milestones"));
	mn = keyed_milestones(json_object_get(now, "milestones"));
	if (!(o = jhServiceJsonBegin(out, &j))) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	jhJsonOpen(&j, '{');
	jhJsonFieldInt(&j, "snapshot", m.id);
	jhJsonFieldStr(&j, "county", m.county);
	jhJsonFieldInt(&j, "year", m.year);
	jhJsonFieldStr(&j, "kind", m.kind);
	jhJsonFieldStr(&j, "at", m.at);
	jhJsonFieldInt(&j, "revision_then", m.revision);
	jhJsonFieldInt(&j, "revision_now", rev);
	jhJsonKey(&j, "standard_then");
	value(&j, json_object_get(then, "standard"));
	jhJsonKey(&j, "standard_now");
	value(&j, json_object_get(now, "standard"));
	jhJsonKey(&j, "schools");
	schools_diff(&j, then, now);
	jhJsonKey(&j, "county_records");
	list_diff(&j, json_object_get(then, "county_records"),
	          json_object_get(now, "county_records"), "item", none, rec_fields);
	jhJsonKey(&j, "verdict");
	jhJsonOpen(&j, '{');
	jhJsonKey(&j, "then");
	value(&j, json_object_get(json_object_get(then, "verdict"), "verdict"));
	jhJsonKey(&j, "now");
	value(&j, json_object_get(json_object_get(now, "verdict"), "verdict"));
	jhJsonKey(&j, "items");
	list_diff(&j, json_object_get(json_object_get(then, "verdict"), "items"),
	          json_object_get(json_object_get(now, "verdict"), "items"), "id",
	          verdict_labels, verdict_fields);
	jhJsonClose(&j, '}');
	jhJsonKey(&j, "ledger");
	list_diff(&j, json_object_get(then, "ledger"), json_object_get(now, "ledger"),
	          "id", ledger_labels, ledger_fields);
	jhJsonKey(&j, "milestones");
	list_diff(&j, mt, mn, "milestone", ms_labels, ms_fields);
	jhJsonClose(&j, '}');
	rc = jhServiceJsonEnd(o);
done:
	json_decref(then);
	json_decref(now);
	json_decref(mt);
	json_decref(mn);
	jh_buf_free(&cur);
	free(body);
	return rc;
}
