/* engine-kernel.c - what the kernel does to a traced tree that ptrace does
 * not report as a stop: the re-parenting of a dead process's children.
 * Each is read from /proc at one moment where it is known to have
 * happened, never at every stop (doc/INTERNALS.md, "The kernel's view"). */
#include "config.h"

#include <stdio.h>
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
