/* store_save.c — the versioned saves of notes, details and answers (store.h,
 * "Other writers"), and store_update. */
#include "store_priv.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exitview/store_audit.h"
#include "exitview/util.h"

/* ---- versioned writes (store.h, "Other writers") ---- */

/* A versioned save: what to write, the version it was based on, and what
 * the caller is told. */
struct save_arg {
	int64_t id;
	int slot;                /* notes slot, or question index of an answer */
	const char *text;        /* notes */
	bool append;             /* notes: added after the stored text */
	const iv_question *q;    /* an answer */
	const interview *iv;     /* details */
	int64_t base;            /* STORE_ANY_VERSION: whatever is stored */
	/* out */
	int64_t version;         /* saved: the new one; conflict: the stored one */
	char *other_text;        /* a notes conflict: the stored text */
	char *fields;            /* a details or answer conflict: what differs */
	interview *other;        /* a details or answer conflict: as stored */
};

static void save_arg_clear(struct save_arg *a)
{
	free(a->other_text);
	free(a->fields);
	interview_free(a->other);
	a->other_text = a->fields = NULL;
	a->other = NULL;
}

/* Hand the outcome of a save to the caller (out may be NULL). */
static int save_result(int rc, struct save_arg *a, store_conflict *out)
{
	if (out && rc >= 0) {
		out->version = a->version;
		out->other_text = a->other_text;
		out->fields = a->fields;
		out->other = a->other;
		a->other_text = a->fields = NULL;
		a->other = NULL;
	}
	save_arg_clear(a);
	return rc < 0 ? -1 : rc;
}

void store_conflict_free(store_conflict *c)
{
	if (!c)
		return;
	free(c->other_text);
	free(c->fields);
	interview_free(c->other);
	memset(c, 0, sizeof *c);
}

/* The version of a notes slot (0: never written). */
static int note_version(store *st, int64_t id, int slot, int64_t *version)
{
	sqlite3_stmt *s = store_stmt_id(st, S_NOTE_VER, id);
	if (!s)
		return -1;
	bind_i64(s, 2, slot);
	int rc = store_step(st, s, "reading notes");
	*version = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc < 0 ? -1 : 0;
}

/* The stored text of a notes slot, malloc'd ("" when none); NULL on error. */
static char *note_text(store *st, int64_t id, int slot)
{
	return store_note_read(st, id, slot);
}

/* Write the text of a slot that is at version cur, making it cur + 1, with
 * interviews.updated, questions.has_notes and interviews.answered. */
static int write_note(store *st, int64_t id, int slot, const char *text, int64_t cur)
{
	sqlite3_stmt *s = store_stmt_id(st, S_TOUCH, id);
	if (!s)
		return -1;
	bind_i64(s, 2, time(NULL));
	if (store_update_open(st, s, id, "saving notes") != 0)
		return -1;
	if (slot >= 0) {
		if (!(s = store_stmt_id(st, S_HAS_NOTES, id)))
			return -1;
		bind_i64(s, 2, slot);
		bind_i64(s, 3, str_has_text(text));
		if (store_run(st, s, "saving notes") != 0)
			return -1;
		if (sqlite3_changes(st->db) == 0)
			return ev_seterr("interview %lld has no question %d", (long long)id, slot + 1);
	}
	if (store_set_note(st, id, slot, text) != 0 || !(s = store_stmt_id(st, S_BUMP_NOTE, id)))
		return -1;
	bind_i64(s, 2, slot);
	bind_i64(s, 3, cur);
	if (store_run(st, s, "saving notes") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)   /* not while we hold the write lock */
		return ev_seterr("the notes of interview %lld changed while being saved",
				 (long long)id);
	return slot >= 0 ? store_recount(st, id) : 0;
}

/* Notes: a conflict when the slot moved on from the base version and the
 * text now stored is neither empty nor the one given (no word of it would
 * be lost otherwise); an append adds to whatever is stored. */
