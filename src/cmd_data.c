/* cmd_data.c — subcommands over many interviews: list, export, summary. */
#include "exitview/cmd.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitview/date.h"
#include "exitview/export.h"
#include "exitview/fsutil.h"
#include "exitview/i18n.h"
#include "exitview/recovery.h"
#include "exitview/export_anon.h"
#include "exitview/period.h"
#include "exitview/store_actions.h"
#include "exitview/summary.h"
#include "exitview/template.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

/* A TSV value by the text rule (utf8.h, UTF8_ONELINE): tabs and newlines
 * become spaces; controls, bidi controls and BOMs are dropped; invalid
 * bytes become U+FFFD. */
static void tsv_value(strbuf *out, const char *s)
{
	utf8_clean(out, s, strlen(s), UTF8_ONELINE);
}

/* Append a table cell to the arena, NUL-terminated, cleaned as a TSV
 * value, cut to max columns with a "~".  Returns its display width. */
static size_t cell_add(strbuf *arena, const char *s, size_t max)
{
	size_t start = arena->len;
	utf8_clean(arena, s, strlen(s), UTF8_ONELINE);
	const char *c = arena->s ? arena->s + start : "";
	size_t len = arena->len - start, w = utf8_width(c, len);
	if (w > max) {
		size_t keep = utf8_fit(c, len, max - 1);
		arena->len = start + keep;
		sb_putc(arena, '~');
		w = utf8_width(arena->s + start, keep + 1);
	}
	sb_putc(arena, '\0');
	return w;
}

static void pad_cell(strbuf *out, const char *s, size_t width, int last)
{
	sb_puts(out, s);
	if (!last)
		sb_pad(out, ' ', width - utf8_width(s, strlen(s)) + 2);
}

/* Notes the database once refused, still in recovery files: said on
 * stderr (the listing itself stays as it is for scripts). */
static void say_recovery_files(void)
{
	recovery_file *f;
	int n = recovery_find(0, &f);
	if (n == 0)
		return;
	strbuf ids = STRBUF_INIT;
	int shown = 0;
	for (int i = 0; i < n; i++) {
		bool seen = false;
		for (int k = 0; k < i && !seen; k++)
			seen = f[k].id == f[i].id;
		if (seen)
			continue;
		sb_printf(&ids, "%s%lld", shown++ ? ", " : "", (long long)f[i].id);
	}
	fprintf(stderr, "exitview: %d recovery file%s of notes not saved in the database (interview%s %s, "
		"e.g. %s): resume the interview to restore them\n", n, n == 1 ? "" : "s", shown == 1 ? "" : "s",
		sb_str(&ids), f[n - 1].path);
	sb_free(&ids);
	recovery_files_free(f, n);
}

/* A table printed as it is read: its columns as wide as their widest
 * cell (at most maxw), found by a first walk over the rows (table_measure)
 * before the second prints them (table_row): nothing is kept of a row. */
#define TABLE_MAXCOL 8
typedef struct table {
	int ncol;
	const char *heads[TABLE_MAXCOL];   /* translated */
	const size_t *maxw;
	size_t width[TABLE_MAXCOL];
	strbuf cell;
	long rows;
} table;

static void table_init(table *t, int ncol, const char *const *heads, const size_t *maxw)
{
	memset(t, 0, sizeof *t);
	t->ncol = ncol;
	t->maxw = maxw;
	for (int c = 0; c < ncol; c++) {
		t->heads[c] = _(heads[c]);
		t->width[c] = utf8_width(t->heads[c], strlen(t->heads[c]));
	}
}

/* First walk: the widths of a row's cells. */
static void table_measure(table *t, const char *const *vals)
{
	for (int c = 0; c < t->ncol; c++) {
		sb_clear(&t->cell);
		size_t w = cell_add(&t->cell, vals[c], t->maxw[c]);
		if (w > t->width[c])
			t->width[c] = w;
	}
	t->rows++;
}

static void table_head(const table *t, strbuf *out)
{
	for (int c = 0; c < t->ncol; c++)
		pad_cell(out, t->heads[c], t->width[c], c == t->ncol - 1);
	sb_putc(out, '\n');
}

