// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The AMDv1 tables read by the AMD IOMMU host page table walker
// (tests/hw/walk_amdv1.h): the adapter shared by the amdv1 (4 KiB) and
// amdv1_mock (2 KiB granule) oracle headers. Define GPT_ORACLE_AMDV1_NS to
// the walker's namespace and GPT_ORACLE_AMDV1_G to the granule (log2).
#include "walk_amdv1.h"

namespace gpt::oracle {

/*
 * The DTE from hw_info: root pointer and Mode; HAD on (the driver enables
 * it to track dirty pages); the C-bit stripped when the tables are
 * encrypted (the platform's SME mask).
 */
inline hw::amdv1::Config amdv1_hw(Table &t, const ConfigCase &cc)
{
	HwInfo h = t.hw_info();
	hw::amdv1::Config c;
	c.root_pa = h.host_pt_root;
	c.mode = h.mode;
	c.hw_dirty = true;
	if (user_features(cc) & (1u << PT_FEAT_AMDV1_ENCRYPT_TABLES))
		c.sme_mask = genericpt_sme_me_mask;
	return c;
}

class Walker : public BasicWalker<hw::amdv1::Config, GPT_ORACLE_AMDV1_NS::walk,
				  GPT_ORACLE_AMDV1_NS::tables> {
public:
	Walker(Table &t, const ConfigCase &cc, bool) : BasicWalker(amdv1_hw(t, cc))
	{
	}
};

/* IR / IW; no execute control (a fetch is a read); no privilege levels. */
inline Perms expect_perms(const ConfigCase &, int prot, bool, bool)
{
	bool r = prot & IOMMU_READ;
	return { r, (prot & IOMMU_WRITE) != 0, r };
}

inline std::vector<int> prot_choices()
{
	return { IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
		 IOMMU_READ | IOMMU_NOEXEC, IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE,
		 IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO };
}

/*
 * 48882 2.2.3, Table 15: 512-entry tables, 9 VA bits per level above the
 * granule; Mode = levels; 52-bit PA (the mock: 51), below the C-bit with
 * encrypted tables; D set by hardware with HAD.
 */
inline Facts facts(Table &t, const ConfigCase &cc)
{
	Facts f;
	f.top = t.hw_info().mode - 1u;
	for (unsigned k = 0; k < 8; k++)
		f.item_lg2[k] = GPT_ORACLE_AMDV1_G + 9 * k;
	f.dirty = true;
	f.oa_lg2 = GPT_ORACLE_AMDV1_G == 12 ? 52 : 51;
	if (user_features(cc) & (1u << PT_FEAT_AMDV1_ENCRYPT_TABLES))
		f.oa_lg2 = (unsigned)__builtin_ctzll(genericpt_sme_me_mask);
	return f;
}

} // namespace gpt::oracle
