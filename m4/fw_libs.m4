# fw_libs.m4 - forkwatch's build checks. One macro per library, pkg-config
# first; a missing library stops configure with the Debian package that
# provides it. Each sets NAME_CFLAGS/NAME_LIBS and fw_NAME_version.

# FW_PKG_VERSION(VAR, MODULE): the installed version of a pkg-config module.
AC_DEFUN([FW_PKG_VERSION], [
  $1=`$PKG_CONFIG --modversion $2 2>/dev/null`
  AS_IF([test -z "[$]$1"], [$1=unknown])
])

# Backtraces of stopped tasks: libunwind-ptrace, or --without-libunwind for
# the backend that says "built without libunwind" (src/backtrace-none.c).
# Sets fw_bt_backend and fw_unwind_version.
AC_DEFUN([FW_CHECK_LIBUNWIND], [
  AC_ARG_WITH([libunwind],
    [AS_HELP_STRING([--without-libunwind],
      [build without backtraces of traced tasks (bt)])],
    [], [with_libunwind=yes])
  fw_bt_backend=none
  fw_unwind_version="not used (--without-libunwind)"
  AS_IF([test "$with_libunwind" != no],
    [PKG_CHECK_MODULES([UNWIND], [libunwind-ptrace libunwind-generic],
      [fw_bt_backend=libunwind
       FW_PKG_VERSION([fw_unwind_version], [libunwind-ptrace])
       AC_DEFINE([HAVE_LIBUNWIND], [1], [libunwind-ptrace is available])],
      [AC_MSG_ERROR([libunwind-ptrace not found: install the Debian package libunwind-dev (or configure --without-libunwind)])])])
  AM_CONDITIONAL([FW_BT_LIBUNWIND], [test "$fw_bt_backend" = libunwind])
])

AC_DEFUN([FW_CHECK_LIBELF], [
  PKG_CHECK_MODULES([ELF], [libelf],
    [FW_PKG_VERSION([fw_elf_version], [libelf])],
    [AC_MSG_ERROR([libelf not found: install the Debian package libelf-dev])])
])

# Source lines in backtraces (optional): libdw from elfutils, the same
# family as libelf. --with-libdw=auto (default) uses it when found;
# =yes makes a missing libdw an error; =no leaves it out. Without it, frames
# show function+offset. Sets fw_srcline (the summary's words).
AC_DEFUN([FW_CHECK_LIBDW], [
  AC_ARG_WITH([libdw],
    [AS_HELP_STRING([--with-libdw@<:@=auto|yes|no@:>@],
      [source file:line in backtraces from DWARF (default: auto)])],
    [], [with_libdw=auto])
  fw_srcline="no (function+offset only; --with-libdw and the Debian package libdw-dev add file:line)"
  AS_IF([test "$with_libdw" != no],
    [PKG_CHECK_MODULES([DW], [libdw],
      [FW_PKG_VERSION([fw_dw_version], [libdw])
       fw_srcline="libdw $fw_dw_version (DWARF, .gnu_debuglink, build-id)"
       AC_DEFINE([HAVE_LIBDW], [1], [libdw is available])],
      [AS_IF([test "$with_libdw" = yes],
         [AC_MSG_ERROR([libdw not found: install the Debian package libdw-dev (or configure --without-libdw)])])
       with_libdw=no])])
  AM_CONDITIONAL([FW_SRCLINE_LIBDW], [test "$with_libdw" != no])
])