/* Second walk: one row, each cell cut to its column (a row that grew
 * between the walks is cut, never misaligned). */
static void table_row(table *t, const char *const *vals, strbuf *out)
{
	for (int c = 0; c < t->ncol; c++) {
		sb_clear(&t->cell);
		cell_add(&t->cell, vals[c], t->width[c]);
		pad_cell(out, t->cell.s, t->width[c], c == t->ncol - 1);
	}
	sb_putc(out, '\n');
}

static void table_free(table *t)
{
	sb_free(&t->cell);
}

/* Days from today to the row's last working day, as text ("" when it has
 * none) into buf[24]. */
static const char *days_left(const store_row *r, const char *today, char buf[24])
{
	buf[0] = '\0';
	if (date_valid(r->last_day))
		snprintf(buf, 24, "%ld", date_diff_days(today, r->last_day));
	return buf;
}

/* One row of `list --tsv` (with --upcoming, the days left after it). */
static void list_tsv_row(strbuf *out, const store_row *r, const char *days)
{
	char updated[17], created[17];
	date_format_time(r->updated, updated);
	date_format_time(r->created, created);
	sb_printf(out, "%lld\t%s\t", (long long)r->id, r->closed ? "closed" : "open");
	const char *vals[] = { r->employee, r->role, r->department, r->interviewer,
			       r->template_name, r->interview_date, r->last_day };
	for (size_t k = 0; k < EV_ARRAY_LEN(vals); k++) {
		tsv_value(out, vals[k]);
		sb_putc(out, '\t');
	}
	sb_printf(out, "%d\t%d\t%s\t%s", r->answered, r->nquestions, created, updated);
	if (days)
		sb_printf(out, "\t%s", days);
	sb_putc(out, '\n');
}

/* The heads (messages) are as wide as their translation; a cell as wide
 * as its column's maxw at most (the status and numbers are never cut). */
static const char *const list_heads[] = { N_("ID"), N_("STATUS"), N_("EMPLOYEE"), N_("ROLE"),
					  N_("DEPARTMENT"), N_("DATE"), N_("DONE"), N_("UPDATED") };
static const size_t list_maxw[] = { 8, 12, 24, 18, 16, 10, 7, 16 };
static const char *const upcoming_heads[] = { N_("ID"), N_("EMPLOYEE"), N_("ROLE"), N_("DEPARTMENT"),
					      N_("DATE"), N_("LAST DAY"), N_("DAYS LEFT") };
static const size_t upcoming_maxw[] = { 8, 24, 18, 16, 10, 10, 9 };

/* The cells of a row of the table of `list` (upcoming: of `list
 * --upcoming`) into vals, using buf. */
struct row_cells {
	char id[24], done[24], updated[17];
	const char *vals[TABLE_MAXCOL];
};

static void list_cells(const store_row *r, const char *days, struct row_cells *c)
{
	snprintf(c->id, sizeof c->id, "%lld", (long long)r->id);
	if (days) {
		const char *v[] = { c->id, r->employee, r->role, r->department, r->interview_date,
				    str_empty(r->last_day) ? "-" : r->last_day, *days ? days : "-" };
		memcpy(c->vals, v, sizeof v);
		return;
	}
	snprintf(c->done, sizeof c->done, "%d/%d", r->answered, r->nquestions);
	date_format_time(r->updated, c->updated);
	const char *v[] = { c->id, r->closed ? _("closed") : _("open"), r->employee, r->role,
			    r->department, r->interview_date, c->done, c->updated };
	memcpy(c->vals, v, sizeof v);
}

/* What `list` was asked for. */
struct list_opts {
	enum store_filter f;
	int tsv, upcoming;
};

