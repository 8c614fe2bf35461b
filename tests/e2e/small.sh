#!/bin/sh
# Small terminals: 80x23 (80x24 under a tmux or screen status line) shows
# the interview screen; the real minimum (80x15) too; below it "terminal
# too small", and what is typed meanwhile is kept in the notes.  The notes
# bar says "▲ more" when notes are scrolled off the top.
. "$(dirname "$0")/lib.sh"
e2e_init small
. "$(dirname "$0")/fault_lib.inc"
resize() { tmux -L "$E2E_SOCK" resize-window -x "$1" -y "$2" 2>/dev/null; }

id=$(e2e_new_batch "Sara Small") || { fail small-setup "new failed"; exit 0; }
E2E_LINES=23 e2e_start resume "$id"
if e2e_wait "Question 1 of 7" 10 && ! e2e_screen | grep -q "too small"; then ok small-80x23-interview; else
	fail small-80x23-interview "$(e2e_screen | head -3)"; fi
e2e_screen | grep -q "── Notes" && e2e_screen | grep -q "Sara Small" && ok small-80x23-all-panes \
	|| fail small-80x23-all-panes "$(e2e_screen)"
resize 80 15
e2e_wait "── Notes" 5 && ! e2e_screen | grep -q "too small" && ok small-80x15-interview || fail small-80x15-interview "$(e2e_screen)"
resize 80 14
e2e_wait "terminal too small (need 80x15)" 5 && ok small-too-small-shown || fail small-too-small-shown "$(e2e_screen)"
# typed while too small: kept, as the man page promises
e2e_type "skrivet medan skärmen var för liten"
resize 79 24
e2e_wait "terminal too small" 5
e2e_type " och smal"
resize 80 24
e2e_wait "skrivet medan skärmen var för liten och smal" 5 && ok small-typing-kept || fail small-typing-kept "$(e2e_screen)"
fl_has_notes "$id" 1 "skrivet medan skärmen var för liten och smal" 5 && ok small-typing-saved \
	|| fail small-typing-saved "$(fl_notes "$id" 1)"

# "▲ more" when the notes are scrolled
e2e_screen | grep -q "▲ more" && fail small-no-more-mark-at-top "shown with nothing above" || ok small-no-more-mark-at-top
for n in 1 2 3 4 5 6 7 8 9 10 11 12; do e2e_keys Enter; e2e_type "rad $n"; done
e2e_wait "rad 12" 5
e2e_screen | grep "── Notes" | grep -q "▲ more" && ok small-more-mark-shown || fail small-more-mark-shown "$(e2e_screen | grep Notes)"
for n in 1 2 3 4 5 6 7 8 9 10 11 12 13; do e2e_keys Up; done
e2e_wait "skrivet medan" 5
e2e_screen | grep "── Notes" | grep -q "▲ more" && fail small-more-mark-gone "still shown at the top" || ok small-more-mark-gone
e2e_keys C-q
e2e_exited 10 || { e2e_keys C-q; e2e_exited 5; }
[ "$E2E_STATUS" = 0 ] && ok small-leave || fail small-leave "status ${E2E_STATUS:-none}"
fl_sanitizer small-sanitizer
e2e_done
