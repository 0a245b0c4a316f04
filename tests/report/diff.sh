#!/bin/sh
# --diff A B: processes matched by command line and place in the tree;
# what is new, gone, newly failing, no longer failing and much slower,
# on hand-made runs worked out by hand and on two real runs of make.
. "${srcdir:-.}/tests/report/lib.sh"

# A and B: cca is the same; ccb takes 3 s instead of 1 (exclusive time
# 3x, +2 s); test1 fails in B; flaky failed in A only; old ran in A only;
# B adds helper2 under sh and newtool with sub under it. make's own time
# goes from 3 s to 4 s (1.33x: not listed).
mklog "$TMP/a.jsonl" <<'T'
1 - 0 10 make
2 1 1 3 cca
3 1 3 4 ccb
4 1 4 5 test1
5 1 5 6 sh
6 5 5.1 5.5 helper
7 1 6 7 old
8 1 7 8 flaky 1
T
mklog "$TMP/b.jsonl" <<'T'
1 - 0 13 make
2 1 1 3 cca
3 1 3 6 ccb
4 1 6 7 test1 1
5 1 7 8 sh
6 5 7.1 7.5 helper
9 5 7.5 7.9 helper2
10 1 8 9 newtool
11 10 8.1 8.5 sub
8 1 9 10 flaky
T
fw report --diff "$TMP/a.jsonl" "$TMP/b.jsonl" >"$TMP/d" 2>"$TMP/err" ||
	fail "exit $?: $(cat "$TMP/err")"
cat >"$TMP/want" <<W
A: $TMP/a.jsonl: 10.000s, 8 processes, 1 failed
B: $TMP/b.jsonl: 13.000s, 10 processes, 1 failed
Matched 7 processes (by command line and place in the tree)
3 new in B, 1 gone from A, 1 newly failing, 1 much slower

New in B (not in A; "+N": new processes under it): 2
  pid 9: exit 0 after 400.000ms: helper2
  pid 10: exit 0 after 1.000s (+1): newtool

Gone from A (not in B): 1
  pid 7: exit 0 after 1.000s: old

Newly failing (succeeded in A): 1
  pid 4 (A: 4): exit 1 (A: exit 0): test1

No longer failing (failed in A): 1
  pid 8 (A: 8): exit 0 (A: exit 1): flaky

Much slower (exclusive time at least 1.5 times A's and longer by 1% of A's wall time): 1
  pid 3 (A: 3): 1.000s -> 3.000s (+2.000s, 3.0x): ccb
W
diff "$TMP/want" "$TMP/d" >&2 || fail "diff of the hand-made runs"

fw report --diff --format json "$TMP/a.jsonl" "$TMP/b.jsonl" >"$TMP/d.json"
py - "$TMP/d.json" <<'PY'
import json, sys
from check import equal
d = json.load(open(sys.argv[1]))["diff"]
equal(d["matched"], 7)
equal([e["b"]["pid"] for e in d["new"]["shown"]], [9, 10])
equal([e["below"] for e in d["new"]["shown"]], [0, 1])
equal([e["a"]["pid"] for e in d["gone"]["shown"]], [7])
equal([(e["a"]["exit"], e["b"]["exit"]) for e in d["newly_failing"]["shown"]],
      [({"code": 0}, {"code": 1})])
s = d["slower"]["shown"][0]
equal((s["a"]["argv"], s["a"]["exclusive"], s["b"]["exclusive"]), (["ccb"], 1.0, 3.0))
PY

# A process that moved (its parent's command line changed) is still
# matched by its own command line.
mklog "$TMP/c.jsonl" <<'T'
1 - 0 10 make
20 1 1 9 sh2
2 20 1 3 cca
T
fw report --diff --format json "$TMP/a.jsonl" "$TMP/c.jsonl" >"$TMP/m.json"
py - "$TMP/m.json" <<'PY'
import json, sys
from check import equal
d = json.load(open(sys.argv[1]))["diff"]
equal(d["matched"], 2)
equal([e["b"]["argv"] for e in d["new"]["shown"]], [["sh2"]])
PY

