/* bpf-probe: can the eBPF backend work here? The one place the tests
 * decide that eBPF is missing, by doing what forkwatch's program needs
 * without forkwatch: find the task_newtask tracepoint in the kernel's BTF
 * (/sys/kernel/btf/vmlinux), load a BTF tracepoint program (tp_btf) that
 * returns 0, attach it, and create a ring buffer map.
 * Exit 0: it works; 77: the kernel says no (why on stdout, one line: no
 * BTF, no privilege, a kernel without it); 99: the probe itself failed
 * (a test then fails, never skips). Built only with the eBPF backend.
 *
 *   bpf-probe gone ID...   exit 0 when no eBPF program with any of these
 *                          ids is loaded any more, 1 when one still is
 *                          (tests check that nothing outlives forkwatch). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

static int
quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* errno values that mean "not available here". */
static int
unavailable(int e)
{
	return e == EPERM || e == EACCES || e == ENOSYS || e == EINVAL ||
	    e == ENOTSUP || e == ENOENT || e == E2BIG;
}

static int
verdict(const char *what, int e)
{
	printf("%s: %s\n", what, strerror(e));
	return unavailable(e) ? 77 : 99;
}

/* Are the programs with these ids all gone? */
static int
gone(int argc, char **argv)
{
	int	 i, fd;

	for (i = 0; i < argc; i++) {
		if ((fd = bpf_prog_get_fd_by_id((unsigned)atoi(argv[i]))) >= 0) {
			close(fd);
			printf("program %s is still loaded\n", argv[i]);
			return 1;
		}
		if (errno != ENOENT)
			return verdict("looking a program up", errno);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct bpf_insn		 insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	struct btf		*btf;
	int			 id, fd, link, map;

	libbpf_set_print(quiet);
	if (argc > 1 && strcmp(argv[1], "gone") == 0)
		return gone(argc - 2, argv + 2);
	if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) {
		printf("the kernel has no BTF (/sys/kernel/btf/vmlinux)\n");
		return 77;
	}
	if ((btf = btf__load_vmlinux_btf()) == NULL)
		return verdict("reading the kernel's BTF", errno);
	id = btf__find_by_name_kind(btf, "btf_trace_task_newtask",
	    BTF_KIND_TYPEDEF);
	btf__free(btf);
	if (id < 0) {
		printf("the kernel's BTF has no task_newtask tracepoint\n");
		return 77;
	}
	opts.expected_attach_type = BPF_TRACE_RAW_TP;
	opts.attach_btf_id = (unsigned)id;
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "fw_probe", "GPL", insns,
	    2, &opts);
	if (fd < 0)
		return verdict("loading a tp_btf program", errno);
	if ((link = bpf_raw_tracepoint_open(NULL, fd)) < 0)
		return verdict("attaching it", errno);
	map = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "fw_probe", 0, 0, 65536,
	    NULL);
	if (map < 0)
		return verdict("creating a ring buffer", errno);
	close(map);
	close(link);
	close(fd);
	return 0;
}
