/* chain.c - a process tree with a known critical path, for tracing.
 *
 * `chain N` (N > 0) forks a chain child and a sibling. The chain child
 * blocks on a pipe; the sibling exits at once; only after reaping the
 * sibling does the parent release the chain child, which then execs
 * `chain N-1`, and the parent waits for it. So at every level the chain
 * child ends after its sibling, by construction and not by timing: the
 * critical path is chain N > chain N-1 > ... > chain 0. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int
wait_for(pid_t pid)
{
	int	 status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			perror("chain: waitpid");
			return 1;
		}
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int
main(int argc, char **argv)
{
	char	 arg[16], go;
	pid_t	 chain, sibling;
	int	 fds[2], n;

	n = argc > 1 ? atoi(argv[1]) : 3;
	if (n <= 0)
		return 0;
	if (pipe(fds) < 0) {
		perror("chain: pipe");
		return 1;
	}
	chain = fork();
	if (chain < 0) {
		perror("chain: fork");
		return 1;
	}
	if (chain == 0) {
		close(fds[1]);
		if (read(fds[0], &go, 1) != 1)
			_exit(1);
		snprintf(arg, sizeof arg, "%d", n - 1);
		execl("/proc/self/exe", "chain", arg, (char *)NULL);
		perror("chain: exec");
		_exit(127);
	}
	close(fds[0]);
	sibling = fork();
	if (sibling < 0) {
		perror("chain: fork");
		return 1;
	}
	if (sibling == 0)
		_exit(0);
	if (wait_for(sibling) != 0)
		return 1;
	go = 'g';
	if (write(fds[1], &go, 1) != 1) {
		perror("chain: write");
		return 1;
	}
	close(fds[1]);
	return wait_for(chain);
}