# Names of temporary files differ from run to run inside an argument as
# well as standing alone: gcc 12 hands collect2 and ld
# -plugin-opt=-fresolution=/tmp/ccXXXXXX.res and its objects in /tmp. The
# same link in two runs is the same process (as zlib's relinks were not);
# so is a command on files in a temporary directory (jq's tests compare
# /tmp/jqXXXXXX/out with /tmp/jqXXXXXX/expected).
link() {
	cat <<LOG
{"ts":0.0,"event":"start","version":1,"pid":9,"tgid":9,"time":"2026-11-28T10:00:00.000000Z","mode":"launch","argv":["make"],"cwd":"/z"}
{"ts":0.001,"event":"exec","pid":1,"tgid":1,"path":"/usr/bin/make","argv":["make"],"cwd":"/z"}
{"ts":0.002,"event":"fork","pid":1,"tgid":1,"child":$2}
{"ts":0.003,"event":"exec","pid":$2,"tgid":$2,"path":"/usr/bin/gcc","argv":["gcc","-o","example","example.o","libz.a"],"cwd":"/z"}
{"ts":0.004,"event":"vfork","pid":$2,"tgid":$2,"child":$(($2 + 1))}
{"ts":0.005,"event":"exec","pid":$(($2 + 1)),"tgid":$(($2 + 1)),"path":"/usr/lib/gcc/x86_64-linux-gnu/12/collect2","argv":["/usr/lib/gcc/x86_64-linux-gnu/12/collect2","-plugin-opt=-fresolution=/tmp/$1.res","-o","example","/tmp/$1.o","libz.a"],"cwd":"/z"}
{"ts":0.006,"event":"vfork","pid":$(($2 + 1)),"tgid":$(($2 + 1)),"child":$(($2 + 2))}
{"ts":0.007,"event":"exec","pid":$(($2 + 2)),"tgid":$(($2 + 2)),"path":"/usr/bin/ld","argv":["/usr/bin/ld","-plugin-opt=-fresolution=/tmp/$1.res","-o","example","/tmp/$1.o","libz.a"],"cwd":"/z"}
{"ts":0.05,"event":"exit","pid":$(($2 + 2)),"tgid":$(($2 + 2)),"code":0}
{"ts":0.051,"event":"exit","pid":$(($2 + 1)),"tgid":$(($2 + 1)),"code":0}
{"ts":0.052,"event":"exit","pid":$2,"tgid":$2,"code":0}
{"ts":0.053,"event":"fork","pid":1,"tgid":1,"child":$(($2 + 3))}
{"ts":0.054,"event":"exec","pid":$(($2 + 3)),"tgid":$(($2 + 3)),"path":"/usr/bin/cmp","argv":["cmp","/tmp/$1/out","/tmp/$1/expected"],"cwd":"/z"}
{"ts":0.055,"event":"exit","pid":$(($2 + 3)),"tgid":$(($2 + 3)),"code":0}
{"ts":0.06,"event":"exit","pid":1,"tgid":1,"code":0}
{"ts":0.061,"event":"end","pid":9,"tgid":9,"status":0,"root_code":0}
LOG
}
link ccgCTpK3 100 >"$TMP/la.jsonl"
link ccW3HUgx 200 >"$TMP/lb.jsonl"
fw report --diff --format json "$TMP/la.jsonl" "$TMP/lb.jsonl" >"$TMP/l.json" ||
	fail "temporary names: exit $?"
py - "$TMP/l.json" <<'PY'
import json, sys
from check import equal
d = json.load(open(sys.argv[1]))["diff"]
equal((d["matched"], d["new"]["count"], d["gone"]["count"]), (5, 0, 0))
PY
# ... but a temporary file of another extension is another command.
link ccgCTpK3 100 | sed 's|"/tmp/ccgCTpK3.o"|"/tmp/ccgCTpK3.a"|' >"$TMP/lc.jsonl"
fw report --diff --format json "$TMP/la.jsonl" "$TMP/lc.jsonl" >"$TMP/l2.json"
py - "$TMP/l2.json" <<'PY'
import json, sys
from check import equal
d = json.load(open(sys.argv[1]))["diff"]
# collect2 and ld under it: one entry each way, ld counted below it.
equal((d["matched"], d["new"]["count"], d["gone"]["count"]), (3, 1, 1))
equal([(e["b"]["name"], e["below"]) for e in d["new"]["shown"]], [("collect2", 1)])
PY

