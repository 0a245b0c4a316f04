/* engine-ctl.c - starting and ending a trace and steering it: launch,
 * attach, all-stop, resume, detach, kill. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"
#include "engine-int.h"
#include "launch.h"
#include "ptrace-ops.h"

#define PF_KTHREAD	0x00200000	/* /proc/PID/stat flags: a kernel thread */

/* ptrace's hold on a task: seize it with every option. A launched
 * program gets PTRACE_O_EXITKILL, an attached one never does. */
int
ptr_seize(struct engine *eng, pid_t tid, bool launched)
{
	struct procfs_status	 st;
	int			 r;

	eng->options = pt_trace_options(launched);
	if (eng->opts.lean_exit_stops)
		eng->options &= ~(unsigned long)PTRACE_O_TRACEEXIT;
	r = pt_seize(tid, eng->options);
	/* A thread auto-attached by its traced creator meanwhile. */
	if (r == -EPERM && !launched &&
	    procfs_read_status(&eng->proc, tid, &st) == 0 &&
	    st.tracer == getpid())
		return -EALREADY;
	return r;
}

int
engine_launch(struct engine *eng, char *const argv[])
{
	struct launch	 l;
	struct fw_task	*t;
	int		 r, nsinks;

	if ((r = launch_spawn(&l, argv, &eng->oldmask,
	    eng->opts.launch_tty, eng->opts.launch_stdout)) != 0) {
		fw_buf_printf(&eng->err, "cannot fork: %s", strerror(-r));
		return r;
	}
	if ((r = eng->be->seize(eng, l.pid, true)) != 0) {
		fw_buf_printf(&eng->err, "cannot trace the program: %s",
		    strerror(-r));
		kill(l.pid, SIGKILL);
		close(l.go_fd);
		close(l.err_fd);
		waitpid(l.pid, NULL, __WALL);
		return r;
	}
	eng->launched = true;
	eng->root = l.pid;
	/* A new run ("run" again): nothing of the last root's end. */
	eng->root_done = false;
	eng->root_status = 0;
	eng->frozen = false;
	eng->detaching = false;
	t = task_new(&eng->tasks, l.pid);
	t->state = TASK_RUNNING;
	t->flags |= TF_ROOT;
	t->ppid = getpid();
	t->start_ts = engine_ts(eng);
	if ((r = launch_release(&l)) != 0) {
		/* The exec failed and the child exits: reap it unseen. */
		nsinks = eng->nsinks;
		eng->nsinks = 0;
		while (eng->tasks.count > 0 &&
		    eng->be->run(eng, true, NULL) == ENGINE_READY)
			;
		eng->nsinks = nsinks;
		eng->root_done = false;
		return r;
	}
	return 0;
}

void
engine_forget_dead(struct engine *eng)
{
	struct fw_task	*t, *next;

	for (t = eng->tasks.head; t != NULL; t = next) {
		next = t->all_next;
		if (t->state == TASK_DEAD) {
			task_drop(&eng->tasks, t);
			if (eng->ndead > 0)
				eng->ndead--;
		}
	}
}

/* Take hold of one task of an attached process (the backend's seize)
 * and give it a record. root: the process given to -p (not one of its
 * descendants, --subtree). */
static int
attach_one(struct engine *eng, pid_t tgid, pid_t tid, bool root,
    struct fw_task **out)
{
	struct procfs_status	 st;
	struct fw_task		*t, *leader;
	int			 r;

	*out = NULL;
	if (task_find(&eng->tasks, tid) != NULL)
		return 0;
	/* io_uring's workers cannot be traced: never seized, shown as the
	 * kernel's (the eBPF backend sees them like any task). */
	if (tid != tgid && engine_can_stop(eng) &&
	    eng_kthr_attach(eng, tgid, tid))
		return 0;
	if ((r = eng->be->seize(eng, tid, false)) != 0)
		return r == -EALREADY ? 0 : r;
	t = task_new(&eng->tasks, tid);
	t->state = TASK_RUNNING;
	t->flags |= TF_ATTACHED;
	t->tgid = tgid;
	t->start_ts = engine_ts(eng);
	if (procfs_read_status(&eng->proc, tid, &st) == 0) {
		t->ppid = st.ppid;
		eng_nspid_set(t, st.nspid);
	}
	if (tid != tgid && (leader = task_find(&eng->tasks, tgid)) != NULL) {
		t->leader = leader;
		t->flags |= TF_THREAD;
		leader->nthreads++;
		task_link(leader, t);
		t->depth = leader->depth;
	} else {
		if (root)
			t->flags |= TF_ROOT;
		/* A descendant (--subtree) goes under its traced parent; a
		 * root is depth 0 even when its parent is traced. */
		task_link(task_find(&eng->tasks, t->ppid), t);
		if (root)
			t->depth = 0;
	}
	*out = t;
	return 0;
}

