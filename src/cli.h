/*
** cli.h — what the junheng commands share: option helpers, file reading,
** loading template files into a dataset, and printing diagnostics.
*/
#ifndef JH_CLI_H
#define JH_CLI_H

#include "junheng.h"

#include <stdio.h>

/* Exit statuses of every command. */
#define EXIT_OK     0
#define EXIT_FAIL   1   /* internal failure: out of memory, I/O */
#define EXIT_INPUT  2   /* bad input or bad usage; nothing was done */

struct cli {
	const char *lang;      /* "zh" (default) or "en" */
};

int cmd_eval(int argc, char **argv, struct cli *cli);
int cmd_init(int argc, char **argv, struct cli *cli);
int cmd_import(int argc, char **argv, struct cli *cli);
int cmd_set(int argc, char **argv, struct cli *cli);
int cmd_delete(int argc, char **argv, struct cli *cli);
int cmd_history(int argc, char **argv, struct cli *cli);
int cmd_export(int argc, char **argv, struct cli *cli);
int cmd_verdict(int argc, char **argv, struct cli *cli);
int cmd_whatif(int argc, char **argv, struct cli *cli);
int cmd_gaps(int argc, char **argv, struct cli *cli);
int cmd_user(int argc, char **argv, struct cli *cli);
int cmd_serve(int argc, char **argv, struct cli *cli);
/* --- issue 12 --- */
int cmd_cycle(int argc, char **argv, struct cli *cli);
int cmd_ledger(int argc, char **argv, struct cli *cli);
/* cmd_ledger.c: after a change was stored, reopen the ledger items whose
 * shortfall is back (jh_ledger_refresh) in the county-years of the import
 * `is`, or of `school` in `year`; says how many on stdout, and a failure
 * as a warning on stderr (the change itself stays). */
void cli_ledger_refresh(const struct cli *cli, jh_store *s, const char *who,
                        const jh_import_set *is, const char *school, int year);
int cmd_plan(int argc, char **argv, struct cli *cli);
/* --- issue 13 --- */
int cmd_report(int argc, char **argv, struct cli *cli);
/* --- issue 14 --- */
int cmd_template(int argc, char **argv, struct cli *cli);


/* Read a whole file into a malloc'd buffer (NUL-terminated). */
jh_code cli_read_file(const char *path, char **data, size_t *len);
/* Read the files and add each to is (jh_import_set_add: CSV, XLSX or
 * XLS, school-year, area and county-year tables).  A file that cannot be
 * read is a coded problem too, and the others are still read, so that
 * diags holds every problem of every file; JH_ERR_INPUT then, and the
 * caller must not use the set.  On success diags may hold notices
 * (jh_diag.note): print them with cli_print_notes. */
jh_code cli_load_files(jh_import_set *is, char **files, int nfiles,
                       jh_diags *diags);
/* As cli_load_files, where a path may also be a folder: every *.xlsx,
 * *.xls, *.csv and *.txt in it, by name (hidden files and Excel's ~$ lock
 * files passed over; a folder with none is a problem).  `junheng import
 * DB DIR`: the forms of a county's schools, one workbook each. */
jh_code cli_load_folders(jh_import_set *is, char **paths, int npaths,
                         jh_diags *diags);
/* A coded problem for a file that could not be read (errno err). */
void cli_file_problem(jh_diags *diags, const char *path, int err);
/* 1 when path is an SQLite database file (by its content), a database
 * address, or a missing file named *.db, *.sqlite or *.sqlite3. */
int cli_is_database(const char *path);
/* The user recorded in revisions: --who, $JUNHENG_USER, $USER. */
const char *cli_who(const char *given);
/* Exit status for an error code. */
int cli_exit_status(jh_code rc);
/* Print diagnostics and the error code's message. */
void cli_fail(const struct cli *cli, jh_code rc, const jh_diags *d);
/* Load the national standard, or a local file on top of it. */
jh_code cli_load_standard(const char *path, jh_standard *out, jh_diags *diags);
/* 1 when y is a year a template row may carry (data.year_min … data.year_max
 * of the national standard; --year options are checked with it). */
int cli_year_ok(long y);
/* Standard output as a writer (lib/util/out.c: 64 KiB chunks written to
 * file descriptor 1 as they fill), after flushing stdout's own buffer;
 * NULL when out of memory.  cli_close_out flushes and frees it and, when
 * rc (the renderer's answer) or the last write failed, says so on stderr
 * and returns nonzero. */
jh_out *cli_stdout(void);
int cli_close_out(const struct cli *cli, jh_out *out, jh_code rc);
/* help.c: a command's whole help text in lang ("zh" or "en"), NULL for
 * an unknown command; cli_usage prints it on stdout when asked (returns
 * EXIT_OK), or its usage lines on stderr after a usage error (returns
 * EXIT_INPUT). */
const char *cli_help_text(const char *cmd, const char *lang);
int cli_usage(const struct cli *cli, const char *cmd, int asked);
/* The same for a command keeping its own help (zh, en): the whole text on
 * stdout when asked (EXIT_OK), else its usage lines — up to the first
 * blank line — on stderr after "junheng: " (EXIT_INPUT). */
int cli_usage_text(const struct cli *cli, const char *zh, const char *en,
                   int asked);
/* After files loaded without error: print the notices they gave (a total
 * row skipped, notes ignored, a column in 万元) to stderr and empty d. */
void cli_print_notes(jh_diags *d, const struct cli *cli);
/* Write len bytes to path whole (path.tmp-PID, then renamed over path;
 * "-" is standard output); says why on stderr and returns -1 when it
 * cannot. */
int cli_write_whole(const struct cli *cli, const char *path, const char *data,
                    size_t len);
/* Print diagnostics to stderr, prefixed "junheng: ". */
void cli_print_diags(const jh_diags *d, const struct cli *cli);
/* Print an error message in both languages' choice to stderr. */
void cli_error(const struct cli *cli, const char *zh, const char *en, ...);

#endif
