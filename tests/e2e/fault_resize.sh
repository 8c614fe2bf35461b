#!/bin/sh
# The terminal is resized rapidly many times while the interviewer types:
# nothing typed is lost, the program does not crash, the screen is right
# afterwards; sizes below 80x24 show "too small" and recover.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=60
e2e_init fault-resize
. "$(dirname "$0")/fault_lib.inc"

id=$(e2e_new_batch "Rolf Storlek") || { fail fault-resize-setup "new --batch failed"; exit 0; }
printf 'Redan sparat i fråga tre.\n' | "$BIN" note "$id" 3
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail fault-resize-open "no screen"
pid=$(e2e_pid)
resize() { tmux -L "$E2E_SOCK" resize-window -x "$1" -y "$2" 2>/dev/null; }

# typing between rapid resizes (all at least 80x24: what is typed must land)
want=""
i=0
for size in 80x24 120x40 81x25 200x60 80x24 100x30 90x24 80x50 160x24 80x24 \
	    132x43 85x27 80x24 110x35 95x28 80x24 150x45 80x30 99x24 80x24; do
	resize "${size%x*}" "${size#*x}"
	w="ord$i-åäö "
	e2e_type "$w"
	want="$want$w"
	resize 100 30; resize 80 24; resize 140 40
	if [ $((i % 7)) = 6 ]; then e2e_keys Enter; want="$want
"; fi
	i=$((i + 1))
done
resize 80 24
e2e_wait "ord19-åäö" 10 && ok fault-resize-typed-text-shown || fail fault-resize-typed-text-shown "$(e2e_screen | sed -n 10,14p)"
kill -0 "$pid" 2>/dev/null && ok fault-resize-alive || fail fault-resize-alive "the program ended: $(head -3 "$E2E_ERR")"

# too small and back, many times, without typing
j=0
while [ $j -lt 15 ]; do
	resize 60 20; resize 79 24; resize 80 23; resize 30 5; resize 80 24
	j=$((j + 1))
done
resize 50 12
e2e_wait "too small" 5 && ok fault-resize-too-small-shown || fail fault-resize-too-small-shown "$(e2e_screen | head -3)"
resize 80 24
e2e_wait "Question 1 of 7" 5 && e2e_wait "ord19-åäö" 5 && ok fault-resize-recovers || fail fault-resize-recovers "$(e2e_screen | head -3)"
# a switch of question and back while resizing: the notes of another
# question are intact too
e2e_keys C-n C-n
resize 120 40
e2e_wait "Redan sparat i fråga tre." 5 && ok fault-resize-other-question || fail fault-resize-other-question "$(e2e_screen | grep -c .)"
resize 80 24
e2e_keys C-p C-p
e2e_wait "Question 1 of 7" 5
e2e_keys C-q
e2e_exited 10
[ "$E2E_STATUS" = 0 ] && ok fault-resize-leave || fail fault-resize-leave "status ${E2E_STATUS:-none}: $(head -3 "$E2E_ERR")"
fl_has_notes "$id" 1 "$want" 3 && ok fault-resize-nothing-lost || fail fault-resize-nothing-lost "got: $(fl_notes "$id" 1 | head -c 300)"
fl_has_notes "$id" 3 "Redan sparat i fråga tre.
" 1 && ok fault-resize-other-intact || fail fault-resize-other-intact "got: $(fl_notes "$id" 3)"
fl_sanitizer fault-resize-sanitizer
e2e_done
