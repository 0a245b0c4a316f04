/* engine.c - the wait loop: next_status() collects what the kernel reports,
 * dispatch_status() classifies each stop and emits events, settle() applies
 * the resume policy. Kernel quirks are explained where they are handled;
 * ../doc/INTERNALS.md has the overview. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"
#include "engine-int.h"
#include "ptrace-ops.h"
#include "tracee-mem.h"

#ifndef PTRACE_EVENT_STOP
#define PTRACE_EVENT_STOP 128
#endif
#ifndef CLONE_THREAD
#define CLONE_THREAD	0x00010000
#define CLONE_PARENT	0x00008000
#endif

#define DRAIN_MAX	256	/* statuses collected before dispatching */
#define FLUSH_EVERY	0.1	/* seconds between forced sink flushes */
#define PARK_POLL_MS	20	/* wait for a parked task's creator event */
#define PARK_POLLS	5	/* ... this many times before adopting it */

int
engine_init(struct engine *eng, const struct engine_opts *opts)
{
	sigset_t	 set;
	struct timespec	 wall;

	memset(eng, 0, sizeof *eng);
	eng->opts = *opts;
	task_table_init(&eng->tasks);
	procfs_init(&eng->proc, opts->proc_root);
	fw_buf_init(&eng->err);
	eng->t0 = fw_now();
	clock_gettime(CLOCK_REALTIME, &wall);
	eng->wall0 = (double)wall.tv_sec + (double)wall.tv_nsec / 1e9;
	eng->last_flush = eng->t0;
	/* SIGCHLD is blocked and read from a signalfd, so interactive clients
	 * can poll for tracee activity next to their own fds. */
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &set, &eng->oldmask) != 0)
		return -errno;
	eng->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (eng->sigfd < 0)
		return -errno;
	return eng_backend_open(eng);
}

void
engine_release(struct engine *eng)
{
	eng_backend_close(eng);
	eng_kthr_release(eng);
	task_table_release(&eng->tasks);
	if (eng->sigfd >= 0)
		close(eng->sigfd);
	sigprocmask(SIG_SETMASK, &eng->oldmask, NULL);
	fw_buf_release(&eng->err);
}

int
engine_add_sink(struct engine *eng, engine_sink_fn fn, engine_flush_fn flush,
    void *arg)
{
	if (eng->nsinks == ENGINE_MAX_SINKS)
		return -ENOSPC;
	eng->sinks[eng->nsinks].fn = fn;
	eng->sinks[eng->nsinks].flush = flush;
	eng->sinks[eng->nsinks].arg = arg;
	eng->nsinks++;
	return 0;
}

double
engine_ts(const struct engine *eng)
{
	return fw_now() - eng->t0;
}

/* Drain the signalfd (every pending SIGCHLD). */
void
ptr_clear_fd(struct engine *eng)
{
	struct signalfd_siginfo	 ssi;

	while (read(eng->sigfd, &ssi, sizeof ssi) > 0)
		;
}

int
ptr_fd(const struct engine *eng)
{
	return eng->sigfd;
}

size_t
engine_live(const struct engine *eng)
{
	return eng->tasks.count;
}

void
eng_flush(struct engine *eng)
{
	int	 i;

	for (i = 0; i < eng->nsinks; i++) {
		if (eng->sinks[i].flush != NULL)
			eng->sinks[i].flush(eng->sinks[i].arg);
	}
	eng->last_flush = fw_now();
	eng->flushed_events = eng->nevents;
	eng->alarm_armed = false;
}

/* Fill the common members of an event about task t. */
void
eng_event_init(struct engine *eng, struct fw_event *ev, enum fw_event_kind k,
    struct fw_task *t)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = k;
	ev->ts = engine_ts(eng);
	ev->task = t;
	ev->pid = t->tid;
	ev->tgid = t->tgid;
	ev->nspid = t->nspid;
}

/* Hand ev to every sink; returns ENGINE_STOP if any asked for it. */
int
eng_emit(struct engine *eng, const struct fw_event *ev)
{
	int	 i, verdict = ENGINE_GO;

	eng->nevents++;
	if (ev->ts > eng->last_ts)
		eng->last_ts = ev->ts;
	for (i = 0; i < eng->nsinks; i++) {
		if (eng->sinks[i].fn(eng->sinks[i].arg, ev) == ENGINE_STOP)
			verdict = ENGINE_STOP;
	}
	if (verdict == ENGINE_STOP && !eng->brk) {
		eng->brk = true;
		eng->brk_task = ev->task;
		eng->brk_kind = ev->kind;
	}
	return verdict;
}

/* Restart a stopped task the way its stop requires. ESRCH is normal: the
 * task died (or was SIGKILLed into a new stop) and its status will come. */
int
eng_restart(struct engine *eng, struct fw_task *t)
{
	int	 r;

	if (t->state != TASK_STOPPED)
		return 0;
	if (t->stop_kind == STOP_GROUP) {
		/* PTRACE_LISTEN keeps the task in group-stop, so its real
		 * parent's waitpid(WUNTRACED) sees it stopped, and it still
		 * reports the SIGCONT that ends the stop. */
		r = pt_listen(t->tid);
		t->state = TASK_LISTENING;
	} else {
		r = pt_cont(t->tid,
		    t->stop_kind == STOP_SIGNAL ? t->stop_sig : 0);
		t->state = TASK_RUNNING;
	}
	t->stop_kind = STOP_NONE;
	t->stop_sig = t->state == TASK_LISTENING ? t->stop_sig : 0;
	if (r != 0 && r != -ESRCH)
		fw_error(-r, "cannot restart task %d", (int)t->tid);
	return r == -ESRCH ? 0 : r;
}

