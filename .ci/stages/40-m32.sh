#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# The default test suite built and run as a 32-bit x86 program (preset m32:
# gcc -m32 from g++-multilib, build-m32/): unsigned long, size_t and
# pointers are 32 bits there while physical addresses stay 64 bits. On a
# kernel that cannot execute i386 programs (a VM kernel without IA32
# emulation) the tests run under qemu-i386 (cmake/toolchain-m32.cmake says
# which at configure time); the random-model and oracle runs are shortened
# there as in the ASan stage (GPT_RANDOM_OPS, GPT_ORACLE_OPS in the m32
# test preset).
set -euo pipefail
bash scripts/deps.sh
cmake --workflow --preset m32
