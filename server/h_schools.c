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
**
** GET /schools/{code}/guarantee?year=: the guarantee items of the
** standard that are judged school by school — music and art rooms
** (guarantee.3), school size (.4), class size (.5), teacher
** certification (.12) — for this one school: core's verdict run on a
** dataset holding only the school-year (so the item's status and detail
** are the school's own), the rest of the verdict dropped.  The judging
** stays core's; nothing is decided here.
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

/* The ids of the per-school guarantee items, in the standard's order. */
static const char *const guarantee_ids[] = {
	"guarantee.3", "guarantee.4", "guarantee.5", "guarantee.12", NULL,
};

void h_school_guarantee(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_dataset *ds = NULL;
	jh_result *res = NULL;
	jh_verdict v;
	jh_buf b = JH_BUF_INIT;
	json_t *all = NULL, *items;
	char county[8];
	jh_filter f;
	jh_code rc;
	int have_v = 0;

	if (!t || srv_check_school(r, JH_OP_READ, r->param[0], county))
		return;
	memset(&f, 0, sizeof f);
	f.school_code = r->param[0];
	f.year = r->year;
	if ((rc = jh_store_load(t->store, &f, 0, &ds, &d)))
		goto fail;
	if (!jh_dataset_count(ds)) {
		srv_not_found(r);
		goto out;
	}
	if ((rc = jh_eval(ds, r->srv->cfg->std, &f, &res, &d)) || !res->ncounties)
		goto fail;
	if ((rc = jh_verdict_county(res, 0, NULL, &v, &d)))
		goto fail;
	have_v = 1;
	if ((rc = jh_verdict_report(&v, JH_FMT_JSON, r->lang, &b)))
		goto fail;
	if (!(all = json_loadb(b.data, b.len, 0, NULL))) {
		rc = JH_ERR_NOMEM;
		goto fail;
	}
	items = json_array();
	for (const char *const *id = guarantee_ids; *id; id++) {
		size_t i;
		json_t *it;
		json_array_foreach(json_object_get(all, "items"), i, it)
			if (!strcmp(json_string_value(json_object_get(it, "id")), *id))
				json_array_append(items, it);
	}
	srv_json_obj(r, 200, json_pack("{s:s,s:i,s:o}", "code", r->param[0],
	                               "year", r->year, "items", items));
	goto out;
fail:
	/* A school-year core cannot evaluate on its own (a teaching point
	 * without its central school) has no per-school items: an empty
	 * list, not an error. */
	if (rc == JH_ERR_INPUT || (!rc && res && !res->ncounties))
		srv_json_obj(r, 200, json_pack("{s:s,s:i,s:[]}", "code", r->param[0],
		                               "year", r->year, "items"));
	else
		srv_fail(r, rc ? rc : JH_ERR_NOMEM, &d);
out:
	json_decref(all);
	if (have_v)
		jh_verdict_free(&v);
	jh_result_free(res);
	jh_dataset_free(ds);
	jh_buf_free(&b);
	jh_diags_free(&d);
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
	/* --- issue 12: signed-off ledger items whose shortfall the edit
	 * brought back are reopened (the edit stands whatever this says) --- */
	if (st.revision)
		srv_ledger_refresh(r, NULL, county, year);
	srv_json_obj(r, 200, json_pack("{s:I,s:I}", "revision", (json_int_t)st.revision,
	                               "fields_changed", (json_int_t)st.fields_changed));
out:
	free(vals);
	jh_diags_free(&d);
}
