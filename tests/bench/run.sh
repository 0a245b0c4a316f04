#!/bin/bash
# run.sh - forkwatch benchmark (`make bench`; not part of `make check`).
#
# 1. A fork+exec storm (BENCH_N x fork, exec /bin/true, wait), timed
#    untraced, under forkwatch writing a full JSON Lines log with each
#    backend (ptrace, and bpf where it can load), and under strace -f with
#    and without --seccomp-bpf: BENCH_ROUNDS rounds, each running all
#    variants in a rotated order, so drift in machine load hits every
#    variant alike. Prints medians and ratios to the untraced run and to
#    strace --seccomp-bpf, each tracer's own CPU time, and the events the
#    eBPF backend lost (events_lost of every bpf log, summed).
# 2. A thread storm (BENCH_THREADS threads, 100 alive at a time) and a
#    tree of BENCH_TREE processes all alive at once, untraced and under
#    forkwatch with each backend; then forkwatch's peak RSS on that tree.
#
# 3. The TUI (with tmux): the fork+exec storm under --tui against --batch
#    (tests/tui/bench.sh), and --replay of a 10^6-event log in which one
#    process has 250,000 children (tests/tui/mklog.awk): the time to its
#    first screen.
#
# Environment: FORKWATCH, FORKSTORM (paths; make bench sets them),
# BENCH_N (2000), BENCH_ROUNDS (7), BENCH_THREADS (5000), BENCH_TREE
# (10000), BENCH_TREE_ROUNDS (3), BENCH_NICE (a nice(1) increment for every
# run, e.g. -10 as root on a machine that is not idle; default none),
# BENCH_TUI_N (10000), BENCH_TUI_ROUNDS (5), BENCH_REPLAY_CHILDREN
# (250000), TMPDIR.
set -u

FORKWATCH=${FORKWATCH:-./forkwatch}
FORKSTORM=${FORKSTORM:-./tests/bench/forkstorm}
N=${BENCH_N:-2000}
ROUNDS=${BENCH_ROUNDS:-7}
THREADS=${BENCH_THREADS:-5000}
TREE=${BENCH_TREE:-10000}
TREE_ROUNDS=${BENCH_TREE_ROUNDS:-3}
NICE=${BENCH_NICE:-}

for p in "$FORKWATCH" "$FORKSTORM"; do
	if [ ! -x "$p" ]; then
		echo "bench: $p not found (run it with 'make bench')" >&2
		exit 1
	fi
done
if [ -z "${EPOCHREALTIME:-}" ]; then
	echo "bench: needs bash >= 5 (EPOCHREALTIME)" >&2
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fw-bench.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
log=$work/trace.jsonl

# run LABEL CMD...: run CMD once, append its wall time (seconds) to
# $work/LABEL. Output is discarded; a failure stops the benchmark.
run() {
	local label=$1 t0 t1
	shift
	[ -n "$NICE" ] && set -- nice -n "$NICE" "$@"
	t0=$EPOCHREALTIME
	if ! "$@" >/dev/null 2>"$work/stderr"; then
		echo "bench: '$*' failed:" >&2
		cat "$work/stderr" >&2
		exit 1
	fi
	t1=$EPOCHREALTIME
	echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$work/$label"
}

