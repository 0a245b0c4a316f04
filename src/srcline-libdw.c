/* srcline-libdw.c - the source line backend on elfutils' libdwfl: one Dwfl
 * session per ELF file, placed at its link-time addresses. Separate debug
 * files are looked for here, the way gdb looks (build-id first, then the
 * .gnu_debuglink name with its CRC checked), not by libdwfl's standard
 * search: that one falls back to downloading from debuginfod servers
 * (DEBUGINFOD_URLS), which a debugger must not do unasked while a whole
 * process tree waits for it. */
#include "config.h"

#include <elfutils/libdwfl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "srcline.h"
#include "util.h"

#define SRCLINE_DEBUG_DIR	"/usr/lib/debug"

struct srcline_entry {
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtime;
	Dwfl		*dwfl;		/* NULL: libdwfl could not take the file */
	Dwfl_Module	*mod;
	unsigned long	 last_use;
};

struct srcline_ctx {
	/* libdwfl keeps a pointer to it for the life of each session. */
	Dwfl_Callbacks		 cb;
	char			*debug_dir;	/* NULL: none; also libdwfl's
						   build-id search path */
	struct srcline_entry	 v[SRCLINE_CACHE_FILES];
	size_t			 n;
	unsigned long		 clock;
};

/* The CRC-32 that .gnu_debuglink records (the reflected polynomial
 * 0xedb88320 of zlib and gdb) of the file open on fd; false when it cannot
 * be read. */
static bool
file_crc32(int fd, uint32_t *out)
{
	static uint32_t	 table[256];
	unsigned char	 buf[65536];
	uint32_t	 crc = 0xffffffffU, c;
	ssize_t		 n, i;
	int		 k;

	if (table[1] == 0) {
		for (i = 0; i < 256; i++) {
			c = (uint32_t)i;
			for (k = 0; k < 8; k++)
				c = c & 1 ? (c >> 1) ^ 0xedb88320U : c >> 1;
			table[i] = c;
		}
	}
	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0)
			break;
		for (i = 0; i < n; i++)
			crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
	}
	*out = crc ^ 0xffffffffU;
	return true;
}

/* Open path, a regular file other than the main one (main_st) whose
 * CRC-32 is crc, for libdwfl; -1 if it is not that. */
static int
open_debug(const char *path, const struct stat *main_st, uint32_t crc)
{
	struct stat	 st;
	uint32_t	 got;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
	    O_NOCTTY)) < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (st.st_dev == main_st->st_dev && st.st_ino == main_st->st_ino) ||
	    !file_crc32(fd, &got) || got != crc ||
	    lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* libdwfl's find_debuginfo callback, called when the file has no DWARF of
 * its own (or for the dwz file its DWARF refers to): the build-id under DIR
 * (DIR/.build-id/xx/yyyy.debug, libdwfl's local search, which knows the
 * dwz case), then the .gnu_debuglink name in the file's directory, in its
 * .debug subdirectory and under DIR (DIR/usr/bin/ls.debug for
 * /usr/bin/ls), as gdb searches. The module's userdata is the context. */
static int
find_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname,
    GElf_Addr base, const char *file_name, const char *debuglink,
    GElf_Word crc, char **found)
{
	struct srcline_ctx	*ctx = *userdata;
	struct stat		 main_st;
	struct fw_buf		 path;
	const char		*slash;
	size_t			 dirlen;
	int			 k, fd = -1;

	if (ctx->debug_dir != NULL && (fd = dwfl_build_id_find_debuginfo(mod,
	    userdata, modname, base, file_name, debuglink, crc, found)) >= 0)
		return fd;
	/* A dwz file (crc 0) is found by its build-id only; a name with a
	 * directory in it is not a debuglink gdb would follow either. */
	if (debuglink == NULL || crc == 0 || strchr(debuglink, '/') != NULL ||
	    file_name == NULL || (slash = strrchr(file_name, '/')) == NULL)
		return -1;
	memset(&main_st, 0, sizeof main_st);
	if (stat(file_name, &main_st) < 0)
		main_st.st_ino = 0;
	dirlen = (size_t)(slash - file_name);
	fw_buf_init(&path);
	for (k = 0; k < 3 && fd < 0; k++) {
		if (k == 2 && ctx->debug_dir == NULL)
			break;
		fw_buf_reset(&path);
		if (k == 2)
			fw_buf_adds(&path, ctx->debug_dir);
		fw_buf_add(&path, file_name, dirlen);
		fw_buf_adds(&path, k == 1 ? "/.debug/" : "/");
		fw_buf_adds(&path, debuglink);
		fd = open_debug(path.data, &main_st, crc);
	}
	if (fd >= 0)
		*found = fw_strdup(path.data);
	fw_buf_release(&path);
	return fd;
}

struct srcline_ctx *
srcline_ctx_new(void)
{
	struct srcline_ctx	*ctx = fw_calloc(1, sizeof *ctx);

	ctx->cb.find_elf = NULL;	/* every file comes with its fd */
	ctx->cb.find_debuginfo = find_debuginfo;
	ctx->cb.section_address = dwfl_offline_section_address;
	ctx->cb.debuginfo_path = &ctx->debug_dir;
	ctx->debug_dir = fw_strdup(SRCLINE_DEBUG_DIR);
	return ctx;
}

static void
entry_drop(struct srcline_ctx *ctx, size_t i)
{
	if (ctx->v[i].dwfl != NULL)
		dwfl_end(ctx->v[i].dwfl);
	ctx->v[i] = ctx->v[--ctx->n];
}

