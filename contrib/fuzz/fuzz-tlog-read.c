/* fuzz-tlog-read.c - libFuzzer target for the trace-log reader and the
 * report pipeline behind it. Build with `make fuzz`, then run e.g.
 *   ./fuzz-tlog-read -max_total_time=300 tests/report/fuzz-corpus
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "exercise.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE	*sink;

	if (sink == NULL)
		sink = fopen("/dev/null", "w");
	if (sink != NULL)
		report_exercise((const char *)data, size, sink);
	return 0;
}
