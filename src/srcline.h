/* srcline.h - the source file and line of a code address in an ELF file,
 * from DWARF: the file's own .debug_line, or that of a separate debug file
 * found the way gdb finds one: by build-id under the debug directory
 * (DIR/.build-id/xx/yyyy.debug), then by the .gnu_debuglink name (checked
 * against its CRC) next to the file, in its .debug subdirectory and under
 * the debug directory.
 *
 * One interface, one file per backend: srcline-libdw.c (elfutils' libdw),
 * or srcline-none.c when forkwatch is built without it, where every lookup
 * says -ENOSYS and backtraces keep function+offset.
 *
 * Ownership: a srcline_ctx is the caller's (srcline_ctx_new/_free); it
 * caches the DWARF of the last files looked at, keyed by file identity
 * (device, inode, size, mtime), so a file replaced on disk is read again.
 * A struct srcline filled by srcline_lookup() owns its strings:
 * srcline_release(). Strings come from files a tracee may control: escape
 * them before showing them. Not thread-safe. */
#ifndef FW_SRCLINE_H
#define FW_SRCLINE_H

#include <stdint.h>

/* The DWARF files kept open at once. */
#define SRCLINE_CACHE_FILES	16

struct srcline {
	/* The source file as the compiler named it: relative to the
	 * compilation directory when it lies under it (as gdb shows it),
	 * else absolute. NULL when no line is known. */
	char		*file;
	int		 line;		/* 0 when unknown */
	/* A function name from the debug file's symbol table, for a caller
	 * whose own lookup found none (a stripped file whose debug file is
	 * found by .gnu_debuglink); NULL when there is none. */
	char		*func;
	uint64_t	 func_off;	/* vaddr - the function's start */
};

struct srcline_ctx;

struct srcline_ctx *srcline_ctx_new(void);
void	 srcline_ctx_free(struct srcline_ctx *);

/* Where to look for separate debug files (default "/usr/lib/debug"); NULL
 * leaves only the file's own DWARF and the debuglink places next to it.
 * Empties the cache. */
void	 srcline_ctx_set_debug_dir(struct srcline_ctx *, const char *dir);

/* The source line of link-time address vaddr of the ELF file that open_path
 * opens. name is the file's path as the traced task sees it (its maps
 * line, without " (deleted)"): .gnu_debuglink names are searched in its
 * directory. 0 with *out filled (out->file may still be NULL when only a
 * function name is known), -ENOENT when nothing is known of vaddr, -ENOSYS
 * without a DWARF backend, or -errno when the file cannot be read. *out is
 * zeroed first either way. */
int	 srcline_lookup(struct srcline_ctx *, const char *open_path,
	    const char *name, uint64_t vaddr, struct srcline *out);
void	 srcline_release(struct srcline *);

/* "libdw 0.188", or "none": what the build looks up lines with. */
const char *srcline_backend(void);

#endif
