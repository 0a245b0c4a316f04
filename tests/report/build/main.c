/* main.c - exercise the demo project's three modules. */
#include <stdio.h>

#include "util.h"

int
main(void)
{
	static const int	 v[] = { 1, 2, 3 };
	struct node		*l = NULL;
	int			 i;

	for (i = 0; i < 3; i++)
		l = list_push(l, v[i]);
	printf("%d %zu %d\n", util_sum(v, 3), str_count("a,b,c", ','),
	    list_total(l));
	list_free(l);
	return 0;
}
