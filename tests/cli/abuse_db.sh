#!/bin/sh
# Databases that must be refused, each left unchanged byte for byte (and no
# journal or other file appearing beside it): not SQLite, random bytes,
# truncated, corrupted pages, a newer schema, another application's SQLite
# file, a symbolic link to another user's file, readable or writable by
# others, a directory, a FIFO.  For the commands (list, show, new --batch,
# set, note, close, report, export, summary, reopen) and the screen
# ("exitview -d X" and "resume" on a terminal): exit 1, one line
# "exitview: ... FILE ...", no hang.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/abuse_lib.inc"

# a realistic good database: a few interviews with notes over several pages
mkdir -p "$TMP/db"; chmod 700 "$TMP/db"
i=1
while [ $i -le 6 ]; do
	new_interview --employee "Person $i" --department "Avd $((i % 3))" >/dev/null || fail setup "new --batch failed"
	python3 -c 'import sys; print(("Anteckning %s: " % sys.argv[1] + "ord " * 400).strip())' $i | "$BIN" note $i 1
	i=$((i + 1))
done
"$BIN" close 2 >/dev/null || fail setup "close failed"
good="$TMP/db/exitview.db"
[ "$(stat -c %s "$good")" -ge 40000 ] && ok setup-good-db || fail setup-good-db "only $(stat -c %s "$good") bytes"

D="$TMP/dbs"
mkdir -m 700 "$D"
mk() { cp "$good" "$D/$1"; chmod 600 "$D/$1"; }
printf 'this is not a database\n' > "$D/text.db"
python3 -c 'import random,sys; r=random.Random(3); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(65536)))' > "$D/random.db"
size=$(stat -c %s "$good")
head -c $((size / 2)) "$good" > "$D/truncated.db"
head -c 50 "$good" > "$D/truncated-header.db"
mk corrupt.db
python3 - "$D/corrupt.db" <<'PY'
import random, sys
r = random.Random(9)
with open(sys.argv[1], "r+b") as f:
    data = f.read()
    page = int.from_bytes(data[16:18], "big") or 65536
    for p in (1, 2, 4):            # whole pages after the first (the header)
        f.seek(p * page)
        f.write(bytes(r.randrange(256) for _ in range(page)))
