/* ui_interview.h — the interview screen (question list, prompt, notes). */
#ifndef EXITVIEW_UI_INTERVIEW_H
#define EXITVIEW_UI_INTERVIEW_H

#include "exitview/interview.h"
#include "exitview/ui.h"
#include "exitview/ui_term.h"

/* Run the interview screen on iv (loaded or just created; stays owned by
 * the caller) in an initialised terminal.  Returns UI_R_LEAVE, UI_R_CLOSED
 * (*report_path malloc'd), UI_R_HANGUP or UI_R_TERM (everything saved that
 * could be; ev_lasterr() describes a failure).  *exit_note (malloc'd, or
 * NULL when everything is in the database) says where what the database
 * refused was kept instead, for after the terminal is restored. */
enum ui_result ui_interview_run(ui_ctx *ctx, interview *iv, char **report_path, char **exit_note);

#endif
