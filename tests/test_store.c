/*
** test_store.c — the versioned, audited store through the public API.
**
** Every test builds its own database in a mkdtemp directory under /tmp
** (removed in the teardown) from the small hand-made dataset below.  The
** expected values are written out by hand from that CSV text: counts of
** recorded fields, old and new texts, revision numbers, diagnostics.
*/
#include "testutil.h"

#include <dirent.h>
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

/* The schema this version of the library creates (PRAGMA user_version,
 * one per migration in store_sqlite.c).  Bump it with a new migration. */
#define SCHEMA_VERSION 9

#define AREAS_HDR "province_code,province_name,city_code,city_name,county_code,county_name\n"
#define AREAS AREAS_HDR \
	"360000,江西省,360100,南昌市,360102,东湖区\n" \
	"360000,江西省,360100,南昌市,360103,西湖区\n"

#define HDR "school_code,school_name,county_code,year,school_type,parent_code," \
	"location,boarding," \
	"students_primary,students_junior,students_senior," \
	"qualified_teachers_primary,qualified_teachers_junior," \
	"key_teachers_primary,key_teachers_junior," \
	"pe_art_teachers_primary,pe_art_teachers_junior," \
	"teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2," \
	"equipment_value_yuan,multimedia_rooms,classes_primary,classes_junior," \
	"备注,联系人\n"

/* Three schools of 2024, deliberately not in code order.
 *
 * Fields each row records when it is added (school_name and school_type
 * always; parent_code only when non-empty; location only when set;
 * boarding only when set; each numeric cell that is not empty; each
 * non-empty extra):
 *   C 3601030001  2 + parent 0 + location 0 + boarding 1 + 15 + 2 classes
 *                 + 备注 1                                           = 21
 *   A 3601020001  2 + 0 + urban 1 + boarding 1 + 15 + classes_primary 1
 *                 + 备注, 联系人 2                                   = 22
 *   B 3601020002  2 + parent 1 + rural 1 + 0 + 15 + classes_primary 1
 *                 + 联系人 1                                         = 21
 * Total 64. */
#define ROW_C "3601030001,西湖九年制学校,360103,2024,nine_year,,,1," \
	"600,400,0,35,30,8,6,6,5,40,35,7000.25,16000,3500000,22,14,9,新校区,\n"
#define ROW_A "3601020001,东湖小学,360102,2024,primary,,urban,0," \
	"2483,0,0,120,0,30,0,12,0,141,0,12000.5,20000,6000000,60,50,,示范校,王老师\n"
#define ROW_A_2490 "3601020001,东湖小学,360102,2024,primary,,urban,0," \
	"2490,0,0,120,0,30,0,12,0,141,0,12000.5,20000,6000000,60,50,,示范校,王老师\n"
#define ROW_B "3601020002,东湖教学点,360102,2024,teaching_point,3601020001,rural,," \
	"30,0,0,2,0,0,0,0,0,3,0,150,300,60000,1,3,,,李老师\n"
#define SCHOOLS HDR ROW_C ROW_A ROW_B

#define A_CODE "3601020001"
#define B_CODE "3601020002"
#define C_CODE "3601030001"

#define AT1 "2024-01-10T09:00:00Z"
#define AT2 "2024-03-01T10:00:00Z"
#define AT3 "2024-04-01T08:00:00Z"
#define AT4 "2024-04-15T12:00:00Z"

struct fx {
	char dir[64];
	char path[96];
	jh_store *s;
	jh_diags d;
	char sha_areas[65], sha_schools[65];
};

/* --- helpers ------------------------------------------------------------ */

static void fail_diags(const char *what, jh_code rc, const jh_diags *d)
{
	jh_buf b = JH_BUF_INIT;

	jh_diags_format(d, "en", &b);
	fail_msg("%s: %s\n%s", what, jh_code_str(rc, "en"), b.data ? b.data : "");
}

static jh_table *parse(const char *csv, const char *file)
{
	jh_table *t = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc = jh_csv_parse(csv, strlen(csv), file, &t, &d);

	if (rc)
		fail_diags(file, rc, &d);
	jh_diags_free(&d);
	return t;
}

static jh_dataset *dataset(const char *csv, const char *file)
{
	jh_table *t = parse(csv, file);
	jh_dataset *ds = jh_dataset_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc;

	assert_non_null(ds);
	if ((rc = jh_dataset_add_table(ds, t, &d)))
		fail_diags(file, rc, &d);
	jh_table_free(t);
	jh_diags_free(&d);
	return ds;
}

static jh_areas *areas(const char *csv, const char *file)
{
	jh_table *t = parse(csv, file);
	jh_areas *a = jh_areas_new();
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc;

	assert_non_null(a);
	assert_true(jh_areas_table_is(t));
	if ((rc = jh_areas_add_table(a, t, &d)))
		fail_diags(file, rc, &d);
	jh_table_free(t);
	jh_diags_free(&d);
	return a;
}

static jh_revision_info rinfo(const char *who, const char *why, const char *kind)
{
	jh_revision_info i;

	memset(&i, 0, sizeof i);
	i.who = who;
	i.why = why;
	i.kind = kind;
	return i;
}

/* The tests' clock: every store a test opens reads the time from here
 * (jh_store_set_clock), so revision times are the ones a test sets. */
static long long g_now;

static long long test_clock(void *ctx)
{
	(void)ctx;
	return g_now;
}

/* Seconds since 1970 of "YYYY-MM-DDTHH:MM:SSZ". */
static long long utc(const char *iso)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	assert_int_equal(sscanf(iso, "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon,
	                        &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec), 6);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long long)timegm(&tm);
}

/* The next revision happens at this time. */
static void clock_at(const char *iso)
{
	g_now = utc(iso);
}

static void import_ok(struct fx *f, const jh_areas *a, const jh_dataset *ds,
                      const jh_revision_info *info, jh_import_stats *st)
{
	jh_code rc = jh_store_import(f->s, a, ds, NULL, info, st, &f->d);

	if (rc)
		fail_diags("import", rc, &f->d);
}

static jh_dataset *load(struct fx *f, long as_of)
{
	jh_dataset *ds = NULL;
	jh_code rc = jh_store_load(f->s, NULL, as_of, &ds, &f->d);

	if (rc)
		fail_diags("load", rc, &f->d);
	return ds;
}

/* Revision `n` exists (resolving "n" succeeds). */
static int has_revision(struct fx *f, long n)
{
	char spec[24];
	long rev = -1;
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc;

	snprintf(spec, sizeof spec, "%ld", n);
	rc = jh_store_resolve_as_of(f->s, spec, &rev, &d);
	jh_diags_free(&d);
	if (rc == JH_OK) {
		assert_int_equal(rev, n);
		return 1;
	}
	assert_int_equal(rc, JH_ERR_NOTFOUND);
	return 0;
}

/* The newest revision is exactly n: n exists (when n > 0), n + 1 does not. */
static void assert_last_revision(struct fx *f, long n)
{
	if (n > 0)
		assert_true(has_revision(f, n));
	assert_false(has_revision(f, n + 1));
}

static const jh_diag *find_diag(const jh_diags *d, jh_problem p)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].problem == p)
			return &d->items[i];
	{
		jh_buf b = JH_BUF_INIT;
		jh_diags_format(d, "en", &b);
		fail_msg("no diagnostic of kind %d among:\n%s", (int)p, b.data ? b.data : "");
	}
	return NULL;
}

static void assert_str_or_null(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
}

static const char *extra(const jh_dataset *ds, const jh_school_year *sy, size_t k,
                         const char **name)
{
	const jh_extra *e;

	assert_true(k < sy->extra_count);
	e = &ds->extras[sy->extra_first + k];
	*name = ds->extra_names[e->name];
	return e->value;
}

/* Every stored field of two rows is the same (NaN equals NaN); extras in
 * the same order. */
static void assert_row_equal(const jh_dataset *ea, const jh_school_year *a,
                             const jh_dataset *eb, const jh_school_year *b)
{
	assert_string_equal(a->school_code, b->school_code);
	assert_string_equal(a->county_code, b->county_code);
	assert_string_equal(a->parent_code, b->parent_code);
	assert_int_equal(a->year, b->year);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->location, b->location);
	assert_int_equal(a->boarding, b->boarding);
	assert_string_equal(a->school_name, b->school_name);
	for (int fl = 0; fl < JH_F__COUNT; fl++) {
		if (isnan(a->v[fl]) || isnan(b->v[fl])) {
			if (!isnan(a->v[fl]) || !isnan(b->v[fl]))
				fail_msg("%s %s: %g vs %g", a->school_code,
				         jh_field_key((jh_field)fl), a->v[fl], b->v[fl]);
			continue;
		}
		if (a->v[fl] != b->v[fl])
			fail_msg("%s %s: %.17g vs %.17g", a->school_code,
			         jh_field_key((jh_field)fl), a->v[fl], b->v[fl]);
	}
	assert_int_equal(a->extra_count, b->extra_count);
	for (size_t k = 0; k < a->extra_count; k++) {
		const char *na, *nb;
		const char *va = extra(ea, a, k, &na), *vb = extra(eb, b, k, &nb);
		assert_string_equal(na, nb);
		assert_string_equal(va, vb);
	}
}

/* Same set of school-years with the same fields, whatever the order. */
static void assert_same_rows(const jh_dataset *a, const jh_dataset *b)
{
	assert_int_equal(a->nrows, b->nrows);
	for (size_t i = 0; i < a->nrows; i++) {
		const jh_school_year *o = jh_dataset_find(b, a->rows[i].school_code,
		                                          a->rows[i].year);
		if (!o)
			fail_msg("%s/%d missing", a->rows[i].school_code, a->rows[i].year);
		assert_row_equal(a, &a->rows[i], b, o);
	}
}

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

static char *read_all(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long len;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	len = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	buf[len] = '\0';
	*n = (size_t)len;
	return buf;
}

/* --- fixture ------------------------------------------------------------ */

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/jh_test_store.XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/j.db", f->dir);
	jh_diags_init(&f->d);
	jh_sha256_hex(AREAS, strlen(AREAS), f->sha_areas);
	jh_sha256_hex(SCHOOLS, strlen(SCHOOLS), f->sha_schools);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	jh_store_close(f->s);
	jh_diags_free(&f->d);
	rm_rf(f->dir);
	free(f);
	return 0;
}

static void init_db(struct fx *f)
{
	jh_code rc = jh_store_init(f->path, &f->s, &f->d);

	if (rc)
		fail_diags("init", rc, &f->d);
	jh_store_set_clock(f->s, test_clock, NULL);
}

/* Revision 1: the areas and the three schools, from two named files. */
static void import_base(struct fx *f, jh_import_stats *st)
{
	jh_areas *a = areas(AREAS, "areas.csv");
	jh_dataset *ds = dataset(SCHOOLS, "schools-2024.csv");
	const char *names[2] = {"areas.csv", "schools-2024.csv"};
	const char *shas[2] = {f->sha_areas, f->sha_schools};
	jh_revision_info i = rinfo("张三", "initial load", "import");
	jh_import_stats local;

	i.nsources = 2;
	i.source_names = names;
	i.source_sha256 = shas;
	init_db(f);
	clock_at(AT1);
	import_ok(f, a, ds, &i, st ? st : &local);
	jh_areas_free(a);
	jh_dataset_free(ds);
}

/* Revision 2: school A's primary pupils 2483 → 2490. */
static void import_change(struct fx *f, jh_import_stats *st, char sha[65])
{
	const char *csv = HDR ROW_C ROW_A_2490 ROW_B;
	jh_dataset *ds = dataset(csv, "schools-2024-fix.csv");
	const char *names[1] = {"schools-2024-fix.csv"};
	const char *shas[1];
	jh_revision_info i = rinfo("李四", "更正在校生数", "import");
	jh_import_stats local;

	jh_sha256_hex(csv, strlen(csv), sha);
	shas[0] = sha;
	i.nsources = 1;
	i.source_names = names;
	i.source_sha256 = shas;
	clock_at(AT2);
	import_ok(f, NULL, ds, &i, st ? st : &local);
	jh_dataset_free(ds);
}

/* --- init and open ---------------------------------------------------------- */

static void test_init_schema(void **state)
{
	struct fx *f = *state;
	jh_dataset *ds;

	init_db(f);
	assert_int_equal(jh_store_schema_version(f->s), SCHEMA_VERSION);
	/* A new database has no revisions and no rows. */
	assert_last_revision(f, 0);
	ds = load(f, 0);
	assert_int_equal(ds->nrows, 0);
	jh_dataset_free(ds);
	jh_store_close(f->s);
	f->s = NULL;

	/* init again, and open: same schema, no harm. */
	init_db(f);
	assert_int_equal(jh_store_schema_version(f->s), SCHEMA_VERSION);
	jh_store_close(f->s);
	f->s = NULL;
	assert_int_equal(jh_store_open(f->path, &f->s, &f->d), JH_OK);
	assert_int_equal(jh_store_schema_version(f->s), SCHEMA_VERSION);
	assert_int_equal(f->d.count, 0);
}

/* Re-initialising a database that holds data keeps the data. */
static void test_reinit_keeps_data(void **state)
{
	struct fx *f = *state;
	jh_dataset *before, *after;

	import_base(f, NULL);
	before = load(f, 0);
	jh_store_close(f->s);
	f->s = NULL;
	init_db(f);
	assert_int_equal(jh_store_schema_version(f->s), SCHEMA_VERSION);
	after = load(f, 0);
	assert_int_equal(after->nrows, 3);
	assert_same_rows(before, after);
	assert_last_revision(f, 1);
	jh_dataset_free(before);
	jh_dataset_free(after);
}

static const jh_diag *assert_store_diag_of(const jh_diags *d, jh_problem p,
                                           const char *path)
{
	const jh_diag *g = find_diag(d, p);

	assert_non_null(g->file);
	assert_string_equal(g->file, path);
	return g;
}


static void test_open_not_junheng(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	char *before, *after;
	size_t nb, na;

	/* A valid SQLite database of some other application. */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);",
	                              NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	before = read_all(f->path, &nb);

	assert_int_equal(jh_store_open(f->path, &f->s, &f->d), JH_ERR_DB);
	assert_null(f->s);
	assert_store_diag_of(&f->d, JH_P_NOT_JUNHENG, f->path);
	/* Not touched. */
	after = read_all(f->path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(before, after, nb);
	free(before);
	free(after);

	/* One with a meta table naming another application. */
	jh_diags_free(&f->d);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
	                              "INSERT INTO meta VALUES ('application', 'other');",
	                              NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(jh_store_open(f->path, &f->s, &f->d), JH_ERR_DB);
	assert_null(f->s);
	assert_store_diag_of(&f->d, JH_P_NOT_JUNHENG, f->path);

	/* A missing file is not created by open. */
	{
		char missing[128];
		struct stat sb;
		snprintf(missing, sizeof missing, "%s/none.db", f->dir);
		jh_diags_free(&f->d);
		assert_int_equal(jh_store_open(missing, &f->s, &f->d), JH_ERR_NOTFOUND);
		assert_null(f->s);
		/* Said so, naming the file twice: it is missing, and init it. */
		assert_string_equal(find_diag(&f->d, JH_P_DB_MISSING)->arg, missing);
		assert_string_equal(find_diag(&f->d, JH_P_DB_MISSING)->arg2, missing);
		jh_diags_free(&f->d);
		assert_int_equal(jh_store_open_readonly(missing, &f->s, &f->d), JH_ERR_NOTFOUND);
		find_diag(&f->d, JH_P_DB_MISSING);
		assert_int_not_equal(stat(missing, &sb), 0);
	}
}

/* A junheng database written by a newer version is refused. */
static void test_open_newer_schema(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;

	init_db(f);
	jh_store_close(f->s);
	f->s = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(jh_store_open(f->path, &f->s, &f->d), JH_ERR_DB);
	assert_null(f->s);
	assert_string_equal(assert_store_diag_of(&f->d, JH_P_NEWER_SCHEMA, f->path)->arg, "99");
}

static void test_open_not_database(void **state)
{
	struct fx *f = *state;
	static const char text[] =
		"school_code,school_name\nThis is a CSV file, not a database at all.\n"
		"Padding so that the file is longer than a database header: "
		"0123456789012345678901234567890123456789012345678901234567890123456789\n";
	char *after;
	size_t na;

	write_file(f->path, text, sizeof text - 1);
	assert_int_equal(jh_store_open(f->path, &f->s, &f->d), JH_ERR_DB);
	assert_null(f->s);
	/* Its own coded problem, in both languages (no SQLite English). */
	assert_null(assert_store_diag_of(&f->d, JH_P_DB_DAMAGED, f->path)->arg);

	/* init refuses it too, and neither writes to it. */
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_init(f->path, &f->s, &f->d), JH_ERR_DB);
	assert_null(f->s);
	assert_store_diag_of(&f->d, JH_P_DB_DAMAGED, f->path);
	after = read_all(f->path, &na);
	assert_int_equal(na, sizeof text - 1);
	assert_memory_equal(after, text, na);
	free(after);
}

