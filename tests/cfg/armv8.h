// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the armv8 format (granule chosen at init): the
// cases of all three granules plus LPA2 and AArch32 (armv8_cases.h).
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL armv8
#define GPT_FN armv8
#define GPT_ARMV8_GRANULE_LG2 0
/* The base is 4K: LPA and LVA need 64K (tests/badinput). */
#define GPT_NOT_ON_BASE \
	((1u << PT_FEAT_ARMV8_LPA) | (1u << PT_FEAT_ARMV8_LVA))
#else
#include "armv8_cases.h"
#endif
