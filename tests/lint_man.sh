#!/bin/sh
# Man pages, English and Swedish, lint clean with mandoc and read at 80
# columns.
cd "$(dirname "$0")/.." || exit 1
for m in man/exitview.1 man/exitview.ini.5 man/sv/exitview.1 man/sv/exitview.ini.5; do
	if [ ! -f "$m" ]; then echo "FAIL $m: missing"; continue; fi
	out=$(mandoc -Tlint -Wwarning "$m" 2>&1)
	if [ -n "$out" ]; then echo "FAIL lint $m: $out"; else echo "ok lint $m"; fi
	# display columns, not bytes: wc -L measures in the UTF-8 locale
	wide=$(mandoc -Tutf8 -O width=78 "$m" | col -b 2>/dev/null | LC_ALL=C.UTF-8 wc -L)
	if [ "$wide" -gt 80 ]; then echo "FAIL width $m: a line of $wide columns"; else echo "ok width $m"; fi
done
