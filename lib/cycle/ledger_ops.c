/*
** ledger_ops.c — what people do to ledger items: generate them from a
** verdict, reopen them when a shortfall returns, edit them and move their
** status, sign them off (销号), attach evidence, and show one with its
** history.
**
** Every write is one store transaction holding the item's change and its
** event; an item's change is compare-and-set on its version
** (jh_store_ledger_update), so two people acting on one item at once
** cannot both succeed: the second gets JH_ERR_CONFLICT naming the current
** version.  The data check of a sign-off runs before the transaction (it
** evaluates a county-year); the compare-and-set then makes sure that the
** item it judged is the item it signs off.
*/
#include "cycle_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void version_problem(jh_store *s, long id, long given, jh_diags *d)
{
	jh_ledger_item now;
	jh_diags quiet = JH_DIAGS_INIT;
	char a[24], b[24];

	snprintf(a, sizeof a, "%ld", given);
	if (jh_store_ledger_get(s, id, &now, &quiet) == JH_OK)
		snprintf(b, sizeof b, "%ld", now.version);
	else
		snprintf(b, sizeof b, "-");
	jh_diags_free(&quiet);
	jh_diags_add(d, JH_P_LEDGER_VERSION, NULL, NULL, 0, 0, NULL, a, b);
}

/* Write the item (compare-and-set on expect) and its event, one
 * transaction; a lost race is JH_P_LEDGER_VERSION. */
static jh_code write_item(jh_store *s, jh_ledger_item *it, long expect, const char *who,
                          const char *action, const char *from, const char *to,
                          const char *detail, jh_diags *d)
{
	jh_code rc;

	if ((rc = jhStoreBegin(s, d)))
		return rc;
	rc = jh_store_ledger_update(s, it, expect, d);
	if (!rc)
		rc = jh_store_ledger_event(s, it->id, who, action, from, to, detail, d);
	if (!rc)
		return jhStoreCommit(s, d);
	jhStoreRollback(s);
	if (rc == JH_ERR_CONFLICT)
		version_problem(s, it->id, expect, d);
	return rc;
}

/* --- generation and reopening --------------------------------------- */

static void from_finding(jh_ledger_item *it, const jhLedgerFinding *x, int year)
{
	it->year = year;
	snprintf(it->figure, sizeof it->figure, "%s", x->figure);
	snprintf(it->requirement, sizeof it->requirement, "%s", x->requirement);
	snprintf(it->what_zh, sizeof it->what_zh, "%s", x->what_zh);
	snprintf(it->what_en, sizeof it->what_en, "%s", x->what_en);
}

static char *year_figure(int year, const char *figure)
{
	char y[16];
	const char *kv[] = {"year", y, "figure", figure, NULL, NULL};

	snprintf(y, sizeof y, "%d", year);
	return jhLedgerDetail(kv);
}

/* Inside the caller's transaction: the finding x of year against the
 * stored items: created, refreshed, reopened or unchanged. */
