/* iouring.c - makes the kernel create threads inside this process with
 * io_uring, through the raw system calls (no liburing), for
 * tests/iouring.test:
 *
 *   iouring probe         exit 0 when io_uring works here, 77 with the
 *                         reason when it does not (io_uring_disabled, or
 *                         io_uring_setup fails); run untraced.
 *   iouring sqpoll GO     a ring with IORING_SETUP_SQPOLL: the kernel makes
 *                         the SQ thread "iou-sqp-PID"; a NOP goes through
 *                         it. Then waits for a byte on fifo GO, closes the
 *                         ring, waits until the thread is gone, waits for
 *                         a second byte, and exits 0.
 *   iouring iowq GO       a READ of a pipe with IOSQE_ASYNC: the kernel
 *                         makes an io-wq worker "iou-wrk-PID", which blocks
 *                         in the read. Waits for a byte on GO, writes the
 *                         pipe, reaps the completion, and exits 0 (the
 *                         worker ends with the process).
 *   iouring hold GO       like iowq, but the worker is made before the
 *                         first byte on GO and the process waits for a
 *                         second one before the write (for -p attach).
 *
 * Lines to $FWTEST_OUT: "pid P", "sqp TID" / "wrk TID" (the kernel-made
 * threads, found by their comm in /proc/self/task), "nop RES" / "read
 * RES BYTE" (the io_uring work completed), "gone TID" (the SQ thread has
 * exited), "ready" (it waits for GO). Exit 99 on an unexpected error. */
#include "tprog.h"

#include <dirent.h>
#include <stdbool.h>
#include <linux/io_uring.h>
#include <poll.h>
#include <sys/mman.h>

struct ring {
	int			 fd;
	void			*sq, *cq;	/* the mappings, and their sizes */
	size_t			 sqsz, cqsz, sqesz;
	unsigned		*sq_tail, *sq_mask, *sq_array, *sq_flags;
	unsigned		*cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe	*sqes;
	struct io_uring_cqe	*cqes;
};

static int
sys_setup(unsigned entries, struct io_uring_params *p)
{
	return (int)syscall(__NR_io_uring_setup, entries, p);
}

static int
sys_enter(int fd, unsigned submit, unsigned wait, unsigned flags)
{
	return (int)syscall(__NR_io_uring_enter, fd, submit, wait, flags,
	    NULL, 0);
}

/* Set up a ring of 4 entries with flags and map it. -errno on failure. */
static int
ring_open(struct ring *r, unsigned flags)
{
	struct io_uring_params	 p;
	size_t			 sqsz, cqsz;
	char			*sq, *cq;

	memset(&p, 0, sizeof p);
	p.flags = flags;
	p.sq_thread_idle = 60000;	/* ms: it never sleeps during a test */
	if ((r->fd = sys_setup(4, &p)) < 0)
		return -errno;
	sqsz = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	cqsz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	if ((p.features & IORING_FEAT_SINGLE_MMAP) && cqsz > sqsz)
		sqsz = cqsz;
	sq = mmap(NULL, sqsz, PROT_READ | PROT_WRITE, MAP_SHARED |
	    MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
	if (sq == MAP_FAILED)
		return -errno;
	cq = sq;
	if (!(p.features & IORING_FEAT_SINGLE_MMAP)) {
		cq = mmap(NULL, cqsz, PROT_READ | PROT_WRITE, MAP_SHARED |
		    MAP_POPULATE, r->fd, IORING_OFF_CQ_RING);
		if (cq == MAP_FAILED)
			return -errno;
	}
	r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd,
	    IORING_OFF_SQES);
	if (r->sqes == MAP_FAILED)
		return -errno;
	r->sq = sq;
	r->cq = cq;
	r->sqsz = sqsz;
	r->cqsz = cqsz;
	r->sqesz = p.sq_entries * sizeof(struct io_uring_sqe);
	r->sq_tail = (unsigned *)(sq + p.sq_off.tail);
	r->sq_mask = (unsigned *)(sq + p.sq_off.ring_mask);
	r->sq_array = (unsigned *)(sq + p.sq_off.array);
	r->sq_flags = (unsigned *)(sq + p.sq_off.flags);
	r->cq_head = (unsigned *)(cq + p.cq_off.head);
	r->cq_tail = (unsigned *)(cq + p.cq_off.tail);
	r->cq_mask = (unsigned *)(cq + p.cq_off.ring_mask);
	r->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	return 0;
}

