/* interview.h — one exit interview in memory (design.md, "What is kept").
 *
 * The model: pure data plus small helpers, no I/O.  The store loads and
 * saves it; the report, export and summary read it; the screen edits it.
 * All strings are UTF-8, malloc'd and never NULL ("" when empty).
 */
#ifndef EXITVIEW_INTERVIEW_H
#define EXITVIEW_INTERVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "exitview/actions.h"
#include "exitview/template.h"

enum separation { SEP_UNSET = 0, SEP_VOLUNTARY, SEP_INVOLUNTARY, SEP_OTHER };
enum tristate { TRI_UNKNOWN = 0, TRI_YES, TRI_NO };
enum qstate { Q_UNTOUCHED = 0, Q_IN_PROGRESS, Q_ANSWERED, Q_SKIPPED };

/* Notes slots besides the questions (0..nquestions-1). */
#define IV_SLOT_OBSERVATIONS (-1)
#define IV_SLOT_ACTIONS (-2)
#define IV_SLOT_PREPARATION (-3)   /* what was read beforehand */
#define IV_SLOT_OPENING (-4)       /* the opening checklist's part */
#define IV_SLOT_CLOSING (-5)       /* the closing checklist's part */
#define IV_SLOT_MIN IV_SLOT_CLOSING

typedef struct iv_question {
	/* copied from the template when the interview began */
	char *title, *prompt, *hint;
	char **followups;
	int nfollowups;
	bool private;       /* notes and rating left out of the manager's report */
	bool no_rating;     /* takes no rating (template: rating = no) */
	/* the answer */
	bool *asked;        /* nfollowups flags */
	char *notes;
	int rating;         /* 0 = none, 1..TPL_SCALE */
	bool skipped;
	/* as loaded or last saved (store.h, "Other writers"); 0 when new */
	int64_t notes_version;    /* of notes */
	int64_t answer_version;   /* of rating, skipped and asked together */
} iv_question;

typedef struct interview {
	int64_t id;         /* 0 until stored */
	char *employee, *role, *department, *manager, *interviewer;
	char *start_date, *last_day, *interview_date;  /* YYYY-MM-DD or "" */
	char *template_name, *template_title, *language;
	int separation;                    /* enum separation */
	char *reason_primary;              /* category key as stated, or "" */
	char *reason_secondary;            /* category key as stated, or "" */
	char *reason_assessed;             /* interviewer's assessment, or "" */
	int regrettable;                   /* enum tristate */
	int rehire;                        /* eligible for rehire: enum tristate */
	int would_return;                  /* enum tristate */
	char *return_conditions;
	char *observations;                /* non-verbal signals */
	char *actions;                     /* notes about the action items (before
	                                    * schema 8: the action items as free text) */
	iv_action *acts;                      /* the action items (actions.h), oldest first */
	int nacts;
	char *preparation;                 /* what was read beforehand */
	/* The opening and closing checklists as parts: title, the items as
	 * follow-ups (asked = done), notes; prompt and hint "", no rating.
	 * nfollowups 0: the template had none. */
	iv_question opening, closing;
	iv_question *q;
	int nquestions;
	tpl_category *categories;          /* copied from the template */
	int ncategories;
	char *scale[TPL_SCALE];            /* copied from the template */
	int64_t elapsed;                   /* seconds spent on screen */
	int64_t created, updated, closed_at, reopened_at;  /* Unix times, 0 = never */
	bool closed;
	/* versions as loaded or last saved (store.h, "Other writers") */
	int64_t details_version;           /* of every detail field together */
	int64_t observations_version, actions_version, preparation_version;
	int cur_slot;                      /* where the interviewer left off */
	int64_t cur_offset;                /* byte offset in that slot's notes */
} interview;

