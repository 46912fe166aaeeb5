/*
** testutil.h — what every cmocka test file includes.
*/
#pragma once
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>
#include <dirent.h>
#include <unistd.h>

#include "junheng.h"
/* Unit tests see inside the library's handles. */
#include "core/core_int.h"
#include "store/store_int.h"

/* |a - b| <= tol, with a message naming both. */
#define assert_near(a, b, tol) do { \
		double a_ = (a), b_ = (b); \
		if (!(fabs(a_ - b_) <= (tol))) \
			fail_msg("%s = %.9g, expected %.9g (tol %g)", #a, a_, b_, (double)(tol)); \
	} while (0)

/* The school-year template's required columns, in order, without a
 * line end (tests append optional columns and "\n"). */
#define TEST_TEMPLATE_HEADER \
	"school_code,school_name,county_code,year,school_type,parent_code," \
	"students_primary,students_junior,students_senior," \
	"qualified_teachers_primary,qualified_teachers_junior," \
	"key_teachers_primary,key_teachers_junior," \
	"pe_art_teachers_primary,pe_art_teachers_junior," \
	"teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2," \
	"equipment_value_yuan,multimedia_rooms"

/* Load template CSV text into ds; a test fails with every problem shown
 * when the text does not load. */
static inline void test_load_csv(jh_dataset *ds, const char *csv, jh_diags *d)
{
	jh_table *t = NULL;
	jh_code rc = jh_csv_parse(csv, strlen(csv), "t.csv", &t, d);

	if (rc == JH_OK)
		rc = jh_dataset_add_table(ds, t, d);
	jh_table_free(t);
	if (rc) {
		jh_buf b = JH_BUF_INIT;
		jh_diags_format(d, "en", &b);
		fail_msg("load failed: %s", b.data ? b.data : "?");
	}
}

/* The bytes of file path (malloc'd, NUL-terminated, free() them); *len
 * their count.  The test fails when the file cannot be read. */
static inline unsigned char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	long n;

	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	p = malloc((size_t)n + 1);
	if (!p || n < 0 || fread(p, 1, (size_t)n, f) != (size_t)n)
		fail_msg("cannot read %s", path);
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

/* Remove a test's scratch directory and the files in it (one level). */
static inline void rm_rf(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char p[512];

	while (dp && (e = readdir(dp))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (dp)
		closedir(dp);
	rmdir(dir);
}
