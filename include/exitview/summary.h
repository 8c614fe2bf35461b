/* summary.h — patterns across many interviews, with anonymity.
 *
 * Feed interviews with summary_add(), then render.  Every figure comes
 * from at least the threshold of interviews (summary.c says how).
 */
#ifndef EXITVIEW_SUMMARY_H
#define EXITVIEW_SUMMARY_H

#include "exitview/interview.h"
#include "exitview/util.h"

enum summary_by {
	SUMMARY_ALL = 0, SUMMARY_DEPARTMENT, SUMMARY_ROLE, SUMMARY_TEMPLATE, SUMMARY_MANAGER, SUMMARY_QUARTER
};

typedef struct summary summary;

/* A summary of the months first_month..last_month (period.h; -1: open
 * at that end) with the anonymity threshold. */
summary *summary_new(enum summary_by by, int threshold, int first_month, int last_month);
/* The days the caller must read interviews of (store_foreach): whole
 * quarters around the period, since a part of a quarter counts only when
 * the whole of it allows (summary.c).  "" for an open end. */
void summary_fetch_range(const summary *s, char since[11], char until[11]);
void summary_add(summary *s, const interview *iv);
/* Plain text, columns aligned by display width.  since/until (the periods
 * as given, or NULL) are only shown in the heading. */
void summary_render(const summary *s, const char *since, const char *until, strbuf *out);
void summary_free(summary *s);

#endif
