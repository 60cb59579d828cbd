#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# The concurrency suite of every format under TSan (preset "tsan",
# ctest -L concurrency); a data race report fails the test.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/deps.sh
cmake --preset tsan >/dev/null
cmake --build --preset tsan
ctest --preset tsan
