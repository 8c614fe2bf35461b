/* store_erase.c — deleting and anonymising interviews, and finding the
 * ones past a date (see store_erase.h). */
#include "exitview/store_erase.h"

#include <stdlib.h>
#include <string.h>

#include "store_priv.h"

/* Interview id's state (1 open, 2 closed), or -1 saying why: an error,
 * or no such interview (EV_E_NOTFOUND). */
static int known_state(store *st, int64_t id)
{
	int state = store_iv_state(st, id);
	if (state == 0)
		return ev_seterr_code(EV_E_NOTFOUND, "no interview with ID %lld", (long long)id);
	return state;
}

/* Run each statement of sql[0..n) with ?1 bound to id; 0 or -1. */
static int run_each(store *st, const char *const *sql, size_t n, int64_t id, const char *what)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *s;
		int rc = sqlite3_prepare_v2(st->db, sql[i], -1, &s, NULL);
		if (rc != SQLITE_OK)
			return store_fail_rc(st, rc, what);
		bind_i64(s, 1, id);
		rc = store_run(st, s, what);
		sqlite3_finalize(s);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* Its rows go with it (ON DELETE CASCADE; its notes' chunks by the
 * trigger interviews_ad), their words out of the index by the triggers
 * (store_schema.c), then out of the file by store_index_compact. */
static const char *const delete_sql[] = { "DELETE FROM interviews WHERE id = ?1" };

/* arg: the interview's ID (const int64_t *). */
static int delete_tx(store *st, void *arg)
{
	int64_t id = *(const int64_t *)arg;
	if (known_state(st, id) < 0)
		return -1;
	if (run_each(st, delete_sql, EV_ARRAY_LEN(delete_sql), id, "deleting the interview") != 0)
		return -1;
	return store_index_compact(st);
}

int store_delete_interview(store *st, int64_t id)
{
	return store_write_tx(st, delete_tx, &id);
}

struct delete_many_arg {
	const int64_t *ids;
	int n;
};

static int delete_many_tx(store *st, void *arg)
{
	const struct delete_many_arg *a = arg;
	for (int i = 0; i < a->n; i++) {
		if (known_state(st, a->ids[i]) < 0 ||
		    run_each(st, delete_sql, EV_ARRAY_LEN(delete_sql), a->ids[i], "deleting the interview") != 0)
			return -1;
	}
	return a->n > 0 ? store_index_compact(st) : 0;
}

int store_delete_interviews(store *st, const int64_t *ids, int n)
{
	struct delete_many_arg a = { ids, n };
	return store_write_tx(st, delete_many_tx, &a);
}

/* Every statement of the anonymisation, ?1 the interview.  A date becomes
 * the first of its month; a time the start of the month of the
 * interview's day (UTC). */
#define MONTH_OF(d) "CASE WHEN " d " <> '' THEN substr(" d ", 1, 8) || '01' ELSE '' END"
#define MONTH_START "CAST(strftime('%s', substr(day, 1, 8) || '01') AS INTEGER)"
static const char *const anonymise_sql[] = {
	"DELETE FROM note_chunks WHERE id BETWEEN " NOTE_IV_FIRST("?1") " AND " NOTE_IV_LAST("?1"),
	"DELETE FROM reports WHERE interview_id = ?1",
	"DELETE FROM claims WHERE interview_id = ?1",
	"UPDATE questions SET has_notes = 0 WHERE interview_id = ?1",
	/* the actions stay as counts: no text, no owner, dates as months */
	"UPDATE actions SET text = '', owner = '', due = " MONTH_OF("due") ","
	" created = (SELECT " MONTH_START " FROM interviews WHERE id = ?1),"
	" done_at = CASE WHEN done_at > 0 THEN (SELECT " MONTH_START " FROM interviews"
	" WHERE id = ?1) ELSE 0 END WHERE interview_id = ?1",
	"UPDATE interviews SET employee = '', manager = '', interviewer = '', return_conditions = '',"
	" start_date = " MONTH_OF("start_date") ", last_day = " MONTH_OF("last_day") ","
	" interview_date = " MONTH_OF("interview_date") ", day = substr(day, 1, 8) || '01',"
	" created = " MONTH_START ", updated = " MONTH_START ", closed_at = " MONTH_START ","
	" reopened_at = CASE WHEN reopened_at > 0 THEN " MONTH_START " ELSE 0 END,"
	" cur_slot = 0, cur_offset = 0 WHERE id = ?1",
};

static int anonymise_tx(store *st, void *arg)
{
	int64_t id = *(const int64_t *)arg;
	int state = known_state(st, id);
	if (state < 0)
		return -1;
	if (state == 1)
		return ev_seterr("interview %lld is open: close it first (exitview close %lld)", (long long)id,
				 (long long)id);
	if (run_each(st, anonymise_sql, EV_ARRAY_LEN(anonymise_sql), id, "anonymising the interview") != 0 ||
	    store_recount(st, id) != 0)
		return -1;
	return store_index_compact(st);
}

int store_anonymise_interview(store *st, int64_t id)
{
	return store_write_tx(st, anonymise_tx, &id);
}

int store_aged_list(store *st, const char *before, store_aged **out)
{
	*out = NULL;
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, "SELECT id, closed, day FROM interviews WHERE day < ?1"
				    " ORDER BY day, id", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail_rc(st, rc, "reading the interviews");
	bind_str(s, 1, before);
	int n = 0, cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		store_aged *a = &(*out)[n++];
		a->id = sqlite3_column_int64(s, 0);
		a->closed = sqlite3_column_int(s, 1) != 0;
		const unsigned char *d = sqlite3_column_text(s, 2);
		snprintf(a->day, sizeof a->day, "%s", d ? (const char *)d : "");
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return store_fail_rc(st, rc, "reading the interviews");
	}
	return n;
}
