/*
** h_users.c — GET /users, POST /users, PATCH /users/{name}: accounts, for
** those allowed to manage them (lib/access's jh_access_manage: admin
** everything; an office accounts of a lower rank within its area).
**
** GET lists only the accounts the caller may manage.  POST
** {"name","role","area","password"} → 201 {"user":…}; 409 when the name
** exists.  PATCH {"role"?,"area"?,"disabled"?,"password"?}: the caller
** must be allowed to manage the account as it is and as it would be;
** a new password or disabling ends the account's sessions (lib/access).
** Every change is recorded in the audit by lib/access with the caller's
** name.  A password is never logged nor sent back.
*/
#include "server.h"

#include <stdlib.h>
#include <string.h>

/* The caller may manage an account of role bound to area: JH_OK or why not. */
static jh_code may_manage(struct req *r, const jh_areas *a, jh_role role,
                          const char *area)
{
	char county[8];

	if (role == JH_ROLE_SCHOOL) {
		struct srv_thread *t = srv_thread(r);
		jh_diags d = JH_DIAGS_INIT;
		jh_code rc = t ? jh_store_school_county(t->store, area, county, &d)
		               : JH_ERR_NOMEM;
		jh_diags_free(&d);
		if (rc)
			return rc;
		return jh_access_manage(a, &r->user, role, area, county);
	}
	return jh_access_manage(a, &r->user, role, area, NULL);
}

/* The form of an account's area for its role (lib/access checks that it
 * is stored and of the right level): 1 and answered (400) when wrong. */
static int bad_binding(struct req *r, jh_role role, const char *area)
{
	if (role == JH_ROLE_SCHOOL ? srv_valid_school(area)
	    : role == JH_ROLE_ADMIN ? !area[0] : srv_valid_area(area))
		return 0;
	srv_error(r, 400, "bad_body", "角色或地区代码不正确", "bad role or area code");
	return 1;
}

static int managing_role(struct req *r)
{
	if (r->user.role == JH_ROLE_INSPECTOR || r->user.role == JH_ROLE_SCHOOL) {
		srv_error(r, 403, "forbidden", "无权管理账号", "you may not manage accounts");
		return 0;
	}
	return 1;
}

