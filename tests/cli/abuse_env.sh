#!/bin/sh
# The environment exitview runs in (issue 10):
#
# - no /proc (a chroot, a container): the built-in config and templates
#   still load (templates, check-config, new --batch, list, report); a
#   config file, which is checked by iniparser through /proc/self/fd,
#   gets an error that says so.  Needs root and a mount namespace
#   (unshare -m, then umount /proc inside it); otherwise "skip".
# - a report written to a file: the directory is fsynced after the rename
#   (seen with strace; "skip" without strace).
# - the locale: reports, show, exports, lists and summaries are the same
#   bytes under sv_SE.UTF-8 (decimal comma) as under C.UTF-8.  The Swedish
#   locale is generated into the test's own directory (localedef, LOCPATH);
#   "skip" when it cannot be.
. "$(dirname "$0")/lib.sh"

# an interview with ratings (an average of 3.50 in its report), and enough
# for the summary to show figures (threshold 5)
mkdir -p "$TMP/db"; chmod 700 "$TMP/db"
i=1
while [ $i -le 6 ]; do
	new_interview --employee "Person $i" --department Avd --last-day 2025-03-14 --interview-date 2025-03-10 >/dev/null \
		|| fail setup "new --batch failed"
	"$BIN" set $i separation=voluntary reason=compensation q5.rating=$((i % 5 + 1)) q2.rating=4 q3.rating=$((i % 2 + 2)) \
		|| fail setup "set failed"
	i=$((i + 1))
done
"$BIN" set 1 q5.rating=3 q2.rating=4 q3.rating=0 || fail setup "set failed"
echo "Lönen var för låg, 3,5 % under marknaden." | "$BIN" note 1 1

# --- no /proc -----------------------------------------------------------------
noproc_ok=no
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 &&
   unshare -m sh -c 'umount -l /proc && ! test -e /proc/self/fd' 2>/dev/null; then
	noproc_ok=yes
fi
# The sanitizers need /proc themselves (they read their options from
# /proc/self/environ and LeakSanitizer walks /proc/PID/task): these runs use
# the plain build, ./exitview, which make check builds as well.
PLAIN=${EXITVIEW_PLAIN_BIN:-$EXITVIEW_TOP/exitview}
[ -x "$PLAIN" ] || noproc_ok=no
# noproc NAME STATUS PATTERN ARGS...: exitview ARGS in a mount namespace
# without /proc
noproc() {
	_n=$1 _s=$2 _p=$3; shift 3
	unshare -m sh -c 'umount -l /proc && exec "$@"' sh "$PLAIN" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	_rc=$?
	if [ "$_rc" -ne "$_s" ]; then fail "$_n" "exit $_rc, expected $_s: $(head -c 300 "$TMP/err")"
	elif ! cat "$TMP/out" "$TMP/err" | grep -Eq -- "$_p"; then fail "$_n" "output lacks /$_p/: $(cat "$TMP/out" "$TMP/err" | head -c 300)"
	else ok "$_n"; fi
}
if [ $noproc_ok = yes ]; then
	noproc noproc-templates 0 'standard-sv' templates
	noproc noproc-check-config 0 'template standard-sv \(built-in templates/standard-sv.ini\): ok' check-config
	noproc noproc-new 0 '^[0-9]+$' new --batch --employee "Utan Proc"
	noproc noproc-list 0 'Utan Proc' list
	noproc noproc-report 0 'Average rating: 3\.50' report 1 -o -
	printf '[exitview]\nautosave = 2\n' > "$TMP/file.ini"
	noproc noproc-config-file-says-why 1 "^exitview: $TMP/file.ini: cannot be parsed: /proc is not mounted" -c "$TMP/file.ini" list
else
	echo "skip noproc: needs root, a mount namespace (unshare -m, umount /proc) and the plain build $PLAIN"
fi

# --- the directory is synced after the rename -----------------------------------
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	mkdir -m 700 "$TMP/rep"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -o "$TMP/strace" -e trace=openat,open,fsync,fdatasync,rename,renameat,renameat2 \
		"$BIN" report 1 -o "$TMP/rep/r.txt" >/dev/null 2>"$TMP/err"
	# the last rename to r.txt, then an fsync of a descriptor opened on
	# the directory (O_DIRECTORY), after it
	python3 - "$TMP/strace" "$TMP/rep" > "$TMP/why" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
