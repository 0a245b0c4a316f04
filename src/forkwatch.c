/* forkwatch.c - main: parse options, pick the mode, run it. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "console.h"
#include "options.h"
#include "util.h"
#ifdef FW_HAVE_TUI
#include "tui.h"
#endif

/* The TUI, or what stands in for it in a build without one. */
static int
run_tui(struct fw_options *o)
{
#ifdef FW_HAVE_TUI
	if (o->mode == FW_MODE_REPLAY)
		return tui_replay_main(o);
	return tui_main(o);
#else
	if (o->mode == FW_MODE_TUI && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO)) {
		o->mode = FW_MODE_CONSOLE;
		return console_main(o);
	}
	fw_error(0, "%s needs the TUI, which this forkwatch was built without "
	    "(try --console or --batch)", o->mode == FW_MODE_REPLAY ?
	    "--replay" : "--tui");
	return FW_EXIT_FAILURE;
#endif
}

int
main(int argc, char **argv)
{
	const struct options_subcommand	*sub;
	struct fw_options		 o;
	int				 r, status;

	for (sub = options_subcommands; argc > 1 && sub->name != NULL; sub++)
		if (strcmp(argv[1], sub->name) == 0)
			return sub->main(argc - 1, argv + 1);
	r = options_parse(&o, argc, argv);
	if (r != 0) {
		options_release(&o);
		return r > 0 ? 0 : FW_EXIT_FAILURE;
	}
	if (options_log_stdout(&o) != 0) {
		options_release(&o);
		return FW_EXIT_FAILURE;
	}
	switch (o.mode) {
	case FW_MODE_TUI:
	case FW_MODE_REPLAY:
		status = run_tui(&o);
		break;
	case FW_MODE_CONSOLE:
		status = console_main(&o);
		break;
	case FW_MODE_BATCH:
	default:
		/* With -x/-e, batch mode runs the scripts on the session. */
		status = o.nscripts > 0 ? console_main(&o) : batch_main(&o);
		break;
	}
	options_release(&o);
	return status;
}
