/* fwt.h - helpers for the console test programs (tests/console/fwt-*.c).
 * Each program makes lifecycle events in one known order: every step
 * waits for the one before (waitpid, pipes), never for time. Exit status
 * 99 means the program itself failed. */
#ifndef FWT_H
#define FWT_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static inline void __attribute__((noreturn))
fwt_die(const char *what)
{
	fprintf(stderr, "fwt[%d]: %s: %s\n", (int)getpid(), what,
	    strerror(errno));
	_exit(99);
}

static inline pid_t
fwt_fork(void)
{
	pid_t	 pid = fork();

	if (pid < 0)
		fwt_die("fork");
	return pid;
}

/* Wait for pid; its wait status. */
static inline int
fwt_wait(pid_t pid)
{
	int	 st;

	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			fwt_die("waitpid");
	}
	return st;
}

/* Run this program again as argv0 with the given mode (argv[1]). By its
 * real path, so its comm stays its file's name (not "exe"). */
static inline void __attribute__((noreturn))
fwt_reexec(const char *argv0, const char *mode, const char *arg)
{
	char	 self[4096];
	ssize_t	 n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n < 0)
		fwt_die("readlink");
	self[n] = '\0';
	execl(self, argv0, mode, arg, (char *)NULL);
	fwt_die("exec");
}

#endif
