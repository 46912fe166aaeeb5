/*
** bench/province.c — the files of a province for the server's bench
** (bench/serve.sh): what an office would import.
**
**   build/bench_province DIR [N [PER]]   (default N = 30000 schools,
**                                        PER = 150 schools a county)
**
** Writes into DIR (which must exist):
**
**   areas.csv         基准省 (480000), 10 cities (480100 … 481000), N / PER
**                     counties spread over them (20 a city at N = 30,000)
**   schools-2024.csv  N school rows of one year, 2024, as an office's
**                     export writes them (jh_export_csv_lang "zh": Chinese
**                     headers, types and locations, with the optional
**                     columns the guarantee items read)
**   county-2024.csv   every county's county-year records: each item of the
**                     standard, monitoring of three subjects, with a note
**   survey-2024.csv   the social-recognition survey, 30–60 respondents in
**                     each of the six groups of each county
**
** and prints on standard output, as shell assignments (bench/serve.sh
** evals them), the province, the county of exactly 150 schools that the
** bench asks a verdict of, and the counts:
**
**   PROVINCE=480000 COUNTY=480101 COUNTY_SCHOOLS=150 YEAR=2024 ...
**
** Counties come in pairs of 150 + d and 150 − d schools (d drawn from
** 0..40), so that N = 30,000 gives exactly 200 counties of 110 to 190
** schools; the first pair has d = 0, so the first county has 150.  An
** odd count ends with a county of 150 + whatever N leaves over.  (With
** PER given, PER stands for 150: `DIR 600 300` is two counties of 300.)
**
** The school rows are bench/plan.c's (draw_province_school): half the
** counties comfortably above every threshold, the others with schools
** under thresholds or 85% floors and some with one widely spread
** indicator, so that resources pass and fail in a mix; a school over
** guarantee item 4's size limit is drawn again except in one county in
** ten, whose oversized schools fail that item.  Of the
** county-year records, most counties pass every item; about one in three
** fails one (teachers' pay, rotation, quotas, moral education, a
** monitoring difference) and about one in ten has a survey under 85%, so
** that the overview holds every kind of county.  Everything is complete:
** no county-year is missing an item.
**
** Deterministic: splitmix64 with a fixed seed; the same N gives the same
** bytes.
*/
#include "junheng.h"
#include "benchutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED 0x62656E63685F7376ull     /* "bench_sv" */
#define YEAR 2024
#define PER_COUNTY 150
/* Schools a county (PER_COUNTY unless given): bench/report.sh asks for
 * counties of 300 schools, the size of 表Ⅱ-2 its target names. */
static size_t per_county = PER_COUNTY;
#define CITIES 10

static const char *const city_name[CITIES] = {
	"东州市", "西林市", "南川市", "北岭市", "青阳市",
	"白水市", "金沙市", "石门市", "平江市", "长丰市",
};

/* County names: first[i] + second[j] + 县 (区 for a city's first), 400
 * different ones; beyond that a number follows. */
static const char *const first[20] = {
	"安", "宝", "昌", "大", "丰", "广", "和", "华", "嘉", "康",
	"乐", "临", "宁", "清", "瑞", "泰", "通", "新", "永", "云",
};
static const char *const second[20] = {
	"平", "山", "河", "阳", "江", "源", "川", "宁", "溪", "城",
	"林", "丰", "化", "远", "乡", "德", "兴", "安", "泉", "峰",
};

struct county {
	char code[8];
	char name[48];
	int schools;
	int fails;         /* which county-year item fails (0 none) */
	double survey;     /* share of satisfied answers */
};

static int write_file(const char *dir, const char *name, const jh_buf *b)
{
	char path[4096];
	FILE *f;
	int bad;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "wb"))) {
		fprintf(stderr, "bench_province: cannot write %s: %s\n", path,
		        strerror(errno));
		return -1;
	}
	bad = fwrite(b->data, 1, b->len, f) != b->len;
	bad |= fclose(f) != 0;
	if (bad)
		fprintf(stderr, "bench_province: cannot write %s\n", path);
	return bad ? -1 : 0;
}

