// SPDX-License-Identifier: GPL-2.0-only OR MIT
// Test configuration of the armv8_4k format; the cases are shared by the
// three granules (armv8_cases.h).
// Included twice by gpt_harness.h: first for the names, then the cases.
#ifndef GPT_TBL
#define GPT_TBL armv8
#define GPT_FN armv8_4k
#define GPT_ARMV8_GRANULE_LG2 12
#else
#include "armv8_cases.h"
#endif
