/*
** bench/import.c — how long a nation's worth of schools takes to import
** into the database, and to evaluate from it.
**
**   build/bench_import [N]      (default N = 200000; make bench builds it;
**                                build/junheng must be built too)
**
** Generates N school rows of the template (mixed school types, about 70
** schools a county, so about 2,860 counties at N = 200,000, with
** location, class counts and a sparse remarks column) plus the area table
** for those counties, writes them to a temporary directory as CSV and as
** an XLSX workbook (libxlsxwriter; codes as strings, numbers as numbers,
** the areas on a second sheet), and then times what `junheng import` and
** `junheng eval DB` do:
**
**   (a) csv     init a fresh database; read the files, jh_to_utf8,
**               jh_csv_parse, jh_areas_add_table + jh_dataset_add_table
**               ("parse"); jh_store_import ("write")
**   (b) xlsx    the same from the workbook (jh_xlsx_read) into another
**               fresh database
**   (c) again   the CSV imported again into (a): nothing changes, no
**               revision (the no-op path)
**   (d) eval    jh_store_open, jh_store_load of every row, jh_eval of
**               every county
**   (e) size    the database file after closing, in MB and bytes per row
**   (f) cli     the programs themselves, each as a subprocess on the same
**               schools.csv: `junheng import DB schools.csv` (into a
**               database already holding the areas; the program next to
**               this one, or $JUNHENG) against
**               `sqlite3 DB '.import --csv schools.csv t'` (a plain table
**               of text) — the target is a ratio of at most 2;
**               each the best of two runs, wall clock
**
** for N/4, N/2 and N, each in a child process of its own (peak resident
** memory from getrusage ru_maxrss is then that size's own), with
** milliseconds per 1000 rows so that linear growth is visible.  The files
** are generated in yet another child so that the writer's memory is not
** counted.  The targets — CSV import of 200,000 rows under 5 s,
** evaluation from the database under 3 s — are printed next to the
** figures; nothing is asserted about times: this is a measuring tool.
**
** Deterministic: splitmix64 with a fixed seed.  Temporary files are
** removed at the end.
*/
#include "junheng.h"
#include "benchutil.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define SEED 0x62656E63685F696Dull     /* "bench_im" */
#define SCHOOLS_PER_COUNTY 70
#define YEAR 2024

enum phase {
	PH_INIT,
	PH_CSV_PARSE, PH_CSV_WRITE,
	PH_XLSX_PARSE, PH_XLSX_WRITE,
	PH_AGAIN_PARSE, PH_AGAIN_WRITE,
	PH_OPEN, PH_LOAD, PH_EVAL,
	PH__COUNT
};

static const char *const phase_name[PH__COUNT] = {
	"init",
	"csv parse", "csv write",
	"xlsx parse", "xlsx write",
	"again parse", "again write",
	"open", "load", "eval",
};

struct gen {
	size_t rows, counties;
	size_t csv_bytes, xlsx_bytes;
	double sec_csv, sec_xlsx;
};

struct run {
	struct gen g;
	double sec[PH__COUNT];
	size_t added_csv, added_xlsx, unchanged_again;
	long rev_again;
	size_t evaluated;
	long long db_bytes, db_xlsx_bytes;
	long maxrss_kb;
	int same;             /* the two databases export the same CSV */
	double sec_cli, sec_sqlite3;   /* (f); negative when it failed */
};

static char junheng_path[512] = "junheng";

static void print_diags(const char *what, const jh_diags *d)
{
	jh_buf msg = JH_BUF_INIT;

	jh_diags_format(d, "en", &msg);
	fprintf(stderr, "bench_import: %s failed\n%s", what, msg.data ? msg.data : "");
	jh_buf_free(&msg);
}

/* --- generating the files ------------------------------------------------ */

/* County i: 10 counties a city, 10 cities a province, provinces from 11
 * on; codes share their prefixes as the area template requires. */
