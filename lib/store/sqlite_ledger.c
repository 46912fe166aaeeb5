/*
** sqlite_ledger.c — the SQLite backend's rows of schema 7's ledgers:
** ledger_item, ledger_event, ledger_evidence (migration 7 in
** store_sqlite.c says what each holds).
**
** Only rows move here; the rules are lib/cycle's and the argument checks
** and times lib/store/ledger.c's.  Every statement is parameterised and
** prepared per call (ledgers are small and written by people, not by
** bulk loads).  An update is compare-and-set on `version`: the row is
** written only while its version is still the one the caller read, so of
** two concurrent sign-offs of one item exactly one changes a row and the
** other gets JH_ERR_CONFLICT.
*/
#include "store_int.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ITEM_COLS "id, county, school, year, source, key, kind, what_zh, what_en," \
	" figure, requirement, measure, unit, person, deadline, status, supervised," \
	" supervised_note, override_reason, coalesce(cycle_year, 0), created," \
	" created_by, changed, version"

static const char *status_key(jh_ledger_status st)
{
	static const char *const k[JH_LEDGER__COUNT] = {
		"open", "in_progress", "awaiting_signoff", "signed_off", "reopened",
	};
	return (int)st >= 0 && st < JH_LEDGER__COUNT ? k[st] : "open";
}

static jh_ledger_status status_parse(const char *s)
{
	for (int i = 0; i < JH_LEDGER__COUNT; i++)
		if (!strcmp(s, status_key((jh_ledger_status)i)))
			return (jh_ledger_status)i;
	return JH_LEDGER_OPEN;
}

#define COPY(dst, st, i) \
	snprintf((dst), sizeof(dst), "%s", \
	         sqlite3_column_text((st), (i)) ? (const char *)sqlite3_column_text((st), (i)) : "")

static void read_item(sqlite3_stmt *st, jh_ledger_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = (long)sqlite3_column_int64(st, 0);
	COPY(it->county, st, 1);
	COPY(it->school, st, 2);
	it->year = sqlite3_column_int(st, 3);
	COPY(it->source, st, 4);
	COPY(it->key, st, 5);
	COPY(it->kind, st, 6);
	COPY(it->what_zh, st, 7);
	COPY(it->what_en, st, 8);
	COPY(it->figure, st, 9);
	COPY(it->requirement, st, 10);
	COPY(it->measure, st, 11);
	COPY(it->unit, st, 12);
	COPY(it->person, st, 13);
	COPY(it->deadline.s, st, 14);
	it->status = status_parse((const char *)sqlite3_column_text(st, 15));
	it->supervised = sqlite3_column_int(st, 16);
	COPY(it->supervised_note, st, 17);
	COPY(it->override_reason, st, 18);
	it->cycle_year = sqlite3_column_int(st, 19);
	COPY(it->created, st, 20);
	COPY(it->created_by, st, 21);
	COPY(it->changed, st, 22);
	it->version = (long)sqlite3_column_int64(st, 23);
}

static jh_code prep(void *db, const char *sql, sqlite3_stmt **st, const char *what,
                    jh_diags *d)
{
	if (sqlite3_prepare_v2(jhSqliteHandle(db), sql, -1, st, NULL) != SQLITE_OK)
		return jhSqliteError(db, d, what);
	return JH_OK;
}

#define T(st, i, s) sqlite3_bind_text((st), (i), (s), -1, SQLITE_STATIC)

/* Room for one more element of `size` bytes in v (count n, capacity
 * *cap): v or its reallocation, or NULL when out of memory (v is then
 * still the caller's to free). */
static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
	void *nv;
	size_t nc;

	if (v && n < *cap)
		return v;
	nc = *cap ? 2 * *cap : 8;
	if (!(nv = realloc(v, nc * size)))
		return NULL;
	*cap = nc;
	return nv;
}

