/*
** history_report.c — the store's lists rendered for people and programs:
** a history of changes (what `junheng history` prints) and a list of
** revisions (`junheng history --revisions`), as text in Chinese or
** English or as JSON.  In the library so that a server renders exactly
** what the command line does.
**
** Text: one heading line per revision, then one line per change.  JSON:
** an array of flat objects, one per change or revision, keys in a fixed
** order (jansson, one-space indent).
*/
#include "store_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int is_en(const char *lang)
{
	return lang && !strcmp(lang, "en");
}

static const char *or_empty(const char *s)
{
	return s ? s : "∅";
}

static void text_heading(jh_buf *out, int en, long rev, const char *at,
                         const char *who, const char *kind, const char *why,
                         const char *sources)
{
	jh_buf_addf(out, en ? "revision %ld  %s  %s  %s: %s\n" : "修订 %ld  %s  %s  %s:%s\n",
	            rev, at, who, kind, why);
	if (sources)
		jh_buf_addf(out, en ? "  source: %s\n" : "  来源:%s\n", sources);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Dump a JSON array into out with a final newline; frees a. */
static jh_code put_json(json_t *a, jh_buf *out)
{
	char *s = a ? json_dumps(a, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;

	json_decref(a);
	if (!s)
		return JH_ERR_NOMEM;
	jh_buf_adds(out, s);
	jh_buf_addc(out, '\n');
	free(s);
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}

jh_code jh_history_report(const jh_history *h, jh_format fmt, const char *lang,
                          jh_buf *out)
{
	int en = is_en(lang);
	long last = 0;

	if (fmt == JH_FMT_JSON) {
		json_t *a = json_array();
		for (size_t i = 0; a && i < h->count; i++) {
			const jh_change *c = &h->items[i];
			json_t *o = json_object();
			json_object_set_new(o, "revision", json_integer(c->revision));
			json_object_set_new(o, "at", str_or_null(c->at));
			json_object_set_new(o, "who", str_or_null(c->who));
			json_object_set_new(o, "why", str_or_null(c->why));
			json_object_set_new(o, "kind", str_or_null(c->kind));
			json_object_set_new(o, "sources", str_or_null(c->sources));
			json_object_set_new(o, "entity", str_or_null(c->entity));
			json_object_set_new(o, "code", str_or_null(c->school_code));
			json_object_set_new(o, "year", c->year ? json_integer(c->year) : json_null());
			json_object_set_new(o, "field", str_or_null(c->field));
			json_object_set_new(o, "old", str_or_null(c->old_value));
			json_object_set_new(o, "new", str_or_null(c->new_value));
			json_array_append_new(a, o);
		}
		return put_json(a, out);
	}
	if (fmt != JH_FMT_TEXT)
		return JH_ERR_ARG;
	for (size_t i = 0; i < h->count; i++) {
		const jh_change *c = &h->items[i];
		if (c->revision != last) {
			text_heading(out, en, c->revision, c->at, c->who, c->kind, c->why,
			             c->sources);
			last = c->revision;
		}
		if (!strcmp(c->entity, "area"))
			jh_buf_addf(out, "  %s %s: %s → %s\n", en ? "area" : "行政区划",
			            c->school_code, or_empty(c->old_value),
			            or_empty(c->new_value));
		else
			jh_buf_addf(out, "  %s %d %s: %s → %s\n", c->school_code, c->year,
			            c->field, or_empty(c->old_value), or_empty(c->new_value));
	}
	if (!h->count)
		jh_buf_adds(out, en ? "no changes recorded\n" : "没有变更记录\n");
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}

jh_code jh_revisions_report(const jh_revisions *r, jh_format fmt,
                            const char *lang, jh_buf *out)
{
	int en = is_en(lang);

	if (fmt == JH_FMT_JSON) {
		json_t *a = json_array();
		for (size_t i = 0; a && i < r->count; i++) {
			const jh_revision *v = &r->items[i];
			json_t *o = json_object();
			json_object_set_new(o, "revision", json_integer(v->number));
			json_object_set_new(o, "at", str_or_null(v->at));
			json_object_set_new(o, "who", str_or_null(v->who));
			json_object_set_new(o, "why", str_or_null(v->why));
			json_object_set_new(o, "kind", str_or_null(v->kind));
			json_object_set_new(o, "sources", str_or_null(v->sources));
			json_array_append_new(a, o);
		}
		return put_json(a, out);
	}
	if (fmt != JH_FMT_TEXT)
		return JH_ERR_ARG;
	for (size_t i = 0; i < r->count; i++) {
		const jh_revision *v = &r->items[i];
		text_heading(out, en, v->number, v->at, v->who, v->kind, v->why, v->sources);
	}
	if (!r->count)
		jh_buf_adds(out, en ? "no revisions\n" : "没有修订\n");
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}
