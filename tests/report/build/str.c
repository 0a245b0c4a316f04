/* str.c - strings. */
#include "util.h"

size_t
str_count(const char *s, char c)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += *s == c;
	return n;
}
