/* engine-int.h - what engine*.c files share; not for clients. */
#ifndef FW_ENGINE_INT_H
#define FW_ENGINE_INT_H

#include <sys/resource.h>

#include "engine.h"

void	eng_event_init(struct engine *, struct fw_event *, enum fw_event_kind,
	    struct fw_task *);
int	eng_emit(struct engine *, const struct fw_event *);
/* The exit members of ev (code, or killed, signo, core) from a wait status. */
void	eng_exit_status(struct fw_event *, int status);
int	eng_restart(struct engine *, struct fw_task *);
void	eng_settle(struct engine *, struct fw_task *, int verdict);
void	eng_task_gone(struct engine *, struct fw_task *);
void	eng_dispatch(struct engine *, pid_t, int status, const struct rusage *);
int	eng_wait_once(struct engine *, bool block);
void	eng_flush(struct engine *);

/* A source of events: one per backend, chosen once by engine_init()
 * (engine-backend.c dispatches the public engine_* calls to it). The
 * calls after detach_all steer stopped tasks: a backend that never stops
 * a task leaves them NULL, and the engine_* call fails with -ENOTSUP. */
struct engine_backend {
	const char	*name;		/* as in --backend= and the log */
	/* Set up after the common part of engine_init(); -errno with
	 * eng->err saying why and what to do. NULL: nothing to do. */
	int		(*open)(struct engine *);
	void		(*close)(struct engine *);
	/* Take hold of a task that is to be traced: the launched program
	 * before its exec, or each task of an attached process. -EALREADY:
	 * it already is (a thread a traced creator made meanwhile). */
	int		(*seize)(struct engine *, pid_t tid, bool launched);
	/* Every task of the machine; NULL: not this backend. */
	int		(*watch_system)(struct engine *);
	enum engine_result (*run)(struct engine *, bool block,
			    const volatile sig_atomic_t *intr);
	int		(*fd)(const struct engine *);
	void		(*clear_fd)(struct engine *);
	void		(*detach_all)(struct engine *);
	void		(*kill_all)(struct engine *);

	int		(*stop_all)(struct engine *,
			    const volatile sig_atomic_t *intr);
	int		(*stop_task)(struct engine *, struct fw_task *);
	int		(*resume_task)(struct engine *, struct fw_task *);
	void		(*resume_all)(struct engine *);
	int		(*detach_task)(struct engine *, struct fw_task *);
	int		(*detach_process)(struct engine *, struct fw_task *,
			    bool leave_stopped);
	int		(*set_signal)(struct engine *, struct fw_task *, int);
};

extern const struct engine_backend eng_backend_ptrace;	/* engine-ctl.c */
extern const struct engine_backend eng_backend_bpf;	/* engine-bpf*.c */

/* What the kernel did that no stop reports (engine-kernel.c). */
/* The new parent of a dead process's children, read once for all. */
struct eng_reaper {
	pid_t		 pid;
	bool		 known;
	bool		 init;		/* pid 1 of its namespace */
	char		 comm[64];
};
/* Child c of dead process old has the new parent new_ppid: log it. */
int	eng_reparent_child(struct engine *, struct fw_task *c, pid_t old,
	    pid_t new_ppid, struct eng_reaper *);
/* Process dead was reaped: its traced child processes have a new parent. */
int	eng_reparent_children(struct engine *, struct fw_task *dead);
/* Record the pid namespace view of t from its NSpid line (when it has
 * more than one pid), or, at a new task's first stop, when the kernel's
 * siginfo shows its own view of its pid differs from ours (si_pid). */
void	eng_nspid_set(struct fw_task *t, const char *nspid_line);
void	eng_nspid_first_stop(struct engine *, struct fw_task *t, pid_t own_view);
/* A signal's sender (si_pid) as task t sees it, t being in another pid
 * namespace: turn it into forkwatch's view when a traced task of t's
 * namespace has that pid there; else move it to sender_inner. */
void	eng_nspid_sender(struct engine *, struct fw_task *t, struct fw_event *);
/* Remember process t (in another pid namespace), just reaped. */
void	eng_nspid_gone(struct engine *, const struct fw_task *t);
/* --depth: the untraced event of process pid, child of parent, which is
 * not seized (attach --subtree) or was just let go (t: its record). */
void	eng_untraced_new(struct engine *, pid_t pid, struct fw_task *parent);
void	eng_untraced_event(struct engine *, struct fw_task *t);

/* The task ids in /proc/TGID/task/TID/children of t (at most max). */
size_t	eng_read_children(struct engine *, struct fw_task *t, pid_t *out,
	    size_t max);

/* Threads the kernel makes in a traced process (engine-kthr.c, ptrace
 * backend): io_uring workers, never traced. */
/* At a stop of t: look at its process when due (once a second at most). */
void	eng_kthr_at_stop(struct engine *, struct fw_task *t);
/* The poll: every traced process, once a second (no-op before that). */
void	eng_kthr_poll(struct engine *);
/* Seconds until the poll is due (0: now), -1 when nothing is traced. */
double	eng_kthr_due_in(const struct engine *, double now);
/* A non-blocking caller: make engine_fd() readable when the poll is due. */
void	eng_kthr_arm(struct engine *);
void	eng_kthr_release(struct engine *);
/* Leader's process exec'd or died (FW_EV_EXIT: its kernel-made threads
 * are gone), or is let go (FW_EV_DETACH): a line for each. */
void	eng_kthr_process_end(struct engine *, struct fw_task *leader,
	    enum fw_event_kind);
/* Attaching: tid of process tgid (whose leader is attached) is a thread
 * the kernel made? Then it has its record and line, and is not seized. */
bool	eng_kthr_attach(struct engine *, pid_t tgid, pid_t tid);

/* The attach event of task t, with what /proc says of its image. */
int	eng_attach_event(struct engine *, struct fw_task *t);

int	eng_backend_open(struct engine *);
void	eng_backend_close(struct engine *);

/* The ptrace backend (engine.c, engine-ctl.c). */
int	ptr_seize(struct engine *, pid_t, bool launched);
enum engine_result ptr_run(struct engine *, bool block,
	    const volatile sig_atomic_t *intr);
int	ptr_fd(const struct engine *);
void	ptr_clear_fd(struct engine *);
void	ptr_detach_all(struct engine *);
void	ptr_kill_all(struct engine *);
int	ptr_stop_all(struct engine *, const volatile sig_atomic_t *intr);
int	ptr_stop_task(struct engine *, struct fw_task *);
int	ptr_resume_task(struct engine *, struct fw_task *);
void	ptr_resume_all(struct engine *);
int	ptr_detach_task(struct engine *, struct fw_task *);
int	ptr_detach_process(struct engine *, struct fw_task *,
	    bool leave_stopped);
/* engine-letgo.c: the resume policy's detach, in steps (see there): at
 * each stop of a task being detached, until it is. */
void	eng_let_go(struct engine *, struct fw_task *);
int	ptr_set_signal(struct engine *, struct fw_task *, int);

/* engine-fds.c (--fds): note the close-on-exec fds of new process c; the
 * fds of t at its exec stop into out (those open across the exec, then
 * those it closed, marked cloexec). */
void	eng_fds_created(struct engine *, struct fw_task *c);
void	eng_fds_exec(struct engine *, struct fw_task *t, struct fw_fdv *out);

#endif