jh_code jhSqLedgerInsert(void *db, jh_ledger_item *it, jh_diags *d)
{
	sqlite3 *h = jhSqliteHandle(db);
	sqlite3_stmt *st;
	size_t kl = strlen(it->key);
	int r;
	jh_code rc;

	if ((rc = prep(db, "INSERT INTO ledger_item(county, school, year, source, key, kind,"
	               " what_zh, what_en, figure, requirement, measure, unit, person,"
	               " deadline, status, supervised, supervised_note, override_reason,"
	               " cycle_year, created, created_by, changed, version) VALUES (?1, ?2,"
	               " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
	               " ?18, nullif(?19, 0), ?20, ?21, ?20, 1)", &st, "insert ledger item", d)))
		return rc;
	T(st, 1, it->county);
	T(st, 2, it->school);
	sqlite3_bind_int(st, 3, it->year);
	T(st, 4, it->source);
	/* A key ending in '.' gets the id: written first as itself plus a
	 * unique placeholder, renamed once the id is known. */
	if (kl && it->key[kl - 1] == '.')
		sqlite3_bind_text(st, 5, sqlite3_mprintf("%s~%p", it->key, (void *)it), -1,
		                  sqlite3_free);
	else
		T(st, 5, it->key);
	T(st, 6, it->kind);
	T(st, 7, it->what_zh);
	T(st, 8, it->what_en);
	T(st, 9, it->figure);
	T(st, 10, it->requirement);
	T(st, 11, it->measure);
	T(st, 12, it->unit);
	T(st, 13, it->person);
	T(st, 14, it->deadline.s);
	T(st, 15, status_key(it->status));
	sqlite3_bind_int(st, 16, it->supervised ? 1 : 0);
	T(st, 17, it->supervised_note);
	T(st, 18, it->override_reason);
	sqlite3_bind_int(st, 19, it->cycle_year);
	T(st, 20, it->created);
	T(st, 21, it->created_by);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r == SQLITE_CONSTRAINT || (r & 0xff) == SQLITE_CONSTRAINT)
		return JH_ERR_CONFLICT;
	if (r != SQLITE_DONE)
		return jhSqliteError(db, d, "insert ledger item");
	it->id = (long)sqlite3_last_insert_rowid(h);
	it->version = 1;
	snprintf(it->changed, sizeof it->changed, "%s", it->created);
	if (kl && it->key[kl - 1] == '.') {
		char key[sizeof it->key];
		if (snprintf(key, sizeof key, "%s%ld", it->key, it->id) >= (int)sizeof key)
			return JH_ERR_ARG;
		if ((rc = prep(db, "UPDATE ledger_item SET key = ?1 WHERE id = ?2", &st,
		               "ledger item key", d)))
			return rc;
		T(st, 1, key);
		sqlite3_bind_int64(st, 2, it->id);
		r = sqlite3_step(st);
		sqlite3_finalize(st);
		if (r != SQLITE_DONE)
			return jhSqliteError(db, d, "ledger item key");
		memcpy(it->key, key, sizeof key);
	}
	return JH_OK;
}

jh_code jhSqLedgerUpdate(void *db, const jh_ledger_item *it, long expect, jh_diags *d)
{
	sqlite3_stmt *st;
	int r;
	jh_code rc;

	if ((rc = prep(db, "UPDATE ledger_item SET year = ?3, what_zh = ?4, what_en = ?5,"
	               " figure = ?6, requirement = ?7, measure = ?8, unit = ?9, person = ?10,"
	               " deadline = ?11, status = ?12, supervised = ?13, supervised_note = ?14,"
	               " override_reason = ?15, changed = ?16, version = ?2 + 1"
	               " WHERE id = ?1 AND version = ?2", &st, "update ledger item", d)))
		return rc;
	sqlite3_bind_int64(st, 1, it->id);
	sqlite3_bind_int64(st, 2, expect);
	sqlite3_bind_int(st, 3, it->year);
	T(st, 4, it->what_zh);
	T(st, 5, it->what_en);
	T(st, 6, it->figure);
	T(st, 7, it->requirement);
	T(st, 8, it->measure);
	T(st, 9, it->unit);
	T(st, 10, it->person);
	T(st, 11, it->deadline.s);
	T(st, 12, status_key(it->status));
	sqlite3_bind_int(st, 13, it->supervised ? 1 : 0);
	T(st, 14, it->supervised_note);
	T(st, 15, it->override_reason);
	T(st, 16, it->changed);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return jhSqliteError(db, d, "update ledger item");
	return sqlite3_changes(jhSqliteHandle(db)) == 1 ? JH_OK : JH_ERR_CONFLICT;
}