median() {
	sort -n "$work/$1" | awk '{ v[NR] = $1 } END {
	    if (NR % 2) print v[(NR + 1) / 2];
	    else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ratio A B: A / B with two decimals.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

# Check that the last forkwatch log is complete and saw what it should;
# add the events an eBPF log says it lost to $work/lost.
check_log() {
	local what=$1 want=$2 got lost
	got=$(grep -c "\"event\":\"$what\"" "$log")
	if [ "$got" -lt "$want" ] || ! tail -n 1 "$log" | grep -q '"event":"end"'; then
		echo "bench: forkwatch log incomplete: $got $what events," \
		    "expected $want" >&2
		exit 1
	fi
	lost=$(tail -n 1 "$log" | sed -n 's/.*"events_lost":\([0-9]*\).*/\1/p')
	if [ -n "$lost" ]; then
		echo "$lost" >>"$work/lost"
	fi
}

have_strace=yes
if ! command -v strace >/dev/null 2>&1; then
	have_strace=no
elif ! strace -f -qq --seccomp-bpf -e trace=process -o /dev/null \
    /bin/true >/dev/null 2>&1; then
	have_strace=old
fi

# The eBPF backend, where it is built and can load here.
have_bpf=yes
if ! "$FORKWATCH" --backend=bpf --batch -q -o /dev/null /bin/true \
    2>"$work/bpf.err"; then
	have_bpf="no ($(head -n 1 "$work/bpf.err"))"
fi
: >"$work/lost"

storm=("$FORKSTORM" exec "$N" /bin/true)
variants=(untraced forkwatch)
[ "$have_bpf" = yes ] && variants+=(forkwatch_bpf)
[ "$have_strace" != no ] && variants+=(strace)
[ "$have_strace" = yes ] && variants+=(strace_bpf)
nv=${#variants[@]}

echo "forkwatch benchmark on $(uname -sr), $(nproc) CPUs," \
    "$(date -u +%Y-%m-%dT%H:%MZ)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)${NICE:+; every run under nice -n $NICE}"
echo
echo "1. fork+exec storm: $N x (fork, exec /bin/true, wait)," \
    "$ROUNDS interleaved rounds"
for ((r = 0; r < ROUNDS; r++)); do
	for ((k = 0; k < nv; k++)); do
		case ${variants[(k + r) % nv]} in
		untraced)
			run untraced "${storm[@]}" ;;
		forkwatch)
			run forkwatch "$FORKWATCH" --batch -q --format=jsonl \
			    -o "$log" "${storm[@]}"
			check_log exec "$N" ;;
		forkwatch_bpf)
			run forkwatch_bpf "$FORKWATCH" --backend=bpf --batch -q \
			    --format=jsonl -o "$log" "${storm[@]}"
			check_log exec "$N" ;;
		strace)
			run strace strace -f -qq -e trace=process \
			    -o /dev/null "${storm[@]}" ;;
		strace_bpf)
			run strace_bpf strace -f -qq --seccomp-bpf \
			    -e trace=process -o /dev/null "${storm[@]}" ;;
		esac
	done
	printf '   round %d/%d done\n' $((r + 1)) "$ROUNDS"
done

base=$(median untraced)
printf '\n   %-44s %9s %9s   %s\n' "" "median s" "ratio" "all runs (s)"
for v in "${variants[@]}"; do
	case $v in
	untraced)   name="untraced" ;;
	forkwatch)  name="forkwatch --batch -q --format=jsonl -o FILE" ;;
	forkwatch_bpf) name="  the same with --backend=bpf" ;;
	strace)     name="strace -f -qq -e trace=process" ;;
	strace_bpf) name="strace -f -qq --seccomp-bpf -e trace=process" ;;
	esac
	m=$(median "$v")
	printf '   %-44s %9.3f %8sx   %s\n' "$name" "$m" "$(ratio "$m" "$base")" \
	    "$(sort -n "$work/$v" | tr '\n' ' ')"
done
fw=$(median forkwatch)
fw_ratio=$(ratio "$fw" "$base")
# ok A OP B: "met" or "missed".
ok() {
	awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN {
	    r = op == "<=" ? a <= b : a >= b; print r ? "met" : "missed" }'
}
echo
if [ "$have_strace" = yes ]; then
	sb=$(median strace_bpf)
	printf '   forkwatch (ptrace) vs strace --seccomp-bpf: %s of its time\n' \
	    "$(ratio "$fw" "$sb")"
	[ "$have_bpf" = yes ] &&
	    printf '   forkwatch (bpf)    vs strace --seccomp-bpf: %s of its time\n' \
	    "$(ratio "$(median forkwatch_bpf)" "$sb")"
else
	echo "   strace${have_strace:+ ($have_strace)} without --seccomp-bpf" \
	    "support: no comparison"
