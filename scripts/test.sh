#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# The README's test command: install dependencies, configure, build, and run
# the whole default test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DGENERICPT_WERROR=ON >/dev/null
cmake --build build -j2
cd build && ctest --output-on-failure -j2 -LE stress "$@"
