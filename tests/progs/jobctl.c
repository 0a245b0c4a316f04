/* jobctl: the child raise(SIGSTOP)s; we must see it stopped with
 * waitpid(WUNTRACED), send SIGCONT, see it continued with
 * waitpid(WCONTINUED), then let it exit 0. Exit 0 when all of that
 * happened, else 2 (not seen stopped), 3 (not seen continued) or 4.
 * With "threads" (argv[1]) the child first starts 2 threads that block,
 * and we stop it with SIGTSTP from outside instead. With "storm" we send
 * SIGTSTP while the child is creating 50 threads, and once waitpid says
 * it stopped, every one of its tasks must be stopped too (/proc state t
 * or T; exit 5 otherwise): a new thread whose first stop is the group
 * stop must not be let run.
 * Side file: "root PID", "child PID", "thread TID". */
#include "tprog.h"

#include <pthread.h>
#include <signal.h>

static int	 tgo[2];

/* Exit 5 unless every task of pid is stopped (t or T) according to /proc. */
static void
all_stopped(pid_t pid)
{
	char	 path[128], buf[512], *p;
	int	 fd, tid, n = 0;
	ssize_t	 r;
	FILE	*ls;

	snprintf(path, sizeof path, "ls /proc/%d/task", (int)pid);
	if ((ls = popen(path, "r")) == NULL)
		tp_die("popen");
	while (fscanf(ls, "%d", &tid) == 1) {
		snprintf(path, sizeof path, "/proc/%d/task/%d/stat", (int)pid,
		    tid);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		r = read(fd, buf, sizeof buf - 1);
		close(fd);
		if (r <= 0)
			continue;
		buf[r] = '\0';
		n++;
		if ((p = strrchr(buf, ')')) != NULL && p[2] != 't' &&
		    p[2] != 'T') {
			fprintf(stderr, "jobctl: task %d is in state %c while "
			    "its process is stopped\n", tid, p[2]);
			kill(pid, SIGKILL);
			exit(5);
		}
	}
	pclose(ls);
	tp_out("stopped-tasks %d", n);
}

static void *
blocker(void *arg)
{
	(void)arg;
	tp_out("thread %d", (int)tp_gettid());
	tp_wait_fd(tgo[0]);
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_t	 th[50];
	char		 buf[64];
	pid_t		 pid;
	int		 go[2], ready[2], st, threads, storm, i, nth;

	storm = argc > 1 && strcmp(argv[1], "storm") == 0;
	threads = storm || (argc > 1 && strcmp(argv[1], "threads") == 0);
	nth = storm ? 50 : 2;
	tp_out("root %d", (int)getpid());
	tp_pipe(go);
	tp_pipe(ready);
	if ((pid = fork()) < 0)
		tp_die("fork");
	if (pid == 0) {
		close(go[1]);
		close(ready[0]);
		if (!threads) {
			raise(SIGSTOP);
			/* Continued: wait until the parent has seen it. */
			tp_wait_fd(go[0]);
			_exit(0);
		}
		tp_pipe(tgo);
		if (storm)
			tp_post_fd(ready[1]);
		for (i = 0; i < nth; i++)
			if (pthread_create(&th[i], NULL, blocker, NULL) != 0)
				tp_die("pthread_create");
		if (!storm)
			tp_post_fd(ready[1]);
		tp_wait_fd(go[0]);
		close(tgo[1]);
		for (i = 0; i < nth; i++)
			pthread_join(th[i], NULL);
		_exit(0);
	}
	close(go[0]);
	close(ready[1]);
	tp_out("child %d", (int)pid);
	if (threads) {
		tp_wait_fd(ready[0]);
		kill(pid, SIGTSTP);
	}
	st = tp_waitpid(pid, WUNTRACED);
	if (!WIFSTOPPED(st) || WSTOPSIG(st) != (threads ? SIGTSTP : SIGSTOP)) {
		fprintf(stderr, "jobctl: expected stopped, got %#x\n", st);
		kill(pid, SIGKILL);
		return 2;
	}
	if (threads)
		all_stopped(pid);
	kill(pid, SIGCONT);
	st = tp_waitpid(pid, WCONTINUED);
	if (!WIFCONTINUED(st)) {
		fprintf(stderr, "jobctl: expected continued, got %#x\n", st);
		kill(pid, SIGKILL);
		return 3;
	}
	close(go[1]);
	st = tp_waitpid(pid, 0);
	tp_out("status %d %s", (int)pid, tp_status(st, buf, sizeof buf));
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 4;
}