/* --- import --------------------------------------------------------------- */

static void test_import_new(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_dataset *src, *ds;
	const jh_school_year *a, *b, *c;
	const char *name;

	import_base(f, &st);
	assert_int_equal(st.revision, 1);
	assert_int_equal(st.rows, 3);
	assert_int_equal(st.added, 3);
	assert_int_equal(st.changed, 0);
	assert_int_equal(st.unchanged, 0);
	assert_int_equal(st.deleted, 0);
	/* 21 + 22 + 21 school fields (see ROW_*); the 4 areas added are
	 * counted in areas_changed, not here. */
	assert_int_equal(st.fields_changed, 64);
	assert_int_equal(st.areas_changed, 4);
	assert_int_equal(st.areas_changed, 4);     /* 江西省, 南昌市, 东湖区, 西湖区 */
	assert_last_revision(f, 1);

	ds = load(f, 0);
	src = dataset(SCHOOLS, "schools-2024.csv");
	assert_int_equal(ds->nrows, 3);
	assert_same_rows(src, ds);

	/* Spelled out for school A (ROW_A). */
	a = jh_dataset_find(ds, A_CODE, 2024);
	assert_non_null(a);
	assert_string_equal(a->school_name, "东湖小学");
	assert_string_equal(a->county_code, "360102");
	assert_int_equal(a->type, JH_TYPE_PRIMARY);
	assert_string_equal(a->parent_code, "");
	assert_int_equal(a->location, JH_LOC_URBAN);
	assert_int_equal(a->boarding, 0);
	assert_true(a->v[JH_F_STUDENTS_PRIMARY] == 2483);
	assert_true(a->v[JH_F_TEACHING_AREA] == 12000.5);
	assert_true(a->v[JH_F_EQUIPMENT_VALUE] == 6000000);
	assert_true(a->v[JH_F_CLASSES_PRIMARY] == 50);
	assert_true(isnan(a->v[JH_F_CLASSES_JUNIOR]));
	assert_int_equal(a->extra_count, 2);
	assert_string_equal(extra(ds, a, 0, &name), "示范校");
	assert_string_equal(name, "备注");
	assert_string_equal(extra(ds, a, 1, &name), "王老师");
	assert_string_equal(name, "联系人");
	/* Where it came from. */
	assert_non_null(a->file);
	assert_string_equal(a->file, "schools-2024.csv");
	assert_int_equal(a->line, 3);

	b = jh_dataset_find(ds, B_CODE, 2024);
	assert_non_null(b);
	assert_int_equal(b->type, JH_TYPE_TEACHING_POINT);
	assert_string_equal(b->parent_code, A_CODE);
	assert_int_equal(b->location, JH_LOC_RURAL);
	assert_int_equal(b->boarding, -1);
	assert_int_equal(b->extra_count, 1);
	assert_string_equal(extra(ds, b, 0, &name), "李老师");
	assert_string_equal(name, "联系人");

	c = jh_dataset_find(ds, C_CODE, 2024);
	assert_non_null(c);
	assert_int_equal(c->type, JH_TYPE_NINE_YEAR);
	assert_int_equal(c->location, JH_LOC_UNKNOWN);
	assert_int_equal(c->boarding, 1);
	assert_true(c->v[JH_F_TEACHING_AREA] == 7000.25);
	assert_true(c->v[JH_F_CLASSES_JUNIOR] == 9);
	assert_int_equal(c->extra_count, 1);
	assert_string_equal(extra(ds, c, 0, &name), "新校区");
	assert_string_equal(name, "备注");

	/* Rows come back ordered by year, county, school. */
	assert_string_equal(ds->rows[0].school_code, A_CODE);
	assert_string_equal(ds->rows[1].school_code, B_CODE);
	assert_string_equal(ds->rows[2].school_code, C_CODE);

	/* Filters. */
	{
		jh_filter fl = {"360103", 0, NULL};
		jh_dataset *one = NULL;
		assert_int_equal(jh_store_load(f->s, &fl, 0, &one, &f->d), JH_OK);
		assert_int_equal(one->nrows, 1);
		assert_string_equal(one->rows[0].school_code, C_CODE);
		jh_dataset_free(one);
		fl.county_code = NULL;
		fl.school_code = B_CODE;
		fl.year = 2024;
		assert_int_equal(jh_store_load(f->s, &fl, 0, &one, &f->d), JH_OK);
		assert_int_equal(one->nrows, 1);
		assert_string_equal(one->rows[0].school_code, B_CODE);
		jh_dataset_free(one);
		fl.year = 2023;
		assert_int_equal(jh_store_load(f->s, &fl, 0, &one, &f->d), JH_OK);
		assert_int_equal(one->nrows, 0);
		jh_dataset_free(one);
	}

	/* The areas. */
	{
		jh_areas *ar = NULL;
		const jh_area *x;
		assert_int_equal(jh_store_areas(f->s, &ar, &f->d), JH_OK);
		assert_int_equal(ar->count, 4);
		x = jh_areas_find(ar, "360103");
		assert_non_null(x);
		assert_string_equal(x->name, "西湖区");
		assert_string_equal(x->parent, "360100");
		assert_int_equal(x->level, JH_AREA_COUNTY);
		x = jh_areas_find(ar, "360000");
		assert_non_null(x);
		assert_string_equal(x->name, "江西省");
		assert_string_equal(x->parent, "");
		assert_int_equal(x->level, JH_AREA_PROVINCE);
		jh_areas_free(ar);
	}

	/* Closed and reopened: the same. */
	jh_store_close(f->s);
	f->s = NULL;
	assert_int_equal(jh_store_open(f->path, &f->s, &f->d), JH_OK);
	{
		jh_dataset *again = load(f, 0);
		assert_same_rows(src, again);
		jh_dataset_free(again);
	}
	jh_dataset_free(src);
	jh_dataset_free(ds);
}

static void test_reimport_noop(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_areas *a = areas(AREAS, "areas.csv");
	jh_dataset *ds = dataset(SCHOOLS, "again.csv");
	jh_dataset *before, *after;
	jh_revision_info i = rinfo("王五", "again", "import");
	long rev = -1;

	import_base(f, NULL);
	before = load(f, 0);
	import_ok(f, a, ds, &i, &st);
	assert_int_equal(st.revision, 0);
	assert_int_equal(st.rows, 3);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.changed, 0);
	assert_int_equal(st.unchanged, 3);
	assert_int_equal(st.fields_changed, 0);
	assert_int_equal(st.areas_changed, 0);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2", &rev, &f->d), JH_ERR_NOTFOUND);
	/* Said with the range there is: 1 to 1. */
	assert_string_equal(find_diag(&f->d, JH_P_AS_OF_NO_REVISION)->arg, "2");
	assert_string_equal(find_diag(&f->d, JH_P_AS_OF_NO_REVISION)->arg2, "1");
	assert_last_revision(f, 1);
	after = load(f, 0);
	assert_same_rows(before, after);
	/* The stored rows still say where they were first read. */
	assert_string_equal(jh_dataset_find(after, A_CODE, 2024)->file, "schools-2024.csv");

	/* Areas alone, unchanged: nothing either. */
	import_ok(f, a, NULL, &i, &st);
	assert_int_equal(st.revision, 0);
	assert_int_equal(st.rows, 0);
	assert_last_revision(f, 1);

	jh_dataset_free(before);
	jh_dataset_free(after);
	jh_dataset_free(ds);
	jh_areas_free(a);
}

/* --- change and history ------------------------------------------------------ */

static void assert_change(const jh_change *c, long rev, const char *code,
                          const char *county, int year, const char *field,
                          const char *old, const char *new_)
{
	assert_int_equal(c->revision, rev);
	assert_non_null(c->entity);
	assert_string_equal(c->entity, "school_year");
	assert_string_equal(c->school_code, code);
	assert_string_equal(c->county_code, county);
	assert_int_equal(c->year, year);
	assert_string_equal(c->field, field);
	assert_str_or_null(c->old_value, old);
	assert_str_or_null(c->new_value, new_);
}

static void assert_meta(const jh_change *c, const char *at, const char *who,
                        const char *why, const char *kind, const char *sources)
{
	assert_str_or_null(c->at, at);
	assert_str_or_null(c->who, who);
	assert_str_or_null(c->why, why);
	assert_str_or_null(c->kind, kind);
	assert_str_or_null(c->sources, sources);
}

/* School A's 22 fields as recorded when it was added (ROW_A), in the
 * order history lists them: identity, location, boarding, numbers in
 * template order, extras in column order. */
static const char *const a_added[22][2] = {
	{"school_name", "东湖小学"},
	{"school_type", "primary"},
	{"location", "urban"},
	{"boarding", "0"},
	{"students_primary", "2483"},
	{"students_junior", "0"},
	{"students_senior", "0"},
	{"qualified_teachers_primary", "120"},
	{"qualified_teachers_junior", "0"},
	{"key_teachers_primary", "30"},
	{"key_teachers_junior", "0"},
	{"pe_art_teachers_primary", "12"},
	{"pe_art_teachers_junior", "0"},
	{"teachers_primary", "141"},
	{"teachers_junior", "0"},
	{"teaching_area_m2", "12000.5"},
	{"sports_area_m2", "20000"},
	{"equipment_value_yuan", "6000000"},
	{"multimedia_rooms", "60"},
	{"classes_primary", "50"},
	{"extra:备注", "示范校"},
	{"extra:联系人", "王老师"},
};

static void test_import_change_history(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_history *h = NULL;
	char sha2[65], src1[200], src2[120];

	import_base(f, NULL);
	import_change(f, &st, sha2);
	assert_int_equal(st.revision, 2);
	assert_int_equal(st.rows, 3);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.changed, 1);
	assert_int_equal(st.unchanged, 2);
	assert_int_equal(st.fields_changed, 1);
	assert_int_equal(st.areas_changed, 0);
	assert_last_revision(f, 2);

	snprintf(src1, sizeof src1, "areas.csv %s; schools-2024.csv %s",
	         f->sha_areas, f->sha_schools);
	snprintf(src2, sizeof src2, "schools-2024-fix.csv %s", sha2);

	assert_int_equal(jh_store_history(f->s, A_CODE, NULL, &h, &f->d), JH_OK);
	assert_int_equal(h->count, 22 + 1);
	for (size_t i = 0; i < 22; i++) {
		assert_change(&h->items[i], 1, A_CODE, "360102", 2024, a_added[i][0],
		              NULL, a_added[i][1]);
		assert_meta(&h->items[i], AT1, "张三", "initial load", "import", src1);
	}
	assert_change(&h->items[22], 2, A_CODE, "360102", 2024, "students_primary",
	              "2483", "2490");
	assert_meta(&h->items[22], AT2, "李四", "更正在校生数", "import", src2);
	jh_history_free(h);

	/* The other schools saw no change. */
	assert_int_equal(jh_store_history(f->s, B_CODE, NULL, &h, &f->d), JH_OK);
	assert_int_equal(h->count, 21);
	assert_change(&h->items[1], 1, B_CODE, "360102", 2024, "school_type", NULL,
	              "teaching_point");
	assert_change(&h->items[2], 1, B_CODE, "360102", 2024, "parent_code", NULL,
	              A_CODE);
	for (size_t i = 0; i < h->count; i++)
		assert_int_equal(h->items[i].revision, 1);
	jh_history_free(h);

	/* A county's history: its areas and its schools. */
	assert_int_equal(jh_store_history(f->s, NULL, "360103", &h, &f->d), JH_OK);
	{
		size_t areas_seen = 0, school = 0;
		for (size_t i = 0; i < h->count; i++) {
			const jh_change *c = &h->items[i];
			assert_int_equal(c->revision, 1);
			if (!strcmp(c->entity, "area")) {
				areas_seen++;
				assert_string_equal(c->school_code, "360103");
				assert_string_equal(c->field, "name");
				assert_null(c->old_value);
				assert_string_equal(c->new_value, "西湖区");
			} else {
				assert_string_equal(c->school_code, C_CODE);
				school++;
			}
		}
		assert_int_equal(areas_seen, 1);
		assert_int_equal(school, 21);
	}
	jh_history_free(h);

	/* Neither a school nor a county: an argument error. */
	assert_int_equal(jh_store_history(f->s, NULL, NULL, &h, &f->d), JH_ERR_ARG);
	assert_null(h);
	/* An unknown school has no history. */
	assert_int_equal(jh_store_history(f->s, "3601029999", NULL, &h, &f->d), JH_OK);
	assert_int_equal(h->count, 0);
	jh_history_free(h);
}

static void test_as_of(void **state)
{
	struct fx *f = *state;
	jh_dataset *ds;
	long rev;
	char sha2[65];

	import_base(f, NULL);
	import_change(f, NULL, sha2);

	ds = load(f, 1);
	assert_int_equal(ds->nrows, 3);
	assert_true(jh_dataset_find(ds, A_CODE, 2024)->v[JH_F_STUDENTS_PRIMARY] == 2483);
	jh_dataset_free(ds);
	ds = load(f, 2);
	assert_true(jh_dataset_find(ds, A_CODE, 2024)->v[JH_F_STUDENTS_PRIMARY] == 2490);
	jh_dataset_free(ds);
	ds = load(f, 0);
	assert_true(jh_dataset_find(ds, A_CODE, 2024)->v[JH_F_STUDENTS_PRIMARY] == 2490);
	jh_dataset_free(ds);

	/* As of revision 1 equals the original file, field for field. */
	{
		jh_dataset *src = dataset(SCHOOLS, "schools-2024.csv");
		ds = load(f, 1);
		assert_same_rows(src, ds);
		jh_dataset_free(ds);
		jh_dataset_free(src);
	}

	rev = -1;
	assert_int_equal(jh_store_resolve_as_of(f->s, "1", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 1);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 2);
	/* A date is the end of that day. */
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-02-01", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 1);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-01-10", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 1);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-03-01", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 2);
	/* A time is taken as given: revision 2 was at exactly 10:00:00. */
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-03-01T10:00:00", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 2);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-03-01T09:59:59", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 1);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-03-01 10:00:00", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 2);

	jh_diags_free(&f->d);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-01-10T08:59:59", &rev, &f->d),
	                 JH_ERR_NOTFOUND);
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2020-01-01", &rev, &f->d),
	                 JH_ERR_NOTFOUND);
	assert_string_equal(find_diag(&f->d, JH_P_AS_OF_BEFORE)->arg, "2020-01-01");
	assert_int_equal(jh_store_resolve_as_of(f->s, "3", &rev, &f->d), JH_ERR_NOTFOUND);
	assert_int_equal(jh_store_resolve_as_of(f->s, "0", &rev, &f->d), JH_ERR_NOTFOUND);
	assert_int_equal(jh_store_resolve_as_of(f->s, "yesterday", &rev, &f->d), JH_ERR_ARG);
	assert_int_equal(jh_store_resolve_as_of(f->s, "", &rev, &f->d), JH_ERR_ARG);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-13-01", &rev, &f->d), JH_ERR_ARG);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-03-01T10:00", &rev, &f->d),
	                 JH_ERR_ARG);
	assert_int_equal(jh_store_resolve_as_of(f->s, "-1", &rev, &f->d), JH_ERR_ARG);
}

/* --- set and delete ---------------------------------------------------------- */

