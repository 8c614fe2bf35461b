/* cmd_config.c — subcommands about configuration: templates, check-config. */
#include "exitview/cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/fsutil.h"
#include "exitview/template.h"
#include "exitview/i18n.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

int cmd_templates(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = cmd_find("templates");
	int status = cmd_parse_plain(ctx, def, argc, argv, 0, 0);
	if (status != EXIT_OK)
		return status;
	if (cmd_load_settings(ctx) != 0)
		return EXIT_ERR;
	tpl_entry *list;
	int n;
	if (template_list(&ctx->cfg, &list, &n) != 0)
		return cmd_error(EXIT_ERR, "%s", ev_lasterr());
	const char *hname = _("NAME"), *hq = _("QUESTIONS"), *htitle = _("TITLE");
	size_t wname = utf8_width(hname, strlen(hname)), wtitle = utf8_width(htitle, strlen(htitle));
	int wq = (int)utf8_width(hq, strlen(hq));
	for (int i = 0; i < n; i++) {
		size_t w = utf8_width(list[i].name, strlen(list[i].name));
		if (w > wname)
			wname = w;
		const char *title = list[i].error ? _("(broken)") : list[i].title;
		w = utf8_width(title, strlen(title));
		if (w > wtitle)
			wtitle = w;
	}
	printf("%s%*s  %s  %s%*s  %s\n", hname, (int)(wname - utf8_width(hname, strlen(hname))), "", hq,
	       htitle, (int)(wtitle - utf8_width(htitle, strlen(htitle))), "", _("SOURCE"));
	strbuf sb = STRBUF_INIT;    /* paths as they may be shown (cmd_shown) */
	for (int i = 0; i < n; i++) {
		const tpl_entry *e = &list[i];
		const char *title = e->error ? _("(broken)") : e->title;
		int def_mark = strcmp(e->name, ctx->cfg.default_template) == 0;
		printf("%s", e->name);
		printf("%*s", (int)(wname - utf8_width(e->name, strlen(e->name))) + 2, "");
		if (e->error)
			printf("%*s  ", wq, "-");
		else
			printf("%*d  ", wq, e->nquestions);
		printf("%s%*s  %s%s\n", title, (int)(wtitle - utf8_width(title, strlen(title))), "",
		       cmd_shown(&sb, e->source), def_mark ? _(" (default)") : "");
	}
	for (int i = 0; i < n; i++)
		if (list[i].error) {
			cmd_error(EXIT_ERR, "%s", list[i].error);
			status = EXIT_ERR;
		}
	sb_free(&sb);
	template_list_free(list, n);
	return status;
}

int cmd_check_config(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = cmd_find("check-config");
	int status = cmd_parse_plain(ctx, def, argc, argv, 0, 1);
	if (status != EXIT_OK)
		return status;
	if (optind < argc) {
		/* One named file: a config file, or a template (it has [template]). */
		const char *file = argv[optind];
		strbuf sb = STRBUF_INIT;
		template *t = NULL;
		if (settings_check_file(file) == 0) {
			printf("%s: ok\n", cmd_shown(&sb, file));
			sb_free(&sb);
			return EXIT_OK;
		}
		char *cfg_err = xstrdup(ev_lasterr());
		t = template_load_file(file);
		if (t) {
			printf("%s: ok (template, %d questions)\n", cmd_shown(&sb, file), t->nquestions);
			sb_free(&sb);
			template_free(t);
			free(cfg_err);
			return EXIT_OK;
		}
		/* Report the error of what the file looks like.  (fs_read_file
		 * opens no FIFO or device: a plain fopen would hang on a FIFO.) */
		char *tpl_err = xstrdup(ev_lasterr());
		size_t len = 0;
		char *text = fs_read_file(file, &len);
		int looks_template = 0;
		for (size_t i = 0; text && i < len; i++) {
			if (i > 0 && text[i - 1] != '\n')
				continue;
			if (strncmp(text + i, "[template]", 10) == 0 || strncmp(text + i, "[question", 9) == 0) {
				looks_template = 1;
				break;
			}
		}
		free(text);
		cmd_error(EXIT_ERR, "%s", looks_template ? tpl_err : cfg_err);
		free(tpl_err);
		free(cfg_err);
		return EXIT_ERR;
	}
	if (cmd_load_settings(ctx) != 0)
		return EXIT_ERR;
	strbuf sb = STRBUF_INIT;
	printf("config %s: ok\n", cmd_shown(&sb, ctx->cfg.source));
	tpl_entry *list;
	int n;
	if (template_list(&ctx->cfg, &list, &n) != 0) {
		sb_free(&sb);
		return cmd_error(EXIT_ERR, "%s", ev_lasterr());
	}
	int found_default = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(list[i].name, ctx->cfg.default_template) == 0)
			found_default = 1;
		if (list[i].error) {
			cmd_error(EXIT_ERR, "%s", list[i].error);
			status = EXIT_ERR;
		} else {
			printf("template %s (%s): ok, %d questions\n", list[i].name,
			       cmd_shown(&sb, list[i].source), list[i].nquestions);
		}
	}
	sb_free(&sb);
	template_list_free(list, n);
	if (!found_default)
		status = cmd_error(EXIT_ERR, "%s: the default template '%s' does not exist",
				   ctx->cfg.source, ctx->cfg.default_template);
	return status;
}
