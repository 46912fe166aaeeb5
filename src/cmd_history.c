/*
** cmd_history.c — `junheng history DB --school X | --county C
**                   [--format text|json]`: who changed what, when and why.
*/
#include "cmd_store.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void print_text(const jh_history *h, const struct cli *cli)
{
	int en = !strcmp(cli->lang, "en");
	long last = 0;

	for (size_t i = 0; i < jh_history_count(h); i++) {
		const jh_change *c = jh_history_at(h, i);
		if (c->revision != last) {
			printf(en ? "revision %ld  %s  %s  %s: %s\n" : "修订 %ld  %s  %s  %s:%s\n",
			       c->revision, c->at, c->who, c->kind, c->why);
			if (c->sources)
				printf(en ? "  source: %s\n" : "  来源:%s\n", c->sources);
			last = c->revision;
		}
		if (!strcmp(c->entity, "area"))
			printf("  %s %s: %s → %s\n", en ? "area" : "行政区划", c->school_code,
			       c->old_value ? c->old_value : "∅",
			       c->new_value ? c->new_value : "∅");
		else
			printf("  %s %d %s: %s → %s\n", c->school_code, c->year, c->field,
			       c->old_value ? c->old_value : "∅",
			       c->new_value ? c->new_value : "∅");
	}
	if (!jh_history_count(h))
		printf(en ? "no changes recorded\n" : "没有变更记录\n");
}

static int print_json(const jh_history *h)
{
	json_t *a = json_array();
	char *s;

	for (size_t i = 0; i < jh_history_count(h); i++) {
		const jh_change *c = jh_history_at(h, i);
		json_t *o = json_object();
		json_object_set_new(o, "revision", json_integer(c->revision));
		json_object_set_new(o, "at", json_string(c->at));
		json_object_set_new(o, "who", json_string(c->who));
		json_object_set_new(o, "why", json_string(c->why));
		json_object_set_new(o, "kind", json_string(c->kind));
		json_object_set_new(o, "sources", c->sources ? json_string(c->sources) : json_null());
		json_object_set_new(o, "entity", json_string(c->entity));
		json_object_set_new(o, "code", json_string(c->school_code));
		json_object_set_new(o, "year", c->year ? json_integer(c->year) : json_null());
		json_object_set_new(o, "field", json_string(c->field));
		json_object_set_new(o, "old", c->old_value ? json_string(c->old_value) : json_null());
		json_object_set_new(o, "new", c->new_value ? json_string(c->new_value) : json_null());
		json_array_append_new(a, o);
	}
	s = json_dumps(a, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(a);
	if (!s)
		return -1;
	puts(s);
	free(s);
	return 0;
}

int cmd_history(int argc, char **argv, struct cli *cli)
{
	struct dbopts o;
	int r;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_history *h = NULL;
	jh_code rc;

	if ((r = dbopts_parse(argc, argv, "school county format", &o, cli)) ||
	    (!o.school && !o.county) || o.nrest ||
	    (o.format && strcmp(o.format, "text") && strcmp(o.format, "json"))) {
		free(o.rest);
		return dbopts_usage(cli, r == 1,
		                    "用法:junheng history 数据库 --school 学校标识码|--county 县代码 [--format text|json]",
		                    "usage: junheng history DB --school CODE|--county CODE [--format text|json]");
	}
	if ((rc = jh_store_open(o.db, &s, &d)) ||
	    (rc = jh_store_history(s, o.school, o.county, &h, &d)))
		cli_fail(cli, rc, &d);
	else if (o.format && !strcmp(o.format, "json"))
		rc = print_json(h) ? JH_ERR_NOMEM : JH_OK;
	else
		print_text(h, cli);
	jh_history_free(h);
	jh_store_close(s);
	jh_diags_free(&d);
	free(o.rest);
	return cli_exit_status(rc);
}
