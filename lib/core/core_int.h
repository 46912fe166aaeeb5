/*
** core_int.h — the domain layer's internal interface (lib/core).
*/
#ifndef JH_CORE_INT_H
#define JH_CORE_INT_H

#include "junheng/core.h"
#include "io/io_int.h"

/* The definitions behind the public opaque handles; only the library
 * (and its unit tests) see inside. */
struct jh_dataset {
	jh_school_year *rows;
	size_t nrows, caprows;
	/* Names of extra (non-template) columns, in order first seen. */
	const char **extra_names;  /* into the arena */
	size_t nextra_names, capextra_names;
	jh_extra *extras;
	size_t nextras, capextras;
	struct jh_arena *arena;    /* owns every string above */
	struct jhIndex *index;     /* (school code, year) -> row */
	/* Set by the caller before loading tables: the year of rows in a
	 * table without a year column; rows of a table with one must all be
	 * of this year.  0 = none. */
	int default_year;
	/* Set by the caller before loading tables, from its standard
	 * (jh_standard.year_min, year_max): the years a row may have.
	 * 0 = the built-in national standard's. */
	int year_min, year_max;
	/* The lowest degree counted as 高于规定学历 per stage (JH_DEGREE_*),
	 * from the caller's standard; 0 = the national standard's. */
	int qualified_degree[JH_STAGE__COUNT];
	/* Extra columns declared by the caller (jh_dataset_allow_extras):
	 * a comma-separated list into the arena, or all of them. */
	const char *extras_declared;
	int extras_all;
};

struct jh_areas {
	jh_area *items;
	size_t count, cap;
	struct jh_arena *arena;    /* owns the strings */
};

struct jh_county_items {
	jh_county_item *items;
	size_t count, cap;
	struct jh_arena *arena;    /* owns the strings */
	struct jhIndex *index;     /* (county, year, item) -> record */
	/* Set by the caller before loading tables, from its standard: the
	 * years a row may have; 0 = the built-in national standard's. */
	int year_min, year_max;
};

/* meta.c: the school-year template (loaded by dataset.c).  Its columns
 * are the identity columns below, then field f at JH_SY_IDCOLS + f. */
enum jhSyCol { JH_SY_SCHOOL_CODE, JH_SY_SCHOOL_NAME, JH_SY_COUNTY_CODE,
               JH_SY_YEAR, JH_SY_SCHOOL_TYPE, JH_SY_PARENT_CODE,
               JH_SY_LOCATION, JH_SY_BOARDING,      /* optional */
               JH_SY_IDCOLS };
extern const jhTemplate jhSchoolYear;

/* derive.c: the ready-made fields from the raw figures a school reports
 * (teachers by degree, PE/music/art teachers, areas with indoor sports
 * rooms, classes in size bands).  Called by jh_dataset_add_table. */
/* Add to *excused the ready-made columns that a table with header row hdr
 * need not name because it names the raw columns they are derived from. */
void jhDeriveExcused(const jh_table *t, size_t hdr, jhColSet *excused);
/* Derive row r's (sy's) ready-made fields from its raw figures, after
 * every cell is read (ok[f]: field f's cell held a valid value; bit f of
 * cleared: it said 清空; stages: the JH_HAS_* the school's type offers,
 * ~0u when the type does not read); check raw against ready-made values
 * given beside them and raw figures against their wholes.  Problems go
 * to diags naming the row and column; returns how many were recorded. */
size_t jhDeriveRow(const jh_dataset *ds, const jh_table *t, const jhHeader *h,
                   size_t r, jh_school_year *sy, const int *ok,
                   const uint64_t cleared[2], unsigned stages, jh_diags *diags);
/* 1 when the table names ready-made field f's column and every raw cell
 * of its group in row r is blank: a blank cell there is then the
 * loader's to report, as without raw columns. */
int jhDeriveRawBlank(const jh_table *t, const jhHeader *h, size_t r, jh_field f);
/* Re-check a row merged over a stored one (lib/store: absent is not
 * empty, so its raw figures and its ready-made values may come from
 * different imports): each ready-made value whose raw group is complete
 * must equal the derived one, with ds's degree rule.  Problems
 * (JH_P_DERIVED_DISAGREES) go to diags at sy's file and line; returns how
 * many. */
size_t jhDeriveCheck(const jh_dataset *ds, const jh_school_year *sy,
                     jh_diags *diags);
