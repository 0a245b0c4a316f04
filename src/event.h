/* event.h - the lifecycle event record that every client consumes.
 *
 * The engine fills one struct fw_event per event and hands it to each sink
 * (log writer, console, TUI) in order. Pointers inside are valid only during
 * the callback; a sink that keeps anything copies it. */
#ifndef FW_EVENT_H
#define FW_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util.h"

/*
 * The event kinds. This enum and the table in event.c (struct
 * fw_event_info: name, whether the log carries it, the breakpoint that can
 * stop at it, whether "step" counts it, its members, its breakpoint
 * conditions) are the one place an event kind is defined: the log writer
 * and reader, the session, breakpoints, completion, help and the tests'
 * checker (tests/lib/fwcheck.py, through tests/unit/test-event --json) all
 * read the table. Each value says which stop the task is in while sinks
 * see it; doc/LOG-FORMAT.md says what the log's line means.
 */
enum fw_event_kind {
	FW_EV_FORK,		/* parent at PTRACE_EVENT_FORK stop; child = new pid */
	FW_EV_VFORK,		/* parent at PTRACE_EVENT_VFORK stop */
	FW_EV_CLONE,		/* caller at PTRACE_EVENT_CLONE stop; thread says which */
	FW_EV_VFORK_DONE,	/* parent at PTRACE_EVENT_VFORK_DONE stop */
	FW_EV_EXEC,		/* task at PTRACE_EVENT_EXEC stop, new image loaded */
	FW_EV_EXITING,		/* task at PTRACE_EVENT_EXIT stop: still inspectable */
	FW_EV_EXIT,		/* task reaped: not stopped, gone (not breakable) */
	FW_EV_SIGNAL,		/* task at signal-delivery stop; signal re-injected */
	FW_EV_STOP,		/* task entered group-stop (job control) */
	FW_EV_CONT,		/* task left group-stop (SIGCONT) */
	FW_EV_ATTACH,		/* task attached with -p (or console attach) */
	FW_EV_DETACH,		/* task detached; no longer traced */
	FW_EV_PAUSE,		/* task stopped at the user's request (interrupt) */
	FW_EV_REPARENT,		/* the kernel gave a task a new parent: its
				 * parent process exited (read once per
				 * exiting process with live children; the
				 * task itself need not be stopped) */
	FW_EV_KTHREAD,		/* a thread the kernel made (io_uring worker,
				 * SQPOLL, PF_USER_WORKER; part 7: kthreadd's
				 * children), found in /proc: not traced, not
				 * stopped */
	FW_EV_UNTRACED,		/* a descendant deeper than --depth, detached
				 * at its first stop (running again) */
	FW_EV_START,		/* log only: the first line (tlog_write_start) */
	FW_EV_END,		/* log only: the last line (tlog_write_end) */
	FW_EV_UNKNOWN,		/* read from a log: a kind this forkwatch does
				 * not know (readers skip it) */
	FW_EV_COUNT
};

/*
 * The members an event can carry, in the order the log writes them (JSON
 * and text). struct fw_member_info (event.c) gives each its JSON name,
 * type, and where it lives in struct fw_event.
 */
enum fw_member {
	FW_M_THREAD,		/* clone: CLONE_THREAD; exit: a non-leader */
	FW_M_FLAGS,		/* the clone flags the kernel got */
	FW_M_EXIT_SIGNAL,	/* the child's exit signal */
	FW_M_CHILD,
	FW_M_PARENT,		/* real parent when not pid (CLONE_PARENT) */
	FW_M_PATH,
	FW_M_ARGV,
	FW_M_CWD,
	FW_M_PPID,
	FW_M_OLD_PID,
	FW_M_ARGV_TRUNCATED,
	FW_M_ENV,
	FW_M_FDS,
	FW_M_SIGNAL,
	FW_M_CORE,
	FW_M_CODE,
	FW_M_UTIME,
	FW_M_STIME,
	FW_M_MAXRSS_KB,
	FW_M_SENDER,
	FW_M_SENDER_INNER,	/* sender as a task in another pid ns sees it */
	FW_M_SI_CODE,
	FW_M_OLD_PARENT,	/* reparent */
	FW_M_NEW_PARENT,
	FW_M_REAPER,		/* "subreaper" or "init" */
	FW_M_OUTSIDE,		/* the new parent is not traced */
	FW_M_NEW_PARENT_COMM,
	FW_M_COMM,		/* kthread */
	FW_M_PF_FLAGS,
	FW_M_TRACED,
	FW_M_CREATED,		/* kthread (bpf): when the kernel made it */
	FW_M_WOKEN,		/* kthread (bpf): when it was first woken */
	FW_M_DEPTH,		/* untraced */
	FW_M_NSPID,		/* any event about a task in another pid ns */
	/* start and end lines (written by tlog_write_start/end) */
	FW_M_VERSION,
	FW_M_VERSION_MINOR,
	FW_M_TIME,
	FW_M_MODE,
	FW_M_BACKEND,
	FW_M_PIDS,
	FW_M_STATUS,
	FW_M_ROOT_CODE,
	FW_M_ROOT_SIGNAL,
	FW_M_INCOMPLETE,	/* end: lines are missing (a write failed) */
	FW_M_LOST,
	FW_M_LOG_ERROR,
	FW_M_EVENTS_LOST,
	FW_M_COUNT
};

