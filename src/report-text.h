/* report-text.h - helpers for the report's text outputs: untrusted strings
 * made safe for a terminal, argv quoting, durations and sizes. */
#ifndef FW_REPORT_TEXT_H
#define FW_REPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "color.h"
#include "util.h"

struct report_opts;
struct report_proc;

/* Append s with control characters, invalid UTF-8 and other dangerous
 * bytes escaped (\n, \xNN ...), without quotes. */
void	report_text_bare(struct fw_buf *, const char *s);

/* Append one argument: as is when it holds only characters that need no
 * quoting in a shell, else in double quotes with C escapes. */
void	report_text_arg(struct fw_buf *, const char *s);

/* Append argv joined by spaces, each argument as report_text_arg() does. */
void	report_text_argv(struct fw_buf *, const char *const *argv, size_t argc);

/* Append p's command: the basenames of the images it ran before its last,
 * then the full argv of its current one ("sh => cc -c a.c"). */
void	report_text_command(struct fw_buf *, const struct report_proc *p);

/* Append p's label: its program (the basename of argv[0]) and the argument
 * that names its work -- the first source file (not a compiler option's
 * value such as cc1's "-MD src/jv.d"), else the output of -o (also when
 * the source is a temporary file: "as -o jv.o"), else a shell's -c
 * command or an interpreter's script, else its first operands -- at most
 * max display columns ("cc1 src/jv.c", "ld -o prog", "sh -c 'cc -c a.c'",
 * "sleep 1.5"). The SVG rows, Perfetto tracks and OTLP spans are named by
 * it. */
void	report_text_label(struct fw_buf *, const struct report_proc *p,
	    size_t max);

/* Append p's command (report_text_command()) when it takes at most width
 * display columns, or width is 0; else a shortened one that keeps the
 * program and the arguments naming the work (sources, -o and its output,
 * a shell's -c command, a script), with "..." for each run of arguments
 * left out, cut to width. A path too long is cut at its start, so its
 * file name stays; a temporary output is the first to go. */
void	report_text_command_fit(struct fw_buf *, const struct report_proc *p,
	    size_t width);

/* The same for the rest of a line that began at line_start in b: the
 * command gets what width leaves after the line so far and reserve more
 * columns (at least 4; no limit when width is 0). */
void	report_text_command_rest(struct fw_buf *, size_t line_start,
	    const struct report_proc *p, size_t width, size_t reserve);

/* Cut what b holds from start on to at most width display columns, the
 * last three "..." when it was longer (width 0: no limit). */
void	report_text_cut(struct fw_buf *, size_t start, size_t width);

/* The display columns of the UTF-8 text s[0..n) (one per character;
 * colour sequences take none). */
size_t	report_text_width(const char *s, size_t n);

/* Format seconds as "1.234s", "12.345ms" or "87us" into buf. */
const char *report_text_duration(char *buf, size_t len, double secs);

/* Format a size in KiB as "812 KiB", "12.3 MiB" or "1.20 GiB" into buf. */
const char *report_text_kb(char *buf, size_t len, long long kb);

/* The lines of a tree drawn left of each node ("|   `-- "). Zero it to
 * start; report_text_tree_release() frees it. */
struct report_text_tree {
	bool	*last;		/* per depth: its node is the last sibling */
	size_t	 cap;
	bool	 color;		/* draw the lines dim (report_opts.color) */
	size_t	 width;		/* the line's width (report_opts.width),
				   0 for none */
};

/* Append the tree lines left of a node at depth (none at depth 0) that is
 * or is not the last of its siblings. Past 40 levels, or past the levels
 * that leave 24 of the line's width for what follows, only the innermost
 * are drawn, after the depth in brackets ("[57] "), so that deep trees
 * keep lines of bounded width and their commands. */
void	report_text_tree_prefix(struct report_text_tree *, struct fw_buf *,
	    int depth, bool last);
void	report_text_tree_release(struct report_text_tree *);

/* The colour of p's line: killed magenta, failed red, else plain. */
enum color_role report_text_role(const struct report_proc *p);

/* Start role's colour, or end it, when the reports are in colour (and role
 * is not COLOR_PLAIN): colour never reaches a file or pipe by default. */
void	report_text_color_on(struct fw_buf *, const struct report_opts *,
	    enum color_role);
void	report_text_color_off(struct fw_buf *, const struct report_opts *,
	    enum color_role);

/* Write the buffer to f and empty it. */
void	report_text_flush(struct fw_buf *, FILE *f);

#endif
