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

#include "exitview/template.h"

enum separation { SEP_UNSET = 0, SEP_VOLUNTARY, SEP_INVOLUNTARY, SEP_OTHER };
enum tristate { TRI_UNKNOWN = 0, TRI_YES, TRI_NO };
enum qstate { Q_UNTOUCHED = 0, Q_IN_PROGRESS, Q_ANSWERED, Q_SKIPPED };

/* Notes slots besides the questions (0..nquestions-1). */
#define IV_SLOT_OBSERVATIONS (-1)
#define IV_SLOT_ACTIONS (-2)

typedef struct iv_question {
	/* copied from the template when the interview began */
	char *title, *prompt, *hint;
	char **followups;
	int nfollowups;
	bool private;       /* notes and rating left out of the manager's report */
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
	char *actions;                     /* action items */
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
	int64_t observations_version, actions_version;
	int cur_slot;                      /* where the interviewer left off */
	int64_t cur_offset;                /* byte offset in that slot's notes */
} interview;

/* A new, empty interview carrying a copy of t's text; dates empty. */
interview *interview_new(const template *t);
/* An interview with no questions and every string "" (the store fills it). */
interview *interview_blank(void);
void interview_free(interview *iv);

/* Untouched: nothing noted, asked or rated; answered: notes and a rating;
 * skipped: marked skipped; otherwise in progress. */
enum qstate interview_qstate(const interview *iv, int i);
/* The notes of a slot (question index or IV_SLOT_*); NULL if no such slot. */
char **interview_slot_notes(interview *iv, int slot);
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
/* NULL-terminated list of those field names. */
extern const char *const interview_field_names[];
/* The field's current value as text (malloc'd), or NULL if no such field. */
char *interview_get_field(const interview *iv, const char *field);

#endif
