/*
** cycle_int.h — the cycle layer's internal interface (lib/cycle).
**
** What the parts of lib/cycle share among themselves (creation plans,
** ledgers, the workflow); the public operations are in
** include/junheng/cycle.h.  Each part adds its own section.
*/
#ifndef JH_CYCLE_INT_H
#define JH_CYCLE_INT_H

#include "junheng/cycle.h"
#include "service/service_int.h"
#include "access/access_int.h"

/* --- ledgers --- */
/* ledger.c: the policy of who may read or write an item (area from
 * lib/access; JH_P_DENIED / JH_P_LEDGER_UNKNOWN recorded when refused);
 * the owner is the school for a school item that is not a finding. */
int jhLedgerOwnerIsSchool(const jh_ledger_item *it);
int jhLedgerCityOrAbove(const jh_user *who);
jh_code jhLedgerAccess(const jh_areas *a, const jh_user *who, jh_op op,
                       const jh_ledger_item *it, jh_diags *d);
/* Load item id and check op on it; *areas (the stored areas) is the
 * caller's to free (NULL on error). */
jh_code jhLedgerLoad(jh_store *s, const jh_user *who, jh_op op, long id,
                     jh_areas **areas, jh_ledger_item *out, jh_diags *d);
/* Text of a field: at most max characters and under cap bytes, valid
 * UTF-8, not empty when required; copied to dst (may be NULL) when fine;
 * -1 with a problem naming the field otherwise. */
int jhLedgerText(const char *field, const char *v, size_t max, size_t cap,
                 int required, char *dst, jh_diags *d);
/* "" or a real day into *out; -1 with JH_P_LEDGER_DEADLINE otherwise. */
int jhLedgerDeadline(const char *v, jh_day *out, jh_diags *d);
/* An event's detail: a JSON object of the pairs (key, value; a NULL
 * value left out) up to a NULL key; malloc'd, NULL when out of memory. */
char *jhLedgerDetail(const char *const *kv);

/* ledger_check.c: the shortfalls of a county-year's current data, keyed
 * as ledger items are (see the file's comment). */
typedef struct jhLedgerFinding {
	char key[128], kind[24], school[24];
	char what_zh[512], what_en[640], figure[64], requirement[96];
	int shortfall;          /* 0 only for `only`'s key when it passes */
} jhLedgerFinding;
typedef struct jhFindings {
	jhLedgerFinding *v;
	size_t n, cap;
} jhFindings;
/* Every shortfall of (county, year), or with `only` just that key's
 * entry (a shortfall or not; none when its school or stage is not in
 * the data).  JH_ERR_NOTFOUND (no problem recorded unless the service
 * records one) when the county-year has no school.  std NULL: national.
 * Appends to out; jhFindingsFree frees. */
jh_code jhLedgerFindings(jh_store *s, const char *county, int year,
                         const jh_standard *std, const char *only,
                         jhFindings *out, jh_diags *d);
void jhFindingsFree(jhFindings *f);
const jhLedgerFinding *jhFindingsGet(const jhFindings *f, const char *key);
/* The data check of a generated item in the latest year with data for
 * its county (not before the item's year); manual and finding items:
 * c->checked 0.  JH_ERR_NOTFOUND (no problem recorded) when there is no
 * such year. */
jh_code jhLedgerCheck(jh_store *s, const jh_ledger_item *it,
                      const jh_standard *std, jh_ledger_check *c, jh_diags *d);

/* --- creation plans and trends --- */

/* The fixed measures (measures.c), in catalogue order. */
enum {
	JH_M_LARGE_SCHOOLS = 0,
	JH_M_LARGE_CLASS_STAGES,
	JH_M_FAILING_SCHOOL_STAGES,
	JH_M_FAILING_ITEMS,
	JH_M_TEACHERS_QUALIFIED,
	JH_M_TEACHERS_KEY,
	JH_M_TEACHERS_PE_ART,
	JH_M_AREA_TEACHING,
	JH_M_AREA_SPORTS,
	JH_M_EQUIPMENT,
	JH_M_ROOMS_MULTIMEDIA,
	JH_M_ROOMS_MUSIC,
	JH_M_ROOMS_ART,
	JH_M__COUNT
};

