#!/bin/sh
# The disk fills up while notes are being saved: the database lives on a
# small tmpfs (a private mount namespace; where none can be made, the file
# size limit stands in).  A clear "NOT SAVED" on the status line, the notes
# kept on screen and in memory, the database never corrupt, and everything
# saved once space returns.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=60
e2e_init fault-diskfull
. "$(dirname "$0")/fault_lib.inc"

id=$(e2e_new_batch "Disa Full") || { fail fault-full-setup "new --batch failed"; exit 0; }
printf 'Tidigare anteckning som måste finnas kvar.\n' | "$BIN" note "$id" 2 || fail fault-full-setup "note failed"
datadir=$(dirname "$EXITVIEW_DB")
big="$E2E_DIR/big"
python3 -c '
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(3000):
        f.write("rad %d: hon berättade om flytten, lönen och chefen; inget fick gå förlorat\n" % i)
    f.write("SLUTORDET")
' "$big"
want=$(cat "$big"; echo x); want=${want%x}

if [ "$(id -u)" = 0 ] && fl_ns_possible; then
	mode=tmpfs
	wrap="$E2E_DIR/nswrap"
	fl_ns_wrapper "$wrap"
	real=$BIN; BIN=$wrap
	e2e_start "$datadir" 2m "$real" resume "$id"
	BIN=$real
	e2e_wait "Question 1 of 7" || fail fault-full-open "no screen: $(cat "$E2E_ERR")"
	pid=$(e2e_pid)
	inner="/proc/$pid/root$datadir"
	# fill the file system to the last block
	dd if=/dev/zero of="$inner/filler" bs=4k 2>/dev/null
	[ "$(stat -f -c %a "$inner")" = 0 ] || fail fault-full-filled "tmpfs not full: $(stat -f -c '%a of %b blocks free' "$inner")"
else
	mode=ulimit
	blocks=$(( $(stat -c %s "$EXITVIEW_DB") / 512 ))
	E2E_PRE="ulimit -S -f $blocks" e2e_start resume "$id"
	e2e_wait "Question 1 of 7" || fail fault-full-open "no screen"
	pid=$(e2e_pid)
	inner=$datadir
fi
echo "# fault-full: the disk fills up by $mode"
# the file-size limit is only a stand-in: the real full disk was not tried
[ $mode = ulimit ] && echo "skip fault-full-tmpfs: not root, or no private mount namespace: a file-size limit stands in for a full disk"

tmux -L "$E2E_SOCK" load-buffer "$big"
tmux -L "$E2E_SOCK" paste-buffer -p
if e2e_wait "NOT SAVED:" 15; then ok fault-full-not-saved-shown; else fail fault-full-not-saved-shown "$(fl_status)"; fi
st=$(fl_status)
echo "# status line: $st"
# (that the reason is visible at 80 columns: pending, see fault_statusmsg.sh)
e2e_screen | grep -q "SLUTORDET" && ok fault-full-text-on-screen || fail fault-full-text-on-screen "text gone"
kill -0 "$pid" 2>/dev/null && ok fault-full-still-running || fail fault-full-still-running "the program ended"
# the database is intact while the disk is full
fl_intact fault-full-intact-while-full "$inner/exitview.db"
# keep typing while full: also kept
e2e_type " plus mer"
e2e_wait "SLUTORDET plus mer" 5 || fail fault-full-typing "typing while full: $(e2e_screen | tail -4 | head -1)"
sleep 1.2
e2e_screen | grep -q "NOT SAVED" || fail fault-full-still-failing "the status line stopped saying NOT SAVED while the disk is full"

# space returns
if [ $mode = tmpfs ]; then rm -f "$inner/filler"; else prlimit --pid "$pid" --fsize=unlimited:; fi
if fl_wait_saved 10 && ! e2e_screen | grep -q "NOT SAVED"; then ok fault-full-saved-when-space-returns; else
	fail fault-full-saved-when-space-returns "$(fl_status)"; fi
e2e_keys C-q
e2e_exited 10
[ "$E2E_STATUS" = 0 ] && ok fault-full-leave || fail fault-full-leave "status ${E2E_STATUS:-none}: $(head -3 "$E2E_ERR")"
final=$EXITVIEW_DB
[ $mode = tmpfs ] && final="$datadir.after/exitview.db"
fl_intact fault-full-intact-after "$final"
got=$("$BIN" -d "$final" export --json | python3 -c '
import json, sys
d = json.load(sys.stdin)[0]["questions"]
print("q1=%d q2=%s" % (d[0]["notes"] == open(sys.argv[1], encoding="utf-8").read() + " plus mer",
                      d[1]["notes"] == "Tidigare anteckning som måste finnas kvar.\n"))' "$big")
[ "$got" = "q1=1 q2=True" ] && ok fault-full-notes-complete || fail fault-full-notes-complete "$got"
fl_sanitizer fault-full-sanitizer
e2e_done
