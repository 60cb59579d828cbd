// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// Intel VT-d second-stage page table walker, written from the "Intel
// Virtualization Technology for Directed I/O Architecture Specification",
// section 3.7 "Second-Stage Translation" and section 9.8 "Second-Stage Paging
// Entries".
//
// Levels are numbered from 0: SS-PTE = 0, SS-PDE = 1, SS-PDPE = 2,
// SS-PML4E = 3, SS-PML5E = 4.
#pragma once

#include "hw_walker.h"

namespace hw::vtdss {

struct Config {
	// SSPTPTR of the (scalable-mode PASID / legacy context) entry.
	uint64_t root_pa = 0;
	// AW: 1 = 39 bit / 3 levels, 2 = 48 bit / 4 levels, 3 = 57 bit / 5.
	unsigned aw = 2;
	// SSADE: hardware sets A in every entry used and D in the leaf on a
	// write.
	bool ssade = false;
	// Execute requests are enabled (the X bits are checked); when false
	// an execute request faults and X is ignored.
	bool sl_exec = false;
	// Host address width: address bits 51:haw are reserved.
	unsigned haw = 52;
	// CAP.SLLPS: bit 0 = 2 MiB pages, bit 1 = 1 GiB pages supported.
	unsigned sllps = 3;
	// ECAP.SC: the SNP bit (11) is allowed in leaves; otherwise reserved.
	bool snoop_control = true;
};

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc);

// Every 4 KiB table reachable from root_pa (present entries with PS=0
// above the SS-PTEs), the root first.
std::vector<TableInfo> tables(Memory &mem, const Config &cfg);

} // namespace hw::vtdss
