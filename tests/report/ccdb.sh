#!/bin/sh
# --compile-commands on a hand-made log: every entry below is worked out
# by hand from the rules in forkwatch(1) (REPORTS, --compile-commands),
# which follow what bear 3 writes; each case names the rule it checks.
# tests/report/trace-build.sh compares a real build with bear itself.
. "${srcdir:-.}/tests/report/lib.sh"

# The project: sources that exist (conftest.c does not: configure deleted
# it), and compilers in $B found through PATH.
D=$TMP/p
B=$TMP/bin
mkdir -p "$D/src" "$D/lib" "$D/build" "$B" "$TMP/other"
for f in src/a.c lib/b.cpp x.cc y.cc m.c "sp ace.cc" dup.c; do
	: >"$D/$f"
done
printf '#!/bin/sh\n' >"$B/real-gcc"
printf '#!/bin/sh\n' >"$B/real-gxx"
printf '#!/bin/sh\n' >"$TMP/other/cc"
chmod +x "$B/real-gcc" "$B/real-gxx" "$TMP/other/cc"
ln -s real-gcc "$B/gcc-12"
ln -s real-gcc "$B/cc"
ln -s real-gxx "$B/c++"

# One exec line per compiler run, from make (pid 500): PID PATH CWD ARGV.
{
	echo '{"ts":0.0,"event":"start","version":1,"pid":10,"tgid":10,"time":"2026-11-28T12:00:00.000000Z","mode":"launch","argv":["make"],"cwd":"@D@"}'
	echo '{"ts":0.001,"event":"exec","pid":500,"tgid":500,"path":"/usr/bin/make","argv":["make"],"cwd":"@D@"}'
	while read -r pid path cwd argv; do
		echo "{\"ts\":0.$pid,\"event\":\"fork\",\"pid\":500,\"tgid\":500,\"child\":$pid}"
		if [ "$cwd" = - ]; then
			echo "{\"ts\":0.$pid,\"event\":\"exec\",\"pid\":$pid,\"tgid\":$pid,\"path\":\"$path\",\"argv\":$argv}"
		else
			echo "{\"ts\":0.$pid,\"event\":\"exec\",\"pid\":$pid,\"tgid\":$pid,\"path\":\"$path\",\"argv\":$argv,\"cwd\":\"$cwd\"}"
		fi
		echo "{\"ts\":0.$pid,\"event\":\"exit\",\"pid\":$pid,\"tgid\":$pid,\"code\":0}"
	done <<'RUNS'
501 @B@/real-gcc @D@ ["gcc-12","-O2","-MD","-MF","obj/a.d","-Iinc","-DX=1","-c","src/a.c","-o","obj/a.o"]
502 @B@/real-gxx @D@/build ["x86_64-linux-gnu-g++-12","-std=c++17","-c","../lib/b.cpp"]
503 @B@/llvm/clang @D@ ["clang++-14","x.cc","y.cc","-o","app","-lm","-Wl,-O1","-L/opt/lib"]
504 @B@/real-gcc @D@ ["cc","-E","a.c"]
505 @B@/real-gcc @D@ ["gcc","--version"]
506 @B@/real-gcc @D@ ["cc","a.o","b.o","-o","prog"]
507 /usr/libexec/gcc/x86_64-linux-gnu/12/cc1 @D@ ["/usr/libexec/gcc/x86_64-linux-gnu/12/cc1","-quiet","a.c"]
508 /usr/bin/clang - ["clang","-c","nocwd.c"]
509 /usr/bin/distcc @D@ ["distcc","gcc","-c","d.c"]
510 @B@/real-gcc @D@ ["/usr/bin/cc","-include","cfg.h","-c","./m.c","-o","./out/../m.o"]
511 @B@/real-gcc @D@ ["cc","-c","-MM","dep.c"]
512 @B@/real-gxx @D@ ["c++","-x","c++","-I","include dir","-c","sp ace.cc","-ofoo.o"]
513 @B@/real-gcc @D@ ["cc","-c","conftest.c","-o","conftest.o"]
514 @B@/real-gcc @D@ ["cc","-O2","-c","dup.c","-o","dup.o"]
515 @B@/real-gcc @D@ ["cc","-O0","-c","dup.c","-o","dup.o"]
516 @B@/real-gcc @D@ ["cc","-c","dup.c","-o","dup2.o"]
517 @B@/real-gcc @D@/build ["./tools/cc","-c","../x.cc","-o","../x2.o"]
518 @TMP@/other/cc @D@ ["cc","-c","y.cc","-o","y.o"]
519 @B@/real-gcc @D@ ["cc","m.c","extra.o","-o","prog","-lm"]
RUNS
	echo '{"ts":0.9,"event":"exit","pid":500,"tgid":500,"code":0}'
	echo '{"ts":0.91,"event":"end","pid":10,"tgid":10,"status":0,"root_code":0}'
} | sed -e "s|@D@|$D|g" -e "s|@B@|$B|g" -e "s|@TMP@|$TMP|g" >"$TMP/cc.jsonl"

