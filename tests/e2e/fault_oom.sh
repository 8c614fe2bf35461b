#!/bin/sh
# Out of memory on screen: the address space of the running program is
# limited (prlimit --as) just above what it uses, then a large paste makes
# an allocation fail.  The notes typed before are written to a recovery
# file, the terminal is restored (normal screen, sane tty modes), and the
# message says where the notes are.  Runs the build without sanitizers
# (ASan reserves terabytes of address space).
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=90
e2e_init fault-oom
. "$(dirname "$0")/fault_lib.inc"

plain="$E2E_TOP/exitview"
if ! command -v prlimit >/dev/null 2>&1; then
	echo "skip fault-oom: prlimit (util-linux) is not installed"; exit 0
fi
[ -x "$plain" ] || { fail fault-oom-binary "no $plain (make exitview)"; exit 0; }
BIN=$plain
id=$(e2e_new_batch "Mona Minne") || { fail fault-oom-setup "new failed"; exit 0; }
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail fault-oom-open "no screen"
pid=$(e2e_pid)
tty=$(fl_tty)
text="Skrivet innan minnet tog slut."
e2e_type "$text"
e2e_wait "$text" 5
# the limit: what it maps now, and 4 MB more; the paste needs more than that
vm=$(awk '/^VmSize:/ { print $2 }' "/proc/$pid/status")
prlimit --pid "$pid" --as=$(( (vm + 4096) * 1024 )) || { fail fault-oom-prlimit "prlimit failed"; exit 0; }
python3 -c 'import sys; sys.stdout.write(("minne " * 170 + "\n") * 40000)' > "$E2E_DIR/big"
tmux -L "$E2E_SOCK" load-buffer "$E2E_DIR/big"
tmux -L "$E2E_SOCK" paste-buffer -p
fl_dead "$pid" 30 && ok fault-oom-exits || fail fault-oom-exits "still running: $(e2e_screen | tail -2)"
e2e_exited 10
[ "$E2E_STATUS" = 1 ] && ok fault-oom-status || fail fault-oom-status "status ${E2E_STATUS:-none}"
grep -q "out of memory" "$E2E_ERR" && ok fault-oom-said || fail fault-oom-said "$(cat "$E2E_ERR")"
rec=$(ls "$XDG_DATA_HOME"/exitview/recovery/interview-$id-q1-*.txt 2>/dev/null | head -1)
[ -n "$rec" ] && grep -qF "$text" "$rec" && ok fault-oom-notes-kept || fail fault-oom-notes-kept "$(cat "$E2E_ERR"); $(ls "$XDG_DATA_HOME/exitview" 2>&1)"
[ -n "$rec" ] && grep -qF "$rec" "$E2E_ERR" && ok fault-oom-says-where || fail fault-oom-says-where "$(cat "$E2E_ERR")"
[ "$(tmux -L "$E2E_SOCK" display-message -p '#{alternate_on}')" = 0 ] && ok fault-oom-normal-screen || fail fault-oom-normal-screen "still in the alternate screen"
st=$(stty -F "$tty" -a 2>&1)
bad=""
for f in icanon echo isig icrnl; do echo "$st" | grep -q "[ ;]-$f\b" && bad="$bad -$f"; done
[ -z "$bad" ] && ok fault-oom-stty-sane || fail fault-oom-stty-sane "after exit:$bad"
e2e_done
