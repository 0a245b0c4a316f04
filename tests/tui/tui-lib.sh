# tui-lib.sh - drive the real TUI in tmux, for the tests/tui/*.test scripts
# (bash). Source it first:  . "${srcdir:-.}/tests/tui/tui-lib.sh"
#
# Each test gets its own tmux server (socket fwtest-PID, in a private
# $TMUX_TMPDIR), killed at exit with any other it started.
# forkwatch runs in a pane of TUI_W x TUI_H (default 100 x 30, no status
# bar) under timeout --foreground, in a shell that prints DONE-<status>
# when it ends, so a test can see the terminal handed back. Ordering is by
# polling the screen for what must appear (bounded), never by sleeping.
#
#   tui_start [FORKWATCH ARGS...]   start forkwatch (no --tui implied)
#   tui_keys KEY...                 tmux send-keys
#   tui_screen                      the pane's text
#   tui_wait REGEX [SECONDS]        until a line matches (else fail)
#   tui_wait_gone REGEX [SECONDS]   until no line matches (else fail)
#   tui_wait_bold TEXT [SECONDS]    until TEXT is drawn bold (a focused
#                                   pane's title)
#   tui_has_attr N TEXT             TEXT is drawn with SGR N (7: reverse)
#   tui_tree                        the tree pane's rows (layout 100x30)
#   tui_events_count                the number in the event pane's title

. "${srcdir:-.}/tests/lib/common.sh"

fw_have FW_HAVE_TUI || skip "built without the TUI (configure --disable-tui)"
command -v tmux >/dev/null 2>&1 || skip "tmux is needed"

TUI_W=${TUI_W:-100}
TUI_H=${TUI_H:-30}
TUI_SOCK="fwtest-$$"
printf 'set -g status off\nset -g default-terminal screen\n' >"$T/tmux.conf"
# The test's tmux servers put their sockets in a directory of their own
# (tmux 3.3 leaves a socket file behind after kill-server), short enough
# for a socket's path wherever the tests are built; at exit every server
# there is killed and the directory removed.
TUI_TMUX_DIR=$(mktemp -d "${TMPDIR:-/tmp}/fwtmux.XXXXXX") ||
    fail "cannot make a directory for tmux"
export TMUX_TMPDIR=$TUI_TMUX_DIR

tm()
{
	tmux -L "$TUI_SOCK" -f "$T/tmux.conf" "$@"
}

tui_cleanup()
{
	local rc=$? s
	for s in "$TUI_TMUX_DIR"/tmux-*/*; do
		[ -S "$s" ] && tmux -S "$s" kill-server >/dev/null 2>&1
	done
	rm -rf "$TUI_TMUX_DIR"
	(exit "$rc")
	fw_cleanup
}
trap tui_cleanup EXIT

tui_start()
{
	local a q=""

	for a in "$@"; do
		q="$q $(printf '%q' "$a")"
	done
	cat >"$T/run.sh" <<EOS
#!/bin/bash
export FWTEST_MARK=$FWMARK FWTEST_OUT=$T/side LC_ALL=${TUI_LOCALE:-C.UTF-8}
${TUI_ENV:-}
timeout --foreground -k 5 $FW_TIMEOUT $FW_WRAPPER $(printf '%q' "$FW")$q
echo "DONE-\$?"
exec sleep 3600
EOS
	tui_new_session "bash $T/run.sh"
}

# A server that a test has just killed may still be going away: a new
# session then fails with "server exited unexpectedly". Try again a few
# times (bounded), then fail.
tui_new_session()
{
	local i
	for i in $(seq 1 50); do
		tm new-session -d -x "$TUI_W" -y "$TUI_H" "$1" 2>"$T/tmux.err" &&
		    return 0
		sleep 0.1
	done
	cat "$T/tmux.err" >&2
	fail "cannot start tmux"
}

tui_keys()
{
	tm send-keys -t 0 "$@"
}

tui_screen()
{
	tm capture-pane -p -t 0
}

tui_wait()
{
	local re=$1 secs=${2:-20} i

	for i in $(seq 1 $((secs * 20))); do
		tui_screen | grep -Eq -- "$re" && return 0
		sleep 0.05
	done
	echo "--- screen:" >&2
	tui_screen >&2
	fail "timed out waiting for /$re/"
}

tui_wait_gone()
{
	local re=$1 secs=${2:-20} i

	for i in $(seq 1 $((secs * 20))); do
		tui_screen | grep -Eq -- "$re" || return 0
		sleep 0.05
	done
	echo "--- screen:" >&2
	tui_screen >&2
	fail "timed out waiting for /$re/ to go"
}

# tui_has_attr N TEXT: whether TEXT is on the screen with the attribute
# SGR N (1 bold, 7 reverse, 31 red, 35 magenta): the attributes in effect
# where it starts, from the SGR sequences tmux puts before it on its line.
tui_has_attr()
{
	local line pre sgr p on=" "
	local -a ps

	line=$(tm capture-pane -p -e -t 0 | grep -F -- "$2" | head -n 1)
	[ -n "$line" ] || return 1
	pre=${line%%"$2"*}
	while IFS= read -r sgr; do
		sgr=${sgr#$'\033['}
		sgr=${sgr%m}
		IFS=';' read -ra ps <<<"${sgr:-0}"
		for p in "${ps[@]}"; do
			case $p in
			0|'')	on=" " ;;
			22)	on=${on// 1 / }; on=${on// 2 / } ;;
			24)	on=${on// 4 / } ;;
			27)	on=${on// 7 / } ;;
			3[0-9])	on=$(printf '%s' "$on" | sed -E 's/ 3[0-9]( 3[0-9])* / /g')
				[ "$p" = 39 ] || on="$on$p " ;;
			4[0-9])	on=$(printf '%s' "$on" | sed -E 's/ 4[0-9]( 4[0-9])* / /g')
				[ "$p" = 49 ] || on="$on$p " ;;
			*)	on="$on$p " ;;
			esac
		done
	done < <(printf '%s' "$pre" | grep -oE $'\033\\[[0-9;]*m')
	[[ $on == *" $1 "* ]]
}

tui_is_bold()
{
	tui_has_attr 1 "$1"
}

tui_wait_bold()
{
	local secs=${2:-20} i

	for i in $(seq 1 $((secs * 20))); do
		tui_is_bold "$1" && return 0
		sleep 0.05
	done
	tm capture-pane -p -e -t 0 | cat -v >&2
	fail "timed out waiting for '$1' in bold"
}

# The tree pane in the default 100x30 layout: rows 2-16, left of the line.
tui_tree()
{
	tui_screen | sed -n '2,16p' | sed 's/│.*$//; s/ *$//' | grep -v '^$'
}

tui_events_count()
{
	tui_screen | sed -n 's/^ events  \([0-9]*\).*/\1/p' | head -n 1
}

# Press a key and wait until there are new events and the tree is stopped
# again (or the trace is over).
tui_step()
{
	local before i now scr

	before=$(tui_events_count)
	tui_keys "$1"
	for i in $(seq 1 400); do
		scr=$(tui_screen)
		now=$(printf '%s\n' "$scr" |
		    sed -n 's/^ events  \([0-9]*\).*/\1/p' | head -n 1)
		printf '%s\n' "$scr" | grep -q '^ DONE ' && return 0
		[ -n "$now" ] && [ "$now" != "$before" ] &&
		    printf '%s\n' "$scr" | grep -q '^ STOPPED ' && return 0
		sleep 0.05
	done
	tui_screen >&2
	fail "no event after '$1'"
}
