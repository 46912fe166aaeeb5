/*
** workflow.c — the yearly workflow of a county-year: its state machine.
**
**   self_evaluation --submit (county)--> submitted --review (city)-->
**   reviewed --rectify (county)--> rectified
**   submitted | rectified | assessed+returned --apply (county)--> applied
**   applied --assess (city: forwarded | returned)--> assessed
**
** Who: submit, rectify and apply by the county office of the county (or
** the administrator); review and assess by the city office whose area
** holds the county, the province's, or the administrator.  An inspector
** reads only; a school account does not see the workflow.  Areas and
** roles are checked here, so the CLI, the API and the tests share one
** policy (DESIGN12's role table).
**
** Apply: the application by March 31 of the target year uses the
** statistics of the year before — the latest complete ones — so only the
** cycle whose year is the plan's target year − 1 may apply, and only
** while the current verdict of that year passes.  That application comes
** after the February submission and before the city's September review
** of the same cycle, so a county applies from "submitted" (or from
** "rectified" when the review came first); after the city returns an
** application ("assessed", decision "returned") it may apply again.
**
** Rectify is refused while a finding of this cycle's review (a ledger
** item of source "finding" and this cycle's year) is not signed off.
**
** Order of the checks, so that each refusal names the first thing wrong:
** the county (404) and the caller's area (403); the role for the step
** (403); the input's fields (422); the version read (409: someone else
** moved it) and the state (409); then the step's own conditions (409).
** Nothing is written before all have passed; the write itself is one
** transaction that moves the state by compare-and-set on the version
** (jh_store_cycle_step), so of two concurrent steps from one version
** exactly one succeeds.
**
** Late: a step taken after its day (steps.c, data/cycle/deadlines.conf)
** is recorded late in its event.
*/
#include "cycle_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 4000          /* characters of an explanation, opinion, note */
#define FINDINGS_MAX 100

typedef struct transition {
	jh_cycle_step act;
	jh_cycle_state to;
	int city;                  /* 1: the city's step; 0: the county's */
} transition;

static const transition transitions[] = {
	{JH_STEP_SUBMIT, JH_CYCLE_SUBMITTED, 0},
	{JH_STEP_REVIEW, JH_CYCLE_REVIEWED, 1},
	{JH_STEP_RECTIFY, JH_CYCLE_RECTIFIED, 0},
	{JH_STEP_APPLY, JH_CYCLE_APPLIED, 0},
	{JH_STEP_ASSESS, JH_CYCLE_ASSESSED, 1},
};
#define NTRANS (sizeof transitions / sizeof transitions[0])

static const transition *transition_of(jh_cycle_step act)
{
	for (size_t i = 0; i < NTRANS; i++)
		if (transitions[i].act == act)
			return &transitions[i];
	return NULL;
}

/* May `act` start from this row's state? */
static int state_allows(jh_cycle_step act, const jh_cycle_row *row)
{
	int st = jh_cycle_state_parse(row->state);

	switch (act) {
	case JH_STEP_SUBMIT: return st == JH_CYCLE_SELF_EVALUATION;
	case JH_STEP_REVIEW: return st == JH_CYCLE_SUBMITTED;
	case JH_STEP_RECTIFY: return st == JH_CYCLE_REVIEWED;
	case JH_STEP_APPLY:
		return st == JH_CYCLE_SUBMITTED || st == JH_CYCLE_RECTIFIED ||
		       (st == JH_CYCLE_ASSESSED && !strcmp(row->decision, "returned"));
	case JH_STEP_ASSESS: return st == JH_CYCLE_APPLIED;
	default: return 0;
	}
}

/* The role may take the step (the area is checked apart). */
static int role_allows(const transition *t, const jh_user *u)
{
	if (!u || u->disabled)
		return 0;
	if (u->role == JH_ROLE_ADMIN)
		return 1;
	return t->city ? (u->role == JH_ROLE_CITY || u->role == JH_ROLE_PROVINCE)
	               : u->role == JH_ROLE_COUNTY;
}

