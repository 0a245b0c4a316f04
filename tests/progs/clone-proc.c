/* clone-proc: clone and clone3 making processes, not threads (argv[1]):
 *   exitsig0     clone(flags 0, exit signal 0): a process without SIGCHLD;
 *                the child exits 33
 *   clone3       clone3 {exit_signal SIGCHLD}: exits 34;
 *                clone3 {exit_signal 0}: exits 35;
 *                clone3 {CLONE_VM|CLONE_VFORK, SIGCHLD}: exits 36 (x86_64)
 *   parent       the root forks A (exits 40 when done); A clones S
 *                (CLONE_PARENT|SIGCHLD, exits 41) and S0 (CLONE_PARENT,
 *                exit signal 0, exits 43): both are the root's children,
 *                which reaps all three
 *   parent-root  the root clones S with CLONE_PARENT: S (exits 42) is a
 *                child of the root's parent (the tracer)
 *   has-clone3   run untraced, the test's probe: prints "clone3 yes" or
 *                "clone3 no" (ENOSYS) and exits 0
 * Side file: "root PID", "clone KIND CALLER CHILD", "status CHILD ...". */
#include "tprog.h"

#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>

#ifndef CLONE_PARENT
#define CLONE_PARENT 0x00008000
#endif

/* clone(2) without CLONE_VM behaves like fork: the syscall() wrapper is
 * safe in the child, which has its own copy of the stack. */
static pid_t
raw_clone(unsigned long flags)
{
	return (pid_t)syscall(SYS_clone, flags, 0L, 0L, 0L, 0L);
}

static pid_t
raw_clone3(uint64_t flags, int exit_signal)
{
	struct clone_args	 ca;

	memset(&ca, 0, sizeof ca);
	ca.flags = flags;
	ca.exit_signal = (uint64_t)exit_signal;
	return (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
}

/* clone3 with CLONE_VM|CLONE_VFORK: the child shares our stack, so it must
 * not return through C code. It calls exit_group(code) straight from the
 * instruction after the syscall. */
static pid_t
vfork_clone3_exit(int code)
{
#if defined(__x86_64__)
	struct clone_args	 ca;
	long			 ret;

	memset(&ca, 0, sizeof ca);
	ca.flags = CLONE_VM | CLONE_VFORK;
	ca.exit_signal = SIGCHLD;
	__asm__ volatile(
	    "syscall\n\t"
	    "test %%rax, %%rax\n\t"
	    "jnz 1f\n\t"
	    "mov %%edx, %%edi\n\t"
	    "mov $231, %%eax\n\t"	/* exit_group */
	    "syscall\n\t"
	    "1:\n\t"
	    : "=a" (ret)
	    : "0" ((long)SYS_clone3), "D" (&ca), "S" (sizeof ca), "d" (code)
	    : "rcx", "r11", "memory");
	if (ret < 0) {
		errno = (int)-ret;
		return -1;
	}
	return (pid_t)ret;
#else
	(void)code;
	errno = ENOSYS;
	return -1;
#endif
}

static void
check(pid_t pid, int flags, int code)
{
	char	 buf[64];
	int	 st = tp_waitpid(pid, flags);

	tp_out("status %d %s", (int)pid, tp_status(st, buf, sizeof buf));
	if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
		tp_die("child %d: %s, expected %d", (int)pid,
		    tp_status(st, buf, sizeof buf), code);
}

int
main(int argc, char **argv)
{
	pid_t	 pid, a, s;
	int	 p[2];

	if (argc != 2)
		tp_die("usage: clone-proc MODE");
	if (strcmp(argv[1], "has-clone3") == 0) {
		/* A bad size: EINVAL where clone3 exists, else ENOSYS. */
		if (syscall(SYS_clone3, NULL, (size_t)0) == 0)
			tp_die("clone3 with no arguments succeeded");
		if (errno != ENOSYS && errno != EINVAL)
			tp_die("clone3 probe");
		printf("clone3 %s\n", errno == ENOSYS ? "no" : "yes");
		return 0;
	}
	tp_out("root %d", (int)getpid());
	if (strcmp(argv[1], "exitsig0") == 0) {
		if ((pid = raw_clone(0)) < 0)
			tp_die("clone");
		if (pid == 0)
			_exit(33);
		tp_out("clone exitsig0 %d %d", (int)getpid(), (int)pid);
		/* No exit signal: only __WALL (or __WCLONE) waits for it. */
		check(pid, __WALL, 33);
		return 0;
	}
	if (strcmp(argv[1], "clone3") == 0) {
		if ((pid = raw_clone3(0, SIGCHLD)) < 0)
			tp_die("clone3");
		if (pid == 0)
			_exit(34);
		tp_out("clone fork %d %d", (int)getpid(), (int)pid);
		check(pid, 0, 34);
		if ((pid = raw_clone3(0, 0)) < 0)
			tp_die("clone3");
		if (pid == 0)
			_exit(35);
		tp_out("clone clone %d %d", (int)getpid(), (int)pid);
		check(pid, __WALL, 35);
		if ((pid = vfork_clone3_exit(36)) < 0) {
			if (errno == ENOSYS)
				return 0;
			tp_die("clone3 vfork");
		}
		tp_out("clone vfork %d %d", (int)getpid(), (int)pid);
		check(pid, 0, 36);
		return 0;
	}
	if (strcmp(argv[1], "parent") == 0) {
		tp_pipe(p);
		if ((a = fork()) < 0)
			tp_die("fork");
		if (a == 0) {
			close(p[0]);
			if ((s = raw_clone(CLONE_PARENT | SIGCHLD)) < 0)
				tp_die("clone");
			if (s == 0)
				_exit(41);
			tp_out("clone sibling %d %d", (int)getpid(), (int)s);
			if (write(p[1], &s, sizeof s) != sizeof s)
				tp_die("write");
			/* Exit signal 0: the kernel reports a CLONE event. */
			if ((s = raw_clone(CLONE_PARENT)) < 0)
				tp_die("clone");
			if (s == 0)
				_exit(43);
			tp_out("clone sibling0 %d %d", (int)getpid(), (int)s);
			if (write(p[1], &s, sizeof s) != sizeof s)
				tp_die("write");
			_exit(40);
		}
		close(p[1]);
		tp_out("clone fork %d %d", (int)getpid(), (int)a);
		if (read(p[0], &s, sizeof s) != sizeof s)
			tp_die("read");
		check(s, __WALL, 41);
		if (read(p[0], &s, sizeof s) != sizeof s)
			tp_die("read");
		check(s, __WALL, 43);
		check(a, 0, 40);
		return 0;
	}
	if (strcmp(argv[1], "parent-root") == 0) {
		if ((s = raw_clone(CLONE_PARENT | SIGCHLD)) < 0)
			tp_die("clone");
		if (s == 0)
			_exit(42);
		tp_out("clone sibling %d %d", (int)getpid(), (int)s);
		/* Not our child: we cannot wait for it. */
		if (waitpid(s, NULL, WNOHANG | __WALL) != -1 || errno != ECHILD)
			tp_die("CLONE_PARENT child is ours");
		return 0;
	}
	tp_die("unknown mode %s", argv[1]);
}
