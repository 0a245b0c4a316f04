#!/bin/sh
# Command lines fit the terminal (120 columns when not a terminal) and
# keep the program and what names its work: the source, the output of -o,
# a shell's -c command, a script; --wide shows them whole; the SVG rows
# and Perfetto tracks are named by the same label ("cc1 src/jv.c").
. "${srcdir:-.}/tests/report/lib.sh"

# jq-like: a failing compile whose driver and cc1 have ~1,500-character
# command lines, under a shell with a long -c, under make; a test script.
flags=""
i=0
while [ $i -lt 60 ]; do
	flags="$flags\"-I./vendor/include/dir$i\",\"-DFEATURE_$i=1\","
	i=$((i + 1))
done
shcmd=$(awk 'BEGIN { for (i = 0; i < 80; i++) printf "test -d dir%d || mkdir dir%d; ", i, i }')
cat >"$TMP/w.jsonl" <<LOG
{"ts":0.0,"event":"start","version":1,"pid":9,"tgid":9,"time":"2026-11-28T10:00:00.000000Z","mode":"launch","argv":["make","check"],"cwd":"/src/jq"}
{"ts":0.001,"event":"exec","pid":100,"tgid":100,"path":"/usr/bin/make","argv":["make","check"],"cwd":"/src/jq"}
{"ts":0.002,"event":"fork","pid":100,"tgid":100,"child":101}
{"ts":0.003,"event":"exec","pid":101,"tgid":101,"path":"/usr/bin/dash","argv":["/bin/sh","-c","$shcmd"],"cwd":"/src/jq"}
{"ts":0.004,"event":"fork","pid":101,"tgid":101,"child":102}
{"ts":0.005,"event":"exec","pid":102,"tgid":102,"path":"/usr/bin/x86_64-linux-gnu-gcc-12","argv":["gcc",$flags"-O2","-c","-o","src/jv.lo","src/jv.c"],"cwd":"/src/jq"}
{"ts":0.006,"event":"vfork","pid":102,"tgid":102,"child":103}
{"ts":0.007,"event":"exec","pid":103,"tgid":103,"path":"/usr/lib/gcc/x86_64-linux-gnu/12/cc1","argv":["/usr/lib/gcc/x86_64-linux-gnu/12/cc1","-quiet",$flags"src/jv.c","-quiet","-dumpbase","jv.c","-mtune=generic","-march=x86-64","-O2","-o","/tmp/ccQ2x9.s"],"cwd":"/src/jq"}
{"ts":0.5,"event":"exit","pid":103,"tgid":103,"code":1}
{"ts":0.51,"event":"exit","pid":102,"tgid":102,"code":1}
{"ts":0.52,"event":"exit","pid":101,"tgid":101,"code":1}
{"ts":0.53,"event":"fork","pid":100,"tgid":100,"child":104}
{"ts":0.54,"event":"exec","pid":104,"tgid":104,"path":"/usr/bin/python3.11","argv":["python3","-u","tests/run_tests.py","--verbose","--jobs=2","--timeout=300","--filter=$(printf 'x%.0s' $(seq 1 300))"],"cwd":"/src/jq"}
{"ts":0.9,"event":"exit","pid":104,"tgid":104,"code":0}
{"ts":1.0,"event":"exit","pid":100,"tgid":100,"code":2}
{"ts":1.001,"event":"end","pid":9,"tgid":9,"status":2,"root_code":2}
LOG

# Every view, not on a terminal: no line over 120 columns.
fw report --summary --tree --critical-path --slowest 5 "$TMP/w.jsonl" \
	>"$TMP/all" 2>"$TMP/err" || fail "exit $?: $(cat "$TMP/err")"
[ ! -s "$TMP/err" ] || fail "stderr: $(cat "$TMP/err")"
long=$(awk 'length($0) > 120' "$TMP/all" | head -n 3)
[ -z "$long" ] || fail "lines over 120 columns: $long"
# The program and the work stay: source and output of the compiles, the
# script of python, the start of the shell's command.
grep -q '^    pid 103: exit 1 after 494.000ms: cc1 .*src/jv\.c.* -o /tmp/ccQ2x9\.s' "$TMP/all" ||
	fail "cc1's failure line: $(grep 'pid 103:' "$TMP/all")"
