// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The armv8 granule at init: pt_iommu_armv8_choose_granule_lg2sz() (the
 * kernel's picker, built for this GENERICPT_PAGE_SIZE), libgenericpt_armv8
 * taking each granule from the cfg, and the fixed-granule libraries taking
 * only theirs. All four armv8 libraries are linked into this program.
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
const iommu_domain_ops ops_any = GRANULE_OPS(armv8);
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

/* Map one granule at 4 granules, check it through @ops. */
void map_one(pt_iommu_armv8 &t, const iommu_domain_ops *ops, unsigned lg2)
{
	t.iommu.domain.ops = ops;
	uint64_t g = uint64_t(1) << lg2;
	REQUIRE(iommu_map(&t.iommu.domain, 4 * g, 7 * g, g, IOMMU_READ,
			  GFP_KERNEL) == 0);
	REQUIRE(iommu_iova_to_phys(&t.iommu.domain, 4 * g + 5) == 7 * g + 5);
	REQUIRE((t.iommu.domain.pgsize_bitmap & (g - 1)) == 0);
	REQUIRE((t.iommu.domain.pgsize_bitmap & g) != 0);
}

} // namespace

TEST_CASE("armv8/init/choose_granule", "[armv8][init]")
{
	const uint64_t page = GENERICPT_PAGE_SIZE;
	REQUIRE(pt_iommu_armv8_choose_granule_lg2sz(0) == 0);
	REQUIRE(pt_iommu_armv8_choose_granule_lg2sz(SZ_2M | SZ_8K) == 0);
	for (uint64_t sizes = 1; sizes < 8; sizes++) {
		uint64_t mask = ((sizes & 1) ? SZ_4K : 0) | ((sizes & 2) ? SZ_16K : 0) |
				((sizes & 4) ? SZ_64K : 0);
		DYNAMIC_SECTION("granules " << std::hex << mask)
		{
			unsigned want = expect_lg2(mask, page);
			/* Other bits are ignored. */
			REQUIRE(pt_iommu_armv8_choose_granule_lg2sz(mask | SZ_2M) == want);
			pt_iommu_armv8 t{};
			pt_iommu_armv8_cfg cfg{};
			cfg.granule_lg2sz = pt_iommu_armv8_choose_granule_lg2sz(mask);
			REQUIRE(pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL) == 0);
			REQUIRE(t.armpt.granule_lg2sz == want);
			map_one(t, &ops_any, want);
			pt_iommu_deinit(&t.iommu);
			/* The fixed-granule library of that granule agrees. */
			pt_iommu_armv8 f{};
			const iommu_domain_ops *ops = want == 12 ? &ops4k :
						      want == 14 ? &ops16k : &ops64k;
			int r = want == 12 ? pt_iommu_armv8_4k_init(&f, &cfg, GFP_KERNEL) :
				want == 14 ? pt_iommu_armv8_16k_init(&f, &cfg, GFP_KERNEL) :
					     pt_iommu_armv8_64k_init(&f, &cfg, GFP_KERNEL);
			REQUIRE(r == 0);
			map_one(f, ops, want);
			pt_iommu_deinit(&f.iommu);
		}
	}
}

TEST_CASE("armv8/init/prefers_cpu_page_size", "[armv8][init]")
{
	REQUIRE((uint64_t(1) << pt_iommu_armv8_choose_granule_lg2sz(
			 SZ_4K | SZ_16K | SZ_64K)) == GENERICPT_PAGE_SIZE);
}