/* The resume policy, applied once a stop's events have been emitted. */
void
eng_settle(struct engine *eng, struct fw_task *t, int verdict)
{
	if (t->state != TASK_STOPPED)
		return;
	if (eng->detaching || (t->flags & TF_DETACHING)) {
		/* Detached in steps, each to a stop that comes back here. */
		eng_let_go(eng, t);
		return;
	}
	if (verdict == ENGINE_STOP)
		return;
	if (t->flags & TF_WANT_STOP) {
		/* "step PID": the task ran to its next stop; report it. */
		t->flags &= ~TF_WANT_STOP;
		if (!eng->brk) {
			eng->brk = true;
			eng->brk_task = t;
			eng->brk_kind = t->stop_event;
		}
		return;
	}
	if (eng->frozen || (t->flags & TF_HELD))
		return;
	eng_restart(eng, t);
}

/* A task is no longer traced (dead or detached): take it out of the hash;
 * keep it for display when asked, else free it. */
void
eng_task_gone(struct engine *eng, struct fw_task *t)
{
	struct fw_task	*old;

	if (t->state == TASK_PARKED && eng->nparked > 0)
		eng->nparked--;
	if ((t->flags & TF_THREAD) && t->leader != NULL && t->leader != t &&
	    t->leader->nthreads > 1 && t->state != TASK_UNTRACED)
		t->leader->nthreads--;
	/* Its process's kernel-made threads go with it (engine-kthr.c). */
	if (t->nkthreads > 0)
		eng_kthr_process_end(eng, t, t->exited ? FW_EV_EXIT :
		    FW_EV_DETACH);
	task_unhash(&eng->tasks, t);
	t->state = TASK_DEAD;
	t->end_ts = engine_ts(eng);
	if (eng->brk_task == t)
		eng->brk_task = NULL;
	if (eng->opts.keep_exited == 0) {
		task_drop(&eng->tasks, t);
		return;
	}
	task_trim_dead(t);
	eng->ndead++;
	/* Bound the history: drop the oldest dead tasks first. */
	while (eng->ndead > eng->opts.keep_exited) {
		for (old = eng->tasks.head; old != NULL &&
		    old->state != TASK_DEAD; old = old->all_next)
			;
		if (old == NULL)
			break;
		task_drop(&eng->tasks, old);
		eng->ndead--;
	}
}

/* Park a status of a task whose creator has not reported it yet. */
static void
defer_status(struct engine *eng, struct fw_task *t, int status)
{
	if (t->state != TASK_PARKED) {
		t->state = TASK_PARKED;
		eng->nparked++;
	}
	t->deferred = fw_realloc(t->deferred,
	    (size_t)(t->ndeferred + 1) * sizeof *t->deferred);
	t->deferred[t->ndeferred++] = status;
}

/* Lean exit stops: who made parked task t, while /proc still says so (its
 * creator may be killed before it reports the fork, with no exit stop).
 * The stat file is enough (its parent; a thread's is its process's). */
static void
note_creator(struct engine *eng, struct fw_task *t)
{
	struct procfs_stat	 st;

	if (procfs_read_stat(&eng->proc, t->tid, 0, &st) == 0)
		t->ppid = st.ppid;
}

/* Is sig one that starts a group-stop? */
static bool
is_stop_sig(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	    sig == SIGTTOU;
}

/* What the call that made a child asked the kernel for. */
struct clone_info {
	bool		 known;
	uint64_t	 flags;		/* CLONE_*, without the exit signal */
	int		 exit_signal;
};

#define CSIGNAL_MASK	UINT64_C(0xff)
#ifndef CLONE_VM
#define CLONE_VM	0x00000100
#define CLONE_VFORK	0x00004000
#endif

/* The clone flags of the call that made the child, from the caller's
 * registers at its fork/vfork/clone event stop: clone's first argument
 * (the exit signal in its low byte), clone3's struct clone_args (flags,
 * and exit_signal at offset 32), or what fork and vfork mean. Unknown for
 * another ABI or when the memory cannot be read. */
static void
clone_flags_of(struct fw_task *parent, struct clone_info *ci)
{
	struct pt_regs_min	 regs;
	uint64_t		 args[5];

	memset(ci, 0, sizeof *ci);
	if (pt_getregs_min(parent->tid, &regs) != 0 || !regs.native ||
	    regs.sysno < 0)
		return;
	if (regs.sysno == pt_sysno_clone()) {
		ci->flags = regs.arg0 & ~CSIGNAL_MASK;
		ci->exit_signal = (int)(regs.arg0 & CSIGNAL_MASK);
		ci->known = true;
	} else if (regs.sysno == pt_sysno_clone3() && tmem_read(parent->tid,
	    regs.arg0, args, sizeof args) == sizeof args) {
		ci->flags = args[0];
		ci->exit_signal = args[4] < 65 ? (int)args[4] : 0;
		ci->known = true;
	} else if (regs.sysno == pt_sysno_fork()) {
		ci->exit_signal = SIGCHLD;
		ci->known = true;
	} else if (regs.sysno == pt_sysno_vfork()) {
		ci->flags = CLONE_VM | CLONE_VFORK;
		ci->exit_signal = SIGCHLD;
		ci->known = true;
	}
}

