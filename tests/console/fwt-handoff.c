/* fwt-handoff MODE ... - what a hand-off (detach, gdb) must not harm.
 *
 *   segv           write through a null pointer (SIGSEGV, default action)
 *   stop FIFO      raise(SIGSTOP); then as "wait"
 *   wait FIFO [N]  fork N children (default 0); the root and each child
 *                  append "ready PID" to $FWTEST_OUT once FIFO is open for
 *                  reading, read it to its end, append "done PID" and exit
 *                  0 (the root after its children)
 *   blocked FIFO   as "wait", with SIGINT blocked until FIFO's end (then a
 *                  SIGINT pending meanwhile arrives before "done")
 *
 * Every process catches SIGINT and appends "sigint PID code=C from=P"
 * (si_code, si_pid) to $FWTEST_OUT, then goes on: a test tells a SIGINT
 * it sent with kill(2) (code=0) from a terminal's (code=128, SI_KERNEL)
 * that must never arrive. Its standard fds go to /dev/null: it may outlive
 * forkwatch's output. */
#include <fcntl.h>

#include "fwt.h"

static int	 out_fd = -1;

/* Append s, or the decimal v, to buf at *n (async-signal-safe). */
static void
put_str(char *buf, size_t *n, size_t size, const char *s)
{
	while (*s != '\0' && *n < size)
		buf[(*n)++] = *s++;
}

static void
put_num(char *buf, size_t *n, size_t size, long v)
{
	char		 digits[24];
	unsigned long	 u = v < 0 ? (unsigned long)-v : (unsigned long)v;
	int		 k = 0;

	if (v < 0)
		put_str(buf, n, size, "-");
	do {
		digits[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	while (k > 0 && *n < size)
		buf[(*n)++] = digits[--k];
}

/* One line to $FWTEST_OUT, in one write(2). */
static void
note_line(const char *buf, size_t n)
{
	if (out_fd >= 0 && write(out_fd, buf, n) < 0)
		_exit(99);
}

static void
note(const char *what)
{
	char	 buf[64];
	size_t	 n = 0;

	put_str(buf, &n, sizeof buf - 1, what);
	put_str(buf, &n, sizeof buf - 1, " ");
	put_num(buf, &n, sizeof buf - 1, (long)getpid());
	buf[n++] = '\n';
	note_line(buf, n);
}

static void
on_int(int sig, siginfo_t *si, void *ctx)
{
	char	 buf[96];
	size_t	 n = 0;

	(void)sig;
	(void)ctx;
	put_str(buf, &n, sizeof buf - 1, "sigint ");
	put_num(buf, &n, sizeof buf - 1, (long)getpid());
	put_str(buf, &n, sizeof buf - 1, " code=");
	put_num(buf, &n, sizeof buf - 1, (long)si->si_code);
	put_str(buf, &n, sizeof buf - 1, " from=");
	put_num(buf, &n, sizeof buf - 1, (long)si->si_pid);
	buf[n++] = '\n';
	note_line(buf, n);
}

static void
drain(const char *path)
{
	char	 buf[64];
	ssize_t	 n;
	int	 fd;

	while ((fd = open(path, O_RDONLY)) < 0) {
		if (errno != EINTR)
			fwt_die("open");
	}
	note("ready");
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno != EINTR)
			fwt_die("read");
	}
	close(fd);
}

/* drain, then unblock SIGINT (a pending one arrives now), then "done". */
static void
drain_then(const char *path, const sigset_t *block)
{
	drain(path);
	sigprocmask(SIG_UNBLOCK, block, NULL);
	note("done");
}

int
main(int argc, char **argv)
{
	struct sigaction	 sa;
	sigset_t		 block;
	const char		*out = getenv("FWTEST_OUT");
	int			 i, fd, n;

	if (argc < 2) {
		fprintf(stderr, "usage: fwt-handoff segv | stop FIFO | wait "
		    "FIFO [N] | blocked FIFO\n");
		return 2;
	}
	if (out != NULL &&
	    (out_fd = open(out, O_WRONLY | O_APPEND | O_CREAT, 0644)) < 0)
		fwt_die(out);
	if ((fd = open("/dev/null", O_RDWR)) < 0)
		fwt_die("/dev/null");
	for (i = 0; i < 3; i++)
		dup2(fd, i);
	if (fd > 2)
		close(fd);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_int;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);

	if (strcmp(argv[1], "segv") == 0) {
		volatile int	*p = NULL;

		*p = 1;
		return 0;
	}
	if (argc < 3)
		return 2;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	if (strcmp(argv[1], "stop") == 0)
		raise(SIGSTOP);
	else if (strcmp(argv[1], "blocked") == 0)
		sigprocmask(SIG_BLOCK, &block, NULL);
	else if (strcmp(argv[1], "wait") != 0)
		return 2;
	n = argc > 3 ? atoi(argv[3]) : 0;
	for (i = 0; i < n; i++) {
		if (fwt_fork() == 0) {
			drain_then(argv[2], &block);
			_exit(0);
		}
	}
	drain_then(argv[2], &block);
	for (i = 0; i < n; i++)
		fwt_wait(-1);
	return 0;
}
