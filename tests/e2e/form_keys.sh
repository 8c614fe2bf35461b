#!/bin/sh
# The forms never lose or misdirect typing: End as a terminal sends it
# (ESC[4~) moves in the field, never leaves the form or rates; Esc always
# leaves (a value that is not valid is not kept, and the screen says so);
# Ctrl-X/Ctrl-Q leave after saving what is valid; a date field takes only
# what can be a date; fields are capped (a 16,000-character paste); an
# interview date on or after the last working day is warned about.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=120
e2e_init form-keys
. "$(dirname "$0")/fault_lib.inc"

hex() { tmux -L "$E2E_SOCK" send-keys -H "$@"; }
field() {   # ID FIELD: the value in the database
	"$BIN" export --json | python3 -c '
import json, sys
for iv in json.load(sys.stdin):
    if iv["id"] == int(sys.argv[1]):
        v = iv[sys.argv[2]]
        print("" if v is None else v)' "$1" "$2"
}

id=$(e2e_new_batch "Frida Form" --role Analyst --last-day 2026-06-30) || { fail form-keys-setup "new failed"; exit 0; }
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail form-keys-open "no screen"
e2e_keys F2
e2e_wait "Interview $id: details" 5 || fail form-keys-details "$(e2e_screen | head -2)"

# End and Home as PuTTY/tmux send them, in the Employee field
hex 1b 5b 34 7e
e2e_type "X"
hex 1b 5b 31 7e
e2e_type "Y"
e2e_wait "YFrida FormX" 5 && ok form-keys-home-end-in-field || fail form-keys-home-end-in-field "$(e2e_screen | grep Employee)"
e2e_screen | grep -q "Interview $id: details" && ok form-keys-end-stays-in-form || fail form-keys-end-stays-in-form "form left"

# the date field takes only what can be a date
e2e_keys Down Down Down Down Down Down Down    # to Interview date
e2e_wait "Interview date:" 5
e2e_keys C-u
e2e_type "2026-07-0x"
e2e_wait "a date is YYYY-MM-DD" 5 && ok form-keys-date-refuses-letters || fail form-keys-date-refuses-letters "$(e2e_screen | tail -3)"
e2e_screen | grep "Interview date:" | grep -q "2026-07-0x" && fail form-keys-date-no-letter "letter in the date" || ok form-keys-date-no-letter
# on or after the last working day: a warning, not a refusal
e2e_type "1"
e2e_keys Tab
e2e_wait "after the last working day" 5 && ok form-keys-date-warning || fail form-keys-date-warning "$(e2e_screen | tail -3)"
[ "$(field "$id" interview_date)" = 2026-07-01 ] && ok form-keys-date-kept || fail form-keys-date-kept "$(field "$id" interview_date)"

# a bad date, then Esc: the form is left, the value not kept, and said so
e2e_keys Up
e2e_wait "Interview date:" 5
e2e_keys C-u
e2e_type "2026-02-30"
e2e_keys Escape
e2e_wait "Question 1 of 7" 5 && ok form-keys-esc-leaves-with-bad-date || fail form-keys-esc-leaves-with-bad-date "$(e2e_screen | tail -3)"
e2e_wait "not kept" 5 && ok form-keys-esc-says-not-kept || fail form-keys-esc-says-not-kept "$(e2e_screen | tail -2)"
[ "$(field "$id" interview_date)" = 2026-07-01 ] && ok form-keys-bad-date-not-stored || fail form-keys-bad-date-not-stored "$(field "$id" interview_date)"
[ "$(field "$id" employee)" = "YFrida FormX" ] && ok form-keys-employee-saved || fail form-keys-employee-saved "$(field "$id" employee)"
e2e_screen | grep -q "rating" && fail form-keys-no-rating "a rating appeared" || ok form-keys-no-rating

# a 16,000-character paste into a name field: capped, the form stays usable
e2e_keys F2
e2e_wait "Interview $id: details" 5
e2e_keys Down
e2e_wait "Role:" 5
e2e_keys C-u
python3 -c 'import sys; sys.stdout.write("r" * 16000)' > "$E2E_DIR/long"
tmux -L "$E2E_SOCK" load-buffer "$E2E_DIR/long"
tmux -L "$E2E_SOCK" paste-buffer -p
e2e_wait "at most 200 characters" 10 && ok form-keys-paste-capped || fail form-keys-paste-capped "$(e2e_screen | tail -3)"
e2e_keys C-u
# a key storm into the field, counted: every key handled, the form keeps up
python3 -c 'import sys; sys.stdout.write("abcdefghij" * 19)' > "$E2E_DIR/storm"
tmux -L "$E2E_SOCK" load-buffer "$E2E_DIR/storm"
tmux -L "$E2E_SOCK" paste-buffer -r
e2e_type "END"
e2e_wait "abcdefghijEND" 10 && ok form-keys-storm-handled || fail form-keys-storm-handled "$(e2e_screen | grep Role)"

# Ctrl-Q in the form: what is valid is saved, and the interview is left
e2e_keys C-q
if e2e_exited 10 && [ "$E2E_STATUS" = 0 ]; then ok form-keys-ctrl-q-leaves; else
	fail form-keys-ctrl-q-leaves "status ${E2E_STATUS:-none}: $(e2e_screen | tail -2)"; e2e_keys C-q; e2e_exited 5; fi
role=$(field "$id" role)
[ "${#role}" = 193 ] && case $role in *abcdefghijEND) true ;; *) false ;; esac \
	&& ok form-keys-ctrl-q-saved || fail form-keys-ctrl-q-saved "role is ${#role} characters"

# the new-interview form: Ctrl-X keeps what was typed (never discards)
e2e_start new
e2e_wait "New interview" 5 || fail form-keys-new "$(e2e_screen | head -2)"
e2e_type "Nils Nano"
e2e_keys C-x
if e2e_exited 10 && [ "$E2E_STATUS" = 0 ]; then ok form-keys-new-ctrl-x-leaves; else
	fail form-keys-new-ctrl-x-leaves "status ${E2E_STATUS:-none}"; e2e_keys C-q; e2e_exited 5; fi
"$BIN" list --tsv | grep -q "Nils Nano" && ok form-keys-new-ctrl-x-kept || fail form-keys-new-ctrl-x-kept "$("$BIN" list)"
fl_sanitizer form-keys-sanitizer
e2e_done
