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

/* Read a whole file into a malloc'd buffer (NUL-terminated). */
jh_code cli_read_file(const char *path, char **data, size_t *len);
/* Load CSV or XLSX files into ds.  Every problem in every file is
 * recorded in diags; on any problem nothing is kept. */
jh_code cli_load_files(jh_dataset *ds, char **files, int nfiles,
                       jh_diags *diags);
/* Load the national standard, or a local file on top of it. */
jh_code cli_load_standard(const char *path, jh_standard *out, jh_diags *diags);
/* Print diagnostics to stderr, prefixed "junheng: ". */
void cli_print_diags(const jh_diags *d, const struct cli *cli);
/* Print an error message in both languages' choice to stderr. */
void cli_error(const struct cli *cli, const char *zh, const char *en, ...);

#endif