static void county_code(size_t i, char out[8])
{
	snprintf(out, 8, "%02d%02d%02d", (int)(11 + i / 100) % 100,
	         (int)(i % 100 / 10 + 1), (int)(i % 10 + 1));
}

#define HEADER "school_code,school_name,county_code,year,school_type,parent_code," \
	"location,students_primary,students_junior,students_senior," \
	"qualified_teachers_primary,qualified_teachers_junior," \
	"key_teachers_primary,key_teachers_junior," \
	"pe_art_teachers_primary,pe_art_teachers_junior," \
	"teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2," \
	"equipment_value_yuan,multimedia_rooms,classes_primary,classes_junior,备注\n"

/* Columns written as text in the workbook; the others are numbers. */
static int text_column(const char *head)
{
	static const char *const text[] = {
		"school_code", "school_name", "county_code", "school_type",
		"parent_code", "location", "备注", NULL,
	};
	for (int i = 0; text[i]; i++)
		if (!strcmp(head, text[i]))
			return 1;
	return 0;
}

static void gen_row(jh_buf *b, uint64_t *r, const char *county, int k,
                    const char *central)
{
	static const char *const notes[] = {"新建校区", "改扩建中", "寄宿制", "农村薄弱学校改造"};
	struct school s;

	draw_school(r, k, &s);
	jh_buf_addf(b, "%s%04d,%s第%d学校,%s,%d,%s,%s,%s", county, k, county, k + 1,
	            county, YEAR, jh_school_type_key(s.type),
	            s.type == JH_TYPE_TEACHING_POINT ? central : "", s.location);
	add_numbers(b, &s);
	/* Class counts where the stage exists (about 45 and 50 a class). */
	if (s.pupils[0] > 0)
		jh_buf_addf(b, ",%.0f", ceil(s.pupils[0] / uniform(r, 30, 50)));
	else
		jh_buf_adds(b, ",");
	if (s.pupils[1] > 0)
		jh_buf_addf(b, ",%.0f", ceil(s.pupils[1] / uniform(r, 35, 55)));
	else
		jh_buf_adds(b, ",");
	if (uniform_int(r, 0, 19) == 0)
		jh_buf_addf(b, ",%s\n", notes[uniform_int(r, 0, 3)]);
	else
		jh_buf_adds(b, ",\n");
}

static char *gen_csv(size_t rows, size_t *len, size_t *counties)
{
	jh_buf b = JH_BUF_INIT;
	uint64_t r = SEED;
	size_t code = 0, county = 0;

	jh_buf_adds(&b, HEADER);
	while (code < rows) {
		/* 50..90 schools a county, 70 on average. */
		int n = uniform_int(&r, SCHOOLS_PER_COUNTY - 20, SCHOOLS_PER_COUNTY + 20);
		char cc[8], central[16];
		county_code(county, cc);
		snprintf(central, sizeof central, "%s0000", cc);
		for (int k = 0; k < n && code < rows; k++, code++)
			gen_row(&b, &r, cc, k, central);
		county++;
	}
	*counties = county;
	return jh_buf_detach(&b, len);
}

static char *gen_areas(size_t counties, size_t *len)
{
	jh_buf b = JH_BUF_INIT;

	jh_buf_adds(&b, "province_code,province_name,city_code,city_name,"
	                "county_code,county_name\n");
	for (size_t i = 0; i < counties; i++) {
		char cc[8];
		county_code(i, cc);
		jh_buf_addf(&b, "%.2s0000,省%.2s,%.4s00,市%.4s,%s,县%s\n",
		            cc, cc, cc, cc, cc, cc);
	}
	return jh_buf_detach(&b, len);
}

static int write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(data, 1, n, f) == n;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static char *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)len + 1))) {
		if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
			free(buf);
			buf = NULL;
		} else {
			buf[len] = '\0';
			*n = (size_t)len;
		}
	}
	fclose(f);
	return buf;
}

static long long file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) ? 0 : (long long)sb.st_size;
}