/* How a member is written, read and checked. */
enum fw_member_type {
	FW_MT_PID,		/* pid_t; a JSON integer */
	FW_MT_INT,		/* int */
	FW_MT_LONG,		/* long */
	FW_MT_BOOL,		/* bool; true or false */
	FW_MT_NUM,		/* double; a JSON number, 6 decimals */
	FW_MT_STR,		/* const char *; an escaped string */
	FW_MT_STRV,		/* const struct fw_strv *; array of strings */
	FW_MT_SIG,		/* int signal number; its name as a string */
	FW_MT_PIDS,		/* const struct fw_pids *; array of integers */
	FW_MT_CLONE_FLAGS,	/* uint64_t CLONE_* bits; array of names */
	FW_MT_PF_FLAGS,		/* unsigned long PF_* bits; array of names */
	FW_MT_FDS,		/* const struct fw_fdv *; array of objects
				 * {"fd", "mode", "path", "cloexec"} */
};

/* A task's pids as seen from each pid namespace, outermost (forkwatch's)
 * first, as /proc/PID/status NSpid lists them. */
#define FW_PIDS_MAX	33
struct fw_pids {
	int		 n;
	pid_t		 v[FW_PIDS_MAX];
};

#define FW_MEMBER_BIT(m)	(UINT64_C(1) << (m))

/* The member could not be in struct fw_event (start/end lines). */
#define FW_MEMBER_NO_FIELD	((size_t)-1)

struct fw_member_info {
	const char		*name;		/* JSON member name */
	enum fw_member_type	 type;
	size_t			 off;		/* in struct fw_event, or
						 * FW_MEMBER_NO_FIELD */
	size_t			 has_off;	/* bool in struct fw_event that
						 * says it is there, or
						 * FW_MEMBER_NO_FIELD: there
						 * when not zero/false/NULL */
	bool			 has_neg;	/* ... says it is not there */
	const char		*doc;		/* one line, for people */
};

/* Breakpoint conditions (session-bp.c parses and matches them); the
 * event table says which apply to each kind. */
#define FW_BPC_GLOB	0x0001	/* a glob on the exec'd path or argv[0] */
#define FW_BPC_ARGV	0x0002	/* argv~REGEX */
#define FW_BPC_PID	0x0004	/* pid=N */
#define FW_BPC_COMM	0x0008	/* comm=GLOB */
#define FW_BPC_DEPTH	0x0010	/* depth<=N */
#define FW_BPC_UNDER	0x0020	/* under=PID */
#define FW_BPC_CODE	0x0040	/* code=N */
#define FW_BPC_NONZERO	0x0080	/* nonzero */
#define FW_BPC_KILLED	0x0100	/* killed */
#define FW_BPC_SIGNAL	0x0200	/* a signal name or number */
#define FW_BPC_FLAGS	0x0400	/* flags~CLONE_X[|CLONE_Y...] */
#define FW_BPC_TASK	(FW_BPC_GLOB | FW_BPC_ARGV | FW_BPC_PID | \
			 FW_BPC_COMM | FW_BPC_DEPTH | FW_BPC_UNDER)

/* fw_event_info.flags */
#define FW_EVF_LOGGED	0x1	/* the log carries it */
#define FW_EVF_TASK	0x2	/* about a task: pid and tgid required */
#define FW_EVF_STEP	0x4	/* "step" counts it (a lifecycle stop) */
#define FW_EVF_ENGINE	0x8	/* the engine emits it */

struct fw_event_info {
	const char	*name;		/* in logs, the TUI filter, help */
	unsigned	 flags;		/* FW_EVF_* */
	const char	*bp_name;	/* "break NAME" stops at it; NULL: no
					 * breakpoint can (the task is not
					 * stopped, or the user stopped it) */
	const char	*bp_thread_name; /* clone only: the name for a clone
					 * that makes a thread */
	unsigned	 bp_conds;	/* FW_BPC_* a breakpoint on it takes */
	uint64_t	 req;		/* FW_MEMBER_BIT()s always written, and
					 * required by readers */
	uint64_t	 always;	/* always written; readers take lines
					 * without them (older logs) */
	uint64_t	 opt;		/* written when they apply */
	uint64_t	 one_of;	/* readers require one of these */
	const char	*doc;		/* one line: what happened */
};

/* Breakpoint kind bits: 1 << kind for a breakable kind, and this one for a
 * clone that makes a thread. */
#define FW_BPK_THREAD	(1u << FW_EV_COUNT)

