#!/bin/sh
# --tree: structure, marks of failed branches, --depth, --under,
# --collapse-threads, and the JSON form.
. "${srcdir:-.}/tests/report/lib.sh"

fw report --tree "$FIX/build.jsonl" >"$TMP/tree" || fail "exit $?"
# Columns: mark pid start duration status cpu rss command.
expect_text "$TMP/tree" "!    1000     0.001  999.500ms  exit 2"
expect_text "$TMP/tree" "     1001     0.010  350.000ms  exit 0"
expect_text "$TMP/tree" "|-- sh => cc -c a.c -o a.o"
# Not a terminal: lines are cut to 120 columns, keeping the program and
# the files it works on; --wide shows them whole.
expect_text "$TMP/tree" "|   |-- cc1 -quiet a.c -o /tmp/ccA.s"
fw report --tree --wide "$FIX/build.jsonl" >"$TMP/wide" || fail "exit $?"
expect_text "$TMP/wide" "|   |-- /usr/libexec/gcc/x86_64-linux-gnu/12/cc1 -quiet a.c -o /tmp/ccA.s"
expect_text "$TMP/tree" "!    1002     0.015   95.000ms  exit 1"
expect_text "$TMP/tree" "|   \`-- cc1 -quiet bad.c -o /tmp/ccB.s"
expect_text "$TMP/tree" "        \`-- /usr/bin/ld -o prog a.o"
expect_text "$TMP/tree" "     1009     0.500  100.000ms  exit 0"
expect_text "$TMP/tree" "            \`-- {thread}"
[ "$(grep -c '^!' "$TMP/tree")" = 3 ] || fail "not 3 failed lines"
# 10 rows: 9 processes and a thread, plus 3 header lines.
[ "$(wc -l <"$TMP/tree")" = 13 ] || fail "not 13 lines"
# Own CPU time (the log's rusage includes waited-for children); the peak
# RSS of make was a child's.
expect_text "$TMP/tree" "exit 2           30.000ms   <=87.9 MiB  make -j2"
expect_text "$TMP/tree" "exit 0          450.000ms     87.9 MiB          \`-- /usr/bin/ld"

fw report --tree --collapse-threads "$FIX/build.jsonl" >"$TMP/coll"
grep -q '{thread}' "$TMP/coll" && fail "--collapse-threads kept a thread line"
expect_text "$TMP/coll" "/usr/bin/ld -o prog a.o {+1 thread}"

fw report --tree --depth 1 "$FIX/build.jsonl" >"$TMP/d1"
[ "$(wc -l <"$TMP/d1")" = 7 ] || fail "--depth 1: not 4 rows"
expect_text "$TMP/d1" "|-- sh => cc -c a.c -o a.o [+2 below]"
expect_text "$TMP/d1" "\`-- cc a.o -o prog [+2 below]"

fw report --tree --under 1006 "$FIX/build.jsonl" >"$TMP/u"
[ "$(grep -c '^ ' "$TMP/u")" = 5 ] || fail "--under 1006: not 4 rows"
grep -q ' 1000 ' "$TMP/u" && fail "--under 1006 shows make"
expect_text "$TMP/u" "     1006     0.400  550.000ms  exit 0"

# A failed branch is marked on the way down even when the parent is fine.
fw report --tree "$FIX/tricky.jsonl" >"$TMP/tricky"
expect_text "$TMP/tricky" "*    3000"

fw report --tree --format json "$FIX/build.jsonl" >"$TMP/tree.json"
py - "$TMP/tree.json" <<'PY'
import json, sys
from check import check, near
roots = json.load(open(sys.argv[1]))["tree"]
check([r["pid"] for r in roots] == [1000])
r = roots[0]
check(r["failed"] and r["failed_below"])
kids = r["children"]
check([k["pid"] for k in kids] == [1001, 1002, 1006])
check([k["pid"] for k in kids[0]["children"]] == [1003, 1004])
check([i["argv"][0] for i in kids[0]["images"]] == ["/bin/sh", "cc"])
check(kids[1]["failed"] and kids[1]["failed_below"])
check(not kids[2]["failed_below"])
ld = kids[2]["children"][0]["children"][0]
check(ld["pid"] == 1008 and ld["maxrss_kb"] == 90000)
check(ld["thread_list"] == [{"tid": 1009, "start": 0.5, "end": 0.6, "exit": {"code": 0}}])
check(abs(ld["utime"] - 0.4) < 1e-9 and ld["maxrss_own"] is True)
check(abs(r["self_cpu"] - 0.03) < 1e-9 and r["maxrss_own"] is False)
check(abs(r["utime"] + r["stime"] - 0.875) < 1e-9)
PY