/*
 * Attach to every thread of process tgid, leader first, listing
 * /proc/TGID/task until no new thread shows up (threads may be created
 * meanwhile). Returns the number of tasks attached (each with its attach
 * event), or -errno when the leader could not be seized (eng->err says
 * why, naming what).
 */
static int
attach_process(struct engine *eng, pid_t tgid, pid_t what, bool root)
{
	pid_t		*tids;
	size_t		 n, i;
	struct fw_task	*t;
	int		 r, added, total = 0, rounds;

	for (rounds = 0; rounds < 100; rounds++) {
		if ((r = procfs_list_tasks(&eng->proc, tgid, &tids, &n)) != 0) {
			if (total > 0)
				break;
			fw_buf_printf(&eng->err, "cannot attach to %d: %s",
			    (int)what, strerror(-r));
			return r;
		}
		added = 0;
		/* The leader first, so threads find their leader's record. */
		for (i = 0; i < n; i++) {
			if (tids[i] == tgid) {
				tids[i] = tids[0];
				tids[0] = tgid;
				break;
			}
		}
		for (i = 0; i < n; i++) {
			r = attach_one(eng, tgid, tids[i], root, &t);
			if (r == -ESRCH)
				continue;
			if (r != 0 && rounds == 0 && tids[i] == tgid) {
				fw_buf_printf(&eng->err, "cannot attach to %d: %s",
				    (int)what, strerror(-r));
				if (r == -EPERM) {
					fw_buf_adds(&eng->err, " (");
					pt_explain_eperm(tgid, &eng->err);
					fw_buf_adds(&eng->err, ")");
				}
				free(tids);
				return r;
			}
			if (t != NULL) {
				added++;
				eng_attach_event(eng, t);
			}
		}
		free(tids);
		total += added;
		if (added == 0)
			break;
	}
	return total;
}

static bool
pid_in(const pid_t *v, size_t n, pid_t pid)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (v[i] == pid)
			return true;
	}
	return false;
}

/*
 * --subtree: attach to every existing descendant of the processes
 * attached so far, threads included, parents before their children. A
 * process can fork while we walk: its children made after we seized it
 * are the kernel's to trace (their fork events come), those made before
 * are in /proc/PID/task/TID/children; repeat the walk of every traced
 * task's children until a whole pass finds nobody new. A descendant
 * deeper than --depth is not seized: it gets an untraced line instead.
 */
/* The processes not seized for --depth (each has had its untraced line). */
struct skipped {
	pid_t	*v;
	size_t	 n;
};

/* Walk until a pass finds nobody new; returns the number of passes that
 * found some. */
static int
walk_descendants(struct engine *eng, struct skipped *sk)
{
	struct procfs_status	 st;
	struct fw_task		*t, *parent;
	pid_t			 kids[512];
	size_t			 n, i;
	int			 rounds, found;

	for (rounds = 0; rounds < 100; rounds++) {
		found = 0;
		for (t = eng->tasks.head; t != NULL; t = t->all_next) {
			if (!task_is_traced(t))
				continue;
			n = eng_read_children(eng, t, kids, FW_ARRAY_SIZE(kids));
			for (i = 0; i < n; i++) {
				if (task_find(&eng->tasks, kids[i]) != NULL ||
				    pid_in(sk->v, sk->n, kids[i]))
					continue;
				/* Ours already (made after we seized t), its
				 * fork event is coming: leave it to that. */
				if (procfs_read_status(&eng->proc, kids[i],
				    &st) == 0 && st.tracer == getpid())
					continue;
				parent = t->leader != NULL ? t->leader : t;
				if (eng->opts.limit_depth && parent->depth +
				    1 > eng->opts.max_depth) {
					eng_untraced_new(eng, kids[i], parent);
					sk->v = fw_realloc(sk->v, (sk->n + 1) *
					    sizeof *sk->v);
					sk->v[sk->n++] = kids[i];
					found++;
					continue;
				}
				if (attach_process(eng, kids[i], kids[i],
				    false) > 0)
					found++;
			}
		}
		if (found == 0)
			break;
	}
	return rounds;
}

