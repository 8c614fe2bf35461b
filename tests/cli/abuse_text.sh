#!/bin/sh
# Text that reaches a terminal: the one text rule of utf8.h.  Names with
# bidi controls (U+202E, U+2066..U+2069, U+200E/F, U+061C) are refused by
# `set` and `new`; `note` stores its input cleaned as a paste on screen is
# (controls, bidi controls and BOMs dropped, CR LF -> LF, invalid UTF-8 ->
# U+FFFD); `list`, `show`, `summary` and `export --json` of a database that
# holds such text anyway (planted with the sqlite3 shell) print no control
# byte but newline and tab, no DEL, no C1, no bidi control and no invalid
# UTF-8; `export --csv` to a terminal shows the controls of the notes as
# U+FFFD while `export --csv -o FILE` keeps them exactly; error messages
# that echo an argument never echo its ESC or BEL.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "skip text-sqlite3: no sqlite3 shell"
	exit 0
fi

id=$(new_interview --employee "Ada Text" --department Platform) || fail text-setup "new --batch failed"
other=$(new_interview --employee "Bo Rad") || fail text-setup "new --batch failed"
C="$TMP/threshold1.ini"
printf '[summary]\nthreshold = 1\n' > "$C"

# check_bytes NAME FILE [ALLOW_CR_LF] — FILE is valid UTF-8 without any byte
# below 0x20 but LF and TAB (and CR before LF when ALLOW_CR_LF), no DEL,
# no C1 control, no bidi control, no line separator, no BOM.
check_bytes() {
	python3 - "$2" "${3:-}" <<'PY' > "$TMP/why" && ok "$1" || fail "$1" "$(cat "$TMP/why")"
import sys
d = open(sys.argv[1], "rb").read()
bad = []
try:
    t = d.decode("utf-8")
except UnicodeDecodeError as e:
    print("invalid UTF-8 at byte %d: %r" % (e.start, d[max(0, e.start - 10):e.start + 10]))
    sys.exit(1)
for i, c in enumerate(t):
    o = ord(c)
    if c == "\r" and sys.argv[2] and t[i + 1:i + 2] == "\n":
        continue
    if (o < 0x20 and c not in "\n\t") or 0x7f <= o < 0xa0 or o in (0x61c, 0x200e, 0x200f, 0x2028, 0x2029, 0xfeff) \
            or 0x202a <= o <= 0x202e or 0x2066 <= o <= 0x2069:
        bad.append("U+%04X at %d (%r)" % (o, i, t[max(0, i - 12):i + 12]))
print(" ".join(bad[:5]) if bad else "%d bytes clean" % len(d))
sys.exit(1 if bad else 0)
PY
}

employee_of() {
	"$BIN" export --json | python3 -c '
import json, sys
print([r for r in json.load(sys.stdin) if r["id"] == int(sys.argv[1])][0]["employee"])' "$1"
}

# ---- set and new refuse bidi controls (and the rest) in one-line fields
u() { printf "$1"; }
for spec in RLO:'\342\200\256' LRE:'\342\200\252' PDF:'\342\200\254' LRI:'\342\201\246' \
	    RLI:'\342\201\247' FSI:'\342\201\250' PDI:'\342\201\251' LRM:'\342\200\216' \
	    RLM:'\342\200\217' ALM:'\330\234'; do
	name=${spec%%:*} ch=$(u "${spec#*:}")
	fields=employee
	[ "$name" = RLO ] && fields="employee role department manager interviewer"
	for field in $fields; do
		if run "text-set-$field-$name" 2 "$BIN" set "$id" "$field=Eve${ch}gnp.exe"; then
			if grep -q "bidirectional control character" "$TMP/err" && [ "$(wc -l < "$TMP/err")" -eq 1 ]; then
				ok "text-set-$field-$name"
			else
				fail "text-set-$field-$name" "message: $(cat "$TMP/err")"
			fi
		fi
	done
done
[ "$(employee_of "$id")" = "Ada Text" ] && ok text-set-unchanged || fail text-set-unchanged "employee is now '$(employee_of "$id")'"
if run text-new-bidi 2 "$BIN" new --batch --employee "$(u 'A\342\200\256B')"; then
	grep -q "bidirectional" "$TMP/err" && [ -z "$OUT" ] && ok text-new-bidi || fail text-new-bidi "$ERR / $OUT"
