/*
** junheng.h — the public API of libjunheng, one header per layer.
**
** libjunheng knows the national standard for high-quality balanced
** compulsory education (县域义务教育优质均衡发展督导评估办法, 教督〔2017〕6号).
** Its layers, each a folder of lib/ with a header here, depend one way
** only (a lower layer never calls a higher one; `make test` checks it):
**
**   junheng/util.h   lib/util   buffers, diagnostics, text, numbers
**   junheng/io.h     lib/io     CSV and XLSX bytes into tables of cells
**   junheng/core.h   lib/core   templates, standards, evaluation, verdict
**   junheng/plan.h   lib/plan   gaps and the cheapest county plan
**   junheng/store.h  lib/store  the versioned, audited database
**   junheng/access.h lib/access accounts, sessions, who may do what
**   junheng/service.h lib/service whole operations the CLI and the
**                                server share (same bytes from both)
**   junheng/cycle.h  lib/cycle  creation plans, ledgers, the workflow
**   junheng/report.h lib/report the documents offices file (XLSX, PDF)
**
** Every function that can fail returns a jh_code and, where the failure
** concerns user input, appends one coded diagnostic per problem to a
** jh_diags list, rendered in Chinese or English.
**
** Ownership: an object returned through an out-pointer belongs to the
** caller and is released with its matching *_free function.  Pointers
** returned by accessors point into the object and live as long as it does.
** Strings passed in are copied.
**
** Public names are jh_lower_case; the library's internal names are
** jhCamelCase (as SQLite's sqlite3_foo and sqlite3Foo) and are declared
** only in the layers' internal headers, lib/LAYER/LAYER_int.h.
*/
#ifndef JUNHENG_H
#define JUNHENG_H

#include "junheng/util.h"
#include "junheng/io.h"
#include "junheng/core.h"
#include "junheng/plan.h"
#include "junheng/store.h"
#include "junheng/access.h"
#include "junheng/service.h"
#include "junheng/cycle.h"
#include "junheng/report.h"

#endif /* JUNHENG_H */
