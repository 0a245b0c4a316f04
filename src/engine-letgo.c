/* engine-letgo.c - letting a stopped task go without harming it. A detach
 * is more than PTRACE_DETACH at the task's current stop:
 *
 * - A Ctrl-C typed while the tree is stopped (at the console's prompt)
 *   makes the kernel queue a SIGINT (SI_KERNEL) for every process of the
 *   terminal's foreground group, our tracees included. That Ctrl-C was
 *   forkwatch's; the program would get it the moment it is let go. So
 *   before it goes, such a SIGINT is taken out of the queue: the task is
 *   restarted with every other signal blocked, dequeues the SIGINT into a
 *   signal-delivery stop, and goes from there without it. A SIGINT that
 *   something sent with kill(2) (SI_USER) is not forkwatch's and stays.
 *
 * - Handed to another debugger (gdb PID), a process is left in a
 *   group-stop as `kill -STOP` leaves it, with nothing queued that it did
 *   not have: one thread (the "starter") dequeues a SIGSTOP sent to it
 *   alone while it is still traced, with every other signal blocked, and
 *   is detached with it; the others join the group-stop as they are
 *   detached (__ptrace_unlink() re-arms a group-stop in effect). A task
 *   already at the delivery of a SIGSTOP is detached with that one.
 *
 * - Detached plainly, a task at a signal-delivery stop gets its signal
 *   (it goes on as it was about to). Handed over, that signal must stay
 *   pending for the next debugger instead (gdb's continue then shows it):
 *   the task is restarted with the signal blocked, which makes the kernel
 *   queue it again, siginfo and all (ptrace_signal() re-queues a signal
 *   that the tracer passes and the task blocks), and a PTRACE_INTERRUPT
 *   stops it at once (get_signal() looks at job-control traps before it
 *   dequeues the next signal). A SIGSTOP cannot be blocked: it is carried
 *   and delivered when the task goes, which leaves the process stopped.
 *
 * Each step restarts the task and ends at its next ptrace-stop, which the
 * wait loop dispatches like any other (the SIGINT's and the SIGSTOP's
 * delivery stops are logged as signal events); eng_settle() calls
 * eng_let_go() again there, until the task is detached. The signal mask
 * is changed only between a restart and the next stop, and put back at
 * every stop: PTRACE_GETSIGMASK gives the mask a sigsuspend or ppoll goes
 * back to and SETSIGMASK drops their pending restore, so the round trip
 * leaves the task as it was.
 *
 * Not done: a thread blocked in vfork cannot be restarted to its signals
 * (it sleeps until the child execs or exits), so the SIGINT of a process
 * whose thread waits in vfork stays queued unless every task is being
 * detached (then the child goes first and lets it out); a task whose
 * other threads run is not sifted (one of them could take the SIGINT
 * meanwhile: callers stop them first). */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "engine.h"
#include "engine-int.h"
#include "ptrace-ops.h"

#define LETGO_STEPS	8	/* restarts one task may take to go */
#define SIGBIT(sig)	(1ULL << ((sig) - 1))

bool
engine_intr_is_ours(const struct engine *eng, const struct fw_task *t,
    int signo, int si_code)
{
	return signo == SIGINT && si_code == SI_KERNEL &&
	    eng->opts.intr_pgrp > 0 && getpgid(t->tgid) == eng->opts.intr_pgrp;
}

/* Is a terminal SIGINT meant for forkwatch queued for stopped task t, in
 * its own queue or its process's? */
static bool
intr_queued(struct engine *eng, struct fw_task *t)
{
	siginfo_t	 si[16];
	unsigned	 off;
	int		 n, i, shared;

	if (eng->opts.intr_pgrp <= 0)
		return false;
	for (shared = 0; shared < 2; shared++) {
		for (off = 0;; off += (unsigned)n) {
			n = pt_peeksiginfo(t->tid, shared != 0, off, si,
			    (int)FW_ARRAY_SIZE(si));
			if (n <= 0)
				break;
			for (i = 0; i < n; i++) {
				if (engine_intr_is_ours(eng, t, si[i].si_signo,
				    si[i].si_code))
					return true;
			}
			if (n < (int)FW_ARRAY_SIZE(si))
				break;
		}
	}
	return false;
}

/* Is every other live thread of t's process in a ptrace-stop of ours?
 * (Threads hang under their leader in the tree.) */
static bool
threads_stopped(const struct fw_task *t)
{
	const struct fw_task	*lead = t->leader != NULL ? t->leader : t, *u;

	if (lead != t && task_is_traced(lead) &&
	    lead->state != TASK_STOPPED)
		return false;
	for (u = lead->first_child; u != NULL; u = u->next_sib) {
		if (u != t && (u->flags & TF_THREAD) && u->tgid == t->tgid &&
		    task_is_traced(u) && u->state != TASK_STOPPED)
			return false;
	}
	return true;
}

/* Restart t for one step, with the signals in block blocked on top of
 * its own mask but those in open, passing sig (a signal the mask blocks is
 * queued again). interrupt: stop again at once. The step ends at its next
 * stop, which brings it back to eng_let_go(). False when the mask could
 * not be set (the task died, or the kernel lacks the requests): then the
 * caller lets it go as it is. */
