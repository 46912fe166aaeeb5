/*
** verdict.c — the whole standard for one county and year.
**
** A county passes only when all four parts hold (reference §7): every
** resource item (each school's 6-of-7/85% rule and each coefficient), the
** 15 government-guarantee items, the 9 education-quality items and social
** recognition, with none of the one-vote-veto findings, and its basic
** balance recognised at least three years before.  Each item ends as
** pass, fail or missing — missing data is never taken as a pass or a
** fail — and the verdict is fail when anything fails, incomplete when
** nothing fails but something is missing, and pass otherwise.
**
** The items are one table (`rows` below), one row per item in the order
** they are reported: its part and id, how its value is computed (`calc`),
** the data it needs, the standards key it is judged by, and its names and
** requirement as templates.  No figure of the standard is written here:
** the templates name standards keys — `{guarantee.school_size_max}` — and
** are rendered from the standard in use, so a local standard's figures
** appear in every name and requirement.  Template placeholders:
**
**   {KEY}         the value of a numeric standards key, %g; a `*` in KEY
**                 stands for the current stage (cv_limit.*)
**   {KEY:pct}     a rate as a percentage (0.95 → 95)
**   {KEY:f2}      two decimals
**   {KEY:money}   grouped by thousands, as money is written (6,000)
**   {KEY:words}   a small whole number in words (三 / three)
**   {KEY:roman}   a monitoring level (Ⅲ)
**   {KEY:grade}   a grade (良好 / good)
**   {KEY:times}   a ratio before a quantity: nothing when 1, else
**                 "1.1倍的" / "1.1 × "
**   {@VAR}        the row's context: school, code, stage, stage_key,
**                 indicator, indicator_key, indicator_short, indicators
**                 (how many: 7)
**
** Everything people read exists once per language and never mixes them:
** the name, a short label for lists (the all-county summary, what-if),
** the requirement, the value as officials count it (years since
** recognition rather than the year; levels as Ⅲ级; money grouped by
** thousands; indicators to 2 decimals and coefficients to 3, the
** national application form's rule) and the detail, where schools are
** named beside their codes and data in words.  The item's id, the value
** as a number, the old `detail` (codes and record keys) and
** `threshold_text` (the Chinese requirement) stay for programs.
**
** The ratios of the guarantee and quality items (rotation, training,
** certification, nearby enrolment, high-school places, migrant
** children, retention, disabled children, special-education funds per
** pupil, teachers' pay) are computed from the counts behind them when the
** county-year gives them (jhRatios, county_items.c; the counts are
** jhCountKeys, items.c) and shown beside the ratio: "12.50%(150/1,200)",
** each count named in the detail.  The counts win over a ratio record
** given too; one that disagrees is named in the detail (the import
** refuses the two together, county_items.c, but records imported apart
** meet only here).  Without counts the ratio record is judged as before.
**
** School-level guarantee and quality items (music and art rooms, school
** and class sizes, certification, training funds) are computed from the
** school-year rows when their columns are there; otherwise the county-year
** record of the same figure is used; otherwise they are missing.
*/
#include "core_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How an item's value is computed. */
enum calc {
	C_PREREQ,        /* years since basic balance was recognised */
	C_SCHOOL_RULE,   /* one item per evaluated school stage: k of 7 met */
	C_CV,            /* one item per stage and indicator: the coefficient */
	C_YESNO,         /* a 是/否 record; `good` passes */
	C_NUMBER,        /* a number record ≥ the limit */
	C_PAY,           /* teachers' pay ÷ civil servants': the ratio or both averages */
	C_RATE,          /* a rate record ≥ the limit */
	C_ROOMS,         /* schools short of music and art rooms */
	C_SCHOOL_SIZE,   /* schools over the size maximum */
	C_CLASS_SIZE,    /* schools with a class over the maximum */
	C_CERTIFIED,     /* certified ÷ full-time teachers, or the record */
	C_TRAINING_FUNDS,/* lowest school share of training funds, or the record */
	C_GRADE,         /* a grade record ≥ the minimum grade */
	C_MONITORING,    /* every monitored subject: level and difference */
	C_RECOGNITION,   /* survey rates, combined by recognition.rule */
	C_VETO_EXTRA     /* a 是/否 veto judged only when the standard's switch
	                    of the same name as the item's id is on */
};

struct row {
	const char *part;
	const char *id;       /* template */
	enum calc calc;
	const char *record;   /* the county-year record judged (or fallen back on) */
	const char *needs;    /* the data it needs, named when missing: keys (detail) */
	const char *needs_zh, *needs_en;  /* the same in words; NULL: the
	                         record's description in the dictionary (items.c) */
	const char *limit;    /* the standards key giving `threshold` */
	int good;             /* C_YESNO: the answer that passes; else the
	                         threshold when there is no limit */
	const char *zh, *en;  /* name templates */
	const char *label_zh, *label_en;  /* short name templates, for lists */
	const char *req_zh, *req_en;      /* requirement templates */
	const char *source;
};

#define G "guarantee"
#define Q "quality"
#define SRC_G "reference §4 [B] S17"
#define SRC_Q "reference §5 [B] S17"
#define SRC_V "reference §7 [A] S2, S3"
#define SRC_VX "reference §9 [U] (provincial)"
#define YESNO(part, id, key, good, src, zh, en, lzh, len) \
	{part, id, C_YESNO, key, key, NULL, NULL, NULL, good, zh, en, lzh, len, \
	 good ? "是" : "否", good ? "yes" : "no", src}
#define VETO_X(id, key, zh, en, lzh, len) \
	{"veto", id, C_VETO_EXTRA, key, key, NULL, NULL, NULL, 0, zh, en, lzh, len, \
	 "否", "no", SRC_VX}
#define RATE(part, id, key, limit, src, zh, en, lzh, len) \
	{part, id, C_RATE, key, key, NULL, NULL, limit, 0, zh, en, lzh, len, \
	 "≥ {" limit ":pct}%", "≥ {" limit ":pct}%", src}

