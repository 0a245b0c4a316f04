#!/bin/sh
# Trace tests/report/chain, whose critical path is known by construction
# (pipes, no sleeps), and check that the report finds it.
. "${srcdir:-.}/tests/report/lib.sh"

chain=$top_builddir/tests/report/chain
[ -x "$chain" ] || fail "no $chain"
if ! fw --batch --format=jsonl -o "$TMP/chain.jsonl" -- "$chain" 4 \
    >"$TMP/trace.out" 2>"$TMP/trace.err"; then
	if grep -qi 'ptrace\|permitted' "$TMP/trace.err"; then
		skip "cannot trace here: $(head -n 1 "$TMP/trace.err")"
	fi
	fail "traced run failed: $(cat "$TMP/trace.err")"
fi
fw report --format json --summary --tree --critical-path "$TMP/chain.jsonl" \
	>"$TMP/r.json" 2>"$TMP/err" || fail "report exit $?"
[ ! -s "$TMP/err" ] || fail "report warned: $(cat "$TMP/err")"
py - "$TMP/r.json" <<'PY'
import json, sys
from check import check, near
d = json.load(open(sys.argv[1]))
s = d["summary"]
# chain 4..1 each fork a chain child and a sibling: 1 + 2 * 4 processes;
# the root and chain 3..0 exec.
check((s["processes"], s["execs"], s["failures"]) == (9, 5, []), s)
links = d["critical_path"]["links"]
check([l["argv"][1] for l in links] == ["4", "3", "2", "1", "0"], [l["argv"] for l in links])
check(all(l["argv"][0] == "chain" for l in links[1:]))
check(abs(sum(l["exclusive"] for l in links) - d["critical_path"]["total"]) < 1e-5)
# At each level the sibling never exec'd and ended before the chain child.
node = d["tree"][0]
for level in range(4, 0, -1):
    kids = node["children"]
    check(len(kids) == 2, [k["argv"] for k in kids])
    chain = [k for k in kids if k["images"]][0]
    sib = [k for k in kids if not k["images"]][0]
    check(sib["end"] <= chain["end"] and sib["exit"] == {"code": 0})
    check(chain["argv"] == ["chain", str(level - 1)])
    node = chain
check(node["children"] == [])
PY
fw report --critical-path "$TMP/chain.jsonl" >"$TMP/cp.txt"
grep -q '^Critical path: 5 processes, ' "$TMP/cp.txt" || fail "$(cat "$TMP/cp.txt")"
