/* import.h — planned interviews from a list of leavers (CSV), all checked before any is made.
 *
 * The file (RFC 4180): a header row naming the columns, in any order:
 * employee, role, department, manager, last_day, interview_date, and
 * optionally template (names case-insensitive; a column named twice or
 * not known is an error naming it).  Fields are separated by commas,
 * records by CRLF or LF; a field in double quotes may hold commas, line
 * breaks and doubled quotes ("").  UTF-8; a byte-order mark at the start
 * is allowed; empty lines are skipped.  Every row has the header's number
 * of fields.  A value is checked as `exitview set` checks it
 * (interview_set_field: the text rule of utf8.h, dates YYYY-MM-DD);
 * employee and last_day must not be empty; template (empty: the config's
 * default) must name a template.
 *
 * No curses, no printing: errors are -1 with ev_seterr() "NAME:LINE: why",
 * LINE the line of the file where the row (or the bad field) begins.
 */
#ifndef EXITVIEW_IMPORT_H
#define EXITVIEW_IMPORT_H

#include <stddef.h>

#include "exitview/config.h"
#include "exitview/interview.h"

enum import_col {
	IMP_EMPLOYEE, IMP_ROLE, IMP_DEPARTMENT, IMP_MANAGER, IMP_LAST_DAY, IMP_INTERVIEW_DATE,
	IMP_TEMPLATE, IMPORT_NCOLS
};

/* One row of the file: its values by column ("" for the template when the
 * file has no such column). */
typedef struct import_row {
	int line;                     /* the line of the file it begins on */
	char *value[IMPORT_NCOLS];
} import_row;

/* Parse text (len bytes, the whole file; name is for messages) into
 * *rows (*n of them, the header not counted).  0 or -1 (ev_seterr); on
 * -1 nothing is returned. */
int import_parse(const char *name, const char *text, size_t len, import_row **rows, int *n);
void import_rows_free(import_row *rows, int n);

/* What an import would create: one interview per row, in file order. */
typedef struct import_plan {
	interview **iv;
	int *line;                    /* each one's row's line */
	const char **warning;         /* the date rule's warning (interview_check_dates), or NULL */
	int n;
} import_plan;

/* The interviews of the rows: each from its template, with interviewer
 * set, its values checked as above and its dates judged by the date rule.
 * 0 or -1 (ev_seterr "NAME:LINE: why"; *plan then holds nothing). */
int import_plan_rows(const settings *cfg, const char *name, const import_row *rows, int n,
		     const char *interviewer, import_plan *plan);
/* import_parse and import_plan_rows in one. */
int import_plan_text(const settings *cfg, const char *name, const char *text, size_t len,
		     const char *interviewer, import_plan *plan);
void import_plan_free(import_plan *plan);

#endif
