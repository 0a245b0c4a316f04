/* sigctl.h - forkwatch's own signal handling. The handlers only record the
 * signal (in the one process-wide flag that a signal handler needs); the
 * wait loop sees it because the handlers are installed without SA_RESTART,
 * so a blocking wait4 returns EINTR. */
#ifndef FW_SIGCTL_H
#define FW_SIGCTL_H

#include <signal.h>
#include <stdbool.h>

/* Non-zero when a signal arrived that the loop has not taken yet. */
extern volatile sig_atomic_t sigctl_pending;

/* Catch SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP and ignore SIGPIPE.
 * A signal inherited as ignored (a background job, nohup) stays ignored,
 * except that attach is true (-p): then SIGINT, SIGTERM, SIGHUP and
 * SIGQUIT are always caught, so forkwatch can always detach. */
void	sigctl_install(bool attach);
/* Take the oldest recorded signal: returns its number (0 if none) and
 * whether it came from kill(2) (rather than the terminal or the kernel). */
int	sigctl_take(bool *from_user);
/* A file descriptor that is readable while a signal is recorded (a
 * self-pipe), for poll(): a signal that comes just before poll() is
 * called would not interrupt it. -1 before sigctl_install(). */
int	sigctl_fd(void);
/* The recorded signal sigctl_take() would return, left recorded. */
int	sigctl_peek(void);
/* Stop forkwatch itself as a terminal's SIGTSTP would (until SIGCONT). */
void	sigctl_suspend_self(void);
/* In a launched child before exec: undo forkwatch's own SIGPIPE setting. */
void	sigctl_child_reset(void);
/* Restore default dispositions (before exec'ing gdb, say). */
void	sigctl_restore(void);

#endif