/*
 * A fork that a process began before we seized it makes a child that is
 * not ours and may not be listed yet when the walk ends (it is still in
 * copy_process()). A task cannot stop inside fork(): once every task has
 * stopped, such children are listed, so walk once more (and again, as
 * long as that finds some). On the eBPF backend nothing is needed: the
 * kernel reports the child of a task of its set when the child is made,
 * after it is listed, so a child the walk missed comes as a fork.
 * stop: leave everything stopped (attach -p in the console).
 */
static int
attach_descendants(struct engine *eng, bool stop)
{
	struct skipped	 sk = { NULL, 0 };
	int		 r = 0, rounds;

	walk_descendants(eng, &sk);
	if (engine_can_stop(eng)) {
		for (rounds = 0; rounds < 100; rounds++) {
			if ((r = engine_stop_all(eng, NULL)) != 0)
				break;
			if (walk_descendants(eng, &sk) == 0)
				break;
		}
		if (!stop)
			engine_resume_all(eng);
	}
	free(sk.v);
	return r;
}

/* Emit the attach event of a task, with what /proc says of its image. */
int
eng_attach_event(struct engine *eng, struct fw_task *t)
{
	struct fw_event	 ev;
	struct fw_strv	 argv;
	char		*path = NULL, *cwd = NULL;
	int		 verdict;

	eng_event_init(eng, &ev, FW_EV_ATTACH, t);
	ev.ppid = t->ppid;
	strv_init(&argv);
	if (task_is_leader(t)) {
		procfs_readlink(&eng->proc, t->tid, "exe", &path);
		procfs_readlink(&eng->proc, t->tid, "cwd", &cwd);
		procfs_read_strv(&eng->proc, t->tid, "cmdline", &argv);
		task_set_exec(t, path, &argv);
		procfs_read_comm(&eng->proc, t->tid, t->comm, sizeof t->comm);
		ev.path = path != NULL ? path : "";
		ev.cwd = cwd != NULL ? cwd : "";
		ev.argv = &argv;
	} else if (t->leader != NULL) {
		task_set_exec(t, t->leader->path, &t->leader->argv);
	}
	verdict = eng_emit(eng, &ev);
	free(path);
	free(cwd);
	strv_release(&argv);
	return verdict;
}

int
engine_attach(struct engine *eng, pid_t pid, bool stop)
{
	struct procfs_status	 st;
	struct procfs_stat	 ps;
	pid_t			 tgid;
	int			 r;

	if (stop && !engine_can_stop(eng)) {
		fw_buf_printf(&eng->err, "cannot attach to %d stopped: the %s "
		    "backend never stops a task (use --backend=ptrace)",
		    (int)pid, engine_backend_name(eng));
		return -ENOTSUP;
	}
	if ((r = procfs_read_status(&eng->proc, pid, &st)) != 0) {
		fw_buf_printf(&eng->err, "cannot attach to %d: %s", (int)pid,
		    r == -ENOENT ? "No such process" : strerror(-r));
		return r == -ENOENT ? -ESRCH : r;
	}
	tgid = st.tgid;
	/* ptrace refuses kernel threads with EPERM, which would be
	 * explained as "not dumpable": say what it is. (The eBPF backend
	 * sees them like any task.) */
	if (engine_can_stop(eng) &&
	    procfs_read_stat(&eng->proc, tgid, 0, &ps) == 0 &&
	    (ps.flags & PF_KTHREAD)) {
		fw_buf_printf(&eng->err, "cannot attach to %d: kernel thread: "
		    "cannot be traced", (int)pid);
		return -EPERM;
	}
	if (task_find(&eng->tasks, tgid) != NULL) {
		fw_buf_printf(&eng->err, "process %d is already traced by "
		    "this forkwatch", (int)tgid);
		return -EALREADY;
	}
	if ((r = attach_process(eng, tgid, pid, true)) < 0)
		return r;
	if (eng->opts.subtree && (r = attach_descendants(eng, stop)) != 0)
		return r;
	if (stop)
		return engine_stop_all(eng, NULL);
	return 0;
}

