/* cmd_search.c — `exitview search`: the full text of every interview
 * (store_search.h), one line a hit; exit 0 when something was found, 1
 * when nothing, 2 on a bad query or an error (as grep). */
#include <getopt.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/cmd.h"
#include "exitview/date.h"
#include "exitview/i18n.h"
#include "exitview/interview.h"
#include "exitview/store_search.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

#define SEARCH_DEFAULT_LIMIT 50
#define EXIT_NONE 1              /* nothing found */

/* Where a hit is, as the reader reads it ("question 2 (Reason for
 * leaving)", "observations", "action 17"). */
static void part_words(strbuf *sb, const store_hit *h)
{
	switch (h->slot) {
	case STORE_HIT_ACTION: sb_printf(sb, _("action %lld"), (long long)h->action); break;
	case IV_SLOT_PREPARATION: sb_puts(sb, _("preparation")); break;
	case IV_SLOT_OPENING: sb_puts(sb, _("opening notes")); break;
	case IV_SLOT_CLOSING: sb_puts(sb, _("closing notes")); break;
	case IV_SLOT_OBSERVATIONS: sb_puts(sb, _("observations")); break;
	case IV_SLOT_ACTIONS: sb_puts(sb, _("notes on the action items")); break;
	default:
		if (str_empty(h->title))
			sb_printf(sb, _("question %d"), h->slot + 1);
		else
			sb_printf(sb, _("question %d (%s)"), h->slot + 1, h->title);
		break;
	}
}

/* The same as `exitview note` names the slot (the action by its number). */
static void part_name(strbuf *sb, const store_hit *h)
{
	switch (h->slot) {
	case STORE_HIT_ACTION: sb_printf(sb, "action %lld", (long long)h->action); break;
	case IV_SLOT_PREPARATION: sb_puts(sb, "preparation"); break;
	case IV_SLOT_OPENING: sb_puts(sb, "opening"); break;
	case IV_SLOT_CLOSING: sb_puts(sb, "closing"); break;
	case IV_SLOT_OBSERVATIONS: sb_puts(sb, "observations"); break;
	case IV_SLOT_ACTIONS: sb_puts(sb, "actions"); break;
	default: sb_printf(sb, "%d", h->slot + 1); break;
	}
}

/* s on one line, without tabs or control characters. */
static void put_clean(strbuf *out, const char *s)
{
	utf8_clean(out, s ? s : "", s ? strlen(s) : 0, UTF8_SPACE);
}

static void print_hit(strbuf *out, const store_hit *h, bool tsv)
{
	strbuf part = STRBUF_INIT;
	if (tsv) {
		sb_printf(out, "%lld\t%s\t", (long long)h->id, h->closed ? "closed" : "open");
		put_clean(out, h->employee);
		sb_putc(out, '\t');
		part_name(&part, h);
		sb_puts(out, sb_str(&part));
		sb_putc(out, '\t');
		put_clean(out, h->title);
		sb_putc(out, '\t');
		put_clean(out, h->snippet);
		sb_putc(out, '\n');
	} else {
		part_words(&part, h);
		sb_printf(out, "%5lld  ", (long long)h->id);
		put_clean(out, str_empty(h->employee) ? _("(no name)") : h->employee);
		sb_puts(out, ", ");
		put_clean(out, sb_str(&part));
		sb_puts(out, ": ");
		put_clean(out, h->snippet);
		sb_putc(out, '\n');
	}
	sb_free(&part);
}

/* A file before schema 9 has no index: open it for writing, which builds
 * it, when this user may; else say what would. */
static store *with_index(store *st, const cmd_ctx *ctx)
{
	if (store_has_search(st))
		return st;
	char *path = xstrdup(store_path(st));
	store_close(st);
	store *w = store_open(path, STORE_WRITE, ctx->cfg.allow_shared_database);
	if (!w)
		cmd_error(EXIT_USAGE, "%s has no search index yet (an older schema) and it cannot be built "
			  "here (%s): the first exitview run by a user who may write the file builds it",
			  path, ev_lasterr());
	free(path);
	return w;
}

