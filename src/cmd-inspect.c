/* cmd-inspect.c - looking at the tree: tree, info, bt, events. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd-int.h"
#include "escape.h"
#include "flags.h"
#include "inspect.h"

static int
check_pid_arg(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	(void)ck;
	if (argc > 1)
		return cmd_check_pid(argv[1], err);
	return 0;
}

static int
exec_tree(struct session *s, int argc, char **argv)
{
	struct fw_task	*t = NULL;
	struct fw_buf	 b;

	if (argc > 1 && (t = cmd_task(s, argv[1])) == NULL)
		return CMD_ERROR;
	fw_buf_init(&b);
	inspect_tree(s, t != NULL ? t->tid : 0, &b);
	if (b.len == 0)
		fw_buf_adds(&b, "No traced tasks.\n");
	session_write(s, b.data, b.len);
	fw_buf_release(&b);
	return CMD_OK;
}

const struct cmd_entry cmd_tree_entry = {
	.name = "tree",
	.alias = NULL,
	.args = "[PID]",
	.help = "show the process tree (or PID's subtree)",
	.min_args = 0,
	.max_args = 1,
	.complete = { CMDARG_PID },
	.exec = exec_tree,
	.check = check_pid_arg,
	.doc = "One line per task: its id, name ({name} for a thread), its "
	    "state letter from /proc in brackets (T for a job-control stop, - "
	    "for a task that is gone) and why forkwatch has it as it is: "
	    "stopped at an event (with the breakpoint that stopped it), new, "
	    "paused, held, running, exited N, killed by SIGNAL, detached. "
	    "Threads and child processes appear under their process in the "
	    "order they were created. A process the kernel re-parented (its "
	    "parent exited) stays under its creator with \"re-parented to "
	    "N\", and is listed again under a traced new parent as \"PID "
	    "(adopted: its parent N exited)\".",
};

static const char *const info_words[] = { "breakpoints", "exec", "signals",
	NULL };

/* Does word abbreviate "signals" (at least "sig")? */
static bool
is_signals_word(const char *w)
{
	size_t	 n = strlen(w);

	return n >= 3 && strncmp(w, "signals", n) == 0;
}

static int
check_info(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	(void)ck;
	if (argc > 1 && strcmp(argv[1], "exec") == 0) {
		if (argc > 2)
			return cmd_check_pid(argv[2], err);
		return 0;
	}
	if (argc > 1 && is_signals_word(argv[1])) {
		if (argc > 2 && flags_sigparse(argv[2]) <= 0) {
			fw_buf_adds(err, "unknown signal ");
			cmd_add_word(err, argv[2]);
			return -1;
		}
		return 0;
	}
	if (argc > 2) {
		fw_buf_adds(err, "usage: info [PID | exec [PID] | breakpoints | "
		    "signals [SIG]]");
		return -1;
	}
	if (argc > 1 && !cmd_is_bp_word(argv[1]))
		return cmd_check_pid(argv[1], err);
	return 0;
}

/* An inspect_* function that writes about a task to b, or fails with the
 * reason in err. */
typedef int (*task_view_fn)(struct session *, struct fw_task *,
    struct fw_buf *b, struct fw_buf *err);

/* Show what view writes about t, or say why it cannot. */
static int
show_task(struct session *s, struct fw_task *t, task_view_fn view)
{
	struct fw_buf	 b, err;
	int		 r;

	fw_buf_init(&b);
	fw_buf_init(&err);
	if ((r = view(s, t, &b, &err)) == 0)
		session_write(s, b.data, b.len);
	else
		cmd_error(s, "%s", fw_buf_cstr(&err));
	fw_buf_release(&b);
	fw_buf_release(&err);
	return r == 0 ? CMD_OK : CMD_ERROR;
}

/* "info exec [PID]": what the task's last exec was given. */
static int
info_exec(struct session *s, const char *arg)
{
	struct fw_task	*t;

	if ((t = cmd_task(s, arg)) == NULL)
		return CMD_ERROR;
	return show_task(s, t, inspect_exec_task);
}

static int
exec_info(struct session *s, int argc, char **argv)
{
	struct fw_task	*t;
	struct fw_buf	 b;

	if (argc > 1 && strcmp(argv[1], "exec") == 0)
		return info_exec(s, argc > 2 ? argv[2] : NULL);
	if (argc > 1 && is_signals_word(argv[1])) {
		cmd_sig_list(s, argc > 2 ? flags_sigparse(argv[2]) : 0);
		return CMD_OK;
	}
	if (argc > 1 && cmd_is_bp_word(argv[1])) {
		cmd_bp_list(s);
		return CMD_OK;
	}
	if ((t = cmd_task(s, argc > 1 ? argv[1] : NULL)) == NULL)
		return CMD_ERROR;
	fw_buf_init(&b);
	inspect_info(s, t, &b);
	session_write(s, b.data, b.len);
	fw_buf_release(&b);
	return CMD_OK;
}

