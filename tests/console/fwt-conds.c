/* fwt-conds - one of each kind of event that breakpoint conditions tell
 * apart, in this order (the root waits for each child before the next):
 *
 *   c1: exec "fwt-conds exit 3"           -> exits 3
 *   c2: exec "fwt-conds exit 0"           -> exits 0
 *   c3: raise(SIGTERM)                    -> killed by SIGTERM
 *   c4: comm "special"                    -> exits 7
 *   c5: forks g1 (depth 2), which exits 5; c5 exits 0
 *   c6: exec "other-name exit 0"          -> exits 0
 *   root: SIGUSR1 to itself (handled), exits 0
 */
#include <sys/prctl.h>

#include "fwt.h"

static void
on_usr1(int sig)
{
	(void)sig;
}

static void
child(int n)
{
	pid_t	 pid = fwt_fork();

	if (pid != 0) {
		fwt_wait(pid);
		return;
	}
	switch (n) {
	case 1:
		fwt_reexec("fwt-conds", "exit", "3");
	case 2:
		fwt_reexec("fwt-conds", "exit", "0");
	case 3:
		raise(SIGTERM);
		_exit(99);
	case 4:
		prctl(PR_SET_NAME, "special");
		_exit(7);
	case 5:
		if (fwt_fork() == 0)
			_exit(5);
		fwt_wait(-1);
		_exit(0);
	case 6:
		fwt_reexec("other-name", "exit", "0");
	}
	_exit(99);
}

int
main(int argc, char **argv)
{
	int	 i;

	if (argc > 2 && strcmp(argv[1], "exit") == 0)
		return atoi(argv[2]);
	for (i = 1; i <= 6; i++)
		child(i);
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	return 0;
}
