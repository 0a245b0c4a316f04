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
expect_line "$TMP/out" "Failures:   3"
# The critical path's largest self time (tests/report/critical.sh).
expect_line "$TMP/out" "Slow step:  pid 1008, 510.000ms self, 51.0% of the critical path: /usr/bin/ld -o prog a.o"
expect_line "$TMP/out" "Ended:      root exit 2, forkwatch status 0"
expect_line "$TMP/out" "  pid 1005: exit 1 after 79.700ms: /usr/libexec/gcc/x86_64-linux-gnu/12/cc1 -quiet bad.c -o /tmp/ccB.s"
expect_line "$TMP/out" "    chain: 1000 make > 1002 cc > 1005 cc1"
expect_line "$TMP/out" "  pid 1002: exit 1 after 95.000ms: sh => cc -c bad.c -o bad.o"
expect_line "$TMP/out" "    chain: 1000 make > 1002 cc"
# Top tables: cc ran 3 times; ld has the most CPU (0.45s) and RSS.
grep -A1 '^Top commands by count:' "$TMP/out" | grep -Eq '^ +3  cc \(3\)$' ||
	fail "cc is not the most frequent command"
grep -A1 '^Top commands by CPU' "$TMP/out" | grep -Eq '^ +450\.000ms  ld \(1\)$' ||
	fail "ld is not first by CPU"
grep -A1 '^Top commands by max RSS' "$TMP/out" | grep -Eq '^ +87\.9 MiB  ld \(1\)$' ||
	fail "ld is not first by RSS"
grep -A1 '^Top commands by run time' "$TMP/out" | grep -Eq '^ +999\.500ms  make \(1\)$' ||
	fail "make is not first by run time"

# --top limits the tables.
fw report --top 2 "$FIX/build.jsonl" >"$TMP/top2"
n=$(sed -n '/^Top commands by count:/,/^$/p' "$TMP/top2" | grep -c '([0-9]*)$')
[ "$n" = 2 ] || fail "--top 2 printed $n rows"

# JSON: the same numbers, machine-readable.
fw report --format json -o "$TMP/sum.json" "$FIX/build.jsonl" ||
	fail "json exit $?"
py - "$TMP/sum.json" <<'PY'
import json, sys
from check import check, near
d = json.load(open(sys.argv[1]))["summary"]
check(d["complete"] is True)
check(abs(d["wall_time"] - 1.001) < 1e-9, d["wall_time"])
check((d["processes"], d["threads"], d["execs"], d["signals"]) == (9, 1, 11, 3), d)
check(d["root_code"] == 2 and d["status"] == 0)
fails = {f["pid"]: f for f in d["failures"]}
check(sorted(fails) == [1000, 1002, 1005], sorted(fails))
check([c["pid"] for c in fails[1005]["chain"]] == [1000, 1002, 1005])
check([c["name"] for c in fails[1005]["chain"]] == ["make", "cc", "cc1"])
check(fails[1005]["exit"] == {"code": 1})
check(fails[1000]["argv"] == ["make", "-j2"])
top = d["top"]
check(top["count"][0] == {"command": "cc", "processes": 3, "value": 3}, top["count"][0])
check(top["cpu_time"][0]["command"] == "ld")
check(abs(top["cpu_time"][0]["value"] - 0.45) < 1e-9)
check(top["max_rss_kb"][0] == {"command": "ld", "processes": 1, "value": 90000})
PY
