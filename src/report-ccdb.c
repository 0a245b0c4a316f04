/* report-ccdb.c - compile_commands.json from the compiler runs of a trace. */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report-ccdb.h"
#include "report-json.h"
#include "report-model.h"
#include "report-strmap.h"

static const char *const driver_names[] = {
	"cc", "c++", "gcc", "g++", "clang", "clang++",
};

/* Runs with one of these do not compile anything. */
static const char *const no_compile[] = {
	"-E", "-M", "-MM", "-###", "--version", "--help", "--target-help",
	"-dumpversion", "-dumpfullversion", "-dumpmachine", "-dumpspecs",
};

/* Flags dropped from "arguments" together with the argument after them. */
static const char *const drop_with_arg[] = {
	"-MF", "-MT", "-MQ", "-Xlinker", "-T", "-u", "-z", "-l", "-L", "-e",
};

/* Flags dropped from "arguments": dependency files and link-only flags. */
static const char *const drop_flag[] = {
	"-MD", "-MMD", "-MG", "-MP", "-shared", "-static", "-static-pie",
	"-pie", "-no-pie", "-rdynamic", "-s", "-r", "-nostdlib",
	"-nostartfiles", "-nodefaultlibs", "-nolibc", "-symbolic",
};

/* Flags kept together with the argument after them (which is therefore
 * never a source file). */
static const char *const keep_with_arg[] = {
	"-x", "-I", "-D", "-U", "-include", "-imacros", "-iquote", "-isystem",
	"-idirafter", "-iprefix", "-iwithprefix", "-iwithprefixbefore",
	"-isysroot", "-imultilib", "-B", "-A", "-Xpreprocessor",
	"-Xassembler", "-Xclang", "-aux-info", "-wrapper", "-dumpbase",
	"-dumpbase-ext", "-dumpdir", "--sysroot", "-target", "-arch",
	"--param", "-mllvm", "-G",
};

/* Extensions of the files a compile run takes as sources. */
static const char *const source_ext[] = {
	"c", "C", "cc", "cp", "cpp", "CPP", "cxx", "c++", "cppm", "ixx", "i",
	"ii", "m", "mi", "mm", "mii", "M", "S", "sx", "cu",
};

static bool
in_list(const char *s, const char *const *list, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (strcmp(s, list[i]) == 0)
			return true;
	}
	return false;
}

#define IN(s, list)	in_list((s), (list), FW_ARRAY_SIZE(list))

bool
report_ccdb_is_compiler(const char *name)
{
	size_t	 len = strlen(name), i, k;
	char	 buf[256];

	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, name, len + 1);
	/* Drop a version suffix: "-12", "-14.0.6". */
	for (i = len; i > 0 && ((buf[i - 1] >= '0' && buf[i - 1] <= '9') ||
	    buf[i - 1] == '.'); i--)
		;
	if (i < len && i > 1 && buf[i - 1] == '-' && buf[i] != '.') {
		buf[i - 1] = '\0';
		len = i - 1;
	}
	/* Then the name must be a driver, alone or after a "target-" prefix. */
	for (k = 0; k < FW_ARRAY_SIZE(driver_names); k++) {
		size_t	 dl = strlen(driver_names[k]);

		if (len < dl || strcmp(buf + len - dl, driver_names[k]) != 0)
			continue;
		if (len == dl || buf[len - dl - 1] == '-')
			return true;
	}
	return false;
}

/* True if arg names a file a compiler takes as a source. */
static bool
is_source(const char *arg)
{
	const char	*dot = strrchr(arg, '.');

	if (dot == NULL || dot == arg || strchr(dot, '/') != NULL)
		return false;
	return IN(dot + 1, source_ext);
}

/* Append dir/path (or path, if absolute) to b with "." and ".." resolved
 * lexically, like bear does. */
static void
abs_path(struct fw_buf *b, const char *dir, const char *path)
{
	struct fw_buf	 in;
	size_t		 start = b->len, seg, len;
	char		*p, *tok, *save = NULL;

	fw_buf_init(&in);
	if (path[0] != '/') {
		fw_buf_adds(&in, dir);
		fw_buf_addc(&in, '/');
	}
	fw_buf_adds(&in, path);
	p = in.data;
	for (tok = strtok_r(p, "/", &save); tok != NULL;
	    tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			/* Remove the last component, not going above "/". */
			len = b->len;
			while (len > start && b->data[len - 1] != '/')
				len--;
			if (len > start)
				len--;
			b->len = len;
			b->data[len] = '\0';
			continue;
		}
		seg = strlen(tok);
		fw_buf_addc(b, '/');
		fw_buf_add(b, tok, seg);
	}
	if (b->len == start)
		fw_buf_addc(b, '/');
	fw_buf_release(&in);
}

