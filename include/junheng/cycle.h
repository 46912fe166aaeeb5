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

/* Shared: days (jh_day) and ledger items (jh_ledger_status,
 * jh_ledger_item) are declared in junheng/store.h's ledger section, so
 * that the store can hold them; their operations are here. */

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

/* What a plan's target says of its measure: at most / at least a figure,
 * a verdict item passing, or (a target entered by hand) done. */
typedef enum jh_target_kind {
	JH_TARGET_MAX = 0,
	JH_TARGET_MIN,
	JH_TARGET_PASS,
	JH_TARGET_DONE
} jh_target_kind;

/* Text limits of a plan, in characters (UTF-8 code points). */
#define JH_PLAN_LABEL_MAX 200        /* label_zh, label_en, responsible */
#define JH_PLAN_UNIT_MAX 20          /* a target's unit */
#define JH_PLAN_MEASURE_MAX 500      /* a school's measure */
#define JH_PLAN_PERSON_MAX 50
#define JH_PLAN_WHY_MAX 500
#define JH_PLAN_MILESTONES_MAX 30
#define JH_PLAN_TARGETS_MAX 200      /* per milestone */
#define JH_PLAN_SCHOOLS_MAX 5000

typedef struct jh_plan_target {
	char measure[96];       /* a key of the catalogue (jh_measure_*) */
	jh_target_kind kind;
	double bound;           /* JH_TARGET_MAX / _MIN: the figure */
	int done;               /* JH_TARGET_DONE: 1 done, 0 not yet */
	char label_zh[4 * JH_PLAN_LABEL_MAX + 1];   /* "" : the measure's name */
	char label_en[4 * JH_PLAN_LABEL_MAX + 1];
	char unit[4 * JH_PLAN_UNIT_MAX + 1];
} jh_plan_target;

typedef struct jh_plan_milestone {
	int year;               /* judged on that year's data */
	jh_day deadline;        /* "" in the document: December 31 of year */
	jh_plan_target *targets;
	size_t ntargets;
} jh_plan_milestone;

/* 一校一策: a school's measure, its responsible unit and person, and
 * whether the responsibility letter (责任书) is signed. */
typedef struct jh_school_measure {
	char school[24];
	char measure[4 * JH_PLAN_MEASURE_MAX + 1];
	char unit[4 * JH_PLAN_LABEL_MAX + 1];
	char person[4 * JH_PLAN_PERSON_MAX + 1];
	int letter_signed;
} jh_school_measure;

/* A plan document as read back: a county's creation plan, or (city 1)
 * a city's city-wide targets (milestones only). */
typedef struct jh_creation_doc {
	char area[8];
	int city;
	long version;           /* of the stored document */
	char at[24], who[64];
	char why[4 * JH_PLAN_WHY_MAX + 1];
	int target_year;        /* 0: not set */
	char responsible_zh[4 * JH_PLAN_LABEL_MAX + 1];
	char responsible_en[4 * JH_PLAN_LABEL_MAX + 1];
	jh_day filed;           /* filed with the city office ("" not yet) */
	jh_plan_milestone *milestones;   /* by year */
	size_t nmilestones;
	jh_school_measure *schools;
	size_t nschools;
} jh_creation_doc;

void jh_creation_doc_free(jh_creation_doc *doc);

/* A county's plan (or, for a city code, the city-wide targets): JH_OK
 * with *doc NULL when none is stored; *doc freed with
 * jh_creation_doc_free.  Read access: whoever may read the area (a school
 * account: its own county's plan).  JH_ERR_DENIED, JH_ERR_NOTFOUND (an
 * unknown area, or one neither a county nor a city). */
jh_code jh_creation_get(jh_store *s, const jh_user *who, const char *area,
                        jh_creation_doc **doc, jh_diags *d);

/* GET /counties/{code}/plan and /cities/{code}/plan: the current
 * document with its area, version, who, when, why, every version's
 * who/when/why, and (a county) the city's target year rules; JSON into
 * out (`{"area", "level", "version": 0, "plan": null, …}` when none). */
jh_code jh_creation_show(jh_store *s, const jh_user *who, const char *area,
                         jh_buf *out, jh_diags *d);

