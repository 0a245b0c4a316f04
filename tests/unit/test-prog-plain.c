/* test-prog-plain: the plain-text program pane (src/tui-program-plain.c,
 * the TUI's program pane in a forkwatch built --without-libvterm), in
 * every build: bytes written to the pane's pseudo-terminal, as a program
 * writes them, must give the expected screen. The drawing calls are
 * replaced by a grid here (no curses). Covers text, CR/LF, wrapping,
 * scrolling, tabs, backspace, UTF-8 (wide and invalid), cursor movement
 * and erasing, colour and title sequences dropped, C1 and bidi controls
 * never drawn, the scrollback (kept lines, scrolling back, a view that
 * stays on its text, search, also across a wrapped line), and
 * keys encoded as a VT100 sends them. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tap.h"
#include "tui-int.h"

#define GW	40
#define GH	12

static uint32_t	 grid[GH][GW];

/* The drawing interface, as a grid. */
int
tui_puts(int y, int x, int w, const char *s, size_t len, unsigned attr)
{
	(void)y; (void)x; (void)w; (void)s; (void)len; (void)attr;
	return 0;
}

void
tui_fill(int y, int x, int w, unsigned attr)
{
	(void)attr;
	for (; w > 0 && y >= 0 && y < GH && x >= 0 && x < GW; w--, x++)
		grid[y][x] = ' ';
}

void
tui_put_cell(int y, int x, const uint32_t *chars, int width, int fg, int bg,
    unsigned attr)
{
	(void)width; (void)fg; (void)bg; (void)attr;
	if (y >= 0 && y < GH && x >= 0 && x < GW)
		grid[y][x] = chars[0];
}

void
tui_set_cursor(int y, int x)
{
	(void)y; (void)x;
}

int
tui_text_width(const char *s, size_t len)
{
	(void)s;
	return (int)len;
}

/* Row y of the pane (row 0 is its title) as UTF-8, trailing blanks cut. */
static void
row(int y, char *out, size_t n)
{
	size_t	 o = 0;
	int	 x, last = -1;

	for (x = 0; x < GW; x++)
		if (grid[y + 1][x] != ' ' && grid[y + 1][x] != 0)
			last = x;
	for (x = 0; x <= last && o + 5 < n; x++) {
		uint32_t c = grid[y + 1][x];
		if (c == 0)
			continue;	/* right half of a wide character */
		if (c < 0x80)
			out[o++] = (char)c;
		else if (c < 0x800) {
			out[o++] = (char)(0xc0 | (c >> 6));
			out[o++] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			out[o++] = (char)(0xe0 | (c >> 12));
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
			out[o++] = (char)(0x80 | (c & 0x3f));
		} else {
			out[o++] = (char)(0xf0 | (c >> 18));
			out[o++] = (char)(0x80 | ((c >> 12) & 0x3f));
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
			out[o++] = (char)(0x80 | (c & 0x3f));
		}
	}
	out[o] = '\0';
}

/* A pane of rows x cols, its slave opened raw (no \n -> \r\n). */
static struct tui_prog *
pane(int rows, int cols, int *slave)
{
	struct tui_prog	*p = tui_prog_new(rows, cols, 3);
	struct termios	 tio;

	if (p == NULL)
		return NULL;
	*slave = tui_prog_slave(p);
	tcgetattr(*slave, &tio);
	cfmakeraw(&tio);
	tcsetattr(*slave, TCSANOW, &tio);
	return p;
}

/* Draw the pane (a title row, then rows x cols) into the grid. */
static void
draw(struct tui_prog *p, int rows, int cols)
{
	struct tui_rect	 r = { .y = 0, .x = 0, .h = rows + 1, .w = cols };

	memset(grid, 0, sizeof grid);
	tui_prog_draw(p, &r, TUI_PROG_UNFOCUSED, true);
}

