// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The amdv1_mock tables (AMDv1 layout, 2 KiB granule) read by the AMD IOMMU
// host page table walker in its mock mode (tests/hw/walk_amdv1.h).
// Included twice by oracle_suite.cpp: the walker adapter, then the cases.
#ifndef GPT_ORACLE_CASES
#define GPT_ORACLE_AMDV1_NS hw::amdv1_mock
#define GPT_ORACLE_AMDV1_G 11
#include "amdv1_walker.h"
#endif
