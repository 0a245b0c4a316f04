#!/bin/sh
# Labels and shortened command lines name the work of real compiler runs,
# with the argument lists gcc 12 gives its cc1 and as in an automake +
# libtool build (jq's, as traced): not cc1's dependency file (-MD FILE.d),
# not gcc's -include header, not as's temporary input; and a source file
# that must be cut keeps its name (the end of its path), before a
# temporary output is given room. Expected labels are read off the argv
# below by hand.
. "${srcdir:-.}/tests/report/lib.sh"

defs=""
i=0
while [ $i -lt 40 ]; do
	defs="$defs\"-D\",\"HAVE_FEATURE_NUMBER_$i=1\","
	i=$((i + 1))
done
cat >"$TMP/l.jsonl" <<LOG
{"ts":0.0,"event":"start","version":1,"pid":9,"tgid":9,"time":"2026-11-28T10:00:00.000000Z","mode":"launch","argv":["make"],"cwd":"/src/jq"}
{"ts":0.001,"event":"exec","pid":100,"tgid":100,"path":"/usr/bin/make","argv":["make"],"cwd":"/src/jq"}
{"ts":0.002,"event":"fork","pid":100,"tgid":100,"child":101}
{"ts":0.003,"event":"exec","pid":101,"tgid":101,"path":"/usr/bin/x86_64-linux-gnu-gcc-12","argv":["gcc","-include","config.h","-MT","src/jv.lo","-MD","-MP","-MF","src/.deps/jv.Tpo","-c","src/jv.c","-fPIC","-DPIC","-o","src/.libs/jv.o"],"cwd":"/src/jq"}
{"ts":0.004,"event":"vfork","pid":101,"tgid":101,"child":102}
{"ts":0.005,"event":"exec","pid":102,"tgid":102,"path":"/usr/lib/gcc/x86_64-linux-gnu/12/cc1","argv":["/usr/lib/gcc/x86_64-linux-gnu/12/cc1","-quiet","-I",".","-imultiarch","x86_64-linux-gnu","-MD","src/.libs/jv.d","-MF","src/.deps/jv.Tpo","-MP","-MT","src/jv.lo","-include","config.h","-D","PIC","src/jv.c","-quiet","-dumpdir","src/.libs/","-dumpbase","jv.c","-dumpbase-ext",".c","-O2","-fPIC","-o","/tmp/ccAbCd12.s"],"cwd":"/src/jq"}
{"ts":0.100,"event":"exit","pid":102,"tgid":102,"code":0}
{"ts":0.101,"event":"vfork","pid":101,"tgid":101,"child":103}
{"ts":0.102,"event":"exec","pid":103,"tgid":103,"path":"/usr/bin/x86_64-linux-gnu-as","argv":["as","-I",".","--64","-o","src/.libs/jv.o","/tmp/ccAbCd12.s"],"cwd":"/src/jq"}
{"ts":0.110,"event":"exit","pid":103,"tgid":103,"code":0}
{"ts":0.111,"event":"exit","pid":101,"tgid":101,"code":0}
{"ts":0.112,"event":"fork","pid":100,"tgid":100,"child":104}
{"ts":0.113,"event":"exec","pid":104,"tgid":104,"path":"/usr/lib/gcc/x86_64-linux-gnu/12/cc1","argv":["/usr/lib/gcc/x86_64-linux-gnu/12/cc1","-quiet","-I",".","-MD","vendor/decNumber/decNumber.d","-MF","vendor/decNumber/.deps/decNumber.Tpo",$defs"vendor/decNumber/decNumber.c","-quiet","-dumpbase","decNumber.c","-O2","-o","/tmp/cc4eYiD4.s"],"cwd":"/src/jq"}
{"ts":9.0,"event":"exit","pid":104,"tgid":104,"code":0}
{"ts":9.01,"event":"fork","pid":100,"tgid":100,"child":105}
{"ts":9.02,"event":"exec","pid":105,"tgid":105,"path":"/usr/bin/x86_64-linux-gnu-gcc-12","argv":["cc","-O2","-o","CMakeFiles/demo.dir/util.c.o","-c","/tmp/build/src/util.c"],"cwd":"/tmp/build/out"}
{"ts":9.03,"event":"exit","pid":105,"tgid":105,"code":0}
{"ts":9.1,"event":"exit","pid":100,"tgid":100,"code":0}
{"ts":9.101,"event":"end","pid":9,"tgid":9,"status":0,"root_code":0}
LOG

# The labels: SVG rows, Perfetto tracks, OTLP span names.
fw report --svg "$TMP/l.svg" --perfetto "$TMP/l.trace" --otlp "$TMP/l.otlp" \
	"$TMP/l.jsonl" 2>"$TMP/err" || fail "exit $?: $(cat "$TMP/err")"
py - "$TMP/l.svg" "$TMP/l.trace" "$TMP/l.otlp" <<'PY'
import json, sys, xml.etree.ElementTree as ET
from check import check, equal
# A source tree under /tmp is not a temporary file: cmake's compile (105)
# keeps its absolute source.
want = {101: "gcc src/jv.c", 102: "cc1 src/jv.c", 103: "as -o src/.libs/jv.o",
        104: "cc1 vendor/decNumber/decNumber.c", 105: "cc /tmp/build/src/util.c"}
tracks = {e["pid"]: e["args"]["name"] for e in json.load(open(sys.argv[2]))["traceEvents"]
          if e["ph"] == "M" and e["name"] == "process_name"}
equal({p: tracks[p] for p in want}, want)
spans = {}
for rs in json.load(open(sys.argv[3]))["resourceSpans"]:
    for ss in rs["scopeSpans"]:
        for s in ss["spans"]:
            pid = [a["value"]["intValue"] for a in s["attributes"] if a["key"] == "process.pid"][0]
            spans[int(pid)] = s["name"]
equal({p: spans[p] for p in want}, want)
ns = "{http://www.w3.org/2000/svg}"
labels = [t.text for g in ET.parse(sys.argv[1]).getroot().iter(ns + "g")
          for t in g.findall(ns + "text")]
for w in want.values():
    check(w in labels, w, labels)
PY

# The slow step line has about 50 columns for cc1's command: the source
# keeps its file name; the temporary output is what gives way.
fw report "$TMP/l.jsonl" >"$TMP/sum" || fail "summary: exit $?"
line=$(grep '^Slow step:' "$TMP/sum") || fail "no slow step: $(cat "$TMP/sum")"
case $line in
*"pid 104, "*"decNumber/decNumber.c"*) ;;
*) fail "slow step does not name decNumber.c: $line" ;;
esac
case $line in
*/tmp/*) fail "slow step keeps the temporary output over the source: $line" ;;
esac
[ ${#line} -le 120 ] || fail "slow step line of ${#line} columns: $line"

# Narrower: a path too long for its room is cut at its start, so that the
# file name stays ("...ber/decNumber.c").
py - "$TMP/l.jsonl" "$FW" <<'PY' || fail "narrow fit"
import os, pty, subprocess, sys, fcntl, struct, termios, re
from check import check
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 80, 0, 0))
p = subprocess.Popen([sys.argv[2], "report", "--critical-path",
                      "--color=never", sys.argv[1]], stdout=slave)
os.close(slave)
out = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
check(p.wait(timeout=60) == 0)
lines = out.decode().replace("\r", "").split("\n")
line = [l for l in lines if l.lstrip().startswith("104 ")]
check(len(line) == 1, lines)
check(len(line[0]) <= 80, line)
check(re.search(r"decNumber\.c( \.\.\.)?$", line[0]), line)
PY
