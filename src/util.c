/* util.c - allocation, growable buffers, time and error reporting. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static void
fw_oom(size_t n)
{
	fprintf(stderr, "forkwatch: out of memory allocating %zu bytes\n", n);
	abort();
}

void *
fw_malloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		fw_oom(n);
	return p;
}

void *
fw_calloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		fw_oom(n * size);
	return p;
}

void *
fw_realloc(void *old, size_t n)
{
	void	*p = realloc(old, n ? n : 1);

	if (p == NULL)
		fw_oom(n);
	return p;
}

void
fw_qsort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

char *
fw_strdup(const char *s)
{
	return fw_memdup(s, strlen(s) + 1);
}

char *
fw_strndup(const char *s, size_t n)
{
	size_t	 len = strnlen(s, n);
	char	*p = fw_malloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void *
fw_memdup(const void *src, size_t n)
{
	void	*p = fw_malloc(n);

	memcpy(p, src, n);
	return p;
}

void
fw_buf_init(struct fw_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
fw_buf_release(struct fw_buf *b)
{
	free(b->data);
	fw_buf_init(b);
}

void
fw_buf_reset(struct fw_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Make room for extra more bytes plus a terminating NUL. */
void
fw_buf_grow(struct fw_buf *b, size_t extra)
{
	size_t	 need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap *= 2;
	b->data = fw_realloc(b->data, b->cap);
}

void
fw_buf_add(struct fw_buf *b, const void *p, size_t n)
{
	fw_buf_grow(b, n);
	if (n > 0)		/* p may be NULL then: memcpy must not see it */
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
fw_buf_addc(struct fw_buf *b, char c)
{
	fw_buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
fw_buf_adds(struct fw_buf *b, const char *s)
{
	fw_buf_add(b, s, strlen(s));
}

void
fw_buf_vprintf(struct fw_buf *b, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;

	fw_buf_grow(b, 64);
	va_copy(ap2, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		fw_buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void
fw_buf_printf(struct fw_buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	fw_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
fw_buf_cstr(struct fw_buf *b)
{
	if (b->data == NULL)
		fw_buf_grow(b, 0), b->data[0] = '\0';
	return b->data;
}

double
fw_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
fw_error(int err, const char *fmt, ...)
{
	va_list		 ap;
	struct fw_buf	 b;

	fw_buf_init(&b);
	fw_buf_adds(&b, "forkwatch: ");
	va_start(ap, fmt);
	fw_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (err != 0)
		fw_buf_printf(&b, ": %s", strerror(err));
	fw_buf_addc(&b, '\n');
	fw_write_all(STDERR_FILENO, b.data, b.len);
	fw_buf_release(&b);
}

void
fw_warn(const char *fmt, ...)
{
	va_list		 ap;
	struct fw_buf	 b;

	fw_buf_init(&b);
	fw_buf_adds(&b, "forkwatch: warning: ");
	va_start(ap, fmt);
	fw_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	fw_buf_addc(&b, '\n');
	fw_write_all(STDERR_FILENO, b.data, b.len);
	fw_buf_release(&b);
}

size_t
fw_utf8_encode(uint32_t c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

int
fw_parse_pid(const char *s, int *out)
{
	char	*end;
	long	 v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v <= 0 || v > INT_MAX)
		return -1;
	*out = (int)v;
	return 0;
}

int
fw_write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		w = write(fd, c, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}
