/* batch.h - batch mode: trace until the traced tree is gone, write the log,
 * exit with the root program's status. */
#ifndef FW_BATCH_H
#define FW_BATCH_H

#include "options.h"

/* Returns forkwatch's exit status. */
int	batch_main(const struct fw_options *);

/* The exit status a shell would give for a wait status (128+N if killed). */
int	batch_exit_status(int wstatus);

#endif