/* pids of every live task, so callers may act while records go away. */
static pid_t *
live_pids(struct engine *eng, size_t *np)
{
	struct fw_task	*t;
	pid_t		*v = fw_malloc((eng->tasks.count + 1) * sizeof *v);
	size_t		 n = 0;

	for (t = eng->tasks.head; t != NULL; t = t->all_next) {
		if (task_is_traced(t) && n < eng->tasks.count)
			v[n++] = t->tid;
	}
	*np = n;
	return v;
}

static void
interrupt_task(struct fw_task *t)
{
	if (t->flags & TF_INTR_PENDING)
		return;
	if (pt_interrupt(t->tid) == 0)
		t->flags |= TF_INTR_PENDING;
}

/* True while some task we wait for has not stopped yet. */
static bool
still_running(struct engine *eng)
{
	struct fw_task	*t;

	for (t = eng->tasks.head; t != NULL; t = t->all_next) {
		if (t->state == TASK_STARTING)
			return true;
		/* A vfork parent cannot stop until its child lets it go. */
		if (t->state == TASK_RUNNING && !(t->flags & TF_VFORK_WAIT))
			return true;
	}
	return false;
}

int
ptr_stop_all(struct engine *eng, const volatile sig_atomic_t *intr)
{
	struct fw_task	*t;
	int		 r;

	eng->frozen = true;
	for (t = eng->tasks.head; t != NULL; t = t->all_next) {
		if (t->state == TASK_RUNNING && !(t->flags & TF_VFORK_WAIT))
			interrupt_task(t);
	}
	while (still_running(eng)) {
		if (intr != NULL && *intr)
			return -EINTR;
		/* Tasks we interrupt may have died: re-interrupt any running
		 * task created meanwhile (its creator stopped before it). */
		for (t = eng->tasks.head; t != NULL; t = t->all_next) {
			if (t->state == TASK_RUNNING &&
			    !(t->flags & TF_VFORK_WAIT))
				interrupt_task(t);
		}
		r = eng_wait_once(eng, true);
		if (r < 0 && r != -EINTR)
			return r == -ECHILD ? 0 : r;
	}
	eng_flush(eng);
	return 0;
}

int
ptr_stop_task(struct engine *eng, struct fw_task *t)
{
	pid_t	 tid = t->tid;
	int	 r;

	if (t->state == TASK_LISTENING || t->state == TASK_RUNNING)
		interrupt_task(t);
	while ((t = task_find(&eng->tasks, tid)) != NULL &&
	    (t->state == TASK_RUNNING || t->state == TASK_LISTENING ||
	    t->state == TASK_STARTING)) {
		if (t->flags & TF_VFORK_WAIT)
			return -EBUSY;
		t->flags |= TF_WANT_STOP;
		r = eng_wait_once(eng, true);
		if (r < 0 && r != -EINTR)
			return r;
	}
	if (t != NULL)
		t->flags &= ~TF_WANT_STOP;
	eng->brk = false;
	return t != NULL ? 0 : -ESRCH;
}

int
ptr_resume_task(struct engine *eng, struct fw_task *t)
{
	return eng_restart(eng, t);
}

void
ptr_resume_all(struct engine *eng)
{
	struct fw_task	*t;

	eng->frozen = false;
	eng->brk = false;
	for (t = eng->tasks.head; t != NULL; t = t->all_next) {
		if (t->state == TASK_STOPPED && !(t->flags & TF_HELD))
			eng_restart(eng, t);
	}
}

int
ptr_detach_task(struct engine *eng, struct fw_task *t)
{
	pid_t	 tid = t->tid;

	t->flags |= TF_DETACHING;
	if (t->state == TASK_STOPPED) {
		eng_settle(eng, t, ENGINE_GO);
		return 0;
	}
	if (t->state == TASK_PARKED) {
		pt_detach(t->tid, 0);
		eng_task_gone(eng, t);
		return 0;
	}
	interrupt_task(t);
	while (task_find(&eng->tasks, tid) != NULL) {
		if (eng_wait_once(eng, true) == -ECHILD)
			break;
	}
	return 0;
}

/* Is any task of process tgid still traced? */
static bool
process_traced(struct engine *eng, pid_t tgid)
{
	struct fw_task	*t;

	for (t = eng->tasks.head; t != NULL; t = t->all_next) {
		if (task_is_traced(t) && t->tgid == tgid)
			return true;
	}
	return false;
}

/* Let task t go (it is TF_DETACHING, or the engine is detaching) and wait
 * while a step of its going runs (engine-letgo.c): no other thread of its
 * process may go meanwhile, as it could take the very SIGINT that step
 * takes out. A thread blocked in vfork is not waited for: its child has
 * to go first. */
