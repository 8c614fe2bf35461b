#!/bin/sh
# make analyze: cppcheck, the clang static analyzer and gcc -fanalyzer over
# src/*.c with the build's flags (the arguments: -std, -D and -I flags).
# Quiet on success but for one line per tool; prints every finding (one
# line each; the whole output of each tool is left in build/analyze/) and
# fails when any tool finds anything.  Not part of make check.
#   analyze.sh FLAGS...      (ANALYZE_SRC: the files, default src/*.c)
src=${ANALYZE_SRC:-$(ls src/*.c)}
nfiles=$(echo $src | wc -w)
# Each tool's whole output (a finding's path through the code) is kept here.
out=build/analyze
mkdir -p "$out"
status=0

# Report tool $1 from its output $2: the findings are the lines that
# match $3 (a grep -E pattern), printed one a line; $4 is the tool's exit
# status.
report() {
	n=$(grep -cE "$3" "$2")
	if [ "$n" -eq 0 ] && [ "$4" -eq 0 ]; then
		echo "analyze $1: $nfiles files, no findings"
	else
		grep -E "$3" "$2"
		echo "analyze $1: $n finding(s) in $nfiles files (exit status $4; the paths in $2)"
		status=1
	fi
}

# cppcheck reads our headers only (not the system's), in this configuration.
cpp=""
for a in "$@"; do
	case $a in
	-D*|-U*) cpp="$cpp $a" ;;
	-I/*) ;;
	-I*) cpp="$cpp $a" ;;
	esac
done
rc=0
# shellcheck disable=SC2086 # the flags hold no blanks
cppcheck -q --std=c11 --enable=warning,portability --inline-suppr --error-exitcode=1 \
	--template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
	$cpp $src > "$out/cppcheck.txt" 2>&1 || rc=$?
report cppcheck "$out/cppcheck.txt" '^[^ ]+:[0-9]+:[0-9]+: ' $rc

rc=0
for f in $src; do
	clang --analyze -Xanalyzer -analyzer-output=text "$@" -o /dev/null "$f" || rc=$?
done > "$out/clang.txt" 2>&1
report clang-analyzer "$out/clang.txt" ': (warning|error):' $rc

rc=0
for f in $src; do
	gcc -fanalyzer -O0 "$@" -c -o /dev/null "$f" || rc=$?
done > "$out/gcc.txt" 2>&1
report gcc-fanalyzer "$out/gcc.txt" ': (warning|error):' $rc

exit $status
