#!/bin/sh
# The optimised ./exitview under valgrind through a short interview on
# screen: the new-interview form, typing, a rating, a question switch, the
# external editor, closing.  No invalid read or write, no use of
# uninitialised memory, nothing definitely lost.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=120
e2e_init fault-valgrind
. "$(dirname "$0")/fault_lib.inc"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "skip fault-valgrind: no valgrind (make deps installs it)"
	exit 0
fi
opt="$E2E_TOP/exitview"
[ -x "$opt" ] || { fail fault-valgrind-binary "no $opt (make builds it)"; exit 0; }
log="$E2E_DIR/valgrind.log"
printf '#!/bin/sh\nprintf "\\nfrån editorn" >> "$1"\n' > "$E2E_DIR/ed"
chmod 755 "$E2E_DIR/ed"

real=$BIN; BIN=$(command -v valgrind)
e2e_start VISUAL="$E2E_DIR/ed" --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	--track-origins=no --log-file="$log" "$opt" new --employee "Val Grind"
BIN=$real
e2e_wait "Employee" 60 || fail fault-valgrind-form "no form: $(e2e_screen | head -3)"
e2e_keys C-t
e2e_wait "Question 1 of 7" 30 || fail fault-valgrind-open "no interview screen: $(e2e_screen | head -3)"
e2e_type "Första svaret, med åäö och 王小明."
e2e_wait "王小明" 10 || fail fault-valgrind-typed "text not on screen"
e2e_keys C-n
e2e_wait "Question 2 of 7" 10 || fail fault-valgrind-switch "no switch"
e2e_keys M-4
e2e_keys Enter
e2e_type "Andra svaret."
e2e_wait "Andra svaret." 10
e2e_keys C-o
e2e_wait "notes updated from the editor" 20 || fail fault-valgrind-editor "$(fl_status)"
e2e_keys F10
e2e_wait "Close the interview with" 10
e2e_keys y
e2e_exited 60 || fail fault-valgrind-exit "did not exit"
if [ "$E2E_STATUS" = 0 ]; then ok fault-valgrind-clean; else
	fail fault-valgrind-clean "status ${E2E_STATUS:-none}: $(grep -m5 'Invalid\|uninitialised\|definitely lost\|ERROR SUMMARY' "$log")"; fi
grep -q "ERROR SUMMARY: 0 errors" "$log" && ok fault-valgrind-no-errors || fail fault-valgrind-no-errors "$(grep 'ERROR SUMMARY' "$log")"
grep -q "definitely lost: [1-9]" "$log" && fail fault-valgrind-no-leaks "$(grep 'definitely lost' "$log")" || ok fault-valgrind-no-leaks
"$BIN" list --closed --tsv | grep -q "Val Grind" && ok fault-valgrind-closed || fail fault-valgrind-closed "not closed"
id=$("$BIN" list --closed --tsv | sed -n 2p | cut -f1)
"$BIN" show "$id" | grep -q "från editorn" && ok fault-valgrind-notes || fail fault-valgrind-notes "notes missing"
e2e_done
