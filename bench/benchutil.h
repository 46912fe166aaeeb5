/*
** bench/benchutil.h — what the benchmarks share.
**
** bench/eval.c, bench/import.c, bench/plan.c and bench/province.c include
** this file; each is built into a program of its own (make bench), so
** everything here is static inline and a program keeps only what it uses:
**
**   splitmix64, uniform, uniform_int   seeded random numbers: a seed gives
**                                      the same sequence on every machine
**   now, maxrss_kb, rss_kb             the clock and resident memory
**   in_child                           a step in a child process of its
**                                      own, its result through a pipe
**   draw_type, draw_pupils             a county's mix of school types and
**                                      each school's pupils (struct mix)
**   draw_school, add_numbers           one school row of the template:
**                                      pupils, teachers and resources, and
**                                      its 15 numeric columns as CSV
**   draw_profile, draw_province_school a province's county profiles and
**                                      schools around level x threshold,
**                                      with the optional columns
**                                      (school_fields)
**   item_value                         a passing value of a county-year
**                                      item
**
** Every generator draws its random numbers in a fixed order (never two in
** the arguments of one call, whose order C leaves open), so that a seed
** always gives the same schools.
*/
#ifndef BENCH_BENCHUTIL_H
#define BENCH_BENCHUTIL_H

#include "junheng.h"
#include "core/core_int.h"   /* benches fill datasets directly */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* --- random numbers ------------------------------------------------------ */

static inline uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi). */
static inline double uniform(uint64_t *s, double lo, double hi)
{
	return lo + (hi - lo) * (double)(splitmix64(s) >> 11) * 0x1.0p-53;
}

/* Uniform whole number in [lo, hi]. */
static inline int uniform_int(uint64_t *s, int lo, int hi)
{
	return lo + (int)(splitmix64(s) % (uint64_t)(hi - lo + 1));
}

/* --- time and memory ------------------------------------------------------ */

/* Seconds on the monotonic clock. */
static inline double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident size of this process so far (getrusage), in KB. */
static inline long maxrss_kb(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_SELF, &ru) ? -1 : ru.ru_maxrss;
}

/* Current resident size from /proc (Linux); -1 elsewhere.  ru_maxrss only
 * ever grows, so it cannot tell what a later stage adds on its own. */
static inline long rss_kb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = -1, rss = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
		rss = -1;
	fclose(f);
	return rss < 0 ? -1 : rss * (sysconf(_SC_PAGESIZE) / 1024);
}

/* fn(arg, out) in a child process, its size bytes of out sent back through
 * a pipe: the child's memory figures are its own (ru_maxrss never goes
 * down, and malloc keeps what an earlier run freed).  0 when the child
 * ran and fn returned 0. */
static inline int in_child(int (*fn)(const void *arg, void *out),
                           const void *arg, void *out, size_t size)
{
	int fd[2], status;
	pid_t pid;
	ssize_t got;

	fflush(stdout);
	fflush(stderr);
	if (pipe(fd))
		return -1;
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		int rc;
		close(fd[0]);
		rc = fn(arg, out);
		if (write(fd[1], out, size) != (ssize_t)size)
			rc = -1;
		_exit(rc ? 1 : 0);
	}
	close(fd[1]);
	got = read(fd[0], out, size);
	close(fd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) || got != (ssize_t)size)
		return -1;
	return 0;
}

/* --- schools ---------------------------------------------------------------- */

/* A mix of schools.  A county's first school is a primary (the central
 * school); every other one draws x from 0 .. scale - 1 and is type[i] for
 * the first i with x < below[i], type[5] when there is none.  A school of
 * type t then has pupils[t][s][0] to pupils[t][s][1] pupils in stage s
 * (primary, junior, senior), none where the upper bound is 0. */
struct mix {
	int scale;
	int below[5];
	jh_school_type type[6];
	int pupils[JH_TYPE__COUNT][3][2];
};

/* A nation's counties: mostly primaries and teaching points, a few
 * juniors and multi-stage schools, like a real county's mix. */
static const struct mix nation_mix __attribute__((unused)) = {
	100, {52, 72, 88, 94, 98},
	{JH_TYPE_PRIMARY, JH_TYPE_TEACHING_POINT, JH_TYPE_JUNIOR,
	 JH_TYPE_NINE_YEAR, JH_TYPE_COMPLETE_MIDDLE, JH_TYPE_TWELVE_YEAR},
	{
		[JH_TYPE_PRIMARY]         = {{80, 2600}},
		[JH_TYPE_TEACHING_POINT]  = {{5, 90}},
		[JH_TYPE_JUNIOR]          = {{0, 0}, {300, 2200}},
		[JH_TYPE_NINE_YEAR]       = {{300, 1300}, {150, 700}},
		[JH_TYPE_TWELVE_YEAR]     = {{400, 900}, {400, 800}, {400, 1000}},
		[JH_TYPE_COMPLETE_MIDDLE] = {{0, 0}, {600, 1600}, {900, 2400}},
	},
};

