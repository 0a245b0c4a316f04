/* inspect.h - what the console and the TUI show of traced tasks: a one-line
 * summary per task, the process tree and everything about one task ("info"),
 * rendered as text into an fw_buf. Every string that comes from a tracee
 * (comm, argv, paths, fd targets) is escaped for a terminal. Reads /proc
 * through the session's engine; knows nothing of terminals or curses. */
#ifndef FW_INSPECT_H
#define FW_INSPECT_H

#include <stdbool.h>
#include <sys/types.h>

#include "session.h"
#include "util.h"

/* t's state letter as /proc shows it (R, S, D, t, Z...), except 'T' for a
 * task in a job-control stop, which /proc shows as 't' while forkwatch
 * listens (PTRACE_LISTEN); '-' for a task that is gone, '?' when /proc
 * cannot be read. */
char	inspect_state(struct session *, const struct fw_task *);

/* Why t is as it is, from forkwatch's side: "stopped at fork (breakpoint
 * 1)", "held, paused", "new", "running", "job-control stop (SIGTSTP)",
 * "exited 3", "killed by SIGSEGV (core dumped)", "detached". */
void	inspect_why(struct session *, const struct fw_task *, struct fw_buf *);

/* t's name, escaped: its comm (from /proc while it lives), "{comm}" for a
 * thread that is not its process's leader. */
void	inspect_name(struct session *, const struct fw_task *, struct fw_buf *);

/* t's pid: "48213", or for a task in another pid namespace "48213 [inner
 * 7]", or with set pids inner "7 [outer 48213]". */
void	inspect_pid(const struct session *, const struct fw_task *,
	    struct fw_buf *);

/* The one-line summary "TID NAME [S] WHY" (no newline) that the tree
 * shows for each task. */
void	inspect_line(struct session *, const struct fw_task *, struct fw_buf *);

/* The process tree of the task root (0: every tree forkwatch knows), one
 * line per task with inspect_line(): threads and child processes under
 * their process in creation order, exited tasks kept with their status.
 * Lines are drawn with ASCII when s->plain, else with box-drawing
 * characters in a UTF-8 locale. */
void	inspect_tree(struct session *, pid_t root, struct fw_buf *);

/* Everything about one task that matters when debugging a process's life:
 * state, PF_* flags, ids, tracer, threads, credentials, capabilities,
 * signal masks, argv, exe, cwd, fds with their targets, memory, start time
 * and age; for a task that is gone, what forkwatch kept. */
void	inspect_info(struct session *, struct fw_task *, struct fw_buf *);

/* The backtrace of t (inspect-bt.c): "Task N NAME, WHY:" and one line per
 * frame (bt_format()), appended to b. A task that runs (task-stop mode,
 * or while the TUI lets the tree run) or sits in a job-control stop is
 * stopped for the moment of the unwind and let go again. 0, or -1 with the
 * reason in err (gone, not started, blocked in vfork, cannot unwind). */
int	inspect_bt(struct session *, struct fw_task *, struct fw_buf *b,
	    struct fw_buf *err);

/* The backtrace of every task in a ptrace-stop, in creation order,
 * separated by blank lines (gdb's "thread apply all bt"); tasks that are
 * not stopped are counted in a closing line, not stopped for it. Returns
 * how many backtraces were made. */
size_t	inspect_bt_all(struct session *, struct fw_buf *b);

/* What an exec was given, for "info exec" and the TUI's details of an
 * exec event (inspect-exec.c). Pointers are borrowed; NULL means not
 * known, and the note (static or the caller's) says why or where it came
 * from. */
struct inspect_exec {
	pid_t			 pid;
	const char		*path;
	const char		*cwd;
	const struct fw_strv	*argv;
	bool			 argv_truncated;
	const struct fw_strv	*env;
	const char		*env_note;
	/* The environment the diff is against, and whose it is ("its parent
	 * 4711's at its exec"). */
	const struct fw_strv	*parent_env;
	const char		*parent_what;
	const struct fw_fdv	*fds;
	const char		*fds_note;
	/* The environment the command line is written for (where it will
	 * be pasted); NULL: forkwatch's own. */
	char *const		*base_env;
	/* The columns inspect_exec_format() may use (the TUI's pane): a
	 * longer command line is broken between its words with a backslash
	 * and a newline, as a shell reads it back; 0: one line. */
	int			 width;
};

/* The exec as text: path, each argument, cwd, the environment as a diff
 * against parent_env ("- NAME=old" / "+ NAME=new" lines, then how many
 * are the same), the fds (with those the exec closed), and the command
 * line that runs it again (inspect_exec_cmdline()). Every string from
 * the tracee is escaped for a terminal. */
void	inspect_exec_format(const struct inspect_exec *, struct fw_buf *);

/* A shell command line that runs the same exec again from a shell whose
 * environment is base_env: "env -C CWD -u GONE NEW=1 PATH ARG...", every
 * word quoted (shquote.h: safe to paste, safe for a terminal). env -C
 * rather than cd, which changes PWD and OLDPWD; "_", which the shell sets
 * for each command, is always said. The command is PATH, or argv[0] when
 * it is another path to the same file ("./configure" from CWD, /bin/sh
 * for /usr/bin/sh); an
 * argv[0] that is neither, nor PATH's last component, is kept through
 * perl's exec {PATH} LIST.
 * Without env, the environment is the shell's. The fds are not
 * reproduced. */
void	inspect_exec_cmdline(const struct inspect_exec *, struct fw_buf *);

/* "Exec of task N at +T s:" and inspect_exec_format() of t's last exec:
 * what the engine kept (argv, path, cwd; env with --env, fds with --fds),
 * the rest read from /proc while t lives (the environment block the exec
 * was given; the fds now, said to be so). 0, or -1 with the reason in err
 * (t has not exec'd under forkwatch). */
int	inspect_exec_task(struct session *, struct fw_task *, struct fw_buf *b,
	    struct fw_buf *err);

#endif
