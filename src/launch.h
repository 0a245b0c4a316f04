/* launch.h - start a program so that it can be seized before it runs:
 * the child waits on a pipe until released, then execs; a failed exec sends
 * its errno back through a close-on-exec pipe. */
#ifndef FW_LAUNCH_H
#define FW_LAUNCH_H

#include <signal.h>
#include <sys/types.h>

struct launch {
	pid_t	 pid;
	int	 go_fd;		/* write end: closing it releases the child */
	int	 err_fd;	/* read end: errno of a failed exec, or EOF */
};

/* Fork a child that will exec argv (PATH search like execvp) with the
 * signal mask mask. stdout_fd >= 0: the child's stdout (forkwatch moved its
 * own). tty_fd >= 0: the child starts a new session with that terminal as
 * its controlling tty and stdin/stdout/stderr (the TUI's program pane).
 * Returns 0 or -errno. */
int	launch_spawn(struct launch *, char *const argv[], const sigset_t *mask,
	    int tty_fd, int stdout_fd);
/* Release the child, then wait for its exec: returns 0 when it exec'd,
 * or the exec's -errno. The caller must have seized the child. */
int	launch_release(struct launch *);
/* Exit status forkwatch uses for a program that could not be run:
 * 127 not found, 126 found but not runnable (like env(1)). */
int	launch_exit_status(int err);

#endif
