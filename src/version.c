/* version.c - `forkwatch --version`. What was compiled in comes from
 * config.h (configure's checks) and the build's -D flags: a new backend or
 * optional feature gets a define below and a line in its table. */
#include "config.h"

#include <stdbool.h>

#include "tlog-write.h"
#include "util.h"
#include "version.h"

#ifdef FW_HAVE_BPF
# define BUILT_EBPF	true
#else
# define BUILT_EBPF	false
#endif
#ifdef HAVE_LIBUNWIND
# define BUILT_LIBUNWIND	true
#else
# define BUILT_LIBUNWIND	false
#endif
#ifdef HAVE_LIBDW
# define BUILT_LIBDW	true
#else
# define BUILT_LIBDW	false
#endif
#ifdef HAVE_LIBIBERTY
# define BUILT_LIBIBERTY	true
#else
# define BUILT_LIBIBERTY	false
#endif
#ifdef FW_HAVE_TUI
# define BUILT_TUI	true
#else
# define BUILT_TUI	false
#endif
#ifdef HAVE_LIBVTERM
# define BUILT_LIBVTERM	true
#else
# define BUILT_LIBVTERM	false
#endif

struct version_item {
	const char	*name;
	bool		 built;
};

/* Where events come from (forkwatch(1), BACKENDS). */
static const struct version_item backends[] = {
	{ "ptrace",	true },
	{ "ebpf",	BUILT_EBPF },
};

/* Optional libraries and front ends. */
static const struct version_item features[] = {
	{ "libunwind",	BUILT_LIBUNWIND },	/* bt: unwinding */
	{ "libdw",	BUILT_LIBDW },		/* bt: source lines */
	{ "libiberty",	BUILT_LIBIBERTY },	/* bt: demangled names */
	{ "tui",	BUILT_TUI },		/* --tui, --replay */
	{ "libvterm",	BUILT_LIBVTERM },	/* the TUI's program pane */
};

/* "label: +name -name ..." */
static void
print_items(FILE *f, const char *label, const struct version_item *v,
    size_t n)
{
	size_t	 i;

	fprintf(f, "%s:", label);
	for (i = 0; i < n; i++)
		fprintf(f, " %c%s", v[i].built ? '+' : '-', v[i].name);
	putc('\n', f);
}

void
version_print(FILE *f)
{
	fprintf(f, "forkwatch %s\n", PACKAGE_VERSION);
	print_items(f, "backends", backends, FW_ARRAY_SIZE(backends));
	print_items(f, "features", features, FW_ARRAY_SIZE(features));
	fprintf(f, "log schema: %d.%d\n", TLOG_VERSION, TLOG_VERSION_MINOR);
}
