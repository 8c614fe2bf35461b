/* report.h — the plain-text report of an interview, and text wrapping.
 *
 * UTF-8, wrapped at REPORT_WIDTH display columns (wide and combining
 * characters measured correctly, no character ever cut), paragraphs kept,
 * control characters other than newline never emitted.
 */
#ifndef EXITVIEW_REPORT_H
#define EXITVIEW_REPORT_H

#include "exitview/interview.h"
#include "exitview/util.h"

#define REPORT_WIDTH 72

/* The report (malloc'd, NUL-terminated); deterministic: the same interview
 * always gives the same bytes (no "printed at" time). */
char *report_render(const interview *iv);

/* The report for the leaver's manager (exitview report --for-manager):
 * the report without what is the interviewer's own (the observations, the
 * assessed reason, regrettable loss, eligible for rehire) and without the
 * answer (notes, rating, follow-ups asked, skipped) of a question marked
 * private; its first lines say so.  Deterministic like report_render(). */
char *report_render_for_manager(const interview *iv);

/* Append text wrapped to width columns, each line prefixed by indent (its
 * width counts).  Newlines in text end paragraphs; blank lines are kept; a
 * word longer than the line is broken at a character boundary; tabs become
 * spaces and other control characters are dropped. */
void wrap_text(strbuf *out, const char *text, int width, const char *indent);

/* Default file name of an interview's report: "exitview-<id>-<employee>.txt"
 * with the employee reduced to a safe [A-Za-z0-9._-] slug. malloc'd. */
char *report_file_name(const interview *iv);
/* The manager's report's: "exitview-<id>-<employee>-manager.txt". */
char *report_manager_file_name(const interview *iv);

#endif
