#!/bin/sh
# Closing is all or nothing: when the database refuses the close (another
# process holds it locked past the busy timeout), no report file is left
# behind and the interview stays open; an older report file at the same
# path is kept as it was.  When the close works, the file and the stored
# report agree.
. "$(dirname "$0")/lib.sh"

id=$("$BIN" new --batch --employee "Clara Close") || { fail close-atomic-setup "new failed"; exit 0; }
echo "Något att rapportera." | "$BIN" note "$id" 1
reports="$XDG_DATA_HOME/exitview/reports"

# hold the database locked until told to let go
lock() {
	rm -f "$TMP/locked" "$TMP/release"
	python3 - "$EXITVIEW_DB" "$TMP" <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")   # a writer: readers go on, writers wait
open(os.path.join(sys.argv[2], "locked"), "w").close()
while not os.path.exists(os.path.join(sys.argv[2], "release")):
    time.sleep(0.05)
db.execute("ROLLBACK")
PY
	LOCKER=$!
	n=0; while [ ! -e "$TMP/locked" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
}
unlock() { touch "$TMP/release"; wait "$LOCKER"; }

lock
expect close-atomic-refused 1 "not closed \\(no report written\\)" "$BIN" close "$id"
unlock
[ -z "$(ls -A "$reports" 2>/dev/null)" ] && ok close-atomic-no-file-left || fail close-atomic-no-file-left "$(ls -la "$reports")"
"$BIN" list --open --tsv | grep -q "Clara Close" && ok close-atomic-still-open || fail close-atomic-still-open "$("$BIN" list)"

# an older report at the path stays as it was
old=$("$BIN" report "$id") || fail close-atomic-report "report failed"
cp "$old" "$TMP/old.copy"
lock
"$BIN" close "$id" >/dev/null 2>&1
unlock
cmp -s "$old" "$TMP/old.copy" && ok close-atomic-old-report-kept || fail close-atomic-old-report-kept "changed"
[ "$(ls -A "$reports" | wc -l)" = 1 ] && ok close-atomic-no-temp-left || fail close-atomic-no-temp-left "$(ls -A "$reports")"

# and when it works: closed, the file is the stored report
expect close-atomic-works 0 "$reports/" "$BIN" close "$id"
path=$(printf '%s' "$OUT" | tail -1)
"$BIN" show "$id" | cmp -s - "$path" && ok close-atomic-file-is-stored-report || fail close-atomic-file-is-stored-report "differ"