/* One sheet of the workbook from a parsed CSV table. */
static void sheet_from_table(lxw_worksheet *ws, const jh_table *t, int all_text)
{
	size_t ncols = t->nrows ? t->rows[0].ncells : 0;
	char *is_text = calloc(ncols ? ncols : 1, 1);

	for (size_t c = 0; c < ncols; c++)
		is_text[c] = (char)(all_text || text_column(jh_table_cell(t, 0, c)));
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->rows[r].ncells; c++) {
			const char *v = jh_table_cell(t, r, c);
			if (!*v)
				continue;
			if (r == 0 || is_text[c])
				worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, v, NULL);
			else
				worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
				                       strtod(v, NULL), NULL);
		}
	free(is_text);
}

/* The same rows as a workbook: schools on the first sheet, areas on the
 * second, as a person would hand them in. */
static int write_xlsx(const char *path, const char *csv, size_t csv_len,
                      const char *areas, size_t areas_len)
{
	jh_table *t = NULL, *a = NULL;
	jh_diags d = JH_DIAGS_INIT;
	lxw_workbook *wb;
	int rc = -1;

	if (jh_csv_parse(csv, csv_len, "schools.csv", &t, &d) ||
	    jh_csv_parse(areas, areas_len, "areas.csv", &a, &d)) {
		print_diags("parsing the generated CSV", &d);
		goto out;
	}
	if (!(wb = workbook_new(path)))
		goto out;
	sheet_from_table(workbook_add_worksheet(wb, "schools"), t, 0);
	sheet_from_table(workbook_add_worksheet(wb, "areas"), a, 1);
	rc = workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
out:
	jh_table_free(t);
	jh_table_free(a);
	jh_diags_free(&d);
	return rc;
}

struct paths {
	char dir[64], csv[96], areas[96], xlsx[96], db[96], db_xlsx[96];
};

static void make_paths(struct paths *p, const char *dir)
{
	snprintf(p->dir, sizeof p->dir, "%s", dir);
	snprintf(p->csv, sizeof p->csv, "%s/schools.csv", dir);
	snprintf(p->areas, sizeof p->areas, "%s/areas.csv", dir);
	snprintf(p->xlsx, sizeof p->xlsx, "%s/schools.xlsx", dir);
	snprintf(p->db, sizeof p->db, "%s/csv.db", dir);
	snprintf(p->db_xlsx, sizeof p->db_xlsx, "%s/xlsx.db", dir);
}

static int generate(size_t rows, const struct paths *p, struct gen *g)
{
	char *csv, *areas = NULL;
	size_t alen = 0;
	double t0 = now();
	int rc = -1;

	memset(g, 0, sizeof *g);
	g->rows = rows;
	if (!(csv = gen_csv(rows, &g->csv_bytes, &g->counties)) ||
	    !(areas = gen_areas(g->counties, &alen)) ||
	    write_file(p->csv, csv, g->csv_bytes) || write_file(p->areas, areas, alen))
		goto out;
	g->sec_csv = now() - t0;
	t0 = now();
	if (write_xlsx(p->xlsx, csv, g->csv_bytes, areas, alen))
		goto out;
	g->sec_xlsx = now() - t0;
	g->xlsx_bytes = (size_t)file_size(p->xlsx);
	rc = 0;
out:
	free(csv);
	free(areas);
	return rc;
}

/* --- the measured steps -------------------------------------------------- */

/* Read a CSV file as the CLI does: bytes, SHA-256, UTF-8, table. */
static jh_code load_csv(const char *path, jh_dataset *ds, jh_areas *areas,
                        char sha[65], jh_diags *d)
{
	char *data, *text = NULL;
	size_t len = 0, tlen = 0;
	jh_table *t = NULL;
	jh_code rc;

	if (!(data = read_file(path, &len)))
		return JH_ERR_IO;
	jh_sha256_hex(data, len, sha);
	rc = jh_to_utf8(data, len, &text, &tlen, NULL);
	free(data);
	if (rc)
		return rc;
	rc = jh_csv_parse(text, tlen, path, &t, d);
	free(text);
	if (rc)
		return rc;
	rc = jh_areas_table_is(t) ? jh_areas_add_table(areas, t, d)
	                          : jh_dataset_add_table(ds, t, d);
	jh_table_free(t);
	return rc;
}