static int notes_tx(store *st, void *arg)
{
	struct save_arg *a = arg;
	save_arg_clear(a);
	int64_t cur;
	if (store_check_open(st, a->id) != 0 || note_version(st, a->id, a->slot, &cur) != 0)
		return -1;
	bool moved = a->base >= 0 && cur != a->base;
	char *stored = NULL;
	if (a->append || moved) {
		if (!(stored = note_text(st, a->id, a->slot)))
			return -1;
	}
	const char *text = a->text;
	strbuf joined = STRBUF_INIT;
	if (a->append) {
		/* on a line of its own */
		sb_puts(&joined, stored);
		if (*stored && stored[strlen(stored) - 1] != '\n')
			sb_putc(&joined, '\n');
		sb_puts(&joined, a->text);
		text = sb_str(&joined);
	} else if (moved && strcmp(stored, a->text) == 0) {
		free(stored);
		a->version = cur;     /* already stored: nothing to write */
		return 0;
	} else if (moved && *stored) {
		a->version = cur;
		a->other_text = stored;
		return 1;
	}
	free(stored);
	int rc = write_note(st, a->id, a->slot, text, cur);
	sb_free(&joined);
	if (rc == 0)
		a->version = cur + 1;
	return rc;
}

static int check_slot(int64_t id, int slot)
{
	if (slot < IV_SLOT_MIN)
		return ev_seterr("interview %lld has no notes slot %d", (long long)id, slot);
	return 0;
}

int store_save_notes_v(store *st, int64_t id, int slot, const char *text, int64_t base,
		       store_conflict *out)
{
	if (out)
		memset(out, 0, sizeof *out);
	if (check_slot(id, slot) != 0)
		return -1;
	struct save_arg a = { .id = id, .slot = slot, .text = text ? text : "", .base = base };
	return save_result(store_write_tx(st, notes_tx, &a), &a, out);
}

int store_save_notes(store *st, int64_t id, int slot, const char *notes)
{
	return store_save_notes_v(st, id, slot, notes, STORE_ANY_VERSION, NULL) == 0 ? 0 : -1;
}

int store_append_notes(store *st, int64_t id, int slot, const char *text, int64_t *version)
{
	if (check_slot(id, slot) != 0)
		return -1;
	struct save_arg a = { .id = id, .slot = slot, .text = text ? text : "", .append = true,
			      .base = STORE_ANY_VERSION };
	int rc = store_write_tx(st, notes_tx, &a);
	if (rc == 0 && version)
		*version = a.version;
	save_arg_clear(&a);
	return rc == 0 ? 0 : -1;
}

/* The detail fields (the columns S_DETAILS writes, from ?2), by their
 * names in interview_set_field: the detail fields of IV_COLUMNS. */
