#!/bin/sh
# Install everything forkwatch needs to build and to run its test suite on
# Debian 12 (run as root). Safe to run again.
set -eu
pkgs="build-essential autoconf automake libtool pkg-config
libunwind-dev libelf-dev libreadline-dev libncurses-dev libjansson-dev libvterm-dev
strace tmux python3 jq bear librsvg2-bin valgrind gdb file"
if [ "$(id -u)" != 0 ]; then
	echo "install-deps.sh: must run as root (apt-get)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
