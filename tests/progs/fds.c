/* fds - file descriptors across exec, for --fds (tests/fds.test).
 *
 *   fds root DIR     root: notes every fd it has at start ("fd root FD
 *                    MODE PATH" in $FWTEST_OUT, from its own /proc/self
 *                    view and fcntl), then sets up, by number:
 *                      10  DIR/keep, O_WRONLY              crosses the exec
 *                      11  DIR/gone, O_RDONLY|O_CLOEXEC    closed by it
 *                      12  a pipe's write end              crosses the exec
 *                      13  that pipe's read end, CLOEXEC   closed by it
 *                    ("fd open|cloexec FD MODE PATH" lines), forks a child
 *                    that execs "fds child", waits for it, exits 0.
 *   fds child        opens DIR/late with O_CLOEXEC as fd 14 ("fd late ...")
 *                    and execs "fds last": its second exec.
 *   fds last         exits 0.
 *
 * MODE is r, w or rw (fcntl F_GETFL). Paths come from readlink of
 * /proc/self/fd/N (pipe:[INODE] for the pipe), so the test compares the
 * log with what the program itself saw. */
#include "tprog.h"

#include <dirent.h>
#include <limits.h>
#include <stdbool.h>

static const char *
mode_of(int fd)
{
	int	 fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		tp_die("F_GETFL %d", fd);
	switch (fl & O_ACCMODE) {
	case O_RDONLY:	return "r";
	case O_WRONLY:	return "w";
	default:	return "rw";
	}
}

/* One side line for fd as the program sees it. */
static void
note(const char *what, int fd)
{
	char	 link[64], target[PATH_MAX];
	ssize_t	 n;

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	if ((n = readlink(link, target, sizeof target - 1)) < 0)
		tp_die("readlink %s", link);
	target[n] = '\0';
	tp_out("fd %s %d %s %s", what, fd, mode_of(fd), target);
}

/* Move fd to number want (close-on-exec or not), closing the old one. */
static void
place(int fd, int want, bool cloexec)
{
	if (dup3(fd, want, cloexec ? O_CLOEXEC : 0) != want)
		tp_die("dup3 %d", want);
	close(fd);
}

static void
self_exec(const char *mode, const char *dir)
{
	char	 self[PATH_MAX];
	ssize_t	 n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n < 0)
		tp_die("readlink exe");
	self[n] = '\0';
	execl(self, "fds", mode, dir, (char *)NULL);
	tp_die("exec %s", self);
}

static int
root(const char *dir)
{
	char		 path[PATH_MAX];
	DIR		*d;
	struct dirent	*de;
	int		 fds[64], nfd = 0, i, p[2], fd;
	pid_t		 pid;
	char		 st[32];

	/* What it has from its launcher (the readdir's own fd excluded). */
	if ((d = opendir("/proc/self/fd")) == NULL)
		tp_die("opendir");
	while ((de = readdir(d)) != NULL && nfd < 64) {
		if (de->d_name[0] != '.' && atoi(de->d_name) != dirfd(d))
			fds[nfd++] = atoi(de->d_name);
	}
	closedir(d);
	for (i = 0; i < nfd; i++)
		note("root", fds[i]);

	snprintf(path, sizeof path, "%s/keep", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		tp_die("open %s", path);
	place(fd, 10, false);
	snprintf(path, sizeof path, "%s/gone", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		tp_die("create %s", path);
	close(fd);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		tp_die("open %s", path);
	place(fd, 11, true);
	if (pipe(p) != 0)
		tp_die("pipe");
	place(p[1], 12, false);
	place(p[0], 13, true);
	note("open", 10);
	note("cloexec", 11);
	note("open", 12);
	note("cloexec", 13);

	if ((pid = fork()) < 0)
		tp_die("fork");
	if (pid == 0)
		self_exec("child", dir);
	tp_out("child %d", (int)pid);
	tp_out("status %s", tp_status(tp_waitpid(pid, 0), st, sizeof st));
	return 0;
}

int
main(int argc, char **argv)
{
	char	 path[PATH_MAX];
	int	 fd;

	if (argc != 3)
		tp_die("usage: fds root|child|last DIR");
	if (strcmp(argv[1], "child") == 0) {
		snprintf(path, sizeof path, "%s/late", argv[2]);
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0644)) < 0)
			tp_die("open %s", path);
		place(fd, 14, true);
		note("late", 14);
		self_exec("last", argv[2]);
	}
	if (strcmp(argv[1], "last") == 0)
		return 0;
	return root(argv[2]);
}
