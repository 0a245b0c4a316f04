/* fork-tree: a known process tree. The root forks c0, c1, c2 in order;
 * c1 forks g0 and g1. Exit codes: g0 20, g1 21, c0 10, c1 11, c2 12,
 * root 5. Every parent checks its children's statuses (exit 99 if wrong).
 * Side file: "root PID", "fork PARENT CHILD LABEL", "status PID code N". */

#include "tprog.h"

static pid_t
spawn(const char *label, int code)
{
	pid_t	 pid = fork();

	if (pid < 0)
		tp_die("fork");
	if (pid == 0)
		_exit(code);
	tp_out("fork %d %d %s", (int)getpid(), (int)pid, label);
	return pid;
}

static void
reap(pid_t pid, int code)
{
	char	 buf[64];
	int	 st = tp_waitpid(pid, 0);

	tp_out("status %d %s", (int)pid, tp_status(st, buf, sizeof buf));
	if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
		tp_die("child %d: %s, expected code %d", (int)pid,
		    tp_status(st, buf, sizeof buf), code);
}

int
main(void)
{
	pid_t	 c0, c1, c2, g0, g1;

	tp_out("root %d", (int)getpid());
	c0 = spawn("c0", 10);
	c1 = fork();
	if (c1 < 0)
		tp_die("fork");
	if (c1 == 0) {
		g0 = spawn("g0", 20);
		g1 = spawn("g1", 21);
		reap(g0, 20);
		reap(g1, 21);
		_exit(11);
	}
	tp_out("fork %d %d c1", (int)getpid(), (int)c1);
	c2 = spawn("c2", 12);
	reap(c0, 10);
	reap(c1, 11);
	reap(c2, 12);
	return 5;
}
