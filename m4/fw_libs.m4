# Library checks: pkg-config first; each failure names the Debian package.

AC_DEFUN([FW_CHECK_LIBUNWIND], [
  PKG_CHECK_MODULES([UNWIND], [libunwind-ptrace libunwind-generic],
    [fw_bt_backend=libunwind
     fw_unwind_version=`$PKG_CONFIG --modversion libunwind-ptrace`
     AC_DEFINE([HAVE_LIBUNWIND], [1], [libunwind-ptrace is available])],
    [AC_MSG_ERROR([libunwind-ptrace not found: install the Debian package libunwind-dev])])
  AM_CONDITIONAL([FW_BT_LIBUNWIND], [test "$fw_bt_backend" = libunwind])
])

AC_DEFUN([FW_CHECK_LIBELF], [
  PKG_CHECK_MODULES([ELF], [libelf], [],
    [AC_MSG_ERROR([libelf not found: install the Debian package libelf-dev])])
])

AC_DEFUN([FW_CHECK_READLINE], [
  PKG_CHECK_MODULES([READLINE], [readline], [],
    [AC_CHECK_HEADER([readline/readline.h],
       [READLINE_LIBS=-lreadline; READLINE_CFLAGS=],
       [AC_MSG_ERROR([readline not found: install the Debian package libreadline-dev])])])
])

AC_DEFUN([FW_CHECK_NCURSESW], [
  PKG_CHECK_MODULES([NCURSES], [ncursesw], [],
    [AC_MSG_ERROR([ncursesw not found: install the Debian package libncurses-dev])])
])

AC_DEFUN([FW_CHECK_JANSSON], [
  PKG_CHECK_MODULES([JANSSON], [jansson >= 2.10], [],
    [AC_MSG_ERROR([jansson not found: install the Debian package libjansson-dev])])
])

AC_DEFUN([FW_CHECK_VTERM], [
  PKG_CHECK_MODULES([VTERM], [vterm], [],
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

AC_DEFUN([FW_SANITIZERS], [
  AC_ARG_ENABLE([sanitizers],
    [AS_HELP_STRING([--enable-sanitizers], [build with -fsanitize=address,undefined])],
    [], [enable_sanitizers=no])
  FW_SAN_CFLAGS=
  AS_IF([test "$enable_sanitizers" = yes],
    [FW_SAN_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"])
  AC_SUBST([FW_SAN_CFLAGS])
])
