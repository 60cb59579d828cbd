// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The x86_64 tables read by the x86 4/5-level paging walker
// (tests/hw/walk_x86.h), as an AMD IOMMU v2 / VT-d first stage would.
// Included twice by oracle_suite.cpp: the walker adapter, then the cases.
#ifndef GPT_ORACLE_CASES
#include "walk_x86.h"

namespace gpt::oracle {

/*
 * GCR3/FSPTPTR and the level count from hw_info; A/D updated by hardware,
 * NXE on, the C-bit stripped with encrypted tables. An unprivileged
 * request is a user-mode access (U/S checked), a privileged one a
 * supervisor access.
 */
inline hw::x86_64::Config x86_64_hw(Table &t, const ConfigCase &cc,
				    bool privileged)
{
	HwInfo h = t.hw_info();
	hw::x86_64::Config c;
	c.root_pa = h.gcr3_pt;
	c.levels = h.levels;
	c.hw_ad = true;
	c.nxe = true;
	c.user = !privileged;
	if (user_features(cc) & (1u << PT_FEAT_X86_64_AMD_ENCRYPT_TABLES))
		c.sme_mask = genericpt_sme_me_mask;
	return c;
}

class Walker : public BasicWalker<hw::x86_64::Config, hw::x86_64::walk,
				  hw::x86_64::tables> {
public:
	Walker(Table &t, const ConfigCase &cc, bool privileged)
		: BasicWalker(x86_64_hw(t, cc, privileged))
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
		 IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO | IOMMU_NOEXEC };
}

/* 4.5: 4 KiB tables of 512 entries; canonical VAs, both halves or the lower. */
inline Facts facts(Table &t, const ConfigCase &cc)
{
	Facts f;
	f.top = t.hw_info().levels - 1u;
	for (unsigned k = 0; k < 8; k++)
		f.item_lg2[k] = 12 + 9 * k;
	f.dirty = true;
	f.oa_lg2 = 52;
	if (user_features(cc) & (1u << PT_FEAT_X86_64_AMD_ENCRYPT_TABLES))
		f.oa_lg2 = (unsigned)__builtin_ctzll(genericpt_sme_me_mask);
	/* AMD v2 lower-half tables (47/56-bit VA) are not sign extended. */
	f.sign_extend = t.t.x86_64_pt.common.features & (1u << PT_FEAT_SIGN_EXTEND);
	return f;
}

} // namespace gpt::oracle
#endif
