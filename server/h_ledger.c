/*
** h_ledger.c — the ledgers' routes (工作台账):
**
**   GET   /ledger?area=&status=&overdue=1&school=&lang=   the items
**   POST  /counties/{county}/ledger/generate?year=Y     from the verdict
**   POST  /ledger                                       by hand
**   GET   /ledger/{id}                                  item, history, evidence
**   PATCH /ledger/{id}                                  {"version", fields…}
**   POST  /ledger/{id}/evidence                         a file (X-Filename)
**   GET   /ledger/{id}/evidence/{id}                    the file
**   POST  /ledger/{id}/signoff                          {"version","override_reason"?}
**
** The handlers parse, call lib/cycle and answer: who may do what, the
** data check and every refusal are the library's (the CLI's `junheng
** ledger` refuses the same).  A sign-off refused on the data is a 409
** {"error":{"code":"shortfall_remains", …, "figure", "requirement",
** "year", "problems"}} so that a page can show the figure now.  Writes
** take the process's write lock, as the school edits do.
*/
#include "server.h"

#include <microhttpd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void answer_buf(struct req *r, unsigned status, jh_buf *b)
{
	srv_json(r, status, b->data ? b->data : "{}", b->len);
}

/* {"item": …} (jh_ledger_item_render). */
static void answer_item(struct req *r, unsigned status, const jh_ledger_item *it)
{
	jh_buf b = JH_BUF_INIT;
	jh_day today = jh_day_today(srv_thread(r)->store);
	jh_code rc = jh_ledger_item_render(it, &today, r->lang, &b);

	if (rc)
		srv_fail(r, rc, NULL);
	else
		answer_buf(r, status, &b);
	jh_buf_free(&b);
}

void h_ledger_list(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_ledger_filter f = JH_LEDGER_FILTER_INIT;
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_day today;
	jh_code rc;

	if (!t)
		return;
	today = jh_day_today(t->store);
	f.area = r->area[0] ? r->area : NULL;
	f.school = r->school[0] ? r->school : NULL;
	f.status = r->ledger_status;
	if (r->overdue)
		f.overdue_on = today.s;
	rc = jh_ledger_list_json(t->store, &r->user, &f, r->lang, &b, &d);
	srv_answer(r, rc, &b, &d);
	jh_buf_free(&b);
	jh_diags_free(&d);
}

void h_ledger_generate(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_code rc;

	if (!t)
		return;
	pthread_mutex_lock(&r->srv->write_lock);
	rc = jh_ledger_generate_json(t->store, &r->user, r->param[0], r->year,
	                             r->srv->cfg->std, r->lang, &b, &d);
	pthread_mutex_unlock(&r->srv->write_lock);
	srv_answer(r, rc, &b, &d);
	jh_buf_free(&b);
	jh_diags_free(&d);
}

/* Text of an optional field into dst (cap bytes); over-long text is the
 * library's to refuse, so a value that does not fit is passed as one
 * byte too many (never cut). */
