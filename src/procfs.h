/* procfs.h - readers for /proc/PID files. Every path is built from one root
 * directory (default "/proc") so the parsers can be tested on fixture trees.
 * All readers return 0 or -errno. */
#ifndef FW_PROCFS_H
#define FW_PROCFS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"
#include "util.h"

struct procfs {
	char	root[256];
};

void	procfs_init(struct procfs *, const char *root);	/* NULL: "/proc" */

/* Fields of /proc/PID[/task/TID]/stat, parsed from the last ')'. */
struct procfs_stat {
	char		 comm[64];
	char		 state;
	pid_t		 ppid, pgrp, session;
	int		 tty_nr;
	pid_t		 tpgid;
	unsigned long	 flags;		/* PF_* */
	unsigned long	 utime, stime;	/* clock ticks */
	long		 nice;
	long		 num_threads;
	unsigned long long starttime;	/* ticks since boot */
	unsigned long	 vsize;
	long		 rss;		/* pages */
	int		 processor;
};

struct procfs_status {
	pid_t		 tgid, ppid, tracer;
	unsigned	 uid[4], gid[4];	/* real, effective, saved, fs */
	long		 threads;
	uint64_t	 sigpnd, shdpnd, sigblk, sigign, sigcgt;
	uint64_t	 capinh, capprm, capeff, capbnd;
	long		 vmrss_kb, vmsize_kb, vmpeak_kb, vmhwm_kb;
	char		 nspid[64];	/* NSpid line, as is */
	char		 name[64];	/* Name: the comm (escaped by the kernel) */
	char		 state[32];
};

/* tid == 0 or tid == pid reads /proc/PID/stat, else /proc/PID/task/TID/stat. */
int	procfs_read_stat(const struct procfs *, pid_t pid, pid_t tid,
	    struct procfs_stat *);
/* Parse the text of a stat file (exposed for tests). */
int	procfs_parse_stat(const char *text, struct procfs_stat *);
int	procfs_read_status(const struct procfs *, pid_t, struct procfs_status *);
int	procfs_parse_status(const char *text, struct procfs_status *);
/* The pids of an NSpid line ("48213 7"), outermost first; 0, or -EINVAL
 * when it holds no pid. */
int	procfs_parse_nspid(const char *line, struct fw_pids *);
/* readlink of /proc/PID/NAME (exe, cwd, root, fd/N) into a new string. */
int	procfs_readlink(const struct procfs *, pid_t, const char *name, char **out);
/* /proc/PID/cmdline (or environ with name "environ") as a string vector. */
int	procfs_read_strv(const struct procfs *, pid_t, const char *name,
	    struct fw_strv *);
/* /proc/PID/comm without the newline. */
int	procfs_read_comm(const struct procfs *, pid_t, char *buf, size_t len);
/* The task ids in /proc/PID/task, sorted; *out is malloc'd. */
int	procfs_list_tasks(const struct procfs *, pid_t, pid_t **out, size_t *n);
/* How many threads process pid has, without reading a file: the link
 * count of /proc/PID/task, which the kernel makes 2 + its thread count
 * (proc_task_getattr(); a fixture directory's is 2 + its subdirectories).
 * -errno when it is gone. */
long	procfs_count_tasks(const struct procfs *, pid_t);

struct procfs_fd {
	int	 fd;
	char	*target;
};
/* The open fds of pid with their link targets, sorted; free with procfs_fds_free. */
int	procfs_list_fds(const struct procfs *, pid_t, struct procfs_fd **out,
	    size_t *n);
void	procfs_fds_free(struct procfs_fd *, size_t n);

/* The open fds of pid (sorted) appended to out: fd, target and access mode
 * (from /proc/PID/fdinfo/N; -1 when unknown), and in cloexec whether the
 * fd has close-on-exec set. cloexec_only: only those. One readdir, one
 * readlink and one fdinfo read per fd. */
int	procfs_read_fds(const struct procfs *, pid_t, bool cloexec_only,
	    struct fw_fdv *out);
/* The open flags of a /proc/PID/fdinfo/N text ("flags:\t0100002", octal);
 * -ENOENT when there is no such line. */
int	procfs_parse_fdinfo_flags(const char *text, int *flags);

/* Seconds since boot (for start time / age). */
double	procfs_uptime(const struct procfs *);

#endif
