#!/bin/sh
# Steady typing is saved too, not only after a pause: design.md allows
# "at most about a second of typing at risk on a hard kill".  Type a word
# every 0.2 s for 5 s (never a 1 s pause), kill -9: every word sent more
# than 2 s before the kill must be in the database.
. "$(dirname "$0")/lib.sh"
e2e_init fault-kill-continuous
. "$(dirname "$0")/fault_lib.inc"
id=$(e2e_new_batch "Kim Kontinuerlig") || { fail fault-kcont-setup "new --batch failed"; exit 0; }
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail fault-kcont-open "no screen"
pid=$(e2e_pid)
start=$(date +%s%N)
i=0
: > "$E2E_DIR/sent"
while :; do
	now=$(date +%s%N)
	[ $(( (now - start) / 1000000 )) -ge 5000 ] && break
	e2e_type "ord$i "
	echo "$(( (now - start) / 1000000 )) ord$i" >> "$E2E_DIR/sent"
	i=$((i + 1))
	sleep 0.2
done
kill -KILL "$pid"
end=$(( ($(date +%s%N) - start) / 1000000 ))
fl_dead "$pid" 5
got=$(fl_notes "$id" 1)
missing=""
while read -r t w; do
	[ $((end - t)) -gt 2000 ] || continue
	case " $got " in *" $w "*) ;; *) missing="$missing $w" ;; esac
done < "$E2E_DIR/sent"
[ -z "$missing" ] && ok fault-kcont-at-most-a-second-lost || fail fault-kcont-at-most-a-second-lost "typed >2 s before the kill, lost:$missing (saved: '$got')"
e2e_done
