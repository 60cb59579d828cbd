// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * What the riscv_64 and riscv_32 feature tests share: the walker's
 * configuration from the table's hw_info (SXL=1 for riscv_32, the x4
 * G-stage from the table's features), the expected permissions, and a
 * leaf's raw entry. Included by tests/cfg/riscv_{64,32}_features.cpp.
 */
#pragma once

#include "walker_oracle.h"
#include "walk_riscv.h"

namespace gpt::riscv_features {

inline hw::HostMemory mem;

/* iosatp PPN and MODE from hw_info; Svnapot and Svpbmt implemented. */
inline hw::riscv::Config walker_cfg(Table &t, bool hw_ad, bool sxl32,
				    bool x4)
{
	HwInfo h = t.hw_info();
	hw::riscv::Config c;
	c.root_ppn = h.ppn;
	c.mode = h.fsc_iosatp_mode;
	c.sxl32 = sxl32;
	c.hw_ad = hw_ad;
	c.x4 = x4;
	c.svnapot = true;
	c.svpbmt = true;
	return c;
}

inline WalkFn walker(hw::riscv::Config c)
{
	return [c](u64 iova, hw::Access acc) {
		return hw::riscv::walk(mem, c, iova, acc);
	};
}

/* A writable leaf is readable (W without R is reserved). */
inline Perms perms(int prot)
{
	bool r = prot & (IOMMU_READ | IOMMU_WRITE);
	return { r, (prot & IOMMU_WRITE) != 0, !(prot & IOMMU_NOEXEC) };
}

inline const std::vector<int> all_prots = {
	IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
	IOMMU_READ | IOMMU_NOEXEC, IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC,
};

inline u64 leaf_raw(Table &t, u64 va)
{
	for (auto &l : t.leaves())
		if (l.va <= va && va - l.va < l.size)
			return l.raw;
	FAIL("no leaf at " << std::hex << va);
	return 0;
}

} // namespace gpt::riscv_features
