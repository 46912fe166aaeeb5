/*
** h_imports.c — POST /imports: one file as the request body, its name in
** X-Filename (percent-encoded UTF-8 allowed) — or a multipart/form-data
** form, whose first file part request.c takes —, an optional reason in
** X-Reason, an optional ?year= for tables without a year column.
**
** The file is read from memory by lib/service (CSV in UTF-8/GB18030,
** XLSX, XLS); any problem → 422 with every problem.  Then the whole
** import is checked against the caller (lib/access's jh_access_import):
** any row, record or area outside what the caller may write → 403 with
** every offending row listed, nothing written.  Otherwise it is stored
** as one revision with the account's name as who, and audited.  Runs on
** the worker pool: a large import never blocks quick requests.
**
** The summary (lib/service's import stats) gains "counties": the
** county-years the file's school rows and county-year records name,
** [{"code","year"}] sorted by code then year, distinct — so that the web
** page can link to what the import touched.  An areas-only file names
** none.
*/
#include "server.h"

#include <microhttpd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cy {
	char code[8];
	int year;
};

static int cy_cmp(const void *a, const void *b)
{
	const struct cy *x = a, *y = b;
	int c = strcmp(x->code, y->code);
	return c ? c : (x->year > y->year) - (x->year < y->year);
}

/* The distinct county-years of the import set, as a JSON array (NULL when
 * out of memory; the caller owns it). */
static json_t *touched_counties(const jh_import_set *is)
{
	const jh_dataset *ds = jh_import_set_rows(is);
	const jh_county_items *ci = jh_import_set_items(is);
	size_t nr = ds ? jh_dataset_count(ds) : 0, ni = ci ? jh_county_items_count(ci) : 0;
	struct cy *v = malloc((nr + ni + 1) * sizeof *v);
	json_t *arr = json_array();
	size_t n = 0;

	if (!v || !arr) {
		free(v);
		json_decref(arr);
		return NULL;
	}
	for (size_t i = 0; i < nr; i++) {
		const jh_school_year *sy = jh_dataset_row(ds, i);
		snprintf(v[n].code, sizeof v[n].code, "%s", sy->county_code);
		v[n++].year = sy->year;
	}
	for (size_t i = 0; i < ni; i++) {
		const jh_county_item *it = jh_county_items_at(ci, i);
		snprintf(v[n].code, sizeof v[n].code, "%s", it->county_code);
		v[n++].year = it->year;
	}
	qsort(v, n, sizeof *v, cy_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i && !cy_cmp(&v[i], &v[i - 1]))
			continue;
		if (json_array_append_new(arr, json_pack("{s:s,s:i}", "code", v[i].code,
		                                         "year", v[i].year))) {
			json_decref(arr);
			arr = NULL;
			break;
		}
	}
	free(v);
	return arr;
}

void h_imports(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	const jh_areas *a = srv_areas(r);
	const char *why_h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Reason");
	char why[512], detail[400];
	jh_import_set *is = NULL;
	jh_import_stats st = {0};
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_code rc;

	if (!t || !a)
		return;
	if (why_h) {
		if (srv_unescape(why_h, strlen(why_h), why, sizeof why) < 0 ||
		    !srv_valid_text(why, 500)) {
			srv_error(r, 400, "bad_parameter", "X-Reason 不正确(UTF-8,可用百分号编码)",
			          "X-Reason is not valid (UTF-8, may be percent-encoded)");
			return;
		}
	} else
		snprintf(why, sizeof why, "%s", !strcmp(r->lang, "en") ? "import" : "导入");
	if (!(is = jh_import_set_new(r->year, r->srv->cfg->std->year_min,
	                             r->srv->cfg->std->year_max))) {
		srv_fail(r, JH_ERR_NOMEM, NULL);
		return;
	}
	rc = jh_import_set_add(is, r->filename, r->body.data, r->body.len, &d);
	if (!rc && jh_diags_errors(&d))
		rc = JH_ERR_INPUT;
	if (rc) {
		srv_fail(r, rc, &d);
		goto out;
	}
	rc = jh_access_import(a, &r->user, t->store, jh_import_set_areas(is),
	                      jh_import_set_rows(is), jh_import_set_items(is), &d);
	if (rc) {
		if (rc == JH_ERR_DENIED)
			srv_audit(r, "import_refused", r->filename);
		srv_fail(r, rc, &d);
		goto out;
	}
	pthread_mutex_lock(&r->srv->write_lock);
	rc = jh_import_set_store(t->store, is, NULL, r->user.name, why, &st, &d);
	pthread_mutex_unlock(&r->srv->write_lock);
	if (rc) {
		srv_fail(r, rc, &d);
		goto out;
	}
	snprintf(detail, sizeof detail, "%s revision %ld", r->filename, st.revision);
	srv_audit(r, "import", detail);
	jh_import_stats_json(&st, NULL, &b);
	{
		json_t *o = b.oom ? NULL : json_loadb(b.data, b.len, 0, NULL);
		json_t *c = o ? touched_counties(is) : NULL;
		if (!c || json_object_set_new(o, "counties", c)) {
			json_decref(o);
			srv_fail(r, JH_ERR_NOMEM, NULL);
		} else
			srv_json_obj(r, 200, o);
	}
out:
	jh_import_set_free(is);
	jh_buf_free(&b);
	jh_diags_free(&d);
}
