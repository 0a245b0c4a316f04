/* thread-exec: exec by a non-leader thread. The main thread starts
 * threads, NTASKS (argv[1], default 3) tasks in all; the last thread execs
 * this program as "thread-exec after", the others (and main) block on a
 * pipe forever. The new image writes "execd PID TID" and exits 6.
 * With "zombie" (argv[2]) the main thread pthread_exit()s first and the
 * thread execs once the leader is a zombie.
 * Side file: "root PID", "thread TID" for each, "exec-by TID". */
#include "tprog.h"

#include <pthread.h>
#include <sched.h>

static int		 block_pipe[2];
static int		 ready_pipe[2];
static char		*self_path;

static void *
blocker(void *arg)
{
	(void)arg;
	tp_out("thread %d", (int)tp_gettid());
	tp_post_fd(ready_pipe[1]);
	tp_wait_fd(block_pipe[0]);
	return NULL;
}

static int		 zombie_leader;

/* The state letter of our leader thread from /proc (0 when unreadable). */
static char
leader_state(void)
{
	char	 path[64], buf[512], *p;
	int	 fd;
	ssize_t	 n;

	snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)getpid());
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
execer(void *arg)
{
	long	 i;

	(void)arg;
	tp_out("thread %d", (int)tp_gettid());
	/* Bounded wait for the leader to be a zombie (no sleeps). */
	for (i = 0; zombie_leader && leader_state() != 'Z'; i++) {
		if (i > 50000000L)
			tp_die("the leader never became a zombie");
		sched_yield();
	}
	tp_out("exec-by %d", (int)tp_gettid());
	execl(self_path, "thread-exec", "after", (char *)NULL);
	tp_die("execl");
}

int
main(int argc, char **argv)
{
	pthread_t	 th;
	int		 n, i;

	if (argc == 2 && strcmp(argv[1], "after") == 0) {
		tp_out("execd %d %d", (int)getpid(), (int)tp_gettid());
		return 6;
	}
	n = argc > 1 ? atoi(argv[1]) : 3;
	zombie_leader = argc > 2 && strcmp(argv[2], "zombie") == 0;
	self_path = realpath("/proc/self/exe", NULL);
	if (self_path == NULL)
		tp_die("realpath");
	tp_pipe(block_pipe);
	tp_pipe(ready_pipe);
	tp_out("root %d", (int)getpid());
	for (i = 0; i < n - 2; i++) {
		if (pthread_create(&th, NULL, blocker, NULL) != 0)
			tp_die("pthread_create");
		tp_wait_fd(ready_pipe[0]);
	}
	if (pthread_create(&th, NULL, execer, NULL) != 0)
		tp_die("pthread_create");
	if (zombie_leader)
		pthread_exit(NULL);
	/* The exec kills us (and every other thread). */
	tp_wait_fd(block_pipe[0]);
	tp_die("main thread survived the exec");
}
