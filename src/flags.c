/* flags.c - tables of kernel names. */
#include "config.h"

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "flags.h"

struct name_bit {
	unsigned long	 bit;
	const char	*name;
};

static const char *const signames[] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
	[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN",
	[SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU",
	[SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
	[SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR",
	[SIGSYS] = "SIGSYS",
};

const char *
flags_signame(int sig)
{
	static char	 buf[16];

	if (sig > 0 && (size_t)sig < FW_ARRAY_SIZE(signames) &&
	    signames[sig] != NULL)
		return signames[sig];
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		snprintf(buf, sizeof buf, "SIGRT%d", sig - SIGRTMIN);
	else
		snprintf(buf, sizeof buf, "SIG%d", sig);
	return buf;
}

const char *
flags_signame_at(int i)
{
	int	 n = 0;
	size_t	 s;

	for (s = 1; s < FW_ARRAY_SIZE(signames); s++) {
		if (signames[s] == NULL)
			continue;
		if (n++ == i)
			return signames[s];
	}
	return NULL;
}

int
flags_sigparse(const char *s)
{
	char	*end;
	long	 v;
	size_t	 i;

	if (s == NULL || *s == '\0')
		return -1;
	if (isdigit((unsigned char)*s)) {
		v = strtol(s, &end, 10);
		if (*end != '\0' || v <= 0 || v > SIGRTMAX)
			return -1;
		return (int)v;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 1; i < FW_ARRAY_SIZE(signames); i++) {
		if (signames[i] != NULL && strcasecmp(signames[i] + 3, s) == 0)
			return (int)i;
	}
	if (strncasecmp(s, "RTMIN", 5) == 0 || strncasecmp(s, "RT", 2) == 0) {
		const char *num = s + (strncasecmp(s, "RTMIN", 5) == 0 ? 5 : 2);
		if (*num == '+')
			num++;
		if (*num == '\0')
			return SIGRTMIN;
		v = strtol(num, &end, 10);
		if (*end == '\0' && v >= 0 && SIGRTMIN + v <= SIGRTMAX)
			return SIGRTMIN + (int)v;
	}
	return -1;
}

/* PF_* from include/linux/sched.h (6.x). */
static const struct name_bit pf_names[] = {
	{ 0x00000001, "PF_VCPU" },
	{ 0x00000002, "PF_IDLE" },
	{ 0x00000004, "PF_EXITING" },
	{ 0x00000008, "PF_POSTCOREDUMP" },
	{ 0x00000010, "PF_IO_WORKER" },
	{ 0x00000020, "PF_WQ_WORKER" },
	{ 0x00000040, "PF_FORKNOEXEC" },
	{ 0x00000080, "PF_MCE_PROCESS" },
	{ 0x00000100, "PF_SUPERPRIV" },
	{ 0x00000200, "PF_DUMPCORE" },
	{ 0x00000400, "PF_SIGNALED" },
	{ 0x00000800, "PF_MEMALLOC" },
	{ 0x00001000, "PF_NPROC_EXCEEDED" },
	{ 0x00002000, "PF_USED_MATH" },
	{ 0x00004000, "PF_USER_WORKER" },
	{ 0x00008000, "PF_NOFREEZE" },
	{ 0x00010000, "PF_KCOMPACTD" },
	{ 0x00020000, "PF_KSWAPD" },
	{ 0x00040000, "PF_MEMALLOC_NOFS" },
	{ 0x00080000, "PF_MEMALLOC_NOIO" },
	{ 0x00100000, "PF_LOCAL_THROTTLE" },
	{ 0x00200000, "PF_KTHREAD" },
	{ 0x00400000, "PF_RANDOMIZE" },
	{ 0x04000000, "PF_NO_SETAFFINITY" },
	{ 0x08000000, "PF_MCE_EARLY" },
	{ 0x10000000, "PF_MEMALLOC_PIN" },
	{ 0x20000000, "PF_BLOCK_TS" },
	{ 0x80000000, "PF_SUSPEND_TASK" },
};

static const struct name_bit clone_names[] = {
	{ 0x00000100, "CLONE_VM" },
	{ 0x00000200, "CLONE_FS" },
	{ 0x00000400, "CLONE_FILES" },
	{ 0x00000800, "CLONE_SIGHAND" },
	{ 0x00001000, "CLONE_PIDFD" },
	{ 0x00002000, "CLONE_PTRACE" },
	{ 0x00004000, "CLONE_VFORK" },
	{ 0x00008000, "CLONE_PARENT" },
	{ 0x00010000, "CLONE_THREAD" },
	{ 0x00020000, "CLONE_NEWNS" },
	{ 0x00040000, "CLONE_SYSVSEM" },
	{ 0x00080000, "CLONE_SETTLS" },
	{ 0x00100000, "CLONE_PARENT_SETTID" },
	{ 0x00200000, "CLONE_CHILD_CLEARTID" },
	{ 0x00400000, "CLONE_DETACHED" },
	{ 0x00800000, "CLONE_UNTRACED" },
	{ 0x01000000, "CLONE_CHILD_SETTID" },
	{ 0x02000000, "CLONE_NEWCGROUP" },
	{ 0x04000000, "CLONE_NEWUTS" },
	{ 0x08000000, "CLONE_NEWIPC" },
	{ 0x10000000, "CLONE_NEWUSER" },
	{ 0x20000000, "CLONE_NEWPID" },
	{ 0x40000000, "CLONE_NEWNET" },
	{ 0x80000000, "CLONE_IO" },
};

static const char *const cap_names[] = {
	"cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner",
	"cap_fsetid", "cap_kill", "cap_setgid", "cap_setuid", "cap_setpcap",
	"cap_linux_immutable", "cap_net_bind_service", "cap_net_broadcast",
	"cap_net_admin", "cap_net_raw", "cap_ipc_lock", "cap_ipc_owner",
	"cap_sys_module", "cap_sys_rawio", "cap_sys_chroot", "cap_sys_ptrace",
	"cap_sys_pacct", "cap_sys_admin", "cap_sys_boot", "cap_sys_nice",
	"cap_sys_resource", "cap_sys_time", "cap_sys_tty_config", "cap_mknod",
	"cap_lease", "cap_audit_write", "cap_audit_control", "cap_setfcap",
	"cap_mac_override", "cap_mac_admin", "cap_syslog", "cap_wake_alarm",
	"cap_block_suspend", "cap_audit_read", "cap_perfmon", "cap_bpf",
	"cap_checkpoint_restore",
};

static void
decode_bits(struct fw_buf *b, unsigned long v, const struct name_bit *t,
    size_t n)
{
	size_t	 i, start = b->len;

	for (i = 0; i < n; i++) {
		if ((v & t[i].bit) == 0)
			continue;
		if (b->len != start)
			fw_buf_addc(b, '|');
		fw_buf_adds(b, t[i].name);
		v &= ~t[i].bit;
	}
	if (v != 0) {
		if (b->len != start)
			fw_buf_addc(b, '|');
		fw_buf_printf(b, "%#lx", v);
	}
	if (b->len == start)
		fw_buf_addc(b, '0');
}

static const char *
bit_name(unsigned long bit, const struct name_bit *t, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (t[i].bit == bit)
			return t[i].name;
	}
	return NULL;
}

const char *
flags_clone_bit_name(uint64_t bit)
{
	return bit_name((unsigned long)bit, clone_names,
	    FW_ARRAY_SIZE(clone_names));
}

const char *
flags_pf_bit_name(unsigned long bit)
{
	return bit_name(bit, pf_names, FW_ARRAY_SIZE(pf_names));
}

void
flags_clone_text(struct fw_buf *b, uint64_t flags, int exit_signal)
{
	if (flags != 0 || exit_signal == 0)
		decode_bits(b, (unsigned long)flags, clone_names,
		    FW_ARRAY_SIZE(clone_names));
	if (exit_signal != 0)
		fw_buf_printf(b, "%s%s", flags != 0 ? "|" : "",
		    flags_signame(exit_signal));
}

uint64_t
flags_clone_parse(const char *s)
{
	size_t	 i;

	if (strncasecmp(s, "CLONE_", 6) == 0)
		s += 6;
	for (i = 0; i < FW_ARRAY_SIZE(clone_names); i++) {
		if (strcasecmp(clone_names[i].name + 6, s) == 0)
			return clone_names[i].bit;
	}
	return 0;
}

const char *
flags_clone_name_at(int i)
{
	if (i < 0 || (size_t)i >= FW_ARRAY_SIZE(clone_names))
		return NULL;
	return clone_names[i].name;
}

void
flags_pf_decode(struct fw_buf *b, unsigned long v)
{
	decode_bits(b, v, pf_names, FW_ARRAY_SIZE(pf_names));
}

void
flags_clone_decode(struct fw_buf *b, uint64_t v)
{
	unsigned	 sig = (unsigned)(v & 0xff);

	decode_bits(b, (unsigned long)(v & ~0xffULL), clone_names,
	    FW_ARRAY_SIZE(clone_names));
	if (sig != 0)
		fw_buf_printf(b, "|%s", flags_signame((int)sig));
}

void
flags_sigmask_decode(struct fw_buf *b, uint64_t mask)
{
	size_t	 start = b->len;
	int	 sig;

	for (sig = 1; sig <= 64; sig++) {
		if ((mask & (1ULL << (sig - 1))) == 0)
			continue;
		if (b->len != start)
			fw_buf_addc(b, ',');
		fw_buf_adds(b, flags_signame(sig));
	}
	if (b->len == start)
		fw_buf_adds(b, "-");
}

void
flags_cap_decode(struct fw_buf *b, uint64_t mask)
{
	size_t	 start = b->len;
	unsigned	 i;

	for (i = 0; i < 64; i++) {
		if ((mask & (1ULL << i)) == 0)
			continue;
		if (b->len != start)
			fw_buf_addc(b, ',');
		if (i < FW_ARRAY_SIZE(cap_names))
			fw_buf_adds(b, cap_names[i]);
		else
			fw_buf_printf(b, "cap_%u", i);
	}
	if (b->len == start)
		fw_buf_adds(b, "-");
}
