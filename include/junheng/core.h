/*
** junheng/core.h — the domain layer of libjunheng (lib/core): the
** school-year template and the other templates offices file, standards as
** data, the resource evaluation, the four-part verdict, what-if changes,
** the template written back, and every rendering of them (text, JSON,
** CSV).  Uses the utility and input layers; used by plan and store.
*/
#ifndef JUNHENG_CORE_H
#define JUNHENG_CORE_H

#include "junheng/io.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* The school-year template.                                            */
/* ------------------------------------------------------------------ */

typedef enum jh_school_type {
	JH_TYPE_PRIMARY = 0,      /* 小学 */
	JH_TYPE_JUNIOR,           /* 初级中学 */
	JH_TYPE_NINE_YEAR,        /* 九年一贯制学校 */
	JH_TYPE_TWELVE_YEAR,      /* 十二年一贯制学校 */
	JH_TYPE_COMPLETE_MIDDLE,  /* 完全中学 */
	JH_TYPE_TEACHING_POINT,   /* 教学点 */
	JH_TYPE__COUNT
} jh_school_type;

const char *jh_school_type_key(jh_school_type t);            /* "primary" */
const char *jh_school_type_name(jh_school_type t, const char *lang);
/* Parse an English key or a Chinese name; -1 when unknown. */
int jh_school_type_parse(const char *s);

/* Stages of compulsory education evaluated by the standard. */
typedef enum jh_stage {
	JH_STAGE_PRIMARY = 0,
	JH_STAGE_JUNIOR = 1,
	JH_STAGE__COUNT = 2
} jh_stage;

const char *jh_stage_key(jh_stage s);                        /* "primary" */
const char *jh_stage_name(jh_stage s, const char *lang);     /* 小学 */

/* Numeric template columns, in template order. */
typedef enum jh_field {
	JH_F_STUDENTS_PRIMARY = 0,
	JH_F_STUDENTS_JUNIOR,
	JH_F_STUDENTS_SENIOR,
	JH_F_QUALIFIED_PRIMARY,
	JH_F_QUALIFIED_JUNIOR,
	JH_F_KEY_PRIMARY,
	JH_F_KEY_JUNIOR,
	JH_F_PE_ART_PRIMARY,
	JH_F_PE_ART_JUNIOR,
	JH_F_TEACHERS_PRIMARY,
	JH_F_TEACHERS_JUNIOR,
	JH_F_TEACHING_AREA,
	JH_F_SPORTS_AREA,
	JH_F_EQUIPMENT_VALUE,
	JH_F_MULTIMEDIA_ROOMS,
	/* Optional columns from here on: NaN when absent or empty. */
	JH_F_CLASSES_PRIMARY,     /* 小学班级数 */
	JH_F_CLASSES_JUNIOR,      /* 初中班级数 */
	JH_F_LARGEST_CLASS_PRIMARY, /* 小学最大班额 */
	JH_F_LARGEST_CLASS_JUNIOR,  /* 初中最大班额 */
	JH_F_MUSIC_ROOMS,         /* 音乐专用教室数 */
	JH_F_MUSIC_ROOM_MIN_AREA, /* 最小音乐专用教室面积 m² */
	JH_F_ART_ROOMS,           /* 美术专用教室数 */
	JH_F_ART_ROOM_MIN_AREA,   /* 最小美术专用教室面积 m² */
	JH_F_CERTIFIED_TEACHERS,  /* 持有教师资格证的专任教师数 */
	JH_F_PUBLIC_FUNDS,        /* 年度公用经费预算总额 元 */
	JH_F_TRAINING_FUNDS,      /* 教师培训经费 元 */
	/* For the application form (申报表 表Ⅱ-2), never for the evaluation: */
	JH_F_ORGANISER,           /* 举办者类型: the national code 1–10
	                             (jh_organiser_name) */
	JH_F_GRADES,              /* 年级数 */
	/* Raw figures as schools report them (reference §1 definitions,
	 * §4 notes, §9; issue 14).  Each is optional; when a row gives the
	 * raw figures of an indicator's numerator, the ready-made field is
	 * derived from them (lib/core/derive.c) and, when also given, must
	 * agree.  Pairs are primary then junior (jh_field_stage_pair). */
	JH_F_TEACHERS_ASSOCIATE_PRIMARY, /* 专科学历专任教师数 */
	JH_F_TEACHERS_ASSOCIATE_JUNIOR,
	JH_F_TEACHERS_BACHELOR_PRIMARY,  /* 本科学历 */
	JH_F_TEACHERS_BACHELOR_JUNIOR,
	JH_F_TEACHERS_MASTER_PRIMARY,    /* 硕士研究生学历 */
	JH_F_TEACHERS_MASTER_JUNIOR,
	JH_F_TEACHERS_DOCTOR_PRIMARY,    /* 博士研究生学历 */
	JH_F_TEACHERS_DOCTOR_JUNIOR,
	JH_F_PE_TEACHERS_PRIMARY,        /* 体育专任教师数 */
	JH_F_PE_TEACHERS_JUNIOR,
	JH_F_MUSIC_TEACHERS_PRIMARY,     /* 音乐专任教师数 */
	JH_F_MUSIC_TEACHERS_JUNIOR,
	JH_F_FINE_ART_TEACHERS_PRIMARY,  /* 美术专任教师数 */
	JH_F_FINE_ART_TEACHERS_JUNIOR,
	JH_F_OTHER_ART_TEACHERS_PRIMARY, /* 其他艺术专任教师数 */
	JH_F_OTHER_ART_TEACHERS_JUNIOR,
	JH_F_ROTATING_PE_ART_PRIMARY,    /* 交流轮岗、兼职、走教体育艺术教师数 */
	JH_F_ROTATING_PE_ART_JUNIOR,
	JH_F_CATCHMENT_PRIMARY,          /* 划片范围内在校生数 */
	JH_F_CATCHMENT_JUNIOR,
	/* Classes in the national size bands (≤25, 26–30 … 61–65, ≥66):
	 * JH_F_BANDS_PRIMARY + b and JH_F_BANDS_JUNIOR + b for band b
	 * (jh_band_min, jh_band_max). */
	JH_F_BANDS_PRIMARY,
	JH_F_BANDS_JUNIOR = JH_F_BANDS_PRIMARY + 10,
	JH_F_TEACHING_AUX_TOTAL = JH_F_BANDS_JUNIOR + 10,
	                                 /* 教学及辅助用房总面积, 含室内体育用房 */
	JH_F_INDOOR_SPORTS_AREA,         /* 室内体育用房面积 */
	JH_F_OUTDOOR_SPORTS_AREA,        /* 室外体育运动场地面积 */
	JH_F_ROOFTOP_SPORTS_AREA,        /* 屋顶、地下体育运动场地面积 */
	JH_F_LEASED_SPORTS_AREA,         /* 步行10分钟内租借的校外体育场馆面积 */
	JH_F_BUILD_YEAR,                 /* 建校年份 */
	JH_F_MIGRANT_STUDENTS,           /* 随迁子女在校生数 */
	JH_F_TEACHERS_360H,              /* 5年内完成360学时培训的专任教师数 */
	/* Yes/no conditions (1 是, 0 否, NaN not given): */
	JH_F_RURAL_SMALL,                /* 是否乡村小规模学校 */
	JH_F_SMALL_CLASSES,              /* 最大班额是否不足30人 */
	JH_F_DENSE_CENTRAL,              /* 是否中心城区人口密集学校 */
	JH_F__COUNT
} jh_field;