static const struct row rows[] = {
	{"prerequisite", "prerequisite.basic_balance", C_PREREQ, "basic_balance_year",
	 "basic_balance_year", NULL, NULL, "prerequisite.basic_balance_years", 0,
	 "通过国家义务教育基本均衡发展认定{prerequisite.basic_balance_years:words}年以上",
	 "Basic balance recognised at least {prerequisite.basic_balance_years:words} years before",
	 "基本均衡认定年限", "years since basic balance",
	 "≥ {prerequisite.basic_balance_years} 年", "≥ {prerequisite.basic_balance_years} years",
	 "reference §0 [A] S1"},

	{"resource", "resource.school.{@code}.{@stage_key}", C_SCHOOL_RULE, NULL,
	 "school-year rows", "学校年度数据", "school-year rows", "school.min_met", 0,
	 "{@code} {@school}({@stage})至少{school.min_met}项指标达标,余项不低于{school.floor_ratio:pct}%",
	 "{@code} {@school} ({@stage}): at least {school.min_met} of {@indicators} met, none under {school.floor_ratio:pct}%",
	 "{@code} {@school}({@stage})", "{@code} {@school} ({@stage})",
	 "≥ {school.min_met}/{@indicators}, ≥ {school.floor_ratio:pct}%",
	 "≥ {school.min_met}/{@indicators}, ≥ {school.floor_ratio:pct}%", "reference §1 [B] S5, S17"},
	{"resource", "resource.cv.{@stage_key}.{@indicator_key}", C_CV, NULL,
	 "school-year rows", "学校年度数据", "school-year rows", "cv_limit.*", 0,
	 "{@stage}{@indicator}校际差异系数",
	 "{@stage} difference coefficient: {@indicator}",
	 "{@stage}{@indicator_short}差异系数", "{@stage} coefficient: {@indicator}",
	 "≤ {cv_limit.*:f2}", "≤ {cv_limit.*:f2}", "reference §1, §2 [B] S5, S17"},

	YESNO(G, "guarantee.1", "layout_plan", 1, SRC_G,
	      "县域内义务教育学校规划布局合理,符合国家规定要求",
	      "School layout planned as national rules require", "学校规划布局", "school layout"),
	YESNO(G, "guarantee.2", "unified_standards", 1, SRC_G,
	      "城乡义务教育学校建设标准、教师编制标准、生均公用经费基准定额、基本装备配置标准统一",
	      "Urban and rural standards unified", "城乡标准统一", "unified standards"),
	{G, "guarantee.3", C_ROOMS, NULL, "classes_*, music_rooms, art_rooms",
	 "班级数、音乐专用教室数、美术专用教室数", "classes, music rooms and art rooms", NULL, 0,
	 "所有小学、初中每{guarantee.classes_per_room}个班级配备音乐、美术专用教室1间以上;"
	 "音乐教室不小于{guarantee.music_room_min_m2}平方米,美术教室不小于{guarantee.art_room_min_m2}平方米",
	 "One music and one art room per {guarantee.classes_per_room} classes; "
	 "music ≥ {guarantee.music_room_min_m2} m², art ≥ {guarantee.art_room_min_m2} m²",
	 "音乐美术专用教室", "music and art rooms",
	 "0 所学校不达标", "no school short", SRC_G},
	{G, "guarantee.4", C_SCHOOL_SIZE, NULL, "students_primary, students_junior",
	 "在校生数", "pupils", "guarantee.school_size_max", 0,
	 "所有小学、初中规模不超过{guarantee.school_size_max}人,"
	 "九年一贯制、十二年一贯制学校义务教育阶段规模不超过{guarantee.school_size_max_multi}人",
	 "Schools ≤ {guarantee.school_size_max} pupils; nine- and twelve-year schools ≤ "
	 "{guarantee.school_size_max_multi} in compulsory stages",
	 "学校规模", "school size",
	 "≤ {guarantee.school_size_max} / {guarantee.school_size_max_multi} 人",
	 "≤ {guarantee.school_size_max} / {guarantee.school_size_max_multi} pupils", SRC_G},
	{G, "guarantee.5", C_CLASS_SIZE, NULL, "largest_class_*", "最大班额", "the largest class",
	 "guarantee.class_size_max.primary", 0,
	 "小学、初中所有班级学生数分别不超过{guarantee.class_size_max.primary}人、"
	 "{guarantee.class_size_max.junior}人",
	 "Every class ≤ {guarantee.class_size_max.primary} (primary) / ≤ "
	 "{guarantee.class_size_max.junior} (junior) pupils",
	 "班额", "class size",
	 "≤ {guarantee.class_size_max.primary} / {guarantee.class_size_max.junior} 人",
	 "≤ {guarantee.class_size_max.primary} / {guarantee.class_size_max.junior} pupils", SRC_G},
	YESNO(G, "guarantee.6", "small_school_funding", 1, SRC_G,
	      "不足{guarantee.small_school_funded_students}名学生村小学和教学点按"
	      "{guarantee.small_school_funded_students}名学生核定公用经费",
	      "Village schools and teaching points under {guarantee.small_school_funded_students} "
	      "pupils funded as {guarantee.small_school_funded_students}",
	      "小规模学校公用经费", "small-school funding"),
	{G, "guarantee.7", C_NUMBER, "special_ed_funds_per_student", "special_ed_funds_per_student",
	 NULL, NULL, "guarantee.special_ed_funds_min", 0,
	 "特殊教育学校生均公用经费不低于{guarantee.special_ed_funds_min:money}元",
	 "Special-education public funds per student ≥ {guarantee.special_ed_funds_min:money} yuan",
	 "特殊教育生均公用经费", "special-education funding",
	 "≥ {guarantee.special_ed_funds_min:money} 元", "≥ {guarantee.special_ed_funds_min:money} yuan",
	 "reference §4 [U] (6000: S18)"},
	{G, "guarantee.8", C_PAY, "teacher_pay_ratio", "teacher_pay_ratio | teacher_avg_pay_yuan + civil_servant_avg_pay_yuan",
	 "教师与当地公务员平均工资收入之比(或两者的平均工资收入)",
	 "the ratio of teachers' to local civil servants' average pay (or both averages)",
	 "guarantee.teacher_pay_ratio_min", 0,
	 "教师平均工资收入水平不低于{guarantee.teacher_pay_ratio_min:times}当地公务员平均工资收入水平",
	 "Teachers' average pay ≥ {guarantee.teacher_pay_ratio_min:times}local civil servants'",
	 "教师工资收入", "teacher pay",
	 "不低于公务员的 {guarantee.teacher_pay_ratio_min} 倍",
	 "at least {guarantee.teacher_pay_ratio_min} × civil servants'", "reference §4 [A] S3"},
	RATE(G, "guarantee.9", "training_360_rate", "guarantee.training_360_min", SRC_G,
	     "教师5年360学时培训完成率达到{guarantee.training_360_min:pct}%",
	     "5-year 360-hour training completed by {guarantee.training_360_min:pct}%",
	     "360学时培训", "360-hour training"),
	YESNO(G, "guarantee.10", "staffing_coordination", 1, SRC_G,
	      "县级教育行政部门统筹分配各校教职工编制和岗位数量",
	      "Staffing and posts allocated across schools by the county",
	      "编制岗位统筹", "staffing allocation"),
	RATE(G, "guarantee.11", "rotation_rate", "guarantee.rotation_min", SRC_G,
	     "每年交流轮岗教师比例不低于符合交流条件教师总数的{guarantee.rotation_min:pct}%",
	     "Teachers rotated each year ≥ {guarantee.rotation_min:pct}% of those eligible",
	     "教师交流轮岗", "teacher rotation"),
	RATE(G, "guarantee.11.key", "rotation_key_rate", "guarantee.rotation_key_min", SRC_G,
	     "骨干教师不低于交流轮岗教师总数的{guarantee.rotation_key_min:pct}%",
	     "Key teachers ≥ {guarantee.rotation_key_min:pct}% of those rotated",
	     "骨干教师交流", "key-teacher rotation"),
	{G, "guarantee.12", C_CERTIFIED, "certification_rate", "certified_teachers | certification_rate",
	 "各校持证专任教师数(或全县持证上岗率)",
	 "each school's certified teachers (or the county's certification rate)",
	 "guarantee.certification_min", 0,
	 "专任教师持有教师资格证上岗率达到{guarantee.certification_min:pct}%",
	 "Full-time teachers holding a certificate: {guarantee.certification_min:pct}%",
	 "教师持证上岗", "teacher certification",
	 "≥ {guarantee.certification_min:pct}%", "≥ {guarantee.certification_min:pct}%", SRC_G},
	RATE(G, "guarantee.13.primary", "nearby_enrolment_primary", "guarantee.nearby_min.primary", SRC_G,
	     "城区和镇区公办小学(不含寄宿制学校)就近划片入学比例达到{guarantee.nearby_min.primary:pct}%",
	     "Urban and town public primary schools: nearby enrolment {guarantee.nearby_min.primary:pct}%",
	     "小学就近入学", "nearby enrolment (primary)"),
	RATE(G, "guarantee.13.junior", "nearby_enrolment_junior", "guarantee.nearby_min.junior", SRC_G,
	     "城区和镇区公办初中(不含寄宿制学校)就近划片入学比例达到{guarantee.nearby_min.junior:pct}%以上",
	     "Urban and town public junior schools: nearby enrolment ≥ {guarantee.nearby_min.junior:pct}%",
	     "初中就近入学", "nearby enrolment (junior)"),
	RATE(G, "guarantee.14", "hs_quota_rate", "guarantee.hs_quota_min", SRC_G,
	     "全县优质高中招生名额分配比例不低于{guarantee.hs_quota_min:pct}%,并向农村初中倾斜",
	     "Quality high-school places allocated to junior schools ≥ {guarantee.hs_quota_min:pct}%",
	     "优质高中名额分配", "high-school places allocated"),
	YESNO(G, "guarantee.15.care", "left_behind_care", 1, SRC_G,
	      "县域内留守儿童关爱体系健全", "Care system for left-behind children",
	      "留守儿童关爱", "left-behind children"),
	RATE(G, "guarantee.15", "migrant_public_rate", "guarantee.migrant_public_min", SRC_G,
	     "符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例不低于{guarantee.migrant_public_min:pct}%",
	     "Eligible migrant children in public or publicly funded schools ≥ {guarantee.migrant_public_min:pct}%",
	     "随迁子女就读", "migrant children"),

	RATE(Q, "quality.1", "junior_retention_rate", "quality.retention_min", "reference §5 [B] S5, S17",
	     "全县初中三年巩固率达到{quality.retention_min:pct}%以上",
	     "Junior three-year retention ≥ {quality.retention_min:pct}%",
	     "初中巩固率", "junior retention"),
	RATE(Q, "quality.2", "disabled_enrolment_rate", "quality.disabled_enrolment_min",
	     "reference §5 [B] S5, S17",
	     "全县残疾儿童少年入学率达到{quality.disabled_enrolment_min:pct}%以上",
	     "Enrolment of disabled children ≥ {quality.disabled_enrolment_min:pct}%",
	     "残疾儿童少年入学率", "disabled children's enrolment"),
	YESNO(Q, "quality.3", "charter_informatization", 1, SRC_Q,
	      "所有学校制定章程,实现学校管理与教学信息化",
	      "Every school has a charter; management and teaching informatised",
	      "章程与信息化", "charters and IT"),
	{Q, "quality.4", C_TRAINING_FUNDS, "training_funds_share_min",
	 "public_funds_yuan + training_funds_yuan | training_funds_share_min",
	 "各校公用经费预算总额和教师培训经费(或全县各校的最低占比)",
	 "each school's public-funds budget and training funds (or the county's lowest share)",
	 "quality.training_funds_share_min", 0,
	 "所有学校按照不低于学校年度公用经费预算总额的{quality.training_funds_share_min:pct}%安排教师培训经费",
	 "Every school spends ≥ {quality.training_funds_share_min:pct}% of its public-funds budget on teacher training",
	 "教师培训经费", "teacher training funds",
	 "≥ {quality.training_funds_share_min:pct}%", "≥ {quality.training_funds_share_min:pct}%", SRC_Q},
	YESNO(Q, "quality.5", "it_teaching", 1, SRC_Q,
	      "教师能熟练运用信息化手段组织教学,设施设备利用率达到较高水平",
	      "Teachers use IT well; equipment well used", "信息化教学", "IT in teaching"),
	{Q, "quality.6", C_GRADE, "moral_culture", "moral_culture", NULL, NULL,
	 "quality.moral_culture_min", 0,
	 "所有学校德育工作、校园文化建设水平达到{quality.moral_culture_min:grade}以上",
	 "Moral education and school culture graded {quality.moral_culture_min:grade} or better",
	 "德育与校园文化", "moral education and culture",
	 "≥ {quality.moral_culture_min:grade}", "≥ {quality.moral_culture_min:grade}", SRC_Q},
	YESNO(Q, "quality.7", "curriculum", 1, SRC_Q,
	      "课程开齐开足,教学秩序规范,综合实践活动有效开展",
	      "Full curriculum, orderly teaching, practical activities", "课程开齐开足", "full curriculum"),
	YESNO(Q, "quality.8", "no_excess_burden", 1, SRC_Q,
	      "无过重课业负担", "No excessive homework burden", "课业负担", "homework burden"),
	{Q, "quality.9", C_MONITORING, NULL, "monitoring_level.*, monitoring_diff.*",
	 "国家义务教育质量监测各科学业水平和校际差异率",
	 "national monitoring levels and between-school differences by subject",
	 "quality.monitoring_level_min", 0,
	 "国家义务教育质量监测相关科目学生学业水平达到{quality.monitoring_level_min:roman}级以上,"
	 "且校际差异率低于{quality.monitoring_diff_max}",
	 "National monitoring: level {quality.monitoring_level_min:roman} or above and "
	 "between-school difference < {quality.monitoring_diff_max} in each subject",
	 "质量监测", "national monitoring",
	 "≥ {quality.monitoring_level_min:roman}级,差异率 < {quality.monitoring_diff_max}",
	 "level ≥ {quality.monitoring_level_min:roman}, difference < {quality.monitoring_diff_max}", SRC_Q},

	{"recognition", "recognition", C_RECOGNITION, NULL,
	 "survey.GROUP.satisfied, survey.GROUP.answers",
	 "社会认可度问卷(各类群体的满意人数和答卷人数)",
	 "the social recognition survey (satisfied answers and answers of each group)",
	 "recognition.min", 0,
	 "社会认可度达到{recognition.min:pct}%以上(学生、家长、教师、校长、人大代表、政协委员及其他群众)",
	 "Social recognition ≥ {recognition.min:pct}%", "社会认可度", "social recognition",
	 "≥ {recognition.min:pct}%", "≥ {recognition.min:pct}%",
	 "reference §6 [B] S5, S17; rate method [U]"},

	YESNO("veto", "veto.exam_admission", "exam_admission", 0, SRC_V,
	      "以考试方式招生(一票否决)", "Admission by examination (veto)",
	      "考试招生(一票否决)", "admission by examination (veto)"),
	YESNO("veto", "veto.illegal_school_choice", "illegal_school_choice", 0, SRC_V,
	      "违规择校(一票否决)", "Illegal school choice (veto)",
	      "违规择校(一票否决)", "illegal school choice (veto)"),
	YESNO("veto", "veto.key_schools", "key_schools", 0, SRC_V,
	      "设立重点校(一票否决)", "Key schools (veto)",
	      "设立重点校(一票否决)", "key schools (veto)"),
	YESNO("veto", "veto.key_classes", "key_classes", 0, SRC_V,
	      "设立重点班(一票否决)", "Key classes (veto)",
	      "设立重点班(一票否决)", "key classes (veto)"),
	/* Extra vetoes some provinces add (reference §9: not in the national
	 * text).  Each row's id is the standards switch that turns it on;
	 * off (the national standard), the item is not part of the verdict
	 * at all, so that a county's verdict under the national standard does
	 * not change; on, it is judged from the county-year 是/否 record of
	 * the same name as any veto (是: the veto applies). */
	VETO_X("veto.unfilled_posts", "unfilled_posts",
	       "有编不补或长期超编制外聘教师(一票否决)",
	       "Posts left unfilled or long-term hiring outside the staffing quota (veto)",
	       "有编不补(一票否决)", "unfilled posts (veto)"),
	VETO_X("veto.safety_incident", "safety_incident",
	       "发生重大安全责任事故或严重违规事件(一票否决)",
	       "Major safety incident or serious violation (veto)",
	       "重大安全事故(一票否决)", "safety incident (veto)"),
	VETO_X("veto.falsified_data", "falsified_data",
	       "弄虚作假(一票否决)", "Falsified data (veto)",
	       "弄虚作假(一票否决)", "falsified data (veto)"),
	VETO_X("veto.off_campus_tutoring", "off_campus_tutoring",
	       "校外培训机构治理不力(一票否决)", "Off-campus tutoring not regulated (veto)",
	       "校外培训治理不力(一票否决)", "off-campus tutoring (veto)"),
};

