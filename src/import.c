/* import.c — a list of leavers (CSV, RFC 4180) read into planned interviews, every row checked first. */
#include "exitview/import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exitview/template.h"
#include "exitview/util.h"

/* The columns' names in the header, by enum import_col; the detail field
 * each value is set as ("" for the template). */
static const char *const col_names[IMPORT_NCOLS] = {
	"employee", "role", "department", "manager", "last_day", "interview_date", "template",
};
static const char *const col_fields[IMPORT_NCOLS] = {
	"employee", "role", "department", "manager", "last-day", "interview-date", "",
};

/* ---- the CSV reader ---- */

typedef struct csv {
	const char *name;
	const char *p, *end;
	int line;                 /* of p */
} csv;

/* One record: its fields and the line it begins on. */
typedef struct record {
	char **f;
	int n, cap;
	int line;
} record;

static void record_clear(record *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->f[i]);
	r->n = 0;
}

static void record_free(record *r)
{
	record_clear(r);
	free(r->f);
	r->f = NULL;
	r->cap = 0;
}

static void record_add(record *r, strbuf *field)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->f = xrealloc(r->f, (size_t)r->cap * sizeof *r->f);
	}
	r->f[r->n++] = sb_detach(field);
}

/* The length of the line break at p (CRLF 2, LF or CR 1), 0 if none. */
static size_t newline_at(const csv *c, const char *p)
{
	if (p >= c->end)
		return 0;
	if (*p == '\r')
		return p + 1 < c->end && p[1] == '\n' ? 2 : 1;
	return *p == '\n' ? 1 : 0;
}

static int csv_error(const csv *c, int line, const char *why)
{
	return ev_seterr("%s:%d: %s", c->name, line, why);
}

/* A quoted field, c->p at its opening quote, into field; c->p after the
 * closing quote.  0 or -1. */
static int quoted_field(csv *c, strbuf *field)
{
	int start = c->line;
	c->p++;
	for (;;) {
		if (c->p >= c->end)
			return csv_error(c, start, "a quoted field is not closed (a \" is missing)");
		size_t nl = newline_at(c, c->p);
		if (*c->p == '"' && c->p + 1 < c->end && c->p[1] == '"') {
			sb_putc(field, '"');
			c->p += 2;
		} else if (*c->p == '"') {
			c->p++;
			return 0;
		} else if (nl) {
			sb_add(field, c->p, nl);
			c->p += nl;
			c->line++;
		} else if (*c->p == '\0') {
			return csv_error(c, c->line, "a NUL byte: the file is not text");
		} else {
			sb_putc(field, *c->p++);
		}
	}
}

/* An unquoted field up to the next comma or line break.  0 or -1. */
static int plain_field(csv *c, strbuf *field)
{
	while (c->p < c->end && *c->p != ',' && !newline_at(c, c->p)) {
		if (*c->p == '"')
			return csv_error(c, c->line, "a quote inside an unquoted field (quote the whole field)");
		if (*c->p == '\0')
			return csv_error(c, c->line, "a NUL byte: the file is not text");
		sb_putc(field, *c->p++);
	}
	return 0;
}

/* The next record into r, skipping empty lines.  1 a record, 0 the end of
 * the file, -1 an error. */
static int csv_record(csv *c, record *r)
{
	record_clear(r);
	size_t nl;
	while ((nl = newline_at(c, c->p)) > 0) {
		c->p += nl;
		c->line++;
	}
	if (c->p >= c->end)
		return 0;
	r->line = c->line;
	strbuf field = STRBUF_INIT;
	for (;;) {
		int rc = c->p < c->end && *c->p == '"' ? quoted_field(c, &field) : plain_field(c, &field);
		if (rc == 0 && c->p < c->end && *c->p != ',' && !newline_at(c, c->p))
			rc = csv_error(c, c->line, "text after a closing quote (a quote inside a field is written \"\")");
		if (rc != 0) {
			sb_free(&field);
			return -1;
		}
		record_add(r, &field);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		if ((nl = newline_at(c, c->p)) > 0) {
			c->p += nl;
			c->line++;
		}
		return 1;
	}
}

/* ---- the header ---- */

/* The column of a header name (ASCII case ignored, spaces around it too),
 * -1 if none. */