/* --- areas ------------------------------------------------------------ */

static struct county *gen_counties(uint64_t *r, size_t n, size_t *count)
{
	size_t nc = n / per_county ? n / per_county : 1, per_city, left = n;
	struct county *c = calloc(nc, sizeof *c);

	if (!c)
		return NULL;
	per_city = (nc + CITIES - 1) / CITIES;
	for (size_t i = 0; i < nc; i++) {
		size_t city = i / per_city, k = i % per_city, name = i;
		snprintf(c[i].code, sizeof c[i].code, "48%02d%02d", (int)((city + 1) % 100),
		         (int)((k + 1) % 100));
		snprintf(c[i].name, sizeof c[i].name, "%s%s%s", first[name % 20],
		         second[(name / 20) % 20], k ? "县" : "区");
		if (name >= 400)
			snprintf(c[i].name, sizeof c[i].name, "%s%s%zu%s", first[name % 20],
			         second[(name / 20) % 20], name / 400, k ? "县" : "区");
	}
	for (size_t i = 0; i + 1 < nc; i += 2) {
		int d = i ? uniform_int(r, 0, 40) : 0;
		c[i].schools = (int)per_county + d;
		c[i + 1].schools = (int)per_county - d;
		left -= 2 * per_county;
	}
	if (nc % 2)
		c[nc - 1].schools = (int)left;
	else
		c[nc - 1].schools += (int)left;
	for (size_t i = 0; i < nc; i++) {
		int x = uniform_int(r, 0, 99);
		/* Items 1..5 fail in about a third of the counties. */
		c[i].fails = x < 67 ? 0 : 1 + (x - 67) % 5;
		c[i].survey = uniform_int(r, 0, 9) ? uniform(r, 0.89, 0.97)
		                                   : uniform(r, 0.79, 0.845);
	}
	*count = nc;
	return c;
}

static void areas_csv(const struct county *c, size_t nc, jh_buf *b)
{
	size_t per_city = (nc + CITIES - 1) / CITIES;

	jh_buf_adds(b, "province_code,province_name,city_code,city_name,"
	               "county_code,county_name\n");
	for (size_t i = 0; i < nc; i++)
		jh_buf_addf(b, "480000,基准省,48%02zu00,%s,%s,%s\n", i / per_city + 1,
		            city_name[i / per_city], c[i].code, c[i].name);
}

/* --- schools --------------------------------------------------------- */

static const char *const type_word[JH_TYPE__COUNT] = {
	[JH_TYPE_PRIMARY] = "小学",
	[JH_TYPE_TEACHING_POINT] = "教学点",
	[JH_TYPE_JUNIOR] = "中学",
	[JH_TYPE_NINE_YEAR] = "九年一贯制学校",
	[JH_TYPE_TWELVE_YEAR] = "十二年一贯制学校",
	[JH_TYPE_COMPLETE_MIDDLE] = "完全中学",
};

