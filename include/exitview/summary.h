/* summary.h — patterns across many interviews, with anonymity.
 *
 * Two passes over the interviews of summary_fetch_range(): first how many
 * fall in each month (summary_count_month, or summary_count per
 * interview), then each interview once (summary_add), which adds it to
 * its group's figures and keeps nothing of it: memory grows with the
 * number of groups, reasons and questions, never with the number of
 * interviews.  Every figure comes from at least the threshold of
 * interviews (summary.c says how).
 */
#ifndef EXITVIEW_SUMMARY_H
#define EXITVIEW_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>

#include "exitview/interview.h"
#include "exitview/util.h"

enum summary_by {
	SUMMARY_ALL = 0, SUMMARY_DEPARTMENT, SUMMARY_ROLE, SUMMARY_TEMPLATE, SUMMARY_MANAGER, SUMMARY_QUARTER
};

enum summary_format { SUMMARY_TEXT = 0, SUMMARY_TSV, SUMMARY_JSON };

typedef struct summary summary;

/* A summary of the months first_month..last_month (period.h; -1: open
 * at that end) with the anonymity threshold. */
summary *summary_new(enum summary_by by, int threshold, int first_month, int last_month);
/* The reader's language ("sv", "en"; i18n_language()): a reason's label
 * is taken from an interview (or template, summary_label) of that
 * language where one has it, else an English one, else any.  Default
 * "en".  Before summary_add. */
void summary_set_language(summary *s, const char *code);
/* A label for a category key from a template of language lang (the
 * templates installed, for keys whose interviews are all of another
 * language). */
void summary_label(summary *s, const char *key, const char *label, const char *lang);
/* Bars of block elements (UTF-8) or of '#' (default). */
void summary_set_utf8(summary *s, bool utf8);
/* The days the caller must read interviews of (store_foreach): whole
 * quarters around the period, since a part of a quarter counts only when
 * the whole of it allows (summary.c).  "" for an open end. */
void summary_fetch_range(const summary *s, char since[11], char until[11]);

/* Pass 1: n interviews whose day falls in month (period.h; -1: no
 * date), or one interview.  Every interview of the fetch range, before
 * the first summary_add. */
void summary_count_month(summary *s, int month, int64_t n);
void summary_count(summary *s, const interview *iv);
/* Pass 2: each interview of the fetch range once; one that does not
 * count (the rules of summary.c) is left out.  Nothing of iv is kept. */
void summary_add(summary *s, const interview *iv);

/* After pass 1: the months whose interviews count, as runs of months
 * inside one quarter each, oldest first: fn(first, last, arg) for each.
 * For figures the caller reads itself (the action items). */
void summary_each_run(const summary *s, void (*fn)(int first, int last, void *arg), void *arg);
/* The open and overdue action items of the interviews of one such run
 * (month is its first): the whole set's, and with --by quarter its
 * quarter's. */
void summary_add_actions(summary *s, int month, int64_t open, int64_t overdue);

/* Text (columns aligned by display width, a bar per count), TSV (one
 * figure a line, a header line) or JSON.  since/until (the periods as
 * given, or NULL) are only shown in the heading. */
/* While rendering, fn(out, arg) is called between groups once out holds
 * 64 KB or more, to write it out and empty it (the output of many groups
 * is not kept whole).  Default: none. */
void summary_set_flush(summary *s, void (*fn)(strbuf *out, void *arg), void *arg);
void summary_render(const summary *s, const char *since, const char *until,
		    enum summary_format fmt, strbuf *out);
void summary_free(summary *s);

#endif
