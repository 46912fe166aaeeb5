/* pending.c — TEMPORARY link stubs of parts A and B (removed when they
 * land).  Deliberately without their prototypes. */
#include "junheng/util.h"
#define W __attribute__((weak))
static int dummy;
W const char *jh_role_key(int r) { (void)r; return "admin"; }
W const char *jh_role_name(int r, const char *l) { (void)r; (void)l; return "x"; }
W int jh_role_parse(const char *s) { (void)s; return -1; }
W void *jh_throttle_new(void *l) { (void)l; return &dummy; }
W void jh_throttle_free(void *t) { (void)t; }
W long jh_throttle_wait(void) { return 0; }
W void jh_throttle_record(void) { }
W jh_code jh_store_last_revision(void *s, long *rev) { (void)s; *rev = 0; return JH_OK; }
W jh_code jh_session_resume(void) { return JH_ERR_AUTH; }
W jh_code jh_account_authenticate(void) { return JH_ERR_AUTH; }
W jh_code jh_store_audit_add(void) { return JH_OK; }
W int jh_area_within(void) { return 0; }
W int jh_session_csrf_ok(void) { return 0; }
W jh_code jh_access_area(void) { return JH_ERR_DENIED; }
W jh_code jh_access_import(void) { return JH_ERR_DENIED; }
W jh_code jh_access_manage(void) { return JH_ERR_DENIED; }
W jh_code jh_access_school(void) { return JH_ERR_DENIED; }
W jh_code jh_account_add(void) { return JH_ERR_DENIED; }
W jh_code jh_account_change_apply(void) { return JH_ERR_DENIED; }
W jh_code jh_service_county_summary(void) { return JH_ERR_DENIED; }
W jh_code jh_service_school(void) { return JH_ERR_DENIED; }
W jh_code jh_service_schools(void) { return JH_ERR_DENIED; }
W jh_code jh_session_end(void) { return JH_ERR_DENIED; }
W jh_code jh_session_start(void) { return JH_ERR_DENIED; }
W jh_code jh_store_account_get(void) { return JH_ERR_DENIED; }
W jh_code jh_store_accounts(void) { return JH_ERR_DENIED; }
W jh_code jh_store_county_revision(void) { return JH_ERR_DENIED; }
W jh_code jh_store_county_revisions(void) { return JH_ERR_DENIED; }
W jh_code jh_store_revisions_of(void) { return JH_ERR_DENIED; }
W jh_code jh_store_school_county(void) { return JH_ERR_DENIED; }
W jh_code jh_store_sessions_expire(void) { return JH_OK; }
