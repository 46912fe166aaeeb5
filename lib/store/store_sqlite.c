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
** (rev_from), so the state after any revision is a plain query.  Area
** renames are recorded in `change` for people to read.
**
** Speed (an import of a nation is 200,000 rows in one transaction): the
** statements that write rows are prepared once per handle and reused for
** every row of every batch; school_year and school are WITHOUT ROWID
** tables keyed by what they are looked up by, so a row costs one b-tree
** insert for the table and one per remaining index (school_year: the
** partial unique index of current versions; school: the county index);
** extras are written as JSON into one reused buffer.  The handle is opened
** without SQLite's mutexes: a jh_store belongs to one thread at a time (a
** server opens one per worker).
**
** Durability: WAL journal with synchronous = NORMAL.  A commit survives
** the process being killed at any point; after a power cut the last
** commits may be lost but the file is never corrupt.
**
** Times: revision.at is text in one form, "YYYY-MM-DDTHH:MM:SSZ" (UTC),
** written only from the seconds the generic layer chose, so comparing the
** text orders the times.  Migration 4 rewrote older values (which a
** caller could set to anything) into that form, made them non-decreasing
** in revision order, and rebuilt the two big tables as above.
*/
#include "store_int.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct sq {
	sqlite3 *db;
	/* Prepared on first use, kept until close. */
	sqlite3_stmt *ins_row[2], *close_row, *ins_change, *put_school[2], *put_area;
	sqlite3_stmt *close_item, *ins_item;
	/* Schema 6's frequent ones (a server asks them on every request). */
	sqlite3_stmt *touch, *county_rev, *school_county, *account_get;
	sqlite3_stmt *session_get, *session_touch;
	jh_buf extras;          /* one row's extras as JSON, reused */
	int fk_off;             /* foreign-key checks off for this transaction */
	int depth;              /* transactions open: 1 the outer, more savepoints */
};

/* A batch of at least this many rows is loaded as a bulk load (see
 * sq_begin and bulk_begin). */
#define BULK_MIN 4096

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
	/* 4: one form for revision times; school and school_year keyed by
	 * what finds them (WITHOUT ROWID), no index by year alone.  Run with
	 * foreign keys off (see migrate()). */
	"UPDATE revision SET at = coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', at),"
	" '1970-01-01T00:00:00Z');"
	"UPDATE revision SET at = (SELECT max(r2.at) FROM revision r2"
	" WHERE r2.id <= revision.id);"
	"CREATE TABLE school_new("
	" code TEXT PRIMARY KEY,"
	" county TEXT NOT NULL REFERENCES area(code),"
	" type TEXT NOT NULL) WITHOUT ROWID;"
	"INSERT INTO school_new SELECT code, county, type FROM school;"
	"DROP TABLE school;"
	"ALTER TABLE school_new RENAME TO school;"
	"CREATE INDEX school_county ON school(county);"
	"CREATE TABLE school_year_new("
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
	" largest_class_primary REAL, largest_class_junior REAL,"
	" music_rooms REAL, music_room_min_area_m2 REAL,"
	" art_rooms REAL, art_room_min_area_m2 REAL,"
	" certified_teachers REAL, public_funds_yuan REAL, training_funds_yuan REAL,"
	" extras TEXT NOT NULL,"
	" source_file TEXT, source_line INTEGER,"
	" PRIMARY KEY (school, year, rev_from)) WITHOUT ROWID;"
	"INSERT INTO school_year_new SELECT school, year, rev_from, rev_to, name,"
	" parent_code, location, boarding,"
	" students_primary, students_junior, students_senior,"
	" qualified_teachers_primary, qualified_teachers_junior,"
	" key_teachers_primary, key_teachers_junior,"
	" pe_art_teachers_primary, pe_art_teachers_junior,"
	" teachers_primary, teachers_junior,"
	" teaching_area_m2, sports_area_m2, equipment_value_yuan,"
	" multimedia_rooms, classes_primary, classes_junior,"
	" largest_class_primary, largest_class_junior,"
	" music_rooms, music_room_min_area_m2,"
	" art_rooms, art_room_min_area_m2,"
	" certified_teachers, public_funds_yuan, training_funds_yuan,"
	" extras, source_file, source_line FROM school_year;"
	"DROP TABLE school_year;"
	"ALTER TABLE school_year_new RENAME TO school_year;"
	"CREATE UNIQUE INDEX school_year_current ON school_year(school, year)"
	" WHERE rev_to IS NULL;",
	/* 5: the school type belongs to the school-year (a primary school
	 * may become a nine-year school); school.type stays the type the
	 * school was first stored with. */
	"ALTER TABLE school_year ADD COLUMN type TEXT;"
	"UPDATE school_year SET type = (SELECT type FROM school"
	" WHERE school.code = school_year.school);",
	/* 6: accounts, sessions (by the hash of their token only) and the
	 * audit of sign-ins and account changes; county_change: which
	 * county-years (and areas: year 0; any area: county '') each
	 * revision changed, the key of the server's cache and of the
	 * revisions of an area, filled here from the versions.  IF NOT
	 * EXISTS and OR IGNORE: a file whose version was set back (the
	 * tests do) migrates again without harm. */
	"CREATE TABLE IF NOT EXISTS account("
	" name TEXT PRIMARY KEY,"
	" role TEXT NOT NULL CHECK (role IN ('admin', 'province', 'city', 'county',"
	" 'inspector', 'school')),"
	" area TEXT NOT NULL,"
	" pwhash TEXT NOT NULL,"
	" disabled INTEGER NOT NULL DEFAULT 0,"
	" created INTEGER NOT NULL,"
	" changed INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS session("
	" token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),"
	" csrf_hash TEXT NOT NULL CHECK (length(csrf_hash) = 64),"
	" account TEXT NOT NULL REFERENCES account(name),"
	" created INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS session_account ON session(account);"
	"CREATE INDEX IF NOT EXISTS session_last_seen ON session(last_seen);"
	"CREATE TABLE IF NOT EXISTS audit("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"
	" account TEXT NOT NULL,"
	" event TEXT NOT NULL,"
	" address TEXT NOT NULL,"
	" detail TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS county_change("
	" county TEXT NOT NULL,"
	" year INTEGER NOT NULL,"
	" revision INTEGER NOT NULL REFERENCES revision(id),"
	" PRIMARY KEY (county, year, revision)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO county_change SELECT s.county, y.year, y.rev_from"
	" FROM school_year y JOIN school s ON s.code = y.school;"
	"INSERT OR IGNORE INTO county_change SELECT s.county, y.year, y.rev_to"
	" FROM school_year y JOIN school s ON s.code = y.school WHERE y.rev_to IS NOT NULL;"
	"INSERT OR IGNORE INTO county_change SELECT county, year, rev_from FROM county_year;"
	"INSERT OR IGNORE INTO county_change SELECT county, year, rev_to FROM county_year"
	" WHERE rev_to IS NOT NULL;"
	"INSERT OR IGNORE INTO county_change SELECT code, 0, revision FROM change"
	" WHERE entity = 'area';"
	"INSERT OR IGNORE INTO county_change SELECT '', 0, revision FROM change"
	" WHERE entity = 'area';",
	/* 7: the creation cycle (issue 12).  Times are text
	 * "YYYY-MM-DDTHH:MM:SSZ" (UTC) as revision.at; days "YYYY-MM-DD";
	 * `who` an account name ("" : the command line as administrator).
	 *
	 * plan_doc: a county's creation plan, or a city's city-wide targets
	 * (area = the city), as a JSON document (lib/cycle/creation.c says
	 * what it holds); every version kept, the highest is current.
	 *
	 * ledger_item: one rectification item.  `key` names the shortfall
	 * for items generated from a verdict (e.g.
	 * "resource.school.2136990410.primary#qualified_teachers_per100"),
	 * unique per county so that regenerating never duplicates; manual and
	 * finding items get a key of their own ("manual.ID", "finding.ID").
	 * `version` is raised by every change: an update names the version
	 * it read (compare-and-set), so two sign-offs cannot both succeed.
	 * ledger_event: its full history; ledger_evidence: files, with their
	 * SHA-256, size and uploader.
	 *
	 * cycle: the yearly workflow's state of a county-year, with a version
	 * as ledger_item; cycle_event: every transition (who, role, when, late
	 * or not, the note, the snapshot it froze).
	 *
	 * snapshot: a frozen JSON document (data, verdict, ledger, milestones
	 * at submission); the triggers refuse any change to it. */
	"CREATE TABLE IF NOT EXISTS plan_doc("
	" area TEXT NOT NULL,"
	" version INTEGER NOT NULL CHECK (version > 0),"
	" at TEXT NOT NULL,"
	" who TEXT NOT NULL,"
	" why TEXT NOT NULL,"
	" body TEXT NOT NULL,"
	" PRIMARY KEY (area, version)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS ledger_item("
	" id INTEGER PRIMARY KEY,"
	" county TEXT NOT NULL,"
	" school TEXT NOT NULL DEFAULT '',"
	" year INTEGER NOT NULL,"
	" source TEXT NOT NULL CHECK (source IN ('generated', 'manual', 'finding')),"
	" key TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" what_zh TEXT NOT NULL,"
	" what_en TEXT NOT NULL,"
	" figure TEXT NOT NULL DEFAULT '',"
	" requirement TEXT NOT NULL DEFAULT '',"
	" measure TEXT NOT NULL DEFAULT '',"
	" unit TEXT NOT NULL DEFAULT '',"
	" person TEXT NOT NULL DEFAULT '',"
	" deadline TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL CHECK (status IN ('open', 'in_progress',"
	" 'awaiting_signoff', 'signed_off', 'reopened')),"
	" supervised INTEGER NOT NULL DEFAULT 0,"
	" supervised_note TEXT NOT NULL DEFAULT '',"
	" override_reason TEXT NOT NULL DEFAULT '',"
	" cycle_year INTEGER,"
	" created TEXT NOT NULL,"
	" created_by TEXT NOT NULL,"
	" changed TEXT NOT NULL,"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE UNIQUE INDEX IF NOT EXISTS ledger_key ON ledger_item(county, key);"
	"CREATE INDEX IF NOT EXISTS ledger_status ON ledger_item(county, status);"
	"CREATE INDEX IF NOT EXISTS ledger_school ON ledger_item(school)"
	" WHERE school <> '';"
	"CREATE TABLE IF NOT EXISTS ledger_event("
	" id INTEGER PRIMARY KEY,"
	" item INTEGER NOT NULL REFERENCES ledger_item(id),"
	" at TEXT NOT NULL,"
	" who TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" from_status TEXT NOT NULL DEFAULT '',"
	" to_status TEXT NOT NULL DEFAULT '',"
	" detail TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX IF NOT EXISTS ledger_event_item ON ledger_event(item);"
	"CREATE TABLE IF NOT EXISTS ledger_evidence("
	" id INTEGER PRIMARY KEY,"
	" item INTEGER NOT NULL REFERENCES ledger_item(id),"
	" name TEXT NOT NULL,"
	" content_type TEXT NOT NULL,"
	" size INTEGER NOT NULL CHECK (size >= 0),"
	" sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
	" at TEXT NOT NULL,"
	" who TEXT NOT NULL,"
	" body BLOB NOT NULL);"
	"CREATE INDEX IF NOT EXISTS ledger_evidence_item ON ledger_evidence(item);"
	"CREATE TABLE IF NOT EXISTS cycle("
	" county TEXT NOT NULL,"
	" year INTEGER NOT NULL,"
	" state TEXT NOT NULL CHECK (state IN ('self_evaluation', 'submitted',"
	" 'reviewed', 'rectified', 'applied', 'assessed')),"
	" decision TEXT NOT NULL DEFAULT '',"
	" changed TEXT NOT NULL,"
	" version INTEGER NOT NULL DEFAULT 1,"
	" PRIMARY KEY (county, year)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS cycle_event("
	" id INTEGER PRIMARY KEY,"
	" county TEXT NOT NULL,"
	" year INTEGER NOT NULL,"
	" at TEXT NOT NULL,"
	" who TEXT NOT NULL,"
	" role TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" from_state TEXT NOT NULL,"
	" to_state TEXT NOT NULL,"
	" late INTEGER NOT NULL DEFAULT 0,"
	" note TEXT NOT NULL DEFAULT '',"
	" snapshot INTEGER);"
	"CREATE INDEX IF NOT EXISTS cycle_event_county ON cycle_event(county, year);"
	"CREATE TABLE IF NOT EXISTS snapshot("
	" id INTEGER PRIMARY KEY,"
	" county TEXT NOT NULL,"
	" year INTEGER NOT NULL,"
	" at TEXT NOT NULL,"
	" who TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" revision INTEGER NOT NULL,"
	" sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
	" body TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS snapshot_county ON snapshot(county, year);"
	"CREATE TRIGGER IF NOT EXISTS snapshot_frozen_update BEFORE UPDATE ON snapshot"
	" BEGIN SELECT RAISE(ABORT, 'a snapshot never changes'); END;"
	"CREATE TRIGGER IF NOT EXISTS snapshot_frozen_delete BEFORE DELETE ON snapshot"
	" BEGIN SELECT RAISE(ABORT, 'a snapshot never changes'); END;",
	/* 8: school columns the application form needs (举办者类型, 年级数). */
	("ALTER TABLE school_year ADD COLUMN organiser_type REAL;"
	 "ALTER TABLE school_year ADD COLUMN grades REAL;"),
	/* 9: the raw figures schools report (issue 14; jh_field order). */
	(
	 "ALTER TABLE school_year ADD COLUMN teachers_associate_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN teachers_associate_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN teachers_bachelor_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN teachers_bachelor_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN teachers_master_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN teachers_master_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN teachers_doctor_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN teachers_doctor_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN pe_teachers_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN pe_teachers_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN music_teachers_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN music_teachers_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN fine_art_teachers_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN fine_art_teachers_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN other_art_teachers_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN other_art_teachers_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN rotating_pe_art_teachers_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN rotating_pe_art_teachers_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN students_catchment_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN students_catchment_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_le25_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_26_30_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_31_35_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_36_40_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_41_45_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_46_50_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_51_55_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_56_60_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_61_65_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_ge66_primary REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_le25_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_26_30_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_31_35_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_36_40_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_41_45_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_46_50_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_51_55_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_56_60_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_61_65_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN classes_ge66_junior REAL;"
	 "ALTER TABLE school_year ADD COLUMN teaching_aux_total_m2 REAL;"
	 "ALTER TABLE school_year ADD COLUMN indoor_sports_area_m2 REAL;"
	 "ALTER TABLE school_year ADD COLUMN outdoor_sports_area_m2 REAL;"
	 "ALTER TABLE school_year ADD COLUMN rooftop_underground_sports_m2 REAL;"
	 "ALTER TABLE school_year ADD COLUMN leased_sports_area_m2 REAL;"
	 "ALTER TABLE school_year ADD COLUMN build_year REAL;"
	 "ALTER TABLE school_year ADD COLUMN migrant_students REAL;"
	 "ALTER TABLE school_year ADD COLUMN teachers_360h REAL;"
	 "ALTER TABLE school_year ADD COLUMN rural_small REAL;"
	 "ALTER TABLE school_year ADD COLUMN largest_class_under_30 REAL;"
	 "ALTER TABLE school_year ADD COLUMN dense_central REAL;"),
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

