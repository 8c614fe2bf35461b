/* ui_keys.c — the one key table (the list in ui_keys.h) laid out for
 * dispatch, the help overlay and the hints; the man page's KEYS section
 * comes from the same list (tests/e2e/keys_doc.sh checks it does). */
#include "exitview/ui_keys.h"

#include <stdio.h>
#include <string.h>

#include "exitview/i18n.h"
#include "exitview/ui_term.h"
#include "exitview/utf8.h"

/* The sections' headings, then the rows, from the one list (ui_keys.h). */
#define SECTION_NAME(id, title) static const char section_##id[] = title;
#define ROW_INIT(sec, keys, help, panes, hint, ...) \
	{ section_##sec, keys, help, panes, hint, { __VA_ARGS__ } },
#define KEY_INIT(key, name) { key, A_##name, 0 }
#define KEY_IN_INIT(key, name, panes) { key, A_##name, panes }
#define SKIP(...)

UI_KEYS(SECTION_NAME, SKIP, SKIP, SKIP, SKIP)

const ui_keyrow ui_keytab[] = {
	UI_KEYS(SKIP, SKIP, ROW_INIT, KEY_INIT, KEY_IN_INIT)
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
			if (!hint_add(_(r->hint), cols, out, size, &used, &width))
				return;
		}
	}
}
