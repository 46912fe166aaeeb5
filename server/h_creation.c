/*
** h_creation.c — creation plans and progress over the years:
**
**   GET /counties/{code}/plan, PUT /counties/{code}/plan
**   GET /cities/{code}/plan,   PUT /cities/{code}/plan
**   GET /plans?area=CODE[&date=D][&lang=]        the timeline
**   GET /counties/{code}/trends[?base=Y1&year=Y2], GET /cities/{code}/trends
**
** Thin: lib/cycle checks who may read or write (the design's role
** table), validates the plan and renders the JSON the CLI prints too;
** a handler parses, calls and answers.  A plan's PUT takes the server's
** write lock like every other write of this process.
*/
#include "server.h"

#include <string.h>

static void answer(struct req *r, jh_code rc, jh_buf *out, jh_diags *d)
{
	if (rc)
		srv_fail(r, rc, d);
	else
		srv_json(r, 200, out->data ? out->data : "{}", out->len);
}

void h_plan_get(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;

	if (!t)
		return;
	answer(r, jh_creation_show(t->store, &r->user, r->param[0], &out, &d), &out, &d);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

void h_plan_put(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;
	jh_code rc;

	if (!t)
		return;
	pthread_mutex_lock(&r->srv->write_lock);
	rc = jh_creation_put(t->store, &r->user, r->param[0], r->body.data,
	                     r->body.len, &out, &d);
	pthread_mutex_unlock(&r->srv->write_lock);
	if (!rc)
		srv_audit(r, "plan_put", r->param[0]);
	answer(r, rc, &out, &d);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

void h_plans(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;
	jh_day day;

	if (!t)
		return;
	if (r->date[0])
		jh_day_parse(r->date, &day);
	answer(r, jh_creation_timeline(t->store, &r->user, r->area, r->date[0] ? &day : NULL,
	                               r->srv->cfg->std, JH_FMT_JSON, r->lang, &out, &d),
	       &out, &d);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

void h_trends(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;

	if (!t)
		return;
	answer(r, jh_trends(t->store, &r->user, r->param[0], r->base_year, r->year,
	                    r->srv->cfg->std, JH_FMT_JSON, r->lang, &out, &d), &out, &d);
	jh_buf_free(&out);
	jh_diags_free(&d);
}