/* list's options; EXIT_OK to go on, else the status to stop with. */
static int parse_list(cmd_ctx *ctx, const cmd_def *def, int argc, char **argv, struct list_opts *o)
{
	static const struct option longopts[] = {
		CMD_LONGOPTS,
		{ "open", no_argument, 0, 'O' },
		{ "closed", no_argument, 0, 'C' },
		{ "upcoming", no_argument, 0, 'U' },
		{ "tsv", no_argument, 0, 'T' },
		{ 0, 0, 0, 0 },
	};
	int opt, status = EXIT_OK;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS, longopts, NULL)) != -1) {
		if (opt == 'O' || opt == 'C') {
			enum store_filter want = opt == 'O' ? STORE_OPEN : STORE_CLOSED;
			if (o->f != STORE_ALL && o->f != want)
				return cmd_usage_error(def, "--open and --closed exclude each other");
			o->f = want;
		} else if (opt == 'U') {
			o->upcoming = 1;
		} else if (opt == 'T') {
			o->tsv = 1;
		} else if (!cmd_common_option(ctx, def, opt, argv, &status)) {
			return status;
		}
	}
	if (o->upcoming && o->f == STORE_CLOSED)
		return cmd_usage_error(def, "--upcoming lists open interviews: not with --closed");
	return cmd_want_args(def, argc, argv, 0, 0);
}

#define LIST_PAGE 512

/* The interviews of a listing as they were when it began: those there
 * then (IDs up to max_id), most recently updated first, read in keyset
 * pages (store_list_page), each page one short read, so that no lock is
 * held while the rows are written (a slow reader of the output keeps no
 * one waiting) and memory stays at one page whatever the number of
 * interviews.  An interview saved while the listing runs leaves its
 * place (its `updated` passes max_updated): the pages after the first
 * pass list those not listed yet, so that each interview is listed once
 * (a bit per ID says which were). */
struct list_walk {
	store *st;
	enum store_filter f;
	int64_t max_updated, max_id;
	unsigned char *seen;
	const char *today;      /* --upcoming */
	bool upcoming;
};

static int list_walk(struct list_walk *w, int (*fn)(const store_row *r, const char *days, void *arg),
		     void *arg)
{
	if (w->upcoming) {   /* open ones from today on: few, read in one go */
		store_row *rows;
		int n = store_list_upcoming(w->st, w->today, -1, &rows);
		if (n < 0)
			return -1;
		int rc = 0;
		for (int i = 0; i < n && rc == 0; i++) {
			char buf[24];
			rc = fn(&rows[i], days_left(&rows[i], w->today, buf), arg);
		}
		store_rows_free(rows, n);
		return rc;
	}
	memset(w->seen, 0, (size_t)(w->max_id / 8 + 1));
	for (int pass = 0; pass < 2; pass++) {
		/* pass 0 from (max_updated, max_id + 1) down: every interview as
		 * it was placed when the listing began; pass 1 those saved
		 * since (and the last second's, which may have moved within it) */
		store_page p = { w->f, pass ? w->max_updated : INT64_MIN, w->max_id,
				 pass ? INT64_MAX : w->max_updated, pass ? INT64_MAX : w->max_id + 1, LIST_PAGE };
		for (;;) {
			store_row *rows;
			int n = store_list_page(w->st, &p, &rows);
			if (n < 0)
				return -1;
			int rc = 0;
			for (int i = 0; i < n && rc == 0; i++) {
				int64_t id = rows[i].id;
				unsigned char bit = (unsigned char)(1u << (id % 8));
				if (id < 1 || id > w->max_id || (w->seen[id / 8] & bit))
					continue;
				w->seen[id / 8] |= bit;
				rc = fn(&rows[i], NULL, arg);
			}
			if (n > 0) {
				p.after_updated = rows[n - 1].updated;
				p.after_id = rows[n - 1].id;
			}
			store_rows_free(rows, n);
			if (rc != 0)
				return rc;
			if (n < LIST_PAGE)
				break;
		}
	}
	return 0;
}

struct list_out {
	table t;
	strbuf out;
	bool tsv, measure;
	int failed;
};

static void list_flush(struct list_out *o)
{
	if (o->out.len && fwrite(o->out.s, 1, o->out.len, stdout) != o->out.len)
		o->failed = 1;
	sb_clear(&o->out);
}

