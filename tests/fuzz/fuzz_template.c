/* fuzz_template.c — fuzz target: the INI reader, the template loader and
 * the config reader.
 *
 * The input is a template file.  ini_load_mem() and template_load_mem()
 * must never crash; on failure both give the same one-line error naming
 * "fuzz.ini"; on success the INI accessors agree with each other and the
 * template satisfies the limits of template.h and exitview.ini(5).  The
 * same bytes are also read as a config file (settings_check_file, through
 * a file in a private temporary directory): no crash, and a failure gives
 * one line naming the file.
 * See fuzz_check.h for how the file is built and replayed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitview/config.h"
#include "exitview/fsutil.h"
#include "exitview/ini.h"
#include "exitview/template.h"
#include "exitview/utf8.h"
#include "exitview/util.h"
#include "fuzz_check.h"

#define FT_LABEL "fuzz.ini"

/* A text the template carries: present, UTF-8, one line, no controls. */
static void ft_check_text(const char *s, const char *what, bool nonempty)
{
	FUZZ_ASSERT(s != NULL, "%s is NULL", what);
	size_t n = strlen(s);
	FUZZ_ASSERT(utf8_valid(s, n, NULL), "%s is not UTF-8", what);
	FUZZ_ASSERT(fz_find_control(s, n, true) == n && !strchr(s, '\n'),
		    "%s holds a control character or newline", what);
	if (nonempty)
		FUZZ_ASSERT(n > 0, "%s is empty", what);
}

static bool ft_has_upper(const char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			return true;
	return false;
}

static void ft_check_ini(const ini *f)
{
	int nlines = ini_nlines(f);
	FUZZ_ASSERT(nlines >= 0, "ini_nlines %d", nlines);
	FUZZ_ASSERT(strcmp(ini_label(f), FT_LABEL) == 0, "label '%s'", ini_label(f));
	int ns = ini_nsections(f);
	FUZZ_ASSERT(ns >= 0, "ini_nsections %d", ns);
	int prev_line = 0;
	for (int s = 0; s < ns; s++) {
		const char *name = ini_section_name(f, s);
		FUZZ_ASSERT(name != NULL, "section %d has no name", s);
		FUZZ_ASSERT(!ft_has_upper(name), "section name not folded: [%s]", name);
		FUZZ_ASSERT(ini_find_section(f, name) == s, "section [%s] found at %d, not %d",
			    name, ini_find_section(f, name), s);
		int sl = ini_section_line(f, s);
		FUZZ_ASSERT(sl > prev_line && sl <= nlines, "[%s] at line %d (previous %d, %d lines)",
			    name, sl, prev_line, nlines);
		FUZZ_ASSERT(ini_line(f, name, NULL) == sl, "ini_line of [%s]", name);
		prev_line = sl;
		int nk = ini_nkeys(f, s);
		FUZZ_ASSERT(nk >= 0, "ini_nkeys %d", nk);
		for (int k = 0; k < nk; k++) {
			const char *key = ini_key_name(f, s, k);
			const char *val = ini_key_value(f, s, k);
			int kl = ini_key_line(f, s, k);
			FUZZ_ASSERT(key != NULL && val != NULL, "[%s] key %d: NULL", name, k);
			FUZZ_ASSERT(!ft_has_upper(key), "key name not folded: %s", key);
			FUZZ_ASSERT(kl > prev_line && kl <= nlines, "[%s] %s at line %d (previous %d)",
				    name, key, kl, prev_line);
			prev_line = kl;
			FUZZ_ASSERT(utf8_valid(val, strlen(val), NULL), "[%s] %s: value not UTF-8",
				    name, key);
			const char *got = ini_get(f, name, key);
			FUZZ_ASSERT(got != NULL && strcmp(got, val) == 0,
				    "ini_get([%s] %s) disagrees with ini_key_value", name, key);
			FUZZ_ASSERT(ini_line(f, name, key) == kl, "ini_line([%s] %s)", name, key);
		}
	}
}

