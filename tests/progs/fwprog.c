/* fwprog: small behaviours for the forkwatch tests (argv[1]):
 *   code N [ARG...]  exit N (ARGs are ignored)
 *   raise SIG        die of signal number SIG (default disposition)
 *   touch FILE       create FILE, exit 0 (proves the program ran)
 *   echo             write known bytes to stdout and stderr, copy stdin
 *                    to stdout, exit 3
 *   block FIFO [K] [term]
 *                    fork K children that wait for our death (pipe EOF)
 *                    and then exit 0; write "root PID" and "child PID";
 *                    then open FIFO for reading and read it to EOF; exit 0.
 *                    With "term", SIGTERM makes us exit 3 instead.
 * Side file: "root PID", "child PID". */
#include "tprog.h"

#include <signal.h>

static void
on_term(int sig)
{
	(void)sig;
	_exit(3);
}

static int
echo(void)
{
	static const char	 out[] = "out: plain\n\x1b[1mbold\x1b[0m\t\xff\xfe\n";
	static const char	 err[] = "err: to stderr \x01\x02\n";
	char			 buf[4096];
	ssize_t			 n;

	if (write(STDOUT_FILENO, out, sizeof out - 1) != sizeof out - 1 ||
	    write(STDERR_FILENO, err, sizeof err - 1) != sizeof err - 1)
		tp_die("write");
	while ((n = read(STDIN_FILENO, buf, sizeof buf)) > 0) {
		if (write(STDOUT_FILENO, buf, (size_t)n) != n)
			tp_die("write");
	}
	return 3;
}

static int
block(const char *fifo, int k, int term)
{
	struct sigaction	 sa;
	int			 p[2], i, fd;
	pid_t			 pid;
	char			 buf[256];

	tp_pipe(p);
	for (i = 0; i < k; i++) {
		if ((pid = fork()) < 0)
			tp_die("fork");
		if (pid == 0) {
			close(p[1]);
			tp_wait_fd(p[0]);
			_exit(0);
		}
		tp_out("child %d", (int)pid);
	}
	close(p[0]);
	if (term) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_term;
		sigaction(SIGTERM, &sa, NULL);
	}
	tp_out("ready %d", (int)getpid());
	if ((fd = open(fifo, O_RDONLY | O_CLOEXEC)) < 0)
		tp_die("open %s", fifo);
	while (read(fd, buf, sizeof buf) > 0)
		;
	return 0;
}

int
main(int argc, char **argv)
{
	int	 fd;

	if (argc < 2)
		tp_die("usage: fwprog code|raise|touch|echo|block ...");
	if (strcmp(argv[1], "code") == 0 && argc >= 3)
		return atoi(argv[2]);
	tp_out("root %d", (int)getpid());
	if (strcmp(argv[1], "raise") == 0 && argc == 3) {
		signal(atoi(argv[2]), SIG_DFL);
		raise(atoi(argv[2]));
		return 98;
	}
	if (strcmp(argv[1], "touch") == 0 && argc == 3) {
		if ((fd = open(argv[2], O_WRONLY | O_CREAT, 0644)) < 0)
			tp_die("open %s", argv[2]);
		close(fd);
		return 0;
	}
	if (strcmp(argv[1], "echo") == 0)
		return echo();
	if (strcmp(argv[1], "block") == 0 && argc >= 3)
		return block(argv[2], argc > 3 ? atoi(argv[3]) : 0,
		    argc > 4 && strcmp(argv[4], "term") == 0);
	tp_die("bad arguments");
}
