/* launch.c - fork and exec the traced program with a start handshake. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "launch.h"
#include "sigctl.h"
#include "util.h"

/* In the child: make tty_fd the controlling terminal and stdio. */
static void
child_take_tty(int tty_fd)
{
	if (setsid() < 0)
		return;
	ioctl(tty_fd, TIOCSCTTY, 0);
	dup2(tty_fd, STDIN_FILENO);
	dup2(tty_fd, STDOUT_FILENO);
	dup2(tty_fd, STDERR_FILENO);
	if (tty_fd > STDERR_FILENO)
		close(tty_fd);
}

int
launch_spawn(struct launch *l, char *const argv[], const sigset_t *mask,
    int tty_fd, int stdout_fd)
{
	int	 go[2], err[2], e;
	char	 c;

	if (pipe2(go, O_CLOEXEC) != 0)
		return -errno;
	if (pipe2(err, O_CLOEXEC) != 0) {
		e = -errno;
		close(go[0]);
		close(go[1]);
		return e;
	}
	l->pid = fork();
	if (l->pid < 0) {
		e = -errno;
		close(go[0]); close(go[1]); close(err[0]); close(err[1]);
		return e;
	}
	if (l->pid == 0) {
		close(go[1]);
		close(err[0]);
		/* Wait until the tracer has seized us; EOF means go. */
		while (read(go[0], &c, 1) < 0 && errno == EINTR)
			;
		close(go[0]);
		if (stdout_fd >= 0)
			dup2(stdout_fd, STDOUT_FILENO);
		if (tty_fd >= 0)
			child_take_tty(tty_fd);
		sigctl_child_reset();
		sigprocmask(SIG_SETMASK, mask, NULL);
		execvp(argv[0], argv);
		e = errno;
		while (write(err[1], &e, sizeof e) < 0 && errno == EINTR)
			;
		_exit(launch_exit_status(e));
	}
	close(go[0]);
	close(err[1]);
	l->go_fd = go[1];
	l->err_fd = err[0];
	return 0;
}

int
launch_release(struct launch *l)
{
	int	 e = 0;
	ssize_t	 n;

	close(l->go_fd);
	l->go_fd = -1;
	/* The pipe closes at a successful exec (close-on-exec), before the
	 * exec event stop; so this read cannot wait on a stopped child. */
	do {
		n = read(l->err_fd, &e, sizeof e);
	} while (n < 0 && errno == EINTR);
	close(l->err_fd);
	l->err_fd = -1;
	if (n == (ssize_t)sizeof e)
		return -e;
	return 0;
}

int
launch_exit_status(int err)
{
	if (err < 0)
		err = -err;
	return (err == ENOENT || err == ENOTDIR) ? 127 : 126;
}
