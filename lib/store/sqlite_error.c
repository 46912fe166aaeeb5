/*
** sqlite_error.c — SQLite's errors as the house reports them, and the
** connection behind a SQLite store's db pointer: what store_sqlite.c and
** the schema-7 files (sqlite_cycle.c, sqlite_ledger.c, sqlite_creation.c)
** share.  In a file of its own so that those files, whose ops
** store_sqlite.c puts in its table, do not call back into store_sqlite.c
** (scripts/check-layers.sh refuses two objects that use each other).
**
** The errors a person can act on (busy, damaged, full, read-only, cannot
** open, I/O) have a coded problem of their own in both languages; the
** rest keep SQLite's own words after what failed.
*/
#include "store_int.h"

#include <sqlite3.h>
#include <stdio.h>

jh_problem jhSqliteProblem(int code)
{
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return JH_P_DB_BUSY;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return JH_P_DB_DAMAGED;
	case SQLITE_FULL:
		return JH_P_DB_FULL;
	case SQLITE_READONLY:
		return JH_P_DB_READONLY;
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return JH_P_DB_CANTOPEN;
	case SQLITE_IOERR:
	case SQLITE_PROTOCOL:
	case SQLITE_NOLFS:
		return JH_P_DB_IO;
	default:
		return JH_P_STORE;
	}
}

/* store_sqlite.c's struct sq begins with its connection (a static
 * assertion there keeps it so). */
struct sqlite3 *jhSqliteHandle(void *db)
{
	return *(struct sqlite3 **)db;
}

jh_code jhSqliteError(void *db, jh_diags *d, const char *what)
{
	sqlite3 *c = jhSqliteHandle(db);
	jh_problem p = jhSqliteProblem(sqlite3_extended_errcode(c));
	char msg[512];

	snprintf(msg, sizeof msg, "%s: %s", what, sqlite3_errmsg(c));
	jh_diags_add(d, p, sqlite3_db_filename(c, "main"), NULL, 0, 0, NULL,
	             p == JH_P_STORE ? msg : NULL, NULL);
	return JH_ERR_DB;
}
