// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Reference walker for the Arm long-descriptor translation table formats:
// VMSAv8-64 (stage 1 and stage 2), written from the Arm Architecture
// Reference Manual for A-profile, DDI0487, chapter D8 "The AArch64 Virtual
// Memory System Architecture", and, with Config::aarch32, the VMSAv8-32
// Long-descriptor format (LPAE) of chapter G5 "The AArch32 Virtual Memory
// System Architecture", section "The VMSAv8-32 Long-descriptor translation
// table format".
//
// Level numbering: the Arm manual counts levels from the root (level 0 for a
// 48-bit 4K walk, level -1 for a 52-bit 4K walk with FEAT_LPA2, level 3
// holds pages). hw::Translation::level counts from the leaves instead (0 =
// table of the smallest leaves), so Translation::level == 3 - Arm level
// (4 for the FEAT_LPA2 level -1 table). Config::s2_start_level is given in
// the manual's numbering because it comes straight from VTCR_EL2.SL0/SL2
// (VTCR.SL0 for AArch32).
//
// Features modelled: 4K/16K/64K granules, TTBR0/TTBR1 ranges, stage 2 with
// concatenated start tables, FEAT_LPA (52-bit OA, 64K granule only),
// FEAT_LVA (52-bit input, 64K granule only), FEAT_LPA2 (TCR_ELx.DS /
// VTCR_EL2.DS: 52-bit input and OA with 4K/16K, OA[51:50] in bits[9:8],
// level -1 with 4K, level 0 blocks with 4K and level 1 blocks with 16K,
// VTCR_EL2.SL2), FEAT_HAFDBS (hardware Access flag and dirty state),
// FEAT_XNX (two stage 2 XN bits, both formats), contiguous hint; VMSAv8-32
// Long-descriptor stage 1 (TTBCR.EAE = 1: T0SZ/T1SZ split, 32-bit input,
// 40-bit OA, start at level 1 or 2) and stage 2 (VTCR signed T0SZ, SL0,
// up to 40-bit IPA with two concatenated level 1 tables or up to 16
// concatenated level 2 tables).
// Not modelled: FEAT_BTI (GP bit), FEAT_HPDS / FEAT_AA32HPD (hierarchical
// permission disables), PAN, WXN/UWXN, FEAT_XS, FEAT_BBM nT, TCR.SH0/SH1
// (with DS = 1 shareability is not in the descriptor and is not decoded),
// the AArch32 EL2 (HTTBR) stage 1 regime.
#pragma once

#include "hw_walker.h"

