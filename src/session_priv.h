/* session_priv.h — what the session's two files share: session.c (the
 * buffer, saving, the policy) and session_recover.c (recovery files when
 * the database refuses, emergency files out of memory).  Not part of the
 * API: only src/session*.c include it. */
#ifndef EXITVIEW_SESSION_PRIV_H
#define EXITVIEW_SESSION_PRIV_H

#include "exitview/session.h"

/* A word for the interviewer through the notice callback. */
void session_say(session *s, bool error, const char *fmt, ...) EV_PRINTF(3, 4);
/* The slot of answer index a (the questions, then opening and closing). */
int session_answer_slot(const session *s, int a);
/* Where row's notes live in the interview. */
char **session_row_slot_notes(const session *s, int row);
/* The buffer changed since the last save: its row is marked unsaved. */
void session_take_text(session *s);
/* The buffer holds new text that must be saved whatever its generation. */
void session_buffer_replaced(session *s);
/* Row r's notes as text to save, not a copy: valid until the next change
 * of the buffer (the buffer's row) or of the interview's notes of r. */
const char *session_row_text(const session *s, int r);

#endif
