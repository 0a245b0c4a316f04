#!/bin/sh
# --critical-path on hand-made trees whose answer is worked out by hand:
# the children that ran back to back up to each link's end are its links,
# a link is charged only for the gaps between them, and the exclusive
# times add up to the root's duration.
. "${srcdir:-.}/tests/report/lib.sh"

# expect_path LOG WANT: the links of the critical path of LOG, one
# "PID DEPTH EXCLUSIVE" per line in pre-order, must be WANT; the exclusive
# times must add up to the total and the shares to 1.
expect_path() {
	fw report --critical-path --format json "$1" >"$TMP/cp.json" ||
		fail "$1: exit $?"
	printf '%s\n' "$2" >"$TMP/want"
	py - "$TMP/cp.json" "$TMP/want" "$1" <<'PY'
import json, sys
from check import check, equal, near
cp = json.load(open(sys.argv[1]))["critical_path"]
want = [l.split() for l in open(sys.argv[2]) if l.strip()]
got = [[str(l["pid"]), str(l["depth"]), "%g" % round(l["exclusive"], 6)]
       for l in cp["links"]]
equal(got, want, sys.argv[3])
check(near(sum(l["exclusive"] for l in cp["links"]), cp["total"], 1e-6), cp)
check(near(sum(l["share"] for l in cp["links"]), 1, 1e-6), cp)
for i, l in enumerate(cp["links"]):
    p = l["parent_link"]
    if i == 0:
        check(p is None and l["depth"] == 0, l)
    else:
        # Inside its parent link's interval, one level below it.
        par = cp["links"][p]
        check(p < i and par["depth"] == l["depth"] - 1, l)
        check(par["path_start"] <= l["path_start"] <= l["path_end"] <= par["path_end"], l, par)
PY
}

# Sequential children: all on the path; the root pays the gaps 0-1, 9-10.
mklog "$TMP/seq.jsonl" <<'T'
1 - 0 10 make
2 1 1 3 a
3 1 3 6 b
4 1 6 9 c
T
expect_path "$TMP/seq.jsonl" "1 0 2
2 1 2
3 1 3
4 1 3"

# Parallel children: the long one bounds the end; the short ones that ran
# beside it are not on the path.
mklog "$TMP/par.jsonl" <<'T'
1 - 0 10 make
2 1 1 9 long
3 1 1 2 short1
4 1 2 4 short2
T
expect_path "$TMP/par.jsonl" "1 0 2
2 1 8"

# A long child started early and a short one that ends last (the slow step
# that "the child that ended last" missed): both are links, the short one
# started after the long one ended.
mklog "$TMP/early.jsonl" <<'T'
1 - 0 10 make
2 1 0.5 8 long
3 1 1 2 short
4 1 8.5 9.5 last
T
expect_path "$TMP/early.jsonl" "1 0 1.5
2 1 7.5
4 1 1"

# Nested: the path goes down into m and chains x and y there; z ran beside
# x under the root and is not a link.
mklog "$TMP/nest.jsonl" <<'T'
1 - 0 10 make
2 1 1 9 m
3 2 2 5 x
4 2 5.5 8.5 y
5 1 1.5 3 z
T
expect_path "$TMP/nest.jsonl" "1 0 2
2 1 2
3 2 3
4 2 3"

# A child that outlives its parent is clipped to the parent's end; of two
# children ending together, the one that started first is the link.
mklog "$TMP/clip.jsonl" <<'T'
1 - 0 4 sh
2 1 1 20 daemon
3 1 0.5 2 a
4 1 0.7 2 b
T
expect_path "$TMP/clip.jsonl" "1 0 1
2 1 3"
mklog "$TMP/tie.jsonl" <<'T'
1 - 0 6 sh
2 1 2 5 b
3 1 1 5 a
T
expect_path "$TMP/tie.jsonl" "1 0 2
3 1 4"

# The text form: pre-order, tree lines, SELF and SHARE columns.
fw report --critical-path "$TMP/nest.jsonl" >"$TMP/cp" || fail "exit $?"
expect_line "$TMP/cp" "Critical path: 10.000s, 4 processes (SELF: the time not covered by a link's own links)"
expect_line "$TMP/cp" "        1     0.000    10.000s     2.000s  20.0%  make"
expect_line "$TMP/cp" "        2     1.000     8.000s     2.000s  20.0%  \`-- m"
expect_line "$TMP/cp" "        3     2.000     3.000s     3.000s  30.0%      |-- x"
expect_line "$TMP/cp" "        4     5.500     3.000s     3.000s  30.0%      \`-- y"

# The build log: make's two sequential children (the compile of a.c and
# the link) are links, and the compile of bad.c that ran beside the first
# is not; ld's 510 ms is the largest share.
expect_path "$FIX/build.jsonl" "1000 0 0.0995
1001 1 0.021
1003 2 0.28
1004 2 0.049
1006 1 0.02
1007 2 0.02
1008 3 0.51"

# tricky.jsonl: seven children one after another (a reused pid twice, a
# process killed by a signal); the CLONE_PARENT child 3007 ran inside
# 3006's interval and is not a link; the daemon 3009 outlives bash and is
# clipped to bash's end (0.100).
expect_path "$FIX/tricky.jsonl" "3000 0 0.056
3001 1 0.01
3002 1 0.002
3002 1 0.002
3003 1 0.011
3006 1 0.003
3008 1 0.005
3009 1 0.01"

# --under starts the path lower.
fw report --critical-path --under 1002 --format json "$FIX/build.jsonl" >"$TMP/u.json"
py - "$TMP/u.json" <<'PY'
import json, sys
from check import equal
cp = json.load(open(sys.argv[1]))["critical_path"]
equal([l["pid"] for l in cp["links"]], [1002, 1005])
PY
