/* engine-bpf-ev.c - the eBPF backend's events: each ring-buffer record
 * (bpf/fwbpf.h) becomes the fw_event the ptrace engine would emit for the
 * same happening, and the task table follows the tree.
 *
 * The kernel reports per task what the log reports per process: a
 * process's exit line is written when the last of its tasks has exited,
 * with the status wait(2) would give (the group's exit code after
 * exit_group or a fatal signal, else the leader's own) and the group's CPU
 * time, adjusted the way wait4's rusage is. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bpf/fwbpf.h"
#include "engine-bpf.h"
#include "engine-int.h"
#include "procfs.h"

#ifndef CLONE_VFORK
#define CLONE_VFORK	0x00004000
#endif
#ifndef CLONE_THREAD
#define CLONE_THREAD	0x00010000
#endif
#define PF_IO_WORKER	0x00000010
#define PF_KTHREAD	0x00200000
#define SIGNAL_GROUP_EXIT 0x00000004

/* --- per-process accounting: a small hash by tgid ------------------------ */

static size_t
proc_slot(const struct bpf_proc_table *pt, pid_t tgid)
{
	return ((uint32_t)tgid * 2654435769u) & (pt->cap - 1);
}

static void
proc_insert(struct bpf_proc_table *pt, struct bpf_proc *p)
{
	size_t	 i = proc_slot(pt, p->tgid);

	while (pt->slots[i] != NULL)
		i = (i + 1) & (pt->cap - 1);
	pt->slots[i] = p;
}

struct bpf_proc *
bpf_proc_get(struct bpf_proc_table *pt, pid_t tgid, bool create)
{
	struct bpf_proc	**old, *p;
	size_t		  i, oldcap;

	if (pt->cap > 0) {
		for (i = proc_slot(pt, tgid); pt->slots[i] != NULL;
		    i = (i + 1) & (pt->cap - 1)) {
			if (pt->slots[i]->tgid == tgid)
				return pt->slots[i];
		}
	}
	if (!create)
		return NULL;
	if ((pt->count + 1) * 2 > pt->cap) {
		old = pt->slots;
		oldcap = pt->cap;
		pt->cap = oldcap == 0 ? 64 : oldcap * 2;
		pt->slots = fw_calloc(pt->cap, sizeof *pt->slots);
		for (i = 0; i < oldcap; i++) {
			if (old[i] != NULL)
				proc_insert(pt, old[i]);
		}
		free(old);
	}
	p = fw_calloc(1, sizeof *p);
	p->tgid = tgid;
	proc_insert(pt, p);
	pt->count++;
	return p;
}

/* Backward-shift deletion, as in task.c. */
void
bpf_proc_del(struct bpf_proc_table *pt, pid_t tgid)
{
	size_t	 i, j, k;

	if (pt->cap == 0)
		return;
	for (i = proc_slot(pt, tgid); pt->slots[i] != NULL;
	    i = (i + 1) & (pt->cap - 1)) {
		if (pt->slots[i]->tgid == tgid)
			break;
	}
	if (pt->slots[i] == NULL)
		return;
	free(pt->slots[i]);
	pt->slots[i] = NULL;
	pt->count--;
	for (j = (i + 1) & (pt->cap - 1); pt->slots[j] != NULL;
	    j = (j + 1) & (pt->cap - 1)) {
		k = proc_slot(pt, pt->slots[j]->tgid);
		/* Move it back unless its home lies cyclically in (i, j]. */
		if ((j > i && (k <= i || k > j)) || (j < i && k <= i && k > j)) {
			pt->slots[i] = pt->slots[j];
			pt->slots[j] = NULL;
			i = j;
		}
	}
}

void
bpf_proc_table_release(struct bpf_proc_table *pt)
{
	size_t	 i;

	for (i = 0; i < pt->cap; i++)
		free(pt->slots[i]);
	free(pt->slots);
	memset(pt, 0, sizeof *pt);
}

/* --- helpers ------------------------------------------------------------- */

/* A kernel timestamp as seconds since the trace began. Records from
 * different CPUs may reach the ring slightly out of time order: the log's
 * times never go back. */
static double
rec_ts(struct engine *eng, const struct fwb_hdr *h)
{
	double	 ts = (double)h->ts / 1e9 - eng->t0;

	return ts < eng->last_ts ? eng->last_ts : ts;
}

