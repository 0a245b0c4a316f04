/* backtrace.c - the part of the backtrace module every unwinder backend
 * shares: the context with its symbol cache, the symboliser (a pc to
 * module, function and offsets via /proc/PID/maps and ELF symbol tables)
 * and the formatter. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backtrace-int.h"
#include "elfsym.h"
#include "escape.h"
#include "maps.h"

struct bt_ctx {
	struct elfsym_cache	*syms;
};

struct bt_ctx *
bt_ctx_new(void)
{
	struct bt_ctx	*ctx = fw_calloc(1, sizeof *ctx);

	ctx->syms = elfsym_cache_new(0, 0);
	return ctx;
}

void
bt_ctx_free(struct bt_ctx *ctx)
{
	if (ctx == NULL)
		return;
	elfsym_cache_free(ctx->syms);
	free(ctx);
}

void
bt_ctx_set_debug_dir(struct bt_ctx *ctx, const char *dir)
{
	elfsym_cache_set_debug_dir(ctx->syms, dir);
}

void
bt_ctx_stats(const struct bt_ctx *ctx, struct bt_stats *st)
{
	struct elfsym_stats	 es;

	elfsym_cache_stats(ctx->syms, &es);
	st->files = es.files;
	st->bytes = es.bytes;
	st->hits = es.hits;
	st->loads = es.loads;
	st->evictions = es.evictions;
}

void
bt_frame_release(struct bt_frame *f)
{
	free(f->func);
	free(f->module);
	memset(f, 0, sizeof *f);
}

void
bt_trace_release(struct bt_trace *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		bt_frame_release(&t->frames[i]);
	free(t->frames);
	memset(t, 0, sizeof *t);
}

struct bt_frame *
bt_trace_push(struct bt_trace *t)
{
	struct bt_frame	*f;

	/* Capacity is implicit: grow when n reaches a power of two. */
	if (t->n == 0 || (t->n >= 16 && (t->n & (t->n - 1)) == 0))
		t->frames = fw_realloc(t->frames,
		    (t->n < 16 ? 16 : t->n * 2) * sizeof *t->frames);
	f = &t->frames[t->n++];
	memset(f, 0, sizeof *f);
	return f;
}

/* The parsed ELF file mapped at e in pid, or NULL. A maps path of a task in
 * another mount namespace (a container) is relative to that namespace, so
 * /proc/PID/root/PATH comes first; one of a chrooted task is relative to
 * our root, so the path as is comes next. The inode check (maps shows the
 * mapped inode) rejects a name that reaches another file. The only way to a
 * deleted file, or to a replaced one, is /proc/PID/map_files/START-END
 * (which needs CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE). */
static const struct elfsym_file *
open_module(struct bt_ctx *ctx, pid_t pid, const struct maps_entry *e)
{
	const struct elfsym_file	*f;
	struct fw_buf			 path;
	int				 r = -ENOENT, k;

	fw_buf_init(&path);
	for (k = e->deleted ? 2 : 0; k < 3; k++) {
		fw_buf_reset(&path);
		if (k == 0)
			fw_buf_printf(&path, "/proc/%d/root", (int)pid);
		if (k < 2)
			fw_buf_add(&path, e->path, maps_path_len(e));
		else
			fw_buf_printf(&path, "/proc/%d/map_files/%" PRIx64 "-%"
			    PRIx64, (int)pid, e->start, e->end);
		r = elfsym_cache_get(ctx->syms, path.data, e->inode, &f);
		/* Not ELF (or not a regular file) by one name: by all. */
		if (r == 0 || r == -ENOEXEC)
			break;
	}
	fw_buf_release(&path);
	return r == 0 ? f : NULL;
}

void
bt_resolve(struct bt_ctx *ctx, pid_t pid, const struct maps *m, uint64_t pc,
    bool retaddr, struct bt_frame *out)
{
	const struct maps_entry		*e;
	const struct elfsym_file	*f;
	const char			*name;
	uint64_t			 look, back, vaddr, start;

	memset(out, 0, sizeof *out);
	out->pc = pc;
	back = retaddr && pc > 0 ? 1 : 0;
	look = pc - back;
	if ((e = maps_find(m, look)) == NULL || e->path == NULL)
		return;
	out->module = fw_strdup(e->path);
	out->modoff = look - e->start + e->offset + back;
	if (!maps_is_file(e) || (f = open_module(ctx, pid, e)) == NULL)
		return;
	if (!elfsym_offset_to_vaddr(f, look - e->start + e->offset, &vaddr))
		return;
	out->modoff = vaddr + back;
	if ((name = elfsym_lookup(f, vaddr, &start)) != NULL) {
		out->func = fw_strdup(name);
		out->off = vaddr + back - start;
	}
}

int
bt_symbolize(struct bt_ctx *ctx, pid_t pid, uint64_t pc, struct bt_frame *out)
{
	struct maps	 m;
	int		 r;

	memset(out, 0, sizeof *out);
	out->pc = pc;
	if ((r = maps_read(NULL, pid, &m)) < 0)
		return r;
	bt_resolve(ctx, pid, &m, pc, false, out);
	maps_release(&m);
	return 0;
}

void
bt_format(struct fw_buf *b, const struct bt_trace *t)
{
	const struct bt_frame	*f;
	size_t			 i;

	for (i = 0; i < t->n; i++) {
		f = &t->frames[i];
		fw_buf_printf(b, "#%-3zu0x%016" PRIx64 " in ", i, f->pc);
		if (f->func != NULL) {
			esc_text_bare(b, f->func, strlen(f->func));
			fw_buf_printf(b, "+0x%" PRIx64, f->off);
			if (f->module != NULL) {
				fw_buf_adds(b, " (");
				esc_text_bare(b, f->module, strlen(f->module));
				fw_buf_addc(b, ')');
			}
		} else if (f->module != NULL) {
			esc_text_bare(b, f->module, strlen(f->module));
			fw_buf_printf(b, "+0x%" PRIx64, f->modoff);
		} else
			fw_buf_adds(b, "??");
		if (f->sigframe)
			fw_buf_adds(b, " <signal handler called>");
		fw_buf_addc(b, '\n');
	}
	if (t->stopped != NULL)
		fw_buf_printf(b, "Backtrace stopped: %s\n", t->stopped);
	if (t->truncated)
		fw_buf_printf(b, "(more frames not shown: stopped at %zu)\n",
		    t->n);
}
