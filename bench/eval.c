/*
** bench/eval.c — how long a nation's worth of schools takes.
**
**   build/bench_eval [N]        (default N = 200000; make bench builds it)
**
** Generates N school rows of the template as CSV text in memory (mixed
** school types, counties of about 70 schools, so about 2,860 counties at
** N = 200,000, values scattered around the national thresholds; the
** generation is timed on its own), then times each stage the CLI runs:
**
**   parse   jh_csv_parse            CSV text -> jh_table
**   load    jh_dataset_add_table    table -> checked school-year rows
**   eval    jh_eval                 every county, both stages
**   json    jh_report (JSON)        the full result as JSON text
**
** and prints seconds, rows per second and milliseconds per 1000 rows for
** N/4, N/2 and N, so that linear growth is visible, with the peak resident
** memory (getrusage ru_maxrss) of each size, each run in a child process
** of its own.  Nothing is asserted about
** the times: this is a measuring tool, not a test.
**
** Deterministic: splitmix64 with a fixed seed.
*/
#include "junheng.h"
#include "benchutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED 0x62656E63685F6576ull     /* "bench_ev" */
#define SCHOOLS_PER_COUNTY 70

enum phase { PH_GEN, PH_PARSE, PH_LOAD, PH_EVAL, PH_JSON, PH__COUNT };

static const char *const phase_name[PH__COUNT] = {
	"generate", "parse", "load", "eval", "json",
};

struct run {
	size_t rows;
	size_t counties;
	size_t csv_bytes, json_bytes;
	double sec[PH__COUNT];
	long rss_eval_kb;     /* resident after eval, before the JSON */
	long maxrss_kb;       /* peak of the process so far */
};

/* --- generating the CSV ------------------------------------------------- */

static void gen_row(jh_buf *b, uint64_t *r, size_t county, int k,
                    size_t code, size_t central)
{
	struct school s;

	draw_school(r, k, &s);
	jh_buf_addf(b, "21%08zu,学校%zu,%06zu,2024,%s,", code, code,
	            100000 + county, jh_school_type_key(s.type));
	if (s.type == JH_TYPE_TEACHING_POINT)
		jh_buf_addf(b, "21%08zu", central);
	add_numbers(b, &s);
	jh_buf_addf(b, ",%s\n", s.location);
}

static char *gen_csv(size_t rows, size_t *len, size_t *counties)
{
	jh_buf b = JH_BUF_INIT;
	uint64_t r = SEED;
	size_t code = 0, county = 0;

	jh_buf_adds(&b, "school_code,school_name,county_code,year,school_type,"
	                "parent_code");
	/* The 15 numeric columns of the 2017 template (not any optional
	 * columns the library may know after them). */
	for (int f = 0; f <= JH_F_MULTIMEDIA_ROOMS; f++)
		jh_buf_addf(&b, ",%s", jh_field_key((jh_field)f));
	jh_buf_adds(&b, ",location\n");
	while (code < rows) {
		/* 50..90 schools a county, 70 on average. */
		int n = uniform_int(&r, SCHOOLS_PER_COUNTY - 20, SCHOOLS_PER_COUNTY + 20);
		size_t central = code;
		for (int k = 0; k < n && code < rows; k++, code++)
			gen_row(&b, &r, county, k, code, central);
		county++;
	}
	*counties = county;
	return jh_buf_detach(&b, len);
}

/* --- one run ---------------------------------------------------------- */

static int run_once(size_t rows, const jh_standard *std, struct run *out)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t = NULL;
	jh_dataset *ds = NULL;
	jh_result *res = NULL;
	jh_buf json = JH_BUF_INIT;
	char *csv;
	double t0;
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->rows = rows;
	t0 = now();
	csv = gen_csv(rows, &out->csv_bytes, &out->counties);
	out->sec[PH_GEN] = now() - t0;
	if (!csv)
		goto out;

	t0 = now();
	if (jh_csv_parse(csv, out->csv_bytes, "bench.csv", &t, &d))
		goto fail;
	out->sec[PH_PARSE] = now() - t0;
	free(csv);
	csv = NULL;

	t0 = now();
	if (!(ds = jh_dataset_new()) || jh_dataset_add_table(ds, t, &d))
		goto fail;
	out->sec[PH_LOAD] = now() - t0;
	jh_table_free(t);
	t = NULL;

	t0 = now();
	if (jh_eval(ds, std, NULL, &res, &d))
		goto fail;
	out->sec[PH_EVAL] = now() - t0;
	out->rss_eval_kb = rss_kb();

	t0 = now();
	if (jh_report(res, JH_FMT_JSON, "en", &json))
		goto fail;
	out->sec[PH_JSON] = now() - t0;
	out->json_bytes = json.len;
	if (res->ncounties != out->counties) {
		fprintf(stderr, "bench_eval: %zu counties evaluated, %zu generated\n",
		        res->ncounties, out->counties);
		goto out;
	}
	rc = 0;
	goto out;