/* Decide whether a clone made a thread: from its flags, else from /proc. */
static bool
clone_is_thread(struct engine *eng, pid_t child, const struct clone_info *ci)
{
	struct procfs_status	 st;

	if (ci->known)
		return (ci->flags & CLONE_THREAD) != 0;
	/* Unknown ABI: ask /proc (EVENT_CLONE alone does not mean thread). */
	if (procfs_read_status(&eng->proc, child, &st) == 0)
		return st.tgid != child;
	return false;
}

/* For children found without their creator's event: the flags are not
 * known (a thread is one by CLONE_THREAD, which /proc showed). */
static const struct clone_info no_ci;
static const struct clone_info thread_ci = { false, CLONE_THREAD, 0 };

static void	on_vfork_done(struct engine *, struct fw_task *);

/* A parked task now has its place: replay, in order, what it reported
 * while it waited. */
static void
unpark(struct engine *eng, struct fw_task *t)
{
	int	*deferred = t->deferred, n = t->ndeferred, i;
	pid_t	 tid = t->tid;

	eng->nparked--;
	t->state = TASK_STARTING;
	t->deferred = NULL;
	t->ndeferred = 0;
	for (i = 0; i < n; i++)
		eng_dispatch(eng, tid, deferred[i], NULL);
	free(deferred);
}

/* Is t still in the ptrace event stop pev? */
static bool
in_event_stop(struct fw_task *t, int pev)
{
	siginfo_t	 si;

	return pt_getsiginfo(t->tid, &si) == 0 &&
	    si.si_code == (SIGTRAP | (pev << 8));
}

/* Give child a record under its creator t and emit the line that creates
 * it (pev: PTRACE_EVENT_FORK, _VFORK or _CLONE). A child whose first stop
 * came first (parked) gets what it reported replayed, in order. Returns
 * the sinks' verdict. */
static int
new_child(struct engine *eng, struct fw_task *t, pid_t child, int pev,
    const struct clone_info *ci, bool thread)
{
	uint64_t	 cflags = ci->flags;
	struct fw_task	*c, *proc;
	struct fw_event	 ev;
	bool		 parked = false;
	int		 verdict;

	c = task_find(&eng->tasks, child);
	if (c == NULL)
		c = task_new(&eng->tasks, child);
	else if (c->state == TASK_PARKED)
		parked = true;
	c->creator = t->tid;
	c->start_ts = engine_ts(eng);
	c->has_clone_flags = ci->known;
	c->clone_flags = ci->flags;
	c->exit_signal = ci->exit_signal;
	/* ptrace options pass to the child: so does TRACEEXIT. */
	c->flags |= t->flags & (TF_ATTACHED | TF_EXIT_STOP);
	proc = t->leader != NULL ? t->leader : t;
	if (thread) {
		task_join_process(proc, c);
	} else {
		c->tgid = child;
		c->leader = c;
		if ((cflags & CLONE_PARENT) && proc->parent != NULL) {
			/* CLONE_PARENT: a sibling of the caller. */
			c->ppid = proc->ppid;
			task_link(proc->parent, c);
		} else {
			c->ppid = (cflags & CLONE_PARENT) ? proc->ppid : proc->tid;
			task_link((cflags & CLONE_PARENT) ? NULL : proc, c);
		}
		task_set_exec(c, proc->path, &proc->argv);
		memcpy(c->comm, proc->comm, sizeof c->comm);
		if (eng->opts.limit_depth && c->depth > eng->opts.max_depth)
			c->flags |= TF_UNTRACE;
		/* Before anything can resume it (unpark() below). */
		if (eng->opts.want_fds)
			eng_fds_created(eng, c);
		if (pev == PTRACE_EVENT_VFORK) {
			c->flags |= TF_VFORKED;
			t->flags |= TF_VFORK_WAIT;
		}
	}

	eng_event_init(eng, &ev, pev == PTRACE_EVENT_FORK ? FW_EV_FORK :
	    pev == PTRACE_EVENT_VFORK ? FW_EV_VFORK : FW_EV_CLONE, t);
	ev.child = child;
	ev.thread = thread;
	ev.has_clone_flags = ci->known;
	ev.clone_flags = ci->flags;
	ev.exit_signal = ci->exit_signal;
	if (!thread && c->ppid != proc->tid)
		ev.parent = c->ppid;
	verdict = eng_emit(eng, &ev);

	if (parked) {
		/* The child stopped before this event arrived: replay what it
		 * reported, in order, now that it has a place in the tree. */
		unpark(eng, c);
	}
	return verdict;
}

/*
 * Lean exit stops (batch mode, engine_opts.lean_exit_stops). Nothing in a
 * log needs PTRACE_EVENT_EXIT: the exit line comes from the wait status.
 * Its one use there is adopt_unreported(): a task killed in the middle of
 * a fork never reports it, and at its exit stop its children are still
 * its own. Only a task that forks can lose a fork, so the exit stop is
 * kept for those alone: a task gets PTRACE_O_TRACEEXIT at its first fork
 * event, and a new task, which inherits its creator's options, loses it
 * at its first stop. A fork+exec of a program that forks nothing then
 * costs four stops, not five.
 *
 * A task killed in its very first fork has no exit stop yet: its child
 * parks, and its parent, read from /proc when it parks (while its creator
 * lives, as a rule), names the creator at the creator's death
 * (adopt_orphans()); failing that, adopt_parked() gives it an attach line.
 */
