#!/bin/sh
# Trace tests/report/chain, whose critical path is known by construction
# (pipes, no sleeps), and check that the report finds it.
. "${srcdir:-.}/tests/report/lib.sh"

chain=$top_builddir/tests/report/chain
[ -x "$chain" ] || fail "no $chain"
need_ptrace
if ! fw --batch --format=jsonl -o "$TMP/chain.jsonl" -- "$chain" 4 \
    >"$TMP/trace.out" 2>"$TMP/trace.err"; then
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
check((s["processes"], s["execs"], s["failures"]["total"]) == (9, 5, 0), s)
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
grep -q '^Critical path: [0-9.]*m*s, 5 processes ' "$TMP/cp.txt" || fail "$(cat "$TMP/cp.txt")"

# A real `make -B -j2` whose slow step is known: `all` needs `slow` (sleep
# 1.5) and `fast` (sleep 0.2), run in parallel, then runs touch. The path
# is make > (sleep 1.5, then touch all); the short sleep ran beside the
# long one and is not on it, and most of the time is the long sleep's.
command -v make >/dev/null 2>&1 || skip "make is not installed"
mkdir "$TMP/mk"
printf 'all: slow fast\n\ttouch all\nslow:\n\tsleep 1.5\nfast:\n\tsleep 0.2\n.PHONY: slow fast\n' \
	>"$TMP/mk/Makefile"
fw --batch --format=jsonl -o "$TMP/mk.jsonl" -- env -u MAKEFLAGS -u MFLAGS \
	-u MAKELEVEL make -s -B -j2 -C "$TMP/mk" >"$TMP/mk.out" 2>"$TMP/mk.err" ||
	fail "traced make failed: $(cat "$TMP/mk.err")"
fw report --critical-path --format json "$TMP/mk.jsonl" >"$TMP/mk.json" ||
	fail "report exit $?"
py - "$TMP/mk.json" <<'PY'
import json, sys
from check import check, equal
cp = json.load(open(sys.argv[1]))["critical_path"]
links = cp["links"]
argv = [l["argv"] for l in links]
make = [i for i, l in enumerate(links) if l["name"] == "make"]
check(len(make) == 1, argv)
m = make[0]
# make's own links, in time order: the long sleep (maybe under a shell),
# then touch.
kids = [l for l in links if l["parent_link"] == m]
check(len(kids) == 2, argv)
equal(kids[1]["argv"], ["touch", "all"])
slow = [l for l in links if l["argv"] == ["sleep", "1.5"]]
check(len(slow) == 1, argv)
check(["sleep", "0.2"] not in argv, argv)
# The long sleep took at least 1.5 s of the path, more than half of it.
check(slow[0]["exclusive"] >= 1.5 and slow[0]["share"] > 0.5, slow[0])
check(links[m]["share"] < 0.4, links[m])
check(abs(sum(l["exclusive"] for l in links) - cp["total"]) < 1e-5, cp)
PY
fw report "$TMP/mk.jsonl" >"$TMP/mk.txt" || fail "summary exit $?"
grep -q '^Slow step:  pid [0-9]*, 1\.[0-9]*s self, [0-9.]*% of the critical path: sleep 1\.5$' \
	"$TMP/mk.txt" || fail "no slow step: $(cat "$TMP/mk.txt")"
