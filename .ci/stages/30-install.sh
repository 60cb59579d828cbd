#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# Install genericpt into a scratch prefix and build an outside C program and
# an outside C++ program against it, through the CMake package and through
# pkg-config; run them.
set -euo pipefail
bash scripts/deps.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/genericpt-ci-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
bash tests/install/run.sh "$work"
