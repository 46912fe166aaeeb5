/*
** gen_sample.c — generate the sample data set in data/sample/.
**
**   build/gen_sample DIR        (make sample: DIR = data/sample)
**
** Writes a fictional prefecture-level city, 江州市, of seven counties
** (369901..369907) and about 310 schools, for the school years 2022, 2023
** and 2024:
**
**   DIR/schools-2022.csv, -2023.csv, -2024.csv   UTF-8, English header keys
**   DIR/gb18030/schools-2024.csv                 the 2024 file again, with
**                                                Chinese headers and school
**                                                types, GB18030, CRLF
**
** Each county is built to reach a chosen 2024 verdict (see the README in
** DIR): A passes; B fails on one school under the 85% floor; C fails only
** on one primary difference coefficient; D (poor) fails on junior
** coefficients and several schools; E fails on one school meeting only 5
** of 7; F passes with many teaching points and a twelve-year school; G
** passes in 2024 after failing in 2022.
**
** Values are drawn as multiples of the national thresholds, so a school's
** indicator values are known by construction; integer counts are rounded
** up for schools meant to meet a threshold and down for those meant to
** miss it.  County C's primary sports-area coefficient is tuned by
** bisection on the sports area of its two well-resourced schools.
**
** After writing, the generator reads its files back through the library
** (the same path as `junheng eval`), evaluates them and checks every
** intended verdict; it exits 1 when one does not hold, so the sample data
** cannot drift from what the README says.
**
** Deterministic: a splitmix64 generator seeded from each school's code.
*/
#include "junheng.h"

#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define FIRST_YEAR 2022
#define LAST_YEAR 2024
#define NYEARS (LAST_YEAR - FIRST_YEAR + 1)
#define MAX_SCHOOLS 512
#define SEED 0x4A69616E677A686Full   /* "Jiangzho" */

/* --- random numbers: splitmix64 ----------------------------------------- */

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi). */
static double uniform(uint64_t *s, double lo, double hi)
{
	return lo + (hi - lo) * (double)(splitmix64(s) >> 11) * 0x1.0p-53;
}

static int uniform_int(uint64_t *s, int lo, int hi)
{
	return lo + (int)(splitmix64(s) % (uint64_t)(hi - lo + 1));
}

/* --- the city ------------------------------------------------------------ */

/* What each county is built to show (the README's A..G). */
enum profile {
	P_PASS,         /* A: passes outright */
	P_ONE_FLOOR,    /* B: one school under 85% of a threshold */
	P_CV,           /* C: one primary coefficient just over 0.50 */
	P_POOR,         /* D: rural juniors short on teachers */
	P_FIVE,         /* E: one school meeting only 5 of 7 */
	P_TP,           /* F: many teaching points, a twelve-year school */
	P_IMPROVED      /* G: failed in 2022, passes in 2024 */
};

enum loc { LOC_URBAN, LOC_TOWN, LOC_RURAL };

static const char *const loc_en[] = {"urban", "town", "rural"};
static const char *const loc_zh[] = {"城区", "镇区", "乡村"};

struct town {
	const char *name;    /* ends in 镇 (town) or 乡 (rural township) */
	int villages;        /* village primary schools */
	int tps;             /* teaching points */
};

struct county_spec {
	const char *code;
	const char *name;
	const char *letter;
	enum profile profile;
	int is_district;           /* 区: primaries named 江城区第一小学 */
	const char *sec_prefix;    /* prefix of 第X中学 names */
	int urban_primary, urban_junior, nine_year, complete_middle;
	const char *twelve_year;   /* name of its 十二年一贯制 school, or NULL */
	struct town towns[8];      /* ends with a NULL name */
};

static const struct county_spec counties[] = {
	{"369901", "江城区", "A", P_PASS, 1, "江州市", 14, 4, 1, 2, "江州外国语学校",
	 {{"白沙镇", 2, 1}, {"青山镇", 2, 1}, {NULL, 0, 0}}},
	{"369902", "安平县", "B", P_ONE_FLOOR, 0, "安平县", 7, 2, 1, 1, NULL,
	 {{"石桥镇", 3, 1}, {"河口镇", 3, 1}, {"马田乡", 3, 1}, {"龙源镇", 3, 1},
	  {"东港镇", 3, 1}, {NULL, 0, 0}}},
	{"369903", "清溪县", "C", P_CV, 0, "清溪县", 6, 2, 1, 1, NULL,
	 {{"桃源镇", 3, 1}, {"长岭镇", 3, 1}, {"双河乡", 3, 1}, {"杉木乡", 2, 1},
	  {"白马镇", 3, 1}, {"金坑乡", 2, 1}, {"溪口镇", 3, 1}, {NULL, 0, 0}}},
	{"369904", "云岭县", "D", P_POOR, 0, "云岭县", 4, 1, 1, 1, NULL,
	 {{"高坪乡", 3, 2}, {"竹山乡", 3, 2}, {"岩口乡", 2, 2}, {"大石乡", 3, 2},
	  {"石门乡", 3, 2}, {"云溪镇", 3, 2}, {"雾峰镇", 2, 2}, {NULL, 0, 0}}},
	{"369905", "柳河县", "E", P_FIVE, 0, "柳河县", 7, 2, 1, 1, NULL,
	 {{"柳林镇", 2, 1}, {"新桥镇", 2, 1}, {"上岗乡", 2, 1}, {"沙洲镇", 3, 1},
	  {"古城镇", 2, 1}, {"官庄乡", 2, 1}, {NULL, 0, 0}}},
	{"369906", "梅山县", "F", P_TP, 0, "梅山县", 5, 2, 0, 1, "梅山县育才学校",
	 {{"梅岭镇", 2, 3}, {"横江乡", 2, 3}, {"樟坪乡", 2, 3}, {"龙头镇", 2, 3},
	  {"茶溪乡", 2, 3}, {"凤凰镇", 2, 3}, {NULL, 0, 0}}},
	{"369907", "新丰县", "G", P_IMPROVED, 0, "新丰县", 6, 2, 1, 1, "新丰县博文学校",
	 {{"丰乐镇", 3, 1}, {"东山乡", 4, 1}, {"西溪镇", 3, 1}, {"南塘乡", 4, 1},
	  {"北港镇", 2, 1}, {NULL, 0, 0}}},
};
#define NCOUNTIES ((int)(sizeof counties / sizeof counties[0]))

