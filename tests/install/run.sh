#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# Install-and-consume test: build and install genericpt into a fresh
# prefix, then build a small C program and a C++ program that live outside
# the source tree against that prefix, once through the CMake package
# (find_package(genericpt COMPONENTS ...)) and once through pkg-config, and
# run all four binaries.
#
# usage: tests/install/run.sh [WORKDIR]   (default: a new temporary directory)
# CC / CXX select the compilers (default cc / c++).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d "${TMPDIR:-/tmp}/genericpt-install.XXXXXX")}
rm -rf "$work/build" "$work/prefix" "$work/consumer" "$work/cmake-consumer" "$work/pc-consumer"
mkdir -p "$work"
cc=${CC:-cc}
cxx=${CXX:-c++}

echo "--- install-test: build and install genericpt into $work/prefix"
cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
	-DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
	-DGENERICPT_BUILD_TESTS=OFF -DGENERICPT_BUILD_TOOLS=OFF \
	-DGENERICPT_WERROR=ON >/dev/null
cmake --build "$work/build" -j2
cmake --install "$work/build" --prefix "$work/prefix" >/dev/null

# The consumer must not see the source tree: copy it out.
cp -r "$src/tests/install/consumer" "$work/consumer"

echo "--- install-test: consumer through find_package(genericpt)"
cmake -S "$work/consumer" -B "$work/cmake-consumer" \
	-DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
	-DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/cmake-consumer" -j2
"$work/cmake-consumer/consume_c"
"$work/cmake-consumer/consume_cxx"

echo "--- install-test: consumer through pkg-config"
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
libs=$(pkg-config --libs genericpt-amdv1)
echo "pkg-config --libs genericpt-amdv1: $libs"
grep -q -- "-lgenericpt_amdv1" <<<"$libs"
for f in "$work"/prefix/lib/pkgconfig/genericpt-*.pc; do
	pkg-config --exists "$(basename "$f" .pc)"
done
mkdir -p "$work/pc-consumer"
cd "$work/pc-consumer"
# shellcheck disable=SC2046
"$cc" -std=gnu11 -Wall -Wextra -Werror $(pkg-config --cflags genericpt-amdv1) \
	"$work/consumer/consume.c" -o consume_c $(pkg-config --libs genericpt-amdv1)
# shellcheck disable=SC2046
"$cxx" -std=c++20 -Wall -Wextra -Werror -Wno-missing-field-initializers \
	$(pkg-config --cflags genericpt-amdv1 genericpt-x86_64) \
	"$work/consumer/consume.cpp" -o consume_cxx \
	$(pkg-config --libs genericpt-amdv1 genericpt-x86_64)
./consume_c
./consume_cxx
echo "--- install-test: passed"
