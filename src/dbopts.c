/*
** dbopts.c — parsing the options of the database commands.
*/
#include "cmd_store.h"

#include <stdlib.h>
#include <string.h>

static int allowed_opt(const char *allowed, const char *name)
{
	size_t n = strlen(name);
	const char *p = allowed;

	while ((p = strstr(p, name))) {
		if ((p == allowed || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

int dbopts_parse(int argc, char **argv, const char *allowed,
                 struct dbopts *o, const struct cli *cli)
{
	static const struct { const char *flag; size_t off; } opts[] = {
		{"who", offsetof(struct dbopts, who)},
		{"why", offsetof(struct dbopts, why)},
		{"school", offsetof(struct dbopts, school)},
		{"county", offsetof(struct dbopts, county)},
		{"format", offsetof(struct dbopts, format)},
		{"output", offsetof(struct dbopts, output)},
		{"standard", offsetof(struct dbopts, standard)},
		{"as-of", offsetof(struct dbopts, as_of)},
		{"costs", offsetof(struct dbopts, costs)},
		{"change", offsetof(struct dbopts, change)},
		{"base-revision", offsetof(struct dbopts, base_revision)},
		{"from", offsetof(struct dbopts, from)},
		{"limit", offsetof(struct dbopts, limit)},
		{"time-limit", offsetof(struct dbopts, time_limit)},
		{"headers", offsetof(struct dbopts, headers)},
		{"extra-columns", offsetof(struct dbopts, extra_columns)},
	};

	memset(o, 0, sizeof *o);
	o->rest = calloc((size_t)argc + 1, sizeof *o->rest);
	if (!o->rest)
		return -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		size_t k;

		if (!strcmp(a, "--lang")) {
			i++;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			o->help = 1;
			continue;
		}
		if (!strncmp(a, "--lang=", 7))
			continue;
		if (!strcmp(a, "--revisions") && allowed_opt(allowed, "revisions")) {
			o->revisions = 1;
			continue;
		}
		if (!strcmp(a, "--ids") && allowed_opt(allowed, "ids")) {
			o->ids = 1;
			continue;
		}
		if (!strcmp(a, "--replace") && allowed_opt(allowed, "replace")) {
			o->replace = 1;
			continue;
		}
		if (!strcmp(a, "--allow-extra") && allowed_opt(allowed, "allow-extra")) {
			o->allow_extra = 1;
			continue;
		}
		if (!strcmp(a, "-o"))
			a = "--output";
		if (a[0] != '-' || !a[1]) {
			if (!o->db)
				o->db = a;
			else
				o->rest[o->nrest++] = argv[i];
			continue;
		}
		if (!strncmp(a, "--", 2) && allowed_opt(allowed, a + 2) && v) {
			if (!strcmp(a + 2, "year")) {
				char *end;
				long y = strtol(v, &end, 10);
				if (*end || !cli_year_ok(y)) {
					cli_error(cli, "年度“%s”无效", "invalid year '%s'", v);
					return -1;
				}
				o->year = (int)y;
				i++;
				continue;
			}
			for (k = 0; k < sizeof opts / sizeof opts[0]; k++)
				if (!strcmp(a + 2, opts[k].flag)) {
					*(const char **)((char *)o + opts[k].off) = v;
					i++;
					break;
				}
			if (k < sizeof opts / sizeof opts[0])
				continue;
		}
		cli_error(cli, "未知或缺少参数的选项“%s”",
		          "unknown option or missing argument '%s'", argv[i]);
		return -1;
	}
	if (o->help)
		return 1;
	if (!o->db) {
		cli_error(cli, "缺少数据库文件", "missing the database file");
		return -1;
	}
	return 0;
}

int dbopts_number(const struct cli *cli, const char *flag, const char *text,
                  long min, long *out)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (!*text || *end || v < min) {
		cli_error(cli, "选项 --%s 的值“%s”应为不小于 %ld 的整数",
		          "--%s: '%s' is not a whole number of at least %ld", flag, text, min);
		return -1;
	}
	*out = v;
	return 0;
}

jh_code dbopts_open_read(const struct dbopts *o, jh_store **s, jh_query *q,
                         jh_diags *d)
{
	jh_code rc = jh_store_open_readonly(o->db, s, d);

	if (!rc && o->as_of)
		rc = jh_store_resolve_as_of(*s, o->as_of, &q->as_of, d);
	return rc;
}