/* PUT: json is the plan document (creation.c's comment) with "version"
 * (the version read; 0 or absent when there was none) and "why" (the
 * reason, optional).  Validated whole (JH_ERR_INPUT, a coded problem per
 * field naming its path); JH_ERR_DENIED when the caller may not edit the
 * area, or (JH_P_PLAN_TARGET_YEAR_DENIED) a county office changes its
 * target year; JH_ERR_CONFLICT (JH_P_PLAN_VERSION) when the document
 * moved on.  On success the new document as jh_creation_show renders it
 * is appended to out. */
jh_code jh_creation_put(jh_store *s, const jh_user *who, const char *area,
                        const char *json, size_t len, jh_buf *out,
                        jh_diags *d);

/* One target judged on a year's data. */
typedef struct jh_target_result {
	jh_plan_target target;  /* as in the plan */
	int has_value;          /* the measure has a figure in the year */
	double value;           /* the figure (a pass target: 1 pass, 0 not;
	                           a done target: 1 done, 0 not) */
	int holds;              /* 1 the target holds, 0 not, -1 no data */
} jh_target_result;

/* One milestone: met when the year's data is in and every target holds;
 * otherwise due until its deadline (today ≤ deadline), then missed (data
 * in, a target fails) or no_data (no data of the year). */
typedef struct jh_milestone_result {
	char area[8];
	int year;
	jh_day deadline;
	jh_milestone_status status;
	int has_data;
	size_t ntargets, nheld;
	jh_target_result *targets;
} jh_milestone_result;

void jh_milestones_free(jh_milestone_result *m, size_t n);

/* The milestones of a county's plan (a city code: the city-wide targets,
 * measures summed over the city's counties) judged on the evaluated data
 * of each milestone's year as stored now, with today (a day; NULL: the
 * store's today) deciding due / missed.  std NULL: the national
 * standard.  *out malloc'd (NULL, n 0 when there is no plan or no
 * milestone), freed with jh_milestones_free.  Read access as
 * jh_creation_get. */
jh_code jh_creation_milestones(jh_store *s, const jh_user *who,
                               const char *area, const jh_day *today,
                               const jh_standard *std,
                               jh_milestone_result **out, size_t *n,
                               jh_diags *d);

/* A county behind schedule (1 in *behind): a milestone missed or with
 * no data past its deadline, or its target year over (today after
 * December 31 of it) without a cycle assessed and forwarded to the
 * province.  0 for a county without a plan. */
jh_code jh_creation_behind(jh_store *s, const jh_user *who, const char *county,
                           const jh_day *today, const jh_standard *std,
                           int *behind, jh_diags *d);

/* GET /plans?area=CODE[&date=]: every county of the area (a county, a
 * city, a province; admin: "" for every county) that the caller may read,
 * with its target year, milestones and their status, behind flag; the
 * cities' city-wide targets with status.  fmt JH_FMT_JSON (the API's
 * bytes) or JH_FMT_TEXT (for people, in lang). */
jh_code jh_creation_timeline(jh_store *s, const jh_user *who, const char *area,
                             const jh_day *today, const jh_standard *std,
                             jh_format fmt, const char *lang, jh_buf *out,
                             jh_diags *d);

/* The measures a target may name (lib/cycle/measures.c): fixed keys and
 * the families cv.<stage>.<indicator> and item.<verdict item id>.
 * jh_measure_known: 1 when key is one, and which kinds of target it takes
 * (bit 1 << jh_target_kind) into *kinds (may be NULL); *additive 1 when
 * it may be summed over counties (a city-wide target).  jh_measure_name:
 * its name and unit in lang into name/unit (either may be NULL). */
int jh_measure_known(const char *key, unsigned *kinds, int *additive);
void jh_measure_name(const char *key, const char *lang, char *name,
                     size_t name_cap, char *unit, size_t unit_cap);
/* The catalogue: JSON (every fixed measure and family with zh/en names,
 * units, kinds, how computed) or text for people in lang. */
jh_code jh_measure_catalogue(jh_format fmt, const char *lang, jh_buf *out);

