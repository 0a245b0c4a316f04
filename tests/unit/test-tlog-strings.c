/* test-tlog-strings: strings from a tracee survive the JSONL writer and
 * the reader exactly (doc/LOG-FORMAT.md, "Strings"). The writer's own
 * start and exec lines carry every byte alone, every byte between ASCII,
 * genuine U+0080..U+00FF and U+F780..U+F7FF characters, and random byte
 * strings; the reader must hand back the same bytes. Also: lines written
 * by hand in format 1.0 (\u00XX was a byte) and 1.1 (a surrogate pair
 * whose low half looks like a raw byte; a \u0000 escape; a newer minor). */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "tap.h"
#include "tlog-read.h"
#include "tlog-write.h"

#define NSTR	700

static char	*strs[NSTR + 1];
static size_t	 nstrs;

static void
add(const unsigned char *s, size_t n)
{
	char	*p = malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	strs[nstrs++] = p;
}

static uint32_t	 rng = 4242;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Write a log whose start argv and exec argv are strs[]. */
static int
write_log(const char *path)
{
	struct tlog_writer	 w;
	struct fw_event		 ev;
	struct fw_strv		 v;
	struct fw_buf		 blob;
	size_t			 i;

	if (tlog_writer_open(&w, path, -1, TLOG_JSONL) != 0)
		return -1;
	tlog_write_start(&w, 0, true, strs, NULL, 0, strs[1]);
	fw_buf_init(&blob);
	for (i = 0; i < nstrs; i++)
		fw_buf_add(&blob, strs[i], strlen(strs[i]) + 1);
	strv_init(&v);
	strv_set(&v, blob.data, blob.len);
	memset(&ev, 0, sizeof ev);
	ev.kind = FW_EV_EXEC;
	ev.pid = ev.tgid = 2;
	ev.path = strs[2];
	ev.cwd = strs[3];
	ev.argv = &v;
	tlog_sink(&w, &ev);
	tlog_write_end(&w, 1, 0, 0);
	strv_release(&v);
	fw_buf_release(&blob);
	return tlog_writer_close(&w);
}

/* argv of ev equals strs[] byte for byte. */
static int
same_argv(const struct tlog_event *ev, const char *what)
{
	size_t	 i, bad = 0;

	if (ev->argc != nstrs) {
		printf("# %s: %zu strings, expected %zu\n", what, ev->argc,
		    nstrs);
		return 0;
	}
	for (i = 0; i < nstrs; i++) {
		if (strcmp(ev->argv[i], strs[i]) != 0) {
			if (bad++ < 5)
				printf("# %s: string %zu differs\n", what, i);
		}
	}
	return bad == 0;
}

/* Read the one-line log text (after a start line of the given version)
 * and return the first argv string of its exec line, or NULL when the
 * reader skipped the line. */
static char *
read_exec(const char *start, const char *line)
{
	char			 buf[4096], *msg = NULL, *out = NULL;
	struct tlog_reader	*r;
	struct tlog_event	 ev;
	enum tlog_open_error	 why;
	FILE			*f;

	snprintf(buf, sizeof buf, "%s\n%s\n", start, line);
	f = fmemopen(buf, strlen(buf), "r");
	if (f == NULL)
		return NULL;
	r = tlog_read_open_stream(f, "mem", &why, &msg);
	if (r == NULL) {
		printf("# open: %s\n", msg ? msg : "?");
		free(msg);
		fclose(f);
		return NULL;
	}
	while (tlog_read_next(r, &ev) > 0) {
		if (ev.kind == FW_EV_EXEC && ev.argc > 0) {
			out = strdup(ev.argv[0]);
			break;
		}
	}
	tlog_read_free(r);
	fclose(f);
	return out;
}

static int
exec_is(const char *start, const char *line, const char *want,
    const char *what)
{
	char	*got = read_exec(start, line);
	int	 good;

	good = want == NULL ? got == NULL :
	    got != NULL && strcmp(got, want) == 0;
	if (!good)
		printf("# %s: got %s\n", what, got ? got : "(skipped)");
	free(got);
	return good;
}

#define START_10 "{\"ts\":0,\"event\":\"start\",\"version\":1,\"pid\":1," \
	"\"tgid\":1,\"mode\":\"launch\",\"argv\":[\"x\"],\"cwd\":\"/\"}"
#define START_11 "{\"ts\":0,\"event\":\"start\",\"version\":1," \
	"\"version_minor\":1,\"pid\":1,\"tgid\":1,\"mode\":\"launch\"," \
	"\"argv\":[\"x\"],\"cwd\":\"/\"}"
#define START_19 "{\"ts\":0,\"event\":\"start\",\"version\":1," \
	"\"version_minor\":9,\"pid\":1,\"tgid\":1,\"mode\":\"launch\"," \
	"\"argv\":[\"x\"],\"cwd\":\"/\"}"
#define EXEC(s) "{\"ts\":1,\"event\":\"exec\",\"pid\":2,\"tgid\":2," \
	"\"path\":\"/p\",\"argv\":[\"" s "\"],\"cwd\":\"/\"}"