static void test_set(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_history *h = NULL;
	jh_dataset *before, *after;
	char sha2[65];
	const char *fields[1] = {"teachers_primary"}, *values[1] = {"150"};
	jh_revision_info i = rinfo("赵六", "核实", "edit");

	import_base(f, NULL);
	import_change(f, NULL, sha2);
	clock_at(AT3);
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, values, &i, &st,
	                              &f->d), JH_OK);
	assert_int_equal(st.revision, 3);
	assert_int_equal(st.rows, 1);
	assert_int_equal(st.changed, 1);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.fields_changed, 1);
	assert_last_revision(f, 3);

	assert_int_equal(jh_store_history(f->s, A_CODE, NULL, &h, &f->d), JH_OK);
	assert_int_equal(h->count, 22 + 1 + 1);
	assert_change(&h->items[23], 3, A_CODE, "360102", 2024, "teachers_primary",
	              "141", "150");
	assert_meta(&h->items[23], AT3, "赵六", "核实", "edit", NULL);
	jh_history_free(h);

	/* Only that field changed: every other field as in revision 2. */
	before = load(f, 2);
	after = load(f, 0);
	{
		jh_school_year *a = (jh_school_year *)jh_dataset_find(before, A_CODE, 2024);
		assert_true(jh_dataset_find(after, A_CODE, 2024)->v[JH_F_TEACHERS_PRIMARY] == 150);
		a->v[JH_F_TEACHERS_PRIMARY] = 150;
		assert_same_rows(before, after);
	}
	jh_dataset_free(before);

	/* A bad value: refused with the cell's reason, nothing recorded. */
	values[0] = "many";
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, values, &i, &st,
	                              &f->d), JH_ERR_INPUT);
	{
		const jh_diag *g = find_diag(&f->d, JH_P_NOT_NUMBER);
		assert_string_equal(g->arg, "many");
		assert_non_null(g->column_name);
		assert_string_equal(g->column_name, "teachers_primary");
	}
	assert_last_revision(f, 3);

	/* A value another check refuses: more qualified teachers than
	 * teachers (120 > 100). */
	values[0] = "100";
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, values, &i, &st,
	                              &f->d), JH_ERR_INPUT);
	find_diag(&f->d, JH_P_TEACHERS_EXCEED);
	assert_last_revision(f, 3);

	/* An unknown school or year. */
	values[0] = "150";
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_set(f->s, "3601029999", 2024, 0, 1, fields, values, &i,
	                              &st, &f->d), JH_ERR_NOTFOUND);
	find_diag(&f->d, JH_P_NOT_FOUND);
	assert_int_equal(jh_store_set(f->s, A_CODE, 2023, 0, 1, fields, values, &i,
	                              &st, &f->d), JH_ERR_NOTFOUND);

	/* An unknown field, and the key that cannot change. */
	{
		const char *bad[1] = {"colour"};
		jh_diags_free(&f->d);
		assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, bad, values, &i,
		                              &st, &f->d), JH_ERR_INPUT);
		bad[0] = "school_code";
		assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, bad, values, &i,
		                              &st, &f->d), JH_ERR_INPUT);
	}

	/* The same value again: no revision. */
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, values, &i, &st,
	                              &f->d), JH_OK);
	assert_int_equal(st.revision, 0);
	assert_int_equal(st.unchanged, 1);
	assert_last_revision(f, 3);

	/* Two fields at once: one revision, two field changes. */
	{
		const char *vv[2] = {"东湖第一小学", "x"};
		const char *fn[2] = {"school_name", "备注"};
		jh_revision_info i4 = rinfo("赵六", "更名", "edit");
		clock_at(AT4);
		assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 2, fn, vv, &i4, &st,
		                              &f->d), JH_OK);
		assert_int_equal(st.revision, 4);
		assert_int_equal(st.fields_changed, 2);
		assert_int_equal(jh_store_history(f->s, A_CODE, NULL, &h, &f->d), JH_OK);
		assert_int_equal(h->count, 22 + 1 + 1 + 2);
		assert_change(&h->items[24], 4, A_CODE, "360102", 2024, "school_name",
		              "东湖小学", "东湖第一小学");
		assert_change(&h->items[25], 4, A_CODE, "360102", 2024, "extra:备注",
		              "示范校", "x");
		jh_history_free(h);
	}
	jh_dataset_free(after);
}

static void test_delete(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_history *h = NULL;
	jh_dataset *ds;
	char sha2[65];
	const char *fields[1] = {"teachers_primary"}, *values[1] = {"150"};
	jh_revision_info e = rinfo("赵六", "核实", "edit");
	jh_revision_info del = rinfo("赵六", "重复登记", "delete");

	import_base(f, NULL);
	import_change(f, NULL, sha2);
	clock_at(AT3);
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, values, &e, &st,
	                              &f->d), JH_OK);
	assert_int_equal(st.revision, 3);

	clock_at(AT4);
	assert_int_equal(jh_store_delete(f->s, B_CODE, 2024, &del, &st, &f->d), JH_OK);
	assert_int_equal(st.revision, 4);
	assert_int_equal(st.deleted, 1);
	assert_last_revision(f, 4);

	assert_int_equal(jh_store_history(f->s, B_CODE, NULL, &h, &f->d), JH_OK);
	assert_int_equal(h->count, 21 + 1);
	assert_change(&h->items[21], 4, B_CODE, "360102", 2024, "*", "东湖教学点", NULL);
	assert_meta(&h->items[21], AT4, "赵六", "重复登记", "delete", NULL);
	jh_history_free(h);

	ds = load(f, 0);
	assert_int_equal(ds->nrows, 2);
	assert_null(jh_dataset_find(ds, B_CODE, 2024));
	assert_non_null(jh_dataset_find(ds, A_CODE, 2024));
	assert_non_null(jh_dataset_find(ds, C_CODE, 2024));
	jh_dataset_free(ds);

	/* As of revision 3 it is there, as it was. */
	ds = load(f, 3);
	assert_int_equal(ds->nrows, 3);
	{
		jh_dataset *src = dataset(SCHOOLS, "schools-2024.csv");
		assert_row_equal(src, jh_dataset_find(src, B_CODE, 2024), ds,
		                 jh_dataset_find(ds, B_CODE, 2024));
		jh_dataset_free(src);
	}
	jh_dataset_free(ds);

	/* Deleting it again, or a school never stored: not found, no revision. */
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_delete(f->s, B_CODE, 2024, &del, &st, &f->d),
	                 JH_ERR_NOTFOUND);
	find_diag(&f->d, JH_P_NOT_FOUND);
	assert_int_equal(jh_store_delete(f->s, "3601029999", 0, &del, &st, &f->d),
	                 JH_ERR_NOTFOUND);
	assert_last_revision(f, 4);

	/* Importing it again adds it back as new, at revision 5. */
	{
		jh_dataset *again = dataset(HDR ROW_B, "b.csv");
		jh_revision_info i = rinfo("张三", "恢复", "import");
		clock_at("2024-05-01T00:00:00Z");
		import_ok(f, NULL, again, &i, &st);
		assert_int_equal(st.revision, 5);
		assert_int_equal(st.added, 1);
		assert_int_equal(st.fields_changed, 21);
		jh_dataset_free(again);
		assert_int_equal(jh_store_history(f->s, B_CODE, NULL, &h, &f->d), JH_OK);
		assert_int_equal(h->count, 21 + 1 + 21);
		assert_change(&h->items[22], 5, B_CODE, "360102", 2024, "school_name",
		              NULL, "东湖教学点");
		jh_history_free(h);
	}
}

/* year 0 deletes every year of the school. */
static void test_delete_all_years(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_dataset *ds;
	jh_revision_info i = rinfo("张三", "2023", "import");
	jh_revision_info del = rinfo("张三", "撤并", "delete");

	import_base(f, NULL);
	ds = dataset(HDR
		"3601030001,西湖九年制学校,360103,2023,nine_year,,,1,"
		"580,390,0,35,30,8,6,6,5,40,35,7000.25,16000,3500000,22,14,9,,\n"
		"3601020001,东湖小学,360102,2023,primary,,urban,0,"
		"2400,0,0,120,0,30,0,12,0,141,0,12000.5,20000,6000000,60,50,,,\n",
		"schools-2023.csv");
	clock_at(AT2);
	import_ok(f, NULL, ds, &i, &st);
	jh_dataset_free(ds);
	assert_int_equal(st.revision, 2);
	assert_int_equal(st.added, 2);

	clock_at(AT3);
	assert_int_equal(jh_store_delete(f->s, C_CODE, 0, &del, &st, &f->d), JH_OK);
	assert_int_equal(st.revision, 3);
	assert_int_equal(st.deleted, 2);
	ds = load(f, 0);
	assert_int_equal(ds->nrows, 3);         /* A 2023, A 2024, B 2024 */
	jh_dataset_free(ds);
	ds = load(f, 0);
	assert_null(jh_dataset_find(ds, C_CODE, 2023));
	assert_null(jh_dataset_find(ds, C_CODE, 2024));
	jh_dataset_free(ds);
}

/* --- errors leave the database unchanged ---------------------------------- */

static void assert_refused(struct fx *f, const char *csv, const char *file,
                           jh_problem p, long line, int column,
                           const char *arg, const char *arg2)
{
	jh_dataset *before = load(f, 0), *after, *ds = dataset(csv, file);
	jh_revision_info i = rinfo("张三", "bad", "import");
	jh_import_stats st;
	const jh_diag *g;
	long last;

	for (last = 1; has_revision(f, last + 1); last++)
		;
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_import(f->s, NULL, ds, NULL, &i, &st, &f->d), JH_ERR_INPUT);
	g = find_diag(&f->d, p);
	assert_non_null(g->file);
	assert_string_equal(g->file, file);
	assert_int_equal(g->line, line);
	assert_int_equal(g->column, column);
	assert_str_or_null(g->arg, arg);
	assert_str_or_null(g->arg2, arg2);
	after = load(f, 0);
	assert_same_rows(before, after);
	assert_last_revision(f, last);
	jh_dataset_free(before);
	jh_dataset_free(after);
	jh_dataset_free(ds);
}

static void test_errors_leave_db_unchanged(void **state)
{
	struct fx *f = *state;

	import_base(f, NULL);
	/* A good change on line 2 and a school of an unknown county on line
	 * 3: neither is written. */
	assert_refused(f, HDR ROW_A_2490
	               "3601990001,新建小学,360199,2024,primary,,,,"
	               "100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,,,,\n",
	               "bad-county.csv", JH_P_UNKNOWN_COUNTY, 3, 3, "360199", NULL);
	{
		const jh_diag *g = find_diag(&f->d, JH_P_UNKNOWN_COUNTY);
		assert_non_null(g->column_name);
		assert_string_equal(g->column_name, "county_code");
	}
	/* School A moved to 西湖区 (known county). */
	assert_refused(f, HDR ROW_C
	               "3601020001,东湖小学,360103,2024,primary,,urban,0,"
	               "2483,0,0,120,0,30,0,12,0,141,0,12000.5,20000,6000000,60,50,,示范校,王老师\n",
	               "moved.csv", JH_P_SCHOOL_MOVED, 3, 3, A_CODE, "360102");
	/* School A as a nine-year school in 2024, the year stored as
	 * primary: an import does not change a stored year's type (a later
	 * year may have another: test_type_between_years). */
	assert_refused(f, HDR
	               "3601020001,东湖小学,360102,2024,nine_year,,urban,0,"
	               "2483,0,0,120,0,30,0,12,0,141,0,12000.5,20000,6000000,60,50,,示范校,王老师\n",
	               "type.csv", JH_P_TYPE_CHANGED, 2, 5, A_CODE, "2024");
	/* A new school in two counties within one import. */
	assert_refused(f, HDR
	               "3601020009,新校,360102,2024,primary,,,,"
	               "100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,,,,\n"
	               "3601020009,新校,360103,2025,primary,,,,"
	               "100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,,,,\n",
	               "two.csv", JH_P_SCHOOL_MOVED, 3, 3, "3601020009", "360102");

	/* Without any area table, nothing can be imported. */
	{
		jh_store *s2 = NULL;
		char p2[128];
		jh_dataset *ds = dataset(SCHOOLS, "schools-2024.csv");
		jh_revision_info i = rinfo("张三", "x", "import");
		jh_import_stats st;
		jh_dataset *none = NULL;

		snprintf(p2, sizeof p2, "%s/empty.db", f->dir);
		assert_int_equal(jh_store_init(p2, &s2, &f->d), JH_OK);
		jh_diags_free(&f->d);
		assert_int_equal(jh_store_import(s2, NULL, ds, NULL, &i, &st, &f->d), JH_ERR_INPUT);
		assert_int_equal(f->d.count, 3);    /* one per row */
		for (size_t k = 0; k < f->d.count; k++)
			assert_int_equal(f->d.items[k].problem, JH_P_UNKNOWN_COUNTY);
		assert_int_equal(jh_store_load(s2, NULL, 0, &none, &f->d), JH_OK);
		assert_int_equal(none->nrows, 0);
		jh_dataset_free(none);
		jh_dataset_free(ds);
		jh_store_close(s2);
	}
}

/* --- areas ------------------------------------------------------------------ */

static void test_area_renamed(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_areas *a = areas(AREAS_HDR
	                    "360000,江西省,360100,南昌市,360102,东湖区\n"
	                    "360000,江西省,360100,南昌市,360103,西湖新区\n",
	                    "areas-2.csv");
	jh_revision_info i = rinfo("张三", "区划调整", "import");
	jh_history *h = NULL;
	size_t k, n = 0;

	import_base(f, NULL);
	clock_at(AT2);
	import_ok(f, a, NULL, &i, &st);
	assert_int_equal(st.revision, 2);
	assert_int_equal(st.areas_changed, 1);
	assert_int_equal(st.rows, 0);
	assert_int_equal(st.fields_changed, 0);   /* a rename is an area change */
	jh_areas_free(a);

	assert_int_equal(jh_store_history(f->s, NULL, "360103", &h, &f->d), JH_OK);
	for (k = 0; k < h->count; k++) {
		const jh_change *c = &h->items[k];
		if (strcmp(c->entity, "area"))
			continue;
		assert_string_equal(c->school_code, "360103");
		assert_string_equal(c->county_code, "360103");
		assert_string_equal(c->field, "name");
		if (n++ == 0) {
			assert_int_equal(c->revision, 1);
			assert_null(c->old_value);
			assert_string_equal(c->new_value, "西湖区");
			assert_string_equal(c->at, AT1);
		} else {
			assert_int_equal(c->revision, 2);
			assert_string_equal(c->old_value, "西湖区");
			assert_string_equal(c->new_value, "西湖新区");
			assert_meta(c, AT2, "张三", "区划调整", "import", NULL);
		}
	}
	assert_int_equal(n, 2);
	/* Oldest first. */
	for (k = 1; k < h->count; k++)
		assert_true(h->items[k - 1].revision <= h->items[k].revision);
	jh_history_free(h);

	{
		jh_areas *ar = NULL;
		assert_int_equal(jh_store_areas(f->s, &ar, &f->d), JH_OK);
		assert_int_equal(ar->count, 4);
		assert_string_equal(jh_areas_find(ar, "360103")->name, "西湖新区");
		assert_string_equal(jh_areas_find(ar, "360102")->name, "东湖区");
		jh_areas_free(ar);
	}
	/* The county's schools are untouched. */
	{
		jh_dataset *ds = load(f, 0), *src = dataset(SCHOOLS, "s.csv");
		assert_same_rows(src, ds);
		jh_dataset_free(ds);
		jh_dataset_free(src);
	}
}

/* A new county arriving with its schools, in one import. */
static void test_new_county_with_schools(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_areas *a = areas(AREAS_HDR "360000,江西省,360100,南昌市,360104,青云谱区\n",
	                    "areas-3.csv");
	jh_dataset *ds = dataset(HDR "3601040001,青云谱小学,360104,2024,primary,,,,"
	                         "100,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,,,,\n",
	                         "qyp.csv");
	jh_revision_info i = rinfo("张三", "新县", "import");

	import_base(f, NULL);
	import_ok(f, a, ds, &i, &st);
	assert_int_equal(st.revision, 2);
	assert_int_equal(st.areas_changed, 1);
	assert_int_equal(st.added, 1);
	/* name, type, 15 numbers (the new county is in areas_changed) */
	assert_int_equal(st.fields_changed, 17);
	jh_areas_free(a);
	jh_dataset_free(ds);
}

/* --- evaluation and export --------------------------------------------------- */

static char *report(const jh_dataset *ds, jh_format fmt)
{
	jh_standard std;
	jh_diags d = JH_DIAGS_INIT;
	jh_result *r = NULL;
	jh_buf b = JH_BUF_INIT;
	jh_code rc;

	assert_int_equal(jh_standard_national(&std, &d), JH_OK);
	if ((rc = jh_eval(ds, &std, NULL, &r, &d)))
		fail_diags("eval", rc, &d);
	assert_int_equal(jh_report(r, fmt, "en", &b), JH_OK);
	assert_int_equal(r->ncounties, 2);
	jh_result_free(r);
	jh_diags_free(&d);
	return jh_buf_detach(&b, NULL);
}