static void
event_at(struct engine *eng, struct fw_event *ev, enum fw_event_kind k,
    struct fw_task *t, double ts)
{
	eng_event_init(eng, ev, k, t);
	ev->ts = ts;
}

/* Who sent a signal, by the same rule as the ptrace engine: si_pid means
 * a sender for signals from processes (si_code <= 0) and SIGCHLD. */
static pid_t
signal_sender(int sig, int code, pid_t from)
{
	if (code <= 0 || code == CLD_EXITED || sig == SIGCHLD)
		return from;
	return 0;
}

static void	emit_signal(struct engine *, struct fw_task *, int sig,
		    int code, pid_t sender, double ts);
static int	proc_stopped_sig(struct fw_task *);

/* The vfork child c released its parent (exec or exit): vfork_done,
 * then whatever the parent was sent while it was blocked. */
static void
vfork_done(struct engine *eng, struct fw_task *c, double ts, bool dying)
{
	struct bpf_state	*b = eng->bpf;
	struct fw_task		*p;
	struct fw_event		 ev;
	size_t			 i, n;

	c->flags &= ~TF_VFORKED;
	if ((p = task_find(&eng->tasks, c->creator)) == NULL ||
	    !(p->flags & TF_VFORK_WAIT))
		return;
	p->flags &= ~TF_VFORK_WAIT;
	/* Killed while it waited: ptrace never sees it released. */
	if (dying)
		return;
	event_at(eng, &ev, FW_EV_VFORK_DONE, p, ts);
	ev.child = c->tid;
	eng_emit(eng, &ev);
	for (i = n = 0; i < b->nheld; i++) {
		if (b->held[i].pid == p->tid)
			emit_signal(eng, p, b->held[i].sig, b->held[i].code,
			    b->held[i].sender, ts);
		else
			b->held[n++] = b->held[i];
	}
	b->nheld = n;
}

/* The vfork child of p that still holds it, if any. */
static struct fw_task *
vfork_child_of(struct fw_task *p)
{
	struct fw_task	*c;

	for (c = p->leader->first_child; c != NULL; c = c->next_sib) {
		if ((c->flags & TF_VFORKED) && c->creator == p->tid)
			return c;
	}
	return NULL;
}

/* --- threads the kernel makes ----------------------------------------------- */

/* Write the line of a thread the kernel made: a kernel thread (kthreadd's
 * child, --system) or an io_uring worker of a traced process. It waits
 * for the thread's name, which is set after copy_process() (by
 * kthread_create()'s caller, or by the worker itself), and for a kernel
 * thread its first wake-up, which both come at once with kthread_run();
 * it is written before anything else about the thread in any case. */
static void
kthread_line(struct engine *eng, struct bpf_kthread *k)
{
	struct fw_task		*t = task_find(&eng->tasks, k->tid);
	struct fw_event		 ev;

	if (t == NULL)
		return;
	memcpy(t->comm, k->comm, sizeof t->comm);
	t->comm[sizeof t->comm - 1] = '\0';
	t->flags |= TF_KTHREAD;
	t->pf_flags = k->pf_flags;
	event_at(eng, &ev, FW_EV_KTHREAD, t, k->woken > eng->last_ts ?
	    k->woken : eng->last_ts);
	ev.comm = t->comm;
	ev.pf_flags = k->pf_flags;
	/* The eBPF backend follows it like any task: its exit comes. */
	ev.traced = true;
	if (task_is_leader(t))
		ev.ppid = t->ppid;
	ev.created_ts = k->created;
	ev.woken_ts = k->woken;
	eng_emit(eng, &ev);
}

static struct bpf_kthread *
kthread_pending(struct bpf_state *b, pid_t tid)
{
	size_t	 i;

	for (i = 0; i < b->nkthreads; i++) {
		if (b->kthreads[i].tid == tid)
			return &b->kthreads[i];
	}
	return NULL;
}

static void
kthread_done(struct engine *eng, struct bpf_kthread *k)
{
	struct bpf_state	*b = eng->bpf;
	size_t			 i = (size_t)(k - b->kthreads);

	kthread_line(eng, k);
	b->kthreads[i] = b->kthreads[--b->nkthreads];
}