static int list_one(const store_row *r, const char *days, void *arg)
{
	struct list_out *o = arg;
	if (o->tsv) {
		list_tsv_row(&o->out, r, days);
	} else {
		struct row_cells c;
		list_cells(r, days, &c);
		if (o->measure) {
			table_measure(&o->t, c.vals);
			return 0;
		}
		table_row(&o->t, c.vals, &o->out);
	}
	if (o->out.len >= 65536)
		list_flush(o);
	return o->failed;
}

int cmd_list(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = cmd_find("list");
	struct list_opts o = { STORE_ALL, 0, 0 };
	int status = parse_list(ctx, def, argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	int missing;
	store *st = cmd_open_store(ctx, STORE_READ, &missing);
	if (!st && !missing)
		return EXIT_ERR;

	char today[11];
	date_today(today);
	struct list_walk w = { st, o.f, 0, 0, NULL, today, o.upcoming != 0 };
	if (st && store_list_bounds(st, &w.max_updated, &w.max_id) != 0)
		status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
	w.seen = xcalloc((size_t)(w.max_id / 8 + 1), 1);
	struct list_out lo = { .tsv = o.tsv != 0 };
	if (o.upcoming)
		table_init(&lo.t, (int)EV_ARRAY_LEN(upcoming_heads), upcoming_heads, upcoming_maxw);
	else
		table_init(&lo.t, (int)EV_ARRAY_LEN(list_heads), list_heads, list_maxw);
	if (status == EXIT_OK && o.tsv) {
		sb_printf(&lo.out, "id\tstatus\temployee\trole\tdepartment\tinterviewer\ttemplate\t"
			  "interview_date\tlast_day\tanswered\tquestions\tcreated\tupdated%s\n",
			  o.upcoming ? "\tdays_left" : "");
		if (st && list_walk(&w, list_one, &lo) != 0 && !lo.failed)
			status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
	} else if (status == EXIT_OK) {
		/* the widths first, then the rows */
		lo.measure = true;
		if (st && list_walk(&w, list_one, &lo) != 0)
			status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
		lo.measure = false;
		if (status == EXIT_OK && lo.t.rows == 0) {
			fputs(o.upcoming ? _("no upcoming interviews\n") : _("no interviews\n"), stdout);
		} else if (status == EXIT_OK) {
			table_head(&lo.t, &lo.out);
			if (list_walk(&w, list_one, &lo) != 0 && !lo.failed)
				status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
		}
	}
	list_flush(&lo);
	if (status == EXIT_OK && (lo.failed || fflush(stdout) != 0))
		status = cmd_error(EXIT_ERR, "cannot write to standard output");
	table_free(&lo.t);
	sb_free(&lo.out);
	free(w.seen);
	if (st)
		store_close(st);
	if (status == EXIT_OK)
		say_recovery_files();
	return status;
}

/* --since/--until shared by export and summary: a period (a month or a
 * quarter, period.h), or for a full export also a day. */
typedef struct range {
	const char *since, *until;   /* as given, for headings and messages */
	int first, last;             /* months; -1: open (or a day was given) */
	char lo[11], hi[11];         /* the days in store.h's terms; "" open */
	const char *day;             /* a day given instead of a period, or NULL */
} range;

#define RANGE_INIT { NULL, NULL, -1, -1, "", "", NULL }

static int take_period(const cmd_def *def, const char *opt, bool days_too, range *r)
{
	bool is_since = strcmp(opt, "--since") == 0;
	int first, last;
	if (days_too && date_valid(optarg)) {
		snprintf(is_since ? r->lo : r->hi, 11, "%s", optarg);
		r->day = optarg;
	} else if (period_parse(optarg, &first, &last) != 0) {
		return cmd_usage_error(def, "%s: %s", opt, ev_lasterr());
	} else if (is_since) {
		r->first = first;
		period_first_day(first, r->lo);
	} else {
		r->last = last;
		period_last_day(last, r->hi);
	}
	if (is_since)
		r->since = optarg;
	else
		r->until = optarg;
	return EXIT_OK;
}

/* The options of an export or a summary for the audit log: what and
 * which period, never a name ("csv, anonymous, 2026-Q1..2026-Q2"). */
static void audit_detail(strbuf *sb, const char *what, const range *r)
{
	sb_puts(sb, what);
	if (r->since || r->until)
		sb_printf(sb, ", %s..%s", r->since ? r->since : "", r->until ? r->until : "");
}

static int range_ok(const cmd_def *def, const range *r)
{
	if (r->lo[0] && r->hi[0] && strcmp(r->lo, r->hi) > 0)
		return cmd_usage_error(def, "--since %s is after --until %s", r->since, r->until);
	return EXIT_OK;
}

/* Export output goes out as it is made: memory stays at one chunk of
 * records (store_stream) and 64 KB of output.  Writing may block (a pipe
 * nobody reads): store_stream holds no lock while it does. */
struct export_sink {
	exporter *ex;
	strbuf *buf;
	fs_atomic *file;     /* NULL: standard output */
	int failed;
	enum export_format format;
	bool pseudonymous;
	int maxq;            /* set by store_stream before the first record */
};

static void sink_flush(struct export_sink *k)
{
	if (k->buf->len == 0)
		return;
	if (k->file) {
		if (fs_atomic_write(k->file, k->buf->s, k->buf->len) != 0)
			k->failed = 1;
	} else if (fwrite(k->buf->s, 1, k->buf->len, stdout) != k->buf->len) {
		k->failed = 1;
	}
	sb_clear(k->buf);
}

/* The exporter, once the selection's question count is known.  The text
 * rule: CSV shown on a terminal shows its controls (JSON escapes them
 * anyway); -o FILE or a pipe stays exact. */
static void sink_begin(struct export_sink *k)
{
	k->ex = export_begin(k->format, k->pseudonymous, k->maxq, k->buf);
	if (!k->file && isatty(STDOUT_FILENO))
		export_for_terminal(k->ex);
}

static int export_one(const interview *iv, void *arg)
{
	struct export_sink *k = arg;
	if (!k->ex)   /* the CSV header needs the selection's question count */
		sink_begin(k);
	export_add(k->ex, iv);
	if (k->buf->len >= 65536)
		sink_flush(k);
	return k->failed;
}

static int anon_count(const interview *iv, void *arg)
{
	anon_export_count(arg, iv);
	return 0;
}

/* The second pass of an anonymous export, into a spool file. */
struct anon_pass {
	anon_export *ax;
	strbuf buf;
	FILE *spool;
	int failed, changed;
};

static void anon_spool(struct anon_pass *p)
{
	if (p->buf.len && fwrite(p->buf.s, 1, p->buf.len, p->spool) != p->buf.len)
		p->failed = 1;
	sb_clear(&p->buf);
}

/* anon_export_set_flush's callback: out is the pass's buffer. */
static void anon_flush(strbuf *out, void *arg)
{
	struct anon_pass *p = arg;
	(void)out;
	anon_spool(p);
}

static int anon_write(const interview *iv, void *arg)
{
	struct anon_pass *p = arg;
	int r = anon_export_add(p->ax, iv, &p->buf);
	if (r < 0)
		return -1;   /* store_stream passes it on, ev_lasterr() says why */
	if (r != 0) {
		p->changed = 1;
		return 1;
	}
	if (p->buf.len >= 65536)
		anon_spool(p);
	return p->failed;
}

/* --anonymous (export_anon.h): a pass that counts (one read, it only
 * counts), a pass that writes each row as it comes into a spool file (a
 * temporary file, deleted already: no lock held while it is written,
 * memory the same at any size), then the spool to the output.  When a
 * writer changed the interviews between the passes the spool is thrown
 * away and it all begins again (three times at most).  0, or -1 after
 * printing the error. */
static int export_anonymous(cmd_ctx *ctx, store *st, const range *r, struct export_sink *sink)
{
	for (int attempt = 0; attempt < 3; attempt++) {
		anon_export *ax = anon_export_new(ctx->cfg.anonymity_threshold, sink->format);
		struct anon_pass p = { ax, STRBUF_INIT, NULL, 0, 0 };
		bool left_out = false;
		int rc = store_foreach(st, r->lo, r->hi, false, anon_count, ax);
		if (rc == 0 && anon_export_plan(ax, &p.buf, &left_out) < 0)
			rc = -1;
		anon_export_set_flush(ax, anon_flush, &p);
		if (rc == 0 && !(p.spool = tmpfile()))
			rc = ev_seterr("cannot make a temporary file for the export: %s", strerror(errno));
		if (rc == 0) {
			rc = store_stream(st, r->lo, r->hi, false, NULL, anon_write, &p);
			if (rc > 0 && p.changed)
				rc = 0;
			else if (rc > 0)
				rc = ev_seterr("cannot write the temporary file of the export");
		}
		if (rc == 0 && !p.changed) {
			int end = anon_export_end(ax, &p.buf);
			if (end == -2)
				rc = -1;
			else if (end < 0)
				p.changed = 1;
		}
		if (rc == 0 && !p.changed) {
			anon_spool(&p);
			if (p.failed || fflush(p.spool) != 0 || fseek(p.spool, 0, SEEK_SET) != 0)
				rc = ev_seterr("cannot write the temporary file of the export");
		}
		if (rc == 0 && !p.changed) {
			char chunk[65536];
			size_t n;
			while (!sink->failed && (n = fread(chunk, 1, sizeof chunk, p.spool)) > 0) {
				sb_add(sink->buf, chunk, n);
				sink_flush(sink);
			}
			if (ferror(p.spool))
				rc = ev_seterr("cannot read the temporary file of the export");
			else if (left_out)
				fprintf(stderr, "exitview: note: interviews too unlike the others to stay anonymous "
					"were left out\n");
		}
		if (p.spool)
			fclose(p.spool);
		sb_free(&p.buf);
		anon_export_free(ax);
		if (rc != 0) {
			cmd_error(EXIT_ERR, "%s", ev_lasterr());
			return -1;
		}
		if (!p.changed)
			return 0;
	}
	cmd_error(EXIT_ERR, "the interviews kept changing while the anonymous export was made: try again");
	return -1;
}

int cmd_export(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = cmd_find("export");
	static const struct option longopts[] = {
		CMD_LONGOPTS,
		{ "csv", no_argument, 0, 'C' },
		{ "json", no_argument, 0, 'J' },
		{ "anonymous", no_argument, 0, 'A' },
		{ "pseudonymous", no_argument, 0, 'P' },
		{ "since", required_argument, 0, 'S' },
		{ "until", required_argument, 0, 'U' },
		{ "output", required_argument, 0, 'o' },
		{ 0, 0, 0, 0 },
	};
	int opt, status = EXIT_OK, format = -1;
	bool anonymous = false, pseudonymous = false;
	range r = RANGE_INIT;
	const char *out_path = NULL;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS "o:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'C':
		case 'J': {
			int want = opt == 'C' ? EXPORT_CSV : EXPORT_JSON;
			if (format >= 0 && format != want)
				return cmd_usage_error(def, "--csv and --json exclude each other");
			format = want;
			break;
		}
		case 'A':
			anonymous = true;
			break;
		case 'P':
			pseudonymous = true;
			break;
		case 'S':
		case 'U':
			if ((status = take_period(def, opt == 'S' ? "--since" : "--until", true, &r)) != EXIT_OK)
				return status;
			break;
		case 'o':
			if (!*optarg)
				return cmd_usage_error(def, "-o needs a file name");
			out_path = strcmp(optarg, "-") ? optarg : NULL;
			break;
		default:
			if (!cmd_common_option(ctx, def, opt, argv, &status))
				return status;
		}
	}
	if ((status = cmd_want_args(def, argc, argv, 0, 0)) != EXIT_OK)
		return status;
	if ((status = range_ok(def, &r)) != EXIT_OK)
		return status;
	if (anonymous && pseudonymous)
		return cmd_usage_error(def, "--anonymous and --pseudonymous exclude each other");
	if (anonymous && r.day)
		return cmd_usage_error(def, "'%s' is a day: an anonymous export takes periods, a month (YYYY-MM) "
				       "or a quarter (YYYY-Qn)", r.day);
	if (format < 0)
		format = EXPORT_CSV;
	if (pseudonymous)
		fprintf(stderr, "exitview: warning: a pseudonymous export keeps IDs, dates and every note, "
			"which name people: it is personal data\n");

	int missing;
	store *st = cmd_open_store(ctx, STORE_READ, &missing);
	if (!st && !missing)
		return EXIT_ERR;
	strbuf out = STRBUF_INIT;
	fs_atomic file;
	struct export_sink sink = { NULL, &out, NULL, 0, (enum export_format)format, pseudonymous, 0 };
	if (status == EXIT_OK && out_path) {
		if (fs_atomic_begin(&file, out_path) != 0)
			status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
		else
			sink.file = &file;
	}
	if (status == EXIT_OK && anonymous) {
		if (st && export_anonymous(ctx, st, &r, &sink) != 0)
			status = EXIT_ERR;
		else if (!st)
			status = cmd_error(EXIT_ERR, "fewer than %d interviews to export: an anonymous export needs "
					   "at least %d", ctx->cfg.anonymity_threshold, ctx->cfg.anonymity_threshold);
	} else if (status == EXIT_OK) {
		/* in chunks, no lock held while the output is written: see
		 * store_stream for what a writer meanwhile can change */
		if (st && store_stream(st, r.lo, r.hi, true, &sink.maxq, export_one, &sink) < 0)
			status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
		if (!sink.ex)   /* nothing exported: the header (or "[]") alone */
			sink_begin(&sink);
		export_end(sink.ex);
	}
	if (status == EXIT_OK || sink.file) {
		if (status == EXIT_OK)
			sink_flush(&sink);
		if (sink.file) {
			if (status != EXIT_OK)
				fs_atomic_abort(sink.file);
			else if (fs_atomic_commit(sink.file) != 0)
				status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
		} else if (status == EXIT_OK && sink.failed) {
			status = cmd_error(EXIT_ERR, "cannot write to standard output");
		}
	}
	if (status == EXIT_OK && st) {
		strbuf d = STRBUF_INIT;
		char what[48];
		snprintf(what, sizeof what, "%s, %s", format == EXPORT_JSON ? "json" : "csv",
			 anonymous ? "anonymous" : pseudonymous ? "pseudonymous" : "full");
		audit_detail(&d, what, &r);
		cmd_audit(st, "export", 0, sb_str(&d));
		sb_free(&d);
	}
	sb_free(&out);
	if (st)
		store_close(st);
	return status;
}

