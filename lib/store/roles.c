/*
** roles.c — the roles of accounts: keys as stored, names for people,
** ranks for the policy (lib/access).  Its own file, used by the generic
** store and the backends alike, depending on nothing.
*/
#include "store_int.h"

#include <string.h>

static const struct {
	const char *key, *zh, *en;
	int rank;
} roles[JH_ROLE__COUNT] = {
	[JH_ROLE_ADMIN]     = {"admin", "系统管理员", "administrator", 5},
	[JH_ROLE_PROVINCE]  = {"province", "省级督导室", "province office", 4},
	[JH_ROLE_CITY]      = {"city", "市级督导室", "city office", 3},
	[JH_ROLE_COUNTY]    = {"county", "县级督导室", "county office", 2},
	[JH_ROLE_INSPECTOR] = {"inspector", "督学", "inspector", 1},
	[JH_ROLE_SCHOOL]    = {"school", "学校", "school", 0},
};

static int role_ok(jh_role r)
{
	return (int)r >= 0 && r < JH_ROLE__COUNT;
}

const char *jh_role_key(jh_role r)
{
	return role_ok(r) ? roles[r].key : "";
}

const char *jh_role_name(jh_role r, const char *lang)
{
	if (!role_ok(r))
		return "";
	return lang && !strcmp(lang, "en") ? roles[r].en : roles[r].zh;
}

/* The key, or the Chinese name as people write it. */
int jh_role_parse(const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < JH_ROLE__COUNT; i++)
		if (!strcmp(s, roles[i].key) || !strcmp(s, roles[i].zh))
			return i;
	return -1;
}

int jh_role_rank(jh_role r)
{
	return role_ok(r) ? roles[r].rank : -1;
}

