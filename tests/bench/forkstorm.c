/* forkstorm.c - workloads for the forkwatch benchmark (tests/bench/run.sh).
 *
 *   forkstorm exec N [PROG]   N times: fork, exec PROG (default /bin/true),
 *                             wait for it
 *   forkstorm threads N [W]   create and join N threads, W alive at a time
 *                             (default 100)
 *   forkstorm tree N [F]      a tree of N processes, each with up to F
 *                             children (default 10), all alive at once;
 *                             released together once the last one started
 *   forkstorm cpu CMD [ARG...]
 *                             run CMD, then print the CPU seconds CMD's own
 *                             process used (not its children's, which a
 *                             tracer reaps) and its peak RSS in kB:
 *                             "cpu=S rss_kb=K" on stderr
 *
 * Each prints nothing on success and exits 0; any failure exits 1 with a
 * message. Timing is done by the caller, so tracer start-up and tear-down
 * count too. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *) __attribute__((noreturn));

static void
die(const char *what)
{
	fprintf(stderr, "forkstorm: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long
num(const char *s, const char *what)
{
	char	*end;
	long	 v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v <= 0) {
		fprintf(stderr, "forkstorm: bad %s '%s'\n", what, s);
		exit(2);
	}
	return v;
}

/* Wait for one child; exit 1 unless it exited 0. */
static void
reap(pid_t pid)
{
	int	 status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			die("waitpid");
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "forkstorm: child %d failed (status 0x%x)\n",
		    (int)pid, status);
		exit(1);
	}
}

static int
storm_exec(long n, const char *prog)
{
	pid_t	 pid;
	long	 i;

	for (i = 0; i < n; i++) {
		if ((pid = fork()) < 0)
			die("fork");
		if (pid == 0) {
			execl(prog, prog, (char *)NULL);
			_exit(127);
		}
		reap(pid);
	}
	return 0;
}

static void *
thread_body(void *arg)
{
	return arg;
}

static int
storm_threads(long n, long wave)
{
	pthread_t	*t = calloc((size_t)wave, sizeof *t);
	pthread_attr_t	 attr;
	long		 done = 0, i, k;
	int		 e;

	if (t == NULL)
		die("calloc");
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	while (done < n) {
		k = n - done < wave ? n - done : wave;
		for (i = 0; i < k; i++) {
			if ((e = pthread_create(&t[i], &attr, thread_body,
			    NULL)) != 0) {
				errno = e;
				die("pthread_create");
			}
		}
		for (i = 0; i < k; i++)
			pthread_join(t[i], NULL);
		done += k;
	}
	free(t);
	return 0;
}

/* Node idx of the tree: start its children, say "started", wait for the
 * release (EOF on the go pipe), then reap the children. */
static void
tree_node(long idx, long n, long fanout, int started_fd, int go_fd)
{
	pid_t	 kids[64];
	long	 c, first = idx * fanout + 1, nk = 0;
	char	 b = 'x';

	for (c = first; c < first + fanout && c < n; c++) {
		if ((kids[nk] = fork()) < 0)
			die("fork");
		if (kids[nk] == 0) {
			tree_node(c, n, fanout, started_fd, go_fd);
			_exit(0);
		}
		nk++;
	}
	if (write(started_fd, &b, 1) != 1)
		die("write");
	while (read(go_fd, &b, 1) < 0 && errno == EINTR)
		;
	while (nk > 0)
		reap(kids[--nk]);
}

static int
storm_tree(long n, long fanout)
{
	int	 started[2], go[2];
	pid_t	 root;
	long	 seen = 0;
	ssize_t	 r;
	char	 buf[4096];

	if (fanout > 64)
		fanout = 64;
	if (pipe(started) != 0 || pipe(go) != 0)
		die("pipe");
	if ((root = fork()) < 0)
		die("fork");
	if (root == 0) {
		close(started[0]);
		close(go[1]);
		tree_node(0, n, fanout, started[1], go[0]);
		_exit(0);
	}
	close(started[1]);
	close(go[0]);
	/* Every node holds started[1]: count bytes, not EOF. */
	while (seen < n) {
		r = read(started[0], buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			die("read");
		seen += r;
	}
	close(go[1]);	/* everyone sees EOF: release the tree */
	reap(root);
	return 0;
}

/* Run argv; once it is a zombie (waitid WNOWAIT), read its own CPU time
 * from /proc/PID/stat and its VmHWM from /proc/PID/status... which a zombie
 * no longer has, so the peak RSS comes from wait4's rusage instead. */
static int
cpu_of(char **argv)
{
	char		 path[64], buf[4096], *p;
	unsigned long	 ut = 0, st = 0;
	siginfo_t	 si;
	struct rusage	 ru;
	pid_t		 pid;
	int		 fd, status, i;
	ssize_t		 n;

	if ((pid = fork()) < 0)
		die("fork");
	if (pid == 0) {
		execvp(argv[0], argv);
		die(argv[0]);
	}
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) < 0) {
		if (errno != EINTR)
			die("waitid");
	}
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((fd = open(path, O_RDONLY)) < 0)
		die(path);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	/* Fields after the last ')': state is field 3, utime 14, stime 15. */
	if ((p = strrchr(buf, ')')) != NULL) {
		p++;
		for (i = 3; i < 14 && p != NULL; i++)
			p = strchr(p + 1, ' ');
		if (p != NULL)
			sscanf(p, " %lu %lu", &ut, &st);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait4");
	fprintf(stderr, "cpu=%.3f rss_kb=%ld\n",
	    (double)(ut + st) / (double)sysconf(_SC_CLK_TCK), ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int
main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "cpu") == 0)
		return cpu_of(argv + 2);
	if (argc >= 3 && strcmp(argv[1], "exec") == 0)
		return storm_exec(num(argv[2], "count"),
		    argc > 3 ? argv[3] : "/bin/true");
	if (argc >= 3 && strcmp(argv[1], "threads") == 0)
		return storm_threads(num(argv[2], "count"),
		    argc > 3 ? num(argv[3], "wave") : 100);
	if (argc >= 3 && strcmp(argv[1], "tree") == 0)
		return storm_tree(num(argv[2], "count"),
		    argc > 3 ? num(argv[3], "fanout") : 10);
	fprintf(stderr, "usage: forkstorm exec N [PROG] | threads N [WAVE] | "
	    "tree N [FANOUT] | cpu CMD [ARG...]\n");
	return 2;
}
