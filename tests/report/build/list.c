/* list.c - a linked list. */
#include <stdlib.h>

#include "util.h"

struct node *
list_push(struct node *head, int value)
{
	struct node	*n = malloc(sizeof *n);

	if (n == NULL)
		abort();
	n->next = head;
	n->value = value;
	return n;
}

int
list_total(const struct node *n)
{
	int	 t = 0;

	for (; n != NULL; n = n->next)
		t += n->value;
	return t;
}

void
list_free(struct node *n)
{
	struct node	*next;

	for (; n != NULL; n = next) {
		next = n->next;
		free(n);
	}
}