static const char *const numerals[] = {
	"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
};

static const char *const villages[] = {
	"下湾", "黄泥", "枫树", "塘坑", "杨家", "大坪", "新屋", "竹林", "高岭", "桥头",
	"上坊", "洪田", "毛家", "坳背", "荷塘", "柏树", "老屋", "龙潭", "鹅湖", "黎坑",
	"沙坝", "乌石", "花桥", "麻田", "茶园", "樟树", "牛角", "水口", "杜家", "彭坊",
	"江背", "畈上", "罗坑", "石壁", "港头", "曾家", "湖田", "岭下", "港背", "朱坊",
	"车田", "渡口", "源头", "枧下", "金竹", "陂下", "东坑", "西岭", "松山", "马鞍",
	"长塘", "白石", "梨园", "郭家", "瑶前", "芦溪", "垄口", "田心", "观音", "塔下",
};
#define NVILLAGES ((int)(sizeof villages / sizeof villages[0]))

/* A school's part in its county's story. */
enum role {
	R_NONE,
	R_EQUIP_FLOOR,     /* B: equipment 1650 yuan per student, under 1700 */
	R_FIVE_OF_SEVEN,   /* E: PE/art 0.8 and multimedia 2.2, both over 85% */
	R_RICH_SPORTS,     /* C: a well-resourced school, sports area tuned */
	R_SHORT_TEACHERS,  /* D: a village primary short on teachers */
	R_TP50,            /* F: a teaching point of exactly 50 in 2024 */
	R_TP49             /* F: a teaching point of 49 in 2024 */
};

struct school {
	char code[16];
	char name[96];
	char parent[16];
	int county;                  /* index into counties[] */
	jh_school_type type;
	enum loc loc;
	enum role role;
	uint64_t seed;
	double base[3];              /* 2024 students: primary, junior, senior */
	double drift;                /* students(y) = base · drift^(2024 − y) */
	double mult[2][JH_IND__COUNT]; /* 2024 value ÷ threshold, per stage */
	double tpr[2];               /* full-time teachers per 100 students */
};

struct city {
	struct school s[MAX_SCHOOLS];
	int n;
};

/* --- planning: names, sizes, and target values ---------------------------- */

/* Ranges of value ÷ threshold for a well-run school, by location. */
static const double good[3][JH_IND__COUNT][2] = {
	[LOC_URBAN] = {{1.20, 1.50}, {1.60, 2.60}, {1.20, 1.70}, {1.10, 1.40},
	               {1.05, 1.35}, {1.50, 2.20}, {1.35, 1.80}},
	[LOC_TOWN]  = {{1.15, 1.45}, {1.25, 2.00}, {1.20, 1.80}, {1.20, 1.60},
	               {1.30, 1.90}, {1.40, 2.00}, {1.30, 1.80}},
	[LOC_RURAL] = {{1.15, 1.40}, {1.15, 1.70}, {1.20, 1.80}, {1.30, 1.90},
	               {1.50, 2.40}, {1.35, 1.90}, {1.30, 1.80}},
};

/* County D's rural junior schools: short on qualified, key and PE/art
 * teachers and on multimedia rooms. */
static const double poor_junior[JH_IND__COUNT][2] = {
	{0.72, 0.82}, {0.25, 0.50}, {0.55, 0.80}, {1.10, 1.40},
	{1.20, 1.80}, {0.90, 1.10}, {0.70, 0.90},
};

static enum loc town_loc(const char *town)
{
	size_t n = strlen(town);

	/* "乡" is E4 B9 A1 in UTF-8. */
	return n >= 3 && !strcmp(town + n - 3, "乡") ? LOC_RURAL : LOC_TOWN;
}

static void draw_targets(struct school *s)
{
	const struct county_spec *cs = &counties[s->county];
	uint64_t *r = &s->seed;

	for (int st = 0; st < 2; st++)
		for (int i = 0; i < JH_IND__COUNT; i++) {
			const double *g = good[s->loc][i];
			s->mult[st][i] = uniform(r, g[0], g[1]);
		}
	switch (cs->profile) {
	case P_CV:
		/* Most primary units only just meet the sports-area threshold;
		 * the rich ones are set by the tuner. */
		s->mult[JH_STAGE_PRIMARY][JH_IND_SPORTS_AREA] = uniform(r, 1.005, 1.08);
		break;
	case P_POOR:
		if (s->type == JH_TYPE_JUNIOR && s->loc == LOC_RURAL)
			for (int i = 0; i < JH_IND__COUNT; i++)
				s->mult[JH_STAGE_JUNIOR][i] =
					uniform(r, poor_junior[i][0], poor_junior[i][1]);
		break;
	default:
		break;
	}
	switch (s->role) {
	case R_EQUIP_FLOOR:
		s->mult[JH_STAGE_PRIMARY][JH_IND_EQUIPMENT] = 1650.0 / 2000.0;
		break;
	case R_FIVE_OF_SEVEN:
		s->mult[JH_STAGE_PRIMARY][JH_IND_PE_ART] = 0.8 / 0.9;
		s->mult[JH_STAGE_PRIMARY][JH_IND_MULTIMEDIA] = 2.2 / 2.3;
		break;
	case R_SHORT_TEACHERS:
		s->mult[JH_STAGE_PRIMARY][JH_IND_QUALIFIED] = 0.80;
		s->mult[JH_STAGE_PRIMARY][JH_IND_PE_ART] = 0.80;
		break;
	default:
		break;
	}
}

