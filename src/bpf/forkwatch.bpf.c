/* forkwatch.bpf.c - forkwatch's kernel side on the eBPF backend: BTF
 * tracepoints (no kprobes, no tracefs) see every task creation, exec, exit
 * and signal; the set of traced tasks lives in a map and is kept in the
 * kernel, so events of untraced tasks never leave it; what is traced goes
 * to user space through one ring buffer (records in fwbpf.h). Nothing
 * here stops a task.
 *
 * The traced set holds task ids. A task joins it when its creator is in
 * it (task_newtask runs in the creator before the child can run, so the
 * child's first event already passes the filter), or when the loader puts
 * it there (the launched program before its exec, -p's tasks); it leaves
 * it at its own exit event. With --system (cfg_system) there is no set. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "kernel-types.h"
#include "fwbpf.h"

char LICENSE[] SEC("license") = "GPL";

#define SIGKILL		9
#define SIGCHLD		17
#define SIGCONT		18
#define TRACE_SIGNAL_DELIVERED 0
#define TRACE_SIGNAL_IGNORED 1
#define NAME_READ	256	/* a path component and its NUL, at most */

/* Set by the loader before the program is loaded. */
const volatile bool cfg_system = false;	/* every task, no traced set */
const volatile bool cfg_env = false;	/* copy each exec's environment */

/* Wake forkwatch only once this many bytes wait in the ring buffer (0:
 * at every record). It looks at the buffer on its own every few
 * milliseconds: a storm then costs a wake-up per batch, not per event. */
const volatile unsigned long long cfg_wakeup_bytes = 0;

/* Failures that would otherwise be silent (enum fwb_counter). */
unsigned long long counters[FWB_NCOUNTERS];

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	/* max_entries is set by the loader (--bpf-buffer). */
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, FWB_TASKS_MAX);
	__type(key, u32);
	__type(value, u8);
} traced SEC(".maps");

/* Threads the kernel made, until they have their name (an io_uring
 * worker) or until their first wake-up (a kernel thread): tid -> 1. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, u8);
} kthread_new SEC(".maps");

/* Room to build one exec record: one slot per CPU (tracepoint programs
 * do not migrate while they run). max_entries is set by the loader. */
#define SCRATCH_SIZE	(sizeof(struct fwb_exec) + 2 * FWB_PATH_MAX + \
			 FWB_ARGS_MAX)
struct scratch {
	u32	 off;		/* the path walk's position, see walk_step() */
	u32	 pad;
	char	 buf[SCRATCH_SIZE];
};
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

#ifndef barrier_var
#define barrier_var(var) asm volatile("" : "+r"(var))
#endif

/* Is p's parent being killed? A vfork parent killed while it waits is
 * released by its child all the same, but ptrace never reports that
 * vfork_done: the parent dies first. */
static __always_inline bool
parent_dying(struct task_struct *p)
{
	return (BPF_CORE_READ(p, real_parent, signal, flags) &
	    SIGNAL_GROUP_EXIT) != 0;
}

static __always_inline bool
is_traced(u32 tid)
{
	return cfg_system || bpf_map_lookup_elem(&traced, &tid) != NULL;
}

static __always_inline void
count(int which)
{
	__sync_fetch_and_add(&counters[which], 1);
}

/* The header: kind, size, and who the record is about (its ids, and its
 * real parent's, which says when the kernel gave it a new one). */
static __always_inline void
hdr_fill(struct fwb_hdr *h, unsigned kind, unsigned size,
    struct task_struct *t)
{
	h->kind = kind;
	h->size = size;
	h->pid = BPF_CORE_READ(t, pid);
	h->tgid = BPF_CORE_READ(t, tgid);
	h->ppid = BPF_CORE_READ(t, real_parent, tgid);
	h->pad = 0;
	h->ts = bpf_ktime_get_ns();
}

static __always_inline unsigned long long
wake_flags(void)
{
	if (cfg_wakeup_bytes == 0)
		return 0;
	return bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >=
	    cfg_wakeup_bytes ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
}

