/* report-ccdb.c - compile_commands.json from the compiler runs of a trace. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-ccdb.h"
#include "report-json.h"
#include "report-model.h"

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
	bool		 compile_only;	/* -c or -S: no link step */
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
			r->flags[r->n_flags++] = a;
			r->output = r->flags[r->n_flags++] = im->argv[++i];
		} else if (strncmp(a, "-o", 2) == 0 && a[2] != '\0') {
			r->flags[r->n_flags++] = a;
			r->output = a + 2;
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
		}
		/* Other operands are objects and libraries for the linker. */
	}
	return r->n_sources > 0;
}

/* The entry of one source file of a compiler run. */
static void
write_entry(struct report_json *j, const struct report_image *im,
    const struct cc_run *r, const char *source, struct fw_buf *b)
{
	size_t	 i;

	report_json_begin_object(j);
	report_json_key(j, "arguments");
	report_json_begin_array(j);
	report_json_string(j, im->argv[0]);
	if (!r->compile_only)
		report_json_string(j, "-c");
	for (i = 0; i < r->n_flags; i++)
		report_json_string(j, r->flags[i]);
	report_json_string(j, source);
	report_json_end_array(j);
	report_json_key(j, "directory");
	report_json_string(j, im->cwd);
	report_json_key(j, "file");
	fw_buf_reset(b);
	abs_path(b, im->cwd, source);
	report_json_string(j, fw_buf_cstr(b));
	if (r->output != NULL) {
		report_json_key(j, "output");
		fw_buf_reset(b);
		abs_path(b, im->cwd, r->output);
		report_json_string(j, fw_buf_cstr(b));
	}
	report_json_end_object(j);
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

unsigned long
report_ccdb_write(FILE *f, const struct report_model *m)
{
	const struct report_image	*im;
	struct report_json		 j;
	struct cc_run			 r;
	struct fw_buf			 b;
	unsigned long			 no_cwd = 0;
	size_t				 i;

	fw_buf_init(&b);
	report_json_init(&j, f, SIZE_MAX);
	report_json_begin_array(&j);
	for (im = m->first_image; im != NULL; im = im->next_in_log) {
		if (!image_is_compiler(im))
			continue;
		if (parse_run(im, &r)) {
			if (im->cwd == NULL || im->cwd[0] == '\0')
				no_cwd++;
			else {
				for (i = 0; i < r.n_sources; i++)
					write_entry(&j, im, &r, r.sources[i],
					    &b);
			}
		}
		free(r.flags);
		free(r.sources);
	}
	report_json_end_array(&j);
	report_json_release(&j);
	fw_buf_release(&b);
	return no_cwd;
}
