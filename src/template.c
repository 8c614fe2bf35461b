/* template.c — question templates: load, validate, find, list.
 *
 * The file format is described at the top of config/templates/standard.ini
 * and in exitview.ini(5).  Validation is complete before anything is
 * returned: a template is either whole or NULL with one "FILE:LINE: ..."
 * message.
 */
#include "exitview/template.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exitview/builtin.h"
#include "exitview/config.h"
#include "exitview/fsutil.h"
#include "exitview/ini.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

#ifndef EXITVIEW_DATADIR
#define EXITVIEW_DATADIR "/usr/local/share/exitview"
#endif

#define TITLE_COLS 30          /* a question title must fit the question list */
#define SCALE_COLS 30
#define CATEGORY_KEY_MAX 32
#define NAME_MAX_LEN 64

void template_free_strings(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void template_free_categories(tpl_category *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].key);
		free(c[i].label);
	}
	free(c);
}

void template_free(template *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->title);
	free(t->language);
	free(t->description);
	free(t->source);
	for (int i = 0; i < t->nquestions; i++) {
		tpl_question *q = &t->questions[i];
		free(q->title);
		free(q->prompt);
		free(q->hint);
		template_free_strings(q->followups, q->nfollowups);
	}
	free(t->questions);
	free(t->question_private);
	free(t->question_norating);
	template_free_categories(t->categories, t->ncategories);
	for (int i = 0; i < TPL_SCALE; i++)
		free(t->scale[i]);
	free(t->opening.title);
	template_free_strings(t->opening.items, t->opening.nitems);
	free(t->closing.title);
	template_free_strings(t->closing.items, t->closing.nitems);
	free(t);
}

bool template_valid_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > NAME_MAX_LEN)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

/* "followup12" -> 12, "question 3" -> 3 (prefix and separator given);
 * 0 when s is not prefix + a number without leading zeros; the number is
 * capped at 1000000 so huge ones still read as "too many". */
static long numbered(const char *s, const char *prefix, bool spaces)
{
	size_t n = strlen(prefix);
	if (strncmp(s, prefix, n) != 0)
		return 0;
	s += n;
	if (spaces) {
		if (*s != ' ' && *s != '\t')
			return 0;
		while (*s == ' ' || *s == '\t')
			s++;
	}
	if (*s < '1' || *s > '9')
		return 0;
	long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		if (v < 1000000)
			v = v * 10 + (*s - '0');
	}
	return v;
}

/* ---- validation ----------------------------------------------------------- */

/* Keys numbered 1, 2, 3 ... (followupN, itemN) as they come, then checked
 * for gaps and copied out. */
_Static_assert(TPL_MAX_ITEMS >= TPL_MAX_FOLLOWUPS, "numbered_keys holds both");
struct numbered_keys {
	const char *v[TPL_MAX_ITEMS + 1];
	int line[TPL_MAX_ITEMS + 1];
	int max;
};

struct loader {
	const ini *f;
	const char *file;
	template *t;
	int qsec[TPL_MAX_QUESTIONS + 1];    /* section index per question number, -1 absent */
	int sec_template, sec_scale, sec_categories;
};

static int need_text(struct loader *L, const char *what, const char *v, int line)
{
	if (!*v)
		return ev_seterr("%s:%d: %s is empty", L->file, line, what);
	return 0;
}

/* Key number n (of at most max) with value v; what names them in errors. */
static int numbered_add(struct loader *L, struct numbered_keys *nk, const char *key, long n,
			int max, const char *what, const char *v, int line)
{
	if (n > max)
		return ev_seterr("%s:%d: too many %s: %s (at most %d)", L->file, line, what, key,
				 max);
	if (need_text(L, key, v, line) != 0)
		return -1;
	nk->v[n] = v;
	nk->line[n] = line;
	if (n > nk->max)
		nk->max = (int)n;
	return 0;
}