static jh_code apply_finding(jh_store *s, const char *who, const char *county, int year,
                             const jhLedgerFinding *x, jh_ledger_gen_stats *st, jh_diags *d)
{
	jh_ledger_item it;
	char *detail = year_figure(year, x->figure);
	jh_code rc;

	if (!detail)
		return JH_ERR_NOMEM;
	rc = jh_store_ledger_find(s, county, x->key, &it, d);
	if (rc == JH_ERR_NOTFOUND) {
		memset(&it, 0, sizeof it);
		snprintf(it.county, sizeof it.county, "%s", county);
		snprintf(it.school, sizeof it.school, "%s", x->school);
		snprintf(it.source, sizeof it.source, "generated");
		snprintf(it.key, sizeof it.key, "%s", x->key);
		snprintf(it.kind, sizeof it.kind, "%s", x->kind);
		snprintf(it.created_by, sizeof it.created_by, "%s", who);
		it.status = JH_LEDGER_OPEN;
		from_finding(&it, x, year);
		if (!(rc = jh_store_ledger_insert(s, &it, d)))
			rc = jh_store_ledger_event(s, it.id, who, "created", "", "open", detail, d);
		st->created += !rc;
	} else if (!rc && it.status == JH_LEDGER_SIGNED_OFF) {
		/* Back in a later year than the one it was signed off on. */
		if (year > it.year) {
			long v = it.version;
			it.status = JH_LEDGER_REOPENED;
			from_finding(&it, x, year);
			if (!(rc = jh_store_ledger_update(s, &it, v, d)))
				rc = jh_store_ledger_event(s, it.id, who, "reopened", "signed_off",
				                           "reopened", detail, d);
			st->reopened += !rc;
		} else {
			st->unchanged++;
		}
	} else if (!rc) {
		if (year >= it.year && (year != it.year || strcmp(it.figure, x->figure) ||
		                        strcmp(it.what_zh, x->what_zh))) {
			long v = it.version;
			from_finding(&it, x, year);
			if (!(rc = jh_store_ledger_update(s, &it, v, d)))
				rc = jh_store_ledger_event(s, it.id, who, "refreshed", "", "", detail, d);
			st->refreshed += !rc;
		} else {
			st->unchanged++;
		}
	}
	free(detail);
	return rc;
}

static jh_code no_data(const char *county, int year, jh_diags *d)
{
	char y[16];

	snprintf(y, sizeof y, "%d", year);
	jh_diags_add(d, JH_P_LEDGER_NO_DATA, NULL, NULL, 0, 0, NULL, county, y);
	return JH_ERR_NOTFOUND;
}

jh_code jh_ledger_generate(jh_store *s, const jh_user *who, const char *county, int year,
                          const jh_standard *std, jh_ledger_gen_stats *stats, jh_diags *d)
{
	jh_ledger_gen_stats st = {0};
	jh_areas *areas = NULL;
	const jh_area *ar;
	jhFindings f = {0};
	jh_code rc;

	if (!who || !county)
		return JH_ERR_ARG;
	if ((rc = jh_store_areas(s, &areas, d)))
		return rc;
	ar = jh_areas_find(areas, county);
	if (!ar || ar->level != JH_AREA_COUNTY) {
		jh_diags_add(d, JH_P_LEDGER_COUNTY, NULL, NULL, 0, 0, NULL, county, NULL);
		rc = JH_ERR_NOTFOUND;
	} else if ((rc = jh_access_area(areas, who, JH_OP_WRITE, county))) {
		jh_diags_add(d, JH_P_DENIED, NULL, NULL, 0, 0, NULL, county, NULL);
	}
	jh_areas_free(areas);
	if (rc)
		return rc;
	/* name_missing 0: no data is this file's problem, not the service's. */
	rc = jhLedgerFindings(s, county, year, std, NULL, &f, d);
	if (rc == JH_ERR_NOTFOUND)
		rc = no_data(county, year, d);
	if (rc)
		goto out;
	if ((rc = jhStoreBegin(s, d)))
		goto out;
	for (size_t i = 0; i < f.n && !rc; i++)
		rc = apply_finding(s, who->name, county, year, &f.v[i], &st, d);
	if (rc)
		jhStoreRollback(s);
	else
		rc = jhStoreCommit(s, d);
	if (!rc && stats)
		*stats = st;
out:
	jhFindingsFree(&f);
	return rc;
}

