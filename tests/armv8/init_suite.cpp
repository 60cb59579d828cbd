// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * pt_iommu_armv8_init(): the granule picker shared by the three armv8
 * libraries (all linked into this program, each carrying a weak copy).
 */
#include <linux/generic_pt/iommu.h>
#include <linux/sizes.h>
#include <genericpt/runtime.h>

#include <catch2/catch.hpp>

namespace {

#define GRANULE_OPS(fmt)                                          \
	[] {                                                      \
		iommu_domain_ops o{};                             \
		o.iova_to_phys = pt_iommu_##fmt##_iova_to_phys;   \
		o.map_pages = pt_iommu_##fmt##_map_pages;         \
		o.unmap_pages = pt_iommu_##fmt##_unmap_pages;     \
		return o;                                         \
	}()
const iommu_domain_ops ops4k = GRANULE_OPS(armv8_4k);
const iommu_domain_ops ops16k = GRANULE_OPS(armv8_16k);
const iommu_domain_ops ops64k = GRANULE_OPS(armv8_64k);

/* What the picker must choose (the rule, restated independently). */
unsigned expect_lg2(uint64_t sizes, uint64_t page)
{
	if (sizes & page)
		return __builtin_ctzll(page);
	uint64_t best = 0;
	for (uint64_t g : { SZ_4K, SZ_16K, SZ_64K })
		if ((sizes & g) && g < page)
			best = g;
	if (best)
		return __builtin_ctzll(best);
	for (uint64_t g : { SZ_4K, SZ_16K, SZ_64K })
		if ((sizes & g) && g > page)
			return __builtin_ctzll(g);
	return 0;
}

} // namespace

TEST_CASE("armv8/init/picks_granule", "[armv8][init]")
{
	const uint64_t page = GENERICPT_PAGE_SIZE;
	for (uint64_t sizes = 0; sizes < 8; sizes++) {
		uint64_t mask = ((sizes & 1) ? SZ_4K : 0) | ((sizes & 2) ? SZ_16K : 0) |
				((sizes & 4) ? SZ_64K : 0);
		DYNAMIC_SECTION("granules " << std::hex << mask)
		{
			pt_iommu_armv8 t{};
			pt_iommu_armv8_cfg cfg{};
			cfg.granule_sizes = mask;
			REQUIRE(pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL) == 0);
			/* 0 means any granule. */
			unsigned want = expect_lg2(mask ? mask : SZ_4K | SZ_16K | SZ_64K, page);
			REQUIRE(t.armpt.granule_lg2 == want);
			/* The matching library operates on it. */
			t.iommu.domain.ops = want == 12 ? &ops4k : want == 14 ? &ops16k : &ops64k;
			uint64_t g = uint64_t(1) << want;
			REQUIRE(iommu_map(&t.iommu.domain, 4 * g, 7 * g, g, IOMMU_READ,
					  GFP_KERNEL) == 0);
			REQUIRE(iommu_iova_to_phys(&t.iommu.domain, 4 * g + 5) == 7 * g + 5);
			REQUIRE((t.iommu.domain.pgsize_bitmap & (g - 1)) == 0);
			REQUIRE((t.iommu.domain.pgsize_bitmap & g) != 0);
			pt_iommu_deinit(&t.iommu);
		}
	}
}

TEST_CASE("armv8/init/prefers_cpu_page_size", "[armv8][init]")
{
	pt_iommu_armv8 t{};
	pt_iommu_armv8_cfg cfg{};
	REQUIRE(pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL) == 0);
	REQUIRE((uint64_t(1) << t.armpt.granule_lg2) == GENERICPT_PAGE_SIZE);
	pt_iommu_deinit(&t.iommu);
}

TEST_CASE("armv8/init/errors", "[armv8][init]")
{
	genericpt_alloc_stats before, after;
	genericpt_get_alloc_stats(&before);
	pt_iommu_armv8 t{};
	pt_iommu_armv8_cfg cfg{};
	cfg.granule_sizes = SZ_4K | SZ_2M;
	REQUIRE(pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL) == -EINVAL);
	cfg.granule_sizes = SZ_4K;
	cfg.common.features = 1u << PT_FEAT_ARMV8_LPA; /* 64K only */
	REQUIRE(pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL) == -EOPNOTSUPP);
	cfg.granule_sizes = SZ_64K;
	cfg.common.features = (1u << PT_FEAT_ARMV8_S2) | (1u << PT_FEAT_ARMV8_TTBR1);
	REQUIRE(pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL) == -EINVAL);
	/* A granule's own init refuses a list without its granule. */
	cfg.common.features = 0;
	REQUIRE(pt_iommu_armv8_4k_init(&t, &cfg, GFP_KERNEL) == -EINVAL);
	REQUIRE(pt_iommu_armv8_64k_init(&t, &cfg, GFP_KERNEL) == 0);
	REQUIRE(t.armpt.granule_lg2 == 16);
	pt_iommu_deinit(&t.iommu);
	genericpt_get_alloc_stats(&after);
	REQUIRE(after.live_tables == before.live_tables);
}
