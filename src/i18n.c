/* i18n.c — the language messages are in; see i18n.h.
 *
 * One mechanism for every message: gettext reads the catalogue of the
 * language named by LANGUAGE, which glibc honours whenever LC_MESSAGES is
 * not "C".  So the language is decided here once (the config's override,
 * else the locale's environment), written to LANGUAGE, and LC_MESSAGES is
 * made a real locale (C.UTF-8 when the user's is C or not installed): a
 * Swede whose sv_SE locale is missing still reads Swedish, and a report
 * switches to its interview's language with the same two steps. */
#include "exitview/i18n.h"

#include <ctype.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The languages exitview has messages in; English is the source. */
static const char *const spoken[] = { "en", "sv", NULL };

static char current[8] = "en";     /* the reader's language */
static char saved[8];              /* while i18n_begin is in force */
static char bound_dir[PATH_MAX];

int i18n_speaks(const char *code)
{
	for (int i = 0; spoken[i]; i++)
		if (code && strcmp(code, spoken[i]) == 0)
			return 1;
	return 0;
}

/* The two-letter language of a locale name or a LANGUAGE entry
 * ("sv_SE.UTF-8", "sv", "sv:en"), lower case, into out[3]; "" if none. */
static void lang_of(const char *name, char out[3])
{
	out[0] = '\0';
	if (!name || !isalpha((unsigned char)name[0]) || !isalpha((unsigned char)name[1]))
		return;
	if (name[2] && name[2] != '_' && name[2] != '.' && name[2] != '@' && name[2] != ':' &&
	    name[2] != '-')
		return;
	out[0] = (char)tolower((unsigned char)name[0]);
	out[1] = (char)tolower((unsigned char)name[1]);
	out[2] = '\0';
}

/* What the environment asks for, as gettext reads it, but by the locale
 * asked for rather than the one installed: the first of LC_ALL,
 * LC_MESSAGES, LANG names the locale; C or POSIX (or none) is English, and
 * LANGUAGE then counts for nothing; else LANGUAGE's first entry we speak
 * decides ("en" too), else the locale's language. */
static void lang_from_env(char out[3])
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG", NULL };
	const char *req = NULL;
	for (int i = 0; vars[i] && !req; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			req = v;
	}
	snprintf(out, 3, "en");
	if (!req || strcmp(req, "C") == 0 || strcmp(req, "POSIX") == 0)
		return;
	const char *language = getenv("LANGUAGE");
	if (language && *language) {
		for (const char *p = language; *p;) {
			char c[3];
			lang_of(p, c);
			if (c[0] && i18n_speaks(c)) {
				memcpy(out, c, 3);
				return;
			}
			const char *colon = strchr(p, ':');
			if (!colon)
				break;
			p = colon + 1;
		}
		return;
	}
	char c[3];
	lang_of(req, c);
	if (c[0])
		memcpy(out, c, 3);
}

/* The environment and LC_MESSAGES as the user gave them: while messages
 * follow them (`natural`), nothing is changed, so that an editor started
 * from the screen sees the user's own LANGUAGE. */
static char *orig_language;
static char orig_messages[256];
static int natural = 1;

static void restore_natural(void)
{
	if (orig_language)
		setenv("LANGUAGE", orig_language, 1);
	else
		unsetenv("LANGUAGE");
	setlocale(LC_MESSAGES, orig_messages);
	textdomain(EXITVIEW_DOMAIN);   /* the translations looked up are forgotten */
}

/* Messages in `code` from now on (a language we speak). */
static void apply(const char *code)
{
	setenv("LANGUAGE", code, 1);
	const char *cat = setlocale(LC_MESSAGES, NULL);
	if (!cat || strcmp(cat, "C") == 0 || strcmp(cat, "POSIX") == 0) {
		if (!setlocale(LC_MESSAGES, "C.UTF-8"))
			setlocale(LC_MESSAGES, "C.utf8");
	} else {
		char name[256];
		snprintf(name, sizeof name, "%s", cat);
		setlocale(LC_MESSAGES, name);   /* glibc rereads LANGUAGE at a setlocale */
	}
	/* glibc keeps the translations it looked up, by the locale's name and
	 * not LANGUAGE: setting the same domain again is its signal that the
	 * environment changed (without it, a message looked up in Swedish
	 * stays Swedish after a switch to English, and back). */
	textdomain(EXITVIEW_DOMAIN);
}

