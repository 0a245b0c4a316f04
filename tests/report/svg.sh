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

# A 10,000-process log (jq's `make check` has that shape): make runs 200
# shells, each a subshell that never execs (with one helper under it), 46
# sub-millisecond helpers and one 50 ms test. The default picture keeps
# the 1,500 longest (make, the shells, the tests, then the first helpers)
# and draws the subshells as their parent, within what rsvg-convert
# renders (32,767 px). Each shell takes 0.5 + 46 x 0.3 + 51 + 1 ms, so the
# run lasts 0.001 + 200 x 0.0663 = 13.261 s.
awk 'BEGIN {
	printf "{\"ts\":0,\"event\":\"start\",\"version\":1,\"pid\":9,\"tgid\":9,\"time\":\"2026-11-28T10:00:00.000000Z\",\"mode\":\"launch\",\"argv\":[\"make\",\"check\"],\"cwd\":\"/j\"}\n"
	printf "{\"ts\":0.000001,\"event\":\"exec\",\"pid\":1,\"tgid\":1,\"path\":\"/usr/bin/make\",\"argv\":[\"make\",\"check\"],\"cwd\":\"/j\"}\n"
	t = 0.001; pid = 2
	for (k = 0; k < 200; k++) {
		sh = pid++
		printf "{\"ts\":%.6f,\"event\":\"fork\",\"pid\":1,\"tgid\":1,\"child\":%d}\n", t, sh
		printf "{\"ts\":%.6f,\"event\":\"exec\",\"pid\":%d,\"tgid\":%d,\"path\":\"/bin/sh\",\"argv\":[\"sh\",\"-c\",\"run %d\"],\"cwd\":\"/j\"}\n", t, sh, sh, k
		ss = pid++; h = pid++
		printf "{\"ts\":%.6f,\"event\":\"fork\",\"pid\":%d,\"tgid\":%d,\"child\":%d}\n", t + 0.0001, sh, sh, ss
		printf "{\"ts\":%.6f,\"event\":\"fork\",\"pid\":%d,\"tgid\":%d,\"child\":%d}\n", t + 0.0001, ss, ss, h
		printf "{\"ts\":%.6f,\"event\":\"exec\",\"pid\":%d,\"tgid\":%d,\"path\":\"/bin/test\",\"argv\":[\"test\",\"-d\",\"d%d\"],\"cwd\":\"/j\"}\n", t + 0.0001, h, h, k
		printf "{\"ts\":%.6f,\"event\":\"exit\",\"pid\":%d,\"tgid\":%d,\"code\":0}\n", t + 0.0003, h, h
		printf "{\"ts\":%.6f,\"event\":\"exit\",\"pid\":%d,\"tgid\":%d,\"code\":0}\n", t + 0.0004, ss, ss
		t += 0.0005
		for (i = 0; i < 46; i++) {
			h = pid++
			printf "{\"ts\":%.6f,\"event\":\"fork\",\"pid\":%d,\"tgid\":%d,\"child\":%d}\n", t, sh, sh, h
			printf "{\"ts\":%.6f,\"event\":\"exec\",\"pid\":%d,\"tgid\":%d,\"path\":\"/bin/sed\",\"argv\":[\"sed\",\"s/x/y/\"],\"cwd\":\"/j\"}\n", t, h, h
			printf "{\"ts\":%.6f,\"event\":\"exit\",\"pid\":%d,\"tgid\":%d,\"code\":0}\n", t + 0.0002, h, h
			t += 0.0003
		}
		h = pid++
		printf "{\"ts\":%.6f,\"event\":\"fork\",\"pid\":%d,\"tgid\":%d,\"child\":%d}\n", t, sh, sh, h
		printf "{\"ts\":%.6f,\"event\":\"exec\",\"pid\":%d,\"tgid\":%d,\"path\":\"/j/tests/t\",\"argv\":[\"tests/t\",\"case%d.test\"],\"cwd\":\"/j\"}\n", t, h, h, k
		printf "{\"ts\":%.6f,\"event\":\"exit\",\"pid\":%d,\"tgid\":%d,\"code\":0}\n", t + 0.05, h, h
		t += 0.051
		printf "{\"ts\":%.6f,\"event\":\"exit\",\"pid\":%d,\"tgid\":%d,\"code\":0}\n", t, sh, sh
		t += 0.001
	}
	printf "{\"ts\":%.6f,\"event\":\"exit\",\"pid\":1,\"tgid\":1,\"code\":0}\n", t
	printf "{\"ts\":%.6f,\"event\":\"end\",\"pid\":9,\"tgid\":9,\"status\":0,\"root_code\":0}\n", t
}' >"$TMP/big.jsonl"
fw report --svg "$TMP/big.svg" "$TMP/big.jsonl" || fail "big: exit $?"
py - "$TMP/big.svg" <<'PY'
import re, sys, xml.etree.ElementTree as ET
from check import check, equal
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
check(int(root.get("height")) <= 32767, root.get("height"))
texts = [t.text for t in root.iter(ns + "text")]
equal(texts[1], "1500 of 10001 processes shown, 0 failed, 13.261s; left out: "
      "200 forks without exec (drawn as their parent), 8301 beyond the "
      "1500 longest (--max-rows)")
titles = [t.text.split(":")[0] for t in root.iter(ns + "title")
          if t.text.startswith("pid ")]
equal(len(titles), 1500)
PY
if command -v rsvg-convert >/dev/null 2>&1; then
	rsvg-convert -o "$TMP/big.png" "$TMP/big.svg" ||
		fail "rsvg-convert cannot draw the 10,000-process picture"
fi
# --min-duration 1ms: make, the shells and the tests; the rest (each
# subshell with its helper, and the helpers) counted as left out.
fw report --svg "$TMP/min.svg" --min-duration 1ms "$TMP/big.jsonl"
grep -q '>401 of 10001 processes shown, 0 failed, 13.261s; left out: 9600 shorter than 1.000ms (with what ran under them)<' \
	"$TMP/min.svg" || fail "--min-duration: $(grep -o '>[0-9]* of [^<]*<' "$TMP/min.svg")"
fw report --svg "$TMP/rows.svg" --max-rows 10 "$TMP/big.jsonl"
[ "$(grep -c '<title>pid ' "$TMP/rows.svg")" = 10 ] || fail "--max-rows 10"