/* The class-size bands of the national statistics (reference §4 item 5,
 * §10): band b holds classes of jh_band_min(b) .. jh_band_max(b) pupils;
 * the last band's maximum is 0 (no upper bound). */
#define JH_BANDS 10
int jh_band_min(int b);   /* 0, 26, 31 … 66 */
int jh_band_max(int b);   /* 25, 30, 35 … 65, 0 */
/* 1 for a yes/no field (JH_F_RURAL_SMALL…): 1 是, 0 否. */
int jh_field_is_yesno(jh_field f);
/* 0 for a field a merger of two schools may not add up (the smallest
 * room's area, the largest class, the organiser, the build year, the
 * yes/no conditions); 1 for the rest. */
int jh_field_is_additive(jh_field f);

#define JH_F__REQUIRED JH_F_CLASSES_PRIMARY  /* fields before it are required */

const char *jh_field_key(jh_field f);                 /* "students_primary" */
const char *jh_field_name(jh_field f, const char *lang); /* 小学在校生数 */
int jh_field_is_count(jh_field f);   /* whole numbers only */
int jh_field_is_required(jh_field f);
/* Parse an English key or Chinese name; -1 when unknown. */
int jh_field_parse(const char *s);

typedef enum jh_location {
	JH_LOC_UNKNOWN = 0,
	JH_LOC_URBAN,             /* 城区 */
	JH_LOC_TOWN,              /* 镇区 */
	JH_LOC_RURAL              /* 乡村 */
} jh_location;

const char *jh_location_key(jh_location l);   /* "urban", "" when unknown */
/* 城区/镇区/乡村 (zh), urban/town/rural (en); "" when unknown. */
const char *jh_location_name(jh_location l, const char *lang);
int jh_location_parse(const char *s);         /* -1 when unknown text */

/* 举办者类型, the organiser of a school, by the national statistics'
 * code (reference §10): 1 中央教育部门, 2 中央其他部门, 3 省级教育部门,
 * 4 省级其他部门, 5 地级教育部门, 6 地级其他部门, 7 县级教育部门,
 * 8 县级其他部门, 9 地方企业, 10 民办.  "" for another code. */
#define JH_ORGANISER_MAX 10
const char *jh_organiser_name(int code, const char *lang);
/* A code's name in either language (县级教育部门, "7 县级教育部门",
 * "county education department"); 0 when unknown. */
int jh_organiser_parse(const char *s);

/* One school in one year: a row of the template. */
typedef struct jh_school_year {
	char school_code[24];
	char county_code[8];
	char parent_code[24];     /* central school of a teaching point, or "" */
	int year;
	jh_school_type type;
	jh_location location;     /* optional column `location` 城乡类型 */
	signed char boarding;     /* optional `boarding` 寄宿制: 1, 0, -1 unknown */
	/* Values this row does not give: bit f for field f, and the
	 * JH_NG_* bits below (jh_sy_not_given, jh_sy_set_not_given); set
	 * when the column is absent from the row's table or its cell is
	 * blank.  A store keeps what it holds for them (absent is not
	 * empty); a stored value is cleared only by the cell 清空 (or
	 * <clear>) or by `set FIELD=`.  All zero = every value given. */
	uint64_t not_given[2];
	const char *school_name;  /* into the dataset's arena */
	double v[JH_F__COUNT];    /* the numeric columns */
	/* Where it came from, for messages. */
	const char *file;         /* into the dataset's arena */
	const char *sheet;        /* XLSX sheet, or NULL */
	long line;
	short col_code, col_county, col_type;  /* 1-based columns, 0 unknown */
	/* Extra (non-template) columns are kept: this row's are
	 * dataset->extras[extra_first .. extra_first + extra_count). */
	size_t extra_first, extra_count;
} jh_school_year;

