#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# Fuzz smoke test: genericpt-fuzz for 30 seconds per format, seeded from
# tests/fuzz/corpus/. A crash (any disagreement with the reference model, or
# a sanitizer report) fails CI; the input is kept in build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/fuzz.sh "${GENERICPT_FUZZ_SECONDS:-30}"