/* Reserve a fixed-size record; a failure is counted, never silent. */
static __always_inline void *
reserve(u64 size)
{
	void	*p = bpf_ringbuf_reserve(&events, size, 0);

	count(p == NULL ? FWB_LOST : FWB_RECORDS);
	return p;
}

static __always_inline void
emit(void *data, u64 size)
{
	count(bpf_ringbuf_output(&events, data, size, wake_flags()) != 0 ?
	    FWB_LOST : FWB_RECORDS);
}

/* The exit signal the caller asked for. The kernel gives a CLONE_PARENT
 * child its creator's own exit signal instead, but ptrace (and so the
 * log) names the event after the requested one: read it from the
 * syscall's arguments (clone's flags, or clone3's struct). x86-64 only;
 * elsewhere the kernel's value stands. */
static __always_inline int
requested_exit_signal(struct task_struct *cur, int given)
{
#ifdef __TARGET_ARCH_x86
	struct pt_regs___fw	*regs;
	unsigned long		 nr, arg0;
	u64			 sig;

	regs = (struct pt_regs___fw *)bpf_task_pt_regs(cur);
	nr = BPF_CORE_READ(regs, orig_ax);
	arg0 = BPF_CORE_READ(regs, di);
	if (nr == 56)			/* clone */
		return (int)(arg0 & 0xff);
	if (nr == 435 &&		/* clone3: clone_args.exit_signal */
	    bpf_probe_read_user(&sig, sizeof sig, (void *)(arg0 + 32)) == 0)
		return (int)sig;
#endif
	return given;
}

/* The child's pids in each pid namespace, from struct pid's numbers[]
 * (set before task_newtask: copy_process() attached the pid first). */
static __always_inline void
child_nspid(struct fwb_newtask *r, struct task_struct *p)
{
	struct pid	*pid = BPF_CORE_READ(p, thread_pid);
	struct upid	*u;
	unsigned int	 level = BPF_CORE_READ(pid, level), i;

	r->ns_level = level;
#pragma unroll
	for (i = 0; i < FWB_NS_MAX; i++) {
		r->nspid[i] = 0;
		if (i > level)
			continue;
		u = (struct upid *)((char *)pid + bpf_core_field_offset(
		    struct pid, numbers) + i * bpf_core_type_size(struct upid));
		r->nspid[i] = (unsigned int)BPF_CORE_READ(u, nr);
	}
}

SEC("tp_btf/task_newtask")
int BPF_PROG(fw_newtask, struct task_struct *p, unsigned long clone_flags)
{
	struct task_struct	*cur = bpf_get_current_task_btf();
	struct fwb_newtask	*r;
	u32			 me = BPF_CORE_READ(cur, pid);
	u32			 child = BPF_CORE_READ(p, pid);
	u32			 pflags = BPF_CORE_READ(p, flags);
	u8			 one = 1;

	if (!is_traced(me))
		return 0;
	if (!cfg_system && bpf_map_update_elem(&traced, &child, &one,
	    BPF_ANY) != 0)
		count(FWB_SET_FULL);
	if (pflags & (PF_KTHREAD | PF_IO_WORKER))
		bpf_map_update_elem(&kthread_new, &child, &one, BPF_ANY);
	if ((r = reserve(sizeof *r)) == NULL)
		return 0;
	hdr_fill(&r->h, FWB_NEWTASK, sizeof *r, cur);
	r->child = child;
	r->child_tgid = BPF_CORE_READ(p, tgid);
	r->parent_tgid = BPF_CORE_READ(p, real_parent, tgid);
	r->exit_signal = BPF_CORE_READ(p, exit_signal);
	if ((clone_flags & (CLONE_PARENT | CLONE_THREAD)) == CLONE_PARENT)
		r->exit_signal = requested_exit_signal(cur, r->exit_signal);
	r->clone_flags = clone_flags;
	r->child_flags = pflags;
	r->pad = 0;
	child_nspid(r, p);
	BPF_CORE_READ_STR_INTO(&r->comm, cur, comm);
	BPF_CORE_READ_STR_INTO(&r->child_comm, p, comm);
	bpf_ringbuf_submit(r, wake_flags());
	return 0;
}

