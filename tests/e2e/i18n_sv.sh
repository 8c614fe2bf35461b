#!/bin/sh
# På svenska (issue 16): under sv_SE.UTF-8 the screens speak Swedish — the
# start screen and its key hints, the help overlay (F1), the interview
# screen's hints and status, the details form's labels and choices (the
# stored values stay the English keys), a y/n question that takes 'j' as
# well as 'y' — and an error still begins "exitview:".  The same steps
# under C.UTF-8 show the English screens unchanged, and there 'j' is not
# yes.  The locale is the system's when generated (make deps), else made
# in the test's own directory (localedef, LOCPATH).
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=90
e2e_init i18n_sv

SV="LANG=sv_SE.UTF-8 LC_ALL=sv_SE.UTF-8"
if locale -a 2>/dev/null | grep -qix 'sv_SE.utf8'; then
	:
elif command -v localedef >/dev/null 2>&1 &&
     localedef -i sv_SE -f UTF-8 "$E2E_DIR/locale/sv_SE.UTF-8" >/dev/null 2>&1; then
	SV="$SV LOCPATH=$E2E_DIR/locale"
else
	echo "skip i18n_sv: no sv_SE.UTF-8 locale and localedef cannot make one (make deps; package locales)"
	exit 0
fi
# shellcheck disable=SC2086 # SV is a list of VAR=VALUE words
sv_start() { e2e_start $SV "$@"; }

id=$(e2e_new_batch "Björn Åkesson" --template standard-sv --role Utvecklare) || { fail sv-setup "new --batch failed"; exit 0; }
id2=$(e2e_new_batch "Cecilia Dahl" --template standard-sv) || { fail sv-setup "new --batch failed"; exit 0; }

# ---- Swedish ----
sv_start
if e2e_wait "exitview: avgångssamtal" 10; then ok sv-start-title; else fail sv-start-title "$(e2e_screen | head -3)"; fi
s=$(e2e_screen)
for w in "F1 hjälp" "Enter öppna" "skriv för att filtrera" "^X avsluta" "Ny intervju" "Medarbetare" "Avdelning" \
	 "öppen" "2 intervjuer"; do
	printf '%s\n' "$s" | grep -qF -- "$w" || miss="$miss [$w]"
done
[ -z "$miss" ] && ok sv-start-screen || fail sv-start-screen "missing:$miss"
miss=""
printf '%s\n' "$s" | grep -q "New interview\|type to filter\|Employee" && fail sv-start-no-english "$(printf '%s\n' "$s" | grep 'New interview\|type to filter\|Employee')" \
	|| ok sv-start-no-english

e2e_keys F1
e2e_wait "exitview: tangenter" 5 && ok sv-help-opens || fail sv-help-opens "$(e2e_screen | head -3)"
s=$(e2e_screen)
for w in "Överallt" "rita om skärmen" "Intervjuskärmen, alla rutor" "Skriva text" "Upp/Ned/PgUp/PgDn rullar  Esc stänger" \
	 "(mer nedanför)"; do
	printf '%s\n' "$s" | grep -qF -- "$w" || miss="$miss [$w]"
done
[ -z "$miss" ] && ok sv-help-swedish || fail sv-help-swedish "missing:$miss"
miss=""
# further down: the keys as a Swede names them
e2e_keys PageDown PageDown
e2e_wait "Blanksteg" 5 && e2e_screen | grep -qF "Upp, Ned" && ok sv-help-key-names || fail sv-help-key-names "$(e2e_screen | head -12)"
e2e_screen | grep -q "Anywhere\|redraw the screen" && fail sv-help-no-english "English in the help" || ok sv-help-no-english
e2e_keys q
e2e_gone "exitview: tangenter" 5

# the interview screen (the first row of the list is "New interview"; the
# newest interview is next)
e2e_keys Down Down Enter
if e2e_wait "Fråga 1 av 7" 10; then ok sv-interview-opens; else fail sv-interview-opens "$(e2e_screen | head -3)"; fi
s=$(e2e_screen)
for w in "^X lämna" "F10 avsluta" "F1 hjälp" "tid <1 min" "Anteckningar" "Förberedelser" "Iakttagelser" "Åtgärder" "Råd:"; do
	printf '%s\n' "$s" | grep -qF -- "$w" || miss="$miss [$w]"
done
[ -z "$miss" ] && ok sv-interview-screen || fail sv-interview-screen "missing:$miss"
miss=""
e2e_keys Tab
e2e_wait "Enter anteckna" 5 && ok sv-interview-hints-list || fail sv-interview-hints-list "$(e2e_screen | tail -1)"

# the details form: labels and choices in Swedish, the values stored as keys
e2e_keys F2
e2e_wait "Typ av avgång:" 5 && ok sv-form-opens || fail sv-form-opens "$(e2e_screen | head -4)"
s=$(e2e_screen)
for w in "Medarbetare:" "Sista arbetsdag:" "Kan återanställas:" "< (inte angiven) >" "< vet ej >" "[ Klar ]" "Blanksteg välj"; do
	printf '%s\n' "$s" | grep -qF -- "$w" || miss="$miss [$w]"
