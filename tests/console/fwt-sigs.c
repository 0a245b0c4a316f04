/* fwt-sigs - a process with known dispositions for "info": SIGUSR1
 * blocked, SIGUSR2 ignored, SIGTERM caught, /dev/null open as fd 7; then
 * it forks a child (which exits 0), waits and exits 0. */
#include <fcntl.h>

#include "fwt.h"

static void
on_term(int sig)
{
	(void)sig;
}

int
main(void)
{
	sigset_t	 set;
	int		 fd;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
		fwt_die("sigprocmask");
	signal(SIGUSR2, SIG_IGN);
	signal(SIGTERM, on_term);
	if ((fd = open("/dev/null", O_RDONLY)) < 0 || dup2(fd, 7) != 7)
		fwt_die("/dev/null");
	close(fd);
	if (fwt_fork() == 0)
		_exit(0);
	fwt_wait(-1);
	return 0;
}
