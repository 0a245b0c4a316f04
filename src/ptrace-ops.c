/* ptrace-ops.c - ptrace(2) wrappers and architecture register access. */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <unistd.h>

#include "ptrace-ops.h"

#ifndef PTRACE_LISTEN
#define PTRACE_LISTEN 0x4208
#endif

unsigned long
pt_trace_options(bool exitkill)
{
	unsigned long	 o;

	o = PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
	    PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | PTRACE_O_TRACEVFORKDONE;
	if (exitkill)
		o |= PTRACE_O_EXITKILL;
	return o;
}

static int
pt_result(long r)
{
	return r < 0 ? -errno : 0;
}

int
pt_setoptions(pid_t pid, unsigned long options)
{
	return pt_result(ptrace(PTRACE_SETOPTIONS, pid, 0L, (void *)options));
}

int
pt_seize(pid_t pid, unsigned long options)
{
	return pt_result(ptrace(PTRACE_SEIZE, pid, 0L, options));
}

int
pt_interrupt(pid_t pid)
{
	return pt_result(ptrace(PTRACE_INTERRUPT, pid, 0L, 0L));
}

int
pt_cont(pid_t pid, int sig)
{
	return pt_result(ptrace(PTRACE_CONT, pid, 0L, (long)sig));
}

int
pt_listen(pid_t pid)
{
	return pt_result(ptrace((enum __ptrace_request)PTRACE_LISTEN, pid, 0L, 0L));
}

int
pt_detach(pid_t pid, int sig)
{
	return pt_result(ptrace(PTRACE_DETACH, pid, 0L, (long)sig));
}

int
pt_geteventmsg(pid_t pid, unsigned long *msg)
{
	return pt_result(ptrace(PTRACE_GETEVENTMSG, pid, 0L, msg));
}

int
pt_getsiginfo(pid_t pid, siginfo_t *si)
{
	return pt_result(ptrace(PTRACE_GETSIGINFO, pid, 0L, si));
}

#ifndef PTRACE_PEEKSIGINFO
#define PTRACE_PEEKSIGINFO	0x4209
#define PTRACE_GETSIGMASK	0x420a
#define PTRACE_SETSIGMASK	0x420b
#endif

/* The argument of PTRACE_PEEKSIGINFO, as in <linux/ptrace.h>. */
struct pt_peek_args {
	uint64_t	off;
	uint32_t	flags;
	int32_t		nr;
};
#define PT_PEEK_SHARED	1	/* PTRACE_PEEKSIGINFO_SHARED */

int
pt_peeksiginfo(pid_t pid, bool shared, unsigned off, siginfo_t *si, int n)
{
	struct pt_peek_args	 a = { off, shared ? PT_PEEK_SHARED : 0, n };
	long			 r;

	/* Defined for valgrind, which does not know what this request
	 * writes. */
	memset(si, 0, (size_t)n * sizeof *si);
	r = ptrace((enum __ptrace_request)PTRACE_PEEKSIGINFO, pid, &a, si);
	return r < 0 ? -errno : (int)r;
}

/* The kernel's sigset_t is 64 bits; PTRACE_[GS]ETSIGMASK want that size
 * in addr. */
int
pt_getsigmask(pid_t pid, uint64_t *mask)
{
	*mask = 0;
	return pt_result(ptrace((enum __ptrace_request)PTRACE_GETSIGMASK, pid,
	    (void *)sizeof *mask, mask));
}

int
pt_setsigmask(pid_t pid, uint64_t mask)
{
	return pt_result(ptrace((enum __ptrace_request)PTRACE_SETSIGMASK, pid,
	    (void *)sizeof mask, &mask));
}

#if defined(__x86_64__)
int
pt_getregs_min(pid_t pid, struct pt_regs_min *r)
{
	struct user_regs_struct	 regs;
	struct iovec		 iov = { &regs, sizeof regs };

	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) < 0)
		return -errno;
	/* A 32-bit task's regset is smaller; its numbers mean other things. */
	r->native = iov.iov_len == sizeof regs && regs.cs == 0x33;
	r->sp = regs.rsp;
	r->arg0 = regs.rdi;
	r->sysno = (long)regs.orig_rax;
	return 0;
}
long pt_sysno_clone(void) { return SYS_clone; }
long pt_sysno_fork(void) { return SYS_fork; }
long pt_sysno_vfork(void) { return SYS_vfork; }
#elif defined(__aarch64__)
int
pt_getregs_min(pid_t pid, struct pt_regs_min *r)
{
	struct user_regs_struct	 regs;
	struct iovec		 iov = { &regs, sizeof regs };
	int			 nr;
	struct iovec		 iov2 = { &nr, sizeof nr };

	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) < 0)
		return -errno;
	r->native = iov.iov_len == sizeof regs;
	r->sp = regs.sp;
	/* x0 is clobbered by the return value; orig_x0 is not in the regset. */
	r->arg0 = 0;
	r->sysno = -1;
	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_ARM_SYSTEM_CALL, &iov2) == 0)
		r->sysno = nr;
	return 0;
}
long pt_sysno_clone(void) { return SYS_clone; }
long pt_sysno_fork(void) { return -1; }
long pt_sysno_vfork(void) { return -1; }
#else
int
pt_getregs_min(pid_t pid, struct pt_regs_min *r)
{
	(void)pid;
	(void)r;
	return -ENOSYS;
}
long pt_sysno_clone(void) { return -1; }
long pt_sysno_fork(void) { return -1; }
long pt_sysno_vfork(void) { return -1; }
#endif

long
pt_sysno_clone3(void)
{
#ifdef SYS_clone3
	return SYS_clone3;
#else
	return 435;
#endif
}

/* Read one "Name:\tvalue" line from /proc/PID/status; -1 when absent. */
static long
status_field(pid_t pid, const char *name)
{
	char	 path[64], line[256];
	FILE	*f;
	size_t	 n = strlen(name);
	long	 v = -1;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, name, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

void
pt_explain_eperm(pid_t pid, struct fw_buf *why)
{
	long	 tracer = status_field(pid, "TracerPid");
	char	 buf[16] = "";
	int	 fd;
	ssize_t	 n;

	if (tracer > 0) {
		fw_buf_printf(why, "already traced by %ld", tracer);
		return;
	}
	fd = open("/proc/sys/kernel/yama/ptrace_scope", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		if (atoi(buf) >= 3) {
			fw_buf_adds(why, "Yama ptrace_scope is 3: ptrace is disabled");
			return;
		}
		if (atoi(buf) >= 1 && geteuid() != 0) {
			fw_buf_printf(why, "Yama ptrace_scope is %d: only "
			    "descendants can be traced without CAP_SYS_PTRACE",
			    atoi(buf));
			return;
		}
	}
	if (status_field(pid, "Uid") >= 0 &&
	    status_field(pid, "Uid") != (long)getuid() && geteuid() != 0) {
		fw_buf_adds(why, "owned by another user (needs CAP_SYS_PTRACE)");
		return;
	}
	fw_buf_adds(why, "not dumpable or protected (setuid, or needs "
	    "CAP_SYS_PTRACE)");
}
