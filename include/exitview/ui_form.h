/* ui_form.h — the new-interview form and the details form (F2). */
#ifndef EXITVIEW_UI_FORM_H
#define EXITVIEW_UI_FORM_H

#include "exitview/interview.h"
#include "exitview/ui.h"
#include "exitview/ui_term.h"

/* The new-interview form prefilled from draft (may be NULL).  On UI_R_LEAVE
 * *out is the new interview, already stored, to begin now.  Otherwise
 * UI_R_CANCEL (discarded), UI_R_QUIT (Ctrl-X/Ctrl-Q), UI_R_HANGUP /
 * UI_R_TERM (a started form with an employee is then stored first: *out
 * set), or UI_R_ERROR. */
enum ui_result ui_form_new(ui_ctx *ctx, const interview *draft, interview **out);
/* The details of iv; every field is saved as it is left.  Returns
 * UI_R_LEAVE (Esc, F2), UI_R_QUIT (Ctrl-X/Ctrl-Q: leave the interview
 * too), UI_R_HANGUP or UI_R_TERM.  *msg (malloc'd, or NULL) says why a
 * value typed was not kept.  *unsaved: iv holds details the database
 * did not take (the caller keeps trying). */
enum ui_result ui_form_details(ui_ctx *ctx, interview *iv, char **msg, bool *unsaved);

#endif
