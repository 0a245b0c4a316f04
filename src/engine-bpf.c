/* engine-bpf.c - the eBPF backend: load forkwatch's eBPF program
 * (bpf/forkwatch.bpf.c, built into forkwatch as a bpftool skeleton), put
 * the tasks to trace into its traced set, and turn what it reports through
 * its ring buffer into events (engine-bpf-ev.c). No task is ever stopped:
 * the program only watches tracepoints, and the set decides in the kernel
 * which tasks are reported.
 *
 * Nothing outlives forkwatch: the program is not pinned, so its links and
 * maps go when forkwatch's file descriptors close, however it ends. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf/fwbpf.h"
#include "bpf/forkwatch.skel.h"
#include "engine-bpf.h"
#include "engine-int.h"
#include "procfs.h"

#define BPF_BUFFER_DEFAULT	(16u << 20)
#define FLUSH_EVERY		0.1	/* seconds between sink flushes */
#define CHECK_EVERY		1.0	/* look for vanished tasks after a loss */
#define LOOK_EVERY_MS		20	/* look at the ring buffer, woken or not */

/* libbpf's messages go to a buffer: the first warning explains a failed
 * load better than errno alone. */
static struct fw_buf	 libbpf_msgs;

static int
libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char	 line[512];

	if (level == LIBBPF_DEBUG)
		return 0;
	vsnprintf(line, sizeof line, fmt, ap);
	if (libbpf_msgs.len < 4096)
		fw_buf_adds(&libbpf_msgs, line);
	return 0;
}

/* Why the program cannot load, and what to do about it. */
static void
explain_load_error(struct engine *eng, int err)
{
	struct stat	 st;

	fw_buf_printf(&eng->err, "the eBPF backend cannot load its program: "
	    "%s", strerror(err));
	if (stat("/sys/kernel/btf/vmlinux", &st) != 0) {
		fw_buf_adds(&eng->err, " (this kernel has no BTF, "
		    "/sys/kernel/btf/vmlinux: it needs CONFIG_DEBUG_INFO_BTF; "
		    "use --backend=ptrace)");
		return;
	}
	if (err == EPERM || err == EACCES) {
		fw_buf_adds(&eng->err, " (it needs root, or CAP_BPF and "
		    "CAP_PERFMON; use --backend=ptrace otherwise)");
		return;
	}
	if (err == ENOENT || err == EINVAL || err == ESRCH ||
	    err == ENOTSUP || err == E2BIG) {
		fw_buf_adds(&eng->err, " (the kernel is too old or lacks a "
		    "tracepoint it needs: 5.17 or later with BTF; use "
		    "--backend=ptrace)");
		return;
	}
	fw_buf_adds(&eng->err, " (use --backend=ptrace)");
}

static int
ring_cb(void *arg, void *data, size_t size)
{
	return bpf_ev_record(arg, data, size);
}

/* The ring buffer size: a power of two of pages, at least 64 KiB. */
static size_t
ring_size(size_t want)
{
	size_t	 n = 64 * 1024;

	if (want == 0)
		want = BPF_BUFFER_DEFAULT;
	while (n < want && n < ((size_t)1 << 30))
		n <<= 1;
	return n;
}

