/* kill-child: tracees killed at awkward moments (argv[1]):
 *   early N     N times: fork, and SIGKILL the child at once (its first
 *               stop may be its exit)
 *   exiting N   N times: the child _exit(5)s while we SIGKILL it
 *   stopped     the child raise(SIGSTOP)s; once we see it stopped, SIGKILL
 *   vfork       A vforks B; B SIGKILLs A (blocked in vfork), exits 6
 *   forker N    N times: a child forking as fast as it can is SIGKILLed
 *   threads     a child with 4 blocked threads is SIGKILLed
 * Every status we reap goes to the side file: "status PID code N" or
 * "status PID signal N". Exit 0. */
#include "tprog.h"

#include <pthread.h>
#include <signal.h>

static int	 tpipe[2];

static void *
blocker(void *arg)
{
	(void)arg;
	tp_wait_fd(tpipe[0]);
	return NULL;
}

static void
reap(pid_t pid, int flags)
{
	char	 buf[64];
	int	 st = tp_waitpid(pid, flags);

	tp_out("status %d %s", (int)pid, tp_status(st, buf, sizeof buf));
}

int
main(int argc, char **argv)
{
	pthread_t	 th;
	pid_t		 pid, a;
	int		 i, n, st, p[2];

	if (argc < 2)
		tp_die("usage: kill-child MODE [N]");
	n = argc > 2 ? atoi(argv[2]) : 1;
	tp_out("root %d", (int)getpid());
	if (strcmp(argv[1], "early") == 0 || strcmp(argv[1], "exiting") == 0) {
		for (i = 0; i < n; i++) {
			if ((pid = fork()) < 0)
				tp_die("fork");
			if (pid == 0) {
				if (strcmp(argv[1], "exiting") == 0)
					_exit(5);
				for (;;)
					pause();
			}
			kill(pid, SIGKILL);
			reap(pid, 0);
		}
		return 0;
	}
	if (strcmp(argv[1], "stopped") == 0) {
		if ((pid = fork()) < 0)
			tp_die("fork");
		if (pid == 0) {
			raise(SIGSTOP);
			_exit(97);
		}
		st = tp_waitpid(pid, WUNTRACED);
		if (!WIFSTOPPED(st))
			tp_die("not stopped: %#x", st);
		kill(pid, SIGKILL);
		reap(pid, 0);
		return 0;
	}
	if (strcmp(argv[1], "vfork") == 0) {
		if ((a = fork()) < 0)
			tp_die("fork");
		if (a == 0) {
			pid = vfork();
			if (pid == 0) {
				kill(getppid(), SIGKILL);
				_exit(6);
			}
			_exit(96);	/* not reached: killed in vfork */
		}
		reap(a, 0);
		return 0;
	}
	if (strcmp(argv[1], "forker") == 0) {
		/* N times: a child A forks as fast as it can (its children
		 * exit at once) and is SIGKILLed meanwhile, possibly while
		 * the tracer holds it at a fork event stop. */
		for (i = 0; i < n; i++) {
			tp_pipe(p);
			if ((a = fork()) < 0)
				tp_die("fork");
			if (a == 0) {
				close(p[0]);
				tp_post_fd(p[1]);
				for (;;) {
					if ((pid = fork()) == 0)
						_exit(0);
					while (waitpid(-1, NULL, WNOHANG) > 0)
						;
				}
			}
			close(p[1]);
			tp_wait_fd(p[0]);
			close(p[0]);
			for (st = 0; st < i * 1000; st++)
				__asm__ volatile("" ::: "memory");
			kill(a, SIGKILL);
			reap(a, 0);
		}
		return 0;
	}
	if (strcmp(argv[1], "threads") == 0) {
		tp_pipe(p);
		if ((pid = fork()) < 0)
			tp_die("fork");
		if (pid == 0) {
			close(p[0]);
			tp_pipe(tpipe);
			for (i = 0; i < 4; i++)
				if (pthread_create(&th, NULL, blocker, NULL) != 0)
					tp_die("pthread_create");
			tp_post_fd(p[1]);
			tp_wait_fd(tpipe[0]);
			_exit(95);
		}
		close(p[1]);
		tp_wait_fd(p[0]);
		kill(pid, SIGKILL);
		reap(pid, 0);
		return 0;
	}
	tp_die("unknown mode %s", argv[1]);
}
