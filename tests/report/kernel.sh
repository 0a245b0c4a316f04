#!/bin/sh
# report --tree and --final-tree: clone flags that say more than a plain
# fork, and processes the kernel re-parented (to a traced subreaper, to an
# init forkwatch does not trace). The expected trees are derived by hand
# from the log below.
. "${srcdir:-.}/tests/report/lib.sh"

# make (100) forks sh (101, plain fork), vforks cc (102, plain vfork),
# clones pool (103: CLONE_VM|CLONE_FS|CLONE_FILES, no exit signal). sh
# forks daemon (104, CLONE_NEWPID) and sleeper (107); daemon forks worker
# (105, a line without flags). daemon exits: worker goes to init (pid 1,
# not traced, its name with an escape in it); sh exits: sleeper goes to
# make, a subreaper. worker fails.
cat >"$TMP/k.jsonl" <<'LOG'
{"ts":0.0,"event":"start","version":1,"version_minor":2,"pid":9,"tgid":9,"time":"2026-12-01T10:00:00.000000Z","mode":"launch","argv":["make"],"cwd":"/"}
{"ts":0.001,"event":"exec","pid":100,"tgid":100,"path":"/usr/bin/make","argv":["make"],"cwd":"/"}
{"ts":0.010,"event":"fork","pid":100,"tgid":100,"flags":["CLONE_CHILD_CLEARTID","CLONE_CHILD_SETTID"],"exit_signal":"SIGCHLD","child":101}
{"ts":0.011,"event":"exec","pid":101,"tgid":101,"path":"/bin/sh","argv":["sh","-c","x"],"cwd":"/"}
{"ts":0.020,"event":"vfork","pid":100,"tgid":100,"flags":["CLONE_VM","CLONE_VFORK"],"exit_signal":"SIGCHLD","child":102}
{"ts":0.021,"event":"exec","pid":102,"tgid":102,"path":"/usr/bin/cc","argv":["cc","-c","a.c"],"cwd":"/"}
{"ts":0.030,"event":"clone","pid":100,"tgid":100,"thread":false,"flags":["CLONE_VM","CLONE_FS","CLONE_FILES"],"child":103}
{"ts":0.031,"event":"exec","pid":103,"tgid":103,"path":"/usr/bin/pool","argv":["pool"],"cwd":"/"}
{"ts":0.050,"event":"fork","pid":101,"tgid":101,"flags":["CLONE_NEWPID","CLONE_CHILD_SETTID"],"exit_signal":"SIGCHLD","child":104}
{"ts":0.051,"event":"exec","pid":104,"tgid":104,"path":"/usr/bin/daemon","argv":["daemon"],"cwd":"/"}
{"ts":0.060,"event":"fork","pid":104,"tgid":104,"child":105}
{"ts":0.061,"event":"exec","pid":105,"tgid":105,"path":"/usr/bin/worker","argv":["worker"],"cwd":"/"}
{"ts":0.100,"event":"fork","pid":101,"tgid":101,"flags":[],"exit_signal":"SIGCHLD","child":107}
{"ts":0.101,"event":"exec","pid":107,"tgid":107,"path":"/bin/sleeper","argv":["sleeper"],"cwd":"/"}
{"ts":0.200,"event":"exit","pid":102,"tgid":102,"code":0}
{"ts":0.250,"event":"exit","pid":103,"tgid":103,"code":0}
{"ts":0.300,"event":"exit","pid":104,"tgid":104,"code":0}
{"ts":0.300,"event":"reparent","pid":105,"tgid":105,"old_parent":104,"new_parent":1,"reaper":"init","outside":true,"new_parent_comm":"sys\u001btemd"}
{"ts":0.400,"event":"exit","pid":101,"tgid":101,"code":0}
{"ts":0.400,"event":"reparent","pid":107,"tgid":107,"old_parent":101,"new_parent":100,"reaper":"subreaper","outside":false}
{"ts":0.700,"event":"exit","pid":107,"tgid":107,"code":0}
{"ts":0.800,"event":"exit","pid":105,"tgid":105,"code":1}
{"ts":1.000,"event":"exit","pid":100,"tgid":100,"code":0}
{"ts":1.001,"event":"end","pid":9,"tgid":9,"status":0,"root_code":0}
LOG

