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
 * template "(other)"), and a row that is still too rare is left out.  Rows are sorted by month and random
 * key, so their order says nothing.  An export of fewer than T rows is
 * refused.
 */
#ifndef EXITVIEW_EXPORT_ANON_H
#define EXITVIEW_EXPORT_ANON_H

#include <stdbool.h>

#include "exitview/export.h"
#include "exitview/interview.h"
#include "exitview/util.h"

typedef struct anon_export anon_export;

anon_export *anon_export_new(int threshold);
/* Keep what the export may hold of iv (never its text). */
void anon_export_add(anon_export *ax, const interview *iv);
/* The rows, as CSV (header first, CRLF) or a JSON array, into out.
 * Returns the rows written, or -1 with ev_seterr() when fewer than the
 * threshold could be; *left_out says whether any row was left out. */
int anon_export_write(anon_export *ax, enum export_format f, strbuf *out, bool *left_out);
void anon_export_free(anon_export *ax);

#endif
