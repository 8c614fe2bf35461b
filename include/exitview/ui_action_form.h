/* ui_action_form.h — the small form of one action item on the interview
 * screen: its text, owner and due date (F4, or F3 on an empty line of
 * Action items' notes for a new one). */
#ifndef EXITVIEW_UI_ACTION_FORM_H
#define EXITVIEW_UI_ACTION_FORM_H

#include "exitview/actions.h"
#include "exitview/store.h"
#include "exitview/ui_term.h"

/* Edit a (a->id 0: a new action of interview a->interview_id, from
 * question a->question).  What is typed is saved when the form is left
 * (Esc, F2, Ctrl-X, a hang-up) if it obeys the rules of actions.h: F2 on
 * a value that does not stays in the form to mend it; Esc leaves it
 * unsaved, saying why.  Returns UI_R_LEAVE, UI_R_QUIT (Ctrl-X: leave the
 * interview too), UI_R_HANGUP or UI_R_TERM; *msg (malloc'd) says what
 * was saved, or why nothing was. */
enum ui_result ui_action_form(store *st, const iv_action *a, char **msg);

#endif