static const struct dfield {
	const char *name;
	enum ckind kind;
	size_t off;
} detail_fields[IV_NDETAILS] = {
#define DETAIL_FIELD_(col, member, type, field, check) \
	IV_DETAIL(check, { field, C_##type, offsetof(interview, member) },)
	IV_COLUMNS(DETAIL_FIELD_)
#undef DETAIL_FIELD_
};

/* Every detail field is text or an int (what details_differ compares and
 * details_tx binds). */
#define DETAIL_TYPE_(col, member, type, field, check) \
	IV_DETAIL(check, _Static_assert(C_##type == C_STR || C_##type == C_INT, \
					#col ": a detail field is text or an int");)
IV_COLUMNS(DETAIL_TYPE_)
#undef DETAIL_TYPE_

/* The names of the detail fields a and b hold differently, space-separated
 * ("" if none), malloc'd. */
static char *details_differ(const interview *a, const interview *b)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < EV_ARRAY_LEN(detail_fields); i++) {
		const void *pa = (const char *)a + detail_fields[i].off;
		const void *pb = (const char *)b + detail_fields[i].off;
		bool same = detail_fields[i].kind == C_STR
			? strcmp(*(char *const *)pa ? *(char *const *)pa : "",
				 *(char *const *)pb ? *(char *const *)pb : "") == 0
			: *(const int *)pa == *(const int *)pb;
		if (!same)
			sb_printf(&sb, "%s%s", sb.len ? " " : "", detail_fields[i].name);
	}
	return sb_detach(&sb);
}

/* The stored row of interview id (no questions), with its details
 * version; NULL after saying why (no such interview, closed, an error). */
static interview *read_details(store *st, int64_t id, int64_t *version)
{
	int64_t form;
	interview *iv = store_read_row(st, id, &form, version);
	if (iv && iv->closed) {
		interview_free(iv);
		ev_seterr("interview %lld is closed; reopen it first", (long long)id);
		return NULL;
	}
	return iv;
}

/* Details: nothing is written when every field already holds the value
 * given; a conflict when the row moved on from the base version. */
static int details_tx(store *st, void *arg)
{
	struct save_arg *a = arg;
	const interview *iv = a->iv;
	save_arg_clear(a);
	int64_t cur;
	interview *now = read_details(st, iv->id, &cur);
	if (!now)
		return -1;
	char *diff = details_differ(now, iv);
	interview_free(now);
	a->version = cur;
	if (!*diff) {
		free(diff);
		return 0;
	}
	if (a->base >= 0 && cur != a->base) {
		a->fields = diff;
		return (a->other = store_load_in(st, iv->id)) ? 1 : -1;
	}
	free(diff);
	sqlite3_stmt *s = store_stmt_id(st, S_DETAILS, iv->id);
	if (!s)
		return -1;
	for (size_t i = 0; i < EV_ARRAY_LEN(detail_fields); i++) {
		const void *p = (const char *)iv + detail_fields[i].off;
		int at = (int)i + 2;
		if (detail_fields[i].kind == C_STR)
			bind_str(s, at, *(char *const *)p);
		else
			bind_i64(s, at, *(const int *)p);
	}
	bind_i64(s, DETAILS_UPDATED, time(NULL));
	bind_i64(s, DETAILS_BASE, cur);
	if (store_update_open(st, s, iv->id, "saving the details") != 0)
		return -1;
	a->version = cur + 1;
	return 0;
}

int store_save_details_v(store *st, const interview *iv, int64_t base, store_conflict *out)
{
	if (out)
		memset(out, 0, sizeof *out);
	struct save_arg a = { .iv = iv, .base = base };
	return save_result(store_write_tx(st, details_tx, &a), &a, out);
}

int store_save_details(store *st, const interview *iv)
{
	return store_save_details_v(st, iv, STORE_ANY_VERSION, NULL) == 0 ? 0 : -1;
}

/* An answer the questions table can hold. */
static int check_answer(int64_t id, int qindex, const iv_question *q)
{
	if (qindex < 0 && qindex != IV_SLOT_OPENING && qindex != IV_SLOT_CLOSING)
		return ev_seterr("interview %lld has no question %d", (long long)id, qindex + 1);
	if (q->rating < 0 || q->rating > TPL_SCALE)
		return ev_seterr("rating %d is out of range (0-%d)", q->rating, TPL_SCALE);
	if (q->nfollowups > MAX_FOLLOWUPS)
		return ev_seterr("question %d has %d follow-ups (at most %d)",
				 qindex + 1, q->nfollowups, MAX_FOLLOWUPS);
	return 0;
}

/* The refusal of an answer to a part the interview does not have. */
static int no_part(int64_t id, int slot)
{
	if (slot < 0)
		return ev_seterr("interview %lld has no %s checklist", (long long)id,
				 slot == IV_SLOT_OPENING ? "opening" : "closing");
	return ev_seterr("interview %lld has no question %d", (long long)id, slot + 1);
}

/* An answer (rating, skipped, asked): as details_tx, for one question. */
static int answer_tx(store *st, void *arg)
{
	struct save_arg *a = arg;
	save_arg_clear(a);
	if (check_answer(a->id, a->slot, a->q) != 0 || store_check_open(st, a->id) != 0)
		return -1;
	sqlite3_stmt *s = store_stmt_id(st, S_ANSWER_GET, a->id);
	if (!s)
		return -1;
	bind_i64(s, 2, a->slot);
	int rc = store_step(st, s, "saving an answer");
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc < 0 ? -1 : no_part(a->id, a->slot);
	}
	int64_t mask = store_asked_mask(a->q), cur = sqlite3_column_int64(s, 3);
	strbuf diff = STRBUF_INIT;
	if (sqlite3_column_int(s, 0) != a->q->rating)
		sb_puts(&diff, "rating");
	if ((sqlite3_column_int(s, 1) != 0) != a->q->skipped)
		sb_printf(&diff, "%sskipped", diff.len ? " " : "");
	if (sqlite3_column_int64(s, 2) != mask)
		sb_printf(&diff, "%sasked", diff.len ? " " : "");
	sqlite3_reset(s);
	a->version = cur;
	if (diff.len == 0) {
		sb_free(&diff);
		return 0;
	}
	if (a->base >= 0 && cur != a->base) {
		a->fields = sb_detach(&diff);
		return (a->other = store_load_in(st, a->id)) ? 1 : -1;
	}
	sb_free(&diff);
	if (!(s = store_stmt_id(st, S_TOUCH, a->id)))
		return -1;
	bind_i64(s, 2, time(NULL));
	if (store_update_open(st, s, a->id, "saving an answer") != 0 ||
	    !(s = store_stmt_id(st, S_ANSWER, a->id)))
		return -1;
	bind_i64(s, 2, a->slot);
	bind_i64(s, 3, a->q->rating);
	bind_i64(s, 4, a->q->skipped);
	bind_i64(s, 5, mask);
	bind_i64(s, 6, cur);
	if (store_run(st, s, "saving an answer") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)   /* not while we hold the write lock */
		return ev_seterr("the answers of interview %lld changed while being saved",
				 (long long)a->id);
	a->version = cur + 1;
	return store_recount(st, a->id);
}

/* The opening checklist (the purpose, confidentiality, how the notes are
 * used) as the audit log keeps it: which items were explained. */
static void audit_opening(store *st, int64_t id, const iv_question *q)
{
	strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "done=");
	for (int i = 0; i < q->nfollowups; i++)
		if (q->asked && q->asked[i])
			sb_printf(&sb, "%s%d", sb.len > 5 ? "," : "", i + 1);
	sb_printf(&sb, " of %d", q->nfollowups);
	(void)store_audit(st, "opening", id, sb_str(&sb));   /* never stops a save */
	sb_free(&sb);
}