/* Bits of not_given past the fields. */
#define JH_NG_PARENT   (JH_F__COUNT + 0)   /* parent_code */
#define JH_NG_LOCATION (JH_F__COUNT + 1)   /* location */
#define JH_NG_BOARDING (JH_F__COUNT + 2)   /* boarding */
#define JH_NG__COUNT   (JH_F__COUNT + 3)

/* 1 when the row does not give bit (a jh_field or JH_NG_*). */
static inline int jh_sy_not_given(const jh_school_year *sy, int bit)
{
	return (int)(sy->not_given[bit >> 6] >> (bit & 63) & 1);
}
static inline void jh_sy_set_not_given(jh_school_year *sy, int bit)
{
	sy->not_given[bit >> 6] |= (uint64_t)1 << (bit & 63);
}
/* 1 when the row gives every value. */
static inline int jh_sy_all_given(const jh_school_year *sy)
{
	return !sy->not_given[0] && !sy->not_given[1];
}

/* The classes of stage st of school sy with more than n pupils, from the
 * size bands (lib/core/derive.c): n must be a band's maximum (25, 30 …
 * 65; 45 and 50 are the standard's class maxima, 55 gives the 大班额 of
 * 56 and more, 65 the 超大班额 of 66 and more).  NaN when the row gives
 * no bands for the stage or n is not a band's maximum: the bands give a
 * range, so no other count is known. */
double jh_school_classes_over(const jh_school_year *sy, jh_stage st, int n);
#define JH_LARGE_CLASS_OVER 55   /* 大班额: 56 pupils and more */
#define JH_HUGE_CLASS_OVER  65   /* 超大班额: 66 and more */

/* The cell text that clears a stored value on import ("清空"; "<clear>"
 * is read the same); an extra column's cleared value is kept in the
 * dataset as "" so that a store can drop it. */
#define JH_CLEAR_MARK "清空"
/* 1 when cell s (trimmed) is 清空 or <clear>. */
int jh_cell_clears(const char *s);

typedef struct jh_extra {
	size_t name;              /* index into dataset->extra_names */
	const char *value;        /* into the dataset's arena */
} jh_extra;

typedef struct jh_dataset jh_dataset;

jh_dataset *jh_dataset_new(void);
void jh_dataset_free(jh_dataset *ds);
/* Rows in the order added; jh_dataset_row(ds, i) for i < count points
 * into ds (valid until ds changes). */
size_t jh_dataset_count(const jh_dataset *ds);
const jh_school_year *jh_dataset_row(const jh_dataset *ds, size_t i);
/* The year of rows in a table without a year column, set before loading
 * tables; rows of a table with one must all be of this year.  0 = none. */
void jh_dataset_set_default_year(jh_dataset *ds, int year);
int jh_dataset_default_year(const jh_dataset *ds);
/* The years a row may have, set before loading tables from the caller's
 * standard (jh_standard.year_min, year_max); 0, 0 (the default) = the
 * built-in national standard's.  jh_dataset_years gives what is set. */
void jh_dataset_set_years(jh_dataset *ds, int year_min, int year_max);
/* Everything a loader takes from the caller's standard, set before
 * loading tables: the years (as jh_dataset_set_years) and the degrees
 * that count as 高于规定学历 when a row gives teachers by degree
 * (jh_standard.qualified_degree).  std is copied from, not kept. */
struct jh_standard;
void jh_dataset_set_standard(jh_dataset *ds, const struct jh_standard *std);
void jh_dataset_years(const jh_dataset *ds, int *year_min, int *year_max);
/* Append the rows of a template table (from CSV or XLSX).  The header row
 * is the first row that names at least half of the required columns, so
 * title rows above it are skipped.  Every problem is recorded in diags;
 * on any problem nothing is added and JH_ERR_INPUT is returned.
 * Duplicates against rows already in the dataset are problems too. */
jh_code jh_dataset_add_table(jh_dataset *ds, const jh_table *t,
                             jh_diags *diags);
/* Append one record (copied; strings interned).  No validation. */
jh_code jh_dataset_add(jh_dataset *ds, const jh_school_year *sy);
/* Give the last row added an extra column value (copied).  Extras of a
 * row are contiguous, so only the last row can take more. */
jh_code jh_dataset_add_extra(jh_dataset *ds, jh_school_year *row,
                             const char *name, const char *value);
/* Columns that are not template columns but look like one (a typo, a
 * synonym: 小学最大班级人数 for 小学最大班额) are refused with the
 * suggestion unless declared: names, a comma-separated list of extra
 * column names (NULL: none), or all = 1 to allow every extra column.  Set
 * before loading tables; the strings are copied. */
jh_code jh_dataset_allow_extras(jh_dataset *ds, const char *names, int all);
/* Row of a school in a year, or NULL. */
const jh_school_year *jh_dataset_find(const jh_dataset *ds,
                                      const char *school_code, int year);

/* ------------------------------------------------------------------ */
/* Standards: thresholds and limits as data.                            */
/* ------------------------------------------------------------------ */