/* Type of the k-th school of a county. */
static inline jh_school_type draw_type(uint64_t *r, int k, const struct mix *m)
{
	int x;

	if (k == 0)
		return JH_TYPE_PRIMARY;           /* the central school */
	x = uniform_int(r, 0, m->scale - 1);
	for (int i = 0; i < 5; i++)
		if (x < m->below[i])
			return m->type[i];
	return m->type[5];
}

/* Pupils of each stage of a school of type t. */
static inline void draw_pupils(uint64_t *r, const struct mix *m,
                               jh_school_type t, double st[3])
{
	for (int s = 0; s < 3; s++) {
		const int *b = m->pupils[t][s];
		st[s] = b[1] > 0 ? uniform_int(r, b[0], b[1]) : 0;
	}
}

/* Teachers of one stage of n pupils: total, qualified, key, PE/art. */
static inline void draw_teachers(uint64_t *r, double n, int junior, double out[4])
{
	double total = floor(n * uniform(r, junior ? 7.0 : 5.0, junior ? 10.0 : 8.0) / 100 + 0.5);

	if (total < 2)
		total = 2;
	out[0] = total;
	out[1] = floor(total * uniform(r, 0.70, 1.0));
	out[2] = floor(n * uniform(r, 0.6, 2.6) / 100 + 0.5);
	out[3] = floor(n * uniform(r, 0.6, 1.9) / 100 + 0.5);
	for (int i = 1; i < 4; i++)
		if (out[i] > total)
			out[i] = total;
}

/* One school row of the template, values scattered around the national
 * thresholds. */
struct school {
	jh_school_type type;
	const char *location;     /* urban, town, rural */
	double pupils[3];         /* primary, junior, senior */
	double tp[4], tj[4];      /* teachers (draw_teachers) of each stage */
	double res[4];            /* teaching m², sports m², equipment yuan,
	                             multimedia rooms */
};

/* The k-th school of a county of the nation's mix. */
static inline void draw_school(uint64_t *r, int k, struct school *s)
{
	static const char *const loc[] = {"urban", "town", "rural"};
	double w;

	memset(s, 0, sizeof *s);
	s->type = draw_type(r, k, &nation_mix);
	s->location = loc[uniform_int(r, 0, 2)];
	if (s->type == JH_TYPE_TEACHING_POINT)
		s->location = "rural";
	draw_pupils(r, &nation_mix, s->type, s->pupils);
	if (s->pupils[0] > 0)
		draw_teachers(r, s->pupils[0], 0, s->tp);
	if (s->pupils[1] > 0)
		draw_teachers(r, s->pupils[1], 1, s->tj);
	/* Shared resources by weighted pupils (1 : 1.1 : 1.32). */
	w = s->pupils[0] + 1.1 * s->pupils[1] + 1.32 * s->pupils[2];
	s->res[3] = ceil(w * uniform(r, 2.0, 4.0) / 100);
	s->res[2] = w * uniform(r, 1700, 4500);
	s->res[1] = w * uniform(r, 6.0, 20.0);
	s->res[0] = w * uniform(r, 4.0, 9.0);
}

/* The template's 15 numeric columns of a school, each after a comma, in
 * the template's order (pupils, qualified, key and PE/art teachers of the
 * two stages, all teachers, resources). */
static inline void add_numbers(jh_buf *b, const struct school *s)
{
	jh_buf_addf(b, ",%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f"
	               ",%.1f,%.1f,%.0f,%.0f",
	            s->pupils[0], s->pupils[1], s->pupils[2], s->tp[1], s->tj[1],
	            s->tp[2], s->tj[2], s->tp[3], s->tj[3], s->tp[0], s->tj[0],
	            s->res[0], s->res[1], s->res[2], s->res[3]);
}

/* --- a province's counties (bench/plan.c, bench/province.c) ------------ */

/* Standard normal, clipped to ±2.5 (Box–Muller). */
static inline double normal(uint64_t *s)
{
	double u = uniform(s, 1e-12, 1), v = uniform(s, 0, 1);
	double z = sqrt(-2 * log(u)) * cos(2 * M_PI * v);

	return z < -2.5 ? -2.5 : z > 2.5 ? 2.5 : z;
}

