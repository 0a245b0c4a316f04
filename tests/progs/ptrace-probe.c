/* ptrace-probe: can tests trace here? The one place the tests decide that
 * ptrace itself is missing (a seccomp filter, Yama, no PTRACE_SEIZE), so a
 * test never skips because forkwatch failed with a message that merely
 * looks like "not permitted" (issue 8, item 18). It does what forkwatch
 * needs, without forkwatch:
 *   ptrace-probe          PTRACE_SEIZE a child of ours with forkwatch's
 *                         options, PTRACE_INTERRUPT it, see its stop;
 *   ptrace-probe attach   the same on a process that is not our descendant
 *                         (what -p needs; Yama ptrace_scope 1 forbids it
 *                         without CAP_SYS_PTRACE).
 * Exit 0: it works; 77: the kernel says no (why on stdout, one line);
 * 99: the probe itself failed (a test then fails, never skips). */
#include "tprog.h"

#include <sys/prctl.h>
#include <sys/ptrace.h>

#define SEIZE_OPTIONS	(PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | \
	PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | \
	PTRACE_O_TRACEVFORKDONE)

/* errno values that mean "ptrace is not available here". */
static int
unavailable(int e)
{
	return e == EPERM || e == EACCES || e == ENOSYS;
}

/* A process that waits on fd until EOF, then exits 0. */
static pid_t
waiter(int fd, int other)
{
	pid_t	 pid = fork();
	char	 c;

	if (pid < 0)
		tp_die("fork");
	if (pid == 0) {
		close(other);
		while (read(fd, &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	return pid;
}

/* Seize pid, interrupt it, see the stop, let it go. Returns 0, or the
 * errno of the step that the kernel refused (*what names it). */
static int
probe(pid_t pid, const char **what)
{
	int	 st;
	pid_t	 r;

	*what = "PTRACE_SEIZE";
	if (ptrace(PTRACE_SEIZE, pid, 0, (void *)(long)SEIZE_OPTIONS) != 0)
		return errno;
	*what = "PTRACE_INTERRUPT";
	if (ptrace(PTRACE_INTERRUPT, pid, 0, 0) != 0)
		return errno;
	*what = "waitpid";
	do
		r = waitpid(pid, &st, __WALL);
	while (r < 0 && errno == EINTR);
	if (r != pid)
		tp_die("waitpid %d", (int)pid);
	if (!WIFSTOPPED(st) || (st >> 16) != PTRACE_EVENT_STOP)
		tp_die("%d: unexpected status %#x after PTRACE_INTERRUPT",
		    (int)pid, st);
	*what = "PTRACE_DETACH";
	if (ptrace(PTRACE_DETACH, pid, 0, 0) != 0)
		return errno;
	return 0;
}

int
main(int argc, char **argv)
{
	const char	*what = "";
	int		 p[2], q[2], e, st;
	pid_t		 target, prober;
	char		 c;

	if (pipe(p) != 0)
		tp_die("pipe");
	if (argc > 1 && strcmp(argv[1], "attach") == 0) {
		/* The target and the prober are siblings. */
		target = waiter(p[0], p[1]);
		if (pipe(q) != 0)
			tp_die("pipe");
		prober = fork();
		if (prober < 0)
			tp_die("fork");
		if (prober == 0) {
			close(q[0]);
			e = probe(target, &what);
			if (e == 0)
				_exit(0);
			dprintf(q[1], "%s of a process that is not a "
			    "descendant: %s", what, strerror(e));
			_exit(unavailable(e) ? 77 : TP_FAIL);
		}
		close(q[1]);
		while (waitpid(prober, &st, 0) < 0 && errno == EINTR)
			;
		close(p[1]);
		waitpid(target, NULL, 0);
		while (read(q[0], &c, 1) == 1)
			putchar(c);
		if (!WIFEXITED(st))
			tp_die("the prober died (status %#x)", st);
		if (WEXITSTATUS(st) != 0)
			putchar('\n');
		return WEXITSTATUS(st);
	}
	target = waiter(p[0], p[1]);
	e = probe(target, &what);
	close(p[1]);
	waitpid(target, NULL, __WALL);
	if (e == 0)
		return 0;
	printf("%s of a child: %s\n", what, strerror(e));
	return unavailable(e) ? 77 : TP_FAIL;
}