jh_code jh_ledger_generate_json(jh_store *s, const jh_user *who, const char *county,
                                int year, const jh_standard *std, const char *lang,
                                jh_buf *out, jh_diags *d)
{
	jh_ledger_gen_stats st;
	jh_ledger_filter f = JH_LEDGER_FILTER_INIT;
	jh_ledger_item *items = NULL;
	jh_day today = jh_day_today(s);
	size_t n = 0;
	jhJson j;
	jh_out *o;
	jh_code rc;

	if ((rc = jh_ledger_generate(s, who, county, year, std, &st, d)))
		return rc;
	f.area = county;
	if ((rc = jh_store_ledger_list(s, &f, &items, &n, d)))
		return rc;
	if (!(o = jhServiceJsonBegin(out, &j))) {
		free(items);
		return JH_ERR_NOMEM;
	}
	jhJsonOpen(&j, '{');
	jhJsonFieldStr(&j, "county", county);
	jhJsonFieldInt(&j, "year", year);
	jhJsonFieldInt(&j, "created", (long long)st.created);
	jhJsonFieldInt(&j, "refreshed", (long long)st.refreshed);
	jhJsonFieldInt(&j, "reopened", (long long)st.reopened);
	jhJsonFieldInt(&j, "unchanged", (long long)st.unchanged);
	jhJsonKey(&j, "items");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < n; i++)
		if (!strcmp(items[i].source, "generated"))
			jh_ledger_item_json(&j, &items[i], &today, lang);
	jhJsonClose(&j, ']');
	jhJsonClose(&j, '}');
	free(items);
	return jhServiceJsonEnd(o);
}

jh_code jh_ledger_refresh(jh_store *s, const char *who_name, const char *county, int year,
                          const jh_standard *std, size_t *reopened, jh_diags *d)
{
	jh_ledger_filter f = JH_LEDGER_FILTER_INIT;
	jh_ledger_item *items = NULL;
	jh_ledger_gen_stats st = {0};
	jhFindings fs = {0};
	size_t n = 0, due = 0;
	jh_code rc;

	if (reopened)
		*reopened = 0;
	if (!county || strlen(county) != 6)
		return JH_OK;
	f.area = county;
	f.status = JH_LEDGER_SIGNED_OFF;
	if ((rc = jh_store_ledger_list(s, &f, &items, &n, d)))
		return rc;
	for (size_t i = 0; i < n; i++)
		due += !strcmp(items[i].source, "generated") && items[i].year < year;
	if (!due)
		goto out;
	{
		jh_diags quiet = JH_DIAGS_INIT;
		rc = jhLedgerFindings(s, county, year, std, NULL, &fs, &quiet);
		jh_diags_free(&quiet);
		if (rc == JH_ERR_NOTFOUND) {
			rc = JH_OK;
			goto out;
		}
		if (rc)
			goto out;
	}
	if ((rc = jhStoreBegin(s, d)))
		goto out;
	for (size_t i = 0; i < n && !rc; i++) {
		const jhLedgerFinding *x;
		if (strcmp(items[i].source, "generated") || items[i].year >= year ||
		    !(x = jhFindingsGet(&fs, items[i].key)) || !x->shortfall)
			continue;
		rc = apply_finding(s, who_name ? who_name : "", county, year, x, &st, d);
	}
	if (rc)
		jhStoreRollback(s);
	else
		rc = jhStoreCommit(s, d);
	if (!rc && reopened)
		*reopened = st.reopened;
out:
	jhFindingsFree(&fs);
	free(items);
	return rc;
}

jh_code jh_ledger_refresh_import(jh_store *s, const char *who_name, const jh_import_set *is,
                                 const jh_standard *std, size_t *reopened, jh_diags *d)
{
	const jh_dataset *ds = jh_import_set_rows(is);
	const jh_county_items *ci = jh_import_set_items(is);
	struct cy { char county[8]; int year; } *seen = NULL;
	size_t nseen = 0, cap = 0, total = 0;
	size_t nrows = ds ? jh_dataset_count(ds) : 0, nitems = ci ? jh_county_items_count(ci) : 0;
	jh_code rc = JH_OK;

	for (size_t i = 0; i < nrows + nitems && !rc; i++) {
		const char *county;
		int year;
		size_t k;
		if (i < nrows) {
			county = jh_dataset_row(ds, i)->county_code;
			year = jh_dataset_row(ds, i)->year;
		} else {
			const jh_county_item *it = jh_county_items_at(ci, i - nrows);
			county = it->county_code;
			year = it->year;
		}
		/* Rows come grouped by county and year: the last one first (a
		 * nation's import is 200,000 rows). */
		if (nseen && seen[nseen - 1].year == year && !strcmp(seen[nseen - 1].county, county))
			continue;
		for (k = 0; k < nseen; k++)
			if (seen[k].year == year && !strcmp(seen[k].county, county))
				break;
		if (k < nseen)
			continue;
		if (nseen == cap) {
			size_t nc = cap ? 2 * cap : 16;
			struct cy *nv = realloc(seen, nc * sizeof *nv);
			if (!nv) {
				rc = JH_ERR_NOMEM;
				break;
			}
			seen = nv;
			cap = nc;
		}
		snprintf(seen[nseen].county, sizeof seen[nseen].county, "%s", county);
		seen[nseen++].year = year;
	}
	for (size_t k = 0; k < nseen && !rc; k++) {
		size_t n = 0;
		rc = jh_ledger_refresh(s, who_name, seen[k].county, seen[k].year, std, &n, d);
		total += n;
	}
	free(seen);
	if (reopened)
		*reopened = total;
	return rc;
}

