/* runcount.c - the one definition of a run's process, thread, exec and
 * signal counts. */
#include "config.h"

#include "runcount.h"

void
runcount_event(struct fw_runcount *c, enum fw_event_kind kind, bool thread,
    long long pid, long long tgid)
{
	switch (kind) {
	case FW_EV_FORK:
	case FW_EV_VFORK:
		c->processes++;
		break;
	case FW_EV_CLONE:
		if (thread)
			c->threads++;
		else
			c->processes++;
		break;
	case FW_EV_ATTACH:
		if (pid == tgid)
			c->processes++;
		else
			c->threads++;
		break;
	case FW_EV_EXEC:
		c->execs++;
		break;
	case FW_EV_SIGNAL:
		c->signals++;
		break;
	default:
		break;
	}
}

void
runcount_launched(struct fw_runcount *c)
{
	c->processes++;
}