/* SQLite's errors as coded problems: sqlite_error.c (jhSqliteError),
 * shared with the schema-7 files, which reach the connection through
 * jhSqliteHandle — the first member of struct sq. */
_Static_assert(offsetof(struct sq, db) == 0, "jhSqliteHandle reads the connection first");

static jh_code db_error(struct sq *q, jh_diags *d, const char *what)
{
	return jhSqliteError(q, d, what);
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
	for (int i = 0; i < 2; i++) {
		sqlite3_finalize(q->ins_row[i]);
		sqlite3_finalize(q->put_school[i]);
	}
	sqlite3_finalize(q->close_row);
	sqlite3_finalize(q->ins_change);
	sqlite3_finalize(q->put_area);
	sqlite3_finalize(q->close_item);
	sqlite3_finalize(q->ins_item);
	sqlite3_finalize(q->touch);
	sqlite3_finalize(q->county_rev);
	sqlite3_finalize(q->school_county);
	sqlite3_finalize(q->account_get);
	sqlite3_finalize(q->session_get);
	sqlite3_finalize(q->session_touch);
	sqlite3_close(q->db);
	jh_buf_free(&q->extras);
	free(q);
}

/* *st prepared from sql on first use; reset and cleared for the next. */
static jh_code stmt(struct sq *q, sqlite3_stmt **st, const char *sql,
                    const char *what, jh_diags *d)
{
	if (!*st && sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	                               st, NULL))
		return db_error(q, d, what);
	sqlite3_reset(*st);
	sqlite3_clear_bindings(*st);
	return JH_OK;
}
static int sq_schema_version(void *db)
{
	return user_version(db);
}

/* Foreign keys are enforced on every write except a bulk load (an import
 * of BULK_MIN rows or more), where SQLite's per-row lookups of the parent
 * rows are a tenth of the work.  Nothing is left unchecked: the generic
 * layer has checked every reference (county, school identity) against
 * what is stored and what the import brings, and writes the parents
 * first — revision, areas, schools, then rows — in this transaction.  The
 * pragma is a no-op inside a transaction, so it is set before BEGIN and
 * restored after COMMIT or ROLLBACK. */
