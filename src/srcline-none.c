/* srcline-none.c - the source line backend of a forkwatch built without
 * libdw: nothing is known, and backtraces keep function+offset. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "srcline.h"
#include "util.h"

/* Nothing to cache; a context still exists so callers need not care. */
struct srcline_ctx {
	int	 unused;
};

struct srcline_ctx *
srcline_ctx_new(void)
{
	return fw_calloc(1, sizeof(struct srcline_ctx));
}

void
srcline_ctx_free(struct srcline_ctx *ctx)
{
	free(ctx);
}

void
srcline_ctx_set_debug_dir(struct srcline_ctx *ctx, const char *dir)
{
	(void)ctx;
	(void)dir;
}

int
srcline_lookup(struct srcline_ctx *ctx, const char *open_path,
    const char *name, uint64_t vaddr, struct srcline *out)
{
	(void)ctx;
	(void)open_path;
	(void)name;
	(void)vaddr;
	memset(out, 0, sizeof *out);
	return -ENOSYS;
}

void
srcline_release(struct srcline *sl)
{
	memset(sl, 0, sizeof *sl);
}

const char *
srcline_backend(void)
{
	return "none";
}
