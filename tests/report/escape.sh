#!/bin/sh
# Untrusted strings from the log (argv with escape sequences, bytes that
# are not UTF-8, bidi overrides, markup) reach no output raw.
. "${srcdir:-.}/tests/report/lib.sh"

esc=$(printf '\033')
fw report --tree --wide "$FIX/tricky.jsonl" >"$TMP/tree" || fail "exit $?"
fw report --tree "$FIX/tricky.jsonl" >>"$TMP/tree"
fw report --slowest 5 "$FIX/tricky.jsonl" >>"$TMP/tree"
fw report "$FIX/tricky.jsonl" >>"$TMP/tree"
fw report --critical-path "$FIX/tricky.jsonl" >>"$TMP/tree"
if grep -q "$esc" "$TMP/tree"; then
	fail "a raw ESC reached the text output"
fi
if LC_ALL=C grep -q "$(printf '\377')" "$TMP/tree"; then
	fail "a raw 0xff byte reached the text output"
fi
expect_text "$TMP/tree" 'printf "\x1b[31mred\x1b[0m" "\xff\xfe\xe9" "café" "\u{202e}evil" "<script>&\"'"'"'"'

# JSON: valid whatever the bytes; escapes round-trip like the log's (the
# fixture is a format 1.0 log, where \u00ff was the byte 0xff; the report
# writes it the 1.1 way, \udcff, which surrogateescape turns back into it).
fw report --format json --tree "$FIX/tricky.jsonl" >"$TMP/t.json"
py - "$TMP/t.json" <<'PY'
import json, sys
from check import check, near
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")                      # valid UTF-8
check(b"\x1b" not in raw and b"\xff" not in raw)
d = json.loads(raw)
argv = d["tree"][0]["children"][0]["argv"]
check(argv == ["printf", "\x1b[31mred\x1b[0m", "\udcff\udcfe\udce9", "café",
                "\u202eevil", "<script>&\"'"], argv)
PY

# SVG: well-formed although argv holds markup and control characters.
fw report --svg "$TMP/t.svg" --perfetto "$TMP/p.json" "$FIX/tricky.jsonl"
py - "$TMP/t.svg" "$TMP/p.json" <<'PY'
import json, sys, xml.etree.ElementTree as ET
from check import check, near
root = ET.parse(sys.argv[1]).getroot()
titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
t = [x for x in titles if x.startswith("pid 3001:")][0]
check("<script>&\"'" in t and "\\x1b[31mred" in t and "\\xff" in t, t)
json.load(open(sys.argv[2]))
PY
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$TMP/t.svg" || fail "xmllint rejects the SVG"
fi

# A warning that quotes a damaged line carries no raw control bytes either.
{
	head -n 3 "$FIX/build.jsonl"
	printf '{"ts":1,"event":"exec","pid":2,\033[2J\033]0;pwned\007\377\n'
} >"$TMP/esc.jsonl"
fw report "$TMP/esc.jsonl" >/dev/null 2>"$TMP/err" || fail "exit $?"
if LC_ALL=C grep -q "$esc\\|$(printf '\007')\\|$(printf '\377')" "$TMP/err"; then
	fail "raw control bytes in the warning"
fi
grep -q '^forkwatch: .*esc.jsonl:4: warning: invalid JSON at column [0-9]*: .*\\x1b' "$TMP/err" ||
	fail "warning: $(cat "$TMP/err")"
