/* procfs.c - /proc readers. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "procfs.h"

void
procfs_init(struct procfs *p, const char *root)
{
	snprintf(p->root, sizeof p->root, "%s", root != NULL ? root : "/proc");
}

/* Read a whole small file into a new NUL-terminated buffer. */
static int
read_file(const char *path, char **out, size_t *lenp)
{
	int	 fd;
	size_t	 cap = 4096, len = 0;
	char	*buf;
	ssize_t	 r;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	buf = fw_malloc(cap + 1);
	for (;;) {
		r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			close(fd);
			free(buf);
			return (int)r;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len == cap) {
			cap *= 2;
			buf = fw_realloc(buf, cap + 1);
		}
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	if (lenp != NULL)
		*lenp = len;
	return 0;
}

int
procfs_parse_stat(const char *text, struct procfs_stat *st)
{
	const char	*open, *close;
	size_t		 n;
	int		 k;

	memset(st, 0, sizeof *st);
	/* comm may hold spaces and parentheses: it ends at the last ')'. */
	if ((open = strchr(text, '(')) == NULL ||
	    (close = strrchr(text, ')')) == NULL || close < open)
		return -EINVAL;
	n = (size_t)(close - open - 1);
	if (n >= sizeof st->comm)
		n = sizeof st->comm - 1;
	memcpy(st->comm, open + 1, n);
	st->comm[n] = '\0';
	/* Fields 3-8, flags (9), minflt..cmajflt (10-13), utime (14)... */
	k = sscanf(close + 1,
	    " %c %d %d %d %d %d %lu %*u %*u %*u %*u %lu %lu %*d %*d %*d %ld"
	    " %ld %*d %llu %lu %ld %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u"
	    " %*u %*u %*u %*d %d",
	    &st->state, &st->ppid, &st->pgrp, &st->session, &st->tty_nr,
	    &st->tpgid, &st->flags, &st->utime, &st->stime, &st->nice,
	    &st->num_threads, &st->starttime, &st->vsize, &st->rss,
	    &st->processor);
	if (k < 11)
		return -EINVAL;
	return 0;
}

int
procfs_read_stat(const struct procfs *p, pid_t pid, pid_t tid,
    struct procfs_stat *st)
{
	char	 path[PATH_MAX], *text;
	int	 r;

	if (tid == 0 || tid == pid)
		snprintf(path, sizeof path, "%s/%d/stat", p->root, (int)pid);
	else
		snprintf(path, sizeof path, "%s/%d/task/%d/stat", p->root,
		    (int)pid, (int)tid);
	if ((r = read_file(path, &text, NULL)) != 0)
		return r;
	r = procfs_parse_stat(text, st);
	free(text);
	return r;
}

static uint64_t
hex64(const char *s)
{
	return strtoull(s, NULL, 16);
}

