/* task.h - the task table: one record per traced task (thread), looked up by
 * task id in O(1), with parent/children and thread links.
 *
 * Records never move once created (clients may keep pointers until the task
 * is dropped). Live tasks are in the hash; a dead task may be kept for
 * display (TASK_DEAD, out of the hash so its pid can be reused) until
 * task_drop(), which unlinks it from everything and frees it. */
#ifndef FW_TASK_H
#define FW_TASK_H

#include <stdbool.h>
#include <sys/types.h>

#include "event.h"

enum fw_task_state {
	TASK_STARTING,		/* known from its creator's event, first stop not seen */
	TASK_PARKED,		/* first stop seen before its creator's event */
	TASK_RUNNING,		/* not in a ptrace-stop as far as we know */
	TASK_STOPPED,		/* in a ptrace-stop that we have not restarted */
	TASK_LISTENING,		/* group-stopped, restarted with PTRACE_LISTEN */
	TASK_DEAD,		/* reaped; kept for display only */
	TASK_UNTRACED,		/* a thread the kernel made in a traced process
				 * (TF_KTHREAD, ptrace backend): seen in /proc,
				 * never traced, never stopped; out of the
				 * hash, so not a live task (engine-kthr.c) */
};

/* Why a TASK_STOPPED task is stopped; decides how it is restarted. */
enum fw_stop_kind {
	STOP_NONE,
	STOP_STARTUP,		/* a new task's first stop (PTRACE_EVENT_STOP) */
	STOP_EVENT,		/* fork/clone/exec/vfork_done event stop */
	STOP_EXITING,		/* PTRACE_EVENT_EXIT */
	STOP_SIGNAL,		/* signal-delivery stop: stop_sig is re-injected */
	STOP_GROUP,		/* group-stop: restart with PTRACE_LISTEN */
	STOP_INTERRUPT,		/* our PTRACE_INTERRUPT */
};

#define TF_HELD		0x0001	/* user hold: not resumed by resume-all */
#define TF_INTR_PENDING	0x0002	/* PTRACE_INTERRUPT sent, its trap not yet seen */
#define TF_THREAD	0x0004	/* not a thread-group leader */
#define TF_ATTACHED	0x0008	/* attached with -p (not launched) */
#define TF_ROOT		0x0010	/* the launched program or an attached process */
#define TF_EXITING	0x0020	/* PTRACE_EVENT_EXIT seen */
#define TF_DETACHING	0x0040	/* detach when it next stops */
#define TF_VFORKED	0x0080	/* a vfork child before its exec/exit */
#define TF_WANT_STOP	0x0100	/* keep stopped at its next stop (step task) */
#define TF_EXECED	0x0400	/* has exec'd at least once under us */
#define TF_VFORK_WAIT	0x0800	/* blocked in vfork until the child execs/exits */
/* Letting a task go in steps (engine-letgo.c): */
#define TF_HANDOFF	0x1000	/* detach leaving its process group-stopped */
#define TF_STARTER	0x2000	/* ... and this thread starts that group-stop */
#define TF_STOP_SENT	0x4000	/* its own SIGSTOP is queued for that */
#define TF_CARRY_STOP	0x8000	/* a SIGSTOP it was stopped at, to deliver
				 * when it goes (it cannot be re-queued) */
#define TF_EXIT_STOP	0x20000	/* PTRACE_O_TRACEEXIT set on it (lean mode:
				 * a task that has forked, see engine.c) */
#define TF_MASKED	0x10000	/* signal mask changed for a step; the real
				 * one is in saved_mask */
#define TF_UNTRACE	0x100000 /* deeper than --depth: let go at its first stop */
#define TF_KTHREAD	0x200000 /* made by the kernel (io_uring worker, SQPOLL
				  * thread, kthreadd's child): pf_flags says */

struct fw_task {
	pid_t			 tid;
	pid_t			 tgid;
	pid_t			 ppid;		/* real parent's tid (0 unknown) */
	pid_t			 creator;	/* task that forked/cloned it (0 unknown) */
	pid_t			 reparented_from; /* the parent process that exited
						 * (ppid is then the new one);
						 * 0: never re-parented */
	struct fw_task		*leader;	/* thread-group leader (self for a leader) */
	struct fw_task		*parent;	/* process parent (or leader, for a thread) */
	struct fw_task		*first_child, *last_child;
	struct fw_task		*next_sib, *prev_sib;
	struct fw_task		*all_next, *all_prev;	/* creation order */
	int			 nchildren;
	int			 nthreads;	/* live threads, leader included (leaders) */
	int			 depth;		/* 0 for a root */