static void fk_restore(struct sq *q)
{
	if (q->fk_off) {
		sqlite3_exec(q->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		q->fk_off = 0;
	}
}

/* Transactions nest: a begin inside an open transaction is a savepoint,
 * released by its commit and undone by its rollback, so that an operation
 * that is one transaction alone (adding a ledger item) can also be a part
 * of a larger one (a review with its findings), all or nothing. */
static jh_code sq_begin(void *db, size_t rows, jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;

	if (q->depth > 0 && !sqlite3_get_autocommit(q->db)) {
		if ((rc = exec(q, "SAVEPOINT jh_nested", d)))
			return rc;
		q->depth++;
		return JH_OK;
	}
	q->depth = 0;
	if (rows >= BULK_MIN) {
		if ((rc = exec(q, "PRAGMA foreign_keys = OFF", d)))
			return rc;
		q->fk_off = 1;
	}
	if ((rc = exec(q, "BEGIN IMMEDIATE", d)))
		fk_restore(q);
	else
		q->depth = 1;
	return rc;
}

static jh_code sq_commit(void *db, jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;

	if (q->depth > 1) {
		if ((rc = exec(q, "RELEASE jh_nested", d)) == JH_OK)
			q->depth--;
		return rc;      /* on failure the caller rolls back */
	}
	rc = exec(q, "COMMIT", d);
	if (rc == JH_OK) {
		q->depth = 0;
		fk_restore(q);
	}
	return rc;          /* on failure the caller rolls back */
}

static void sq_rollback(void *db)
{
	struct sq *q = db;

	if (sqlite3_get_autocommit(q->db)) {
		q->depth = 0;
		fk_restore(q);
		return;
	}
	if (q->depth > 1) {
		sqlite3_exec(q->db, "ROLLBACK TO jh_nested; RELEASE jh_nested", NULL,
		             NULL, NULL);
		q->depth--;
		return;
	}
	sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	q->depth = 0;
	fk_restore(q);
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

static jh_code sq_put_areas(void *db, const jh_area *const *a, size_t n,
                            jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;

	for (size_t i = 0; i < n; i++) {
		if ((rc = stmt(q, &q->put_area, "INSERT INTO area(code, level, name, parent)"
		               " VALUES (?1, ?2, ?3, nullif(?4, ''))"
		               " ON CONFLICT(code) DO UPDATE SET name = excluded.name",
		               "put area", d)))
			return rc;
		sqlite3_bind_text(q->put_area, 1, a[i]->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(q->put_area, 2, level_key(a[i]->level), -1, SQLITE_STATIC);
		sqlite3_bind_text(q->put_area, 3, a[i]->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(q->put_area, 4, a[i]->parent, -1, SQLITE_STATIC);
		if (sqlite3_step(q->put_area) != SQLITE_DONE)
			return db_error(q, d, "put area");
	}
	return JH_OK;
}

static jh_code sq_load_schools(void *db, const jh_school_year *const *rows,
                               size_t n, jhSchools *out, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	size_t cap = 0, k = 0;
	int r = SQLITE_DONE;

	out->items = NULL;
	out->count = 0;
	if (sqlite3_prepare_v2(q->db, rows ? "SELECT code, county, type FROM school"
	                       " WHERE code = ?1" : "SELECT code, county, type FROM school",
	                       -1, &st, NULL))
		return db_error(q, d, "load schools");
	do {
		if (rows) {
			if (k == n)
				break;
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, rows[k++]->school_code, -1, SQLITE_STATIC);
		}
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			jhSchool *sc;
			if (out->count == cap) {
				size_t ncap = cap ? cap * 2 : 1024;
				jhSchool *p = realloc(out->items, ncap * sizeof *p);
				if (!p) {
					sqlite3_finalize(st);
					return JH_ERR_NOMEM;
				}
				out->items = p;
				cap = ncap;
			}
			sc = &out->items[out->count++];
			snprintf(sc->code, sizeof sc->code, "%s", sqlite3_column_text(st, 0));
			snprintf(sc->county, sizeof sc->county, "%s", sqlite3_column_text(st, 1));
			sc->type = (jh_school_type)jh_school_type_parse(
			                (const char *)sqlite3_column_text(st, 2));
		}
	} while (rows && r == SQLITE_DONE);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? JH_OK : db_error(q, d, "load schools");
}

/* Bulk loading: an index is cheaper built once from sorted rows than
 * updated row by row, so a batch at least half as large as what `table`
 * already holds drops the index first (returns 1) and the caller builds it
 * again — in the same transaction, so a failure rolls the drop back, and
 * a unique index being built checks every row as the live one would. */
static int bulk_begin(struct sq *q, const char *table, const char *index,
                      size_t n, jh_diags *d, jh_code *rc)
{
	char sql[160];
	sqlite3_stmt *st;
	long long have = -1;

	*rc = JH_OK;
	if (n < BULK_MIN)
		return 0;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL)) {
		*rc = db_error(q, d, "count");
		return 0;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (have < 0 || (size_t)have > 2 * n)
		return 0;
	snprintf(sql, sizeof sql, "DROP INDEX %s", index);
	return (*rc = exec(q, sql, d)) == JH_OK;
}

/* A statement inserting `rows` rows of `ncols` values each: "INSERT ...
 * (cols) VALUES (?, ...), (?, ...)"; prepared once per handle into *st. */
static jh_code insert_stmt(struct sq *q, sqlite3_stmt **st, const char *head,
                           int ncols, int rows, const char *what, jh_diags *d)
{
	jh_buf sql = JH_BUF_INIT;
	int r;

	if (*st)
		return JH_OK;
	jh_buf_adds(&sql, head);
	jh_buf_adds(&sql, " VALUES ");
	for (int i = 0; i < rows; i++) {
		jh_buf_adds(&sql, i ? ", (?" : "(?");
		for (int c = 1; c < ncols; c++)
			jh_buf_adds(&sql, ", ?");
		jh_buf_addc(&sql, ')');
	}
	if (sql.oom)
		return JH_ERR_NOMEM;
	r = sqlite3_prepare_v3(q->db, sql.data, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
	jh_buf_free(&sql);
	return r ? db_error(q, d, what) : JH_OK;
}

/* Rows go to SQLite BATCH at a time through one statement of BATCH rows
 * (the per-statement work — reset, halt, statement journal — is paid once
 * a batch), the rest one by one. */
#define BATCH 32

#define SCHOOL_COUNTY_INDEX "CREATE INDEX school_county ON school(county)"
#define SCHOOL_YEAR_CURRENT_INDEX "CREATE UNIQUE INDEX school_year_current" \
	" ON school_year(school, year) WHERE rev_to IS NULL"

static jh_code sq_put_schools(void *db, const jh_school_year *const *rows,
                              size_t n, jh_diags *d)
{
	static const char head[] = "INSERT OR IGNORE INTO school(code, county, type)";
	struct sq *q = db;
	jh_code rc;
	int bulk = bulk_begin(q, "school", "school_county", n, d, &rc);
	size_t i = 0;

	if (rc || (rc = insert_stmt(q, &q->put_school[0], head, 3, 1, "put school", d)) ||
	    (rc = insert_stmt(q, &q->put_school[1], head, 3, BATCH, "put school", d)))
		return rc;
	while (i < n) {
		int k = n - i >= BATCH ? BATCH : 1;
		sqlite3_stmt *st = q->put_school[k > 1];
		sqlite3_reset(st);
		for (int j = 0; j < k; j++, i++) {
			sqlite3_bind_text(st, 3 * j + 1, rows[i]->school_code, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3 * j + 2, rows[i]->county_code, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3 * j + 3, jh_school_type_key(rows[i]->type), -1,
			                  SQLITE_STATIC);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_error(q, d, "put school");
	}
	return bulk ? exec(q, SCHOOL_COUNTY_INDEX, d) : JH_OK;
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
	const char *county = f && f->county_code && *f->county_code ? f->county_code : NULL;
	const char *school = f && f->school_code && *f->school_code ? f->school_code : NULL;
	int year = f ? f->year : 0;
	jh_code rc = JH_OK;
	int r;

	jh_buf_adds(&sql, "SELECT y.school, s.county, y.year, coalesce(y.type, s.type), ");
	value_columns(&sql);
	jh_buf_adds(&sql, " FROM school_year y JOIN school s ON s.code = y.school WHERE ");
	if (as_of > 0)
		jh_buf_adds(&sql, "y.rev_from <= ?1 AND (y.rev_to IS NULL OR y.rev_to > ?1)");
	else
		jh_buf_adds(&sql, "y.rev_to IS NULL");
	/* Only the conditions the filter sets, so that SQLite can seek by
	 * school (the key) or county (its index) instead of reading every
	 * row: one school-year of a nation is a few rows read, not 200,000. */
	if (county)
		jh_buf_adds(&sql, " AND s.county = ?2");
	if (year)
		jh_buf_adds(&sql, " AND y.year = ?3");
	if (school)
		jh_buf_adds(&sql, " AND y.school = ?4");
	jh_buf_adds(&sql, " ORDER BY y.year, s.county, y.school");
	if (sql.oom)
		return JH_ERR_NOMEM;
	if (sqlite3_prepare_v2(q->db, sql.data, -1, &st, NULL)) {
		jh_buf_free(&sql);
		return db_error(q, d, "load rows");
	}
	jh_buf_free(&sql);
	if (as_of > 0)
		sqlite3_bind_int64(st, 1, as_of);
	if (county)
		sqlite3_bind_text(st, 2, county, -1, SQLITE_STATIC);
	if (year)
		sqlite3_bind_int(st, 3, year);
	if (school)
		sqlite3_bind_text(st, 4, school, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = row_from_stmt(st, out)))
			break;
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, "load rows");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_new_revision(void *db, const jh_revision_info *info,
                               long long at, long *rev, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(q->db, "INSERT INTO revision(at, who, why, kind)"
	                       " VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'unixepoch'),"
	                       " ?2, ?3, ?4)", -1, &st, NULL))
		return db_error(q, d, "new revision");
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_text(st, 2, info->who ? info->who : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, info->why ? info->why : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, info->kind ? info->kind : "import", -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return db_error(q, d, "new revision");
	}
	sqlite3_finalize(st);
	*rev = (long)sqlite3_last_insert_rowid(q->db);
	if (!info->nsources)
		return JH_OK;
	if (sqlite3_prepare_v2(q->db, "INSERT INTO revision_source VALUES (?1, ?2, ?3)",
	                       -1, &st, NULL))
		return db_error(q, d, "revision source");
	for (size_t i = 0; i < info->nsources; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, *rev);
		sqlite3_bind_text(st, 2, info->source_names[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, info->source_sha256[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return db_error(q, d, "revision source");
		}
	}
	sqlite3_finalize(st);
	return JH_OK;
}

static jh_code sq_close_rows(void *db, const jh_school_year *const *rows,
                             size_t n, long rev, jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;

	for (size_t i = 0; i < n; i++) {
		if ((rc = stmt(q, &q->close_row, "UPDATE school_year SET rev_to = ?3"
		               " WHERE school = ?1 AND year = ?2 AND rev_to IS NULL",
		               "close row", d)))
			return rc;
		sqlite3_bind_text(q->close_row, 1, rows[i]->school_code, -1, SQLITE_STATIC);
		sqlite3_bind_int(q->close_row, 2, rows[i]->year);
		sqlite3_bind_int64(q->close_row, 3, rev);
		if (sqlite3_step(q->close_row) != SQLITE_DONE)
			return db_error(q, d, "close row");
	}
	return JH_OK;
}

/* A JSON string: UTF-8 passes through; quotes, backslashes and control
 * characters are escaped. */
static void json_str(jh_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	jh_buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			jh_buf_addc(b, '\\');
			jh_buf_addc(b, (char)*p);
		} else if (*p < 0x20) {
			char e[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
			jh_buf_add(b, e, sizeof e);
		} else {
			jh_buf_addc(b, (char)*p);
		}
	}
	jh_buf_addc(b, '"');
}

/* A row's extras as one JSON object, in column order, appended to b (read
 * back with jansson in row_from_stmt). */
static void extras_json(jh_buf *b, const jh_dataset *ds, const jh_school_year *sy)
{
	jh_buf_addc(b, '{');
	for (size_t i = 0; i < sy->extra_count; i++) {
		const jh_extra *e = &ds->extras[sy->extra_first + i];
		if (i)
			jh_buf_addc(b, ',');
		json_str(b, ds->extra_names[e->name]);
		jh_buf_addc(b, ':');
		json_str(b, e->value);
	}
	jh_buf_addc(b, '}');
}

#define ROW_COLS (4 + 4 + JH_F__COUNT + 3)

/* Row sy's values into st from parameter `first` on; extras is its JSON,
 * which must live until the statement has run. */
static void bind_row(sqlite3_stmt *st, int first, const jh_school_year *sy,
                     long rev, const char *extras, size_t extras_len)
{
	int c = first;

	sqlite3_bind_text(st, c++, sy->school_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, c++, sy->year);
	sqlite3_bind_int64(st, c++, rev);
	sqlite3_bind_text(st, c++, jh_school_type_key(sy->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, sy->school_name ? sy->school_name : "", -1,
	                  SQLITE_STATIC);
	sqlite3_bind_text(st, c++, sy->parent_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, jh_location_key(sy->location), -1, SQLITE_STATIC);
	if (sy->boarding >= 0)
		sqlite3_bind_int(st, c, sy->boarding);
	else
		sqlite3_bind_null(st, c);
	c++;
	for (int f = 0; f < JH_F__COUNT; f++, c++)
		if (!isnan(sy->v[f]))
			sqlite3_bind_double(st, c, sy->v[f]);
		else
			sqlite3_bind_null(st, c);
	sqlite3_bind_text(st, c++, extras, (int)extras_len, SQLITE_STATIC);
	if (sy->file)
		sqlite3_bind_text(st, c, sy->file, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, c);
	c++;
	sqlite3_bind_int64(st, c++, sy->line);
}

static jh_code sq_insert_rows(void *db, const jh_dataset *ds,
                              const jh_school_year *const *rows, size_t n,
                              long rev, jh_diags *d)
{
	struct sq *q = db;
	jh_buf head = JH_BUF_INIT;
	size_t off[BATCH + 1], i = 0;
	jh_code rc;
	int bulk;

	jh_buf_adds(&head, "INSERT INTO school_year(school, year, rev_from, type, ");
	value_columns(&head);
	jh_buf_addc(&head, ')');
	if (head.oom)
		return JH_ERR_NOMEM;
	rc = insert_stmt(q, &q->ins_row[0], head.data, ROW_COLS, 1, "insert row", d);
	if (!rc)
		rc = insert_stmt(q, &q->ins_row[1], head.data, ROW_COLS, BATCH, "insert row", d);
	jh_buf_free(&head);
	if (rc)
		return rc;
	bulk = bulk_begin(q, "school_year", "school_year_current", n, d, &rc);
	if (rc)
		return rc;
	while (i < n) {
		int k = n - i >= BATCH ? BATCH : 1;
		sqlite3_stmt *st = q->ins_row[k > 1];

		/* The batch's extras first, one after the other in one buffer
		 * (it may move while it grows), then every value. */
		sqlite3_reset(st);
		jh_buf_reset(&q->extras);
		for (int j = 0; j < k; j++) {
			off[j] = q->extras.len;
			extras_json(&q->extras, ds, rows[i + j]);
		}
		off[k] = q->extras.len;
		if (q->extras.oom)
			return JH_ERR_NOMEM;
		for (int j = 0; j < k; j++, i++)
			bind_row(st, ROW_COLS * j + 1, rows[i], rev, q->extras.data + off[j],
			         off[j + 1] - off[j]);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_error(q, d, "insert row");
	}
	return bulk ? exec(q, SCHOOL_YEAR_CURRENT_INDEX, d) : JH_OK;
}

static jh_code sq_insert_changes(void *db, const jh_change *ch, size_t n,
                                 jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;

	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st;
		if ((rc = stmt(q, &q->ins_change, "INSERT INTO change(revision, entity, code,"
		               " county, year, field, old, new) VALUES (?1, ?2, ?3, ?4,"
		               " nullif(?5, 0), ?6, ?7, ?8)", "insert change", d)))
			return rc;
		st = q->ins_change;
		sqlite3_bind_int64(st, 1, ch[i].revision);
		sqlite3_bind_text(st, 2, ch[i].entity, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, ch[i].school_code, -1, SQLITE_STATIC);
		if (ch[i].county_code)
			sqlite3_bind_text(st, 4, ch[i].county_code, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, ch[i].year);
		sqlite3_bind_text(st, 6, ch[i].field, -1, SQLITE_STATIC);
		if (ch[i].old_value)
			sqlite3_bind_text(st, 7, ch[i].old_value, -1, SQLITE_STATIC);
		if (ch[i].new_value)
			sqlite3_bind_text(st, 8, ch[i].new_value, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_error(q, d, "insert change");
	}
	return JH_OK;
}
/* The rows (revision, entity, code, county, field, old, new) of st, area
 * changes, into out: JH_OK, JH_ERR_NOMEM, or -1 when a step failed (the
 * caller reports it: db_error). */
static int push_area_changes(sqlite3_stmt *st, jh_history *out)
{
	int r;

	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		jh_change c;
		jh_code rc;
		memset(&c, 0, sizeof c);
		c.revision = (long)sqlite3_column_int64(st, 0);
		c.entity = (const char *)sqlite3_column_text(st, 1);
		c.school_code = (const char *)sqlite3_column_text(st, 2);
		c.county_code = (const char *)sqlite3_column_text(st, 3);
		c.field = (const char *)sqlite3_column_text(st, 4);
		c.old_value = (const char *)sqlite3_column_text(st, 5);
		c.new_value = (const char *)sqlite3_column_text(st, 6);
		if ((rc = jhHistoryPush(out, &c)))
			return (int)rc;
	}
	return r == SQLITE_DONE ? JH_OK : -1;
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
	if ((r = push_area_changes(st, out)) < 0)
		rc = db_error(q, d, "history");
	else
		rc = (jh_code)r;
	sqlite3_finalize(st);
	return rc;
}

/* revs (2 longs per row: rev_from, rev_to) with room for row count n. */
static jh_code revs_room(long **revs, size_t n, size_t *cap)
{
	if (n * 2 > *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		long *p;
		while (ncap < n * 2)
			ncap *= 2;
		if (!(p = realloc(*revs, ncap * sizeof *p)))
			return JH_ERR_NOMEM;
		*revs = p;
		*cap = ncap;
	}
	return JH_OK;
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
	jh_buf_adds(&sql, "SELECT y.school, s.county, y.year, coalesce(y.type, s.type), ");
	value_columns(&sql);
	jh_buf_adds(&sql, ", y.rev_from, coalesce(y.rev_to, 0)"
	              " FROM school_year y JOIN school s ON s.code = y.school WHERE 1");
	if (school)
		jh_buf_adds(&sql, " AND y.school = ?1");
	if (county)
		jh_buf_adds(&sql, " AND s.county = ?2");
	jh_buf_adds(&sql, " ORDER BY y.school, y.year, y.rev_from");
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
		if ((rc = row_from_stmt(st, out)) || (rc = revs_room(revs, out->nrows, &cap)))
			break;
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

static jh_code sq_close_items(void *db, const jh_county_item *const *it,
                              size_t n, long rev, jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;

	for (size_t i = 0; i < n; i++) {
		if ((rc = stmt(q, &q->close_item, "UPDATE county_year SET rev_to = ?4"
		               " WHERE county = ?1 AND year = ?2 AND item = ?3"
		               " AND rev_to IS NULL", "close county item", d)))
			return rc;
		sqlite3_bind_text(q->close_item, 1, it[i]->county_code, -1, SQLITE_STATIC);
		sqlite3_bind_int(q->close_item, 2, it[i]->year);
		sqlite3_bind_text(q->close_item, 3, it[i]->item, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q->close_item, 4, rev);
		if (sqlite3_step(q->close_item) != SQLITE_DONE)
			return db_error(q, d, "close county item");
	}
	return JH_OK;
}

static jh_code sq_insert_items(void *db, const jh_county_item *const *it,
                               size_t n, long rev, jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;

	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st;
		if ((rc = stmt(q, &q->ins_item, "INSERT INTO county_year(county, year, item,"
		               " rev_from, value, note, source_file, source_line)"
		               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		               "insert county item", d)))
			return rc;
		st = q->ins_item;
		sqlite3_bind_text(st, 1, it[i]->county_code, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, it[i]->year);
		sqlite3_bind_text(st, 3, it[i]->item, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, rev);
		sqlite3_bind_text(st, 5, it[i]->value, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, it[i]->note ? it[i]->note : "", -1, SQLITE_STATIC);
		if (it[i]->file)
			sqlite3_bind_text(st, 7, it[i]->file, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 8, it[i]->line);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_error(q, d, "insert county item");
	}
	return JH_OK;
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
		if ((rc = item_from_stmt(st, out)) || (rc = revs_room(revs, out->count, &cap)))
			break;
		(*revs)[2 * (out->count - 1)] = (long)sqlite3_column_int64(st, 7);
		(*revs)[2 * (out->count - 1) + 1] = (long)sqlite3_column_int64(st, 8);
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, "load county item versions");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_revision_at(void *db, long long t, long *rev, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	int r;

	*rev = 0;
	if (sqlite3_prepare_v2(q->db, "SELECT coalesce(max(id), 0) FROM revision"
	                       " WHERE at <= strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'unixepoch')",
	                       -1, &st, NULL))
		return db_error(q, d, "revision at");
	sqlite3_bind_int64(st, 1, t);
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		*rev = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return r == SQLITE_ROW ? JH_OK : db_error(q, d, "revision at");
}

static jh_code sq_last_revision(void *db, long *rev, long long *at, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	int r;

	*rev = 0;
	*at = 0;
	if (sqlite3_prepare_v2(q->db, "SELECT id, CAST(strftime('%s', at) AS INTEGER)"
	                       " FROM revision ORDER BY id DESC LIMIT 1", -1, &st, NULL))
		return db_error(q, d, "last revision");
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		*rev = (long)sqlite3_column_int64(st, 0);
		*at = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? JH_OK : db_error(q, d, "last revision");
}

static jh_code sq_row_revision(void *db, const char *code, int year, long *rev,
                               jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	int r;

	*rev = 0;
	if (sqlite3_prepare_v2(q->db, "SELECT rev_from FROM school_year"
	                       " WHERE school = ?1 AND year = ?2 AND rev_to IS NULL",
	                       -1, &st, NULL))
		return db_error(q, d, "row revision");
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		*rev = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? JH_OK : db_error(q, d, "row revision");
}

/* Revisions numbered from `from` on, up to limit (0 = all), oldest
 * first; with codes (a JSON array of area codes) only those that changed
 * something of them (county_change), else all. */
static jh_code revisions_select(struct sq *q, const jh_buf *codes, long from,
                                size_t limit, jh_revisions *out, jh_diags *d)
{
	sqlite3_stmt *st;
	jh_code rc = JH_OK;
	int r;

	if (sqlite3_prepare_v2(q->db,
	        "SELECT id, at, who, why, kind, (SELECT group_concat(file || ' ' || sha256, '; ')"
	        " FROM revision_source WHERE revision = r.id) FROM revision r"
	        " WHERE id >= ?1 AND (?3 IS NULL OR id IN (SELECT revision FROM county_change"
	        " WHERE county IN (SELECT value FROM json_each(?3))))"
	        " ORDER BY id LIMIT ?2", -1, &st, NULL))
		return db_error(q, d, "revisions");
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : -1);
	if (codes)
		sqlite3_bind_text(st, 3, codes->data, (int)codes->len, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		jh_revision v;
		v.number = (long)sqlite3_column_int64(st, 0);
		v.at = (const char *)sqlite3_column_text(st, 1);
		v.who = (const char *)sqlite3_column_text(st, 2);
		v.why = (const char *)sqlite3_column_text(st, 3);
		v.kind = (const char *)sqlite3_column_text(st, 4);
		v.sources = (const char *)sqlite3_column_text(st, 5);
		if ((rc = jhRevisionsPush(out, &v)))
			break;
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, "revisions");
	sqlite3_finalize(st);
	return rc;
}