/* The parsed command line of one compiler run. */
struct cc_run {
	const char	**flags;	/* kept, in order */
	size_t		 n_flags;
	const char	**sources;
	size_t		 n_sources;
	const char	*output;
	bool		 output_apart;	/* "-o FILE", not "-oFILE" */
	bool		 compile_only;	/* -c or -S: no link step */
};

/* The writer's state. */
struct ccdb {
	struct report_json	 j;
	struct report_ccdb_stats *stats;
	struct report_strmap	 seen;		/* file NUL output */
	const char		*path;		/* PATH to find argv[0] in */
	struct fw_buf		 file, out, tmp;
	struct {
		char		*argv0, *exe, *cwd, *result;
	}			 cache[8];	/* recent exec_path() answers */
	size_t			 next_cache;
};

/* Sort the arguments of im into r. Returns false when the run compiles
 * nothing. */
static bool
parse_run(const struct report_image *im, struct cc_run *r)
{
	const char	*a;
	size_t		 i;

	memset(r, 0, sizeof *r);
	r->flags = fw_calloc(im->argc + 1, sizeof *r->flags);
	r->sources = fw_calloc(im->argc + 1, sizeof *r->sources);
	for (i = 1; i < im->argc; i++) {
		a = im->argv[i];
		if (IN(a, no_compile) || strncmp(a, "-print-", 7) == 0 ||
		    strncmp(a, "--help=", 7) == 0)
			return false;
		if (strcmp(a, "-c") == 0 || strcmp(a, "-S") == 0) {
			r->compile_only = true;
			r->flags[r->n_flags++] = a;
		} else if (strcmp(a, "-o") == 0 && i + 1 < im->argc) {
			/* Moved next to the source, as bear writes it. */
			r->output = im->argv[++i];
			r->output_apart = true;
		} else if (strncmp(a, "-o", 2) == 0 && a[2] != '\0') {
			r->flags[r->n_flags++] = a;
			r->output = a + 2;
			r->output_apart = false;
		} else if (IN(a, drop_with_arg)) {
			i++;
		} else if (IN(a, drop_flag) || strncmp(a, "-Wl,", 4) == 0 ||
		    strncmp(a, "-l", 2) == 0 || strncmp(a, "-L", 2) == 0) {
			continue;
		} else if (IN(a, keep_with_arg) && i + 1 < im->argc) {
			r->flags[r->n_flags++] = a;
			r->flags[r->n_flags++] = im->argv[++i];
		} else if (a[0] == '-' || a[0] == '@') {
			r->flags[r->n_flags++] = a;
		} else if (is_source(a)) {
			r->sources[r->n_sources++] = a;
		} else {
			/* Objects and libraries for the linker: kept in
			 * place, as bear keeps them. */
			r->flags[r->n_flags++] = a;
		}
	}
	return r->n_sources > 0;
}

/*
 * The executable a run's argv[0] names, as bear writes it: argv[0] itself
 * made absolute when it holds a slash, else the first directory of PATH
 * holding a file of that name that is the executable that ran (the exec
 * event's path, which the kernel gives with every symlink resolved); the
 * exec's path when no such file is found.
 */
static const char *
exec_path(struct ccdb *c, const struct report_image *im)
{
	const char	*argv0 = im->argv[0], *p, *colon;
	char		 real_cand[PATH_MAX], real_exe[PATH_MAX];
	bool		 have_exe;
	size_t		 k;

	for (k = 0; k < FW_ARRAY_SIZE(c->cache); k++) {
		if (c->cache[k].argv0 != NULL &&
		    strcmp(c->cache[k].argv0, argv0) == 0 &&
		    strcmp(c->cache[k].exe, im->path != NULL ? im->path : "")
		    == 0 && strcmp(c->cache[k].cwd, im->cwd) == 0)
			return c->cache[k].result;
	}
	fw_buf_reset(&c->tmp);
	if (strchr(argv0, '/') != NULL)
		abs_path(&c->tmp, im->cwd, argv0);
	else if (im->path != NULL) {
		have_exe = realpath(im->path, real_exe) != NULL;
		if (!have_exe)
			snprintf(real_exe, sizeof real_exe, "%s", im->path);
		for (p = c->path; p != NULL && c->tmp.len == 0;
		    p = colon != NULL ? colon + 1 : NULL) {
			colon = strchr(p, ':');
			if (p[0] != '/')
				continue;	/* "" and relative entries */
			fw_buf_add(&c->tmp, p, colon != NULL ?
			    (size_t)(colon - p) : strlen(p));
			fw_buf_addc(&c->tmp, '/');
			fw_buf_adds(&c->tmp, argv0);
			if (access(fw_buf_cstr(&c->tmp), X_OK) != 0 ||
			    realpath(fw_buf_cstr(&c->tmp), real_cand) == NULL ||
			    strcmp(real_cand, real_exe) != 0)
				fw_buf_reset(&c->tmp);
		}
		if (c->tmp.len == 0)
			fw_buf_adds(&c->tmp, im->path);
	} else
		fw_buf_adds(&c->tmp, argv0);
	k = c->next_cache++ % FW_ARRAY_SIZE(c->cache);
	free(c->cache[k].argv0);
	free(c->cache[k].exe);
	free(c->cache[k].cwd);
	free(c->cache[k].result);
	c->cache[k].argv0 = fw_strdup(argv0);
	c->cache[k].exe = fw_strdup(im->path != NULL ? im->path : "");
	c->cache[k].cwd = fw_strdup(im->cwd);
	c->cache[k].result = fw_strdup(fw_buf_cstr(&c->tmp));
	return c->cache[k].result;
}

