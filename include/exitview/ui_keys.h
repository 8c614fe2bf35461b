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
 *   SECTION(ID, N_("heading")) a help section, in the order the help shows them
 *   ACTION(NAME)              the action A_NAME
 *   ROW(ID, N_("keys"), N_("what they do"), panes, N_("hint") or NULL, bindings...)
 *                             a help line of section ID; hint: the status line's
 *   KEY(code, NAME)           a key code (as ui_term_getkey() returns it) that
 *                             triggers A_NAME in the row's panes
 *   KEY_IN(code, NAME, panes) the same in other panes than the row's
 * A row without a binding of its own ("Typing") has KEY(0, NONE).  The key
 * codes (KD_*, UI_CTRL, UI_ESC) are expanded only in ui_keys.c, which has
 * ui_term.h.  tests/tools/keys_mdoc.py reads SECTION and ROW from here.
 * Every text is N_() (xgettext reads this header: make po) and is shown
 * through _(): the keys as a Swedish user names them ("Blanksteg"), the
 * help and the hints in the reader's language; keys_mdoc.py writes the
 * Swedish KEYS section from the same rows and src/po/sv.po.
 */
#define UI_KEYS(SECTION, ACTION, ROW, KEY, KEY_IN) \
	SECTION(ANY, N_("Anywhere")) \
	ACTION(HELP) ACTION(REDRAW) ACTION(SUSPEND) \
	ROW(ANY, N_("F1"), N_("help overlay: every key binding"), P_ANY & ~P_HELP, N_("F1 help"), \
	    KEY(KD_F(1), HELP)) \
	ROW(ANY, N_("Ctrl-L"), N_("redraw the screen"), P_ANY, NULL, \
	    KEY(UI_CTRL('L'), REDRAW)) \
	ROW(ANY, N_("Ctrl-Z"), N_("suspend exitview (everything saved first); fg resumes"), P_ANY & ~P_HELP, NULL, \
	    KEY(UI_CTRL('Z'), SUSPEND)) \
	\
	SECTION(IV, N_("Interview screen, any pane")) \
	ACTION(NEXT_PANE) ACTION(PREV_PANE) ACTION(NEXT_Q) ACTION(PREV_Q) ACTION(EXTERNAL) \
	ACTION(DETAILS) ACTION(CLOSE) ACTION(LEAVE) ACTION(RECOVER) ACTION(RATE) ACTION(UNRATE) \
	ACTION(SKIP) ACTION(ACTION_ADD) ACTION(ACTION_EDIT) \
	ROW(IV, N_("Typing"), N_("always writes the notes of the current question, whatever pane has focus (focus moves to the notes)"), P_IV, NULL, \
	    KEY(0, NONE)) \
	ROW(IV, N_("Ctrl-N"), N_("the next question's notes"), P_IV, N_("^N/^P question"), \
	    KEY(UI_CTRL('N'), NEXT_Q)) \
	ROW(IV, N_("Ctrl-P"), N_("the previous question's notes"), P_IV, NULL, \
	    KEY(UI_CTRL('P'), PREV_Q)) \
	ROW(IV, N_("Alt-1 ... Alt-5"), N_("rate the current question on the scorecard"), P_IV, N_("Alt-1..5 rate"), \
	    KEY(KD_ALT('1'), RATE), KEY(KD_ALT('2'), RATE), KEY(KD_ALT('3'), RATE), \
	    KEY(KD_ALT('4'), RATE), KEY(KD_ALT('5'), RATE)) \
	ROW(IV, N_("Alt-0"), N_("clear the rating"), P_IV, NULL, \
	    KEY(KD_ALT('0'), UNRATE)) \
	ROW(IV, N_("Alt-S"), N_("mark the question skipped / not skipped"), P_IV, NULL, \
	    KEY(KD_ALT('s'), SKIP), KEY(KD_ALT('S'), SKIP)) \
	ROW(IV, N_("F3"), N_("the notes line under the cursor becomes an action item of the question, saved at once (in Action items: moved there)"), P_IV, NULL, \
	    KEY(KD_F(3), ACTION_ADD)) \
	ROW(IV, N_("F4"), N_("Action items: edit the chosen one (text, owner, due date)"), P_IV, NULL, \
	    KEY(KD_F(4), ACTION_EDIT)) \
	ROW(IV, N_("Ctrl-X, Ctrl-Q"), N_("leave: everything is saved, the interview stays open to resume"), P_IV, N_("^X leave"), \
	    KEY(UI_CTRL('X'), LEAVE), KEY(UI_CTRL('Q'), LEAVE)) \
	ROW(IV, N_("F10"), N_("close the interview: asks first, naming the employee; writes the report, read-only after"), P_IV, N_("F10 close"), \
	    KEY(KD_F(10), CLOSE)) \
	ROW(IV, N_("Tab"), N_("next pane: question list, prompt, notes"), P_IV, N_("Tab pane"), \
	    KEY('\t', NEXT_PANE)) \
	ROW(IV, N_("Shift-Tab"), N_("previous pane"), P_IV, NULL, \
	    KEY(KD_BTAB, PREV_PANE)) \
	ROW(IV, N_("F2, Ctrl-T"), N_("interview details: employee, role, dates, reasons for leaving, rehire"), P_IV, N_("F2 details"), \
	    KEY(KD_F(2), DETAILS), KEY(UI_CTRL('T'), DETAILS)) \
	ROW(IV, N_("F5"), N_("add notes kept in recovery files (after a failed save) to their questions; offered on opening"), P_IV, NULL, \
	    KEY(KD_F(5), RECOVER)) \
	ROW(IV, N_("Ctrl-O"), N_("edit the notes in $VISUAL or $EDITOR (else sensible-editor, editor, vi), then return"), P_IV, N_("^O editor"), \
	    KEY(UI_CTRL('O'), EXTERNAL)) \
	\
	SECTION(LIST, N_("Question list")) \
	ACTION(UP) ACTION(DOWN) ACTION(OPEN) \
	ROW(LIST, N_("Up, Down"), N_("choose a question"), P_LIST, NULL, \
	    KEY(KD_UP, UP), KEY(KD_DOWN, DOWN)) \
	ROW(LIST, N_("Enter"), N_("write the notes of the chosen question (an action item in the prompt pane: edit it)"), P_LIST | P_PROMPT, N_("Enter notes"), \
	    KEY('\r', OPEN), KEY('\n', OPEN)) \
	\
	SECTION(PROMPT, N_("Prompt pane")) \
	ACTION(MARK) ACTION(ACTION_DELETE) \
	ROW(PROMPT, N_("Up, Down"), N_("choose a follow-up question or checklist item; past the last one, scroll down to the hint"), P_PROMPT, NULL, \
	    KEY(KD_UP, UP), KEY(KD_DOWN, DOWN)) \
	ROW(PROMPT, N_("Space"), N_("mark the chosen follow-up asked, or checklist or action item done, or not"), P_PROMPT, N_("Space asked"), \
	    KEY(' ', MARK)) \
	ROW(PROMPT, N_("Delete"), N_("Action items: delete the chosen one (asks first, naming it)"), P_PROMPT, NULL, \
	    KEY(KD_DELETE, ACTION_DELETE)) \
	\
	SECTION(ED, N_("Notes editor and text fields")) \
	ACTION(TO_LIST) ACTION(ED_LEFT) ACTION(ED_RIGHT) ACTION(ED_UP) ACTION(ED_DOWN) \
	ACTION(ED_WORD_LEFT) ACTION(ED_WORD_RIGHT) ACTION(ED_HOME) ACTION(ED_END) \
	ACTION(ED_LINE_START) ACTION(ED_LINE_END) ACTION(ED_PGUP) ACTION(ED_PGDN) \
	ACTION(ED_BACKSPACE) ACTION(ED_DELETE) ACTION(ED_NEWLINE) ACTION(ED_CUT_EOL) \
	ACTION(ED_CUT_BOL) ACTION(ED_CUT_WORD) ACTION(ED_YANK) ACTION(UNDO) ACTION(REDO) \
	ROW(ED, N_("Left, Right"), N_("move one character"), P_EDITOR | P_FORM, NULL, \
	    KEY(KD_LEFT, ED_LEFT), KEY(KD_RIGHT, ED_RIGHT)) \
	ROW(ED, N_("Up, Down"), N_("move one line"), P_EDITOR, NULL, \
	    KEY(KD_UP, ED_UP), KEY(KD_DOWN, ED_DOWN)) \
	ROW(ED, N_("Ctrl-Left, Ctrl-Right"), N_("move one word (also Alt-B, Alt-F)"), P_EDITOR | P_FORM, NULL, \
	    KEY(KD_CLEFT, ED_WORD_LEFT), KEY(KD_CRIGHT, ED_WORD_RIGHT), \
	    KEY(KD_ALT('b'), ED_WORD_LEFT), KEY(KD_ALT('f'), ED_WORD_RIGHT)) \
	ROW(ED, N_("Home, End"), N_("start / end of the line on screen"), P_EDITOR | P_FORM, NULL, \
	    KEY(KD_HOME, ED_HOME), KEY(KD_END, ED_END)) \
	ROW(ED, N_("Ctrl-A, Ctrl-E"), N_("start / end of the paragraph"), P_EDITOR | P_FORM, NULL, \
	    KEY(UI_CTRL('A'), ED_LINE_START), KEY(UI_CTRL('E'), ED_LINE_END)) \
	ROW(ED, N_("PgUp, PgDn"), N_("move one page"), P_EDITOR, NULL, \
	    KEY(KD_PGUP, ED_PGUP), KEY(KD_PGDN, ED_PGDN)) \
	ROW(ED, N_("Backspace, Delete"), N_("delete the character before / under the cursor (Ctrl-H, Ctrl-D too)"), P_EDITOR | P_FORM, NULL, \
	    KEY(0x7f, ED_BACKSPACE), KEY(UI_CTRL('H'), ED_BACKSPACE), KEY(KD_DELETE, ED_DELETE), \
	    KEY(UI_CTRL('D'), ED_DELETE)) \
	ROW(ED, N_("Enter"), N_("new line"), P_EDITOR, NULL, \
	    KEY('\r', ED_NEWLINE), KEY('\n', ED_NEWLINE)) \
	ROW(ED, N_("Ctrl-K"), N_("cut to the end of the line"), P_EDITOR | P_FORM, NULL, \
	    KEY(UI_CTRL('K'), ED_CUT_EOL)) \
	ROW(ED, N_("Ctrl-U"), N_("cut to the start of the line"), P_EDITOR | P_FORM, NULL, \
	    KEY(UI_CTRL('U'), ED_CUT_BOL)) \
	ROW(ED, N_("Ctrl-W"), N_("cut the previous word"), P_EDITOR | P_FORM, NULL, \
	    KEY(UI_CTRL('W'), ED_CUT_WORD)) \
	ROW(ED, N_("Ctrl-Y"), N_("paste the last cut"), P_EDITOR | P_FORM, NULL, \
	    KEY(UI_CTRL('Y'), ED_YANK)) \
	ROW(ED, N_("Ctrl-_, Alt-U"), N_("undo: a typed word, a cut, a paste are one step each"), P_EDITOR | P_FORM, N_("Alt-U undo"), \
	    KEY(0x1f, UNDO), KEY(KD_ALT('u'), UNDO), KEY(KD_ALT('U'), UNDO)) \
	ROW(ED, N_("Alt-E"), N_("redo what was undone"), P_EDITOR | P_FORM, NULL, \
	    KEY(KD_ALT('e'), REDO), KEY(KD_ALT('E'), REDO)) \
	ROW(ED, N_("Esc"), N_("back to the question list (from the prompt pane too)"), P_EDITOR, NULL, \
	    KEY_IN(UI_ESC, TO_LIST, P_EDITOR | P_PROMPT)) \
	\
	SECTION(START, N_("Start screen")) \
	ACTION(PGUP) ACTION(PGDN) ACTION(FILTER_CLEAR) ACTION(QUIT) ACTION(SEARCH) \
	ROW(START, N_("Up, Down"), N_("choose a row: New interview, or an interview"), P_START, NULL, \
	    KEY(KD_UP, UP), KEY(KD_DOWN, DOWN), KEY(UI_CTRL('P'), UP), KEY(UI_CTRL('N'), DOWN)) \
	ROW(START, N_("PgUp, PgDn"), N_("one page up / down"), P_START, NULL, \
	    KEY(KD_PGUP, PGUP), KEY(KD_PGDN, PGDN)) \
	ROW(START, N_("Enter"), N_("begin a new interview, resume an open one, or view a closed one"), P_START, N_("Enter open"), \
	    KEY('\r', OPEN), KEY('\n', OPEN)) \
	ROW(START, N_("Typing"), N_("filter by the beginnings of the words of employee, role, department, manager or ID (any case)"), P_START, N_("type to filter"), \
	    KEY(0, NONE)) \
	ROW(START, N_("/"), N_("search the notes and action items of every interview: type words, quoted phrases or word*; Enter lists the hits, Enter on one opens it, Esc back to the list"), P_START, N_("/ search"), \
	    KEY('/', SEARCH)) \
	ROW(START, N_("Backspace, Ctrl-U"), N_("delete a filter character / the whole filter"), P_START, NULL, \
	    KEY(0x7f, ED_BACKSPACE), KEY(UI_CTRL('H'), ED_BACKSPACE), \
	    KEY(UI_CTRL('U'), FILTER_CLEAR)) \
	ROW(START, N_("Esc"), N_("leave the search; clear the filter; without one, quit"), P_START, NULL, \
	    KEY(UI_ESC, QUIT)) \
	ROW(START, N_("Ctrl-X, Ctrl-Q"), N_("quit"), P_START, N_("^X quit"), \
	    KEY(UI_CTRL('X'), QUIT), KEY(UI_CTRL('Q'), QUIT)) \
	\
	SECTION(FORM, N_("Forms: new interview and details")) \
	ACTION(FIELD_NEXT) ACTION(FIELD_PREV) ACTION(CHOICE_NEXT) ACTION(FORM_DONE) \
	ACTION(FORM_LEAVE) ACTION(FORM_QUIT) \
	ROW(FORM, N_("Tab, Down, Enter"), N_("next field"), P_FORM, N_("Tab next"), \
	    KEY('\t', FIELD_NEXT), KEY(KD_DOWN, FIELD_NEXT), KEY('\r', FIELD_NEXT), \
	    KEY('\n', FIELD_NEXT)) \
	ROW(FORM, N_("Shift-Tab, Up"), N_("previous field"), P_FORM, NULL, \
	    KEY(KD_BTAB, FIELD_PREV), KEY(KD_UP, FIELD_PREV)) \
	ROW(FORM, N_("Space"), N_("next choice in a choice field (Left, Right also change it)"), P_FORM, N_("Space choose"), \
	    KEY(' ', CHOICE_NEXT)) \
	ROW(FORM, N_("F2, Ctrl-T"), N_("save the details (a new interview: begin it)"), P_FORM, N_("F2 done"), \
	    KEY(KD_F(2), FORM_DONE), KEY(UI_CTRL('T'), FORM_DONE)) \
	ROW(FORM, N_("Esc"), N_("leave the form; a value that is not valid is not kept (a new interview: asks before discarding)"), P_FORM, N_("Esc back"), \
	    KEY(UI_ESC, FORM_LEAVE)) \
	ROW(FORM, N_("Ctrl-X, Ctrl-Q"), N_("save what is valid and leave, as from the interview screen"), P_FORM, N_("^X leave"), \
	    KEY(UI_CTRL('X'), FORM_QUIT), KEY(UI_CTRL('Q'), FORM_QUIT)) \
	\
	SECTION(HELP, N_("Help overlay")) \
	ACTION(HELP_CLOSE) \
	ROW(HELP, N_("Up, Down, PgUp, PgDn"), N_("scroll the help"), P_HELP, NULL, \
	    KEY(KD_UP, UP), KEY(KD_DOWN, DOWN), KEY('k', UP), KEY('j', DOWN), \
	    KEY(KD_PGUP, PGUP), KEY(KD_PGDN, PGDN)) \
	ROW(HELP, N_("Esc, q, F1"), N_("close the help"), P_HELP, NULL, \
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
	/* the texts in English, each N_(): shown through _() */
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
