/* report.c — the plain-text report of an interview, and text wrapping.
 *
 * Everything written goes through clean_append(), the text rule of utf8.h
 * for one line, so the report is always valid UTF-8 and holds no control
 * character but newline: tabs and line separators become spaces; other
 * C0/C1 controls (ESC of a terminal escape sequence, CR, DEL ...), the
 * bidirectional controls (which could reorder what a reader sees) and BOMs
 * are dropped; an invalid byte becomes U+FFFD.
 * The rest of an escape sequence ("[31m") stays as ordinary visible text.
 *
 * The report depends on nothing but the interview (no "printed at" time), so
 * rendering a stored interview again gives the same bytes.  Timestamps are
 * shown in local time (date_format_time).
 */
#include "exitview/report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/date.h"
#include "exitview/i18n.h"
#include "exitview/utf8.h"

/* The label column of the header: the widest label of the report's
 * language and a space ("Eligible for rehire: " in English), 21 at least;
 * set by render(). */
#define LABEL_MIN 21
#define LABEL_MAX 40
static size_t label_cols = LABEL_MIN;

/* Every label of the header, for the width of its column. */
static const char *const header_labels[] = {
	N_("Interview"), N_("Employee"), N_("Role"), N_("Department"), N_("Manager"),
	N_("Interviewer"), N_("Start date"), N_("Last working day"), N_("Interview date"),
	N_("Template"), N_("Separation"), N_("Stated reason"), N_("Second reason"),
	N_("Assessed reason"), N_("Regrettable loss"), N_("Eligible for rehire"),
	N_("Would return"), N_("Conditions"), N_("Interview time"), N_("Status"),
};

static void set_label_cols(void)
{
	label_cols = LABEL_MIN;
	for (size_t i = 0; i < EV_ARRAY_LEN(header_labels); i++) {
		const char *l = _(header_labels[i]);
		size_t w = utf8_width(l, strlen(l)) + 2;   /* ':' and a space */
		if (w > label_cols)
			label_cols = w < LABEL_MAX ? w : LABEL_MAX;
	}
}
/* Indentation of a question's body, and of its notes / follow-ups. */
#define Q_INDENT "    "
#define Q_INDENT2 "      "

/* Append s[0..n) made safe by the text rule (utf8.h, UTF8_ONELINE): tabs
 * and newlines -> space (callers split lines before), controls, bidi
 * controls and BOMs dropped, invalid bytes -> U+FFFD. */
static void clean_append(strbuf *out, const char *s, size_t n)
{
	utf8_clean(out, s, n, UTF8_ONELINE);
}

/* Append line (prefix + text) without trailing spaces, then a newline. */
static void emit_line(strbuf *out, const char *prefix, const char *text, size_t n)
{
	size_t start = out->len;
	sb_puts(out, prefix);
	sb_add(out, text, n);
	while (out->len > start && out->s[out->len - 1] == ' ')
		out->len--;
	sb_putc(out, '\n');
}

static int avail_cols(int width, const char *prefix)
{
	int a = width - (int)utf8_width(prefix, strlen(prefix));
	return a < 2 ? 2 : a;
}

/* One paragraph (no newline in p): words separated by spaces, filled
 * greedily; the first line gets *prefix, the following ones rest, and
 * *prefix is set to rest once a line is out. */
