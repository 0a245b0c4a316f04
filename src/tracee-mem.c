/* tracee-mem.c - process_vm_readv readers. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "tracee-mem.h"

#define IOV_BATCH	64

ssize_t
tmem_read(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	static size_t	 pagesz;
	struct iovec	 local, remote[IOV_BATCH];
	size_t		 done = 0, chunk, n, span;
	uint64_t	 a;
	ssize_t		 r;

	if (pagesz == 0)
		pagesz = (size_t)sysconf(_SC_PAGESIZE);
	while (done < len) {
		/* One remote iovec per page, so a fault ends the read exactly
		 * at the first unmapped page instead of failing it whole. */
		a = addr + done;
		span = 0;
		for (n = 0; n < IOV_BATCH && done + span < len; n++) {
			chunk = pagesz - ((a + span) & (pagesz - 1));
			if (chunk > len - done - span)
				chunk = len - done - span;
			remote[n].iov_base = (void *)(uintptr_t)(a + span);
			remote[n].iov_len = chunk;
			span += chunk;
		}
		local.iov_base = (char *)buf + done;
		local.iov_len = span;
		r = process_vm_readv(pid, &local, 1, remote, n, 0);
		if (r < 0) {
			if (done > 0)
				break;
			return -errno;
		}
		done += (size_t)r;
		if ((size_t)r < span)
			break;
	}
	return (ssize_t)done;
}

/* Read n pointers of the given word size at addr into out (as uint64). */
static int
read_ptrs(pid_t pid, uint64_t addr, int word, uint64_t *out, size_t n)
{
	size_t		 bytes = n * (size_t)word, i;
	unsigned char	*raw = fw_malloc(bytes ? bytes : 1);
	ssize_t		 r = tmem_read(pid, addr, raw, bytes);
	uint32_t	 w32;

	if (r < 0 || (size_t)r < bytes) {
		free(raw);
		return r < 0 ? (int)r : -EFAULT;
	}
	for (i = 0; i < n; i++) {
		if (word == 8)
			memcpy(&out[i], raw + i * 8, 8);
		else {
			memcpy(&w32, raw + i * 4, 4);
			out[i] = w32;
		}
	}
	free(raw);
	return 0;
}

/* Read the n strings at ptrs[], which the kernel lays out contiguously and
 * in order, into one NUL-separated vector. */
static int
read_strings(pid_t pid, const uint64_t *ptrs, size_t n, struct fw_strv *out,
    bool *truncated)
{
	uint64_t	 start, last;
	size_t		 want, got = 0, i, off, len;
	char		*buf;
	ssize_t		 r;
	struct fw_buf	 res;
	const char	*nul;

	strv_release(out);
	if (n == 0) {
		strv_set(out, "", 0);
		return 0;
	}
	start = ptrs[0];
	last = ptrs[n - 1];
	if (last < start || last - start >= TMEM_ARGS_MAX)
		want = TMEM_ARGS_MAX;
	else
		want = (size_t)(last - start) + 256;
	if (want > TMEM_ARGS_MAX)
		want = TMEM_ARGS_MAX;
	buf = fw_malloc(TMEM_ARGS_MAX + 1);
	for (;;) {
		r = tmem_read(pid, start + got, buf + got, want - got);
		if (r < 0 && got == 0) {
			free(buf);
			return (int)r;
		}
		if (r > 0)
			got += (size_t)r;
		/* Done when the last string ends inside what we have, the read
		 * came up short (end of stack) or we hit the cap. */
		if (r <= 0 || got < want || want >= TMEM_ARGS_MAX)
			break;
		if (last >= start && last - start < got &&
		    memchr(buf + (last - start), '\0', got - (last - start)))
			break;
		want = want * 2 > TMEM_ARGS_MAX ? TMEM_ARGS_MAX : want * 2;
	}
	buf[got] = '\0';
	fw_buf_init(&res);
	for (i = 0; i < n; i++) {
		if (ptrs[i] < start || ptrs[i] - start >= got) {
			*truncated = true;
			break;
		}
		off = (size_t)(ptrs[i] - start);
		nul = memchr(buf + off, '\0', got - off);
		if (nul == NULL) {
			*truncated = true;
			len = got - off;
			fw_buf_add(&res, buf + off, len);
			fw_buf_addc(&res, '\0');
			break;
		}
		len = (size_t)(nul - (buf + off));
		fw_buf_add(&res, buf + off, len + 1);
	}
	free(buf);
	strv_set(out, res.data ? res.data : "", res.len);
	fw_buf_release(&res);
	return 0;
}

