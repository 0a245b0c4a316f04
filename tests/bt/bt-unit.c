/* bt-unit.c - unit tests of the backtrace module's parts that need no
 * tracee: the maps parser (on text and on a fixture proc tree), the ELF
 * symbol cache, the symboliser on this very process, the formatter's
 * escaping, and bt_capture's refusals. Exit 0 pass, 1 fail. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <link.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backtrace.h"
#include "elfsym.h"
#include "maps.h"
#include "util.h"

static int	 failures;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
		    __LINE__, #cond);					\
		failures++;						\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {		\
		fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n", __FILE__,	\
		    __LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)");	\
		failures++;						\
	}								\
} while (0)

/* A function of this executable to find by address. */
__attribute__((noinline, used)) static int
unit_marker(int x)
{
	return x * 3 + 1;
}

static char	 tmpdir[] = "/tmp/bt-unit.XXXXXX";

static void
write_file(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* Copy file src to dst (mode 0755). */
static void
copy_file(const char *src, const char *dst)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 in, out;

	if ((in = open(src, O_RDONLY)) < 0 ||
	    (out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0755)) < 0) {
		perror("copy_file");
		exit(1);
	}
	while ((n = read(in, buf, sizeof buf)) > 0) {
		if (fw_write_all(out, buf, (size_t)n) < 0) {
			perror("copy_file");
			exit(1);
		}
	}
	close(in);
	close(out);
}

static void
append_byte(const char *path)
{
	int	 fd = open(path, O_WRONLY | O_APPEND);

	if (fd < 0 || write(fd, "x", 1) != 1) {
		perror(path);
		exit(1);
	}
	close(fd);
}

static void
test_maps_parse(void)
{
	static const char text[] =
	    "55d0c0a00000-55d0c0a01000 r--p 00000000 fe:00 1234"
	    "                       /usr/bin/prog\n"
	    "55d0c0a01000-55d0c0a02000 r-xp 00001000 fe:00 1234"
	    "                       /usr/bin/prog\n"
	    "55d0c0c00000-55d0c0c21000 rw-p 00000000 00:00 0"
	    "                          [heap]\n"
	    "7f0000000000-7f0000001000 r-xp 00002000 103:02 99"
	    "                         /tmp/my lib\\012x.so (deleted)\n"
	    "7f0000002000-7f0000003000 rw-p 00000000 00:00 0 \n"
	    "7ffd00000000-7ffd00002000 r-xp 00000000 00:00 0"
	    "                          [vdso]\n";
	struct maps			 m;
	const struct maps_entry		*e;

	CHECK(maps_parse(text, sizeof text - 1, &m) == 0);
	CHECK(m.n == 6);
	if (m.n != 6) {
		maps_release(&m);
		return;
	}
	CHECK(m.v[1].start == 0x55d0c0a01000ULL && m.v[1].end ==
	    0x55d0c0a02000ULL && m.v[1].offset == 0x1000);
	CHECK(m.v[1].dev_major == 0xfe && m.v[1].inode == 1234);
	CHECK_STR(m.v[1].perms, "r-xp");
	CHECK(maps_is_file(&m.v[1]));
	CHECK(!maps_is_file(&m.v[2]) && !maps_is_file(&m.v[5]));
	CHECK(m.v[4].path == NULL);
	/* A newline in a name is the kernel's "\012"; spaces stay. */
	CHECK_STR(m.v[3].path, "/tmp/my lib\nx.so (deleted)");
	CHECK(m.v[3].deleted && m.v[3].dev_major == 0x103);
	CHECK(maps_path_len(&m.v[3]) == strlen("/tmp/my lib\nx.so"));
	CHECK(!m.v[0].deleted && maps_path_len(&m.v[0]) == 13);
	e = maps_find(&m, 0x55d0c0a01234ULL);
	CHECK(e == &m.v[1]);
	CHECK(maps_find(&m, 0x55d0c0a02000ULL) == NULL);
	CHECK(maps_find(&m, 0x7ffd00001fffULL) == &m.v[5]);
	CHECK(maps_find(&m, 0) == NULL);
	maps_release(&m);

	CHECK(maps_parse("", 0, &m) == 0 && m.n == 0);
	CHECK(maps_parse("zz-10 r-xp 0 0:0 0\n", 19, &m) == -EINVAL);
	CHECK(m.n == 0 && m.v == NULL);
	CHECK(maps_parse("20-10 r-xp 0 0:0 0\n", 19, &m) == -EINVAL);
	CHECK(maps_parse("10-20 r-xp\n", 11, &m) == -EINVAL);
	/* Out of order or overlapping lines are not a kernel's maps. */
	CHECK(maps_parse("10-20 r-xp 0 0:0 0\n18-30 r-xp 0 0:0 0\n", 38,
	    &m) == -EINVAL);
}