static void wrap_para(strbuf *out, const char *p, size_t n, int width,
		      const char **prefix, const char *rest)
{
	strbuf clean = STRBUF_INIT, line = STRBUF_INIT;
	clean_append(&clean, p, n);
	const char *s = sb_str(&clean);
	size_t len = clean.len, i = 0;
	size_t linew = 0;
	bool any = false;

	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		if (i >= len)
			break;
		size_t j = i;
		while (j < len && s[j] != ' ')
			j++;
		const char *w = s + i;
		size_t wlen = j - i, ww = utf8_width(w, wlen);
		size_t avail = (size_t)avail_cols(width, *prefix);
		if (line.len > 0 && linew + 1 + ww <= avail) {
			sb_putc(&line, ' ');
			sb_add(&line, w, wlen);
			linew += 1 + ww;
		} else {
			if (line.len > 0) {
				emit_line(out, *prefix, line.s, line.len);
				*prefix = rest;
				sb_clear(&line);
				avail = (size_t)avail_cols(width, *prefix);
			}
			/* a word wider than the line is broken at character boundaries */
			while (ww > avail) {
				size_t fit = utf8_fit(w, wlen, avail);
				if (fit == 0)
					fit = utf8_next(w, wlen, 0);
				emit_line(out, *prefix, w, fit);
				*prefix = rest;
				avail = (size_t)avail_cols(width, *prefix);
				w += fit;
				wlen -= fit;
				ww = utf8_width(w, wlen);
			}
			sb_add(&line, w, wlen);
			linew = ww;
		}
		any = true;
		i = j;
	}
	if (line.len > 0 || !any) {
		emit_line(out, *prefix, sb_str(&line), line.len);
		*prefix = rest;
	}
	sb_free(&line);
	sb_free(&clean);
}

/* Wrap text: first line prefixed with first, the others with rest. */
static void wrap_hanging(strbuf *out, const char *text, int width, const char *first,
			 const char *rest)
{
	const char *prefix = first;
	const char *p = text ? text : "";
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		wrap_para(out, p, n, width, &prefix, rest);
		if (!nl)
			break;
		p = nl + 1;
	}
}

void wrap_text(strbuf *out, const char *text, int width, const char *indent)
{
	wrap_hanging(out, text, width, indent ? indent : "", indent ? indent : "");
}