/* --- rendering the templates ------------------------------------------ */

struct ctx {
	const jh_result *r;
	const jh_county_result *cr;
	const jh_standard *std;
	const jh_county_items *items;
	jh_verdict *v;
	/* The row's context ({@VAR}): set by the expanding calcs. */
	const jh_school_year *school;
	int stage, indicator;       /* -1: none */
};

/* Append s to out[*n..cap), keeping room for the NUL. */
static void put(char *out, size_t cap, size_t *n, const char *s)
{
	size_t len = strlen(s);

	if (*n + len >= cap)
		len = cap - 1 - *n;
	memcpy(out + *n, s, len);
	*n += len;
	out[*n] = '\0';
}

/* The value of standards key `name`, a `*` in it standing for the current
 * stage (cv_limit.* → cv_limit.primary); 0 when found. */
static int limit_value(const struct ctx *c, const char *name, double *out)
{
	const char *star = strchr(name, '*');
	char key[96];

	if (star && c->stage >= 0)
		snprintf(key, sizeof key, "%.*s%s%s", (int)(star - name), name,
		         jh_stage_key((jh_stage)c->stage), star + 1);
	else
		snprintf(key, sizeof key, "%s", name);
	return jhStandardNumber(c->std, key, out);
}

/* One placeholder's text: NAME is a standards key or @VAR, FMT a format
 * (may be ""); en selects the language of words. */
static void placeholder(const struct ctx *c, const char *name, const char *fmt,
                        int en, char *out, size_t cap)
{
	static const char *const zh_words[] = {"零", "一", "二", "三", "四", "五",
	                                       "六", "七", "八", "九", "十"};
	static const char *const en_words[] = {"zero", "one", "two", "three", "four", "five",
	                                       "six", "seven", "eight", "nine", "ten"};
	static const char *const roman[] = {"Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"};
	static const char *const grade_zh[] = {"不合格", "合格", "良好", "优秀"};
	static const char *const grade_en[] = {"fail", "pass", "good", "excellent"};
	const char *lang = en ? "en" : "zh";
	double d;

	if (name[0] == '@') {
		const char *var = name + 1;
		if (!strcmp(var, "school") && c->school)
			snprintf(out, cap, "%s", c->school->school_name);
		else if (!strcmp(var, "code") && c->school)
			snprintf(out, cap, "%s", c->school->school_code);
		else if (!strcmp(var, "stage") && c->stage >= 0)
			snprintf(out, cap, "%s", jh_stage_name((jh_stage)c->stage, lang));
		else if (!strcmp(var, "stage_key") && c->stage >= 0)
			snprintf(out, cap, "%s", jh_stage_key((jh_stage)c->stage));
		else if (!strcmp(var, "indicator") && c->indicator >= 0)
			snprintf(out, cap, "%s", jh_indicator_name((jh_indicator)c->indicator, lang));
		else if (!strcmp(var, "indicator_key") && c->indicator >= 0)
			snprintf(out, cap, "%s", jh_indicator_key((jh_indicator)c->indicator));
		else if (!strcmp(var, "indicator_short") && c->indicator >= 0)
			snprintf(out, cap, "%s", jh_indicator_short((jh_indicator)c->indicator, lang));
		else if (!strcmp(var, "indicators"))
			snprintf(out, cap, "%d", JH_IND__COUNT);
		else
			snprintf(out, cap, "{?%s}", name);
		return;
	}
	if (limit_value(c, name, &d)) {
		snprintf(out, cap, "{?%s}", name);
		return;
	}
	if (!strcmp(fmt, "pct"))
		snprintf(out, cap, "%g", d * 100);
	else if (!strcmp(fmt, "f2"))
		snprintf(out, cap, "%.2f", d);
	else if (!strcmp(fmt, "money") && cap >= JH_NUMBER_MAX)
		jhGrouped(d, d == floor(d) ? 0 : 2, out);
	else if (!strcmp(fmt, "words") && d == floor(d) && d >= 0 && d <= 10)
		snprintf(out, cap, "%s", en ? en_words[(int)d] : zh_words[(int)d]);
	else if (!strcmp(fmt, "roman") && d == floor(d) && d >= 1 && d <= 4)
		snprintf(out, cap, "%s", roman[(int)d - 1]);
	else if (!strcmp(fmt, "grade") && d == floor(d) && d >= 1 && d <= 4)
		snprintf(out, cap, "%s", en ? grade_en[(int)d - 1] : grade_zh[(int)d - 1]);
	else if (!strcmp(fmt, "times"))
		if (d == 1)
			out[0] = '\0';
		else
			snprintf(out, cap, en ? "%g × " : "%g倍的", d);
	else
		snprintf(out, cap, "%g", d);
}

/* Render template t into out (cap bytes) for language en (0: Chinese).
 * partial: only what depends on the standard alone, leaving {@VAR} and
 * stage-dependent keys for each item (see struct pre). */
static void render(const struct ctx *c, const char *t, int en, char *out, size_t cap,
                   int partial)
{
	size_t n = 0;

	out[0] = '\0';
	while (*t) {
		const char *close = *t == '{' ? strchr(t, '}') : NULL;
		char name[96], text[128];
		const char *colon;
		size_t len;

		if (!close) {
			const char *open = strchr(t + 1, '{');
			len = open ? (size_t)(open - t) : strlen(t);
			if (n + len >= cap)
				len = cap - 1 - n;
			memcpy(out + n, t, len);
			out[n += len] = '\0';
			t += open ? (size_t)(open - t) : strlen(t);
			if (n + 1 >= cap)
				return;
			continue;
		}
		len = (size_t)(close - t - 1);
		snprintf(name, sizeof name, "%.*s", (int)len, t + 1);
		if (partial && (name[0] == '@' || strchr(name, '*'))) {
			/* Left for the item: copied as written, braces included. */
			snprintf(text, sizeof text, "{%s}", name);
			put(out, cap, &n, text);
			t = close + 1;
			continue;
		}
		colon = strchr(name, ':');
		if (colon)
			name[colon - name] = '\0';
		placeholder(c, name, colon ? name + (colon - name) + 1 : "", en, text, sizeof text);
		put(out, cap, &n, text);
		t = close + 1;
	}
}

/* --- items ------------------------------------------------------------ */

static void set_value(jh_verdict_item *it, double v, const char *fmt)
{
	it->has_value = 1;
	it->value = v;
	snprintf(it->value_text, sizeof it->value_text, fmt, v);
}

/* A row's templates with the standard's figures already written in, for
 * the rows that make one item per school or per stage and indicator: the
 * figures are rendered once per county, the context once per item. */
struct pre {
	char id[96], zh[256], en[256], lzh[160], len[200], rzh[96], ren[128];
	int has_threshold;      /* threshold known: the limit names no stage */
	double threshold;
};

static void prerender(const struct ctx *c, const struct row *row, struct pre *p)
{
	render(c, row->id, 0, p->id, sizeof p->id, 1);
	render(c, row->zh, 0, p->zh, sizeof p->zh, 1);
	render(c, row->en, 1, p->en, sizeof p->en, 1);
	render(c, row->label_zh, 0, p->lzh, sizeof p->lzh, 1);
	render(c, row->label_en, 1, p->len, sizeof p->len, 1);
	render(c, row->req_zh, 0, p->rzh, sizeof p->rzh, 1);
	render(c, row->req_en, 1, p->ren, sizeof p->ren, 1);
	p->has_threshold = row->limit && !strchr(row->limit, '*') &&
	                   !limit_value(c, row->limit, &p->threshold);
}

/* A new item for the row, named and given its requirement (from p when
 * given: see struct pre). */