const struct cmd_entry cmd_info_entry = {
	.name = "info",
	.alias = "ps",
	.args = "[PID | exec [PID] | breakpoints | signals [SIG]]",
	.help = "show everything about a task (default: the one the tree "
	    "stopped at), what its last exec was given, the breakpoints, or "
	    "how signals are handled",
	.min_args = 0,
	.max_args = 2,
	.complete = { CMDARG_PID, CMDARG_PID },
	.words = info_words,
	.exec = exec_info,
	.check = check_info,
	.doc = "For a live task: forkwatch's view (why it is stopped, who "
	    "created it, with which clone flags, and whether the kernel "
	    "re-parented it; for a thread the kernel made, such as an io_uring "
	    "worker, what it is and its PF_* flags as found), the /proc "
	    "state, the PF_* flags of /proc/PID/stat decoded, pid, tgid, ppid, pgid, sid and tracer, the threads with "
	    "their states, uid and gid, capabilities (a summary first: full "
	    "set, none, or what the effective set has more or less than the "
	    "parent's; then effective, permitted, inheritable, bounding), the "
	    "blocked, ignored, caught and pending "
	    "signals by name, argv, exe, cwd, open fds with their targets, "
	    "memory (VmRSS, VmHWM, VmSize), start time and age. For a task "
	    "that is gone: its exit status, argv and exe. info exec PID shows "
	    "the task's last exec: the path, every argument, the cwd, the "
	    "environment as a diff against its parent's (- NAME=old, + "
	    "NAME=new), the fds open across it (with --fds as they were at "
	    "the exec, and those it closed because they were close-on-exec; "
	    "else as they are now, said so), and a command line that runs the "
	    "same exec again from the shell forkwatch was started in: cd, env "
	    "with the differences from forkwatch's environment, the path and "
	    "the arguments, each quoted for the shell. Without --env, the "
	    "environment is read from /proc while the task lives (the block "
	    "its exec was given).",
};

static const char *const bt_words[] = { "all", NULL };

static int
check_bt(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	(void)ck;
	if (argc > 1 && strcmp(argv[1], "all") != 0)
		return cmd_check_pid(argv[1], err);
	return 0;
}

/* The stack of a task in a ptrace-stop (a running one is stopped for it
 * and let go again), or of every stopped task. */
static int
exec_bt(struct session *s, int argc, char **argv)
{
	struct fw_task	*t;
	struct fw_buf	 b;

	if (argc > 1 && strcmp(argv[1], "all") == 0) {
		fw_buf_init(&b);
		inspect_bt_all(s, &b);
		session_write(s, b.data, b.len);
		fw_buf_release(&b);
		return CMD_OK;
	}
	if ((t = cmd_task(s, argc > 1 ? argv[1] : NULL)) == NULL)
		return CMD_ERROR;
	return show_task(s, t, inspect_bt);
}

const struct cmd_entry cmd_bt_entry = {
	.name = "bt",
	.flags = CMD_F_STOPS,
	.alias = "backtrace",
	.args = "[PID | all]",
	.help = "show the stack of a task (default: the one the tree stopped "
	    "at), or of every stopped task",
	.min_args = 0,
	.max_args = 1,
	.complete = { CMDARG_PID },
	.words = bt_words,
	.exec = exec_bt,
	.check = check_bt,
	.doc = "The stack is unwound from outside (libunwind-ptrace) and "
	    "symbolised from the ELF symbol tables and the DWARF debug "
	    "information: one line per frame, \"main () at tree3.c:30\" where "
	    "the program was built with -g, the function and offset and the "
	    "file it is in otherwise, or file+offset where no symbol covers "
	    "the address (stripped code). Separate debug files are found as "
	    "gdb finds them: by build-id under the debug directory "
	    "(/usr/lib/debug, see set debug-file-directory) and by "
	    ".gnu_debuglink next to the file, in its .debug directory and "
	    "under the debug directory. C++, Rust and D names are demangled. "
	    "A task that runs (task-stop mode) is stopped for the backtrace "
	    "and let go again; one blocked in vfork cannot be. bt all shows "
	    "the stack of every stopped task, threads included, like gdb's "
	    "thread apply all bt.",
};

static int
check_events(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	(void)ck;
	if (argc > 1)
		return cmd_check_count(argv[1], "N", err);
	return 0;
}

static int
exec_events(struct session *s, int argc, char **argv)
{
	size_t		 n = argc > 1 ? (size_t)atoi(argv[1]) : 20, i, first;
	struct fw_buf	 b;
	const char	*line;

	if (n > SESS_HISTORY)
		n = SESS_HISTORY;
	if (n > s->hist_next)
		n = s->hist_next;
	first = s->hist_next - n;
	fw_buf_init(&b);
	for (i = first; i < s->hist_next; i++) {
		line = s->hist[i % SESS_HISTORY].line;
		if (line == NULL)
			continue;
		fw_buf_adds(&b, line + strspn(line, " "));
		fw_buf_addc(&b, '\n');
	}
	if (b.len == 0)
		fw_buf_adds(&b, "No events yet.\n");
	session_write(s, b.data, b.len);
	fw_buf_release(&b);
	return CMD_OK;
}

const struct cmd_entry cmd_events_entry = {
	.name = "events",
	.alias = NULL,
	.args = "[N]",
	.help = "show the last N events (default 20, at most 1024)",
	.min_args = 0,
	.max_args = 1,
	.exec = exec_events,
	.check = check_events,
	.doc = "In the text log format: seconds since the start, the task "
	    "(TID.TGID for a thread), the event and its details; exiting "
	    "marks a task's exit stop, exit its end.",
};