/* s without leading and trailing blank lines (malloc'd). */
static char *trim_blank_lines(const char *s)
{
	const char *b = s, *e = s + strlen(s);
	for (const char *p = s; p < e; p++) {
		if (*p == '\n')
			b = p + 1;
		else if (*p != ' ' && *p != '\t' && *p != '\r')
			break;
	}
	while (e > b && (e[-1] == '\n' || e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return xstrndup(b, (size_t)(e - b));
}

/* "Label:" padded to LABEL_COLS, then value wrapped under it. */
static void field(strbuf *out, const char *label, const char *value)
{
	char first[160], rest[LABEL_MAX + 1];
	snprintf(first, sizeof first, "%s:", _(label));
	size_t n = strlen(first);
	for (size_t w = utf8_width(first, n); w < label_cols && n + 1 < sizeof first; w++)
		first[n++] = ' ';
	first[n] = '\0';
	memset(rest, ' ', label_cols);
	rest[label_cols] = '\0';
	wrap_hanging(out, str_has_text(value) ? value : "\xe2\x80\x94", REPORT_WIDTH, first, rest);
}

/* The language of an interview's report: its template's (an English
 * one when exitview speaks no other). */
static const char *report_language(const interview *iv)
{
	return iv->language && i18n_speaks(iv->language) ? iv->language : "en";
}

/* x with two decimals, written as the report's language writes them:
 * "3.50" in English, "3,50" in Swedish.  Exports keep '.' always. */
static void report_decimal(char *buf, size_t n, double x)
{
	snprintf(buf, n, "%.2f", x);
	if (strcmp(i18n_language(), "sv") == 0)
		for (char *p = buf; *p; p++)
			if (*p == '.')
				*p = ',';
}

/* indent, s and a newline. */
static void line(strbuf *out, const char *indent, const char *s)
{
	sb_puts(out, indent);
	sb_puts(out, s);
	sb_putc(out, '\n');
}

static void heading(strbuf *out, const char *title, char under)
{
	sb_putc(out, '\n');
	sb_puts(out, title);
	sb_putc(out, '\n');
	sb_pad(out, under, utf8_width(title, strlen(title)));
	sb_puts(out, "\n\n");
}

static const char *tri_label(int t)
{
	return t == TRI_YES ? _("Yes") : t == TRI_NO ? _("No") : _("Unknown");
}

static const char *sep_label(int s)
{
	switch (s) {
	case SEP_VOLUNTARY: return _("Voluntary");
	case SEP_INVOLUNTARY: return _("Involuntary");
	case SEP_OTHER: return _("Other");
	default: return "";
	}
}

static const char *scale_label(const interview *iv, int rating)
{
	if (rating < 1 || rating > TPL_SCALE || !iv->scale[rating - 1])
		return "";
	return iv->scale[rating - 1];
}

/* "4/5 — Good", or "4/5" when the scale has no label. */
static char *rating_text(const interview *iv, int rating)
{
	const char *l = scale_label(iv, rating);
	if (*l)
		return xasprintf("%d/%d \xe2\x80\x94 %s", rating, TPL_SCALE, l);
	return xasprintf("%d/%d", rating, TPL_SCALE);
}

static int count_private(const interview *iv)
{
	int n = 0;
	for (int i = 0; i < iv->nquestions; i++)
		n += iv->q[i].private;
	return n;
}

/* The title; the manager's version says under it what it leaves out. */
static void render_title(strbuf *out, const interview *iv, bool for_manager)
{
	const char *title = for_manager ? _("Exit interview report for the manager")
					: _("Exit interview report");
	sb_puts(out, title);
	sb_putc(out, '\n');
	sb_pad(out, '=', utf8_width(title, strlen(title)));
	sb_puts(out, "\n\n");
	if (!for_manager)
		return;
	int np = count_private(iv);
	char *priv = np == 0 ? xstrdup("")
		: xasprintf(ngettext(" and the answers to %d question the template marks private",
				     " and the answers to %d questions the template marks private",
				     (unsigned long)np), np);
	/* TRANSLATORS: %s is empty or " and the answers to N questions ..." */
	char *what = xasprintf(_("The manager's version: it leaves out the interviewer's "
				 "observations and assessment (assessed reason, regrettable "
				 "loss, eligible for rehire)%s."), priv);
	free(priv);
	wrap_text(out, what, REPORT_WIDTH, "");
	free(what);
	sb_putc(out, '\n');
}

static void render_header(strbuf *out, const interview *iv, bool for_manager)
{
	char buf[64];
	render_title(out, iv, for_manager);

	snprintf(buf, sizeof buf, "%lld", (long long)iv->id);
	field(out, "Interview", iv->id > 0 ? buf : "");
	field(out, "Employee", iv->employee);
	field(out, "Role", iv->role);
	field(out, "Department", iv->department);
	field(out, "Manager", iv->manager);
	field(out, "Interviewer", iv->interviewer);
	sb_putc(out, '\n');
	field(out, "Start date", iv->start_date);
	field(out, "Last working day", iv->last_day);
	field(out, "Interview date", iv->interview_date);
	sb_putc(out, '\n');

	char *tpl;
	if (str_has_text(iv->template_title) && str_has_text(iv->template_name))
		tpl = xasprintf("%s (%s)", iv->template_title, iv->template_name);
	else
		tpl = xstrdup(str_has_text(iv->template_title) ? iv->template_title : iv->template_name);
	field(out, "Template", tpl);
	free(tpl);
	field(out, "Separation", sep_label(iv->separation));
	field(out, "Stated reason", interview_category_label(iv, iv->reason_primary));
	field(out, "Second reason", interview_category_label(iv, iv->reason_secondary));
	if (!for_manager)
		field(out, "Assessed reason", interview_category_label(iv, iv->reason_assessed));
	sb_putc(out, '\n');
	if (!for_manager) {
		field(out, "Regrettable loss", tri_label(iv->regrettable));
		field(out, "Eligible for rehire", tri_label(iv->rehire));
	}
	field(out, "Would return", tri_label(iv->would_return));
	if (str_has_text(iv->return_conditions)) {
		char *c = trim_blank_lines(iv->return_conditions);
		field(out, "Conditions", c);
		free(c);
	}
	sb_putc(out, '\n');

	char dur[32];
	date_format_duration(iv->elapsed, dur);
	field(out, "Interview time", dur);
	char when[17];
	char *status;
	if (iv->closed) {
		if (iv->closed_at > 0) {
			date_format_time(iv->closed_at, when);
			status = xasprintf(_("Closed at %s"), when);
		} else {
			status = xstrdup(_("Closed"));
		}
	} else if (iv->reopened_at > 0) {
		date_format_time(iv->reopened_at, when);
		status = xasprintf(_("Open (reopened at %s)"), when);
	} else {
		status = xstrdup(_("Open"));
	}
	field(out, "Status", status);
	free(status);
}

/* Notes under a question or section, or "(no notes)". */
static void render_notes(strbuf *out, const char *notes, const char *indent)
{
	if (!str_has_text(notes)) {
		sb_puts(out, indent);
		sb_puts(out, _("(no notes)"));
		sb_putc(out, '\n');
		return;
	}
	char *t = trim_blank_lines(notes);
	wrap_text(out, t, REPORT_WIDTH, indent);
	free(t);
}

/* A part's follow-ups (or checklist items) as [x]/[ ] lines, {reason}
 * filled in. */
static void render_checks(strbuf *out, const interview *iv, const iv_question *q,
			  const char *indent)
{
	char box[2][32];
	char rest[32];
	snprintf(box[0], sizeof box[0], "%s[ ] ", indent);
	snprintf(box[1], sizeof box[1], "%s[x] ", indent);
	snprintf(rest, sizeof rest, "%s    ", indent);
	for (int j = 0; j < q->nfollowups; j++) {
		char *t = interview_expand(iv, q->followups[j]);
		wrap_hanging(out, t, REPORT_WIDTH, box[q->asked && q->asked[j]], rest);
		free(t);
	}
}

static void render_question(strbuf *out, const interview *iv, int i, bool for_manager)
{
	const iv_question *q = &iv->q[i];
	char num[16];
	snprintf(num, sizeof num, "%d. ", i + 1);
	char first[16];
	snprintf(first, sizeof first, "%-4s", num);
	wrap_hanging(out, str_has_text(q->title) ? q->title : _("(untitled)"), REPORT_WIDTH, first,
		     Q_INDENT);
	if (str_has_text(q->prompt) && strcmp(q->prompt, q->title) != 0) {
		char *e = interview_expand(iv, q->prompt);
		char *p = trim_blank_lines(e);
		wrap_text(out, p, REPORT_WIDTH, Q_INDENT);
		free(p);
		free(e);
	}
	sb_putc(out, '\n');

	if (for_manager && q->private) {
		line(out, Q_INDENT, _("Private: its answer is not in the manager's version."));
		return;
	}
	if (q->skipped) {
		line(out, Q_INDENT, _("Skipped."));
		if (str_has_text(q->notes)) {
			line(out, Q_INDENT, _("Notes:"));
			render_notes(out, q->notes, Q_INDENT2);
		}
		return;
	}
	if (q->no_rating) {
		/* a question the template rates not at all: no "Rating:" line */
	} else if (q->rating > 0) {
		char *r = rating_text(iv, q->rating);
		char lead[96], under[96];
		snprintf(lead, sizeof lead, Q_INDENT "%s ", _("Rating:"));
		size_t w = utf8_width(lead, strlen(lead));
		if (w >= sizeof under)
			w = sizeof under - 1;
		memset(under, ' ', w);
		under[w] = '\0';
		wrap_hanging(out, r, REPORT_WIDTH, lead, under);
		free(r);
	} else {
		line(out, Q_INDENT, _("Rating: not rated"));
	}
	if (q->nfollowups > 0) {
		line(out, Q_INDENT, _("Follow-ups:"));
		render_checks(out, iv, q, Q_INDENT2);
	}
	line(out, Q_INDENT, _("Notes:"));
	render_notes(out, q->notes, Q_INDENT2);
}

/* A checklist section: the opening's or closing's items, [x] when done,
 * and its notes (nothing when the interview has none). */
static void render_checklist(strbuf *out, const interview *iv, const iv_question *c)
{
	if (c->nfollowups == 0)
		return;
	heading(out, c->title, '-');
	render_checks(out, iv, c, "  ");
	line(out, "  ", _("Notes:"));
	render_notes(out, c->notes, Q_INDENT);
}

/* Append s cleaned and cut to at most cols columns ("…" marks a cut),
 * then spaces up to cols. */
static void cell(strbuf *out, const char *s, size_t cols, bool pad)
{
	strbuf c = STRBUF_INIT;
	clean_append(&c, s, strlen(s));
	size_t w = utf8_width(sb_str(&c), c.len);
	if (w > cols) {
		size_t fit = utf8_fit(sb_str(&c), c.len, cols - 1);
		sb_add(out, c.s, fit);
		sb_puts(out, "\xe2\x80\xa6");
		w = utf8_width(c.s, fit) + 1;
	} else {
		sb_add(out, sb_str(&c), c.len);
	}
	if (pad && w < cols)
		sb_pad(out, ' ', cols - w);
	sb_free(&c);
}

static size_t clean_width(const char *s)
{
	strbuf c = STRBUF_INIT;
	clean_append(&c, s, strlen(s));
	size_t w = utf8_width(sb_str(&c), c.len);
	sb_free(&c);
	return w;
}

/* The average of the ratings shown. */
static void render_average(strbuf *out, int sum, int nrated, int nshown)
{
	if (nrated > 0) {
		char avg[32];
		report_decimal(avg, sizeof avg, (double)sum / nrated);
		sb_puts(out, "  ");
		/* TRANSLATORS: the average (e.g. 3.50), questions rated, questions */
		sb_printf(out, ngettext("Average rating: %s (%d of %d question rated)",
					"Average rating: %s (%d of %d questions rated)",
					(unsigned long)nshown), avg, nrated, nshown);
		sb_putc(out, '\n');
	} else {
		line(out, "  ", _("Average rating: \xe2\x80\x94 (no ratings)"));
	}
}

static void render_scorecard(strbuf *out, const interview *iv, bool for_manager)
{
	if (iv->nquestions == 0) {
		line(out, "  ", _("(no questions)"));
		return;
	}
	char **rt = xcalloc((size_t)iv->nquestions, sizeof *rt);
	size_t numw = 1, titlew = clean_width(_("Question")), ratew = clean_width(_("Rating"));
	char num[16];
	int sum = 0, nrated = 0, nshown = 0;
	for (int i = 0; i < iv->nquestions; i++) {
		const iv_question *q = &iv->q[i];
		nshown += !(for_manager && q->private) && !q->no_rating;
		if (for_manager && q->private)
			rt[i] = xstrdup(_("private"));
		else if (q->no_rating)
			rt[i] = xstrdup(_("(no rating)"));
		else if (q->skipped)
			rt[i] = xstrdup(_("skipped"));
		else if (q->rating > 0) {
			rt[i] = rating_text(iv, q->rating);
			sum += q->rating;
			nrated++;
		} else
			rt[i] = xstrdup("\xe2\x80\x94");
		size_t n = (size_t)snprintf(num, sizeof num, "%d", i + 1);
		if (n > numw)
			numw = n;
		size_t w = clean_width(q->title);
		if (w > titlew)
			titlew = w;
		w = clean_width(rt[i]);
		if (w > ratew)
			ratew = w;
	}
	/* "  " num "  " title "  " rating <= REPORT_WIDTH; the rating keeps up
	 * to 24 columns, the title gets the rest. */
	if (ratew > 24)
		ratew = 24;
	size_t room = REPORT_WIDTH - 2 - numw - 2 - 2 - ratew;
	if (titlew > room)
		titlew = room;

	sb_puts(out, "  ");
	sb_pad(out, ' ', numw - 1);
	sb_puts(out, "#  ");
	cell(out, _("Question"), titlew, true);
	sb_puts(out, "  ");
	cell(out, _("Rating"), ratew, false);
	sb_putc(out, '\n');
	sb_puts(out, "  ");
	sb_pad(out, '-', numw + 2 + titlew + 2 + ratew);
	sb_putc(out, '\n');
	for (int i = 0; i < iv->nquestions; i++) {
		snprintf(num, sizeof num, "%*d", (int)numw, i + 1);
		sb_puts(out, "  ");
		sb_puts(out, num);
		sb_puts(out, "  ");
		cell(out, iv->q[i].title, titlew, true);
		sb_puts(out, "  ");
		cell(out, rt[i], ratew, false);
		sb_putc(out, '\n');
		free(rt[i]);
	}
	free(rt);
	sb_putc(out, '\n');
	render_average(out, sum, nrated, nshown);
}

/* The action items as [x]/[ ] lines (done / open), each with its owner,
 * due date and question under it, then the notes about them.  The
 * manager's version keeps them, owners included (the manager is to know
 * who does what), but not those from a private question, whose text may
 * tell its answer: how many were left out is said.  An anonymised
 * interview's actions have no text. */
static void render_actions(strbuf *out, const interview *iv, bool for_manager)
{
	int hidden = 0, shown = 0;
	for (int i = 0; i < iv->nacts; i++) {
		const iv_action *a = &iv->acts[i];
		const iv_question *q = a->question >= 0 && a->question < iv->nquestions
			? &iv->q[a->question] : NULL;
		if (for_manager && q && q->private) {
			hidden++;
			continue;
		}
		shown++;
		wrap_hanging(out, a->text[0] ? a->text : _("(text removed)"), REPORT_WIDTH,
			     a->status == ACTION_DONE ? "  [x] " : "  [ ] ", "      ");
		strbuf d = STRBUF_INIT;
		if (a->owner[0])
			sb_printf(&d, _("Owner: %s"), a->owner);
		if (a->due[0]) {
			sb_puts(&d, d.len ? "; " : "");
			sb_printf(&d, _("Due: %s"), a->due);
		}
		if (q) {
			sb_puts(&d, d.len ? "; " : "");
			sb_printf(&d, _("From question %d, %s"), a->question + 1,
				  str_has_text(q->title) ? q->title : _("(untitled)"));
		}
		if (d.len)
			wrap_hanging(out, sb_str(&d), REPORT_WIDTH, "      ", "      ");
		sb_free(&d);
	}
	if (hidden) {
		char *say = xasprintf(ngettext("%d action item from private questions is not in "
					       "the manager's version.",
					       "%d action items from private questions are not in "
					       "the manager's version.", (unsigned long)hidden),
				      hidden);
		wrap_hanging(out, say, REPORT_WIDTH, "  ", "  ");
		free(say);
	}
	if (shown == 0 && hidden == 0 && !str_has_text(iv->actions)) {
		line(out, "  ", _("(none)"));
		return;
	}
	if (str_has_text(iv->actions)) {
		if (shown || hidden)
			sb_putc(out, '\n');
		render_notes(out, iv->actions, "  ");
	}
}

/* The report in its interview's language, whoever renders it. */
static char *render(const interview *iv, bool for_manager)
{
	strbuf out = STRBUF_INIT;
	i18n_begin(report_language(iv));
	set_label_cols();
	render_header(&out, iv, for_manager);

	if (!for_manager && str_has_text(iv->preparation)) {
		heading(&out, _("Preparation"), '-');
		render_notes(&out, iv->preparation, "  ");
	}
	render_checklist(&out, iv, &iv->opening);

	heading(&out, _("Questions"), '-');
	for (int i = 0; i < iv->nquestions; i++) {
		if (i > 0)
			sb_putc(&out, '\n');
		render_question(&out, iv, i, for_manager);
	}
	if (iv->nquestions == 0)
		line(&out, "  ", _("(no questions)"));
	render_checklist(&out, iv, &iv->closing);

	if (!for_manager) {
		heading(&out, _("Observations (non-verbal)"), '-');
		render_notes(&out, iv->observations, "  ");
	}

	heading(&out, _("Action items"), '-');
	render_actions(&out, iv, for_manager);

	heading(&out, _("Scorecard"), '-');
	render_scorecard(&out, iv, for_manager);
	i18n_end();
	return sb_detach(&out);
}

char *report_render(const interview *iv)
{
	return render(iv, false);
}

char *report_render_for_manager(const interview *iv)
{
	return render(iv, true);
}

/* Fold a Latin letter with a diacritic to ASCII; NULL if not one. */
static const char *fold_latin(uint32_t cp)
{
	static const struct { uint32_t lo, hi; const char *s; } map[] = {
		{ 0xC0, 0xC5, "A" }, { 0xC6, 0xC6, "AE" }, { 0xC7, 0xC7, "C" },
		{ 0xC8, 0xCB, "E" }, { 0xCC, 0xCF, "I" }, { 0xD0, 0xD0, "D" },
		{ 0xD1, 0xD1, "N" }, { 0xD2, 0xD6, "O" }, { 0xD8, 0xD8, "O" },
		{ 0xD9, 0xDC, "U" }, { 0xDD, 0xDD, "Y" }, { 0xDF, 0xDF, "ss" },
		{ 0xE0, 0xE5, "a" }, { 0xE6, 0xE6, "ae" }, { 0xE7, 0xE7, "c" },
		{ 0xE8, 0xEB, "e" }, { 0xEC, 0xEF, "i" }, { 0xF0, 0xF0, "d" },
		{ 0xF1, 0xF1, "n" }, { 0xF2, 0xF6, "o" }, { 0xF8, 0xF8, "o" },
		{ 0xF9, 0xFC, "u" }, { 0xFD, 0xFD, "y" }, { 0xFF, 0xFF, "y" },
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(map); i++)
		if (cp >= map[i].lo && cp <= map[i].hi)
			return map[i].s;
	return NULL;
}

/* "exitview-<id>-<slug><suffix>.txt" (no "-<slug>" when nothing is left). */
static char *file_name(const interview *iv, const char *suffix)
{
	strbuf slug = STRBUF_INIT;
	const char *s = iv->employee ? iv->employee : "";
	size_t n = strlen(s), i = 0;
	bool dash = false;
	while (i < n && slug.len < 60) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		const char *f = NULL;
		char one[2] = { 0, 0 };
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || cp == '_' || (cp == '.' && slug.len > 0)) {
			one[0] = (char)cp;
			f = one;
		} else {
			f = fold_latin(cp);
		}
		if (f) {
			if (dash && slug.len > 0)
				sb_putc(&slug, '-');
			dash = false;
			sb_puts(&slug, f);
		} else if (cp != 0x0300 && !(cp >= 0x0301 && cp <= 0x036F)) {
			dash = true;   /* anything else separates; combining marks vanish */
		}
		i += k;
	}
	/* no trailing dots (".." or a name ending in ".") */
	while (slug.len > 0 && slug.s[slug.len - 1] == '.')
		slug.len--;
	char *name;
	if (slug.len > 0) {
		slug.s[slug.len] = '\0';
		name = xasprintf("exitview-%lld-%s%s.txt", (long long)iv->id, slug.s, suffix);
	} else {
		name = xasprintf("exitview-%lld%s.txt", (long long)iv->id, suffix);
	}
	sb_free(&slug);
	return name;
}

char *report_file_name(const interview *iv)
{
	return file_name(iv, "");
}

char *report_manager_file_name(const interview *iv)
{
	return file_name(iv, "-manager");
}