/* Unmap and close the ring: the mappings hold the ring's file too, so
 * only then does the kernel tear it down (and stop its SQ thread). */
static void
ring_close(struct ring *r)
{
	munmap(r->sqes, r->sqesz);
	if (r->cq != r->sq)
		munmap(r->cq, r->cqsz);
	munmap(r->sq, r->sqsz);
	close(r->fd);
}

/* Queue one SQE (made by the caller in *sqe) and publish it. */
static void
ring_push(struct ring *r, const struct io_uring_sqe *sqe)
{
	unsigned	 tail = *r->sq_tail, i = tail & *r->sq_mask;

	r->sqes[i] = *sqe;
	r->sq_array[i] = i;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
}

/* Wait for one completion and return its result. */
static int
ring_reap(struct ring *r, unsigned enter_flags)
{
	unsigned	 head;
	int		 res;

	for (;;) {
		head = *r->cq_head;
		if (head != __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE))
			break;
		if (sys_enter(r->fd, 0, 1, IORING_ENTER_GETEVENTS |
		    enter_flags) < 0 && errno != EINTR)
			tp_die("io_uring_enter getevents");
	}
	res = r->cqes[head & *r->cq_mask].res;
	__atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
	return res;
}

/* The tids of this process's threads whose comm starts with prefix. */
static int
find_threads(const char *prefix, pid_t *out, int max)
{
	char		 path[300], comm[32];
	DIR		*d;
	struct dirent	*de;
	FILE		*f;
	int		 n = 0;

	if ((d = opendir("/proc/self/task")) == NULL)
		tp_die("opendir /proc/self/task");
	while ((de = readdir(d)) != NULL && n < max) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "/proc/self/task/%s/comm",
		    de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(comm, sizeof comm, f) != NULL &&
		    strncmp(comm, prefix, strlen(prefix)) == 0)
			out[n++] = (pid_t)atoi(de->d_name);
		fclose(f);
	}
	closedir(d);
	return n;
}

/* Wait until a kernel-made thread with that comm prefix exists (the
 * kernel may make it on the way back to user space). */
static int
wait_threads(const char *prefix, pid_t *out, int max)
{
	int	 n, i;

	for (i = 0; i < 20000; i++) {
		if ((n = find_threads(prefix, out, max)) > 0)
			return n;
		poll(NULL, 0, 1);
	}
	errno = ETIMEDOUT;
	tp_die("no %s thread appeared", prefix);
}

static void
wait_gone(pid_t tid)
{
	char	 path[64];
	int	 i;

	snprintf(path, sizeof path, "/proc/self/task/%d", (int)tid);
	for (i = 0; i < 20000; i++) {
		if (access(path, F_OK) != 0)
			return;
		poll(NULL, 0, 1);
	}
	errno = ETIMEDOUT;
	tp_die("thread %d did not exit", (int)tid);
}

static int
open_go(const char *path)
{
	int	 fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		tp_die("open %s", path);
	return fd;
}

static void
wait_go(int fd)
{
	tp_out("ready");
	if (tp_wait_fd(fd) != 1) {
		errno = EPIPE;
		tp_die("no go");
	}
}

static int
do_probe(void)
{
	struct io_uring_params	 p;
	FILE			*f;
	int			 dis = 0, fd;

	if ((f = fopen("/proc/sys/kernel/io_uring_disabled", "r")) != NULL) {
		if (fscanf(f, "%d", &dis) != 1)
			dis = 0;
		fclose(f);
	}
	if (dis == 2) {
		printf("io_uring is disabled (kernel.io_uring_disabled=2)\n");
		return 77;
	}
	memset(&p, 0, sizeof p);
	if ((fd = sys_setup(1, &p)) < 0) {
		printf("io_uring_setup fails: %s%s\n", strerror(errno),
		    dis == 1 ? " (kernel.io_uring_disabled=1)" : "");
		return 77;
	}
	close(fd);
	memset(&p, 0, sizeof p);
	p.flags = IORING_SETUP_SQPOLL;
	if ((fd = sys_setup(1, &p)) < 0) {
		printf("io_uring_setup(IORING_SETUP_SQPOLL) fails: %s\n",
		    strerror(errno));
		return 77;
	}
	close(fd);
	return 0;
}

