/* backtrace.c - the part of the backtrace module every unwinder backend
 * shares: the context with its symbol and DWARF caches, the symboliser (a
 * pc to module, function and offsets via /proc/PID/maps and ELF symbol
 * tables, to a source line via DWARF, names demangled) and the formatter. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backtrace-int.h"
#include "demangle.h"
#include "elfsym.h"
#include "escape.h"
#include "maps.h"
#include "srcline.h"

struct bt_ctx {
	struct elfsym_cache	*syms;
	struct srcline_ctx	*lines;
	char			*debug_dir;	/* NULL: none */
};

struct bt_ctx *
bt_ctx_new(void)
{
	struct bt_ctx	*ctx = fw_calloc(1, sizeof *ctx);

	ctx->syms = elfsym_cache_new(0, 0);
	ctx->lines = srcline_ctx_new();
	ctx->debug_dir = fw_strdup(ELFSYM_DEBUG_DIR);
	return ctx;
}

void
bt_ctx_free(struct bt_ctx *ctx)
{
	if (ctx == NULL)
		return;
	elfsym_cache_free(ctx->syms);
	srcline_ctx_free(ctx->lines);
	free(ctx->debug_dir);
	free(ctx);
}

void
bt_ctx_set_debug_dir(struct bt_ctx *ctx, const char *dir)
{
	/* dir may be the string bt_ctx_debug_dir() returned. */
	char	*copy = dir != NULL ? fw_strdup(dir) : NULL;

	elfsym_cache_set_debug_dir(ctx->syms, copy);
	srcline_ctx_set_debug_dir(ctx->lines, copy);
	free(ctx->debug_dir);
	ctx->debug_dir = copy;
}

const char *
bt_ctx_debug_dir(const struct bt_ctx *ctx)
{
	return ctx->debug_dir;
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
	free(f->file);
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
open_module(struct bt_ctx *ctx, pid_t pid, const struct maps_entry *e,
    struct fw_buf *path)
{
	const struct elfsym_file	*f;
	int				 r = -ENOENT, k;

	for (k = e->deleted ? 2 : 0; k < 3; k++) {
		fw_buf_reset(path);
		if (k == 0)
			fw_buf_printf(path, "/proc/%d/root", (int)pid);
		if (k < 2)
			fw_buf_add(path, e->path, maps_path_len(e));
		else
			fw_buf_printf(path, "/proc/%d/map_files/%" PRIx64 "-%"
			    PRIx64, (int)pid, e->start, e->end);
		r = elfsym_cache_get(ctx->syms, path->data, e->inode, &f);
		/* Not ELF (or not a regular file) by one name: by all. */
		if (r == 0 || r == -ENOEXEC)
			break;
	}
	return r == 0 ? f : NULL;
}

/* Set f's function name to name, demangled when it is a mangled one. */
static void
set_func(struct bt_frame *f, const char *name)
{
	char	*d = demangle_name(name);

	free(f->func);
	f->func = d != NULL ? d : fw_strdup(name);
}

/* The source line of vaddr (the link-time address of the looked-up pc) in
 * the file opened as path; a function name from the DWARF side's symbol
 * tables (a debug file found by .gnu_debuglink) when ELF had none. */
static void
resolve_line(struct bt_ctx *ctx, const struct maps_entry *e,
    const char *path, uint64_t vaddr, uint64_t back, struct bt_frame *out)
{
	struct srcline	 sl;
	char		*name;

	name = fw_strndup(e->path, maps_path_len(e));
	if (srcline_lookup(ctx->lines, path, name, vaddr, &sl) == 0) {
		if (sl.file != NULL) {
			out->file = sl.file;
			out->line = sl.line;
			sl.file = NULL;
		}
		if (out->func == NULL && sl.func != NULL) {
			set_func(out, sl.func);
			out->off = sl.func_off + back;
		}
	}
	srcline_release(&sl);
	free(name);
}

void
bt_resolve(struct bt_ctx *ctx, pid_t pid, const struct maps *m, uint64_t pc,
    bool retaddr, struct bt_frame *out)
{
	const struct maps_entry		*e;
	const struct elfsym_file	*f;
	const char			*name;
	struct fw_buf			 path;
	uint64_t			 look, back, vaddr, start;

	memset(out, 0, sizeof *out);
	out->pc = pc;
	back = retaddr && pc > 0 ? 1 : 0;
	look = pc - back;
	if ((e = maps_find(m, look)) == NULL || e->path == NULL)
		return;
	out->module = fw_strdup(e->path);
	out->modoff = look - e->start + e->offset + back;
	if (!maps_is_file(e))
		return;
	fw_buf_init(&path);
	if ((f = open_module(ctx, pid, e, &path)) == NULL ||
	    !elfsym_offset_to_vaddr(f, look - e->start + e->offset, &vaddr)) {
		fw_buf_release(&path);
		return;
	}
	out->modoff = vaddr + back;
	if ((name = elfsym_lookup(f, vaddr, &start)) != NULL) {
		set_func(out, name);
		out->off = vaddr + back - start;
	}
	/* After the ELF lookup: the cache may drop f on the next load. */
	resolve_line(ctx, e, path.data, vaddr, back, out);
	fw_buf_release(&path);
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

/* A name as gdb shows a function: "main ()", "ns::f(int)". */
static void
add_func(struct fw_buf *b, const char *func)
{
	esc_text_bare(b, func, strlen(func));
	if (strchr(func, '(') == NULL)
		fw_buf_adds(b, " ()");
}

void
bt_format(struct fw_buf *b, const struct bt_trace *t)
{
	const struct bt_frame	*f;
	size_t			 i;

	for (i = 0; i < t->n; i++) {
		f = &t->frames[i];
		fw_buf_printf(b, "#%-3zu0x%016" PRIx64 " in ", i, f->pc);
		if (f->file != NULL) {
			add_func(b, f->func != NULL ? f->func : "??");
			fw_buf_adds(b, " at ");
			esc_text_bare(b, f->file, strlen(f->file));
			fw_buf_printf(b, ":%d", f->line);
		} else if (f->func != NULL) {
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
