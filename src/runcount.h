/* runcount.h - what a run is summed up by: its processes, threads, execs
 * and signals. Batch mode's end-of-run notice and `forkwatch report` count
 * with these functions, so they always agree (forkwatch(1), "Counting").
 *
 * A process is a thread group that was traced: the launched program, each
 * process attached to, and each one created by fork, vfork or a clone
 * without CLONE_THREAD (a pid used again is a new process). An exec does
 * not start a process; the threads of a process (tasks created by a clone
 * with CLONE_THREAD, or attached besides its leader) are counted apart,
 * the leader not among them. */
#ifndef FW_RUNCOUNT_H
#define FW_RUNCOUNT_H

#include <stdbool.h>

#include "event.h"

struct fw_runcount {
	unsigned long	 processes;
	unsigned long	 threads;
	unsigned long	 execs;
	unsigned long	 signals;	/* signal-delivery stops */
};

/* Count one event: kind, with its thread flag (clone) and its task and
 * thread-group ids (attach). */
void	runcount_event(struct fw_runcount *, enum fw_event_kind kind,
	    bool thread, long long pid, long long tgid);
/* Count the launched program, which no event creates. */
void	runcount_launched(struct fw_runcount *);

#endif