done
[ -z "$miss" ] && ok sv-form-labels || fail sv-form-labels "missing:$miss"
miss=""
# to Typ av avgång (the 10th field): Space picks frivillig; four on,
# Beklaglig förlust takes 'j' for ja
e2e_keys Down Down Down Down Down Down Down Down Down Space
e2e_wait "< frivillig >" 5 && ok sv-form-choice-space || fail sv-form-choice-space "$(e2e_screen | grep 'avgång')"
e2e_keys Down Down Down Down j
e2e_wait "Beklaglig förlust:  < ja >" 5 && ok sv-form-choice-letter-j || fail sv-form-choice-letter-j "$(e2e_screen | grep 'Beklaglig')"
e2e_keys Down n
e2e_wait "Kan återanställas:  < nej >" 5 && ok sv-form-choice-letter-n || fail sv-form-choice-letter-n "$(e2e_screen | grep 'återanst')"
e2e_keys Escape
e2e_wait "Fråga 1 av 7" 5
json=$("$BIN" export --json 2>&1)
if printf '%s\n' "$json" | grep -q '"separation": *"voluntary"' && printf '%s\n' "$json" | grep -q '"regrettable": *"yes"' &&
   printf '%s\n' "$json" | grep -q '"rehire": *"no"'; then
	ok sv-form-stores-keys
else
	fail sv-form-stores-keys "$(printf '%s\n' "$json" | grep -o '"\(separation\|regrettable\|rehire\)": *"[a-z]*"' | tr '\n' ' ')"
fi

# F10: the question in Swedish; n keeps it open, j closes it
e2e_keys F10
e2e_wait "Avsluta intervjun med Björn Åkesson (rapport, sedan skrivskyddad)? j/n" 5 && ok sv-close-asks \
	|| fail sv-close-asks "$(e2e_screen | tail -2)"
e2e_keys n
e2e_wait "inte avslutad" 5 && ok sv-close-n || fail sv-close-n "$(e2e_screen | tail -2)"
e2e_keys F10
e2e_wait "? j/n" 5
e2e_keys j
e2e_wait "intervju $id avslutad; rapporten skriven till" 10 && ok sv-close-j || fail sv-close-j "$(e2e_screen | tail -3)"
e2e_screen | grep -q "avslutad" && ok sv-start-state-closed || fail sv-start-state-closed "$(e2e_screen | head -8)"
# 'y' is yes too in Swedish
e2e_type "Cecilia"
e2e_wait "1 intervju matchar" 5 && ok sv-start-filter-count || fail sv-start-filter-count "$(e2e_screen | head -1)"
e2e_keys Enter
e2e_wait "Fråga 1 av 7" 10
e2e_keys F10
e2e_wait "Avsluta intervjun med Cecilia Dahl" 5
e2e_keys y
e2e_wait "intervju $id2 avslutad" 10 && ok sv-close-y || fail sv-close-y "$(e2e_screen | tail -3)"
e2e_keys C-x
e2e_exited 10 || fail sv-exit "still running"

# an error in Swedish still begins "exitview:"
# shellcheck disable=SC2086
err=$(env $SV "$BIN" show 9999 2>&1 >/dev/null)
case $err in
"exitview: ingen intervju med ID 9999") ok sv-error-prefix ;;
*) fail sv-error-prefix "$err" ;;
esac

# ---- English: the same screens as before ----
id3=$(e2e_new_batch "Dag Fors") || { fail en-setup "new --batch failed"; exit 0; }
e2e_start
if e2e_wait "exitview: exit interviews" 10; then ok en-start-title; else fail en-start-title "$(e2e_screen | head -3)"; fi
s=$(e2e_screen)
for w in "F1 help" "Enter open" "type to filter" "^X quit" "New interview" "Employee" "Department" "State" "open" "closed"; do
	printf '%s\n' "$s" | grep -qF -- "$w" || miss="$miss [$w]"
done
[ -z "$miss" ] && ok en-start-screen || fail en-start-screen "missing:$miss"
miss=""
e2e_keys F1
e2e_wait "exitview keys" 5
s=$(e2e_screen)
for w in "Anywhere" "redraw the screen" "Typing" "Up/Down/PgUp/PgDn scroll  Esc close"; do
	printf '%s\n' "$s" | grep -qF -- "$w" || miss="$miss [$w]"
done
[ -z "$miss" ] && ok en-help || fail en-help "missing:$miss"
miss=""
e2e_keys q
e2e_gone "exitview keys" 5
e2e_keys Down Enter
e2e_wait "Question 1 of 7" 10 && ok en-interview-opens || fail en-interview-opens "$(e2e_screen | head -3)"
s=$(e2e_screen)
for w in "^X leave" "F10 close" "elapsed <1 min" "Notes" "Preparation" "Observations" "Action items" "Hint:"; do
	printf '%s\n' "$s" | grep -qF -- "$w" || miss="$miss [$w]"
done
[ -z "$miss" ] && ok en-interview-screen || fail en-interview-screen "missing:$miss"
miss=""
e2e_keys F2
e2e_wait "Separation:" 5
e2e_keys Down Down Down Down Down Down Down Down Down Space
e2e_wait "< voluntary >" 5 && ok en-form-choice || fail en-form-choice "$(e2e_screen | grep Separation)"
e2e_keys Escape
e2e_wait "Question 1 of 7" 5
e2e_keys F10
e2e_wait "Close the interview with Dag Fors (report, then read-only)? y/n" 5 && ok en-close-asks || fail en-close-asks "$(e2e_screen | tail -2)"
e2e_keys j
e2e_wait "not closed" 5 && ok en-close-j-is-not-yes || fail en-close-j-is-not-yes "$(e2e_screen | tail -2)"
e2e_keys F10
e2e_wait "? y/n" 5
e2e_keys y
e2e_wait "interview $id3 closed; report written to" 10 && ok en-close-y || fail en-close-y "$(e2e_screen | tail -3)"
e2e_keys C-x
e2e_exited 10 || fail en-exit "still running"
e2e_done
