/* ui_help.h — the F1 help overlay, drawn from the key table. */
#ifndef EXITVIEW_UI_HELP_H
#define EXITVIEW_UI_HELP_H

#include "exitview/ui_term.h"

/* Show every binding until the user closes the help.  Returns UI_R_LEAVE,
 * or UI_R_HANGUP / UI_R_TERM when a signal or hang-up came meanwhile (the
 * caller saves and exits).  The caller redraws its screen afterwards. */
enum ui_result ui_help_show(void);

#endif
