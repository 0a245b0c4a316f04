/* util.c - arithmetic. */
#include "util.h"

int
util_sum(const int *v, size_t n)
{
	int	 s = 0;

	while (n-- > 0)
		s += *v++;
	return s;
}
