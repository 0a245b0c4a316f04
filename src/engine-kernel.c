/* engine-kernel.c - what the kernel does to a traced tree that ptrace does
 * not report as a stop: the re-parenting of a dead process's children,
 * the pid namespaces of tasks, and the processes --depth lets go.
 * Each is read from /proc at one moment where it is known to have
 * happened, never at every stop (doc/INTERNALS.md, "The kernel's view"). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "engine-int.h"

static void
reaper_read(struct engine *eng, struct eng_reaper *rp, pid_t pid)
{
	struct procfs_status	 st;
	struct fw_pids		 ns;

	memset(rp, 0, sizeof *rp);
	rp->pid = pid;
	rp->known = true;
	if (procfs_read_status(&eng->proc, pid, &st) != 0) {
		rp->init = pid == 1;
		return;
	}
	rp->init = procfs_parse_nspid(st.nspid, &ns) == 0 ?
	    ns.v[ns.n - 1] == 1 : pid == 1;
	snprintf(rp->comm, sizeof rp->comm, "%s", st.name);
}

/* Child c of dead (pid old) now has parent new_ppid: its reparent event,
 * with rp caching what was read of the new parent. Returns the sinks'
 * verdict. */
int
eng_reparent_child(struct engine *eng, struct fw_task *c, pid_t old,
    pid_t new_ppid, struct eng_reaper *rp)
{
	struct fw_task		*np;
	struct fw_event		 ev;

	if (!rp->known || rp->pid != new_ppid)
		reaper_read(eng, rp, new_ppid);
	np = task_find(&eng->tasks, new_ppid);
	c->reparented_from = c->ppid;
	eng->nreparented++;
	c->ppid = new_ppid;
	eng_event_init(eng, &ev, FW_EV_REPARENT, c);
	ev.old_parent = old;
	ev.new_parent = new_ppid;
	ev.reaper = rp->init ? "init" : "subreaper";
	ev.outside = np == NULL;
	ev.new_parent_comm = np == NULL && rp->comm[0] != '\0' ?
	    rp->comm : NULL;
	return eng_emit(eng, &ev);
}

/*
 * Process dead (its leader was just reaped) had child processes that are
 * still traced: by now the kernel has given each a new parent
 * (exit_notify() -> forget_original_parent(): the nearest ancestor that
 * is a child subreaper, else the init of the pid namespace). Read each
 * child's new parent once, here, and emit a reparent event for it. The
 * new parent is the same for all of them: it is read once. forkwatch is
 * never a subreaper itself, so it never changes the kernel's choice.
 * Returns the sinks' verdict (a breakpoint on reparent).
 */
int
eng_reparent_children(struct engine *eng, struct fw_task *dead)
{
	struct procfs_status	 st;
	struct fw_task		*c;
	struct eng_reaper	 rp;
	int			 verdict = ENGINE_GO;

	memset(&rp, 0, sizeof rp);
	for (c = dead->first_child; c != NULL; c = c->next_sib) {
		if ((c->flags & TF_THREAD) || c->state == TASK_DEAD ||
		    c->state == TASK_PARKED || c->ppid != dead->tid)
			continue;
		if (procfs_read_status(&eng->proc, c->tid, &st) != 0 ||
		    st.ppid == dead->tid || st.ppid <= 0)
			continue;
		if (eng_reparent_child(eng, c, dead->tid, st.ppid, &rp) ==
		    ENGINE_STOP)
			verdict = ENGINE_STOP;
	}
	return verdict;
}

void
eng_nspid_set(struct fw_task *t, const char *line)
{
	struct fw_pids	 ns;

	if (procfs_parse_nspid(line, &ns) != 0 || ns.n < 2)
		return;
	if (t->nspid == NULL)
		t->nspid = fw_malloc(sizeof *t->nspid);
	*t->nspid = ns;
}

/*
 * A new task's first stop. The kernel fills the siginfo of a ptrace stop
 * with the task's pid as the task itself sees it (task_pid_vnr()): when
 * that differs from ours, the task lives in another pid namespace, and
 * only then is its NSpid read (once: a task never changes namespace).
 * Tasks in forkwatch's own namespace cost no /proc read.
 */
