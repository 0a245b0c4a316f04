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

# Every string a log holds, hostile in each place (a terminal title and
# clear-screen, BEL, markup, a bidi override, C1 NEL, a byte that is not
# UTF-8): exit signals of a process and of a thread, signal, stop and end
# lines, mode, time, cwd, path, argv, and the log's own file name. No view
# may put a raw control character, bidi override or invalid UTF-8 on the
# terminal; the SVG stays XML; the JSON report and the exports stay JSON
# (the exports without lone surrogates).
H='\u001b]0;pwned\u0007\u001b[2J<&>\"'"'"'\u202e\u0085\u00ff'
log="$TMP/h$(printf '\033')[31m.jsonl"
cat >"$log" <<LOG
{"ts":0.0,"event":"start","version":1,"pid":50,"tgid":50,"time":"2026$H","mode":"launch$H","argv":["run$H","x"],"cwd":"/w$H"}
{"ts":0.001,"event":"exec","pid":60,"tgid":60,"path":"/bin/sh$H","argv":["sh$H","-c","cc $H"],"cwd":"/w$H"}
{"ts":0.002,"event":"fork","pid":60,"tgid":60,"child":61}
{"ts":0.003,"event":"exec","pid":61,"tgid":61,"path":"/usr/bin/cc","argv":["cc","-c","a$H.c","-o","a$H.o"],"cwd":"/w$H"}
{"ts":0.004,"event":"clone","pid":61,"tgid":61,"child":62,"thread":true}
{"ts":0.005,"event":"signal","pid":61,"tgid":61,"signal":"SIG$H","sender":60}
{"ts":0.006,"event":"stop","pid":61,"tgid":61,"signal":"SIG$H"}
{"ts":0.007,"event":"exit","pid":62,"tgid":61,"signal":"SIG$H","core":false,"thread":true}
{"ts":0.008,"event":"exit","pid":61,"tgid":61,"signal":"SIG$H","core":true,"utime":0.001,"stime":0.0,"maxrss_kb":100}
{"ts":0.009,"event":"exit","pid":60,"tgid":60,"code":1,"utime":0.001,"stime":0.0,"maxrss_kb":100}
{"ts":0.010,"event":"end","pid":50,"tgid":50,"status":137,"root_signal":"SIG$H"}
LOG
fw report --summary --tree --critical-path --slowest 5 "$log" \
	>"$TMP/h.txt" 2>"$TMP/h.err" || fail "hostile: exit $?"
fw report --tree --wide "$log" >>"$TMP/h.txt" 2>>"$TMP/h.err"
fw report --diff "$log" "$log" >>"$TMP/h.txt" 2>>"$TMP/h.err"
fw report --diff "$log" "$FIX/build.jsonl" >>"$TMP/h.txt" 2>>"$TMP/h.err"
fw report --format json --summary --tree --critical-path --slowest 5 \
	"$log" >"$TMP/h.json"
fw report --svg "$TMP/h.svg" --perfetto "$TMP/h.trace" --otlp "$TMP/h.otlp" \
	--compile-commands "$TMP/h.cc" "$log" 2>>"$TMP/h.err"
fw report --under 99 "$log" 2>>"$TMP/h.err" >/dev/null || true
py - "$TMP/h.txt" "$TMP/h.err" "$TMP/h.json" "$TMP/h.svg" "$TMP/h.trace" \
	"$TMP/h.otlp" "$TMP/h.cc" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
from check import check
bad = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
for f in sys.argv[1:3]:
    text = open(f, "rb").read().decode("utf-8")     # strictly UTF-8
    m = bad.search(text)
    check(m is None, f, text[max(0, m.start() - 40):m.end() + 40] if m else "")
check("SIG\\x1b]0;pwned\\x07" in open(sys.argv[1]).read(), "the signal, escaped")
json.load(open(sys.argv[3]))
ET.parse(sys.argv[4])
for f in sys.argv[5:8]:
    raw = open(f, "rb").read()
    raw.decode("utf-8")
    check(b"\\udc" not in raw.lower() and b"\x1b" not in raw, f)
    json.loads(raw)
PY
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$TMP/h.svg" || fail "xmllint rejects the hostile SVG"
fi