static int summarise_one(const interview *iv, void *arg)
{
	summary_add(arg, iv);
	return 0;
}

static void summarise_month(const char *ym, int64_t n, void *arg)
{
	char day[16];
	snprintf(day, sizeof day, "%.7s-01", ym);
	summary_count_month(arg, ym[0] ? period_month_of(day) : -1, n);
}

/* The action items of a run of months whose interviews count. */
struct run_actions {
	store *st;
	summary *sum;
	int failed;
};

static void summarise_actions(int first, int last, void *arg)
{
	struct run_actions *ra = arg;
	char lo[11], hi[11];
	int64_t open, overdue;
	if (ra->failed)
		return;
	period_first_day(first, lo);
	period_last_day(last, hi);
	if (store_action_counts(ra->st, lo, hi, &open, &overdue) != 0)
		ra->failed = 1;
	else
		summary_add_actions(ra->sum, first, open, overdue);
}

/* Labels of every reason of the templates installed, so that a reader
 * gets the labels of their language even for interviews held in
 * another (a template that does not load is passed over: check-config
 * is where it is reported). */
static void summarise_labels(cmd_ctx *ctx, summary *sum)
{
	tpl_entry *list;
	int n;
	if (template_list(&ctx->cfg, &list, &n) != 0)
		return;
	for (int i = 0; i < n; i++) {
		if (list[i].nquestions < 0)
			continue;
		template *t = template_find(&ctx->cfg, list[i].name);
		if (!t)
			continue;
		for (int c = 0; c < t->ncategories; c++)
			summary_label(sum, t->categories[c].key, t->categories[c].label, t->language);
		template_free(t);
	}
	template_list_free(list, n);
}

