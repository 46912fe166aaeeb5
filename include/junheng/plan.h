/*
** junheng/plan.h — the planning layer of libjunheng (lib/plan): unit
** costs, each school's gaps in real units, and the cheapest county plan
** (a GLPK mixed-integer programme).  Uses the domain layer.
*/
#ifndef JUNHENG_PLAN_H
#define JUNHENG_PLAN_H

#include "junheng/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Gaps and plans: what it takes to pass, in real units, at least cost.  */
/* ------------------------------------------------------------------ */

/* Unit costs, from a costs file (data/costs/default.cost; format in
 * data/costs/README.md).  Yuan per unit. */
typedef struct jh_costs {
	double qualified_teacher;   /* per teacher above the qualification */
	double key_teacher;         /* per county-level key teacher */
	double pe_art_teacher;      /* per PE / art teacher */
	double teaching_m2;         /* per m² of teaching and auxiliary space */
	double sports_m2;           /* per m² of sports ground or hall */
	double equipment_yuan;      /* per yuan of equipment (1 by default) */
	double multimedia_room;     /* per networked multimedia room */
	double music_room;          /* per music room */
	double art_room;            /* per art room */
} jh_costs;

/* The built-in default costs (embedded data/costs/default.cost). */
jh_code jh_costs_default(jh_costs *out, jh_diags *diags);
/* Parse a costs file: `key = value` lines as in standards files; keys not
 * set keep the defaults.  Problems in diags (JH_ERR_STANDARD). */
jh_code jh_costs_parse(const char *text, size_t len, const char *file,
                       jh_costs *out, jh_diags *diags);

/* Additions to one school's template row: add[f] is what to add to
 * column f (0 = nothing).  Teachers and rooms are whole numbers; areas and
 * yuan are rounded up to whole m² and whole yuan. */
typedef struct jh_addition {
	const jh_school_year *school;   /* into the evaluated dataset */
	double add[JH_F__COUNT];
	double cost;
	/* jh_gaps_schools: 1 when no addition to the school's columns makes
	 * it pass; then nothing is added for the rule (add[] and cost are 0
	 * but for rooms joined in by jh_gaps_county), and stage and
	 * indicators say why: in that stage, the indicators (bit i for
	 * jh_indicator i) that no addition lifts to what the rule needs. */
	int unreachable;
	jh_stage stage;
	unsigned indicators;
} jh_addition;

/* For each school failing the per-school rule (6 of 7, none under 85%)
 * in any of its stages: the cheapest additions after which every stage
 * of it passes.  Exact: for each stage the one indicator allowed to stay
 * under its threshold is enumerated, shared resources of multi-stage
 * schools counted through the split.  A school that no addition makes
 * pass is listed too, marked unreachable with the reason (never left
 * out).  *out is a malloc'd array of *n additions (free()), in the
 * order of the result's units. */
jh_code jh_gaps_schools(const jh_result *r, const jh_costs *costs,
                        jh_addition **out, size_t *n, jh_diags *diags);

/* For each school short of music or art rooms (government guarantee item
 * 3: one of each per 12 classes, at least one; music ≥ 96 m², art ≥ 90
 * m²): the rooms to add, and the m² by which to enlarge its smallest room
 * when that is under the minimum (priced at teaching_m2).  Schools
 * without the columns are skipped.  *out malloc'd (free()). */
jh_code jh_gaps_rooms(const jh_result *r, size_t county, const jh_costs *costs,
                      jh_addition **out, size_t *n, jh_diags *diags);

/* What no addition of resources fixes: a class or a school too large
 * (government guarantee items 4 and 5).  Splitting classes, moving pupils
 * or building a school is a decision of another kind, so these are
 * listed beside the plan, never priced in it. */
typedef enum jh_beyond_kind {
	JH_BEYOND_CLASS_SIZE = 0,   /* the largest class of a stage */
	JH_BEYOND_SCHOOL_SIZE,      /* pupils of the compulsory stages */
	JH_BEYOND_CLASSES_OVER      /* a stage's classes over the maximum,
	                               from the size bands (issue 14) */
} jh_beyond_kind;

typedef struct jh_beyond {
	const jh_school_year *school;   /* into the evaluated dataset */
	jh_beyond_kind kind;
	jh_stage stage;                 /* class size: the stage */
	double value;                   /* pupils: the class, or the school;
	                                   classes over: how many classes
	                                   (NaN when the maximum is not a
	                                   band's: the bands cannot tell) */
	double limit;                   /* the standard's maximum */
	/* JH_BEYOND_CLASSES_OVER: of those, the classes of 56 pupils and
	 * more (大班额) and of 66 and more (超大班额) that plans target
	 * (jh_school_classes_over); 0 for the other kinds. */
	double large, huge;
} jh_beyond;

/* Every school of county-year r->counties[county] over a class-size or
 * school-size maximum of the standard (as `junheng verdict` judges items
 * 4 and 5), in the order of the result's units, class sizes of a school
 * before its size.  A stage that gives its classes in size bands has one
 * JH_BEYOND_CLASSES_OVER entry when some class is over the maximum or
 * holds 56 pupils or more, after its largest class's entry if any.
 * *out malloc'd (free()), NULL when none. */
jh_code jh_gaps_beyond(const jh_result *r, size_t county, jh_beyond **out,
                       size_t *n);