# C++ (and Rust, D) names in backtraces (optional): libiberty's
# cplus_demangle, the demangler of gdb, c++filt and addr2line -C. Debian
# ships it as a static library with no .pc file, so: header, then library.
# --with-libiberty=auto|yes|no as for libdw. Sets fw_demangle.
AC_DEFUN([FW_CHECK_LIBIBERTY], [
  AC_ARG_WITH([libiberty],
    [AS_HELP_STRING([--with-libiberty@<:@=auto|yes|no@:>@],
      [demangle C++/Rust names in backtraces with libiberty (default: auto)])],
    [], [with_libiberty=auto])
  fw_demangle="no (names shown mangled; --with-libiberty and the Debian package libiberty-dev demangle them)"
  IBERTY_LIBS=
  IBERTY_CFLAGS=
  AS_IF([test "$with_libiberty" != no],
    [fw_iberty_ok=no
     AC_CHECK_HEADER([libiberty/demangle.h],
       [AC_CHECK_LIB([iberty], [cplus_demangle], [fw_iberty_ok=yes])])
     AS_IF([test "$fw_iberty_ok" = yes],
       [IBERTY_LIBS=-liberty
        fw_demangle="libiberty cplus_demangle (C++, Rust, D)"
        AC_DEFINE([HAVE_LIBIBERTY], [1], [libiberty's demangler is available])],
       [AS_IF([test "$with_libiberty" = yes],
          [AC_MSG_ERROR([libiberty not found: install the Debian package libiberty-dev (or configure --without-libiberty)])])
        with_libiberty=no])])
  AC_SUBST([IBERTY_LIBS])
  AC_SUBST([IBERTY_CFLAGS])
  AM_CONDITIONAL([FW_DEMANGLE_LIBIBERTY], [test "$with_libiberty" != no])
])

# Debian's libreadline-dev ships readline.pc; older systems do not, so fall
# back to the header and library.
AC_DEFUN([FW_CHECK_READLINE], [
  PKG_CHECK_MODULES([READLINE], [readline],
    [FW_PKG_VERSION([fw_readline_version], [readline])],
    [AC_CHECK_HEADER([readline/readline.h],
       [AC_CHECK_LIB([readline], [readline],
          [READLINE_LIBS=-lreadline; READLINE_CFLAGS=
           fw_readline_version="(no readline.pc)"],
          [AC_MSG_ERROR([readline not found: install the Debian package libreadline-dev])])],
       [AC_MSG_ERROR([readline not found: install the Debian package libreadline-dev])])])
])

# The TUI (--tui, --replay): ncursesw, and libvterm for its program pane.
# --disable-tui leaves out both (--tui and --replay then say so).
# --without-libvterm keeps the TUI with a plain program pane (text only).
# Defines FW_HAVE_TUI; sets fw_tui (the summary's words).
AC_DEFUN([FW_CHECK_TUI], [
  AC_ARG_ENABLE([tui],
    [AS_HELP_STRING([--disable-tui],
      [build without the full-screen interface (--tui, --replay)])],
    [], [enable_tui=yes])
  AC_ARG_WITH([libvterm],
    [AS_HELP_STRING([--without-libvterm],
      [the TUI's program pane shows plain text (no terminal emulation)])],
    [], [with_libvterm=yes])
  fw_tui="no (--disable-tui)"
  AS_IF([test "$enable_tui" != no],
    [PKG_CHECK_MODULES([NCURSES], [ncursesw],
      [FW_PKG_VERSION([fw_ncurses_version], [ncursesw])],
      [AC_MSG_ERROR([ncursesw not found: install the Debian package libncurses-dev (or configure --disable-tui)])])
     AC_DEFINE([FW_HAVE_TUI], [1], [the TUI is built in])
     fw_tui="ncursesw $fw_ncurses_version"
     AS_IF([test "$with_libvterm" != no],
       [PKG_CHECK_MODULES([VTERM], [vterm],
         [FW_PKG_VERSION([fw_vterm_version], [vterm])
          AC_DEFINE([HAVE_LIBVTERM], [1], [libvterm is available])
          fw_tui="$fw_tui, libvterm $fw_vterm_version"],
         [AC_MSG_ERROR([libvterm not found: install the Debian package libvterm-dev (or configure --without-libvterm)])])],
       [fw_tui="$fw_tui, plain program pane (--without-libvterm)"])],
    [with_libvterm=no])
  AM_CONDITIONAL([FW_TUI], [test "$enable_tui" != no])
  AM_CONDITIONAL([FW_TUI_LIBVTERM], [test "$enable_tui" != no && test "$with_libvterm" != no])
])

AC_DEFUN([FW_CHECK_JANSSON], [
  PKG_CHECK_MODULES([JANSSON], [jansson >= 2.10],
    [FW_PKG_VERSION([fw_jansson_version], [jansson])],
    [AC_MSG_ERROR([jansson >= 2.10 not found: install the Debian package libjansson-dev])])
])

     AC_DEFINE([HAVE_LIBVTERM], [1], [libvterm is available])],
    [AC_MSG_ERROR([libvterm not found: install the Debian package libvterm-dev])])
])

AC_DEFUN([FW_WARNINGS], [
  AC_ARG_ENABLE([werror],
    [AS_HELP_STRING([--enable-werror], [treat compiler warnings as errors (CI)])],
    [], [enable_werror=no])
  FW_WARN_CFLAGS="-Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter -Wpointer-arith -Wwrite-strings"
  AS_IF([test "$enable_werror" = yes], [FW_WARN_CFLAGS="$FW_WARN_CFLAGS -Werror"])
  AC_SUBST([FW_WARN_CFLAGS])
])

# ASan + UBSan for forkwatch, its library and unit tests (FW_SAN_CFLAGS is
# in AM_CFLAGS and AM_LDFLAGS). Programs that forkwatch traces in tests must
# not use it: LeakSanitizer cannot run in a process that is being traced
# (it ptrace-attaches its own threads at exit). Makefile.am's
# FW_TRACEE_CFLAGS/FW_TRACEE_LINKFLAGS are for them.
AC_DEFUN([FW_SANITIZERS], [
  AC_ARG_ENABLE([sanitizers],
    [AS_HELP_STRING([--enable-sanitizers], [build with -fsanitize=address,undefined])],
    [], [enable_sanitizers=no])
  FW_SAN_CFLAGS=
  AS_IF([test "$enable_sanitizers" = yes],
    [FW_SAN_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"])
  AC_SUBST([FW_SAN_CFLAGS])
])

# The eBPF backend: libbpf (pkg-config), clang that targets bpf and
# bpftool (for the skeleton). Optional: without them (or --without-bpf)
# forkwatch is built with the ptrace backend only, and the summary says
# which part was missing. --with-bpf makes a missing part an error.
AC_DEFUN([FW_CHECK_BPF], [
  AC_ARG_WITH([bpf],
    [AS_HELP_STRING([--without-bpf],
      [build without the eBPF backend (default: with it when clang, bpftool and libbpf are found)])],
    [], [with_bpf=check])
  fw_bpf=no
  fw_bpf_missing=
  AS_IF([test "$with_bpf" != no], [
    PKG_CHECK_MODULES([LIBBPF], [libbpf >= 0.7],
      [FW_PKG_VERSION([fw_libbpf_version], [libbpf])],
      [fw_bpf_missing="libbpf-dev"])
    AC_ARG_VAR([BPF_CLANG], [clang used to compile the eBPF program])
    AC_ARG_VAR([BPFTOOL], [bpftool used to generate the eBPF skeleton])
    AC_PATH_PROGS([BPF_CLANG], [clang clang-16 clang-15 clang-14])
    AC_PATH_PROG([BPFTOOL], [bpftool], [], [$PATH:/usr/sbin:/sbin])
    AS_IF([test -z "$BPF_CLANG"], [fw_bpf_missing="$fw_bpf_missing clang"])
    AS_IF([test -z "$BPFTOOL"], [fw_bpf_missing="$fw_bpf_missing bpftool"])
    case "$host_cpu" in
    x86_64|i?86) fw_bpf_arch=x86 ;;
    aarch64) fw_bpf_arch=arm64 ;;
    arm*) fw_bpf_arch=arm ;;
    powerpc*) fw_bpf_arch=powerpc ;;
    s390*) fw_bpf_arch=s390 ;;
    riscv*) fw_bpf_arch=riscv ;;
    *) fw_bpf_arch= ; fw_bpf_missing="$fw_bpf_missing (no eBPF target for $host_cpu)" ;;
    esac
    # <asm/types.h> sits in the multiarch directory, which clang -target
    # bpf does not search by itself.
    fw_multiarch=`$CC -print-multiarch 2>/dev/null`
    FW_BPF_CLANG_FLAGS="-g -O2 -Wall -target bpf -D__TARGET_ARCH_$fw_bpf_arch $LIBBPF_CFLAGS"
    AS_IF([test -n "$fw_multiarch" && test -d "/usr/include/$fw_multiarch"],
      [FW_BPF_CLANG_FLAGS="$FW_BPF_CLANG_FLAGS -I/usr/include/$fw_multiarch"])
    AS_IF([test -z "$fw_bpf_missing"], [
      AC_MSG_CHECKING([whether $BPF_CLANG compiles an eBPF program])
      cat >conftest.bpf.c <<_FWEOF
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[[]] SEC("license") = "GPL";
SEC("tp_btf/task_newtask") int f(void *ctx) { return 0; }
_FWEOF
      AS_IF([$BPF_CLANG $FW_BPF_CLANG_FLAGS -c conftest.bpf.c -o conftest.bpf.o >&AS_MESSAGE_LOG_FD 2>&1],
        [AC_MSG_RESULT([yes])],
        [AC_MSG_RESULT([no])
         fw_bpf_missing="$fw_bpf_missing clang (cannot build for -target bpf; libbpf-dev and linux-libc-dev headers?)"])
      rm -f conftest.bpf.c conftest.bpf.o])
    AS_IF([test -z "$fw_bpf_missing"],
      [fw_bpf=yes
       AC_DEFINE([FW_HAVE_BPF], [1], [the eBPF backend is built])],
      [AS_IF([test "$with_bpf" = yes],
        [AC_MSG_ERROR([--with-bpf: missing$fw_bpf_missing (Debian packages: libbpf-dev, clang, bpftool)])])])
  ])
  AS_IF([test "$fw_bpf" = yes],
    [fw_bpf_summary="yes (libbpf $fw_libbpf_version, $BPF_CLANG, $BPFTOOL)"],
    [test "$with_bpf" = no],
    [fw_bpf_summary="no (--without-bpf)"],
    [fw_bpf_summary="no: missing$fw_bpf_missing (Debian: libbpf-dev clang bpftool)"])
  AC_SUBST([FW_BPF_CLANG_FLAGS])
  AM_CONDITIONAL([FW_BPF], [test "$fw_bpf" = yes])
])