fi
for spec in esc:'A\033[2J' c1:'A\302\233\062J' raw9b:'A\233\062J' bom:'A\357\273\277' ls:'A\342\200\250B' \
	    tab:'A\tB' del:'A\177'; do
	name=${spec%%:*}
	usage_error "text-set-employee-$name" "$BIN" set "$id" "employee=$(u "${spec#*:}")"
done
[ "$(employee_of "$id")" = "Ada Text" ] && ok text-set-unchanged-2 || fail text-set-unchanged-2 "employee changed"
"$BIN" set "$id" "employee=Åsa Öberg 漢字 👩‍💻" && [ "$(employee_of "$id")" = "Åsa Öberg 漢字 👩‍💻" ] \
	&& ok text-set-text-kept || fail text-set-text-kept "plain text refused or changed"

# ---- note: stdin cleaned as a paste on screen is
printf 'one\ttab\r\ntwo\rthree\033]52;c;eA==\007 c1:\302\233 bad:\377 rlo:\342\200\256x bom:\357\273\277y ls:\342\200\250z\n' > "$TMP/in"
if run text-note-cleaned 0 "$BIN" note "$id" 1 < "$TMP/in"; then
	"$BIN" export --json | python3 -c '
import json, sys
r = [r for r in json.load(sys.stdin) if r["id"] == int(sys.argv[1])][0]
want = "one\ttab\ntwo\nthree]52;c;eA== c1: bad:\ufffd rlo:x bom:y ls:\nz\n"
got = r["questions"][0]["notes"]
sys.exit(0 if got == want else "stored %r" % got)' "$id" && ok text-note-cleaned
	grep -q "not kept as given" "$TMP/err" && ok text-note-says-so || fail text-note-says-so "stderr: $ERR"
fi
printf 'plain\r\nlines\tand tabs\n' | "$BIN" note "$id" 2 2> "$TMP/err2" \
	&& [ ! -s "$TMP/err2" ] && ok text-note-plain-quiet || fail text-note-plain-quiet "$(cat "$TMP/err2")"

# ---- a database that holds such text anyway (an old or planted one)
DB=$EXITVIEW_DB
"$BIN" close "$other" >/dev/null || fail text-setup "close failed"
EVIL="X'457665E280AE676E702E657865C29B9B1B5D303B7469746C6507'"   # Eve RLO gnp.exe U+009B 0x9B ESC]0;title BEL
NOTE="'red ' || char(27) || '[31mRED' || char(27) || ']52;c;eA==' || char(7) || ' cr' || char(13) || 'HIDDEN' || char(155) || char(8238) || 'end'"
sqlite3 "$DB" "UPDATE interviews SET employee = CAST($EVIL AS TEXT), role = 'Role' || char(8207) || char(65279),
	department = 'Dept' || char(27) || '[2J' || char(8233) || 'x' WHERE id IN ($id, $other);
	DELETE FROM note_chunks WHERE interview_id = $id AND slot IN (0, -1);
	INSERT INTO note_chunks (id, interview_id, slot, text) VALUES
	 (($id << 32) | (128 << 24), $id, 0, $NOTE), (($id << 32) | (127 << 24), $id, -1, $NOTE);
	UPDATE reports SET text = 'Report ' || char(27) || ']0;EVIL' || char(7) || char(8238) || char(155) || CAST(X'9B' AS TEXT) || char(10) WHERE interview_id = $other;" \
	|| fail text-plant "sqlite3 failed"
for what in "list" "list --tsv" "list --open" "show $id" "show $other" "report $id -o -" "summary" \
	    "summary --by department" "summary --by role" "export --json"; do
	name=$(echo "$what" | tr ' ' '-')
	# shellcheck disable=SC2086
	if run "text-$name" 0 "$BIN" -c "$C" $what; then
		check_bytes "text-$name-clean" "$TMP/out"
	fi
done
"$BIN" list > "$TMP/list"
grep -q "Evegnp.exe" "$TMP/list" && ok text-list-shows-name || fail text-list-shows-name "$(cat "$TMP/list")"
"$BIN" show "$id" | grep -q "red \[31mRED\]52;c;eA== crHIDDEN" && ok text-show-keeps-text \
	|| fail text-show-keeps-text "$("$BIN" show "$id" | grep -a red)"
"$BIN" show "$other" | grep -q "^Report \]0;EVIL" && ok text-show-kept-report \
	|| fail text-show-kept-report "$("$BIN" show "$other" | head -3)"

# ---- export --csv: shown on a terminal, exact in a file
# pty_run OUT CMD... — CMD's stdout is a pseudo-terminal in raw mode (no
# CR added), recorded into OUT; stdin /dev/null.
pty_run() {
	python3 - "$@" <<'PY'
import os, pty, subprocess, sys, tty
out = sys.argv[1]
m, s = pty.openpty()
tty.setraw(s)
p = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=s, stderr=subprocess.DEVNULL)
os.close(s)
data = b""
while True:
    try:
        b = os.read(m, 65536)
    except OSError:
        break
    if not b:
        break
    data += b
rc = p.wait()
open(out, "wb").write(data)
sys.exit(rc)
PY
}
if pty_run "$TMP/tty.csv" "$BIN" export --csv; then
	check_bytes text-csv-tty-clean "$TMP/tty.csv" crlf
	python3 - "$TMP/tty.csv" <<'PY' && ok text-csv-tty-visible || fail text-csv-tty-visible "$(head -c 400 "$TMP/tty.csv" | od -c | head -8)"
