#!/bin/sh
# report.sh - `forkwatch report` on a log of BENCH_REPORT_EVENTS events
# (1,000,000; tests/bench/gen-log.sh): wall time, CPU time and peak RSS
# of each view and export, the best of BENCH_REPORT_ROUNDS (3) runs. Run
# by `make bench` after run.sh; FORKWATCH is the binary.
set -eu
FORKWATCH=${FORKWATCH:-./forkwatch}
EVENTS=${BENCH_REPORT_EVENTS:-1000000}
ROUNDS=${BENCH_REPORT_ROUNDS:-3}
here=$(dirname "$0")

work=$(mktemp -d "${TMPDIR:-/tmp}/fw-bench-report.XXXXXX")
trap 'rm -rf "$work"' EXIT
sh "$here/gen-log.sh" "$EVENTS" >"$work/log.jsonl"
echo "== forkwatch report on $(wc -l <"$work/log.jsonl") events" \
    "($(du -m "$work/log.jsonl" | cut -f1) MB), best of $ROUNDS"
printf '   %-36s %9s %9s %9s\n' "view" "wall" "CPU" "peak RSS"
for view in "--summary" "--tree" "--critical-path" "--slowest 10" \
    "--svg $work/o.svg" "--perfetto $work/o.json" "--otlp $work/o.otlp" \
    "--compile-commands /dev/null"; do
	# shellcheck disable=SC2086
	python3 - "$ROUNDS" "$FORKWATCH" report $view "$work/log.jsonl" <<'PY'
import resource, subprocess, sys, time
rounds, cmd = int(sys.argv[1]), sys.argv[2:]
best = None
for _ in range(rounds):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.time()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    wall = time.time() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of RUSAGE_CHILDREN: the largest child so far.
    row = (wall, cpu, after.ru_maxrss)
    best = row if best is None or row[1] < best[1] else best
view = " ".join(cmd[2:-1]).split("/")[0].strip()
print("   %-36s %8.2fs %8.2fs %6d MB" % (view, best[0], best[1], best[2] // 1024))
PY
done
