/* store_audit.h — the audit log: who did what to which interview, and
 * when.  It records the time, the Unix login, the action and the
 * interview's ID (0: none, e.g. a summary) with a short detail made of
 * options, never of names or notes, so it outlives an erased interview
 * without keeping the person.
 *
 * Writing it never stops the command it records: a database that cannot
 * take the line (read-only, or of a schema before the log) makes
 * store_audit return -1 with the reason, and the caller warns.  A
 * read-only handle (STORE_READ) writes through a second, short-lived
 * connection. */
#ifndef EXITVIEW_STORE_AUDIT_H
#define EXITVIEW_STORE_AUDIT_H

#include <stdint.h>

#include "exitview/store.h"

typedef struct audit_entry {
	int64_t seq;
	int64_t at;              /* Unix time */
	const char *login;
	const char *action;      /* "show", "report", "export", "summary", ... */
	int64_t interview_id;    /* 0: none */
	const char *detail;
} audit_entry;

/* Record action on interview id (0: none).  0, or -1 with ev_seterr(). */
int store_audit(store *st, const char *action, int64_t id, const char *detail);
/* Each entry at or after since (Unix time; 0: all), oldest first; fn
 * returning non-zero stops.  The number of entries, or -1. */
int store_audit_foreach(store *st, int64_t since, int (*fn)(const audit_entry *e, void *arg), void *arg);

#endif