/* The day of step st for this cycle (the application's only in the
 * cycle of year target − 1). */
static jh_day due_day(jh_cycle_step st, int year, int target)
{
	if (st == JH_STEP_APPLY || st == JH_STEP_ASSESS)
		return target && year == target - 1 ? jh_cycle_deadline(st, year, target)
		                                     : (jh_day){""};
	return jh_cycle_deadline(st, year, target);
}

/* ------------------------------------------------------------------ */
/* Showing a county-year.                                               */
/* ------------------------------------------------------------------ */

typedef struct view {
	jh_cycle_row row;
	jh_cycle_event *events;
	size_t nevents;
	jh_snapshot_meta *snaps;
	size_t nsnaps;
	int target;
	jh_day today;
	char county_name[128];
} view;

static void view_free(view *v)
{
	free(v->events);
	free(v->snaps);
}

static jh_code view_load(jh_store *s, const jh_user *who, const char *county,
                         int year, const jh_areas *areas, view *v, jh_diags *d)
{
	const jh_area *a = jh_areas_find(areas, county);
	jh_code rc;

	memset(v, 0, sizeof *v);
	snprintf(v->county_name, sizeof v->county_name, "%s", a && a->name ? a->name : "");
	v->today = jh_day_today(s);
	v->target = jhCycleTargetYear(s, who, county, d);
	if ((rc = jh_store_cycle_get(s, county, year, &v->row, d)) ||
	    (rc = jh_store_cycle_events(s, county, year, &v->events, &v->nevents, d)) ||
	    (rc = jh_store_snapshots(s, county, year, &v->snaps, &v->nsnaps, d)))
		view_free(v);
	return rc;
}

/* The last event of action `act`, or NULL. */
static const jh_cycle_event *last_event(const view *v, jh_cycle_step act)
{
	const char *k = jh_cycle_step_key(act);

	for (size_t i = v->nevents; i-- > 0;)
		if (!strcmp(v->events[i].action, k))
			return &v->events[i];
	return NULL;
}