static void test_eval_store_equals_dataset(void **state)
{
	struct fx *f = *state;
	jh_dataset *src = dataset(SCHOOLS, "schools-2024.csv"), *ds;
	char sha2[65];
	static const jh_format fmts[] = {JH_FMT_JSON, JH_FMT_TEXT, JH_FMT_CSV};

	import_base(f, NULL);
	ds = load(f, 0);
	for (size_t k = 0; k < sizeof fmts / sizeof fmts[0]; k++) {
		char *a = report(src, fmts[k]), *b = report(ds, fmts[k]);
		assert_true(strlen(a) > 100);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	jh_dataset_free(ds);

	/* After a change, as-of 1 still evaluates like the original file and
	 * the current state like the changed one. */
	import_change(f, NULL, sha2);
	{
		jh_dataset *changed = dataset(HDR ROW_C ROW_A_2490 ROW_B, "schools-2024-fix.csv");
		jh_dataset *now = load(f, 0), *then = load(f, 1);
		char *a = report(src, JH_FMT_JSON), *b = report(then, JH_FMT_JSON);
		char *c = report(changed, JH_FMT_JSON), *e = report(now, JH_FMT_JSON);
		assert_string_equal(a, b);
		assert_string_equal(c, e);
		assert_string_not_equal(a, e);
		free(a);
		free(b);
		free(c);
		free(e);
		jh_dataset_free(changed);
		jh_dataset_free(now);
		jh_dataset_free(then);
	}
	jh_dataset_free(src);
}

static void test_export_roundtrip(void **state)
{
	struct fx *f = *state;
	jh_dataset *ds, *back;
	jh_buf csv = JH_BUF_INIT, csv2 = JH_BUF_INIT;
	jh_import_stats st;
	jh_revision_info i = rinfo("张三", "round trip", "import");

	import_base(f, NULL);
	ds = load(f, 0);
	assert_int_equal(jh_export_csv(ds, NULL, &csv), JH_OK);
	/* The template back, rows ordered by year, county, school; optional
	 * and extra columns kept; numbers as they were typed. */
	assert_string_equal(csv.data, HDR ROW_A ROW_B ROW_C);

	back = dataset(csv.data, "export.csv");
	import_ok(f, NULL, back, &i, &st);
	assert_int_equal(st.revision, 0);
	assert_int_equal(st.unchanged, 3);
	assert_int_equal(st.fields_changed, 0);
	assert_last_revision(f, 1);
	jh_dataset_free(back);

	/* A filter exports only what it selects; an optional column none of
	 * the selected rows has (location) is left out, extra columns are
	 * all kept. */
	{
		jh_filter fl = {"360103", 0, NULL};
		assert_int_equal(jh_export_csv(ds, &fl, &csv2), JH_OK);
		assert_string_equal(csv2.data,
			"school_code,school_name,county_code,year,school_type,parent_code,"
			"boarding,students_primary,students_junior,students_senior,"
			"qualified_teachers_primary,qualified_teachers_junior,"
			"key_teachers_primary,key_teachers_junior,"
			"pe_art_teachers_primary,pe_art_teachers_junior,"
			"teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2,"
			"equipment_value_yuan,multimedia_rooms,classes_primary,classes_junior,"
			"备注,联系人\n"
			"3601030001,西湖九年制学校,360103,2024,nine_year,,1,"
			"600,400,0,35,30,8,6,6,5,40,35,7000.25,16000,3500000,22,14,9,新校区,\n");
	}
	/* An XLSX export reads back to the same rows and imports as a no-op. */
	{
		char xp[128], *data;
		size_t n, ntabs = 0;
		jh_table **tabs = NULL;
		jh_dataset *x = jh_dataset_new();

		snprintf(xp, sizeof xp, "%s/e.xlsx", f->dir);
		assert_int_equal(jh_export_xlsx(ds, NULL, "en", xp, &f->d), JH_OK);
		data = read_all(xp, &n);
		assert_int_equal(jh_xlsx_read(data, n, "e.xlsx", &tabs, &ntabs, &f->d), JH_OK);
		assert_int_equal(ntabs, 1);
		assert_int_equal(jh_dataset_add_table(x, tabs[0], &f->d), JH_OK);
		assert_same_rows(ds, x);
		import_ok(f, NULL, x, &i, &st);
		assert_int_equal(st.revision, 0);
		assert_int_equal(st.unchanged, 3);
		jh_table_free(tabs[0]);
		free(tabs);
		free(data);
		jh_dataset_free(x);
	}
	jh_buf_free(&csv);
	jh_buf_free(&csv2);
	jh_dataset_free(ds);
}

/* --- time, revisions, concurrency, addresses (issue 8) --------------------- */

/* Revision n's time as the store lists it. */
static const char *rev_at(struct fx *f, jh_revisions **keep, long n)
{
	jh_code rc = jh_store_revisions(f->s, n, 1, keep, &f->d);

	if (rc)
		fail_diags("revisions", rc, &f->d);
	assert_int_equal(jh_revisions_count(*keep), 1);
	assert_int_equal(jh_revisions_at(*keep, 0)->number, n);
	return jh_revisions_at(*keep, 0)->at;
}

/* The store sets the time: a clock that steps back gives the last
 * revision's time again, never an earlier one. */
static void test_clock_monotonic(void **state)
{
	struct fx *f = *state;
	jh_revisions *r = NULL;
	jh_import_stats st;
	const char *fields[1] = {"teachers_primary"}, *values[1] = {"150"};
	jh_revision_info i = rinfo("赵六", "核实", "edit");
	long rev = -1;

	import_base(f, NULL);                 /* revision 1 at AT1 */
	clock_at(AT3);
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, values, &i, &st,
	                              &f->d), JH_OK);
	assert_int_equal(st.revision, 2);     /* at AT3 = 2024-04-01T08:00:00Z */
	clock_at(AT2);                        /* the clock steps back a month */
	values[0] = "151";
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, values, &i, &st,
	                              &f->d), JH_OK);
	assert_int_equal(st.revision, 3);
	assert_string_equal(rev_at(f, &r, 1), AT1);
	jh_revisions_free(r);
	assert_string_equal(rev_at(f, &r, 2), AT3);
	jh_revisions_free(r);
	assert_string_equal(rev_at(f, &r, 3), AT3);   /* not AT2 */
	jh_revisions_free(r);
	/* As of the end of 2024-03-01 (AT2's day, before AT3): revision 1
	 * only; the stepped-back revision 3 is not in it. */
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-03-01", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 1);
	/* As of AT3 itself: both revisions made then; the last is 3. */
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-04-01T08:00:00Z", &rev, &f->d),
	                 JH_OK);
	assert_int_equal(rev, 3);
	/* A date that does not exist is refused, not rolled over. */
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-02-30", &rev, &f->d), JH_ERR_ARG);
	find_diag(&f->d, JH_P_AS_OF_SPEC);
}

/* last_revision is the newest revision whatever its time: once it was a
 * lookup of the time "9999", which missed a revision made in 9999. */
static void test_last_revision_any_time(void **state)
{
	struct fx *f = *state;
	jh_revisions *r = NULL;
	jh_import_stats st;
	const char *fields[1] = {"teachers_primary"}, *values[1] = {"150"};
	jh_revision_info i = rinfo("赵六", "核实", "edit");

	import_base(f, NULL);
	clock_at("9999-12-31T23:59:59Z");
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, values, &i, &st,
	                              &f->d), JH_OK);
	assert_int_equal(st.revision, 2);
	assert_last_revision(f, 2);
	assert_string_equal(rev_at(f, &r, 2), "9999-12-31T23:59:59Z");
	jh_revisions_free(r);
}

static void test_revisions(void **state)
{
	struct fx *f = *state;
	jh_revisions *r = NULL;
	jh_import_stats st;
	jh_buf out = JH_BUF_INIT;
	const char *fields[1] = {"teachers_primary"}, *values[1] = {"150"};
	jh_revision_info i = rinfo("赵六", "核实", "edit");
	char sha2[65], src1[200], src2[120];
	const jh_revision *v;

	import_base(f, NULL);
	import_change(f, NULL, sha2);
	clock_at(AT3);
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, values, &i, &st,
	                              &f->d), JH_OK);
	snprintf(src1, sizeof src1, "areas.csv %s; schools-2024.csv %s",
	         f->sha_areas, f->sha_schools);
	snprintf(src2, sizeof src2, "schools-2024-fix.csv %s", sha2);

	assert_int_equal(jh_store_revisions(f->s, 1, 0, &r, &f->d), JH_OK);
	assert_int_equal(jh_revisions_count(r), 3);
	v = jh_revisions_at(r, 0);
	assert_int_equal(v->number, 1);
	assert_string_equal(v->at, AT1);
	assert_string_equal(v->who, "张三");
	assert_string_equal(v->why, "initial load");
	assert_string_equal(v->kind, "import");
	assert_string_equal(v->sources, src1);
	v = jh_revisions_at(r, 1);
	assert_int_equal(v->number, 2);
	assert_string_equal(v->at, AT2);
	assert_string_equal(v->who, "李四");
	assert_string_equal(v->sources, src2);
	v = jh_revisions_at(r, 2);
	assert_int_equal(v->number, 3);
	assert_string_equal(v->at, AT3);
	assert_string_equal(v->kind, "edit");
	assert_null(v->sources);
	assert_null(jh_revisions_at(r, 3));

	/* Rendered: a heading per revision (the same as history's). */
	jh_revisions_free(r);
	assert_int_equal(jh_store_revisions(f->s, 3, 0, &r, &f->d), JH_OK);
	assert_int_equal(jh_revisions_report(r, JH_FMT_TEXT, "en", &out), JH_OK);
	assert_string_equal(out.data, "revision 3  2024-04-01 08:00:00 (UTC)  赵六  edit: 核实\n");
	jh_buf_reset(&out);
	assert_int_equal(jh_revisions_report(r, JH_FMT_TEXT, "zh", &out), JH_OK);
	assert_string_equal(out.data, "修订 3  2024-04-01 08:00:00 (协调世界时)  赵六  修改:核实\n");
	jh_buf_reset(&out);
	assert_int_equal(jh_revisions_report(r, JH_FMT_JSON, "en", &out), JH_OK);
	assert_string_equal(out.data,
		"[\n {\n  \"revision\": 3,\n  \"at\": \"2024-04-01T08:00:00Z\",\n"
		"  \"who\": \"赵六\",\n  \"why\": \"核实\",\n  \"kind\": \"edit\",\n"
		"  \"sources\": null\n }\n]\n");
	jh_revisions_free(r);

	/* from and limit: revision 2 alone; past the last: none. */
	assert_int_equal(jh_store_revisions(f->s, 2, 1, &r, &f->d), JH_OK);
	assert_int_equal(jh_revisions_count(r), 1);
	assert_int_equal(jh_revisions_at(r, 0)->number, 2);
	jh_revisions_free(r);
	assert_int_equal(jh_store_revisions(f->s, 4, 0, &r, &f->d), JH_OK);
	assert_int_equal(jh_revisions_count(r), 0);
	jh_buf_reset(&out);
	assert_int_equal(jh_revisions_report(r, JH_FMT_TEXT, "en", &out), JH_OK);
	assert_string_equal(out.data, "no revisions\n");
	jh_revisions_free(r);
	jh_buf_free(&out);
}

/* History rendered by the library: school A after revision 2 ends with
 * the revision's heading, its source and the one changed field. */
static void test_history_report(void **state)
{
	struct fx *f = *state;
	jh_history *h = NULL;
	jh_buf out = JH_BUF_INIT;
	char sha2[65], want[400];
	size_t n;

	import_base(f, NULL);
	import_change(f, NULL, sha2);
	assert_int_equal(jh_store_history(f->s, A_CODE, NULL, &h, &f->d), JH_OK);
	assert_int_equal(jh_history_report(h, JH_FMT_TEXT, "en", &out), JH_OK);
	snprintf(want, sizeof want,
	         "revision 2  2024-03-01 10:00:00 (UTC)  李四  import: 更正在校生数\n"
	         "  source: schools-2024-fix.csv %s\n"
	         "  3601020001, 2024, primary students: 2483 → 2490\n", sha2);
	n = strlen(want);
	assert_true(out.len > n);
	assert_string_equal(out.data + out.len - n, want);
	/* The first lines: revision 1's heading and the school's name. */
	assert_int_equal(strncmp(out.data, "revision 1  2024-01-10 09:00:00 (UTC)  张三  import: "
	                         "initial load\n  source: areas.csv ", 80), 0);
	assert_non_null(strstr(out.data, "\n  3601020001, 2024, school name: ∅ → 东湖小学\n"));
	assert_non_null(strstr(out.data, "\n  3601020001, 2024, school type: ∅ → primary school\n"));
	assert_non_null(strstr(out.data, "\n  3601020001, 2024, urban or rural: ∅ → urban\n"));
	assert_non_null(strstr(out.data, "\n  3601020001, 2024, extra column '备注': ∅ → 示范校\n"));
	jh_buf_reset(&out);
	assert_int_equal(jh_history_report(h, JH_FMT_TEXT, "zh", &out), JH_OK);
	assert_int_equal(strncmp(out.data, "修订 1  2024-01-10 09:00:00 (协调世界时)  张三  导入:initial load\n"
	                         "  来源:areas.csv ", strlen("修订 1  2024-01-10 09:00:00 (协调世界时)  张三  "
	                         "导入:initial load\n  来源:areas.csv ")), 0);
	/* In Chinese, fields and values by their Chinese names (no keys). */
	assert_non_null(strstr(out.data, "\n  3601020001 2024 年度 学校名称:∅ → 东湖小学\n"));
	assert_non_null(strstr(out.data, "\n  3601020001 2024 年度 办学类型:∅ → 小学\n"));
	assert_non_null(strstr(out.data, "\n  3601020001 2024 年度 城乡类型:∅ → 城区\n"));
	assert_non_null(strstr(out.data, "\n  3601020001 2024 年度 是否寄宿制学校:∅ → 否\n"));
	assert_non_null(strstr(out.data, "\n  3601020001 2024 年度 小学在校生数:2483 → 2490\n"));
	jh_buf_reset(&out);
	assert_int_equal(jh_history_report(h, JH_FMT_JSON, "en", &out), JH_OK);
	{
		json_error_t e;
		json_t *a = json_loads(out.data, 0, &e), *last;
		assert_non_null(a);
		assert_int_equal(json_array_size(a), 23);
		last = json_array_get(a, 22);
		assert_int_equal(json_integer_value(json_object_get(last, "revision")), 2);
		assert_string_equal(json_string_value(json_object_get(last, "at")), AT2);
		assert_string_equal(json_string_value(json_object_get(last, "field")),
		                    "students_primary");
		assert_string_equal(json_string_value(json_object_get(last, "old")), "2483");
		assert_string_equal(json_string_value(json_object_get(last, "new")), "2490");
		assert_int_equal(json_integer_value(json_object_get(last, "year")), 2024);
		json_decref(a);
	}
	jh_history_free(h);
	/* Nothing recorded: said so. */
	assert_int_equal(jh_store_history(f->s, "3601029999", NULL, &h, &f->d), JH_OK);
	jh_buf_reset(&out);
	assert_int_equal(jh_history_report(h, JH_FMT_TEXT, "zh", &out), JH_OK);
	assert_string_equal(out.data, "没有变更记录\n");
	jh_history_free(h);
	jh_buf_free(&out);
}

/* A database whose revision times were written by callers in any form
 * (schema 3 took --at as given) is brought to the one UTC form, non-
 * decreasing in revision order, and --as-of DATE then compares times,
 * not texts. */
static void test_migrate_times(void **state)
{
	struct fx *f = *state;
	jh_revisions *r = NULL;
	jh_dataset *before, *after;
	jh_import_stats st;
	const char *fields[1] = {"teachers_primary"}, *values[1] = {"150"};
	jh_revision_info i = rinfo("赵六", "核实", "edit");
	char sha2[65];
	sqlite3 *db;
	long rev = -1;

	import_base(f, NULL);
	import_change(f, NULL, sha2);
	clock_at(AT3);
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, values, &i, &st,
	                              &f->d), JH_OK);
	before = load(f, 0);
	jh_store_close(f->s);
	f->s = NULL;
	/* As schema 3 could hold them: "zzz" (from --at zzz) and a time with
	 * an offset (16:00 at UTC+8 is 08:00 UTC). */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 3;"
	        "UPDATE revision SET at = 'zzz' WHERE id = 2;"
	        "UPDATE revision SET at = '2024-04-01T16:00:00+08:00' WHERE id = 3;",
	        NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(jh_store_open(f->path, &f->s, &f->d), JH_OK);
	assert_int_equal(jh_store_schema_version(f->s), SCHEMA_VERSION);
	/* 1 kept; 2 unreadable, so no later than the one before it: AT1;
	 * 3 in UTC. */
	assert_string_equal(rev_at(f, &r, 1), AT1);
	jh_revisions_free(r);
	assert_string_equal(rev_at(f, &r, 2), AT1);
	jh_revisions_free(r);
	assert_string_equal(rev_at(f, &r, 3), "2024-04-01T08:00:00Z");
	jh_revisions_free(r);
	/* 08:00 UTC is before 10:00 UTC: revision 3 is in (as text,
	 * "…T16:00:00+08:00" sorted after "…T10:00:00Z" and was left out). */
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-04-01T10:00:00", &rev, &f->d),
	                 JH_OK);
	assert_int_equal(rev, 3);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-04-01T07:59:59", &rev, &f->d),
	                 JH_OK);
	assert_int_equal(rev, 2);
	/* The rows and their history survived the rebuilt tables. */
	after = load(f, 0);
	assert_same_rows(before, after);
	jh_dataset_free(before);
	jh_dataset_free(after);
	{
		jh_history *h = NULL;
		assert_int_equal(jh_store_history(f->s, A_CODE, NULL, &h, &f->d), JH_OK);
		assert_int_equal(jh_history_count(h), 22 + 1 + 1);
		jh_history_free(h);
	}
}