/* Every event about a task comes after the line that creates it. */
static void
kthread_settle(struct engine *eng, pid_t tid)
{
	struct bpf_kthread	*k;

	if (((struct bpf_state *)eng->bpf)->nkthreads > 0 &&
	    (k = kthread_pending(eng->bpf, tid)) != NULL)
		kthread_done(eng, k);
}

void
bpf_ev_flush_kthreads(struct engine *eng)
{
	struct bpf_state	*b = eng->bpf;

	while (b->nkthreads > 0)
		kthread_done(eng, &b->kthreads[b->nkthreads - 1]);
}

/* --- records --------------------------------------------------------------- */

/* copy_process made a task; the creator is the task the record is about. */
/* forkwatch's own pid namespace level: its NSpid has one pid per level. */
static int
own_ns_level(struct engine *eng)
{
	struct bpf_state	*b = eng->bpf;
	struct procfs_status	 st;
	struct fw_pids		 ns;

	if (b->ns_level < 0) {
		b->ns_level = 0;
		if (procfs_read_status(&eng->proc, getpid(), &st) == 0 &&
		    procfs_parse_nspid(st.nspid, &ns) == 0)
			b->ns_level = ns.n - 1;
	}
	return b->ns_level;
}

/* A new task in a pid namespace below forkwatch's: its pids from ours
 * down to its own, as the kernel gave them in the record (no /proc
 * read; /proc's NSpid only past FWB_NS_MAX levels). */
static void
new_task_nspid(struct engine *eng, struct fw_task *c,
    const struct fwb_newtask *r)
{
	struct procfs_status	 st;
	int			 own = own_ns_level(eng), i;

	if ((int)r->ns_level <= own)
		return;
	if (r->ns_level >= FWB_NS_MAX) {
		if (procfs_read_status(&eng->proc, c->tid, &st) == 0)
			eng_nspid_set(c, st.nspid);
		return;
	}
	c->nspid = fw_malloc(sizeof *c->nspid);
	c->nspid->n = (int)r->ns_level - own + 1;
	for (i = 0; i < c->nspid->n; i++)
		c->nspid->v[i] = (pid_t)r->nspid[own + i];
}

static void
rec_newtask(struct engine *eng, const struct fwb_newtask *r)
{
	struct bpf_state	*b = eng->bpf;
	struct fw_task		*t, *c, *proc, *rp;
	struct bpf_kthread	*k;
	struct fw_event		 ev;
	bool			 thread = (r->clone_flags & CLONE_THREAD) != 0;
	enum fw_event_kind	 kind;
	double			 ts = rec_ts(eng, &r->h);

	if (task_find(&eng->tasks, (pid_t)r->child) != NULL)
		return;		/* listed from /proc when the trace began */
	if ((t = task_find(&eng->tasks, (pid_t)r->h.pid)) == NULL) {
		b->unknown++;
		return;
	}
	kthread_settle(eng, t->tid);
	if (t->flags & TF_VFORK_WAIT) {
		/* A vfork parent runs again only once its child let it go. */
		if ((c = vfork_child_of(t)) != NULL)
			vfork_done(eng, c, ts, false);
	}
	proc = t->leader != NULL ? t->leader : t;
	c = task_new(&eng->tasks, (pid_t)r->child);
	c->state = TASK_RUNNING;
	c->creator = t->tid;
	c->start_ts = ts;
	c->flags |= t->flags & TF_ATTACHED;
	if (thread) {
		task_join_process(proc, c);
		memcpy(c->comm, proc->comm, sizeof c->comm);
	} else {
		c->tgid = (pid_t)r->child;
		c->leader = c;
		c->ppid = (pid_t)r->parent_tgid;
		rp = task_find(&eng->tasks, c->ppid);
		task_link(rp != NULL && rp->leader != NULL ? rp->leader : rp,
		    c);
		task_set_exec(c, proc->path, &proc->argv);
		memcpy(c->comm, proc->comm, sizeof c->comm);
		if (r->clone_flags & CLONE_VFORK) {
			c->flags |= TF_VFORKED;
			t->flags |= TF_VFORK_WAIT;
		}
	}
	new_task_nspid(eng, c, r);
	if (r->child_flags & (PF_KTHREAD | PF_IO_WORKER)) {
		/* Made by the kernel: its line waits for its name. */
		b->kthreads = fw_realloc(b->kthreads,
		    (b->nkthreads + 1) * sizeof *b->kthreads);
		k = &b->kthreads[b->nkthreads++];
		memset(k, 0, sizeof *k);
		k->tid = c->tid;
		k->creator = t->tid;
		k->created = ts;
		k->pf_flags = r->child_flags;
		k->wait_wake = (r->child_flags & PF_KTHREAD) != 0;
		/* Kernels since 6.x name a kernel thread before it exists
		 * (copy_process); older ones rename it (task_rename). */
		memcpy(k->comm, r->child_comm, sizeof k->comm);
		return;
	}
	/* The kernel names the event after the exit signal and CLONE_VFORK,
	 * as ptrace does: clone(CLONE_PARENT|SIGCHLD) is a fork. */
	if (r->clone_flags & CLONE_VFORK)
		kind = FW_EV_VFORK;
	else if (!thread && r->exit_signal == SIGCHLD)
		kind = FW_EV_FORK;
	else
		kind = FW_EV_CLONE;
	event_at(eng, &ev, kind, t, ts);
	ev.child = c->tid;
	ev.thread = thread;
	ev.has_clone_flags = true;
	ev.clone_flags = r->clone_flags;
	ev.exit_signal = thread || r->exit_signal < 0 ? 0 : r->exit_signal;
	if (!thread && c->ppid != proc->tid)
		ev.parent = c->ppid;
	eng_emit(eng, &ev);
	if (thread && proc_stopped_sig(t) != 0) {
		/* Made while its process enters a group-stop: the kernel
		 * stops it at once (copy_process() passes the pending
		 * stop on), and ptrace reports it as a stop. */
		c->state = TASK_LISTENING;
		c->stop_sig = proc_stopped_sig(t);
		event_at(eng, &ev, FW_EV_STOP, c, ts);
		ev.signo = c->stop_sig;
		eng_emit(eng, &ev);
	}
}

