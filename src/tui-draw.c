/* tui-draw.c - the drawing primitives on curses: text that is measured in
 * columns (UTF-8, wide characters), attributes and colours (or none under
 * NO_COLOR), cells of the program's terminal, titles and blocks of lines.
 * A leaf: it calls nothing else of the TUI. */
#include "config.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui-int.h"
#include "tui-curses.h"

/* Colour pairs: 1..5 for TC_RED..TC_MAGENTA; then pairs made on demand for the
 * program pane's (fg, bg) combinations, fg/bg in -1..7. */
#define PAIR_BASE	8
static bool	 colors;
static bool	 utf8;
static short	 prog_pairs[9][9];
static short	 next_pair = PAIR_BASE;
static int	 cur_y = -1, cur_x;

bool
tui_curses_colors(void)
{
	const char	*nc = getenv("NO_COLOR");

	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	colors = false;
	/* https://no-color.org: set and not empty means no colour. */
	if ((nc != NULL && nc[0] != '\0') || !has_colors())
		return false;
	if (start_color() != OK)
		return false;
	use_default_colors();
	init_pair(1, COLOR_RED, -1);
	init_pair(2, COLOR_GREEN, -1);
	init_pair(3, COLOR_YELLOW, -1);
	init_pair(4, COLOR_CYAN, -1);
	init_pair(5, COLOR_MAGENTA, -1);
	memset(prog_pairs, 0, sizeof prog_pairs);
	next_pair = PAIR_BASE;
	colors = true;
	return true;
}

int
tui_curses_pair(unsigned attr)
{
	switch (attr & TC_MASK) {
	case TC_RED:	return 1;
	case TC_GREEN:	return 2;
	case TC_YELLOW:	return 3;
	case TC_CYAN:	return 4;
	case TC_MAGENTA: return 5;
	default:	return 0;
	}
}

attr_t
tui_curses_attr(unsigned attr)
{
	attr_t	 a = A_NORMAL;

	if (attr & TA_BOLD)
		a |= A_BOLD;
	if (attr & TA_DIM)
		a |= A_DIM;
	if (attr & TA_REV)
		a |= A_REVERSE;
	if (attr & TA_UL)
		a |= A_UNDERLINE;
	if (colors)
		a |= COLOR_PAIR(tui_curses_pair(attr));
	else if (attr & (TC_RED | TC_MAGENTA))
		a |= A_BOLD;		/* failures stand out without colour */
	else if (attr & TC_YELLOW)
		a |= A_UNDERLINE;
	return a;
}

/* Width in columns of the character at s (n bytes left), and its length. */
static int
char_width(const char *s, size_t n, size_t *clen)
{
	mbstate_t	 st;
	wchar_t		 wc;
	size_t		 r;
	int		 w;

	if ((unsigned char)*s < 0x80) {
		*clen = 1;
		return 1;
	}
	memset(&st, 0, sizeof st);
	r = mbrtowc(&wc, s, n, &st);
	if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
		*clen = 1;
		return -1;
	}
	*clen = r;
	w = wcwidth(wc);
	return w < 0 ? -1 : w;
}

int
tui_text_width(const char *s, size_t len)
{
	size_t	 i = 0, cl;
	int	 cols = 0, w;

	while (i < len) {
		w = char_width(s + i, len - i, &cl);
		cols += w < 0 ? 1 : w;
		i += cl;
	}
	return cols;
}

int
tui_puts(int y, int x, int w, const char *s, size_t len, unsigned attr)
{
	size_t	 i = 0, cl;
	int	 cols = 0, cw;
	char	 c;

	if (w <= 0)
		return 0;
	attrset(tui_curses_attr(attr));
	move(y, x);
	while (i < len && cols < w) {
		cw = char_width(s + i, len - i, &cl);
		if (cw < 0 || (cl > 1 && !utf8)) {
			/* Escaped text has none; never send a raw byte. */
			addch('?');
			cols++;
		} else if (cl == 1) {
			c = s[i];
			addch((unsigned char)c >= 0x20 && c != 0x7f ?
			    (chtype)(unsigned char)c : '?');
			cols++;
		} else if (cols + cw > w) {
			break;
		} else {
			addnstr(s + i, (int)cl);
			cols += cw;
		}
		i += cl;
	}
	attrset(A_NORMAL);
	return cols;
}

