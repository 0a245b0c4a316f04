/* flags.h - names for kernel numbers: signals, PF_* task flags, clone flags. */
#ifndef FW_FLAGS_H
#define FW_FLAGS_H

#include <stdint.h>

#include "util.h"

/* "SIGSEGV" for 11, "SIGRT3" for SIGRTMIN+3, "SIG99" for unknown; static storage
 * for known names, a per-call buffer otherwise (not reentrant for unknowns). */
const char	*flags_signame(int sig);
/* Parse "SIGSEGV", "segv", "SEGV" or "11"; -1 when unknown. */
int		 flags_sigparse(const char *);
/* Iterate names for completion: the name of the i-th standard signal, NULL past end. */
const char	*flags_signame_at(int i);

/* Append "PF_EXITING|PF_FORKNOEXEC" (names of the set PF_* bits, hex for
 * unknown bits, "0" for none). */
void		 flags_pf_decode(struct fw_buf *, unsigned long);
/* Append "CLONE_VM|CLONE_FS|..." for clone flags (exit signal in the low byte). */
void		 flags_clone_decode(struct fw_buf *, uint64_t);
/* The name of one CLONE_* bit ("CLONE_VM"), or NULL when it has none;
 * the same for one PF_* bit. */
const char	*flags_clone_bit_name(uint64_t bit);
const char	*flags_pf_bit_name(unsigned long bit);
/* Append clone flags and an exit signal as strace writes them:
 * "CLONE_VM|CLONE_FS|SIGCHLD" ("0" for neither). */
void		 flags_clone_text(struct fw_buf *, uint64_t flags, int exit_signal);
/* Parse a clone flag name ("CLONE_VM", "clone_vm" or "VM"); 0 when it is
 * none. Iterate the names (completion): NULL past the end. */
uint64_t	 flags_clone_parse(const char *);
const char	*flags_clone_name_at(int i);
/* Append the names of the signals set in a 64-bit mask ("SIGINT,SIGTERM"). */
void		 flags_sigmask_decode(struct fw_buf *, uint64_t);
/* Append the names of the capabilities set in a mask ("cap_kill,cap_setuid"). */
void		 flags_cap_decode(struct fw_buf *, uint64_t);

#endif
