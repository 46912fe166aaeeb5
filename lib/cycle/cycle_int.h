/*
** cycle_int.h — the cycle layer's internal interface (lib/cycle).
**
** What the parts of lib/cycle share among themselves (creation plans,
** ledgers, the workflow); the public operations are in
** include/junheng/cycle.h.  Each part adds its own section.
*/
#ifndef JH_CYCLE_INT_H
#define JH_CYCLE_INT_H

#include "junheng/cycle.h"
#include "service/service_int.h"
#include "access/access_int.h"

/* --- ledgers --- */

/* --- creation plans and trends --- */

/* --- workflow, snapshots, notices --- */

#endif
