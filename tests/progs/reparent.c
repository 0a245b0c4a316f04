/* reparent: three ways the kernel gives a process a new parent, each
 * ordered with pipes; every process writes what it knows to $FWTEST_OUT.
 *
 *  1. outside: root forks A, A forks B and exits; once root has reaped A,
 *     B (re-parented to the init of the pid namespace, or to a subreaper
 *     above the trace) writes "Bppid X" with its new parent.
 *  2. subreaper: root forks S, which makes itself a child subreaper
 *     (PR_SET_CHILD_SUBREAPER), forks C, C forks D and exits; D's new
 *     parent is S ("Dppid S"), which then reaps D.
 *  3. a thread's child: root forks G; a thread of G forks H and exits:
 *     H's parent is still process G ("Hppid1 G": the kernel gives it
 *     another thread of G, no change of process); then G exits and H
 *     gets a new parent ("Hppid2 X").
 *
 * Lines: root R, A A, B B, Bppid X, S S, C C, D D, Dppid P, Dreaped D,
 * G G, H H, Hppid1 P, Hppid2 P. */
#include "tprog.h"

#include <pthread.h>
#include <sys/prctl.h>

static int	 ph[2];		/* H waits on it: G joined the thread */
static int	 ph2[2];	/* H waits on it: root reaped G */
static int	 pa[2];		/* G waits on it: H said who its parent is */

static void
reap(pid_t pid)
{
	int	 st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		tp_die("waitpid %d", (int)pid);
}

/* Wait for a byte on a pipe we only read. */
static void
wait_pipe(int p[2])
{
	char	 c;

	close(p[1]);
	if (read(p[0], &c, 1) != 1)
		tp_die("read");
	close(p[0]);
}

static void
poke(int p[2])
{
	if (write(p[1], "x", 1) != 1)
		tp_die("write");
	close(p[1]);
	close(p[0]);
}

static void
outside(void)
{
	int	 pb[2];
	pid_t	 a, b;

	if (pipe(pb) != 0)
		tp_die("pipe");
	if ((a = fork()) < 0)
		tp_die("fork");
	if (a == 0) {
		if ((b = fork()) < 0)
			tp_die("fork");
		if (b == 0) {
			wait_pipe(pb);
			tp_out("Bppid %d", (int)getppid());
			_exit(0);
		}
		tp_out("A %d", (int)getpid());
		tp_out("B %d", (int)b);
		_exit(0);
	}
	reap(a);
	poke(pb);
}

static void
subreaper(void)
{
	int	 pd[2];
	pid_t	 s, c, d;

	if ((s = fork()) < 0)
		tp_die("fork");
	if (s != 0) {
		reap(s);
		return;
	}
	tp_out("S %d", (int)getpid());
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
		tp_die("PR_SET_CHILD_SUBREAPER");
	if (pipe(pd) != 0)
		tp_die("pipe");
	if ((c = fork()) < 0)
		tp_die("fork");
	if (c == 0) {
		if ((d = fork()) < 0)
			tp_die("fork");
		if (d == 0) {
			wait_pipe(pd);
			tp_out("Dppid %d", (int)getppid());
			_exit(0);
		}
		tp_out("C %d", (int)getpid());
		tp_out("D %d", (int)d);
		_exit(0);
	}
	reap(c);
	poke(pd);
	/* D is our child now. */
	if ((d = waitpid(-1, NULL, 0)) < 0)
		tp_die("waitpid -1");
	tp_out("Dreaped %d", (int)d);
	_exit(0);
}

static void *
forker(void *arg)
{
	pid_t	 h;

	(void)arg;
	if ((h = fork()) < 0)
		tp_die("fork");
	if (h == 0) {
		wait_pipe(ph);
		tp_out("Hppid1 %d", (int)getppid());
		close(pa[0]);
		if (write(pa[1], "x", 1) != 1)
			tp_die("write");
		close(pa[1]);
		wait_pipe(ph2);
		tp_out("Hppid2 %d", (int)getppid());
		_exit(0);
	}
	tp_out("H %d", (int)h);
	return NULL;
}

static void
thread_child(void)
{
	pthread_t	 th;
	pid_t		 g;

	if (pipe(ph) != 0 || pipe(ph2) != 0 || pipe(pa) != 0)
		tp_die("pipe");
	if ((g = fork()) < 0)
		tp_die("fork");
	if (g == 0) {
		tp_out("G %d", (int)getpid());
		if (pthread_create(&th, NULL, forker, NULL) != 0 ||
		    pthread_join(th, NULL) != 0)
			tp_die("thread");
		/* The thread that made H is gone: H belongs to us still. */
		poke(ph);
		wait_pipe(pa);
		_exit(0);
	}
	close(ph[0]);
	close(ph[1]);
	close(pa[0]);
	close(pa[1]);
	reap(g);
	poke(ph2);
}

int
main(void)
{
	tp_out("root %d", (int)getpid());
	outside();
	subreaper();
	thread_child();
	return 0;
}
