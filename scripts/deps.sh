#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# Install the Debian packages genericpt builds and tests with, if missing.
set -euo pipefail
pkgs=(cmake g++ make catch2 libfmt-dev libbenchmark-dev libcli11-dev
      nlohmann-json3-dev pkg-config clang libclang-rt-14-dev libfuzzer-14-dev
      g++-multilib qemu-user)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -ne 0 ]; then
	echo "genericpt: installing ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
