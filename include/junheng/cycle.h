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

#ifdef __cplusplus
}
#endif

#endif
