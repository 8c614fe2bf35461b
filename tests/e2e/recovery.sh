#!/bin/sh
# Notes the database refuses are never lost and never said to be saved:
# at a hang-up they go to a recovery file that is never overwritten (a
# second failing session writes a second one), where there is room (the
# data directory, else $TMPDIR, /dev/shm, home); `list` says they exist;
# the next resume offers them and F5 puts them back into the notes.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=90
e2e_init recovery
. "$(dirname "$0")/fault_lib.inc"

dbdir="$E2E_DIR/dbdir"
mkdir -m 700 "$dbdir"
export EXITVIEW_DB="$dbdir/exitview.db"
export TMPDIR="$E2E_DIR/tmp"
mkdir -m 700 "$TMPDIR"
recdir="$XDG_DATA_HOME/exitview/recovery"
id=$(e2e_new_batch "Rolf Räddad") || { fail recovery-setup "new failed"; exit 0; }
if ! chattr +i "$dbdir" 2>/dev/null; then
	echo "skip recovery: chattr +i does not work here (needs root on a file system with attributes)"
	exit 0
fi
chattr -i "$dbdir"
ro_on() { chattr +i "$dbdir"; }
ro_off() { chattr -i "$dbdir" 2>/dev/null; }
trap 'ro_off; fl_cleanup' EXIT

session() {   # TEXT: type it while the database refuses, then hang up
	e2e_start resume "$id"
	e2e_wait "Question 1 of 7" || fail recovery-open "no screen: $(e2e_screen | head -3)"
	pid=$(e2e_pid)
	ro_on
	e2e_type "$1"
	e2e_wait "NOT SAVED" 10 || fail recovery-not-saved-shown "$(fl_status)"
	tmux -L "$E2E_SOCK" kill-server
	fl_dead "$pid" 10 || fail recovery-hup-exit "still running"
	ro_off
}

text1="Första försöket: skrivet när databasen var skrivskyddad."
session "$text1"
f1=$(ls "$recdir"/interview-$id-q1-*.txt 2>/dev/null | head -1)
[ -n "$f1" ] && [ "$(cat "$f1"; echo x)" = "${text1}x" ] && ok recovery-first-file || fail recovery-first-file "$(ls -la "$recdir" 2>&1)"
grep -q "notes saved" "$E2E_ERR" && fail recovery-never-says-saved "$(cat "$E2E_ERR")" || ok recovery-never-says-saved
grep -q "hang-up: notes of question 1 not saved in the database are in $f1" "$E2E_ERR" && ok recovery-says-where \
	|| fail recovery-says-where "$(cat "$E2E_ERR")"
[ "$(stat -c %a "$f1")" = 600 ] && [ "$(stat -c %a "$recdir")" = 700 ] && ok recovery-private || fail recovery-private "$(stat -c %a "$f1" "$recdir")"

# a second failing session: a second file, the first untouched
text2="Andra försöket."
e2e_start resume "$id"
e2e_wait "recovery file" 10 && ok recovery-offered-while-failing || fail recovery-offered-while-failing "$(fl_status)"
e2e_keys C-q; e2e_exited 10
session "$text2"
n=$(ls "$recdir"/interview-$id-q1-*.txt | wc -l)
[ "$n" = 2 ] && ok recovery-second-file || fail recovery-second-file "$(ls "$recdir")"
[ "$(cat "$f1"; echo x)" = "${text1}x" ] && ok recovery-never-overwritten || fail recovery-never-overwritten "$(cat "$f1")"

# list says they exist (on stderr: the listing stays as it was)
"$BIN" list > "$E2E_DIR/list.out" 2> "$E2E_DIR/list.err"
grep -q "2 recovery files" "$E2E_DIR/list.err" && grep -q "interview $id" "$E2E_DIR/list.err" && ok recovery-list-says \
	|| fail recovery-list-says "$(cat "$E2E_DIR/list.err")"
grep -q recovery "$E2E_DIR/list.out" && fail recovery-list-stdout-clean "on stdout" || ok recovery-list-stdout-clean