static jh_code sq_revisions(void *db, long from, size_t limit, jh_revisions *out,
                            jh_diags *d)
{
	return revisions_select(db, NULL, from, limit, out, d);
}
/* items (count n, capacity *cap, of `size` bytes each) with room for one
 * more: items itself, or a larger copy; NULL when out of memory (items
 * is then unchanged). */
static void *grow(void *items, size_t n, size_t *cap, size_t size)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return items;
	ncap = *cap ? *cap * 2 : 16;
	if ((p = realloc(items, ncap * size)))
		*cap = ncap;
	return p;
}

/* --- schema 6: what revisions touched, accounts, sessions, audit ----------- */

/* A SELECT's statement is reset as soon as it has been read: a statement
 * left at a row keeps its read transaction (its snapshot) open, and a
 * server's long-lived handle would then never see other writers. */
static jh_code sq_touch(void *db, const jhTouch *t, size_t n, long rev,
                        jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;

	for (size_t i = 0; i < n; i++) {
		if ((rc = stmt(q, &q->touch, "INSERT OR IGNORE INTO county_change"
		               "(county, year, revision) VALUES (?1, ?2, ?3)", "touch", d)))
			return rc;
		sqlite3_bind_text(q->touch, 1, t[i].county, -1, SQLITE_STATIC);
		sqlite3_bind_int(q->touch, 2, t[i].year);
		sqlite3_bind_int64(q->touch, 3, rev);
		if (sqlite3_step(q->touch) != SQLITE_DONE)
			return db_error(q, d, "touch");
	}
	return JH_OK;
}

