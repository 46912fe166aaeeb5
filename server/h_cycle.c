/*
** h_cycle.c — the yearly workflow of a county-year, its frozen snapshots
** and the city's notices (lib/cycle: workflow.c, snapshot.c, notice.c).
**
**   GET  /counties/{county}/cycle/{year}
**   POST /counties/{county}/cycle/{year}/submit|review|rectify|apply|assess
**   GET  /snapshots/{id}            the document as stored
**   GET  /snapshots/{id}/diff       against today's data
**   GET  /notices?area=&date=[&format=csv|Accept: text/csv][&lang=]
**
** The library checks roles and areas itself (one policy for the CLI, the
** API and the tests); a handler parses the body, calls, and answers:
** JH_ERR_DENIED 403, JH_ERR_NOTFOUND 404, JH_ERR_CONFLICT 409 with the
** problems, JH_ERR_INPUT 422.  Steps write under the server's write lock,
** as imports and edits do; submit and apply evaluate the county-year
** (a snapshot, a verdict) and run on the worker pool, as the diff does.
*/
#include "server.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *text_of(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void answer(struct req *r, jh_code rc, const jh_buf *b, const jh_diags *d)
{
	if (rc)
		srv_fail(r, rc, d);
	else
		srv_json(r, 200, b->data, b->len);
}

void h_cycle_get(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;

	if (!t)
		return;
	answer(r, jh_cycle_show(t->store, &r->user, r->param[0], atoi(r->param[1]), &b, &d),
	       &b, &d);
	jh_buf_free(&b);
	jh_diags_free(&d);
}

/* Every step: the version read, then its own fields. */
static void step(struct req *r, jh_cycle_step act, const struct srv_field *f)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_cycle_input in;
	jh_cycle_finding *fs = NULL;
	json_t *list;
	jh_code rc;

	if (!t || srv_fields(r, r->json, f))
		return;
	memset(&in, 0, sizeof in);
	in.version = (long)json_integer_value(json_object_get(r->json, "version"));
	in.explanation = text_of(r->json, "explanation");
	in.opinion = text_of(r->json, "opinion");
	in.note = text_of(r->json, "note");
	in.decision = text_of(r->json, "decision");
	in.reasons = text_of(r->json, "reasons");
	in.std = r->srv->cfg->std;
	if ((list = json_object_get(r->json, "findings"))) {
		static const struct srv_field ff[] = {
			{"what_zh", F_TEXT, 1, 4096},
			{"what_en", F_TEXT, 0, 4096},
			{"school", F_TEXT, 0, 32},
			{"measure", F_TEXT, 0, 4096},
			{"deadline", F_TEXT, 1, 10},
			{NULL, 0, 0, 0},
		};
		size_t n = json_array_size(list);
		if (!(fs = calloc(n + 1, sizeof *fs))) {
			srv_fail(r, JH_ERR_NOMEM, NULL);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_array_get(list, i);
			if (!json_is_object(o)) {
				srv_error(r, 400, "bad_body", "findings 的每一项应为对象",
				          "each of findings must be an object");
				free(fs);
				return;
			}
			if (srv_fields(r, o, ff)) {
				free(fs);
				return;
			}
			fs[i].what_zh = text_of(o, "what_zh");
			fs[i].what_en = text_of(o, "what_en");
			fs[i].school = text_of(o, "school");
			fs[i].measure = text_of(o, "measure");
			fs[i].deadline = text_of(o, "deadline");
		}
		in.findings = fs;
		in.nfindings = n;
	}
	pthread_mutex_lock(&r->srv->write_lock);
	rc = jh_cycle_act(t->store, &r->user, r->param[0], atoi(r->param[1]), act, &in, &b,
	                  &d);
	pthread_mutex_unlock(&r->srv->write_lock);
	answer(r, rc, &b, &d);
	free(fs);
	jh_buf_free(&b);
	jh_diags_free(&d);
}

void h_cycle_submit(struct req *r)
{
	static const struct srv_field f[] = {
		{"version", F_INT, 1, 999999999},
		{"explanation", F_TEXT, 1, 16384},
		{NULL, 0, 0, 0},
	};
	step(r, JH_STEP_SUBMIT, f);
}

void h_cycle_review(struct req *r)
{
	static const struct srv_field f[] = {
		{"version", F_INT, 1, 999999999},
		{"opinion", F_TEXT, 1, 16384},
		{"findings", F_ARRAY, 0, 100},
		{NULL, 0, 0, 0},
	};
	step(r, JH_STEP_REVIEW, f);
}

void h_cycle_rectify(struct req *r)
{
	static const struct srv_field f[] = {
		{"version", F_INT, 1, 999999999},
		{"note", F_TEXT, 0, 16384},
		{NULL, 0, 0, 0},
	};
	step(r, JH_STEP_RECTIFY, f);
}

void h_cycle_apply(struct req *r)
{
	static const struct srv_field f[] = {
		{"version", F_INT, 1, 999999999},
		{"note", F_TEXT, 0, 16384},
		{NULL, 0, 0, 0},
	};
	step(r, JH_STEP_APPLY, f);
}

void h_cycle_assess(struct req *r)
{
	static const struct srv_field f[] = {
		{"version", F_INT, 1, 999999999},
		{"decision", F_TEXT, 1, 16},
		{"reasons", F_TEXT, 0, 16384},
		{NULL, 0, 0, 0},
	};
	step(r, JH_STEP_ASSESS, f);
}

void h_snapshot(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;

	if (!t)
		return;
	answer(r, jh_snapshot_show(t->store, &r->user, atol(r->param[0]), &b, &d), &b, &d);
	jh_buf_free(&b);
	jh_diags_free(&d);
}

void h_snapshot_diff(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;

	if (!t)
		return;
	answer(r, jh_snapshot_diff(t->store, &r->user, atol(r->param[0]), r->srv->cfg->std,
	                           &b, &d), &b, &d);
	jh_buf_free(&b);
	jh_diags_free(&d);
}

/* CSV when asked by format=csv, or by an Accept header naming text/csv
 * (and not also JSON first). */
static int wants_csv(struct req *r)
{
	const char *acc;

	if (r->csv)
		return 1;
	acc = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept");
	return acc && strstr(acc, "text/csv") &&
	       (!strstr(acc, "application/json") ||
	        strstr(acc, "text/csv") < strstr(acc, "application/json"));
}

void h_notices(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	int csv = wants_csv(r);
	jh_code rc;

	if (!t)
		return;
	rc = jh_cycle_notice(t->store, &r->user, r->area, r->date, r->srv->cfg->std,
	                     csv ? JH_FMT_CSV : JH_FMT_JSON, r->lang, &b, &d);
	answer(r, rc, &b, &d);
	if (!rc && csv)
		r->ctype = "text/csv; charset=utf-8";
	jh_buf_free(&b);
	jh_diags_free(&d);
}
