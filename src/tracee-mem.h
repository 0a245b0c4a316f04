/* tracee-mem.h - reading a stopped tracee's memory with process_vm_readv
 * (several times faster than PTRACE_PEEKDATA), and the argv/env vectors the
 * kernel lays on a new stack at an exec stop. */
#ifndef FW_TRACEE_MEM_H
#define FW_TRACEE_MEM_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"

/* The most argv (or env) bytes kept per exec. */
#define TMEM_ARGS_MAX	(256 * 1024)
/* Bytes read at once at an exec stop's stack pointer (the fast path). */
#define TMEM_EXEC_WINDOW	8192

/* Read up to len bytes at addr. Returns the bytes read, which is short when
 * the range runs into an unmapped page, or -errno when nothing was read. */
ssize_t	tmem_read(pid_t, uint64_t addr, void *buf, size_t len);

/* At an exec stop, with sp the new stack pointer: read argv (and env when
 * env is not NULL). *truncated is set when argv was cut at TMEM_ARGS_MAX.
 * word is the pointer size of the tracee (8 or 4). Returns 0 or -errno. */
int	tmem_read_exec_args(pid_t, uint64_t sp, int word, struct fw_strv *argv,
	    struct fw_strv *env, bool *truncated);

#endif