/* "true\0bin\0usr\0" (leaf first) -> "/usr/bin/true". */
static char *
path_from_names(const char *names, size_t len)
{
	struct fw_buf	 b;
	const char	*end = names + len, *p, *q;
	char		*path;

	fw_buf_init(&b);
	while (end > names) {
		/* The last name is the one nearest the root. */
		q = end - 1;			/* its NUL */
		for (p = q; p > names && p[-1] != '\0'; p--)
			;
		fw_buf_addc(&b, '/');
		fw_buf_add(&b, p, (size_t)(q - p));
		end = p;
	}
	if (b.len == 0)
		fw_buf_addc(&b, '/');
	path = fw_strdup(fw_buf_cstr(&b));
	fw_buf_release(&b);
	return path;
}

/* A path the kernel walked, or /proc's when the walk was cut short. */
static char *
exec_path(struct engine *eng, pid_t pid, const char *names, size_t len,
    bool trunc, const char *what)
{
	char	*p = NULL;

	if (trunc && procfs_readlink(&eng->proc, pid, what, &p) == 0)
		return p;
	return path_from_names(names, len);
}

static void
rec_env(struct engine *eng, const struct fwb_env *r, size_t size)
{
	struct bpf_state	*b = eng->bpf;

	if (size < sizeof *r || r->len > size - sizeof *r)
		return;
	free(b->env);
	b->env = fw_malloc(r->len + 1);
	memcpy(b->env, r->data, r->len);
	b->env_len = r->len;
	b->env_pid = (pid_t)r->h.pid;
	b->env_trunc = r->trunc != 0;
}

