/* ui_start.h — the start screen: "New interview", then every interview,
 * most recently updated first, filtered by typing, paged from the store. */
#ifndef EXITVIEW_UI_START_H
#define EXITVIEW_UI_START_H

#include <stdint.h>

#include "exitview/ui.h"
#include "exitview/ui_term.h"

/* Let the user choose.  msg (or NULL) is shown at first.  Returns
 * UI_R_LEAVE with *id = the interview to open, or 0 for a new one;
 * UI_R_CANCEL to quit; UI_R_HANGUP / UI_R_TERM; UI_R_ERROR. */
enum ui_result ui_start_choose(ui_ctx *ctx, const char *msg, int64_t *id);

#endif