fi
# The tracers' own CPU time (not their tracees'): the best of 3 runs. The
# eBPF backend's programs run in the tracees (their system time), so the
# wall-clock ratio is what counts them.
tracer_cpu() {
	local best='' c _
	for _ in 1 2 3; do
		c=$("$FORKSTORM" cpu "$@" 2>&1 >/dev/null | sed -n 's/^cpu=\([0-9.]*\).*/\1/p')
		[ -z "$best" ] || awk -v a="$c" -v b="$best" 'BEGIN { exit !(a < b) }' &&
		    best=$c
	done
	echo "${best:-?}"
}
c=$(tracer_cpu "$FORKWATCH" --batch -q --format=jsonl -o "$log" "${storm[@]}")
printf '   CPU time of the tracer itself: forkwatch (ptrace) %s s' "$c"
if [ "$have_bpf" = yes ]; then
	printf ', forkwatch (bpf) %s s' "$(tracer_cpu "$FORKWATCH" \
	    --backend=bpf --batch -q --format=jsonl -o "$log" "${storm[@]}")"
fi
if [ "$have_strace" = yes ]; then
	printf ', strace --seccomp-bpf %s s' "$(tracer_cpu strace -f -qq \
	    --seccomp-bpf -e trace=process -o /dev/null "${storm[@]}")"
fi
echo " (best of 3)"
echo "   target: forkwatch (ptrace) <= 1.35x untraced:" \
    "$(ok "$fw" "<=" "$(awk -v b="$base" 'BEGIN { print b * 1.35 }')")" \
    "($fw_ratio x)"
if [ "$have_strace" = yes ]; then
	echo "   target: strace --seccomp-bpf >= 1.25x forkwatch (ptrace)'s" \
	    "time: $(ok "$sb" ">=" "$(awk -v b="$fw" 'BEGIN { print b * 1.25 }')")"
fi
if [ "$have_bpf" = yes ]; then
	fb=$(median forkwatch_bpf)
	echo "   target: forkwatch (bpf) <= 1.05x untraced:" \
	    "$(ok "$fb" "<=" "$(awk -v b="$base" 'BEGIN { print b * 1.05 }')")" \
	    "($(ratio "$fb" "$base") x)"
	[ "$have_strace" = yes ] &&
	echo "   target: forkwatch (bpf) <= 0.8x strace --seccomp-bpf's time:" \
	    "$(ok "$fb" "<=" "$(awk -v b="$sb" 'BEGIN { print b * 0.8 }')")" \
	    "($(ratio "$fb" "$sb") x)"
else
	echo "   the eBPF backend: not measured: $have_bpf"
fi

echo
echo "2. thread storm: $THREADS threads, 100 alive at a time;" \
    "process tree: $TREE processes alive at once; $TREE_ROUNDS rounds"
for ((r = 0; r < TREE_ROUNDS; r++)); do
	run threads_untraced "$FORKSTORM" threads "$THREADS"
	run threads_forkwatch "$FORKWATCH" --batch -q --format=jsonl -o "$log" \
	    "$FORKSTORM" threads "$THREADS"
	check_log clone "$THREADS"
	if [ "$have_bpf" = yes ]; then
		run threads_bpf "$FORKWATCH" --backend=bpf --batch -q \
		    --format=jsonl -o "$log" "$FORKSTORM" threads "$THREADS"
		check_log clone "$THREADS"
		run tree_bpf "$FORKWATCH" --backend=bpf --batch -q \
		    --format=jsonl -o "$log" "$FORKSTORM" tree "$TREE"
		check_log fork "$TREE"
	fi
	run tree_forkwatch "$FORKWATCH" --batch -q --format=jsonl -o "$log" \
	    "$FORKSTORM" tree "$TREE"
	check_log fork "$TREE"
	run tree_untraced "$FORKSTORM" tree "$TREE"
done
for w in threads tree; do
	u=$(median ${w}_untraced)
	f=$(median ${w}_forkwatch)
	printf '   %-8s untraced %7.3f s   ptrace %7.3f s (%sx)' \
	    "$w" "$u" "$f" "$(ratio "$f" "$u")"
	if [ "$have_bpf" = yes ]; then
		b=$(median ${w}_bpf)
		printf '   bpf %7.3f s (%sx; target <= 1.1x: %s)' "$b" \
		    "$(ratio "$b" "$u")" \
		    "$(ok "$b" "<=" "$(awk -v x="$u" 'BEGIN { print x * 1.1 }')")"
	fi
	echo
