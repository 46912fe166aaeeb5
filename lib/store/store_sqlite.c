/*
** store_sqlite.c — the SQLite implementation of the store (the default).
**
** One database file, WAL journal, foreign keys enforced, every statement
** parameterised.  The schema is versioned in the file (meta.schema_version)
** and brought up to date by the numbered migrations below, each in its own
** transaction, whenever a database is opened.
**
** History is kept as versions: a school-year row is never updated in
** place; a change ends the current version (rev_to) and inserts a new one
** (rev_from), so the state after any revision is a plain query.  Field
** level changes are recorded in `change` for people to read.
*/
#include "store_int.h"

#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sq {
	sqlite3 *db;
	sqlite3_stmt *ins_row, *close_row, *ins_change, *put_school;
};

/* Migrations: index i brings the schema from version i to i + 1. */
static const char *const migrations[] = {
	/* 1: areas, schools, versioned school-years, revisions, changes. */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE revision("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"
	" who TEXT NOT NULL,"
	" why TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('import', 'edit', 'delete')));"
	"CREATE INDEX revision_at ON revision(at);"
	"CREATE TABLE revision_source("
	" revision INTEGER NOT NULL REFERENCES revision(id),"
	" file TEXT NOT NULL,"
	" sha256 TEXT NOT NULL CHECK (length(sha256) = 64));"
	"CREATE TABLE area("
	" code TEXT PRIMARY KEY CHECK (length(code) = 6),"
	" level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county')),"
	" name TEXT NOT NULL,"
	" parent TEXT REFERENCES area(code));"
	"CREATE TABLE school("
	" code TEXT PRIMARY KEY,"
	" county TEXT NOT NULL REFERENCES area(code),"
	" type TEXT NOT NULL);"
	"CREATE INDEX school_county ON school(county);"
	"CREATE TABLE school_year("
	" school TEXT NOT NULL REFERENCES school(code),"
	" year INTEGER NOT NULL,"
	" rev_from INTEGER NOT NULL REFERENCES revision(id),"
	" rev_to INTEGER REFERENCES revision(id),"
	" name TEXT NOT NULL,"
	" parent_code TEXT NOT NULL,"
	" location TEXT NOT NULL,"
	" boarding INTEGER,"
	" students_primary REAL, students_junior REAL, students_senior REAL,"
	" qualified_teachers_primary REAL, qualified_teachers_junior REAL,"
	" key_teachers_primary REAL, key_teachers_junior REAL,"
	" pe_art_teachers_primary REAL, pe_art_teachers_junior REAL,"
	" teachers_primary REAL, teachers_junior REAL,"
	" teaching_area_m2 REAL, sports_area_m2 REAL, equipment_value_yuan REAL,"
	" multimedia_rooms REAL, classes_primary REAL, classes_junior REAL,"
	" extras TEXT NOT NULL,"
	" source_file TEXT, source_line INTEGER,"
	" PRIMARY KEY (school, year, rev_from));"
	"CREATE UNIQUE INDEX school_year_current ON school_year(school, year)"
	" WHERE rev_to IS NULL;"
	"CREATE INDEX school_year_year ON school_year(year);"
	"CREATE TABLE change("
	" id INTEGER PRIMARY KEY,"
	" revision INTEGER NOT NULL REFERENCES revision(id),"
	" entity TEXT NOT NULL,"
	" code TEXT NOT NULL,"
	" county TEXT,"
	" year INTEGER,"
	" field TEXT NOT NULL,"
	" old TEXT,"
	" new TEXT);"
	"CREATE INDEX change_code ON change(code);"
	"INSERT INTO meta VALUES ('application', 'junheng');",
	/* 2: county-year records (government guarantee, quality, evidence). */
	"CREATE TABLE county_year("
	" county TEXT NOT NULL REFERENCES area(code),"
	" year INTEGER NOT NULL,"
	" item TEXT NOT NULL,"
	" rev_from INTEGER NOT NULL REFERENCES revision(id),"
	" rev_to INTEGER REFERENCES revision(id),"
	" value TEXT NOT NULL,"
	" note TEXT NOT NULL,"
	" source_file TEXT, source_line INTEGER,"
	" PRIMARY KEY (county, year, item, rev_from));"
	"CREATE UNIQUE INDEX county_year_current ON county_year(county, year, item)"
	" WHERE rev_to IS NULL;",
	/* 3: school columns for the government-guarantee and quality items. */
	"ALTER TABLE school_year ADD COLUMN largest_class_primary REAL;"
	"ALTER TABLE school_year ADD COLUMN largest_class_junior REAL;"
	"ALTER TABLE school_year ADD COLUMN music_rooms REAL;"
	"ALTER TABLE school_year ADD COLUMN music_room_min_area_m2 REAL;"
	"ALTER TABLE school_year ADD COLUMN art_rooms REAL;"
	"ALTER TABLE school_year ADD COLUMN art_room_min_area_m2 REAL;"
	"ALTER TABLE school_year ADD COLUMN certified_teachers REAL;"
	"ALTER TABLE school_year ADD COLUMN public_funds_yuan REAL;"
	"ALTER TABLE school_year ADD COLUMN training_funds_yuan REAL;",
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

static jh_code db_error(struct sq *q, jh_diags *d, const char *what)
{
	char msg[512];

	snprintf(msg, sizeof msg, "%s: %s", what, sqlite3_errmsg(q->db));
	jh_diags_add(d, JH_P_STORE, sqlite3_db_filename(q->db, "main"), NULL,
	             0, 0, NULL, msg, NULL);
	return JH_ERR_DB;
}

static jh_code exec(struct sq *q, const char *sql, jh_diags *d)
{
	if (sqlite3_exec(q->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(q, d, "exec");
	return JH_OK;
}

static int user_version(struct sq *q)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(q->db, "PRAGMA user_version", -1, &st, NULL))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void sq_close(void *db)
{
	struct sq *q = db;

	if (!q)
		return;
	sqlite3_finalize(q->ins_row);
	sqlite3_finalize(q->close_row);
	sqlite3_finalize(q->ins_change);
	sqlite3_finalize(q->put_school);
	sqlite3_close(q->db);
	free(q);
}

static int sq_schema_version(void *db)
{
	return user_version(db);
}

static jh_code sq_begin(void *db, jh_diags *d)
{
	return exec(db, "BEGIN IMMEDIATE", d);
}

static jh_code sq_commit(void *db, jh_diags *d)
{
	return exec(db, "COMMIT", d);
}

static void sq_rollback(void *db)
{
	struct sq *q = db;

	if (!sqlite3_get_autocommit(q->db))
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
}

static const char *level_key(jh_area_level l)
{
	return l == JH_AREA_PROVINCE ? "province" : l == JH_AREA_CITY ? "city" : "county";
}

static jh_code sq_load_areas(void *db, jh_areas *out, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	jh_code rc = JH_OK;
	int r;

	if (sqlite3_prepare_v2(q->db, "SELECT code, level, name, coalesce(parent, '')"
	                       " FROM area ORDER BY code", -1, &st, NULL))
		return db_error(q, d, "load areas");
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		jh_area a;
		const char *lv = (const char *)sqlite3_column_text(st, 1);
		memset(&a, 0, sizeof a);
		snprintf(a.code, sizeof a.code, "%s", sqlite3_column_text(st, 0));
		snprintf(a.parent, sizeof a.parent, "%s", sqlite3_column_text(st, 3));
		a.level = !strcmp(lv, "province") ? JH_AREA_PROVINCE :
		          !strcmp(lv, "city") ? JH_AREA_CITY : JH_AREA_COUNTY;
		a.name = (const char *)sqlite3_column_text(st, 2);
		if ((rc = jh_areas_put(out, &a)))
			break;
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, "load areas");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_put_area(void *db, const jh_area *a, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	jh_code rc = JH_OK;

	if (sqlite3_prepare_v2(q->db, "INSERT INTO area(code, level, name, parent)"
	                       " VALUES (?1, ?2, ?3, nullif(?4, ''))"
	                       " ON CONFLICT(code) DO UPDATE SET name = excluded.name",
	                       -1, &st, NULL))
		return db_error(q, d, "put area");
	sqlite3_bind_text(st, 1, a->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, level_key(a->level), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, a->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, a->parent, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(q, d, "put area");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_load_schools(void *db, jhSchoolFn fn, void *ctx, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(q->db, "SELECT code, county, type FROM school", -1,
	                       &st, NULL))
		return db_error(q, d, "load schools");
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int t = jh_school_type_parse((const char *)sqlite3_column_text(st, 2));
		if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
		       (const char *)sqlite3_column_text(st, 1), (jh_school_type)t)) {
			sqlite3_finalize(st);
			return JH_ERR_NOMEM;
		}
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? JH_OK : db_error(q, d, "load schools");
}

static jh_code sq_put_school(void *db, const char *code, const char *county,
                             jh_school_type type, jh_diags *d)
{
	struct sq *q = db;

	if (!q->put_school &&
	    sqlite3_prepare_v2(q->db, "INSERT OR IGNORE INTO school(code, county, type)"
	                       " VALUES (?1, ?2, ?3)", -1, &q->put_school, NULL))
		return db_error(q, d, "put school");
	sqlite3_reset(q->put_school);
	sqlite3_bind_text(q->put_school, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(q->put_school, 2, county, -1, SQLITE_STATIC);
	sqlite3_bind_text(q->put_school, 3, jh_school_type_key(type), -1, SQLITE_STATIC);
	if (sqlite3_step(q->put_school) != SQLITE_DONE)
		return db_error(q, d, "put school");
	return JH_OK;
}

/* Column list of school_year values, in insert/select order. */
static void value_columns(jh_buf *b)
{
	jh_buf_adds(b, "name, parent_code, location, boarding");
	for (int f = 0; f < JH_F__COUNT; f++)
		jh_buf_addf(b, ", %s", jh_field_key((jh_field)f));
	jh_buf_adds(b, ", extras, source_file, source_line");
}

/* One school_year row of a SELECT of "school, county, year, type, " and
 * value_columns() into out. */
static jh_code row_from_stmt(sqlite3_stmt *st, jh_dataset *out)
{
	jh_code rc = JH_OK;
	jh_school_year sy;
	int c = 4;
	const char *extras;

	memset(&sy, 0, sizeof sy);
	snprintf(sy.school_code, sizeof sy.school_code, "%s", sqlite3_column_text(st, 0));
	snprintf(sy.county_code, sizeof sy.county_code, "%s", sqlite3_column_text(st, 1));
	sy.year = sqlite3_column_int(st, 2);
	sy.type = (jh_school_type)jh_school_type_parse((const char *)sqlite3_column_text(st, 3));
	sy.school_name = (const char *)sqlite3_column_text(st, c++);
	snprintf(sy.parent_code, sizeof sy.parent_code, "%s", sqlite3_column_text(st, c++));
	{
		int l = jh_location_parse((const char *)sqlite3_column_text(st, c++));
		sy.location = l < 0 ? JH_LOC_UNKNOWN : (jh_location)l;
	}
	sy.boarding = sqlite3_column_type(st, c) == SQLITE_NULL ? -1 :
	              (signed char)sqlite3_column_int(st, c);
	c++;
	for (int fl = 0; fl < JH_F__COUNT; fl++, c++)
		sy.v[fl] = sqlite3_column_type(st, c) == SQLITE_NULL ? NAN :
		           sqlite3_column_double(st, c);
	extras = (const char *)sqlite3_column_text(st, c++);
	sy.file = (const char *)sqlite3_column_text(st, c++);
	sy.line = sqlite3_column_int(st, c++);
	if ((rc = jh_dataset_add(out, &sy)))
		return rc;
	/* Extras, in the order they were imported. */
	if (extras && strcmp(extras, "{}")) {
		json_t *o = json_loads(extras, 0, NULL);
		const char *k;
		json_t *v;
		jh_school_year *dst = &out->rows[out->nrows - 1];
		json_object_foreach(o, k, v) {
			if (json_is_string(v) &&
			    (rc = jh_dataset_add_extra(out, dst, k, json_string_value(v))))
				break;
		}
		json_decref(o);
	}
	return rc;
}

static jh_code sq_load_rows(void *db, const jh_filter *f, long as_of,
                            jh_dataset *out, jh_diags *d)
{
	struct sq *q = db;
	jh_buf sql = JH_BUF_INIT;
	sqlite3_stmt *st = NULL;
	jh_code rc = JH_OK;
	int r;

	jh_buf_adds(&sql, "SELECT y.school, s.county, y.year, s.type, ");
	value_columns(&sql);
	jh_buf_adds(&sql, " FROM school_year y JOIN school s ON s.code = y.school WHERE ");
	if (as_of > 0)
		jh_buf_adds(&sql, "y.rev_from <= ?1 AND (y.rev_to IS NULL OR y.rev_to > ?1)");
	else
		jh_buf_adds(&sql, "y.rev_to IS NULL AND ?1 = ?1");
	jh_buf_adds(&sql, " AND (?2 IS NULL OR s.county = ?2)"
	                  " AND (?3 = 0 OR y.year = ?3)"
	                  " AND (?4 IS NULL OR y.school = ?4)"
	                  " ORDER BY y.year, s.county, y.school");
	if (sql.oom)
		return JH_ERR_NOMEM;
	if (sqlite3_prepare_v2(q->db, sql.data, -1, &st, NULL)) {
		jh_buf_free(&sql);
		return db_error(q, d, "load rows");
	}
	jh_buf_free(&sql);
	sqlite3_bind_int64(st, 1, as_of);
	if (f && f->county_code && *f->county_code)
		sqlite3_bind_text(st, 2, f->county_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, f ? f->year : 0);
	if (f && f->school_code && *f->school_code)
		sqlite3_bind_text(st, 4, f->school_code, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = row_from_stmt(st, out)))
			break;
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, "load rows");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_new_revision(void *db, const jh_revision_info *info,
                               const char *at, long *rev, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(q->db, "INSERT INTO revision(at, who, why, kind)"
	                       " VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL))
		return db_error(q, d, "new revision");
	sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, info->who ? info->who : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, info->why ? info->why : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, info->kind ? info->kind : "import", -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return db_error(q, d, "new revision");
	}
	sqlite3_finalize(st);
	*rev = (long)sqlite3_last_insert_rowid(q->db);
	for (size_t i = 0; i < info->nsources; i++) {
		if (sqlite3_prepare_v2(q->db, "INSERT INTO revision_source VALUES (?1, ?2, ?3)",
		                       -1, &st, NULL))
			return db_error(q, d, "revision source");
		sqlite3_bind_int64(st, 1, *rev);
		sqlite3_bind_text(st, 2, info->source_names[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, info->source_sha256[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return db_error(q, d, "revision source");
		}
		sqlite3_finalize(st);
	}
	return JH_OK;
}

static jh_code sq_close_row(void *db, const char *code, int year, long rev,
                            jh_diags *d)
{
	struct sq *q = db;

	if (!q->close_row &&
	    sqlite3_prepare_v2(q->db, "UPDATE school_year SET rev_to = ?3"
	                       " WHERE school = ?1 AND year = ?2 AND rev_to IS NULL",
	                       -1, &q->close_row, NULL))
		return db_error(q, d, "close row");
	sqlite3_reset(q->close_row);
	sqlite3_bind_text(q->close_row, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int(q->close_row, 2, year);
	sqlite3_bind_int64(q->close_row, 3, rev);
	if (sqlite3_step(q->close_row) != SQLITE_DONE)
		return db_error(q, d, "close row");
	return JH_OK;
}

static jh_code sq_insert_row(void *db, const jh_dataset *ds,
                             const jh_school_year *sy, long rev, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	char *extras;
	int c = 1;

	if (!q->ins_row) {
		jh_buf sql = JH_BUF_INIT;
		jh_buf_adds(&sql, "INSERT INTO school_year(school, year, rev_from, ");
		value_columns(&sql);
		jh_buf_adds(&sql, ") VALUES (?");
		for (int i = 1; i < 3 + 4 + JH_F__COUNT + 3; i++)
			jh_buf_adds(&sql, ", ?");
		jh_buf_adds(&sql, ")");
		if (sql.oom)
			return JH_ERR_NOMEM;
		int r = sqlite3_prepare_v2(q->db, sql.data, -1, &q->ins_row, NULL);
		jh_buf_free(&sql);
		if (r)
			return db_error(q, d, "insert row");
	}
	st = q->ins_row;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	{
		json_t *o = json_object();
		for (size_t i = 0; i < sy->extra_count; i++) {
			const jh_extra *e = &ds->extras[sy->extra_first + i];
			json_object_set_new(o, ds->extra_names[e->name], json_string(e->value));
		}
		extras = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);
		json_decref(o);
		if (!extras)
			return JH_ERR_NOMEM;
	}
	sqlite3_bind_text(st, c++, sy->school_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, c++, sy->year);
	sqlite3_bind_int64(st, c++, rev);
	sqlite3_bind_text(st, c++, sy->school_name ? sy->school_name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, sy->parent_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, jh_location_key(sy->location), -1, SQLITE_STATIC);
	if (sy->boarding >= 0)
		sqlite3_bind_int(st, c, sy->boarding);
	c++;
	for (int f = 0; f < JH_F__COUNT; f++, c++)
		if (!isnan(sy->v[f]))
			sqlite3_bind_double(st, c, sy->v[f]);
	sqlite3_bind_text(st, c++, extras, -1, free);
	if (sy->file)
		sqlite3_bind_text(st, c, sy->file, -1, SQLITE_STATIC);
	c++;
	sqlite3_bind_int64(st, c++, sy->line);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_error(q, d, "insert row");
	return JH_OK;
}

static jh_code sq_insert_change(void *db, const jh_change *ch, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;

	if (!q->ins_change &&
	    sqlite3_prepare_v2(q->db, "INSERT INTO change(revision, entity, code, county,"
	                       " year, field, old, new) VALUES (?1, ?2, ?3, ?4, nullif(?5, 0),"
	                       " ?6, ?7, ?8)", -1, &q->ins_change, NULL))
		return db_error(q, d, "insert change");
	st = q->ins_change;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_int64(st, 1, ch->revision);
	sqlite3_bind_text(st, 2, ch->entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, ch->school_code, -1, SQLITE_STATIC);
	if (ch->county_code)
		sqlite3_bind_text(st, 4, ch->county_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, ch->year);
	sqlite3_bind_text(st, 6, ch->field, -1, SQLITE_STATIC);
	if (ch->old_value)
		sqlite3_bind_text(st, 7, ch->old_value, -1, SQLITE_STATIC);
	if (ch->new_value)
		sqlite3_bind_text(st, 8, ch->new_value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_error(q, d, "insert change");
	return JH_OK;
}

static jh_code sq_area_history(void *db, const char *county, jh_history *out,
                               jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	jh_code rc = JH_OK;
	int r;

	if (sqlite3_prepare_v2(q->db,
	        "SELECT revision, entity, code, county, field, old, new FROM change"
	        " WHERE entity = 'area' AND code = ?1 ORDER BY revision, id",
	        -1, &st, NULL))
		return db_error(q, d, "history");
	sqlite3_bind_text(st, 1, county, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		jh_change c;
		memset(&c, 0, sizeof c);
		c.revision = (long)sqlite3_column_int64(st, 0);
		c.entity = (const char *)sqlite3_column_text(st, 1);
		c.school_code = (const char *)sqlite3_column_text(st, 2);
		c.county_code = (const char *)sqlite3_column_text(st, 3);
		c.field = (const char *)sqlite3_column_text(st, 4);
		c.old_value = (const char *)sqlite3_column_text(st, 5);
		c.new_value = (const char *)sqlite3_column_text(st, 6);
		if ((rc = jhHistoryPush(out, &c)))
			break;
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, "history");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_load_versions(void *db, const char *school, const char *county,
                                jh_dataset *out, long **revs, jh_diags *d)
{
	struct sq *q = db;
	jh_buf sql = JH_BUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	jh_code rc = JH_OK;
	int r;

	*revs = NULL;
	jh_buf_adds(&sql, "SELECT y.school, s.county, y.year, s.type, ");
	value_columns(&sql);
	jh_buf_adds(&sql, ", y.rev_from, coalesce(y.rev_to, 0)"
	                  " FROM school_year y JOIN school s ON s.code = y.school"
	                  " WHERE (?1 IS NULL OR y.school = ?1) AND (?2 IS NULL OR s.county = ?2)"
	                  " ORDER BY y.school, y.year, y.rev_from");
	if (sql.oom)
		return JH_ERR_NOMEM;
	if (sqlite3_prepare_v2(q->db, sql.data, -1, &st, NULL)) {
		jh_buf_free(&sql);
		return db_error(q, d, "load versions");
	}
	jh_buf_free(&sql);
	if (school)
		sqlite3_bind_text(st, 1, school, -1, SQLITE_STATIC);
	if (county)
		sqlite3_bind_text(st, 2, county, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int c = 4 + 4 + JH_F__COUNT + 3;
		if ((rc = row_from_stmt(st, out)))
			break;
		if (out->nrows * 2 > cap) {
			size_t ncap = cap ? cap * 2 : 256;
			long *n = realloc(*revs, ncap * sizeof *n);
			if (!n) {
				rc = JH_ERR_NOMEM;
				break;
			}
			*revs = n;
			cap = ncap;
		}
		(*revs)[2 * (out->nrows - 1)] = (long)sqlite3_column_int64(st, c);
		(*revs)[2 * (out->nrows - 1) + 1] = (long)sqlite3_column_int64(st, c + 1);
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, "load versions");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_revision_meta(void *db, long rev, jh_history *h, jh_change *c,
                                jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	jh_code rc = JH_OK;

	if (sqlite3_prepare_v2(q->db,
	        "SELECT at, who, why, kind, (SELECT group_concat(file || ' ' || sha256, '; ')"
	        " FROM revision_source WHERE revision = r.id) FROM revision r WHERE id = ?1",
	        -1, &st, NULL))
		return db_error(q, d, "revision");
	sqlite3_bind_int64(st, 1, rev);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char **f[5] = {&c->at, &c->who, &c->why, &c->kind, &c->sources};
		for (int i = 0; i < 5; i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);
			*f[i] = v ? jhHistoryStr(h, v) : NULL;
			if (v && !*f[i])
				rc = JH_ERR_NOMEM;
		}
	} else {
		rc = db_error(q, d, "revision");
	}
	sqlite3_finalize(st);
	return rc;
}

static jh_code item_from_stmt(sqlite3_stmt *st, jh_county_items *out)
{
	jh_county_item it;

	memset(&it, 0, sizeof it);
	snprintf(it.county_code, sizeof it.county_code, "%s", sqlite3_column_text(st, 0));
	it.year = sqlite3_column_int(st, 1);
	it.item = (const char *)sqlite3_column_text(st, 2);
	it.value = (const char *)sqlite3_column_text(st, 3);
	it.note = (const char *)sqlite3_column_text(st, 4);
	it.file = (const char *)sqlite3_column_text(st, 5);
	it.line = sqlite3_column_int(st, 6);
	return jh_county_items_put(out, &it);
}

static jh_code sq_load_items(void *db, const jh_filter *f, long as_of,
                             jh_county_items *out, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	jh_code rc = JH_OK;
	int r;

	if (sqlite3_prepare_v2(q->db,
	        "SELECT county, year, item, value, note, source_file, source_line"
	        " FROM county_year WHERE (CASE WHEN ?1 > 0 THEN rev_from <= ?1 AND"
	        " (rev_to IS NULL OR rev_to > ?1) ELSE rev_to IS NULL END)"
	        " AND (?2 IS NULL OR county = ?2) AND (?3 = 0 OR year = ?3)"
	        " ORDER BY county, year, item", -1, &st, NULL))
		return db_error(q, d, "load county items");
	sqlite3_bind_int64(st, 1, as_of);
	if (f && f->county_code && *f->county_code)
		sqlite3_bind_text(st, 2, f->county_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, f ? f->year : 0);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = item_from_stmt(st, out)))
			break;
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, "load county items");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_close_item(void *db, const jh_county_item *it, long rev,
                             jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	jh_code rc = JH_OK;

	if (sqlite3_prepare_v2(q->db, "UPDATE county_year SET rev_to = ?4 WHERE county = ?1"
	                       " AND year = ?2 AND item = ?3 AND rev_to IS NULL", -1, &st, NULL))
		return db_error(q, d, "close county item");
	sqlite3_bind_text(st, 1, it->county_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, it->year);
	sqlite3_bind_text(st, 3, it->item, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, rev);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(q, d, "close county item");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_insert_item(void *db, const jh_county_item *it, long rev,
                              jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	jh_code rc = JH_OK;

	if (sqlite3_prepare_v2(q->db, "INSERT INTO county_year(county, year, item, rev_from,"
	                       " value, note, source_file, source_line)"
	                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &st, NULL))
		return db_error(q, d, "insert county item");
	sqlite3_bind_text(st, 1, it->county_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, it->year);
	sqlite3_bind_text(st, 3, it->item, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, rev);
	sqlite3_bind_text(st, 5, it->value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, it->note ? it->note : "", -1, SQLITE_STATIC);
	if (it->file)
		sqlite3_bind_text(st, 7, it->file, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, it->line);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(q, d, "insert county item");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_load_item_versions(void *db, const char *county,
                                     jh_county_items *out, long **revs,
                                     jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	size_t cap = 0;
	jh_code rc = JH_OK;
	int r;

	*revs = NULL;
	if (sqlite3_prepare_v2(q->db,
	        "SELECT county, year, item, value, note, source_file, source_line,"
	        " rev_from, coalesce(rev_to, 0) FROM county_year WHERE county = ?1"
	        " ORDER BY year, item, rev_from", -1, &st, NULL))
		return db_error(q, d, "load county item versions");
	sqlite3_bind_text(st, 1, county, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = item_from_stmt(st, out)))
			break;
		if (out->count * 2 > cap) {
			size_t ncap = cap ? cap * 2 : 64;
			long *n = realloc(*revs, ncap * sizeof *n);
			if (!n) {
				rc = JH_ERR_NOMEM;
				break;
			}
			*revs = n;
			cap = ncap;
		}
		(*revs)[2 * (out->count - 1)] = (long)sqlite3_column_int64(st, 7);
		(*revs)[2 * (out->count - 1) + 1] = (long)sqlite3_column_int64(st, 8);
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, "load county item versions");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_revision_at(void *db, const char *iso, long *rev, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(q->db, "SELECT coalesce(max(id), 0) FROM revision"
	                       " WHERE at <= ?1", -1, &st, NULL))
		return db_error(q, d, "revision at");
	sqlite3_bind_text(st, 1, iso, -1, SQLITE_STATIC);
	*rev = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return JH_OK;
}

static jh_code sq_last_revision(void *db, long *rev, jh_diags *d)
{
	return sq_revision_at(db, "9999", rev, d);
}

static const struct jhStoreOps sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.schema_version = sq_schema_version,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.load_areas = sq_load_areas,
	.put_area = sq_put_area,
	.load_schools = sq_load_schools,
	.put_school = sq_put_school,
	.load_rows = sq_load_rows,
	.new_revision = sq_new_revision,
	.close_row = sq_close_row,
	.insert_row = sq_insert_row,
	.insert_change = sq_insert_change,
	.area_history = sq_area_history,
	.load_versions = sq_load_versions,
	.revision_meta = sq_revision_meta,
	.load_items = sq_load_items,
	.close_item = sq_close_item,
	.insert_item = sq_insert_item,
	.load_item_versions = sq_load_item_versions,
	.revision_at = sq_revision_at,
	.last_revision = sq_last_revision,
};

static jh_code migrate(struct sq *q, jh_diags *d)
{
	int v = user_version(q);

	if (v < 0)
		return db_error(q, d, "schema version");
	if (v > SCHEMA_VERSION) {
		jh_diags_add(d, JH_P_STORE, sqlite3_db_filename(q->db, "main"), NULL, 0, 0,
		             NULL, "the database was written by a newer junheng", NULL);
		return JH_ERR_DB;
	}
	for (; v < SCHEMA_VERSION; v++) {
		char pragma[64];
		jh_code rc;

		if ((rc = exec(q, "BEGIN IMMEDIATE", d)))
			return rc;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(q, migrations[v], d)) || (rc = exec(q, pragma, d))) {
			sq_rollback(q);
			return rc;
		}
		if ((rc = exec(q, "COMMIT", d)))
			return rc;
	}
	return JH_OK;
}

