/* interview.c — one exit interview in memory: creation from a template,
 * question states, detail fields by name with validation. */
#include "exitview/interview.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exitview/date.h"
#include "exitview/i18n.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

/* A copy of s, "" for NULL: interview strings are never NULL. */
static char *dup0(const char *s)
{
	return xstrdup(s ? s : "");
}

/* A checklist part with no items yet. */
static void checklist_blank(iv_question *c, const char *title)
{
	memset(c, 0, sizeof *c);
	c->title = dup0(title);
	c->prompt = dup0(NULL);
	c->hint = dup0(NULL);
	c->notes = dup0(NULL);
	c->no_rating = true;
}

/* A checklist part copied from the template's. */
static void checklist_copy(iv_question *c, const tpl_checklist *from)
{
	if (from->nitems <= 0)
		return;
	str_set(&c->title, from->title ? from->title : "");
	c->nfollowups = from->nitems;
	c->followups = xcalloc((size_t)c->nfollowups, sizeof *c->followups);
	c->asked = xcalloc((size_t)c->nfollowups, sizeof *c->asked);
	for (int j = 0; j < c->nfollowups; j++)
		c->followups[j] = dup0(from->items[j]);
}

static void part_free(iv_question *q)
{
	free(q->title);
	free(q->prompt);
	free(q->hint);
	free(q->notes);
	template_free_strings(q->followups, q->nfollowups);
	free(q->asked);
}

interview *interview_blank(void)
{
	interview *iv = xcalloc(1, sizeof *iv);
	/* the string columns (IV_COLUMNS: every scale[i] among them) and the
	 * notes */
	char **strs[] = {
#define STR_MEMBER_(col, member, type, field, check) IV_IF_STR(type, &iv->member,)
		IV_COLUMNS(STR_MEMBER_)
#undef STR_MEMBER_
		&iv->observations, &iv->actions, &iv->preparation,
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(strs); i++)
		*strs[i] = dup0(NULL);
	checklist_blank(&iv->opening, "Opening");
	checklist_blank(&iv->closing, "Closing");
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
			q->no_rating = t->question_norating && t->question_norating[i];
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
	checklist_copy(&iv->opening, &t->opening);
	checklist_copy(&iv->closing, &t->closing);
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
#define STR_VALUE_(col, member, type, field, check) IV_IF_STR(type, iv->member,)
		IV_COLUMNS(STR_VALUE_)
#undef STR_VALUE_
		iv->observations, iv->actions, iv->preparation,
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(strs); i++)
		free(strs[i]);
	for (int i = 0; i < iv->nquestions; i++)
		part_free(&iv->q[i]);
	part_free(&iv->opening);
	part_free(&iv->closing);
	free(iv->q);
	actions_free(iv->acts, iv->nacts);
	template_free_categories(iv->categories, iv->ncategories);
	free(iv);
}

bool interview_answered(bool skipped, bool noted, int rating, bool no_rating)
{
	return !skipped && noted && (rating > 0 || no_rating);   /* rating = no: notes answer it */
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
	if (interview_answered(q->skipped, noted, q->rating, q->no_rating))
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
	if (slot == IV_SLOT_PREPARATION)
		return &iv->preparation;
	iv_question *q = interview_part(iv, slot);
	return q ? &q->notes : NULL;
}

iv_question *interview_part(interview *iv, int slot)
{
	if (!iv)
		return NULL;
	if (slot == IV_SLOT_OPENING)
		return &iv->opening;
	if (slot == IV_SLOT_CLOSING)
		return &iv->closing;
	if (slot >= 0 && slot < iv->nquestions)
		return &iv->q[slot];
	return NULL;
}

bool interview_has_checklist(const interview *iv, int slot)
{
	if (!iv)
		return false;
	if (slot == IV_SLOT_OPENING)
		return iv->opening.nfollowups > 0;
	if (slot == IV_SLOT_CLOSING)
		return iv->closing.nfollowups > 0;
	return false;
}

/* What {reason} says before a reason is stated, in the interview's
 * language. */
static const char *neutral_reason(const interview *iv)
{
	if (iv && iv->language && strcmp(iv->language, "sv") == 0)
		return "det skäl du angav";
	return "the reason you gave";
}

char *interview_expand(const interview *iv, const char *text)
{
	static const char mark[] = "{reason}";
	const char *reason = iv && *iv->reason_primary
		? interview_category_label(iv, iv->reason_primary) : NULL;
	if (!reason)
		reason = neutral_reason(iv);
	strbuf sb = STRBUF_INIT;
	const char *p = text ? text : "", *at;
	while ((at = strstr(p, mark)) != NULL) {
		sb_add(&sb, p, (size_t)(at - p));
		sb_puts(&sb, reason);
		p = at + sizeof mark - 1;
	}
	sb_puts(&sb, p);
	return sb_detach(&sb);
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
#define FIELD_NAME_(col, member, type, field, check) IV_DETAIL(check, field,)
	IV_COLUMNS(FIELD_NAME_)
#undef FIELD_NAME_
	NULL,
};