void h_users_get(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	const jh_areas *a = srv_areas(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_user *u = NULL;
	size_t n = 0;
	json_t *list;
	jh_code rc;

	if (!t || !a || !managing_role(r))
		return;
	if ((rc = jh_store_accounts(t->store, &u, &n, &d))) {
		srv_fail(r, rc, &d);
		jh_diags_free(&d);
		return;
	}
	list = json_array();
	for (size_t i = 0; i < n; i++)
		if (!may_manage(r, a, u[i].role, u[i].area))
			json_array_append_new(list, srv_user_json(r, &u[i], a));
	srv_json_obj(r, 200, json_pack("{s:o}", "users", list));
	free(u);
	jh_diags_free(&d);
}

static void manage_error(struct req *r, jh_code rc)
{
	if (rc == JH_ERR_NOTFOUND)
		srv_error(r, 422, "invalid", "账号绑定的地区或学校不存在",
		          "the account's area or school does not exist");
	else if (rc == JH_ERR_DENIED)
		srv_error(r, 403, "forbidden", "无权管理该角色或地区的账号",
		          "you may not manage accounts of this role or area");
	else
		srv_fail(r, rc, NULL);
}

void h_users_post(struct req *r)
{
	static const struct srv_field f[] = {
		{"name", F_NAME, 1, 63},
		{"role", F_TEXT, 1, 16},
		{"area", F_TEXT, 0, 32},
		{"password", F_SECRET, 1, 1024},
		{NULL, 0, 0, 0},
	};
	struct srv_thread *t = srv_thread(r);
	const jh_areas *a = srv_areas(r);
	jh_diags d = JH_DIAGS_INIT;
	const char *name, *area;
	jh_user u;
	char ph[JH_PWHASH_MAX];
	int role;
	jh_code rc;

	if (!t || !a || !managing_role(r) || srv_fields(r, r->json, f))
		return;
	name = json_string_value(json_object_get(r->json, "name"));
	area = json_object_get(r->json, "area")
	       ? json_string_value(json_object_get(r->json, "area")) : "";
	if ((role = jh_role_parse(json_string_value(json_object_get(r->json, "role")))) < 0) {
		srv_error(r, 400, "bad_body", "角色不正确", "bad role");
		return;
	}
	if (bad_binding(r, (jh_role)role, area))
		return;
	if ((rc = may_manage(r, a, (jh_role)role, area))) {
		manage_error(r, rc);
		return;
	}
	rc = jh_account_add(t->store, a, name, (jh_role)role, area,
	                    json_string_value(json_object_get(r->json, "password")),
	                    r->user.name, &d);
	if (!rc)
		rc = jh_store_account_get(t->store, name, &u, ph, &d);
	memset(ph, 0, sizeof ph);
	if (rc)
		srv_fail(r, rc, &d);
	else
		srv_json_obj(r, 201, json_pack("{s:o}", "user", srv_user_json(r, &u, a)));
	jh_diags_free(&d);
}

void h_user_patch(struct req *r)
{
	static const struct srv_field f[] = {
		{"role", F_TEXT, 0, 16},
		{"area", F_TEXT, 0, 32},
		{"disabled", F_BOOL, 0, 0},
		{"password", F_SECRET, 0, 1024},
		{NULL, 0, 0, 0},
	};
	struct srv_thread *t = srv_thread(r);
	const jh_areas *a = srv_areas(r);
	jh_account_change ch = {-1, NULL, -1, NULL};
	jh_diags d = JH_DIAGS_INIT;
	json_t *v;
	jh_user u;
	char ph[JH_PWHASH_MAX];
	jh_code rc;

	if (!t || !a || !managing_role(r) || srv_fields(r, r->json, f))
		return;
	if (!json_object_size(r->json)) {
		srv_error(r, 400, "bad_body", "没有要修改的内容", "nothing to change");
		return;
	}
	rc = jh_store_account_get(t->store, r->param[0], &u, ph, &d);
	memset(ph, 0, sizeof ph);
	if (rc) {
		srv_fail(r, rc, &d);
		goto out;
	}
	/* As it is: else a stranger could find names by trying. */
	if ((rc = may_manage(r, a, u.role, u.area))) {
		manage_error(r, rc == JH_ERR_NOTFOUND ? JH_ERR_DENIED : rc);
		goto out;
	}
	if ((v = json_object_get(r->json, "role")) &&
	    (ch.role = jh_role_parse(json_string_value(v))) < 0) {
		srv_error(r, 400, "bad_body", "角色不正确", "bad role");
		goto out;
	}
	if ((v = json_object_get(r->json, "area")))
		ch.area = json_string_value(v);
	if ((v = json_object_get(r->json, "disabled")))
		ch.disabled = json_is_true(v);
	if ((v = json_object_get(r->json, "password")))
		ch.password = json_string_value(v);
	{
		jh_role nr = ch.role >= 0 ? (jh_role)ch.role : u.role;
		const char *na = ch.area ? ch.area : u.area;
		if (bad_binding(r, nr, na))
			goto out;
		/* As it would be. */
		if ((rc = may_manage(r, a, nr, na))) {
			manage_error(r, rc);
			goto out;
		}
	}
	rc = jh_account_change_apply(t->store, a, r->param[0], &ch, r->user.name, &d);
	if (!rc)
		rc = jh_store_account_get(t->store, r->param[0], &u, ph, &d);
	memset(ph, 0, sizeof ph);
	if (rc)
		srv_fail(r, rc, &d);
	else
		srv_json_obj(r, 200, json_pack("{s:o}", "user", srv_user_json(r, &u, a)));
out:
	jh_diags_free(&d);
}
