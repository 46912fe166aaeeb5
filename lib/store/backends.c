/*
** backends.c — which database a URI or path names.
**
** A small table of backends, each with the URI prefix that selects it.
** "sqlite:FILE" and any plain path are SQLite.  "postgresql://" (and its
** short form "postgres://") is known but has no backend yet: it is
** refused with its own coded problem rather than taken for a file name.
** Any other "scheme://" is refused as unknown.  A plain path may contain
** ':' (e.g. "C:/data/j.db" or "a:b.db"); only "letters://" is a scheme.
**
** Adding a backend is one row here and one jhXxxOpen that fills struct
** jh_store with its ops (store_int.h).
*/
#include "store_int.h"

#include <ctype.h>
#include <string.h>

static const jhBackend backends[] = {
	{"SQLite", "sqlite:", jhSqliteOpen},
	{"PostgreSQL", "postgresql://", NULL},    /* not built yet */
	{"PostgreSQL", "postgres://", NULL},
};
#define NBACKENDS (sizeof backends / sizeof backends[0])

/* Length of a "scheme://" prefix, 0 when uri has none. */
static size_t scheme_len(const char *uri)
{
	size_t i = 0;

	if (!isalpha((unsigned char)uri[0]))
		return 0;
	while (isalnum((unsigned char)uri[i]) || uri[i] == '+' || uri[i] == '-' ||
	       uri[i] == '.')
		i++;
	/* One letter before ":/" is a Windows drive, not a scheme. */
	return i > 1 && !strncmp(uri + i, "://", 3) ? i + 3 : 0;
}

jh_code jhBackendFor(const char *uri, const jhBackend **out,
                     const char **target, jh_diags *d)
{
	size_t n;

	*out = NULL;
	*target = NULL;
	if (!uri || !*uri) {
		jh_diags_add(d, JH_P_STORE_URI, NULL, NULL, 0, 0, NULL, "", NULL);
		return JH_ERR_ARG;
	}
	for (size_t i = 0; i < NBACKENDS; i++) {
		const jhBackend *b = &backends[i];
		size_t pl = strlen(b->prefix);
		if (strncmp(uri, b->prefix, pl))
			continue;
		if (!b->open) {
			jh_diags_add(d, JH_P_BACKEND_NOT_BUILT, uri, NULL, 0, 0, NULL,
			             b->name, NULL);
			return JH_ERR_ARG;
		}
		if (!uri[pl]) {
			jh_diags_add(d, JH_P_STORE_URI, NULL, NULL, 0, 0, NULL, uri, NULL);
			return JH_ERR_ARG;
		}
		*out = b;
		*target = uri + pl;
		return JH_OK;
	}
	if ((n = scheme_len(uri))) {
		jh_diags_add(d, JH_P_STORE_URI, NULL, NULL, 0, 0, NULL, uri, NULL);
		return JH_ERR_ARG;
	}
	*out = &backends[0];        /* a plain path: SQLite */
	*target = uri;
	return JH_OK;
}