grep -q '^!  *102 .*|   `-- gcc .*-o src/jv\.lo src/jv\.c$' "$TMP/all" ||
	fail "gcc's tree line: $(grep ' 102 ' "$TMP/all")"
grep -q '`-- python3 .*tests/run_tests\.py' "$TMP/all" ||
	fail "python's line: $(grep ' 104 ' "$TMP/all")"
grep -q '|-- sh -c "test -d dir0 || mkdir dir0; ' "$TMP/all" ||
	fail "the shell's line: $(grep ' 101 ' "$TMP/all")"
# Arguments left out are marked.
grep ' 102 ' "$TMP/all" | grep -q '\.\.\.' || fail "no ... in gcc's line"

# --wide: whole command lines.
fw report --tree --wide "$TMP/w.jsonl" >"$TMP/wide"
grep -q 'FEATURE_59=1 -O2 -c -o src/jv.lo src/jv.c$' "$TMP/wide" ||
	fail "--wide cut gcc's line"
[ "$(awk 'length($0) > 1000' "$TMP/wide" | wc -l)" -ge 3 ] ||
	fail "--wide: expected the long lines whole"

# On a terminal: its width (here 90 columns).
py - "$FW" "$TMP/w.jsonl" >"$TMP/tty" <<'PY'
import fcntl, os, pty, re, struct, subprocess, sys, termios
from check import check
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 90, 0, 0))
p = subprocess.Popen([sys.argv[1], "report", "--tree", "--critical-path",
                      sys.argv[2]], stdout=slave, stderr=subprocess.PIPE)
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
check(p.wait(timeout=60) == 0, p.stderr.read())
# On a terminal the reports are in colour: the escape sequences take no
# room on the screen.
lines = re.sub("\x1b\\[[0-9;]*m", "", out.decode()).replace("\r", "").split("\n")
long = [l for l in lines if len(l) > 90]
check(not long, long)
check(any("cc1" in l and "src/jv.c" in l for l in lines), lines)
PY

# The SVG row and the Perfetto track of cc1 and gcc carry the same label.
fw report --svg "$TMP/w.svg" --perfetto "$TMP/w.trace" "$TMP/w.jsonl"
py - "$TMP/w.svg" "$TMP/w.trace" <<'PY'
import json, sys, xml.etree.ElementTree as ET
from check import check, equal
ns = "{http://www.w3.org/2000/svg}"
labels = [t.text for g in ET.parse(sys.argv[1]).getroot().iter(ns + "g")
          for t in g.findall(ns + "text")]
names = [e["args"]["name"] for e in json.load(open(sys.argv[2]))["traceEvents"]
         if e["ph"] == "M" and e["name"] == "process_name"]
equal(names[2:], ["gcc src/jv.c", "cc1 src/jv.c", "python3 tests/run_tests.py"])
check(names[0] == "make check" and names[1].startswith('sh -c "test -d dir0 || '), names)
check("cc1 src/jv.c" in labels and "gcc src/jv.c" in labels, labels)
PY

# A deep tree (jq's make check runs its tests 10 levels down): the tree
# lines give way before the command does. Past the levels that leave the
# command 24 columns, the depth is shown in brackets and only the inner
# levels are drawn; every line keeps its program's name and fits.
{
	echo "1 - 0 100 make"
	i=2
	while [ $i -le 20 ]; do
		echo "$i $((i - 1)) $i $((100 - i)) bash"
		i=$((i + 1))
	done
	echo "21 20 30 31 jq"
} | mklog "$TMP/deep.jsonl"
for view in --tree --critical-path; do
	fw report $view "$TMP/deep.jsonl" >"$TMP/deep.txt" || fail "$view: exit $?"
	long=$(awk 'length($0) > 120' "$TMP/deep.txt")
	[ -z "$long" ] || fail "$view: lines over 120 columns: $long"
	grep -Eq '^ +21 .*\[20\] .*`-- jq$' "$TMP/deep.txt" ||
		fail "$view: jq's line: $(grep '^ *21 ' "$TMP/deep.txt")"
	n=$(grep -Ec '(-- | )bash$' "$TMP/deep.txt")
	[ "$n" = 19 ] || fail "$view: $n lines end with bash, not 19: $(cat "$TMP/deep.txt")"
done
