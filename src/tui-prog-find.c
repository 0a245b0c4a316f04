/* tui-prog-find.c - the search of the program pane's lines, shared by its
 * two terminals (tui-program.c with libvterm, tui-program-plain.c).
 *
 * A program's line longer than the pane is wrapped by the terminal onto
 * several rows, and the rows are what the scrollback keeps: a compiler's
 * error message in a pane 44 columns wide is two or three rows. So that
 * "/" finds text wherever the wrap cut it, a row that fills the pane's
 * width is searched together with the rows it runs on into, as the one
 * line the program wrote. (libvterm 0.1 does not say which rows it
 * wrapped; a row whose last column holds a character is taken as
 * wrapped.) */
#include "config.h"

#include <string.h>

#include "tui-int.h"

/* At most this many rows are joined into one line. */
#define FIND_JOIN_MAX	64

int
tui_prog_find(int total, int start, int dir, const char *text,
    tui_prog_row_fn row, void *arg, int *last)
{
	struct fw_buf	 b;
	size_t		 ends[FIND_JOIN_MAX], at, end;
	const char	*s, *m;
	int		 i, k, n;

	fw_buf_init(&b);
	for (i = start; i >= 0 && i < total; i += dir < 0 ? -1 : 1) {
		fw_buf_reset(&b);
		n = 0;
		for (k = i; k < total && n < FIND_JOIN_MAX; k++) {
			if (!row(arg, k, &b)) {
				ends[n++] = b.len;
				break;
			}
			ends[n++] = b.len;
		}
		s = fw_buf_cstr(&b);
		/* A match that starts in a later row is that row's. */
		if ((m = strstr(s, text)) == NULL ||
		    (size_t)(m - s) >= ends[0])
			continue;
		at = (size_t)(m - s);
		end = at + strlen(text);
		for (k = 0; k < n - 1 && ends[k] < end; k++)
			;
		*last = i + k;
		fw_buf_release(&b);
		return i;
	}
	fw_buf_release(&b);
	return -1;
}