/* The values in order, refused when a number is missing. */
static int numbered_take(struct loader *L, const struct numbered_keys *nk, const char *prefix,
			 const char *what, char ***out, int *nout)
{
	for (int i = 1; i <= nk->max; i++) {
		if (nk->v[i])
			continue;
		int next = i + 1;
		while (!nk->v[next])
			next++;
		return ev_seterr("%s:%d: %s%d is missing: %s must be numbered 1, 2, 3 ... "
				 "without gaps", L->file, nk->line[next], prefix, i, what);
	}
	*out = xcalloc((size_t)(nk->max > 0 ? nk->max : 1), sizeof **out);
	for (int i = 1; i <= nk->max; i++)
		(*out)[i - 1] = xstrdup(nk->v[i]);
	*nout = nk->max;
	return 0;
}

/* A yes/no key's value (the config's words), or -1 with a FILE:LINE error. */
static int yes_no(struct loader *L, const char *key, const char *v, int line)
{
	int b = str_parse_bool(v);
	if (b < 0)
		return ev_seterr("%s:%d: %s must be yes or no (or true/false, on/off, 1/0), "
				 "not '%s'", L->file, line, key, v);
	return b;
}

static int load_template_sec(struct loader *L, int sec)
{
	const ini *f = L->f;
	for (int k = 0; k < ini_nkeys(f, sec); k++) {
		const char *key = ini_key_name(f, sec, k), *v = ini_key_value(f, sec, k);
		int line = ini_key_line(f, sec, k);
		if (strcmp(key, "title") == 0) {
			if (need_text(L, "title", v, line) != 0)
				return -1;
			str_set(&L->t->title, v);
		} else if (strcmp(key, "language") == 0) {
			if (*v && (!template_valid_name(v) || strlen(v) > 16))
				return ev_seterr("%s:%d: language must be a language code such as "
				                 "en or sv, not '%s'", L->file, line, v);
			str_set(&L->t->language, *v ? v : "en");
		} else if (strcmp(key, "description") == 0) {
			str_set(&L->t->description, v);
		} else {
			return ev_seterr("%s:%d: unknown key '%s' in [template] (expected title, "
			                 "language, description)", L->file, line, key);
		}
	}
	if (!L->t->title)
		return ev_seterr("%s:%d: [template] has no title", L->file, ini_section_line(f, sec));
	return 0;
}

static int load_scale_sec(struct loader *L, int sec)
{
	const ini *f = L->f;
	for (int k = 0; k < ini_nkeys(f, sec); k++) {
		const char *key = ini_key_name(f, sec, k), *v = ini_key_value(f, sec, k);
		int line = ini_key_line(f, sec, k);
		if (strlen(key) != 1 || key[0] < '1' || key[0] > '0' + TPL_SCALE)
			return ev_seterr("%s:%d: unknown key '%s' in [scale] (the keys are the "
			                 "ratings 1 to %d)", L->file, line, key, TPL_SCALE);
		if (need_text(L, "scale label", v, line) != 0)
			return -1;
		size_t w = utf8_width(v, strlen(v));
		if (w > SCALE_COLS)
			return ev_seterr("%s:%d: scale label is %zu columns wide, at most %d",
			                 L->file, line, w, SCALE_COLS);
		str_set(&L->t->scale[key[0] - '1'], v);
	}
	for (int i = 0; i < TPL_SCALE; i++)
		if (!L->t->scale[i])
			return ev_seterr("%s:%d: [scale] has no label for rating %d (all of 1 to "
			                 "%d are needed)", L->file, ini_section_line(f, sec), i + 1,
			                 TPL_SCALE);
	return 0;
}

static bool valid_category_key(const char *k)
{
	if (!*k || strlen(k) > CATEGORY_KEY_MAX)
		return false;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '-' ||
		      *k == '_'))
			return false;
	return true;
}

