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
};

/* Append the tree lines left of a node at depth (none at depth 0) that is
 * or is not the last of its siblings. Past 40 levels only the innermost
 * are drawn, after the depth in brackets ("[57] "), so that very deep
 * trees keep lines of bounded width. */
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
