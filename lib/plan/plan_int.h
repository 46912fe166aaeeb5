/*
** plan_int.h — the planning layer's internal interface (lib/plan).
*/
#ifndef JH_PLAN_INT_H
#define JH_PLAN_INT_H

#include "junheng/plan.h"
#include "core/core_int.h"

#endif