namespace hw::armv8 {

// Config::s2_start_level: compute the start level (the default).
inline constexpr int kS2StartAuto = -100;
// start_level_from_sl0*(): the encoding is reserved.
inline constexpr int kReservedLevel = -99;

struct Config {
	// Translation granule, log2 bytes: 12, 14 or 16 (TCR_ELx.TG0/TG1,
	// VTCR_EL2.TG0). Must be 12 with aarch32.
	unsigned granule_lg2 = 12;
	// 1: stage 1 (TTBRn_ELx, TCR_ELx; AArch32 TTBR0/TTBR1, TTBCR);
	// 2: stage 2 (VTTBR_EL2, VTCR_EL2; AArch32 VTTBR, VTCR).
	unsigned stage = 1;
	// Physical address of the start-level table (TTBRn_ELx.BADDR or
	// VTTBR_EL2.BADDR, with BADDR[51:48] from bits[5:2] already folded in
	// for a 52-bit OA). For stage 2 with concatenated start tables this is
	// the first of the 2..16 contiguous tables.
	uint64_t table_pa = 0;
	// AArch64: TCR_ELx.T0SZ / T1SZ or VTCR_EL2.T0SZ, the input range is
	// 64 - tsz bits.
	// aarch32 stage 1: TTBCR.T0SZ (upper == false) or TTBCR.T1SZ (upper ==
	// true), 0..7, the input range of that TTBR is 32 - tsz bits.
	// aarch32 stage 2: the raw 4-bit VTCR.T0SZ field, a signed value
	// (0x8 = -8 .. 0x7 = 7): the IPA range is 32 - SInt(tsz) bits, 25..40,
	// i.e. tsz = (32 - ipa_bits) & 0xf.
	unsigned tsz = 16;
	// Stage 1 only: walk the upper (TTBR1) range. AArch64: bits
	// [63:64-tsz] of the iova must all be ones. aarch32: the iova must be
	// in TTBR1's part of the 32-bit VA space (see a32_other_tsz).
	bool upper = false;
	// aarch32 stage 1 only: the TxSZ of the other TTBR (TTBCR.T1SZ when
	// walking TTBR0, TTBCR.T0SZ when walking TTBR1), 0..7. With tsz it
	// decides which VAs belong to the walked TTBR (G5, "Selecting between
	// TTBR0 and TTBR1"): a VA of the other TTBR or of the gap between the
	// two ranges is reported as Fault::AddressSize.
	unsigned a32_other_tsz = 0;
	// Stage 2 only: start level in the manual's numbering (-1..3), as
	// decoded from VTCR_EL2.{SL2, SL0} / VTCR.SL0 (see
	// start_level_from_sl0() and start_level_from_sl0_aarch32()).
	// kS2StartAuto computes it: the level a single table would start at,
	// except that a walk that would start at level 0 or -1 starts one
	// level lower with concatenated tables when at most 16 are needed.
	// kReservedLevel (a reserved SL0 encoding) is a configuration error.
	int s2_start_level = kS2StartAuto;
	// Output address size in bits (TCR_ELx.IPS / VTCR_EL2.PS decoded):
	// 32, 36, 40, 42, 44, 48 or 52. 52 needs lpa with the 64K granule, or
	// ds with 4K/16K. Ignored with aarch32 (always 40 bits: a descriptor
	// or base address with bits[47:40] set gives an Address size fault).
	unsigned ips_bits = 48;
	// FEAT_LPA with the 64K granule: OA[51:48] live in descriptor bits
	// [15:12] and level 1 (4TB) block descriptors exist. Ignored for the
	// 4K and 16K granules.
	bool lpa = false;
	// FEAT_LPA2, TCR_ELx.DS / VTCR_EL2.DS = 1 (4K and 16K granules only;
	// a configuration error with 64K or aarch32): descriptors hold
	// OA[49:granule] in bits[49:granule] and OA[51:50] in bits[9:8]
	// (Table, Block and Page descriptors; no SH field, bits[9:8] are not
	// checked for the reserved shareability encoding); tsz down to 12;
	// ips_bits 52; start level -1 with 4K (input above 48 bits); Block
	// descriptors at level 0 (512GB) with 4K and level 1 (64GB) with 16K,
	// where the Contiguous bit is RES0; a 16K stage 2 walk may start at
	// level 0.
	bool ds = false;
	// The VMSAv8-32 Long-descriptor format (AArch32 LPAE, TTBCR.EAE = 1;
	// stage 2 always uses it), 4K granule only. ha, hd, lpa and ips_bits
	// are ignored: hardware Access flag / dirty state management
	// (FEAT_HAFDBS) is VMSAv8-64 only, so AF == 0 always faults and DBM
	// (bit 51) is RES0.
	bool aarch32 = false;
	// TCR_ELx.HA / VTCR_EL2.HA: hardware sets the Access flag.
	bool ha = false;
	// TCR_ELx.HD / VTCR_EL2.HD: hardware dirty state management through
	// DBM. Only effective together with ha.
	bool hd = false;
	// The request is privileged (EL1 rather than EL0 in the EL1&0 regime,
	// PL1 rather than PL0 for aarch32; for stage 2 it selects which
	// FEAT_XNX execute permission applies).
	bool privileged = false;
};

// VTCR_EL2.SL0 to start level (Arm numbering) for a granule without
// FEAT_LPA2; kReservedLevel when the encoding is reserved for that granule.
int start_level_from_sl0(unsigned granule_lg2, unsigned sl0);

// VTCR_EL2.{SL2, SL0} to start level with FEAT_LPA2 implemented: with
// ds, SL2 = 1 and SL0 = 0b00 is level -1 (4K only) and SL0 = 0b11 is level
// 0 for 16K; SL2 = 1 with another SL0, or with 16K/64K, is reserved. With
// ds false this is start_level_from_sl0(granule_lg2, sl0) (SL2 is RES0).
int start_level_from_sl0(unsigned granule_lg2, unsigned sl0, unsigned sl2, bool ds);

// AArch32 VTCR.SL0 to start level: 0b00 level 2, 0b01 level 1, else
// kReservedLevel.
int start_level_from_sl0_aarch32(unsigned sl0);

// Number of entries in a contiguous run at an Arm level, 0 if the
// contiguous bit is not supported there (the bit is then RES0: the FEAT_LPA2
// level 0 / level 1 blocks, the FEAT_LPA 64K level 1 block). Also holds for
// the VMSAv8-32 format (granule 12: 16 entries at levels 1..3).
unsigned contiguous_entries(unsigned granule_lg2, int arm_level);

hw::Translation walk(hw::Memory &mem, const Config &cfg, uint64_t iova, hw::Access acc);

// Every table reachable from table_pa (valid Table descriptors), the start
// table first: the concatenated stage 2 start tables count as one table of
// their total size. TTBR1 VAs are the upper-range addresses (AArch64: sign
// extended; aarch32: 32-bit, the TTBR1 table's index base 2^32 - 2^(32-T1SZ),
// 0 for T1SZ = 0).
std::vector<hw::TableInfo> tables(hw::Memory &mem, const Config &cfg);

} // namespace hw::armv8