/* Students in 2024 and teachers per 100 students, by type and location. */
static void draw_size(struct school *s)
{
	uint64_t *r = &s->seed;
	static const double tpr_primary[3] = {5.4, 6.2, 7.6};
	static const double tpr_junior[3] = {7.8, 8.5, 9.5};

	switch (s->type) {
	case JH_TYPE_PRIMARY:
		if (s->loc == LOC_URBAN)
			s->base[0] = uniform_int(r, 1200, 2600);
		else if (strstr(s->name, "中心小学"))
			s->base[0] = uniform_int(r, 550, 1250);
		else
			s->base[0] = uniform_int(r, 120, 420);
		break;
	case JH_TYPE_TEACHING_POINT:
		s->base[0] = uniform_int(r, 12, 82);
		break;
	case JH_TYPE_JUNIOR:
		s->base[1] = s->loc == LOC_URBAN ? uniform_int(r, 1000, 2200) :
		                                   uniform_int(r, 350, 900);
		break;
	case JH_TYPE_NINE_YEAR:
		s->base[0] = uniform_int(r, 700, 1300);
		s->base[1] = uniform_int(r, 350, 700);
		break;
	case JH_TYPE_TWELVE_YEAR:
		s->base[0] = uniform_int(r, 500, 800);
		s->base[1] = uniform_int(r, 450, 750);
		s->base[2] = uniform_int(r, 500, 900);
		break;
	case JH_TYPE_COMPLETE_MIDDLE:
		s->base[1] = uniform_int(r, 700, 1500);
		s->base[2] = uniform_int(r, 1200, 2400);
		break;
	default:
		break;
	}
	switch (s->role) {
	case R_EQUIP_FLOOR:    s->base[0] = 620; break;
	case R_FIVE_OF_SEVEN:  s->base[0] = 1500; break;
	case R_RICH_SPORTS:    s->base[0] = s->loc == LOC_URBAN ? 1500 : 700; break;
	case R_TP50:           s->base[0] = 50; break;
	case R_TP49:           s->base[0] = 49; break;
	default:               break;
	}
	/* Towns and the county seat grow, villages empty. */
	s->drift = (s->loc == LOC_URBAN ? 0.97 : s->loc == LOC_TOWN ? 0.995 : 1.035) *
	           uniform(r, 0.99, 1.01);
	s->tpr[0] = tpr_primary[s->loc] * uniform(r, 0.95, 1.08);
	s->tpr[1] = tpr_junior[s->loc] * uniform(r, 0.95, 1.08);
	if (s->type == JH_TYPE_TEACHING_POINT)
		s->tpr[0] = 8;
}

static struct school *add_school(struct city *c, int county, int *serial,
                                 jh_school_type type, enum loc loc,
                                 enum role role, const char *parent,
                                 const char *fmt, const char *a, const char *b)
{
	struct school *s;

	if (c->n >= MAX_SCHOOLS) {
		fprintf(stderr, "gen_sample: too many schools\n");
		exit(1);
	}
	s = &c->s[c->n++];
	memset(s, 0, sizeof *s);
	s->county = county;
	s->type = type;
	s->loc = loc;
	s->role = role;
	/* 学校标识码: "21" (basic education) + fictional province/city 3699 +
	 * county 01..07 + serial. */
	++*serial;
	snprintf(s->code, sizeof s->code, "213699%02u%02u",
	         (unsigned)(county + 1) % 100u, (unsigned)*serial % 100u);
	snprintf(s->name, sizeof s->name, fmt, a, b);
	snprintf(s->parent, sizeof s->parent, "%s", parent ? parent : "");
	s->seed = SEED ^ strtoull(s->code, NULL, 10) * 0x9E3779B97F4A7C15ull;
	draw_size(s);
	draw_targets(s);
	return s;
}

