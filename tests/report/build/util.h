/* util.h - the interfaces of the demo project. */
#ifndef DEMO_UTIL_H
#define DEMO_UTIL_H

#include <stddef.h>

struct node {
	struct node	*next;
	int		 value;
};

int		 util_sum(const int *, size_t);
size_t		 str_count(const char *, char);
struct node	*list_push(struct node *, int);
int		 list_total(const struct node *);
void		 list_free(struct node *);

#endif