int
main(void)
{
	char			 path[] = "/tmp/test-tlog-strings.XXXXXX";
	unsigned char		 s[64];
	struct tlog_reader	*r;
	struct tlog_event	 ev;
	enum tlog_open_error	 why;
	char			*msg = NULL;
	size_t			 i, j, n;
	int			 fd, got_start = 0, got_exec = 0, rc;
	unsigned int		 cp;

	/* Every byte alone and between ASCII (NUL cannot be in a C string). */
	for (i = 1; i < 256; i++) {
		s[0] = (unsigned char)i;
		add(s, 1);
		s[0] = 'a';
		s[1] = (unsigned char)i;
		s[2] = 'z';
		add(s, 3);
	}
	/* Genuine characters that the 1.0 reader mistook for bytes. */
	for (cp = 0xf780; cp <= 0xf7ff; cp += 0x11) {
		s[0] = (unsigned char)(0xe0 | (cp >> 12));
		s[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		s[2] = (unsigned char)(0x80 | (cp & 0x3f));
		add(s, 3);
	}
	for (cp = 0x80; cp <= 0xff; cp += 7) {
		s[0] = (unsigned char)(0xc0 | (cp >> 6));
		s[1] = (unsigned char)(0x80 | (cp & 0x3f));
		add(s, 2);
	}
	add((const unsigned char *)"\xe2\x80\xae\xe2\x81\xa6\xe2\x80\xa8", 9);
	/* Random strings, biased towards bytes that make UTF-8. */
	while (nstrs < NSTR) {
		n = 1 + rnd() % 40;
		for (j = 0; j < n; j++) {
			switch (rnd() % 4) {
			case 0: s[j] = (unsigned char)(1 + rnd() % 255); break;
			case 1: s[j] = (unsigned char)(0x80 + rnd() % 64); break;
			case 2: s[j] = (unsigned char)(0xc0 + rnd() % 64); break;
			default: s[j] = (unsigned char)(1 + rnd() % 0x7f); break;
			}
		}
		add(s, n);
	}
	strs[nstrs] = NULL;

	if ((fd = mkstemp(path)) < 0) {
		printf("# mkstemp: %s\n", strerror(errno));
		return 1;
	}
	close(fd);
	ok(write_log(path) == 0, "the log is written");
	r = tlog_read_open(path, &why, &msg);
	ok(r != NULL, "the log opens: %s", msg ? msg : "ok");
	while (r != NULL && (rc = tlog_read_next(r, &ev)) > 0) {
		if (ev.kind == FW_EV_START) {
			got_start = 1;
			ok(ev.version == TLOG_VERSION &&
			    ev.version_minor == TLOG_VERSION_MINOR,
			    "start line says the writer's version");
			ok(same_argv(&ev, "start"), "start argv round-trips");
			ok(ev.cwd != NULL && strcmp(ev.cwd, strs[1]) == 0,
			    "start cwd round-trips");
		} else if (ev.kind == FW_EV_EXEC) {
			got_exec = 1;
			ok(same_argv(&ev, "exec"), "exec argv round-trips");
			ok(strcmp(ev.path, strs[2]) == 0 &&
			    strcmp(ev.cwd, strs[3]) == 0,
			    "exec path and cwd round-trip");
		}
	}
	ok(got_start && got_exec, "start and exec lines read");
	ok(r != NULL && tlog_read_bad_lines(r) == 0, "no bad line");
	tlog_read_free(r);
	free(msg);
	unlink(path);

	/* Format 1.1 by hand. */
	ok(exec_is(START_11, EXEC("a\\udcffb"), "a\xff" "b", "1.1 byte"),
	    "1.1: lone \\udcff is the byte 0xff");
	ok(exec_is(START_11, EXEC("\\u00ff\xc3\xbf"), "\xc3\xbf\xc3\xbf",
	    "1.1 U+00FF"), "1.1: \\u00ff and raw U+00FF are the character");
	ok(exec_is(START_11, EXEC("\xef\x9e\x80\\uf7ff"),
	    "\xef\x9e\x80\xef\x9f\xbf", "1.1 U+F780"),
	    "1.1: U+F780 and \\uf7ff stay characters");
	ok(exec_is(START_11, EXEC("\\udbff\\udc80"), "\xf4\x8f\xb2\x80",
	    "1.1 pair"), "1.1: a surrogate pair ending in \\udc80 is U+10FC80");
	ok(exec_is(START_11, EXEC("\\\\udc80"), "\\udc80", "1.1 backslash"),
	    "1.1: an escaped backslash before udc80 is text");
	ok(exec_is(START_11, EXEC("a\\u0000b"), NULL, "1.1 NUL"),
	    "1.1: a line with \\u0000 is skipped");
	ok(exec_is(START_11, EXEC("\\udc41"), NULL, "1.1 low surrogate"),
	    "1.1: a lone surrogate that is no byte is skipped");
	ok(exec_is(START_19, EXEC("\\udcfe\\u00fe"), "\xfe\xc3\xbe", "1.9"),
	    "1.9 (a newer minor) is read by the 1.1 rules");
	/* Format 1.0, as forkwatch 0.1 wrote it. */
	ok(exec_is(START_10, EXEC("\\u00ff\xc3\xbf"), "\xff\xc3\xbf",
	    "1.0 byte"), "1.0: \\u00ff is the byte 0xff, raw U+00FF a char");
	ok(exec_is(START_10, EXEC("\xef\x9e\x80"), "\xef\x9e\x80",
	    "1.0 U+F780"), "1.0: U+F780 stays a character");
	ok(exec_is(START_10, EXEC("\\u0041\\u007f"), "A\x7f", "1.0 ASCII"),
	    "1.0: \\u0041 and \\u007f are characters");

	for (i = 0; i < nstrs; i++)
		free(strs[i]);
	return tap_done();
}
