/*
** sqlite_cycle.c — the SQLite statements of the yearly workflow (schema
** 7's tables cycle, cycle_event and snapshot): ops of the SQLite backend
** (struct jhStoreOps, store_int.h), reached through jhSqliteHandle.
**
** Nothing here decides: the generic layer (cycle.c) opens the
** transaction, and the compare-and-set of a step is one UPDATE whose
** WHERE names the version and state the caller read — 0 rows changed is
** the conflict, which cycle.c reports.  A snapshot is inserted once;
** the schema's triggers refuse UPDATE and DELETE on it, so no statement
** here could change one even by mistake.
**
** Rows are read into fixed-size structs; a stored text longer than its
** field (none is, every writer checks the limits) is cut at the field's
** size by snprintf, never overrun.
*/
#include "store_int.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

#define COPY(dst, st, i) snprintf((dst), sizeof (dst), "%s", col((st), (i)))

static jh_code prepare(void *db, const char *sql, sqlite3_stmt **st, jh_diags *d)
{
	if (sqlite3_prepare_v2(jhSqliteHandle(db), sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return jhSqliteError(db, d, "prepare");
	}
	return JH_OK;
}

static void read_row(sqlite3_stmt *st, jh_cycle_row *r)
{
	memset(r, 0, sizeof *r);
	COPY(r->county, st, 0);
	r->year = sqlite3_column_int(st, 1);
	COPY(r->state, st, 2);
	COPY(r->decision, st, 3);
	COPY(r->changed, st, 4);
	r->version = (long)sqlite3_column_int64(st, 5);
}

#define ROW_COLS "county, year, state, decision, changed, version"

jh_code jhSqCycleGet(void *db, const char *county, int year, jh_cycle_row *out,
                     jh_diags *d)
{
	sqlite3_stmt *st;
	jh_code rc;
	int r;

	if ((rc = prepare(db, "SELECT " ROW_COLS " FROM cycle WHERE county = ?"
	                  " AND year = ?", &st, d)))
		return rc;
	sqlite3_bind_text(st, 1, county, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		read_row(st, out);
	else if (r == SQLITE_DONE)
		rc = JH_ERR_NOTFOUND;
	else
		rc = jhSqliteError(db, d, "cycle");
	sqlite3_finalize(st);
	return rc;
}

jh_code jhSqCycleList(void *db, int year, jh_cycle_row **out, size_t *n,
                      jh_diags *d)
{
	sqlite3_stmt *st;
	jh_code rc;
	size_t cap = 0;
	int r;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(db, "SELECT " ROW_COLS " FROM cycle WHERE ? = 0 OR year = ?"
	                  " ORDER BY county, year", &st, d)))
		return rc;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int(st, 2, year);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			jh_cycle_row *p = realloc(*out, nc * sizeof *p);
			if (!p) {
				rc = JH_ERR_NOMEM;
				break;
			}
			*out = p;
			cap = nc;
		}
		read_row(st, &(*out)[(*n)++]);
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = jhSqliteError(db, d, "cycle");
	sqlite3_finalize(st);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

