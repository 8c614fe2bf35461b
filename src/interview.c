/* interview.c — one exit interview in memory: creation from a template,
 * question states, detail fields by name with validation. */
#include "exitview/interview.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exitview/date.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

/* A copy of s, "" for NULL: interview strings are never NULL. */
static char *dup0(const char *s)
{
	return xstrdup(s ? s : "");
}

interview *interview_blank(void)
{
	interview *iv = xcalloc(1, sizeof *iv);
	char **strs[] = {
		&iv->employee, &iv->role, &iv->department, &iv->manager, &iv->interviewer,
		&iv->start_date, &iv->last_day, &iv->interview_date,
		&iv->template_name, &iv->template_title, &iv->language,
		&iv->reason_primary, &iv->reason_secondary, &iv->reason_assessed,
		&iv->return_conditions, &iv->observations, &iv->actions,
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(strs); i++)
		*strs[i] = dup0(NULL);
	for (int i = 0; i < TPL_SCALE; i++)
		iv->scale[i] = dup0(NULL);
	iv->separation = SEP_UNSET;
	iv->regrettable = iv->rehire = iv->would_return = TRI_UNKNOWN;
	iv->cur_slot = 0;
	return iv;
}

interview *interview_new(const template *t)
{
	interview *iv = interview_blank();
	if (!t)
		return iv;
	str_set(&iv->template_name, t->name ? t->name : "");
	str_set(&iv->template_title, t->title ? t->title : "");
	str_set(&iv->language, t->language ? t->language : "");
	for (int i = 0; i < TPL_SCALE; i++)
		str_set(&iv->scale[i], t->scale[i] ? t->scale[i] : "");
	if (t->nquestions > 0) {
		iv->q = xcalloc((size_t)t->nquestions, sizeof *iv->q);
		iv->nquestions = t->nquestions;
		for (int i = 0; i < t->nquestions; i++) {
			const tpl_question *tq = &t->questions[i];
			iv_question *q = &iv->q[i];
			q->title = dup0(tq->title);
			q->prompt = dup0(tq->prompt);
			q->hint = dup0(tq->hint);
			q->private = t->question_private && t->question_private[i];
			q->notes = dup0(NULL);
			q->nfollowups = tq->nfollowups > 0 ? tq->nfollowups : 0;
			if (q->nfollowups > 0) {
				q->followups = xcalloc((size_t)q->nfollowups, sizeof *q->followups);
				q->asked = xcalloc((size_t)q->nfollowups, sizeof *q->asked);
				for (int j = 0; j < q->nfollowups; j++)
					q->followups[j] = dup0(tq->followups[j]);
			}
		}
	}
	if (t->ncategories > 0) {
		iv->categories = xcalloc((size_t)t->ncategories, sizeof *iv->categories);
		iv->ncategories = t->ncategories;
		for (int i = 0; i < t->ncategories; i++) {
			iv->categories[i].key = dup0(t->categories[i].key);
			iv->categories[i].label = dup0(t->categories[i].label);
		}
	}
	return iv;
}

void interview_free(interview *iv)
{
	if (!iv)
		return;
	char *strs[] = {
		iv->employee, iv->role, iv->department, iv->manager, iv->interviewer,
		iv->start_date, iv->last_day, iv->interview_date,
		iv->template_name, iv->template_title, iv->language,
		iv->reason_primary, iv->reason_secondary, iv->reason_assessed,
		iv->return_conditions, iv->observations, iv->actions,
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(strs); i++)
		free(strs[i]);
	for (int i = 0; i < TPL_SCALE; i++)
		free(iv->scale[i]);
	for (int i = 0; i < iv->nquestions; i++) {
		iv_question *q = &iv->q[i];
		free(q->title);
		free(q->prompt);
		free(q->hint);
		free(q->notes);
		template_free_strings(q->followups, q->nfollowups);
		free(q->asked);
	}
	free(iv->q);
	template_free_categories(iv->categories, iv->ncategories);
	free(iv);
}

enum qstate interview_qstate(const interview *iv, int i)
{
	if (!iv || i < 0 || i >= iv->nquestions)
		return Q_UNTOUCHED;
	const iv_question *q = &iv->q[i];
	if (q->skipped)
		return Q_SKIPPED;
	bool noted = str_has_text(q->notes);
	bool rated = q->rating > 0;
	if (noted && rated)
		return Q_ANSWERED;
	bool asked = false;
	for (int j = 0; j < q->nfollowups; j++)
		if (q->asked[j])
			asked = true;
	if (!noted && !rated && !asked)
		return Q_UNTOUCHED;
	return Q_IN_PROGRESS;
}

