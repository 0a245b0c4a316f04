/* fwt-spin - tasks that keep running: a thread and child C1 spin, child
 * C2 blocks reading a pipe; once all three have started, the root sends
 * itself SIGUSR1 (handled) and then waits for C1 forever. For all-stop
 * (everything is 't' at the SIGUSR1 stop) and task-stop (only the root
 * is). */
#include <pthread.h>

#include "fwt.h"

static volatile unsigned long	 spins;

static void
on_usr1(int sig)
{
	(void)sig;
}

static void *
spin(void *arg)
{
	int	 fd = *(int *)arg;

	if (write(fd, "t", 1) != 1)
		fwt_die("write");
	for (;;)
		spins++;
	return NULL;
}

int
main(void)
{
	int		 ready[2], block[2];
	char		 buf[3];
	pthread_t	 th;
	size_t		 got = 0;
	ssize_t		 n;
	pid_t		 c1;

	signal(SIGUSR1, on_usr1);
	if (pipe(ready) != 0 || pipe(block) != 0)
		fwt_die("pipe");
	if ((c1 = fwt_fork()) == 0) {
		if (write(ready[1], "1", 1) != 1)
			fwt_die("write");
		for (;;)
			spins++;
	}
	if (fwt_fork() == 0) {
		close(block[1]);
		if (write(ready[1], "2", 1) != 1)
			fwt_die("write");
		n = read(block[0], buf, 1);
		_exit(n == 0 ? 0 : 99);
	}
	if (pthread_create(&th, NULL, spin, &ready[1]) != 0)
		fwt_die("pthread_create");
	while (got < 3) {
		n = read(ready[0], buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			fwt_die("read");
		got += (size_t)n;
	}
	raise(SIGUSR1);
	fwt_wait(c1);
	return 0;
}
