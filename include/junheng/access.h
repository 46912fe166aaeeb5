/*
** junheng/access.h — the access layer of libjunheng (lib/access):
** passwords, accounts, sessions, sign-in throttling and the one policy
** that decides who may read, write or manage what.  Uses the storage and
** domain layers.  (Being built for issue 10; see lib/access/README.md.)
*/
#ifndef JUNHENG_ACCESS_H
#define JUNHENG_ACCESS_H

#include "junheng/store.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif
#endif /* JUNHENG_ACCESS_H */