void
tui_fill(int y, int x, int w, unsigned attr)
{
	if (w <= 0)
		return;
	attrset(tui_curses_attr(attr));
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

/* The pair for a program cell's colours (fg, bg in -1..7). */
static short
prog_pair(int fg, int bg)
{
	short	*p = &prog_pairs[fg + 1][bg + 1];

	if (*p == 0 && next_pair < COLOR_PAIRS) {
		init_pair(next_pair, (short)fg, (short)bg);
		*p = next_pair++;
	}
	return *p;
}

void
tui_put_cell(int y, int x, const uint32_t *chars, int width, int fg, int bg,
    unsigned attr)
{
	wchar_t	 wc[8];
	cchar_t	 cc;
	attr_t	 a = tui_curses_attr(attr & ~TC_MASK);
	short	 pair = 0;
	int	 i;

	for (i = 0; i < 6 && chars[i] != 0; i++)
		wc[i] = (wchar_t)chars[i];
	wc[i] = 0;
	if (i == 0 || (!utf8 && chars[0] >= 0x80) || chars[0] < 0x20 ||
	    chars[0] == 0x7f) {
		wc[0] = chars[0] >= 0x80 && i > 0 ? L'?' : L' ';
		wc[1] = 0;
		width = 1;
	}
	if (colors && (fg >= 0 || bg >= 0))
		pair = prog_pair(fg, bg);
	(void)width;
	if (setcchar(&cc, wc, a, pair, NULL) == OK)
		mvadd_wch(y, x, &cc);
}

void
tui_vline(int y, int x, int h)
{
	if (h > 0)
		mvvline(y, x, ACS_VLINE, h);
}

void
tui_set_cursor(int y, int x)
{
	cur_y = y;
	cur_x = x;
}

void
tui_clear(void)
{
	erase();
}

/* Send the whole screen again at the next flush (something else wrote on
 * the terminal). */
void
tui_repaint(void)
{
	clearok(curscr, TRUE);
}

void
tui_flush(void)
{
	if (cur_y >= 0) {
		move(cur_y, cur_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

int
tui_count_lines(const char *text, size_t len)
{
	size_t	 i;
	int	 n = 0;

	for (i = 0; i < len; i++) {
		if (text[i] == '\n')
			n++;
	}
	if (len > 0 && text[len - 1] != '\n')
		n++;
	return n;
}

size_t
tui_skip_cols(const char *s, size_t len, int cols)
{
	size_t	 i = 0, cl;
	int	 w;

	while (i < len && cols > 0) {
		w = char_width(s + i, len - i, &cl);
		cols -= w < 0 ? 1 : w;
		i += cl;
	}
	return i;
}

void
tui_draw_lines(const struct tui_rect *r, const char *text, size_t len,
    int skip, int hskip, unsigned attr)
{
	const char	*p = text, *end = text + len, *nl;
	size_t		 off;
	int		 row = 0, used;

	while (p < end && skip > 0) {
		nl = memchr(p, '\n', (size_t)(end - p));
		p = nl != NULL ? nl + 1 : end;
		skip--;
	}
	for (row = 0; row < r->h; row++) {
		used = 0;
		if (p < end) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL)
				nl = end;
			off = tui_skip_cols(p, (size_t)(nl - p), hskip);
			used = tui_puts(r->y + row, r->x, r->w, p + off,
			    (size_t)(nl - p) - off, attr);
			p = nl < end ? nl + 1 : end;
		}
		tui_fill(r->y + row, r->x + used, r->w - used, attr);
	}
}

void
tui_title(const struct tui_rect *r, bool focus, const char *text)
{
	unsigned	 a = focus ? TA_REV | TA_BOLD : TA_REV;
	int		 used;

	used = tui_puts(r->y, r->x, r->w, text, strlen(text), a);
	tui_fill(r->y, r->x + used, r->w - used, a);
}