jh_code jhSqLedgerGet(void *db, long id, const char *county, const char *key,
                      jh_ledger_item *out, jh_diags *d)
{
	sqlite3_stmt *st;
	int r;
	jh_code rc;

	if ((rc = prep(db, key ? "SELECT " ITEM_COLS " FROM ledger_item WHERE county = ?2"
	               " AND key = ?3" : "SELECT " ITEM_COLS " FROM ledger_item WHERE id = ?1",
	               &st, "read ledger item", d)))
		return rc;
	if (key) {
		T(st, 2, county);
		T(st, 3, key);
	} else {
		sqlite3_bind_int64(st, 1, id);
	}
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		read_item(st, out);
	sqlite3_finalize(st);
	if (r == SQLITE_ROW)
		return JH_OK;
	return r == SQLITE_DONE ? JH_ERR_NOTFOUND : jhSqliteError(db, d, "read ledger item");
}

jh_code jhSqLedgerList(void *db, const jh_ledger_filter *f, jh_ledger_item **out,
                       size_t *n, jh_diags *d)
{
	sqlite3_stmt *st;
	jh_ledger_item *v = NULL;
	size_t cap = 0;
	int r;
	jh_code rc;

	*out = NULL;
	*n = 0;
	/* The area is a county, or a city or province above counties (area
	 * rows name their parent: two levels at most). */
	if ((rc = prep(db, "SELECT " ITEM_COLS " FROM ledger_item WHERE"
	               " (?1 = '' OR county = ?1 OR county IN (SELECT code FROM area WHERE"
	               " parent = ?1 OR parent IN (SELECT code FROM area WHERE parent = ?1)))"
	               " AND (?2 = '' OR school = ?2)"
	               " AND (?3 = '' OR status = ?3)"
	               " AND (?4 = '' OR (deadline <> '' AND deadline < ?4 AND status <> 'signed_off'))"
	               " AND (?5 < 0 OR supervised = ?5)"
	               " AND (?6 = 0 OR year = ?6)"
	               " ORDER BY county, school, id", &st, "list ledger items", d)))
		return rc;
	T(st, 1, f && f->area ? f->area : "");
	T(st, 2, f && f->school ? f->school : "");
	T(st, 3, f && f->status >= 0 ? status_key((jh_ledger_status)f->status) : "");
	T(st, 4, f && f->overdue_on ? f->overdue_on : "");
	sqlite3_bind_int(st, 5, f ? f->supervised : -1);
	sqlite3_bind_int(st, 6, f ? f->year : 0);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		jh_ledger_item *nv = grow(v, *n, &cap, sizeof *v);
		if (!nv) {
			sqlite3_finalize(st);
			free(v);
			*n = 0;
			return JH_ERR_NOMEM;
		}
		v = nv;
		read_item(st, &v[(*n)++]);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE) {
		free(v);
		*n = 0;
		return jhSqliteError(db, d, "list ledger items");
	}
	*out = v;
	return JH_OK;
}

jh_code jhSqLedgerEvent(void *db, long item, const char *at, const char *who,
                        const char *action, const char *from, const char *to,
                        const char *detail, jh_diags *d)
{
	sqlite3_stmt *st;
	int r;
	jh_code rc;

	if ((rc = prep(db, "INSERT INTO ledger_event(item, at, who, action, from_status,"
	               " to_status, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &st,
	               "insert ledger event", d)))
		return rc;
	sqlite3_bind_int64(st, 1, item);
	T(st, 2, at);
	T(st, 3, who);
	T(st, 4, action);
	T(st, 5, from ? from : "");
	T(st, 6, to ? to : "");
	T(st, 7, detail ? detail : "");
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? JH_OK : jhSqliteError(db, d, "insert ledger event");
}

jh_code jhSqLedgerEvents(void *db, long item, jh_ledger_event **out, size_t *n,
                         jh_diags *d)
{
	sqlite3_stmt *st;
	jh_ledger_event *v = NULL;
	size_t cap = 0;
	int r;
	jh_code rc = JH_OK;

	*out = NULL;
	*n = 0;
	if ((rc = prep(db, "SELECT id, item, at, who, action, from_status, to_status, detail"
	               " FROM ledger_event WHERE item = ?1 ORDER BY id", &st,
	               "read ledger events", d)))
		return rc;
	sqlite3_bind_int64(st, 1, item);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		jh_ledger_event *e, *nv = grow(v, *n, &cap, sizeof *v);
		if (!nv) {
			rc = JH_ERR_NOMEM;
			break;
		}
		v = nv;
		e = &v[*n];
		memset(e, 0, sizeof *e);
		e->id = (long)sqlite3_column_int64(st, 0);
		e->item = (long)sqlite3_column_int64(st, 1);
		COPY(e->at, st, 2);
		COPY(e->who, st, 3);
		COPY(e->action, st, 4);
		COPY(e->from_status, st, 5);
		COPY(e->to_status, st, 6);
		if (!(e->detail = strdup((const char *)sqlite3_column_text(st, 7)))) {
			rc = JH_ERR_NOMEM;
			break;
		}
		(*n)++;
	}
	sqlite3_finalize(st);
	if (!rc && r != SQLITE_DONE)
		rc = jhSqliteError(db, d, "read ledger events");
	if (rc) {
		/* (not jh_ledger_events_free: ledger.c uses the store, which
		 * reaches this file through the ops table) */
		for (size_t i = 0; i < *n; i++)
			free(v[i].detail);
		free(v);
		*n = 0;
		return rc;
	}
	*out = v;
	return JH_OK;
}

