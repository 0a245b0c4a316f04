/* fwt-bt - known call chains for "bt", built -O0 -g
 * -fno-omit-frame-pointer -fno-inline:
 *
 *   root:  main -> make_child -> fork()
 *   child: main -> make_child -> child_path -> child_exit -> exit(4)
 *
 * Each call is followed by work on a volatile so none is a tail call, and
 * the functions are never inlined: the chains hold at -O2 too. The
 * "@line NAME" comments mark the line each frame of NAME must show: tests
 * find them with grep, not from forkwatch. */
#include "fwt.h"

#if defined(__GNUC__) && !defined(__clang__)
#define NOINLINE	__attribute__((noinline, noclone, used))
#else
#define NOINLINE	__attribute__((noinline, used))
#endif

static volatile int	 sink;

void	make_child(void);
void	child_path(void);
void	child_exit(void) __attribute__((noreturn));

NOINLINE void
child_exit(void)
{
	exit(4);				/* @line child_exit */
}

NOINLINE void
child_path(void)
{
	child_exit();				/* @line child_path */
}

NOINLINE void
make_child(void)
{
	pid_t	 pid = fwt_fork();		/* @line make_child */

	if (pid == 0) {
		child_path();			/* @line make_child.child */
		sink++;
	}
	sink += WEXITSTATUS(fwt_wait(pid));
}

int
main(void)
{
	make_child();				/* @line main */
	sink++;
	return 0;
}