jh_code jhSqCyclePut(void *db, const jh_cycle_row *row, long version,
                     const char *from_state, int *changed, jh_diags *d)
{
	sqlite3_stmt *st;
	jh_code rc;

	*changed = 0;
	/* A county-year's row is made on its first step, at version 1 in
	 * self_evaluation (what a missing row is read as). */
	if ((rc = prepare(db, "INSERT OR IGNORE INTO cycle(county, year, state,"
	                  " changed, version) VALUES (?, ?, 'self_evaluation', ?, 1)",
	                  &st, d)))
		return rc;
	sqlite3_bind_text(st, 1, row->county, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, row->year);
	sqlite3_bind_text(st, 3, row->changed, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = jhSqliteError(db, d, "cycle");
	sqlite3_finalize(st);
	if (rc)
		return rc;
	if ((rc = prepare(db, "UPDATE cycle SET state = ?, decision = ?, changed = ?,"
	                  " version = version + 1 WHERE county = ? AND year = ?"
	                  " AND version = ? AND state = ?", &st, d)))
		return rc;
	sqlite3_bind_text(st, 1, row->state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, row->decision, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row->changed, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, row->county, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, row->year);
	sqlite3_bind_int64(st, 6, version);
	sqlite3_bind_text(st, 7, from_state, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = jhSqliteError(db, d, "cycle");
	else
		*changed = sqlite3_changes(jhSqliteHandle(db)) > 0;
	sqlite3_finalize(st);
	return rc;
}

jh_code jhSqCycleEventAdd(void *db, const jh_cycle_event *e, long *id,
                          jh_diags *d)
{
	sqlite3_stmt *st;
	jh_code rc;

	if ((rc = prepare(db, "INSERT INTO cycle_event(county, year, at, who, role,"
	                  " action, from_state, to_state, late, note, snapshot)"
	                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, d)))
		return rc;
	sqlite3_bind_text(st, 1, e->county, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, e->year);
	sqlite3_bind_text(st, 3, e->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, e->who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, e->role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, e->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e->from_state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, e->to_state, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 9, e->late != 0);
	sqlite3_bind_text(st, 10, e->note, -1, SQLITE_STATIC);
	if (e->snapshot)
		sqlite3_bind_int64(st, 11, e->snapshot);
	else
		sqlite3_bind_null(st, 11);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = jhSqliteError(db, d, "cycle_event");
	else
		*id = (long)sqlite3_last_insert_rowid(jhSqliteHandle(db));
	sqlite3_finalize(st);
	return rc;
}

jh_code jhSqCycleEvents(void *db, const char *county, int year,
                        jh_cycle_event **out, size_t *n, jh_diags *d)
{
	sqlite3_stmt *st;
	jh_code rc;
	size_t cap = 0;
	int r;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(db, "SELECT id, county, year, at, who, role, action,"
	                  " from_state, to_state, late, note, snapshot FROM cycle_event"
	                  " WHERE county = ? AND year = ? ORDER BY id", &st, d)))
		return rc;
	sqlite3_bind_text(st, 1, county, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		jh_cycle_event *e;
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 8;
			jh_cycle_event *p = realloc(*out, nc * sizeof *p);
			if (!p) {
				rc = JH_ERR_NOMEM;
				break;
			}
			*out = p;
			cap = nc;
		}
		e = &(*out)[(*n)++];
		memset(e, 0, sizeof *e);
		e->id = (long)sqlite3_column_int64(st, 0);
		COPY(e->county, st, 1);
		e->year = sqlite3_column_int(st, 2);
		COPY(e->at, st, 3);
		COPY(e->who, st, 4);
		COPY(e->role, st, 5);
		COPY(e->action, st, 6);
		COPY(e->from_state, st, 7);
		COPY(e->to_state, st, 8);
		e->late = sqlite3_column_int(st, 9);
		COPY(e->note, st, 10);
		e->snapshot = (long)sqlite3_column_int64(st, 11);
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = jhSqliteError(db, d, "cycle_event");
	sqlite3_finalize(st);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

jh_code jhSqSnapshotAdd(void *db, const jh_snapshot_meta *m, const char *body,
                        size_t len, long *id, jh_diags *d)
{
	sqlite3_stmt *st;
	jh_code rc;

	if ((rc = prepare(db, "INSERT INTO snapshot(county, year, at, who, kind,"
	                  " revision, sha256, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	                  &st, d)))
		return rc;
	sqlite3_bind_text(st, 1, m->county, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, m->year);
	sqlite3_bind_text(st, 3, m->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, m->who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, m->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, m->revision);
	sqlite3_bind_text(st, 7, m->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, body, (int)len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = jhSqliteError(db, d, "snapshot");
	else
		*id = (long)sqlite3_last_insert_rowid(jhSqliteHandle(db));
	sqlite3_finalize(st);
	return rc;
}

static void read_meta(sqlite3_stmt *st, jh_snapshot_meta *m)
{
	memset(m, 0, sizeof *m);
	m->id = (long)sqlite3_column_int64(st, 0);
	COPY(m->county, st, 1);
	m->year = sqlite3_column_int(st, 2);
	COPY(m->at, st, 3);
	COPY(m->who, st, 4);
	COPY(m->kind, st, 5);
	m->revision = (long)sqlite3_column_int64(st, 6);
	COPY(m->sha256, st, 7);
}

#define META_COLS "id, county, year, at, who, kind, revision, sha256"

jh_code jhSqSnapshotGet(void *db, long id, jh_snapshot_meta *m, char **body,
                        size_t *len, jh_diags *d)
{
	sqlite3_stmt *st;
	jh_code rc;
	int r;

	if (body)
		*body = NULL;
	if (len)
		*len = 0;
	if ((rc = prepare(db, "SELECT " META_COLS ", body FROM snapshot WHERE id = ?",
	                  &st, d)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		read_meta(st, m);
		if (body) {
			const void *p = sqlite3_column_text(st, 8);
			size_t n = (size_t)sqlite3_column_bytes(st, 8);
			if (!(*body = malloc(n + 1)))
				rc = JH_ERR_NOMEM;
			else {
				if (n)
					memcpy(*body, p, n);
				(*body)[n] = 0;
				if (len)
					*len = n;
			}
		}
	} else if (r == SQLITE_DONE)
		rc = JH_ERR_NOTFOUND;
	else
		rc = jhSqliteError(db, d, "snapshot");
	sqlite3_finalize(st);
	return rc;
}

jh_code jhSqSnapshots(void *db, const char *county, int year,
                      jh_snapshot_meta **out, size_t *n, jh_diags *d)
{
	sqlite3_stmt *st;
	jh_code rc;
	size_t cap = 0;
	int r;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(db, "SELECT " META_COLS " FROM snapshot WHERE county = ?"
	                  " AND (? = 0 OR year = ?) ORDER BY id", &st, d)))
		return rc;
	sqlite3_bind_text(st, 1, county, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int(st, 3, year);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 8;
			jh_snapshot_meta *p = realloc(*out, nc * sizeof *p);
			if (!p) {
				rc = JH_ERR_NOMEM;
				break;
			}
			*out = p;
			cap = nc;
		}
		read_meta(st, &(*out)[(*n)++]);
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = jhSqliteError(db, d, "snapshot");
	sqlite3_finalize(st);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
