/* signals: deaths by signal and signals handled (argv[1]):
 *   segv LIMIT   set RLIMIT_CORE to LIMIT bytes, then write to NULL
 *   kill         fork a child that blocks; SIGKILL it, check the status;
 *                then SIGKILL ourselves
 *   sigchld N    fork N children one at a time; a SIGCHLD handler counts;
 *                each child is reaped only after its SIGCHLD was handled;
 *                exit with the count
 *   usr1         a child sends SIGUSR1 to us; exit 0 if our handler ran
 * Side file: "root PID", "child PID", "status PID ...", "handled N". */
#include "tprog.h"

#include <signal.h>
#include <sys/resource.h>

static volatile sig_atomic_t	 nchld, nusr1;

static void
on_chld(int sig)
{
	(void)sig;
	nchld++;
}

static void
on_usr1(int sig)
{
	(void)sig;
	nusr1++;
}

static void
handle(int sig, void (*fn)(int))
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL) != 0)
		tp_die("sigaction");
}

int
main(int argc, char **argv)
{
	struct rlimit	 rl;
	sigset_t	 block, old;
	char		 buf[64];
	pid_t		 pid;
	int		 p[2], st, i, n;

	if (argc < 2)
		tp_die("usage: signals MODE [ARG]");
	tp_out("root %d", (int)getpid());
	if (strcmp(argv[1], "segv") == 0 && argc == 3) {
		rl.rlim_cur = rl.rlim_max = strtoul(argv[2], NULL, 10);
		if (setrlimit(RLIMIT_CORE, &rl) != 0)
			tp_die("setrlimit");
		*(volatile int *)(uintptr_t)0 = 1;
		return 98;
	}
	if (strcmp(argv[1], "kill") == 0) {
		tp_pipe(p);
		if ((pid = fork()) < 0)
			tp_die("fork");
		if (pid == 0) {
			close(p[1]);
			tp_wait_fd(p[0]);
			_exit(97);
		}
		tp_out("child %d", (int)pid);
		kill(pid, SIGKILL);
		st = tp_waitpid(pid, 0);
		tp_out("status %d %s", (int)pid, tp_status(st, buf, sizeof buf));
		if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
			tp_die("child not killed: %s",
			    tp_status(st, buf, sizeof buf));
		raise(SIGKILL);
		return 98;
	}
	if (strcmp(argv[1], "sigchld") == 0 && argc == 3) {
		n = atoi(argv[2]);
		handle(SIGCHLD, on_chld);
		sigemptyset(&block);
		sigaddset(&block, SIGCHLD);
		sigprocmask(SIG_BLOCK, &block, &old);
		for (i = 0; i < n; i++) {
			if ((pid = fork()) < 0)
				tp_die("fork");
			if (pid == 0)
				_exit(0);
			tp_out("child %d", (int)pid);
			/* One SIGCHLD per child: wait for the handler before
			 * reaping, so no two signals merge. */
			while (nchld < i + 1)
				sigsuspend(&old);
			st = tp_waitpid(pid, 0);
			tp_out("status %d %s", (int)pid,
			    tp_status(st, buf, sizeof buf));
		}
		tp_out("handled %d", (int)nchld);
		return nchld;
	}
	if (strcmp(argv[1], "usr1") == 0) {
		handle(SIGUSR1, on_usr1);
		sigemptyset(&block);
		sigaddset(&block, SIGUSR1);
		sigprocmask(SIG_BLOCK, &block, &old);
		if ((pid = fork()) < 0)
			tp_die("fork");
		if (pid == 0) {
			kill(getppid(), SIGUSR1);
			_exit(0);
		}
		tp_out("child %d", (int)pid);
		while (nusr1 == 0)
			sigsuspend(&old);
		tp_waitpid(pid, 0);
		tp_out("handled %d", (int)nusr1);
		return nusr1 == 1 ? 0 : 1;
	}
	tp_die("unknown mode %s", argv[1]);
}