/* summary_render's output so far to standard output. */
static void summarise_flush(strbuf *out, void *arg)
{
	int *failed = arg;
	if (fwrite(sb_str(out), 1, out->len, stdout) != out->len)
		*failed = 1;
	sb_clear(out);
}

int cmd_summary(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = cmd_find("summary");
	static const struct option longopts[] = {
		CMD_LONGOPTS,
		{ "since", required_argument, 0, 'S' },
		{ "until", required_argument, 0, 'U' },
		{ "by", required_argument, 0, 'B' },
		{ "tsv", no_argument, 0, 'T' },
		{ "json", no_argument, 0, 'J' },
		{ 0, 0, 0, 0 },
	};
	int opt, status = EXIT_OK, fmt = -1;
	enum summary_by by = SUMMARY_ALL;
	range r = RANGE_INIT;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS, longopts, NULL)) != -1) {
		switch (opt) {
		case 'S':
		case 'U':
			if ((status = take_period(def, opt == 'S' ? "--since" : "--until", false, &r)) != EXIT_OK)
				return status;
			break;
		case 'T':
		case 'J': {
			int want = opt == 'T' ? SUMMARY_TSV : SUMMARY_JSON;
			if (fmt >= 0 && fmt != want)
				return cmd_usage_error(def, "--tsv and --json exclude each other");
			fmt = want;
			break;
		}
		case 'B':
			if (strcmp(optarg, "department") == 0)
				by = SUMMARY_DEPARTMENT;
			else if (strcmp(optarg, "role") == 0)
				by = SUMMARY_ROLE;
			else if (strcmp(optarg, "template") == 0)
				by = SUMMARY_TEMPLATE;
			else if (strcmp(optarg, "manager") == 0)
				by = SUMMARY_MANAGER;
			else if (strcmp(optarg, "quarter") == 0)
				by = SUMMARY_QUARTER;
			else
				return cmd_usage_error(def, "--by takes department, role, template, manager or quarter, "
						       "not '%s'", optarg);
			break;
		default:
			if (!cmd_common_option(ctx, def, opt, argv, &status))
				return status;
		}
	}
	if ((status = cmd_want_args(def, argc, argv, 0, 0)) != EXIT_OK)
		return status;
	if ((status = range_ok(def, &r)) != EXIT_OK)
		return status;
	int missing;
	store *st = cmd_open_store(ctx, STORE_READ, &missing);
	if (!st && !missing)
		return EXIT_ERR;
	summary *sum = summary_new(by, ctx->cfg.anonymity_threshold, r.first, r.last);
	summary_set_language(sum, i18n_language());
	summary_set_utf8(sum, strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
	summarise_labels(ctx, sum);
	char lo[11], hi[11];
	summary_fetch_range(sum, lo, hi);   /* whole quarters: see summary.c */
	/* two passes in one read: the months' counts, then each interview,
	 * added to its group and forgotten (memory: the groups, not the
	 * interviews) */
	if (st && store_foreach_counted(st, lo, hi, summarise_month, summarise_one, sum) < 0)
		status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
	if (status == EXIT_OK && st) {
		struct run_actions ra = { st, sum, 0 };
		summary_each_run(sum, summarise_actions, &ra);
		if (ra.failed)
			status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
	}
	if (status == EXIT_OK) {
		strbuf out = STRBUF_INIT;
		int failed = 0;
		summary_set_flush(sum, summarise_flush, &failed);
		summary_render(sum, r.since, r.until, fmt < 0 ? SUMMARY_TEXT : (enum summary_format)fmt, &out);
		summarise_flush(&out, &failed);
		if (failed || fflush(stdout) != 0)
			status = cmd_error(EXIT_ERR, "cannot write to standard output");
		sb_free(&out);
	}
	if (status == EXIT_OK && st) {
		static const char *const bys[] = { "all", "by department", "by role", "by template",
						   "by manager", "by quarter" };
		strbuf d = STRBUF_INIT;
		audit_detail(&d, bys[by], &r);
		if (fmt == SUMMARY_TSV)
			sb_puts(&d, ", tsv");
		else if (fmt == SUMMARY_JSON)
			sb_puts(&d, ", json");
		cmd_audit(st, "summary", 0, sb_str(&d));
		sb_free(&d);
	}
	summary_free(sum);
	if (st)
		store_close(st);
	return status;
}
