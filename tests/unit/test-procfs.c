/* test-procfs: the /proc parsers on fixture text (a comm holding spaces
 * and ')'; every stat field where it belongs), and the readers on a
 * fixture tree built under a temporary directory used as the /proc root. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "procfs.h"
#include "tap.h"

/* Fields 3..52 of a 6.x stat line, each with a distinct value. */
#define STAT_TAIL "S 11 12 13 34816 15 4194560 17 18 19 20 21 22 23 24 25 " \
	"26 7 0 300000 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 17 " \
	"3 49 50 51 52 53 54 55 56 57 58 59 60\n"

static char	 root[256];

static void
put(const char *rel, const char *text, size_t n)
{
	char	 path[512];
	int	 fd;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, text, n) != (ssize_t)n) {
		perror(path);
		exit(99);
	}
	close(fd);
}

static void
dir(const char *rel)
{
	char	 path[512];

	snprintf(path, sizeof path, "%s/%s", root, rel);
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		perror(path);
		exit(99);
	}
}

static const char status_text[] =
    "Name:\tweird name\n"
    "Umask:\t0022\n"
    "State:\tS (sleeping)\n"
    "Tgid:\t4242\n"
    "Ngid:\t0\n"
    "Pid:\t4242\n"
    "PPid:\t4000\n"
    "TracerPid:\t3999\n"
    "Uid:\t1000\t1001\t1002\t1003\n"
    "Gid:\t100\t101\t102\t103\n"
    "FDSize:\t64\n"
    "Groups:\t100 \n"
    "NStgid:\t4242\t7\n"
    "NSpid:\t4242\t7\n"
    "VmPeak:\t   10000 kB\n"
    "VmSize:\t    9000 kB\n"
    "VmHWM:\t     800 kB\n"
    "VmRSS:\t     700 kB\n"
    "Threads:\t3\n"
    "SigQ:\t0/63000\n"
    "SigPnd:\t0000000000000100\n"
    "ShdPnd:\t0000000000000200\n"
    "SigBlk:\t0000000000010000\n"
    "SigIgn:\t0000000000001000\n"
    "SigCgt:\t0000000180004002\n"
    "CapInh:\t0000000000000000\n"
    "CapPrm:\t000001ffffffffff\n"
    "CapEff:\t000001fffffffffe\n"
    "CapBnd:\t000001ffffffffff\n"
    "Seccomp:\t0\n";