static jh_code load_xlsx(const char *path, jh_dataset *ds, jh_areas *areas,
                         char sha[65], jh_diags *d)
{
	char *data;
	size_t len = 0, n = 0;
	jh_table **tabs = NULL;
	jh_code rc;

	if (!(data = read_file(path, &len)))
		return JH_ERR_IO;
	jh_sha256_hex(data, len, sha);
	rc = jh_xlsx_read(data, len, path, &tabs, &n, d);
	free(data);
	for (size_t i = 0; i < n; i++) {
		if (rc == JH_OK)
			rc = jh_areas_table_is(tabs[i]) ? jh_areas_add_table(areas, tabs[i], d)
			                                : jh_dataset_add_table(ds, tabs[i], d);
		jh_table_free(tabs[i]);
	}
	free(tabs);
	return rc;
}

/* Files into a database: parse (and check) all, then one import.  Sets
 * the two phase times and the import stats. */
static int import_files(jh_store *s, char **files, int nfiles, int xlsx,
                        double *parse_s, double *write_s, jh_import_stats *st)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_dataset *ds = jh_dataset_new();
	jh_areas *areas = jh_areas_new();
	char sha[4][65];
	const char *shas[4];
	double t0 = now();
	jh_code rc = JH_ERR_NOMEM;

	if (!ds || !areas)
		goto out;
	for (int i = 0; i < nfiles; i++) {
		rc = xlsx ? load_xlsx(files[i], ds, areas, sha[i], &d)
		          : load_csv(files[i], ds, areas, sha[i], &d);
		if (rc) {
			print_diags(files[i], &d);
			goto out;
		}
		shas[i] = sha[i];
	}
	*parse_s = now() - t0;
	t0 = now();
	{
		jh_revision_info info = {"bench", "bench_import", "import",
		                         (size_t)nfiles, (const char *const *)files,
		                         shas};
		if ((rc = jh_store_import(s, areas, ds, NULL, &info, st, &d)))
			print_diags("import", &d);
	}
	*write_s = now() - t0;
out:
	jh_dataset_free(ds);
	jh_areas_free(areas);
	jh_diags_free(&d);
	return rc ? -1 : 0;
}

static int run_once(const struct paths *p, struct run *out)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_dataset *ds = NULL;
	jh_result *res = NULL;
	jh_standard std;
	jh_import_stats st;
	char *csv_files[2] = {(char *)p->areas, (char *)p->csv};
	char *xlsx_files[1] = {(char *)p->xlsx};
	double t0;
	int rc = -1;

	if (jh_standard_national(&std, &d))
		goto fail;

	/* (a) CSV into a fresh database. */
	t0 = now();
	if (jh_store_init(p->db, &s, &d))
		goto fail;
	out->sec[PH_INIT] = now() - t0;
	if (import_files(s, csv_files, 2, 0, &out->sec[PH_CSV_PARSE],
	                 &out->sec[PH_CSV_WRITE], &st))
		goto out;
	out->added_csv = st.added;

	/* (c) the same again: the no-op path. */
	if (import_files(s, csv_files, 2, 0, &out->sec[PH_AGAIN_PARSE],
	                 &out->sec[PH_AGAIN_WRITE], &st))
		goto out;
	out->unchanged_again = st.unchanged;
	out->rev_again = st.revision;
	jh_store_close(s);
	s = NULL;

	/* (b) XLSX into another fresh database. */
	if (jh_store_init(p->db_xlsx, &s, &d))
		goto fail;
	if (import_files(s, xlsx_files, 1, 1, &out->sec[PH_XLSX_PARSE],
	                 &out->sec[PH_XLSX_WRITE], &st))
		goto out;
	out->added_xlsx = st.added;
	jh_store_close(s);
	s = NULL;

	/* (d) evaluation from the CSV database. */
	t0 = now();
	if (jh_store_open(p->db, &s, &d))
		goto fail;
	out->sec[PH_OPEN] = now() - t0;
	t0 = now();
	if (jh_store_load(s, NULL, 0, &ds, &d))
		goto fail;
	out->sec[PH_LOAD] = now() - t0;
	t0 = now();
	if (jh_eval(ds, &std, NULL, &res, &d))
		goto fail;
	out->sec[PH_EVAL] = now() - t0;
	out->evaluated = res->ncounties;
	jh_store_close(s);
	s = NULL;

	/* (e) sizes after closing (the WAL is checkpointed and removed on
	 * the last close; counted in case it is not). */
	{
		char wal[256];
		snprintf(wal, sizeof wal, "%s-wal", p->db);
		out->db_bytes = file_size(p->db) + file_size(wal);
		snprintf(wal, sizeof wal, "%s-wal", p->db_xlsx);
		out->db_xlsx_bytes = file_size(p->db_xlsx) + file_size(wal);
	}
	rc = 0;
	goto out;
