/* backtrace-libunwind.c - the unwinder backend on libunwind-ptrace: walks
 * the stack of a stopped tracee remotely (DWARF CFI from .eh_frame, read
 * with ptrace), then hands each pc to the shared ELF symboliser. */
#include "config.h"

#include <errno.h>
#include <libunwind-ptrace.h>
#include <stdlib.h>
#include <string.h>

#include "backtrace-int.h"
#include "maps.h"
#include "ptrace-ops.h"

/* Check that tid is in a ptrace-stop of this thread and that libunwind can
 * unwind it; 0 or -errno with a reason in msg. */
static int
check_task(pid_t tid, struct fw_buf *msg)
{
	struct pt_regs_min	 regs;
	int			 r;

	r = pt_getregs_min(tid, &regs);
	if (r == -ESRCH) {
		if (msg != NULL)
			fw_buf_printf(msg, "task %d is not in a ptrace-stop of "
			    "this tracer", (int)tid);
		return r;
	}
	/* -ENOSYS: no register access for this architecture; try anyway. */
	if (r < 0 && r != -ENOSYS) {
		if (msg != NULL)
			fw_buf_printf(msg, "cannot read the registers of task "
			    "%d: %s", (int)tid, strerror(-r));
		return r;
	}
	/* libunwind-ptrace unwinds the tracer's own ABI only. */
	if (r == 0 && !regs.native) {
		if (msg != NULL)
			fw_buf_printf(msg, "task %d is a 32-bit (compat) task: "
			    "backtraces need a native task", (int)tid);
		return -ENOTSUP;
	}
	return 0;
}

/* For a frame without a function from our ELF symboliser and outside any
 * readable file (the vDSO, generated code), ask libunwind. */
static void
fallback_name(unw_cursor_t *cur, struct bt_frame *f)
{
	char		 name[256];
	unw_word_t	 off;

	if (f->func != NULL || (f->module != NULL && f->module[0] == '/'))
		return;
	if (unw_get_proc_name(cur, name, sizeof name, &off) == 0 &&
	    name[0] != '\0') {
		f->func = fw_strdup(name);
		f->off = off;
	}
}

/* Whether the cursor's frame is a signal trampoline. libunwind (x86_64,
 * 1.6) answers from the unwind info it fetched last, which is the previous
 * frame's until the step away from this one; fetching this frame's info
 * first makes the answer this frame's (the lookup is cheap: same module). */
static bool
is_signal_frame(unw_cursor_t *cur)
{
	unw_proc_info_t	 pi;

	if (unw_get_proc_info(cur, &pi) < 0)
		return false;
	return unw_is_signal_frame(cur) > 0;
}

int
bt_capture(struct bt_ctx *ctx, pid_t tid, size_t max, struct bt_trace *t,
    struct fw_buf *msg)
{
	unw_addr_space_t	 as;
	unw_cursor_t		 cur;
	unw_word_t		 ip, sp, prev_ip = 0, prev_sp = 0;
	void			*upt;
	struct maps		 m;
	struct bt_frame		*f;
	bool			 retaddr = false;
	int			 r;

	memset(t, 0, sizeof *t);
	if (max == 0)
		max = BT_MAX_FRAMES;
	if ((r = check_task(tid, msg)) < 0)
		return r;
	/* Without the map (an odd /proc) the frames are still worth having,
	 * as bare addresses. */
	if (maps_read(NULL, tid, &m) < 0)
		maps_init(&m);
	/* An address space per capture: libunwind caches unwind info per
	 * address space and forkwatch cannot tell it when a task's mappings
	 * change (exec, dlopen), so nothing is kept between captures. */
	if ((as = unw_create_addr_space(&_UPT_accessors, 0)) == NULL) {
		maps_release(&m);
		if (msg != NULL)
			fw_buf_adds(msg, "libunwind: cannot create an address "
			    "space");
		return -ENOMEM;
	}
	if ((upt = _UPT_create(tid)) == NULL) {
		unw_destroy_addr_space(as);
		maps_release(&m);
		if (msg != NULL)
			fw_buf_adds(msg, "libunwind: out of memory");
		return -ENOMEM;
	}
	if ((r = unw_init_remote(&cur, as, upt)) < 0) {
		if (msg != NULL)
			fw_buf_printf(msg, "libunwind: cannot start unwinding "
			    "task %d: %s", (int)tid, unw_strerror(r));
		r = -EIO;
		goto out;
	}
	for (;;) {
		if (unw_get_reg(&cur, UNW_REG_IP, &ip) < 0 ||
		    unw_get_reg(&cur, UNW_REG_SP, &sp) < 0) {
			t->stopped = "cannot read the registers of a frame";
			break;
		}
		/* The outermost frame's return address is often 0. */
		if (ip == 0 && t->n > 0)
			break;
		if (t->n > 0 && ip == prev_ip && sp == prev_sp) {
			t->stopped = "frame repeats (corrupt stack?)";
			break;
		}
		if (t->n == max) {
			t->truncated = true;
			break;
		}
		f = bt_trace_push(t);
		bt_resolve(ctx, tid, &m, ip, retaddr, f);
		fallback_name(&cur, f);
		f->sigframe = is_signal_frame(&cur);
		/* Frame 0 and a frame interrupted by a signal stopped at pc;
		 * the others are at the return address of a call. */
		retaddr = !f->sigframe;
		prev_ip = ip;
		prev_sp = sp;
		if ((r = unw_step(&cur)) <= 0) {
			if (r < 0)
				t->stopped = unw_strerror(r);
			break;
		}
	}
	r = 0;
out:
	_UPT_destroy(upt);
	unw_destroy_addr_space(as);
	maps_release(&m);
	if (r < 0)
		bt_trace_release(t);
	return r;
}