/* --- sign-off ----------------------------------------------------------- */

static const char *bool_text(int b)
{
	return b ? "true" : "false";
}

jh_code jh_ledger_signoff(jh_store *s, const jh_user *who, long id, long version,
                          const char *override_reason, const jh_standard *std,
                          jh_ledger_check *check, jh_ledger_item *out, jh_diags *d)
{
	jh_ledger_item it;
	jh_ledger_check c;
	jh_areas *areas;
	jh_ledger_status from;
	char ids[24], yr[16], *detail = NULL;
	int owner_school;
	jh_code rc;

	memset(&c, 0, sizeof c);
	if (check)
		*check = c;
	if (!who)
		return JH_ERR_ARG;
	if ((rc = jhLedgerLoad(s, who, JH_OP_WRITE, id, &areas, &it, d)))
		return rc;
	jh_areas_free(areas);
	snprintf(ids, sizeof ids, "%ld", id);
	if (it.status == JH_LEDGER_SIGNED_OFF) {
		jh_diags_add(d, JH_P_LEDGER_SIGNED, NULL, NULL, 0, 0, NULL, ids, NULL);
		return JH_ERR_CONFLICT;
	}
	if (it.version != version) {
		version_problem(s, id, version, d);
		return JH_ERR_CONFLICT;
	}
	owner_school = jhLedgerOwnerIsSchool(&it);
	if (override_reason) {
		if (!jhLedgerCityOrAbove(who)) {
			jh_diags_add(d, JH_P_LEDGER_OVERRIDE_ROLE, NULL, NULL, 0, 0, NULL, NULL, NULL);
			return JH_ERR_DENIED;
		}
		if (jhLedgerText("override_reason", override_reason, JH_LEDGER_REASON_MAX,
		                 sizeof it.override_reason, 1, it.override_reason, d))
			return JH_ERR_INPUT;
	} else {
		/* A role above the owner: county and above for a school's item;
		 * city and above for the county's own and for findings. */
		int ok = owner_school ? who->role == JH_ROLE_COUNTY || jhLedgerCityOrAbove(who)
		                      : jhLedgerCityOrAbove(who);
		if (!ok) {
			jh_diags_add(d, JH_P_LEDGER_SIGNOFF_ROLE, NULL, NULL, 0, 0, NULL,
			             owner_school ? "school" : "county", NULL);
			return JH_ERR_DENIED;
		}
		if (it.status != JH_LEDGER_AWAITING_SIGNOFF) {
			jh_diags_add(d, JH_P_LEDGER_MOVE, NULL, NULL, 0, 0, NULL,
			             jh_ledger_status_key(it.status), "signed_off");
			return JH_ERR_CONFLICT;
		}
	}
	/* The data check (for the record when overridden). */
	rc = jhLedgerCheck(s, &it, std, &c, d);
	if (rc == JH_ERR_NOTFOUND && override_reason) {
		rc = JH_OK;
	} else if (rc == JH_ERR_NOTFOUND) {
		snprintf(yr, sizeof yr, "%d", it.year);
		jh_diags_add(d, JH_P_LEDGER_NO_DATA, NULL, NULL, 0, 0, NULL, it.county, yr);
		return JH_ERR_CONFLICT;
	}
	if (rc)
		return rc;
	if (check)
		*check = c;
	if (!override_reason && c.checked && !c.closed) {
		snprintf(yr, sizeof yr, "%d", c.year);
		jh_diags_add(d, JH_P_LEDGER_SHORTFALL, NULL, NULL, 0, 0, yr, c.figure,
		             c.requirement);
		return JH_ERR_CONFLICT;
	}
	from = it.status;
	it.status = JH_LEDGER_SIGNED_OFF;
	/* Signed off on the year judged: a shortfall in a later year's data
	 * reopens it (jh_ledger_refresh). */
	if (c.checked && c.year > it.year)
		it.year = c.year;
	if (c.checked && c.figure[0])
		snprintf(it.figure, sizeof it.figure, "%s", c.figure);
	snprintf(yr, sizeof yr, "%d", c.year);
	{
		const char *kv[] = {"checked", bool_text(c.checked), "closed", bool_text(c.closed),
		                    "year", c.checked ? yr : NULL, "figure", c.checked ? c.figure : NULL,
		                    "note_zh", c.note_zh[0] ? c.note_zh : NULL,
		                    "note_en", c.note_en[0] ? c.note_en : NULL,
		                    "override_reason", override_reason, NULL, NULL};
		if (!(detail = jhLedgerDetail(kv)))
			return JH_ERR_NOMEM;
	}
	rc = write_item(s, &it, version, who->name, "signed_off", jh_ledger_status_key(from),
	                "signed_off", detail, d);
	free(detail);
	if (!rc && out)
		*out = it;
	return rc;
}

