/*
** h_common.c — what the handlers share: an account as JSON, the access
** checks every handler makes before it reads or writes (lib/access's
** policy decides; this only turns its answer into 403/404), and the
** cached rendering of one county-year.
*/
#include "server.h"

#include <stdio.h>
#include <string.h>

json_t *srv_user_json(struct req *r, const jh_user *u, const jh_areas *a)
{
	const jh_area *ar = NULL;
	char school[256];
	json_t *name = NULL;

	/* An area's name as stored; a school's as its latest school-year
	 * has it (one name: areas and schools have no English names). */
	if (u->role == JH_ROLE_SCHOOL) {
		struct srv_thread *t = srv_thread(r);
		jh_diags d = JH_DIAGS_INIT;
		if (t && !jh_store_school_name(t->store, u->area, school, sizeof school, &d))
			name = json_string(school);
		jh_diags_free(&d);
	} else if (a && u->area[0] && (ar = jh_areas_find(a, u->area)) && ar->name) {
		name = json_string(ar->name);
	}
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:b,s:I,s:I}",
	                 "name", u->name,
	                 "role", jh_role_key(u->role),
	                 "role_name_zh", jh_role_name(u->role, "zh"),
	                 "role_name_en", jh_role_name(u->role, "en"),
	                 "area", u->area,
	                 "area_name", name ? name : json_null(),
	                 "disabled", u->disabled,
	                 "created", (json_int_t)u->created,
	                 "changed", (json_int_t)u->changed);
}

static void access_error(struct req *r, jh_code rc)
{
	if (rc == JH_ERR_NOTFOUND)
		srv_not_found(r);
	else if (rc == JH_ERR_DENIED)
		srv_error(r, 403, "forbidden", "无权访问该地区或学校的数据",
		          "you may not access this area or school");
	else
		srv_fail(r, rc, NULL);
}

int srv_check_area(struct req *r, jh_op op, const char *code)
{
	const jh_areas *a = srv_areas(r);
	jh_code rc;

	if (!a)
		return -1;
	if ((rc = jh_access_area(a, &r->user, op, code))) {
		access_error(r, rc);
		return -1;
	}
	return 0;
}

int srv_check_school(struct req *r, jh_op op, const char *school, char county[8])
{
	const jh_areas *a = srv_areas(r);
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc;

	if (!a || !t)
		return -1;
	rc = jh_store_school_county(t->store, school, county, &d);
	jh_diags_free(&d);
	if (!rc)
		rc = jh_access_school(a, &r->user, op, school, county);
	if (rc) {
		access_error(r, rc);
		return -1;
	}
	return 0;
}

void srv_answer(struct req *r, jh_code rc, const jh_buf *b, const jh_diags *d)
{
	if (rc)
		srv_fail(r, rc, d);
	else if (b->oom)
		srv_fail(r, JH_ERR_NOMEM, NULL);
	else
		srv_json(r, 200, b->data ? b->data : "", b->len);
}

void srv_cached(struct req *r, const char *kind, const char *county,
                srv_render_fn render)
{
	struct srv_thread *t = srv_thread(r);
	jh_query q = {.county = county, .year = r->year, .std = r->srv->cfg->std,
	             .costs = r->srv->cfg->costs, .lang = r->lang};
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	char key[64];
	long rev = 0;
	jh_code rc;

	if (!t)
		return;
	snprintf(key, sizeof key, "%s:%s:%d:%s", kind, county, r->year, r->lang);
	rc = jh_store_county_revision(t->store, county, r->year, &rev, &d);
	if (!rc && srv_cache_get(key, rev, &b)) {
		srv_cache_mark(r, key, rev);
		srv_answer(r, rc, &b, &d);
		goto out;
	}
	if (!rc)
		rc = render(r, t->store, &q, &b, &d);
	if (!rc && !b.oom) {
		srv_cache_put(key, rev, b.data ? b.data : "", b.len);
		srv_cache_mark(r, key, rev);
	}
	srv_answer(r, rc, &b, &d);
out:
	jh_buf_free(&b);
	jh_diags_free(&d);
}

void srv_history(struct req *r, const char *school, const char *county)
{
	struct srv_thread *t = srv_thread(r);
	jh_history *h = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_code rc;

	if (!t)
		return;
	rc = jh_store_history(t->store, school, county, &h, &d);
	if (!rc)
		rc = jh_history_report(h, JH_FMT_JSON, r->lang, &b);
	srv_answer(r, rc, &b, &d);
	jh_history_free(h);
	jh_buf_free(&b);
	jh_diags_free(&d);
}