fail:
	print_diags("store", &d);
out:
	jh_result_free(res);
	jh_dataset_free(ds);
	jh_store_close(s);
	jh_diags_free(&d);
	out->maxrss_kb = maxrss_kb();
	return rc;
}

/* What a step in a child process (in_child) works on. */
struct job {
	size_t rows;
	const struct paths *p;
};

/* Not timed: the XLSX database holds exactly what the CSV one does (their
 * exports are the same bytes). */
static int verify_fn(const void *arg, void *out)
{
	const struct paths *p = ((const struct job *)arg)->p;
	const char *dbs[2] = {p->db, p->db_xlsx};
	jh_buf csv[2] = {JH_BUF_INIT, JH_BUF_INIT};
	jh_diags d = JH_DIAGS_INIT;
	int *same = out, rc = 0;

	for (int i = 0; i < 2 && rc == 0; i++) {
		jh_store *s = NULL;
		jh_dataset *ds = NULL;
		if (jh_store_open(dbs[i], &s, &d) || jh_store_load(s, NULL, 0, &ds, &d) ||
		    jh_export_csv(ds, NULL, &csv[i]))
			rc = -1;
		jh_dataset_free(ds);
		jh_store_close(s);
	}
	if (rc)
		print_diags("verify", &d);
	*same = rc == 0 && csv[0].len == csv[1].len &&
	        !memcmp(csv[0].data, csv[1].data, csv[0].len);
	jh_buf_free(&csv[0]);
	jh_buf_free(&csv[1]);
	jh_diags_free(&d);
	return rc;
}

static int gen_fn(const void *arg, void *out)
{
	const struct job *j = arg;

	return generate(j->rows, j->p, out);
}

static int run_fn(const void *arg, void *out)
{
	return run_once(((const struct job *)arg)->p, out);
}

static void rm_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

/* Run argv as a subprocess, output to /dev/null; its wall time in
 * seconds, or -1 when it did not exit 0. */
static double run_timed(char *const argv[])
{
	double t0 = now();
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	return now() - t0;
}

static void rm_db(const char *db)
{
	char p[160];

	unlink(db);
	snprintf(p, sizeof p, "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", db);
	unlink(p);
}

/* (f): best of two runs each of `junheng import` and `sqlite3 .import`
 * of the same schools.csv. */
