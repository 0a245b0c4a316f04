/* report-text.c - terminal-safe text helpers for the report. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report.h"
#include "report-model.h"
#include "report-text.h"

void
report_text_bare(struct fw_buf *b, const char *s)
{
	if (s != NULL)
		esc_text_bare(b, s, strlen(s));
}

/* True if s needs no quoting: shell-safe printable ASCII only. */
static bool
plain_arg(const char *s)
{
	const char	*p;

	if (*s == '\0')
		return false;
	for (p = s; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-_./:=@%+,^", *p)))
			return false;
	}
	return true;
}

void
report_text_arg(struct fw_buf *b, const char *s)
{
	if (plain_arg(s))
		fw_buf_adds(b, s);
	else
		esc_text(b, s, strlen(s));
}

void
report_text_argv(struct fw_buf *b, const char *const *argv, size_t argc)
{
	size_t	 i;

	for (i = 0; i < argc; i++) {
		if (i > 0)
			fw_buf_addc(b, ' ');
		report_text_arg(b, argv[i]);
	}
}

void
report_text_command(struct fw_buf *b, const struct report_proc *p)
{
	const struct report_image	*im, *cur = report_proc_image(p);

	for (im = p->images; im != NULL && im != cur; im = im->next) {
		if (im->argc > 0)
			report_text_bare(b, report_basename(im->argv[0]));
		else
			report_text_bare(b, report_basename(im->path));
		fw_buf_adds(b, " => ");
	}
	if (cur == NULL)
		fw_buf_adds(b, "?");
	else if (cur->argc > 0)
		report_text_argv(b, cur->argv, cur->argc);
	else if (cur->path != NULL)
		report_text_arg(b, cur->path);
	else
		fw_buf_adds(b, "?");
	if (cur != NULL && cur->argv_truncated)
		fw_buf_adds(b, " ...");
	if (p->images == NULL && cur != NULL)
		fw_buf_adds(b, " (fork)");
}

size_t
report_text_width(const char *s, size_t n)
{
	size_t	 i, w = 0;

	for (i = 0; i < n; i++) {
		/* Our own colour sequences (ESC [ ... m) take no room; text
		 * from a log never holds a raw ESC. */
		if (s[i] == '\033' && i + 1 < n && s[i + 1] == '[') {
			for (i += 2; i < n && s[i] != 'm'; i++)
				;
			continue;
		}
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	}
	return w;
}

/* Files whose name says what a program works on: sources and scripts. */
static const char *const work_ext[] = {
	"c", "cc", "cp", "cpp", "cxx", "c++", "C", "CPP", "h", "hh", "hpp",
	"m", "mm", "i", "ii", "s", "S", "sx", "asm", "f", "for", "f90", "f95",
	"F", "F90", "cu", "go", "rs", "java", "kt", "scala", "swift", "hs",
	"ml", "d", "zig", "nim", "v", "vala", "l", "y", "ll", "yy",
	"py", "sh", "bash", "pl", "pm", "rb", "js", "mjs", "ts", "lua", "tcl",
	"awk", "sed", "php", "r", "R", "el", "scm", "tex",
};

/* Programs whose work is named by "-c COMMAND" or a script operand. */
static const char *const shells[] = {
	"sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "busybox",
};
static const char *const interpreters[] = {
	"python", "perl", "ruby", "node", "nodejs", "tclsh", "lua", "php",
	"Rscript", "awk", "gawk", "mawk",
};

/* True if name is word, or word followed by a version ("python3.11"). */
static bool
is_named(const char *name, const char *const *list, size_t n)
{
	size_t	 i, len;

	for (i = 0; i < n; i++) {
		len = strlen(list[i]);
		if (strncmp(name, list[i], len) == 0 && strspn(name + len,
		    "0123456789.-") == strlen(name + len))
			return true;
	}
	return false;
}

static bool
is_work_file(const char *a)
{
	const char	*dot = strrchr(a, '.');
	size_t		 i;

	if (a[0] == '-' || dot == NULL || dot == a || dot[1] == '\0' ||
	    strchr(dot, '/') != NULL)
		return false;
	for (i = 0; i < FW_ARRAY_SIZE(work_ext); i++) {
		if (strcmp(dot + 1, work_ext[i]) == 0)
			return true;
	}
	return false;
}

