#!/bin/sh
# The man page's KEYS section is exactly what the key table (UI_KEYS in
# include/exitview/ui_keys.h) says: every row's keys and help text, section
# by section.  The help
# overlay is drawn from the same table, so the manual and the screen cannot
# drift apart.  `make man-keys` rewrites the section from the table.
top=${EXITVIEW_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$top/tests/tools/keys_mdoc.py" "$top" > "$tmp/want" || { echo "FAIL keys-doc: generator failed"; exit 0; }
awk '/^\.Sh KEYS$/ { on = 1 } on && /^\.Sh / && !/^\.Sh KEYS$/ { on = 0 } on' "$top/man/exitview.1" > "$tmp/have"
if [ "$(grep -c '^\.It ' "$tmp/want")" -lt 40 ]; then
	echo "FAIL keys-doc: only $(grep -c '^\.It ' "$tmp/want") rows read from include/exitview/ui_keys.h"
elif cmp -s "$tmp/want" "$tmp/have"; then
	echo "ok keys-doc-man-matches-key-table"
else
	echo "FAIL keys-doc: KEYS in man/exitview.1 differs from the key table in include/exitview/ui_keys.h (run make man-keys): $(diff "$tmp/have" "$tmp/want" | head -4 | tr '\n' ' ')"
fi
