/*
** h_imports.c — POST /imports: one file as the request body, its name in
** X-Filename (percent-encoded UTF-8 allowed) — or a multipart/form-data
** form of one or several files (up to SRV_MAX_FILES; request.c takes
** each file part and its name) —, an optional reason in X-Reason, an
** optional ?year= for tables without a year column.
**
** Several files are one import, as `junheng import DB a.csv b.xlsx …`:
** a school-year file with a county-year file, a survey, the areas.  Each
** is read from memory by lib/service into one jh_import_set (CSV in
** UTF-8/GB18030, XLSX, XLS); every file is read even after one failed, so
** that the answer lists the problems of all of them: any problem → 422
** with every problem (each names its file), nothing written.  Then the
** whole set is checked against the caller (lib/access's
** jh_access_import): any row, record or area outside what the caller may
** write → 403 with every offending row listed, nothing written.
** Otherwise it is stored as one revision (its sources: every file with
** its SHA-256) with the account's name as who, and audited.  All or
** nothing across the files as within one.  Runs on the worker pool: a
** large import never blocks quick requests.
**
** The summary (lib/service's import stats) gains "counties": the
** county-years the files' school rows and county-year records name,
** [{"code","year"}] sorted by code then year, distinct — so that the web
** page can link to what the import touched — and "files": the names of
** the files, in the order sent.  An areas-only import names no county.
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

/* The files' names for the audit, ", " between them, cut with "…" when
 * they do not fit. */
static void names_of(const struct req *r, char *out, size_t cap)
{
	size_t n = 0;

	out[0] = 0;
	for (size_t i = 0; i < r->nfiles; i++) {
		int w = snprintf(out + n, cap - n, "%s%s", i ? ", " : "", r->files[i].name);
		if (w < 0 || (size_t)w >= cap - n) {
			/* Room for "…" (3 bytes) at a character's start. */
			n = cap - 4 < n ? n : cap - 4;
			while (n && ((unsigned char)out[n] & 0xc0) == 0x80)
				n--;
			memcpy(out + n, "\xe2\x80\xa6", 4);
			return;
		}
		n += (size_t)w;
	}
}

void h_imports(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	const jh_areas *a = srv_areas(r);
	const char *why_h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Reason");
	char why[512], detail[400], names[360];
	jh_import_set *is = NULL;
	jh_import_stats st = {0};
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_code rc = JH_OK;

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
	jh_import_set_standard(is, r->srv->cfg->std);
	/* Every file read, even after a bad one: all the problems at once. */
	for (size_t i = 0; i < r->nfiles && rc != JH_ERR_NOMEM; i++) {
		jh_code frc = jh_import_set_add(is, r->files[i].name,
		                                r->body.data + r->files[i].off,
		                                r->files[i].len, &d);
		if (frc && (!rc || frc == JH_ERR_NOMEM))
			rc = frc;
	}
	if (!rc && jh_diags_errors(&d))
		rc = JH_ERR_INPUT;
	names_of(r, names, sizeof names);
	if (rc) {
		srv_fail(r, rc, &d);
		goto out;
	}
	rc = jh_access_import(a, &r->user, t->store, jh_import_set_areas(is),
	                      jh_import_set_rows(is), jh_import_set_items(is), &d);
	if (rc) {
		if (rc == JH_ERR_DENIED)
			srv_audit(r, "import_refused", names);
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
	snprintf(detail, sizeof detail, "%s revision %ld", names, st.revision);
	srv_audit(r, "import", detail);
	/* --- issue 12: ledger items whose shortfall is back are reopened --- */
	if (st.revision)
		srv_ledger_refresh(r, is, NULL, 0);
	jh_import_stats_json(&st, NULL, &b);
	{
		json_t *o = b.oom ? NULL : json_loadb(b.data, b.len, 0, NULL);
		json_t *c = o ? touched_counties(is) : NULL;
		json_t *f = json_array();
		for (size_t i = 0; f && i < r->nfiles; i++)
			if (json_array_append_new(f, json_string(r->files[i].name))) {
				json_decref(f);
				f = NULL;
			}
		if (!o || !c || !f) {
			json_decref(o);
			json_decref(c);
			json_decref(f);
			srv_fail(r, JH_ERR_NOMEM, NULL);
		} else if (json_object_set_new(o, "counties", c) |   /* both steal */
		           json_object_set_new(o, "files", f)) {
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
