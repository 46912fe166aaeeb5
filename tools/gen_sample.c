/*
** gen_sample.c — generate the sample data set in data/sample/.
**
**   build/gen_sample DIR        (make sample: DIR = data/sample)
**
** Writes a fictional prefecture-level city, 江州市, of seven counties
** (369901..369907) and about 310 schools, for the school years 2022, 2023
** and 2024:
**
**   DIR/schools-2022.csv, -2023.csv, -2024.csv   UTF-8, English header keys;
**                                                the 15 required columns,
**                                                location, then the optional
**                                                columns of the guarantee and
**                                                quality items
**   DIR/gb18030/schools-2024.csv                 the 2024 file again, with
**                                                Chinese headers and school
**                                                types, GB18030, CRLF
**   DIR/county-2022.csv, -2023.csv, -2024.csv    county-year records: every
**                                                item of lib/items.c with a
**                                                Chinese evidence note
**   DIR/survey-2022.csv, -2023.csv, -2024.csv    social-recognition survey,
**                                                one row per respondent
**
** Each county is built to reach a chosen 2024 resource verdict (see the
** README in DIR): A passes; B fails on one school under the 85% floor; C
** fails only on one primary difference coefficient; D (poor) fails on
** junior coefficients and several schools; E fails on one school meeting
** only 5 of 7; F passes with many teaching points and a twelve-year school;
** G passes in 2024 after failing in 2022.  On the whole standard, in 2024:
** A passes; B, C and E fail on their resources only; D also fails
** guarantee items 3 (music and art rooms) and 5 (class size); F fails only
** guarantee item 8 (teachers' pay 0.97 of civil servants'); G fails only
** social recognition.  County A's 2023 lacks its survey and its monitoring
** results, so its verdict is incomplete.  The earlier years fail other
** items (the table `expect` below), so that every rule fails somewhere.
**
** Values are drawn as multiples of the national thresholds, so a school's
** indicator values are known by construction; integer counts are rounded
** up for schools meant to meet a threshold and down for those meant to
** miss it.  County C's primary sports-area coefficient is tuned by
** bisection on the sports area of its two well-resourced schools.
**
** After writing, the generator reads its files back through the library
** (the same path as `junheng eval` and `junheng verdict`), evaluates them,
** judges every county-year on the whole standard and checks every intended
** verdict; it exits 1 when one does not hold, so the sample data cannot
** drift from what the README says.
**
** Deterministic: splitmix64 generators seeded from each school's code (and,
** for the columns added later, a second stream, so that adding them left
** the earlier draws unchanged).
*/
#include "junheng.h"
#include "core/core_int.h"   /* the generator reads datasets directly */

#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdarg.h>
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
#define SEED2 0x4775616E6A756E21ull  /* the later columns, county records, survey */

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

