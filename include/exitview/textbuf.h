/* textbuf.h — the notes editor's text: a gap buffer of UTF-8 bytes with a
 * cursor, soft word-wrap, and a kill ring of one entry.  No curses.
 *
 * Positions are byte offsets that always sit on a character boundary.
 * Visual rows: the text is split at '\n' into paragraphs, and each
 * paragraph is word-wrapped to `width` display columns (a word wider than
 * the width is broken at a character boundary; a combining mark stays with
 * its base).  Up/Down/PgUp/PgDn move by visual rows and keep a goal column.
 * The wrap of a paragraph is computed only for the paragraphs looked at, so
 * a 1 MB note stays fast.
 */
#ifndef EXITVIEW_TEXTBUF_H
#define EXITVIEW_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct textbuf textbuf;

textbuf *tb_new(void);
void tb_free(textbuf *tb);

/* Replace the whole text (cleaned as tb_insert cleans); cursor to
 * min(cursor, len) snapped to a boundary; clears the modified flag. */
void tb_set_text(textbuf *tb, const char *s, size_t len, size_t cursor);
/* The whole text, malloc'd and NUL-terminated; *len (if not NULL) its length. */
char *tb_text(const textbuf *tb, size_t *len);
/* tb_set_text without a copy: the buffer takes s (malloc'd, s[len] ==
 * '\0') as its own when it is clean already (else it is cleaned into the
 * buffer and freed).  A 1 MB note is held once, not twice, while it moves
 * from the interview into the buffer. */
void tb_take_text(textbuf *tb, char *s, size_t len, size_t cursor);
/* The whole text, NUL-terminated, in the buffer itself (the gap moved
 * after it): no copy.  Valid until the next change of tb. */
const char *tb_str(textbuf *tb);
/* The whole text, malloc'd and NUL-terminated (*len, if not NULL, its
 * length), taken out of the buffer without a copy: tb is left empty. */
char *tb_detach(textbuf *tb, size_t *len);
size_t tb_len(const textbuf *tb);
/* Write the whole text to fd without allocating (for an emergency copy
 * when memory is exhausted).  Returns 0 or -1 (errno set). */
int tb_write_fd(const textbuf *tb, int fd);
/* Copy bytes [from, to) into out (no NUL added). */
void tb_copy(const textbuf *tb, size_t from, size_t to, char *out);
/* The byte at pos (0 <= pos < len). */
unsigned char tb_byte(const textbuf *tb, size_t pos);

size_t tb_cursor(const textbuf *tb);
void tb_set_cursor(textbuf *tb, size_t pos);     /* snapped to a boundary */

/* Modification: a counter bumped by every change (the screen saves when it
 * differs from the last saved value). */
uint64_t tb_generation(const textbuf *tb);

/* Editing at the cursor.  Inserted text is cleaned by the text rule for
 * notes (utf8.h, UTF8_NOTES): invalid UTF-8 becomes U+FFFD, CR LF, lone CR
 * and U+2028/9 become LF, tabs stay, other C0/C1 controls, DEL, bidi
 * controls and BOMs are dropped. */
void tb_insert(textbuf *tb, const char *s, size_t len);
void tb_backspace(textbuf *tb);                  /* delete the character before */
void tb_delete(textbuf *tb);                     /* delete the character under */

/* Cursor moves by characters, words, logical line ends. */
void tb_left(textbuf *tb);
void tb_right(textbuf *tb);
void tb_word_left(textbuf *tb);
void tb_word_right(textbuf *tb);
void tb_home(textbuf *tb, int width);            /* start of the visual row */
void tb_end(textbuf *tb, int width);             /* end of the visual row */
void tb_line_start(textbuf *tb);                 /* Ctrl-A: start of paragraph */
void tb_line_end(textbuf *tb);                   /* Ctrl-E: end of paragraph */
void tb_top(textbuf *tb);
void tb_bottom(textbuf *tb);
/* Visual-row moves at a wrap width; keep the goal column. */
void tb_up(textbuf *tb, int width);
void tb_down(textbuf *tb, int width);
void tb_page_up(textbuf *tb, int width, int rows);
void tb_page_down(textbuf *tb, int width, int rows);

/* Kill and yank (readline/nano): each cut replaces the kill buffer, except
 * that consecutive cuts of the same kind append (as readline does). */
void tb_cut_to_eol(textbuf *tb);                 /* Ctrl-K; at EOL joins the next line */
void tb_cut_to_bol(textbuf *tb);                 /* Ctrl-U */
void tb_cut_word_back(textbuf *tb);              /* Ctrl-W */
void tb_yank(textbuf *tb);                       /* Ctrl-Y */
const char *tb_kill_text(const textbuf *tb);     /* current kill buffer ("" if none) */

/* Undo and redo (Ctrl-_ / Alt-U, Alt-E).  Every change is recorded in a
 * bounded history (TB_UNDO_STEPS steps and TB_UNDO_BYTES bytes of recorded
 * text; the oldest steps go first).  One step is: a run of typed
 * characters up to and including the blanks after a word (typing "two
 * words" is two steps), a run of Backspaces or of Deletes, a newline, one
 * cut (Ctrl-K/U/W), one yank, one tb_insert of more than one character (a
 * paste).  A cursor move ends the run being typed.  Undo restores the
 * text and puts the cursor where the change was; redo repeats it; a new
 * change after an undo drops what could be redone.  tb_set_text()
 * clears the history, and so does an edit too big for TB_UNDO_BYTES (it
 * cannot be undone).  Each changes the generation like any edit.
 * Return true if there was something to undo / redo. */
#define TB_UNDO_STEPS 1000
#define TB_UNDO_BYTES (4u << 20)
bool tb_undo(textbuf *tb);
bool tb_redo(textbuf *tb);
/* End the current step: the next change starts a new one. */
void tb_undo_break(textbuf *tb);
/* The top row of the last tb_layout() window is not the first row of the
 * text (there is text above what the window shows). */
bool tb_scrolled(const textbuf *tb);

/* The layout for drawing: a window of `rows` visual rows at wrap `width`.
 * The buffer keeps a top row (as a byte offset of a visual-row start) and
 * scrolls it just enough to show the cursor.  Fills view[0..n) with the
 * byte ranges of the rows shown (end excludes the '\n'), sets the cursor's
 * row (0-based within the window) and column (display columns), returns n.
 * Rows beyond the end of the text are not filled. */
typedef struct tb_row { size_t start, end; } tb_row;
int tb_layout(textbuf *tb, int width, int rows, tb_row *view, int *cur_row, int *cur_col);

#endif
