#!/bin/sh
# Steady typing is saved too, not only after a pause: design.md allows
# "at most about a second of typing at risk on a hard kill".  A typist in
# the background sends one word after another with no pause at all (each
# word is one tmux command, milliseconds apart) while the database is
# watched: the notes must be saved twice, with more each time, while the
# typist is still typing.  A screen that saved only after a pause would
# never do it: the typist stops after a fixed number of words (by count,
# far more than a second's worth on any machine), and the test fails if
# that comes first.  Then kill -9 during the typing: everything seen saved
# is still there, and the notes are exactly a prefix of what was typed.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=90
e2e_init fault-kill-continuous
. "$(dirname "$0")/fault_lib.inc"
id=$(e2e_new_batch "Kim Kontinuerlig") || { fail fault-kcont-setup "new --batch failed"; exit 0; }
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail fault-kcont-open "no screen"
pid=$(e2e_pid)
MAX=3000

# the typist: word i is "ord<i> "; stops at "stop" or after MAX words
(
	i=0
	while [ ! -e "$E2E_DIR/stop" ] && [ $i -lt $MAX ]; do
		e2e_type "ord$i " || break
		i=$((i + 1))
	done
	echo "$i" > "$E2E_DIR/typed"
) &
typist=$!

# how much of the notes is in the database (bytes; 0: nothing yet)
saved_len() { fl_notes "$id" 1 2>/dev/null | wc -c; }
first=0 second=0
while [ ! -e "$E2E_DIR/typed" ]; do   # each round reads the database: no sleep needed
	n=$(saved_len)
	if [ "$first" -eq 0 ]; then
		first=$n
	elif [ "$n" -gt "$first" ]; then
		second=$n
		break
	fi
done
if [ "$second" -gt 0 ] && [ ! -e "$E2E_DIR/typed" ]; then
	ok fault-kcont-saved-while-typing
else
	fail fault-kcont-saved-while-typing "saved while typing: $first bytes, then $second; the typist ended after $(cat "$E2E_DIR/typed" 2>/dev/null) words"
fi

# a hard kill in the middle of the typing
kill -KILL "$pid"
touch "$E2E_DIR/stop"
wait "$typist"
fl_dead "$pid" 5 || fail fault-kcont-dead "still running after kill -9"
fl_notes "$id" 1 > "$E2E_DIR/got"
python3 - "$E2E_DIR/got" "$second" "$MAX" <<'PY' && ok fault-kcont-kept-after-kill || fail fault-kcont-kept-after-kill "see above"
import sys
got = open(sys.argv[1], encoding="utf-8").read()
seen, n = int(sys.argv[2]), int(sys.argv[3])
typed = "".join("ord%d " % i for i in range(n))
if not typed.startswith(got):
    print("# the notes are not a prefix of what was typed: ...%r" % got[-120:]); sys.exit(1)
if len(got.encode()) < seen:
    print("# %d bytes were seen saved, now %d" % (seen, len(got.encode()))); sys.exit(1)
PY
e2e_done
