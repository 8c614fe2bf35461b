#!/usr/bin/env python3
"""Print the KEYS section of exitview(1) from the key table: the UI_KEYS
list in include/exitview/ui_keys.h.

The table drives dispatch, the F1 help overlay and the status-line hints;
this makes the manual read the same rows, so they cannot drift apart.
  keys_mdoc.py TOP            print the section
  keys_mdoc.py TOP --update   rewrite it in man/exitview.1 (make man-keys)
"""
import re
import sys

top = sys.argv[1]
header = open(f"{top}/include/exitview/ui_keys.h", encoding="utf-8").read()
# The list: the lines of "#define UI_KEYS(...)" up to the first one that
# does not end in a backslash.
lines = header[header.index("#define UI_KEYS("):].split("\n")
end = next(i for i, line in enumerate(lines) if not line.endswith("\\"))
table = "\n".join(lines[:end + 1])
titles = dict(re.findall(r'\bSECTION\((\w+), "([^"]*)"\)', table))
rows = re.findall(r'\bROW\((\w+), "([^"]*)", "([^"]*)"', table)


def keys(k):
    if k == "Typing":
        return k
    return " , ".join("Ic \\&?" if p == "?" else "Ic " + p for p in k.split(", "))


def sentence(t):
    t = t[0].upper() + t[1:]
    return t if t.endswith(".") else t + "."


out = [".Sh KEYS", ".Ic F1",
       "shows every binding on screen; the help overlay and this section list the",
       "same table, section by section."]
section = None
for sec, k, text in rows:
    if sec != section:
        if section:
            out.append(".El")
        out += [".Ss " + titles[sec], ".Bl -tag -width Ds"]
        section = sec
    out += [".It " + keys(k), sentence(text)]
out.append(".El")
mdoc = "\n".join(out) + "\n"

if "--update" in sys.argv:
    path = f"{top}/man/exitview.1"
    page = open(path, encoding="utf-8").read()
    start = page.index(".Sh KEYS\n")
    end = page.index(".Sh ", start + 1)
    open(path, "w", encoding="utf-8").write(page[:start] + mdoc + page[end:])
else:
    sys.stdout.write(mdoc)