static jh_code sq_county_revision(void *db, const char *county, int year,
                                  long *rev, jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;
	int r;

	*rev = 0;
	/* Two seeks on the key, not an OR (which would scan). */
	if ((rc = stmt(q, &q->county_rev, "SELECT max("
	               "coalesce((SELECT max(revision) FROM county_change"
	               " WHERE county = ?1 AND year = ?2), 0),"
	               "coalesce((SELECT max(revision) FROM county_change"
	               " WHERE county = '' AND year = 0), 0))", "county revision", d)))
		return rc;
	sqlite3_bind_text(q->county_rev, 1, county, -1, SQLITE_STATIC);
	sqlite3_bind_int(q->county_rev, 2, year);
	if ((r = sqlite3_step(q->county_rev)) == SQLITE_ROW)
		*rev = (long)sqlite3_column_int64(q->county_rev, 0);
	rc = r == SQLITE_ROW ? JH_OK : db_error(q, d, "county revision");
	sqlite3_reset(q->county_rev);
	return rc;
}

/* The rows (county code, number) of st, finalized here, into *out (NULL
 * on entry): an array of elements of `size` bytes whose first member is
 * char[8] (the county), the number set by put.  Nothing kept on an
 * error. */
static jh_code county_rows(struct sq *q, sqlite3_stmt *st, size_t size,
                           void (*put)(void *el, sqlite3_int64 v), void **out,
                           size_t *n, const char *what, jh_diags *d)
{
	size_t cap = 0;
	jh_code rc = JH_OK;
	int r;

	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		char *p = grow(*out, *n, &cap, size);
		if (!p) {
			rc = JH_ERR_NOMEM;
			break;
		}
		*out = p;
		p += *n * size;
		snprintf(p, 8, "%s", sqlite3_column_text(st, 0));
		put(p, sqlite3_column_int64(st, 1));
		(*n)++;
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, what);
	sqlite3_finalize(st);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static void put_revision(void *el, sqlite3_int64 v) { ((jh_county_rev *)el)->revision = (long)v; }
static void put_year(void *el, sqlite3_int64 v) { ((jh_county_year_key *)el)->year = (int)v; }

static jh_code sq_county_revisions(void *db, int year, jh_county_rev **out,
                                   size_t *n, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	void *arr = NULL;
	jh_code rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(q->db, "SELECT a.code, max(coalesce("
	        "(SELECT max(revision) FROM county_change c"
	        " WHERE c.county = a.code AND c.year = ?1), 0), g.r)"
	        " FROM area a, (SELECT coalesce(max(revision), 0) AS r FROM county_change"
	        " WHERE county = '' AND year = 0) g"
	        " WHERE a.level = 'county' ORDER BY a.code", -1, &st, NULL))
		return db_error(q, d, "county revisions");
	sqlite3_bind_int(st, 1, year);
	rc = county_rows(q, st, sizeof **out, put_revision, &arr, n, "county revisions", d);
	*out = arr;
	return rc;
}

