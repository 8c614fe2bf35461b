/* export_anon.h — an anonymous export: records for statistics that name
 * no one.
 *
 * Each row holds no name, no free text (notes, observations, actions,
 * return conditions), no ID and no exact date: a random key made for this
 * export, the month of the interview and a tenure band, the categories,
 * the yes/no answers, and per question its title, rating, skip and the
 * follow-ups asked.  Role, department and template values of fewer than
 * the threshold T of rows become "(other)"; then every row must share its
 * role, department, template, month and tenure with at least T-1 others,
 * or it is made coarser (the month becomes the quarter, for every row of
 * that quarter; then its tenure "(any)", its role, department and
 * template "(other)"), and a row that is still too rare is left out.
 * Rows come by period (month, or quarter where it is shown), oldest
 * first, and in random order within it, so their order says nothing
 * more.  An export of fewer than T rows is refused.
 *
 * Two passes, and nothing of a row is kept: the first counts the
 * combinations of those values (anon_export_count), which decides how
 * coarse each is shown (anon_export_plan); the second writes each row as
 * it comes (anon_export_add) into a temporary file, keeping in memory
 * only where each row of the period being written is there and its
 * random order (24 bytes a row), to shuffle them.  Memory: the
 * combinations (32 bytes each, however many rows share one) and 24 bytes
 * a row of one period, not the interviews.  The second pass must see what the first did
 * (the same interviews, oldest first); when it does not (a writer changed
 * something between them), anon_export_end says so, and the output must
 * be thrown away (and the export made again).
 */
#ifndef EXITVIEW_EXPORT_ANON_H
#define EXITVIEW_EXPORT_ANON_H

#include <stdbool.h>

#include "exitview/export.h"
#include "exitview/interview.h"
#include "exitview/util.h"

typedef struct anon_export anon_export;

anon_export *anon_export_new(int threshold, enum export_format f);
/* Output so far, for flush to write out and clear: called while a
 * period's rows are written once out holds 64 KB, so that out never holds
 * a whole period (without it, out does). */
void anon_export_set_flush(anon_export *ax, void (*flush)(strbuf *out, void *arg), void *arg);
/* Pass 1: every interview of the export once. */
void anon_export_count(anon_export *ax, const interview *iv);
/* Between the passes: how each combination is shown; the CSV header or
 * "[" into out.  Returns the rows the export will hold, or -1 with
 * ev_seterr() when fewer than the threshold; *left_out says whether
 * any will be left out. */
int anon_export_plan(anon_export *ax, strbuf *out, bool *left_out);
/* Pass 2: every interview again, oldest first (never its text).  0, or 1
 * when pass 1 did not see it so (the export must be made again), or -1
 * (ev_seterr) when its temporary file cannot be made or written. */
int anon_export_add(anon_export *ax, const interview *iv, strbuf *out);
/* The last rows and the end of the JSON array into out.  Returns the rows
 * written, or -1 (ev_seterr) when pass 2 did not see what pass 1 did, or
 * -2 (ev_seterr) when the temporary file of the rows failed. */
int anon_export_end(anon_export *ax, strbuf *out);
void anon_export_free(anon_export *ax);

#endif