static void
lean_forker(struct engine *eng, struct fw_task *t)
{
	if (!eng->opts.lean_exit_stops || (t->flags & TF_EXIT_STOP))
		return;
	if (pt_setoptions(t->tid, eng->options | PTRACE_O_TRACEEXIT) == 0)
		t->flags |= TF_EXIT_STOP;
}

/* A new task's first stop: it inherited its creator's exit stop. */
static void
lean_child(struct engine *eng, struct fw_task *t)
{
	if (!eng->opts.lean_exit_stops || !(t->flags & TF_EXIT_STOP))
		return;
	if (pt_setoptions(t->tid, eng->options) == 0)
		t->flags &= ~TF_EXIT_STOP;
}

/* fork, vfork or clone event stop of t: create (or adopt) the child. */
static void
on_fork(struct engine *eng, struct fw_task *t, int pev)
{
	unsigned long		 msg = 0;
	struct clone_info	 ci;
	bool			 thread = false;
	pid_t			 child;

	t->stop_kind = STOP_EVENT;
	/* A SIGKILL that lands after we collected this stop wakes the task,
	 * which then re-stops at PTRACE_EVENT_EXIT: the message we read would
	 * be its exit code, and a PTRACE_CONT for this stop would resume the
	 * new one, whose EXIT event is then never reported. Check (after
	 * reading the message) that the task is still in this very stop; if
	 * not, leave it alone: the EXIT stop comes, and adopt_unreported()
	 * gives the child its line there. */
	if (pt_geteventmsg(t->tid, &msg) != 0 || msg == 0 ||
	    !in_event_stop(t, pev)) {
		t->state = TASK_RUNNING;
		t->stop_kind = STOP_NONE;
		return;
	}
	child = (pid_t)msg;
	/* The flags matter for FORK and VFORK events too: the kernel names
	 * the event after the exit signal and CLONE_VFORK, so a
	 * clone(CLONE_PARENT|SIGCHLD) or a clone3 reports as FORK or VFORK,
	 * and CLONE_PARENT still makes the child its caller's sibling. */
	lean_forker(eng, t);
	clone_flags_of(t, &ci);
	if (pev == PTRACE_EVENT_CLONE)
		thread = clone_is_thread(eng, child, &ci);
	t->stop_event = pev == PTRACE_EVENT_FORK ? FW_EV_FORK :
	    pev == PTRACE_EVENT_VFORK ? FW_EV_VFORK : FW_EV_CLONE;
	eng_settle(eng, t, new_child(eng, t, child, pev, &ci, thread));
}

