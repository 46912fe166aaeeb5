/*
** cli.c — helpers shared by the junheng commands.
*/
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

jh_code cli_read_file(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	jh_buf b = JH_BUF_INIT;
	struct stat st;
	size_t want = 65536, n;

	*data = NULL;
	if (!f)
		return JH_ERR_IO;
	/* Straight into a buffer of the file's size (a nation's CSV is tens
	 * of megabytes: no copy through a chunk, no doubling); a pipe or a
	 * growing file still reads to its end. */
	if (!fstat(fileno(f), &st) && S_ISREG(st.st_mode) && st.st_size > 0)
		want = (size_t)st.st_size + 1;
	/* The limit of io.h, before reading: EFBIG tells the caller. */
	if (want - 1 > JH_MAX_FILE_BYTES && S_ISREG(st.st_mode)) {
		fclose(f);
		errno = EFBIG;
		return JH_ERR_IO;
	}
	if (!jh_buf_grow(&b, want))
		for (;;) {
			if (b.cap - b.len - 1 == 0 && jh_buf_grow(&b, 65536))
				break;
			n = fread(b.data + b.len, 1, b.cap - b.len - 1, f);
			if (!n)
				break;
			b.len += n;
			b.data[b.len] = '\0';
			if (b.len > JH_MAX_FILE_BYTES) {       /* a pipe */
				fclose(f);
				jh_buf_free(&b);
				errno = EFBIG;
				return JH_ERR_IO;
			}
		}
	if (ferror(f)) {
		fclose(f);
		jh_buf_free(&b);
		return JH_ERR_IO;
	}
	fclose(f);
	if (b.oom) {
		jh_buf_free(&b);
		return JH_ERR_NOMEM;
	}
	*data = jh_buf_detach(&b, len);
	return *data ? JH_OK : JH_ERR_NOMEM;
}

void cli_file_problem(jh_diags *diags, const char *path, int err)
{
	if (err == EFBIG) {
		char size[32], lim[32];
		struct stat st;
		snprintf(size, sizeof size, "%lld",
		         stat(path, &st) ? 0LL : (long long)(st.st_size >> 20));
		snprintf(lim, sizeof lim, "%lu", JH_MAX_FILE_BYTES >> 20);
		jh_diags_add(diags, JH_P_FILE_TOO_BIG, path, NULL, 0, 0, NULL, size, lim);
		return;
	}
	jh_diags_add(diags, err == ENOENT || err == ENOTDIR ? JH_P_FILE_MISSING :
	             err == EACCES || err == EPERM ? JH_P_FILE_DENIED : JH_P_FILE_UNREADABLE,
	             path, NULL, 0, 0, NULL, NULL, NULL);
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcasecmp(s + n - m, suf);
}