/* --- editing and moving ---------------------------------------------- */

static int move_ok(jh_ledger_status from, jh_ledger_status to)
{
	return (from == JH_LEDGER_OPEN && to == JH_LEDGER_IN_PROGRESS) ||
	       (from == JH_LEDGER_IN_PROGRESS && to == JH_LEDGER_AWAITING_SIGNOFF) ||
	       (from == JH_LEDGER_AWAITING_SIGNOFF && to == JH_LEDGER_IN_PROGRESS) ||
	       (from == JH_LEDGER_REOPENED && to == JH_LEDGER_IN_PROGRESS);
}

jh_code jh_ledger_update(jh_store *s, const jh_user *who, long id, long version,
                         const jh_ledger_change *ch, jh_ledger_item *out, jh_diags *d)
{
	jh_ledger_item it, was;
	jh_areas *areas;
	jh_buf fields = JH_BUF_INIT;
	char *detail = NULL;
	const char *action = "updated", *from = "", *to = "";
	int bad = 0;
	jh_code rc;

	if (!who || !ch)
		return JH_ERR_ARG;
	if ((rc = jhLedgerLoad(s, who, JH_OP_WRITE, id, &areas, &it, d)))
		return rc;
	jh_areas_free(areas);
	was = it;
	if (it.version != version) {
		version_problem(s, id, version, d);
		return JH_ERR_CONFLICT;
	}
	if ((ch->supervised >= 0 || ch->supervised_note) && !jhLedgerCityOrAbove(who)) {
		jh_diags_add(d, JH_P_LEDGER_SUPERVISE_ROLE, NULL, NULL, 0, 0, NULL, NULL, NULL);
		return JH_ERR_DENIED;
	}
	if (ch->measure)
		bad |= jhLedgerText("measure", ch->measure, JH_LEDGER_MEASURE_MAX, sizeof it.measure,
		                    0, it.measure, d);
	if (ch->unit)
		bad |= jhLedgerText("unit", ch->unit, JH_LEDGER_UNIT_MAX, sizeof it.unit, 0, it.unit, d);
	if (ch->person)
		bad |= jhLedgerText("person", ch->person, JH_LEDGER_PERSON_MAX, sizeof it.person, 0,
		                    it.person, d);
	if (ch->supervised_note)
		bad |= jhLedgerText("supervised_note", ch->supervised_note, JH_LEDGER_NOTE_MAX,
		                    sizeof it.supervised_note, 0, it.supervised_note, d);
	if (ch->deadline)
		bad |= jhLedgerDeadline(ch->deadline, &it.deadline, d);
	if (bad)
		return JH_ERR_INPUT;
	if (ch->supervised >= 0)
		it.supervised = ch->supervised ? 1 : 0;
	if (ch->status >= 0 && (jh_ledger_status)ch->status != it.status) {
		if (!move_ok(it.status, (jh_ledger_status)ch->status)) {
			jh_diags_add(d, JH_P_LEDGER_MOVE, NULL, NULL, 0, 0, NULL,
			             jh_ledger_status_key(it.status),
			             jh_ledger_status_key((jh_ledger_status)ch->status));
			return it.status == JH_LEDGER_SIGNED_OFF ? JH_ERR_CONFLICT : JH_ERR_INPUT;
		}
		from = jh_ledger_status_key(it.status);
		to = jh_ledger_status_key((jh_ledger_status)ch->status);
		it.status = (jh_ledger_status)ch->status;
		action = "status";
	} else if (ch->supervised >= 0 && it.supervised != was.supervised) {
		action = "supervised";
	}
	/* The detail names what changed, with the new values. */
	{
		const char *kv[] = {
			"measure", strcmp(it.measure, was.measure) ? it.measure : NULL,
			"unit", strcmp(it.unit, was.unit) ? it.unit : NULL,
			"person", strcmp(it.person, was.person) ? it.person : NULL,
			"deadline", strcmp(it.deadline.s, was.deadline.s) ? it.deadline.s : NULL,
			"supervised", it.supervised != was.supervised ? bool_text(it.supervised) : NULL,
			"supervised_note", strcmp(it.supervised_note, was.supervised_note) ?
			                   it.supervised_note : NULL,
			NULL, NULL};
		if (!(detail = jhLedgerDetail(kv)))
			return JH_ERR_NOMEM;
	}
	if (!strcmp(detail, "{}") && !*from) {
		/* Nothing changed: the item as it is, no event. */
		free(detail);
		jh_buf_free(&fields);
		if (out)
			*out = it;
		return JH_OK;
	}
	rc = write_item(s, &it, version, who->name, action, from, to, detail, d);
	free(detail);
	jh_buf_free(&fields);
	if (!rc && out)
		*out = it;
	return rc;
}