static int load_categories_sec(struct loader *L, int sec)
{
	const ini *f = L->f;
	int n = ini_nkeys(f, sec);
	template *t = L->t;
	t->categories = xcalloc((size_t)(n > 0 ? n : 1), sizeof *t->categories);
	for (int k = 0; k < n; k++) {
		const char *key = ini_key_name(f, sec, k), *v = ini_key_value(f, sec, k);
		int line = ini_key_line(f, sec, k);
		if (!valid_category_key(key))
			return ev_seterr("%s:%d: bad category key '%s': use a-z, 0-9, '-' and '_' "
			                 "(at most %d)", L->file, line, key, CATEGORY_KEY_MAX);
		if (k >= TPL_MAX_CATEGORIES)
			return ev_seterr("%s:%d: too many categories (at most %d)", L->file, line,
			                 TPL_MAX_CATEGORIES);
		if (need_text(L, "category label", v, line) != 0)
			return -1;
		t->categories[k].key = xstrdup(key);
		t->categories[k].label = xstrdup(v);
		t->ncategories++;
	}
	if (t->ncategories < 2)
		return ev_seterr("%s:%d: [categories] needs at least 2 categories, it has %d",
		                 L->file, ini_section_line(f, sec), t->ncategories);
	return 0;
}

/* private = yes | no: whether question num stays out of the manager's
 * report; the same words as the config's yes/no settings. */
static int load_private_key(struct loader *L, int num, const char *v, int line)
{
	int b = yes_no(L, "private", v, line);
	if (b < 0)
		return -1;
	L->t->question_private[num - 1] = b == 1;
	return 0;
}

/* rating = yes | no: whether the question takes a rating (default yes). */
static int load_rating_key(struct loader *L, int num, const char *v, int line)
{
	int b = yes_no(L, "rating", v, line);
	if (b < 0)
		return -1;
	L->t->question_norating[num - 1] = b == 0;
	return 0;
}

/* Check a title for the question list: not empty, at most TITLE_COLS. */
static int list_title(struct loader *L, char **dst, const char *v, int line)
{
	if (need_text(L, "title", v, line) != 0)
		return -1;
	size_t w = utf8_width(v, strlen(v));
	if (w > TITLE_COLS)
		return ev_seterr("%s:%d: title is %zu columns wide, at most %d (it "
		                 "must fit the question list)", L->file, line, w, TITLE_COLS);
	str_set(dst, v);
	return 0;
}

/* [opening] or [closing]: title (optional), item1, item2 ... */
static int load_checklist_sec(struct loader *L, int sec, tpl_checklist *c, const char *title)
{
	const ini *f = L->f;
	const char *sname = ini_section_name(f, sec);
	struct numbered_keys nk;
	memset(&nk, 0, sizeof nk);
	for (int k = 0; k < ini_nkeys(f, sec); k++) {
		const char *key = ini_key_name(f, sec, k), *v = ini_key_value(f, sec, k);
		int line = ini_key_line(f, sec, k);
		long n;
		if (strcmp(key, "title") == 0) {
			if (list_title(L, &c->title, v, line) != 0)
				return -1;
		} else if ((n = numbered(key, "item", false)) > 0) {
			if (numbered_add(L, &nk, key, n, TPL_MAX_ITEMS, "items", v, line) != 0)
				return -1;
		} else {
			return ev_seterr("%s:%d: unknown key '%s' in [%s] (expected title, item1, "
			                 "item2 ...)", L->file, line, key, sname);
		}
	}
	if (nk.max == 0)
		return ev_seterr("%s:%d: [%s] has no items (item1, item2 ...)", L->file,
		                 ini_section_line(f, sec), sname);
	if (!c->title)
		c->title = xstrdup(title);
	return numbered_take(L, &nk, "item", "items", &c->items, &c->nitems);
}

