/* report-follow.c - report's log source (file, "-", unix:PATH) and
 * --follow: a poll loop over the log, a signalfd and an interval timer. */
#include "config.h"

#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "report-follow.h"
#include "util.h"

#define UNIX_PREFIX	"unix:"

/* "forkwatch: WHAT PATH: strerror(err)", PATH escaped (a name can hold
 * control characters). */
static void
path_error(const char *what, const char *path, int err)
{
	struct fw_buf	 b;

	fw_buf_init(&b);
	fw_buf_printf(&b, "forkwatch: %s ", what);
	esc_text_bare(&b, path, strlen(path));
	fw_buf_printf(&b, ": %s\n", strerror(err));
	fputs(fw_buf_cstr(&b), stderr);
	fw_buf_release(&b);
}

/* The signals a follower takes through its signalfd. */
static void
follow_sigset(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGUSR1);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

/* Take the signals through a signalfd; -1 after printing why. */
static int
signals_take(struct report_follow *fl)
{
	sigset_t	 set;

	follow_sigset(&set);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0 ||
	    (fl->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) < 0) {
		fprintf(stderr, "forkwatch: report: cannot take signals: %s\n",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Give them back their default handling (a blocking read must be
 * interruptible by Ctrl-C). */
static void
signals_give_back(struct report_follow *fl)
{
	sigset_t	 set;

	if (fl->sigfd < 0)
		return;
	close(fl->sigfd);
	fl->sigfd = -1;
	follow_sigset(&set);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* Read what the signalfd holds: SIGUSR1 asks for a report, the others stop
 * following. */
static void
signals_read(struct report_follow *fl)
{
	struct signalfd_siginfo	 si;

	while (read(fl->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGUSR1)
			fl->show_due = true;
		else
			fl->stopped = true;
	}
}

/* Listen on the Unix socket at path and accept one writer: its fd, or -1
 * after printing why, or -1 with errno EINTR when stop(arg) said so (it is
 * asked each time stopfd is readable). A socket file that nobody listens
 * on any more (left by a killed reader) is replaced; the socket file is
 * removed once a writer connected, or on failure. */
static int
listen_unix(const char *path, int stopfd, bool (*stop)(void *), void *arg)
{
	struct sockaddr_un	 sa;
	struct pollfd		 pfd[2];
	struct stat		 st;
	int			 s, c = -1, probe;
	bool			 stopped = false;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		path_error("cannot listen on", path, ENAMETOOLONG);
		return -1;
	}
	strcpy(sa.sun_path, path);
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode) &&
	    (probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) >= 0) {
		if (connect(probe, (struct sockaddr *)&sa, sizeof sa) != 0 &&
		    errno == ECONNREFUSED)
			unlink(path);
		close(probe);
	}
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(s, 1) != 0) {
		path_error("cannot listen on", path, errno);
		if (s >= 0)
			close(s);
		return -1;
	}
	pfd[0].fd = s;
	pfd[0].events = POLLIN;
	pfd[1].fd = stopfd;
	pfd[1].events = POLLIN;
	while (!stopped) {
		if (poll(pfd, stopfd >= 0 ? 2 : 1, -1) < 0 && errno != EINTR)
			break;
		if (stopfd >= 0 && pfd[1].revents != 0 && stop(arg))
			stopped = true;
		else if (pfd[0].revents != 0) {
			c = accept4(s, NULL, NULL, SOCK_CLOEXEC);
			if (c >= 0 || (errno != EINTR && errno != EAGAIN &&
			    errno != ECONNABORTED))
				break;
		}
	}
	if (c < 0 && !stopped)
		path_error("cannot accept on", path, errno);
	close(s);
	unlink(path);
	if (stopped)
		errno = EINTR;
	return c;
}

