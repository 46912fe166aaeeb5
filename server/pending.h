/*
** pending.h — TEMPORARY: lib/service's overview summary, schools and
** school (being landed by part B with these exact prototypes), so that
** the server builds before they are on main.  Removed when they land.
*/
#ifndef JH_PENDING_H
#define JH_PENDING_H
#include "junheng.h"
jh_code jh_service_county_summary(jh_store *s, const jh_query *q, jh_buf *out,
                                  jh_diags *d);
jh_code jh_service_schools(jh_store *s, const jh_query *q, jh_buf *out,
                           jh_diags *d);
jh_code jh_service_school(jh_store *s, const char *school, int year,
                          const jh_standard *std, const char *lang, jh_buf *out,
                          jh_diags *d);
#endif
