#!/bin/sh
# Trace a real `make -j2` of a small C project and compare the
# compile_commands.json made from the log with what bear writes for the
# same build.
. "${srcdir:-.}/tests/report/lib.sh"

command -v make >/dev/null 2>&1 || skip "make is not installed"
command -v cc >/dev/null 2>&1 || skip "cc is not installed"
cp -R "$srcdir/tests/report/build" "$TMP/proj"
chmod -R u+w "$TMP/proj"
proj=$(cd "$TMP/proj" && pwd -P)

# The inner make must not join the job server of a `make check` around it.
nomf="env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL"
mk() {
	$nomf make -s -C "$proj" -j2 CC=cc "$@"
}

mk >/dev/null || fail "the project does not build"
mk clean >/dev/null
[ ! -e "$proj/demo" ] || fail "make clean left the program"
if ! fw --batch --format=jsonl -o "$TMP/build.jsonl" -- \
    $nomf make -s -C "$proj" -j2 CC=cc >"$TMP/trace.out" 2>"$TMP/trace.err"
then
	if grep -qi 'ptrace\|permitted' "$TMP/trace.err"; then
		skip "cannot trace here: $(head -n 1 "$TMP/trace.err")"
	fi
	fail "traced build failed: $(cat "$TMP/trace.err")"
fi
[ -x "$proj/demo" ] || fail "the traced build made no program"

fw report --compile-commands "$TMP/fw.json" "$TMP/build.jsonl" 2>"$TMP/err" ||
	fail "report exit $?"
[ ! -s "$TMP/err" ] || fail "report warned: $(cat "$TMP/err")"
fw report --format json "$TMP/build.jsonl" >"$TMP/sum.json"
py - "$TMP/fw.json" "$TMP/sum.json" "$proj" <<'PY'
import json, sys
from check import check, near
db = json.load(open(sys.argv[1]))
proj = sys.argv[3]
check(sorted(e["file"] for e in db) == ["%s/%s.c" % (proj, n) for n in ("list", "main", "str", "util")], db)
for e in db:
    check(e["directory"] == proj and e["arguments"][0] == "cc")
    check(e["output"] == e["file"][:-2] + ".o")
    check("-DDEMO_BUILD=1" in e["arguments"] and e["arguments"][-1] == e["file"].rsplit("/", 1)[1])
s = json.load(open(sys.argv[2]))["summary"]
check(s["complete"] and s["failures"] == [], s["failures"])
names = {t["command"]: t["processes"] for t in s["top"]["count"]}
check(names.get("cc") == 5 and names.get("make") == 1, names)
PY

command -v bear >/dev/null 2>&1 || skip "bear is not installed: compile_commands.json not compared"
mk clean >/dev/null
if ! $nomf bear --output "$TMP/bear.json" -- make -s -C "$proj" -j2 CC=cc \
    >/dev/null 2>"$TMP/bear.err" || [ ! -s "$TMP/bear.json" ]; then
	skip "bear does not work here: $(head -n 1 "$TMP/bear.err")"
fi
[ -x "$proj/demo" ] || fail "the build under bear made no program"
py - "$TMP/fw.json" "$TMP/bear.json" <<'PY'
import json, os, sys
def norm(path):
    out = set()
    for e in json.load(open(path)):
        args = [os.path.basename(e["arguments"][0])] + e["arguments"][1:]
        out.add((e["file"], e["directory"], tuple(args), e.get("output")))
    return out
fw, bear = norm(sys.argv[1]), norm(sys.argv[2])
if fw != bear:
    print("only forkwatch:", sorted(fw - bear), file=sys.stderr)
    print("only bear:", sorted(bear - fw), file=sys.stderr)
    sys.exit(1)
PY