static void
cache_clear(struct srcline_ctx *ctx)
{
	while (ctx->n > 0)
		entry_drop(ctx, ctx->n - 1);
}

void
srcline_ctx_free(struct srcline_ctx *ctx)
{
	if (ctx == NULL)
		return;
	cache_clear(ctx);
	free(ctx->debug_dir);
	free(ctx);
}

void
srcline_ctx_set_debug_dir(struct srcline_ctx *ctx, const char *dir)
{
	char	*copy = dir != NULL ? fw_strdup(dir) : NULL;

	cache_clear(ctx);
	free(ctx->debug_dir);
	ctx->debug_dir = copy;
}

const char *
srcline_backend(void)
{
	static char	 name[64];

	if (name[0] == '\0')
		snprintf(name, sizeof name, "libdw %s", dwfl_version(NULL));
	return name;
}

/* A Dwfl session for the file open on fd (taken over), which the task
 * knows as name; the module is placed at its link-time addresses (base 0
 * relative to the first PT_LOAD's p_vaddr). */
static void
entry_open(struct srcline_ctx *ctx, struct srcline_entry *e, int fd,
    const char *name)
{
	void	**userdata;

	e->dwfl = dwfl_begin(&ctx->cb);
	e->mod = NULL;
	if (e->dwfl == NULL) {
		close(fd);
		return;
	}
	dwfl_report_begin(e->dwfl);
	e->mod = dwfl_report_elf(e->dwfl, name, name, fd, 0, true);
	dwfl_report_end(e->dwfl, NULL, NULL);
	if (e->mod == NULL) {
		/* fd is the library's only on success. */
		close(fd);
		dwfl_end(e->dwfl);
		e->dwfl = NULL;
		return;
	}
	/* For find_debuginfo(). */
	dwfl_module_info(e->mod, &userdata, NULL, NULL, NULL, NULL, NULL,
	    NULL);
	*userdata = ctx;
}

static bool
same_file(const struct srcline_entry *e, const struct stat *st)
{
	return e->dev == st->st_dev && e->ino == st->st_ino &&
	    e->size == st->st_size && e->mtime.tv_sec == st->st_mtim.tv_sec &&
	    e->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

/* The cache entry of the file open_path names, opened on a miss. stat
 * first: opening a device node could have side effects. */
static struct srcline_entry *
entry_get(struct srcline_ctx *ctx, const char *open_path, const char *name,
    int *err)
{
	struct srcline_entry	*e;
	struct stat		 st;
	size_t			 i, lru;
	int			 fd;

	if (stat(open_path, &st) < 0) {
		*err = -errno;
		return NULL;
	}
	for (i = 0; i < ctx->n; i++) {
		if (S_ISREG(st.st_mode) && same_file(&ctx->v[i], &st)) {
			ctx->v[i].last_use = ++ctx->clock;
			return &ctx->v[i];
		}
	}
	if (!S_ISREG(st.st_mode)) {
		*err = -ENOEXEC;
		return NULL;
	}
	if ((fd = open(open_path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
	    O_NOCTTY)) < 0) {
		*err = -errno;
		return NULL;
	}
	/* Key on what was opened, in case the path changed since stat. */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*err = -ENOEXEC;
		close(fd);
		return NULL;
	}
	if (ctx->n == SRCLINE_CACHE_FILES) {
		lru = 0;
		for (i = 1; i < ctx->n; i++) {
			if (ctx->v[i].last_use < ctx->v[lru].last_use)
				lru = i;
		}
		entry_drop(ctx, lru);
	}
	e = &ctx->v[ctx->n++];
	memset(e, 0, sizeof *e);
	e->dev = st.st_dev;
	e->ino = st.st_ino;
	e->size = st.st_size;
	e->mtime = st.st_mtim;
	e->last_use = ++ctx->clock;
	entry_open(ctx, e, fd, name);
	return e;
}

/* The file name as gdb shows it: relative to the compilation directory
 * when under it. */
static char *
display_name(const char *src, const char *comp_dir)
{
	size_t	 n;

	if (comp_dir != NULL && (n = strlen(comp_dir)) > 0 &&
	    strncmp(src, comp_dir, n) == 0 && src[n] == '/' &&
	    src[n + 1] != '\0')
		return fw_strdup(src + n + 1);
	return fw_strdup(src);
}

int
srcline_lookup(struct srcline_ctx *ctx, const char *open_path,
    const char *name, uint64_t vaddr, struct srcline *out)
{
	struct srcline_entry	*e;
	Dwfl_Line		*l;
	GElf_Off		 off;
	GElf_Sym		 sym;
	const char		*src, *fn;
	int			 lineno = 0, err = 0;

	memset(out, 0, sizeof *out);
	if ((e = entry_get(ctx, open_path, name, &err)) == NULL)
		return err;
	if (e->mod == NULL)
		return -ENOENT;
	if ((l = dwfl_module_getsrc(e->mod, vaddr)) != NULL &&
	    (src = dwfl_lineinfo(l, NULL, &lineno, NULL, NULL, NULL)) !=
	    NULL && lineno > 0) {
		out->file = display_name(src, dwfl_line_comp_dir(l));
		out->line = lineno;
	}
	if ((fn = dwfl_module_addrinfo(e->mod, vaddr, &off, &sym, NULL, NULL,
	    NULL)) != NULL && *fn != '\0') {
		out->func = fw_strndup(fn, strcspn(fn, "@"));
		out->func_off = off;
	}
	return out->file != NULL || out->func != NULL ? 0 : -ENOENT;
}

void
srcline_release(struct srcline *sl)
{
	free(sl->file);
	free(sl->func);
	memset(sl, 0, sizeof *sl);
}
