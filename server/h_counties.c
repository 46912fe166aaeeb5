/*
** h_counties.c — one county: verdict, eval, gaps (exactly the CLI's JSON,
** rendered by lib/service), what-if, its schools and its history.
**
** Every handler first checks that the caller may read the county
** (lib/access), then renders through the cache (h_common.c) keyed by the
** county's store revision.  gaps runs GLPK, which lib/service serialises
** with its own mutex; gaps and what-if run on the worker pool (router.c)
** so that quick requests never wait behind them.
*/
#include "server.h"

#include <stdio.h>
#include <string.h>

static jh_code render_verdict(struct req *r, jh_store *s, const jh_query *q,
                              jh_buf *out, jh_diags *d)
{
	(void)r;
	return jh_service_verdict(s, q, JH_FMT_JSON, out, d);
}

static jh_code render_eval(struct req *r, jh_store *s, const jh_query *q,
                           jh_buf *out, jh_diags *d)
{
	(void)r;
	return jh_service_eval(s, q, JH_FMT_JSON, out, d);
}

static jh_code render_gaps(struct req *r, jh_store *s, const jh_query *q,
                           jh_buf *out, jh_diags *d)
{
	(void)r;
	return jh_service_gaps(s, q, JH_FMT_JSON, out, d);
}

static jh_code render_schools(struct req *r, jh_store *s, const jh_query *q,
                              jh_buf *out, jh_diags *d)
{
	(void)r;
	return jh_service_schools(s, q, out, d);
}

static const char *county(struct req *r)
{
	return srv_check_area(r, JH_OP_READ, r->param[0]) ? NULL : r->param[0];
}

void h_county_verdict(struct req *r)
{
	const char *c = county(r);
	if (c)
		srv_cached(r, "verdict", c, render_verdict);
}

void h_county_eval(struct req *r)
{
	const char *c = county(r);
	if (c)
		srv_cached(r, "eval", c, render_eval);
}

void h_county_gaps(struct req *r)
{
	const char *c = county(r);
	if (c)
		srv_cached(r, "gaps", c, render_gaps);
}

void h_county_schools(struct req *r)
{
	const char *c = county(r);
	if (c)
		srv_cached(r, "schools", c, render_schools);
}

/* POST /counties/{code}/whatif: {"changes":[{"action","school_code",
 * "field","value","target"}, ...]} — the CLI's change file as rows
 * (keys as the template's, English or Chinese headers alike are not
 * taken here: the keys are the English ones). */
void h_county_whatif(struct req *r)
{
	static const struct srv_field f[] = {
		{"changes", F_ARRAY, 1, 10000},
		{NULL, 0, 0, 0},
	};
	static const struct srv_field row_f[] = {
		{"action", F_TEXT, 1, 32},
		{"school_code", F_TEXT, 1, 32},
		{"field", F_TEXT, 0, 64},
		{"target", F_TEXT, 0, 32},
		{NULL, 0, 0, 0},
	};
	static const char *const cols[] = {"action", "school_code", "field", "value", "target"};
	struct srv_thread *t;
	jh_query q = {.year = r->year, .std = r->srv->cfg->std, .costs = r->srv->cfg->costs,
	             .lang = r->lang};
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	jh_table *tab = NULL;
	json_t *rows, *row;
	size_t i;
	jh_code rc = JH_OK;

	if (!(q.county = county(r)) || srv_fields(r, r->json, f) || !(t = srv_thread(r)))
		return;
	rows = json_object_get(r->json, "changes");
	if (!(tab = jh_table_new("changes", NULL)))
		goto oom;
	rc = jh_table_begin_row(tab, 1);
	for (size_t c = 0; !rc && c < 5; c++)
		rc = jh_table_add_cell(tab, cols[c], strlen(cols[c]));
	json_array_foreach(rows, i, row) {
		json_t *v;
		char cell[1024];
		/* "value" may be a number or a string: the others are checked by
		 * shape, then every cell as a template cell's text. */
		json_t *copy = json_is_object(row) ? json_copy(row) : NULL;
		if (copy)
			json_object_del(copy, "value");
		int bad = !copy || srv_fields(r, copy, row_f);
		json_decref(copy);
		if (bad) {
			if (!r->answered)
				srv_error(r, 400, "bad_body", "changes 中的一行不正确",
				          "a row of changes is not valid");
			goto out;
		}
		if (!rc)
			rc = jh_table_begin_row(tab, (long)i + 2);
		for (size_t c = 0; !rc && c < 5; c++) {
			v = json_object_get(row, cols[c]);
			if (!v)
				cell[0] = 0;
			else if (srv_cell_text(v, cell, sizeof cell)) {
				srv_error(r, 400, "bad_body", "changes 中的一个值不正确",
				          "a value in changes is not valid");
				goto out;
			}
			rc = jh_table_add_cell(tab, cell, strlen(cell));
		}
	}
	if (rc)
		goto oom;
	rc = jh_service_whatif(t->store, &q, tab, JH_FMT_JSON, &b, &d);
	srv_answer(r, rc, &b, &d);
	goto out;
oom:
	srv_fail(r, JH_ERR_NOMEM, NULL);
out:
	jh_table_free(tab);
	jh_buf_free(&b);
	jh_diags_free(&d);
}

void h_county_history(struct req *r)
{
	if (county(r))
		srv_history(r, NULL, r->param[0]);
}