static void view_json(jhJson *j, const view *v, const jh_user *who,
                      const jh_areas *areas)
{
	int st = jh_cycle_state_parse(v->row.state);
	static const jh_cycle_step shown[] = {
		JH_STEP_SELF_EVALUATION, JH_STEP_SUBMIT, JH_STEP_REVIEW,
		JH_STEP_RECTIFY, JH_STEP_APPLY, JH_STEP_ASSESS,
	};
	int may_write = jh_access_area(areas, who, JH_OP_WRITE, v->row.county) == JH_OK;

	jhJsonOpen(j, '{');
	jhJsonFieldStr(j, "county", v->row.county);
	jhJsonFieldStr(j, "county_name", v->county_name);
	jhJsonFieldInt(j, "year", v->row.year);
	jhJsonFieldStr(j, "state", v->row.state);
	jhJsonFieldStr(j, "state_zh", jh_cycle_state_name((jh_cycle_state)st, "zh"));
	jhJsonFieldStr(j, "state_en", jh_cycle_state_name((jh_cycle_state)st, "en"));
	jhJsonFieldStr(j, "decision", v->row.decision);
	jhJsonFieldInt(j, "version", v->row.version);
	jhJsonFieldStr(j, "changed", v->row.changed);
	jhJsonKey(j, "target_year");
	if (v->target)
		jhJsonInt(j, v->target);
	else
		jhJsonNull(j);
	jhJsonFieldStr(j, "today", v->today.s);
	jhJsonKey(j, "next");
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < NTRANS; i++) {
		const transition *t = &transitions[i];
		if (!may_write || !role_allows(t, who) || !state_allows(t->act, &v->row))
			continue;
		jhJsonOpen(j, '{');
		jhJsonFieldStr(j, "action", jh_cycle_step_key(t->act));
		jhJsonFieldStr(j, "name_zh", jh_cycle_step_name(t->act, "zh"));
		jhJsonFieldStr(j, "name_en", jh_cycle_step_name(t->act, "en"));
		jhJsonFieldStr(j, "to", jh_cycle_state_key(t->to));
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
	jhJsonKey(j, "steps");
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
		jh_day due = due_day(shown[i], v->row.year, v->target);
		/* Self-evaluation is done when it is submitted. */
		const jh_cycle_event *e = last_event(v, shown[i] == JH_STEP_SELF_EVALUATION ?
		                                     JH_STEP_SUBMIT : shown[i]);
		/* Taken: late as recorded; not taken: late once its day passed.
		 * The self-evaluation is drafting, seen only through its
		 * submission: its day is shown, the submission is judged. */
		int late = shown[i] == JH_STEP_SELF_EVALUATION ? 0 :
		           e ? e->late : due.s[0] && jh_day_cmp(&v->today, &due) > 0;
		jhJsonOpen(j, '{');
		jhJsonFieldStr(j, "step", jh_cycle_step_key(shown[i]));
		jhJsonFieldStr(j, "name_zh", jh_cycle_step_name(shown[i], "zh"));
		jhJsonFieldStr(j, "name_en", jh_cycle_step_name(shown[i], "en"));
		jhJsonFieldStr(j, "due", due.s[0] ? due.s : NULL);
		jhJsonFieldBool(j, "done", e != NULL);
		jhJsonFieldStr(j, "at", e ? e->at : NULL);
		jhJsonFieldBool(j, "late", late);
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
	jhJsonKey(j, "events");
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < v->nevents; i++) {
		const jh_cycle_event *e = &v->events[i];
		jhJsonOpen(j, '{');
		jhJsonFieldInt(j, "id", e->id);
		jhJsonFieldStr(j, "at", e->at);
		jhJsonFieldStr(j, "who", e->who);
		jhJsonFieldStr(j, "role", e->role);
		jhJsonFieldStr(j, "action", e->action);
		jhJsonFieldStr(j, "from", e->from_state);
		jhJsonFieldStr(j, "to", e->to_state);
		jhJsonFieldBool(j, "late", e->late);
		jhJsonFieldStr(j, "note", e->note);
		jhJsonKey(j, "snapshot");
		if (e->snapshot)
			jhJsonInt(j, e->snapshot);
		else
			jhJsonNull(j);
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
	jhJsonKey(j, "snapshots");
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < v->nsnaps; i++) {
		const jh_snapshot_meta *m = &v->snaps[i];
		jhJsonOpen(j, '{');
		jhJsonFieldInt(j, "id", m->id);
		jhJsonFieldStr(j, "kind", m->kind);
		jhJsonFieldStr(j, "at", m->at);
		jhJsonFieldStr(j, "who", m->who);
		jhJsonFieldInt(j, "revision", m->revision);
		jhJsonFieldStr(j, "sha256", m->sha256);
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
	jhJsonClose(j, '}');
}

static jh_code show(jh_store *s, const jh_user *who, const char *county, int year,
                    const jh_areas *areas, jh_buf *out, jh_diags *d)
{
	view v;
	jhJson j;
	jh_out *o;
	jh_code rc;

	if ((rc = view_load(s, who, county, year, areas, &v, d)))
		return rc;
	if (!(o = jhServiceJsonBegin(out, &j)))
		rc = JH_ERR_NOMEM;
	else {
		view_json(&j, &v, who, areas);
		rc = jhServiceJsonEnd(o);
	}
	view_free(&v);
	return rc;
}

jh_code jh_cycle_show(jh_store *s, const jh_user *who, const char *county,
                      int year, jh_buf *out, jh_diags *d)
{
	jh_areas *areas = NULL;
	jh_code rc;

	if (!(rc = jhCycleAreas(s, who, county, JH_OP_READ, &areas, d)))
		rc = show(s, who, county, year, areas, out, d);
	jh_areas_free(areas);
	return rc;
}