TEST_CASE("armv8/init/errors", "[armv8][init]")
{
	genericpt_alloc_stats before, after;
	genericpt_get_alloc_stats(&before);
	pt_iommu_armv8 t{};
	pt_iommu_armv8_cfg cfg{};
	/* The runtime library needs a granule; only 12, 14, 16. */
	for (unsigned g : { 0u, 13u, 15u, 21u }) {
		cfg.granule_lg2sz = g;
		REQUIRE(pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL) == -EOPNOTSUPP);
	}
	cfg.granule_lg2sz = 12;
	cfg.common.features = 1u << PT_FEAT_ARMV8_LPA; /* 64K only */
	REQUIRE(pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL) == -EOPNOTSUPP);
	cfg.granule_lg2sz = 16;
	cfg.common.features = 1u << PT_FEAT_ARMV8_LPA2; /* 4K/16K only */
	REQUIRE(pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL) == -EOPNOTSUPP);
	cfg.granule_lg2sz = 14;
	cfg.common.features = 1u << PT_FEAT_ARMV8_AARCH32; /* 4K only */
	REQUIRE(pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL) == -EOPNOTSUPP);
	cfg.granule_lg2sz = 16;
	cfg.common.features = (1u << PT_FEAT_ARMV8_S2) | (1u << PT_FEAT_ARMV8_TTBR1);
	REQUIRE(pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL) == -EINVAL);
	/* A fixed library takes 0 or its own granule, nothing else. */
	cfg.common.features = 0;
	REQUIRE(pt_iommu_armv8_4k_init(&t, &cfg, GFP_KERNEL) == -EOPNOTSUPP);
	REQUIRE(pt_iommu_armv8_16k_init(&t, &cfg, GFP_KERNEL) == -EOPNOTSUPP);
	/* ... and not the features only libgenericpt_armv8 has. */
	cfg.granule_lg2sz = 12;
	cfg.common.features = 1u << PT_FEAT_ARMV8_LPA2;
	REQUIRE(pt_iommu_armv8_4k_init(&t, &cfg, GFP_KERNEL) == -EOPNOTSUPP);
	cfg.common.features = 0;
	cfg.granule_lg2sz = 0;
	REQUIRE(pt_iommu_armv8_64k_init(&t, &cfg, GFP_KERNEL) == 0);
	REQUIRE(t.armpt.granule_lg2sz == 16);
	pt_iommu_deinit(&t.iommu);
	genericpt_get_alloc_stats(&after);
	REQUIRE(after.live_tables == before.live_tables);
}

/*
 * A Contiguous bit written into a start table smaller than a run (VMSAv8-32
 * with a 32-bit VA: 4 items; stage 1 4K with 31 bits: 2 items) must not make
 * unmap, dirty tracking or a translation reach past the table's items:
 * the rest of the 64-byte start table allocation keeps its bytes.
 */
TEST_CASE("armv8/init/contiguous_bit_in_small_start_table", "[armv8][init]")
{
	struct Case {
		const char *name;
		unsigned features, vasz, items;
		bool fixed4k;
	} cases[] = {
		{ "aarch32 32-bit", 1u << PT_FEAT_ARMV8_AARCH32, 32, 4, false },
		{ "4k 31-bit", 1u << PT_FEAT_ARMV8_DBM, 31, 2, false },
		{ "armv8_4k 31-bit", 1u << PT_FEAT_ARMV8_DBM, 31, 2, true },
	};
	for (auto &c : cases) {
		DYNAMIC_SECTION(c.name)
		{
			pt_iommu_armv8 t{};
			pt_iommu_armv8_cfg cfg{};
			cfg.granule_lg2sz = 12;
			cfg.common.features = c.features;
			cfg.common.hw_max_vasz_lg2 = (u8)c.vasz;
			cfg.common.hw_max_oasz_lg2 = 40;
			REQUIRE((c.fixed4k ? pt_iommu_armv8_4k_init(&t, &cfg, GFP_KERNEL) :
					     pt_iommu_armv8_init(&t, &cfg, GFP_KERNEL)) == 0);
			t.iommu.domain.ops = c.fixed4k ? &ops4k : &ops_any;
			struct pt_iommu_armv8_hw_info h{};
			pt_iommu_armv8_hw_info(&t, &h);
			REQUIRE(h.num_start_tables == 1);
			u64 *top = static_cast<u64 *>(phys_to_virt(h.ttb));
			/* A 1 GiB block with the Contiguous bit, at item 0. */
			const u64 cont = 1ULL << 52, af = 1ULL << 10;
			top[0] = 0x40000000ULL | cont | af | 1;
			for (unsigned i = c.items; i != 8; i++)
				top[i] = 0xc0ffee00ULL + i; /* the allocation's tail */
			REQUIRE(iommu_iova_to_phys(&t.iommu.domain, 0x1234) ==
				0x40001234ULL);
			REQUIRE(iommu_unmap(&t.iommu.domain, 0, 1ULL << 30) == 1ULL << 30);
			REQUIRE(top[0] == 0);
			for (unsigned i = c.items; i != 8; i++)
				REQUIRE(top[i] == 0xc0ffee00ULL + i);
			for (unsigned i = c.items; i != 8; i++)
				top[i] = 0;
			pt_iommu_deinit(&t.iommu);
		}
	}
}
