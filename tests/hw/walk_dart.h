// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Reference walker for the Apple DART IOMMU page tables.
//
// Apple publishes no manual for the DART. The facts used here were read
// from the Linux drivers (drivers/iommu/io-pgtable-dart.c and
// drivers/iommu/apple-dart.c) and the m1n1 boot loader's DART code; no code
// was taken from them. See README-arm.md for the list of facts and what is
// uncertain.
//
// Structure: the iova is split into [ttbr index | L1 index | L2 index |
// page offset]. Each TTBR points to an L1 table; L1 entries point to L2
// tables; L2 entries are the page leaves. Every table is one granule of
// 64-bit entries, so each level resolves granule_lg2 - 3 bits.
// Translation::level: 0 for the leaves (L2), 1 for L1 faults.
#pragma once

#include "hw_walker.h"

namespace hw::dart {

struct Config {
	// Page and table size, log2: 12 (4K) or 14 (16K).
	unsigned granule_lg2 = 14;
	// PTE layout: 1 = "t8020" (APPLE_DART in Linux), 2 = "t6000"/"t8110"
	// (APPLE_DART2).
	unsigned layout = 1;
	// Physical addresses of the L1 tables, one per TTBR (the register
	// value already decoded: valid bit dropped, address shifted back).
	uint64_t ttbr[4] = {0, 0, 0, 0};
	// How many of ttbr[] are valid (1..4).
	unsigned num_ttbr = 1;
	// Input address size in bits.
	unsigned va_bits = 32;
	// The subpage protection range of every leaf must be the whole page
	// (start 0, end 0xfff), the only value Linux writes; anything else is
	// reported as Encoding. When false, the range is enforced as the
	// hardware is believed to (see README-arm.md) but not otherwise
	// checked.
	bool strict_subpage = true;
};

hw::Translation walk(hw::Memory &mem, const Config &cfg, uint64_t iova, hw::Access acc);

// The L1 table of every valid TTBR (level 1, in TTBR order) and the L2
// tables its valid entries point at (level 0); one granule each.
std::vector<hw::TableInfo> tables(hw::Memory &mem, const Config &cfg);

} // namespace hw::dart
