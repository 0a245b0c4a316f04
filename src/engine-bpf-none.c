/* engine-bpf-none.c - the eBPF backend's slot in a build without it
 * (configure found no clang, bpftool or libbpf, or --without-bpf). */
#include "config.h"

#include <errno.h>

#include "engine.h"
#include "engine-int.h"

static int
none_open(struct engine *eng)
{
	fw_buf_adds(&eng->err, "this forkwatch was built without the eBPF "
	    "backend (it needs clang, bpftool and libbpf-dev at build time; "
	    "see ./configure's summary): use --backend=ptrace");
	return -ENOTSUP;
}

const struct engine_backend eng_backend_bpf = {
	.name = "bpf",
	.open = none_open,
};