static int column_of(const char *name)
{
	size_t len = strlen(name);
	while (len && name[len - 1] == ' ')
		len--;
	while (len && *name == ' ') {
		name++;
		len--;
	}
	for (int i = 0; i < IMPORT_NCOLS; i++)
		if (strlen(col_names[i]) == len && strncasecmp(name, col_names[i], len) == 0)
			return i;
	return -1;
}

/* Map the header's fields to columns (at[k] = the column of field k, -1
 * none).  0, or -1 naming unknown, repeated or missing columns. */
static int read_header(const csv *c, const record *h, int *at)
{
	strbuf unknown = STRBUF_INIT, missing = STRBUF_INIT;
	int seen[IMPORT_NCOLS] = { 0 }, unknowns = 0, missings = 0;
	for (int k = 0; k < h->n; k++) {
		at[k] = column_of(h->f[k]);
		if (at[k] < 0) {
			sb_printf(&unknown, "%s'%s'", unknowns++ ? ", " : "", h->f[k]);
		} else if (seen[at[k]]++) {
			strbuf why = STRBUF_INIT;
			sb_printf(&why, "the column %s is named twice in the header", col_names[at[k]]);
			csv_error(c, h->line, sb_str(&why));
			sb_free(&why);
			sb_free(&unknown);
			return -1;
		}
	}
	for (int i = 0; i < IMPORT_NCOLS; i++)
		if (!seen[i] && i != IMP_TEMPLATE)
			sb_printf(&missing, "%s%s", missings++ ? ", " : "", col_names[i]);
	int rc = 0;
	if (unknowns || missings) {
		strbuf why = STRBUF_INIT;
		if (unknowns)
			sb_printf(&why, "unknown column%s %s", unknowns == 1 ? "" : "s", sb_str(&unknown));
		if (missings)
			sb_printf(&why, "%smissing column%s %s", unknowns ? "; " : "", missings == 1 ? "" : "s",
				  sb_str(&missing));
		sb_puts(&why, " (the columns: employee, role, department, manager, last_day, "
			      "interview_date, and optionally template)");
		rc = csv_error(c, h->line, sb_str(&why));
		sb_free(&why);
	}
	sb_free(&unknown);
	sb_free(&missing);
	return rc;
}

/* The values of record r (checked against the header's width) as a row. */
static int take_row(const csv *c, const record *r, const int *at, int width, import_row *row)
{
	if (r->n != width) {
		char why[96];
		snprintf(why, sizeof why, "%d field%s, but the header has %d", r->n, r->n == 1 ? "" : "s", width);
		return csv_error(c, r->line, why);
	}
	row->line = r->line;
	for (int i = 0; i < IMPORT_NCOLS; i++)
		row->value[i] = NULL;
	for (int k = 0; k < width; k++)
		row->value[at[k]] = xstrdup(r->f[k]);
	for (int i = 0; i < IMPORT_NCOLS; i++)
		if (!row->value[i])
			row->value[i] = xstrdup("");
	return 0;
}

int import_parse(const char *name, const char *text, size_t len, import_row **rows, int *n)
{
	*rows = NULL;
	*n = 0;
	csv c = { name, text, text + len, 1 };
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		c.p += 3;
	record r = { NULL, 0, 0, 0 };
	int rc = csv_record(&c, &r);
	if (rc <= 0) {
		record_free(&r);
		return rc < 0 ? -1 : ev_seterr("%s: empty: the first line names the columns", name);
	}
	int width = r.n, *at = xcalloc((size_t)width, sizeof *at);
	import_row *out = NULL;
	int count = 0, cap = 0;
	rc = read_header(&c, &r, at);
	while (rc == 0 && (rc = csv_record(&c, &r)) == 1) {
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			out = xrealloc(out, (size_t)cap * sizeof *out);
		}
		rc = take_row(&c, &r, at, width, &out[count]);
		if (rc == 0)
			count++;
	}
	free(at);
	record_free(&r);
	if (rc != 0) {
		import_rows_free(out, count);
		return -1;
	}
	*rows = out;
	*n = count;
	return 0;
}

void import_rows_free(import_row *rows, int n)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; k < IMPORT_NCOLS; k++)
			free(rows[i].value[k]);
	free(rows);
}

