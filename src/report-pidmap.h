/* report-pidmap.h - a hash table from pid (or tid) to a pointer, with O(1)
 * lookups, for the report's process model. The table does not own the
 * pointers. Embedded: zero it to initialise, report_pidmap_release() to
 * free. */
#ifndef FW_REPORT_PIDMAP_H
#define FW_REPORT_PIDMAP_H

#include <stddef.h>

struct report_pidmap {
	long long		*keys;
	void			**vals;		/* NULL marks a free slot */
	size_t			 cap;		/* a power of two, or 0 */
	size_t			 n;
};

/* The pointer mapped to key, or NULL. */
void	*report_pidmap_get(const struct report_pidmap *, long long key);
/* Map key to val (not NULL), replacing any previous mapping. */
void	 report_pidmap_put(struct report_pidmap *, long long key, void *val);
/* Remove key if it maps to val (a newer mapping of key is kept). */
void	 report_pidmap_del(struct report_pidmap *, long long key,
	    const void *val);
void	 report_pidmap_release(struct report_pidmap *);

#endif
