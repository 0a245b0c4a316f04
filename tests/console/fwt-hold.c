/* fwt-hold - root forks A, B and C (each exits 0 at once), waits for B
 * and C only, then sends itself SIGUSR1 (handled), then waits for A and
 * exits 0. With A held, B and C finish and the root reaches its SIGUSR1
 * while A has not run at all. */
#include "fwt.h"

static void
on_usr1(int sig)
{
	(void)sig;
}

int
main(void)
{
	pid_t	 a, b, c;

	signal(SIGUSR1, on_usr1);
	if ((a = fwt_fork()) == 0)
		_exit(0);
	if ((b = fwt_fork()) == 0)
		_exit(0);
	if ((c = fwt_fork()) == 0)
		_exit(0);
	fwt_wait(b);
	fwt_wait(c);
	raise(SIGUSR1);
	fwt_wait(a);
	return 0;
}
