/* event.c - event kind names and the NUL-separated string vector. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "event.h"

static const char *const kind_names[FW_EV_COUNT] = {
	[FW_EV_FORK] = "fork",
	[FW_EV_VFORK] = "vfork",
	[FW_EV_CLONE] = "clone",
	[FW_EV_VFORK_DONE] = "vfork_done",
	[FW_EV_EXEC] = "exec",
	[FW_EV_EXITING] = "exiting",
	[FW_EV_EXIT] = "exit",
	[FW_EV_SIGNAL] = "signal",
	[FW_EV_STOP] = "stop",
	[FW_EV_CONT] = "cont",
	[FW_EV_ATTACH] = "attach",
	[FW_EV_DETACH] = "detach",
	[FW_EV_PAUSE] = "pause",
};

const char *
event_kind_name(enum fw_event_kind k)
{
	if ((unsigned)k < FW_EV_COUNT)
		return kind_names[k];
	return "?";
}

int
event_kind_parse(const char *s)
{
	int	 i;

	for (i = 0; i < FW_EV_COUNT; i++) {
		if (strcmp(kind_names[i], s) == 0)
			return i;
	}
	return -1;
}

void
strv_init(struct fw_strv *v)
{
	v->blob = NULL;
	v->len = 0;
	v->n = 0;
}

void
strv_release(struct fw_strv *v)
{
	free(v->blob);
	strv_init(v);
}

/* Take a copy of blob; a missing final NUL is added. */
void
strv_set(struct fw_strv *v, const char *blob, size_t len)
{
	size_t	 i;

	free(v->blob);
	v->n = 0;
	v->len = len;
	if (len > 0 && blob[len - 1] != '\0')
		v->len = len + 1;
	v->blob = fw_malloc(v->len + 1);
	memcpy(v->blob, blob, len);
	if (v->len > 0)
		v->blob[v->len - 1] = '\0';	/* the terminator added above */
	v->blob[v->len] = '\0';
	for (i = 0; i < v->len; i++) {
		if (v->blob[i] == '\0')
			v->n++;
	}
}

void
strv_copy(struct fw_strv *dst, const struct fw_strv *src)
{
	if (src == NULL || src->blob == NULL) {
		strv_release(dst);
		return;
	}
	strv_set(dst, src->blob, src->len);
}

const char *
strv_next(const struct fw_strv *v, const char *p)
{
	if (v == NULL || v->blob == NULL || v->len == 0)
		return NULL;
	if (p == NULL)
		return v->blob;
	p += strlen(p) + 1;
	if (p >= v->blob + v->len)
		return NULL;
	return p;
}

const char *
strv_get(const struct fw_strv *v, int i)
{
	const char	*p = NULL;

	if (i < 0)
		return NULL;
	while ((p = strv_next(v, p)) != NULL && i-- > 0)
		;
	return p;
}
