/*
** revisions.c — the revisions of an area (jh_service_revisions): those
** that changed a school-year or county-year record of one of the given
** counties, or an area itself, as the store's JSON rendering of a
** revision list (jh_revisions_report, what `junheng history --revisions
** --format json` prints).
*/
#include "service_int.h"

jh_code jh_service_revisions(jh_store *s, const char *const *counties, size_t n,
                             jh_buf *out, jh_diags *d)
{
	jh_revisions *r = NULL;
	jh_code rc = jh_store_revisions_of(s, counties, n, 1, 0, &r, d);

	if (!rc)
		rc = jh_revisions_report(r, JH_FMT_JSON, "en", out);
	jh_revisions_free(r);
	return rc;
}