static void
rec_exec(struct engine *eng, const struct fwb_exec *r, size_t size)
{
	struct bpf_state	*b = eng->bpf;
	struct fw_task		*t, *old;
	struct fw_event		 ev;
	struct fw_strv		 argv, env;
	char			*path, *cwd;
	pid_t			 pid = (pid_t)r->h.pid;
	double			 ts = rec_ts(eng, &r->h);
	const char		*d = r->data;

	if (size < sizeof *r || (size_t)r->path_len + r->cwd_len +
	    r->argv_len > size - sizeof *r)
		return;
	if ((t = task_find(&eng->tasks, pid)) == NULL) {
		b->unknown++;
		return;
	}
	kthread_settle(eng, pid);
	if (r->old_pid != 0 && (pid_t)r->old_pid != pid) {
		/* A non-leader thread exec'd and took its leader's tid: its
		 * own record goes without a line, the leader's carries on
		 * (the leader's death in de_thread() was not reported). */
		old = task_find(&eng->tasks, (pid_t)r->old_pid);
		if (old != NULL && old != t) {
			task_unhash(&eng->tasks, old);
			if (t->nthreads > 1)
				t->nthreads--;
			task_drop(&eng->tasks, old);
		}
	}
	t->flags |= TF_EXECED;
	strv_init(&argv);
	strv_init(&env);
	strv_set(&argv, d + r->path_len + r->cwd_len, r->argv_len);
	if (r->argv_len == 0)
		procfs_read_strv(&eng->proc, pid, "cmdline", &argv);
	path = exec_path(eng, pid, d, r->path_len,
	    (r->flags & FWB_EXEC_PATH_TRUNC) != 0, "exe");
	cwd = exec_path(eng, pid, d + r->path_len, r->cwd_len,
	    (r->flags & FWB_EXEC_CWD_TRUNC) != 0, "cwd");
	task_set_exec(t, path, &argv);
	memcpy(t->comm, r->comm, sizeof t->comm);
	t->comm[sizeof t->comm - 1] = '\0';

	event_at(eng, &ev, FW_EV_EXEC, t, ts);
	ev.path = path;
	ev.cwd = cwd;
	ev.argv = &argv;
	ev.argv_truncated = (r->flags & FWB_EXEC_ARGV_TRUNC) != 0;
	ev.old_pid = (pid_t)r->old_pid != pid ? (pid_t)r->old_pid : 0;
	if (eng->opts.want_env) {
		if (b->env_pid == pid && b->env != NULL)
			strv_set(&env, b->env, b->env_len);
		ev.env = &env;
	}
	eng_emit(eng, &ev);
	if (t->flags & TF_VFORKED)
		vfork_done(eng, t, ts, (r->flags & FWB_EXEC_PARENT_DYING) != 0);
	b->env_pid = 0;
	free(path);
	free(cwd);
	strv_release(&argv);
	strv_release(&env);
}

/* The CPU time wait4 would report for a process: the kernel's tick
 * counts scaled to the exact runtime (cputime_adjust()), plus what it
 * reaped from its children. */
static void
proc_rusage(struct fw_event *ev, const struct bpf_proc *p,
    const struct fwb_exit *r)
{
	double	 rt = (double)p->runtime, u = (double)p->utime;
	double	 s = (double)p->stime;

	if (s == 0)
		u = rt;
	else if (u == 0)
		s = rt;
	else {
		s = rt * s / (s + u);
		u = rt - s;
	}
	ev->has_rusage = true;
	ev->utime = (u + (double)r->cutime) / 1e9;
	ev->stime = (s + (double)r->cstime) / 1e9;
	ev->maxrss_kb = (long)((p->maxrss > r->cmaxrss ? p->maxrss :
	    r->cmaxrss) * (unsigned long)(sysconf(_SC_PAGESIZE) / 1024));
}

/* Wait for the new parents of t's live child processes (t is dying);
 * returns how many. */
static size_t
reparents_expect(struct engine *eng, struct fw_task *t)
{
	struct bpf_state	*b = eng->bpf;
	struct fw_task		*c;
	size_t			 n = 0;

	for (c = t->first_child; c != NULL; c = c->next_sib) {
		if ((c->flags & TF_THREAD) || c->state == TASK_DEAD ||
		    c->ppid != t->tid)
			continue;
		b->reparents = fw_realloc(b->reparents,
		    (b->nreparents + 1) * sizeof *b->reparents);
		b->reparents[b->nreparents++] = (struct bpf_reparent){
		    .child = c->tid, .old = t->tid, .deadline = fw_now() + 1 };
		n++;
	}
	return n;
}

/* Log the new parents the kernel has given. pid: only that task's, with
 * h its record, whose ppid is the kernel's word (the task may be reaped
 * before /proc could be read); 0: all, from /proc. Returns how many are
 * still to come. */
