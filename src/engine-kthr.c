/* engine-kthr.c - threads the kernel makes inside a traced process, on the
 * ptrace backend: io_uring's io-wq workers (iou-wrk-PID) and its SQPOLL
 * thread (iou-sqp-PID), PF_IO_WORKER, and other PF_USER_WORKER threads.
 *
 * The kernel makes them with CLONE_UNTRACED, so no stop reports them, and
 * they never return to user space, so they never stop like a tracee:
 * forkwatch never ptraces them. It finds them in /proc instead, without a
 * /proc read at every stop:
 *  - the cheap source is the link count of /proc/TGID/task (one stat(2),
 *    nothing read or formatted): 2 + the kernel's thread count;
 *  - it is compared with the threads forkwatch knows (traced + kernel-made)
 *    at a stop of the process at most once a second (a process is first
 *    looked at a second after it appeared, so a fork+exec storm costs
 *    nothing), and at a poll once a second for every traced process;
 *  - only when they differ is /proc/TGID/task listed, and only a thread
 *    that is neither traced nor known has its stat read (PF_* flags, comm).
 * Each gets a record (TASK_UNTRACED, TF_KTHREAD, under its leader, out of
 * the hash: no live task, nothing steers it) and a kthread line with
 * "traced":false; a look that misses it, or its process's exec or death,
 * gives its exit line (code 0: the kernel's io threads end with do_exit(0));
 * detaching its process gives a detach line. The eBPF backend sees them
 * made (engine-bpf-ev.c) and needs none of this.
 */
#include "config.h"

#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "engine-int.h"

#define PF_IO_WORKER	0x00000010
#define PF_USER_WORKER	0x00004000
#define KTHR_EVERY	1.0	/* seconds between looks at one process */

/* Is t a live record of a process that may have kernel-made threads? */
static bool
kthr_watched(const struct fw_task *t)
{
	return task_is_leader(t) && !(t->flags & TF_KTHREAD) &&
	    t->state != TASK_DEAD && t->state != TASK_PARKED &&
	    t->state != TASK_STARTING && t->state != TASK_UNTRACED;
}

/* Leader's record of kernel-made thread tid, if known. */
static struct fw_task *
kthr_find(struct fw_task *leader, pid_t tid)
{
	struct fw_task	*c;

	if (leader->nkthreads == 0)
		return NULL;
	for (c = leader->first_child; c != NULL; c = c->next_sib) {
		if (c->tid == tid && c->state == TASK_UNTRACED)
			return c;
	}
	return NULL;
}

/* The first of leader's kernel-made threads not listed at look stamp
 * (any, when stamp < 0). Scanned afresh after each one ends: ending one
 * may drop other dead records kept for display (eng_task_gone()). */
static struct fw_task *
kthr_first(struct fw_task *leader, double stamp)
{
	struct fw_task	*c;

	if (leader->nkthreads == 0)
		return NULL;
	for (c = leader->first_child; c != NULL; c = c->next_sib) {
		if (c->state == TASK_UNTRACED && c->kthr_next != stamp)
			return c;
	}
	return NULL;
}

/* A thread the kernel made in leader's process: its record and line. */
static struct fw_task *
kthr_new(struct engine *eng, struct fw_task *leader, pid_t tid,
    const struct procfs_stat *st)
{
	struct procfs_status	 ss;
	struct fw_task		*t;
	struct fw_event		 ev;

	t = task_new(&eng->tasks, tid);
	/* Not a live task: engine_live(), the wait loop and every call
	 * that steers tasks never see it. */
	task_unhash(&eng->tasks, t);
	t->state = TASK_UNTRACED;
	t->flags |= TF_THREAD | TF_KTHREAD | (leader->flags & TF_ATTACHED);
	t->tgid = leader->tgid;
	t->leader = leader;
	t->nthreads = 0;
	t->ppid = leader->ppid;
	t->start_ts = engine_ts(eng);
	t->pf_flags = st->flags;
	memcpy(t->comm, st->comm, sizeof t->comm - 1);
	t->comm[sizeof t->comm - 1] = '\0';
	task_link(leader, t);
	t->depth = leader->depth;
	leader->nkthreads++;
	/* In another pid namespace, like its process: its pids there. */
	if (leader->nspid != NULL &&
	    procfs_read_status(&eng->proc, tid, &ss) == 0)
		eng_nspid_set(t, ss.nspid);
	eng_event_init(eng, &ev, FW_EV_KTHREAD, t);
	ev.comm = t->comm;
	ev.pf_flags = t->pf_flags;
	ev.traced = false;
	eng_emit(eng, &ev);
	return t;
}

/* Kernel-made thread t is gone (FW_EV_EXIT) or no longer watched
 * (FW_EV_DETACH): its line, and its record goes. */
static void
kthr_end(struct engine *eng, struct fw_task *t, enum fw_event_kind kind)
{
	struct fw_event	 ev;

	if (t->leader != NULL && t->leader->nkthreads > 0)
		t->leader->nkthreads--;
	eng_event_init(eng, &ev, kind, t);
	if (kind == FW_EV_EXIT) {
		/* Seen gone, not reaped: the kernel's io threads all end
		 * with do_exit(0). */
		ev.thread = true;
		ev.code = 0;
		t->exited = true;
	}
	eng_emit(eng, &ev);
	eng_task_gone(eng, t);
}