PY
mk newer.db
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 99"); c.commit(); c.close()' "$D/newer.db"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE t(x)"); c.execute("INSERT INTO t VALUES (1)"); c.commit(); c.close()' "$D/foreign.db"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA application_id = 1234"); c.commit(); c.close()' "$D/other-app.db" 2>/dev/null
mk other-app.db
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA application_id = 1234"); c.commit(); c.close()' "$D/other-app.db"
chmod 600 "$D"/*.db
mk world-readable.db; chmod 644 "$D/world-readable.db"
mk group-writable.db; chmod 620 "$D/group-writable.db"
mkdir "$D/directory.db"
mkfifo "$D/fifo.db"
# a symbolic link to another user's database
other="$TMP/other"
mkdir -m 755 "$other"
cp "$good" "$other/theirs.db"; chmod 600 "$other/theirs.db"
[ "$(id -u)" = 0 ] && chown 65534:65534 "$other/theirs.db"
ln -s "$other/theirs.db" "$D/symlink.db"
# a symbolic link to our own, good database is refused as well
ln -s "$good" "$D/symlink-own.db"
# (the database of ID 1 exists in all the copies of the good one)
for f in "$D"/* "$other/theirs.db"; do [ -f "$f" ] && cksum < "$f" > "$f.sum"; done
ls -la "$D" | grep -v '^total' | awk '{print $1, $NF}' > "$TMP/listing"

# the screen, on a pseudo-terminal: the error, exit 1, no curses started
screen_err() {
	_n=$1 _f=$2; shift 2
	_cmd=""
	for _a in "$@"; do _cmd="$_cmd '$_a'"; done
	timeout 20 script -qec "$_cmd" /dev/null </dev/null >"$TMP/pty" 2>&1
	_rc=$?
	tr -d '\r' < "$TMP/pty" | grep -v '^$' > "$TMP/ptyl"
	if [ "$_rc" -eq 124 ]; then fail "$_n" "hung"
	elif [ "$_rc" -ne 1 ]; then fail "$_n" "exit $_rc: $(head -c 300 "$TMP/ptyl")"
	elif [ "$(wc -l < "$TMP/ptyl")" -ne 1 ] || ! grep -q "^exitview: .*$_f" "$TMP/ptyl"; then
		fail "$_n" "output: $(head -c 300 "$TMP/ptyl" | cat -v)"
	elif grep -q "$(printf '\033')" "$TMP/pty"; then fail "$_n" "the screen was started: $(cat -v "$TMP/pty" | head -c 200)"
	else ok "$_n"; fi
}

for f in "$D"/*.db; do
	b=$(basename "$f" .db)
	err1 "list-$b" 0 "$f" "$BIN" -d "$f" list
	err1 "show-$b" 0 "$f" "$BIN" -d "$f" show 1
	err1 "new-$b" 0 "$f" "$BIN" -d "$f" new --batch --employee X
	if command -v script >/dev/null 2>&1; then
		screen_err "screen-start-$b" "$f" "$BIN" -d "$f"
	fi
	case $b in text|corrupt|newer|symlink|world-readable|truncated)
		err1 "set-$b" 0 "$f" "$BIN" -d "$f" set 1 role=Chef
		err1 "note-$b" 0 "$f" sh -c 'echo hej | "$0" -d "$1" note 1 1' "$BIN" "$f"
		err1 "close-$b" 0 "$f" "$BIN" -d "$f" close 1 -o "$TMP/r-$b.txt"
		err1 "report-$b" 0 "$f" "$BIN" -d "$f" report 1 -o -
		err1 "export-$b" 0 "$f" "$BIN" -d "$f" export --json
		err1 "summary-$b" 0 "$f" "$BIN" -d "$f" summary
		err1 "reopen-$b" 0 "$f" "$BIN" -d "$f" reopen 2
		command -v script >/dev/null 2>&1 && screen_err "screen-resume-$b" "$f" "$BIN" -d "$f" resume 1
		[ ! -e "$TMP/r-$b.txt" ] && ok "close-$b-no-report" || fail "close-$b-no-report" "a report was written"
	esac
done
# every file byte for byte the same, nothing new beside them
for f in "$D"/* "$other/theirs.db"; do
	[ -f "$f" ] && [ "${f%.sum}" = "$f" ] && same_bytes "unchanged-$(basename "$f")" "$f" "$f.sum"
done
ls -la "$D" | grep -v '^total' | awk '{print $1, $NF}' > "$TMP/listing2"
cmp -s "$TMP/listing" "$TMP/listing2" && ok no-new-files || fail no-new-files "$(diff "$TMP/listing" "$TMP/listing2" | tr '\n' ' ')"

# the messages say what is wrong
grep -q "not an exitview database\|not SQLite" "$TMP/err_list-text" && ok says-not-sqlite || fail says-not-sqlite "$(cat "$TMP/err_list-text")"
grep -qi "newer" "$TMP/err_list-newer" && ok says-newer || fail says-newer "$(cat "$TMP/err_list-newer")"
grep -qi "damaged\|corrupt" "$TMP/err_list-corrupt" && ok says-damaged || fail says-damaged "$(cat "$TMP/err_list-corrupt")"
grep -qi "symbolic link" "$TMP/err_list-symlink" && ok says-symlink || fail says-symlink "$(cat "$TMP/err_list-symlink")"
grep -qi "other users" "$TMP/err_list-world-readable" && ok says-other-users || fail says-other-users "$(cat "$TMP/err_list-world-readable")"

# and the good database is still good and unchanged by all this
"$BIN" list --tsv > "$TMP/l" 2>"$TMP/e" && [ "$(wc -l < "$TMP/l")" = 7 ] && ok good-db-still-lists || fail good-db-still-lists "$(cat "$TMP/e")"