/* One step of a path walk (a bpf_loop callback, so the verifier checks
 * it once rather than once per component). */
struct walk {
	struct scratch	*s;
	char		*buf;		/* FWB_PATH_MAX bytes */
	struct dentry	*d;
	struct vfsmount	*vm;
	struct mount	*m;
	u32		 trunc;
	u32		 done;
};

static long
walk_step(u32 i, void *arg)
{
	struct walk	*w = arg;
	/* Locals: CO-RE reads through w-> would relocate struct walk too. */
	struct dentry	*d = w->d, *root, *parent;
	struct vfsmount	*vm = w->vm;
	struct mount	*m = w->m, *mp;
	const unsigned char *name;
	long		 n;
	/* The position lives in map memory, not on the stack: the verifier
	 * then does not track its value, and checks this step once instead
	 * of once per possible position (which took it half a second). */
	u32		 off = w->s->off;

	root = BPF_CORE_READ(vm, mnt_root);
	parent = BPF_CORE_READ(d, d_parent);
	if (d == root || d == parent) {
		mp = BPF_CORE_READ(m, mnt_parent);
		if (d != root || mp == m || mp == NULL) {
			w->done = 1;	/* the root */
			return 1;
		}
		w->d = BPF_CORE_READ(m, mnt_mountpoint);
		w->m = mp;
		w->vm = __builtin_preserve_access_index(&mp->mnt);
		return 0;
	}
	if (off > FWB_PATH_MAX - NAME_READ) {
		w->trunc = 1;
		w->done = 1;
		return 1;
	}
	name = BPF_CORE_READ(d, d_name.name);
	n = bpf_probe_read_kernel_str(w->buf + off, NAME_READ, name);
	if (n <= 0 || n > NAME_READ) {
		w->done = 1;
		return 1;
	}
	w->s->off = off + n;
	w->d = parent;
	return 0;
}

/* Write the names of a path's components, leaf first, each with its NUL,
 * into buf (FWB_PATH_MAX bytes), crossing mount points up to the root the
 * kernel has (not a chroot's). Returns the bytes used; *trunc is set when
 * the path was deeper or longer than that. */
static __always_inline u32
path_names(struct scratch *s, char *buf, struct path *path, u32 *trunc)
{
	struct walk	 w;

	s->off = 0;
	w.s = s;
	w.buf = buf;
	w.d = BPF_CORE_READ(path, dentry);
	w.vm = BPF_CORE_READ(path, mnt);
	w.m = (struct mount *)((char *)w.vm -
	    bpf_core_field_offset(struct mount, mnt));
	w.trunc = 0;
	w.done = 0;
	bpf_loop(FWB_PATH_DEPTH, walk_step, &w, 0);
	if (w.trunc || !w.done)
		*trunc = 1;
	return s->off;
}

/* Copy len bytes of user memory at addr into buf (FWB_ARGS_MAX bytes);
 * returns the bytes copied, *trunc when len was more. */
