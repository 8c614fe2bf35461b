/* finish.c — closing an interview and writing its report. */
#include "exitview/finish.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exitview/fsutil.h"
#include "exitview/report.h"
#include "exitview/util.h"

char *finish_report_text(store *st, const interview *iv)
{
	/* A closed interview's report is reproduced exactly as it was kept. */
	char *text = iv->closed ? store_get_report(st, iv->id) : NULL;
	return text ? text : report_render(iv);
}

int finish_write_report(store *st, const settings *cfg, int64_t id, const char *out_path,
			int close_it, char **written)
{
	interview *iv = store_load(st, id);
	if (!iv)
		return -1;
	if (close_it && iv->closed) {
		interview_free(iv);
		return ev_seterr("interview %lld is already closed", (long long)id);
	}
	/* Closing: the report is that of the closed interview, rendered afresh
	 * (not a report kept by an earlier close), with the close time stored. */
	int64_t closed_at = (int64_t)time(NULL);
	char *text;
	if (close_it) {
		iv->closed = true;
		iv->closed_at = closed_at;
		text = report_render(iv);
	} else {
		text = finish_report_text(st, iv);
	}

	char *path;
	if (out_path) {
		path = xstrdup(out_path);
	} else {
		char *dir = settings_report_dir(cfg);
		if (fs_reports_dir(dir, cfg && cfg->allow_shared_database) != 0) {
			free(dir);
			free(text);
			interview_free(iv);
			return -1;
		}
		char *name = report_file_name(iv);
		path = fs_join(dir, name);
		free(dir);
		free(name);
	}
	interview_free(iv);

	int rc = fs_write_atomic(path, text, strlen(text));
	if (rc == 0 && close_it)
		rc = store_close_interview(st, id, closed_at, text);
	free(text);
	if (rc == 0 && written)
		*written = path;
	else
		free(path);
	return rc;
}
