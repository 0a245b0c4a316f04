#!/bin/sh
# Trace tests/progs/reparent (three ways the kernel gives a process a new
# parent, ordered with pipes) and check report's final tree against the
# parents the processes themselves saw with getppid(): B under the new
# parent outside the trace (a root line naming it), D under the traced
# subreaper S, H (made by a thread of G) under its new parent outside
# once G exited; the creation tree keeps each where it was made, marked.
. "${srcdir:-.}/tests/report/lib.sh"

prog=$top_builddir/tests/progs/reparent
[ -x "$prog" ] || fail "no $prog"
need_ptrace
: >"$TMP/side"
if ! FWTEST_OUT=$TMP/side fw --batch --format=jsonl -o "$TMP/r.jsonl" -- \
    "$prog" >"$TMP/trace.out" 2>"$TMP/trace.err"; then
	fail "traced run failed: $(cat "$TMP/trace.err")"
fi
for shape in --tree --final-tree; do
	fw report $shape --format json "$TMP/r.jsonl" >"$TMP/r$shape.json" \
		2>"$TMP/err" || fail "report $shape: exit $?"
	[ ! -s "$TMP/err" ] || fail "report $shape warned: $(cat "$TMP/err")"
	fw report $shape --wide "$TMP/r.jsonl" >"$TMP/r$shape.txt" ||
		fail "report $shape (text): exit $?"
done
py - "$TMP/side" "$TMP/r--tree.json" "$TMP/r--final-tree.json" \
    "$TMP/r--tree.txt" "$TMP/r--final-tree.txt" <<'PY'
import json, re, sys
from check import check, equal

side = {}
for line in open(sys.argv[1]):
    k, v = line.split()
    side[k] = int(v)
for k in ("root", "A", "B", "Bppid", "S", "C", "D", "Dppid", "G", "H",
          "Hppid1", "Hppid2"):
    check(k in side, "the program did not say " + k, side)

def parents(nodes, parent, out, outsiders):
    for n in nodes:
        if n.get("outside"):
            outsiders[n["pid"]] = n
        else:
            out[n["pid"]] = parent
        parents(n["children"], n["pid"], out, outsiders)

created, final, cout, fout = {}, {}, {}, {}
ctree = json.load(open(sys.argv[2]))["tree"]
ftree = json.load(open(sys.argv[3]))["tree"]
parents(ctree, None, created, cout)
parents(ftree, None, final, fout)
equal(cout, {}, "the creation tree has no outsider roots")
R, A, B, S, C, D, G, H = (side[k] for k in "root A B S C D G H".split())
# Where each was made.
equal({p: created[p] for p in (A, B, S, C, D, G, H)},
      {A: R, B: A, S: R, C: S, D: C, G: R, H: G})
# Where each was at the end: what getppid() said after the move.
equal(side["Dppid"], S)
equal(final[D], side["Dppid"], "D's final parent")
equal(final[B], side["Bppid"], "B's final parent")
equal(final[H], side["Hppid2"], "H's final parent")
equal(side["Hppid1"], G, "H kept process G while G's thread exited")
for p in (R, A, S, C, G):
    equal(final[p], created[p], "final parent of %d" % p)
# B's and H's new parents are not traced: root lines of their own.
for k in ("Bppid", "Hppid2"):
    check(side[k] in fout, k + ": no outsider root", sorted(fout))
    check(fout[side[k]]["reaper"] in ("init", "subreaper"), fout[side[k]])
    check(fout[side[k]]["name"] == open("/proc/%d/comm" % side[k]).read().strip(),
          fout[side[k]])
check(S not in fout and R not in fout)

def nodes(ns):
    for n in ns:
        yield n
        yield from nodes(n["children"])
by = {n["pid"]: n for n in nodes(ctree)}
# The moves as logged.
equal([(r["old_parent"], r["new_parent"], r["outside"])
       for r in by[D]["reparents"]], [(C, S, False)])
equal([(r["old_parent"], r["new_parent"], r["outside"])
       for r in by[B]["reparents"]], [(A, side["Bppid"], True)])
equal([(r["old_parent"], r["new_parent"], r["outside"])
       for r in by[H]["reparents"]], [(G, side["Hppid2"], True)])
for p in (R, A, S, C, G):
    check("reparents" not in by[p], by[p])
# All of them were made by glibc's fork(): plain, nothing to show.
for p in (A, B, S, C, D, G, H):
    check(by[p]["clone"]["plain"] and by[p]["clone"]["exit_signal"] == "SIGCHLD",
          by[p]["clone"])

# Text: the creation tree marks each move where the process was made;
# the final tree shows it under its new parent.
def line_of(path, pid):
    for l in open(path):
        if re.match(r"^. +%d " % pid, l):
            return l.rstrip("\n")
    check(False, "no line for %d in %s" % (pid, path))
ct, ft = sys.argv[4], sys.argv[5]
check(re.search(r"`-- .*reparent.* \(re-parented to %d at [0-9.]+\)$" % S,
                line_of(ct, D)), line_of(ct, D))
check(re.search(r"\(re-parented to %d at [0-9.]+\)$" % side["Bppid"],
                line_of(ct, B)), line_of(ct, B))
check(re.search(r"\(re-parented from %d at [0-9.]+\)$" % C, line_of(ft, D)),
      line_of(ft, D))
lines = open(ft).read().split("\n")
for k, child in (("Bppid", B), ("Hppid2", H)):
    root = line_of(ft, side[k])
    check(re.search(r"  \S.* \((init|subreaper), not traced\)$", root), root)
    # The moved child is drawn at depth 1 right below its new parent's
    # line (B's new parent may be H's too: then both, in log order).
    i = lines.index(root)
    below = [l for l in lines[i + 1:i + 3] if re.match(r"^. +%d " % child, l)]
    check(below and re.search(r"[|`]-- .*\(re-parented from \d+ at", below[0]),
          lines[i:i + 3])
PY
