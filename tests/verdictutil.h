/*
** verdictutil.h — what the verdict tests share (test_verdict.c,
** test_county_counts.c, test_relax_verdict.c): the fixture of one
** county's evaluation and verdict, freeing it, and finding an item.
** Include after testutil.h.  Each test fills the fixture its own way
** (its judge()); done() frees what it holds.
*/
#ifndef JH_TESTS_VERDICTUTIL_H
#define JH_TESTS_VERDICTUTIL_H

struct fx {
	jh_dataset *ds;
	jh_county_items *items;
	jh_standard std;
	jh_result *res;
	jh_verdict v;
	jh_diags d;
};

static inline void done(struct fx *f)
{
	jh_verdict_free(&f->v);
	jh_result_free(f->res);
	jh_dataset_free(f->ds);
	jh_county_items_free(f->items);
	jh_diags_free(&f->d);
}

/* The item of that id, or NULL. */
static inline const jh_verdict_item *find(const jh_verdict *v, const char *id)
{
	for (size_t i = 0; i < v->count; i++)
		if (!strcmp(v->items[i].id, id))
			return &v->items[i];
	return NULL;
}

/* The item of that id; the test fails when there is none. */
static inline const jh_verdict_item *item(const jh_verdict *v, const char *id)
{
	const jh_verdict_item *it = find(v, id);

	if (!it)
		fail_msg("no item %s", id);
	return it;
}

#endif
