/* store_notes.c — the typed text of the notes slots, kept in chunks
 * (schema 9, issue 15 "a 1 MB note").
 *
 * A slot's text is the concatenation of its rows in `note_chunks`, in the
 * order of their id.  The id says where a chunk belongs:
 *
 *     id = interview_id << 32 | (slot + NOTE_SLOT_BIAS) << 24 | seq
 *
 * so an interview's chunks are one range of the table's b-tree, in slot
 * order, and a slot's chunks one range within it, in text order.  A chunk
 * holds at most NOTE_CHUNK_MAX bytes and ends at a line break where the
 * text has one (else after a space, else at a character boundary), so a
 * word is never split and the full-text index (store_search.c) sees whole
 * words in every chunk.
 *
 * A save rewrites only what changed: the chunks at the start and at the
 * end of the slot that the new text still holds byte for byte are left as
 * they are; only the ones between are updated, deleted or inserted (new
 * ones between the seq numbers of their neighbours; when no number is
 * left there, the slot is numbered afresh).  Typing in the middle of a
 * 1 MB note rewrites one chunk of about 2 KB and its index entries, not the
 * megabyte.  Every write is inside the caller's transaction, so a save is
 * still all or nothing: the chunks of a slot always join up to one text
 * that was saved.
 */
#include "store_priv.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/util.h"

/* ---- the layout ---- */

#define SEQ_BITS 24
#define SEQ_LIMIT (INT64_C(1) << SEQ_BITS)
#define SEQ_GAP INT64_C(4096)     /* between the chunks of a slot numbered afresh */

int64_t store_note_id(int64_t iv, int slot, int64_t seq)
{
	return iv << 32 | (int64_t)(slot + NOTE_SLOT_BIAS) << SEQ_BITS | seq;
}

/* ---- splitting text into chunks ---- */

/* Where the chunk of text[0..len) that starts the text ends: at most
 * NOTE_CHUNK_MAX bytes; after the last line break between NOTE_CHUNK_MIN
 * and NOTE_CHUNK_TARGET, else after the last space there, else at a
 * character boundary at NOTE_CHUNK_TARGET.  len itself when it fits. */
