#!/bin/sh
# The start screen pages through a list longer than the screen: PgDn and
# PgUp, and Up and Down across a page's edge, show the list's rows in its
# order (most recently updated first), none missed or shown twice, with
# and without a filter (a page next to the one shown is read on from its
# edge row, store_list_next, not at an offset).
. "$(dirname "$0")/lib.sh"
e2e_init start_pages

i=1
while [ $i -le 50 ]; do
	e2e_new_batch "$(printf 'Person %02d' $i)" --role Tester --department QA \
		--interview-date 2020-01-01 --last-day 2020-01-10 >/dev/null || { fail pages-setup "new --batch failed"; exit 1; }
	i=$((i + 1))
done
# newest update first: Person 50 at the top, Person 01 at the bottom;
# a few updated later move to the top (the list's order, not the IDs')
"$BIN" note 7 1 </dev/null >/dev/null 2>&1
order=$("$BIN" list --tsv | awk -F '\t' 'NR > 1 { print $3 }')

# The rows of the list as shown, and the selected one.
shown() { e2e_screen | sed -n 's/^[ >] *[0-9][0-9]* *\(Person [0-9][0-9]\).*/\1/p' | tr '\n' ','; }
selected() { e2e_screen | sed -n 's/^> *[0-9][0-9]* *\(Person [0-9][0-9]\).*/\1/p'; }
# The names of rows FROM..TO (1-based) of the list's order.
want() { printf '%s\n' "$order" | sed -n "$1,$2p" | tr '\n' ','; }
nth() { printf '%s\n' "$order" | sed -n "$1p"; }

# Until the selected row is WANT (5 s at most).
wait_sel() {
	n=100
	while [ "$n" -gt 0 ] && [ "$(selected)" != "$1" ]; do
		sleep 0.05
		n=$((n - 1))
	done
}

check() {   # NAME SEL TOP: the selected row is the list's SEL-th, the rows from TOP on
	got_sel=$(selected)
	if [ "$got_sel" = "$(nth "$2")" ] && [ "$(shown)" = "$(want "$3" "$(($3 + H - 1 < 50 ? $3 + H - 1 : 50))")" ]; then
		ok "$1"
	else
		fail "$1" "selected '$got_sel' (want '$(nth "$2")'), shown $(shown) want $(want "$3" "$(($3 + H - 1))")"
	fi
}

e2e_start
e2e_wait "50 interviews" 10 || { fail pages-start "$(e2e_screen | head -5)"; exit 1; }
# rows on the screen: "New interview" and H - 1 interviews on the first page
H=$(($(e2e_screen | grep -c '^[ >] *[0-9][0-9]* *Person') + 1))
[ "$H" -ge 10 ] && ok pages-height || fail pages-height "$H rows"

e2e_keys NPage   # sel H: the list's H-th row, at the bottom of the page
wait_sel "$(nth "$H")"
check pages-down-1 "$H" 1
e2e_keys NPage
wait_sel "$(nth $((2 * H)))"
check pages-down-2 $((2 * H)) $((H + 1))
e2e_keys Down Down
wait_sel "$(nth $((2 * H + 2)))"
check pages-down-across $((2 * H + 2)) $((H + 3))
e2e_keys NPage NPage NPage   # past the end: the last row
wait_sel "$(nth 50)"
check pages-end 50 $((50 - H + 1))
e2e_keys PPage
wait_sel "$(nth $((50 - H)))"
check pages-up-1 $((50 - H)) $((50 - H))
e2e_keys Up
wait_sel "$(nth $((50 - H - 1)))"
check pages-up-across $((50 - H - 1)) $((50 - H - 1))
e2e_keys PPage PPage PPage PPage
e2e_wait ">       New interview" 5 && ok pages-top || fail pages-top "$(e2e_screen | head -8)"

# with a filter: the matches, newest first, paged the same way
e2e_type "person"
e2e_wait "50 interviews match" 5 || fail pages-filter "$(e2e_screen | head -3)"
forder=$("$BIN" list --tsv | awk -F '\t' 'NR > 1 { print $1 "\t" $3 }' | sort -rn | cut -f2)
fnth() { printf '%s\n' "$forder" | sed -n "$1p"; }
# (a filter selects its first match: row 1)
e2e_keys NPage NPage
wait_sel "$(fnth $((2 * H + 1)))"
[ "$(selected)" = "$(fnth $((2 * H + 1)))" ] && ok pages-filter-down || fail pages-filter-down "selected '$(selected)', want '$(fnth $((2 * H + 1)))'"
e2e_keys PPage
wait_sel "$(fnth $((H + 1)))"
[ "$(selected)" = "$(fnth $((H + 1)))" ] && ok pages-filter-up || fail pages-filter-up "selected '$(selected)', want '$(fnth $((H + 1)))'"
e2e_keys C-q
e2e_exited 10 && [ "$E2E_STATUS" = 0 ] && ok pages-quit || fail pages-quit "status ${E2E_STATUS:-none}"
e2e_done
