/* demangle.h - readable names for the symbols of C++, Rust and D code
 * ("_ZN2ns6Widget4spinEi" -> "ns::Widget::spin(int)"), for backtraces.
 *
 * One interface, one file per backend: demangle-libiberty.c (libiberty's
 * cplus_demangle, the demangler of gdb, c++filt and addr2line -C), or
 * demangle-none.c when forkwatch is built without it (names stay as they
 * are). Names come from files a tracee may control: escape the result
 * before showing it. */
#ifndef FW_DEMANGLE_H
#define FW_DEMANGLE_H

/* The demangled form of a symbol name, with the parameter types of a
 * function (so overloads differ), as a malloc'd string the caller frees;
 * NULL when name is not a mangled name (a C function) or cannot be
 * demangled. A ".cold"-style clone suffix is kept as "[clone .cold]". */
char	*demangle_name(const char *name);

/* "libiberty", or "none": what the build demangles with. */
const char *demangle_backend(void);

#endif