done
if [ "$have_bpf" = yes ]; then
	# The eBPF backend's fixed cost (reading the kernel's BTF, the
	# verifier, the ring buffer) weighs on short runs: shown apart.
	for _ in 1 2 3 4 5; do
		run start_untraced /bin/true
		run start_bpf "$FORKWATCH" --backend=bpf --batch -q -o /dev/null \
		    /bin/true
	done
	printf '   %s %.3f s, /bin/true alone %.3f s (medians of 5)\n' \
	    'start-up of the eBPF backend (--backend=bpf /bin/true):' \
	    "$(median start_bpf)" "$(median start_untraced)"
	echo "   events the eBPF backend lost, all runs above:" \
	    "$(awk '{ s += $1 } END { print s + 0 }' "$work/lost")" \
	    "in $(wc -l <"$work/lost") runs (target: 0)"
fi

# Peak RSS: sample forkwatch's VmHWM (a high-water mark, so the last
# sample before it exits is its peak so far) in a run of its own.
"$FORKWATCH" --batch -q --format=jsonl -o "$log" "$FORKSTORM" tree "$TREE" \
    >/dev/null 2>&1 &
fwpid=$!
hwm=0
while kill -0 "$fwpid" 2>/dev/null; do
	v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$fwpid/status" 2>/dev/null)
	[ -n "$v" ] && hwm=$v
	sleep 0.01
done
wait "$fwpid"
st=$?
check_log fork "$TREE"
echo "   forkwatch peak RSS (VmHWM) on the $TREE-process tree: $hwm kB" \
    "(exit $st, log $(wc -l <"$log") lines, $(du -k "$log" | cut -f1) kB)"

echo
TUI_N=${BENCH_TUI_N:-10000}
TUI_ROUNDS=${BENCH_TUI_ROUNDS:-5}
KIDS=${BENCH_REPLAY_CHILDREN:-250000}
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v tmux >/dev/null 2>&1; then
	echo "3. the TUI: not measured (tmux is needed)"
elif ! "$FORKWATCH" --help | grep -q -- '--replay'; then
	echo "3. the TUI: not measured (forkwatch is built without it)"
else
	echo "3. the TUI: fork+exec storm ($TUI_N x), $TUI_ROUNDS rounds each"
	FORKWATCH=$FORKWATCH FORKSTORM=$FORKSTORM \
	    bash "$here/../tui/bench.sh" "$TUI_N" "$TUI_ROUNDS" 2>/dev/null |
	    sed 's/^/   /' | tee "$work/tui"
	echo "   target: the TUI within 5 % of batch mode (ratio <= 1.05):" \
	    "$(awk '/ ratio / { r = $NF } END {
		if (r == "") print "not measured"
		else print (r <= 1.05) ? "met" : "missed" }' "$work/tui")"
	big=$work/replay.jsonl
	awk -v n="$KIDS" -f "$here/../tui/mklog.awk" >"$big"
	nev=$((4 * KIDS + 2))
	sock=fwbench-$$
	# tmux's socket in $work, removed with it (kill-server leaves it).
	export TMUX_TMPDIR=$work
	printf 'set -g status off\n' >"$work/tmux.conf"
	t0=$EPOCHREALTIME
	tmux -L "$sock" -f "$work/tmux.conf" new-session -d -x 100 -y 30 \
	    "$FORKWATCH --replay $big; sleep 3600"
	for _ in $(seq 1 1200); do
		tmux -L "$sock" capture-pane -p | grep -q "REPLAY  event 1/$nev " &&
		    break
		sleep 0.05
	done
	t1=$EPOCHREALTIME
	rpid=$(ps -eo pid=,args= | awk -v lf="$big" \
	    '$2 ~ /forkwatch$/ && index($0, "--replay " lf) { print $1; exit }')
	rcpu=?
	[ -n "$rpid" ] && rcpu=$(awk -v hz="$(getconf CLK_TCK)" \
	    '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$rpid/stat")
	tmux -L "$sock" kill-server
	rt=$(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }')
	echo "   --replay of $nev events (one process, $KIDS children," \
	    "$(du -m "$big" | cut -f1) MB): first screen after $rt s" \
	    "($rcpu s of CPU)"
	echo "   target: a 10^6-event log opens in under 10 s:" \
	    "$(awk -v t="$rt" 'BEGIN { print (t < 10) ? "met" : "missed" }')"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
