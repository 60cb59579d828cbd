// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * pt_iommu_armv8_init(): pick the ARMv8 translation granule and build the
 * table with that granule's library.
 *
 * This object is part of every armv8 library. The definition is weak, so a
 * program linking two or three of them (even with --whole-archive) gets one
 * copy and no duplicate-symbol error; it calls all three granules' init, so
 * a program using it links libgenericpt_armv8_4k, _16k and _64k.
 */
#include <linux/generic_pt/iommu.h>
#include <linux/sizes.h>
#include <linux/errno.h>

#ifndef GENERICPT_PAGE_SIZE
#include <unistd.h>
#endif

/* The CPU page size the library was built for. */
static u64 armv8_cpu_page_size(void)
{
#ifdef GENERICPT_PAGE_SIZE
	return GENERICPT_PAGE_SIZE;
#else
	return (u64)sysconf(_SC_PAGESIZE);
#endif
}

/*
 * The CPU page size if supported; else the largest granule below it, so a
 * CPU page is a whole number of granules; else the smallest above it.
 */
static u64 armv8_pick_granule(u64 sizes, u64 page)
{
	u64 below = sizes & (page - 1);
	u64 above = sizes & ~(page - 1);

	if (sizes & page)
		return page;
	if (below)
		return (u64)1 << (63 - __builtin_clzll(below));
	return above & -above;
}

__attribute__((weak)) int
pt_iommu_armv8_init(struct pt_iommu_armv8 *table,
		    const struct pt_iommu_armv8_cfg *cfg, gfp_t gfp)
{
	const u64 all = SZ_4K | SZ_16K | SZ_64K;
	u64 sizes = cfg->granule_sizes ? cfg->granule_sizes : all;

	if (sizes & ~all)
		return -EINVAL;
	switch (armv8_pick_granule(sizes, armv8_cpu_page_size())) {
	case SZ_4K:
		return pt_iommu_armv8_4k_init(table, cfg, gfp);
	case SZ_16K:
		return pt_iommu_armv8_16k_init(table, cfg, gfp);
	default:
		return pt_iommu_armv8_64k_init(table, cfg, gfp);
	}
}
