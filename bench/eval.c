/*
** bench/eval.c — how long a nation's worth of schools takes.
**
**   build/bench_eval [N]                  in-process phases (default N = 200000)
**   build/bench_eval --cli [N] [REPEAT]   the junheng command end to end
**   build/bench_eval --write FILE N       only write the CSV of N rows
**
** Generates N school rows of the template as CSV text in memory (mixed
** school types, counties of about 70 schools, so about 2,860 counties at
** N = 200,000, values scattered around the national thresholds; the
** generation is timed on its own).
**
** In-process, it times each stage the CLI runs:
**
**   parse   jh_csv_parse            CSV text -> jh_table
**   load    jh_dataset_add_table    table -> checked school-year rows
**   eval    jh_eval                 every county, both stages
**   json    jh_report_write (JSON)  the full result as compact JSON,
**   text    jh_report_write (text)  text and CSV, each through a jh_out
**   csv     jh_report_write (CSV)   to /dev/null (the render alone)
**
** and prints seconds, rows per second and milliseconds per 1000 rows for
** N/4, N/2 and N, so that linear growth is visible, with the peak resident
** memory (getrusage ru_maxrss) of each size, each run in a child process
** of its own.
**
** With --cli it writes the CSV of N/4, N/2 and N rows to files (in
** $TMPDIR, default /tmp) and runs `junheng eval FILE --format F` for F =
** text, json, csv as a child process (the binary is $JUNHENG, default
** build/junheng), its standard output to a file beside the input, as a
** user would: the figures are wall time from fork to exit, the child's
** user and system time and its peak resident memory (wait4's rusage),
** and the bytes written; the best of REPEAT runs (default 3) of each.
**
** Nothing is asserted about the times: this is a measuring tool, not a
** test.  Deterministic: splitmix64 with a fixed seed.
*/
#include "junheng.h"
#include "benchutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>

#define SEED 0x62656E63685F6576ull     /* "bench_ev" */
#define SCHOOLS_PER_COUNTY 70

enum phase { PH_GEN, PH_PARSE, PH_LOAD, PH_EVAL, PH_JSON, PH_TEXT, PH_CSV,
             PH__COUNT };

static const char *const phase_name[PH__COUNT] = {
	"generate", "parse", "load", "eval", "json", "text", "csv",
};

struct run {
	size_t rows;
	size_t counties;
	size_t csv_bytes;
	long long out_bytes[3];   /* json, text, csv */
	double sec[PH__COUNT];
	long rss_eval_kb;     /* resident after eval, before the reports */
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

/* A sink that counts the bytes and writes them to fd (/dev/null). */
static int count_sink(void *ctx, const char *p, size_t n)
{
	struct count { int fd; long long n; } *c = ctx;

	c->n += (long long)n;
	return write(c->fd, p, n) == (ssize_t)n ? 0 : -1;
}

/* --- one run ---------------------------------------------------------- */

static int run_once(size_t rows, const jh_standard *std, struct run *out)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t = NULL;
	jh_dataset *ds = NULL;
	jh_result *res = NULL;
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

