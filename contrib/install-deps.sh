#!/bin/sh
# install-deps.sh - install everything forkwatch needs to build, to run its
# test suite and its benchmark on Debian 12 (run as root). Safe to run again.
set -eu

# Build: toolchain, autotools, and the libraries configure checks (libdw
# and libiberty are optional: source lines and demangled names in bt;
# libbpf-dev, clang and bpftool build the eBPF backend, --backend=bpf).
build="build-essential autoconf automake libtool pkg-config
libunwind-dev libelf-dev libdw-dev libiberty-dev libreadline-dev libncurses-dev libjansson-dev
libvterm-dev libbpf-dev clang bpftool"
# make check and make bench: programs the tests call (the TUI tests drive
# tmux; reports are checked with jq, python3, xmllint and rsvg-convert; the
# shell completions run in bash with bash-completion and in zsh; the
# benchmark compares with strace; the eBPF backend's kernel-thread test
# mounts an ext4 image: e2fsprogs, mount).
tests="strace tmux python3 jq bear librsvg2-bin libxml2-utils valgrind gdb
file procps zsh bash-completion e2fsprogs mount"

if [ "$(id -u)" != 0 ]; then
	echo "install-deps.sh: must run as root (apt-get)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $build $tests >/dev/null
echo "install-deps.sh: build and test dependencies installed"