void
eng_nspid_first_stop(struct engine *eng, struct fw_task *t, pid_t own_view)
{
	struct procfs_status	 st;

	if (own_view == t->tid || t->nspid != NULL)
		return;
	if (procfs_read_status(&eng->proc, t->tid, &st) == 0)
		eng_nspid_set(t, st.nspid);
}

void
eng_untraced_event(struct engine *eng, struct fw_task *t)
{
	struct fw_event	 ev;

	eng_event_init(eng, &ev, FW_EV_UNTRACED, t);
	ev.ppid = t->ppid;
	ev.depth = t->depth;
	eng_emit(eng, &ev);
}

/* A descendant found by the --subtree walk deeper than --depth: it is not
 * seized; a record lives just long enough for its event. */
void
eng_untraced_new(struct engine *eng, pid_t pid, struct fw_task *parent)
{
	struct procfs_status	 st;
	struct fw_task		*t = task_new(&eng->tasks, pid);

	t->tgid = pid;
	t->ppid = parent->tid;
	t->start_ts = engine_ts(eng);
	task_link(parent, t);
	if (procfs_read_status(&eng->proc, pid, &st) == 0)
		eng_nspid_set(t, st.nspid);
	eng_untraced_event(eng, t);
	task_drop(&eng->tasks, t);
}

/* Is a in the same pid namespace as b? Both have NSpid lines of the same
 * length; the namespace files tell apart siblings (two containers). 1:
 * yes, 0: no, -1: cannot tell (one is gone from /proc: on the eBPF
 * backend events are read after the fact). */
static int
same_ns(struct engine *eng, const struct fw_task *a, const struct fw_task *b)
{
	char	*na = NULL, *nb = NULL;
	int	 same;

	if (a->nspid == NULL || b->nspid == NULL ||
	    a->nspid->n != b->nspid->n)
		return 0;
	if (procfs_readlink(&eng->proc, a->tid, "ns/pid", &na) != 0 ||
	    procfs_readlink(&eng->proc, b->tid, "ns/pid", &nb) != 0) {
		free(na);
		return -1;
	}
	same = strcmp(na, nb) == 0;
	free(na);
	free(nb);
	return same;
}

void
eng_nspid_sender(struct engine *eng, struct fw_task *t, struct fw_event *ev)
{
	struct fw_task	*c, *found = NULL, *maybe = NULL;
	int		 n = t->nspid->n, same, nmaybe = 0;
	size_t		 i;

	for (c = eng->tasks.head; c != NULL; c = c->all_next) {
		if (c->state == TASK_DEAD || c->nspid == NULL ||
		    c->nspid->n != n || c->nspid->v[n - 1] != ev->sender)
			continue;
		if (c == t || (same = same_ns(eng, c, t)) == 1) {
			found = c;
			break;
		}
		if (same < 0) {
			maybe = c;
			nmaybe++;
		}
	}
	/* Only one task could be it, and /proc cannot say: that one. */
	if (found == NULL && nmaybe == 1)
		found = maybe;
	if (found != NULL) {
		ev->sender = found->tid;
		return;
	}
	/* A child that is gone already (the SIGCHLD of its exit). */
	for (i = 0; i < FW_ARRAY_SIZE(eng->gone_ns); i++) {
		if (eng->gone_ns[i].inner == ev->sender &&
		    eng->gone_ns[i].parent == t->tgid) {
			ev->sender = eng->gone_ns[i].outer;
			return;
		}
	}
	ev->sender_inner = ev->sender;
	ev->sender = 0;
}

void
eng_nspid_gone(struct engine *eng, const struct fw_task *t)
{
	unsigned	 i = eng->gone_ns_next++ % FW_ARRAY_SIZE(eng->gone_ns);

	eng->gone_ns[i].outer = t->tid;
	eng->gone_ns[i].inner = t->nspid->v[t->nspid->n - 1];
	eng->gone_ns[i].parent = t->ppid;
}
