/*
** history_report.c — the store's lists rendered for people and programs:
** a history of changes (what `junheng history` prints) and a list of
** revisions (`junheng history --revisions`), as text in Chinese or
** English or as JSON.  In the library so that a server renders exactly
** what the command line does.
**
** Text: one heading line per revision, then one line per change.  JSON:
** an array of flat objects, one per change or revision, keys in a fixed
** order, one-space indent (the library's one JSON writer, jhJson).
*/
#include "store_int.h"

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

static void key_str(jhJson *j, const char *key, const char *s)
{
	jhJsonKey(j, key);
	jhJsonStr(j, s);
}

/* A JSON array into out: json_begin opens it (NULL on oom), json_end
 * closes it with a final newline and flushes. */
static jh_out *json_begin(jh_buf *out, jhJson *j)
{
	jh_out *o = jh_out_new_buf(out);

	if (o) {
		jhJsonInit(j, o, 1);
		jhJsonOpen(j, '[');
	}
	return o;
}

static jh_code json_end(jh_out *o, jhJson *j)
{
	jhJsonClose(j, ']');
	jh_out_addc(o, '\n');
	return jh_out_close(o);
}

/* The fields a change and a revision share, in this order. */
static void json_heading(jhJson *j, long rev, const char *at, const char *who,
                         const char *why, const char *kind, const char *sources)
{
	jhJsonKey(j, "revision");
	jhJsonInt(j, rev);
	key_str(j, "at", at);
	key_str(j, "who", who);
	key_str(j, "why", why);
	key_str(j, "kind", kind);
	key_str(j, "sources", sources);
}

jh_code jh_history_report(const jh_history *h, jh_format fmt, const char *lang,
                          jh_buf *out)
{
	int en = is_en(lang);
	long last = 0;

	if (fmt == JH_FMT_JSON) {
		jhJson j;
		jh_out *o = json_begin(out, &j);
		if (!o)
			return JH_ERR_NOMEM;
		for (size_t i = 0; i < h->count; i++) {
			const jh_change *c = &h->items[i];
			jhJsonOpen(&j, '{');
			json_heading(&j, c->revision, c->at, c->who, c->why, c->kind, c->sources);
			key_str(&j, "entity", c->entity);
			key_str(&j, "code", c->school_code);
			jhJsonKey(&j, "year");
			if (c->year)
				jhJsonInt(&j, c->year);
			else
				jhJsonNull(&j);
			key_str(&j, "field", c->field);
			key_str(&j, "old", c->old_value);
			key_str(&j, "new", c->new_value);
			jhJsonClose(&j, '}');
		}
		return json_end(o, &j);
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
		jhJson j;
		jh_out *o = json_begin(out, &j);
		if (!o)
			return JH_ERR_NOMEM;
		for (size_t i = 0; i < r->count; i++) {
			const jh_revision *v = &r->items[i];
			jhJsonOpen(&j, '{');
			json_heading(&j, v->number, v->at, v->who, v->why, v->kind, v->sources);
			jhJsonClose(&j, '}');
		}
		return json_end(o, &j);
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
