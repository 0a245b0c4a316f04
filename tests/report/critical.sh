#!/bin/sh
# --critical-path of a known log: the chain and each link's share.
. "${srcdir:-.}/tests/report/lib.sh"

fw report --critical-path "$FIX/build.jsonl" >"$TMP/cp" || fail "exit $?"
expect_line "$TMP/cp" "Critical path: 4 processes, 999.500ms (each link is the child its parent waited for last)"
expect_line "$TMP/cp" "     1000  999.500ms  449.500ms  45.0%  make -j2"
expect_line "$TMP/cp" "     1006  550.000ms   20.000ms   2.0%  > cc a.o -o prog"
expect_line "$TMP/cp" "     1007  530.000ms   20.000ms   2.0%  > /usr/libexec/gcc/x86_64-linux-gnu/12/collect2 -o prog a.o"
expect_line "$TMP/cp" "     1008  510.000ms  510.000ms  51.0%  > /usr/bin/ld -o prog a.o"

fw report --critical-path --format json "$FIX/build.jsonl" >"$TMP/cp.json"
py - "$TMP/cp.json" <<'PY'
import json, sys
from check import check, near
cp = json.load(open(sys.argv[1]))["critical_path"]
links = cp["links"]
check([l["pid"] for l in links] == [1000, 1006, 1007, 1008])
check(abs(cp["total"] - 0.9995) < 1e-9)
# The exclusive times add up to the whole.
check(abs(sum(l["exclusive"] for l in links) - cp["total"]) < 1e-9)
check(abs(sum(l["share"] for l in links) - 1) < 1e-6)
check(abs(links[3]["exclusive"] - 0.51) < 1e-9)
PY

# --under starts the path lower; a child that outlives its parent is
# clipped to the parent's end (tricky.jsonl: the daemon runs on).
fw report --critical-path --under 1002 --format json "$FIX/build.jsonl" >"$TMP/u.json"
py - "$TMP/u.json" <<'PY'
import json, sys
from check import check, near
cp = json.load(open(sys.argv[1]))["critical_path"]
check([l["pid"] for l in cp["links"]] == [1002, 1005])
PY
fw report --critical-path --format json "$FIX/tricky.jsonl" >"$TMP/t.json"
py - "$TMP/t.json" <<'PY'
import json, sys
from check import check, near
cp = json.load(open(sys.argv[1]))["critical_path"]
check([l["pid"] for l in cp["links"]] == [3000, 3009], cp)
check(abs(sum(l["exclusive"] for l in cp["links"]) - cp["total"]) < 1e-9)
PY
