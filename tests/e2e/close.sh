#!/bin/sh
# Close with Ctrl-X then y: the report is written (0600), its path printed
# after the screen is gone; the closed interview then opens read-only.
. "$(dirname "$0")/lib.sh"
e2e_init close

id=$(e2e_new_batch "Cecilia Dahl" --role Manager) || { fail close-setup "new --batch failed"; exit 0; }
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail close-open "no interview screen"
e2e_type "Ville utvecklas mer."
e2e_keys C-x
e2e_wait "(y/n)" 5 && ok close-asks || fail close-asks "$(e2e_screen | tail -2)"
e2e_keys n
e2e_wait "not closed" 5 && ok close-no-cancels || fail close-no-cancels "$(e2e_screen | tail -2)"
e2e_keys F10
e2e_wait "(y/n)" 5
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
e2e_keys Escape 3
e2e_wait "closed: read-only" 5
e2e_keys C-q
e2e_exited 10
"$BIN" show "$id" | grep -q "zz" && fail close-readonly-unchanged "typed text got in" || ok close-readonly-unchanged
"$BIN" show "$id" | grep -qi "rating: *3" && fail close-readonly-rating "rating changed" || ok close-readonly-rating
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail close-sanitizer "$(head -5 "$E2E_ERR")" || ok close-sanitizer
e2e_done