static int text_field(struct req *r, const char *key, char *dst, size_t cap)
{
	const char *v = json_string_value(json_object_get(r->json, key));

	if (!v)
		return 0;
	if (strlen(v) >= cap) {
		srv_error(r, 422, "invalid", "字段过长", "a field is too long");
		return -1;
	}
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

void h_ledger_add(struct req *r)
{
	static const struct srv_field f[] = {
		{"county", F_TEXT, 1, 6}, {"school", F_TEXT, 0, 32},
		{"what_zh", F_TEXT, 1, 2000}, {"what_en", F_TEXT, 0, 2000},
		{"measure", F_TEXT, 0, 4000}, {"unit", F_TEXT, 0, 1000},
		{"person", F_TEXT, 0, 1000}, {"deadline", F_TEXT, 0, 10},
		{"year", F_INT, 0, 2100}, {"supervised", F_BOOL, 0, 0},
		{"supervised_note", F_TEXT, 0, 2000}, {NULL, 0, 0, 0},
	};
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_ledger_item it;
	jh_code rc;

	if (!t || srv_fields(r, r->json, f))
		return;
	memset(&it, 0, sizeof it);
	if (text_field(r, "county", it.county, sizeof it.county) ||
	    text_field(r, "school", it.school, sizeof it.school) ||
	    text_field(r, "what_zh", it.what_zh, sizeof it.what_zh) ||
	    text_field(r, "what_en", it.what_en, sizeof it.what_en) ||
	    text_field(r, "measure", it.measure, sizeof it.measure) ||
	    text_field(r, "unit", it.unit, sizeof it.unit) ||
	    text_field(r, "person", it.person, sizeof it.person) ||
	    text_field(r, "deadline", it.deadline.s, sizeof it.deadline.s) ||
	    text_field(r, "supervised_note", it.supervised_note, sizeof it.supervised_note))
		return;
	it.year = (int)json_integer_value(json_object_get(r->json, "year"));
	it.supervised = json_is_true(json_object_get(r->json, "supervised"));
	pthread_mutex_lock(&r->srv->write_lock);
	rc = jh_ledger_add(t->store, &r->user, &it, &d);
	pthread_mutex_unlock(&r->srv->write_lock);
	if (rc)
		srv_fail(r, rc, &d);
	else
		answer_item(r, 201, &it);
	jh_diags_free(&d);
}

void h_ledger_get(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_code rc;

	if (!t)
		return;
	rc = jh_ledger_show_json(t->store, &r->user, atol(r->param[0]), r->lang, &b, &d);
	srv_answer(r, rc, &b, &d);
	jh_buf_free(&b);
	jh_diags_free(&d);
}

void h_ledger_patch(struct req *r)
{
	static const struct srv_field f[] = {
		{"version", F_INT, 1, 1000000000}, {"measure", F_TEXT, 0, 4000},
		{"unit", F_TEXT, 0, 1000}, {"person", F_TEXT, 0, 1000},
		{"deadline", F_TEXT, 0, 10}, {"status", F_TEXT, 0, 32},
		{"supervised", F_BOOL, 0, 0}, {"supervised_note", F_TEXT, 0, 2000},
		{NULL, 0, 0, 0},
	};
	struct srv_thread *t = srv_thread(r);
	jh_ledger_change ch = JH_LEDGER_CHANGE_NONE;
	jh_diags d = JH_DIAGS_INIT;
	jh_ledger_item it;
	json_t *v;
	jh_code rc;

	if (!t || srv_fields(r, r->json, f))
		return;
	ch.measure = json_string_value(json_object_get(r->json, "measure"));
	ch.unit = json_string_value(json_object_get(r->json, "unit"));
	ch.person = json_string_value(json_object_get(r->json, "person"));
	ch.deadline = json_string_value(json_object_get(r->json, "deadline"));
	ch.supervised_note = json_string_value(json_object_get(r->json, "supervised_note"));
	if ((v = json_object_get(r->json, "supervised")))
		ch.supervised = json_is_true(v);
	if ((v = json_object_get(r->json, "status")) &&
	    (ch.status = jh_ledger_status_parse(json_string_value(v))) < 0) {
		srv_error(r, 400, "bad_body", "status 不是台账状态", "status is not a ledger status");
		return;
	}
	pthread_mutex_lock(&r->srv->write_lock);
	rc = jh_ledger_update(t->store, &r->user, atol(r->param[0]),
	                      (long)json_integer_value(json_object_get(r->json, "version")),
	                      &ch, &it, &d);
	pthread_mutex_unlock(&r->srv->write_lock);
	if (rc)
		srv_fail(r, rc, &d);
	else
		answer_item(r, 200, &it);
	jh_diags_free(&d);
}

void h_ledger_signoff(struct req *r)
{
	static const struct srv_field f[] = {
		{"version", F_INT, 1, 1000000000}, {"override_reason", F_TEXT, 0, 4000},
		{NULL, 0, 0, 0},
	};
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_ledger_check c;
	jh_ledger_item it;
	jh_code rc;
	int shortfall = 0;

	if (!t || srv_fields(r, r->json, f))
		return;
	pthread_mutex_lock(&r->srv->write_lock);
	rc = jh_ledger_signoff(t->store, &r->user, atol(r->param[0]),
	                       (long)json_integer_value(json_object_get(r->json, "version")),
	                       json_string_value(json_object_get(r->json, "override_reason")),
	                       r->srv->cfg->std, &c, &it, &d);
	pthread_mutex_unlock(&r->srv->write_lock);
	for (size_t i = 0; i < d.count; i++)
		shortfall |= d.items[i].problem == JH_P_LEDGER_SHORTFALL;
	if (rc == JH_ERR_CONFLICT && shortfall) {
		json_t *e = json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:o}", "code", "shortfall_remains",
		                      "message_zh", "当前数据仍未达标,不能销号",
		                      "message_en", "the current data still shows the shortfall",
		                      "figure", c.figure, "requirement", c.requirement,
		                      "year", c.year, "problems", srv_problems(&d));
		srv_json_obj(r, 409, e ? json_pack("{s:o}", "error", e) : NULL);
	} else if (rc) {
		srv_fail(r, rc, &d);
	} else {
		answer_item(r, 200, &it);
	}
	jh_diags_free(&d);
}

