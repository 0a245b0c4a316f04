/* cmd-task.c - acting on one task: hold, release, signal, kill, detach,
 * gdb. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cmd-int.h"
#include "flags.h"
#include "sigctl.h"

static int
check_pid_opt(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	(void)ck;
	if (argc > 1)
		return cmd_check_pid(argv[1], err);
	return 0;
}

/* A live task named by arg, or an error. */
static struct fw_task *
live_task(struct session *s, const char *arg)
{
	struct fw_task	*t = cmd_task(s, arg);

	if (t != NULL && t->state == TASK_DEAD) {
		cmd_error(s, "task %d is gone", (int)t->tid);
		return NULL;
	}
	if (t != NULL && t->state == TASK_UNTRACED) {
		cmd_error(s, "task %d is a thread the kernel made: it "
		    "cannot be traced", (int)t->tid);
		return NULL;
	}
	return t;
}

static int
exec_hold(struct session *s, int argc, char **argv)
{
	struct fw_task	*t;
	struct fw_buf	 b;
	pid_t		 tid;
	int		 r;

	if (argc == 1) {
		fw_buf_init(&b);
		for (t = s->eng.tasks.head; t != NULL; t = t->all_next) {
			if (t->state != TASK_DEAD && (t->flags & TF_HELD))
				fw_buf_printf(&b, " %d", (int)t->tid);
		}
		if (b.len == 0)
			session_printf(s, "No task is held.\n");
		else
			session_printf(s, "Held:%s\n", b.data);
		fw_buf_release(&b);
		return CMD_OK;
	}
	if ((t = live_task(s, argv[1])) == NULL)
		return CMD_ERROR;
	tid = t->tid;
	t->flags |= TF_HELD;
	if (t->state == TASK_RUNNING || t->state == TASK_LISTENING) {
		if (t->flags & TF_VFORK_WAIT) {
			cmd_error(s, "task %d is in vfork until its child execs "
			    "or exits; it is held from its next stop",
			    (int)tid);
			return CMD_ERROR;
		}
		if ((r = engine_stop_task(&s->eng, t)) != 0) {
			cmd_error(s, "cannot stop task %d: %s", (int)tid,
			    strerror(-r));
			return CMD_ERROR;
		}
	}
	session_printf(s, "Task %d is held: it stays stopped until 'release "
	    "%d'.\n", (int)tid, (int)tid);
	return CMD_OK;
}

const struct cmd_entry cmd_hold_entry = {
	.name = "hold",
	.flags = CMD_F_STOPS,
	.alias = NULL,
	.args = "[PID]",
	.help = "keep a task stopped whenever the others run (without PID: "
	    "list the held tasks)",
	.min_args = 0,
	.max_args = 1,
	.complete = { CMDARG_PID },
	.exec = exec_hold,
	.check = check_pid_opt,
	.doc = "A running task is stopped first. Holding a task forces the "
	    "order of a race (its siblings run on, it does not) or keeps a "
	    "child from running while you look at its parent. A task that "
	    "waits for a held one waits too.",
};

static void
release_one(struct session *s, struct fw_task *t)
{
	t->flags &= ~TF_HELD;
	/* While the others run (the tree runs, or task-stop mode), it goes
	 * at once, unless it is the task the tree stopped at; else at the
	 * next continue. */
	if (t->state == TASK_STOPPED && !s->eng.frozen &&
	    (s->state == SESS_RUNNING || (s->state == SESS_STOPPED &&
	    s->stop_mode == SESS_STOP_TASK && t->tid != s->stop_pid)))
		engine_resume_task(&s->eng, t);
}

static int
exec_release(struct session *s, int argc, char **argv)
{
	struct fw_task	*t;
	struct fw_buf	 b;

	if (argc == 1) {
		fw_buf_init(&b);
		for (t = s->eng.tasks.head; t != NULL; t = t->all_next) {
			if (t->state != TASK_DEAD && (t->flags & TF_HELD)) {
				fw_buf_printf(&b, " %d", (int)t->tid);
				release_one(s, t);
			}
		}
		if (b.len == 0)
			session_printf(s, "No task is held.\n");
		else
			session_printf(s, "Released:%s\n", b.data);
		fw_buf_release(&b);
		return CMD_OK;
	}
	if ((t = live_task(s, argv[1])) == NULL)
		return CMD_ERROR;
	if (!(t->flags & TF_HELD)) {
		cmd_error(s, "task %d is not held", (int)t->tid);
		return CMD_ERROR;
	}
	release_one(s, t);
	session_printf(s, "Task %d is released.\n", (int)t->tid);
	return CMD_OK;
}