static void
test_maps_root(void)
{
	char		 path[PATH_MAX];
	struct maps	 m;

	snprintf(path, sizeof path, "%s/4242", tmpdir);
	CHECK(mkdir(path, 0700) == 0);
	snprintf(path, sizeof path, "%s/4242/maps", tmpdir);
	write_file(path, "1000-2000 r-xp 00000000 08:01 7 /bin/x\n");
	CHECK(maps_read(tmpdir, 4242, &m) == 0);
	CHECK(m.n == 1 && m.v[0].inode == 7);
	if (m.n == 1)
		CHECK_STR(m.v[0].path, "/bin/x");
	maps_release(&m);
	CHECK(maps_read(tmpdir, 4243, &m) == -ENOENT && m.n == 0);
	/* The real one parses too. */
	CHECK(maps_read(NULL, getpid(), &m) == 0 && m.n > 3);
	maps_release(&m);
}

/* The path of this process's libc (or NULL). */
static char *
libc_path(void)
{
	struct maps	 m;
	char		*p = NULL;
	size_t		 i;

	if (maps_read(NULL, getpid(), &m) < 0)
		return NULL;
	for (i = 0; i < m.n && p == NULL; i++) {
		if (maps_is_file(&m.v[i]) && strstr(m.v[i].path, "/libc.so"))
			p = fw_strdup(m.v[i].path);
	}
	maps_release(&m);
	return p;
}

static void
test_elfsym_cache(const char *exe, const char *libc)
{
	struct elfsym_cache		*c = elfsym_cache_new(1, 0);
	const struct elfsym_file	*f;
	struct elfsym_stats		 st;
	struct stat			 sb;
	char				 path[PATH_MAX];

	CHECK(elfsym_cache_get(c, exe, 0, &f) == 0 && f != NULL);
	CHECK(f != NULL && elfsym_count(f) > 3);
	CHECK(f != NULL && elfsym_file_source(f) == ELFSYM_SYMTAB);
	CHECK(elfsym_cache_get(c, exe, 0, &f) == 0);
	elfsym_cache_stats(c, &st);
	CHECK(st.loads == 1 && st.hits == 1 && st.files == 1);
	/* Bound of one file: loading libc evicts the executable. */
	CHECK(elfsym_cache_get(c, libc, 0, &f) == 0);
	elfsym_cache_stats(c, &st);
	CHECK(st.loads == 2 && st.evictions == 1 && st.files == 1);
	CHECK(st.bytes > 0);

	/* Not ELF: remembered as such. Not a regular file, missing, or not
	 * the mapped inode: refused without opening. */
	snprintf(path, sizeof path, "%s/text", tmpdir);
	write_file(path, "not an ELF file\n");
	CHECK(elfsym_cache_get(c, path, 0, &f) == -ENOEXEC && f == NULL);
	CHECK(elfsym_cache_get(c, path, 0, &f) == -ENOEXEC);
	elfsym_cache_stats(c, &st);
	CHECK(st.loads == 3 && st.hits == 2);
	CHECK(elfsym_cache_get(c, tmpdir, 0, &f) == -ENOEXEC);
	CHECK(elfsym_cache_get(c, "/dev/null", 0, &f) == -ENOEXEC);
	CHECK(elfsym_cache_get(c, "/nonexistent/x", 0, &f) == -ENOENT);
	CHECK(stat(exe, &sb) == 0);
	CHECK(elfsym_cache_get(c, exe, (uint64_t)sb.st_ino + 1, &f) ==
	    -ESTALE);
	CHECK(elfsym_cache_get(c, exe, (uint64_t)sb.st_ino, &f) == 0);

	/* A file changed on disk (same path, new size/mtime) is parsed again. */
	snprintf(path, sizeof path, "%s/copy", tmpdir);
	copy_file(exe, path);
	elfsym_cache_free(c);
	c = elfsym_cache_new(8, 0);
	CHECK(elfsym_cache_get(c, path, 0, &f) == 0);
	append_byte(path);
	CHECK(elfsym_cache_get(c, path, 0, &f) == 0);
	elfsym_cache_stats(c, &st);
	CHECK(st.loads == 2 && st.hits == 0);
	CHECK(elfsym_cache_get(c, path, 0, &f) == 0);
	elfsym_cache_stats(c, &st);
	CHECK(st.loads == 2 && st.hits == 1);
	elfsym_cache_free(c);

	/* A byte bound smaller than one file keeps just the newest. */
	c = elfsym_cache_new(8, 1);
	CHECK(elfsym_cache_get(c, exe, 0, &f) == 0);
	CHECK(elfsym_cache_get(c, libc, 0, &f) == 0 && f != NULL);
	CHECK(f != NULL && elfsym_count(f) > 100);
	elfsym_cache_stats(c, &st);
	CHECK(st.files == 1 && st.evictions == 1);
	elfsym_cache_free(c);
}

