// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// x86 paging walkers written from the "Intel 64 and IA-32 Architectures
// Software Developer's Manual", Volume 3A, chapter 4 "Paging":
//  - hw::x86_64: 4-level and 5-level paging (4.5), as used by the AMD IOMMU
//    v2 (guest) tables and the Intel VT-d first-stage tables.
//  - hw::x86pae: PAE paging (4.4).
//
// Levels are numbered from 0: PTE = 0, PDE = 1, PDPTE = 2, PML4E = 3,
// PML5E = 4.
#pragma once

#include "hw_walker.h"

namespace hw::x86_64 {

struct Config {
	// CR3 / AMD GCR3 table root / VT-d FSPTPTR: physical address of the
	// top table (bits 51:12 used).
	uint64_t root_pa = 0;
	// 4 (CR4.LA57=0) or 5 (CR4.LA57=1). 3 is accepted as a non
	// architectural extension (39 bit VA, top at the PDPT) for library
	// configurations with a small VA.
	unsigned levels = 4;
	// Hardware sets A in every entry used and D in the leaf on a write.
	bool hw_ad = true;
	// IA32_EFER.NXE: bit 63 is XD; when clear bit 63 is reserved.
	bool nxe = true;
	// Memory encryption bits (SME C-bit) stripped from every entry.
	uint64_t sme_mask = 0;
	// MAXPHYADDR: address bits 51:maxphyaddr are reserved.
	unsigned maxphyaddr = 52;
	// CPUID.80000001H:EDX.Page1GB: when clear PS in a PDPTE is reserved.
	bool page1g = true;
	// The request is a user-mode request (U/S must be 1 at every level).
	// A supervisor request ignores U/S and honours R/W (CR0.WP=1).
	bool user = true;
};

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc);

// Every paging structure reachable from root_pa (P=1, PS=0 entries above
// the PTEs), the root first; upper-half VAs are sign extended.
std::vector<TableInfo> tables(Memory &mem, const Config &cfg);

} // namespace hw::x86_64

namespace hw::x86pae {

struct Config {
	// CR3 bits 31:5: the 32-byte aligned page-directory-pointer table.
	// (The host test memory may sit above 4 GiB, so all 64 bits are used.)
	uint64_t root_pa = 0;
	unsigned maxphyaddr = 52;
	bool nxe = true;
	bool hw_ad = true;
	// See hw::x86_64::Config::user.
	bool user = true;
};

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc);

// The 32-byte PDPT (level 2), then the page directories and page tables
// reachable from it.
std::vector<TableInfo> tables(Memory &mem, const Config &cfg);

} // namespace hw::x86pae