/* Options of compilers (gcc, clang, cc1, as) whose next argument is the
 * option's value, not an operand: a dependency file, a header included
 * first, a dump name. "-MD" and "-MMD" take a value only in cc1 (the
 * driver's take none), so theirs is skipped when it is a ".d" file. */
static const char *const value_opts[] = {
	"-MF", "-MT", "-MQ", "-include", "-imacros", "-isystem", "-iquote",
	"-idirafter", "-isysroot", "-iprefix", "-imultiarch", "-dumpbase",
	"-dumpdir", "-dumpbase-ext", "-auxbase", "-auxbase-strip",
	"-aux-info", "-main-file-name", "-Xlinker", "-Xassembler",
	"-Xpreprocessor", "-Xclang",
};

/* True if argument i of argv is the value of the option before it. */
static bool
is_option_value(const char *const *argv, size_t i)
{
	const char	*prev = argv[i - 1], *dot;
	size_t		 k;

	if (i < 2)
		return false;
	for (k = 0; k < FW_ARRAY_SIZE(value_opts); k++) {
		if (strcmp(prev, value_opts[k]) == 0)
			return true;
	}
	dot = strrchr(argv[i], '.');
	return (strcmp(prev, "-MD") == 0 || strcmp(prev, "-MMD") == 0) &&
	    dot != NULL && strcmp(dot, ".d") == 0;
}

/* True if a is a file right in a temporary directory, as compiler
 * drivers make them ("/tmp/ccQ2x9.s"): a name that differs on every run.
 * A build tree under /tmp ("/tmp/build/src/jv.o") is not one. */
static bool
is_temp_file(const char *a)
{
	if (strncmp(a, "/tmp/", 5) == 0)
		return strchr(a + 5, '/') == NULL;
	if (strncmp(a, "/var/tmp/", 9) == 0)
		return strchr(a + 9, '/') == NULL;
	return false;
}

/* Where the arguments of an image name its work (indexes into argv; 0
 * when absent). */
struct work {
	size_t	 src;		/* the first source or script file */
	size_t	 out;		/* the argument of -o */
	size_t	 cmd;		/* the argument of a shell's -c, or the
				   script operand of an interpreter */
	bool	 cmd_flag;	/* cmd follows -c, -e or -m */
	size_t	 ops[2];	/* else the first operands */
	size_t	 n_ops;
};

static void
find_work(const struct report_image *im, struct work *w)
{
	const char	*prog = report_basename(im->argv[0]);
	bool		 shell = is_named(prog, shells, FW_ARRAY_SIZE(shells));
	bool		 interp = shell || is_named(prog, interpreters,
	    FW_ARRAY_SIZE(interpreters));
	size_t		 i;

	memset(w, 0, sizeof *w);
	for (i = 1; i < im->argc; i++) {
		const char *a = im->argv[i];

		if (strcmp(a, "-o") == 0 && i + 1 < im->argc) {
			if (w->out == 0)
				w->out = i + 1;
			i++;
		} else if (interp && w->cmd == 0 && i + 1 < im->argc &&
		    (strcmp(a, "-c") == 0 || strcmp(a, "-e") == 0 ||
		    strcmp(a, "-m") == 0)) {
			w->cmd = ++i;
			w->cmd_flag = true;
		} else if (a[0] != '-' && a[0] != '\0' &&
		    !is_option_value(im->argv, i)) {
			if (interp && w->cmd == 0 && w->src == 0)
				w->cmd = i;	/* the script */
			else if (w->src == 0 && is_work_file(a))
				w->src = i;
			if (w->n_ops < 2)
				w->ops[w->n_ops++] = i;
		}
	}
}

/* Append arg i of im, as report_text_arg() writes it, cut to at most max
 * display columns (with "..." when cut). */
/* True if arg is best cut at its start: a path or file name, whose end
 * (the file's own name) says the most; other arguments (a shell's
 * command) are cut at their end. */
