/* maps.h - the memory map of a process, parsed from /proc/PID/maps.
 *
 * Paths are built from a proc root directory (NULL means "/proc") so the
 * parser can be tested on fixture trees. A struct maps is embedded:
 * maps_init()/maps_release(); it owns its entries and their path strings.
 * Functions return 0 or -errno. */
#ifndef FW_MAPS_H
#define FW_MAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* One line of /proc/PID/maps: [start, end) mapped from offset of a file. */
struct maps_entry {
	uint64_t	 start;
	uint64_t	 end;
	uint64_t	 offset;	/* file offset of start */
	unsigned int	 dev_major;
	unsigned int	 dev_minor;
	uint64_t	 inode;		/* 0: anonymous or special */
	char		 perms[5];	/* "r-xp" */
	/* The name as the kernel shows it, " (deleted)" suffix included;
	 * "[vdso]", "[stack]"... for special mappings; NULL if anonymous. */
	char		*path;
	bool		 deleted;	/* path ends with " (deleted)" */
};

/* The entries are sorted by start and do not overlap. */
struct maps {
	struct maps_entry	*v;
	size_t			 n;
};

void	maps_init(struct maps *);
void	maps_release(struct maps *);

/* Read and parse ROOT/PID/maps (pid may be any task id). On error *m is left
 * empty. */
int	maps_read(const char *root, pid_t pid, struct maps *m);

/* Parse the text of a maps file (len bytes, need not be NUL terminated) into
 * an empty *m. Malformed lines make it fail with -EINVAL. */
int	maps_parse(const char *text, size_t len, struct maps *m);

/* The entry containing addr, or NULL. */
const struct maps_entry *maps_find(const struct maps *, uint64_t addr);

/* True for a mapping of a file that can be opened by path: the path is
 * absolute (not "[vdso]"-like) and the inode is not 0. */
bool	maps_is_file(const struct maps_entry *);

/* The length of e->path without its " (deleted)" suffix. */
size_t	maps_path_len(const struct maps_entry *);

#endif
