#!/bin/sh
# Under a file-size limit (ulimit -f) a command that writes is not killed
# by SIGXFSZ (status 153, nothing said): the write fails with EFBIG, the
# command says so in one "exitview:" line and exits 1, and what was
# stored before is intact.  No `trap '' XFSZ` here: exitview must ignore
# the signal itself.
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/exitview"
printf '[exitview]\nautosave = 1\n' > "$XDG_CONFIG_HOME/exitview/config.ini"
id=$(new_interview --employee "Fia Filgräns") || { fail fsize-setup "new failed"; exit 0; }
printf 'Första anteckningen, sparad före gränsen.\n' | "$BIN" note "$id" 1 || { fail fsize-setup "note failed"; exit 0; }
python3 -c 'import sys; sys.stdout.write("rad med text som inte får plats\n" * 20000)' > "$TMP/big"

# limited CMD...: CMD with the file size limit at the database's size
# (every block it would add is refused), stdout/stderr in $TMP/out, err.
limited() {
	_blocks=$(( $(stat -c %s "$EXITVIEW_DB") / 512 ))
	sh -c 'ulimit -S -f "$1"; shift; exec "$@"' sh "$_blocks" "$@" > "$TMP/out" 2> "$TMP/err"
}

limited "$BIN" note "$id" 1 < "$TMP/big"
rc=$?
if [ $rc -eq 1 ] && [ "$(wc -l < "$TMP/err")" = 1 ] && grep -q '^exitview: .*file size limit' "$TMP/err"; then
	ok fsize-note-fails-with-message
else
	fail fsize-note-fails-with-message "exit $rc (153: killed by SIGXFSZ): $(head -c 300 "$TMP/err")"
fi
# The failed write leaves a hot journal, which a read-only open cannot
# roll back ("read-only" until a writer runs: issue 10, "Failing writes",
# not this test's subject): a small write first, then read.
"$BIN" set "$id" role=Testare > "$TMP/out" 2> "$TMP/err" || fail fsize-write-after "$(head -c 300 "$TMP/err")"
"$BIN" show "$id" | grep -q "Första anteckningen, sparad före gränsen." && ok fsize-note-old-text-kept \
	|| fail fsize-note-old-text-kept "the earlier note is gone"

# an export to a file that cannot grow past 1 KB
sh -c 'ulimit -S -f 2; exec "$@"' sh "$BIN" export --json -o "$TMP/e.json" > "$TMP/out" 2> "$TMP/err"
rc=$?
if [ $rc -eq 1 ] && [ "$(wc -l < "$TMP/err")" = 1 ] && grep -q "^exitview: .*e.json" "$TMP/err"; then
	ok fsize-export-fails-with-message
else
	fail fsize-export-fails-with-message "exit $rc (153: killed by SIGXFSZ): $(head -c 300 "$TMP/err")"
fi
left=$(find "$TMP" -maxdepth 1 -name 'e.json' -o -maxdepth 1 -name '.exitview-*')
[ -z "$left" ] && ok fsize-export-leaves-nothing || fail fsize-export-leaves-nothing "$left"

# and without the limit all works again
"$BIN" note "$id" 1 < "$TMP/big" && "$BIN" show "$id" | grep -q "inte får plats" && ok fsize-note-after \
	|| fail fsize-note-after "the note was not saved without the limit"