static void
let_go_now(struct engine *eng, struct fw_task *t)
{
	pid_t	 tid = t->tid;

	if (t->state == TASK_PARKED) {
		pt_detach(t->tid, 0);
		eng_task_gone(eng, t);
		return;
	}
	if (t->state == TASK_STOPPED)
		eng_settle(eng, t, ENGINE_GO);
	while ((t = task_find(&eng->tasks, tid)) != NULL &&
	    t->state == TASK_RUNNING && (t->flags & TF_MASKED) &&
	    !(t->flags & TF_VFORK_WAIT)) {
		if (eng_wait_once(eng, true) == -ECHILD)
			break;
	}
}

/* The thread of process tgid whose SIGSTOP starts its group-stop when it
 * is handed over: one at the delivery of a SIGSTOP, else the leader, else
 * any thread not exiting. 0: none is needed (the process is in a
 * group-stop already) or possible (every thread is exiting). */
static pid_t
pick_starter(struct engine *eng, pid_t tgid)
{
	struct fw_task	*t, *best = NULL;

	for (t = eng->tasks.head; t != NULL; t = t->all_next) {
		if (!task_is_traced(t) || t->tgid != tgid)
			continue;
		if (t->stop_kind == STOP_GROUP)
			return 0;
		if (t->state != TASK_STOPPED || t->stop_kind == STOP_EXITING)
			continue;
		if (best != NULL && best->stop_kind == STOP_SIGNAL &&
		    best->stop_sig == SIGSTOP)
			continue;
		if (best == NULL || task_is_leader(t) ||
		    (t->stop_kind == STOP_SIGNAL && t->stop_sig == SIGSTOP))
			best = t;
	}
	return best != NULL ? best->tid : 0;
}

/* Wait (at most about 2 s) until the starter is in its group-stop, so the
 * other threads find it in effect when they are detached, instead of
 * running until it begins. */
static void
wait_group_stop(struct engine *eng, pid_t tgid, pid_t tid)
{
	struct timespec		 ms = { 0, 1000000 };
	struct procfs_stat	 st;
	int			 i;

	for (i = 0; i < 2000; i++) {
		if (procfs_read_stat(&eng->proc, tgid, tid, &st) != 0 ||
		    st.state == 'T' || st.state == 'Z' || st.state == 'X')
			return;
		nanosleep(&ms, NULL);
	}
}

int
ptr_detach_process(struct engine *eng, struct fw_task *t,
    bool leave_stopped)
{
	pid_t		 tgid = t->tgid, *pids, starter = 0;
	size_t		 n, i;
	struct fw_task	*u;
	int		 r = 0;

	pids = live_pids(eng, &n);
	for (i = 0; i < n; i++) {
		if ((u = task_find(&eng->tasks, pids[i])) == NULL ||
		    u->tgid != tgid)
			continue;
		/* Blocked in vfork, it cannot stop until its child execs or
		 * exits; handed over, it could not be left stopped. */
		if ((u->flags & TF_VFORK_WAIT) &&
		    (leave_stopped || u->state != TASK_STOPPED)) {
			free(pids);
			return -EBUSY;
		}
	}
	/* Every thread still first: one of them takes out what the process
	 * must not get (engine-letgo.c), and none may run meanwhile. */
	for (i = 0; i < n; i++) {
		if ((u = task_find(&eng->tasks, pids[i])) == NULL ||
		    u->tgid != tgid)
			continue;
		if (u->state == TASK_RUNNING || u->state == TASK_LISTENING ||
		    u->state == TASK_STARTING) {
			r = ptr_stop_task(eng, u);
			if (r != 0 && r != -ESRCH)
				goto out;
		}
	}
	if (leave_stopped)
		starter = pick_starter(eng, tgid);
	for (i = 0; i < n; i++) {
		if ((u = task_find(&eng->tasks, pids[i])) == NULL ||
		    u->tgid != tgid)
			continue;
		u->flags |= TF_DETACHING | (leave_stopped ? TF_HANDOFF : 0) |
		    (u->tid == starter ? TF_STARTER : 0);
		u->flags &= ~(TF_HELD | TF_WANT_STOP);
	}
	if (starter != 0 && (u = task_find(&eng->tasks, starter)) != NULL) {
		let_go_now(eng, u);
		wait_group_stop(eng, tgid, starter);
	}
	for (i = 0; i < n; i++) {
		if ((u = task_find(&eng->tasks, pids[i])) != NULL &&
		    u->tgid == tgid)
			let_go_now(eng, u);
	}
	/* A task that died or re-stopped meanwhile goes at its next stop. */
	while (process_traced(eng, tgid)) {
		if (eng_wait_once(eng, true) == -ECHILD)
			break;
	}
	r = 0;
out:
	free(pids);
	return r;
}