static jh_verdict_item *new_item(struct ctx *c, const struct row *row,
                                 const struct pre *p)
{
	jh_verdict *v = c->v;
	jh_verdict_item *it;
	double t = row->good;

	if (v->count == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		jh_verdict_item *n = realloc(v->items, cap * sizeof *n);
		if (!n)
			return NULL;
		v->items = n;
		v->cap = cap;
	}
	it = &v->items[v->count++];
	memset(it, 0, sizeof *it);
	it->part = row->part;
	render(c, p ? p->id : row->id, 0, it->id, sizeof it->id, 0);
	render(c, p ? p->zh : row->zh, 0, it->name_zh, sizeof it->name_zh, 0);
	render(c, p ? p->en : row->en, 1, it->name_en, sizeof it->name_en, 0);
	render(c, p ? p->lzh : row->label_zh, 0, it->label_zh, sizeof it->label_zh, 0);
	render(c, p ? p->len : row->label_en, 1, it->label_en, sizeof it->label_en, 0);
	render(c, p ? p->rzh : row->req_zh, 0, it->threshold_text_zh,
	       sizeof it->threshold_text_zh, 0);
	render(c, p ? p->ren : row->req_en, 1, it->threshold_text_en,
	       sizeof it->threshold_text_en, 0);
	snprintf(it->threshold_text, sizeof it->threshold_text, "%s", it->threshold_text_zh);
	it->source = row->source;
	it->status = JH_ITEM_MISSING;
	if (p && p->has_threshold)
		t = p->threshold;
	else if (row->limit && limit_value(c, row->limit, &t))
		t = NAN;    /* a row naming an unknown key: caught by the tests */
	it->has_threshold = 1;
	it->threshold = t;
	return it;
}

/* --- values from county-year records -------------------------------- */

static const char *raw(const struct ctx *c, const char *key)
{
	const jh_county_item *it = c->items ?
		jh_county_items_find(c->items, c->cr->county_code, c->cr->year, key) : NULL;
	return it ? it->value : NULL;
}

/* Skip the arguments that printf format f takes from ap (the few kinds
 * the verdict's formats use: %s, %d, %zu, %f, %g with flags and
 * precision). */
static void skip_args(const char *f, va_list *ap)
{
	for (; *f; f++) {
		if (*f != '%')
			continue;
		f++;
		while (*f && strchr("-+ #0123456789.", *f))
			f++;
		if (*f == '%')
			continue;
		if (*f == 'z') {
			f++;
			(void)va_arg(*ap, size_t);
		} else if (*f == 's') {
			(void)va_arg(*ap, const char *);
		} else if (*f == 'd') {
			(void)va_arg(*ap, int);
		} else {
			(void)va_arg(*ap, double);
		}
	}
}

/* Append to a Chinese and an English text at once: the arguments of fz,
 * then those of fe. */
static void both(char *zh, size_t zcap, char *en, size_t ecap, const char *fz,
                 const char *fe, ...)
{
	va_list a, b;
	size_t lz = strlen(zh), le = strlen(en);

	va_start(a, fe);
	va_copy(b, a);
	if (lz + 1 < zcap)
		vsnprintf(zh + lz, zcap - lz, fz, a);
	skip_args(fz, &b);
	if (le + 1 < ecap)
		vsnprintf(en + le, ecap - le, fe, b);
	va_end(b);
	va_end(a);
}

#define DETAIL(it, ...) both((it)->detail_zh, sizeof (it)->detail_zh, (it)->detail_en, \
                             sizeof (it)->detail_en, __VA_ARGS__)
#define VALUE(it, ...) both((it)->value_zh, sizeof (it)->value_zh, (it)->value_en, \
                            sizeof (it)->value_en, __VA_ARGS__)

/* "; " between the entries of a detail list (both languages). */
static void detail_sep(jh_verdict_item *it)
{
	if (it->detail_zh[0] || it->detail_en[0])
		DETAIL(it, ";", "; ");
}

/* The record's note, when it has one, as the item's detail.  Notes are
 * the office's own words: shown as written in both languages. */
static void note(const struct ctx *c, jh_verdict_item *it, const char *key)
{
	const jh_county_item *r = c->items ?
		jh_county_items_find(c->items, c->cr->county_code, c->cr->year, key) : NULL;

	if (r && *r->note) {
		snprintf(it->detail, sizeof it->detail, "%s", r->note);
		DETAIL(it, "%s", "%s", r->note, r->note);
	}
}

/* A missing item: what it needs, as keys (detail) and in words. */
static void needs(jh_verdict_item *it, const struct row *row)
{
	const struct jhItemKey *k = row->record ? jhItemKeyFind(row->record) : NULL;
	const char *zh = row->needs_zh ? row->needs_zh : k ? k->zh : row->needs;
	const char *en = row->needs_en ? row->needs_en : k ? k->en : row->needs;

	snprintf(it->detail, sizeof it->detail, "%s", row->needs);
	it->detail_zh[0] = it->detail_en[0] = '\0';
	DETAIL(it, "县级年度数据“%s”", "county-year record '%s'", zh, en);
	if (row->needs_zh)
		snprintf(it->detail_zh, sizeof it->detail_zh, "%s", zh);
	if (row->needs_en)
		snprintf(it->detail_en, sizeof it->detail_en, "%s", en);
}

/* A rate as people read it: two decimals and a percent sign. */
static void set_rate(jh_verdict_item *it, double d)
{
	set_value(it, d, "%.4f");
	snprintf(it->value_text, sizeof it->value_text, "%.2f%%", d * 100);
}

/* A school-level item whose schools do not all report the figure: the
 * county-year record of the same rate decides instead, or it is missing
 * (detail names what would settle it). */
static void rate_from_record(struct ctx *c, jh_verdict_item *it, const struct row *row)
{
	const char *s = raw(c, row->record);
	double d;

	if (s && !jhValueNumber(s, 1, &d)) {
		set_rate(it, d);
		it->status = jh_at_least(c->std, d, it->threshold) ? JH_ITEM_PASS : JH_ITEM_FAIL;
	} else {
		needs(it, row);
	}
}

/* --- ratios from the counts behind them (issue 14) ------------------- */

/* A count's name in words (its dictionary entry, items.c). */
static const char *term_name(const char *term, int en)
{
	const struct jhItemKey *k = jhItemKeyFind(term[0] == '-' ? term + 1 : term);

	return !k ? term : en ? k->en : k->zh;
}

/* The ratio's counts in the detail: by key (programs) and in words,
 * "上一年度交流轮岗教师数 150;符合交流轮岗条件教师总数 1,200". */
static void counts_detail(const struct ctx *c, jh_verdict_item *it, const struct jhRatio *r)
{
	const char *const *lists[2] = {r->num, r->den};

	for (int l = 0; l < 2; l++)
		for (int i = 0; i < JH_RATIO_TERMS && lists[l][i]; i++) {
			const char *key = lists[l][i][0] == '-' ? lists[l][i] + 1 : lists[l][i];
			const char *s = raw(c, key);
			size_t len = strlen(it->detail);
			char g[JH_NUMBER_MAX];
			double d;
			if (!s || jhValueNumber(s, 0, &d))
				continue;
			jhGrouped(d, d == floor(d) ? 0 : 2, g);
			snprintf(it->detail + len, sizeof it->detail - len, "%s%s=%s", len ? "; " : "",
			         key, s);
			detail_sep(it);
			DETAIL(it, "%s %s", "%s %s", term_name(key, 0), g, term_name(key, 1), g);
		}
}

/* The names of the terms of `terms` not given, "A、B" / "A, B". */
static void terms_missing(const struct ctx *c, const char *const *terms, int en, char *out,
                          size_t cap)
{
	for (int i = 0; i < JH_RATIO_TERMS && terms[i]; i++) {
		const char *key = terms[i][0] == '-' ? terms[i] + 1 : terms[i];
		size_t len = strlen(out);
		double d;
		const char *s = raw(c, key);
		if (s && !jhValueNumber(s, 0, &d))
			continue;
		snprintf(out + len, cap - len, "%s%s", !len ? "" : en ? ", " : "、", term_name(key, en));
	}
}

/* The item's ratio from the counts behind it (jhRatios, county_items.c)
 * when they are given.  The counts win over a ratio record: they are
 * what the application form reports and the standard's formula is
 * applied to them; a ratio record that disagrees (the import refuses
 * both in one import, but they may be stored apart) is named in the
 * detail, and the counts are judged.  A part over its whole leaves the
 * item missing: neither figure can be trusted.  Returns 1 when the item
 * is settled here, 0 when the caller goes on with the record (no counts
 * given; or some, or a zero denominator, beside a ratio record). */
