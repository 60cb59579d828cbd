// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Reference walker for the Arm VMSAv8-64 long-descriptor translation table
// format (stage 1 and stage 2), written from the Arm Architecture Reference
// Manual for A-profile, DDI0487, chapter D8 "The AArch64 Virtual Memory
// System Architecture".
//
// Level numbering: the Arm manual counts levels from the root (level 0 for a
// 48-bit 4K walk, level 3 holds pages). hw::Translation::level counts from
// the leaves instead (0 = table of the smallest leaves), so
// Translation::level == 3 - Arm level. Config::s2_start_level is given in
// the manual's numbering because it comes straight from VTCR_EL2.SL0.
//
// Features modelled: 4K/16K/64K granules, TTBR0/TTBR1 ranges, stage 2 with
// concatenated start tables, FEAT_LPA (52-bit OA, 64K granule only),
// FEAT_LVA (52-bit input, 64K granule only), FEAT_HAFDBS (hardware Access
// flag and dirty state), FEAT_XNX (two stage 2 XN bits), contiguous hint.
// Not modelled: FEAT_LPA2 (TCR.DS), FEAT_BTI (GP bit), FEAT_HPDS
// (hierarchical permission disables), PAN, WXN, FEAT_XS, FEAT_BBM nT.
#pragma once

#include "hw_walker.h"

namespace hw::armv8 {

struct Config {
	// Translation granule, log2 bytes: 12, 14 or 16 (TCR_ELx.TG0/TG1,
	// VTCR_EL2.TG0).
	unsigned granule_lg2 = 12;
	// 1: stage 1 (TTBRn_ELx, TCR_ELx); 2: stage 2 (VTTBR_EL2, VTCR_EL2).
	unsigned stage = 1;
	// Physical address of the start-level table (TTBRn_ELx.BADDR or
	// VTTBR_EL2.BADDR). For stage 2 with concatenated start tables this is
	// the first of the 2..16 contiguous tables.
	uint64_t table_pa = 0;
	// TCR_ELx.T0SZ / T1SZ or VTCR_EL2.T0SZ: the input range is 64 - tsz bits.
	unsigned tsz = 16;
	// Stage 1 only: the iova is in the upper (TTBR1) range, so bits
	// [63:64-tsz] must all be ones.
	bool upper = false;
	// Stage 2 only: start level in the manual's numbering (0..3), as
	// decoded from VTCR_EL2.SL0 (see start_level_from_sl0()). -1 computes
	// it: the level a single table would start at, except that a walk that
	// would start at level 0 starts at level 1 with concatenated tables
	// when at most 16 are needed.
	int s2_start_level = -1;
	// Output address size in bits (TCR_ELx.IPS / VTCR_EL2.PS decoded):
	// 32, 36, 40, 42, 44, 48 or 52. 52 needs lpa and the 64K granule.
	unsigned ips_bits = 48;
	// FEAT_LPA with the 64K granule: OA[51:48] live in descriptor bits
	// [15:12] and level 1 (4TB) block descriptors exist. Ignored for the
	// 4K and 16K granules.
	bool lpa = false;
	// TCR_ELx.HA / VTCR_EL2.HA: hardware sets the Access flag.
	bool ha = false;
	// TCR_ELx.HD / VTCR_EL2.HD: hardware dirty state management through
	// DBM. Only effective together with ha.
	bool hd = false;
	// The request is privileged (EL1 rather than EL0 in the EL1&0 regime;
	// for stage 2 it selects which FEAT_XNX execute permission applies).
	bool privileged = false;
};

// VTCR_EL2.SL0 to start level (Arm numbering) for a granule; -1 when the
// encoding is reserved for that granule (without FEAT_LPA2).
int start_level_from_sl0(unsigned granule_lg2, unsigned sl0);

// Number of entries in a contiguous run at an Arm level, 0 if the
// contiguous bit is not supported there.
unsigned contiguous_entries(unsigned granule_lg2, int arm_level);

hw::Translation walk(hw::Memory &mem, const Config &cfg, uint64_t iova, hw::Access acc);

// Every table reachable from table_pa (valid Table descriptors), the start
// table first: the concatenated stage 2 start tables count as one table of
// their total size. TTBR1 VAs are the upper-range addresses.
std::vector<hw::TableInfo> tables(hw::Memory &mem, const Config &cfg);

} // namespace hw::armv8
