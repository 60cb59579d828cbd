#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# The default test suite built and run as a 32-bit x86 program (preset m32:
# gcc -m32 from g++-multilib, build-m32/): unsigned long, size_t and
# pointers are 32 bits there while physical addresses stay 64 bits.
set -euo pipefail
bash scripts/deps.sh
cmake --workflow --preset m32