static int
bpf_open(struct engine *eng)
{
	struct bpf_state	*b;
	struct epoll_event	 ee;
	size_t			 size;
	int			 r, ncpu;

	b = fw_calloc(1, sizeof *b);
	b->epfd = -1;
	b->ns_level = -1;
	eng->bpf = b;
	fw_buf_init(&libbpf_msgs);
	libbpf_set_print(libbpf_print);
	if ((b->skel = fwbpf__open()) == NULL) {
		explain_load_error(eng, errno);
		return -errno;
	}
	b->skel->rodata->cfg_system = eng->opts.system;
	b->skel->rodata->cfg_env = eng->opts.want_env;
	b->system = eng->opts.system;
	ncpu = libbpf_num_possible_cpus();
	if (ncpu <= 0)
		ncpu = 1;
	bpf_map__set_max_entries(b->skel->maps.scratch, (unsigned)ncpu);
	size = ring_size(eng->opts.bpf_buffer);
	bpf_map__set_max_entries(b->skel->maps.events, (unsigned)size);
	/* In batch mode the kernel wakes forkwatch for a batch of records
	 * (an eighth of the buffer), not for each; forkwatch looks every
	 * LOOK_EVERY_MS anyway, and at once when its program exits
	 * (SIGCHLD). A front end polling engine_fd() is woken for each. */
	if (eng->opts.lazy_wakeup)
		b->skel->rodata->cfg_wakeup_bytes = size / 8;
	/* Kernel threads' first runs matter with --system only. */
	bpf_program__set_autoload(b->skel->progs.fw_wakeup, eng->opts.system);
	if ((r = fwbpf__load(b->skel)) != 0 ||
	    (r = fwbpf__attach(b->skel)) != 0) {
		explain_load_error(eng, -r);
		return r;
	}
	b->set_fd = bpf_map__fd(b->skel->maps.traced);
	/* Loading parsed the kernel's BTF: give that memory back now, or
	 * the launched program would inherit it in its peak RSS (the kernel
	 * counts the forked mm's high-water mark into the process's). */
	malloc_trim(0);
	/* One fd to wait on: the ring buffer's (added by ring_open()) and
	 * SIGCHLD's (the launched program is forkwatch's child). */
	if ((b->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0)
		return -errno;
	memset(&ee, 0, sizeof ee);
	ee.events = EPOLLIN;
	ee.data.fd = eng->sigfd;
	if (epoll_ctl(b->epfd, EPOLL_CTL_ADD, eng->sigfd, &ee) != 0)
		return -errno;
	return 0;
}

/* Map the ring buffer. Not before the launched program is forked: its
 * pages would count in that program's peak RSS. Records wait in the
 * kernel meanwhile. */
static int
ring_open(struct engine *eng)
{
	struct bpf_state	*b = eng->bpf;
	struct epoll_event	 ee;
	int			 r;

	if (b->rb != NULL)
		return 0;
	b->rb = ring_buffer__new(bpf_map__fd(b->skel->maps.events), ring_cb,
	    eng, NULL);
	if (b->rb == NULL) {
		r = -errno;
		fw_buf_printf(&eng->err, "cannot map the eBPF ring buffer: %s",
		    strerror(-r));
		return r;
	}
	memset(&ee, 0, sizeof ee);
	ee.events = EPOLLIN;
	ee.data.fd = ring_buffer__epoll_fd(b->rb);
	if (epoll_ctl(b->epfd, EPOLL_CTL_ADD, ee.data.fd, &ee) != 0)
		return -errno;
	return 0;
}

static void
bpf_close(struct engine *eng)
{
	struct bpf_state	*b = eng->bpf;

	if (b == NULL)
		return;
	if (b->rb != NULL)
		ring_buffer__free(b->rb);
	if (b->skel != NULL)
		fwbpf__destroy(b->skel);
	if (b->epfd >= 0)
		close(b->epfd);
	bpf_proc_table_release(&b->procs);
	free(b->env);
	free(b->held);
	free(b->kthreads);
	free(b->reparents);
	free(b);
	eng->bpf = NULL;
	fw_buf_release(&libbpf_msgs);
}

/* Put a task into the traced set: from now on the kernel reports it and
 * every task it creates. */
static int
bpf_seize(struct engine *eng, pid_t tid, bool launched)
{
	struct bpf_state	*b = eng->bpf;
	uint32_t		 key = (uint32_t)tid;
	uint8_t			 one = 1;

	int			 r;

	(void)launched;
	if ((r = ring_open(eng)) != 0)
		return r;
	if (b->system)
		return 0;
	if (kill(tid, 0) != 0 && errno == ESRCH)
		return -ESRCH;
	if (bpf_map_update_elem(b->set_fd, &key, &one, BPF_ANY) != 0)
		return -errno;
	return 0;
}

/* The losses the kernel counted, folded into eng->events_lost. */
static void
update_lost(struct engine *eng)
{
	struct bpf_state	*b = eng->bpf;
	unsigned long		 n;

	n = (unsigned long)(b->skel->bss->counters[FWB_LOST] +
	    b->skel->bss->counters[FWB_SET_FULL]);
	eng->events_lost = n;
}

/* After a loss, a task's exit may never be reported: forget the tasks
 * that are gone from /proc, so the trace can end. */
static void
drop_vanished(struct engine *eng)
{
	struct fw_task	*t, *next;
	char		 path[300];
	struct stat	 st;

	for (t = eng->tasks.head; t != NULL; t = next) {
		next = t->all_next;
		if (t->state == TASK_DEAD)
			continue;
		snprintf(path, sizeof path, "%s/%d", eng->proc.root,
		    (int)t->tid);
		if (stat(path, &st) != 0 && errno == ENOENT) {
			if (t->tid == eng->root && eng->launched)
				eng->root_done = true;
			bpf_proc_del(&((struct bpf_state *)eng->bpf)->procs,
			    t->tgid);
			eng_task_gone(eng, t);
		}
	}
}

/* SIGCHLD: reap the launched program (forkwatch's only child). Its exit
 * record comes through the ring buffer; the status is wait's. */
static void
reap_root(struct engine *eng, bool block)
{
	struct bpf_state	*b = eng->bpf;
	int			 st;

	ptr_clear_fd(eng);
	if (!eng->launched || b->root_reaped)
		return;
	if (waitpid(eng->root, &st, block ? 0 : WNOHANG) == eng->root) {
		b->root_reaped = true;
		b->root_wstatus = st;
	}
}

/* Every record now in the ring buffer. */
static int
consume(struct engine *eng)
{
	struct bpf_state	*b = eng->bpf;
	int			 n;

	if (b->rb == NULL)
		return 0;
	n = ring_buffer__consume(b->rb);

	if (n > 0)
		eng->idle_polls = 0;
	return n;
}

static enum engine_result
bpf_run(struct engine *eng, bool block, const volatile sig_atomic_t *intr)
{
	struct bpf_state	*b = eng->bpf;
	struct epoll_event	 evs[4];
	double			 now, due;
	int			 n, timeout, i;

	eng->brk = false;
	for (;;) {
		if (intr != NULL && *intr)
			return ENGINE_INTR;
		if (consume(eng) < 0)
			return ENGINE_ERROR;
		update_lost(eng);
		if (eng->events_lost != b->lost_seen) {
			b->lost_seen = eng->events_lost;
			b->last_check = 0;
		}
		now = fw_now();
		if (b->lost_seen > 0 && now - b->last_check >= CHECK_EVERY) {
			b->last_check = now;
			drop_vanished(eng);
		}
		if (eng->tasks.count == 0 && !b->system) {
			reap_root(eng, true);
			if (b->root_reaped) {
				eng->root_done = true;
				eng->root_status = b->root_wstatus;
			}
			eng_flush(eng);
			return ENGINE_DONE;
		}
		if (eng->brk)
			return ENGINE_BREAK;
		if (now - eng->last_flush >= FLUSH_EVERY)
			eng_flush(eng);
		timeout = 0;
		if (b->nreparents > 0 && bpf_ev_reparents(eng, 0) > 0 &&
		    block) {
			/* The kernel moves a dead process's children right
			 * after its exit record: look again very soon. */
			timeout = 1;
		} else if (block) {
			/* Sleep until a batch of records or SIGCHLD comes,
			 * or it is time to look at the ring buffer anyway
			 * (the kernel does not wake us for every record). */
			due = eng->last_flush + FLUSH_EVERY - now;
			timeout = LOOK_EVERY_MS;
			if (eng->nevents != eng->flushed_events &&
			    (int)(due * 1000) + 1 < timeout)
				timeout = (int)(due * 1000) + 1;
			if (b->lost_seen > 0 && (timeout < 0 ||
			    timeout > (int)(CHECK_EVERY * 1000)))
				timeout = (int)(CHECK_EVERY * 1000);
		}
		n = epoll_wait(b->epfd, evs, FW_ARRAY_SIZE(evs), timeout);
		if (n < 0 && errno != EINTR) {
			fw_error(errno, "epoll_wait");
			return ENGINE_ERROR;
		}
		for (i = 0; i < n; i++) {
			if (evs[i].data.fd == eng->sigfd)
				reap_root(eng, false);
		}
		if (n == 0 && !block) {
			consume(eng);
			eng_flush(eng);
			return ENGINE_READY;
		}
	}
}

static int
bpf_fd(const struct engine *eng)
{
	return ((struct bpf_state *)eng->bpf)->epfd;
}

static void
bpf_clear_fd(struct engine *eng)
{
	(void)eng;	/* bpf_run() drains whatever made it readable */
}

/* Stop watching: every task still traced gets its detach line. */
static void
bpf_detach_all(struct engine *eng)
{
	struct bpf_state	*b = eng->bpf;
	struct fw_task		*t, *next;
	struct fw_event		 ev;
	uint32_t		 key;

	consume(eng);
	bpf_ev_flush_kthreads(eng);
	/* Threads first, as the log has them end before their leader. */
	for (int pass = 0; pass < 2; pass++) {
		for (t = eng->tasks.head; t != NULL; t = next) {
			next = t->all_next;
			if (t->state == TASK_DEAD ||
			    (pass == 0) != !task_is_leader(t))
				continue;
			if (!b->system) {
				key = (uint32_t)t->tid;
				bpf_map_delete_elem(b->set_fd, &key);
			}
			eng_event_init(eng, &ev, FW_EV_DETACH, t);
			if (ev.ts < eng->last_ts)
				ev.ts = eng->last_ts;
			eng_emit(eng, &ev);
			bpf_proc_del(&b->procs, t->tgid);
			eng_task_gone(eng, t);
		}
	}
	eng_flush(eng);
}

/* SIGKILL every traced process and let the exit records come. */
static void
bpf_kill_all(struct engine *eng)
{
	struct fw_task	*t;
	double		 deadline = fw_now() + 5;

	for (t = eng->tasks.head; t != NULL; t = t->all_next) {
		if (t->state != TASK_DEAD && task_is_leader(t) &&
		    !(t->flags & TF_THREAD))
			kill(t->tid, SIGKILL);
	}
	while (eng->tasks.count > 0 && fw_now() < deadline) {
		if (bpf_run(eng, false, NULL) == ENGINE_DONE)
			break;
		usleep(1000);
	}
	if (eng->tasks.count > 0)
		bpf_detach_all(eng);
}

#define PF_KTHREAD	0x00200000

/* --system: a kernel thread found at the start gets the kthread line its
 * kind has (not an attach line), without the times it was made and first
 * woken, which nobody saw. Returns false when pid is not one. */
static bool
system_kthread(struct engine *eng, pid_t pid)
{
	struct procfs_stat	 st;
	struct fw_task		*t;
	struct fw_event		 ev;

	if (procfs_read_stat(&eng->proc, pid, 0, &st) != 0 ||
	    !(st.flags & PF_KTHREAD) || task_find(&eng->tasks, pid) != NULL)
		return false;
	t = task_new(&eng->tasks, pid);
	t->state = TASK_RUNNING;
	t->flags |= TF_ATTACHED | TF_ROOT | TF_KTHREAD;
	t->pf_flags = st.flags;
	t->ppid = st.ppid;
	t->start_ts = engine_ts(eng);
	memcpy(t->comm, st.comm, sizeof t->comm - 1);
	t->comm[sizeof t->comm - 1] = '\0';
	task_link(task_find(&eng->tasks, st.ppid), t);
	eng_event_init(eng, &ev, FW_EV_KTHREAD, t);
	if (ev.ts < eng->last_ts)
		ev.ts = eng->last_ts;
	ev.comm = t->comm;
	ev.pf_flags = st.flags;
	ev.traced = true;
	ev.ppid = st.ppid;
	eng_emit(eng, &ev);
	return true;
}

static int
cmp_pid(const void *a, const void *b)
{
	pid_t	 x = *(const pid_t *)a, y = *(const pid_t *)b;

	return x < y ? -1 : x > y;
}

/* --system: every task of the machine, as attach lines (kernel threads
 * marked as such), then whatever the program reports. The program runs
 * already, so a task made during the listing is reported once: by its
 * creation record when /proc did not list it yet, else by its line. */
static int
bpf_watch_system(struct engine *eng)
{
	DIR		*d;
	struct dirent	*de;
	pid_t		*pids = NULL;
	size_t		 n = 0, i;
	int		 pid, r;

	if ((r = ring_open(eng)) != 0)
		return r;
	if ((d = opendir(eng->proc.root)) == NULL) {
		fw_buf_printf(&eng->err, "cannot list %s: %s", eng->proc.root,
		    strerror(errno));
		return -errno;
	}
	while ((de = readdir(d)) != NULL) {
		if (fw_parse_pid(de->d_name, &pid) != 0)
			continue;
		pids = fw_realloc(pids, (n + 1) * sizeof *pids);
		pids[n++] = (pid_t)pid;
	}
	closedir(d);
	/* Parents before children where pids have not wrapped: ascending. */
	qsort(pids, n, sizeof *pids, cmp_pid);
	for (i = 0; i < n; i++) {
		fw_buf_reset(&eng->err);
		if (!system_kthread(eng, pids[i]))
			engine_attach(eng, pids[i], false);
	}
	free(pids);
	fw_buf_reset(&eng->err);
	return 0;
}

const struct engine_backend eng_backend_bpf = {
	.name = "bpf",
	.open = bpf_open,
	.close = bpf_close,
	.seize = bpf_seize,
	.watch_system = bpf_watch_system,
	.run = bpf_run,
	.fd = bpf_fd,
	.clear_fd = bpf_clear_fd,
	.detach_all = bpf_detach_all,
	.kill_all = bpf_kill_all,
};
