/*
** junheng/cycle.h — the cycle layer of libjunheng (lib/cycle): what moves
** a county to the standard year after year.
**
**   creation plans (创建方案): a county's target year and its yearly
**       milestones, a city's city-wide targets, the timeline of a city's
**       counties with each milestone met, missed or due, computed from
**       the evaluated data of that year; progress over the years;
**   ledgers (工作台账): rectification items generated from a verdict's
**       shortfalls or added by hand or from a city finding, signed off
**       (销号) only when the current data shows the shortfall closed;
**   the yearly workflow: self-evaluation → submitted → reviewed →
**       rectified → applied → assessed, each step by the role allowed,
**       with deadlines as data; frozen snapshots; the city's notices.
**
** Built on the service layer (loading and evaluating a county-year), the
** access layer (who may do what) and the store (schema 7).  Every
** operation takes the acting account (`who`: a jh_user; the command line
** acts as the administrator with the name given by --who) and fills a
** jh_diags with coded problems in both languages.  Renderings for the API
** and the CLI are JSON into a jh_buf, the same bytes for both.
**
** The parts each have a section below; the types shared between parts
** come first.
*/
#ifndef JUNHENG_CYCLE_H
#define JUNHENG_CYCLE_H

#include "junheng/service.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Shared: days.  A day is "YYYY-MM-DD" (local calendar day of the      */
/* office); "today" comes from the store's clock (jh_store_now) in the  */
/* zone of $JUNHENG_TZ/$TZ (Asia/Shanghai by default).                  */
/* ------------------------------------------------------------------ */

typedef struct jh_day {
	char s[11];      /* "YYYY-MM-DD", or "" for none */
} jh_day;

/* ------------------------------------------------------------------ */
/* Shared: ledger items (the ledger part owns their operations).        */
/* ------------------------------------------------------------------ */

typedef enum jh_ledger_status {
	JH_LEDGER_OPEN = 0,          /* 待整改 */
	JH_LEDGER_IN_PROGRESS,       /* 整改中 */
	JH_LEDGER_AWAITING_SIGNOFF,  /* 待销号 */
	JH_LEDGER_SIGNED_OFF,        /* 已销号 */
	JH_LEDGER_REOPENED,          /* 已重开 */
	JH_LEDGER__COUNT
} jh_ledger_status;

typedef struct jh_ledger_item {
	long id;
	char county[8];
	char school[24];        /* "" for a county-level item */
	int year;               /* the data year whose verdict (or review) found it */
	char source[12];        /* "generated", "manual", "finding" */
	char key[128];          /* the shortfall's name (store schema 7) */
	char kind[24];          /* "school_indicator", "school_rule",
	                           "coefficient", "county_item", "manual",
	                           "finding" */
	char what_zh[512], what_en[640];
	char figure[64];        /* the figure found, as shown */
	char requirement[96];   /* what the standard requires, as shown */
	char measure[1024];     /* 整改措施 */
	char unit[256];         /* 责任单位 */
	char person[128];       /* 责任人 */
	jh_day deadline;
	jh_ledger_status status;
	int supervised;         /* 挂牌督办 */
	char supervised_note[512];
	char override_reason[1024];
	int cycle_year;         /* a finding: the workflow year; else 0 */
	char created[21], created_by[64], changed[21];
	long version;
} jh_ledger_item;

/* ------------------------------------------------------------------ */
/* Shared: the workflow's states (the workflow part owns operations).   */
/* ------------------------------------------------------------------ */

typedef enum jh_cycle_state {
	JH_CYCLE_SELF_EVALUATION = 0,  /* 自评中 */
	JH_CYCLE_SUBMITTED,            /* 已上报 */
	JH_CYCLE_REVIEWED,             /* 已复核 */
	JH_CYCLE_RECTIFIED,            /* 已整改 */
	JH_CYCLE_APPLIED,              /* 已申报 */
	JH_CYCLE_ASSESSED,             /* 已评估 */
	JH_CYCLE__COUNT
} jh_cycle_state;

/* ------------------------------------------------------------------ */
/* Shared: milestone status (the creation-plan part computes them).     */
/* ------------------------------------------------------------------ */

