/*
** derive.c — the ready-made fields from the raw figures schools report.
**
** (Stub of the issue-14 foundation: the derivation is written by the
** "derive" part; see /work/wt/DESIGN14.md.)
*/
#include "core_int.h"

void jhDeriveExcused(const jh_table *t, size_t hdr, jhColSet *excused)
{
	(void)t;
	(void)hdr;
	(void)excused;
}

size_t jhDeriveRow(const jh_dataset *ds, const jh_table *t, const jhHeader *h,
                   size_t r, jh_school_year *sy, const int *ok, jh_diags *diags)
{
	(void)ds; (void)t; (void)h; (void)r; (void)sy; (void)ok; (void)diags;
	return 0;
}
