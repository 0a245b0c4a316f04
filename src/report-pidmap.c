/* report-pidmap.c - pid -> pointer hash table: open addressing with linear
 * probing. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report-pidmap.h"
#include "util.h"

/* The home slot of key (Fibonacci hashing). */
static size_t
slot(const struct report_pidmap *m, long long key)
{
	uint64_t	 h = (uint64_t)key * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 32) & (m->cap - 1);
}

void *
report_pidmap_get(const struct report_pidmap *m, long long key)
{
	size_t	 i;

	if (m->cap == 0)
		return NULL;
	for (i = slot(m, key); m->vals[i] != NULL;
	    i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key)
			return m->vals[i];
	}
	return NULL;
}

/* Double the table and insert every entry again. */
static void
grow(struct report_pidmap *m)
{
	struct report_pidmap	 old = *m;
	size_t			 i;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->keys = fw_calloc(m->cap, sizeof *m->keys);
	m->vals = fw_calloc(m->cap, sizeof *m->vals);
	m->n = 0;
	for (i = 0; i < old.cap; i++) {
		if (old.vals[i] != NULL)
			report_pidmap_put(m, old.keys[i], old.vals[i]);
	}
	free(old.keys);
	free(old.vals);
}

void
report_pidmap_put(struct report_pidmap *m, long long key, void *val)
{
	size_t	 i;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	for (i = slot(m, key); m->vals[i] != NULL;
	    i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key) {
			m->vals[i] = val;
			return;
		}
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
}

/* Removal shifts the later entries of the probe run back, so that lookups
 * need no tombstones. */
void
report_pidmap_del(struct report_pidmap *m, long long key, const void *val)
{
	size_t	 i, j, k;

	if (m->cap == 0)
		return;
	for (i = slot(m, key); m->vals[i] != NULL;
	    i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key)
			break;
	}
	if (m->vals[i] == NULL || m->vals[i] != val)
		return;
	m->vals[i] = NULL;
	m->n--;
	for (j = (i + 1) & (m->cap - 1); m->vals[j] != NULL;
	    j = (j + 1) & (m->cap - 1)) {
		k = slot(m, m->keys[j]);
		/* Move j into the hole at i unless k lies cyclically in
		 * (i, j]. */
		if ((j > i && (k <= i || k > j)) ||
		    (j < i && k <= i && k > j)) {
			m->keys[i] = m->keys[j];
			m->vals[i] = m->vals[j];
			m->vals[j] = NULL;
			i = j;
		}
	}
}

void
report_pidmap_release(struct report_pidmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
