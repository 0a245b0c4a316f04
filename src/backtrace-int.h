/* backtrace-int.h - what the shared part of the backtrace module
 * (backtrace.c) offers its unwinder backends. Not for other modules. */
#ifndef FW_BACKTRACE_INT_H
#define FW_BACKTRACE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "backtrace.h"
#include "maps.h"

/* Symbolise pc of pid with its memory map m into *out (which this
 * overwrites). retaddr: pc is a return address, so the call that pushed it
 * is at pc - 1 and the lookup uses that (a call to a noreturn function can
 * be the last instruction of its function). */
void		 bt_resolve(struct bt_ctx *, pid_t pid,
		    const struct maps *m, uint64_t pc, bool retaddr,
		    struct bt_frame *out);

/* A new zeroed frame at the end of trace. */
struct bt_frame	*bt_trace_push(struct bt_trace *);

#endif