/* Write s to the slave, let the pane read it all, draw into the grid. */
static void
show(struct tui_prog *p, int slave, const char *s, int rows, int cols)
{
	struct pollfd	 pfd = { .fd = tui_prog_fd(p), .events = POLLIN };
	size_t		 n = strlen(s);

	if (write(slave, s, n) != (ssize_t)n)
		printf("# write: %s\n", strerror(errno));
	/* The master is non-blocking: read until it has nothing. */
	while (poll(&pfd, 1, 200) > 0)
		tui_prog_input(p);
	draw(p, rows, cols);
}

static int
rows_are(const char *what, int n, ...)
{
	va_list	 ap;
	char	 got[256];
	int	 y, good = 1;

	va_start(ap, n);
	for (y = 0; y < n; y++) {
		const char *want = va_arg(ap, const char *);
		row(y, got, sizeof got);
		if (strcmp(got, want) != 0) {
			printf("# %s: row %d is '%s', want '%s'\n", what, y,
			    got, want);
			good = 0;
		}
	}
	va_end(ap);
	return good;
}

/* The bytes a key sends to the program. */
static int
key_is(struct tui_prog *p, int slave, int key, const char *want)
{
	char	 buf[32];
	ssize_t	 n;
	struct pollfd pfd = { .fd = slave, .events = POLLIN };

	tui_prog_key(p, key);
	n = poll(&pfd, 1, 1000) > 0 ? read(slave, buf, sizeof buf - 1) : 0;
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	if (strcmp(buf, want) != 0) {
		printf("# key %#x sent", key);
		for (ssize_t i = 0; i < n; i++)
			printf(" %02x", (unsigned char)buf[i]);
		printf("\n");
		return 0;
	}
	return 1;
}