const struct cmd_entry cmd_release_entry = {
	.name = "release",
	.flags = CMD_F_STOPS,
	.alias = NULL,
	.args = "[PID]",
	.help = "let a held task run with the others again (without PID: "
	    "every held task)",
	.min_args = 0,
	.max_args = 1,
	.complete = { CMDARG_PID },
	.exec = exec_release,
	.check = check_pid_opt,
};

/* Until every task of process *arg is at its exit stop or gone. */
static bool
process_exiting(struct session *s, void *arg)
{
	pid_t		 tgid = *(pid_t *)arg;
	struct fw_task	*t;

	for (t = s->eng.tasks.head; t != NULL; t = t->all_next) {
		if (task_is_traced(t) && t->tgid == tgid &&
		    !(t->flags & TF_EXITING))
			return false;
	}
	return true;
}

/* After a SIGKILL: the tasks wake, stop at their exit (PTRACE_EVENT_EXIT)
 * and stay there while the tree is stopped. Take those stops now, so the
 * tree shows them and no restart is aimed at the old stop (a CONT meant
 * for it would resume the exit stop unseen). */
static void
after_kill(struct session *s, pid_t tgid)
{
	struct fw_task	*t;
	bool		 held = false;

	cmd_pump(s, 2000, process_exiting, &tgid);
	for (t = s->eng.tasks.head; t != NULL; t = t->all_next) {
		if (t->state == TASK_STOPPED && t->tgid == tgid &&
		    t->stop_kind == STOP_EXITING)
			held = true;
	}
	if (held)
		session_printf(s, "Process %d is at its exit stop; it dies "
		    "when it runs on (continue).\n", (int)tgid);
}

static int
check_signal(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	int	 sig;

	(void)ck;
	if (cmd_check_pid(argv[1], err) != 0)
		return -1;
	return cmd_parse_signal(argv[2], true, &sig, err);
}

static int
exec_signal(struct session *s, int argc, char **argv)
{
	struct fw_task	*t;
	struct fw_buf	 err;
	int		 sig, old, r;

	(void)argc;
	if ((t = live_task(s, argv[1])) == NULL)
		return CMD_ERROR;
	fw_buf_init(&err);
	cmd_parse_signal(argv[2], true, &sig, &err);
	fw_buf_release(&err);
	if (t->state == TASK_STOPPED && t->stop_kind == STOP_SIGNAL) {
		old = t->stop_sig;
		engine_set_signal(&s->eng, t, sig);
		if (sig == 0)
			session_printf(s, "Task %d will not get its %s.\n",
			    (int)t->tid, flags_signame(old));
		else
			session_printf(s, "Task %d will get %s instead of "
			    "%s.\n", (int)t->tid, flags_signame(sig),
			    flags_signame(old));
		return CMD_OK;
	}
	if (sig == 0) {
		cmd_error(s, "task %d is not at a signal stop: no signal to "
		    "take away", (int)t->tid);
		return CMD_ERROR;
	}
	if ((r = engine_signal_task(&s->eng, t, sig)) != 0) {
		cmd_error(s, "cannot send %s to task %d: %s",
		    flags_signame(sig), (int)t->tid, strerror(-r));
		return CMD_ERROR;
	}
	session_printf(s, "Sent %s to task %d.\n", flags_signame(sig),
	    (int)t->tid);
	if (sig == SIGKILL)
		after_kill(s, t->tgid);
	return CMD_OK;
}

const struct cmd_entry cmd_signal_entry = {
	.name = "signal",
	.alias = NULL,
	.args = "PID SIG",
	.help = "change the signal a task stopped at a signal gets (0: none), "
	    "or send SIG to that task (thread)",
	.min_args = 2,
	.max_args = 2,
	.complete = { CMDARG_PID, CMDARG_SIGNAL },
	.exec = exec_signal,
	.check = check_signal,
	.doc = "At a signal stop (break signal), the signal about to be "
	    "delivered is replaced by SIG, or taken away with 0 or none. "
	    "Otherwise SIG is sent to that one thread (tgkill); a stopped "
	    "task gets it when it runs on.",
};

static int
check_kill(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	int	 sig;

	(void)ck;
	if (cmd_check_pid(argv[1], err) != 0)
		return -1;
	if (argc > 2)
		return cmd_parse_signal(argv[2], false, &sig, err);
	return 0;
}

static int
exec_kill(struct session *s, int argc, char **argv)
{
	struct fw_task	*t;
	struct fw_buf	 err;
	int		 sig = SIGKILL;
	pid_t		 tgid;

	if ((t = live_task(s, argv[1])) == NULL)
		return CMD_ERROR;
	tgid = t->tgid;
	fw_buf_init(&err);
	if (argc > 2)
		cmd_parse_signal(argv[2], false, &sig, &err);
	fw_buf_release(&err);
	if (kill(tgid, sig) != 0) {
		cmd_error(s, "cannot send %s to process %d: %s",
		    flags_signame(sig), (int)tgid, strerror(errno));
		return CMD_ERROR;
	}
	session_printf(s, "Sent %s to process %d.\n", flags_signame(sig),
	    (int)tgid);
	if (sig == SIGKILL)
		after_kill(s, tgid);
	return CMD_OK;
}