/* The current versions' (school, year) are the partial index
 * school_year_current: read from it alone, joined to the school's county. */
static jh_code sq_county_years(void *db, jh_county_year_key **out, size_t *n,
                               jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	void *arr = NULL;
	jh_code rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(q->db, "SELECT DISTINCT s.county, y.year FROM school_year y"
	                       " JOIN school s ON s.code = y.school"
	                       " WHERE y.rev_to IS NULL ORDER BY 1, 2", -1, &st, NULL))
		return db_error(q, d, "county years");
	rc = county_rows(q, st, sizeof **out, put_year, &arr, n, "county years", d);
	*out = arr;
	return rc;
}

static jh_code sq_school_county(void *db, const char *school, char county[8],
                                jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;
	int r;

	county[0] = '\0';
	if ((rc = stmt(q, &q->school_county, "SELECT county FROM school WHERE code = ?1",
	               "school county", d)))
		return rc;
	sqlite3_bind_text(q->school_county, 1, school, -1, SQLITE_STATIC);
	r = sqlite3_step(q->school_county);
	if (r == SQLITE_ROW) {
		snprintf(county, 8, "%s", sqlite3_column_text(q->school_county, 0));
		rc = JH_OK;
	} else {
		rc = r == SQLITE_DONE ? JH_ERR_NOTFOUND : db_error(q, d, "school county");
	}
	sqlite3_reset(q->school_county);
	return rc;
}

static jh_code sq_school_name(void *db, const char *school, char *name,
                              size_t cap, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(q->db, "SELECT name FROM school_year WHERE school = ?1"
	                       " AND rev_to IS NULL ORDER BY year DESC LIMIT 1", -1, &st, NULL))
		return db_error(q, d, "school name");
	sqlite3_bind_text(st, 1, school, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		size_t n = v ? strlen(v) : 0;
		if (n >= cap)          /* cut before a UTF-8 continuation byte */
			for (n = cap - 1; n && ((unsigned char)v[n] & 0xc0) == 0x80; n--)
				;
		memcpy(name, v ? v : "", n);
		name[n] = '\0';
	}
	sqlite3_finalize(st);
	if (r == SQLITE_ROW)
		return JH_OK;
	return r == SQLITE_DONE ? JH_ERR_NOTFOUND : db_error(q, d, "school name");
}

/* The area codes as one JSON array, bound to one parameter (json_each):
 * one statement whatever their number. */
static jh_code codes_json(const char *const *codes, size_t n, jh_buf *list)
{
	jh_buf_addc(list, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			jh_buf_addc(list, ',');
		json_str(list, codes[i] ? codes[i] : "");
	}
	jh_buf_addc(list, ']');
	return list->oom ? JH_ERR_NOMEM : JH_OK;
}

/* One revision's changes start from county_change (the county-years it
 * touched, with the revision as the key's last column: a scan of that
 * small table), then go by primary key: school(county) → school_year
 * (school, year) and county_year (county, year).  Only the versions the
 * revision opened or closed are read, never a county's whole history. */
#define REV_TOUCHED " FROM county_change c"
/* (An area's entries, year 0, join no school-year nor record; a "c.year
 * > 0" here would make SQLite seek y by year > ? instead of year = ?.) */
#define REV_WHERE " WHERE c.revision = ?1" \
	" AND (?2 IS NULL OR c.county IN (SELECT value FROM json_each(?2)))"

static jh_code sq_revision_versions(void *db, long rev, const char *const *codes,
                                    size_t n, jh_history *h, jh_dataset *rows,
                                    long **revs, jh_county_items *items,
                                    long **irevs, jh_diags *d)
{
	struct sq *q = db;
	jh_buf list = JH_BUF_INIT, sql = JH_BUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t cap = 0, icap = 0;
	jh_code rc = JH_OK;
	const char *what = "revision changes";
	int r;

	*revs = NULL;
	*irevs = NULL;
	if (codes && (rc = codes_json(codes, n, &list)))
		goto out;
	/* Areas it added or renamed (the change table holds only those). */
	if (sqlite3_prepare_v2(q->db,
	        "SELECT revision, entity, code, county, field, old, new FROM change"
	        " WHERE revision = ?1 AND entity = 'area'"
	        " AND (?2 IS NULL OR code IN (SELECT value FROM json_each(?2)))"
	        " ORDER BY code, id", -1, &st, NULL))
		goto fail;
	sqlite3_bind_int64(st, 1, rev);
	if (codes)
		sqlite3_bind_text(st, 2, list.data, (int)list.len, SQLITE_STATIC);
	if ((r = push_area_changes(st, h)) < 0)
		goto fail;
	if ((rc = (jh_code)r))
		goto out;
	sqlite3_finalize(st);
	st = NULL;

	/* School-year versions opened or closed by the revision. */
	jh_buf_adds(&sql, "SELECT y.school, s.county, y.year, coalesce(y.type, s.type), ");
	value_columns(&sql);
	jh_buf_adds(&sql, ", y.rev_from, coalesce(y.rev_to, 0)" REV_TOUCHED
	            " CROSS JOIN school s ON s.county = c.county"
	            " CROSS JOIN school_year y ON y.school = s.code AND y.year = c.year"
	            REV_WHERE " AND (y.rev_from = ?1 OR y.rev_to = ?1)"
	            " ORDER BY s.county, y.school, y.year, y.rev_from");
	if (sql.oom) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	if (sqlite3_prepare_v2(q->db, sql.data, -1, &st, NULL))
		goto fail;
	sqlite3_bind_int64(st, 1, rev);
	if (codes)
		sqlite3_bind_text(st, 2, list.data, (int)list.len, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int c = 4 + 4 + JH_F__COUNT + 3;
		if ((rc = row_from_stmt(st, rows)) || (rc = revs_room(revs, rows->nrows, &cap)))
			goto out;
		(*revs)[2 * (rows->nrows - 1)] = (long)sqlite3_column_int64(st, c);
		(*revs)[2 * (rows->nrows - 1) + 1] = (long)sqlite3_column_int64(st, c + 1);
	}
	if (r != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;

	/* County-year record versions opened or closed by it. */
	if (sqlite3_prepare_v2(q->db,
	        "SELECT i.county, i.year, i.item, i.value, i.note, i.source_file,"
	        " i.source_line, i.rev_from, coalesce(i.rev_to, 0)" REV_TOUCHED
	        " CROSS JOIN county_year i ON i.county = c.county AND i.year = c.year"
	        REV_WHERE " AND (i.rev_from = ?1 OR i.rev_to = ?1)"
	        " ORDER BY i.county, i.year, i.item, i.rev_from", -1, &st, NULL))
		goto fail;
	sqlite3_bind_int64(st, 1, rev);
	if (codes)
		sqlite3_bind_text(st, 2, list.data, (int)list.len, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = item_from_stmt(st, items)) || (rc = revs_room(irevs, items->count, &icap)))
			goto out;
		(*irevs)[2 * (items->count - 1)] = (long)sqlite3_column_int64(st, 7);
		(*irevs)[2 * (items->count - 1) + 1] = (long)sqlite3_column_int64(st, 8);
	}
	if (r != SQLITE_DONE)
		goto fail;
	goto out;
fail:
	rc = db_error(q, d, what);
out:
	sqlite3_finalize(st);
	jh_buf_free(&list);
	jh_buf_free(&sql);
	return rc;
}

static jh_code sq_revisions_of(void *db, const char *const *codes, size_t n,
                               long from, size_t limit, jh_revisions *out,
                               jh_diags *d)
{
	jh_buf list = JH_BUF_INIT;
	jh_code rc = codes_json(codes, n, &list);

	if (!rc)
		rc = revisions_select(db, &list, from, limit, out, d);
	jh_buf_free(&list);
	return rc;
}

