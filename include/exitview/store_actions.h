/* store_actions.h — the action items of interviews in the database (the
 * table `actions`, schema 8; the record and its rules: actions.h).
 *
 * An action's number (id) is unique across all interviews and never
 * reused.  Deleting an interview deletes its actions (ON DELETE CASCADE);
 * anonymising one keeps its actions as counts: text and owner emptied,
 * the due date the first of its month, the times the month's start.
 * The writes refuse (-1, as every write to a closed interview: "interview
 * 7 is closed; reopen it first") an action of a closed interview, and an
 * unknown interview or action with ev_lastcode() EV_E_NOTFOUND.
 * store_load and store_stream give each interview its actions (iv->acts,
 * oldest first).  A file of a schema before 8 read in place (read-only)
 * is read as the migration will make it: its free-text action notes as
 * open actions, numbered from 1 in interview and line order (those
 * numbers are the ones the migration gives), the notes slot empty. */
#ifndef EXITVIEW_STORE_ACTIONS_H
#define EXITVIEW_STORE_ACTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "exitview/actions.h"
#include "exitview/store.h"

/* Add a (its interview_id, text, owner, due, question: checked by the
 * rules, and the question one of the interview's); status open.  Sets
 * a->id and a->created.  0 or -1. */
int store_action_add(store *st, iv_action *a);
/* Action id into *out (free with action_clear); 0, or -1 (EV_E_NOTFOUND:
 * "no action number 7"). */
int store_action_get(store *st, int64_t id, iv_action *out);
/* Mark done (the time recorded) or open again; 0 or -1.  Marking an
 * action what it already is changes nothing and is not an error. */
int store_action_set_done(store *st, int64_t id, bool done);
/* Change text, owner and due date of action id; NULL leaves one as it is
 * ("" empties owner or due).  0 or -1. */
int store_action_edit(store *st, int64_t id, const char *text, const char *owner, const char *due);
int store_action_delete(store *st, int64_t id);

/* iv->acts as stored now (the screen, after a change or another
 * writer's); 0, or -1 with iv->acts as it was. */
int store_action_reload(store *st, interview *iv);

/* The cross-interview listing. */
typedef struct store_action_filter {
	int status;              /* -1 any, ACTION_OPEN, ACTION_DONE */
	const char *owner;       /* NULL: any; else owners equal to it (ASCII case folded) */
	const char *overdue_on;  /* NULL, or a day: only actions overdue on it */
} store_action_filter;

typedef struct store_action_row {
	iv_action a;
	char *employee;          /* of its interview */
} store_action_row;

/* The actions f selects, by due date (those without one last), then
 * number.  Returns how many (rows malloc'd; free with
 * store_action_rows_free) or -1. */
int store_action_list(store *st, const store_action_filter *f, store_action_row **rows);
void store_action_rows_free(store_action_row *rows, int n);

/* For the summary: of the interviews whose day (interview date, else the
 * creation day) is in [since, until] (YYYY-MM-DD each, ""/NULL = open; the
 * selection of store_foreach), how many actions are open (*open) and how
 * many of those are overdue today (*overdue, due before today's date).
 * 0, or -1 (a bad date, an error). */
int store_action_counts(store *st, const char *since, const char *until, int64_t *open,
			int64_t *overdue);

#endif