/* --- evidence -------------------------------------------------------- */

jh_code jh_ledger_evidence_add(jh_store *s, const jh_user *who, long id, const char *name,
                               const char *content_type, const void *body, size_t size,
                               jh_ledger_evidence *out, jh_diags *d)
{
	jh_ledger_item it;
	jh_ledger_evidence e;
	jh_areas *areas;
	char *detail = NULL, sz[32], lim[32];
	jh_code rc;

	if (!who)
		return JH_ERR_ARG;
	if ((rc = jhLedgerLoad(s, who, JH_OP_WRITE, id, &areas, &it, d)))
		return rc;
	jh_areas_free(areas);
	if (size > JH_LEDGER_EVIDENCE_MAX) {
		snprintf(sz, sizeof sz, "%zu", size);
		snprintf(lim, sizeof lim, "%u", JH_LEDGER_EVIDENCE_MAX);
		jh_diags_add(d, JH_P_LEDGER_EVIDENCE_BIG, NULL, NULL, 0, 0, NULL, sz, lim);
		return JH_ERR_INPUT;
	}
	if (jhLedgerText("name", name, 200, sizeof e.name, 1, NULL, d))
		return JH_ERR_INPUT;
	if (!content_type || !*content_type || strlen(content_type) >= sizeof e.content_type)
		content_type = "application/octet-stream";
	if ((rc = jhStoreBegin(s, d)))
		return rc;
	rc = jh_store_ledger_evidence_add(s, id, name, content_type, body, size, who->name, &e, d);
	if (!rc) {
		const char *kv[] = {"evidence", NULL, "name", e.name, "sha256", e.sha256,
		                    "size", sz, NULL, NULL};
		char eid[24];
		snprintf(eid, sizeof eid, "%ld", e.id);
		snprintf(sz, sizeof sz, "%lld", e.size);
		kv[1] = eid;
		if (!(detail = jhLedgerDetail(kv)))
			rc = JH_ERR_NOMEM;
	}
	if (!rc)
		rc = jh_store_ledger_event(s, id, who->name, "evidence", "", "", detail, d);
	free(detail);
	if (rc) {
		jhStoreRollback(s);
		return rc;
	}
	if ((rc = jhStoreCommit(s, d)))
		return rc;
	if (out)
		*out = e;
	return JH_OK;
}