/* Stop every task that can stop (not one blocked in vfork), listening
 * ones too, so that no process runs while its tasks are let go. */
static void
stop_everything(struct engine *eng)
{
	struct fw_task	*t;
	bool		 waiting;
	int		 r;

	eng->frozen = true;
	for (;;) {
		waiting = false;
		for (t = eng->tasks.head; t != NULL; t = t->all_next) {
			if (t->state == TASK_STARTING)
				waiting = true;
			if ((t->state == TASK_RUNNING &&
			    !(t->flags & TF_VFORK_WAIT)) ||
			    t->state == TASK_LISTENING) {
				interrupt_task(t);
				waiting = true;
			}
		}
		if (!waiting)
			break;
		r = eng_wait_once(eng, true);
		if (r < 0 && r != -EINTR)
			break;
	}
}

void
ptr_detach_all(struct engine *eng)
{
	pid_t		*pids;
	size_t		 n, i;
	struct fw_task	*t;
	int		 r;

	stop_everything(eng);
	eng->detaching = true;
	eng->frozen = false;
	pids = live_pids(eng, &n);
	for (i = 0; i < n; i++) {
		if ((t = task_find(&eng->tasks, pids[i])) == NULL)
			continue;
		switch (t->state) {
		case TASK_STOPPED:
		case TASK_PARKED:
			let_go_now(eng, t);
			break;
		case TASK_RUNNING:
		case TASK_LISTENING:
			/* Blocked in vfork (or re-trapping): it goes at its
			 * next stop; a listening task stays group-stopped. */
			interrupt_task(t);
			break;
		default:
			break;
		}
	}
	free(pids);
	while (eng->tasks.count > 0) {
		r = eng_wait_once(eng, true);
		if (r == -ECHILD)
			break;
	}
	eng_flush(eng);
}

void
ptr_kill_all(struct engine *eng)
{
	struct fw_task	*t;

	eng->frozen = false;
	for (t = eng->tasks.head; t != NULL; t = t->all_next) {
		if (t->state == TASK_DEAD)
			continue;
		t->flags &= ~(TF_HELD | TF_WANT_STOP);
		if (task_is_leader(t))
			kill(t->tid, SIGKILL);
	}
	/* SIGKILLed tasks still stop at PTRACE_EVENT_EXIT: restart them. */
	for (t = eng->tasks.head; t != NULL; t = t->all_next) {
		if (t->state == TASK_STOPPED)
			eng_restart(eng, t);
	}
	while (eng->tasks.count > 0) {
		if (eng_wait_once(eng, true) == -ECHILD)
			break;
	}
	eng_flush(eng);
}

int
ptr_set_signal(struct engine *eng, struct fw_task *t, int sig)
{
	(void)eng;
	if (t->state != TASK_STOPPED || t->stop_kind != STOP_SIGNAL)
		return -EINVAL;
	t->stop_sig = sig;
	return 0;
}

int
engine_signal_task(struct engine *eng, struct fw_task *t, int sig)
{
	(void)eng;
	if (syscall(SYS_tgkill, t->tgid, t->tid, sig) != 0)
		return -errno;
	return 0;
}

/* The ptrace backend: every task stops at each event (engine.c's wait
 * loop), so it can also hold, step, detach and hand tasks over. */
const struct engine_backend eng_backend_ptrace = {
	.name = "ptrace",
	.seize = ptr_seize,
	.run = ptr_run,
	.fd = ptr_fd,
	.clear_fd = ptr_clear_fd,
	.detach_all = ptr_detach_all,
	.kill_all = ptr_kill_all,
	.stop_all = ptr_stop_all,
	.stop_task = ptr_stop_task,
	.resume_task = ptr_resume_task,
	.resume_all = ptr_resume_all,
	.detach_task = ptr_detach_task,
	.detach_process = ptr_detach_process,
	.set_signal = ptr_set_signal,
};
