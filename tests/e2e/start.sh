#!/bin/sh
# The start screen at 80x24: empty states say what to do, long UTF-8
# names are cut at a character with "…", the columns line up, and a
# wider terminal gives the names more room.  The next upcoming interviews
# are at the top, above the list, with the days left to the last day.
. "$(dirname "$0")/lib.sh"
e2e_init start

e2e_start
if e2e_wait "No interviews yet" 10; then ok start-empty-state; else fail start-empty-state "$(e2e_screen | head -6)"; fi
e2e_keys C-q
e2e_exited 10 || fail start-quit-empty "did not quit"

long="李小龍 Zhang Wei-Ling Christensen-Johansson"
e2e_new_batch "$long" --role "Senior Software Engineer, Platform" --department "Forskning och utveckling" >/dev/null \
	|| { fail start-setup "new --batch failed"; exit 0; }
e2e_new_batch "Åsa Öberg" --role "Säljare" >/dev/null
e2e_start
e2e_wait "Åsa Öberg" 10 || fail start-list "$(e2e_screen | head -6)"
row=$(e2e_screen | grep "李小龍")
case $row in *"李小龍 Zhang Wei-Li…"*) ok start-utf8-name-cut ;; *) fail start-utf8-name-cut "$row" ;; esac
# the role column starts in the same screen column on every row and under its heading
cols=$(e2e_screen | python3 -c '
import sys, unicodedata
def col(line, text):
    i = line.find(text)
    if i < 0: return -1
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:i])
lines = sys.stdin.read().split("\n")
head = next(l for l in lines if "Employee" in l)
a = next(l for l in lines if "Senior" in l)
b = next(l for l in lines if "Säljare" in l)
new = next(l for l in lines if "New interview" in l)
print(col(head, "Role"), col(a, "Senior"), col(b, "Säljare"), col(head, "Employee"), col(new, "New interview"))')
set -- $cols
[ "$1" = "$2" ] && [ "$1" = "$3" ] && ok start-columns-aligned || fail start-columns-aligned "role at $cols"
[ "$4" = "$5" ] && ok start-new-aligned || fail start-new-aligned "Employee at $4, New interview at $5"

# a filter without a match says so, and how to clear it
e2e_type "zzzz"
e2e_wait "No interview matches" 5 && ok start-no-match-state || fail start-no-match-state "$(e2e_screen | head -6)"
e2e_keys Escape
e2e_wait "Åsa Öberg" 5 && e2e_gone "No interview matches" 2 && ok start-filter-cleared || fail start-filter-cleared "$(e2e_screen | head -6)"

# Backspace takes the last character of the filter, a whole å or ä
e2e_type "Åsä"
e2e_wait "No interview matches" 5 || fail start-backspace-setup "$(e2e_screen | head -4)"
e2e_keys BSpace
if e2e_wait "Åsa Öberg" 5 && e2e_screen | grep -q "Filter: Ås *$" && ! e2e_screen | grep -q "李小龍"; then
	ok start-backspace-utf8
else
	fail start-backspace-utf8 "$(e2e_screen | head -6)"
fi
e2e_keys BSpace BSpace
e2e_wait "李小龍" 5 && e2e_screen | grep -q "Filter: (type" && ok start-backspace-empty || fail start-backspace-empty "$(e2e_screen | head -4)"

# wider: the whole name
tmux -L "$E2E_SOCK" resize-window -x 140 -y 24
e2e_wait "$long" 5 && ok start-wide-whole-name || fail start-wide-whole-name "$(e2e_screen | grep "李小龍")"
e2e_keys C-q
e2e_exited 10 && [ "$E2E_STATUS" = 0 ] && ok start-quit || fail start-quit "status ${E2E_STATUS:-none}"
# upcoming: the soonest first, at the top, before the list's heading
soon=$(date -d '+5 days' +%F) later=$(date -d '+12 days' +%F)
e2e_new_batch "Later Lind" --interview-date "$later" --last-day "$(date -d '+20 days' +%F)" >/dev/null
e2e_new_batch "Soon Sundqvist" --interview-date "$soon" --last-day "$(date -d '+9 days' +%F)" >/dev/null
e2e_new_batch "Past Palm" --interview-date 2020-01-10 --last-day 2020-01-20 >/dev/null
e2e_start
if e2e_wait "Upcoming" 10; then
	up=$(e2e_screen | python3 -c '
import sys
lines = sys.stdin.read().split("\n")
top = next(i for i, l in enumerate(lines) if l.startswith(" Upcoming"))
head = next(i for i, l in enumerate(lines) if "Employee" in l and "Role" in l)
block = lines[top + 1:head]
print(top, len(block), "|".join(" ".join(l.split()) for l in block))')
	set -- $up
	[ "$1" = 2 ] && ok start-upcoming-at-top || fail start-upcoming-at-top "$up"
	# the two made above are today's, then the soonest; three fit at 80x24
	[ "$2" = 3 ] && ok start-upcoming-three || fail start-upcoming-three "$up"
	case $up in
	*"$(date +%F)|"*"Åsa Öberg Säljare $(date +%F)|"*"Soon Sundqvist $soon 9 days") ok start-upcoming-soonest-first ;;
	*) fail start-upcoming-soonest-first "$up" ;;
	esac
	case $up in *Later*) fail start-upcoming-only-the-next "$up" ;; *) ok start-upcoming-only-the-next ;; esac
	case $up in *Past*) fail start-upcoming-not-past "$up" ;; *) ok start-upcoming-not-past ;; esac
else
	fail start-upcoming-at-top "$(e2e_screen | head -8)"
fi
e2e_type "Palm"
e2e_gone "Upcoming" 5 && ok start-upcoming-hidden-by-filter || fail start-upcoming-hidden-by-filter "$(e2e_screen | head -6)"
e2e_keys C-q
e2e_exited 10 || fail start-upcoming-quit "did not quit"
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail start-sanitizer "$(head -5 "$E2E_ERR")" || ok start-sanitizer
e2e_done