static int from_counts(struct ctx *c, jh_verdict_item *it, const struct row *row)
{
	const struct jhRatio *r = row->record ? jhRatioFind(row->record) : NULL;
	const char *rec = r ? raw(c, r->record) : NULL;
	double num, den, v, d;
	char gn[JH_NUMBER_MAX], gd[JH_NUMBER_MAX];
	enum jhRatioState st;

	if (!r)
		return 0;
	st = jhRatioCompute(c->items, c->cr->county_code, c->cr->year, r, &num, &den, &v);
	if (rec && jhValueNumber(rec, r->rate, &d))
		rec = NULL;
	if (st == JH_RATIO_NONE || ((st == JH_RATIO_PARTIAL || st == JH_RATIO_ZERO) && rec))
		return 0;
	if (st == JH_RATIO_PARTIAL || st == JH_RATIO_ZERO) {
		char mz[400] = "", me[400] = "";
		needs(it, row);
		if (st == JH_RATIO_PARTIAL) {
			terms_missing(c, r->num, 0, mz, sizeof mz);
			terms_missing(c, r->den, 0, mz, sizeof mz);
			terms_missing(c, r->num, 1, me, sizeof me);
			terms_missing(c, r->den, 1, me, sizeof me);
			DETAIL(it, ",或由人数计算所缺的:%s", ", or for computing it from the counts: %s",
			       mz, me);
		} else {
			DETAIL(it, ";由人数计算时分母为 0", "; computed from the counts its denominator is 0");
		}
		return 1;
	}
	jhGrouped(num, num == floor(num) ? 0 : 2, gn);
	jhGrouped(den, den == floor(den) ? 0 : 2, gd);
	if (st == JH_RATIO_OVER) {
		char pz[200] = "", pe[200] = "", wz[200] = "", we[200] = "";
		snprintf(it->detail, sizeof it->detail, "%s > %s", r->num[0], r->den[0]);
		it->detail_zh[0] = it->detail_en[0] = '\0';
		for (int i = 0; i < JH_RATIO_TERMS && r->num[i]; i++) {
			snprintf(pz + strlen(pz), sizeof pz - strlen(pz), "%s%s", i ? "、" : "", term_name(r->num[i], 0));
			snprintf(pe + strlen(pe), sizeof pe - strlen(pe), "%s%s", i ? ", " : "", term_name(r->num[i], 1));
		}
		for (int i = 0; i < JH_RATIO_TERMS && r->den[i]; i++) {
			snprintf(wz + strlen(wz), sizeof wz - strlen(wz), "%s%s", i ? "、" : "", term_name(r->den[i], 0));
			snprintf(we + strlen(we), sizeof we - strlen(we), "%s%s", i ? ", " : "", term_name(r->den[i], 1));
		}
		DETAIL(it, "数据矛盾,无法判定:%s(%s)大于 %s(%s)",
		       "the figures contradict each other and are not judged: %s (%s) is more than %s (%s)",
		       pz, gn, wz, gd, pe, gn, we, gd);
		return 1;
	}
	if (r->rate) {
		set_rate(it, v);
		snprintf(it->value_text, sizeof it->value_text, "%.2f%% (%s/%s)", v * 100, gn, gd);
		VALUE(it, "%.2f%%(%s/%s)", "%.2f%% (%s of %s)", v * 100, gn, gd, v * 100, gn, gd);
	} else {
		char g[JH_NUMBER_MAX];
		set_value(it, v, "%.6g");
		jhGrouped(v, v == floor(v) ? 0 : 2, g);
		VALUE(it, "%s 元(%s 元 ÷ %s 人)", "%s yuan (%s yuan ÷ %s)", g, gn, gd, g, gn, gd);
	}
	it->status = jh_at_least(c->std, v, it->threshold) ? JH_ITEM_PASS : JH_ITEM_FAIL;
	counts_detail(c, it, r);
	if (rec && !jhRatioAgrees(rec, r->rate, v)) {
		char gz[JH_NUMBER_MAX + 8];
		if (r->rate)
			snprintf(gz, sizeof gz, "%.2f%%", v * 100);
		else
			jhGrouped(v, v == floor(v) ? 0 : 2, gz);
		snprintf(it->detail + strlen(it->detail), sizeof it->detail - strlen(it->detail),
		         "; %s=%s disagrees", r->record, rec);
		DETAIL(it, "。县级年度数据“%s”填写为 %s,与由人数算得的 %s 不一致,按人数判定",
		       ". The county-year record '%s' gives %s, which disagrees with %s computed from "
		       "the counts; the counts are judged",
		       term_name(r->record, 0), rec, gz, term_name(r->record, 1), rec, gz);
	}
	return 1;
}

/* Append a school to the detail lists of an item, keeping them short:
 * by code (detail, for programs) and by code and name with what it
 * lacks in words (zh, en). */
static void list_school(jh_verdict_item *it, size_t *n, const jh_school_year *sy,
                        const char *what, const char *zh, const char *en)
{
	size_t len = strlen(it->detail);
	const char *name = sy->school_name ? sy->school_name : "";

	(*n)++;
	if (*n <= 8 && len + strlen(sy->school_code) + strlen(what) + 4 < sizeof it->detail)
		snprintf(it->detail + len, sizeof it->detail - len, "%s%s %s", len ? "; " : "",
		         sy->school_code, what);
	else if (*n == 9 && len + 8 < sizeof it->detail)
		snprintf(it->detail + len, sizeof it->detail - len, "; …");
	if (*n <= 8) {
		detail_sep(it);
		DETAIL(it, "%s %s(%s)", "%s %s (%s)", sy->school_code, name, zh,
		       sy->school_code, name, en);
	} else if (*n == 9) {
		DETAIL(it, "%s", "%s", ";…", "; …");
	}
}

/* Schools of the county-year (one per school, not per stage). */
#define FOR_SCHOOLS(c, k, sy) \
	for (size_t k = (c)->cr->first_unit; k < (c)->cr->first_unit + (c)->cr->nunits; k++) \
		if ((c)->r->units[k].stage == JH_STAGE_JUNIOR && \
		    (jhTypeStages((c)->r->units[k].school->type) & JH_HAS_PRIMARY)) {} \
		else for (const jh_school_year *sy = (c)->r->units[k].school; sy; sy = NULL)

/* A threshold or floor as the eval report shows it: up to 4 decimals,
 * trailing zeros dropped (4.505, 1700), money grouped (2,500). */
static void limit_text(double v, int money, char *out)
{
	char *e;

	if (money) {
		jhGrouped(v, v == floor(v) ? 0 : 2, out);
		return;
	}
	snprintf(out, JH_NUMBER_MAX, "%.4f", v);
	e = out + strlen(out);
	while (e > out && e[-1] == '0')
		*--e = '\0';
	if (e > out && e[-1] == '.')
		e[-1] = '\0';
}

/* --- how each item's value is computed -------------------------------- */

static jh_code calc_prereq(struct ctx *c, const struct row *row)
{
	jh_verdict_item *it = new_item(c, row, NULL);
	const char *s = raw(c, row->record);
	int years = c->std->basic_balance_years;
	double y;

	if (!it)
		return JH_ERR_NOMEM;
	it->threshold = c->cr->year - years;
	if (!s || jhParseNumber(s, &y)) {
		needs(it, row);
		return JH_OK;
	}
	set_value(it, y, "%.0f");
	/* As officials count it: the years since recognition. */
	VALUE(it, "%.0f 年(%.0f 年通过基本均衡认定)", "%.0f years (recognised in %.0f)",
	      c->cr->year - y, y, c->cr->year - y, y);
	it->status = c->cr->year - y >= years ? JH_ITEM_PASS : JH_ITEM_FAIL;
	return JH_OK;
}

static void unit_relaxed_note(const jh_standard *std, jh_verdict_item *it, const jh_unit *u);

static jh_code calc_school_rule(struct ctx *c, const struct row *row)
{
	const jh_standard *std = c->std;
	struct pre pre;

	prerender(c, row, &pre);
	for (size_t k = c->cr->first_unit; k < c->cr->first_unit + c->cr->nunits; k++) {
		const jh_unit *u = &c->r->units[k];
		jh_verdict_item *it;

		if (u->status != JH_UNIT_EVALUATED)
			continue;
		c->school = u->school;
		c->stage = u->stage;
		if (!(it = new_item(c, row, &pre)))
			return JH_ERR_NOMEM;
		it->has_value = 1;
		it->value = u->met;
		snprintf(it->value_text, sizeof it->value_text, "%d/%d", u->met, JH_IND__COUNT);
		it->status = u->passes ? JH_ITEM_PASS : JH_ITEM_FAIL;
		for (int i = 0; i < JH_IND__COUNT; i++) {
			size_t len = strlen(it->detail);
			int money = i == JH_IND_EQUIPMENT;
			char v[JH_NUMBER_MAX], th[JH_NUMBER_MAX], fl_txt[JH_NUMBER_MAX];
			if (jh_at_least(std, u->value[i], std->threshold[u->stage][i]))
				continue;
			double fl = std->threshold[u->stage][i] * std->school_floor_ratio;
			char floor_txt[48] = "";
			int under = !jh_at_least(std, u->value[i], fl);
			/* Under the floor too: name the floor, in numbers only. */
			if (under)
				snprintf(floor_txt, sizeof floor_txt, " (< %.4g)", fl);
			snprintf(it->detail + len, sizeof it->detail - len, "%s%s %.2f < %g%s",
			         len ? "; " : "", jh_indicator_key((jh_indicator)i), u->value[i],
			         std->threshold[u->stage][i], floor_txt);
			if (money)
				jhGrouped(u->value[i], 2, v);
			else
				jhFixed(u->value[i], 2, v);
			limit_text(std->threshold[u->stage][i], money, th);
			limit_text(fl, money, fl_txt);
			detail_sep(it);
			DETAIL(it, "%s %s %s < %s", "%s %s %s < %s",
			       jh_indicator_name((jh_indicator)i, "zh"), v,
			       jh_indicator_unit((jh_indicator)i, "zh"), th,
			       jh_indicator_name((jh_indicator)i, "en"), v,
			       jh_indicator_unit((jh_indicator)i, "en"), th);
			if (under)
				DETAIL(it, ",且低于 %g%% 下限 %s", ", under the %g%% floor %s",
				       std->school_floor_ratio * 100, fl_txt,
				       std->school_floor_ratio * 100, fl_txt);
		}
		unit_relaxed_note(std, it, u);
	}
	c->school = NULL;
	c->stage = -1;
	return JH_OK;
}

/* A coefficient to 3 decimals, or 4 when 3 would hide a failure (0.5004
 * against 0.50 would read 0.500). */
static void cv_text(const struct ctx *c, jh_verdict_item *it, double cv, int pass)
{
	if (!pass && cv < c->std->cv_limit[c->stage] + 0.0005)
		set_value(it, cv, "%.4f");
	else
		set_value(it, cv, "%.3f");
}

static jh_code calc_cv(struct ctx *c, const struct row *row)
{
	struct pre pre;

	prerender(c, row, &pre);
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		const jh_stage_result *sr = &c->cr->stage[st];
		if (!sr->schools)
			continue;
		c->stage = st;
		for (int i = 0; i < JH_IND__COUNT; i++) {
			jh_verdict_item *it;
			c->indicator = i;
			if (!(it = new_item(c, row, &pre)))
				return JH_ERR_NOMEM;
			if (isnan(sr->cv[i])) {
				snprintf(it->value_text, sizeof it->value_text, "-");
				it->status = JH_ITEM_FAIL;
				snprintf(it->detail, sizeof it->detail, "mean = 0");
				DETAIL(it, "全县均值为 0", "the county mean is 0");
				continue;
			}
			cv_text(c, it, sr->cv[i], sr->cv_pass[i]);
			it->status = sr->cv_pass[i] ? JH_ITEM_PASS : JH_ITEM_FAIL;
		}
	}
	c->stage = c->indicator = -1;
	return JH_OK;
}

