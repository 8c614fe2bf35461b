#!/bin/sh
# The man page's KEYS section names every row of the key table
# (src/ui_keys.c): each row's keys, verbatim, under a subsection titled as
# the row's section.  The help overlay is drawn from the same table, so
# the manual and the screen cannot drift apart.
top=${EXITVIEW_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
table="$top/src/ui_keys.c"
man="$top/man/exitview.1"
if ! command -v mandoc >/dev/null 2>&1; then
	echo "ok keys-doc-skipped-no-mandoc"
	exit 0
fi
[ -f "$man" ] || { echo "FAIL keys-doc: $man missing"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# section macros: #define S_X "Title"
sed -n 's/^#define \(S_[A-Z]*\) "\(.*\)"$/\1\t\2/p' "$table" > "$tmp/sections"
# rows: { S_X, "KEYS", ...
sed -n 's/^[[:space:]]*{ \(S_[A-Z]*\), "\([^"]*\)", .*/\1\t\2/p' "$table" > "$tmp/rows"
[ -s "$tmp/rows" ] || { echo "FAIL keys-doc: no rows found in $table"; exit 0; }

# the KEYS section as read, split into subsections: "TITLE<TAB>text"
MANWIDTH=200 mandoc -Tutf8 -O width=200 "$man" | col -b | awk '
	/^[A-Z]/ { in_keys = ($0 == "KEYS"); next }
	!in_keys { next }
	/^   [^ ]/ { sub(/^   /, ""); cur = $0; next }
	{ gsub(/^ +/, ""); print cur "\t" $0 }
' > "$tmp/man"
[ -s "$tmp/man" ] || { echo "FAIL keys-doc: no KEYS section in $man"; exit 0; }

fails=0
while IFS='	' read -r sec keys; do
	title=$(awk -F'\t' -v s="$sec" '$1 == s { print $2 }' "$tmp/sections")
	if awk -F'\t' -v t="$title" -v k="$keys" '
		$1 == t && ($2 == k || index($2, k "  ") == 1) { found = 1 }
		END { exit !found }' "$tmp/man"; then
		:
	else
		echo "FAIL keys-doc: \"$keys\" is not an entry of \"$title\" in KEYS of exitview(1)"
		fails=$((fails + 1))
	fi
done < "$tmp/rows"
[ "$fails" -eq 0 ] && echo "ok keys-doc-every-binding-in-man"
exit 0
