#!/bin/sh
# The Swedish man pages document what the English ones do (issue 16): for
# each pair, the same commands, options, keys, environment variables,
# config keys and number of sections.  Reads only the pages, runs no
# binary.  MAN_EN and MAN_SV name the two directories (default man and
# man/sv under EXITVIEW_TOP), so the check can be tried on a scratch copy.
# The keys are compared by the key table's English names: the Swedish
# page's ("Blanksteg") are read back through src/po/sv.po.
: "${EXITVIEW_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$EXITVIEW_TOP/tests/cli/lib.sh"

MAN_EN=${MAN_EN:-$EXITVIEW_TOP/man}
MAN_SV=${MAN_SV:-$EXITVIEW_TOP/man/sv}

# extract WHAT FILE: one item per line, in the page's order.
#   commands  the first Cm/Ic of each entry of a top-level tag list (the
#             command entries; .It Xo takes the next line's), outside KEYS
#   options   every argument of every Fl, as often as it is there (sorted)
#   keys      the KEYS section: one line per .It, its Ic keys or
#             "(no key)", and "== subsection" where a subsection begins
#   env       every argument of every Ev (sorted, unique), and "entry: X"
#             for each X of an entry of the ENVIRONMENT section's list
#   cfgkeys   exitview.ini(5): "[section] key" for each .It Cm, the section
#             being the first word after Bq (or Bo) in the .Ss heading
#   sections  the number of .Sh and of .Ss headings
extract() {
	awk -v what="$1" '
	function ismacro(w) { return w ~ /^[A-Z][a-z][a-z]?$/ }
	function clean(w) { gsub(/\\[&~]/, "", w); return w }
	# args MACRO: the arguments of each MACRO on this line, up to the
	# next macro, delimiters left out
	function args(m,   i, j, w) {
		for (i = 2; i <= NF; i++) {
			if ($i != m) continue
			for (j = i + 1; j <= NF && !ismacro($j); j++) {
				w = clean($j)
				if (w ~ /^[|,.;:()\[\]]$/ || w == "") continue
				print pre w
			}
			if (j == i + 1) print "(bare)"
		}
	}
	!/^\./ { next }
	{ sub(/^\./, ". ") }     # $1 is ".", $2 the macro: args() sees every call
	$2 == "Sh" { sh++; inkeys = ($3 == "KEYS" || $3 == "TANGENTER")
		inenv = ($3 == "ENVIRONMENT" || $3 == "MILJÖ") }
	$2 == "Ss" { ss++; if (inkeys && what == "keys") print "== subsection"
		sec = "-"; for (i = 3; i < NF; i++) if ($i == "Bq" || $i == "Bo") { sec = $(i + 1); break } }
	$2 == "Bl" { depth++ }
	$2 == "El" { depth-- }
	what == "commands" && xo { xo = 0; if ($2 == "Cm" || $2 == "Ic") print $3 }
	what == "commands" && $2 == "It" && depth == 1 && !inkeys {
		if ($3 == "Cm" || $3 == "Ic") print $4
		else if ($3 == "Xo") xo = 1
	}
	what == "options" { args("Fl") }
	what == "env" { args("Ev")
		if (inenv && depth == 1 && $2 == "It") { pre = "entry: "; args("Ev"); pre = "" } }
	what == "keys" && inkeys && $2 == "It" {
		if ($3 != "Ic") { print "(no key)"; next }
		k = ""
		for (i = 4; i <= NF; i++) if ($i != "Ic" && $i != ",") k = k (k == "" ? "" : " ") clean($i)
		print k
	}
	what == "cfgkeys" && $2 == "It" && $3 == "Cm" { print "[" sec "] " $4 }
	END { if (what == "sections") printf "%d .Sh, %d .Ss\n", sh, ss }
	' "$2" | case $1 in options) sort ;; env) sort -u ;; *) cat ;; esac
}

# man_sv.sh --extract WHAT FILE prints the items, to see what is compared.
if [ "$1" = --extract ]; then extract "$2" "$3"; exit; fi

