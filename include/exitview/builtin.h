/* builtin.h — the config and templates built into the binary, generated at
 * build time from config/ by src/tools/embed.c. */
#ifndef EXITVIEW_BUILTIN_H
#define EXITVIEW_BUILTIN_H

#include <stddef.h>

struct builtin_file {
	const char *name;    /* "config.ini", "templates/standard.ini", ... */
	const char *data;    /* NUL-terminated */
	size_t len;
};

/* Terminated by an entry whose name is NULL. */
extern const struct builtin_file builtin_files[];

/* The entry of that name, or NULL. */
const struct builtin_file *builtin_find(const char *name);

#endif
