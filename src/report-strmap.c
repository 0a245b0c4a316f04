/* report-strmap.c - string -> size_t hash table: FNV-1a, open addressing
 * with linear probing, doubled at half full. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report-strmap.h"
#include "util.h"

static unsigned long
hash_bytes(const char *s, size_t len)
{
	uint64_t	 h = 0xcbf29ce484222325ull;
	size_t		 i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return (unsigned long)(h ^ (h >> 29));
}

/* The slot of key, or the free slot where it would go. */
static struct report_strmap_slot *
find(const struct report_strmap *m, const char *key, size_t len,
    unsigned long h)
{
	struct report_strmap_slot	*s;
	size_t				 i = h & (m->cap - 1);

	for (;;) {
		s = &m->slots[i];
		if (s->key == NULL || (s->hash == h && s->len == len &&
		    memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

bool
report_strmap_get(const struct report_strmap *m, const char *key, size_t len,
    size_t *val)
{
	struct report_strmap_slot	*s;

	if (m->cap == 0)
		return false;
	s = find(m, key, len, hash_bytes(key, len));
	if (s->key == NULL)
		return false;
	*val = s->val;
	return true;
}

/* Double the table and place every entry again. */
static void
grow(struct report_strmap *m)
{
	struct report_strmap	 old = *m;
	size_t			 i;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->slots = fw_calloc(m->cap, sizeof *m->slots);
	for (i = 0; i < old.cap; i++) {
		if (old.slots[i].key != NULL)
			*find(m, old.slots[i].key, old.slots[i].len,
			    old.slots[i].hash) = old.slots[i];
	}
	free(old.slots);
}

bool
report_strmap_add(struct report_strmap *m, const char *key, size_t len,
    size_t val)
{
	struct report_strmap_slot	*s;
	unsigned long			 h = hash_bytes(key, len);

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	s = find(m, key, len, h);
	if (s->key != NULL)
		return false;
	s->key = fw_malloc(len + 1);
	memcpy(s->key, key, len);
	s->key[len] = '\0';
	s->len = len;
	s->val = val;
	s->hash = h;
	m->n++;
	return true;
}

void
report_strmap_release(struct report_strmap *m)
{
	size_t	 i;

	for (i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	memset(m, 0, sizeof *m);
}
