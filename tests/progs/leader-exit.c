/* leader-exit: the main thread calls pthread_exit() while another thread
 * runs; once the leader is a zombie, that thread calls exit(9). The
 * process's exit status is 9 (the leader's final wait status), although
 * the leader itself left with 0. Side file: "root PID", "thread TID". */
#include "tprog.h"

#include <pthread.h>
#include <sched.h>
#include <time.h>

static pid_t	 leader;

/* The state letter of a task of ours from /proc (0 when unreadable). */
static char
task_state(pid_t tid)
{
	char	 path[64], buf[512], *p;
	int	 fd;
	ssize_t	 n;

	snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)tid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL || p[1] == '\0')
		return 0;
	return p[2];
}

static void *
worker(void *arg)
{
	struct timespec	 t0, t;
	char		 s;

	(void)arg;
	tp_out("thread %d", (int)tp_gettid());
	/* Wait (bounded) until the leader is a zombie: no sleeps, the
	 * leader's exit needs only the tracer to let it go. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		s = task_state(leader);
		if (s == 'Z' || s == 0)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > 20) {
			fprintf(stderr, "leader-exit: leader never exited\n");
			exit(98);
		}
		sched_yield();
	}
	exit(9);
}

int
main(void)
{
	pthread_t	 th;

	leader = getpid();
	tp_out("root %d", (int)leader);
	if (pthread_create(&th, NULL, worker, NULL) != 0)
		tp_die("pthread_create");
	pthread_exit(NULL);
}
