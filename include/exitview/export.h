/* export.h — CSV (RFC 4180) and JSON records of interviews.
 *
 * One record per interview with its answers.  CSV: a header line, then one
 * row per interview; every field quoted when it holds a comma, quote, CR or
 * LF; lines end in CRLF.  JSON: an array of objects, strings escaped
 * (every character that is not TEXT by the text rule of utf8.h — controls,
 * C1, bidi controls, line separators, BOM — as \uXXXX), UTF-8 passed
 * through.  Both exact: only an invalid UTF-8 byte becomes U+FFFD.
 * pseudonymous leaves out employee, manager and interviewer (and the
 * actions' owners), and keeps the rest (an anonymous export is
 * export_anon.h's).
 *
 * Action items: CSV column actions holds them one a line, "[ ] TEXT" or
 * "[x] TEXT" (done), then " (owner: O; due: YYYY-MM-DD; question: N)" with
 * what is known; actions_open and actions_done count them; action_notes
 * holds the notes about them.  JSON: "actions" is an array of objects
 * {number, text, owner, due, status ("open"/"done"), question (number or
 * null)}, "action_notes" the notes.  The checklists: CSV opening_done,
 * opening_items, closing_done, closing_items (items done, items); JSON
 * "opening_checklist" and "closing_checklist": {"done": N, "items": M}.
 */
#ifndef EXITVIEW_EXPORT_H
#define EXITVIEW_EXPORT_H

#include <stdbool.h>

#include "exitview/interview.h"
#include "exitview/util.h"

typedef struct exporter exporter;
enum export_format { EXPORT_CSV, EXPORT_JSON };

/* max_questions: the most questions any exported interview has (CSV needs a
 * fixed set of columns: q1_title, q1_rating, q1_skipped, q1_asked, q1_notes,
 * ... up to it).  Output goes to out as it is produced. */
exporter *export_begin(enum export_format f, bool pseudonymous, int max_questions, strbuf *out);
/* The output goes to a terminal: CSV values are shown, not exact (controls,
 * bidi controls, BOMs, line separators as U+FFFD; utf8.h UTF8_DISPLAY). */
void export_for_terminal(exporter *ex);
void export_add(exporter *ex, const interview *iv);
void export_end(exporter *ex);   /* finishes the output and frees ex */

/* Building blocks, also used by tests. */
void csv_field(strbuf *out, const char *s);    /* quoted when needed */
void json_string(strbuf *out, const char *s);  /* with the quotes */

#endif