int
main(void)
{
	struct procfs		 p;
	struct procfs_stat	 st;
	struct procfs_status	 ss;
	struct fw_strv		 v;
	pid_t			*tids;
	size_t			 n;
	char			 comm[16], *link;
	const char		*tmp = getenv("TMPDIR");
	char			 line[1024];

	/* stat: comm with spaces and parentheses, up to the last ')'. */
	snprintf(line, sizeof line, "4242 (a) (b c)) %s", STAT_TAIL);
	ok(procfs_parse_stat(line, &st) == 0, "parse stat");
	ok(strcmp(st.comm, "a) (b c)") == 0, "comm 'a) (b c)' (got '%s')",
	    st.comm);
	ok(st.state == 'S', "state");
	ok(st.ppid == 11 && st.pgrp == 12 && st.session == 13,
	    "ppid pgrp session (%d %d %d)", st.ppid, st.pgrp, st.session);
	ok(st.tty_nr == 34816 && st.tpgid == 15, "tty_nr tpgid");
	ok(st.flags == 4194560, "flags is field 9 (got %lu)", st.flags);
	ok(st.utime == 21 && st.stime == 22, "utime stime (got %lu %lu)",
	    st.utime, st.stime);
	ok(st.nice == 26 && st.num_threads == 7, "nice num_threads (%ld %ld)",
	    st.nice, st.num_threads);
	ok(st.starttime == 300000 && st.vsize == 31 && st.rss == 32,
	    "starttime vsize rss (%llu %lu %ld)", st.starttime, st.vsize,
	    st.rss);
	ok(st.processor == 3, "processor is field 39 (got %d)", st.processor);
	snprintf(line, sizeof line, "1 ()) %s", STAT_TAIL);
	ok(procfs_parse_stat(line, &st) == 0 && strcmp(st.comm, ")") == 0,
	    "comm ')'");
	snprintf(line, sizeof line, "1 (%s) %s",
	    "0123456789012345678901234567890123456789012345678901234567890123456789",
	    STAT_TAIL);
	ok(procfs_parse_stat(line, &st) == 0 && strlen(st.comm) == 63,
	    "a long comm is cut, not overflowed");
	ok(procfs_parse_stat("1 (x S 1 2", &st) != 0, "no ')' rejected");
	ok(procfs_parse_stat("1 x) S", &st) != 0, "no '(' rejected");
	ok(procfs_parse_stat("1 (x) S 1 2", &st) != 0, "short line rejected");
	ok(procfs_parse_stat("", &st) != 0, "empty rejected");

	/* Our own stat, from the real /proc. */
	procfs_init(&p, NULL);
	ok(procfs_read_stat(&p, getpid(), 0, &st) == 0 &&
	    st.ppid == getppid() && st.state == 'R' && st.num_threads == 1 &&
	    st.pgrp == getpgrp() && strcmp(st.comm, "test-procfs") == 0 &&
	    (st.flags & 0x00200000) == 0 /* not PF_KTHREAD */,
	    "our own /proc stat (comm '%s', ppid %d, flags %#lx)", st.comm,
	    st.ppid, st.flags);

	/* status */
	ok(procfs_parse_status(status_text, &ss) == 0, "parse status");
	ok(ss.tgid == 4242 && ss.ppid == 4000 && ss.tracer == 3999,
	    "Tgid PPid TracerPid");
	ok(ss.uid[0] == 1000 && ss.uid[1] == 1001 && ss.uid[2] == 1002 &&
	    ss.uid[3] == 1003, "Uid");
	ok(ss.gid[0] == 100 && ss.gid[3] == 103, "Gid");
	ok(ss.threads == 3, "Threads");
	ok(ss.sigpnd == 0x100 && ss.shdpnd == 0x200 && ss.sigblk == 0x10000 &&
	    ss.sigign == 0x1000 && ss.sigcgt == 0x180004002ULL, "signal masks");
	ok(ss.capprm == 0x1ffffffffffULL && ss.capeff == 0x1fffffffffeULL &&
	    ss.capinh == 0 && ss.capbnd == 0x1ffffffffffULL, "capabilities");
	ok(ss.vmrss_kb == 700 && ss.vmsize_kb == 9000 && ss.vmpeak_kb == 10000 &&
	    ss.vmhwm_kb == 800, "Vm* (%ld %ld %ld %ld)", ss.vmrss_kb,
	    ss.vmsize_kb, ss.vmpeak_kb, ss.vmhwm_kb);
	ok(strcmp(ss.nspid, "4242 7") == 0, "NSpid '%s'", ss.nspid);
	ok(strcmp(ss.state, "S (sleeping)") == 0, "State '%s'", ss.state);
	ok(procfs_parse_status("Tgid:\t5\n", &ss) == 0 && ss.vmrss_kb == -1 &&
	    ss.ppid == 0, "missing fields: defaults");
	ok(procfs_parse_status("Name:\tx\n", &ss) != 0, "no Tgid rejected");
	ok(procfs_parse_status("", &ss) != 0, "empty rejected");
	ok(procfs_parse_status("Tgid:\t5", &ss) == 0 && ss.tgid == 5,
	    "no final newline");

	/* A fixture tree as the /proc root. */
	snprintf(root, sizeof root, "%s/fwtest-procfs.XXXXXX",
	    tmp != NULL ? tmp : "/tmp");
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	dir("4242");
	dir("4242/task");
	dir("4242/task/4242");
	dir("4242/task/4250");
	dir("4242/task/4243");
	snprintf(line, sizeof line, "4242 (x y) %s", STAT_TAIL);
	put("4242/stat", line, strlen(line));
	snprintf(line, sizeof line, "4250 (worker)) %s", STAT_TAIL);
	put("4242/task/4250/stat", line, strlen(line));
	put("4242/status", status_text, strlen(status_text));
	put("4242/cmdline", "prog\0-a\0\0last", 14);
	put("4242/environ", "A=1\0B=2\0", 8);
	put("4242/comm", "x y\n", 4);
	put("uptime", "12345.67 890.12\n", 16);
	if (symlink("/usr/bin/true", (snprintf(line, sizeof line, "%s/4242/exe",
	    root), line)) != 0)
		return 99;
	procfs_init(&p, root);
	ok(procfs_read_stat(&p, 4242, 0, &st) == 0 &&
	    strcmp(st.comm, "x y") == 0, "read stat");
	ok(procfs_read_stat(&p, 4242, 4250, &st) == 0 &&
	    strcmp(st.comm, "worker)") == 0, "read a thread's stat");
	ok(procfs_read_stat(&p, 4243, 0, &st) == -ENOENT, "missing pid: ENOENT");
	ok(procfs_read_status(&p, 4242, &ss) == 0 && ss.tracer == 3999,
	    "read status");
	strv_init(&v);
	ok(procfs_read_strv(&p, 4242, "cmdline", &v) == 0 && v.n == 4 &&
	    strcmp(strv_get(&v, 0), "prog") == 0 &&
	    strcmp(strv_get(&v, 2), "") == 0 &&
	    strcmp(strv_get(&v, 3), "last") == 0,
	    "cmdline: 4 strings, an empty one, no final NUL (n=%d)", v.n);
	ok(procfs_read_strv(&p, 4242, "environ", &v) == 0 && v.n == 2 &&
	    strcmp(strv_get(&v, 1), "B=2") == 0, "environ");
	strv_release(&v);
	ok(procfs_read_comm(&p, 4242, comm, sizeof comm) == 0 &&
	    strcmp(comm, "x y") == 0, "comm without newline");
	ok(procfs_read_comm(&p, 4242, comm, 3) == 0 && strcmp(comm, "x ") == 0,
	    "comm cut to the buffer");
	ok(procfs_readlink(&p, 4242, "exe", &link) == 0 &&
	    strcmp(link, "/usr/bin/true") == 0, "readlink exe");
	free(link);
	ok(procfs_list_tasks(&p, 4242, &tids, &n) == 0 && n == 3 &&
	    tids[0] == 4242 && tids[1] == 4243 && tids[2] == 4250,
	    "list tasks, sorted");
	free(tids);
	ok(procfs_uptime(&p) > 12345.6 && procfs_uptime(&p) < 12345.7,
	    "uptime");

	{
		int	 fl = -1;

		ok(procfs_parse_fdinfo_flags("pos:\t0\nflags:\t02100001\n"
		    "mnt_id:\t29\n", &fl) == 0 && fl == 02100001,
		    "fdinfo flags are octal (got %o)", fl);
		ok(procfs_parse_fdinfo_flags("pos:\t0\nmnt_id:\t29\n", &fl) ==
		    -ENOENT, "fdinfo without flags");
		ok(procfs_parse_fdinfo_flags("flags:\tx\n", &fl) == -EINVAL,
		    "fdinfo flags not a number");
	}

	snprintf(line, sizeof line, "rm -rf '%s'", root);
	if (system(line) != 0)
		return 99;
	return tap_done();
}
