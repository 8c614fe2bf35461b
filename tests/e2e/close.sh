#!/bin/sh
# Ctrl-X leaves like nano's exit (a reflex 'y' after it closes nothing);
# F10 asks, naming the employee, and y closes: the report is written
# (0600), its path printed after the screen is gone; the closed interview
# then opens read-only.
. "$(dirname "$0")/lib.sh"
e2e_init close

id=$(e2e_new_batch "Cecilia Dahl" --role Manager) || { fail close-setup "new --batch failed"; exit 0; }
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail close-open "no interview screen"
e2e_type "Ville utvecklas mer."
e2e_wait "saved" 5
# nano's habit: Ctrl-X, then y to "save" — leaves, the interview stays open
e2e_keys C-x y
if e2e_exited 10 && [ "$E2E_STATUS" = 0 ]; then ok close-ctrl-x-leaves; else fail close-ctrl-x-leaves "status ${E2E_STATUS:-none}"; fi
"$BIN" list --open --tsv | grep -q "Cecilia Dahl" && ok close-ctrl-x-y-stays-open || fail close-ctrl-x-y-stays-open "closed by Ctrl-X y"
"$BIN" show "$id" | grep -q "Ville utvecklas mer.$" && ok close-ctrl-x-saved || fail close-ctrl-x-saved "$("$BIN" show "$id" | grep Ville)"
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail close-reopen-screen "no interview screen"
e2e_keys F10
e2e_wait "Close the interview with Cecilia Dahl" 5 && ok close-asks-naming-employee || fail close-asks-naming-employee "$(e2e_screen | tail -2)"
e2e_keys n
e2e_wait "not closed" 5 && ok close-no-cancels || fail close-no-cancels "$(e2e_screen | tail -2)"
# any other key goes back and is not lost: it is typed
e2e_keys F10
e2e_wait "Close the interview with" 5
e2e_type "Q"
e2e_wait "not closed" 5 && e2e_wait "Ville utvecklas mer.Q" 5 && ok close-other-key-kept || fail close-other-key-kept "$(e2e_screen)"
e2e_keys BSpace
e2e_gone "mer.Q" 5
e2e_keys F10
e2e_wait "Close the interview with" 5
e2e_keys y
if e2e_exited 10 && [ "$E2E_STATUS" = 0 ]; then ok close-exits; else fail close-exits "status ${E2E_STATUS:-none}"; fi
e2e_wait "report written to" 5
path=$(e2e_screen | sed -n 's/^report written to //p' | head -1)
if [ -n "$path" ] && [ -f "$path" ]; then ok close-path-printed; else fail close-path-printed "$(e2e_screen | grep -v '^$')"; fi
case $path in "$XDG_DATA_HOME"/exitview/reports/*) ok close-report-dir ;; *) fail close-report-dir "$path" ;; esac
mode=$(stat -c %a "$path" 2>/dev/null)
[ "$mode" = 600 ] && ok close-report-0600 || fail close-report-0600 "mode $mode"
grep -q "Ville utvecklas mer." "$path" && ok close-report-notes || fail close-report-notes "notes not in the report"
grep -Eq '^Status: +Closed at [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$' "$path" && ok close-report-status \
	|| fail close-report-status "$(grep '^Status' "$path")"
"$BIN" show "$id" | cmp -s - "$path" && ok close-show-equals-report || fail close-show-equals-report "differ"
"$BIN" list --closed --tsv | grep -q "Cecilia Dahl" && ok close-db-closed || fail close-db-closed "not closed in the database"

# read-only: typing is refused with a message, nothing changes
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail close-ro-open "no screen"
e2e_keys Tab Tab
e2e_type "zz"
e2e_wait "closed: read-only (exitview reopen $id)" 5 && ok close-readonly-message || fail close-readonly-message "$(e2e_screen | tail -2)"
e2e_keys M-3
e2e_wait "closed: read-only" 5
e2e_keys C-q
e2e_exited 10
"$BIN" show "$id" | grep -q "zz" && fail close-readonly-unchanged "typed text got in" || ok close-readonly-unchanged
"$BIN" show "$id" | grep -qi "rating: *3" && fail close-readonly-rating "rating changed" || ok close-readonly-rating
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail close-sanitizer "$(head -5 "$E2E_ERR")" || ok close-sanitizer
e2e_done
