/* backtrace-none.c - the unwinder backend of a forkwatch built without
 * libunwind: every capture fails with a clear reason. The symboliser and
 * the formatter (backtrace.c) still work. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "backtrace.h"

int
bt_capture(struct bt_ctx *ctx, pid_t tid, size_t max, struct bt_trace *t,
    struct fw_buf *msg)
{
	(void)ctx;
	(void)tid;
	(void)max;
	memset(t, 0, sizeof *t);
	if (msg != NULL)
		fw_buf_adds(msg, "forkwatch was built without libunwind");
	return -ENOSYS;
}
