/*
** h_schools.c — one school: GET /schools/{code}?year=, its history, and
** PATCH /schools/{code}/years/{year}.
**
** PATCH {"changes":{FIELD:VALUE,...},"why":"...","base_revision":N}: the
** caller must be allowed to write the school (lib/access); the edit is
** jh_store_set with base_revision, so a row changed since the caller read
** it is a 409 and nothing is written; a bad value is a 422 with the
** problems.  The revision carries the account's name as who, and the
** change goes to the audit.  VALUE is a string, a number, or null (clear
** the field, as `junheng set FIELD=`).
*/
#include "server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void h_school(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	char county[8];
	jh_code rc;

	if (!t || srv_check_school(r, JH_OP_READ, r->param[0], county))
		return;
	rc = jh_service_school(t->store, r->param[0], r->year, r->srv->cfg->std,
	                       r->lang, &b, &d);
	srv_answer(r, rc, &b, &d);
	jh_buf_free(&b);
	jh_diags_free(&d);
}

void h_school_history(struct req *r)
{
	char county[8];

	if (!srv_check_school(r, JH_OP_READ, r->param[0], county))
		srv_history(r, r->param[0], NULL);
}

#define MAX_FIELDS 64

void h_school_patch(struct req *r)
{
	static const struct srv_field f[] = {
		{"changes", F_OBJECT, 1, MAX_FIELDS},
		{"why", F_TEXT, 1, 500},
		{"base_revision", F_INT, 1, 1000000000},
		{NULL, 0, 0, 0},
	};
	struct srv_thread *t = srv_thread(r);
	const char *fields[MAX_FIELDS], *values[MAX_FIELDS];
	char (*vals)[1024] = NULL, county[8], detail[160];
	jh_revision_info info = {0};
	jh_import_stats st = {0};
	jh_diags d = JH_DIAGS_INIT;
	json_t *ch, *v;
	const char *k;
	size_t n = 0;
	int year = 0;
	jh_code rc;

	if (!t || srv_fields(r, r->json, f))
		return;
	srv_valid_year(r->param[1], &year);
	ch = json_object_get(r->json, "changes");
	if (json_integer_value(json_object_get(r->json, "base_revision")) < 1) {
		srv_error(r, 400, "bad_body", "base_revision 应为读取时的修订号(≥ 1)",
		          "base_revision must be the revision the row was read at (>= 1)");
		return;
	}
	if (!json_object_size(ch)) {
		srv_error(r, 400, "bad_body", "changes 不能为空", "changes must not be empty");
		return;
	}
	if (!(vals = malloc(MAX_FIELDS * sizeof *vals))) {
		srv_fail(r, JH_ERR_NOMEM, NULL);
		return;
	}
	json_object_foreach(ch, k, v) {
		if (!srv_valid_text(k, 64) || srv_cell_text(v, vals[n], sizeof vals[n])) {
			srv_error(r, 400, "bad_body", "changes 中的字段名或值不正确",
			          "a field name or value in changes is not valid");
			goto out;
		}
		fields[n] = k;
		values[n] = vals[n];
		n++;
	}
	if (srv_check_school(r, JH_OP_WRITE, r->param[0], county))
		goto out;
	{
		long last = 0;
		if ((rc = jh_store_last_revision(t->store, &last, &d))) {
			srv_fail(r, rc, &d);
			goto out;
		}
		if (json_integer_value(json_object_get(r->json, "base_revision")) > last) {
			srv_error(r, 400, "bad_body", "base_revision 晚于最新的修订",
			          "base_revision is later than the last revision");
			goto out;
		}
	}
	info.who = r->user.name;
	info.why = json_string_value(json_object_get(r->json, "why"));
	info.kind = "edit";
	pthread_mutex_lock(&r->srv->write_lock);
	rc = jh_store_set(t->store, r->param[0], year,
	                  (long)json_integer_value(json_object_get(r->json, "base_revision")),
	                  n, fields, values, &info, &st, &d);
	pthread_mutex_unlock(&r->srv->write_lock);
	if (rc) {
		srv_fail(r, rc, &d);
		goto out;
	}
	snprintf(detail, sizeof detail, "%s/%d revision %ld", r->param[0], year, st.revision);
	srv_audit(r, "school_edit", detail);
	srv_json_obj(r, 200, json_pack("{s:I,s:I}", "revision", (json_int_t)st.revision,
	                               "fields_changed", (json_int_t)st.fields_changed));
out:
	free(vals);
	jh_diags_free(&d);
}