static jh_code sq_account_add(void *db, const jh_user *u, const char *pwhash,
                              jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(q->db, "INSERT INTO account(name, role, area, pwhash,"
	                       " disabled, created, changed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	                       -1, &st, NULL))
		return db_error(q, d, "add account");
	sqlite3_bind_text(st, 1, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, jh_role_key(u->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, u->area, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, pwhash, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, u->disabled != 0);
	sqlite3_bind_int64(st, 6, u->created);
	sqlite3_bind_int64(st, 7, u->changed);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r == SQLITE_DONE)
		return JH_OK;
	if (sqlite3_extended_errcode(q->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
		return JH_ERR_CONFLICT;
	return db_error(q, d, "add account");
}

/* An account row (name, role, area, disabled, created, changed, pwhash)
 * into u (and pwhash when not NULL). */
static void account_from_stmt(sqlite3_stmt *st, jh_user *u, char *pwhash)
{
	int role = jh_role_parse((const char *)sqlite3_column_text(st, 1));

	memset(u, 0, sizeof *u);
	snprintf(u->name, sizeof u->name, "%s", sqlite3_column_text(st, 0));
	/* A role this version does not know cannot do anything. */
	u->role = role < 0 ? JH_ROLE_SCHOOL : (jh_role)role;
	snprintf(u->area, sizeof u->area, "%s", sqlite3_column_text(st, 2));
	u->disabled = role < 0 || sqlite3_column_int(st, 3) != 0;
	u->created = sqlite3_column_int64(st, 4);
	u->changed = sqlite3_column_int64(st, 5);
	if (pwhash)
		snprintf(pwhash, JH_PWHASH_MAX, "%s", sqlite3_column_text(st, 6));
}

#define ACCOUNT_COLS "name, role, area, disabled, created, changed, pwhash"

static jh_code sq_account_get(void *db, const char *name, jh_user *u,
                              char *pwhash, jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;
	int r;

	if ((rc = stmt(q, &q->account_get, "SELECT " ACCOUNT_COLS " FROM account"
	               " WHERE name = ?1", "account", d)))
		return rc;
	sqlite3_bind_text(q->account_get, 1, name, -1, SQLITE_STATIC);
	r = sqlite3_step(q->account_get);
	if (r == SQLITE_ROW) {
		account_from_stmt(q->account_get, u, pwhash);
		rc = JH_OK;
	} else {
		rc = r == SQLITE_DONE ? JH_ERR_NOTFOUND : db_error(q, d, "account");
	}
	sqlite3_reset(q->account_get);
	return rc;
}

static jh_code sq_account_update(void *db, const jh_user *u, const char *pwhash,
                                 jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(q->db, "UPDATE account SET role = ?2, area = ?3,"
	                       " disabled = ?4, changed = ?5, pwhash = coalesce(?6, pwhash)"
	                       " WHERE name = ?1", -1, &st, NULL))
		return db_error(q, d, "change account");
	sqlite3_bind_text(st, 1, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, jh_role_key(u->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, u->area, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, u->disabled != 0);
	sqlite3_bind_int64(st, 5, u->changed);
	if (pwhash)
		sqlite3_bind_text(st, 6, pwhash, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return db_error(q, d, "change account");
	return sqlite3_changes(q->db) ? JH_OK : JH_ERR_NOTFOUND;
}

static jh_code sq_accounts(void *db, jh_user **out, size_t *n, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	size_t cap = 0;
	jh_code rc = JH_OK;
	int r;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(q->db, "SELECT " ACCOUNT_COLS " FROM account ORDER BY name",
	                       -1, &st, NULL))
		return db_error(q, d, "accounts");
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		void *p = grow(*out, *n, &cap, sizeof **out);
		if (!p) {
			rc = JH_ERR_NOMEM;
			break;
		}
		*out = p;
		account_from_stmt(st, &(*out)[(*n)++], NULL);
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, "accounts");
	sqlite3_finalize(st);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static jh_code sq_session_add(void *db, const char *token_hash,
                              const char *csrf_hash, const char *account,
                              long long now, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(q->db, "INSERT INTO session(token_hash, csrf_hash, account,"
	                       " created, last_seen) VALUES (?1, ?2, ?3, ?4, ?4)",
	                       -1, &st, NULL))
		return db_error(q, d, "add session");
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, csrf_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, account, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? JH_OK : db_error(q, d, "add session");
}

static jh_code sq_session_get(void *db, const char *token_hash, char account[64],
                              char csrf_hash[65], long long *last_seen,
                              jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;
	int r;

	if ((rc = stmt(q, &q->session_get, "SELECT account, csrf_hash, last_seen"
	               " FROM session WHERE token_hash = ?1", "session", d)))
		return rc;
	sqlite3_bind_text(q->session_get, 1, token_hash, -1, SQLITE_STATIC);
	r = sqlite3_step(q->session_get);
	if (r == SQLITE_ROW) {
		snprintf(account, 64, "%s", sqlite3_column_text(q->session_get, 0));
		snprintf(csrf_hash, 65, "%s", sqlite3_column_text(q->session_get, 1));
		*last_seen = sqlite3_column_int64(q->session_get, 2);
		rc = JH_OK;
	} else {
		rc = r == SQLITE_DONE ? JH_ERR_NOTFOUND : db_error(q, d, "session");
	}
	sqlite3_reset(q->session_get);
	return rc;
}

static jh_code sq_session_touch(void *db, const char *token_hash, long long now,
                                jh_diags *d)
{
	struct sq *q = db;
	jh_code rc;

	if ((rc = stmt(q, &q->session_touch, "UPDATE session SET last_seen = ?2"
	               " WHERE token_hash = ?1 AND last_seen < ?2", "touch session", d)))
		return rc;
	sqlite3_bind_text(q->session_touch, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q->session_touch, 2, now);
	return sqlite3_step(q->session_touch) == SQLITE_DONE ? JH_OK :
	       db_error(q, d, "touch session");
}

static jh_code sq_sessions_delete(void *db, const char *token_hash,
                                  const char *account, long long before,
                                  jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(q->db, token_hash ?
	                       "DELETE FROM session WHERE token_hash = ?1" : account ?
	                       "DELETE FROM session WHERE account = ?1" :
	                       "DELETE FROM session WHERE last_seen < ?2", -1, &st, NULL))
		return db_error(q, d, "delete sessions");
	if (token_hash || account)
		sqlite3_bind_text(st, 1, token_hash ? token_hash : account, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 2, before);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? JH_OK : db_error(q, d, "delete sessions");
}

static jh_code sq_audit_add(void *db, long long at, const char *account,
                            const char *event, const char *address,
                            const char *detail, jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(q->db, "INSERT INTO audit(at, account, event, address, detail)"
	                       " VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'unixepoch'),"
	                       " ?2, ?3, ?4, ?5)", -1, &st, NULL))
		return db_error(q, d, "audit");
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_text(st, 2, account ? account : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, event, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, address ? address : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, detail ? detail : "", -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? JH_OK : db_error(q, d, "audit");
}

static jh_code sq_audit(void *db, size_t limit, jh_audit_entry **out, size_t *n,
                        jh_diags *d)
{
	struct sq *q = db;
	sqlite3_stmt *st;
	size_t cap = 0;
	jh_code rc = JH_OK;
	int r;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(q->db, "SELECT id, at, account, event, address, detail FROM"
	                       " (SELECT * FROM audit ORDER BY id DESC LIMIT ?1) ORDER BY id",
	                       -1, &st, NULL))
		return db_error(q, d, "audit");
	sqlite3_bind_int64(st, 1, limit ? (sqlite3_int64)limit : -1);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		jh_audit_entry *e;
		void *p = grow(*out, *n, &cap, sizeof **out);
		if (!p) {
			rc = JH_ERR_NOMEM;
			break;
		}
		*out = p;
		e = &(*out)[*n];
		memset(e, 0, sizeof *e);
		e->id = (long)sqlite3_column_int64(st, 0);
		snprintf(e->at, sizeof e->at, "%s", sqlite3_column_text(st, 1));
		snprintf(e->account, sizeof e->account, "%s", sqlite3_column_text(st, 2));
		snprintf(e->event, sizeof e->event, "%s", sqlite3_column_text(st, 3));
		snprintf(e->address, sizeof e->address, "%s", sqlite3_column_text(st, 4));
		if (!(e->detail = strdup((const char *)sqlite3_column_text(st, 5)))) {
			rc = JH_ERR_NOMEM;
			break;
		}
		(*n)++;
	}
	if (rc == JH_OK && r != SQLITE_DONE)
		rc = db_error(q, d, "audit");
	sqlite3_finalize(st);
	if (rc) {
		for (size_t i = 0; i < *n; i++)
			free((*out)[i].detail);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static const struct jhStoreOps sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.schema_version = sq_schema_version,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.load_areas = sq_load_areas,
	.put_areas = sq_put_areas,
	.load_schools = sq_load_schools,
	.put_schools = sq_put_schools,
	.load_rows = sq_load_rows,
	.row_revision = sq_row_revision,
	.last_revision = sq_last_revision,
	.new_revision = sq_new_revision,
	.close_rows = sq_close_rows,
	.insert_rows = sq_insert_rows,
	.insert_changes = sq_insert_changes,
	.area_history = sq_area_history,
	.load_versions = sq_load_versions,
	.revision_meta = sq_revision_meta,
	.revisions = sq_revisions,
	.load_items = sq_load_items,
	.close_items = sq_close_items,
	.insert_items = sq_insert_items,
	.load_item_versions = sq_load_item_versions,
	.revision_at = sq_revision_at,
	.touch = sq_touch,
	.county_revision = sq_county_revision,
	.county_revisions = sq_county_revisions,
	.school_county = sq_school_county,
	.school_name = sq_school_name,
	.county_years = sq_county_years,
	.revision_versions = sq_revision_versions,
	.revisions_of = sq_revisions_of,
	.account_add = sq_account_add,
	.account_get = sq_account_get,
	.account_update = sq_account_update,
	.accounts = sq_accounts,
	.session_add = sq_session_add,
	.session_get = sq_session_get,
	.session_touch = sq_session_touch,
	.sessions_delete = sq_sessions_delete,
	.audit_add = sq_audit_add,
	.audit = sq_audit,

	/* --- schema 7, ledgers (lib/store/sqlite_ledger.c) --- */
	.ledger_insert = jhSqLedgerInsert,
	.ledger_update = jhSqLedgerUpdate,
	.ledger_get = jhSqLedgerGet,
	.ledger_list = jhSqLedgerList,
	.ledger_event = jhSqLedgerEvent,
	.ledger_events = jhSqLedgerEvents,
	.evidence_add = jhSqEvidenceAdd,
	.evidence_list = jhSqEvidenceList,
	.evidence_get = jhSqEvidenceGet,

	/* --- schema 7, creation plans (lib/store/sqlite_creation.c) --- */
	.plandoc_get = jhSqPlandocGet,
	.plandoc_put = jhSqPlandocPut,
	.plandoc_versions = jhSqPlandocVersions,
	.plandoc_forwarded = jhSqPlandocForwarded,

	/* --- schema 7, workflow and snapshots (lib/store/sqlite_cycle.c) --- */
	.cycle_get = jhSqCycleGet,
	.cycle_list = jhSqCycleList,
	.cycle_put = jhSqCyclePut,
	.cycle_event_add = jhSqCycleEventAdd,
	.cycle_events = jhSqCycleEvents,
	.snapshot_add = jhSqSnapshotAdd,
	.snapshot_get = jhSqSnapshotGet,
	.snapshots = jhSqSnapshots,

};