jh_code jhSqliteOpen(const char *path, int create, struct jh_store *s,
                       jh_diags *d)
{
	struct sq *q = calloc(1, sizeof *q);
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	jh_code rc;

	if (!q)
		return JH_ERR_NOMEM;
	if (sqlite3_open_v2(path, &q->db, flags, NULL) != SQLITE_OK) {
		jh_diags_add(d, JH_P_STORE, path, NULL, 0, 0, NULL,
		             q->db ? sqlite3_errmsg(q->db) : "cannot open", NULL);
		sq_close(q);
		return JH_ERR_DB;
	}
	sqlite3_busy_timeout(q->db, 5000);
	sqlite3_extended_result_codes(q->db, 1);
	/* A file that is not a database fails here, before anything is
	 * written to it. */
	if ((rc = exec(q, "PRAGMA foreign_keys = ON", d)) ||
	    (rc = exec(q, "SELECT count(*) FROM sqlite_master", d))) {
		sq_close(q);
		return rc;
	}
	if (!create) {
		sqlite3_stmt *st;
		int ok = 0;
		if (sqlite3_prepare_v2(q->db, "SELECT value FROM meta WHERE key = 'application'",
		                       -1, &st, NULL) == SQLITE_OK) {
			ok = sqlite3_step(st) == SQLITE_ROW &&
			     !strcmp((const char *)sqlite3_column_text(st, 0), "junheng");
			sqlite3_finalize(st);
		}
		if (!ok) {
			jh_diags_add(d, JH_P_STORE, path, NULL, 0, 0, NULL,
			             "not a junheng database (run `junheng init` first)", NULL);
			sq_close(q);
			return JH_ERR_DB;
		}
	}
	/* WAL: readers never block the writer, and a killed writer leaves the
	 * database as it was at the last commit.  NORMAL sync is safe in WAL
	 * mode against application crashes. */
	if ((rc = exec(q, "PRAGMA journal_mode = WAL", d)) ||
	    (rc = exec(q, "PRAGMA synchronous = NORMAL", d)) ||
	    (rc = exec(q, "PRAGMA cache_size = -65536", d)) ||
	    (rc = migrate(q, d))) {
		sq_close(q);
		return rc;
	}
	s->ops = &sqlite_ops;
	s->db = q;
	return JH_OK;
}