/* Content types served back as themselves; anything else is served as
 * bytes (never as a page of this origin). */
static const char *served_type(const char *stored)
{
	static const char *const ok[] = {
		"application/pdf", "image/png", "image/jpeg", "image/gif", "text/plain",
		"text/csv", "application/zip",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/msword", "application/vnd.ms-excel", NULL,
	};
	for (const char *const *p = ok; *p; p++)
		if (!strcmp(*p, stored))
			return *p;
	return "application/octet-stream";
}

void h_ledger_evidence_post(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
	char type[128];
	jh_diags d = JH_DIAGS_INIT;
	jh_ledger_evidence e;
	jh_code rc;

	if (!t)
		return;
	/* The type without parameters (";charset=…"), as offered. */
	snprintf(type, sizeof type, "%s", ct && srv_valid_text(ct, 120) ? ct : "");
	type[strcspn(type, "; ")] = '\0';
	pthread_mutex_lock(&r->srv->write_lock);
	rc = jh_ledger_evidence_add(t->store, &r->user, atol(r->param[0]), r->filename,
	                            type[0] ? served_type(type) : NULL, r->body.data,
	                            r->body.len, &e, &d);
	pthread_mutex_unlock(&r->srv->write_lock);
	if (rc)
		srv_fail(r, rc, &d);
	else
		srv_json_obj(r, 201, json_pack("{s:{s:I,s:s,s:s,s:I,s:s,s:s,s:s}}", "evidence",
		                               "id", (json_int_t)e.id, "name", e.name,
		                               "content_type", e.content_type,
		                               "size", (json_int_t)e.size, "sha256", e.sha256,
		                               "at", e.at, "who", e.who));
	jh_diags_free(&d);
}

void h_ledger_evidence_get(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_ledger_evidence m;
	void *body = NULL;
	size_t size = 0;
	jh_code rc;

	if (!t)
		return;
	rc = jh_ledger_evidence_get(t->store, &r->user, atol(r->param[0]), atol(r->param[1]),
	                            &m, &body, &size, &d);
	if (rc) {
		srv_fail(r, rc, &d);
	} else {
		jh_buf_add(&r->out, body, size);
		r->answered = 1;
		r->status = 200;
		r->ctype = served_type(m.content_type);
	}
	free(body);
	jh_diags_free(&d);
}

void srv_ledger_refresh(struct req *r, const jh_import_set *is, const char *county, int year)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc;

	if (!t)
		return;
	pthread_mutex_lock(&r->srv->write_lock);
	if (is)
		rc = jh_ledger_refresh_import(t->store, r->user.name, is, r->srv->cfg->std, NULL, &d);
	else
		rc = jh_ledger_refresh(t->store, r->user.name, county, year, r->srv->cfg->std, NULL, &d);
	pthread_mutex_unlock(&r->srv->write_lock);
	/* The change itself is stored: a failure here is the log's. */
	if (rc)
		fprintf(stderr, "junheng serve: ledger refresh after a change: %s\n",
		        jh_code_str(rc, "en"));
	jh_diags_free(&d);
}