static jh_code migrate(struct sq *q, jh_diags *d)
{
	int v = user_version(q);
	jh_code rc = JH_OK;

	if (v < 0)
		return db_error(q, d, "schema version");
	if (v > SCHEMA_VERSION) {
		char found[16];
		snprintf(found, sizeof found, "%d", v);
		jh_diags_add(d, JH_P_NEWER_SCHEMA, sqlite3_db_filename(q->db, "main"), NULL,
		             0, 0, NULL, found, NULL);
		return JH_ERR_DB;
	}
	if (v == SCHEMA_VERSION)
		return JH_OK;
	/* Tables are rebuilt by some migrations: foreign keys are off while
	 * they run (the pragma is a no-op inside a transaction) and checked
	 * after each. */
	if ((rc = exec(q, "PRAGMA foreign_keys = OFF", d)))
		return rc;
	for (; v < SCHEMA_VERSION; v++) {
		char pragma[64];
		sqlite3_stmt *st;
		int bad;

		if ((rc = exec(q, "BEGIN IMMEDIATE", d)))
			break;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(q, migrations[v], d)) || (rc = exec(q, pragma, d))) {
			sq_rollback(q);
			break;
		}
		if (sqlite3_prepare_v2(q->db, "PRAGMA foreign_key_check", -1, &st, NULL)) {
			rc = db_error(q, d, "migration");
			sq_rollback(q);
			break;
		}
		bad = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (bad) {
			jh_diags_add(d, JH_P_STORE, sqlite3_db_filename(q->db, "main"), NULL,
			             0, 0, NULL, "migration: foreign_key_check", NULL);
			sq_rollback(q);
			rc = JH_ERR_DB;
			break;
		}
		if ((rc = exec(q, "COMMIT", d)))
			break;
	}
	if (rc == JH_OK)
		rc = exec(q, "PRAGMA foreign_keys = ON", d);
	else
		sqlite3_exec(q->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return rc;
}

/* Read-only opening (JH_OPEN_READONLY): SQLITE_OPEN_READONLY, nothing
** written, no migration, so that eval, verdict, history and export work on
** a file or share the user may only read.  WAL needs the -shm index: SQLite
** opens a read-only WAL database when -shm and -wal exist or can be
** created next to it.  In a read-only directory with neither (the last
** writer closed cleanly, so the database file holds every commit) they
** cannot be created; then the file is opened as immutable, which is exact
** because nobody can be writing it in WAL mode: a writer would need the
** -wal file, which does not exist and cannot be created there. */
static int wal_absent(const char *path)
{
	char wal[4096];
	struct stat st;

	/* stat, never open and close: closing any descriptor of a file
	 * drops every POSIX lock this process holds on it, SQLite's too. */
	if (snprintf(wal, sizeof wal, "%s-wal", path) >= (int)sizeof wal)
		return 0;
	if (!stat(wal, &st))
		return 0;
	return errno == ENOENT;
}

/* A URI for sqlite3_open_v2 naming path: "file:" and the path with '%',
** '?' and '#' escaped, then the query. */
static char *file_uri(const char *path, const char *query)
{
	jh_buf b = JH_BUF_INIT;

	jh_buf_adds(&b, "file:");
	for (const char *p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			jh_buf_addf(&b, "%%%02X", (unsigned char)*p);
		else
			jh_buf_addc(&b, *p);
	jh_buf_adds(&b, query);
	return jh_buf_detach(&b, NULL);
}

static jh_code open_failed(struct sq *q, int r, const char *path, jh_diags *d)
{
	jh_problem p = jhSqliteProblem(r);

	jh_diags_add(d, p, path, NULL, 0, 0, NULL, p != JH_P_STORE ? NULL :
	             q->db ? sqlite3_errmsg(q->db) : "cannot open", NULL);
	sq_close(q);
	return JH_ERR_DB;
}

/* 1 when the open database is a junheng one (meta.application). */
static int is_junheng(struct sq *q)
{
	sqlite3_stmt *st;
	int ok = 0;

	if (sqlite3_prepare_v2(q->db, "SELECT value FROM meta WHERE key = 'application'",
	                       -1, &st, NULL) == SQLITE_OK) {
		ok = sqlite3_step(st) == SQLITE_ROW &&
		     !strcmp((const char *)sqlite3_column_text(st, 0), "junheng");
		sqlite3_finalize(st);
	}
	return ok;
}

/* Number of tables and the like in the file (0 for a new one); -1 when
 * it cannot be read. */
static int object_count(struct sq *q)
{
	sqlite3_stmt *st;
	int n = -1;

	if (sqlite3_prepare_v2(q->db, "SELECT count(*) FROM sqlite_master", -1, &st,
	                       NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

jh_code jhSqliteOpen(const char *path, int mode, struct jh_store *s,
                     jh_diags *d)
{
	struct sq *q = calloc(1, sizeof *q);
	int ro = mode == JH_OPEN_READONLY, create = mode == JH_OPEN_CREATE;
	int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI |
	            (ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
	            (create ? SQLITE_OPEN_CREATE : 0), r, n;
	char *uri;
	jh_code rc;

	if (!q)
		return JH_ERR_NOMEM;
	/* Only init creates a file: any other command names one that must
	 * exist, and says how to make it when it does not. */
	if (!create) {
		/* stat, not fopen/fclose: closing a descriptor of the file would
		 * drop the POSIX locks of this process's other connections to it
		 * (a server's), and another process could then delete the -wal
		 * under them. */
		struct stat st;
		if (stat(path, &st) && errno == ENOENT) {
			jh_diags_add(d, JH_P_DB_MISSING, NULL, NULL, 0, 0, NULL, path, path);
			free(q);
			return JH_ERR_NOTFOUND;
		}
	}
	if (!(uri = file_uri(path, "")))
		return free(q), JH_ERR_NOMEM;
	r = sqlite3_open_v2(uri, &q->db, flags, NULL);
	free(uri);
	if (r != SQLITE_OK)
		return open_failed(q, r, path, d);
	/* Writers queue for up to 5 s behind another's transaction. */
	sqlite3_busy_timeout(q->db, 5000);
	sqlite3_extended_result_codes(q->db, 1);
	/* A file that is not a database fails here, before anything is
	 * written to it. */
	n = object_count(q);
	if (n < 0 && ro && wal_absent(path) &&
	    ((sqlite3_extended_errcode(q->db) & 0xff) == SQLITE_READONLY ||
	     (sqlite3_extended_errcode(q->db) & 0xff) == SQLITE_CANTOPEN)) {
		sqlite3_close(q->db);
		q->db = NULL;
		if (!(uri = file_uri(path, "?immutable=1")))
			return free(q), JH_ERR_NOMEM;
		r = sqlite3_open_v2(uri, &q->db, flags, NULL);
		free(uri);
		if (r != SQLITE_OK)
			return open_failed(q, r, path, d);
		sqlite3_extended_result_codes(q->db, 1);
		n = object_count(q);
	}
	if (n < 0) {
		rc = db_error(q, d, "open");
		sq_close(q);
		return rc;
	}
	if ((rc = exec(q, "PRAGMA foreign_keys = ON", d))) {
		sq_close(q);
		return rc;
	}
	/* init makes a junheng database of a new or empty file only; every
	 * other command opens junheng databases only. */
	if ((!create || n > 0) && !is_junheng(q)) {
		jh_diags_add(d, JH_P_NOT_JUNHENG, path, NULL, 0, 0, NULL, NULL, NULL);
		sq_close(q);
		return JH_ERR_DB;
	}
	if (ro) {
		int v = user_version(q);
		if (v != SCHEMA_VERSION) {
			char found[16];
			snprintf(found, sizeof found, "%d", v);
			jh_diags_add(d, v > SCHEMA_VERSION ? JH_P_NEWER_SCHEMA : JH_P_DB_OLD_SCHEMA,
			             path, NULL, 0, 0, NULL, found, path);
			sq_close(q);
			return JH_ERR_DB;
		}
		if ((rc = exec(q, "PRAGMA cache_size = -65536", d))) {
			sq_close(q);
			return rc;
		}
		s->ops = &sqlite_ops;
		s->db = q;
		return JH_OK;
	}
	/* A new file gets 8 KB pages (half the pages and page writes of the
	 * default 4 KB for rows of about 250 bytes); only possible before
	 * anything is written, so an existing file keeps its own. */
	if (create && user_version(q) == 0 &&
	    (rc = exec(q, "PRAGMA page_size = 8192", d))) {
		sq_close(q);
		return rc;
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