static bool
cut_at_start(const char *arg)
{
	return strchr(arg, ' ') == NULL && (strchr(arg, '/') != NULL ||
	    is_work_file(arg));
}

static void
put_arg_cut(struct fw_buf *b, const char *arg, size_t max)
{
	struct fw_buf	 t;
	size_t		 i, w = 0, total;

	fw_buf_init(&t);
	report_text_arg(&t, arg);
	total = report_text_width(t.data, t.len);
	if (total <= max) {
		fw_buf_add(b, t.data, t.len);
	} else if (cut_at_start(arg) && max > 3) {
		/* "..." and the last max - 3 characters. */
		for (i = 0; i < t.len; i++) {
			if (((unsigned char)t.data[i] & 0xc0) != 0x80 &&
			    total - w++ <= max - 3)
				break;
		}
		fw_buf_adds(b, "...");
		fw_buf_add(b, t.data + i, t.len - i);
	} else {
		for (i = 0; i < t.len; i++) {
			if (((unsigned char)t.data[i] & 0xc0) != 0x80 &&
			    ++w + 3 > max)
				break;
		}
		fw_buf_add(b, t.data, i);
		fw_buf_adds(b, "...");
	}
	fw_buf_release(&t);
}

void
report_text_label(struct fw_buf *b, const struct report_proc *p, size_t max)
{
	const struct report_image	*im = report_proc_image(p);
	struct work			 w;
	size_t				 start = b->len, i, first = 0, n = 1;

	if (im == NULL || im->argc == 0) {
		put_arg_cut(b, im != NULL && im->path != NULL ?
		    report_basename(im->path) : "?", max);
		return;
	}
	find_work(im, &w);
	put_arg_cut(b, report_basename(im->argv[0]), max);
	if (w.src != 0 && (w.out == 0 || !is_temp_file(im->argv[w.src]) ||
	    is_temp_file(im->argv[w.out])))
		first = w.src;
	else if (w.out != 0)
		first = w.out - 1, n = 2;
	else if (w.cmd != 0)
		first = w.cmd_flag ? w.cmd - 1 : w.cmd, n = w.cmd - first + 1;
	else if (w.n_ops > 0)
		first = w.ops[0], n = w.n_ops == 2 &&
		    w.ops[1] == w.ops[0] + 1 ? 2 : 1;
	for (i = first; first != 0 && i < first + n; i++) {
		size_t used = report_text_width(b->data + start,
		    b->len - start);

		if (used + 2 > max)
			break;
		fw_buf_addc(b, ' ');
		put_arg_cut(b, im->argv[i], max - used - 1);
	}
}

/* The display width of argument arg as report_text_arg() writes it. */
static size_t
arg_width(const char *arg)
{
	struct fw_buf	 t;
	size_t		 w;

	fw_buf_init(&t);
	report_text_arg(&t, arg);
	w = report_text_width(t.data, t.len);
	fw_buf_release(&t);
	return w;
}

/* Append the arguments of cur marked in keep, a " ..." for each run of
 * those left out; those marked in cut get at most each columns. */
static void
put_kept(struct fw_buf *b, const struct report_image *cur, const bool *keep,
    const bool *cut, size_t each)
{
	bool	 gap = false;
	size_t	 i;

	for (i = 1; i < cur->argc; i++) {
		if (!keep[i]) {
			if (!gap)
				fw_buf_adds(b, " ...");
			gap = true;
			continue;
		}
		gap = false;
		fw_buf_addc(b, ' ');
		put_arg_cut(b, cur->argv[i], cut != NULL && cut[i] ? each :
		    (size_t)-1 / 2);
	}
}

/* Leading arguments tried, one by one, after the ones that must stay. */
#define MAX_TRIED	64