int cmd_search(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = cmd_find("search");
	static const struct option longopts[] = {
		CMD_LONGOPTS,
		{ "open", no_argument, 0, 'o' },
		{ "closed", no_argument, 0, 'C' },
		{ "since", required_argument, 0, 'S' },
		{ "until", required_argument, 0, 'U' },
		{ "tsv", no_argument, 0, 't' },
		{ "limit", required_argument, 0, 'n' },
		{ 0, 0, 0, 0 },
	};
	store_search_opts o = { STORE_ALL, NULL, NULL, SEARCH_DEFAULT_LIMIT, "[", "]", "...", 16 };
	bool tsv = false;
	int opt, status = EXIT_OK;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS "n:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o':
		case 'C':
			if (o.filter != STORE_ALL)
				return cmd_usage_error(def, "--open and --closed exclude each other");
			o.filter = opt == 'o' ? STORE_OPEN : STORE_CLOSED;
			break;
		case 'S':
		case 'U':
			if (!date_valid(optarg))
				return cmd_usage_error(def, "bad date '%s' for %s: use YYYY-MM-DD", optarg,
						       opt == 'S' ? "--since" : "--until");
			*(opt == 'S' ? &o.since : &o.until) = optarg;
			break;
		case 't':
			tsv = true;
			break;
		case 'n': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (!*optarg || *end || v < 0 || v > 1000000)
				return cmd_usage_error(def, "bad number '%s' for --limit: 0 (all) or more", optarg);
			o.limit = (int)v;
			break;
		}
		default:
			if (!cmd_common_option(ctx, def, opt, argv, &status))
				return status;
		}
	}
	if ((status = cmd_want_args(def, argc, argv, 1, -1)) != EXIT_OK)
		return status;
	strbuf q = STRBUF_INIT;
	for (int i = optind; i < argc; i++) {
		if (q.len)
			sb_putc(&q, ' ');
		sb_puts(&q, argv[i]);
	}
	/* a bad query is a usage error even with no database */
	char *fts = store_search_parse(sb_str(&q));
	if (!fts) {
		sb_free(&q);
		return cmd_error(EXIT_USAGE, "%s", ev_lasterr());
	}
	free(fts);
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		o.ellipsis = "\xe2\x80\xa6";   /* … */
	int missing;
	store *st = cmd_open_store(ctx, STORE_READ, &missing);
	if (!st) {
		sb_free(&q);
		return missing ? EXIT_NONE : EXIT_USAGE;
	}
	if (!(st = with_index(st, ctx))) {
		sb_free(&q);
		return EXIT_USAGE;
	}
	store_hit *hits;
	bool more;
	int n = store_search(st, sb_str(&q), &o, &hits, &more);
	sb_free(&q);
	if (n < 0) {
		status = cmd_error(EXIT_USAGE, "%s", ev_lasterr());
		store_close(st);
		return status;
	}
	strbuf out = STRBUF_INIT;
	if (tsv)
		sb_puts(&out, "id\tstatus\temployee\tpart\ttitle\tsnippet\n");
	for (int i = 0; i < n; i++) {
		print_hit(&out, &hits[i], tsv);
		if (out.len >= 65536) {
			fwrite(out.s, 1, out.len, stdout);
			sb_clear(&out);
		}
	}
	fwrite(sb_str(&out), 1, out.len, stdout);
	sb_free(&out);
	if (more)
		cmd_error(EXIT_OK, "%d hits shown, more not (--limit 0 shows every one)", n);
	/* the audit log: that a search was made, and how much it found;
	 * never the words (they may be names) */
	char detail[64];
	snprintf(detail, sizeof detail, "%d hit%s%s", n, n == 1 ? "" : "s", more ? " or more" : "");
	cmd_audit(st, "search", 0, detail);
	store_hits_free(hits, n);
	store_close(st);
	return n > 0 ? EXIT_OK : EXIT_NONE;
}
