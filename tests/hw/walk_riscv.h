// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// RISC-V Sv32 and Sv39/Sv48/Sv57 walker (and the G-stage Sv39x4/Sv48x4/
// Sv57x4 variants) written from "The RISC-V Instruction Set Manual, Volume II:
// Privileged Architecture" (sections "Sv32", "Virtual Address Translation
// Process", "Sv39", "Sv48", "Sv57", the Svnapot, Svpbmt and Svadu chapters and
// the Hypervisor extension's "Two-Stage Address Translation") and the
// "RISC-V IOMMU Architecture Specification" (iosatp / iohgatp MODE values,
// which depend on DC.tc.SXL / fctl.GXL).
//
// Levels are numbered from 0 (4 KiB leaves), i.e. the spec's i.
#pragma once

#include "hw_walker.h"

namespace hw::riscv {

struct Config {
	// iosatp.PPN / iohgatp.PPN: physical page number of the root table.
	uint64_t root_ppn = 0;
	// iosatp / iohgatp MODE: 8 = Sv39(x4), 9 = Sv48(x4), 10 = Sv57(x4);
	// with sxl32, 8 = Sv32.
	unsigned mode = 8;
	// Svadu-style hardware A/D updating (IOMMU DC.tc.SADE/GADE). When
	// false a leaf with A=0, or a write to a leaf with D=0, faults.
	bool hw_ad = false;
	// G-stage "x4" format: 16 KiB root table, two more VA bits, the VA
	// is zero extended instead of sign extended, every access is a
	// U-mode access.
	bool x4 = false;
	// Svnapot (64 KiB NAPOT leaves) implemented; else N is reserved.
	bool svnapot = true;
	// Svpbmt implemented; else PBMT (62:61) is reserved.
	bool svpbmt = true;
	// The request is privileged (S-mode). Otherwise it is a U-mode
	// request and leaves must have U=1.
	bool supervisor = false;
	// SUM: S-mode requests may read/write U=1 pages.
	bool sum = false;
	// DC.tc.SXL=1, i.e. a 32-bit first stage: MODE 8 is Sv32 (2 levels
	// of 1024 4-byte PTEs, a 32-bit VA: an iova with a bit above 31 set
	// is an AddressSize fault; 34-bit PA; no Svnapot/Svpbmt, so svnapot
	// and svpbmt do not matter). Any other MODE, and Sv32x4 (x4 with
	// sxl32, iohgatp with fctl.GXL=1, not supported), is an Encoding
	// fault from walk() and an empty tables(). Last, so that positional
	// initialisers of the older fields still work.
	bool sxl32 = false;
};

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc);

// Every table reachable from the root (V=1, R=X=0 PTEs), the root first
// (16 KiB for x4, 4 KiB of 4-byte PTEs for Sv32); upper-half VAs of
// Sv39/48/57 are sign extended. Empty for a configuration walk() rejects.
std::vector<TableInfo> tables(Memory &mem, const Config &cfg);

} // namespace hw::riscv