size_t
eng_read_children(struct engine *eng, struct fw_task *t, pid_t *out,
    size_t max)
{
	char	 path[320], buf[4096], *p, *end;
	size_t	 n = 0, len = 0;
	ssize_t	 r;
	long	 v;
	int	 fd;

	snprintf(path, sizeof path, "%s/%d/task/%d/children", eng->proc.root,
	    (int)t->tgid, (int)t->tid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	while (len < sizeof buf - 1 &&
	    (r = read(fd, buf + len, sizeof buf - 1 - len)) > 0)
		len += (size_t)r;
	close(fd);
	buf[len] = '\0';
	for (p = buf; n < max; p = end) {
		v = strtol(p, &end, 10);
		if (end == p)
			break;
		if (v > 0)
			out[n++] = (pid_t)v;
	}
	return n;
}

/* A task killed while it forks never reports that fork: ptrace_stop()
 * skips event stops while SIGKILL is pending, and a SIGKILL that lands
 * while the task sits in the event stop ends the stop before we wait for
 * it. The child exists and is traced all the same: it would park at its
 * first stop and be placed by the timeout only, with no line creating it.
 * At the dying task's EVENT_EXIT stop its children are still its own
 * (exit_notify reparents them later): give each traced child we have not
 * heard of its fork line now. */
static int
adopt_unreported(struct engine *eng, struct fw_task *t)
{
	struct procfs_status	 st;
	struct fw_task		*c;
	pid_t			 kids[512];
	size_t			 n, i;
	int			 verdict = ENGINE_GO;

	n = eng_read_children(eng, t, kids, FW_ARRAY_SIZE(kids));
	for (i = 0; i < n; i++) {
		c = task_find(&eng->tasks, kids[i]);
		if (c != NULL && c->state != TASK_PARKED)
			continue;
		/* Unknown and not parked: ours only if we trace it (attach
		 * mode leaves older children untraced; CLONE_UNTRACED). */
		if (c == NULL && (procfs_read_status(&eng->proc, kids[i],
		    &st) != 0 || st.tracer != getpid() || st.tgid != kids[i]))
			continue;
		if (new_child(eng, t, kids[i], PTRACE_EVENT_FORK, &no_ci,
		    false) == ENGINE_STOP)
			verdict = ENGINE_STOP;
	}
	return verdict;
}

/* exec event stop: the new image is mapped, argv sits on the new stack. */
static void
on_exec(struct engine *eng, struct fw_task *t)
{
	unsigned long		 msg = 0;
	struct fw_task		*old;
	struct fw_event		 ev;
	struct fw_strv		 argv, env;
	struct fw_fdv		 fds;
	struct fw_exec_rec	*rec;
	struct pt_regs_min	 regs;
	char			*path = NULL, *cwd = NULL;
	bool			 trunc = false;
	int			 verdict;
	pid_t			 old_pid = 0;

	t->stop_kind = STOP_EVENT;
	t->stop_event = FW_EV_EXEC;
	if (pt_geteventmsg(t->tid, &msg) == 0 && (pid_t)msg != t->tid) {
		/* A non-leader thread exec'd: the kernel gave it the leader's
		 * tid. Its old record goes; the leader's record (this one)
		 * carries on as the process. The old tid never reports again. */
		old_pid = (pid_t)msg;
		old = task_find(&eng->tasks, old_pid);
		if (old != NULL && old != t) {
			old->flags |= TF_THREAD;
			if (old->state == TASK_PARKED)
				eng->nparked--;
			task_unhash(&eng->tasks, old);
			if (t->nthreads > 1)
				t->nthreads--;
			task_drop(&eng->tasks, old);
		}
		t->flags &= ~TF_EXITING;
	}
	if ((t->flags & TF_VFORKED) && t->parent != NULL)
		t->flags &= ~TF_VFORKED;
	t->flags |= TF_EXECED;

	strv_init(&argv);
	strv_init(&env);
	if (pt_getregs_min(t->tid, &regs) != 0 || tmem_read_exec_args(t->tid,
	    regs.sp, regs.native ? (int)sizeof(long) : 4, &argv,
	    eng->opts.want_env ? &env : NULL, &trunc) != 0) {
		/* Fall back to /proc if the stack could not be read. */
		procfs_read_strv(&eng->proc, t->tid, "cmdline", &argv);
		if (eng->opts.want_env)
			procfs_read_strv(&eng->proc, t->tid, "environ", &env);
	}
	procfs_readlink(&eng->proc, t->tid, "exe", &path);
	procfs_readlink(&eng->proc, t->tid, "cwd", &cwd);
	task_set_exec(t, path, &argv);
	fdv_init(&fds);
	if (eng->opts.want_fds)
		eng_fds_exec(eng, t, &fds);

	eng_event_init(eng, &ev, FW_EV_EXEC, t);
	ev.path = path != NULL ? path : "";
	ev.cwd = cwd != NULL ? cwd : "";
	ev.argv = &argv;
	ev.env = eng->opts.want_env ? &env : NULL;
	ev.fds = eng->opts.want_fds ? &fds : NULL;
	ev.argv_truncated = trunc;
	ev.old_pid = old_pid;
	/* What "info exec" shows later (env and fds only when asked). */
	rec = task_exec_rec(t);
	rec->ts = ev.ts;
	rec->cwd = cwd;
	cwd = NULL;
	if ((rec->has_env = eng->opts.want_env))
		strv_copy(&rec->env, &env);
	if ((rec->has_fds = eng->opts.want_fds))
		fdv_copy(&rec->fds, &fds);
	ev.cwd = rec->cwd != NULL ? rec->cwd : "";
	/* The exec killed every other thread, kernel-made ones too. */
	if (t->nkthreads > 0)
		eng_kthr_process_end(eng, t, FW_EV_EXIT);
	verdict = eng_emit(eng, &ev);
	free(path);
	strv_release(&argv);
	strv_release(&env);
	fdv_release(&fds);
	eng_settle(eng, t, verdict);
}

/* Fill exit members of ev from a wait status (the eBPF engine's too). */
void
eng_exit_status(struct fw_event *ev, int status)
{
	if (WIFSIGNALED(status)) {
		ev->killed = true;
		ev->signo = WTERMSIG(status);
		ev->core = WCOREDUMP(status) != 0;
	} else {
		ev->code = WEXITSTATUS(status);
	}
}

/* PTRACE_EVENT_EXIT: the task is exiting but can still be inspected. */
static void
on_exiting(struct engine *eng, struct fw_task *t)
{
	unsigned long	 msg = 0;
	struct fw_event	 ev;
	int		 verdict = ENGINE_GO;

	t->stop_kind = STOP_EXITING;
	t->stop_event = FW_EV_EXITING;
	t->flags |= TF_EXITING;
	eng_event_init(eng, &ev, FW_EV_EXITING, t);
	if (pt_geteventmsg(t->tid, &msg) == 0)
		eng_exit_status(&ev, (int)msg);
	/* Killed (maybe in the middle of a fork), or a thread taken down by
	 * exit_group/exec (which kill it the same way), or children waiting
	 * for their creator's event: look for forks never reported. */
	if (ev.killed || (t->leader != NULL && t->leader->nthreads > 1) ||
	    eng->nparked > 0)
		verdict = adopt_unreported(eng, t);
	if (eng_emit(eng, &ev) == ENGINE_STOP)
		verdict = ENGINE_STOP;
	eng_settle(eng, t, verdict);
}

/* Lean exit stops: process t is gone, and had no exit stop to look for
 * the forks it never reported. The parked tasks that /proc named as its
 * children when they parked are those: their lines come before its exit
 * line, from it, as adopt_unreported() writes them. (A thread it was
 * making dies with it: adopt_parked() places it.) */
static void
adopt_orphans(struct engine *eng, struct fw_task *t)
{
	struct fw_task	*c, *next;

	if (!eng->opts.lean_exit_stops || eng->nparked == 0 ||
	    !task_is_leader(t) || (t->flags & TF_EXIT_STOP))
		return;
	for (c = eng->tasks.head; c != NULL; c = next) {
		next = c->all_next;
		if (c->state != TASK_PARKED || c == t)
			continue;
		if (c->ppid == t->tgid)
			new_child(eng, t, c->tid, PTRACE_EVENT_FORK, &no_ci,
			    false);
	}
}

/* The task was reaped: its exit event, with rusage for a process. */
static void
on_death(struct engine *eng, struct fw_task *t, int status,
    const struct rusage *ru)
{
	struct fw_event	 ev;

	adopt_orphans(eng, t);
	/* A process is reaped after all its threads: the kernel-made ones
	 * (which no stop reports) are gone too, and end before it. */
	if (t->nkthreads > 0)
		eng_kthr_process_end(eng, t, FW_EV_EXIT);
	eng_event_init(eng, &ev, FW_EV_EXIT, t);
	eng_exit_status(&ev, status);
	t->exited = true;
	t->killed = ev.killed;
	t->code = ev.code;
	t->signo = ev.signo;
	t->core = ev.core;
	/* wait4's rusage is the whole process's; a thread's is not its own. */
	if (task_is_leader(t) && ru != NULL) {
		ev.has_rusage = true;
		ev.utime = (double)ru->ru_utime.tv_sec +
		    (double)ru->ru_utime.tv_usec / 1e6;
		ev.stime = (double)ru->ru_stime.tv_sec +
		    (double)ru->ru_stime.tv_usec / 1e6;
		ev.maxrss_kb = ru->ru_maxrss;
	}
	ev.thread = !task_is_leader(t);
	if (t->tid == eng->root && eng->launched) {
		eng->root_done = true;
		eng->root_status = status;
	}
	if (t->parent != NULL && (t->flags & TF_VFORKED))
		t->parent->flags &= ~TF_VFORK_WAIT;
	t->state = TASK_DEAD;
	if (t->nspid != NULL && task_is_leader(t))
		eng_nspid_gone(eng, t);
	eng_emit(eng, &ev);
	/* The kernel moved its children before it reported the death. */
	if (task_is_leader(t) && t->nchildren > 0)
		eng_reparent_children(eng, t);
	eng_task_gone(eng, t);
}

/* Signal-delivery stop: report it, pass the signal on when restarting. */
static void
on_signal(struct engine *eng, struct fw_task *t, int sig)
{
	struct fw_event	 ev;
	siginfo_t	 si;

	t->stop_kind = STOP_SIGNAL;
	t->stop_sig = sig;
	t->stop_event = FW_EV_SIGNAL;
	eng_event_init(eng, &ev, FW_EV_SIGNAL, t);
	ev.signo = sig;
	if (pt_getsiginfo(t->tid, &si) == 0) {
		ev.si_code = si.si_code;
		if (si.si_code <= 0 || si.si_code == CLD_EXITED ||
		    sig == SIGCHLD)
			ev.sender = si.si_pid;
		/* si_pid is the pid as t sees it: ours is wanted. */
		if (ev.sender > 0 && t->nspid != NULL)
			eng_nspid_sender(eng, t, &ev);
	}
	eng_settle(eng, t, eng_emit(eng, &ev));
}

/* --depth: let go of t, which is deeper than the limit, at its first
 * stop; its children will not be traced either. */
static void
untrace(struct engine *eng, struct fw_task *t)
{
	if (pt_detach(t->tid, 0) != 0) {
		/* Died meanwhile: its death comes, like any other. */
		t->flags &= ~TF_UNTRACE;
		t->state = TASK_RUNNING;
		return;
	}
	eng_untraced_event(eng, t);
	eng_task_gone(eng, t);
}

/* What a new task's first stop tells: its pid namespace (the siginfo of
 * the stop holds its pid as it sees it; a group-stop has none, then its
 * process's view decides), and whether --depth lets it go. True when the
 * task was let go. */
static bool
first_stop(struct engine *eng, struct fw_task *t)
{
	siginfo_t	 si;
	struct fw_task	*up = t->leader != NULL && t->leader != t ?
			    t->leader : t->parent;

	if (pt_getsiginfo(t->tid, &si) == 0)
		eng_nspid_first_stop(eng, t, si.si_pid);
	else if (up != NULL && up->nspid != NULL)
		eng_nspid_first_stop(eng, t, 0);
	if (t->flags & TF_UNTRACE) {
		untrace(eng, t);
		return true;
	}
	return false;
}

/* PTRACE_EVENT_STOP: a new task's first stop, a group-stop, our interrupt,
 * or the end of a group-stop (SIGCONT while listening). */
static void
on_event_stop(struct engine *eng, struct fw_task *t, int sig,
    enum fw_task_state prev)
{
	struct fw_event	 ev;
	bool		 first = prev == TASK_STARTING;
	bool		 was_listening = prev == TASK_LISTENING;
	bool		 intr = (t->flags & TF_INTR_PENDING) != 0;

	t->state = TASK_STOPPED;
	t->flags &= ~TF_INTR_PENDING;
	if (first) {
		lean_child(eng, t);
		if (first_stop(eng, t))
			return;
	}
	/* An auto-attached task's first stop is PTRACE_EVENT_STOP with
	 * SIGTRAP, unless its process is entering a group-stop: then that
	 * same trap is its group-stop (do_jobctl_trap() reports the stop
	 * signal) and must be reported and restarted with LISTEN like any
	 * other, or the thread runs on while its process is stopped. */
	if (first && !is_stop_sig(sig)) {
		/* An auto-attached child's first stop: nothing to report. */
		t->stop_kind = STOP_STARTUP;
		t->stop_event = FW_EV_PAUSE;
		eng_settle(eng, t, ENGINE_GO);
		return;
	}
	if (is_stop_sig(sig)) {
		t->stop_kind = STOP_GROUP;
		t->stop_sig = sig;
		t->stop_event = FW_EV_STOP;
		if (was_listening || intr) {
			/* Still in the same group-stop (we interrupted it). */
			eng_settle(eng, t, ENGINE_GO);
			return;
		}
		eng_event_init(eng, &ev, FW_EV_STOP, t);
		ev.signo = sig;
		eng_settle(eng, t, eng_emit(eng, &ev));
		return;
	}
	t->stop_kind = STOP_INTERRUPT;
	t->stop_event = FW_EV_PAUSE;
	if (was_listening) {
		eng_event_init(eng, &ev, FW_EV_CONT, t);
		ev.signo = SIGCONT;
		eng_settle(eng, t, eng_emit(eng, &ev));
		return;
	}
	/* Our interrupt, or a trap an earlier interrupt left queued (it fires
	 * at the next restart): either way, the policy decides. */
	eng_settle(eng, t, ENGINE_GO);
}

/* First status of a task known from its creator's event. */
static void
handle_new_task(struct engine *eng, struct fw_task *t, pid_t pid, int status)
{
	if (WIFSTOPPED(status) && (status >> 16) == PTRACE_EVENT_STOP) {
		on_event_stop(eng, t, WSTOPSIG(status), TASK_STARTING);
		return;
	}
	/* Not the usual first stop (e.g. EVENT_EXIT after an immediate
	 * SIGKILL): handle it like any later one. */
	t->state = TASK_RUNNING;
	eng_dispatch(eng, pid, status, NULL);
}

void
eng_dispatch(struct engine *eng, pid_t pid, int status, const struct rusage *ru)
{
	struct fw_task		*t = task_find(&eng->tasks, pid);
	int			 pev, sig;
	enum fw_task_state	 prev;

	if (t == NULL) {
		if (!WIFSTOPPED(status) && !eng->launched)
			return;
		/* A child whose creator's event has not arrived yet: do not
		 * resume it (it could exit before the event names it). */
		t = task_new(&eng->tasks, pid);
		t->start_ts = engine_ts(eng);
		defer_status(eng, t, status);
		if (eng->opts.lean_exit_stops)
			note_creator(eng, t);
		return;
	}
	if (t->state == TASK_PARKED) {
		defer_status(eng, t, status);
		return;
	}
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		on_death(eng, t, status, ru);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	if (t->state == TASK_STARTING) {
		handle_new_task(eng, t, pid, status);
		return;
	}
	prev = t->state;
	t->state = TASK_STOPPED;
	t->stop_sig = 0;
	t->flags &= ~TF_INTR_PENDING;
	sig = WSTOPSIG(status);
	pev = status >> 16;
	/* Threads the kernel made in its process, which no stop reports:
	 * looked for at most once a second (engine-kthr.c). */
	eng_kthr_at_stop(eng, t);
	switch (pev) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_fork(eng, t, pev);
		break;
	case PTRACE_EVENT_EXEC:
		on_exec(eng, t);
		break;
	case PTRACE_EVENT_VFORK_DONE:
		on_vfork_done(eng, t);
		break;
	case PTRACE_EVENT_EXIT:
		on_exiting(eng, t);
		break;
	case PTRACE_EVENT_STOP:
		on_event_stop(eng, t, sig, prev);
		break;
	case 0:
		on_signal(eng, t, sig);
		break;
	default:
		/* An event we did not ask for: pass it by. */
		t->stop_kind = STOP_EVENT;
		eng_settle(eng, t, ENGINE_GO);
		break;
	}
}

