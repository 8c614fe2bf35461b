#!/bin/sh
# Action items on screen (issue 13, "Document and act"): F3 makes the
# notes line under the cursor an action item linked to its question, saved
# at once; in Action items' own notes the line moves into the list, and on
# an empty line F3 opens a form for a new one; Space on a chosen item marks
# it done or open again; F4 edits it in the form (a bad date stays there
# to mend); a change made by a script shows when the part is chosen again;
# what the database holds after.
. "$(dirname "$0")/lib.sh"
e2e_init actions

id=$(e2e_new_batch "Ada Åtgärd") || { fail actions-setup "new --batch failed"; exit 0; }
tsv() { "$BIN" actions --tsv | tail -n +2; }
# wait_out WANT SECS CMD...: poll CMD's output every 50 ms until it is WANT
wait_out() {
	_want=$1 _n=$(( $2 * 20 )); shift 2
	while [ "$_n" -gt 0 ]; do
		[ "$("$@" 2>/dev/null)" = "$_want" ] && return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}
action_notes() { "$BIN" export --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["action_notes"])'; }
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail actions-opens "$(e2e_screen | head -3)"

# a question's notes line -> an action linked to question 1; the notes stay
e2e_type "Lönen var för låg."
e2e_keys Enter
e2e_type "* Se över lönetrappan"
e2e_wait "Se över lönetrappan" 5
e2e_keys F3
e2e_wait "action 1: Se över lönetrappan" 5 && ok actions-f3-says || fail actions-f3-says "$(e2e_screen | tail -3)"
[ "$(tsv | cut -f1,2,5,7,8)" = "$(printf '1\t%s\topen\t1\tSe över lönetrappan' "$id")" ] \
	&& ok actions-f3-stored || fail actions-f3-stored "$(tsv)"
e2e_screen | grep -q "Lönen var för låg." && e2e_screen | grep -qF "* Se över lönetrappan" \
	&& ok actions-f3-notes-kept || fail actions-f3-notes-kept "$(e2e_screen | sed -n 8,14p)"
# an empty line makes none
e2e_keys Enter F3
e2e_wait "empty line: no action item made" 5 && ok actions-f3-empty || fail actions-f3-empty "$(e2e_screen | tail -3)"
[ "$(tsv | wc -l)" -eq 1 ] && ok actions-f3-empty-none || fail actions-f3-empty-none "$(tsv)"

# the Action items part: the list in the prompt pane
for _ in 1 2 3 4 5 6 7 8 9; do e2e_keys C-n; done
e2e_wait "Action items: 0 of 1 done" 5 && ok actions-list-shown || fail actions-list-shown "$(e2e_screen | sed -n 1,8p)"
e2e_screen | grep -q "\[ \] Se över lönetrappan" && ok actions-list-item || fail actions-list-item "$(e2e_screen | sed -n 1,8p)"
e2e_type "Boka möte med Kim"
e2e_wait "Boka möte med Kim" 5
e2e_keys F3
e2e_wait "Action items: 0 of 2 done" 5 && ok actions-own-notes-f3 || fail actions-own-notes-f3 "$(e2e_screen | sed -n 1,10p)"
[ "$(tsv | sed -n 2p | cut -f1,7,8)" = "$(printf '2\t\tBoka möte med Kim')" ] \
	&& ok actions-own-notes-stored || fail actions-own-notes-stored "$(tsv)"
# the line moved: the notes are empty again, and saved so
wait_out "" 5 action_notes \
	&& ok actions-own-notes-moved || fail actions-own-notes-moved "$(e2e_screen | sed -n 10,16p)"

# Space in the prompt pane: done, and open again, saved at once
e2e_keys Tab Tab
e2e_wait "Tab pane" 5
e2e_keys Space
e2e_wait "Action items: 1 of 2 done" 5 && ok actions-space-done || fail actions-space-done "$(e2e_screen | sed -n 1,8p)"
[ "$(tsv | awk -F'\t' '$1 == 1 { print $5 }')" = done ] && ok actions-space-stored || fail actions-space-stored "$(tsv)"
e2e_keys Down Space
e2e_wait "Action items: 2 of 2 done" 5 && ok actions-space-second || fail actions-space-second "$(e2e_screen | sed -n 1,8p)"
e2e_keys Space
e2e_wait "Action items: 1 of 2 done" 5 && ok actions-space-reopen || fail actions-space-reopen "$(e2e_screen | sed -n 1,8p)"
[ "$(tsv | awk -F'\t' '$1 == 2 { print $5 }')" = open ] && ok actions-reopen-stored || fail actions-reopen-stored "$(tsv)"

# F4: the chosen one (the second) in the form; F2 saves
e2e_keys F4
e2e_wait "Action item 2" 5 && ok actions-f4-form || fail actions-f4-form "$(e2e_screen | sed -n 1,6p)"
e2e_keys Tab
e2e_type "Kim Kvist"
e2e_keys Tab
e2e_type "2030-02-30"
e2e_keys F2
e2e_wait "bad due date '2030-02-30'" 5 && ok actions-form-bad-date || fail actions-form-bad-date "$(e2e_screen | tail -3)"
e2e_keys C-u
e2e_type "2030-05-01"
e2e_keys F2
e2e_wait "Boka möte med Kim — Kim Kvist, due" 5 && ok actions-f4-shown || fail actions-f4-shown "$(e2e_screen | sed -n 1,8p)"
[ "$(tsv | awk -F'\t' '$1 == 2 { print $4 "|" $6 }')" = "2030-05-01|Kim Kvist" ] \
	&& ok actions-f4-stored || fail actions-f4-stored "$(tsv)"

