/* version.h - `forkwatch --version`: what was built, for bug reports. */
#ifndef FW_VERSION_H
#define FW_VERSION_H

#include <stdio.h>

/* Print the version, the backends, the optional features (each "+name"
 * when built in, "-name" when not) and the log schema version. */
void	version_print(FILE *);

#endif
