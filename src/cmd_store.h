/*
** cmd_store.h — option parsing shared by the database commands.
*/
#ifndef JH_CMD_STORE_H
#define JH_CMD_STORE_H

#include "cli.h"

/* Options every database command understands; a command uses the ones
 * it needs and refuses the rest. */
struct dbopts {
	const char *db;
	const char *who, *why, *school, *county, *format, *output;
	const char *standard, *as_of, *costs, *change;
	const char *base_revision, *from, *limit;   /* numbers, checked by the command */
	const char *time_limit;   /* gaps: the plan's budget in seconds */
	const char *headers;      /* export: zh or en (default: --lang) */
	int year;
	int revisions;     /* --revisions (a flag without value) */
	int ids;           /* --ids: item ids in text (verdict, whatif) */
	const char *extra_columns;  /* import: declared extra columns, a,b,c */
	int replace;       /* import --replace (a flag) */
	int allow_extra;   /* import --allow-extra (a flag) */
	char **rest;       /* positional arguments after DB */
	int nrest;
	int help;          /* --help or -h was given */
};

/* Parse argv[1..]; `allowed` lists the options the command accepts, e.g.
 * "who why year".  Prints the problem and returns -1 on bad usage; 1 when
 * help was asked for. */
int dbopts_parse(int argc, char **argv, const char *allowed,
                 struct dbopts *o, const struct cli *cli);
/* A whole number >= min from an option's text into *out; 0 ok, -1 (with
 * the problem printed) when it is not one. */
int dbopts_number(const struct cli *cli, const char *flag, const char *text,
                  long min, long *out);
/* Open the store to read (--as-of resolved into q->as_of) with the
 * problem in d; the caller closes it. */
jh_code dbopts_open_read(const struct dbopts *o, jh_store **s, jh_query *q,
                         jh_diags *d);

#endif
