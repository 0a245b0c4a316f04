/* elfsym.c - ELF function symbols and load segments via libelf, and their
 * cache. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfsym.h"
#include "util.h"

#ifndef NT_GNU_BUILD_ID
#define NT_GNU_BUILD_ID	3
#endif

/* A build-id longer than this is not one a linker wrote. */
#define BUILD_ID_MAX	64

struct elfsym_seg {
	uint64_t	 offset;	/* p_offset */
	uint64_t	 vaddr;		/* p_vaddr */
	uint64_t	 filesz;	/* p_filesz */
};

struct elfsym_sym {
	uint64_t	 start;
	uint64_t	 end;		/* start + size */
	/* The largest end of this and every symbol sorted before it. */
	uint64_t	 maxend;
	uint32_t	 name;		/* offset in names */
	uint32_t	 rank;		/* smaller: preferred alias */
};

struct elfsym_file {
	struct elfsym_seg	*segs;
	size_t			 nsegs;
	struct elfsym_sym	*syms;	/* by start, one per start */
	size_t			 nsyms;
	char			*names;
	size_t			 names_len;
	enum elfsym_source	 source;
};

/* Collects symbols while a table is read. */
struct symtab_builder {
	struct elfsym_sym	*syms;
	size_t			 n, cap;
	struct fw_buf		 names;
};

void
elfsym_file_free(struct elfsym_file *f)
{
	if (f == NULL)
		return;
	free(f->segs);
	free(f->syms);
	free(f->names);
	free(f);
}

/* Read the PT_LOAD program headers. */
static int
load_segments(Elf *elf, struct elfsym_file *f)
{
	size_t		 n, i;
	GElf_Phdr	 ph;

	if (elf_getphdrnum(elf, &n) != 0)
		return -ENOEXEC;
	f->segs = fw_calloc(n ? n : 1, sizeof *f->segs);
	for (i = 0; i < n; i++) {
		if (gelf_getphdr(elf, (int)i, &ph) == NULL)
			return -ENOEXEC;
		if (ph.p_type != PT_LOAD)
			continue;
		f->segs[f->nsegs].offset = ph.p_offset;
		f->segs[f->nsegs].vaddr = ph.p_vaddr;
		f->segs[f->nsegs].filesz = ph.p_filesz;
		f->nsegs++;
	}
	return 0;
}

/* The preference of a symbol among aliases at one address: fewer leading
 * underscores ("puts" over "_IO_puts"), then binding, then shorter name. */
static uint32_t
sym_rank(const char *name, size_t len, unsigned char bind)
{
	uint32_t	 us = 0, b;

	while (us < len && name[us] == '_' && us < 3)
		us++;
	b = bind == STB_GLOBAL ? 0 : bind == STB_WEAK ? 1 : 2;
	return us << 24 | b << 16 | (uint32_t)(len < 0xffff ? len : 0xffff);
}

/* Whether section index shndx of elf holds code. */
static bool
section_is_code(Elf *elf, size_t shndx)
{
	Elf_Scn		*scn;
	GElf_Shdr	 sh;

	if ((scn = elf_getscn(elf, shndx)) == NULL ||
	    gelf_getshdr(scn, &sh) == NULL)
		return false;
	return (sh.sh_flags & SHF_EXECINSTR) != 0;
}

/* Add the function symbols of one symbol table section to b. */
static void
read_symbols(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, int machine,
    struct symtab_builder *b)
{
	Elf_Data		*data;
	GElf_Sym		 sym;
	size_t			 i, count, len;
	const char		*name;
	unsigned char		 type;
	struct elfsym_sym	*s;