/*
 * Look at leader's process: when its thread count differs from the
 * threads known, list them; a new one the kernel made gets its line, a
 * known one that is missing its exit line. A thread that is neither (a
 * traced thread whose clone event is still to come) is left to its event.
 */
static void
kthr_look(struct engine *eng, struct fw_task *leader, double now)
{
	struct procfs_stat	 st;
	struct fw_task		*c;
	pid_t			*tids;
	size_t			 n, i;
	long			 count;

	leader->kthr_next = now + KTHR_EVERY;
	eng->kthr_looks++;
	count = procfs_count_tasks(&eng->proc, leader->tgid);
	if (count < 0 || count == leader->nthreads + leader->nkthreads)
		return;
	if (procfs_list_tasks(&eng->proc, leader->tgid, &tids, &n) != 0)
		return;
	eng->kthr_lists++;
	/* A kernel-made thread listed now has its kthr_next set to now. */
	for (i = 0; i < n; i++) {
		if (tids[i] == leader->tid ||
		    task_find(&eng->tasks, tids[i]) != NULL)
			continue;
		if ((c = kthr_find(leader, tids[i])) == NULL &&
		    procfs_read_stat(&eng->proc, leader->tgid, tids[i],
		    &st) == 0 && (st.flags & (PF_IO_WORKER | PF_USER_WORKER)))
			c = kthr_new(eng, leader, tids[i], &st);
		if (c != NULL)
			c->kthr_next = now;
	}
	free(tids);
	while ((c = kthr_first(leader, now)) != NULL)
		kthr_end(eng, c, FW_EV_EXIT);
}

void
eng_kthr_at_stop(struct engine *eng, struct fw_task *t)
{
	struct fw_task	*leader = t->leader;
	double		 now;

	if (leader == NULL || !kthr_watched(leader))
		return;
	now = engine_ts(eng);
	/* Not in a process's first second: a fork+exec storm pays nothing. */
	if (now < leader->kthr_next || now < leader->start_ts + KTHR_EVERY)
		return;
	kthr_look(eng, leader, now);
}

double
eng_kthr_due_in(const struct engine *eng, double now)
{
	if (eng->tasks.count == 0)
		return -1;
	return eng->kthr_poll_next > now ? eng->kthr_poll_next - now : 0;
}

void
eng_kthr_poll(struct engine *eng)
{
	struct fw_task	*t;
	double		 now = engine_ts(eng);

	if (now < eng->kthr_poll_next)
		return;
	eng->kthr_poll_next = now + KTHR_EVERY;
	/* The flush timer may have been armed for this poll: arm again. */
	eng->alarm_armed = false;
	eng->kthr_armed = false;
	/* A look ends only kernel-made records, never t itself: its
	 * all_next is read after the look. */
	for (t = eng->tasks.head; t != NULL; t = t->all_next) {
		if (kthr_watched(t) && now >= t->kthr_next)
			kthr_look(eng, t, now);
	}
}

void
eng_kthr_process_end(struct engine *eng, struct fw_task *leader,
    enum fw_event_kind kind)
{
	struct fw_task	*c;

	while ((c = kthr_first(leader, -1)) != NULL)
		kthr_end(eng, c, kind);
}

bool
eng_kthr_attach(struct engine *eng, pid_t tgid, pid_t tid)
{
	struct procfs_stat	 st;
	struct fw_task		*leader = task_find(&eng->tasks, tgid);

	if (leader == NULL || tid == tgid)
		return false;
	if (kthr_find(leader, tid) != NULL)
		return true;
	if (procfs_read_stat(&eng->proc, tgid, tid, &st) != 0 ||
	    !(st.flags & (PF_IO_WORKER | PF_USER_WORKER)))
		return false;
	kthr_new(eng, leader, tid, &st);
	return true;
}

/*
 * A client polling engine_fd() runs the engine only when that fd is
 * readable: SIGCHLD, blocked and read from a signalfd. A one-shot POSIX
 * timer sending SIGCHLD makes it readable when the next poll is due
 * (nothing is interrupted: the signal is blocked).
 */
void
eng_kthr_arm(struct engine *eng)
{
	struct sigevent		 sev;
	struct itimerspec	 its;
	double			 due = eng_kthr_due_in(eng, engine_ts(eng));

	if (due < 0 || eng->kthr_armed)
		return;
	if (!eng->kthr_timer_made) {
		memset(&sev, 0, sizeof sev);
		sev.sigev_notify = SIGEV_SIGNAL;
		sev.sigev_signo = SIGCHLD;
		if (timer_create(CLOCK_MONOTONIC, &sev, &eng->kthr_timer) != 0)
			return;
		eng->kthr_timer_made = true;
	}
	memset(&its, 0, sizeof its);
	its.it_value.tv_sec = (time_t)due;
	its.it_value.tv_nsec = (long)((due - (double)(time_t)due) * 1e9) + 1;
	if (timer_settime(eng->kthr_timer, 0, &its, NULL) == 0)
		eng->kthr_armed = true;
}

void
eng_kthr_release(struct engine *eng)
{
	if (eng->kthr_timer_made)
		timer_delete(eng->kthr_timer);
	eng->kthr_timer_made = false;
}
