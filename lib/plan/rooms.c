/*
** rooms.c — music and art rooms a school lacks (guarantee item 3).
**
** The standard asks every primary and junior school for one music and one
** art room per 12 classes (reference §4 item 3, [B] S17: ceil(classes /
** 12), at least one), music rooms of 96 m² and art rooms of 90 m² or
** more.  The template gives each school's room counts and its smallest
** room's area, so the gap is rooms to build plus, when the smallest room
** is too small, the m² to enlarge it by.
*/
#include "plan_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

jh_code jh_gaps_rooms(const jh_result *r, size_t county, const jh_costs *costs,
                      jh_addition **out, size_t *n, jh_diags *diags)
{
	const jh_standard *std = r->standard;
	const jh_county_result *cr;
	jh_addition *a = NULL;
	size_t na = 0;

	(void)diags;
	*out = NULL;
	*n = 0;
	if (county >= r->ncounties)
		return JH_ERR_ARG;
	cr = &r->counties[county];
	a = calloc(cr->nunits ? cr->nunits : 1, sizeof *a);
	if (!a)
		return JH_ERR_NOMEM;
	for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
		const jh_school_year *sy = r->units[k].school;
		static const struct { jh_field rooms, area; } kind[2] = {
			{JH_F_MUSIC_ROOMS, JH_F_MUSIC_ROOM_MIN_AREA},
			{JH_F_ART_ROOMS, JH_F_ART_ROOM_MIN_AREA},
		};
		double cls, need, cost = 0;
		jh_addition *x = &a[na];

		/* One entry per school: its first unit only. */
		if (k > cr->first_unit && r->units[k - 1].school == sy)
			continue;
		if (r->units[k].stage == JH_STAGE_JUNIOR &&
		    (jhTypeStages(sy->type) & JH_HAS_PRIMARY))
			continue;
		if (sy->type == JH_TYPE_TEACHING_POINT ||
		    (isnan(sy->v[JH_F_CLASSES_PRIMARY]) && isnan(sy->v[JH_F_CLASSES_JUNIOR])) ||
		    isnan(sy->v[JH_F_MUSIC_ROOMS]) || isnan(sy->v[JH_F_ART_ROOMS]))
			continue;
		cls = (isnan(sy->v[JH_F_CLASSES_PRIMARY]) ? 0 : sy->v[JH_F_CLASSES_PRIMARY]) +
		      (isnan(sy->v[JH_F_CLASSES_JUNIOR]) ? 0 : sy->v[JH_F_CLASSES_JUNIOR]);
		need = ceil(cls / std->classes_per_room - 1e-9);
		if (need < 1)
			need = 1;
		memset(x, 0, sizeof *x);
		x->school = sy;
		for (int i = 0; i < 2; i++) {
			double have = sy->v[kind[i].rooms], min = sy->v[kind[i].area];
			double limit = i ? std->art_room_min_m2 : std->music_room_min_m2;
			double unit = i ? costs->art_room : costs->music_room;
			if (have < need) {
				x->add[kind[i].rooms] = need - have;
				cost += (need - have) * unit;
			}
			if (have > 0 && !isnan(min) && !jh_at_least(std, min, limit)) {
				x->add[kind[i].area] = ceil(limit - min - 1e-9);
				cost += x->add[kind[i].area] * costs->teaching_m2;
			}
		}
		if (cost > 0) {
			x->cost = cost;
			na++;
		}
	}
	if (!na) {
		free(a);
		return JH_OK;
	}
	*out = a;
	*n = na;
	return JH_OK;
}
