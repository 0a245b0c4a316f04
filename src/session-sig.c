/* session-sig.c - "handle": what the session does when a signal is about to
 * be delivered to a traced task, per signal, as gdb's signal table does:
 * stop the tree there, say so, pass the signal on. Breakpoints on signals
 * are separate (a "break signal" stops whatever handle says). */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "flags.h"
#include "session.h"

/* The actions "handle" takes, with what each also implies (gdb's rules:
 * stop implies print, noprint implies nostop). */
static const struct {
	const char	*word;
	unsigned	 set, clear;
	const char	*help;
} actions[] = {
	{ "stop",	SESS_SIG_STOP | SESS_SIG_PRINT, 0,
	    "stop the tree when it is about to be delivered" },
	{ "nostop",	0, SESS_SIG_STOP, "do not stop for it (the default)" },
	{ "print",	SESS_SIG_PRINT, 0, "say when it is delivered" },
	{ "noprint",	0, SESS_SIG_PRINT | SESS_SIG_STOP,
	    "say nothing (the default)" },
	{ "pass",	0, SESS_SIG_NOPASS, "deliver it (the default)" },
	{ "nopass",	SESS_SIG_NOPASS, 0,
	    "take it away: the task never gets it" },
	{ "noignore",	0, SESS_SIG_NOPASS, "the same as pass" },
	{ "ignore",	SESS_SIG_NOPASS, 0, "the same as nopass" },
};

const char *
session_sig_action_at(int i)
{
	if (i < 0 || (size_t)i >= FW_ARRAY_SIZE(actions))
		return NULL;
	return actions[i].word;
}

int
session_sig_parse(int argc, char **argv, int *sig, unsigned *set,
    unsigned *clear, struct fw_buf *err)
{
	size_t	 k;
	int	 i;

	*set = *clear = 0;
	if (strcmp(argv[0], "all") == 0)
		*sig = 0;
	else if ((*sig = flags_sigparse(argv[0])) <= 0 || *sig >= SESS_NSIG) {
		fw_buf_printf(err, "unknown signal '%s'", argv[0]);
		return -1;
	}
	for (i = 1; i < argc; i++) {
		for (k = 0; k < FW_ARRAY_SIZE(actions); k++) {
			if (strcmp(argv[i], actions[k].word) == 0)
				break;
		}
		if (k == FW_ARRAY_SIZE(actions)) {
			fw_buf_printf(err, "unknown action '%s' (stop, nostop, "
			    "print, noprint, pass, nopass)", argv[i]);
			return -1;
		}
		/* Later words win, as they are applied in order. */
		*set = (*set & ~actions[k].clear) | actions[k].set;
		*clear = (*clear & ~actions[k].set) | actions[k].clear;
	}
	return 0;
}

void
session_sig_apply(struct session *s, int sig, unsigned set, unsigned clear)
{
	int	 i;

	for (i = sig == 0 ? 1 : sig; i < (sig == 0 ? SESS_NSIG : sig + 1);
	    i++) {
		/* "all" leaves the signals a debugger must not take over,
		 * as gdb's does: SIGKILL and SIGSTOP cannot be handled. */
		if (sig == 0 && (i == SIGKILL || i == SIGSTOP))
			continue;
		s->sig_handle[i] = (unsigned char)((s->sig_handle[i] &
		    ~clear) | set);
	}
}

void
session_sig_header(struct fw_buf *b)
{
	fw_buf_adds(b, "Signal        Stop  Print  Pass  Description\n");
}

void
session_sig_line(const struct session *s, int sig, struct fw_buf *b)
{
	unsigned	 h = s->sig_handle[sig];

	fw_buf_printf(b, "%-13s %-5s %-6s %-5s %s\n", flags_signame(sig),
	    h & SESS_SIG_STOP ? "Yes" : "No", h & SESS_SIG_PRINT ? "Yes" : "No",
	    h & SESS_SIG_NOPASS ? "No" : "Yes", strsignal(sig));
}

void
session_sig_save(const struct session *s, struct fw_buf *b)
{
	unsigned	 h;
	int		 i;

	for (i = 1; i < SESS_NSIG; i++) {
		if ((h = s->sig_handle[i]) == 0)
			continue;
		fw_buf_printf(b, "handle %s %s %s %s\n", flags_signame(i),
		    h & SESS_SIG_STOP ? "stop" : "nostop",
		    h & SESS_SIG_PRINT ? "print" : "noprint",
		    h & SESS_SIG_NOPASS ? "nopass" : "pass");
	}
}