jh_code jh_cycle_show_text(jh_store *s, const jh_user *who, const char *county,
                           int year, const char *lang, jh_buf *out, jh_diags *d)
{
	jh_areas *areas = NULL;
	int en = lang && !strcmp(lang, "en");
	view v;
	jh_code rc;

	if ((rc = jhCycleAreas(s, who, county, JH_OP_READ, &areas, d)) ||
	    (rc = view_load(s, who, county, year, areas, &v, d))) {
		jh_areas_free(areas);
		return rc;
	}
	jh_buf_addf(out, en ? "%s %s, %d: %s (version %ld)\n" : "%s %s %d 年度:%s(版本 %ld)\n",
	            v.row.county, v.county_name, year,
	            jh_cycle_state_name((jh_cycle_state)jh_cycle_state_parse(v.row.state), lang),
	            v.row.version);
	if (v.row.decision[0])
		jh_buf_addf(out, en ? "decision: %s\n" : "评估结论:%s\n",
		            !strcmp(v.row.decision, "forwarded") ? (en ? "forwarded to the province" : "报省")
		                                                  : (en ? "returned" : "退回"));
	if (v.target)
		jh_buf_addf(out, en ? "target year: %d\n" : "创建目标年份:%d\n", v.target);
	for (int st = JH_STEP_SELF_EVALUATION; st <= JH_STEP_ASSESS; st++) {
		jh_day due = due_day((jh_cycle_step)st, year, v.target);
		const jh_cycle_event *e = last_event(&v, st == JH_STEP_SELF_EVALUATION ?
		                                     JH_STEP_SUBMIT : (jh_cycle_step)st);
		int late = st == JH_STEP_SELF_EVALUATION ? 0 :
		           e ? e->late : due.s[0] && jh_day_cmp(&v.today, &due) > 0;
		jh_buf_addf(out, "  %-4s ", e ? (en ? "done" : "已办") : (en ? "-" : "未办"));
		jh_buf_addpad(out, jh_cycle_step_name((jh_cycle_step)st, lang), 22, 0);
		if (due.s[0])
			jh_buf_addf(out, en ? " due %s" : " 期限 %s", due.s);
		if (e)
			jh_buf_addf(out, en ? "  at %s by %s" : "  %s 由 %s 办理", e->at, e->who);
		if (late)
			jh_buf_adds(out, en ? "  LATE" : "  逾期");
		jh_buf_addc(out, '\n');
	}
	for (size_t i = 0; i < v.nsnaps; i++)
		jh_buf_addf(out, en ? "snapshot %ld (%s) at %s, revision %ld, sha256 %s\n"
		                    : "快照 %ld(%s)%s,数据版本 %ld,SHA-256 %s\n",
		            v.snaps[i].id, v.snaps[i].kind, v.snaps[i].at, v.snaps[i].revision,
		            v.snaps[i].sha256);
	view_free(&v);
	jh_areas_free(areas);
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}

/* ------------------------------------------------------------------ */
/* Taking a step.                                                        */
/* ------------------------------------------------------------------ */

static jh_code bad_text(jh_diags *d, const char *field, int max)
{
	char n[16];

	snprintf(n, sizeof n, "%d", max);
	jh_diags_add(d, JH_P_CYCLE_TEXT, NULL, NULL, 0, 0, NULL, field, n);
	return JH_ERR_INPUT;
}

/* A text of min..max characters that also fits `bytes` (a ledger
 * field's size, NUL included). */
static int fits(const char *s, size_t min, size_t max, size_t bytes)
{
	return jhCycleTextOk(s, min, max) && (!s || strlen(s) < bytes);
}

