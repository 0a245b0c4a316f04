/* sigctl.c - record signals sent to forkwatch for the wait loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "sigctl.h"
#include "util.h"

volatile sig_atomic_t sigctl_pending;

static volatile sig_atomic_t	 caught_sig;
static int			 wake_fd[2] = { -1, -1 };	/* self-pipe */
static volatile sig_atomic_t	 caught_user;
static bool			 pipe_was_ignored;

static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP };
/* The signals that make an attaching forkwatch detach: caught even when
 * they were inherited as ignored (a script's "trap '' INT", nohup), as
 * strace does, or a forkwatch started so could only be stopped with
 * SIGKILL, leaving every task traced and stopped. */
static const int detach_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static bool
is_detach_sig(int sig)
{
	size_t	 i;

	for (i = 0; i < FW_ARRAY_SIZE(detach_sigs); i++) {
		if (detach_sigs[i] == sig)
			return true;
	}
	return false;
}

static void
on_signal(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	caught_sig = sig;
	/* A terminal's signal comes from the kernel (SI_KERNEL); kill(2)
	 * and friends say SI_USER/SI_TKILL/SI_QUEUE. */
	caught_user = si != NULL && si->si_code != SI_KERNEL;
	sigctl_pending = 1;
	if (wake_fd[1] >= 0) {
		int	 e = errno;
		ssize_t	 r = write(wake_fd[1], "s", 1);

		(void)r;	/* full: a wake-up is pending anyway */
		errno = e;
	}
}

void
sigctl_install(bool attach)
{
	struct sigaction	 sa, old;
	size_t			 i;

	if (wake_fd[0] < 0 && pipe2(wake_fd, O_NONBLOCK | O_CLOEXEC) != 0)
		wake_fd[0] = wake_fd[1] = -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;	/* no SA_RESTART: interrupt wait4 */
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < FW_ARRAY_SIZE(caught); i++) {
		/* Launching, an ignored signal stays ignored: the program
		 * inherits the same (a background job's SIGINT, nohup). */
		if (!(attach && is_detach_sig(caught[i])) &&
		    sigaction(caught[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(caught[i], &sa, NULL);
	}
	if (sigaction(SIGPIPE, NULL, &old) == 0)
		pipe_was_ignored = old.sa_handler == SIG_IGN;
	signal(SIGPIPE, SIG_IGN);
}

void
sigctl_child_reset(void)
{
	/* forkwatch ignores SIGPIPE for itself; the program gets what
	 * forkwatch was given. */
	signal(SIGPIPE, pipe_was_ignored ? SIG_IGN : SIG_DFL);
}

int
sigctl_peek(void)
{
	return caught_sig;
}

int
sigctl_fd(void)
{
	return wake_fd[0];
}

int
sigctl_take(bool *from_user)
{
	char	 buf[16];
	int	 sig = caught_sig;

	while (wake_fd[0] >= 0 && read(wake_fd[0], buf, sizeof buf) > 0)
		;

	*from_user = caught_user != 0;
	caught_sig = 0;
	sigctl_pending = 0;
	return sig;
}

void
sigctl_suspend_self(void)
{
	struct sigaction	 sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, &old);
	raise(SIGTSTP);
	/* Continued (fg): catch the next one again. */
	sigaction(SIGTSTP, &old, NULL);
}

void
sigctl_restore(void)
{
	size_t	 i;

	for (i = 0; i < FW_ARRAY_SIZE(caught); i++)
		signal(caught[i], SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
}
