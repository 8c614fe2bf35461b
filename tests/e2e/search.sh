#!/bin/sh
# The start screen's filter and '/' (issue 14): the filter folds case
# beyond ASCII ('åkesson' finds 'Åkesson', 'o' is not 'ö') and finds the
# beginnings of words of the manager too; '/' searches the notes, Enter
# lists the hits, Enter on one opens its interview (a closed one read-only),
# Esc goes back to the list.
. "$(dirname "$0")/lib.sh"
e2e_init search

a=$(e2e_new_batch "Björn Åkesson" --role Säljare --department Försäljning --manager "Mona Lind" | tail -1) \
	|| { fail search-setup "new --batch failed"; exit 0; }
b=$(e2e_new_batch "Olle Oberg" --role Engineer --department Platform | tail -1)
c=$(e2e_new_batch "Cilla Carlsson" --role Engineer --department Platform | tail -1)
echo "Lönen låg under marknaden; vill ha ett möte om lönerevisionen." | e2e_cli note "$a" 1
echo "The on-call rota wore him down." | e2e_cli note "$b" 2
echo "Nothing about pay here." | e2e_cli note "$c" 1
e2e_cli close "$b" >/dev/null

e2e_start
e2e_wait "Cilla Carlsson" 10 || { fail search-start "$(e2e_screen | head -8)"; exit 0; }

# the filter: lower case finds upper case beyond ASCII, å is not a
e2e_type "åkesson"
if e2e_wait "1 interview match" 5 && e2e_screen | grep -q "Björn Åkesson"; then ok filter-fold-case
else fail filter-fold-case "$(e2e_screen | head -8)"; fi
e2e_screen | grep -q "Olle Oberg" && fail filter-fold-only "$(e2e_screen | head -8)" || ok filter-fold-only
e2e_keys C-u
e2e_type "öberg"
e2e_wait "No interview matches" 5 && ok filter-o-umlaut-not-o || fail filter-o-umlaut-not-o "$(e2e_screen | head -8)"
e2e_keys C-u
e2e_type "mona"
e2e_wait "1 interview match" 5 && e2e_screen | grep -q "Björn Åkesson" && ok filter-manager \
	|| fail filter-manager "$(e2e_screen | head -8)"
e2e_keys C-u
e2e_type "eng plat"
e2e_wait "2 interviews match" 5 && ok filter-every-word || fail filter-every-word "$(e2e_screen | head -8)"
e2e_keys Escape
e2e_wait "3 interviews" 5 && ok filter-cleared || fail filter-cleared "$(e2e_screen | head -3)"

# '/': search the notes
e2e_type "/"
e2e_wait "Search:" 5 && ok search-mode || fail search-mode "$(e2e_screen | head -4)"
e2e_type "LÖNEREV*"
e2e_wait "LÖNEREV*" 5 || fail search-typed "$(e2e_screen | head -4)"
e2e_keys Enter
if e2e_wait "1 hit" 5 && e2e_screen | grep -q "Björn Åkesson.*question 1.*\[lönerevisionen\]"; then ok search-hits
else fail search-hits "$(e2e_screen | head -8)"; fi
# a new query, a phrase; nothing found says so
e2e_keys C-u
e2e_type '"pay here"'
e2e_keys Enter
e2e_wait "Cilla Carlsson" 5 && e2e_screen | grep -q "\[pay here\]" && ok search-phrase || fail search-phrase "$(e2e_screen | head -8)"
e2e_keys C-u
e2e_type "zzqqö"
e2e_keys BSpace   # the ö, both its bytes
e2e_keys Enter
e2e_wait "Nothing found for zzqq." 5 && ok search-nothing || fail search-nothing "$(e2e_screen | head -8)"
e2e_keys C-u
e2e_type 'bad"quote'
e2e_keys Enter
e2e_wait "bad query" 5 && ok search-bad-query || fail search-bad-query "$(e2e_screen | tail -3)"
# Esc: back to the list, as it was
e2e_keys Escape
e2e_wait "3 interviews" 5 && e2e_screen | grep -q "New interview" && ok search-esc-back || fail search-esc-back "$(e2e_screen | head -6)"
# '/' again, Enter opens the closed interview's report (read-only)
e2e_type "/"
e2e_wait "Search:" 5
e2e_keys C-u
e2e_type "rota"
e2e_keys Enter
e2e_wait "Olle Oberg" 5 || fail search-rota "$(e2e_screen | head -8)"
e2e_keys Enter
if e2e_wait "Reason for leaving" 10 && e2e_screen | grep -q "Olle Oberg" && ! e2e_screen | grep -q "Search:"; then ok search-enter-opens
else fail search-enter-opens "$(e2e_screen | head -10)"; fi
e2e_keys C-q
e2e_keys C-q
e2e_keys C-q
e2e_exited 10 || fail search-quit "did not quit: $(e2e_screen | head -5)"
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail search-sanitizer "$(head -5 "$E2E_ERR")" || ok search-sanitizer
e2e_done
