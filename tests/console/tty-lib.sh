# tty-lib.sh - the console on a real terminal (tmux), for the tests that
# type Ctrl-C (bash). Source it first:
#     . "${srcdir:-.}/tests/console/tty-lib.sh"
#
# On top of tests/tui/tui-lib.sh (tm, tui_keys, tui_screen, tui_wait, one
# tmux server per test). forkwatch runs in the pane's foreground process
# group, as from a shell prompt, so Ctrl-C reaches it and the programs it
# launched, as it would a user's. Not under timeout(1): timeout
# --foreground would pass the terminal's SIGINT on to forkwatch a second
# time (as a kill(2)) and SIGKILL it 5 s later. A watchdog outside the
# terminal kills it after FW_TIMEOUT seconds instead. The shell around it
# prints DONE-<status> when it ends.
#
#   con_tty_start ARGS...    forkwatch ARGS (say -c -- PROG) in the pane;
#                            $CON_FW is its pid. With CON_TTY_PRE set, that
#                            shell text runs first in the pane's shell (to
#                            start a program in the terminal's process
#                            group, say, setting TARGET to its pid): an
#                            argument @TARGET@ stands for "$TARGET", and
#                            $CON_TARGET is that pid
#   con_screen               the whole transcript (scrollback included)
#   con_wait REGEX           until a line of it matches (else fail)
#   con_count REGEX          how many lines of it match
#   con_prompts              how many "(fw)" prompt lines it has
#   con_tty_wait_prompt N    until more than N prompt lines show
#   con_type TEXT            type TEXT literally (tmux would read "delete"
#                            as the Delete key), then Enter
#   con_tty_cmd CMD          type CMD and wait for the next prompt
#   con_tty_done STATUS      until forkwatch has exited with STATUS
#   CPROGS                   the console's test programs

. "${srcdir:-.}/tests/tui/tui-lib.sh"

CPROGS=$top_builddir/tests/console
[ -x "$CPROGS/fwt-wait" ] || fail "no console test programs in $CPROGS"

con_tty_start()
{
	local a q="" pane i

	for a in "$@"; do
		if [ "$a" = @TARGET@ ]; then
			q="$q \"\$TARGET\""
		else
			q="$q $(printf '%q' "$a")"
		fi
	done
	rm -f "$T/target.pid"
	cat >"$T/run.sh" <<EOS
#!/bin/bash
export FWTEST_MARK=$FWMARK FWTEST_OUT=$T/side LC_ALL=${TUI_LOCALE:-C.UTF-8}
export HOME=$T XDG_STATE_HOME=$T INPUTRC=/dev/null
${TUI_ENV:-}
TARGET=
${CON_TTY_PRE:-}
echo "\$TARGET" >$T/target.pid
$FW_WRAPPER $(printf '%q' "$FW")$q
echo "DONE-\$?"
exec sleep 3600
EOS
	tm new-session -d -x "$TUI_W" -y "$TUI_H" "bash $T/run.sh" ||
	    fail "cannot start tmux"
	pane=$(tm display -p -t 0 '#{pane_pid}')
	CON_FW=
	for i in $(seq 1 200); do
		if [ -f "$T/target.pid" ]; then
			CON_TARGET=$(cat "$T/target.pid")
			CON_FW=$(ps -o pid= --ppid "$pane" | tr -d ' ' |
			    grep -vx "${CON_TARGET:-none}" | head -n 1)
		fi
		[ -n "$CON_FW" ] && break
		sleep 0.05
	done
	[ -n "$CON_FW" ] || fail "forkwatch did not start"
	fw_watchdog "$CON_FW"
}

con_screen()
{
	tm capture-pane -p -J -S - -t 0
}

con_wait()
{
	local i
	for i in $(seq 1 $((FW_TIMEOUT * 20))); do
		con_screen | grep -Eq -- "$1" && return 0
		sleep 0.05
	done
	echo "--- transcript:" >&2
	con_screen >&2
	fail "timed out waiting for /$1/"
}

con_count()
{
	con_screen | grep -Ec -- "$1"
}

con_prompts()
{
	con_count '^\(fw\)'
}

con_tty_wait_prompt()
{
	local i
	for i in $(seq 1 $((FW_TIMEOUT * 20))); do
		[ "$(con_prompts)" -gt "$1" ] && return 0
		sleep 0.05
	done
	con_screen >&2
	fail "no new prompt (more than $1)"
}

con_type()
{
	tm send-keys -t 0 -l "$1"
	tm send-keys -t 0 Enter
}

con_tty_cmd()
{
	local before
	before=$(con_prompts)
	con_type "$1"
	con_tty_wait_prompt "$before"
}

con_tty_done()
{
	local st
	con_wait '^DONE-[0-9]+$'
	st=$(con_screen | sed -n 's/^DONE-\([0-9]*\)$/\1/p')
	[ "$st" = "$1" ] || fail "forkwatch exited $st, expected $1"
}