static bool
step(struct fw_task *t, uint64_t block, uint64_t open, int sig,
    bool interrupt)
{
	uint64_t	 own;

	if (pt_getsigmask(t->tid, &own) != 0 ||
	    pt_setsigmask(t->tid, (own | block) & ~open) != 0)
		return false;
	t->saved_mask = own;
	t->flags |= TF_MASKED;
	t->letgo_steps++;
	if (interrupt && pt_interrupt(t->tid) == 0)
		t->flags |= TF_INTR_PENDING;
	pt_cont(t->tid, sig);
	/* ESRCH: it died, or was SIGKILLed into a new stop; either comes. */
	t->state = TASK_RUNNING;
	t->stop_kind = STOP_NONE;
	t->stop_sig = 0;
	return true;
}

/* The last step: PTRACE_DETACH passing sig; the task is forgotten once
 * the kernel agrees. */
static void
detach(struct engine *eng, struct fw_task *t, int sig)
{
	struct fw_event	 ev;

	if (pt_detach(t->tid, sig) != 0) {
		/* Died meanwhile: its death (or a new stop) is still coming. */
		t->state = TASK_RUNNING;
		return;
	}
	eng_event_init(eng, &ev, FW_EV_DETACH, t);
	eng_emit(eng, &ev);
	eng_task_gone(eng, t);
}

/* Handed over: the group-stop's starter leaves stopped, the others join
 * it, and a signal a thread was stopped at stays pending. */
static void
hand_over(struct engine *eng, struct fw_task *t, int sig, bool at_signal)
{
	if (t->flags & TF_STARTER) {
		/* At a signal-delivery stop with nothing (left) to deliver,
		 * a SIGSTOP passed in its place starts the group-stop. */
		if (at_signal && (sig == 0 || sig == SIGSTOP)) {
			detach(eng, t, SIGSTOP);
			return;
		}
		/* Else a SIGSTOP of its own, dequeued while still traced,
		 * with every other signal blocked (its signal re-queued). */
		if (!(t->flags & TF_STOP_SENT)) {
			if (syscall(SYS_tgkill, t->tgid, t->tid, SIGSTOP) != 0) {
				detach(eng, t, 0);
				return;
			}
			t->flags |= TF_STOP_SENT;
		}
		if (!step(t, ~0ULL, 0, sig, false))
			detach(eng, t, sig);	/* the SIGSTOP stays queued */
		return;
	}
	/* A SIGSTOP at its delivery joins the group-stop (one carried from
	 * an earlier step is covered by it). */
	if (sig == SIGSTOP) {
		detach(eng, t, SIGSTOP);
		return;
	}
	if (sig != 0 && step(t, SIGBIT(sig), 0, sig, true))
		return;		/* kept pending: re-queued, stopped at once */
	detach(eng, t, sig);
}

void
eng_let_go(struct engine *eng, struct fw_task *t)
{
	int		 sig = t->stop_kind == STOP_SIGNAL ? t->stop_sig : 0;
	bool		 at_signal = t->stop_kind == STOP_SIGNAL;
	siginfo_t	 si;

	/* The mask a step changed goes back first. */
	if ((t->flags & TF_MASKED) &&
	    pt_setsigmask(t->tid, t->saved_mask) == 0)
		t->flags &= ~TF_MASKED;
	if (t->stop_kind == STOP_EXITING) {
		/* Dying: its signals no longer matter. */
		detach(eng, t, 0);
		return;
	}
	/* The stop's own signal: the terminal's SIGINT is never delivered. */
	if (sig == SIGINT && pt_getsiginfo(t->tid, &si) == 0 &&
	    engine_intr_is_ours(eng, t, si.si_signo, si.si_code)) {
		sig = 0;
		t->stop_sig = 0;
	}
	/* A terminal SIGINT queued while it was stopped: dequeue it into a
	 * delivery stop, every other signal blocked (the stop's own
	 * re-queued, or carried if it is a SIGSTOP). A SIGINT at its
	 * delivery cannot be both re-queued and let through: it is
	 * delivered. */
	if (t->letgo_steps < LETGO_STEPS && sig != SIGINT &&
	    !(t->flags & TF_STOP_SENT) &&
	    (!(t->flags & TF_VFORK_WAIT) || eng->detaching) &&
	    threads_stopped(t) && intr_queued(eng, t) &&
	    step(t, ~0ULL, SIGBIT(SIGINT), sig == SIGSTOP ? 0 : sig, false)) {
		if (sig == SIGSTOP)
			t->flags |= TF_CARRY_STOP;
		return;
	}
	if (t->letgo_steps < LETGO_STEPS && (t->flags & TF_HANDOFF)) {
		hand_over(eng, t, sig, at_signal);
		return;
	}
	/* It goes on as it was about to, with its signal (a SIGSTOP carried
	 * from a step in place of a dropped SIGINT). Out of steps, handed
	 * over, it gets the SIGSTOP it needs queued. */
	if (t->flags & TF_CARRY_STOP) {
		if (at_signal && sig == 0)
			sig = SIGSTOP;
		else
			syscall(SYS_tgkill, t->tgid, t->tid, SIGSTOP);
	}
	if ((t->flags & (TF_STARTER | TF_STOP_SENT)) == TF_STARTER &&
	    sig != SIGSTOP)
		syscall(SYS_tgkill, t->tgid, t->tid, SIGSTOP);
	detach(eng, t, sig);
}
