/* demangle-libiberty.c - the demangler backend on libiberty's
 * cplus_demangle. Chosen over the C++ ABI's __cxa_demangle because it is a
 * C library (no C++ runtime linked into forkwatch), it also reads Rust
 * (legacy and v0) and D names that build trees are full of, and it is the
 * demangler gdb and binutils use, so names read as they do there. */
#include "config.h"

#include <libiberty/demangle.h>
#include <stddef.h>

#include "demangle.h"

char *
demangle_name(const char *name)
{
	/* Every mangling scheme starts with '_' ("_Z", "_R", "_D"); a C
	 * name is left alone without a call. */
	if (name == NULL || name[0] != '_')
		return NULL;
	return cplus_demangle(name, DMGL_PARAMS | DMGL_ANSI);
}

const char *
demangle_backend(void)
{
	return "libiberty";
}