/* The ready-made fields raw field f gives whose whole raw group a header
 * naming the template columns `named` names (at most two: the indoor
 * sports rooms give both areas), into out; returns how many. */
int jhDeriveFrom(jh_field f, const jhColSet *named, jh_field out[2]);
/* A county code: 6 digits (GB/T 2260). */
int jhCountyCodeOk(const char *s);

/* years.c: the years a loader accepts.  set_min and set_max are the
 * caller's (from its standard, jh_standard.year_min/max); 0 means unset,
 * and the built-in national standard's data.year_min / data.year_max
 * apply. */
void jhYearRange(int set_min, int set_max, int *min, int *max);

/* Stages a school type offers: bit 0 primary, 1 junior, 2 senior. */
unsigned jhTypeStages(jh_school_type t);
#define JH_HAS_PRIMARY 1u
#define JH_HAS_JUNIOR  2u
#define JH_HAS_SENIOR  4u

/* eval.c: the per-stage arithmetic, one copy for the evaluation and the
 * planner (lib/plan), so that what passes in one passes in the other.
 * i is a jh_indicator. */
jh_field jhIndicatorField(int i, jh_stage st);   /* the column feeding it */
int jhIndicatorIsTeacher(int i);                 /* its column is teachers */
int jhIndicatorPer100(int i);                    /* per 100 pupils */
/* The part of each indicator's column that reaches stage st of school sy
 * into coef[]: 1 for teachers, the split weights' share for a weighted
 * shared resource, the head-count share for one a local standard does not
 * weight.  Returns the weighted share (jh_unit.share). */
double jhStageShares(const jh_school_year *sy, jh_stage st,
                     const jh_standard *std, double coef[JH_IND__COUNT]);
/* Indicator i from its numerator and the unit's pupils (0 without). */
double jhIndicatorValue(int i, double resource, double students);
/* The 85% floor of indicator i of stage st. */
double jhIndicatorFloor(const jh_standard *std, jh_stage st, int i);
/* The per-school rule (6 of 7 met, none under its floor): 1 when the
 * values pass; *met and *below (either may be NULL) get the counts. */
int jhUnitRule(const jh_standard *std, jh_stage st,
               const double value[JH_IND__COUNT], int *met, int *below);

/* report.c: a unit's status as a key ("evaluated", "merged_into_central_school")
 * and as people read it in lang. */
const char *jhUnitStatusKey(jh_unit_status s);
const char *jhUnitStatusName(jh_unit_status s, const char *lang);
/* report.c: one JH_RELAX_* bit as a key ("small_rural_teachers", as the
 * standards file's relax.KEY) and as people read it in lang. */
const char *jhRelaxKey(unsigned bit);
const char *jhRelaxName(unsigned bit, const char *lang);

/* verdict_report.c: a verdict part's name ("resource" → 资源配置 /
 * Resource allocation; the key itself when unknown) and an item status's
 * (达标, 不达标, 缺少数据 / pass, fail, missing), as the verdict's text and
 * CSV show them. */
const char *jhVerdictPartName(const char *part, const char *lang);
const char *jhItemStatusName(jh_item_status s, const char *lang);

/* county_items.c: forget records from n on (all-or-nothing loaders). */
jh_code jhCountyItemsTruncate(jh_county_items *c, size_t n);

/* items.c: county-year item keys and value readers, shared by the
 * importer (county_items.c, survey.c) and the verdict. */
enum jhValueKind { V_YESNO, V_RATE, V_NUMBER, V_GRADE, V_LEVEL, V_COUNT, V_YEAR };

struct jhItemKey {
	const char *key;
	enum jhValueKind kind;
	const char *zh, *en;
};

extern const struct jhItemKey jhItemKeys[];   /* NULL-terminated */
/* The county's basic facts for the application form's 表Ⅰ (basic_*):
 * optional, never judged; jhItemKeyFind finds them too. */
extern const struct jhItemKey jhFactKeys[];   /* NULL-terminated */
/* The counts behind judged ratios (items.c; issue 14): optional, the
 * verdict computes the ratios from them; jhItemKeyFind finds them too. */
extern const struct jhItemKey jhCountKeys[];  /* NULL-terminated */

