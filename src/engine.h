/* engine.h - the tracing engine: launches or attaches, runs the wait loop,
 * classifies every stop, emits lifecycle events to its sinks and restarts
 * tasks according to the resume policy. It knows nothing about any UI.
 *
 * Threading: every ptrace call and every wait must come from the thread that
 * called engine_launch()/engine_attach() (ptrace is per thread).
 *
 * Resume policy: after the sinks have seen a stop's events, the task is
 * restarted at once unless a sink returned ENGINE_STOP, the engine is
 * "frozen" (all-stop: engine_stop_all() was called and not undone by
 * engine_resume_all()), or the task is held. Tasks held or frozen stay in
 * their ptrace-stop until a resume call. */
#ifndef FW_ENGINE_H
#define FW_ENGINE_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "event.h"
#include "procfs.h"
#include "task.h"

#define ENGINE_GO	0
#define ENGINE_STOP	1	/* keep the task stopped; engine_run() returns */

/* A sink sees every event; returns ENGINE_GO or ENGINE_STOP. */
typedef int	(*engine_sink_fn)(void *arg, const struct fw_event *);
/* Called when the engine goes idle and at least every 100 ms in a storm. */
typedef void	(*engine_flush_fn)(void *arg);

/* Where events come from (see engine-int.h, struct engine_backend). */
enum engine_backend_kind {
	ENGINE_PTRACE,		/* stops each task at each event (default) */
	ENGINE_BPF,		/* eBPF tracepoints: never stops a task */
};

struct engine_opts {
	enum engine_backend_kind backend;
	size_t		 bpf_buffer;	/* eBPF ring buffer bytes (0: default) */
	bool		 system;	/* eBPF: every task, no traced set */
	bool		 lean_exit_stops; /* ptrace: no PTRACE_EVENT_EXIT stop
					 * but for tasks that fork (batch mode:
					 * nothing shows the exiting event) */
	bool		 lazy_wakeup;	/* eBPF: the caller blocks in
					 * engine_run(): records may wait a
					 * few ms (batch mode; not for
					 * clients that poll engine_fd()) */
	bool		 want_env;	/* read env at every exec */
	bool		 subtree;	/* attach: every existing descendant too */
	bool		 limit_depth;	/* --depth: let go of processes deeper */
	int		 max_depth;	/* than this below a root */
	bool		 want_fds;	/* read the fds at every exec (and the
					 * close-on-exec ones of every new
					 * process, engine-fds.c) */
	size_t		 keep_exited;	/* dead tasks kept for display (0: none) */
	const char	*proc_root;	/* NULL: /proc */
	int		 launch_tty;	/* >= 0: launched program's terminal (a
					 * pty slave; new session); else -1 and
					 * it shares forkwatch's stdio */
	int		 launch_stdout;	/* >= 0: launched program's stdout in
					 * place of forkwatch's ("-o -"); -1 */
	pid_t		 intr_pgrp;	/* > 0: a SIGINT the kernel sends (a
					 * terminal's Ctrl-C) to a task of this
					 * process group is forkwatch's, never
					 * the task's: a front end with a person
					 * at the terminal sets its own group.
					 * See engine_intr_is_ours(). */
};

enum engine_result {
	ENGINE_DONE,		/* no traced task is left */
	ENGINE_BREAK,		/* a sink asked to stop (see engine.brk_*) */
	ENGINE_INTR,		/* *intr was set (a signal to forkwatch) */
	ENGINE_READY,		/* non-blocking: nothing more to do now */
	ENGINE_ERROR,
};

#define ENGINE_MAX_SINKS 8

struct engine_sink {
	engine_sink_fn	 fn;
	engine_flush_fn	 flush;
	void		*arg;
};

struct engine_backend;

/* The one context of the tracer. Fields are read-only for clients. */
struct engine {
	struct engine_opts	 opts;
	const struct engine_backend *be;
	void			*bpf;		/* the eBPF backend's state */
	unsigned long		 events_lost;	/* events the backend lost */
	double			 last_ts;	/* of the latest event emitted */
	struct task_table	 tasks;
	struct procfs		 proc;
	struct engine_sink	 sinks[ENGINE_MAX_SINKS];
	int			 nsinks;
	double			 t0;		/* monotonic time of ts 0 */
	double			 wall0;		/* wall clock of ts 0 */
	double			 last_flush;
	unsigned long		 options;	/* ptrace options in use */
	int			 sigfd;		/* signalfd for SIGCHLD, -1 if none */
	sigset_t		 oldmask;	/* mask before SIGCHLD was blocked */

	bool			 launched;	/* launch mode (vs attach) */
	pid_t			 root;		/* launched program's pid */
	bool			 root_done;
	int			 root_status;	/* its final wait status */

	bool			 frozen;	/* all-stop: do not restart stops */
	bool			 detaching;	/* detach every task at its next stop */
	bool			 brk;		/* a sink returned ENGINE_STOP */
	struct fw_task		*brk_task;
	enum fw_event_kind	 brk_kind;