static size_t
reparents_check(struct engine *eng, pid_t pid, const struct fwb_hdr *h)
{
	struct bpf_state	*b = eng->bpf;
	struct bpf_reparent	*r;
	struct procfs_status	 st;
	struct eng_reaper	 rp;
	struct fw_task		*c;
	size_t			 i, n;
	pid_t			 ppid;
	double			 now = fw_now();

	memset(&rp, 0, sizeof rp);
	for (i = n = 0; i < b->nreparents; i++) {
		r = &b->reparents[i];
		if (pid != 0 && r->child != pid) {
			b->reparents[n++] = *r;
			continue;
		}
		c = task_find(&eng->tasks, r->child);
		if (c == NULL || c->ppid != r->old)
			continue;		/* gone */
		if (h != NULL)
			ppid = (pid_t)h->ppid;
		else if (procfs_read_status(&eng->proc, r->child, &st) == 0)
			ppid = st.ppid;
		else
			ppid = r->old;	/* its exit record will say */
		if (ppid == r->old || ppid <= 0) {
			if (now < r->deadline || h == NULL)
				b->reparents[n++] = *r;
			continue;
		}
		eng_reparent_child(eng, c, r->old, ppid, &rp);
	}
	b->nreparents = n;
	return n;
}

size_t
bpf_ev_reparents(struct engine *eng, pid_t pid)
{
	return reparents_check(eng, pid, NULL);
}

/* The process of leader t is gone: the kernel gives its live child
 * processes to reaper (which the eBPF program found as the kernel does,
 * a moment before it does). */
static void
reparent_to(struct engine *eng, struct fw_task *t, pid_t reaper)
{
	struct fw_task		*c, *next;
	struct eng_reaper	 rp;

	memset(&rp, 0, sizeof rp);
	for (c = t->first_child; c != NULL; c = next) {
		next = c->next_sib;
		if ((c->flags & TF_THREAD) || c->state == TASK_DEAD ||
		    c->ppid != t->tid)
			continue;
		eng_reparent_child(eng, c, t->tid, reaper, &rp);
	}
}

/* The process of leader t is gone (its last task exited): its exit line. */
static void
proc_exit(struct engine *eng, struct fw_task *t, struct bpf_proc *p,
    const struct fwb_exit *r, double ts)
{
	struct fw_event	 ev;
	struct pollfd	 pfd;
	int		 status, fd;

	/* As wait(2) reports it: the group's code after exit_group() or a
	 * fatal signal, else the leader's own. */
	status = (r->sig_flags & SIGNAL_GROUP_EXIT) ? r->group_exit_code :
	    p->leader_status;
	event_at(eng, &ev, FW_EV_EXIT, t, ts);
	eng_exit_status(&ev, status);
	proc_rusage(&ev, p, r);
	t->exited = true;
	t->killed = ev.killed;
	t->code = ev.code;
	t->signo = ev.signo;
	t->core = ev.core;
	if (t->tid == eng->root && eng->launched) {
		eng->root_done = true;
		eng->root_status = status;
	}
	t->state = TASK_DEAD;
	if (t->nspid != NULL)
		eng_nspid_gone(eng, t);
	eng_emit(eng, &ev);
	if (t->flags & TF_VFORKED)
		vfork_done(eng, t, ts,
		    (r->flags & FWB_EXIT_PARENT_DYING) != 0);
	if (t->nchildren > 0 && r->reaper != 0)
		reparent_to(eng, t, (pid_t)r->reaper);
	else if (t->nchildren > 0 && reparents_expect(eng, t) > 0) {
		/* The kernel moves the children (exit_notify()) just after
		 * the exit record. Wait for that, so their lines follow this
		 * one as with ptrace: a pidfd becomes readable once exit_notify
		 * is done (ESRCH: the process is even reaped). A straggler is
		 * still written before anything else about it. */
		if ((fd = (int)syscall(SYS_pidfd_open, t->tid, 0)) >= 0) {
			pfd.fd = fd;
			pfd.events = POLLIN;
			poll(&pfd, 1, 200);
			close(fd);
		}
		bpf_ev_reparents(eng, 0);
	}
	bpf_proc_del(&((struct bpf_state *)eng->bpf)->procs, t->tgid);
	eng_task_gone(eng, t);
}

