/* ui_keys.h — THE key table.  One row per help line: the keys as shown,
 * what they do, where they work, and the key codes that trigger which
 * action.  Dispatch (ui_keys_action), the F1 help overlay (ui_help.c), the
 * status-line hints (ui_keys_hints) and the man page's KEYS section
 * (tests/tools/keys_mdoc.py, make man-keys) all read this one table.
 */
#ifndef EXITVIEW_UI_KEYS_H
#define EXITVIEW_UI_KEYS_H

#include <stddef.h>

/* Panes (and screens) a key works in. */
enum {
	P_LIST = 1 << 0,      /* interview: question list */
	P_PROMPT = 1 << 1,    /* interview: prompt and follow-ups */
	P_EDITOR = 1 << 2,    /* interview: notes editor */
	P_START = 1 << 3,     /* start screen */
	P_FORM = 1 << 4,      /* details / new-interview form */
	P_HELP = 1 << 5,      /* the help overlay */
	P_IV = P_LIST | P_PROMPT | P_EDITOR,
	P_ANY = P_IV | P_START | P_FORM | P_HELP,
};

/* The table as one X-macro list (as tig's REQ_INFO), read once for the
 * action enum and once for the sections and rows (ui_keys.c):
 *   SECTION(ID, "heading")    a help section, in the order the help shows them
 *   ACTION(NAME)              the action A_NAME
 *   ROW(ID, "keys", "what they do", panes, "hint" or NULL, bindings...)
 *                             a help line of section ID; hint: the status line's
 *   KEY(code, NAME)           a key code (as ui_term_getkey() returns it) that
 *                             triggers A_NAME in the row's panes
 *   KEY_IN(code, NAME, panes) the same in other panes than the row's
 * A row without a binding of its own ("Typing") has KEY(0, NONE).  The key
 * codes (KD_*, UI_CTRL, UI_ESC) are expanded only in ui_keys.c, which has
 * ui_term.h.  tests/tools/keys_mdoc.py reads SECTION and ROW from here.
 */
