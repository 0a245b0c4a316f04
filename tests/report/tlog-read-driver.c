/* tlog-read-driver.c - run logs, and deterministic mutations of them,
 * through the trace-log reader and every report view; a crash (or an
 * ASan/valgrind report) is the failure this looks for.
 *
 * Usage: tlog-read-driver [-n MUTATIONS] [-s SEED] FILE...
 * Each FILE is run as is, then MUTATIONS times mutated. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exercise.h"
#include "util.h"

/* xorshift64*: the same seed gives the same mutations everywhere. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

static size_t
below(uint64_t *s, size_t n)
{
	return n == 0 ? 0 : (size_t)(rnd(s) % n);
}

/* Bytes that matter to a JSON Lines parser, and values that matter to the
 * model. */
static const char *const tokens[] = {
	"\"", "\\", "{", "}", "[", "]", ",", ":", "\n", "\\u00ff", "\\u0000",
	"\\ud800", "-1", "0", "1e308", "-1e308", "9223372036854775807",
	"null", "true", "\"exec\"", "\"fork\"", "\"exit\"", "\"clone\"",
	"\"end\"", "\"start\"", "\"thread\":true", "\"old_pid\":1",
	"\"parent\":1", "\"child\":1", "\"version\":2", "\xff", "\xc3",
	"\x1b[2J",
};

/* Apply one to four random edits to b (which has room for growth). */
static void
mutate(struct fw_buf *b, uint64_t *s)
{
	size_t	 edits = 1 + below(s, 4), i, at, n, k;
	char	*p;
	const char *t;

	for (i = 0; i < edits; i++) {
		at = below(s, b->len + 1);
		switch (below(s, 7)) {
		case 0:		/* flip bits */
			if (b->len > 0)
				b->data[below(s, b->len)] ^=
				    (char)(1u << below(s, 8));
			break;
		case 1:		/* truncate */
			b->len = at;
			break;
		case 2:		/* delete a range */
			n = below(s, 64);
			if (at + n > b->len)
				n = b->len - at;
			memmove(b->data + at, b->data + at + n,
			    b->len - at - n);
			b->len -= n;
			break;
		case 3:		/* insert a token */
		case 4:
			t = tokens[below(s, FW_ARRAY_SIZE(tokens))];
			n = strlen(t);
			fw_buf_grow(b, n);
			memmove(b->data + at + n, b->data + at, b->len - at);
			memcpy(b->data + at, t, n);
			b->len += n;
			break;
		case 5:		/* duplicate a line */
			p = memchr(b->data + at, '\n', b->len - at);
			if (p == NULL)
				break;
			n = (size_t)(p - (b->data + at)) + 1;
			fw_buf_grow(b, n);
			memmove(b->data + at + n, b->data + at, b->len - at);
			b->len += n;
			break;
		case 6:		/* replace a digit run by a big number */
			for (k = at; k < b->len && (b->data[k] < '0' ||
			    b->data[k] > '9'); k++)
				;
			if (k < b->len)
				b->data[k] = "9-0.e+"[below(s, 6)];
			break;
		}
		b->data[b->len] = '\0';
	}
}

static int
read_file(const char *path, struct fw_buf *b)
{
	char	 tmp[65536];
	size_t	 n;
	FILE	*f = fopen(path, "r");

	if (f == NULL) {
		perror(path);
		return -1;
	}
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		fw_buf_add(b, tmp, n);
	fclose(f);
	return 0;
}

int
main(int argc, char **argv)
{
	struct fw_buf	 orig, mut;
	uint64_t	 seed = 0x5eed;
	unsigned long	 runs = 0, events = 0, refused = 0, n, got;
	long		 mutations = 0;
	FILE		*sink;
	int		 c, i;

	while ((c = getopt(argc, argv, "n:s:")) != -1) {
		switch (c) {
		case 'n':
			mutations = strtol(optarg, NULL, 10);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0) | 1;
			break;
		default:
			fprintf(stderr, "usage: %s [-n MUTATIONS] [-s SEED] "
			    "FILE...\n", argv[0]);
			return 2;
		}
	}
	sink = fopen("/dev/null", "w");
	if (sink == NULL) {
		perror("/dev/null");
		return 1;
	}
	fw_buf_init(&orig);
	fw_buf_init(&mut);
	for (i = optind; i < argc; i++) {
		fw_buf_reset(&orig);
		if (read_file(argv[i], &orig) != 0)
			return 1;
		got = report_exercise(orig.data ? orig.data : "", orig.len,
		    sink);
		events += got;
		refused += got == 0;
		runs++;
		for (n = 0; n < (unsigned long)mutations; n++) {
			fw_buf_reset(&mut);
			fw_buf_add(&mut, orig.data ? orig.data : "", orig.len);
			mutate(&mut, &seed);
			got = report_exercise(mut.data, mut.len, sink);
			events += got;
			refused += got == 0;
			runs++;
		}
	}
	fclose(sink);
	fw_buf_release(&orig);
	fw_buf_release(&mut);
	printf("%lu logs run, %lu refused at the start line, %lu events "
	    "read\n", runs, refused, events);
	return 0;
}
