#!/bin/sh
# The default summary of a known build log: counts, failures with their
# parent chains, top commands; text and JSON agree.
. "${srcdir:-.}/tests/report/lib.sh"

fw report "$FIX/build.jsonl" >"$TMP/out" 2>"$TMP/err" || fail "exit $?"
[ ! -s "$TMP/err" ] || fail "unexpected stderr: $(cat "$TMP/err")"
expect_line "$TMP/out" "Wall time:  1.001s"
expect_line "$TMP/out" "Processes:  9"
expect_line "$TMP/out" "Threads:    1"
expect_line "$TMP/out" "Execs:      11"
expect_line "$TMP/out" "Signals:    3"
# make's chain of failures reached the root: the failed compile of bad.c
# (cc1, under cc, under make) is where it started.
expect_line "$TMP/out" "Failures:   3 (3 propagated, 0 handled by their parent)"
expect_line "$TMP/out" "    pid 1005: exit 1 after 79.700ms: /usr/libexec/gcc/x86_64-linux-gnu/12/cc1 -quiet bad.c -o /tmp/ccB.s"
expect_line "$TMP/out" "      chain: 1000 make (exit 2) > 1002 cc (exit 1) > 1005 cc1"
# The critical path's largest self time (tests/report/critical.sh).
expect_line "$TMP/out" "Slow step:  pid 1008, 510.000ms self, 51.0% of the critical path: /usr/bin/ld -o prog a.o"
expect_line "$TMP/out" "Ended:      root exit 2, forkwatch status 0"
# Busy processes (alive, no traced child alive), worked out by hand: two
# from 0.015 to 0.110 (the two compiles), one otherwise; so the busy time
# is 0.9995 + 0.095 over 0.9995 s. Serial: 0.110-1.000 (ld alone for
# 510 ms of it) and 0.0005-0.015 (make alone for 9.5 ms).
expect_line "$TMP/out" "Parallelism: 1.10 processes busy on average, 2 at most (busy: alive, no traced child alive)"
expect_line "$TMP/out" "    0.110-1.000  890.000ms  pid 1008 ld -o prog"
expect_line "$TMP/out" "    0.001-0.015   14.500ms  pid 1000 make"
# Top tables: cc ran 3 times; ld has the most CPU (0.45s) and RSS; by
# exclusive time (no traced child alive): ld 510 ms, then the two cc1
# (280 + 79.7 ms), make (9.5 + 40 + 50 ms).
grep -A1 '^Top commands by count:' "$TMP/out" | grep -Eq '^ +3  cc \(3\)$' ||
	fail "cc is not the most frequent command"
grep -A1 '^Top commands by CPU' "$TMP/out" | grep -Eq '^ +450\.000ms  ld \(1\)$' ||
	fail "ld is not first by CPU"
grep -A1 '^Top commands by max RSS' "$TMP/out" | grep -Eq '^ +87\.9 MiB  ld \(1\)$' ||
	fail "ld is not first by RSS"
grep -A3 '^Top commands by exclusive time' "$TMP/out" >"$TMP/excl"
expect_line "$TMP/excl" "     510.000ms  ld (1)"
expect_line "$TMP/excl" "     359.700ms  cc1 (2)"
expect_line "$TMP/excl" "      99.500ms  make (1)"

# --top limits the tables.
fw report --top 2 "$FIX/build.jsonl" >"$TMP/top2"
n=$(sed -n '/^Top commands by count:/,/^$/p' "$TMP/top2" | grep -c '([0-9]*)$')
[ "$n" = 2 ] || fail "--top 2 printed $n rows"

# JSON: the same numbers, machine-readable.
fw report --format json -o "$TMP/sum.json" "$FIX/build.jsonl" ||
	fail "json exit $?"