int cli_is_database(const char *path)
{
	FILE *f;
	char head[16];
	int yes;

	/* A database address (sqlite:FILE, postgresql://...): the store
	 * opens it or says why not. */
	if (!strncmp(path, "sqlite:", 7) || strstr(path, "://"))
		return 1;
	/* A file that does not exist is a database when its name says so:
	 * the store then says it is missing and how to create it. */
	if (!(f = fopen(path, "rb")))
		return errno == ENOENT && (has_suffix(path, ".db") || has_suffix(path, ".sqlite") ||
		                           has_suffix(path, ".sqlite3"));
	yes = fread(head, 1, 16, f) == 16 && !memcmp(head, "SQLite format 3", 16);
	fclose(f);
	return yes;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The workbooks and tables of folder dir (the forms of a county's
 * schools, one file each): *.xlsx, *.xls, *.csv and *.txt, by name;
 * hidden files and Excel's lock files (~$…) are passed over.  *out and
 * its strings are malloc'd; -1 when the folder cannot be read. */
static int folder_files(const char *dir, char ***out, int *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	int cap = 0;

	*out = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char path[4096];
		struct stat st;
		if (e->d_name[0] == '.' || !strncmp(e->d_name, "~$", 2) ||
		    !(has_suffix(e->d_name, ".xlsx") || has_suffix(e->d_name, ".xls") ||
		      has_suffix(e->d_name, ".csv") || has_suffix(e->d_name, ".txt")))
			continue;
		if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path ||
		    stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		if (*n == cap) {
			char **g = realloc(v, (size_t)(cap = cap ? 2 * cap : 16) * sizeof *g);
			if (!g)
				break;
			v = g;
		}
		if (!(v[*n] = strdup(path)))
			break;
		(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(v, (size_t)*n, sizeof *v, by_name);
	*out = v;
	return 0;
}

jh_code cli_load_folders(jh_import_set *is, char **paths, int npaths,
                         jh_diags *diags)
{
	int bad = 0;

	for (int i = 0; i < npaths; i++) {
		struct stat st;
		char **sub = &paths[i];
		int nsub = 1, folder = !stat(paths[i], &st) && S_ISDIR(st.st_mode);
		jh_code rc;

		/* A folder: every file in it, as if each were named. */
		if (folder && folder_files(paths[i], &sub, &nsub)) {
			cli_file_problem(diags, paths[i], errno);
			bad = 1;
			continue;
		}
		if (folder && !nsub) {
			jh_diags_add(diags, JH_P_EMPTY_FILE, paths[i], NULL, 0, 0, NULL, NULL, NULL);
			bad = 1;
		}
		rc = nsub ? cli_load_files(is, sub, nsub, diags) : JH_OK;
		if (folder) {
			for (int k = 0; k < nsub; k++)
				free(sub[k]);
			free(sub);
		}
		if (rc == JH_ERR_NOMEM)
			return rc;
		bad |= rc != JH_OK;
	}
	return bad ? JH_ERR_INPUT : JH_OK;
}

jh_code cli_load_files(jh_import_set *is, char **files, int nfiles,
                       jh_diags *diags)
{
	int bad = 0;

	for (int i = 0; i < nfiles; i++) {
		char *data = NULL;
		size_t len = 0;
		jh_code rc = cli_read_file(files[i], &data, &len);

		if (rc == JH_ERR_IO) {
			cli_file_problem(diags, files[i], errno);
			bad = 1;
			continue;
		}
		if (rc)
			return rc;
		rc = jh_import_set_add(is, files[i], data, len, diags);
		free(data);
		if (rc == JH_ERR_NOMEM)
			return rc;
		if (rc)
			bad = 1;
	}
	/* The caller discards the set on error: all or nothing across
	 * files as well as within one. */
	return bad ? JH_ERR_INPUT : JH_OK;
}

jh_code cli_load_standard(const char *path, jh_standard *out, jh_diags *diags)
{
	char *text = NULL, base[512];
	size_t len = 0;
	jh_code rc;

	if (!path)
		return jh_standard_national(out, diags);
	rc = cli_read_file(path, &text, &len);
	if (rc == JH_ERR_IO) {
		cli_file_problem(diags, path, errno);
		return JH_ERR_STANDARD;
	}
	if (rc)
		return rc;
	if (!jh_utf8_valid(text, len)) {
		jh_diags_add(diags, JH_P_ENCODING, path, NULL, 0, 0, NULL, NULL, NULL);
		free(text);
		return JH_ERR_STANDARD;
	}
	jh_standard_base_name(text, len, base, sizeof base);
	/* Every file given here refines a base and so can only tighten it; a
	 * root file could set any figure.  The chain of bases ends in the
	 * built-in national standard (data/standards/README.md). */
	if (!base[0]) {
		jh_diags_add(diags, JH_P_STD_NO_BASE, path, NULL, 0, 0, NULL, NULL, NULL);
		free(text);
		return JH_ERR_STANDARD;
	}
	if (strcmp(base, "national-2017")) {
		/* A base that is another file, relative to this one. */
		char bpath[1024];
		const char *slash = strrchr(path, '/');
		jh_standard b;

		if (base[0] == '/' || !slash)
			snprintf(bpath, sizeof bpath, "%s", base);
		else
			snprintf(bpath, sizeof bpath, "%.*s/%s",
			         (int)(slash - path), path, base);
		if (!strcmp(bpath, path)) {
			jh_diags_add(diags, JH_P_STD_BAD_BASE, path, NULL, 0, 0,
			             NULL, base, NULL);
			free(text);
			return JH_ERR_STANDARD;
		}
		rc = cli_load_standard(bpath, &b, diags);
		if (rc == JH_OK)
			rc = jh_standard_parse(text, len, path, &b, out, diags);
		free(text);
		return rc;
	}
	rc = jh_standard_parse(text, len, path, NULL, out, diags);
	free(text);
	return rc;
}

int cli_year_ok(long y)
{
	jh_standard std;
	jh_diags d = JH_DIAGS_INIT;
	int ok;

	/* The range is definitional: the national standard's. */
	ok = jh_standard_national(&std, &d) == JH_OK &&
	     y >= std.year_min && y <= std.year_max;
	jh_diags_free(&d);
	return ok;
}

void cli_print_notes(jh_diags *d, const struct cli *cli)
{
	cli_print_diags(d, cli);
	jh_diags_free(d);
}

void cli_print_diags(const jh_diags *d, const struct cli *cli)
{
	jh_buf b = JH_BUF_INIT;

	for (size_t i = 0; i < d->count; i++) {
		jh_buf_reset(&b);
		jh_diag_format(&d->items[i], cli->lang, &b);
		fprintf(stderr, "junheng: %s\n", b.data ? b.data : "");
	}
	if (d->dropped)
		fprintf(stderr, strcmp(cli->lang, "en") ?
		        "junheng: ……另有 %zu 个问题未列出\n" :
		        "junheng: ... and %zu more problems\n", d->dropped);
	jh_buf_free(&b);
}

const char *cli_who(const char *given)
{
	const char *w = given;

	if (!w || !*w)
		w = getenv("JUNHENG_USER");
	if (!w || !*w)
		w = getenv("USER");
	if (!w || !*w)
		w = "unknown";
	return w;
}

int cli_exit_status(jh_code rc)
{
	switch (rc) {
	case JH_OK:
		return EXIT_OK;
	case JH_ERR_NOMEM:
	case JH_ERR_IO:
	case JH_ERR_DB:
		return EXIT_FAIL;
	default:
		return EXIT_INPUT;
	}
}

void cli_fail(const struct cli *cli, jh_code rc, const jh_diags *d)
{
	cli_print_diags(d, cli);
	cli_error(cli, "%s", "%s", jh_code_str(rc, cli->lang));
}

void cli_error(const struct cli *cli, const char *zh, const char *en, ...)
{
	va_list ap;

	va_start(ap, en);
	fputs("junheng: ", stderr);
	vfprintf(stderr, strcmp(cli->lang, "en") ? zh : en, ap);
	fputc('\n', stderr);
	va_end(ap);
}

jh_out *cli_stdout(void)
{
	fflush(stdout);
	return jh_out_new_fd(STDOUT_FILENO);
}

int cli_close_out(const struct cli *cli, jh_out *out, jh_code rc)
{
	jh_code crc = jh_out_close(out);

	if (rc == JH_OK)
		rc = crc;
	if (rc == JH_OK)
		return 0;
	cli_error(cli, "写出结果失败:%s", "writing the result failed: %s",
	          jh_code_str(rc, cli->lang));
	return -1;
}

/* Write len bytes to path whole: path.tmp-PID, then rename. */
int cli_write_whole(const struct cli *cli, const char *path,
                       const char *data, size_t len)
{
	char tmp[4096];
	FILE *f;
	int ok;

	if (!strcmp(path, "-"))
		return fwrite(data, 1, len, stdout) == len && !fflush(stdout) ? 0 : -1;
	if (snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid()) >= (int)sizeof tmp)
		return -1;
	if (!(f = fopen(tmp, "wb"))) {
		cli_error(cli, "无法写入 %s:%s", "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = !fclose(f) && ok;
	if (!ok || rename(tmp, path)) {
		cli_error(cli, "无法写入 %s:%s", "cannot write %s: %s", path, strerror(errno));
		remove(tmp);
		return -1;
	}
	return 0;
}