import sys
d = open(sys.argv[1], "rb").read()
assert b"\x1b" not in d and b"\x07" not in d and b"cr\rHIDDEN" not in d, "raw"
assert "red \ufffd[31mRED\ufffd]52;c;eA==\ufffd cr\ufffdHIDDEN".encode() in d, "not shown"
assert d.count(b"\r\n") >= 3, "no CSV records"
PY
else
	fail text-csv-tty "export --csv to a terminal failed"
fi
pty_run "$TMP/tty.json" "$BIN" export --json && check_bytes text-json-tty-clean "$TMP/tty.json"
if run text-csv-file 0 "$BIN" export --csv -o "$TMP/e.csv"; then
	python3 - "$TMP/e.csv" "$id" <<'PY' && ok text-csv-file-exact || fail text-csv-file-exact "$(od -c "$TMP/e.csv" | head -5)"
import csv, sys
rows = {r["id"]: r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
want = "red \x1b[31mRED\x1b]52;c;eA==\x07 cr\rHIDDEN\u009b\u202eend"
r = rows[sys.argv[2]]
assert r["q1_notes"] == want, repr(r["q1_notes"])
assert r["observations"] == want, repr(r["observations"])
assert r["employee"] == "Eve\u202egnp.exe\u009b\ufffd\x1b]0;title\x07", repr(r["employee"])
PY
fi
"$BIN" export --csv | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
sys.exit(0 if any("\x1b]52;c;eA==\x07" in r["q1_notes"] for r in rows) else "pipe not exact")' \
	&& ok text-csv-pipe-exact || fail text-csv-pipe-exact "CSV to a pipe changed the notes"

# ---- paths echoed on standard output: shown, not sent raw
E=$(printf '\033]0;t\007')
cp "$C" "$TMP/c$E.ini"
if run text-echo-check-config 0 "$BIN" check-config "$TMP/c$E.ini"; then
	check_bytes text-echo-check-config-clean "$TMP/out"
fi
if run text-echo-report-path 0 "$BIN" report "$id" -o "$TMP/r$E.txt"; then
	[ -s "$TMP/r$E.txt" ] && check_bytes text-echo-report-path-clean "$TMP/out"
fi

# ---- error messages never echo ESC or BEL
E=$(printf '\033]52;c;eA==\007\033[2J\302\233\342\200\256')
i=0
while IFS='|' read -r status args; do
	i=$((i + 1))
	# shellcheck disable=SC2086
	set -- $args
	for a; do shift; set -- "$@" "$(printf '%s' "$a" | sed "s/@E/$E/g")"; done
	"$BIN" "$@" < /dev/null > /dev/null 2> "$TMP/err"
	rc=$?
	if [ "$rc" -ne "$status" ]; then
		fail "text-message-$i" "'$args': exit $rc, expected $status"
	elif [ "$(wc -l < "$TMP/err")" -ne 1 ] || ! grep -q '^exitview: ' "$TMP/err"; then
		fail "text-message-$i" "'$args': stderr $(od -c "$TMP/err" | head -3)"
	else
		check_bytes "text-message-$i" "$TMP/err"
	fi
done <<EOF
2|show 1@E
2|resume 1@E
2|frobnicate@E
2|list --x@E
2|set $id employee@E=1
2|set $id q1@E.rating=1
2|set $id q1.rating=@E
2|set $id last-day=2024@E
2|set $id reason=@E
2|note $id 1@E
2|new --batch --last-day @E
2|new --batch --template x@E
1|-c /nonexistent/@E.ini list
2|export --since @E
EOF