/* Every measure of one county-year, from its evaluated data.  The
 * verdict is owned (jhMeasuresFree). */
typedef struct jhMeasureSet {
	char county[8];
	int year;
	double fixed[JH_M__COUNT];
	int has_stage[JH_STAGE__COUNT];          /* the stage has evaluated schools */
	double cv[JH_STAGE__COUNT][JH_IND__COUNT];
	double mean[JH_STAGE__COUNT][JH_IND__COUNT];
	size_t units[JH_STAGE__COUNT];           /* school stages evaluated */
	jh_verdict verdict;
} jhMeasureSet;

/* Compute county-year r->counties[c] (items: its county-year records, may
 * be NULL).  On error *m is still the caller's to free. */
jh_code jhMeasuresCompute(const jh_result *r, size_t c,
                          const jh_county_items *items, jhMeasureSet *m,
                          jh_diags *d);
void jhMeasuresFree(jhMeasureSet *m);
/* The figure of measure key in m: 1 and *v, or 0 when it has none (a
 * stage without schools, a verdict item missing, "manual"). */
int jhMeasureValue(const jhMeasureSet *m, const char *key, double *v);
/* The fixed measure's key (i < JH_M__COUNT). */
const char *jhMeasureKey(int i);
/* Does value v hold target t (max / min / pass)? */
int jhTargetHolds(const jh_plan_target *t, double v);

/* The areas and the caller's right to read a county's plan (a school
 * account: its own county's).  *areas owned by the caller. */
jh_code jhCreationAreas(jh_store *s, jh_areas **areas, jh_diags *d);
jh_code jhCreationCanRead(jh_store *s, const jh_areas *areas,
                          const jh_user *who, const char *area, jh_diags *d);
/* The milestones as a JSON array (creation.c), for the workflow's
 * snapshots and notices. */
void jhMilestonesJson(jhJson *j, const jh_milestone_result *m, size_t n);

/* --- workflow, snapshots, notices --- */

/* steps.c.  A JSON value already rendered (p, n bytes) written where the
 * writer j expects the next value (after a key or in an array). */
void jhCycleJsonRaw(jhJson *j, const char *p, size_t n);
/* The stored areas into *areas (the caller frees them with
 * jh_areas_free, also on error), and whether `who` may op the county:
 * JH_ERR_NOTFOUND (JH_P_NOT_FOUND) when it is not a stored county,
 * JH_ERR_DENIED (JH_P_DENIED). */
jh_code jhCycleAreas(jh_store *s, const jh_user *who, const char *county,
                     jh_op op, jh_areas **areas, jh_diags *d);
/* The county's target year from its creation plan, 0 when none (or
 * when it cannot be read: the workflow then treats it as unset). */
int jhCycleTargetYear(jh_store *s, const jh_user *who, const char *county,
                      jh_diags *d);
/* Characters (UTF-8 code points) of s. */
size_t jhCycleChars(const char *s);
/* 1 when s is valid UTF-8 text without control characters (but tab and
 * line breaks) of min..max characters; NULL counts as "". */
int jhCycleTextOk(const char *s, size_t min, size_t max);

/* snapshot.c.  The document a snapshot freezes (kind "submission",
 * "application", or "current" for a diff), appended to out: the
 * county-year's school-years and county-year records as stored, the
 * verdict's JSON exactly as jh_service_verdict gives it, the county's
 * ledger items and milestones as `who` sees them, the explanation (NULL:
 * none), the standard's id and names; *revision the county-year's store
 * revision it was read at. */
jh_code jhCycleSnapshotBuild(jh_store *s, const jh_user *who, const char *county,
                             int year, const char *kind, const char *explanation,
                             const jh_standard *std, jh_buf *out, long *revision,
                             jh_diags *d);
/* The verdict of county-year (current data): *fails items failing,
 * *missing items without data, *pass 1 when the verdict is "pass".
 * JH_ERR_NOTFOUND when it has no school. */
jh_code jhCycleVerdict(jh_store *s, const char *county, int year,
                       const jh_standard *std, int *pass, long *fails,
                       long *missing, jh_diags *d);

#endif