static int
do_sqpoll(const char *go)
{
	struct ring		 r;
	struct io_uring_sqe	 sqe;
	pid_t			 tid[4];
	int			 gofd, n, err;

	gofd = open_go(go);
	if ((err = ring_open(&r, IORING_SETUP_SQPOLL)) != 0) {
		errno = -err;
		tp_die("io_uring_setup sqpoll");
	}
	if ((n = wait_threads("iou-sqp-", tid, 4)) != 1) {
		errno = EEXIST;
		tp_die("%d SQ threads", n);
	}
	tp_out("sqp %d", (int)tid[0]);
	/* A NOP through the SQ thread: it picks the entry up itself. */
	memset(&sqe, 0, sizeof sqe);
	sqe.opcode = IORING_OP_NOP;
	sqe.user_data = 1;
	ring_push(&r, &sqe);
	if (__atomic_load_n(r.sq_flags, __ATOMIC_ACQUIRE) &
	    IORING_SQ_NEED_WAKEUP)
		sys_enter(r.fd, 0, 0, IORING_ENTER_SQ_WAKEUP);
	tp_out("nop %d", ring_reap(&r, 0));
	wait_go(gofd);
	ring_close(&r);
	wait_gone(tid[0]);
	tp_out("gone %d", (int)tid[0]);
	wait_go(gofd);
	return 0;
}

static int
do_iowq(const char *go, bool hold)
{
	struct ring		 r;
	struct io_uring_sqe	 sqe;
	pid_t			 tid[8];
	int			 gofd, p[2], n, i, err, res;
	char			 buf[4] = "", byte = 'k';

	gofd = open_go(go);
	tp_pipe(p);
	if ((err = ring_open(&r, 0)) != 0) {
		errno = -err;
		tp_die("io_uring_setup");
	}
	/* IOSQE_ASYNC: not even tried inline, handed to an io-wq worker,
	 * which blocks in the read until the pipe has data. */
	memset(&sqe, 0, sizeof sqe);
	sqe.opcode = IORING_OP_READ;
	sqe.flags = IOSQE_ASYNC;
	sqe.fd = p[0];
	sqe.addr = (uint64_t)(uintptr_t)buf;
	sqe.len = 1;
	sqe.off = (uint64_t)-1;
	sqe.user_data = 2;
	ring_push(&r, &sqe);
	if (sys_enter(r.fd, 1, 0, 0) != 1)
		tp_die("io_uring_enter submit");
	n = wait_threads("iou-wrk-", tid, 8);
	for (i = 0; i < n; i++)
		tp_out("wrk %d", (int)tid[i]);
	wait_go(gofd);
	if (hold)
		wait_go(gofd);
	if (write(p[1], &byte, 1) != 1)
		tp_die("write pipe");
	res = ring_reap(&r, 0);
	tp_out("read %d %c", res, buf[0] != '\0' ? buf[0] : '-');
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "probe") == 0)
		return do_probe();
	if (argc != 3) {
		fprintf(stderr, "usage: iouring probe | sqpoll|iowq|hold "
		    "GO-FIFO\n");
		return 2;
	}
	tp_out("pid %d", (int)getpid());
	if (strcmp(argv[1], "sqpoll") == 0)
		return do_sqpoll(argv[2]);
	if (strcmp(argv[1], "iowq") == 0)
		return do_iowq(argv[2], false);
	if (strcmp(argv[1], "hold") == 0)
		return do_iowq(argv[2], true);
	fprintf(stderr, "iouring: unknown mode %s\n", argv[1]);
	return 2;
}
