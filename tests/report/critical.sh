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

# --min-duration folds the short links of the text path: each run of short
# links under one parent (with their own links) is one line, PID "-", in
# their place, with their summed duration and share, so the shares still
# add up to 100%; a lone short link without links keeps its own line (it
# takes no more room). Worked out by hand with TIME 1s: a (0.2 s) and b
# (0.3 s, with its link c) fold into one line of 0.5 s; d (4 s) stays, its
# short e (0.1 s, with its link e2) folds, f (3.8 s) stays; g (0.5 s) is
# alone and a leaf: shown; h (3.5 s) stays. make's self time is 1.0 + 0.5
# = 1.5 s, d's 4.0 - 0.1 - 3.8 = 0.1 s.
mklog "$TMP/fold.jsonl" <<'T'
1 - 0 10 make
2 1 1.0 1.2 a
3 1 1.2 1.5 b
4 3 1.25 1.4 c
5 1 1.5 5.5 d
6 5 1.5 1.6 e
10 6 1.52 1.58 e2
7 5 1.6 5.4 f
8 1 5.5 6.0 g
9 1 6.0 9.5 h
T
fw report --critical-path --min-duration 1s "$TMP/fold.jsonl" >"$TMP/fold" ||
	fail "exit $?"
cat >"$TMP/fold.want" <<'W'
Critical path: 10.000s, 10 processes (SELF: the time not covered by a link's own links)
      PID     START   DURATION       SELF  SHARE  COMMAND
        1     0.000    10.000s     1.500s  15.0%  make
        -     1.000  500.000ms  500.000ms   5.0%  |-- ... 2 links shorter than 1.000s (3 processes)
        5     1.500     4.000s  100.000ms   1.0%  |-- d
        -     1.500  100.000ms  100.000ms   1.0%  |   |-- ... 1 link shorter than 1.000s (2 processes)
        7     1.600     3.800s     3.800s  38.0%  |   `-- f
        8     5.500  500.000ms  500.000ms   5.0%  |-- g
        9     6.000     3.500s     3.500s  35.0%  `-- h
(5 of 10 processes folded into the lines with PID -: links shorter than 1.000s, with their own links)
W
diff "$TMP/fold.want" "$TMP/fold" >&2 || fail "--min-duration on the critical path"
# Without it, every link has its line; JSON always has them all.
fw report --critical-path "$TMP/fold.jsonl" >"$TMP/nofold" || fail "exit $?"
test "$(grep -c '^  *[0-9][0-9]* ' "$TMP/nofold")" = 10 || fail "links not all shown"
fw report --critical-path --min-duration 1s --format json "$TMP/fold.jsonl" >"$TMP/fold.json"
py - "$TMP/fold.json" <<'PY'
import json, sys
from check import equal
cp = json.load(open(sys.argv[1]))["critical_path"]
equal([l["pid"] for l in cp["links"]], [1, 2, 3, 4, 5, 6, 10, 7, 8, 9])
PY

# A path of more than 500 links ends with a hint at --min-duration; a
# short one does not.
awk 'BEGIN { print "1 - 0 700 make"
	for (i = 0; i < 600; i++) printf "%d 1 %d %d.5 t\n", i + 2, i, i }' |
	mklog "$TMP/long.jsonl"
fw report --critical-path "$TMP/long.jsonl" >"$TMP/long" || fail "exit $?"
expect_line "$TMP/long" "(601 lines: --min-duration TIME folds the links shorter than TIME)"
grep -q -- "--min-duration" "$TMP/nofold" && fail "hint on a short path"
fw report --critical-path --min-duration 1s "$TMP/long.jsonl" >"$TMP/long1" ||
	fail "exit $?"
expect_line "$TMP/long1" "        -     0.000   300.000s   300.000s  42.9%  \`-- ... 600 links shorter than 1.000s"