/* Optimistic edits on two handles of one file: both read at revision 2;
 * the first edit lands, the second is refused naming revision 3, and
 * lands once based on 3.  Nothing is lost. */
static void test_set_conflict(void **state)
{
	struct fx *f = *state;
	jh_store *b = NULL;
	jh_import_stats st;
	jh_dataset *ds;
	const char *tf[1] = {"teachers_primary"}, *tv[1] = {"150"};
	const char *nf[1] = {"school_name"}, *nv[1] = {"东湖第一小学"};
	jh_revision_info i = rinfo("赵六", "核实", "edit");
	char sha2[65];

	import_base(f, NULL);
	import_change(f, NULL, sha2);
	assert_int_equal(jh_store_open(f->path, &b, &f->d), JH_OK);
	jh_store_set_clock(b, test_clock, NULL);
	clock_at(AT3);

	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 2, 1, tf, tv, &i, &st, &f->d),
	                 JH_OK);
	assert_int_equal(st.revision, 3);
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_set(b, A_CODE, 2024, 2, 1, nf, nv, &i, &st, &f->d),
	                 JH_ERR_CONFLICT);
	assert_int_equal(st.revision, 0);
	{
		const jh_diag *g = find_diag(&f->d, JH_P_CONFLICT);
		assert_string_equal(g->arg, "3601020001/2024");
		assert_string_equal(g->arg2, "3");
	}
	assert_last_revision(f, 3);
	ds = load(f, 0);
	assert_string_equal(jh_dataset_find(ds, A_CODE, 2024)->school_name, "东湖小学");
	jh_dataset_free(ds);
	/* Another school-year, unchanged since 2: based on 2 is fine. */
	assert_int_equal(jh_store_set(b, B_CODE, 2024, 2, 1, nf, nv, &i, &st, &f->d), JH_OK);
	assert_int_equal(st.revision, 4);
	/* Based on a revision that does not exist yet: refused. */
	assert_int_equal(jh_store_set(b, A_CODE, 2024, 99, 1, nf, nv, &i, &st, &f->d),
	                 JH_ERR_NOTFOUND);
	/* Redone on the current view: both edits are there. */
	assert_int_equal(jh_store_set(b, A_CODE, 2024, 4, 1, nf, nv, &i, &st, &f->d), JH_OK);
	assert_int_equal(st.revision, 5);
	ds = load(f, 0);
	assert_string_equal(jh_dataset_find(ds, A_CODE, 2024)->school_name, "东湖第一小学");
	assert_true(jh_dataset_find(ds, A_CODE, 2024)->v[JH_F_TEACHERS_PRIMARY] == 150);
	jh_dataset_free(ds);
	jh_store_close(b);
}

/* Two writers at once, each on its own handle and thread, editing other
 * fields of the same school-year 10 times: every edit lands and none
 * undoes the other's.  Had set read the row outside its transaction, a
 * set of one writer could carry the other's field back to a stale value,
 * and that field would show up among its changes. */
struct writer_job {
	const char *path;
	const char *field;
	int first;          /* values first .. first + 9 */
	jh_code rc;
};

static void *writer_thread(void *arg)
{
	struct writer_job *j = arg;
	jh_store *s = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_revision_info i = rinfo("并发", "test", "edit");

	j->rc = jh_store_open(j->path, &s, &d);
	for (int k = 0; k < 10 && j->rc == JH_OK; k++) {
		char v[32];
		const char *fields[1] = {j->field}, *values[1] = {v};
		jh_import_stats st;
		if (!strcmp(j->field, "school_name"))
			snprintf(v, sizeof v, "名%d", j->first + k);
		else
			snprintf(v, sizeof v, "%d", j->first + k);
		j->rc = jh_store_set(s, A_CODE, 2024, 0, 1, fields, values, &i, &st, &d);
		if (j->rc == JH_OK && st.fields_changed != 1)
			j->rc = JH_ERR_CONFLICT;     /* each edit changes one field */
	}
	jh_store_close(s);
	jh_diags_free(&d);
	return NULL;
}

static void test_concurrent_sets(void **state)
{
	struct fx *f = *state;
	struct writer_job a = {f->path, "teachers_primary", 151, JH_OK};
	struct writer_job b = {f->path, "school_name", 1, JH_OK};
	pthread_t ta, tb;
	jh_history *h = NULL;
	jh_dataset *ds;
	size_t nt = 0, nn = 0;

	import_base(f, NULL);
	assert_int_equal(pthread_create(&ta, NULL, writer_thread, &a), 0);
	assert_int_equal(pthread_create(&tb, NULL, writer_thread, &b), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	assert_int_equal(a.rc, JH_OK);
	assert_int_equal(b.rc, JH_OK);
	/* 1 import + 20 edits. */
	assert_last_revision(f, 21);
	ds = load(f, 0);
	/* The last value of each writer: 151 + 9 = 160 and 名10. */
	assert_true(jh_dataset_find(ds, A_CODE, 2024)->v[JH_F_TEACHERS_PRIMARY] == 160);
	assert_string_equal(jh_dataset_find(ds, A_CODE, 2024)->school_name, "名10");
	jh_dataset_free(ds);
	/* Each edit revision changed exactly its own field, and each field's
	 * values follow on from one another (141 → 151 → … → 160). */
	assert_int_equal(jh_store_history(f->s, A_CODE, NULL, &h, &f->d), JH_OK);
	assert_int_equal(jh_history_count(h), 22 + 20);
	for (size_t k = 22; k < jh_history_count(h); k++) {
		const jh_change *c = jh_history_at(h, k);
		char want_old[32], want_new[32];
		assert_int_equal(c->revision, (long)k - 20);
		if (!strcmp(c->field, "teachers_primary")) {
			snprintf(want_old, sizeof want_old, "%d", nt ? 150 + (int)nt : 141);
			snprintf(want_new, sizeof want_new, "%d", 151 + (int)nt);
			nt++;
		} else {
			assert_string_equal(c->field, "school_name");
			if (nn)
				snprintf(want_old, sizeof want_old, "名%d", (int)nn);
			else
				snprintf(want_old, sizeof want_old, "东湖小学");
			snprintf(want_new, sizeof want_new, "名%d", (int)nn + 1);
			nn++;
		}
		assert_string_equal(c->old_value, want_old);
		assert_string_equal(c->new_value, want_new);
	}
	assert_int_equal(nt, 10);
	assert_int_equal(nn, 10);
	jh_history_free(h);
}

/* The backend comes from the address: a path or sqlite:FILE is SQLite;
 * PostgreSQL is known but not built; other schemes are refused. */
static void test_backend_uri(void **state)
{
	struct fx *f = *state;
	jh_store *s = NULL;
	jh_dataset *ds = NULL;
	char uri[160];

	import_base(f, NULL);
	snprintf(uri, sizeof uri, "sqlite:%s", f->path);
	assert_int_equal(jh_store_open(uri, &s, &f->d), JH_OK);
	assert_int_equal(jh_store_load(s, NULL, 0, &ds, &f->d), JH_OK);
	assert_int_equal(jh_dataset_count(ds), 3);
	jh_dataset_free(ds);
	jh_store_close(s);

	s = NULL;
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_open("postgresql://localhost/junheng", &s, &f->d),
	                 JH_ERR_ARG);
	assert_null(s);
	assert_string_equal(find_diag(&f->d, JH_P_BACKEND_NOT_BUILT)->arg, "PostgreSQL");
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_init("postgres://db.example/j", &s, &f->d), JH_ERR_ARG);
	find_diag(&f->d, JH_P_BACKEND_NOT_BUILT);
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_open("mysql://localhost/j", &s, &f->d), JH_ERR_ARG);
	assert_string_equal(find_diag(&f->d, JH_P_STORE_URI)->arg, "mysql://localhost/j");
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_open("sqlite:", &s, &f->d), JH_ERR_ARG);
	find_diag(&f->d, JH_P_STORE_URI);
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_open("", &s, &f->d), JH_ERR_ARG);
	find_diag(&f->d, JH_P_STORE_URI);
	assert_null(s);
	/* The messages exist in both languages. */
	{
		jh_buf b = JH_BUF_INIT;
		jh_diags d = JH_DIAGS_INIT;
		jh_diags_add(&d, JH_P_BACKEND_NOT_BUILT, NULL, NULL, 0, 0, NULL, "PostgreSQL", NULL);
		jh_diags_format(&d, "en", &b);
		assert_non_null(strstr(b.data, "the PostgreSQL database backend is not built yet"));
		jh_buf_reset(&b);
		jh_diags_format(&d, "zh", &b);
		assert_non_null(strstr(b.data, "PostgreSQL 数据库后端尚未实现"));
		jh_buf_free(&b);
		jh_diags_free(&d);
	}
}

/* A batch large enough for the backend's bulk path (indexes dropped and
 * built again in the transaction, foreign keys checked by the generic
 * layer only): every row is stored, the indexes are back, every reference
 * holds, and a second batch changing every row keeps both versions. */
static char *many_rows(int n, int pupils)
{
	jh_buf b = JH_BUF_INIT;

	jh_buf_adds(&b, HDR);
	for (int i = 0; i < n; i++)
		jh_buf_addf(&b, "36010%05d,学校%d,360102,2024,primary,,,,"
		            "%d,0,0,5,0,2,0,1,0,8,0,500,800,210000,3,,,,\n",
		            i, i, pupils);
	return jh_buf_detach(&b, NULL);
}

static void test_bulk_import(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_revision_info i = rinfo("张三", "bulk", "import");
	char *csv = many_rows(5000, 100);
	jh_dataset *ds = dataset(csv, "bulk.csv"), *got;
	sqlite3 *db;
	sqlite3_stmt *q;
	int nidx = 0;

	import_base(f, NULL);                 /* 3 rows: the batch is larger */
	import_ok(f, NULL, ds, &i, &st);
	assert_int_equal(st.revision, 2);
	assert_int_equal(st.added, 5000);
	jh_dataset_free(ds);
	free(csv);
	/* Every pupil count changed (100 → 101): 5000 closed, 5000 new. */
	csv = many_rows(5000, 101);
	ds = dataset(csv, "bulk2.csv");
	import_ok(f, NULL, ds, &i, &st);
	assert_int_equal(st.revision, 3);
	assert_int_equal(st.changed, 5000);
	assert_int_equal(st.fields_changed, 5000);
	jh_dataset_free(ds);
	free(csv);

	got = load(f, 0);
	assert_int_equal(jh_dataset_count(got), 5003);
	assert_true(jh_dataset_find(got, "3601004999", 2024)->v[JH_F_STUDENTS_PRIMARY] == 101);
	jh_dataset_free(got);
	got = load(f, 2);
	assert_int_equal(jh_dataset_count(got), 5003);
	assert_true(jh_dataset_find(got, "3601000000", 2024)->v[JH_F_STUDENTS_PRIMARY] == 100);
	jh_dataset_free(got);

	/* Both indexes are there again. */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE"
	                 " type = 'index' AND name IN ('school_county', 'school_year_current')",
	                 -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	nidx = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	assert_int_equal(nidx, 2);
	/* The bulk load ran without SQLite's per-row foreign-key checks:
	 * every reference holds all the same. */
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &q, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
	sqlite3_close(db);
}

/* One county's file compared with that county only: A changed, B not,
 * the other county's school untouched. */
static void test_import_one_county(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_revision_info i = rinfo("李四", "东湖区", "import");
	jh_dataset *ds = dataset(HDR ROW_A_2490 ROW_B, "donghu.csv"), *got;

	import_base(f, NULL);
	import_ok(f, NULL, ds, &i, &st);
	assert_int_equal(st.revision, 2);
	assert_int_equal(st.rows, 2);
	assert_int_equal(st.changed, 1);
	assert_int_equal(st.unchanged, 1);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.fields_changed, 1);    /* 2483 → 2490 */
	got = load(f, 0);
	assert_int_equal(jh_dataset_count(got), 3);
	assert_true(jh_dataset_find(got, A_CODE, 2024)->v[JH_F_STUDENTS_PRIMARY] == 2490);
	assert_non_null(jh_dataset_find(got, C_CODE, 2024));
	jh_dataset_free(got);
	jh_dataset_free(ds);
}

/* --- re-imports never lose data silently (issue 9) ------------------------ */

/* The template's required columns only: no location, boarding, classes or
 * extra columns.  Same values as ROW_C, ROW_A, ROW_B; B's parent left
 * blank. */
#define REQ_HDR "school_code,school_name,county_code,year,school_type,parent_code," \
	"students_primary,students_junior,students_senior," \
	"qualified_teachers_primary,qualified_teachers_junior," \
	"key_teachers_primary,key_teachers_junior," \
	"pe_art_teachers_primary,pe_art_teachers_junior," \
	"teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2," \
	"equipment_value_yuan,multimedia_rooms\n"
#define REQ_C "3601030001,西湖九年制学校,360103,2024,nine_year,," \
	"600,400,0,35,30,8,6,6,5,40,35,7000.25,16000,3500000,22\n"
#define REQ_A "3601020001,东湖小学,360102,2024,primary,," \
	"2483,0,0,120,0,30,0,12,0,141,0,12000.5,20000,6000000,60\n"
#define REQ_B "3601020002,东湖教学点,360102,2024,teaching_point,," \
	"30,0,0,2,0,0,0,0,0,3,0,150,300,60000,1\n"

static jh_code import_csv(struct fx *f, const char *csv, const jh_import_opts *o,
                          jh_import_stats *st)
{
	jh_dataset *ds = dataset(csv, "fix.csv");
	jh_revision_info i = rinfo("李四", "更正", "import");
	jh_code rc = jh_store_import_opts(f->s, NULL, ds, NULL, o, &i, st, &f->d);

	jh_dataset_free(ds);
	return rc;
}

/* A corrected copy without the optional columns changes nothing: every
 * stored value, optional and extra, stays. */
static void test_reimport_absent_columns(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_dataset *before, *after;

	import_base(f, NULL);
	before = load(f, 0);
	assert_int_equal(import_csv(f, REQ_HDR REQ_C REQ_A REQ_B, NULL, &st), JH_OK);
	assert_int_equal(st.revision, 0);
	assert_int_equal(st.unchanged, 3);
	assert_int_equal(st.fields_changed, 0);
	after = load(f, 0);
	assert_same_rows(before, after);
	{
		/* Spot checks of what a diff ignoring absence would have
		 * cleared: A's classes 50 and location urban, B's parent,
		 * C's boarding 1 and 备注 新校区. */
		const jh_school_year *a = jh_dataset_find(after, A_CODE, 2024);
		const jh_school_year *b = jh_dataset_find(after, B_CODE, 2024);
		const jh_school_year *c = jh_dataset_find(after, C_CODE, 2024);
		assert_true(a->v[JH_F_CLASSES_PRIMARY] == 50);
		assert_int_equal(a->location, JH_LOC_URBAN);
		assert_string_equal(b->parent_code, A_CODE);
		assert_int_equal(c->boarding, 1);
		assert_int_equal(c->extra_count, 1);
		assert_string_equal(after->extra_names[after->extras[c->extra_first].name], "备注");
		assert_string_equal(after->extras[c->extra_first].value, "新校区");
	}
	jh_dataset_free(after);

	/* A changed value in the short file is still recorded, alone. */
	assert_int_equal(import_csv(f, REQ_HDR REQ_C
	        "3601020001,东湖小学,360102,2024,primary,,"
	        "2490,0,0,120,0,30,0,12,0,141,0,12000.5,20000,6000000,60\n" REQ_B,
	        NULL, &st), JH_OK);
	assert_int_equal(st.revision, 2);
	assert_int_equal(st.changed, 1);
	assert_int_equal(st.fields_changed, 1);
	after = load(f, 0);
	{
		jh_school_year *a = (jh_school_year *)jh_dataset_find(before, A_CODE, 2024);
		a->v[JH_F_STUDENTS_PRIMARY] = 2490;
		assert_same_rows(before, after);
	}
	jh_dataset_free(after);
	jh_dataset_free(before);
}

