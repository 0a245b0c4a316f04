/* clone-flags: makes children with known clone flags and exit signals,
 * one after another (each child exits, and is waited for, before the
 * next), and writes what it asked for to $FWTEST_OUT:
 *
 *   root PID
 *   child N PID KIND FLAGS EXITSIG
 *
 * N counts from 1 in creation order; KIND is the event the kernel reports
 * (fork, vfork or clone); FLAGS the CLONE_* names joined by '|' ("-" for
 * none), EXITSIG the exit signal's number (0: none). The calls:
 *   1 the fork syscall                       fork  -                    SIGCHLD
 *   2 vfork() (the syscall)                     vfork CLONE_VM|CLONE_VFORK SIGCHLD
 *   3 clone(CLONE_VM|CLONE_FS|CLONE_FILES|SIGCHLD)   fork
 *   4 clone(CLONE_FS|SIGUSR1)                        clone
 *   5 clone(CLONE_FILES) (exit signal 0)             clone
 *   6 clone3({CLONE_FS|CLONE_PARENT_SETTID, SIGCHLD}) fork
 *   7 clone3({CLONE_VFORK, SIGCHLD})                  vfork
 * Raw syscalls, so libc adds no flags of its own. */
#include "tprog.h"

#include <sched.h>

#ifndef CLONE_VM
#define CLONE_VM		0x00000100
#endif
#ifndef SYS_clone3
#define SYS_clone3		435
#endif

struct clone3_args {
	uint64_t	 flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t	 stack, stack_size, tls;
};

static char	 stack[64 * 1024] __attribute__((aligned(16)));
static int	 n_child;

static int
child_fn(void *arg)
{
	(void)arg;
	syscall(SYS_exit, 0);
	return 0;
}

/* Wait for child (any exit signal) and write its line. */
static void
done(pid_t pid, const char *kind, const char *flags, int sig)
{
	int	 st;

	if (pid < 0)
		tp_die("%s %s", kind, flags);
	if (waitpid(pid, &st, __WALL) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		tp_die("waitpid %d", (int)pid);
	tp_out("child %d %d %s %s %d", ++n_child, (int)pid, kind, flags, sig);
}

int
main(void)
{
	struct clone3_args	 ca;
	char			*top = stack + sizeof stack;
	pid_t			 pid;
	uint64_t		 ptid = 0;

	tp_out("root %d", (int)getpid());
	signal(SIGUSR1, SIG_IGN);

	pid = (pid_t)syscall(SYS_fork);
	if (pid == 0)
		syscall(SYS_exit, 0);
	done(pid, "fork", "-", SIGCHLD);

	/* glibc's vfork() is the vfork syscall, made safe for the stack. */
	pid = vfork();
	if (pid == 0)
		_exit(0);
	done(pid, "vfork", "CLONE_VM|CLONE_VFORK", SIGCHLD);

	pid = clone(child_fn, top, CLONE_VM | CLONE_FS | CLONE_FILES | SIGCHLD,
	    NULL);
	done(pid, "fork", "CLONE_VM|CLONE_FS|CLONE_FILES", SIGCHLD);

	pid = clone(child_fn, top, CLONE_FS | SIGUSR1, NULL);
	done(pid, "clone", "CLONE_FS", SIGUSR1);

	pid = clone(child_fn, top, CLONE_FILES, NULL);
	done(pid, "clone", "CLONE_FILES", 0);

	memset(&ca, 0, sizeof ca);
	ca.flags = CLONE_FS | CLONE_PARENT_SETTID;
	ca.parent_tid = (uint64_t)(uintptr_t)&ptid;
	ca.exit_signal = SIGCHLD;
	pid = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
	if (pid == 0)
		syscall(SYS_exit, 0);
	done(pid, "fork", "CLONE_FS|CLONE_PARENT_SETTID", SIGCHLD);

	/* Without CLONE_VM the child has its own copy of our stack. */
	memset(&ca, 0, sizeof ca);
	ca.flags = CLONE_VFORK;
	ca.exit_signal = SIGCHLD;
	pid = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
	if (pid == 0)
		syscall(SYS_exit, 0);
	done(pid, "vfork", "CLONE_VFORK", SIGCHLD);
	return 0;
}
