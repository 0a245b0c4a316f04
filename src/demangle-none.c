/* demangle-none.c - the demangler backend of a forkwatch built without
 * libiberty: names are shown as the symbol tables hold them. */
#include "config.h"

#include <stddef.h>

#include "demangle.h"

char *
demangle_name(const char *name)
{
	(void)name;
	return NULL;
}

const char *
demangle_backend(void)
{
	return "none";
}
