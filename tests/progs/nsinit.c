/* nsinit: run as the first process of a new pid namespace (unshare -pf):
 * writes its pids as it sees them. "init PID" (1), "thread TID" for a
 * thread it makes and joins, "child PID PPID" from a child, which sends
 * it SIGUSR1 and exits 5; then "reaped STATUS". */
#include "tprog.h"

#include <pthread.h>

static volatile sig_atomic_t	 got;

static void
on_usr1(int sig)
{
	(void)sig;
	got = 1;
}

static void *
thread_main(void *arg)
{
	(void)arg;
	tp_out("thread %d", (int)tp_gettid());
	return NULL;
}

int
main(void)
{
	pthread_t	 th;
	sigset_t	 set, old;
	pid_t		 pid;
	int		 st;

	tp_out("init %d", (int)getpid());
	if (pthread_create(&th, NULL, thread_main, NULL) != 0 ||
	    pthread_join(th, NULL) != 0)
		tp_die("thread");
	signal(SIGUSR1, on_usr1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	if ((pid = fork()) < 0)
		tp_die("fork");
	if (pid == 0) {
		tp_out("child %d %d", (int)getpid(), (int)getppid());
		kill(getppid(), SIGUSR1);
		_exit(5);
	}
	while (!got)
		sigsuspend(&old);
	if (waitpid(pid, &st, 0) != pid)
		tp_die("waitpid");
	tp_out("reaped %d", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}