static void
rec_exit(struct engine *eng, const struct fwb_exit *r)
{
	struct bpf_state	*b = eng->bpf;
	struct fw_task		*t, *leader;
	struct bpf_proc		*p;
	struct fw_event		 ev;
	pid_t			 pid = (pid_t)r->h.pid;
	double			 ts = rec_ts(eng, &r->h);
	int			 status;

	if ((t = task_find(&eng->tasks, pid)) == NULL) {
		b->unknown++;
		return;
	}
	kthread_settle(eng, pid);
	/* The leader dies in de_thread() so that the thread that exec'd can
	 * take its place: the process goes on (the exec record follows). */
	if ((r->flags & FWB_EXIT_EXEC_ZAP) && pid == (pid_t)r->h.tgid)
		return;
	p = bpf_proc_get(&b->procs, t->tgid, true);
	p->utime += r->utime;
	p->stime += r->stime;
	p->runtime += r->runtime;
	if (r->maxrss > p->maxrss)
		p->maxrss = r->maxrss;
	status = (r->sig_flags & SIGNAL_GROUP_EXIT) ? r->group_exit_code :
	    r->exit_code;
	if (task_is_leader(t)) {
		p->leader_status = r->exit_code;
		if (t->nthreads > 1) {
			/* Its threads live on: its line comes with the
			 * last of them, as the kernel's wait does. */
			p->leader_gone = true;
			return;
		}
		proc_exit(eng, t, p, r, ts);
		return;
	}
	event_at(eng, &ev, FW_EV_EXIT, t, ts);
	eng_exit_status(&ev, status);
	ev.thread = true;
	t->exited = true;
	t->killed = ev.killed;
	t->code = ev.code;
	t->signo = ev.signo;
	t->state = TASK_DEAD;
	eng_emit(eng, &ev);
	leader = t->leader;
	eng_task_gone(eng, t);
	if (p->leader_gone && leader != NULL && leader != t &&
	    leader->state != TASK_DEAD && leader->nthreads <= 1)
		proc_exit(eng, leader, p, r, ts);
}

static void
emit_signal(struct engine *eng, struct fw_task *t, int sig, int code,
    pid_t sender, double ts)
{
	struct fw_event	 ev;

	event_at(eng, &ev, FW_EV_SIGNAL, t, ts);
	ev.signo = sig;
	ev.si_code = code;
	ev.sender = signal_sender(sig, code, sender);
	/* si_pid is the pid as t sees it: ours is wanted. */
	if (ev.sender > 0 && t->nspid != NULL)
		eng_nspid_sender(eng, t, &ev);
	eng_emit(eng, &ev);
}

static bool
is_stop_sig(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	    sig == SIGTTOU;
}

/* The live tasks of t's process, the leader first (threads are linked
 * under it with the child processes). Start with u = NULL. */
static struct fw_task *
next_in_proc(struct fw_task *t, struct fw_task *u)
{
	struct fw_task	*leader = t->leader != NULL ? t->leader : t;

	u = u == NULL ? leader : u == leader ? leader->first_child :
	    u->next_sib;
	while (u != NULL && (u->state == TASK_DEAD || (u != leader &&
	    !(u->flags & TF_THREAD))))
		u = u->next_sib;
	return u;
}

/* The signal that stopped t's process, 0 when it is not stopped. */
static int
proc_stopped_sig(struct fw_task *t)
{
	struct fw_task	*u = NULL;

	while ((u = next_in_proc(t, u)) != NULL) {
		if (u->state == TASK_LISTENING)
			return u->stop_sig;
	}
	return 0;
}

/* A stop signal with its default action was delivered to t: its whole
 * process enters a group-stop. ptrace reports the stop of each thread;
 * the kernel tells us only of the one that took the signal, so the
 * others are reported with it. */
static void
proc_stopped(struct engine *eng, struct fw_task *t, int sig, double ts)
{
	struct fw_task	*u = NULL;
	struct fw_event	 ev;

	while ((u = next_in_proc(t, u)) != NULL) {
		if (u->state == TASK_LISTENING)
			continue;
		u->state = TASK_LISTENING;
		u->stop_sig = sig;
		event_at(eng, &ev, FW_EV_STOP, u, ts);
		ev.signo = sig;
		eng_emit(eng, &ev);
	}
}