static void cli_vs_sqlite3(const struct paths *p, struct run *r)
{
	char db[128], csvarg[160];
	char *init[] = {junheng_path, "init", db, NULL};
	char *areas[] = {junheng_path, "import", db, (char *)p->areas, NULL};
	char *import[] = {junheng_path, "import", db, (char *)p->csv, NULL};
	char *sq[] = {"sqlite3", db, csvarg, NULL};

	snprintf(csvarg, sizeof csvarg, ".import --csv %s t", p->csv);
	r->sec_cli = r->sec_sqlite3 = -1;
	for (int k = 0; k < 2; k++) {
		double t;
		snprintf(db, sizeof db, "%s/cli.db", p->dir);
		rm_db(db);
		if (run_timed(init) < 0 || run_timed(areas) < 0 || (t = run_timed(import)) < 0) {
			fprintf(stderr, "bench_import: %s import failed\n", junheng_path);
			break;
		}
		if (r->sec_cli < 0 || t < r->sec_cli)
			r->sec_cli = t;
		rm_db(db);
		snprintf(db, sizeof db, "%s/sqlite3.db", p->dir);
		rm_db(db);
		if ((t = run_timed(sq)) < 0) {
			fprintf(stderr, "bench_import: sqlite3 .import failed (is sqlite3 installed?)\n");
			break;
		}
		if (r->sec_sqlite3 < 0 || t < r->sec_sqlite3)
			r->sec_sqlite3 = t;
		rm_db(db);
	}
}

static int measure(size_t rows, struct run *r)
{
	char dir[] = "/tmp/bench_import.XXXXXX";
	struct paths p;
	struct job j = {rows, &p};
	struct gen g;
	int rc;

	memset(r, 0, sizeof *r);
	if (!mkdtemp(dir)) {
		perror("bench_import: mkdtemp");
		return -1;
	}
	make_paths(&p, dir);
	rc = in_child(gen_fn, &j, &g, sizeof g);
	if (rc == 0)
		rc = in_child(run_fn, &j, r, sizeof *r);
	if (rc == 0)
		rc = in_child(verify_fn, &j, &r->same, sizeof r->same);
	if (rc == 0)
		cli_vs_sqlite3(&p, r);
	r->g = g;
	rm_dir(dir);
	if (rc)
		fprintf(stderr, "bench_import: the run of %zu rows failed\n", rows);
	return rc;
}

static double per1k(double sec, size_t rows)
{
	return sec * 1e6 / (double)rows;
}

