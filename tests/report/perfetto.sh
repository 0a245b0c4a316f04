#!/bin/sh
# --perfetto: valid Chrome trace-event JSON with a slice per exec image,
# fork flows, signal instants and exit status in args.
. "${srcdir:-.}/tests/report/lib.sh"

fw report --perfetto "$TMP/trace.json" "$FIX/build.jsonl" >"$TMP/out" ||
	fail "exit $?"
[ ! -s "$TMP/out" ] || fail "an export alone printed a report"
if command -v jq >/dev/null 2>&1; then
	jq -e '.traceEvents | length > 0' "$TMP/trace.json" >/dev/null ||
		fail "jq does not accept the trace"
fi
py - "$TMP/trace.json" <<'PY'
import json, sys
from check import check, equal, near
d = json.load(open(sys.argv[1]))
ev = d["traceEvents"]
X = [e for e in ev if e["ph"] == "X"]
by_pid = {}
for e in X:
    by_pid.setdefault(e["pid"], []).append(e)
# 1001 ran sh and then cc: two exec slices, back to back, after a short
# slice for the time between fork and the first exec.
s = sorted(by_pid[1001], key=lambda e: e["ts"])
check([e["name"] for e in s] == ["make (fork)", "sh", "cc"], [e["name"] for e in s])
check(s[0]["cat"] == "fork" and s[1]["cat"] == "exec")
check(abs(s[1]["ts"] - 11000) < 1e-6 and abs(s[1]["dur"] - 1000) < 1e-6)
check(abs(s[2]["ts"] + s[2]["dur"] - 360000) < 1e-6)
check(s[1]["args"]["argv"] == ["/bin/sh", "-c", "cc -c a.c -o a.o"])
check("exit" not in s[1]["args"] and s[2]["args"]["exit_code"] == 0)
# Exit status in the args of the last slice.
make = by_pid[1000]
check(len(make) == 1 and make[0]["args"]["exit"] == "exit 2")
check(make[0]["args"]["failed"] is True and make[0]["args"]["maxrss_kb"] == 90000)
check(abs(make[0]["args"]["self_cpu"] - 0.03) < 1e-9)
# Every process has a track name; 9 processes.
names = {e["pid"]: e["args"]["name"] for e in ev
         if e["ph"] == "M" and e["name"] == "process_name"}
# Tracks are named by what the process worked on, as the SVG rows are
# (as's input /tmp/ccA.s is a temporary file: its output names the work).
equal(names, {1000: "make", 1001: "cc a.c", 1003: "cc1 a.c",
              1004: "as -o a.o", 1002: "cc bad.c", 1005: "cc1 bad.c",
              1006: "cc -o prog", 1007: "collect2 -o prog",
              1008: "ld -o prog"})
# Sort index: parents before children (pre-order).
order = {e["pid"]: e["args"]["sort_index"] for e in ev
         if e["ph"] == "M" and e["name"] == "process_sort_index"}
check(order[1000] < order[1001] < order[1003] < order[1004] < order[1002] < order[1006])
# A flow arrow per child, from its parent's track.
starts = {e["id"]: e for e in ev if e["ph"] == "s"}
ends = {e["id"]: e for e in ev if e["ph"] == "f"}
check(len(starts) == 8 and starts.keys() == ends.keys())
pairs = sorted((starts[i]["pid"], ends[i]["pid"]) for i in starts)
check((1000, 1006) in pairs and (1007, 1008) in pairs and (1002, 1005) in pairs)
check(all(e.get("bp") == "e" for e in ends.values()))
# Signals are instant events on the receiving track.
sig = [e for e in ev if e["ph"] == "i" and e["name"] == "SIGCHLD"]
check(len(sig) == 3 and all(e["pid"] == 1000 and e["s"] == "t" for e in sig))
check(sorted(e["args"]["sender"] for e in sig) == [1001, 1002, 1006])
# The thread of ld has a track and a slice.
th = [e for e in X if e.get("cat") == "thread"]
check(len(th) == 1 and th[0]["tid"] == 1009 and th[0]["pid"] == 1008)
# Every slice lies inside the trace.
check(all(e["dur"] >= 0 and e["ts"] >= 0 for e in X))
PY

# A reused pid gets a track of its own.
fw report --perfetto "$TMP/t2.json" "$FIX/tricky.jsonl"
py - "$TMP/t2.json" <<'PY'
import json, sys
from check import check, near
ev = json.load(open(sys.argv[1]))["traceEvents"]
names = [e for e in ev if e["ph"] == "M" and e["name"] == "process_name"
         and e["args"]["name"] in ("true", "false")]
check(len(names) == 2 and names[0]["pid"] != names[1]["pid"], names)
stops = [e for e in ev if e["ph"] == "i" and e["name"].startswith("stop")]
check(len(stops) == 1 and stops[0]["name"] == "stop SIGSTOP")
PY