	enum fw_task_state	 state;
	enum fw_stop_kind	 stop_kind;
	enum fw_event_kind	 stop_event;	/* the event it is stopped at */
	int			 stop_sig;	/* signal to pass on restart / group-stop sig */
	unsigned int		 flags;
	uint64_t		 saved_mask;	/* TF_MASKED: its own signal mask */
	int			 letgo_steps;	/* restarts taken while being let go */

	double			 start_ts;	/* seconds since trace start */
	double			 end_ts;
	bool			 exited;
	bool			 killed;
	int			 code;		/* exit code when !killed */
	int			 signo;		/* killing signal when killed */
	bool			 core;

	/* Its pids in every pid namespace when it is in another one than
	 * forkwatch (malloc'd), else NULL. */
	struct fw_pids		*nspid;
	/* Made by the kernel (TF_KTHREAD): its PF_* flags. A leader: how
	 * many such threads it has (TASK_UNTRACED ones), and when its
	 * process may next be looked at for new ones (engine-kthr.c). */
	unsigned long		 pf_flags;
	int			 nkthreads;
	double			 kthr_next;

	/* How the kernel made it (its fork/vfork/clone event). */
	bool			 has_clone_flags;
	uint64_t		 clone_flags;
	int			 exit_signal;

	char			*path;		/* exe after last exec (or at attach) */
	struct fw_strv		 argv;		/* argv of the last exec */
	char			 comm[16];

	/* What its last exec was given beyond path and argv (NULL until it
	 * execs under us): task_exec_rec(). */
	struct fw_exec_rec	*exec;
	/* --fds: its close-on-exec fds when it was created, to tell which
	 * fds its first exec closed; NULL otherwise or after that exec. */
	struct fw_fdv		*fork_cloexec;

	int			*deferred;	/* wait statuses queued while PARKED */
	int			 ndeferred;

};

/* The extras of a task's last exec. env and fds are kept only when the
 * engine reads them (--env, --fds), and only while the task lives. */
struct fw_exec_rec {
	double			 ts;		/* seconds since trace start */
	char			*cwd;
	bool			 has_env;
	struct fw_strv		 env;
	bool			 has_fds;
	struct fw_fdv		 fds;
};

struct task_table {
	struct fw_task		**slots;	/* open addressing, linear probing */
	size_t			  cap;
	size_t			  count;	/* tasks in the hash (live) */
	struct fw_task		 *head, *tail;	/* all tasks, creation order */
	size_t			  total;	/* tasks in the list (live + kept dead) */
};

void		 task_table_init(struct task_table *);
/* Frees every task. */
void		 task_table_release(struct task_table *);

struct fw_task	*task_find(const struct task_table *, pid_t);
/* A live task, else the newest kept dead record with that id, else NULL. */
struct fw_task	*task_find_any(const struct task_table *, pid_t);
/* Create a record for tid (which must not be in the hash) in TASK_STARTING. */
struct fw_task	*task_new(struct task_table *, pid_t tid);
/* Remove t from the hash (it stays in the list and tree, e.g. once dead). */
void		 task_unhash(struct task_table *, struct fw_task *);
/* Put t back under a different tid (exec by a non-leader changes the tid). */
void		 task_rehash(struct task_table *, struct fw_task *, pid_t newtid);
/* Unlink t from the hash, list, its parent and its children, and free it. */
void		 task_drop(struct task_table *, struct fw_task *);

/* Link child under parent (parent may be NULL: a root). Sets depth. */
void		 task_link(struct fw_task *parent, struct fw_task *child);
void		 task_unlink(struct fw_task *child);

/* A new thread c joins proc (its leader): same tgid, parent and image, a
 * child of proc in the tree; proc counts it. */
void		 task_join_process(struct fw_task *proc, struct fw_task *c);

/* Record a new argv/path for the task (copies). */
void		 task_set_exec(struct fw_task *, const char *path,
		    const struct fw_strv *argv);
/* t's exec record, made empty (created on first use). */
struct fw_exec_rec *task_exec_rec(struct fw_task *);
/* Drop what a dead task need not keep: its exec's env and fds. */
void		 task_trim_dead(struct fw_task *);
/* A short name for display: comm, else basename of argv[0] or path. */
const char	*task_name(const struct fw_task *);
bool		 task_is_leader(const struct fw_task *);
/* Is t a live traced task (not gone, not a thread the kernel made that
 * ptrace cannot trace, TASK_UNTRACED)? Loops that act on tasks ask this. */
bool		 task_is_traced(const struct fw_task *);
/* True when a stop of t is waiting for us to restart it. */
bool		 task_is_stopped(const struct fw_task *);
const char	*task_state_name(enum fw_task_state);

#endif