#define UI_KEYS(SECTION, ACTION, ROW, KEY, KEY_IN) \
	SECTION(ANY, "Anywhere") \
	ACTION(HELP) ACTION(REDRAW) ACTION(SUSPEND) \
	ROW(ANY, "F1", "help overlay: every key binding", P_ANY & ~P_HELP, "F1 help", \
	    KEY(KD_F(1), HELP)) \
	ROW(ANY, "Ctrl-L", "redraw the screen", P_ANY, NULL, \
	    KEY(UI_CTRL('L'), REDRAW)) \
	ROW(ANY, "Ctrl-Z", "suspend exitview (everything saved first); fg resumes", P_ANY & ~P_HELP, NULL, \
	    KEY(UI_CTRL('Z'), SUSPEND)) \
	\
	SECTION(IV, "Interview screen, any pane") \
	ACTION(NEXT_PANE) ACTION(PREV_PANE) ACTION(NEXT_Q) ACTION(PREV_Q) ACTION(EXTERNAL) \
	ACTION(DETAILS) ACTION(CLOSE) ACTION(LEAVE) ACTION(RECOVER) ACTION(RATE) ACTION(UNRATE) \
	ACTION(SKIP) ACTION(ACTION_ADD) ACTION(ACTION_EDIT) \
	ROW(IV, "Typing", "always writes the notes of the current question, whatever pane has focus (focus moves to the notes)", P_IV, NULL, \
	    KEY(0, NONE)) \
	ROW(IV, "Ctrl-N", "the next question's notes", P_IV, "^N/^P question", \
	    KEY(UI_CTRL('N'), NEXT_Q)) \
	ROW(IV, "Ctrl-P", "the previous question's notes", P_IV, NULL, \
	    KEY(UI_CTRL('P'), PREV_Q)) \
	ROW(IV, "Alt-1 ... Alt-5", "rate the current question on the scorecard", P_IV, "Alt-1..5 rate", \
	    KEY(KD_ALT('1'), RATE), KEY(KD_ALT('2'), RATE), KEY(KD_ALT('3'), RATE), \
	    KEY(KD_ALT('4'), RATE), KEY(KD_ALT('5'), RATE)) \
	ROW(IV, "Alt-0", "clear the rating", P_IV, NULL, \
	    KEY(KD_ALT('0'), UNRATE)) \
	ROW(IV, "Alt-S", "mark the question skipped / not skipped", P_IV, NULL, \
	    KEY(KD_ALT('s'), SKIP), KEY(KD_ALT('S'), SKIP)) \
	ROW(IV, "F3", "the notes line under the cursor becomes an action item of the question, saved at once (in Action items: moved there)", P_IV, NULL, \
	    KEY(KD_F(3), ACTION_ADD)) \
	ROW(IV, "F4", "Action items: edit the chosen one (text, owner, due date)", P_IV, NULL, \
	    KEY(KD_F(4), ACTION_EDIT)) \
	ROW(IV, "Ctrl-X, Ctrl-Q", "leave: everything is saved, the interview stays open to resume", P_IV, "^X leave", \
	    KEY(UI_CTRL('X'), LEAVE), KEY(UI_CTRL('Q'), LEAVE)) \
	ROW(IV, "F10", "close the interview: asks first, naming the employee; writes the report, read-only after", P_IV, "F10 close", \
	    KEY(KD_F(10), CLOSE)) \
	ROW(IV, "Tab", "next pane: question list, prompt, notes", P_IV, "Tab pane", \
	    KEY('\t', NEXT_PANE)) \
	ROW(IV, "Shift-Tab", "previous pane", P_IV, NULL, \
	    KEY(KD_BTAB, PREV_PANE)) \
	ROW(IV, "F2, Ctrl-T", "interview details: employee, role, dates, reasons for leaving, rehire", P_IV, "F2 details", \
	    KEY(KD_F(2), DETAILS), KEY(UI_CTRL('T'), DETAILS)) \
	ROW(IV, "F5", "add notes kept in recovery files (after a failed save) to their questions; offered on opening", P_IV, NULL, \
	    KEY(KD_F(5), RECOVER)) \
	ROW(IV, "Ctrl-O", "edit the notes in $VISUAL or $EDITOR (else sensible-editor, editor, vi), then return", P_IV, "^O editor", \
	    KEY(UI_CTRL('O'), EXTERNAL)) \
	\
	SECTION(LIST, "Question list") \
	ACTION(UP) ACTION(DOWN) ACTION(OPEN) \
	ROW(LIST, "Up, Down", "choose a question", P_LIST, NULL, \
	    KEY(KD_UP, UP), KEY(KD_DOWN, DOWN)) \
	ROW(LIST, "Enter", "write the notes of the chosen question (an action item in the prompt pane: edit it)", P_LIST | P_PROMPT, "Enter notes", \
	    KEY('\r', OPEN), KEY('\n', OPEN)) \
	\
	SECTION(PROMPT, "Prompt pane") \
	ACTION(MARK) \
	ROW(PROMPT, "Up, Down", "choose a follow-up question or checklist item; past the last one, scroll down to the hint", P_PROMPT, NULL, \
	    KEY(KD_UP, UP), KEY(KD_DOWN, DOWN)) \
	ROW(PROMPT, "Space", "mark the chosen follow-up asked, or checklist or action item done, or not", P_PROMPT, "Space asked", \
	    KEY(' ', MARK)) \
	\
	SECTION(ED, "Notes editor and text fields") \
	ACTION(TO_LIST) ACTION(ED_LEFT) ACTION(ED_RIGHT) ACTION(ED_UP) ACTION(ED_DOWN) \
	ACTION(ED_WORD_LEFT) ACTION(ED_WORD_RIGHT) ACTION(ED_HOME) ACTION(ED_END) \
	ACTION(ED_LINE_START) ACTION(ED_LINE_END) ACTION(ED_PGUP) ACTION(ED_PGDN) \
	ACTION(ED_BACKSPACE) ACTION(ED_DELETE) ACTION(ED_NEWLINE) ACTION(ED_CUT_EOL) \
	ACTION(ED_CUT_BOL) ACTION(ED_CUT_WORD) ACTION(ED_YANK) ACTION(UNDO) ACTION(REDO) \
	ROW(ED, "Left, Right", "move one character", P_EDITOR | P_FORM, NULL, \
	    KEY(KD_LEFT, ED_LEFT), KEY(KD_RIGHT, ED_RIGHT)) \
	ROW(ED, "Up, Down", "move one line", P_EDITOR, NULL, \
	    KEY(KD_UP, ED_UP), KEY(KD_DOWN, ED_DOWN)) \
	ROW(ED, "Ctrl-Left, Ctrl-Right", "move one word (also Alt-B, Alt-F)", P_EDITOR | P_FORM, NULL, \
	    KEY(KD_CLEFT, ED_WORD_LEFT), KEY(KD_CRIGHT, ED_WORD_RIGHT), \
	    KEY(KD_ALT('b'), ED_WORD_LEFT), KEY(KD_ALT('f'), ED_WORD_RIGHT)) \
	ROW(ED, "Home, End", "start / end of the line on screen", P_EDITOR | P_FORM, NULL, \
	    KEY(KD_HOME, ED_HOME), KEY(KD_END, ED_END)) \
	ROW(ED, "Ctrl-A, Ctrl-E", "start / end of the paragraph", P_EDITOR | P_FORM, NULL, \
	    KEY(UI_CTRL('A'), ED_LINE_START), KEY(UI_CTRL('E'), ED_LINE_END)) \
	ROW(ED, "PgUp, PgDn", "move one page", P_EDITOR, NULL, \
	    KEY(KD_PGUP, ED_PGUP), KEY(KD_PGDN, ED_PGDN)) \
	ROW(ED, "Backspace, Delete", "delete the character before / under the cursor (Ctrl-H, Ctrl-D too)", P_EDITOR | P_FORM, NULL, \
	    KEY(0x7f, ED_BACKSPACE), KEY(UI_CTRL('H'), ED_BACKSPACE), KEY(KD_DELETE, ED_DELETE), \
	    KEY(UI_CTRL('D'), ED_DELETE)) \
	ROW(ED, "Enter", "new line", P_EDITOR, NULL, \
	    KEY('\r', ED_NEWLINE), KEY('\n', ED_NEWLINE)) \
	ROW(ED, "Ctrl-K", "cut to the end of the line", P_EDITOR | P_FORM, NULL, \
	    KEY(UI_CTRL('K'), ED_CUT_EOL)) \
	ROW(ED, "Ctrl-U", "cut to the start of the line", P_EDITOR | P_FORM, NULL, \
	    KEY(UI_CTRL('U'), ED_CUT_BOL)) \
	ROW(ED, "Ctrl-W", "cut the previous word", P_EDITOR | P_FORM, NULL, \
	    KEY(UI_CTRL('W'), ED_CUT_WORD)) \
	ROW(ED, "Ctrl-Y", "paste the last cut", P_EDITOR | P_FORM, NULL, \
	    KEY(UI_CTRL('Y'), ED_YANK)) \
	ROW(ED, "Ctrl-_, Alt-U", "undo: a typed word, a cut, a paste are one step each", P_EDITOR | P_FORM, "Alt-U undo", \
	    KEY(0x1f, UNDO), KEY(KD_ALT('u'), UNDO), KEY(KD_ALT('U'), UNDO)) \
	ROW(ED, "Alt-E", "redo what was undone", P_EDITOR | P_FORM, NULL, \
	    KEY(KD_ALT('e'), REDO), KEY(KD_ALT('E'), REDO)) \
	ROW(ED, "Esc", "back to the question list (from the prompt pane too)", P_EDITOR, NULL, \
	    KEY_IN(UI_ESC, TO_LIST, P_EDITOR | P_PROMPT)) \
	\
	SECTION(START, "Start screen") \
	ACTION(PGUP) ACTION(PGDN) ACTION(FILTER_CLEAR) ACTION(QUIT) ACTION(SEARCH) \
	ROW(START, "Up, Down", "choose a row: New interview, or an interview", P_START, NULL, \
	    KEY(KD_UP, UP), KEY(KD_DOWN, DOWN), KEY(UI_CTRL('P'), UP), KEY(UI_CTRL('N'), DOWN)) \
	ROW(START, "PgUp, PgDn", "one page up / down", P_START, NULL, \
	    KEY(KD_PGUP, PGUP), KEY(KD_PGDN, PGDN)) \
	ROW(START, "Enter", "begin a new interview, resume an open one, or view a closed one", P_START, "Enter open", \
	    KEY('\r', OPEN), KEY('\n', OPEN)) \
	ROW(START, "Typing", "filter by the beginnings of the words of employee, role, department, manager or ID (any case)", P_START, "type to filter", \
	    KEY(0, NONE)) \
	ROW(START, "/", "search the notes and action items of every interview: type words, quoted phrases or word*; Enter lists the hits, Enter on one opens it, Esc back to the list", P_START, "/ search", \
	    KEY('/', SEARCH)) \
	ROW(START, "Backspace, Ctrl-U", "delete a filter character / the whole filter", P_START, NULL, \
	    KEY(0x7f, ED_BACKSPACE), KEY(UI_CTRL('H'), ED_BACKSPACE), \
	    KEY(UI_CTRL('U'), FILTER_CLEAR)) \
	ROW(START, "Esc", "leave the search; clear the filter; without one, quit", P_START, NULL, \
	    KEY(UI_ESC, QUIT)) \
	ROW(START, "Ctrl-X, Ctrl-Q", "quit", P_START, "^X quit", \
	    KEY(UI_CTRL('X'), QUIT), KEY(UI_CTRL('Q'), QUIT)) \
	\
	SECTION(FORM, "Forms: new interview and details") \
	ACTION(FIELD_NEXT) ACTION(FIELD_PREV) ACTION(CHOICE_NEXT) ACTION(FORM_DONE) \
	ACTION(FORM_LEAVE) ACTION(FORM_QUIT) \
	ROW(FORM, "Tab, Down, Enter", "next field", P_FORM, "Tab next", \
	    KEY('\t', FIELD_NEXT), KEY(KD_DOWN, FIELD_NEXT), KEY('\r', FIELD_NEXT), \
	    KEY('\n', FIELD_NEXT)) \
	ROW(FORM, "Shift-Tab, Up", "previous field", P_FORM, NULL, \
	    KEY(KD_BTAB, FIELD_PREV), KEY(KD_UP, FIELD_PREV)) \
	ROW(FORM, "Space", "next choice in a choice field (Left, Right also change it)", P_FORM, "Space choose", \
	    KEY(' ', CHOICE_NEXT)) \
	ROW(FORM, "F2, Ctrl-T", "save the details (a new interview: begin it)", P_FORM, "F2 done", \
	    KEY(KD_F(2), FORM_DONE), KEY(UI_CTRL('T'), FORM_DONE)) \
	ROW(FORM, "Esc", "leave the form; a value that is not valid is not kept (a new interview: asks before discarding)", P_FORM, "Esc back", \
	    KEY(UI_ESC, FORM_LEAVE)) \
	ROW(FORM, "Ctrl-X, Ctrl-Q", "save what is valid and leave, as from the interview screen", P_FORM, "^X leave", \
	    KEY(UI_CTRL('X'), FORM_QUIT), KEY(UI_CTRL('Q'), FORM_QUIT)) \
	\
	SECTION(HELP, "Help overlay") \
	ACTION(HELP_CLOSE) \
	ROW(HELP, "Up, Down, PgUp, PgDn", "scroll the help", P_HELP, NULL, \
	    KEY(KD_UP, UP), KEY(KD_DOWN, DOWN), KEY('k', UP), KEY('j', DOWN), \
	    KEY(KD_PGUP, PGUP), KEY(KD_PGDN, PGDN)) \
	ROW(HELP, "Esc, q, F1", "close the help", P_HELP, NULL, \
	    KEY(UI_ESC, HELP_CLOSE), KEY('q', HELP_CLOSE), KEY(KD_F(1), HELP_CLOSE))

