// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The DART tables read by the Apple DART reference walker
// (tests/hw/walk_dart.h): the adapter shared by the dart and dart_4k
// oracle headers.
#include "walk_dart.h"

namespace gpt::oracle {

inline hw::dart::Config dart_hw(Table &t, const ConfigCase &cc)
{
	HwInfo h = t.hw_info();
	hw::dart::Config c;
	c.granule_lg2 = (unsigned)__builtin_ctzll(t.granule());
	c.layout = user_features(cc) & (1u << PT_FEAT_DART_V2) ? 2 : 1;
	c.num_ttbr = h.num_ttbr;
	for (unsigned i = 0; i < 4; i++)
		c.ttbr[i] = h.ttbr[i];
	c.va_bits = 64 - (unsigned)__builtin_clzll(t.aperture_end());
	return c;
}

class Walker
	: public BasicWalker<hw::dart::Config, hw::dart::walk, hw::dart::tables> {
public:
	Walker(Table &t, const ConfigCase &cc, bool) : BasicWalker(dart_hw(t, cc))
	{
	}
};

/* No-read / no-write bits; no execute permission (a fetch is a read). */
inline Perms expect_perms(const ConfigCase &, int prot, bool, bool)
{
	bool r = prot & IOMMU_READ;
	return { r, (prot & IOMMU_WRITE) != 0, r };
}

/*
 * Two levels of one-granule tables of 8-byte entries, leaves in level 0
 * only, one L1 table per TTBR; PA 36 bits (v1) or 42 (v2).
 */
inline Facts facts(Table &t, const ConfigCase &cc)
{
	Facts f;
	unsigned g = (unsigned)__builtin_ctzll(t.granule());
	f.top = 1;
	f.item_lg2[0] = g;
	f.item_lg2[1] = g + (g - 3);
	f.root_span_lg2 = g + 2 * (g - 3);
	f.roots = t.hw_info().num_ttbr;
	f.oa_lg2 = user_features(cc) & (1u << PT_FEAT_DART_V2) ? 42 : 36;
	return f;
}

inline std::vector<int> prot_choices()
{
	return { IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
		 IOMMU_READ | IOMMU_CACHE, IOMMU_WRITE | IOMMU_CACHE,
		 IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO | IOMMU_NOEXEC };
}

inline ConfigCase dart_case(const char *name)
{
	return config_named(name);
}

} // namespace gpt::oracle
