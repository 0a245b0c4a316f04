/* elfsym.h - function symbols and load segments of ELF files, read with
 * libelf, and a bounded cache of them keyed by file identity.
 *
 * Symbols come from .symtab; a file without one uses .dynsym, unless a
 * separate debug file with a .symtab is found by build-id under the debug
 * directory (DEBUG_DIR/.build-id/xx/yyyy.debug, as Debian's -dbgsym and
 * -dbg packages install them). Symbol names come from files a tracee may
 * control: callers escape them before showing them.
 *
 * Ownership: an elfsym_file from elfsym_file_load() is the caller's, freed
 * with elfsym_file_free(). One returned by elfsym_cache_get() belongs to the
 * cache and stays valid until the next elfsym_cache_get() or
 * elfsym_cache_free(). Names returned by lookups live as long as their file.
 * Functions return 0 or -errno. */
#ifndef FW_ELFSYM_H
#define FW_ELFSYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The default place of separate debug files. */
#define ELFSYM_DEBUG_DIR	"/usr/lib/debug"

/* Where a file's symbols came from. */
enum elfsym_source {
	ELFSYM_NONE,		/* no symbol table at all */
	ELFSYM_SYMTAB,		/* the file's own .symtab */
	ELFSYM_DYNSYM,		/* the file's .dynsym (a stripped file) */
	ELFSYM_DEBUGFILE,	/* .symtab of the build-id debug file */
};

struct elfsym_file;

/* Parse the ELF file open on fd (left open): its PT_LOAD segments and its
 * function symbols. debug_dir (NULL: do not look) is searched for a build-id
 * debug file when the file has no .symtab. -ENOEXEC if fd is not an ELF
 * executable or shared object. */
int	 elfsym_file_load(int fd, const char *debug_dir,
	    struct elfsym_file **);
void	 elfsym_file_free(struct elfsym_file *);

/* The link-time virtual address (what `addr2line -e FILE` takes) of file
 * offset off, through the PT_LOAD segment holding it; false if none does. */
bool	 elfsym_offset_to_vaddr(const struct elfsym_file *, uint64_t off,
	    uint64_t *vaddr);

/* The function whose [start, start + size) holds vaddr: its name, and its
 * start in *start. NULL when no symbol covers vaddr. Of several symbols at
 * one address (aliases), the one with the fewest leading underscores wins,
 * then global over weak over local, then the shorter name. */
const char *elfsym_lookup(const struct elfsym_file *, uint64_t vaddr,
	    uint64_t *start);

size_t	 elfsym_count(const struct elfsym_file *);
enum elfsym_source elfsym_file_source(const struct elfsym_file *);
/* The memory the parsed file holds, for the cache's bound. */
size_t	 elfsym_file_bytes(const struct elfsym_file *);

/* A cache of parsed files keyed by (device, inode, size, mtime) of the file,
 * so a file replaced on disk is parsed again and a path reached two ways
 * (/proc/PID/root/..., map_files) is parsed once. Least recently used files
 * are evicted beyond max_files or max_bytes (0: the defaults below). */
#define ELFSYM_CACHE_FILES	64
#define ELFSYM_CACHE_BYTES	(64UL << 20)

struct elfsym_cache;

struct elfsym_cache *elfsym_cache_new(size_t max_files, size_t max_bytes);
void	 elfsym_cache_free(struct elfsym_cache *);

/* Where to look for build-id debug files (default ELFSYM_DEBUG_DIR); NULL
 * turns the search off. Empties the cache. */
void	 elfsym_cache_set_debug_dir(struct elfsym_cache *, const char *dir);

/* The parsed symbols of the regular file at path, loaded on a miss. When
 * want_ino is not 0 and the file's inode differs, -ESTALE (the path no
 * longer names the mapped file). Files that are not ELF are remembered as
 * such and give -ENOEXEC; other failures (-ENOENT, -EACCES) are not cached. */
int	 elfsym_cache_get(struct elfsym_cache *, const char *path,
	    uint64_t want_ino, const struct elfsym_file **out);

struct elfsym_stats {
	size_t		 files;		/* files held now */
	size_t		 bytes;		/* memory they hold */
	unsigned long	 hits;
	unsigned long	 loads;		/* files parsed (misses) */
	unsigned long	 evictions;
};
void	 elfsym_cache_stats(const struct elfsym_cache *,
	    struct elfsym_stats *);

#endif