PATH="$B:relative/dir::/nonexistent:$PATH" fw report \
	--compile-commands "$TMP/cc.json" "$TMP/cc.jsonl" 2>"$TMP/err" ||
	fail "exit $?"
# What was left out is said on one line.
expect_line "$TMP/err" "forkwatch: $TMP/cc.json: 11 entries; left out: 1 whose source no longer exists ($D/conftest.c), 1 with the file and output of an earlier entry, 1 compiler run logged without a cwd"
[ "$(wc -l <"$TMP/err")" = 1 ] || fail "stderr: $(cat "$TMP/err")"

py - "$TMP/cc.json" "$D" "$B" "$TMP" <<'PY'
import json, sys
from check import check, equal
got = json.load(open(sys.argv[1]))
D, B, T = sys.argv[2], sys.argv[3], sys.argv[4]
def e(arguments, directory, file, output=None):
    d = {"arguments": arguments, "directory": directory, "file": file}
    if output is not None:
        d["output"] = output
    return d
want = [
    # 501: argv[0] "gcc-12" is found in PATH as the executable that ran
    # (a symlink to it); -MD and -MF FILE dropped; "-o FILE" goes right
    # before the source; file and output absolute.
    e([B + "/gcc-12", "-O2", "-Iinc", "-DX=1", "-c", "-o", "obj/a.o",
       "src/a.c"], D, D + "/src/a.c", D + "/obj/a.o"),
    # 502: no "x86_64-linux-gnu-g++-12" in PATH: the exec's path; "-c"
    # given, no -o: no output; ".." resolved in file.
    e([B + "/real-gxx", "-std=c++17", "-c", "../lib/b.cpp"], D + "/build",
      D + "/lib/b.cpp"),
    # 503: compile and link in one run: "-c" added, one entry per source,
    # each without the other source; -l, -L and -Wl, flags dropped.
    # No clang++-14 in PATH is the program that ran: the exec's path.
    e([B + "/llvm/clang", "-c", "-o", "app", "x.cc"], D, D + "/x.cc",
      D + "/app"),
    e([B + "/llvm/clang", "-c", "-o", "app", "y.cc"], D, D + "/y.cc",
      D + "/app"),
    # 504 -E, 505 --version, 506 link only, 507 cc1 (not a driver): none.
    # 508: no cwd: left out and counted. 509: distcc is not a compiler.
    # 510: argv[0] with a slash is kept (made absolute); the output is
    # resolved lexically.
    e(["/usr/bin/cc", "-include", "cfg.h", "-c", "-o", "./out/../m.o",
       "./m.c"], D, D + "/m.c", D + "/m.o"),
    # 511: -MM compiles nothing.
    # 512: "-x c++" and "-I DIR" keep their argument; "-oFILE" stays where
    # it was and still names the output.
    e([B + "/c++", "-x", "c++", "-I", "include dir", "-c", "-ofoo.o",
       "sp ace.cc"], D, D + "/sp ace.cc", D + "/foo.o"),
    # 513: conftest.c no longer exists: left out and counted.
    # 514, 515: same file and output: the first is kept.
    e([B + "/cc", "-O2", "-c", "-o", "dup.o", "dup.c"], D, D + "/dup.c",
      D + "/dup.o"),
    # 516: same file, another output: kept.
    e([B + "/cc", "-c", "-o", "dup2.o", "dup.c"], D, D + "/dup.c",
      D + "/dup2.o"),
    # 517: a relative argv[0] is made absolute against the cwd.
    e([D + "/build/tools/cc", "-c", "-o", "../x2.o", "../x.cc"], D + "/build",
      D + "/x.cc", D + "/x2.o"),
    # 518: "cc" in PATH is another program than the one that ran: the
    # exec's path.
    e([T + "/other/cc", "-c", "-o", "y.o", "y.cc"], D, D + "/y.cc",
      D + "/y.o"),
    # 519: object operands stay in place (bear keeps them), -l goes.
    e([B + "/cc", "-c", "extra.o", "-o", "prog", "m.c"], D, D + "/m.c",
      D + "/prog"),
]
for i, (g, w) in enumerate(zip(got, want)):
    equal(g, w, "entry %d" % i)
equal(len(got), len(want))
PY

# The two compile runs of the build log; the link run has no source. Its
# sources do not exist here, so nothing is written.
fw report --compile-commands "$TMP/b.json" "$FIX/build.jsonl" 2>"$TMP/err"
[ "$(tr -d ' \n' <"$TMP/b.json")" = "[]" ] || fail "build.jsonl: not empty"
expect_line "$TMP/err" "forkwatch: $TMP/b.json: 0 entries; left out: 2 whose source no longer exists (/home/u/proj/a.c, ...)"

# A log without compilers gives an empty database and says nothing.
fw report --compile-commands "$TMP/e.json" "$FIX/attach.jsonl" 2>"$TMP/err"
[ "$(tr -d ' \n' <"$TMP/e.json")" = "[]" ] || fail "not an empty array"
[ ! -s "$TMP/err" ] || fail "stderr: $(cat "$TMP/err")"