/* A ratio the standard judges and the county-year records it follows
 * from (county_items.c): numerator ÷ denominator, each a sum of terms,
 * "key" added and "-key" subtracted (retention: graduates − transferred
 * in + transferred out over entrants − deaths). */
#define JH_RATIO_TERMS 4
struct jhRatio {
	const char *record;     /* the ratio record (jhItemKeys) */
	int rate;               /* 1: a rate in [0, 1]; 0: a number (yuan, times) */
	const char *num[JH_RATIO_TERMS];   /* NULL-ended */
	const char *den[JH_RATIO_TERMS];
};
extern const struct jhRatio jhRatios[];       /* record NULL ends it */
const struct jhRatio *jhRatioFind(const char *record);
enum jhRatioState {
	JH_RATIO_NONE,          /* no term given */
	JH_RATIO_PARTIAL,       /* some terms given, not all */
	JH_RATIO_ZERO,          /* the denominator is 0 (or less) */
	JH_RATIO_OVER,          /* a rate over 1: a part over its whole */
	JH_RATIO_OK
};
/* The ratio of county-year (county, year) from its records: *num, *den
 * and *value set when JH_RATIO_OK (num and den also for ZERO and OVER). */
enum jhRatioState jhRatioCompute(const jh_county_items *c, const char *county,
                                 int year, const struct jhRatio *r, double *num,
                                 double *den, double *value);
/* 1 when a ratio written as `written` (12.5%, 0.125, 6000) is `computed`
 * to the precision it is written in: within half a unit of its last
 * digit (rates counted in percent: "0.95" and "95%" are both whole
 * percents). */
int jhRatioAgrees(const char *written, int rate, double computed);
#define JH_SUBJECTS 6
extern const char *const jhSubjects[JH_SUBJECTS][3];  /* key, zh, en */
#define JH_GROUPS 6
extern const char *const jhGroups[JH_GROUPS][4];      /* key, zh, en, alias */

const struct jhItemKey *jhItemKeyFind(const char *key);
/* What is wrong with a county-year record (JH_P__COUNT: nothing); *arg is
 * the text the message quotes.  A year value must be in [year_min,
 * year_max] (jhYearRange). */
jh_problem jhItemProblem(const char *key, const char *value, int year_min,
                         int year_max, const char **arg);
int jhValueYesno(const char *s);                 /* 1, 0, -1 unreadable */
int jhValueNumber(const char *s, int rate, double *out);  /* 0 ok */
int jhValueGrade(const char *s);                 /* 1..4 (优秀 4), -1 */
int jhValueLevel(const char *s);                 /* 1..4 (Ⅳ 4), -1 */

/* standard.c: the keys of a standards file.  How a local file may change
 * each key (see standard.c and data/standards/README.md): */
enum jhStdRule {
	JH_RULE_DEFINITIONAL = 0,   /* refused unless equal to the base's */
	JH_RULE_MIN_RISES,          /* a minimum: may only rise */
	JH_RULE_MAX_FALLS,          /* a maximum: may only fall */
	JH_RULE_STRICTER_CHOICE,    /* a choice: only the strictest may replace it */
	JH_RULE_IDENTITY,           /* the file's own name: free */
	JH_RULE_RELAXATION          /* a provincial relaxation's switch: a local
	                               file may turn it on or off (standard.c) */
};
enum jhStdKind { K_STR, K_NUM, K_INT, K_GRADE, K_POLICY, K_SPLIT, K_RULE,
                 K_SWITCH,  /* on / off: an int 1 / 0 */
                 K_DEGREE   /* 专科 associate … 博士 doctor: JH_DEGREE_* */ };

struct jhStdKey {
	const char *name;
	enum jhStdKind kind;
	enum jhStdRule rule;
	size_t off;     /* offset of the field in jh_standard */
	size_t cap;     /* for strings */
	double min, max;
};

/* Every key (*n of them), in file order; NULL when name is unknown. */
const struct jhStdKey *jhStandardKeys(size_t *n);
const struct jhStdKey *jhStandardKey(const char *name);
/* The value of a numeric key (numbers, whole numbers, grades 1..4);
 * -1 when the key is unknown or not numeric. */
int jhStandardNumber(const jh_standard *st, const char *name, double *out);
/* relax.c: the rural-small-school room figure that applies to sy (its
 * junior figure when it teaches junior pupils). */
double jhSmallRoomsM2(const jh_standard *std, const jh_school_year *sy);


#endif
