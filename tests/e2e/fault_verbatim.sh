#!/bin/sh
# Notes containing anything — quotes, SQL, shell and printf syntax, binary-
# looking (NUL-free) text, terminal escape sequences, C0 and C1 control
# characters, bidi controls — are stored by `note` as the text rule of
# utf8.h says (cleaned as a paste on screen is: the text kept, controls,
# bidi controls and BOMs dropped, CR -> newline), and the export gives back
# exactly what is stored (export --json and --csv, parsed).  A database that
# holds the raw text anyway (an old one, planted here) is shown without its
# control characters: the escape sequences from the notes are not in the
# report, nor in the pty output of the screen, and the window title is not
# changed; viewing does not rewrite them.  The same payload pasted on screen
# is stored as `note` stores it.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=60
e2e_init fault-verbatim
. "$(dirname "$0")/fault_lib.inc"

id=$(e2e_new_batch "Vera Batim") || { fail fault-verb-setup "new --batch failed"; exit 0; }
P="$E2E_DIR/payload"
python3 - "$P" <<'PY'
import sys
parts = [
    "Robert'); DROP TABLE interviews;-- \"dubbel\" 'enkel' `bak`",
    "%s %n %x %%n $(id) ${HOME} \\ \\\\ \\n \\x1b <script>alert(1)</script> & | ; *",
    "binär: \u00ff\u00fe\u00c3\u00a9 \ufffd \u0000"[:-2] + " PK\u0003\u0004 \u00ef\u00bb\u00bf END",
    "titel: \x1b]0;EVILTITLE\x07 efter",
    "färg: \x1b[31;1;4;5;7mEVILSGR\x1b[0m efter",
    "dcs: \x1bP+qEVILDCS\x1b\\ fråga: \x1b[6n klipp: \x1b]52;c;RVZJTA==\x07 slut",
    "c1: \u009b2J \u0085 \u009d0;C1TITLE\u009c",
    "c0: bel\x07 bs\x08 vt\x0b ff\x0c del\x7f cr\rradslut",
    "tab:\tmellan\tord",
    "rtl: \u202eEVILRTL\u202c zw: a\u200bb\u200dc",
]
open(sys.argv[1], "w", encoding="utf-8", newline="").write("\n".join(parts) + "\n")
PY
"$BIN" note "$id" 1 < "$P" 2>"$E2E_DIR/note.err" || fail fault-verb-note "note failed"
# the text rule for notes, written out once more here
python3 - "$P" "$E2E_DIR/clean" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8", newline="").read()
t = re.sub("\r\n|\r|[\u2028\u2029]", "\n", t)
drop = lambda c: (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) < 0xa0 or \
    c in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
open(sys.argv[2], "w", encoding="utf-8", newline="").write("".join(c for c in t if not drop(c)))
PY
want=$(cat "$E2E_DIR/clean"; echo x); want=${want%x}
raw=$(cat "$P"; echo x); raw=${raw%x}

# stored cleaned, and given back exactly: JSON and CSV
fl_has_notes "$id" 1 "$want" 1 && ok fault-verb-json-exact || fail fault-verb-json-exact "$(fl_notes "$id" 1 | od -c | head -5)"
grep -q "not kept as given" "$E2E_DIR/note.err" && ok fault-verb-note-says || fail fault-verb-note-says "$(cat "$E2E_DIR/note.err")"
"$BIN" export --csv > "$E2E_DIR/e.csv"
python3 - "$E2E_DIR/e.csv" "$E2E_DIR/clean" <<'PY' && ok fault-verb-csv-exact || fail fault-verb-csv-exact "CSV notes differ"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0]["q1_notes"] == open(sys.argv[2], encoding="utf-8", newline="").read()
PY

# an old database that holds the raw text: planted, and exported exactly
python3 - "$EXITVIEW_DB" "$id" "$P" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
# the notes' chunks of question 1 (slot 0) replaced by one holding the text
iv = int(sys.argv[2])
db.execute("DELETE FROM note_chunks WHERE interview_id = ? AND slot = 0", (iv,))
db.execute("INSERT INTO note_chunks (id, interview_id, slot, text) VALUES ((? << 32) | (128 << 24), ?, 0, ?)",
           (iv, iv, open(sys.argv[3], encoding="utf-8", newline="").read()))
db.commit()
PY
fl_has_notes "$id" 1 "$raw" 1 && ok fault-verb-planted-exact || fail fault-verb-planted-exact "$(fl_notes "$id" 1 | od -c | head -5)"

