/* report-strmap.h - a hash table from byte strings (copied in) to a size_t
 * value, for the report's views that group by name or command line. Keys
 * may hold any bytes but NUL, or be given with a length. Embedded: zero it
 * to initialise, report_strmap_release() to free. */
#ifndef FW_REPORT_STRMAP_H
#define FW_REPORT_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct report_strmap_slot {
	char		*key;		/* NULL marks a free slot */
	size_t		 len;
	size_t		 val;
	unsigned long	 hash;
};

struct report_strmap {
	struct report_strmap_slot *slots;
	size_t			 cap;	/* a power of two, or 0 */
	size_t			 n;
};

/* The value of key (len bytes) in *val; false when key is not there. */
bool	 report_strmap_get(const struct report_strmap *, const char *key,
	    size_t len, size_t *val);
/* Map key to val. Returns false (and changes nothing) when key was already
 * there, true when it was added. */
bool	 report_strmap_add(struct report_strmap *, const char *key,
	    size_t len, size_t val);
void	 report_strmap_release(struct report_strmap *);

#endif