typedef enum jh_indicator {
	JH_IND_QUALIFIED = 0,   /* 每百名学生拥有高于规定学历教师数 */
	JH_IND_KEY,             /* 每百名学生拥有县级及以上骨干教师数 */
	JH_IND_PE_ART,          /* 每百名学生拥有体育、艺术(美术、音乐)专任教师数 */
	JH_IND_TEACHING_AREA,   /* 生均教学及辅助用房面积 */
	JH_IND_SPORTS_AREA,     /* 生均体育运动场馆面积 */
	JH_IND_EQUIPMENT,       /* 生均教学仪器设备值 */
	JH_IND_MULTIMEDIA,      /* 每百名学生拥有网络多媒体教室数 */
	JH_IND__COUNT
} jh_indicator;

const char *jh_indicator_key(jh_indicator i);  /* "qualified_teachers_per100" */
const char *jh_indicator_name(jh_indicator i, const char *lang);
const char *jh_indicator_short(jh_indicator i, const char *lang); /* table heads */
const char *jh_indicator_unit(jh_indicator i, const char *lang);
int jh_indicator_parse(const char *key);       /* -1 when unknown */

typedef enum jh_tp_policy {
	JH_TP_OWN_UNIT = 0,  /* ≥ min students: a primary unit; fewer: left out */
	JH_TP_MERGE,         /* merged into the central school's primary unit */
	JH_TP_EXCLUDE        /* all teaching points left out */
} jh_tp_policy;

typedef struct jh_standard {
	char id[64];
	char name_zh[128];
	char name_en[128];
	char base[64];                                 /* "" for a root */
	double threshold[JH_STAGE__COUNT][JH_IND__COUNT];
	double cv_limit[JH_STAGE__COUNT];
	int school_min_met;        /* 6 of the 7 */
	double school_floor_ratio; /* 0.85 */
	double stage_weight[3];    /* primary : junior : senior = 1 : 1.1 : 1.32 */
	int split[JH_IND__COUNT];  /* 1 when the indicator's resource is split */
	jh_tp_policy tp_policy;
	double tp_min_students;    /* 50 */
	double epsilon;            /* relative tolerance for float comparison */

	/* Government guarantee (reference §4) and education quality (§5):
	 * thresholds, all data.  Rates are fractions (0.95 = 95%). */
	int basic_balance_years;           /* 3: basic balance recognised ≥ 3 years before */
	double classes_per_room;           /* 12: one music and one art room per 12 classes */
	double music_room_min_m2;          /* 96 */
	double art_room_min_m2;            /* 90 */
	double size_single_max;            /* 2000: primary, junior school */
	double size_multi_max;             /* 2500: 九年/十二年一贯制, compulsory stages */
	double class_max[JH_STAGE__COUNT]; /* 45, 50 */
	double small_school_funded_students; /* 100: small schools funded as 100 pupils */
	double special_ed_funds_min;       /* 6000 yuan per student */
	double teacher_pay_ratio_min;      /* 1: teachers' pay ≥ civil servants' */
	double training_360_min;           /* 1.00 */
	double rotation_min;               /* 0.10 of eligible teachers */
	double rotation_key_min;           /* 0.20 of rotated teachers */
	double certification_min;          /* 1.00 */
	double nearby_min[JH_STAGE__COUNT];/* 1.00, 0.95 */
	double hs_quota_min;               /* 0.50 */
	double migrant_public_min;         /* 0.85 */
	double retention_min;              /* 0.95 */
	double disabled_enrolment_min;     /* 0.95 */
	double training_funds_share_min;   /* 0.05 of public funds, every school */
	int moral_culture_min;             /* grade 3 (良好; 1 不合格 … 4 优秀) */
	double monitoring_level_min;       /* 3 (Ⅲ) */
	double monitoring_diff_max;        /* 0.15, strictly less */
	double recognition_min;            /* 0.85 */
	int recognition_rule;              /* 0 mean of groups, 1 all respondents,
	                                      2 every group */
	/* Data: the years a table's rows may have (data.year_min, _max). */
	int year_min, year_max;            /* 1990, 2100 */

	/* Definitions (reference §1): the lowest degree that counts as
	 * 高于规定学历, per stage: 专科 for primary, 本科 for junior. */
	int qualified_degree[JH_STAGE__COUNT];   /* JH_DEGREE_* */

	/* Provincial relaxations (reference §4 notes, §9; S17, [U]): each
	 * off in the national standard; a local file may switch it on, and
	 * its figures may only be tightened.  Applied only to the schools
	 * a rule concerns, and named in the verdict where applied. */
	int relax_old_rooms;               /* built ≤ built_by: smaller rooms */
	double old_rooms_built_by;         /* 2016 */
	double old_rooms_music_m2;         /* 73 */
	double old_rooms_art_m2;           /* 67 */
	int relax_small_rooms;             /* rural small, largest class < 30 */
	double small_rooms_m2[JH_STAGE__COUNT]; /* 54, 61 (music and art) */
	int relax_size;                    /* old or migrant schools: larger */
	double size_built_by;              /* 2010 */
	double size_migrant_share;         /* 0.5: more than half migrant */
	double size_relaxed_single_max;    /* 2400 */
	double size_relaxed_multi_max;     /* 3000 */
	int relax_small_teachers;          /* rural small: rotating PE/art count */
	double small_teachers_min;         /* 50 pupils */
	double small_teachers_max;         /* 99 pupils */
	int relax_dense_sports;            /* dense central city: rooftop,
	                                      underground, leased venues count */
	/* Extra one-vote-veto items some provinces add (reference §9), each
	 * judged from a county-year 是/否 record when switched on. */
	int veto_unfilled_posts;           /* 有编不补、长期超编外聘 */
	int veto_safety_incident;          /* 重大安全责任事故或严重违规 */
	int veto_falsified_data;           /* 弄虚作假 */
	int veto_off_campus_tutoring;      /* 校外培训治理不力 */
} jh_standard;