# cmd FILE: the tree's lines as "MARK PID COMMAND-COLUMN", the columns
# between left out (they are tested elsewhere).
cmd() {
	awk 'NR > 3 { print substr($0, 1, 1) " " substr($0, 3, 7) + 0 " " \
		substr($0, 73) }' "$1"
}

# The creation tree (the default): where each process was made; the
# moves marked where they went. --wide: nothing cut.
fw report --tree --wide "$TMP/k.jsonl" >"$TMP/created" 2>"$TMP/err" ||
	fail "--tree: exit $?: $(cat "$TMP/err")"
[ ! -s "$TMP/err" ] || fail "--tree: stderr: $(cat "$TMP/err")"
cmd "$TMP/created" >"$TMP/created.cmd"
cat >"$TMP/created.want" <<'EOF2'
* 100 make
* 101 |-- sh -c x
* 104 |   |-- daemon fork(NEWPID)
! 105 |   |   `-- worker (re-parented to 1 at 0.300)
  107 |   `-- sleeper (re-parented to 100 at 0.400)
  102 |-- cc -c a.c
  103 `-- pool clone(VM|FS|FILES) exit_signal=0
EOF2
diff -u "$TMP/created.want" "$TMP/created.cmd" >&2 ||
	fail "the creation tree differs (want, got above)"

# The final tree: sleeper under make, worker under a root line naming
# init, which forkwatch did not trace (its name escaped). Nothing failed
# below make any more.
fw report --final-tree --wide "$TMP/k.jsonl" >"$TMP/final" 2>"$TMP/err" ||
	fail "--final-tree: exit $?: $(cat "$TMP/err")"
[ ! -s "$TMP/err" ] || fail "--final-tree: stderr: $(cat "$TMP/err")"
head -n 2 "$TMP/final" | grep -q '^Final process tree' ||
	fail "--final-tree: no heading: $(head -n 3 "$TMP/final")"
tail -n +3 "$TMP/final" >"$TMP/final.body"
cmd "$TMP/final.body" >"$TMP/final.cmd"
cat >"$TMP/final.want" <<'EOF2'
  100 make
  101 |-- sh -c x
  104 |   `-- daemon fork(NEWPID)
  102 |-- cc -c a.c
  103 |-- pool clone(VM|FS|FILES) exit_signal=0
  107 `-- sleeper (re-parented from 101 at 0.400)
  1 sys\x1btemd (init, not traced)
! 105 `-- worker (re-parented from 104 at 0.300)
EOF2
diff -u "$TMP/final.want" "$TMP/final.cmd" >&2 ||
	fail "the final tree differs (want, got above)"
# The outsider's columns say nothing they do not know.
grep -Eq '^ +1 +- +- +- +- +- +sys' "$TMP/final.body" ||
	fail "init's line: $(grep ' 1 ' "$TMP/final.body")"

# Not --wide: lines keep to 120 columns (the notes are cut before the
# command goes below 12 columns), the notes' start kept.
fw report --tree "$TMP/k.jsonl" >"$TMP/cut"
long=$(awk 'length($0) > 120' "$TMP/cut")
[ -z "$long" ] || fail "lines over 120 columns: $long"
expect_text "$TMP/cut" '`-- pool clone(VM|FS|FILES) exit_signal=0'
expect_text "$TMP/cut" '`-- worker (re-parented to 1 at 0.300)'
# A deep tree leaves the notes little room: still within the width, the
# command and the notes' start kept.
{
	printf '%s\n' '{"ts":0.0,"event":"start","version":1,"pid":9,"tgid":9,"time":"2026-12-01T10:00:00.000000Z","mode":"launch","argv":["x"],"cwd":"/"}'
	i=2
	while [ $i -le 30 ]; do
		printf '{"ts":0.%03d,"event":"clone","pid":%d,"tgid":%d,"thread":false,"flags":["CLONE_VM","CLONE_FS","CLONE_FILES","CLONE_SIGHAND","CLONE_PTRACE","CLONE_NEWNS","CLONE_NEWUTS","CLONE_NEWIPC"],"exit_signal":"SIGUSR1","child":%d}\n' \
			$i $((i + 99)) $((i + 99)) $((i + 100))
		printf '{"ts":0.%03d,"event":"exec","pid":%d,"tgid":%d,"path":"/bin/bash","argv":["bash"],"cwd":"/"}\n' \
			$i $((i + 100)) $((i + 100))
		i=$((i + 1))
	done
	printf '%s\n' '{"ts":1.0,"event":"end","pid":9,"tgid":9,"status":0,"root_code":0}'
} >"$TMP/deep.jsonl"
fw report --tree "$TMP/deep.jsonl" >"$TMP/deep"
long=$(awk 'length($0) > 120' "$TMP/deep")
[ -z "$long" ] || fail "deep: lines over 120 columns: $long"
[ "$(grep -c -- '-- bash clone(VM|FS|' "$TMP/deep")" = 29 ] ||
	fail "deep: not 29 lines with bash and its clone: $(cat "$TMP/deep")"