int
report_follow_source(const char *path, int stopfd, bool (*stop)(void *),
    void *arg, const char **name, bool *own)
{
	int	 fd;

	*name = path;
	*own = true;
	if (strncmp(path, UNIX_PREFIX, strlen(UNIX_PREFIX)) == 0)
		return listen_unix(path + strlen(UNIX_PREFIX), stopfd, stop,
		    arg);
	if (strcmp(path, "-") == 0) {
		*name = "<stdin>";
		*own = false;
		return STDIN_FILENO;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		path_error("cannot open", path, errno);
	return fd;
}

/* report_follow_source()'s stop: a signal came; stop on all but SIGUSR1. */
static bool
stop_on_signal(void *arg)
{
	struct report_follow	*fl = arg;

	signals_read(fl);
	return fl->stopped;
}

/* Start the --interval timer; -1 after printing why. */
static int
start_timer(struct report_follow *fl, double secs)
{
	struct itimerspec	 its;

	memset(&its, 0, sizeof its);
	its.it_value.tv_sec = (time_t)secs;
	its.it_value.tv_nsec = (long)((secs - (double)its.it_value.tv_sec) * 1e9);
	if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
		its.it_value.tv_nsec = 1;
	its.it_interval = its.it_value;
	fl->timerfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC |
	    TFD_NONBLOCK);
	if (fl->timerfd < 0 || timerfd_settime(fl->timerfd, 0, &its,
	    NULL) != 0) {
		fprintf(stderr, "forkwatch: report: cannot start the "
		    "--interval timer: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* Wait until log r may have grown, a signal came or the timer ticked. */
static void
wait_more(struct report_follow *fl, struct tlog_reader *r)
{
	struct pollfd	 pfd[3];
	uint64_t	 ticks;
	int		 n = 0, lfd = tlog_read_wait_fd(r);

	pfd[n].fd = fl->sigfd;
	pfd[n++].events = POLLIN;
	if (fl->timerfd >= 0) {
		pfd[n].fd = fl->timerfd;
		pfd[n++].events = POLLIN;
	}
	if (lfd >= 0) {
		pfd[n].fd = lfd;
		pfd[n++].events = POLLIN;
	}
	if (poll(pfd, (nfds_t)n, lfd >= 0 ? -1 : TLOG_READ_POLL_MS) < 0)
		return;
	signals_read(fl);
	if (fl->timerfd >= 0 && read(fl->timerfd, &ticks, sizeof ticks) ==
	    (ssize_t)sizeof ticks)
		fl->show_due = true;
	tlog_read_waited(r);
}

/* The reader's wait for the start line (tlog_wait_fn): -1 once a signal
 * said stop. */
static int
wait_start(void *arg, struct tlog_reader *r)
{
	struct report_follow	*fl = arg;

	wait_more(fl, r);
	return fl->stopped ? -1 : 0;
}

int
report_follow_open(struct report_follow *fl, const char *path, bool follow,
    double interval)
{
	enum tlog_open_error	 why;
	char			*msg = NULL;
	const char		*name;
	int			 fd;
	bool			 own;

	memset(fl, 0, sizeof *fl);
	fl->sigfd = fl->timerfd = -1;
	fl->follow = follow;
	if ((follow || strncmp(path, UNIX_PREFIX, strlen(UNIX_PREFIX)) ==
	    0) && signals_take(fl) != 0)
		return -1;
	fd = report_follow_source(path, fl->sigfd, stop_on_signal, fl, &name,
	    &own);
	if (fd < 0 && fl->stopped)
		path_error("stopped waiting for a writer on", path, EINTR);
	if (fd < 0) {
		report_follow_close(fl);
		return -1;
	}
	if (!follow)
		signals_give_back(fl);
	fl->r = tlog_read_open_fd(fd, name, own, follow, wait_start, fl,
	    &why, &msg);
	if (fl->r == NULL) {
		fprintf(stderr, "forkwatch: %s\n", msg);
		free(msg);
		report_follow_close(fl);
		return -1;
	}
	if (follow && interval > 0 && start_timer(fl, interval) != 0) {
		report_follow_close(fl);
		return -1;
	}
	return 0;
}

int
report_follow_next(struct report_follow *fl, struct tlog_event *ev)
{
	int	 rc;

	if (!fl->follow)
		return tlog_read_next(fl->r, ev);
	for (;;) {
		if (fl->ended || fl->stopped)
			return 0;
		rc = tlog_read_next(fl->r, ev);
		if (rc == 1 && ev->kind == FW_EV_END)
			fl->ended = true;
		if (rc != TLOG_READ_AGAIN)
			return rc;
		/* All that was written so far has been read. */
		if (fl->show_due) {
			fl->show_due = false;
			fl->shown++;
			return REPORT_FOLLOW_SHOW;
		}
		wait_more(fl, fl->r);
	}
}

void
report_follow_close(struct report_follow *fl)
{
	tlog_read_free(fl->r);
	fl->r = NULL;
	if (fl->timerfd >= 0)
		close(fl->timerfd);
	fl->timerfd = -1;
	signals_give_back(fl);
}