static jh_code calc_yesno(struct ctx *c, const struct row *row)
{
	jh_verdict_item *it = new_item(c, row, NULL);
	const char *s = raw(c, row->record);
	int y;

	if (!it)
		return JH_ERR_NOMEM;
	if (!s || (y = jhValueYesno(s)) < 0) {
		needs(it, row);
		return JH_OK;
	}
	snprintf(it->value_text, sizeof it->value_text, "%s", y ? "是" : "否");
	VALUE(it, "%s", "%s", y ? "是" : "否", y ? "yes" : "no");
	it->status = y == row->good ? JH_ITEM_PASS : JH_ITEM_FAIL;
	note(c, it, row->record);
	return JH_OK;
}

/* A number or rate record judged value ≥ the limit. */
static jh_code calc_number(struct ctx *c, const struct row *row)
{
	jh_verdict_item *it = new_item(c, row, NULL);
	const char *s = raw(c, row->record);
	int rate = row->calc == C_RATE;
	double d;

	if (!it)
		return JH_ERR_NOMEM;
	if (from_counts(c, it, row))
		return JH_OK;
	if (!s || jhValueNumber(s, rate, &d)) {
		needs(it, row);
		return JH_OK;
	}
	set_value(it, d, rate ? "%.4g" : "%.6g");
	if (rate) {
		snprintf(it->value_text, sizeof it->value_text, "%.2f%%", d * 100);
	} else {
		/* Money (the only number record): grouped by thousands. */
		char g[JH_NUMBER_MAX];
		jhGrouped(d, d == floor(d) ? 0 : 2, g);
		VALUE(it, "%s 元", "%s yuan", g, g);
	}
	it->status = jh_at_least(c->std, d, it->threshold) ? JH_ITEM_PASS : JH_ITEM_FAIL;
	note(c, it, row->record);
	return JH_OK;
}

/* Teachers' average pay against local civil servants': the ratio of the
 * two averages when they are given (the figures behind the ratio win, as
 * in from_counts: a ratio record that disagrees is named in the detail),
 * else the ratio record; the averages are shown whenever they are there. */
static jh_code calc_pay(struct ctx *c, const struct row *row)
{
	jh_verdict_item *it = new_item(c, row, NULL);
	const char *s = raw(c, row->record), *ts = raw(c, "teacher_avg_pay_yuan"),
	           *cs = raw(c, "civil_servant_avg_pay_yuan");
	double d, d0, t = NAN, cv = NAN;
	char tg[JH_NUMBER_MAX], cg[JH_NUMBER_MAX];

	if (!it)
		return JH_ERR_NOMEM;
	if (ts && cs && (jhValueNumber(ts, 0, &t) || jhValueNumber(cs, 0, &cv) || cv <= 0))
		t = cv = NAN;
	if (!isnan(t) && ts && cs) {
		d = t / cv;
		if (s && !jhValueNumber(s, 0, &d0) && !jhRatioAgrees(s, 0, d)) {
			snprintf(it->detail, sizeof it->detail, "teacher_pay_ratio=%s disagrees", s);
			DETAIL(it, "填写的比值 %s 与由平均工资收入算得的 %.2f 不一致,按平均工资收入判定",
			       "the ratio given, %s, disagrees with %.2f computed from the averages, which "
			       "are judged", s, d, s, d);
		} else if (s) {
			note(c, it, row->record);
		}
	} else if (s && !jhValueNumber(s, 0, &d)) {
		note(c, it, row->record);
	} else {
		needs(it, row);
		return JH_OK;
	}
	set_value(it, d, "%.6g");
	if (!isnan(t) && ts && cs) {
		jhGrouped(t, t == floor(t) ? 0 : 2, tg);
		jhGrouped(cv, cv == floor(cv) ? 0 : 2, cg);
		VALUE(it, "教师 %s 元,公务员 %s 元,比值 %.2f",
		      "teachers %s yuan, civil servants %s yuan, ratio %.2f", tg, cg, d, tg, cg, d);
	} else {
		VALUE(it, "教师平均工资收入为当地公务员的 %.2f 倍",
		      "teachers' average pay is %.2f × civil servants'", d, d);
	}
	it->status = jh_at_least(c->std, d, it->threshold) ? JH_ITEM_PASS : JH_ITEM_FAIL;
	return JH_OK;
}

/* An item counting the schools that fail: its value, or missing when
 * `missing` schools lack the data (named with how many). */
static void schools_counted(jh_verdict_item *it, const struct row *row, size_t bad,
                            size_t missing)
{
	if (!missing) {
		set_value(it, (double)bad, "%.0f");
		VALUE(it, "%zu 所学校不达标", bad == 1 ? "%zu school short" : "%zu schools short",
		      bad, bad);
		it->status = bad ? JH_ITEM_FAIL : JH_ITEM_PASS;
	} else {
		snprintf(it->detail, sizeof it->detail, "%s: %zu", row->needs, missing);
		it->detail_zh[0] = it->detail_en[0] = '\0';
		DETAIL(it, "%zu 所学校缺少%s", missing == 1 ? "%zu school lacks %s" :
		       "%zu schools lack %s", missing, row->needs_zh, missing, row->needs_en);
	}
}

/* --- provincial relaxations (reference §4 notes, §9) ------------------
 *
 * Items 3 and 4 judge a school against a looser figure when the standard
 * switches a relaxation on and the school is one it concerns: the figure
 * each school is held to comes from lib/core/relax.c (jh_school_room_min,
 * jh_school_size_max), which `gaps` uses too.  A school is named in
 * the item's detail under the relaxation when the relaxation decided its
 * figure and it would have failed the national one — every school whose
 * judgement the relaxation changed, and none whose judgement it did not,
 * so that an old county does not list every old school it has. */

/* The schools an item judged under a relaxation, in both languages and
 * by code with the standards key (for programs); appended to the item's
 * detail once every school is seen (relaxed_note). */
struct relaxed {
	size_t n;
	char zh[640], en[640], keys[256];
};

/* How a relaxation reads, for the school sy judged under it. */
static void relax_words(const jh_standard *std, const jh_school_year *sy, unsigned bit,
                        char *zh, size_t zcap, char *en, size_t ecap, const char **key)
{
	double n, share;

	switch (bit) {
	case JH_RELAX_OLD_ROOMS:
		*key = "relax.old_rooms";
		snprintf(zh, zcap, "%g年及以前建校,音乐教室不小于%g㎡、美术教室不小于%g㎡",
		         std->old_rooms_built_by, std->old_rooms_music_m2, std->old_rooms_art_m2);
		snprintf(en, ecap, "built in %g or earlier: music room ≥ %g m², art room ≥ %g m²",
		         std->old_rooms_built_by, std->old_rooms_music_m2, std->old_rooms_art_m2);
		break;
	case JH_RELAX_SMALL_ROOMS:
		*key = "relax.small_rural_rooms";
		n = jhSmallRoomsM2(std, sy);
		snprintf(zh, zcap, "乡村小规模学校,最大班额不足30人,专用教室不小于%g㎡", n);
		snprintf(en, ecap, "rural small school, largest class under 30: rooms ≥ %g m²", n);
		break;
	case JH_RELAX_SIZE:
		*key = "relax.school_size";
		n = sy->type == JH_TYPE_NINE_YEAR || sy->type == JH_TYPE_TWELVE_YEAR ?
		    std->size_relaxed_multi_max : std->size_relaxed_single_max;
		if (sy->v[JH_F_BUILD_YEAR] <= std->size_built_by) {
			snprintf(zh, zcap, "%g年及以前建校,规模不超过%g人", std->size_built_by, n);
			snprintf(en, ecap, "built in %g or earlier: at most %g pupils",
			         std->size_built_by, n);
		} else {
			share = std->size_migrant_share * 100;
			snprintf(zh, zcap, "随迁子女超过%g%%,规模不超过%g人", share, n);
			snprintf(en, ecap, "migrant pupils over %g%%: at most %g pupils", share, n);
		}
		break;
	default:    /* the evaluation's: named as eval names them (report.c) */
		*key = bit == JH_RELAX_SMALL_TEACHERS ? "relax.small_rural_teachers"
		                                       : "relax.dense_central_sports";
		snprintf(zh, zcap, "%s", jhRelaxName(bit, "zh"));
		snprintf(en, ecap, "%s", jhRelaxName(bit, "en"));
		break;
	}
}

/* Note that school sy was judged under the relaxations of `bits`. */
static void relaxed_add(struct relaxed *rx, const jh_standard *std, const jh_school_year *sy,
                        unsigned bits)
{
	char zh[256] = "", en[256] = "", keys[96] = "", wz[160], we[200];
	const char *key;
	size_t lz, le, lk;

	if (!bits)
		return;
	for (unsigned bit = 1; bit <= JH_RELAX_SIZE; bit <<= 1) {
		if (!(bits & bit))
			continue;
		relax_words(std, sy, bit, wz, sizeof wz, we, sizeof we, &key);
		lz = strlen(zh);
		le = strlen(en);
		lk = strlen(keys);
		snprintf(zh + lz, sizeof zh - lz, "%s%s", lz ? ";" : "", wz);
		snprintf(en + le, sizeof en - le, "%s%s", le ? "; " : "", we);
		snprintf(keys + lk, sizeof keys - lk, "%s%s", lk ? "," : "", key);
	}
	if (++rx->n > 8) {
		if (rx->n == 9) {
			lz = strlen(rx->zh);
			le = strlen(rx->en);
			snprintf(rx->zh + lz, sizeof rx->zh - lz, ";…");
			snprintf(rx->en + le, sizeof rx->en - le, "; …");
		}
		return;
	}
	lz = strlen(rx->zh);
	le = strlen(rx->en);
	lk = strlen(rx->keys);
	snprintf(rx->zh + lz, sizeof rx->zh - lz, "%s%s %s(%s)", lz ? ";" : "", sy->school_code,
	         sy->school_name ? sy->school_name : "", zh);
	snprintf(rx->en + le, sizeof rx->en - le, "%s%s %s (%s)", le ? "; " : "", sy->school_code,
	         sy->school_name ? sy->school_name : "", en);
	snprintf(rx->keys + lk, sizeof rx->keys - lk, "%s%s %s", lk ? "; " : "", sy->school_code,
	         keys);
}