typedef enum jh_milestone_status {
	JH_MILESTONE_MET = 0,     /* 已完成 */
	JH_MILESTONE_MISSED,      /* 未完成 (its year's data is in and fails) */
	JH_MILESTONE_DUE,         /* 未到期 */
	JH_MILESTONE_NO_DATA,     /* 无数据 (year passed, no data to judge) */
	JH_MILESTONE__COUNT
} jh_milestone_status;

/* Keys ("open", "self_evaluation", "met"), names for people in lang
 * ("zh" or "en"), and parsing a key (-1 when unknown).  names.c. */
const char *jh_ledger_status_key(jh_ledger_status st);
const char *jh_ledger_status_name(jh_ledger_status st, const char *lang);
int jh_ledger_status_parse(const char *key);
const char *jh_cycle_state_key(jh_cycle_state st);
const char *jh_cycle_state_name(jh_cycle_state st, const char *lang);
int jh_cycle_state_parse(const char *key);
const char *jh_milestone_status_key(jh_milestone_status st);
const char *jh_milestone_status_name(jh_milestone_status st, const char *lang);

/* Days (days.c).  jh_day_today: the store clock's day in the office's
 * zone.  jh_day_parse: 1 when s is a real calendar day "YYYY-MM-DD"
 * (then copied into out), else 0.  jh_day_cmp: as strcmp ("" first).
 * jh_day_make: y-mo-d, with d = 0 meaning the month's last day
 * (February's end in a leap year is the 29th). */
jh_day jh_day_today(const jh_store *s);
int jh_day_parse(const char *s, jh_day *out);
int jh_day_cmp(const jh_day *a, const jh_day *b);
jh_day jh_day_make(int y, int mo, int d);

