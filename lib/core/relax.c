/*
** relax.c — the provincial relaxations of guarantee items 3 and 4, school
** by school (reference §4 notes, §9; issue 14).
**
** A standard may switch on relaxations recorded in provincial practice
** (S17, [U]): smaller music and art rooms for schools built by 2016
** (73/67 m² instead of 96/90) and for rural small schools whose largest
** class is under 30 (54 m² primary, 61 m² junior); a larger maximum size
** for schools built by 2010 or with more than half migrant pupils (2400,
** nine- and twelve-year schools 3000).  The figures are the standard's
** relax.* keys; the national standard has every one off.
**
** Each function gives the figure one school is held to: the looser of the
** national figure and every relaxation that is on and concerns the
** school, so a local file that tightened a relaxed figure past the
** national one leaves the national figure in force.  The verdict
** (lib/core/verdict.c, items 3 and 4) and `gaps` (lib/plan/rooms.c) both
** judge by them, so that `gaps` names exactly the schools the verdict
** fails.
*/
#include "core_int.h"

#include <math.h>

/* Whether the school's largest class is under 30: its yes/no answer
 * (JH_F_SMALL_CLASSES) when given, else every stage it teaches having a
 * largest class under 30 or, without one, no class over 25 by the bands
 * (26–30 may hold a class of 30).  Unknown counts as no. */
static int largest_under_30(const jh_school_year *sy)
{
	static const jh_field fs[2] = {JH_F_STUDENTS_PRIMARY, JH_F_STUDENTS_JUNIOR};
	static const jh_field fl[2] = {JH_F_LARGEST_CLASS_PRIMARY, JH_F_LARGEST_CLASS_JUNIOR};
	int stages = 0;

	if (!isnan(sy->v[JH_F_SMALL_CLASSES]))
		return sy->v[JH_F_SMALL_CLASSES] == 1;
	for (int st = 0; st < 2; st++) {
		if (!(sy->v[fs[st]] > 0))
			continue;
		stages++;
		if (isnan(sy->v[fl[st]]) ? jh_school_classes_over(sy, (jh_stage)st, 25) != 0 :
		    sy->v[fl[st]] >= 30)
			return 0;
	}
	return stages > 0;
}

double jhSmallRoomsM2(const jh_standard *std, const jh_school_year *sy)
{
	/* One figure for music and art rooms, the stage's.  A school teaching
	 * junior pupils (a nine-year school) is held to the junior figure:
	 * its rooms serve its junior classes too, and a rule recorded
	 * without an official source ([U]) is applied no further than every
	 * class using the room allows. */
	return std->small_rooms_m2[sy->v[JH_F_STUDENTS_JUNIOR] > 0];
}

void jh_school_room_min(const jh_standard *std, const jh_school_year *sy,
                        double *music, unsigned *music_by, double *art,
                        unsigned *art_by)
{
	double built = sy->v[JH_F_BUILD_YEAR];

	*music = std->music_room_min_m2;
	*art = std->art_room_min_m2;
	*music_by = *art_by = 0;
	if (std->relax_old_rooms && !isnan(built) && built <= std->old_rooms_built_by) {
		if (std->old_rooms_music_m2 < *music) {
			*music = std->old_rooms_music_m2;
			*music_by = JH_RELAX_OLD_ROOMS;
		}
		if (std->old_rooms_art_m2 < *art) {
			*art = std->old_rooms_art_m2;
			*art_by = JH_RELAX_OLD_ROOMS;
		}
	}
	if (std->relax_small_rooms && sy->v[JH_F_RURAL_SMALL] == 1 && largest_under_30(sy)) {
		double m = jhSmallRoomsM2(std, sy);
		if (m < *music) {
			*music = m;
			*music_by = JH_RELAX_SMALL_ROOMS;
		}
		if (m < *art) {
			*art = m;
			*art_by = JH_RELAX_SMALL_ROOMS;
		}
	}
}

double jh_school_size_max(const jh_standard *std, const jh_school_year *sy,
                          unsigned *relaxed)
{
	double n = sy->v[JH_F_STUDENTS_PRIMARY] + sy->v[JH_F_STUDENTS_JUNIOR];
	int multi = sy->type == JH_TYPE_NINE_YEAR || sy->type == JH_TYPE_TWELVE_YEAR;
	double max = multi ? std->size_multi_max : std->size_single_max;
	double loose = multi ? std->size_relaxed_multi_max : std->size_relaxed_single_max;
	double built = sy->v[JH_F_BUILD_YEAR], migrant = sy->v[JH_F_MIGRANT_STUDENTS];

	if (relaxed)
		*relaxed = 0;
	/* Migrant pupils more than the share of the compulsory-stage pupils
	 * (strictly: exactly half is not "more than half"). */
	if (std->relax_size && loose > max &&
	    ((!isnan(built) && built <= std->size_built_by) ||
	     (!isnan(migrant) && n > 0 && migrant / n > std->size_migrant_share))) {
		if (relaxed)
			*relaxed = JH_RELAX_SIZE;
		return loose;
	}
	return max;
}
