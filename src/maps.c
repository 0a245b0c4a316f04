/* maps.c - parse /proc/PID/maps. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "maps.h"
#include "util.h"

#define DELETED_SUFFIX	" (deleted)"

void
maps_init(struct maps *m)
{
	m->v = NULL;
	m->n = 0;
}

void
maps_release(struct maps *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		free(m->v[i].path);
	free(m->v);
	maps_init(m);
}

/* Parse a hexadecimal number at *p (no sign, no 0x), advancing *p. */
static int
parse_hex(const char **p, const char *end, uint64_t *out)
{
	uint64_t	 v = 0;
	const char	*s = *p;
	int		 d;

	for (; s < end; s++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		if (v > UINT64_MAX >> 4)
			return -EINVAL;
		v = v << 4 | (uint64_t)d;
	}
	if (s == *p)
		return -EINVAL;
	*p = s;
	*out = v;
	return 0;
}

/* Parse a decimal number at *p, advancing *p. */
static int
parse_dec(const char **p, const char *end, uint64_t *out)
{
	uint64_t	 v = 0;
	const char	*s = *p;

	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (s == *p)
		return -EINVAL;
	*p = s;
	*out = v;
	return 0;
}

/* Expect character c at *p and step over it. */
static int
expect(const char **p, const char *end, char c)
{
	if (*p >= end || **p != c)
		return -EINVAL;
	(*p)++;
	return 0;
}

static void
skip_spaces(const char **p, const char *end)
{
	while (*p < end && **p == ' ')
		(*p)++;
}

/* Copy the pathname field [s, end). The kernel writes a newline in a file
 * name as the octal escape \012 (and escapes nothing else), so undo that. */
static char *
copy_path(const char *s, const char *end)
{
	char	*out = fw_malloc((size_t)(end - s) + 1), *o = out;

	while (s < end) {
		if (end - s >= 4 && memcmp(s, "\\012", 4) == 0) {
			*o++ = '\n';
			s += 4;
		} else
			*o++ = *s++;
	}
	*o = '\0';
	return out;
}

/* Parse one line [s, end) into *e. */
static int
parse_line(const char *s, const char *end, struct maps_entry *e)
{
	uint64_t	 major, minor;
	size_t		 plen, slen = sizeof DELETED_SUFFIX - 1;

	memset(e, 0, sizeof *e);
	if (parse_hex(&s, end, &e->start) < 0 || expect(&s, end, '-') < 0 ||
	    parse_hex(&s, end, &e->end) < 0 || expect(&s, end, ' ') < 0)
		return -EINVAL;
	if (e->end < e->start || end - s < 5 || s[4] != ' ')
		return -EINVAL;
	memcpy(e->perms, s, 4);
	e->perms[4] = '\0';
	s += 5;
	if (parse_hex(&s, end, &e->offset) < 0 || expect(&s, end, ' ') < 0 ||
	    parse_hex(&s, end, &major) < 0 || expect(&s, end, ':') < 0 ||
	    parse_hex(&s, end, &minor) < 0 || expect(&s, end, ' ') < 0 ||
	    parse_dec(&s, end, &e->inode) < 0)
		return -EINVAL;
	if (major > 0xffffffffU || minor > 0xffffffffU)
		return -EINVAL;
	e->dev_major = (unsigned int)major;
	e->dev_minor = (unsigned int)minor;
	if (s < end && *s != ' ')
		return -EINVAL;
	/* The name starts after the padding: a name's leading spaces are
	 * lost in it (the kernel's format, not ours). */
	skip_spaces(&s, end);
	if (s == end)
		return 0;
	e->path = copy_path(s, end);
	plen = strlen(e->path);
	e->deleted = plen > slen &&
	    strcmp(e->path + plen - slen, DELETED_SUFFIX) == 0;
	return 0;
}

int
maps_parse(const char *text, size_t len, struct maps *m)
{
	const char		*p = text, *end = text + len, *nl;
	size_t			 cap = 0;
	struct maps_entry	 e;

	maps_init(m);
	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl == p) {
			p++;
			continue;
		}
		if (parse_line(p, nl, &e) < 0) {
			free(e.path);
			maps_release(m);
			return -EINVAL;
		}
		/* The kernel lists mappings in address order. */
		if (m->n > 0 && e.start < m->v[m->n - 1].end) {
			free(e.path);
			maps_release(m);
			return -EINVAL;
		}
		if (m->n == cap) {
			cap = cap ? cap * 2 : 64;
			m->v = fw_realloc(m->v, cap * sizeof *m->v);
		}
		m->v[m->n++] = e;
		p = nl + 1;
	}
	return 0;
}

int
maps_read(const char *root, pid_t pid, struct maps *m)
{
	char	 path[4096], *buf;
	size_t	 len = 0, cap = 65536;
	ssize_t	 r;
	int	 fd, err;

	maps_init(m);
	if ((size_t)snprintf(path, sizeof path, "%s/%d/maps",
	    root != NULL ? root : "/proc", (int)pid) >= sizeof path)
		return -ENAMETOOLONG;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	buf = fw_malloc(cap);
	for (;;) {
		if (len == cap) {
			cap *= 2;
			buf = fw_realloc(buf, cap);
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			close(fd);
			free(buf);
			return err;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	err = maps_parse(buf, len, m);
	free(buf);
	return err;
}

const struct maps_entry *
maps_find(const struct maps *m, uint64_t addr)
{
	size_t	 lo = 0, hi = m->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (addr < m->v[mid].start)
			hi = mid;
		else if (addr >= m->v[mid].end)
			lo = mid + 1;
		else
			return &m->v[mid];
	}
	return NULL;
}

bool
maps_is_file(const struct maps_entry *e)
{
	return e->path != NULL && e->path[0] == '/' && e->inode != 0;
}

size_t
maps_path_len(const struct maps_entry *e)
{
	size_t	 n;

	if (e->path == NULL)
		return 0;
	n = strlen(e->path);
	return e->deleted ? n - (sizeof DELETED_SUFFIX - 1) : n;
}