void
report_text_command_fit(struct fw_buf *b, const struct report_proc *p,
    size_t width)
{
	const struct report_image	*im, *cur = report_proc_image(p);
	struct fw_buf			 t;
	struct work			 w;
	bool				*keep, *mand;
	size_t				 start, head, i, n_keep = 0, each;
	size_t				 room, left, min, k;

	fw_buf_init(&t);
	report_text_command(&t, p);
	if (width == 0 || report_text_width(t.data, t.len) <= width ||
	    cur == NULL || cur->argc == 0) {
		fw_buf_add(b, t.data, t.len);
		fw_buf_release(&t);
		return;
	}

	start = b->len;
	/* The images before: the first and the last of them at most. */
	for (im = p->images, i = 0; im != NULL && im != cur;
	    im = im->next, i++) {
		if (i == 1 && im->next != cur) {
			fw_buf_adds(b, "... => ");
			while (im->next != cur)
				im = im->next;
		}
		report_text_bare(b, report_basename(im->argc > 0 ?
		    im->argv[0] : im->path));
		fw_buf_adds(b, " => ");
	}
	report_text_bare(b, report_basename(cur->argv[0]));
	head = report_text_width(b->data + start, b->len - start);
	/* The arguments that must stay: the first source, -o and its
	 * output, a shell's command or a script; else the first operands. */
	find_work(cur, &w);
	keep = fw_calloc(cur->argc + 1, sizeof *keep);
	mand = fw_calloc(cur->argc + 1, sizeof *mand);
	if (w.src != 0)
		keep[w.src] = true;
	if (w.out != 0)
		keep[w.out - 1] = keep[w.out] = true;
	if (w.cmd != 0) {
		keep[w.cmd] = true;
		if (w.cmd_flag)
			keep[w.cmd - 1] = true;
	}
	if (w.src == 0 && w.out == 0 && w.cmd == 0)
		for (i = 0; i < w.n_ops; i++)
			keep[w.ops[i]] = true;
	for (i = 1; i < cur->argc; i++) {
		mand[i] = keep[i];
		n_keep += keep[i];
	}
	fw_buf_reset(&t);
	put_kept(&t, cur, keep, NULL, 0);
	if (head + report_text_width(t.data, t.len) > width && w.out != 0 &&
	    is_temp_file(cur->argv[w.out]) && (w.src != 0 || w.cmd != 0)) {
		/* No room for all: a temporary output ("-o /tmp/ccQ2x9.s")
		 * says the least, so it goes first. */
		keep[w.out - 1] = mand[w.out - 1] = false;
		keep[w.out] = mand[w.out] = false;
		n_keep -= 2;
		fw_buf_reset(&t);
		put_kept(&t, cur, keep, NULL, 0);
	}
	if (head + report_text_width(t.data, t.len) <= width) {
		/* Room for more: the leading arguments, while they fit. */
		for (i = 1; i < cur->argc && i <= MAX_TRIED; i++) {
			if (keep[i])
				continue;
			keep[i] = true;
			fw_buf_reset(&t);
			put_kept(&t, cur, keep, NULL, 0);
			if (head + report_text_width(t.data, t.len) > width) {
				keep[i] = false;
				break;
			}
		}
		put_kept(b, cur, keep, NULL, 0);
	} else {
		/* The ones that must stay are too long themselves: the short
		 * ones keep their width, the long ones share what is left
		 * after the spaces and the " ..." of the arguments left out. */
		room = 0;
		for (i = 1; i < cur->argc; i++) {
			if (keep[i])
				room += 1;
			else if (i == 1 || keep[i - 1])
				room += 4;
		}
		room = width > head + room ? width - head - room : 0;
		each = room;
		for (left = n_keep; left > 0; left--) {
			each = room / left;
			min = (size_t)-1;
			k = 0;
			for (i = 1; i < cur->argc; i++) {
				if (mand[i] && arg_width(cur->argv[i]) <=
				    each && arg_width(cur->argv[i]) < min) {
					min = arg_width(cur->argv[i]);
					k = i;
				}
			}
			if (k == 0)
				break;
			mand[k] = false;
			room -= min;
		}
		put_kept(b, cur, keep, mand, each > 8 ? each : 8);
	}
	fw_buf_release(&t);
	free(keep);
	free(mand);
	/* Never wider than asked, whatever the arguments were. */
	report_text_cut(b, start, width);
}

void
report_text_command_rest(struct fw_buf *b, size_t line_start,
    const struct report_proc *p, size_t width, size_t reserve)
{
	size_t	 used = report_text_width(b->data + line_start,
	    b->len - line_start) + reserve;

	report_text_command_fit(b, p, width == 0 ? 0 : width > used + 4 ?
	    width - used : 4);
}

