/* options.c - command line parsing. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "util.h"

enum {
	OPT_FORMAT = 256,
	OPT_ENV,
};

static const struct option long_opts[] = {
	{ "batch",	no_argument,		NULL, 'b' },
	{ "output",	required_argument,	NULL, 'o' },
	{ "format",	required_argument,	NULL, OPT_FORMAT },
	{ "env",	no_argument,		NULL, OPT_ENV },
	{ "pid",	required_argument,	NULL, 'p' },
	{ "quiet",	no_argument,		NULL, 'q' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

void
options_usage(FILE *f)
{
	fprintf(f,
"usage: forkwatch [OPTIONS] [--] PROGRAM [ARG...]\n"
"       forkwatch [OPTIONS] -p PID[,PID...]\n"
"       forkwatch report [OPTIONS] LOG.jsonl\n"
"\n"
"Follow a program's whole process tree: every fork, vfork, clone, exec,\n"
"exit and signal, stopping only at those events.\n"
"\n"
"  -b, --batch            trace without interaction and write the log\n"
"  -o, --output FILE      write the trace log to FILE (default: stderr)\n"
"      --format=FMT       log format: text (default) or jsonl\n"
"      --env              also log each exec's environment\n"
"  -p, --pid PID[,PID..]  attach to running processes (all their threads)\n"
"  -q, --quiet            no start/stop notices\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n"
"\n"
"Exit status: the program's own (128+N if killed by signal N); 125 if\n"
"forkwatch failed, 126 if PROGRAM cannot run, 127 if it is not found.\n"
"See forkwatch(1).\n");
}

/* Parse "12,34" into o->pids. */
static int
parse_pids(struct fw_options *o, const char *arg)
{
	char	*copy = fw_strdup(arg), *tok, *save = NULL;
	int	 pid;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (fw_parse_pid(tok, &pid) != 0) {
			fw_error(0, "invalid process id '%s' for -p", tok);
			free(copy);
			return -1;
		}
		o->pids = fw_realloc(o->pids, (o->npids + 1) * sizeof *o->pids);
		o->pids[o->npids++] = (pid_t)pid;
	}
	free(copy);
	if (o->npids == 0) {
		fw_error(0, "-p needs a process id");
		return -1;
	}
	return 0;
}

int
options_parse(struct fw_options *o, int argc, char **argv)
{
	int	 c, f;

	memset(o, 0, sizeof *o);
	o->mode = FW_MODE_BATCH;
	o->format = TLOG_TEXT;
	opterr = 0;
	optind = 1;
	/* '+': options end at PROGRAM, whose own options are its business. */
	while ((c = getopt_long(argc, argv, "+:bo:p:qhV", long_opts,
	    NULL)) != -1) {
		switch (c) {
		case 'b':
			o->mode = FW_MODE_BATCH;
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_FORMAT:
			if ((f = tlog_format_parse(optarg)) < 0) {
				fw_error(0, "unknown log format '%s' (use text "
				    "or jsonl)", optarg);
				return -1;
			}
			o->format = (enum tlog_format)f;
			break;
		case OPT_ENV:
			o->want_env = true;
			break;
		case 'p':
			if (parse_pids(o, optarg) != 0)
				return -1;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			options_usage(stdout);
			return 1;
		case 'V':
			printf("forkwatch %s\n", PACKAGE_VERSION);
			return 1;
		case ':':
			fw_error(0, "option '%s' needs an argument",
			    argv[optind - 1]);
			return -1;
		default:
			if (optopt != 0)
				fw_error(0, "unknown option '-%c' (see "
				    "forkwatch --help)", optopt);
			else
				fw_error(0, "unknown option '%s' (see "
				    "forkwatch --help)", argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc)
		o->argv = argv + optind;
	if (o->argv == NULL && o->npids == 0) {
		fw_error(0, "nothing to trace: give a PROGRAM or -p PID "
		    "(see forkwatch --help)");
		return -1;
	}
	if (o->argv != NULL && o->npids > 0) {
		fw_error(0, "give either a PROGRAM or -p PID, not both");
		return -1;
	}
	return 0;
}

void
options_release(struct fw_options *o)
{
	free(o->pids);
	o->pids = NULL;
}
