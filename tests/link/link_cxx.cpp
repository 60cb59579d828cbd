// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * A C++ program linking two format libraries at once: both init, map,
 * translate and free without symbol clashes. Exit status 0 on success.
 */
#include <linux/generic_pt/iommu.h>
#include <genericpt/runtime.h>
#include <cstdio>

/*
 * The public headers leave no kernel attribute macros behind that would
 * break the program's own code or later headers.
 */
#if defined(noinline) || defined(fallthrough) || defined(__must_check) || \
	defined(__maybe_unused)
#error "the public genericpt headers leak kernel attribute macros"
#endif
[[maybe_unused]] __attribute__((noinline)) static int classify(int v)
{
	switch (v) {
	case 0:
		v++;
		[[fallthrough]];
	default:
		return v;
	}
}

/* C++ designated initializers must name every member in order; assign. */
static iommu_domain_ops make_ops(bool amd)
{
	iommu_domain_ops ops{};
	ops.iova_to_phys = amd ? pt_iommu_amdv1_iova_to_phys : pt_iommu_x86_64_iova_to_phys;
	ops.map_pages = amd ? pt_iommu_amdv1_map_pages : pt_iommu_x86_64_map_pages;
	ops.unmap_pages = amd ? pt_iommu_amdv1_unmap_pages : pt_iommu_x86_64_unmap_pages;
	return ops;
}
static const iommu_domain_ops amd_ops = make_ops(true);
static const iommu_domain_ops x86_ops = make_ops(false);

int main(void)
{
	struct pt_iommu_amdv1 amd = {};
	struct pt_iommu_x86_64 x86 = {};
	struct pt_iommu_amdv1_cfg amd_cfg = {}; amd_cfg.starting_level = 3;
	struct pt_iommu_x86_64_cfg x86_cfg = {}; x86_cfg.top_level = 3;
	struct genericpt_alloc_stats st;
	int fails = 0;

	if (pt_iommu_amdv1_init(&amd, &amd_cfg, GFP_KERNEL) ||
	    pt_iommu_x86_64_init(&x86, &x86_cfg, GFP_KERNEL)) {
		fprintf(stderr, "init failed\n");
		return 1;
	}
	amd.iommu.domain.ops = &amd_ops;
	x86.iommu.domain.ops = &x86_ops;
	fails += iommu_map(&amd.iommu.domain, 0x200000, 0x40000000, 0x400000,
			   IOMMU_READ | IOMMU_WRITE, GFP_KERNEL) != 0;
	fails += iommu_map(&x86.iommu.domain, 0x1000, 0x7000, 0x3000,
			   IOMMU_READ, GFP_KERNEL) != 0;
	fails += iommu_iova_to_phys(&amd.iommu.domain, 0x300123) != 0x40100123;
	fails += iommu_iova_to_phys(&x86.iommu.domain, 0x2456) != 0x8456;
	fails += iommu_unmap(&amd.iommu.domain, 0x200000, 0x400000) != 0x400000;
	pt_iommu_deinit(&amd.iommu);
	pt_iommu_deinit(&x86.iommu);
	genericpt_get_alloc_stats(&st);
	fails += st.live_tables != 0;
	printf("C++ link test: %s\n", fails ? "FAILED" : "ok");
	return fails != 0;
}
