/* console.h - the readline front end ("forkwatch -c"): a "(fw) " prompt
 * over the session and command layer (cmd.h), with history and Tab
 * completion. The same code runs -x/-e scripts before the prompt, or
 * instead of it with --batch. */
#ifndef FW_CONSOLE_H
#define FW_CONSOLE_H

#include "options.h"

/* Run the console (o->mode FW_MODE_CONSOLE) or the scripts of batch mode
 * (FW_MODE_BATCH with o->scripts). Returns forkwatch's exit status: the
 * launched program's, 0 after attaching, FW_EXIT_FAILURE (125) when a
 * script has an error (nothing is left stopped). */
int	console_main(const struct fw_options *);

#endif