# the report: text kept, no control or bidi character raw (only newlines)
"$BIN" report "$id" -o "$E2E_DIR/report.txt" >/dev/null || fail fault-verb-report "report failed"
"$BIN" show "$id" > "$E2E_DIR/show.txt"
for f in report.txt show.txt; do
	python3 - "$E2E_DIR/$f" <<'PY' && ok "fault-verb-$f-no-controls" || fail "fault-verb-$f-no-controls" "$(python3 -c 'import sys; print(sys.argv[1])' "$(cat "$E2E_DIR/why")")"
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
bad = sorted({"U+%04X" % ord(c) for c in t if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) < 0xa0
              or c in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029\ufeff"})
for w in ("DROP TABLE interviews", "%s %n", "$(id)", "EVILTITLE", "EVILSGR", "radslut", "<script>"):
    if w not in t:
        bad.append("lost " + w)
open(sys.argv[1].rsplit("/", 1)[0] + "/why", "w").write(" ".join(bad))
sys.exit(1 if bad else 0)
PY
done

# the screen: every byte the program writes, recorded from the start
tmux -L "$E2E_SOCK" kill-server 2>/dev/null
E2E_PRE="while [ ! -f '$E2E_DIR/go' ]; do sleep 0.05; done" e2e_start resume "$id"
tmux -L "$E2E_SOCK" pipe-pane -o "cat > '$E2E_DIR/pty.out'"
touch "$E2E_DIR/go"
e2e_wait "Question 1 of 7" || fail fault-verb-open "no screen"
e2e_wait "radslut" 5 || e2e_keys PPage
e2e_keys PPage PPage Home
e2e_wait "DROP TABLE" 5 && ok fault-verb-screen-shows-text || fail fault-verb-screen-shows-text "$(e2e_screen | sed -n 10,16p)"
# the same typed and pasted on screen, into question 2
e2e_keys C-n
e2e_wait "Question 2 of 7" 5
typed="Skrivet: Robert'); DROP TABLE x;-- \"q\" %s \\ \$(id)"
e2e_type "$typed"
tmux -L "$E2E_SOCK" load-buffer "$P"
tmux -L "$E2E_SOCK" paste-buffer -p
e2e_wait "EVILRTL" 5
e2e_keys C-p
e2e_wait "Question 1 of 7" 5
e2e_keys C-q
e2e_exited 10 || fail fault-verb-leave "did not leave"
python3 - "$E2E_DIR/pty.out" <<'PY' > "$E2E_DIR/pty.why" && ok fault-verb-screen-no-raw-sequences || fail fault-verb-screen-no-raw-sequences "$(cat "$E2E_DIR/pty.why")"
import sys
d = open(sys.argv[1], "rb").read()
bad = []
for seq in (b"\x1b]0;EVIL", b"\x1b[31;1;4;5;7m", b"\x1bP+q", b"\x1b[6n", b"\x1b]52;", b"\xc2\x9b", b"\xc2\x9d",
            b"\xc2\x85", b"\x0b", b"\x0c", b"\x7f", b"\xe2\x80\xae"):
    if seq in d:
        bad.append(repr(seq))
print("raw in the output: " + " ".join(bad) if bad else "%d bytes clean" % len(d))
sys.exit(1 if bad or len(d) < 1000 else 0)
PY
title=$(tmux -L "$E2E_SOCK" display-message -p '#{pane_title}')
case $title in *EVIL*|*C1TITLE*) fail fault-verb-title-untouched "title set to '$title'" ;; *) ok fault-verb-title-untouched ;; esac
fl_has_notes "$id" 1 "$raw" 1 && ok fault-verb-screen-kept-notes || fail fault-verb-screen-kept-notes "viewing changed the notes"
fl_notes "$id" 2 | grep -qF "$typed" && ok fault-verb-typed-stored || fail fault-verb-typed-stored "$(fl_notes "$id" 2 | head -c 200)"
fl_notes "$id" 2 | grep -q "DROP TABLE interviews" && ok fault-verb-pasted-stored || fail fault-verb-pasted-stored "$(fl_notes "$id" 2 | head -c 200)"
fl_has_notes "$id" 2 "$typed$want" 1 && ok fault-verb-paste-as-note || fail fault-verb-paste-as-note "$(fl_notes "$id" 2 | od -c | head -8)"
fl_sanitizer fault-verb-sanitizer
e2e_done
