/* finish.c — closing an interview and writing its report. */
#include "exitview/finish.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exitview/fsutil.h"
#include "exitview/report.h"
#include "exitview/store_audit.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

char *finish_report_text(store *st, const interview *iv)
{
	/* A closed interview's report is reproduced as it was kept: exactly,
	 * since exitview wrote it, unless the database holds what exitview
	 * never writes (the text rule of utf8.h for lines). */
	char *text = iv->closed ? store_get_report(st, iv->id) : NULL;
	if (!text)
		return report_render(iv);
	strbuf clean = STRBUF_INIT;
	utf8_clean(&clean, text, strlen(text), UTF8_LINES);
	free(text);
	return sb_detach(&clean);
}

/* Close interview id with its report text at path, all or nothing: the
 * report is written and synced under a temporary name, the close is
 * committed, and only then does the file take its name.  A refused close
 * leaves no file (and an old one at path as it was).  0 or -1. */
static int close_with_report(store *st, int64_t id, int64_t closed_at, const char *path, const char *text)
{
	fs_atomic a;
	bool begun = fs_atomic_begin(&a, path) == 0;
	if (!begun || fs_atomic_write(&a, text, strlen(text)) != 0 || fs_atomic_sync(&a) != 0 ||
	    store_close_interview(st, id, closed_at, text) != 0) {
		char *why = xstrdup(ev_lasterr());
		if (begun)
			fs_atomic_abort(&a);
		ev_seterr("not closed (no report written): %s", why);
		free(why);
		return -1;
	}
	/* who closed it: the audit log, which never stops a close */
	(void)store_audit(st, "close", id, "");
	if (fs_atomic_commit(&a) != 0) {
		char *why = xstrdup(ev_lasterr());
		ev_seterr("interview %lld closed, but its report file could not be written (%s): "
			  "'exitview report %lld' writes it again", (long long)id, why, (long long)id);
		free(why);
		return -1;
	}
	return 0;
}

/* Where a report goes: out_path, else name in the report directory of
 * cfg (made if missing).  malloc'd, or NULL (ev_seterr). */
static char *report_path(const settings *cfg, const char *out_path, const char *name)
{
	if (out_path)
		return xstrdup(out_path);
	char *dir = settings_report_dir(cfg);
	char *path = NULL;
	if (fs_reports_dir(dir, cfg && cfg->allow_shared_database) == 0)
		path = fs_join(dir, name);
	free(dir);
	return path;
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

	char *name = report_file_name(iv);
	char *path = report_path(cfg, out_path, name);
	free(name);
	interview_free(iv);
	if (!path) {
		free(text);
		return -1;
	}

	int rc = close_it ? close_with_report(st, id, closed_at, path, text)
			  : fs_write_atomic(path, text, strlen(text));
	free(text);
	if (rc == 0 && written)
		*written = path;
	else
		free(path);
	return rc;
}

int finish_write_manager_report(store *st, const settings *cfg, int64_t id,
				const char *out_path, char **written)
{
	interview *iv = store_load(st, id);
	if (!iv)
		return -1;
	char *text = report_render_for_manager(iv);
	char *name = report_manager_file_name(iv);
	char *path = report_path(cfg, out_path, name);
	free(name);
	interview_free(iv);
	int rc = path ? fs_write_atomic(path, text, strlen(text)) : -1;
	free(text);
	if (rc == 0 && written)
		*written = path;
	else
		free(path);
	return rc;
}
