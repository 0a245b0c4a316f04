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

need_ptrace
mk >/dev/null || fail "the project does not build"
mk clean >/dev/null
[ ! -e "$proj/demo" ] || fail "make clean left the program"
if ! fw --batch --format=jsonl -o "$TMP/build.jsonl" -- \
    $nomf make -s -C "$proj" -j2 CC=cc >"$TMP/trace.out" 2>"$TMP/trace.err"
then
	fail "traced build failed: $(cat "$TMP/trace.err")"
fi
[ -x "$proj/demo" ] || fail "the traced build made no program"

fw report --compile-commands "$TMP/fw.json" "$TMP/build.jsonl" 2>"$TMP/err" ||
	fail "report exit $?"
# The probe's conftest.c is gone; util.c was compiled twice the same way.
expect_line "$TMP/err" "forkwatch: $TMP/fw.json: 4 entries; left out: 1 whose source no longer exists ($proj/conftest.c), 1 with the file and output of an earlier entry"
fw report --format json "$TMP/build.jsonl" >"$TMP/sum.json"
# The compiler as execvp found it with this PATH (make ran with it too).
cc_path=$(command -v cc)
py - "$TMP/fw.json" "$TMP/sum.json" "$proj" "$cc_path" <<'PY'
import json, sys
from check import check, equal
db = json.load(open(sys.argv[1]))
proj, cc = sys.argv[3], sys.argv[4]
equal(sorted(e["file"] for e in db), ["%s/%s.c" % (proj, n) for n in ("list", "main", "str", "util")])
for e in db:
    src = e["file"].rsplit("/", 1)[1]
    equal(e["directory"], proj)
    equal(e["output"], e["file"][:-2] + ".o")
    # The rule's flags without the dependency-file ones, -o before the
    # source, argv[0] as found in PATH.
    equal(e["arguments"], [cc, "-O0", "-g", "-Wall", "-DDEMO_BUILD=1",
                           "-I.", "-c", "-o", src[:-2] + ".o", src])
s = json.load(open(sys.argv[2]))["summary"]
check(s["complete"] and s["failures"]["total"] == 0, s["failures"])
names = {t["command"]: t["processes"] for t in s["top"]["count"]}
# 4 compiles, the probe, the link and util.c again.
check(names.get("cc") == 7 and names.get("make") == 1, names)
PY

command -v bear >/dev/null 2>&1 || skip "bear is not installed: compile_commands.json not compared"
mk clean >/dev/null
if ! $nomf bear --output "$TMP/bear.json" -- make -s -C "$proj" -j2 CC=cc \
    >/dev/null 2>"$TMP/bear.err" || [ ! -s "$TMP/bear.json" ]; then
	skip "bear does not work here: $(head -n 1 "$TMP/bear.err")"
fi
[ -x "$proj/demo" ] || fail "the build under bear made no program"
# bear's entries, every member compared (argv[0] included); the order may
# differ with -j2.
py - "$TMP/fw.json" "$TMP/bear.json" <<'PY'
import json, sys
from check import equal
def entries(path):
    return sorted(json.dumps(e, sort_keys=True) for e in json.load(open(path)))
equal(entries(sys.argv[1]), entries(sys.argv[2]))
PY