/* A county's profile: per indicator a mean level (× threshold) and a
 * spread (≈ the coefficient it will have). */
struct profile {
	double level[JH_IND__COUNT];
	double spread[JH_IND__COUNT];
};

static inline void draw_profile(uint64_t *r, int good, struct profile *pr)
{
	for (int i = 0; i < JH_IND__COUNT; i++) {
		pr->level[i] = good ? uniform(r, 1.4, 1.8) : uniform(r, 1.2, 1.5);
		pr->spread[i] = good ? uniform(r, 0.04, 0.10) : uniform(r, 0.06, 0.16);
	}
	/* Half the others have one widely spread indicator: a coefficient
	 * a little over its limit. */
	if (!good && uniform_int(r, 0, 1))
		pr->spread[uniform_int(r, 0, JH_IND__COUNT - 1)] = uniform(r, 0.40, 0.52);
}

static inline double level_of(uint64_t *r, const struct profile *pr, int i)
{
	double l = pr->level[i] * exp(pr->spread[i] * normal(r) -
	                              pr->spread[i] * pr->spread[i] / 2);

	return l < 0.6 ? 0.6 : l;
}

/* Henan's mix: 8,900 teaching points in 30,000 schools. */
static const struct mix province_mix __attribute__((unused)) = {
	1000, {297, 297 + 450, 297 + 450 + 160, 297 + 450 + 160 + 60,
	       297 + 450 + 160 + 60 + 25},
	{JH_TYPE_TEACHING_POINT, JH_TYPE_PRIMARY, JH_TYPE_JUNIOR,
	 JH_TYPE_NINE_YEAR, JH_TYPE_COMPLETE_MIDDLE, JH_TYPE_TWELVE_YEAR},
	{
		[JH_TYPE_PRIMARY]         = {{80, 2400}},
		[JH_TYPE_TEACHING_POINT]  = {{5, 120}},
		[JH_TYPE_JUNIOR]          = {{0, 0}, {300, 2000}},
		[JH_TYPE_NINE_YEAR]       = {{300, 1300}, {150, 700}},
		[JH_TYPE_TWELVE_YEAR]     = {{400, 900}, {400, 800}, {400, 1000}},
		[JH_TYPE_COMPLETE_MIDDLE] = {{0, 0}, {600, 1600}, {900, 2400}},
	},
};

/* The optional columns the guarantee and quality parts read (classes,
 * the largest class, music and art rooms, certified teachers, public and
 * training funds), all within the rules and with no random draw, so that
 * the rows' other values and every figure of eval, gaps and plans stay
 * as they were without them. */
static inline void school_fields(jh_school_year *sy)
{
	static const jh_field pupils[2] = {JH_F_STUDENTS_PRIMARY, JH_F_STUDENTS_JUNIOR};
	static const jh_field classes[2] = {JH_F_CLASSES_PRIMARY, JH_F_CLASSES_JUNIOR};
	static const jh_field largest[2] = {JH_F_LARGEST_CLASS_PRIMARY,
	                                    JH_F_LARGEST_CLASS_JUNIOR};
	double all = 0, rooms;

	for (int st = 0; st < 2; st++) {
		double n = sy->v[pupils[st]], c;
		if (n <= 0)
			continue;
		/* Mean class ≤ 42 (primary) or 46 (junior), the largest 3 more:
		 * within 45 and 50. */
		c = ceil(n / (st ? 46 : 42));
		sy->v[classes[st]] = c;
		sy->v[largest[st]] = floor(n / c) + 3;
		all += c;
	}
	rooms = all > 12 ? ceil(all / 12) : 1;
	sy->v[JH_F_MUSIC_ROOMS] = rooms;
	sy->v[JH_F_ART_ROOMS] = rooms;
	sy->v[JH_F_MUSIC_ROOM_MIN_AREA] = 100;
	sy->v[JH_F_ART_ROOM_MIN_AREA] = 92;
	sy->v[JH_F_CERTIFIED_TEACHERS] = sy->v[JH_F_TEACHERS_PRIMARY] +
	                                 sy->v[JH_F_TEACHERS_JUNIOR];
	sy->v[JH_F_PUBLIC_FUNDS] = 720 * sy->v[JH_F_STUDENTS_PRIMARY] +
	                           900 * sy->v[JH_F_STUDENTS_JUNIOR] +
	                           1100 * sy->v[JH_F_STUDENTS_SENIOR];
	sy->v[JH_F_TRAINING_FUNDS] = floor(sy->v[JH_F_PUBLIC_FUNDS] * 0.06);
}