/* Blank cells in present columns give nothing; 清空 (or <clear>) clears. */
static void test_reimport_blank_and_clear(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_history *h = NULL;
	const jh_diag *g;

	import_base(f, NULL);
	/* A with classes_primary, location, boarding, 备注 and 联系人 blank:
	 * all five kept. */
	assert_int_equal(import_csv(f, HDR ROW_C
	        "3601020001,东湖小学,360102,2024,primary,,,,"
	        "2483,0,0,120,0,30,0,12,0,141,0,12000.5,20000,6000000,60,,,,\n" ROW_B,
	        NULL, &st), JH_OK);
	assert_int_equal(st.revision, 0);
	assert_int_equal(st.unchanged, 3);

	/* A's classes_primary and 备注 cleared: two changes, 50 → ∅ and
	 * 示范校 → ∅; 联系人 王老师 and the rest unchanged. */
	assert_int_equal(import_csv(f, HDR ROW_C
	        "3601020001,东湖小学,360102,2024,primary,,urban,0,"
	        "2483,0,0,120,0,30,0,12,0,141,0,12000.5,20000,6000000,60,清空,,<clear>,王老师\n"
	        ROW_B, NULL, &st), JH_OK);
	assert_int_equal(st.revision, 2);
	assert_int_equal(st.changed, 1);
	assert_int_equal(st.fields_changed, 2);
	assert_int_equal(jh_store_history(f->s, A_CODE, NULL, &h, &f->d), JH_OK);
	assert_int_equal(h->count, 22 + 2);
	assert_change(&h->items[22], 2, A_CODE, "360102", 2024, "classes_primary", "50", NULL);
	assert_change(&h->items[23], 2, A_CODE, "360102", 2024, "extra:备注", "示范校", NULL);
	jh_history_free(h);
	{
		jh_dataset *now = load(f, 0);
		const jh_school_year *a = jh_dataset_find(now, A_CODE, 2024);
		assert_true(isnan(a->v[JH_F_CLASSES_PRIMARY]));
		assert_int_equal(a->extra_count, 1);
		assert_string_equal(now->extras[a->extra_first].value, "王老师");
		jh_dataset_free(now);
	}

	/* 清空 in a required column is refused, naming the cell: line 3 (A),
	 * column 18 (teachers_primary). */
	{
		jh_table *t = parse(HDR ROW_C
		        "3601020001,东湖小学,360102,2024,primary,,urban,0,"
		        "2483,0,0,120,0,30,0,12,0,清空,0,12000.5,20000,6000000,60,,,,\n",
		        "bad.csv");
		jh_dataset *ds = jh_dataset_new();
		jh_diags_free(&f->d);
		assert_int_equal(jh_dataset_add_table(ds, t, &f->d), JH_ERR_INPUT);
		g = find_diag(&f->d, JH_P_CLEAR_REQUIRED);
		assert_int_equal(g->line, 3);
		assert_int_equal(g->column, 18);
		assert_string_equal(g->column_name, "teachers_primary");
		assert_int_equal(jh_dataset_count(ds), 0);
		jh_dataset_free(ds);
		jh_table_free(t);
	}
	assert_last_revision(f, 2);
}

/* `set FIELD=` clears; a required field cannot be cleared. */
static void test_set_clear(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_history *h = NULL;
	const char *fields[2] = {"classes_primary", "location"}, *values[2] = {"", ""};
	jh_revision_info i = rinfo("赵六", "核实:无此数据", "edit");

	import_base(f, NULL);
	clock_at(AT3);
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 2, fields, values, &i, &st,
	                              &f->d), JH_OK);
	assert_int_equal(st.revision, 2);
	assert_int_equal(st.fields_changed, 2);
	assert_int_equal(jh_store_history(f->s, A_CODE, NULL, &h, &f->d), JH_OK);
	assert_int_equal(h->count, 22 + 2);
	assert_change(&h->items[22], 2, A_CODE, "360102", 2024, "location", "urban", NULL);
	assert_change(&h->items[23], 2, A_CODE, "360102", 2024, "classes_primary", "50", NULL);
	jh_history_free(h);

	/* B's central school cleared: A_CODE → ∅ (no parent is no value). */
	fields[0] = "parent_code";
	assert_int_equal(jh_store_set(f->s, B_CODE, 2024, 0, 1, fields, values, &i, &st,
	                              &f->d), JH_OK);
	assert_int_equal(st.revision, 3);
	assert_int_equal(st.fields_changed, 1);
	assert_int_equal(jh_store_history(f->s, B_CODE, NULL, &h, &f->d), JH_OK);
	assert_int_equal(h->count, 21 + 1);
	assert_change(&h->items[21], 3, B_CODE, "360102", 2024, "parent_code", A_CODE, NULL);
	jh_history_free(h);

	fields[0] = "teachers_primary";
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, values, &i, &st,
	                              &f->d), JH_ERR_INPUT);
	find_diag(&f->d, JH_P_CLEAR_REQUIRED);
	assert_last_revision(f, 3);
}

/* Schools stored for a county-year the import covers but missing from it
 * are listed and kept; with replace they are deleted in its revision. */
static void test_reimport_missing_school(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_history *h = NULL;
	jh_dataset *miss = jh_dataset_new(), *now;
	jh_import_opts o = {0, miss};

	import_base(f, NULL);
	/* C alone covers 360103/2024 only: B (360102) is not missing. */
	assert_int_equal(import_csv(f, HDR ROW_C, &o, &st), JH_OK);
	assert_int_equal(st.missing, 0);
	assert_int_equal(jh_dataset_count(miss), 0);

	/* C and A cover 360102/2024 too, where B is stored. */
	assert_int_equal(import_csv(f, HDR ROW_C ROW_A, &o, &st), JH_OK);
	assert_int_equal(st.revision, 0);
	assert_int_equal(st.missing, 1);
	assert_int_equal(st.deleted, 0);
	assert_int_equal(jh_dataset_count(miss), 1);
	assert_string_equal(jh_dataset_row(miss, 0)->school_code, B_CODE);
	assert_int_equal(jh_dataset_row(miss, 0)->year, 2024);
	assert_string_equal(jh_dataset_row(miss, 0)->school_name, "东湖教学点");
	now = load(f, 0);
	assert_int_equal(jh_dataset_count(now), 3);
	jh_dataset_free(now);

	/* Replace, with a change to A: one revision for both. */
	o.replace = 1;
	o.missing = NULL;
	clock_at(AT2);
	assert_int_equal(import_csv(f, HDR ROW_C ROW_A_2490, &o, &st), JH_OK);
	assert_int_equal(st.revision, 2);
	assert_int_equal(st.changed, 1);
	assert_int_equal(st.missing, 1);
	assert_int_equal(st.deleted, 1);
	assert_last_revision(f, 2);
	now = load(f, 0);
	assert_int_equal(jh_dataset_count(now), 2);
	assert_null(jh_dataset_find(now, B_CODE, 2024));
	assert_true(jh_dataset_find(now, A_CODE, 2024)->v[JH_F_STUDENTS_PRIMARY] == 2490);
	jh_dataset_free(now);
	assert_int_equal(jh_store_history(f->s, B_CODE, NULL, &h, &f->d), JH_OK);
	assert_int_equal(h->count, 21 + 1);
	assert_change(&h->items[21], 2, B_CODE, "360102", 2024, "*", "东湖教学点", NULL);
	assert_meta(&h->items[21], AT2, "李四", "更正", "import", NULL);
	jh_history_free(h);
	/* B is still there as of revision 1. */
	now = load(f, 1);
	assert_int_equal(jh_dataset_count(now), 3);
	jh_dataset_free(now);
	jh_dataset_free(miss);
}

/* A header that looks like a template column is refused with the
 * suggestion unless declared; unrelated extra columns pass. */
static void test_header_near_miss(void **state)
{
	static const struct { const char *header, *zh, *key; } near[] = {
		/* 小学最大班 is 5 of 小学最大班额's 6 code points */
		{"小学最大班级人数", "小学最大班额", "largest_class_primary"},
		{"largest_class_primery", "小学最大班额", "largest_class_primary"},
		/* 小学班额 is 小学最大班额 without 最大 */
		{"小学班额", "小学最大班额", "largest_class_primary"},
		/* one code point off, unit in brackets dropped */
		{"美术专用教师数(间)", "美术专用教室数", "art_rooms"},
	};
	static const char *const fine[] = {"邮政编码", "联系电话", "学校地址",
	                                   "高中专任教师数", "校长"};
	(void)state;
	for (size_t k = 0; k < sizeof near / sizeof near[0] + sizeof fine / sizeof fine[0]; k++) {
		int is_near = k < sizeof near / sizeof near[0];
		const char *hd = is_near ? near[k].header : fine[k - sizeof near / sizeof near[0]];
		char csv[2048];
		jh_table *t;
		jh_dataset *ds = jh_dataset_new();
		jh_diags d = JH_DIAGS_INIT;
		jh_code rc;

		/* HDR ends with 联系人: replace it with the header tried. */
		snprintf(csv, sizeof csv, "%.*s%s\n%s", (int)(strlen(HDR) - strlen("联系人\n")),
		         HDR, hd, ROW_A);
		t = parse(csv, "near.csv");
		rc = jh_dataset_add_table(ds, t, &d);
		if (!is_near) {
			if (rc)
				fail_diags(hd, rc, &d);
		} else {
			const jh_diag *g;
			assert_int_equal(rc, JH_ERR_INPUT);
			assert_int_equal(d.count, 1);
			g = &d.items[0];
			assert_int_equal(g->problem, JH_P_LOOKS_LIKE_COLUMN);
			assert_int_equal(g->line, 1);
			assert_int_equal(g->column, 27);
			assert_string_equal(g->column_name, hd);
			assert_string_equal(g->arg, near[k].zh);
			assert_string_equal(g->arg2, near[k].key);
			/* Declared (among others, blanks around), it is an extra. */
			jh_diags_free(&d);
			assert_int_equal(jh_dataset_allow_extras(ds, "其他, 备注 ,x", 0), JH_OK);
			assert_int_equal(jh_dataset_add_table(ds, t, &d), JH_ERR_INPUT);
			jh_diags_free(&d);
			{
				char list[300];
				snprintf(list, sizeof list, "其他, %s ,x", hd);
				assert_int_equal(jh_dataset_allow_extras(ds, list, 0), JH_OK);
			}
			if ((rc = jh_dataset_add_table(ds, t, &d)))
				fail_diags(hd, rc, &d);
			jh_dataset_free(ds);
			ds = jh_dataset_new();
			assert_int_equal(jh_dataset_allow_extras(ds, NULL, 1), JH_OK);
			if ((rc = jh_dataset_add_table(ds, t, &d)))
				fail_diags(hd, rc, &d);
		}
		assert_int_equal(jh_dataset_count(ds), 1);
		jh_diags_free(&d);
		jh_table_free(t);
		jh_dataset_free(ds);
	}
	{
		/* The English message shows the key, the Chinese one the name. */
		jh_diag g = {JH_P_LOOKS_LIKE_COLUMN, NULL, NULL, 1, 27, (char *)"小学最大班级人数",
		             (char *)"小学最大班额", (char *)"largest_class_primary", 0};
		jh_buf b = JH_BUF_INIT;
		jh_diag_format(&g, "zh", &b);
		assert_non_null(strstr(b.data, "是否应为「小学最大班额」?"));
		assert_null(strstr(b.data, "largest_class_primary"));
		jh_buf_reset(&b);
		jh_diag_format(&g, "en", &b);
		assert_non_null(strstr(b.data, "did you mean 'largest_class_primary'?"));
		assert_null(strstr(b.data, "小学最大班额"));
		jh_buf_free(&b);
	}
}

static void test_format_number(void **state)
{
	static const struct { double v; const char *s; } cases[] = {
		{0.1, "0.1"},
		{4.2, "4.2"},
		{12000.5, "12000.5"},
		/* 16 digits already read back exactly, so not the 17 of
		 * %.17g ("0.33333333333333331"). */
		{1.0 / 3.0, "0.3333333333333333"},
		{2.0 / 3.0, "0.6666666666666666"},
		{0.1 + 0.2, "0.30000000000000004"},
		{2483, "2483"},
		{0, "0"},
		{6000000, "6000000"},
		{7000.25, "7000.25"},
		{1e21, "1e+21"},
		{1e-7, "1e-07"},
		{123456789012345678.0, "1.2345678901234568e+17"},
	};
	char buf[40];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		jh_format_number(cases[i].v, buf, sizeof buf);
		assert_string_equal(buf, cases[i].s);
		/* and it reads back exactly */
		assert_true(strtod(buf, NULL) == cases[i].v);
	}
}

