#!/bin/sh
# How events build processes: a child logged before its parent's fork, a
# reused pid, exec from a non-leader thread, CLONE_PARENT, job control, a
# process still running at the end, unknown events and members, attach.
. "${srcdir:-.}/tests/report/lib.sh"

fw report --format json --tree "$FIX/tricky.jsonl" >"$TMP/t.json" ||
	fail "exit $?"
py - "$TMP/t.json" <<'PY'
import json, sys
from check import check, near
d = json.load(open(sys.argv[1]))
s = d["summary"] if "summary" in d else None
root = d["tree"][0]
kids = root["children"]
check(root["pid"] == 3000 and len(d["tree"]) == 1)
check([k["pid"] for k in kids] == [3001, 3002, 3002, 3003, 3006, 3007, 3008, 3009], [k["pid"] for k in kids])
# 3001 exec'd before the fork line: one record, adopted, started at its
# first event.
check(kids[0]["start"] == 0.01 and kids[0]["ppid"] == 3000)
# Two records for pid 3002, in order.
check([kids[1]["name"], kids[2]["name"]] == ["true", "false"])
check(kids[2]["exit"] == {"code": 1} and kids[2]["failed"])
# Exec from thread 3004: both threads are gone at the exec.
t = kids[3]
check([i["argv"][0] for i in t["images"]] == ["./threaded", "sleep"])
check([(x["tid"], x["end"], x["exit"]) for x in t["thread_list"]] == [(3004, 0.06, None), (3005, 0.06, None)])
# CLONE_PARENT: 3007 is its creator's sibling.
check(kids[5]["pid"] == 3007 and kids[5]["exit"] == {"signal": "SIGSEGV", "core": True})
check(kids[4]["children"] == [])
check(kids[6]["status"] == "killed by SIGTERM")
# Still running when the trace ended: ends with the log.
check(kids[7]["exit"] is None and kids[7]["end"] == 0.101)
check(kids[7]["status"] == "running at end of log")
PY
fw report --format json "$FIX/tricky.jsonl" >"$TMP/s.json"
py - "$TMP/s.json" <<'PY'
import json, sys
from check import check, near
s = json.load(open(sys.argv[1]))["summary"]
check((s["processes"], s["threads"], s["execs"], s["unfinished"]) == (9, 2, 8, 1), s)
# false, the CLONE_PARENT child and the killed sleep all failed under
# bash, which went on and exited 0: handled, each its own origin.
fl = s["failures"]
check(fl["total"] == 3 and fl["propagated"]["processes"] == 0, fl)
check(sorted(f["pid"] for f in fl["handled"]["shown"]) == [3002, 3007, 3008], fl)
check(s["events"] == 32, s["events"])
PY

# Attach mode: processes found by attach, a thread, a child forked by a
# thread, detach at the end.
fw report --format json --tree "$FIX/attach.jsonl" >"$TMP/a.json"
py - "$TMP/a.json" <<'PY'
import json, sys
from check import check, near
d = json.load(open(sys.argv[1]))
s = d["summary"] if "summary" in d else None
tree = d["tree"]
check([r["pid"] for r in tree] == [4000])
r = tree[0]
check(r["status"] == "detached" and r["images"][0]["attached"] is True)
check([c["pid"] for c in r["children"]] == [4002, 4003])
check(r["children"][1]["argv"] == ["logrotate", "/etc/x.conf"])
check([t["tid"] for t in r["thread_list"]] == [4001])
PY
fw report "$FIX/attach.jsonl" >"$TMP/a.txt"
expect_line "$TMP/a.txt" "Processes:  3"
expect_line "$TMP/a.txt" "Execs:      1"