/* Teachers' degrees, lowest first (jh_standard.qualified_degree). */
enum { JH_DEGREE_ASSOCIATE = 1, JH_DEGREE_BACHELOR, JH_DEGREE_MASTER,
       JH_DEGREE_DOCTOR };

/* The national 2017 standard as shipped in data/standards/national-2017.std
 * (embedded in the library at build time). */
const char *jh_standard_national_text(void);
/* Parse a standard file.  A file naming a base (`base = NAME`) inherits
 * every value it does not set from `base` (the caller's resolved base) or,
 * when base is NULL and NAME is "national-2017", from the built-in
 * national standard; its numeric thresholds may only be tightened.  A root
 * file (no `base` line) must set every key and `base` is ignored.
 * Problems are recorded in diags (JH_ERR_STANDARD). */
jh_code jh_standard_parse(const char *text, size_t len, const char *file,
                          const jh_standard *base, jh_standard *out,
                          jh_diags *diags);
/* The `base = NAME` a standards file names, or "" for a root file; lets a
 * caller load a base that is itself a file before calling parse. */
void jh_standard_base_name(const char *text, size_t len, char *out,
                           size_t cap);
/* The built-in national standard; never fails short of a build error. */
jh_code jh_standard_national(jh_standard *out, jh_diags *diags);

/* ------------------------------------------------------------------ */
/* Evaluation.                                                          */
/* ------------------------------------------------------------------ */

typedef enum jh_unit_status {
	JH_UNIT_EVALUATED = 0,
	JH_UNIT_EXCLUDED_SMALL_TP,   /* teaching point under min students */
	JH_UNIT_EXCLUDED_TP,         /* teaching points excluded by policy */
	JH_UNIT_MERGED,              /* merged into the central school */
	JH_UNIT_NO_STUDENTS          /* stage has no students */
} jh_unit_status;

typedef enum jh_shortfall_kind {
	JH_SHORT_BELOW_THRESHOLD = 0, /* under the threshold, at or over 85% */
	JH_SHORT_BELOW_FLOOR          /* under 85% of the threshold */
} jh_shortfall_kind;

/* One stage of one school (a whole single-stage school, or a section of a
 * multi-stage school, or a central school with its merged teaching points). */
typedef struct jh_unit {
	const jh_school_year *school;  /* into the dataset */
	jh_stage stage;
	jh_unit_status status;
	double students;               /* of this stage (merged included) */
	double share;                  /* share of split resources, 0..1 */
	double resource[JH_IND__COUNT];/* numerators after the split */
	double value[JH_IND__COUNT];   /* indicator values */
	int met;                       /* indicators at or over threshold */
	int below_floor;               /* indicators under the floor */
	int passes;                    /* the 6-of-7 / 85% rule */
	size_t county_index;           /* into result->counties */
	unsigned relaxed;              /* JH_RELAX_* bits applied to this unit */
} jh_unit;

/* Provincial relaxations applied (jh_unit.relaxed; the verdict's school
 * items name the rest): */
#define JH_RELAX_SMALL_TEACHERS 1u  /* rotating PE/art teachers counted */
#define JH_RELAX_DENSE_SPORTS   2u  /* rooftop, underground, leased areas */
#define JH_RELAX_OLD_ROOMS      4u  /* music/art rooms of old schools */
#define JH_RELAX_SMALL_ROOMS    8u  /* music/art rooms of rural small schools */
#define JH_RELAX_SIZE          16u  /* school size of old or migrant schools */

typedef struct jh_stage_result {
	double students;
	size_t schools;                /* evaluated units */
	size_t schools_failing;
	double mean[JH_IND__COUNT];    /* student-weighted */
	double sd[JH_IND__COUNT];
	double cv[JH_IND__COUNT];      /* NaN when the mean is 0 */
	int cv_pass[JH_IND__COUNT];
	double cv_mean;                /* 综合: plain mean of the 7, shown only */
	int all_cv_pass;
	int passes;                    /* all CVs pass and all schools pass */
} jh_stage_result;

typedef struct jh_county_result {
	char county_code[8];
	int year;
	jh_stage_result stage[JH_STAGE__COUNT];
	size_t first_unit, nunits;     /* units of this county, contiguous */
	int passes;                    /* every stage that has schools passes */
} jh_county_result;

/* Areas (below), named by results. */
typedef struct jh_areas jh_areas;

typedef struct jh_result {
	const jh_standard *standard;   /* not owned */
	const jh_dataset *dataset;     /* not owned */
	jh_county_result *counties;    /* sorted by county code, then year */
	size_t ncounties;
	jh_unit *units;                /* grouped by county, then stage, code */
	size_t nunits;
	const jh_areas *areas;         /* not owned; names for people, or NULL */
} jh_result;

typedef struct jh_filter {
	const char *county_code;  /* NULL = all */
	int year;                 /* 0 = all */
	const char *school_code;  /* NULL = all */
} jh_filter;

