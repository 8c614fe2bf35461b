/* config.h — the main settings file (config.ini).
 *
 * Lookup order (design.md, Files): -c FILE, else $EXITVIEW_CONFIG, else
 * $XDG_CONFIG_HOME/exitview/config.ini (~/.config/exitview/config.ini), else
 * $(DATADIR)/config.ini, else the copy built into the binary.
 * An explicitly named file (-c, $EXITVIEW_CONFIG) that cannot be read is an
 * error; the others are skipped when absent.
 */
#ifndef EXITVIEW_CONFIG_H
#define EXITVIEW_CONFIG_H

#include <stdbool.h>

typedef struct settings {
	char *source;            /* the file read, or "built-in config.ini" */
	char *default_template;  /* [exitview] template, e.g. "standard" */
	char *database;          /* [exitview] database: NULL = default path */
	char *report_dir;        /* [exitview] reports: NULL = <data dir>/reports */
	char *template_dir;      /* [exitview] templates: extra directory searched first, or NULL */
	char *interviewer;       /* [exitview] interviewer: NULL = GECOS full name */
	bool colour;             /* [exitview] colour = yes|no (NO_COLOR wins) */
	int autosave_seconds;    /* [exitview] autosave = 1..60, default 1 */
	bool allow_shared_database; /* [exitview] shared_database = yes|no, default no */
	int anonymity_threshold; /* [summary] threshold = 1..1000, default 5 */
	int retention_months;    /* [exitview] retention_months = 1..1200; 0 (empty): no limit */
	char *language;          /* [exitview] language = en|sv: NULL = the locale's */
} settings;

/* Fill s with the defaults, then read the config found by the lookup order
 * (explicit = the -c argument or NULL).  Returns 0, or -1 with
 * ev_seterr("FILE:LINE: ...").  s is always valid to use and free. */
int settings_load(settings *s, const char *explicit_path);
/* Validate a config file without using it (check-config). */
int settings_check_file(const char *path);
void settings_free(settings *s);

/* The database path in force: -d, else $EXITVIEW_DB, else the config's
 * database, else <data dir>/exitview.db. malloc'd. */
char *settings_database_path(const settings *s, const char *explicit_db);
/* The report directory in force. malloc'd. */
char *settings_report_dir(const settings *s);

#endif
