#!/bin/sh
# F1 shows every row of the key table (UI_KEYS in include/exitview/ui_keys.h):
# its keys and its text; Esc closes it.  '?' is text like any printable key, in every pane.
. "$(dirname "$0")/lib.sh"
e2e_init help

table="$E2E_TOP/include/exitview/ui_keys.h"
rows="$E2E_DIR/rows"
# each row: ROW(X, N_("KEYS"), N_("HELP"), ...
sed -n 's/^[[:space:]]*ROW([A-Z]*, N_("\([^"]*\)"), N_("\([^"]*\)").*/\1\t\2/p' "$table" > "$rows"
[ "$(wc -l < "$rows")" -ge 30 ] && ok help-table-parsed || fail help-table-parsed "$(wc -l < "$rows") rows"

id=$(e2e_new_batch "Dag Fors") || { fail help-setup "new --batch failed"; exit 0; }
E2E_LINES=100 E2E_COLS=100 e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail help-open "no screen"
e2e_keys F1
e2e_wait "exitview keys" 5 && ok help-f1 || fail help-f1 "$(e2e_screen | head -3)"
screen=$(e2e_screen)
missing=""
while IFS='	' read -r keys text; do
	# the keys column as shown, and the start of the text (it may wrap)
	start=$(printf '%s' "$text" | cut -c1-30)
	if ! printf '%s\n' "$screen" | grep -qF -- "$keys"; then
		missing="$missing [$keys]"
	elif ! printf '%s\n' "$screen" | grep -qF -- "$start"; then
		missing="$missing [$keys: $start]"
	fi
done < "$rows"
[ -z "$missing" ] && ok help-every-binding || fail help-every-binding "not shown:$missing"
e2e_keys Escape
e2e_gone "exitview keys" 5 && ok help-esc-closes || fail help-esc-closes "still open"
e2e_keys Escape
e2e_wait "Enter notes" 5
# typed in the question list, '?' is text: it goes to the notes
e2e_keys '?'
e2e_wait "│ ?" 5 && ok help-question-mark-is-text-from-list || fail help-question-mark-is-text-from-list "$(e2e_screen)"
e2e_screen | grep -q "exitview keys" && fail help-question-mark-no-help "'?' opened the help" || ok help-question-mark-no-help
e2e_keys BSpace
e2e_gone "│ ?" 5

# at 80x24 the help pages: PgDn reaches the last row
tmux -L "$E2E_SOCK" resize-window -x 80 -y 24
e2e_keys F1
e2e_wait "exitview keys" 5
# page down until the guide's last step shows; the last key row is passed on the way
last=$(tail -1 "$rows" | cut -f1)
seen=""
for _ in 1 2 3 4 5 6 7 8; do
	e2e_screen | grep -qF -- "$last" && seen=yes
	e2e_screen | grep -q "(more below)" || break
	top=$(e2e_screen | sed -n 2p)
	e2e_keys PageDown
	n=100   # until the page has moved (at most 5 s)
	while [ "$n" -gt 0 ] && [ "$(e2e_screen | sed -n 2p)" = "$top" ]; do sleep 0.05; n=$((n - 1)); done
done
[ -n "$seen" ] && ok help-pages || fail help-pages "last row '$last' not reached"
# the guide's six steps close the help, each naming where it lives
scr=$(e2e_screen | e2e_flat)
echo "$scr" | grep -q "The interview, step by step" && echo "$scr" | grep -q "1 Prepare" \
	&& echo "$scr" | grep -q "5 Close" && echo "$scr" | grep -q "6 Document and act" \
	&& echo "$scr" | grep -q "F10 closes the interview" \
	&& ok help-steps || fail help-steps "$scr"
e2e_keys Escape
e2e_gone "exitview keys" 5
e2e_keys C-q
e2e_exited 10 || fail help-leave "did not leave"
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail help-sanitizer "$(head -5 "$E2E_ERR")" || ok help-sanitizer
e2e_done
