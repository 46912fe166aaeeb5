/*
** junheng/service.h — the service layer of libjunheng (lib/service):
** whole operations over a store that the CLI and the web server both
** call, so that both give the same bytes.  Uses every layer below it.
** (Being built for issue 10.)
*/
#ifndef JUNHENG_SERVICE_H
#define JUNHENG_SERVICE_H

#include "junheng/access.h"
#include "junheng/plan.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif
#endif /* JUNHENG_SERVICE_H */