/* The interview's own fields as the store keeps them, one line each (a new
 * one: its member above, a line here, and the store's migration; the
 * store's statements, interview_blank/interview_free for a string and
 * interview_set_field for a detail field follow from the line):
 *   X(column, member, type, field, check)
 * column  its column in the store (interviews.column);
 * member  its member of struct interview;
 * type    STR (char *), INT (int), BOOL (bool) or I64 (int64_t);
 * field   a detail field's name for interview_set_field, "" if none;
 * check   how interview_set_field checks a detail field: LINE (one line),
 *         TEXT (multi-line), DATE, SEP (enum separation), CATEGORY (a
 *         category key) or TRI (enum tristate); NONE: not a detail field.
 * The order is the store's (its rows "id, columns...", the parameters
 * ?1.. of its INSERT); the detail fields keep theirs among them
 * (interview_field_names, the store's details UPDATE).  Observations and
 * action items are notes (the store keeps them with the questions'). */
#define IV_COLUMNS(X) \
	X(employee,          employee,          STR,  "employee",       LINE) \
	X(role,              role,              STR,  "role",           LINE) \
	X(department,        department,        STR,  "department",     LINE) \
	X(manager,           manager,           STR,  "manager",        LINE) \
	X(interviewer,       interviewer,       STR,  "interviewer",    LINE) \
	X(start_date,        start_date,        STR,  "start-date",     DATE) \
	X(last_day,          last_day,          STR,  "last-day",       DATE) \
	X(interview_date,    interview_date,    STR,  "interview-date", DATE) \
	X(template_name,     template_name,     STR,  "",               NONE) \
	X(template_title,    template_title,    STR,  "",               NONE) \
	X(language,          language,          STR,  "",               NONE) \
	X(separation,        separation,        INT,  "separation",     SEP) \
	X(reason_primary,    reason_primary,    STR,  "reason",         CATEGORY) \
	X(reason_secondary,  reason_secondary,  STR,  "reason2",        CATEGORY) \
	X(reason_assessed,   reason_assessed,   STR,  "assessed",       CATEGORY) \
	X(regrettable,       regrettable,       INT,  "regrettable",    TRI) \
	X(rehire,            rehire,            INT,  "rehire",         TRI) \
	X(would_return,      would_return,      INT,  "would-return",   TRI) \
	X(return_conditions, return_conditions, STR,  "conditions",     TEXT) \
	X(scale1,            scale[0],          STR,  "",               NONE) \
	X(scale2,            scale[1],          STR,  "",               NONE) \
	X(scale3,            scale[2],          STR,  "",               NONE) \
	X(scale4,            scale[3],          STR,  "",               NONE) \
	X(scale5,            scale[4],          STR,  "",               NONE) \
	X(elapsed,           elapsed,           I64,  "",               NONE) \
	X(created,           created,           I64,  "",               NONE) \
	X(updated,           updated,           I64,  "",               NONE) \
	X(closed,            closed,            BOOL, "",               NONE) \
	X(closed_at,         closed_at,         I64,  "",               NONE) \
	X(reopened_at,       reopened_at,       I64,  "",               NONE) \
	X(cur_slot,          cur_slot,          INT,  "",               NONE) \
	X(cur_offset,        cur_offset,        I64,  "",               NONE)

/* IV_DETAIL(check, ...): the rest for a detail field, nothing for NONE
 * (an X of IV_COLUMNS that makes something of the detail fields only). */
#define IV_DETAIL(check, ...) IV_DETAIL_##check(__VA_ARGS__)
#define IV_DETAIL_NONE(...)
#define IV_DETAIL_LINE(...) __VA_ARGS__
#define IV_DETAIL_TEXT(...) __VA_ARGS__
#define IV_DETAIL_DATE(...) __VA_ARGS__
#define IV_DETAIL_SEP(...) __VA_ARGS__
#define IV_DETAIL_CATEGORY(...) __VA_ARGS__
#define IV_DETAIL_TRI(...) __VA_ARGS__

/* IV_IF_STR(type, ...): the rest for a string (char *) column, nothing
 * otherwise. */
#define IV_IF_STR(type, ...) IV_IF_STR_##type(__VA_ARGS__)
#define IV_IF_STR_STR(...) __VA_ARGS__
#define IV_IF_STR_INT(...)
#define IV_IF_STR_BOOL(...)
#define IV_IF_STR_I64(...)

/* Each column's index (IV_COL_employee = 0, ...), IV_NCOLS of them; each
 * detail field's among the detail fields (IV_FIELD_employee = 0, ...),
 * IV_NDETAILS of them. */
