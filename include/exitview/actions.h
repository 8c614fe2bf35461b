/* actions.h — action items as records (design.md, "Document and act"):
 * what is to be done after an interview, by whom, by when, open or done,
 * and the question it came from.  The model: the record type and its
 * rules, no I/O (the store keeps them: store_actions.h).
 *
 * The rules: the text is one line of TEXT (utf8.h), not blank, at most
 * ACTION_MAX_TEXT characters; the owner one line of at most IV_MAX_LINE
 * characters ("" = nobody named); the due date "" or a real YYYY-MM-DD.
 * An action is overdue when it is open and its due date is before today.
 */
#ifndef EXITVIEW_ACTIONS_H
#define EXITVIEW_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ACTION_MAX_TEXT 500
#define ACTION_NO_QUESTION (-1)

enum action_status { ACTION_OPEN = 0, ACTION_DONE = 1 };

typedef struct iv_action {
	int64_t id;              /* its number, across all interviews; 0 until stored */
	int64_t interview_id;
	char *text;              /* never NULL */
	char *owner;             /* never NULL, "" = nobody named */
	char due[11];            /* YYYY-MM-DD or "" */
	int status;              /* enum action_status */
	int question;            /* question index (0-based), ACTION_NO_QUESTION */
	int64_t created, done_at;   /* Unix times; done_at 0 while open */
} iv_action;

/* 0 if text / owner / due obeys the rules above, else -1 (ev_seterr
 * saying why, in words a command can print). */
int action_check_text(const char *text);
int action_check_owner(const char *owner);
int action_check_due(const char *due);
/* Whether a is open and due before today (YYYY-MM-DD). */
bool action_overdue(const iv_action *a, const char *today);
/* "open", "done" or "overdue" (open and overdue against today). */
const char *action_status_name(const iv_action *a, const char *today);

/* One line of old free-text action notes as an action's text: white space
 * trimmed, a leading "- ", "* " or "[ ] " bullet dropped.  malloc'd, or
 * NULL when nothing is left (a blank line). */
char *action_from_line(const char *line, size_t len);

/* Free the strings of a (not a itself), and of an array of n. */
void action_clear(iv_action *a);
void actions_free(iv_action *v, int n);

#endif