/* Append the schools judged under a relaxation to the item's detail. */
static void relaxed_note(jh_verdict_item *it, const struct relaxed *rx)
{
	size_t len = strlen(it->detail);

	if (!rx->n)
		return;
	snprintf(it->detail + len, sizeof it->detail - len, "%srelaxed: %s", len ? "; " : "",
	         rx->keys);
	detail_sep(it);
	DETAIL(it, "按省级放宽规则判定:%s", "judged under provincial relaxations: %s",
	       rx->zh, rx->en);
}

/* The evaluation's relaxations of unit u (jh_unit.relaxed, set by the
 * evaluation), named in its school-rule item's detail. */
static void unit_relaxed_note(const jh_standard *std, jh_verdict_item *it, const jh_unit *u)
{
	static const unsigned bits[] = {JH_RELAX_SMALL_TEACHERS, JH_RELAX_DENSE_SPORTS};

	for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
		char zh[160], en[200];
		const char *key;
		size_t len = strlen(it->detail);
		if (!(u->relaxed & bits[i]))
			continue;
		relax_words(std, u->school, bits[i], zh, sizeof zh, en, sizeof en, &key);
		snprintf(it->detail + len, sizeof it->detail - len, "%srelaxed: %s",
		         len ? "; " : "", key);
		detail_sep(it);
		DETAIL(it, "按省级放宽规则:%s", "provincial relaxation: %s", zh, en);
	}
}

/* Item 3: every school ceil(classes / classes_per_room) music and art
 * rooms, at least one (S17), none smaller than the school's figure
 * (jh_school_room_min). */
static jh_code calc_rooms(struct ctx *c, const struct row *row)
{
	const jh_standard *std = c->std;
	jh_verdict_item *it = new_item(c, row, NULL);
	struct relaxed rx = {0};
	size_t bad = 0, missing = 0;

	if (!it)
		return JH_ERR_NOMEM;
	FOR_SCHOOLS(c, k, sy) {
		double cls, need, mu = sy->v[JH_F_MUSIC_ROOM_MIN_AREA], ar = sy->v[JH_F_ART_ROOM_MIN_AREA];
		double music_min, art_min;
		unsigned music_by, art_by;
		if (sy->type == JH_TYPE_TEACHING_POINT)
			continue;   /* the rule names 小学、初中; points are left out */
		cls = (isnan(sy->v[JH_F_CLASSES_PRIMARY]) ? 0 : sy->v[JH_F_CLASSES_PRIMARY]) +
		      (isnan(sy->v[JH_F_CLASSES_JUNIOR]) ? 0 : sy->v[JH_F_CLASSES_JUNIOR]);
		if ((isnan(sy->v[JH_F_CLASSES_PRIMARY]) && isnan(sy->v[JH_F_CLASSES_JUNIOR])) ||
		    isnan(sy->v[JH_F_MUSIC_ROOMS]) || isnan(sy->v[JH_F_ART_ROOMS])) {
			missing++;
			continue;
		}
		jh_school_room_min(std, sy, &music_min, &music_by, &art_min, &art_by);
		/* ceil(classes / classes_per_room) rooms of each, at least one (S17). */
		need = ceil(cls / std->classes_per_room - 1e-9);
		if (need < 1)
			need = 1;
		int small_music = !isnan(mu) && !jh_at_least(std, mu, music_min);
		int small_art = !isnan(ar) && !jh_at_least(std, ar, art_min);
		relaxed_add(&rx, std, sy,
		            (!isnan(mu) && !jh_at_least(std, mu, std->music_room_min_m2) ?
		             music_by : 0) |
		            (!isnan(ar) && !jh_at_least(std, ar, std->art_room_min_m2) ? art_by : 0));
		if (sy->v[JH_F_MUSIC_ROOMS] < need || sy->v[JH_F_ART_ROOMS] < need ||
		    small_music || small_art) {
			char what[160], zh[256], en[256];
			int n = snprintf(what, sizeof what, "(%.0f班: 音乐%.0f 美术%.0f, 需%.0f", cls,
			                 sy->v[JH_F_MUSIC_ROOMS], sy->v[JH_F_ART_ROOMS], need);
			int nz = snprintf(zh, sizeof zh, "%.0f 个班:音乐教室 %.0f 间、美术教室 %.0f 间,各需 %.0f 间",
			                  cls, sy->v[JH_F_MUSIC_ROOMS], sy->v[JH_F_ART_ROOMS], need);
			int ne = snprintf(en, sizeof en, "%.0f classes: %.0f music and %.0f art rooms, "
			                  "%.0f of each needed", cls, sy->v[JH_F_MUSIC_ROOMS],
			                  sy->v[JH_F_ART_ROOMS], need);
			if (small_music) {
				n += snprintf(what + n, sizeof what - (size_t)n, "; 音乐教室%gm² < %g",
				              mu, music_min);
				nz += snprintf(zh + nz, sizeof zh - (size_t)nz, ";音乐教室 %g ㎡ < %g ㎡",
				               mu, music_min);
				ne += snprintf(en + ne, sizeof en - (size_t)ne, "; music room %g m² < %g m²",
				               mu, music_min);
			}
			if (small_art) {
				n += snprintf(what + n, sizeof what - (size_t)n, "; 美术教室%gm² < %g",
				              ar, art_min);
				nz += snprintf(zh + nz, sizeof zh - (size_t)nz, ";美术教室 %g ㎡ < %g ㎡",
				               ar, art_min);
				ne += snprintf(en + ne, sizeof en - (size_t)ne, "; art room %g m² < %g m²",
				               ar, art_min);
			}
			snprintf(what + n, sizeof what - (size_t)n, ")");
			list_school(it, &bad, sy, what, zh, en);
		}
	}
	schools_counted(it, row, bad, missing);
	relaxed_note(it, &rx);
	return JH_OK;
}

/* Item 4: school size in the compulsory stages, against the relaxed
 * maximum for a school built by relax.school_size.built_by or whose
 * migrant pupils are more than relax.school_size.migrant_share_over of
 * its compulsory-stage pupils. */
static jh_code calc_school_size(struct ctx *c, const struct row *row)
{
	const jh_standard *std = c->std;
	jh_verdict_item *it = new_item(c, row, NULL);
	struct relaxed rx = {0};
	size_t bad = 0;

	if (!it)
		return JH_ERR_NOMEM;
	FOR_SCHOOLS(c, k, sy) {
		double n = sy->v[JH_F_STUDENTS_PRIMARY] + sy->v[JH_F_STUDENTS_JUNIOR];
		int multi = sy->type == JH_TYPE_NINE_YEAR || sy->type == JH_TYPE_TWELVE_YEAR;
		unsigned by;
		double max = jh_school_size_max(std, sy, &by);
		/* Named only where the relaxation decided: over the national
		 * maximum. */
		if (by && n > (multi ? std->size_multi_max : std->size_single_max))
			relaxed_add(&rx, std, sy, by);
		if (n > max) {
			char what[48], zh[64], en[64];
			snprintf(what, sizeof what, "%.0f人 > %g", n, max);
			snprintf(zh, sizeof zh, "%.0f 人 > %g 人", n, max);
			snprintf(en, sizeof en, "%.0f pupils > %g", n, max);
			list_school(it, &bad, sy, what, zh, en);
		}
	}
	schools_counted(it, row, bad, 0);
	relaxed_note(it, &rx);
	return JH_OK;
}

/* Item 5: class size, from the largest class of each stage or, when a
 * stage gives none, from its size bands: the classes over the maximum
 * (which must then be a band's upper bound, 45 and 50 are). */
static jh_code calc_class_size(struct ctx *c, const struct row *row)
{
	jh_verdict_item *it = new_item(c, row, NULL);
	size_t bad = 0, missing = 0;

	if (!it)
		return JH_ERR_NOMEM;
	FOR_SCHOOLS(c, k, sy) {
		static const jh_field fs[2] = {JH_F_STUDENTS_PRIMARY, JH_F_STUDENTS_JUNIOR};
		static const jh_field fl[2] = {JH_F_LARGEST_CLASS_PRIMARY, JH_F_LARGEST_CLASS_JUNIOR};
		for (int st = 0; st < 2; st++) {
			double max = c->std->class_max[st], over;
			if (sy->v[fs[st]] <= 0)
				continue;
			if (isnan(sy->v[fl[st]])) {
				/* A maximum that is no band bound (a local 42, or
				 * 45.5): the bands cannot tell (NaN, missing). */
				over = max == floor(max) ? jh_school_classes_over(sy, (jh_stage)st, (int)max) :
				       NAN;
				if (isnan(over)) {
					missing++;
				} else if (over > 0) {
					char what[64], zh[96], en[96];
					snprintf(what, sizeof what, "%s超%g人班级%.0f", st ? "初中" : "小学",
					         max, over);
					snprintf(zh, sizeof zh, "%s %.0f 个班超过 %g 人(按班额分段)",
					         st ? "初中" : "小学", over, max);
					snprintf(en, sizeof en, "%.0f %s class%s over %g (size bands)", over,
					         st ? "junior" : "primary", over == 1 ? "" : "es", max);
					list_school(it, &bad, sy, what, zh, en);
				}
				continue;
			}
			if (sy->v[fl[st]] > max) {
				char what[48], zh[80], en[80];
				snprintf(what, sizeof what, "%s最大班额%.0f", st ? "初中" : "小学",
				         sy->v[fl[st]]);
				snprintf(zh, sizeof zh, "%s最大班额 %.0f 人 > %g 人", st ? "初中" : "小学",
				         sy->v[fl[st]], max);
				snprintf(en, sizeof en, "largest %s class %.0f > %g", st ? "junior" : "primary",
				         sy->v[fl[st]], max);
				list_school(it, &bad, sy, what, zh, en);
			}
		}
	}
	schools_counted(it, row, bad, missing);
	return JH_OK;
}

