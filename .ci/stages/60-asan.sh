#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# The default test suite built with clang under ASan + UBSan + LSan (preset
# "asan"; it is also CI's clang build, warnings as errors): every
# sanitizer report aborts its test, so any report fails CI. The random
# model suite runs 4000 ops per format here (GPT_RANDOM_OPS in the test
# preset) to keep the stage short; everything else runs as in 10-test.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/deps.sh
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan
