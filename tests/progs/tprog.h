/* tprog.h - helpers for the traced test programs under tests/progs.
 *
 * Each program tells the test what it knows (its pid, its children's pids,
 * the wait statuses it saw) as lines appended to the file named by
 * $FWTEST_OUT, so the test can compare pids with the log exactly (like
 * strace's tests/fork-f.c). Events are ordered with pipes, never sleeps.
 * Exit status 99 means the program itself hit an unexpected error. */
#ifndef TPROG_H
#define TPROG_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define TP_FAIL	99

static inline pid_t
tp_gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/* Print a message and exit 99: the program could not do its job. */
static inline void __attribute__((noreturn, format(printf, 1, 2)))
tp_die(const char *fmt, ...)
{
	va_list	 ap;
	int	 e = errno;

	va_start(ap, fmt);
	fprintf(stderr, "tprog[%d]: ", (int)getpid());
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (errno %d: %s)\n", e, strerror(e));
	_exit(TP_FAIL);
}

/* Append one line to $FWTEST_OUT with a single write, so lines of several
 * processes never mix. Async-signal-safe apart from vsnprintf. */
static inline void __attribute__((format(printf, 1, 2)))
tp_out(const char *fmt, ...)
{
	char		 line[512];
	const char	*path = getenv("FWTEST_OUT");
	va_list		 ap;
	int		 n, fd, e = errno;

	if (path == NULL || *path == '\0')
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= (int)sizeof line - 1)
		n = (int)sizeof line - 2;
	line[n++] = '\n';
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		tp_die("open %s", path);
	if (write(fd, line, (size_t)n) != n)
		tp_die("write %s", path);
	close(fd);
	errno = e;
}

/* Block until one byte (1) or EOF (0) arrives on fd. */
static inline int
tp_wait_fd(int fd)
{
	char	 c;
	ssize_t	 r;

	while ((r = read(fd, &c, 1)) < 0 && errno == EINTR)
		;
	if (r < 0)
		tp_die("read handshake");
	return (int)r;
}

static inline void
tp_post_fd(int fd)
{
	ssize_t	 r;

	while ((r = write(fd, "x", 1)) < 0 && errno == EINTR)
		;
	if (r != 1)
		tp_die("write handshake");
}

static inline void
tp_pipe(int p[2])
{
	if (pipe2(p, O_CLOEXEC) != 0)
		tp_die("pipe");
}

/* waitpid that retries on EINTR and dies on failure. */
static inline int
tp_waitpid(pid_t pid, int flags)
{
	int	 st;
	pid_t	 r;

	while ((r = waitpid(pid, &st, flags)) < 0 && errno == EINTR)
		;
	if (r != pid)
		tp_die("waitpid %d", (int)pid);
	return st;
}

/* Describe a wait status the way the log does: "code N" or "signal N". */
static inline const char *
tp_status(int st, char *buf, size_t len)
{
	if (WIFEXITED(st))
		snprintf(buf, len, "code %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, len, "signal %d%s", WTERMSIG(st),
		    WCOREDUMP(st) ? " core" : "");
	else
		snprintf(buf, len, "other %#x", st);
	return buf;
}

#endif