int main(int argc, char **argv)
{
	size_t n = 200000;
	struct run runs[3];
	const struct run *big;

	if (argc > 2 || (argc == 2 && (n = strtoul(argv[1], NULL, 10)) < 4)) {
		fprintf(stderr, "usage: bench_import [N]   (N >= 4 school rows; default 200000)\n");
		return 2;
	}
	if (getenv("JUNHENG")) {
		snprintf(junheng_path, sizeof junheng_path, "%s", getenv("JUNHENG"));
	} else {
		const char *slash = strrchr(argv[0], '/');
		if (slash)
			snprintf(junheng_path, sizeof junheng_path, "%.*s/junheng",
			         (int)(slash - argv[0]), argv[0]);
	}
	for (int i = 0; i < 3; i++)
		if (measure(n / (size_t)(4 >> i), &runs[i]))
			return 1;

	big = &runs[2];
	printf("bench_import: %zu schools in %zu counties; %.1f MB of CSV, "
	       "%.1f MB of XLSX (generated in %.2f s and %.2f s, not timed below)\n\n",
	       big->g.rows, big->g.counties, big->g.csv_bytes / 1048576.0,
	       big->g.xlsx_bytes / 1048576.0, big->g.sec_csv, big->g.sec_xlsx);
	printf("%-34s %10s %14s\n", "step", "seconds", "rows/s");
#define LINE(name, s) printf("%-34s %10.3f %14.0f\n", name, (s), big->g.rows / (s))
	LINE("init (new database)", big->sec[PH_INIT]);
	LINE("(a) csv: read+parse+check", big->sec[PH_CSV_PARSE]);
	LINE("(a) csv: database write", big->sec[PH_CSV_WRITE]);
	LINE("(a) csv import in all", big->sec[PH_INIT] + big->sec[PH_CSV_PARSE] +
	                               big->sec[PH_CSV_WRITE]);
	LINE("(b) xlsx: read+parse+check", big->sec[PH_XLSX_PARSE]);
	LINE("(b) xlsx: database write", big->sec[PH_XLSX_WRITE]);
	LINE("(b) xlsx import in all", big->sec[PH_XLSX_PARSE] + big->sec[PH_XLSX_WRITE]);
	LINE("(c) csv again: read+parse+check", big->sec[PH_AGAIN_PARSE]);
	LINE("(c) csv again: compare, no write", big->sec[PH_AGAIN_WRITE]);
	LINE("(d) open", big->sec[PH_OPEN]);
	LINE("(d) load every row", big->sec[PH_LOAD]);
	LINE("(d) eval every county", big->sec[PH_EVAL]);
	LINE("(d) eval from the database", big->sec[PH_OPEN] + big->sec[PH_LOAD] +
	                                   big->sec[PH_EVAL]);
#undef LINE
	printf("(e) database: %.1f MB, %.0f bytes a row (from XLSX: %.1f MB)\n",
	       big->db_bytes / 1048576.0, (double)big->db_bytes / (double)big->g.rows,
	       big->db_xlsx_bytes / 1048576.0);
	printf("checks: %zu added from CSV, %zu from XLSX (same rows: %s); again: "
	       "%zu unchanged, revision %ld; %zu counties evaluated\n",
	       big->added_csv, big->added_xlsx, big->same ? "yes" : "NO",
	       big->unchanged_again, big->rev_again, big->evaluated);
	printf("peak resident (ru_maxrss): %.1f MB\n\n", big->maxrss_kb / 1024.0);

	printf("targets (issue): CSV import of 200,000 rows < 5 s: %.2f s at %zu rows; "
	       "evaluation from the database < 3 s: %.2f s\n\n",
	       big->sec[PH_INIT] + big->sec[PH_CSV_PARSE] + big->sec[PH_CSV_WRITE],
	       big->g.rows,
	       big->sec[PH_OPEN] + big->sec[PH_LOAD] + big->sec[PH_EVAL]);

	printf("(f) the programs on the same %zu-row schools.csv (best of 2, wall):\n"
	       "    junheng import  %.3f s\n"
	       "    sqlite3 .import %.3f s\n"
	       "    ratio           %.2f (target: at most 2)\n\n",
	       big->g.rows, big->sec_cli, big->sec_sqlite3,
	       big->sec_sqlite3 > 0 ? big->sec_cli / big->sec_sqlite3 : -1.0);

	printf("Growth: milliseconds per 1000 rows (flat = linear)\n");
	printf("%8s %8s", "rows", "counties");
	{
		static const int cols[] = {PH_CSV_PARSE, PH_CSV_WRITE, PH_XLSX_PARSE,
		                           PH_XLSX_WRITE, PH_AGAIN_PARSE, PH_AGAIN_WRITE,
		                           PH_LOAD, PH_EVAL};
		const size_t ncols = sizeof cols / sizeof cols[0];
		for (size_t c = 0; c < ncols; c++)
			printf(" %12s", phase_name[cols[c]]);
		printf(" %12s %12s %6s", "junheng cli", "sqlite3", "ratio");
		printf(" %8s %6s %8s\n", "db MB", "B/row", "peak MB");
		for (int i = 0; i < 3; i++) {
			const struct run *r = &runs[i];
			printf("%8zu %8zu", r->g.rows, r->g.counties);
			for (size_t c = 0; c < ncols; c++)
				printf(" %12.3f", per1k(r->sec[cols[c]], r->g.rows));
			printf(" %12.3f %12.3f %6.2f", per1k(r->sec_cli, r->g.rows),
			       per1k(r->sec_sqlite3, r->g.rows),
			       r->sec_sqlite3 > 0 ? r->sec_cli / r->sec_sqlite3 : -1.0);
			printf(" %8.1f %6.0f %8.1f\n", r->db_bytes / 1048576.0,
			       (double)r->db_bytes / (double)r->g.rows, r->maxrss_kb / 1024.0);
		}
	}
	return 0;
}
