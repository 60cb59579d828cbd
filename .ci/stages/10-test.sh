#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# The README's test command, exactly as a user runs it.
set -euo pipefail
bash scripts/test.sh
