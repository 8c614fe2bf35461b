#!/bin/sh
# The start screen and the new-interview form: create an interview, a bad
# date is refused on the form (and a start date after the last working
# day; an interview on the last day is a note), the details form (F2) saves its fields,
# the start screen filters and resumes.
. "$(dirname "$0")/lib.sh"
e2e_init form

e2e_new_batch "Zed Old" --role Tester >/dev/null || { fail form-setup "new --batch failed"; exit 0; }
e2e_start
if e2e_wait "New interview" && e2e_screen | grep -q "Zed Old"; then ok form-start-screen; else fail form-start-screen "$(e2e_screen | head -6)"; fi
e2e_keys Enter
e2e_wait "Employee:" 5 && ok form-opens || fail form-opens "$(e2e_screen | head -3)"
e2e_screen | grep -q "Interview date:  $(date +%Y-%m-%d)" && ok form-today-prefilled || fail form-today-prefilled "$(e2e_screen | grep 'Interview date')"
e2e_type "Åsa Öberg"
e2e_keys Tab
e2e_type "Utvecklare"
e2e_keys Tab
e2e_type "Forskning"
e2e_keys Tab Tab Tab
e2e_type "2024-02-30"
e2e_keys Tab
e2e_wait "is not a date" 5 && ok form-bad-date-refused || fail form-bad-date-refused "$(e2e_screen | tail -3)"
e2e_keys C-u
e2e_type "2019-03-01"
e2e_keys Tab
e2e_gone "is not a date" 5 && ok form-good-date || fail form-good-date "$(e2e_screen | tail -3)"
# the date rule: a last day before the start is refused, an interview on
# the last day is a note (then undone: today, and the last day ahead)
e2e_type "2019-01-01"
e2e_keys Tab
e2e_wait "the start date 2019-03-01 is after the last working day 2019-01-01" 5 && ok form-start-after-last-refused \
	|| fail form-start-after-last-refused "$(e2e_screen | tail -3)"
last=$(date -d '+9 days' +%F)
e2e_keys C-u
e2e_type "$last"
e2e_keys Tab
e2e_gone "is after the last working day" 5 && ok form-last-day-kept || fail form-last-day-kept "$(e2e_screen | tail -3)"
e2e_keys C-u
e2e_type "$last"
e2e_keys Tab
e2e_wait "Note: the interview date is on the last working day" 5 && ok form-date-warning \
	|| fail form-date-warning "$(e2e_screen | tail -3)"
e2e_keys Up C-u
e2e_type "$(date +%F)"
e2e_keys Up
# separation: voluntary (Space cycles), regrettable: yes (a letter picks)
e2e_keys Down Down Down Space Down Down Down Down y
e2e_wait "< voluntary >" 5 && ok form-choice-space || fail form-choice-space "$(e2e_screen | grep Separation)"
e2e_wait "< yes >" 5 && ok form-choice-letter || fail form-choice-letter "$(e2e_screen | grep Regrettable)"
e2e_keys F2
e2e_wait "Question 1 of 7" 5 && ok form-begins-interview || fail form-begins-interview "$(e2e_screen | head -3)"
e2e_screen | grep -q "Åsa Öberg" && ok form-employee-on-status || fail form-employee-on-status "no name on the status line"

# the details form from the interview: department changed, saved
e2e_keys C-t
e2e_wait "details" 5 && ok form-details-opens || fail form-details-opens "$(e2e_screen | head -2)"
e2e_keys Tab Tab C-u
e2e_type "Juridik"
e2e_keys F2
e2e_wait "Question 1 of 7" 5 || fail form-details-back "$(e2e_screen | head -2)"
e2e_keys C-q
e2e_wait "New interview" 5 && ok form-back-to-start || fail form-back-to-start "$(e2e_screen | head -5)"

tsv=$("$BIN" list --tsv)
echo "$tsv" | grep "Åsa Öberg" | grep -q "Utvecklare	Juridik" && ok form-db-details || fail form-db-details "$tsv"
id=$(echo "$tsv" | awk -F'\t' '$3 == "Åsa Öberg" { print $1 }')
show=$("$BIN" show "$id")
echo "$show" | grep -q "2019-03-01" && ok form-db-start-date || fail form-db-start-date "start date missing"
echo "$show" | grep -q "$last" && ok form-db-last-day || fail form-db-last-day "last day $last missing"
echo "$show" | grep -qi "voluntary" && ok form-db-separation || fail form-db-separation "separation missing"
echo "$show" | grep -i "regrettable" | grep -qi "yes" && ok form-db-regrettable || fail form-db-regrettable "$(echo "$show" | grep -i regrett)"

# filter: typing narrows the list; Enter resumes the match
e2e_type "Zed"
e2e_wait "1 interview match" 5 && ok form-filter || fail form-filter "$(e2e_screen | head -6)"
e2e_keys Enter
e2e_wait "Zed Old" 5 && e2e_wait "Question 1 of 7" 5 && ok form-resume-from-start || fail form-resume-from-start "$(e2e_screen | tail -2)"
e2e_keys C-q
e2e_wait "New interview" 5
e2e_keys Escape Escape
if e2e_exited 10 && [ "$E2E_STATUS" = 0 ]; then ok form-quit; else fail form-quit "status ${E2E_STATUS:-none}"; fi
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail form-sanitizer "$(head -5 "$E2E_ERR")" || ok form-sanitizer

# a hang-up in the middle of the form keeps what was typed
e2e_start new
e2e_wait "Employee:" 5 || fail form-hangup-open "no form"
e2e_type "Hanna Upp"
e2e_wait "Hanna Upp" 5
tmux -L "$E2E_SOCK" kill-server
n=0
while [ $n -lt 100 ] && ! "$BIN" list --tsv | grep -q "Hanna Upp"; do sleep 0.05; n=$((n + 1)); done
"$BIN" list --tsv | grep -q "Hanna Upp" && ok form-hangup-kept || fail form-hangup-kept "not created"
e2e_done
