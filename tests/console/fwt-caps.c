/* fwt-caps - known effective capability sets, for "info"'s summary:
 *
 *   root   keeps what it was started with; forks A and waits for it.
 *   A      drops CAP_NET_RAW (13) from its effective set, forks B, waits.
 *   B      drops every effective capability, exits 0.
 *
 * The raw capget/capset system calls (no libcap). A process that does not
 * have CAP_NET_RAW drops nothing. */
#include "fwt.h"

#include <linux/capability.h>
#include <sys/syscall.h>

static void
drop(unsigned long long mask)
{
	struct __user_cap_header_struct	 h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct	 d[2];

	if (syscall(SYS_capget, &h, d) != 0)
		fwt_die("capget");
	d[0].effective &= ~(unsigned)(mask & 0xffffffffu);
	d[1].effective &= ~(unsigned)(mask >> 32);
	if (syscall(SYS_capset, &h, d) != 0)
		fwt_die("capset");
}

int
main(void)
{
	pid_t	 a, b;

	if ((a = fwt_fork()) == 0) {
		drop(1ULL << CAP_NET_RAW);
		if ((b = fwt_fork()) == 0) {
			drop(~0ULL);
			exit(0);
		}
		exit(WEXITSTATUS(fwt_wait(b)));
	}
	return WEXITSTATUS(fwt_wait(a));
}
