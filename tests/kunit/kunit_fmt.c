// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * One format's template TU built as a KUnit program: the build compiles
 * this file (as GNU C11) once per format with GPT_FMT_TU naming the
 * format's fmt/iommu_FMT.cpp; GENERIC_PT_KUNIT makes fmt/iommu_template.h
 * add the suites of tests/kunit after the algorithms.
 */
#define GENERIC_PT_KUNIT 1
#include GPT_FMT_TU
