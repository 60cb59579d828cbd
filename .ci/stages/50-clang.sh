#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# Everything (library, tools, tests) built with clang/clang++ and -Werror,
# and the default test suite run (preset clang, build-clang/).
set -euo pipefail
bash scripts/deps.sh
cmake --workflow --preset clang
