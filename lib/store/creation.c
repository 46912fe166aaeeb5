/*
** creation.c — plan documents in the store (schema 7, plan_doc): the
** generic side of lib/store/sqlite_creation.c.  The store keeps the text
** and its versions; what a plan holds and who may write it is the cycle
** layer's (lib/cycle/creation.c).  A write's time is the store clock's.
*/
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

void jh_plandoc_clear(jh_plandoc *p)
{
	if (!p)
		return;
	free(p->why);
	free(p->body);
	memset(p, 0, sizeof *p);
}

void jh_plandocs_free(jh_plandoc *p, size_t n)
{
	for (size_t i = 0; p && i < n; i++)
		jh_plandoc_clear(&p[i]);
	free(p);
}

jh_code jh_store_plandoc_get(jh_store *s, const char *area, long version,
                             jh_plandoc *out, jh_diags *d)
{
	memset(out, 0, sizeof *out);
	if (!area || !*area || version < 0)
		return JH_ERR_ARG;
	return s->ops->plandoc_get(s->db, area, version, out, d);
}

jh_code jh_store_plandoc_put(jh_store *s, const char *area, long expect,
                             const char *who, const char *why,
                             const char *body, jh_diags *d)
{
	if (!area || !*area || !body || expect < 0)
		return JH_ERR_ARG;
	return s->ops->plandoc_put(s->db, area, expect + 1, jh_store_now(s), who,
	                           why, body, d);
}

jh_code jh_store_plandoc_versions(jh_store *s, const char *area,
                                  jh_plandoc **out, size_t *n, jh_diags *d)
{
	*out = NULL;
	*n = 0;
	if (!area || !*area)
		return JH_ERR_ARG;
	return s->ops->plandoc_versions(s->db, area, out, n, d);
}

jh_code jh_store_plandoc_forwarded(jh_store *s, const char *county, int *yes,
                                   jh_diags *d)
{
	*yes = 0;
	if (!county || !*county)
		return JH_ERR_ARG;
	return s->ops->plandoc_forwarded(s->db, county, yes, d);
}