static int is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Sets bound_dir to the first of DIR/locale, DIR/build/locale and
 * DIR/../locale (DIR the binary's directory) that holds a catalogue. */
static int find_beside(const char *exe)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", exe);
	char *slash = strrchr(dir, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	static const char *const rel[] = { "/locale", "/build/locale", "/../locale", NULL };
	for (int i = 0; rel[i]; i++) {
		char cand[PATH_MAX], mo[PATH_MAX];
		int n = snprintf(cand, sizeof cand, "%s%s", dir, rel[i]);
		int m = snprintf(mo, sizeof mo, "%s/sv/LC_MESSAGES/%s.mo", cand, EXITVIEW_DOMAIN);
		if (n < 0 || (size_t)n >= sizeof cand || m < 0 || (size_t)m >= sizeof mo)
			continue;
		if (is_dir(cand) && access(mo, R_OK) == 0) {
			if (!realpath(cand, bound_dir))
				memcpy(bound_dir, cand, (size_t)n + 1);
			return 1;
		}
	}
	return 0;
}

const char *i18n_init(const char *argv0, const char *installed)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	bound_dir[0] = '\0';
	if (n > 0) {
		exe[n] = '\0';
		find_beside(exe);
	}
	if (!bound_dir[0] && argv0 && strchr(argv0, '/'))
		find_beside(argv0);
	if (!bound_dir[0])
		snprintf(bound_dir, sizeof bound_dir, "%s", installed ? installed : "");
	bindtextdomain(EXITVIEW_DOMAIN, bound_dir);
	bind_textdomain_codeset(EXITVIEW_DOMAIN, "UTF-8");
	textdomain(EXITVIEW_DOMAIN);
	const char *language = getenv("LANGUAGE");
	free(orig_language);
	orig_language = language ? strdup(language) : NULL;
	const char *cat = setlocale(LC_MESSAGES, NULL);
	snprintf(orig_messages, sizeof orig_messages, "%s", cat ? cat : "C");
	char code[3];
	lang_from_env(code);
	snprintf(current, sizeof current, "%s", i18n_speaks(code) ? code : "en");
	/* gettext alone gets it right unless LANGUAGE lists more (en:sv would
	 * fall through to Swedish: English has no catalogue), or Swedish is
	 * asked for in a locale not installed (LC_MESSAGES fell back to C,
	 * where gettext translates nothing): then LANGUAGE says it. */
	int c_locale = strcmp(orig_messages, "C") == 0 || strcmp(orig_messages, "POSIX") == 0;
	natural = !(language && *language) && (strcmp(current, "en") == 0 || !c_locale);
	if (!natural)
		apply(current);
	return bound_dir;
}

int i18n_set_language(const char *code)
{
	if (!code || !*code)
		return 0;
	char c[3];
	lang_of(code, c);
	if (!c[0] || !i18n_speaks(c))
		return -1;
	snprintf(current, sizeof current, "%s", c);
	natural = 0;
	apply(current);
	return 0;
}

const char *i18n_language(void)
{
	return saved[0] ? saved : current;
}

static int depth;                  /* of i18n_begin */

void i18n_begin(const char *code)
{
	if (depth++ > 0)
		return;
	snprintf(saved, sizeof saved, "%s", code && i18n_speaks(code) ? code : "en");
	if (strcmp(saved, current) != 0)
		apply(saved);
}

void i18n_end(void)
{
	if (depth == 0 || --depth > 0)
		return;
	if (strcmp(saved, current) != 0) {
		if (natural)
			restore_natural();
		else
			apply(current);
	}
	saved[0] = '\0';
}

int i18n_yes(int key)
{
	if (key == 'y' || key == 'Y')
		return 1;
	/* TRANSLATORS: the letter, lower case, that answers yes to a y/n
	 * question in your language besides y (Swedish: j); "y" if none. */
	const char *yes = _("y");
	if (!yes[0] || yes[1] || !isalpha((unsigned char)yes[0]))
		return 0;
	return key == yes[0] || key == toupper((unsigned char)yes[0]);
}