#define IV_COL_INDEX_(col, member, type, field, check) IV_COL_##col,
#define IV_DETAIL_INDEX_(col, member, type, field, check) IV_DETAIL(check, IV_FIELD_##col,)
enum iv_column { IV_COLUMNS(IV_COL_INDEX_) IV_NCOLS };
enum iv_detail { IV_COLUMNS(IV_DETAIL_INDEX_) IV_NDETAILS };

/* A new, empty interview carrying a copy of t's text; dates empty. */
interview *interview_new(const template *t);
/* An interview with no questions and every string "" (the store fills it). */
interview *interview_blank(void);
void interview_free(interview *iv);

/* Untouched: nothing noted, asked or rated; answered: notes and a rating
 * (notes alone for a question that takes no rating);
 * skipped: marked skipped; otherwise in progress. */
enum qstate interview_qstate(const interview *iv, int i);
/* The one rule of "answered": not skipped, notes with text in them
 * (str_has_text), and a rating unless the question takes none.  The
 * screen's marks (interview_qstate) and the Done column of the lists (the
 * store calls it from SQL as ev_answered) both follow it. */
bool interview_answered(bool skipped, bool noted, int rating, bool no_rating);
/* The notes of a slot (question index or IV_SLOT_*); NULL if no such slot. */
char **interview_slot_notes(interview *iv, int slot);
/* The part of a slot that has follow-ups and an answer: a question, or
 * the opening or closing checklist (IV_SLOT_OPENING/CLOSING, also when it
 * has no items); NULL for any other slot. */
iv_question *interview_part(interview *iv, int slot);
/* Whether iv has that checklist (nfollowups > 0). */
bool interview_has_checklist(const interview *iv, int slot);
/* Text of the template (a prompt, hint or follow-up) with each {reason}
 * replaced by the label of the stated reason, or, while none is stated,
 * by a neutral phrase in the interview's language ("the reason you
 * gave"); malloc'd. */
char *interview_expand(const interview *iv, const char *text);
/* Label of a category key ("" -> "", unknown key -> the key itself). */
const char *interview_category_label(const interview *iv, const char *key);
/* Whether a key is one of the interview's categories. */
bool interview_has_category(const interview *iv, const char *key);

const char *separation_name(int sep);          /* "voluntary", ..., "" */
int separation_parse(const char *s);           /* -1 if not a name */
const char *tristate_name(int t);              /* "yes", "no", "unknown" */
int tristate_parse(const char *s);             /* yes/no/unknown/y/n/"" ; -1 */
const char *qstate_name(enum qstate s);        /* "untouched", ... */

/* Set a detail field by its command-line name (employee, role, department,
 * manager, interviewer, start-date, last-day, interview-date, separation,
 * reason, reason2, assessed, regrettable, rehire, would-return, conditions).
 * Validates dates, enums and category keys.  Returns 0 or -1 (ev_seterr). */
int interview_set_field(interview *iv, const char *field, const char *value);
/* The most characters (code points) a field holds: IV_MAX_LINE for the
 * one-line text fields (names, role, department), IV_MAX_TEXT for the
 * return conditions, 10 for a date, 0 for a choice or an unknown field.
 * interview_set_field() refuses longer values. */
#define IV_MAX_LINE 200
#define IV_MAX_TEXT 2000
int interview_field_max(const char *field);
/* The guide's rule for the dates (design.md, "Prepare": near, not on, the
 * last day), one place for new, set, import and the details form.  Dates
 * that are empty are not judged.  Returns -1 (ev_seterr) when the start
 * date is after the last working day; else 0, with *warning (if given)
 * set to a sentence when the interview date is on or after the last
 * working day ("the interview date is on the last working day; a few
 * days before is better"), or to NULL. */
int interview_check_dates(const interview *iv, const char **warning);
/* Whether field is one of the dates that rule judges. */
bool interview_is_date_field(const char *field);
/* NULL-terminated list of those field names. */
extern const char *const interview_field_names[];
/* The field's current value as text (malloc'd), or NULL if no such field. */
char *interview_get_field(const interview *iv, const char *field);

#endif