int store_save_answer_v(store *st, int64_t id, int qindex, const iv_question *q, int64_t base,
			store_conflict *out)
{
	if (out)
		memset(out, 0, sizeof *out);
	if (check_answer(id, qindex, q) != 0)
		return -1;
	struct save_arg a = { .id = id, .slot = qindex, .q = q, .base = base };
	int rc = save_result(store_write_tx(st, answer_tx, &a), &a, out);
	if (rc == 0 && qindex == IV_SLOT_OPENING)
		audit_opening(st, id, q);
	return rc;
}

int store_save_answer(store *st, int64_t id, int qindex, const iv_question *q)
{
	return store_save_answer_v(st, id, qindex, q, STORE_ANY_VERSION, NULL) == 0 ? 0 : -1;
}

struct update_arg {
	int64_t id;
	int (*fn)(interview *iv, void *arg);
	void *arg;
};

/* Load, let fn change, save what changed: one transaction. */
static int update_tx(store *st, void *arg)
{
	struct update_arg *u = arg;
	interview *iv = store_load_in(st, u->id);
	if (!iv)
		return -1;
	int rc = iv->closed ? ev_seterr("interview %lld is closed; reopen it first", (long long)u->id)
			    : u->fn(iv, u->arg);
	if (rc == 0) {
		struct save_arg d = { .iv = iv, .base = STORE_ANY_VERSION };
		rc = details_tx(st, &d);
		save_arg_clear(&d);
	}
	for (int i = IV_SLOT_MIN; rc == 0 && i < iv->nquestions; i++) {
		if (i < 0 && !interview_has_checklist(iv, i))
			continue;
		struct save_arg q = { .id = u->id, .slot = i, .q = interview_part(iv, i),
				      .base = STORE_ANY_VERSION };
		rc = answer_tx(st, &q);
		save_arg_clear(&q);
	}
	interview_free(iv);
	return rc < 0 ? -1 : rc;
}

int store_update(store *st, int64_t id, int (*fn)(interview *iv, void *arg), void *arg)
{
	struct update_arg u = { id, fn, arg };
	return store_write_tx(st, update_tx, &u);
}

