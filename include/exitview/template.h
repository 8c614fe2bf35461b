/* template.h — question templates: load, validate, find, list.
 *
 * A template is an INI file (format: exitview.ini(5)).  Loading validates
 * everything and either returns a complete template or NULL with one error
 * "FILE:LINE: what is wrong" in ev_lasterr(); never a partial template.
 *
 * Templates are looked up by name (the file name without ".ini") in order:
 * the config's template directory, $XDG_CONFIG_HOME/exitview/templates,
 * $(DATADIR)/templates, the built-in copies.  The first found wins.
 */
#ifndef EXITVIEW_TEMPLATE_H
#define EXITVIEW_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

struct settings;

#define TPL_SCALE 5               /* ratings are 1..TPL_SCALE */
#define TPL_MAX_QUESTIONS 100
#define TPL_MAX_FOLLOWUPS 20
#define TPL_MAX_CATEGORIES 40
#define TPL_MAX_ITEMS 20          /* items of an opening or closing checklist */

typedef struct tpl_question {
	char *title;        /* short title for the question list */
	char *prompt;       /* the question as asked */
	char *hint;         /* interviewer's hint ("" if none) */
	char **followups;   /* nfollowups strings */
	int nfollowups;
} tpl_question;

/* [opening] or [closing]: a checklist of items (item1, item2 ...) under a
 * title ("Opening", "Closing" unless the template says otherwise). */
typedef struct tpl_checklist {
	char *title;
	char **items;       /* nitems strings */
	int nitems;
} tpl_checklist;

typedef struct tpl_category {
	char *key;          /* stable identifier, e.g. "compensation" */
	char *label;        /* shown to people, e.g. "Compensation and benefits" */
} tpl_category;

typedef struct template {
	char *name;         /* lookup name: file name without .ini */
	char *title;        /* [template] title */
	char *language;     /* [template] language, e.g. "en", "sv" */
	char *description;  /* [template] description ("" if none) */
	char *source;       /* path read, or "built-in templates/NAME.ini" */
	tpl_question *questions;
	int nquestions;
	/* nquestions flags, or NULL (none): [question N] private = yes, a
	 * question whose notes and rating stay out of the manager's report
	 * (kept beside the questions so that tpl_question stays as it was). */
	bool *question_private;
	/* The same for [question N] rating = no: it takes no rating. */
	bool *question_norating;
	tpl_category *categories;
	int ncategories;
	char *scale[TPL_SCALE];   /* labels of ratings 1..5 */
	tpl_checklist opening, closing;   /* nitems 0: none */
} template;

/* Load and validate one template file (name = file stem). */
template *template_load_file(const char *path);
/* Load and validate a template from memory; label names it in messages. */
template *template_load_mem(const char *name, const char *label, const char *text, size_t len);
/* Find by name along the lookup order; NULL + "unknown template 'x'"
 * (ev_lastcode() EV_E_NOTFOUND), "invalid template name ..." (EV_E_BADNAME)
 * or the broken template's own error. */
template *template_find(const struct settings *cfg, const char *name);
void template_free(template *t);
/* Free n strings and their array (a question's follow-ups, a template's
 * or an interview's). */
void template_free_strings(char **v, int n);
/* Free n categories (keys and labels) and their array. */
void template_free_categories(tpl_category *c, int n);
/* A template name: 1 to 64 ASCII letters, digits, '-' and '_'. */
bool template_valid_name(const char *s);

typedef struct tpl_entry {
	char *name;
	char *title;
	char *source;
	int nquestions;     /* -1 if it failed to load */
	char *error;        /* the load error, or NULL */
} tpl_entry;

/* Every template name along the lookup order (shadowed duplicates left
 * out), sorted by name, each loaded to report its title or error. */
int template_list(const struct settings *cfg, tpl_entry **out, int *n);
void template_list_free(tpl_entry *list, int n);

#endif