static jh_code check_input(jh_store *s, jh_cycle_step act, const char *county,
                           const jh_cycle_input *in, jh_diags *d)
{
	jh_code rc = JH_OK;
	jh_day today = jh_day_today(s), day;
	jh_ledger_item probe;   /* only for its field sizes */

	switch (act) {
	case JH_STEP_SUBMIT:
		if (!jhCycleTextOk(in->explanation, 1, TEXT_MAX))
			rc = bad_text(d, "explanation", TEXT_MAX);
		break;
	case JH_STEP_REVIEW:
		if (!jhCycleTextOk(in->opinion, 1, TEXT_MAX))
			rc = bad_text(d, "opinion", TEXT_MAX);
		if (in->nfindings > FINDINGS_MAX) {
			char n[16];
			snprintf(n, sizeof n, "%d", FINDINGS_MAX);
			jh_diags_add(d, JH_P_CYCLE_TEXT, NULL, NULL, 0, 0, NULL, "findings", n);
			rc = JH_ERR_INPUT;
			break;
		}
		for (size_t i = 0; i < in->nfindings; i++) {
			const jh_cycle_finding *f = &in->findings[i];
			char field[48];
			/* The ledger's limits, checked before anything is written:
			 * the findings are added after the step stands. */
			snprintf(field, sizeof field, "findings[%zu].what_zh", i);
			if (!fits(f->what_zh, 1, JH_LEDGER_WHAT_MAX, sizeof probe.what_zh))
				rc = bad_text(d, field, JH_LEDGER_WHAT_MAX);
			snprintf(field, sizeof field, "findings[%zu].what_en", i);
			if (!fits(f->what_en, 0, JH_LEDGER_WHAT_MAX, sizeof probe.what_en))
				rc = bad_text(d, field, JH_LEDGER_WHAT_MAX);
			snprintf(field, sizeof field, "findings[%zu].measure", i);
			if (!fits(f->measure, 0, JH_LEDGER_MEASURE_MAX, sizeof probe.measure))
				rc = bad_text(d, field, JH_LEDGER_MEASURE_MAX);
			snprintf(field, sizeof field, "findings[%zu].deadline", i);
			if (!f->deadline || !jh_day_parse(f->deadline, &day) ||
			    jh_day_cmp(&day, &today) < 0) {
				jh_diags_add(d, JH_P_CYCLE_DEADLINE, NULL, NULL, 0, 0, NULL, field,
				             f->deadline ? f->deadline : "");
				rc = JH_ERR_INPUT;
			}
			if (f->school && *f->school) {
				char c[8] = "";
				jh_code r2 = strlen(f->school) < sizeof probe.school ?
				             jh_store_school_county(s, f->school, c, d) : JH_ERR_NOTFOUND;
				if (r2 == JH_ERR_NOTFOUND || (!r2 && strcmp(c, county))) {
					jh_diags_add(d, JH_P_CYCLE_FINDING_SCHOOL, NULL, NULL, 0, 0, NULL,
					             f->school, NULL);
					rc = JH_ERR_INPUT;
				} else if (r2)
					return r2;
			}
		}
		break;
	case JH_STEP_ASSESS:
		if (!in->decision || (strcmp(in->decision, "forwarded") &&
		                      strcmp(in->decision, "returned"))) {
			jh_diags_add(d, JH_P_CYCLE_DECISION, NULL, NULL, 0, 0, NULL,
			             in->decision ? in->decision : "", NULL);
			rc = JH_ERR_INPUT;
		}
		if (!jhCycleTextOk(in->reasons, in->decision && !strcmp(in->decision, "returned"),
		                   TEXT_MAX))
			rc = bad_text(d, "reasons", TEXT_MAX);
		break;
	default:
		if (!jhCycleTextOk(in->note, 0, TEXT_MAX))
			rc = bad_text(d, "note", TEXT_MAX);
	}
	return rc;
}

/* The findings of this cycle not yet signed off (jh_ledger_list of the
 * county: source finding, cycle_year this year): their count and ids
 * ("#12 #13", as many as fit). */
