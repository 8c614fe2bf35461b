#!/bin/sh
# The database's directory becomes read-only while the program runs (root
# ignores permissions: chattr +i, or else a read-only remount in a private
# mount namespace).  A "NOT SAVED" on the status line, nothing typed
# discarded: saved when the directory is writable again; on a hang-up or a
# forced leave while it is still read-only, kept in a private recovery file.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=60
e2e_init fault-readonly
. "$(dirname "$0")/fault_lib.inc"

dbdir="$E2E_DIR/dbdir"
mkdir -m 700 "$dbdir"
export EXITVIEW_DB="$dbdir/exitview.db"
id=$(e2e_new_batch "Rut Läsbar") || { fail fault-ro-setup "new --batch failed"; exit 0; }
recdir="$XDG_DATA_HOME/exitview/recovery"

mode=none
if [ "${FL_RO_MODE:-}" = ns ] && fl_ns_possible; then   # to test the fallback
	mode=ns
	fl_ns_wrapper "$E2E_DIR/nswrap"
elif chattr +i "$dbdir" 2>/dev/null; then
	chattr -i "$dbdir"
	mode=chattr
elif [ "$(id -u)" = 0 ] && fl_ns_possible; then
	mode=ns
	fl_ns_wrapper "$E2E_DIR/nswrap"
elif [ "$(id -u)" != 0 ]; then
	mode=chmod
fi
if [ $mode = none ]; then
	echo "skip fault-ro: root, and neither chattr +i nor a private mount namespace works here"
	exit 0
fi
echo "# fault-ro: the directory is made read-only by $mode"

start() {   # ARGS: start exitview so that ro_on/ro_off can act on its dbdir
	if [ $mode = ns ]; then
		real=$BIN; BIN="$E2E_DIR/nswrap"
		e2e_start "$dbdir" 4m "$real" "$@"
		BIN=$real
	else
		e2e_start "$@"
	fi
}
ro_on() {
	case $mode in
	chattr) chattr +i "$dbdir" ;;
	chmod) chmod 500 "$dbdir" ;;
	# a read-only bind mount on top (a remount would fail: files are open)
	ns) nsenter -t "$(e2e_pid)" -m mount --bind -o ro "$dbdir" "$dbdir" ;;
	esac
}
ro_off() {
	case $mode in
	chattr) chattr -i "$dbdir" ;;
	chmod) chmod 700 "$dbdir" ;;
	ns) nsenter -t "$(e2e_pid)" -m umount -l "$dbdir" ;;
	esac
}
# the database the program sees
inner_db() { if [ $mode = ns ]; then echo "/proc/$(e2e_pid)/root$EXITVIEW_DB"; else echo "$EXITVIEW_DB"; fi; }

# --- read-only, then writable again --------------------------------------
start resume "$id"
e2e_wait "Question 1 of 7" || fail fault-ro-open "no screen: $(cat "$E2E_ERR")"
ro_on || fail fault-ro-make-readonly "could not make $dbdir read-only"
text1="Skrivet medan katalogen var skrivskyddad: allt ska finnas kvar."
e2e_type "$text1"
if e2e_wait "NOT SAVED:" 10; then ok fault-ro-not-saved-shown; else fail fault-ro-not-saved-shown "$(fl_status)"; fi
echo "# status line: $(fl_status)"
e2e_screen | grep -q "finnas kvar" && ok fault-ro-text-on-screen || fail fault-ro-text-on-screen "text gone"
fl_intact fault-ro-intact "$(inner_db)"
ro_off
if fl_wait_saved 10 && ! e2e_screen | grep -q "NOT SAVED"; then ok fault-ro-saved-when-writable; else fail fault-ro-saved-when-writable "$(fl_status)"; fi
e2e_keys C-q
e2e_exited 10
[ "$E2E_STATUS" = 0 ] && ok fault-ro-leave || fail fault-ro-leave "status ${E2E_STATUS:-none}: $(head -3 "$E2E_ERR")"
[ $mode = ns ] && cp "$dbdir.after/exitview.db" "$EXITVIEW_DB"
fl_has_notes "$id" 1 "$text1" 2 && ok fault-ro-notes-saved || fail fault-ro-notes-saved "got: $(fl_notes "$id" 1)"
fl_sanitizer fault-ro-sanitizer-1

# --- still read-only at the hang-up: a private recovery file ------------
start resume "$id"
e2e_wait "Question 1 of 7" || fail fault-ro-open2 "no screen"
pid=$(e2e_pid)
e2e_keys C-n
e2e_wait "Question 2 of 7" 5
ro_on
text2="Andra frågan, skrivskyddat vid avbrottet; \"citat\" och 50 %."
e2e_type "$text2"
e2e_wait "NOT SAVED:" 10 || fail fault-ro-not-saved-2 "$(fl_status)"
tmux -L "$E2E_SOCK" kill-server
fl_dead "$pid" 10 || fail fault-ro-hup-exit "still running"
ro_off 2>/dev/null
rec=$(ls "$recdir"/interview-$id-q2-*.txt 2>/dev/null | head -1)
if [ -f "$rec" ] && [ "$(cat "$rec"; echo x)" = "${text2}x" ]; then ok fault-ro-hup-recovery-file; else
	fail fault-ro-hup-recovery-file "$(ls -la "$recdir" 2>&1 | tail -3); stderr: $(cat "$E2E_ERR")"; fi
[ "$(stat -c %a "$rec" 2>/dev/null)" = 600 ] && [ "$(stat -c %a "$recdir")" = 700 ] && ok fault-ro-recovery-private \
	|| fail fault-ro-recovery-private "file $(stat -c %a "$rec" 2>&1) dir $(stat -c %a "$recdir" 2>&1)"
grep -q "$rec" "$E2E_ERR" && ok fault-ro-hup-says-where || fail fault-ro-hup-says-where "stderr: $(cat "$E2E_ERR")"
fl_sanitizer fault-ro-sanitizer-2
rm -rf "$recdir"

# --- Ctrl-Q while read-only: asks again, then leaves with a recovery file -
start resume "$id"
e2e_wait " of 7" || fail fault-ro-open3 "no screen"
qn=$(e2e_screen | sed -n 's/.*Question \([0-9]\) of 7.*/\1/p' | head -1)
ro_on
text3="Lämnar fast det inte går att spara."
e2e_keys C-n
e2e_wait "Question $((qn + 1)) of 7" 5
e2e_type "$text3"
e2e_keys C-q
e2e_wait "again" 5 && ok fault-ro-leave-asks || fail fault-ro-leave-asks "$(fl_status)"
e2e_keys C-q
e2e_exited 10
ro_off 2>/dev/null
[ "$E2E_STATUS" = 1 ] && grep -q "^exitview: " "$E2E_ERR" && ok fault-ro-leave-status || fail fault-ro-leave-status "status ${E2E_STATUS:-none}: $(cat "$E2E_ERR")"
rec=$(ls "$recdir"/interview-$id-q$((qn + 1))-*.txt 2>/dev/null | head -1)
[ -f "$rec" ] && [ "$(cat "$rec"; echo x)" = "${text3}x" ] && ok fault-ro-leave-recovery-file || fail fault-ro-leave-recovery-file "$(ls "$recdir" 2>&1): $(head -c 200 "$rec")"
fl_sanitizer fault-ro-sanitizer-3
e2e_done