jh_code jhSqEvidenceAdd(void *db, jh_ledger_evidence *e, const void *body, jh_diags *d)
{
	sqlite3_stmt *st;
	int r;
	jh_code rc;

	if ((rc = prep(db, "INSERT INTO ledger_evidence(item, name, content_type, size, sha256,"
	               " at, who, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &st,
	               "insert evidence", d)))
		return rc;
	sqlite3_bind_int64(st, 1, e->item);
	T(st, 2, e->name);
	T(st, 3, e->content_type);
	sqlite3_bind_int64(st, 4, e->size);
	T(st, 5, e->sha256);
	T(st, 6, e->at);
	T(st, 7, e->who);
	sqlite3_bind_blob64(st, 8, e->size ? body : "", (sqlite3_uint64)e->size, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return jhSqliteError(db, d, "insert evidence");
	e->id = (long)sqlite3_last_insert_rowid(jhSqliteHandle(db));
	return JH_OK;
}

static void read_evidence(sqlite3_stmt *st, jh_ledger_evidence *e)
{
	memset(e, 0, sizeof *e);
	e->id = (long)sqlite3_column_int64(st, 0);
	e->item = (long)sqlite3_column_int64(st, 1);
	COPY(e->name, st, 2);
	COPY(e->content_type, st, 3);
	e->size = sqlite3_column_int64(st, 4);
	COPY(e->sha256, st, 5);
	COPY(e->at, st, 6);
	COPY(e->who, st, 7);
}

jh_code jhSqEvidenceList(void *db, long item, jh_ledger_evidence **out, size_t *n,
                         jh_diags *d)
{
	sqlite3_stmt *st;
	jh_ledger_evidence *v = NULL;
	size_t cap = 0;
	int r;
	jh_code rc;

	*out = NULL;
	*n = 0;
	if ((rc = prep(db, "SELECT id, item, name, content_type, size, sha256, at, who"
	               " FROM ledger_evidence WHERE item = ?1 ORDER BY id", &st,
	               "list evidence", d)))
		return rc;
	sqlite3_bind_int64(st, 1, item);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		jh_ledger_evidence *nv = grow(v, *n, &cap, sizeof *v);
		if (!nv) {
			sqlite3_finalize(st);
			free(v);
			*n = 0;
			return JH_ERR_NOMEM;
		}
		v = nv;
		read_evidence(st, &v[(*n)++]);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE) {
		free(v);
		*n = 0;
		return jhSqliteError(db, d, "list evidence");
	}
	*out = v;
	return JH_OK;
}

jh_code jhSqEvidenceGet(void *db, long item, long id, jh_ledger_evidence *meta,
                        void **body, size_t *size, jh_diags *d)
{
	sqlite3_stmt *st;
	int r;
	jh_code rc = JH_OK;

	*body = NULL;
	*size = 0;
	if ((rc = prep(db, "SELECT id, item, name, content_type, size, sha256, at, who, body"
	               " FROM ledger_evidence WHERE item = ?1 AND id = ?2", &st,
	               "read evidence", d)))
		return rc;
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_int64(st, 2, id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 8);
		read_evidence(st, meta);
		if (!(*body = malloc(n ? n : 1)))
			rc = JH_ERR_NOMEM;
		else if (n)
			memcpy(*body, sqlite3_column_blob(st, 8), n);
		*size = n;
	} else if (r == SQLITE_DONE) {
		rc = JH_ERR_NOTFOUND;
	} else {
		rc = jhSqliteError(db, d, "read evidence");
	}
	sqlite3_finalize(st);
	return rc;
}
