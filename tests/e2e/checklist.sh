#!/bin/sh
# The opening and closing checklists on screen (issue 13): the first and
# last parts of the list around the questions, items marked done with
# Space in the prompt pane and saved; the preparation's notes.
. "$(dirname "$0")/lib.sh"
e2e_init checklist

id=$(e2e_new_batch "Cecilia Lista") || { fail checklist-setup "new --batch failed"; exit 0; }
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail checklist-opens-on-question-1 "$(e2e_screen | head -3)"
e2e_screen | grep -q "Opening" && ok checklist-opening-listed || fail checklist-opening-listed "$(e2e_screen | head -4)"
e2e_screen | grep -q "Preparation" && ok checklist-preparation-listed || fail checklist-preparation-listed "$(e2e_screen | head -4)"

# Ctrl-P: the preparation, then the opening
e2e_keys C-p
e2e_wait "What was read beforehand" 5 && ok checklist-preparation-prompt || fail checklist-preparation-prompt "$(e2e_screen | sed -n 1,4p)"
e2e_type "Läste uppsägningsbrevet."
e2e_wait "Läste uppsägningsbrevet." 5
e2e_keys C-p
e2e_wait "Opening: 0 of 4 done" 5 && ok checklist-opening-shown || fail checklist-opening-shown "$(e2e_screen | sed -n 1,6p)"
e2e_keys Tab Tab
e2e_wait "Tab pane" 5
e2e_keys Space Down Down Space
if e2e_wait "Opening: 2 of 4 done" 5 && e2e_screen | grep -q "\[x\] Thank them for their time"; then
	ok checklist-items-marked
else
	fail checklist-items-marked "$(e2e_screen | sed -n 1,10p)"
fi
# typing from the prompt pane writes the opening's notes
e2e_type "Syftet sagt."
e2e_wait "Syftet sagt." 5

e2e_keys C-q
if e2e_exited 10 && [ "$E2E_STATUS" = 0 ]; then ok checklist-leave; else fail checklist-leave "status ${E2E_STATUS:-none}"; fi
show=$("$BIN" show "$id")
echo "$show" | grep -q "^  \[x\] Thank them for their time" && echo "$show" | grep -q "^  \[x\] Explain how the notes are used" \
	&& echo "$show" | grep -q "^  \[ \] Say that the conversation" \
	&& ok checklist-db-done || fail checklist-db-done "$(echo "$show" | sed -n '/^Opening/,/^Questions/p')"
echo "$show" | grep -q "Syftet sagt." && ok checklist-db-notes || fail checklist-db-notes "opening notes missing"
echo "$show" | grep -q "Läste uppsägningsbrevet." && ok checklist-db-preparation || fail checklist-db-preparation "preparation missing"
# the audit log records what of the opening was explained, never a name
"$BIN" log | grep -q "	opening	$id	done=.* of 4" && ok checklist-audit-opening \
	|| fail checklist-audit-opening "$("$BIN" log | tail -3)"
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail checklist-sanitizer "$(head -5 "$E2E_ERR")" || ok checklist-sanitizer
e2e_done
