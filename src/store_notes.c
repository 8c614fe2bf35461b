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
	"INSERT INTO note_chunks (id, interview_id, slot, text) VALUES (?1, ?2, ?3, ?4)",
	"UPDATE note_chunks SET text = ?2 WHERE id = ?1",
	"DELETE FROM note_chunks WHERE id = ?1",
	"DELETE FROM note_chunks WHERE id BETWEEN ?1 AND ?2",
};
enum { C_READ, C_INSERT, C_UPDATE, C_DELETE, C_DELETE_RANGE, C_N };

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

/* One stored chunk of a slot. */
struct chunk {
	int64_t id;
	char *text;
	size_t len;
};

static void chunks_free(struct chunk *c, int n)
{
	for (int i = 0; i < n; i++)
		free(c[i].text);
	free(c);
}

/* The chunks of slot slot of interview id, in order, into *out; their
 * number or -1. */
static int chunks_read(store *st, int64_t id, int slot, struct chunk **out)
{
	*out = NULL;
	sqlite3_stmt *s = chunk_stmt(st, C_READ);
	if (!s)
		return -1;
	bind_i64(s, 1, store_note_id(id, slot, 0));
	bind_i64(s, 2, store_note_id(id, slot, SEQ_LIMIT - 1));
	int n = 0, cap = 0, rc;
	while ((rc = store_step(st, s, "reading notes")) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		struct chunk *c = &(*out)[n++];
		c->id = sqlite3_column_int64(s, 0);
		const unsigned char *t = sqlite3_column_text(s, 1);
		c->len = (size_t)sqlite3_column_bytes(s, 1);
		c->text = xmalloc(c->len + 1);
		memcpy(c->text, t ? (const char *)t : "", c->len);
		c->text[c->len] = '\0';
	}
	sqlite3_reset(s);
	if (rc < 0) {
		chunks_free(*out, n);
		*out = NULL;
		return -1;
	}
	return n;
}

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

/* Store the text of a notes slot: rewrite the chunks that changed. */
int store_set_note(store *st, int64_t id, int slot, const char *text)
{
	if (slot < IV_SLOT_MIN || slot + NOTE_SLOT_BIAS >= 256)
		return ev_seterr("interview %lld has no notes slot %d", (long long)id, slot);
	size_t len = text ? strlen(text) : 0;
	if (!text)
		text = "";
	struct chunk *c;
	int n = chunks_read(st, id, slot, &c);
	if (n < 0)
		return -1;
	/* the chunks kept at the start (i of them, off bytes) and at the
	 * end (from j on, the text from end on) */
	int i = 0, j = n;
	size_t off = 0, end = len;
	while (i < n && off + c[i].len <= len && memcmp(text + off, c[i].text, c[i].len) == 0)
		off += c[i++].len;
	while (j > i && end >= off + c[j - 1].len &&
	       memcmp(text + end - c[j - 1].len, c[j - 1].text, c[j - 1].len) == 0)
		end -= c[--j].len;
	int rc = 0;
	if (i == n && off == len) {
		goto done;   /* nothing changed */
	}
	/* a small change is written with a neighbour, so that chunks do not
	 * fragment into many small ones */
	if (end - off < NOTE_CHUNK_SMALL && i > 0) {
		off -= c[--i].len;
	} else if (end - off < NOTE_CHUNK_SMALL && j < n) {
		end += c[j++].len;
	}
	/* the chunks of text[off, end) take the places of c[i .. j) */
	int reuse = 0;
	size_t at = off;
	while (rc == 0 && at < end && i + reuse < j) {
		size_t k = chunk_end(text + at, end - at);
		const struct chunk *o = &c[i + reuse];
		if (k != o->len || memcmp(text + at, o->text, k) != 0)
			rc = chunk_update(st, o->id, text + at, k);
		at += k;
		reuse++;
	}
	for (int k = i + reuse; rc == 0 && k < j; k++)
		rc = chunk_delete(st, c[k].id);
	if (rc == 0 && at < end) {
		int64_t lo = i + reuse > 0 ? seq_of(c[i + reuse - 1].id) : -1;
		int64_t hi = j < n ? seq_of(c[j].id) : SEQ_LIMIT;
		int64_t extra = chunk_count(text + at, end - at);
		int64_t step = (hi - lo) / (extra + 1);
		if (step > SEQ_GAP)
			step = SEQ_GAP;
		if (step < 1) {
			rc = slot_write_fresh(st, id, slot, text, len);
			goto done;
		}
		for (int64_t seq = lo + step; rc == 0 && at < end; seq += step) {
			size_t k = chunk_end(text + at, end - at);
			rc = chunk_insert(st, id, slot, seq, text + at, k);
			at += k;
		}
	}
done:
	chunks_free(c, n);
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
