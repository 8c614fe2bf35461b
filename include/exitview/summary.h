/* summary.h — patterns across many interviews, with anonymity.
 *
 * Feed interviews with summary_add(), then render.  Any group smaller than
 * the threshold is shown as "fewer than N" without its figures.
 */
#ifndef EXITVIEW_SUMMARY_H
#define EXITVIEW_SUMMARY_H

#include "exitview/interview.h"
#include "exitview/util.h"

enum summary_by { SUMMARY_ALL = 0, SUMMARY_DEPARTMENT, SUMMARY_ROLE, SUMMARY_TEMPLATE };

typedef struct summary summary;

summary *summary_new(enum summary_by by, int threshold);
void summary_add(summary *s, const interview *iv);
/* Plain text, columns aligned by display width.  since/until (or NULL) are
 * only shown in the heading. */
void summary_render(const summary *s, const char *since, const char *until, strbuf *out);
void summary_free(summary *s);

#endif