static size_t chunk_end(const char *text, size_t len)
{
	if (len <= NOTE_CHUNK_MAX)
		return len;
	for (size_t i = NOTE_CHUNK_TARGET; i > NOTE_CHUNK_MIN; i--)
		if (text[i - 1] == '\n')
			return i;
	for (size_t i = NOTE_CHUNK_TARGET; i > NOTE_CHUNK_MIN; i--)
		if (text[i - 1] == ' ')
			return i;
	size_t i = NOTE_CHUNK_TARGET;
	while (i > 1 && ((unsigned char)text[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/* The number of chunks text[0..len) splits into. */
static int64_t chunk_count(const char *text, size_t len)
{
	int64_t n = 0;
	for (size_t at = 0; at < len; n++)
		at += chunk_end(text + at, len - at);
	return n;
}

/* ---- statements (made once per connection, in the store's cache) ---- */

static const char *const chunk_sql[] = {
	/* a slot's chunks, in order: ?1 the first id, ?2 the last */
	"SELECT id, text FROM note_chunks WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
	/* the same, from the last */
	"SELECT id, text FROM note_chunks WHERE id BETWEEN ?1 AND ?2 ORDER BY id DESC",
	"INSERT INTO note_chunks (id, interview_id, slot, text) VALUES (?1, ?2, ?3, ?4)",
	"UPDATE note_chunks SET text = ?2 WHERE id = ?1",
	"DELETE FROM note_chunks WHERE id = ?1",
	"DELETE FROM note_chunks WHERE id BETWEEN ?1 AND ?2",
};
enum { C_READ, C_READ_BACK, C_INSERT, C_UPDATE, C_DELETE, C_DELETE_RANGE, C_N };
_Static_assert(C_N == NOTE_NSTMT, "store_priv.h keeps a place for every statement");

static sqlite3_stmt *chunk_stmt(store *st, int which)
{
	sqlite3_stmt **s = &st->chunk_stmt[which];
	if (*s) {
		sqlite3_reset(*s);
		sqlite3_clear_bindings(*s);
		return *s;
	}
	int rc = sqlite3_prepare_v3(st->db, chunk_sql[which], -1, SQLITE_PREPARE_PERSISTENT, s, NULL);
	if (rc != SQLITE_OK) {
		store_fail_rc(st, rc, "preparing a query");
		*s = NULL;
	}
	return *s;
}

void store_notes_finalize(store *st)
{
	for (int i = 0; i < C_N; i++)
		sqlite3_finalize(st->chunk_stmt[i]);
	memset(st->chunk_stmt, 0, sizeof st->chunk_stmt);
}

/* ---- reading ---- */

char *store_note_read(store *st, int64_t id, int slot)
{
	/* straight from the rows into one buffer: a 1 MB note is read once,
	 * not copied chunk by chunk and then again */
	sqlite3_stmt *s = chunk_stmt(st, C_READ);
	if (!s)
		return NULL;
	bind_i64(s, 1, store_note_id(id, slot, 0));
	bind_i64(s, 2, store_note_id(id, slot, SEQ_LIMIT - 1));
	strbuf sb = STRBUF_INIT;
	int rc;
	while ((rc = store_step(st, s, "reading notes")) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(s, 1);
		sb_add(&sb, t ? (const char *)t : "", (size_t)sqlite3_column_bytes(s, 1));
	}
	sqlite3_reset(s);
	if (rc < 0) {
		sb_free(&sb);
		return NULL;
	}
	size_t n = sb.len;
	return xrealloc(sb_detach(&sb), n + 1);   /* no slack kept */
}

void store_note_take(char **dst, strbuf *acc)
{
	if (*dst != store_form_empty)
		free(*dst);
	size_t n = acc->len;
	*dst = xrealloc(sb_detach(acc), n + 1);   /* no slack kept */
}

/* ---- writing ---- */

static int chunk_insert(store *st, int64_t iv, int slot, int64_t seq, const char *text, size_t len)
{
	sqlite3_stmt *s = chunk_stmt(st, C_INSERT);
	if (!s)
		return -1;
	bind_i64(s, 1, store_note_id(iv, slot, seq));
	bind_i64(s, 2, iv);
	bind_i64(s, 3, slot);
	sqlite3_bind_text(s, 4, text, (int)len, SQLITE_STATIC);
	return store_run(st, s, "saving notes");
}

static int chunk_update(store *st, int64_t cid, const char *text, size_t len)
{
	sqlite3_stmt *s = chunk_stmt(st, C_UPDATE);
	if (!s)
		return -1;
	bind_i64(s, 1, cid);
	sqlite3_bind_text(s, 2, text, (int)len, SQLITE_STATIC);
	return store_run(st, s, "saving notes");
}

static int chunk_delete(store *st, int64_t cid)
{
	sqlite3_stmt *s = chunk_stmt(st, C_DELETE);
	if (!s)
		return -1;
	bind_i64(s, 1, cid);
	return store_run(st, s, "saving notes");
}

static int slot_delete(store *st, int64_t iv, int slot)
{
	sqlite3_stmt *s = chunk_stmt(st, C_DELETE_RANGE);
	if (!s)
		return -1;
	bind_i64(s, 1, store_note_id(iv, slot, 0));
	bind_i64(s, 2, store_note_id(iv, slot, SEQ_LIMIT - 1));
	return store_run(st, s, "saving notes");
}

/* The slot's text as new chunks, numbered afresh (every old one gone). */
static int slot_write_fresh(store *st, int64_t iv, int slot, const char *text, size_t len)
{
	if (slot_delete(st, iv, slot) != 0)
		return -1;
	int64_t n = chunk_count(text, len);
	if (n >= SEQ_LIMIT)
		return ev_seterr("the notes are too long to store (%zu bytes)", len);
	int64_t gap = SEQ_LIMIT / (n + 1);
	if (gap > SEQ_GAP)
		gap = SEQ_GAP;
	int64_t seq = 0;
	for (size_t at = 0; at < len; seq += gap) {
		size_t k = chunk_end(text + at, len - at);
		if (chunk_insert(st, iv, slot, seq, text + at, k) != 0)
			return -1;
		at += k;
	}
	return 0;
}

static int64_t seq_of(int64_t cid)
{
	return cid & (SEQ_LIMIT - 1);
}

/* A stored chunk of the slot: its id and its length (its text is read
 * from the row where it is compared, never kept). */
struct chunk {
	int64_t id;
	size_t len;
};

#define NO_CHUNK ((struct chunk){ -1, 0 })

/* What a middle chunk becomes: the new text[at, at + len) (same: it is
 * that already), or deleted (len 0). */
struct place {
	int64_t id;
	size_t at, len;
	bool same;
};

/* The chunks at one end of the chunks lo..hi that the text still holds
 * byte for byte, compared row by row: from lo on against the text from
 * *pos to limit, or (back) from hi back against the text before *pos down
 * to limit.  *pos moves over the chunks kept; kept[1] is the last of them
 * read and kept[0] the one read before it (NO_CHUNK where there is none);
 * *stop the id of the first chunk not kept (-1: every one is).  0 or -1. */
static int match_run(store *st, bool back, int64_t lo, int64_t hi, const char *text, size_t limit,
		     size_t *pos, struct chunk kept[2], int64_t *stop)
{
	sqlite3_stmt *s = chunk_stmt(st, back ? C_READ_BACK : C_READ);
	if (!s)
		return -1;
	bind_i64(s, 1, lo);
	bind_i64(s, 2, hi);
	*stop = -1;
	kept[0] = kept[1] = NO_CHUNK;
	int rc;
	while ((rc = store_step(st, s, "reading notes")) == SQLITE_ROW) {
		int64_t cid = sqlite3_column_int64(s, 0);
		const char *t = (const char *)sqlite3_column_text(s, 1);
		size_t n = (size_t)sqlite3_column_bytes(s, 1);
		bool fits = back ? *pos >= limit + n : *pos + n <= limit;
		if (!fits || (n > 0 && memcmp(text + (back ? *pos - n : *pos), t, n) != 0)) {
			*stop = cid;
			break;
		}
		kept[0] = kept[1];
		kept[1] = (struct chunk){ cid, n };
		*pos = back ? *pos - n : *pos + n;
	}
	sqlite3_reset(s);
	return rc < 0 ? -1 : 0;
}

/* The chunks lo..hi (ids, in order) take text[off, end) in pieces as
 * chunk_end cuts it, one a chunk, from the first; the chunks left over
 * are deleted.  Plans it in *out (malloc'd; *n entries), comparing each
 * piece with the row it replaces; *at is where the text not placed starts.
 * 0 or -1. */
static int plan_middle(store *st, int64_t lo, int64_t hi, const char *text, size_t off, size_t end,
		       struct place **out, int *n, size_t *at)
{
	*out = NULL;
	*n = 0;
	*at = off;
	if (lo < 0)
		return 0;
	sqlite3_stmt *s = chunk_stmt(st, C_READ);
	if (!s)
		return -1;
	bind_i64(s, 1, lo);
	bind_i64(s, 2, hi);
	int cap = 0, rc;
	while ((rc = store_step(st, s, "reading notes")) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		struct place *p = &(*out)[(*n)++];
		p->id = sqlite3_column_int64(s, 0);
		p->at = *at;
		p->len = 0;
		p->same = false;
		if (*at < end) {
			const char *t = (const char *)sqlite3_column_text(s, 1);
			size_t k = chunk_end(text + *at, end - *at);
			p->len = k;
			p->same = k == (size_t)sqlite3_column_bytes(s, 1) && memcmp(text + *at, t, k) == 0;
			*at += k;
		}
	}
	sqlite3_reset(s);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Store the text of a notes slot: rewrite the chunks that changed.  The
 * stored chunks are compared with the text where they are read (at the
 * start, from the end, then the ones between), so that no copy of the
 * stored text is made: a 1 MB note costs no second megabyte to save. */
int store_set_note(store *st, int64_t id, int slot, const char *text)
{
	if (slot < IV_SLOT_MIN || slot + NOTE_SLOT_BIAS >= 256)
		return ev_seterr("interview %lld has no notes slot %d", (long long)id, slot);
	size_t len = text ? strlen(text) : 0;
	if (!text)
		text = "";
	/* the chunks kept at the start (off bytes; the first one that is not,
	 * first) and at the end (the text from end on; the last one that is
	 * not, last): the ones between, first..last, are the middle */
	struct chunk head[2], tail[2] = { NO_CHUNK, NO_CHUNK };
	size_t off = 0, end = len;
	int64_t first, last = -1, slot_end = store_note_id(id, slot, SEQ_LIMIT - 1);
	if (match_run(st, false, store_note_id(id, slot, 0), slot_end, text, len, &off, head, &first) != 0)
		return -1;
	if (first < 0 && off == len)
		return 0;   /* nothing changed */
	if (first >= 0 && match_run(st, true, first, slot_end, text, off, &end, tail, &last) != 0)
		return -1;
	int64_t lo = first >= 0 && last >= 0 ? first : -1, hi = last;
	struct chunk before = head[1], after = tail[1];
	/* a small change is written with a neighbour, so that chunks do not
	 * fragment into many small ones */
	if (end - off < NOTE_CHUNK_SMALL && head[1].id >= 0) {
		off -= head[1].len;
		lo = head[1].id;
		if (hi < 0)
			hi = head[1].id;
		before = head[0];
	} else if (end - off < NOTE_CHUNK_SMALL && tail[1].id >= 0) {
		end += tail[1].len;
		hi = tail[1].id;
		if (lo < 0)
			lo = tail[1].id;
		after = tail[0];
	}
	/* the chunks of text[off, end) take the places of the middle ones */
	struct place *p;
	int np;
	size_t at;
	if (plan_middle(st, lo, hi, text, off, end, &p, &np, &at) != 0)
		return -1;
	int rc = 0;
	int64_t prev = before.id;   /* the last chunk before the text still to insert */
	for (int k = 0; rc == 0 && k < np; k++) {
		if (p[k].len == 0) {
			rc = chunk_delete(st, p[k].id);
			continue;
		}
		if (!p[k].same)
			rc = chunk_update(st, p[k].id, text + p[k].at, p[k].len);
		prev = p[k].id;
	}
	free(p);
	if (rc == 0 && at < end) {
		int64_t seq_lo = prev >= 0 ? seq_of(prev) : -1;
		int64_t seq_hi = after.id >= 0 ? seq_of(after.id) : SEQ_LIMIT;
		int64_t extra = chunk_count(text + at, end - at);
		int64_t step = (seq_hi - seq_lo) / (extra + 1);
		if (step > SEQ_GAP)
			step = SEQ_GAP;
		if (step < 1)
			return slot_write_fresh(st, id, slot, text, len);
		for (int64_t seq = seq_lo + step; rc == 0 && at < end; seq += step) {
			size_t k = chunk_end(text + at, end - at);
			rc = chunk_insert(st, id, slot, seq, text + at, k);
			at += k;
		}
	}
	return rc;
}

/* ---- the migration 8 -> 9 ---- */

/* Every row of the old `notes` table as the chunks of its slot. */
int store_notes_migrate(store *st)
{
	const char *what = "upgrading the schema to version 9";
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, "SELECT interview_id, slot, text FROM notes"
				    " ORDER BY interview_id, slot", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail_rc(st, rc, what);
	int ret = 0;
	while (ret == 0 && (rc = store_step(st, s, what)) == SQLITE_ROW) {
		int64_t iv = sqlite3_column_int64(s, 0);
		int64_t slot = sqlite3_column_int64(s, 1);
		const char *text = (const char *)sqlite3_column_text(s, 2);
		size_t len = (size_t)sqlite3_column_bytes(s, 2);
		if (slot < IV_SLOT_MIN || slot + NOTE_SLOT_BIAS >= 256 || !text) {
			ret = ev_seterr("%s: %s failed (interview %lld has notes in slot %lld)", st->path,
					what, (long long)iv, (long long)slot);
			break;
		}
		int64_t n = chunk_count(text, len);
		int64_t gap = SEQ_LIMIT / (n + 1);
		if (gap > SEQ_GAP)
			gap = SEQ_GAP;
		int64_t seq = 0;
		for (size_t at = 0; ret == 0 && at < len; seq += gap) {
			size_t k = chunk_end(text + at, len - at);
			ret = chunk_insert(st, iv, (int)slot, seq, text + at, k);
			at += k;
		}
	}
	sqlite3_finalize(s);
	store_notes_finalize(st);   /* prepared on the old schema */
	return ret != 0 || rc < 0 ? -1 : 0;
}