int
procfs_parse_status(const char *text, struct procfs_status *s)
{
	const char	*line, *v;
	char		 key[32];
	size_t		 k;

	memset(s, 0, sizeof *s);
	s->vmrss_kb = s->vmsize_kb = s->vmpeak_kb = s->vmhwm_kb = -1;
	for (line = text; line != NULL && *line != '\0';
	    line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		for (k = 0; line[k] != ':' && line[k] != '\n' &&
		    line[k] != '\0' && k < sizeof key - 1; k++)
			key[k] = line[k];
		key[k] = '\0';
		if (line[k] != ':')
			continue;
		v = line + k + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		if (strcmp(key, "Tgid") == 0)
			s->tgid = (pid_t)atoi(v);
		else if (strcmp(key, "PPid") == 0)
			s->ppid = (pid_t)atoi(v);
		else if (strcmp(key, "TracerPid") == 0)
			s->tracer = (pid_t)atoi(v);
		else if (strcmp(key, "Uid") == 0)
			sscanf(v, "%u %u %u %u", &s->uid[0], &s->uid[1],
			    &s->uid[2], &s->uid[3]);
		else if (strcmp(key, "Gid") == 0)
			sscanf(v, "%u %u %u %u", &s->gid[0], &s->gid[1],
			    &s->gid[2], &s->gid[3]);
		else if (strcmp(key, "Threads") == 0)
			s->threads = atol(v);
		else if (strcmp(key, "SigPnd") == 0)
			s->sigpnd = hex64(v);
		else if (strcmp(key, "ShdPnd") == 0)
			s->shdpnd = hex64(v);
		else if (strcmp(key, "SigBlk") == 0)
			s->sigblk = hex64(v);
		else if (strcmp(key, "SigIgn") == 0)
			s->sigign = hex64(v);
		else if (strcmp(key, "SigCgt") == 0)
			s->sigcgt = hex64(v);
		else if (strcmp(key, "CapInh") == 0)
			s->capinh = hex64(v);
		else if (strcmp(key, "CapPrm") == 0)
			s->capprm = hex64(v);
		else if (strcmp(key, "CapEff") == 0)
			s->capeff = hex64(v);
		else if (strcmp(key, "CapBnd") == 0)
			s->capbnd = hex64(v);
		else if (strcmp(key, "VmRSS") == 0)
			s->vmrss_kb = atol(v);
		else if (strcmp(key, "VmSize") == 0)
			s->vmsize_kb = atol(v);
		else if (strcmp(key, "VmPeak") == 0)
			s->vmpeak_kb = atol(v);
		else if (strcmp(key, "VmHWM") == 0)
			s->vmhwm_kb = atol(v);
		else if (strcmp(key, "NSpid") == 0 || strcmp(key, "State") == 0 ||
		    strcmp(key, "Name") == 0) {
			char	*dst = key[1] == 'S' ? s->nspid : key[0] == 'S' ?
			    s->state : s->name;
			size_t	 cap = key[1] == 'S' ? sizeof s->nspid :
			    key[0] == 'S' ? sizeof s->state : sizeof s->name, j;
			for (j = 0; j + 1 < cap && v[j] != '\n' &&
			    v[j] != '\0'; j++)
				dst[j] = v[j] == '\t' ? ' ' : v[j];
			dst[j] = '\0';
		}
	}
	return s->tgid > 0 ? 0 : -EINVAL;
}

int
procfs_parse_nspid(const char *line, struct fw_pids *out)
{
	const char	*p = line;
	char		*end;
	long		 v;

	out->n = 0;
	while (out->n < FW_PIDS_MAX) {
		v = strtol(p, &end, 10);
		if (end == p || v <= 0)
			break;
		out->v[out->n++] = (pid_t)v;
		p = end;
	}
	return out->n > 0 ? 0 : -EINVAL;
}

int
procfs_read_status(const struct procfs *p, pid_t pid, struct procfs_status *s)
{
	char	 path[PATH_MAX], *text;
	int	 r;

	snprintf(path, sizeof path, "%s/%d/status", p->root, (int)pid);
	if ((r = read_file(path, &text, NULL)) != 0)
		return r;
	r = procfs_parse_status(text, s);
	free(text);
	return r;
}

int
procfs_readlink(const struct procfs *p, pid_t pid, const char *name, char **out)
{
	char	 path[PATH_MAX], target[PATH_MAX];
	ssize_t	 n;

	snprintf(path, sizeof path, "%s/%d/%s", p->root, (int)pid, name);
	if ((n = readlink(path, target, sizeof target - 1)) < 0)
		return -errno;
	target[n] = '\0';
	*out = fw_strdup(target);
	return 0;
}

int
procfs_read_strv(const struct procfs *p, pid_t pid, const char *name,
    struct fw_strv *v)
{
	char	 path[PATH_MAX], *text;
	size_t	 len;
	int	 r;

	snprintf(path, sizeof path, "%s/%d/%s", p->root, (int)pid, name);
	if ((r = read_file(path, &text, &len)) != 0)
		return r;
	strv_set(v, text, len);
	free(text);
	return 0;
}

int
procfs_read_comm(const struct procfs *p, pid_t pid, char *buf, size_t len)
{
	char	 path[PATH_MAX], *text, *nl;
	int	 r;

	snprintf(path, sizeof path, "%s/%d/comm", p->root, (int)pid);
	if ((r = read_file(path, &text, NULL)) != 0)
		return r;
	if ((nl = strchr(text, '\n')) != NULL)
		*nl = '\0';
	snprintf(buf, len, "%s", text);
	free(text);
	return 0;
}

