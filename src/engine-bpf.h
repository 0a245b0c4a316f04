/* engine-bpf.h - what the eBPF backend's two files share: engine-bpf.c
 * (loading the program, the traced set, the run loop) and engine-bpf-ev.c
 * (turning ring-buffer records into events and keeping the task table). */
#ifndef FW_ENGINE_BPF_H
#define FW_ENGINE_BPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "engine.h"

/* Per traced process (thread group), for what the kernel reports per task
 * but the log reports per process: the exit status and CPU time come with
 * the last task of the group to exit. */
struct bpf_proc {
	pid_t		 tgid;
	uint64_t	 utime, stime, runtime;	/* ns, its exited tasks' */
	unsigned long	 maxrss;		/* pages, the largest seen */
	bool		 leader_gone;		/* leader exited, threads live */
	int		 leader_status;		/* the leader's own exit_code */
};

struct bpf_proc_table {
	struct bpf_proc	**slots;	/* open addressing by tgid */
	size_t		  cap, count;
};

/* A signal held back while its task is blocked in vfork (the log says
 * nothing about a vfork parent until vfork_done). */
struct bpf_held_signal {
	pid_t		 pid;
	int		 sig, code;
	pid_t		 sender;
	double		 ts;
};

/* A thread the kernel made whose line waits for its name (and, for a
 * kernel thread, its first wake-up). */
struct bpf_kthread {
	pid_t		 tid;
	pid_t		 creator;
	double		 created;
	double		 woken;		/* 0: not yet */
	unsigned long	 pf_flags;
	bool		 wait_wake;	/* a kernel thread (PF_KTHREAD) */
	char		 comm[16];
};

/* A child of a dead process, whose new parent is still to be read: the
 * kernel moves it (exit_notify()) only after the exit record. */
struct bpf_reparent {
	pid_t		 child;
	pid_t		 old;		/* the dead parent */
	double		 deadline;	/* give up (fw_now() time) */
};

struct bpf_state {
	struct fwbpf		*skel;
	struct ring_buffer	*rb;
	int			 epfd;		/* ring buffer + SIGCHLD */
	int			 set_fd;	/* the traced-set map */
	bool			 system;
	bool			 root_reaped;
	int			 root_wstatus;
	unsigned long		 lost_seen;	/* counters at the last look */
	unsigned long		 unknown;	/* records about unknown tasks */
	double			 last_check;	/* last look for vanished tasks */

	struct bpf_proc_table	 procs;

	/* The FWB_ENV record of the exec that follows (--env). */
	pid_t			 env_pid;
	char			*env;
	size_t			 env_len;
	bool			 env_trunc;

	struct bpf_held_signal	*held;
	size_t			 nheld;
	struct bpf_kthread	*kthreads;
	size_t			 nkthreads;
	struct bpf_reparent	*reparents;
	size_t			 nreparents;
	int			 ns_level;	/* forkwatch's pid namespace
						 * level; -1: not read yet */
};

/* engine-bpf-ev.c */
int	bpf_ev_record(struct engine *, const void *data, size_t size);
void	bpf_ev_flush_kthreads(struct engine *);
/* Log the new parents the kernel has given (pid: only that task's, 0:
 * all); returns how many are still to come. */
size_t	bpf_ev_reparents(struct engine *, pid_t pid);
struct bpf_proc *bpf_proc_get(struct bpf_proc_table *, pid_t tgid,
	    bool create);
void	bpf_proc_del(struct bpf_proc_table *, pid_t tgid);
void	bpf_proc_table_release(struct bpf_proc_table *);

#endif