/* Evaluate every county-year in the dataset that the filter selects.
 * The result points into ds and std: keep both alive while using it.
 * JH_ERR_INPUT with diags when the data cannot be evaluated (e.g. a
 * teaching point whose central school is missing under the merge policy);
 * JH_ERR_NOTFOUND when the filter selects nothing. */
jh_code jh_eval(const jh_dataset *ds, const jh_standard *std,
                const jh_filter *filter, jh_result **out, jh_diags *diags);
void jh_result_free(jh_result *r);
/* Give the result the areas whose names outputs for people show beside
 * codes (not copied: keep a alive while r is used; NULL forgets them). */
void jh_result_set_areas(jh_result *r, const jh_areas *a);
/* The name of county-year r->counties[county], or NULL when the areas are
 * not set or do not name it. */
const char *jh_result_county_name(const jh_result *r, size_t county);

/* Value ≥ threshold under the standard's tolerance (see standard.c). */
int jh_at_least(const jh_standard *std, double value, double threshold);
/* Value ≤ limit under the standard's tolerance. */
int jh_at_most(const jh_standard *std, double value, double limit);

/* The provincial relaxations of guarantee items 3 and 4 for one school
 * (lib/core/relax.c; the verdict and `gaps` judge by them alike).  The
 * smallest music and art room the school is held to: the standard's
 * 96/90 m², or the looser relaxed figure where a relaxation is on and
 * concerns the school; *music_by, *art_by get the JH_RELAX_* bit that gave
 * each figure (0: the national one). */
void jh_school_room_min(const jh_standard *std, const jh_school_year *sy,
                        double *music, unsigned *music_by, double *art,
                        unsigned *art_by);
/* The most compulsory-stage pupils the school may have: 2000/2500, or the
 * relaxed maximum for an old or mostly migrant school (*relaxed =
 * JH_RELAX_SIZE, else 0; may be NULL). */
double jh_school_size_max(const jh_standard *std, const jh_school_year *sy,
                          unsigned *relaxed);

/* The student-weighted difference coefficient of n values x with weights
 * p (students): CV = sqrt(Σ (p_i/P)(x_i − x̄)²) / x̄, x̄ = Σ p_i x_i / P.
 * Sets *mean and *sd when non-NULL.  NaN when P or x̄ is 0. */
double jh_cv(const double *x, const double *p, size_t n, double *mean,
             double *sd);

/* ------------------------------------------------------------------ */
/* Areas: province → city → county, with official 6-digit codes.        */
/* ------------------------------------------------------------------ */

typedef enum jh_area_level {
	JH_AREA_PROVINCE = 0,
	JH_AREA_CITY,
	JH_AREA_COUNTY
} jh_area_level;

typedef struct jh_area {
	char code[8];
	char parent[8];        /* "" for a province */
	jh_area_level level;
	const char *name;      /* owned by the list */
	const char *file;      /* where it was read, for messages */
	long line;
} jh_area;


jh_areas *jh_areas_new(void);
void jh_areas_free(jh_areas *a);
size_t jh_areas_count(const jh_areas *a);
const jh_area *jh_areas_at(const jh_areas *a, size_t i);   /* i < count */
/* 1 when the table's header is the area template (county_code and
 * county_name, 县(市、区)代码 and 县(市、区)名称, ...). */
int jh_areas_table_is(const jh_table *t);
/* Append the provinces, cities and counties of an area table:
 *   province_code, province_name, city_code, city_name,
 *   county_code, county_name   (Chinese headers accepted)
 * Codes are 6 digits; a county's code shares its city's first 4 digits
 * and the city its province's first 2.  All or nothing, every problem in
 * diags. */
jh_code jh_areas_add_table(jh_areas *a, const jh_table *t, jh_diags *diags);
/* Add or replace one area (strings copied). */
jh_code jh_areas_put(jh_areas *a, const jh_area *area);
const jh_area *jh_areas_find(const jh_areas *a, const char *code);

/* ------------------------------------------------------------------ */
/* County-year records: figures and evidence kept per county and year   */
/* (government guarantee, education quality; see the standards file).   */
/* ------------------------------------------------------------------ */

typedef struct jh_county_item {
	char county_code[8];
	int year;
	const char *item;      /* key, e.g. "teacher_pay_ratio" */
	const char *value;     /* as given: a number, 是/否, a grade */
	const char *note;      /* evidence or remark; "" when none */
	const char *file;      /* where it was read, for messages */
	long line;
} jh_county_item;

typedef struct jh_county_items jh_county_items;

jh_county_items *jh_county_items_new(void);
void jh_county_items_free(jh_county_items *c);
size_t jh_county_items_count(const jh_county_items *c);
/* The years a record may have, as jh_dataset_set_years. */
void jh_county_items_set_years(jh_county_items *c, int year_min, int year_max);
const jh_county_item *jh_county_items_at(const jh_county_items *c, size_t i);
/* 1 when the table's header is the county-year template:
 *   county_code 县(市、区)代码, year 年度, item 指标, value 值, note 说明 */
int jh_county_items_table_is(const jh_table *t);
/* Append a county-year table; all or nothing, problems in diags (a
 * county, year and item given twice is one).  default_year as for
 * jh_dataset (0 = the table must have a year column). */
jh_code jh_county_items_add_table(jh_county_items *c, const jh_table *t,
                                  int default_year, jh_diags *diags);
/* Append one record (strings copied). */
jh_code jh_county_items_put(jh_county_items *c, const jh_county_item *it);
const jh_county_item *jh_county_items_find(const jh_county_items *c,
                                           const char *county, int year,
                                           const char *item);