char **interview_slot_notes(interview *iv, int slot)
{
	if (!iv)
		return NULL;
	if (slot == IV_SLOT_OBSERVATIONS)
		return &iv->observations;
	if (slot == IV_SLOT_ACTIONS)
		return &iv->actions;
	if (slot >= 0 && slot < iv->nquestions)
		return &iv->q[slot].notes;
	return NULL;
}

const char *interview_category_label(const interview *iv, const char *key)
{
	if (!key || !*key)
		return "";
	for (int i = 0; iv && i < iv->ncategories; i++)
		if (strcmp(iv->categories[i].key, key) == 0)
			return iv->categories[i].label;
	return key;
}

bool interview_has_category(const interview *iv, const char *key)
{
	if (!key || !*key)
		return false;
	for (int i = 0; iv && i < iv->ncategories; i++)
		if (strcmp(iv->categories[i].key, key) == 0)
			return true;
	return false;
}

static const char *const sep_names[] = { "", "voluntary", "involuntary", "other" };

const char *separation_name(int sep)
{
	if (sep > SEP_UNSET && sep <= SEP_OTHER)
		return sep_names[sep];
	return "";
}

int separation_parse(const char *s)
{
	if (!s || !*s)
		return SEP_UNSET;
	for (int i = SEP_VOLUNTARY; i <= SEP_OTHER; i++)
		if (strcasecmp(s, sep_names[i]) == 0)
			return i;
	return -1;
}

const char *tristate_name(int t)
{
	switch (t) {
	case TRI_YES: return "yes";
	case TRI_NO: return "no";
	default: return "unknown";
	}
}

int tristate_parse(const char *s)
{
	if (!s || !*s || strcasecmp(s, "unknown") == 0)
		return TRI_UNKNOWN;
	if (strcasecmp(s, "yes") == 0 || strcasecmp(s, "y") == 0)
		return TRI_YES;
	if (strcasecmp(s, "no") == 0 || strcasecmp(s, "n") == 0)
		return TRI_NO;
	return -1;
}

const char *qstate_name(enum qstate s)
{
	switch (s) {
	case Q_IN_PROGRESS: return "in progress";
	case Q_ANSWERED: return "answered";
	case Q_SKIPPED: return "skipped";
	default: return "untouched";
	}
}

const char *const interview_field_names[] = {
	"employee", "role", "department", "manager", "interviewer",
	"start-date", "last-day", "interview-date", "separation",
	"reason", "reason2", "assessed", "regrettable", "rehire",
	"would-return", "conditions", NULL,
};

enum fkind { F_TEXT, F_LINE, F_DATE, F_SEP, F_CATEGORY, F_TRI };

/* Where a field lives and how it is checked. */
static int field_lookup(const interview *iv, const char *field, enum fkind *kind,
			char ***str, int **num)
{
	interview *m = (interview *)iv;   /* the getter never writes through it */
	*str = NULL;
	*num = NULL;
	*kind = F_LINE;
	if (!field)
		return -1;
	if (strcmp(field, "employee") == 0) *str = &m->employee;
	else if (strcmp(field, "role") == 0) *str = &m->role;
	else if (strcmp(field, "department") == 0) *str = &m->department;
	else if (strcmp(field, "manager") == 0) *str = &m->manager;
	else if (strcmp(field, "interviewer") == 0) *str = &m->interviewer;
	else if (strcmp(field, "start-date") == 0) { *str = &m->start_date; *kind = F_DATE; }
	else if (strcmp(field, "last-day") == 0) { *str = &m->last_day; *kind = F_DATE; }
	else if (strcmp(field, "interview-date") == 0) { *str = &m->interview_date; *kind = F_DATE; }
	else if (strcmp(field, "separation") == 0) { *num = &m->separation; *kind = F_SEP; }
	else if (strcmp(field, "reason") == 0) { *str = &m->reason_primary; *kind = F_CATEGORY; }
	else if (strcmp(field, "reason2") == 0) { *str = &m->reason_secondary; *kind = F_CATEGORY; }
	else if (strcmp(field, "assessed") == 0) { *str = &m->reason_assessed; *kind = F_CATEGORY; }
	else if (strcmp(field, "regrettable") == 0) { *num = &m->regrettable; *kind = F_TRI; }
	else if (strcmp(field, "rehire") == 0) { *num = &m->rehire; *kind = F_TRI; }
	else if (strcmp(field, "would-return") == 0) { *num = &m->would_return; *kind = F_TRI; }
	else if (strcmp(field, "conditions") == 0) { *str = &m->return_conditions; *kind = F_TEXT; }
	else return -1;
	return 0;
}

static int check_text(const char *field, const char *value, bool multiline);

