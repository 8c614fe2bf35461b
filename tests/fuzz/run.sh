#!/bin/sh
# tests/fuzz/run.sh TARGET... — run each fuzz target (built by make
# fuzz-build) for $FUZZ_SECONDS seconds and print, per target, the
# executions and the crashes found; exit 1 if any target crashed or failed.
#
# libFuzzer runs in fork mode (-fork=$FUZZ_JOBS, default 1) and goes on
# after a crash, so one run finds several.  New inputs go to
# build/fuzz/corpus/TARGET (the seeds in tests/fuzz/corpus/TARGET are only
# read); crashes, leaks, timeouts and out-of-memory inputs to
# build/fuzz/crashes/TARGET/; the log to build/fuzz/TARGET.log.
cd "$(dirname "$0")/../.." || exit 1
secs=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
status=0
for t in "$@"; do
	case $t in
	template) maxlen=16384 ;;
	textbuf) maxlen=4096 ;;
	report) maxlen=8192 ;;
	*) maxlen=4096 ;;
	esac
	bin=build/fuzz/fuzz_$t
	work=build/fuzz/corpus/$t
	crashes=build/fuzz/crashes/$t
	log=build/fuzz/$t.log
	stamp=build/fuzz/$t.stamp
	mkdir -p "$work" "$crashes"
	touch "$stamp"
	dict=
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	# shellcheck disable=SC2086
	"$bin" "$work" "tests/fuzz/corpus/$t" $dict -fork="$jobs" -ignore_crashes=1 \
		-max_total_time="$secs" -max_len="$maxlen" -timeout=20 -rss_limit_mb=2048 \
		-artifact_prefix="$crashes/" >"$log" 2>&1
	rc=$?
	# fork mode's stats lines: "#EXECS: cov: ... oom/timeout/crash: O/T/C time: ..."
	last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1)
	execs=$(echo "$last" | sed -n 's/^#\([0-9]*\):.*/\1/p')
	found=$(find "$crashes" -type f -newer "$stamp" | wc -l)
	echo "fuzz $t: ${execs:-0} executions in $secs s, $found crash(es)"
	if [ "$found" -gt 0 ]; then
		find "$crashes" -type f -newer "$stamp" | sed 's/^/  /'
		# what each one broke (fork mode keeps the children's reports apart)
		for f in $(find "$crashes" -type f -newer "$stamp"); do
			"$bin" "$f" 2>&1 | grep -m1 -E 'fuzz invariant broken at|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' |
				sed 's/==[0-9]*==//' | cut -c1-160
		done | awk '{ i = index($0, ": "); t = substr($0, i + 1); gsub(/[0-9]+/, "N", t);
			      print substr($0, 1, i) t }' | sort | uniq -c | sed 's/^/  /'
		echo "  log: $log"
		status=1
	elif [ -z "$last" ] || { [ "$rc" -ne 0 ] && [ "$found" -eq 0 ]; }; then
		echo "  the fuzzer did not run (status $rc); log: $log"
		tail -5 "$log" | sed 's/^/  /'
		status=1
	fi
	rm -f "$stamp"
done
exit $status
