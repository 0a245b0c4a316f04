#!/bin/sh
# --compile-commands: entries for compiler runs only, bear-like arguments,
# absolute file and output, runs without a cwd left out with a warning.
. "${srcdir:-.}/tests/report/lib.sh"

fw report --compile-commands "$TMP/cc.json" "$FIX/ccdb.jsonl" 2>"$TMP/err" ||
	fail "exit $?"
expect_line "$TMP/err" "forkwatch: warning: 1 compiler run left out of $TMP/cc.json: the log has no cwd for them"
py - "$TMP/cc.json" "$FIX/ccdb-expected.json" <<'PY'
import json, sys
got = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))
if got != want:
    for g, w in zip(got, want):
        if g != w:
            print("got ", g, "\nwant", w, file=sys.stderr)
    print(len(got), "entries, want", len(want), file=sys.stderr)
    sys.exit(1)
PY

# The two compile runs of the build log; the link run has no source.
fw report --compile-commands "$TMP/b.json" "$FIX/build.jsonl"
py - "$TMP/b.json" <<'PY'
import json, sys
from check import check, near
got = json.load(open(sys.argv[1]))
check([e["file"] for e in got] == ["/home/u/proj/a.c", "/home/u/proj/bad.c"])
check(got[0]["arguments"] == ["cc", "-c", "-o", "a.o", "a.c"])
PY

# A log without compilers gives an empty database.
fw report --compile-commands "$TMP/e.json" "$FIX/attach.jsonl"
[ "$(tr -d ' \n' <"$TMP/e.json")" = "[]" ] || fail "not an empty array"
