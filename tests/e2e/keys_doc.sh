#!/bin/sh
# The man pages' KEYS sections are exactly what the key table (UI_KEYS in
# include/exitview/ui_keys.h) says: every row's keys and help text, section
# by section; the Swedish page's TANGENTER the same rows read through
# src/po/sv.po.  The help overlay is drawn from the same table, so the
# manual and the screen cannot drift apart.  `make man-keys` rewrites both
# sections from the table.
top=${EXITVIEW_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# check NAME PAGE HEADING [--lang L]
check() {
	_n=$1 _page=$2 _sh=$3; shift 3
	python3 "$top/tests/tools/keys_mdoc.py" "$top" "$@" > "$tmp/want" || { echo "FAIL $_n: generator failed"; return; }
	awk -v sh=".Sh $_sh" '$0 == sh { on = 1; print; next } on && /^\.Sh / { on = 0 } on' "$top/$_page" > "$tmp/have"
	if [ "$(grep -c '^\.It ' "$tmp/want")" -lt 40 ]; then
		echo "FAIL $_n: only $(grep -c '^\.It ' "$tmp/want") rows read from include/exitview/ui_keys.h"
	elif cmp -s "$tmp/want" "$tmp/have"; then
		echo "ok $_n"
	else
		echo "FAIL $_n: $_sh in $_page differs from the key table in include/exitview/ui_keys.h (run make man-keys): $(diff "$tmp/have" "$tmp/want" | head -4 | tr '\n' ' ')"
	fi
}
check keys-doc-man-matches-key-table man/exitview.1 KEYS
check keys-doc-man-sv-matches-key-table man/sv/exitview.1 TANGENTER --lang sv
# the Swedish rows are translated: a row left in English would be missed
if python3 "$top/tests/tools/keys_mdoc.py" "$top" --lang sv | grep -q '^Redraw the screen\.$\|^Space$\|^\.It Ic Up '; then
	echo "FAIL keys-doc-sv-translated: English rows in the Swedish KEYS"
else
	echo "ok keys-doc-sv-translated"
fi