/* Why a plan is what it is. */
typedef enum jh_plan_status {
	JH_PLAN_FOUND = 0,      /* a passing plan: cost, lower_bound, gap */
	JH_PLAN_INFEASIBLE,     /* none exists: a school no addition makes
	                           pass (jh_plan.unreachable), or limits no
	                           additions meet (proven by the solver) */
	JH_PLAN_TIME_LIMIT,     /* the time budget ran out first */
	JH_PLAN_SOLVER_FAILED   /* GLPK failed: an internal error (caught,
	                           never an abort) or no usable answer */
} jh_plan_status;

/* "found", "infeasible", "time_limit", "solver_failed". */
const char *jh_plan_status_key(jh_plan_status s);

typedef struct jh_plan {
	char county_code[8];
	int year;
	jh_plan_status status;
	int solved;          /* status == JH_PLAN_FOUND; when 0, cost and gap
	                        are NaN, lower_bound still holds and a coded
	                        diagnostic says why */
	double cost;         /* of the plan found (an upper bound) */
	double lower_bound;  /* proven: no plan costs less */
	double gap;          /* (cost - lower_bound) / cost, 0 when cost = 0 */
	int iterations;      /* root LP rounds plus MILPs solved */
	jh_addition *add;    /* schools with additions, code order */
	size_t nadd;
	const jh_school_year *unreachable;  /* JH_PLAN_INFEASIBLE because of
	                                       this school, or NULL */
	/* What the plan covers besides the resource part, so that it covers
	 * everything the per-school list (jh_gaps_county) does: the music
	 * and art rooms of jh_gaps_rooms, fixed additions joined into add[]
	 * and counted in cost and lower_bound (no choice in them: every one
	 * is needed whatever else is added); with no plan for want of time
	 * or of the solver, in lower_bound only. */
	double rooms_cost;
	/* What no addition fixes (jh_gaps_beyond), listed whatever the
	 * status: malloc'd, freed by jh_plan_free. */
	jh_beyond *beyond;
	size_t nbeyond;
	jh_costs costs;      /* the unit prices used, for the report */
	char *county_name;   /* from the result's areas (jh_result_set_areas),
	                        NULL when not known; freed by jh_plan_free */
} jh_plan;

typedef struct jh_plan_options {
	double time_limit;   /* seconds for the whole plan; 0 = 10 */
	double rel_gap;      /* stop when the gap is below this; 0 = 1e-4 */
} jh_plan_options;

/* The cheapest set of additions to named schools of county-year
 * result->counties[county] after which every school passes the
 * per-school rule and every coefficient is within its limit, with the
 * music and art rooms every school lacks added (rooms_cost), and what no
 * addition fixes listed (beyond).  A mixed-
 * integer programme (GLPK) with outer-approximation cuts for the
 * second-order-cone coefficient limits; see plan.c.  JH_OK whenever the
 * question was answered, plan or no plan: out->status says which, and
 * when there is none a coded problem in diags says why
 * (JH_P_PLAN_SCHOOL_UNREACHABLE, JH_P_PLAN_INFEASIBLE,
 * JH_P_PLAN_TIME_LIMIT, JH_P_PLAN_SOLVER_FAILED).  Errors: JH_ERR_ARG,
 * JH_ERR_NOMEM.  Free with jh_plan_free.
 *
 * GLPK never aborts the process: its error hook is set while solving and
 * an internal error ends the plan as JH_PLAN_SOLVER_FAILED.  GLPK then
 * requires its environment of this thread to be freed (glp_free_env),
 * which frees every GLPK object of the thread — the caller's own, if any.
 * GLPK's terminal hook and error hook are left unset on return. */
jh_code jh_plan_county(const jh_result *r, size_t county,
                       const jh_costs *costs, const jh_plan_options *opt,
                       jh_plan *out, jh_diags *diags);
void jh_plan_free(jh_plan *p);
/* GLPK keeps an environment per thread (its memory, thread-local), made
 * by the first plan of the thread and never freed by the plan: a thread
 * that plans and then ends leaks it.  This frees the calling thread's
 * (glp_free_env): call it when the thread makes no more plans (a
 * server's worker after each plan, or before it ends), never while a
 * GLPK object of the thread is in use. */
void jh_plan_thread_done(void);

/* What `junheng gaps` shows of county-year r->counties[county]: each
 * failing school of it with its own gap (jh_gaps_schools, unreachable
 * schools included) and the music and art rooms it lacks (jh_gaps_rooms)
 * joined in, rooms-only schools after.  *out malloc'd (free()). */
jh_code jh_gaps_county(const jh_result *r, size_t county,
                       const jh_costs *costs, jh_addition **out, size_t *n,
                       jh_diags *diags);

/* Render a county's gaps (jh_gaps_county) and its plan (jh_plan_county;
 * county and year are taken from it) into out (appended): text for
 * people in lang "zh" or "en", JSON or CSV for programs; the formats are
 * described in lib/plan/gaps_report.c. */
jh_code jh_gaps_report(const jh_plan *plan, const jh_addition *gaps,
                       size_t ngaps, jh_format fmt, const char *lang,
                       jh_buf *out);

/* Apply additions to a copy of the dataset (rows not named are copied
 * unchanged).  *out owned by the caller. */
jh_code jh_dataset_apply(const jh_dataset *ds, const jh_addition *add,
                         size_t n, jh_dataset **out);

#ifdef __cplusplus
}
#endif
#endif /* JUNHENG_PLAN_H */
