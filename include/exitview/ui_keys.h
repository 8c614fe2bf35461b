/* ui_keys.h — THE key table.  One row per help line: the keys as shown,
 * what they do, where they work, and the key codes that trigger which
 * action.  Dispatch (ui_keys_action), the F1 help overlay (ui_help.c), the
 * status-line hints (ui_keys_hints) and the test that the man page's KEYS
 * section names every row all read this one table.
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

enum ui_action {
	A_NONE = 0,
	/* anywhere */
	A_HELP, A_REDRAW, A_SUSPEND,
	/* interview screen */
	A_NEXT_PANE, A_PREV_PANE, A_NEXT_Q, A_PREV_Q, A_EXTERNAL, A_DETAILS,
	A_CLOSE, A_LEAVE, A_RECOVER,
	/* any pane of the interview screen */
	A_RATE, A_UNRATE, A_SKIP,
	/* list / prompt */
	A_UP, A_DOWN, A_OPEN, A_MARK,
	/* notes editor (and the form's text fields) */
	A_TO_LIST, A_ED_LEFT, A_ED_RIGHT, A_ED_UP, A_ED_DOWN, A_ED_WORD_LEFT,
	A_ED_WORD_RIGHT, A_ED_HOME, A_ED_END, A_ED_LINE_START, A_ED_LINE_END,
	A_ED_PGUP, A_ED_PGDN, A_ED_BACKSPACE, A_ED_DELETE, A_ED_NEWLINE,
	A_ED_CUT_EOL, A_ED_CUT_BOL, A_ED_CUT_WORD, A_ED_YANK, A_UNDO, A_REDO,
	/* start screen */
	A_PGUP, A_PGDN, A_FILTER_CLEAR, A_QUIT,
	/* form */
	A_FIELD_NEXT, A_FIELD_PREV, A_CHOICE_NEXT, A_FORM_DONE, A_FORM_LEAVE, A_FORM_QUIT,
	/* help overlay */
	A_HELP_CLOSE,
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
