#!/bin/sh
# --svg: a well-formed, self-contained SVG with one bar per process,
# coloured by outcome, argv in <title>, rendered by rsvg-convert.
. "${srcdir:-.}/tests/report/lib.sh"

fw report --svg "$TMP/t.svg" "$FIX/build.jsonl" || fail "exit $?"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$TMP/t.svg" || fail "xmllint rejects the SVG"
fi
py - "$TMP/t.svg" <<'PY'
import sys, xml.etree.ElementTree as ET
from check import check, equal
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
check(root.tag == "{http://www.w3.org/2000/svg}svg")
# Self-contained: nothing is loaded from elsewhere.
for el in root.iter():
    for k, v in el.attrib.items():
        check("href" not in k, (el.tag, k))
bars = []
for g in root.iter("{http://www.w3.org/2000/svg}g"):
    rect = g.find("s:rect", ns)
    title = g.find("s:title", ns)
    if rect is not None and title is not None:
        bars.append((rect.get("class"), title.text))
check(len(bars) == 9, len(bars))
cls = {t.split(":")[0]: c for c, t in bars}
check(cls["pid 1000"] == "fail crit" and cls["pid 1005"] == "fail")
# The critical path (tests/report/critical.sh): make, the compile of a.c
# (cc1, as) and the link (collect2, ld); the failed compile of bad.c ran
# beside it and is not outlined.
check(cls["pid 1003"] == "ok crit" and cls["pid 1008"] == "ok crit")
equal(sorted(t.split(":")[0] for c, t in bars if "crit" in c),
      ["pid %d" % p for p in (1000, 1001, 1003, 1004, 1006, 1007, 1008)])
t1001 = [t for c, t in bars if t.startswith("pid 1001:")][0]
check("/bin/sh -c cc -c a.c -o a.o" in t1001 and "cc -c a.c -o a.o" in t1001)
PY
if command -v rsvg-convert >/dev/null 2>&1; then
	rsvg-convert -o "$TMP/t.png" "$TMP/t.svg" || fail "rsvg-convert failed"
	head -c 8 "$TMP/t.png" | od -An -c | grep -q 'P   N   G' ||
		fail "rsvg-convert wrote no PNG"
else
	echo "rsvg-convert not found: rendering not checked" >&2
fi

# --under and --depth pick the rows.
fw report --svg "$TMP/u.svg" --under 1006 --depth 1 "$FIX/build.jsonl"
n=$(grep -c '<title>pid ' "$TMP/u.svg")
[ "$n" = 2 ] || fail "--under 1006 --depth 1 drew $n bars"
