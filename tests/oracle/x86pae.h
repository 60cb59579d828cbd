// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The x86pae tables read by the PAE paging walker (tests/hw/walk_x86.h).
// Included twice by oracle_suite.cpp: the walker adapter, then the cases.
#ifndef GPT_ORACLE_CASES
#include "walk_x86.h"

namespace gpt::oracle {

/* CR3 from hw_info; A/D updated by hardware, NXE on; U/S as for x86_64. */
inline hw::x86pae::Config x86pae_hw(Table &t, bool privileged)
{
	hw::x86pae::Config c;
	c.root_pa = t.hw_info().cr3;
	c.hw_ad = true;
	c.nxe = true;
	c.user = !privileged;
	return c;
}

class Walker : public BasicWalker<hw::x86pae::Config, hw::x86pae::walk,
				  hw::x86pae::tables> {
public:
	Walker(Table &t, const ConfigCase &, bool privileged)
		: BasicWalker(x86pae_hw(t, privileged))
	{
	}
};

/* SDM 4.6: no read-disable; U/S for user requests, R/W for writes, XD. */
inline Perms expect_perms(const ConfigCase &, int prot, bool privileged, bool)
{
	bool r = privileged || !(prot & IOMMU_PRIV);
	return { r, r && (prot & IOMMU_WRITE), r && !(prot & IOMMU_NOEXEC) };
}

inline std::vector<int> prot_choices()
{
	return { IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
		 IOMMU_READ | IOMMU_NOEXEC, IOMMU_READ | IOMMU_WRITE | IOMMU_PRIV,
		 IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO };
}

/* 4.4: a 4-entry PDPT (1 GiB each), then 512-entry PDs and PTs; 52-bit PA. */
inline Facts facts(Table &, const ConfigCase &)
{
	Facts f;
	f.top = 2;
	f.item_lg2[0] = 12;
	f.item_lg2[1] = 21;
	f.item_lg2[2] = 30;
	f.dirty = true;
	f.oa_lg2 = 52;
	return f;
}

} // namespace gpt::oracle
#endif