static int unknown_field(const char *field)
{
	if (!field || check_text("field", field, false) != 0)
		field = "";   /* never echo control characters */
	strbuf sb = STRBUF_INIT;
	for (int i = 0; interview_field_names[i]; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", interview_field_names[i]);
	ev_seterr("unknown field '%s': use one of %s", field ? field : "", sb_str(&sb));
	sb_free(&sb);
	return -1;
}

/* The text rule for fields (utf8.h): one-line fields hold TEXT only,
 * multi-line ones also newlines and tabs; anything else is refused, naming
 * what was found (never echoing it). */
static int check_text(const char *field, const char *value, bool multiline)
{
	unsigned allow = multiline ? UTF8_BIT(UTF8_NEWLINE) | UTF8_BIT(UTF8_TAB) : 0;
	size_t len = strlen(value), bad = 0;
	enum utf8_class c = utf8_check(value, len, allow, &bad);
	if (c == UTF8_TEXT)
		return 0;
	if (c == UTF8_INVALID)
		return ev_seterr("%s is not valid UTF-8 text", field);
	if (!multiline && (c == UTF8_NEWLINE || c == UTF8_LINESEP))
		return ev_seterr("%s must be one line", field);
	uint32_t cp;
	utf8_decode(value + bad, len - bad, &cp);
	return ev_seterr("%s must not contain %s (U+%04X)", field, utf8_class_name(c),
			 (unsigned)cp);
}

/* The most characters a field of this kind holds (0: not free text). */
static int kind_max(enum fkind kind)
{
	switch (kind) {
	case F_LINE: return IV_MAX_LINE;
	case F_TEXT: return IV_MAX_TEXT;
	case F_DATE: return 10;
	default: return 0;
	}
}

int interview_field_max(const char *field)
{
	enum fkind kind;
	char **str;
	int *num;
	interview *blank = interview_blank();
	int max = field && field_lookup(blank, field, &kind, &str, &num) == 0 ? kind_max(kind) : 0;
	interview_free(blank);
	return max;
}

int interview_set_field(interview *iv, const char *field, const char *value)
{
	enum fkind kind;
	char **str;
	int *num;
	if (!iv || field_lookup(iv, field, &kind, &str, &num) != 0)
		return unknown_field(field);
	if (!value)
		value = "";
	switch (kind) {
	case F_TEXT:
	case F_LINE:
		if (check_text(field, value, kind == F_TEXT) != 0)
			return -1;
		if (utf8_length(value, strlen(value)) > (size_t)kind_max(kind))
			return ev_seterr("%s is longer than %d characters", field, kind_max(kind));
		str_set(str, value);
		return 0;
	case F_DATE:
		if (*value && !date_valid(value)) {
			if (check_text(field, value, false) != 0)
				return ev_seterr("bad date for %s: use YYYY-MM-DD", field);
			return ev_seterr("bad date '%s' for %s: use YYYY-MM-DD", value, field);
		}
		str_set(str, value);
		return 0;
	case F_SEP: {
		int s = separation_parse(value);
		if (s < 0) {
			if (check_text(field, value, false) != 0)
				return ev_seterr("bad separation: use voluntary, involuntary or other");
			return ev_seterr("bad separation '%s': use voluntary, involuntary or other",
					 value);
		}
		*num = s;
		return 0;
	}
	case F_CATEGORY:
		if (*value && !interview_has_category(iv, value)) {
			bool printable = check_text(field, value, false) == 0;
			if (iv->ncategories == 0)
				return ev_seterr("unknown category%s%s%s for %s: this interview's template has no categories",
						 printable ? " '" : "", printable ? value : "",
						 printable ? "'" : "", field);
			strbuf sb = STRBUF_INIT;
			for (int i = 0; i < iv->ncategories; i++)
				sb_printf(&sb, "%s%s", i ? ", " : "", iv->categories[i].key);
			ev_seterr("unknown category%s%s%s for %s: use one of %s",
				  printable ? " '" : "", printable ? value : "",
				  printable ? "'" : "", field, sb_str(&sb));
			sb_free(&sb);
			return -1;
		}
		str_set(str, value);
		return 0;
	case F_TRI: {
		int t = tristate_parse(value);
		if (t < 0) {
			if (check_text(field, value, false) != 0)
				return ev_seterr("bad value for %s: use yes, no or unknown", field);
			return ev_seterr("bad value '%s' for %s: use yes, no or unknown", value, field);
		}
		*num = t;
		return 0;
	}
	}
	return unknown_field(field);
}

char *interview_get_field(const interview *iv, const char *field)
{
	enum fkind kind;
	char **str;
	int *num;
	if (!iv || field_lookup(iv, field, &kind, &str, &num) != 0) {
		unknown_field(field);
		return NULL;
	}
	switch (kind) {
	case F_SEP:
		return xstrdup(separation_name(*num));
	case F_TRI:
		return xstrdup(tristate_name(*num));
	default:
		return xstrdup(*str ? *str : "");
	}
}