static jh_code open_findings(jh_store *s, const jh_user *who, const char *county,
                             int year, long *n, char ids[256], jh_diags *d)
{
	jh_ledger_filter f = JH_LEDGER_FILTER_INIT;
	jh_ledger_item *v = NULL;
	size_t nv = 0, len = 0;
	jh_code rc;

	*n = 0;
	ids[0] = 0;
	f.area = county;
	if ((rc = jh_ledger_list(s, who, &f, &v, &nv, d)))
		return rc;
	for (size_t i = 0; i < nv; i++) {
		if (strcmp(v[i].source, "finding") || v[i].cycle_year != year ||
		    v[i].status == JH_LEDGER_SIGNED_OFF)
			continue;
		(*n)++;
		if (len + 24 < 256)
			len += (size_t)snprintf(ids + len, 256 - len, "%s#%ld", len ? " " : "", v[i].id);
	}
	free(v);
	return JH_OK;
}

/* Each finding a ledger item (jh_ledger_add: source finding, cycle_year
 * this year, the deadline given). */
static jh_code add_findings(jh_store *s, const jh_user *who, const char *county,
                            int year, const jh_cycle_input *in, jh_diags *d)
{
	for (size_t i = 0; i < in->nfindings; i++) {
		const jh_cycle_finding *fi = &in->findings[i];
		jh_ledger_item it;
		jh_code rc;
		memset(&it, 0, sizeof it);
		snprintf(it.county, sizeof it.county, "%s", county);
		snprintf(it.source, sizeof it.source, "finding");
		it.cycle_year = year;
		it.year = year;
		/* Over-long text: the ledger's limit (characters) named. */
#define COPY_FIELD(f, v, lim) do { if ((v) && strlen(v) >= sizeof it.f) { \
			jh_diags_add(d, JH_P_LEDGER_TEXT_LONG, NULL, NULL, 0, 0, NULL, #f, lim); \
			return JH_ERR_INPUT; } snprintf(it.f, sizeof it.f, "%s", (v) ? (v) : ""); } while (0)
		COPY_FIELD(what_zh, fi->what_zh, "160");
		COPY_FIELD(what_en, fi->what_en, "160");
		COPY_FIELD(school, fi->school, "23");
		COPY_FIELD(measure, fi->measure, "300");
		COPY_FIELD(deadline.s, fi->deadline, "10");
#undef COPY_FIELD
		if ((rc = jh_ledger_add(s, who, &it, d)))
			return rc;
	}
	return JH_OK;
}

static jh_code conflict(jh_diags *d, jh_problem p, const char *a, const char *b)
{
	jh_diags_add(d, p, NULL, NULL, 0, 0, NULL, a, b);
	return JH_ERR_CONFLICT;
}

