#!/bin/sh
# Closing is all or nothing: when the database refuses the close (its
# directory made immutable), no report file is left behind and the
# interview stays open; an older report file at the same path is kept as
# it was.  When the close works, the file and the stored report agree.
. "$(dirname "$0")/lib.sh"

mkdir -m 700 "$TMP/db"
id=$("$BIN" new --batch --employee "Clara Close") || { fail close-atomic-setup "new failed"; exit 0; }
echo "Något att rapportera." | "$BIN" note "$id" 1
if ! chattr +i "$TMP/db" 2>/dev/null; then
	echo "skip close-atomic: chattr +i does not work here (needs root on a file system with attributes)"
	exit 0
fi
chattr -i "$TMP/db"
trap 'chattr -i "$TMP/db" 2>/dev/null; chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
reports="$XDG_DATA_HOME/exitview/reports"

chattr +i "$TMP/db"
expect close-atomic-refused 1 "not closed \\(no report written\\)" "$BIN" close "$id"
chattr -i "$TMP/db"
[ -z "$(ls -A "$reports" 2>/dev/null)" ] && ok close-atomic-no-file-left || fail close-atomic-no-file-left "$(ls -la "$reports")"
"$BIN" list --open --tsv | grep -q "Clara Close" && ok close-atomic-still-open || fail close-atomic-still-open "$("$BIN" list)"

# an older report at the path stays as it was
old=$("$BIN" report "$id") || fail close-atomic-report "report failed"
cp "$old" "$TMP/old.copy"
chattr +i "$TMP/db"
"$BIN" close "$id" >/dev/null 2>&1
chattr -i "$TMP/db"
cmp -s "$old" "$TMP/old.copy" && ok close-atomic-old-report-kept || fail close-atomic-old-report-kept "changed"
[ "$(ls -A "$reports" | wc -l)" = 1 ] && ok close-atomic-no-temp-left || fail close-atomic-no-temp-left "$(ls -A "$reports")"

# and when it works: closed, the file is the stored report
expect close-atomic-works 0 "$reports/" "$BIN" close "$id"
path=$(printf '%s' "$OUT" | tail -1)
"$BIN" show "$id" | cmp -s - "$path" && ok close-atomic-file-is-stored-report || fail close-atomic-file-is-stored-report "differ"
