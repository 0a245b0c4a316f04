/* attach-target: something to attach to. Starts NTHREADS-1 threads
 * (argv[2], default 3 tasks in all) that block on a pipe, writes
 * "root PID", "thread TID" for each and "ready PID", then reads one-byte
 * commands from FIFO (argv[1]):
 *   f   fork a child that execs this program as "attach-target child",
 *       which exits 4; reap it ("status PID ...")
 *   q   (or EOF) release the threads, join them, exit 0 */
#include "tprog.h"

#include <pthread.h>

static int	 block_pipe[2], ready_pipe[2];

static void *
blocker(void *arg)
{
	(void)arg;
	tp_out("thread %d", (int)tp_gettid());
	tp_post_fd(ready_pipe[1]);
	tp_wait_fd(block_pipe[0]);
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_t	*th;
	char		 c, buf[64];
	pid_t		 pid;
	int		 n, i, fd, st;
	ssize_t		 r;

	if (argc == 2 && strcmp(argv[1], "child") == 0)
		return 4;
	if (argc < 2)
		tp_die("usage: attach-target FIFO [NTASKS]");
	n = argc > 2 ? atoi(argv[2]) : 3;
	if ((th = calloc((size_t)n, sizeof *th)) == NULL)
		tp_die("calloc");
	tp_pipe(block_pipe);
	tp_pipe(ready_pipe);
	tp_out("root %d", (int)getpid());
	for (i = 0; i < n - 1; i++) {
		if (pthread_create(&th[i], NULL, blocker, NULL) != 0)
			tp_die("pthread_create");
		tp_wait_fd(ready_pipe[0]);
	}
	tp_out("ready %d", (int)getpid());
	if ((fd = open(argv[1], O_RDONLY | O_CLOEXEC)) < 0)
		tp_die("open %s", argv[1]);
	for (;;) {
		while ((r = read(fd, &c, 1)) < 0 && errno == EINTR)
			;
		if (r <= 0 || c == 'q')
			break;
		if (c != 'f')
			continue;
		if ((pid = fork()) < 0)
			tp_die("fork");
		if (pid == 0) {
			execl("/proc/self/exe", "attach-target", "child",
			    (char *)NULL);
			_exit(98);
		}
		tp_out("child %d", (int)pid);
		st = tp_waitpid(pid, 0);
		tp_out("status %d %s", (int)pid, tp_status(st, buf, sizeof buf));
	}
	close(block_pipe[1]);
	for (i = 0; i < n - 1; i++)
		pthread_join(th[i], NULL);
	tp_out("done %d", (int)getpid());
	return 0;
}