static void test_sha256(void **state)
{
	char h[65];

	(void)state;
	jh_sha256_hex("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	jh_sha256_hex("", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

/* --- issue 9: read-only opening, school types by year, names, local time --- */

/* A read command opens the database read-only: it reads everything, any
 * write through it is refused as read-only, and the file is not touched;
 * an older schema is not migrated but refused with a way out. */
static void test_open_readonly(void **state)
{
	struct fx *f = *state;
	char *before, *after, sha[65];
	size_t nb, na;
	jh_dataset *ds = NULL;
	jh_history *h = NULL;
	sqlite3 *db;

	import_base(f, NULL);
	jh_store_close(f->s);
	f->s = NULL;
	before = read_all(f->path, &nb);
	assert_int_equal(jh_store_open_readonly(f->path, &f->s, &f->d), JH_OK);
	assert_int_equal(jh_store_schema_version(f->s), SCHEMA_VERSION);
	assert_int_equal(jh_store_load(f->s, NULL, 0, &ds, &f->d), JH_OK);
	assert_int_equal(ds->nrows, 3);
	jh_dataset_free(ds);
	assert_int_equal(jh_store_history(f->s, A_CODE, NULL, &h, &f->d), JH_OK);
	assert_true(jh_history_count(h) > 0);
	jh_history_free(h);
	/* A write: refused, coded as read-only (no SQLite English). */
	jh_store_set_clock(f->s, test_clock, NULL);
	{
		jh_dataset *fix = dataset(HDR ROW_C ROW_A_2490 ROW_B, "fix.csv");
		jh_revision_info i = rinfo("李四", "x", "import");
		jh_import_stats st;
		assert_int_equal(jh_store_import(f->s, NULL, fix, NULL, &i, &st, &f->d), JH_ERR_DB);
		assert_null(find_diag(&f->d, JH_P_DB_READONLY)->arg);
		jh_dataset_free(fix);
	}
	jh_store_close(f->s);
	f->s = NULL;
	after = read_all(f->path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(before, after, nb);
	free(after);
	(void)sha;

	/* Schema 4 (as an older junheng left it): read-only refuses and
	 * names init; nothing is written. */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 4", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	free(before);
	before = read_all(f->path, &nb);
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_open_readonly(f->path, &f->s, &f->d), JH_ERR_DB);
	assert_null(f->s);
	assert_string_equal(find_diag(&f->d, JH_P_DB_OLD_SCHEMA)->arg, "4");
	after = read_all(f->path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(before, after, nb);
	free(before);
	free(after);
}

/* A school's type may change from one year to the next (a primary school
 * becomes a nine-year school), and is then shown by year; an import may
 * not change a stored year's type, an explicit edit may, by the column's
 * Chinese name and the type's Chinese name; both are in the history. */
static void test_type_between_years(void **state)
{
	struct fx *f = *state;
	jh_dataset *ds, *y25 = dataset(HDR
	        "3601020001,东湖小学,360102,2025,nine_year,,urban,0,"
	        "2483,300,0,120,20,30,5,12,3,141,25,12000.5,20000,6000000,60,50,8,示范校,王老师\n",
	        "schools-2025.csv");
	jh_revision_info i = rinfo("李四", "升格为九年一贯制", "import");
	jh_import_stats st;
	jh_history *h = NULL;
	const char *fields[2] = {"办学类型", "小学在校生数"};
	const char *values[2] = {"九年一贯制学校", "500"};
	int seen25 = 0, seen24 = 0;

	import_base(f, NULL);
	clock_at(AT2);
	import_ok(f, NULL, y25, &i, &st);
	assert_int_equal(st.added, 1);
	ds = load(f, 0);
	{
		const jh_school_year *a24 = jh_dataset_find(ds, A_CODE, 2024);
		const jh_school_year *a25 = jh_dataset_find(ds, A_CODE, 2025);
		assert_non_null(a24);
		assert_non_null(a25);
		assert_int_equal(a24->type, JH_TYPE_PRIMARY);
		assert_int_equal(a25->type, JH_TYPE_NINE_YEAR);
	}
	jh_dataset_free(ds);

	/* 2024 changed by an edit named in Chinese: type and pupils. */
	clock_at(AT3);
	i = rinfo("赵六", "核实", "edit");
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 2, fields, values, &i, &st,
	                              &f->d), JH_OK);
	assert_int_equal(st.revision, 3);
	assert_int_equal(st.fields_changed, 2);
	ds = load(f, 0);
	assert_int_equal(jh_dataset_find(ds, A_CODE, 2024)->type, JH_TYPE_NINE_YEAR);
	assert_true(jh_dataset_find(ds, A_CODE, 2024)->v[JH_F_STUDENTS_PRIMARY] == 500);
	jh_dataset_free(ds);

	assert_int_equal(jh_store_history(f->s, A_CODE, NULL, &h, &f->d), JH_OK);
	for (size_t k = 0; k < jh_history_count(h); k++) {
		const jh_change *c = jh_history_at(h, k);
		if (strcmp(c->field, "school_type"))
			continue;
		if (c->revision == 2 && c->year == 2025 && !c->old_value &&
		    !strcmp(c->new_value, "nine_year"))
			seen25 = 1;
		if (c->revision == 3 && c->year == 2024 && !strcmp(c->old_value, "primary") &&
		    !strcmp(c->new_value, "nine_year"))
			seen24 = 1;
	}
	assert_true(seen25);
	assert_true(seen24);
	jh_history_free(h);
	jh_dataset_free(y25);
}

/* Times are shown in local time, Beijing time unless JUNHENG_TZ or TZ
 * says otherwise, and --as-of DATE is the end of that local day.
 * Revision 2 at 15:00 UTC on 1 May is 23:00 in Beijing (UTC+8), still 1
 * May; revision 3 at 16:30 UTC is 00:30 on 2 May in Beijing. */
static void test_local_time(void **state)
{
	struct fx *f = *state;
	const char *fields[1] = {"teachers_primary"};
	const char *v1[1] = {"150"}, *v2[1] = {"151"};
	jh_revision_info i = rinfo("赵六", "核实", "edit");
	jh_import_stats st;
	jh_revisions *r = NULL;
	jh_buf out = JH_BUF_INIT;
	long rev;
	char *tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;

	import_base(f, NULL);
	clock_at("2024-05-01T15:00:00Z");
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, v1, &i, &st, &f->d),
	                 JH_OK);
	clock_at("2024-05-01T16:30:00Z");
	assert_int_equal(jh_store_set(f->s, A_CODE, 2024, 0, 1, fields, v2, &i, &st, &f->d),
	                 JH_OK);
	assert_int_equal(st.revision, 3);

	unsetenv("JUNHENG_TZ");
	unsetenv("TZ");
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-05-01", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 2);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-05-02", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 3);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-05-02T00:29:59", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 2);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-05-02T00:30:00", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 3);
	/* With a final Z a time is UTC, as stored. */
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-05-01T16:29:59Z", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 2);
	assert_int_equal(jh_store_revisions(f->s, 2, 0, &r, &f->d), JH_OK);
	assert_int_equal(jh_revisions_report(r, JH_FMT_TEXT, "zh", &out), JH_OK);
	assert_string_equal(out.data, "修订 2  2024-05-01 23:00:00 (北京时间)  赵六  修改:核实\n"
	                              "修订 3  2024-05-02 00:30:00 (北京时间)  赵六  修改:核实\n");
	jh_buf_reset(&out);
	assert_int_equal(jh_revisions_report(r, JH_FMT_TEXT, "en", &out), JH_OK);
	assert_string_equal(out.data,
	                    "revision 2  2024-05-01 23:00:00 (Beijing time)  赵六  edit: 核实\n"
	                    "revision 3  2024-05-02 00:30:00 (Beijing time)  赵六  edit: 核实\n");
	/* JSON keeps the stored UTC form. */
	jh_buf_reset(&out);
	assert_int_equal(jh_revisions_report(r, JH_FMT_JSON, "zh", &out), JH_OK);
	assert_non_null(strstr(out.data, "\"at\": \"2024-05-01T15:00:00Z\""));

	/* TZ names the zone when JUNHENG_TZ does not; JUNHENG_TZ wins. */
	setenv("TZ", "UTC", 1);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-05-01", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 3);
	setenv("JUNHENG_TZ", "Asia/Shanghai", 1);
	assert_int_equal(jh_store_resolve_as_of(f->s, "2024-05-01", &rev, &f->d), JH_OK);
	assert_int_equal(rev, 2);
	setenv("JUNHENG_TZ", "UTC", 1);
	jh_buf_reset(&out);
	assert_int_equal(jh_revisions_report(r, JH_FMT_TEXT, "zh", &out), JH_OK);
	assert_string_equal(out.data, "修订 2  2024-05-01 15:00:00 (协调世界时)  赵六  修改:核实\n"
	                              "修订 3  2024-05-01 16:30:00 (协调世界时)  赵六  修改:核实\n");
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	free(tz);
	jh_revisions_free(r);
	jh_buf_free(&out);
}

/* --- issue 10: cache keys, the revisions of an area, accounts -------------- */

static long county_rev(struct fx *f, const char *county, int year)
{
	long rev = -1;
	jh_code rc = jh_store_county_revision(f->s, county, year, &rev, &f->d);

	if (rc)
		fail_diags("county revision", rc, &f->d);
	return rev;
}

/* The revision numbers of jh_store_revisions_of(codes) as "1,3,5". */
static void revs_of(struct fx *f, const char *const *codes, size_t n, char *out,
                    size_t cap)
{
	jh_revisions *r = NULL;
	jh_code rc = jh_store_revisions_of(f->s, codes, n, 1, 0, &r, &f->d);
	size_t len = 0;

	if (rc)
		fail_diags("revisions of", rc, &f->d);
	out[0] = '\0';
	for (size_t i = 0; i < jh_revisions_count(r); i++)
		len += (size_t)snprintf(out + len, cap - len, i ? ",%ld" : "%ld",
		                        jh_revisions_at(r, i)->number);
	jh_revisions_free(r);
}

/* Revisions 1 (areas, A and B of 360102, C of 360103) and 2 (A changed),
 * then 3: C edited; 4: B deleted; 5: 360103 renamed; 6: a county-year
 * record of 360103 for 2023.  What each county-year's key is after
 * each, read off that list. */
static void check_cache_keys(struct fx *f, int step)
{
	const char *e102[] = {"360102"}, *e103[] = {"360103"}, *city[] = {"360100"},
	           *both[] = {"360102", "360103"};
	char got[64];

	switch (step) {
	case 2:
		assert_int_equal(county_rev(f, "360102", 2024), 2);
		assert_int_equal(county_rev(f, "360103", 2024), 1);
		/* A year without data: only the areas' revision. */
		assert_int_equal(county_rev(f, "360103", 2023), 1);
		break;
	case 6:
		/* 5 renamed an area: every county-year's key moves to 5. */
		assert_int_equal(county_rev(f, "360102", 2024), 5);
		assert_int_equal(county_rev(f, "360103", 2024), 5);
		assert_int_equal(county_rev(f, "360103", 2023), 6);
		assert_int_equal(county_rev(f, "360102", 2023), 5);
		revs_of(f, e102, 1, got, sizeof got);
		assert_string_equal(got, "1,2,4");
		revs_of(f, e103, 1, got, sizeof got);
		assert_string_equal(got, "1,3,5,6");
		revs_of(f, both, 2, got, sizeof got);
		assert_string_equal(got, "1,2,3,4,5,6");
		/* The city itself: added at 1, nothing since. */
		revs_of(f, city, 1, got, sizeof got);
		assert_string_equal(got, "1");
		revs_of(f, NULL, 0, got, sizeof got);      /* n 0: all of them */
		assert_string_equal(got, "1,2,3,4,5,6");
		{
			jh_county_rev *cr = NULL;
			size_t n = 0;
			assert_int_equal(jh_store_county_revisions(f->s, 2023, &cr, &n, &f->d), JH_OK);
			assert_int_equal(n, 2);
			assert_string_equal(cr[0].county, "360102");
			assert_int_equal(cr[0].revision, 5);
			assert_string_equal(cr[1].county, "360103");
			assert_int_equal(cr[1].revision, 6);
			free(cr);
		}
		break;
	}
}

static void cache_key_steps(struct fx *f)
{
	const char *fields[1] = {"teachers_primary"}, *values[1] = {"36"};
	jh_revision_info ie = rinfo("赵六", "核实", "edit");
	jh_revision_info id = rinfo("赵六", "撤并", "delete");
	jh_revision_info ia = rinfo("张三", "区划调整", "import");
	jh_areas *a = areas(AREAS_HDR "360000,江西省,360100,南昌市,360103,西湖新区\n", "a2.csv");
	jh_county_items *it = jh_county_items_new();
	jh_county_item rec = {"360103", 2023, "teacher_pay_ratio", "1.05", "", "c.csv", 2};
	jh_import_stats st;

	clock_at(AT3);
	assert_int_equal(jh_store_set(f->s, C_CODE, 2024, 0, 1, fields, values, &ie, &st,
	                              &f->d), JH_OK);
	assert_int_equal(st.revision, 3);
	assert_int_equal(county_rev(f, "360103", 2024), 3);
	assert_int_equal(county_rev(f, "360102", 2024), 2);
	assert_int_equal(jh_store_delete(f->s, B_CODE, 2024, &id, &st, &f->d), JH_OK);
	assert_int_equal(st.revision, 4);
	assert_int_equal(county_rev(f, "360102", 2024), 4);
	assert_int_equal(county_rev(f, "360103", 2024), 3);
	import_ok(f, a, NULL, &ia, &st);
	assert_int_equal(st.revision, 5);
	assert_int_equal(jh_county_items_put(it, &rec), JH_OK);
	assert_int_equal(jh_store_import(f->s, NULL, NULL, it, &ia, &st, &f->d), JH_OK);
	assert_int_equal(st.revision, 6);
	/* An import that changes nothing makes no revision and moves no key. */
	assert_int_equal(jh_store_import(f->s, NULL, NULL, it, &ia, &st, &f->d), JH_OK);
	assert_int_equal(st.revision, 0);
	jh_county_items_free(it);
	jh_areas_free(a);
}

static void test_cache_keys(void **state)
{
	struct fx *f = *state;
	char sha[65];
	long last = -1;

	import_base(f, NULL);
	assert_int_equal(county_rev(f, "360102", 2024), 1);
	assert_int_equal(county_rev(f, "360103", 2024), 1);
	import_change(f, NULL, sha);
	check_cache_keys(f, 2);
	cache_key_steps(f);
	check_cache_keys(f, 6);
	assert_int_equal(jh_store_last_revision(f->s, &last, &f->d), JH_OK);
	assert_int_equal(last, 6);
	{
		char county[8];
		assert_int_equal(jh_store_school_county(f->s, C_CODE, county, &f->d), JH_OK);
		assert_string_equal(county, "360103");
		/* B was deleted, but the school is still known (its history). */
		assert_int_equal(jh_store_school_county(f->s, B_CODE, county, &f->d), JH_OK);
		assert_string_equal(county, "360102");
		assert_int_equal(jh_store_school_county(f->s, "9999999999", county, &f->d),
		                 JH_ERR_NOTFOUND);
		assert_string_equal(county, "");
		assert_int_equal(f->d.count, 0);
	}
}

/* The changes of one revision read by revision (jh_store_revision_changes)
 * are that revision's entries of the county histories, plus its area
 * changes, grouped by county.  Revisions: 1 the base (4 areas: 360000,
 * 360100, 360102, 360103; A 22 fields, B 21, C 21 — see ROW_*), 2 A's
 * pupils 2483 → 2490, then cache_key_steps: 3 C's teachers_primary 40 →
 * 36, 4 B deleted, 5 360103 renamed 西湖区 → 西湖新区, 6 the record
 * 360103/2023 teacher_pay_ratio 1.05 added; and 7 that record 1.05 → 1.10
 * with the note "" → 复核. */
static void assert_area_change(const jh_change *c, long rev, const char *code,
                               const char *old, const char *new_)
{
	assert_int_equal(c->revision, rev);
	assert_string_equal(c->entity, "area");
	assert_string_equal(c->school_code, code);
	assert_string_equal(c->field, "name");
	assert_str_or_null(c->old_value, old);
	assert_str_or_null(c->new_value, new_);
}

static jh_history *rev_changes(struct fx *f, long rev, const char *code)
{
	const char *codes[1] = {code};
	jh_history *h = NULL;
	jh_code rc = jh_store_revision_changes(f->s, rev, code ? codes : NULL,
	                                       code ? 1 : 0, &h, &f->d);

	if (rc)
		fail_diags("revision changes", rc, &f->d);
	return h;
}

