#!/bin/sh
# A save that fails (the file size limit stands in for a full disk) shows
# "NOT SAVED: why" on the status line, keeps the text on screen, and is
# retried every second until it works.
. "$(dirname "$0")/lib.sh"
e2e_init saveerr

command -v prlimit >/dev/null 2>&1 || { echo "skip saveerr: no prlimit to lift the size limit"; exit 0; }
id=$(e2e_new_batch "Gun Ivarsson") || { fail saveerr-setup "new --batch failed"; exit 0; }
blocks=$(( $(stat -c %s "$EXITVIEW_DB") / 512 ))
E2E_PRE="ulimit -S -f $blocks" e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail saveerr-open "no screen"
big="$E2E_DIR/big"
i=0
: > "$big"
while [ $i -lt 2000 ]; do echo "rad $i med lite text som fyller sidorna i databasen snabbt" >> "$big"; i=$((i + 1)); done
echo "SLUTORDET" >> "$big"
tmux -L "$E2E_SOCK" load-buffer "$big"
tmux -L "$E2E_SOCK" paste-buffer -p
if e2e_wait "NOT SAVED:" 10; then ok saveerr-shown; else fail saveerr-shown "$(e2e_screen | tail -2)"; fi
e2e_screen | grep -q "SLUTORDET" && ok saveerr-text-kept || fail saveerr-text-kept "text gone from the screen"
prlimit --pid "$(e2e_pid)" --fsize=unlimited: || fail saveerr-prlimit "prlimit failed"
if e2e_wait " saved " 10 && ! e2e_screen | grep -q "NOT SAVED"; then ok saveerr-retried; else fail saveerr-retried "$(e2e_screen | tail -2)"; fi
e2e_keys C-q
e2e_exited 10
"$BIN" show "$id" | grep -q "SLUTORDET" && ok saveerr-saved-in-the-end || fail saveerr-saved-in-the-end "not in the database"
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail saveerr-sanitizer "$(head -5 "$E2E_ERR")" || ok saveerr-sanitizer
e2e_done