jh_code jh_ledger_evidence_get(jh_store *s, const jh_user *who, long id, long evidence,
                               jh_ledger_evidence *meta, void **body, size_t *size,
                               jh_diags *d)
{
	jh_ledger_item it;
	jh_areas *areas;
	jh_code rc;

	*body = NULL;
	*size = 0;
	if ((rc = jhLedgerLoad(s, who, JH_OP_READ, id, &areas, &it, d)))
		return rc;
	jh_areas_free(areas);
	rc = jh_store_ledger_evidence_get(s, id, evidence, meta, body, size, d);
	if (rc == JH_ERR_NOTFOUND) {
		char e[24];
		snprintf(e, sizeof e, "%ld", evidence);
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, e, NULL);
	}
	return rc;
}

/* --- one item with its history -------------------------------------- */

jh_code jh_ledger_show_json(jh_store *s, const jh_user *who, long id, const char *lang,
                            jh_buf *out, jh_diags *d)
{
	jh_ledger_item it;
	jh_ledger_event *ev = NULL;
	jh_ledger_evidence *evi = NULL;
	jh_day today = jh_day_today(s);
	size_t nev = 0, nevi = 0;
	jhJson j;
	jh_out *o;
	jh_code rc;

	if ((rc = jh_ledger_get(s, who, id, &it, d)))
		return rc;
	if ((rc = jh_store_ledger_events(s, id, &ev, &nev, d)) ||
	    (rc = jh_store_ledger_evidence_list(s, id, &evi, &nevi, d)))
		goto out;
	if (!(o = jhServiceJsonBegin(out, &j))) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	jhJsonOpen(&j, '{');
	jhJsonKey(&j, "item");
	jh_ledger_item_json(&j, &it, &today, lang);
	jhJsonKey(&j, "events");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < nev; i++) {
		jhJsonOpen(&j, '{');
		jhJsonFieldInt(&j, "id", ev[i].id);
		jhJsonFieldStr(&j, "at", ev[i].at);
		jhJsonFieldStr(&j, "who", ev[i].who);
		jhJsonFieldStr(&j, "action", ev[i].action);
		jhJsonFieldStr(&j, "from", ev[i].from_status);
		jhJsonFieldStr(&j, "to", ev[i].to_status);
		/* The detail is a JSON object the library wrote: as is. */
		jhJsonKey(&j, "detail");
		jhOutAdd(j.o, ev[i].detail[0] ? ev[i].detail : "{}",
		         ev[i].detail[0] ? strlen(ev[i].detail) : 2);
		j.after_key = 0;
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonKey(&j, "evidence");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < nevi; i++) {
		jhJsonOpen(&j, '{');
		jhJsonFieldInt(&j, "id", evi[i].id);
		jhJsonFieldStr(&j, "name", evi[i].name);
		jhJsonFieldStr(&j, "content_type", evi[i].content_type);
		jhJsonFieldInt(&j, "size", evi[i].size);
		jhJsonFieldStr(&j, "sha256", evi[i].sha256);
		jhJsonFieldStr(&j, "at", evi[i].at);
		jhJsonFieldStr(&j, "who", evi[i].who);
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonClose(&j, '}');
	rc = jhServiceJsonEnd(o);
out:
	jh_ledger_events_free(ev, nev);
	free(evi);
	return rc;
}
