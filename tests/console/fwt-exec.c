/* fwt-exec - an exec with a changed environment, a new cwd, an argv that
 * is hard to quote and an argv[0] of its own, for "info exec":
 *
 *   fwt-exec DIR     (FWX_CHANGED and FWX_GONE set by the test) sets
 *                    FWX_NEW="new value", FWX_CHANGED=after and
 *                    FWX_ODD="a\nb\x1b[1m", unsets FWX_GONE, moves to DIR,
 *                    opens DIR/leak (kept across the exec, fd 7), forks;
 *                    the child execs this program again with FWX_MODE=report
 *                    and the argv below. Exits 0 once the child is done.
 *   FWX_MODE=report  writes what it was given to $FWTEST_OUT, each string in
 *                    hex: "report begin", "arg HEX" per argument, "cwd HEX",
 *                    "env HEX" per variable, "report end". Run once by the
 *                    fork above and again by the test from the command
 *                    line "info exec" printed, the two must agree.
 *
 * The "@argv" lines below list the hard arguments; argv[0] is "renamed". */
#include "fwt.h"

#include <fcntl.h>
#include <limits.h>

extern char	**environ;

static const char *const hard_argv[] = {
	"renamed",		/* @argv not the program's name */
	"a b",			/* @argv a blank */
	"it's",			/* @argv a single quote */
	"$HOME `id` \"q\"",	/* @argv shell syntax */
	"tab\there",		/* @argv a tab */
	"new\nline",		/* @argv a newline */
	"\xc3\xbcn\xc3\xaf",	/* @argv UTF-8 */
	"\x1b[31mred",		/* @argv an escape sequence */
	"",			/* @argv empty */
	"-x",			/* @argv like an option */
	"\xff\xfe",		/* @argv not UTF-8 */
	"a=b",			/* @argv like an assignment */
	NULL
};

static void
hex_line(int fd, const char *tag, const char *s)
{
	char	 line[8192];
	size_t	 n, i;

	n = (size_t)snprintf(line, sizeof line, "%s ", tag);
	for (i = 0; s[i] != '\0' && n + 3 < sizeof line; i++)
		n += (size_t)snprintf(line + n, sizeof line - n, "%02x",
		    (unsigned char)s[i]);
	if (s[0] == '\0')
		line[n++] = '-';
	line[n++] = '\n';
	if (write(fd, line, n) != (ssize_t)n)
		fwt_die("write");
}

static int
report(int argc, char **argv)
{
	const char	*out = getenv("FWTEST_OUT");
	char		 cwd[PATH_MAX];
	char		**e;
	int		 fd, i;

	if (out == NULL || getcwd(cwd, sizeof cwd) == NULL)
		fwt_die("report");
	if ((fd = open(out, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0644)) < 0)
		fwt_die("open FWTEST_OUT");
	hex_line(fd, "report", "begin");
	for (i = 0; i < argc; i++)
		hex_line(fd, "arg", argv[i]);
	hex_line(fd, "cwd", cwd);
	for (e = environ; *e != NULL; e++)
		hex_line(fd, "env", *e);
	hex_line(fd, "report", "end");
	close(fd);
	return 0;
}

int
main(int argc, char **argv)
{
	char	 path[PATH_MAX], self[PATH_MAX];
	ssize_t	 n;
	pid_t	 pid;
	int	 fd;

	if (getenv("FWX_MODE") != NULL)
		return report(argc, argv);
	if (argc != 2)
		fwt_die("usage: fwt-exec DIR");
	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) < 0)
		fwt_die("readlink");
	self[n] = '\0';
	if (setenv("FWX_NEW", "new value", 1) != 0 ||
	    setenv("FWX_CHANGED", "after", 1) != 0 ||
	    setenv("FWX_ODD", "a\nb\x1b[1m", 1) != 0 ||
	    unsetenv("FWX_GONE") != 0 || setenv("FWX_MODE", "report", 1) != 0)
		fwt_die("setenv");
	if (chdir(argv[1]) != 0)
		fwt_die("chdir");
	snprintf(path, sizeof path, "%s/leak", argv[1]);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0 ||
	    dup2(fd, 7) != 7)
		fwt_die("open leak");
	close(fd);
	if ((pid = fwt_fork()) == 0) {
		execve(self, (char *const *)hard_argv, environ);
		fwt_die("execve");
	}
	return WEXITSTATUS(fwt_wait(pid)) == 0 ? 0 : 99;
}
