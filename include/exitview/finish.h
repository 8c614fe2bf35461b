/* finish.h — closing an interview: render the report, write it, mark the
 * interview closed with the report kept in the database.  Shared by the
 * command line (exitview close) and the screen (F10 / Ctrl-X). */
#ifndef EXITVIEW_FINISH_H
#define EXITVIEW_FINISH_H

#include <stdint.h>

#include "exitview/config.h"
#include "exitview/store.h"

/* The text of an interview's report: the one kept when a closed interview
 * was closed (reproduced exactly; cleaned by the text rule of utf8.h if the
 * database holds controls exitview never writes), else rendered now.
 * malloc'd. */
char *finish_report_text(store *st, const interview *iv);

/* Write the report of interview id to out_path (NULL: the report directory
 * of cfg, file report_file_name()).  close_it: the report is that of the
 * interview closed now ("Status: Closed at ..."), and the interview is marked
 * closed at that time with that report kept, so show and report give back
 * the same bytes.  On success *written (if not NULL) gets the path, malloc'd.
 * Returns 0 or -1 (ev_seterr); on failure nothing is marked closed. */
int finish_write_report(store *st, const settings *cfg, int64_t id, const char *out_path,
			int close_it, char **written);

/* Write the manager's version of interview id's report
 * (report_render_for_manager) to out_path (NULL: the report directory of
 * cfg, file report_manager_file_name(), so the full report is never
 * overwritten), atomically, mode 0600.  Nothing is kept in the database.
 * *written as for finish_write_report.  Returns 0 or -1 (ev_seterr). */
int finish_write_manager_report(store *st, const settings *cfg, int64_t id,
				const char *out_path, char **written);

#endif
