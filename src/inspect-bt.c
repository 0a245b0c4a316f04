/* inspect-bt.c - backtraces of traced tasks as text, for the console's
 * "bt" and "bt all" and the TUI's details pane: which tasks can be unwound,
 * stopping a running one for the moment it takes, and the header that says
 * whose stack it is. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "backtrace.h"
#include "inspect.h"

/* Capture and format the stack of t, which is in a ptrace-stop. */
static int
capture(struct session *s, struct fw_task *t, struct fw_buf *b,
    struct fw_buf *err)
{
	struct bt_trace	 trace;
	struct fw_buf	 msg;
	int		 r;

	memset(&trace, 0, sizeof trace);
	fw_buf_init(&msg);
	if ((r = bt_capture(s->bt, t->tid, 0, &trace, &msg)) == 0) {
		fw_buf_printf(b, "Task %d ", (int)t->tid);
		inspect_name(s, t, b);
		fw_buf_adds(b, ", ");
		inspect_why(s, t, b);
		fw_buf_adds(b, ":\n");
		bt_format(b, &trace);
	} else
		fw_buf_printf(err, "cannot unwind task %d: %s", (int)t->tid,
		    msg.len > 0 ? fw_buf_cstr(&msg) : strerror(-r));
	bt_trace_release(&trace);
	fw_buf_release(&msg);
	return r == 0 ? 0 : -1;
}

int
inspect_bt(struct session *s, struct fw_task *t, struct fw_buf *b,
    struct fw_buf *err)
{
	pid_t	 tid = t->tid;
	bool	 stopped_here = false;
	int	 r;

	if (s->bt == NULL) {
		fw_buf_adds(err, "backtraces are not available");
		return -1;
	}
	switch (t->state) {
	case TASK_DEAD:
		fw_buf_printf(err, "task %d is gone", (int)tid);
		return -1;
	case TASK_UNTRACED:
		fw_buf_printf(err, "task %d is a thread the kernel made: it "
		    "cannot be traced", (int)tid);
		return -1;
	case TASK_STARTING:
	case TASK_PARKED:
		fw_buf_printf(err, "task %d has not started yet", (int)tid);
		return -1;
	case TASK_RUNNING:
	case TASK_LISTENING:
		if (t->flags & TF_VFORK_WAIT) {
			fw_buf_printf(err, "task %d cannot be stopped: it is in "
			    "vfork until its child execs or exits", (int)tid);
			return -1;
		}
		if ((r = engine_stop_task(&s->eng, t)) != 0 ||
		    (t = task_find(&s->eng.tasks, tid)) == NULL) {
			fw_buf_printf(err, "cannot stop task %d: %s", (int)tid,
			    r != 0 ? strerror(-r) : "it is gone");
			return -1;
		}
		stopped_here = true;
		break;
	case TASK_STOPPED:
		break;
	}
	r = capture(s, t, b, err);
	/* Let go what only the backtrace stopped. */
	if (stopped_here && (t = task_find(&s->eng.tasks, tid)) != NULL &&
	    t->state == TASK_STOPPED && !(t->flags & TF_HELD) &&
	    !s->eng.frozen)
		engine_resume_task(&s->eng, t);
	return r;
}

size_t
inspect_bt_all(struct session *s, struct fw_buf *b)
{
	struct fw_task	*t;
	struct fw_buf	 err;
	size_t		 n = 0, running = 0;

	if (s->bt == NULL) {
		fw_buf_adds(b, "Backtraces are not available.\n");
		return 0;
	}
	fw_buf_init(&err);
	for (t = s->eng.tasks.head; t != NULL; t = t->all_next) {
		if (!task_is_traced(t))
			continue;
		if (t->state != TASK_STOPPED) {
			running++;
			continue;
		}
		if (n++ > 0)
			fw_buf_addc(b, '\n');
		fw_buf_reset(&err);
		if (capture(s, t, b, &err) != 0) {
			fw_buf_add(b, err.data, err.len);
			fw_buf_addc(b, '\n');
		}
	}
	fw_buf_release(&err);
	if (n == 0)
		fw_buf_adds(b, "No task is stopped.\n");
	if (running > 0)
		fw_buf_printf(b, "%s%zu task%s not stopped (running, starting "
		    "or in a job-control stop): bt PID stops one for its "
		    "backtrace.\n", n > 0 ? "\n" : "", running,
		    running == 1 ? "" : "s");
	return n;
}