int
main(void)
{
	struct tui_prog	*p;
	int		 s = -1;

	setlocale(LC_CTYPE, "C.UTF-8");
	p = pane(4, 10, &s);
	if (!ok(p != NULL, "a pane on a pseudo-terminal"))
		return tap_done();

	show(p, s, "hello\r\nworld", 4, 10);
	ok(rows_are("text", 3, "hello", "world", ""), "text and CR LF");
	show(p, s, "\r\n0123456789ab", 4, 10);
	ok(rows_are("wrap", 4, "hello", "world", "0123456789", "ab"),
	    "a long line wraps");
	show(p, s, "\r\nx", 4, 10);
	ok(rows_are("scroll", 4, "world", "0123456789", "ab", "x"),
	    "the screen scrolls at the bottom");
	ok(tui_prog_lines(p) == 1, "one line kept in the scrollback (%d)",
	    tui_prog_lines(p));
	show(p, s, "\r\ny\r\nz\r\nw", 4, 10);
	ok(tui_prog_lines(p) == 3, "the scrollback keeps 3 lines (%d)",
	    tui_prog_lines(p));
	tui_prog_scroll(p, 2);
	draw(p, 4, 10);
	ok(rows_are("back", 4, "0123456789", "ab", "x", "y"),
	    "scrolled back two lines (the oldest, hello, is gone)");
	tui_prog_scroll(p, INT_MIN);
	ok(tui_prog_search(p, "567", -1), "search finds a kept line");
	draw(p, 4, 10);
	ok(rows_are("found", 2, "world", "0123456789"),
	    "the match is in view, a third down");
	ok(!tui_prog_search(p, "hello", -1), "a line past the limit is gone");
	tui_prog_scroll(p, INT_MIN);
	ok(tui_prog_search(p, "789ab", -1),
	    "search finds text that the wrap cut in two");
	ok(!tui_prog_search(p, "789ab", -1), "once");
	tui_prog_scroll(p, INT_MIN);
	ok(!tui_prog_search(p, "abx", -1),
	    "a row that does not fill the width ends its line");
	tui_prog_scroll(p, INT_MIN);
	show(p, s, "\033[2J\033[H", 4, 10);
	ok(rows_are("clear", 4, "", "", "", ""), "ED 2 and CUP clear");
	show(p, s, "a\tb\bc", 4, 10);
	ok(rows_are("tab", 1, "a       c"), "tab and backspace");
	show(p, s, "\033[31mred\033[0m \033]0;title\007\033[?25l!", 4, 10);
	ok(rows_are("sgr", 2, "a       cr", "ed !"),
	    "SGR, OSC and a private mode dropped; the row wraps");
	show(p, s, "\033[2J\033[1;1H\033[1mred\033[0m \033]2;pwned\033\\ok", 4,
	    10);
	ok(rows_are("drop", 1, "red ok"), "SGR and OSC dropped, text kept");
	show(p, s, "\033[2J\033[1;1H\xc3\xa9\xe6\x97\xa5!\xff.", 4, 10);
	ok(rows_are("utf8", 1, "\xc3\xa9\xe6\x97\xa5!\xef\xbf\xbd."),
	    "UTF-8, a wide character, an invalid byte as U+FFFD");
	show(p, s, "\033[2J\033[1;1H\xc2\x9b" "31mX\xe2\x80\xae" "Y", 4, 10);
	ok(rows_are("c1", 1, "X\xef\xbf\xbdY"),
	    "a C1 CSI acts as CSI; a bidi override is drawn as U+FFFD");
	show(p, s, "\033[2J\033[2;3Habc\033[1;1H\033[Kz\033[2;4H\033[K", 4, 10);
	ok(rows_are("erase", 2, "z", "  a"), "CUP and EL");
	show(p, s, "\033[2J\033[3;1Hline\033[A\033[2Cq", 4, 10);
	ok(rows_are("move", 3, "", "      q", "line"), "CUU and CUF");

	ok(key_is(p, s, 'a', "a"), "a key is its character");
	ok(key_is(p, s, 0xe9, "\xc3\xa9"), "a non-ASCII key is UTF-8");
	ok(key_is(p, s, TK_UP, "\033[A"), "up arrow");
	ok(key_is(p, s, TK_ENTER, "\r"), "enter");
	ok(key_is(p, s, TK_BS, "\177"), "backspace");
	ok(key_is(p, s, 0x03, "\003"), "Ctrl-C as it is");
	ok(key_is(p, s, TK_F1 + 4, "\033[15~"), "F5");

	tui_prog_resize(p, 2, 5);
	show(p, s, "\033[2J\033[1;1Hhi", 2, 5);
	ok(rows_are("resize", 2, "hi", ""), "after a resize");
	tui_prog_free(p);

	/* Resizing as a terminal does: taller brings kept lines back above,
	 * shorter sends the lines above the cursor to the scrollback. */
	p = pane(4, 10, &s);
	if (!ok(p != NULL, "a second pane"))
		return tap_done();
	show(p, s, "1\r\n2\r\n3\r\n4\r\n5\r\n6", 4, 10);
	ok(rows_are("before", 4, "3", "4", "5", "6") && tui_prog_lines(p) == 2,
	    "two lines kept before the resize");
	tui_prog_resize(p, 6, 10);
	draw(p, 6, 10);
	ok(rows_are("taller", 6, "1", "2", "3", "4", "5", "6") &&
	    tui_prog_lines(p) == 0, "taller: the kept lines come back above");
	tui_prog_resize(p, 3, 10);
	show(p, s, "!", 3, 10);
	ok(rows_are("shorter", 3, "4", "5", "6!") && tui_prog_lines(p) == 3,
	    "shorter: the lines above the cursor are kept, the cursor stays");
	tui_prog_free(p);

	/* Output that scrolls the screen under a view scrolled back leaves
	 * the view on the same text (tui-prog-pty.c's ring, shared with
	 * the libvterm pane). */
	p = pane(4, 10, &s);
	if (!ok(p != NULL, "a third pane"))
		return tap_done();
	show(p, s, "1\r\n2\r\n3\r\n4\r\n5", 4, 10);
	tui_prog_scroll(p, 1);
	show(p, s, "\r\n6", 4, 10);
	ok(rows_are("held", 4, "1", "2", "3", "4") && tui_prog_lines(p) == 2,
	    "a view scrolled back stays on its text as lines are kept");
	tui_prog_free(p);
	return tap_done();
}
