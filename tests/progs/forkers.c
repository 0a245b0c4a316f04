/* forkers: P concurrent forkers (argv[1]) each fork N children
 * (argv[2]). Mode (argv[3]):
 *   burst  each forker forks all its children (each _exit(i % 100)s at
 *          once), then reaps them: first stops race the fork events
 *   seq    each forker forks and reaps its children one at a time
 * All forkers start together (a pipe closed by the root). A forker exits
 * 0 when every status was right; the root exits 0 when every forker did.
 * Side file (unless argv[4] is "quiet"): "forker PID", and
 * "child FORKER PID CODE" for each child. */

#include "tprog.h"

static void
run_forker(int n, int burst, int quiet, int go)
{
	pid_t	*kids = calloc((size_t)n, sizeof *kids);
	char	 buf[64];
	int	 i, st;

	if (kids == NULL)
		tp_die("calloc");
	tp_wait_fd(go);
	for (i = 0; i < n; i++) {
		if ((kids[i] = fork()) < 0)
			tp_die("fork");
		if (kids[i] == 0)
			_exit(i % 100);
		if (burst)
			continue;
		st = tp_waitpid(kids[i], 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != i % 100)
			tp_die("child %d: %s", (int)kids[i],
			    tp_status(st, buf, sizeof buf));
	}
	for (i = 0; burst && i < n; i++) {
		st = tp_waitpid(kids[i], 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != i % 100)
			tp_die("child %d: %s", (int)kids[i],
			    tp_status(st, buf, sizeof buf));
	}
	if (!quiet) {
		tp_out("forker %d", (int)getpid());
		for (i = 0; i < n; i++)
			tp_out("child %d %d %d", (int)getpid(), (int)kids[i],
			    i % 100);
	}
	_exit(0);
}

int
main(int argc, char **argv)
{
	int	 p, n, burst, quiet, i, st, bad = 0, go[2];
	pid_t	*forkers;

	if (argc < 4)
		tp_die("usage: forkers P N burst|seq [quiet]");
	p = atoi(argv[1]);
	n = atoi(argv[2]);
	burst = strcmp(argv[3], "burst") == 0;
	quiet = argc > 4 && strcmp(argv[4], "quiet") == 0;
	forkers = calloc((size_t)p, sizeof *forkers);
	if (forkers == NULL)
		tp_die("calloc");
	tp_out("root %d", (int)getpid());
	tp_pipe(go);
	for (i = 0; i < p; i++) {
		if ((forkers[i] = fork()) < 0)
			tp_die("fork");
		if (forkers[i] == 0) {
			close(go[1]);
			run_forker(n, burst, quiet, go[0]);
		}
	}
	close(go[1]);		/* go! */
	for (i = 0; i < p; i++) {
		st = tp_waitpid(forkers[i], 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad++;
	}
	return bad ? 1 : 0;
}
