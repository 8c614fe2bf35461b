/* ui_update.h — the screen update that sends the least.
 *
 * curses sends a changed line as its difference from what the terminal
 * shows: the cells from the first change to the last, blanks over old
 * text included.  When a line is replaced by another one (an overlay
 * closed, a resize, another question's text), clearing the line and
 * painting only its non-blank cells costs less.  When most of the screen
 * changed, ui_update() weighs the two for the whole screen and clears it
 * when that is cheaper: an update never costs much more than a full
 * repaint (Ctrl-L) would.  Everything else is curses' own doupdate().
 */
#ifndef EXITVIEW_UI_UPDATE_H
#define EXITVIEW_UI_UPDATE_H

/* doupdate(), or a clear and a repaint where that sends less (call it
 * after the windows' wnoutrefresh()). */
void ui_update(void);

#endif