/* Record the main program's load bias (the first object listed). */
static int
main_bias(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	*(uint64_t *)arg = info->dlpi_addr;
	return 1;
}

static void
test_symbolize(const char *exe, bool debug)
{
	struct bt_ctx	*ctx = bt_ctx_new();
	struct bt_frame	 f;
	struct bt_stats	 st, st2;
	uint64_t	 pc, bias = 0;
	void		*anon;

	if (!debug)
		bt_ctx_set_debug_dir(ctx, NULL);
	dl_iterate_phdr(main_bias, &bias);
	pc = (uint64_t)(uintptr_t)&unit_marker + 1;
	CHECK(bt_symbolize(ctx, getpid(), pc, &f) == 0);
	CHECK(f.pc == pc);
	CHECK_STR(f.func, "unit_marker");
	CHECK(f.off == 1);
	CHECK_STR(f.module, exe);
	/* modoff is the link-time address: pc less the load bias. */
	CHECK(f.modoff == pc - bias);
	bt_frame_release(&f);
	bt_ctx_stats(ctx, &st);

	pc = (uint64_t)(uintptr_t)&getpid;
	CHECK(bt_symbolize(ctx, getpid(), pc, &f) == 0);
	CHECK_STR(f.func, "getpid");
	CHECK(f.off == 0);
	CHECK(f.module != NULL && strstr(f.module, "/libc.so") != NULL);
	bt_frame_release(&f);

	/* Again: from the cache. */
	pc = (uint64_t)(uintptr_t)&unit_marker;
	CHECK(bt_symbolize(ctx, getpid(), pc, &f) == 0);
	CHECK_STR(f.func, "unit_marker");
	CHECK(f.off == 0);
	bt_frame_release(&f);
	bt_ctx_stats(ctx, &st2);
	CHECK(st2.loads == st.loads + 1 && st2.hits > st.hits);

	/* Nothing mapped there: success, nothing known. */
	CHECK(bt_symbolize(ctx, getpid(), 8, &f) == 0);
	CHECK(f.pc == 8 && f.func == NULL && f.module == NULL);
	bt_frame_release(&f);
	/* Anonymous memory: no module, no function. */
	anon = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(anon != MAP_FAILED);
	pc = (uint64_t)(uintptr_t)anon + 16;
	CHECK(bt_symbolize(ctx, getpid(), pc, &f) == 0);
	CHECK(f.func == NULL && f.module == NULL && f.modoff == 0);
	bt_frame_release(&f);
	munmap(anon, 4096);
	bt_ctx_free(ctx);
}