	size_t			 nparked;
	int			 idle_polls;	/* polls with only parked tasks */
	unsigned long		 nevents;
	unsigned long		 flushed_events; /* nevents at the last flush */
	bool			 alarm_installed; /* SIGALRM handler (flush timer) */
	bool			 alarm_armed;
	double			 alarm_at;	/* when it fires (fw_now()) */
	size_t			 ndead;		/* dead tasks kept */
	size_t			 nreparented;	/* reparent events so far */
	/* Threads the kernel made (engine-kthr.c): the next poll, a timer
	 * for clients that poll engine_fd(), and what the looks cost. */
	double			 kthr_poll_next;
	bool			 kthr_timer_made, kthr_armed;
	timer_t			 kthr_timer;
	unsigned long		 kthr_looks;	/* thread counts compared */
	unsigned long		 kthr_lists;	/* /proc/TGID/task listed */
	/* The last processes reaped in other pid namespaces, so that the
	 * SIGCHLD their parent gets can name them in our view. */
	struct {
		pid_t		 outer, inner, parent;
	}			 gone_ns[16];
	unsigned		 gone_ns_next;

	struct fw_buf		 err;		/* detail of the last error */
};

/* Set up the engine and its backend. -errno with eng->err saying why
 * (e.g. the eBPF backend cannot load: no privilege, no BTF). */
int	engine_init(struct engine *, const struct engine_opts *);
void	engine_release(struct engine *);
int	engine_add_sink(struct engine *, engine_sink_fn, engine_flush_fn, void *);
/* Seconds since ts 0. */
double	engine_ts(const struct engine *);

/* Launch argv traced. Returns 0 or -errno: -ENOENT/-EACCES/... from execvp
 * (the program could not be run), others from fork/seize (eng->err says). */
int	engine_launch(struct engine *, char *const argv[]);
/* Drop every task that is gone (the kept dead ones), before a new run. */
void	engine_forget_dead(struct engine *);
/* Attach to every thread of process pid. -errno on failure, with eng->err
 * explaining (EPERM: why). stop: interrupt each attached task. */
int	engine_attach(struct engine *, pid_t pid, bool stop);

/* Process events. block: wait for at least one status. Returns when a
 * sink asked to stop, when no task is left, when *intr becomes non-zero
 * (intr may be NULL), or (non-blocking) when nothing is ready. */
enum engine_result engine_run(struct engine *, bool block,
	    const volatile sig_atomic_t *intr);
/* The fd that becomes readable when tasks have something to report;
 * engine_run(block = false) clears it. */
int	engine_fd(const struct engine *);
void	engine_clear_fd(struct engine *);
/* Live traced tasks. */
size_t	engine_live(const struct engine *);
/* The backend's name ("ptrace", "bpf"). */
const char *engine_backend_name(const struct engine *);
/* Can this backend stop tasks (hold, step, breakpoints, detach to gdb)?
 * When not, the calls below that steer stopped tasks fail with -ENOTSUP
 * and eng->err says that they need the ptrace backend. */
bool	engine_can_stop(const struct engine *);
/* Every process and thread of the machine, kernel threads included
 * (the eBPF backend only; -ENOTSUP otherwise). */
int	engine_watch_system(struct engine *);

/* All-stop: interrupt every running task and wait until each is stopped
 * (a task blocked in vfork is left for later). Events seen meanwhile are
 * emitted. */
int	engine_stop_all(struct engine *, const volatile sig_atomic_t *intr);
/* Interrupt one running task and wait for its stop. */
int	engine_stop_task(struct engine *, struct fw_task *);
/* Restart one stopped task (clears frozen for nobody). */
int	engine_resume_task(struct engine *, struct fw_task *);
/* Leave all-stop and restart every stopped task that is not held. */
void	engine_resume_all(struct engine *);
/* Detach from every task (interrupting running ones) and wait until done. */
void	engine_detach_all(struct engine *);
/* Detach one task (its threads stay traced unless detached too). */
int	engine_detach_task(struct engine *, struct fw_task *);
/* Detach every thread of t's process; running threads are stopped first.
 * leave_stopped: hand it over (to gdb, say) in a group-stop, as `kill
 * -STOP` would leave it, with the signal of a signal-delivery stop still
 * pending and nothing queued that it did not have; else it runs on, and
 * such a signal is delivered. Either way a terminal SIGINT meant for
 * forkwatch (engine_opts.intr_pgrp) is taken out of its queues first.
 * -EBUSY when a thread is blocked in vfork. */
int	engine_detach_process(struct engine *, struct fw_task *,
	    bool leave_stopped);
/* Is a signal with this number and si_code, to task t, a terminal's
 * SIGINT meant for forkwatch (see engine_opts.intr_pgrp)? Such a SIGINT
 * is never delivered when the task is let go. */
bool	engine_intr_is_ours(const struct engine *, const struct fw_task *,
	    int signo, int si_code);
/* SIGKILL every traced process and reap until none is left. */
void	engine_kill_all(struct engine *);
/* Change the signal a task at a signal-delivery stop gets when restarted
 * (0: none). -EINVAL when it is not at such a stop. */
int	engine_set_signal(struct engine *, struct fw_task *, int sig);
/* Send sig to a task (tgkill); a stopped task gets it when restarted. */
int	engine_signal_task(struct engine *, struct fw_task *, int sig);

#endif
