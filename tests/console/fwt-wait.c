/* fwt-wait FIFO [CHILDREN] - fork CHILDREN children (default 0); then the
 * root and each child open FIFO for reading (blocking until someone opens
 * it for writing) and read it to its end; children exit 0, the root waits
 * for them and exits 0. Runs until the test lets it go. Its standard
 * fds go to /dev/null at once: a test reads forkwatch's output to its
 * end, and this program may outlive forkwatch (detached, or stopped for
 * gdb) holding a copy. */
#include <fcntl.h>

#include "fwt.h"

static void
drain(const char *path)
{
	char	 buf[64];
	ssize_t	 n;
	int	 fd;

	while ((fd = open(path, O_RDONLY)) < 0) {
		if (errno != EINTR)
			fwt_die("open");
	}
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno != EINTR)
			fwt_die("read");
	}
	close(fd);
}

int
main(int argc, char **argv)
{
	int	 i, fd, n = argc > 2 ? atoi(argv[2]) : 0;

	if (argc < 2) {
		fprintf(stderr, "usage: fwt-wait FIFO [CHILDREN]\n");
		return 2;
	}
	if ((fd = open("/dev/null", O_RDWR)) < 0)
		fwt_die("/dev/null");
	for (i = 0; i < 3; i++)
		dup2(fd, i);
	if (fd > 2)
		close(fd);
	for (i = 0; i < n; i++) {
		if (fwt_fork() == 0) {
			drain(argv[1]);
			_exit(0);
		}
	}
	drain(argv[1]);
	for (i = 0; i < n; i++)
		fwt_wait(-1);
	return 0;
}
