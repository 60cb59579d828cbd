// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Reference walker for the ARMv7 short-descriptor translation table format,
// written from the ARM Architecture Reference Manual ARMv7-A and ARMv7-R
// edition, DDI0406C, section B3.5 "Short-descriptor translation table
// format" (with B3.7 "Memory access control" and B3.12 "Exception reporting
// in a VMSA implementation" for the fault behaviour).
//
// Model: TTBCR.N == 0 (TTBR0 translates the whole 32-bit input range),
// Large Physical Address Extension's supersection address extension up to
// 40-bit OA. Levels: Translation::level 1 = the first-level table
// (sections, supersections), 0 = second-level tables (large and small
// pages). Not modelled: TEX remap, hardware Access flag management
// (SCTLR.HA), SCTLR.UWXN/WXN, the MediaTek PA-extension quirk bits.
#pragma once

#include "hw_walker.h"

namespace hw::armv7s {

struct Config {
	// TTBR0 base: 16 KiB aligned table of 4096 32-bit first-level entries.
	uint64_t ttbr_pa = 0;
	// The request is privileged (PL1) rather than unprivileged (PL0).
	bool privileged = false;
	// SCTLR.AFE: 1 selects the simplified access permission model where
	// AP[0] is the Access flag; 0 selects the full AP[2:0] model.
	bool afe = true;
	// The PXN extension is implemented (it is with LPAE): first-level
	// descriptor type 0b11 is a section with PXN set and bit[2] of a page
	// table descriptor is PXN. When false, type 0b11 is reserved and
	// bit[2] of a page table descriptor is SBZ.
	bool pxn = false;
	// DACR: 2 bits per domain, 0b01 (client) checks the permission bits,
	// 0b11 (manager) does not, 0b00 faults, 0b10 is reserved. Default: all
	// sixteen domains are clients.
	uint32_t dacr = 0x55555555u;
};

hw::Translation walk(hw::Memory &mem, const Config &cfg, uint64_t iova, hw::Access acc);

// The 16 KiB first-level table (level 1) and every 1 KiB second-level
// table its page table descriptors point at (level 0).
std::vector<hw::TableInfo> tables(hw::Memory &mem, const Config &cfg);

} // namespace hw::armv7s