static int load_question_sec(struct loader *L, int sec, int num)
{
	const ini *f = L->f;
	const char *sname = ini_section_name(f, sec);
	tpl_question *q = &L->t->questions[num - 1];
	struct numbered_keys fu;
	memset(&fu, 0, sizeof fu);
	for (int k = 0; k < ini_nkeys(f, sec); k++) {
		const char *key = ini_key_name(f, sec, k), *v = ini_key_value(f, sec, k);
		int line = ini_key_line(f, sec, k);
		long n;
		int rc = 0;
		if (strcmp(key, "title") == 0) {
			rc = list_title(L, &q->title, v, line);
		} else if (strcmp(key, "prompt") == 0) {
			if ((rc = need_text(L, "prompt", v, line)) == 0)
				str_set(&q->prompt, v);
		} else if (strcmp(key, "hint") == 0) {
			str_set(&q->hint, v);
		} else if (strcmp(key, "private") == 0) {
			rc = load_private_key(L, num, v, line);
		} else if (strcmp(key, "rating") == 0) {
			rc = load_rating_key(L, num, v, line);
		} else if ((n = numbered(key, "followup", false)) > 0) {
			rc = numbered_add(L, &fu, key, n, TPL_MAX_FOLLOWUPS, "follow-ups", v, line);
		} else {
			return ev_seterr("%s:%d: unknown key '%s' in [%s] (expected title, prompt, "
			                 "hint, private, rating, followup1, followup2 ...)", L->file,
			                 line, key, sname);
		}
		if (rc != 0)
			return -1;
	}
	int sline = ini_section_line(f, sec);
	if (!q->title)
		return ev_seterr("%s:%d: [%s] has no title", L->file, sline, sname);
	if (!q->prompt)
		return ev_seterr("%s:%d: [%s] has no prompt", L->file, sline, sname);
	if (!q->hint)
		q->hint = xstrdup("");
	return numbered_take(L, &fu, "followup", "follow-ups", &q->followups, &q->nfollowups);
}