py - "$TMP/sum.json" <<'PY'
import json, sys
from check import check, equal, near
d = json.load(open(sys.argv[1]))["summary"]
check(d["complete"] is True)
check(abs(d["wall_time"] - 1.001) < 1e-9, d["wall_time"])
check((d["processes"], d["threads"], d["execs"], d["signals"]) == (9, 1, 11, 3), d)
check(d["root_code"] == 2 and d["status"] == 0)
fl = d["failures"]
equal((fl["total"], fl["propagated"]["processes"], fl["handled"]["processes"]), (3, 3, 0))
equal([f["pid"] for f in fl["propagated"]["shown"]], [1005])
f = fl["propagated"]["shown"][0]
equal([(c["pid"], c["name"], c["failed"]) for c in f["chain"]],
      [(1000, "make", True), (1002, "cc", True), (1005, "cc1", True)])
equal(f["exit"], {"code": 1})
par = d["parallelism"]
check(near(par["mean"], 1.095, 1e-3) and par["peak"] == 2, par)
equal([(round(x["start"], 6), round(x["end"], 6), x["pid"]) for x in par["serial"]],
      [(0.11, 1.0, 1008), (0.0005, 0.015, 1000)])
equal(d["top"]["exclusive_time"][0], {"command": "ld", "processes": 1, "value": 0.51})
top = d["top"]
check(top["count"][0] == {"command": "cc", "processes": 3, "value": 3}, top["count"][0])
check(top["cpu_time"][0]["command"] == "ld")
check(abs(top["cpu_time"][0]["value"] - 0.45) < 1e-9)
check(top["max_rss_kb"][0] == {"command": "ld", "processes": 1, "value": 90000})
PY

# Failures a parent handled and failures that propagated, each list cut
# by --top with the rest counted. Worked out by hand:
#   1 make (2) > 2 sh (0) > 3 mkdir (1), 4 test, 11..15 false (1): handled
#              > 5 sh (2) > 6 cc (1) > 7 cc1 (1): propagated to the root
#              > 8 sh (0) > 9 make (2) > 10 cc (1): handled by 8
mklog "$TMP/fail.jsonl" <<'T'
1 - 0 10 make 2
2 1 1 2 sh 0
3 2 1.1 1.2 mkdir 1
4 2 1.3 1.4 test 0
11 2 1.5 1.51 false 1
12 2 1.52 1.53 false 1
13 2 1.54 1.55 false 1
14 2 1.56 1.57 false 1
15 2 1.58 1.59 false 1
5 1 3 4 sh 2
6 5 3.1 3.9 cc 1
7 6 3.2 3.8 cc1 1
8 1 5 6 sh 0
9 8 5.1 5.9 make 2
10 9 5.2 5.8 cc 1
T
fw report --top 3 "$TMP/fail.jsonl" >"$TMP/f.txt" || fail "exit $?"
sed -n '/^Failures:/,/^$/p' "$TMP/f.txt" >"$TMP/f"
cat >"$TMP/f.want" <<'W'
Failures:   12 (4 propagated, 8 handled by their parent)
  Propagated (not handled by a parent; where each chain started):
    pid 7: exit 1 after 600.000ms: cc1
      chain: 1 make (exit 2) > 5 sh (exit 2) > 6 cc (exit 1) > 7 cc1
  Handled (the parent went on and exited 0):
    pid 3: exit 1 after 100.000ms: mkdir
      chain: 1 make (exit 2) > 2 sh > 3 mkdir
    pid 11: exit 1 after 10.000ms: false
      chain: 1 make (exit 2) > 2 sh > 11 false
    pid 12: exit 1 after 10.000ms: false
      chain: 1 make (exit 2) > 2 sh > 12 false
    ... and 4 more not shown (--top N shows N)

W
diff "$TMP/f.want" "$TMP/f" >&2 || fail "failures of fail.jsonl"
fw report --format json "$TMP/fail.jsonl" >"$TMP/f.json"
py - "$TMP/f.json" <<'PY'
import json, sys
from check import equal
fl = json.load(open(sys.argv[1]))["summary"]["failures"]
equal([f["pid"] for f in fl["propagated"]["shown"]], [7])
equal([f["pid"] for f in fl["handled"]["shown"]], [3, 11, 12, 13, 14, 15, 10])
equal((fl["handled"]["processes"], fl["handled"]["origins"]), (8, 7))
PY