static void plan_city(struct city *c)
{
	c->n = 0;
	for (int k = 0; k < NCOUNTIES; k++) {
		const struct county_spec *cs = &counties[k];
		int serial = 0, vi = k * 7, tps = 0, num = 0;
		const char *ur = cs->is_district ? "%s第%s小学" : "%s城关第%s小学";

		/* The county seat (城区). */
		for (int i = 0; i < cs->urban_primary; i++) {
			enum role role = R_NONE;
			if (cs->profile == P_FIVE && i == 3)
				role = R_FIVE_OF_SEVEN;
			if (cs->profile == P_CV && i == 1)
				role = R_RICH_SPORTS;
			if (i == 0)
				add_school(c, k, &serial, JH_TYPE_PRIMARY, LOC_URBAN, role,
				           NULL, "%s实验小学%s", cs->name, "");
			else
				add_school(c, k, &serial, JH_TYPE_PRIMARY, LOC_URBAN, role,
				           NULL, ur, cs->name, numerals[i - 1]);
		}
		for (int i = 0; i < cs->nine_year; i++)
			add_school(c, k, &serial, JH_TYPE_NINE_YEAR, LOC_URBAN, R_NONE,
			           NULL, i ? "%s城南学校%s" : "%s实验学校%s", cs->name, "");
		if (cs->twelve_year)
			add_school(c, k, &serial, JH_TYPE_TWELVE_YEAR, LOC_URBAN, R_NONE,
			           NULL, "%s%s", cs->twelve_year, "");
		for (int i = 0; i < cs->complete_middle; i++)
			add_school(c, k, &serial, JH_TYPE_COMPLETE_MIDDLE, LOC_URBAN,
			           R_NONE, NULL, "%s第%s中学", cs->sec_prefix,
			           numerals[num++]);
		for (int i = 0; i < cs->urban_junior; i++)
			add_school(c, k, &serial, JH_TYPE_JUNIOR, LOC_URBAN, R_NONE,
			           NULL, "%s第%s中学", cs->sec_prefix, numerals[num++]);

		/* Towns and townships: a central primary, a junior school,
		 * village primaries and teaching points under the central
		 * primary. */
		for (int t = 0; cs->towns[t].name; t++) {
			const struct town *tw = &cs->towns[t];
			enum loc tl = town_loc(tw->name);
			enum role role = R_NONE;
			struct school *central;
			char parent[16];

			if (t == 0 && cs->profile == P_ONE_FLOOR)
				role = R_EQUIP_FLOOR;
			if (t == 0 && cs->profile == P_CV)
				role = R_RICH_SPORTS;
			central = add_school(c, k, &serial, JH_TYPE_PRIMARY, tl, role,
			                     NULL, "%s中心小学%s", tw->name, "");
			snprintf(parent, sizeof parent, "%s", central->code);
			add_school(c, k, &serial, JH_TYPE_JUNIOR, tl, R_NONE, NULL,
			           "%s中学%s", tw->name, "");
			for (int v = 0; v < tw->villages; v++) {
				role = cs->profile == P_POOR && t < 2 && v == 0 ?
				       R_SHORT_TEACHERS : R_NONE;
				add_school(c, k, &serial, JH_TYPE_PRIMARY, LOC_RURAL, role,
				           NULL, "%s%s小学", tw->name,
				           villages[vi++ % NVILLAGES]);
			}
			for (int v = 0; v < tw->tps; v++, tps++) {
				role = R_NONE;
				if (cs->profile == P_TP && tps == 0)
					role = R_TP50;
				if (cs->profile == P_TP && tps == 1)
					role = R_TP49;
				add_school(c, k, &serial, JH_TYPE_TEACHING_POINT, LOC_RURAL,
				           role, parent, "%s%s教学点", tw->name,
				           villages[vi++ % NVILLAGES]);
			}
		}
	}
}

/* --- one school in one year ----------------------------------------------- */

static const jh_field f_qualified[2] = {JH_F_QUALIFIED_PRIMARY, JH_F_QUALIFIED_JUNIOR};
static const jh_field f_key[2] = {JH_F_KEY_PRIMARY, JH_F_KEY_JUNIOR};
static const jh_field f_pe_art[2] = {JH_F_PE_ART_PRIMARY, JH_F_PE_ART_JUNIOR};
static const jh_field f_teachers[2] = {JH_F_TEACHERS_PRIMARY, JH_F_TEACHERS_JUNIOR};
static const jh_field f_students[3] = {JH_F_STUDENTS_PRIMARY, JH_F_STUDENTS_JUNIOR,
                                       JH_F_STUDENTS_SENIOR};
static const jh_field f_shared[JH_IND__COUNT] = {
	[JH_IND_TEACHING_AREA] = JH_F_TEACHING_AREA,
	[JH_IND_SPORTS_AREA] = JH_F_SPORTS_AREA,
	[JH_IND_EQUIPMENT] = JH_F_EQUIPMENT_VALUE,
	[JH_IND_MULTIMEDIA] = JH_F_MULTIMEDIA_ROOMS,
};

/* How a resource in `year` compares with 2024.  Qualifications improve
 * and equipment and multimedia rooms grow every year; buildings stay.
 * County G's town and village schools were rebuilt in 2023-24
 * (薄弱学校改造): before that they had much less of everything. */
static double year_factor(const struct school *s, jh_indicator i, int year)
{
	static const double base_rate[JH_IND__COUNT] = {
		[JH_IND_QUALIFIED] = 0.97, [JH_IND_KEY] = 0.98,
		[JH_IND_PE_ART] = 1, [JH_IND_TEACHING_AREA] = 1,
		[JH_IND_SPORTS_AREA] = 1, [JH_IND_EQUIPMENT] = 0.95,
		[JH_IND_MULTIMEDIA] = 0.93,
	};
	static const double rebuilt[JH_IND__COUNT][NYEARS] = {
		/* 2022, 2023, 2024 */
		[JH_IND_QUALIFIED] = {0.95, 1, 1},
		[JH_IND_KEY] = {0.85, 0.95, 1},
		[JH_IND_PE_ART] = {0.85, 0.95, 1},
		[JH_IND_TEACHING_AREA] = {0.95, 1, 1},
		[JH_IND_SPORTS_AREA] = {0.80, 1, 1},
		[JH_IND_EQUIPMENT] = {0.72, 0.78, 1},
		[JH_IND_MULTIMEDIA] = {0.75, 0.80, 1},
	};
	double f = pow(base_rate[i], LAST_YEAR - year);

	if (counties[s->county].profile == P_IMPROVED && s->loc != LOC_URBAN)
		f *= rebuilt[i][year - FIRST_YEAR];
	return f;
}

