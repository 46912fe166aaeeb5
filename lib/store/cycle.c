/*
** cycle.c — the store's side of the yearly workflow (schema 7): a
** county-year's state row, its events, its frozen snapshots.
**
** A step is one transaction: the state moves by compare-and-set (the
** version and state the caller read), the snapshot is inserted, the
** event names it.  When the compare-and-set matches no row
** someone else took a step in between: the transaction is rolled back
** and the current version and state are named in the problem, so the
** caller can reload.
**
** Version of a missing row: jh_store_cycle_get answers version 1 for a
** county-year without a row (the row the first step makes), so a caller
** always sends the version it read and the first step's compare-and-set
** works the same as every other.
*/
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void jhStoreUtc(long long t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[64];

	gmtime_r(&tt, &tm);
	snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	memcpy(out, buf, 20);
	out[20] = 0;
}

static int county_ok(const char *c)
{
	return c && *c && strlen(c) < 8;
}

jh_code jh_store_cycle_get(jh_store *s, const char *county, int year,
                           jh_cycle_row *out, jh_diags *d)
{
	jh_code rc;

	if (!county_ok(county) || !out)
		return JH_ERR_ARG;
	rc = s->ops->cycle_get(s->db, county, year, out, d);
	if (rc == JH_ERR_NOTFOUND) {
		memset(out, 0, sizeof *out);
		snprintf(out->county, sizeof out->county, "%s", county);
		out->year = year;
		strcpy(out->state, "self_evaluation");
		out->version = 1;
		rc = JH_OK;
	}
	return rc;
}

jh_code jh_store_cycle_list(jh_store *s, int year, jh_cycle_row **out,
                            size_t *n, jh_diags *d)
{
	return s->ops->cycle_list(s->db, year, out, n, d);
}

jh_code jh_store_cycle_step(jh_store *s, const char *county, int year,
                            long version, const char *from_state,
                            const char *to_state, const char *decision,
                            jh_cycle_event *e, const char *kind, long revision,
                            const char *body, jh_cycle_row *out, jh_diags *d)
{
	jh_cycle_row row;
	jh_snapshot_meta m;
	int changed = 0;
	jh_code rc;

	if (!county_ok(county) || !from_state || !to_state || !e || !out)
		return JH_ERR_ARG;
	memset(&row, 0, sizeof row);
	snprintf(row.county, sizeof row.county, "%s", county);
	row.year = year;
	snprintf(row.state, sizeof row.state, "%s", to_state);
	snprintf(row.decision, sizeof row.decision, "%s", decision ? decision : "");
	jhStoreUtc(jh_store_now(s), row.changed);

	if ((rc = s->ops->begin(s->db, 0, d)))
		return rc;
	rc = s->ops->cycle_put(s->db, &row, version, from_state, &changed, d);
	if (!rc && !changed) {
		jh_cycle_row now;
		char v[24];
		if (!(rc = jh_store_cycle_get(s, county, year, &now, d))) {
			snprintf(v, sizeof v, "%ld", now.version);
			jh_diags_add(d, JH_P_CYCLE_VERSION, NULL, NULL, 0, 0, NULL, v,
			             now.state);
			rc = JH_ERR_CONFLICT;
		}
	}
	e->snapshot = 0;
	if (!rc && body) {
		memset(&m, 0, sizeof m);
		snprintf(m.county, sizeof m.county, "%s", county);
		m.year = year;
		memcpy(m.at, row.changed, sizeof m.at);
		snprintf(m.who, sizeof m.who, "%s", e->who);
		snprintf(m.kind, sizeof m.kind, "%s", kind ? kind : "");
		m.revision = revision;
		jh_sha256_hex(body, strlen(body), m.sha256);
		rc = s->ops->snapshot_add(s->db, &m, body, strlen(body), &e->snapshot, d);
	}
	if (!rc) {
		snprintf(e->county, sizeof e->county, "%s", county);
		e->year = year;
		memcpy(e->at, row.changed, sizeof e->at);
		snprintf(e->from_state, sizeof e->from_state, "%s", from_state);
		snprintf(e->to_state, sizeof e->to_state, "%s", to_state);
		rc = s->ops->cycle_event_add(s->db, e, &e->id, d);
	}
	if (!rc)
		rc = s->ops->commit(s->db, d);
	if (rc) {
		s->ops->rollback(s->db);
		return rc;
	}
	return jh_store_cycle_get(s, county, year, out, d);
}

jh_code jh_store_cycle_events(jh_store *s, const char *county, int year,
                              jh_cycle_event **out, size_t *n, jh_diags *d)
{
	if (!county_ok(county))
		return JH_ERR_ARG;
	return s->ops->cycle_events(s->db, county, year, out, n, d);
}

jh_code jh_store_snapshot_get(jh_store *s, long id, jh_snapshot_meta *meta,
                              char **body, size_t *len, jh_diags *d)
{
	jh_code rc = s->ops->snapshot_get(s->db, id, meta, body, len, d);

	if (rc == JH_ERR_NOTFOUND) {
		char t[24];
		snprintf(t, sizeof t, "%ld", id);
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, t, NULL);
	}
	return rc;
}

jh_code jh_store_snapshots(jh_store *s, const char *county, int year,
                           jh_snapshot_meta **out, size_t *n, jh_diags *d)
{
	if (!county_ok(county))
		return JH_ERR_ARG;
	return s->ops->snapshots(s->db, county, year, out, n, d);
}
