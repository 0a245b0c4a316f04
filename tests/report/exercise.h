/* exercise.h - run one log held in memory through everything `forkwatch
 * report` does: the reader, the model and every view and export, with the
 * output thrown away. Shared by the check-time driver and the libFuzzer
 * target, whose only job is to see nothing crash. */
#ifndef FW_EXERCISE_H
#define FW_EXERCISE_H

#include <stddef.h>
#include <stdio.h>

/* Returns the number of events read (0 if the log was refused). */
unsigned long	report_exercise(const char *data, size_t len, FILE *sink);

#endif