	if (sh->sh_entsize == 0 || (data = elf_getdata(scn, NULL)) == NULL)
		return;
	count = data->d_size / sh->sh_entsize;
	for (i = 1; i < count; i++) {
		if (gelf_getsym(data, (int)i, &sym) == NULL)
			break;
		type = GELF_ST_TYPE(sym.st_info);
		if (sym.st_shndx == SHN_UNDEF || sym.st_value == 0 ||
		    sym.st_size == 0)
			continue;
		/* Assembly routines without a .type directive are NOTYPE. */
		if (type != STT_FUNC && type != STT_GNU_IFUNC &&
		    !(type == STT_NOTYPE && sym.st_shndx < SHN_LORESERVE &&
		    section_is_code(elf, sym.st_shndx)))
			continue;
		name = elf_strptr(elf, sh->sh_link, sym.st_name);
		if (name == NULL || *name == '\0')
			continue;
		/* .symtab names symbol versions "name@@VER"; .dynsym keeps
		 * them apart. Show the name alone either way. */
		if ((len = strcspn(name, "@")) == 0)
			continue;
		if (b->names.len + len + 1 > UINT32_MAX)
			break;
		if (b->n == b->cap) {
			b->cap = b->cap ? b->cap * 2 : 1024;
			b->syms = fw_realloc(b->syms, b->cap * sizeof *b->syms);
		}
		s = &b->syms[b->n++];
		s->start = sym.st_value;
		/* The low bit of a Thumb function's address is a mode flag. */
		if (machine == EM_ARM && type == STT_FUNC)
			s->start &= ~(uint64_t)1;
		s->end = s->start + sym.st_size;
		if (s->end < s->start)
			s->end = UINT64_MAX;
		s->name = (uint32_t)b->names.len;
		s->rank = sym_rank(name, len, GELF_ST_BIND(sym.st_info));
		fw_buf_add(&b->names, name, len);
		fw_buf_addc(&b->names, '\0');
	}
}

/* Order by address, the preferred alias first; compares explicitly. */
static int
sym_cmp(const void *pa, const void *pb, void *arg)
{
	const struct elfsym_sym	*a = pa, *b = pb;
	const char		*names = arg;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return strcmp(names + a->name, names + b->name);
}

/* Sort the symbols, keep one per address (the preferred alias, spanning
 * the longest of their sizes) and compute maxend, then hand them to f. */
static void
finish_symbols(struct symtab_builder *b, struct elfsym_file *f)
{
	size_t		 i, k = 0;
	uint64_t	 maxend = 0;

	if (b->n > 0)
		qsort_r(b->syms, b->n, sizeof *b->syms, sym_cmp, b->names.data);
	for (i = 0; i < b->n; i++) {
		if (k > 0 && b->syms[k - 1].start == b->syms[i].start) {
			if (b->syms[i].end > b->syms[k - 1].end)
				b->syms[k - 1].end = b->syms[i].end;
			continue;
		}
		b->syms[k++] = b->syms[i];
	}
	for (i = 0; i < k; i++) {
		if (b->syms[i].end > maxend)
			maxend = b->syms[i].end;
		b->syms[i].maxend = maxend;
	}
	f->syms = b->syms;
	f->nsyms = k;
	f->names = b->names.data;
	f->names_len = b->names.len;
	b->syms = NULL;
	b->n = b->cap = 0;
	fw_buf_init(&b->names);
}

/* Find the sections of the symbol tables of elf. */
static void
find_symtabs(Elf *elf, Elf_Scn **symtab, GElf_Shdr *symsh, Elf_Scn **dynsym,
    GElf_Shdr *dynsh)
{
	Elf_Scn		*scn = NULL;
	GElf_Shdr	 sh;

	*symtab = *dynsym = NULL;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		if (gelf_getshdr(scn, &sh) == NULL)
			continue;
		if (sh.sh_type == SHT_SYMTAB && *symtab == NULL) {
			*symtab = scn;
			*symsh = sh;
		} else if (sh.sh_type == SHT_DYNSYM && *dynsym == NULL) {
			*dynsym = scn;
			*dynsh = sh;
		}
	}
}

/* Copy the GNU build-id of elf into id (at most BUILD_ID_MAX bytes);
 * returns its length, 0 if there is none. */
static size_t
build_id(Elf *elf, unsigned char *id)
{
	Elf_Scn		*scn = NULL;
	GElf_Shdr	 sh;
	GElf_Nhdr	 nh;
	Elf_Data	*data;
	size_t		 off, next, name_off, desc_off;

	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		if (gelf_getshdr(scn, &sh) == NULL || sh.sh_type != SHT_NOTE ||
		    (data = elf_getdata(scn, NULL)) == NULL)
			continue;
		for (off = 0; (next = gelf_getnote(data, off, &nh, &name_off,
		    &desc_off)) > 0; off = next) {
			if (nh.n_type != NT_GNU_BUILD_ID ||
			    nh.n_namesz != 4 || memcmp((char *)data->d_buf +
			    name_off, "GNU", 4) != 0 || nh.n_descsz == 0 ||
			    nh.n_descsz > BUILD_ID_MAX)
				continue;
			memcpy(id, (char *)data->d_buf + desc_off, nh.n_descsz);
			return nh.n_descsz;
		}
	}
	return 0;
}

/* Read the .symtab of the build-id debug file of elf into b, if there is
 * one under debug_dir. */