/* ------------------------------------------------------------------ */
/* The forms offices fill (lib/core/form.c): vertical sheets laid out   */
/* 序号 | 类别 | 填报项目 | 单位 | 填报值 | 是否必填 | 备注说明, one per   */
/* school (the school form) or per county-year (the county form).       */
/* ------------------------------------------------------------------ */

typedef enum jh_form_kind {
	JH_FORM_SCHOOL = 0,       /* → a school-year row */
	JH_FORM_COUNTY = 1        /* → county-year records */
} jh_form_kind;

/* What a 填报值 cell takes (for the blank form's validations). */
typedef enum jh_form_value {
	JH_FV_TEXT = 0,           /* names, codes */
	JH_FV_NUMBER,             /* a number in the row's unit */
	JH_FV_YESNO,              /* 是/否 */
	JH_FV_SCHOOL_TYPE,        /* jh_school_type_name */
	JH_FV_LOCATION,           /* jh_location_name */
	JH_FV_ORGANISER,          /* jh_organiser_name */
	JH_FV_GRADE,              /* 优秀/良好/合格/不合格 */
	JH_FV_LEVEL,              /* Ⅰ … Ⅳ */
	JH_FV_YEAR                /* a year */
} jh_form_value;

/* One row of a form, in one language (strings are static). */
typedef struct jh_form_row {
	const char *key;          /* the template column's or record's key */
	const char *category;     /* 类别 */
	const char *item;         /* 填报项目 */
	const char *unit;         /* 单位 as the blank form prints it ("" none) */
	const char *note;         /* 备注说明: how to fill it */
	int required;             /* 是否必填 */
	jh_form_value value;
} jh_form_row;

/* The rows of a form, in order: the school form has every column of the
 * school-year template once; the county form every county-year item an
 * office fills (counts rather than the ratios computed from them). */
size_t jh_form_count(jh_form_kind k);
/* Row i (< jh_form_count) in lang ("zh" or "en"). */
void jh_form_row_get(jh_form_kind k, size_t i, const char *lang,
                     jh_form_row *out);
/* The kind of form table t is laid out as (a header row naming 填报项目
 * and 填报值, or Item and Value, within its first 15 rows), or -1. */
int jh_form_table_kind(const jh_table *t);
/* A school form (one sheet, one school) read into ds as one school-year
 * row, through jh_dataset_add_table, so every check of the template
 * applies; every problem names the sheet, the form's row and its 填报值
 * (or 单位, 填报项目) column.  Unknown items (JH_P_FORM_UNKNOWN_ROW), a
 * wrong unit (JH_P_FORM_BAD_UNIT; 万元 and 千元 scale to 元), an item
 * twice (JH_P_FORM_ROW_TWICE) and a required item missing
 * (JH_P_FORM_MISSING_ROW, named at the row it belongs after) are refused.
 * All or nothing. */
jh_code jh_form_add_school(jh_dataset *ds, const jh_table *t, jh_diags *diags);
/* A county form read into c as county-year records (jh_county_items_add_table
 * on the records it gives; money in 万元 converted to 元), problems as
 * for the school form.  default_year as for jh_county_items_add_table:
 * the form's 统计年度 may then be left out (or must agree). */
jh_code jh_form_add_county(jh_county_items *c, const jh_table *t,
                           int default_year, jh_diags *diags);

/* ------------------------------------------------------------------ */
/* Export: the template written back.                                   */
/* ------------------------------------------------------------------ */

/* The dataset's rows (filtered) as template CSV for people and Excel: a
 * UTF-8 BOM, then the header and values in lang — "zh": the template's
 * Chinese names and values (小学, 城区, 是/否); "en": the English keys
 * and values (primary, urban, 1/0) — extra columns after the template's;
 * numbers in their shortest exact form, so that import → export → import
 * changes nothing in either language.  Text cells are guarded against
 * formula injection (jh_buf_addcsv); the table reader undoes the guard. */
jh_code jh_export_csv_lang(const jh_dataset *ds, const jh_filter *filter,
                           const char *lang, jh_buf *out);
/* The English form without BOM: the machine form `junheng set` edits. */
jh_code jh_export_csv(const jh_dataset *ds, const jh_filter *filter,
                      jh_buf *out);
/* The same as an XLSX workbook written to path (libxlsxwriter): text
 * cells always as strings (never formulas), numbers as numbers.  A value
 * the sheet cannot hold (a cell over 32,767 characters; more than
 * 1,048,576 rows or 16,384 columns) is JH_ERR_INPUT with one diagnostic
 * per cell — XLSX row and column, column name, school code — and no file
 * is written.  JH_ERR_IO when the file cannot be written (none is left). */
jh_code jh_export_xlsx(const jh_dataset *ds, const jh_filter *filter,
                       const char *lang, const char *path, jh_diags *diags);

/* ------------------------------------------------------------------ */
/* Verdict: all four parts of the standard for one county and year.     */
/* ------------------------------------------------------------------ */

/* Check a county-year record's key and value (known item, value of the
 * right kind: 是/否, a rate such as 0.95 or 95%, a number, a grade, a
 * level).  0 when fine; otherwise -1 with a reason in `why`. */
int jh_item_check(const char *key, const char *value, char *why, size_t cap);

typedef enum jh_item_status {
	JH_ITEM_PASS = 0,
	JH_ITEM_FAIL,
	JH_ITEM_MISSING         /* data not given: neither pass nor fail */
} jh_item_status;