static double students(const struct school *s, int st, int year)
{
	uint64_t r = s->seed ^ (uint64_t)year * 0xD1B54A32D192ED03ull ^ (uint64_t)st;
	double n;

	if (s->base[st] <= 0)
		return 0;
	if (year == LAST_YEAR)
		return s->base[st];
	n = floor(s->base[st] * pow(s->drift, LAST_YEAR - year) *
	          uniform(&r, 0.985, 1.015) + 0.5);
	return n < 1 ? 1 : n;
}

/* A count meant to reach target × threshold: up when it should meet the
 * threshold, down when it should miss it. */
static double rounded(double x, double mult, double unit)
{
	return mult >= 1 ? ceil(x / unit - 1e-6) * unit : floor(x / unit + 1e-6) * unit;
}

static int per100(jh_indicator i)
{
	return i == JH_IND_QUALIFIED || i == JH_IND_KEY || i == JH_IND_PE_ART ||
	       i == JH_IND_MULTIMEDIA;
}

static double unit_of(jh_indicator i)
{
	return i == JH_IND_TEACHING_AREA || i == JH_IND_SPORTS_AREA ? 0.1 : 1;
}

/* A shared resource (floor area, equipment, rooms) in 2024: enough that
 * each compulsory stage, after the split by weighted students, gets its
 * target value: stage value = R · w_st / W, so R = target_st · W / w_st. */
static double shared_2024(const struct school *s, const jh_standard *std,
                          jh_indicator i)
{
	double W = 0, need = 0, minmult = 10;

	for (int k = 0; k < 3; k++)
		W += std->stage_weight[k] * s->base[k];
	for (int st = 0; st < 2; st++) {
		double t;
		if (s->base[st] <= 0)
			continue;
		t = std->threshold[st][i] * s->mult[st][i] / std->stage_weight[st];
		if (t > need)
			need = t;
		if (s->mult[st][i] < minmult)
			minmult = s->mult[st][i];
	}
	need *= W;
	if (per100(i))
		need /= 100;
	need = rounded(need, minmult, unit_of(i));
	if (i == JH_IND_MULTIMEDIA && need < 1)
		need = 1;
	return need;
}

static void build_row(const struct school *s, const jh_standard *std,
                      int year, jh_school_year *sy)
{
	const struct county_spec *cs = &counties[s->county];

	memset(sy, 0, sizeof *sy);
	snprintf(sy->school_code, sizeof sy->school_code, "%s", s->code);
	snprintf(sy->county_code, sizeof sy->county_code, "%s", cs->code);
	snprintf(sy->parent_code, sizeof sy->parent_code, "%s", s->parent);
	sy->year = year;
	sy->type = s->type;
	sy->school_name = s->name;
	for (int f = JH_F_MULTIMEDIA_ROOMS + 1; f < JH_F__COUNT; f++)
		sy->v[f] = NAN;      /* optional columns: not given */
	for (int st = 0; st < 3; st++)
		sy->v[f_students[st]] = students(s, st, year);
	/* Teachers are counted per stage (not split). */
	for (int st = 0; st < 2; st++) {
		double n = sy->v[f_students[st]], cnt[3], total;
		if (n <= 0)
			continue;
		for (int i = 0; i < 3; i++) {
			double m = s->mult[st][i] * year_factor(s, (jh_indicator)i, year);
			cnt[i] = rounded(n * std->threshold[st][i] * m / 100, m, 1);
		}
		total = floor(n * s->tpr[st] / 100 + 0.5);
		if (total < cnt[0] + ceil(cnt[0] * 0.04))
			total = cnt[0] + ceil(cnt[0] * 0.04);
		for (int i = 1; i < 3; i++)
			if (total < cnt[i])
				total = cnt[i];
		if (total < 2)
			total = 2;
		sy->v[f_qualified[st]] = cnt[0];
		sy->v[f_key[st]] = cnt[1];
		sy->v[f_pe_art[st]] = cnt[2];
		sy->v[f_teachers[st]] = total;
	}
	/* Shared resources: 2024 by design, earlier years scaled back. */
	for (int i = JH_IND_TEACHING_AREA; i < JH_IND__COUNT; i++) {
		double r = shared_2024(s, std, (jh_indicator)i);
		double u = unit_of((jh_indicator)i);
		if (year != LAST_YEAR) {
			r = floor(r * year_factor(s, (jh_indicator)i, year) / u + 0.5) * u;
			if (i == JH_IND_MULTIMEDIA && r < 1)
				r = 1;
		}
		sy->v[f_shared[i]] = r;
	}
}

/* --- tuning county C --------------------------------------------------------- */

/* County C's primary sports-area coefficient when its rich schools have
 * `h` m² per student in 2024. */
static double county_c_cv(struct city *c, const jh_standard *std, int county,
                          double h)
{
	jh_dataset *ds = jh_dataset_new();
	jh_result *res = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_filter f = {.county_code = counties[county].code, .year = LAST_YEAR};
	double cv = NAN;

	if (!ds)
		return NAN;
	for (int i = 0; i < c->n; i++) {
		struct school *s = &c->s[i];
		jh_school_year sy;
		if (s->county != county)
			continue;
		if (s->role == R_RICH_SPORTS)
			s->mult[JH_STAGE_PRIMARY][JH_IND_SPORTS_AREA] =
				h / std->threshold[JH_STAGE_PRIMARY][JH_IND_SPORTS_AREA];
		build_row(s, std, LAST_YEAR, &sy);
		if (jh_dataset_add(ds, &sy))
			goto out;
	}
	if (jh_eval(ds, std, &f, &res, &d) == JH_OK && res->ncounties == 1)
		cv = res->counties[0].stage[JH_STAGE_PRIMARY].cv[JH_IND_SPORTS_AREA];
out:
	jh_result_free(res);
	jh_diags_free(&d);
	jh_dataset_free(ds);
	return cv;
}

