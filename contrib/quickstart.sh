#!/bin/sh
# quickstart.sh - from a fresh Debian 12 checkout to a first trace:
# install the dependencies (as root), build forkwatch in the source tree,
# then trace the bundled demo program (contrib/demo/forkwatch-demo.c).
#
#   sh contrib/quickstart.sh
#
# Not root: the package step is skipped (the build then needs them already
# installed). The test suite is the next step: sh contrib/run-tests.sh
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc 2>/dev/null || echo 2)

say() {
	printf '\n==> %s\n' "$*"
}

if [ "$(id -u)" = 0 ]; then
	say "installing build dependencies (contrib/install-deps.sh)"
	sh contrib/install-deps.sh
else
	say "not root: skipping contrib/install-deps.sh"
fi

say "building (autoreconf, configure, make -j$jobs)"
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
./configure -q
make -s -j"$jobs"

demo=contrib/demo/forkwatch-demo
say "tracing the demo: ./forkwatch -b $demo"
echo "    (the demo's own output is on stdout, forkwatch's log on stderr)"
echo
status=0
./forkwatch -b "$demo" || status=$?

say "the same trace as JSON Lines: ./forkwatch -b -q --format=jsonl -o demo.jsonl $demo"
./forkwatch -b -q --format=jsonl -o demo.jsonl "$demo" >/dev/null || status=$?
echo "    wrote demo.jsonl: $(wc -l <demo.jsonl) lines; first and last:"
sed -n '1p;$p' demo.jsonl | cut -c1-150 | sed 's/^/    /'

say "done: forkwatch is ./forkwatch (make install puts it in /usr/local/bin)"
echo "    next: sh contrib/run-tests.sh   (runs make check)"
exit "$status"
