/*
** sqlite_creation.c — the SQLite statements of creation plans (schema 7,
** table plan_doc; lib/store/creation.c is the generic side).
**
** A plan document is kept whole, as the JSON text lib/cycle/creation.c
** validated and wrote; every version is a row of its own (area, version)
** and the highest is the current one.  A new version is one INSERT with
** the number the writer expects (the current one + 1): two writers who
** read the same version cannot both write, the second hits the primary
** key and gets JH_ERR_CONFLICT (no problem recorded; the caller names the
** version now current).
**
** plandoc_forwarded reads the workflow's table (cycle) for the one fact a
** timeline needs from it: has the county been assessed and forwarded to
** the province (then its target year passing is no longer a delay).
*/
#include "store_int.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_col(sqlite3_stmt *st, int col, char *out, size_t cap)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	size_t n = t ? strlen(t) : 0;

	if (n >= cap)
		n = cap - 1;
	memcpy(out, t ? t : "", n);
	out[n] = '\0';
}

/* The backend frees what it made without the generic layer's
 * jh_plandoc_clear (creation.c uses this file through the ops table: the
 * other way round would be a cycle). */
static void drop(jh_plandoc *p, size_t n)
{
	for (size_t i = 0; p && i < n; i++) {
		free(p[i].why);
		free(p[i].body);
	}
}

static char *dup_col(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	return strdup(t ? t : "");
}

jh_code jhSqPlandocGet(void *db, const char *area, long version,
                       jh_plandoc *out, jh_diags *d)
{
	sqlite3 *h = jhSqliteHandle(db);
	sqlite3_stmt *st;
	jh_code rc = JH_OK;
	int r;

	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(h, version > 0 ?
	        "SELECT version, at, who, why, body FROM plan_doc"
	        " WHERE area = ?1 AND version = ?2" :
	        "SELECT version, at, who, why, body FROM plan_doc"
	        " WHERE area = ?1 ORDER BY version DESC LIMIT 1", -1, &st, NULL))
		return jhSqliteError(db, d, "plan_doc");
	sqlite3_bind_text(st, 1, area, -1, SQLITE_STATIC);
	if (version > 0)
		sqlite3_bind_int64(st, 2, version);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		snprintf(out->area, sizeof out->area, "%s", area);
		out->version = (long)sqlite3_column_int64(st, 0);
		copy_col(st, 1, out->at, sizeof out->at);
		copy_col(st, 2, out->who, sizeof out->who);
		out->why = dup_col(st, 3);
		out->body = dup_col(st, 4);
		if (!out->why || !out->body) {
			drop(out, 1);
			memset(out, 0, sizeof *out);
			rc = JH_ERR_NOMEM;
		}
	} else if (r == SQLITE_DONE) {
		rc = JH_ERR_NOTFOUND;
	} else {
		rc = jhSqliteError(db, d, "plan_doc");
	}
	sqlite3_finalize(st);
	return rc;
}

jh_code jhSqPlandocPut(void *db, const char *area, long version, long long at,
                       const char *who, const char *why, const char *body,
                       jh_diags *d)
{
	sqlite3 *h = jhSqliteHandle(db);
	sqlite3_stmt *st;
	jh_code rc = JH_OK;
	int r;

	if (sqlite3_prepare_v2(h, "INSERT INTO plan_doc(area, version, at, who, why, body)"
	                       " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', ?3, 'unixepoch'),"
	                       " ?4, ?5, ?6)", -1, &st, NULL))
		return jhSqliteError(db, d, "plan_doc");
	sqlite3_bind_text(st, 1, area, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, version);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_text(st, 4, who ? who : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, why ? why : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, body, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r == SQLITE_CONSTRAINT || (r & 0xff) == SQLITE_CONSTRAINT)
		rc = JH_ERR_CONFLICT;
	else if (r != SQLITE_DONE)
		rc = jhSqliteError(db, d, "plan_doc");
	sqlite3_finalize(st);
	return rc;
}

jh_code jhSqPlandocVersions(void *db, const char *area, jh_plandoc **out,
                            size_t *n, jh_diags *d)
{
	sqlite3 *h = jhSqliteHandle(db);
	sqlite3_stmt *st;
	size_t cap = 0;
	jh_code rc = JH_OK;
	int r;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(h, "SELECT version, at, who, why FROM plan_doc"
	                       " WHERE area = ?1 ORDER BY version", -1, &st, NULL))
		return jhSqliteError(db, d, "plan_doc");
	sqlite3_bind_text(st, 1, area, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		jh_plandoc *p;
		if (*n == cap) {
			size_t nc = cap ? 2 * cap : 8;
			jh_plandoc *g = realloc(*out, nc * sizeof *g);
			if (!g) {
				rc = JH_ERR_NOMEM;
				break;
			}
			*out = g;
			cap = nc;
		}
		p = &(*out)[*n];
		memset(p, 0, sizeof *p);
		snprintf(p->area, sizeof p->area, "%s", area);
		p->version = (long)sqlite3_column_int64(st, 0);
		copy_col(st, 1, p->at, sizeof p->at);
		copy_col(st, 2, p->who, sizeof p->who);
		p->why = dup_col(st, 3);
		(*n)++;
		if (!p->why) {
			rc = JH_ERR_NOMEM;
			break;
		}
	}
	if (!rc && r != SQLITE_DONE)
		rc = jhSqliteError(db, d, "plan_doc");
	sqlite3_finalize(st);
	if (rc) {
		drop(*out, *n);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

jh_code jhSqPlandocForwarded(void *db, const char *county, int *yes,
                             jh_diags *d)
{
	sqlite3 *h = jhSqliteHandle(db);
	sqlite3_stmt *st;
	int r;

	*yes = 0;
	if (sqlite3_prepare_v2(h, "SELECT 1 FROM cycle WHERE county = ?1"
	                       " AND state = 'assessed' AND decision = 'forwarded'"
	                       " LIMIT 1", -1, &st, NULL))
		return jhSqliteError(db, d, "cycle");
	sqlite3_bind_text(st, 1, county, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*yes = 1;
	sqlite3_finalize(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? JH_OK : jhSqliteError(db, d, "cycle");
}
