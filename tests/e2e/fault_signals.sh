#!/bin/sh
# Faults: the SSH link drops mid-sentence (tmux server killed: the pty
# closes, SIGHUP), SIGTERM mid-typing — every character is in the database,
# with autosave at 60 s so that only the signal can have saved it; SIGKILL
# after the status line said "saved" — that part survives, the database
# opens cleanly, no stray files are left, the interview resumes.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=90
e2e_init fault-signals
. "$(dirname "$0")/fault_lib.inc"

cfgdir="$XDG_CONFIG_HOME/exitview"
mkdir -p "$cfgdir"
printf '[exitview]\nautosave = 60\n' > "$cfgdir/config.ini"
id=$(e2e_new_batch "Siv Signal") || { fail fault-signals-setup "new --batch failed"; exit 0; }
datadir=$(dirname "$EXITVIEW_DB")

# --- SSH drop mid-sentence ---------------------------------------------
line1='Hon sa: "jag går nu" – 100 % säker; ändå '"'tveksam'"' {x} <y> & z\ $HOME `id` %s %n'
line2='Andra raden: 王小明 😀 e\u0301 mitt i ordet halvfär'
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail fault-hup-open "no interview screen"
pid=$(e2e_pid)
e2e_type "$line1"
e2e_keys Enter
e2e_type "$line2"
e2e_wait "halvfär" 5 || fail fault-hup-typed "text not on screen: $(e2e_screen | tail -3)"
# the premise: only the signal can save this text (the config read and
# the database say; the status line must not say "saved")
if ! "$BIN" check-config 2>&1 | grep -qF "config $cfgdir/config.ini: ok"; then
	fail fault-hup-unsaved-before "the config with autosave = 60 is not the one read"
elif ! fl_status | grep -q ' saved\( \|$\)' && ! "$BIN" show "$id" | grep -q "halvfär"; then
	ok fault-hup-unsaved-before
else
	fail fault-hup-unsaved-before "already saved: $(fl_status)"
fi
tmux -L "$E2E_SOCK" kill-server
fl_dead "$pid" 10 && ok fault-hup-exits || fail fault-hup-exits "still running after the hang-up"
if fl_has_notes "$id" 1 "$line1
$line2" 5; then ok fault-hup-every-character; else
	fail fault-hup-every-character "got: $(fl_notes "$id" 1 | head -c 300)"; fi
fl_sanitizer fault-hup-sanitizer

# --- SIGTERM mid-typing ------------------------------------------------
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail fault-term-open "no screen"
pid=$(e2e_pid)
e2e_keys C-n
e2e_wait "Question 2 of 7" 5
term='SIGTERM mitt i: "citat", 50%, ÅÄÖ åäö, tab-fritt; slutet utan punk'
e2e_type "$term"
e2e_wait "utan punk" 5 || fail fault-term-typed "not on screen"
"$BIN" show "$id" | grep -q "utan punk" && fail fault-term-unsaved-before "already saved before SIGTERM: the test proves nothing"
kill -TERM "$pid"
e2e_exited 10 || fail fault-term-exit "did not exit"
[ "$E2E_STATUS" = 1 ] && grep -q "terminated: notes saved" "$E2E_ERR" && ok fault-term-message \
	|| fail fault-term-message "status ${E2E_STATUS:-none}: $(cat "$E2E_ERR")"
fl_has_notes "$id" 2 "$term" 5 && ok fault-term-every-character || fail fault-term-every-character "got: $(fl_notes "$id" 2)"
# the first question is still whole
fl_has_notes "$id" 1 "$line1
$line2" 1 && ok fault-term-others-intact || fail fault-term-others-intact "question 1 changed"
fl_sanitizer fault-term-sanitizer

# --- SIGKILL: what the status line called saved survives ---------------
printf '[exitview]\nautosave = 1\n' > "$cfgdir/config.ini"
e2e_start resume "$id"
e2e_wait "Question 2 of 7" || fail fault-kill-open "no screen"
pid=$(e2e_pid)
e2e_keys C-n
e2e_wait "Question 3 of 7" 5
part1="Sparad del före kill: ett två tre"
e2e_type "$part1"
e2e_wait "ett två tre" 5
if fl_wait_saved 5; then ok fault-kill-saved-shown; else fail fault-kill-saved-shown "status: $(fl_status)"; fi
e2e_type " och den osparade svansen"
kill -KILL "$pid"
fl_dead "$pid" 5 || fail fault-kill-dead "still alive"
got=$(fl_notes "$id" 3)
case $got in
"$part1"*) ok fault-kill-saved-part-kept ;;
*) fail fault-kill-saved-part-kept "got: '$got'" ;;
esac
if "$BIN" list >/dev/null 2>"$E2E_DIR/list.err"; then ok fault-kill-db-opens; else fail fault-kill-db-opens "$(cat "$E2E_DIR/list.err")"; fi
fl_intact fault-kill-integrity "$EXITVIEW_DB"
e2e_start resume "$id"
if e2e_wait "Question 3 of 7" 10 && e2e_wait "ett två tre" 3; then ok fault-kill-resumes; else fail fault-kill-resumes "$(e2e_screen | head -3)"; fi
e2e_keys C-q
e2e_exited 10
[ "$E2E_STATUS" = 0 ] && ok fault-kill-leave || fail fault-kill-leave "status ${E2E_STATUS:-none}: $(cat "$E2E_ERR")"
files=$(fl_data_files "$datadir" | tr '\n' ' ')
[ "$files" = "./exitview.db " ] && ok fault-kill-no-stray-files || fail fault-kill-no-stray-files "data dir holds: $files"
fl_has_notes "$id" 1 "$line1
$line2" 1 && fl_has_notes "$id" 2 "$term" 1 && ok fault-kill-others-intact || fail fault-kill-others-intact "earlier notes changed"
e2e_done
