/* export.c — CSV (RFC 4180) and JSON records of interviews.
 *
 * Machine formats: category keys (not labels), "yes"/"no"/"unknown" for the
 * yes/no questions, timestamps as ISO 8601 in UTC ("2024-05-01T12:30:00Z"),
 * dates as YYYY-MM-DD.  Text is passed through as typed (newlines, ESC and
 * all, so values round-trip), except that bytes which are not valid UTF-8
 * become U+FFFD: the output is always valid UTF-8.  JSON writes every
 * character that is not TEXT by the text rule of utf8.h as \uXXXX (still
 * exact).  CSV for a terminal (export_for_terminal) shows controls, bidi
 * controls, BOMs and line separators in values as U+FFFD (UTF8_DISPLAY).
 *
 * CSV columns: id, status, employee, role, department, manager,
 * interviewer, start_date, last_day, interview_date, template, separation,
 * reason_primary, reason_secondary, reason_assessed, regrettable, rehire,
 * would_return, return_conditions, elapsed_seconds, created, updated,
 * closed_at, observations, actions, preparation, then for each question N up to
 * max_questions: qN_title, qN_rating ("" when not rated), qN_skipped
 * (yes/no), qN_asked (the follow-up numbers asked, "1;3"), qN_notes.
 * Columns of questions an interview does not have are empty.
 */
#include "exitview/export.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exitview/utf8.h"

struct exporter {
	enum export_format f;
	bool pseudonymous;   /* no names */
	int maxq;
	strbuf *out;
	int count;
	bool terminal;      /* CSV values cleaned for display */
};

/* U+FFFD, for an invalid byte. */
static const char replacement[3] = { (char)0xEF, (char)0xBF, (char)0xBD };

/* Append s with invalid UTF-8 bytes replaced by U+FFFD, in runs: valid
 * text is copied a run at a time, not a character at a time; with
 * double_quotes every '"' is written twice (a quoted CSV field).  One pass
 * over s, nothing allocated but out's room. */
static void add_utf8(strbuf *out, const char *s, bool double_quotes)
{
	size_t n = strlen(s), i = 0, run = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c == '"' && double_quotes) {
				sb_add(out, s + run, i + 1 - run);   /* up to and with the quote */
				run = i;                             /* it again: doubled */
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFFFD && k == 1) {
			sb_add(out, s + run, i - run);
			sb_add(out, replacement, sizeof replacement);
			run = i + 1;
		}
		i += k;
	}
	sb_add(out, s + run, n - run);
}

void csv_field(strbuf *out, const char *s)
{
	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n") == NULL) {
		add_utf8(out, s, false);
		return;
	}
	sb_putc(out, '"');
	add_utf8(out, s, true);
	sb_putc(out, '"');
}

/* "\uXXXX" (lowercase hex) for a code point below U+10000. */
static void add_u_escape(strbuf *out, uint32_t cp)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', 'u', hex[(cp >> 12) & 0xF], hex[(cp >> 8) & 0xF], hex[(cp >> 4) & 0xF],
		      hex[cp & 0xF] };
	sb_add(out, e, sizeof e);
}

/* Escaped in a JSON string: '"', '\\', the C0 controls and DEL. */
static bool json_escaped_ascii(unsigned char c)
{
	return c == '"' || c == '\\' || c < 0x20 || c == 0x7F;
}

/* One pass over s: runs of text copied as they are, an invalid byte as
 * U+FFFD, a character that is not TEXT by the text rule as \uXXXX (C1
 * controls, bidi controls, line separators, BOM; every one below U+10000),
 * '"' and '\\' with a backslash. */
void json_string(strbuf *out, const char *s)
{
	if (!s)
		s = "";
	size_t n = strlen(s), i = 0, run = 0;
	sb_putc(out, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (json_escaped_ascii(c)) {
				sb_add(out, s + run, i - run);
				if (c == '"' || c == '\\') {
					char e[2] = { '\\', (char)c };
					sb_add(out, e, 2);
				} else {
					add_u_escape(out, c);
				}
				run = i + 1;
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFFFD && k == 1) {
			sb_add(out, s + run, i - run);
			sb_add(out, replacement, sizeof replacement);
			run = i + 1;
		} else if (utf8_class(cp) != UTF8_TEXT) {
			sb_add(out, s + run, i - run);
			add_u_escape(out, cp);
			run = i + k;
		}
		i += k;
	}
	sb_add(out, s + run, n - run);
	sb_putc(out, '"');
}

/* v in decimal into buf[24] (what "%lld" gives, without printf's cost
 * on every field of every record); returns its length. */