static int load_sections(struct loader *L)
{
	const ini *f = L->f;
	for (int i = 0; i < ini_nsections(f); i++) {
		const char *name = ini_section_name(f, i);
		int line = ini_section_line(f, i);
		int rc;
		long n;
		if (strcmp(name, "template") == 0) {
			L->sec_template = i;
			rc = load_template_sec(L, i);
		} else if (strcmp(name, "scale") == 0) {
			L->sec_scale = i;
			rc = load_scale_sec(L, i);
		} else if (strcmp(name, "categories") == 0) {
			L->sec_categories = i;
			rc = load_categories_sec(L, i);
		} else if (strcmp(name, "opening") == 0) {
			rc = load_checklist_sec(L, i, &L->t->opening, "Opening");
		} else if (strcmp(name, "closing") == 0) {
			rc = load_checklist_sec(L, i, &L->t->closing, "Closing");
		} else if ((n = numbered(name, "question", true)) > 0) {
			if (n > TPL_MAX_QUESTIONS)
				return ev_seterr("%s:%d: too many questions: [%s] (at most %d)",
				                 L->file, line, name, TPL_MAX_QUESTIONS);
			if (L->qsec[n] >= 0)   /* "question 1" and "question  1" */
				return ev_seterr("%s:%d: duplicate question %ld (first at line %d)",
				                 L->file, line, n, ini_section_line(f, L->qsec[n]));
			L->qsec[n] = i;
			rc = load_question_sec(L, i, (int)n);
		} else {
			return ev_seterr("%s:%d: unknown section [%s] (expected [template], [scale], "
			                 "[categories], [opening], [closing] or [question N])",
			                 L->file, line, name);
		}
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int check_whole(struct loader *L)
{
	template *t = L->t;
	if (L->sec_template < 0)
		return ev_seterr("%s:1: no [template] section (it gives the template a title)",
		                 L->file);
	int max = 0;
	for (int n = 1; n <= TPL_MAX_QUESTIONS; n++)
		if (L->qsec[n] >= 0)
			max = n;
	if (max == 0)
		return ev_seterr("%s:1: empty template: no questions (add [question 1], "
		                 "[question 2] ...)", L->file);
	for (int n = 1; n <= max; n++) {
		if (L->qsec[n] >= 0)
			continue;
		int next = n + 1;
		while (L->qsec[next] < 0)
			next++;
		return ev_seterr("%s:%d: question %d is missing: questions must be numbered 1, "
		                 "2, 3 ... without gaps", L->file,
		                 ini_section_line(L->f, L->qsec[next]), n);
	}
	t->nquestions = max;
	if (L->sec_scale < 0)
		return ev_seterr("%s:1: no [scale] section (labels for the ratings 1 to %d)",
		                 L->file, TPL_SCALE);
	if (L->sec_categories < 0)
		return ev_seterr("%s:1: no [categories] section (at least 2 reasons for leaving)",
		                 L->file);
	if (!t->language)
		t->language = xstrdup("en");
	if (!t->description)
		t->description = xstrdup("");
	return 0;
}

static template *template_from_ini(const ini *f, const char *name, const char *source)
{
	struct loader L;
	memset(&L, 0, sizeof L);
	L.f = f;
	L.file = ini_label(f);
	L.sec_template = L.sec_scale = L.sec_categories = -1;
	for (int n = 0; n <= TPL_MAX_QUESTIONS; n++)
		L.qsec[n] = -1;
	template *t = L.t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	t->source = xstrdup(source);
	/* Filled by number as sections come; nquestions is set once complete. */
	t->questions = xcalloc(TPL_MAX_QUESTIONS, sizeof *t->questions);
	t->question_private = xcalloc(TPL_MAX_QUESTIONS, sizeof *t->question_private);
	t->question_norating = xcalloc(TPL_MAX_QUESTIONS, sizeof *t->question_norating);
	int rc = load_sections(&L);
	if (rc == 0)
		rc = check_whole(&L);
	if (rc != 0) {
		t->nquestions = TPL_MAX_QUESTIONS;   /* free whatever was filled */
		template_free(t);
		return NULL;
	}
	t->questions = xrealloc(t->questions, (size_t)t->nquestions * sizeof *t->questions);
	t->question_private = xrealloc(t->question_private,
				       (size_t)t->nquestions * sizeof *t->question_private);
	t->question_norating = xrealloc(t->question_norating,
					(size_t)t->nquestions * sizeof *t->question_norating);
	return t;
}

/* ---- public loaders --------------------------------------------------------- */

/* The file name without directories and without ".ini". */
static char *path_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".ini") == 0)
		n -= 4;
	return xstrndup(base, n);
}

template *template_load_file(const char *path)
{
	ini *f = ini_load_file(path);
	if (!f)
		return NULL;
	char *name = path_stem(path);
	template *t = template_from_ini(f, name, path);
	free(name);
	ini_free(f);
	return t;
}

template *template_load_mem(const char *name, const char *label, const char *text, size_t len)
{
	ini *f = ini_load_mem(label, text, len);
	if (!f)
		return NULL;
	template *t = template_from_ini(f, name, label);
	ini_free(f);
	return t;
}

/* ---- lookup --------------------------------------------------------------- */

/* The directories searched, in order (up to 3, malloc'd). */
static int search_dirs(const struct settings *cfg, char *dirs[3])
{
	int n = 0;
	if (cfg && !str_empty(cfg->template_dir))
		dirs[n++] = xstrdup(cfg->template_dir);
	char *conf = fs_config_dir();
	dirs[n++] = fs_join(conf, "templates");
	free(conf);
	dirs[n++] = xstrdup(EXITVIEW_DATADIR "/templates");
	return n;
}

static void free_dirs(char *dirs[], int n)
{
	for (int i = 0; i < n; i++)
		free(dirs[i]);
}

static template *load_builtin(const char *name, const struct builtin_file *b)
{
	char *label = xasprintf("built-in %s", b->name);
	template *t = template_load_mem(name, label, b->data, b->len);
	free(label);
	return t;
}

