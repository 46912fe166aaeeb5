/*
** h_reports.c — the documents an office files, as downloads:
**
**   GET /counties/{code}/reports/{kind}?year=Y[&format=xlsx|pdf]
**                                      [&school=S][&lang=en]
**
** {code} is the county, or the city (a province too) for the kinds that
** cover a city's counties (city, notice); {kind} is a report kind's key
** (application, county, city, ledger, template, self-evaluation, review,
** notice, school).  The answer is the document's bytes — the same bytes
** `junheng report` writes — with its Content-Type, a Content-Disposition
** naming the file (jh_report_file_name: ASCII only) and Cache-Control
** no-store (a document holds what the caller may read now, never to be
** kept by a proxy or the browser's cache).
**
** Who may read what is lib/report's policy (jh_report_build checks the
** caller's read access to the area and the school), so the CLI and the
** server refuse alike; the handler only maps codes to statuses as every
** handler does (srv_fail): JH_ERR_ARG 400 with the problem (an unknown
** or pending kind: JH_P_REPORT_KIND; a kind that needs a school and was
** given none, or takes none and was given one), JH_ERR_DENIED 403,
** JH_ERR_NOTFOUND 404 (an unknown area or school, a county-year without
** data).  A format= that is not the kind's own is a 400 with
** JH_P_REPORT_FORMAT, as `junheng report --format` is refused.
**
** A build reads only, through this thread's own store connection: it
** takes no lock of the server's (the write lock is for writes), and the
** route runs on the worker pool, so that a second-long build never holds
** up the quick requests of the request threads.
*/
#include "server.h"

#include <stdio.h>
#include <string.h>

/* The document in *b becomes the answer's body (r->out is empty: nothing
 * has answered yet), a download named `name`, never cached; *b is left
 * empty. */
static void answer_file(struct req *r, jh_buf *b, const char *ctype, const char *name)
{
	jh_buf_free(&r->out);
	r->out = *b;
	*b = (jh_buf)JH_BUF_INIT;
	r->answered = 1;
	r->status = 200;
	r->ctype = ctype;
	r->cache = "no-store";
	snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"%s\"", name);
}

void h_report(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_report_request rq;
	jh_report_format want;
	char name[96];
	int kind;
	jh_code rc;

	if (!t)
		return;
	if ((kind = jh_report_kind_parse(r->param[1])) < 0) {
		jh_diags_add(&d, JH_P_REPORT_KIND, NULL, NULL, 0, 0, NULL, r->param[1], NULL);
		srv_fail(r, JH_ERR_ARG, &d);
		goto out;
	}
	want = jh_report_kind_format((jh_report_kind)kind);
	if (r->doc_format >= 0 && r->doc_format != (int)want) {
		jh_diags_add(&d, JH_P_REPORT_FORMAT, NULL, NULL, 0, 0, NULL,
		             jh_report_format_key((jh_report_format)r->doc_format),
		             jh_report_format_key(want));
		srv_fail(r, JH_ERR_ARG, &d);
		goto out;
	}
	memset(&rq, 0, sizeof rq);
	rq.kind = (jh_report_kind)kind;
	rq.area = r->param[0];
	rq.year = r->year;
	rq.school = r->school[0] ? r->school : NULL;
	rq.lang = r->lang;
	rq.std = r->srv->cfg->std;
	rc = jh_report_build(t->store, &r->user, &rq, &b, &d);
	if (!rc && b.oom)
		rc = JH_ERR_NOMEM;
	if (rc) {
		srv_fail(r, rc, &d);
		goto out;
	}
	jh_report_file_name(rq.kind, rq.area, rq.year, rq.school, name, sizeof name);
	answer_file(r, &b, jh_report_format_mime(want), name);
out:
	jh_buf_free(&b);
	jh_diags_free(&d);
}

/* GET /forms/{school|county}[?lang=en]: a blank form offices hand out
 * (jh_report_blank_form), the bytes `junheng template` writes.  It holds
 * no data, so any signed-in account may have it; an unknown form is a
 * 400 with JH_P_REPORT_KIND. */
void h_form(struct req *r)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	const char *k = r->param[0];
	char name[96];
	jh_code rc;

	if (strcmp(k, "school") && strcmp(k, "county")) {
		jh_diags_add(&d, JH_P_REPORT_KIND, NULL, NULL, 0, 0, NULL, k, NULL);
		srv_fail(r, JH_ERR_ARG, &d);
		goto out;
	}
	rc = jh_report_blank_form(strcmp(k, "county") ? JH_FORM_SCHOOL : JH_FORM_COUNTY,
	                          r->lang, &b, &d);
	if (!rc && b.oom)
		rc = JH_ERR_NOMEM;
	if (rc) {
		srv_fail(r, rc, &d);
		goto out;
	}
	snprintf(name, sizeof name, "%s-form.xlsx", k);
	answer_file(r, &b, jh_report_format_mime(JH_RF_XLSX), name);
out:
	jh_buf_free(&b);
	jh_diags_free(&d);
}