/* The entry of one source file of a compiler run, unless its source no
 * longer exists or an earlier entry had the same file and output. */
static void
write_entry(struct ccdb *c, const struct report_image *im,
    const struct cc_run *r, const char *source)
{
	struct report_json	*j = &c->j;
	struct stat		 st;
	size_t			 i, file_len;

	fw_buf_reset(&c->file);
	abs_path(&c->file, im->cwd, source);
	if (stat(fw_buf_cstr(&c->file), &st) != 0) {
		if (c->stats->missing++ == 0)
			c->stats->first_missing =
			    fw_strdup(fw_buf_cstr(&c->file));
		return;
	}
	fw_buf_reset(&c->out);
	if (r->output != NULL)
		abs_path(&c->out, im->cwd, r->output);
	/* bear's default duplicate filter: file and output. */
	file_len = c->file.len;
	fw_buf_addc(&c->file, '\0');
	fw_buf_add(&c->file, c->out.data != NULL ? c->out.data : "",
	    c->out.len);
	if (!report_strmap_add(&c->seen, c->file.data, c->file.len, 0)) {
		c->stats->duplicates++;
		return;
	}
	c->file.len = file_len;
	c->file.data[file_len] = '\0';

	report_json_begin_object(j);
	report_json_key(j, "arguments");
	report_json_begin_array(j);
	report_json_string(j, exec_path(c, im));
	if (!r->compile_only)
		report_json_string(j, "-c");
	for (i = 0; i < r->n_flags; i++)
		report_json_string(j, r->flags[i]);
	if (r->output != NULL && r->output_apart) {
		report_json_string(j, "-o");
		report_json_string(j, r->output);
	}
	report_json_string(j, source);
	report_json_end_array(j);
	report_json_key(j, "directory");
	report_json_string(j, im->cwd);
	report_json_key(j, "file");
	report_json_string(j, fw_buf_cstr(&c->file));
	if (r->output != NULL) {
		report_json_key(j, "output");
		report_json_string(j, fw_buf_cstr(&c->out));
	}
	report_json_end_object(j);
	c->stats->entries++;
}

/* True if the exec image im ran a compiler driver. */
static bool
image_is_compiler(const struct report_image *im)
{
	if (im->attached || im->argc == 0)
		return false;
	return report_ccdb_is_compiler(report_basename(im->argv[0])) ||
	    (im->path != NULL &&
	    report_ccdb_is_compiler(report_basename(im->path)));
}

void
report_ccdb_write(FILE *f, const struct report_model *m,
    struct report_ccdb_stats *stats)
{
	const struct report_image	*im;
	struct ccdb			 c;
	struct cc_run			 r;
	size_t				 i;

	memset(stats, 0, sizeof *stats);
	memset(&c, 0, sizeof c);
	c.stats = stats;
	c.path = getenv("PATH");
	if (c.path == NULL)
		c.path = "/usr/local/bin:/usr/bin:/bin";
	fw_buf_init(&c.file);
	fw_buf_init(&c.out);
	fw_buf_init(&c.tmp);
	report_json_init(&c.j, f, SIZE_MAX);
	report_json_begin_array(&c.j);
	for (im = m->first_image; im != NULL; im = im->next_in_log) {
		if (!image_is_compiler(im))
			continue;
		if (parse_run(im, &r)) {
			if (im->cwd == NULL || im->cwd[0] == '\0')
				stats->no_cwd++;
			else {
				for (i = 0; i < r.n_sources; i++)
					write_entry(&c, im, &r, r.sources[i]);
			}
		}
		free(r.flags);
		free(r.sources);
	}
	report_json_end_array(&c.j);
	report_json_release(&c.j);
	for (i = 0; i < FW_ARRAY_SIZE(c.cache); i++) {
		free(c.cache[i].argv0);
		free(c.cache[i].exe);
		free(c.cache[i].cwd);
		free(c.cache[i].result);
	}
	report_strmap_release(&c.seen);
	fw_buf_release(&c.file);
	fw_buf_release(&c.out);
	fw_buf_release(&c.tmp);
}