static jh_dataset *gen_schools(uint64_t *r, const jh_standard *std,
                               const struct county *c, size_t nc)
{
	jh_dataset *ds = jh_dataset_new();
	long line = 2;

	if (!ds)
		return NULL;
	for (size_t i = 0; i < nc; i++) {
		struct profile pr;
		int number[JH_TYPE__COUNT] = {0};
		char central[sizeof ((jh_school_year *)0)->school_code] = "";
		draw_profile(r, uniform_int(r, 0, 1) == 0, &pr);
		for (int k = 0; k < c[i].schools; k++) {
			jh_school_year sy;
			char name[96];
			/* Schools over the size limit of guarantee item 4 (2000
			 * pupils in the compulsory stages, 2500 for nine- and
			 * twelve-year schools) are drawn again, except in one
			 * county in ten. */
			for (int tries = 0; tries < 20; tries++) {
				double pupils;
				draw_province_school(r, std, &pr, k, &sy);
				pupils = sy.v[JH_F_STUDENTS_PRIMARY] + sy.v[JH_F_STUDENTS_JUNIOR];
				if (i % 10 == 5 || pupils <= (sy.type == JH_TYPE_NINE_YEAR ||
				                              sy.type == JH_TYPE_TWELVE_YEAR
				                              ? 2500 : 2000))
					break;
			}
			snprintf(sy.school_code, sizeof sy.school_code, "%s%04d",
			         c[i].code, k + 1);
			snprintf(sy.county_code, sizeof sy.county_code, "%s", c[i].code);
			/* The county seat's schools first, then the towns', then
			 * the villages'; teaching points are always in a village
			 * and name the last primary school before them as their
			 * central school. */
			sy.location = k < c[i].schools / 6 ? JH_LOC_URBAN
			            : k < c[i].schools / 2 ? JH_LOC_TOWN : JH_LOC_RURAL;
			if (sy.type == JH_TYPE_TEACHING_POINT) {
				sy.location = JH_LOC_RURAL;
				memcpy(sy.parent_code, central, sizeof central);
			} else if (sy.type == JH_TYPE_PRIMARY) {
				memcpy(central, sy.school_code, sizeof central);
			}
			snprintf(name, sizeof name, "%s第%d%s", c[i].name,
			         ++number[sy.type], type_word[sy.type]);
			sy.school_name = name;
			sy.year = YEAR;
			sy.file = "schools-2024.csv";
			sy.line = line++;
			if (jh_dataset_add(ds, &sy)) {
				jh_dataset_free(ds);
				return NULL;
			}
		}
	}
	return ds;
}

/* --- county-year records ------------------------------------------- */

/* The failing value of each kind of failure (struct county.fails). */
static const char *const failing[6][2] = {
	{NULL, NULL},
	{"teacher_pay_ratio", "0.97"},
	{"rotation_rate", "0.08"},
	{"hs_quota_rate", "0.45"},
	{"moral_culture", "合格"},
	{"monitoring_diff.math", "0.17"},
};

static int put_record(jh_buf *b, const struct county *c, const char *key,
                      const char *label, const char *value)
{
	char why[160], note[512];

	if (c->fails && !strcmp(key, failing[c->fails][0]))
		value = failing[c->fails][1];
	if (!value || jh_item_check(key, value, why, sizeof why)) {
		fprintf(stderr, "bench_province: no good value for item %s: %s\n",
		        key, value ? why : "none given");
		return -1;
	}
	snprintf(note, sizeof note, "%d年%s:%s(%s自评报告)", YEAR, label,
	         value, c->name);
	jh_buf_addf(b, "%s,%d,%s,%s,", c->code, YEAR, key, value);
	jh_buf_addcsv(b, note);
	jh_buf_adds(b, "\n");
	return 0;
}

static int county_csv(const struct county *c, size_t nc, jh_buf *b)
{
	static const char *const subject[3][2] = {
		{"math", "数学"}, {"chinese", "语文"}, {"science", "科学"},
	};

	jh_buf_adds(b, "county_code,year,item,value,note\n");
	for (size_t i = 0; i < nc; i++) {
		for (int k = 0; jhItemKeys[k].key; k++) {
			const struct jhItemKey *it = &jhItemKeys[k];
			/* The verdict computes the first two from the school
			 * rows; the pay averages are the other way of giving
			 * teacher_pay_ratio, which the records give. */
			if (!strcmp(it->key, "certification_rate") ||
			    !strcmp(it->key, "training_funds_share_min") ||
			    !strcmp(it->key, "teacher_avg_pay_yuan") ||
			    !strcmp(it->key, "civil_servant_avg_pay_yuan"))
				continue;
			if (put_record(b, &c[i], it->key, it->zh, item_value(it)))
				return -1;
		}
		for (int s = 0; s < 3; s++) {
			char key[64], label[64];
			snprintf(key, sizeof key, "monitoring_level.%s", subject[s][0]);
			snprintf(label, sizeof label, "%s监测水平", subject[s][1]);
			if (put_record(b, &c[i], key, label, s == 1 ? "Ⅳ" : "Ⅲ"))
				return -1;
			snprintf(key, sizeof key, "monitoring_diff.%s", subject[s][0]);
			snprintf(label, sizeof label, "%s校际差异率", subject[s][1]);
			if (put_record(b, &c[i], key, label, s ? "0.09" : "0.11"))
				return -1;
		}
	}
	return 0;
}