static void
test_format(void)
{
	struct bt_frame	 fr[3];
	struct bt_trace	 t = { fr, 3, true, "corrupt" };
	struct fw_buf	 b;
	size_t		 i, lines = 0;

	memset(fr, 0, sizeof fr);
	fr[0].pc = 0x556e1a2b3c4dULL;
	fr[0].func = (char *)"main";
	fr[0].off = 0x1d;
	fr[0].module = (char *)"/path/prog";
	fr[1].pc = 0x1189;
	fr[1].module = (char *)"/evil\n\x1b[2Jname";
	fr[1].modoff = 0x189;
	fr[1].sigframe = true;
	fr[2].pc = 0x10;
	fr[2].func = (char *)"bad\x1b]0;x\x07";
	fw_buf_init(&b);
	bt_format(&b, &t);
	for (i = 0; i < b.len; i++) {
		lines += b.data[i] == '\n';
		CHECK(b.data[i] != '\x1b' && b.data[i] != '\x07');
	}
	CHECK(lines == 5);
	CHECK(strstr(b.data,
	    "#0  0x0000556e1a2b3c4d in main+0x1d (/path/prog)\n") == b.data);
	CHECK(strstr(b.data, "#1  0x0000000000001189 in /evil\\n\\x1b[2Jname"
	    "+0x189 <signal handler called>\n") != NULL);
	CHECK(strstr(b.data, "#2  0x0000000000000010 in bad\\x1b]0;x\\x07+0x0\n")
	    != NULL);
	CHECK(strstr(b.data, "Backtrace stopped: corrupt\n") != NULL);
	CHECK(strstr(b.data, "(more frames not shown") != NULL);
	fw_buf_release(&b);
}

static void
test_capture_refused(void)
{
	struct bt_ctx	*ctx;
	struct bt_trace	 t;
	struct fw_buf	 msg;
	pid_t		 pid;
	int		 r;

	/* A task that is gone (forked first: the child owns no context). */
	if ((pid = fork()) == 0)
		_exit(0);
	CHECK(pid > 0 && waitpid(pid, NULL, 0) == pid);
	ctx = bt_ctx_new();
	fw_buf_init(&msg);
	/* Ourselves: not a tracee. */
	r = bt_capture(ctx, getpid(), 0, &t, &msg);
	if (r == -ENOSYS) {
		CHECK_STR(msg.data, "forkwatch was built without libunwind");
		goto out;
	}
	CHECK(r == -ESRCH);
	CHECK(t.n == 0 && t.frames == NULL);
	CHECK(msg.data != NULL && strstr(msg.data, "not in a ptrace-stop"));
	bt_trace_release(&t);
	fw_buf_reset(&msg);
	CHECK(bt_capture(ctx, pid, 0, &t, &msg) == -ESRCH);
	bt_trace_release(&t);
	/* The symboliser of a gone task cannot read its maps. */
	{
		struct bt_frame	 f;

		CHECK(bt_symbolize(ctx, pid, 0x1000, &f) == -ENOENT);
		CHECK(f.func == NULL && f.module == NULL);
		bt_frame_release(&f);
	}
out:
	fw_buf_release(&msg);
	bt_ctx_free(ctx);
}

int
main(void)
{
	char	 exe[PATH_MAX], cmd[PATH_MAX + 16], *libc;
	ssize_t	 n;

	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) < 0) {
		perror("readlink /proc/self/exe");
		return 1;
	}
	exe[n] = '\0';
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	if ((libc = libc_path()) == NULL) {
		fprintf(stderr, "bt-unit: no libc.so mapped: skipped\n");
		return 77;
	}
	CHECK(unit_marker(1) == 4);
	test_maps_parse();
	test_maps_root();
	test_elfsym_cache(exe, libc);
	test_symbolize(exe, true);
	test_symbolize(exe, false);
	test_format();
	test_capture_refused();
	free(libc);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "bt-unit: cannot remove %s\n", tmpdir);
	if (failures > 0) {
		fprintf(stderr, "bt-unit: %d checks failed\n", failures);
		return 1;
	}
	printf("bt-unit: all checks passed\n");
	return 0;
}
