#!/bin/sh
# --slowest N: the N longest leaf processes (no traced child), longest
# first, on a hand-made tree whose answer is read off its intervals, and
# on a real run whose only leaf is a sleep.
. "${srcdir:-.}/tests/report/lib.sh"

# Leaves: 3 cc1 (3 s), 4 sleep (4.5 s), 5 touch (1.8 s), 6 ld (0.5 s),
# 7 cat (0.5 s, created after ld: a tie keeps creation order). make and sh
# have children and are not leaves, though they ran longest.
mklog "$TMP/s.jsonl" <<'T'
1 - 0 10 make
2 1 0.5 9 sh
3 2 1 4 cc1
4 2 4 8.5 sleep
5 1 0.2 2 touch
6 1 9 9.5 ld
7 1 9.2 9.7 cat
T
fw report --slowest 3 "$TMP/s.jsonl" >"$TMP/out" 2>"$TMP/err" ||
	fail "exit $?: $(cat "$TMP/err")"
cat >"$TMP/want" <<'W'
Slowest leaf processes (no traced children): 3 of 5
      PID     START   DURATION        CPU  COMMAND
        4     4.000     4.500s          -  sleep
        3     1.000     3.000s          -  cc1
        5     0.200     1.800s          -  touch
W
diff "$TMP/want" "$TMP/out" >&2 || fail "--slowest 3"

fw report --slowest 10 --format json "$TMP/s.jsonl" >"$TMP/s.json" || fail "json: exit $?"
py - "$TMP/s.json" <<'PY'
import json, sys
from check import equal
s = json.load(open(sys.argv[1]))["slowest"]
equal(s["leaves"], 5)
equal([p["pid"] for p in s["processes"]], [4, 3, 5, 6, 7])
equal([p["duration"] for p in s["processes"]], [4.5, 3.0, 1.8, 0.5, 0.5])
PY

# --under: the leaves below sh only.
fw report --slowest 10 --under 2 --format json "$TMP/s.jsonl" >"$TMP/u.json"
py - "$TMP/u.json" <<'PY'
import json, sys
from check import equal
s = json.load(open(sys.argv[1]))["slowest"]
equal((s["leaves"], [p["pid"] for p in s["processes"]]), (2, [4, 3]))
PY

# A real run: sh runs one sleep (true is a builtin); the sleep is the one
# leaf and took at least its 0.3 s.
need_ptrace
fw --batch -q --format=jsonl -o "$TMP/r.jsonl" -- sh -c 'sleep 0.3; true' ||
	fail "traced run: exit $?"
fw report --slowest 5 --format json "$TMP/r.jsonl" >"$TMP/r.json" || fail "exit $?"
py - "$TMP/r.json" <<'PY'
import json, sys
from check import check, equal
s = json.load(open(sys.argv[1]))["slowest"]
equal(s["leaves"], 1)
p = s["processes"][0]
equal(p["argv"], ["sleep", "0.3"])
check(p["duration"] >= 0.3, p)
PY
