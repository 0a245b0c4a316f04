# bpf.mk - the eBPF backend (included by ../Makefile.am). With clang,
# bpftool and libbpf (configure's FW_BPF), src/bpf/forkwatch.bpf.c is
# compiled for the kernel's BPF VM and bpftool turns the object into a
# skeleton header (src/bpf/forkwatch.skel.h, in the build tree) that
# src/engine-bpf.c includes: the program is built into forkwatch, not
# installed beside it. Without them src/engine-bpf-none.c fills the slot.

EXTRA_DIST += src/bpf/forkwatch.bpf.c src/bpf/kernel-types.h src/bpf/fwbpf.h \
	tests/progs/bpf-probe.c

if FW_BPF
libforkwatch_a_SOURCES += src/engine-bpf.c src/engine-bpf-ev.c \
	src/engine-bpf.h
FW_DEP_CFLAGS += $(LIBBPF_CFLAGS) -I$(top_builddir)/src
FW_DEP_LIBS += $(LIBBPF_LIBS)
BUILT_SOURCES += src/bpf/forkwatch.skel.h
CLEANFILES += src/bpf/forkwatch.bpf.o src/bpf/forkwatch.skel.h

FW_BPF_SRC = $(srcdir)/src/bpf/forkwatch.bpf.c
FW_BPF_DEPS = $(FW_BPF_SRC) $(srcdir)/src/bpf/kernel-types.h \
	$(srcdir)/src/bpf/fwbpf.h

# The tests' probe: can eBPF work here (tests/lib/common.sh fw_need_bpf)?
check_PROGRAMS += tests/progs/bpf-probe
tests_progs_bpf_probe_SOURCES = tests/progs/bpf-probe.c
tests_progs_bpf_probe_CFLAGS = $(FW_WARN_CFLAGS) $(LIBBPF_CFLAGS)
tests_progs_bpf_probe_LDADD = $(LIBBPF_LIBS)

src/bpf/forkwatch.bpf.o: $(FW_BPF_DEPS)
	@$(MKDIR_P) src/bpf
	$(AM_V_GEN)$(BPF_CLANG) $(FW_BPF_CLANG_FLAGS) -c $(FW_BPF_SRC) -o $@

src/bpf/forkwatch.skel.h: src/bpf/forkwatch.bpf.o
	$(AM_V_GEN)$(BPFTOOL) gen skeleton src/bpf/forkwatch.bpf.o \
	    name fwbpf >$@.tmp && mv $@.tmp $@
else
libforkwatch_a_SOURCES += src/engine-bpf-none.c
endif
