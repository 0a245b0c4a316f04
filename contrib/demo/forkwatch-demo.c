/* forkwatch-demo.c - a small program with a known process story, to try
 * forkwatch on: `forkwatch contrib/demo/forkwatch-demo`.
 *
 * In order, one step at a time (each step ends before the next starts;
 * pipes and waits order everything, nothing sleeps):
 *   1. two threads, worker-1 and worker-2, alive together; worker-1 ends
 *      first, then main lets worker-2 end;
 *   2. a child that exits with status 3;
 *   3. a child that forks a grandchild, which execs this program again
 *      with the argument "grandchild";
 *   4. a vfork child that execs /bin/echo;
 *   5. a child that waits on a pipe until main kills it with SIGTERM.
 * Then it exits 0. Every step says what it does on stdout. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static const char	*self_argv0 = "forkwatch-demo";

/* Print one line: "demo[PID]: ...", unbuffered so forks never repeat it. */
static void
say(const char *fmt, ...)
{
	char	 line[256];
	int	 n;
	va_list	 ap;

	n = snprintf(line, sizeof line, "demo[%d]: ", (int)getpid());
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 2)
		n = (int)sizeof line - 2;
	line[n++] = '\n';
	if (write(STDOUT_FILENO, line, (size_t)n) < 0)
		return;
}

static void die(const char *) __attribute__((noreturn));

static void
die(const char *what)
{
	fprintf(stderr, "forkwatch-demo: %s: %s\n", what, strerror(errno));
	exit(1);
}

static pid_t
xfork(void)
{
	pid_t	 pid = fork();

	if (pid < 0)
		die("fork");
	return pid;
}

/* Wait for pid and describe how it ended. */
static void
reap(pid_t pid)
{
	int	 status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			die("waitpid");
	}
	if (WIFSIGNALED(status))
		say("child %d was killed by signal %d (%s)", (int)pid,
		    WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		say("child %d exited with %d", (int)pid, WEXITSTATUS(status));
}

struct worker {
	const char	*name;
	int		 wait_fd;	/* -1, or read one byte before ending */
};

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	char		 c;

	pthread_setname_np(pthread_self(), w->name);
	if (w->wait_fd >= 0) {
		while (read(w->wait_fd, &c, 1) < 0 && errno == EINTR)
			;
	}
	say("thread %s ends", w->name);
	return NULL;
}

/* Step 1: two threads alive at once, ending in a fixed order. */
static void
step_threads(void)
{
	struct worker	 w1 = { "worker-1", -1 }, w2 = { "worker-2", -1 };
	pthread_t	 t1, t2;
	int		 p[2], e;

	if (pipe(p) != 0)
		die("pipe");
	w2.wait_fd = p[0];
	say("step 1: two threads");
	if ((e = pthread_create(&t1, NULL, worker_main, &w1)) != 0) {
		errno = e;
		die("pthread_create");
	}
	if ((e = pthread_create(&t2, NULL, worker_main, &w2)) != 0) {
		errno = e;
		die("pthread_create");
	}
	pthread_join(t1, NULL);
	if (write(p[1], "x", 1) != 1)
		die("write");
	pthread_join(t2, NULL);
	close(p[0]);
	close(p[1]);
}

/* Step 2: a child that exits with 3. */
static void
step_exit3(void)
{
	pid_t	 pid;

	say("step 2: a child that exits with 3");
	if ((pid = xfork()) == 0) {
		say("child exits with 3");
		_exit(3);
	}
	reap(pid);
}

/* Step 3: child -> grandchild -> exec of this program. */
static void
step_grandchild(void)
{
	pid_t	 pid, gpid;

	say("step 3: a child whose child execs this program again");
	if ((pid = xfork()) == 0) {
		if ((gpid = xfork()) == 0) {
			execl("/proc/self/exe", self_argv0, "grandchild",
			    (char *)NULL);
			die("exec /proc/self/exe");
		}
		reap(gpid);
		_exit(0);
	}
	reap(pid);
}

/* Step 4: vfork, then exec /bin/echo. */
static void
step_vfork(void)
{
	pid_t	 pid;

	say("step 4: vfork and exec /bin/echo");
	if ((pid = vfork()) < 0)
		die("vfork");
	if (pid == 0) {
		execl("/bin/echo", "echo", "hello from a vfork child",
		    (char *)NULL);
		_exit(127);
	}
	reap(pid);
}

/* Step 5: a child that is killed by SIGTERM while it waits. */
static void
step_killed(void)
{
	int	 ready[2], hold[2];
	pid_t	 pid;
	char	 c;

	say("step 5: a child killed by SIGTERM");
	if (pipe(ready) != 0 || pipe(hold) != 0)
		die("pipe");
	if ((pid = xfork()) == 0) {
		close(ready[0]);
		close(hold[1]);
		say("child waits to be killed");
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		/* Never returns: nobody writes to hold, main keeps it open. */
		while (read(hold[0], &c, 1) != 0)
			;
		_exit(1);
	}
	close(ready[1]);
	close(hold[0]);
	while (read(ready[0], &c, 1) < 0 && errno == EINTR)
		;
	kill(pid, SIGTERM);
	reap(pid);
	close(ready[0]);
	close(hold[1]);
}

int
main(int argc, char **argv)
{
	if (argc > 0 && argv[0] != NULL)
		self_argv0 = argv[0];
	if (argc == 2 && strcmp(argv[1], "grandchild") == 0) {
		say("grandchild: exec'd again, exits 0");
		return 0;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: forkwatch-demo\n");
		return 2;
	}
	say("start");
	step_threads();
	step_exit3();
	step_grandchild();
	step_vfork();
	step_killed();
	say("done");
	return 0;
}