/* The word at off in a window read from the tracee (8 or 4 bytes). */
static uint64_t
window_word(const unsigned char *w, size_t off, int word)
{
	uint64_t	 v;
	uint32_t	 v32;

	if (word == 8) {
		memcpy(&v, w + off, 8);
		return v;
	}
	memcpy(&v32, w + off, 4);
	return v32;
}

/* Collect the strings that n pointers, read from the window at ptr_off,
 * point to inside the window. Returns -EAGAIN when one does not lie (with
 * its NUL) inside the window, and *nptrs stops at a NULL pointer when
 * n is 0 (envp, whose length is not known). */
static int
window_strings(const unsigned char *w, size_t got, uint64_t sp, int word,
    size_t ptr_off, size_t n, struct fw_strv *out)
{
	struct fw_buf	 res;
	uint64_t	 p;
	size_t		 i, off;
	const char	*nul;

	fw_buf_init(&res);
	for (i = 0; n == 0 || i < n; i++) {
		if (ptr_off + (i + 1) * (size_t)word > got)
			goto again;
		p = window_word(w, ptr_off + i * (size_t)word, word);
		if (p == 0 && n == 0)
			break;
		if (p < sp || p - sp >= got)
			goto again;
		off = (size_t)(p - sp);
		if ((nul = memchr(w + off, '\0', got - off)) == NULL)
			goto again;
		fw_buf_add(&res, w + off, (size_t)(nul - (const char *)w) - off + 1);
	}
	strv_release(out);
	strv_set(out, res.data ? res.data : "", res.len);
	fw_buf_release(&res);
	return 0;
again:
	fw_buf_release(&res);
	return -EAGAIN;
}

/* The usual case in one process_vm_readv: the kernel puts argc, the argv
 * and envp arrays and then (above auxv) the strings at the top of the new
 * stack, so a few KiB read at sp usually hold all of argv. -EAGAIN when
 * they do not (a long command line, or env not in the window). */
static int
read_exec_window(pid_t pid, uint64_t sp, int word, struct fw_strv *argv,
    struct fw_strv *env)
{
	unsigned char	 w[TMEM_EXEC_WINDOW];
	ssize_t		 r = tmem_read(pid, sp, w, sizeof w);
	size_t		 got, argc;

	if (r < word)
		return r < 0 ? (int)r : -EAGAIN;
	got = (size_t)r;
	argc = (size_t)window_word(w, 0, word);
	if (argc == 0 || argc > got / (size_t)word)
		return -EAGAIN;
	if (window_strings(w, got, sp, word, (size_t)word, argc, argv) != 0)
		return -EAGAIN;
	if (env != NULL && window_strings(w, got, sp, word,
	    (argc + 2) * (size_t)word, 0, env) != 0)
		return -EAGAIN;
	return 0;
}

int
tmem_read_exec_args(pid_t pid, uint64_t sp, int word, struct fw_strv *argv,
    struct fw_strv *env, bool *truncated)
{
	uint64_t	 argc, *ptrs, chunk[64];
	size_t		 nenv = 0, cap = 0, i;
	uint64_t	*envp = NULL;
	uint64_t	 addr;
	int		 r;
	bool		 env_trunc = false, done;

	*truncated = false;
	if (read_exec_window(pid, sp, word, argv, env) == 0)
		return 0;
	if ((r = read_ptrs(pid, sp, word, &argc, 1)) != 0)
		return r;
	if (argc > TMEM_ARGS_MAX / 2)
		return -E2BIG;
	ptrs = fw_malloc((size_t)(argc + 1) * sizeof *ptrs);
	if ((r = read_ptrs(pid, sp + (uint64_t)word, word, ptrs,
	    (size_t)argc + 1)) != 0) {
		free(ptrs);
		return r;
	}
	r = read_strings(pid, ptrs, (size_t)argc, argv, truncated);
	free(ptrs);
	if (r != 0 || env == NULL)
		return r;

	/* envp follows argv's NULL; read it in chunks until its own NULL. */
	addr = sp + (uint64_t)word * (argc + 2);
	for (done = false; !done && nenv < TMEM_ARGS_MAX / 8; ) {
		if (read_ptrs(pid, addr, word, chunk, FW_ARRAY_SIZE(chunk)) != 0)
			break;
		for (i = 0; i < FW_ARRAY_SIZE(chunk); i++) {
			if (chunk[i] == 0) {
				done = true;
				break;
			}
			if (nenv == cap) {
				cap = cap ? cap * 2 : 64;
				envp = fw_realloc(envp, cap * sizeof *envp);
			}
			envp[nenv++] = chunk[i];
		}
		addr += sizeof chunk / 8 * (uint64_t)word;
	}
	r = read_strings(pid, envp, nenv, env, &env_trunc);
	free(envp);
	return r;
}
