#!/bin/sh
# Man pages lint clean with mandoc and read at 80 columns.
cd "$(dirname "$0")/.." || exit 1
for m in man/exitview.1 man/exitview.ini.5; do
	if [ ! -f "$m" ]; then echo "FAIL $m: missing"; continue; fi
	out=$(mandoc -Tlint -Wwarning "$m" 2>&1)
	if [ -n "$out" ]; then echo "FAIL lint $m: $out"; else echo "ok lint $m"; fi
	wide=$(MANWIDTH=80 mandoc -Tutf8 -O width=78 "$m" | col -b 2>/dev/null | awk 'length > 80' | head -3)
	if [ -n "$wide" ]; then echo "FAIL width $m: $wide"; else echo "ok width $m"; fi
done
