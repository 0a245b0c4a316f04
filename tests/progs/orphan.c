/* orphan: a double-forking daemon. The root R forks M; M forks G and
 * exits 0; R reaps M and exits 0. G waits until M is gone and it has been
 * reparented, then until R has exited and been reaped, then execs this
 * program as "orphan grand" which exits 7. A tracer must follow G to the
 * end although the root is gone. Handshakes: pipe EOFs, then bounded
 * polls of getppid()/kill(R, 0) with sched_yield (no sleeps).
 * Side file: "root PID", "mid PID", "grand PID", "reparented PPID",
 * "execd PID". */
#include "tprog.h"

#include <sched.h>
#include <signal.h>
#include <time.h>

static double
now(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	int	 rootp[2], midp[2];
	pid_t	 r, m, g;
	double	 t0;

	if (argc == 2 && strcmp(argv[1], "grand") == 0) {
		tp_out("execd %d", (int)getpid());
		return 7;
	}
	r = getpid();
	tp_out("root %d", (int)r);
	tp_pipe(rootp);
	tp_pipe(midp);
	if ((m = fork()) < 0)
		tp_die("fork");
	if (m == 0) {
		m = getpid();
		close(rootp[1]);
		if ((g = fork()) < 0)
			tp_die("fork");
		if (g == 0) {
			close(midp[1]);
			tp_wait_fd(midp[0]);		/* M's files are closed */
			for (t0 = now(); getppid() == m; sched_yield())
				if (now() - t0 > 20)
					tp_die("never reparented");
			tp_out("reparented %d", (int)getppid());
			tp_wait_fd(rootp[0]);		/* R's files are closed */
			for (t0 = now(); kill(r, 0) == 0; sched_yield())
				if (now() - t0 > 20)
					tp_die("root never reaped");
			execl("/proc/self/exe", "orphan", "grand", (char *)NULL);
			tp_die("execl");
		}
		tp_out("grand %d", (int)g);
		_exit(0);
	}
	close(midp[1]);
	tp_out("mid %d", (int)m);
	if (!WIFEXITED(tp_waitpid(m, 0)))
		tp_die("mid");
	return 0;
}