# the next resume offers them; F5 puts both back and saves
e2e_start resume "$id"
e2e_wait "2 recovery files" 10 && ok recovery-resume-offers || fail recovery-resume-offers "$(fl_status)"
e2e_keys F5
e2e_wait "restored and saved" 10 && ok recovery-f5-restores || fail recovery-f5-restores "$(fl_status)"
e2e_keys C-q; e2e_exited 10
notes=$(fl_notes "$id" 1)
case $notes in *"$text1"*"$text2"*) ok recovery-both-in-database ;; *) fail recovery-both-in-database "$notes" ;; esac
[ -z "$(ls "$recdir"/*.txt 2>/dev/null)" ] && [ "$(ls "$recdir"/*.restored | wc -l)" = 2 ] && ok recovery-files-marked-restored \
	|| fail recovery-files-marked-restored "$(ls "$recdir")"
"$BIN" list 2>&1 >/dev/null | grep -q recovery && fail recovery-list-quiet-after "$("$BIN" list 2>&1 >/dev/null)" || ok recovery-list-quiet-after

# no room in the data directory (it cannot hold a recovery directory):
# the copy goes to $TMPDIR, and stderr says where
rm -rf "$recdir"
echo blocker > "$recdir"
text3="Tredje: ingen plats i datakatalogen."
session "$text3"
f3=$(ls "$TMPDIR"/exitview-recovery-*/interview-$id-q1-*.txt 2>/dev/null | head -1)
# (the file holds the whole notes of the question, the new text in them)
[ -n "$f3" ] && grep -qF "$text3" "$f3" && grep -qF "$text1" "$f3" && ok recovery-fallback-tmpdir || fail recovery-fallback-tmpdir "$(ls -laR "$TMPDIR"); $(cat "$E2E_ERR")"
grep -q "$f3" "$E2E_ERR" && ok recovery-fallback-says-where || fail recovery-fallback-says-where "$(cat "$E2E_ERR")"
"$BIN" list 2>&1 >/dev/null | grep -q "1 recovery file" && ok recovery-list-finds-fallback || fail recovery-list-finds-fallback "$("$BIN" list 2>&1 >/dev/null)"
rm -f "$recdir"

# the details form while the database refuses: never "saved", kept, and
# saved once it can be (or kept in a recovery file at a hang-up)
e2e_start resume "$id"
e2e_wait "── Notes" || fail recovery-details-open "no screen"
e2e_keys F2
e2e_wait "details" 5
ro_on
e2e_keys Down
e2e_type "Ny roll"
e2e_keys Tab
e2e_wait "NOT SAVED" 5 && ok recovery-details-form-not-saved || fail recovery-details-form-not-saved "$(e2e_screen | tail -3)"
e2e_keys Escape
e2e_wait "── Notes" 5
e2e_wait "NOT SAVED" 5 && ok recovery-details-screen-not-saved || fail recovery-details-screen-not-saved "$(fl_status)"
e2e_screen | tail -2 | head -1 | grep -q " saved" && fail recovery-details-never-saved-word "$(fl_status)" || ok recovery-details-never-saved-word
ro_off
fl_wait_saved 10 && ok recovery-details-saved-later || fail recovery-details-saved-later "$(fl_status)"
"$BIN" show "$id" | grep -q "Ny roll" && ok recovery-details-in-database || fail recovery-details-in-database "$("$BIN" show "$id" | grep -i role)"
e2e_keys F2
e2e_wait "details" 5
ro_on
e2e_keys Down Down
e2e_type "Avdelning X"
e2e_keys Tab
e2e_wait "NOT SAVED" 5
pid=$(e2e_pid)
tmux -L "$E2E_SOCK" kill-server
fl_dead "$pid" 10
ro_off
fd=$(ls "$recdir"/interview-$id-details-*.txt 2>/dev/null | head -1)
[ -n "$fd" ] && grep -q "^department: Avdelning X$" "$fd" && ok recovery-details-file || fail recovery-details-file "$(ls "$recdir"); $(cat "$E2E_ERR")"
fl_sanitizer recovery-sanitizer
e2e_done