static bool
read_debugfile_symbols(Elf *elf, const char *debug_dir, int machine,
    struct symtab_builder *b)
{
	unsigned char	 id[BUILD_ID_MAX];
	size_t		 len, i;
	struct fw_buf	 path;
	int		 fd;
	Elf		*dbg;
	Elf_Scn		*symtab, *dynsym;
	GElf_Shdr	 symsh, dynsh;
	bool		 found = false;

	if ((len = build_id(elf, id)) < 2)
		return false;
	fw_buf_init(&path);
	fw_buf_printf(&path, "%s/.build-id/%02x/", debug_dir, id[0]);
	for (i = 1; i < len; i++)
		fw_buf_printf(&path, "%02x", id[i]);
	fw_buf_adds(&path, ".debug");
	fd = open(path.data, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	fw_buf_release(&path);
	if (fd < 0)
		return false;
	if ((dbg = elf_begin(fd, ELF_C_READ, NULL)) != NULL) {
		find_symtabs(dbg, &symtab, &symsh, &dynsym, &dynsh);
		if (elf_kind(dbg) == ELF_K_ELF && symtab != NULL) {
			read_symbols(dbg, symtab, &symsh, machine, b);
			found = true;
		}
		elf_end(dbg);
	}
	close(fd);
	return found;
}

int
elfsym_file_load(int fd, const char *debug_dir, struct elfsym_file **out)
{
	Elf			*elf;
	GElf_Ehdr		 eh;
	Elf_Scn			*symtab, *dynsym;
	GElf_Shdr		 symsh, dynsh;
	struct elfsym_file	*f;
	struct symtab_builder	 b;
	int			 err;

	*out = NULL;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -ENOTSUP;
	if ((elf = elf_begin(fd, ELF_C_READ, NULL)) == NULL)
		return -ENOEXEC;
	if (elf_kind(elf) != ELF_K_ELF || gelf_getehdr(elf, &eh) == NULL ||
	    (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)) {
		elf_end(elf);
		return -ENOEXEC;
	}
	f = fw_calloc(1, sizeof *f);
	if ((err = load_segments(elf, f)) < 0) {
		elf_end(elf);
		elfsym_file_free(f);
		return err;
	}
	memset(&b, 0, sizeof b);
	fw_buf_init(&b.names);
	find_symtabs(elf, &symtab, &symsh, &dynsym, &dynsh);
	if (symtab != NULL) {
		read_symbols(elf, symtab, &symsh, eh.e_machine, &b);
		f->source = ELFSYM_SYMTAB;
	} else if (debug_dir != NULL &&
	    read_debugfile_symbols(elf, debug_dir, eh.e_machine, &b))
		f->source = ELFSYM_DEBUGFILE;
	else if (dynsym != NULL) {
		read_symbols(elf, dynsym, &dynsh, eh.e_machine, &b);
		f->source = ELFSYM_DYNSYM;
	}
	finish_symbols(&b, f);
	elf_end(elf);
	*out = f;
	return 0;
}

bool
elfsym_offset_to_vaddr(const struct elfsym_file *f, uint64_t off,
    uint64_t *vaddr)
{
	size_t	 i;

	for (i = 0; i < f->nsegs; i++) {
		if (off >= f->segs[i].offset &&
		    off - f->segs[i].offset < f->segs[i].filesz) {
			*vaddr = off - f->segs[i].offset + f->segs[i].vaddr;
			return true;
		}
	}
	return false;
}

const char *
elfsym_lookup(const struct elfsym_file *f, uint64_t vaddr, uint64_t *start)
{
	size_t	 lo = 0, hi = f->nsyms, mid, i;

	/* The last symbol starting at or before vaddr... */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f->syms[mid].start <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* ...or, if it ends too soon, an earlier one that encloses it: maxend
	 * says when no earlier symbol can reach vaddr. */
	for (i = lo; i-- > 0; ) {
		if (f->syms[i].maxend <= vaddr)
			break;
		if (vaddr < f->syms[i].end) {
			*start = f->syms[i].start;
			return f->names + f->syms[i].name;
		}
	}
	return NULL;
}

size_t
elfsym_count(const struct elfsym_file *f)
{
	return f->nsyms;
}

enum elfsym_source
elfsym_file_source(const struct elfsym_file *f)
{
	return f->source;
}

size_t
elfsym_file_bytes(const struct elfsym_file *f)
{
	return sizeof *f + f->nsegs * sizeof *f->segs +
	    f->nsyms * sizeof *f->syms + f->names_len;
}

/* The cache. */

struct elfsym_entry {
	dev_t			 dev;
	ino_t			 ino;
	off_t			 size;
	struct timespec		 mtime;
	struct elfsym_file	*file;		/* NULL: not ELF */
	size_t			 bytes;
	unsigned long		 last_use;
};

struct elfsym_cache {
	struct elfsym_entry	*v;
	size_t			 n;
	size_t			 max_files;
	size_t			 max_bytes;
	size_t			 bytes;
	unsigned long		 clock;
	char			*debug_dir;
	struct elfsym_stats	 stats;
};

struct elfsym_cache *
elfsym_cache_new(size_t max_files, size_t max_bytes)
{
	struct elfsym_cache	*c = fw_calloc(1, sizeof *c);

	c->max_files = max_files ? max_files : ELFSYM_CACHE_FILES;
	c->max_bytes = max_bytes ? max_bytes : ELFSYM_CACHE_BYTES;
	c->v = fw_calloc(c->max_files, sizeof *c->v);
	c->debug_dir = fw_strdup(ELFSYM_DEBUG_DIR);
	return c;
}

/* Drop entry i (moving the last entry into its slot). */
static void
cache_drop(struct elfsym_cache *c, size_t i)
{
	elfsym_file_free(c->v[i].file);
	c->bytes -= c->v[i].bytes;
	c->v[i] = c->v[--c->n];
}

/* Empty the cache. */
static void
cache_clear(struct elfsym_cache *c)
{
	while (c->n > 0)
		cache_drop(c, c->n - 1);
}

void
elfsym_cache_free(struct elfsym_cache *c)
{
	if (c == NULL)
		return;
	cache_clear(c);
	free(c->v);
	free(c->debug_dir);
	free(c);
}

void
elfsym_cache_set_debug_dir(struct elfsym_cache *c, const char *dir)
{
	cache_clear(c);
	free(c->debug_dir);
	c->debug_dir = dir != NULL ? fw_strdup(dir) : NULL;
}

static bool
same_file(const struct elfsym_entry *e, const struct stat *st)
{
	return e->dev == st->st_dev && e->ino == st->st_ino &&
	    e->size == st->st_size && e->mtime.tv_sec == st->st_mtim.tv_sec &&
	    e->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

/* Evict least recently used entries until one of `bytes` more fits. */
static void
cache_make_room(struct elfsym_cache *c, size_t bytes)
{
	size_t	 i, lru;

	while (c->n > 0 && (c->n >= c->max_files ||
	    c->bytes + bytes > c->max_bytes)) {
		lru = 0;
		for (i = 1; i < c->n; i++) {
			if (c->v[i].last_use < c->v[lru].last_use)
				lru = i;
		}
		cache_drop(c, lru);
		c->stats.evictions++;
	}
}

int
elfsym_cache_get(struct elfsym_cache *c, const char *path, uint64_t want_ino,
    const struct elfsym_file **out)
{
	struct stat		 st;
	struct elfsym_file	*f = NULL;
	struct elfsym_entry	*e;
	size_t			 i, bytes;
	int			 fd, err;

	*out = NULL;
	/* stat first: opening a device node could have side effects. */
	if (stat(path, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -ENOEXEC;
	if (want_ino != 0 && (uint64_t)st.st_ino != want_ino)
		return -ESTALE;
	for (i = 0; i < c->n; i++) {
		if (same_file(&c->v[i], &st)) {
			c->v[i].last_use = ++c->clock;
			c->stats.hits++;
			*out = c->v[i].file;
			return *out != NULL ? 0 : -ENOEXEC;
		}
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)) < 0)
		return -errno;
	/* Key on what was opened, in case the path changed since stat. */
	if (fstat(fd, &st) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return -ENOEXEC;
	}
	err = elfsym_file_load(fd, c->debug_dir, &f);
	close(fd);
	if (err < 0 && err != -ENOEXEC)
		return err;
	c->stats.loads++;
	bytes = f != NULL ? elfsym_file_bytes(f) : sizeof *e;
	cache_make_room(c, bytes);
	e = &c->v[c->n++];
	e->dev = st.st_dev;
	e->ino = st.st_ino;
	e->size = st.st_size;
	e->mtime = st.st_mtim;
	e->file = f;
	e->bytes = bytes;
	e->last_use = ++c->clock;
	c->bytes += bytes;
	*out = f;
	return f != NULL ? 0 : -ENOEXEC;
}

void
elfsym_cache_stats(const struct elfsym_cache *c, struct elfsym_stats *s)
{
	*s = c->stats;
	s->files = c->n;
	s->bytes = c->bytes;
}
