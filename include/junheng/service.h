/*
** junheng/service.h — the service layer of libjunheng (lib/service):
** whole operations over a store that the CLI and the web server both
** call, so that both give the same bytes.  Uses every layer below it.
**
** Each operation loads what it needs from the store, calls the layers
** below (the evaluation and verdict of core, the gaps and plan of plan)
** and renders their answer; it decides nothing itself.  Output is
** appended to the caller's jh_buf (or written to its jh_out); problems
** go to the caller's jh_diags.  Nothing here keeps mutable state between
** calls, so threads may call any of it at once, each with its own
** jh_store (a store belongs to one thread at a time); the one shared
** resource, GLPK, is taken under a process-wide mutex by
** jh_service_gaps.
*/
#ifndef JUNHENG_SERVICE_H
#define JUNHENG_SERVICE_H

#include "junheng/access.h"
#include "junheng/plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* One county-year (or every county of a year) as the commands show it. */
/* ------------------------------------------------------------------ */

/* What a query reads.  Zero-initialise and set what is needed. */
typedef struct jh_query {
	const char *county;       /* county code; NULL: every county (verdict
	                             and eval only) */
	int year;                 /* required but by eval (0: every year) */
	long as_of;               /* the store as after this revision, 0 = now */
	const jh_standard *std;   /* NULL: the national standard */
	const jh_costs *costs;    /* gaps: NULL = the default costs */
	const char *lang;         /* labels' language, "zh" (NULL) or "en";
	                             CSV headers follow it too */
	unsigned flags;           /* JH_VERDICT_IDS: item ids in verdict and
	                             whatif text and CSV; JH_REPORT_PRETTY:
	                             eval's JSON indented */
	double time_limit;        /* gaps: seconds for the plan, 0 = the
	                             library's default */
} jh_query;

/* Exactly the bytes of `junheng verdict DB --county C --year Y --format F`
 * (text, json, csv; without --county: every county of the year) appended
 * to out.  A county or year without schools: JH_ERR_NOTFOUND with
 * JH_P_NOT_FOUND naming the county. */
jh_code jh_service_verdict(jh_store *s, const jh_query *q, jh_format fmt,
                           jh_buf *out, jh_diags *d);
/* `junheng eval DB [--county C] [--year Y] --format F`: appended to out,
 * or written as it is produced to o (jh_service_eval_write: a nation's
 * report is tens of megabytes; o is not flushed).  Nothing is written
 * unless the evaluation succeeds; JH_ERR_NOTFOUND (no diagnostic) when
 * the selection holds no school. */
jh_code jh_service_eval(jh_store *s, const jh_query *q, jh_format fmt,
                        jh_buf *out, jh_diags *d);
jh_code jh_service_eval_write(jh_store *s, const jh_query *q, jh_format fmt,
                              jh_out *o, jh_diags *d);
/* `junheng gaps DB --county C --year Y --format F`: each failing school's
 * gap and the county's cheapest plan.  The plan (GLPK) runs under a
 * process-wide mutex: plans of several threads run one after another. */
jh_code jh_service_gaps(jh_store *s, const jh_query *q, jh_format fmt,
                        jh_buf *out, jh_diags *d);
/* `junheng whatif DB --county C --year Y --change F --format F` with the
 * change file read as the table `changes` (the header action,
 * school_code, field, value, target; see jh_whatif_apply): text, or JSON
 * {"county_code","year","before","after","county_name"}.  The store is
 * only read. */
jh_code jh_service_whatif(jh_store *s, const jh_query *q,
                          const jh_table *changes, jh_format fmt, jh_buf *out,
                          jh_diags *d);

/* ------------------------------------------------------------------ */
/* What the pages show: JSON for programs.                               */
/* ------------------------------------------------------------------ */
/* Keys are English snake_case; a label people read comes in both
 * languages (name_zh, name_en); area and school names are as stored;
 * numbers as the library writes them (shortest round trip, null when not
 * finite or not known).  Each appends one JSON value to out. */

