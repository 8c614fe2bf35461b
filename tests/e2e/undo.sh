#!/bin/sh
# Undo in the notes editor: Ctrl-_ (readline) and Alt-U (nano), redo
# Alt-E; a typed word, a cut and a paste are one step each; what undo
# brings back is saved like any edit.
. "$(dirname "$0")/lib.sh"
e2e_init undo
. "$(dirname "$0")/fault_lib.inc"
notes() { fl_notes "$id" 1; }

id=$(e2e_new_batch "Ulla Undo") || { fail undo-setup "new failed"; exit 0; }
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail undo-open "no screen"
e2e_type "one two three"
e2e_wait "one two three" 5
e2e_keys C-_
e2e_wait "│ one two $" 5 || e2e_gone "three" 5
e2e_screen | grep -q "one two three" && fail undo-ctrl-underscore-word "$(e2e_screen | grep one)" || ok undo-ctrl-underscore-word
e2e_keys M-u
e2e_gone "two" 5 && e2e_screen | grep -q "│ one" && ok undo-alt-u-word || fail undo-alt-u-word "$(e2e_screen | grep one)"
e2e_keys M-e
e2e_wait "one two" 5 && ok undo-alt-e-redo || fail undo-alt-e-redo "$(e2e_screen | grep one)"
fl_has_notes "$id" 1 "one two " 5 && ok undo-result-saved || fail undo-result-saved "$(notes)"

# a cut is one step
e2e_keys C-u
e2e_gone "one two" 5
e2e_keys C-_
e2e_wait "one two" 5 && ok undo-cut || fail undo-cut "$(e2e_screen | grep -c one)"
# a paste is one step
printf 'inklistrad text, flera ord' > "$E2E_DIR/p"
tmux -L "$E2E_SOCK" load-buffer "$E2E_DIR/p"
tmux -L "$E2E_SOCK" paste-buffer -p
e2e_wait "inklistrad text, flera ord" 5
e2e_keys M-u
e2e_gone "inklistrad" 5 && e2e_screen | grep -q "one two" && ok undo-paste || fail undo-paste "$(e2e_screen | grep one)"
# nothing left to redo after a new edit
e2e_type "x"
e2e_keys M-e
e2e_wait "nothing to redo" 5 && ok undo-new-edit-clears-redo || fail undo-new-edit-clears-redo "$(e2e_screen | tail -2)"
fl_has_notes "$id" 1 "one two x" 5 && ok undo-final-saved || fail undo-final-saved "$(notes)"
e2e_keys C-q
e2e_exited 10 || { e2e_keys C-q; e2e_exited 5; }
fl_sanitizer undo-sanitizer
e2e_done