d = sys.argv[2]
dirfds, renamed, ok = set(), False, False
for l in lines:
    m = re.search(r'open(?:at)?\(.*"%s", [^)]*O_DIRECTORY[^)]*\)\s*=\s*(\d+)' % re.escape(d), l)
    if m:
        dirfds.add(m.group(1))
    if re.search(r'rename(?:at2?)?\(.*"%s/r\.txt"' % re.escape(d), l) and '= 0' in l:
        renamed, ok = True, False
    m = re.search(r'fsync\((\d+)\)\s*=\s*0', l)
    if m and renamed and m.group(1) in dirfds:
        ok = True
print("ok" if ok else "renamed=%s dirfds=%s" % (renamed, sorted(dirfds)))
PY
	[ "$(cat "$TMP/why")" = ok ] && ok fsync-dir-after-rename || fail fsync-dir-after-rename "$(cat "$TMP/why")"
else
	echo "skip fsync-dir-after-rename: strace is not available (tests/unit/test_files.c checks it without)"
fi

# --- the locale ----------------------------------------------------------------
L="$TMP/locales"
mkdir -p "$L"
if command -v localedef >/dev/null 2>&1 && localedef -i sv_SE -f UTF-8 "$L/sv_SE.UTF-8" >/dev/null 2>&1 &&
   [ "$(LOCPATH=$L LC_ALL=sv_SE.UTF-8 /usr/bin/printf '%.2f' 3 2>/dev/null)" = "3,00" ]; then
	# (the control above: in this locale printf itself writes "3,00")
	# glibc's setlocale() keeps a copy of LOCPATH it never frees: no leak
	# check in these runs
	sv() { LOCPATH=$L ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$@"; }
	for c in "show 1" "report 2 -o -" "summary" "summary --by department" "export --csv" "export --json" "list --tsv"; do
		n=locale-$(echo "$c" | sed 's/ --*/-/g; s/ /-/g; s/-*$//')
		LC_ALL=C.UTF-8 "$BIN" $c > "$TMP/c.out" 2>"$TMP/c.err"
		# a summary's reason labels follow the reader's language
		# (tests/cli/summary.sh): an English reader here, numbers alike
		lang=; case $c in summary*) lang=en ;; esac
		sv env LC_ALL=sv_SE.UTF-8 ${lang:+LANGUAGE=$lang} "$BIN" $c > "$TMP/sv.out" 2>"$TMP/sv.err"
		sv env LANG=sv_SE.UTF-8 LC_ALL= ${lang:+LANGUAGE=$lang} "$BIN" $c > "$TMP/sv-lang.out" 2>>"$TMP/sv.err"
		if [ -s "$TMP/c.err" ] || [ -s "$TMP/sv.err" ]; then fail "$n" "$(cat "$TMP/c.err" "$TMP/sv.err" | head -c 300)"
		elif cmp -s "$TMP/c.out" "$TMP/sv.out" && cmp -s "$TMP/c.out" "$TMP/sv-lang.out"; then ok "$n"
		else fail "$n" "differs under sv_SE.UTF-8: $(diff "$TMP/c.out" "$TMP/sv.out" | head -4 | tr '\n' ' ')"; fi
	done
	LC_ALL=C.UTF-8 "$BIN" summary > "$TMP/c.out"
	grep -Eq '[0-9]\.[0-9]' "$TMP/c.out" && ok locale-summary-has-decimals || fail locale-summary-has-decimals "no decimal figures to compare: $(head -c 200 "$TMP/c.out")"
	LC_ALL=C.UTF-8 "$BIN" report 1 -o "$TMP/r-c.txt" >/dev/null
	sv env LC_ALL=sv_SE.UTF-8 "$BIN" report 1 -o "$TMP/r-sv.txt" >/dev/null
	cmp -s "$TMP/r-c.txt" "$TMP/r-sv.txt" && grep -q 'Average rating: 3\.50' "$TMP/r-sv.txt" \
		&& ok locale-report-file || fail locale-report-file "$(grep 'Average' "$TMP/r-sv.txt")"
else
	echo "skip locale: cannot generate sv_SE.UTF-8 here (localedef -i sv_SE -f UTF-8, package locales)"
fi
