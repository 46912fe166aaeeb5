/*
** items.h — county-year item keys and value readers, shared by items.c
** (import checks, survey counting) and verdict.c (judging).
*/
#ifndef JH_ITEMS_H
#define JH_ITEMS_H

#include "junheng.h"

enum jh_vkind { V_YESNO, V_RATE, V_NUMBER, V_GRADE, V_LEVEL, V_COUNT, V_YEAR };

struct jh_item_key {
	const char *key;
	enum jh_vkind kind;
	const char *zh, *en;
};

extern const struct jh_item_key jh_item_keys[];   /* NULL-terminated */
#define JH_SUBJECTS 6
extern const char *const jh_subjects[JH_SUBJECTS][3];  /* key, zh, en */
#define JH_GROUPS 6
extern const char *const jh_groups[JH_GROUPS][4];      /* key, zh, en, alias */

const struct jh_item_key *jh_item_key_find(const char *key);
/* What is wrong with a county-year record (JH_P__COUNT: nothing); *arg is
 * the text the message quotes. */
jh_problem jh_item_problem(const char *key, const char *value, const char **arg);
int jh_value_yesno(const char *s);                 /* 1, 0, -1 unreadable */
int jh_value_number(const char *s, int rate, double *out);  /* 0 ok */
int jh_value_grade(const char *s);                 /* 1..4 (优秀 4), -1 */
int jh_value_level(const char *s);                 /* 1..4 (Ⅳ 4), -1 */

#endif