/* A school's part in the guarantee and quality items (flags). */
enum {
	X_BIG_CLASS = 1,   /* D: a junior class of 52 (item 5) */
	X_FEW_MUSIC = 2,   /* D: one music room short (item 3) */
	X_SMALL_ART = 4,   /* D: a 72 m² art room (item 3) */
	X_BIG_2022 = 8,    /* G: 2086 pupils in 2022 (item 4) */
	X_THIN_2022 = 16   /* G: an uncertified teacher and under 5% of its
	                      public funds on training in 2022 (items 12, q4) */
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
	/* Guarantee and quality columns, from the second stream. */
	unsigned flags;              /* X_* */
	uint64_t seed2;
	double class_size[2];        /* students per class aimed at */
	int spare_music, spare_art;  /* rooms beyond the need */
	double music_m2, art_m2;     /* the smallest room of each */
	double train_share;          /* training funds ÷ public funds */
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

/* A draw from [lo, hi] mapped linearly onto [lo, top]: the county seats'
 * schools stay within guarantee item 4 (2000 pupils), and the random
 * stream stays in step, so every school keeps its other draws. */
static double squeeze(int x, int lo, int hi, int top)
{
	return lo + floor((double)(x - lo) * (top - lo) / (hi - lo) + 0.5);
}

/* Students in 2024 and teachers per 100 students, by type and location.
 * Urban schools grow, so 2024 is their largest year. */
static void draw_size(struct school *s)
{
	uint64_t *r = &s->seed;
	static const double tpr_primary[3] = {5.4, 6.2, 7.6};
	static const double tpr_junior[3] = {7.8, 8.5, 9.5};

	switch (s->type) {
	case JH_TYPE_PRIMARY:
		if (s->loc == LOC_URBAN)
			s->base[0] = squeeze(uniform_int(r, 1200, 2600), 1200, 2600, 1950);
		else if (strstr(s->name, "中心小学"))
			s->base[0] = uniform_int(r, 550, 1250);
		else
			s->base[0] = uniform_int(r, 120, 420);
		break;
	case JH_TYPE_TEACHING_POINT:
		s->base[0] = uniform_int(r, 12, 82);
		break;
	case JH_TYPE_JUNIOR:
		s->base[1] = s->loc == LOC_URBAN ?
		             squeeze(uniform_int(r, 1000, 2200), 1000, 2200, 1950) :
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

/* Class sizes, music and art rooms, training funds: the second stream. */
static void draw_extras(struct school *s)
{
	/* Students per class aimed at, by stage and location; a teaching
	 * point teaches a few mixed-grade classes. */
	static const double size[2][3][2] = {
		{[LOC_URBAN] = {40, 44}, [LOC_TOWN] = {37, 43}, [LOC_RURAL] = {30, 40}},
		{[LOC_URBAN] = {42, 46}, [LOC_TOWN] = {40, 45}, [LOC_RURAL] = {38, 44}},
	};
	uint64_t *r = &s->seed2;

	s->seed2 = SEED2 ^ strtoull(s->code, NULL, 10) * 0xD1B54A32D192ED03ull;
	for (int st = 0; st < 2; st++)
		s->class_size[st] = uniform(r, size[st][s->loc][0], size[st][s->loc][1]);
	if (s->type == JH_TYPE_TEACHING_POINT)
		s->class_size[0] = uniform(r, 18, 24);
	s->spare_music = uniform(r, 0, 1) < 0.35;
	s->spare_art = uniform(r, 0, 1) < 0.3;
	s->music_m2 = uniform_int(r, 96, 128);
	s->art_m2 = uniform_int(r, 90, 120);
	s->train_share = uniform(r, 0.052, 0.085);
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
	draw_extras(s);
	return s;
}

static void plan_city(struct city *c)
{
	c->n = 0;
	for (int k = 0; k < NCOUNTIES; k++) {
		const struct county_spec *cs = &counties[k];
		int serial = 0, vi = k * 7, tps = 0, num = 0, d_town_seen = 0;
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
				           NULL, "%s实验小学%s", cs->name, "")->flags =
					cs->profile == P_IMPROVED ? X_BIG_2022 : 0;
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
			           NULL, "%s第%s中学", cs->sec_prefix, numerals[num++])->flags =
				cs->profile == P_POOR && i == 0 ? X_BIG_CLASS : 0;

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
			/* D: the first town's (镇) central primary is a music
			 * room short. */
			if (cs->profile == P_POOR && tl == LOC_TOWN && !d_town_seen++)
				central->flags |= X_FEW_MUSIC;
			snprintf(parent, sizeof parent, "%s", central->code);
			add_school(c, k, &serial, JH_TYPE_JUNIOR, tl, R_NONE, NULL,
			           "%s中学%s", tw->name, "")->flags =
				cs->profile == P_POOR && t == 0 ? X_SMALL_ART : 0;
			for (int v = 0; v < tw->villages; v++) {
				struct school *vs;
				role = cs->profile == P_POOR && t < 2 && v == 0 ?
				       R_SHORT_TEACHERS : R_NONE;
				vs = add_school(c, k, &serial, JH_TYPE_PRIMARY, LOC_RURAL, role,
				                NULL, "%s%s小学", tw->name,
				                villages[vi++ % NVILLAGES]);
				if (cs->profile == P_IMPROVED && t < 3 && v == 0)
					vs->flags |= X_THIN_2022;
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
	/* G: the county seat's 实验小学 was oversized (大校额) until 2023,
	 * when 新丰县博文学校 took in its overflow. */
	if ((s->flags & X_BIG_2022) && st == 0 && year == FIRST_YEAR)
		return 2086;
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

/* --- guarantee and quality columns ------------------------------------ */

/* Classes of a stage in a year: the students at the class size aimed at,
 * and at least one class a grade (six primary, three junior) in a school;
 * a teaching point has a few mixed-grade classes. */
static double classes(const struct school *s, int st, int year)
{
	double n = students(s, st, year), c;

	if (n <= 0)
		return 0;
	c = ceil(n / s->class_size[st] - 1e-9);
	if (s->type == JH_TYPE_TEACHING_POINT)
		return c < 1 ? 1 : c;
	return c < (st ? 3 : 6) ? (st ? 3 : 6) : c;
}

/* The largest class: the mean rounded up plus 0–3, within the limit
 * (45 / 50), and never more than the stage's students. */
static double largest_class(const struct school *s, const jh_standard *std,
                            int st, int year)
{
	uint64_t r = s->seed2 ^ (uint64_t)year * 0x9E3779B97F4A7C15ull ^ (uint64_t)(st + 7);
	double n = students(s, st, year), c = classes(s, st, year), m;

	if (n <= 0)
		return NAN;
	if (st == JH_STAGE_JUNIOR && (s->flags & X_BIG_CLASS))
		return 52;
	m = ceil(n / c - 1e-9) + uniform_int(&r, 0, 3);
	if (m > std->class_max[st])
		m = std->class_max[st];
	return m > n ? n : m;
}

/* Music and art rooms needed: one of each per 12 classes, at least one. */
static double room_need(const struct school *s, const jh_standard *std,
                        int year)
{
	double n = ceil((classes(s, 0, year) + classes(s, 1, year)) /
	                std->classes_per_room - 1e-9);
	return n < 1 ? 1 : n;
}

/* Rooms are buildings: the same in every year, enough for the year with
 * the most classes, plus a spare in some schools.  Teaching points have
 * none (guarantee item 3 names 小学 and 初中 only). */
static double rooms(const struct school *s, const jh_standard *std, int music)
{
	double hi = 0, lo = INFINITY;

	if (s->type == JH_TYPE_TEACHING_POINT)
		return 0;
	for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
		double n = room_need(s, std, y);
		hi = n > hi ? n : hi;
		lo = n < lo ? n : lo;
	}
	if (music && (s->flags & X_FEW_MUSIC))
		return lo - 1;
	return hi + (music ? s->spare_music : s->spare_art);
}

/* 生均公用经费 (yuan per student and year), primary, junior, senior. */
static const double funds_rate[NYEARS][3] = {
	{700, 900, 1000}, {720, 930, 1050}, {750, 960, 1100},
};

static double public_funds(const struct school *s, int year)
{
	const double *rate = funds_rate[year - FIRST_YEAR];
	double p = students(s, 0, year);

	/* Guarantee item 6: village schools and teaching points under 100
	 * pupils are funded as 100. */
	if ((s->type == JH_TYPE_TEACHING_POINT ||
	     (s->type == JH_TYPE_PRIMARY && s->loc == LOC_RURAL)) && p < 100)
		p = 100;
	return rate[0] * p + rate[1] * students(s, 1, year) +
	       rate[2] * students(s, 2, year);
}

static void guarantee_columns(const struct school *s, const jh_standard *std,
                              int year, jh_school_year *sy)
{
	static const jh_field fc[2] = {JH_F_CLASSES_PRIMARY, JH_F_CLASSES_JUNIOR};
	static const jh_field fl[2] = {JH_F_LARGEST_CLASS_PRIMARY, JH_F_LARGEST_CLASS_JUNIOR};
	int thin = (s->flags & X_THIN_2022) && year == FIRST_YEAR;
	double pf = public_funds(s, year), share;

	for (int st = 0; st < 2; st++) {
		sy->v[fc[st]] = classes(s, st, year);
		sy->v[fl[st]] = largest_class(s, std, st, year);
	}
	sy->v[JH_F_MUSIC_ROOMS] = rooms(s, std, 1);
	sy->v[JH_F_ART_ROOMS] = rooms(s, std, 0);
	if (s->type != JH_TYPE_TEACHING_POINT) {
		sy->v[JH_F_MUSIC_ROOM_MIN_AREA] = s->music_m2;
		sy->v[JH_F_ART_ROOM_MIN_AREA] = (s->flags & X_SMALL_ART) ? 72 : s->art_m2;
	}
	sy->v[JH_F_CERTIFIED_TEACHERS] = sy->v[JH_F_TEACHERS_PRIMARY] +
	                                 sy->v[JH_F_TEACHERS_JUNIOR] - thin;
	sy->v[JH_F_PUBLIC_FUNDS] = pf;
	/* Training funds in whole tens of yuan, rounded to the side of 5%
	 * the school is meant to be on. */
	share = thin ? 0.032 + (s->train_share - 0.052) / 2 : s->train_share;
	sy->v[JH_F_TRAINING_FUNDS] = thin ? floor(pf * share / 10) * 10 :
	                                    ceil(pf * share / 10) * 10;
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
	guarantee_columns(s, std, year, sy);
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

/* The 15 required numeric columns of the 2017 template, students_primary
 * through multimedia_rooms; then `location`; then the optional columns of
 * the guarantee and quality items, classes_primary through
 * training_funds_yuan. */
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
	"小学班级数", "初中班级数", "小学最大班额", "初中最大班额",
	"音乐专用教室数", "最小音乐专用教室面积", "美术专用教室数", "最小美术专用教室面积",
	"持证专任教师数", "公用经费预算总额", "教师培训经费",
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
		for (int f = NFIELDS; f < JH_F__COUNT; f++)
			jh_buf_addf(b, ",%s", jh_field_key((jh_field)f));
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
	jh_buf_addf(b, ",%s", zh ? loc_zh[s->loc] : loc_en[s->loc]);
	/* Optional columns: empty where there is nothing (the largest class
	 * of a stage without students, the rooms' area where there are no
	 * rooms). */
	for (int f = NFIELDS; f < JH_F__COUNT; f++) {
		if (isnan(sy->v[f]))
			jh_buf_adds(b, ",");
		else
			jh_buf_addf(b, ",%.0f", sy->v[f]);
	}
	jh_buf_adds(b, eol);
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

/* --- county-year records ------------------------------------------------ */

/* What each county reports, and the years it differs (see `expect`). */
struct county_figs {
	int basic_balance;          /* year recognised */
	double special_ed;          /* yuan per special-school student */
	double civil_pay;           /* civil servants' average pay, 万元 */
	double pay_ratio[NYEARS];   /* teachers' ÷ civil servants' */
	double rotation, rotation_key, nearby_junior, hs_quota, migrant,
	       retention, disabled;
	const char *moral;          /* 德育与校园文化 grade */
	int level;                  /* national monitoring level, 3 or 4 */
	double survey[NYEARS];      /* mean recognition aimed at */
};

static const struct county_figs figs[] = {
	/* A */ {2015, 7600, 12.40, {1.04, 1.05, 1.06}, 0.128, 0.27, 0.986, 0.58,
	         0.968, 0.992, 0.985, "优秀", 4, {0.94, 0.95, 0.95}},
	/* B */ {2016, 6600, 10.60, {1.01, 1.02, 1.02}, 0.115, 0.235, 0.972, 0.55,
	         0.921, 0.978, 0.962, "良好", 3, {0.90, 0.91, 0.91}},
	/* C */ {2017, 6800, 10.90, {1.02, 1.03, 1.03}, 0.121, 0.245, 0.978, 0.53,
	         0.935, 0.981, 0.971, "良好", 3, {0.91, 0.92, 0.92}},
	/* D */ {2020, 6000, 9.80, {1.00, 1.00, 1.00}, 0.104, 0.21, 0.955, 0.61,
	         0.874, 0.957, 0.951, "良好", 3, {0.88, 0.89, 0.89}},
	/* E */ {2018, 6500, 10.30, {1.01, 1.01, 1.02}, 0.117, 0.26, 0.969, 0.52,
	         0.903, 0.973, 0.966, "良好", 3, {0.90, 0.90, 0.91}},
	/* F */ {2017, 6200, 11.00, {0.95, 0.96, 0.97}, 0.133, 0.22, 0.961, 0.57,
	         0.889, 0.969, 0.958, "优秀", 3, {0.92, 0.93, 0.93}},
	/* G */ {2019, 6300, 10.20, {1.01, 1.02, 1.02}, 0.112, 0.24, 0.964, 0.54,
	         0.912, 0.975, 0.962, "良好", 3, {0.77, 0.80, 0.825}},
};

/* Subjects of the national monitoring reported each year. */
static const char *const monitored[NYEARS][4] = {
	{"math", "pe", NULL}, {"chinese", "art", NULL}, {"math", "chinese", "science", NULL},
};

static const char *subject_zh(const char *key)
{
	static const char *const s[][2] = {
		{"chinese", "语文"}, {"math", "数学"}, {"science", "科学"},
		{"pe", "体育与健康"}, {"art", "艺术"}, {"moral", "德育"},
	};
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		if (!strcmp(s[i][0], key))
			return s[i][1];
	return key;
}

/* Totals of a county-year, for the evidence notes. */
struct county_totals {
	int schools;
	double teachers, primary, junior, junior_urban_town;
};

static void county_totals(const struct city *c, const jh_standard *std,
                          int k, int year, struct county_totals *t)
{
	jh_school_year sy;

	memset(t, 0, sizeof *t);
	for (int i = 0; i < c->n; i++) {
		if (c->s[i].county != k)
			continue;
		build_row(&c->s[i], std, year, &sy);
		t->schools++;
		t->teachers += sy.v[JH_F_TEACHERS_PRIMARY] + sy.v[JH_F_TEACHERS_JUNIOR];
		t->primary += sy.v[JH_F_STUDENTS_PRIMARY];
		t->junior += sy.v[JH_F_STUDENTS_JUNIOR];
		if (c->s[i].loc != LOC_RURAL)
			t->junior_urban_town += sy.v[JH_F_STUDENTS_JUNIOR];
	}
}

/* A rate as officials write it: "97.8%" in some counties, "0.978" in
 * others; "100%" and "1" when whole. */
static void rate_text(char *out, size_t cap, double x, int pct)
{
	size_t n;

	if (pct)
		snprintf(out, cap, "%.1f", x * 100);
	else
		snprintf(out, cap, "%.3f", x);
	n = strlen(out);
	while (n && out[n - 1] == '0')
		out[--n] = '\0';
	if (n && out[n - 1] == '.')
		out[--n] = '\0';
	if (pct)
		snprintf(out + n, cap - n, "%%");
}

/* m of n as a rate, m rounded up when the figure is meant to pass
 * (m ≥ n·r), down when it is meant to fail. */
static double part_of(double n, double r, int pass)
{
	return pass ? ceil(n * r - 1e-9) : floor(n * r + 1e-9);
}

static void item_row(jh_buf *b, const char *code, int year, const char *key,
                     const char *value, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void item_row(jh_buf *b, const char *code, int year, const char *key,
                     const char *value, const char *fmt, ...)
{
	char note[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(note, sizeof note, fmt, ap);
	va_end(ap);
	jh_buf_addf(b, "%s,%d,%s,", code, year, key);
	jh_buf_addcsv(b, value);
	jh_buf_adds(b, ",");
	jh_buf_addcsv(b, note);
	jh_buf_adds(b, "\n");
}

/* Every county-year item of lib/items.c except certification_rate and
 * training_funds_share_min, which the verdict computes from the schools'
 * rows.  County A's 2023 has no monitoring results (its verdict is
 * incomplete). */
static void county_items(jh_buf *b, const struct city *c,
                         const jh_standard *std, int k, int year)
{
	const struct county_spec *cs = &counties[k];
	const struct county_figs *fg = &figs[k];
	const char *code = cs->code, *gov = cs->is_district ? "区" : "县";
	int yi = year - FIRST_YEAR, pct = k % 2 == 0;
	uint64_t r = SEED2 ^ (uint64_t)(k + 1) * 0x9E3779B97F4A7C15ull ^ (uint64_t)year;
	struct county_totals t;
	char v[64];
	double n, m;

	county_totals(c, std, k, year, &t);

	/* Prerequisite. */
	snprintf(v, sizeof v, "%d", fg->basic_balance);
	item_row(b, code, year, "basic_balance_year", v,
	         "%d年通过国家义务教育基本均衡发展督导评估认定", fg->basic_balance);

	/* Government guarantee. */
	item_row(b, code, year, "layout_plan", "是",
	         "《%s义务教育学校布局专项规划(2021—2035年)》经%s政府批准实施", cs->name, gov);
	item_row(b, code, year, "unified_standards", "是",
	         "城乡学校执行统一的建设标准、编制标准、生均公用经费基准定额和装备配置标准(%s教育局、财政局联合文件)", gov);
	item_row(b, code, year, "small_school_funding", "是",
	         "不足100人的村小学和教学点按100人核定公用经费,%d年小学生均%.0f元", year,
	         funds_rate[yi][0]);
	n = 40 + uniform_int(&r, 0, 80);
	snprintf(v, sizeof v, "%.0f", fg->special_ed + 100 * yi * (cs->profile != P_POOR));
	item_row(b, code, year, "special_ed_funds_per_student", v,
	         "%s特殊教育学校在校生%.0f人,%d年公用经费%.0f元", cs->name, n, year,
	         n * (fg->special_ed + 100 * yi * (cs->profile != P_POOR)));
	snprintf(v, sizeof v, "%.2f", fg->pay_ratio[yi]);
	item_row(b, code, year, "teacher_pay_ratio", v,
	         "%d年义务教育教师年平均工资收入%.2f万元,当地公务员%.2f万元(人社、财政部门核定)",
	         year, fg->civil_pay * fg->pay_ratio[yi], fg->civil_pay);
	item_row(b, code, year, "training_360_rate", pct ? "100%" : "1",
	         "%d—%d年周期应完成360学时培训专任教师%.0f人,已全部完成", year - 4, year,
	         t.teachers);
	item_row(b, code, year, "staffing_coordination", "是",
	         "%s教育局在核定编制总额内按学校规模统筹分配编制和岗位,每年公布", gov);
	{
		/* D rotated too few teachers in 2023. */
		int ok = !(cs->profile == P_POOR && year == 2023);
		double eligible = floor(t.teachers * 0.38 + 0.5);
		double rot = part_of(eligible, ok ? fg->rotation : 0.086, ok);
		double key = part_of(rot, fg->rotation_key, 1);
		rate_text(v, sizeof v, rot / eligible, pct);
		item_row(b, code, year, "rotation_rate", v,
		         "符合交流条件教师%.0f人,%d学年交流轮岗%.0f人", eligible, year, rot);
		rate_text(v, sizeof v, key / rot, pct);
		item_row(b, code, year, "rotation_key_rate", v,
		         "交流轮岗教师%.0f人,其中县级及以上骨干教师%.0f人", rot, key);
	}
	n = floor(t.primary / 6 * 0.8 + 0.5);
	item_row(b, code, year, "nearby_enrolment_primary", pct ? "100%" : "1",
	         "城区和镇区公办小学一年级招生%.0f人,全部按划片就近入学", n);
	n = floor(t.junior_urban_town / 3 + 0.5);
	m = part_of(n, fg->nearby_junior, 1);
	rate_text(v, sizeof v, m / n, pct);
	item_row(b, code, year, "nearby_enrolment_junior", v,
	         "城区和镇区公办初中(不含寄宿制学校)七年级招生%.0f人,就近划片入学%.0f人", n, m);
	{
		/* B allocated too few places in 2022. */
		int ok = !(cs->profile == P_ONE_FLOOR && year == FIRST_YEAR);
		n = floor(t.junior / 3 * 0.35 + 0.5);
		m = part_of(n, ok ? fg->hs_quota : 0.45, ok);
		rate_text(v, sizeof v, m / n, pct);
		item_row(b, code, year, "hs_quota_rate", v,
		         "%d年优质普通高中招生计划%.0f人,分配到各初中%.0f人,向农村初中倾斜", year, n, m);
	}
	n = 300 + uniform_int(&r, 0, 1500);
	item_row(b, code, year, "left_behind_care", "是",
	         "建立留守儿童档案和结对帮扶制度,登记留守儿童%.0f人", n);
	n = floor((t.primary + t.junior) * 0.07 + 0.5);
	m = part_of(n, fg->migrant + 0.002 * yi, 1);
	rate_text(v, sizeof v, m / n, pct);
	item_row(b, code, year, "migrant_public_rate", v,
	         "符合条件的随迁子女%.0f人,在公办学校和政府购买服务的民办学校就读%.0f人", n, m);

	/* Education quality. */
	n = floor(t.junior / 3 * 1.01 + 0.5);
	m = part_of(n, fg->retention, 1);
	rate_text(v, sizeof v, m / n, pct);
	item_row(b, code, year, "junior_retention_rate", v,
	         "%d级初一入学%.0f人,%d届毕业生(按巩固率公式折算)%.0f人", year - 3, n, year, m);
	n = floor((t.primary + t.junior) * 0.0045 + 0.5);
	m = part_of(n, fg->disabled, 1);
	rate_text(v, sizeof v, m / n, pct);
	item_row(b, code, year, "disabled_enrolment_rate", v,
	         "适龄残疾儿童少年%.0f人,入学(含随班就读、送教上门)%.0f人", n, m);
	item_row(b, code, year, "charter_informatization", "是",
	         "全%s%d所学校(含教学点)均已制定章程并经核准,管理与教学平台覆盖全部学校", gov,
	         t.schools);
	item_row(b, code, year, "it_teaching", "是",
	         "抽查课堂%d节,使用信息化手段%d节;多媒体教室周平均使用率%d%%",
	         60 + uniform_int(&r, 0, 40), 55 + uniform_int(&r, 0, 5), 78 + uniform_int(&r, 0, 15));
	{
		/* B's moral education was graded only 合格 in 2022. */
		const char *g = cs->profile == P_ONE_FLOOR && year == FIRST_YEAR ? "合格" : fg->moral;
		item_row(b, code, year, "moral_culture", g,
		         "江州市教育局%d年德育工作和校园文化建设督导评估:%s", year, g);
	}
	item_row(b, code, year, "curriculum", "是",
	         "抽查%d所学校课程表和教学日志,国家课程开齐开足,综合实践活动每周不少于1课时",
	         12 + uniform_int(&r, 0, 8));
	item_row(b, code, year, "no_excess_burden", "是",
	         "作业时间抽查:小学一二年级无书面作业,三至六年级平均%d分钟,初中平均%d分钟",
	         38 + uniform_int(&r, 0, 15), 70 + uniform_int(&r, 0, 15));

	/* One-vote veto.  C had key classes in 2022. */
	item_row(b, code, year, "exam_admission", "否", "义务教育学校招生不举行任何形式的考试或测试");
	item_row(b, code, year, "illegal_school_choice", "否", "公民同招、划片入学,未发现违规择校");
	item_row(b, code, year, "key_schools", "否", "未设立重点学校");
	if (cs->profile == P_CV && year == FIRST_YEAR)
		item_row(b, code, year, "key_classes", "是",
		         "%s第一中学初一年级设2个“实验班”,2023年3月撤销并通报整改", cs->sec_prefix);
	else
		item_row(b, code, year, "key_classes", "否", "各校均衡编班,未设立重点班、实验班");

	/* National monitoring: level (Ⅲ or Ⅳ) and between-school
	 * difference rate.  E's 2022 mathematics differed too much. */
	if (cs->profile == P_PASS && year == 2023)
		return;
	for (int i = 0; monitored[yi][i]; i++) {
		const char *sj = monitored[yi][i];
		char key[64], lv[16];
		int level = fg->level == 4 || uniform(&r, 0, 1) < 0.3 ? 4 : 3;
		double diff = uniform(&r, 0.05, 0.13);
		if (cs->profile == P_FIVE && year == FIRST_YEAR && !strcmp(sj, "math"))
			diff = 0.163;
		snprintf(key, sizeof key, "monitoring_level.%s", sj);
		snprintf(lv, sizeof lv, "%s", level == 4 ? "Ⅳ" : (k % 3 ? "Ⅲ" : "Ⅲ级"));
		item_row(b, code, year, key, lv, "%d年国家义务教育质量监测%s结果报告:学业水平%s",
		         year, subject_zh(sj), level == 4 ? "Ⅳ级" : "Ⅲ级");
		snprintf(key, sizeof key, "monitoring_diff.%s", sj);
		snprintf(v, sizeof v, "%.3f", diff);
		item_row(b, code, year, key, v, "%d年国家义务教育质量监测%s校际差异率", year,
		         subject_zh(sj));
	}
}

/* --- the survey ------------------------------------------------------------ */

static const char *const groups_zh[] = {
	"学生", "家长", "教师", "校长", "人大代表、政协委员", "其他群众",
};
#define NGROUPS 6
/* How each group differs from the county's mean: they sum to 0. */
static const double group_offset[NGROUPS] = {0.03, -0.04, 0.01, 0.04, 0, -0.04};

/* One row per respondent: five questions answered 满意 / 比较满意 (both
 * count as recognising) or 一般 / 不满意.  Each group's share of
 * recognising answers is the county's figure plus the group's offset;
 * exactly round(share × answers) answers recognise.  County A's 2023
 * survey is missing (its verdict is incomplete). */
static void survey_rows(jh_buf *b, int k, int year)
{
	const struct county_spec *cs = &counties[k];

	if (cs->profile == P_PASS && year == 2023)
		return;
	for (int g = 0; g < NGROUPS; g++) {
		uint64_t r = SEED2 ^ (uint64_t)(k + 1) * 0xBF58476D1CE4E5B9ull ^
		             (uint64_t)year * 0x94D049BB133111EBull ^ (uint64_t)g;
		int n = uniform_int(&r, 30, 80), cells = 5 * n, sat, idx[400];
		double p = figs[k].survey[year - FIRST_YEAR] + group_offset[g] +
		           uniform(&r, -0.01, 0.01);
		unsigned char yes[400] = {0};

		if (p > 0.995)
			p = 0.995;
		sat = (int)floor(p * cells + 0.5);
		for (int i = 0; i < cells; i++)
			idx[i] = i;
		/* The first `sat` of a shuffle recognise. */
		for (int i = 0; i < sat; i++) {
			int j = uniform_int(&r, i, cells - 1), x = idx[i];
			idx[i] = idx[j];
			idx[j] = x;
			yes[idx[i]] = 1;
		}
		for (int i = 0; i < n; i++) {
			jh_buf_addf(b, "%s,%d,%s", cs->code, year, groups_zh[g]);
			for (int q = 0; q < 5; q++) {
				double u = uniform(&r, 0, 1);
				jh_buf_addf(b, ",%s", yes[i * 5 + q] ? (u < 0.55 ? "满意" : "比较满意") :
				                                       (u < 0.7 ? "一般" : "不满意"));
			}
			jh_buf_adds(b, "\n");
		}
	}
}

static int write_county_files(const struct city *c, const jh_standard *std,
                              const char *dir)
{
	char path[4096];
	int rc = 0;

	for (int year = FIRST_YEAR; year <= LAST_YEAR && !rc; year++) {
		jh_buf b = JH_BUF_INIT, s = JH_BUF_INIT;
		jh_buf_adds(&b, "county_code,year,item,value,note\n");
		jh_buf_adds(&s, "county_code,year,group,q1,q2,q3,q4,q5\n");
		for (int k = 0; k < NCOUNTIES; k++) {
			county_items(&b, c, std, k, year);
			survey_rows(&s, k, year);
		}
		snprintf(path, sizeof path, "%s/county-%d.csv", dir, year);
		rc = b.oom ? -1 : write_file(path, b.data, b.len);
		snprintf(path, sizeof path, "%s/survey-%d.csv", dir, year);
		if (!rc)
			rc = s.oom ? -1 : write_file(path, s.data, s.len);
		jh_buf_free(&b);
		jh_buf_free(&s);
	}
	return rc;
}

/* --- reading back and checking ------------------------------------------- */

/* What a file holds; the CLI tells them apart by their headers. */
enum kind { K_SCHOOLS, K_COUNTY, K_SURVEY };

/* Read a file as the CLI does (jh_to_utf8, jh_csv_parse), check that its
 * header is recognised as what it is, and add it to ds or items. */
static int load(jh_dataset *ds, jh_county_items *items, const char *path,
                const char *want_enc, enum kind kind)
{
	FILE *f = fopen(path, "rb");
	jh_buf b = JH_BUF_INIT, msg = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	jh_table *t = NULL;
	char chunk[65536], *text = NULL;
	const char *enc = NULL;
	size_t n, tlen;
	int rc = -1, is[3];

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
	if (jh_csv_parse(text, tlen, path, &t, &d))
		goto diags;
	/* `junheng import` tries the area, county-year and survey templates
	 * in that order, then the school-year template. */
	is[K_SCHOOLS] = !jh_areas_table_is(t) && !jh_county_items_table_is(t) &&
	                !jh_survey_table_is(t);
	is[K_COUNTY] = !jh_areas_table_is(t) && jh_county_items_table_is(t);
	is[K_SURVEY] = !jh_areas_table_is(t) && !jh_county_items_table_is(t) &&
	               jh_survey_table_is(t);
	if (!is[kind]) {
		fprintf(stderr, "gen_sample: %s: the CLI would not read it as it should\n", path);
		goto out;
	}
	if ((kind == K_SCHOOLS && jh_dataset_add_table(ds, t, &d)) ||
	    (kind == K_COUNTY && jh_county_items_add_table(items, t, 0, &d)) ||
	    (kind == K_SURVEY && jh_survey_add_table(items, t, 0, &d)))
		goto diags;
	rc = 0;
	goto out;
diags:
	jh_diags_format(&d, "en", &msg);
	fprintf(stderr, "%s", msg.data ? msg.data : "");
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

/* --- the whole standard ------------------------------------------------------ */

/* Every county-year's verdict on the whole standard: whether resource
 * items fail, and exactly which other items fail or are missing. */
static const struct expect {
	const char *letter;
	int year;
	jh_verdict_code verdict;
	int resource;          /* 1: resource items fail */
	const char *fail;      /* the other failing items, space-separated */
	const char *missing;   /* the missing items */
} expect[] = {
	{"A", 2022, JH_VERDICT_PASS, 0, "", ""},
	{"A", 2023, JH_VERDICT_INCOMPLETE, 0, "", "quality.9 recognition"},
	{"A", 2024, JH_VERDICT_PASS, 0, "", ""},
	{"B", 2022, JH_VERDICT_FAIL, 1, "guarantee.14 quality.6", ""},
	{"B", 2023, JH_VERDICT_FAIL, 1, "", ""},
	{"B", 2024, JH_VERDICT_FAIL, 1, "", ""},
	{"C", 2022, JH_VERDICT_FAIL, 1, "veto.key_classes", ""},
	{"C", 2023, JH_VERDICT_FAIL, 1, "", ""},
	{"C", 2024, JH_VERDICT_FAIL, 1, "", ""},
	{"D", 2022, JH_VERDICT_FAIL, 1, "prerequisite.basic_balance guarantee.3 guarantee.5", ""},
	{"D", 2023, JH_VERDICT_FAIL, 1, "guarantee.3 guarantee.5 guarantee.11", ""},
	{"D", 2024, JH_VERDICT_FAIL, 1, "guarantee.3 guarantee.5", ""},
	{"E", 2022, JH_VERDICT_FAIL, 1, "quality.9", ""},
	{"E", 2023, JH_VERDICT_FAIL, 1, "", ""},
	{"E", 2024, JH_VERDICT_FAIL, 1, "", ""},
	{"F", 2022, JH_VERDICT_FAIL, 0, "guarantee.8", ""},
	{"F", 2023, JH_VERDICT_FAIL, 0, "guarantee.8", ""},
	{"F", 2024, JH_VERDICT_FAIL, 0, "guarantee.8", ""},
	{"G", 2022, JH_VERDICT_FAIL, 1, "guarantee.4 guarantee.12 quality.4 recognition", ""},
	{"G", 2023, JH_VERDICT_FAIL, 1, "recognition", ""},
	{"G", 2024, JH_VERDICT_FAIL, 0, "recognition", ""},
};
#define NEXPECT ((int)(sizeof expect / sizeof expect[0]))

static const char *const verdict_name[] = {"pass", "FAIL", "incomplete"};

/* 1 when `word` is one of the space-separated words of `list`. */
static int has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

static int words(const char *list)
{
	int n = 0;

	for (const char *p = list; *p; p++)
		n += *p != ' ' && (p == list || p[-1] == ' ');
	return n;
}

static const jh_verdict_item *verdict_item(const jh_verdict *v, const char *id)
{
	for (size_t i = 0; i < v->count; i++)
		if (!strcmp(v->items[i].id, id))
			return &v->items[i];
	return NULL;
}

/* The failing (or missing) non-resource items, space-separated. */
static void items_with(const jh_verdict *v, jh_item_status st, char *out,
                       size_t cap, int *resource)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < v->count; i++) {
		const jh_verdict_item *it = &v->items[i];
		if (it->status != st)
			continue;
		if (!strcmp(it->part, "resource")) {
			*resource = 1;
			continue;
		}
		if (len + strlen(it->id) + 2 < cap)
			len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? " " : "", it->id);
	}
}

static void check_verdict(const jh_result *r, const jh_county_items *items,
                          const struct expect *e, int print, int *fails)
{
	const struct county_spec *cs = NULL;
	const jh_county_result *cr;
	const jh_verdict_item *it;
	jh_verdict v;
	jh_diags d = JH_DIAGS_INIT;
	char fail[512], missing[512];
	int res_fail = 0, res_missing = 0;

	for (int k = 0; k < NCOUNTIES; k++)
		if (!strcmp(counties[k].letter, e->letter))
			cs = &counties[k];
	cr = find_county(r, cs->code, e->year);
	if (!cr || jh_verdict_county(r, (size_t)(cr - r->counties), items, &v, &d)) {
		CHECK(0, "%s %d: no verdict", e->letter, e->year);
		jh_diags_free(&d);
		return;
	}
	items_with(&v, JH_ITEM_FAIL, fail, sizeof fail, &res_fail);
	items_with(&v, JH_ITEM_MISSING, missing, sizeof missing, &res_missing);
	CHECK(v.verdict == e->verdict, "%s %d: verdict %s, want %s", e->letter, e->year,
	      verdict_name[v.verdict], verdict_name[e->verdict]);
	CHECK(res_fail == e->resource, "%s %d: resource items %s", e->letter, e->year,
	      res_fail ? "fail" : "pass");
	CHECK(!res_missing, "%s %d: resource items missing", e->letter, e->year);
	for (const char *const *list = (const char *const[]){fail, missing, NULL}; *list; list++) {
		const char *want = *list == fail ? e->fail : e->missing;
		int ok = words(*list) == words(want);
		for (const char *p = *list; ok && *p; p += strcspn(p, " "), p += *p == ' ') {
			char w[64];
			size_t n = strcspn(p, " ");
			snprintf(w, sizeof w, "%.*s", (int)n, p);
			ok = has_word(want, w);
		}
		CHECK(ok, "%s %d: %s items '%s', want '%s'", e->letter, e->year,
		      *list == fail ? "failing" : "missing", *list, want);
	}
	/* The figures the README quotes. */
	if (cs->profile == P_TP && e->year == LAST_YEAR)
		CHECK((it = verdict_item(&v, "guarantee.8")) && it->has_value &&
		      fabs(it->value - 0.97) < 1e-9, "F: teachers' pay 0.97 of civil servants'");
	if (cs->profile == P_IMPROVED && e->year == LAST_YEAR)
		CHECK((it = verdict_item(&v, "recognition")) && it->has_value &&
		      it->value > 0.80 && it->value < 0.85,
		      "G: recognition between 80%% and 85%%");
	if (cs->profile == P_IMPROVED && e->year == FIRST_YEAR)
		CHECK((it = verdict_item(&v, "guarantee.4")) && it->value == 1,
		      "G 2022: one oversized school");
	if (cs->profile == P_POOR)
		CHECK((it = verdict_item(&v, "guarantee.3")) && it->value == 2 &&
		      (it = verdict_item(&v, "guarantee.5")) && it->value == 1 &&
		      strstr(it->detail, "52"),
		      "D %d: two schools short of rooms, one class of 52", e->year);
	if (print) {
		it = verdict_item(&v, "recognition");
		printf("  %s %s %d: %-10s%s%s%s%s%s", e->letter, cs->code, e->year,
		       verdict_name[v.verdict], res_fail ? "resource " : "", fail,
		       *missing ? " missing: " : "", missing, *fail || *missing || res_fail ? "" : "-");
		if (it && it->has_value)
			printf("  (recognition %.2f%%)", it->value * 100);
		putchar('\n');
	}
	jh_verdict_free(&v);
	jh_diags_free(&d);
}

/* The GB18030 copy gives the same 2024 rows and the same whole-standard
 * verdict, item by item. */
static void check_same_verdicts(const jh_result *a, const jh_result *b,
                                const jh_county_items *items, int *fails)
{
	const jh_dataset *da = a->dataset, *db = b->dataset;

	for (size_t i = 0; i < db->nrows; i++) {
		const jh_school_year *y = &db->rows[i];
		const jh_school_year *x = jh_dataset_find(da, y->school_code, y->year);
		int same = x && x->location == y->location && x->type == y->type;
		for (int f = 0; same && f < JH_F__COUNT; f++)
			same = (isnan(x->v[f]) && isnan(y->v[f])) || x->v[f] == y->v[f];
		CHECK(same, "GB18030 copy: row %s differs", y->school_code);
	}
	for (size_t i = 0; i < b->ncounties; i++) {
		const jh_county_result *y = &b->counties[i], *x = find_county(a, y->county_code, y->year);
		jh_verdict va, vb;
		jh_diags d = JH_DIAGS_INIT;
		int same = 0;
		memset(&va, 0, sizeof va);
		memset(&vb, 0, sizeof vb);
		if (x && !jh_verdict_county(a, (size_t)(x - a->counties), items, &va, &d) &&
		    !jh_verdict_county(b, i, items, &vb, &d) && va.count == vb.count &&
		    va.verdict == vb.verdict) {
			same = 1;
			for (size_t k = 0; k < va.count; k++)
				same &= !strcmp(va.items[k].id, vb.items[k].id) &&
				        va.items[k].status == vb.items[k].status;
		}
		CHECK(same, "GB18030 copy: verdict differs for %s", y->county_code);
		jh_verdict_free(&va);
		jh_verdict_free(&vb);
		jh_diags_free(&d);
	}
}

/* The survey: 30–80 respondents per group, every group in every
 * county-year but A's 2023. */
static void check_survey(const jh_county_items *items, int *fails)
{
	static const char *const keys[NGROUPS] = {
		"students", "parents", "teachers", "principals", "deputies", "others",
	};
	for (int k = 0; k < NCOUNTIES; k++)
		for (int y = FIRST_YEAR; y <= LAST_YEAR; y++)
			for (int g = 0; g < NGROUPS; g++) {
				char key[64];
				const jh_county_item *it;
				int none = counties[k].profile == P_PASS && y == 2023;
				snprintf(key, sizeof key, "survey.%s.answers", keys[g]);
				it = jh_county_items_find(items, counties[k].code, y, key);
				CHECK(none ? !it : it && atoi(it->value) >= 5 * 30 &&
				                   atoi(it->value) <= 5 * 80,
				      "%s %d: survey of %s", counties[k].letter, y, groups_zh[g]);
			}
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
	jh_county_items *items = jh_county_items_new();
	jh_result *r = NULL, *rg = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_filter f = {.year = LAST_YEAR};
	int rc = -1, nfails = 0, *fails = &nfails;

	if (!ds || !gb || !items)
		goto out;
	for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
		snprintf(path, sizeof path, "%s/schools-%d.csv", dir, y);
		if (load(ds, items, path, "UTF-8", K_SCHOOLS))
			goto out;
		snprintf(path, sizeof path, "%s/county-%d.csv", dir, y);
		if (load(ds, items, path, "UTF-8", K_COUNTY))
			goto out;
		snprintf(path, sizeof path, "%s/survey-%d.csv", dir, y);
		if (load(ds, items, path, "UTF-8", K_SURVEY))
			goto out;
	}
	snprintf(path, sizeof path, "%s/gb18030/schools-%d.csv", dir, LAST_YEAR);
	if (load(gb, items, path, "GB18030", K_SCHOOLS))
		goto out;
	if (jh_eval(ds, std, NULL, &r, &d) || jh_eval(gb, std, &f, &rg, &d)) {
		fprintf(stderr, "gen_sample: evaluation failed\n");
		goto out;
	}
	for (int k = 0; k < NCOUNTIES; k++)
		check_county(r, &counties[k], fails);
	check_shape(r, fails);
	check_same(r, rg, fails);
	check_same_verdicts(r, rg, items, fails);
	check_survey(items, fails);
	CHECK(r->ncounties == (size_t)NEXPECT, "%zu county-years, want %d", r->ncounties, NEXPECT);
	printf("gen_sample: %zu school-years, %zu county-year records in %s\n",
	       ds->nrows, items->count, dir);
	printf("resource allocation:\n");
	print_summary(r);
	printf("the whole standard:\n");
	for (int i = 0; i < NEXPECT; i++)
		check_verdict(r, items, &expect[i], 1, fails);
	rc = nfails ? -1 : 0;
out:
	jh_result_free(r);
	jh_result_free(rg);
	jh_dataset_free(ds);
	jh_dataset_free(gb);
	jh_county_items_free(items);
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
	if (write_city(city, &std, argv[1]) ||
	    write_county_files(city, &std, argv[1])) {
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