/* --- survey ------------------------------------------------------------ */

static void survey_csv(uint64_t *r, const struct county *c, size_t nc,
                       jh_buf *b, size_t *rows)
{
	static const char *const yes[2] = {"满意", "比较满意"};
	static const char *const no[2] = {"一般", "不满意"};

	*rows = 0;
	jh_buf_adds(b, "county_code,year,group,q1,q2,q3,q4,q5\n");
	for (size_t i = 0; i < nc; i++)
		for (int g = 0; g < JH_GROUPS; g++) {
			int n = uniform_int(r, 30, 60);
			for (int k = 0; k < n; k++, (*rows)++) {
				jh_buf_addf(b, "%s,%d,%s", c[i].code, YEAR, jhGroups[g][1]);
				for (int q = 0; q < 5; q++) {
					int ok = uniform(r, 0, 1) < c[i].survey;
					int which = uniform_int(r, 0, 1);
					jh_buf_addf(b, ",%s", ok ? yes[which] : no[which]);
				}
				jh_buf_adds(b, "\n");
			}
		}
}

/* --- main ------------------------------------------------------------- */

int main(int argc, char **argv)
{
	size_t n = 30000, nc = 0, survey_rows = 0, per_city;
	jh_buf areas = JH_BUF_INIT, schools = JH_BUF_INIT, county = JH_BUF_INIT,
	       survey = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	jh_standard std;
	jh_dataset *ds;
	struct county *c;
	uint64_t r = SEED;
	int rc = 1;

	if (argc < 2 || argc > 4 ||
	    (argc == 4 && ((per_county = strtoul(argv[3], NULL, 10)) < 50 || per_county > 1000)) ||
	    (argc >= 3 && ((n = strtoul(argv[2], NULL, 10)) < 1 || n > 99 * CITIES * per_county))) {
		fprintf(stderr, "usage: bench_province DIR [N [PER]]   (N school rows, default 30000;\n"
		        "       PER schools a county, 50..1000, default 150)\n");
		return 2;
	}
	if (jh_standard_national(&std, &d)) {
		fprintf(stderr, "bench_province: no built-in standard\n");
		return 1;
	}
	if (!(c = gen_counties(&r, n, &nc)) || !(ds = gen_schools(&r, &std, c, nc))) {
		fprintf(stderr, "bench_province: out of memory\n");
		return 1;
	}
	per_city = (nc + CITIES - 1) / CITIES;
	areas_csv(c, nc, &areas);
	survey_csv(&r, c, nc, &survey, &survey_rows);
	if (!county_csv(c, nc, &county) &&
	    !jh_export_csv_lang(ds, NULL, "zh", &schools) &&
	    !write_file(argv[1], "areas.csv", &areas) &&
	    !write_file(argv[1], "schools-2024.csv", &schools) &&
	    !write_file(argv[1], "county-2024.csv", &county) &&
	    !write_file(argv[1], "survey-2024.csv", &survey)) {
		printf("PROVINCE=480000 COUNTY=%s COUNTY_NAME=%s COUNTY_SCHOOLS=%d "
		       "YEAR=%d COUNTIES=%zu CITIES=%d SCHOOLS=%zu SURVEY_ROWS=%zu\n",
		       c[0].code, c[0].name, c[0].schools, YEAR, nc,
		       (int)((nc + per_city - 1) / per_city), n, survey_rows);
		rc = 0;
	}
	jh_buf_free(&areas);
	jh_buf_free(&schools);
	jh_buf_free(&county);
	jh_buf_free(&survey);
	jh_dataset_free(ds);
	jh_diags_free(&d);
	free(c);
	return rc;
}
