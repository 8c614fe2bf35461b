#!/bin/sh
# Notes in Swedish and CJK, follow-ups, ratings, skipping, switching
# questions, resizing (larger, too small, back) with nothing lost.
. "$(dirname "$0")/lib.sh"
e2e_init notes

id=$(e2e_new_batch "Anna Berg" --role Developer) || { fail notes-setup "new --batch failed"; exit 0; }
e2e_start resume "$id"
if e2e_wait "Question 1 of 7"; then ok notes-opens-on-question-1; else fail notes-opens-on-question-1 "$(e2e_screen | head -3)"; fi
e2e_screen | grep -q "Anna Berg" && ok notes-status-employee || fail notes-status-employee "no employee on the status line"

e2e_type "Lönen var för låg, chefen ärlig. 給料が低い"
if e2e_wait "給料が低い" 5; then ok notes-utf8-typed; else fail notes-utf8-typed "$(e2e_screen | sed -n 10p)"; fi
if e2e_wait "saved" 5 && e2e_screen | grep -q "Lönen var för låg, chefen ärlig. 給料が低い"; then
	ok notes-utf8-drawn
else
	fail notes-utf8-drawn "$(e2e_screen)"
fi

# Question 1 takes no rating (rating = no): Alt-4 says so; the scale's
# labels stand over the notes of a question not yet rated.
e2e_keys M-4
e2e_wait "takes no rating" 5 && ok notes-no-rating-refused || fail notes-no-rating-refused "$(e2e_screen | tail -2)"
# prompt pane: mark follow-ups 1 and 2 asked
e2e_keys Tab Tab
e2e_wait "Tab pane" 5
e2e_keys Space Down Space
if e2e_wait "[x] Was there a particular moment" 5 && e2e_screen | grep -q "\[x\] What made you start"; then
	ok notes-followups-marked
else
	fail notes-followups-marked "$(e2e_screen | sed -n 1,8p)"
fi

# Ctrl-N to question 2, skip it, write in question 3, Ctrl-P back to 2
e2e_keys C-n
e2e_wait "Question 2 of 7" 5 || fail notes-ctrl-n "no question 2"
e2e_keys M-s C-n
e2e_wait "Question 3 of 7" 5 || fail notes-ctrl-n "no question 3"
e2e_wait "Alt-1 Very poor" 5 && ok notes-scale-shown || fail notes-scale-shown "$(e2e_screen | sed -n 13p)"
e2e_type "Mer flexibilitet önskas"
e2e_wait "Mer flexibilitet" 5
# Alt-4 rates from the notes
e2e_keys M-4
e2e_wait "rating 4" 5 && ok notes-rating-shown || fail notes-rating-shown "no 'rating 4' over the notes"
e2e_keys C-p
if e2e_wait "Question 2 of 7" 5; then ok notes-ctrl-p; else fail notes-ctrl-p "no question 2"; fi
e2e_screen | grep -qE "^. 2 - What we do well" && ok notes-skip-mark || fail notes-skip-mark "$(e2e_screen | sed -n 2p)"
e2e_screen | grep -qE "^. 1 ✓ Reason for leav" && e2e_screen | grep -qE "^. 3 ✓ What we could.* 4" && ok notes-state-mark || fail notes-state-mark "$(e2e_screen | sed -n 1p)"
e2e_keys C-p
e2e_wait "Question 1 of 7" 5

# resize: larger, too small, back; the text stays
tmux -L "$E2E_SOCK" resize-window -x 100 -y 30
if e2e_wait "給料が低い" 5 && [ "$(e2e_screen | wc -l)" -ge 30 ]; then ok notes-resize-larger; else fail notes-resize-larger "$(e2e_screen)"; fi
tmux -L "$E2E_SOCK" resize-window -x 60 -y 20
if e2e_wait "terminal too small (need 80x15)" 5; then ok notes-too-small; else fail notes-too-small "$(e2e_screen)"; fi
tmux -L "$E2E_SOCK" resize-window -x 80 -y 24
if e2e_wait "Lönen var för låg" 5 && e2e_gone "too small" 2; then ok notes-resize-back; else fail notes-resize-back "$(e2e_screen)"; fi

e2e_keys C-q
if e2e_exited 10 && [ "$E2E_STATUS" = 0 ]; then ok notes-leave; else fail notes-leave "status ${E2E_STATUS:-none}"; fi

show=$("$BIN" show "$id")
echo "$show" | grep -q "Lönen var för låg, chefen ärlig. 給料が低い" && ok notes-db-q1 || fail notes-db-q1 "notes of question 1 missing"
echo "$show" | grep -q "Mer flexibilitet önskas" && ok notes-db-q3 || fail notes-db-q3 "notes of question 3 missing"
echo "$show" | grep -q "\[x\] What made you start" && echo "$show" | grep -q "\[x\] Was there a particular" \
	&& ok notes-db-asked || fail notes-db-asked "follow-ups not marked in the database"
echo "$show" | grep -qi "rating: *4" && ok notes-db-rating || fail notes-db-rating "$(echo "$show" | grep -i rating | head -2)"
echo "$show" | grep -qi "skipped" && ok notes-db-skipped || fail notes-db-skipped "question 2 not skipped"
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail notes-sanitizer "$(head -5 "$E2E_ERR")" || ok notes-sanitizer
e2e_done