static int tune_county_c(struct city *c, const jh_standard *std, double *h_out)
{
	const double target = 0.51;
	double lo = 7.6, hi = 80;
	int county = -1;

	for (int k = 0; k < NCOUNTIES; k++)
		if (counties[k].profile == P_CV)
			county = k;
	if (county < 0 || county_c_cv(c, std, county, hi) < target)
		return -1;
	for (int it = 0; it < 60; it++) {
		double mid = (lo + hi) / 2;
		if (county_c_cv(c, std, county, mid) < target)
			lo = mid;
		else
			hi = mid;
	}
	/* Round to 0.1 m² per student, upwards so the CV stays over 0.51. */
	*h_out = ceil(hi * 10) / 10;
	county_c_cv(c, std, county, *h_out);
	return 0;
}

/* --- writing ------------------------------------------------------------------ */

/* The 15 numeric columns of the 2017 template, students_primary through
 * multimedia_rooms; any optional columns the library may know after them
 * are not written. */
#define NFIELDS (JH_F_MULTIMEDIA_ROOMS + 1)

static const char *const header_zh[] = {
	"学校标识码", "学校名称", "县（市、区）代码", "年度", "办学类型", "所属中心校",
	"小学在校生数", "初中在校生数", "高中在校生数",
	"小学高于规定学历教师数", "初中高于规定学历教师数",
	"小学县级及以上骨干教师数", "初中县级及以上骨干教师数",
	"小学体育、艺术（美术、音乐）专任教师数", "初中体育、艺术（美术、音乐）专任教师数",
	"小学专任教师数", "初中专任教师数",
	"教学及辅助用房面积", "体育运动场馆面积", "教学仪器设备值", "网络多媒体教室数",
	"城乡类型",
};

static void write_header(jh_buf *b, int zh, const char *eol)
{
	if (zh) {
		for (size_t i = 0; i < sizeof header_zh / sizeof header_zh[0]; i++)
			jh_buf_addf(b, "%s%s", i ? "," : "", header_zh[i]);
	} else {
		jh_buf_adds(b, "school_code,school_name,county_code,year,school_type,"
		               "parent_code");
		for (int f = 0; f < NFIELDS; f++)
			jh_buf_addf(b, ",%s", jh_field_key((jh_field)f));
		jh_buf_adds(b, ",location");
	}
	jh_buf_adds(b, eol);
}

static void write_row(jh_buf *b, const struct school *s,
                      const jh_school_year *sy, int zh, const char *eol)
{
	jh_buf_addf(b, "%s,", sy->school_code);
	jh_buf_addcsv(b, sy->school_name);
	jh_buf_addf(b, ",%s,%d,%s,%s", sy->county_code, sy->year,
	            zh ? jh_school_type_name(sy->type, "zh") :
	                 jh_school_type_key(sy->type),
	            sy->parent_code);
	for (int f = 0; f < NFIELDS; f++) {
		if (f == JH_F_TEACHING_AREA || f == JH_F_SPORTS_AREA)
			jh_buf_addf(b, ",%.1f", sy->v[f]);
		else
			jh_buf_addf(b, ",%.0f", sy->v[f]);
	}
	jh_buf_addf(b, ",%s%s", zh ? loc_zh[s->loc] : loc_en[s->loc], eol);
}

static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "gen_sample: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* UTF-8 to GB18030 with iconv(3). */
static int to_gb18030(const char *in, size_t n, jh_buf *out)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	char *src = (char *)in;
	size_t left = n;
	int rc = 0;

	if (cd == (iconv_t)-1)
		return -1;
	while (left) {
		char *dst;
		size_t room;

		if (jh_buf_grow(out, left * 2 + 16)) {
			rc = -1;
			break;
		}
		dst = out->data + out->len;
		room = out->cap - out->len - 1;
		if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1 &&
		    errno != E2BIG) {
			rc = -1;
			break;
		}
		out->len = (size_t)(dst - out->data);
		out->data[out->len] = '\0';
	}
	iconv_close(cd);
	return rc;
}

static int write_city(const struct city *c, const jh_standard *std,
                      const char *dir)
{
	char path[4096];
	jh_school_year sy;
	int rc = 0;

	for (int year = FIRST_YEAR; year <= LAST_YEAR && !rc; year++) {
		jh_buf b = JH_BUF_INIT;
		write_header(&b, 0, "\n");
		for (int i = 0; i < c->n; i++) {
			build_row(&c->s[i], std, year, &sy);
			write_row(&b, &c->s[i], &sy, 0, "\n");
		}
		snprintf(path, sizeof path, "%s/schools-%d.csv", dir, year);
		rc = b.oom ? -1 : write_file(path, b.data, b.len);
		jh_buf_free(&b);
	}
	if (!rc) {
		jh_buf b = JH_BUF_INIT, gb = JH_BUF_INIT;
		write_header(&b, 1, "\r\n");
		for (int i = 0; i < c->n; i++) {
			build_row(&c->s[i], std, LAST_YEAR, &sy);
			write_row(&b, &c->s[i], &sy, 1, "\r\n");
		}
		snprintf(path, sizeof path, "%s/gb18030", dir);
		if (mkdir(path, 0777) && errno != EEXIST) {
			fprintf(stderr, "gen_sample: %s: %s\n", path, strerror(errno));
			rc = -1;
		} else if (b.oom || to_gb18030(b.data, b.len, &gb) || gb.oom) {
			fprintf(stderr, "gen_sample: cannot encode GB18030\n");
			rc = -1;
		} else {
			snprintf(path, sizeof path, "%s/gb18030/schools-%d.csv", dir,
			         LAST_YEAR);
			rc = write_file(path, gb.data, gb.len);
		}
		jh_buf_free(&b);
		jh_buf_free(&gb);
	}
	return rc;
}

