/* kernel-types.h - the few kernel structures forkwatch.bpf.c reads,
 * declared here instead of a vmlinux.h generated from the build machine's
 * kernel. Each is marked preserve_access_index, so every field access is
 * a CO-RE relocation that libbpf resolves against the running kernel's
 * BTF at load time: only the names and types below must still exist, not
 * their offsets or the rest of the structure. */
#ifndef FW_BPF_KERNEL_TYPES_H
#define FW_BPF_KERNEL_TYPES_H

typedef unsigned char		u8;
typedef unsigned int		u32;
typedef int			s32;
typedef unsigned long long	u64;
typedef int			pid_t;
typedef _Bool			bool;
#define true			1
#define false			0

#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)

typedef struct {
	int counter;
} atomic_t;

struct qstr {
	union {
		struct {
			u32 hash;
			u32 len;
		};
		u64 hash_len;
	};
	const unsigned char *name;
};

struct dentry {
	struct dentry *d_parent;
	struct qstr d_name;
};

struct vfsmount {
	struct dentry *mnt_root;
};

struct mount {
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file {
	struct path f_path;
};

struct fs_struct {
	struct path pwd;
};

struct mm_struct {
	unsigned long arg_start, arg_end, env_start, env_end;
};

struct list_head {
	struct list_head *next, *prev;
};

struct pid_namespace {
	struct task_struct *child_reaper;
};

struct upid {
	int nr;
	struct pid_namespace *ns;
};

struct pid {
	unsigned int level;
	struct upid numbers[1];
};

struct signal_struct {
	atomic_t live;
	unsigned int is_child_subreaper: 1;
	unsigned int has_child_subreaper: 1;
	int group_exit_code;
	struct task_struct *group_exec_task;
	unsigned int flags;
	u64 utime, stime, cutime, cstime;
	unsigned long maxrss, cmaxrss;
};

struct sched_entity {
	u64 sum_exec_runtime;
};

struct task_struct {
	unsigned int flags;
	struct sched_entity se;
	struct mm_struct *mm;
	int exit_code;
	int exit_signal;
	pid_t pid;
	pid_t tgid;
	struct task_struct *real_parent;
	struct task_struct *group_leader;
	u64 utime, stime;
	struct fs_struct *fs;
	struct signal_struct *signal;
	struct list_head children;
	struct pid *thread_pid;
	char comm[16];
};

struct linux_binprm {
	struct file *file;
};

union __sifields {
	struct {
		pid_t _pid;
		unsigned int _uid;
	} _kill;
};

struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union __sifields _sifields;
};

struct sigaction {
	void *sa_handler;
};

struct k_sigaction {
	struct sigaction sa;
};

#ifdef __TARGET_ARCH_x86
/* The registers a syscall entered with (x86-64 kernel names). */
struct pt_regs___fw {
	unsigned long di;
	unsigned long orig_ax;
};
#endif

#pragma clang attribute pop

/* Flags from include/linux/sched.h, sched/signal.h and uapi sched.h:
 * values of the kernel ABI, stable across versions. */
#define PF_EXITING		0x00000004
#define PF_IO_WORKER		0x00000010
#define PF_KTHREAD		0x00200000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define SIGNAL_GROUP_EXIT	0x00000004

#endif