static __always_inline u32
user_block(char *buf, unsigned long addr, unsigned long len, u32 *trunc)
{
	if (len > FWB_ARGS_MAX) {
		len = FWB_ARGS_MAX;
		*trunc = 1;
	}
	if (len == 0 || bpf_probe_read_user(buf, len, (void *)addr) != 0)
		return 0;
	return len;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(fw_exec, struct task_struct *p, pid_t old_pid,
    struct linux_binprm *bprm)
{
	struct fwb_exec	*r;
	struct fwb_env	*e;
	struct scratch	*s;
	struct mm_struct *mm;
	struct file	*file;
	struct fs_struct *fs;
	u32		 cpu = bpf_get_smp_processor_id(), key, len, t = 0;
	u32		 plen, clen, alen;
	u32		 pid = BPF_CORE_READ(p, pid), old = old_pid;
	u8		 one = 1;
	u64		 size;

	if (!cfg_system) {
		/* A non-leader that exec'd took its leader's tid: the set
		 * follows it (the leader's own exit took that tid out). */
		key = old;
		if (bpf_map_lookup_elem(&traced, &key) == NULL &&
		    bpf_map_lookup_elem(&traced, &pid) == NULL)
			return 0;
		if (old != pid) {
			bpf_map_delete_elem(&traced, &key);
			bpf_map_update_elem(&traced, &pid, &one, BPF_ANY);
		}
	}
	if ((s = bpf_map_lookup_elem(&scratch, &cpu)) == NULL)
		return 0;
	mm = BPF_CORE_READ(p, mm);
	if (cfg_env) {
		e = (void *)s->buf;
		len = user_block(e->data, BPF_CORE_READ(mm, env_start),
		    BPF_CORE_READ(mm, env_end) - BPF_CORE_READ(mm, env_start),
		    &t);
		hdr_fill(&e->h, FWB_ENV, 0, p);
		e->len = len;
		e->trunc = t;
		size = sizeof *e + len;
		e->h.size = size;
		barrier_var(size);
		if (size <= sizeof *e + FWB_ARGS_MAX)
			emit(e, size);
		t = 0;
	}
	r = (void *)s->buf;
	r->old_pid = old;
	r->flags = 0;
	file = BPF_CORE_READ(bprm, file);
	plen = path_names(s, r->data, __builtin_preserve_access_index(
	    &file->f_path), &t);
	if (t)
		r->flags |= FWB_EXEC_PATH_TRUNC;
	t = 0;
	if (plen > FWB_PATH_MAX)
		return 0;
	fs = BPF_CORE_READ(p, fs);
	clen = path_names(s, r->data + plen, __builtin_preserve_access_index(
	    &fs->pwd), &t);
	if (t)
		r->flags |= FWB_EXEC_CWD_TRUNC;
	t = 0;
	if (clen > FWB_PATH_MAX)
		return 0;
	alen = user_block(r->data + plen + clen, BPF_CORE_READ(mm, arg_start),
	    BPF_CORE_READ(mm, arg_end) - BPF_CORE_READ(mm, arg_start), &t);
	if (t)
		r->flags |= FWB_EXEC_ARGV_TRUNC;
	if (parent_dying(p))
		r->flags |= FWB_EXEC_PARENT_DYING;
	r->path_len = plen;
	r->cwd_len = clen;
	r->argv_len = alen;
	r->pad = 0;
	BPF_CORE_READ_STR_INTO(&r->comm, p, comm);
	size = sizeof *r + plen + clen + alen;
	/* The verifier wants the bound spelled out. */
	barrier_var(size);
	if (size > SCRATCH_SIZE)
		return 0;
	hdr_fill(&r->h, FWB_EXEC, size, p);
	emit(r, size);
	return 0;
}

/* Who will adopt the children of p, whose process is dying: the kernel's
 * find_new_reaper(), which runs in exit_notify() just after this
 * tracepoint. The nearest ancestor in the same pid namespace that is a
 * child subreaper with a live thread, else the namespace's init. The
 * walk stops after 16 ancestors (then init is assumed). */
static __always_inline u32
new_reaper(struct task_struct *p)
{
	struct signal_struct	*sig = BPF_CORE_READ(p, signal);
	struct task_struct	*a = p;
	struct pid		*pid = BPF_CORE_READ(p, thread_pid);
	struct upid		*u;
	unsigned int		 level = BPF_CORE_READ(pid, level), i;

	if (BPF_CORE_READ_BITFIELD_PROBED(sig, has_child_subreaper)) {
#pragma unroll
		for (i = 0; i < 16; i++) {
			a = BPF_CORE_READ(a, real_parent);
			if (a == NULL || BPF_CORE_READ(a, pid) == 0 ||
			    BPF_CORE_READ(a, thread_pid, level) != level)
				break;
			sig = BPF_CORE_READ(a, signal);
			if (BPF_CORE_READ_BITFIELD_PROBED(sig,
			    is_child_subreaper) &&
			    BPF_CORE_READ(sig, live.counter) > 0)
				return BPF_CORE_READ(a, tgid);
		}
	}
	if (level > 32)
		return 1;
	u = (struct upid *)((char *)pid + bpf_core_field_offset(struct pid,
	    numbers) + level * bpf_core_type_size(struct upid));
	return BPF_CORE_READ(u, ns, child_reaper, tgid);
}

/* Does p have child processes (or ptraced tasks) listed? */
static __always_inline bool
has_children(struct task_struct *p)
{
	struct list_head	*head = __builtin_preserve_access_index(
				    &p->children);

	return BPF_CORE_READ(p, children.next) != head;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(fw_exit, struct task_struct *p)
{
	struct fwb_exit		*r;
	struct signal_struct	*sig;
	struct task_struct	*exec_task;
	u32			 pid = BPF_CORE_READ(p, pid);

	if (!is_traced(pid))
		return 0;
	if (!cfg_system)
		bpf_map_delete_elem(&traced, &pid);
	bpf_map_delete_elem(&kthread_new, &pid);
	if ((r = reserve(sizeof *r)) == NULL)
		return 0;
	sig = BPF_CORE_READ(p, signal);
	hdr_fill(&r->h, FWB_EXIT, sizeof *r, p);
	r->exit_code = BPF_CORE_READ(p, exit_code);
	r->group_exit_code = BPF_CORE_READ(sig, group_exit_code);
	r->sig_flags = BPF_CORE_READ(sig, flags);
	r->task_flags = BPF_CORE_READ(p, flags);
	r->flags = 0;
	if (BPF_CORE_READ(sig, live.counter) == 0)
		r->flags |= FWB_EXIT_GROUP_DEAD;
	/* de_thread(): the leader dies so that another thread can take its
	 * place; the process lives on. */
	exec_task = BPF_CORE_READ(sig, group_exec_task);
	if (exec_task != NULL && exec_task != p)
		r->flags |= FWB_EXIT_EXEC_ZAP;
	if (parent_dying(p))
		r->flags |= FWB_EXIT_PARENT_DYING;
	r->reaper = 0;
	/* Only the last task's matters: the others' children go to
	 * another thread of their process. */
	if (has_children(p))
		r->reaper = new_reaper(p);
	r->utime = BPF_CORE_READ(p, utime);
	r->stime = BPF_CORE_READ(p, stime);
	r->runtime = BPF_CORE_READ(p, se.sum_exec_runtime);
	r->cutime = BPF_CORE_READ(sig, cutime);
	r->cstime = BPF_CORE_READ(sig, cstime);
	r->maxrss = BPF_CORE_READ(sig, maxrss);
	r->cmaxrss = BPF_CORE_READ(sig, cmaxrss);
	BPF_CORE_READ_STR_INTO(&r->comm, p, comm);
	bpf_ringbuf_submit(r, wake_flags());
	return 0;
}

static __always_inline void
signal_record(struct task_struct *t, int sig, int code, u32 sender,
    u32 flags)
{
	struct fwb_signal	*r;

	if ((r = reserve(sizeof *r)) == NULL)
		return;
	hdr_fill(&r->h, FWB_SIGNAL, sizeof *r, t);
	r->sig = sig;
	r->si_code = code;
	r->sender = sender;
	r->flags = flags;
	bpf_ringbuf_submit(r, wake_flags());
}

/* A signal dequeued by the task that takes it (what ptrace reports as a
 * signal-delivery stop). SIGKILL is not reported (ptrace never is). */
SEC("tp_btf/signal_deliver")
int BPF_PROG(fw_signal_deliver, int sig, struct kernel_siginfo *info,
    struct k_sigaction *ka)
{
	struct task_struct	*cur = bpf_get_current_task_btf();
	u32			 flags = FWB_SIG_DELIVERED;

	if (sig == SIGKILL || !is_traced(BPF_CORE_READ(cur, pid)))
		return 0;
	if (BPF_CORE_READ(ka, sa.sa_handler) == NULL)
		flags |= FWB_SIG_DFL;
	signal_record(cur, sig, BPF_CORE_READ(info, si_code),
	    BPF_CORE_READ(info, _sifields._kill._pid), flags);
	return 0;
}

/* A signal sent to a traced task. Reported when it will never reach
 * signal_deliver, where ptrace would still have stopped the task with it:
 * when the kernel dropped it as ignored, and when it kills the process at
 * once (a fatal signal with the default action: the kernel turns it into
 * SIGKILL for every thread when it is sent). And SIGCONT, which ends a
 * group-stop when it is sent, not when it is delivered. */
SEC("tp_btf/signal_generate")
int BPF_PROG(fw_signal_generate, int sig, struct kernel_siginfo *info,
    struct task_struct *task, int group, int result)
{
	struct task_struct	*cur;
	u32			 flags, sender = 0;
	int			 code = 0;

	struct signal_struct	*ss;

	if (sig == SIGKILL || (result != TRACE_SIGNAL_IGNORED &&
	    result != TRACE_SIGNAL_DELIVERED))
		return 0;
	if (!is_traced(BPF_CORE_READ(task, pid)))
		return 0;
	ss = BPF_CORE_READ(task, signal);
	/* A process being killed takes no signal but its SIGKILL. */
	if (result == TRACE_SIGNAL_IGNORED &&
	    (BPF_CORE_READ(ss, flags) & SIGNAL_GROUP_EXIT))
		return 0;
	if (result == TRACE_SIGNAL_IGNORED)
		flags = FWB_SIG_IGNORED;
	else if ((BPF_CORE_READ(ss, flags) & SIGNAL_GROUP_EXIT) &&
	    BPF_CORE_READ(ss, group_exit_code) == sig)
		flags = FWB_SIG_FATAL;
	else if (sig == SIGCONT)
		flags = FWB_SIG_SENT;
	else
		return 0;
	if (info == NULL) {
		/* SEND_SIG_NOINFO: as from kill(2) by the current task. */
		cur = bpf_get_current_task_btf();
		sender = BPF_CORE_READ(cur, tgid);
	} else if (bpf_core_read(&code, sizeof code, &info->si_code) != 0) {
		code = 0x80;	/* SEND_SIG_PRIV: SI_KERNEL */
	} else {
		sender = BPF_CORE_READ(info, _sifields._kill._pid);
	}
	signal_record(task, sig, code, sender, flags);
	return 0;
}

/* A thread the kernel made gets its name after copy_process(): a kernel
 * thread from kthread_create()'s caller, an io_uring worker from itself. */
SEC("tp_btf/task_rename")
int BPF_PROG(fw_task_rename, struct task_struct *task, const char *comm)
{
	struct fwb_rename	*r;
	u32			 pid = BPF_CORE_READ(task, pid);

	if (bpf_map_lookup_elem(&kthread_new, &pid) == NULL)
		return 0;
	/* A worker's name is all we wait for. */
	if (!(BPF_CORE_READ(task, flags) & PF_KTHREAD))
		bpf_map_delete_elem(&kthread_new, &pid);
	if ((r = reserve(sizeof *r)) == NULL)
		return 0;
	hdr_fill(&r->h, FWB_RENAME, sizeof *r, task);
	bpf_probe_read_kernel_str(r->comm, sizeof r->comm, comm);
	bpf_ringbuf_submit(r, wake_flags());
	return 0;
}

/* --system: a new kernel thread's first wake-up (kthread_run, or a later
 * wake_up_process after kthread_create left it asleep). */
SEC("tp_btf/sched_wakeup")
int BPF_PROG(fw_wakeup, struct task_struct *p)
{
	struct fwb_hdr	*r;
	u32		 pid;

	if (!(BPF_CORE_READ(p, flags) & PF_KTHREAD))
		return 0;
	pid = BPF_CORE_READ(p, pid);
	if (bpf_map_lookup_elem(&kthread_new, &pid) == NULL)
		return 0;
	bpf_map_delete_elem(&kthread_new, &pid);
	if ((r = reserve(sizeof *r)) == NULL)
		return 0;
	hdr_fill(r, FWB_WAKE, sizeof *r, p);
	bpf_ringbuf_submit(r, wake_flags());
	return 0;
}