enum fkind { F_TEXT, F_LINE, F_DATE, F_SEP, F_CATEGORY, F_TRI };

/* The detail fields of IV_COLUMNS: name, check and where. */
static const struct field {
	const char *name;
	enum fkind kind;
	size_t off;
} fields[] = {
#define FIELD_(col, member, type, field, check) \
	IV_DETAIL(check, { field, F_##check, offsetof(interview, member) },)
	IV_COLUMNS(FIELD_)
#undef FIELD_
};

/* A SEP or TRI field is an int, every other one a string. */
#define FIELD_INT_STR 0
#define FIELD_INT_INT 1
#define FIELD_INT_LINE 0
#define FIELD_INT_TEXT 0
#define FIELD_INT_DATE 0
#define FIELD_INT_CATEGORY 0
#define FIELD_INT_SEP 1
#define FIELD_INT_TRI 1
#define FIELD_TYPE_(col, member, type, field, check) \
	IV_DETAIL(check, _Static_assert(FIELD_INT_##type == FIELD_INT_##check, \
					#col ": SEP and TRI fields are ints, the others strings");)
IV_COLUMNS(FIELD_TYPE_)
#undef FIELD_TYPE_

/* The detail field of that name, NULL if none. */
static const struct field *field_find(const char *name)
{
	for (size_t i = 0; name && i < EV_ARRAY_LEN(fields); i++)
		if (strcmp(name, fields[i].name) == 0)
			return &fields[i];
	return NULL;
}

/* Where field f (a string one, or an int one) lives in iv; the getter
 * never writes through it. */
static char **field_str(const interview *iv, const struct field *f)
{
	return (char **)(void *)((char *)iv + f->off);
}

static int *field_num(const interview *iv, const struct field *f)
{
	return (int *)(void *)((char *)iv + f->off);
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
	const struct field *f = field_find(field);
	return f ? kind_max(f->kind) : 0;
}

int interview_set_field(interview *iv, const char *field, const char *value)
{
	const struct field *f = iv ? field_find(field) : NULL;
	if (!f)
		return unknown_field(field);
	enum fkind kind = f->kind;
	if (!value)
		value = "";
	switch (kind) {
	case F_TEXT:
	case F_LINE:
		if (check_text(field, value, kind == F_TEXT) != 0)
			return -1;
		if (utf8_length(value, strlen(value)) > (size_t)kind_max(kind))
			return ev_seterr("%s is longer than %d characters", field, kind_max(kind));
		str_set(field_str(iv, f), value);
		return 0;
	case F_DATE:
		if (*value && !date_valid(value)) {
			if (check_text(field, value, false) != 0)
				return ev_seterr("bad date for %s: use YYYY-MM-DD", field);
			return ev_seterr("bad date '%s' for %s: use YYYY-MM-DD", value, field);
		}
		str_set(field_str(iv, f), value);
		return 0;
	case F_SEP: {
		int s = separation_parse(value);
		if (s < 0) {
			if (check_text(field, value, false) != 0)
				return ev_seterr("bad separation: use voluntary, involuntary or other");
			return ev_seterr("bad separation '%s': use voluntary, involuntary or other",
					 value);
		}
		*field_num(iv, f) = s;
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
		str_set(field_str(iv, f), value);
		return 0;
	case F_TRI: {
		int t = tristate_parse(value);
		if (t < 0) {
			if (check_text(field, value, false) != 0)
				return ev_seterr("bad value for %s: use yes, no or unknown", field);
			return ev_seterr("bad value '%s' for %s: use yes, no or unknown", value, field);
		}
		*field_num(iv, f) = t;
		return 0;
	}
	}
	return unknown_field(field);
}

char *interview_get_field(const interview *iv, const char *field)
{
	const struct field *f = iv ? field_find(field) : NULL;
	if (!f) {
		unknown_field(field);
		return NULL;
	}
	switch (f->kind) {
	case F_SEP:
		return xstrdup(separation_name(*field_num(iv, f)));
	case F_TRI:
		return xstrdup(tristate_name(*field_num(iv, f)));
	default: {
		const char *s = *field_str(iv, f);
		return xstrdup(s ? s : "");
	}
	}
}

int interview_check_dates(const interview *iv, const char **warning)
{
	if (warning)
		*warning = NULL;
	const char *last = iv->last_day, *start = iv->start_date, *when = iv->interview_date;
	if (str_empty(last))
		return 0;
	if (!str_empty(start) && strcmp(start, last) > 0)
		return ev_seterr("the start date %s is after the last working day %s", start, last);
	if (warning && !str_empty(when) && strcmp(when, last) >= 0)
		*warning = strcmp(when, last) == 0
			? _("the interview date is on the last working day; a few days before is better")
			: _("the interview date is after the last working day; a few days before is better");
	return 0;
}

bool interview_is_date_field(const char *field)
{
	const struct field *f = field_find(field);
	return f && f->kind == F_DATE;
}
