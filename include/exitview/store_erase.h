/* store_erase.h — forgetting people: an interview deleted without a trace
 * in the database, an interview anonymised for the statistics, and the
 * interviews older than a retention date.
 *
 * The store writes with secure_delete on: what a delete or an update
 * removes is overwritten with zeros in the file, not left in free space
 * (the search index's too: it is compacted after every delete and
 * anonymisation, so the words leave the index's pages as well);
 * the rollback journal that held the old pages during the transaction is
 * deleted at its end.  Report and recovery files are the caller's
 * (finish.h, recovery.h). */
#ifndef EXITVIEW_STORE_ERASE_H
#define EXITVIEW_STORE_ERASE_H

#include <stdbool.h>
#include <stdint.h>

#include "exitview/store.h"

/* Delete interview id with everything of it: answers, notes and their
 * versions, the kept report, claims.  0, or -1 (EV_E_NOTFOUND when there
 * is no such interview). */
int store_delete_interview(store *st, int64_t id);
/* Delete interviews ids[0..n) so, in one transaction: all or none (the
 * search index is compacted once, not once each: a purge of many).  0 or
 * -1. */
int store_delete_interviews(store *st, const int64_t *ids, int n);
/* Anonymise closed interview id: the names (employee, manager,
 * interviewer) and every free text (notes of every slot, return
 * conditions, the kept report, the text and owner of its action items)
 * gone, the dates reduced to the first of their month and the times to
 * its start (its actions' too: they stay as counts); role, department, template,
 * categories, ratings, follow-ups asked and the yes/no answers kept.  An
 * open interview is refused (close it first).  0 or -1. */
int store_anonymise_interview(store *st, int64_t id);

/* An interview older than a date. */
typedef struct store_aged {
	int64_t id;
	bool closed;
	char day[11];            /* its interview date, else the day it was made */
} store_aged;

/* The interviews whose day is before `before` (YYYY-MM-DD), oldest first,
 * into *out (malloc'd, NULL when none).  Their number, or -1. */
int store_aged_list(store *st, const char *before, store_aged **out);

#endif