# F3 on an empty line of Action items' notes: a form for a new one; Esc saves
e2e_keys Tab
e2e_wait "Alt-U undo" 5
e2e_keys F3
e2e_wait "New action item" 5 && ok actions-new-form || fail actions-new-form "$(e2e_screen | sed -n 1,6p)"
e2e_type "Skicka enkäten"
e2e_keys Tab
e2e_type "HR"
e2e_keys Escape
e2e_wait "Action items: 1 of 3 done" 5 && ok actions-new-saved || fail actions-new-saved "$(e2e_screen | sed -n 1,10p)"
[ "$(tsv | awk -F'\t' '$1 == 3 { print $6 "|" $8 }')" = "HR|Skicka enkäten" ] \
	&& ok actions-new-stored || fail actions-new-stored "$(tsv)"

# a script edits an action: shown when the part is chosen again
"$BIN" action edit 3 --text "Skicka enkäten i maj" >/dev/null 2>&1 || fail actions-edit-setup "edit failed"
"$BIN" action add "$id" "Radera mig" >/dev/null 2>&1 || fail actions-add-setup "add failed"
e2e_keys C-p C-n
e2e_wait "Skicka enkäten i maj" 5 && ok actions-script-edit-shown || fail actions-script-edit-shown "$(e2e_screen | sed -n 1,10p)"
e2e_wait "Action items: 1 of 4 done" 5 || fail actions-script-add-shown "$(e2e_screen | sed -n 1,10p)"

# Delete on a chosen action asks first, naming it; n keeps it, y deletes it;
# in the notes Delete stays a notes key
e2e_keys Tab Tab
e2e_wait "Space asked" 5
e2e_keys Down Down Down Delete
e2e_wait 'Delete action 4 "Radera mig"? y/n' 5 && ok actions-delete-asks || fail actions-delete-asks "$(e2e_screen | tail -2)"
e2e_keys n
e2e_wait "not deleted" 5 && ok actions-delete-no || fail actions-delete-no "$(e2e_screen | tail -2)"
[ "$(tsv | wc -l)" -eq 4 ] && ok actions-delete-no-kept || fail actions-delete-no-kept "$(tsv)"
e2e_keys Delete
e2e_wait 'Delete action 4' 5
e2e_keys y
e2e_wait "action 4 deleted" 5 && ok actions-delete-yes || fail actions-delete-yes "$(e2e_screen | tail -2)"
e2e_wait "Action items: 1 of 3 done" 5 && ok actions-delete-list || fail actions-delete-list "$(e2e_screen | sed -n 1,10p)"
[ "$(tsv | cut -f1 | sort -n | tr '\n' ' ')" = "1 2 3 " ] && ok actions-delete-stored || fail actions-delete-stored "$(tsv)"

e2e_keys C-q
if e2e_exited 10 && [ "$E2E_STATUS" = 0 ]; then ok actions-leave; else fail actions-leave "status ${E2E_STATUS:-none}"; fi
show=$("$BIN" show "$id")
echo "$show" | grep -q "^  \[x\] Se över lönetrappan$" && echo "$show" | grep -q "From question 1" \
	&& echo "$show" | grep -q "^  \[ \] Boka möte med Kim$" && echo "$show" | grep -q "Owner: Kim Kvist; Due: 2030-05-01" \
	&& echo "$show" | grep -q "^  \[ \] Skicka enkäten i maj$" \
	&& ok actions-db-report || fail actions-db-report "$(echo "$show" | sed -n '/^Action items/,/^Scorecard/p')"
# closed: the list is shown, nothing changes it
"$BIN" close "$id" >/dev/null 2>&1 || fail actions-close-setup "close failed"
before=$(tsv)
e2e_start resume "$id"
e2e_wait "read-only" 10 || fail actions-ro-open "$(e2e_screen | tail -2)"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do e2e_keys C-n; done
e2e_wait "Action items: 1 of 3 done" 5 && ok actions-ro-list || fail actions-ro-list "$(e2e_screen | sed -n 1,6p)"
e2e_keys Tab Tab Space
e2e_wait "closed: read-only (exitview reopen $id)" 5 && ok actions-ro-space || fail actions-ro-space "$(e2e_screen | tail -2)"
e2e_keys F4
e2e_wait "closed: read-only" 5
e2e_keys F3
e2e_wait "closed: read-only" 5
[ "$(tsv)" = "$before" ] && ok actions-ro-unchanged || fail actions-ro-unchanged "$(tsv)"
e2e_keys C-q
e2e_exited 10 || fail actions-ro-leave "still running"

grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail actions-sanitizer "$(head -5 "$E2E_ERR")" || ok actions-sanitizer
e2e_done