	for (int f = 0; f < 3; f++) {
		static const jh_format fmt[3] = {JH_FMT_JSON, JH_FMT_TEXT, JH_FMT_CSV};
		struct count { int fd; long long n; } cnt;
		jh_out *o;
		jh_code rc;

		cnt.fd = open("/dev/null", O_WRONLY);
		cnt.n = 0;
		o = jh_out_new(count_sink, &cnt);
		t0 = now();
		rc = o ? jh_report_write(res, fmt[f], "zh", 0, o) : JH_ERR_NOMEM;
		if (jh_out_close(o) && !rc)
			rc = JH_ERR_IO;
		out->sec[PH_JSON + f] = now() - t0;
		out->out_bytes[f] = cnt.n;
		close(cnt.fd);
		if (rc)
			goto fail;
	}
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

/* --- the command end to end (--cli) ------------------------------------ */

static const char *const cli_format[3] = {"text", "json", "csv"};

struct cli_run {
	double wall, user, sys;    /* seconds */
	long maxrss_kb;            /* the child's peak */
	long long out_bytes;
};

/* junheng eval IN --format F > OUT, timed; 0 when it exited 0. */
static int cli_once(const char *junheng, const char *in, const char *fmt,
                    const char *out, struct cli_run *r)
{
	struct rusage ru;
	struct stat st;
	double t0 = now();
	int status, fd;
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(127);
		close(fd);
		execl(junheng, junheng, "eval", in, "--format", fmt, (char *)NULL);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid)
		return -1;
	r->wall = now() - t0;
	r->user = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6;
	r->sys = (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
	r->maxrss_kb = ru.ru_maxrss;
	r->out_bytes = stat(out, &st) ? -1 : (long long)st.st_size;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int write_file(const char *path, const char *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	int bad;

	if (!f)
		return -1;
	bad = fwrite(p, 1, n, f) != n;
	bad |= fclose(f) != 0;
	return bad ? -1 : 0;
}

static int cli_main(size_t n, int repeat)
{
	const char *junheng = getenv("JUNHENG") ? getenv("JUNHENG") : "build/junheng";
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	struct cli_run best[3][3];
	size_t rows[3], counties[3], bytes[3];
	char in[3][512], out[512];

	if (access(junheng, X_OK)) {
		fprintf(stderr, "bench_eval: no %s (make, or set JUNHENG)\n", junheng);
		return 1;
	}
	for (int i = 0; i < 3; i++) {
		char *csv;
		rows[i] = n / (size_t)(4 >> i);
		csv = gen_csv(rows[i], &bytes[i], &counties[i]);
		snprintf(in[i], sizeof in[i], "%s/bench_eval_%d_%zu.csv", dir,
		         (int)getpid(), rows[i]);
		if (!csv || write_file(in[i], csv, bytes[i])) {
			fprintf(stderr, "bench_eval: cannot write %s\n", in[i]);
			free(csv);
			return 1;
		}
		free(csv);
	}
	snprintf(out, sizeof out, "%s/bench_eval_%d.out", dir, (int)getpid());
	for (int i = 0; i < 3; i++)
		for (int f = 0; f < 3; f++)
			for (int k = 0; k < repeat; k++) {
				struct cli_run r;
				if (cli_once(junheng, in[i], cli_format[f], out, &r)) {
					fprintf(stderr, "bench_eval: %s eval %s --format %s failed\n",
					        junheng, in[i], cli_format[f]);
					return 1;
				}
				if (!k || r.wall < best[i][f].wall)
					best[i][f] = r;
			}
	for (int i = 0; i < 3; i++)
		remove(in[i]);
	remove(out);

	printf("bench_eval --cli: %s eval FILE --format F > file, best of %d\n",
	       junheng, repeat);
	printf("%zu schools in %zu counties, %.1f MB of CSV\n\n", rows[2],
	       counties[2], bytes[2] / 1048576.0);
	printf("%-6s %9s %9s %9s %9s %10s %12s\n", "format", "wall s", "user s",
	       "sys s", "peak MB", "output MB", "input MB/s*");
	for (int f = 0; f < 3; f++) {
		const struct cli_run *r = &best[2][f];
		printf("%-6s %9.3f %9.3f %9.3f %9.1f %10.1f %12.0f\n", cli_format[f],
		       r->wall, r->user, r->sys, r->maxrss_kb / 1024.0,
		       r->out_bytes / 1048576.0, bytes[2] / 1048576.0 / r->wall);
	}
	printf("* megabytes of CSV over the whole run's wall time (read, parse, load,\n"
	       "  evaluate and write): a lower bound of the parse rate\n\n");
	printf("Growth: milliseconds per 1000 rows, end to end (flat = linear)\n");
	printf("%9s %8s", "rows", "counties");
	for (int f = 0; f < 3; f++)
		printf(" %8s %7s", cli_format[f], "ms/1k");
	printf(" %8s\n", "peak MB");
	for (int i = 0; i < 3; i++) {
		long peak = 0;
		printf("%9zu %8zu", rows[i], counties[i]);
		for (int f = 0; f < 3; f++) {
			printf(" %7.3fs %7.3f", best[i][f].wall,
			       best[i][f].wall * 1e6 / rows[i]);
			if (best[i][f].maxrss_kb > peak)
				peak = best[i][f].maxrss_kb;
		}
		printf(" %8.1f\n", peak / 1024.0);
	}
	return 0;
}

int main(int argc, char **argv)
{
	size_t n = 200000;
	struct run runs[3];
	jh_standard std;
	jh_diags d = JH_DIAGS_INIT;
	const struct run *big;

	if (argc == 4 && !strcmp(argv[1], "--write")) {
		/* The generated CSV of N rows into FILE, for timing by hand. */
		size_t len, counties;
		char *csv = gen_csv(strtoul(argv[3], NULL, 10), &len, &counties);
		int bad = !csv || write_file(argv[2], csv, len);
		free(csv);
		return bad;
	}
	if (argc >= 2 && !strcmp(argv[1], "--cli")) {
		int repeat = argc > 3 ? atoi(argv[3]) : 3;
		if (argc > 4 || (argc > 2 && (n = strtoul(argv[2], NULL, 10)) < 4) ||
		    repeat < 1) {
			fprintf(stderr, "usage: bench_eval --cli [N [REPEAT]]\n");
			return 2;
		}
		return cli_main(n, repeat);
	}
	if (argc > 2 || (argc == 2 && (n = strtoul(argv[1], NULL, 10)) < 4)) {
		fprintf(stderr, "usage: bench_eval [N]   (N >= 4 school rows; default 200000)\n"
		                "       bench_eval --cli [N [REPEAT]]\n"
		                "       bench_eval --write FILE N\n");
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
	printf("bench_eval: %zu schools in %zu counties, %.1f MB of CSV; "
	       "reports of %.1f MB (JSON), %.1f MB (text), %.1f MB (CSV)\n\n",
	       big->rows, big->counties, big->csv_bytes / 1048576.0,
	       big->out_bytes[0] / 1048576.0, big->out_bytes[1] / 1048576.0,
	       big->out_bytes[2] / 1048576.0);
	printf("%-18s %10s %14s\n", "phase", "seconds", "rows/s");
	for (int p = 0; p < PH__COUNT; p++)
		printf("%-18s %10.3f %14.0f%s\n", phase_name[p], big->sec[p],
		       big->rows / big->sec[p], p == PH_GEN ? "   (not timed below)" : "");
	{
		double core = big->sec[PH_PARSE] + big->sec[PH_LOAD] + big->sec[PH_EVAL];
		printf("%-18s %10.3f %14.0f\n", "parse+load+eval", core,
		       big->rows / core);
		for (int f = 0; f < 3; f++)
			printf("... + %-12s %10.3f %14.0f\n", phase_name[PH_JSON + f],
			       core + big->sec[PH_JSON + f],
			       big->rows / (core + big->sec[PH_JSON + f]));
	}
	printf("parse rate: %.0f MB/s of CSV\n", big->csv_bytes / 1048576.0 /
	       big->sec[PH_PARSE]);
	printf("resident after eval: %.1f MB; peak (ru_maxrss): %.1f MB\n\n",
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