static void ft_check_template(const template *t)
{
	ft_check_text(t->name, "name", true);
	FUZZ_ASSERT(strcmp(t->name, "fuzz") == 0, "name '%s'", t->name);
	ft_check_text(t->title, "title", true);
	ft_check_text(t->language, "language", true);
	ft_check_text(t->description, "description", false);
	FUZZ_ASSERT(t->source != NULL, "source is NULL");
	FUZZ_ASSERT(t->nquestions >= 1 && t->nquestions <= TPL_MAX_QUESTIONS,
		    "nquestions %d", t->nquestions);
	FUZZ_ASSERT(t->questions != NULL, "questions is NULL");
	for (int i = 0; i < t->nquestions; i++) {
		const tpl_question *q = &t->questions[i];
		ft_check_text(q->title, "question title", true);
		FUZZ_ASSERT(utf8_width(q->title, strlen(q->title)) <= 30,
			    "question %d title wider than 30 columns", i + 1);
		ft_check_text(q->prompt, "prompt", true);
		ft_check_text(q->hint, "hint", false);
		FUZZ_ASSERT(q->nfollowups >= 0 && q->nfollowups <= TPL_MAX_FOLLOWUPS,
			    "question %d: nfollowups %d", i + 1, q->nfollowups);
		FUZZ_ASSERT(q->nfollowups == 0 || q->followups != NULL, "followups is NULL");
		for (int j = 0; j < q->nfollowups; j++)
			ft_check_text(q->followups[j], "followup", false);
	}
	FUZZ_ASSERT(t->ncategories >= 2 && t->ncategories <= TPL_MAX_CATEGORIES,
		    "ncategories %d", t->ncategories);
	for (int i = 0; i < t->ncategories; i++) {
		const char *key = t->categories[i].key;
		ft_check_text(key, "category key", true);
		for (const char *p = key; *p; p++)
			FUZZ_ASSERT((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
				    *p == '-' || *p == '_', "bad category key '%s'", key);
		ft_check_text(t->categories[i].label, "category label", false);
		for (int j = 0; j < i; j++)
			FUZZ_ASSERT(strcmp(t->categories[j].key, key) != 0,
				    "duplicate category '%s'", key);
	}
	for (int i = 0; i < TPL_SCALE; i++) {
		ft_check_text(t->scale[i], "scale label", true);
		FUZZ_ASSERT(utf8_width(t->scale[i], strlen(t->scale[i])) <= 30,
			    "scale label %d wider than 30 columns", i + 1);
	}
}

static char *ft_dir, *ft_path;

static void ft_cleanup(void)
{
	if (ft_path)
		unlink(ft_path);
	if (ft_dir)
		rmdir(ft_dir);
}

/* The input as a config file: settings_check_file() reads it by path. */
static void ft_check_config(const char *text, size_t size)
{
	if (!ft_dir) {
		const char *tmp = getenv("TMPDIR");
		char *dir = fs_join(tmp && *tmp ? tmp : "/tmp", "exitview-fuzz-XXXXXX");
		FUZZ_ASSERT(mkdtemp(dir) != NULL, "cannot make a temporary directory %s", dir);
		ft_dir = dir;
		ft_path = fs_join(dir, "config.ini");
		atexit(ft_cleanup);
	}
	FILE *fp = fopen(ft_path, "wb");
	FUZZ_ASSERT(fp != NULL, "cannot write %s", ft_path);
	FUZZ_ASSERT(fwrite(text, 1, size, fp) == size && fclose(fp) == 0, "cannot write %s",
		    ft_path);
	if (settings_check_file(ft_path) != 0)
		fz_check_error(ev_lasterr(), ft_path);
}

static int fuzz_template_one(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	ini *f = ini_load_mem(FT_LABEL, text, size);
	char *ini_err = NULL;
	if (f) {
		ft_check_ini(f);
		ini_free(f);
	} else {
		fz_check_error(ev_lasterr(), FT_LABEL);
		ini_err = xstrdup(ev_lasterr());
	}

	template *t = template_load_mem("fuzz", FT_LABEL, text, size);
	if (t) {
		FUZZ_ASSERT(ini_err == NULL, "template loaded where the INI failed: %s", ini_err);
		ft_check_template(t);
		template_free(t);
	} else {
		fz_check_error(ev_lasterr(), FT_LABEL);
		FUZZ_ASSERT(ini_err == NULL || strcmp(ini_err, ev_lasterr()) == 0,
			    "INI error '%s' but template error '%s'", ini_err, ev_lasterr());
	}
	free(ini_err);

	ft_check_config(text, size);
	return 0;
}

#ifndef FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_template_one(data, size);
}
#endif