/* SIGCONT was sent to t's process: every task that stopped goes on. */
static void
proc_continued(struct engine *eng, struct fw_task *t, double ts)
{
	struct fw_task	*u = NULL;
	struct fw_event	 ev;

	while ((u = next_in_proc(t, u)) != NULL) {
		if (u->state != TASK_LISTENING)
			continue;
		u->state = TASK_RUNNING;
		event_at(eng, &ev, FW_EV_CONT, u, ts);
		ev.signo = SIGCONT;
		eng_emit(eng, &ev);
	}
}

static void
rec_signal(struct engine *eng, const struct fwb_signal *r)
{
	struct bpf_state	*b = eng->bpf;
	struct fw_task		*t;
	double			 ts = rec_ts(eng, &r->h);

	if ((t = task_find(&eng->tasks, (pid_t)r->h.pid)) == NULL) {
		b->unknown++;
		return;
	}
	kthread_settle(eng, t->tid);
	if (r->sig == SIGCONT)
		proc_continued(eng, t, ts);
	if (r->flags & FWB_SIG_SENT)
		return;		/* it is reported when it is delivered */
	if (t->flags & TF_VFORK_WAIT) {
		if (r->flags & FWB_SIG_IGNORED) {
			/* Dropped at once by the kernel; ptrace would have
			 * queued it until the vfork is done. */
			b->held = fw_realloc(b->held,
			    (b->nheld + 1) * sizeof *b->held);
			b->held[b->nheld++] = (struct bpf_held_signal){
				.pid = t->tid, .sig = r->sig,
				.code = r->si_code, .sender = (pid_t)r->sender,
				.ts = ts };
			return;
		}
		if (vfork_child_of(t) != NULL)
			vfork_done(eng, vfork_child_of(t), ts, false);
	}
	emit_signal(eng, t, r->sig, r->si_code, (pid_t)r->sender, ts);
	if ((r->flags & FWB_SIG_DELIVERED) && (r->flags & FWB_SIG_DFL) &&
	    is_stop_sig(r->sig))
		proc_stopped(eng, t, r->sig, ts);
}

static void
rec_rename(struct engine *eng, const struct fwb_rename *r)
{
	struct bpf_kthread	*k = kthread_pending(eng->bpf, (pid_t)r->h.pid);

	rec_ts(eng, &r->h);
	if (k != NULL) {
		memcpy(k->comm, r->comm, sizeof k->comm);
		k->comm[sizeof k->comm - 1] = '\0';
		if (!k->wait_wake)
			kthread_done(eng, k);
	}
}

static void
rec_wake(struct engine *eng, const struct fwb_hdr *h)
{
	struct bpf_kthread	*k = kthread_pending(eng->bpf, (pid_t)h->pid);
	double			 ts = rec_ts(eng, h);

	if (k != NULL) {
		k->woken = ts;
		kthread_done(eng, k);
	}
}

/* One ring-buffer record (libbpf's callback). Returns 0 to go on. */
int
bpf_ev_record(struct engine *eng, const void *data, size_t size)
{
	const struct fwb_hdr	*h = data;

	if (size < sizeof *h)
		return 0;
	/* Whatever a task does after its parent died comes after the line
	 * that gives it its new parent, if the kernel has by now. */
	if (((struct bpf_state *)eng->bpf)->nreparents > 0)
		reparents_check(eng, (pid_t)h->pid, h);
	switch (h->kind) {
	case FWB_NEWTASK:
		if (size >= sizeof(struct fwb_newtask))
			rec_newtask(eng, data);
		break;
	case FWB_EXEC:
		rec_exec(eng, data, size);
		break;
	case FWB_ENV:
		rec_env(eng, data, size);
		break;
	case FWB_EXIT:
		if (size >= sizeof(struct fwb_exit))
			rec_exit(eng, data);
		break;
	case FWB_SIGNAL:
		if (size >= sizeof(struct fwb_signal))
			rec_signal(eng, data);
		break;
	case FWB_RENAME:
		if (size >= sizeof(struct fwb_rename))
			rec_rename(eng, data);
		break;
	case FWB_WAKE:
		rec_wake(eng, h);
		break;
	default:
		break;
	}
	return 0;
}
