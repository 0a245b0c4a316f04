/* vfork: vfork in three flavours (argv[1]):
 *   exec      the child execs this program as "vfork child-exit 7"
 *   exit      the child _exit(8)s
 *   execfail  the child's exec fails (ENOENT), then it _exit(127)s
 * The parent checks the child's status and exits 0.
 * Side file: "root PID", "vfork PARENT CHILD", "status CHILD ...". */

#include "tprog.h"

int
main(int argc, char **argv)
{
	char	 buf[64];
	pid_t	 pid;
	int	 st, want;

	if (argc == 3 && strcmp(argv[1], "child-exit") == 0) {
		tp_out("execd %d", (int)getpid());
		return atoi(argv[2]);
	}
	if (argc != 2)
		tp_die("usage: vfork exec|exit|execfail");
	tp_out("root %d", (int)getpid());
	pid = vfork();
	if (pid < 0)
		tp_die("vfork");
	if (pid == 0) {
		if (strcmp(argv[1], "exec") == 0) {
			execl("/proc/self/exe", "vfork", "child-exit", "7",
			    (char *)NULL);
			_exit(98);
		}
		if (strcmp(argv[1], "execfail") == 0) {
			execl("/nonexistent/fwtest-no-such-prog",
			    "fwtest-no-such-prog", (char *)NULL);
			_exit(127);
		}
		_exit(8);
	}
	tp_out("vfork %d %d", (int)getpid(), (int)pid);
	st = tp_waitpid(pid, 0);
	tp_out("status %d %s", (int)pid, tp_status(st, buf, sizeof buf));
	want = strcmp(argv[1], "exec") == 0 ? 7 :
	    strcmp(argv[1], "exit") == 0 ? 8 : 127;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != want)
		tp_die("child: %s", tp_status(st, buf, sizeof buf));
	return 0;
}