static void
on_vfork_done(struct engine *eng, struct fw_task *t)
{
	unsigned long	 msg = 0;
	struct fw_event	 ev;

	t->stop_kind = STOP_EVENT;
	t->stop_event = FW_EV_VFORK_DONE;
	t->flags &= ~TF_VFORK_WAIT;
	eng_event_init(eng, &ev, FW_EV_VFORK_DONE, t);
	if (pt_geteventmsg(t->tid, &msg) == 0)
		ev.child = (pid_t)msg;
	eng_settle(eng, t, eng_emit(eng, &ev));
}

/* Take parked tasks whose creator never reported them and that
 * adopt_unreported() did not place: put them where /proc says, with the
 * line that creates them when their parent is traced, and let them run. */
static void
adopt_parked(struct engine *eng)
{
	struct fw_task		*t, *parent;
	struct procfs_status	 st;

	/* Rescan after each one: replaying its statuses may drop records. */
	for (;;) {
		for (t = eng->tasks.head; t != NULL &&
		    t->state != TASK_PARKED; t = t->all_next)
			;
		if (t == NULL)
			break;
		if (procfs_read_status(&eng->proc, t->tid, &st) == 0) {
			t->tgid = st.tgid;
			t->ppid = st.ppid;
		}
		if (t->tgid != t->tid &&
		    (parent = task_find(&eng->tasks, t->tgid)) != NULL) {
			new_child(eng, parent, t->tid, PTRACE_EVENT_CLONE,
			    &thread_ci, true);
			continue;
		}
		if (t->tgid == t->tid &&
		    (parent = task_find(&eng->tasks, t->ppid)) != NULL) {
			new_child(eng, parent, t->tid, PTRACE_EVENT_FORK,
			    &no_ci, false);
			continue;
		}
		/* Its parent is gone or not ours: a root of its own, which
		 * forkwatch found traced without a line that made it: say
		 * so with an attach line, so its events have a task. */
		t->flags |= TF_ROOT;
		if (t->tgid != t->tid)
			t->tgid = t->tid;
		eng_attach_event(eng, t);
		unpark(eng, t);
	}
}

