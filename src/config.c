/* config.c — the main settings file (config.ini): lookup, parsing, checks.
 *
 * Every value is read as a string (ini.h) and parsed here: booleans and
 * numbers strictly, paths with "~/" expanded.  An empty value means the
 * default.  Any unknown section or key, or a bad value, is an error naming
 * the file and line, and leaves the defaults in place.
 */
#include "exitview/config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exitview/builtin.h"
#include "exitview/fsutil.h"
#include "exitview/i18n.h"
#include "exitview/ini.h"
#include "exitview/template.h"
#include "exitview/util.h"

#ifndef EXITVIEW_DATADIR
#define EXITVIEW_DATADIR "/usr/local/share/exitview"
#endif

enum kind { K_NAME, K_PATH, K_TEXT, K_BOOL, K_INT, K_LANG };

struct key_def {
	const char *section;
	const char *key;
	enum kind kind;
	size_t off;       /* offset of the field in struct settings */
	int lo, hi;       /* K_INT range */
	const char *unit; /* K_INT: "seconds" or NULL */
};

#define FIELD(f) offsetof(settings, f)

static const struct key_def keys[] = {
	{ "exitview", "template",        K_NAME, FIELD(default_template), 0, 0, NULL },
	{ "exitview", "database",        K_PATH, FIELD(database), 0, 0, NULL },
	{ "exitview", "reports",         K_PATH, FIELD(report_dir), 0, 0, NULL },
	{ "exitview", "templates",       K_PATH, FIELD(template_dir), 0, 0, NULL },
	{ "exitview", "interviewer",     K_TEXT, FIELD(interviewer), 0, 0, NULL },
	{ "exitview", "colour",          K_BOOL, FIELD(colour), 0, 0, NULL },
	{ "exitview", "autosave",        K_INT,  FIELD(autosave_seconds), 1, 60, "seconds" },
	{ "exitview", "shared_database", K_BOOL, FIELD(allow_shared_database), 0, 0, NULL },
	{ "exitview", "retention_months", K_INT, FIELD(retention_months), 1, 1200, "months" },
	{ "exitview", "language",        K_LANG, FIELD(language), 0, 0, NULL },
	{ "summary",  "threshold",       K_INT,  FIELD(anonymity_threshold), 1, 1000, NULL },
};

static void settings_defaults(settings *s)
{
	memset(s, 0, sizeof *s);
	s->default_template = xstrdup("standard");
	s->colour = true;
	s->autosave_seconds = 1;
	s->allow_shared_database = false;
	s->anonymity_threshold = 5;
}

void settings_free(settings *s)
{
	if (!s)
		return;
	free(s->source);
	free(s->default_template);
	free(s->database);
	free(s->report_dir);
	free(s->template_dir);
	free(s->interviewer);
	free(s->language);
	memset(s, 0, sizeof *s);
}

/* Decimal digits only, within lo..hi; 0 on success. */
static int parse_int(const char *v, int lo, int hi, int *out)
{
	long n = 0;
	if (!*v)
		return -1;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (*p - '0');
		if (n > hi)
			return -1;
	}
	if (n < lo)
		return -1;
	*out = (int)n;
	return 0;
}

static char *expand_path(const char *v)
{
	if (v[0] == '~' && (v[1] == '/' || v[1] == '\0'))
		return fs_join(fs_home(), v[1] ? v + 2 : "");
	return xstrdup(v);
}

static int apply(settings *s, const ini *f, const struct key_def *d, const char *v, int line)
{
	const char *file = ini_label(f);
	char *base = (char *)s;
	if (!*v)
		return 0;   /* empty: keep the default */
	switch (d->kind) {
	case K_NAME:
		if (!template_valid_name(v))
			return ev_seterr("%s:%d: %s must be a template name (letters, digits, "
			                 "'-' and '_'), not '%s'", file, line, d->key, v);
		str_set((char **)(base + d->off), v);
		return 0;
	case K_LANG:
		if (!i18n_speaks(v))
			return ev_seterr("%s:%d: language must be en or sv (or empty for the "
			                 "locale's), not '%s'", file, line, v);
		str_set((char **)(base + d->off), v);
		return 0;
	case K_PATH:
		free(*(char **)(base + d->off));
		*(char **)(base + d->off) = expand_path(v);
		return 0;
	case K_TEXT:
		str_set((char **)(base + d->off), v);
		return 0;
	case K_BOOL: {
		int b = str_parse_bool(v);
		if (b < 0)
			return ev_seterr("%s:%d: %s must be yes or no (or true/false, on/off, "
			                 "1/0), not '%s'", file, line, d->key, v);
		*(bool *)(base + d->off) = b;
		return 0;
	}
	case K_INT:
		if (parse_int(v, d->lo, d->hi, (int *)(base + d->off)) != 0)
		{
			/* one whole sentence for each unit, for the translations */
			const char *fmt = !d->unit ? N_("%s:%d: %s must be a whole number from %d to %d")
				: strcmp(d->unit, "seconds") == 0
				? N_("%s:%d: %s must be a whole number of seconds from %d to %d")
				: N_("%s:%d: %s must be a whole number of months from %d to %d");
			return ev_seterr(fmt, file, line, d->key, d->lo, d->hi);
		}
		return 0;
	}
	return 0;
}