# A chain deeper than a line is wide (jq's under bear's wrappers: 136
# columns) keeps the root and the end of the chain, where the failure is,
# with "..." between, in 120 columns.
{
	echo "1 - 0 30 make 2"
	i=2
	while [ $i -le 25 ]; do
		echo "$i $((i - 1)) $i $((60 - i)) wrapper-$i 2"
		i=$((i + 1))
	done
	echo "26 25 26 27 expr 1"
} | mklog "$TMP/deep.jsonl"
fw report "$TMP/deep.jsonl" >"$TMP/deep" || fail "exit $?"
long=$(awk 'length($0) > 120' "$TMP/deep")
[ -z "$long" ] || fail "lines over 120 columns: $long"
line=$(grep '^      chain: ' "$TMP/deep") || fail "no chain: $(cat "$TMP/deep")"
case $line in
"      chain: 1 make (exit 2) > ... > "*" > 25 wrapper-25 (exit 2) > 26 expr") ;;
*) fail "deep chain: $line" ;;
esac

# A failure under a parent that never exited in the log (a daemon still
# running when the trace ended) was not seen to be handled: it counts as
# propagated, as forkwatch(1) says.
cat >"$TMP/open.jsonl" <<'LOG'
{"ts":0.0,"event":"start","version":1,"pid":9,"tgid":9,"time":"2026-11-28T10:00:00.000000Z","mode":"launch","argv":["sh"],"cwd":"/"}
{"ts":0.001,"event":"exec","pid":1,"tgid":1,"path":"/bin/sh","argv":["sh"],"cwd":"/"}
{"ts":0.002,"event":"fork","pid":1,"tgid":1,"child":2}
{"ts":0.003,"event":"exec","pid":2,"tgid":2,"path":"/bin/daemon","argv":["daemon"],"cwd":"/"}
{"ts":0.004,"event":"fork","pid":2,"tgid":2,"child":3}
{"ts":0.005,"event":"exec","pid":3,"tgid":3,"path":"/bin/false","argv":["false"],"cwd":"/"}
{"ts":0.006,"event":"exit","pid":3,"tgid":3,"code":1}
{"ts":0.007,"event":"exit","pid":1,"tgid":1,"code":0}
{"ts":0.008,"event":"end","pid":9,"tgid":9,"status":0,"root_code":0}
LOG
fw report "$TMP/open.jsonl" >"$TMP/open" || fail "exit $?"
expect_line "$TMP/open" "Failures:   1 (1 propagated, 0 handled by their parent)"
expect_line "$TMP/open" "      chain: 1 sh > 2 daemon > 3 false"