/* Progress over the years (trends.c), GET /counties/{code}/trends and
 * /cities/{code}/trends: every year in the store of the county (or of
 * each county of the city, and the city's sums) — coefficients per stage
 * and indicator, indicator means, the verdict items' status, the counted
 * measures; the plan's milestones; and, for a county, the schools that
 * improved or fell back between years base and year (indicators met per
 * school stage; 0, 0: the last two years with data).  JSON or text. */
jh_code jh_trends(jh_store *s, const jh_user *who, const char *area,
                  int base, int year, const jh_standard *std, jh_format fmt,
                  const char *lang, jh_buf *out, jh_diags *d);

/* ------------------------------------------------------------------ */
/* Ledgers (lib/cycle/ledger*.c).                                       */
/* ------------------------------------------------------------------ */

/* An item's text limits, in characters (UTF-8 code points); longer is
 * refused with JH_P_LEDGER_TEXT_LONG, never cut. */
#define JH_LEDGER_WHAT_MAX 160
#define JH_LEDGER_MEASURE_MAX 300
#define JH_LEDGER_UNIT_MAX 80
#define JH_LEDGER_PERSON_MAX 40
#define JH_LEDGER_NOTE_MAX 160
#define JH_LEDGER_REASON_MAX 300
/* One file of evidence: at most 16 MiB. */
#define JH_LEDGER_EVIDENCE_MAX (16u << 20)

/* 1 when the item is overdue on `today`: a deadline before it and not
 * signed off. */
int jh_ledger_overdue(const jh_ledger_item *it, const jh_day *today);
/* The item as one JSON object (the same for the API, the CLI and the
 * workflow's snapshots): every field; `what` both ways (what_zh,
 * what_en); status as its key and `status_name` in lang; `overdue` when
 * today is given (NULL: left out).  jhJson is lib/util's writer. */
struct jhJson;
void jh_ledger_item_json(struct jhJson *j, const jh_ledger_item *it,
                         const jh_day *today, const char *lang);

/* {"item": the item as above} appended to out (the API's answer to a
 * change of an item). */
jh_code jh_ledger_item_render(const jh_ledger_item *it, const jh_day *today,
                              const char *lang, jh_buf *out);

/* Items the caller may read that the filter selects (f->area NULL or ""
 * is the caller's own area; a school account sees its own school's items
 * only).  JH_ERR_DENIED / JH_ERR_NOTFOUND for an area the caller may not
 * read or that does not exist.  *items malloc'd, freed with free(). */
jh_code jh_ledger_list(jh_store *s, const jh_user *who,
                       const jh_ledger_filter *f, jh_ledger_item **items,
                       size_t *n, jh_diags *d);
/* The same as JSON {"area", "today", "count", "items":[…]}. */
jh_code jh_ledger_list_json(jh_store *s, const jh_user *who,
                            const jh_ledger_filter *f, const char *lang,
                            jh_buf *out, jh_diags *d);
/* An item by hand or from a city finding: it->county (a stored county),
 * it->school ("" or a school of it), it->source "manual" (default) or
 * "finding" (then it->cycle_year is the workflow's year), what_zh
 * (required), what_en, measure, unit, person, deadline ("" or a day),
 * year (0: today's year), supervised (+ note; city and above).  Who: a
 * county office (its own county and schools), city, province, admin.
 * On success *it is the stored item (id, key "manual.ID"/"finding.ID",
 * status open, version 1) and its "created" event is written with it. */
jh_code jh_ledger_add(jh_store *s, const jh_user *who, jh_ledger_item *it,
                      jh_diags *d);
/* One item the caller may read. */
jh_code jh_ledger_get(jh_store *s, const jh_user *who, long id,
                      jh_ledger_item *out, jh_diags *d);
/* The item, its history and its evidence list as JSON {"item",
 * "events":[…], "evidence":[…]}. */
jh_code jh_ledger_show_json(jh_store *s, const jh_user *who, long id,
                            const char *lang, jh_buf *out, jh_diags *d);

/* What an update changes (NULL / -1: keep).  status: a move the owner
 * makes (open→in_progress→awaiting_signoff, awaiting_signoff→in_progress,
 * reopened→in_progress); sign-off is jh_ledger_signoff.  supervised and
 * supervised_note: city and above. */