/* --- reading back and checking ------------------------------------------- */

static int load(jh_dataset *ds, const char *path, const char *want_enc)
{
	FILE *f = fopen(path, "rb");
	jh_buf b = JH_BUF_INIT, msg = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t = NULL;
	char chunk[65536], *text = NULL;
	const char *enc = NULL;
	size_t n, tlen;
	int rc = -1;

	if (!f) {
		fprintf(stderr, "gen_sample: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		jh_buf_add(&b, chunk, n);
	fclose(f);
	if (b.oom || jh_to_utf8(b.data, b.len, &text, &tlen, &enc) ||
	    strcmp(enc, want_enc)) {
		fprintf(stderr, "gen_sample: %s: not read as %s\n", path, want_enc);
		goto out;
	}
	if (jh_csv_parse(text, tlen, path, &t, &d) ||
	    jh_dataset_add_table(ds, t, &d)) {
		jh_diags_format(&d, "en", &msg);
		fprintf(stderr, "%s", msg.data ? msg.data : "");
		goto out;
	}
	rc = 0;
out:
	jh_table_free(t);
	free(text);
	jh_buf_free(&b);
	jh_buf_free(&msg);
	jh_diags_free(&d);
	return rc;
}

/* Every check names what failed; `fails` counts them. */
#define CHECK(cond, ...) do { \
		if (!(cond)) { \
			fprintf(stderr, "gen_sample: check failed: "); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
			(*fails)++; \
		} } while (0)

static const jh_county_result *find_county(const jh_result *r,
                                           const char *code, int year)
{
	for (size_t i = 0; i < r->ncounties; i++)
		if (!strcmp(r->counties[i].county_code, code) &&
		    r->counties[i].year == year)
			return &r->counties[i];
	return NULL;
}

static size_t failing(const jh_county_result *cr)
{
	return cr->stage[0].schools_failing + cr->stage[1].schools_failing;
}

static int cv_fails(const jh_county_result *cr, int st)
{
	int n = 0;

	for (int i = 0; i < JH_IND__COUNT; i++)
		n += !cr->stage[st].cv_pass[i];
	return n;
}

/* The failing evaluated units of a county-year; *first is the first one. */
static size_t failing_units(const jh_result *r, const jh_county_result *cr,
                            const jh_unit **first)
{
	size_t n = 0;

	*first = NULL;
	for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
		const jh_unit *u = &r->units[k];
		if (u->status != JH_UNIT_EVALUATED || u->passes)
			continue;
		if (!n++)
			*first = u;
	}
	return n;
}

static void check_county(const jh_result *r, const struct county_spec *cs,
                         int *fails)
{
	const jh_county_result *cr[NYEARS], *c;
	const jh_unit *u;
	const char *L = cs->letter;

	for (int y = 0; y < NYEARS; y++) {
		cr[y] = find_county(r, cs->code, FIRST_YEAR + y);
		CHECK(cr[y], "%s %s %d not evaluated", L, cs->code, FIRST_YEAR + y);
		if (!cr[y])
			return;
	}
	c = cr[NYEARS - 1];
	switch (cs->profile) {
	case P_PASS:
	case P_TP:
		for (int y = 0; y < NYEARS; y++)
			CHECK(cr[y]->passes && !failing(cr[y]) &&
			      cr[y]->stage[0].all_cv_pass && cr[y]->stage[1].all_cv_pass,
			      "%s should pass in %d", L, FIRST_YEAR + y);
		break;
	case P_ONE_FLOOR:
		CHECK(!c->passes && failing(c) == 1 && c->stage[0].all_cv_pass &&
		      c->stage[1].all_cv_pass, "B: one failing school, all CVs fine");
		failing_units(r, c, &u);
		CHECK(u && u->stage == JH_STAGE_PRIMARY && u->met == 6 &&
		      u->below_floor == 1 &&
		      fabs(u->value[JH_IND_EQUIPMENT] - 1650) < 1e-6,
		      "B: a primary at 1650 yuan per student");
		break;
	case P_CV: {
		double cv = c->stage[0].cv[JH_IND_SPORTS_AREA];
		CHECK(!c->passes && failing(c) == 0 && cv_fails(c, 0) == 1 &&
		      !c->stage[0].cv_pass[JH_IND_SPORTS_AREA] &&
		      cv > 0.50 && cv < 0.52 && c->stage[1].all_cv_pass,
		      "C: only the primary sports CV fails (%.4f)", cv);
		break;
	}
	case P_POOR:
		CHECK(!c->passes && !c->stage[1].all_cv_pass && failing(c) >= 3,
		      "D: junior CVs and several schools fail");
		break;
	case P_FIVE:
		CHECK(!c->passes && failing(c) == 1 && c->stage[0].all_cv_pass &&
		      c->stage[1].all_cv_pass, "E: one failing school, all CVs fine");
		failing_units(r, c, &u);
		CHECK(u && u->met == 5 && u->below_floor == 0,
		      "E: the school meets 5 of 7, none under 85%%");
		break;
	case P_IMPROVED:
		CHECK(c->passes, "G should pass in %d", LAST_YEAR);
		CHECK(!cr[0]->passes, "G should fail in %d", FIRST_YEAR);
		break;
	}
}