/* The k-th school of a province county of profile pr (province_mix):
 * type, pupils, teachers and resources around level × threshold, and the
 * optional columns (school_fields).  Rural, boarding unknown; the caller
 * sets codes, name, year, file and line. */
static inline void draw_province_school(uint64_t *r, const jh_standard *std,
                                        const struct profile *pr, int k,
                                        jh_school_year *sy)
{
	static const jh_field teacher[3][2] = {
		{JH_F_QUALIFIED_PRIMARY, JH_F_QUALIFIED_JUNIOR},
		{JH_F_KEY_PRIMARY, JH_F_KEY_JUNIOR},
		{JH_F_PE_ART_PRIMARY, JH_F_PE_ART_JUNIOR},
	};
	static const jh_field shared[4] = {JH_F_TEACHING_AREA, JH_F_SPORTS_AREA,
	                                   JH_F_EQUIPMENT_VALUE, JH_F_MULTIMEDIA_ROOMS};
	double s[3], w;

	memset(sy, 0, sizeof *sy);
	for (int f = JH_F__REQUIRED; f < JH_F__COUNT; f++)
		sy->v[f] = NAN;
	sy->type = draw_type(r, k, &province_mix);
	draw_pupils(r, &province_mix, sy->type, s);
	sy->location = JH_LOC_RURAL;
	sy->boarding = -1;
	sy->v[JH_F_STUDENTS_PRIMARY] = s[0];
	sy->v[JH_F_STUDENTS_JUNIOR] = s[1];
	sy->v[JH_F_STUDENTS_SENIOR] = s[2];
	/* Teachers per stage: whole numbers around level × threshold. */
	for (int st = 0; st < 2; st++) {
		double most = 0;
		if (s[st] <= 0)
			continue;
		for (int i = 0; i < 3; i++) {
			double t = floor(level_of(r, pr, i) * std->threshold[st][i] *
			                 s[st] / 100 + 0.5);
			sy->v[teacher[i][st]] = t;
			most = t > most ? t : most;
		}
		sy->v[st ? JH_F_TEACHERS_JUNIOR : JH_F_TEACHERS_PRIMARY] =
			floor(most + s[st] * uniform(r, 0.01, 0.03));
	}
	/* Shared resources: enough for the stage needing most per weighted
	 * pupil, times a level. */
	w = std->stage_weight[0] * s[0] + std->stage_weight[1] * s[1] +
	    std->stage_weight[2] * s[2];
	for (int j = 0; j < 4; j++) {
		int i = JH_IND_TEACHING_AREA + j;
		double per = 0, v;
		for (int st = 0; st < 2; st++)
			if (s[st] > 0 && std->threshold[st][i] / std->stage_weight[st] > per)
				per = std->threshold[st][i] / std->stage_weight[st];
		v = level_of(r, pr, i) * per * w;
		if (i == JH_IND_MULTIMEDIA)
			v = floor(v / 100 + 0.5);
		else
			v = floor(v + 0.5);
		sy->v[shared[j]] = v;
	}
	school_fields(sy);
}

/* --- county-year records --------------------------------------------- */

/* Passing values of the items that a value of their kind alone would not
 * pass, or that have no such value (numbers); the others take one by
 * kind in item_value. */
static const char *const passing[][2] __attribute__((unused)) = {
	{"basic_balance_year", "2018"},
	{"special_ed_funds_per_student", "6500"},
	{"teacher_pay_ratio", "1.03"},
	{"teacher_avg_pay_yuan", "113300"},          /* 1.03 × 110000 */
	{"civil_servant_avg_pay_yuan", "110000"},
	{"training_360_rate", "100%"},
	{"rotation_rate", "0.12"},
	{"rotation_key_rate", "0.25"},
	{"certification_rate", "1"},
	{"nearby_enrolment_primary", "1"},
	{"hs_quota_rate", "0.55"},
	{"training_funds_share_min", "0.06"},
	{"exam_admission", "否"},           /* the one-vote vetoes pass on 否 */
	{"illegal_school_choice", "否"},
	{"key_schools", "否"},
	{"key_classes", "否"},
};

static inline const char *item_value(const struct jhItemKey *k)
{
	for (size_t i = 0; i < sizeof passing / sizeof passing[0]; i++)
		if (!strcmp(k->key, passing[i][0]))
			return passing[i][1];
	switch (k->kind) {
	case V_YESNO:
		return "是";
	case V_RATE:
		return "0.97";
	case V_GRADE:
		return "良好";
	case V_LEVEL:
		return "Ⅲ";
	case V_YEAR:
		return "2018";
	default:
		return NULL;
	}
}

#endif
