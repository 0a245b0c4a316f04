/* forkwatch.c - main: parse options, pick the mode, run it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "options.h"
#include "report.h"

int
main(int argc, char **argv)
{
	struct fw_options	 o;
	int			 r, status;

	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return report_main(argc - 1, argv + 1);
	r = options_parse(&o, argc, argv);
	if (r != 0) {
		options_release(&o);
		return r > 0 ? 0 : FW_EXIT_FAILURE;
	}
	switch (o.mode) {
	case FW_MODE_BATCH:
	default:
		status = batch_main(&o);
		break;
	}
	options_release(&o);
	return status;
}
