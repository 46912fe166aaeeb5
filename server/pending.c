/* pending.c — TEMPORARY weak stand-ins for three lib/service functions
 * being landed by part B (the library's own replace them at link time);
 * removed when they land.  Each answers JH_ERR_NOTFOUND. */
#include "pending.h"
#define W __attribute__((weak))
W jh_code jh_service_county_summary(jh_store *s, const jh_query *q, jh_buf *out,
                                    jh_diags *d)
{ (void)s; (void)q; (void)out; (void)d; return JH_ERR_NOTFOUND; }
W jh_code jh_service_schools(jh_store *s, const jh_query *q, jh_buf *out,
                             jh_diags *d)
{ (void)s; (void)q; (void)out; (void)d; return JH_ERR_NOTFOUND; }
W jh_code jh_service_school(jh_store *s, const char *school, int year,
                            const jh_standard *std, const char *lang, jh_buf *out,
                            jh_diags *d)
{ (void)s; (void)school; (void)year; (void)std; (void)lang; (void)out; (void)d; return JH_ERR_NOTFOUND; }
