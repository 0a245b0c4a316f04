/* fwt-burst [N] - fork N children (default 20) that wait on one pipe; the
 * root closes it, so they all wake and exit 0 at once; it waits for them
 * and exits 0. Many tasks reach the same event in the same instant. */
#include "fwt.h"

int
main(int argc, char **argv)
{
	int	 p[2], i, n = argc > 1 ? atoi(argv[1]) : 20;
	char	 c;

	if (pipe(p) != 0)
		fwt_die("pipe");
	for (i = 0; i < n; i++) {
		if (fwt_fork() == 0) {
			close(p[1]);
			while (read(p[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
	}
	close(p[1]);
	for (i = 0; i < n; i++)
		fwt_wait(-1);
	return 0;
}