template *template_find(const struct settings *cfg, const char *name)
{
	if (!name || !template_valid_name(name)) {
		ev_seterr_code(EV_E_BADNAME,
			       "invalid template name '%s': use letters, digits, '-' and '_'",
			       name ? name : "");
		return NULL;
	}
	char *dirs[3];
	int nd = search_dirs(cfg, dirs);
	char *file = xasprintf("%s.ini", name);
	template *t = NULL;
	bool found = false;
	for (int i = 0; i < nd && !found; i++) {
		char *path = fs_join(dirs[i], file);
		struct stat st;
		if (lstat(path, &st) == 0 || (errno != ENOENT && errno != ENOTDIR)) {
			found = true;   /* the first found wins, even when it is broken */
			t = template_load_file(path);
		}
		free(path);
	}
	if (!found) {
		char *bname = xasprintf("templates/%s", file);
		const struct builtin_file *b = builtin_find(bname);
		free(bname);
		if (b)
			t = load_builtin(name, b);
		else
			ev_seterr_code(EV_E_NOTFOUND, "unknown template '%s'", name);
	}
	free(file);
	free_dirs(dirs, nd);
	return t;
}

/* ---- listing ---------------------------------------------------------------- */

struct list {
	tpl_entry *v;
	int n, cap;
};

static bool list_has(const struct list *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return true;
	return false;
}

/* Add an entry for a loaded template (t) or a failure (t == NULL, error set). */
static void list_add(struct list *l, const char *name, const char *source, template *t)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
	}
	tpl_entry *e = &l->v[l->n++];
	e->name = xstrdup(name);
	e->source = xstrdup(source);
	if (t) {
		e->title = xstrdup(t->title);
		e->nquestions = t->nquestions;
		e->error = NULL;
	} else {
		e->title = xstrdup("");
		e->nquestions = -1;
		e->error = xstrdup(ev_lasterr());
	}
	template_free(t);
}

static int list_dir(struct list *l, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return ev_seterr("cannot read template directory %s: %s", dir, strerror(errno));
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n <= 4 || strcmp(de->d_name + n - 4, ".ini") != 0)
			continue;
		char *name = xstrndup(de->d_name, n - 4);
		if (template_valid_name(name) && !list_has(l, name)) {
			char *path = fs_join(dir, de->d_name);
			list_add(l, name, path, template_load_file(path));
			free(path);
		}
		free(name);
	}
	closedir(d);
	return 0;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const tpl_entry *)a)->name, ((const tpl_entry *)b)->name);
}

int template_list(const struct settings *cfg, tpl_entry **out, int *n)
{
	struct list l = { NULL, 0, 0 };
	char *dirs[3];
	int nd = search_dirs(cfg, dirs);
	int rc = 0;
	for (int i = 0; i < nd && rc == 0; i++)
		rc = list_dir(&l, dirs[i]);
	free_dirs(dirs, nd);
	if (rc != 0) {
		template_list_free(l.v, l.n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	static const char prefix[] = "templates/";
	for (const struct builtin_file *b = builtin_files; b->name; b++) {
		size_t len = strlen(b->name);
		if (strncmp(b->name, prefix, sizeof prefix - 1) != 0 || len <= sizeof prefix + 3 ||
		    strcmp(b->name + len - 4, ".ini") != 0)
			continue;
		char *name = xstrndup(b->name + sizeof prefix - 1, len - (sizeof prefix - 1) - 4);
		if (template_valid_name(name) && !list_has(&l, name)) {
			char *label = xasprintf("built-in %s", b->name);
			list_add(&l, name, label, load_builtin(name, b));
			free(label);
		}
		free(name);
	}
	if (l.n > 1)
		qsort(l.v, (size_t)l.n, sizeof *l.v, entry_cmp);
	*out = l.v;
	*n = l.n;
	return 0;
}

void template_list_free(tpl_entry *list, int n)
{
	for (int i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].title);
		free(list[i].source);
		free(list[i].error);
	}
	free(list);
}
