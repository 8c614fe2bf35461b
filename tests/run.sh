#!/bin/sh
# tests/run.sh — run every test (unit tests under ASan/UBSan, command-line
# and end-to-end scripts, man page lint) and end with "N passed, N failed,
# N skipped".
#
# Protocol: each test program prints "ok NAME" per passing check, "FAIL
# NAME: why" per failing one and "skip NAME: why" per check it could not
# make here (a tool or a privilege missing): a skip is not a pass, and it
# is listed.  A program that exits non-zero without printing FAIL, or
# that reports nothing at all, counts as one failure.
#
# SUITES (default "unit cli e2e") picks which of the three run: e.g.
# `make check SUITES="unit cli"` runs no tmux at all.  The man page lint
# always runs.
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
export EXITVIEW_TOP="$top"
export EXITVIEW_BIN="${EXITVIEW_BIN:-$top/build/asan/exitview}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
passed=0
failed=0
skipped=0

run_one() {   # name command...
	name=$1; shift
	out="$log/out"
	"$@" >"$out" 2>"$log/err"
	rc=$?
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^FAIL ' "$out")
	s=$(grep -c '^skip ' "$out")
	grep '^FAIL \|^skip ' "$out" | sed "s|^|  [$name] |"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "  [$name] FAIL: exited with status $rc"
		sed 's/^/    /' "$log/err" | tail -20
		f=1
	elif [ $((p + f + s)) -eq 0 ]; then
		echo "  [$name] FAIL: reported nothing (no ok, FAIL or skip line)"
		f=1
	fi
	if [ "$f" -gt 0 ] && [ -s "$log/err" ]; then
		sed 's/^/    stderr: /' "$log/err" | tail -10
	fi
	echo "$name: $p passed, $f failed, $s skipped"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
}

suites=" ${SUITES:-unit cli e2e} "
want() { case $suites in *" $1 "*) return 0 ;; esac; return 1; }
for t in build/tests/test_*; do
	want unit || break
	[ -x "$t" ] || continue
	run_one "$(basename "$t")" "$t"
done
for t in tests/cli/*.sh tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	case "$t" in */lib.sh) continue ;; esac
	case "$t" in tests/cli/*) want cli || continue ;; tests/e2e/*) want e2e || continue ;; esac
	run_one "$t" sh "$t"
done
run_one man-lint sh tests/lint_man.sh

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
