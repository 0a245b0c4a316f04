/* backtrace.h - stack backtraces of stopped tracees, symbolised from the
 * ELF symbol tables of the mapped files.
 *
 * One interface, one file per unwinder backend (strace's unwind.h): the
 * backend provides bt_capture() (backtrace-libunwind.c, or backtrace-none.c
 * when forkwatch is built without libunwind); backtrace.c holds the context,
 * the symboliser and the formatter every backend shares.
 *
 * Ownership: a bt_ctx is the caller's (bt_ctx_new/bt_ctx_free), one per
 * session: it caches parsed symbol tables. A bt_trace is embedded and owns
 * its frames and their strings: bt_trace_release(). A bt_frame filled by
 * bt_symbolize() owns its strings: bt_frame_release(). Not thread-safe: use a
 * context from one thread, the tracer thread. */
#ifndef FW_BACKTRACE_H
#define FW_BACKTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util.h"

/* The frames bt_capture() takes when asked for max == 0. */
#define BT_MAX_FRAMES	256

struct bt_frame {
	uint64_t	 pc;
	char		*func;		/* symbol name or NULL */
	uint64_t	 off;		/* pc - symbol start */
	char		*module;	/* mapped file path or NULL */
	uint64_t	 modoff;	/* pc - module load base (file offset-based,
					   as `addr2line -e module` wants for
					   PIE/shared) */
	bool		 sigframe;	/* a signal trampoline */
	char		*file;		/* source file (DWARF) or NULL */
	int		 line;		/* its line, 0 when file is NULL */
};
/* module is the name /proc/PID/maps shows, so also "[vdso]" or
 * "/usr/lib/x.so (deleted)". modoff is the link-time (ELF virtual) address
 * of pc: pc itself in a non-PIE executable; the file offset of pc when the
 * file could not be read; 0 without a module. A sigframe is where a signal
 * handler returns to; the frame after it was interrupted at its pc, which
 * is not a return address. func is demangled (C++, Rust) when the build can.
 * file and line are those of the call (of pc itself in frame 0 and after a
 * sigframe) as the DWARF of the module, or of its separate debug file,
 * records them: file is relative to the compilation directory when it lies
 * under it, as gdb shows it. */

struct bt_trace {
	struct bt_frame	*frames;
	size_t		 n;
	bool		 truncated;	/* stopped at max frames */
	const char	*stopped;	/* static string or NULL */
};
/* stopped says why unwinding ended before the outermost frame (corrupt
 * stack, no unwind information); the frames up to there are good. */

struct bt_ctx;		/* caches; one per session */

struct bt_ctx	*bt_ctx_new(void);
void		 bt_ctx_free(struct bt_ctx *);

/* Where to look for separate debug files, by build-id and by
 * .gnu_debuglink (default "/usr/lib/debug"); NULL turns that off (the
 * debuglink places next to the file are still searched for source lines). */
void		 bt_ctx_set_debug_dir(struct bt_ctx *, const char *dir);
/* The debug directory in use, or NULL. */
const char	*bt_ctx_debug_dir(const struct bt_ctx *);

/* Counters of the symbol table cache, for "is it warm" and tests. */
struct bt_stats {
	size_t		 files;		/* symbol tables held */
	size_t		 bytes;		/* memory they hold */
	unsigned long	 hits;
	unsigned long	 loads;		/* ELF files parsed */
	unsigned long	 evictions;
};
void		 bt_ctx_stats(const struct bt_ctx *, struct bt_stats *);

/* Unwind task tid (which must be in a ptrace-stop of the calling thread's
 * tracee) up to max frames (0: BT_MAX_FRAMES). 0 or -errno; on error msg
 * (may be NULL) gets a reason. On error *trace is empty; either way
 * bt_trace_release() may be called on it. -ESRCH: tid is not in a
 * ptrace-stop of this thread (or is gone); -ENOTSUP: a 32-bit task of a
 * 64-bit tracer; -ENOSYS: built without an unwinder. */
int		 bt_capture(struct bt_ctx *, pid_t tid, size_t max,
		    struct bt_trace *, struct fw_buf *msg);
void		 bt_trace_release(struct bt_trace *);

/* Append one line per frame, gdb-like: "#1  0x0000556e1a2b3c4d in main ()
 * at tree3.c:30" where the source line is known ("in ns::f(int) at ..."
 * for a demangled name, which has its parentheses), else
 * "#1  0x0000556e1a2b3c4d in main+0x1d (/path/prog)". Strings from the
 * tracee (paths, symbol and file names) escaped with esc_text_bare from
 * src/escape.h. A frame no symbol covers is "in /path/prog+0x1189"
 * (module+modoff), one outside any file "in ??". */
void		 bt_format(struct fw_buf *, const struct bt_trace *);

/* The symboliser alone, for tests: resolve pc of pid via /proc/PID/maps +
 * ELF. 0 (even when nothing is known about pc: then module and func are
 * NULL) or -errno when the maps cannot be read. */
int		 bt_symbolize(struct bt_ctx *, pid_t pid, uint64_t pc,
		    struct bt_frame *out);
void		 bt_frame_release(struct bt_frame *);

#endif