/* The data's own shape: every type, teaching points around 50. */
static void check_shape(const jh_result *r, int *fails)
{
	int types[JH_TYPE__COUNT] = {0}, tp50 = 0, tp49 = 0, tp_small = 0,
	    tp_big = 0;
	const jh_dataset *ds = r->dataset;

	for (size_t i = 0; i < ds->nrows; i++) {
		const jh_school_year *sy = &ds->rows[i];
		double n = sy->v[JH_F_STUDENTS_PRIMARY];
		if (sy->year != LAST_YEAR)
			continue;
		types[sy->type]++;
		if (sy->type != JH_TYPE_TEACHING_POINT)
			continue;
		tp50 += n == 50;
		tp49 += n == 49;
		tp_small += n < 50;
		tp_big += n > 50;
	}
	CHECK(ds->nrows >= 3 * 300, "300+ schools a year");
	CHECK(types[JH_TYPE_PRIMARY] && types[JH_TYPE_JUNIOR] &&
	      types[JH_TYPE_NINE_YEAR] && types[JH_TYPE_TWELVE_YEAR] >= 2 &&
	      types[JH_TYPE_COMPLETE_MIDDLE] >= 3 &&
	      types[JH_TYPE_TEACHING_POINT] >= 20, "every school type");
	CHECK(tp50 && tp49 && tp_small > 1 && tp_big > 1,
	      "teaching points on both sides of 50");
}

/* The GB18030 copy must give the same 2024 result as the UTF-8 file. */
static void check_same(const jh_result *a, const jh_result *b, int *fails)
{
	size_t n = 0;

	for (size_t i = 0; i < a->ncounties; i++) {
		const jh_county_result *x = &a->counties[i], *y;
		if (x->year != LAST_YEAR)
			continue;
		n++;
		y = find_county(b, x->county_code, x->year);
		CHECK(y && y->passes == x->passes && failing(y) == failing(x) &&
		      !memcmp(y->stage[0].cv, x->stage[0].cv, sizeof x->stage[0].cv) &&
		      !memcmp(y->stage[1].cv, x->stage[1].cv, sizeof x->stage[1].cv),
		      "GB18030 copy differs for %s", x->county_code);
	}
	CHECK(n == b->ncounties, "GB18030 copy has other counties");
}

static void print_summary(const jh_result *r)
{
	for (int k = 0; k < NCOUNTIES; k++) {
		printf("  %s %s %s", counties[k].letter, counties[k].code,
		       counties[k].name);
		for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
			const jh_county_result *cr = find_county(r, counties[k].code, y);
			if (!cr)
				continue;
			printf("  %d:%s(%zu/%zu/%d/%d)", y, cr->passes ? "pass" : "FAIL",
			       cr->stage[0].schools + cr->stage[1].schools, failing(cr),
			       cv_fails(cr, 0), cv_fails(cr, 1));
		}
		putchar('\n');
	}
	printf("  (units / failing units / failing primary CVs / failing junior CVs)\n");
}

static int verify(const char *dir, const jh_standard *std)
{
	char path[4096];
	jh_dataset *ds = jh_dataset_new(), *gb = jh_dataset_new();
	jh_result *r = NULL, *rg = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_filter f = {.year = LAST_YEAR};
	int rc = -1, fails = 0;

	if (!ds || !gb)
		goto out;
	for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
		snprintf(path, sizeof path, "%s/schools-%d.csv", dir, y);
		if (load(ds, path, "UTF-8"))
			goto out;
	}
	snprintf(path, sizeof path, "%s/gb18030/schools-%d.csv", dir, LAST_YEAR);
	if (load(gb, path, "GB18030"))
		goto out;
	if (jh_eval(ds, std, NULL, &r, &d) || jh_eval(gb, std, &f, &rg, &d)) {
		fprintf(stderr, "gen_sample: evaluation failed\n");
		goto out;
	}
	for (int k = 0; k < NCOUNTIES; k++)
		check_county(r, &counties[k], &fails);
	check_shape(r, &fails);
	check_same(r, rg, &fails);
	printf("gen_sample: %zu school-years in %s\n", ds->nrows, dir);
	print_summary(r);
	rc = fails ? -1 : 0;
out:
	jh_result_free(r);
	jh_result_free(rg);
	jh_dataset_free(ds);
	jh_dataset_free(gb);
	jh_diags_free(&d);
	return rc;
}

int main(int argc, char **argv)
{
	struct city *city = malloc(sizeof *city);
	jh_standard std;
	jh_diags d = JH_DIAGS_INIT;
	double h;

	if (argc != 2) {
		fprintf(stderr, "usage: gen_sample DIR\n");
		return 2;
	}
	if (jh_standard_national(&std, &d)) {
		fprintf(stderr, "gen_sample: no national standard\n");
		return 1;
	}
	jh_diags_free(&d);
	if (mkdir(argv[1], 0777) && errno != EEXIST) {
		fprintf(stderr, "gen_sample: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (!city)
		return 1;
	plan_city(city);
	if (tune_county_c(city, &std, &h)) {
		fprintf(stderr, "gen_sample: cannot tune county C\n");
		return 1;
	}
	printf("gen_sample: county C's rich schools: %.1f m² sports area per student\n", h);
	if (write_city(city, &std, argv[1])) {
		free(city);
		return 1;
	}
	free(city);
	if (verify(argv[1], &std)) {
		fprintf(stderr, "gen_sample: the sample does not show what it should\n");
		return 1;
	}
	return 0;
}
