/* report-ccdb.h - compile_commands.json from the compiler invocations in a
 * trace, like bear(1) writes it.
 *
 * An exec is a compiler when the basename of its argv[0] (or of its path)
 * is cc, c++, gcc, g++, clang or clang++, optionally with a target prefix
 * (x86_64-linux-gnu-gcc) and a version suffix (gcc-12, clang++-14). Runs
 * that only preprocess, list dependencies or print information (-E, -M,
 * -MM, --version ...) are left out. Each source file of a run gets an
 * entry: "directory" (the exec's cwd), "arguments" (the executable, "-c"
 * unless the run was compile-only, the flags in their order without
 * sources, link-only and dependency-file flags, then "-o OUTPUT", then the
 * file), "file" and, when -o was given, "output", both absolute. Like bear,
 * the executable is argv[0] found in PATH (or made absolute), entries
 * whose source no longer exists are left out, and of entries with the same
 * file and output only the first is kept. */
#ifndef FW_REPORT_CCDB_H
#define FW_REPORT_CCDB_H

#include <stdbool.h>
#include <stdio.h>

struct report_model;

/* True if name (a basename) names a C or C++ compiler driver. */
bool	report_ccdb_is_compiler(const char *name);

/* What was left out of the database. */
struct report_ccdb_stats {
	unsigned long	 entries;	/* written */
	unsigned long	 no_cwd;	/* compiler runs logged without a cwd */
	unsigned long	 missing;	/* sources that no longer exist */
	unsigned long	 duplicates;	/* same file and output as an earlier
					   entry */
	char		*first_missing;	/* the first of them; free it */
};

/* Write the database to f; fill *stats. */
void	report_ccdb_write(FILE *, const struct report_model *,
	    struct report_ccdb_stats *stats);

#endif
