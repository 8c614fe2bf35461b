/* ui_keys.c — the one key table: dispatch, help overlay, hints and the man
 * page's KEYS section all come from it (tests/e2e/keys_doc.sh checks the
 * man page names every row). */
#include "exitview/ui_keys.h"

#include <stdio.h>
#include <string.h>

#include "exitview/ui_term.h"
#include "exitview/utf8.h"

#define C(c) UI_CTRL(c)
#define ALT(c) KD_ALT(c)

/* Sections, in the order the help shows them. */
#define S_ANY "Anywhere"
#define S_IV "Interview screen, any pane"
#define S_LIST "Question list"
#define S_PROMPT "Prompt pane"
#define S_ED "Notes editor and text fields"
#define S_START "Start screen"
#define S_FORM "Forms: new interview and details"
#define S_HELP "Help overlay"

const ui_keyrow ui_keytab[] = {
	{ S_ANY, "F1", "help overlay: every key binding", P_ANY & ~P_HELP, "F1 help",
	  { { KD_F(1), A_HELP, 0 } } },
	{ S_ANY, "Ctrl-L", "redraw the screen", P_ANY, NULL,
	  { { C('L'), A_REDRAW, 0 } } },
	{ S_ANY, "Ctrl-Z", "suspend exitview (everything saved first); fg resumes", P_ANY & ~P_HELP, NULL,
	  { { C('Z'), A_SUSPEND, 0 } } },

	{ S_IV, "Typing", "always writes the notes of the current question, whatever pane has focus (focus moves to the notes)", P_IV, NULL,
	  { { 0, A_NONE, 0 } } },
	{ S_IV, "Ctrl-N", "the next question's notes", P_IV, "^N/^P question",
	  { { C('N'), A_NEXT_Q, 0 } } },
	{ S_IV, "Ctrl-P", "the previous question's notes", P_IV, NULL,
	  { { C('P'), A_PREV_Q, 0 } } },
	{ S_IV, "Alt-1 ... Alt-5", "rate the current question on the scorecard", P_IV, "Alt-1..5 rate",
	  { { ALT('1'), A_RATE, 0 }, { ALT('2'), A_RATE, 0 }, { ALT('3'), A_RATE, 0 }, { ALT('4'), A_RATE, 0 },
	    { ALT('5'), A_RATE, 0 } } },
	{ S_IV, "Alt-0", "clear the rating", P_IV, NULL,
	  { { ALT('0'), A_UNRATE, 0 } } },
	{ S_IV, "Alt-S", "mark the question skipped / not skipped", P_IV, NULL,
	  { { ALT('s'), A_SKIP, 0 }, { ALT('S'), A_SKIP, 0 } } },
	{ S_IV, "Ctrl-X, Ctrl-Q", "leave: everything is saved, the interview stays open to resume", P_IV, "^X leave",
	  { { C('X'), A_LEAVE, 0 }, { C('Q'), A_LEAVE, 0 } } },
	{ S_IV, "F10", "close the interview: asks first, naming the employee; writes the report, read-only after", P_IV, "F10 close",
	  { { KD_F(10), A_CLOSE, 0 } } },
	{ S_IV, "Tab", "next pane: question list, prompt, notes", P_IV, "Tab pane",
	  { { '\t', A_NEXT_PANE, 0 } } },
	{ S_IV, "Shift-Tab", "previous pane", P_IV, NULL,
	  { { KD_BTAB, A_PREV_PANE, 0 } } },
	{ S_IV, "F2, Ctrl-T", "interview details: employee, role, dates, reasons for leaving, rehire", P_IV, "F2 details",
	  { { KD_F(2), A_DETAILS, 0 }, { C('T'), A_DETAILS, 0 } } },
	{ S_IV, "F5", "add notes kept in recovery files (after a failed save) to their questions; offered on opening", P_IV, NULL,
	  { { KD_F(5), A_RECOVER, 0 } } },
	{ S_IV, "Ctrl-O", "edit the notes in $VISUAL or $EDITOR (else sensible-editor, editor, vi), then return", P_IV, "^O editor",
	  { { C('O'), A_EXTERNAL, 0 } } },

	{ S_LIST, "Up, Down", "choose a question", P_LIST, NULL,
	  { { KD_UP, A_UP, 0 }, { KD_DOWN, A_DOWN, 0 } } },
	{ S_LIST, "Enter", "write the notes of the chosen question", P_LIST | P_PROMPT, "Enter notes",
	  { { '\r', A_OPEN, 0 }, { '\n', A_OPEN, 0 } } },

	{ S_PROMPT, "Up, Down", "choose a follow-up question; past the last one, scroll down to the hint", P_PROMPT, NULL,
	  { { KD_UP, A_UP, 0 }, { KD_DOWN, A_DOWN, 0 } } },
	{ S_PROMPT, "Space", "mark the chosen follow-up asked / not asked", P_PROMPT, "Space asked",
	  { { ' ', A_MARK, 0 } } },

	{ S_ED, "Left, Right", "move one character", P_EDITOR | P_FORM, NULL,
	  { { KD_LEFT, A_ED_LEFT, 0 }, { KD_RIGHT, A_ED_RIGHT, 0 } } },
	{ S_ED, "Up, Down", "move one line", P_EDITOR, NULL,
	  { { KD_UP, A_ED_UP, 0 }, { KD_DOWN, A_ED_DOWN, 0 } } },
	{ S_ED, "Ctrl-Left, Ctrl-Right", "move one word (also Alt-B, Alt-F)", P_EDITOR | P_FORM, NULL,
	  { { KD_CLEFT, A_ED_WORD_LEFT, 0 }, { KD_CRIGHT, A_ED_WORD_RIGHT, 0 }, { ALT('b'), A_ED_WORD_LEFT, 0 },
	    { ALT('f'), A_ED_WORD_RIGHT, 0 } } },
	{ S_ED, "Home, End", "start / end of the line on screen", P_EDITOR | P_FORM, NULL,
	  { { KD_HOME, A_ED_HOME, 0 }, { KD_END, A_ED_END, 0 } } },
	{ S_ED, "Ctrl-A, Ctrl-E", "start / end of the paragraph", P_EDITOR | P_FORM, NULL,
	  { { C('A'), A_ED_LINE_START, 0 }, { C('E'), A_ED_LINE_END, 0 } } },
	{ S_ED, "PgUp, PgDn", "move one page", P_EDITOR, NULL,
	  { { KD_PGUP, A_ED_PGUP, 0 }, { KD_PGDN, A_ED_PGDN, 0 } } },
	{ S_ED, "Backspace, Delete", "delete the character before / under the cursor (Ctrl-H, Ctrl-D too)", P_EDITOR | P_FORM, NULL,
	  { { 0x7f, A_ED_BACKSPACE, 0 }, { C('H'), A_ED_BACKSPACE, 0 }, { KD_DELETE, A_ED_DELETE, 0 },
	    { C('D'), A_ED_DELETE, 0 } } },
	{ S_ED, "Enter", "new line", P_EDITOR, NULL,
	  { { '\r', A_ED_NEWLINE, 0 }, { '\n', A_ED_NEWLINE, 0 } } },
	{ S_ED, "Ctrl-K", "cut to the end of the line", P_EDITOR | P_FORM, NULL,
	  { { C('K'), A_ED_CUT_EOL, 0 } } },
	{ S_ED, "Ctrl-U", "cut to the start of the line", P_EDITOR | P_FORM, NULL,
	  { { C('U'), A_ED_CUT_BOL, 0 } } },
	{ S_ED, "Ctrl-W", "cut the previous word", P_EDITOR | P_FORM, NULL,
	  { { C('W'), A_ED_CUT_WORD, 0 } } },
	{ S_ED, "Ctrl-Y", "paste the last cut", P_EDITOR | P_FORM, NULL,
	  { { C('Y'), A_ED_YANK, 0 } } },
	{ S_ED, "Ctrl-_, Alt-U", "undo: a typed word, a cut, a paste are one step each", P_EDITOR | P_FORM, "Alt-U undo",
	  { { 0x1f, A_UNDO, 0 }, { ALT('u'), A_UNDO, 0 }, { ALT('U'), A_UNDO, 0 } } },
	{ S_ED, "Alt-E", "redo what was undone", P_EDITOR | P_FORM, NULL,
	  { { ALT('e'), A_REDO, 0 }, { ALT('E'), A_REDO, 0 } } },
	{ S_ED, "Esc", "back to the question list (from the prompt pane too)", P_EDITOR, NULL,
	  { { UI_ESC, A_TO_LIST, P_EDITOR | P_PROMPT } } },

	{ S_START, "Up, Down", "choose a row: New interview, or an interview", P_START, NULL,
	  { { KD_UP, A_UP, 0 }, { KD_DOWN, A_DOWN, 0 }, { C('P'), A_UP, 0 }, { C('N'), A_DOWN, 0 } } },
	{ S_START, "PgUp, PgDn", "one page up / down", P_START, NULL,
	  { { KD_PGUP, A_PGUP, 0 }, { KD_PGDN, A_PGDN, 0 } } },
	{ S_START, "Enter", "begin a new interview, resume an open one, or view a closed one", P_START, "Enter open",
	  { { '\r', A_OPEN, 0 }, { '\n', A_OPEN, 0 } } },
	{ S_START, "Typing", "filter by employee, role, department or ID", P_START, "type to filter",
	  { { 0, A_NONE, 0 } } },
	{ S_START, "Backspace, Ctrl-U", "delete a filter character / the whole filter", P_START, NULL,
	  { { 0x7f, A_ED_BACKSPACE, 0 }, { C('H'), A_ED_BACKSPACE, 0 }, { C('U'), A_FILTER_CLEAR, 0 } } },
	{ S_START, "Esc", "clear the filter; without one, quit", P_START, NULL,
	  { { UI_ESC, A_QUIT, 0 } } },
	{ S_START, "Ctrl-X, Ctrl-Q", "quit", P_START, "^X quit",
	  { { C('X'), A_QUIT, 0 }, { C('Q'), A_QUIT, 0 } } },

	{ S_FORM, "Tab, Down, Enter", "next field", P_FORM, "Tab next",
	  { { '\t', A_FIELD_NEXT, 0 }, { KD_DOWN, A_FIELD_NEXT, 0 }, { '\r', A_FIELD_NEXT, 0 },
	    { '\n', A_FIELD_NEXT, 0 } } },
	{ S_FORM, "Shift-Tab, Up", "previous field", P_FORM, NULL,
	  { { KD_BTAB, A_FIELD_PREV, 0 }, { KD_UP, A_FIELD_PREV, 0 } } },
	{ S_FORM, "Space", "next choice in a choice field (Left, Right also change it)", P_FORM, "Space choose",
	  { { ' ', A_CHOICE_NEXT, 0 } } },
	{ S_FORM, "F2, Ctrl-T", "save the details (a new interview: begin it)", P_FORM, "F2 done",
	  { { KD_F(2), A_FORM_DONE, 0 }, { C('T'), A_FORM_DONE, 0 } } },
	{ S_FORM, "Esc", "leave the form; a value that is not valid is not kept (a new interview: asks before discarding)", P_FORM, "Esc back",
	  { { UI_ESC, A_FORM_LEAVE, 0 } } },
	{ S_FORM, "Ctrl-X, Ctrl-Q", "save what is valid and leave, as from the interview screen", P_FORM, "^X leave",
	  { { C('X'), A_FORM_QUIT, 0 }, { C('Q'), A_FORM_QUIT, 0 } } },

	{ S_HELP, "Up, Down, PgUp, PgDn", "scroll the help", P_HELP, NULL,
	  { { KD_UP, A_UP, 0 }, { KD_DOWN, A_DOWN, 0 }, { 'k', A_UP, 0 }, { 'j', A_DOWN, 0 },
	    { KD_PGUP, A_PGUP, 0 }, { KD_PGDN, A_PGDN, 0 } } },
	{ S_HELP, "Esc, q, F1", "close the help", P_HELP, NULL,
	  { { UI_ESC, A_HELP_CLOSE, 0 }, { 'q', A_HELP_CLOSE, 0 }, { KD_F(1), A_HELP_CLOSE, 0 } } },
};

