/* i18n.h — the language messages are in (GNU gettext, in libc).
 *
 * English is the source: a string marked _("...") is looked up in the
 * catalogue of the reader's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG,
 * or the config's `language`), N_("...") marks a string that is looked up
 * later (tables).  The catalogue is found next to the binary first (a
 * fresh build runs translated without installing: build/locale), then
 * under $(PREFIX)/share/locale.
 *
 * A report is in its interview's language whoever renders it:
 * i18n_begin(lang) ... i18n_end() switches the messages to that language
 * for the block, whatever the reader's locale, and back.  Every message
 * is UTF-8. */
#ifndef EXITVIEW_I18N_H
#define EXITVIEW_I18N_H

#include <libintl.h>

#define EXITVIEW_DOMAIN "exitview"

#define _(s) gettext(s)
#define N_(s) s

/* Binds the catalogue: the directory "locale" beside the binary or its
 * build directory (argv0 or /proc/self/exe), else `installed` (the
 * configured LOCALEDIR).  Returns the directory bound, for tests. */
const char *i18n_init(const char *argv0, const char *installed);

/* The config's `language` (a code such as "sv" or "en", or "" for the
 * locale's): messages follow it from now on.  0, or -1 when the code is
 * not one exitview speaks (the messages stay as they were). */
int i18n_set_language(const char *code);

/* The two-letter code of the language messages are read in now: "sv" or
 * "en" (English also for every language exitview does not speak). */
const char *i18n_language(void);

/* Whether exitview has messages in `code` ("en" always). */
int i18n_speaks(const char *code);

/* Whether key (a typed character) answers yes to a y/n question: y or Y
 * always, and the reader's language's own letter too (j, J in Swedish). */
int i18n_yes(int key);

/* Messages in `code` until the matching i18n_end() (they nest: the outermost decides). */
void i18n_begin(const char *code);
void i18n_end(void);

#endif