enum ui_action {
	A_NONE = 0,
#define UI_KEYS_ACTION_(name) A_##name,
#define UI_KEYS_SKIP_(...)
	UI_KEYS(UI_KEYS_SKIP_, UI_KEYS_ACTION_, UI_KEYS_SKIP_, UI_KEYS_SKIP_, UI_KEYS_SKIP_)
#undef UI_KEYS_ACTION_
#undef UI_KEYS_SKIP_
	A_COUNT
};

typedef struct ui_binding {
	int key;                  /* as ui_term_getkey() returns it */
	enum ui_action action;
	unsigned panes;           /* 0: the row's panes */
} ui_binding;

#define UI_KEYS_MAXBIND 6

typedef struct ui_keyrow {
	const char *section;      /* help heading */
	const char *keys;         /* the keys as people read them: "F10, Ctrl-X" */
	const char *help;         /* what they do */
	unsigned panes;           /* where the row's bindings work */
	const char *hint;         /* status-line hint ("^X leave") or NULL */
	ui_binding bind[UI_KEYS_MAXBIND];
} ui_keyrow;

extern const ui_keyrow ui_keytab[];
extern const size_t ui_keytab_len;

/* The action key has in pane (one P_* bit), or A_NONE. */
enum ui_action ui_keys_action(unsigned pane, int key);
/* The status-line hints of a pane, joined by two spaces, into out: first
 * those particular to the pane, then those of its whole screen; only
 * whole hints, in at most cols columns (0: no limit). */
void ui_keys_hints(unsigned pane, int cols, char *out, size_t size);

#endif
