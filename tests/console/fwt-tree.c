/* fwt-tree - a small tree whose events come in one order, for stepping:
 *
 *   root forks A and waits;  A forks A1 and waits;  A1 exits 3;  A exits 0;
 *   root forks B and waits;  B execs this program as "fwt-leaf" (exits 0);
 *   root exits 0.
 *
 * So "step" meets: A's fork of A1 (root fork A comes first), A1's exit
 * stop, A's SIGCHLD, A's exit stop, root's SIGCHLD, root fork B, B's exec,
 * B's exit stop, root's SIGCHLD, root's exit stop. */
#include "fwt.h"

int
main(int argc, char **argv)
{
	pid_t	 a, b;

	if (argc > 1 && strcmp(argv[1], "leaf") == 0)
		return 0;
	if ((a = fwt_fork()) == 0) {
		if (fwt_fork() == 0)
			_exit(3);
		fwt_wait(-1);
		_exit(0);
	}
	fwt_wait(a);
	if ((b = fwt_fork()) == 0)
		fwt_reexec("fwt-leaf", "leaf", NULL);
	fwt_wait(b);
	return 0;
}