/* Collect every ready status (blocking for the first when block) and
 * dispatch them in order. Returns how many, 0 if none, -errno on error. */
int
eng_wait_once(struct engine *eng, bool block)
{
	struct {
		pid_t		 pid;
		int		 status;
		struct rusage	 ru;
	} batch[DRAIN_MAX];
	struct signalfd_siginfo	 ssi;
	struct pollfd		 pfd;
	int			 n = 0, i, status, flags, r;
	pid_t			 pid;

	for (;;) {
		flags = __WALL | ((block && n == 0 && eng->nparked == 0) ?
		    0 : WNOHANG);
		pid = wait4(-1, &status, flags, &batch[n].ru);
		if (pid < 0) {
			/* Statuses already collected are dispatched first. */
			if (n > 0 && (errno == EINTR || errno == ECHILD))
				break;
			if (errno == EINTR)
				return -EINTR;
			/* No tracee is left although records are: say so
			 * (callers stop waiting) instead of returning 0,
			 * which would make them spin. */
			if (errno == ECHILD)
				return -ECHILD;
			return -errno;
		}
		if (pid == 0) {
			if (n > 0 || !block)
				break;
			/* Only parked tasks are left and nothing reports:
			 * wait a little for their creators' events. */
			pfd.fd = eng->sigfd;
			pfd.events = POLLIN;
			eng_flush(eng);
			r = poll(&pfd, 1, PARK_POLL_MS);
			if (r < 0 && errno == EINTR)
				return -EINTR;
			if (r == 0 && ++eng->idle_polls >= PARK_POLLS) {
				eng->idle_polls = 0;
				adopt_parked(eng);
				return 1;
			}
			while (read(eng->sigfd, &ssi, sizeof ssi) > 0)
				;
			continue;
		}
		batch[n].pid = pid;
		batch[n].status = status;
		if (++n == DRAIN_MAX)
			break;
	}
	eng->idle_polls = 0;
	for (i = 0; i < n; i++)
		eng_dispatch(eng, batch[i].pid, batch[i].status, &batch[i].ru);
	return n;
}

