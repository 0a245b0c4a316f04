/* ptrace-ops.h - thin wrappers over ptrace(2): every call returns 0 or
 * -errno. ESRCH means "died, or not stopped" and is for callers to treat as
 * normal. Also register access and the explanation of an EPERM attach. */
#ifndef FW_PTRACE_OPS_H
#define FW_PTRACE_OPS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "util.h"

/* The options every tracee gets; EXITKILL is added for launched programs. */
unsigned long	pt_trace_options(bool exitkill);

int	pt_seize(pid_t, unsigned long options);
/* PTRACE_SETOPTIONS on a stopped tracee. */
int	pt_setoptions(pid_t, unsigned long options);
int	pt_interrupt(pid_t);
int	pt_cont(pid_t, int sig);
int	pt_listen(pid_t);
int	pt_detach(pid_t, int sig);
int	pt_geteventmsg(pid_t, unsigned long *);
int	pt_getsiginfo(pid_t, siginfo_t *);
/* The pending signals of a stopped task, left queued: up to n siginfos
 * from offset off of its own queue (shared false) or of its process's
 * (true). Returns how many (0 past the end), or -errno. */
int	pt_peeksiginfo(pid_t, bool shared, unsigned off, siginfo_t *, int n);
/* A stopped task's signal mask (bit N-1 is signal N; the mask it goes back
 * to from a sigsuspend or ppoll) and setting it (SIGKILL and SIGSTOP are
 * never blocked). */
int	pt_getsigmask(pid_t, uint64_t *);
int	pt_setsigmask(pid_t, uint64_t);

/* The registers forkwatch needs, in an architecture-neutral form. */
struct pt_regs_min {
	uint64_t	sp;		/* stack pointer */
	uint64_t	arg0;		/* first syscall argument */
	long		sysno;		/* syscall number (orig_rax), -1 unknown */
	bool		native;		/* native ABI (not a 32-bit compat task) */
};
int	pt_getregs_min(pid_t, struct pt_regs_min *);

/* The syscall numbers of clone and clone3 for the native ABI (-1 if none). */
long	pt_sysno_clone(void);
long	pt_sysno_clone3(void);
/* The same for fork and vfork, where the ABI has them (-1 if not). */
long	pt_sysno_fork(void);
long	pt_sysno_vfork(void);

/* Append why attaching to pid failed with EPERM: another tracer, Yama
 * ptrace_scope, a non-dumpable or setuid process, missing CAP_SYS_PTRACE. */
void	pt_explain_eperm(pid_t, struct fw_buf *);

#endif
