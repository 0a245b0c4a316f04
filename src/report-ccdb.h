/* report-ccdb.h - compile_commands.json from the compiler invocations in a
 * trace, like bear(1) writes it.
 *
 * An exec is a compiler when the basename of its argv[0] (or of its path)
 * is cc, c++, gcc, g++, clang or clang++, optionally with a target prefix
 * (x86_64-linux-gnu-gcc) and a version suffix (gcc-12, clang++-14). Runs
 * that only preprocess, list dependencies or print information (-E, -M,
 * -MM, --version ...) are left out. Each source file of a run gets an
 * entry: "directory" (the exec's cwd), "arguments" (argv[0], "-c" unless
 * the run was compile-only, the flags in their order without sources,
 * link-only and dependency-file flags, then the file), "file" and, when -o
 * was given, "output", both absolute. */
#ifndef FW_REPORT_CCDB_H
#define FW_REPORT_CCDB_H

#include <stdbool.h>
#include <stdio.h>

struct report_model;

/* True if name (a basename) names a C or C++ compiler driver. */
bool	report_ccdb_is_compiler(const char *name);

/* Write the database to f. Returns the number of compiler runs left out
 * because the log has no cwd for them. */
unsigned long report_ccdb_write(FILE *, const struct report_model *);

#endif