jh_code jh_cycle_act(jh_store *s, const jh_user *who, const char *county,
                     int year, jh_cycle_step act, const jh_cycle_input *in,
                     jh_buf *out, jh_diags *d)
{
	const transition *t = transition_of(act);
	jh_areas *areas = NULL;
	jh_cycle_row row, after;
	jh_cycle_event *e = NULL;
	jh_buf snap = JH_BUF_INIT;
	long revision = 0;
	int target = 0;
	jh_day today, due;
	char a[24], b[24];
	const char *kind = NULL;
	jh_code rc;

	if (!t || !in)
		return JH_ERR_ARG;
	if ((rc = jhCycleAreas(s, who, county, JH_OP_READ, &areas, d)))
		goto done;
	if (!role_allows(t, who)) {
		jh_diags_add(d, JH_P_CYCLE_ROLE, NULL, NULL, 0, 0, NULL,
		             jh_cycle_step_name(act, "zh"),
		             t->city ? "市级督导室、省级督导室或系统管理员"
		                     : "本县县级督导室或系统管理员");
		rc = JH_ERR_DENIED;
		goto done;
	}
	if ((rc = jh_access_area(areas, who, JH_OP_WRITE, county))) {
		jh_diags_add(d, JH_P_DENIED, NULL, NULL, 0, 0, NULL, county, NULL);
		goto done;
	}
	if ((rc = check_input(s, act, county, in, d)))
		goto done;
	if ((rc = jh_store_cycle_get(s, county, year, &row, d)))
		goto done;
	if (in->version != row.version) {
		snprintf(a, sizeof a, "%ld", row.version);
		rc = conflict(d, JH_P_CYCLE_VERSION, a, row.state);
		goto done;
	}
	if (!state_allows(act, &row)) {
		rc = conflict(d, JH_P_CYCLE_STATE, jh_cycle_step_key(act), row.state);
		goto done;
	}
	today = jh_day_today(s);
	target = jhCycleTargetYear(s, who, county, d);
	switch (act) {
	case JH_STEP_SUBMIT:
		kind = "submission";
		break;
	case JH_STEP_RECTIFY: {
		long n = 0;
		char ids[256];
		if ((rc = open_findings(s, who, county, year, &n, ids, d)))
			goto done;
		if (n) {
			snprintf(a, sizeof a, "%ld", n);
			rc = conflict(d, JH_P_CYCLE_FINDINGS_OPEN, a, ids);
			goto done;
		}
		break;
	}
	case JH_STEP_APPLY: {
		int pass = 0;
		long fails = 0, missing = 0;
		if (!target || year != target - 1) {
			snprintf(a, sizeof a, "%d", year);
			b[0] = 0;
			if (target)
				snprintf(b, sizeof b, "%d", target);
			rc = conflict(d, JH_P_CYCLE_NOT_TARGET, a, b);
			goto done;
		}
		rc = jhCycleVerdict(s, county, year, in->std, &pass, &fails, &missing, d);
		if (rc == JH_ERR_NOTFOUND) {
			snprintf(a, sizeof a, "%s/%d", county, year);
			rc = conflict(d, JH_P_CYCLE_NO_DATA, a, NULL);
		}
		if (rc)
			goto done;
		if (!pass) {
			snprintf(a, sizeof a, "%ld", fails);
			snprintf(b, sizeof b, "%ld", missing);
			rc = conflict(d, JH_P_CYCLE_VERDICT_FAILS, a, b);
			goto done;
		}
		kind = "application";
		break;
	}
	default:
		break;
	}
	if (kind) {
		rc = jhCycleSnapshotBuild(s, who, county, year, kind,
		                          act == JH_STEP_SUBMIT ? in->explanation : NULL,
		                          in->std, &snap, &revision, d);
		if (rc == JH_ERR_NOTFOUND) {
			snprintf(a, sizeof a, "%s/%d", county, year);
			rc = conflict(d, JH_P_CYCLE_NO_DATA, a, NULL);
		}
		if (rc)
			goto done;
	}
	if (!(e = calloc(1, sizeof *e))) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	snprintf(e->who, sizeof e->who, "%s", who->name);
	snprintf(e->role, sizeof e->role, "%s", jh_role_key(who->role));
	snprintf(e->action, sizeof e->action, "%s", jh_cycle_step_key(act));
	due = due_day(act, year, target);
	e->late = due.s[0] && jh_day_cmp(&today, &due) > 0;
	snprintf(e->note, sizeof e->note, "%s",
	         act == JH_STEP_SUBMIT ? in->explanation :
	         act == JH_STEP_REVIEW ? in->opinion :
	         act == JH_STEP_ASSESS ? (in->reasons ? in->reasons : "") :
	         in->note ? in->note : "");
	/* The step and, for a review, its findings as ledger items are one
	 * transaction (the store's transactions nest): a review never stands
	 * without all of its findings.  The state's compare-and-set comes
	 * first, so a concurrent second review is refused before any item. */
	if ((rc = jhStoreBegin(s, d)))
		goto done;
	if ((rc = jh_store_cycle_step(s, county, year, row.version, row.state,
	                              jh_cycle_state_key(t->to),
	                              act == JH_STEP_ASSESS ? in->decision : "",
	                              e, kind, revision, kind ? snap.data : NULL,
	                              &after, d)) ||
	    (act == JH_STEP_REVIEW && (rc = add_findings(s, who, county, year, in, d))) ||
	    (rc = jhStoreCommit(s, d))) {
		jhStoreRollback(s);
		goto done;
	}
	rc = show(s, who, county, year, areas, out, d);
done:
	free(e);
	jh_buf_free(&snap);
	jh_areas_free(areas);
	return rc;
}