static void test_revision_changes(void **state)
{
	struct fx *f = *state;
	char sha[65], src[192];
	jh_history *h;
	jh_import_stats st;
	jh_revision_info ia = rinfo("张三", "复核", "import");
	jh_county_items *it = jh_county_items_new();
	jh_county_item rec = {"360103", 2023, "teacher_pay_ratio", "1.10", "复核", "c2.csv", 2};

	import_base(f, NULL);
	import_change(f, NULL, sha);
	cache_key_steps(f);
	assert_int_equal(jh_county_items_put(it, &rec), JH_OK);
	assert_int_equal(jh_store_import(f->s, NULL, NULL, it, &ia, &st, &f->d), JH_OK);
	assert_int_equal(st.revision, 7);
	jh_county_items_free(it);

	/* 1, everywhere: 4 areas + 22 + 21 + 21 fields = 68, by county:
	 * 360000, 360100, then 360102 (its area, A's 22, B's 21), then
	 * 360103 (its area, C's 21). */
	h = rev_changes(f, 1, NULL);
	assert_int_equal(h->count, 68);
	assert_area_change(&h->items[0], 1, "360000", NULL, "江西省");
	assert_area_change(&h->items[1], 1, "360100", NULL, "南昌市");
	assert_area_change(&h->items[2], 1, "360102", NULL, "东湖区");
	assert_change(&h->items[3], 1, A_CODE, "360102", 2024, "school_name", NULL, "东湖小学");
	assert_change(&h->items[3 + 22], 1, B_CODE, "360102", 2024, "school_name", NULL,
	              "东湖教学点");
	assert_area_change(&h->items[3 + 22 + 21], 1, "360103", NULL, "西湖区");
	assert_change(&h->items[47], 1, C_CODE, "360103", 2024, "school_name", NULL,
	              "西湖九年制学校");
	snprintf(src, sizeof src, "areas.csv %s; schools-2024.csv %s", f->sha_areas,
	         f->sha_schools);
	assert_meta(&h->items[67], AT1, "张三", "initial load", "import", src);
	jh_history_free(h);
	/* Within 360103: its area and C's 21; within the city alone: its own
	 * area (no county of it is among the codes). */
	h = rev_changes(f, 1, "360103");
	assert_int_equal(h->count, 1 + 21);
	assert_area_change(&h->items[0], 1, "360103", NULL, "西湖区");
	jh_history_free(h);
	h = rev_changes(f, 1, "360100");
	assert_int_equal(h->count, 1);
	assert_area_change(&h->items[0], 1, "360100", NULL, "南昌市");
	jh_history_free(h);

	/* 2: A's pupils alone, with who, why and the file. */
	h = rev_changes(f, 2, NULL);
	assert_int_equal(h->count, 1);
	assert_change(&h->items[0], 2, A_CODE, "360102", 2024, "students_primary", "2483", "2490");
	snprintf(src, sizeof src, "schools-2024-fix.csv %s", sha);
	assert_meta(&h->items[0], AT2, "李四", "更正在校生数", "import", src);
	jh_history_free(h);
	h = rev_changes(f, 2, "360103");
	assert_int_equal(h->count, 0);
	jh_history_free(h);

	h = rev_changes(f, 3, NULL);
	assert_int_equal(h->count, 1);
	assert_change(&h->items[0], 3, C_CODE, "360103", 2024, "teachers_primary", "40", "36");
	jh_history_free(h);

	/* 4: B deleted: "*" with its name as the old value. */
	h = rev_changes(f, 4, "360102");
	assert_int_equal(h->count, 1);
	assert_change(&h->items[0], 4, B_CODE, "360102", 2024, "*", "东湖教学点", NULL);
	assert_string_equal(h->items[0].kind, "delete");
	jh_history_free(h);

	h = rev_changes(f, 5, NULL);
	assert_int_equal(h->count, 1);
	assert_area_change(&h->items[0], 5, "360103", "西湖区", "西湖新区");
	jh_history_free(h);
	h = rev_changes(f, 5, "360102");
	assert_int_equal(h->count, 0);
	jh_history_free(h);

	/* 6 adds the record; 7 changes its value and its note. */
	h = rev_changes(f, 6, NULL);
	assert_int_equal(h->count, 1);
	assert_string_equal(h->items[0].entity, "county_year");
	assert_string_equal(h->items[0].field, "teacher_pay_ratio");
	assert_int_equal(h->items[0].year, 2023);
	assert_null(h->items[0].old_value);
	assert_string_equal(h->items[0].new_value, "1.05");
	jh_history_free(h);
	h = rev_changes(f, 7, "360103");
	assert_int_equal(h->count, 2);
	assert_string_equal(h->items[0].field, "teacher_pay_ratio");
	assert_string_equal(h->items[0].old_value, "1.05");
	assert_string_equal(h->items[0].new_value, "1.10");
	assert_string_equal(h->items[1].field, "teacher_pay_ratio.note");
	assert_string_equal(h->items[1].old_value, "");
	assert_string_equal(h->items[1].new_value, "复核");
	jh_history_free(h);

	/* Each revision within each county is exactly the county's history
	 * filtered by that revision, in the same order. */
	for (long rev = 1; rev <= 7; rev++) {
		const char *counties[2] = {"360102", "360103"};
		for (int k = 0; k < 2; k++) {
			jh_history *all = NULL;
			size_t j = 0;
			assert_int_equal(jh_store_history(f->s, NULL, counties[k], &all, &f->d), JH_OK);
			h = rev_changes(f, rev, counties[k]);
			for (size_t i = 0; i < all->count; i++) {
				const jh_change *a = &all->items[i], *b;
				if (a->revision != rev)
					continue;
				assert_true(j < h->count);
				b = &h->items[j++];
				assert_string_equal(a->entity, b->entity);
				assert_string_equal(a->school_code, b->school_code);
				assert_string_equal(a->field, b->field);
				assert_int_equal(a->year, b->year);
				assert_str_or_null(a->old_value, b->old_value);
				assert_str_or_null(a->new_value, b->new_value);
				assert_string_equal(a->at, b->at);
			}
			assert_int_equal(j, h->count);
			jh_history_free(h);
			jh_history_free(all);
		}
	}

	/* After the last, nothing; 0 is no revision. */
	h = rev_changes(f, 8, NULL);
	assert_int_equal(h->count, 0);
	jh_history_free(h);
	h = (jh_history *)1;
	assert_int_equal(jh_store_revision_changes(f->s, 0, NULL, 0, &h, &f->d), JH_ERR_ARG);
	assert_null(h);

	/* School names: the current school-year's; cut at a character's start
	 * (东 is 3 bytes: cap 5 holds it and not 湖); a deleted school (B had
	 * only 2024) and an unknown one: not found, no problem recorded. */
	{
		char name[64];
		jh_diags_free(&f->d);
		assert_int_equal(jh_store_school_name(f->s, A_CODE, name, sizeof name, &f->d), JH_OK);
		assert_string_equal(name, "东湖小学");
		assert_int_equal(jh_store_school_name(f->s, A_CODE, name, 5, &f->d), JH_OK);
		assert_string_equal(name, "东");
		assert_int_equal(jh_store_school_name(f->s, C_CODE, name, sizeof name, &f->d), JH_OK);
		assert_string_equal(name, "西湖九年制学校");
		assert_int_equal(jh_store_school_name(f->s, B_CODE, name, sizeof name, &f->d),
		                 JH_ERR_NOTFOUND);
		assert_string_equal(name, "");
		assert_int_equal(jh_store_school_name(f->s, "9999999999", name, sizeof name, &f->d),
		                 JH_ERR_NOTFOUND);
		assert_int_equal(f->d.count, 0);
	}

	/* County-years with current school-years: 360102/2024 (A; B was
	 * deleted) and 360103/2024 (C); once A is deleted too, 360103 alone. */
	{
		jh_county_year_key *cy = NULL;
		size_t n = 0;
		jh_revision_info del = rinfo("赵六", "撤并", "delete");
		assert_int_equal(jh_store_county_years(f->s, &cy, &n, &f->d), JH_OK);
		assert_int_equal(n, 2);
		assert_string_equal(cy[0].county, "360102");
		assert_int_equal(cy[0].year, 2024);
		assert_string_equal(cy[1].county, "360103");
		assert_int_equal(cy[1].year, 2024);
		free(cy);
		assert_int_equal(jh_store_delete(f->s, A_CODE, 2024, &del, &st, &f->d), JH_OK);
		assert_int_equal(jh_store_county_years(f->s, &cy, &n, &f->d), JH_OK);
		assert_int_equal(n, 1);
		assert_string_equal(cy[0].county, "360103");
		free(cy);
	}
}

/* A school-year deleted by a --replace import, with nothing else of its
 * county-year changed, moves that county-year's key (and no other). */
static void test_cache_key_replace(void **state)
{
	struct fx *f = *state;
	jh_import_stats st;
	jh_import_opts o = {1, NULL};

	import_base(f, NULL);
	clock_at(AT2);
	/* A alone, unchanged, covers 360102/2024: B goes. */
	assert_int_equal(import_csv(f, HDR ROW_A, &o, &st), JH_OK);
	assert_int_equal(st.revision, 2);
	assert_int_equal(st.changed + st.added, 0);
	assert_int_equal(st.deleted, 1);
	assert_int_equal(county_rev(f, "360102", 2024), 2);
	assert_int_equal(county_rev(f, "360103", 2024), 1);
}

/* A database of schema 5 (before accounts and county_change) opens,
 * migrates to 6, and its cache keys are what they would have been had
 * it been written by this version: they are rebuilt from the versions
 * of rows and records, and from the area changes. */
static void test_migrate_v5(void **state)
{
	struct fx *f = *state;
	char sha[65];
	sqlite3 *db;
	jh_diags d = JH_DIAGS_INIT;
	jh_user u;

	import_base(f, NULL);
	import_change(f, NULL, sha);
	cache_key_steps(f);
	jh_store_close(f->s);
	f->s = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE session; DROP TABLE audit;"
	                              " DROP TABLE account; DROP TABLE county_change;"
	                              " ALTER TABLE school_year DROP COLUMN organiser_type;"
	                              " ALTER TABLE school_year DROP COLUMN grades;"
	                              " PRAGMA user_version = 5;", NULL, NULL, NULL), SQLITE_OK);
	/* The columns of migration 9 (every field after grades). */
	for (int fl = JH_F_GRADES + 1; fl < JH_F__COUNT; fl++) {
		char sql[128];
		snprintf(sql, sizeof sql, "ALTER TABLE school_year DROP COLUMN %s;",
		         jh_field_key((jh_field)fl));
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	sqlite3_close(db);
	/* Read-only: an older schema is refused, not migrated. */
	assert_int_equal(jh_store_open_readonly(f->path, &f->s, &d), JH_ERR_DB);
	assert_int_equal(d.items[0].problem, JH_P_DB_OLD_SCHEMA);
	jh_diags_free(&d);
	assert_int_equal(jh_store_open(f->path, &f->s, &f->d), JH_OK);
	jh_store_set_clock(f->s, test_clock, NULL);
	assert_int_equal(jh_store_schema_version(f->s), SCHEMA_VERSION);
	check_cache_keys(f, 6);
	/* The new tables are there. */
	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "root");
	u.role = JH_ROLE_ADMIN;
	assert_int_equal(jh_store_account_add(f->s, &u, "$argon2id$x", &f->d), JH_OK);
	assert_int_equal(jh_store_account_get(f->s, "root", &u, NULL, &f->d), JH_OK);
	assert_int_equal(u.created, utc(AT3));
}

/* Regression: jh_store_open checked that the file exists with fopen and
 * fclose, and closing any descriptor of a file drops every POSIX lock the
 * process holds on it — SQLite's locks of the connections already open
 * (a server's).  Another process closing its connection then believed it
 * was the last one and deleted the -wal under them. */
static void test_open_keeps_locks(void **state)
{
	struct fx *f = *state;
	jh_store *s2 = NULL;
	char wal[4096];
	struct stat st;
	pid_t pid;
	int status;

	import_base(f, NULL);
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	assert_int_equal(stat(wal, &st), 0);
	assert_int_equal(jh_store_open(f->path, &s2, &f->d), JH_OK);
	jh_store_close(s2);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		/* A fresh process (SQLite must not be used across fork):
		 * Debian's sqlite3 shell opens the file, reads, closes. */
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, 1);
		execlp("sqlite3", "sqlite3", f->path, "SELECT count(*) FROM meta;", (char *)NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* f->s is still open: its -wal must still be there. */
	assert_int_equal(stat(wal, &st), 0);
}

/* The store's account, session and audit calls, without lib/access's
 * rules: duplicates, unknown names, read-only handles. */
static void test_accounts_store(void **state)
{
	struct fx *f = *state;
	jh_user u, v, *all = NULL;
	char h[JH_PWHASH_MAX], acct[64], ch[65], th[65], th2[65];
	long long last;
	size_t n = 0;
	jh_store *ro = NULL;

	init_db(f);
	clock_at(AT1);
	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "云岭县");
	u.role = JH_ROLE_COUNTY;
	snprintf(u.area, sizeof u.area, "360102");
	assert_int_equal(jh_store_account_add(f->s, &u, "$argon2id$one", &f->d), JH_OK);
	assert_int_equal(jh_store_account_add(f->s, &u, "$argon2id$two", &f->d),
	                 JH_ERR_CONFLICT);
	assert_int_equal(f->d.count, 1);
	assert_int_equal(f->d.items[0].problem, JH_P_ACCOUNT_EXISTS);
	assert_string_equal(f->d.items[0].arg, "云岭县");
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_account_get(f->s, "云岭县", &v, h, &f->d), JH_OK);
	assert_string_equal(h, "$argon2id$one");      /* the first stays */
	assert_int_equal(v.role, JH_ROLE_COUNTY);
	assert_string_equal(v.area, "360102");
	assert_int_equal(v.created, utc(AT1));
	assert_int_equal(v.changed, utc(AT1));
	/* Update: the hash kept when NULL; changed from the clock. */
	clock_at(AT2);
	v.disabled = 1;
	assert_int_equal(jh_store_account_update(f->s, &v, NULL, &f->d), JH_OK);
	assert_int_equal(jh_store_account_get(f->s, "云岭县", &v, h, &f->d), JH_OK);
	assert_int_equal(v.disabled, 1);
	assert_string_equal(h, "$argon2id$one");
	assert_int_equal(v.changed, utc(AT2));
	assert_int_equal(v.created, utc(AT1));
	snprintf(v.name, sizeof v.name, "nobody");
	assert_int_equal(jh_store_account_update(f->s, &v, "$x", &f->d), JH_ERR_NOTFOUND);
	assert_int_equal(jh_store_account_get(f->s, "nobody", &v, NULL, &f->d), JH_ERR_NOTFOUND);
	assert_int_equal(f->d.items[f->d.count - 1].problem, JH_P_ACCOUNT_UNKNOWN);
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_accounts(f->s, &all, &n, &f->d), JH_OK);
	assert_int_equal(n, 1);
	free(all);

	/* Sessions by hash; a session of an unknown account is refused
	 * (foreign key). */
	jh_sha256_hex("token-1", 7, th);
	jh_sha256_hex("token-2", 7, th2);
	assert_int_equal(jh_store_session_add(f->s, th, th2, "云岭县", 100, &f->d), JH_OK);
	assert_int_equal(jh_store_session_add(f->s, th2, th, "nobody", 100, &f->d), JH_ERR_DB);
	jh_diags_free(&f->d);
	assert_int_equal(jh_store_session_add(f->s, "short", th, "云岭县", 100, &f->d),
	                 JH_ERR_ARG);
	assert_int_equal(jh_store_session_touch(f->s, th, 160, &f->d), JH_OK);
	assert_int_equal(jh_store_session_get(f->s, th, acct, ch, &last, &f->d), JH_OK);
	assert_int_equal(last, 160);
	assert_string_equal(ch, th2);
	/* A touch never moves last_seen back. */
	assert_int_equal(jh_store_session_touch(f->s, th, 150, &f->d), JH_OK);
	assert_int_equal(jh_store_session_get(f->s, th, acct, ch, &last, &f->d), JH_OK);
	assert_int_equal(last, 160);
	assert_int_equal(jh_store_sessions_expire(f->s, 160, &f->d), JH_OK);
	assert_int_equal(jh_store_session_get(f->s, th, acct, ch, &last, &f->d), JH_OK);
	assert_int_equal(jh_store_sessions_expire(f->s, 161, &f->d), JH_OK);
	assert_int_equal(jh_store_session_get(f->s, th, acct, ch, &last, &f->d),
	                 JH_ERR_NOTFOUND);
	assert_int_equal(f->d.count, 0);

	/* Audit, newest last; limit keeps the last ones. */
	assert_int_equal(jh_store_audit_add(f->s, utc(AT3), "云岭县", "sign_in", "::1", NULL,
	                                    &f->d), JH_OK);
	assert_int_equal(jh_store_audit_add(f->s, 0, "", "account_add", NULL, "county 360103",
	                                    &f->d), JH_OK);
	{
		jh_audit_entry *a = NULL;
		assert_int_equal(jh_store_audit(f->s, 1, &a, &n, &f->d), JH_OK);
		assert_int_equal(n, 1);
		assert_string_equal(a[0].event, "account_add");
		assert_string_equal(a[0].at, AT2);        /* 0: the store's clock */
		assert_string_equal(a[0].detail, "county 360103");
		jh_audit_free(a, n);
		assert_int_equal(jh_store_audit(f->s, 0, &a, &n, &f->d), JH_OK);
		assert_int_equal(n, 2);
		assert_string_equal(a[0].at, AT3);
		assert_string_equal(a[0].address, "::1");
		jh_audit_free(a, n);
	}
	/* A read-only handle reads accounts and writes none. */
	assert_int_equal(jh_store_open_readonly(f->path, &ro, &f->d), JH_OK);
	assert_int_equal(jh_store_account_get(ro, "云岭县", &v, NULL, &f->d), JH_OK);
	snprintf(u.name, sizeof u.name, "other");
	assert_int_equal(jh_store_account_add(ro, &u, "$x", &f->d), JH_ERR_DB);
	assert_int_equal(f->d.items[0].problem, JH_P_DB_READONLY);
	jh_store_close(ro);
}

int main(void)
{
	/* Times are shown and --as-of dates read in UTC unless a test says
	 * otherwise (test_local_time). */
	setenv("JUNHENG_TZ", "UTC", 1);
	const struct CMUnitTest tests[] = {
		T(test_init_schema),
		T(test_reinit_keeps_data),
		T(test_open_not_junheng),
		T(test_open_newer_schema),
		T(test_open_not_database),
		T(test_open_readonly),
		T(test_type_between_years),
		T(test_local_time),
		T(test_import_new),
		T(test_reimport_noop),
		T(test_import_change_history),
		T(test_as_of),
		T(test_set),
		T(test_delete),
		T(test_delete_all_years),
		T(test_errors_leave_db_unchanged),
		T(test_area_renamed),
		T(test_new_county_with_schools),
		T(test_eval_store_equals_dataset),
		T(test_export_roundtrip),
		T(test_clock_monotonic),
		T(test_last_revision_any_time),
		T(test_revisions),
		T(test_history_report),
		T(test_migrate_times),
		T(test_set_conflict),
		T(test_concurrent_sets),
		T(test_backend_uri),
		T(test_bulk_import),
		T(test_import_one_county),
		T(test_reimport_absent_columns),
		T(test_reimport_blank_and_clear),
		T(test_set_clear),
		T(test_reimport_missing_school),
		T(test_cache_keys),
		T(test_cache_key_replace),
		T(test_revision_changes),
		T(test_migrate_v5),
		T(test_accounts_store),
		cmocka_unit_test(test_header_near_miss),
		cmocka_unit_test(test_format_number),
		cmocka_unit_test(test_sha256),
		T(test_open_keeps_locks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
