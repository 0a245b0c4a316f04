#!/bin/bash
# bench.sh - does the TUI slow the traced program down? Runs a fork+exec
# storm (tests/bench/forkstorm exec N) under `forkwatch --batch` and under
# `forkwatch --tui` in a tmux pane, alternating, ROUNDS times each, and
# prints the medians, their spread (min-max), their ratio and the load
# average (a ratio from a loaded machine says little). The storm times
# itself (a shell around forkstorm, traced too), so forkwatch's start and
# the keypress that lets the tree run do not count. Not part of
# `make check`.
#
#   FORKWATCH=./forkwatch FORKSTORM=tests/bench/forkstorm \
#       bash tests/tui/bench.sh [N [ROUNDS]]
set -u
N=${1:-10000}
ROUNDS=${2:-5}
FW=${FORKWATCH:-./forkwatch}
STORM=${FORKSTORM:-tests/bench/forkstorm}
command -v tmux >/dev/null || { echo "bench: tmux is needed" >&2; exit 77; }
[ -x "$STORM" ] || { echo "bench: no $STORM (make bench builds it)" >&2; exit 77; }
D=$(mktemp -d "${TMPDIR:-/tmp}/fwtuibench.XXXXXX")
SOCK=fwtuibench-$$
# tmux's socket in $D, removed with it (kill-server leaves the file).
export TMUX_TMPDIR=$D
trap 'tmux -L $SOCK kill-server >/dev/null 2>&1; rm -rf "$D"' EXIT
cat >"$D/storm.sh" <<EOS
a=\$(date +%s%N); $STORM exec $N || exit 1; b=\$(date +%s%N)
echo \$(( (b - a) / 1000000 )) >"\$1"
EOS

batch()
{
	rm -f "$D/ms"
	"$FW" --batch -q -o /dev/null sh "$D/storm.sh" "$D/ms" || return 1
	cat "$D/ms"
}

tui()
{
	local i
	rm -f "$D/ms"
	printf 'set -g status off\n' >"$D/tmux.conf"
	tmux -L "$SOCK" -f "$D/tmux.conf" new-session -d -x 100 -y 30 \
	    "$FW --tui sh $D/storm.sh $D/ms; sleep 3600"
	for i in $(seq 1 200); do
		tmux -L "$SOCK" capture-pane -p | grep -q '^ STOPPED ' && break
		sleep 0.05
	done
	tmux -L "$SOCK" send-keys c
	while [ ! -s "$D/ms" ]; do sleep 0.2; done
	tmux -L "$SOCK" kill-server
	cat "$D/ms"
}

median()
{
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# The spread of a mode's rounds: "min-max".
spread()
{
	sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'
}

# The machine's load: on a busy machine the TUI pays for its extra
# stops and processes far more than batch mode does (waiting for a CPU
# at every stop), so a ratio measured there says little.
load()
{
	cut -d' ' -f1-3 /proc/loadavg 2>/dev/null
}

lb=$(load)

for r in $(seq 1 "$ROUNDS"); do
	b=$(batch) && echo "$b" >>"$D/batch"
	t=$(tui) && echo "$t" >>"$D/tui"
	echo "round $r: batch ${b} ms, tui ${t} ms" >&2
done
mb=$(median <"$D/batch")
mt=$(median <"$D/tui")
echo "forkstorm exec $N, median of $ROUNDS: batch $mb ms" \
    "($(spread <"$D/batch")), tui $mt ms ($(spread <"$D/tui"))," \
    "ratio $(awk -v t="$mt" -v b="$mb" 'BEGIN { printf "%.3f", t / b }')"
echo "load average (1, 5, 15 min): $lb before, $(load) after"