/* Certification, from the schools when every one reports it. */
static jh_code calc_certified(struct ctx *c, const struct row *row)
{
	jh_verdict_item *it = new_item(c, row, NULL);
	double cert = 0, all = 0;
	int missing = 0;

	if (!it)
		return JH_ERR_NOMEM;
	FOR_SCHOOLS(c, k, sy) {
		if (isnan(sy->v[JH_F_CERTIFIED_TEACHERS])) {
			missing = 1;
			continue;
		}
		cert += sy->v[JH_F_CERTIFIED_TEACHERS];
		all += sy->v[JH_F_TEACHERS_PRIMARY] + sy->v[JH_F_TEACHERS_JUNIOR];
	}
	if (!missing && all > 0) {
		set_value(it, cert / all, "%.4f");
		snprintf(it->value_text, sizeof it->value_text, "%.2f%% (%.0f/%.0f)",
		         cert / all * 100, cert, all);
		VALUE(it, "%.2f%%(%.0f/%.0f 人)", "%.2f%% (%.0f of %.0f)", cert / all * 100,
		      cert, all, cert / all * 100, cert, all);
		it->status = jh_at_least(c->std, cert / all, it->threshold) ?
		             JH_ITEM_PASS : JH_ITEM_FAIL;
	} else if (!from_counts(c, it, row)) {
		rate_from_record(c, it, row);
	}
	return JH_OK;
}

/* Training funds: every school's share of its public-funds budget. */
static jh_code calc_training_funds(struct ctx *c, const struct row *row)
{
	jh_verdict_item *it = new_item(c, row, NULL);
	double lowest = INFINITY;
	size_t bad = 0;
	int missing = 0;

	if (!it)
		return JH_ERR_NOMEM;
	FOR_SCHOOLS(c, k, sy) {
		double pf = sy->v[JH_F_PUBLIC_FUNDS], tf = sy->v[JH_F_TRAINING_FUNDS];
		if (isnan(pf) || isnan(tf) || pf <= 0) {
			missing = 1;
			continue;
		}
		if (tf / pf < lowest)
			lowest = tf / pf;
		if (!jh_at_least(c->std, tf / pf, it->threshold)) {
			char what[32];
			snprintf(what, sizeof what, "%.2f%%", tf / pf * 100);
			list_school(it, &bad, sy, what, what, what);
		}
	}
	if (!missing && isfinite(lowest)) {
		set_rate(it, lowest);
		it->status = bad ? JH_ITEM_FAIL : JH_ITEM_PASS;
	} else {
		it->detail[0] = it->detail_zh[0] = it->detail_en[0] = '\0';
		rate_from_record(c, it, row);
	}
	return JH_OK;
}

/* A grade, the minimum or better. */
static jh_code calc_grade(struct ctx *c, const struct row *row)
{
	static const char *const zh[] = {"不合格", "合格", "良好", "优秀"};
	static const char *const en[] = {"fail", "pass", "good", "excellent"};
	jh_verdict_item *it = new_item(c, row, NULL);
	const char *s = raw(c, row->record);
	int g;

	if (!it)
		return JH_ERR_NOMEM;
	if (s && (g = jhValueGrade(s)) > 0) {
		snprintf(it->value_text, sizeof it->value_text, "%s", s);
		VALUE(it, "%s", "%s", zh[g - 1], en[g - 1]);
		it->status = g >= c->std->moral_culture_min ? JH_ITEM_PASS : JH_ITEM_FAIL;
		note(c, it, row->record);
	} else {
		needs(it, row);
	}
	return JH_OK;
}

/* National monitoring, every subject reported: level ≥ the minimum and
 * a between-school difference rate strictly under the maximum. */
static jh_code calc_monitoring(struct ctx *c, const struct row *row)
{
	static const char *const roman[] = {"Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"};
	const jh_standard *std = c->std;
	jh_verdict_item *it = new_item(c, row, NULL);
	int subjects = 0, bad = 0, partial = 0;

	if (!it)
		return JH_ERR_NOMEM;
	for (int sj = 0; sj < JH_SUBJECTS; sj++) {
		char kl[48], kd[48];
		const char *l, *dv;
		double diff;
		int lv;
		size_t len = strlen(it->detail);
		snprintf(kl, sizeof kl, "monitoring_level.%s", jhSubjects[sj][0]);
		snprintf(kd, sizeof kd, "monitoring_diff.%s", jhSubjects[sj][0]);
		l = raw(c, kl);
		dv = raw(c, kd);
		if (!l && !dv)
			continue;
		if (!l || !dv || (lv = jhValueLevel(l)) < 0 || jhValueNumber(dv, 1, &diff)) {
			partial = 1;
			continue;
		}
		subjects++;
		/* Strictly under the limit (reference §5: 低于 0.15). */
		int ok = lv >= std->monitoring_level_min &&
		         diff < std->monitoring_diff_max - std->epsilon;
		snprintf(it->detail + len, sizeof it->detail - len, "%s%s %s/%.3f%s",
		         len ? "; " : "", jhSubjects[sj][1], l, diff, ok ? "" : " ✘");
		detail_sep(it);
		DETAIL(it, "%s %s级,差异率 %.3f%s", "%s level %s, difference %.3f%s",
		       jhSubjects[sj][1], roman[lv - 1], diff, ok ? "" : " ✘",
		       jhSubjects[sj][2], roman[lv - 1], diff, ok ? "" : " ✘");
		bad += !ok;
	}
	if (subjects && !partial) {
		set_value(it, bad, "%.0f");
		snprintf(it->value_text, sizeof it->value_text, "%d/%d", subjects - bad, subjects);
		VALUE(it, "%d/%d 科达到", "%d of %d subjects", subjects - bad, subjects,
		      subjects - bad, subjects);
		it->status = bad ? JH_ITEM_FAIL : JH_ITEM_PASS;
	} else if (!subjects) {
		needs(it, row);
	}
	return JH_OK;
}

static jh_code calc_recognition(struct ctx *c, const struct row *row)
{
	const jh_standard *std = c->std;
	jh_verdict_item *it = new_item(c, row, NULL);
	double sum = 0, sat = 0, ans = 0, lowest = INFINITY;
	int groups = 0;

	if (!it)
		return JH_ERR_NOMEM;
	for (int g = 0; g < JH_GROUPS; g++) {
		char ks[64], ka[64];
		const char *s, *a;
		double ds, da;
		c->v->recognition_rate[g] = NAN;
		snprintf(ks, sizeof ks, "survey.%s.satisfied", jhGroups[g][0]);
		snprintf(ka, sizeof ka, "survey.%s.answers", jhGroups[g][0]);
		s = raw(c, ks);
		a = raw(c, ka);
		if (!s || !a || jhValueNumber(s, 0, &ds) || jhValueNumber(a, 0, &da) || da <= 0)
			continue;
		/* Recognition = answers 满意 or 比较满意 ÷ all answers, per group. */
		c->v->recognition_rate[g] = ds / da;
		sum += ds / da;
		if (ds / da < lowest)
			lowest = ds / da;
		sat += ds;
		ans += da;
		groups++;
		size_t len = strlen(it->detail);
		snprintf(it->detail + len, sizeof it->detail - len, "%s%s %.2f%%", len ? "; " : "",
		         jhGroups[g][1], ds / da * 100);
		detail_sep(it);
		DETAIL(it, "%s %.2f%%", "%s %.2f%%", jhGroups[g][1], ds / da * 100,
		       jhGroups[g][2], ds / da * 100);
	}
	if (!groups) {
		needs(it, row);
		return JH_OK;
	}
	double rate = std->recognition_rule == 1 ? sat / ans :
	              std->recognition_rule == 2 ? lowest : sum / groups;
	set_rate(it, rate);
	it->status = jh_at_least(std, rate, it->threshold) ? JH_ITEM_PASS : JH_ITEM_FAIL;
	return JH_OK;
}

/* An extra veto (C_VETO_EXTRA): judged as any veto when the standard's
 * switch named by the row's id is on; off, no item at all. */
static jh_code calc_veto_extra(struct ctx *c, const struct row *row)
{
	double on;

	if (jhStandardNumber(c->std, row->id, &on) || !on)
		return JH_OK;
	return calc_yesno(c, row);
}

static jh_code (*const calcs[])(struct ctx *, const struct row *) = {
	[C_PREREQ] = calc_prereq,
	[C_SCHOOL_RULE] = calc_school_rule,
	[C_CV] = calc_cv,
	[C_YESNO] = calc_yesno,
	[C_NUMBER] = calc_number,
	[C_PAY] = calc_pay,
	[C_RATE] = calc_number,
	[C_ROOMS] = calc_rooms,
	[C_SCHOOL_SIZE] = calc_school_size,
	[C_CLASS_SIZE] = calc_class_size,
	[C_CERTIFIED] = calc_certified,
	[C_TRAINING_FUNDS] = calc_training_funds,
	[C_GRADE] = calc_grade,
	[C_MONITORING] = calc_monitoring,
	[C_RECOGNITION] = calc_recognition,
	[C_VETO_EXTRA] = calc_veto_extra,
};

jh_code jh_verdict_county(const jh_result *r, size_t county,
                          const jh_county_items *items, jh_verdict *out,
                          jh_diags *diags)
{
	struct ctx c;
	jh_code rc;
	int fail = 0, missing = 0;

	(void)diags;
	memset(out, 0, sizeof *out);
	if (county >= r->ncounties)
		return JH_ERR_ARG;
	c.r = r;
	c.cr = &r->counties[county];
	c.std = r->standard;
	c.items = items;
	c.v = out;
	c.school = NULL;
	c.stage = c.indicator = -1;
	memcpy(out->county_code, c.cr->county_code, sizeof out->county_code);
	jh_areas_county_fullname(r->areas, out->county_code, out->county_name,
	                         sizeof out->county_name);
	out->year = c.cr->year;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if ((rc = calcs[rows[i].calc](&c, &rows[i]))) {
			jh_verdict_free(out);
			return rc;
		}
	for (size_t i = 0; i < out->count; i++) {
		fail += out->items[i].status == JH_ITEM_FAIL;
		missing += out->items[i].status == JH_ITEM_MISSING;
	}
	out->verdict = fail ? JH_VERDICT_FAIL : missing ? JH_VERDICT_INCOMPLETE : JH_VERDICT_PASS;
	return JH_OK;
}

void jh_verdict_free(jh_verdict *v)
{
	if (!v)
		return;
	free(v->items);
	v->items = NULL;
	v->count = v->cap = 0;
}