void
report_text_cut(struct fw_buf *b, size_t start, size_t width)
{
	size_t	 i, used = 0;

	if (width == 0 || report_text_width(b->data + start, b->len - start) <=
	    width)
		return;
	for (i = start; i < b->len; i++) {
		if (((unsigned char)b->data[i] & 0xc0) != 0x80 &&
		    ++used + 3 > width)
			break;
	}
	b->len = i;
	fw_buf_adds(b, "...");
}

const char *
report_text_duration(char *buf, size_t len, double secs)
{
	if (secs < 0)
		secs = 0;
	if (secs >= 1 || secs == 0)
		snprintf(buf, len, "%.3fs", secs);
	else if (secs >= 1e-3)
		snprintf(buf, len, "%.3fms", secs * 1e3);
	else
		snprintf(buf, len, "%.0fus", secs * 1e6);
	return buf;
}

const char *
report_text_kb(char *buf, size_t len, long long kb)
{
	if (kb < 1024)
		snprintf(buf, len, "%lld KiB", kb);
	else if (kb < 1024 * 1024)
		snprintf(buf, len, "%.1f MiB", (double)kb / 1024);
	else
		snprintf(buf, len, "%.2f GiB", (double)kb / (1024 * 1024));
	return buf;
}

#define MAX_DRAWN	40
#define MIN_DRAWN	2
#define COMMAND_ROOM	24

/* The most levels of tree lines to draw on the line that b ends with. */
static int
max_drawn(const struct report_text_tree *t, const struct fw_buf *b)
{
	size_t	 start = b->len, used, room;

	if (t->width == 0)
		return MAX_DRAWN;
	while (start > 0 && b->data[start - 1] != '\n')
		start--;
	used = report_text_width(b->data + start, b->len - start);
	/* Room for the "[N] " too. */
	room = t->width > used + COMMAND_ROOM + 6 ? (t->width - used -
	    COMMAND_ROOM - 6) / 4 : 0;
	return room < MIN_DRAWN ? MIN_DRAWN : room > MAX_DRAWN ? MAX_DRAWN :
	    (int)room;
}

void
report_text_tree_prefix(struct report_text_tree *t, struct fw_buf *b,
    int depth, bool last)
{
	int	 d = 1, limit = max_drawn(t, b);

	if (depth < 0)
		return;
	if ((size_t)depth >= t->cap) {
		t->cap = (size_t)depth * 2 + 16;
		t->last = fw_realloc(t->last, t->cap * sizeof *t->last);
	}
	t->last[depth] = last;
	if (depth == 0)
		return;
	if (t->color)
		fw_buf_adds(b, color_on(COLOR_DIM));
	if (depth > limit) {
		d = depth - limit + 1;
		fw_buf_printf(b, "[%d] ", depth);
	}
	for (; d < depth; d++)
		fw_buf_adds(b, t->last[d] ? "    " : "|   ");
	fw_buf_adds(b, last ? "`-- " : "|-- ");
	if (t->color)
		fw_buf_adds(b, COLOR_OFF);
}

enum color_role
report_text_role(const struct report_proc *p)
{
	if (p->exited && p->signaled)
		return COLOR_KILLED;
	return report_proc_failed(p) ? COLOR_FAIL : COLOR_PLAIN;
}

void
report_text_color_on(struct fw_buf *b, const struct report_opts *o,
    enum color_role role)
{
	if (o->color && role != COLOR_PLAIN)
		fw_buf_adds(b, color_on(role));
}

void
report_text_color_off(struct fw_buf *b, const struct report_opts *o,
    enum color_role role)
{
	if (o->color && role != COLOR_PLAIN)
		fw_buf_adds(b, COLOR_OFF);
}

void
report_text_tree_release(struct report_text_tree *t)
{
	free(t->last);
	t->last = NULL;
	t->cap = 0;
}

void
report_text_flush(struct fw_buf *b, FILE *f)
{
	if (b->len > 0)
		fwrite(b->data, 1, b->len, f);
	fw_buf_reset(b);
}
