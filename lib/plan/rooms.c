/*
** rooms.c — music and art rooms a school lacks (guarantee item 3).
**
** The standard asks every primary and junior school for one music and one
** art room per 12 classes (reference §4 item 3, [B] S17: ceil(classes /
** 12), at least one), music rooms of 96 m² and art rooms of 90 m² or
** more (or a province's relaxed figures: jh_school_room_min).  The template gives each school's room counts and its smallest
** room's area, so the gap is rooms to build plus, when the smallest room
** is too small, the m² to enlarge it by.
**
** Beside them, what no addition fixes (items 4 and 5: a class or a school
** over its maximum), judged as lib/core/verdict.c judges those items, so
** that `gaps` names every school `verdict` fails for them; and the step
** that makes a county plan cover what the per-school list covers
** (jhPlanComplete): rooms do not enter any resource indicator, so they
** are fixed additions, the same in every plan, added to the plan found.
*/
#include "plan_int.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
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
		double cls, need, cost = 0, lim[2];
		unsigned by[2];
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
		/* The figures the verdict holds the school to, relaxations
		 * included (jh_school_room_min). */
		jh_school_room_min(std, sy, &lim[0], &by[0], &lim[1], &by[1]);
		for (int i = 0; i < 2; i++) {
			double have = sy->v[kind[i].rooms], min = sy->v[kind[i].area];
			double limit = lim[i];
			if (have < need) {
				x->add[kind[i].rooms] = need - have;
				cost += (need - have) * jhPlanPrice(costs, kind[i].rooms);
			}
			if (have > 0 && !isnan(min) && !jh_at_least(std, min, limit)) {
				x->add[kind[i].area] = ceil(limit - min - 1e-9);
				cost += x->add[kind[i].area] * jhPlanPrice(costs, kind[i].area);
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

jh_code jh_gaps_beyond(const jh_result *r, size_t county, jh_beyond **out,
                       size_t *n)
{
	const jh_standard *std;
	const jh_county_result *cr;
	jh_beyond *b = NULL;
	size_t nb = 0;

	if (out)
		*out = NULL;
	if (n)
		*n = 0;
	if (!r || !out || !n || !r->standard || county >= r->ncounties)
		return JH_ERR_ARG;
	std = r->standard;
	cr = &r->counties[county];
	/* At most five entries a school: two stages' largest classes and
	 * classes from the bands, and its size. */
	if (!(b = calloc(cr->nunits ? 5 * cr->nunits : 1, sizeof *b)))
		return JH_ERR_NOMEM;
	for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
		static const jh_field fs[2] = {JH_F_STUDENTS_PRIMARY, JH_F_STUDENTS_JUNIOR};
		static const jh_field fl[2] = {JH_F_LARGEST_CLASS_PRIMARY, JH_F_LARGEST_CLASS_JUNIOR};
		const jh_school_year *sy = r->units[k].school;
		double pupils, max;

		/* One school once (verdict.c's FOR_SCHOOLS): a unit of a
		 * school is skipped when it is a junior stage of a school with
		 * a primary one, or the same school as the unit before. */
		if ((r->units[k].stage == JH_STAGE_JUNIOR &&
		     (jhTypeStages(sy->type) & JH_HAS_PRIMARY)) ||
		    (k > cr->first_unit && r->units[k - 1].school == sy))
			continue;
		for (int st = 0; st < 2; st++)
			if (sy->v[fs[st]] > 0 && !isnan(sy->v[fl[st]]) &&
			    sy->v[fl[st]] > std->class_max[st])
				b[nb++] = (jh_beyond){sy, JH_BEYOND_CLASS_SIZE,
				                      st ? JH_STAGE_JUNIOR : JH_STAGE_PRIMARY,
				                      sy->v[fl[st]], std->class_max[st], 0, 0};
		for (int st = 0; st < 2; st++) {
			jh_stage s = st ? JH_STAGE_JUNIOR : JH_STAGE_PRIMARY;
			double over = jh_school_classes_over(sy, s, (int)std->class_max[st]);
			double large = jh_school_classes_over(sy, s, JH_LARGE_CLASS_OVER);
			if (std->class_max[st] != floor(std->class_max[st]))
				over = NAN;
			if (sy->v[fs[st]] > 0 && !isnan(large) && (over > 0 || large > 0))
				b[nb++] = (jh_beyond){sy, JH_BEYOND_CLASSES_OVER, s, over,
				                      std->class_max[st], large,
				                      jh_school_classes_over(sy, s, JH_HUGE_CLASS_OVER)};
		}
		pupils = sy->v[JH_F_STUDENTS_PRIMARY] + sy->v[JH_F_STUDENTS_JUNIOR];
		max = jh_school_size_max(std, sy, NULL);   /* relaxations included */
		if (pupils > max)
			b[nb++] = (jh_beyond){sy, JH_BEYOND_SCHOOL_SIZE, JH_STAGE_PRIMARY,
			                      pupils, max, 0, 0};
	}
	if (!nb) {
		free(b);
		return JH_OK;
	}
	*out = b;
	*n = nb;
	return JH_OK;
}

jh_code jhPlanComplete(const jh_result *r, size_t county,
                       const jh_costs *costs, jh_plan *p, jh_diags *diags)
{
	const char *name = jh_result_county_name(r, county);
	jh_addition *rooms = NULL, *all;
	size_t nrooms = 0, i = 0, j = 0, n = 0;
	double cost = 0;
	jh_code rc;

	p->costs = *costs;
	if (name && !(p->county_name = strdup(name)))
		return JH_ERR_NOMEM;
	if ((rc = jh_gaps_beyond(r, county, &p->beyond, &p->nbeyond)))
		return rc;
	if (p->status == JH_PLAN_INFEASIBLE)
		return JH_OK;
	if ((rc = jh_gaps_rooms(r, county, costs, &rooms, &nrooms, diags)) || !nrooms)
		return rc;
	if (p->status != JH_PLAN_FOUND) {
		/* No plan (time, solver): the rooms still raise the bound, as
		 * every plan needs them. */
		for (size_t k = 0; k < nrooms; k++)
			p->rooms_cost += rooms[k].cost;
		p->lower_bound += p->rooms_cost;
		free(rooms);
		return JH_OK;
	}
	/* Both lists in code order (rooms: in unit order, sorted here by
	 * insertion, a handful at most); merged into a new array. */
	for (size_t a = 1; a < nrooms; a++)
		for (size_t b = a; b > 0 && strcmp(rooms[b - 1].school->school_code,
		                                   rooms[b].school->school_code) > 0; b--) {
			jh_addition t = rooms[b];
			rooms[b] = rooms[b - 1];
			rooms[b - 1] = t;
		}
	if (!(all = calloc(p->nadd + nrooms, sizeof *all))) {
		free(rooms);
		return JH_ERR_NOMEM;
	}
	while (i < p->nadd || j < nrooms) {
		int c = i == p->nadd ? 1 : j == nrooms ? -1 :
		        strcmp(p->add[i].school->school_code, rooms[j].school->school_code);
		if (c < 0) {
			all[n++] = p->add[i++];
			continue;
		}
		all[n] = c > 0 ? rooms[j] : p->add[i++];
		if (c == 0) {
			for (int f = 0; f < JH_F__COUNT; f++)
				all[n].add[f] += rooms[j].add[f];
			all[n].cost += rooms[j].cost;
		}
		cost += rooms[j++].cost;
		n++;
	}
	free(rooms);
	free(p->add);
	p->add = all;
	p->nadd = n;
	p->rooms_cost = cost;
	p->cost += cost;
	p->lower_bound += cost;
	p->gap = p->cost > 0 ? (p->cost - p->lower_bound) / p->cost : 0;
	return JH_OK;
}
