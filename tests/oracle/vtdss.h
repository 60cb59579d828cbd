// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The vtdss tables read by the VT-d second-stage walker
// (tests/hw/walk_vtdss.h).
// Included twice by oracle_suite.cpp: the walker adapter, then the cases.
#ifndef GPT_ORACLE_CASES
#include "walk_vtdss.h"

namespace gpt::oracle {

/*
 * SSPTPTR and AW from hw_info; SSADE on (the driver sets it to track
 * dirty pages), execute requests enabled, snoop control present.
 */
inline hw::vtdss::Config vtdss_hw(Table &t)
{
	HwInfo h = t.hw_info();
	hw::vtdss::Config c;
	c.root_pa = h.ssptptr;
	c.aw = h.aw;
	c.ssade = true;
	c.sl_exec = true;
	c.snoop_control = true;
	return c;
}

class Walker : public BasicWalker<hw::vtdss::Config, hw::vtdss::walk,
				  hw::vtdss::tables> {
public:
	Walker(Table &t, const ConfigCase &, bool) : BasicWalker(vtdss_hw(t)) {}
};

/* 3.7: R, W, X; an execute request needs R and X. */
inline Perms expect_perms(const ConfigCase &, int prot, bool, bool)
{
	bool r = prot & IOMMU_READ;
	return { r, (prot & IOMMU_WRITE) != 0, r && !(prot & IOMMU_NOEXEC) };
}

inline std::vector<int> prot_choices()
{
	return { IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
		 IOMMU_READ | IOMMU_NOEXEC, IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC,
		 IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE };
}

/* 9.8: 512-entry 4 KiB tables, AW = levels - 2; 52-bit host address. */
inline Facts facts(Table &t, const ConfigCase &)
{
	Facts f;
	f.top = t.hw_info().aw + 1u;
	for (unsigned k = 0; k < 8; k++)
		f.item_lg2[k] = 12 + 9 * k;
	f.dirty = true;
	f.oa_lg2 = 52;
	return f;
}

} // namespace gpt::oracle
#endif
