/* fwbpf.h - the records forkwatch's eBPF program (forkwatch.bpf.c) writes
 * to its ring buffer, shared by the kernel side and the loader
 * (../engine-bpf.c). Fixed-size types only; every record starts with
 * struct fwb_hdr. Variable-length data follows the fixed part in the order
 * the lengths are listed. */
#ifndef FW_BPF_ABI_H
#define FW_BPF_ABI_H

#define FWB_COMM_LEN	16
#define FWB_NS_MAX	8	/* pid namespace levels copied per new task */
/* argv (and env) bytes copied per exec: the ptrace engine's limit. */
#define FWB_ARGS_MAX	(256 * 1024)
/* Bytes and components of one path (exe or cwd) walked in the kernel. */
#define FWB_PATH_MAX	4096
#define FWB_PATH_DEPTH	64
/* Entries of the traced-task set (live traced tasks). */
#define FWB_TASKS_MAX	(1 << 17)

enum fwb_kind {
	FWB_NEWTASK = 1,	/* a task was created (copy_process) */
	FWB_EXEC,		/* an exec completed */
	FWB_ENV,		/* the environment of the exec that follows */
	FWB_EXIT,		/* a task passed do_exit's exit tracepoint */
	FWB_SIGNAL,		/* a signal was delivered (or dropped as ignored) */
	FWB_RENAME,		/* a new kernel thread got its name */
	FWB_WAKE,		/* a new kernel thread was first woken */
};

/* Counters in the program's .bss (index into fwb_counters). */
enum fwb_counter {
	FWB_LOST,		/* ring-buffer reservations that failed */
	FWB_SET_FULL,		/* tasks that could not join the traced set */
	FWB_RECORDS,		/* records written (tests read it: the set
				 * keeps untraced tasks out in the kernel) */
	FWB_NCOUNTERS
};

struct fwb_hdr {
	unsigned int		 kind;
	unsigned int		 size;		/* bytes of the whole record */
	unsigned int		 pid;		/* the task it is about */
	unsigned int		 tgid;
	unsigned int		 ppid;		/* its real parent's tgid */
	unsigned int		 pad;
	unsigned long long	 ts;		/* CLOCK_MONOTONIC, ns */
};

/* hdr.pid: the creating task (current). */
struct fwb_newtask {
	struct fwb_hdr		 h;
	unsigned int		 child;
	unsigned int		 child_tgid;
	unsigned int		 parent_tgid;	/* the child's real parent */
	int			 exit_signal;	/* -1 for a thread */
	unsigned long long	 clone_flags;	/* without the exit signal */
	unsigned int		 child_flags;	/* PF_* of the child */
	unsigned int		 pad;
	char			 comm[FWB_COMM_LEN];	/* the creator's */
	char			 child_comm[FWB_COMM_LEN]; /* a kernel thread's
						 * name is set by now (6.x) */
	/* The child's pid namespace level (0: the first one) and its pid in
	 * the namespaces of levels 0 .. FWB_NS_MAX - 1 (struct pid's
	 * numbers[]; 0 past its level). */
	unsigned int		 ns_level;
	unsigned int		 nspid[FWB_NS_MAX];
};

#define FWB_EXEC_ARGV_TRUNC	0x1	/* argv longer than FWB_ARGS_MAX */
#define FWB_EXEC_PATH_TRUNC	0x2	/* exe path deeper or longer than walked */
#define FWB_EXEC_CWD_TRUNC	0x4
#define FWB_EXEC_PARENT_DYING	0x8	/* its parent is being killed */

/* hdr.pid: the task after the exec (= tgid). Then path_len bytes of the
 * executable's path components and cwd_len of the cwd's, each a
 * NUL-terminated name from the leaf up to the root ("true\0bin\0usr\0"),
 * then argv_len bytes of NUL-separated argv. */
struct fwb_exec {
	struct fwb_hdr		 h;
	unsigned int		 old_pid;	/* former tid (exec by a non-leader) */
	unsigned int		 flags;
	unsigned int		 path_len;
	unsigned int		 cwd_len;
	unsigned int		 argv_len;
	unsigned int		 pad;
	char			 comm[FWB_COMM_LEN];
	char			 data[];
};

/* Written just before the FWB_EXEC record of the same task (--env). */
struct fwb_env {
	struct fwb_hdr		 h;
	unsigned int		 len;
	unsigned int		 trunc;
	char			 data[];
};

#define FWB_EXIT_GROUP_DEAD	0x1	/* the last thread of its process */
#define FWB_EXIT_EXEC_ZAP	0x2	/* a leader killed by another thread's exec */
#define FWB_EXIT_PARENT_DYING	0x4	/* its parent is being killed */

struct fwb_exit {
	struct fwb_hdr		 h;
	int			 exit_code;	/* the task's own wait status */
	int			 group_exit_code;
	unsigned int		 sig_flags;	/* signal_struct flags */
	unsigned int		 task_flags;	/* PF_* */
	unsigned int		 flags;		/* FWB_EXIT_* */
	unsigned int		 reaper;	/* the tgid that adopts its
						 * children if its process is
						 * gone (0: it has none) */
	unsigned long long	 utime, stime;	/* the task's own, ns (ticks) */
	unsigned long long	 runtime;	/* its sum_exec_runtime, ns */
	unsigned long long	 cutime, cstime; /* reaped children, ns */
	unsigned long long	 maxrss, cmaxrss; /* pages */
	char			 comm[FWB_COMM_LEN];
};

#define FWB_SIG_DELIVERED	0x1	/* dequeued by the task (signal_deliver) */
#define FWB_SIG_IGNORED		0x2	/* dropped at send time as ignored */
#define FWB_SIG_DFL		0x4	/* its handler is SIG_DFL */
#define FWB_SIG_SENT		0x8	/* generated (signal_generate), queued */
#define FWB_SIG_FATAL		0x10	/* generated, and kills the process at
					 * once (never dequeued) */

struct fwb_signal {
	struct fwb_hdr		 h;		/* the receiving task */
	int			 sig;
	int			 si_code;
	unsigned int		 sender;	/* si_pid where it means a sender */
	unsigned int		 flags;
};

struct fwb_rename {
	struct fwb_hdr		 h;
	char			 comm[FWB_COMM_LEN];
};

#endif