static int
cmp_pid(const void *a, const void *b)
{
	pid_t	 x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

int
procfs_list_tasks(const struct procfs *p, pid_t pid, pid_t **out, size_t *np)
{
	char		 path[PATH_MAX];
	DIR		*d;
	struct dirent	*de;
	pid_t		*v = NULL;
	size_t		 n = 0, cap = 0;
	int		 tid;

	snprintf(path, sizeof path, "%s/%d/task", p->root, (int)pid);
	if ((d = opendir(path)) == NULL)
		return -errno;
	while ((de = readdir(d)) != NULL) {
		if (fw_parse_pid(de->d_name, &tid) != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = fw_realloc(v, cap * sizeof *v);
		}
		v[n++] = (pid_t)tid;
	}
	closedir(d);
	if (n > 0)
		fw_qsort(v, n, sizeof *v, cmp_pid);
	*out = v;
	*np = n;
	return 0;
}

long
procfs_count_tasks(const struct procfs *p, pid_t pid)
{
	char		 path[PATH_MAX];
	struct stat	 sb;

	snprintf(path, sizeof path, "%s/%d/task", p->root, (int)pid);
	if (stat(path, &sb) != 0)
		return -errno;
	return sb.st_nlink >= 2 ? (long)sb.st_nlink - 2 : 0;
}

static int
cmp_fd(const void *a, const void *b)
{
	int	 x = ((const struct procfs_fd *)a)->fd;
	int	 y = ((const struct procfs_fd *)b)->fd;

	return (x > y) - (x < y);
}

int
procfs_list_fds(const struct procfs *p, pid_t pid, struct procfs_fd **out,
    size_t *np)
{
	char		 path[PATH_MAX], name[32];
	DIR		*d;
	struct dirent	*de;
	struct procfs_fd *v = NULL;
	size_t		 n = 0, cap = 0;
	int		 fd;
	char		*target;

	snprintf(path, sizeof path, "%s/%d/fd", p->root, (int)pid);
	if ((d = opendir(path)) == NULL)
		return -errno;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || (fd = atoi(de->d_name)) < 0)
			continue;
		snprintf(name, sizeof name, "fd/%d", fd);
		if (procfs_readlink(p, pid, name, &target) != 0)
			target = fw_strdup("?");
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = fw_realloc(v, cap * sizeof *v);
		}
		v[n].fd = fd;
		v[n].target = target;
		n++;
	}
	closedir(d);
	if (n > 0)
		fw_qsort(v, n, sizeof *v, cmp_fd);
	*out = v;
	*np = n;
	return 0;
}

void
procfs_fds_free(struct procfs_fd *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i].target);
	free(v);
}

int
procfs_parse_fdinfo_flags(const char *text, int *flags)
{
	const char	*p, *nl;
	char		*end;
	unsigned long	 v;

	for (p = text; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (strncmp(p, "flags:", 6) != 0)
			continue;
		v = strtoul(p + 6, &end, 8);
		if (end == p + 6 || v > INT_MAX)
			return -EINVAL;
		*flags = (int)v;
		return 0;
	}
	return -ENOENT;
}

int
procfs_read_fds(const struct procfs *p, pid_t pid, bool cloexec_only,
    struct fw_fdv *out)
{
	struct procfs_fd	*fds;
	char			 path[PATH_MAX], *text;
	size_t			 n, i;
	int			 r, flags, mode;
	bool			 cloexec;

	if ((r = procfs_list_fds(p, pid, &fds, &n)) != 0)
		return r;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%d/fdinfo/%d", p->root,
		    (int)pid, fds[i].fd);
		mode = -1;
		cloexec = false;
		if (read_file(path, &text, NULL) == 0) {
			if (procfs_parse_fdinfo_flags(text, &flags) == 0) {
				mode = flags & O_ACCMODE;
				cloexec = (flags & O_CLOEXEC) != 0;
			}
			free(text);
		}
		if (cloexec_only && !cloexec)
			continue;
		fdv_add(out, fds[i].fd, mode, cloexec, fds[i].target);
	}
	procfs_fds_free(fds, n);
	return 0;
}

double
procfs_uptime(const struct procfs *p)
{
	char	 path[PATH_MAX], *text;
	double	 up = 0;

	snprintf(path, sizeof path, "%s/uptime", p->root);
	if (read_file(path, &text, NULL) != 0)
		return 0;
	up = strtod(text, NULL);
	free(text);
	return up;
}