/* The overview row of county-year q->county, q->year, codes and numbers
 * only (the same in both languages; jh_service_summary_labels gives the
 * labels once):
 * {"code","year","name","full_name","city_code","city_name","verdict",
 *  "failing_items","missing_items","schools","failing_schools",
 *  "stages":[{"stage","schools","failing_schools","students","passes",
 *             "cv_mean","limit","coefficients":[value×7],
 *             "pass":[bool×7]}×2]}
 * failing/missing items: the verdict's items (all four parts) failing
 * or without data; schools: the schools evaluated (a school of two
 * stages counts once), failing_schools those failing the per-school
 * rule (6 of 7, none under 85%) in a stage.  limit: the stage's limit of
 * every coefficient; coefficients and pass are in the order of the
 * labels' "indicators".  A stage without schools has "passes" and each
 * "pass" null.  JH_ERR_NOTFOUND (JH_P_NOT_FOUND) for a county-year
 * without schools. */
jh_code jh_service_county_summary(jh_store *s, const jh_query *q, jh_buf *out,
                                  jh_diags *d);
/* The same for every county of year q->year (q->county is not read)
 * from one load of the year: each(ctx, county, json, len) with exactly
 * the bytes jh_service_county_summary gives for that county, by county
 * code; none when the year has no school.  each returns JH_OK to go on,
 * anything else stops the walk and is returned.  For an overview whose
 * cache is cold: one query and one evaluation instead of one a county. */
typedef jh_code (*jh_summary_fn)(void *ctx, const char *county,
                                 const char *json, size_t len);
jh_code jh_service_county_summaries(jh_store *s, const jh_query *q,
                                    jh_summary_fn each, void *ctx, jh_diags *d);
/* The labels of the overview rows, in both languages, one JSON object:
 * {"verdicts":[{"verdict","name_zh","name_en"}×3 (pass, fail,
 *   incomplete)],
 *  "stages":[{"stage","name_zh","name_en"}×2 (primary, junior)],
 *  "indicators":[{"indicator","name_zh","name_en","short_zh",
 *                 "short_en"}×7]}
 * indicators in the order of a row's "coefficients" and "pass". */
jh_code jh_service_summary_labels(jh_buf *out);
/* The schools of county-year q->county, q->year by code, an array of
 * {"code","name","type","type_zh","type_en","location","location_zh",
 *  "location_en","parent_code","students":{"primary","junior","senior"},
 *  "stages":[{"stage","name_zh","name_en","status","status_zh",
 *             "status_en","students", and when status is "evaluated":
 *             "met","total","below_floor","passes",
 *             "lacks":[{"indicator","name_zh","name_en","unit_zh",
 *                       "unit_en","value","threshold","floor","pass",
 *                       "below_floor"}]}]}
 * (a stage's unit as the evaluation has it: a teaching point may be
 * merged or left out; lacks: the indicators under their thresholds). */
jh_code jh_service_schools(jh_store *s, const jh_query *q, jh_buf *out,
                           jh_diags *d);
/* One school-year: the fields of jh_service_schools' entries, and
 * "county_code","county_name","year",
 * "revision" (the store's revision it was read at: send it as the
 * base_revision of an edit, jh_store_set, which is refused when the
 * school-year changed after it), "passes" (null when no stage is
 * evaluated),
 * "fields":[{"key","name_zh","name_en","value","required"}] (every
 * template column, numbers as numbers, null when not given),
 * "extras":[{"name","value"}], "stages" as in jh_service_schools with
 * "share" and all seven "indicators" instead of "lacks", and
 * "rules":{"min_met","indicators","floor_ratio","text_zh","text_en"}.
 * std NULL: the national standard; lang is not used (both languages are
 * given).  JH_ERR_NOTFOUND (JH_P_NOT_FOUND "CODE/YEAR"). */
jh_code jh_service_school(jh_store *s, const char *school, int year,
                          const jh_standard *std, const char *lang, jh_buf *out,
                          jh_diags *d);

/* The revisions that changed something of the given counties (their
 * school-years and county-year records) or the areas themselves (codes
 * of counties, cities or provinces; NULL, 0: every revision), oldest
 * first, as jh_revisions_report's JSON: an array of
 * {"revision","at","who","why","kind","sources"}. */
