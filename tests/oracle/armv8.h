// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The armv8 tables (any granule) read by the VMSAv8-64 walker (tests/hw/walk_armv8.h).
// Included twice by oracle_suite.cpp: the walker adapter, then the cases.
#ifndef GPT_ORACLE_CASES
#include "armv8_walker.h"
#endif