typedef struct jh_ledger_change {
	const char *measure, *unit, *person, *deadline;
	int status;
	int supervised;
	const char *supervised_note;
} jh_ledger_change;
#define JH_LEDGER_CHANGE_NONE {NULL, NULL, NULL, NULL, -1, -1, NULL}
/* Compare-and-set on version (JH_ERR_CONFLICT, JH_P_LEDGER_VERSION with
 * the current version, when it moved); one event per change.  *out (may
 * be NULL) the item after. */
jh_code jh_ledger_update(jh_store *s, const jh_user *who, long id,
                         long version, const jh_ledger_change *ch,
                         jh_ledger_item *out, jh_diags *d);

/* The data check of an item: is its shortfall closed in county-year
 * `year`'s current data, and what is the figure now.  Manual and finding
 * items have none (checked 0). */
typedef struct jh_ledger_check {
	int checked;            /* 1: judged from the data */
	int closed;             /* 1: the shortfall is gone */
	int year;               /* the data year judged (0: none) */
	char figure[64], requirement[96];
	char note_zh[128], note_en[160];   /* e.g. 学校已不在数据中 */
} jh_ledger_check;
/* Sign-off (销号): only from awaiting_signoff, by a role above the owner
 * (a school item: county and above; county-level and finding items: city
 * and above), only when the data of the latest year with data for the
 * county (≥ the item's year) shows the shortfall closed — otherwise
 * JH_ERR_CONFLICT with JH_P_LEDGER_SHORTFALL and *check telling the
 * figure.  With override_reason (1..JH_LEDGER_REASON_MAX characters; city
 * and above; from any status but signed_off) it is signed off whatever
 * the data shows, and the reason recorded.  std NULL: the national
 * standard.  check and out may be NULL. */
jh_code jh_ledger_signoff(jh_store *s, const jh_user *who, long id,
                          long version, const char *override_reason,
                          const jh_standard *std, jh_ledger_check *check,
                          jh_ledger_item *out, jh_diags *d);

/* Generation from county-year (county, year)'s verdict in the current
 * data: new shortfalls become open items, those already open are
 * refreshed (figure, year), signed-off ones whose shortfall is back are
 * reopened; never a duplicate.  Who: the county office (own), city,
 * province, admin.  stats may be NULL. */
typedef struct jh_ledger_gen_stats {
	size_t created, refreshed, reopened, unchanged;
} jh_ledger_gen_stats;
jh_code jh_ledger_generate(jh_store *s, const jh_user *who, const char *county,
                           int year, const jh_standard *std,
                           jh_ledger_gen_stats *stats, jh_diags *d);
/* The same, answered as JSON {"county", "year", "created", "refreshed",
 * "reopened", "items":[the county's items of generated source]}. */
jh_code jh_ledger_generate_json(jh_store *s, const jh_user *who,
                                const char *county, int year,
                                const jh_standard *std, const char *lang,
                                jh_buf *out, jh_diags *d);
/* After an import or an edit touched county-year (county, year): the
 * county's signed-off generated items whose shortfall is back in that
 * year's data (a year not before the item's) are reopened (event by
 * `who_name`, with the year and figure).  Nothing to do, or no data: OK.
 * reopened may be NULL. */
jh_code jh_ledger_refresh(jh_store *s, const char *who_name, const char *county,
                          int year, const jh_standard *std, size_t *reopened,
                          jh_diags *d);

/* jh_ledger_refresh for every county-year an import's rows or county-year
 * records name (after it was stored). */
jh_code jh_ledger_refresh_import(jh_store *s, const char *who_name,
                                 const jh_import_set *is,
                                 const jh_standard *std, size_t *reopened,
                                 jh_diags *d);

/* Evidence: the owner and above upload (≤ JH_LEDGER_EVIDENCE_MAX bytes;
 * name 1..200 characters); anyone who may read the item downloads. */
jh_code jh_ledger_evidence_add(jh_store *s, const jh_user *who, long id,
                               const char *name, const char *content_type,
                               const void *body, size_t size,
                               jh_ledger_evidence *out, jh_diags *d);
jh_code jh_ledger_evidence_get(jh_store *s, const jh_user *who, long id,
                               long evidence, jh_ledger_evidence *meta,
                               void **body, size_t *size, jh_diags *d);

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