/* ------------------------------------------------------------------ */
/* Creation plans and progress over the years (lib/cycle/creation*.c,  */
/* lib/cycle/trends.c).                                                 */
/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* Ledgers (lib/cycle/ledger*.c).                                       */
/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* The yearly workflow, snapshots and notices (lib/cycle/workflow.c,    */
/* snapshot.c, notice.c).                                               */
/* ------------------------------------------------------------------ */

/* The steps of a county-year (deadlines.c: keys, names, days).  plan and
 * self_evaluation are days only (the plan is the creation part's, the
 * self-evaluation is drafting); the other five are the workflow's
 * actions. */
typedef enum jh_cycle_step {
	JH_STEP_PLAN = 0,          /* 报送创建方案 */
	JH_STEP_SELF_EVALUATION,   /* 完成自评 */
	JH_STEP_SUBMIT,            /* 上报自评 */
	JH_STEP_REVIEW,            /* 市级复核 */
	JH_STEP_RECTIFY,           /* 完成整改 */
	JH_STEP_APPLY,             /* 申报评估 */
	JH_STEP_ASSESS,            /* 市级评估 */
	JH_STEP__COUNT
} jh_cycle_step;

const char *jh_cycle_step_key(jh_cycle_step st);
const char *jh_cycle_step_name(jh_cycle_step st, const char *lang);
int jh_cycle_step_parse(const char *key);        /* -1 when unknown */
/* The step's day for the cycle of data year `year` (target_year: the
 * county's target year, 0 when none), from data/cycle/deadlines.conf
 * (embedded); "" when the step has none (or needs a target year not
 * set).  The file is read once (thread-safe); a bad line is a bug of
 * the build, reported by jh_cycle_deadlines_check. */
jh_day jh_cycle_deadline(jh_cycle_step st, int year, int target_year);
/* Check a deadlines text (the embedded one when text is NULL): JH_OK,
 * or JH_ERR_FORMAT with JH_P_CYCLE_DEADLINES_CONF naming the line. */
jh_code jh_cycle_deadlines_check(const char *text, jh_diags *d);

/* A finding of the city's review: becomes a ledger item (source
 * "finding", the cycle's year) with its deadline. */
typedef struct jh_cycle_finding {
	const char *what_zh;     /* required, 1..500 characters */
	const char *what_en;     /* NULL or "": none */
	const char *school;      /* NULL or "": a county-level finding */
	const char *measure;     /* NULL or "" */
	const char *deadline;    /* "YYYY-MM-DD", today or later */
} jh_cycle_finding;

/* What a step takes; zero-initialise and set what the step needs. */
typedef struct jh_cycle_input {
	long version;             /* the version read (compare-and-set) */
	const char *explanation;  /* submit: what was not done and why, 1..4000 */
	const char *opinion;      /* review: the written opinion, 1..4000 */
	const jh_cycle_finding *findings;   /* review: 0..100 */
	size_t nfindings;
	const char *decision;     /* assess: "forwarded" or "returned" */
	const char *reasons;      /* assess: required when returned, 0..4000 */
	const char *note;         /* rectify, apply: optional, 0..4000 */
	const jh_standard *std;   /* the standard verdicts use (NULL: national) */
} jh_cycle_input;

/* A county-year's workflow as JSON (the same bytes for the CLI's
 * --format json and GET /counties/{c}/cycle/{y}):
 * {"county","county_name","year","state","state_zh","state_en",
 *  "decision","version","changed","target_year",
 *  "next":[{"action","name_zh","name_en","to"}]   what the caller may do now,
 *  "steps":[{"step","name_zh","name_en","due","done","at","late"}],
 *  "events":[{"id","at","who","role","action","from","to","late","note",
 *             "snapshot"}],
 *  "snapshots":[{"id","kind","at","who","revision","sha256"}]}
 * Readers: jh_access_area READ on the county (no school account).
 * JH_ERR_NOTFOUND for an unknown county. */
jh_code jh_cycle_show(jh_store *s, const jh_user *who, const char *county,
                      int year, jh_buf *out, jh_diags *d);
/* Text for people in lang. */
jh_code jh_cycle_show_text(jh_store *s, const jh_user *who, const char *county,
                           int year, const char *lang, jh_buf *out, jh_diags *d);
/* Take step `act` (SUBMIT, REVIEW, RECTIFY, APPLY or ASSESS) on the
 * county-year as `who`; on success out gets jh_cycle_show's JSON after
 * it.  Refusals: JH_ERR_DENIED (JH_P_CYCLE_ROLE, or the area),
 * JH_ERR_NOTFOUND, JH_ERR_INPUT (a field: JH_P_CYCLE_TEXT, _DEADLINE,
 * _DECISION, _FINDING_SCHOOL), JH_ERR_CONFLICT (JH_P_CYCLE_STATE,
 * _VERSION, _FINDINGS_OPEN, _NOT_TARGET, _VERDICT_FAILS, _NO_DATA).
 * Nothing is written on a refusal. */
jh_code jh_cycle_act(jh_store *s, const jh_user *who, const char *county,
                     int year, jh_cycle_step act, const jh_cycle_input *in,
                     jh_buf *out, jh_diags *d);

/* snapshot.c.  A snapshot's stored text, exactly as stored (readers as
 * jh_cycle_show); its county into county when not NULL. */
jh_code jh_snapshot_show(jh_store *s, const jh_user *who, long id,
                         jh_buf *out, jh_diags *d);
/* What changed since the snapshot, against today's data, standard std
 * (NULL: national) and ledger:
 * {"snapshot","county","year","kind","at","revision_then","revision_now",
 *  "standard_then","standard_now",
 *  "schools":[{"code","name","change":"added"|"removed"|"changed",
 *              "fields":[{"key","then","now"}]}],
 *  "county_records":[{"item","then","now"}],
 *  "verdict":{"then","now","items":[{"id","name_zh","name_en",
 *             "then":{"status","value"},"now":{…}}]},
 *  "ledger":[{"id","key","what_zh","then","now"}],
 *  "milestones":[{"year","measure","then","now"}]}
 * (a null "then" or "now": not there at that time). */
jh_code jh_snapshot_diff(jh_store *s, const jh_user *who, long id,
                         const jh_standard *std, jh_buf *out, jh_diags *d);

/* notice.c.  The city's progress notice (通报) for day `date` ("" :
 * today) over the counties within `area` (a province, city or county):
 * JSON, or CSV in lang (JH_FMT_CSV); milestones judged with standard
 * std (NULL: national).  Offices, inspectors and the administrator whose
 * area covers it; no school account. */
jh_code jh_cycle_notice(jh_store *s, const jh_user *who, const char *area,
                        const char *date, const jh_standard *std,
                        jh_format fmt, const char *lang, jh_buf *out,
                        jh_diags *d);

#ifdef __cplusplus
}
#endif

#endif