# A shell's $$ in a file name (zlib's configure writes ztest$$.c) is
# the same name in both runs: a number that is the pid of the process or
# of one of its ancestors counts as "$$". Any other number still counts.
probe() {
	cat <<LOG
{"ts":0.0,"event":"start","version":1,"pid":9,"tgid":9,"time":"2026-11-28T10:00:00.000000Z","mode":"launch","argv":["sh","./configure"],"cwd":"/z"}
{"ts":0.001,"event":"exec","pid":$1,"tgid":$1,"path":"/bin/sh","argv":["sh","./configure"],"cwd":"/z"}
{"ts":0.002,"event":"fork","pid":$1,"tgid":$1,"child":$(($1 + 1))}
{"ts":0.003,"event":"exec","pid":$(($1 + 1)),"tgid":$(($1 + 1)),"path":"/usr/bin/gcc","argv":["gcc","-c","-O3","ztest$1.c"],"cwd":"/z"}
{"ts":0.004,"event":"exit","pid":$(($1 + 1)),"tgid":$(($1 + 1)),"code":0}
{"ts":0.005,"event":"fork","pid":$1,"tgid":$1,"child":$(($1 + 2))}
{"ts":0.006,"event":"exec","pid":$(($1 + 2)),"tgid":$(($1 + 2)),"path":"/bin/sleep","argv":["sleep","$2"],"cwd":"/z"}
{"ts":0.007,"event":"exit","pid":$(($1 + 2)),"tgid":$(($1 + 2)),"code":0}
{"ts":0.008,"event":"exit","pid":$1,"tgid":$1,"code":0}
{"ts":0.009,"event":"end","pid":9,"tgid":9,"status":0,"root_code":0}
LOG
}
probe 4335 300 >"$TMP/pa.jsonl"
probe 10681 301 >"$TMP/pb.jsonl"
fw report --diff --format json "$TMP/pa.jsonl" "$TMP/pb.jsonl" >"$TMP/p.json" ||
	fail "pid names: exit $?"
py - "$TMP/p.json" <<'PY'
import json, sys
from check import equal
d = json.load(open(sys.argv[1]))["diff"]
equal(d["matched"], 2)
equal([e["b"]["argv"] for e in d["new"]["shown"]], [["sleep", "301"]])
equal([e["a"]["argv"] for e in d["gone"]["shown"]], [["sleep", "300"]])
PY

# Much slower with the CPU time beside it, so that a step slowed by a busy
# machine (cc1: 1 s -> 3 s, CPU 0.5 s both times) can be told from one
# that does more work (ld: CPU 0.2 s -> 1.9 s).
slow() {
	cat <<LOG
{"ts":0.0,"event":"start","version":1,"pid":9,"tgid":9,"time":"2026-11-28T10:00:00.000000Z","mode":"launch","argv":["make"],"cwd":"/z"}
{"ts":0.0,"event":"exec","pid":1,"tgid":1,"path":"/usr/bin/make","argv":["make"],"cwd":"/z"}
{"ts":0.0,"event":"fork","pid":1,"tgid":1,"child":2}
{"ts":0.0,"event":"exec","pid":2,"tgid":2,"path":"/usr/bin/cc1","argv":["cc1","a.c"],"cwd":"/z"}
{"ts":$1,"event":"exit","pid":2,"tgid":2,"code":0,"utime":0.4,"stime":0.1,"maxrss_kb":1000}
{"ts":$1,"event":"fork","pid":1,"tgid":1,"child":3}
{"ts":$1,"event":"exec","pid":3,"tgid":3,"path":"/usr/bin/ld","argv":["ld","-o","a"],"cwd":"/z"}
{"ts":$(($1 + $2)),"event":"exit","pid":3,"tgid":3,"code":0,"utime":$3,"stime":0.1,"maxrss_kb":1000}
{"ts":$(($1 + $2)),"event":"exit","pid":1,"tgid":1,"code":0,"utime":0.1,"stime":0,"maxrss_kb":1000}
{"ts":$(($1 + $2)),"event":"end","pid":9,"tgid":9,"status":0,"root_code":0}
LOG
}
slow 1 1 0.1 >"$TMP/sa.jsonl"
slow 3 2 1.8 >"$TMP/sb.jsonl"
fw report --diff "$TMP/sa.jsonl" "$TMP/sb.jsonl" >"$TMP/s.txt" || fail "slower: exit $?"
expect_line "$TMP/s.txt" "  pid 2 (A: 2): 1.000s -> 3.000s (+2.000s, 3.0x; CPU 500.000ms -> 500.000ms): cc1 a.c"
expect_line "$TMP/s.txt" "  pid 3 (A: 3): 1.000s -> 2.000s (+1.000s, 2.0x; CPU 200.000ms -> 1.900s): ld -o a"