static void
on_flush_alarm(int sig)
{
	(void)sig;	/* only interrupts wait4 */
}

/* About to block in wait4: flush the sinks if the last flush is
 * FLUSH_EVERY old, else make sure a timer wakes the wait when it will be
 * (SIGALRM without SA_RESTART makes wait4 return EINTR), or when the poll
 * for kernel-made threads is due, whichever comes first. Flushing at every
 * idle moment instead cost a write(2) per stop in a serial storm. */
static void
idle_flush(struct engine *eng)
{
	struct sigaction	 sa;
	struct itimerval	 it;
	double			 now = fw_now(), due = -1, kdue;

	if (eng->nevents != eng->flushed_events) {
		due = eng->last_flush + FLUSH_EVERY - now;
		if (due <= 0) {
			eng_flush(eng);
			due = -1;
		}
	}
	/* The poll for kernel-made threads must wake the wait too. */
	kdue = eng_kthr_due_in(eng, now - eng->t0);
	if (kdue >= 0 && (due < 0 || kdue < due))
		due = kdue;
	if (due < 0 || (eng->alarm_armed && eng->alarm_at <= now + due))
		return;
	if (!eng->alarm_installed) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_flush_alarm;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGALRM, &sa, NULL);
		eng->alarm_installed = true;
	}
	memset(&it, 0, sizeof it);
	it.it_value.tv_sec = (time_t)due;
	it.it_value.tv_usec = (suseconds_t)((due - (double)(time_t)due) *
	    1e6) + 1;
	setitimer(ITIMER_REAL, &it, NULL);
	eng->alarm_armed = true;
	eng->alarm_at = now + due;
}

enum engine_result
ptr_run(struct engine *eng, bool block, const volatile sig_atomic_t *intr)
{
	int	 r;
	double	 now;

	eng->brk = false;
	/* A client that polls engine_fd() calls us non-blocking: clear the
	 * signalfd before collecting, so a SIGCHLD that comes later makes it
	 * readable again. A blocking caller waits in wait4 and needs no
	 * signalfd: leaving it alone saves a read per stop. */
	if (!block)
		ptr_clear_fd(eng);
	for (;;) {
		if (intr != NULL && *intr)
			return ENGINE_INTR;
		if (eng->tasks.count == 0) {
			eng_flush(eng);
			return ENGINE_DONE;
		}
		eng_kthr_poll(eng);
		if (block) {
			/* Blocks only when nothing is ready. */
			idle_flush(eng);
			r = eng_wait_once(eng, true);
		} else if ((r = eng_wait_once(eng, false)) == 0) {
			eng_flush(eng);
			eng_kthr_arm(eng);
			return ENGINE_READY;
		}
		if (r == -EINTR)
			continue;
		if (r == -ECHILD) {
			/* Records of tasks that will never report again. */
			eng_flush(eng);
			return ENGINE_DONE;
		}
		if (r < 0) {
			fw_error(-r, "wait4");
			return ENGINE_ERROR;
		}
		if (eng->brk)
			return ENGINE_BREAK;
		now = fw_now();
		if (now - eng->last_flush >= FLUSH_EVERY)
			eng_flush(eng);
	}
}