# Automake's parallel test harness: each test runs under a test driver
# (the Automake test-driver protocol: --test-name, --log-file,
# --trs-file, --expect-failure) that writes the result down and exits 0;
# make fails later, in a recipe that reads the .trs files. The failed test
# is the failure that matters (jq's make check with a broken jq.test
# listed it as handled, after two harness scripts). Worked out by hand:
# 3 sh ./tests/a (exit 1) with 4 jq (exit 1) under driver 2: a failed
# test, named with its log (driver 2 ran in /j/sub, make in /j: the log
# is sub/tests/a.log); 6 exit 77 is a skip and 8 an expected failure
# (--expect-failure yes): handled; 9 the recipe (exit 1) and make (exit
# 2): propagated.
drv() {	# PID TEST EXPECT-FAILURE CWD
	printf '{"ts":0.%s1,"event":"fork","pid":1,"tgid":1,"child":%s}\n' "$1" "$1"
	printf '{"ts":0.%s2,"event":"exec","pid":%s,"tgid":%s,"path":"/bin/bash","argv":["/bin/bash","./config/test-driver","--test-name","%s","--log-file","%s.log","--trs-file","%s.trs","--color-tests","no","--enable-hard-errors","yes","--expect-failure","%s","--","./%s"],"cwd":"%s"}\n' "$1" "$1" "$1" "$2" "$2" "$2" "$3" "$2" "$4"
}
run() {	# PARENT PID ARGV0 ARG CODE
	printf '{"ts":0.%s3,"event":"fork","pid":%s,"tgid":%s,"child":%s}\n' "$1" "$1" "$1" "$2"
	printf '{"ts":0.%s4,"event":"exec","pid":%s,"tgid":%s,"path":"/bin/%s","argv":["%s","%s"],"cwd":"/j"}\n' "$1" "$2" "$2" "$3" "$3" "$4"
}
ex() {	# AT PID CODE
	printf '{"ts":0.%s,"event":"exit","pid":%s,"tgid":%s,"code":%s}\n' "$1" "$2" "$2" "$3"
}
{
	echo '{"ts":0.0,"event":"start","version":1,"pid":99,"tgid":99,"time":"2026-11-28T10:00:00.000000Z","mode":"launch","argv":["make","check"],"cwd":"/j"}'
	echo '{"ts":0.01,"event":"exec","pid":1,"tgid":1,"path":"/usr/bin/make","argv":["make","check"],"cwd":"/j"}'
	drv 2 tests/a no /j/sub
	run 2 3 sh ./tests/a
	run 3 4 jq --run-tests
	ex 25 4 1
	ex 26 3 1
	ex 27 2 0
	drv 5 tests/skip no /j
	run 5 6 sh ./tests/skip
	ex 55 6 77
	ex 56 5 0
	drv 7 tests/xfail yes /j
	run 7 8 sh ./tests/xfail
	ex 75 8 1
	ex 76 7 0
	run 1 9 bash ":test-result:"
	ex 95 9 1
	ex 96 1 2
	echo '{"ts":0.97,"event":"end","pid":99,"tgid":99,"status":0,"root_code":2}'
} >"$TMP/tests.jsonl"
fw report "$TMP/tests.jsonl" >"$TMP/t.txt" || fail "exit $?"
sed -n '/^Failures:/,/^$/p' "$TMP/t.txt" | sed 's/after [0-9.]*[mu]*s/after T/' >"$TMP/t"
cat >"$TMP/t.want" <<'W'
Failures:   6 (2 in tests, 2 propagated, 2 handled by their parent)
  Failed tests (each test driver recorded its failure and exited 0):
    pid 4: exit 1 after T: jq --run-tests
      chain: 1 make (exit 2) > 2 bash > 3 sh (exit 1) > 4 jq
      test: tests/a, its log: sub/tests/a.log
  Propagated (not handled by a parent; where each chain started):
    pid 9: exit 1 after T: bash :test-result:
      chain: 1 make (exit 2) > 9 bash
  Handled (the parent went on and exited 0):
    pid 6: exit 77 after T: sh ./tests/skip
      chain: 1 make (exit 2) > 5 bash > 6 sh
    pid 8: exit 1 after T: sh ./tests/xfail
      chain: 1 make (exit 2) > 7 bash > 8 sh

W
diff "$TMP/t.want" "$TMP/t" >&2 || fail "failed tests"
fw report --format json "$TMP/tests.jsonl" >"$TMP/t.json"
py - "$TMP/t.json" <<'PY'
import json, sys
from check import equal
fl = json.load(open(sys.argv[1]))["summary"]["failures"]
equal((fl["total"], fl["tests"]["processes"], fl["tests"]["origins"]), (6, 2, 1))
equal([f["pid"] for f in fl["tests"]["shown"]], [4])
equal((fl["tests"]["shown"][0]["test"], fl["tests"]["shown"][0]["test_log"]),
    ("tests/a", "/j/sub/tests/a.log"))
equal(["test" in f for f in fl["handled"]["shown"]], [False, False])
equal([f["pid"] for f in fl["handled"]["shown"]], [6, 8])
equal([f["pid"] for f in fl["propagated"]["shown"]], [9])
PY
