/* chain: "chain N" makes a chain of N processes below itself, each the
 * child of the one before; each waits for its child and exits 0. Lines:
 * "level L PID PPID" for every process (the root is level 0). */
#include "tprog.h"

int
main(int argc, char **argv)
{
	int	 n = argc > 1 ? atoi(argv[1]) : 3, level, st;
	pid_t	 pid;

	for (level = 0;; level++) {
		tp_out("level %d %d %d", level, (int)getpid(), (int)getppid());
		if (level == n)
			break;
		if ((pid = fork()) < 0)
			tp_die("fork");
		if (pid == 0)
			continue;
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0)
			tp_die("waitpid");
		break;
	}
	return 0;
}