static size_t int_text(long long v, char buf[24])
{
	char tmp[24];
	size_t n = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	size_t len = 0;
	if (v < 0)
		buf[len++] = '-';
	while (n)
		buf[len++] = tmp[--n];
	buf[len] = '\0';
	return len;
}

static void add_int(strbuf *out, long long v)
{
	char buf[24];
	sb_add(out, buf, int_text(v, buf));
}

/* A Unix time as ISO 8601 UTC into out[21]; "" for 0 (never). */
static void iso_time(int64_t t, char out[21])
{
	out[0] = '\0';
	if (t <= 0)
		return;
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return;
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char *const name_cols[] = { "employee", "manager", "interviewer" };

exporter *export_begin(enum export_format f, bool pseudonymous, int max_questions, strbuf *out)
{
	exporter *ex = xcalloc(1, sizeof *ex);
	ex->f = f;
	ex->pseudonymous = pseudonymous;
	ex->maxq = max_questions < 0 ? 0 : max_questions;
	ex->out = out;
	if (f == EXPORT_JSON) {
		sb_putc(out, '[');
		return ex;
	}
	static const char *const cols[] = {
		"id", "status", "employee", "role", "department", "manager", "interviewer",
		"start_date", "last_day", "interview_date", "template", "separation",
		"reason_primary", "reason_secondary", "reason_assessed", "regrettable",
		"rehire", "would_return", "return_conditions", "elapsed_seconds", "created",
		"updated", "closed_at", "observations", "actions", "actions_open", "actions_done",
		"action_notes", "preparation", "opening_done", "opening_items", "closing_done",
		"closing_items",
	};
	bool first = true;
	for (size_t i = 0; i < EV_ARRAY_LEN(cols); i++) {
		bool is_name = false;
		for (size_t k = 0; k < EV_ARRAY_LEN(name_cols); k++)
			if (strcmp(cols[i], name_cols[k]) == 0)
				is_name = true;
		if (pseudonymous && is_name)
			continue;
		if (!first)
			sb_putc(out, ',');
		sb_puts(out, cols[i]);
		first = false;
	}
	static const char *const qcols[] = { "title", "rating", "skipped", "asked", "notes" };
	for (int q = 1; q <= ex->maxq; q++)
		for (size_t i = 0; i < EV_ARRAY_LEN(qcols); i++)
			sb_printf(out, ",q%d_%s", q, qcols[i]);
	sb_puts(out, "\r\n");
	return ex;
}

void export_for_terminal(exporter *ex)
{
	ex->terminal = true;
}

/* The next CSV field of the record (for a terminal: cleaned for display). */
static void csv_next(exporter *ex, const char *s)
{
	sb_putc(ex->out, ',');
	if (!ex->terminal || !s) {
		csv_field(ex->out, s);
		return;
	}
	strbuf shown = STRBUF_INIT;
	utf8_clean(&shown, s, strlen(s), UTF8_DISPLAY);
	csv_field(ex->out, sb_str(&shown));
	sb_free(&shown);
}

/* How many items of a checklist are done. */
static int checks_done(const iv_question *c)
{
	int n = 0;
	for (int j = 0; j < c->nfollowups; j++)
		n += c->asked && c->asked[j];
	return n;
}

static void add_csv(exporter *ex, const interview *iv)
{
	strbuf *out = ex->out;
	char buf[32], t1[21], t2[21], t3[21];
	add_int(out, iv->id);
	csv_next(ex, iv->closed ? "closed" : "open");
	if (!ex->pseudonymous)
		csv_next(ex, iv->employee);
	csv_next(ex, iv->role);
	csv_next(ex, iv->department);
	if (!ex->pseudonymous) {
		csv_next(ex, iv->manager);
		csv_next(ex, iv->interviewer);
	}
	csv_next(ex, iv->start_date);
	csv_next(ex, iv->last_day);
	csv_next(ex, iv->interview_date);
	csv_next(ex, iv->template_name);
	csv_next(ex, separation_name(iv->separation));
	csv_next(ex, iv->reason_primary);
	csv_next(ex, iv->reason_secondary);
	csv_next(ex, iv->reason_assessed);
	csv_next(ex, tristate_name(iv->regrettable));
	csv_next(ex, tristate_name(iv->rehire));
	csv_next(ex, tristate_name(iv->would_return));
	csv_next(ex, iv->return_conditions);
	int_text(iv->elapsed, buf);
	csv_next(ex, buf);
	iso_time(iv->created, t1);
	iso_time(iv->updated, t2);
	iso_time(iv->closed_at, t3);
	csv_next(ex, t1);
	csv_next(ex, t2);
	csv_next(ex, t3);
	csv_next(ex, iv->observations);
	strbuf acts = STRBUF_INIT;
	int done = 0;
	for (int i = 0; i < iv->nacts; i++) {
		const iv_action *a = &iv->acts[i];
		done += a->status == ACTION_DONE;
		sb_printf(&acts, "%s%s %s", i ? "\n" : "", a->status == ACTION_DONE ? "[x]" : "[ ]", a->text);
		strbuf d = STRBUF_INIT;
		if (a->owner[0] && !ex->pseudonymous)
			sb_printf(&d, "owner: %s", a->owner);
		if (a->due[0])
			sb_printf(&d, "%sdue: %s", d.len ? "; " : "", a->due);
		if (a->question >= 0)
			sb_printf(&d, "%squestion: %d", d.len ? "; " : "", a->question + 1);
		if (d.len)
			sb_printf(&acts, " (%s)", sb_str(&d));
		sb_free(&d);
	}
	csv_next(ex, sb_str(&acts));
	sb_free(&acts);
	int_text(iv->nacts - done, buf);
	csv_next(ex, buf);
	int_text(done, buf);
	csv_next(ex, buf);
	csv_next(ex, iv->actions);
	csv_next(ex, iv->preparation);
	const iv_question *lists[2] = { &iv->opening, &iv->closing };
	for (int k = 0; k < 2; k++) {
		int_text(checks_done(lists[k]), buf);
		csv_next(ex, buf);
		int_text(lists[k]->nfollowups, buf);
		csv_next(ex, buf);
	}
	for (int i = 0; i < ex->maxq; i++) {
		if (i >= iv->nquestions) {
			sb_puts(out, ",,,,,");
			continue;
		}
		const iv_question *q = &iv->q[i];
		csv_next(ex, q->title);
		if (q->rating > 0)
			int_text(q->rating, buf);
		else
			buf[0] = '\0';
		csv_next(ex, buf);
		csv_next(ex, q->skipped ? "yes" : "no");
		strbuf asked = STRBUF_INIT;
		for (int j = 0; j < q->nfollowups; j++)
			if (q->asked && q->asked[j])
				sb_printf(&asked, "%s%d", asked.len ? ";" : "", j + 1);
		csv_next(ex, sb_str(&asked));
		sb_free(&asked);
		csv_next(ex, q->notes);
	}
	sb_puts(out, "\r\n");
}

/* JSON building: "key": value lines at a given indentation. */
static void jkey(strbuf *out, const char *indent, bool *first, const char *key)
{
	sb_puts(out, *first ? "\n" : ",\n");
	*first = false;
	sb_puts(out, indent);
	json_string(out, key);
	sb_puts(out, ": ");
}

static void jstr(strbuf *out, const char *indent, bool *first, const char *key, const char *v)
{
	jkey(out, indent, first, key);
	json_string(out, v);
}

/* A string, or null when empty (dates, timestamps, unset keys). */
static void jstr_or_null(strbuf *out, const char *indent, bool *first, const char *key,
			 const char *v)
{
	jkey(out, indent, first, key);
	if (str_empty(v))
		sb_puts(out, "null");
	else
		json_string(out, v);
}

static void jint(strbuf *out, const char *indent, bool *first, const char *key, long long v)
{
	jkey(out, indent, first, key);
	add_int(out, v);
}

static void add_json(exporter *ex, const interview *iv)
{
	strbuf *out = ex->out;
	const char *in = "    ";
	bool first = true;
	char t[21];

	sb_puts(out, ex->count > 0 ? ",\n  {" : "\n  {");
	jint(out, in, &first, "id", iv->id);
	jstr(out, in, &first, "status", iv->closed ? "closed" : "open");
	if (!ex->pseudonymous)
		jstr(out, in, &first, "employee", iv->employee);
	jstr(out, in, &first, "role", iv->role);
	jstr(out, in, &first, "department", iv->department);
	if (!ex->pseudonymous) {
		jstr(out, in, &first, "manager", iv->manager);
		jstr(out, in, &first, "interviewer", iv->interviewer);
	}
	jstr_or_null(out, in, &first, "start_date", iv->start_date);
	jstr_or_null(out, in, &first, "last_day", iv->last_day);
	jstr_or_null(out, in, &first, "interview_date", iv->interview_date);
	jstr(out, in, &first, "template", iv->template_name);
	jstr(out, in, &first, "template_title", iv->template_title);
	jstr(out, in, &first, "language", iv->language);
	jstr_or_null(out, in, &first, "separation", separation_name(iv->separation));
	jstr_or_null(out, in, &first, "reason_primary", iv->reason_primary);
	jstr_or_null(out, in, &first, "reason_primary_label",
		     interview_category_label(iv, iv->reason_primary));
	jstr_or_null(out, in, &first, "reason_secondary", iv->reason_secondary);
	jstr_or_null(out, in, &first, "reason_secondary_label",
		     interview_category_label(iv, iv->reason_secondary));
	jstr_or_null(out, in, &first, "reason_assessed", iv->reason_assessed);
	jstr_or_null(out, in, &first, "reason_assessed_label",
		     interview_category_label(iv, iv->reason_assessed));
	jstr(out, in, &first, "regrettable", tristate_name(iv->regrettable));
	jstr(out, in, &first, "rehire", tristate_name(iv->rehire));
	jstr(out, in, &first, "would_return", tristate_name(iv->would_return));
	jstr(out, in, &first, "return_conditions", iv->return_conditions);
	jint(out, in, &first, "elapsed_seconds", iv->elapsed);
	iso_time(iv->created, t);
	jstr_or_null(out, in, &first, "created", t);
	iso_time(iv->updated, t);
	jstr_or_null(out, in, &first, "updated", t);
	iso_time(iv->closed_at, t);
	jstr_or_null(out, in, &first, "closed_at", t);
	jstr(out, in, &first, "observations", iv->observations);
	jkey(out, in, &first, "actions");
	sb_putc(out, '[');
	const char *ain = "        ";
	for (int i = 0; i < iv->nacts; i++) {
		const iv_action *a = &iv->acts[i];
		bool af = true;
		sb_puts(out, i > 0 ? ",\n      {" : "\n      {");
		jint(out, ain, &af, "number", a->id);
		jstr(out, ain, &af, "text", a->text);
		if (!ex->pseudonymous)
			jstr_or_null(out, ain, &af, "owner", a->owner);
		jstr_or_null(out, ain, &af, "due", a->due);
		jstr(out, ain, &af, "status", a->status == ACTION_DONE ? "done" : "open");
		jkey(out, ain, &af, "question");
		if (a->question >= 0)
			add_int(out, a->question + 1);
		else
			sb_puts(out, "null");
		sb_puts(out, "\n      }");
	}
	sb_puts(out, iv->nacts > 0 ? "\n    ]" : "]");
	jstr(out, in, &first, "action_notes", iv->actions);
	jstr(out, in, &first, "preparation", iv->preparation);
	static const char *const list_keys[2] = { "opening_checklist", "closing_checklist" };
	const iv_question *lists[2] = { &iv->opening, &iv->closing };
	for (int k = 0; k < 2; k++) {
		jkey(out, in, &first, list_keys[k]);
		sb_puts(out, "{\"done\": ");
		add_int(out, checks_done(lists[k]));
		sb_puts(out, ", \"items\": ");
		add_int(out, lists[k]->nfollowups);
		sb_putc(out, '}');
	}

	jkey(out, in, &first, "questions");
	sb_putc(out, '[');
	const char *qin = "        ";
	for (int i = 0; i < iv->nquestions; i++) {
		const iv_question *q = &iv->q[i];
		bool qf = true;
		sb_puts(out, i > 0 ? ",\n      {" : "\n      {");
		jint(out, qin, &qf, "number", i + 1);
		jstr(out, qin, &qf, "title", q->title);
		jstr(out, qin, &qf, "prompt", q->prompt);
		jkey(out, qin, &qf, "rating");
		if (q->rating > 0)
			add_int(out, q->rating);
		else
			sb_puts(out, "null");
		jkey(out, qin, &qf, "rating_label");
		if (q->rating > 0 && q->rating <= TPL_SCALE && iv->scale[q->rating - 1])
			json_string(out, iv->scale[q->rating - 1]);
		else
			sb_puts(out, "null");
		jkey(out, qin, &qf, "skipped");
		sb_puts(out, q->skipped ? "true" : "false");
		jkey(out, qin, &qf, "followups");
		sb_putc(out, '[');
		for (int j = 0; j < q->nfollowups; j++) {
			sb_puts(out, j > 0 ? ",\n          {\"text\": " : "\n          {\"text\": ");
			json_string(out, q->followups[j]);
			sb_puts(out, q->asked && q->asked[j] ? ", \"asked\": true}" : ", \"asked\": false}");
		}
		sb_puts(out, q->nfollowups > 0 ? "\n        ]" : "]");
		jstr(out, qin, &qf, "notes", q->notes);
		sb_puts(out, "\n      }");
	}
	sb_puts(out, iv->nquestions > 0 ? "\n    ]" : "]");
	sb_puts(out, "\n  }");
}

void export_add(exporter *ex, const interview *iv)
{
	if (ex->f == EXPORT_JSON)
		add_json(ex, iv);
	else
		add_csv(ex, iv);
	ex->count++;
}

void export_end(exporter *ex)
{
	if (!ex)
		return;
	if (ex->f == EXPORT_JSON)
		sb_puts(ex->out, ex->count > 0 ? "\n]\n" : "]\n");
	free(ex);
}
