/* traceme: PTRACE_TRACEME from a process that is already traced fails
 * with EPERM; a forked child tries too. Exit 0 when both saw EPERM, 1 if
 * the call succeeded, 2 on another error. Side file: "root PID",
 * "child PID", "traceme PID ERRNO". */
#include "tprog.h"

#include <sys/ptrace.h>

static int
try_traceme(void)
{
	long	 r = ptrace(PTRACE_TRACEME, 0L, 0L, 0L);
	int	 e = r < 0 ? errno : 0;

	tp_out("traceme %d %d", (int)getpid(), e);
	return r == 0 ? 1 : e == EPERM ? 0 : 2;
}

int
main(void)
{
	pid_t	 pid;
	int	 st, r;

	tp_out("root %d", (int)getpid());
	if ((r = try_traceme()) != 0)
		return r;
	if ((pid = fork()) < 0)
		tp_die("fork");
	if (pid == 0)
		_exit(try_traceme());
	tp_out("child %d", (int)pid);
	st = tp_waitpid(pid, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 3;
}
