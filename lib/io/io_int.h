/*
** io_int.h — the input layer's internal interface (lib/io): header
** matching shared by every template loader.
*/
#ifndef JH_IO_INT_H
#define JH_IO_INT_H

#include "junheng/io.h"
#include "util/util_int.h"

/* Normalise a header or value for comparison: spaces and a stray BOM
 * dropped, full-width brackets folded to ASCII, ASCII lower-cased. */
void jhNorm(const char *s, char *out, size_t cap);
/* Copy s without surrounding blanks, cut to cap - 1 bytes. */
void jhTrimCopy(const char *s, char *out, size_t cap);
/* Index of the first list whose names (NULL-terminated, each list of
 * width `width`) contain s after jhNorm; -1 when none. */
int jhMatchNames(const char *s, const char *const *lists, int nlists, int width);

#endif
