#!/bin/sh
# Two interviewers on one explicitly shared database (shared_database = yes,
# the file 0660), each typing into their own interview on their own screen
# at the same time, in a fixed number of rounds, while scripts read and
# write the same database from the command line: both sets of notes
# complete, no "locked"/"busy"/"NOT SAVED" ever on either screen, no error.
# Each round types on both screens, then waits until both have saved what
# was typed (a condition, not a time): their saves, a second after the
# typing, meet each other and the script's in every round.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=80
e2e_init fault-shared
. "$(dirname "$0")/fault_lib.inc"

mkdir -p "$XDG_CONFIG_HOME/exitview"
printf '[exitview]\nshared_database = yes\nautosave = 1\n' > "$XDG_CONFIG_HOME/exitview/config.ini"
ida=$(e2e_new_batch "Anna Delad") && idb=$(e2e_new_batch "Bert Delad") && idc=$(e2e_new_batch "Cilla Skript") \
	|| { fail fault-shared-setup "new --batch failed"; exit 0; }
chmod 660 "$EXITVIEW_DB"

fl_on A; e2e_start resume "$ida"; e2e_wait "Question 1 of 7" || fail fault-shared-open-a "no screen"
fl_on B; e2e_start resume "$idb"; e2e_wait "Question 1 of 7" || fail fault-shared-open-b "no screen"

top=$FL_DIR0
bad='locked\|busy\|NOT SAVED\|rror\|cannot'
# a third writer and a reader from the command line, all along
(
	i=0
	while [ ! -f "$top/stop" ]; do
		echo "skript $i" | "$BIN" note --append "$idc" 1 2>>"$top/cli.err" || echo "note $i failed" >> "$top/cli.err"
		"$BIN" list >/dev/null 2>>"$top/cli.err" || echo "list $i failed" >> "$top/cli.err"
		i=$((i + 1))
	done
	echo "$i" > "$top/cli.count"
) &
cli=$!

exp_a="" exp_b="" seen=""
rounds=12
i=0
while [ $i -lt $rounds ]; do
	wa="a$i-ord, å$i; "
	wb="b$i-ord \"citat\" $i "
	fl_on A; e2e_type "$wa"; exp_a="$exp_a$wa"
	fl_on B; e2e_type "$wb"; exp_b="$exp_b$wb"
	if [ $((i % 5)) -eq 4 ]; then
		fl_on A; e2e_keys Enter; exp_a="$exp_a
"
	fi
	# until each screen shows this round's words and then says "saved"
	for t in A B; do
		fl_on $t
		mark="a$i-ord,"; [ $t = B ] && mark="b$i-ord"
		e2e_wait "$mark" 10 || seen="$seen [$t: round $i never on screen]"
		fl_wait_saved 10 || seen="$seen [$t: round $i never saved: $(fl_status)]"
		s=$(e2e_screen)
		if echo "$s" | grep -q "$bad"; then seen="$seen [$t: $(echo "$s" | grep "$bad" | head -1)]"; fi
	done
	i=$((i + 1))
done
touch "$top/stop"
for t in A B; do
	fl_on $t
	fl_wait_saved 10 || seen="$seen [$t never saved: $(fl_status)]"
	e2e_screen | grep -q "$bad" && seen="$seen [$t: $(e2e_screen | grep "$bad" | head -1)]"
done
[ -z "$seen" ] && ok fault-shared-no-lock-shown || fail fault-shared-no-lock-shown "$seen"
for t in A B; do
	fl_on $t
	e2e_keys C-q
	e2e_exited 10
	[ "$E2E_STATUS" = 0 ] && [ ! -s "$E2E_ERR" ] && ok "fault-shared-leave-$t" || fail "fault-shared-leave-$t" "status ${E2E_STATUS:-none}: $(head -3 "$E2E_ERR")"
	fl_sanitizer "fault-shared-sanitizer-$t"
done
fl_on ""
wait "$cli"
fl_has_notes "$ida" 1 "$exp_a" 3 && ok fault-shared-notes-a-complete || fail fault-shared-notes-a-complete "got: $(fl_notes "$ida" 1 | tail -c 200) want: $(printf '%s' "$exp_a" | tail -c 200)"
fl_has_notes "$idb" 1 "$exp_b" 3 && ok fault-shared-notes-b-complete || fail fault-shared-notes-b-complete "got: $(fl_notes "$idb" 1 | tail -c 200)"
n=$(cat "$top/cli.count" 2>/dev/null || echo 0)
got=$(fl_notes "$idc" 1 | grep -c '^skript ')
if [ ! -s "$top/cli.err" ] && [ "$got" = "$n" ] && [ "$n" -gt 0 ]; then ok fault-shared-cli-writer; else
	fail fault-shared-cli-writer "$n notes appended, $got kept; $(head -3 "$top/cli.err" 2>/dev/null)"; fi
fl_intact fault-shared-integrity "$EXITVIEW_DB"
e2e_done
