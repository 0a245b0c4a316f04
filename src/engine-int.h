/* engine-int.h - what engine*.c files share; not for clients. */
#ifndef FW_ENGINE_INT_H
#define FW_ENGINE_INT_H

#include <sys/resource.h>

#include "engine.h"

void	eng_event_init(struct engine *, struct fw_event *, enum fw_event_kind,
	    struct fw_task *);
int	eng_emit(struct engine *, const struct fw_event *);
int	eng_restart(struct engine *, struct fw_task *);
void	eng_settle(struct engine *, struct fw_task *, int verdict);
void	eng_task_gone(struct engine *, struct fw_task *);
void	eng_dispatch(struct engine *, pid_t, int status, const struct rusage *);
int	eng_wait_once(struct engine *, bool block);
void	eng_flush(struct engine *);

#endif