static const struct key_def *find_def(const char *section, const char *key)
{
	for (size_t i = 0; i < EV_ARRAY_LEN(keys); i++)
		if (strcmp(keys[i].section, section) == 0 &&
		    (!key || strcmp(keys[i].key, key) == 0))
			return &keys[i];
	return NULL;
}

/* Apply every key of f to s (already holding the defaults). */
static int apply_ini(settings *s, const ini *f)
{
	const char *file = ini_label(f);
	for (int i = 0; i < ini_nsections(f); i++) {
		const char *sec = ini_section_name(f, i);
		if (!find_def(sec, NULL))
			return ev_seterr("%s:%d: unknown section [%s] (expected [exitview] or "
			                 "[summary])", file, ini_section_line(f, i), sec);
		for (int k = 0; k < ini_nkeys(f, i); k++) {
			const char *key = ini_key_name(f, i, k);
			int line = ini_key_line(f, i, k);
			const struct key_def *d = find_def(sec, key);
			if (!d) {
				if (strcmp(key, "color") == 0 && strcmp(sec, "exitview") == 0)
					return ev_seterr("%s:%d: unknown key 'color' in [exitview] "
					                 "(the key is spelt 'colour')", file, line);
				return ev_seterr("%s:%d: unknown key '%s' in [%s]", file, line, key, sec);
			}
			if (apply(s, f, d, ini_key_value(f, i, k), line) != 0)
				return -1;
		}
	}
	return 0;
}

/* Read f into *s: all or nothing.  On failure *s keeps the defaults. */
static int load_ini(settings *s, ini *f, const char *source)
{
	settings tmp;
	settings_defaults(&tmp);
	int rc = f ? apply_ini(&tmp, f) : -1;
	ini_free(f);
	if (rc != 0) {
		settings_free(&tmp);
		return -1;
	}
	settings_free(s);
	*s = tmp;
	s->source = xstrdup(source);
	return 0;
}

static int load_path(settings *s, const char *path)
{
	str_set(&s->source, path);
	return load_ini(s, ini_load_file(path), path);
}

/* Whether something is at path (a broken file counts: loading says why). */
static int present(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0)
		return 1;
	return errno != ENOENT && errno != ENOTDIR;
}

int settings_load(settings *s, const char *explicit_path)
{
	settings_defaults(s);
	if (explicit_path)
		return load_path(s, explicit_path);
	const char *env = getenv("EXITVIEW_CONFIG");
	if (!str_empty(env))
		return load_path(s, env);

	char *dir = fs_config_dir();
	char *user = fs_join(dir, "config.ini");
	free(dir);
	if (present(user)) {
		int rc = load_path(s, user);
		free(user);
		return rc;
	}
	free(user);

	const char *system = EXITVIEW_DATADIR "/config.ini";
	if (present(system))
		return load_path(s, system);

	const struct builtin_file *b = builtin_find("config.ini");
	const char *label = "built-in config.ini";
	str_set(&s->source, label);
	if (!b)
		return 0;   /* a build without a built-in copy: the defaults */
	return load_ini(s, ini_load_mem(label, b->data, b->len), label);
}

int settings_check_file(const char *path)
{
	settings s;
	settings_defaults(&s);
	int rc = load_path(&s, path);
	settings_free(&s);
	return rc;
}

char *settings_database_path(const settings *s, const char *explicit_db)
{
	if (!str_empty(explicit_db))
		return xstrdup(explicit_db);
	const char *env = getenv("EXITVIEW_DB");
	if (!str_empty(env))
		return xstrdup(env);
	if (s && !str_empty(s->database))
		return xstrdup(s->database);
	char *dir = fs_data_dir();
	char *path = fs_join(dir, "exitview.db");
	free(dir);
	return path;
}

char *settings_report_dir(const settings *s)
{
	if (s && !str_empty(s->report_dir))
		return xstrdup(s->report_dir);
	char *dir = fs_data_dir();
	char *path = fs_join(dir, "reports");
	free(dir);
	return path;
}