jh_code jh_service_revisions(jh_store *s, const char *const *counties, size_t n,
                             jh_buf *out, jh_diags *d);

/* ------------------------------------------------------------------ */
/* Import files read from memory.                                       */
/* ------------------------------------------------------------------ */

/* The files of one import (or of `eval FILE...`): school-year, area,
 * county-year and survey tables, read from bytes the caller holds. */
typedef struct jh_import_set jh_import_set;
/* Rows without a year column take default_year (0: none); rows may carry
 * the years year_min..year_max (0, 0: the national standard's).  NULL on
 * oom; free with jh_import_set_free. */
jh_import_set *jh_import_set_new(int default_year, int year_min, int year_max);
void jh_import_set_free(jh_import_set *is);
/* The caller's standard, before any add: the years rows may have and
 * the degrees that count as 高于规定学历 when a row gives teachers by
 * degree (jh_dataset_set_standard); copied from, not kept. */
void jh_import_set_standard(jh_import_set *is, const jh_standard *std);
/* Extra columns allowed (jh_dataset_allow_extras); before any add. */
jh_code jh_import_set_allow_extras(jh_import_set *is, const char *names, int all);
/* County-year and survey tables are passed over unread (eval reads the
 * schools and areas only); before any add. */
void jh_import_set_skip_county_years(jh_import_set *is);
/* Add one file of len bytes named name (as messages show it): XLSX or
 * XLS by content or by name (every sheet that holds a template is read),
 * otherwise text — UTF-8, UTF-16 or GB18030, comma- or tab-separated.
 * Every problem goes to d with file, sheet, line and column; notices
 * (a total row skipped, ...) too, as notes.  JH_ERR_INPUT when the file
 * has a problem: the set then must not be stored (jh_import_set_store
 * refuses it); JH_ERR_NOMEM.  The SHA-256 of the bytes is kept for the
 * revision's sources; name is copied. */
jh_code jh_import_set_add(jh_import_set *is, const char *name,
                          const void *data, size_t len, jh_diags *d);
/* What was read (pointers into the set). */
const jh_dataset *jh_import_set_rows(const jh_import_set *is);
const jh_areas *jh_import_set_areas(const jh_import_set *is);
const jh_county_items *jh_import_set_items(const jh_import_set *is);
size_t jh_import_set_files(const jh_import_set *is);
const char *jh_import_set_file_name(const jh_import_set *is, size_t i);
const char *jh_import_set_file_sha256(const jh_import_set *is, size_t i);
/* Write it as one revision (kind "import", sources the files added, with
 * their SHA-256): jh_store_import_opts.  opts may be NULL.  JH_ERR_INPUT
 * (nothing written) when an add failed. */
jh_code jh_import_set_store(jh_store *s, const jh_import_set *is,
                            const jh_import_opts *opts, const char *who,
                            const char *why, jh_import_stats *st, jh_diags *d);
/* `junheng eval FILE...`: the set's rows evaluated (areas name the
 * counties), written to o as jh_service_eval_write does. */
jh_code jh_service_eval_import(const jh_import_set *is, const jh_query *q,
                               jh_format fmt, jh_out *o, jh_diags *d);
/* The import's summary as one JSON object:
 * {"revision","rows","added","changed","unchanged","deleted",
 *  "fields_changed","areas_changed","items_changed",
 *  "missing":[{"county_code","year","school_code","school_name"}…]}
 * (missing: the caller's jh_import_opts.missing, may be NULL). */
void jh_import_stats_json(const jh_import_stats *st, const jh_dataset *missing,
                          jh_buf *out);
/* Problems as a JSON array, one object each:
 * {"file","sheet","line","column","column_number","column_name",
 *  "message_zh","message_en","note"} — column the spreadsheet's letters
 * (3 → "C", 27 → "AA"), line the row number, null where not known; the
 * messages are the reason alone, in each language. */
void jh_diags_json(const jh_diags *d, jh_buf *out);

#ifdef __cplusplus
}
#endif
#endif /* JUNHENG_SERVICE_H */
