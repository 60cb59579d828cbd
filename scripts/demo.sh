#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# The README's demo command: install dependencies, build, run the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j2 --target genericpt-demo
./build/tools/genericpt-demo "$@"