/* ---- the interviews ---- */

/* The templates named so far, each loaded once (a file names a few, many
 * times); they own the templates. */
typedef struct tpl_cache {
	char **name;
	template **t;
	int n;
} tpl_cache;

/* Template name, loaded once; NULL (ev_seterr) when there is none. */
static const template *cached_template(const settings *cfg, tpl_cache *tc, const char *name)
{
	for (int i = 0; i < tc->n; i++)
		if (strcmp(tc->name[i], name) == 0)
			return tc->t[i];
	template *t = template_find(cfg, name);
	if (!t)
		return NULL;
	tc->name = xrealloc(tc->name, ((size_t)tc->n + 1) * sizeof *tc->name);
	tc->t = xrealloc(tc->t, ((size_t)tc->n + 1) * sizeof *tc->t);
	tc->name[tc->n] = xstrdup(name);
	tc->t[tc->n++] = t;
	return t;
}

static void tpl_cache_free(tpl_cache *tc)
{
	for (int i = 0; i < tc->n; i++) {
		free(tc->name[i]);
		template_free(tc->t[i]);
	}
	free(tc->name);
	free(tc->t);
}

static int row_error(const char *name, int line, const char *why)
{
	char *w = xstrdup(why);
	ev_seterr("%s:%d: %s", name, line, w);
	free(w);
	return -1;
}

/* The interview of one row into *out; 0 or -1 (ev_seterr "NAME:LINE: "). */
static int plan_row(const settings *cfg, tpl_cache *tc, const char *name, const import_row *row,
		    const char *interviewer, interview **out, const char **warning)
{
	*out = NULL;
	const char *tname = row->value[IMP_TEMPLATE];
	if (str_empty(tname))
		tname = str_empty(cfg->default_template) ? "standard" : cfg->default_template;
	if (str_empty(row->value[IMP_EMPLOYEE]))
		return row_error(name, row->line, "employee is empty");
	if (str_empty(row->value[IMP_LAST_DAY]))
		return row_error(name, row->line, "last_day is empty");
	const template *t = cached_template(cfg, tc, tname);
	if (!t)
		return row_error(name, row->line, ev_lasterr());
	interview *iv = interview_new(t);
	int rc = interview_set_field(iv, "interviewer", interviewer);
	for (int i = 0; rc == 0 && i < IMPORT_NCOLS; i++)
		if (*col_fields[i])
			rc = interview_set_field(iv, col_fields[i], row->value[i]);
	if (rc == 0)
		rc = interview_check_dates(iv, warning);
	if (rc != 0) {
		interview_free(iv);
		return row_error(name, row->line, ev_lasterr());
	}
	*out = iv;
	return 0;
}

int import_plan_rows(const settings *cfg, const char *name, const import_row *rows, int n,
		     const char *interviewer, import_plan *plan)
{
	memset(plan, 0, sizeof *plan);
	plan->iv = xcalloc((size_t)n + 1, sizeof *plan->iv);
	plan->line = xcalloc((size_t)n + 1, sizeof *plan->line);
	plan->warning = xcalloc((size_t)n + 1, sizeof *plan->warning);
	tpl_cache tc = { NULL, NULL, 0 };
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		rc = plan_row(cfg, &tc, name, &rows[i], interviewer, &plan->iv[i], &plan->warning[i]);
		plan->line[i] = rows[i].line;
		if (rc == 0)
			plan->n++;
	}
	tpl_cache_free(&tc);
	if (rc != 0) {
		import_plan_free(plan);
		return -1;
	}
	return 0;
}

int import_plan_text(const settings *cfg, const char *name, const char *text, size_t len,
		     const char *interviewer, import_plan *plan)
{
	memset(plan, 0, sizeof *plan);
	import_row *rows;
	int n;
	if (import_parse(name, text, len, &rows, &n) != 0)
		return -1;
	int rc = import_plan_rows(cfg, name, rows, n, interviewer, plan);
	import_rows_free(rows, n);
	return rc;
}

void import_plan_free(import_plan *plan)
{
	for (int i = 0; i < plan->n; i++)
		interview_free(plan->iv[i]);
	free(plan->iv);
	free(plan->line);
	free(plan->warning);
	memset(plan, 0, sizeof *plan);
}