fw report --tree --wide "$TMP/deep.jsonl" >"$TMP/deepw"
expect_text "$TMP/deepw" '`-- bash clone(VM|FS|FILES|SIGHAND|PTRACE|NEWNS|NEWUTS|NEWIPC) exit_signal=SIGUSR1'

# --depth 0 of the final tree: the roots, with what is below them.
fw report --final-tree --depth 0 "$TMP/k.jsonl" | tail -n +3 >"$TMP/d0"
cmd "$TMP/d0" >"$TMP/d0.cmd"
printf '%s\n' "  100 make [+5 below]" \
	"  1 sys\\x1btemd (init, not traced) [+1 below]" >"$TMP/d0.want"
diff -u "$TMP/d0.want" "$TMP/d0.cmd" >&2 || fail "--final-tree --depth 0"

# JSON: the same two trees.
fw report --tree --format json "$TMP/k.jsonl" >"$TMP/created.json"
fw report --final-tree --format json "$TMP/k.jsonl" >"$TMP/final.json"
py - "$TMP/created.json" "$TMP/final.json" <<'PY'
import json, sys
from check import check, equal

def shape(n):
    if n.get("outside"):
        return ["outside", n["pid"], n["name"], n["reaper"],
                [shape(c) for c in n["children"]]]
    return [n["pid"], [shape(c) for c in n["children"]]]

def nodes(ns):
    for n in ns:
        yield n
        yield from nodes(n["children"])

created = json.load(open(sys.argv[1]))["tree"]
final = json.load(open(sys.argv[2]))["tree"]
equal([shape(r) for r in created],
      [[100, [[101, [[104, [[105, []]]], [107, []]]], [102, []], [103, []]]]])
equal([shape(r) for r in final],
      [[100, [[101, [[104, []]]], [102, []], [103, []], [107, []]]],
       ["outside", 1, "sys\x1btemd", "init", [[105, []]]]])
by = {n["pid"]: n for n in nodes(created)}
equal(by[101]["clone"], {"flags": ["CLONE_CHILD_CLEARTID", "CLONE_CHILD_SETTID"],
                         "exit_signal": "SIGCHLD", "plain": True})
equal(by[102]["clone"], {"flags": ["CLONE_VM", "CLONE_VFORK"],
                         "exit_signal": "SIGCHLD", "plain": True})
equal(by[103]["clone"], {"flags": ["CLONE_VM", "CLONE_FS", "CLONE_FILES"],
                         "exit_signal": None, "plain": False})
equal(by[104]["clone"]["plain"], False)
check("clone" not in by[105], by[105])
check("clone" not in by[100], by[100])
equal(by[105]["reparents"], [{"ts": 0.3, "old_parent": 104, "new_parent": 1,
                              "reaper": "init", "outside": True}])
equal(by[107]["reparents"], [{"ts": 0.4, "old_parent": 101,
                              "new_parent": 100, "reaper": "subreaper",
                              "outside": False}])
check("reparents" not in by[104], by[104])
# ppid is the creator in both; final_ppid (final tree only) the last one.
fby = {n["pid"]: n for n in nodes(final) if not n.get("outside")}
equal(fby[107]["ppid"], 101)
equal(fby[107]["final_ppid"], 100)
equal(fby[105]["final_ppid"], 1)
equal(fby[101]["final_ppid"], 100)
equal(fby[100]["final_ppid"], None)
check("final_ppid" not in by[107], by[107])
# Failed branches follow the shape: worker is not below make at the end.
equal([by[p]["failed_below"] for p in (100, 101, 104)], [True, True, True])
equal([fby[p]["failed_below"] for p in (100, 101, 104)], [False, False, False])
PY