const struct cmd_entry cmd_kill_entry = {
	.name = "kill",
	.alias = NULL,
	.args = "PID [SIG]",
	.help = "send SIG (default SIGKILL) to PID's process",
	.min_args = 1,
	.max_args = 2,
	.complete = { CMDARG_PID, CMDARG_SIGNAL },
	.exec = exec_kill,
	.check = check_kill,
	.doc = "A process killed while the tree is stopped wakes only to stop "
	    "at its exit (tree shows \"stopped at exit\"); it is gone after "
	    "the next continue. Other signals reach a stopped process when it "
	    "runs on.",
};

/* The ids of the live tasks of process tgid. */
static pid_t *
process_tasks(struct session *s, pid_t tgid, size_t *np)
{
	struct fw_task	*t;
	pid_t		*v = NULL;
	size_t		 n = 0;

	for (t = s->eng.tasks.head; t != NULL; t = t->all_next) {
		if (!task_is_traced(t) || t->tgid != tgid)
			continue;
		v = fw_realloc(v, (n + 1) * sizeof *v);
		v[n++] = t->tid;
	}
	*np = n;
	return v;
}

/* Why process tgid could not be detached (r from the engine). */
static void
detach_error(struct session *s, pid_t tgid, int r)
{
	cmd_error(s, "cannot detach process %d: %s", (int)tgid,
	    r == -EBUSY ? "a thread is in vfork until its child execs or "
	    "exits" : r == -ENOTSUP ? fw_buf_cstr(&s->eng.err) :
	    strerror(-r));
}

static int
exec_detach(struct session *s, int argc, char **argv)
{
	struct fw_task	*t;
	pid_t		 tgid;
	size_t		 n, live = engine_live(&s->eng);
	int		 r;

	if (argc == 1) {
		if (live == 0) {
			cmd_error(s, "no traced task is left");
			return CMD_ERROR;
		}
		if (!cmd_confirm(s, "Detach from every task and let them "
		    "run?"))
			return CMD_OK;
		engine_detach_all(&s->eng);
		session_printf(s, "Detached from %zu task%s.\n", live,
		    live == 1 ? "" : "s");
		return CMD_OK;
	}
	if ((t = live_task(s, argv[1])) == NULL)
		return CMD_ERROR;
	tgid = t->tgid;
	free(process_tasks(s, tgid, &n));
	if ((r = engine_detach_process(&s->eng, t, false)) != 0) {
		detach_error(s, tgid, r);
		return CMD_ERROR;
	}
	session_printf(s, "Detached from process %d (%zu task%s); it runs "
	    "on untraced.\n", (int)tgid, n, n == 1 ? "" : "s");
	return CMD_OK;
}

const struct cmd_entry cmd_detach_entry = {
	.name = "detach",
	.alias = NULL,
	.args = "[PID]",
	.help = "stop tracing PID's process and let it run (without PID: every "
	    "task)",
	.min_args = 0,
	.max_args = 1,
	.complete = { CMDARG_PID },
	.exec = exec_detach,
	.check = check_pid_opt,
	.doc = "Its threads go with it; its children stay traced. A signal it "
	    "was stopped at is delivered; a Ctrl-C typed at the prompt, which "
	    "the kernel queued for it, is not.",
};

/* Wait (at most ms) until every thread of tgid is in a group-stop. */
static bool
wait_group_stopped(struct session *s, pid_t tgid, int ms)
{
	struct timespec		 ts = { 0, 1000000 };
	struct procfs_stat	 st;
	pid_t			*tids;
	size_t			 n, i;
	bool			 all;
	int			 k;

	for (k = 0; k < ms; k++) {
		if (procfs_list_tasks(&s->eng.proc, tgid, &tids, &n) != 0)
			return false;
		all = n > 0;
		for (i = 0; i < n && all; i++) {
			if (procfs_read_stat(&s->eng.proc, tgid, tids[i],
			    &st) != 0 || st.state != 'T')
				all = false;
		}
		free(tids);
		if (all)
			return true;
		nanosleep(&ts, NULL);
	}
	return false;
}

/* Run "gdb -p PID" on the terminal and wait for it. gdb is forkwatch's
 * child: it is waited for here, by pid, before the engine waits again,
 * so the engine's wait4(-1) never sees it. It gets the terminal's
 * foreground (its own process group), so Ctrl-C in gdb is gdb's. */
