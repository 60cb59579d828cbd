// SPDX-License-Identifier: GPL-2.0-only OR MIT
// The DART tables read by the Apple DART reference walker
// (tests/hw/walk_dart.h): the adapter shared by the dart and dart_4k
// oracle headers.
#include "walk_dart.h"

namespace gpt::oracle {

class Walker {
public:
	Walker(Table &t, const ConfigCase &cc, bool)
	{
		HwInfo h = t.hw_info();
		cfg_.granule_lg2 = (unsigned)__builtin_ctzll(t.granule());
		cfg_.layout = cc.features & (1u << PT_FEAT_DART_V2) ? 2 : 1;
		cfg_.num_ttbr = h.num_ttbr;
		for (unsigned i = 0; i < 4; i++)
			cfg_.ttbr[i] = h.ttbr[i];
		cfg_.va_bits = 64 - (unsigned)__builtin_clzll(t.aperture_end());
	}
	hw::Translation walk(u64 iova, hw::Access acc)
	{
		return hw::dart::walk(mem_, cfg_, iova, acc);
	}
	const hw::dart::Config &config() const { return cfg_; }

private:
	hw::HostMemory mem_;
	hw::dart::Config cfg_;
};

/* No-read / no-write bits; no execute permission (a fetch is a read). */
inline void expect_perms(int prot, bool, bool *r, bool *w, bool *x)
{
	*r = prot & IOMMU_READ;
	*w = prot & IOMMU_WRITE;
	*x = *r;
}

inline std::vector<int> prot_choices()
{
	return { IOMMU_READ, IOMMU_WRITE, IOMMU_READ | IOMMU_WRITE,
		 IOMMU_READ | IOMMU_CACHE, IOMMU_WRITE | IOMMU_CACHE,
		 IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO | IOMMU_NOEXEC };
}

inline ConfigCase dart_case(const char *name)
{
	for (auto &cc : format_configs())
		if (std::string(cc.name) == name)
			return cc;
	FAIL("no config " << name);
	return base_case();
}

} // namespace gpt::oracle