const size_t ui_keytab_len = sizeof ui_keytab / sizeof ui_keytab[0];

enum ui_action ui_keys_action(unsigned pane, int key)
{
	for (size_t i = 0; i < ui_keytab_len; i++) {
		const ui_keyrow *r = &ui_keytab[i];
		for (int b = 0; b < UI_KEYS_MAXBIND; b++) {
			const ui_binding *bd = &r->bind[b];
			if (bd->action == A_NONE)
				break;
			unsigned where = bd->panes ? bd->panes : r->panes;
			if (bd->key == key && (where & pane))
				return bd->action;
		}
	}
	return A_NONE;
}

/* The panes of the screen pane is part of. */
static unsigned screen_of(unsigned pane)
{
	return (pane & P_IV) ? P_IV : pane;
}

static int bits(unsigned v)
{
	int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

/* Append hint h (two blanks before it unless first) if it fits in cols
 * columns (0: no limit) and in size bytes. */
static bool hint_add(const char *h, int cols, char *out, size_t size, size_t *used, int *width)
{
	int hw = (int)utf8_width(h, strlen(h)) + (*used ? 2 : 0);
	if (cols > 0 && *width + hw > cols)
		return false;
	int n = snprintf(out + *used, size - *used, "%s%s", *used ? "  " : "", h);
	if (n < 0 || (size_t)n >= size - *used) {
		out[*used] = '\0';
		return false;
	}
	*used += (size_t)n;
	*width += hw;
	return true;
}

void ui_keys_hints(unsigned pane, int cols, char *out, size_t size)
{
	size_t used = 0;
	int width = 0;
	if (size == 0)
		return;
	out[0] = '\0';
	unsigned screen = screen_of(pane);
	/* First what is particular to the pane (the keys of fewest panes
	 * first), then what works in the whole screen, in table order. */
	for (int k = 1; k <= bits(screen); k++) {
		for (size_t i = 0; i < ui_keytab_len; i++) {
			const ui_keyrow *r = &ui_keytab[i];
			if (!r->hint || !(r->panes & pane) || bits(r->panes & screen) != k)
				continue;
			if (!hint_add(r->hint, cols, out, size, &used, &width))
				return;
		}
	}
}