fail:
	{
		jh_buf msg = JH_BUF_INIT;
		jh_diags_format(&d, "en", &msg);
		fprintf(stderr, "bench_eval: failed at %zu rows\n%s", rows,
		        msg.data ? msg.data : "");
		jh_buf_free(&msg);
	}
out:
	free(csv);
	jh_buf_free(&json);
	jh_result_free(res);
	jh_dataset_free(ds);
	jh_table_free(t);
	jh_diags_free(&d);
	out->maxrss_kb = maxrss_kb();
	return rc;
}

/* Each size runs in a child process of its own, so that its memory
 * figures are its own. */
struct job {
	size_t rows;
	const jh_standard *std;
};

static int run_fn(const void *arg, void *out)
{
	const struct job *j = arg;

	return run_once(j->rows, j->std, out);
}

int main(int argc, char **argv)
{
	size_t n = 200000;
	struct run runs[3];
	jh_standard std;
	jh_diags d = JH_DIAGS_INIT;
	const struct run *big;

	if (argc > 2 || (argc == 2 && (n = strtoul(argv[1], NULL, 10)) < 4)) {
		fprintf(stderr, "usage: bench_eval [N]   (N >= 4 school rows; default 200000)\n");
		return 2;
	}
	if (jh_standard_national(&std, &d)) {
		fprintf(stderr, "bench_eval: no national standard\n");
		return 1;
	}
	jh_diags_free(&d);
	for (int i = 0; i < 3; i++) {
		struct job j = {n / (size_t)(4 >> i), &std};
		if (in_child(run_fn, &j, &runs[i], sizeof runs[i]))
			return 1;
	}

	big = &runs[2];
	printf("bench_eval: %zu schools in %zu counties, %.1f MB of CSV, %.1f MB of JSON\n\n",
	       big->rows, big->counties, big->csv_bytes / 1048576.0,
	       big->json_bytes / 1048576.0);
	printf("%-18s %10s %14s\n", "phase", "seconds", "rows/s");
	for (int p = 0; p < PH__COUNT; p++)
		printf("%-18s %10.3f %14.0f%s\n", phase_name[p], big->sec[p],
		       big->rows / big->sec[p], p == PH_GEN ? "   (not timed below)" : "");
	{
		double core = big->sec[PH_PARSE] + big->sec[PH_LOAD] + big->sec[PH_EVAL];
		printf("%-18s %10.3f %14.0f\n", "parse+load+eval", core,
		       big->rows / core);
		printf("%-18s %10.3f %14.0f\n", "... + json", core + big->sec[PH_JSON],
		       big->rows / (core + big->sec[PH_JSON]));
	}
	printf("resident after eval: %.1f MB; peak (ru_maxrss, with JSON): %.1f MB\n\n",
	       big->rss_eval_kb / 1024.0, big->maxrss_kb / 1024.0);

	printf("Growth: milliseconds per 1000 rows (flat = linear)\n");
	printf("%9s %8s", "rows", "counties");
	for (int p = PH_PARSE; p < PH__COUNT; p++)
		printf(" %9s %8s", phase_name[p], "ms/1k");
	printf(" %9s %8s\n", "eval MB", "peak MB");
	for (int i = 0; i < 3; i++) {
		const struct run *r = &runs[i];
		printf("%9zu %8zu", r->rows, r->counties);
		for (int p = PH_PARSE; p < PH__COUNT; p++)
			printf(" %8.3fs %8.3f", r->sec[p], r->sec[p] * 1e6 / r->rows);
		printf(" %9.1f %8.1f\n", r->rss_eval_kb / 1024.0, r->maxrss_kb / 1024.0);
	}
	return 0;
}