/* NUL-separated strings: n strings, each NUL terminated, in len bytes. */
struct fw_strv {
	char	*blob;
	size_t	 len;
	int	 n;
};
void	 strv_init(struct fw_strv *);
void	 strv_release(struct fw_strv *);
void	 strv_set(struct fw_strv *, const char *blob, size_t len);
void	 strv_copy(struct fw_strv *dst, const struct fw_strv *src);
/* Iterate: start with p = NULL; returns the next string or NULL. */
const char *strv_next(const struct fw_strv *, const char *p);
/* The i-th string or NULL. */
const char *strv_get(const struct fw_strv *, int i);

/* One file descriptor of a task at an exec (--fds). */
struct fw_fd {
	int		 fd;
	/* O_RDONLY, O_WRONLY or O_RDWR (fdinfo's flags & O_ACCMODE); -1 when
	 * unknown. */
	int		 mode;
	/* Not open after the exec: the task had it, with close-on-exec set,
	 * when forkwatch last saw it before the exec (its fork), and the exec
	 * closed it. */
	bool		 cloexec;
	char		*target;	/* what /proc/PID/fd/N links to */
};

/* File descriptors, sorted by fd; owns the targets. */
struct fw_fdv {
	struct fw_fd	*v;
	size_t		 n;
};
void	 fdv_init(struct fw_fdv *);
void	 fdv_release(struct fw_fdv *);
/* Append a copy of target. */
void	 fdv_add(struct fw_fdv *, int fd, int mode, bool cloexec,
	    const char *target);
void	 fdv_copy(struct fw_fdv *dst, const struct fw_fdv *src);
/* "r", "w", "rw", or NULL for an unknown mode: the log's "mode". */
const char *fdv_mode_name(int mode);
/* The mode that name stands for, -1 when unknown. */
int	 fdv_mode_parse(const char *name);

struct fw_task;

struct fw_event {
	enum fw_event_kind	 kind;
	double			 ts;		/* seconds since trace start */
	pid_t			 pid;		/* task id the event is about */
	pid_t			 tgid;
	struct fw_task		*task;		/* its record (NULL after FW_EV_EXIT drop) */

	/* fork, vfork, clone, vfork_done */
	pid_t			 child;
	pid_t			 parent;	/* real parent when not pid (CLONE_PARENT) */
	bool			 thread;
	bool			 has_clone_flags; /* the next two are known */
	uint64_t		 clone_flags;	/* CLONE_* (no exit signal byte) */
	int			 exit_signal;	/* the child's; 0 none (threads) */

	/* exec, attach */
	const char		*path;
	const char		*cwd;
	const struct fw_strv	*argv;
	const struct fw_strv	*env;		/* NULL unless --env */
	const struct fw_fdv	*fds;		/* NULL unless --fds */
	bool			 argv_truncated;
	pid_t			 old_pid;	/* exec by a non-leader thread */
	pid_t			 ppid;		/* attach */

	/* exiting, exit */
	bool			 killed;
	int			 code;		/* exit code when !killed */
	int			 signo;		/* killing signal; or signal/stop/cont signal */
	bool			 core;
	bool			 has_rusage;
	double			 utime, stime;
	long			 maxrss_kb;

	/* signal */
	pid_t			 sender;	/* si_pid, 0 when not from a process */
	pid_t			 sender_inner;	/* si_pid in the receiver's pid
						 * namespace, when not traced */
	int			 si_code;

	/* reparent: pid's parent process old_parent exited, the kernel made
	 * new_parent its parent (a subreaper, or the pid namespace's init) */
	pid_t			 old_parent, new_parent;
	const char		*reaper;	/* "subreaper" or "init" */
	bool			 outside;	/* new_parent is not traced */
	const char		*new_parent_comm;

	/* kthread (ppid too, for part 7's kthreadd children) */
	const char		*comm;
	unsigned long		 pf_flags;	/* PF_* from /proc/PID/stat */
	bool			 traced;
	double			 created_ts;	/* eBPF: when it was made (0: */
	double			 woken_ts;	/* first woken; not known) */

	/* untraced (ppid too) */
	int			 depth;		/* below the root */

	/* any event: pid's pids in every pid namespace, when it is in
	 * another one than forkwatch (NULL otherwise) */
	const struct fw_pids	*nspid;
};

/* The table row of a kind (FW_EV_UNKNOWN's for a value out of range). */
const struct fw_event_info *event_info(enum fw_event_kind);
const struct fw_member_info *event_member(enum fw_member);
const char	*event_kind_name(enum fw_event_kind);
/* Parse an event name as written in logs; -1 when unknown. */
int		 event_kind_parse(const char *);
/* Is the kind written to the log? */
bool		 event_logged(enum fw_event_kind);
/* Does "step" count this event? */
bool		 event_is_step(const struct fw_event *);

/* Breakpoints: the kind bit of an event (0: no breakpoint stops at it);
 * the names "break" takes, in help order ("any" last; NULL past the end)
 * with the bits each stands for; the conditions that apply to the kinds
 * of bits (the union). */
unsigned	 event_bp_bit(const struct fw_event *);
const char	*event_bp_name_at(int i, unsigned *bits);
unsigned	 event_bp_conds(unsigned bits);

#endif