static int
run_gdb(struct session *s, pid_t pid, int *status)
{
	char		 num[32];
	sigset_t	 ttou, old;
	pid_t		 g;
	int		 tty = isatty(STDIN_FILENO) ? STDIN_FILENO : -1, e;
	bool		 from_user;

	snprintf(num, sizeof num, "%d", (int)pid);
	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	if ((g = fork()) < 0)
		return -errno;
	if (g == 0) {
		setpgid(0, 0);
		if (tty >= 0) {
			sigprocmask(SIG_BLOCK, &ttou, NULL);
			tcsetpgrp(tty, getpid());
		}
		sigctl_restore();
		sigprocmask(SIG_SETMASK, &s->eng.oldmask, NULL);
		execlp("gdb", "gdb", "-q", "-p", num, (char *)NULL);
		e = errno;
		fprintf(stderr, "forkwatch: cannot run gdb: %s\n", strerror(e));
		_exit(e == ENOENT ? 127 : 126);
	}
	setpgid(g, g);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	if (tty >= 0)
		tcsetpgrp(tty, g);
	while (waitpid(g, status, 0) < 0) {
		if (errno != EINTR) {
			*status = 0;
			break;
		}
	}
	if (tty >= 0)
		tcsetpgrp(tty, getpgrp());
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* Ctrl-C typed at gdb also reached us: it was gdb's. */
	if (sigctl_pending)
		sigctl_take(&from_user);
	return 0;
}

static int
exec_gdb(struct session *s, int argc, char **argv)
{
	struct fw_task		*t;
	struct procfs_stat	 st;
	pid_t			 tgid;
	int			 r, status;
	bool			 gone;

	(void)argc;
	if ((t = live_task(s, argv[1])) == NULL)
		return CMD_ERROR;
	tgid = t->tgid;
	if (process_exiting(s, &tgid)) {
		cmd_error(s, "process %d is exiting (every thread is at its "
		    "exit stop): there is nothing left for gdb", (int)tgid);
		return CMD_ERROR;
	}
	/* Left in a group-stop, with the signal it was stopped at still
	 * pending and a Ctrl-C meant for forkwatch dropped. */
	if ((r = engine_detach_process(&s->eng, t, true)) != 0) {
		detach_error(s, tgid, r);
		return CMD_ERROR;
	}
	if (!wait_group_stopped(s, tgid, 2000)) {
		gone = procfs_read_stat(&s->eng.proc, tgid, 0, &st) != 0 ||
		    st.state == 'Z' || st.state == 'X';
		cmd_error(s, "process %d did not stay stopped when forkwatch "
		    "let it go (%s): gdb is not run", (int)tgid,
		    gone ? "it is gone" : "it runs");
		return CMD_ERROR;
	}
	session_printf(s, "Process %d is detached and stopped; running gdb "
	    "-p %d.\n", (int)tgid, (int)tgid);
	if (s->hooks.suspend != NULL)
		s->hooks.suspend(s->hooks.arg);
	r = run_gdb(s, tgid, &status);
	if (s->hooks.resume != NULL)
		s->hooks.resume(s->hooks.arg);
	if (r != 0) {
		cmd_error(s, "cannot start gdb: %s", strerror(-r));
		return CMD_ERROR;
	}
	if (WIFEXITED(status))
		session_printf(s, "gdb exited with %d; process %d is no "
		    "longer traced by forkwatch.\n", WEXITSTATUS(status),
		    (int)tgid);
	else
		session_printf(s, "gdb was killed by %s; process %d is no "
		    "longer traced by forkwatch.\n",
		    flags_signame(WTERMSIG(status)), (int)tgid);
	return CMD_OK;
}

const struct cmd_entry cmd_gdb_entry = {
	.name = "gdb",
	.flags = CMD_F_STOPS,
	.alias = NULL,
	.args = "PID",
	.help = "detach PID's process leaving it stopped and run gdb -p on it "
	    "here; back to forkwatch when gdb exits",
	.min_args = 1,
	.max_args = 1,
	.complete = { CMDARG_PID },
	.exec = exec_gdb,
	.check = check_pid_opt,
	.doc = "The process is left in a group-stop (state T), as kill -STOP "
	    "leaves it, with nothing queued that it did not have (one of its "
	    "threads takes a SIGSTOP of its own before it is detached), so "
	    "gdb finds what it finds after a kill -STOP. A signal it was "
	    "stopped at (break signal) stays pending: gdb's continue shows "
	    "it; a Ctrl-C typed at the prompt does not reach it. forkwatch no "
	    "longer traces it afterwards (its children stay traced). Refused, "
	    "with the reason, while a thread is blocked in vfork or when "
	    "every thread is exiting. gdb is found in PATH.",
};
