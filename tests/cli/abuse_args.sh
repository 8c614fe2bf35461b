#!/bin/sh
# The command line, systematically: every subcommand with missing, extra
# and malformed arguments (bad dates, unknown IDs, negative, huge, fractional
# and hexadecimal numbers, empty strings, options without their values).
# Each is a usage error: exit 2, one line "exitview: ...", nothing on stdout,
# and nothing in the database changed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/abuse_lib.inc"

id=$(new_interview --employee "Ada Arg") && closed=$(new_interview --employee "Bo Stängd") \
	|| fail setup "new --batch failed"
"$BIN" close "$closed" >/dev/null || fail setup "close failed"
before=$("$BIN" export --json | cksum)

# NAME<TAB>ARGUMENTS (shell words; ID = an open interview, CL = a closed one)
table() {
	cat <<'EOF'
global-no-cmd-value	-d
global-empty-db	-d ''
global-empty-config	-c ''
global-unknown-long	--frobnicate
global-unknown-short	-x list
global-unknown-cmd	frobnicate
global-cmd-typo	lsit
new-extra	new --batch extra
new-extra-two	new --batch a b
new-no-value-employee	new --batch --employee
new-no-value-template	new --batch --template
new-empty-template	new --batch --template ''
new-template-slash	new --batch --template a/b
new-template-dots	new --batch --template ..
new-template-long	new --batch --template xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
new-template-unknown	new --batch --template nosuch
new-date-feb30	new --batch --last-day 2025-02-30
new-date-feb29	new --batch --last-day 2025-02-29
new-date-month13	new --batch --start-date 2024-13-01
new-date-month0	new --batch --start-date 2024-00-10
new-date-day0	new --batch --interview-date 2024-01-00
new-date-day32	new --batch --interview-date 2024-01-32
new-date-short	new --batch --last-day 2024-1-1
new-date-compact	new --batch --last-day 20240101
new-date-words	new --batch --last-day tomorrow
new-date-slashes	new --batch --last-day 2024/01/01
new-date-space	new --batch --last-day ' 2024-01-01'
new-date-trailing	new --batch --last-day 2024-01-01x
new-date-negative	new --batch --last-day -2024-01-01
new-date-year5	new --batch --last-day 12024-01-01
new-date-huge	new --batch --start-date 99999999999999999999-01-01
new-unknown-option	new --batch --colour red
resume-missing	resume
resume-extra	resume ID 2
resume-letters	resume abc
resume-negative	resume -- -1
resume-negative-opt	resume -1
resume-zero	resume 0
resume-huge	resume 99999999999999999999
resume-int64	resume 9223372036854775808
resume-fraction	resume 1.5
resume-hex	resume 0x1
resume-plus	resume +1
resume-space	resume ' 1'
resume-empty	resume ''
list-extra	list all
list-both	list --open --closed
list-tsv-value	list --tsv=yes
list-unknown	list --sort
show-missing	show
show-extra	show ID ID
show-letters	show one
show-negative	show -- -7
show-zero	show 0
show-huge	show 18446744073709551616
show-fraction	show 1e3
show-hex	show 0x10
show-empty	show ''
show-unknown-id	show 999
show-unknown-big	show 123456789012345
report-missing	report
report-extra	report ID ID
report-bad-id	report x
report-unknown-id	report 999
report-no-o-value	report ID -o
report-empty-o	report ID -o ''
close-missing	close
close-extra	close ID 3
close-bad-id	close -- -1
close-unknown-id	close 999
close-empty-o	close ID -o ''
reopen-missing	reopen
reopen-extra	reopen CL CL
reopen-bad-id	reopen 1x
reopen-unknown-id	reopen 999
export-extra	export now
export-both	export --csv --json
export-since-bad	export --since 2024-02-30
export-since-words	export --since yesterday
export-until-bad	export --until 2024-13-01
export-since-missing	export --since
export-range	export --since 2025-02-01 --until 2025-01-01
export-empty-o	export -o ''
export-unknown	export --xml
summary-extra	summary all
summary-by-bad	summary --by colour
summary-by-missing	summary --by
summary-by-empty	summary --by ''
summary-since-bad	summary --since 2024-1-1
summary-range	summary --since 2025-12-31 --until 2025-01-01
templates-extra	templates all
check-config-extra	check-config a b
set-missing	set
set-only-id	set ID
set-bad-id	set x role=a
set-negative-id	set -- -1 role=a
set-huge-id	set 99999999999999999999 role=a
set-unknown-id	set 999 role=a
set-no-equals	set ID role
set-empty-field	set ID =x
set-unknown-field	set ID shoe=42
set-rating-high	set ID q1.rating=6
set-rating-negative	set ID q1.rating=-1
set-rating-huge	set ID q1.rating=99999999999999999999
set-rating-fraction	set ID q1.rating=2.5
set-rating-empty	set ID q1.rating=
set-rating-space	set ID 'q1.rating= 3'
set-q0	set ID q0.rating=1
set-q-negative	set ID q-1.rating=1
set-q-huge	set ID q99999999999999999999.rating=1
set-q-nodot	set ID q1rating=1
set-q-field	set ID q1.colour=1
set-skipped-bad	set ID q1.skipped=maybe
set-asked-zero	set ID q1.asked=0
set-asked-negative	set ID q1.asked=-1
set-asked-huge	set ID q1.asked=99999999999999999999
set-asked-empty-item	set ID q1.asked=1,,2
set-asked-trailing	set ID q1.asked=1,
set-asked-letters	set ID q1.asked=a
set-date-bad	set ID last-day=2025-02-29
set-date-words	set ID interview-date=today
set-category-bad	set ID reason=boredom
set-separation-bad	set ID separation=maybe
set-tristate-bad	set ID rehire=perhaps
set-one-bad-of-many	set ID role=Chef q1.rating=4 q2.rating=9
note-missing	note
note-only-id	note ID
note-extra	note ID 1 2
note-bad-id	note x 1
note-negative-id	note -- -1 1
note-unknown-id	note 999 1
note-slot-zero	note ID 0
note-slot-negative	note ID -- -1
note-slot-high	note ID 8
note-slot-huge	note ID 99999999999999999999
note-slot-word	note ID observation
note-slot-empty	note ID ''
EOF
}

tab=$(printf '\t')
table > "$TMP/table"
while IFS="$tab" read -r name args; do
	args=$(printf '%s' "$args" | sed "s/\bID\b/$id/g; s/\bCL\b/$closed/g")
	eval "set -- $args"
	usage2 "$name" "$BIN" "$@"
done < "$TMP/table"

# nothing above changed the database
[ "$("$BIN" export --json | cksum)" = "$before" ] && ok database-unchanged || fail database-unchanged "a usage error changed the database"
n=$("$BIN" list --tsv | wc -l)
[ "$n" = 3 ] && ok no-interview-created || fail no-interview-created "$((n - 1)) interviews"

# on a terminal, resume with an unknown ID is a usage error too
if command -v script >/dev/null 2>&1; then
	timeout 20 script -qec "'$BIN' resume 999" /dev/null </dev/null > "$TMP/pty" 2>&1
	rc=$?
	if [ $rc = 2 ] && [ "$(tr -d '\r' < "$TMP/pty" | grep -c .)" = 1 ] && grep -q '^exitview: ' "$TMP/pty"; then
		ok resume-unknown-id-terminal
	else
		fail resume-unknown-id-terminal "exit $rc: $(cat -v "$TMP/pty" | head -c 300)"
	fi
fi