# Two real runs of make -k: in B the step `work` sleeps longer (same
# command line: it reads the delay from a file), `test -f ok` fails (and
# with it make), and a touch that A did not run appears under its shell.
command -v make >/dev/null 2>&1 || skip "make is not installed"
need_ptrace
mkdir "$TMP/mk"
cat >"$TMP/mk/Makefile" <<'MK'
all: work check extra
work:
	python3 -c "import time; time.sleep(float(open('delay').read()))"
check:
	test -f ok
extra:
	if [ -f extra ]; then touch extra.done; fi
.PHONY: all work check extra
MK
run() {
	fw --batch -q --format=jsonl -o "$1" -- env -u MAKEFLAGS -u MFLAGS \
		-u MAKELEVEL make -s -k -C "$TMP/mk" >/dev/null 2>&1 || true
}
echo 0.1 >"$TMP/mk/delay"
: >"$TMP/mk/ok"
run "$TMP/ra.jsonl"
echo 0.8 >"$TMP/mk/delay"
rm "$TMP/mk/ok"
: >"$TMP/mk/extra"
run "$TMP/rb.jsonl"
fw report --diff --format json "$TMP/ra.jsonl" "$TMP/rb.jsonl" >"$TMP/r.json" ||
	fail "real runs: exit $?"
py - "$TMP/r.json" <<'PY'
import json, sys
from check import check, equal
d = json.load(open(sys.argv[1]))["diff"]
equal([e["b"]["argv"] for e in d["new"]["shown"]], [["touch", "extra.done"]])
equal(d["gone"]["count"], 0)
# make runs `test -f ok` directly or through sh -c: either way its
# command line ends with the test.
fl = d["newly_failing"]["shown"]
equal([e["b"]["name"] for e in fl][0], "make")
check(len(fl) == 2 and " ".join(fl[1]["b"]["argv"]).endswith("test -f ok"), fl)
slow = [e for e in d["slower"]["shown"] if e["b"]["name"].startswith("python")]
check(len(slow) == 1, d["slower"])
check(slow[0]["b"]["exclusive"] >= 0.8 and slow[0]["a"]["exclusive"] < 0.8, slow)
PY

# Errors: --diff needs two logs and takes no other report.
rc=0
fw report --diff "$TMP/a.jsonl" >/dev/null 2>"$TMP/err" || rc=$?
[ "$rc" = 125 ] || fail "--diff with one log: exit $rc"
expect_line "$TMP/err" "forkwatch: report: --diff needs two LOG files, got one"
rc=0
fw report --diff --tree "$TMP/a.jsonl" "$TMP/b.jsonl" >/dev/null 2>"$TMP/err" || rc=$?
[ "$rc" = 125 ] || fail "--diff --tree: exit $rc"
expect_line "$TMP/err" "forkwatch: report: --diff takes no other report or export"

# The header fits 120 columns whatever the counts (one line of it was
# 121 columns for jq's make check: 8405 matched, 45 new, 45 gone).
awk 'BEGIN { print "1 - 0 100000 make" } { }
END { for (i = 2; i < 12000; i++) printf "%d 1 %d %d t%d\n", i, i, i + 1, i }' </dev/null |
	mklog "$TMP/big.jsonl"
fw report --diff "$TMP/big.jsonl" "$TMP/big.jsonl" >"$TMP/big.txt" || fail "big: exit $?"
long=$(awk 'length($0) > 120' "$TMP/big.txt")
[ -z "$long" ] || fail "lines over 120 columns: $long"
expect_line "$TMP/big.txt" "Matched 11999 processes (by command line and place in the tree)"