# The keys as the Swedish page names them ("Blanksteg", "Upp"), back to
# the key table's English names: each key of a row of
# include/exitview/ui_keys.h and its translation in src/po/sv.po, item by
# item ("Up, Down" / "Upp, Ned"), one "Swedish<TAB>English" a line.
key_names() {
	sed -n 's/^[[:space:]]*ROW([A-Z]*, N_("\([^"]*\)").*/\1/p' "$EXITVIEW_TOP/include/exitview/ui_keys.h" |
	sort -u >"$TMP/keyfields"
	awk 'FNR == NR { keys[$0] = 1; next }
	/^msgid "/ { id = substr($0, 8, length($0) - 8); next }
	/^msgstr "/ && (id in keys) {
		st = substr($0, 9, length($0) - 9)
		n = split(id, a, ", "); m = split(st, b, ", ")
		if (n == m) for (i = 1; i <= n; i++) if (a[i] != b[i]) print b[i] "\t" a[i]
		id = ""
	}' "$TMP/keyfields" "$EXITVIEW_TOP/src/po/sv.po"
}

# compare NAME WHAT PAGE: the English and the Swedish PAGE give the same
# items of WHAT; a FAIL names what is missing from which page.
compare() {
	_n=$1 _w=$2 _p=$3
	_en="$MAN_EN/$_p" _sv="$MAN_SV/$_p"
	for _f in "$_en" "$_sv"; do
		[ -f "$_f" ] || { fail "$_n" "no $_f"; return; }
	done
	extract "$_w" "$_en" >"$TMP/en"
	extract "$_w" "$_sv" >"$TMP/sv"
	if [ "$_w" = keys ]; then   # the Swedish key names read as the English
		key_names >"$TMP/keymap"
		awk -F'\t' 'NR == FNR { m[$1] = $2; next }
		{ n = split($0, w, " "); o = ""
		  for (i = 1; i <= n; i++) o = o (i > 1 ? " " : "") (w[i] in m ? m[w[i]] : w[i]); print o }' \
			"$TMP/keymap" "$TMP/sv" >"$TMP/sv.k" && mv "$TMP/sv.k" "$TMP/sv"
	fi
	if [ ! -s "$TMP/en" ]; then
		fail "$_n" "no $_w found in $_en: the check would prove nothing"
		return
	fi
	sort "$TMP/en" >"$TMP/en.s"
	sort "$TMP/sv" >"$TMP/sv.s"
	_no_sv=$(comm -23 "$TMP/en.s" "$TMP/sv.s" | tr '\n' ';' | sed 's/;$//; s/;/; /g')
	_no_en=$(comm -13 "$TMP/en.s" "$TMP/sv.s" | tr '\n' ';' | sed 's/;$//; s/;/; /g')
	_why=""
	[ -n "$_no_sv" ] && _why="missing from the Swedish page: $_no_sv"
	[ -n "$_no_en" ] && _why="${_why:+$_why; }missing from the English page: $_no_en"
	[ "$_w" = sections ] && [ -n "$_why" ] && _why="English $(cat "$TMP/en"), Swedish $(cat "$TMP/sv")"
	[ "$_w" = options ] && [ -n "$_why" ] && _why="(one mention each) $_why"
	if [ -z "$_why" ] && ! cmp -s "$TMP/en" "$TMP/sv"; then
		_first=$(paste -d '|' "$TMP/en" "$TMP/sv" | awk -F'|' '$1 != $2 { print NR ": " $1 " / " $2; exit }')
		_why="the same $_w in another order (first difference, English / Swedish, item $_first)"
	fi
	if [ -n "$_why" ]; then fail "$_n" "$_p: $_why"; else ok "$_n"; fi
}

compare man-sv-commands commands exitview.1
compare man-sv-options-1 options exitview.1
compare man-sv-keys keys exitview.1
compare man-sv-env-1 env exitview.1
compare man-sv-sections-1 sections exitview.1
compare man-sv-options-5 options exitview.ini.5
compare man-sv-env-5 env exitview.ini.5
compare man-sv-cfgkeys cfgkeys exitview.ini.5
compare man-sv-sections-5 sections exitview.ini.5
