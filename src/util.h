/* util.h - small helpers shared by every module: allocation, growable
 * buffers, time. Allocation failures abort with a message (there is no
 * useful recovery for a tracer that cannot allocate). */
#ifndef FW_UTIL_H
#define FW_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define FW_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void	*fw_malloc(size_t);
void	*fw_calloc(size_t, size_t);
void	*fw_realloc(void *, size_t);
char	*fw_strdup(const char *);
char	*fw_strndup(const char *, size_t);
void	*fw_memdup(const void *, size_t);
/* qsort(3) for arrays that may be empty: base may then be NULL, which
 * qsort itself must never be given. */
void	 fw_qsort(void *base, size_t n, size_t size,
	    int (*cmp)(const void *, const void *));

/* A growable byte buffer; buf is always NUL terminated when len > 0 or after
 * fw_buf_cstr().  Embedded: fw_buf_init()/fw_buf_release(). */
struct fw_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
void	 fw_buf_init(struct fw_buf *);
void	 fw_buf_release(struct fw_buf *);
void	 fw_buf_reset(struct fw_buf *);
void	 fw_buf_grow(struct fw_buf *, size_t extra);
void	 fw_buf_add(struct fw_buf *, const void *, size_t);
void	 fw_buf_addc(struct fw_buf *, char);
void	 fw_buf_adds(struct fw_buf *, const char *);
void	 fw_buf_printf(struct fw_buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 fw_buf_vprintf(struct fw_buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
const char *fw_buf_cstr(struct fw_buf *);

/* Code point c as UTF-8 in out (no NUL); the number of bytes, 1 to 4.
 * c is not checked: a surrogate or a value past U+10FFFF is encoded as
 * its bits say. */
size_t	 fw_utf8_encode(uint32_t c, char out[4]);

/* Monotonic time in seconds. */
double	 fw_now(void);

/* Print "forkwatch: " + message (+ ": strerror(err)" when err != 0) to stderr. */
void	 fw_error(int err, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 fw_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parse a decimal pid (> 0); returns 0 on success, -1 on a bad string. */
int	 fw_parse_pid(const char *, int *);

/* Write all of buf to fd, retrying on EINTR and short writes; -errno on error. */
int	 fw_write_all(int fd, const void *, size_t);

#endif
