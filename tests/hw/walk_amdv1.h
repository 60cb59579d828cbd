// SPDX-License-Identifier: GPL-2.0-only OR MIT
//
// AMD IOMMU host ("v1") I/O page table walker, written from
// "AMD I/O Virtualization Technology (IOMMU) Specification" (pub. 48882),
// section 2.2.3 "I/O Page Tables for Host Translations".
//
// Levels are numbered from 0 (the table holding the smallest leaves); the
// specification numbers them from 1, so spec level N == our level N-1 and the
// DTE Mode field equals the number of levels.
//
// The same walker also implements the iommufd selftest "mock" variant: the
// identical layout with a 2 KiB granule (amdv1_mock below).
#pragma once

#include "hw_walker.h"

namespace hw::amdv1 {

// What the Device Table Entry holds for host translation.
struct Config {
	// DTE Host Page Table Root Pointer, a physical address (4 KiB table).
	uint64_t root_pa = 0;
	// DTE Mode: number of levels, 1..6 (amdv1_mock: 1..5).
	unsigned mode = 3;
	// DTE HAD (Host Access/Dirty update enable): hardware sets A in every
	// entry used and D in the leaf on a write.
	bool hw_dirty = false;
	// Memory encryption bits (SME C-bit) to strip from every entry and the
	// root pointer before using the address.
	uint64_t sme_mask = 0;
};

// Granule of the real hardware: 4 KiB.
inline constexpr unsigned kGranuleLg2 = 12;

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc);

// The walker with the granule as a parameter (12 = hardware, 11 = mock).
Translation walk_granule(Memory &mem, const Config &cfg, uint64_t iova,
			 Access acc, unsigned granule_lg2);

// Every table reachable from the DTE root (PR=1 PDEs followed, NextLevel
// 1..6), the root first; all tables are 4 KiB.
std::vector<TableInfo> tables(Memory &mem, const Config &cfg);
std::vector<TableInfo> tables_granule(Memory &mem, const Config &cfg,
				      unsigned granule_lg2);

} // namespace hw::amdv1

namespace hw::amdv1_mock {

// The iommufd selftest variant: address fields count 2 KiB granules, tables
// are still 4 KiB / 512 entries, at most 5 levels, 56 bit VA, 51 bit OA.
using Config = hw::amdv1::Config;
inline constexpr unsigned kGranuleLg2 = 11;

Translation walk(Memory &mem, const Config &cfg, uint64_t iova, Access acc);
std::vector<TableInfo> tables(Memory &mem, const Config &cfg);

} // namespace hw::amdv1_mock
