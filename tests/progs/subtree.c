/* subtree: a tree that already runs when forkwatch attaches.
 *
 *   P (root, one extra thread)
 *   |-- A (two extra threads)
 *   |   `-- A1
 *   |       `-- A11
 *   `-- B, which forks children that wait, one after another, while
 *       forkwatch attaches (up to 200), then says "Bdone".
 *
 * Every process writes "proc NAME PID PPID", every extra thread "thread
 * NAME TID TGID", each of B's children "bkid PID". P writes "ready" once
 * A, A1, A11 and its own thread are up (B may still be forking). All of
 * them wait until the FIFO named by argv[1] says end of file (the test
 * holds it open for writing until it releases them), then exit 0; P and A
 * join their threads, parents reap their children. */
#include "tprog.h"

#include <pthread.h>

static const char	*fifo;
static int		 rel = -1;	/* the FIFO, read end */

static void
open_release(void)
{
	if ((rel = open(fifo, O_RDONLY | O_CLOEXEC)) < 0)
		tp_die("open %s", fifo);
}

/* Block until the test lets go of the FIFO (end of file). */
static void
wait_release(void)
{
	char	 c;
	ssize_t	 r;

	while ((r = read(rel, &c, 1)) != 0) {
		if (r < 0 && errno != EINTR)
			tp_die("read %s", fifo);
	}
}

static int	 up_pipe[2];

static void *
waiter(void *arg)
{
	char	 c;

	tp_out("thread %s %d %d", (const char *)arg, (int)tp_gettid(),
	    (int)getpid());
	if (write(up_pipe[1], "x", 1) != 1)
		tp_die("write");
	/* Each thread waits on its own descriptor of the FIFO. */
	{
		int	 fd = open(fifo, O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			tp_die("open %s", fifo);
		while (read(fd, &c, 1) < 0 && errno == EINTR)
			;
		close(fd);
	}
	return NULL;
}

static void
reap_all(void)
{
	int	 st;

	while (waitpid(-1, &st, 0) > 0) {
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			tp_die("child status %#x", st);
	}
}

static pid_t
spawn(const char *name, void (*body)(void))
{
	pid_t	 pid = fork();

	if (pid < 0)
		tp_die("fork");
	if (pid == 0) {
		tp_out("proc %s %d %d", name, (int)getpid(), (int)getppid());
		body();
		reap_all();
		_exit(0);
	}
	return pid;
}

static void
leaf(void)
{
	open_release();
	if (write(up_pipe[1], "x", 1) != 1)
		tp_die("write");
	wait_release();
}

static void
a1(void)
{
	spawn("A11", leaf);
	leaf();
}

static void
a(void)
{
	pthread_t	 th[2];

	if (pthread_create(&th[0], NULL, waiter, (void *)"A") != 0 ||
	    pthread_create(&th[1], NULL, waiter, (void *)"A") != 0)
		tp_die("pthread_create");
	spawn("A1", a1);
	leaf();
	pthread_join(th[0], NULL);
	pthread_join(th[1], NULL);
}

static void
b(void)
{
	pid_t	 kid;
	char	 c;
	int	 i;

	open_release();
	fcntl(rel, F_SETFL, O_NONBLOCK);
	for (i = 0; i < 200; i++) {
		if (read(rel, &c, 1) >= 0)
			break;		/* released already */
		if ((kid = fork()) < 0)
			tp_die("fork");
		if (kid == 0) {
			/* Our own open file: flags are shared across fork. */
			close(rel);
			open_release();
			wait_release();
			_exit(0);
		}
		tp_out("bkid %d", (int)kid);
	}
	tp_out("Bdone");
	fcntl(rel, F_SETFL, 0);
	wait_release();
}

int
main(int argc, char **argv)
{
	pthread_t	 th;
	char		 c;
	int		 i;

	if (argc < 2)
		tp_die("usage: subtree FIFO");
	fifo = argv[1];
	if (pipe(up_pipe) != 0)
		tp_die("pipe");
	tp_out("proc P %d %d", (int)getpid(), (int)getppid());
	if (pthread_create(&th, NULL, waiter, (void *)"P") != 0)
		tp_die("pthread_create");
	spawn("A", a);
	spawn("B", b);
	/* Up: P's thread, A's two threads, A, A1, A11. */
	for (i = 0; i < 6; i++) {
		if (read(up_pipe[0], &c, 1) != 1)
			tp_die("read");
	}
	tp_out("ready");
	open_release();
	wait_release();
	pthread_join(th, NULL);
	reap_all();
	return 0;
}