typedef struct jh_verdict_item {
	const char *part;       /* "prerequisite", "resource", "guarantee",
	                           "quality", "recognition", "veto" */
	char id[64];            /* e.g. "guarantee.8", "resource.cv.junior.key_teachers_per100" */
	char name_zh[160];
	char name_en[200];
	int has_value;
	double value;           /* numeric value when has_value */
	char value_text[96];    /* as shown (also for non-numeric values) */
	int has_threshold;
	double threshold;
	char threshold_text[96];/* the requirement in Chinese (threshold_text_zh) */
	jh_item_status status;
	const char *source;     /* where the rule comes from (reference §) */
	char detail[512];       /* e.g. the schools that fail, by code; record
	                           keys when missing (for programs) */
	/* The same for people, one language each: a short label for lists
	 * (school items: code and name), the value as officials count it
	 * (years since recognition, levels as Ⅲ级, money grouped), the
	 * requirement, and the detail with names and words instead of keys.
	 * value_zh/_en are "" when value_text says it in both languages. */
	char label_zh[160], label_en[200];
	char value_zh[128], value_en[128];
	char threshold_text_zh[96], threshold_text_en[128];
	char detail_zh[1024], detail_en[1024];
} jh_verdict_item;

typedef enum jh_verdict_code {
	JH_VERDICT_PASS = 0,
	JH_VERDICT_FAIL,
	JH_VERDICT_INCOMPLETE
} jh_verdict_code;

typedef struct jh_verdict {
	char county_code[8];
	char county_name[128];        /* city and county, e.g. 江州市云岭县; ""
	                                 when the result has no areas naming it */
	int year;
	jh_verdict_code verdict;
	jh_verdict_item *items;
	size_t count, cap;
	double recognition_rate[8];   /* per respondent group, NaN if none */
} jh_verdict;

/* Judge county-year r->counties[county] on every item of the standard:
 * the resource part from r, the rest from the county-year records
 * (items may be NULL: then those items are missing).  out is filled;
 * free with jh_verdict_free. */
jh_code jh_verdict_county(const jh_result *r, size_t county,
                          const jh_county_items *items, jh_verdict *out,
                          jh_diags *diags);
void jh_verdict_free(jh_verdict *v);
/* Render for people (text, lang; CSV, lang: one row per item, with a
 * header row when flags has JH_VERDICT_CSV_HEADER) or programs (JSON).
 * Item ids are shown in text and CSV only with JH_VERDICT_IDS. */
#define JH_VERDICT_IDS 1u
#define JH_VERDICT_CSV_HEADER 2u
jh_code jh_verdict_report(const jh_verdict *v, jh_format fmt,
                          const char *lang, jh_buf *out);
jh_code jh_verdict_report_ex(const jh_verdict *v, jh_format fmt,
                             const char *lang, unsigned flags, jh_buf *out);
/* An item's value as people read it in lang ("-" when it has none). */
const char *jh_verdict_item_value(const jh_verdict_item *it, const char *lang);
/* "369904 江州市云岭县", or "县(市、区) 369904" / "county 369904" when
 * the name is not known: how outputs for people head a county. */
void jh_county_title(const char *code, const char *name, const char *lang,
                     char *out, size_t cap);
/* The city and county name of a county code ("江州市云岭县"), or "" when
 * a does not name it (a may be NULL). */
void jh_areas_county_fullname(const jh_areas *a, const char *code, char *out,
                              size_t cap);

/* Survey answers (one row per respondent: county_code, year, group and
 * answer columns) turned into county-year records
 * survey.GROUP.satisfied / survey.GROUP.answers. */
int jh_survey_table_is(const jh_table *t);
jh_code jh_survey_add_table(jh_county_items *c, const jh_table *t,
                            int default_year, jh_diags *diags);

/* Planned changes (what-if), a table with the header
 *   action, school_code, field, value, target
 * action: add (field += value), set (field = value), close (the school
 * is closed: its row is dropped), merge (the school joins target: its
 * students and resources are added to target's row), move (value pupils
 * of the stage named by field, e.g. students_primary, go to target).
 * Chinese: 操作, 学校标识码, 字段, 值, 目标学校; 增加, 设为, 撤销, 合并,
 * 转移.  Applied in order to a copy of ds (rows of year `year` only);
 * every problem in diags and nothing applied on error. */
jh_code jh_whatif_apply(const jh_dataset *ds, int year, const jh_table *changes,
                        jh_dataset **out, jh_diags *diags);

/* ------------------------------------------------------------------ */
/* Reports.                                                             */
/* ------------------------------------------------------------------ */


/* Render an evaluation result, as it is produced, into the writer o
 * (text or CSV; JSON compact unless flags has JH_REPORT_PRETTY).
 * lang: "zh" or "en" (text only).  Returns the writer's first error
 * (JH_ERR_IO, JH_ERR_NOMEM) or JH_OK; o is not flushed.  Numbers in
 * JSON and CSV are the shortest text that reads back exactly. */
#define JH_REPORT_PRETTY 1u
jh_code jh_report_write(const jh_result *r, jh_format fmt, const char *lang,
                        unsigned flags, jh_out *o);
/* The same into out (appended), JSON compact. */
jh_code jh_report(const jh_result *r, jh_format fmt, const char *lang,
                  jh_buf *out);

#ifdef __cplusplus
}
#endif
#endif /* JUNHENG_CORE_H */
