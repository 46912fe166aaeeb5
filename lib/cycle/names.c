/*
** names.c — the keys and the names for people of the cycle's states: a
** ledger item's status, the workflow's state, a milestone's status.  Keys
** are what the store, the API and the CLI carry; names are what pages and
** reports show, one table per enum with Chinese and English side by side.
*/
#include "cycle_int.h"

#include <string.h>

typedef struct jhName {
	const char *key, *zh, *en;
} jhName;

static const jhName ledger_names[JH_LEDGER__COUNT] = {
	[JH_LEDGER_OPEN] = {"open", "待整改", "open"},
	[JH_LEDGER_IN_PROGRESS] = {"in_progress", "整改中", "in progress"},
	[JH_LEDGER_AWAITING_SIGNOFF] = {"awaiting_signoff", "待销号", "awaiting sign-off"},
	[JH_LEDGER_SIGNED_OFF] = {"signed_off", "已销号", "signed off"},
	[JH_LEDGER_REOPENED] = {"reopened", "已重开", "reopened"},
};

static const jhName cycle_names[JH_CYCLE__COUNT] = {
	[JH_CYCLE_SELF_EVALUATION] = {"self_evaluation", "自评中", "self-evaluation"},
	[JH_CYCLE_SUBMITTED] = {"submitted", "已上报", "submitted"},
	[JH_CYCLE_REVIEWED] = {"reviewed", "已复核", "reviewed"},
	[JH_CYCLE_RECTIFIED] = {"rectified", "已整改", "rectified"},
	[JH_CYCLE_APPLIED] = {"applied", "已申报", "applied"},
	[JH_CYCLE_ASSESSED] = {"assessed", "已评估", "assessed"},
};

static const jhName milestone_names[JH_MILESTONE__COUNT] = {
	[JH_MILESTONE_MET] = {"met", "已完成", "met"},
	[JH_MILESTONE_MISSED] = {"missed", "未完成", "missed"},
	[JH_MILESTONE_DUE] = {"due", "未到期", "due"},
	[JH_MILESTONE_NO_DATA] = {"no_data", "无数据", "no data"},
};

static const char *name_of(const jhName *t, int n, int i, const char *lang)
{
	if (i < 0 || i >= n)
		return "?";
	return lang && !strcmp(lang, "en") ? t[i].en : t[i].zh;
}

static int parse(const jhName *t, int n, const char *key)
{
	for (int i = 0; key && i < n; i++)
		if (!strcmp(t[i].key, key))
			return i;
	return -1;
}

const char *jh_ledger_status_key(jh_ledger_status st)
{
	return (int)st >= 0 && st < JH_LEDGER__COUNT ? ledger_names[st].key : "?";
}

const char *jh_ledger_status_name(jh_ledger_status st, const char *lang)
{
	return name_of(ledger_names, JH_LEDGER__COUNT, (int)st, lang);
}

int jh_ledger_status_parse(const char *key)
{
	return parse(ledger_names, JH_LEDGER__COUNT, key);
}

const char *jh_cycle_state_key(jh_cycle_state st)
{
	return (int)st >= 0 && st < JH_CYCLE__COUNT ? cycle_names[st].key : "?";
}

const char *jh_cycle_state_name(jh_cycle_state st, const char *lang)
{
	return name_of(cycle_names, JH_CYCLE__COUNT, (int)st, lang);
}

int jh_cycle_state_parse(const char *key)
{
	return parse(cycle_names, JH_CYCLE__COUNT, key);
}

const char *jh_milestone_status_key(jh_milestone_status st)
{
	return (int)st >= 0 && st < JH_MILESTONE__COUNT ? milestone_names[st].key : "?";
}

const char *jh_milestone_status_name(jh_milestone_status st, const char *lang)
{
	return name_of(milestone_names, JH_MILESTONE__COUNT, (int)st, lang);
}
